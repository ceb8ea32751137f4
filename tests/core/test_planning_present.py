"""Display frames and sentences of the planning views (sotk_core.present.planning), by hand on
Dinas Uji (tests/builders.py) and on the edited rules table."""

from __future__ import annotations

import pandas as pd

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.like_units import GroupRule
from sotk_core.present import planning
from sotk_core.present.charts.planning import (
    formasi_bars,
    maturity_workload_plane,
    place_labels,
)
from tests.builders import POSITIONS, TASKS, opd_bytes


def test_formasi_sentence_by_hand(uji_eval):
    # 10 staff, 1 retiring (J03), need 11: J08 lacks 3, J06 spares 1 -> 2 new formasi
    plan = planning.formasi_plan(uji_eval)
    assert planning.formasi_sentence(plan, "Dinas Uji", "Dinas Uji") == (
        "Dinas Uji: dalam 2026–2030 1 pegawai pensiun; bezetting 10 orang menjadi 9 orang, "
        "kebutuhan ABK 11 orang. Kurang 3 orang: 1 dapat diisi dari pegawai yang lebih di "
        "jabatan lain, usulan formasi baru 2 orang.")
    assert planning.move_sentences(plan, "Dinas Uji") == [
        "1 orang: Analis Layanan (Seksi Layanan A) → Analis Layanan (Seksi Layanan B)"]


def test_retirements_by_year_puts_the_column_in_its_own_bar(uji_eval):
    # J03's retirement is known only from column Pensiun 5 Tahun
    frame = planning.retirements_by_year(planning.formasi_plan(uji_eval))
    assert frame.values.tolist() == [["2026", 0.0], ["2027", 0.0], ["2028", 0.0],
                                     ["2029", 0.0], ["2030", 0.0], ["Tanpa tahun", 1.0]]


def test_rules_round_trip_and_bad_rows():
    rules = [GroupRule("Kecamatan", "opd", "Kecamatan"),
             GroupRule("UPT Puskesmas", "unit", "UPT", "UPT Puskesmas*")]
    frame = planning.rules_frame(rules)
    assert frame.columns.tolist() == ["Kelompok", "Tingkat", "Jenis", "Pola nama"]
    assert planning.rules_from_frame(frame) == (rules, [])
    bad = pd.DataFrame([
        {"Kelompok": "", "Tingkat": "Unit", "Jenis": "Seksi", "Pola nama": ""},
        {"Kelompok": "Kecamatan", "Tingkat": "OPD", "Jenis": "Kecamatan", "Pola nama": ""},
        {"Kelompok": "Kecamatan", "Tingkat": "OPD", "Jenis": "", "Pola nama": ""},
        {"Kelompok": "X", "Tingkat": "Kota", "Jenis": "", "Pola nama": ""},
        {"Kelompok": "Y", "Tingkat": "OPD", "Jenis": "Seksi", "Pola nama": ""},
        {"Kelompok": "", "Tingkat": "", "Jenis": "", "Pola nama": ""}])
    got, problems = planning.rules_from_frame(bad)
    assert got == [GroupRule("Kecamatan", "opd", "Kecamatan")]
    assert problems[0] == "Baris 1: nama kelompok kosong."
    assert problems[1] == "Baris 3: kelompok 'Kecamatan' sudah ada; beri nama lain."
    assert problems[2] == "Baris 4: tingkat 'Kota' tidak dikenal; pilih OPD atau Unit."
    assert problems[3].startswith("Baris 5: jenis 'Seksi' bukan jenis OPD; pilih salah satu: "
                                  "Sekretariat Daerah")
    assert len(problems) == 4  # the blank last row is skipped


def test_quadrant_view_in_words(uji_eval):
    # Dinas Uji: maturity 11 × 3 = 33 (Sedang), EU 1,04 > 1,00: belum matang, beban berlebih;
    # every variable at level 3: the weakest is I, with 10 others
    row = planning.quadrant_view(uji_eval).iloc[0]
    assert row["quadrant"] == "Belum matang dan beban berlebih"
    assert row["weakest"] == "I Perencanaan Pembangunan Daerah (tingkat 3) dan 10 lainnya"
    assert row["top_unit"] == "Seksi Layanan B (EU 3,50)"
    assert planning.quadrant_counts(planning.quadrant_view(uji_eval))["belum_berlebih"] == ["DU"]


def test_labels_do_not_overlap_when_there_is_room():
    # three points in a row 100 px apart, labels of 5 characters: each goes straight above
    shifts = place_labels([10, 20, 30], [1, 1, 1], ["AAAAA"] * 3, (0, 40), (0, 2),
                          plot_px=(400, 200))
    assert [dx for dx, _ in shifts] == [0.0, 0.0, 0.0]
    assert len({dy for _, dy in shifts}) == 1 and shifts[0][1] > 0


def _boxes(x, y, texts, shifts, x_range, y_range, size, font=16):
    """Label boxes (0,56 em a character, DejaVu Sans on average) and marker centres in px."""
    w_px, h_px = size
    px = [(a - x_range[0]) / (x_range[1] - x_range[0]) * w_px for a in x]
    py = [(b - y_range[0]) / (y_range[1] - y_range[0]) * h_px for b in y]
    boxes = [(px[i] + dx - 0.28 * font * len(t), py[i] + dy - 0.5 * font,
              px[i] + dx + 0.28 * font * len(t), py[i] + dy + 0.5 * font)
             for i, (t, (dx, dy)) in enumerate(zip(texts, shifts, strict=True))]
    return boxes, list(zip(px, py, strict=True))


def test_sample_city_labels_miss_each_other_on_a_laptop_and_a_full_hd_screen(sample_eval):
    # the 17 placed OPD of the sample city crowd around EU 0,9 and total 37-45: at a plot
    # width of 520 px (1024 px screen, sidebar open), 800 px and 1300 px (1920 px screen),
    # all 570 px tall (a 760 px figure less its 76 + 110 px margins on screen), labels of
    # 15 px: no label touches another label or another OPD's point
    view = planning.quadrant_view(sample_eval)
    placed = view.loc[view["maturity_total"].notna() & view["eu2"].notna()]
    x, y = placed["maturity_total"].tolist(), placed["eu2"].tolist()
    texts = placed["abbr"].astype(str).tolist()
    assert len(texts) == 17
    x_range, y_range = (26.0, 55.0), (0.3, 1.5)
    shifts = place_labels(x, y, texts, x_range, y_range, font=15)
    for size in ((520, 570), (800, 570), (1300, 570)):
        boxes, points = _boxes(x, y, texts, shifts, x_range, y_range, size, font=15)
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                assert not (min(a[2], b[2]) > max(a[0], b[0])
                            and min(a[3], b[3]) > max(a[1], b[1])), (size, texts[i])
            for j, (cx, cy) in enumerate(points):
                assert not (a[0] < cx < a[2] and a[1] < cy < a[3]), (size, texts[i], texts[j])


def test_figures_build_on_dinas_uji(uji_eval):
    plan = planning.formasi_plan(uji_eval)
    fig = formasi_bars(planning.formasi_opd_view(plan, uji_eval), "2026–2030")
    assert [t.name for t in fig.data][:2] == ["Dari redistribusi (orang)",
                                               "Usulan formasi baru (orang)"]
    assert list(fig.data[0].x) == [1.0] and list(fig.data[1].x) == [2.0]
    plane = maturity_workload_plane(planning.quadrant_view(uji_eval), uji_eval.settings)
    (point,) = [t for t in plane.data if t.x is not None and len(t.x)]
    assert (list(point.x), list(point.y)) == ([33.0], [1.04])


def test_position_notes_name_where_people_come_from_and_go_to():
    # tests/core/test_formasi.py: J09 Pengolah Data (Seksi Layanan B) spares 1 and J06 Analis
    # Layanan (Seksi Layanan A) spares 1; J08 Analis Layanan (Seksi Layanan B, need 3, 0 staff)
    # takes J09's person first (same unit), then J06's (same OPD)
    positions = POSITIONS + [{"code": "J09", "name": "Pengolah Data", "unit": "01.02.02",
                              "kind": "Pelaksana", "grade": 6, "existing": 2}]
    tasks = TASKS + [{"position": "J09", "task": "Mengolah data", "output": "Data",
                      "volume": 1, "period": "Tahun", "norma": 75000, "time_unit": "Menit"}]
    ev = evaluate(build_city([read_workbook(
        opd_bytes(Jabatan=positions, **{"Beban Kerja": tasks}), "uji.xlsx")]), Settings())
    view = planning.formasi_positions_view(planning.formasi_plan(ev), "Dinas Uji")
    notes = dict(zip(view["code"], view["note"], strict=True))
    assert notes == {
        "J03": "",  # retires, moves nobody
        "J06": "1 orang ke Analis Layanan (Seksi Layanan B)",
        "J08": "1 orang dari Pengolah Data (Seksi Layanan B, unit yang sama); 1 orang dari "
               "Analis Layanan (Seksi Layanan A, OPD yang sama)",
        "J09": "1 orang ke Analis Layanan (Seksi Layanan B)"}


def test_formasi_chart_draws_the_opd_lacking_most_at_its_limit():
    """The page's formasi chart drew every OPD (40 OPD: about 2.000 px). At most `top` OPD are
    drawn, those lacking the most (file order among equals), with a note saying how many of
    how many; at the limit nothing is cut and the note stays out. OPD lacking nobody never
    count. Hand-built: OPD1..OPD5 lack 3, 0, 5, 3, 1 staff."""
    from sotk_core.present.charts.planning import FORMASI_BARS, lacking_most

    assert FORMASI_BARS == 15
    opds = pd.DataFrame({"opd": [f"Dinas {i}" for i in range(1, 6)],
                         "abbr": [f"OPD{i}" for i in range(1, 6)],
                         "formasi": [3, 0, 5, 3, 1], "new_formasi": [3, 0, 5, 3, 1],
                         "redistributed_in": [0] * 5, "need": [9] * 5, "existing": [6] * 5,
                         "retiring": [0] * 5})
    assert list(lacking_most(opds, 3)["abbr"]) == ["OPD3", "OPD1", "OPD4"]  # 5, 3, 3 (ties: file)

    def drawn(fig) -> list[str]:
        return list(fig.data[0].y)

    cut = formasi_bars(opds, "2026–2030", top=3)
    assert drawn(cut) == ["OPD1", "OPD4", "OPD3"]  # largest on top (plotly draws from below)
    assert cut.layout.title.subtitle.text.startswith(
        "Menampilkan 3 OPD dengan kekurangan terbesar dari 4; semua OPD ada di tabel Semua OPD.")
    whole = formasi_bars(opds, "2026–2030", top=4)  # 4 OPD lack staff: the limit, nothing cut
    assert sorted(drawn(whole)) == ["OPD1", "OPD3", "OPD4", "OPD5"]
    assert not whole.layout.title.subtitle.text.startswith("Menampilkan")

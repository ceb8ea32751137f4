"""The files officials already hold (issue 12, formats.md §1–§6): every layout of
tests/data/make_formats.py read by content, combined per OPD, converted to template v1.

The invented OPD, Dinas Perpustakaan dan Kearsipan, by hand (volumes per year with the e-ABK
ratios day × 240, week × 48, month × 12; norms in minutes ÷ 60 = hours):
  Kepala Dinas:        96 × 3 h + 12 × 40 h                 =   288 +   480        =   768 h
  Sekretaris:          24 × 20 h + 960 × 0,5 h              =   480 +   480        =   960 h
  Kasubag Umum:        12 × 25 h + 240 × 2,5 h              =   300 +   600        =   900 h
  Pengadm Perkantoran: 4.800 × 0,25 + 2.400 × 0,5 + 144 × 3,5 = 1.200 + 1.200 + 504 = 2.904 h
  Kabid Layanan:       6 × 80 h + 24 × 22,5 h               =   480 +   540        = 1.020 h
  Pustakawan AP:       2.880 × 0,75 + 7.200 × 0,2 + 12 × 45 = 2.160 + 1.440 + 540 = 4.140 h
  OPD: 10.692 h. Need against 1.250 h, half up: 0,6144→1, 0,768→1, 0,72→1, 2,3232→2,
  0,816→1, 3,312→3 = 9. Bezetting 1, 1, 1, 3, 1, 2 = 9: Pengadm +1 (surplus), Pustakawan −1
  (shortage). EU = 8,5536 / 9 = 0,9504 → 0,95 → B.
  Kematangan I–XI: 3, 2, 3, 4, 2, 3, 2, 1, 3, 2, 3 = 28 → Rendah (> 19 – 28, the upper edge),
  stage = min = 1; verified 3, 2, 2, 4, 2, 3, 2, 1, 3, 2, 2 = 26 → Rendah.
"""

from __future__ import annotations

import json

import pytest

from sotk_core import Settings, evaluate, load_files
from sotk_core.model.kelembagaan import compute_kelembagaan
from sotk_core.present.report import build_report
from sotk_core.workbook import read_workbook
from sotk_core.workbook.formats import read_files, source_notes, sources_frame
from sotk_core.workbook.formats._scan import differs
from sotk_core.workbook.formats.combine import CombinedWorkbook
from sotk_core.workbook.formats.convert import template_bytes, template_name
from sotk_core.workbook.formats.permendagri import plausible_unit
from tests.data import make_formats as mf

OPD = "Dinas Perpustakaan dan Kearsipan"
HOURS = {"Kepala Dinas": 768.0, "Sekretaris": 960.0,
         "Kepala Subbagian Umum dan Kepegawaian": 900.0, "Pengadministrasi Perkantoran": 2904.0,
         "Kepala Bidang Layanan Perpustakaan": 1020.0, "Pustakawan Ahli Pertama": 4140.0}
NEED = {"Kepala Dinas": 1, "Sekretaris": 1, "Kepala Subbagian Umum dan Kepegawaian": 1,
        "Pengadministrasi Perkantoran": 2, "Kepala Bidang Layanan Perpustakaan": 1,
        "Pustakawan Ahli Pertama": 3}
BEZETTING = {"Kepala Dinas": 1, "Sekretaris": 1, "Kepala Subbagian Umum dan Kepegawaian": 1,
             "Pengadministrasi Perkantoran": 3, "Kepala Bidang Layanan Perpustakaan": 1,
             "Pustakawan Ahli Pertama": 2}
UNITS = {("Dinas Perpustakaan dan Kearsipan", "OPD"), ("Sekretariat", "Sekretariat"),
         ("Subbagian Umum dan Kepegawaian", "Subbagian"),
         ("Bidang Layanan Perpustakaan", "Bidang")}
LEVELS = [3, 2, 3, 4, 2, 3, 2, 1, 3, 2, 3]
VERIFIED = [3, 2, 2, 4, 2, 3, 2, 1, 3, 2, 2]


def _report(*files: tuple[str, bytes]) -> dict:
    city = load_files(list(files), Settings())
    return build_report(evaluate(city, Settings()))


def _by_name(report: dict, key: str) -> dict[str, object]:
    return {p["name"]: p[key] for p in report["positions"]}


def _only(files: list[tuple[str, bytes]]) -> CombinedWorkbook:
    books, extra = read_files(files)
    assert len(books) == 1 and extra == []
    book = books[0]
    assert isinstance(book, CombinedWorkbook)
    return book


def _hours(book) -> dict[str, float]:
    t = book.tasks
    minutes = t["volume"] * t["norma"] * t["time_unit"].map({"Jam": 60.0, "Menit": 1.0})
    per_code = (minutes.groupby(t["position"]).sum() / 60).round(6).to_dict()
    names = dict(zip(book.positions["code"], book.positions["name"], strict=True))
    return {names[c]: h for c, h in per_code.items()}


def _issues(book) -> list[tuple[str, str | None, int | None, str | None]]:
    return [(i.severity, i.sheet, i.row, i.column) for i in book.issues]


ANJAB = ("anjab.xlsx", mf.anjab_bytes())
EFORMASI = ("eformasi.xlsx", mf.eformasi_bytes())
YA_TIDAK = ("kematangan.xlsx", mf.ya_tidak_bytes())
KELEMBAGAAN = ("kelembagaan.xlsx", mf.kelembagaan_bytes())


# --- the same OPD in every format gives the same figures -----------------------------------

TASK_SOURCES = {
    "anjab": [ANJAB],
    "permendagri": [("forms.xlsx", mf.permendagri_bytes())],
    "eabk": [("eabk.xlsx", mf.eabk_bytes())],
    "infojab": [(f"INFOJAB {j.name}.xlsx", mf.infojab_bytes(j, minutes=j.code in ("JB-002",
                                                                                    "JB-006")))
                for j in mf.JABATAN],
}


@pytest.mark.parametrize("layout", list(TASK_SOURCES))
def test_every_task_layout_gives_the_hand_computed_hours_and_need(layout):
    report = _report(*TASK_SOURCES[layout])
    assert _by_name(report, "workload_hours") == HOURS
    assert _by_name(report, "need") == NEED
    (opd,) = report["opd"]
    assert (opd["workload_hours"], opd["need"]) == (10692.0, 9.0)


@pytest.mark.parametrize("layout", ["anjab", "permendagri"])
def test_layouts_carrying_bezetting_give_it_and_the_gaps(layout):
    report = _report(*TASK_SOURCES[layout])
    assert _by_name(report, "existing") == BEZETTING
    (opd,) = report["opd"]
    assert (opd["existing"], opd["surplus"], opd["shortage"]) == (9.0, 1.0, 1.0)
    assert opd["pu"] == "B" and opd["eu"] == pytest.approx(8.5536 / 9)


@pytest.mark.parametrize("layout", ["anjab", "permendagri", "eabk"])
def test_the_unit_tree_comes_from_the_unit_lines(layout):
    (book,), _ = read_files(TASK_SOURCES[layout])
    assert set(zip(book.units["name"], book.units["kind"], strict=True)) == UNITS
    kinds = dict(zip(book.positions["name"], book.positions["kind"], strict=True))
    assert kinds == {j.name: j.kind for j in mf.JABATAN}


def test_a_layout_without_bezetting_leaves_it_unknown_never_zero():
    report = _report(*TASK_SOURCES["eabk"])
    assert set(_by_name(report, "existing").values()) == {None}
    assert set(_by_name(report, "ej").values()) == {None}
    (opd,) = report["opd"]
    assert (opd["existing"], opd["surplus"], opd["shortage"], opd["eu"]) == (None,) * 4
    assert report["city"]["existing"] is None  # an unknown OPD makes the city's unknown too
    warning = [i for i in report["issues"] if "bezetting tidak ada untuk 6 jabatan" in i["message"]]
    assert len(warning) == 1 and warning[0]["severity"] == "warning"


def test_e_formasi_adds_bezetting_and_retirements_to_an_e_abk_form():
    book = _only([("eabk.xlsx", mf.eabk_bytes()), EFORMASI])
    existing = dict(zip(book.positions["name"], book.positions["existing"], strict=True))
    retiring = dict(zip(book.positions["name"], book.positions["retiring"], strict=True))
    assert existing == BEZETTING
    # Pengadm retires in 2026, Pustakawan in 2028: both inside 2026–2030
    assert retiring == {**dict.fromkeys(BEZETTING, 0.0), "Pengadministrasi Perkantoran": 1.0,
                        "Pustakawan Ahli Pertama": 1.0}
    codes = dict(zip(book.positions["code"], book.positions["name"], strict=True))
    per_year = [(codes[c], y, n) for c, y, n in zip(book.retirements["position"],
                                                    book.retirements["year"],
                                                    book.retirements["count"], strict=True)]
    assert per_year == [("Pengadministrasi Perkantoran", 2026.0, 1.0),
                        ("Pustakawan Ahli Pertama", 2028.0, 1.0)]
    back = read_workbook(template_bytes(book), "t.xlsx")  # the sheet Pensiun round-trips
    assert back.retirements[["position", "year", "count"]].values.tolist() == \
        book.retirements[["position", "year", "count"]].values.tolist()


# --- convert -> read back as template v1 -----------------------------------------------------

def test_convert_then_read_back_gives_the_same_report():
    files = [ANJAB, EFORMASI, YA_TIDAK, KELEMBAGAAN]
    direct = _report(*files)
    books, _ = read_files(files)
    (book,) = books
    data = template_bytes(book)
    back = read_workbook(data, template_name(book))
    assert back.ok and back.issues == ()
    again = _report((template_name(book), data))

    def strip(report: dict) -> str:
        report = {k: v for k, v in report.items() if k != "issues"}
        for opd in report["opd"] + report["formasi"]["opd"]:
            opd.pop("file")
        return json.dumps(report, sort_keys=True)

    assert strip(again) == strip(direct)
    assert template_name(book) == "Dinas Perpustakaan dan Kearsipan.xlsx"
    assert "Petunjuk" in __import__("openpyxl").load_workbook(
        __import__("io").BytesIO(data)).sheetnames
    (opd,) = direct["opd"]
    assert (opd["maturity_total"], opd["maturity_category"], opd["maturity_stage"]) == (
        28.0, "Rendah", 1.0)


def test_convert_keeps_unknown_bezetting_blank_so_reading_back_asks_for_it():
    (book,), _ = read_files(TASK_SOURCES["eabk"])
    back = read_workbook(template_bytes(book), "x.xlsx")
    missing = [(i.sheet, i.row, i.column) for i in back.errors]
    assert missing == [("Jabatan", r, "Pegawai") for r in range(2, 8)]


def test_cli_convert_writes_one_workbook_per_opd(tmp_path):
    from sotk_core.__main__ import main

    for name, data in (ANJAB, ("unor.xlsx", mf.unor_bytes())):
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "hasil"
    code = main(["convert", str(tmp_path / "anjab.xlsx"), str(tmp_path / "unor.xlsx"),
                 "-o", str(out)])
    assert code == 0
    assert sorted(p.name for p in out.iterdir()) == ["DINAS KESEHATAN.xlsx",
                                                     "Dinas Perpustakaan dan Kearsipan.xlsx"]
    # the UNOR-only OPD is a skeleton: 2 jabatan without tasks, bezetting to be filled
    skeleton = read_workbook((out / "DINAS KESEHATAN.xlsx").read_bytes(), "k.xlsx")
    assert skeleton.positions["name"].tolist() == ["KEPALA DINAS KESEHATAN", "SEKRETARIS"]
    assert len(skeleton.tasks) == 0


# --- per layout: variants and broken rows ----------------------------------------------------

def test_anjab_variant_minutes_lower_case_ikhtisar_shifted_columns():
    book = _only([("v.xlsx", mf.anjab_bytes(variant=True))])
    assert _hours(book) == HOURS
    assert set(book.tasks["time_unit"]) == {"Menit"}
    assert any("dibaca MENIT karena waktu efektif di form 75.000" in n.text
               for n in source_notes(book))
    assert dict(zip(book.positions["name"], book.positions["existing"], strict=True)) == BEZETTING


def test_anjab_broken_row_names_file_sheet_row_column():
    book = _only([("rusak.xlsx", mf.anjab_bytes(broken=True))])
    errors = [(i.file, i.sheet, i.row, i.column) for i in book.errors]
    # 4. Pengadm Perkantoran: tasks from Excel row 23; the second task's JUMLAH HASIL in I24
    assert errors == [("rusak.xlsx", "4. Pengadm Perkantoran", 24, "I")]
    assert "JUMLAH HASIL berisi teks 'banyak'" in book.errors[0].message


def test_anjab_task_table_sits_below_the_15_row_scan_and_tahapan_stay_one_task():
    book = _only([ANJAB])
    assert book.tasks["row"].min() == 23  # header on row 21, numbers on 22
    assert book.tasks["task"].iloc[0] == ("Memimpin rapat koordinasi pimpinan Tahapan: 1. "
                                          "Menyiapkan bahan; 2. Melaksanakan.")
    assert len(book.tasks) == 14


def test_anjab_rekap_need_differing_from_ours_is_a_warning():
    report = _report(ANJAB)
    assert not [i for i in report["issues"] if i["severity"] == "warning"]
    slip = _report((ANJAB[0], mf.anjab_bytes()), ("unor.xlsx", mf.unor_bytes(need_pustakawan=4)))
    (w,) = [i for i in slip["issues"] if "selisih lebih dari 1 %" in i["message"]]
    assert (w["file"], w["sheet"], w["row"], w["column"]) == ("unor.xlsx", "Sheet1", 9, "O")
    assert w["message"].startswith("Nilai di form 4 untuk 'PUSTAKAWAN AHLI PERTAMA', hitungan "
                                   "aplikasi kebutuhan 3 orang (4.140 jam / 1.250)")


@pytest.mark.parametrize("variant", [False, True])
def test_infojab_wke_decides_hours_or_minutes(variant):
    j = mf.JABATAN[5]
    for minutes in (False, True):
        book = _only([(f"INFOJAB {j.name}.xlsx", mf.infojab_bytes(j, minutes=minutes,
                                                                  variant=variant))])
        assert _hours(book) == {j.name: 4140.0}
        assert book.positions["code"].tolist() == ["JB-006"]
        assert book.positions["grade"].tolist() == [8.0]


def test_infojab_joins_the_anjab_opd_by_code_and_a_broken_row_is_named():
    j = mf.JABATAN[3]
    books, extra = read_files([ANJAB, ("ij.xlsx", mf.infojab_bytes(j, broken=True))])
    (book,) = books
    assert book.name == OPD and extra == []
    assert ("error", "INFOJAB II", 4, "D") in _issues(book)
    assert any("dimasukkan ke Dinas Perpustakaan dan Kearsipan karena kode jabatannya" in n.text
               for n in source_notes(book))


def test_unor_gives_the_tree_in_any_column_order_and_eselon_codes():
    for variant in (False, True):
        (book,), extra = read_files([ANJAB, ("unor.xlsx", mf.unor_bytes(variant=variant))])
        (skipped,) = extra  # Dinas Kesehatan: only its tree, no other file
        assert skipped.severity == "warning" and "DINAS KESEHATAN" in skipped.message
        assert {(n.casefold(), k) for n, k in zip(book.units["name"], book.units["kind"],
                                                   strict=True)} == {
            (n.casefold(), k) for n, k in UNITS}
        assert _hours(book) == HOURS


def test_unor_broken_need_cell_names_its_row_and_column():
    books, extra = read_files([ANJAB, ("unor.xlsx", mf.unor_bytes(broken=True))])
    issues = [(i.file, i.sheet, i.row, i.column) for i in [*extra, *books[0].issues]
              if i.severity == "error"]
    assert issues == [("unor.xlsx", "Sheet1", 7, "O")]


def test_e_formasi_variant_and_broken_row():
    book = _only([ANJAB, ("ef.xlsx", mf.eformasi_bytes(variant=True))])
    assert dict(zip(book.positions["name"], book.positions["retiring"], strict=True))[
        "Pustakawan Ahli Pertama"] == 1.0
    broken = _only([("eabk.xlsx", mf.eabk_bytes()), ("ef.xlsx", mf.eformasi_bytes(broken=True))])
    # header rows 5–6, Sekretaris on row 8, bezetting in column F
    assert [(i.file, i.sheet, i.row, i.column) for i in broken.errors] == [
        ("ef.xlsx", "Bezetting", 8, "F")]


def test_permendagri_variant_and_unit_from_form_c():
    book = _only([("f.xlsx", mf.permendagri_bytes(variant=True))])
    assert _hours(book) == HOURS
    assert any("dibaca MENIT: Σ volume × norma ÷ 60 sama dengan beban kerja" in n.text
               for n in source_notes(book))


def test_permendagri_without_form_c_infers_the_unit_and_says_so():
    book = _only([("f.xlsx", mf.permendagri_bytes(with_cd=False))])
    assert _hours(book) == HOURS
    (note,) = [n.text for n in source_notes(book) if "tidak tertulis; dibaca MENIT" in n.text]
    # need per jabatan reading minutes, sorted: 0,6144 0,72 0,768 0,816 2,3232 3,312;
    # median (0,768 + 0,816) / 2 = 0,792; reading hours 60 × that = 47,52
    assert "median 0,79 orang per jabatan; bila jam: 47,52 orang" in note


def test_permendagri_undecidable_unit_asks_the_user():
    # norms × 0,18: reading hours gives a median of 8,55 orang, reading minutes 0,14: neither fits
    book = _only([("f.xlsx", mf.permendagri_bytes(with_cd=False, norm_scale=0.18))])
    (error,) = book.errors
    assert "Tulis (JAM) atau (MENIT) pada judul kolom NORMA WAKTU" in error.message


def test_permendagri_form_c_hours_differing_from_form_a_is_a_warning():
    book = _only([("f.xlsx", mf.permendagri_bytes(slip=True))])
    assert _hours(book) == HOURS  # the unit is still decided by the other five jabatan
    (w,) = book.warnings
    # FORM C: header on row 4, Pustakawan (6th) on row 10, hours in column C; 4.200 vs 4.140
    # is 1,4 % apart
    assert (w.sheet, w.row, w.column) == ("FORM C", 10, "C")
    assert w.message.startswith("Nilai di form 4.200 untuk 'Pustakawan Ahli Pertama', "
                                "hitungan aplikasi beban kerja 4.140 jam")


def test_permendagri_broken_row():
    book = _only([("f.xlsx", mf.permendagri_bytes(broken=True))])
    # FORM A (2): labels rows 4–6, header on 8, numbers on 9, first task on 10, NORMA in E
    assert [(i.sheet, i.row, i.column) for i in book.errors] == [("FORM A (2)", 10, "E")]
    assert "harus lebih dari 0" in book.errors[0].message


@pytest.mark.parametrize("boundary,unit", [(0.15, "Jam"), (8.0, "Jam"), (8.01, None),
                                           (8.99, None), (9.0, "Menit"), (480.0, "Menit"),
                                           (480.1, None), (0.149, None)])
def test_plausibility_band_boundaries(boundary, unit):
    assert plausible_unit(boundary) == unit


def test_eabk_periods_from_the_wke_and_the_ratios_are_stated():
    book = _only([("e.xlsx", mf.eabk_bytes(variant=True))])
    assert _hours(book) == HOURS
    (note,) = [n.text for n in source_notes(book) if n.text.startswith("Volume per periode")]
    for part in ("per Hari (72.000/300) × 240", "per Minggu (72.000/1.500) × 48",
                 "per Bulan (72.000/6.000) × 12", "per Tahun (72.000/72.000) × 1"):
        assert part in note
    # Kepala Dinas' weekly meeting: 2 a week × 48 = 96 a year
    assert book.tasks["volume"].iloc[0] == 96


def test_eabk_broken_wke_and_an_arithmetic_slip():
    book = _only([("e.xlsx", mf.eabk_bytes(broken=True))])
    # block 1: labels rows 4–7, header 8, numbers 9, first task row 10, WKE in column E
    assert [(i.sheet, i.row, i.column) for i in book.errors] == [("ABK", 10, "E")]
    slip = _only([("e.xlsx", mf.eabk_bytes(slip=True))])
    warnings = [(i.row, i.column) for i in slip.warnings if "hitungan ulang" in i.message]
    total = [(i.row, i.column) for i in slip.warnings if "JUMLAH kebutuhan" in i.message]
    assert len(warnings) == 1 and warnings[0][1] == "G" and len(total) == 1


def test_wke_of_the_form_differing_from_the_settings_is_said_once():
    book = _only([("e.xlsx", mf.eabk_bytes())])
    (w,) = [i for i in book.warnings if "waktu kerja efektif 1.200 jam" in i.message]
    assert w.sheet is None


def test_kematangan_ya_tidak_levels_total_and_boundary_category():
    report = _report(ANJAB, YA_TIDAK)
    (opd,) = report["opd"]
    assert (opd["maturity_total"], opd["maturity_category"], opd["maturity_stage"]) == (
        28.0, "Rendah", 1.0)  # 28 is the upper edge of Rendah
    book = _only([ANJAB, YA_TIDAK])
    assert book.maturity["self_level"].tolist() == LEVELS


def test_kematangan_verifier_copy_gives_the_verified_levels():
    book = _only([ANJAB, ("v.xlsx", mf.ya_tidak_bytes(verifier=True))])
    assert book.maturity["verified_level"].tolist() == VERIFIED
    report = _report(ANJAB, ("v.xlsx", mf.ya_tidak_bytes(verifier=True)))
    assert report["opd"][0]["maturity_total"] == 26.0  # verified wins: 28 − 1 (III) − 1 (XI)


def test_kematangan_non_cumulative_answer_is_a_warning_not_a_crash():
    book = _only([ANJAB, ("g.xlsx", mf.ya_tidak_bytes(gap=True))])
    assert book.maturity["self_level"].tolist()[7] == 1
    (w,) = [i for i in book.warnings if "Variabel VIII" in i.message]
    assert "Tingkat III dijawab YA tetapi Tingkat II TIDAK" in w.message


def test_kematangan_variants_and_broken_answers():
    numbered = _only([ANJAB, ("n.xlsx", mf.ya_tidak_bytes(variant=True))])
    assert numbered.maturity["self_level"].tolist() == LEVELS
    broken = _only([ANJAB, ("b.xlsx", mf.ya_tidak_bytes(broken=True))])
    # title rows 1–2, header row 4, VARIABEL I on 5, Tingkat I's first indicator on row 6
    assert [(i.file, i.sheet, i.row, i.column) for i in broken.errors] == [
        ("b.xlsx", "Instrumen", 6, "D")]


def test_kematangan_pilih_tingkat_and_its_variants():
    for variant in (False, True):
        book = _only([ANJAB, ("p.xlsx", mf.pilih_bytes(variant=variant, verifier=True))])
        assert book.maturity["self_level"].tolist() == LEVELS
        assert book.maturity["verified_level"].tolist() == VERIFIED
    broken = _only([ANJAB, ("p.xlsx", mf.pilih_bytes(broken=True))])
    # header row 3; variable IV starts on row 4 + 3 × 6 = 22, its Tingkat 4 on row 26
    assert [(i.sheet, i.row, i.column) for i in broken.errors][:1] == [("Kuesioner", 26, "C")]


def test_kelembagaan_questionnaire_scores_by_hand():
    book = _only([ANJAB, KELEMBAGAAN])
    assert len(book.kelembagaan) == 62
    answers = book.kelembagaan.assign(opd=OPD)
    row = compute_kelembagaan(answers, {OPD: False}).iloc[0]
    # Perbaikan v = 3, 2, 2, 2 → 10 × 9/16; Kompleksitas without items 8–9: 7 negatives at
    # v 2 + 5 positives at v 3 = 29 over 12 items → 25 × 29/48; the rest answer c
    assert row["Perbaikan Proses"] == pytest.approx(5.625)
    assert row["Kompleksitas"] == pytest.approx(25 * 29 / 48)
    expected = (25 * 29 / 48 + 12.5 * 19 / 28 + 12.5 * 29 / 44 + 7.5 + 7.5 + 5.625 + 10 * 16 / 24
                + 7.0)
    assert row["total"] == pytest.approx(expected) and row["rank"] == "P-4"


def test_kelembagaan_variant_and_broken_answer():
    variant = _only([ANJAB, ("k.xlsx", mf.kelembagaan_bytes(variant=True))])
    assert variant.kelembagaan["answer"].tolist() == KELEMBAGAAN_ANSWERS
    broken = _only([ANJAB, ("k.xlsx", mf.kelembagaan_bytes(broken=True))])
    # title rows 1–2, header on row 4, item n on row 4 + n: item 20 (Formalisasi 6) on row 24
    assert [(i.sheet, i.row, i.column) for i in broken.errors] == [("Kuesioner", 24, "E")]


KELEMBAGAAN_ANSWERS = [3.0] * 14 + [3.0] * 7 + [3.0] * 11 + [3.0] * 8 + [3.0] * 7 + [
    3.0, 3.0, 2.0, 3.0] + [3.0] * 6 + [3.0] * 5


# --- combining, matching, messages -------------------------------------------------------------

def test_the_summary_says_what_each_file_gave_and_what_is_missing():
    books, _ = read_files([("eabk.xlsx", mf.eabk_bytes()), YA_TIDAK])
    frame = sources_frame(books)
    assert list(frame.columns) == ["OPD", "File", "Format", "Status", "Keterangan"]
    rows = {(r["File"], r["Status"], r["Keterangan"]) for r in frame.to_dict(orient="records")}
    assert ("eabk.xlsx", "dipakai", "6 jabatan dengan 14 uraian tugas") in rows
    assert ("kematangan.xlsx", "dipakai", "kematangan 11 variabel") in rows
    assert any(s == "belum ada" and t.startswith("bezetting tidak ada untuk 6 jabatan")
               for _, s, t in rows)


def test_unmatched_names_are_listed():
    extra = mf.JABATAN + (mf.Jabatan("JB-007", "Arsiparis Ahli Muda", "7", (mf.BIDANG,),
                                     "Fungsional", 9, (("III/c", 1),), None, ()),)
    book = _only([("a.xlsx", mf.anjab_bytes(rekap_extra=extra[-1:]))])
    unmatched = [n.text for n in source_notes(book) if n.status == "tidak cocok"]
    assert unmatched == ["jabatan 'Arsiparis Ahli Muda' tidak cocok dengan jabatan mana pun "
                         "(tidak ada nama yang sama)"]


def test_an_unrecognised_workbook_names_every_layout_tried():
    import io

    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf)
    wb.add_worksheet("Data").write(0, 0, "sesuatu")
    wb.close()
    books, _ = read_files([("lain.xlsx", buf.getvalue())])
    (error,) = books[0].errors
    for expected in ("Template SOTK v1: sheet Profil, Unit, Jabatan dan Beban Kerja",
                     "Anjab-ABK PermenPANRB 1/2020", "URAIAN TUGAS | HASIL KERJA | JUMLAH HASIL",
                     "SIASN INFOJAB", "SIASN UNOR", "Template bezetting e-Formasi",
                     "Form ABK Permendagri 12/2008", "Form e-ABK",
                     "Instrumen kematangan YA/TIDAK", "Kuesioner kematangan pilih tingkat",
                     "Kuesioner evaluasi kelembagaan"):
        assert expected in error.message


def test_one_bad_file_never_stops_the_others():
    report = _report(ANJAB, ("rusak.xlsx", b"bukan excel"), EFORMASI)
    assert [o["name"] for o in report["opd"]] == [OPD]
    assert any(i["file"] == "rusak.xlsx" and i["severity"] == "error" for i in report["issues"])


def test_template_v1_files_are_read_exactly_as_before(tmp_path):
    from pathlib import Path

    from sotk_core import build_city

    paths = sorted(Path("sample_data").glob("*.xlsx"))
    files = [(p.name, p.read_bytes()) for p in paths]
    before = build_report(evaluate(build_city([read_workbook(d, n) for n, d in files]),
                                   Settings()))
    assert _report(*files) == before


def test_a_questionnaire_completes_a_template_v1_workbook():
    from tests.builders import opd_bytes

    data = opd_bytes({"name": OPD}, Kematangan=None)
    books, _ = read_files([("t.xlsx", data), YA_TIDAK])
    (book,) = books
    assert book.maturity["self_level"].tolist() == LEVELS
    assert [n.status for n in source_notes(book)][:2] == ["dipakai", "dipakai"]


def test_differs_is_one_percent_of_the_larger():
    assert not differs(100.0, 101.0)  # 1 apart, 1 % of 101 = 1,01
    assert differs(100.0, 101.1)
    assert not differs(0.0, 0.004)  # display rounding


def test_the_committed_fixture_files_are_what_the_generator_writes():
    from pathlib import Path

    committed = Path(__file__).resolve().parents[1] / "data" / "formats"
    for name, build in mf.standard_files().items():  # stale? run: python tests/data/make_formats.py
        assert (committed / name).read_bytes() == build(), name

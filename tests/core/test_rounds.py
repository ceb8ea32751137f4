"""Rounds over time (sotk_core.model.rounds), on Dinas Uji of tests/builders.py.

By hand (domain.md: EU = Σ need_raw / Σ existing):
  2025: need_raw 0.8+0.96+1.2+0.8+0.724+2.4+1.0+2.5 = 10.384, existing 10 -> EU 1.0384,
        need 11, maturity 11 × 3 = 33 (Sedang)
  2026: J03 removed (need_raw 1.2, 2 people, need 1), J08 0 -> 2 people, J09 added with
        1 person and no task; maturity 11 × 4 = 44 (Tinggi)
        need_raw 9.184, existing 10 - 2 + 2 + 1 = 11 -> EU 0.83491, need 10
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.rounds import round_changes, round_trend
from tests.builders import MATURITY, POSITIONS, TASKS, opd_bytes


def _ev(data: bytes):
    return evaluate(build_city([read_workbook(data, "uji.xlsx")]), Settings())


@pytest.fixture(scope="module")
def two_rounds():
    positions = [p for p in POSITIONS if p["code"] != "J03"]
    positions = [{**p, "existing": 2} if p["code"] == "J08" else p for p in positions]
    positions.append({"code": "J09", "name": "Analis Baru", "unit": "01.02.02",
                      "kind": "Pelaksana", "grade": 7, "existing": 1})
    tasks = [t for t in TASKS if t["position"] != "J03"]
    maturity = [{**m, "verified_level": 4} for m in MATURITY]
    later = opd_bytes(None, Jabatan=positions, **{"Beban Kerja": tasks}, Kematangan=maturity)
    return ("2025", _ev(opd_bytes())), ("2026", _ev(later))


def test_city_and_opd_trend_across_rounds(two_rounds):
    trend = round_trend(two_rounds)
    assert trend.rounds == ("2025", "2026")
    city = trend.city.set_index("round")
    assert city.loc["2025", "eu"] == pytest.approx(1.0384)
    assert city.loc["2026", "eu"] == pytest.approx(9.184 / 11)
    assert city["need"].tolist() == [11, 10] and city["existing"].tolist() == [10, 11]
    assert city["maturity_mean"].tolist() == [33, 44]
    assert city["maturity_category"].tolist() == ["Sedang", "Tinggi"]
    opd = trend.for_opd("Dinas Uji")
    assert opd["round"].tolist() == ["2025", "2026"]
    assert opd["maturity_total"].tolist() == [33, 44]


def test_what_changed_since_the_previous_round(two_rounds):
    ch = round_changes(*two_rounds)
    assert (ch.previous, ch.current) == ("2025", "2026")
    assert ch.positions_added[["code", "name", "existing"]].values.tolist() == [
        ["J09", "Analis Baru", 1.0]]
    assert ch.positions_removed[["code", "name", "existing"]].values.tolist() == [
        ["J03", "Pengadministrasi Umum", 2.0]]
    assert ch.staff_changes[["code", "existing_before", "existing_after", "delta"]
                            ].values.tolist() == [["J08", 0.0, 2.0, 2.0]]
    row = ch.opd.iloc[0]
    assert row["status"] == "tetap"
    assert row["eu_delta"] == pytest.approx(9.184 / 11 - 1.0384)
    assert row["maturity_delta"] == 11 and row["existing_delta"] == 1 and row["need_delta"] == -1
    city = ch.city.set_index("measure")
    assert city.loc["existing", "delta"] == 1 and city.loc["need", "delta"] == -1
    assert not ch.empty


def test_an_opd_new_in_this_round_and_one_that_left(two_rounds):
    (_, ev25), _ = two_rounds
    other = _ev(opd_bytes({"name": "Dinas Baru"}))
    ch = round_changes(("2025", ev25), ("2026", other))
    status = dict(zip(ch.opd["opd"], ch.opd["status"], strict=True))
    assert status == {"Dinas Uji": "tidak ada lagi", "Dinas Baru": "baru"}
    assert len(ch.positions_added) == len(ch.positions_removed) == 8


def test_the_same_round_twice_has_no_changes(two_rounds):
    first, _ = two_rounds
    ch = round_changes(first, first)
    assert ch.empty and ch.staff_changes.empty
    assert (ch.city["delta"] == 0).all()


def test_deck_gets_the_round_slides_after_the_city_part(two_rounds):
    from sotk_core.model.rounds import round_trend
    from sotk_core.present.deck import build_deck

    (_, _), (_, ev26) = two_rounds
    plain = build_deck(ev26)
    with_rounds = build_deck(ev26, rounds=(round_trend(two_rounds), round_changes(*two_rounds)))
    assert len(with_rounds) == len(plain) + 2
    keys = [s.key for s in with_rounds]
    i = keys.index("putaran.perubahan")
    assert keys[i + 1] == "putaran.tren"
    slide = with_rounds[i]
    assert slide.title == "Perubahan sejak putaran 2025"
    # by hand (module docstring): EU 1,04 -> 0,83, need 11 -> 10, existing 10 -> 11
    assert slide.bullets[0] == ("Kota: EU kota 0,83 (\u22120,20); Kebutuhan 10 orang (\u22121); "
                                "Pegawai ada 11 orang (+1); Kematangan rata-rata 44,0 (+11,0).")
    assert slide.bullets[1] == "1 jabatan baru dan 1 jabatan tidak ada lagi."
    assert slide.bullets[2] == "Pegawai berubah di 1 jabatan: +2 dan \u22120 orang."
    fig = with_rounds[i + 1].figure
    assert list(fig.data[0].x) == ["2025", "2026"]
    assert [round(v, 4) for v in fig.data[0].y] == [1.0384, round(9.184 / 11, 4)]


def test_results_workbook_gets_the_round_sheets(two_rounds):
    import io

    import openpyxl

    from sotk_core.model.rounds import round_trend
    from sotk_core.present.xlsx import results_workbook_bytes

    (_, _), (_, ev26) = two_rounds
    data = results_workbook_bytes(ev26, rounds=(round_trend(two_rounds),
                                                round_changes(*two_rounds)))
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for name in ("Tren Kota", "Tren OPD", "Perubahan OPD", "Jabatan Baru", "Jabatan Dihapus",
                 "Perubahan Pegawai"):
        assert name in wb.sheetnames
    rows = list(wb["Perubahan Pegawai"].iter_rows(values_only=True))
    header = rows[2]
    j08 = dict(zip(header, rows[3], strict=False))
    assert j08["Kode"] == "J08" and j08["Pegawai sebelumnya (orang)"] == 0
    assert j08["Pegawai sekarang (orang)"] == 2 and j08["Perubahan"] == 2
    assert "Tren Kota" not in openpyxl.load_workbook(
        io.BytesIO(results_workbook_bytes(ev26))).sheetnames

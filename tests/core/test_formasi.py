"""Five-year formasi plan (sotk_core.model.formasi), computed by hand on Dinas Uji.

Dinas Uji (tests/builders.py), need by hand: J01–J05 and J07 need 1 with 1 staff; J03
Pengadministrasi Umum (Sekretariat) need 1 with 2 staff and Pensiun 5 Tahun 1; J06 Analis
Layanan (Seksi Layanan A) need 2 (2,4 FTE) with 3 staff; J08 Analis Layanan (Seksi Layanan B)
need 3 (2,5 half up) with 0 staff. Every other position has no Pensiun 5 Tahun.
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.formasi import SUMS, compute_formasi
from tests.builders import POSITIONS, TASKS, opd_bytes


def plan(profile: dict | None = None, **tables):
    books = [read_workbook(opd_bytes(profile, **tables), "uji.xlsx")]
    ev = evaluate(build_city(books), Settings())
    return compute_formasi(ev.city, ev.workload)


def row(result, code: str) -> dict:
    p = result.positions
    return p.loc[p["code"] == code].iloc[0].to_dict()


def with_position(code: str, **changes) -> list[dict]:
    return [{**p, **changes} if p["code"] == code else p for p in POSITIONS]


def test_need_4_bezetting_3_two_retiring_gives_formasi_3():
    # J06: 1,000 per semester × 150 min = 300,000 min = 5,000 h -> 4,0 FTE -> need 4;
    # 3 staff, 2 of them retire: projected 1, formasi max(4 − (3 − 2), 0) = 3
    tasks = [{**t, "norma": 150} if t["position"] == "J06" else t for t in TASKS]
    result = plan(Jabatan=with_position("J06", retiring=2), **{"Beban Kerja": tasks})
    j06 = row(result, "J06")
    assert (j06["need"], j06["existing"], j06["retiring"]) == (4, 3, 2)
    assert (j06["projected"], j06["formasi"], j06["excess"]) == (1, 3, 0)
    assert j06["retiring_source"] == "kolom"
    # no position can spare anyone now (J06 lost its surplus): all of it is new formasi
    assert (j06["redistributed_in"], j06["new_formasi"]) == (0, 3)
    assert result.moves.empty


def test_need_equal_to_projected_gives_no_formasi_and_no_excess():
    # J03: need 1, 2 staff, 1 retiring -> projected 1 = need: formasi 0, excess 0
    j03 = row(plan(), "J03")
    assert (j03["projected"], j03["formasi"], j03["excess"]) == (1, 0, 0)


def test_surplus_in_another_unit_fills_a_vacant_position():
    # J06 can spare 3 − 2 = 1 (Seksi A); J08 lacks 3 − 0 = 3 (Seksi B), same OPD
    result = plan()
    assert result.moves.loc[:, ["from_code", "to_code", "count", "scope"]].values.tolist() == [
        ["J06", "J08", 1.0, "opd"]]
    j08 = row(result, "J08")
    assert (j08["formasi"], j08["redistributed_in"], j08["new_formasi"]) == (3, 1, 2)
    assert row(result, "J06")["excess_left"] == 0


def test_a_surplus_in_the_same_unit_is_offered_first():
    # J09 Pengolah Data in Seksi B (J08's unit): 75,000 min -> need 1, 2 staff: spares 1.
    # J06 in Seksi A has the same name as J08 and spares 1 too, but the same unit comes first.
    positions = POSITIONS + [{"code": "J09", "name": "Pengolah Data", "unit": "01.02.02",
                              "kind": "Pelaksana", "grade": 6, "existing": 2}]
    tasks = TASKS + [{"position": "J09", "task": "Mengolah data", "output": "Data",
                      "volume": 1, "period": "Tahun", "norma": 75000, "time_unit": "Menit"}]
    result = plan(Jabatan=positions, **{"Beban Kerja": tasks})
    moves = result.moves.loc[:, ["from_code", "to_code", "count", "scope"]].values.tolist()
    assert moves == [["J09", "J08", 1.0, "unit"], ["J06", "J08", 1.0, "opd"]]
    j08 = row(result, "J08")
    assert (j08["formasi"], j08["redistributed_in"], j08["new_formasi"]) == (3, 2, 1)


def test_structural_positions_are_neither_source_nor_target():
    # J07 Kepala Seksi B (Pengawas) vacant: need 1, formasi 1; J08 fully staffed (3 of 3);
    # J06's spare person is not offered to the head post and stays excess
    positions = [{**p, "existing": {"J07": 0, "J08": 3}.get(p["code"], p["existing"])}
                 for p in POSITIONS]
    result = plan(Jabatan=positions)
    assert result.moves.empty
    j07 = row(result, "J07")
    assert (j07["structural"], j07["formasi"], j07["new_formasi"]) == (True, 1, 1)
    assert row(result, "J06")["excess_left"] == 1


def test_city_units_and_opd_totals_are_sums_of_positions():
    dua = [{**p, "existing": n} for p, n in zip(POSITIONS, [2, 2, 4, 2, 2, 6, 2, 2], strict=True)]
    books = [read_workbook(opd_bytes(), "uji.xlsx"),
             read_workbook(opd_bytes({"name": "Dinas Dua", "abbr": "DD"}, Jabatan=dua), "dua.xlsx")]
    ev = evaluate(build_city(books), Settings())
    result = compute_formasi(ev.city, ev.workload)
    p = result.positions
    for col in SUMS:
        assert result.city[col] == pytest.approx(p[col].sum()), col
        by_opd = p.groupby("opd")[col].sum()
        for _, o in result.opds.iterrows():
            assert o[col] == pytest.approx(by_opd[o["opd"]]), (col, o["opd"])
    # Dinas Uji: formasi 3 (J08) and excess 1 (J06). Dinas Dua (staff 2,2,4,2,2,6,2,2): J08
    # lacks 3 − 2 = 1; spare: J01, J02, J04, J05, J07 one each, J03 4 − 1 retiring − 1 = 2, J06
    # 6 − 2 = 4, so 11; J06 (same name as J08) gives 1, J05 and J07 are heads: 10 left
    uji = result.opds.set_index("opd").loc["Dinas Uji"]
    assert (uji["formasi"], uji["excess"], uji["new_formasi"], uji["excess_left"]) == (3, 1, 2, 0)
    d = result.opds.set_index("opd").loc["Dinas Dua"]
    assert (d["formasi"], d["excess"], d["new_formasi"], d["excess_left"]) == (1, 11, 0, 10)
    assert result.moves.loc[result.moves["opd"] == "Dinas Dua", ["from_code", "to_code"]
                            ].values.tolist() == [["J06", "J08"]]
    assert result.city["formasi"] == 3 + 1 and result.city["new_formasi"] == 2 + 0
    # the root unit of an OPD holds the OPD's totals; Bidang Pelayanan its subtree (J04–J08)
    u = result.units.set_index(["opd", "code"])
    assert u.loc[("Dinas Uji", "01"), "formasi"] == 3
    assert u.loc[("Dinas Uji", "01.02"), "existing"] == 1 + 1 + 3 + 1 + 0


def test_sheet_pensiun_wins_over_the_column_and_gives_the_years():
    # J03: column says 1, the sheet says 2027 and 2029: retiring 2 of 2, projected 0, formasi 1
    result = plan(Pensiun=[{"position": "J03", "year": 2027, "count": 1},
                           {"position": "J03", "year": 2029, "count": 1}])
    j03 = row(result, "J03")
    assert (j03["retiring_source"], j03["retiring"], j03["formasi"]) == ("sheet", 2, 1)
    assert result.plan_years == (2026, 2027, 2028, 2029, 2030)
    assert result.opds.iloc[0]["retiring_by_year"] == {2027: 1.0, 2029: 1.0}
    assert result.city["plan_years"] == (2026, 2030)


def test_a_year_outside_the_plan_is_not_counted():
    # 2031 is past 2026–2030: J03 has sheet rows, so the sheet decides: 0 retiring
    result = plan(Pensiun=[{"position": "J03", "year": 2031, "count": 1}])
    assert (row(result, "J03")["retiring_source"], row(result, "J03")["retiring"]) == ("sheet", 0)


def test_unknown_retirements_are_counted_and_taken_as_zero():
    # only J03 has a Pensiun 5 Tahun; J01, J02, J04, J05, J06, J07 have staff and no data
    result = plan()
    assert result.city["unknown_retiring"] == 6
    assert row(result, "J06")["retiring_source"] == "kosong"
    assert row(result, "J06")["retiring"] == 0


def test_unknown_bezetting_stays_unknown_and_out_of_the_sums():
    # another layout may leave Pegawai unknown (NaN): J06's projected, formasi and excess are
    # unknown, J06 is neither source nor target, and the OPD counts it as unknown
    books = [read_workbook(opd_bytes(), "uji.xlsx")]
    city = build_city(books)
    pos = city.positions.copy()
    pos.loc[pos["code"] == "J06", "existing"] = float("nan")
    ev = evaluate(city.with_frames(positions=pos), Settings())
    result = compute_formasi(ev.city, ev.workload)
    j06 = row(result, "J06")
    assert [j06[k] != j06[k] for k in ("projected", "formasi", "excess")] == [True] * 3  # NaN
    assert result.moves.empty  # J08 gets no one: its formasi 3 is all new
    assert row(result, "J08")["new_formasi"] == 3
    assert result.city["unknown_existing"] == 1 and result.city["formasi"] == 3

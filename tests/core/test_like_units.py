"""Like units side by side (sotk_core.model.like_units), on small cities built by hand.

`kec(name, minutes, staff)` is a kecamatan of one unit with one position "Pengadministrasi
Perkantoran": minutes / 75,000 FTE for `staff` people, so EU = EJ = minutes / (75,000 × staff).
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.like_units import GroupRule, compare_like_units, default_rules, members_of
from sotk_core.workbook.writer import workbook_bytes
from tests.builders import opd_bytes


def kec(name: str, minutes: float, staff: int, jenis: str = "Kecamatan") -> bytes:
    profile = {"name": name, "abbr": name.split()[-1], "jenis": jenis}
    return workbook_bytes(profile, {
        "Unit": [{"code": "1", "name": name, "kind": "OPD", "parent": None}],
        "Jabatan": [{"code": "P1", "name": "Pengadministrasi Perkantoran", "unit": "1",
                     "kind": "Pelaksana", "existing": staff}],
        "Beban Kerja": [{"position": "P1", "task": "Mengagendakan surat", "volume": minutes,
                         "period": "Tahun", "norma": 1, "time_unit": "Menit"}]})


def compare(books: list[bytes], rules=None, **kw):
    city = build_city([read_workbook(b, f"f{i}.xlsx") for i, b in enumerate(books)])
    ev = evaluate(city, Settings())
    totals = dict(zip(ev.opds["opd"], ev.opds["maturity_total"], strict=True))
    return compare_like_units(city, ev.workload, ev.settings, totals, rules, **kw)


KECAMATAN = [GroupRule("Kecamatan", "opd", "Kecamatan")]


def eu_of(result) -> dict[str, float]:
    return dict(zip(result.members["name"], result.members["eu2"], strict=True))


def test_exactly_25_percent_from_the_median_is_an_outlier_24_is_not():
    # EU 0,80 (240,000 min / 4), 1,00 (300,000 / 4), 1,25 (375,000 / 4): median 1,00;
    # 1,25 is +0,25 = +25 % -> outlier; 0,80 is −20 % -> not
    result = compare([kec("Kecamatan A", 240_000, 4), kec("Kecamatan B", 300_000, 4),
                      kec("Kecamatan C", 375_000, 4)], KECAMATAN)
    m = result.members.set_index("name")
    assert eu_of(result) == {"Kecamatan C": 1.25, "Kecamatan B": 1.0, "Kecamatan A": 0.8}
    assert m.loc["Kecamatan C", "eu2_median"] == 1.0
    assert m.loc["Kecamatan C", "eu2_distance"] == pytest.approx(0.25)
    assert m.loc["Kecamatan C", "eu2_relative"] == pytest.approx(0.25)
    assert m["outlier"].to_dict() == {"Kecamatan C": True, "Kecamatan B": False,
                                      "Kecamatan A": False}
    assert result.groups.iloc[0]["outliers"] == ["Kecamatan C"]
    # 1,24 (372,000 / 4) is +24 %: no outlier
    result = compare([kec("Kecamatan A", 240_000, 4), kec("Kecamatan B", 300_000, 4),
                      kec("Kecamatan C", 372_000, 4)], KECAMATAN)
    assert not result.members["outlier"].any()


def test_two_members_have_no_outliers():
    # 0,40 and 1,00: far apart, but with two members the median is their middle
    result = compare([kec("Kecamatan A", 120_000, 4), kec("Kecamatan B", 300_000, 4)],
                     KECAMATAN)
    assert result.members["eu2_median"].tolist() == [0.7, 0.7]
    assert not result.members["outlier"].any()


def test_measures_per_head_by_hand():
    # Kecamatan A: 240,000 min = 4,000 h for 4 people: 1.000 h per head, need 3,2 -> 3,
    # 0,75 need per head; EJ 0,80 lies inside 0,70–1,00: no staff outside
    # Kecamatan C: 375,000 min = 6,250 h / 4 = 1.562,5 h per head, need 5 -> 1,25 per head,
    # EJ 1,25 > 1,00: all 4 outside
    result = compare([kec("Kecamatan A", 240_000, 4), kec("Kecamatan B", 300_000, 4),
                      kec("Kecamatan C", 375_000, 4)], KECAMATAN)
    m = result.members.set_index("name")
    assert m.loc["Kecamatan A", ["hours_per_head", "need_per_head", "share_outside"]
                 ].tolist() == [1000.0, 0.75, 0.0]
    assert m.loc["Kecamatan C", ["hours_per_head", "need_per_head", "share_outside"]
                 ].tolist() == [1562.5, 1.25, 1.0]


def test_same_name_positions_and_the_spread_of_their_ej():
    result = compare([kec("Kecamatan A", 240_000, 4), kec("Kecamatan B", 300_000, 4),
                      kec("Kecamatan C", 375_000, 4)], KECAMATAN)
    (row,) = result.positions.to_dict(orient="records")
    assert row["position"] == "Pengadministrasi Perkantoran" and row["members"] == 3
    assert (row["ej_min"], row["ej_median"], row["ej_max"], row["spread"]) == (0.8, 1.0, 1.25, 0.45)
    assert (row["lowest"], row["highest"]) == ("Kecamatan A", "Kecamatan C")


def test_rules_by_kind_and_name_pattern():
    # Dinas Uji has a Sekretariat and two seksi "Seksi Layanan A/B"; two copies of it
    books = [read_workbook(opd_bytes(), "a.xlsx"),
             read_workbook(opd_bytes({"name": "Dinas Dua", "abbr": "DD"}), "b.xlsx")]
    city = build_city(books)
    rules = [GroupRule("Sekretariat", "unit", "Sekretariat"),
             GroupRule("Seksi Layanan", "unit", None, "seksi layanan*"),
             GroupRule("Dinas", "opd", "Dinas")]
    found = members_of(city, rules)
    names = city.units.set_index("uid")["name"]
    opds = city.units.set_index("uid")["opd"]
    got = {g: sorted(names[u] for u in found.loc[found["group"] == g, "uid"]) for g in
           ("Sekretariat", "Seksi Layanan")}
    got["Dinas"] = sorted(opds[u] for u in found.loc[found["group"] == "Dinas", "uid"])
    assert got == {"Sekretariat": ["Sekretariat", "Sekretariat"],
                   "Seksi Layanan": ["Seksi Layanan A", "Seksi Layanan A", "Seksi Layanan B",
                                     "Seksi Layanan B"],
                   "Dinas": ["Dinas Dua", "Dinas Uji"]}


def test_default_rules_keep_groups_of_two_or_more():
    books = [kec("Kecamatan A", 240_000, 4), kec("Kecamatan B", 300_000, 4),
             kec("Badan C", 300_000, 4, jenis="Badan")]
    city = build_city([read_workbook(b, f"f{i}.xlsx") for i, b in enumerate(books)])
    assert [r.name for r in default_rules(city)] == ["Kecamatan"]


def test_unknown_level_is_refused():
    with pytest.raises(ValueError, match="Tingkat kelompok"):
        GroupRule("X", "kota")

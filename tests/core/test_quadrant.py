"""Maturity beside workload (sotk_core.model.quadrant): the split lines at their boundaries.

Mature = maturity category Tinggi or above: total 38 is mature, 37 (Sedang) is not.
Overloaded = EU (2 decimals) above 1,00: 1,01 is, 1,00 is not.
"""

from __future__ import annotations

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.model.quadrant import (
    idle_line,
    mature_line,
    maturity_workload,
    overload_line,
)
from sotk_core.workbook.writer import workbook_bytes
from tests.builders import opd_bytes

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI")


def levels(total: int) -> list[dict]:
    """Eleven levels of 4 and 3 summing to `total` (fours first)."""
    fours = total - 33
    return [{"variable": r, "self_level": 4 if i < fours else 3} for i, r in enumerate(ROMAN)]


def opd(name: str, minutes: float, total: int | None) -> bytes:
    """One unit, one position of 4 staff: EU = minutes / 300,000."""
    tables = {"Unit": [{"code": "1", "name": name, "kind": "OPD", "parent": None}],
              "Jabatan": [{"code": "P1", "name": "Analis", "unit": "1", "kind": "Pelaksana",
                           "existing": 4}],
              "Beban Kerja": [{"position": "P1", "task": "Menganalisis", "volume": minutes,
                               "period": "Tahun", "norma": 1, "time_unit": "Menit"}]}
    if total is not None:
        tables["Kematangan"] = levels(total)
    return workbook_bytes({"name": name, "abbr": name[-1], "jenis": "Badan"}, tables)


def frame(books: list[bytes]):
    ev = evaluate(build_city([read_workbook(b, f"f{i}.xlsx") for i, b in enumerate(books)]),
                  Settings())
    return maturity_workload(ev.opds, ev.maturity, ev.workload, ev.settings).set_index("opd")


def test_lines_come_from_the_settings():
    s = Settings()
    assert (mature_line(s), overload_line(s), idle_line(s)) == (37.0, 1.0, 0.5)


def test_quadrants_at_the_boundaries():
    # EU 1,01 = 303,000 / 300,000; EU 1,00 = 300,000 / 300,000
    q = frame([opd("Badan A", 303_000, 38), opd("Badan B", 303_000, 37),
               opd("Badan C", 300_000, 38), opd("Badan D", 300_000, 37),
               opd("Badan E", 300_000, None)])
    assert q["quadrant"].to_dict() == {
        "Badan A": "matang_berlebih", "Badan B": "belum_berlebih",
        "Badan C": "matang_terkendali", "Badan D": "belum_terkendali",
        "Badan E": "belum_dinilai"}
    assert q.loc["Badan A", ["maturity_total", "eu2"]].tolist() == [38.0, 1.01]


def test_weakest_variable_is_the_first_at_the_lowest_level():
    # 38 = five 4s (I–V) and six 3s (VI–XI): the weakest is VI, one of six at level 3
    q = frame([opd("Badan A", 300_000, 38)])
    assert q.loc["Badan A", ["weak_roman", "weak_level", "weak_count"]].tolist() == ["VI", 3, 6]


def test_most_loaded_unit_below_the_opd():
    # Dinas Uji: Sekretariat (0,96 + 1,2) / 3 = 0,72; Bidang Pelayanan 7,424 / 6 = 1,24;
    # Seksi A (0,724 + 2,4) / 4 = 0,78; Seksi B (1,0 + 2,5) / 1 = 3,50 -> Seksi Layanan B
    q = frame([opd_bytes()])
    assert q.loc["Dinas Uji", ["top_unit", "top_unit_code", "top_unit_eu"]].tolist() == [
        "Seksi Layanan B", "01.02.02", 3.5]

"""The EJ/EU thresholds follow the PJ band table of Settings (Permendagri, ministry or custom)
for position status, the balance counts (overloaded / idle) and the findings, each at its
boundary (domain.md §1, §4, §5). tests/core/test_thresholds.py covers the default table on
the Dinas Batas city.

One position per seksi, so each seksi's EU equals its position's EJ (WKE 1,250 h):
  S1 J1 1 staff x 1,250.0 h -> EJ 1.00  B  wajar     (not overloaded: EJ must be > 1.00)
  S2 J2 1 staff x 1,262.5 h -> EJ 1.01  A  berlebih
  S3 J3 2 staff x 1,250.0 h -> EJ 0.50  D  wajar     (not idle: EJ must be < 0.50)
  S4 J4 2 staff x 1,225.0 h -> EJ 0.49  E  rendah
  S5 J5 1 staff x 1,243.75 h -> EJ 0.995 -> 1.00 (2 decimals) wajar
The OPD root: 6,231.25 h / 1,250 / 7 staff = EU 0.71, no EU finding.
"""

from __future__ import annotations

import pytest

from sotk_core import Settings, build_city, evaluate, read_workbook
from sotk_core.base.tables import PJ_TABLES_BY_ID
from sotk_core.model.balance import idle_units, overloaded_units
from sotk_core.model.findings import display_findings
from sotk_core.model.workload import status_labels
from tests.builders import opd_bytes


def city_of(loads: list[tuple[int, float]]):
    """One seksi with one position per (staff, minutes per year)."""
    units = [{"code": "01", "name": "Dinas Batas", "kind": "OPD", "parent": None}]
    positions, tasks = [], []
    for i, (staff, minutes) in enumerate(loads, start=1):
        units.append({"code": f"01.0{i}", "name": f"Seksi {i}", "kind": "Seksi", "parent": "01"})
        positions.append({"code": f"J{i}", "name": f"Analis {i}", "unit": f"01.0{i}",
                          "kind": "Pelaksana", "existing": staff})
        tasks.append({"position": f"J{i}", "task": "Menganalisis", "output": "Dokumen",
                      "volume": 1, "period": "Tahun", "norma": minutes, "time_unit": "Menit"})
    data = opd_bytes({"name": "Dinas Batas"},
                     **{"Unit": units, "Jabatan": positions, "Beban Kerja": tasks})
    return build_city([read_workbook(data, "batas.xlsx")])


DEFAULT_LOADS = [(1, 75_000), (1, 75_750), (2, 75_000), (2, 73_500), (1, 74_625)]


@pytest.fixture(scope="module")
def city():
    return city_of(DEFAULT_LOADS)


@pytest.mark.parametrize("bands", ["permendagri", "depkeu"])  # both: A > 1.00, E < 0.50
def test_status_at_ej_1_00_and_0_50(city, bands):
    ev = evaluate(city, Settings(ej_bands=PJ_TABLES_BY_ID[bands].bands))
    pos = ev.workload.positions.set_index("code")
    assert list(pos["ej2"]) == [1.00, 1.01, 0.50, 0.49, 1.00]
    assert list(pos["status"]) == ["wajar", "berlebih", "wajar", "rendah", "wajar"]
    assert list(pos["pj"]) == ["B", "A", "D", "E", "B"]


def test_balance_counts_at_the_boundaries(city):
    s = evaluate(city, Settings()).balance.summary
    assert (s["overloaded_positions"], s["overloaded_staff"]) == (1, 1.0)  # J2 only
    assert (s["idle_positions"], s["idle_staff"]) == (1, 2.0)  # J4 only


def test_findings_at_eu_1_00_and_0_50(city):
    ev = evaluate(city, Settings())
    f = ev.findings
    assert list(f.loc[f["kind"] == "eu_tinggi", "unit_name"]) == ["Seksi 2"]
    assert list(f.loc[f["kind"] == "eu_rendah", "unit_name"]) == ["Seksi 4"]
    assert list(overloaded_units(ev.workload)["name"]) == ["Seksi 2"]
    assert list(idle_units(ev.workload)["name"]) == ["Seksi 4"]
    msg = f.loc[f["kind"] == "eu_tinggi", "message"].iloc[0]
    assert msg == ("EU Seksi 2 (Dinas Batas) 1,01 di atas 1,00: tambah pegawai atau jabatan "
                   "fungsional.")


# Custom bands: A > 1.10, B >= 0.90, C >= 0.70, D >= 0.40. Loads at 1.10 / 1.11 / 0.40 / 0.39.
CUSTOM = Settings(ej_bands=(("A", "Sangat Baik", 1.10), ("B", "Baik", 0.90),
                            ("C", "Cukup", 0.70), ("D", "Sedang", 0.40),
                            ("E", "Kurang", float("-inf"))))


def test_custom_bands_move_every_threshold_together():
    # 1 x 82,500 min = 1,375 h -> 1.10; 83,250 -> 1.11; 2 x 60,000 -> 0.40; 2 x 58,500 -> 0.39
    ev = evaluate(city_of([(1, 82_500), (1, 83_250), (2, 60_000), (2, 58_500)]), CUSTOM)
    pos = ev.workload.positions
    assert list(pos["ej2"]) == [1.10, 1.11, 0.40, 0.39]
    assert list(pos["status"]) == ["wajar", "berlebih", "wajar", "rendah"]
    assert list(pos["pj"]) == ["B", "A", "D", "E"]
    s = ev.balance.summary
    assert (s["overloaded_positions"], s["idle_positions"]) == (1, 1)
    f = ev.findings
    assert list(f.loc[f["kind"] == "eu_tinggi", "unit_name"]) == ["Seksi 2"]
    assert list(f.loc[f["kind"] == "eu_rendah", "unit_name"]) == ["Seksi 4"]
    assert "di bawah 0,40" in f.loc[f["kind"] == "eu_rendah", "message"].iloc[0]
    assert list(f.loc[f["kind"] == "eu_tinggi", "limit"]) == [1.10]
    labels = status_labels(CUSTOM)
    assert labels["berlebih"] == "Beban berlebih (EJ > 1,10)"
    assert labels["rendah"] == "Beban rendah (EJ < 0,40)"
    shown = display_findings(f, CUSTOM)
    assert set(shown.loc[f["kind"].isin(["eu_tinggi", "eu_rendah"]), "kind"]) == {
        "EU > 1,10", "EU < 0,40"}


def test_default_loads_under_custom_bands_are_all_wajar(city):
    # EJ 1.01 is not above 1.10 and 0.49 is not below 0.40: nothing overloaded or idle
    ev = evaluate(city, CUSTOM)
    assert set(ev.workload.positions["status"]) == {"wajar"}
    assert (ev.balance.summary["overloaded_positions"], ev.balance.summary["idle_positions"]) == (
        0, 0)
    assert not ev.findings["kind"].isin(["eu_tinggi", "eu_rendah"]).any()

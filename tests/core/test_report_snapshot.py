"""`python -m sotk_core report sample_data/*.xlsx --json` against a reviewed snapshot
(tests/core/snapshots/report_sample.json), so a silent drift of any figure of the sample city
fails here.

The comparison is strict on everything the snapshot holds (same keys, same list lengths and
order, same values and JSON types) and tolerant only to keys the output ADDS (optional keys
are allowed by the report contract in workbook.md).

Reviewed by hand once against domain.md §1 and the sample tables (sample_data/kota_contoh/):

* settings: PermenPANRB 1/2020, WKE 1,250 h = 75,000 min, rounding half up.
* Sekretaris Daerah (Setda, 01-01): 11 × Hari 250 × 15 min = 41,250 min; 12 × Tahun × 24 h
  = 17,280 min; 3 × Minggu 50 × 2 h = 18,000 min → 76,530 min = 1,275.5 h → need_raw
  1,275.5 / 1,250 = 1.0204 → need 1; 1 person → EJ 1.0204 → 1.02 → PJ A.
* Administrator Kesehatan Ahli Muda (Dinkes, 08.04-02): 13 × 40 h = 31,200 min; 4 × 50 ×
  180 min = 36,000; 4 × 50 × 2 h = 24,000; 7 × Bulan 12 × 6 h = 30,240; 6 × 50 × 90 min =
  27,000 → 148,440 min = 2,474 h → need_raw 1.9792 → need 2; 6 people → gap +4, EJ 0.33 → E.
* its bidang 08.04 holds that surplus of 4 and a shortage of 2 (08.04-03: 1 person, need 3):
  both are reported, not netted (surplus 4, shortage 2).
* the city: 18 OPD, Σ Pegawai 479 (jabatan.csv), Σ need 473, surplus 25, shortage 19,
  need_raw 445.31 → EU 445.31 / 479 = 0.930 → PU B; maturity mean 666 / 17 = 39.18 → Tinggi.

When the sample city changes on purpose, regenerate the snapshot deliberately, review the
diff (`git diff tests/core/snapshots/report_sample.json`) and update the figures above:

    python tests/core/test_report_snapshot.py --update
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "tests" / "core" / "snapshots" / "report_sample.json"


def report_json() -> dict:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "sample_data").glob("*.xlsx"))
    out = subprocess.run([sys.executable, "-m", "sotk_core", "report", *files, "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def differences(expected: object, actual: object, path: str = "") -> list[str]:
    """Where `actual` departs from `expected`; keys only `actual` has are allowed."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path}: object expected, got {actual!r}"]
        out = []
        for key, value in expected.items():
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            else:
                out += differences(value, actual[key], f"{path}.{key}")
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list) or len(actual) != len(expected):
            return [f"{path}: list of {len(expected)} expected, got "
                    f"{len(actual) if isinstance(actual, list) else repr(actual)}"]
        return [d for i, (e, a) in enumerate(zip(expected, actual, strict=True))
                for d in differences(e, a, f"{path}[{i}]")]
    if type(expected) is not type(actual) or expected != actual:
        return [f"{path}: {expected!r} expected, got {actual!r}"]
    return []


def test_the_comparison_allows_added_keys_only():
    base = {"city": {"need": 380.0, "pu": "B"}, "opd": [{"eu": 0.9}]}
    assert differences(base, {"city": {"need": 380.0, "pu": "B", "new": 1},
                              "opd": [{"eu": 0.9, "extra": None}], "added": []}) == []
    assert differences(base, {"city": {"need": 381.0, "pu": "B"}, "opd": [{"eu": 0.9}]}) == [
        ".city.need: 380.0 expected, got 381.0"]
    assert differences(base, {"city": {"pu": "B"}, "opd": [{"eu": 0.9}, {"eu": 1.0}]}) == [
        ".city.need: missing", ".opd: list of 1 expected, got 2"]
    assert differences({"n": 1.0}, {"n": 1}) == [".n: 1.0 expected, got 1"]  # JSON type too


def test_report_json_of_the_sample_city_matches_the_reviewed_snapshot():
    expected = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    found = differences(expected, report_json())
    assert not found, (f"{len(found)} differences (first 20 below). If the sample city changed "
                       "on purpose: python tests/core/test_report_snapshot.py --update\n"
                       + "\n".join(found[:20]))


def test_the_snapshot_holds_the_hand_checked_figures():
    snap = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    city = snap["city"]
    assert (city["opd_count"], city["existing"], city["need"], city["surplus"],
            city["shortage"], city["pu"]) == (18, 479.0, 473.0, 25.0, 19.0, "B")
    assert round(city["eu"], 3) == 0.930 and round(city["maturity_mean"], 2) == 39.18
    pos = {(p["opd"], p["code"]): p for p in snap["positions"]}
    setda = pos[("Sekretariat Daerah", "01-01")]
    assert (setda["workload_hours"], setda["need"], setda["pj"]) == (1275.5, 1.0, "A")
    assert round(setda["need_raw"], 4) == 1.0204
    dinkes = pos[("Dinas Kesehatan", "08.04-02")]
    assert (dinkes["workload_hours"], dinkes["need"], dinkes["gap"], dinkes["pj"]) == (
        2474.0, 2.0, 4.0, "E")
    unit = next(u for u in snap["units"] if u["opd"] == "Dinas Kesehatan" and u["code"] == "08.04")
    assert (unit["surplus"], unit["shortage"]) == (4.0, 2.0)


if __name__ == "__main__":
    if sys.argv[1:] != ["--update"]:
        sys.exit("usage: python tests/core/test_report_snapshot.py --update")
    SNAPSHOT.write_text(json.dumps(report_json(), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}; review it with git diff before committing")

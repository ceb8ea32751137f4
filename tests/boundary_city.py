"""Dinas Batas: one OPD whose positions and units sit exactly on the EJ/EU thresholds of
domain.md §1 and §4, so that `<` written as `<=`, surplus swapped with shortage, or Python's
banker's rounding changes a figure a test (core or page) checks.

Every task is 1 × N minutes a year; WKE 1,250 h = 75,000 min, so need_raw = N / 75,000.

| pos | unit          | staff | minutes | need_raw | need | EJ    | EJ 2 dec | status  | PJ |
|-----|---------------|-------|---------|----------|------|-------|----------|---------|----|
| B01 | Dinas Batas   | 1     | 75,000  | 1.00     | 1    | 1.00  | 1.00     | wajar   | B  |
| B02 | Bidang Satu   | 1     | 75,375  | 1.005    | 1    | 1.005 | 1.01 (1) | berlebih| A  |
| B03 | Bidang Dua    | 2     | 75,000  | 1.00     | 1    | 0.50  | 0.50     | wajar   | D  |
| B04 | Bidang Dua    | 1     | 36,750  | 0.49     | 0    | 0.49  | 0.49     | rendah  | E  |
| B05 | Bidang Tiga   | 1     | 52,500  | 0.70     | 1    | 0.70  | 0.70     | wajar   | C  |
| B06 | Bidang Tiga   | 1     | 51,750  | 0.69     | 1    | 0.69  | 0.69     | wajar   | D  |
| B07 | Bidang Empat  | 1     | 67,500  | 0.90     | 1    | 0.90  | 0.90     | wajar   | B  |
| B08 | Bidang Empat  | 1     | 66,750  | 0.89     | 1    | 0.89  | 0.89     | wajar   | C  |
| B09 | Sekretariat   | 0     | 187,500 | 2.50     | 3 (2)| –     | –        | kosong  | –  |
| B10 | Sekretariat   | 1     | 37,500  | 0.50     | 1 (2)| 0.50  | 0.50     | wajar   | D  |
| B11 | Bidang Lima   | 2     | 150,000 | 2.00     | 2    | 1.00  | 1.00     | wajar   | B  |
| B12 | Bidang Enam   | 3     | 110,250 | 1.47     | 1    | 0.49  | 0.49     | rendah  | E  |

(1) 1.005 rounded half up is 1.01; banker's rounding gives 1.00 (B, wajar).
(2) 2.5 and 0.5 rounded half up are 3 and 1; banker's rounding gives 2 and 0.

OPD: staff 15; need 1+1+1+0+1+1+1+1+3+1+2+1 = 14; surplus B03 +1, B04 +1, B12 +2 = 4; shortage
B09 3; Σ need_raw 13.145 → EU 13.145 / 15 = 0.876 → 0.88 (PU C).
Staff outside the balanced band 0.70–1.00: B02 1, B03 2, B04 1, B06 1, B10 1, B12 3 = 9 of 15 (60 %).
Overloaded (EJ > 1.00): B02, 1 person. Idle (EJ < 0.50): B04 and B12, 4 people.

Units (subtree EU, 2 decimals): Sekretariat (2.5 + 0.5) / 1 = 3.00; Bidang Satu 1.01;
Bidang Dua (1.0 + 0.49) / 3 = 0.497 → 0.50; Bidang Tiga 1.39 / 2 = 0.695 → 0.70; Bidang Empat
1.79 / 2 = 0.895 → 0.90; Bidang Lima 2.00 / 2 = 1.00; Bidang Enam 1.47 / 3 = 0.49.
Findings: EU > 1.00 for Sekretariat and Bidang Satu; EU < 0.50 for Bidang Enam only (Bidang
Dua at 0.50 and Bidang Lima at 1.00 are not findings).
"""

from __future__ import annotations

from sotk_core.workbook.writer import workbook_bytes

NAME = "Dinas Batas"
FILE = "batas.xlsx"
PROFILE = {"name": NAME, "abbr": "DB", "jenis": "Dinas", "urusan": "kesehatan", "tahun": 2026}
UNITS = [
    {"code": "01", "name": NAME, "kind": "OPD", "parent": None},
    {"code": "01.01", "name": "Sekretariat", "kind": "Sekretariat", "parent": "01"},
    *({"code": f"01.0{i}", "name": f"Bidang {n}", "kind": "Bidang", "parent": "01"}
      for i, n in enumerate(("Satu", "Dua", "Tiga", "Empat", "Lima", "Enam"), start=2)),
]
# (code, unit, staff, minutes a year)
_ROWS = [("B01", "01", 1, 75_000), ("B02", "01.02", 1, 75_375), ("B03", "01.03", 2, 75_000),
         ("B04", "01.03", 1, 36_750), ("B05", "01.04", 1, 52_500), ("B06", "01.04", 1, 51_750),
         ("B07", "01.05", 1, 67_500), ("B08", "01.05", 1, 66_750), ("B09", "01.01", 0, 187_500),
         ("B10", "01.01", 1, 37_500), ("B11", "01.06", 2, 150_000), ("B12", "01.07", 3, 110_250)]
POSITIONS = [{"code": c, "name": "Kepala Dinas" if c == "B01" else f"Analis {c}", "unit": u,
              "kind": "JPT Pratama" if c == "B01" else "Pelaksana", "grade": 7, "existing": n}
             for c, u, n, _ in _ROWS]
TASKS = [{"position": c, "task": f"Tugas {c}", "output": "Dokumen", "volume": 1,
          "period": "Tahun", "norma": m, "time_unit": "Menit"} for c, _, _, m in _ROWS]

# expected, by hand (table above)
STATUS = {"B01": "wajar", "B02": "berlebih", "B03": "wajar", "B04": "rendah", "B05": "wajar",
          "B06": "wajar", "B07": "wajar", "B08": "wajar", "B09": "kosong", "B10": "wajar",
          "B11": "wajar", "B12": "rendah"}
PJ = {"B01": "B", "B02": "A", "B03": "D", "B04": "E", "B05": "C", "B06": "D", "B07": "B",
      "B08": "C", "B09": None, "B10": "D", "B11": "B", "B12": "E"}
EJ2 = {"B01": 1.00, "B02": 1.01, "B03": 0.50, "B04": 0.49, "B05": 0.70, "B06": 0.69,
       "B07": 0.90, "B08": 0.89, "B10": 0.50, "B11": 1.00, "B12": 0.49}
NEED = {"B01": 1, "B02": 1, "B03": 1, "B04": 0, "B05": 1, "B06": 1, "B07": 1, "B08": 1,
        "B09": 3, "B10": 1, "B11": 2, "B12": 1}
UNIT_EU2 = {"01": 0.88, "01.01": 3.00, "01.02": 1.01, "01.03": 0.50, "01.04": 0.70,
            "01.05": 0.90, "01.06": 1.00, "01.07": 0.49}
UNIT_PU = {"01": "C", "01.01": "A", "01.02": "A", "01.03": "D", "01.04": "C", "01.05": "B",
           "01.06": "B", "01.07": "E"}


def batas_bytes() -> bytes:
    return workbook_bytes(PROFILE, {"Unit": UNITS, "Jabatan": POSITIONS, "Beban Kerja": TASKS})

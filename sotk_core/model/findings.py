"""Temuan: every structure and workload signal as one flat, sortable table (domain.md §4).

Columns (COLUMNS; one row per finding):
    opd                 OPD name
    unit_code           Kode Unit the finding is about (the OPD root for OPD-wide findings)
    unit_name           Nama Unit
    kind                finding id, a key of KINDS (labels: FINDING_KIND_LABELS)
    severity            tinggi | sedang | rendah
    basis               rule tag "[reg]" | "[practice]" | "[policy]" (see below)
    message             the finding in Indonesian, with its numbers
    value               the measured number: EU (ratio), count, staff (persons), skor or
                        hours, by kind (NaN when none)
    limit               the threshold or limit it is compared with, same unit (NaN when none)

`kind` is a short id (see KINDS), severity is "tinggi" | "sedang" | "rendah", basis is the
domain.md tag of the rule: "[reg]" regulation text, "[practice]" common practice,
"[policy]" our own rule (a code, also in the JSON report: people read `display_findings`,
which names the regulation in plain Indonesian). Rows are sorted by severity, then OPD, then
kind.

Interpretation of "kepala_tanpa_tugas": a structural head position (JPT Pratama,
Administrator, Pengawas) with no task at all in the Beban Kerja sheet — its own workload is not
counted, so the unit's EU understates the work.
"campuran" is reported for units below the OPD root (the root of almost every OPD holds both
a surplus and a shortage somewhere); `StructureResult.units["campuran"]` has the flag for all.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sotk_core.base.fmt import fmt_num
from sotk_core.base.labels import FINDING_BASIS, FINDING_HEADERS, FINDING_KIND_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.structure import MAPPING_BANDS, StructureResult
from sotk_core.model.workload import WorkloadResult

COLUMNS = ["opd", "unit_code", "unit_name", "kind", "severity", "basis", "message", "value",
           "limit"]
SEVERITIES = ("tinggi", "sedang", "rendah")

# kind -> (severity, basis tag); the order is the sort order within a severity.
RULES: dict[str, tuple[str, str]] = {
    "tipe_melebihi_pemetaan": ("tinggi", "[practice]"),
    "rumpun_campur": ("tinggi", "[reg]"),
    "urusan_lebih_3": ("tinggi", "[reg]"),
    "bidang_melebihi_batas": ("sedang", "[practice]"),
    "subbagian_melebihi_batas": ("sedang", "[practice]"),
    "seksi_melebihi_batas": ("sedang", "[practice]"),
    "jabatan_kosong": ("sedang", "[policy]"),
    "campuran": ("sedang", "[policy]"),
    "eu_tinggi": ("sedang", "[policy]"),
    "eu_rendah": ("sedang", "[policy]"),
    "tanpa_beban": ("sedang", "[policy]"),
    "tanpa_kepala": ("rendah", "[policy]"),
    "kepala_tanpa_tugas": ("rendah", "[policy]"),
    "unit_mikro": ("rendah", "[policy]"),
    "urusan_tidak_dikenali": ("rendah", "[policy]"),
}
# kind -> (severity, basis tag, Indonesian label); the labels live in sotk_core.base.labels.
KINDS: dict[str, tuple[str, str, str]] = {
    kind: (sev, basis, FINDING_KIND_LABELS[kind]) for kind, (sev, basis) in RULES.items()}
HEADERS = FINDING_HEADERS  # old name, kept importable
_SIZE_KIND = {"bidang": "bidang_melebihi_batas", "subbagian_sekretariat": "subbagian_melebihi_batas",
              "seksi_per_bidang": "seksi_melebihi_batas", "seksi": "seksi_melebihi_batas"}
_VERIFY = {"bawaan": " (acuan bawaan, verifikasi terhadap PP 18/2016)",
           "pengguna": " (batas yang diatur pengguna)"}


def _n(x: object, decimals: int = 0) -> str:
    return fmt_num(x, decimals)


def _rows(frame: pd.DataFrame, kind: str, opd: object, code: object, name: object,
          message: list[str], value: object = np.nan, limit: object = np.nan,
          severity: object = None) -> pd.DataFrame:
    sev, basis, _ = KINDS[kind]
    return pd.DataFrame({
        "opd": opd, "unit_code": code, "unit_name": name, "kind": kind,
        "severity": sev if severity is None else severity, "basis": basis, "message": message,
        "value": value, "limit": limit}, index=frame.index, columns=COLUMNS)


def _type_rows(structure: StructureResult, roots: pd.DataFrame) -> list[pd.DataFrame]:
    o = structure.opds.loc[structure.opds["tipe_melebihi"]].merge(roots, on="opd", how="left")
    if o.empty:
        return []
    need = {t: lo for lo, t in MAPPING_BANDS}
    mapped = ["tipe " + m if m in ("A", "B", "C") else m for m in o["tipe_pemetaan"]]
    msg = [f"{opd} bertipe {t}, sedangkan skor pemetaan {_n(s)} hanya memenuhi {m}; tipe tidak "
           f"boleh melebihi hasil pemetaan (PP 18/2016: tipe {t} bila skor > {_n(need[t])})."
           for opd, t, s, m in zip(o["opd"], o["tipe"], o["skor"], mapped, strict=True)]
    return [_rows(o, "tipe_melebihi_pemetaan", o["opd"], o["code"], o["name"], msg,
                  o["skor"].astype("float64"), [need[t] for t in o["tipe"]])]


def _size_rows(structure: StructureResult) -> list[pd.DataFrame]:
    c = structure.size_checks.loc[structure.size_checks["over"]]
    out = []
    for measure, kind in _SIZE_KIND.items():
        m = c.loc[c["measure"] == measure]
        if m.empty:
            continue
        msg = []
        for opd, unit, tipe, count, limit, src in zip(m["opd"], m["unit_name"], m["tipe"],
                                                      m["count"], m["limit"], m["source"],
                                                      strict=True):
            tail = _VERIFY.get(src, _VERIFY["pengguna"])
            if measure == "bidang":
                msg.append(f"{opd} bertipe {tipe} memiliki {_n(count)} bidang; batas tipe {tipe} "
                           f"{_n(limit)} bidang{tail}.")
            elif measure == "seksi":
                msg.append(f"{opd} bertipe {tipe} memiliki {_n(count)} seksi; batas tipe {tipe} "
                           f"{_n(limit)} seksi{tail}.")
            elif measure == "subbagian_sekretariat":
                msg.append(f"{unit} pada {opd} (tipe {tipe}) memiliki {_n(count)} subbagian; "
                           f"batas tipe {tipe} {_n(limit)} subbagian{tail}.")
            else:
                msg.append(f"{unit} pada {opd} (tipe {tipe}) memiliki {_n(count)} seksi/subbidang; "
                           f"batas {_n(limit)} per bidang{tail}.")
        out.append(_rows(m, kind, m["opd"], m["unit_code"], m["unit_name"], msg,
                         m["count"].astype("float64"), m["limit"]))
    return out


def _grouping_rows(structure: StructureResult, roots: pd.DataFrame) -> list[pd.DataFrame]:
    o = structure.opds.merge(roots, on="opd", how="left")
    out = []
    mixed = o.loc[o["rumpun_mixed"].fillna(False).astype(bool)]
    if len(mixed):
        msg = [f"{opd} menggabungkan urusan dari {len(r)} rumpun: {d}; dinas gabungan harus "
               f"berasal dari satu rumpun." for opd, r, d in
               zip(mixed["opd"], mixed["rumpun"], mixed["rumpun_detail"], strict=True)]
        out.append(_rows(mixed, "rumpun_campur", mixed["opd"], mixed["code"], mixed["name"], msg,
                         [float(len(r)) for r in mixed["rumpun"]], 1.0))
    many = o.loc[o["urusan_over"].fillna(False).astype(bool)]
    if len(many):
        msg = [f"{opd} menangani {_n(k)} urusan; dinas gabungan paling banyak 3 urusan."
               for opd, k in zip(many["opd"], many["urusan_count"], strict=True)]
        out.append(_rows(many, "urusan_lebih_3", many["opd"], many["code"], many["name"], msg,
                         many["urusan_count"].astype("float64"), 3.0))
    merged = o.loc[o["merged_dinas"].fillna(False).astype(bool), ["opd", "code", "name",
                                                                  "urusan_unknown"]]
    unknown = merged.explode("urusan_unknown").dropna(subset=["urusan_unknown"])
    if len(unknown):
        msg = [f"Urusan '{u}' pada {opd} tidak dikenali di tabel rumpun; pengelompokan rumpun "
               f"tidak dapat diperiksa untuk urusan ini." for opd, u in
               zip(unknown["opd"], unknown["urusan_unknown"], strict=True)]
        out.append(_rows(unknown, "urusan_tidak_dikenali", unknown["opd"], unknown["code"],
                         unknown["name"], msg))
    return out


# the unit columns the messages below read (a row tuple of all ~45 columns costs more)
_MESSAGE_FIELDS = ["opd", "code", "name", "is_root", "existing", "positions", "surplus",
                   "shortage", "surplus_positions", "shortage_positions", "eu2", "head_name",
                   "head_code"]


def _unit_rows(structure: StructureResult, settings: Settings) -> list[pd.DataFrame]:
    u = structure.units
    out = []

    def where(name: object, opd: object, root: object) -> str:
        return str(opd) if root else f"{name} ({opd})"

    def rows(mask: pd.Series, kind: str, make: object, value: object = None,
             limit: object = np.nan, severity: object = None) -> None:
        m = u.loc[mask]
        if m.empty:
            return
        msg = [make(r) for r in m.loc[:, _MESSAGE_FIELDS].itertuples(index=False)]  # type: ignore[operator]
        if isinstance(value, str):
            val: object = m[value].astype("float64")
        else:
            val = value(m) if callable(value) else np.nan
        sev = severity(m) if callable(severity) else None
        out.append(_rows(m, kind, m["opd"], m["code"], m["name"], msg, val, limit, sev))

    micro = settings.micro_unit_staff
    rows(u["micro"], "unit_mikro", lambda r: (
        f"{r.name} ({r.opd}) hanya memiliki {_n(r.existing)} pegawai, di bawah batas unit mikro "
        f"{_n(micro)} pegawai."), "existing", float(micro))
    rows(u["no_workload"], "tanpa_beban", lambda r: (
        f"{where(r.name, r.opd, r.is_root)} tidak memiliki beban kerja (0 jam/tahun) dengan "
        f"{_n(r.existing)} pegawai dan {_n(r.positions)} jabatan."), "workload_hours")
    rows(u["no_head"], "tanpa_kepala", lambda r: (
        f"{where(r.name, r.opd, r.is_root)} tidak memiliki jabatan struktural sebagai kepala "
        f"unit."), severity=lambda m: np.where(m["is_root"], "tinggi", "rendah"))
    camp = u["campuran"] & ~u["is_root"]
    rows(camp, "campuran", lambda r: (
        f"{r.name} ({r.opd}) campuran: {_n(r.surplus_positions)} jabatan kelebihan "
        f"({_n(r.surplus)} orang) dan {_n(r.shortage_positions)} jabatan kekurangan "
        f"({_n(r.shortage)} orang); redistribusi dulu sebelum menambah pegawai."),
        lambda m: np.minimum(m["surplus"], m["shortage"]).astype("float64"))
    eu2 = u["eu2"]
    low, high = settings.idle_ej, settings.overload_ej
    rows(eu2 < low, "eu_rendah", lambda r: (
        f"EU {where(r.name, r.opd, r.is_root)} {_n(r.eu2, 2)} di bawah {_n(low, 2)}: kandidat "
        f"penggabungan / pengurangan jabatan."), "eu2", low)
    rows(eu2 > high, "eu_tinggi", lambda r: (
        f"EU {where(r.name, r.opd, r.is_root)} {_n(r.eu2, 2)} di atas {_n(high, 2)}: tambah "
        f"pegawai atau jabatan fungsional."), "eu2", high)
    rows(u["has_head"] & (u["head_task_count"] == 0), "kepala_tanpa_tugas", lambda r: (
        f"Jabatan kepala '{r.head_name}' ({r.head_code}) di {where(r.name, r.opd, r.is_root)} "
        f"tidak memiliki uraian tugas; beban kerjanya tidak terhitung."), "head_task_count")
    return out


def _vacant_rows(workload: WorkloadResult) -> list[pd.DataFrame]:
    p = workload.positions.loc[workload.positions["status"] == "kosong"]
    if p.empty:
        return []
    msg = [f"Jabatan '{name}' ({code}) di {unit} ({opd}) kosong: 0 pegawai, kebutuhan "
           f"{_n(need)} orang ({_n(raw, 2)} desimal)." for name, code, unit, opd, need, raw in
           zip(p["name"], p["code"], p["unit_name"], p["opd"], p["need"], p["need_raw"],
               strict=True)]
    return [_rows(p, "jabatan_kosong", p["opd"], p["unit"], p["unit_name"], msg,
                  p["need"].astype("float64"))]


def build_findings(structure: StructureResult, workload: WorkloadResult,
                   settings: Settings) -> pd.DataFrame:
    """All findings of a city, sorted by severity, OPD, kind and unit code."""
    roots = structure.units.loc[structure.units["is_root"], ["opd", "code", "name"]]
    roots = roots.drop_duplicates("opd")
    parts = [*_type_rows(structure, roots), *_grouping_rows(structure, roots),
             *_size_rows(structure), *_unit_rows(structure, settings), *_vacant_rows(workload)]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c in ("value", "limit") else object)
                             for c in COLUMNS})
    out = pd.concat(parts, ignore_index=True)
    out["value"] = out["value"].astype("float64")
    out["limit"] = out["limit"].astype("float64")
    order = {k: i for i, k in enumerate(KINDS)}
    sev = {s: i for i, s in enumerate(SEVERITIES)}
    out = out.assign(_s=out["severity"].map(sev), _k=out["kind"].map(order))
    out = out.sort_values(["_s", "opd", "_k", "unit_code"], kind="stable", ignore_index=True)
    return out.loc[:, COLUMNS]


def kind_label(kind: str, settings: Settings | None = None) -> str:
    """Indonesian label of a finding kind (EU thresholds as in `settings`)."""
    if settings is not None and kind == "eu_tinggi":
        return f"EU > {_n(settings.overload_ej, 2)}"
    if settings is not None and kind == "eu_rendah":
        return f"EU < {_n(settings.idle_ej, 2)}"
    return KINDS[kind][2] if kind in KINDS else kind


def basis_label(kind: str) -> str:
    """The basis of a finding kind as people read it ("Dasar: PP 18/2016", ...)."""
    return FINDING_BASIS.get(kind, "")


def display_findings(findings: pd.DataFrame, settings: Settings | None = None) -> pd.DataFrame:
    """The findings table for people: `kind` and `basis` replaced by their Indonesian text
    (EU thresholds as in `settings`)."""
    return findings.assign(kind=findings["kind"].map(lambda k: kind_label(k, settings)),
                           basis=findings["kind"].map(basis_label))

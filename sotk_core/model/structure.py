"""Evaluasi SOTK (domain.md §4): hierarchy, spans and layers, type/size/grouping checks and
unit health, vectorised over the whole city.

Definitions used here (also stated in the report):

* **Head** of a unit: its structural position (JPT Pratama, Administrator, Pengawas); the
  workbook allows at most one per unit.
* **Span** (direct reports) of a head = number of direct sub-units (a headed sub-unit reports
  through its head, a sub-unit without a head counts as one unit reporting directly) + the
  existing staff (Pegawai) of the non-head positions in the head's own unit. Spans are bucketed
  0, 1, 2–3, 4–7, 8–12, 13+ and reported as counts and shares; "0" (a head with no one under
  it) is an extra bucket so no head is silently put in "1".
* **Layers** of an OPD = the deepest unit level (the OPD itself is level 1).
* **Type implied by the mapping score** (PP 18/2016) [practice]: A > 800, B > 600, C > 400,
  "hanya bidang" > 300, else "hanya seksi". A declared type above it is flagged; lower is
  allowed. Applied to every OPD that fills in both Tipe and Skor Pemetaan.
* **Size limits** come from the data file `sotk_core/model/data/size_limits.csv` (defaults, to be
  verified against PP 18/2016 and later amendments), replaceable by the user. Dinas/Badan
  limits count units of kind Bidang (Bagian is the Setda/Setwan unit and is not counted),
  Subbagian inside the Sekretariat and Seksi/Subbidang inside each Bidang; Kecamatan limits
  count Seksi and the Sekretariat's Subbagian. Other jenis: no size check (said in `opds`).
* **Grouping** [reg]: only a merged Dinas (jenis Dinas with >= 2 urusan) is checked: at most
  3 urusan, all from one rumpun (`sotk_core/model/data/rumpun.csv`, keyword matching per whole word,
  case-insensitive). Urusan are counted as distinct recognised urusan plus unrecognised entries.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pandas as pd

from sotk_core.base.labels import SIZE_MEASURE_LABELS
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.workbook.spec import STRUCTURAL

# Skor pemetaan -> implied type: (exclusive lower bound, type), checked from the top.
MAPPING_BANDS: tuple[tuple[float, str], ...] = (
    (800.0, "A"), (600.0, "B"), (400.0, "C"), (300.0, "hanya bidang"))
MAPPING_BELOW = "hanya seksi"
TYPE_RANK: dict[str, int] = {"A": 3, "B": 2, "C": 1, "hanya bidang": 0, "hanya seksi": -1}

SPAN_BUCKETS: tuple[str, ...] = ("0", "1", "2–3", "4–7", "8–12", "13+")
_SPAN_EDGES = np.array([1.0, 2.0, 4.0, 8.0, 13.0])  # bucket i holds span < edge[i]

MEASURES: dict[str, str] = SIZE_MEASURE_LABELS  # measure id (size_limits.csv) -> label
SIZE_JENIS: dict[str, str] = {"Dinas": "dinas/badan", "Badan": "dinas/badan",
                              "Kecamatan": "kecamatan"}
LIMIT_COLUMNS = ["jenis", "tipe", "measure", "limit", "source"]
NO_HEAD_EXEMPT = ("Kelompok Jabatan Fungsional",)


@dataclass(frozen=True)
class StructureResult:
    """The SOTK checks of a city (definitions in the module docstring). Counts are whole
    numbers, staff in persons, EU a decimal ratio (`eu2`: rounded half up to 2 decimals).

    units (one row per unit; figures over the whole subtree unless "own"):
        opd, uid, code, name, kind, parent_uid, depth
                            as in CityData.units (depth 1 = the OPD itself)
        positions           positions in the subtree (count)
        existing            staff in the subtree (persons)
        workload_hours      hours a year of the subtree
        need_raw            Σ need_raw of the subtree (persons, decimal)
        surplus             Σ position surplus (persons)
        shortage            Σ position shortage (persons)
        eu                  need_raw / existing (ratio; NaN without staff)
        eu2                 eu rounded half up to 2 decimals
        vacant              vacant positions in the subtree (count)
        own_existing        staff of the unit's own positions (persons)
        head_code           Kode Jabatan of the unit's structural head (None: no head)
        head_name           Nama Jabatan of the head
        head_kind           Jenis Jabatan of the head (JPT Pratama, Administrator, Pengawas)
        head_existing       staff holding the head position (persons; NaN: no head)
        head_task_count     tasks of the head position (count; NaN: no head)
        has_head            the unit has a structural head (bool)
        children            direct sub-units (count)
        children_headed     direct sub-units with a head (count)
        children_headless   direct sub-units without a head (count)
        own_staff           staff of the unit's non-head positions (persons)
        span                direct reports of the head: children + own_staff (count; NaN:
                            no head)
        span_bucket         "0", "1", "2–3", "4–7", "8–12" or "13+" (None: no head)
        surplus_positions   positions with surplus in the subtree (count)
        shortage_positions  positions with shortage in the subtree (count)
        is_root             the unit is the OPD itself (bool)
        micro               not the root and existing < settings.micro_unit_staff (bool)
        no_workload         workload_hours <= 0 (bool)
        no_head             no structural head and not a Kelompok Jabatan Fungsional (bool)
        campuran            surplus_positions > 0 and shortage_positions > 0 (bool)

    heads (one row per unit with a head):
        opd, uid, code, name, kind, depth, head_code, head_name, head_kind, children,
        children_headed, children_headless, own_staff, span, span_bucket
                            as in `units`

    span_buckets (per OPD, every bucket listed):
        opd                 OPD name
        bucket              span bucket ("0" … "13+")
        heads               heads in the bucket (count)
        share               heads / the OPD's heads (0–1; NaN: no heads)

    span_city (the whole city, every bucket listed):
        bucket              span bucket
        heads               heads in the bucket (count)
        share               heads / the city's heads (0–1)

    opds (one row per OPD):
        opd, abbr, jenis, tipe, skor
                            as in CityData.opds (skor: Skor Pemetaan, 0–1000)
        layers              deepest unit level (count; the OPD itself is level 1)
        units               units of the OPD (count)
        heads               units with a head (count)
        span_median         median span of its heads (count)
        span_max            largest span (count)
        tipe_pemetaan       type the skor maps to: A, B, C, "hanya bidang", "hanya seksi"
                            (None without skor)
        tipe_melebihi       the declared tipe is above tipe_pemetaan (bool)
        tipe_diperiksa      both tipe and skor are filled in, so the type was checked (bool)
        urusan_count        distinct urusan declared: recognised + unrecognised (count)
        urusan_known        recognised urusan, canonical names (list)
        urusan_unknown      urusan entries not found in the rumpun table (list)
        rumpun              rumpun of the recognised urusan, a–g (list)
        rumpun_detail       "rumpun (urusan, …); …" (text)
        merged_dinas        jenis Dinas with >= 2 urusan (bool)
        rumpun_mixed        a merged dinas with urusan from > 1 rumpun (bool)
        urusan_over         a merged dinas with > 3 urusan (bool)
        size_checked        a size limit applied to this OPD (bool)
        size_note           against what the size was checked, or why not (Indonesian text)
        size_over           size checks over their limit (count)

    size_checks (one row per unit a size limit applies to):
        opd, jenis, tipe    the OPD, its jenis and tipe
        unit_uid            row of the measured unit in CityData.units
        unit_code           Kode Unit of the measured unit (the OPD, the Sekretariat or a Bidang)
        unit_name           Nama Unit of the measured unit
        measure             bidang | subbagian_sekretariat | seksi_per_bidang | seksi
        count               units counted (count)
        limit               the limit for this jenis, tipe and measure (count)
        over                count > limit (bool)
        source              "bawaan" (package default) or "pengguna" (user table)

    urusan (one row per declared urusan entry and urusan it names):
        opd                 OPD name
        entry               the entry as written in Profil › Urusan (text)
        urusan              canonical urusan (None: not recognised)
        rumpun              its rumpun, a–g (None: not recognised)
        recognised          the entry named a known urusan (bool)

    size_limits (the limit table used):
        jenis               Jenis OPD the limit is for (Dinas, Badan, Kecamatan)
        tipe                A, B or C
        measure             as in `size_checks`
        limit               maximum count
        source              "bawaan" or "pengguna"
    """

    units: pd.DataFrame
    heads: pd.DataFrame
    span_buckets: pd.DataFrame
    span_city: pd.DataFrame
    opds: pd.DataFrame
    size_checks: pd.DataFrame
    urusan: pd.DataFrame
    size_limits: pd.DataFrame


# ---------------------------------------------------------------------------------------------
# Data tables (package data, overridable)
# ---------------------------------------------------------------------------------------------

def _read_data_csv(name: str) -> pd.DataFrame:
    text = resources.files("sotk_core.model").joinpath("data", name).read_text(encoding="utf-8")
    return pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)


@lru_cache(maxsize=1)
def _default_size_limits() -> pd.DataFrame:
    frame = _read_data_csv("size_limits.csv")
    frame["source"] = "bawaan"
    return _normalise_limits(frame)


def _normalise_limits(frame: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in ("jenis", "tipe", "measure", "limit") if c not in frame.columns]
    if missing:
        raise ValueError("Tabel batas ukuran tidak memiliki kolom: " + ", ".join(missing) + ".")
    out = frame.copy()
    if "source" not in out.columns:
        out["source"] = "pengguna"
    for col in ("jenis", "tipe", "measure"):
        out[col] = out[col].astype(str).str.strip()
    unknown = sorted(set(out["measure"]) - set(MEASURES))
    if unknown:
        raise ValueError("Ukuran tidak dikenal di tabel batas: " + ", ".join(unknown)
                         + ". Pilihan: " + ", ".join(MEASURES) + ".")
    limit = pd.to_numeric(out["limit"], errors="coerce")
    if limit.isna().any() or (limit < 0).any():
        raise ValueError("Kolom 'limit' tabel batas harus berisi bilangan >= 0.")
    out["limit"] = limit.astype("float64")
    return out.loc[:, LIMIT_COLUMNS].drop_duplicates(["jenis", "tipe", "measure"], keep="last")


def size_limits_table(table: pd.DataFrame | str | Path | bytes | None = None) -> pd.DataFrame:
    """The size-limit table: the package default, or a user replacement (a DataFrame, or CSV
    bytes / a CSV path with columns jenis, tipe, measure, limit; `#` lines are comments).
    Raises ValueError with an Indonesian message on a malformed table."""
    if table is None:
        return _default_size_limits().copy()
    if isinstance(table, pd.DataFrame):
        return _normalise_limits(table)
    text = table.decode("utf-8") if isinstance(table, bytes) else Path(table).read_text("utf-8")
    frame = pd.read_csv(io.StringIO(text), comment="#", dtype=str, keep_default_na=False)
    return _normalise_limits(frame)


@lru_cache(maxsize=1)
def rumpun_table() -> pd.DataFrame:
    """rumpun, urusan (canonical name), keywords (tuple) from `data/rumpun.csv`."""
    frame = _read_data_csv("rumpun.csv")
    frame["keywords"] = [tuple(k.strip().casefold() for k in s.split("|") if k.strip())
                         for s in frame["keywords"]]
    return frame


@lru_cache(maxsize=1)
def _urusan_patterns() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple(
        (u, r, re.compile("|".join(rf"(?<!\w){re.escape(k)}(?!\w)" for k in kws)))
        for r, u, kws in rumpun_table().loc[:, ["rumpun", "urusan", "keywords"]].itertuples(
            index=False)
    )


def classify_urusan(entry: str) -> list[tuple[str, str]]:
    """The (canonical urusan, rumpun) pairs an urusan entry names, matched by whole-word
    keywords, case-insensitive; [] when nothing is recognised. One entry may name two urusan
    ("tenaga kerja dan transmigrasi")."""
    text = re.sub(r"\s+", " ", str(entry)).casefold()
    return [(u, r) for u, r, pat in _urusan_patterns() if pat.search(text)]


def mapped_type(skor: object) -> np.ndarray:
    """Type implied by Skor Pemetaan (PP 18/2016) [practice]; None where the score is missing."""
    s = pd.to_numeric(pd.Series(skor, dtype=object), errors="coerce").to_numpy(dtype="float64")
    out = np.select([s > lo for lo, _ in MAPPING_BANDS], [t for _, t in MAPPING_BANDS],
                    MAPPING_BELOW).astype(object)
    out[np.isnan(s)] = None
    return out


def span_bucket(span: np.ndarray) -> np.ndarray:
    """Bucket label per span value; None where the span is NaN (unit without head)."""
    s = np.asarray(span, dtype="float64")
    idx = np.searchsorted(_SPAN_EDGES, s, side="right")
    out = np.asarray(SPAN_BUCKETS, dtype=object)[np.clip(idx, 0, len(SPAN_BUCKETS) - 1)]
    out[np.isnan(s)] = None
    return out


# ---------------------------------------------------------------------------------------------
# Computation
# ---------------------------------------------------------------------------------------------

def _subtree(city: CityData, direct: np.ndarray) -> np.ndarray:
    anc = city.ancestors
    a_uid, a_anc = anc["uid"].to_numpy(), anc["ancestor"].to_numpy()
    return np.bincount(a_anc, weights=direct[a_uid], minlength=len(direct))


def _unit_frame(city: CityData, workload: WorkloadResult, settings: Settings) -> pd.DataFrame:
    wu = workload.units
    pos = workload.positions
    n = len(wu)
    units = wu.loc[:, ["opd", "uid", "code", "name", "kind", "parent_uid", "depth", "positions",
                       "existing", "workload_hours", "need_raw", "surplus", "shortage", "eu",
                       "eu2", "vacant", "own_existing"]].copy()
    parent = units["parent_uid"].to_numpy()
    is_root = parent < 0

    uid = pos["unit_uid"].to_numpy()
    ok = uid >= 0
    is_head = pos["kind"].isin(STRUCTURAL).to_numpy() & ok
    heads = pos.loc[is_head].drop_duplicates("unit_uid")
    head_pid = np.full(n, -1, dtype="int64")
    head_pid[heads["unit_uid"].to_numpy()] = heads["pid"].to_numpy()
    has_head = head_pid >= 0
    hp = np.clip(head_pid, 0, None)
    for col, src in (("head_code", "code"), ("head_name", "name"), ("head_kind", "kind")):
        values = pos[src].to_numpy(dtype=object)[hp] if len(pos) else np.full(n, None, object)
        units[col] = np.where(has_head, values, None)
    for col, src in (("head_existing", "existing"), ("head_task_count", "task_count")):
        values = pos[src].to_numpy(dtype="float64")[hp] if len(pos) else np.zeros(n)
        units[col] = np.where(has_head, values, np.nan)
    units["has_head"] = has_head

    non_head = ok & ~is_head
    own_staff = np.bincount(uid[non_head], weights=pos["existing"].to_numpy()[non_head],
                            minlength=n)
    child = parent >= 0
    children = np.bincount(parent[child], minlength=n)
    children_headed = np.bincount(parent[child], weights=has_head[child].astype("float64"),
                                  minlength=n).astype("int64")
    units["children"] = children
    units["children_headed"] = children_headed
    units["children_headless"] = children - children_headed
    units["own_staff"] = own_staff
    span = np.where(has_head, children + own_staff, np.nan)
    units["span"] = span
    units["span_bucket"] = span_bucket(span)

    surplus_pos = np.bincount(uid[ok], weights=(pos["surplus"].to_numpy()[ok] > 0), minlength=n)
    shortage_pos = np.bincount(uid[ok], weights=(pos["shortage"].to_numpy()[ok] > 0), minlength=n)
    units["surplus_positions"] = _subtree(city, surplus_pos).astype("int64")
    units["shortage_positions"] = _subtree(city, shortage_pos).astype("int64")

    units["is_root"] = is_root
    units["micro"] = ~is_root & (units["existing"].to_numpy() < settings.micro_unit_staff)
    units["no_workload"] = units["workload_hours"].to_numpy() <= 0
    units["no_head"] = ~has_head & ~units["kind"].isin(NO_HEAD_EXEMPT).to_numpy()
    units["campuran"] = (units["surplus_positions"].to_numpy() > 0) & \
        (units["shortage_positions"].to_numpy() > 0)
    return units


def _bucket_counts(heads: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    cat = pd.Categorical(heads["span_bucket"], categories=list(SPAN_BUCKETS), ordered=True)
    frame = heads.loc[:, by].assign(bucket=cat)
    counts = frame.groupby([*by, "bucket"], observed=False).size().rename("heads").reset_index()
    total = counts.groupby(by, observed=True)["heads"].transform("sum") if by else \
        counts["heads"].sum()
    counts["share"] = np.where(total > 0, counts["heads"] / np.where(total > 0, total, 1), np.nan)
    counts["bucket"] = counts["bucket"].astype(str)
    return counts


def _grouping(city: CityData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(urusan rows, per-OPD grouping summary)."""
    rows: list[dict[str, object]] = []
    summary: list[dict[str, object]] = []
    for opd, jenis, urusan in city.opds.loc[:, ["opd", "jenis", "urusan"]].itertuples(index=False):
        entries = [str(u) for u in (urusan if isinstance(urusan, (list, tuple)) else [])]
        canon: dict[str, str] = {}
        unknown: list[str] = []
        for entry in entries:
            found = classify_urusan(entry)
            if not found:
                unknown.append(entry)
                rows.append({"opd": opd, "entry": entry, "urusan": None, "rumpun": None,
                             "recognised": False})
            for u, r in found:
                canon.setdefault(u, r)
                rows.append({"opd": opd, "entry": entry, "urusan": u, "rumpun": r,
                             "recognised": True})
        count = len(canon) + len(unknown)
        rumpun = sorted(set(canon.values()))
        merged = jenis == "Dinas" and count >= 2
        summary.append({
            "opd": opd, "urusan_count": count, "urusan_known": list(canon),
            "urusan_unknown": unknown, "rumpun": rumpun,
            "rumpun_detail": "; ".join(
                f"{r} ({', '.join(u for u, rr in canon.items() if rr == r)})" for r in rumpun),
            "merged_dinas": merged,
            "rumpun_mixed": merged and len(rumpun) > 1,
            "urusan_over": merged and count > 3,
        })
    urusan = pd.DataFrame(rows, columns=["opd", "entry", "urusan", "rumpun", "recognised"])
    return urusan, pd.DataFrame(summary, columns=[
        "opd", "urusan_count", "urusan_known", "urusan_unknown", "rumpun", "rumpun_detail",
        "merged_dinas", "rumpun_mixed", "urusan_over"])


def _size_checks(units: pd.DataFrame, opds: pd.DataFrame, limits: pd.DataFrame) -> pd.DataFrame:
    n = len(units)
    kind = units["kind"].to_numpy(dtype=object)
    parent = units["parent_uid"].to_numpy()
    child = parent >= 0
    root = units.loc[units["is_root"]]

    def children_of_kind(kinds: tuple[str, ...]) -> np.ndarray:
        m = child & np.isin(kind, kinds)
        return np.bincount(parent[m], minlength=n)

    per_opd = {
        "bidang": units.loc[units["kind"] == "Bidang"].groupby("opd").size(),
        "seksi": units.loc[units["kind"] == "Seksi"].groupby("opd").size(),
    }
    parts = [root.loc[:, ["opd", "uid", "code", "name"]].assign(
        measure=m, count=root["opd"].map(per_opd[m]).fillna(0).to_numpy()) for m in per_opd]
    sub = children_of_kind(("Subbagian",))
    sek = units.loc[units["kind"] == "Sekretariat"]
    parts.append(sek.loc[:, ["opd", "uid", "code", "name"]].assign(
        measure="subbagian_sekretariat", count=sub[sek["uid"].to_numpy()]))
    seksi = children_of_kind(("Seksi", "Subbidang"))
    bid = units.loc[units["kind"] == "Bidang"]
    parts.append(bid.loc[:, ["opd", "uid", "code", "name"]].assign(
        measure="seksi_per_bidang", count=seksi[bid["uid"].to_numpy()]))
    checks = pd.concat(parts, ignore_index=True).rename(
        columns={"uid": "unit_uid", "code": "unit_code", "name": "unit_name"})
    checks = checks.merge(opds.loc[:, ["opd", "jenis", "tipe"]], on="opd", how="left")
    checks = checks.merge(limits, on=["jenis", "tipe", "measure"], how="inner")
    checks["count"] = checks["count"].astype("int64")
    checks["over"] = checks["count"] > checks["limit"]
    cols = ["opd", "jenis", "tipe", "unit_uid", "unit_code", "unit_name", "measure", "count",
            "limit", "over", "source"]
    return checks.loc[:, cols].sort_values(["opd", "measure", "unit_code"], ignore_index=True)


def _size_notes(opds: pd.DataFrame, limits: pd.DataFrame) -> tuple[list[bool], list[str]]:
    """Per OPD: whether its size was checked and an Indonesian note saying against what."""
    jenis_known = set(limits["jenis"])
    sources: dict[tuple[str, str], set[str]] = {}
    for j, t, src in limits.loc[:, ["jenis", "tipe", "source"]].itertuples(index=False):
        sources.setdefault((j, t), set()).add(src)
    checked: list[bool] = []
    notes: list[str] = []
    for jenis, tipe in zip(opds["jenis"], opds["tipe"], strict=True):
        if jenis not in jenis_known:
            ok, note = False, f"Tidak ada batas ukuran untuk jenis {jenis}; ukuran tidak diperiksa."
        elif not isinstance(tipe, str) or not tipe:
            ok, note = False, "Tipe tidak diisi; ukuran tidak diperiksa."
        elif (jenis, tipe) not in sources:
            ok, note = False, (f"Tidak ada batas ukuran untuk {jenis} tipe {tipe}; ukuran tidak "
                               "diperiksa.")
        elif sources[(jenis, tipe)] - {"bawaan"}:
            ok, note = True, "Diperiksa terhadap batas yang diatur pengguna."
        else:
            ok, note = True, "Diperiksa terhadap acuan bawaan (verifikasi terhadap PP 18/2016)."
        checked.append(ok)
        notes.append(note)
    return checked, notes


def compute_structure(city: CityData, workload: WorkloadResult, settings: Settings,
                      size_limits: pd.DataFrame | None = None) -> StructureResult:
    """Hierarchy, spans, layers, type/size/grouping checks and unit health for a city."""
    limits = size_limits_table(size_limits)
    units = _unit_frame(city, workload, settings)
    heads = units.loc[units["has_head"], [
        "opd", "uid", "code", "name", "kind", "depth", "head_code", "head_name", "head_kind",
        "children", "children_headed", "children_headless", "own_staff", "span",
        "span_bucket"]].reset_index(drop=True)
    span_buckets = _bucket_counts(heads, ["opd"])
    span_city = _bucket_counts(heads, [])

    opds = city.opds.loc[:, ["opd", "abbr", "jenis", "tipe", "skor"]].copy()
    g = units.groupby("opd", sort=False)
    opds["layers"] = opds["opd"].map(g["depth"].max()).astype("Int64")
    opds["units"] = opds["opd"].map(g.size()).fillna(0).astype("int64")
    hg = heads.groupby("opd", sort=False)["span"]
    opds["heads"] = opds["opd"].map(hg.size()).fillna(0).astype("int64")
    opds["span_median"] = opds["opd"].map(hg.median())
    opds["span_max"] = opds["opd"].map(hg.max())
    tipe = opds["tipe"].to_numpy(dtype=object)
    mapped = mapped_type(opds["skor"].to_numpy(dtype=object))
    opds["tipe_pemetaan"] = mapped
    declared_rank = np.array([TYPE_RANK.get(t, np.nan) if isinstance(t, str) else np.nan
                              for t in tipe], dtype="float64")
    mapped_rank = np.array([TYPE_RANK[m] if m is not None else np.nan for m in mapped],
                           dtype="float64")
    opds["tipe_melebihi"] = declared_rank > mapped_rank  # False when either is missing
    opds["tipe_diperiksa"] = ~np.isnan(declared_rank) & ~np.isnan(mapped_rank)

    urusan, grouping = _grouping(city)
    opds = opds.merge(grouping, on="opd", how="left")
    opds["size_checked"], opds["size_note"] = _size_notes(opds, limits)
    size_checks = _size_checks(units, opds, limits)
    over = size_checks.loc[size_checks["over"]].groupby("opd").size()
    opds["size_over"] = opds["opd"].map(over).fillna(0).astype("int64")
    return StructureResult(units=units, heads=heads, span_buckets=span_buckets,
                           span_city=span_city, opds=opds, size_checks=size_checks,
                           urusan=urusan, size_limits=limits)

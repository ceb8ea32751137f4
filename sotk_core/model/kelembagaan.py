"""Evaluasi kelembagaan PermenPANRB 20/2018 (domain.md §3) and the SAKIP grade (§6)."""

from __future__ import annotations

import pandas as pd

from sotk_core.base.issues import Issue
from sotk_core.base.labels import KELEMBAGAAN_RANK_LABELS
from sotk_core.base.tables import (
    DEFAULT_KELEMBAGAAN_TABLE,
    KELEMBAGAAN_RANK_RULE,
    KELEMBAGAAN_TABLES_BY_ID,
    ItemTable,
)
from sotk_core.workbook.spec import KELEMBAGAAN
from sotk_core.workbook.vocab import SUBDIMENSIONS, UPT_ITEMS, SubDimension, parse_subdimension

__all__ = ["KELEMBAGAAN_RANK_RULE", "RANKS", "SAKIP_GRADES", "SUBDIMENSIONS", "UPT_ITEMS",
           "SubDimension", "compute_kelembagaan", "parse_subdimension", "rank_of", "sakip_grade",
           "subdimension_score", "table_warnings"]


# (rank, exclusive lower bound of the total, label): P-5 > 80, P-4 > 60, P-3 > 40, P-2 > 20.
RANKS: tuple[tuple[str, float, str], ...] = tuple(
    (rank, lower, KELEMBAGAAN_RANK_LABELS[rank])
    for rank, lower in (("P-5", 80.0), ("P-4", 60.0), ("P-3", 40.0), ("P-2", 20.0),
                        ("P-1", float("-inf"))))

SAKIP_GRADES: tuple[tuple[str, float], ...] = (
    ("AA", 90.0), ("A", 80.0), ("BB", 70.0), ("B", 60.0), ("CC", 50.0), ("C", 30.0),
    ("D", float("-inf")),
)


def rank_of(score: float) -> tuple[str, str]:
    """P-5 > 80, P-4 > 60, P-3 > 40, P-2 > 20, else P-1, on the unrounded total: a total
    between the whole-number printed bands ranks by its lower edge (80.625 > 80 -> P-5;
    exactly 80.0 -> P-4). See KELEMBAGAAN_RANK_RULE."""
    for rank, lower, label in RANKS:
        if score > lower:
            return rank, label
    return RANKS[-1][0], RANKS[-1][2]


def sakip_grade(score: float | None) -> str | None:
    """AA > 90, A > 80, BB > 70, B > 60, CC > 50, C > 30, else D (PermenPANRB 88/2021)."""
    if score is None or pd.isna(score):
        return None
    return next(g for g, lower in SAKIP_GRADES if score > lower)


def subdimension_score(sub: SubDimension, answers: dict[int, int]) -> float:
    """weight × Σv / (4 n), v = 5 − answer for negative items (domain.md §3)."""
    values = [5 - a if item in sub.negative else a for item, a in answers.items()]
    return sub.weight * sum(values) / (4 * len(values)) if values else 0.0


def compute_kelembagaan(answers: pd.DataFrame, has_upt: dict[str, bool],
                        table: str | ItemTable = DEFAULT_KELEMBAGAAN_TABLE) -> pd.DataFrame:
    """answers: opd, subdimension (canonical name), item, answer. One row per OPD with the
    score of each sub-dimension, Struktur, Proses, total, rank, rank label and the item table
    used (`table`, `table_name`). Items numbered beyond the table's count are not scored (see
    `table_warnings`)."""
    t = KELEMBAGAAN_TABLES_BY_ID[table] if isinstance(table, str) else table
    subs = t.subdimensions
    rows = []
    for opd, frame in answers.groupby("opd", sort=False):
        row: dict[str, object] = {"opd": opd}
        for sub in subs:
            part = frame.loc[frame["subdimension"] == sub.name]
            given = {k: v for k, v in zip(part["item"].astype(int), part["answer"].astype(int),
                                          strict=True) if k <= sub.items}
            if sub.name == UPT_ITEMS[0] and not has_upt.get(str(opd), False):
                given = {k: v for k, v in given.items() if k not in UPT_ITEMS[1]}
            row[sub.name] = subdimension_score(sub, given)
        row["Struktur"] = sum(float(row[s.name]) for s in subs if s.dimension == "Struktur")
        row["Proses"] = sum(float(row[s.name]) for s in subs if s.dimension == "Proses")
        row["total"] = float(row["Struktur"]) + float(row["Proses"])
        row["rank"], row["rank_label"] = rank_of(float(row["total"]))
        row["table"], row["table_name"] = t.id, t.name
        rows.append(row)
    cols = ["opd", *(s.name for s in subs), "Struktur", "Proses", "total", "rank",
            "rank_label", "table", "table_name"]
    return pd.DataFrame(rows, columns=cols)


def table_warnings(answers: pd.DataFrame, files: dict[str, str],
                   table: str = DEFAULT_KELEMBAGAAN_TABLE) -> list[Issue]:
    """A warning per answer whose item number the chosen table does not have (it is not
    scored), naming the table and the one that has it."""
    t = KELEMBAGAAN_TABLES_BY_ID[table]
    counts = {s.name: s.items for s in t.subdimensions}
    if answers.empty:
        return []
    over = answers.loc[answers["item"].to_numpy(dtype="float64")
                       > answers["subdimension"].map(counts).to_numpy(dtype="float64")]
    out = []
    for opd, sub, item, row in zip(over["opd"], over["subdimension"], over["item"], over["row"],
                                   strict=True):
        other = next((o.name for o in KELEMBAGAAN_TABLES_BY_ID.values()
                      for s in o.subdimensions if s.name == sub and s.items >= item), None)
        hint = f"; butir ini ada di {other}" if other else ""
        out.append(Issue("warning", files.get(str(opd), str(opd)), KELEMBAGAAN.name,
                         int(row), "No",
                         f"{t.name} hanya memuat {counts[sub]} butir {sub}; jawaban No "
                         f"{int(item)} tidak dihitung{hint}. Tabel butir dapat dipilih di "
                         "Pengaturan."))
    return out

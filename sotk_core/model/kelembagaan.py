"""Evaluasi kelembagaan PermenPANRB 20/2018 (domain.md §3) and the SAKIP grade (§6)."""

from __future__ import annotations

import pandas as pd

from sotk_core.workbook.vocab import SUBDIMENSIONS, UPT_ITEMS, SubDimension, parse_subdimension

__all__ = ["RANKS", "SAKIP_GRADES", "SUBDIMENSIONS", "UPT_ITEMS", "SubDimension",
           "compute_kelembagaan", "parse_subdimension", "rank_of", "sakip_grade",
           "subdimension_score"]


RANKS: tuple[tuple[str, float, str], ...] = (
    ("P-5", 80.0, "Sangat efektif"),
    ("P-4", 60.0, "Efektif"),
    ("P-3", 40.0, "Cukup efektif"),
    ("P-2", 20.0, "Kurang efektif"),
    ("P-1", float("-inf"), "Tidak efektif"),
)

SAKIP_GRADES: tuple[tuple[str, float], ...] = (
    ("AA", 90.0), ("A", 80.0), ("BB", 70.0), ("B", 60.0), ("CC", 50.0), ("C", 30.0),
    ("D", float("-inf")),
)


def rank_of(score: float) -> tuple[str, str]:
    """P-5 > 80, P-4 > 60, P-3 > 40, P-2 > 20, else P-1."""
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


def compute_kelembagaan(answers: pd.DataFrame, has_upt: dict[str, bool]) -> pd.DataFrame:
    """answers: opd, subdimension (canonical name), item, answer. One row per OPD with the
    score of each sub-dimension, Struktur, Proses, total, rank and rank label."""
    rows = []
    for opd, frame in answers.groupby("opd", sort=False):
        row: dict[str, object] = {"opd": opd}
        for sub in SUBDIMENSIONS:
            part = frame.loc[frame["subdimension"] == sub.name]
            given = dict(zip(part["item"].astype(int), part["answer"].astype(int), strict=True))
            if sub.name == UPT_ITEMS[0] and not has_upt.get(str(opd), False):
                given = {k: v for k, v in given.items() if k not in UPT_ITEMS[1]}
            row[sub.name] = subdimension_score(sub, given)
        row["Struktur"] = sum(float(row[s.name]) for s in SUBDIMENSIONS if s.dimension == "Struktur")
        row["Proses"] = sum(float(row[s.name]) for s in SUBDIMENSIONS if s.dimension == "Proses")
        row["total"] = float(row["Struktur"]) + float(row["Proses"])
        row["rank"], row["rank_label"] = rank_of(float(row["total"]))
        rows.append(row)
    cols = ["opd", *(s.name for s in SUBDIMENSIONS), "Struktur", "Proses", "total", "rank",
            "rank_label"]
    return pd.DataFrame(rows, columns=cols)

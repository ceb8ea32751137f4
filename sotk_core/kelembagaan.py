"""Evaluasi kelembagaan PermenPANRB 20/2018 (domain.md §3) and the SAKIP grade (§6)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class SubDimension:
    name: str
    dimension: str  # Struktur | Proses
    weight: float
    items: int
    negative: tuple[int, ...]
    aliases: tuple[str, ...] = ()


SUBDIMENSIONS: tuple[SubDimension, ...] = (
    SubDimension("Kompleksitas", "Struktur", 25.0, 14, (1, 2, 3, 4, 5, 6, 8, 10)),
    SubDimension("Formalisasi", "Struktur", 12.5, 7, (1, 3)),
    SubDimension("Sentralisasi", "Struktur", 12.5, 11, (1, 3, 4, 6)),
    SubDimension("Keselarasan", "Proses", 10.0, 8, (), ("Keselarasan (Alignment)",)),
    SubDimension("Tata Kelola", "Proses", 10.0, 7, (), ("Tata Kelola dan Kepatuhan",)),
    SubDimension("Perbaikan Proses", "Proses", 10.0, 4, (2, 4), ("Perbaikan",)),
    SubDimension("Manajemen Risiko", "Proses", 10.0, 6, (4, 5), ("Risiko", "Manajemen Resiko")),
    SubDimension("Teknologi Informasi", "Proses", 10.0, 5, (4,), ("TI",)),
)
# Kompleksitas items 8-9 concern UPT and are dropped for an OPD without UPT.
UPT_ITEMS = ("Kompleksitas", (8, 9))

_BY_KEY = {re.sub(r"\s+", " ", k).casefold(): s for s in SUBDIMENSIONS for k in (s.name, *s.aliases)}

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


def parse_subdimension(value: object) -> SubDimension | None:
    return _BY_KEY.get(re.sub(r"\s+", " ", str(value or "")).strip().casefold())


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

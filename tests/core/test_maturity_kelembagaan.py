"""Maturity (domain.md §2), kelembagaan (§3) and SAKIP (§6) by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from sotk_core import Settings
from sotk_core.model.kelembagaan import (
    SUBDIMENSIONS,
    compute_kelembagaan,
    rank_of,
    sakip_grade,
    subdimension_score,
)
from sotk_core.model.maturity import compute_maturity, maturity_category, parse_variable

S = Settings()


@pytest.mark.parametrize(("total", "category"), [
    (11, "Sangat Rendah"), (19, "Sangat Rendah"), (19.5, "Rendah"), (28, "Rendah"),
    (33, "Sedang"), (37, "Sedang"), (37.6, "Tinggi"), (40.07, "Tinggi"), (46, "Tinggi"),
    (47, "Sangat Tinggi"), (55, "Sangat Tinggi"),
])
def test_maturity_bands(total, category):
    assert maturity_category(total, S) == category


def _levels(opd, self_levels, verified=None):
    verified = verified or [None] * 11
    return pd.DataFrame({"opd": opd, "variable": range(1, 12), "self_level": self_levels,
                         "verified_level": [float("nan") if v is None else v for v in verified]})


def test_all_threes_is_33_sedang_and_verified_wins():
    mat = pd.concat([
        _levels("A", [3] * 11),
        _levels("B", [5] * 11, [4] * 10 + [2]),  # verified wins: 40 + 2 = 42, stage 2
    ])
    res = compute_maturity(mat, ["A", "B"], S)
    opd = res.opd.set_index("opd")
    assert opd.loc["A", "total"] == 33 and opd.loc["A", "category"] == "Sedang"
    assert opd.loc["B", "total"] == 42 and opd.loc["B", "category"] == "Tinggi"
    assert opd.loc["B", "stage"] == 2  # stage = min level
    assert res.city_mean == pytest.approx(37.5) and res.city_category == "Tinggi"
    weak_b = res.weakest.loc[res.weakest["opd"] == "B"]
    assert weak_b["variable"].tolist() == [11] and weak_b["next_level"].tolist() == [3]
    assert weak_b["next_text"].iloc[0] == "Dokumen budaya resmi"
    levels = res.levels.set_index(["opd", "variable"])
    assert levels.loc[("B", 11), "gap"] == 3  # self 5 vs verified 2


@pytest.mark.parametrize(("raw", "number"), [("IV", 4), ("iv", 4), (4, 4), ("4", 4), (4.0, 4),
                                              ("Budaya Organisasi Perangkat Daerah", 11),
                                              ("Variabel IX", 9), ("SOP", 4), ("XII", None),
                                              ("12", None), ("Apa saja", None)])
def test_parse_variable(raw, number):
    assert parse_variable(raw) == number


def test_kelembagaan_perbaikan_example_is_5_625():
    perbaikan = next(s for s in SUBDIMENSIONS if s.name == "Perbaikan Proses")
    # items 2 and 4 are negative (v = 5 - answer): answers 3,3,2,3 -> v = 3,2,2,2 -> 10 × 9/16
    assert subdimension_score(perbaikan, {1: 3, 2: 3, 3: 2, 4: 3}) == pytest.approx(5.625)


def test_kelembagaan_all_fours_and_ranks():
    rows = [{"opd": "X", "subdimension": s.name, "item": i, "answer": 4}
            for s in SUBDIMENSIONS for i in range(1, s.items + 1)]
    res = compute_kelembagaan(pd.DataFrame(rows), {"X": True}).iloc[0]
    # all 4: positive items v=4 (full), negative items v=1; Kompleksitas 25 × (6×4 + 8×1)/56
    assert res["Kompleksitas"] == pytest.approx(25 * 32 / 56)
    assert res["Teknologi Informasi"] == pytest.approx(10 * 17 / 20)
    assert res["total"] == pytest.approx(res["Struktur"] + res["Proses"])
    assert rank_of(80.0)[0] == "P-4" and rank_of(80.01)[0] == "P-5" and rank_of(20)[0] == "P-1"


@pytest.mark.parametrize(("score", "grade"), [(91, "AA"), (90, "A"), (75, "BB"), (70, "B"),
                                              (55, "CC"), (50, "C"), (30, "D"), (None, None)])
def test_sakip_grades(score, grade):
    assert sakip_grade(score) == grade

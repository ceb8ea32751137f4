"""The city's hours-per-head chart with many OPD (40 OPD drew 40 rows, 2.570 px): it draws the
OPD furthest from an even spread, the highest and the lowest median hours per person of their
bidang, and says how many of how many; the table under it lists every OPD. Figures by hand:
OPD "O1".."On" each with one bidang of 1 person doing 1.000 + 100 × i jam."""

from __future__ import annotations

import pandas as pd
import pytest

from sotk_core.present.charts import balance
from sotk_core.present.charts.balance import (
    HOURS_ROWS,
    furthest_from_balance,
    hours_per_head,
    opd_hours,
    opd_hours_view,
)


def _units(rows: list[tuple[str, int, int, float]]) -> pd.DataFrame:
    """(opd, depth, existing, workload_hours) -> a units frame as WorkloadResult has it."""
    df = pd.DataFrame(rows, columns=["opd", "depth", "existing", "workload_hours"])
    eu = df["workload_hours"] / df["existing"].where(df["existing"] > 0) / 1250
    return df.assign(name=[f"Bidang {i}" for i in range(len(df))], eu2=eu.round(2),
                     pu=["A" if e > 1 else "B" for e in eu.fillna(0)])


def _city(n: int) -> pd.DataFrame:
    """n OPD, O1 the lightest (1.100 jam per person) to On the heaviest."""
    return _units([(f"O{i}", 2, 1, 1000 + 100 * i) for i in range(1, n + 1)])


def test_opd_hours_median_lowest_highest_of_the_staffed_bidang():
    units = _units([("A", 2, 1, 1000), ("A", 2, 2, 3000), ("A", 2, 1, 1250),
                    ("A", 2, 0, 500),  # no staff: left out
                    ("A", 1, 4, 5250),  # the OPD itself: another level
                    ("B", 2, 2, 1800)])
    t = opd_hours(units)
    # A: 1.000, 1.500 and 1.250 jam per person -> median 1.250; B: 1.800 / 2 = 900
    assert t.to_dict("records") == [
        {"opd": "A", "staffed_units": 3, "median_hours_per_head": 1250.0,
         "min_hours_per_head": 1000.0, "max_hours_per_head": 1500.0},
        {"opd": "B", "staffed_units": 1, "median_hours_per_head": 900.0,
         "min_hours_per_head": 900.0, "max_hours_per_head": 900.0}]


def test_equal_medians_are_ordered_by_name():
    t = opd_hours(_units([("Z", 2, 1, 1000), ("A", 2, 1, 1000), ("M", 2, 1, 1200)]))
    assert list(t["opd"]) == ["M", "A", "Z"]


def test_the_default_limit_is_eight_rows():
    assert HOURS_ROWS == 8


def test_eight_opd_are_all_drawn_highest_first():
    picked = furthest_from_balance(opd_hours(_city(8)))
    assert picked.high == ("O8", "O7", "O6", "O5", "O4", "O3", "O2", "O1")
    assert picked.low == () and picked.left_out == 0


def test_nine_opd_leave_out_the_middle_one():
    picked = furthest_from_balance(opd_hours(_city(9)))
    assert picked.high == ("O9", "O8", "O7", "O6")  # 1.900 down to 1.600 jam
    assert picked.low == ("O4", "O3", "O2", "O1")  # 1.400 down to 1.100 jam
    assert picked.left_out == 1  # O5, 1.500 jam: nearest the middle


def test_an_odd_limit_gives_the_extra_row_to_the_highest():
    picked = furthest_from_balance(opd_hours(_city(40)), rows=7)
    assert picked.high == ("O40", "O39", "O38", "O37")
    assert picked.low == ("O3", "O2", "O1") and picked.left_out == 33


def _ticks(fig) -> list[str]:
    return list(fig.layout.yaxis.ticktext)


def _subtitle(fig) -> str:
    return fig.layout.title.subtitle.text


def test_chart_of_eight_opd_draws_eight_rows_without_a_note():
    fig = hours_per_head(_city(8))
    assert _ticks(fig) == ["O1", "O2", "O3", "O4", "O5", "O6", "O7", "O8"]  # bottom to top
    assert "Menampilkan" not in _subtitle(fig)
    assert not [a for a in fig.layout.annotations if "tertinggi" in a.text]


def test_chart_of_nine_opd_draws_the_eight_furthest_and_names_both_groups():
    fig = hours_per_head(_city(9))
    assert _ticks(fig) == ["O1", "O2", "O3", "O4", "O6", "O7", "O8", "O9"]  # O5 left out
    assert _subtitle(fig).split("<br>")[0] == (
        "Menampilkan 8 OPD dari 9: 4 dengan jam kerja per pegawai tertinggi dan 4 terendah "
        "(median bidang/bagian); semua OPD ada di tabel di bawah grafik.")
    # the city's extremes still count every unit: 9 units, 1.900 and 1.100 jam
    assert _subtitle(fig).split("<br>")[1] == (
        "9 unit · tertinggi 1.900 jam, terendah 1.100 jam per pegawai (rasio 1,7×)")
    texts = [a.text for a in fig.layout.annotations]
    assert "<b>▲ 4 tertinggi</b>" in texts
    assert "<b>▼ 4 terendah</b> · 1 OPD lain di tabel" in texts
    # one dot per drawn OPD: 1.100–1.400 and 1.600–1.900 jam (O5's 1.500 left out)
    dots = sorted(x for t in fig.data if t.type == "scatter" for x in t.x)
    assert dots == [1100, 1200, 1300, 1400, 1600, 1700, 1800, 1900]
    # the four lowest below the dotted line, the four highest above it
    (line,) = [s for s in fig.layout.shapes if s.line.dash == "dot"]
    at = dict(zip(_ticks(fig), fig.layout.yaxis.tickvals, strict=True))
    assert max(at[o] for o in ("O1", "O2", "O3", "O4")) < line.y0 < min(
        at[o] for o in ("O6", "O7", "O8", "O9"))


def test_forty_opd_fit_a_projector_screen():
    fig = hours_per_head(_city(40))
    assert len(_ticks(fig)) == 8
    assert fig.layout.height == 607  # 40 rows were 2.570 px


def test_a_lowered_limit_is_used_by_chart_and_table(monkeypatch):
    monkeypatch.setattr(balance, "HOURS_ROWS", 2)
    fig = hours_per_head(_city(3))
    assert _ticks(fig) == ["O1", "O3"]
    view = opd_hours_view(_city(3), opd_labels={"O3": "Tiga"})
    assert view[["opd", "abbr", "shown"]].to_dict("records") == [
        {"opd": "O3", "abbr": "Tiga", "shown": "tertinggi"},
        {"opd": "O2", "abbr": "O2", "shown": "tidak digambar"},
        {"opd": "O1", "abbr": "O1", "shown": "terendah"}]


def test_the_table_says_every_opd_is_drawn_when_all_fit():
    view = opd_hours_view(_city(8))
    assert list(view["shown"]) == ["ya"] * 8
    assert list(view["median_hours_per_head"]) == pytest.approx(
        [1800, 1700, 1600, 1500, 1400, 1300, 1200, 1100])  # O8 .. O1

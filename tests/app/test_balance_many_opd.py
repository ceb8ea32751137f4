"""Keseimbangan with many OPD (40 OPD drew 40 rows, 2.570 px): the hours-per-head chart draws
the OPD with the highest and the lowest median hours per person of their bidang/bagian and
says how many of how many; every OPD is in a box under the chart, built only when opened.
The limit is checked at its boundary on the sample city (18 OPD) by lowering it; figures by
hand from the sample CSVs (tests/sample_figures.py, no sotk_core)."""

from __future__ import annotations

import json
from decimal import Decimal
from statistics import median

import pytest

from sotk_core.base.labels import label
from sotk_core.present.charts import balance
from tests.app.helpers import array, assert_clean, chart, clean_label, goto, table_with, tables
from tests.sample_figures import idn, sample_city

NOTE = ("Menampilkan {n} OPD dari 18: {hi} dengan jam kerja per pegawai tertinggi dan {lo} "
        "terendah (median bidang/bagian); semua OPD ada di tabel di bawah grafik.")


@pytest.fixture(scope="module")
def figures():
    return sample_city()


def by_median(figures) -> list[tuple[str, Decimal, Decimal, Decimal, int]]:
    """(OPD, median, lowest, highest jam per person, staffed bidang), highest median first;
    jam per person of a bidang = its subtree's hours ÷ its staff."""
    out = []
    for opd in figures.opds:
        hpp = [g.hours / g.existing for g in figures.depth_units(opd, 2).values() if g.existing]
        if hpp:
            out.append((opd, median(hpp), min(hpp), max(hpp), len(hpp)))
    out.sort(key=lambda r: r[0])
    out.sort(key=lambda r: r[1], reverse=True)
    return out


def _spec(app):
    return chart(app, "bal_hours")


def _rows(app) -> list[str]:
    """The chart's row labels, top to bottom."""
    return [clean_label(t) for t in reversed(_spec(app)["layout"]["yaxis"]["ticktext"])]


def _note(app) -> str:
    sub = _spec(app)["layout"]["title"]["subtitle"]["text"]
    return sub.split("<br>")[0] if "<br>" in sub else ""


def _page(app) -> None:
    goto(app, "keseimbangan")
    assert_clean(app)


def test_the_sample_city_has_18_opd_with_distinct_medians(figures):
    rows = by_median(figures)
    assert len(rows) == 18
    assert len({r[1] for r in rows}) == 18  # no tie decides which OPD is drawn


def test_default_draws_the_4_highest_and_4_lowest_of_18(app, figures):
    _page(app)
    rows = by_median(figures)
    abbr = [figures.abbr[r[0]] for r in rows]
    assert _rows(app) == abbr[:4] + abbr[-4:]
    note = NOTE.format(n=8, hi=4, lo=4)
    assert _note(app) == note
    assert any(note in " ".join(c.value.split()) for c in app.caption)  # above the chart
    texts = [a["text"] for a in _spec(app)["layout"]["annotations"]]
    assert "<b>▲ 4 tertinggi</b>" in texts
    assert "<b>▼ 4 terendah</b> · 10 OPD lain di tabel" in texts


def test_room_for_18_draws_every_opd_without_a_note(app, figures, monkeypatch):
    monkeypatch.setattr(balance, "HOURS_ROWS", 18)
    _page(app)
    assert _rows(app) == [figures.abbr[r[0]] for r in by_median(figures)]
    assert _note(app) == ""
    # every staffed bidang/bagian of the city is one dot
    expected = sorted(float(g.hours / g.existing) for opd in figures.opds
                      for g in figures.depth_units(opd, 2).values() if g.existing)
    points = sorted(v for t in _spec(app)["data"] if t["type"] == "scatter"
                    for v in array(t.get("x")) if v is not None)
    assert points == pytest.approx(expected)


def test_room_for_17_leaves_out_the_opd_nearest_the_middle(app, figures, monkeypatch):
    monkeypatch.setattr(balance, "HOURS_ROWS", 17)
    _page(app)
    rows = by_median(figures)
    abbr = [figures.abbr[r[0]] for r in rows]
    # 9 highest, 8 lowest: the 10th highest median is left out
    assert _rows(app) == abbr[:9] + abbr[10:]
    assert _note(app) == NOTE.format(n=17, hi=9, lo=8)
    texts = [a["text"] for a in _spec(app)["layout"]["annotations"]]
    assert "<b>▼ 8 terendah</b> · 1 OPD lain di tabel" in texts


def test_every_opd_is_in_a_box_built_only_when_opened(app, figures):
    _page(app)
    (box,) = [e for e in app.expander if e.label.startswith("Semua OPD")]
    assert box.label == "Semua OPD: jam kerja per pegawai bidang/bagian (18 OPD)"
    assert not [t for t in tables(app) if label("median_hours_per_head") in t.columns]
    app.session_state["bal_opds_open"] = True
    app.run()
    assert_clean(app)
    t = table_with(app, label("median_hours_per_head"), label("shown"))
    rows = by_median(figures)
    assert list(t[label("opd")]) == [r[0] for r in rows]
    assert list(t[label("abbr")]) == [figures.abbr[r[0]] for r in rows]
    assert list(t[label("shown")]) == ["tertinggi"] * 4 + ["tidak digambar"] * 10 + [
        "terendah"] * 4
    first = rows[0]
    assert [idn(t[label(c)].iloc[0]) for c in (
        "median_hours_per_head", "min_hours_per_head", "max_hours_per_head")] == [
        idn(first[1]), idn(first[2]), idn(first[3])]
    assert list(t[label("staffed_units")]) == [r[4] for r in rows]
    # short headers with units for a 1024 px screen, the chart's row label first and pinned
    (grid,) = [d for d in app.dataframe if label("shown") in d.value.columns]
    config = json.loads(grid.proto.columns)
    assert [config[c].get("label", c) for c in grid.value.columns] == [
        "OPD", "Di grafik", "Median (jam/orang)", "Terendah (jam/orang)",
        "Tertinggi (jam/orang)", "Nama OPD", "Unit berpegawai"]
    assert config[label("abbr")]["pinned"] is True

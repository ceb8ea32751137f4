"""Text from files is inert where it is drawn or downloaded (issue 16): no Plotly markup or
link from a name in any chart, no spreadsheet formula from a name in any download."""

from __future__ import annotations

import io
import json
import re

import openpyxl
import pandas as pd
import pytest

from sotk_core import Settings
from sotk_core.model.city import build_city
from sotk_core.model.evaluate import evaluate
from sotk_core.present import charts
from sotk_core.present.safe import csv_bytes, neutralise, neutralise_frame, plotly_text
from sotk_core.present.xlsx import results_workbook_bytes
from sotk_core.workbook import read_workbook
from tests.data.make_hostile import MARKUP_OPD, MARKUP_POSITIONS, MARKUP_UNIT, markup_names

LINK = re.compile(r"<a\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def ev():
    return evaluate(build_city([read_workbook(markup_names(), "markup.xlsx")]), Settings())


def _figures(ev):
    opd, wl = MARKUP_OPD, ev.workload
    return {
        "opd_eu": charts.opd_eu(ev.opds, ev.settings),
        "need_vs_existing": charts.opd_need_vs_existing(ev.opds),
        "unit_eu": charts.unit_eu_bars(wl.units, opd, ev.settings, depth=3),
        "positions": charts.position_need_bars(wl.positions, opd, units=wl.units),
        "treemap": charts.workload_treemap(wl.units, wl.positions, opd, ev.settings),
        "top_tasks": charts.top_tasks(wl.tasks, wl.positions, opd, "J01", n=8),
    }


def test_no_chart_holds_a_link_or_markup_from_a_name(ev):
    for name, fig in _figures(ev).items():
        text = json.dumps(fig.to_plotly_json(), default=str)
        assert not LINK.search(text), name
        assert "<script" not in text and "<b>Pengadministrasi" not in text.replace("&lt;", ""), name
    unit_eu = json.dumps(_figures(ev)["unit_eu"].to_plotly_json(), default=str)
    assert "&lt;a href=" in unit_eu  # the unit's name, shown as the text it is


def test_plotly_text_keeps_only_our_own_tags():
    assert plotly_text("Bidang<br>Pelayanan <b>12</b>") == "Bidang<br>Pelayanan <b>12</b>"
    assert plotly_text('<a href="http://x">y</a>') == '&lt;a href="http://x">y&lt;/a>'
    assert plotly_text("<span style='color:#6B7280'>x</span>") == (
        "<span style='color:#6B7280'>x</span>")
    assert plotly_text("<span style='font-size:90px'>x") == "&lt;span style='font-size:90px'>x"
    assert plotly_text(plotly_text("<a>")) == "&lt;a>"  # idempotent


@pytest.mark.parametrize(("cell", "safe"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"), ("@SUM(1)", "'@SUM(1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("Analis", "Analis"), ("a=b", "a=b"), (-5.0, -5.0), (None, None)])
def test_a_cell_a_spreadsheet_would_evaluate_gets_an_apostrophe(cell, safe):
    assert neutralise(cell) == safe


def test_csv_and_frames_are_neutralised_and_numbers_untouched():
    frame = pd.DataFrame({"Nama": ["=1+1", "Analis"], "Pegawai (orang)": [-3, 4]})
    assert neutralise_frame(frame).to_dict("list") == {"Nama": ["'=1+1", "Analis"],
                                                       "Pegawai (orang)": [-3, 4]}
    assert csv_bytes(frame).decode("utf-8-sig").splitlines() == [
        "Nama,Pegawai (orang)", "'=1+1,-3", "Analis,4"]


def test_the_results_workbook_has_no_cell_starting_a_formula(ev):
    """Text cells never start a formula; the formula cells are the workbook's own arithmetic
    (need = hours ÷ WKE, ...), and no name from a file became one."""
    book = openpyxl.load_workbook(io.BytesIO(results_workbook_bytes(ev)))
    every = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    cells = [c.value for c in every if c.data_type == "s" and isinstance(c.value, str)]
    formulas = [str(c.value) for c in every if c.data_type == "f"]
    assert not [c for c in cells if c.startswith(("=", "+", "@", "\t", "\r"))]
    assert formulas and not [f for f in formulas if "HYPERLINK" in f or "contoh.invalid" in f]
    assert f"'{MARKUP_POSITIONS['J06']}" in cells  # kept, as text
    assert any(MARKUP_UNIT in c for c in cells)


def test_a_less_than_sign_that_opens_no_tag_stays():
    assert plotly_text("EU < 0,50 (E)") == "EU < 0,50 (E)"
    assert plotly_text("a <3 b") == "a <3 b"

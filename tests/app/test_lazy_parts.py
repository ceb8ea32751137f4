"""Parts of a page that are built only when a person asks for them (issue 11: a city of 40 OPD
has ~1,000 findings and thousands of positions): the findings page by page, and the tables
inside closed expanders. Sample city figures from tests/sample_figures.py (no sotk_core)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sotk_core.base.labels import label
from sotk_ui import widgets
from tests.app.helpers import assert_clean, finding_lines, goto
from tests.sample_figures import sample_city


@pytest.fixture(scope="module")
def figures():
    return sample_city()


def _position_names(at) -> list[list]:
    return [list(df.value[label("name")]) for df in at.dataframe
            if {label("name"), label("unit_name"), label("ej2")} <= set(df.value.columns)]


def test_findings_come_page_by_page_and_together_are_all_of_them(app, monkeypatch):
    goto(app, "evaluasi_sotk")
    everything = finding_lines(app)  # 62 findings, 44 of them tinggi or sedang: one page
    assert len(everything) == 44 and not [s for s in app.selectbox
                                          if s.label == "Halaman temuan"]
    monkeypatch.setattr(widgets, "FINDINGS_PAGE", 20)  # 44 = 20 + 20 + 4
    app.run()
    assert_clean(app)
    (pager,) = [s for s in app.selectbox if s.label == "Halaman temuan"]
    assert pager.options == ["Temuan 1–20 dari 44", "Temuan 21–40 dari 44",
                             "Temuan 41–44 dari 44"]
    pages = [finding_lines(app)]
    for start in (20, 40):
        pager.set_value(start).run()
        assert_clean(app)
        pages.append(finding_lines(app))
        (pager,) = [s for s in app.selectbox if s.label == "Halaman temuan"]
    assert [len(p) for p in pages] == [20, 20, 4]
    assert [line for p in pages for line in p] == everything


def test_keseimbangan_position_tables_are_built_when_opened(app, figures):
    goto(app, "keseimbangan")
    assert _position_names(app) == []  # closed: nothing built
    app.session_state["bal_pos_open"] = True
    app.run()
    assert_clean(app)
    over, idle = _position_names(app)
    # positions with EJ (2 decimals) above 1,00 and below 0,50
    assert len(over) == figures.ej2_count(lambda e: e > 1)
    assert len(idle) == figures.ej2_count(lambda e: e < Decimal("0.5"))

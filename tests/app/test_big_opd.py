"""An OPD with many positions (issue 11: the first OPD of the 40-OPD city has 151, the sample
city's largest 32): Ringkasan OPD wraps its first rows and offers the rest in a box built only
when opened, its boxes list ten sentences and count the rest, and Produktivitas draws the
positions of highest workload with a note naming how many of how many. Every limit is checked
at its boundary on Dinas Kesehatan (32 positions) by lowering it; figures by hand from the
sample CSVs (tests/sample_figures.py, no sotk_core)."""

from __future__ import annotations

import pytest

from sotk_core.base.labels import label
from sotk_core.present import opd_view
from sotk_core.present.charts import productivity
from tests.app.helpers import assert_clean, bar_values, chart, clean_label, goto
from tests.sample_figures import sample_city

DINKES = "Dinas Kesehatan"
KARANGREJO = "Kecamatan Karangrejo"


@pytest.fixture(scope="module")
def figures():
    return sample_city()


def _opd(app, name: str) -> None:
    goto(app, "opd")
    app.selectbox(key="opdview_opd_widget").set_value(name).run()
    assert_clean(app)


def _notes(app) -> list[str]:
    return [c.value for c in app.caption if c.value.startswith("Menampilkan")]


def test_all_32_positions_wrap_in_view_when_there_is_room_for_32(app, figures, monkeypatch):
    assert len(figures.opds[DINKES].positions) == 32
    monkeypatch.setattr(opd_view, "TABLE_ROWS", 32)
    _opd(app, DINKES)
    (table,) = [t.value for t in app.table]
    assert len(table) == 32 and _notes(app) == []
    assert not [e for e in app.expander if "jabatan lainnya" in e.label]


def test_room_for_31_puts_the_last_position_in_a_box_built_when_opened(app, monkeypatch):
    monkeypatch.setattr(opd_view, "TABLE_ROWS", 31)
    _opd(app, DINKES)
    (table,) = [t.value for t in app.table]  # the box is closed: its table is not built
    assert len(table) == 31
    assert _notes(app) == ["Menampilkan 31 jabatan dengan EJ tertinggi dari 32. 1 jabatan "
                           "lainnya ada di bawah tabel ini."]
    (box,) = [e for e in app.expander if "jabatan lainnya" in e.label]
    assert box.label == "1 jabatan lainnya (lanjutan tabel di atas)"
    app.session_state["opdview_rest_open"] = True
    app.run()
    assert_clean(app)
    first, rest = [t.value for t in app.table]
    # the one position without staff comes last: Epidemiolog, 0 staff, need 1,05
    assert len(first) == 31 and rest.to_dict("records") == [{
        "Jabatan": "Epidemiolog Kesehatan Ahli Pertama",
        "Unit": "Bidang Pencegahan dan Pengendalian Penyakit", "EJ": "–",
        "PJ: artinya": "kosong", "Kebutuhan desimal dan pegawai": "butuh 1,05 orang, ada 0"}]


def _overloaded_positions(app) -> list[str]:
    # the first "Jabatan" group on the page is the overloaded box's (drawn left, first)
    box = next(m.value for m in app.markdown if m.value.startswith("_Jabatan_"))
    return [line.removeprefix("- ").replace("\\", "")
            for line in box.split("\n\n", 1)[1].split("\n")]


def test_the_overloaded_box_lists_ten_and_counts_the_rest(app, figures, monkeypatch):
    mine = figures.opds[KARANGREJO].positions
    over = [p for p in mine if p.vacant or (p.ej2 is not None and p.ej2 > 1)]
    assert len(over) == 16  # vacant or EJ above 1,00
    _opd(app, KARANGREJO)
    lines = _overloaded_positions(app)
    assert len(lines) == 11
    assert lines[-1] == "… dan 6 jabatan lainnya; semuanya ada di tabel jabatan di bawah"
    monkeypatch.setattr(opd_view, "LINES_SHOWN", 16)  # 16: all of them, no count
    app.run()
    lines = _overloaded_positions(app)
    assert len(lines) == 16 and not [t for t in lines if t.startswith("…")]
    monkeypatch.setattr(opd_view, "LINES_SHOWN", 15)
    app.run()
    assert _overloaded_positions(app)[-1] == ("… dan 1 jabatan lainnya; semuanya ada di tabel "
                                              "jabatan di bawah")


def test_the_findings_of_an_opd_are_one_element(app):
    _opd(app, DINKES)
    (found,) = [m.value for m in app.markdown if "kosong: 0 pegawai" in m.value]
    lines = found.replace("\\", "").split("\n\n")
    # Dinas Kesehatan: Epidemiolog vacant, one bidang mixed, EU 1,06 above 1,00
    assert len(lines) == 3
    assert any("Epidemiolog Kesehatan Ahli Pertama" in t for t in lines)
    assert any("1,06 di atas 1,00" in t for t in lines)


def _positions_chart(app) -> tuple[dict[str, float], str]:
    spec = chart(app, "prod_positions")
    sub = (spec["layout"]["title"].get("subtitle") or {}).get("text") or ""
    return bar_values(spec, label("need")), clean_label(sub)


def test_produktivitas_draws_32_positions_when_there_is_room(app, monkeypatch):
    monkeypatch.setattr(productivity, "POSITION_BARS", 32)
    goto(app, "produktivitas")
    app.selectbox(key="prod_opd_widget").set_value(DINKES).run()
    assert_clean(app)
    bars, sub = _positions_chart(app)
    assert len(bars) == 32 and sub == ""


def test_produktivitas_leaves_out_the_lowest_workload_and_says_so(app, figures, monkeypatch):
    mine = figures.opds[DINKES].positions
    lowest = min(mine, key=lambda p: p.hours)  # Penata Laporan Keuangan, 984 jam
    assert [p.name for p in mine].count(lowest.name) == 1
    assert sorted(p.hours for p in mine)[:2] == [984, 1000]
    monkeypatch.setattr(productivity, "POSITION_BARS", 31)
    goto(app, "produktivitas")
    app.selectbox(key="prod_opd_widget").set_value(DINKES).run()
    assert_clean(app)
    bars, sub = _positions_chart(app)
    assert len(bars) == 31 and not [b for b in bars if b.startswith(lowest.name)]
    note = ("Menampilkan 31 jabatan dengan beban kerja tertinggi dari 32; semua jabatan ada di "
            "tabel jabatan.")
    assert sub == note
    assert note in [" ".join(c.value.split()) for c in app.caption]  # above the chart, wrapped
    # the table below still lists all 32
    (table,) = [d.value for d in app.dataframe if label("unit_name") in d.value.columns]
    assert len(table) == 32
    monkeypatch.setattr(productivity, "POSITION_BARS", 30)  # the default: 30 of 32
    app.run()
    assert len(_positions_chart(app)[0]) == 30

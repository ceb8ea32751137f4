"""Perencanaan readable on a 1024×768 projector (a city of 40 OPD had an OPD with 27
redistribution notes, 1.400 px, and tables whose result columns were out of view): the tables
show short headers with their unit (the full header is the tooltip and the CSV's header), the
new formasi first, beside a pinned name; the notes list the first five and the rest in a box
built only when opened. The limit is checked at its boundary on Dinas Kesehatan (3 notes)."""

from __future__ import annotations

import json

from sotk_core.present import planning
from sotk_ui import state
from tests.app.helpers import assert_clean

DINKES = "Dinas Kesehatan"
THIRD = ("1 orang: Perawat Ahli Pertama (UPT Puskesmas Sukamaju) → Epidemiolog Kesehatan Ahli "
         "Pertama (Bidang Pencegahan dan Pengendalian Penyakit)")


def _formasi(app, opd: str = DINKES):
    app.session_state[state.OPD] = opd
    app.query_params["view"] = "formasi"
    app.switch_page("pages/perencanaan.py").run()
    assert_clean(app)
    return app


def _headers(frame) -> list[tuple[str, str, bool]]:
    """(header a person sees, its tooltip, pinned) per column of an st.dataframe, in order."""
    config = json.loads(frame.proto.columns)
    out = []
    for name in frame.value.columns:
        c = config.get(name, {})
        out.append((c.get("label", name), c.get("help", ""), bool(c.get("pinned"))))
    return out


def _grid(app, first: str):
    (found,) = [d for d in app.dataframe if d.value.columns[0] == first]
    return found


def _notes(app) -> str:
    return "\n".join(m.value for m in app.markdown).replace("\\", "")


def test_position_table_has_the_new_formasi_first_and_short_headers(app):
    _formasi(app)
    assert _headers(_grid(app, "Nama")) == [
        ("Jabatan", "Nama", True),
        ("Formasi baru (orang)", "Usulan formasi baru (orang)", False),
        ("Kurang (orang)", "Kebutuhan formasi (orang)", False),
        ("Pensiun (orang)", "Pensiun 5 th (orang)", False),
        ("Butuh (orang)", "Kebutuhan (orang)", False),
        ("Ada (orang)", "Pegawai ada (orang)", False),
        ("Unit", "", False)]


def test_unit_table_has_the_new_formasi_first_and_short_headers(app):
    _formasi(app)
    assert [h[0] for h in _headers(_grid(app, "Unit"))] == [
        "Unit", "Formasi baru (orang)", "Kurang (orang)", "Alih (orang)", "Pensiun (orang)",
        "Butuh (orang)", "Ada (orang)", "Sisa lebih (orang)"]


def test_room_for_3_notes_lists_all_three_without_a_box(app, monkeypatch):
    monkeypatch.setattr(planning, "MOVES_SHOWN", 3)
    _formasi(app)
    assert THIRD in _notes(app)
    assert not [e for e in app.expander if "redistribusi lainnya" in e.label]


def test_room_for_2_notes_puts_the_third_in_a_box_built_when_opened(app, monkeypatch):
    monkeypatch.setattr(planning, "MOVES_SHOWN", 2)
    _formasi(app)
    notes = _notes(app)
    assert notes.count("orang: Administrator Kesehatan Ahli Muda") == 2 and THIRD not in notes
    (box,) = [e for e in app.expander if "redistribusi lainnya" in e.label]
    assert box.label == "1 redistribusi lainnya"
    app.session_state["plan_moves_open"] = True
    app.run()
    assert_clean(app)
    assert THIRD in _notes(app)


def test_five_notes_are_listed_by_default(app):
    assert planning.MOVES_SHOWN == 5
    _formasi(app)
    assert THIRD in _notes(app)  # 3 of at most 5

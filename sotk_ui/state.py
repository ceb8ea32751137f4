"""Session-state keys, set once with `setdefault` in app.py so they survive page switches.

Widget state is dropped when a widget is not drawn, so everything the user entered lives in
these plain keys; widgets are views over them.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from sotk_core.base.settings import Settings

SOURCE = "sotk_source"  # "sample" | "upload"
UPLOADS = "sotk_uploads"  # dict[file name, bytes] of this session only
SETTINGS = "sotk_settings"  # Settings
OPD = "sotk_opd"  # selected OPD name or None
SCENARIOS = "sotk_scenarios"  # dict[name, Scenario]
ACTIVE_SCENARIO = "sotk_active_scenario"  # name of the scenario being edited
NOTES = "sotk_notes"  # list of note dicts (FGD notes)
SLIDE = "sotk_slide"  # presentation slide index
DECK_OPDS = "sotk_deck_opds"  # OPD sections chosen for the deck, in order
DECK_HEIGHT = "sotk_deck_height"  # chart height on a slide (px), for the room's projector
DECK_SCENARIO = "sotk_deck_scenario"  # include the active scenario's slides in the deck
UPLOADER_NONCE = "sotk_uploader_nonce"  # bump to clear the file uploader
EVAL_MEMO = "_sotk_eval_memo"

DEFAULTS: dict[str, Any] = {
    SOURCE: "sample",
    UPLOADS: {},
    SETTINGS: Settings(),
    OPD: None,
    SCENARIOS: {},
    ACTIVE_SCENARIO: "Simulasi 1",
    NOTES: [],
    SLIDE: 0,
    DECK_OPDS: None,
    DECK_HEIGHT: 650,
    DECK_SCENARIO: True,
    UPLOADER_NONCE: 0,
    EVAL_MEMO: {},
}


def init() -> None:
    for key, value in DEFAULTS.items():
        st.session_state.setdefault(key, value.copy() if isinstance(value, (dict, list)) else value)


def get(key: str) -> Any:
    init()
    return st.session_state[key]


def put(key: str, value: Any) -> None:
    st.session_state[key] = value


def settings() -> Settings:
    return get(SETTINGS)

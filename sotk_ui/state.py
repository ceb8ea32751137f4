"""Session-state keys, set once with `setdefault` in app.py so they survive page switches.

Widget state is dropped when a widget is not drawn, so everything the user entered lives in
these plain keys; widgets are views over them. Read and write the user's work (scenarios,
notes, deck position) through the helpers below, not through the keys: they are the one
place a persistence layer hooks into.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

from sotk_core.base.settings import Settings
from sotk_core.scenario import Scenario, ScenarioSet
from sotk_core.workbook.spec import norm

SOURCE = "sotk_source"  # "sample" | "upload"
UPLOADS = "sotk_uploads"  # dict[file name, bytes] of this session only
SETTINGS = "sotk_settings"  # Settings
OPD = "sotk_opd"  # selected OPD name or None
OWN_OPD = "sotk_own_opd"  # the OPD of the signed-in OPD user (None: Bagian Organisasi, FGD)
SCENARIOS = "sotk_scenarios"  # ScenarioSet (sotk_core.scenario)
ACTIVE_SCENARIO = "sotk_active_scenario"  # name of the scenario being edited
NOTES = "sotk_notes"  # list of note dicts (FGD notes)
SLIDE = "sotk_slide"  # presentation: the id (Slide.key) of the slide on screen, or None
SLIDE_AT = "_sotk_slide_at"  # presentation: the slide's number last time (when its id is gone)
SHOWN = "sotk_slides_shown"  # presentation: ids of the slides shown, in first-shown order
DECK_NOTES = "sotk_deck_notes_open"  # presentation: the notes panel beside the slide is open
DECK_OPDS = "sotk_deck_opds"  # OPD sections chosen for the deck, in order
DECK_HEIGHT = "sotk_deck_height"  # chart height on a slide (px), for the room's projector
DECK_SCENARIO = "sotk_deck_scenario"  # include the active scenario's slides in the deck
UPLOADER_NONCE = "sotk_uploader_nonce"  # bump to clear the file uploader
PLAN_VIEW = "sotk_plan_view"  # Perencanaan: "formasi" | "sejenis" | "kuadran"
LIKE_RULES = "sotk_like_rules"  # like-unit group rules (list of GroupRule); None = defaults
LIKE_SHARE = "sotk_like_share"  # outlier: EU at least this share of the group median away
LIKE_GROUP = "sotk_like_group"  # the like-unit group on screen, or None (the first)
LIKE_EDITOR = "sotk_like_editor"  # version of the rules table (a new one after each change)
EVAL_MEMO = "_sotk_eval_memo"
DEFAULT_SCENARIO = "Simulasi 1"

DEFAULTS: dict[str, Any] = {
    SOURCE: "sample",
    UPLOADS: {},
    SETTINGS: Settings(),
    OPD: None,
    OWN_OPD: None,
    SCENARIOS: ScenarioSet(),
    ACTIVE_SCENARIO: DEFAULT_SCENARIO,
    NOTES: [],
    SLIDE: None,
    SLIDE_AT: 0,
    SHOWN: [],
    DECK_NOTES: False,
    DECK_OPDS: None,
    DECK_HEIGHT: 650,
    DECK_SCENARIO: True,
    UPLOADER_NONCE: 0,
    PLAN_VIEW: "formasi",
    LIKE_RULES: None,
    LIKE_SHARE: 0.25,
    LIKE_GROUP: None,
    LIKE_EDITOR: 0,
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


def own_opd(names: Sequence[str] | None = None) -> str | None:
    """The OPD the user belongs to, when the sign-in knows one (their pages land on it); with
    `names`, that OPD as the city spells it (case and spaces aside), None when it has none."""
    value = get(OWN_OPD)
    if not isinstance(value, str) or names is None:
        return value if isinstance(value, str) else None
    return next((n for n in names if norm(n) == norm(value)), None)


# ---- the user's work ------------------------------------------------------------------------


def scenario_set() -> ScenarioSet:
    """The named scenarios of this session (a mapping name -> Scenario is accepted too)."""
    found = get(SCENARIOS)
    if isinstance(found, ScenarioSet):
        return found
    converted = ScenarioSet(tuple(s.rename(n) for n, s in dict(found or {}).items()
                                  if isinstance(s, Scenario)) if isinstance(found, Mapping)
                            else ())
    put(SCENARIOS, converted)
    return converted


def put_scenario_set(scenarios: ScenarioSet) -> None:
    put(SCENARIOS, scenarios)


def active_scenario_name() -> str:
    return str(get(ACTIVE_SCENARIO) or DEFAULT_SCENARIO)


def set_active_scenario_name(name: str) -> None:
    put(ACTIVE_SCENARIO, name)


def notes() -> list[dict]:
    return get(NOTES)


def put_notes(notes: list[dict]) -> None:
    put(NOTES, notes)


def slide_id() -> str | None:
    """The id of the slide the presenter is on (None: the first slide)."""
    value = get(SLIDE)
    return value if isinstance(value, str) else None


def set_slide_id(key: str) -> None:
    put(SLIDE, key)


def slide_number_hint() -> int:
    """The slide's number (0-based) when it was last drawn: the fallback when its id is no
    longer in the deck (e.g. the scenario slides were switched off)."""
    return int(get(SLIDE_AT) or 0)


def mark_slide_shown(key: str, number: int) -> None:
    """The slide `key` is on screen (at `number`): remember it for the berita acara."""
    put(SLIDE_AT, number)
    shown: list[str] = get(SHOWN)
    if key not in shown:
        put(SHOWN, [*shown, key])


def slides_shown() -> list[str]:
    """Ids of the slides shown in this session, in the order first shown."""
    return list(get(SHOWN))

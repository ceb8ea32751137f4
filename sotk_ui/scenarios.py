"""What-if state for the Simulasi page: named scenarios in session state, applied and memoised.

A scenario is the baseline plus a list of changes (sotk_core.scenario.core); the data are never
copied into session state, only the small change records.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.scenario import Change, Scenario, ScenarioError, run_scenario
from sotk_ui import state
from sotk_ui.data import current_city, current_evaluation

MESSAGE = "sotk_whatif_message"  # (kind, text) shown once after an action


@dataclass(frozen=True)
class WhatIf:
    name: str
    scenario: Scenario
    city: CityData
    settings: Settings
    base: WorkloadResult
    scen_city: CityData
    scen_settings: Settings
    scen: WorkloadResult


def scenarios() -> dict[str, Scenario]:
    found: dict[str, Scenario] = state.get(state.SCENARIOS)
    if not found:
        name = state.get(state.ACTIVE_SCENARIO) or "Simulasi 1"
        found[name] = Scenario(name=name)
    if state.get(state.ACTIVE_SCENARIO) not in found:
        state.put(state.ACTIVE_SCENARIO, next(iter(found)))
    return found


def active() -> Scenario:
    return scenarios()[state.get(state.ACTIVE_SCENARIO)]


def put(scenario: Scenario) -> None:
    scenarios()[scenario.name] = scenario


def say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def show_message() -> None:
    msg = st.session_state.pop(MESSAGE, None)
    if msg:
        kind, text = msg
        {"success": st.success, "error": st.error, "info": st.info}[kind](text)


def add_change(change: Change) -> bool:
    """Append a change to the active scenario; a refused change shows its Indonesian reason."""
    city, _ = current_city()
    try:
        put(active().add(change, city, state.settings()))
    except ScenarioError as exc:
        say("error", f"Perubahan ditolak: {exc.message}")
        return False
    say("success", "Diterapkan: " + change.describe(city))
    return True


def undo(index: int) -> None:
    city, _ = current_city()
    try:
        put(active().undo(index, city, state.settings()))
        say("info", f"Perubahan {index + 1} dibatalkan.")
    except ScenarioError as exc:
        say("error", exc.message)


def extend(changes: tuple[Change, ...], moved: int) -> None:
    """Apply a suggestion's moves at once (each stays undoable on its own)."""
    city, _ = current_city()
    try:
        put(active().extend(changes, city, state.settings()))
    except ScenarioError as exc:
        say("error", f"Saran tidak dapat diterapkan: {exc.message}")
        return
    say("success", f"{moved} pegawai dipindahkan sesuai saran; setiap pemindahan dapat "
        "dibatalkan satu per satu.")


def reset() -> None:
    put(active().reset())
    say("info", "Skenario dikosongkan: kembali ke kondisi saat ini.")


def compute(scenario: Scenario | None = None) -> WhatIf:
    """Baseline and scenario results for this session's data and settings (memoised)."""
    scenario = scenario or active()
    city, key = current_city()
    settings = state.settings()
    ev = current_evaluation()
    memo = state.get(state.EVAL_MEMO)
    memo_key = ("whatif", key, settings, scenario)
    if memo_key not in memo:
        for old in [k for k in memo if k[0] == "whatif"][:-4]:
            memo.pop(old, None)
        memo[memo_key] = run_scenario(city, scenario, settings)
    run = memo[memo_key]
    if run.error is not None:
        raise ScenarioError(run.error)
    return WhatIf(scenario.name, scenario, city, settings, ev.workload, run.city, run.settings,
                  run.workload)

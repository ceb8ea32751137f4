"""What-if state: the session's `ScenarioSet`, the active scenario, and every scenario's figures
from `sotk_core.scenario.run_scenario`, memoised once per session (the Simulasi page, the deck
and the downloads all read them here).

A scenario is the baseline plus a list of changes (sotk_core.scenario.core); the data are never
copied into session state, only the small change records. Actions (add, undo, rename, ...) run
as widget callbacks, before the script draws, so every figure of a run already includes the
change: the page never shows numbers one step behind.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.scenario import (
    Change,
    Scenario,
    ScenarioError,
    ScenarioRun,
    ScenarioSet,
    run_scenario,
    scenarios_from_xlsx,
)
from sotk_ui import state
from sotk_ui.data import current_city, current_evaluation
from sotk_ui.panels import restore_settings
from sotk_ui.safe import md

MESSAGE = "sotk_whatif_message"  # (kind, text) shown once after an action
RUN_MEMO = "whatif"
RUNS_KEPT = 12  # scenario runs kept per session (several named scenarios are compared)
BASE_NAME = "Simulasi"


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


def scenarios() -> ScenarioSet:
    """The session's scenarios, never empty; the active name always names one of them."""
    found = state.scenario_set()
    if not len(found):
        found = found.put(Scenario(name=state.active_scenario_name()))
        state.put_scenario_set(found)
    if state.active_scenario_name() not in found:
        state.set_active_scenario_name(found.names[0])
    return found


def active() -> Scenario:
    return scenarios().get(state.active_scenario_name())


def put(scenario: Scenario) -> None:
    state.put_scenario_set(scenarios().put(scenario))


def with_changes() -> list[Scenario]:
    """The scenarios that change something, in order."""
    return [s for s in scenarios() if len(s)]


def active_with_changes() -> Scenario | None:
    """The active scenario when it has changes (what the deck and the downloads include)."""
    found = state.scenario_set()
    name = state.active_scenario_name()
    scenario = found.get(name) if name in found else None
    return scenario if scenario is not None and len(scenario) else None


def say(kind: str, text: str) -> None:
    st.session_state[MESSAGE] = (kind, text)


def show_message() -> None:
    msg = st.session_state.pop(MESSAGE, None)
    if msg:
        kind, text = msg
        # names of scenarios, positions and files are in these sentences: shown as text
        {"success": st.success, "error": st.error, "info": st.info}[kind](md(text))


# ---- computing ----------------------------------------------------------------------------


def run(scenario: Scenario) -> ScenarioRun:
    """`run_scenario` for this session's data and settings, once per scenario value."""
    city, key = current_city()
    settings = state.settings()
    memo = state.get(state.EVAL_MEMO)
    memo_key = (RUN_MEMO, key, settings, scenario)
    if memo_key not in memo:
        for old in [k for k in memo if k[0] == RUN_MEMO][:-RUNS_KEPT]:
            memo.pop(old, None)
        memo[memo_key] = run_scenario(city, scenario, settings)
    return memo[memo_key]


def compute(scenario: Scenario | None = None) -> WhatIf:
    """Baseline and scenario results (memoised); raises ScenarioError when the scenario does
    not fit these data (e.g. it was built on other files)."""
    scenario = scenario or active()
    result = run(scenario)
    if result.error is not None:
        raise ScenarioError(result.error)
    ev = current_evaluation()
    return WhatIf(scenario.name, scenario, result.base_city, result.base_settings, ev.workload,
                  result.city, result.settings, result.workload)  # type: ignore[arg-type]


def results(names: list[str]) -> dict[str, WorkloadResult]:
    """name -> scenario workload for the named scenarios that apply to these data."""
    found = scenarios()
    out: dict[str, WorkloadResult] = {}
    for name in names:
        if name in found:
            r = run(found.get(name))
            if r.workload is not None:
                out[name] = r.workload
    return out


# ---- actions (widget callbacks) ------------------------------------------------------------


def add_change(change: Change) -> bool:
    """Append a change to the active scenario; a refused change shows its Indonesian reason."""
    city, _ = current_city()
    try:
        put(active().add(change, city, state.settings()))
    except ScenarioError as exc:
        say("error", f"Perubahan ditolak: {exc.message}")
        return False
    say("success", "Diterapkan: " + active().describe(city)[-1])
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


def pick(name: str) -> None:
    if name in scenarios():
        state.set_active_scenario_name(name)


def new() -> None:
    grown, name = scenarios().add_new(BASE_NAME)
    state.put_scenario_set(grown)
    state.set_active_scenario_name(name)
    say("info", f"Skenario baru \u201c{name}\u201d dibuat; perubahan berikut masuk ke skenario "
        "ini.")


def delete() -> None:
    found = scenarios()
    if len(found) < 2:
        return
    name = state.active_scenario_name()
    state.put_scenario_set(found.remove(name))
    state.set_active_scenario_name(scenarios().names[0])
    say("info", f"Skenario \u201c{name}\u201d dihapus.")


def rename(new_name: str) -> None:
    old = state.active_scenario_name()
    place = scenarios().names.index(old)
    try:
        found = scenarios().rename(old, new_name)
    except ScenarioError as exc:
        say("error", f"Nama tidak diganti: {exc.message}")
        return
    state.put_scenario_set(found)
    name = found.names[place]
    state.set_active_scenario_name(name)
    if name != old:
        say("success", f"Skenario \u201c{old}\u201d sekarang bernama \u201c{name}\u201d.")


def load(data: bytes, file_name: str) -> None:
    """Every scenario of a saved scenario workbook, added under free names."""
    city, _ = current_city()
    loaded, settings, issues = scenarios_from_xlsx(data, city, file_name)
    if not loaded:
        say("error", f"{file_name}: " + " · ".join(i.message for i in issues[:3]))
        return
    found, names = scenarios(), []
    for scenario in loaded:
        name = found.unique_name(scenario.name)
        found = found.put(scenario.rename(name))
        names.append(name)
    state.put_scenario_set(found)
    state.set_active_scenario_name(names[0])
    note = ""
    if settings != state.settings():
        note = (f" Pengaturan saat skenario disimpan dipulihkan: {settings.describe()} "
                f"(sebelumnya {state.settings().describe()}).")
        restore_settings(settings)
    what = ", ".join(f"\u201c{n}\u201d" for n in names)
    count = sum(len(s) for s in loaded)
    if issues:
        say("error", f"Dimuat: {what}, tetapi {len(issues)} perubahan tidak dimuat karena tidak "
            "cocok dengan data: " + " · ".join(f"{i.where()}: {i.message}" for i in issues[:5])
            + note)
    else:
        say("success", f"Dimuat: {what} ({count} perubahan)." + note)

"""The one way a scenario is applied and computed.

The Simulasi page (memoised per session in `sotk_ui`), the results workbook and the deck all get
a scenario's figures from `run_scenario`, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass

from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData
from sotk_core.model.workload import WorkloadResult
from sotk_core.scenario.core import Scenario, scenario_workload
from sotk_core.scenario.state import ScenarioError


@dataclass(frozen=True)
class ScenarioRun:
    """A scenario over a baseline: the scenario city, settings and workload, or the Indonesian
    reason (`error`) it does not apply to these data (then city/settings/workload are None)."""

    scenario: Scenario
    base_city: CityData
    base_settings: Settings
    city: CityData | None
    settings: Settings | None
    workload: WorkloadResult | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def run_scenario(city: CityData, scenario: Scenario, settings: Settings) -> ScenarioRun:
    """Apply `scenario` to `city` under `settings` and compute its workload. Never raises for
    a change that does not fit: the reason is in `error`."""
    try:
        scen_city, scen_settings, scen = scenario_workload(city, scenario, settings)
    except ScenarioError as exc:
        return ScenarioRun(scenario, city, settings, None, None, None, exc.message)
    return ScenarioRun(scenario, city, settings, scen_city, scen_settings, scen)

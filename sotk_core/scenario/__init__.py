"""What-if scenarios: change records, their replay over a baseline, the one apply-and-compute
pipeline (`run_scenario`), comparison, suggested moves and the scenario workbook."""

from sotk_core.scenario.changes import (
    CHANGE_TYPES,
    KIND_LABELS,
    AddPosition,
    Change,
    MoveStaff,
    NewTask,
    RemovePosition,
    SetExisting,
    SetSettings,
    SetTaskNorma,
    SetTaskVolume,
)
from sotk_core.scenario.compare import (
    changed_only,
    compare,
    compare_balance,
    compare_city,
    compare_labels,
)
from sotk_core.scenario.core import (
    Scenario,
    ScenarioSet,
    apply,
    check_scenario_name,
    new_position_code,
    scenario_workload,
    validate,
)
from sotk_core.scenario.pipeline import ScenarioRun, run_scenario
from sotk_core.scenario.state import ScenarioError
from sotk_core.scenario.suggest import MATCH_LABELS, SCOPE_LABELS, Suggestion, suggest_moves
from sotk_core.scenario.workbook_io import (
    scenario_changes_frame,
    scenario_from_xlsx,
    scenario_to_xlsx,
    scenarios_from_xlsx,
    scenarios_to_xlsx,
)

__all__ = ["CHANGE_TYPES", "KIND_LABELS", "MATCH_LABELS", "SCOPE_LABELS", "AddPosition", "Change",
           "MoveStaff", "NewTask", "RemovePosition", "Scenario", "ScenarioError", "ScenarioRun",
           "ScenarioSet", "SetExisting", "SetSettings", "SetTaskNorma", "SetTaskVolume",
           "Suggestion", "apply", "changed_only", "check_scenario_name", "new_position_code", "compare", "compare_balance", "compare_city",
           "compare_labels",
           "run_scenario", "scenario_changes_frame", "scenario_from_xlsx", "scenario_to_xlsx",
           "scenario_workload", "scenarios_from_xlsx", "scenarios_to_xlsx", "suggest_moves",
           "validate"]

"""sotk_core: pure-Python evaluation of Perangkat Daerah (no Streamlit here; import-linter
enforces it).

Data flows one way, one package a layer:
bytes -> `workbook` (validated frames + issues) -> `model` (city, workload, maturity, structure,
balance, findings: `evaluate`) -> `scenario` (what-if over a baseline) -> `present` (charts,
deck, workbooks, PDF, JSON). `base` holds what every layer shares; `store` keeps workspaces.
"""

from sotk_core.base.lazy import lazy_names

_WHERE = {
    "Issue": "sotk_core.base.issues",
    "Settings": "sotk_core.base.settings",
    "CityData": "sotk_core.model.city",
    "build_city": "sotk_core.model.city",
    "load_files": "sotk_core.model.city",
    "load_paths": "sotk_core.model.city",
    "Evaluation": "sotk_core.model.evaluate",
    "evaluate": "sotk_core.model.evaluate",
    "OpdWorkbook": "sotk_core.workbook.reader",
    "read_workbook": "sotk_core.workbook.reader",
}

__all__ = ["CityData", "Evaluation", "Issue", "OpdWorkbook", "Settings", "build_city", "evaluate", "load_files", "load_paths", "read_workbook"]

__getattr__, __dir__ = lazy_names(__name__, _WHERE)

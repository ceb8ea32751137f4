"""sotk_core: pure-Python evaluation of Perangkat Daerah (no Streamlit here; import-linter
enforces it).

Data flows one way, one package a layer:
bytes -> `workbook` (validated frames + issues) -> `model` (city, workload, maturity, structure,
balance, findings: `evaluate`) -> `scenario` (what-if over a baseline) -> `present` (charts,
deck, workbooks, PDF, JSON). `base` holds what every layer shares; `store` keeps workspaces.
"""

from sotk_core.base.issues import Issue
from sotk_core.base.settings import Settings
from sotk_core.model.city import CityData, build_city, load_files, load_paths
from sotk_core.model.evaluate import Evaluation, evaluate
from sotk_core.workbook import OpdWorkbook, read_workbook

__all__ = ["CityData", "Evaluation", "Issue", "OpdWorkbook", "Settings", "build_city", "evaluate",
           "load_files", "load_paths", "read_workbook"]

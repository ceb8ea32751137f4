"""sotk_core: pure-Python evaluation of Perangkat Daerah (no Streamlit here; a test enforces it).

bytes -> `read_workbook` (validated frames + issues) -> `build_city` -> `evaluate` -> results.
"""

from sotk_core.city import CityData, build_city, load_files, load_paths
from sotk_core.evaluate import Evaluation, evaluate
from sotk_core.issues import Issue
from sotk_core.settings import Settings
from sotk_core.workbook import OpdWorkbook, read_workbook

__all__ = ["CityData", "Evaluation", "Issue", "OpdWorkbook", "Settings", "build_city", "evaluate",
           "load_files", "load_paths", "read_workbook"]

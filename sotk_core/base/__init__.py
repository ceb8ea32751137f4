"""The leaf layer: issues, number formatting and rounding, settings and presets, the
catalogue of user text, and the settings-driven formulas (task minutes, EJ/EU grades) that
the reader and the model share. Imports nothing else of sotk_core."""

from sotk_core.base.fmt import fmt_num, fmt_pct, round_half_up, round_need
from sotk_core.base.formulas import grade, grade_one, task_minutes
from sotk_core.base.issues import Issue, IssueList
from sotk_core.base.labels import label
from sotk_core.base.settings import Settings

__all__ = ["Issue", "IssueList", "Settings", "fmt_num", "fmt_pct", "grade", "grade_one", "label",
           "round_half_up", "round_need", "task_minutes"]

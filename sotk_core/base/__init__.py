"""The leaf layer: issues, number formatting and rounding, settings and presets, the
catalogue of user text, and the settings-driven formulas (task minutes, EJ/EU grades) that
the reader and the model share. Imports nothing else of sotk_core."""

from sotk_core.base.lazy import lazy_names

_WHERE = {
    "fmt_num": "sotk_core.base.fmt",
    "fmt_pct": "sotk_core.base.fmt",
    "round_half_up": "sotk_core.base.fmt",
    "round_need": "sotk_core.base.fmt",
    "grade": "sotk_core.base.formulas",
    "grade_one": "sotk_core.base.formulas",
    "task_minutes": "sotk_core.base.formulas",
    "Issue": "sotk_core.base.issues",
    "IssueList": "sotk_core.base.issues",
    "label": "sotk_core.base.labels",
    "Settings": "sotk_core.base.settings",
}

__all__ = ["Issue", "IssueList", "Settings", "fmt_num", "fmt_pct", "grade", "grade_one", "label", "round_half_up", "round_need", "task_minutes"]

__getattr__, __dir__ = lazy_names(__name__, _WHERE)

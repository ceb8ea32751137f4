"""Bytes to validated frames: the template spec and vocabulary, the container guard, the
reader with its validation, and the writers (template, filled workbooks)."""

from sotk_core.base.lazy import lazy_names

_WHERE = {
    "OpdWorkbook": "sotk_core.workbook.reader",
    "read_sheet_rows": "sotk_core.workbook.reader",
    "read_workbook": "sotk_core.workbook.reader",
}

__all__ = ["OpdWorkbook", "read_sheet_rows", "read_workbook"]

__getattr__, __dir__ = lazy_names(__name__, _WHERE)

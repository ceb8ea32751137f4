"""The OPD workbook: template spec, reader + validation, writers."""

from sotk_core.workbook.reader import OpdWorkbook, read_workbook

__all__ = ["OpdWorkbook", "read_workbook"]

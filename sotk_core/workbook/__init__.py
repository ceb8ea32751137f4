"""Bytes to validated frames: the template spec and vocabulary, the container guard, the
reader with its validation, and the writers (template, filled workbooks)."""

from sotk_core.workbook.reader import OpdWorkbook, read_sheet_rows, read_workbook

__all__ = ["OpdWorkbook", "read_sheet_rows", "read_workbook"]  # writers: workbook.writer

"""Validation issues: what is wrong, where (file, sheet, Excel row, column), in Indonesian."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

from sotk_core.base.labels import ISSUE_SEVERITY_LABELS

Severity = Literal["error", "warning"]
SEVERITY_LABELS = ISSUE_SEVERITY_LABELS  # old name, kept importable


@dataclass(frozen=True)
class Issue:
    severity: Severity
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def where(self) -> str:
        """'file · sheet Beban Kerja · baris 12 · kolom Volume'."""
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"baris {self.row}")
        if self.column:
            parts.append(f"kolom {self.column}")
        return " · ".join(parts)

    def __str__(self) -> str:
        return f"[{SEVERITY_LABELS[self.severity]}] {self.where()}: {self.message}"


class IssueList(list[Issue]):
    """A list of issues with shorthands for adding them."""

    def error(self, file: str, sheet: str | None, row: int | None, column: str | None,
              message: str) -> None:
        self.append(Issue("error", file, sheet, row, column, message))

    def warning(self, file: str, sheet: str | None, row: int | None, column: str | None,
                message: str) -> None:
        self.append(Issue("warning", file, sheet, row, column, message))

    def has_errors_in(self, file: str, sheet: str) -> bool:
        return any(i.severity == "error" and i.file == file and i.sheet == sheet for i in self)

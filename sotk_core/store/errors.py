"""Store errors: each carries one Indonesian sentence (`message`) that the app and the command
line show as is; none of them is ever shown as a traceback."""

from __future__ import annotations

from typing import Any


class StoreError(Exception):
    """Base: `message` is for people (Indonesian)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DatabaseUnavailable(StoreError):
    """The database cannot be opened or reached."""


class StorageFull(StoreError):
    """The database refuses writes: disk full or read-only. Nothing was saved."""


class NotFound(StoreError):
    """A workspace, round, submission, scenario or note that does not exist."""


class NameTaken(StoreError):
    """A name that must be unique (workspace, round, scenario) is already used."""


class PermissionDenied(StoreError):
    """The actor may not do this (enforced by the policy of the service layer)."""


class InvalidInput(StoreError):
    """A value the store refuses (empty name, unknown note kind, ...)."""


class ReadOnlyWorkspace(StoreError):
    """The demo workspace (the sample city) cannot be changed."""


class Conflict(StoreError):
    """Someone else changed the record since it was read (optimistic version check).

    `current` is the record as it is now (a NoteInfo, ScenarioInfo, ...), so the caller can
    show both and keep both edits (e.g. save the user's text as a copy)."""

    def __init__(self, message: str, current: Any = None) -> None:
        super().__init__(message)
        self.current = current


class LoginRefused(StoreError):
    """A sign-in that did not succeed: wrong name or password, too early after a failure,
    locked for a while, or a disabled account. `retry_after` in seconds when waiting helps."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after

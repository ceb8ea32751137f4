"""The workspace database: a city's rounds, submissions, scenarios, notes and deck position.

    from sotk_core.store import WorkspaceService, LOCAL_ACTOR
    svc = WorkspaceService.open()             # SOTK_DATABASE_URL or the embedded SQLite file
    ws = svc.create_workspace(LOCAL_ACTOR, "Kota Contoh")
    rnd = svc.create_round(LOCAL_ACTOR, ws.id, "2026")
    svc.submit(LOCAL_ACTOR, rnd.id, [("dinas.xlsx", data)])
    city = svc.open_round(LOCAL_ACTOR, rnd.id).city   # from stored frames, no re-parse

Layers: store sits beside `present` and imports only scenario, model, workbook and base.
"""

from sotk_core.store.actor import LOCAL_ACTOR, Action, Actor, AllowAll, Policy, Role, Scope
from sotk_core.store.database import Database
from sotk_core.store.engine import ENV_DATA_DIR, ENV_URL, data_dir, default_url, resolve_url
from sotk_core.store.errors import (
    Conflict,
    DatabaseUnavailable,
    InvalidInput,
    NameTaken,
    NotFound,
    PermissionDenied,
    ReadOnlyWorkspace,
    StorageFull,
    StoreError,
)
from sotk_core.store.records import (
    AuditInfo,
    DeckPositionInfo,
    ImportResult,
    NoteInfo,
    RoundInfo,
    ScenarioInfo,
    SubmissionInfo,
    WorkspaceInfo,
)
from sotk_core.store.service import WorkspaceService
from sotk_core.store.submissions import RoundData

__all__ = [
    "ENV_DATA_DIR", "ENV_URL", "LOCAL_ACTOR", "Action", "Actor", "AllowAll", "AuditInfo",
    "Conflict", "Database", "DatabaseUnavailable", "DeckPositionInfo", "ImportResult",
    "InvalidInput", "NameTaken", "NoteInfo", "NotFound", "PermissionDenied", "Policy",
    "ReadOnlyWorkspace", "Role", "RoundData", "RoundInfo", "ScenarioInfo", "Scope",
    "StorageFull", "StoreError", "SubmissionInfo", "WorkspaceInfo", "WorkspaceService",
    "data_dir", "default_url", "resolve_url",
]

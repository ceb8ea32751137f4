"""What every part of the service shares: the database, the policy hook, name checks."""

from __future__ import annotations

from sotk_core.store.actor import Action, Actor, AllowAll, Policy, Scope
from sotk_core.store.database import Database
from sotk_core.store.errors import InvalidInput

MAX_NAME = 100


def clean_name(value: str, what: str, limit: int = MAX_NAME) -> str:
    """Spaces collapsed; empty or too long is refused (Indonesian)."""
    text = " ".join(str(value or "").split())
    if not text:
        raise InvalidInput(f"Nama {what} harus diisi.")
    if len(text) > limit:
        raise InvalidInput(f"Nama {what} terlalu panjang (paling banyak {limit} huruf).")
    return text


class ServiceBase:
    def __init__(self, db: Database, policy: Policy | None = None) -> None:
        self.db = db
        self.policy: Policy = policy or AllowAll()

    def _check(self, actor: Actor, action: Action, **scope: object) -> None:
        """The single permission hook: every service method calls it before acting."""
        self.policy.check(actor, action, Scope(**scope))  # type: ignore[arg-type]

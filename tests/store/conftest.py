"""Storage tests run against SQLite and PostgreSQL (`backend` parameter).

PostgreSQL comes from SOTK_TEST_PG_URL (`.ci/postgres.sh start` prints one); each test gets a
new database on that server, dropped afterwards. Without the variable the PostgreSQL cases
skip locally and FAIL in CI (CI=true), so CI can never pass without them.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sotk_core.store import WorkspaceService

PG_ENV = "SOTK_TEST_PG_URL"
BACKENDS = ("sqlite", "postgresql")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pg_admin_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if _in_ci():
            pytest.fail(f"{PG_ENV} is not set: PostgreSQL storage tests must run in CI",
                        pytrace=False)
        pytest.skip(f"PostgreSQL not available ({PG_ENV} not set; see .ci/postgres.sh)")
    return url


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    admin = make_url(pg_admin_url())
    name = f"sotk_t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # noqa: BLE001 - the server is not usable
        engine.dispose()
        if _in_ci():
            pytest.fail(f"PostgreSQL at {admin.render_as_string()} unusable: {exc}")
        pytest.skip(f"PostgreSQL unusable: {exc}")
    url = admin.set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """An empty database URL on each backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ws.sqlite3'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture()
def svc(db_url) -> Iterator[WorkspaceService]:
    service = WorkspaceService.open(db_url)
    try:
        yield service
    finally:
        service.close()

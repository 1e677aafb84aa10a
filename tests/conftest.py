"""Shared fixtures: example files, and store URLs for every backend under test.

PostgreSQL tests need ``DECLASS_TEST_PG_URL`` (``make test`` starts a throwaway cluster and sets
it). Without it they skip — except under ``CI=true``, where a missing PostgreSQL is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CREST = EXAMPLES / "crest"
JFK = EXAMPLES / "jfk"
NTS_REPORT = CREST / "CIA-RDP82-00457R006100750010-5.txt"
LIAISON_REPORT = CREST / "CIA-soviet-liaison-foreign-communist-parties.txt"


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite store file."""
    return f"sqlite:///{tmp_path / 'declass.db'}"


def _pg_admin_url() -> str | None:
    url = os.environ.get("DECLASS_TEST_PG_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("DECLASS_TEST_PG_URL is not set: CI must run the PostgreSQL tests (see scripts/with-postgres.sh)")
    return url


@contextmanager
def fresh_pg_database() -> Iterator[str]:
    """A fresh, empty PostgreSQL database (skips without PostgreSQL), dropped afterwards."""
    admin = _pg_admin_url()
    if not admin:
        pytest.skip("PostgreSQL not available (set DECLASS_TEST_PG_URL or run `make test`)")
    from sqlalchemy import create_engine, text

    from declass.store import normalise_url

    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(normalise_url(admin), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with engine.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database, dropped afterwards."""
    with fresh_pg_database() as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest) -> str:
    """Each store test runs once per backend."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


# The HIPE-2020 English dev set lives beside the repo (../shared/eval), never inside it.
HIPE_GOLD = Path(os.environ.get("DECLASS_HIPE_GOLD", ROOT.parent / "shared" / "eval" / "HIPE-2022-v2.1-hipe2020-dev-en.tsv"))

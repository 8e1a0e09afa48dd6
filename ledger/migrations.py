"""Schema migrations, written down: a schema_version table and ordered steps. A step is appended,
never edited; opening a ledger runs the steps it has not seen, in one transaction each."""
from __future__ import annotations

import json

from sqlalchemy import Connection, Engine, text

from duibiao.ledger.models import Base


def _initial(conn: Connection) -> None:
    """The tables as they were first released (Base.metadata grows with later steps)."""
    Base.metadata.create_all(conn)


def _finding_keys_column(conn: Connection) -> None:
    """versions.finding_keys: the review status of the ledger page without parsing every audit."""
    from duibiao.ledger.keys import keyed

    columns = {row[1] for row in conn.execute(text("PRAGMA table_info(versions)"))}
    if "finding_keys" in columns:  # created by _initial from today's models
        return
    conn.execute(text("ALTER TABLE versions ADD COLUMN finding_keys TEXT NOT NULL DEFAULT '[]'"))
    for version_id, audit in conn.execute(text("SELECT id, audit_json FROM versions WHERE audit_json != ''")).all():
        keys = [f["key"] for f in keyed(json.loads(audit)["findings"])]
        conn.execute(text("UPDATE versions SET finding_keys = :k WHERE id = :i"), {"k": json.dumps(keys), "i": version_id})


STEPS = [_initial, _finding_keys_column]  # STEPS[n] brings the schema from version n to n + 1
SCHEMA_VERSION = len(STEPS)


def migrate(engine: Engine) -> int:
    """Bring the database to SCHEMA_VERSION; returns the version it was at."""
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))
        found = conn.execute(text("SELECT MAX(version) FROM schema_version")).scalar() or 0
    if found > SCHEMA_VERSION:
        from duibiao.errors import DuibiaoError

        raise DuibiaoError(f"台账数据库的版本（{found}）比本程序支持的（{SCHEMA_VERSION}）新，请升级 duibiao")
    for version in range(found, SCHEMA_VERSION):
        with engine.begin() as conn:
            STEPS[version](conn)
            conn.execute(text("INSERT INTO schema_version (version) VALUES (:v)"), {"v": version + 1})
    return found

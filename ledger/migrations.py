"""Schema migrations, written down: a schema_version table and ordered steps. A step is appended,
never edited; opening a ledger runs the steps it has not seen, in one transaction each."""
from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from duibiao.ledger.models import Base


def _initial(conn: Connection) -> None:
    Base.metadata.create_all(conn)


STEPS = [_initial]  # STEPS[n] brings the schema from version n to n + 1
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

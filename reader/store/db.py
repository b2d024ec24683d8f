"""Opening the library database: one SQLite file in WAL mode, migrated to the latest schema."""

from __future__ import annotations

from pathlib import Path

from . import bodies
from .migrations import index_text_v2, migrate
from .models import database

# the full-text index's triggers call these on every connection: s1_body_tokens (schema 6 on),
# s1_index_text (the triggers of schemas 2-5, until step 6 replaces them)
database.register_function(bodies.body_tokens, "s1_body_tokens", 2)
database.register_function(index_text_v2, "s1_index_text", 1)

PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -64 * 1024,  # 64 MiB
    "temp_store": "memory",
    "busy_timeout": 10_000,
}


def open_library(db_path: str | Path):
    """Bind the models to ``db_path`` (created if missing), bring its schema up to date."""
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not database.is_closed():
        database.close()
    bodies.reset()
    database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)
    database.connect(reuse_if_open=True)
    migrate(database)
    return database


def close_library() -> None:
    if not database.is_closed():
        database.close()

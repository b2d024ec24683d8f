"""Opening the library database: one SQLite file in WAL mode, migrated to the latest schema."""

from __future__ import annotations

from pathlib import Path

from .migrations import migrate
from .models import database
from .searchtext import index_text

# the full-text index's triggers call this on every connection (see searchtext.py)
database.register_function(index_text, "s1_index_text", 1)

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
    database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)
    database.connect(reuse_if_open=True)
    migrate(database)
    return database


def close_library() -> None:
    if not database.is_closed():
        database.close()

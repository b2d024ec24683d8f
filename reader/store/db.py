"""Opening the library database: one SQLite file in WAL mode, migrated to the latest schema.

A damaged file is detected when it is opened (``PRAGMA quick_check``; skipped while the file is
unchanged since the last good check, see ``_stamp``, and for libraries too big to read through at
every start) and is checked again before a window import (:func:`check_library`). A damaged
library raises :class:`LibraryDamaged`, whose message says how to save the user data first;
nothing is written into it. :func:`open_for_rescue` opens it read-only, without migrating, so
``userdata export`` can save what can still be read.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

import peewee

from . import bodies, userdata
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
# quick_check reads the whole file: at open only for libraries up to this size (a year of the
# archive is ~2 GB: seconds of reading at every start); larger ones are checked before imports
FULL_CHECK_MAX_BYTES = 256 * 1024 * 1024
STAMP_SUFFIX = ".checked"  # beside the library: size and mtime of the file at its last good check


class LibraryDamaged(Exception):
    """The library file is damaged: the message says what to do without losing user data."""

    def __init__(self, path: str | Path, detail: str) -> None:
        self.path = Path(path)
        self.detail = detail
        super().__init__(
            f"the library {self.path} is damaged ({detail}); nothing more is written to it. "
            "First save your bookmarks, reading positions, block list and rules: "
            "`s1reader userdata export backup.json` saves all of them that can still be read. "
            f"Then move {self.path.name} (and its -wal/-shm files) away, import your archive files "
            "again and restore with `s1reader userdata import backup.json`.")


def _stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    wal = path.with_name(path.name + "-wal")
    wal_size = wal.stat().st_size if wal.exists() else 0
    return [st.st_size, st.st_mtime_ns, wal_size]


def _stamp_file(path: Path) -> Path:
    return path.with_name(path.name + STAMP_SUFFIX)


def check_library(path: str | Path | None = None) -> None:
    """Run SQLite's quick_check on the open library; LibraryDamaged if it finds damage."""
    where = Path(path) if path is not None else Path(database.database or "library")
    try:
        rows = database.execute_sql("PRAGMA quick_check").fetchall()
    except (sqlite3.DatabaseError, peewee.DatabaseError) as e:
        raise LibraryDamaged(where, str(e)) from None
    problems = [r[0] for r in rows if r and r[0] != "ok"]
    if problems:
        raise LibraryDamaged(where, "; ".join(problems[:3])[:300])


def open_library(db_path: str | Path, check: bool = True):
    """Bind the models to ``db_path`` (created if missing), check it, bring its schema up to date."""
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if not database.is_closed():
        database.close()
    bodies.reset()
    userdata.forget_bad_rows()
    before = _stamp(path)
    try:
        database.init(str(path), pragmas=PRAGMAS, check_same_thread=False)
        database.connect(reuse_if_open=True)
        if check and before is not None and 0 < before[0] <= FULL_CHECK_MAX_BYTES:
            stamp_file = _stamp_file(path)
            try:
                known = json.loads(stamp_file.read_text())
            except (OSError, ValueError):
                known = None
            if known != before:
                check_library(path)
                with contextlib.suppress(OSError):  # only a shortcut for the next open
                    stamp_file.write_text(json.dumps(before))
        migrate(database)
    except LibraryDamaged:
        database.close()
        raise
    except (sqlite3.DatabaseError, peewee.DatabaseError) as e:
        database.close()
        raise LibraryDamaged(path, str(e)) from None
    return database


def open_for_rescue(db_path: str | Path):
    """Open a (damaged) library read-only, unchecked and unmigrated, to save what can be read."""
    if not database.is_closed():
        database.close()
    database.init(f"file:{Path(db_path)}?mode=ro", uri=True, check_same_thread=False,
                  pragmas={"busy_timeout": 10_000})
    database.connect(reuse_if_open=True)
    return database


def close_library() -> None:
    if not database.is_closed():
        database.close()

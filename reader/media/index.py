"""The media index: what the cache knows about each picture, in one small SQLite file.

The HTTP cache (requests-cache) holds the bytes; this table holds the verdicts that must outlive
a run: which key is cached under which requests-cache key with what format, size and frame count,
which URL answered 404/410 ("gone", never asked again unless the caller insists), which bytes
failed validation ("invalid"), and which download failed last time ("failed": shown as missing,
tried again on the next fetch). It is a stdlib ``sqlite3`` file of its own, not a table of the
library, so deleting the cache folder never touches the library.

One connection, shared by all threads behind a lock; WAL so the window and a CLI prefetch can
use the same cache at once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

STORED_CACHED = "cached"
STORED_GONE = "gone"
STORED_INVALID = "invalid"
STORED_FAILED = "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS media (
    key         TEXT PRIMARY KEY,   -- pack/name for smileys, canonical URL for images
    kind        TEXT NOT NULL,      -- smiley | image
    url         TEXT NOT NULL,      -- canonical URL
    status      TEXT NOT NULL,      -- cached | gone | invalid | failed
    cache_key   TEXT,               -- requests-cache key of the stored response (cached only)
    format      TEXT,
    width       INTEGER NOT NULL DEFAULT 0,
    height      INTEGER NOT NULL DEFAULT 0,
    frames      INTEGER NOT NULL DEFAULT 0,
    bytes       INTEGER NOT NULL DEFAULT 0,
    thumbnail   TEXT,               -- path relative to the thumbnails folder
    http_status INTEGER,
    error       TEXT,
    checked_at  REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS media_status ON media (status, kind);
"""


@dataclass(frozen=True, slots=True)
class IndexRow:
    key: str
    kind: str
    url: str
    status: str
    cache_key: str | None = None
    format: str | None = None
    width: int = 0
    height: int = 0
    frames: int = 0
    bytes: int = 0
    thumbnail: str | None = None
    http_status: int | None = None
    error: str | None = None
    checked_at: float = 0.0


_COLUMNS = ("key", "kind", "url", "status", "cache_key", "format", "width", "height", "frames",
            "bytes", "thumbnail", "http_status", "error", "checked_at")


class MediaIndex:
    """Rows of :class:`IndexRow`, keyed by cache key; safe to use from any thread."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, timeout=10.0,
                                   isolation_level=None)
        self._db.execute("PRAGMA journal_mode=wal")
        self._db.execute("PRAGMA synchronous=normal")
        self._db.executescript(_SCHEMA)

    def get(self, key: str) -> IndexRow | None:
        with self._lock:
            row = self._db.execute(f"SELECT {','.join(_COLUMNS)} FROM media WHERE key = ?",
                                   (key,)).fetchone()
        return IndexRow(*row) if row else None

    def get_many(self, keys: list[str]) -> dict[str, IndexRow]:
        out: dict[str, IndexRow] = {}
        with self._lock:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                sql = (f"SELECT {','.join(_COLUMNS)} FROM media "
                       f"WHERE key IN ({','.join('?' * len(chunk))})")
                for row in self._db.execute(sql, chunk):
                    out[row[0]] = IndexRow(*row)
        return out

    def put(self, row: IndexRow) -> None:
        values = [getattr(row, c) for c in _COLUMNS]
        values[-1] = row.checked_at or time.time()
        with self._lock:
            self._db.execute(
                f"INSERT OR REPLACE INTO media ({','.join(_COLUMNS)}) "
                f"VALUES ({','.join('?' * len(_COLUMNS))})", values)

    def forget(self, key: str) -> None:
        with self._lock:
            self._db.execute("DELETE FROM media WHERE key = ?", (key,))

    def counts(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(status, kind) → (rows, bytes)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT status, kind, COUNT(*), COALESCE(SUM(bytes), 0) FROM media "
                "GROUP BY status, kind").fetchall()
        return {(s, k): (n, b) for s, k, n, b in rows}

    def rows_with_status(self, status: str) -> list[IndexRow]:
        with self._lock:
            return [IndexRow(*r) for r in self._db.execute(
                f"SELECT {','.join(_COLUMNS)} FROM media WHERE status = ? ORDER BY kind DESC, key",
                (status,))]

    def keys_with_status(self, status: str) -> set[str]:
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT key FROM media WHERE status = ?",
                                                    (status,))}

    def close(self) -> None:
        with self._lock:
            self._db.close()

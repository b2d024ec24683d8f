"""A thread's posts in reading order, as the thread view needs them: id, floor, body size,
author and OP flag of every post, one list per column.

Opening a thread of 175,000 posts read that many index entries and rows and sorted them: a third
of a second of a two-second start. So threads of at least ``PACKED_MIN_POSTS`` posts keep the
answer packed (zstd over fixed-width arrays) in ``thread_rows``, with the stamp it was taken at
(post count and highest post id). The importer packs a big thread after writing it; a pack whose
stamp no longer matches the posts is not used (and is rebuilt by the next writer that packs),
so the view is never shown an outdated order.

Raw SQL on purpose: opening a thread is the measured hot path (``benchmarks/gui_bench.py``); the
rows are read straight into arrays, and the column names follow ``models.py`` (kept equal to the
migrated schema by ``tests/test_schema_models.py``).
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

import zstandard
from peewee import SqliteDatabase

from .models import database

PACKED_MIN_POSTS = 10_000

_ORDER_SQL = ("SELECT id, floor, length(body) * 2, author_id, is_op FROM post WHERE tid = ? "
              "ORDER BY floor, posted_at, id")
_Z = zstandard.ZstdCompressor(level=3)
_D = zstandard.ZstdDecompressor()


@dataclass(slots=True)
class ThreadRows:
    """Columns in reading order. ``lengths`` is the compressed body's size scaled to about the
    length of its JSON (what the view's height estimates were tuned on)."""

    ids: list[int]
    floors: list[int]
    lengths: list[int]
    authors: list[str]
    op: list[bool]

    def __len__(self) -> int:
        return len(self.ids)


def _stamp(tid: int, db: SqliteDatabase = database) -> str:
    count, top = db.execute_sql(
        "SELECT COUNT(*), MAX(id) FROM post WHERE tid = ?", (tid,)).fetchone()
    return f"{count}:{top}"


def _names(author_ids) -> dict[int, str]:
    ids = sorted(set(author_ids))
    names: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        names.update(database.execute_sql(
            f"SELECT id, name FROM author WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return names


def _columns(tid: int, db: SqliteDatabase = database) -> tuple[array, array, array, array, bytes]:
    rows = db.execute_sql(_ORDER_SQL, (tid,)).fetchall()
    return (array("q", (r[0] for r in rows)), array("q", (r[1] for r in rows)),
            array("q", (r[2] for r in rows)), array("q", (r[3] for r in rows)),
            bytes(bool(r[4]) for r in rows))


def _pack(cols: tuple[array, array, array, array, bytes]) -> bytes:
    return _Z.compress(b"".join(c.tobytes() if isinstance(c, array) else c for c in cols))


def _unpack(blob: bytes, n: int) -> tuple[array, array, array, array, bytes]:
    raw = _D.decompress(blob)
    out: list = []
    width = array("q").itemsize
    at = 0
    for _ in range(4):
        a = array("q")
        a.frombytes(raw[at : at + n * width])
        out.append(a)
        at += n * width
    if len(raw) - at != n:
        raise ValueError("thread_rows pack has the wrong size")
    out.append(raw[at:])
    return tuple(out)  # type: ignore[return-value]


def _rows(cols: tuple[array, array, array, array, bytes]) -> ThreadRows:
    ids, floors, lengths, author_ids, op = cols
    names = _names(author_ids)
    return ThreadRows(ids.tolist(), floors.tolist(), lengths.tolist(),
                      [names[a] for a in author_ids], [bool(b) for b in op])


def thread_rows(tid: int) -> ThreadRows:
    """Every post of ``tid`` in reading order (floor, then time)."""
    row = database.execute_sql("SELECT stamp, posts, data FROM thread_rows WHERE tid = ?",
                               (tid,)).fetchone()
    if row is not None and row[0] == _stamp(tid):
        try:
            return _rows(_unpack(row[2], row[1]))
        except (ValueError, zstandard.ZstdError):
            pass  # a damaged pack: read the posts themselves
    return _rows(_columns(tid))


def pack_thread_rows(tid: int, db: SqliteDatabase = database) -> bool:
    """Keep the reading order of ``tid`` packed if it is a big thread (call it inside the
    writer's transaction, after writing the thread's posts). True if a pack was written."""
    stamp = _stamp(tid, db)
    count = int(stamp.split(":", 1)[0])
    if count < PACKED_MIN_POSTS:
        db.execute_sql("DELETE FROM thread_rows WHERE tid = ?", (tid,))
        return False
    cols = _columns(tid, db)
    db.execute_sql(
        "INSERT OR REPLACE INTO thread_rows (tid, stamp, posts, data) VALUES (?, ?, ?, ?)",
        (tid, stamp, len(cols[0]), _pack(cols)))
    return True

"""Reading position per thread: the last floor seen, and what existed at the last visit.

Keyed by tid only, so it survives deleting and re-importing a thread. ``seen_max_floor`` is the
highest floor the thread had when the reader last opened it: posts above it are unread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .dbtime import db_now, from_db
from .models import database


@dataclass(frozen=True, slots=True)
class ReadPosition:
    tid: int
    last_floor: int
    seen_max_floor: int
    visited_at: datetime | None


def get_position(tid: int) -> ReadPosition | None:
    row = database.execute_sql(
        "SELECT last_floor, seen_max_floor, visited_at FROM read_state WHERE tid = ?", (tid,)
    ).fetchone()
    if row is None:
        return None
    try:
        at = from_db(row[2])
    except (ValueError, TypeError):  # a damaged row: the next visit writes a good time
        at = None
    return ReadPosition(tid, _floor(row[0]), _floor(row[1]), at)


def _floor(value) -> int:
    """A stored floor; anything that is not a whole number (a damaged row) counts as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def save_position(tid: int, last_floor: int) -> None:
    """Remember the floor the reader is at (one small transaction; safe to call often)."""
    now = db_now()
    with database.atomic():
        database.execute_sql(
            "INSERT INTO read_state (tid, last_floor, seen_max_floor, visited_at) "
            "VALUES (?, ?, 0, ?) ON CONFLICT(tid) DO UPDATE SET last_floor = excluded.last_floor, "
            "visited_at = excluded.visited_at",
            (tid, last_floor, now),
        )


def mark_visited(tid: int) -> ReadPosition | None:
    """Record a visit: everything now in the thread counts as seen from the next visit on.

    Returns the position as it was before this visit (None on a first visit), so the view can
    mark posts above the old ``seen_max_floor`` as new.
    """
    before = get_position(tid)
    now = db_now()
    with database.atomic():
        database.execute_sql(
            "INSERT INTO read_state (tid, last_floor, seen_max_floor, visited_at) "
            "VALUES (?, 0, (SELECT COALESCE(max_floor, 0) FROM thread WHERE tid = ?), ?) "
            "ON CONFLICT(tid) DO UPDATE SET seen_max_floor = "
            "(SELECT COALESCE(max_floor, 0) FROM thread WHERE tid = excluded.tid), "
            "visited_at = excluded.visited_at",
            (tid, tid, now),
        )
    return before

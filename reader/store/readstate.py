"""Reading position per thread: the last floor seen, and what existed at the last visit.

Keyed by tid only, so it survives deleting and re-importing a thread. ``seen_max_floor`` is the
highest floor the thread had when the reader last opened it: posts above it are unread.

Rows are read as stored (``database.execute`` of the built query, no field conversion): a
damaged value is recognised here and counts as 0 or "no time", never breaks opening a thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from peewee import EXCLUDED, fn

from .dbtime import db_now, from_db
from .models import ReadState, Thread, database


@dataclass(frozen=True, slots=True)
class ReadPosition:
    tid: int
    last_floor: int
    seen_max_floor: int
    visited_at: datetime | None


def get_position(tid: int) -> ReadPosition | None:
    query = (ReadState.select(ReadState.last_floor, ReadState.seen_max_floor, ReadState.visited_at)
             .where(ReadState.tid == tid))
    row = database.execute(query).fetchone()
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
        (ReadState.insert(tid=tid, last_floor=last_floor, seen_max_floor=0, visited_at=now)
         .on_conflict(conflict_target=[ReadState.tid],
                      update={ReadState.last_floor: EXCLUDED.last_floor,
                              ReadState.visited_at: EXCLUDED.visited_at})
         .execute())


def _thread_max_floor(tid: int):
    """The thread's highest floor now, as a subquery (NULL when the thread is not stored)."""
    return Thread.select(fn.COALESCE(Thread.max_floor, 0)).where(Thread.tid == tid)


def mark_visited(tid: int) -> ReadPosition | None:
    """Record a visit: everything now in the thread counts as seen from the next visit on.

    Returns the position as it was before this visit (None on a first visit), so the view can
    mark posts above the old ``seen_max_floor`` as new.
    """
    before = get_position(tid)
    now = db_now()
    with database.atomic():
        (ReadState.insert(tid=tid, last_floor=0, seen_max_floor=_thread_max_floor(tid), visited_at=now)
         .on_conflict(conflict_target=[ReadState.tid],
                      update={ReadState.seen_max_floor: _thread_max_floor(tid),
                              ReadState.visited_at: EXCLUDED.visited_at})
         .execute())
    return before

"""Reading state per thread: where the reader stopped, how far they have read, and what existed
at the last visit.

Keyed by tid only, so it survives deleting and re-importing a thread.

* ``last_floor``: the floor at the top of the posts when the reader left (where they left off);
* ``read_floor``: every post up to this floor is read: its end has been on screen, or the
  reader went past it. It only ever grows: going back never makes a post unread. The unread
  posts of a thread are those above it, so once the reader has seen the end, the unread posts
  are the ones added since;
* ``seen_max_floor``: the highest floor the thread had when the reader last opened it (posts
  above it are marked new).

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
    read_floor: int = 0


def get_position(tid: int) -> ReadPosition | None:
    query = (ReadState.select(ReadState.last_floor, ReadState.seen_max_floor, ReadState.visited_at,
                              ReadState.read_floor)
             .where(ReadState.tid == tid))
    row = database.execute(query).fetchone()
    if row is None:
        return None
    try:
        at = from_db(row[2])
    except (ValueError, TypeError):  # a damaged row: the next visit writes a good time
        at = None
    return ReadPosition(tid, _floor(row[0]), _floor(row[1]), at, _floor(row[3]))


def _floor(value) -> int:
    """A stored floor; anything that is not a whole number (a damaged row) counts as 0."""
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 0


def save_position(tid: int, last_floor: int, read_floor: int | None = None) -> None:
    """Remember the floor the reader is at and how far they have read (default: up to that
    floor) in one small transaction; safe to call often. ``read_floor`` only raises the stored
    mark, never lowers it."""
    now = db_now()
    read_floor = max(0, last_floor if read_floor is None else read_floor)
    with database.atomic():
        (ReadState.insert(tid=tid, last_floor=last_floor, seen_max_floor=0, visited_at=now,
                          read_floor=read_floor)
         .on_conflict(conflict_target=[ReadState.tid],
                      update={ReadState.last_floor: EXCLUDED.last_floor,
                              ReadState.visited_at: EXCLUDED.visited_at,
                              ReadState.read_floor: fn.MAX(ReadState.read_floor,
                                                           EXCLUDED.read_floor)})
         .execute())


def first_unread_floor(position: ReadPosition | None, max_floor: int) -> int | None:
    """Where a thread reopens: at its first unread post (the first floor above
    ``read_floor``; the view goes to the first post at or after the floor given), or where the
    reader left off when nothing is unread; None (its first post) for a thread never opened."""
    if position is None:
        return None
    if max_floor > position.read_floor:
        return position.read_floor + 1
    return position.last_floor or None


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

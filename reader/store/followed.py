"""Threads saved from the forum (the ``followed_thread`` table): what is stored of each, when it
was last checked, what the last check found.

``fetched_position`` is the highest post position whose page is stored: a fetch continues after
it. The forum code (``reader.forum.sync``) writes a page's row in the same transaction as the
page's posts; it calls these functions and never writes SQL itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee
from peewee import EXCLUDED, fn

from .dbtime import db_now, from_db
from .models import FollowedThread, Thread, database


@dataclass(frozen=True, slots=True)
class FollowedThreadInfo:
    """A thread saved from the forum, as ``followed_threads`` lists it."""

    tid: int
    title: str
    base_url: str
    fetched_position: int
    max_position: int
    followed_at: datetime | None
    checked_at: datetime | None
    last_new_posts: int
    last_error: str | None
    post_count: int

    def as_dict(self) -> dict:
        return {
            "tid": self.tid,
            "title": self.title,
            "base_url": self.base_url,
            "fetched_position": self.fetched_position,
            "max_position": self.max_position,
            "followed_at": self.followed_at.isoformat() if self.followed_at else None,
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
            "last_new_posts": self.last_new_posts,
            "last_error": self.last_error,
            "post_count": self.post_count,
        }


def _select():
    f = FollowedThread
    return (f.select(f.tid, fn.COALESCE(Thread.title, f.title), f.base_url, f.fetched_position,
                     f.max_position, f.followed_at, f.checked_at, f.last_new_posts, f.last_error,
                     fn.COALESCE(Thread.post_count, 0))
            .join(Thread, peewee.JOIN.LEFT_OUTER, on=(Thread.tid == f.tid))
            .order_by(f.followed_at.desc(), f.tid))


def _info(row) -> FollowedThreadInfo:
    tid, title, base, fetched, maxpos, followed, checked, new, err, count = row
    return FollowedThreadInfo(tid, title, base, fetched, maxpos, from_db(followed), from_db(checked),
                              new, err, count)


def followed_threads() -> list[FollowedThreadInfo]:
    """Every thread saved from the forum, most recently followed first."""
    return [_info(r) for r in _select().tuples()]


def followed_thread(tid: int) -> FollowedThreadInfo | None:
    row = _select().where(FollowedThread.tid == tid).tuples().first()
    return _info(row) if row else None


def unfollow(tid: int) -> bool:
    """Stop refreshing a thread (its posts stay in the library). True if it was followed."""
    with database.atomic():
        return FollowedThread.delete().where(FollowedThread.tid == tid).execute() > 0


def stored_position(tid: int) -> int:
    """Where a fetch of ``tid`` continues after: the followed row's position, else the highest
    stored floor (a thread imported from archive files), else 0."""
    fetched = (FollowedThread.select(FollowedThread.fetched_position)
               .where(FollowedThread.tid == tid).tuples().first())
    if fetched is not None:
        return fetched[0]
    stored = Thread.select(Thread.max_floor).where(Thread.tid == tid).tuples().first()
    return stored[0] if stored else 0


def record_page(tid: int, base_url: str, title: str, fetched_position: int, max_position: int) -> None:
    """A page of ``tid`` was stored (call it in the page's transaction): follow the thread, or
    move its position on; clears the last error."""
    now = db_now()
    (FollowedThread.insert(tid=tid, base_url=base_url, title=title, fetched_position=fetched_position,
                           max_position=max_position, followed_at=now, checked_at=now,
                           last_new_posts=0, last_error=None)
     .on_conflict(conflict_target=[FollowedThread.tid], update={
         FollowedThread.base_url: EXCLUDED.base_url, FollowedThread.title: EXCLUDED.title,
         FollowedThread.fetched_position: EXCLUDED.fetched_position,
         FollowedThread.max_position: EXCLUDED.max_position,
         FollowedThread.checked_at: EXCLUDED.checked_at, FollowedThread.last_error: None})
     .execute())


def record_error(tid: int, error: str) -> None:
    """The last check of a followed thread failed with ``error`` (one transaction)."""
    with database.atomic():
        (FollowedThread.update(last_error=error, checked_at=db_now())
         .where(FollowedThread.tid == tid).execute())


def record_new_posts(tid: int, count: int) -> None:
    """How many posts the last fetch of ``tid`` added (one transaction)."""
    with database.atomic():
        FollowedThread.update(last_new_posts=count).where(FollowedThread.tid == tid).execute()

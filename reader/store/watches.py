"""Saved searches (关注): a search kept under a name, with the posts that arrived since the
reader last opened it.

"Arrived since" is exact and cheap: each saved search keeps the highest post id that existed
when it was last opened (``seen_post_id``); posts are numbered in the order they are stored, so
the new matches are those the index finds above it (``search.matching_ids``), however big the
library. Posts by blocked users and posts a keyword rule hides are not counted nor listed as
new (a rule that only collapses a post leaves it counted: it is still shown).

User data: the table is never rebuilt by an import, and a backup holds each saved search's
name, query and times (``userdata``); restored into another library, a saved search starts
from that library's newest post (its ids mean nothing there).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from . import search as searching
from . import userdata
from .bodies import body_texts
from .dbtime import db_now, from_db
from .models import SavedSearch, database
from .rulematch import first_matches

MAX_NAME = 100


class WatchError(ValueError):
    """A saved search that cannot be made or found, with what to do."""


@dataclass(frozen=True, slots=True)
class WatchInfo:
    name: str
    query: str
    new: int
    total: int
    total_is_estimate: bool
    last_seen_at: datetime | None
    created_at: datetime | None

    def as_dict(self) -> dict:
        return {"name": self.name, "query": self.query, "new": self.new, "total": self.total,
                "total_is_estimate": self.total_is_estimate,
                "last_seen_at": self.last_seen_at.isoformat() if self.last_seen_at else None}


def newest_post_id() -> int:
    return database.execute_sql("SELECT COALESCE(MAX(id), 0) FROM post").fetchone()[0]


def _row(name: str) -> tuple[str, str, int, str | None, str | None]:
    row = database.execute_sql(
        "SELECT name, query, seen_post_id, last_seen_at, created_at FROM saved_search "
        "WHERE name=?", (name,)).fetchone()
    if row is None:
        raise WatchError(f"no saved search named {name!r} (see `s1reader watch list`)")
    return row


def add_watch(name: str, query: str) -> WatchInfo:
    """Save ``query`` as ``name`` (a saved search of that name gets the new query and keeps
    when it was last opened); posts stored from now on are its new ones."""
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise WatchError(f"a saved search needs a name of 1 to {MAX_NAME} characters")
    query = query.strip()
    searching._plan(searching.parse_query(query))  # QueryError says what is wrong with it
    now = db_now()
    with database.atomic():
        database.execute_sql(
            "INSERT INTO saved_search (name, query, created_at, seen_post_id, last_seen_at) "
            "VALUES (?, ?, ?, ?, NULL) ON CONFLICT(name) DO UPDATE SET query=excluded.query",
            (name, query, now, newest_post_id()))
    return watch_info(name)


def remove_watch(name: str) -> bool:
    with database.atomic():
        return database.execute_sql("DELETE FROM saved_search WHERE name=?", (name,)).rowcount > 0


def names() -> list[str]:
    return [r[0] for r in database.execute_sql("SELECT name FROM saved_search ORDER BY name")]


def saved_queries() -> list[tuple[str, str]]:
    """(name, query) of every saved search, by name."""
    return [(n, q) for n, q in database.execute_sql(
        "SELECT name, query FROM saved_search ORDER BY name")]


def _shown(ids: list[int]) -> list[int]:
    """``ids`` without the posts of blocked users and those a keyword rule hides."""
    if not ids:
        return ids
    blocked = userdata.blocked_names()
    hide = [r for r in userdata.list_rules("post") if r.action == "hide"]
    rows: dict[int, tuple[str, bytes]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        rows.update((pid, (author, body)) for pid, author, body in database.execute_sql(
            "SELECT p.id, a.name, p.body FROM post p JOIN author a ON a.id = p.author_id "
            f"WHERE p.id IN ({','.join('?' * len(chunk))})", chunk))
    keep = [i for i in ids if i in rows and rows[i][0] not in blocked]
    if hide:
        matched, _slow = first_matches(((i, "\n".join(body_texts(rows[i][1]))) for i in keep), hide)
        keep = [i for i in keep if i not in matched]
    return keep


def new_ids(name: str) -> list[int]:
    """The posts matching saved search ``name`` stored since it was last opened, newest first."""
    _name, query, seen, _at, _created = _row(name)
    return _shown(searching.matching_ids(query, seen))


def watch_info(name: str, total: bool = True) -> WatchInfo:
    _name, query, seen, at, created = _row(name)
    new = len(_shown(searching.matching_ids(query, seen)))
    count, estimate = 0, False
    if total:
        result = searching.search(query, limit=0)
        count, estimate = result.total, result.total_is_estimate
    return WatchInfo(name, query, new, count, estimate, from_db(at), from_db(created))


def list_watches(total: bool = True) -> list[WatchInfo]:
    """Every saved search with its new posts (and its total matches unless ``total`` is
    False: the total costs a whole search, the new count only the posts stored since)."""
    return [watch_info(n, total) for n in names()]


def mark_opened(name: str) -> None:
    """The reader opened ``name``: every post stored so far is seen."""
    _row(name)
    with database.atomic():
        database.execute_sql("UPDATE saved_search SET seen_post_id=?, last_seen_at=? WHERE name=?",
                             (newest_post_id(), db_now(), name))


@dataclass
class Opened:
    """A saved search as opened: its new hits first (newest first), then the rest of the
    search's first page (relevance order) without those."""

    info: WatchInfo
    new: list[searching.SearchHit]
    others: searching.SearchResult


def open_watch(name: str, limit: int = 100, mark: bool = True) -> Opened:
    """The hits of ``name``, new ones first; with ``mark``, they count as seen from now on."""
    info = watch_info(name)
    q = searching.parse_query(info.query)
    fresh = new_ids(name)
    new_hits = searching.hits_of(fresh, q)
    others = searching.search(info.query, limit=limit + len(fresh))
    shown = set(fresh)
    others.hits = [h for h in others.hits if h.post_id not in shown][:limit]
    if mark:
        mark_opened(name)
    return Opened(info, new_hits, others)


# ---------------------------------------------------------------- backup


def export_rows() -> list[dict]:
    rows = database.execute(SavedSearch.select(SavedSearch.name, SavedSearch.query,
                                               SavedSearch.created_at, SavedSearch.last_seen_at)
                            .order_by(SavedSearch.name)).fetchall()
    return [{"name": n, "query": q, "created_at": c, "last_seen_at": s} for n, q, c, s in rows]


def import_rows(rows: list[tuple[str, str, str, str | None]]) -> int:
    """Merge (name, query, created_at, last_seen_at) rows of a backup (inside the caller's
    transaction): the backup's query wins; a new one starts from this library's newest post."""
    newest = newest_post_id()
    for name, query, created, seen_at in rows:
        database.execute_sql(
            "INSERT INTO saved_search (name, query, created_at, seen_post_id, last_seen_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET query=excluded.query",
            (name, query, created, newest, seen_at))
    return len(rows)

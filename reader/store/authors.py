"""Who wrote what: the authors of a thread, and an author's page across the whole library.

Queries are built with peewee on the models; rows are read as stored (``database.execute``) and
times converted by ``dbtime.from_db``. Reply counts by post id go through ``postbatch`` (raw SQL,
the thread view's paging hot path).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from peewee import SQL, fn

from . import postbatch
from .bodies import body_first_line
from .dbtime import from_db
from .models import Author, Board, Post, QuoteLink, Thread, database

_COUNT = fn.COUNT(SQL("*"))


def thread_authors(tid: int) -> list[tuple[str, int]]:
    """(author, number of posts) in a thread, most posts first, then by name."""
    n = _COUNT.alias("n")
    query = (Post.select(Author.name, n).join(Author).where(Post.thread == tid)
             .group_by(Author.id).order_by(SQL("n").desc(), Author.name))
    return [(name, c) for name, c in database.execute(query).fetchall()]


@dataclass
class AuthorPage:
    name: str
    posts: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    threads: list[dict] = field(default_factory=list)  # tid, title, board, posts, first, last
    boards: list[dict] = field(default_factory=list)  # board, posts, threads

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "posts": self.posts,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
            "threads": self.threads,
            "boards": self.boards,
        }


def author_page(name: str) -> AuthorPage | None:
    """Everything one author wrote in the library, per thread and per board; None if unknown."""
    row = database.execute(Author.select(Author.id).where(Author.name == name)).fetchone()
    if row is None:
        return None
    aid = row[0]
    page = AuthorPage(name)
    query = (Post.select(Post.thread, Thread.title, Board.name, _COUNT, fn.MIN(Post.posted_at),
                         fn.MAX(Post.posted_at), fn.MIN(Post.floor))
             .join(Thread).join(Board)
             .where(Post.author == aid)
             .group_by(Post.thread).order_by(_COUNT.desc(), fn.MAX(Post.posted_at).desc()))
    boards: dict[str, dict] = {}
    for tid, title, board, n, first, last, first_floor in database.execute(query).fetchall():
        first_dt, last_dt = from_db(first), from_db(last)
        page.threads.append({"tid": tid, "title": title, "board": board, "posts": n,
                             "first_floor": first_floor,
                             "first_post_at": first_dt.isoformat(), "last_post_at": last_dt.isoformat()})
        page.posts += n
        page.first_seen = min(filter(None, [page.first_seen, first_dt]))
        page.last_seen = max(filter(None, [page.last_seen, last_dt]))
        entry = boards.setdefault(board, {"board": board, "posts": 0, "threads": 0})
        entry["posts"] += n
        entry["threads"] += 1
    page.boards = sorted(boards.values(), key=lambda b: -b["posts"])
    return page


def author_posts(name: str, limit: int = 200, offset: int = 0) -> list[dict]:
    """An author's posts across the library, newest first: where they are and their first line."""
    query = (Post.select(Post.id, Post.thread, Thread.title, Post.floor, Post.posted_at, Post.body)
             .join(Thread)
             .where(Post.author == Author.select(Author.id).where(Author.name == name))
             .order_by(Post.posted_at.desc(), Post.id.desc()).limit(limit).offset(offset))
    out = []
    for pid, tid, title, floor, posted, body in database.execute(query).fetchall():
        first = body_first_line(body)
        out.append({"post_id": pid, "tid": tid, "title": title, "floor": floor,
                    "posted_at": from_db(posted).isoformat(), "first_line": first})
    return out


def replies_to(post_id: int) -> list[dict]:
    """Posts that quote ``post_id`` (resolved at import), in time order."""
    query = (QuoteLink
             .select(Post.id, Post.thread, Thread.title, Post.floor, Author.name, Post.posted_at, Post.body)
             .distinct()
             .join(Post, on=(Post.id == QuoteLink.post))
             .join(Author, on=(Author.id == Post.author))
             .switch(Post).join(Thread, on=(Thread.tid == Post.thread))
             .where(QuoteLink.target == post_id)
             .order_by(Post.posted_at, Post.thread, Post.floor))
    out = []
    for pid, tid, title, floor, author, posted, body in database.execute(query).fetchall():
        first = body_first_line(body)
        out.append({"post_id": pid, "tid": tid, "title": title, "floor": floor, "author": author,
                    "posted_at": from_db(posted).isoformat(), "first_line": first})
    return out


def reply_counts(post_ids: list[int]) -> dict[int, int]:
    """How many posts quote each of ``post_ids`` (only ids with at least one reply)."""
    return dict(postbatch.reply_count_rows(post_ids))

"""Who wrote what: the authors of a thread, and an author's page across the whole library."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from .bodies import body_first_line
from .dbtime import from_db
from .models import database


def thread_authors(tid: int) -> list[tuple[str, int]]:
    """(author, number of posts) in a thread, most posts first, then by name."""
    sql = ("SELECT a.name, COUNT(*) AS n FROM post p JOIN author a ON a.id = p.author_id "
           "WHERE p.tid = ? GROUP BY a.id ORDER BY n DESC, a.name")
    return [(n, c) for n, c in database.execute_sql(sql, (tid,)).fetchall()]


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
    row = database.execute_sql("SELECT id FROM author WHERE name = ?", (name,)).fetchone()
    if row is None:
        return None
    aid = row[0]
    page = AuthorPage(name)
    sql = ("SELECT p.tid, t.title, b.name, COUNT(*), MIN(p.posted_at), MAX(p.posted_at), "
           "MIN(p.floor) FROM post p JOIN thread t ON t.tid = p.tid JOIN board b ON b.id = t.board_id "
           "WHERE p.author_id = ? GROUP BY p.tid ORDER BY COUNT(*) DESC, MAX(p.posted_at) DESC")
    boards: dict[str, dict] = {}
    for tid, title, board, n, first, last, first_floor in database.execute_sql(sql, (aid,)).fetchall():
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
    sql = ("SELECT p.id, p.tid, t.title, p.floor, p.posted_at, p.body FROM post p "
           "JOIN thread t ON t.tid = p.tid WHERE p.author_id = (SELECT id FROM author WHERE name = ?) "
           "ORDER BY p.posted_at DESC, p.id DESC LIMIT ? OFFSET ?")
    out = []
    for pid, tid, title, floor, posted, body in database.execute_sql(sql, (name, limit, offset)).fetchall():
        first = body_first_line(body)
        out.append({"post_id": pid, "tid": tid, "title": title, "floor": floor,
                    "posted_at": from_db(posted).isoformat(), "first_line": first})
    return out


def replies_to(post_id: int) -> list[dict]:
    """Posts that quote ``post_id`` (resolved at import), in time order."""
    sql = ("SELECT DISTINCT p.id, p.tid, t.title, p.floor, a.name, p.posted_at, p.body FROM quote_link q "
           "JOIN post p ON p.id = q.post_id JOIN author a ON a.id = p.author_id "
           "JOIN thread t ON t.tid = p.tid WHERE q.target_id = ? ORDER BY p.posted_at, p.tid, p.floor")
    out = []
    for pid, tid, title, floor, author, posted, body in database.execute_sql(sql, (post_id,)).fetchall():
        first = body_first_line(body)
        out.append({"post_id": pid, "tid": tid, "title": title, "floor": floor, "author": author,
                    "posted_at": from_db(posted).isoformat(), "first_line": first})
    return out


def reply_counts(post_ids: list[int]) -> dict[int, int]:
    """How many posts quote each of ``post_ids`` (only ids with at least one reply)."""
    out: dict[int, int] = {}
    for i in range(0, len(post_ids), 500):
        chunk = post_ids[i : i + 500]
        sql = (f"SELECT target_id, COUNT(DISTINCT post_id) FROM quote_link "
               f"WHERE target_id IN ({','.join('?' * len(chunk))}) GROUP BY target_id")
        out.update(database.execute_sql(sql, chunk).fetchall())
    return out

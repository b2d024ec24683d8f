"""Read-only queries over the library: threads, boards, posts of a thread, statistics.

Everything returns plain frozen dataclasses (or lists of them) so callers, the CLI and the Qt
models alike, never hold peewee rows or cursors.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ..parse.model import Block
from .bodies import body_blocks, body_texts
from .dbtime import from_db
from .models import FLAG_ANONYMOUS, FLAG_BANNED, FLAG_EMPTY, FLAG_HIDDEN, Board, Thread, database


@dataclass(frozen=True, slots=True)
class ThreadInfo:
    tid: int
    title: str
    board: str
    reachable: bool
    post_count: int
    max_floor: int
    first_post_at: datetime | None
    last_post_at: datetime | None
    last_floor_read: int
    unread: int

    def as_dict(self) -> dict:
        return {
            "tid": self.tid,
            "title": self.title,
            "board": self.board,
            "post_count": self.post_count,
            "first_post_at": self.first_post_at.isoformat() if self.first_post_at else None,
            "last_post_at": self.last_post_at.isoformat() if self.last_post_at else None,
            "reachable": self.reachable,
            "max_floor": self.max_floor,
            "last_floor_read": self.last_floor_read,
            "unread": self.unread,
        }


@dataclass(frozen=True, slots=True)
class StoredPost:
    """A post as the view shows it: header fields and the decoded body."""

    id: int
    tid: int
    floor: int
    author: str
    posted_at: datetime
    is_op: bool
    flags: int
    editor: str | None
    edited_at: datetime | None
    pid: int | None
    blocks: tuple[Block, ...]

    @property
    def anonymous(self) -> bool:
        return bool(self.flags & FLAG_ANONYMOUS)

    @property
    def banned(self) -> bool:
        return bool(self.flags & FLAG_BANNED)

    @property
    def hidden(self) -> bool:
        return bool(self.flags & FLAG_HIDDEN)

    @property
    def empty(self) -> bool:
        return bool(self.flags & FLAG_EMPTY)

    @property
    def flag_names(self) -> list[str]:
        names = [("anonymous", FLAG_ANONYMOUS), ("banned", FLAG_BANNED),
                 ("hidden", FLAG_HIDDEN), ("empty", FLAG_EMPTY)]
        return [n for n, bit in names if self.flags & bit]


_THREAD_SELECT = (
    "SELECT t.tid, t.title, b.name, t.reachable, t.post_count, t.max_floor, t.first_post_at, "
    "t.last_post_at, COALESCE(r.last_floor, 0), "
    # unread: the posts after the last one read (all of them in a thread never opened)
    "CASE WHEN r.tid IS NULL THEN t.post_count ELSE "
    " (SELECT COUNT(*) FROM post p WHERE p.tid = t.tid AND p.floor > r.last_floor) END "
    "FROM thread t JOIN board b ON b.id = t.board_id LEFT JOIN read_state r ON r.tid = t.tid"
)


def _thread(row) -> ThreadInfo:
    tid, title, board, reachable, count, max_floor, first, last, read, unread = row
    return ThreadInfo(tid, title, board, bool(reachable), count, max_floor, from_db(first), from_db(last),
                      read, unread)


def list_threads(board: str | None = None, query: str | None = None,
                 order: str = "last_post") -> list[ThreadInfo]:
    """Threads, optionally of one board and whose title contains ``query`` (or whose tid is it)."""
    where: list[str] = []
    args: list = []
    if board:
        where.append("b.name = ?")
        args.append(board)
    if query:
        q = query.strip()
        if q.isdigit():
            where.append("(t.tid = ? OR instr(lower(t.title), lower(?)) > 0)")
            args += [int(q), q]
        else:
            where.append("instr(lower(t.title), lower(?)) > 0")
            args.append(q)
    orders = {
        "last_post": "t.last_post_at DESC",
        "title": "t.title COLLATE NOCASE",
        "size": "t.post_count DESC",
        "tid": "t.tid",
    }
    sql = _THREAD_SELECT + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY " + orders.get(order, orders["last_post"])
    return [_thread(r) for r in database.execute_sql(sql, args).fetchall()]


def thread_count() -> int:
    return database.execute_sql("SELECT COUNT(*) FROM thread").fetchone()[0]


def some_tids(n: int) -> list[int]:
    """Up to ``n`` thread ids (to tell an empty or demo-only library without listing it)."""
    return [r[0] for r in database.execute_sql("SELECT tid FROM thread ORDER BY tid LIMIT ?", (n,))]


def latest_tid() -> int | None:
    """The thread with the latest post (what the library lists first)."""
    row = database.execute_sql("SELECT tid FROM thread ORDER BY last_post_at DESC LIMIT 1").fetchone()
    return row[0] if row else None


def get_thread(tid: int) -> ThreadInfo | None:
    row = database.execute_sql(_THREAD_SELECT + " WHERE t.tid = ?", (tid,)).fetchone()
    return _thread(row) if row else None


def board_and_title(tid: int) -> tuple[str, str] | None:
    """(board name, title) of a stored thread, None when it is not in the library."""
    return (Thread.select(Board.name, Thread.title).join(Board)
            .where(Thread.tid == tid).tuples().first())


def boards() -> list[tuple[str, int]]:
    """(board name, thread count), by name."""
    sql = ("SELECT b.name, COUNT(t.tid) FROM board b LEFT JOIN thread t ON t.board_id = b.id "
           "GROUP BY b.id ORDER BY b.name")
    return [(n, c) for n, c in database.execute_sql(sql).fetchall()]


def library_is_empty() -> bool:
    return database.execute_sql("SELECT 1 FROM thread LIMIT 1").fetchone() is None


def thread_post_ids(tid: int) -> list[int]:
    """Post ids of a thread in reading order (floor, then time for shared floors)."""
    sql = "SELECT id FROM post WHERE tid = ? ORDER BY floor, posted_at, id"
    return [r[0] for r in database.execute_sql(sql, (tid,)).fetchall()]


_POST_SELECT = (
    "SELECT p.id, p.tid, p.floor, a.name, p.posted_at, p.is_op, p.flags, p.editor, p.edited_at, "
    "p.pid, p.body FROM post p JOIN author a ON a.id = p.author_id"
)


def _post(row) -> StoredPost:
    pid_, tid, floor, author, posted, is_op, flags, editor, edited, pid, body = row
    return StoredPost(pid_, tid, floor, author, from_db(posted), bool(is_op), flags, editor,
                      from_db(edited), pid, body_blocks(body))


def load_posts(ids: list[int]) -> list[StoredPost]:
    """Posts by id, in the order of ``ids`` (missing ids are left out)."""
    out: dict[int, StoredPost] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        sql = _POST_SELECT + f" WHERE p.id IN ({','.join('?' * len(chunk))})"
        for row in database.execute_sql(sql, chunk).fetchall():
            post = _post(row)
            out[post.id] = post
    return [out[i] for i in ids if i in out]


def thread_posts(tid: int, from_floor: int = 0, limit: int | None = None,
                 author: str | None = None, only_op: bool = False) -> list[StoredPost]:
    sql = _POST_SELECT + " WHERE p.tid = ? AND p.floor >= ?"
    args: list = [tid, from_floor]
    if author:
        sql += " AND a.name = ?"
        args.append(author)
    if only_op:
        sql += " AND p.is_op = 1"
    sql += " ORDER BY p.floor, p.posted_at, p.id"
    if limit is not None:
        sql += " LIMIT ?"
        args.append(limit)
    return [_post(r) for r in database.execute_sql(sql, args).fetchall()]


def quotes_of_posts(ids: list[int]) -> dict[int, list[dict]]:
    """The quote links of the given posts, with the resolved target's tid and floor (or None)."""
    out: dict[int, list[dict]] = {i: [] for i in ids}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        sql = (
            "SELECT q.post_id, q.ordinal, q.quoted_author, q.quoted_at, q.pid, q.ptid, "
            "t.id, t.tid, t.floor FROM quote_link q LEFT JOIN post t ON t.id = q.target_id "
            f"WHERE q.post_id IN ({','.join('?' * len(chunk))}) ORDER BY q.post_id, q.ordinal"
        )
        for post_id, _o, author, at, pid, ptid, target, ttid, tfloor in database.execute_sql(
            sql, chunk
        ).fetchall():
            out[post_id].append({
                "author": author,
                "posted_at": from_db(at).isoformat() if at else None,
                "pid": pid,
                "ptid": ptid,
                "target": {"post_id": target, "tid": ttid, "floor": tfloor} if target else None,
            })
    return out


def _archive_stamp() -> str:
    """What changes whenever imported data changes: cheap to read (small tables, rowid edges)."""
    q = database.execute_sql
    parts = (
        q("SELECT COUNT(*), COALESCE(SUM(post_count), 0) FROM thread").fetchone(),
        q("SELECT MAX(id) FROM quote_link").fetchone()[0],
        q("SELECT MAX(imported_at) FROM thread").fetchone()[0],
    )
    return repr(parts)


def _quote_counts() -> tuple[int, int]:
    q = database.execute_sql
    return (q("SELECT COUNT(*) FROM quote_link").fetchone()[0],
            q("SELECT COUNT(*) FROM quote_link WHERE target_id IS NOT NULL").fetchone()[0])


def refresh_quote_counts() -> None:
    """Count the quote links now (the importer calls this when it wrote something, while the
    pages are still in memory) so ``library_stats`` need not read a million links later."""
    quotes, resolved = _quote_counts()
    with database.atomic():
        database.execute_sql(
            "INSERT OR REPLACE INTO library_count (name, value) VALUES "
            "('quotes', ?), ('quotes_resolved', ?), ('stamp', ?)",
            (quotes, resolved, _archive_stamp()))


def library_stats() -> dict:
    q = database.execute_sql
    cached = dict(q("SELECT name, value FROM library_count").fetchall())
    if cached.get("stamp") == _archive_stamp():
        quotes, resolved = int(cached["quotes"]), int(cached["quotes_resolved"])
    else:  # changed since the last count (or never counted): count, at the cost of a pass
        quotes, resolved = _quote_counts()
    return {
        "threads": q("SELECT COUNT(*) FROM thread").fetchone()[0],
        # the per-thread counts the importer keeps: no pass over millions of post rows
        "posts": q("SELECT COALESCE(SUM(post_count), 0) FROM thread").fetchone()[0],
        "authors": q("SELECT COUNT(*) FROM author").fetchone()[0],
        "boards": q("SELECT COUNT(*) FROM board").fetchone()[0],
        "files": q("SELECT COUNT(*) FROM source_file").fetchone()[0],
        "quotes": quotes,
        "quotes_resolved": resolved,
        "bookmarks": q("SELECT COUNT(*) FROM bookmark").fetchone()[0],
    }


def reading_history(limit: int = 200) -> list[tuple[ThreadInfo, datetime]]:
    """Recently opened threads (those with a visit time), newest visit first, with that time."""
    sql = _THREAD_SELECT.replace(" FROM thread t", ", r.visited_at FROM thread t", 1)
    sql += " WHERE r.visited_at IS NOT NULL ORDER BY r.visited_at DESC, t.tid LIMIT ?"
    return [(_thread(r[:-1]), from_db(r[-1])) for r in database.execute_sql(sql, (limit,)).fetchall()]


# ---------------------------------------------------------------- for the thread view's filters


def thread_texts(tid: int) -> list[tuple[int, str]]:
    """(post id, own text and quoted text) of a thread: what keyword rules are matched against."""
    sql = "SELECT id, body FROM post WHERE tid = ?"
    return [(i, "\n".join(body_texts(b))) for i, b in database.execute_sql(sql, (tid,)).fetchall()]


def find_in_thread(tid: int, text: str) -> list[int]:
    """Ids of the posts of ``tid`` whose text (or quoted text) contains ``text`` (any case), in
    reading order."""
    if not text:
        return []
    needle = text.lower()
    sql = "SELECT id, body FROM post WHERE tid = ? ORDER BY floor, posted_at, id"
    return [i for i, b in database.execute_sql(sql, (tid,)).fetchall()
            if needle in "\n".join(body_texts(b)).lower()]

"""Read-only queries over the library: threads, boards, posts of a thread, statistics.

Everything returns plain frozen dataclasses (or lists of them) so callers, the CLI and the Qt
models alike, never hold peewee rows or cursors. Queries are built with peewee on the models;
rows are read as stored (``database.execute``) and times converted by ``dbtime.from_db``, which
is many times faster than peewee's per-field parsing over tens of thousands of threads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee
from peewee import SQL, Case, fn

from ..parse.model import Block
from . import postbatch
from .bodies import body_blocks, body_texts
from .dbtime import from_db
from .models import (
    FLAG_ANONYMOUS,
    FLAG_BANNED,
    FLAG_EMPTY,
    FLAG_HIDDEN,
    Author,
    Board,
    Bookmark,
    LibraryCount,
    Post,
    QuoteLink,
    ReadState,
    SourceFile,
    Thread,
    database,
)


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
    last_floor_read: int  # the floor at the top of the posts when the reader left (0: never)
    unread: int  # posts above ``read_floor`` (every post of a thread never opened)
    read_floor: int = 0  # every post up to this floor has been read
    opened: bool = False  # the reader has opened it (it has a reading state)

    @property
    def new_replies(self) -> int:
        """新回复: unread posts of a thread the reader has opened (0 for one never opened)."""
        return self.unread if self.opened else 0

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
            "read_floor": self.read_floor,
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


_COUNT = fn.COUNT(SQL("*"))


def _rows(query) -> list[tuple]:
    """The rows of a built query as stored (no per-field conversion)."""
    return database.execute(query).fetchall()


def _one(query):
    """The first column of the first row of a built query (None without rows)."""
    row = database.execute(query).fetchone()
    return row[0] if row else None


def _thread_select(*extra):
    # unread: the posts above the floor read so far (readstate.read_floor: every post whose end
    # has been on screen or that the reader went past; all of them in a thread never opened)
    after_read = Post.select(_COUNT).where((Post.thread == Thread.tid) & (Post.floor > ReadState.read_floor))
    # a thread read to its last floor has none, without counting (a library of thousands of
    # threads read to the end: one index walk each, 1 s cold for 12,000 of them)
    unread = Case(None, ((ReadState.tid.is_null(), Thread.post_count),
                         (ReadState.read_floor >= Thread.max_floor, 0)), after_read)
    return (Thread
            .select(Thread.tid, Thread.title, Board.name, Thread.reachable, Thread.post_count,
                    Thread.max_floor, Thread.first_post_at, Thread.last_post_at,
                    fn.COALESCE(ReadState.last_floor, 0), unread,
                    fn.COALESCE(ReadState.read_floor, 0), ReadState.tid.is_null(False), *extra)
            .join(Board)
            .switch(Thread).join(ReadState, peewee.JOIN.LEFT_OUTER, on=(ReadState.tid == Thread.tid)))


def _thread(row) -> ThreadInfo:
    tid, title, board, reachable, count, max_floor, first, last, read, unread, read_floor, opened = row
    return ThreadInfo(tid, title, board, bool(reachable), count, max_floor, from_db(first), from_db(last),
                      read, unread, read_floor, bool(opened))


def list_threads(board: str | None = None, query: str | None = None,
                 order: str = "last_post") -> list[ThreadInfo]:
    """Threads, optionally of one board and whose title contains ``query`` (or whose tid is it)."""
    select = _thread_select()
    if board:
        select = select.where(Board.name == board)
    if query:
        q = query.strip()
        in_title = fn.instr(fn.lower(Thread.title), fn.lower(q)) > 0
        select = select.where((Thread.tid == int(q)) | in_title if q.isdigit() else in_title)
    orders = {
        "last_post": Thread.last_post_at.desc(),
        "title": Thread.title.collate("NOCASE"),
        "size": Thread.post_count.desc(),
        "tid": Thread.tid,
    }
    select = select.order_by(orders.get(order, orders["last_post"]))
    return [_thread(r) for r in _rows(select)]


def unread_threads() -> list[ThreadInfo]:
    """新回复: the threads the reader has opened that have posts above how far they have read
    (``readstate.read_floor``), most unread posts first, then the latest post first. A thread
    never opened is not in it (all of it is unread: it is a new thread, not new replies)."""
    select = _thread_select().where(ReadState.tid.is_null(False)
                                    & (Thread.max_floor > ReadState.read_floor))
    threads = [t for t in map(_thread, _rows(select)) if t.new_replies > 0]
    threads.sort(key=lambda t: (-t.unread, -(t.last_post_at.timestamp() if t.last_post_at else 0),
                                t.tid))
    return threads


def thread_count() -> int:
    return _one(Thread.select(_COUNT))


def some_tids(n: int) -> list[int]:
    """Up to ``n`` thread ids (to tell an empty or demo-only library without listing it)."""
    return [r[0] for r in _rows(Thread.select(Thread.tid).order_by(Thread.tid).limit(n))]


def latest_tid() -> int | None:
    """The thread with the latest post (what the library lists first)."""
    return _one(Thread.select(Thread.tid).order_by(Thread.last_post_at.desc()).limit(1))


def get_thread(tid: int) -> ThreadInfo | None:
    row = database.execute(_thread_select().where(Thread.tid == tid)).fetchone()
    return _thread(row) if row else None


def board_and_title(tid: int) -> tuple[str, str] | None:
    """(board name, title) of a stored thread, None when it is not in the library."""
    row = database.execute(Thread.select(Board.name, Thread.title).join(Board)
                           .where(Thread.tid == tid)).fetchone()
    return tuple(row) if row else None


def boards() -> list[tuple[str, int]]:
    """(board name, thread count), by name."""
    query = (Board.select(Board.name, fn.COUNT(Thread.tid))
             .join(Thread, peewee.JOIN.LEFT_OUTER, on=(Thread.board == Board.id))
             .group_by(Board.id).order_by(Board.name))
    return [(n, c) for n, c in _rows(query)]


def library_is_empty() -> bool:
    return database.execute(Thread.select(SQL("1")).limit(1)).fetchone() is None


_READING_ORDER = (Post.floor, Post.posted_at, Post.id)  # floor, then time for shared floors


def post_by_pid(pid: int, tid: int | None = None) -> int | None:
    """The stored post with the forum's post id ``pid`` (of ``tid`` when given), or None. Posts
    read from archive files do not carry their pid; a quote of them does, and names the post
    it resolved to."""
    query = Post.select(Post.id).where(Post.pid == pid)
    if tid is not None:
        query = query.where(Post.thread == tid)
    found = _one(query.limit(1))
    if found is None:
        quoted = QuoteLink.select(QuoteLink.target).where(
            (QuoteLink.pid == pid) & QuoteLink.target.is_null(False))
        if tid is not None:
            quoted = quoted.where(QuoteLink.ptid == tid)
        found = _one(quoted.limit(1))
    return found


def thread_post_ids(tid: int) -> list[int]:
    """Post ids of a thread in reading order (floor, then time for shared floors)."""
    query = Post.select(Post.id).where(Post.thread == tid).order_by(*_READING_ORDER)
    return [r[0] for r in _rows(query)]


def _post_select():
    return (Post.select(Post.id, Post.thread, Post.floor, Author.name, Post.posted_at, Post.is_op,
                        Post.flags, Post.editor, Post.edited_at, Post.pid, Post.body)
            .join(Author))


def _post(row) -> StoredPost:
    pid_, tid, floor, author, posted, is_op, flags, editor, edited, pid, body = row
    return StoredPost(pid_, tid, floor, author, from_db(posted), bool(is_op), flags, editor,
                      from_db(edited), pid, body_blocks(body))


def load_posts(ids: list[int]) -> list[StoredPost]:
    """Posts by id, in the order of ``ids`` (missing ids are left out)."""
    out: dict[int, StoredPost] = {}
    for row in postbatch.post_rows(ids):  # raw SQL: the view's paging hot path (see there)
        post = _post(row)
        out[post.id] = post
    return [out[i] for i in ids if i in out]


def thread_posts(tid: int, from_floor: int = 0, limit: int | None = None,
                 author: str | None = None, only_op: bool = False) -> list[StoredPost]:
    query = _post_select().where((Post.thread == tid) & (Post.floor >= from_floor))
    if author:
        query = query.where(Author.name == author)
    if only_op:
        query = query.where(Post.is_op == 1)
    query = query.order_by(*_READING_ORDER)
    if limit is not None:
        query = query.limit(limit)
    return [_post(r) for r in _rows(query)]


def quotes_of_posts(ids: list[int]) -> dict[int, list[dict]]:
    """The quote links of the given posts, with the resolved target's tid and floor (or None)."""
    out: dict[int, list[dict]] = {i: [] for i in ids}
    for post_id, _o, author, at, pid, ptid, target_id, ttid, tfloor in postbatch.quote_rows(ids):
        out[post_id].append({
            "author": author,
            "posted_at": from_db(at).isoformat() if at else None,
            "pid": pid,
            "ptid": ptid,
            "target": {"post_id": target_id, "tid": ttid, "floor": tfloor} if target_id else None,
        })
    return out


def _archive_stamp() -> str:
    """What changes whenever imported data changes: cheap to read (small tables, rowid edges)."""
    parts = (
        database.execute(Thread.select(_COUNT, fn.COALESCE(fn.SUM(Thread.post_count), 0))).fetchone(),
        _one(QuoteLink.select(fn.MAX(QuoteLink.id))),
        _one(Thread.select(fn.MAX(Thread.imported_at))),
    )
    return repr(parts)


def _quote_counts() -> tuple[int, int]:
    return (_one(QuoteLink.select(_COUNT)),
            _one(QuoteLink.select(_COUNT).where(QuoteLink.target.is_null(False))))


def refresh_quote_counts() -> None:
    """Count the quote links now (the importer calls this when it wrote something, while the
    pages are still in memory) so ``library_stats`` need not read a million links later."""
    quotes, resolved = _quote_counts()
    with database.atomic():
        LibraryCount.replace_many([("quotes", quotes), ("quotes_resolved", resolved),
                                   ("stamp", _archive_stamp())],
                                  fields=[LibraryCount.name, LibraryCount.value]).execute()


def library_stats() -> dict:
    cached = dict(_rows(LibraryCount.select(LibraryCount.name, LibraryCount.value)))
    if cached.get("stamp") == _archive_stamp():
        quotes, resolved = int(cached["quotes"]), int(cached["quotes_resolved"])
    else:  # changed since the last count (or never counted): count, at the cost of a pass
        quotes, resolved = _quote_counts()
    return {
        "threads": _one(Thread.select(_COUNT)),
        # the per-thread counts the importer keeps: no pass over millions of post rows
        "posts": _one(Thread.select(fn.COALESCE(fn.SUM(Thread.post_count), 0))),
        "authors": _one(Author.select(_COUNT)),
        "boards": _one(Board.select(_COUNT)),
        "files": _one(SourceFile.select(_COUNT)),
        "quotes": quotes,
        "quotes_resolved": resolved,
        "bookmarks": _one(Bookmark.select(_COUNT)),
    }


def reading_history(limit: int = 200) -> list[tuple[ThreadInfo, datetime]]:
    """Recently opened threads (those with a visit time), newest visit first, with that time."""
    query = (_thread_select(ReadState.visited_at).where(ReadState.visited_at.is_null(False))
             .order_by(ReadState.visited_at.desc(), Thread.tid).limit(limit))
    return [(_thread(r[:-1]), from_db(r[-1])) for r in _rows(query)]


# ---------------------------------------------------------------- for the thread view's filters


def thread_texts(tid: int) -> list[tuple[int, str]]:
    """(post id, own text and quoted text) of a thread: what keyword rules are matched against."""
    query = Post.select(Post.id, Post.body).where(Post.thread == tid)
    return [(i, "\n".join(body_texts(b))) for i, b in _rows(query)]

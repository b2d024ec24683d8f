"""Writing one thread's rows: its thread row, new posts and new versions of stored ones, their
search tokens, digest figures and quote links, then the thread's counts.

A ``ThreadWriter`` takes the rows in one call (a thread whose files were all parsed) or in
several (a big new thread written part by part as its files arrive, so that its rows never wait
in memory together). It keeps what later calls need, posts by identity and the quote targets,
so a call never re-reads the thread from the database. Raw SQL: this is the import's hot path.

Search-index rows can wait (``index_later``): FTS5 writes its pending terms out as a new segment
at every savepoint and at every statement that needs a statement journal (an UPDATE of a foreign
key column, an INSERT … SELECT). Written inside each thread's savepoint, a year's index became one
small segment per thread, merged over and over; the importer writes the rows of a whole batch
of threads at once, after the last savepoint, just before the commit.
"""

from __future__ import annotations

from collections.abc import Callable

from ..parse import ThreadRef
from . import threadrows
from .models import database
from .prepare import PostRow, index_texts

Key = tuple[int, str, str]  # (floor, author, posted time): a post's identity in its thread
IndexRow = tuple[int, str]  # (post id, its index tokens: PostRow.tokens)
# a thread written part by part hands its waiting index rows to the index in chunks of this many
INDEX_CHUNK = 20_000


def write_index_rows(rows: list[IndexRow]) -> None:
    """Add posts to the search index (``post_fts``); ids must be new to the index."""
    if rows:
        database.connection().executemany(
            "INSERT INTO post_fts (rowid, text, quote_text) VALUES (?, ?, ?)",
            ((post_id, *index_texts(tokens)) for post_id, tokens in rows),
        )


class ThreadWriter:
    """Writes thread ``tid`` inside the caller's transaction. ``author_ids(names)`` gives the
    ids of author names (adding the missing), ``board_id(name)`` a board's."""

    def __init__(self, tid: int, now: str, author_ids: Callable[[set[str]], dict[str, int]],
                 board_id: Callable[[str], int],
                 resolve: Callable[..., None], lean: bool = False,
                 index_later: bool = False) -> None:
        self.tid = tid
        # lean (a new thread written part by part): keep only each post's id, not its content
        # hash (read back for the rare post a later part repeats), and leave quote links to the
        # SQL resolution at ``finish``: 175,000 posts' maps cost over 100 MB otherwise
        self.lean = lean
        self.now = now
        self._author_ids = author_ids
        self._board_id = board_id
        self._resolve = resolve
        row = database.execute_sql("SELECT title_from_content FROM thread WHERE tid=?",
                                   (tid,)).fetchone()
        self.existed = row is not None
        self._has_row = self.existed
        self._title_from_content = bool(row[0]) if row else False
        # key -> (post id, content hash); quote targets by (author, time) and by pid: read from
        # the database when a stored thread first needs them, kept up to date from then on
        self._posts: dict[Key, tuple[int, str] | int] | None = None if self.existed else {}
        self._targets: tuple[dict, dict] | None = None if self.existed or lean else ({}, {})
        self._links: list[tuple[int, int]] = []  # id ranges of links left unresolved
        # index_later: new posts' index rows wait here for the caller (``write_index_rows``
        # once the thread's savepoint is released); else they are written with the posts
        self.index_later = index_later
        self.index_rows: list[IndexRow] = []
        self.added = 0
        self.updated = 0
        self.touched = not self.existed

    # -- the thread row

    def header(self, ref: ThreadRef | None) -> None:
        """Title, board and reachability from ``ref`` (None: keep the stored ones)."""
        tid, now = self.tid, self.now
        if ref is None:
            database.execute_sql("UPDATE thread SET imported_at=? WHERE tid=?", (now, tid))
        elif not self._has_row:
            database.execute_sql(
                "INSERT INTO thread (tid, title, board_id, reachable, title_from_content, "
                "post_count, max_floor, imported_at) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
                (tid, ref.title, self._board_id(ref.board), int(ref.reachable),
                 int(ref.title_from_content), now),
            )
            self._has_row, self._title_from_content = True, bool(ref.title_from_content)
        elif not ref.title_from_content or self._title_from_content:
            # a real title (from a file name) wins over one guessed from the content
            database.execute_sql(
                "UPDATE thread SET title=?, board_id=?, reachable=?, title_from_content=?, "
                "imported_at=? WHERE tid=?",
                (ref.title, self._board_id(ref.board), int(ref.reachable),
                 int(ref.title_from_content), now, tid),
            )
            self._title_from_content = bool(ref.title_from_content)
        else:
            database.execute_sql("UPDATE thread SET imported_at=? WHERE tid=?", (now, tid))

    def set_header(self, ref: ThreadRef) -> None:
        """Title, board and reachability exactly as ``ref`` says (a new thread written part by
        part ends with its newest part's, as if it had been written at once)."""
        database.execute_sql(
            "UPDATE thread SET title=?, board_id=?, reachable=?, title_from_content=? WHERE tid=?",
            (ref.title, self._board_id(ref.board), int(ref.reachable), int(ref.title_from_content),
             self.tid))

    # -- posts

    def _stored_posts(self) -> dict[Key, tuple[int, str] | int]:
        if self._posts is None:
            self._posts = {}
            if self.existed:
                cur = database.execute_sql(
                    "SELECT p.id, p.floor, a.name, p.posted_at, p.content_hash FROM post p "
                    "JOIN author a ON a.id = p.author_id WHERE p.tid=?", (self.tid,))
                for pid_, floor, name, posted, chash in cur.fetchall():
                    self._posts[(floor, name, str(posted))] = (pid_, chash)
        return self._posts

    def _quote_targets(self) -> tuple[dict, dict]:
        """(author, minute) -> (floor, id) and pid -> (floor, id): the lowest floor wins."""
        if self._targets is None:
            by_time: dict[tuple[str, str], tuple[int, int]] = {}
            by_pid: dict[int, tuple[int, int]] = {}
            if self.existed:
                for post_id, floor, name, posted, pid in database.execute_sql(
                    "SELECT p.id, p.floor, a.name, p.posted_at, p.pid FROM post p "
                    "JOIN author a ON a.id = p.author_id WHERE p.tid=?", (self.tid,)):
                    _lowest(by_time, (name, str(posted)), floor, post_id)
                    if pid is not None:
                        _lowest(by_pid, pid, floor, post_id)
            self._targets = (by_time, by_pid)
        return self._targets

    def add(self, rows: list[PostRow], source_ids: dict[Key, int | None] | None = None) -> None:
        """Write ``rows``: new posts are added, a stored post whose content differs is updated in
        place (a later row for the same post wins over an earlier one)."""
        tid = self.tid
        stored = self._stored_posts()
        new_rows = [r for r in rows if r.key not in stored]
        changed = [(_id(stored[r.key]), r) for r in rows
                   if r.key in stored and self._hash(stored[r.key]) != r.content_hash]
        if not new_rows and not changed:
            return
        self.touched = True
        conn = database.connection()
        source = (source_ids or {}).get
        authors = self._author_ids({r.author for r in new_rows})
        targets = self._targets  # kept up to date once loaded
        if new_rows:
            last_id = conn.execute("SELECT COALESCE(MAX(id), 0) FROM post").fetchone()[0]
            conn.executemany(
                "INSERT INTO post (id, tid, floor, author_id, posted_at, is_op, flags, editor, "
                "edited_at, pid, body, content_hash, source_line, source_id) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (  # generators: a 175,000-post thread never has all its parameters at once
                    (last_id + n, tid, r.floor, authors[r.author], r.posted_at, r.is_op,
                     r.flags, r.editor, r.edited_at, r.pid, r.body, r.content_hash, r.line,
                     source(r.key))
                    for n, r in enumerate(new_rows, 1)
                ),
            )
            # the tokens were built by the parsing process; the index takes them as they are
            index_rows = [(last_id + n, r.tokens) for n, r in enumerate(new_rows, 1)]
            if not self.index_later:
                write_index_rows(index_rows)
            else:
                self.index_rows.extend(index_rows)
                if self.lean and len(self.index_rows) >= INDEX_CHUNK:
                    self.write_index()  # a big thread's rows need not all wait in memory
            conn.executemany(
                "INSERT INTO post_measure (post_id, tid, rating, raters, images, length) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(last_id + n, tid, *r.measure) for n, r in enumerate(new_rows, 1) if r.measure],
            )
            for n, r in enumerate(new_rows, 1):
                stored[r.key] = last_id + n if self.lean else (last_id + n, r.content_hash)
                if targets is not None:
                    _lowest(targets[0], (r.author, r.posted_at), r.floor, last_id + n)
                    if r.pid is not None:
                        _lowest(targets[1], r.pid, r.floor, last_id + n)
        if changed:
            # the update trigger re-indexes these from their new bodies: it deletes the old
            # version from the index, so the index must hold it first
            self.write_index()
            conn.executemany(
                "UPDATE post SET is_op=?, flags=?, editor=?, edited_at=?, "
                "pid=COALESCE(?, pid), body=?, content_hash=?, source_line=?, source_id=? "
                "WHERE id=?",
                [(r.is_op, r.flags, r.editor, r.edited_at, r.pid, r.body, r.content_hash, r.line,
                  source(r.key), post_id) for post_id, r in changed],
            )
            ids = [(post_id,) for post_id, _ in changed]
            conn.executemany("DELETE FROM quote_link WHERE post_id=?", ids)
            conn.executemany("DELETE FROM post_measure WHERE post_id=?", ids)
            conn.executemany(
                "INSERT INTO post_measure (post_id, tid, rating, raters, images, length) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(post_id, tid, *r.measure) for post_id, r in changed if r.measure],
            )
            for post_id, r in changed:
                stored[r.key] = post_id if self.lean else (post_id, r.content_hash)
                if targets is not None and r.pid is not None:
                    _lowest(targets[1], r.pid, r.floor, post_id)
        self.added += len(new_rows)
        self.updated += len(changed)
        quoted = [r for r in new_rows if r.quotes] + [r for _, r in changed if r.quotes]
        if quoted:
            by_time, by_pid = ({}, {}) if self.lean else self._quote_targets()
            links: list[tuple] = []
            for r in quoted:
                for i, (a, at, pid, ptid) in enumerate(r.quotes):
                    target = by_pid.get(pid) if pid is not None else None
                    if target is None and ptid in (None, tid):
                        target = by_time.get((a, at))
                    links.append((_id(stored[r.key]), i, a, at, pid, ptid,
                                  target[1] if target else None))
            first = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM quote_link").fetchone()[0]
            conn.executemany(
                "INSERT INTO quote_link (id, post_id, ordinal, quoted_author, quoted_at, pid, ptid, "
                "target_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(first + n, *link) for n, link in enumerate(links)],
            )
            if any(link[-1] is None for link in links):
                self._links.append((first, first + len(links) - 1))

    def finish(self) -> tuple[int, int]:
        """The thread's counts, quote links into and out of it, its packed reading order; returns
        (posts added, posts updated)."""
        if self.touched:
            tid = self.tid
            database.execute_sql(
                "UPDATE thread SET post_count=(SELECT COUNT(*) FROM post WHERE tid=?), "
                "first_post_at=(SELECT MIN(posted_at) FROM post WHERE tid=?), "
                "last_post_at=(SELECT MAX(posted_at) FROM post WHERE tid=?), "
                "max_floor=(SELECT COALESCE(MAX(floor), 0) FROM post WHERE tid=?) WHERE tid=?",
                (tid, tid, tid, tid, tid),
            )
            if self.existed:
                self._resolve(tid)
            elif not self._links:
                self._resolve(tid, None)
            else:  # a new thread: only its own open links, one id range (the writes were in a row)
                self._resolve(tid, (self._links[0][0], self._links[-1][1]))
            if len(self._stored_posts()) >= threadrows.PACKED_MIN_POSTS:
                threadrows.pack_thread_rows(tid)  # the view opens a big thread from this pack
        return self.added, self.updated


    def write_index(self) -> None:
        """Write the index rows waiting here (inside the thread's savepoint)."""
        write_index_rows(self.index_rows)
        self.index_rows = []

    @staticmethod
    def _hash(held: tuple[int, str] | int) -> str:
        if isinstance(held, tuple):
            return held[1]
        return database.execute_sql("SELECT content_hash FROM post WHERE id=?", (held,)).fetchone()[0]


def _id(held: tuple[int, str] | int) -> int:
    return held if isinstance(held, int) else held[0]


def _lowest(into: dict, key, floor: int, post_id: int) -> None:
    held = into.get(key)
    if held is None or floor < held[0] or (floor == held[0] and post_id < held[1]):
        into[key] = (floor, post_id)

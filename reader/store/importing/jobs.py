"""Writing one thread from its parsed files: at once, or part by part as the files arrive.

Both are a ``ThreadJob``: ``feed`` each parsed file of the thread's plan, then ``finish``;
``abort`` undoes what an unfinished job wrote when the import itself fails. A failure of the
thread's own data (a number SQLite refuses, a constraint) rolls back that thread's savepoint
only, is reported for its files, and the import goes on: it is an outcome, not an exception.

* ``WholeThread`` keeps the rows of its files until ``finish`` and writes them in one savepoint
  of the batch, after the rules on competing copies (``sources.py``).
* ``PartByPart`` writes a new thread (nothing of it stored) a part at a time, in part order,
  inside one savepoint of the batch, so the thread is still all or nothing while only one
  file's rows are in memory (the 175,318 posts of the year's biggest thread are 117 files).
"""

from __future__ import annotations

import sqlite3
import sys
from dataclasses import dataclass
from typing import Protocol

import peewee

from ...parse import PARSER_VERSION, ThreadRef
from ..dbtime import db_now
from ..models import database
from ..prepare import PostRow, PreparedFile
from ..sources import (
    Incoming,
    Source,
    ThreadSources,
    file_state,
    moved_sources,
    needs_rules,
    stored_sources,
)
from ..threadwrite import ThreadWriter
from .batch import Batch
from .ids import LibraryIds
from .plan import PlannedFile, ThreadPlan, thread_is_stored
from .quotes import resolve_quotes
from .results import ImportFailure, ThreadOutcome

# errors of one thread's data that SQLite refuses (a number beyond its integers, a constraint):
# they cost that thread's files, not the import
THREAD_DATA_ERRORS = (OverflowError, ValueError, sqlite3.IntegrityError, sqlite3.DataError,
                      peewee.IntegrityError, peewee.DataError)


@dataclass
class WriteContext:
    """What every thread job of one import shares."""

    batch: Batch
    ids: LibraryIds
    reread: bool = False


@dataclass
class _Pending:
    """A changed file, parsed into rows, waiting to be written."""

    prepared: PreparedFile
    size: int
    mtime_ns: int


class ThreadJob(Protocol):
    def feed(self, file: PlannedFile, prepared: PreparedFile) -> None: ...

    def finish(self) -> ThreadOutcome: ...

    def abort(self, error: BaseException) -> None: ...


def start_job(plan: ThreadPlan, ctx: WriteContext) -> ThreadJob:
    """The job for a thread's plan: part by part when the plan says so and nothing of the
    thread was stored meanwhile, else whole."""
    if plan.by_parts and plan.tid is not None and not thread_is_stored(plan.tid):
        return PartByPart(plan, ctx)
    return WholeThread(ctx)


def _take(outcome: ThreadOutcome, file: PlannedFile, prepared: PreparedFile) -> _Pending | None:
    """A parsed file to write; a failed one is reported, an unchanged one (same bytes, touched)
    gets its new mtime recorded. None: nothing to write."""
    if prepared.status == "failed":
        outcome.failed.append(ImportFailure(prepared.path, prepared.line, prepared.message))
        return None
    if prepared.status == "unchanged":
        with database.atomic():
            database.execute_sql("UPDATE source_file SET mtime_ns=?, size=? WHERE path=?",
                                 (file.mtime_ns, file.size, prepared.path))
        outcome.skipped += 1
        return None
    outcome.notes.extend(ImportFailure(prepared.path, line, message)
                         for line, message in prepared.notes)
    for row in prepared.rows:  # a name once for all files waiting in memory
        row.author = sys.intern(row.author)
    return _Pending(prepared, file.size, file.mtime_ns)


def _failure_text(error: BaseException) -> str:
    return f"cannot import: {type(error).__name__}: {error}"


def record_files(tid: int, files: list[_Pending], now: str) -> dict[str, int]:
    """Record the files of a thread in ``source_file`` (a file keeps its number when it is
    read again); their numbers by path."""
    for p in files:
        floor, posted, edited = file_state(p.prepared.rows)  # the file's state (sources.py)
        database.execute_sql(
            "INSERT INTO source_file (path, tid, part, size, mtime_ns, sha1, posts, "
            "imported_at, parser_version, max_floor, last_posted, last_edited, id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "(SELECT COALESCE(MAX(id), 0) + 1 FROM source_file)) "
            "ON CONFLICT (path) DO UPDATE SET tid=excluded.tid, part=excluded.part, "
            "size=excluded.size, mtime_ns=excluded.mtime_ns, sha1=excluded.sha1, "
            "posts=excluded.posts, imported_at=excluded.imported_at, "
            "parser_version=excluded.parser_version, max_floor=excluded.max_floor, "
            "last_posted=excluded.last_posted, last_edited=excluded.last_edited, "
            "id=COALESCE(source_file.id, excluded.id)",
            (p.prepared.path, tid, p.prepared.ref.part, p.size, p.mtime_ns, p.prepared.sha1,
             p.prepared.posts_in_file, now, PARSER_VERSION, floor if p.prepared.rows else None,
             posted or None, edited or None),
        )
    cur = database.execute_sql("SELECT path, id FROM source_file WHERE tid=?", (tid,))
    return dict(cur.fetchall())


def new_thread_writer(tid: int, now: str, ids: LibraryIds, lean: bool = False,
                      index_later: bool = False) -> ThreadWriter:
    return ThreadWriter(tid, now, ids.author_ids, ids.board_id, resolve_quotes, lean, index_later)


class WholeThread:
    """The thread's files are kept until ``finish``, then written in one savepoint."""

    def __init__(self, ctx: WriteContext) -> None:
        self.ctx = ctx
        self.outcome = ThreadOutcome()
        self.files: dict[int, list[_Pending]] = {}  # by the tid parsed (a plan's files agree)

    def feed(self, file: PlannedFile, prepared: PreparedFile) -> None:
        pending = _take(self.outcome, file, prepared)
        if pending is not None:
            self.files.setdefault(prepared.ref.tid, []).append(pending)

    def finish(self) -> ThreadOutcome:
        for tid, files in self.files.items():
            self._write(tid, files)
        self.files = {}
        return self.outcome

    def abort(self, error: BaseException) -> None:
        self.files = {}  # nothing written outside ``finish``

    def _write(self, tid: int, files: list[_Pending]) -> None:
        files = self._same_thread(tid, files)
        if not files:
            return
        batch = self.ctx.batch
        batch.open()
        if tid in batch.index_tids:  # (a thread written twice in one batch: updates need its rows)
            batch.write_index()
        files.sort(key=lambda p: (p.prepared.ref.part, p.prepared.path))
        try:
            with self.ctx.ids.undone_on_error(), database.atomic():
                added, updated, index_rows, conflicts = self._write_rows(tid, files)
        except THREAD_DATA_ERRORS as e:  # the thread's savepoint was rolled back
            self.outcome.failed.extend(ImportFailure(p.prepared.path, 0, _failure_text(e))
                                       for p in files)
            return
        batch.queue_index(tid, index_rows)
        self.outcome.conflicts.extend(conflicts)
        self.outcome.threads += 1
        self.outcome.posts_added += added
        self.outcome.posts_updated += updated

    def _same_thread(self, tid: int, files: list[_Pending]) -> list[_Pending]:
        """The files that hold thread ``tid``. A copy of a thread shares its first post (floor
        1); a file whose first post was made at another time is another thread claiming the tid
        (a wrong name, a loose file whose quote links name it): reported, never merged. The
        time alone decides, not the author: an author who renamed keeps the post's time. A file
        without floor 1 (a later part) cannot be told apart and is taken."""
        first = {(a, str(t)) for a, t in database.execute_sql(
            "SELECT a.name, p.posted_at FROM post p JOIN author a ON a.id = p.author_id "
            "WHERE p.tid = ? AND p.floor = 1", (tid,)).fetchall()}
        kept = []
        for p in sorted(files, key=lambda p: (p.prepared.ref.part, p.prepared.path)):
            own = [r for r in p.prepared.rows if r.floor == 1]
            if own and first and not {r.posted_at for r in own} & {t for _, t in first}:
                theirs = min(first, key=lambda x: x[1])
                self.outcome.failed.append(ImportFailure(
                    p.prepared.path, own[0].line,
                    f"another thread under tid {tid}: its first post ({own[0].author}, "
                    f"{own[0].posted_at}) is not the first post of thread {tid} in the library "
                    f"({theirs[0]}, {theirs[1]}), so it was not merged into it; a copy of a "
                    "thread starts with the same post. Check the file's name (or its quote "
                    "links, which name the thread when the name does not)"))
                continue
            first = first or {(r.author, r.posted_at) for r in own}
            kept.append(p)
        return kept

    def _write_rows(self, tid: int, files: list[_Pending]):
        now = db_now()
        reread = self.ctx.reread
        stored = stored_sources(tid)
        ids = record_files(tid, files, now)
        incoming = []
        for p in files:
            floor, posted, edited = file_state(p.prepared.rows)
            incoming.append(Incoming(
                Source(ids[p.prepared.path], p.prepared.path, p.prepared.ref.part,
                       floor if p.prepared.rows else None, True, reread, posted or None,
                       edited or None, p.prepared.path in stored),
                p.prepared.ref, p.prepared.rows))
        for old, new in moved_sources(incoming, stored).items():
            # the file was moved or renamed: its posts are the new path's, as before
            database.execute_sql("UPDATE post SET source_id=? WHERE tid=? AND source_id=?",
                                 (new.id, tid, old.id))
            database.execute_sql("DELETE FROM source_file WHERE path=?", (old.path,))
            del stored[old.path]
        conflicts = []
        if needs_rules(incoming, stored):
            # another file holds (or held) a part of this thread: versions compete
            res = ThreadSources(tid, incoming, stored).resolve()
            rows, source_ids, ref, conflicts = res.rows, res.source_ids, res.ref, res.conflicts
            if res.renamed:  # an author renamed between copies: the newest copy's name
                names = self.ctx.ids.author_ids({name for _, name in res.renamed})
                database.connection().executemany(
                    "UPDATE post SET author_id=? WHERE id=?",
                    [(names[name], pid_) for pid_, name in res.renamed])
            if res.resourced:
                database.connection().executemany(
                    "UPDATE post SET source_id=? WHERE id=?",
                    [(sid, pid_) for pid_, sid in res.resourced])
        else:
            rows, source_ids, ref = _merge_parts(incoming, files)
        writer = new_thread_writer(tid, now, self.ctx.ids, index_later=True)
        writer.header(ref)
        writer.add(rows, source_ids)
        added, updated = writer.finish()
        return added, updated, writer.index_rows, conflicts


def _merge_parts(incoming: list[Incoming], files: list[_Pending]
                 ) -> tuple[list[PostRow], dict[tuple[int, str, str], int | None], ThreadRef]:
    """Each part has one file: a later part's version of a post wins; the title and board are
    the newest part's (a real title over one guessed from the content)."""
    merged: dict[tuple[int, str, str], PostRow] = {}
    source_ids: dict[tuple[int, str, str], int | None] = {}
    for f in incoming:
        for row in f.rows:
            merged[row.key] = row
            source_ids[row.key] = f.source.id
    rows = sorted(merged.values(), key=lambda r: (r.floor, r.posted_at, r.line))
    ref = max(files, key=lambda p: (p.prepared.ref.part,
                                    not p.prepared.ref.title_from_content)).prepared.ref
    return rows, source_ids, ref


class PartByPart:
    """A new thread written a part at a time, in part order whatever order the files come in,
    inside one savepoint of the batch (opened here, released by ``finish``)."""

    def __init__(self, plan: ThreadPlan, ctx: WriteContext) -> None:
        assert plan.tid is not None
        self.ctx = ctx
        self.tid = plan.tid
        self.outcome = ThreadOutcome()
        self.expected = sorted(f.part for f in plan.files if f.part is not None)
        self.waiting: dict[int, _Pending] = {}
        self.written: list[str] = []
        self.newest: tuple[tuple[int, bool], ThreadRef] | None = None
        self.broken = ""  # why the thread was undone (its later files fail with it)
        self.now = db_now()
        ctx.batch.open()
        self.writer = new_thread_writer(self.tid, self.now, ctx.ids, lean=True, index_later=True)
        self._ids = ctx.ids.snapshot()
        self._savepoint = database.atomic()
        self._savepoint.__enter__()
        self._open = True

    def feed(self, file: PlannedFile, prepared: PreparedFile) -> None:
        if self.broken:
            self.outcome.failed.append(ImportFailure(prepared.path, 0, self.broken))
            return
        pending = _take(self.outcome, file, prepared)
        if pending is None:  # the thread goes on without this part
            if file.part in self.expected:
                self.expected.remove(file.part)
        else:
            self.waiting[prepared.ref.part] = pending
        self._write_ready()

    def finish(self) -> ThreadOutcome:
        if self.broken:
            return self.outcome
        for part in self.waiting:  # parts that were not expected (should not happen)
            if part not in self.expected:
                self.expected.append(part)
        self.expected.sort()
        self._write_ready()
        if self.broken:
            return self.outcome
        try:
            if self.newest is not None:
                self.writer.set_header(self.newest[1])  # as if written at once: the newest part's
            added, _updated = self.writer.finish()  # (posts repeated across parts are one post)
        except THREAD_DATA_ERRORS as e:
            self._undo(e)
            return self.outcome
        self._open = False
        self._savepoint.__exit__(None, None, None)
        self.ctx.batch.queue_index(self.tid, self.writer.index_rows)
        if self.written:
            self.outcome.threads += 1
            self.outcome.posts_added += added
        return self.outcome

    def abort(self, error: BaseException) -> None:
        """Undo the thread (its savepoint) and the ids cached inside it."""
        if self._open:
            self._open = False
            self._savepoint.__exit__(type(error), error, error.__traceback__)
            self.ctx.ids.restore(self._ids)

    def _write_ready(self) -> None:
        try:
            while self.expected and self.expected[0] in self.waiting:
                self._write_part(self.expected.pop(0))
        except THREAD_DATA_ERRORS as e:
            self._undo(e)

    def _write_part(self, part: int) -> None:
        p = self.waiting[part]  # (stays there until written: a failure reports its file)
        source = record_files(self.tid, [p], self.now)[p.prepared.path]
        ref = p.prepared.ref
        self.writer.header(ref)
        self.writer.add(p.prepared.rows, {r.key: source for r in p.prepared.rows})
        rank = (ref.part, not ref.title_from_content)
        if self.newest is None or rank >= self.newest[0]:
            self.newest = (rank, ref)
        self.written.append(p.prepared.path)
        del self.waiting[part]
        p.prepared.rows = []  # written: free them

    def _undo(self, error: BaseException) -> None:
        """The thread's data was refused: roll it back, fail its files (and those to come)."""
        self.abort(error)
        self.broken = _failure_text(error)
        done = [*self.written, *(p.prepared.path for p in self.waiting.values())]
        self.outcome.failed.extend(ImportFailure(path, 0, self.broken) for path in dict.fromkeys(done))
        self.waiting = {}
        self.outcome.threads = self.outcome.posts_added = 0

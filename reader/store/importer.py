"""Import archive files into the library: idempotent, incremental, whole threads per transaction.

* Files whose size and mtime match the last import are skipped without reading; files whose
  bytes hash to the last import's hash are skipped without parsing.
* Files are parsed in worker processes (``prepare.py``); this process is the one writer.
* All changed files of one thread are parsed first, then written together as one savepoint
  inside a transaction that holds whole threads only (``_Batch``): a crash, SIGKILL or Ctrl+C
  leaves every thread either as it was or complete, never half-imported.
* A post's identity is (thread, floor, author, posted time). A known post whose content changed
  is updated in place; posts that vanished from newer archives are kept.
* Each stored post remembers its file. When another file (another folder, another backup)
  brings a different version, it replaces the stored one only when it is a later edit or a later
  snapshot; otherwise the first stays and the conflict is reported (``sources.py``). ``reread``
  reads the given files even when unchanged and makes their versions the kept ones.
* A file that is not in the format, cannot be read or holds numbers beyond what SQLite stores is
  reported with its path (and line) and skipped; the rest go on.
* A post that cannot be read is reported (``notes``) and the rest of its file is imported.

Raw SQL, not peewee's query builder: ``executemany`` over generators is the bulk path of an
archive year (``threadwrite.py`` writes the rows).
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.connection
import os
import re
import sqlite3
import stat
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import peewee

from ..parse import PARSER_VERSION, ThreadRef, distinct_posts
from ..parse.model import Post
from ..parse.paths import tid_and_part
from . import bodies
from .bodycodec import BodyCodec
from .dbtime import db_now
from .heap import release_free_memory
from .models import database
from .prepare import (
    PostRow,
    PreparedFile,
    os_error_text,
    post_row,
    prepare_file,
    sample_bodies,
)
from .sources import (
    ImportConflict,
    Incoming,
    Source,
    ThreadSources,
    moved_sources,
    needs_rules,
    stored_sources,
)
from .threadwrite import IndexRow, ThreadWriter, write_index_rows

# errors of one thread's data that SQLite refuses (a number beyond its integers, a constraint):
# they cost that thread's files, not the import
_THREAD_DATA_ERRORS = (OverflowError, ValueError, sqlite3.IntegrityError, sqlite3.DataError,
                       peewee.IntegrityError, peewee.DataError)

# files being parsed or parsed and waiting for the writer: up to this many bytes of them (and at
# least two per worker), as parsed rows take about three times the file's size
WINDOW_BYTES = 12 * 1024 * 1024
WINDOW_FILES = 256
WORKER_NICE = 10
IMPORT_CACHE_SIZE = -32 * 1024  # SQLite's page cache while importing: 32 MiB (64 otherwise)
# below this many bytes to parse, starting worker processes costs more than it saves
POOL_MIN_BYTES = 8 * 1024 * 1024
# a pause after each committed batch: a write of another program (a bookmark from the command
# line beside an import in the window) waiting for the lock gets it here (models.LibraryDatabase)
COMMIT_PAUSE = 0.01


def default_workers() -> int:
    """One parsing process per core (the writer shares them; parsing is most of the work)."""
    return max(1, os.cpu_count() or 1)


_worker_codec: BodyCodec | None = None


_worker_files = 0


def _end_with_parent() -> None:
    """Exit this parsing process as soon as the process that started it ends, however it ends.

    A pool's workers wait for work on a pipe that they hold open themselves, so they would wait
    forever after a ``kill -9`` of the import, and with them the forkserver and the resource
    tracker (which wait for the workers), all holding the import's stdout and stderr open. The
    parent's sentinel is a pipe only the parent writes to: it reads as closed once it is gone.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="end-with-parent", daemon=True).start()


def _worker_init(dicts: dict[int, bytes]) -> None:
    global _worker_codec
    _end_with_parent()
    _worker_codec = BodyCodec(dicts)
    # a parsed file is tens of thousands of small acyclic objects (frozen dataclasses, strings):
    # the cyclic collector only re-scans them, 10-20% of a worker's time; collect between files
    gc.disable()
    # the writer is the one process all others wait for: parsing runs at a lower priority, so
    # it takes what the writer leaves of the cores (the whole-year import was writer-bound at two
    # thirds of a core, three processes sharing two), and the window stays responsive
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(WORKER_NICE)


def _prepare_one(path: str, sha: str | None, codec: BodyCodec) -> PreparedFile:
    try:
        return prepare_file(path, sha, codec)
    except Exception as e:  # a parser bug must cost one file, not the import
        return PreparedFile(path, "failed", message=f"cannot import: {type(e).__name__}: {e}")


def _prepare_in_worker(path: str, sha: str | None) -> PreparedFile:
    global _worker_files
    assert _worker_codec is not None
    _worker_files += 1
    if _worker_files % 32 == 0:
        gc.collect()  # what cycles there are (exception tracebacks) between files
    return _prepare_one(path, sha, _worker_codec)

_NAME_RE = re.compile(r"^\d+-\d+\[.*\]\.md$", re.S)
THREAD_SUFFIXES = (".md", ".txt")


@dataclass
class ImportFailure:
    path: str
    line: int
    message: str

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "message": self.message}


@dataclass
class ImportProgress:
    files_total: int = 0
    files_done: int = 0
    bytes_total: int = 0
    bytes_done: int = 0
    posts_added: int = 0
    current: str = ""
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def mib_per_s(self) -> float:
        return self.bytes_done / 1048576 / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if not self.bytes_done:
            return None
        rate = self.bytes_done / self.elapsed if self.elapsed > 0 else 0
        return (self.bytes_total - self.bytes_done) / rate if rate else None


@dataclass
class ImportResult:
    files: int = 0
    skipped: int = 0
    ignored: list[str] = field(default_factory=list)
    failed: list[ImportFailure] = field(default_factory=list)
    notes: list[ImportFailure] = field(default_factory=list)  # posts skipped or flattened
    threads: int = 0
    posts_added: int = 0
    posts_updated: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    bytes: int = 0
    conflicts: list[ImportConflict] = field(default_factory=list)
    reread: bool = False

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "skipped": self.skipped,
            "ignored": self.ignored,
            "failed": [f.as_dict() for f in self.failed],
            "conflicts": [c.as_dict() for c in self.conflicts],
            "reread": self.reread,
            "notes": [n.as_dict() for n in self.notes],
            "threads": self.threads,
            "posts_added": self.posts_added,
            "posts_updated": self.posts_updated,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
            "bytes": self.bytes,
        }


class ImportCancelled(Exception):
    """Raised inside the import loop when the caller asked to stop (between threads)."""


# ---------------------------------------------------------------- finding files


def _looks_like_thread(name: str, dir_fd: int) -> bool:
    if _NAME_RE.match(name):
        return True
    try:
        fd = os.open(name, os.O_RDONLY, dir_fd=dir_fd)
        with os.fdopen(fd, "rb") as f:
            head = f.read(8192)
    except OSError:
        return False
    return b"*****" in head and b"##### " in head


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # beyond what the system resolves: the file is reported when it is read
        return path.absolute()


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a path longer than PATH_MAX: treated as a file, reported when read
        return False


def find_files(
    paths: Iterable[str | os.PathLike[str]], failed: list[ImportFailure] | None = None
) -> tuple[list[Path], list[str]]:
    """Thread files under ``paths`` (files as given; folders searched recursively).

    Returns (files, ignored): files in a folder that are neither named like a thread part nor
    start like one (a README, a manifest) are ignored and listed, not failed. A folder that
    cannot be listed is added to ``failed``; folders are walked by descriptor, so a tree deeper
    than the system's path limit is still searched (its files are reported when read).
    """
    files: list[Path] = []
    ignored: list[str] = []
    for raw in paths:
        p = Path(raw).expanduser()
        if not _is_dir(p):
            files.append(_absolute(p) if os.path.lexists(p) else p)
            continue

        def unlisted(e: OSError, top: Path = p) -> None:
            if failed is not None:
                failed.append(ImportFailure(str(e.filename or top), 0,
                                            f"cannot list the folder: {os_error_text(e)}"))

        found: list[Path] = []
        skipped: list[Path] = []
        for dirpath, _dirs, names, dir_fd in os.fwalk(p, onerror=unlisted):
            for name in names:
                if os.path.splitext(name)[1].lower() not in THREAD_SUFFIXES:
                    continue
                try:
                    if not stat.S_ISREG(os.stat(name, dir_fd=dir_fd).st_mode):
                        continue
                except OSError:
                    continue  # a dangling link
                q = Path(dirpath, name)
                if _looks_like_thread(name, dir_fd):
                    found.append(q)
                else:
                    skipped.append(q)
        files.extend(_absolute(q) for q in sorted(found))
        ignored.extend(str(q) for q in sorted(skipped))
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, ignored


# ---------------------------------------------------------------- the importer


def _max_floor(rows: list[PostRow]) -> int | None:
    return max((r.floor for r in rows), default=None)


@dataclass
class _Pending:
    """A changed file, parsed into rows, waiting for its thread's transaction."""

    prepared: PreparedFile
    size: int
    mtime_ns: int


class _Batch:
    """Whole threads written in one transaction, committed every ``max_posts`` posts or
    ``max_seconds``: a thread is never split across transactions (each is a savepoint inside
    the batch, so a crash or a failure leaves every thread as it was or complete), while the
    full-text index gets fewer, larger segments (per-thread commits made it merge constantly).
    """

    def __init__(self, max_posts: int = 20_000, max_seconds: float = 2.0,
                 others_wait: Callable[[], bool] | None = None) -> None:
        self.max_posts = max_posts
        self.max_seconds = max_seconds
        self.others_wait = others_wait or (lambda: False)  # commit early: writes wait for it
        self._txn = None
        self._started = 0.0
        self._posts_before = 0
        # the search-index rows of the threads written in this batch (threadwrite: FTS5 makes a
        # segment at every savepoint, so they are written once, after the last one)
        self.index_rows: list[IndexRow] = []
        self.index_tids: set[int] = set()

    def write(self, write_thread: Callable[[], int]) -> None:
        self.open()
        self.done(write_thread())

    def open(self) -> None:
        """Start the batch's transaction if none is open (a thread is about to be written)."""
        if self._txn is None:
            self._txn = database.atomic()
            self._txn.__enter__()
            self._started = time.monotonic()
            self._posts_before = 0

    def queue_index(self, tid: int, rows: list[IndexRow]) -> None:
        """The index rows of thread ``tid``, written whole (its savepoint released)."""
        if rows:
            self.index_rows.extend(rows)
            self.index_tids.add(tid)

    def write_index(self) -> None:
        """Write the waiting index rows into the batch's transaction (never inside a thread's
        savepoint: rolling that back would take other threads' rows with it)."""
        write_index_rows(self.index_rows)
        self.index_rows = []
        self.index_tids.clear()

    def done(self, posts: int) -> None:
        """A whole thread of ``posts`` written: commit when the batch is big or old enough."""
        self._posts_before += posts
        if (self._posts_before >= self.max_posts or self.others_wait()
                or time.monotonic() - self._started >= self.max_seconds):
            self.commit()

    def commit(self) -> None:
        if self._txn is not None:
            self.write_index()
            txn, self._txn = self._txn, None
            txn.__exit__(None, None, None)
            release_free_memory()  # the batch's rows are gone: keep the heap from only growing
            time.sleep(COMMIT_PAUSE)  # another program's waiting write gets the lock here

    def rollback(self) -> None:
        self.index_rows = []
        self.index_tids.clear()
        if self._txn is not None:
            txn, self._txn = self._txn, None
            txn.__exit__(RuntimeError, RuntimeError("import failed"), None)  # rolls back


STREAM_MIN_FILES = 8  # a new thread in this many files or more is written as its files arrive


class _ThreadStream:
    """A new thread (nothing of it stored) whose files come one after another: each part is
    written when it arrives, in part order whatever the order of the paths, inside one savepoint
    of the batch, so the thread is still all or nothing while only one file's rows are in
    memory (the 175,318 posts of the year's biggest thread waited for its 117th file before)."""

    def __init__(self, importer: Importer, tid: int, parts: list[int], batch: _Batch) -> None:
        self.importer = importer
        self.batch = batch
        self.tid = tid
        self.expected = sorted(parts)
        self.waiting: dict[int, _Pending] = {}
        self.files: list[str] = []
        self.now = db_now()
        self.newest: tuple[tuple[int, bool], ThreadRef] | None = None
        self.writer = importer._thread_writer(tid, self.now, lean=True, index_later=True)
        self._caches = (dict(importer._authors), dict(importer._boards))
        self.savepoint = database.atomic()
        self.savepoint.__enter__()

    def skip(self, part: int) -> None:
        """A part that failed to parse: the thread goes on without it."""
        if part in self.expected:
            self.expected.remove(part)
        self._flush()

    def feed(self, part: int, pending: _Pending) -> None:
        self.waiting[part] = pending
        self._flush()

    def _flush(self) -> None:
        while self.expected and self.expected[0] in self.waiting:
            part = self.expected.pop(0)
            p = self.waiting.pop(part)
            ids = self.importer._record_files(self.tid, [p], self.now)
            source = ids[p.prepared.path]
            ref = p.prepared.ref
            self.writer.header(ref)
            self.writer.add(p.prepared.rows, {r.key: source for r in p.prepared.rows})
            rank = (ref.part, not ref.title_from_content)
            if self.newest is None or rank >= self.newest[0]:
                self.newest = (rank, ref)
            self.files.append(p.prepared.path)
            p.prepared.rows = []  # written: free them

    def finish(self) -> int:
        """Write what is left; returns the posts added."""
        for part in sorted(self.waiting):  # parts that were not expected (should not happen)
            if part not in self.expected:
                self.expected.append(part)
        self.expected.sort()
        self._flush()
        if self.newest is not None:
            self.writer.set_header(self.newest[1])  # as if written at once: the newest part's
        added, _updated = self.writer.finish()  # (posts repeated across parts are one post)
        self.savepoint.__exit__(None, None, None)
        self.batch.queue_index(self.tid, self.writer.index_rows)
        return added

    def abort(self, error: BaseException) -> None:
        """Undo the thread (its savepoint) and the caches filled inside it."""
        self.savepoint.__exit__(type(error), error, error.__traceback__)
        self.importer._authors, self.importer._boards = self._caches



class Importer:
    """Imports files into the open library. ``progress`` is called after each file and thread;
    ``should_cancel`` is polled between threads (a thread is never left half-written).

    Files are parsed into ready rows (compressed bodies, search tokens) by ``workers`` processes
    (default: one per core) while this process is the one writer; rows cross the process
    boundary as plain tuples and bytes, so what is pickled is about the size of the file.
    """

    def __init__(
        self,
        progress: Callable[[ImportProgress], None] | None = None,
        should_cancel: Callable[[], bool] | None = None,
        workers: int | None = None,
        others_wait: Callable[[], bool] | None = None,
    ) -> None:
        self.workers = workers
        self.others_wait = others_wait  # True: other writes wait, commit after this thread
        self.progress = progress or (lambda p: None)
        self.should_cancel = should_cancel or (lambda: False)
        self._authors: dict[str, int] = {}
        self._boards: dict[str, int] = {}
        self._reread = False

    # -- public

    def import_paths(self, paths: Iterable[str | os.PathLike[str]], reread: bool = False) -> ImportResult:
        """Import the thread files under ``paths``. With ``reread``, every file is read again
        even if unchanged, and its versions of posts, title and board become the kept ones
        (the way to restore a thread from the files the user chooses)."""
        # a smaller page cache while importing: the writer appends (new pages, written out at
        # each commit) and its misses come from the system's file cache; 32 MiB less at the peak
        cache = database.execute_sql("PRAGMA cache_size").fetchone()[0]
        database.execute_sql(f"PRAGMA cache_size={IMPORT_CACHE_SIZE}")
        try:
            return self._import_paths(paths, reread)
        finally:
            with contextlib.suppress(sqlite3.Error, peewee.DatabaseError):
                database.execute_sql(f"PRAGMA cache_size={int(cache)}")

    def _import_paths(self, paths: Iterable[str | os.PathLike[str]], reread: bool) -> ImportResult:
        started = time.monotonic()
        found_failed: list[ImportFailure] = []
        files, ignored = find_files(paths, found_failed)
        result = ImportResult(files=len(files) + len(found_failed), ignored=ignored,
                              failed=found_failed, reread=reread)
        prog = ImportProgress(files_total=len(files))
        known = {} if reread else self._known_files()
        self._reread = reread
        self._authors = dict(database.execute_sql("SELECT name, id FROM author").fetchall())
        self._boards = {}
        todo: list[tuple[Path, os.stat_result]] = []
        for f in files:
            try:
                st = f.stat()
            except OSError as e:
                result.failed.append(ImportFailure(str(f), 0, f"cannot read: {os_error_text(e)}"))
                prog.files_done += 1
                continue
            prog.bytes_total += st.st_size
            old = known.get(str(f))
            # unchanged files (same size and mtime as at the last import, read by this parser)
            # are not even read
            if old and old[0] == st.st_size and old[1] == st.st_mtime_ns and old[3] == PARSER_VERSION:
                result.skipped += 1
                prog.files_done += 1
                prog.bytes_done += st.st_size
            else:
                todo.append((f, st))
        self.progress(prog)
        by_tid: dict[int, list[_Pending]] = defaultdict(list)
        batch = _Batch(others_wait=self.others_wait)
        # a thread in many files, each alone in its part and all of them one after another in
        # the list, is written as its files arrive if nothing of it is stored (_ThreadStream)
        named: dict[int, list[tuple[int, int]]] = defaultdict(list)  # tid -> [(index, part)]
        for i, (f, _) in enumerate(todo):
            tid_part = tid_and_part(f.name)
            if tid_part:
                named[tid_part[0]].append((i, tid_part[1]))
        # the index of the last file of each thread (by name) tells when a thread is complete
        last_of = {tid: got[-1][0] for tid, got in named.items()}
        streamable: dict[int, list[int]] = {} if reread else {
            tid: [part for _, part in got] for tid, got in named.items()
            if len(got) >= STREAM_MIN_FILES and got[-1][0] - got[0][0] + 1 == len(got)
            and len({part for _, part in got}) == len(got)}
        streams: dict[int, _ThreadStream] = {}
        broken: dict[int, str] = {}  # streamed threads undone by a data error: why

        def stream(tid: int, op: Callable[[_ThreadStream], int | None], path: str) -> None:
            st = streams.get(tid)
            if st is None:
                if database.execute_sql(
                        "SELECT 1 FROM thread WHERE tid=? UNION ALL "
                        "SELECT 1 FROM source_file WHERE tid=? LIMIT 1", (tid, tid)).fetchone():
                    raise LookupError  # stored already: the usual path, with its source rules
                if self.should_cancel():
                    raise ImportCancelled
                batch.open()
                st = streams[tid] = _ThreadStream(self, tid, streamable[tid], batch)
            try:
                added = op(st)
            except _THREAD_DATA_ERRORS as e:  # the thread's savepoint is rolled back
                st.abort(e)
                del streams[tid]
                broken[tid] = f"cannot import: {type(e).__name__}: {e}"
                for done in {*st.files, *(p.prepared.path for p in st.waiting.values()), path}:
                    result.failed.append(ImportFailure(done, 0, broken[tid]))
                return
            except BaseException as e:
                st.abort(e)
                del streams[tid]
                raise
            if added is not None:  # the thread is complete
                del streams[tid]
                result.threads += 1
                result.posts_added += added
                prog.posts_added += added
                batch.done(added)

        def write(tid: int) -> None:
            pending = by_tid.pop(tid)
            try:
                batch.write(lambda: self._commit_thread(tid, pending, result, prog, batch))
            except _THREAD_DATA_ERRORS as e:  # the thread's savepoint is rolled back
                for p in pending:
                    result.failed.append(ImportFailure(
                        p.prepared.path, 0, f"cannot import: {type(e).__name__}: {e}"))

        try:
            for i, (f, st), prepared in self._prepare(todo, known):
                prog.current = str(f)
                prog.files_done += 1
                prog.bytes_done += st.st_size
                tid_part = tid_and_part(f.name)
                stid = tid_part[0] if tid_part and tid_part[0] in streamable else None
                if stid in broken:
                    result.failed.append(ImportFailure(prepared.path, 0, broken[stid]))
                elif prepared.status == "failed":
                    result.failed.append(ImportFailure(prepared.path, prepared.line, prepared.message))
                    if stid in streams:
                        stream(stid, lambda t, part=tid_part[1]: t.skip(part), prepared.path)
                    elif stid is not None:
                        streamable[stid].remove(tid_part[1])
                elif prepared.status == "unchanged":
                    # touched but not changed: remember the new mtime, parse nothing
                    with database.atomic():
                        database.execute_sql(
                            "UPDATE source_file SET mtime_ns=?, size=? WHERE path=?",
                            (st.st_mtime_ns, st.st_size, str(f)),
                        )
                    result.skipped += 1
                else:
                    result.notes.extend(ImportFailure(prepared.path, line, message)
                                        for line, message in prepared.notes)
                    tid = prepared.ref.tid
                    for row in prepared.rows:  # a name once for all files waiting in memory
                        row.author = sys.intern(row.author)
                    pending = _Pending(prepared, st.st_size, st.st_mtime_ns)
                    if stid == tid and prepared.ref.part == tid_part[1]:
                        try:
                            stream(tid, lambda t, p=pending, part=tid_part[1]: t.feed(part, p),
                                   prepared.path)
                        except LookupError:
                            del streamable[tid]
                            stid = None
                    if stid != tid or tid not in streamable:
                        by_tid[tid].append(pending)
                        if last_of.get(tid, -1) <= i:
                            write(tid)
                if stid in streams and last_of.get(stid) == i:
                    stream(stid, lambda t: t.finish(), prepared.path)
                self.progress(prog)
            for tid in list(streams):
                stream(tid, lambda t: t.finish(), "")
            for tid in list(by_tid):
                write(tid)
            batch.commit()
        except ImportCancelled:
            for st in streams.values():  # (none is open between threads; for safety)
                st.abort(ImportCancelled())
            batch.commit()  # the whole threads written so far stay
            result.cancelled = True
        except BaseException:
            batch.rollback()
            self._authors, self._boards = {}, {}  # ids cached from the rolled-back batch
            raise
        if result.posts_added or result.posts_updated:
            from .queries import refresh_quote_counts

            refresh_quote_counts()
        result.seconds = time.monotonic() - started
        result.bytes = prog.bytes_done
        return result

    # -- steps

    def _known_files(self) -> dict[str, tuple[int, int, str | None, int]]:
        """path -> (size, mtime, sha1, parser version) of the last import; a file read by an
        older parser gets no sha1, so it is parsed again even if its bytes did not change."""
        cur = database.execute_sql("SELECT path, size, mtime_ns, sha1, parser_version FROM source_file")
        return {p: (s, m, h if v == PARSER_VERSION else None, v) for p, s, m, h, v in cur.fetchall()}

    def _prepare(
        self, todo: list[tuple[Path, os.stat_result]], known: dict
    ) -> Iterator[tuple[int, tuple[Path, os.stat_result], PreparedFile]]:
        """Files parsed into rows, in ``todo`` order: in worker processes when there is enough
        to parse to pay for starting them, else here."""
        if not todo:
            return
        self._train_dictionary(todo)
        dicts = bodies.codec().dicts
        nbytes = sum(st.st_size for _, st in todo)
        workers = self.workers if self.workers is not None else default_workers()
        if workers < 1 or nbytes < POOL_MIN_BYTES or len(todo) < 2:
            local = BodyCodec(dicts)
            for i, (f, st) in enumerate(todo):
                yield i, (f, st), _prepare_one(str(f), known.get(str(f), (0, 0, None, 0))[2], local)
            return
        ctx = multiprocessing.get_context("forkserver" if sys.platform == "linux" else "spawn")
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_worker_init,
                                 initargs=(dicts,)) as pool:
            window: deque = deque()
            in_flight = 0  # bytes of the files in the window
            it = iter(enumerate(todo))
            try:
                while True:
                    # a bounded window of files in flight: memory stays flat for any archive
                    # size, and it is counted in bytes so that the workers keep parsing small
                    # files while this process writes (a window of a few files left them idle)
                    while len(window) < workers * 2 or (in_flight < WINDOW_BYTES
                                                        and len(window) < WINDOW_FILES):
                        nxt = next(it, None)
                        if nxt is None:
                            break
                        i, (f, st) = nxt
                        sha = known.get(str(f), (0, 0, None, 0))[2]
                        window.append((i, (f, st), pool.submit(_prepare_in_worker, str(f), sha)))
                        in_flight += st.st_size
                    if not window:
                        break
                    i, item, fut = window.popleft()
                    in_flight -= item[1].st_size
                    yield i, item, fut.result()
            finally:
                for _, _, fut in window:
                    fut.cancel()

    def _train_dictionary(self, todo: list[tuple[Path, os.stat_result]]) -> None:
        """Give a library without a body dictionary one, learnt from the first files to import."""
        if bodies.codec().dict_id:
            return
        samples: list[str] = []
        for f, _ in todo[:200]:
            samples.extend(sample_bodies(str(f)))
            if len(samples) >= 5000:
                break
        bodies.ensure_dictionary(samples)

    def _add_authors(self, names: set[str]) -> None:
        """Make sure every name has an author row, and its id is in the cache."""
        missing = [n for n in names if n not in self._authors]
        if not missing:
            return
        conn = database.connection()
        conn.executemany("INSERT OR IGNORE INTO author (name) VALUES (?)", [(n,) for n in missing])
        for i in range(0, len(missing), 500):
            chunk = missing[i : i + 500]
            sql = f"SELECT name, id FROM author WHERE name IN ({','.join('?' * len(chunk))})"
            self._authors.update(conn.execute(sql, chunk).fetchall())

    def _board_id(self, name: str) -> int:
        bid = self._boards.get(name)
        if bid is None:
            row = database.execute_sql("SELECT id FROM board WHERE name=?", (name,)).fetchone()
            if row:
                bid = row[0]
            else:
                bid = database.execute_sql("INSERT INTO board (name) VALUES (?)", (name,)).lastrowid
            self._boards[name] = bid
        return bid

    def _commit_thread(
        self, tid: int, files: list[_Pending], result: ImportResult, prog: ImportProgress,
        batch: _Batch,
    ) -> int:
        if self.should_cancel():
            raise ImportCancelled
        if tid in batch.index_tids:  # (a thread written twice in one batch: updates need its rows)
            batch.write_index()
        files.sort(key=lambda p: (p.prepared.ref.part, p.prepared.path))
        now = db_now()
        # a failure here rolls back the whole thread; caches filled inside it are then stale
        authors_before = dict(self._authors)
        boards_before = dict(self._boards)
        try:
            with database.atomic():
                stored = stored_sources(tid)
                ids = self._record_files(tid, files, now)
                incoming = [
                    Incoming(Source(ids[p.prepared.path], p.prepared.path, p.prepared.ref.part,
                                    _max_floor(p.prepared.rows), True, self._reread),
                             p.prepared.ref, p.prepared.rows)
                    for p in files
                ]
                for old, new in moved_sources(incoming, stored).items():
                    # the file was moved or renamed: its posts are the new path's, as before
                    database.execute_sql("UPDATE post SET source_id=? WHERE tid=? AND source_id=?",
                                         (new.id, tid, old.id))
                    database.execute_sql("DELETE FROM source_file WHERE path=?", (old.path,))
                    del stored[old.path]
                conflicts: list[ImportConflict] = []
                if needs_rules(incoming, stored):
                    # another file holds (or held) a part of this thread: versions compete
                    res = ThreadSources(tid, incoming, stored).resolve()
                    rows, source_ids, ref, conflicts = res.rows, res.source_ids, res.ref, res.conflicts
                    if res.resourced:
                        database.connection().executemany(
                            "UPDATE post SET source_id=? WHERE id=?",
                            [(sid, pid_) for pid_, sid in res.resourced])
                else:
                    # each part has one file: a later part's version of a post wins
                    merged: dict[tuple[int, str, str], PostRow] = {}
                    source_ids = {}
                    for f in incoming:
                        for row in f.rows:
                            merged[row.key] = row
                            source_ids[row.key] = f.source.id
                    rows = sorted(merged.values(), key=lambda r: (r.floor, r.posted_at, r.line))
                    ref = max(files, key=lambda p: (p.prepared.ref.part,
                                                    not p.prepared.ref.title_from_content)).prepared.ref
                added, updated, index_rows = self._write_thread(tid, ref, rows, now, source_ids,
                                                                index_later=True)
        except BaseException:
            self._authors = authors_before
            self._boards = boards_before
            raise
        batch.queue_index(tid, index_rows)
        result.conflicts.extend(conflicts)
        result.threads += 1
        result.posts_added += added
        result.posts_updated += updated
        prog.posts_added += added
        self.progress(prog)
        return added + updated

    def _record_files(self, tid: int, files: list[_Pending], now: str) -> dict[str, int]:
        """Record the files of a thread in ``source_file`` (a file keeps its number when it is
        read again); their numbers by path."""
        for p in files:
            database.execute_sql(
                "INSERT INTO source_file (path, tid, part, size, mtime_ns, sha1, posts, "
                "imported_at, parser_version, max_floor, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                "(SELECT COALESCE(MAX(id), 0) + 1 FROM source_file)) "
                "ON CONFLICT (path) DO UPDATE SET tid=excluded.tid, part=excluded.part, "
                "size=excluded.size, mtime_ns=excluded.mtime_ns, sha1=excluded.sha1, "
                "posts=excluded.posts, imported_at=excluded.imported_at, "
                "parser_version=excluded.parser_version, max_floor=excluded.max_floor, "
                "id=COALESCE(source_file.id, excluded.id)",
                (p.prepared.path, tid, p.prepared.ref.part, p.size, p.mtime_ns, p.prepared.sha1,
                 p.prepared.posts_in_file, now, PARSER_VERSION, _max_floor(p.prepared.rows)),
            )
        cur = database.execute_sql("SELECT path, id FROM source_file WHERE tid=?", (tid,))
        return dict(cur.fetchall())

    def import_posts(self, tid: int, ref: ThreadRef, posts: Iterable[Post]) -> ImportResult:
        """Store posts that come from elsewhere than a file (a forum page) by the same rules:
        identity (floor, author, time), update in place, quote resolution; one transaction.

        Call it inside ``database.atomic()`` to commit the caller's own bookkeeping with the same
        transaction. Bookmarks and reading state are not touched.
        """
        codec = bodies.codec()
        rows = [post_row(p, codec) for p in distinct_posts(list(posts))]
        result = ImportResult(threads=1)
        authors_before = dict(self._authors)
        boards_before = dict(self._boards)
        try:
            with database.atomic():
                added, updated, _ = self._write_thread(tid, ref, rows, db_now())
        except BaseException:
            self._authors = authors_before
            self._boards = boards_before
            raise
        result.posts_added, result.posts_updated = added, updated
        return result

    def _write_thread(self, tid: int, ref: ThreadRef | None, rows: list[PostRow], now: str,
                      source_ids: dict[tuple[int, str, str], int | None] | None = None,
                      index_later: bool = False) -> tuple[int, int, list[IndexRow]]:
        """Write ``rows`` (new posts, or new versions of stored ones) of thread ``tid``; ``ref``
        gives its title and board (None: keep the stored ones); ``source_ids`` the file each row
        was read from. Returns (added, updated, the index rows left for the caller to write:
        none unless ``index_later``)."""
        writer = self._thread_writer(tid, now, index_later=index_later)
        writer.header(ref)
        writer.add(rows, source_ids)
        added, updated = writer.finish()
        return added, updated, writer.index_rows

    def _thread_writer(self, tid: int, now: str, lean: bool = False,
                       index_later: bool = False) -> ThreadWriter:
        def author_ids(names: set[str]) -> dict[str, int]:
            self._add_authors(names)
            return self._authors

        return ThreadWriter(tid, now, author_ids, self._board_id, resolve_quotes, lean, index_later)


_TARGET_SQL = (
    "COALESCE("
    "(SELECT p.id FROM post p WHERE quote_link.pid IS NOT NULL AND p.pid = quote_link.pid LIMIT 1), "
    # "+p.tid": look the post up by (author, time), then check the thread; the (tid, floor, …)
    # index would scan every post of a big thread for each quote
    "(SELECT p.id FROM post p WHERE +p.tid = COALESCE(quote_link.ptid, "
    " (SELECT q.tid FROM post q WHERE q.id = quote_link.post_id)) "
    " AND p.author_id = (SELECT id FROM author WHERE name = quote_link.quoted_author) "
    " AND p.posted_at = quote_link.quoted_at ORDER BY p.floor LIMIT 1), "
    "(SELECT p.id FROM post p "
    " WHERE p.author_id = (SELECT id FROM author WHERE name = quote_link.quoted_author) "
    " AND p.posted_at = quote_link.quoted_at ORDER BY p.tid, p.floor LIMIT 1))"
)


_FROM_THREAD = object()


def resolve_quotes(tid: int, links: tuple[int, int] | None | object = _FROM_THREAD) -> None:
    """Point unresolved quote links of and into thread ``tid`` at the post they quote.

    Order: the quoted pid when a post with that pid is stored; else the quoted author and minute
    within the quoted thread (ptid, or the quoting thread); else the same across the library.
    Same-thread quotes were already resolved in memory while the posts were written, so a new
    thread passes the id range of its links that are still open (``None``: none are); by default
    every open link of the thread is looked at again.
    """
    if links is _FROM_THREAD:
        # "+target_id": find the thread's links through its posts; by the target_id index SQLite
        # would visit every unresolved link of the library for each thread (quadratic at scale)
        database.execute_sql(
            f"UPDATE quote_link SET target_id = {_TARGET_SQL} WHERE +target_id IS NULL "
            "AND post_id IN (SELECT id FROM post WHERE tid = ?)",
            (tid,),
        )
    elif links is not None:
        database.execute_sql(
            f"UPDATE quote_link SET target_id = {_TARGET_SQL} WHERE id BETWEEN ? AND ? "
            "AND target_id IS NULL",
            links,
        )
    database.execute_sql(
        f"UPDATE quote_link SET target_id = {_TARGET_SQL} WHERE target_id IS NULL AND ptid = ?",
        (tid,),
    )

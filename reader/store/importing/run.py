"""The import as one call: ``run_import`` (the command line and the window) and the pipeline
it runs, ``import_paths``: plan → parse (worker processes) → thread jobs → batches.

Guarantees (each stage's module says how it keeps its part):
* idempotent and incremental: unchanged files are skipped unread, or read and not parsed;
* a thread is all or nothing: written in one savepoint of a batch transaction, so a crash,
  ``kill -9`` or Ctrl+C leaves every thread either as it was or complete;
* a post's identity is (thread, floor, author, posted time): a known post whose content
  changed is updated in place; posts that vanished from newer archives are kept;
* a file that is not in the format, cannot be read or holds numbers beyond what SQLite stores
  is reported with its path (and line) and skipped; a post that cannot be read is reported
  (``notes``) and the rest of its file is imported;
* when several files hold a thread, the rules of ``sources.py`` decide which version is kept.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import peewee

from ..db import check_before_writing, remember_good
from ..demo import retire_demo
from ..importlock import import_lock
from ..models import database
from .batch import Batch
from .ids import LibraryIds
from .jobs import ThreadJob, WriteContext, start_job
from .parsing import parse_threads
from .plan import make_plan
from .results import ImportProgress, ImportResult

IMPORT_CACHE_SIZE = -32 * 1024  # SQLite's page cache while importing: 32 MiB (64 otherwise)

Paths = Iterable[str | os.PathLike[str]]


def run_import(paths: Paths, *, reread: bool = False, workers: int | None = None,
               progress: Callable[[ImportProgress], None] | None = None,
               should_cancel: Callable[[], bool] | None = None,
               others_wait: Callable[[], bool] | None = None,
               between_batches: Callable[[], None] | None = None,
               on_wait: Callable[[], None] | None = None, check: bool = True,
               demo_dir: Path | None = None, remember: bool = True) -> ImportResult:
    """Import ``paths`` into the open library, the way the command line and the window do:
    hold its import lock (``on_wait`` is told when another import holds it; ``between_batches``
    runs while waiting), check the library (``check``: quick_check and, where cheap, the search
    index, unless its content is what the last good check saw), run the pipeline, then retire
    the demo thread (from ``demo_dir``) once real threads are in. With ``remember``, the folders
    and files given are remembered for ``s1reader update`` (``roots.remember``)."""
    paths = list(paths)  # read twice: imported, then remembered
    with import_lock(database.database, on_wait=on_wait, idle=between_batches,
                     should_stop=should_cancel):
        if should_cancel is not None and should_cancel():
            return ImportResult(cancelled=True, reread=reread)
        if check:
            check_before_writing()  # never write into a damaged file (LibraryDamaged says what to do)
        result = import_paths(paths, reread=reread, workers=workers, progress=progress,
                              should_cancel=should_cancel, others_wait=others_wait,
                              between_batches=between_batches)
        if remember and not result.cancelled:
            from ..roots import remember as remember_roots

            remember_roots(paths)
        if check:
            remember_good()  # the next import skips the check while nothing else writes
    if demo_dir is not None:
        result.retired_demo = retire_demo(demo_dir)
    return result


def import_paths(paths: Paths, *, reread: bool = False, workers: int | None = None,
                 progress: Callable[[ImportProgress], None] | None = None,
                 should_cancel: Callable[[], bool] | None = None,
                 others_wait: Callable[[], bool] | None = None,
                 between_batches: Callable[[], None] | None = None) -> ImportResult:
    """The pipeline alone. ``progress`` is called after each file and thread; ``should_cancel``
    is polled between threads (a thread is never left half-written); ``others_wait`` True
    commits after the current thread; ``between_batches`` runs after each commit. With
    ``reread``, every file is read again and its versions become the kept ones."""
    with _import_cache():
        return _import(paths, reread, workers, progress or (lambda p: None),
                       should_cancel or (lambda: False),
                       Batch(others_wait=others_wait, between=between_batches))


def _import(paths: Paths, reread: bool, workers: int | None,
            progress: Callable[[ImportProgress], None], should_cancel: Callable[[], bool],
            batch: Batch) -> ImportResult:
    started = time.monotonic()
    plan = make_plan(paths, reread)
    result = ImportResult(files=plan.files, skipped=plan.skipped, ignored=plan.ignored,
                          failed=list(plan.failed), reread=reread)
    to_parse = sum(len(t.files) for t in plan.threads)
    prog = ImportProgress(files_total=plan.files_found, files_done=plan.files_found - to_parse,
                          bytes_total=plan.bytes_total, bytes_done=plan.bytes_skipped)
    ids = LibraryIds()
    ids.load_authors()
    ctx = WriteContext(batch, ids, reread)
    progress(prog)
    job: ThreadJob | None = None
    try:
        with contextlib.closing(parse_threads(plan, workers)) as threads:
            for thread, files in threads:
                if should_cancel():
                    result.cancelled = True
                    break
                job = start_job(thread, ctx)
                for file, prepared in files:
                    prog.files_done, prog.bytes_done = prog.files_done + 1, prog.bytes_done + file.size
                    prog.current = str(file.path)
                    job.feed(file, prepared)
                    progress(prog)
                outcome, job = job.finish(), None
                result.add(outcome)
                prog.posts_added += outcome.posts_added
                progress(prog)
                batch.thread_written(outcome.posts_written)
        batch.commit()  # (after a cancel too: the whole threads written so far stay)
    except BaseException as e:
        if job is not None:
            job.abort(e)  # its savepoint first, then the batch
        batch.rollback()
        ids.forget()
        raise
    if result.posts_added or result.posts_updated:
        from ..queries import refresh_quote_counts

        refresh_quote_counts()
    result.seconds = time.monotonic() - started
    result.bytes = prog.bytes_done
    return result


@contextlib.contextmanager
def _import_cache() -> Iterator[None]:
    """A smaller page cache while importing: the writer appends (new pages, written out at each
    commit) and its misses come from the system's file cache; 32 MiB less at the peak."""
    cache = database.execute_sql("PRAGMA cache_size").fetchone()[0]
    database.execute_sql(f"PRAGMA cache_size={IMPORT_CACHE_SIZE}")
    try:
        yield
    finally:
        with contextlib.suppress(sqlite3.Error, peewee.DatabaseError):
            database.execute_sql(f"PRAGMA cache_size={int(cache)}")

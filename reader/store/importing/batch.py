"""Whole threads written in one transaction, committed every so many posts or seconds.

A thread is never split across transactions: each is a savepoint inside the batch, so a crash or
a failure leaves every thread as it was or complete, while the library gets few, large commits.
Between two batches (no transaction open) the caller's hook runs: the window's own writes
(a bookmark made during an import) are done there, and another program waiting for the lock
gets it in the short pause after each commit (``models.LibraryDatabase``).

The search-index rows of the threads written in a batch wait here and are written once, after
the last thread's savepoint (``threadwrite.py``: FTS5 cuts a segment at every savepoint).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ..heap import release_free_memory
from ..models import database
from ..threadwrite import IndexRow, write_index_rows

# a pause after each committed batch: a write of another program (a bookmark from the command
# line beside an import in the window) waiting for the lock gets it here (models.LibraryDatabase)
COMMIT_PAUSE = 0.01


class Batch:
    """``others_wait()`` True: other writes wait, commit after the current thread;
    ``between()`` runs after each commit, outside any transaction."""

    def __init__(self, max_posts: int = 20_000, max_seconds: float = 2.0,
                 others_wait: Callable[[], bool] | None = None,
                 between: Callable[[], None] | None = None) -> None:
        self.max_posts = max_posts
        self.max_seconds = max_seconds
        self.others_wait = others_wait or (lambda: False)
        self.between = between or (lambda: None)
        self._txn = None
        self._started = 0.0
        self._posts = 0
        self.index_rows: list[IndexRow] = []
        self.index_tids: set[int] = set()

    def open(self) -> None:
        """Start the batch's transaction if none is open (a thread is about to be written)."""
        if self._txn is None:
            self._txn = database.atomic()
            self._txn.__enter__()
            self._started = time.monotonic()
            self._posts = 0

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

    def thread_written(self, posts: int) -> None:
        """A whole thread of ``posts`` written: commit when the batch is big or old enough."""
        self._posts += posts
        if self._txn is None:
            self.between()  # nothing written (unchanged files): other writes need not wait
        elif (
                self._posts >= self.max_posts or self.others_wait()
                or time.monotonic() - self._started >= self.max_seconds):
            self.commit()

    def commit(self) -> None:
        if self._txn is not None:
            self.write_index()
            txn, self._txn = self._txn, None
            txn.__exit__(None, None, None)
            release_free_memory()  # the batch's rows are gone: keep the heap from only growing
            time.sleep(COMMIT_PAUSE)  # another program's waiting write gets the lock here
            self.between()

    def rollback(self) -> None:
        self.index_rows = []
        self.index_tids.clear()
        if self._txn is not None:
            txn, self._txn = self._txn, None
            txn.__exit__(RuntimeError, RuntimeError("import failed"), None)  # rolls back

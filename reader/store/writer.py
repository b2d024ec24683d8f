"""The one thread that writes to the library, for a program with a window.

Every write of the window — reading positions, visits, bookmarks, the block list and rules, a
user-data import, a forum fetch's pages and an import — runs on this thread, one after another,
on its own connection; the window only reads. Two kinds of work:

* small writes (``submit``) run in the order they were submitted;
* a long job (``submit(..., long=True)``: an import) runs when no small write waits, and lets
  the small writes that arrive meanwhile run between its transactions (it calls
  :meth:`LibraryWriter.run_pending`), so a bookmark made during an import is written within a
  batch (about 2 s), not after the import.

A small write that finds the library locked by another program (a command-line import) has
already waited the busy timeout (``models.LibraryDatabase``); it is tried again until
``BUSY_RETRY_SECONDS`` have passed, and only then fails with ``LibraryBusy`` — the caller says
so; nothing is dropped silently. The thread closes its connection whenever it runs out of work,
so the library can be closed (or another opened) between jobs.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from .db import LibraryBusy, is_busy
from .models import database

BUSY_RETRY_SECONDS = 120.0


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple
    future: Future


class LibraryWriter:
    """A single writer thread with a queue of small writes and a queue of long jobs."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._small: deque[_Job] = deque()
        self._long: deque[_Job] = deque()
        self._running = 0  # jobs started and not finished (a long job and its small guests)
        self._small_running = 0  # small writes started and not finished
        self._thread: threading.Thread | None = None
        self._stopping = False

    # -- any thread

    def submit(self, fn: Callable[..., Any], *args: Any, long: bool = False) -> Future:
        """Queue ``fn(*args)``; its result (or exception) arrives in the returned Future."""
        job = _Job(fn, args, Future())
        with self._cond:
            if self._stopping:
                raise RuntimeError("the library's writer is stopped (the library was closed)")
            (self._long if long else self._small).append(job)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="library-writer",
                                                daemon=True)
                self._thread.start()
            self._cond.notify_all()
        return job.future

    def call(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Run a small write and wait for it (from a worker thread; on this thread: at once)."""
        if self.on_writer_thread():
            return fn(*args)
        return self.submit(fn, *args).result()

    def on_writer_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def has_pending(self) -> bool:
        """Whether small writes wait (a long job then ends its transaction soon)."""
        return bool(self._small)

    def idle(self) -> bool:
        with self._cond:
            return not (self._small or self._long or self._running)

    def wait_small(self, timeout: float | None = None) -> bool:
        """Wait until every small write queued now is done (a long job may still run: it lets
        them through between its transactions); False if ``timeout`` passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._small or self._small_running:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every queued write is done; False if ``timeout`` passed first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            while self._small or self._long or self._running:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                self._cond.wait(left)
        return True

    def stop(self, wait: float) -> bool:
        """Take no more writes; the queued ones are done, then the thread ends (waited for at
        most ``wait`` seconds, never from itself). Whether it ended."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            thread = self._thread
        if thread is None or thread is threading.current_thread():
            return True
        thread.join(wait)
        return not thread.is_alive()

    # -- the writer thread

    def run_pending(self) -> None:
        """Run the small writes waiting now (called by a long job between its transactions)."""
        if not self.on_writer_thread() or database.in_transaction():
            return
        while True:
            with self._cond:
                if not self._small:
                    return
                job = self._small.popleft()
                self._running += 1
                self._small_running += 1
            try:
                self._run(job, retry=True)
            finally:
                del job
                with self._cond:
                    self._running -= 1
                    self._small_running -= 1
                    self._cond.notify_all()

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._small and not self._long:
                    if not database.is_closed():
                        database.close()  # this thread's connection: reopened by the next job
                    self._cond.notify_all()
                    if self._stopping:
                        return
                    self._cond.wait()
                small = bool(self._small)
                job = self._small.popleft() if small else self._long.popleft()
                self._running += 1
                self._small_running += small
            try:
                self._run(job, retry=small)
            finally:
                del job  # the callable and its result are the caller's: hold nothing here
                with self._cond:
                    self._running -= 1
                    self._small_running -= small
                    self._cond.notify_all()

    def _run(self, job: _Job, retry: bool) -> None:
        if not job.future.set_running_or_notify_cancel():
            return
        deadline = time.monotonic() + BUSY_RETRY_SECONDS
        while True:
            try:
                result = job.fn(*job.args)
            except BaseException as e:  # noqa: BLE001 (delivered to the caller)
                if is_busy(e):
                    if retry and time.monotonic() < deadline and not database.in_transaction():
                        time.sleep(0.5)
                        continue
                    e = LibraryBusy(detail=str(e))
                job.future.set_exception(e)
                return
            job.future.set_result(result)
            return


def library_writer() -> LibraryWriter:
    """The open library's writer (started on first use)."""
    from .library import current

    return current().writer

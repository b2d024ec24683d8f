"""Operations: how the window changes the library and how every view learns what changed.

The GUI thread never waits for a write. A slot gathers its inputs and submits an operation with
what to do when it succeeds or fails; the window keeps running meanwhile, and the callbacks run
later on the GUI thread (never inside the slot that submitted it, never in a nested event loop)::

    ops.write(operations.add_bookmark, tid, floor, note, tags,
              success=lambda info: status("Bookmarked"), failure=self.show_error,
              initiator=self)

``Operations`` (one per window, ``window.ops``; flows get it as a service) offers:

* ``write(fn, *args, ...)``: ``fn(*args)`` on the library's one writer thread
  (``reader.store.writer``), in the order submitted; ``long=True`` for an import, which lets
  the small writes through between its transactions; ``report`` receives progress (``fn`` then
  gets a ``report(value)`` callable as its first argument).
* ``task(fn, *args, ...)``: ``fn(*args)`` on the thread pool: network work, exports, anything
  that waits on something else than the library (it writes through
  ``library_writer().call``, which waits on the pool thread, never on the GUI thread).
  ``finish_before_exit``: quitting waits for it (an export being written).
* ``read(fn, *args, ...)``: a read of the library on the thread pool (a query too slow for the
  GUI thread); ``report`` receives its partial results as they come (find in thread).
* ``changed(changes, initiator)``: the signal every view subscribes to. A write or task whose
  ``fn`` returns :class:`~reader.store.changes.Changed` has its changes published here once,
  after it succeeded and before its ``success`` callback gets the value; each view decides from
  the :class:`~reader.store.changes.Changes` what it refreshes (``initiator`` is the object that
  submitted it, so it can skip what it already did). ``announce(changes)`` publishes changes
  that did not come from a write (an import that failed half-way, pictures that arrived).
* ``finish_writes(timeout)``: the one wait on the writer, at quit: the queued small writes
  (reading position, bookmarks) are done before the process ends; bounded.

Callbacks: ``success(value)``; ``failure(error)`` (default: a library too busy to take the
write is said in a message box, any other error goes to the error dialog); ``context``: a
QObject after whose deletion its callbacks are not called (default: this object; a write's
changes are published all the same). ``fn`` and its
arguments must not hold widgets: read what a dialog says before submitting. Widgets are only
touched in the callbacks, on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ..store.changes import Changed, Changes
from ..store.db import DiskFull, LibraryBusy, in_chain, is_disk_full
from ..store.models import database
from ..store.writer import library_writer
from .worker import run_task, run_write

Success = Callable[[Any], None]
Failure = Callable[[BaseException], None]


class Operations(QObject):
    """The window's operations. Signal: ``changed(changes, initiator)``."""

    changed = Signal(object, object)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self._boxes: list[QMessageBox] = []
        self._writes = 0  # writes submitted whose callbacks have not run yet

    # -- submitting

    def write(self, fn: Callable[..., Any], *args: Any, success: Success | None = None,
              failure: Failure | None = None, initiator: object = None,
              report: Callable[[Any], None] | None = None, long: bool = False,
              context: QObject | None = None) -> None:
        """Run ``fn(*args)`` on the library's writer thread (see the module docstring)."""
        self._writes += 1

        def alive() -> bool:
            return context is None or shiboken6.isValid(context)

        def succeeded(result: Any) -> None:
            self._writes -= 1  # counted, and its changes published, even when ``context`` is gone
            self._succeeded(success if alive() else None, initiator)(result)

        def failed(error: BaseException) -> None:
            self._writes -= 1
            if alive():
                (failure or self.show_failure)(error)

        job = (lambda rep: fn(rep, *args)) if report is not None else (lambda: fn(*args))
        run_write(job, succeeded, failed, (lambda v: alive() and report(v)) if report else None,
                  long=long, context=self)

    def task(self, fn: Callable[..., Any], *args: Any, success: Success | None = None,
             failure: Failure | None = None, initiator: object = None,
             report: Callable[[Any], None] | None = None,
             finish_before_exit: bool = False) -> None:
        """Run ``fn(*args)`` on the thread pool (see the module docstring)."""
        job = (lambda rep: fn(rep, *args)) if report is not None else (lambda: fn(*args))
        run_task(job, self._succeeded(success, initiator), failure or self.show_failure,
                 report, finish_before_exit=finish_before_exit)

    def read(self, fn: Callable[..., Any], *args: Any, success: Success,
             failure: Failure | None = None,
             report: Callable[[Any], None] | None = None) -> None:
        """Run the read ``fn(*args)`` on the thread pool; ``success(value)`` on the GUI thread.
        With ``report``, ``fn`` gets a ``report(value)`` callable as its first argument and
        each value arrives in ``report`` on the GUI thread (partial results of a long read)."""
        job = (lambda rep: fn(rep, *args)) if report is not None else (lambda: fn(*args))
        run_task(job, success, failure or self.show_failure, report)

    def announce(self, changes: Changes, initiator: object = None) -> None:
        """Publish ``changes`` (nothing is published for no change)."""
        if changes:
            self.changed.emit(changes, initiator)

    def _succeeded(self, success: Success | None, initiator: object) -> Success:
        def deliver(result: Any) -> None:
            value = result
            if isinstance(result, Changed):
                self.announce(result.changes, initiator)
                value = result.value
            if success is not None:
                success(value)
        return deliver

    # -- errors

    def show_failure(self, error: BaseException) -> None:
        """The default ``failure``: a busy library in a message box (the change was not
        saved; nothing else happened), any other error to the error dialog."""
        tr = QCoreApplication.translate
        if in_chain(error, is_disk_full) is not None:
            # (SQLite ended the transaction itself; the rollback after it failed and hid this)
            text = tr("Writer", "This change was not saved: the disk is full.\n%1\n\nFree some "
                                "space on it and try again; nothing else was changed.").replace(
                "%1", str(DiskFull(database.database or "library")))
        elif isinstance(error, LibraryBusy):
            text = tr("Writer", "This change was not saved: %1\n\nTry it again when the "
                                "other program has finished.").replace("%1", str(error))
        else:
            raise error
        box = QMessageBox(QMessageBox.Icon.Warning, "s1reader", text,
                          QMessageBox.StandardButton.Ok, self._parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.show()
        self._boxes[:] = [*self._boxes[-2:], box]

    # -- state, quitting

    def writes_pending(self) -> bool:
        """Whether a write submitted here has not delivered its result yet."""
        return self._writes > 0

    def finish_writes(self, timeout: float) -> bool:
        """At quit, the one wait on the writer: until the small writes queued now are written,
        at most ``timeout`` seconds (a long job, told to stop before, is not waited for: it
        commits whole threads and the process may end in the middle of one). Whether they
        were all written."""
        return library_writer().wait_small(timeout)

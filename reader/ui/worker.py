"""The two ways to run work off the GUI thread, with results delivered back on the GUI thread
(the machinery under ``reader.ui.operations``, which the window and its flows use):

* ``run_task``: a callable on the QThreadPool that only reads the library (or writes through
  ``library_writer().call``), e.g. a forum fetch's network part, an export;
* ``run_write``: a write on the library's one writer thread (``reader.store.writer``), e.g. an
  import (``long=True``), a reading position.

Neither is ever waited for on the GUI thread.

Widgets are never touched from the worker. ``report`` (passed to the callable when
``with_report`` is set) may be called from the worker; its values arrive on the GUI thread too.
A pool worker closes its own peewee connection when it is done (peewee keeps one per thread).

At quit the program waits only for the tasks started with ``finish_before_exit`` (work whose
result the user asked for and would otherwise lose, such as an export being written); any other
task (a search, a network probe, an import or a forum fetch, which commit whole threads or
pages) is abandoned when the process ends (``reader.ui.app``).
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

from ..store.models import database
from ..store.writer import library_writer


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from the worker are queued to it."""

    succeeded = Signal(object)
    failed = Signal(object)
    reported = Signal(object)


_finishing = threading.Condition()
_finishing_count = 0  # tasks started with finish_before_exit that have not ended


class _Task(QRunnable):
    def __init__(self, fn: Callable[..., Any], relay: _Relay, with_report: bool,
                 finish_before_exit: bool = False) -> None:
        super().__init__()
        self.fn, self.relay, self.with_report = fn, relay, with_report
        self.finish_before_exit = finish_before_exit

    def run(self) -> None:
        global _finishing_count
        try:
            result = self.fn(self.relay.reported.emit) if self.with_report else self.fn()
        except BaseException as e:  # noqa: BLE001 (delivered to the caller)
            self._deliver(self.relay.failed, e)
        else:
            self._deliver(self.relay.succeeded, result)
        finally:
            if not database.is_closed():
                database.close()  # this thread's connection only
            if self.finish_before_exit:
                with _finishing:
                    _finishing_count -= 1
                    _finishing.notify_all()


    @staticmethod
    def _deliver(signal, value) -> None:
        with contextlib.suppress(RuntimeError):  # the relay is gone (the application quit
            signal.emit(value)  # meanwhile): no one waits for the value


FINISH_WAIT_S = 60.0  # at quit, the longest wait for such tasks (a stuck disk must not hang it)


def wait_for_finishing(timeout: float = FINISH_WAIT_S) -> bool:
    """Block until every task started with ``finish_before_exit`` has ended (at quit), at most
    ``timeout`` seconds; whether they all did."""
    with _finishing:
        return _finishing.wait_for(lambda: _finishing_count == 0, timeout)


def background_running() -> bool:
    """Whether a task is still running on the pool."""
    return QThreadPool.globalInstance().activeThreadCount() > 0


_running: set[_Relay] = set()


def run_task(fn: Callable[..., Any], on_success: Callable[[Any], None],
             on_failure: Callable[[BaseException], None],
             on_report: Callable[[Any], None] | None = None,
             finish_before_exit: bool = False) -> None:
    """Run ``fn`` on the global pool. With ``on_report``, ``fn`` gets a ``report(value)`` callable.
    With ``finish_before_exit``, quitting waits for it (see the module docstring)."""
    global _finishing_count
    relay = _Relay()
    _running.add(relay)

    def done(handler: Callable[[Any], None]) -> Callable[[Any], None]:
        def deliver(value: Any) -> None:
            _running.discard(relay)
            handler(value)
        return deliver

    relay.succeeded.connect(done(on_success))
    relay.failed.connect(done(on_failure))
    if on_report is not None:
        relay.reported.connect(on_report)
    if finish_before_exit:
        with _finishing:
            _finishing_count += 1
    QThreadPool.globalInstance().start(_Task(fn, relay, on_report is not None, finish_before_exit))


class _Dispatcher(QObject):
    """One object on the GUI thread, never deleted: the writer thread hands it callables to run
    there (a queued signal), so no result is delivered to an object that is already gone."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(lambda fn: fn(), Qt.ConnectionType.QueuedConnection)


_dispatcher: _Dispatcher | None = None
# the callbacks of queued writes, by token: they stay on the GUI side, so the writer thread
# never holds (and never drops the last reference to) a widget
_callbacks: dict[int, tuple] = {}
_tokens = itertools.count(1)


def _on_gui_thread(fn: Callable[[], None]) -> None:
    """Run ``fn`` on the GUI thread (from any thread)."""
    assert _dispatcher is not None
    _dispatcher.call.emit(fn)


def _ensure_dispatcher() -> None:
    global _dispatcher
    if _dispatcher is None:  # created on the GUI thread, the first time a write is queued
        _dispatcher = _Dispatcher()


def _alive(context: QObject | None) -> bool:
    return context is None or shiboken6.isValid(context)


def _deliver_report(token: int, value: Any) -> None:
    callbacks = _callbacks.get(token)
    if callbacks is not None and callbacks[2] is not None and _alive(callbacks[3]):
        callbacks[2](value)


def _deliver(token: int, future: Future) -> None:
    on_success, on_failure, _report, context = _callbacks.pop(token)
    if not _alive(context):
        return
    error = future.exception()
    if error is not None:
        on_failure(error)
    else:
        on_success(future.result())


def run_write(fn: Callable[..., Any], on_success: Callable[[Any], None],
              on_failure: Callable[[BaseException], None],
              on_report: Callable[[Any], None] | None = None, long: bool = False,
              context: QObject | None = None) -> None:
    """Run ``fn`` on the library's writer thread (``long``: an import, see reader.store.writer)
    and deliver the result on the GUI thread; nothing is delivered once ``context`` is deleted.
    With ``on_report``, ``fn`` gets a ``report(value)`` callable. ``fn`` must not hold widgets."""
    _ensure_dispatcher()
    token = next(_tokens)
    _callbacks[token] = (on_success, on_failure, on_report, context)

    def report(value: Any) -> None:
        _on_gui_thread(partial(_deliver_report, token, value))

    job = partial(fn, report) if on_report is not None else fn
    future = library_writer().submit(job, long=long)
    future.add_done_callback(lambda f: _on_gui_thread(partial(_deliver, token, f)))

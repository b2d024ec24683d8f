"""The one way to run work off the GUI thread: run a callable on the QThreadPool and deliver
its result or exception back on the GUI thread.

Widgets are never touched from the worker. ``report`` (passed to the callable when
``with_report`` is set) may be called from the worker; its values arrive on the GUI thread too.
The worker closes its own peewee connection when it is done (peewee keeps one per thread).

At quit the program waits only for the tasks started with ``finish_before_exit`` (work whose
result the user asked for and would otherwise lose, such as an export being written); any other
task (a search, a network probe, an import or a forum fetch, which commit whole threads or
pages) is abandoned when the process ends (``reader.ui.app``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from ..store.models import database


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
            self.relay.failed.emit(e)
        else:
            self.relay.succeeded.emit(result)
        finally:
            if not database.is_closed():
                database.close()  # this thread's connection only
            if self.finish_before_exit:
                with _finishing:
                    _finishing_count -= 1
                    _finishing.notify_all()


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

"""An overall deadline for one HTTP answer: connecting, the headers and the whole body.

requests' ``timeout`` bounds each socket operation, not the answer: a server that sends one byte
every few seconds (in its headers or its body) never trips it, and the reader waits forever. The
forum client and the picture cache therefore read every answer inside ``answer_deadline(s)``:
each socket that a connection of a ``DeadlineAdapter`` opens or reuses on this thread meanwhile
is watched, and when the time is up a timer shuts those sockets down, so the blocked read
returns at once. The caller then sees ``deadline.expired`` and reports a timeout (the exception
requests raised for the cut connection says nothing useful).

Deadlines are per thread (a session is used by one thread at a time per request); nesting
restores the outer one. No Qt, no library.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

_local = threading.local()


class AnswerDeadline:
    """``seconds`` from its start; ``expired`` once the sockets were cut."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(0.001, float(seconds))
        self.expired = False
        self._started = time.monotonic()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._done = False
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._started = time.monotonic()
        self._timer.start()

    def remaining(self) -> float:
        return max(0.0, self.seconds - (time.monotonic() - self._started))

    def watch(self, sock: socket.socket | None) -> None:
        """Cut ``sock`` when the time is up (at once if it is already)."""
        if sock is None:
            return
        with self._lock:
            if self._done:
                return
            if not self.expired:
                self._sockets.append(sock)
                return
        _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _shut(sock)

    def close(self) -> None:
        """The answer was read (or given up): nothing is cut after this."""
        with self._lock:
            self._done = True
            self._sockets = []
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def answer_deadline(seconds: float) -> Iterator[AnswerDeadline]:
    """Everything a ``DeadlineAdapter`` does on this thread inside the block ends within
    ``seconds``; read the body inside the block too."""
    deadline = AnswerDeadline(seconds)
    outer = getattr(_local, "deadline", None)
    _local.deadline = deadline
    deadline.start()
    try:
        yield deadline
    finally:
        _local.deadline = outer
        deadline.close()


def current_deadline() -> AnswerDeadline | None:
    """The deadline this thread is inside, if any."""
    return getattr(_local, "deadline", None)


def _watch(sock: socket.socket | None) -> None:
    deadline = getattr(_local, "deadline", None)
    if deadline is not None:
        deadline.watch(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)  # before a TLS handshake, which a slow server can stall too
        return sock

    def request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _watch(self.sock)  # a kept-alive connection, reused
        return super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        _watch(sock)
        return sock

    def request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _watch(self.sock)
        return super().request(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """An HTTPAdapter whose connections obey ``answer_deadline``; mount it for http and https."""

    def init_poolmanager(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}

"""One importer at a time per library: an advisory lock file beside the library file.

SQLite lets two processes write the same file only in turns; two imports running side by side
make one of them give up with "database is locked" in the middle of its work. An import takes
this lock first and, if another import holds it, waits for it (``on_wait`` is told once, so the
caller can say so; ``idle`` is called while waiting, so the window's writer thread keeps doing
its other writes; ``should_stop`` gives up waiting). The lock is released when the holder ends,
even by ``kill -9``.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no lock; SQLite's busy timeout still applies
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".import-lock"


@contextlib.contextmanager
def import_lock(db_path: str | Path, on_wait: Callable[[], None] | None = None,
                idle: Callable[[], None] | None = None,
                should_stop: Callable[[], bool] | None = None) -> Iterator[None]:
    """Hold the import lock of the library at ``db_path`` for the ``with`` block (with
    ``should_stop``, the block may run without it once the wait was given up: check first)."""
    if fcntl is None:
        yield
        return
    path = Path(db_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + LOCK_SUFFIX), "a+b") as fh:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            if idle is None and should_stop is None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            elif not _poll(fh.fileno(), idle, should_stop):
                yield  # gave up waiting: the caller checks should_stop and does nothing
                return
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def _poll(fd: int, idle: Callable[[], None] | None, should_stop: Callable[[], bool] | None) -> bool:
    """Wait for the lock in short tries, calling ``idle`` between them; False if stopped."""
    while True:
        if idle is not None:
            idle()
        if should_stop is not None and should_stop():
            return False
        time.sleep(0.2)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            continue

"""One importer at a time per library: an advisory lock file beside the library file.

SQLite lets two processes write the same file only in turns; two imports running side by side
make one of them give up with "database is locked" in the middle of its work. An import takes
this lock first and, if another import holds it, waits for it (``on_wait`` is told once, so the
caller can say so). The lock is released when the holder ends, even by ``kill -9``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: no lock; SQLite's busy timeout still applies
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".import-lock"


@contextlib.contextmanager
def import_lock(db_path: str | Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the import lock of the library at ``db_path`` for the ``with`` block."""
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
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)

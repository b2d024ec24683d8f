"""One open library: the object that owns what belongs to one library file, and forgets it all
when the library is closed.

A :class:`Library` holds
* the database: the models' ``database`` bound to its file (peewee keeps one connection per
  thread; each thread's is opened on first use and closed by that thread);
* the body codec (the compression dictionaries of its ``body_dict`` table), read on first use,
  one codec per thread (zstd's decompressors must not be used by two threads at once: the
  window's find, the pool's reads and the writer's index triggers decode bodies side by side);
* the user-data rows its reads had to skip because they are damaged (``bad_rows``);
* its writer thread (``writer``, started on first use; ``reader.store.writer``).

``reader.store.db.open_library`` makes one and makes it the process's current library
(:func:`current`; the store's modules reach the codec, the skipped rows and the writer through
it); opening another library closes the one open before, and :meth:`Library.close` stops the
writer, closes the connection, forgets the caches and unbinds the models, so nothing of one
library survives into the next. No Qt, no UI.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from .bodycodec import BodyCodec
from .models import BodyDict, LibraryDatabase, database

if TYPE_CHECKING:
    from .writer import LibraryWriter

WRITER_STOP_WAIT_S = 30.0  # closing waits this long at most for the writer's last job


class LibraryClosed(RuntimeError):
    """The store was used with no library open."""


class Library:
    """An open library file (see the module docstring)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.database: LibraryDatabase = database
        self.bad_rows: dict[tuple[str, object], str] = {}
        self._dicts: dict[int, bytes] | None = None  # the body_dict table, read once
        self._codecs = threading.local()  # this thread's codec and the dictionaries it has
        self._dicts_read = 0  # how many times the dictionaries were read (forget_codec)
        self._writer: LibraryWriter | None = None
        self._lock = threading.Lock()
        self.closed = False

    def __repr__(self) -> str:
        return f"<Library {self.path}{' (read only)' if self.read_only else ''}>"

    # -- caches

    def codec(self) -> BodyCodec:
        """This thread's codec of the library's bodies (the dictionaries are read once)."""
        local = self._codecs
        codec = getattr(local, "codec", None)
        if codec is None or local.read != self._dicts_read:
            dicts = self._dicts
            if dicts is None:
                rows = self.database.execute(
                    BodyDict.select(BodyDict.id, BodyDict.data)).fetchall()
                dicts = self._dicts = {i: bytes(d) for i, d in rows}
            codec = local.codec = BodyCodec(dicts)
            local.read = self._dicts_read
        return codec

    def forget_codec(self) -> None:
        """Read the dictionaries again at the next use (one was added)."""
        self._dicts = None
        self._dicts_read += 1

    # -- the writer

    @property
    def writer(self) -> LibraryWriter:
        """The library's one writer thread (started when the first write is queued)."""
        with self._lock:
            if self.closed:
                raise LibraryClosed(f"the library {self.path} is closed")
            if self._writer is None:
                from .writer import LibraryWriter

                self._writer = LibraryWriter()
            return self._writer

    # -- closing

    def close(self, wait: float = WRITER_STOP_WAIT_S) -> None:
        """Stop the writer (its queued writes are done first, ``wait`` seconds at most), close
        this thread's connection, forget the caches and unbind the models."""
        global _current
        with self._lock:
            if self.closed:
                return
            self.closed = True
            writer, self._writer = self._writer, None
        if writer is not None:
            writer.stop(wait)
        if not self.database.is_closed():
            self.database.close()
        self.forget_codec()
        self._codecs = threading.local()
        self.bad_rows.clear()
        if _current is self:
            _current = None
            self.database.init(None)


_current: Library | None = None


def current() -> Library:
    """The open library; LibraryClosed when none is."""
    library = _current
    if library is None:
        raise LibraryClosed("no library is open (reader.store.db.open_library first)")
    return library


def is_open() -> bool:
    return _current is not None


def make_current(library: Library) -> Library:
    """Make ``library`` the open one, closing the one open before (``db.open_library``)."""
    global _current
    previous = _current
    if previous is not None and previous is not library:
        previous.close()
    _current = library
    return library

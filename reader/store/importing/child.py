"""An import run in a process of its own, for a program that must stay responsive while it runs
(the window): ``run_import_in_child`` starts ``run_import`` in a child process on the same
library and relays its progress, its wait for another import and its result.

Why a process: the import keeps its process's one writer busy for minutes (parsing results
turned into rows, the search index, SQLite itself), and in the window's process that work holds
Python's interpreter lock against the GUI thread, which then stalled for up to a second at a
time while a year imported. In a child it competes only for the CPU.

What stays the same: the child holds the library's import lock, so a command-line import waits
for it or it for one; the window's own writes (reading positions, bookmarks) run in the
window's process on its writer thread between the child's batches (SQLite's lock, taken in
short turns); a thread is all or nothing, so cancelling (at the next thread), killing the child
or the window going away leaves every thread either as it was or complete. The child ends when
its parent ends: it watches a pipe whose other end only the parent holds, and a closed pipe is
a cancel. No Qt.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

from ..changes import Changed
from .results import ImportProgress, ImportResult

PROGRESS_EVERY_S = 0.1  # at most ten progress messages a second
POLL_S = 0.05  # how often the parent looks at the child while nothing arrives
STOP_WAIT_S = 5.0  # how long stop() waits for a cancelled child before ending it


class ImportChildDied(RuntimeError):
    """The import's process ended without a result (killed, or out of memory)."""


class ImportChild:
    """A running import in a child process (``start``), which the caller follows with
    ``follow`` on a thread of its own and can ``cancel`` or ``stop`` from any thread."""

    def __init__(self, db_path: str | Path, paths: list[str], *, reread: bool = False,
                 demo_dir: Path | None = None, workers: int | None = None,
                 update: bool = False) -> None:
        """Import ``paths``; with ``update``, what changed in every folder and file the
        library remembers (``operations.update_library``; ``paths`` is then empty)."""
        if not Path(db_path).is_file():  # (never a new library made where none was meant)
            raise FileNotFoundError(f"there is no library at {db_path}")
        ctx = multiprocessing.get_context("spawn")  # never fork a process with threads (Qt)
        self._cancel = ctx.Event()
        self._messages, child_end = ctx.Pipe(duplex=False)
        lifeline_child, self._lifeline = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_child_main, name="s1reader-import",
            args=(str(db_path), list(paths), reread, demo_dir, workers, update, child_end,
                  lifeline_child, self._cancel))
        self._process.start()
        child_end.close()  # the child's ends live in the child only: EOF when it is gone
        lifeline_child.close()

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def cancel(self) -> None:
        """Stop at the next thread (what is written stays written)."""
        self._cancel.set()

    def follow(self, progress: Callable[[ImportProgress], None] | None = None,
               on_wait: Callable[[], None] | None = None,
               idle: Callable[[], None] | None = None,
               should_cancel: Callable[[], bool] | None = None) -> Changed[ImportResult]:
        """Relay the child's messages until it ends and return its result (with the threads it
        wrote). ``idle`` runs whenever nothing arrived for a moment (the caller's own queued
        writes); ``should_cancel`` is polled and cancels the child. An error of the import is
        raised here as it was raised there."""
        try:
            while True:
                if should_cancel is not None and should_cancel():
                    self._cancel.set()
                if self._messages.poll(POLL_S):
                    try:
                        kind, value = self._messages.recv()
                    except EOFError:
                        break
                    if kind == "progress" and progress is not None:
                        progress(value)
                    elif kind == "wait" and on_wait is not None:
                        on_wait()
                    elif kind == "done":
                        return value
                    elif kind == "error":
                        raise rebuild_error(value)
                elif not self._process.is_alive() and not self._messages.poll(0):
                    break
                if idle is not None:
                    idle()
        finally:
            self._process.join(STOP_WAIT_S)
            if self._process.is_alive():
                self._process.kill()
                self._process.join()
            self._messages.close()
            self._lifeline.close()
        raise ImportChildDied(f"the import's process ended without a result "
                              f"(exit code {self._process.exitcode}); every thread it wrote is "
                              f"complete — import again to go on")

    def stop(self, wait: float = STOP_WAIT_S) -> None:
        """Cancel and wait ``wait`` seconds at most; then end the child (a kill leaves whole
        threads). For the caller's exit."""
        self._cancel.set()
        self._process.join(wait)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()


def _child_main(db_path: str, paths: list[str], reread: bool, demo_dir: Path | None,
                workers: int | None, update: bool, messages: Connection, lifeline: Connection,
                cancel) -> None:
    """The child: open the library, run the import (or the update), send what happens."""
    from ..db import open_library
    from ..operations import import_into_library, update_library
    from .run import run_import

    def watch_parent() -> None:
        with contextlib.suppress(EOFError, OSError):
            lifeline.recv()  # the parent never sends: this returns when its end is closed
        cancel.set()

    threading.Thread(target=watch_parent, name="import-lifeline", daemon=True).start()
    last = 0.0

    def report(progress: ImportProgress) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_EVERY_S or progress.files_done == progress.files_total:
            last = now
            _send(messages, "progress", progress)

    try:
        opened = open_library(db_path, check=False, upgrade=False)  # the window checked it
        if opened.read_only:  # another schema than this program's: never write into it
            raise RuntimeError(f"the library {db_path} is not at this program's schema; "
                               "open it in the window again to bring it up to date")

        def run(targets: list[str], remember: bool = True) -> ImportResult:
            return run_import(targets, reread=reread, workers=workers, progress=report,
                              should_cancel=cancel.is_set,
                              on_wait=lambda: _send(messages, "wait", None), check=True,
                              demo_dir=demo_dir, remember=remember)

        if update:  # the remembered folders are not remembered again
            changed = update_library(lambda targets: run(targets, remember=False))
        else:
            changed = import_into_library(lambda: run(paths))
        _send(messages, "done", changed)
    except BaseException as error:  # noqa: BLE001 (every error goes to the parent, said there)
        _send(messages, "error", portable_error(error))


def _send(messages: Connection, kind: str, value: object) -> None:
    try:
        messages.send((kind, value))
    except (BrokenPipeError, EOFError, OSError):
        pass  # the parent is gone; the lifeline cancels the import
    except Exception as error:  # noqa: BLE001 (a value that cannot be pickled)
        if kind != "error":
            _send(messages, "error", portable_error(error))


# An error crosses the pipe as its class's name, its args and attributes, and the errors it was
# raised from or during (the window looks for "disk is full" along that chain). Pickling the
# error itself rebuilds it by calling its class with its args, which the library's errors
# (DiskFull, LibraryBusy, LibraryDamaged: made from a path, holding a sentence) do not take.
PortableError = tuple[str, str, tuple, dict, "PortableError | None", "PortableError | None"]
CHAIN_DEPTH = 4


def portable_error(error: BaseException | None, depth: int = 0) -> PortableError | None:
    """``error`` and its chain as plain data."""
    if error is None or depth > CHAIN_DEPTH:
        return None
    args = tuple(a if isinstance(a, str | int | float | bool | type(None)) else str(a)
                 for a in error.args)
    attrs = {k: v for k, v in vars(error).items()
             if isinstance(v, str | int | float | bool | type(None))}
    return (type(error).__module__, type(error).__qualname__, args, attrs,
            portable_error(error.__cause__, depth + 1),
            portable_error(error.__context__, depth + 1))


def rebuild_error(data: PortableError | None) -> BaseException:
    """The error ``portable_error`` described, as an instance of its own class where that class
    can be found here (else a RuntimeError with its words)."""
    if data is None:
        return RuntimeError("the import failed")
    module, qualname, args, attrs, cause, context = data
    error: BaseException
    try:
        cls = importlib.import_module(module)
        for part in qualname.split("."):
            cls = getattr(cls, part)
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise TypeError(qualname)
        error = cls.__new__(cls, *args)
        BaseException.__init__(error, *args)
        for key, value in attrs.items():
            with contextlib.suppress(AttributeError, TypeError):
                setattr(error, key, value)
    except Exception:  # noqa: BLE001 (a class that is not here or not rebuilt: its words)
        error = RuntimeError(f"{qualname}: {' '.join(str(a) for a in args)}")
    if cause is not None:
        error.__cause__ = rebuild_error(cause)
    if context is not None:
        error.__context__ = rebuild_error(context)
    return error

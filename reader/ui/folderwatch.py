"""Watching the remembered folders while the window is open (Settings → "Update when the
archive folders change"): when files change in them, the library is updated in the background.

The system tells of changes (``QFileSystemWatcher``: inotify on Linux, FSEvents on macOS,
ReadDirectoryChangesW on Windows); nothing is polled, so an idle window does no work and never
wakes a sleeping disk. Every folder under the remembered ones is watched (a thread's folder gets
its new part files; a `git pull` replaces files, which the folder reports); the list of folders
is made on the thread pool, once at start and again after each update (new thread folders).
A burst of changes (a `git pull` writes many files) is waited out: the update starts
``QUIET_MS`` after the last change, and a change during an update starts another after it.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from ..store import roots

QUIET_MS = 3000  # the update starts this long after the last change
MAX_WATCHED = 200_000  # folders; more are left unwatched (the system's limit is near)


def folders_to_watch() -> list[str]:
    """Every folder under the remembered folders (those that are there), and the remembered
    files (a read of the library and of the disk: runs on the thread pool)."""
    out: list[str] = []
    for r in roots.roots():
        if not roots.present(r):
            continue
        if not r.is_dir:
            out.append(r.path)
            continue
        for dirpath, dirs, _files in os.walk(r.path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git and the like
            out.append(dirpath)
            if len(out) >= MAX_WATCHED:
                return out
    return out


class FolderWatcher(QObject):
    """``changed()`` is emitted once the watched folders have been quiet for ``QUIET_MS``
    after a change. ``read(fn, success=...)`` lists the folders off the GUI thread."""

    changed = Signal()

    def __init__(self, read: Callable[..., None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._read = read
        self._watcher: QFileSystemWatcher | None = None
        self._timer = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._timer.timeout.connect(self.changed)
        self._generation = 0
        self.watched = 0  # folders and files watched now

    @property
    def active(self) -> bool:
        return self._watcher is not None

    def start(self) -> None:
        """Watch the remembered folders (again: new folders since are added)."""
        self._generation += 1
        generation = self._generation
        self._read(folders_to_watch, success=lambda paths: self._watch(generation, paths),
                   failure=lambda _e: None)

    def _watch(self, generation: int, paths: list[str]) -> None:
        if generation != self._generation:
            return  # stopped or started again meanwhile
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.directoryChanged.connect(self._touched)
            self._watcher.fileChanged.connect(self._touched)
        have = set(self._watcher.directories()) | set(self._watcher.files())
        new = [p for p in paths if p not in have]
        if new:
            self._watcher.addPaths(new)
        self.watched = len(self._watcher.directories()) + len(self._watcher.files())

    def _touched(self, _path: str) -> None:
        self._timer.start()  # (re)started: the update waits for the burst to end

    def stop(self) -> None:
        self._generation += 1
        self._timer.stop()
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        self.watched = 0

    def pending(self) -> bool:
        """Whether a change is waiting for the quiet time to pass."""
        return self._timer.isActive()

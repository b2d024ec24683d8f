"""Where s1reader keeps its files: one place for the data, cache and config directories.

Default locations come from platformdirs. ``--home DIR`` on the command line or the
``S1READER_HOME`` environment variable put everything under one directory instead
(``DIR/data``, ``DIR/cache``, ``DIR/config``), which is what tests and portable installs use.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.resources
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "s1reader"
HOME_ENV = "S1READER_HOME"
OFFLINE_ENV = "S1READER_OFFLINE"  # "1": no connection at all (pictures, forum, probes)


def offline_forced() -> bool:
    """True when $S1READER_OFFLINE asks for no network at all (window and command line)."""
    return os.environ.get(OFFLINE_ENV, "").strip().lower() in ("1", "true", "yes", "on")


DB_NAME = "library.sqlite3"


def _resources_dir() -> Path:
    """The package data folder ``reader/resources`` (demo thread, translations, icons) as a real
    folder: found through importlib.resources, so it is the same in a checkout, an installed wheel
    and a frozen build; extracted to a temporary folder for the life of the process only when the
    package is not on a file system (a zip)."""
    ref = importlib.resources.files(__package__ or "reader") / "resources"
    if isinstance(ref, Path):
        return ref.resolve()
    stack = contextlib.ExitStack()
    atexit.register(stack.close)
    return Path(stack.enter_context(importlib.resources.as_file(ref))).resolve()


RESOURCES_DIR = _resources_dir()
DEMO_DIR = RESOURCES_DIR / "demo"
I18N_DIR = RESOURCES_DIR / "i18n"
ICONS_DIR = RESOURCES_DIR / "icons"


@dataclass(frozen=True, slots=True)
class Paths:
    data: Path
    cache: Path
    config: Path

    @property
    def db(self) -> Path:
        return self.data / DB_NAME

    @property
    def http_cache(self) -> Path:
        return self.cache / "http_cache.sqlite3"

    @property
    def thumbnails(self) -> Path:
        return self.cache / "thumbnails"

    @property
    def root(self) -> Path:
        """The folder that holds the three (``--home``), or the data folder's parent."""
        return self.data.parent

    def has_library(self) -> bool:
        """True when a library file exists here (reading commands never create one)."""
        return self.db.is_file()

    def ensure(self) -> Paths:
        """Create the three folders; a :class:`HomeError` that says what is wrong and what to do
        when one cannot be created (``--home`` names a file, a folder without write permission)."""
        for d in (self.data, self.cache, self.config):
            try:
                d.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise HomeError.explain(d, e) from None
            if not d.is_dir():
                raise HomeError.explain(d, NotADirectoryError(20, "Not a directory"))
        return self


class HomeError(Exception):
    """The folder for the library (``--home``, $S1READER_HOME) cannot be used. ``reason`` is
    ``"file"`` (a file is in the way), ``"permission"`` or ``"other"``; ``path`` the folder or
    file concerned; ``detail`` the system's words."""

    def __init__(self, message: str, path: Path, reason: str = "other", detail: str = "") -> None:
        super().__init__(message)
        self.path = path
        self.reason = reason
        self.detail = detail

    @classmethod
    def explain(cls, folder: Path, error: OSError) -> HomeError:
        """The first part of ``folder``'s path that is in the way, and what to do about it."""
        blocker = next((p for p in [folder, *folder.parents] if p.exists() and not p.is_dir()), None)
        if blocker is not None:
            return cls(f"{blocker} is a file, not a folder: give --home a folder (a new or an "
                       "existing one), not a file", blocker, "file")
        reason = error.strerror or str(error)
        if isinstance(error, PermissionError):
            return cls(f"cannot create the folder {folder}: no permission to write there; give "
                       "--home a folder you can write to", folder, "permission", reason)
        return cls(f"cannot create the folder {folder} ({reason}); give --home a folder you can "
                   "write to", folder, "other", reason)


def resolve_paths(home: str | os.PathLike[str] | None = None) -> Paths:
    """The directories to use: ``home`` argument, else $S1READER_HOME, else the platform's."""
    base = home or os.environ.get(HOME_ENV)
    if base:
        root = Path(base).expanduser().resolve()
        return Paths(root / "data", root / "cache", root / "config")
    return Paths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def demo_files() -> list[Path]:
    """The built-in demo thread shown when the library is empty (board 演示, from its folder)."""
    return sorted(DEMO_DIR.rglob("*.md"))

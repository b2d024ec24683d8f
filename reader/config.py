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

    def ensure(self) -> Paths:
        for d in (self.data, self.cache, self.config):
            d.mkdir(parents=True, exist_ok=True)
        return self


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

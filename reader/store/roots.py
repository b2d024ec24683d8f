"""The folders and files a library was imported from, and updating it from them in one step.

Every import through ``importing.run_import`` remembers what it was given (``remember``): a
folder once, however often it is imported; a folder inside one already remembered adds
nothing; a folder around remembered ones takes their place. ``update`` scans them all again
with the same import (new, grown and edited files are read, renamed and moved ones recognised
by ``sources.moved_sources``, unchanged ones skipped by size and time) and then says:

* which remembered folders or files are gone (an unplugged drive, a moved clone): they are
  not scanned, and nothing of theirs is deleted; ``forget`` drops one for good;
* which files recorded under a scanned folder are no longer there: their posts stay (an
  archive keeps what a newer copy dropped), they are only reported.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .dbtime import db_now
from .models import ImportRoot, database


@dataclass(frozen=True, slots=True)
class Root:
    path: str
    is_dir: bool


def _normal(path: str | os.PathLike[str]) -> str:
    p = Path(path).expanduser()
    try:
        return str(p.resolve())
    except OSError:
        return str(p.absolute())


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def roots() -> list[Root]:
    """The remembered folders and files, by path."""
    rows = database.execute_sql("SELECT path, is_dir FROM import_root ORDER BY path").fetchall()
    return [Root(p, bool(d)) for p, d in rows]


def remember(paths: Iterable[str | os.PathLike[str]]) -> list[Root]:
    """Remember the folders and files an import was given (those that exist); returns the
    roots added."""
    known = roots()
    added: list[Root] = []
    for raw in paths:
        path = _normal(raw)
        try:
            is_dir = os.path.isdir(path)
            if not is_dir and not os.path.isfile(path):
                continue
        except OSError:
            continue
        if any(r.is_dir and _inside(path, r.path) or r.path == path for r in known):
            continue
        inner = [r for r in known if is_dir and _inside(r.path, path)]
        with database.atomic():
            for r in inner:
                database.execute_sql("DELETE FROM import_root WHERE path=?", (r.path,))
            ImportRoot.insert(path=path, is_dir=is_dir, added_at=db_now()).on_conflict_ignore().execute()
        known = [r for r in known if r not in inner] + [Root(path, is_dir)]
        added.append(Root(path, is_dir))
    return added


def forget(path: str | os.PathLike[str]) -> bool:
    """Stop updating from ``path`` (as given or as remembered); its threads stay."""
    with database.atomic():
        n = 0
        for p in {str(path), _normal(path)}:
            n += database.execute_sql("DELETE FROM import_root WHERE path=?", (p,)).rowcount
    return n > 0


def present(root: Root) -> bool:
    """Whether a remembered folder or file is there (a folder must also be listable)."""
    try:
        if root.is_dir:
            if not os.path.isdir(root.path):
                return False
            os.listdir(root.path)
            return True
        return os.path.isfile(root.path)
    except OSError:
        return False


def vanished_files(scanned: list[Root]) -> list[str]:
    """Files recorded by earlier imports under ``scanned`` roots that are no longer there."""
    if not scanned:
        return []
    out: list[str] = []
    for path, in database.execute_sql("SELECT path FROM source_file ORDER BY path"):
        if any(_inside(path, r.path) if r.is_dir else path == r.path for r in scanned) \
                and not os.path.lexists(path):
            out.append(path)
    return out


@dataclass
class UpdateResult:
    """What ``update`` did: the import's result, the roots scanned, those gone, the recorded
    files no longer found (kept in the library)."""

    result: object  # importing.ImportResult (None when nothing could be scanned)
    scanned: list[Root] = field(default_factory=list)
    gone: list[Root] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)

    @property
    def threads(self) -> int:
        return getattr(self.result, "threads", 0)

    @property
    def posts_added(self) -> int:
        return getattr(self.result, "posts_added", 0)

    def as_dict(self) -> dict:
        out = self.result.as_dict() if self.result is not None else {}
        out.update({
            "roots": [{"path": r.path, "folder": r.is_dir} for r in self.scanned],
            "gone": [{"path": r.path, "folder": r.is_dir} for r in self.gone],
            "vanished_files": self.vanished,
        })
        return out


def update(run: Callable[[list[str]], object]) -> UpdateResult:
    """Scan the remembered roots that are there with ``run(paths)`` (an import that does not
    remember them again, ``importing.run_import(..., remember=False)``), then list what is gone."""
    known = roots()
    scanned = [r for r in known if present(r)]
    gone = [r for r in known if r not in scanned]
    result = run([r.path for r in scanned]) if scanned else None
    cancelled = bool(getattr(result, "cancelled", False))
    vanished = [] if cancelled else vanished_files(scanned)
    return UpdateResult(result, scanned, gone, vanished)

"""The window's writes to the library, each returning :class:`~reader.store.changes.Changed`:
its value and what it changed, so the views refresh from that and no caller keeps a list.

Each is one call of the store (``readstate``, ``userdata``, ``demo``, the importer) run on the
library's writer thread by the window's operations (``reader.ui.operations``). A new feature
that writes adds its function here (or returns ``Changed`` from its own store module) and
says honestly what it changed; the views that show it then follow without being told.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from . import demo, readstate, roots, userdata, watches
from .changes import BOOKMARKS, MARKS, READ_STATE, RULES, WATCHES, Changed, Changes
from .dbtime import db_now
from .models import Thread, database
from .readstate import ReadPosition
from .userdata import BookmarkInfo

# -- reading state


def visit_thread(tid: int) -> Changed[ReadPosition | None]:
    """Record a visit of ``tid`` (its posts count as seen from the next visit on); the value is
    the position before this visit."""
    before = readstate.mark_visited(tid)
    return Changed(before, Changes.of_user_data(READ_STATE, tids=[tid]))


def save_position(tid: int, floor: int, read_floor: int | None = None) -> Changed[None]:
    """Where the reader is in ``tid`` and how far they have read it (``readstate.save_position``:
    the read mark only rises); the thread's unread count may change."""
    readstate.save_position(tid, floor, read_floor)
    return Changed(None, Changes.of_user_data(READ_STATE, tids=[tid]))


# -- bookmarks


def add_bookmark(tid: int, floor: int, note: str, tags: Sequence[str],
                 author: str | None = None) -> Changed[BookmarkInfo]:
    info = userdata.add_bookmark(tid, floor, note, list(tags), author=author)
    return Changed(info, Changes.of_user_data(BOOKMARKS, tids=[tid]))


def update_bookmark(bookmark_id: int, note: str, tags: Sequence[str]) -> Changed[BookmarkInfo]:
    info = userdata.update_bookmark(bookmark_id, note=note, tags=list(tags))
    return Changed(info, Changes.of_user_data(BOOKMARKS, tids=[info.tid]))


def remove_bookmark(bookmark_id: int) -> Changed[BookmarkInfo]:
    """The value is the removed bookmark, for an undo (:func:`restore_bookmark`)."""
    info = userdata.remove_bookmark(bookmark_id)
    return Changed(info, Changes.of_user_data(BOOKMARKS, tids=[info.tid]))


def restore_bookmark(info: BookmarkInfo) -> Changed[None]:
    userdata.restore_bookmark(info)
    return Changed(None, Changes.of_user_data(BOOKMARKS, tids=[info.tid]))


# -- blocked and highlighted users, keyword rules


def mark_user(name: str, kind: str, note: str = "", color: str | None = None,
              days: int | None = None) -> Changed[userdata.UserMarkInfo]:
    return Changed(userdata.mark_user(name, kind, note, color, days), Changes.of_user_data(MARKS))


def unmark_users(names: Sequence[str], kind: str) -> Changed[int]:
    """The value is how many marks were removed."""
    removed = sum(userdata.unmark_user(n, kind) for n in names)
    return Changed(removed, Changes.of_user_data(MARKS) if removed else Changes())


def add_rule(pattern: str, is_regex: bool, target: str, action: str, note: str = "",
             days: int | None = None) -> Changed[userdata.FilterRuleInfo]:
    rule = userdata.add_rule(pattern, is_regex, target, action, note, days)
    return Changed(rule, Changes.of_user_data(RULES))


def remove_rules(ids: Sequence[int]) -> Changed[int]:
    removed = sum(userdata.remove_rule(i) for i in ids)
    return Changed(removed, Changes.of_user_data(RULES) if removed else Changes())


def import_userdata(path: str | Path) -> Changed[dict]:
    """Merge a user-data backup; the value counts what was merged, by kind."""
    counts = userdata.import_userdata(path)
    return Changed(counts, Changes.of_user_data(BOOKMARKS, MARKS, RULES, READ_STATE, WATCHES))


# -- saved searches (关注)


def add_watch(name: str, query: str) -> Changed[watches.WatchInfo]:
    return Changed(watches.add_watch(name, query), Changes.of_user_data(WATCHES))


def remove_watch(name: str) -> Changed[bool]:
    removed = watches.remove_watch(name)
    return Changed(removed, Changes.of_user_data(WATCHES) if removed else Changes())


def open_watch(name: str, limit: int = 100) -> Changed[watches.Opened]:
    """The saved search's hits, new ones first; they count as seen from now on."""
    return Changed(watches.open_watch(name, limit), Changes.of_user_data(WATCHES))


# -- threads


def threads_written_since(when: str) -> frozenset[int]:
    """The threads an import or a fetch wrote at or after ``when`` (``dbtime`` text)."""
    rows = database.execute(Thread.select(Thread.tid).where(Thread.imported_at >= when))
    return frozenset(r[0] for r in rows.fetchall())


def import_into_library(run: Callable[[], object]) -> Changed:
    """Run an import (``run()``, returning its result) and say which threads it wrote: those
    whose ``imported_at`` is not older than its start (a thread written in the same second
    before it is counted too, which only refreshes one view more)."""
    started = db_now()
    result = run()
    return Changed(result, Changes.of_threads(threads_written_since(started)))


def update_library(run: Callable[[list[str]], object]) -> Changed[roots.UpdateResult]:
    """``roots.update`` with ``run(paths)`` (an import that does not remember them again) and
    the threads it wrote (and that the saved searches' counts may have changed)."""
    started = db_now()
    result = roots.update(run)
    changes = Changes.of_threads(threads_written_since(started))
    retired = getattr(result.result, "retired_demo", None) or []
    if retired:
        changes = changes | Changes.of_threads(retired)
    if changes:
        changes = changes | Changes.of_user_data(WATCHES)
    return Changed(result, changes)


def retire_demo(demo_dir: Path) -> Changed[list[int]]:
    """Delete the demo thread once real threads are in the library (``demo.retire_demo``)."""
    gone = demo.retire_demo(demo_dir)
    return Changed(gone, Changes.of_threads(gone) if gone else Changes())


def fill_empty_library(demo_files: Sequence[Path], demo_dir: Path) -> Changed[list[int]]:
    """At start: the demo thread into an empty library, and the demo out of a library that got
    real threads meanwhile (from the command line). The value is the tids retired."""
    from . import queries
    from .importing import import_paths

    changes = Changes()
    if queries.library_is_empty() and demo_files:
        changed = import_into_library(lambda: import_paths(list(demo_files)))
        changes = changes | changed.changes
    retired = retire_demo(demo_dir)
    return Changed(retired.value, changes | retired.changes)


def needs_filling(demo_dir: Path) -> bool:
    """Whether :func:`fill_empty_library` has anything to do (read on any thread)."""
    from . import queries

    return queries.library_is_empty() or bool(demo.demo_tids(demo_dir))

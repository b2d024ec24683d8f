"""The plan of an import: which files, which of them changed, grouped by thread.

* Files are found under the given paths (folders recursively); a file that is not named like a
  thread part nor starts like one is ignored and listed, a file that is not a regular file (a
  FIFO, a device) fails with its path, so nothing blocks on it or reads without end.
* A file whose size and mtime match the last import (read by this parser) is skipped unread.
* The files of one thread, all its copies and all its parts, form one ``ThreadPlan``, in part
  order, wherever they lie in the paths: a thread is written from all of them at once. This is
  the one place that decides which files make a thread. A file whose name does not say its
  thread is a plan of its own (its thread is known once it is parsed).
* A new thread in many files, one file per part, is marked to be written part by part as its
  files arrive (``jobs.PartByPart``), so its rows never wait in memory together.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ...parse import PARSER_VERSION
from ...parse.paths import tid_and_part
from ..models import database
from ..prepare import MAX_FILE_BYTES, os_error_text, storable_path, too_big_message
from .results import ImportFailure

_NAME_RE = re.compile(r"^\d+-\d+\[.*\]\.md$", re.S)
THREAD_SUFFIXES = (".md", ".txt")
STREAM_MIN_FILES = 8  # a new thread in this many files or more is written as its files arrive


@dataclass(frozen=True, slots=True)
class PlannedFile:
    path: Path
    size: int
    mtime_ns: int
    part: int | None  # from the file name (None: not named like a part)
    known_sha1: str | None  # the hash of its last import by this parser: unchanged bytes


@dataclass
class ThreadPlan:
    """The changed files of one thread (``tid`` from their names; None: one file whose name
    does not say it). ``by_parts``: a new thread to write part by part, if still nothing of
    it is stored when its turn comes."""

    tid: int | None
    files: list[PlannedFile] = field(default_factory=list)
    by_parts: bool = False


@dataclass
class ImportPlan:
    threads: list[ThreadPlan]
    files: int  # every file found, skipped and failed included (folders not listed too)
    files_found: int  # files found (the progress counts these)
    bytes_total: int
    skipped: int  # unchanged since the last import: not read
    bytes_skipped: int
    failed: list[ImportFailure]
    ignored: list[str]


# ---------------------------------------------------------------- finding files


def _looks_like_thread(name: str, dir_fd: int) -> bool:
    if _NAME_RE.match(name):
        return True
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NONBLOCK, dir_fd=dir_fd)
        with os.fdopen(fd, "rb") as f:
            head = f.read(8192)
    except OSError:
        return False
    return b"*****" in head and b"##### " in head


def _absolute(path: Path) -> Path:
    try:
        return path.resolve()
    except OSError:  # beyond what the system resolves: the file is reported when it is read
        return path.absolute()


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # e.g. a path longer than PATH_MAX: treated as a file, reported when read
        return False


def find_files(
    paths: Iterable[str | os.PathLike[str]], failed: list[ImportFailure] | None = None
) -> tuple[list[Path], list[str]]:
    """Thread files under ``paths`` (files as given; folders searched recursively).

    Returns (files, ignored): files in a folder that are neither named like a thread part nor
    start like one (a README, a manifest) are ignored and listed, not failed. A folder that
    cannot be listed is added to ``failed``; folders are walked by descriptor, so a tree deeper
    than the system's path limit is still searched (its files are reported when read).
    """
    files: list[Path] = []
    ignored: list[str] = []
    for raw in paths:
        p = Path(raw).expanduser()
        if not _is_dir(p):
            files.append(_absolute(p) if os.path.lexists(p) else p)
            continue
        found, skipped = _walk(p, failed)
        files.extend(_absolute(q) for q in sorted(found))
        ignored.extend(str(q) for q in sorted(skipped))
    seen: set[Path] = set()
    unique = [f for f in files if not (f in seen or seen.add(f))]
    return unique, ignored


def _walk(top: Path, failed: list[ImportFailure] | None) -> tuple[list[Path], list[Path]]:
    def unlisted(e: OSError) -> None:
        if failed is not None:
            failed.append(ImportFailure(str(e.filename or top), 0,
                                        f"cannot list the folder: {os_error_text(e)}"))

    found: list[Path] = []
    skipped: list[Path] = []
    for dirpath, _dirs, names, dir_fd in os.fwalk(top, onerror=unlisted):
        for name in names:
            if os.path.splitext(name)[1].lower() not in THREAD_SUFFIXES:
                continue
            try:
                if not stat.S_ISREG(os.stat(name, dir_fd=dir_fd).st_mode):
                    continue
            except OSError:
                continue  # a dangling link
            q = Path(dirpath, name)
            (found if _looks_like_thread(name, dir_fd) else skipped).append(q)
    return found, skipped


# ---------------------------------------------------------------- the plan


def known_files() -> dict[str, tuple[int, int, str | None, int]]:
    """path -> (size, mtime, sha1, parser version) of the last import; a file read by an
    older parser gets no sha1, so it is parsed again even if its bytes did not change."""
    cur = database.execute_sql("SELECT path, size, mtime_ns, sha1, parser_version FROM source_file")
    return {p: (s, m, h if v == PARSER_VERSION else None, v) for p, s, m, h, v in cur.fetchall()}


def make_plan(paths: Iterable[str | os.PathLike[str]], reread: bool = False) -> ImportPlan:
    """Find the files under ``paths``, skip the unchanged, group the rest by thread. With
    ``reread`` every file is read again."""
    failed: list[ImportFailure] = []
    files, ignored = find_files(paths, failed)
    known = {} if reread else known_files()
    plan = ImportPlan([], len(files) + len(failed), len(files), 0, 0, 0, failed, ignored)
    by_tid: dict[int, ThreadPlan] = {}
    for f in files:
        try:
            st = f.stat()
        except OSError as e:
            failed.append(ImportFailure(str(f), 0, f"cannot read: {os_error_text(e)}"))
            continue
        if not stat.S_ISREG(st.st_mode):
            failed.append(ImportFailure(str(f), 0, "cannot read: not a regular file (a device, "
                                        "a pipe or a folder); give the archive's .md files"))
            continue
        if st.st_size > MAX_FILE_BYTES:
            failed.append(ImportFailure(str(f), 0, too_big_message(st.st_size)))
            continue
        plan.bytes_total += st.st_size
        old = known.get(storable_path(str(f)))
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns and old[3] == PARSER_VERSION:
            plan.skipped += 1
            plan.bytes_skipped += st.st_size
            continue
        tid_part = tid_and_part(f.name)
        planned = PlannedFile(f, st.st_size, st.st_mtime_ns, tid_part[1] if tid_part else None,
                              old[2] if old else None)
        if tid_part is None:
            plan.threads.append(ThreadPlan(None, [planned]))
            continue
        thread = by_tid.get(tid_part[0])
        if thread is None:
            thread = by_tid[tid_part[0]] = ThreadPlan(tid_part[0])
            plan.threads.append(thread)
        thread.files.append(planned)
    for thread in by_tid.values():
        thread.files.sort(key=lambda p: (p.part, str(p.path)))
        parts = [p.part for p in thread.files]
        thread.by_parts = (not reread and len(parts) >= STREAM_MIN_FILES
                           and len(set(parts)) == len(parts))
    return plan


def thread_is_stored(tid: int) -> bool:
    """Whether anything of thread ``tid`` is in the library (a row or a recorded file)."""
    return database.execute_sql(
        "SELECT 1 FROM thread WHERE tid=? UNION ALL SELECT 1 FROM source_file WHERE tid=? LIMIT 1",
        (tid, tid)).fetchone() is not None

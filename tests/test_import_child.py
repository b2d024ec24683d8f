"""The window's import runs in a process of its own (``importing.child``): its result, progress
and errors reach the window as they would from an import in the window's process, killing it
(or the window going away) leaves whole threads, and it never outlives the window."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import REPO, write_thread

from reader.store.db import DiskFull, LibraryBusy, LibraryDamaged, in_chain, is_disk_full
from reader.store.importing.child import ImportChild, ImportChildDied, portable_error, rebuild_error

THREADS = 120
POSTS = 30


def _threads(root: Path, count: int = THREADS, posts: int = POSTS) -> list[Path]:
    return [write_thread(root / "外野" / f"{7000 + t}-01[子进程{t}].md",
                         [(n, f"用户{n % 7}", f"2024-5-{n % 28 + 1} 1{n % 10}:{n % 60:02d}",
                           f"第{t}帖 第{n}楼 " + "内容" * 40) for n in range(1, posts + 1)])
            for t in range(count)]


def _posts_per_thread(db_path: Path) -> dict[int, int]:
    with sqlite3.connect(db_path) as con:
        return dict(con.execute("SELECT tid, COUNT(*) FROM post GROUP BY tid").fetchall())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[1].startswith("Z"))


def test_an_import_in_its_own_process_gives_its_result_progress_and_changes(library, tmp_path):
    files = _threads(tmp_path / "arch", count=12)
    seen = []
    child = ImportChild(library.path, [str(tmp_path / "arch")])
    assert child.pid != os.getpid()
    changed = child.follow(progress=seen.append)
    result = changed.value
    assert not result.failed and result.threads == 12 and result.posts_added == 12 * POSTS
    assert changed.changes.threads == {7000 + t for t in range(12)}
    assert seen and seen[-1].files_done == len(files)  # the last file is always reported
    # what the child wrote is read here, bodies included (the first dictionary is new here)
    from reader.store import queries

    library.forget_codec()
    assert queries.get_thread(7003).post_count == POSTS


def test_the_library_errors_keep_their_class_and_words_across_the_process(tmp_path):
    full = RuntimeError("cannot rollback - no transaction is active")
    full.__context__ = sqlite3.OperationalError("database or disk is full")
    for error in (DiskFull(tmp_path / "library.sqlite3"), LibraryBusy(tmp_path, "locked"),
                  LibraryDamaged(tmp_path / "library.sqlite3", "page 3 is damaged"), full):
        back = rebuild_error(portable_error(error))
        assert type(back) is type(error) and str(back) == str(error)
    assert in_chain(rebuild_error(portable_error(full)), is_disk_full) is not None


def test_a_killed_import_process_is_said_and_leaves_whole_threads(library, tmp_path):
    _threads(tmp_path / "arch")
    child = ImportChild(library.path, [str(tmp_path / "arch")], workers=0)
    killed = []

    def kill_after_some(progress) -> None:
        if progress.files_done >= 10 and not killed:
            os.kill(child.pid, signal.SIGKILL)
            killed.append(progress.files_done)

    with pytest.raises(ImportChildDied, match="import again"):
        child.follow(progress=kill_after_some)
    assert killed
    counts = _posts_per_thread(library.path)
    assert len(counts) < THREADS and set(counts.values()) <= {POSTS}  # whole threads only
    again = ImportChild(library.path, [str(tmp_path / "arch")]).follow().value
    assert again.threads == THREADS - len(counts)
    assert _posts_per_thread(library.path) == {7000 + t: POSTS for t in range(THREADS)}


def test_the_import_process_ends_when_its_parent_is_killed(library, tmp_path):
    _threads(tmp_path / "arch", count=400)
    script = (
        "import sys, time\n"
        "from reader.store.db import open_library\n"
        "from reader.store.importing.child import ImportChild\n"
        "lib = open_library(sys.argv[1])\n"
        "child = ImportChild(sys.argv[1], [sys.argv[2]], workers=0)\n"
        "print(child.pid, flush=True)\n"
        "time.sleep(600)\n")
    parent = subprocess.Popen([sys.executable, "-c", script, str(library.path),
                               str(tmp_path / "arch")], stdout=subprocess.PIPE, text=True,
                              env=dict(os.environ, PYTHONPATH=str(REPO)))
    child_pid = int(parent.stdout.readline())
    assert _alive(child_pid)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 120  # it stops at its next thread
    while _alive(child_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(child_pid), "the import's process outlived the program that started it"
    assert set(_posts_per_thread(library.path).values()) <= {POSTS}
    parent.stdout.close()


def test_closing_the_window_during_an_import_ends_its_process_and_keeps_whole_threads(
        make_window, qtbot, tmp_path):
    from reader.config import resolve_paths

    _threads(tmp_path / "arch", count=300)
    window = make_window()
    assert window.import_flow.start([tmp_path / "arch"])
    qtbot.waitUntil(lambda: window.import_flow._child is not None, timeout=30_000)
    pid = window.import_flow._child.pid
    ours = {7000 + t for t in range(300)}
    qtbot.waitUntil(lambda: bool(ours & set(_posts_per_thread(resolve_paths().db))),
                    timeout=60_000)
    window.close()
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "the import's process outlived the window"
    counts = {tid: n for tid, n in _posts_per_thread(resolve_paths().db).items() if tid in ours}
    assert counts and set(counts.values()) == {POSTS}  # whole threads only

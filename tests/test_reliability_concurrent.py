"""Two programs, one library, nothing lost (issue 16): the window imports the whole corpus while
the reader bookmarks posts and moves through threads (positions saved by the window's own
paths), and command-line ``bookmark add`` and ``import`` run on the same home in subprocesses.
Afterwards every bookmark and every last position is there, every thread has exactly its posts,
and nothing printed a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
from support import REPO, posts_per_thread, write_thread

from reader.store import queries, readstate, userdata
from reader.store.models import LibraryDatabase, database
from reader.store.writer import library_writer
from reader.ui.bookmarkdialog import BookmarkDialog

pytestmark = pytest.mark.corpus

LOCAL = (9101, 9102, 9103)  # in the library before the window opens: read and bookmarked
CLI_THREADS = (9201, 9202)  # imported by the command line while the window imports


def _thread(root, tid: int, posts: int):
    return write_thread(root / "外野" / f"{tid}-01[并发{tid}].md",
                        [(n, f"用户{n % 5}", f"2024-4-{n % 28 + 1} 1{n % 10}:{n % 60:02d}",
                          f"{tid} 第{n}楼") for n in range(1, posts + 1)], op="用户1")


def _cli(home, *argv) -> subprocess.Popen:
    env = dict(os.environ, S1READER_HOME=str(home), PYTHONPATH=str(REPO))
    return subprocess.Popen([sys.executable, "-m", "reader", *argv], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_window_import_beside_bookmarks_positions_and_the_command_line(
        corpus_dir, make_window, qtbot, tmp_path, temp_home, monkeypatch):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    assert not import_paths([_thread(tmp_path / "local", t, 40) for t in LOCAL]).failed
    for tid in CLI_THREADS:
        _thread(tmp_path / "cli", tid, 30)
    window = make_window(LOCAL[0])
    writers: set[str] = set()  # the threads on which this process begins write transactions
    begin = LibraryDatabase.begin

    def recording_begin(self, lock_type=None):
        writers.add(threading.current_thread().name)
        return begin(self, lock_type)

    monkeypatch.setattr(LibraryDatabase, "begin", recording_begin)

    notes = iter(range(1, 10_000))

    def accept(dialog) -> int:  # the bookmark dialog, answered as a reader would
        dialog.note_edit.setPlainText(f"窗口书签{next(notes)}")
        return 1

    monkeypatch.setattr(BookmarkDialog, "exec", accept)

    imported: list = []
    window.import_flow.imported.connect(imported.append)
    assert window.import_flow.start([corpus_dir])
    assert window.import_flow.running
    cli_import = _cli(temp_home, "import", "--json", "--workers", "0", str(tmp_path / "cli"))
    # the command line bookmarks floors 29-40 of one thread, the window floors 2-28 of all three
    cli_marks = [(LOCAL[1], n, _cli(temp_home, "bookmark", "add", str(LOCAL[1]), str(n), "--note",
                                    f"命令行书签{n}")) for n in range(29, 33)]
    gui_marks: dict[tuple[int, int], str] = {}
    positions: dict[int, int] = {}
    during = 0
    step = 0
    while window.import_flow.running and step < 600:
        step += 1
        tid = LOCAL[step % 3]
        window.open_thread(tid)
        floor = 2 + (step * 7) % 27
        window.jump_to_floor(floor)
        if (tid, floor) not in gui_marks and window.view.current_row() >= 0:
            post = window.view.thread_model.post(window.view.current_row())
            window.userdata_flow.bookmark_current_post()
            gui_marks[(tid, post.floor)] = None  # the note is read back below
        window.save_position()
        positions[tid] = window.view.top_floor()
        if len(cli_marks) < 12:
            n = 29 + len(cli_marks)
            cli_marks.append((LOCAL[1], n, _cli(temp_home, "bookmark", "add", str(LOCAL[1]),
                                                str(n), "--note", f"命令行书签{n}")))
        during += window.import_flow.running
        qtbot.wait(150)
    qtbot.waitUntil(lambda: not window.import_flow.running, timeout=900_000)
    [result] = imported
    assert result is not None and not result.failed and not result.cancelled, result
    assert result.posts_added == sum(posts_per_thread().values())
    # each write of the window waits at most for the import's current batch (about 2 s)
    assert during >= 3, "the import ended before the window did much beside it"
    out, err = cli_import.communicate(timeout=900)
    assert cli_import.returncode == 0 and "Traceback" not in err, err[-2000:]
    for _tid, floor, proc in cli_marks:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "Traceback" not in err, (floor, err[-2000:])
    window.save_position()
    positions[window.tid] = window.view.top_floor()
    assert library_writer().wait_idle(120)

    assert writers == {"library-writer"}  # the window wrote through its one writer only
    # every bookmark is there: the window's with their notes, the command line's with theirs
    stored = {(b.tid, b.floor): b.note for b in userdata.list_bookmarks()}
    for key in gui_marks:
        assert key in stored and stored[key].startswith("窗口书签"), key
    for tid, floor, _ in cli_marks:
        assert stored.get((tid, floor)) == f"命令行书签{floor}", (tid, floor)
    assert len(stored) == len(set(gui_marks) | {(t, f) for t, f, _ in cli_marks})
    # every last position is there
    for tid, floor in positions.items():
        assert readstate.get_position(tid).last_floor == floor, tid
    # and the counts are exact
    expected = posts_per_thread()
    expected.update({t: 40 for t in LOCAL})
    expected.update({t: 30 for t in CLI_THREADS})
    counted = dict(database.execute_sql("SELECT tid, COUNT(*) FROM post GROUP BY tid").fetchall())
    assert counted == expected
    assert {t.tid: t.post_count for t in queries.list_threads()} == expected
    assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"

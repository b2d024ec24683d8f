"""Counts that say the right thing: unread posts, the floor label, and the demo thread, which
leaves the library (and its counts and search) once real threads are imported."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from ui_library import THREAD_A, THREAD_B, small_library

from reader.cli import main
from reader.config import DEMO_DIR, demo_files
from reader.store import queries, readstate
from reader.store.importing import import_paths

DEMO_TID = 9999999


@pytest.fixture
def library(temp_home, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import close_library, open_library

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    yield tmp_path / "arch"
    close_library()


def _unread(tid: int) -> int:
    return queries.get_thread(tid).unread


def test_unread_is_the_posts_after_the_last_one_read(library, capsys):
    assert _unread(THREAD_A) == 12  # never opened: all of them
    readstate.mark_visited(THREAD_A)  # opened, at #1
    readstate.save_position(THREAD_A, 1)
    assert _unread(THREAD_A) == 11
    readstate.save_position(THREAD_A, 7)
    assert _unread(THREAD_A) == 5
    readstate.mark_visited(THREAD_A)  # a later visit does not make the rest read
    assert _unread(THREAD_A) == 5
    assert main(["threads", "--json"]) == 0
    rows = {t["tid"]: t for t in json.loads(capsys.readouterr().out)}
    assert rows[THREAD_A]["unread"] == 5 and rows[THREAD_A]["last_floor_read"] == 7
    assert rows[THREAD_B]["unread"] == 6


def _row_unread(window, tid: int) -> str:
    from reader.ui.librarypane import TID_ROLE

    source = window.library.source
    for b in range(source.rowCount()):
        board = source.item(b, 0)
        for r in range(board.rowCount()):
            if board.child(r, 0).data(TID_ROLE) == tid:
                return board.child(r, 3).text()
    raise AssertionError(tid)


def test_leaving_a_thread_updates_its_unread_count_in_the_library(library, make_window, qtbot):
    window = make_window(THREAD_A)
    assert _row_unread(window, THREAD_B) == "6"
    window.view.go_to_floor(5)
    qtbot.wait(20)
    window.open_thread(THREAD_B)
    # the position is saved by the library's writer thread; the row follows when it is written
    qtbot.waitUntil(lambda: _row_unread(window, THREAD_A) != "12", timeout=5000)
    assert _row_unread(window, THREAD_A) == str(12 - window.view.thread_model.floors.index(5) - 1)
    assert _row_unread(window, THREAD_A) != "12" and _row_unread(window, THREAD_A) != ""


def test_the_floor_label_counts_posts_and_follows_filters_and_panels(library, make_window, qtbot):
    window = make_window(THREAD_A)
    label = window.floor_label
    assert label.text() == "Floor 1 · 12 posts"
    window.actions["only_op"].trigger()
    assert label.text() == "Floor 1 · 2 of 12 posts"  # not "/ 12", the OP's last floor
    window.reading.show_all_posts()
    assert label.text().endswith("· 12 posts")
    # a re-layout that moves the rows (a panel opens and closes) says the new top floor
    window.resize(700, 400)
    window.view.go_to_floor(9)
    qtbot.wait(20)
    window.actions["authors_panel"].trigger()
    qtbot.wait(50)
    window.actions["authors_panel"].trigger()
    qtbot.wait(50)
    assert label.text() == f"Floor {window.view.top_floor()} · 12 posts"


def test_the_demo_leaves_the_library_after_a_real_import_on_the_command_line(temp_home, tmp_path,
                                                                             capsys):
    from reader.config import resolve_paths
    from reader.store.db import close_library, open_library

    open_library(resolve_paths().ensure().db)
    import_paths(demo_files())  # what the window does on an empty library
    assert [t.tid for t in queries.list_threads()] == [DEMO_TID]
    from reader.store.demo import retire_demo
    assert retire_demo(DEMO_DIR) == []  # alone, the demo stays
    close_library()
    arch = tmp_path / "arch"
    from support import write_thread
    src = write_thread(arch / "外野" / "800-01[真的帖子].md", [(1, "甲", "2024-1-2 3:04", "鹅")], op="甲")
    assert main(["import", str(src)]) == 0
    capsys.readouterr()
    assert main(["threads", "--json"]) == 0
    assert [t["tid"] for t in json.loads(capsys.readouterr().out)] == [800]
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["threads"] == 1 and stats["posts"] == 1 and stats["boards"] == 1
    assert main(["search", "鹅", "--json"]) == 0
    assert [h["tid"] for h in json.loads(capsys.readouterr().out)["hits"]] == [800]
    close_library()


def test_the_window_drops_the_demo_after_an_import_and_counts_its_posts(temp_home, make_window,
                                                                        qtbot, tmp_path):
    from support import write_thread

    window = make_window()
    assert window.tid == DEMO_TID
    posts = queries.get_thread(DEMO_TID).post_count
    assert window.floor_label.text() == f"Floor 1 · {posts} posts"
    src = write_thread(tmp_path / "arch" / "外野" / "800-01[真的帖子].md",
                       [(1, "甲", "2024-1-2 3:04", "鹅")], op="甲")
    with qtbot.waitSignal(window.import_flow.imported, timeout=60_000):
        assert window.import_flow.start([src])
    assert [t.tid for t in queries.list_threads()] == [800]
    assert window.tid == 800
    assert window.library.visible_tids() == [800]
    assert not window.banner.isVisibleTo(window)
    qtbot.keyClick(window.view, Qt.Key.Key_J)  # the view works on the real thread

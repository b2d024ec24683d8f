"""The thread view on the 30,232-post thread: rows, jumps, keyboard, screenshot."""

from __future__ import annotations

from pathlib import Path

from conftest import BIG_TID
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from reader.store import queries


def test_model_has_one_row_per_post(library_home, make_window):
    window = make_window(BIG_TID)
    model = window.view.thread_model
    assert model.rowCount() == queries.get_thread(BIG_TID).post_count == 30232
    assert window.view.top_floor() == 1


def test_go_to_floor_shows_that_floor(library_home, make_window, qtbot):
    window = make_window(BIG_TID)
    view = window.view
    view.go_to_floor(15000)
    qtbot.wait(10)
    assert view.top_floor() == 15000
    row = view.thread_model.row_for_floor(15000)
    rect = view.visualRect(view.thread_model.index(row))
    assert abs(rect.top()) <= 2
    assert rect.height() == view.delegate.measure(row)  # the exact height, not an estimate


def test_keyboard_navigation(library_home, make_window, qtbot):
    window = make_window(BIG_TID)
    view = window.view
    view.setFocus()
    view.go_to_floor(100)
    qtbot.keyClick(view, Qt.Key.Key_J)
    assert view.top_floor() == 101
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.top_floor() == 102
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert view.top_floor() == 101
    before = view.verticalScrollBar().value()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.verticalScrollBar().value() > before
    qtbot.keyClick(view, Qt.Key.Key_End)
    qtbot.wait(10)
    assert view.thread_model.floors[-1] - view.top_floor() < 40
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert view.top_floor() == 1


def test_go_to_floor_dialog(library_home, make_window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    window = make_window(BIG_TID)
    monkeypatch.setattr(QInputDialog, "getInt", staticmethod(lambda *a, **k: (2345, True)))
    window.actions["go_to_floor"].trigger()
    assert window.view.top_floor() == 2345


def test_copy_post_text(library_home, make_window):
    from PySide6.QtGui import QGuiApplication

    window = make_window(BIG_TID, 1000)
    window.view.setFocus()
    window.actions["copy_post"].trigger()
    text = QGuiApplication.clipboard().text()
    assert "1000#" in text.splitlines()[0]


def test_screenshot_renders_text(library_home, tmp_path: Path):
    from reader.ui.app import run_gui

    out = tmp_path / "shot.png"
    assert run_gui(str(library_home), screenshot=str(out), thread=BIG_TID, floor=1000,
                   size="1000x700") == 0
    img = QImage(str(out))
    assert img.width() >= 1000 and img.height() >= 700
    colors = {img.pixel(x, y) for x in range(0, img.width(), 25) for y in range(0, img.height(), 25)}
    assert len(colors) > 5, "image is blank"
    # dark text pixels inside the post area (right of the library pane)
    dark = 0
    for x in range(img.width() // 2, img.width() - 30, 2):
        for y in range(120, img.height() - 40, 2):
            if QColor(img.pixel(x, y)).lightness() < 90:
                dark += 1
    assert dark > 200


def test_a_big_thread_opens_at_its_floor_and_keeps_it_while_the_other_heights_arrive(
        library_home, make_window, qtbot):
    """More than HEIGHTS_AT_ONCE posts: the rows around the floor get their heights at once,
    the others a slice per turn of the event loop; the reader's post does not move meanwhile."""
    from reader.ui.thread.view import HEIGHTS_AT_ONCE

    window = make_window(start=False)
    view = window.view
    assert queries.get_thread(BIG_TID).post_count > HEIGHTS_AT_ONCE
    window.open_thread(BIG_TID, 15000)
    assert view.heights_pending()  # the window goes on before every row has its height
    assert view.top_floor() == 15000
    row = view.thread_model.row_for_floor(15000)
    top = view.visualRect(view.thread_model.index(row)).top()
    qtbot.waitUntil(lambda: not view.heights_pending(), timeout=20_000)
    assert view.top_floor() == 15000
    assert view.visualRect(view.thread_model.index(row)).top() == top
    # every row has its estimate now: the scroll range covers the whole thread
    estimates = view.delegate.estimates()
    assert view.verticalHeader().length() == sum(estimates)


def test_a_bookmark_repaints_the_big_thread_without_laying_it_out_again(
        library_home, make_window, qtbot):
    from support import written

    from reader.store import operations

    window = make_window(BIG_TID, 1200)
    view = window.view
    qtbot.waitUntil(lambda: not view.heights_pending(), timeout=20_000)
    post = view.thread_model.post(view.top_row())
    window.ops.write(operations.add_bookmark, post.tid, post.floor, "", (), post.author)
    written(qtbot, window)
    assert view.thread_model.is_bookmarked(view.top_row())  # the star shows
    assert not view.heights_pending()  # no row was given a new height
    assert view.top_floor() == 1200


def test_a_huge_thread_is_read_off_the_gui_thread_and_a_jump_lands_once_it_is_shown(
        library_home, make_window, qtbot, monkeypatch, tmp_path):
    """Threads of OPEN_LATER_MIN posts open in two steps: read on the pool, then shown; a jump
    from search (or Back/Forward) into one lands on its post once it is shown."""
    import threading

    from support import write_thread

    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths
    from reader.ui import mainwindow
    from reader.ui.thread.model import ThreadModel

    open_library(resolve_paths().ensure().db)
    small = write_thread(tmp_path / "外野" / "4301-01[小楼].md",
                         [(n, "甲", f"2024-1-1 10:{n:02d}", f"小楼第{n}楼") for n in range(1, 6)])
    assert not import_paths([small]).failed
    monkeypatch.setattr(mainwindow, "OPEN_LATER_MIN", 1000)  # the 30,232-post thread is "huge"
    readers: list[tuple[int, str]] = []
    real = ThreadModel.load_thread

    def load_thread(self, tid):
        readers.append((tid, threading.current_thread().name))
        return real(self, tid)

    monkeypatch.setattr(ThreadModel, "load_thread", load_thread)
    window = make_window(4301)
    assert window.tid == 4301 and readers == [(4301, threading.main_thread().name)]
    from reader.store.threadrows import thread_rows

    big_post = thread_rows(BIG_TID).ids[7000]
    window.go_to_post(big_post)  # as a search hit does
    assert window.tid == 4301  # not shown yet: the window went on
    qtbot.waitUntil(lambda: window.tid == BIG_TID, timeout=20_000)
    assert readers[-1][0] == BIG_TID and readers[-1][1] != threading.main_thread().name
    assert window.view.thread_model.ids[window.view.current_row()] == big_post
    window.reading.go_back()
    assert window.tid == 4301
    window.reading.go_forward()
    qtbot.waitUntil(lambda: window.tid == BIG_TID, timeout=20_000)
    assert window.view.thread_model.row_for_post(big_post) == window.view.top_row()

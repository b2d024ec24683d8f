"""Keyboard focus and the library selection follow what the reader just did."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_library import THREAD_A, THREAD_B, small_library


@pytest.fixture
def window(make_window, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    w = make_window(THREAD_B)
    w.activateWindow()
    return w


def _selected_tids(window) -> set[int]:
    from reader.ui.librarypane import TID_ROLE

    rows = window.library.tree.selectionModel().selectedRows()
    return {r.data(TID_ROLE) for r in rows}


def test_back_to_all_posts_gives_the_keys_to_the_thread(window, qtbot):
    window.reading.only_author("玩家3")
    bar = window.reading.filter_bar
    assert bar.isVisible()
    qtbot.mouseClick(bar.back, Qt.MouseButton.LeftButton)
    assert not bar.isVisible()
    assert QApplication.focusWidget() is window.view
    top = window.view.current_row()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_J)
    assert window.library.filter_box.text() == ""
    assert window.view.current_row() != top


def test_a_search_hit_in_another_thread_leaves_one_row_selected(window, qtbot):
    flow = window.search_flow
    window.actions["search"].trigger()
    with qtbot.waitSignal(flow.searched, timeout=5000):
        flow.field.setText("赛博朋克")
    qtbot.keyClick(flow.field, Qt.Key.Key_Return)
    assert window.tid == THREAD_A
    assert _selected_tids(window) == {THREAD_A}
    tree = window.library.tree
    assert tree.currentIndex().data(Qt.ItemDataRole.UserRole + 1) == THREAD_A
    qtbot.wait(50)
    assert _painted_selected(window, THREAD_A) and not _painted_selected(window, THREAD_B)


def test_enter_in_the_filter_opens_the_only_match(window, qtbot):
    box = window.library.filter_box
    window.focus_filter()
    qtbot.keyClicks(box, str(THREAD_A))
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.tid == THREAD_A
    assert QApplication.focusWidget() is window.view
    # more than one match: Enter goes to the list, the reader picks with the arrows
    box.setText("")
    window.focus_filter()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.tid == THREAD_A
    assert QApplication.focusWidget() is window.library.tree


def _painted_selected(window, tid: int) -> bool:
    """Whether the library row of ``tid`` is painted with the selection colour."""
    from reader.ui.librarypane import TID_ROLE

    tree = window.library.tree
    proxy = tree.model()
    # what is on screen (the backing store), not a fresh rendering: a row that was not repainted
    # after the selection moved still shows as selected there
    QApplication.processEvents()
    screen = QApplication.primaryScreen().grabWindow(window.winId()).toImage()
    origin = tree.viewport().mapTo(window, tree.viewport().rect().topLeft())
    dpr = screen.devicePixelRatio()
    highlight = tree.palette().color(tree.palette().ColorGroup.Active, tree.palette().ColorRole.Highlight)
    for b in range(proxy.rowCount()):
        board = proxy.index(b, 0)
        for r in range(proxy.rowCount(board)):
            index = proxy.index(r, 1, board)
            if index.data(TID_ROLE) == tid:
                rect = tree.visualRect(index)
                x, y = origin.x() + rect.center().x(), origin.y() + rect.top() + 2
                c = screen.pixelColor(int(x * dpr), int(y * dpr))
                return abs(c.red() - highlight.red()) + abs(c.green() - highlight.green()) < 40
    raise AssertionError(f"tid {tid} not in the library pane")


def test_moving_the_selection_repaints_both_rows(window, qtbot):
    """What the reader sees, not only the selection model: the old row loses its colour."""
    qtbot.wait(50)
    assert _painted_selected(window, THREAD_B)
    window.library.select_tid(THREAD_A, emit=False)
    qtbot.wait(50)
    assert _painted_selected(window, THREAD_A)
    assert not _painted_selected(window, THREAD_B)

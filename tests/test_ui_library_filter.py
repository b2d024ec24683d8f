"""Typing in the library filter only filters: it never opens a thread, marks a post read or
records a visit. The open thread stays until the reader picks another one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from ui_library import THREAD_A, THREAD_B, small_library


@pytest.fixture
def window(make_window, tmp_path):
    from support import write_thread

    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    # two more threads on the open thread's board, whose titles hold the typed text
    extra = [write_thread(tmp_path / "arch" / "游戏区" / f"{tid}-01[{title}].md",
                          [(1, "某人", "2024-1-1 1:00", f"{title} 一楼"), (2, "别人", "2024-1-1 1:01", "二楼")])
             for tid, title in ((4103, "xbox 手柄"), (4104, "xbox 新主机"))]
    import_paths(extra)
    w = make_window(THREAD_B)
    w.activateWindow()
    return w


def type_text(widget, text: str) -> None:
    """Key presses carrying each character, as a keyboard (or an input method) sends them;
    QTest's keyClicks knows only ASCII."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, ch))
        QApplication.processEvents()


def test_typing_in_the_filter_opens_nothing_marks_nothing_records_nothing(window, qtbot):
    from reader.store import queries, readstate

    assert window.tid == THREAD_B
    before = {tid for tid in (THREAD_A, 4103, 4104) if readstate.get_position(tid) is not None}
    history = [info.tid for info, _at in queries.reading_history()]
    window.focus_filter()
    box = window.library.filter_box
    for text in ("x", "xb", "xbo", "xbox", "高", "xbox 新"):
        box.setText("")
        type_text(box, text)
        qtbot.wait(20)
        assert window.tid == THREAD_B, f"typing {text!r} opened thread {window.tid}"
        assert window.view.thread_model.tid == THREAD_B
    window.library.filter_box.clear()
    qtbot.wait(1200)  # longer than the reading position's save delay
    assert {tid for tid in (THREAD_A, 4103, 4104) if readstate.get_position(tid) is not None} == before
    assert [info.tid for info, _at in queries.reading_history()] == history
    # the open thread is still the selected row once the filter is cleared
    from reader.ui.librarypane import TID_ROLE

    assert window.library.tree.currentIndex().data(TID_ROLE) == THREAD_B
    # picking a row (arrow keys in the list, a click) still opens it
    window.library.filter_box.setText("xbox 新")
    window.library.tree.setFocus()
    index = window.library._index_of(4104)
    window.library.tree.setCurrentIndex(index)
    assert window.tid == 4104
    # and Enter in the box opens the only match
    window.focus_filter()
    box.setText("")
    type_text(box, "手柄")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert window.tid == 4103

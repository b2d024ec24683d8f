"""Bookmarks and History in the window: add with note and tags, filter, jump, remove with undo,
missing posts kept, history lists opened threads, user-data backup round trip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from support import written
from ui_library import THREAD_A, THREAD_B, small_library

from reader.store import userdata
from reader.ui.bookmarkdialog import BookmarkDialog, split_tags
from reader.ui.bookmarkpanel import ID_ROLE


@pytest.fixture
def window(make_window, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    return make_window(THREAD_A)


def _answer_dialog(qtbot, note: str, tags: str, remove: bool = False) -> None:
    """Fill in the bookmark dialog as soon as it opens (it runs modally)."""

    def fill():
        dlg = next((w for w in QApplication.topLevelWidgets()
                    if isinstance(w, BookmarkDialog) and w.isVisible()), None)
        if dlg is None:
            QTimer.singleShot(20, fill)
            return
        dlg.note_edit.setPlainText(note)
        dlg.tags_edit.setText(tags)
        if remove:
            dlg._remove()
        else:
            dlg.accept()

    QTimer.singleShot(0, fill)


def test_split_tags():
    assert split_tags("高达, 模型，高达 好图") == ["高达", "模型", "好图"]


def test_ctrl_d_adds_and_edits(window, qtbot):
    window.view.go_to_floor(5)
    _answer_dialog(qtbot, "好楼", "高达, 模型")
    window.actions["bookmark_post"].trigger()
    written(qtbot, window)
    [b] = userdata.list_bookmarks()
    assert (b.tid, b.floor, b.note, b.tags) == (THREAD_A, 5, "好楼", ("高达", "模型"))
    row = window.view.current_row()
    assert window.view.thread_model.is_bookmarked(row)  # the star shows
    assert "#5" in window.statusBar().currentMessage()
    # the same post again edits the bookmark
    _answer_dialog(qtbot, "改过的笔记", "模型")
    window.actions["bookmark_post"].trigger()
    written(qtbot, window)
    [b] = userdata.list_bookmarks()
    assert (b.note, b.tags) == ("改过的笔记", ("模型",))


def test_panel_filter_jump_and_undo_remove(window, qtbot):
    userdata.add_bookmark(THREAD_A, 3, "扎古", ["高达"])
    userdata.add_bookmark(THREAD_A, 12, "总结", ["高达", "总结"])
    userdata.add_bookmark(THREAD_B, 4, "歪了", ["原神"])
    flow = window.userdata_flow
    window.actions["bookmarks_panel"].trigger()
    panel = flow.bookmarks
    assert flow.bookmarks_dock.isVisible()
    assert panel.row_count() == 3
    # filter by text (debounced) and by tag
    panel.filter_box.insert("总结")  # keyClicks only types ASCII
    qtbot.waitUntil(lambda: panel.row_count() == 1)
    panel.filter_box.clear()
    panel.refresh()
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("高达"))
    assert panel.row_count() == 2
    panel.tag_box.setCurrentIndex(panel.tag_box.findData("原神"))
    assert panel.row_count() == 1
    # double-click (activation) jumps into the other thread at the floor
    item = panel.tree.item(0)
    panel.tree.itemActivated.emit(item)
    assert window.tid == THREAD_B
    assert window.view.thread_model.post(window.view.currentIndex().row()).floor == 4
    # remove, then undo: the same bookmark comes back with its note
    panel.tag_box.setCurrentIndex(0)
    panel.sort_box.setCurrentIndex(panel.sort_box.findData("thread"))
    assert [userdata.get_bookmark(panel.tree.item(i).data(ID_ROLE)).floor for i in range(3)] == [3, 12, 4]
    panel.tree.setCurrentRow(1)
    panel.remove_button.click()
    written(qtbot, window)
    assert panel.row_count() == 2
    assert panel.undo_bar.isVisible()
    assert panel.tree.currentRow() == 1  # the next bookmark is selected
    assert [b.floor for b in userdata.list_bookmarks(order="thread")] == [3, 4]
    panel.undo_bar.button.click()
    written(qtbot, window)
    assert panel.row_count() == 3
    restored = [b for b in userdata.list_bookmarks() if b.floor == 12]
    assert restored and restored[0].note == "总结" and restored[0].tags == ("高达", "总结")
    assert not panel.undo_bar.isVisible()


def test_missing_post_is_listed(window):
    from reader.store.models import database

    b = userdata.add_bookmark(THREAD_B, 2, "会消失")
    database.execute_sql("DELETE FROM post WHERE tid = ? AND floor = 2", (THREAD_B,))
    window.actions["bookmarks_panel"].trigger()
    panel = window.userdata_flow.bookmarks
    assert panel.row_count() == 1
    item = panel.tree.item(0)
    assert "Not in the local archive" in item.text() or "不在本地存档" in item.text()
    panel.tree.itemActivated.emit(item)  # nothing to jump to, and no crash
    assert userdata.get_bookmark(b.id).missing


def test_history_lists_opened_threads(window, qtbot):
    window.view.go_to_floor(4)
    floor = window.view.top_floor()  # a short thread cannot scroll every floor to the top
    assert floor > 1
    window.save_position()
    window.open_thread(THREAD_B)
    window.actions["history_panel"].trigger()
    history = window.userdata_flow.history
    assert window.userdata_flow.history_dock.isVisible()
    assert set(history.tids()) == {THREAD_A, THREAD_B}
    row = history.tids().index(THREAD_A)
    item = history.tree.topLevelItem(row)
    assert item.text(1).startswith(f"#{floor} ")
    history.tree.itemActivated.emit(item, 0)
    assert window.tid == THREAD_A
    assert window.view.top_floor() == floor


def test_userdata_export_import(window, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    userdata.add_bookmark(THREAD_A, 7, "备份我", ["b"])
    target = tmp_path / "backup.json"
    window.userdata_flow.export_userdata(str(target))
    qtbot.waitUntil(lambda: "Exported 1 bookmarks" in window.statusBar().currentMessage())
    assert target.is_file()
    [b] = userdata.list_bookmarks()
    userdata.remove_bookmark(b.id)
    window.userdata_flow.import_userdata(str(target))
    window.userdata_flow.import_userdata(str(target))  # merging twice adds nothing
    written(qtbot, window)
    [again] = userdata.list_bookmarks()
    assert (again.floor, again.note) == (7, "备份我")
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    window.userdata_flow.import_userdata(str(bad))  # a warning, not an exception
    written(qtbot, window)
    assert any(box.windowTitle() == "Import failed" and box.isVisible()
               for box in window.findChildren(QMessageBox))
    assert len(userdata.list_bookmarks()) == 1


def test_context_menu_has_bookmark(window):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    window.view.customContextMenuRequested.emit(QPoint(40, 40))  # a right click
    menu = window.findChildren(QMenu)[-1]
    assert window.actions["bookmark_post"] in menu.actions()
    menu.close()

"""Text inside posts can be selected with the mouse, within a post and across posts, and copied
with Ctrl+C or the context menu's Copy; a click still follows links and picks the post."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QGuiApplication, QMouseEvent
from PySide6.QtWidgets import QApplication, QMenu
from support import write_thread
from ui_cards import text_point

TID = 4401


@pytest.fixture
def window(make_window, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    posts = [(1, "甲", "2024-5-1 8:00", "第一楼：今天天气很好，我们去公园散步吧。"),
             (2, "乙", "2024-5-1 8:01", "第二楼：公园里的樱花开了，拍了很多照片。\n\n还有第二段文字。"),
             (3, "丙", "2024-5-1 8:02", "第三楼：下次一起去。")]
    path = write_thread(tmp_path / "arch" / "外野" / f"{TID}-01[选字].md", posts)
    assert not import_paths([path]).failed
    w = make_window(TID)
    w.activateWindow()
    return w


def _mouse(widget, kind: QEvent.Type, point: QPoint, buttons: Qt.MouseButton) -> None:
    button = Qt.MouseButton.LeftButton if kind != QEvent.Type.MouseMove else Qt.MouseButton.NoButton
    event = QMouseEvent(kind, QPointF(point), QPointF(widget.mapToGlobal(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _drag(view, start: QPoint, end: QPoint) -> None:
    """Press, move in steps, release: the reader's drag over the text."""
    viewport = view.viewport()
    left = Qt.MouseButton.LeftButton
    _mouse(viewport, QEvent.Type.MouseButtonPress, start, left)
    for k in range(1, 6):
        _mouse(viewport, QEvent.Type.MouseMove, start + (end - start) * k / 5, left)
    _mouse(viewport, QEvent.Type.MouseButtonRelease, end, Qt.MouseButton.NoButton)


def test_a_sentence_of_a_post_is_selected_and_copied_with_ctrl_c(window, qtbot):
    view = window.view
    QGuiApplication.clipboard().clear()
    _drag(view, text_point(view, 1, "公园里", 0, "left"), text_point(view, 1, "照片", 1, "right"))
    assert view.has_selection()
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "公园里的樱花开了，拍了很多照片"
    # what is selected is drawn so: the selection's colour is on the card
    image = view.viewport().grab().toImage()
    p = text_point(view, 1, "樱花", 0)
    highlight = QGuiApplication.palette().color(QGuiApplication.palette().ColorRole.Highlight)
    dpr = image.devicePixelRatio()
    assert any(image.pixelColor(int((p.x() + dx) * dpr), int(p.y() * dpr)) == highlight
               for dx in range(-6, 7))
    # a click elsewhere clears it; Ctrl+C then copies the whole post as before
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=text_point(view, 2, "下次", 0))
    assert not view.has_selection()


def test_a_selection_across_posts_and_the_context_menus_copy(window, qtbot):
    view = window.view
    _drag(view, text_point(view, 0, "公园散步", 0, "left"), text_point(view, 2, "一起", 0, "left"))
    assert view.selected_text() == ("公园散步吧。\n\n第二楼：公园里的樱花开了，拍了很多照片。\n还有第二段文字。"
                                    "\n\n第三楼：下次")
    QGuiApplication.clipboard().clear()
    window._context_menu(text_point(view, 1, "樱花", 0))
    menu = next(m for m in window.findChildren(QMenu) if m.isVisible())
    copy = next(a for a in menu.actions() if a.text().replace("&", "") == "Copy")
    copy.trigger()
    menu.close()
    assert QGuiApplication.clipboard().text() == view.selected_text()
    # the whole post is still one entry away
    whole = next(a for a in menu.actions() if a.text().replace("&", "") == "Copy the whole post")
    whole.trigger()
    assert "公园里的樱花开了" in QGuiApplication.clipboard().text()
    assert "第一楼" not in QGuiApplication.clipboard().text()

"""A link in a post to a thread or post of the forum opens it in the window when the library
holds it (Back returns); one it does not hold offers the browser or saving it from the forum."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from support import write_thread
from ui_cards import text_point

NEXT = "https://bbs.saraba1st.com/2b/thread-4302-1-1.html"
PAGE_2 = "https://bbs.saraba1st.com/2b/thread-4302-2-1.html"
GONE = "https://stage1st.com/2b/thread-4399-1-1.html"
QUOTED_POST = ("https://bbs.saraba1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=777001&ptid=4302")


@pytest.fixture
def window(make_window, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    quote = ('<blockquote><a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost'
             '&amp;pid=777001&amp;ptid=4302" target="_blank">丙 发表于 2024-2-1 10:40</a>\n第四十楼 ...'
             '</blockquote>\n引用一下')
    first = [(1, "楼主", "2024-1-1 10:00", f"卡页换楼，新楼：[下一楼]({NEXT})"),
             (2, "甲", "2024-1-1 10:01", f"第二页在这 {PAGE_2}"),
             (3, "乙", "2024-1-1 10:02", f"[没存的楼]({GONE})"),
             (4, "丁", "2024-1-1 10:03", f"那个帖子：[这楼]({QUOTED_POST})")]
    second = [(n, "丙", f"2024-2-1 {10 + n // 60}:{n % 60:02d}", f"第{n}楼") for n in range(1, 61)]
    second[39] = (40, "丙", "2024-2-1 10:40", "第四十楼")
    files = [write_thread(tmp_path / "arch" / "外野" / "4301-01[旧楼].md", first, op="楼主"),
             write_thread(tmp_path / "arch" / "外野" / "4302-01[新楼].md", second),
             write_thread(tmp_path / "arch" / "外野" / "4303-01[引用].md",
                          [(1, "戊", "2024-3-1 9:00", quote)])]
    assert not import_paths(files).failed
    return make_window(4301)


def _click(window, qtbot, row: int, text: str) -> None:
    view = window.view
    view.scroll_to_row(0)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=text_point(view, row, text, 1))


def test_a_link_to_a_thread_in_the_library_opens_it_in_place_and_back_returns(window, qtbot):
    _click(window, qtbot, 0, "下一楼")
    assert window.tid == 4302
    assert window.view.top_floor() == 1  # never read: at its first post
    window.reading.go_back()
    assert window.tid == 4301
    # a link to a page: that page's first post
    _click(window, qtbot, 1, "thread-4302-2-1")
    assert window.tid == 4302 and window.view.top_floor() == 31
    window.reading.go_back()
    assert window.tid == 4301


def test_a_link_to_a_post_opens_the_post(window, qtbot):
    # the post's pid is known from a quote of it (archive posts do not carry their pid)
    _click(window, qtbot, 3, "这楼")
    assert window.tid == 4302
    model = window.view.thread_model
    assert model.floors[window.view.current_row()] == 40


def test_a_link_to_a_thread_not_in_the_library_offers_the_browser_or_saving_it(window, qtbot, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr("reader.ui.mainwindow.open_external", lambda url: opened.append(str(url)) or True)
    fetched: list[list[int]] = []
    monkeypatch.setattr(window.forum_flow, "fetch", lambda tids, open_after: fetched.append(tids) or True)
    _click(window, qtbot, 2, "没存的楼")
    box = window.link_box
    assert box.isVisible() and "4399" in box.text()
    assert window.tid == 4301 and opened == []  # nothing opened yet: the reader chooses
    buttons = {b.text(): b for b in box.buttons()}
    qtbot.mouseClick(buttons["Save from the forum"], Qt.MouseButton.LeftButton)
    assert fetched == [[4399]]
    _click(window, qtbot, 2, "没存的楼")
    buttons = {b.text(): b for b in window.link_box.buttons()}
    qtbot.mouseClick(buttons["Open in the browser"], Qt.MouseButton.LeftButton)
    assert opened == [GONE]
    assert isinstance(window.link_box, QMessageBox)

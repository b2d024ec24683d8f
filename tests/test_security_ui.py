"""Security of the window against crafted archive data (issue 18): links from posts open only
http(s) in the system browser, and titles / names are shown as plain text, never as markup."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from support import write_thread

from reader.store.importing import import_paths

SCHEMES = ("http", "https", "javascript", "data", "file")


class _Opened(QObject):
    """Receives what QDesktopServices.openUrl would hand to the system (Qt's own handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def record(self, url: QUrl) -> None:
        self.urls.append(url.toString())


@pytest.fixture
def opened():
    catcher = _Opened()
    for scheme in SCHEMES:
        QDesktopServices.setUrlHandler(scheme, catcher, "record")
    yield catcher
    for scheme in SCHEMES:
        QDesktopServices.unsetUrlHandler(scheme)


def _library(tmp_path, title: str, author: str = "甲"):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    body = ("[点我](javascript:alert(1)) [数据](data:text/html,<script>alert(1)</script>) "
            "[影子](file:///etc/shadow) [正常](https://example.org/x)")
    path = write_thread(tmp_path / "arch" / "外野" / f"900061-01[{title}].md",
                        [(1, author, "2024-3-1 10:00", body), (2, "乙", "2024-3-1 10:05", "二楼")],
                        op=author)
    result = import_paths([path])
    assert not result.failed, result.failed


def test_post_links_open_only_http(make_window, tmp_path, opened):
    _library(tmp_path, "链接测试")
    window = make_window(900061)
    for href in ("javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
                 "file:///etc/shadow", "JavaScript:alert(2)", "https://example.org/x"):
        window.view.link_activated.emit(href)
    assert opened.urls == ["https://example.org/x"]
    assert "file:///etc/shadow" not in opened.urls
    assert "Not opened" in window.statusBar().currentMessage() or "未打开" in window.statusBar().currentMessage()


def test_title_with_markup_is_plain_text(make_window, tmp_path):
    secret = tmp_path / "secret.png"
    from PIL import Image

    Image.new("RGB", (50, 50), "red").save(secret)
    src = str(secret).replace("/", "&#47;")
    title = f"&lt;img src=&quot;{src}&quot; width=60000&gt;&lt;a href=x&gt;click&lt;&#47;a&gt;"
    _library(tmp_path, title, author="<b>作者</b>")
    window = make_window(900061)
    label = window.title_label
    assert "<img" in label.text()          # the title as it is, shown literally
    assert label.sizeHint().width() < 3000  # rich text would lay out a 60000 px wide picture
    assert label.minimumSizeHint().width() < 3000
    from reader.ui.plain import plain_tip

    assert "<img" not in plain_tip(label.text())
    source = window.library.source
    tips = [source.item(r, 0).child(c, 0).toolTip()
            for r in range(source.rowCount()) for c in range(source.item(r, 0).rowCount())]
    assert tips and all("<img" not in t for t in tips)
    window.reading.only_author("<b>作者</b>")
    bar = window.reading.filter_bar.label
    assert "<b>作者</b>" in bar.text() and bar.textFormat() == Qt.TextFormat.PlainText


# -- issue 30 item 4: every tooltip and label that shows a title, a name or forum text


def _hostile_library(tmp_path):
    """A thread whose title, author, board, quote, bookmark note and picture all hold markup."""
    from reader.config import resolve_paths
    from reader.store import userdata
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    secret = tmp_path / "secret.png"
    from PIL import Image

    Image.new("RGB", (50, 50), "red").save(secret)
    src = str(secret).replace("/", "&#47;")
    title = f"&lt;img src=&quot;{src}&quot; width=600&gt;标题"
    author = f'<img src="{secret}" width=600>作者'
    body = (f"图文 <img src=\"https://img.stage1st.com/forum/x/&lt;img src={secret}&gt;.png\">\n\n"
            f"&lt;img src=&quot;{secret}&quot; width=600&gt;正文")
    path = write_thread(tmp_path / "arch" / "<i>外野</i>" / f"900062-01[{title}].md",
                        [(1, author, "2024-3-1 10:00", body),
                         (2, "乙", "2024-3-1 10:05", f"<blockquote>{author} 发表于 2024-3-1 10:00\n引用"
                          "</blockquote>\n回复")], op=author)
    result = import_paths([path])
    assert not result.failed, result.failed
    userdata.add_bookmark(900062, 1, note=f'<img src="{secret}" width=600>笔记', tags=["<b>标签</b>"])
    return secret


def _rich_markup(text: str) -> bool:
    """Whether ``text`` would show a hostile ``<img>`` when Qt takes it for rich text."""
    from PySide6.QtGui import Qt as GuiQt

    return "<img" in text and GuiQt.mightBeRichText(text)


def _offending(widgets) -> list[str]:
    from PySide6.QtCore import QAbstractListModel, QModelIndex
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QGroupBox, QLabel, QMessageBox

    found = []
    for w in widgets:
        name = f"{type(w).__name__}({w.objectName()})"
        if _rich_markup(w.toolTip()):
            found.append(f"{name} tooltip: {w.toolTip()[:80]}")
        if isinstance(w, QLabel | QMessageBox) and _rich_markup(w.text()) \
                and w.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"{name} text: {w.text()[:80]}")
        if isinstance(w, QAbstractButton | QGroupBox) and "<img" in (w.text() if isinstance(
                w, QAbstractButton) else w.title()):
            pass  # buttons and group titles are always plain text
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model, stack = w.model(), [QModelIndex()]
            while stack:
                parent = stack.pop()
                columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)
                for r in range(min(model.rowCount(parent), 500)):
                    for c in range(columns):
                        index = model.index(r, c, parent)
                        tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                        if isinstance(tip, str) and _rich_markup(tip):
                            found.append(f"{name} item tooltip: {tip[:80]}")
                        if c == 0 and not isinstance(model, QAbstractListModel) and model.rowCount(index):
                            stack.append(index)
    return found


def test_every_tooltip_and_label_shows_hostile_text_as_text(make_window, tmp_path, qtbot):
    from PySide6.QtWidgets import QApplication

    from reader.store import userdata

    secret = _hostile_library(tmp_path)
    userdata.mark_user(f'<img src="{secret}" width=600>作者', "block")
    window = make_window(900062)
    window.userdata_flow.toggle_bookmarks()
    window.userdata_flow.toggle_history()
    window.reading.toggle_authors_panel()
    flow = window.search_flow
    with qtbot.waitSignal(flow.searched, timeout=10_000):
        flow.field.setText("正文")
    flow.dock.show()
    flow.panel.activate_current()  # the blocked author's hit, shown
    qtbot.wait(50)
    for page in ("toggle_digest", "toggle_gallery"):
        getattr(window.digest_flow, page)()
        qtbot.wait(500)
        offending = _offending(QApplication.allWidgets())
        assert not offending, "\n".join(offending)
    window.reading.only_author(f'<img src="{secret}" width=600>作者')
    offending = _offending(QApplication.allWidgets())
    assert not offending, "\n".join(offending)

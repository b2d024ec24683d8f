"""Chinese throughout (issue 29): under zh_CN every window, dialog, page and menu of the program
shows no untranslated text. The test walks them, collects every string a user can see (labels,
buttons, tabs, headers, titles, placeholders, menu entries, combo items, table cells of messages)
and flags one that is English: ASCII words and no Chinese, after leaving out what stays as it is
everywhere (names, paths, codes, commands)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QTableWidget,
    QTreeWidget,
    QWidget,
)
from support import write_thread

from reader.ui.translation import install_translator

CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
TAG = re.compile(r"<[^>]+>")
# what stays the same in every language: program and forum names, commands, codes, paths, units
KEEP = re.compile(
    r"`[^`]*`|https?://\S+|(?:/[\w.\-]+)+/?|\[[\w/]+\]|\b[\w.-]+\.(?:md|txt|json|zip|html|sqlite3|png)\b"
    r"|\b(?:s1reader|Stage1st|S1|Qt|PySide6|SQLite|English|TID|tid|ptid|MiB|KB|MB|UTF-8|GBK|OK"
    r"|Ctrl|Shift|Alt|Esc|Enter|Tab|Del|Backspace|PgUp|PgDown|Home|End|Space|Left|Right|Up|Down"
    r"|F\d+|NAME|TIME|S1READER_\w+|author|board|thread|before|after|in|quote|NN|title)\b")


def english(text: str) -> bool:
    text = TAG.sub(" ", text).replace("&amp;", "&").replace("&", "")
    if CJK.search(text):
        return False
    rest = KEEP.sub(" ", text)
    return len(re.findall(r"[A-Za-z]{3,}", rest)) >= 1


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []

    def add(where: str, text: str | None) -> None:
        if text and text.strip():
            out.append((where, text))

    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if not w.isVisibleTo(root) and w is not root:
            continue
        name = type(w).__name__
        if w.isWindow():
            add(f"{name} title", w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton):
            add(name, w.text())
        elif isinstance(w, QGroupBox):
            add(name, w.title())
        elif isinstance(w, QLineEdit):
            add(f"{name} placeholder", w.placeholderText())
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                add(f"{name} item", w.itemText(i))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                add(f"{name} tab", w.tabText(i))
        elif isinstance(w, QDockWidget):
            add(f"{name} title", w.windowTitle())
        elif isinstance(w, QHeaderView) and w.model() is not None:
            for i in range(w.count()):
                add(f"{name} header", w.model().headerData(i, w.orientation()))
    for menu in root.findChildren(QMenu):
        add("QMenu title", menu.title())
        for action in menu.actions():
            add("QMenu entry", action.text())
    return out


@pytest.fixture
def chinese(qapp):
    lang = install_translator("zh_CN")
    yield lang
    install_translator("en")


def _library(tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    path = write_thread(tmp_path / "arch" / "外野" / "900090-01[走查].md",
                        [(1, "甲", "2024-3-1 10:00", "一楼"), (2, "乙", "2024-3-1 10:05", "二楼")], op="甲")
    assert not import_paths([path]).failed


def test_every_window_dialog_and_page_is_chinese(chinese, make_window, qtbot, tmp_path):
    from reader.parse.errors import FormatError
    from reader.parse.thread import parse_text
    from reader.store.importing.results import ImportFailure, ImportResult
    from reader.ui.aboutdialog import AboutDialog
    from reader.ui.authorspanel import AuthorPage
    from reader.ui.bookmarkdialog import BookmarkDialog
    from reader.ui.importerrors import ImportErrorsDialog
    from reader.ui.logindialog import LoginDialog
    from reader.ui.marksdialog import MarksDialog
    from reader.ui.settingsdialog import SettingsDialog
    from reader.ui.shortcutsdialog import show_shortcuts

    assert chinese == "zh_CN"
    _library(tmp_path)
    window = make_window(900090)
    window.search_flow.show_search()
    window.userdata_flow.toggle_bookmarks()
    window.userdata_flow.toggle_history()
    try:
        parse_text("\n*****\n\n####  甲  \nno floor line\n", "外野/1-01[x].md")
        raise AssertionError("the broken file parsed")
    except FormatError as e:
        broken = ImportFailure(e.path, e.line, e.message)
    result = ImportResult(files=3, failed=[broken, ImportFailure("/x/b.md", 0, "cannot read: Permission denied"),
                                            ImportFailure("/x/c.md", 1, "UTF-16 text; save the file as UTF-8 and import it again")])
    file_dialog = QFileDialog(window, "x")
    file_dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    from reader.config import resolve_paths

    pages: list[QWidget] = [
        window,
        SettingsDialog("zh_CN", "light", window, smileys=(3, 917)),
        AboutDialog(resolve_paths(), window),
        show_shortcuts(window, window.actions),
        MarksDialog(6, "collapse", window.ops, window),
        BookmarkDialog("900090 · 2#", known_tags=["a"], parent=window),
        AuthorPage("乙", window),
        ImportErrorsDialog(result, window),
        LoginDialog("https://stage1st.com/2b/", "", window),
        file_dialog,
    ]
    problems = []
    seen: set[str] = set()
    for page in pages:
        qtbot.addWidget(page) if page is not window else None
        page.show()
        qtbot.waitExposed(page)
        for where, text in visible_texts(page):
            seen.add(text)
            if english(text):
                problems.append(f"{type(page).__name__} · {where}: {text!r}")
        # what the tables of messages show (the import problems), cell by cell
        for table in page.findChildren(QTableWidget):
            for r in range(table.rowCount()):
                item = table.item(r, 2)
                if item is not None and english(item.text()):
                    problems.append(f"{type(page).__name__} · cell: {item.text()!r}")
        for tree in page.findChildren(QTreeWidget):
            header = tree.headerItem()
            for c in range(tree.columnCount()):
                if english(header.text(c)):
                    problems.append(f"{type(page).__name__} · column: {header.text(c)!r}")
        if page is not window:
            page.close()
    assert not problems, "untranslated under zh_CN:\n" + "\n".join(sorted(set(problems)))
    # the walk reached the pages the issue named: the author page's boards tab, the file dialog
    assert {"版块", "查找范围(&L)：", "文件类型(&T)："} <= seen


def test_keyword_rule_and_mark_errors_are_chinese(chinese):
    from reader.store.rulematch import RulePatternError, check_pattern
    from reader.ui.errortext import translated

    for pattern in ("(a+)+", "([", "x" * 5000):
        with pytest.raises(RulePatternError) as e:
            check_pattern(pattern)
        assert not english(translated(str(e.value))), translated(str(e.value))
    assert translated("a user name is needed") == "需要填写用户名"
    assert "不是颜色" in translated("not a colour: nope (give #rgb or #rrggbb such as #e8a317, or a name such as orange)")

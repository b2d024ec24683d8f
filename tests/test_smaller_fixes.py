"""The smaller reader-facing fixes: Back after "go to floor", bookmark add on a bookmarked post,
``author --posts`` in text, plurals and English words in the English CLI, About's version, the
shortcut list, a progress dialog that keeps its width."""

from __future__ import annotations

import json
import re

import pytest
from PySide6.QtWidgets import QWidget
from support import write_thread
from ui_library import THREAD_A, small_library

from reader import __version__
from reader.cli import main
from reader.store.db import close_library


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "home"))
    src = write_thread(tmp_path / "arch" / "外野" / "900-01[一个帖子].md",
                       [(1, "甲", "2024-1-2 3:04", "第一楼"), (2, "乙", "2024-1-2 3:05", "第二楼")],
                       op="甲")
    assert main(["import", str(src)]) == 0
    yield tmp_path / "home"
    close_library()


def _run(capsys, *argv):
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bookmarking_a_bookmarked_post_says_the_note_was_replaced(home, capsys):
    code, out, err = _run(capsys, "bookmark", "add", "900", "2", "--note", "第一次", "--json")
    assert code == 0 and json.loads(out)["existed"] is False and err == ""
    code, out, err = _run(capsys, "bookmark", "add", "900", "2", "--note", "第二次", "--json")
    data = json.loads(out)
    assert data["existed"] is True and data["previous_note"] == "第一次" and data["note"] == "第二次"
    assert "already existed" in err and "第一次" in err
    code, out, err = _run(capsys, "bookmark", "add", "900", "2")
    assert out.startswith("updated bookmark") and "第二次" in out


def test_author_posts_print_without_json_and_english_has_no_chinese_labels(home, capsys):
    code, out, err = _run(capsys, "author", "乙", "--posts", "5")
    assert code == 0
    assert "1 post in 1 thread," in out  # not "1 posts in 1 threads"
    assert "第二楼" in out and "recent posts" in out
    code, out, err = _run(capsys, "show", "900")
    assert "· 2 posts]" in out and "(OP)" in out
    labels = re.sub(r"[^\n]*(一个帖子|甲|乙|第.楼|外野)[^\n]*", "", out)  # data lines aside
    assert not re.search(r"[\u4e00-\u9fff]", labels)
    assert "楼主" not in out
    code, out, err = _run(capsys, "import", str(home.parent / "arch"))
    assert out.startswith("1 file: ") and "0 posts added" in out


def test_go_to_floor_is_recorded_in_back_history(make_window, tmp_path, qtbot):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    small_library(tmp_path / "arch")
    window = make_window(THREAD_A)
    window.resize(800, 400)
    assert window.view.top_floor() == 1
    assert not window.actions["back"].isEnabled()
    window.jump_to_floor(10)
    qtbot.wait(20)
    assert window.view.top_floor() == 10
    assert window.actions["back"].isEnabled()
    window.actions["back"].trigger()
    assert window.view.top_floor() == 1


def test_about_names_the_version_and_help_lists_the_shortcuts(make_window, tmp_path, qtbot):
    from reader.ui.shortcutsdialog import shortcuts_html

    window = make_window()
    window.show_about()
    assert __version__ in window._about.text()
    window._about.close()
    assert "shortcuts" in window.actions
    html = shortcuts_html(window.actions)
    for text in ("Go to floor", "Ctrl+Shift+F", "Next post"):
        assert text in html
    window.actions["shortcuts"].trigger()
    assert window._shortcuts.isVisible()
    window._shortcuts.close()


def test_the_progress_dialog_keeps_its_width_whatever_the_file_name(qapp, qtbot):
    from reader.ui.taskprogress import close_progress, open_progress, update_progress

    parent = QWidget()
    qtbot.addWidget(parent)
    dlg = open_progress(parent, "Import", "…", "Cancel", 10, lambda: None, min_ms=0)
    dlg.show()
    update_progress(dlg, "a.md\n1/10 files", 1)
    width = dlg.width()
    update_progress(dlg, "外野/" + "很长的标题" * 40 + ".md\n2/10 files", 2)
    assert dlg.width() == width
    update_progress(dlg, "b.md\n3/10 files", 3)
    assert dlg.width() == width
    close_progress(dlg)


def test_side_panels_leave_the_posts_room_at_the_default_size(library_home, make_window, qtbot):
    from PySide6.QtGui import QFontDatabase
    from PySide6.QtWidgets import QApplication

    from reader.ui.app import interface_font
    from reader.ui.translation import install_translator

    app = QApplication.instance()
    font = app.font()
    app.setFont(interface_font(font, set(QFontDatabase.families())))  # the program's own font
    install_translator("zh_CN")  # the Chinese panels, as the reader saw them
    try:
        window = make_window(2130813, 7270)
        window.resize(1280, 860)
        qtbot.wait(20)
        flow = window.search_flow
        window.actions["search"].trigger()
        with qtbot.waitSignal(flow.searched, timeout=10_000):
            flow.field.setText("major 柏林")
        # the window lays the shown panel out after the events of the search (a moment later on
        # a loaded machine: a fixed 100 ms wait failed there now and then)
        qtbot.waitUntil(lambda: window.view.width() >= 500, timeout=5000)
        flow.dock.hide()
        window.actions["authors_panel"].trigger()
        qtbot.waitUntil(lambda: window.view.width() >= 500, timeout=5000)
        assert window.reading.authors_dock.width() >= 260
    finally:
        install_translator("en")
        app.setFont(font)


def test_the_back_arrow_stands_out_in_dark_mode(make_window, qtbot):
    from PySide6.QtGui import QGuiApplication, QIcon, QPalette

    window = make_window()
    try:
        window.set_theme("dark")
        background = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        for mode in (QIcon.Mode.Normal, QIcon.Mode.Disabled):
            image = window.actions["back"].icon().pixmap(32, 32, mode).toImage()
            inked = [image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())
                     if image.pixelColor(x, y).alpha() > 200]
            if mode == QIcon.Mode.Normal:
                assert inked
            if inked:
                light = sum(c.lightness() for c in inked) / len(inked)
                assert abs(light - background.lightness()) > 80, (mode, light, background.lightness())
    finally:
        window.set_theme("light")

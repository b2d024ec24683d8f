"""The first run: the banner explains where archives come from (in the interface language) and
folds away to the demo thread; Help → About names the version, schema and folders."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel

from reader import __version__
from reader.cli import main
from reader.store.migrations import LATEST
from reader.ui.translation import install_translator


def _label_texts(widget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def test_the_empty_library_explains_archives_and_offers_import(make_window, qtbot):
    window = make_window()
    banner = window.banner
    assert banner.isVisibleTo(window) and banner.expanded
    text = _label_texts(banner)
    for word in ("S1PlainTextBackup", "S1PlainTextArchive", "git clone", "Download ZIP", "*****",
                 "发表于", "Drop files"):
        assert word in text
    assert banner.import_button.isVisibleTo(window) and banner.folder_button.isVisibleTo(window)
    banner.toggle_button.click()  # "Read the demo thread": one click
    assert not banner.details.isVisibleTo(window)
    assert banner.isVisibleTo(window)
    assert window.tid == 9999999


def test_the_explanation_is_chinese_in_the_chinese_interface(make_window, qapp):
    install_translator("zh_CN")
    try:
        window = make_window()
        text = _label_texts(window.banner)
        assert "欢迎使用 s1reader" in text and "公开的存档" in text
    finally:
        install_translator("en")


def test_about_shows_version_schema_and_folders_with_open_buttons(make_window, monkeypatch):
    opened = []
    monkeypatch.setattr("reader.ui.aboutdialog.QDesktopServices.openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    window = make_window()
    window.show_about()
    about = window._about
    text = about.text()
    assert __version__ in text and f"schema version {LATEST}" in text
    for folder in (window.paths.data, window.paths.cache, window.paths.config):
        assert str(folder) in text
    about.open_buttons["cache"].click()
    assert opened == [str(window.paths.cache)]
    about.close()


def test_screenshot_describes_itself_as_json(temp_home, tmp_path, capsys):
    out = tmp_path / "about.png"
    assert main(["--screenshot", str(out), "--dialog", "about", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["thread"] == 9999999 and info["welcome"] is True
    assert "演示帖" in info["window_title"]
    assert __version__ in info["dialog_text"]
    assert out.stat().st_size > 2000

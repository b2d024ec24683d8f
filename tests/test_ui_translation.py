"""The Chinese interface: Qt's own strings (dialog buttons, file dialog) are Chinese too."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from reader.ui.translation import install_translator


@pytest.fixture
def chinese(qapp):
    yield install_translator("zh_CN")
    install_translator("en")


def test_qt_standard_buttons_and_the_file_dialog_are_translated(chinese, qtbot):
    assert chinese == "zh_CN"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                           | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(box)
    texts = {box.button(b).text().replace("&", "") for b in (
        QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
        QDialogButtonBox.StandardButton.Close)}
    assert texts == {"确定", "取消", "关闭"}
    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert dialog.labelText(QFileDialog.DialogLabel.FileType) != "Files of type:"


def test_english_has_english_buttons(qapp, qtbot):
    install_translator("en")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancel"


def test_the_reading_tools_speak_chinese_after_their_split(chinese, make_window, qtbot, tmp_path):
    """The texts of the reading tools (one module per task now) keep their translations."""
    from support import write_thread

    from reader.config import resolve_paths
    from reader.store.db import open_library
    from reader.store.importing import import_paths

    open_library(resolve_paths().ensure().db)
    path = write_thread(tmp_path / "arch" / "外野" / "900081-01[译].md",
                        [(1, "甲", "2024-3-1 10:00", "一楼"), (2, "乙", "2024-3-1 10:05", "二楼")],
                        op="甲")
    assert not import_paths([path]).failed
    window = make_window(900081)
    window.reading.show_conversation(0)
    assert window.reading.conversation.pages[-1].windowTitle() == "对话（1 帖）"
    window.reading.block_author(1)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "已屏蔽 乙")

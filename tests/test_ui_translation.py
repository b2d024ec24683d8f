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

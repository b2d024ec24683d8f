"""The Settings dialog: interface language and colour theme."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget


class SettingsDialog(QDialog):
    def __init__(self, language: str, theme: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self.language_box = QComboBox(self)
        for key, label in (("system", self.tr("Follow the system")), ("zh_CN", "简体中文"),
                           ("en", "English")):
            self.language_box.addItem(label, key)
        self.theme_box = QComboBox(self)
        for key, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                           ("dark", self.tr("Dark"))):
            self.theme_box.addItem(label, key)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(language)))
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(theme)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Language:"), self.language_box)
        form.addRow(self.tr("Theme:"), self.theme_box)
        form.addRow(QLabel(self.tr("A new language applies fully after a restart.")))
        form.addRow(buttons)

    def language(self) -> str:
        return self.language_box.currentData()

    def theme(self) -> str:
        return self.theme_box.currentData()

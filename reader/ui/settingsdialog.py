"""The Settings dialog: interface language, colour theme, and the pictures for offline reading
(download all smileys, export or import the picture cache: the chosen task runs after the
dialog closes, with its progress over the window)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)


class SettingsDialog(QDialog):
    def __init__(self, language: str, theme: str, parent: QWidget | None = None,
                 smileys: tuple[int, int] | None = None) -> None:
        super().__init__(parent)
        self.chosen: str | None = None  # "smileys", "export_pictures" or "import_pictures"
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
        if smileys is not None:  # (missing, total) of the smiley catalogue
            missing, total = smileys
            self.smileys_button = QPushButton(self.tr("Download all smileys"), self)
            self.smileys_button.clicked.connect(lambda: self._choose("smileys"))
            state = QLabel((self.tr("All %1 smileys are here for offline reading.") if not missing
                            else self.tr("%1 of %2 smileys are not downloaded yet; without network they "
                                         "show as their names, e.g. [face2017/067]."))
                           .replace("%1", str(missing or total)).replace("%2", str(total)), self)
            state.setWordWrap(True)
            form.addRow(self.tr("Smileys:"), self.smileys_button)
            form.addRow(state)
            carry = QHBoxLayout()
            self.export_button = QPushButton(self.tr("Export pictures…"), self)
            self.export_button.clicked.connect(lambda: self._choose("export_pictures"))
            self.import_button = QPushButton(self.tr("Import pictures…"), self)
            self.import_button.clicked.connect(lambda: self._choose("import_pictures"))
            carry.addWidget(self.export_button)
            carry.addWidget(self.import_button)
            carry.addStretch(1)
            form.addRow(self.tr("Picture cache:"), carry)
            hint = QLabel(self.tr("Carry the downloaded smileys and images to a computer without "
                                  "network in one file."), self)
            hint.setWordWrap(True)
            form.addRow(hint)
        form.addRow(buttons)

    def _choose(self, task: str) -> None:
        self.chosen = task
        self.accept()

    def language(self) -> str:
        return self.language_box.currentData()

    def theme(self) -> str:
        return self.theme_box.currentData()

"""The small dialog that adds or edits a bookmark: which post, an optional note and tags.

It only gathers input; the caller writes it through ``reader.store.userdata``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)


def split_tags(text: str) -> list[str]:
    """Tags as typed: separated by commas (ASCII or full-width) or spaces, duplicates dropped."""
    out: list[str] = []
    for t in text.replace("，", ",").replace(" ", ",").split(","):
        t = t.strip()
        if t and t not in out:
            out.append(t)
    return out


class BookmarkDialog(QDialog):
    """``exec()`` returns Accepted to save; ``removed`` is True when the user chose Remove."""

    def __init__(self, post_label: str, note: str = "", tags: tuple[str, ...] = (),
                 known_tags: list[str] | None = None, editing: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.removed = False
        self.setWindowTitle(self.tr("Edit bookmark") if editing else self.tr("Bookmark post"))
        self.setMinimumWidth(420)
        what = QLabel(post_label, self)
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        self.note_edit = QPlainTextEdit(note, self)
        self.note_edit.setPlaceholderText(self.tr("Optional note"))
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 16)
        self.tags_edit = QLineEdit(", ".join(tags), self)
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        if known_tags:
            completer = QCompleter(known_tags, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.tags_edit.setCompleter(completer)
        form = QFormLayout(self)
        form.addRow(what)
        form.addRow(self.tr("Note:"), self.note_edit)
        form.addRow(self.tr("Tags:"), self.tags_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        if editing:
            remove = QPushButton(self.tr("Remove bookmark"), self)
            buttons.addButton(remove, QDialogButtonBox.ButtonRole.DestructiveRole)
            remove.clicked.connect(self._remove)
        form.addRow(buttons)
        self.note_edit.setFocus()

    def _remove(self) -> None:
        self.removed = True
        self.accept()

    def note(self) -> str:
        return self.note_edit.toPlainText().strip()

    def tags(self) -> list[str]:
        return split_tags(self.tags_edit.text())

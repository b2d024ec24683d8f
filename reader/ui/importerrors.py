"""A non-modal dialog listing the files an import could not read and the posts it skipped or
flattened, with line and reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store.importer import ImportResult
from .plain import plain_tip


class ImportErrorsDialog(QDialog):
    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import problems"))
        self.resize(820, 360)
        ok = result.files - len(result.failed)
        text = self.tr("%1 files could not be imported (%2 imported or unchanged).") \
            .replace("%1", str(len(result.failed))).replace("%2", str(max(0, ok)))
        if result.notes:
            text += "\n" + self.tr("%1 posts of imported files were skipped or shown flat "
                                   "(the rest of those files was imported).") \
                .replace("%1", str(len(result.notes)))
        label = QLabel(text)
        problems = [*result.failed, *result.notes]
        self.table = QTableWidget(len(problems), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Line"), self.tr("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        for row, f in enumerate(problems):
            self.table.setItem(row, 0, QTableWidgetItem(f.path))
            self.table.setItem(row, 1, QTableWidgetItem(str(f.line)))
            self.table.setItem(row, 2, QTableWidgetItem(f.message))
            self.table.item(row, 0).setToolTip(plain_tip(f.path))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

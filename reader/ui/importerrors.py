"""A non-modal dialog listing what an import could not do: the files it could not read and the
posts it skipped or flattened (with line and reason), and the conflicts it found (another file
holds a different version of a thread and nothing tells which is newer). Selected
conflicting files can be read again with their versions kept (``reread_requested``), the window's
``import --reread``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store.importing import ImportResult
from ..store.sources import ImportConflict
from .errortext import translated
from .plain import plain_label, plain_tip

FLOORS_SHOWN = 10


class ImportErrorsDialog(QDialog):
    reread_requested = Signal(list)  # paths whose versions the user chose

    def __init__(self, result: ImportResult, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import problems"))
        self.resize(900, 380)
        ok = result.files - len(result.failed)
        lines = []
        if result.failed:
            lines.append(self.tr("%1 files could not be imported (%2 imported or unchanged).")
                         .replace("%1", str(len(result.failed))).replace("%2", str(max(0, ok))))
        if result.notes:
            lines.append(self.tr("%1 posts of imported files were skipped or shown flat "
                                 "(the rest of those files was imported).")
                         .replace("%1", str(len(result.notes))))
        if result.conflicts:
            lines.append(self.tr(
                "%n files hold a thread differently from the copy kept, and nothing tells "
                "which is newer (the same floors, the same last post, no later edit note). "
                "Select a file and choose “Use these files' versions” to keep its version "
                "instead.", "", len(result.conflicts)))
        label = plain_label("\n".join(lines))
        label.setWordWrap(True)
        problems = [*result.failed, *result.notes]
        rows = len(problems) + len(result.conflicts)
        self.table = QTableWidget(rows, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Line"), self.tr("Problem")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self._conflict_rows: dict[int, str] = {}
        for row, f in enumerate(problems):
            self._set_row(row, f.path, f.line, translated(f.message))
        for row, c in enumerate(result.conflicts, len(problems)):
            self._set_row(row, c.path, c.line, self.conflict_text(c))
            self._conflict_rows[row] = c.path
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        self.reread_button: QPushButton | None = None
        if result.conflicts:
            self.reread_button = buttons.addButton(self.tr("Use these files' versions"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
            self.reread_button.setEnabled(False)
            self.reread_button.clicked.connect(self._reread)
            self.table.itemSelectionChanged.connect(self._selection_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _set_row(self, row: int, path: str, line: int, problem: str) -> None:
        self.table.setItem(row, 0, QTableWidgetItem(path))
        self.table.setItem(row, 1, QTableWidgetItem(str(line)))
        self.table.setItem(row, 2, QTableWidgetItem(problem))
        self.table.item(row, 0).setToolTip(plain_tip(path))
        self.table.item(row, 2).setToolTip(plain_tip(problem))

    def conflict_text(self, c: ImportConflict) -> str:
        parts = []
        if c.floors:
            shown = ", ".join(str(f) for f in c.floors[:FLOORS_SHOWN])
            if len(c.floors) > FLOORS_SHOWN:
                shown += " …"
            parts.append(self.tr("floors %1", "", len(c.floors)).replace("%1", shown))
        names = {"title": self.tr("the title"), "board": self.tr("the board")}
        parts.extend(names.get(f, f) for f in c.fields)
        kept = c.kept or self.tr("the library (stored before files were recorded)")
        return (self.tr("Thread %1: %2 read differently in the copy kept, %3, and nothing "
                        "tells which is newer.")
                .replace("%1", str(c.tid)).replace("%2", ", ".join(parts)).replace("%3", kept))

    def selected_files(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectedItems()})
        return list(dict.fromkeys(self._conflict_rows[r] for r in rows if r in self._conflict_rows))

    def _selection_changed(self) -> None:
        if self.reread_button is not None:
            self.reread_button.setEnabled(bool(self.selected_files()))

    def _reread(self) -> None:
        paths = self.selected_files()
        if paths:
            self.reread_requested.emit(paths)
            self.close()

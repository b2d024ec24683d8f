"""Importing from the window: a progress dialog with Cancel, the Importer on a worker thread,
then the result (and a list of failures with file and line) back on the GUI thread.

Only one import runs at a time; it is the only writer to the database while it runs (the
window's reads use the GUI thread's own connection; SQLite WAL lets them proceed).
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..store.db import check_library
from ..store.importer import Importer, ImportProgress, ImportResult
from ..store.importlock import import_lock
from .importerrors import ImportErrorsDialog
from .taskprogress import close_progress, open_progress, update_progress
from .worker import run_task


class ImportFlow(QObject):
    """``imported(result)`` is emitted on the GUI thread when an import ends (even cancelled)."""

    imported = Signal(object)

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.window = window
        self.running = False
        self.progress: QProgressDialog | None = None
        self.errors_dialog: ImportErrorsDialog | None = None
        self._cancel = threading.Event()

    def start(self, paths: list[str | Path]) -> bool:
        if self.running or not paths:
            return False
        self.running = True
        self._cancel.clear()
        self.progress = open_progress(self.window, self.tr("Import"), self.tr("Importing…"),
                                      self.tr("Cancel"), 1000, self._cancel.set)
        cancel = self._cancel
        targets = [str(p) for p in paths]
        db_path = self.window.paths.db

        def work(report) -> ImportResult:
            check_library()  # never write into a damaged file (LibraryDamaged says what to do)
            with import_lock(db_path):  # a command-line import into the same library: wait for it
                return Importer(progress=report, should_cancel=cancel.is_set).import_paths(targets)

        run_task(work, self._finished, self._crashed, self._reported)
        return True

    def _reported(self, prog: ImportProgress) -> None:
        if self.progress is None:
            return
        total = max(1, prog.bytes_total)
        name = Path(prog.current).name if prog.current else ""
        update_progress(
            self.progress,
            self.tr("Importing %1 of %2 files…\n%3").replace("%1", str(prog.files_done))
            .replace("%2", str(prog.files_total)).replace("%3", name),
            int(1000 * prog.bytes_done / total))

    def _close_progress(self) -> None:
        close_progress(self.progress)
        self.progress = None
        self.running = False

    def _finished(self, result: ImportResult) -> None:
        self._close_progress()
        if result.failed or result.notes:
            self.errors_dialog = ImportErrorsDialog(result, self.window)
            self.errors_dialog.show()
        self.imported.emit(result)

    def _crashed(self, error: BaseException) -> None:
        self._close_progress()
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Import failed"),
                          self.tr("The import stopped with an error:\n%1").replace("%1", str(error)),
                          QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.show()
        self.imported.emit(None)

"""Importing from the window: a progress dialog with Cancel, the import in a process of its own
(``importing.child``: its work never holds the GUI thread), followed from the library's writer
thread as a long operation (``services.ops.write(..., long=True)``), then the result (and a list
of failures with file and line, and of conflicts, whose files can be read again with their
versions kept) back on the GUI thread. The operation says which threads it wrote (and the demo
thread it retired): the library, the open thread and the other views refresh from that.

Only one import runs at a time. The window's other writes (reading positions, bookmarks, …)
queue on its writer thread, which runs them whenever the child has nothing to say, between the
child's batches (SQLite's lock); a command-line import into the same library is waited for
(the import lock). The window's reads use the GUI thread's own connection; SQLite WAL lets them
proceed. Closing the window ends the child at once: a thread is all or nothing, so the library
keeps every thread either as it was or complete.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from ..config import DEMO_DIR
from ..store import library
from ..store.changes import Changed, Changes
from ..store.importing import ImportProgress, ImportResult
from ..store.importing.child import ImportChild
from ..store.writer import library_writer
from .importerrors import ImportErrorsDialog
from .services import WindowServices
from .taskprogress import close_progress, open_progress, update_progress

WAITING = "waiting"  # reported while another program's import holds the import lock


class ImportFlow(QObject):
    """``imported(result)`` is emitted on the GUI thread when an import ends (even cancelled);
    ``updated(result)`` when an update from the remembered folders ends (a
    ``roots.UpdateResult``, None when it failed)."""

    imported = Signal(object)
    updated = Signal(object)

    def __init__(self, services: WindowServices) -> None:
        super().__init__(services.parent)
        self.s = services
        self.running = False
        self.progress: QProgressDialog | None = None
        self.errors_dialog: ImportErrorsDialog | None = None
        self._cancel = threading.Event()
        self._child: ImportChild | None = None

    def start(self, paths: list[str | Path], reread: bool = False) -> bool:
        """Import ``paths``; with ``reread`` read them again even if unchanged and keep their
        versions where another file's differ (``import --reread``)."""
        if self.running or not paths:
            return False
        self.running = True
        self._cancel.clear()
        self.progress = open_progress(self.s.parent, self.tr("Import"), self.tr("Importing…"),
                                      self.tr("Cancel"), 1000, self._cancel.set)
        targets = [str(p) for p in paths]

        def work(report) -> Changed[ImportResult]:
            imported = self._run_in_child(report, targets, reread=reread)
            result = imported.value
            return Changed(result, imported.changes | Changes.of_threads(result.retired_demo))

        self.s.ops.write(work, success=self._finished, failure=self._crashed,
                         report=self._reported, long=True, context=self, initiator=self)
        return True

    def update(self, quiet: bool = False) -> bool:
        """Library → Update: import what changed in every remembered folder and file
        (``roots.update``) as the writer's long job; ``quiet`` (the folder watcher): no
        progress dialog, the status bar says what arrived. False when an import runs."""
        if self.running:
            return False
        self.running = True
        self._cancel.clear()
        if not quiet:
            self.progress = open_progress(self.s.parent, self.tr("Update"),
                                          self.tr("Looking for changed files…"),
                                          self.tr("Cancel"), 1000, self._cancel.set)
        def work(report) -> Changed:
            return self._run_in_child(report, [], update=True)

        def finished(result) -> None:
            self._close_progress()
            imported = result.result
            if imported is not None and (imported.failed or imported.conflicts or imported.notes):
                self.errors_dialog = ImportErrorsDialog(imported, self.s.parent)
                self.errors_dialog.show()
            self.updated.emit(result)

        def crashed(error: BaseException) -> None:
            self._crashed(error)
            self.updated.emit(None)

        self.s.ops.write(work, success=finished, failure=crashed, report=self._reported,
                         long=True, context=self, initiator=self)
        return True

    def _run_in_child(self, report, targets: list[str], reread: bool = False,
                      update: bool = False) -> Changed:
        """On the writer thread: the import (or the update) in its own process, followed until
        it ends; the window's own small writes run whenever the child has nothing to say."""
        writer = library_writer()

        def run_pending() -> None:
            if writer.has_pending():
                writer.run_pending()  # between the child's batches (SQLite's lock)

        child = self._child = ImportChild(library.current().path, targets, reread=reread,
                                          demo_dir=DEMO_DIR, update=update)
        try:
            return child.follow(progress=report, on_wait=lambda: report(WAITING),
                                idle=run_pending, should_cancel=self._cancel.is_set)
        finally:
            self._child = None
            library.current().forget_codec()  # the child may have stored the first dictionary

    def cancel(self) -> None:
        """Stop the running import at its next thread (what is written stays written)."""
        self._cancel.set()

    def shutdown(self) -> None:
        """The window is closing: end a running import's process now (every thread it wrote is
        complete; the next import goes on from there)."""
        self._cancel.set()
        child = self._child
        if child is not None:
            child.stop(wait=0)

    def _reported(self, prog: ImportProgress | str) -> None:
        if self.progress is None:
            return
        if prog == WAITING:
            update_progress(self.progress, self.tr(
                "Waiting for another import into this library to finish (an s1reader import "
                "started from a terminal?)…"), 0)
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
        if result.failed or result.conflicts or result.notes:
            self.errors_dialog = ImportErrorsDialog(result, self.s.parent)
            self.errors_dialog.reread_requested.connect(lambda paths: self.start(paths, reread=True))
            self.errors_dialog.show()
        self.imported.emit(result)

    def _crashed(self, error: BaseException) -> None:
        self._close_progress()
        # the threads written before the error stay written; which ones is not known here
        self.s.ops.announce(Changes.every_thread(), self)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Import failed"),
                          self.tr("The import stopped with an error:\n%1").replace("%1", str(error)),
                          QMessageBox.StandardButton.Ok, self.s.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.show()
        self.imported.emit(None)

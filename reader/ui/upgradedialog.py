"""Before an older library is upgraded: say what will happen and offer to export the user data
first (File → Export user data, without upgrading), or to quit and leave the file as it is.

The upgrade itself (``reader.store.db.open_library``) also saves the user data beside the
library before the first migration step, whatever is chosen here.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..store import userdata
from ..store.db import close_library, open_library
from .plain import plain_message


def _tr(text: str) -> str:
    return QCoreApplication.translate("UpgradeDialog", text)


class UpgradeDialog(QMessageBox):
    """Upgrade / Export user data… / Quit, for the library at ``db`` (schema ``old`` → ``new``)."""

    def __init__(self, db: Path, old: int, new: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = Path(db)
        self.setIcon(QMessageBox.Icon.Information)
        self.setWindowTitle(_tr("Upgrade the library"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(
            _tr("This library was written by an older s1reader (schema %1); this version "
                "upgrades it to schema %2 before opening it. The upgrade keeps everything, but an "
                "older s1reader cannot open the file afterwards.\n\n%3\n\nYour bookmarks, reading "
                "positions, block list and rules are saved beside the library first (%4). To keep "
                "another copy, export them now.")
            .replace("%1", str(old)).replace("%2", str(new)).replace("%3", str(self.db))
            .replace("%4", f"{self.db.stem}-userdata-schema{old}-<date>.json"))
        self.export_button = self.addButton(_tr("Export user data…"),
                                            QMessageBox.ButtonRole.ActionRole)
        self.upgrade_button = self.addButton(_tr("Upgrade"), QMessageBox.ButtonRole.AcceptRole)
        self.quit_button = self.addButton(_tr("Quit"), QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.upgrade_button)


def export_without_upgrade(db: Path, target: str | Path) -> dict:
    """Write the user data of the library at ``db`` to ``target``, leaving its schema as it is."""
    open_library(db, upgrade=False)
    try:
        return userdata.export_userdata(target)
    finally:
        close_library()


def confirm_upgrade(db: Path, old: int, new: int) -> bool:
    """Ask before upgrading; True to go on. "Export user data…" saves a copy and asks again."""
    while True:
        dlg = UpgradeDialog(db, old, new)
        dlg.exec()
        if dlg.clickedButton() is dlg.upgrade_button:
            return True
        if dlg.clickedButton() is not dlg.export_button:
            return False
        start = str(Path.home() / f"s1reader-userdata-{date.today():%Y%m%d}.json")
        path, _ = QFileDialog.getSaveFileName(None, _tr("Export user data"), start,
                                              _tr("JSON backup (*.json)"))
        if not path:
            continue
        try:
            counts = export_without_upgrade(db, path)
        except (OSError, userdata.UserDataError) as e:
            plain_message(None, QMessageBox.Icon.Warning, _tr("Export failed"), str(e))
            continue
        plain_message(
            None, QMessageBox.Icon.Information, _tr("Export user data"),
            _tr("Exported %1 bookmarks and %2 reading positions to %3.")
            .replace("%1", str(counts["bookmarks"])).replace("%2", str(counts["read_state"]))
            .replace("%3", path))

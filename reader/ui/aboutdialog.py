"""The About dialog: version, the library's schema version, Qt and Python versions, and the
data, cache and config folders, each with a button that opens it in the file manager."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..config import Paths
from .appicon import app_icon
from .plain import plain_label


def schema_version() -> int | None:
    """The schema version of the open library (None when none is open)."""
    from ..store.db import database
    from ..store.migrations import current_version

    if database.database is None or database.is_closed():
        return None
    return current_version(database)


def open_folder(path: Path) -> bool:
    """Open a local folder in the system file manager (created first, so there is one to show)."""
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class AboutDialog(QDialog):
    """Help → About s1reader."""

    def __init__(self, paths: Paths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About s1reader"))
        schema = schema_version()
        self.facts = {
            "version": __version__,
            "schema": schema,
            "qt": qVersion(),
            "pyside": pyside_version,
            "python": platform.python_version(),
            "frozen": bool(getattr(sys, "frozen", False)),
        }
        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        heading = plain_label(f"s1reader {__version__}", self)
        f = heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.4)
        f.setBold(True)
        heading.setFont(f)
        lines = [
            self.tr("An offline reader for Stage1st (S1) forum thread archives."),
            self.tr("Library schema version %1").replace("%1", "—" if schema is None else str(schema)),
            self.tr("Qt %1 · PySide6 %2").replace("%1", qVersion()).replace("%2", pyside_version)
            + f" · Python {platform.python_version()}",
        ]
        self.summary = plain_label("\n".join(lines), self)
        top = QHBoxLayout()
        top.addWidget(icon)
        head = QVBoxLayout()
        head.addWidget(heading)
        head.addWidget(self.summary)
        top.addLayout(head, 1)

        grid = QGridLayout()
        self.open_buttons: dict[str, QPushButton] = {}
        folders = (("data", self.tr("Library (data)"), paths.data),
                   ("cache", self.tr("Cache (pictures, forum answers)"), paths.cache),
                   ("config", self.tr("Settings (config)"), paths.config))
        self.folder_lines: list[str] = []
        for row, (key, name, path) in enumerate(folders):
            grid.addWidget(plain_label(name, self), row, 0)
            where = plain_label(str(path), self)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(where, row, 1)
            button = QPushButton(self.tr("Open"), self)
            button.setToolTip(self.tr("Open this folder in the file manager"))
            button.clicked.connect(lambda _=False, p=path: open_folder(p))
            grid.addWidget(button, row, 2)
            self.open_buttons[key] = button
            self.folder_lines.append(f"{name}: {path}")
        grid.setColumnStretch(1, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def text(self) -> str:
        """Everything the dialog says, as plain text."""
        return "\n".join([f"s1reader {__version__}", self.summary.text(), *self.folder_lines])


def show_about(parent: QWidget, paths: Paths) -> AboutDialog:
    box = AboutDialog(paths, parent)
    box.setModal(False)
    box.show()
    return box

"""The About dialog."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import __version__
from .appicon import app_icon


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle(QCoreApplication.translate("AboutDialog", "About s1reader"))
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setText(
        f"<h3>s1reader {__version__}</h3><p>"
        + QCoreApplication.translate(
            "AboutDialog", "An offline reader for Stage1st (S1) forum thread archives."
        )
        + "</p><p>"
        + QCoreApplication.translate("AboutDialog", "Qt %1 · PySide6 %2")
        .replace("%1", qVersion())
        .replace("%2", pyside_version)
        + "</p>"
    )
    box.setModal(False)
    box.show()
    return box

"""The services the reading tools get instead of the main window (:class:`WindowServices`,
shared with the window's flows, see ``reader.ui.services``), and their translation helper."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..services import WindowServices

__all__ = ["WindowServices", "tr"]

# the tools' texts keep the translation context "ReadingTools" they had as one class:
# tr("ReadingTools", text[, disambiguation, n])
tr = QCoreApplication.translate

"""The application icon (resources/icons/s1reader.svg)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..config import RESOURCES_DIR

ICON_PATH = RESOURCES_DIR / "icons" / "s1reader.svg"


def app_icon() -> QIcon:
    return QIcon(str(ICON_PATH))

"""The application icon (package data ``reader/resources/icons``: the SVG and, for the Linux
desktop, PNGs in the hicolor sizes)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from ..config import ICONS_DIR

ICON_PATH = ICONS_DIR / "s1reader.svg"


def app_icon() -> QIcon:
    """The icon from the SVG, plus the rendered PNG sizes where they exist (window managers and
    the Windows task bar pick the size they need; no SVG plugin needed for those)."""
    icon = QIcon(str(ICON_PATH))
    for png in sorted(ICONS_DIR.glob("hicolor/*/apps/s1reader.png")):
        icon.addFile(str(png))
    return icon

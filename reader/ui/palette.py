"""Light and dark palettes for the application, and the colours post cards are drawn with.

The theme setting is "system", "light" or "dark". "system" follows the platform's colour scheme
(Qt 6.5+ ``QStyleHints.colorScheme``) and falls back to light.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel

THEMES = ("system", "light", "dark")


@dataclass(frozen=True, slots=True)
class CardColors:
    """Colours of the thread view, as ``#rrggbb`` strings usable in HTML and QColor alike."""

    dark: bool
    background: str
    card: str
    card_border: str
    current_border: str
    text: str
    muted: str
    link: str
    quote_bg: str
    quote_bar: str
    code_bg: str
    notice_bg: str
    op_badge: str
    new_badge: str
    placeholder_bg: str
    placeholder_border: str


LIGHT = CardColors(
    dark=False, background="#eef0f3", card="#ffffff", card_border="#dde1e6",
    current_border="#5b8def", text="#1f2328", muted="#6e7781", link="#0b63c9",
    quote_bg="#f3f5f8", quote_bar="#b9c3cf", code_bg="#f1f1f1", notice_bg="#eceef1",
    op_badge="#d9822b", new_badge="#d1242f", placeholder_bg="#eef1f5",
    placeholder_border="#c5ccd6",
)
DARK = CardColors(
    dark=True, background="#16181c", card="#22252b", card_border="#33373f",
    current_border="#6f9cf5", text="#e3e6ea", muted="#9aa3ad", link="#7fb2ff",
    quote_bg="#2b2f36", quote_bar="#56606d", code_bg="#1b1d21", notice_bg="#2a2d33",
    op_badge="#e0913f", new_badge="#f0545f", placeholder_bg="#2c3038",
    placeholder_border="#4a515c",
)


AA_CONTRAST = 4.5  # WCAG AA for normal text
MUTED_TOKEN = "#0ff1ce"  # in list HTML: replaced by the muted colour of the row as it is painted


def _luminance(c: QColor) -> float:
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def muted(fg: QColor, bg: QColor, minimum: float = AA_CONTRAST + 0.3) -> QColor:
    """A secondary text colour between ``fg`` and ``bg`` that still reads on ``bg`` (at least
    ``minimum`` contrast): the greyer details of a list row, a hint under a panel."""
    for step in range(55, 101, 5):
        t = step / 100
        c = QColor.fromRgbF(fg.redF() * t + bg.redF() * (1 - t), fg.greenF() * t + bg.greenF() * (1 - t),
                            fg.blueF() * t + bg.blueF() * (1 - t))
        if contrast(c, bg) >= minimum:
            return c
    return QColor(fg)


def system_prefers_dark() -> bool:
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    return bool(scheme and scheme() == Qt.ColorScheme.Dark)


def resolve_dark(theme: str) -> bool:
    if theme == "dark":
        return True
    if theme == "light":
        return False
    return system_prefers_dark()


def _dark_palette() -> QPalette:
    p = QPalette()
    base, window, text = QColor("#1e2026"), QColor("#25282e"), QColor("#e3e6ea")
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor("#2a2d34"),
        QPalette.ColorRole.ToolTipBase: QColor("#33373f"),
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor("#959ea8"),  # 5.9:1 on the base
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor("#ff6b6b"),
        QPalette.ColorRole.Highlight: QColor("#2f5fbf"),  # white on it: 6:1
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.Link: QColor("#7fb2ff"),
        QPalette.ColorRole.Mid: QColor("#3a3e46"),
        QPalette.ColorRole.Dark: QColor("#15171b"),
        QPalette.ColorRole.Light: QColor("#3a3e46"),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b717a"))
    return p


def _light_palette() -> QPalette:
    """The style's light palette with a selection colour white text reads on (6:1; Fusion's
    #308cc6 gives 3.7:1)."""
    p = QPalette()
    p.setColor(QPalette.ColorRole.Highlight, QColor("#1f5fbf"))
    p.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b7078"))
    return p


def apply_theme(theme: str) -> CardColors:
    """Set the application palette for ``theme``; return the matching card colours."""
    app = QGuiApplication.instance()
    dark = resolve_dark(theme)
    if app is not None:
        app.setPalette(_dark_palette() if dark else _light_palette())
    return DARK if dark else LIGHT


class MutedLabel(QLabel):
    """A hint in a secondary colour that keeps AA contrast in either theme, also after the
    theme changes (its colour follows the application palette)."""

    def __init__(self, text: str = "", parent=None) -> None:
        super().__init__(text, parent)
        self._follow()

    def _follow(self) -> None:
        app = QGuiApplication.instance()
        pal = app.palette() if app is not None else self.palette()
        color = muted(pal.color(QPalette.ColorRole.WindowText), pal.color(QPalette.ColorRole.Window))
        own = self.palette()
        if own.color(QPalette.ColorRole.WindowText) != color:  # no loop of palette changes
            own.setColor(QPalette.ColorRole.WindowText, color)
            self.setPalette(own)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._follow()
        super().changeEvent(event)

"""Text from archive files and the forum shown as what it is: plain text, never markup.

Titles, author names, paths and server messages come from files and servers we do not control.
Qt guesses "rich text" for a QLabel, a QMessageBox or a tooltip that merely looks like HTML, and
would then load ``<img src="/local/file">`` or lay out ``width=60000``; these helpers turn the
guess off. Links found in posts go through :func:`open_external`, which hands only web links to
the system.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

WEB_SCHEMES = ("http", "https")
# the bidi controls: an override in a name reorders what follows it ("管理\u202e员" shows as
# "管理员", "\u202etxt.exe" as "exe.txt"); they are shown as what they are instead
_BIDI_RE = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: str) -> str:
    """``text`` as the window shows a title or a name: every bidi control visible, as
    ``[U+202E]``, so that nothing reorders or disguises what the reader sees."""
    if text.isascii():
        return text
    return _BIDI_RE.sub(lambda m: f"[U+{ord(m.group()):04X}]", text)


class PlainLabel(QLabel):
    """A QLabel that shows its text literally (no markup, no images, no links, no bidi
    reordering by controls inside it), whatever is set later."""

    def setText(self, text: str) -> None:  # noqa: N802 (Qt API)
        super().setText(shown(text))


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows ``text`` literally (no markup, no images, no links)."""
    label = PlainLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tip(text: str) -> str:
    """A tooltip string that shows ``text`` literally (tooltips otherwise guess rich text)."""
    return GuiQt.convertFromPlainText(shown(text), Qt.WhiteSpaceMode.WhiteSpacePre)


def plain_box(box: QMessageBox) -> QMessageBox:
    """Make a message box show its text and details literally; returns the box."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> int:
    """A modal message box that shows ``text`` literally (what ``QMessageBox.warning`` and its
    siblings do, but they guess rich text from a path or a message that looks like HTML)."""
    box = plain_box(QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent))
    return box.exec()


def is_web_link(url: str | QUrl) -> bool:
    """True for an http(s) link with a host: the only links a post may open outside the program."""
    u = url if isinstance(url, QUrl) else QUrl(url)
    return u.isValid() and u.scheme().lower() in WEB_SCHEMES and bool(u.host())


def open_external(url: str | QUrl) -> bool:
    """Open a web link in the system browser; anything else (javascript:, data:, file:…) is
    refused. Returns whether the link was handed to the system."""
    if not is_web_link(url):
        return False
    QDesktopServices.openUrl(url if isinstance(url, QUrl) else QUrl(url))
    return True

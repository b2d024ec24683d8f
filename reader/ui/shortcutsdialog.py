"""Help → Keyboard shortcuts: every shortcut of the action table, and the keys of the thread view.

Built from the actions themselves (their translated text and key sequences), so the list can
never disagree with what the keys do.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .richlist import esc

_MNEMONIC = re.compile(r"\(&\w\)")  # a translation's "(&F)"

# keys the thread view handles itself (not actions): (keys, what they do)
VIEW_KEYS = (
    ("J / ↓", "Next post"),
    ("K / ↑", "Previous post"),
    ("Space / PgDn", "Next page"),
    ("PgUp", "Previous page"),
    ("Home / End", "First / last post"),
    ("Enter", "Open the post as text"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("ShortcutsDialog", text)


def shortcut_rows(actions: dict[str, QAction]) -> list[tuple[str, str]]:
    """(keys, action text) for every action that has a shortcut, in menu order."""
    rows = []
    for action in actions.values():
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
                if k.count() and k[0].key().value < Qt.Key.Key_Back.value]  # no media keys
        if keys:
            text = _MNEMONIC.sub("", action.text()).replace("&", "").rstrip("…")
            rows.append((" / ".join(keys), text))
    return rows


def shortcuts_html(actions: dict[str, QAction]) -> str:
    rows = [(k, _tr(t)) for k, t in VIEW_KEYS] + shortcut_rows(actions)
    body = "".join(f"<tr><td style='padding-right:18px'><b>{esc(k)}</b></td><td>{esc(t)}</td></tr>"
                   for k, t in rows)
    return f"<table cellspacing='2'>{body}</table>"


def show_shortcuts(parent: QWidget, actions: dict[str, QAction]) -> QDialog:
    dlg = QDialog(parent)
    dlg.setWindowTitle(_tr("Keyboard shortcuts"))
    browser = QTextBrowser(dlg)
    browser.setHtml(shortcuts_html(actions))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dlg)
    buttons.rejected.connect(dlg.reject)
    layout = QVBoxLayout(dlg)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    dlg.resize(520, 600)
    dlg.setModal(False)
    dlg.show()
    return dlg

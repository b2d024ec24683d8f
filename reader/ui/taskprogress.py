"""The progress dialog every long task of the window uses (import, picture download, forum
fetch): window-modal, shown after a short delay, Cancel sets the task's cancel flag.

``update`` sets the label before the value on purpose: a modal dialog's ``setValue`` runs the
event loop, which may deliver the task's result and close the dialog before it returns. The
dialog has a fixed width and long lines (file names) are elided in the middle, so it does not
change size with every file.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

WIDTH = 520


def open_progress(parent: QWidget, title: str, label: str, cancel_text: str, maximum: int,
                  on_cancel: Callable[[], object], min_ms: int = 300) -> QProgressDialog:
    """A progress dialog over ``parent``; ``maximum`` 0 shows a busy bar until it is known."""
    dlg = QProgressDialog(label, cancel_text, 0, maximum, parent)
    dlg.setWindowTitle(title)
    dlg.setFixedWidth(WIDTH)
    dlg.setLabelText(_fit(dlg, label))
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(min_ms)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.canceled.connect(on_cancel)
    return dlg


def _fit(dlg: QProgressDialog, label: str) -> str:
    metrics = dlg.fontMetrics()
    room = WIDTH - 48
    return "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideMiddle, room)
                     for line in label.split("\n"))


def update_progress(dlg: QProgressDialog, label: str, value: int, maximum: int | None = None) -> None:
    dlg.setLabelText(_fit(dlg, label))
    if maximum is not None:
        dlg.setMaximum(max(1, maximum))
    dlg.setValue(value)  # last: see the module docstring


def close_progress(dlg: QProgressDialog | None) -> None:
    if dlg is not None:
        dlg.canceled.disconnect()
        dlg.close()
        dlg.deleteLater()

"""What the reading tools need from the main window, named: the widget their dialogs and
menus belong to, the action registry, a status-bar message, the open thread and its pages.
The tools get this instead of the window itself."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from ..palette import CardColors

# the tools' texts keep the translation context "ReadingTools" they had as one class:
# tr("ReadingTools", text[, disambiguation, n])
tr = QCoreApplication.translate


@dataclass(frozen=True)
class WindowServices:
    parent: QWidget  # dialogs and menus are its children
    actions: dict[str, QAction]  # the window's action registry (filled once the table is built)
    status: Callable[[str, int], None]  # a message in the status bar for some milliseconds
    current_tid: Callable[[], int | None]
    open_thread: Callable[..., None]  # (tid, floor=None)
    show_page: Callable[[str], None]
    current_page: Callable[[], str]
    colors: Callable[[], CardColors]
    open_link: Callable[[str], None]  # a link as the view's links are opened

"""What the flows and the reading tools need from the main window, named: the window their docks,
dialogs and menus belong to, the action registry, a status-bar message, the open thread and its
pages, the window's operations (every write goes through them; what a write changed comes back
through ``ops.changed``), the folders and the settings.

The window builds one :class:`WindowServices` and hands it to each flow and tool, with the few
widgets a flow works on (the thread view, mostly) passed on their own; nobody gets the window
itself, so what a flow may do to the window is written here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from ..config import Paths
from .operations import Operations
from .palette import CardColors
from .settings import AppSettings


@dataclass(frozen=True)
class WindowServices:
    parent: QMainWindow  # docks, dialogs and menus are its children
    actions: dict[str, QAction]  # the window's action registry (filled once the table is built)
    status: Callable[[str, int], None]  # a message in the status bar for some milliseconds (0: kept)
    current_tid: Callable[[], int | None]
    open_thread: Callable[..., None]  # (tid, floor=None, then=None): then() once it is shown
    show_page: Callable[[str], None]
    current_page: Callable[[], str]
    colors: Callable[[], CardColors]
    open_link: Callable[[str], None]  # a link as the view's links are opened
    ops: Operations  # writes, reads off the GUI thread, and what changed
    go_to_post: Callable[..., None]  # (post_id, highlight=None): a post of any thread, with Back
    focus_posts: Callable[[], None]  # the keyboard back to the thread's posts
    paths: Paths
    settings: AppSettings

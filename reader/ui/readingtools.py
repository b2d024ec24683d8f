"""The reading tools of the main window, wired together: it places their bars, the authors dock
and the reading toolbar in the window, builds the tools of :mod:`reader.ui.reading` (navigation,
author filter, marking, find in thread, conversation) with the view and the window services
they need, and offers their slots to the action table (``window.reading``), the links of the
cards and the card's context menu.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QPointF, Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap, QPolygonF
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from .authorspanel import AuthorsPanel
from .navhistory import Place
from .reading.authorfilter import AuthorFilter
from .reading.conversation import Conversation
from .reading.find import FindInThread
from .reading.marking import Marking
from .reading.navigation import Navigation
from .reading.services import WindowServices
from .thread.links import AuthorLink, RepliesLink, parse
from .thread.model import ThreadLoad
from .threadbars import FilterBar, FindBar


def arrow_icon(color: QColor, left: bool) -> QIcon:
    """A filled triangle pointing left or right, in ``color`` (disabled: the same, faded)."""
    icon = QIcon()
    for mode, alpha in ((QIcon.Mode.Normal, 255), (QIcon.Mode.Disabled, 90)):
        pm = QPixmap(32, 32)
        pm.fill(Qt.GlobalColor.transparent)
        p = QPainter(pm)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        c = QColor(color)
        c.setAlpha(alpha)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(c)
        pts = [(22, 6), (8, 16), (22, 26)] if left else [(10, 6), (24, 16), (10, 26)]
        p.drawPolygon(QPolygonF([QPointF(x, y) for x, y in pts]))
        p.end()
        icon.addPixmap(pm, mode)
    return icon


class ReadingTools(QObject):
    def __init__(self, window, services: WindowServices) -> None:
        super().__init__(window)
        self.w = window
        self.view = view = window.view
        # bars over the view
        column = view.parentWidget().layout()
        at = column.indexOf(view)
        self.filter_bar = FilterBar(window)
        self.find_bar = FindBar(window)
        column.insertWidget(at, self.filter_bar)
        column.insertWidget(at + 1, self.find_bar)
        # authors dock
        self.authors = AuthorsPanel(window)
        self.authors_dock = QDockWidget(self.tr("Authors"), window)
        self.authors_dock.setObjectName("authorsDock")
        self.authors_dock.setWidget(self.authors)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.authors_dock)
        self.authors_dock.hide()
        # the tools
        self.navigation = Navigation(view, services, lambda **kw: self.show_all_posts(**kw))
        self.author_filter = AuthorFilter(view, services, self.filter_bar, self.authors,
                                          self.navigation.here)
        self.marking = Marking(view, services, window.settings)
        self.finder = FindInThread(view, self.find_bar, lambda: window.tid,
                                   self.author_filter.show_all_posts)
        self.conversation = Conversation(view, services, self.navigation.go_to_post)
        self.history = self.navigation.history
        self.authors.author_page_requested.connect(self.open_author_page)
        view.back_requested.connect(self.go_back)
        view.forward_requested.connect(self.go_forward)

    def connect_window(self) -> None:
        """After the action table is built: a toolbar and the checkable state of toggles."""
        acts = self.w.actions
        acts["only_op"].setCheckable(True)
        acts["authors_panel"].setCheckable(True)
        self.authors_dock.visibilityChanged.connect(acts["authors_panel"].setChecked)
        bar = QToolBar(self.tr("Reading"), self.w)
        bar.setObjectName("readingToolbar")
        bar.setMovable(False)
        self.update_icons()
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for key in ("back", "forward", "only_op", "authors_panel", "find"):
            bar.addAction(acts[key])
        self.w.addToolBar(bar)
        self.toolbar = bar
        self.update_nav()

    def update_icons(self) -> None:
        """Back/forward arrows drawn in the palette's text colour: the style's own arrows are
        dark grey, nearly invisible on a dark toolbar. Called again when the theme changes."""
        acts = self.w.actions
        color = QGuiApplication.palette().color(QPalette.ColorRole.ButtonText)
        acts["back"].setIcon(arrow_icon(color, left=True))
        acts["forward"].setIcon(arrow_icon(color, left=False))

    # -- opening threads, user data

    def open_thread(self, tid: int, floor: int | None, new_after: int | None,
                    loaded: ThreadLoad | None = None) -> None:
        self.view.open_thread(tid, floor, new_after, loaded=loaded)  # the marks come with it
        self.author_filter.thread_opened()
        self.marking.report_slow_rules()
        self.finder.thread_opened()

    def refresh_user_data(self) -> None:
        """Marks, rules or bookmarks changed: re-read them, keep the reader's place."""
        self.marking.refresh()

    # -- navigation

    def here(self) -> Place | None:
        return self.navigation.here()

    def go_to_post(self, post_id: int, highlight: str | None = None) -> None:
        self.navigation.go_to_post(post_id, highlight)

    def go_back(self) -> None:
        self.navigation.go_back()

    def go_forward(self) -> None:
        self.navigation.go_forward()

    def update_nav(self) -> None:
        self.navigation.update_nav()

    def handle_link(self, href: str) -> bool:
        """Follow a link of a card that the reading tools handle; False for the others."""
        if self.navigation.follow(href):
            return True
        match parse(href):
            case AuthorLink(row):
                self.only_author(self.view.thread_model.author(row))
            case RepliesLink(row):
                self.show_replies(row)
            case _:
                return False
        return True

    # -- conversation

    def show_replies(self, row: int, pos=None) -> None:
        self.conversation.show_replies(row, pos)

    def show_conversation(self, row: int | None = None) -> None:
        self.conversation.show(row)

    def open_author_page(self, name: str | None = None) -> None:
        name = name or self.marking.row_author(None)
        if name:
            self.conversation.open_author_page(name)

    # -- author filters

    def only_author(self, name: str) -> None:
        self.author_filter.only_author(name)

    def toggle_only_op(self) -> None:
        self.author_filter.toggle_only_op()

    def show_all_posts(self, restore: bool = True) -> None:
        self.author_filter.show_all_posts(restore)

    def toggle_authors_panel(self) -> None:
        self.authors_dock.setVisible(not self.authors_dock.isVisible())

    # -- block and highlight

    def block_author(self, row: int | None = None) -> None:
        self.marking.block_author(row)

    def unblock_author(self, row: int | None = None) -> None:
        self.marking.unblock_author(row)

    def highlight_author(self, row: int | None = None) -> None:
        self.marking.highlight_author(row)

    def manage_marks(self) -> None:
        self.marking.manage()

    # -- folding

    def toggle_fold(self) -> None:
        self.view.toggle_current_folds()

    def expand_all_quotes(self) -> None:
        self.view.set_expand_all(True)

    def fold_all_quotes(self) -> None:
        self.view.set_expand_all(False)

    # -- find in thread

    def find(self) -> None:
        self.finder.open()

    def find_next(self) -> None:
        self.finder.next()

    def find_previous(self) -> None:
        self.finder.previous()

    # -- context menu of a card

    def extend_context_menu(self, menu: QMenu, row: int) -> None:
        if row < 0:
            return
        model = self.view.thread_model
        name = model.author(row)
        menu.addSeparator()
        menu.addAction(self.tr("Only this author: %1").replace("%1", name),
                       lambda: self.only_author(name))
        menu.addAction(self.w.actions["only_op"])
        menu.addAction(self.tr("Author page…"), lambda: self.open_author_page(name))
        n = model.reply_count(row)
        if n:
            menu.addAction(self.tr("%n replies…", "", n),
                           lambda: QTimer.singleShot(0, lambda: self.show_replies(row)))
        menu.addAction(self.tr("Conversation…"), lambda: self.show_conversation(row))
        menu.addAction(self.w.actions["toggle_fold"])
        menu.addSeparator()
        marks = model.marks
        if name in marks.blocked:
            menu.addAction(self.tr("Unblock %1").replace("%1", name),
                           lambda: self.unblock_author(row))
        else:
            menu.addAction(self.tr("Block %1").replace("%1", name), lambda: self.block_author(row))
        menu.addAction((self.tr("Remove highlight of %1") if name in marks.highlights
                        else self.tr("Highlight %1")).replace("%1", name),
                       lambda: self.highlight_author(row))
        menu.addAction(self.w.actions["manage_marks"])

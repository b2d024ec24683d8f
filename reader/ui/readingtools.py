"""Reading tools of the main window, around the thread view: jumps with back/forward history,
quote links and previews, replies and conversations, author filters (bar, "only OP", authors
dock), block/highlight lists and keyword rules, author pages, find in thread.

The window owns one ``ReadingTools`` (``window.reading``); its actions name these slots in the
action table. Each slot gathers its inputs, asks the store, and updates the view.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QObject, QPointF, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
    QPolygonF,
)
from PySide6.QtWidgets import QDialog, QDockWidget, QMenu, QTextBrowser, QToolBar, QVBoxLayout

from ..store import authors, queries, userdata
from .authorspanel import AuthorPage, AuthorsPanel
from .marksdialog import MarksDialog
from .navhistory import NavHistory, Place
from .postpreview import add_resources, conversation_html
from .settings import Option
from .thread.links import AuthorLink, FloorLink, FoldLink, PostLink, QuoteLink, RepliesLink, parse
from .thread.model import PostFilter
from .threadbars import FilterBar, FindBar
from .usermarks import BLOCK_COLLAPSE, UserMarks
from .worker import NotWritten, write_now

FOLD_LINES = Option("quotes/fold_lines", int, 4)
BLOCK_MODE = Option("filters/blocked_posts", str, BLOCK_COLLAPSE)  # collapse | hide
HIGHLIGHT_COLOR = "#e8a317"


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
    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.view = window.view
        self.history = NavHistory()
        self.block_mode = window.settings.get(BLOCK_MODE)
        self.view.set_fold_lines(window.settings.get(FOLD_LINES))
        self.filter_place: Place | None = None  # where the reader was before a filter
        self.matches: list[int] = []
        self.match_index = -1
        self._pages: list[QDialog] = []
        # bars over the view
        column = self.view.parentWidget().layout()
        at = column.indexOf(self.view)
        self.filter_bar = FilterBar(window)
        self.find_bar = FindBar(window)
        column.insertWidget(at, self.filter_bar)
        column.insertWidget(at + 1, self.find_bar)
        self.filter_bar.back_clicked.connect(self._back_to_all_posts)
        self.find_bar.find_requested.connect(self._find)
        self.find_bar.step.connect(self._find_step)
        self.find_bar.closed.connect(self._find_closed)
        # authors dock
        self.authors = AuthorsPanel(window)
        self.authors_dock = QDockWidget(self.tr("Authors"), window)
        self.authors_dock.setObjectName("authorsDock")
        self.authors_dock.setWidget(self.authors)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.authors_dock)
        self.authors_dock.hide()
        self.authors.authors_chosen.connect(self._authors_chosen)
        self.authors.author_page_requested.connect(self.open_author_page)
        self.view.back_requested.connect(self.go_back)
        self.view.forward_requested.connect(self.go_forward)
        self.view.thread_model.set_marks(UserMarks.load(None))
        self.view.thread_model.set_marks_source(
            lambda tid, rows: UserMarks.load(tid, self.block_mode, rows))

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

    # -- opening threads

    def open_thread(self, tid: int, floor: int | None, new_after: int | None) -> None:
        self.view.open_thread(tid, floor, new_after)
        self.filter_place = None
        self.filter_bar.hide()
        if "only_op" in getattr(self.w, "actions", {}):
            self.w.actions["only_op"].setChecked(False)
        self._report_slow_rules()  # the model loaded the marks as it opened the thread
        self.authors.set_authors(self.view.thread_model.author_counts())
        if self.find_bar.isVisible() and self.find_bar.box.text():
            self._find(self.find_bar.box.text())

    def _report_slow_rules(self) -> None:
        too_slow = self.view.thread_model.marks.too_slow
        if too_slow:
            self.w.statusBar().showMessage(
                self.tr("Keyword rule %1 took too long and was skipped; simplify it in "
                        "Thread → Blocked users, highlights and rules…")
                .replace("%1", ", ".join(too_slow)[:120]), 15000)

    def refresh_user_data(self) -> None:
        """Marks, rules or bookmarks changed: re-read them, keep the reader's place."""
        model = self.view.thread_model
        marks = UserMarks.load(model.tid, self.block_mode,
                               list(zip(model.all_ids, model.all_authors, strict=True)))
        if marks.hidden_posts != model.hidden:
            self.view.set_filter(model.filter, marks.hidden_posts)
        model.set_marks(marks)  # the view lays the rows out again, keeping the reader's place
        self._report_slow_rules()

    # -- places and history

    def here(self) -> Place | None:
        pos = self.view.position()
        if pos is None or self.w.tid is None:
            return None
        page = self.w.current_page() if hasattr(self.w, "pages") else "posts"
        return Place(self.w.tid, pos[0], pos[1], page)

    def _go_to_place(self, place: Place) -> None:
        if place.tid != self.w.tid:
            self.w.open_thread(place.tid)
        if self.view.thread_model.row_for_post(place.post_id) < 0:
            self.show_all_posts(restore=False)
        self.view.restore_position(place.post_id, place.offset)
        self.w.show_page(place.page)

    def go_to_post(self, post_id: int, highlight: str | None = None) -> None:
        """Jump to a post (opening its thread), remember where we were, flash the post."""
        found = queries.load_posts([post_id])
        if not found:
            self.w.statusBar().showMessage(self.tr("That post is not in the library"), 5000)
            return
        here = self.here()
        if here is not None:
            self.history.push(here)
        post = found[0]
        if post.tid != self.w.tid:
            self.w.open_thread(post.tid, post.floor)
        if self.view.thread_model.row_for_post(post_id) < 0:
            self.show_all_posts(restore=False)
        if highlight:
            self.view.thread_model.mark_post(post_id, highlight)
        self.w.show_page("posts")
        self.view.show_post(post_id)
        self.update_nav()
        self.view.setFocus()

    def go_back(self) -> None:
        place = self.history.go_back(self.here())
        if place is not None:
            self._go_to_place(place)
        self.update_nav()

    def go_forward(self) -> None:
        place = self.history.go_forward(self.here())
        if place is not None:
            self._go_to_place(place)
        self.update_nav()

    def update_nav(self) -> None:
        acts = getattr(self.w, "actions", None)
        if acts and "back" in acts:
            acts["back"].setEnabled(bool(self.history.back))
            acts["forward"].setEnabled(bool(self.history.forward))

    # -- links from the cards

    def handle_link(self, href: str) -> bool:
        match parse(href):
            case QuoteLink(post_id):
                self.go_to_post(post_id)
            case FloorLink(floor):
                model = self.view.thread_model
                full = bisect.bisect_left(model.all_floors, floor)
                if full < len(model.all_ids):
                    self.go_to_post(model.all_ids[full])
            case AuthorLink(row):
                self.only_author(self.view.thread_model.author(row))
            case RepliesLink(row):
                self.show_replies(row)
            case _:
                return False
        return True

    def show_replies(self, row: int, pos=None) -> None:
        post_id = self.view.thread_model.ids[row]
        menu = QMenu(self.w)
        for r in authors.replies_to(post_id):
            where = f"#{r['floor']}" if r["tid"] == self.w.tid else f"{r['title'][:20]} #{r['floor']}"
            text = f"{where}  {r['author']}：{r['first_line'][:40]}"
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, p=r["post_id"]: self.go_to_post(p))
        if menu.isEmpty():
            return
        menu.popup(pos or QCursor.pos())

    # -- conversation

    def show_conversation(self, row: int | None = None) -> None:
        row = self.view.current_row() if row is None else row
        if row < 0:
            return
        post_id = self.view.thread_model.ids[row]
        chain: dict[int, None] = {post_id: None}
        todo = [post_id]
        while todo and len(chain) < 200:  # quoted posts, upward
            links = queries.quotes_of_posts([todo.pop()])
            for quotes in links.values():
                for q in quotes:
                    t = q["target"]
                    if t and t["post_id"] not in chain:
                        chain[t["post_id"]] = None
                        todo.append(t["post_id"])
        todo = [post_id]
        while todo and len(chain) < 400:  # replies, downward
            for r in authors.replies_to(todo.pop()):
                if r["post_id"] not in chain:
                    chain[r["post_id"]] = None
                    todo.append(r["post_id"])
        posts = sorted(queries.load_posts(list(chain)), key=lambda p: (p.posted_at, p.floor))
        dlg = QDialog(self.w)
        dlg.setWindowTitle(self.tr("Conversation (%n posts)", "", len(posts)))
        dlg.resize(720, 640)
        browser = QTextBrowser(dlg)
        browser.setOpenLinks(False)
        browser.setOpenExternalLinks(False)
        # rendered like the thread view: escaped text, links once, pictures from the same source
        c = self.w.colors
        font = self.view.delegate.font
        targets = {pid: [q["target"] for q in quotes]
                   for pid, quotes in queries.quotes_of_posts([p.id for p in posts]).items()}
        html, names = conversation_html(posts, post_id, targets, c, font)
        doc = browser.document()
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(f"a {{ color: {c.link}; }}")
        add_resources(doc, names, self.view.delegate.images, QFontMetrics(font).lineSpacing(),
                      640, c, font)
        browser.setHtml(html)
        browser.anchorClicked.connect(lambda url: self._conversation_link(url.toString()))
        layout = QVBoxLayout(dlg)
        layout.addWidget(browser)
        dlg.browser = browser
        self._keep(dlg)

    def _conversation_link(self, href: str) -> None:
        match parse(href):
            case PostLink(post_id):
                self.go_to_post(post_id)
            case FoldLink():
                pass
            case _:
                self.w._link_activated(href)  # quote:, image:, web links: as in the view

    def _keep(self, dlg: QDialog) -> None:
        self._pages.append(dlg)
        dlg.finished.connect(lambda _r, d=dlg: self._pages.remove(d) if d in self._pages else None)
        dlg.show()

    # -- author filters

    def _apply_filter(self, post_filter: PostFilter, text: str) -> None:
        if self.filter_place is None:
            self.filter_place = self.here()
        self.view.set_filter(post_filter)
        if post_filter.active:
            self.filter_bar.show_text(text)
        else:
            self.filter_bar.hide()

    def only_author(self, name: str) -> None:
        self.authors.clear_selection()
        self.w.actions["only_op"].setChecked(False)
        self._apply_filter(PostFilter(authors=frozenset([name])),
                           self.tr("Only posts by %1 (%n posts)", "",
                                   self._count(frozenset([name]))).replace("%1", name))

    def _count(self, names: frozenset[str]) -> int:
        return sum(1 for a in self.view.thread_model.all_authors if a in names)

    def _authors_chosen(self, names: list[str]) -> None:
        if not names:
            self.show_all_posts()
            return
        self.w.actions["only_op"].setChecked(False)
        chosen = frozenset(names)
        self._apply_filter(PostFilter(authors=chosen),
                           self.tr("Only posts by %1 (%n posts)", "", self._count(chosen))
                           .replace("%1", "、".join(names)))

    def toggle_only_op(self) -> None:
        action = self.w.actions["only_op"]
        if not action.isChecked():
            self.show_all_posts()
            return
        self.authors.clear_selection()
        op = self.view.thread_model.op_name() or ""
        n = sum(self.view.thread_model.all_op)
        self._apply_filter(PostFilter(only_op=True),
                           self.tr("Only the thread starter %1 (%n posts)", "", n)
                           .replace("%1", op))

    def show_all_posts(self, restore: bool = True) -> None:
        place, self.filter_place = self.filter_place, None
        self.filter_bar.hide()
        self.authors.clear_selection()
        if "only_op" in self.w.actions:
            self.w.actions["only_op"].setChecked(False)
        if not self.view.thread_model.filter.active:
            return
        self.view.set_filter(PostFilter())
        if restore and place is not None and place.tid == self.w.tid:
            self.view.restore_position(place.post_id, place.offset)

    def _back_to_all_posts(self) -> None:
        """返回全部楼层: the bar (and its button, which had the focus) goes; the keys go to the
        thread, not to whatever widget is next in the focus chain (the library filter)."""
        self.show_all_posts()
        self.view.setFocus()

    def toggle_authors_panel(self) -> None:
        self.authors_dock.setVisible(not self.authors_dock.isVisible())

    # -- block and highlight

    def _row_author(self, row: int | None) -> str | None:
        row = self.view.current_row() if row is None else row
        return self.view.thread_model.author(row) if row >= 0 else None

    def block_author(self, row: int | None = None) -> None:
        name = self._row_author(row)
        if name:
            try:
                write_now(userdata.mark_user, name, "block")
            except NotWritten:
                return
            self.refresh_user_data()
            self.w.statusBar().showMessage(self.tr("Blocked %1").replace("%1", name), 5000)

    def unblock_author(self, row: int | None = None) -> None:
        name = self._row_author(row)
        try:
            if name and write_now(userdata.unmark_user, name, "block"):
                self.refresh_user_data()
        except NotWritten:
            return

    def highlight_author(self, row: int | None = None) -> None:
        name = self._row_author(row)
        if not name:
            return
        try:
            if name in self.view.thread_model.marks.highlights:
                write_now(userdata.unmark_user, name, "highlight")
            else:
                write_now(userdata.mark_user, name, "highlight", color=HIGHLIGHT_COLOR)
        except NotWritten:
            return
        self.refresh_user_data()

    def manage_marks(self) -> None:
        dlg = MarksDialog(self.view.thread_model.fold_lines, self.block_mode, self.w)
        dlg.exec()
        self.block_mode = dlg.block_mode()
        self.w.settings.set(BLOCK_MODE, self.block_mode)
        self.w.settings.set(FOLD_LINES, dlg.fold_lines())
        self.view.set_fold_lines(dlg.fold_lines())
        self.refresh_user_data()
        self.w.library.refresh()

    def open_author_page(self, name: str | None = None) -> None:
        name = name or self._row_author(None)
        if not name:
            return
        page = AuthorPage(name, self.w)
        page.post_chosen.connect(self.go_to_post)
        self._keep(page)

    # -- folding

    def toggle_fold(self) -> None:
        self.view.toggle_current_folds()

    def expand_all_quotes(self) -> None:
        self.view.set_expand_all(True)

    def fold_all_quotes(self) -> None:
        self.view.set_expand_all(False)

    # -- find in thread

    def find(self) -> None:
        self.find_bar.open()

    def _find(self, text: str) -> None:
        tid = self.w.tid
        self.matches = queries.find_in_thread(tid, text) if tid is not None and text else []
        self.view.thread_model.set_find_text(text or None)
        self.match_index = -1
        if self.matches:
            self._find_step(1, from_top=True)
        else:
            self.find_bar.set_count(0, 0)

    def _find_step(self, delta: int, from_top: bool = False) -> None:
        if not self.matches:
            return
        model = self.view.thread_model
        if from_top or self.match_index < 0:
            top = model.ids[self.view.top_row()] if model.ids else 0
            rows = [model.nearest_row_for_post(p) for p in self.matches]
            here = model.row_for_post(top)
            i = next((k for k, r in enumerate(rows) if r >= here), 0)
            self.match_index = i if delta > 0 or from_top else (i - 1) % len(self.matches)
        else:
            self.match_index = (self.match_index + delta) % len(self.matches)
        post_id = self.matches[self.match_index]
        if model.row_for_post(post_id) < 0:
            self.show_all_posts(restore=False)
        self.view.show_post(post_id, flash=False)
        self.find_bar.set_count(self.match_index + 1, len(self.matches))

    def find_next(self) -> None:
        if not self.find_bar.isVisible():
            self.find_bar.open()
        self._find_step(1)

    def find_previous(self) -> None:
        self._find_step(-1)

    def _find_closed(self) -> None:
        self.matches = []
        self.view.thread_model.set_find_text(None)
        self.view.setFocus()

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

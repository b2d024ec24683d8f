"""A post's surroundings: the posts replying to it (a menu), its conversation (the posts it
quotes, upward, and the replies to it, downward, in one dialog rendered like the view) and an
author's page. The dialogs stay open beside the window (``pages``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QCursor, QFontMetrics
from PySide6.QtWidgets import QDialog, QMenu, QTextBrowser, QVBoxLayout

from ...store import authors, queries
from ..authorspanel import AuthorPage
from ..thread.links import FoldLink, PostLink, parse
from ..thread.postpreview import add_resources, conversation_html
from ..thread.view import ThreadView
from .services import WindowServices, tr


class Conversation:
    def __init__(self, view: ThreadView, services: WindowServices,
                 go_to_post: Callable[[int], None]) -> None:
        self.view = view
        self.s = services
        self.go_to_post = go_to_post
        self.pages: list[QDialog] = []  # the dialogs open now

    def show_replies(self, row: int, pos=None) -> None:
        post_id = self.view.thread_model.ids[row]
        menu = QMenu(self.s.parent)
        tid = self.s.current_tid()
        for r in authors.replies_to(post_id):
            where = f"#{r['floor']}" if r["tid"] == tid else f"{r['title'][:20]} #{r['floor']}"
            text = f"{where}  {r['author']}：{r['first_line'][:40]}"
            action = menu.addAction(text)
            action.triggered.connect(lambda _c=False, p=r["post_id"]: self.go_to_post(p))
        if menu.isEmpty():
            return
        menu.popup(pos or QCursor.pos())

    def show(self, row: int | None = None) -> None:
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
        dlg = QDialog(self.s.parent)
        dlg.setWindowTitle(tr("ReadingTools", "Conversation (%n posts)", "", len(posts)))
        dlg.resize(720, 640)
        browser = QTextBrowser(dlg)
        browser.setOpenLinks(False)
        browser.setOpenExternalLinks(False)
        # rendered like the thread view: escaped text, links once, pictures from the same source
        c = self.s.colors()
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
        browser.anchorClicked.connect(lambda url: self._link(url.toString()))
        layout = QVBoxLayout(dlg)
        layout.addWidget(browser)
        dlg.browser = browser
        self.keep(dlg)

    def _link(self, href: str) -> None:
        match parse(href):
            case PostLink(post_id):
                self.go_to_post(post_id)
            case FoldLink():
                pass
            case _:
                self.s.open_link(href)  # quote:, image:, web links: as in the view

    def open_author_page(self, name: str) -> None:
        page = AuthorPage(name, self.s.parent)
        page.post_chosen.connect(self.go_to_post)
        self.keep(page)

    def keep(self, dlg: QDialog) -> None:
        self.pages.append(dlg)
        dlg.finished.connect(lambda _r, d=dlg: self.pages.remove(d) if d in self.pages else None)
        dlg.show()

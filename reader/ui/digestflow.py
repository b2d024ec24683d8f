"""The Digest and Gallery pages of the main window, beside the thread's posts.

Both are worked out for the open thread on the thread pool (``services.ops.read``) the first
time their page is shown, and again when another thread is opened while they are shown or a write
changed the posts of the thread they show (``ops.changed``); a result that arrives for a thread
no longer open is dropped. A click in either page jumps to the post through
``services.go_to_post``, so Back returns to the page it came from (the place in the history
remembers the page).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from ..media.collect import thread_images
from ..store.changes import Changes
from ..store.digest import thread_digest
from .digestpanel import DigestPanel
from .gallery import GalleryPanel
from .mediaflow import MediaFlow
from .services import WindowServices
from .thread.view import ThreadView

DIGEST, GALLERY, POSTS = "digest", "gallery", "posts"


class DigestFlow(QObject):
    """Owns the Digest and Gallery pages, added beside the posts with ``add_page(name, widget,
    title)``; ``only_author(name)`` and ``only_op()`` filter the posts from a click in them."""

    def __init__(self, services: WindowServices, view: ThreadView, media: MediaFlow,
                 add_page: Callable[[str, QWidget, str], None],
                 only_author: Callable[[str], None], only_op: Callable[[], None]) -> None:
        super().__init__(services.parent)
        self.s = services
        self.view = view
        self._only_author = only_author
        self._only_op = only_op
        self.panel = DigestPanel(services.parent)
        self.gallery = GalleryPanel(media.images, media.cache, services.parent)
        add_page(DIGEST, self.panel, self.tr("Digest"))
        add_page(GALLERY, self.gallery, self.tr("Gallery"))
        self._loaded: dict[str, int | None] = {DIGEST: None, GALLERY: None}  # tid shown
        self._asked: dict[str, int | None] = {DIGEST: None, GALLERY: None}  # tid being worked out
        self.panel.post_chosen.connect(self.go_to_post)
        self.panel.author_chosen.connect(self.only_author)
        self.panel.only_op_requested.connect(self.only_op)
        self.gallery.post_chosen.connect(self.go_to_post)
        services.ops.changed.connect(self._changed)

    # -- slots of the action table

    def toggle_digest(self) -> None:
        """Thread → Digest: show the digest of the open thread (again: back to its posts)."""
        self.s.show_page(POSTS if self.s.current_page() == DIGEST else DIGEST)

    def toggle_gallery(self) -> None:
        self.s.show_page(POSTS if self.s.current_page() == GALLERY else GALLERY)

    # -- what the window tells

    def thread_opened(self, tid: int) -> None:
        """Another thread is open: the page on screen shows it now, the other one when shown."""
        self.page_shown(self.s.current_page())

    def forget(self) -> None:
        """Work the pages out again (now for the one on screen, the other when it is shown)."""
        self._loaded = {DIGEST: None, GALLERY: None}
        self.page_shown(self.s.current_page())

    def _changed(self, changes: Changes, _initiator: object) -> None:
        """A write changed posts: a page that shows them is worked out again (now if it is on
        screen, else when it is shown); pictures arrived: the gallery looks for them again."""
        stale = [page for page, tid in self._loaded.items() if changes.posts_changed(tid)]
        for page in stale:
            self._loaded[page] = None
        if stale:
            self.page_shown(self.s.current_page())
        if changes.media:
            self.gallery.model.forget_missing()

    def page_shown(self, page: str) -> None:
        """The window shows another page of the thread (``page_changed``)."""
        tid = self.s.current_tid()
        if page == DIGEST:
            self._update_reading()
        if page not in (DIGEST, GALLERY):
            return
        if tid is None:
            message = self.tr("open a thread first")
            self.panel.show_error(message) if page == DIGEST else self.gallery.show_error(message)
            return
        if self._loaded[page] == tid or self._asked[page] == tid:
            return
        self._asked[page] = tid
        if page == DIGEST:
            self.panel.show_loading()
            self.s.ops.read(thread_digest, tid, success=lambda d: self._digest_ready(tid, d),
                            failure=lambda e: self._failed(DIGEST, tid, e))
        else:
            self.gallery.show_loading()
            self.s.ops.read(thread_images, tid,
                            success=lambda found: self._images_ready(tid, found),
                            failure=lambda e: self._failed(GALLERY, tid, e))

    def _update_reading(self) -> None:
        floors = self.view.thread_model.all_floors
        self.panel.set_reading(self.view.top_floor() if floors else None,
                               floors[-1] if floors else None)

    # -- results

    def _digest_ready(self, tid: int, digest) -> None:
        if self._asked[DIGEST] == tid:
            self._asked[DIGEST] = None
        if tid != self.s.current_tid():
            self.page_shown(self.s.current_page())  # the reader moved on: the new thread
            return
        self._loaded[DIGEST] = tid
        if digest is None:
            self.panel.show_error(self.tr("the thread is no longer in the library"))
            return
        self.panel.set_colors(self.s.colors())
        self.panel.show_digest(digest)
        self._update_reading()

    def _images_ready(self, tid: int, images) -> None:
        if self._asked[GALLERY] == tid:
            self._asked[GALLERY] = None
        if tid != self.s.current_tid():
            self.page_shown(self.s.current_page())
            return
        self._loaded[GALLERY] = tid
        self.gallery.model.set_colors(self.s.colors(), self.view.delegate.font)
        self.gallery.show_images(images)

    def _failed(self, page: str, tid: int, error: BaseException) -> None:
        if self._asked[page] == tid:
            self._asked[page] = None
        message = f"{type(error).__name__}: {error}"
        (self.panel if page == DIGEST else self.gallery).show_error(message)

    def set_colors(self, colors) -> None:
        self.panel.set_colors(colors)
        self.gallery.model.set_colors(colors, self.view.delegate.font)

    # -- clicks

    def go_to_post(self, post_id: int) -> None:
        self.s.go_to_post(post_id)

    def only_author(self, name: str) -> None:
        self.s.show_page(POSTS)
        self._only_author(name)

    def only_op(self) -> None:
        self.s.show_page(POSTS)
        action = self.s.actions["only_op"]
        if not action.isChecked():
            action.setChecked(True)
            self._only_op()

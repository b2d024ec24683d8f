"""The Digest and Gallery pages of the main window, beside the thread's posts.

Both are worked out for the open thread on the thread pool (``worker.run_task``) the first time
their page is shown, and again when another thread is opened while they are shown or the library
changed; a result that arrives for a thread no longer open is dropped. A click in either page
jumps to the post through ``ReadingTools.go_to_post``, so Back returns to the page it came from
(the place in the history remembers the page).
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from ..media.collect import thread_images
from ..store.digest import thread_digest
from .digestpanel import DigestPanel
from .gallery import GalleryPanel
from .worker import run_task

DIGEST, GALLERY, POSTS = "digest", "gallery", "posts"


class DigestFlow(QObject):
    """Owns the Digest and Gallery pages of ``window`` (a MainWindow)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.w = window
        self.panel = DigestPanel(window)
        media = window.media_flow
        self.gallery = GalleryPanel(media.images, media.cache, window)
        window.add_page(DIGEST, self.panel, self.tr("Digest"))
        window.add_page(GALLERY, self.gallery, self.tr("Gallery"))
        self._loaded: dict[str, int | None] = {DIGEST: None, GALLERY: None}  # tid shown
        self._asked: dict[str, int | None] = {DIGEST: None, GALLERY: None}  # tid being worked out
        self.panel.post_chosen.connect(self.go_to_post)
        self.panel.author_chosen.connect(self.only_author)
        self.panel.only_op_requested.connect(self.only_op)
        self.gallery.post_chosen.connect(self.go_to_post)
        window.page_changed.connect(self._page_changed)
        media.prefetched.connect(lambda _summary: self._pictures_arrived())

    # -- slots of the action table

    def toggle_digest(self) -> None:
        """Thread → Digest: show the digest of the open thread (again: back to its posts)."""
        self.w.show_page(POSTS if self.w.current_page() == DIGEST else DIGEST)

    def toggle_gallery(self) -> None:
        self.w.show_page(POSTS if self.w.current_page() == GALLERY else GALLERY)

    # -- what the window tells

    def thread_opened(self, tid: int) -> None:
        """Another thread is open: the page on screen shows it now, the other one when shown."""
        self._page_changed(self.w.current_page())

    def library_changed(self) -> None:
        self._loaded = {DIGEST: None, GALLERY: None}
        self._page_changed(self.w.current_page())

    def _pictures_arrived(self) -> None:
        self.gallery.model.forget_missing()

    def _page_changed(self, page: str) -> None:
        tid = self.w.tid
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
            run_task(lambda: thread_digest(tid), lambda d: self._digest_ready(tid, d),
                     lambda e: self._failed(DIGEST, tid, e))
        else:
            self.gallery.show_loading()
            run_task(lambda: thread_images(tid), lambda found: self._images_ready(tid, found),
                     lambda e: self._failed(GALLERY, tid, e))

    def reading_changed(self) -> None:
        """More of the thread was read: the digest's chart shows fewer unread posts."""
        if self.w.current_page() == DIGEST:
            self._update_reading()

    def _update_reading(self) -> None:
        model = self.w.view.thread_model
        floors = model.all_floors
        self.panel.set_reading(self.w.view.top_floor() if floors else None, self.w.read_floor,
                               floors[-1] if floors else None)

    # -- results

    def _digest_ready(self, tid: int, digest) -> None:
        if self._asked[DIGEST] == tid:
            self._asked[DIGEST] = None
        if tid != self.w.tid:
            self._page_changed(self.w.current_page())  # the reader moved on: the new thread
            return
        self._loaded[DIGEST] = tid
        if digest is None:
            self.panel.show_error(self.tr("the thread is no longer in the library"))
            return
        self.panel.set_colors(self.w.colors)
        self.panel.show_digest(digest)
        self._update_reading()

    def _images_ready(self, tid: int, images) -> None:
        if self._asked[GALLERY] == tid:
            self._asked[GALLERY] = None
        if tid != self.w.tid:
            self._page_changed(self.w.current_page())
            return
        self._loaded[GALLERY] = tid
        self.gallery.model.set_colors(self.w.colors, self.w.view.delegate.font)
        self.gallery.show_images(images)

    def _failed(self, page: str, tid: int, error: BaseException) -> None:
        if self._asked[page] == tid:
            self._asked[page] = None
        message = f"{type(error).__name__}: {error}"
        (self.panel if page == DIGEST else self.gallery).show_error(message)

    def set_colors(self, colors) -> None:
        self.panel.set_colors(colors)
        self.gallery.model.set_colors(colors, self.w.view.delegate.font)

    # -- clicks

    def go_to_post(self, post_id: int) -> None:
        self.w.go_to_post(post_id)

    def only_author(self, name: str) -> None:
        self.w.show_page(POSTS)
        self.w.reading.only_author(name)

    def only_op(self) -> None:
        self.w.show_page(POSTS)
        action = self.w.actions["only_op"]
        if not action.isChecked():
            action.setChecked(True)
            self.w.reading.toggle_only_op()

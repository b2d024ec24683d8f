"""Jumps between posts with a back/forward history: to a quoted post or floor, to a post of any
thread (from search, replies, author pages), and back to where the reader was."""

from __future__ import annotations

import bisect
from collections.abc import Callable

from ...store import queries
from ..navhistory import NavHistory, Place
from ..thread.links import FloorLink, QuoteLink, parse
from ..thread.view import ThreadView
from .services import WindowServices, tr


class Navigation:
    def __init__(self, view: ThreadView, services: WindowServices,
                 show_all_posts: Callable[..., None],
                 load_posts: Callable = queries.load_posts) -> None:
        self.view = view
        self.s = services
        self.history = NavHistory()
        self.show_all_posts = show_all_posts  # a jump to a post the filter hides lifts it
        self.load_posts = load_posts

    def here(self) -> Place | None:
        pos = self.view.position()
        tid = self.s.current_tid()
        if pos is None or tid is None:
            return None
        return Place(tid, pos[0], pos[1], self.s.current_page())

    def _go_to_place(self, place: Place) -> None:
        if place.tid != self.s.current_tid():
            self.s.open_thread(place.tid, None, lambda: self._show_place(place))
        else:
            self._show_place(place)

    def _show_place(self, place: Place) -> None:
        if self.view.thread_model.row_for_post(place.post_id) < 0:
            self.show_all_posts(restore=False)
        self.view.restore_position(place.post_id, place.offset)
        self.s.show_page(place.page)

    def go_to_post(self, post_id: int, highlight: str | None = None) -> None:
        """Jump to a post (opening its thread), remember where we were, flash the post."""
        found = self.load_posts([post_id])
        if not found:
            self.s.status(tr("ReadingTools", "That post is not in the library"), 5000)
            return
        here = self.here()
        if here is not None:
            self.history.push(here)
        post = found[0]
        if post.tid != self.s.current_tid():
            # a big thread is shown a moment later (read off the GUI thread): then the post
            self.s.open_thread(post.tid, post.floor, lambda: self._show_post(post_id, highlight))
        else:
            self._show_post(post_id, highlight)

    def _show_post(self, post_id: int, highlight: str | None) -> None:
        if self.view.thread_model.row_for_post(post_id) < 0:
            self.show_all_posts(restore=False)
        if highlight:
            self.view.thread_model.mark_post(post_id, highlight)
        self.s.show_page("posts")
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
        acts = self.s.actions
        if "back" in acts:  # the registry is filled after the tools are built
            acts["back"].setEnabled(bool(self.history.back))
            acts["forward"].setEnabled(bool(self.history.forward))

    def follow(self, href: str) -> bool:
        """Follow a quote or floor link; False if it is another kind."""
        match parse(href):
            case QuoteLink(post_id):
                self.go_to_post(post_id)
            case FloorLink(floor):
                model = self.view.thread_model
                full = bisect.bisect_left(model.all_floors, floor)
                if full < len(model.all_ids):
                    self.go_to_post(model.all_ids[full])
            case _:
                return False
        return True

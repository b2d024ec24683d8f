"""The author filter: only one author's posts (a click on a name), only the thread starter's,
or the authors chosen in the authors panel, with a bar saying what is shown and a way back to
every post at the place the reader left."""

from __future__ import annotations

from collections.abc import Callable

from ..authorspanel import AuthorsPanel
from ..navhistory import Place
from ..thread.model import PostFilter
from ..thread.view import ThreadView
from ..threadbars import FilterBar
from .services import WindowServices, tr


class AuthorFilter:
    def __init__(self, view: ThreadView, services: WindowServices, bar: FilterBar,
                 authors: AuthorsPanel, here: Callable[[], Place | None]) -> None:
        self.view = view
        self.s = services
        self.bar = bar
        self.authors = authors
        self.here = here
        self.place: Place | None = None  # where the reader was before a filter
        bar.back_clicked.connect(self._back_to_all_posts)
        authors.authors_chosen.connect(self._authors_chosen)

    def thread_opened(self) -> None:
        self.place = None
        self.bar.hide()
        self._uncheck_only_op()
        self.authors.set_authors(self.view.thread_model.author_counts())

    def _uncheck_only_op(self) -> None:
        if "only_op" in self.s.actions:  # the registry is filled after the tools are built
            self.s.actions["only_op"].setChecked(False)

    def _apply(self, post_filter: PostFilter, text: str) -> None:
        if self.place is None:
            self.place = self.here()
        self.view.set_filter(post_filter)
        if post_filter.active:
            self.bar.show_text(text)
        else:
            self.bar.hide()

    def _count(self, names: frozenset[str]) -> int:
        return sum(1 for a in self.view.thread_model.all_authors if a in names)

    def only_author(self, name: str) -> None:
        self.authors.clear_selection()
        self._uncheck_only_op()
        self._apply(PostFilter(authors=frozenset([name])),
                    tr("ReadingTools", "Only posts by %1 (%n posts)", "", self._count(frozenset([name])))
                    .replace("%1", name))

    def _authors_chosen(self, names: list[str]) -> None:
        if not names:
            self.show_all_posts()
            return
        self._uncheck_only_op()
        chosen = frozenset(names)
        self._apply(PostFilter(authors=chosen),
                    tr("ReadingTools", "Only posts by %1 (%n posts)", "", self._count(chosen))
                    .replace("%1", "、".join(names)))

    def toggle_only_op(self) -> None:
        if not self.s.actions["only_op"].isChecked():
            self.show_all_posts()
            return
        self.authors.clear_selection()
        model = self.view.thread_model
        n = sum(model.all_op)
        self._apply(PostFilter(only_op=True),
                    tr("ReadingTools", "Only the thread starter %1 (%n posts)", "", n)
                    .replace("%1", model.op_name() or ""))

    def show_all_posts(self, restore: bool = True) -> None:
        place, self.place = self.place, None
        self.bar.hide()
        self.authors.clear_selection()
        self._uncheck_only_op()
        if not self.view.thread_model.filter.active:
            return
        self.view.set_filter(PostFilter())
        if restore and place is not None and place.tid == self.s.current_tid():
            self.view.restore_position(place.post_id, place.offset)

    def _back_to_all_posts(self) -> None:
        """返回全部楼层: the bar (and its button, which had the focus) goes; the keys go to the
        thread, not to whatever widget is next in the focus chain (the library filter)."""
        self.show_all_posts()
        self.view.setFocus()

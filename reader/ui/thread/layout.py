"""The thread view's layout cache: laid-out post documents (a bounded LRU) and measured row
heights, both keyed by (post id, content width), plus the smileys each laid-out post shows.

The delegate fills it while painting and measuring; the view reads heights from it to tell
measured rows from estimated ones. Forgetting is per post (its folds or collapsed state
changed), documents only (highlighted text changed; sizes stay) or everything (font, colours,
marks)."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtGui import QTextDocument

MAX_DOCS = 400


class LayoutCache:
    def __init__(self, max_docs: int = MAX_DOCS) -> None:
        self.max_docs = max_docs
        self._docs: OrderedDict[tuple[int, int], QTextDocument] = OrderedDict()
        self._heights: dict[tuple[int, int], int] = {}
        self._smileys_of: dict[int, frozenset[str]] = {}  # post id -> smiley keys it shows

    def height(self, post_id: int, width: int) -> int | None:
        """The measured height of a post at a width, or None if not measured."""
        return self._heights.get((post_id, width))

    def fill_heights(self, ids: list[int], width: int, heights: list[int]) -> None:
        """Replace the estimates in ``heights`` (one per id) by the measured heights."""
        measured = self._heights
        if measured:
            for row, pid in enumerate(ids):
                h = measured.get((pid, width))
                if h is not None:
                    heights[row] = h

    def set_height(self, post_id: int, width: int, height: int) -> None:
        self._heights[(post_id, width)] = height

    def document(self, post_id: int, width: int, touch: bool = True) -> QTextDocument | None:
        """The laid-out document, if there is one (``touch``: count it as recently used)."""
        key = (post_id, width)
        doc = self._docs.get(key)
        if doc is not None and touch:
            self._docs.move_to_end(key)
        return doc

    def put_document(self, post_id: int, width: int, doc: QTextDocument, height: int,
                     smileys: frozenset[str]) -> None:
        key = (post_id, width)
        self._heights[key] = height
        self._docs[key] = doc
        self._smileys_of[post_id] = smileys
        while len(self._docs) > self.max_docs:
            self._docs.popitem(last=False)

    def smileys(self, post_id: int) -> frozenset[str]:
        return self._smileys_of.get(post_id, frozenset())

    def forget(self, post_id: int) -> None:
        """Forget one post's documents and sizes."""
        for key in [k for k in self._docs if k[0] == post_id]:
            del self._docs[key]
        for key in [k for k in self._heights if k[0] == post_id]:
            del self._heights[key]

    def forget_documents(self) -> None:
        """Forget the documents, keep the sizes."""
        self._docs.clear()

    def clear(self) -> None:
        self._docs.clear()
        self._heights.clear()

"""The posts of one thread as a list model that holds only post ids and loads rows in chunks.

Opening a thread runs one cheap query (id, floor, body length per post). A post is decoded the
first time a row of its chunk is asked for; decoded chunks live in a small LRU cache that can be
dropped (``mark_stale``) when the library changes. Extra data is exposed through custom roles.
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ..store import queries
from ..store.queries import StoredPost

CHUNK = 200
MAX_CHUNKS = 40  # 8,000 decoded posts at most


class PostRole(IntEnum):
    POST = Qt.ItemDataRole.UserRole + 1  # StoredPost
    POST_ID = Qt.ItemDataRole.UserRole + 2
    FLOOR = Qt.ItemDataRole.UserRole + 3
    IS_NEW = Qt.ItemDataRole.UserRole + 4  # floor above the last visit's highest floor
    QUOTE_FLOORS = Qt.ItemDataRole.UserRole + 5  # floors of quoted posts in this thread, or None
    BODY_LENGTH = Qt.ItemDataRole.UserRole + 6


Index = QModelIndex | QPersistentModelIndex


class ThreadModel(QAbstractListModel):
    """Rows are the posts of ``tid`` in reading order."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tid: int | None = None
        self.ids: list[int] = []
        self.floors: list[int] = []
        self.lengths: list[int] = []
        self.new_after_floor: int | None = None
        self._chunks: OrderedDict[int, tuple[list[StoredPost], list[list[int | None]]]] = (
            OrderedDict())

    # -- loading

    def open_thread(self, tid: int, new_after_floor: int | None = None) -> None:
        hints = queries.thread_layout_hints(tid)
        self.beginResetModel()
        self.tid = tid
        self.ids = [h[0] for h in hints]
        self.floors = [h[1] for h in hints]
        self.lengths = [h[2] for h in hints]
        self.new_after_floor = new_after_floor
        self._chunks.clear()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.tid = None
        self.ids, self.floors, self.lengths = [], [], []
        self._chunks.clear()
        self.endResetModel()

    def mark_stale(self) -> None:
        """Forget decoded posts; they are loaded again when next drawn."""
        self._chunks.clear()

    def _chunk(self, n: int) -> tuple[list[StoredPost], list[list[int | None]]]:
        got = self._chunks.get(n)
        if got is not None:
            self._chunks.move_to_end(n)
            return got
        ids = self.ids[n * CHUNK : (n + 1) * CHUNK]
        posts = queries.load_posts(ids)
        links = queries.quotes_of_posts(ids)
        floors: list[list[int | None]] = []
        for p in posts:
            floors.append([
                q["target"]["floor"] if q["target"] and q["target"]["tid"] == self.tid else None
                for q in links.get(p.id, [])
            ])
        got = (posts, floors)
        self._chunks[n] = got
        while len(self._chunks) > MAX_CHUNKS:
            self._chunks.popitem(last=False)
        return got

    # -- direct access (used by the delegate and the view; cheaper than data())

    def post(self, row: int) -> StoredPost:
        posts, _ = self._chunk(row // CHUNK)
        return posts[row % CHUNK]

    def quote_floors(self, row: int) -> list[int | None]:
        _, floors = self._chunk(row // CHUNK)
        return floors[row % CHUNK]

    def is_new(self, row: int) -> bool:
        return self.new_after_floor is not None and self.floors[row] > self.new_after_floor

    def row_for_floor(self, floor: int) -> int:
        """The first row at or after ``floor`` (the last row if the floor is past the end)."""
        if not self.floors:
            return -1
        return min(bisect.bisect_left(self.floors, floor), len(self.floors) - 1)

    # -- Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if role == PostRole.POST_ID:
            return self.ids[row]
        if role == PostRole.FLOOR:
            return self.floors[row]
        if role == PostRole.BODY_LENGTH:
            return self.lengths[row]
        if role == PostRole.IS_NEW:
            return self.is_new(row)
        if role == PostRole.POST:
            return self.post(row)
        if role == PostRole.QUOTE_FLOORS:
            return self.quote_floors(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            p = self.post(row)
            return f"{p.floor}# {p.author}"
        return None

"""The posts of one thread as a list model that holds only post ids and loads rows in chunks.

Opening a thread runs one cheap query (id, floor, body length, author, OP flag per post). A
post is decoded the first time a row of its chunk is asked for; decoded chunks live in a small
LRU cache that can be dropped (``mark_stale``) when the library changes.

Filters (only some authors, only the OP, posts hidden by the block list or keyword rules) are a
view over the same rows: ``set_filter`` picks the visible rows from the arrays already in
memory and resets the model, without touching the database. Row numbers of the model are
visible rows; ``ids``/``floors``/``lengths`` are the visible rows' values. Extra data is exposed
through custom roles.

The model also owns the reading state (:class:`~reader.ui.thread.state.ReadingState`): marks,
quote folds, peeks, highlighted text, the flash after a jump. It is read through roles (or the
direct accessors the delegate uses), and changed only through the model's methods, which emit
``dataChanged`` with the roles that changed for the rows that changed, or ``reading_changed``
with the roles when every row changed (also when no row is shown): the view lays rows out
again for ``FOLDS`` and ``COLLAPSED``, renders them again for ``MARK_TEXT`` and repaints for the
rest.
"""

from __future__ import annotations

import bisect
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ...parse.folding import quote_is_long
from ...parse.walk import quotes as body_quotes
from ...store import authors, queries
from ...store.postmarks import UserMarks
from ...store.queries import StoredPost
from ...store.threadrows import ThreadRows, thread_rows
from .state import QuoteOptions, ReadingState, folded_by_default

CHUNK = 64  # posts decoded together (a chunk is read while the window waits: keep it small)
MAX_CHUNKS = 125  # 8,000 decoded posts at most


class PostRole(IntEnum):
    POST = Qt.ItemDataRole.UserRole + 1  # StoredPost
    POST_ID = Qt.ItemDataRole.UserRole + 2
    FLOOR = Qt.ItemDataRole.UserRole + 3
    IS_NEW = Qt.ItemDataRole.UserRole + 4  # floor above the last visit's highest floor
    QUOTE_FLOORS = Qt.ItemDataRole.UserRole + 5  # floors of quoted posts in this thread, or None
    BODY_LENGTH = Qt.ItemDataRole.UserRole + 6
    AUTHOR = Qt.ItemDataRole.UserRole + 7
    IS_OP = Qt.ItemDataRole.UserRole + 8
    COLLAPSED = Qt.ItemDataRole.UserRole + 9  # "block", "rule" or None
    HIGHLIGHT = Qt.ItemDataRole.UserRole + 10  # colour of the author's highlight, or None
    BOOKMARKED = Qt.ItemDataRole.UserRole + 11
    FOLDS = Qt.ItemDataRole.UserRole + 12  # quote ordinal -> folded, as the reader set them
    MARK_TEXT = Qt.ItemDataRole.UserRole + 13  # text highlighted in the post, or None
    FLASH = Qt.ItemDataRole.UserRole + 14  # 0..1: how strongly the post flashes


LAYOUT_ROLES = frozenset({PostRole.FOLDS, PostRole.COLLAPSED})  # row heights change
MARKS_ROLES = [PostRole.COLLAPSED, PostRole.HIGHLIGHT, PostRole.BOOKMARKED]

MarksSource = Callable[[int, list[tuple[int, str]]], UserMarks]


@dataclass(frozen=True, slots=True)
class PostFilter:
    """Which posts a thread view shows. ``authors`` None means everyone."""

    authors: frozenset[str] | None = None
    only_op: bool = False

    @property
    def active(self) -> bool:
        return self.authors is not None or self.only_op


Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ThreadLoad:
    """What opening a thread reads from the library (``ThreadModel.load_thread``)."""

    tid: int
    rows: ThreadRows
    marks: UserMarks | None
    author_counts: list[tuple[str, int]]
    full_rows: dict[int, int]  # post id -> its row in the thread


@dataclass(slots=True)
class _Chunk:
    posts: list[StoredPost]
    targets: list[list[dict | None]]  # per post, per quote (pre-order): resolved target or None
    replies: dict[int, int]  # post id -> number of posts quoting it


class ThreadModel(QAbstractListModel):
    """Rows are the visible posts of ``tid`` in reading order. ``reading_changed(roles)``: the
    reading state of every row changed in these roles."""

    reading_changed = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.tid: int | None = None
        # every post of the thread
        self.all_ids: list[int] = []
        self.all_floors: list[int] = []
        self.all_lengths: list[int] = []
        self.all_authors: list[str] = []
        self.all_op: list[bool] = []
        self._full_row_map: dict[int, int] | None = {}  # post id -> full row (built on first use)
        # the visible rows
        self.rows: Sequence[int] = []  # full row of each visible row
        self.ids: list[int] = []
        self.floors: list[int] = []
        self.lengths: list[int] = []
        self.filter = PostFilter()
        self.hidden: set[int] = set()  # post ids hidden by the block list / keyword rules
        self.new_after_floor: int | None = None
        self._chunks: OrderedDict[int, _Chunk] = OrderedDict()
        self.state = ReadingState()
        self._marks_source: MarksSource | None = None

    # -- loading

    def load_thread(self, tid: int) -> ThreadLoad:
        """Read what opening ``tid`` needs (its rows, its marks, its authors): the part of
        opening that can run on another thread, so a 175,000-post thread's reading does not
        hold the window (``open_thread(..., loaded=...)`` then only shows it)."""
        rows = thread_rows(tid)
        marks = (self._marks_source(tid, list(zip(rows.ids, rows.authors, strict=True)))
                 if self._marks_source is not None else None)
        counts = sorted(Counter(rows.authors).items(), key=lambda x: (-x[1], x[0]))
        return ThreadLoad(tid, rows, marks, counts, {pid: i for i, pid in enumerate(rows.ids)})

    def open_thread(self, tid: int, new_after_floor: int | None = None,
                    hidden: set[int] | None = None, loaded: ThreadLoad | None = None) -> None:
        load = loaded if loaded is not None and loaded.tid == tid else self.load_thread(tid)
        rows = load.rows
        if load.marks is not None:
            self.state.marks = load.marks
            hidden = set(hidden or ()) | load.marks.hidden_posts
        self._author_counts = load.author_counts
        self.beginResetModel()
        self.state.forget_thread()
        self.tid = tid
        self.all_ids = rows.ids
        self.all_floors = rows.floors
        self.all_lengths = rows.lengths
        self.all_authors = rows.authors
        self.all_op = rows.op
        self._full_row_map = load.full_rows
        self.filter = PostFilter()
        self.hidden = set(hidden or ())
        self.new_after_floor = new_after_floor
        self._chunks.clear()
        self._select()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self.tid = None
        self.all_ids, self.all_floors, self.all_lengths = [], [], []
        self.all_authors, self.all_op, self._full_row_map = [], [], {}
        self._author_counts = None
        self.rows, self.ids, self.floors, self.lengths = [], [], [], []
        self._chunks.clear()
        self.endResetModel()

    def set_filter(self, post_filter: PostFilter, hidden: set[int] | None = None) -> None:
        """Show only the posts ``post_filter`` keeps (and not in ``hidden``, when given)."""
        self.beginResetModel()
        self.filter = post_filter
        if hidden is not None:
            self.hidden = set(hidden)
        self._select()
        self.endResetModel()

    @property
    def _full_row(self) -> dict[int, int]:
        """Post id -> full row (read with the thread, ``load_thread``)."""
        if self._full_row_map is None:
            self._full_row_map = {pid: i for i, pid in enumerate(self.all_ids)}
        return self._full_row_map

    def _select(self) -> None:
        f, hidden = self.filter, self.hidden
        keep_authors = f.authors
        ids, authors_, op = self.all_ids, self.all_authors, self.all_op
        if not f.active and not hidden:
            # every post: the visible columns are the thread's own (never changed in place)
            self.rows = range(len(ids))
            self.ids, self.floors, self.lengths = ids, self.all_floors, self.all_lengths
            return
        else:
            rows = [i for i in range(len(ids))
                    if (keep_authors is None or authors_[i] in keep_authors)
                    and (not f.only_op or op[i]) and ids[i] not in hidden]
        self.rows = rows
        self.ids = [ids[i] for i in rows]
        self.floors = [self.all_floors[i] for i in rows]
        self.lengths = [self.all_lengths[i] for i in rows]

    def mark_stale(self) -> None:
        """Forget decoded posts; they are loaded again when next drawn."""
        self._chunks.clear()

    def _chunk(self, n: int) -> _Chunk:
        got = self._chunks.get(n)
        if got is not None:
            self._chunks.move_to_end(n)
            return got
        ids = self.all_ids[n * CHUNK : (n + 1) * CHUNK]
        posts = queries.load_posts(ids)
        links = queries.quotes_of_posts(ids)
        targets = [[q["target"] for q in links.get(p.id, [])] for p in posts]
        got = _Chunk(posts, targets, authors.reply_counts(ids))
        self._chunks[n] = got
        while len(self._chunks) > MAX_CHUNKS:
            self._chunks.popitem(last=False)
        return got

    # -- direct access (used by the delegate and the view; cheaper than data())

    def post(self, row: int) -> StoredPost:
        full = self.rows[row]
        return self._chunk(full // CHUNK).posts[full % CHUNK]

    def quote_targets(self, row: int) -> list[dict | None]:
        """The resolved target ({post_id, tid, floor}) of each quote of the post, in order."""
        full = self.rows[row]
        return self._chunk(full // CHUNK).targets[full % CHUNK]

    def quote_floors(self, row: int) -> list[int | None]:
        return [t["floor"] if t and t["tid"] == self.tid else None
                for t in self.quote_targets(row)]

    def reply_count(self, row: int) -> int:
        full = self.rows[row]
        return self._chunk(full // CHUNK).replies.get(self.all_ids[full], 0)

    def author(self, row: int) -> str:
        return self.all_authors[self.rows[row]]

    def is_new(self, row: int) -> bool:
        return self.new_after_floor is not None and self.floors[row] > self.new_after_floor

    def row_for_floor(self, floor: int) -> int:
        """The first row at or after ``floor`` (the last row if the floor is past the end)."""
        if not self.floors:
            return -1
        return min(bisect.bisect_left(self.floors, floor), len(self.floors) - 1)

    def row_for_post(self, post_id: int) -> int:
        """The visible row of a post, or -1 if it is not in this thread or filtered out."""
        full = self._full_row.get(post_id)
        if full is None:
            return -1
        row = bisect.bisect_left(self.rows, full)
        return row if row < len(self.rows) and self.rows[row] == full else -1

    def nearest_row_for_post(self, post_id: int) -> int:
        """The visible row of a post, or of the next visible post after it."""
        full = self._full_row.get(post_id)
        if full is None or not self.rows:
            return -1
        return min(bisect.bisect_left(self.rows, full), len(self.rows) - 1)

    def quoted_post(self, post_id: int) -> tuple[StoredPost, list[dict | None]] | None:
        """A post (of any thread) and its quote targets, for a preview; None if not stored."""
        found = queries.load_posts([post_id])
        if not found:
            return None
        post = found[0]
        return post, [q["target"] for q in queries.quotes_of_posts([post.id])[post.id]]

    # -- reading state: read

    @property
    def marks(self) -> UserMarks:
        return self.state.marks

    @property
    def fold_lines(self) -> int:
        return self.state.fold_lines

    def collapsed(self, row: int) -> str | None:
        """Why a row is shown as one line ("block" or "rule"), or None."""
        return self.state.collapsed(self.ids[row], self.all_authors[self.rows[row]])

    def quote_options(self, row: int, chars_per_line: int) -> QuoteOptions:
        return self.state.quote_options(self.ids[row], chars_per_line)

    def highlight(self, row: int) -> str | None:
        """The colour of the row author's highlight, or None."""
        return self.state.marks.highlights.get(self.all_authors[self.rows[row]])

    def is_bookmarked(self, row: int) -> bool:
        marks = self.state.marks
        return bool(marks.bookmarks) and marks.is_bookmarked(self.post(row))

    def flash(self, row: int) -> float:
        s = self.state
        return s.flash_level if s.flash_id == self.ids[row] and s.flash_level > 0 else 0.0

    # -- reading state: change (each emits dataChanged with the roles that changed)

    def _changed(self, rows: list[int] | None, roles: list[int]) -> None:
        """Rows (None: all) changed in ``roles``."""
        if rows is None:
            self.reading_changed.emit(list(roles))
            return
        for row in rows:
            if 0 <= row < len(self.ids):
                self.dataChanged.emit(self.index(row), self.index(row), roles)

    def set_marks_source(self, source: MarksSource | None) -> None:
        """Where ``open_thread`` gets the marks of a thread (tid, [(post id, author)]): posts
        they hide are left out from the start."""
        self._marks_source = source

    def set_marks(self, marks: UserMarks) -> None:
        """New marks for the open thread (hidden posts: apply them with a filter). Only the
        roles whose marks changed are announced: a new bookmark repaints (a star), a block lays
        the rows out again (collapsed posts are one line)."""
        old = self.state.marks
        self.state.marks = marks
        roles = []
        if marks.blocked != old.blocked or marks.collapsed_posts != old.collapsed_posts:
            roles.append(PostRole.COLLAPSED)
        if marks.highlights != old.highlights:
            roles.append(PostRole.HIGHLIGHT)
        if marks.bookmarks != old.bookmarks:
            roles.append(PostRole.BOOKMARKED)
        if roles:
            self._changed(None, roles)

    def set_fold_mode(self, fold_lines: int | None = None, expand_all: bool | None = None) -> None:
        """Fold quotes longer than ``fold_lines`` / expand every quote (which forgets the
        quotes the reader folded or expanded one by one)."""
        s = self.state
        if fold_lines is not None:
            s.fold_lines = fold_lines
        if expand_all is not None:
            s.expand_all = expand_all
            s.folds.clear()
        self._changed(None, [PostRole.FOLDS])

    def set_fold(self, row: int, ordinal: int, folded: bool) -> None:
        self.state.folds.setdefault(self.ids[row], {})[ordinal] = folded
        self._changed([row], [PostRole.FOLDS])

    def toggle_post_folds(self, row: int, chars_per_line: int) -> bool:
        """Expand every folded quote of a post, or fold its long quotes if none is folded.
        False if the post has no quote to fold."""
        post = self.post(row)
        quotes = body_quotes(post.blocks)
        if not quotes:
            return False
        opts = self.quote_options(row, chars_per_line)
        folded = {}
        for i, (q, _depth) in enumerate(quotes):
            state = opts.overrides.get(i)
            folded[i] = folded_by_default(q, opts) if state is None else state
        if any(folded.values()):
            self.state.folds[post.id] = dict.fromkeys(range(len(quotes)), False)
        else:
            self.state.folds[post.id] = {
                i: True for i, (q, _depth) in enumerate(quotes)
                if q.author in opts.blocked or quote_is_long(q, opts.fold_lines, chars_per_line)}
        self._changed([row], [PostRole.FOLDS])
        return True

    def set_peeked(self, row: int, peeked: bool) -> None:
        """Open a collapsed post (or collapse it again)."""
        pid = self.ids[row]
        if peeked:
            self.state.peeked.add(pid)
        else:
            self.state.peeked.discard(pid)
        self._changed([row], [PostRole.COLLAPSED])

    def is_peeked(self, row: int) -> bool:
        return self.ids[row] in self.state.peeked

    def set_find_text(self, text: str | None) -> None:
        """Highlight ``text`` in every post (None: no more)."""
        self.state.find_text = text or None
        self._changed(None, [PostRole.MARK_TEXT])

    def mark_post(self, post_id: int, text: str) -> None:
        """Highlight ``text`` in one post (where a search result jumped to)."""
        self.state.marked_posts[post_id] = text
        self._changed([self.row_for_post(post_id)], [PostRole.MARK_TEXT])

    def set_flash(self, post_id: int | None, level: float) -> None:
        """Flash a post (``level`` 1 → 0 as it fades)."""
        s = self.state
        before = s.flash_id
        s.flash_id, s.flash_level = (post_id, level) if level > 0 else (None, 0.0)
        rows = {self.row_for_post(p) for p in (before, post_id) if p is not None}
        self._changed(sorted(r for r in rows if r >= 0), [PostRole.FLASH])

    _author_counts: list[tuple[str, int]] | None = None

    def author_counts(self) -> list[tuple[str, int]]:
        """(author, posts) over the whole thread, most posts first."""
        if self._author_counts is None:
            self._author_counts = sorted(Counter(self.all_authors).items(),
                                         key=lambda x: (-x[1], x[0]))
        return self._author_counts

    def op_name(self) -> str | None:
        return next((a for a, op in zip(self.all_authors, self.all_op, strict=True) if op), None)

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
        if role == PostRole.AUTHOR:
            return self.author(row)
        if role == PostRole.IS_OP:
            return self.all_op[self.rows[row]]
        if role == PostRole.POST:
            return self.post(row)
        if role == PostRole.QUOTE_FLOORS:
            return self.quote_floors(row)
        if role == PostRole.COLLAPSED:
            return self.collapsed(row)
        if role == PostRole.HIGHLIGHT:
            return self.highlight(row)
        if role == PostRole.BOOKMARKED:
            return self.is_bookmarked(row)
        if role == PostRole.FOLDS:
            return dict(self.state.folds.get(self.ids[row], {}))
        if role == PostRole.MARK_TEXT:
            return self.state.mark_text(self.ids[row])
        if role == PostRole.FLASH:
            return self.flash(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            p = self.post(row)
            return f"{p.floor}# {p.author}"
        return None

"""The reading state of an open thread, owned by :class:`~reader.ui.thread.model.ThreadModel`:
the reader's marks (blocked and highlighted users, keyword-rule matches, bookmarks), how quotes
are folded (the mode, and each quote the reader folded or expanded), the collapsed posts the
reader peeked at, the text to highlight (find in thread, or a jump from search) and the post
flashing after a jump; and the options a post's quotes are drawn with (:class:`QuoteOptions`,
the fold rules of ``reader.parse.folding``). Plain data with the rules that read it; no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...parse.folding import quote_is_long
from ...parse.model import Quote
from ...store.postmarks import UserMarks


@dataclass
class QuoteOptions:
    """How quotes (and marked text) are rendered for one post."""

    fold_lines: int = 4  # a quote longer than this many lines is folded; 0: never fold
    chars_per_line: int = 40  # for counting wrapped lines
    expand_all: bool = False
    overrides: dict[int, bool] = field(default_factory=dict)  # ordinal -> folded
    blocked: frozenset[str] | set[str] = frozenset()  # quotes of these authors are folded
    mark: str | None = None  # text to highlight
    mark_color: str = "#ffe08a"


def folded_by_default(q: Quote, opts: QuoteOptions) -> bool:
    """Whether a quote the reader did not fold or unfold is shown folded: its author is
    blocked, or it is long (``reader.parse.folding``) and quotes are not all expanded."""
    return ((q.author is not None and q.author in opts.blocked)
            or (not opts.expand_all and quote_is_long(q, opts.fold_lines, opts.chars_per_line)))


@dataclass
class ReadingState:
    marks: UserMarks = field(default_factory=UserMarks)
    fold_lines: int = 4  # quotes longer than this are folded (0: never)
    expand_all: bool = False
    folds: dict[int, dict[int, bool]] = field(default_factory=dict)  # post -> ordinal -> folded
    peeked: set[int] = field(default_factory=set)  # collapsed posts the reader opened
    find_text: str | None = None  # find in thread: highlighted in every post
    marked_posts: dict[int, str] = field(default_factory=dict)  # post -> text (from a search)
    flash_id: int | None = None
    flash_level: float = 0.0

    def forget_thread(self) -> None:
        """A thread was opened: folds, peeks and marked posts were the last thread's."""
        self.folds.clear()
        self.peeked.clear()
        self.marked_posts.clear()

    def collapsed(self, post_id: int, author: str) -> str | None:
        """Why a post is shown as one line ("block" or "rule"), or None."""
        if post_id in self.peeked:
            return None
        if author in self.marks.blocked:
            return "block"
        if post_id in self.marks.collapsed_posts:
            return "rule"
        return None

    def mark_text(self, post_id: int) -> str | None:
        return self.marked_posts.get(post_id) or self.find_text

    def quote_options(self, post_id: int, chars_per_line: int) -> QuoteOptions:
        return QuoteOptions(
            fold_lines=self.fold_lines, chars_per_line=chars_per_line,
            expand_all=self.expand_all, overrides=self.folds.get(post_id, {}),
            blocked=self.marks.blocked, mark=self.mark_text(post_id))

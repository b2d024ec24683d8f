"""What the reader's own lists say about the posts of the open thread: blocked and highlighted
users, posts matched by keyword rules, bookmarked posts.

``UserMarks.load`` reads them from the store in a few small queries (keyword rules read the
thread's text only when there are post rules), so it is cheap enough to run after every change.
No Qt: the thread view (``reader.ui``) only asks it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import queries, userdata
from .dbtime import to_db
from .names import NameMap, NameSet
from .queries import StoredPost
from .rulematch import first_matches

BLOCK_COLLAPSE, BLOCK_HIDE = "collapse", "hide"


@dataclass
class UserMarks:
    blocked: NameSet = field(default_factory=NameSet)  # look-alike spellings included
    highlights: NameMap = field(default_factory=NameMap)  # author -> colour
    collapsed_posts: set[int] = field(default_factory=set)  # keyword rule "collapse"
    hidden_posts: set[int] = field(default_factory=set)  # rule "hide", and blocked when hiding
    bookmarks: set[tuple[int, str, str]] = field(default_factory=set)
    too_slow: list[str] = field(default_factory=list)  # regex rules dropped: over the time box

    @classmethod
    def load(cls, tid: int | None, block_mode: str = BLOCK_COLLAPSE,
             rows: list[tuple[int, str]] | None = None) -> UserMarks:
        """Marks for thread ``tid``; ``rows`` are its (post id, author) pairs (for hiding)."""
        marks = cls(userdata.blocked_names(), userdata.highlight_colors())
        if tid is None:
            return marks
        marks.bookmarks = userdata.bookmarked_keys(tid)
        rules = userdata.list_rules("post")
        if rules:
            matched, too_slow = first_matches(queries.thread_texts(tid), rules)
            for pid, rule in matched.items():
                (marks.hidden_posts if rule.action == "hide" else marks.collapsed_posts).add(pid)
            marks.too_slow = [r.pattern for r in too_slow]
        if block_mode == BLOCK_HIDE and marks.blocked and rows:
            marks.hidden_posts.update(pid for pid, author in rows if author in marks.blocked)
        return marks

    def is_bookmarked(self, post: StoredPost) -> bool:
        if not self.bookmarks:
            return False
        return (post.floor, post.author, to_db(post.posted_at)) in self.bookmarks

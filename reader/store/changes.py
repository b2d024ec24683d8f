"""What a write changed in the library: the result every write operation gives, so each view can
decide for itself what to refresh (no list of things to refresh kept by hand in each feature).

A write operation returns :class:`Changed` (its value and its :class:`Changes`); the window
publishes the changes once, after the write, and every view that shows some of it looks at the
fields it cares about:

* ``threads``: threads whose row changed (added, removed, title, board, counts);
* ``posts``: threads whose posts changed (added, edited, deleted);
* ``all_threads``: threads and posts changed that are not listed (too many, or not known);
* ``user_data``: the kinds of user data that changed (:data:`BOOKMARKS`, :data:`MARKS` for
  blocked and highlighted users, :data:`RULES` for keyword rules, :data:`READ_STATE` for reading
  positions and visits, :data:`WATCHES` for saved searches), and ``user_data_of`` the threads
  they are about (empty: any thread);
* ``media``: pictures of the media cache arrived or were dropped.

Changes combine with ``|``. Pure data: no I/O, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

BOOKMARKS = "bookmarks"
MARKS = "marks"  # blocked and highlighted users
RULES = "rules"  # keyword rules (posts and thread titles)
READ_STATE = "read_state"  # reading positions and visits
WATCHES = "watches"  # saved searches (关注) and when each was last opened
USER_DATA_KINDS = (BOOKMARKS, MARKS, RULES, READ_STATE, WATCHES)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    threads: frozenset[int] = frozenset()
    posts: frozenset[int] = frozenset()
    all_threads: bool = False
    user_data: frozenset[str] = frozenset()
    user_data_of: frozenset[int] = frozenset()
    media: bool = False

    def __post_init__(self) -> None:
        unknown = set(self.user_data) - set(USER_DATA_KINDS)
        if unknown:
            raise ValueError(f"unknown kinds of user data: {sorted(unknown)}")

    # -- building

    @classmethod
    def of_threads(cls, tids: Iterable[int], posts: bool = True) -> Changes:
        """Threads written (their rows, and with ``posts`` their posts)."""
        tids = frozenset(tids)
        return cls(threads=tids, posts=tids if posts else frozenset())

    @classmethod
    def every_thread(cls) -> Changes:
        """Any thread and its posts may have changed."""
        return cls(all_threads=True)

    @classmethod
    def of_user_data(cls, *kinds: str, tids: Iterable[int] = ()) -> Changes:
        """User data of ``kinds`` changed (about the threads ``tids``; none named: any thread)."""
        return cls(user_data=frozenset(kinds), user_data_of=frozenset(tids))

    def __or__(self, other: Changes) -> Changes:
        # user data about named threads, joined with user data about any thread: any thread
        def of(c: Changes) -> frozenset[int] | None:
            return c.user_data_of if c.user_data_of or not c.user_data else None

        mine, theirs = of(self), of(other)
        return Changes(
            threads=self.threads | other.threads,
            posts=self.posts | other.posts,
            all_threads=self.all_threads or other.all_threads,
            user_data=self.user_data | other.user_data,
            user_data_of=(mine | theirs) if mine is not None and theirs is not None
            else frozenset(),
            media=self.media or other.media,
        )

    # -- reading (what the views ask)

    def __bool__(self) -> bool:
        return bool(self.threads or self.posts or self.all_threads or self.user_data
                    or self.media)

    @property
    def library(self) -> bool:
        """Whether the list of threads may look different (a row added, removed or changed)."""
        return self.all_threads or bool(self.threads)

    def thread_changed(self, tid: int | None) -> bool:
        """Whether the row of thread ``tid`` may have changed."""
        return tid is not None and (self.all_threads or tid in self.threads)

    def posts_changed(self, tid: int | None) -> bool:
        """Whether the posts of thread ``tid`` may have changed."""
        return tid is not None and (self.all_threads or tid in self.posts)

    def user_data_changed(self, *kinds: str, tid: int | None = None) -> bool:
        """Whether user data of any of ``kinds`` changed (about thread ``tid``, when given)."""
        if not self.user_data.intersection(kinds):
            return False
        return tid is None or not self.user_data_of or tid in self.user_data_of


NOTHING = Changes()


@dataclass(frozen=True, slots=True)
class Changed(Generic[T]):
    """A write's value and what it changed."""

    value: T
    changes: Changes = field(default=NOTHING)

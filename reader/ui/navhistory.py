"""Back/forward history of reading places, as a browser keeps it.

A place is (thread, post at the top of the view, pixels of that post scrolled above the top,
the page of the thread on screen): it survives re-measuring rows and filters, so going back lands
on the same pixel of text, or on the digest or gallery a jump was made from.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_PLACES = 100


@dataclass(frozen=True, slots=True)
class Place:
    tid: int
    post_id: int
    offset: int
    page: str = "posts"  # the page of the thread shown: posts, digest or gallery


class NavHistory:
    def __init__(self) -> None:
        self.back: list[Place] = []
        self.forward: list[Place] = []

    def push(self, here: Place) -> None:
        """Record ``here`` before a jump; a new jump forgets the forward places."""
        if not self.back or self.back[-1] != here:
            self.back.append(here)
            del self.back[:-MAX_PLACES]
        self.forward.clear()

    def go_back(self, here: Place | None) -> Place | None:
        if not self.back:
            return None
        if here is not None:
            self.forward.append(here)
        return self.back.pop()

    def go_forward(self, here: Place | None) -> Place | None:
        if not self.forward:
            return None
        if here is not None:
            self.back.append(here)
        return self.forward.pop()

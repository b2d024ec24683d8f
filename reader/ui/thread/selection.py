"""Text selected with the mouse in the thread view: from a place in one post to a place in the
same post or a later one. A place is (the post's row among all the thread's posts, a character
position in its laid-out body), so a selection stays where it is while rows are measured, and
orders the same whichever way the mouse went. Plain data; the view keeps it, the delegate paints
it and ``text`` of the view reads it out."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class TextPlace:
    full_row: int  # the post's place among every post of the thread (ThreadModel.rows)
    pos: int  # a character position in the post's body document


@dataclass(frozen=True, slots=True)
class TextSelection:
    anchor: TextPlace  # where the mouse went down
    cursor: TextPlace  # where it is now

    @property
    def start(self) -> TextPlace:
        return min(self.anchor, self.cursor)

    @property
    def end(self) -> TextPlace:
        return max(self.anchor, self.cursor)

    @property
    def empty(self) -> bool:
        return self.anchor == self.cursor

    def span(self, full_row: int, length: int) -> tuple[int, int] | None:
        """The characters [a, b) selected in the post at ``full_row`` whose body has ``length``
        characters, or None when none of it is."""
        start, end = self.start, self.end
        if self.empty or not start.full_row <= full_row <= end.full_row:
            return None
        a = start.pos if full_row == start.full_row else 0
        b = end.pos if full_row == end.full_row else length
        a, b = max(0, min(a, length)), max(0, min(b, length))
        return (a, b) if a < b else None

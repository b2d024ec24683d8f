"""The links a post card, a preview or a conversation carries, typed: one frozen dataclass per
kind, ``build`` to write one as an href and ``parse`` to read an href back.

Body links come from the rendered HTML (``quote:``, ``floor:``, ``image:``, ``fold:`` and web
links); the card's painted parts (author name, "N replies", a collapsed row) and a fold link
clicked in a given row are pseudo links the delegate makes, with the row they were clicked in.
Anything that is not one of our kinds is a :class:`WebLink` (opened only if it is http/https).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AuthorLink:
    """The author name in a card's header (row of the view)."""

    row: int


@dataclass(frozen=True, slots=True)
class RepliesLink:
    """"N replies" in a card's header (row of the view)."""

    row: int


@dataclass(frozen=True, slots=True)
class PeekLink:
    """A collapsed (blocked or rule-hidden) row, clicked to peek at it."""

    row: int


@dataclass(frozen=True, slots=True)
class FoldLink:
    """Expand (``folded`` False) or fold a quote of a post; ``ordinal`` counts the post's quotes
    in pre-order. ``row`` is None in the rendered body and set once the delegate knows which
    row was clicked."""

    ordinal: int
    folded: bool
    row: int | None = None


@dataclass(frozen=True, slots=True)
class FloorLink:
    """A floor of the open thread (a quote whose post is not stored under an id)."""

    floor: int


@dataclass(frozen=True, slots=True)
class QuoteLink:
    """The header of a quote: the quoted post."""

    post_id: int


@dataclass(frozen=True, slots=True)
class PostLink:
    """A post's header in a conversation."""

    post_id: int


@dataclass(frozen=True, slots=True)
class ImageLink:
    """A picture in a post (also the name its pixels are registered under in a document)."""

    url: str


@dataclass(frozen=True, slots=True)
class WebLink:
    """Any other href, as it is."""

    url: str


Link = (AuthorLink | RepliesLink | PeekLink | FoldLink | FloorLink | QuoteLink | PostLink
        | ImageLink | WebLink)

_ROW_KINDS: dict[str, type] = {"author": AuthorLink, "replies": RepliesLink, "peek": PeekLink}
_ID_KINDS: dict[str, type] = {"quote": QuoteLink, "post": PostLink}


def build(link: Link) -> str:
    """The href of a link (not HTML-escaped)."""
    match link:
        case AuthorLink(row):
            return f"author:{row}"
        case RepliesLink(row):
            return f"replies:{row}"
        case PeekLink(row):
            return f"peek:{row}"
        case FoldLink(ordinal, folded, None):
            return f"fold:{ordinal}:{'close' if folded else 'open'}"
        case FoldLink(ordinal, folded, row):
            return f"fold:{row}:{ordinal}:{'close' if folded else 'open'}"
        case FloorLink(floor):
            return f"floor:{floor}"
        case QuoteLink(post_id):
            return f"quote:{post_id}"
        case PostLink(post_id):
            return f"post:{post_id}"
        case ImageLink(url):
            return f"image:{url}"
        case WebLink(url):
            return url
    raise TypeError(f"not a link: {link!r}")


def parse(href: str) -> Link:
    """The link an href names; a :class:`WebLink` when it is none of our kinds (or is one of
    them with numbers that do not read as numbers)."""
    kind, sep, rest = href.partition(":")
    if not sep:
        return WebLink(href)
    if kind == "image":
        return ImageLink(rest)
    try:
        if kind in _ROW_KINDS:
            return _ROW_KINDS[kind](int(rest))
        if kind in _ID_KINDS:
            return _ID_KINDS[kind](int(rest))
        if kind == "floor":
            return FloorLink(int(rest))
        if kind == "fold":
            *numbers, state = rest.split(":")
            if state in ("open", "close") and len(numbers) in (1, 2):
                values = [int(n) for n in numbers]
                row = values[0] if len(values) == 2 else None
                return FoldLink(values[-1], state == "close", row)
    except ValueError:
        pass
    return WebLink(href)

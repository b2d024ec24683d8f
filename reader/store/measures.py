"""The figures a thread's digest ranks posts by, taken from one post body: its rating (the sum of
战斗力 and the number of raters), how many images it shows, and the length of its own text.

They are worked out once, when a post is stored (``prepare.post_row``; schema step 9 for posts
stored before), and kept in the ``post_measure`` table for the posts that have a rating or an
image only, so a digest reads a few rows instead of decoding every body of a 175,000-post
thread. Only the author's own content counts: a quoted image or rating belongs to the quoted
post.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..parse.codec import loads_blocks, plain_text
from ..parse.model import Block, Image, Rating
from ..parse.walk import walk


@dataclass(frozen=True, slots=True)
class PostMeasure:
    rating: int  # the sum of 战斗力 (may be negative)
    raters: int  # 参与人数
    images: int  # images in the author's own content (smileys and file-type icons are not)
    length: int  # characters of the author's own text

    @property
    def notable(self) -> bool:
        """Worth a row of ``post_measure``: rated, or showing an image."""
        return bool(self.rating or self.raters or self.images)

    def row(self) -> tuple[int, int, int, int]:
        return (self.rating, self.raters, self.images, self.length)


FILETYPE_ICON = "/image/filetype/"  # the forum's icon beside an attachment's name: not a picture


def own_images(blocks: Iterable[Block]) -> Iterator[Image]:
    """The pictures of a body's own paragraphs, in reading order (quotes and the icons beside
    attachment names left out)."""
    return (node for node, _depth in walk(blocks, into_quotes=False)
            if isinstance(node, Image) and FILETYPE_ICON not in node.url)


def post_measure(blocks: tuple[Block, ...], own_text: str | None = None) -> PostMeasure:
    """The figures of one body; ``own_text`` when the caller already has it (saves a pass)."""
    rating = raters = images = 0
    for node, _depth in walk(blocks, into_quotes=False):
        if isinstance(node, Rating):
            rating += node.total
            raters += node.participants
        elif isinstance(node, Image) and FILETYPE_ICON not in node.url:
            images += 1
    if own_text is None:
        own_text = plain_text(blocks)[0]
    return PostMeasure(rating, raters, images, len(own_text))


def measure_json(body: str) -> PostMeasure | None:
    """The figures of a body in codec JSON when they are notable, else None; a body with neither
    a rating nor an image tag anywhere is not even decoded."""
    if '["r",' not in body and '["i",' not in body:
        return None
    found = post_measure(loads_blocks(body))
    return found if found.notable else None

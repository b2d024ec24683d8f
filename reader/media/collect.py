"""The smileys and images a library refers to: walk the stored post bodies of some or all threads.

Only posts flagged at import as holding a smiley or image run (``FLAG_MEDIA``) are decoded.
Quoted content counts too (a quote shows its smileys). ``thread_images`` lists the images a
thread's posts show themselves (the gallery of its digest): only the posts ``post_measure`` counts
images for are decoded.
The stored bodies come from ``reader.store.mediaposts``.
The library must be open (``reader.store.db.open_library``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from ..parse.model import Block, Image, Smiley
from ..parse.walk import walk
from ..store.bodies import body_blocks
from ..store.measures import own_images
from ..store.mediaposts import image_posts, media_bodies
from .urls import KIND_SMILEY, MediaRef, media_ref


def body_media(blocks: Iterable[Block]) -> Iterator[Smiley | Image]:
    """Smiley and Image runs of a post body, in reading order (quotes included)."""
    return (node for node, _depth in walk(blocks) if isinstance(node, Smiley | Image))


def library_media(tids: Iterable[int] | None = None, smileys_only: bool = False) -> list[MediaRef]:
    """Distinct pictures (by cache key) of the threads ``tids``, or of every thread if None."""
    found: dict[str, MediaRef] = {}
    for body in media_bodies(tids):
        for run in body_media(body_blocks(body)):
            if smileys_only and not isinstance(run, Smiley):
                continue
            ref = media_ref(run.url)
            if ref is not None and (not smileys_only or ref.kind == KIND_SMILEY):
                found.setdefault(ref.key, ref)
    return list(found.values())


@dataclass(frozen=True, slots=True)
class ThreadImage:
    """One image a post shows (every occurrence: the same picture in two posts is two entries)."""

    url: str  # as written in the post
    key: str  # the media cache's key (canonical URL)
    post_id: int
    floor: int
    author: str
    posted_at: datetime

    def as_dict(self) -> dict:
        return {"url": self.url, "key": self.key, "post_id": self.post_id, "floor": self.floor,
                "author": self.author, "posted_at": self.posted_at.isoformat()}


def thread_images(tid: int) -> list[ThreadImage]:
    """The images of thread ``tid``'s posts (their own content, not what they quote), in reading
    order."""
    out: list[ThreadImage] = []
    for post_id, floor, author, at, body in image_posts(tid):
        for image in own_images(body_blocks(body)):
            ref = media_ref(image.url)
            out.append(ThreadImage(image.url, ref.key if ref is not None else image.url, post_id,
                                   floor, author, at))
    return out

"""The stored post bodies that hold pictures, for ``reader.media.collect`` (which decodes them and
finds the smileys and images): only posts flagged at import as holding a smiley or image
(``FLAG_MEDIA``), or counted by ``post_measure`` as showing images of their own."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from .dbtime import from_db
from .models import FLAG_MEDIA, Author, Post, PostMeasure, database


def media_bodies(tids: Iterable[int] | None = None) -> Iterator[bytes]:
    """The stored bodies of the posts with a smiley or image, of the threads ``tids`` (every
    thread if None), in reading order; read as they stream (a whole library does not fit)."""
    query = Post.select(Post.body).where(Post.flags.bin_and(FLAG_MEDIA) != 0)
    if tids is not None:
        wanted = sorted(set(tids))
        if not wanted:
            return
        query = query.where(Post.thread.in_(wanted))
    for (body,) in database.execute(query.order_by(Post.thread, Post.floor, Post.id)):
        yield body


def image_posts(tid: int) -> list[tuple[int, int, str, datetime, bytes]]:
    """(post id, floor, author, time, stored body) of the posts of ``tid`` that show images of
    their own, in reading order."""
    query = (PostMeasure.select(Post.id, Post.floor, Author.name, Post.posted_at, Post.body)
             .join(Post).join(Author)
             .where((PostMeasure.tid == tid) & (PostMeasure.images > 0))
             .order_by(Post.floor, Post.posted_at, Post.id))
    return [(i, floor, author, from_db(posted), body)
            for i, floor, author, posted, body in database.execute(query).fetchall()]

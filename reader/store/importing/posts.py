"""Posts that come from elsewhere than a file (a forum page), stored by the import's rules:
identity (floor, author, time), update in place, quote resolution; one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from ...parse import ThreadRef, distinct_posts
from ...parse.model import Post
from .. import bodies
from ..dbtime import db_now
from ..models import database
from ..prepare import post_row
from .ids import LibraryIds
from .jobs import new_thread_writer
from .results import ImportResult


def import_posts(tid: int, ref: ThreadRef, posts: Iterable[Post],
                 ids: LibraryIds | None = None) -> ImportResult:
    """Store ``posts`` of thread ``tid`` (``ref``: its title and board). ``ids`` may be kept
    by a caller that stores many pages.

    Call it inside ``database.atomic()`` to commit the caller's own bookkeeping with the same
    transaction. Bookmarks and reading state are not touched.
    """
    ids = ids or LibraryIds()
    codec = bodies.codec()
    rows = [post_row(p, codec) for p in distinct_posts(list(posts))]
    result = ImportResult(threads=1)
    with ids.undone_on_error(), database.atomic():
        writer = new_thread_writer(tid, db_now(), ids)
        writer.header(ref)
        writer.add(rows)
        result.posts_added, result.posts_updated = writer.finish()
    return result

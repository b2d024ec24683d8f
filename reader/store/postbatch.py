"""Posts, quote links and reply counts by post id, 500 ids a statement: what the thread view
reads for every page of posts it shows (``queries.load_posts``, ``queries.quotes_of_posts``,
``authors.reply_counts``).

Raw SQL on purpose: this is the view's paging hot path, and building an ``IN (...)`` of 500 ids
with peewee costs about 3 ms a statement (a conversion per parameter), 8 times the query itself
(quote links of 5,000 posts of the 4-million-post library: 5 ms raw, 42 ms built). The column
lists follow the models in ``models.py``; ``tests/test_schema_models.py`` keeps those equal to the
migrated schema. Returns rows as stored; the callers turn them into dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator

from .models import database

CHUNK = 500  # ids per statement (well under SQLite's parameter limit)

_POSTS = ("SELECT p.id, p.tid, p.floor, a.name, p.posted_at, p.is_op, p.flags, p.editor, p.edited_at, "
          "p.pid, p.body FROM post p JOIN author a ON a.id = p.author_id WHERE p.id IN ({})")
_QUOTES = ("SELECT q.post_id, q.ordinal, q.quoted_author, q.quoted_at, q.pid, q.ptid, "
           "t.id, t.tid, t.floor FROM quote_link q LEFT JOIN post t ON t.id = q.target_id "
           "WHERE q.post_id IN ({}) ORDER BY q.post_id, q.ordinal")
_REPLIES = ("SELECT target_id, COUNT(DISTINCT post_id) FROM quote_link WHERE target_id IN ({}) "
            "GROUP BY target_id")


def _chunks(sql: str, ids: list[int]) -> Iterator[tuple]:
    for i in range(0, len(ids), CHUNK):
        chunk = ids[i : i + CHUNK]
        yield from database.execute_sql(sql.format(",".join("?" * len(chunk))), chunk).fetchall()


def post_rows(ids: list[int]) -> Iterator[tuple]:
    """(id, tid, floor, author, posted_at, is_op, flags, editor, edited_at, pid, body) of the
    posts ``ids`` that exist, in no particular order."""
    return _chunks(_POSTS, ids)


def quote_rows(ids: list[int]) -> Iterator[tuple]:
    """(post id, ordinal, quoted author, quoted time, pid, ptid, target post id, target tid,
    target floor) of the quote links of the posts ``ids``, by post and ordinal (target columns
    None for a link that does not resolve)."""
    return _chunks(_QUOTES, ids)


def reply_count_rows(ids: list[int]) -> Iterator[tuple[int, int]]:
    """(post id, number of posts quoting it) for the posts ``ids`` with at least one reply."""
    return _chunks(_REPLIES, ids)

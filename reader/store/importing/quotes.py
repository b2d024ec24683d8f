"""Quote links pointed at the posts they quote, once both are in the library.

A quote names the quoted post by pid (when the archive kept the link) and always by author and
minute. Links inside a thread are resolved in memory while its posts are written
(``threadwrite.py``); what is left open is resolved here in SQL, by the same rule: the quoted pid
first, then author and minute within the quoted thread, then across the library, lowest floor.
"""

from __future__ import annotations

from ..models import database

_TARGET_SQL = (
    "COALESCE("
    "(SELECT p.id FROM post p WHERE quote_link.pid IS NOT NULL AND p.pid = quote_link.pid LIMIT 1), "
    # "+p.tid": look the post up by (author, time), then check the thread; the (tid, floor, …)
    # index would scan every post of a big thread for each quote
    "(SELECT p.id FROM post p WHERE +p.tid = COALESCE(quote_link.ptid, "
    " (SELECT q.tid FROM post q WHERE q.id = quote_link.post_id)) "
    " AND p.author_id = (SELECT id FROM author WHERE name = quote_link.quoted_author) "
    " AND p.posted_at = quote_link.quoted_at ORDER BY p.floor LIMIT 1), "
    "(SELECT p.id FROM post p "
    " WHERE p.author_id = (SELECT id FROM author WHERE name = quote_link.quoted_author) "
    " AND p.posted_at = quote_link.quoted_at ORDER BY p.tid, p.floor LIMIT 1))"
)


_FROM_THREAD = object()


def resolve_quotes(tid: int, links: tuple[int, int] | None | object = _FROM_THREAD) -> None:
    """Point unresolved quote links of and into thread ``tid`` at the post they quote.

    Order: the quoted pid when a post with that pid is stored; else the quoted author and minute
    within the quoted thread (ptid, or the quoting thread); else the same across the library.
    Same-thread quotes were already resolved in memory while the posts were written, so a new
    thread passes the id range of its links that are still open (``None``: none are); by default
    every open link of the thread is looked at again.
    """
    if links is _FROM_THREAD:
        # "+target_id": find the thread's links through its posts; by the target_id index SQLite
        # would visit every unresolved link of the library for each thread (quadratic at scale)
        database.execute_sql(
            f"UPDATE quote_link SET target_id = {_TARGET_SQL} WHERE +target_id IS NULL "
            "AND post_id IN (SELECT id FROM post WHERE tid = ?)",
            (tid,),
        )
    elif links is not None:
        database.execute_sql(
            f"UPDATE quote_link SET target_id = {_TARGET_SQL} WHERE id BETWEEN ? AND ? "
            "AND target_id IS NULL",
            links,
        )
    database.execute_sql(
        f"UPDATE quote_link SET target_id = {_TARGET_SQL} WHERE target_id IS NULL AND ptid = ?",
        (tid,),
    )

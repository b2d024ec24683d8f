"""Full-text search over every saved post: query syntax, the SQL behind it, snippets.

Syntax (what a user would guess): words are ANDed; ``"exact phrase"``; ``-word`` excludes;
``author:NAME``, ``board:NAME``, ``thread:TID``, ``before:2023-06-01``, ``after:2023-01-01``;
``in:quote`` (match inside quoted text) and ``-in:quote`` (only the author's own words).

Chinese matches anywhere, one and two characters included; Latin words match at the start of a
word (``dota`` finds DOTA2). The index (``searchtext.py``: CJK characters and bigrams, Latin
words) answers one- and two-character terms and single words exactly; longer terms, phrases and
scoped queries take the index's candidates and check them against the post's text, so a hit
always contains the term as typed (case-insensitively for Latin) and none is missed.

Raw SQL, not peewee's query builder: FTS5 ``MATCH``, ``bm25()`` and rowid-ordered early
termination are the measured hot path of a 4-million-post library (README, scale figures).

At millions of posts the work per query is bounded: the newest matches are read first (rowid
order) and counting, ranking and text checks stop at caps, past which the total is an estimate
(``total_is_estimate``) and the order covers the newest matches (``ranked_within``).
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from .bodies import body_texts
from .dbtime import from_db
from .models import database
from .searchtext import term_plan

FILTER_KEYS = ("author", "board", "thread", "before", "after", "in")


class QueryError(ValueError):
    """A query that cannot be run, with a message saying how to fix it."""


@dataclass
class SearchQuery:
    terms: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    author: str | None = None
    board: str | None = None
    tid: int | None = None
    before: date | None = None
    after: date | None = None
    scope: str = "all"  # all | quote | own


def _date(value: str, key: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{key}: expects a date like 2023-06-01, not {value!r}") from None


def parse_query(text: str) -> SearchQuery:
    """Split what the user typed into terms, exclusions and filters."""
    try:
        parts = shlex.split(text, posix=True)
    except ValueError:  # an unbalanced quote: take the words as they are
        parts = text.replace('"', " ").split()
    q = SearchQuery()
    for part in parts:
        negative = part.startswith("-") and len(part) > 1
        body = part[1:] if negative else part
        key, sep, value = body.partition(":")
        if sep and key.lower() in FILTER_KEYS and value:
            key = key.lower()
            if key == "in":
                if value.lower() != "quote":
                    raise QueryError(f"in: knows only 'quote' (in:quote, -in:quote), not {value!r}")
                q.scope = "own" if negative else "quote"
            elif key == "author":
                q.author = value
            elif key == "board":
                q.board = value
            elif key == "thread":
                if not value.isdigit():
                    raise QueryError(f"thread: expects a thread id (digits), not {value!r}")
                q.tid = int(value)
            elif key == "before":
                q.before = _date(value, key)
            elif key == "after":
                q.after = _date(value, key)
            continue
        if not body.strip():
            continue
        (q.excluded if negative else q.terms).append(body)
    return q


@dataclass(frozen=True, slots=True)
class SearchHit:
    post_id: int
    tid: int
    title: str
    board: str
    floor: int
    author: str
    posted_at: datetime
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # (start, end) of each term in ``snippet``

    def as_dict(self) -> dict:
        return {
            "post_id": self.post_id,
            "tid": self.tid,
            "title": self.title,
            "board": self.board,
            "floor": self.floor,
            "author": self.author,
            "posted_at": self.posted_at.isoformat(),
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
        }


@dataclass
class SearchResult:
    query: str
    total: int
    hits: list[SearchHit]
    offset: int
    order: str
    total_is_estimate: bool = False  # ``total`` is "about N": more matched than were counted
    ranked_within: int | None = None  # the order covers the N most recently stored matches

    def as_dict(self) -> dict:
        return {
            "query": self.query,
            "total": self.total,
            "total_is_estimate": self.total_is_estimate,
            "ranked_within": self.ranked_within,
            "offset": self.offset,
            "order": self.order,
            "hits": [h.as_dict() for h in self.hits],
        }


# How many matches are counted, ranked or checked against their text before the rest is
# estimated: enough for every query a person reads through, small enough to answer at once.
COUNT_CAP = 100_000  # matches the index alone answers are counted up to this
JOIN_COUNT_CAP = 5_000  # the same when each match must be looked up in the post table
JOIN_RANK_CAP = 2_000
RANK_CAP = 5_000  # relevance or date order over at most this many (the newest stored)
CHECK_CAP = 5_000  # candidates whose text is read to confirm a term, at most


@dataclass
class _Plan:
    """A parsed query turned into SQL over the index plus what must be checked in the text."""

    match: str | None
    joins_post: bool
    where: list[str]
    args: list
    check_terms: list[str]  # must occur in the haystack
    check_excluded: list[str]  # must not occur in the haystack
    scope: str
    # "fts": walk the index's matches, newest stored first, joining the post when filters need
    # it; "post": walk one author's posts that are members of a set the index gave (an author
    # has thousands of posts, a common word millions of matches); ``membership`` is the SQL test
    # and ``membership_arg`` its one parameter
    driver: str = "fts"
    membership: str = ""
    membership_arg: str | None = None

    @property
    def needs_check(self) -> bool:
        return bool(self.check_terms or self.check_excluded)

    @property
    def head_args(self) -> list:
        """The first parameter of the candidates' SQL: the index's MATCH, or the membership's."""
        return [self.membership_arg if self.driver == "post" else self.match]


def _plan(q: SearchQuery, above_id: int = 0) -> _Plan:
    """The SQL of ``q``; with ``above_id``, only posts stored after that one (a saved search's
    new posts: the index is asked for that range of row ids alone)."""
    if not q.terms:
        raise QueryError("type at least one word to search for (filters and -exclusions alone "
                         "would list everything)")
    term_plans = [(t, term_plan(t)) for t in q.terms]
    indexed = [(t, p) for t, p in term_plans if p.match]
    if not indexed:
        raise QueryError("search for words with letters, digits or Chinese characters "
                         f"({' '.join(q.terms)!r} has none)")
    scoped = q.scope != "all"
    # the index knows which posts contain a token, not whether it is in the quoted part
    match = " AND ".join(f"({p.match})" for _, p in indexed)
    check_terms = [t for t, p in term_plans if scoped or not p.exact]
    check_excluded: list[str] = []
    for t in q.excluded:
        ep = term_plan(t)
        if ep.match and ep.exact and not scoped:
            match = f"({match}) NOT ({ep.match})"
        else:
            check_excluded.append(t)
    where: list[str] = []
    args: list = []
    if q.author:
        where.append("p.author_id = (SELECT id FROM author WHERE name = ?)")
        args.append(q.author)
    if q.board:
        where.append("p.tid IN (SELECT t.tid FROM thread t JOIN board b ON b.id = t.board_id "
                     "WHERE b.name = ?)")
        args.append(q.board)
    if q.tid is not None:
        where.append("p.tid = ?")
        args.append(q.tid)
    if q.before:
        where.append("p.posted_at < ?")
        args.append(q.before.isoformat())
    if q.after:
        where.append("p.posted_at >= ?")
        args.append(q.after.isoformat())
    joins = bool(where)
    if above_id:
        where.append("post_fts.rowid > ?")  # answered by the index alone: no join needed
        args.append(above_id)
    return _Plan(match, joins, where, args, check_terms, check_excluded, q.scope)


def _haystack(own: str, quoted: str, scope: str) -> str:
    if scope == "quote":
        return quoted.lower()
    if scope == "own":
        return own.lower()
    return (own + "\n" + quoted).lower()


def _passes(plan: _Plan, body: bytes) -> bool:
    own, quoted = body_texts(body)
    hay = _haystack(own, quoted, plan.scope)
    return (all(t.lower() in hay for t in plan.check_terms)
            and not any(t.lower() in hay for t in plan.check_excluded))


def _candidates_sql(plan: _Plan, columns: str, tail: str = "") -> str:
    if plan.driver == "post":  # no index cursor: no bm25 (ties go to the newest stored)
        # the columns and the tail name the index's cursor; here the post's id stands for it.
        # Only those are rewritten: the membership test itself must keep comparing the index's
        # rowid with the post (rewritten, "post_fts.rowid = p.id" became "p.id = p.id", true for
        # every post of the author whenever any post matched)
        def own(sql: str) -> str:
            return sql.replace("bm25(post_fts)", "0").replace("post_fts.rowid", "p.id")

        where = " AND ".join([plan.membership, *(own(w) for w in plan.where)])
        return f"SELECT {own(columns)} FROM post p WHERE {where} {own(tail)}"
    source = "post_fts JOIN post p ON p.id = post_fts.rowid" if plan.joins_post else "post_fts"
    where = " AND ".join(["post_fts MATCH ?", *plan.where])
    return f"SELECT {columns} FROM {source} WHERE {where} {tail}"


AUTHOR_DRIVE_MIN = 20_000  # index matches above which an author's posts drive the query
AUTHOR_WINDOW = 200  # an author's posts asked of the index together (one range of row ids)


def _drive_by_author(plan: _Plan, q: SearchQuery, enough: int) -> _Plan:
    """For ``author:NAME``: with few matches of the words, take the index's set once; with many,
    walk the author's posts, newest first, AUTHOR_WINDOW at a time, asking the index for its
    matches in each window's range of row ids (one query per window: asked post by post, each
    query costs ~0.3 ms, seconds for an author of 20,000 posts). The walk stops past ``enough``
    members when no text check follows (the count is then an estimate, as for any capped count).
    """
    bare = replace(plan, joins_post=False, where=[], args=[])
    matches, _ = _count(bare, AUTHOR_DRIVE_MIN)
    if matches < AUTHOR_DRIVE_MIN:
        return replace(plan, driver="post", joins_post=True, membership_arg=plan.match,
                       membership="p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)")
    ids = [r[0] for r in database.execute_sql(
        "SELECT p.id FROM post p WHERE p.author_id = (SELECT id FROM author WHERE name = ?) "
        "ORDER BY p.id DESC", (q.author,))]
    members: list[int] = []
    for i in range(0, len(ids), AUTHOR_WINDOW):
        window = ids[i : i + AUTHOR_WINDOW]
        wanted = set(window)
        members += [r for (r,) in database.execute_sql(
            "SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid BETWEEN ? AND ?",
            (plan.match, window[-1], window[0])) if r in wanted]
        if len(members) > enough and not plan.needs_check:
            break
    return replace(plan, driver="post", joins_post=True, membership_arg=json.dumps(members),
                   membership="p.id IN (SELECT value FROM json_each(?))")


# a word in at least this share of the newest posts: a board's query walks the board's threads
BOARD_DRIVE_DENSITY = 0.1
BOARD_RUN_GAP = 64  # a thread's post ids closer than this are asked of the index as one range


def _id_runs(ids: list[int]) -> list[tuple[int, int]]:
    """(low, high) ranges covering ``ids`` (sorted newest first), split where they are far apart
    (a thread's posts are stored together, import by import)."""
    runs: list[tuple[int, int]] = []
    for i in ids:
        if runs and runs[-1][0] - i <= BOARD_RUN_GAP:
            runs[-1] = (i, runs[-1][1])
        else:
            runs.append((i, i))
    return runs


def _walk_board(plan: _Plan, q: SearchQuery, enough: int) -> tuple[list[int], bool] | None:
    """For ``board:NAME`` with a word in one post of ten or more (None otherwise). Walking the
    index's matches newest stored first, each looked up until enough lie in the board, passed
    over hundreds of thousands of other boards' posts (``的 board:游戏区`` on three archive
    years: 0.5 s warm, 3 s cold). Instead walk the board's threads, the latest post first,
    asking the index for the words' matches in each thread's ranges of post ids, newest first
    within a thread, until past ``enough``: (the matches in that order, whether every thread
    was walked). The order is the same for every ``enough``, so pages follow one another."""
    bare = replace(plan, joins_post=False, where=[], args=[])
    _matches, last = _count(bare, COUNT_CAP)
    if last is None:
        return None  # a rarer word: its matches looked up one by one are few enough
    top = database.execute_sql("SELECT MAX(id) FROM post").fetchone()[0]
    if COUNT_CAP / max(1, top - last + 1) < BOARD_DRIVE_DENSITY:
        return None  # not in one post of ten: a board's threads would be walked for long
    threads = database.execute_sql(
        "SELECT t.tid FROM thread t JOIN board b ON b.id = t.board_id WHERE b.name = ? "
        "ORDER BY t.last_post_at DESC, t.tid DESC", (q.board,)).fetchall()
    members: list[int] = []
    for (tid,) in threads:
        if len(members) > enough:
            return members, False
        ids = [r for (r,) in database.execute_sql(
            "SELECT id FROM post WHERE tid = ? ORDER BY id DESC", (tid,))]
        wanted = set(ids)  # a range may hold posts of other threads stored between them
        for low, high in _id_runs(ids):
            members += [r for (r,) in database.execute_sql(
                "SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid BETWEEN ? AND ? "
                "ORDER BY rowid DESC", (plan.match, low, high)) if r in wanted]
    return members, True


def _count(plan: _Plan, cap: int) -> tuple[int, int | None]:
    """(matches counted up to ``cap``, rowid of the last one counted when the cap was reached)."""
    sql = _candidates_sql(plan, "post_fts.rowid AS rid", "ORDER BY post_fts.rowid DESC LIMIT ?")
    rows = database.execute_sql(f"SELECT COUNT(*), MIN(rid) FROM ({sql})",
                                [*plan.head_args, *plan.args, cap + 1]).fetchone()
    n = rows[0]
    return (n, rows[1]) if n > cap else (n, None)


def _estimate(counted: int, last_rowid: int) -> int:
    """Matches in the whole library, from the density of the newest ``counted`` of them: they
    lie in the rowid range above ``last_rowid``; the library's rowids run from 1 to the max."""
    # two statements: SQLite answers MAX or MIN alone from the b-tree's edge, both at once by a scan
    top = database.execute_sql("SELECT MAX(id) FROM post").fetchone()[0]
    bottom = database.execute_sql("SELECT MIN(id) FROM post").fetchone()[0]
    span = max(1, top - last_rowid + 1)
    return int(counted * (top - bottom + 1) / span)


def _estimate_filtered(plan: _Plan, q: SearchQuery, counted: int, last_rowid: int) -> int:
    """An estimate for a capped count. Board and thread filters: the words' matches in the
    whole library times the share of the library's posts that lie in that board or thread (a
    board's posts sit together in rowid order, as folders are imported one after another, so
    the density near the newest rowids says little about them). Otherwise the rowid density."""
    if plan.driver == "fts" and (q.board or q.tid is not None) and not (q.author or q.before or q.after):
        bare = replace(plan, joins_post=False, where=[], args=[])
        n, last = _count(bare, COUNT_CAP)
        words = _estimate(COUNT_CAP, last) if last is not None else n
        posts = database.execute_sql("SELECT COALESCE(SUM(post_count), 0) FROM thread").fetchone()[0]
        if q.tid is not None:
            part = database.execute_sql("SELECT COALESCE(SUM(post_count), 0) FROM thread WHERE tid = ?",
                                        (q.tid,)).fetchone()[0]
        else:
            part = database.execute_sql(
                "SELECT COALESCE(SUM(t.post_count), 0) FROM thread t JOIN board b ON b.id = t.board_id "
                "WHERE b.name = ?", (q.board,)).fetchone()[0]
        return max(counted + 1, int(words * part / max(1, posts)))
    return _estimate(counted, last_rowid)


def _ranked_ids(plan: _Plan, order: str, window: int) -> tuple[list[tuple[int, bytes | None]], int]:
    """(post id, body if read) of the newest ``window`` candidates in the requested order, and
    the lowest rowid the window reached (where later pages go on); candidates that fail the text
    check are dropped (their bodies are read for it)."""
    cols = {"relevance": "post_fts.rowid, bm25(post_fts)", "newest": "post_fts.rowid, p.posted_at",
            "stored": "post_fts.rowid, 0"}[order]
    p = plan
    if order == "newest" and not p.joins_post:
        p = replace(p, joins_post=True)
    sql = _candidates_sql(p, cols, "ORDER BY post_fts.rowid DESC LIMIT ?")
    rows = database.execute_sql(sql, [*p.head_args, *p.args, window]).fetchall()
    lowest = rows[-1][0] if rows else 0
    bodies_by_id: dict[int, bytes] = {}
    if plan.needs_check:
        ids = [r[0] for r in rows]
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            bodies_by_id.update(database.execute_sql(
                f"SELECT id, body FROM post WHERE id IN ({','.join('?' * len(chunk))})", chunk
            ).fetchall())
        rows = [r for r in rows if r[0] in bodies_by_id and _passes(plan, bodies_by_id[r[0]])]
    if order == "relevance":
        # bm25 is lower for better matches; on ties the later-stored post first
        rows.sort(key=lambda r: (r[1], -r[0]))
    elif order == "stored":
        pass  # already newest stored first
    else:
        rows.sort(key=lambda r: (str(r[1]), r[0]), reverse=True)
    return [(r[0], bodies_by_id.get(r[0])) for r in rows], lowest


def _snippet(text: str, terms: list[str], width: int = 36) -> tuple[str, tuple[tuple[int, int], ...]]:
    flat = text.replace("\n", " ")
    low = flat.lower()
    positions = [(low.find(t.lower()), len(t)) for t in terms]
    found = [(i, n) for i, n in positions if i >= 0]
    if not found:
        return flat[: width * 2] + ("…" if len(flat) > width * 2 else ""), ()
    first = min(i for i, _ in found)
    start = max(0, first - width)
    end = min(len(flat), first + width * 2)
    prefix = "…" if start > 0 else ""
    snippet = prefix + flat[start:end] + ("…" if end < len(flat) else "")
    shift = len(prefix) - start
    marks = []
    for t in terms:
        tl = t.lower()
        i = low.find(tl, start)
        while i >= 0 and i + len(t) <= end:
            marks.append((i + shift, i + shift + len(t)))
            i = low.find(tl, i + len(t))
    return snippet, tuple(sorted(marks))


def _older_ids(plan: _Plan, below: int, skip: int, need: int) -> list[int]:
    """``need`` matches stored before rowid ``below``, newest first, after skipping ``skip``."""
    out: list[int] = []
    if need <= 0:
        return out
    cols = "post_fts.rowid, p.body" if plan.needs_check else "post_fts.rowid"
    p = plan
    if plan.needs_check and not plan.joins_post:
        p = replace(p, joins_post=True)
    sql = _candidates_sql(p, cols, "AND post_fts.rowid < ? ORDER BY post_fts.rowid DESC")
    for row in database.execute_sql(sql, [*p.head_args, *p.args, below]):
        if plan.needs_check and not _passes(plan, row[1]):
            continue
        if skip:
            skip -= 1
            continue
        out.append(row[0])
        if len(out) >= need:
            break
    return out


def search(text: str, limit: int = 20, offset: int = 0, order: str = "relevance") -> SearchResult:
    """Run a query; ``order`` is ``relevance`` (bm25, newer first on ties) or ``newest``.

    Matches the index answers exactly are counted up to ``COUNT_CAP``; beyond, the total is
    estimated. Ordering covers the ``RANK_CAP`` most recently stored matches (all of them, in
    any library a person reads through page by page); ``ranked_within`` says when it did not.
    Terms the index cannot answer alone are checked in the text of up to ``CHECK_CAP``
    candidates, and the total extrapolated from them.
    """
    q = parse_query(text)
    plan = _plan(q)
    # enough members for every count, ranking and page this search can ask for
    enough = max(JOIN_COUNT_CAP, RANK_CAP, CHECK_CAP, offset + limit) + 1
    if q.author:
        plan = _drive_by_author(plan, q, enough)
    elif q.board and q.tid is None and not (q.before or q.after or plan.needs_check):
        walked = _walk_board(plan, q, enough)
        if walked is not None:
            # the board's latest threads first: too many matches to rank, as for any word in
            # every other post (order "threads")
            members, complete = walked
            total = len(members) if complete else _estimate_filtered(plan, q, len(members), 0)
            label, within = "threads", None
            if order == "newest":
                # newest posted first over the first JOIN_RANK_CAP of the walk (a fixed set for
                # every page), then on in the walk's order, as other capped orders go on
                head = members[:JOIN_RANK_CAP]
                when = dict(database.execute_sql(
                    "SELECT id, posted_at FROM post WHERE id IN (SELECT value FROM json_each(?))",
                    (json.dumps(head),)).fetchall())
                head.sort(key=lambda i: (str(when.get(i, "")), i), reverse=True)
                members = head + members[JOIN_RANK_CAP:]
                label = "newest"
                within = JOIN_RANK_CAP if len(members) > JOIN_RANK_CAP else None
            return SearchResult(text, total, hits_of(members[offset:offset + limit], q), offset,
                                label, not complete, within)
    if plan.needs_check:
        counted, last = _count(plan, CHECK_CAP)
        window = CHECK_CAP
    else:
        cap = JOIN_COUNT_CAP if plan.joins_post else COUNT_CAP
        counted, last = _count(plan, cap)
        # each joined match costs a post lookup: rank fewer of them
        window = JOIN_RANK_CAP if plan.joins_post and plan.driver == "fts" else RANK_CAP
    estimate = last is not None
    if order == "relevance" and estimate and not plan.needs_check:
        # a word in every other post: bm25 cannot tell its posts apart, and its IDF alone costs a
        # pass over millions of index entries; show the newest stored instead, and say so
        order = "stored"
    ranked, lowest = _ranked_ids(plan, order, window)
    if plan.needs_check:
        checked = min(counted, CHECK_CAP)
        total = len(ranked)
        if estimate:
            total = int(len(ranked) / max(1, checked) * _estimate(checked, last))
    elif estimate:
        total = _estimate_filtered(plan, q, cap, last)
    else:
        total = counted
    within = window if (counted > window) else None
    ids = [i for i, _ in ranked[offset : offset + limit]]
    if within is not None and offset + limit > len(ranked):
        # past the ranked window the matches follow in the order they were stored, newest first
        ids += _older_ids(plan, lowest, max(0, offset - len(ranked)), offset + limit - len(ranked) - len(ids))
    return SearchResult(text, total, hits_of(ids, q), offset, order, estimate, within)


def hits_of(ids: list[int], q: SearchQuery) -> list[SearchHit]:
    """The hits of post ``ids`` (in that order) with snippets for the terms of ``q``."""
    rows = {}
    if ids:
        sql = ("SELECT p.id, p.tid, t.title, b.name, p.floor, a.name, p.posted_at, p.body "
               "FROM post p JOIN thread t ON t.tid = p.tid JOIN board b ON b.id = t.board_id "
               f"JOIN author a ON a.id = p.author_id WHERE p.id IN ({','.join('?' * len(ids))})")
        rows = {r[0]: r for r in database.execute_sql(sql, ids).fetchall()}
    hits = []
    for post_id in ids:
        if post_id not in rows:
            continue
        pid, tid, title, board, floor, author, posted, blob = rows[post_id]
        own, quoted = body_texts(blob)
        body = quoted if q.scope == "quote" else own
        if q.scope == "all" and not any(t.lower() in own.lower() for t in q.terms):
            body = quoted
        snippet, marks = _snippet(body, q.terms)
        hits.append(SearchHit(pid, tid, title, board, floor, author,
                              from_db(posted), snippet, marks))
    return hits


def matching_ids(text: str, above_id: int = 0) -> list[int]:
    """Every post matching ``text`` stored after post ``above_id``, newest stored first, exactly
    (no cap, no estimate: meant for what arrived since a saved search was last opened)."""
    q = parse_query(text)
    plan = _plan(q, above_id)
    if q.author:
        plan = _drive_by_author(plan, q, 2**62)
    p = replace(plan, joins_post=True) if plan.needs_check else plan
    cols = "post_fts.rowid, p.body" if plan.needs_check else "post_fts.rowid"
    sql = _candidates_sql(p, cols, "ORDER BY post_fts.rowid DESC")
    out = []
    for row in database.execute_sql(sql, [*p.head_args, *p.args]):
        if plan.needs_check and not _passes(plan, row[1]):
            continue
        out.append(row[0])
    return out

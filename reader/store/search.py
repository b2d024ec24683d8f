"""Full-text search over every saved post: query syntax, the SQL behind it, snippets.

Syntax (what a user would guess): words are ANDed; ``"exact phrase"``; ``-word`` excludes;
``author:NAME``, ``board:NAME``, ``thread:TID``, ``before:2023-06-01``, ``after:2023-01-01``;
``in:quote`` (match inside quoted text) and ``-in:quote`` (only the author's own words).

Chinese matches anywhere (each CJK character is a token, see ``searchtext.py``), one and two
characters included; Latin words match at the start of a word (``dota`` finds DOTA2). The index
finds candidates, and every positive term is then checked against the stored text with
``instr``, so a hit always contains the term as typed (case-insensitively for Latin). Exclusions
are checked against the stored text only, never the index, so they cannot over-exclude.
"""

from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from .dbtime import from_db
from .models import database
from .searchtext import index_text, is_cjk

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


def _is_word_char(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LN" or ch == "_"


def _fts_phrase(term: str) -> str | None:
    """The index query for one term: a phrase of its tokens, a prefix on a trailing Latin word."""
    tokens = re.findall(r"\w+", index_text(term))
    if not tokens:
        return None
    phrase = '"' + " ".join(tokens) + '"'
    last = term.rstrip()[-1:]
    if last and _is_word_char(last) and not is_cjk(last):
        phrase += "*"
    return phrase


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


def _haystack_sql(scope: str) -> str:
    if scope == "quote":
        return "lower(p.quote_text)"
    if scope == "own":
        return "lower(p.text)"
    return "lower(p.text || char(10) || p.quote_text)"


def _index_is_exact(term: str) -> bool:
    """Whether the index alone answers ``term`` exactly: one CJK character, or one ASCII word
    (a token that starts with it is the term at a word start). Anything longer can be
    over-matched (tokens are adjacent across punctuation), so it is checked against the text."""
    t = term.strip()
    return (len(t) == 1 and is_cjk(t)) or (t.isascii() and t.isalnum())


def _build(q: SearchQuery) -> tuple[str, str, list]:
    """(FROM/JOIN clause, WHERE clause, args) of the matching posts, joining only what the
    query needs: a query of exact index terms and no filters never reads the post table."""
    if not q.terms:
        raise QueryError("type at least one word to search for (filters and -exclusions alone "
                         "would list everything)")
    column = {"quote": "quote_text", "own": "text"}.get(q.scope)
    phrases = [p for p in (_fts_phrase(t) for t in q.terms) if p]
    where: list[str] = []
    args: list = []
    if phrases:
        match = " AND ".join(phrases)
        if column:
            match = f"{column} : ({match})"
        where.append("post_fts MATCH ?")
        args.append(match)
    checks = [t for t in q.terms if not (phrases and _index_is_exact(t))]
    needs_post = bool(not phrases or checks or q.excluded or q.author or q.board
                      or q.tid is not None or q.before or q.after)
    hay = _haystack_sql(q.scope)
    for t in checks:
        where.append(f"instr({hay}, lower(?)) > 0")
        args.append(t)
    for t in q.excluded:
        where.append(f"instr({hay}, lower(?)) = 0")
        args.append(t)
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
    if not phrases:  # terms with no letters or digits at all ("+++"): scan the text
        source = "post p"
    elif needs_post:
        source = "post_fts JOIN post p ON p.id = post_fts.rowid"
    else:
        source = "post_fts"
    return source, " AND ".join(where), args


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


def search(text: str, limit: int = 20, offset: int = 0, order: str = "relevance") -> SearchResult:
    """Run a query; ``order`` is ``relevance`` (bm25, newer first on ties) or ``newest``."""
    q = parse_query(text)
    source, where, args = _build(q)
    total = database.execute_sql(f"SELECT COUNT(*) FROM {source} WHERE {where}", args).fetchone()[0]
    rowid = "p.id" if source.startswith("post p") else "post_fts.rowid"
    if order == "newest" or "post_fts" not in source:
        if "post p" not in source:
            source = "post_fts JOIN post p ON p.id = post_fts.rowid"
        order_by = "p.posted_at DESC, p.id DESC"
    else:
        # bm25 first; on ties the later-imported post (within a thread: the later floor) first
        order_by = f"bm25(post_fts, 1.0, 0.4), {rowid} DESC"
    ids = [r[0] for r in database.execute_sql(
        f"SELECT {rowid} FROM {source} WHERE {where} ORDER BY {order_by} LIMIT ? OFFSET ?",
        [*args, limit, offset],
    ).fetchall()]
    rows = {}
    if ids:
        sql = ("SELECT p.id, p.tid, t.title, b.name, p.floor, a.name, p.posted_at, p.text, p.quote_text "
               "FROM post p JOIN thread t ON t.tid = p.tid JOIN board b ON b.id = t.board_id "
               f"JOIN author a ON a.id = p.author_id WHERE p.id IN ({','.join('?' * len(ids))})")
        rows = {r[0]: r for r in database.execute_sql(sql, ids).fetchall()}
    hits = []
    for post_id in ids:
        pid, tid, title, board, floor, author, posted, own, quoted = rows[post_id]
        body = quoted if q.scope == "quote" else own
        if q.scope == "all" and not any(t.lower() in own.lower() for t in q.terms):
            body = quoted
        snippet, marks = _snippet(body, q.terms)
        hits.append(SearchHit(pid, tid, title, board, floor, author,
                              from_db(posted), snippet, marks))
    return SearchResult(text, total, hits, offset, order)

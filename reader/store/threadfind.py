"""Find in one thread: the posts whose text (own or quoted) holds a string, any case, found from
where the reader is onward, batch by batch, so the first match arrives at once even in a thread
of 175,000 posts.

The search index answers most of it (``searchtext``: CJK characters and bigrams, Latin words):
for each slice of the thread's posts in reading order, the index lists the posts of that slice
holding every token of the string (a query restricted to the slice's row ids, which a thread's
posts mostly fill in runs), and only those candidates are read to confirm the string itself. The
index finds a Latin word only from its start, so when the string begins with a letter or a digit
(``ota`` in ``dota``) the posts it did not list are read too (their stored text is first
searched as it is, without decoding it); so is every post for a string the index holds nothing
of (only punctuation). Each slice is complete before it is reported: the first match reported is
the first one from the reader's place.

Runs on a worker thread; ``cancelled`` is asked between slices and batches of bodies.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .bodies import body_texts, codec
from .models import database
from .searchtext import is_cjk, term_plan

FIRST_SLICE, SLICE = 250, 8_000  # posts per slice of the thread, growing from the reader's place
RUN_GAP = 2_000  # row ids further apart than this are asked of the index separately
BODIES_PER_QUERY = 500

Report = Callable[[list[int]], None]  # indexes (in the order given) of matching posts


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """(lowest, highest) row id of each run of nearby ids."""
    out: list[tuple[int, int]] = []
    for i in sorted(ids):
        if out and i - out[-1][1] <= RUN_GAP:
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


def _indexed(match: str, ids: list[int]) -> set[int]:
    """The posts among ``ids`` that the index lists for ``match``."""
    wanted = set(ids)
    found: set[int] = set()
    for lo, hi in _runs(ids):
        found.update(r for (r,) in database.execute_sql(
            "SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid BETWEEN ? AND ?",
            (match, lo, hi)) if r in wanted)
    return found


def _holding(needle: str, ids: list[int], cancelled: Callable[[], bool]) -> set[int]:
    """The posts among ``ids`` whose own or quoted text holds ``needle`` (lower case); stops
    early (with what it found) once ``cancelled``."""
    out: set[int] = set()
    # a body's stored JSON holds its text verbatim (not escaped) unless the text has a quote,
    # a backslash or a control character: a cheap first test that skips decoding most bodies
    # (on the bytes themselves when that is enough: a string without letters that have a case
    # needs no folding, and bytes.lower() folds ASCII letters, all an ASCII string has)
    raw_test = not any(c in needle for c in '"\\') and needle.isprintable()
    uncased = needle.upper() == needle == needle.lower()
    if uncased or needle.isascii():
        raw, unpack = needle.encode(), codec().unpack_bytes
    else:
        raw, unpack = needle, codec().unpack
    fold = not uncased
    for i in range(0, len(ids), BODIES_PER_QUERY):
        if cancelled():
            break
        chunk = ids[i : i + BODIES_PER_QUERY]
        for pid, body in database.execute_sql(
                f"SELECT id, body FROM post WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            if raw_test and raw not in (unpack(body).lower() if fold else unpack(body)):
                continue
            own, quoted = body_texts(body)
            if needle in own.lower() or needle in quoted.lower():
                out.add(pid)
    return out


def _slices(a: int, b: int) -> list[tuple[int, int]]:
    """[a, b) in slices growing from FIRST_SLICE to SLICE posts: the first answers at once."""
    out: list[tuple[int, int]] = []
    size = FIRST_SLICE
    while a < b:
        out.append((a, min(b, a + size)))
        a += size
        size = min(SLICE, size * 2)
    return out


def index_finds_all(text: str) -> bool:
    """Whether every post holding ``text`` is among the index's candidates for it: not when it
    starts inside a Latin word (the index matches words from their start)."""
    first = text.strip()[:1]
    return bool(first) and not (first.isalnum() and not is_cjk(first))


def find_posts(text: str, order: Sequence[int], start: int, report: Report,
               cancelled: Callable[[], bool] = lambda: False) -> bool:
    """Report (through ``report``, batch by batch) the indexes in ``order`` (post ids in reading
    order) of the posts holding ``text``: those from ``start`` on first, then those before it.
    False if cancelled before the end."""
    needle = text.strip().lower()
    if not needle or not order:
        return True
    plan = term_plan(needle)
    match = plan.match
    # one or two CJK characters, or one Latin word: the index's posts are the matches
    exact = plan.exact and (is_cjk(needle[0]) or needle.isalnum())
    start = min(max(0, start), len(order))
    complete = match is not None and index_finds_all(needle)  # the index lists every match
    for a, b in _slices(start, len(order)) + _slices(0, start):
        if cancelled():
            return False
        ids = list(order[a:b])
        candidates = _indexed(match, ids) if match else set()
        found = candidates if exact else _holding(needle, [i for i in ids if i in candidates],
                                                  cancelled)
        if not complete:  # a Latin start, or nothing indexed: read the other posts too
            found |= _holding(needle, [i for i in ids if i not in candidates], cancelled)
        if found and not cancelled():
            report([a + k for k, pid in enumerate(ids) if pid in found])
    return not cancelled()

"""The tokens the full-text index holds for a text, and the tokens a search term needs.

Chinese has no spaces, so words cannot be told apart; like Lucene's CJK analyzer, every run of
CJK characters is indexed as its **bigrams** (高达 in 高达好 → 高达, 达好) and, so that
one-character queries need no prefix scan, its **single characters**. Latin letters and digits
form words, lower-cased. A post's tokens are a set: the index is built with ``detail=none``
(which posts contain a token, not where), which keeps it small and fast to write.

What follows for queries (``term_plan``):
* one or two CJK characters, or one Latin word (matched at the start of a word, ``dota*``),
  are answered **exactly** by the index alone;
* anything longer (三个字, a phrase, mixed 高达seed, C++) is the AND of its tokens (candidates),
  then checked against the post's text, so every hit contains the term as typed.

The token string is built in Python (import workers run it) and handed to FTS5's ``ascii``
tokenizer, which only splits on ASCII spaces and punctuation: each token arrives as built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from operator import add

_CJK_RANGES = (
    (0x2E80, 0x2FFF),  # radicals, Kangxi
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x31FF),  # bopomofo, kanbun, katakana ext.
    (0x3400, 0x4DBF),  # CJK ext. A
    (0x4E00, 0x9FFF),  # CJK unified
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),  # CJK compatibility
)
_CJK_CLASS = "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in _CJK_RANGES)
# a CJK run, or a word of other letters/digits (underscore and CJK excluded)
_TOKEN_RE = re.compile(f"([{_CJK_CLASS}]+)|[^\\W_{_CJK_CLASS}]+")
_CJK_SET = frozenset(chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1))


def is_cjk(ch: str) -> bool:
    return ch in _CJK_SET


def _tokens(text: str, out: set[str]) -> set[str]:
    for m in _TOKEN_RE.finditer(text):
        run = m.group(1)
        if run is None:
            out.add(m.group().lower())
        else:
            out.update(run)
            if len(run) > 1:
                out.update(map(add, run, run[1:]))
    return out


def index_tokens(text: str | None) -> str:
    """The token string of ``text`` for the index: each distinct token once, space-separated."""
    if not text:
        return ""
    return " ".join(_tokens(text, set()))


@dataclass(frozen=True, slots=True)
class TermPlan:
    """How the index answers one search term: an FTS5 expression, and whether the posts it
    finds must still be checked against their text."""

    match: str | None  # None: nothing indexable in the term (only punctuation)
    exact: bool


def _quoted(token: str) -> str:
    return '"' + token.replace('"', '""') + '"'


def term_plan(term: str) -> TermPlan:
    t = term.strip()
    parts: list[str] = []
    pieces = list(_TOKEN_RE.finditer(t))
    for m in pieces:
        run = m.group(1)
        if run is None:
            parts.append(_quoted(m.group().lower()) + "*")
        elif len(run) <= 2:
            parts.append(_quoted(run))
        else:
            parts.extend(_quoted(a + b) for a, b in zip(run, run[1:], strict=False))
    if not parts:
        return TermPlan(None, False)
    exact = len(pieces) == 1 and pieces[0].group() == t and (
        pieces[0].group(1) is None or len(t) <= 2)
    return TermPlan(" AND ".join(dict.fromkeys(parts)), exact)

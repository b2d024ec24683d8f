"""The text form the full-text index sees: every CJK character a token of its own.

SQLite's ``unicode61`` tokenizer splits on spaces and punctuation, so Chinese, which has no
spaces, would become one token per run of characters. Putting a space around every CJK
character makes each one a token; a phrase query of consecutive characters (``"原 神"``) then
finds exactly the posts where those characters stand side by side, for queries of any length,
one and two characters included. Latin words stay words (matched at their start, ``dota*``).

``index_text`` is registered as the SQL function ``s1_index_text`` on every connection, so
triggers can keep the index in sync inside SQLite.
"""

from __future__ import annotations

_CJK_RANGES = (
    (0x2E80, 0x2FFF),  # radicals, Kangxi
    (0x3040, 0x30FF),  # kana
    (0x3100, 0x31FF),  # bopomofo, kanbun, katakana ext.
    (0x3400, 0x4DBF),  # CJK ext. A
    (0x4E00, 0x9FFF),  # CJK unified
    (0xAC00, 0xD7AF),  # hangul
    (0xF900, 0xFAFF),  # CJK compatibility
)
_SPACED = {c: f" {chr(c)} " for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)}


def is_cjk(ch: str) -> bool:
    return ord(ch) in _SPACED


def index_text(text: str | None) -> str:
    """``text`` with a space on both sides of every CJK character."""
    return text.translate(_SPACED) if text else ""

"""Author names as the reader's lists compare them: invisible characters do not count.

``坏‍人`` (with a zero-width joiner) looks exactly like ``坏人`` and must be blocked with it; so
must a name with a soft hyphen, a zero-width space, a byte-order mark or a bidi control inside.
:func:`name_key` removes the invisible format characters (Unicode category Cf) and the
invisible fillers that look like nothing (Hangul fillers, the combining grapheme joiner); the
block list and the highlight list answer for any spelling with the same key. Names are stored
as typed; only the comparison ignores what cannot be seen.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

# the format characters (Cf) of Unicode 15 and the invisible fillers
_INVISIBLE_RE = re.compile(
    "[\u00ad\u034f\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u17b4\u17b5"
    "\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\u3164\ufe00-\ufe0f"
    "\ufeff\uffa0\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)


def name_key(name: str) -> str:
    """``name`` as it compares: invisible characters removed, NFC, surrounding blanks cut."""
    if name.isascii():
        return name.strip()
    return unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", name)).strip()


class NameSet(frozenset):
    """A set of names that also holds every look-alike spelling of them (``in`` by key)."""

    def __new__(cls, names: Iterable[str] = ()):
        names = list(names)
        obj = super().__new__(cls, names)
        obj._keys = frozenset(name_key(n) for n in names)
        return obj

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name_key(name) in self._keys


class NameMap(dict):
    """name -> value, looked up by key: a look-alike spelling finds the same value."""

    def __init__(self, items: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(items)
        self._by_key = {name_key(n): v for n, v in self.items()}

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name_key(name) in self._by_key

    def __getitem__(self, name: str) -> str:
        return self._by_key[name_key(name)]

    def get(self, name: str, default=None):
        return self._by_key.get(name_key(name), default) if isinstance(name, str) else default

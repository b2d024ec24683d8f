"""What the command line writes to a terminal: text from posts, titles, names and file names
never reaches it as control characters.

A post holding ``ESC [ 2 J`` (or ``ESC ] 0 ;`` …, or the one-character CSI ``U+009B``) would
clear the screen, retitle the window or worse when printed raw; a right-to-left override in a
name reorders what follows it; a file name that is not UTF-8 arrives as lone surrogates that no
terminal can print. While a command runs, stdout and stderr are wrapped so that every such
character is written visibly as an escape (``\\x1b``, ``\\u202e``, ``\\xff`` for an undecodable
byte of a file name); the program's own sequences (the live progress line, search highlights)
go through :func:`control`. JSON output escapes the same characters the JSON way (``\\u001b``),
so it stays valid UTF-8 and decodes to the exact text.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import TextIO

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates, and the bidi embeddings,
# overrides and isolates (U+202A-202E, U+2066-2069)
_UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def visible(text: str) -> str:
    """``text`` with every control, bidi-control and lone-surrogate character as an escape."""
    return _UNSAFE_RE.sub(_escape, text)


def json_text(text: str) -> str:
    """JSON text (from ``json.dumps(ensure_ascii=False)``, which escapes C0 controls already)
    with the other unsafe characters as JSON escapes: the same data, printable, valid UTF-8."""
    return _UNSAFE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalText:
    """A text stream that writes every unsafe character of what it is given visibly."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(visible(text))
        return len(text)

    def control(self, sequence: str) -> None:
        """One of the program's own terminal sequences, written as it is."""
        self.stream.write(sequence)

    def __getattr__(self, name: str):
        return getattr(self.stream, name)


def control(stream: TextIO, sequence: str) -> None:
    """Write a terminal sequence of the program itself (``\\r\\033[K``, a colour) to ``stream``."""
    writer = getattr(stream, "control", None)
    if writer is not None:
        writer(sequence)
    else:
        stream.write(sequence)


@contextlib.contextmanager
def guarded_output() -> Iterator[None]:
    """Wrap stdout and stderr in :class:`TerminalText` while a command runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = TerminalText(out), TerminalText(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err

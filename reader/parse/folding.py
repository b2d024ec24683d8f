"""The rules for folding quotes: how many lines a quote takes, which quotes are long enough to
fold, and what a folded quote still shows (its first line, the author it quotes).

They sit below the renderer and the thread model, which both follow them (the model to fold and
unfold a post's quotes, the renderer to draw them), on the one walker of the body tree
(``reader.parse.walk``). Pure functions over ``reader.parse.model``: no I/O, no Qt.
"""

from __future__ import annotations

import math

from .model import Code, Image, Paragraph, Quote
from .walk import run_text, walk


def _line_text(p: Paragraph) -> str:
    return run_text(p.runs, smiley=lambda _s: "□")  # a smiley takes a character's place


def quote_lines(q: Quote, chars_per_line: int) -> int:
    """Lines of text a quote takes (wrapped lines estimated), nested quotes included."""
    n = 0
    for b, _depth in walk(q.blocks, into_runs=False):
        if isinstance(b, Paragraph):
            n += sum(max(1, math.ceil(len(line) / max(1, chars_per_line)))
                     for line in _line_text(b).split("\n"))
        elif isinstance(b, Code):
            n += b.text.count("\n") + 1
        else:
            n += 1  # a nested quote's header, an attachment, a rating, …
    return n


def nested_quotes(q: Quote) -> int:
    """How many quotes ``q`` holds, at any depth."""
    return sum(1 for node, _depth in walk(q.blocks) if isinstance(node, Quote))


def quote_is_long(q: Quote, fold_lines: int, chars_per_line: int) -> bool:
    """The default fold rule: longer than ``fold_lines`` lines, or showing an image of its own,
    or holding a nested quote (0 lines: never fold)."""
    if fold_lines <= 0:
        return False
    own = list(walk(q.blocks, into_quotes=False))
    return (any(isinstance(node, Image) for node, _depth in own)
            or any(isinstance(node, Quote) for node, _depth in own)
            or quote_lines(q, chars_per_line) > fold_lines)


def first_line(q: Quote, limit: int = 60) -> str:
    """The first line of a quote's own text (nested quotes skipped)."""
    for b in q.blocks:
        if isinstance(b, Paragraph):
            line = next((x.strip() for x in _line_text(b).split("\n") if x.strip()), "")
            if line:
                return line if len(line) <= limit else line[:limit] + "…"
    return ""


def innermost_author(q: Quote) -> str | None:
    """The author of the deepest quote nested in ``q`` (following the first nested quote at
    each level), or None when ``q`` quotes nothing."""
    inner = next((b for b in q.blocks if isinstance(b, Quote)), None)
    if inner is None:
        return None
    return innermost_author(inner) or inner.author or ""

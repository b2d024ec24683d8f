"""Counts of typed constructs in parsed posts, in the terms of the corpus's CONSTRUCTS.tsv.

Used by the tests (to compare with counts made independently over the raw text) and by
``s1reader stats``. Pure: posts in (read with the body walker, ``reader.parse.walk``), a dict of
counts out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import (
    STATUS_BANNED,
    STATUS_HIDDEN,
    Attachment,
    Block,
    ClientLine,
    Image,
    Post,
    Quote,
    Rating,
    Smiley,
    Strong,
)
from .walk import walk

COLUMNS = (
    "posts", "op_posts", "quotes", "quote_links", "smileys", "images", "attachments", "ratings",
    "edit_notes", "banned", "hidden_by_mod", "client_lines", "strong",
)


def _count(blocks: Iterable[Block], c: Counter) -> None:
    for node, _depth in walk(blocks):
        if isinstance(node, Smiley):
            c["smileys"] += 1
        elif isinstance(node, Image):
            c["images"] += 1
        elif isinstance(node, Strong):
            c["strong"] += 1
        elif isinstance(node, Quote):
            c["quotes"] += 1
            if node.pid is not None:
                c["quote_links"] += 1
        elif isinstance(node, Attachment):
            c["attachments"] += 1
            if node.name is not None:
                c["strong"] += 1  # the name line is written as <strong>name</strong>
        elif isinstance(node, Rating):
            c["ratings"] += 1
        elif isinstance(node, ClientLine) and node.text.startswith("—— 来自 "):
            c["client_lines"] += 1


def census(posts: Iterable[Post]) -> dict[str, int]:
    c: Counter = Counter()
    for p in posts:
        c["posts"] += 1
        c["op_posts"] += p.is_op
        c["edit_notes"] += p.edit is not None
        c["banned"] += p.status == STATUS_BANNED
        c["hidden_by_mod"] += p.status == STATUS_HIDDEN
        _count(p.blocks, c)
    return {k: c[k] for k in COLUMNS}

"""Counts of typed constructs in parsed posts, in the terms of the corpus's CONSTRUCTS.tsv.

Used by the tests (to compare with counts made independently over the raw text) and by
``s1reader stats``. Pure: posts in, a dict of counts out.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .model import (
    ATTACH_FILE,
    ATTACH_INLINE,
    STATUS_BANNED,
    STATUS_HIDDEN,
    Attachment,
    Block,
    ClientLine,
    Image,
    Paragraph,
    Post,
    Quote,
    Rating,
    Smiley,
    Strong,
)

COLUMNS = (
    "posts", "op_posts", "quotes", "quote_links", "smileys", "images", "attachments", "ratings",
    "edit_notes", "banned", "hidden_by_mod", "client_lines", "strong",
)


def _runs(runs: Iterable, c: Counter) -> None:
    for r in runs:
        if isinstance(r, Smiley):
            c["smileys"] += 1
        elif isinstance(r, Image):
            c["images"] += 1
        elif isinstance(r, Strong):
            c["strong"] += 1
            _runs(r.runs, c)


def _walk(blocks: Iterable[Block], c: Counter) -> None:
    for b in blocks:
        if isinstance(b, Paragraph):
            _runs(b.runs, c)
        elif isinstance(b, Quote):
            c["quotes"] += 1
            if b.pid is not None:
                c["quote_links"] += 1
            _walk(b.blocks, c)
        elif isinstance(b, Attachment):
            # CONSTRUCTS counts the lines 下载附件 (a picture); a file's line is 点击文件名下载附件
            c["attachments"] += b.layout != ATTACH_FILE
            if b.name is not None and b.layout == ATTACH_INLINE:
                c["strong"] += 1  # the name is written as <strong>name</strong> (size, …)
        elif isinstance(b, Rating):
            c["ratings"] += 1
        elif isinstance(b, ClientLine) and b.text.startswith("—— 来自 "):
            c["client_lines"] += 1


def census(posts: Iterable[Post]) -> dict[str, int]:
    c: Counter = Counter()
    for p in posts:
        c["posts"] += 1
        c["op_posts"] += p.is_op
        c["edit_notes"] += p.edit is not None
        c["banned"] += p.status == STATUS_BANNED
        c["hidden_by_mod"] += p.status == STATUS_HIDDEN
        _walk(p.blocks, c)
    return {k: c[k] for k in COLUMNS}

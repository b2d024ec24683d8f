"""A compact JSON form of post bodies, and the plain text of a body for search and previews.

The store keeps each post's parsed blocks in this form so the view never re-parses archive text.
Each block or run is a list whose first item is a one-letter tag.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .model import (
    ATTACH_INLINE,
    Attachment,
    Block,
    ClientLine,
    Code,
    Image,
    Inline,
    Link,
    Notice,
    Paragraph,
    Quote,
    Rating,
    RatingRow,
    Smiley,
    Strong,
    Text,
    Unknown,
)

_DT = "%Y-%m-%d %H:%M:%S"


def _run(r: Inline) -> list[Any]:
    if isinstance(r, Text):
        return ["t", r.text]
    if isinstance(r, Smiley):
        return ["m", r.pack, r.name, r.url]
    if isinstance(r, Image):
        return ["i", r.url, r.host, int(r.is_attachment)]
    if isinstance(r, Link):
        return ["l", r.text, r.url]
    if isinstance(r, Strong):
        return ["s", [_run(x) for x in r.runs]]
    return ["u", r.html]


def _block(b: Block) -> list[Any]:
    if isinstance(b, Paragraph):
        return ["p", [_run(r) for r in b.runs]]
    if isinstance(b, Quote):
        at = b.posted_at.strftime(_DT) if b.posted_at else None
        return ["q", b.author, at, b.pid, b.ptid, b.url, [_block(x) for x in b.blocks], int(b.truncated)]
    if isinstance(b, Attachment):
        stored = ["a", b.name, b.size, b.downloads, b.uploaded_at]
        return stored if b.layout == ATTACH_INLINE else [*stored, b.layout]
    if isinstance(b, Rating):
        return ["r", b.total, b.participants, [[x.user, x.score, x.reason] for x in b.rows]]
    if isinstance(b, ClientLine):
        return ["c", b.text, b.client, b.device, b.android, b.version, b.url]
    if isinstance(b, Code):
        return ["k", b.text]
    if isinstance(b, Notice):
        return ["n", b.text, b.kind]
    raise TypeError(f"not a block: {b!r}")


def dumps_blocks(blocks: tuple[Block, ...]) -> str:
    return json.dumps([_block(b) for b in blocks], ensure_ascii=False, separators=(",", ":"))


def _load_run(x: list[Any]) -> Inline:
    tag = x[0]
    if tag == "t":
        return Text(x[1])
    if tag == "m":
        return Smiley(x[1], x[2], x[3])
    if tag == "i":
        return Image(x[1], x[2], bool(x[3]))
    if tag == "l":
        return Link(x[1], x[2])
    if tag == "s":
        return Strong(tuple(_load_run(y) for y in x[1]))
    return Unknown(x[1])


def _load_block(x: list[Any]) -> Block:
    tag = x[0]
    if tag == "p":
        return Paragraph(tuple(_load_run(r) for r in x[1]))
    if tag == "q":
        at = datetime.strptime(x[2], _DT) if x[2] else None
        return Quote(x[1], at, x[3], x[4], x[5], tuple(_load_block(b) for b in x[6]), bool(x[7]))
    if tag == "a":
        return Attachment(x[1], x[2], x[3], x[4], x[5] if len(x) > 5 else ATTACH_INLINE)
    if tag == "r":
        return Rating(x[1], x[2], tuple(RatingRow(*row) for row in x[3]))
    if tag == "c":
        return ClientLine(*x[1:])
    if tag == "k":
        return Code(x[1])
    if tag == "n":
        return Notice(x[1], x[2])
    raise ValueError(f"unknown block tag {tag!r}")


def loads_blocks(data: str) -> tuple[Block, ...]:
    return tuple(_load_block(x) for x in json.loads(data))


def _runs_text(runs: tuple[Inline, ...], out: list[str]) -> None:
    for r in runs:
        if isinstance(r, Text | Link):
            out.append(r.text)
        elif isinstance(r, Strong):
            _runs_text(r.runs, out)


def plain_text(blocks: tuple[Block, ...]) -> tuple[str, str]:
    """(own text, quoted text) of a body: what the author wrote, and what they quoted."""
    own: list[str] = []
    quoted: list[str] = []

    def walk(bs: tuple[Block, ...], out: list[str]) -> None:
        for b in bs:
            if isinstance(b, Paragraph):
                _runs_text(b.runs, out)
                out.append("\n")
            elif isinstance(b, Quote):
                walk(b.blocks, quoted)
            elif isinstance(b, Code):
                out.append(b.text)
                out.append("\n")
            elif isinstance(b, Attachment) and b.name:
                out.append(b.name)
                out.append("\n")

    walk(blocks, own)
    return "".join(own).strip(), "".join(quoted).strip()


def _run_dict(r: Inline) -> dict[str, Any]:
    if isinstance(r, Text):
        return {"type": "text", "text": r.text}
    if isinstance(r, Smiley):
        return {"type": "smiley", "pack": r.pack, "name": r.name, "url": r.url}
    if isinstance(r, Image):
        return {"type": "image", "url": r.url, "host": r.host, "is_attachment": r.is_attachment}
    if isinstance(r, Link):
        return {"type": "link", "text": r.text, "url": r.url}
    if isinstance(r, Strong):
        return {"type": "strong", "runs": [_run_dict(x) for x in r.runs]}
    return {"type": "unknown", "html": r.html}


def block_dict(b: Block) -> dict[str, Any]:
    """The documented JSON form of a block (``s1reader show --json``): readable field names."""
    if isinstance(b, Paragraph):
        return {"type": "paragraph", "runs": [_run_dict(r) for r in b.runs]}
    if isinstance(b, Quote):
        return {
            "type": "quote",
            "author": b.author,
            "posted_at": b.posted_at.isoformat() if b.posted_at else None,
            "pid": b.pid,
            "ptid": b.ptid,
            "url": b.url,
            "truncated": b.truncated,
            "blocks": [block_dict(x) for x in b.blocks],
        }
    if isinstance(b, Attachment):
        return {"type": "attachment", "name": b.name, "size": b.size, "downloads": b.downloads,
                "uploaded_at": b.uploaded_at, "layout": b.layout}
    if isinstance(b, Rating):
        return {"type": "rating", "total": b.total, "participants": b.participants,
                "rows": [{"user": x.user, "score": x.score, "reason": x.reason} for x in b.rows]}
    if isinstance(b, ClientLine):
        return {"type": "client", "text": b.text, "client": b.client, "device": b.device,
                "android": b.android, "version": b.version, "url": b.url}
    if isinstance(b, Code):
        return {"type": "code", "text": b.text}
    if isinstance(b, Notice):
        return {"type": "notice", "kind": b.kind, "text": b.text}
    raise TypeError(f"not a block: {b!r}")

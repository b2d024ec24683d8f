"""A compact JSON form of post bodies, and the plain text of a body for search and previews.

The store keeps each post's parsed blocks in this form so the view never re-parses archive text.
Each block or run is a list whose first item is a one-letter tag. Both JSON forms (the compact
one and the documented one of ``show --json``) are visitors of the body tree, and the plain
text is read with its walker (``reader.parse.walk``).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .model import (
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
from .walk import BodyVisitor, run_text, walk

_DT = "%Y-%m-%d %H:%M:%S"


class _Compact(BodyVisitor[list]):
    """A body as the stored JSON form: one tagged list per node."""

    def text(self, r: Text) -> list:
        return ["t", r.text]

    def smiley(self, r: Smiley) -> list:
        return ["m", r.pack, r.name, r.url]

    def image(self, r: Image) -> list:
        return ["i", r.url, r.host, int(r.is_attachment)]

    def link(self, r: Link) -> list:
        return ["l", r.text, r.url]

    def strong(self, r: Strong) -> list:
        return ["s", self.runs(r.runs)]

    def unknown(self, r: Unknown) -> list:
        return ["u", r.html]

    def paragraph(self, b: Paragraph) -> list:
        return ["p", self.runs(b.runs)]

    def quote(self, b: Quote) -> list:
        at = b.posted_at.strftime(_DT) if b.posted_at else None
        return ["q", b.author, at, b.pid, b.ptid, b.url, self.blocks(b.blocks), int(b.truncated)]

    def attachment(self, b: Attachment) -> list:
        return ["a", b.name, b.size, b.downloads, b.uploaded_at]

    def rating(self, b: Rating) -> list:
        return ["r", b.total, b.participants, [[x.user, x.score, x.reason] for x in b.rows]]

    def client_line(self, b: ClientLine) -> list:
        return ["c", b.text, b.client, b.device, b.android, b.version, b.url]

    def code(self, b: Code) -> list:
        return ["k", b.text]

    def notice(self, b: Notice) -> list:
        return ["n", b.text, b.kind]

    def other(self, node) -> list:
        raise TypeError(f"not a block: {node!r}")


_COMPACT = _Compact()


def dumps_blocks(blocks: tuple[Block, ...]) -> str:
    return json.dumps(_COMPACT.blocks(blocks), ensure_ascii=False, separators=(",", ":"))


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
        return Attachment(x[1], x[2], x[3], x[4])
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


def plain_text(blocks: tuple[Block, ...]) -> tuple[str, str]:
    """(own text, quoted text) of a body: what the author wrote, and what they quoted; a line
    per paragraph, code block and attachment name."""
    own: list[str] = []
    quoted: list[str] = []
    for node, depth in walk(blocks, into_runs=False):
        out = own if depth == 0 else quoted
        if isinstance(node, Paragraph):
            out.append(run_text(node.runs))
            out.append("\n")
        elif isinstance(node, Code):
            out.append(node.text)
            out.append("\n")
        elif isinstance(node, Attachment) and node.name:
            out.append(node.name)
            out.append("\n")
    return "".join(own).strip(), "".join(quoted).strip()


class _Documented(BodyVisitor[dict]):
    """A body as the documented JSON form (``s1reader show --json``): readable field names."""

    def text(self, r: Text) -> dict:
        return {"type": "text", "text": r.text}

    def smiley(self, r: Smiley) -> dict:
        return {"type": "smiley", "pack": r.pack, "name": r.name, "url": r.url}

    def image(self, r: Image) -> dict:
        return {"type": "image", "url": r.url, "host": r.host, "is_attachment": r.is_attachment}

    def link(self, r: Link) -> dict:
        return {"type": "link", "text": r.text, "url": r.url}

    def strong(self, r: Strong) -> dict:
        return {"type": "strong", "runs": self.runs(r.runs)}

    def unknown(self, r: Unknown) -> dict:
        return {"type": "unknown", "html": r.html}

    def paragraph(self, b: Paragraph) -> dict:
        return {"type": "paragraph", "runs": self.runs(b.runs)}

    def quote(self, b: Quote) -> dict:
        return {
            "type": "quote",
            "author": b.author,
            "posted_at": b.posted_at.isoformat() if b.posted_at else None,
            "pid": b.pid,
            "ptid": b.ptid,
            "url": b.url,
            "truncated": b.truncated,
            "blocks": self.blocks(b.blocks),
        }

    def attachment(self, b: Attachment) -> dict:
        return {"type": "attachment", "name": b.name, "size": b.size, "downloads": b.downloads,
                "uploaded_at": b.uploaded_at}

    def rating(self, b: Rating) -> dict:
        return {"type": "rating", "total": b.total, "participants": b.participants,
                "rows": [{"user": x.user, "score": x.score, "reason": x.reason} for x in b.rows]}

    def client_line(self, b: ClientLine) -> dict:
        return {"type": "client", "text": b.text, "client": b.client, "device": b.device,
                "android": b.android, "version": b.version, "url": b.url}

    def code(self, b: Code) -> dict:
        return {"type": "code", "text": b.text}

    def notice(self, b: Notice) -> dict:
        return {"type": "notice", "kind": b.kind, "text": b.text}

    def other(self, node) -> dict:
        raise TypeError(f"not a block: {node!r}")


_DOCUMENTED = _Documented()


def block_dict(b: Block) -> dict[str, Any]:
    """The documented JSON form of a block (``s1reader show --json``): readable field names."""
    return _DOCUMENTED.visit(b)

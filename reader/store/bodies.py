"""The library's post bodies: its compression dictionaries, and bodies read back as blocks or text.

One ``BodyCodec`` per open library holds every dictionary of its ``body_dict`` table; the
library object keeps it (``reader.store.library``). The first import into a library without
one trains it from the bodies about to be written (``ensure_dictionary``), so even the first
import is stored compactly.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..parse.codec import loads_blocks, plain_text
from ..parse.model import Block
from . import library
from .bodycodec import BodyCodec, train
from .dbtime import db_now
from .models import BodyDict, database


def codec() -> BodyCodec:
    """The open library's codec."""
    return library.current().codec()


def ensure_dictionary(samples: Sequence[str]) -> None:
    """Train and store a dictionary from ``samples`` (codec JSON) if the library has none yet."""
    c = codec()
    if c.dict_id:
        return
    data = train(samples, 1)
    if data is None:
        return
    with database.atomic():
        BodyDict.insert(id=1, data=data, created_at=db_now()).on_conflict_ignore().execute()
    library.current().forget_codec()


def body_json(blob: bytes | str) -> str:
    return codec().unpack(blob)


def body_blocks(blob: bytes | str) -> tuple[Block, ...]:
    return loads_blocks(codec().unpack(blob))


def body_texts(blob: bytes | str) -> tuple[str, str]:
    """(own text, quoted text) of a stored body."""
    return plain_text(body_blocks(blob))


def first_line(text: str, width: int = 80) -> str:
    """The first non-empty line of ``text``, at most ``width`` characters."""
    return next((ln.strip() for ln in text.split("\n") if ln.strip()), "")[:width]


def _runs_text(runs) -> str:
    from ..parse.model import Link, Strong, Text

    out = []
    for r in runs:
        if isinstance(r, Text | Link):
            out.append(r.text)
        elif isinstance(r, Strong):
            out.append(_runs_text(r.runs))
    return "".join(out)


def blocks_first_line(blocks, width: int = 80) -> str:
    """The first non-empty line a post says itself: its paragraphs and code, not what it quotes,
    nor an attachment's file name, a rating or a client's signature."""
    from ..parse.model import Code, Paragraph

    for block in blocks:
        if isinstance(block, Paragraph):
            text = _runs_text(block.runs)
        elif isinstance(block, Code):
            text = block.text
        else:
            continue
        line = first_line(text, width)
        if line:
            return line
    return ""


def body_first_line(blob: bytes | str, width: int = 80) -> str:
    """The first non-empty line of a stored body's own words (lists show it beside the post)."""
    return blocks_first_line(body_blocks(blob), width)


def body_tokens(blob: bytes | str | None, which: int) -> str:
    """The index tokens of a stored body's own text (0) or quoted text (1); the SQL function
    ``s1_body_tokens`` that keeps the index in step when a post is changed or deleted."""
    from .searchtext import index_tokens

    if blob is None:
        return ""
    return index_tokens(body_texts(blob)[which])

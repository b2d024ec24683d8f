"""Preparing one file for the database, without touching it: read, hash, parse, build rows.

This is the CPU-heavy half of an import; it has no database access, so it runs in worker
processes beside the one writer (``importing/parsing.py``). Rows leave here ready to insert: the body
compressed (``bodycodec.py``) and the search tokens built (``searchtext.py``).
"""

from __future__ import annotations

import errno
import hashlib
import sys
from dataclasses import dataclass, field

from ..parse import FormatError, ThreadRef, distinct_posts, parse_text
from ..parse.codec import dumps_blocks, plain_text
from ..parse.model import (
    STATUS_BANNED,
    STATUS_EMPTY,
    STATUS_HIDDEN,
    Post,
)
from ..parse.thread import decode_archive
from ..parse.walk import quotes as body_quotes
from .bodycodec import BodyCodec
from .dbtime import to_db
from .measures import post_measure
from .models import FLAG_ANONYMOUS, FLAG_BANNED, FLAG_EMPTY, FLAG_HIDDEN, FLAG_MEDIA
from .searchtext import index_tokens

SQLITE_MAX_INT = 2**63 - 1  # the largest integer a library column holds
# a file is read whole and parsed in memory (about twice its size at the peak): the largest part
# of the 2023-2025 archives is 4 MiB, and the md export writes a part per 1,500 floors; a file
# of more is refused unread rather than trusted (a gigabyte of text would take gigabytes)
MAX_FILE_BYTES = 256 * 1024 * 1024
# what a body dictionary is learnt from: the beginning of a file is enough
SAMPLE_BYTES = 8 * 1024 * 1024


def storable_path(path: str) -> str:
    """A path as the library stores and shows it. A file name that is not UTF-8 reaches Python
    with its undecodable bytes as lone surrogates, which SQLite cannot store: each becomes the
    text ``\\xff`` (the same name always gives the same text, and its title and board too)."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def too_big_message(size: int) -> str:
    return (f"the file holds {size / 1048576:,.0f} MiB, more than the {MAX_FILE_BYTES >> 20} MiB "
            "a thread file may have (an archive part holds 1,500 floors, at most a few MiB); "
            "split it into parts (`s1reader export TID --format md -o FOLDER` writes such parts)")


def os_error_text(e: OSError) -> str:
    """What went wrong reading a file or folder, and what to do about it."""
    if e.errno == errno.ENAMETOOLONG:
        return ("the path is longer than the system allows; move the files to a folder with a "
                "shorter path and import them again")
    return e.strerror or str(e)


def _storable(n: int | None) -> int | None:
    """``n`` when SQLite can store it, else None (a quote's pid or thread id beyond any real
    one links nowhere; its text is kept in the body)."""
    return n if n is None or -SQLITE_MAX_INT - 1 <= n <= SQLITE_MAX_INT else None


def _out_of_range(parsed) -> tuple[int, str] | None:
    """(line, message) for a thread id or floor beyond SQLite's integers: the file cannot be
    stored as it is (the number is not one the forum could have written)."""
    if not 0 <= parsed.ref.tid <= SQLITE_MAX_INT:
        return 0, (f"the thread id {parsed.ref.tid} is beyond the largest number the library "
                   "can store; the file name or its links are damaged")
    for p in parsed.posts:
        if not 0 <= p.floor <= SQLITE_MAX_INT:
            return p.line, (f"floor {p.floor} is beyond the largest number the library can "
                            "store; the floor line is damaged (fix or remove that post)")
    return None


def _flags(post: Post) -> int:
    flags = FLAG_ANONYMOUS if post.anonymous else 0
    if post.status == STATUS_BANNED:
        flags |= FLAG_BANNED
    elif post.status == STATUS_HIDDEN:
        flags |= FLAG_HIDDEN
    elif post.status == STATUS_EMPTY:
        flags |= FLAG_EMPTY
    return flags


@dataclass(slots=True)
class PostRow:
    """A post ready for the database: the columns of ``post`` and its quotes."""

    floor: int
    author: str
    posted_at: str
    is_op: int
    flags: int
    editor: str | None
    edited_at: str | None
    pid: int | None
    body: bytes  # compressed codec JSON
    # index tokens of the author's own and of the quoted text, NUL between; not compressed: zstd
    # made them only 1.6x smaller (short strings) for 10 us per post in the workers and 5 in the
    # writer, and no row waits long (big threads are written part by part)
    tokens: str
    content_hash: str
    line: int
    quotes: tuple[tuple[str | None, str | None, int | None, int | None], ...]
    # (rating, raters, images, text length) for the digest (measures.py); None when not notable
    measure: tuple[int, int, int, int] | None = None

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.floor, self.author, self.posted_at)

    def __reduce__(self) -> tuple:
        """Pickled by the parsing processes and unpickled in the writer process (by the pool's
        result thread, which holds the writer's GIL): as the arguments of the constructor, 4 µs
        a row to unpickle instead of 7 for the default (a dict of the slots per row)."""
        return (PostRow, (self.floor, self.author, self.posted_at, self.is_op, self.flags,
                          self.editor, self.edited_at, self.pid, self.body, self.tokens,
                          self.content_hash, self.line, self.quotes, self.measure))


def index_texts(tokens: str) -> tuple[str, str]:
    """(own, quoted) index tokens from a prepared row's ``tokens``."""
    own, _, quoted = tokens.partition("\x00")
    return own, quoted


def post_row(post: Post, codec: BodyCodec) -> PostRow:
    body = dumps_blocks(post.blocks)
    own, quoted = plain_text(post.blocks)
    flags = _flags(post)
    editor = post.edit.editor if post.edit else None
    edited = to_db(post.edit.edited_at) if post.edit else None
    h = hashlib.blake2b(digest_size=10)
    h.update(body.encode())
    h.update(f"|{flags}|{int(post.is_op)}|{editor}|{edited}|{post.pid}".encode())
    if '["m",' in body or '["i",' in body:
        flags |= FLAG_MEDIA  # after the hash: derived from the body, not content of its own
    quotes = tuple(
        (
            q.author,
            to_db(q.posted_at.replace(second=0)) if q.posted_at else None,
            _storable(q.pid),
            _storable(q.ptid),
        )
        for q, _depth in body_quotes(post.blocks)
    )  # most posts quote nothing: the empty tuple is one shared object
    measure = post_measure(post.blocks, own)
    return PostRow(
        floor=post.floor,
        # one string object per name: rows wait in memory until their thread's last file is
        # parsed, and a file's rows pickle (and arrive) with each repeated name stored once
        author=sys.intern(post.author),
        posted_at=to_db(post.posted_at),
        is_op=int(post.is_op),
        flags=flags,
        editor=editor,
        edited_at=edited,
        pid=_storable(post.pid),
        body=codec.pack(body),
        tokens=f"{index_tokens(own)}\x00{index_tokens(quoted)}",
        content_hash=h.hexdigest(),
        line=post.line,
        quotes=quotes,
        measure=measure.row() if measure.notable else None,
    )


@dataclass(slots=True)
class PreparedFile:
    """The outcome for one file: ``parsed`` (rows ready), ``unchanged`` (same hash) or ``failed``."""

    path: str
    status: str
    sha1: str = ""
    ref: ThreadRef | None = None
    rows: list[PostRow] = field(default_factory=list)
    posts_in_file: int = 0
    line: int = 0
    message: str = ""
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line, message): posts skipped/flat


def prepare_file(path: str, known_sha1: str | None, codec: BodyCodec) -> PreparedFile:
    """Read, hash and (if the content changed) parse one file into rows for its thread. The
    result names the file by its stored form (``storable_path``)."""
    real, path = path, storable_path(path)
    try:
        with open(real, "rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)  # (a file that grew since it was planned stops here)
    except OSError as e:
        return PreparedFile(path, "failed", message=f"cannot read: {os_error_text(e)}")
    if len(data) > MAX_FILE_BYTES:
        return PreparedFile(path, "failed", message=too_big_message(len(data)))
    sha1 = hashlib.sha1(data).hexdigest()
    if sha1 == known_sha1:
        return PreparedFile(path, "unchanged", sha1)
    try:
        parsed = parse_text(decode_archive(data, path), path)
    except FormatError as e:
        return PreparedFile(path, "failed", sha1, line=e.line, message=e.message)
    bad = _out_of_range(parsed)
    if bad is not None:
        return PreparedFile(path, "failed", sha1, line=bad[0], message=bad[1])
    rows = [post_row(p, codec) for p in distinct_posts(parsed.posts)]
    return PreparedFile(path, "parsed", sha1, parsed.ref, rows, len(parsed.posts),
                        notes=[(n.line, n.message) for n in parsed.notes])


def sample_bodies(path: str, limit: int = 2000) -> list[str]:
    """Codec JSON of up to ``limit`` posts of one file (what a body dictionary is learnt from);
    a file that cannot be read or parsed gives none."""
    try:
        with open(path, encoding="utf-8") as f:
            parsed = parse_text(f.read(SAMPLE_BYTES), path)
    except (OSError, UnicodeDecodeError, FormatError):
        return []
    return [dumps_blocks(p.blocks) for p in parsed.posts[:limit]]

"""Parse one archive file: split on ``*****``, read each post's header and body, tell the thread.

``parse_text`` is pure (text and path in, ``ThreadFile`` out); ``parse_file`` only adds reading the
file. Repeated posts are reported as they appear; ``distinct_posts`` keeps the last version of each
(floor, author, time), sorted by floor, which is what the importer stores. A post that cannot be
read (a broken header, megabytes of text) is left out with a note naming its line; the file
fails only when none of its posts can be read.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import datetime
from pathlib import Path

from .body import nesting_note, parse_blocks
from .errors import FormatError
from .inline import inline_image_chars
from .model import (
    STATUS_BANNED,
    STATUS_EMPTY,
    STATUS_HIDDEN,
    STATUS_NORMAL,
    EditNote,
    Paragraph,
    Post,
    PostNote,
    Text,
    ThreadFile,
    ThreadRef,
)
from .paths import identity_from_path

SEPARATOR_RE = re.compile(r"^\*\*\*\*\*[ \t]*$", re.M)
# The separator glued to the end of a post's last line ("…我直接说*****" then the next post's
# header): the archive writes it so when a post's text ends without a line break (14 posts of
# 2023-2025). Only before a whole post header, so stars inside a text stay text.
_GLUED_SEPARATOR = (r"(?<=[^\n\\])\*\*\*\*\*[ \t]*(?=\n\n*####[ \t]+[^\n]*\n##### \d+#[^\n]*"
                    r"发表于 \d{4}-)")
_GLUED_SEPARATOR_RE = re.compile(_GLUED_SEPARATOR)
# A body line that ends like a separator ("*****", "…text*****", "\\*****") is written by our md
# export with one more backslash before its stars, so a post can never be split into forged
# posts, whole-line or glued (above); reading drops one.
_ESCAPED_SEPARATOR_RE = re.compile(r"\\(\\*\*\*\*\*\*[ \t]*)$", re.M)
_HEADER_RE = re.compile(
    r"\n*####[ \t]+(?P<author>[^\n]*?)[ \t]*\n"
    r"##### (?P<floor>\d+)#\s+(?:(?P<op>楼主)\|?\s+)?(?:(?P<anon>匿名)\s+)?"
    r"发表于 (?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}) (?P<h>\d{1,2}):(?P<mi>\d{2})[ \t]*(?:\n|\Z)"
)
_EDIT_RE = re.compile(
    r"^ ?本帖最后由 (?P<editor>.+?) 于 (?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2}) "
    r"(?P<h>\d{1,2}):(?P<mi>\d{2}) 编辑 ?$"
)
_PTID_RE = re.compile(r"ptid=(\d{1,18})(?!\d)")
BANNED_TEXT = "提示: 作者被禁止或删除 内容自动屏蔽"
HIDDEN_TEXT = "提示: 该帖被管理员或版主屏蔽"
FLOORS_PER_PART = 1500
# A post whose text is longer than this is skipped (with its line): the forum caps posts at about
# 10,000 characters, the longest in the archives has 11,442; megabytes are a damaged or hostile
# file. Pictures pasted into a post (data URLs) are not text: they count only against the second
# bound, far above the largest in the archives (234,828 characters), still bounded for memory.
MAX_POST_CHARS = 200_000
MAX_POST_WITH_PICTURES_CHARS = 16 * 1024 * 1024


def _when(m: re.Match[str]) -> datetime:
    return datetime(int(m["y"]), int(m["mo"]), int(m["d"]), int(m["h"]), int(m["mi"]))


def parse_post(chunk: str, line: int, path: str) -> Post:
    """One post from the text between two separators; ``line`` is the separator's line."""
    m = _HEADER_RE.match(chunk)
    if not m:
        stripped = chunk.lstrip("\n")
        offset = line + chunk[: len(chunk) - len(stripped)].count("\n")  # the author line
        first = stripped.split("\n", 1)[0][:60]
        if not stripped.startswith(("#### ", "####\t")):  # "##### N#": the author line is missing
            raise FormatError(path, offset, f"expected an author line '####  NAME', found {first!r}")
        raise FormatError(path, offset + 1, "expected a floor line '##### N#  发表于 YYYY-M-D H:MM'")
    try:
        posted = _when(m)
    except ValueError as e:
        raise FormatError(path, line + chunk[: m.start("floor")].count("\n"), f"bad date: {e}") from None
    body = chunk[m.end() :].strip("\n")
    if "\\*****" in body:
        body = _ESCAPED_SEPARATOR_RE.sub(r"\1", body)
    edit = None
    if body.startswith(" 本帖最后由") or body.startswith("本帖最后由"):
        first, _, rest = body.partition("\n")
        em = _EDIT_RE.match(first)
        if em:
            try:
                edit = EditNote(em["editor"], _when(em))
            except ValueError:
                edit = None
            if edit:
                body = rest.strip("\n")
    status = STATUS_NORMAL
    if not body.strip():
        status = STATUS_EMPTY
        blocks: tuple = ()
    elif body.startswith(BANNED_TEXT) or body.startswith(HIDDEN_TEXT):
        status = STATUS_BANNED if body.startswith(BANNED_TEXT) else STATUS_HIDDEN
        blocks = parse_blocks(body.partition("\n")[2].strip("\n"))
    else:
        blocks = parse_blocks(body)
    author = m["author"]
    return Post(
        floor=int(m["floor"]),
        author=author,
        posted_at=posted,
        is_op=m["op"] is not None,
        anonymous=m["anon"] is not None or author == "匿名",
        edit=edit,
        status=status,
        blocks=blocks,
        line=line,
    )


def _checked_post(chunk: str, line: int, path: str) -> Post:
    """``parse_post``, with absurd input (numbers longer than ``int()`` accepts, a post of
    megabytes) reported as a FormatError at the post instead of a stray exception."""
    if len(chunk) > MAX_POST_CHARS:
        head = _HEADER_RE.match(chunk[:4096])
        which = f"post #{head['floor']}" if head else "a post"
        if len(chunk) > MAX_POST_WITH_PICTURES_CHARS:
            raise FormatError(path, line, f"{which} holds {len(chunk):,} characters, more than "
                              f"the {MAX_POST_WITH_PICTURES_CHARS:,} a post with its pictures "
                              "may have")
        text = len(chunk) - inline_image_chars(chunk)
        if text > MAX_POST_CHARS:
            raise FormatError(path, line, f"{which} holds {text:,} characters of text, more than "
                              f"the {MAX_POST_CHARS:,} a post may have (the forum allows about "
                              "10,000)")
    try:
        return parse_post(chunk, line, path)
    except FormatError:
        raise
    except (ValueError, RecursionError) as e:
        raise FormatError(path, line, f"unreadable post: {type(e).__name__}: {str(e)[:80]}") from None


def _opens_post(chunk: str) -> bool:
    """Whether a chunk starts like a post (an author or a floor line, even a broken one)."""
    return chunk.lstrip("\n").startswith(("#### ", "####\t", "##### "))


def _groups(chunks: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The chunks grouped into posts: a chunk that does not start like a post, after a post, is
    the rest of that post, whose own text held a line ``*****`` (a reader who pasted posts of
    another thread into theirs); the empty chunks between the two are part of it too. Empty
    chunks elsewhere are no post."""
    groups: list[list[tuple[int, str]]] = []
    gap: list[tuple[int, str]] = []
    for line, chunk in chunks:
        if not chunk.strip():
            gap.append((line, chunk))
            continue
        if groups and not _opens_post(chunk):
            groups[-1].extend(gap)
            groups[-1].append((line, chunk))
        else:
            groups.append([(line, chunk)])
        gap = []
    return groups


def _skipped(e: FormatError) -> PostNote:
    return PostNote(e.line, f"{e.message}; this post was skipped, the rest of the file was read",
                    skipped=True)


def _posts(chunks: list[tuple[int, str]], path: str) -> tuple[tuple[Post, ...], tuple[PostNote, ...]]:
    """The readable posts of a file and notes on the others: a post that cannot be read costs
    that post only (FormatError with its line only when no post of the file is readable)."""
    posts: list[Post] = []
    notes: list[PostNote] = []
    first_error: FormatError | None = None
    # a file that ends in separators with nothing after them may have been cut short: said
    # once; nothing between two separators elsewhere is no post at all, and nothing to say
    end = len(chunks)
    while end and not chunks[end - 1][1].strip():
        end -= 1
    if end < len(chunks):
        trailing = len(chunks) - end
        more = f" (and {trailing - 1:,} more after it)" if trailing > 1 else ""
        notes.append(PostNote(chunks[end][0], f"the file ends with a '*****' separator{more} and no "
                              "post after it: was the file cut short?", skipped=False))
    def read(chunk: str, line: int) -> FormatError | None:
        """Add the post of ``chunk`` (and a note if its nesting was flattened), or say why not."""
        try:
            post = _checked_post(chunk, line, path)
        except FormatError as e:
            return e
        posts.append(post)
        flattened = nesting_note(chunk)
        if flattened:
            notes.append(PostNote(line, f"post #{post.floor}: {flattened}", skipped=False))
        return None

    for group in _groups(chunks[:end]):
        if len(group) > 1 and read("*****".join(c for _, c in group), group[0][0]) is None:
            continue  # else: the post with what follows cannot be read (absurdly long): as before
        for at, piece in group:
            if piece.strip() and (e := read(piece, at)) is not None:
                first_error = first_error or e
                notes.append(_skipped(e))
    if not posts and first_error is not None:
        raise first_error
    if not posts:
        raise FormatError(path, 1, "no post between the '*****' separators: not an archive thread")
    return tuple(posts), tuple(notes)


def split_posts(text: str, path: str) -> tuple[str, list[tuple[int, str]]]:
    """The preamble before the first separator and (separator line, chunk) for each post.

    Some archive files carry a note before the first post (``> ## **本文件最后更新于…**``);
    it is returned, not parsed. A file without any separator is not a thread.
    """
    pieces = SEPARATOR_RE.split(text)
    if any("*****" in piece for piece in pieces):  # rare: looked for only where stars are
        pieces = [part for piece in pieces for part in (
            _GLUED_SEPARATOR_RE.split(piece) if "*****" in piece else (piece,))]
    head = pieces[0]
    if len(pieces) == 1:
        raise FormatError(path, 1, "no '*****' post separator found: not an archive thread")
    out: list[tuple[int, str]] = []
    line = 1 + head.count("\n")
    for chunk in pieces[1:]:
        out.append((line, chunk))
        line += chunk.count("\n")
    return head.strip(), out


def parse_text(text: str, path: str = "<text>") -> ThreadFile:
    """Parse a whole file's text. Raises FormatError (with file and line) on anything not the format."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    preamble, chunks = split_posts(text, path)
    posts, notes = _posts(chunks, path)
    warnings = (f"text before the first post: {preamble[:80]!r}",) if preamble else ()
    return ThreadFile(path=path, ref=thread_ref(path, text, posts), posts=posts, warnings=warnings,
                      notes=notes)


def thread_ref(path: str, text: str, posts: tuple[Post, ...]) -> ThreadRef:
    ident = identity_from_path(path)
    if ident.tid is not None:
        return ThreadRef(ident.tid, ident.part or 1, ident.title or "", ident.board, ident.reachable)
    counts = Counter(int(t) for t in _PTID_RE.findall(text))
    if not counts:
        raise FormatError(
            path, 1,
            "cannot tell the thread id: the file name is not '<tid>-<NN>[title].md' and no quote "
            "link names a ptid; rename the file to that pattern",
        )
    tid = counts.most_common(1)[0][0]
    floors = [p.floor for p in posts]
    part = (min(floors) - 1) // FLOORS_PER_PART + 1 if floors else 1
    return ThreadRef(tid, part, first_line(posts), ident.board, ident.reachable, True)


def first_line(posts: tuple[Post, ...]) -> str:
    """The first line of text of the first post: the title of a thread whose name is unknown."""
    for post in sorted(posts, key=lambda p: p.floor):
        for block in post.blocks:
            if isinstance(block, Paragraph):
                text = "".join(r.text for r in block.runs if isinstance(r, Text)).strip()
                line = text.split("\n", 1)[0].strip()
                if line:
                    return line[:80]
    return ""


_NOT_TEXT = ((b"\x89PNG", "a PNG picture"), (b"PK\x03\x04", "a zip archive"),
             (b"\xff\xd8\xff", "a JPEG picture"), (b"GIF8", "a GIF picture"),
             (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7z archive"),
             (b"Rar!", "a RAR archive"), (b"%PDF", "a PDF document"))


def decode_archive(data: bytes, path: str) -> str:
    """The text of an archive file; a FormatError naming the line and what the bytes are when
    they are not UTF-8 (a GBK or UTF-16 text, a picture or an archive with a ``.md`` name)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        what = next((name for magic, name in _NOT_TEXT if data.startswith(magic)), None)
        if what is not None:
            raise FormatError(path, 1, f"not a text file: the bytes are {what}") from None
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise FormatError(path, 1, "UTF-16 text; save the file as UTF-8 and import it "
                              "again") from None
        raise FormatError(path, line, f"not UTF-8 text (byte {e.start}; GBK or another "
                          "encoding?); save the file as UTF-8 and import it again") from None


def parse_file(path: str | Path) -> ThreadFile:
    """Read a file as UTF-8 and parse it; undecodable bytes are a FormatError with the line."""
    return parse_text(decode_archive(Path(path).read_bytes(), str(path)), str(path))


def distinct_posts(posts: tuple[Post, ...] | list[Post]) -> list[Post]:
    """One post per (floor, author, time), the last version in file order wins; sorted by floor."""
    by_key: dict[tuple[int, str, datetime], Post] = {}
    for p in posts:
        by_key[p.key] = p
    return sorted(by_key.values(), key=lambda p: (p.floor, p.posted_at, p.line))


"""Typed posts back to the archive text format (the inverse of ``reader.parse``).

The text written for a post parses back to the same post: floor, author, time, 楼主 and 匿名
marks, edit note, status and exactly the same blocks. Layout rules that make that hold:

* blocks are separated by a blank line, except that a paragraph after a quote continues on the
  quote's closing line (as the forum writes replies), so its first line is never read as a
  line-level construct (client line, attachment name) that it was not;
* a quote without a header starts with a newline, so its first text line is never mistaken for
  a header; a nested ``<strong>`` that ran to the end of its parent is written unclosed;
* a normal post without any block is written as a form leftover the parser drops, so it does not
  turn into an empty post.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from datetime import datetime

from ..parse.body import ATTACH_LINE, FILE_LINE
from ..parse.model import (
    ATTACH_FILE,
    ATTACH_SPLIT,
    STATUS_BANNED,
    STATUS_EMPTY,
    STATUS_HIDDEN,
    Attachment,
    Block,
    ClientLine,
    Code,
    EditNote,
    Image,
    Inline,
    Link,
    Notice,
    Paragraph,
    Quote,
    Rating,
    Smiley,
    Strong,
    Text,
    Unknown,
)
from ..parse.walk import BodyVisitor

SEPARATOR = "*****"
# body lines that end like a separator ("*****", "…text*****", "\\*****" …) get one more
# backslash before their stars (a separator glued to a line's end separates too); parse.thread
# drops it again, so an export re-imports as exactly the posts it came from
_SEPARATOR_LIKE_RE = re.compile(r"(\\*\*\*\*\*\*[ \t]*)$", re.M)


def escape_body(text: str) -> str:
    """Archive text of a body that cannot be split into posts by a reader."""
    return _SEPARATOR_LIKE_RE.sub(r"\\\1", text) if "*****" in text else text


# control characters other than tab and newline. A carriage return ends a line when the export
# is read again (a separator and a post header hidden in one post would become a real post), and
# none of them belongs in a text file: every one is written as a character reference, which
# the parser decodes back to the same character in text
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape_controls(text: str) -> str:
    """``text`` with every control character but tab and newline as ``&#N;``."""
    return _CONTROL_RE.sub(lambda m: f"&#{ord(m.group())};", text)


BANNED_TEXT = "提示: 作者被禁止或删除 内容自动屏蔽"
HIDDEN_TEXT = "提示: 该帖被管理员或版主屏蔽"
# a normal post whose body holds nothing the parser keeps (only form junk): written as such junk
_EMPTY_NORMAL_BODY = '<input type="hidden"/>'


def format_time(when: datetime) -> str:
    """``2023-8-11 9:05`` as the archive writes it (no zero padding; seconds only when set)."""
    text = f"{when.year}-{when.month}-{when.day} {when.hour}:{when.minute:02d}"
    return text + (f":{when.second:02d}" if when.second else "")


def post_header(floor: int, author: str, posted_at: datetime, is_op: bool, anonymous: bool) -> str:
    """The author and floor lines of a post (without the separator)."""
    marks = ("楼主       " if is_op else "") + ("匿名   " if anonymous else "")
    return f"####  {author}  \n##### {floor}#       {marks}发表于 {format_time(posted_at)}\n"


def edit_line(edit: EditNote) -> str:
    return f" 本帖最后由 {edit.editor} 于 {format_time(edit.edited_at)} 编辑 "


# ---------------------------------------------------------------- inline runs


def escape_text(text: str) -> str:
    """Text as the archive stores it: HTML-escaped (the parser decodes it once)."""
    if "&" in text or "<" in text or ">" in text:
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text


def _img(url: str) -> str:
    return f'<img src="{html.escape(url, quote=True)}" referrerpolicy="no-referrer">'


_MD_URL_RE = re.compile(r"^(?:https?|ftp)://[^)\s]+$")
_RAW_URL_RE = re.compile(r"^https?://[^\s<>\"'\]\)）】，。、]+$")
_URL_STOP = frozenset(" \t\n<>\"']）)】，。、\u00a0\u3000")


def _raw_url_fits(link: Link, following: Inline | None) -> bool:
    """A link whose text is its URL can be written bare when nothing after it would extend it."""
    if link.text != link.url or "&" in link.url or not _RAW_URL_RE.match(link.url):
        return False
    if following is None or isinstance(following, Smiley | Image | Strong | Unknown):
        return True
    return isinstance(following, Text) and following.text[:1] in _URL_STOP


def _link(link: Link, following: Inline | None) -> str:
    """The link as a bare URL or ``[text](url)`` when the parser reads that back unchanged, else
    as an ``<a href>`` tag. A bare URL is preferred where it fits: a ``[`` earlier on the line
    can capture a markdown link."""
    if _raw_url_fits(link, following):
        return link.url
    url = html.escape(link.url, quote=False) if "&" in link.url else link.url
    if "]" not in link.text and "\n" not in link.text and _MD_URL_RE.match(url):
        return f"[{escape_text(link.text)}]({url})"
    return f'<a href="{html.escape(link.url, quote=True)}">{html.escape(link.text, quote=False)}</a>'


# ---------------------------------------------------------------- blocks


def _attachment(block: Attachment) -> str:
    """The notice in the layout the forum wrote it in (``Attachment.layout``)."""
    name = escape_text(block.name) if block.name is not None else None
    size = f"{block.size or ''}, 下载次数: {'' if block.downloads is None else block.downloads}"
    uploaded = [f"{block.uploaded_at} 上传"] if block.uploaded_at else []
    if block.layout == ATTACH_FILE:
        if uploaded:  # name / date 上传 / 点击文件名下载附件 / size, 下载次数: n
            lines = [*([name, ""] if name is not None else []), *uploaded, FILE_LINE]
            if block.size is not None or block.downloads is not None:
                lines += ["", size]
            return "\n".join(lines)
        # name / (size, 下载次数: n) / 点击文件名下载附件
        return "\n".join([*([name] if name is not None else []), f"({size})", "", FILE_LINE])
    lines: list[str] = []
    if block.layout == ATTACH_SPLIT:
        lines += [*([name] if name is not None else []), f"({size})", ""]
    elif name is not None:
        lines += [f"<strong>{name}</strong> ({size})", ""]
    lines.append(ATTACH_LINE)
    if uploaded:
        lines += ["", *uploaded]
    return "\n".join(lines)


def _rating(block: Rating) -> str:
    if not block.rows and not block.total and not block.participants:
        return "查看全部评分"
    sign = "-" if block.total < 0 else "+"
    lines = ["﹍﹍﹍", "", "评分", ""]
    if block.total or block.participants:
        lines += [f" 参与人数 {block.participants}战斗力 {sign}{abs(block.total)}", ""]
    lines += ["|昵称|战斗力|理由|", "|----|---|---|"]
    for row in block.rows:
        mark = "-" if row.score < 0 else "+ "
        lines.append(f"| {escape_text(row.user)}| {mark}{abs(row.score)}|{escape_text(row.reason)}|")
    lines += ["", "查看全部评分"]
    return "\n".join(lines)


class _ArchiveText(BodyVisitor[str]):
    """A body as the archive's text: one method per node of the body tree
    (``reader.parse.walk``); a run is written knowing the run after it (a bare URL must not
    run into it) and whether it ends a <strong>."""

    def __init__(self) -> None:
        super().__init__()
        self._following: Inline | None = None
        self._ends_strong = False

    # -- inline runs

    def runs_text(self, runs: Iterable[Inline], inside_strong: bool = False) -> str:
        runs = tuple(runs)
        out: list[str] = []
        for i, run in enumerate(runs):
            self._following = runs[i + 1] if i + 1 < len(runs) else None
            # inside a <strong>, a nested one can only have run to the end of its parent unclosed
            self._ends_strong = inside_strong and i == len(runs) - 1
            out.append(self.visit(run))
        return "".join(out)

    def text(self, run: Text) -> str:
        return escape_text(run.text)

    def strong(self, run: Strong) -> str:
        last_nested = self._ends_strong
        return f"<strong>{self.runs_text(run.runs, inside_strong=True)}" + (
            "" if last_nested else "</strong>")

    def smiley(self, run: Smiley) -> str:
        return _img(run.url)

    image = smiley

    def link(self, run: Link) -> str:
        return _link(run, self._following)

    def unknown(self, run: Unknown) -> str:
        return run.html

    # -- blocks

    def paragraph(self, block: Paragraph) -> str:
        return self.runs_text(block.runs)

    def quote(self, block: Quote) -> str:
        if block.url is not None and block.author is not None:
            when = format_time(block.posted_at) if block.posted_at else "0000-0-0 0:00"
            head = (f'<a href="{html.escape(block.url, quote=True)}" target="_blank">'
                    f"{block.author} 发表于 {when}</a>\n")
        elif block.author is not None and block.posted_at is not None:
            head = f"{block.author} 发表于 {format_time(block.posted_at)}\n"
        else:
            head = "\n"
        return f"<blockquote>{head}{self.blocks_text(block.blocks)}</blockquote>"

    def attachment(self, block: Attachment) -> str:
        return _attachment(block)

    def rating(self, block: Rating) -> str:
        return _rating(block)

    def client_line(self, block: ClientLine) -> str:
        return block.text

    def code(self, block: Code) -> str:
        return f"```\n{block.text}\n```"

    def notice(self, block: Notice) -> str:
        return block.text

    def other(self, node) -> str:
        raise TypeError(f"not a block: {node!r}")

    def blocks_text(self, blocks: Iterable[Block]) -> str:
        """Blank lines between blocks, replies on the quote's line."""
        out: list[str] = []
        previous: Block | None = None
        for block in blocks:
            text = self.visit(block)
            if previous is None or (isinstance(previous, Quote) and isinstance(block, Paragraph)):
                out.append(text)
            elif isinstance(block, Quote) or isinstance(previous, Quote):
                out.append("\n" + text)
            else:
                out.append("\n\n" + text)
            previous = block
        return "".join(out)


def runs_text(runs: Iterable[Inline]) -> str:
    """The archive text of inline runs."""
    return _ArchiveText().runs_text(runs)


def blocks_text(blocks: Iterable[Block]) -> str:
    """A body's blocks as archive text: blank lines between blocks, replies on the quote's line."""
    return _ArchiveText().blocks_text(blocks)


def post_text(
    floor: int,
    author: str,
    posted_at: datetime,
    is_op: bool,
    anonymous: bool,
    edit: EditNote | None,
    status: str,
    blocks: tuple[Block, ...],
) -> str:
    """One whole post, from its separator line to the blank lines before the next one."""
    parts = [post_header(floor, author, posted_at, is_op, anonymous), "\n"]
    if edit is not None:
        parts.append(edit_line(edit) + "\n\n")
    body = escape_body(blocks_text(blocks))
    if status == STATUS_BANNED:
        parts.append(BANNED_TEXT + "\n" + body)
    elif status == STATUS_HIDDEN:
        parts.append(HIDDEN_TEXT + "\n" + body)
    elif status != STATUS_EMPTY:
        parts.append(body if blocks else _EMPTY_NORMAL_BODY)
    return escape_controls(f"{SEPARATOR}\n\n" + "".join(parts).rstrip("\n") + "\n\n")

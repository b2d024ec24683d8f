"""A post body as typed blocks: quotes (nested), paragraphs, attachments, ratings, client lines, code.

Quotes are found by their tags wherever they sit on a line; unbalanced quotes are closed at the
end of the post. The text between quote tags is split into lines and read by a small line
machine that recognises the line-level constructs of the format.
"""

from __future__ import annotations

import re
from datetime import datetime

from .inline import MAX_STRONG_DEPTH, decode_entities, parse_inline, repair_url
from .model import (
    Attachment,
    Block,
    ClientLine,
    Code,
    Notice,
    Paragraph,
    Quote,
    Rating,
    RatingRow,
    Text,
    Unknown,
)

_QUOTE_TAG_RE = re.compile(r"<blockquote>|</blockquote>")
# The forum nests quotes three deep at most; a body nesting them deeper than this is shown flat
# below it (a tree thousands deep would exhaust Python's recursion in every later step).
MAX_QUOTE_DEPTH = 16
_JUNK_RE = re.compile(
    r"<input\b[^>\n]*?(?:/\)|/?>)"
    r"|<hr\b[^>\n]*?(?:/\)|/?>)"
    r"|\" src=\"[^\"]*/image/common/none\.gif\"[^>\n]*>"
)
_QUOTE_LINK_HEAD_RE = re.compile(
    r"^<a href=\"(?P<href>[^\"]*)\"[^>]*>(?P<author>.*?) 发表于 "
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(?::\d{2})?)\s*</a>"
)
_QUOTE_TEXT_HEAD_RE = re.compile(
    r"^(?P<author>[^\n<]*?) 发表于 (?P<date>\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}(?::\d{2})?)\s*$"
)
_PID_RE = re.compile(r"[?&;]pid=(\d+)")
_PTID_RE = re.compile(r"[?&;]ptid=(\d+)")
_ATTACH_NAME_RE = re.compile(
    r"^<strong>(?P<name>.*?)</strong> \((?P<size>[^,()]*), 下载次数: (?P<dl>\d+)\)\s*$"
)
_UPLOAD_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) 上传\s*$")
_RATING_HEAD_RE = re.compile(r"^\s*参与人数 (\d+)战斗力 ([+-]?)\s*(\d+)\s*$")
_RATING_ROW_RE = re.compile(r"^\|\s*(?P<user>.*?)\|\s*(?P<sign>[+-]?)\s*(?P<n>\d+)\s*\|(?P<reason>.*)\|\s*$")
_CSS_RE = re.compile(r"^\.[\w-]+\s*\{[^}]*\}\s*$")
_AUTOCLOSE_RE = re.compile(r"^此帖将于\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}\s*自动关闭$")
_CLIENT_RE = re.compile(
    r"^—— 来自 (?:(?P<device>[^\[\n]+?), Android (?P<android>[\w.]+)(?:上的|, )\s*)?"
    r"(?:\[(?P<lname>[^\]]+)\]\((?P<url>[^)\s]+)\)|(?P<pname>.+?))"
    r"(?: v(?P<ver>[\w.\-]+))?$"
)
_OFFICIAL_CLIENT_RE = re.compile(r"^\[\s*-- 来自 (?P<text>[^\]]*)\]\((?P<url>[^)\s]+)\)\s*$")
# Anything that could start a construct; text without any of these is plain paragraphs.
_CONSTRUCT_HINT_RE = re.compile(r"[<\[{﹍`]|http|下载附件|查看全部评分|—— 来自|此帖将于")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")
RATING_END = "查看全部评分"
RATING_RULE = "﹍﹍﹍"
ATTACH_LINE = "下载附件"
CLIENT_PREFIX = "—— 来自 "


def parse_date(text: str) -> datetime | None:
    """``2023-8-11 9:05`` (optionally with seconds) → datetime; None when it is not a date."""
    try:
        day, _, clock = text.strip().partition(" ")
        y, mo, d = day.split("-")
        parts = clock.split(":")
        return datetime(int(y), int(mo), int(d), int(parts[0]), int(parts[1]),
                        int(parts[2]) if len(parts) > 2 else 0)
    except (ValueError, IndexError):
        return None


def remove_junk(text: str) -> str:
    """Drop leftover form elements and the ``none.gif`` tail after images."""
    if "<input" in text or "<hr" in text or "none.gif" in text:
        return _JUNK_RE.sub("", text)
    return text


def parse_blocks(body: str) -> tuple[Block, ...]:
    """Typed blocks of a body (edit note and status line already removed).

    Quotes nest at most ``MAX_QUOTE_DEPTH`` deep: the tags of deeper ones are dropped and their
    text joins the deepest quote, so an absurd body (thousands of nested quotes) keeps its text
    and every later step (storage, search, the window) walks a shallow tree.
    """
    body = remove_junk(body)
    if "blockquote>" not in body:
        return tuple(_text_blocks(body, True))
    # Build the quote tree from the tag stream.
    root: list = []
    stack: list[list] = [root]
    flat = 0  # open quotes beyond the depth cap, whose tags are dropped
    pos = 0
    for m in _QUOTE_TAG_RE.finditer(body):
        if m.start() > pos:
            _add_text(stack[-1], body[pos : m.start()])
        if m.group() == "<blockquote>":
            if len(stack) > MAX_QUOTE_DEPTH:
                flat += 1
            else:
                child: list = []
                stack[-1].append(child)
                stack.append(child)
        elif flat:
            flat -= 1
        elif len(stack) > 1:
            stack.pop()
        else:
            stack[-1].append(_StrayClose())
        pos = m.end()
    if pos < len(body):
        _add_text(stack[-1], body[pos:])
    return tuple(_node_blocks(root, True))


def _add_text(pieces: list, text: str) -> None:
    """Append text to a quote's pieces, joined to text just before it (a dropped tag between)."""
    if pieces and isinstance(pieces[-1], str):
        pieces[-1] += text
    else:
        pieces.append(text)


def nesting_note(body: str) -> str | None:
    """What the depth caps changed in ``body`` (quotes or ``<strong>`` nested deeper than the
    parser keeps), in words; None when nothing was flattened. Cheap for ordinary bodies."""
    notes = []
    for opening, closing, cap, what in (("<blockquote>", "</blockquote>", MAX_QUOTE_DEPTH, "quotes"),
                                        ("<strong>", "</strong>", MAX_STRONG_DEPTH, "<strong> tags")):
        if body.count(opening) <= cap:
            continue
        depth = deepest = 0
        for m in re.finditer(f"{opening}|{closing}", body):
            depth = depth + 1 if m.group() == opening else max(0, depth - 1)
            deepest = max(deepest, depth)
        if deepest > cap:
            notes.append(f"{what} nested {deepest} deep; below {cap} levels they are shown flat "
                         "(the text is kept)")
    return "; ".join(notes) or None


class _StrayClose:
    """A ``</blockquote>`` with no opening: kept as unknown HTML."""


def _node_blocks(pieces: list, at_line_start: bool) -> list[Block]:
    blocks: list[Block] = []
    line_start = at_line_start
    for piece in pieces:
        if isinstance(piece, str):
            blocks.extend(_text_blocks(piece, line_start))
            line_start = piece.endswith("\n")
        elif isinstance(piece, _StrayClose):
            blocks.append(Paragraph((Unknown("</blockquote>"),)))
            line_start = False
        else:
            blocks.append(_quote(piece))
            line_start = False
    return blocks


def _quote(pieces: list) -> Quote:
    author = posted = pid = ptid = url = None
    if pieces and isinstance(pieces[0], str):
        first = pieces[0]
        line, nl, rest = first.partition("\n")
        m = _QUOTE_LINK_HEAD_RE.match(line)
        if m:
            url = repair_url(m.group("href"))
            author = m.group("author").strip()  # some headers carry a leading space
            posted = parse_date(m.group("date"))
            pm = _PID_RE.search(url)
            pid = int(pm.group(1)) if pm else None
            tm = _PTID_RE.search(url)
            ptid = int(tm.group(1)) if tm else None
            tail = line[m.end() :]
            pieces = ([tail + nl + rest] if (tail or rest) else []) + pieces[1:]
        else:
            m = _QUOTE_TEXT_HEAD_RE.match(line)
            if m:
                author = m.group("author").strip()
                posted = parse_date(m.group("date"))
                pieces = ([rest] if rest else []) + pieces[1:]
    # the forum cuts quoted text and appends " ..."; the text keeps it, as the forum shows it
    truncated = bool(pieces) and isinstance(pieces[-1], str) and pieces[-1].rstrip().endswith("...")
    return Quote(
        author=author,
        posted_at=posted,
        pid=pid,
        ptid=ptid,
        url=url,
        blocks=tuple(_node_blocks(pieces, True)),
        truncated=truncated,
    )


def _client_line(line: str) -> ClientLine:
    # trailing blanks and the quote-truncation "..." are cut here, not in the pattern: a pattern
    # ending in \s*(...)?\s*$ backtracks cubically over a long run of blanks
    core = line.rstrip()
    if core.endswith("..."):
        core = core[:-3].rstrip()
    m = _CLIENT_RE.match(core)
    if not m:
        return ClientLine(text=line, client=line[len(CLIENT_PREFIX) :].strip())
    name = m.group("lname") or m.group("pname") or ""
    return ClientLine(
        text=line,
        client=name.strip(),
        device=m.group("device"),
        android=m.group("android"),
        version=m.group("ver"),
        url=m.group("url"),
    )


def _rating(lines: list[str]) -> Rating:
    total = participants = 0
    rows: list[RatingRow] = []
    for line in lines:
        h = _RATING_HEAD_RE.match(line)
        if h:
            participants = int(h.group(1))
            total = int(h.group(3)) * (-1 if h.group(2) == "-" else 1)
            continue
        r = _RATING_ROW_RE.match(line)
        if r and r.group("user").strip() != "昵称":
            score = int(r.group("n")) * (-1 if r.group("sign") == "-" else 1)
            rows.append(RatingRow(decode_entities(r.group("user").strip()), score,
                                  decode_entities(r.group("reason").strip())))
    return Rating(total=total, participants=participants, rows=tuple(rows))


def _plain_paragraphs(text: str) -> list[Block]:
    """Paragraphs of text that holds no construct at all (most posts): no line machine needed."""
    out: list[Block] = []
    for piece in _BLANK_LINES_RE.split(text):
        lines = piece.split("\n")
        while lines and not lines[0].strip():
            del lines[0]
        while lines and not lines[-1].strip():
            lines.pop()
        if lines:
            out.append(Paragraph((Text(decode_entities("\n".join(lines))),)))
    return out


def _text_blocks(text: str, at_line_start: bool) -> list[Block]:
    """The line machine: paragraphs split on blank lines, line-level constructs typed."""
    if not _CONSTRUCT_HINT_RE.search(text):
        return _plain_paragraphs(text)
    lines = text.split("\n")
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            runs = parse_inline("\n".join(para))
            if runs:
                blocks.append(Paragraph(runs))
            para.clear()

    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        starts_line = at_line_start or i > 0
        stripped = line.strip()
        if not stripped:
            flush()
            i += 1
            continue
        if starts_line and line.startswith(CLIENT_PREFIX):
            flush()
            blocks.append(_client_line(line))
        elif starts_line and line.startswith("[  -- 来自 ") and _OFFICIAL_CLIENT_RE.match(line):
            flush()
            m = _OFFICIAL_CLIENT_RE.match(line)
            blocks.append(ClientLine(text=line, client="Stage1官方", url=m.group("url")))
        elif stripped == ATTACH_LINE:
            flush()
            name = size = None
            downloads = None
            j = i + 1
            while j < n and not lines[j].strip():
                j += 1
            uploaded = None
            if j < n:
                um = _UPLOAD_RE.match(lines[j].strip())
                if um:
                    uploaded = um.group(1)
                    i = j
            pending = _pending_attachment_name(blocks)
            if pending:
                name, size, downloads = pending
                blocks.pop()
            blocks.append(Attachment(name, size, downloads, uploaded))
        elif stripped in (RATING_RULE, RATING_END):
            flush()
            if stripped == RATING_END:
                blocks.append(Rating(0, 0, ()))
            else:
                j = i + 1
                while j < n and lines[j].strip() != RATING_END and j - i < 400:
                    if lines[j].startswith("*****"):
                        break
                    j += 1
                if j < n and lines[j].strip() == RATING_END:
                    blocks.append(_rating(lines[i + 1 : j]))
                    i = j
                else:
                    para.append(line)
        elif starts_line and line.startswith("```"):
            flush()
            j = i + 1
            while j < n and not lines[j].startswith("```"):
                j += 1
            blocks.append(Code("\n".join(lines[i + 1 : j])))  # verbatim: a fence is not HTML
            i = j
        elif starts_line and stripped.startswith(".") and _CSS_RE.match(stripped):
            flush()
            blocks.append(Notice(stripped, "css"))
        elif starts_line and stripped.startswith("此帖将于") and _AUTOCLOSE_RE.match(stripped):
            flush()
            blocks.append(Notice(stripped, "autoclose"))
        elif starts_line and stripped.startswith("<strong>") and _ATTACH_NAME_RE.match(stripped):
            flush()
            m = _ATTACH_NAME_RE.match(stripped)
            blocks.append(
                _AttachName(stripped, decode_entities(m.group("name")), m.group("size").strip(),
                            int(m.group("dl")))
            )
        else:
            para.append(line)
        i += 1
    flush()
    # a name line not followed by 下载附件 is ordinary text after all
    return [
        Paragraph(parse_inline(b.line)) if isinstance(b, _AttachName) else b for b in blocks
    ]


class _AttachName:
    """An attachment name line waiting for its ``下载附件`` line (internal to the line machine)."""

    __slots__ = ("line", "name", "size", "downloads")

    def __init__(self, line: str, name: str, size: str, downloads: int) -> None:
        self.line = line
        self.name = name
        self.size = size
        self.downloads = downloads


def _pending_attachment_name(blocks: list) -> tuple[str, str, int] | None:
    if blocks and isinstance(blocks[-1], _AttachName):
        b = blocks[-1]
        return b.name, b.size, b.downloads
    return None



"""A post body as typed blocks: quotes (nested), paragraphs, attachments, ratings, client lines, code.

Quotes are found by their tags wherever they sit on a line; unbalanced quotes are closed at the
end of the post. The text between quote tags is split into lines and read by a small line
machine that recognises the line-level constructs of the format.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from .inline import MAX_STRONG_DEPTH, decode_entities, parse_inline, repair_url
from .model import (
    ATTACH_FILE,
    ATTACH_INLINE,
    ATTACH_SPLIT,
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
# The parts of an attachment notice, each a whole line (the download count can be empty)
_ATTACH_NAME_RE = re.compile(
    r"^<strong>(?P<name>.*?)</strong> \((?P<size>[^,()]*), 下载次数: (?P<dl>\d*)\)\s*$"
)
_ATTACH_SIZE_RE = re.compile(r"^\((?P<size>[^,()]*), 下载次数: (?P<dl>\d*)\)\s*$")
_FILE_SIZE_RE = re.compile(r"^(?P<size>[^,()<]*?), (?:阅读权限: .*?, )?下载次数: (?P<dl>\d*)\s*$")
_UPLOAD_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}) 上传\s*$")
_RATING_HEAD_RE = re.compile(r"^\s*参与人数 (\d+)战斗力 ([+-]?)\s*(\d+)\s*$")
_RATING_ROW_RE = re.compile(r"^\|\s*(?P<user>.*?)\|\s*(?P<sign>[+-]?)\s*(?P<n>\d+)\s*\|(?P<reason>.*)\|\s*$")
_CSS_RE = re.compile(r"^\.[\w-]+\s*\{[^}]*\}\s*$")
_AUTOCLOSE_RE = re.compile(r"^此帖将于\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}\s*自动关闭$")
# Client signatures, the line a client app adds under a post (each at the start of a line; one
# cut by a quote's truncation ends in " ..."):
# S1Next-鹅版 (also in traditional characters, 來自):
#   —— 来自 realme RMX3370, Android 13上的 [S1Next-鹅版](url) v2.5.4
_CLIENT_RE = re.compile(
    r"^—— [来來]自 (?:(?P<device>[^\[\n]+?), Android (?P<android>[\w.]+)(?:上的|, )\s*)?"
    r"(?:\[(?P<lname>[^\]]+)\]\((?P<url>[^)\s]+)\)|(?P<pname>.+?))"
    r"(?: v(?P<ver>[\w.\-]+))?$"
)
# its English form:  — from OPPO PEGM00, Android 13 of [S1 Next Goose](url) v2.5.4
_CLIENT_EN_RE = re.compile(
    r"^— from (?:(?P<device>[^\[\n]+?), Android (?P<android>[\w.]+) of )?"
    r"(?:\[(?P<lname>[^\]]+)\]\((?P<url>[^)\s]+)\)|(?P<pname>.+?))"
    r"(?: v(?P<ver>[\w.\-]+))?$"
)
# the official app, linked or not, its leading blanks often no-break spaces:
#   [  -- 来自 能搜索的 Stage1官方 Android客户端](url)      -- 傲娇地来自 Stage1未知客户端
_OFFICIAL_CLIENT_RE = re.compile(
    r"^\s*(?:\[\s*)?-- (?P<text>\S{0,8}来自[^\]]*?)\s*(?:\]\((?P<url>[^)\s]+)\))?$"
)
_OFFICIAL_NAME_RE = re.compile(r"Stage1\S*")
# the STAGE1 app:  ----发送自 [STAGE1 App for Android.](url)   ----发送自 [Sony XQ-CT72,Android 13](url)
_STAGE1_APP_RE = re.compile(
    r"^-{4}(?:(?:发送自 )?\[(?P<lname>[^\]]+)\]\((?P<url>[^)\s]+)\)|发送自 (?P<pname>.+))$"
)
_DEVICE_ANDROID_RE = re.compile(r"^(?P<device>.+?),\s*Android (?P<android>[\w.]+)$")
# 论坛助手 (an iOS client):  [论坛助手,iPhone](url)
_HELPER_CLIENT_RE = re.compile(r"^\[?论坛助手,(?P<device>[^\]\s]+)\]?(?:\((?P<url>[^)\s]+)\))?$")
# what a signature line can start with (cheap test before the patterns above)
_SIGNATURE_START_RE = re.compile(
    r"^(?:—— [来來]自 |— from |-{4}(?:发送自 |\[)|\s*(?:\[\s*)?-- \S{0,8}来自|\[?论坛助手,)")
# Anything that could start a construct; text without any of these is plain paragraphs.
_CONSTRUCT_HINT_RE = re.compile(
    r"[<\[{﹍`]|http|下载附件|下载次数|查看全部评分|[来來]自|— from|----|论坛助手|此帖将于")
_BLANK_LINES_RE = re.compile(r"\n\s*\n")
RATING_END = "查看全部评分"
RATING_RULE = "﹍﹍﹍"
ATTACH_LINE = "下载附件"  # under a picture attachment's name and size
FILE_LINE = "点击文件名下载附件"  # in a file attachment (not a picture)
PHONE_LINE = "由手机上传"  # "uploaded from a phone", between 下载附件 and the upload time
# the forum's words around a picture's notice that are no text of the post: 由手机上传, and the
# 保存到相册 ("save to album") button of the forum's pages since 2024
NOTICE_BUTTONS = frozenset({PHONE_LINE, "保存到相册"})
CLIENT_PREFIX = "—— 来自 "
MAX_DESCRIPTION_LINES = 8  # lines of an attachment's description, at most
TRUNCATION = "..."  # what the forum appends to the text it cut from a quote


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


def _signature(line: str) -> ClientLine | None:
    """The client signature a line is (see the patterns above), or None. Its text and link
    are decoded (``&amp;`` → ``&``) as the text of a paragraph is."""
    found = _signature_parts(line)
    if found is None:
        return None
    return replace(found, text=decode_entities(found.text),
                   url=repair_url(found.url) if found.url else None)


def _signature_parts(line: str) -> ClientLine | None:
    # trailing blanks and the quote-truncation "..." are cut here, not in the patterns: a pattern
    # ending in \s*(...)?\s*$ backtracks cubically over a long run of blanks
    core = line.rstrip()
    if core.endswith(TRUNCATION):
        core = core[: -len(TRUNCATION)].rstrip()
    if core.startswith(("—— ", "— from ")):
        m = _CLIENT_RE.match(core) or _CLIENT_EN_RE.match(core)
        if not m:  # —— 来自 <anything>: a signature all the same
            return ClientLine(text=line, client=core[len(CLIENT_PREFIX):].strip())
        name = m.group("lname") or m.group("pname") or ""
        return ClientLine(text=line, client=name.strip(), device=m.group("device"),
                          android=m.group("android"), version=m.group("ver"), url=m.group("url"))
    if core.startswith("----"):
        m = _STAGE1_APP_RE.match(core)
        if not m:
            return None
        name = (m.group("lname") or m.group("pname") or "").strip()
        d = _DEVICE_ANDROID_RE.match(name)
        if d:  # the app names the phone instead of itself
            return ClientLine(text=line, client="STAGE1 App", device=d.group("device"),
                              android=d.group("android"), url=m.group("url"))
        return ClientLine(text=line, client=name, url=m.group("url"))
    m = _HELPER_CLIENT_RE.match(core)
    if m:
        return ClientLine(text=line, client="论坛助手", device=m.group("device"), url=m.group("url"))
    m = _OFFICIAL_CLIENT_RE.match(core)
    if m:
        text = m.group("text")
        official = _OFFICIAL_NAME_RE.search(text)
        client = official.group() if official else text.split("来自", 1)[1].strip()
        return ClientLine(text=line, client=client, url=m.group("url"))
    return None


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
    attachments = _attachments(lines, at_line_start) if "下载附件" in text else {}

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
        attachment = attachments.get(i)
        signature = (_signature(line) if starts_line and _SIGNATURE_START_RE.match(line)
                     else None)
        if attachment is not None:
            flush()
            end, found = attachment
            blocks.extend(found)
            i = end
            continue
        if signature is not None:
            flush()
            blocks.append(signature)
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
        else:
            para.append(line)
        i += 1
    flush()
    return blocks


def _attachments(lines: list[str], at_line_start: bool) -> dict[int, tuple[int, tuple[Block, ...]]]:
    """The attachment notices among ``lines``: first line → (line after the notice, blocks: the
    notice, and a paragraph of the uploader's description when it has one).

    A notice is built around its marker line, ``下载附件`` (a picture) or ``点击文件名下载附件``
    (a file), from the parts the forum writes next to it, each a whole line, blank lines
    between them allowed:

    * before the marker: ``<strong>name</strong> (size, 下载次数: n)``, or ``name`` directly over
      ``(size, 下载次数: n)``; for a file, ``date 上传`` under its ``name`` (or under those two);
    * after it: ``date 上传``, directly under the uploader's description of the picture (kept as
      a paragraph after the notice), the forum's buttons (``由手机上传``, ``保存到相册``) anywhere
      among them; for a file, ``size, 下载次数: n``.

    Parts a notice lacks are None; a part is never taken from another notice.
    """
    found: dict[int, tuple[int, Attachment]] = {}
    n = len(lines)
    floor = 0  # lines before this belong to an earlier notice

    def back(j: int) -> int:  # the nearest non-blank line at or above j, or -1
        while j >= floor and not lines[j].strip():
            j -= 1
        return j if j >= floor and (j > 0 or at_line_start) else -1

    def ahead(j: int) -> int:  # the nearest non-blank line at or below j, or n
        while j < n and not lines[j].strip():
            j += 1
        return j

    def skip_buttons(j: int) -> int:  # past the forum's buttons at or below j (and blanks)
        k = ahead(j)
        while k < n and lines[k].strip() in NOTICE_BUTTONS:
            j = k + 1
            k = ahead(j)
        return j

    for i in range(n):
        marker = lines[i].strip()
        if marker not in (ATTACH_LINE, FILE_LINE) or i < floor or (i == 0 and not at_line_start):
            continue
        is_file = marker == FILE_LINE
        name = size = downloads = uploaded = None
        layout = ATTACH_FILE if is_file else ATTACH_INLINE  # ATTACH_SPLIT once a size line is seen
        start = i
        j = back(i - 1)
        if is_file and j >= 0 and (um := _UPLOAD_RE.match(lines[j].strip())):
            uploaded, start = um.group(1), j
            j = back(j - 1)
            if j >= 0 and _is_name_line(lines[j]):  # the file's name over its upload time
                name, start, j = decode_entities(lines[j].strip()), j, -1
        if j >= 0 and (m := _ATTACH_NAME_RE.match(lines[j].strip())):
            name, size, downloads = decode_entities(m.group("name")), m.group("size"), m.group("dl")
            start = j
        elif j >= 0 and (m := _ATTACH_SIZE_RE.match(lines[j].strip())):
            size, downloads, start = m.group("size"), m.group("dl"), j
            layout = ATTACH_FILE if is_file else ATTACH_SPLIT
            if j - 1 >= floor and (j > 1 or at_line_start) and _is_name_line(lines[j - 1]):
                name, start = decode_entities(lines[j - 1].strip()), j - 1
        end = skip_buttons(i + 1)
        k = ahead(end)
        described: list[str] = []  # the uploader's words on the picture, over its upload time
        if uploaded is None:
            g = k
            while g < n and g - k < MAX_DESCRIPTION_LINES and lines[g].strip() and not _UPLOAD_RE.match(
                    lines[g].strip()):
                g += 1
            if g < n and (um := _UPLOAD_RE.match(lines[g].strip())):
                uploaded, end = um.group(1), g + 1
                described = [x for x in lines[k:g] if x.strip() not in NOTICE_BUTTONS]
        end = skip_buttons(end)
        k = ahead(end)
        if is_file and size is None and k < n and (fm := _FILE_SIZE_RE.match(lines[k].strip())):
            size, downloads, end = fm.group("size"), fm.group("dl"), k + 1
        notice = Attachment(name, size.strip() if size is not None else None,
                            int(downloads) if downloads else None, uploaded, layout)
        runs = parse_inline("\n".join(described)) if described else ()
        found[start] = (end, (notice, Paragraph(runs)) if runs else (notice,))
        floor = end
    return found


def _is_name_line(line: str) -> bool:
    """Whether a line can be an attachment's file name: text, not markup or another part."""
    s = line.strip()
    return bool(s) and not s.startswith("<") and not _UPLOAD_RE.match(s) and s not in (
        ATTACH_LINE, FILE_LINE, *NOTICE_BUTTONS) and not _ATTACH_SIZE_RE.match(s)



"""A post from the mobile API (Discuz HTML ``message``) as the same ``Post`` the archive parser makes.

The HTML is written out in the archive's text form and parsed by ``reader.parse``, so both
sources share one post model and every rule of the format (edit note, banned/hidden notices,
quote headers, attachments, client lines):

* ``<br>`` → newline; ``<strong>``/``<b>`` kept; other inline tags dropped, their text kept;
* quotes (``<div class="quote"><blockquote>…`` and ``<div class="reply_wrap">…``) →
  ``<blockquote><a href="…findpost…">author 发表于 date</a>\\n…</blockquote>``;
* smileys (``<img smilieid=… src="static/image/smiley/…">``) and images → ``<img src="ABSOLUTE">``
  (relative paths resolved against the forum base; lazy-load ``file``/``zoomfile`` preferred over
  a ``none.gif`` placeholder);
* attachments (``[attach]aid[/attach]``, ``<img aid=…>`` or left over in the ``attachments``
  dict) → the archive's attachment block (image line, name/size, 下载附件, upload time);
* code blocks (``div.blockcode``) → a fenced block; scripts, styles and popup tips dropped.

The post keeps its real ``pid``; its time is the minute in China time (the archive's precision,
so the same post from either source has the same identity).
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from html.parser import HTMLParser
from urllib.parse import urljoin

from ..export.archive import escape_text, post_header
from ..parse.model import Post
from ..parse.thread import BANNED_TEXT, HIDDEN_TEXT, parse_post

CHINA_TIME = timezone(timedelta(hours=8))
ANONYMOUS = "匿名"
_ATTACH_TAG_RE = re.compile(r"\[attach\](\d+)\[/attach\]")
_MD_URL_RE = re.compile(r"^(?:https?|ftp)://[^)\s]+$")
_DATE_TITLE_RE = re.compile(r'title="([^"]+)"')
_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})")
_SKIP_CONTENT = frozenset({"script", "style", "textarea", "select"})
_SKIP_DIV_CLASSES = frozenset({"tip", "aimg_tip", "tip_4", "attach_popup", "modact", "sign"})
_BLOCK_END = frozenset({"p", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "table", "ul", "ol"})
_VOID = frozenset({"br", "img", "hr", "input", "meta", "link", "wbr", "area", "col", "source"})
# control characters (a carriage return would end the author line of the archive text)
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def _classes(attrs: dict[str, str | None]) -> set[str]:
    return set((attrs.get("class") or "").split())


def _attachment_block(att: dict, base: str) -> str:
    """The archive's attachment block for one entry of the ``attachments`` dict."""
    lines: list[str] = []
    is_image = str(att.get("isimage") or "0") not in ("0", "")
    path = str(att.get("attachment") or "")
    if is_image and path:
        url = urljoin(urljoin(base, str(att.get("url") or "")), path)
        lines += [f'<img src="{html.escape(url, quote=True)}" referrerpolicy="no-referrer">', ""]
    name = escape_text(one_line(html.unescape(str(att.get("filename") or ""))))
    size = str(att.get("attachsize") or "").strip() or _size_text(att.get("filesize"))
    if name:
        lines += [f"<strong>{name}</strong> ({size}, 下载次数: {_int(att.get('downloads'))})", ""]
    lines.append("下载附件")
    uploaded = _upload_time(att)
    if uploaded:
        lines += ["", f"{uploaded} 上传"]
    return "\n".join(lines)


def one_line(text: str) -> str:
    """A name as one line of text: control characters (line breaks included) become spaces."""
    return _CONTROL_RE.sub(" ", text)


def _int(value: object) -> int:
    """A number the forum sent as text; 0 when it is missing, not a number or out of range
    (beyond what SQLite or a date can hold: a broken or hostile answer)."""
    try:
        number = int(str(value).strip()[:20])
    except (TypeError, ValueError):
        return 0
    return number if 0 <= number < 2**53 else 0


def _size_text(size: object) -> str:
    n = _int(size)
    if n >= 1024 * 1024:
        return f"{n / 1048576:.2f} MB"
    return f"{n / 1024:.2f} KB"


def _upload_time(att: dict) -> str | None:
    """The upload time as the forum shows it (``2022-11-22 02:05``: hour zero-padded)."""
    stamp = _int(att.get("dbdateline"))
    when = (datetime.fromtimestamp(stamp, CHINA_TIME).replace(tzinfo=None) if stamp
            else _date_from_text(str(att.get("dateline") or "")))
    return f"{when.year}-{when.month}-{when.day} {when.hour:02d}:{when.minute:02d}" if when else None


def _date_from_text(text: str) -> datetime | None:
    """``2026-2-15 07:11``, also inside ``<span title="…">3 小时前</span>``; None if there is none."""
    m = _DATE_TITLE_RE.search(text)
    source = html.unescape(m.group(1) if m else text)
    d = _DATE_RE.search(source)
    if not d:
        return None
    try:
        return datetime(*(int(x) for x in d.groups()))
    except ValueError:
        return None


class _ArchiveTextWriter(HTMLParser):
    """Walks the message HTML and writes the archive's text form."""

    def __init__(self, base: str, attachments: dict[str, dict]) -> None:
        super().__init__(convert_charrefs=True)
        self.base = base
        self.attachments = attachments
        self.used: set[str] = set()
        self.out: list[str] = []
        self.stack: list[tuple[str, str]] = []  # (tag, role) of open elements
        self.skip = 0  # depth inside content that is dropped
        self.after_br = False
        self.link_start: list[tuple[int, str]] = []  # (index in out, href) of open <a>

    # -- helpers

    def _ends_line(self) -> bool:
        text = "".join(self.out[-3:])
        return not text or text.endswith("\n")

    def _newline(self) -> None:
        if not self._ends_line():
            self.out.append("\n")

    def _blank_line(self) -> str:
        """What to write so that the next text starts after a blank line (as attachments do)."""
        text = "".join(self.out[-3:])
        if not text or text.endswith("\n\n") or text.endswith("<blockquote>"):
            return ""
        return "\n" if text.endswith("\n") else "\n\n"

    def _url(self, url: str) -> str:
        return urljoin(self.base, html.unescape(url.strip()))

    def _just_opened_quote(self) -> bool:
        """True right after a ``reply_wrap`` opened its quote (nothing written since)."""
        return bool(self.stack) and self.stack[-1][1] == "quote" and self.out[-1:] == ["<blockquote>"]

    def _img(self, attrs: dict[str, str | None]) -> None:
        aid = attrs.get("aid") or ""
        if aid and aid in self.attachments and aid not in self.used:
            self.used.add(aid)
            self.out.append(self._blank_line() + _attachment_block(self.attachments[aid], self.base) + "\n\n")
            return
        src = attrs.get("src") or ""
        for lazy in ("zoomfile", "file"):
            if (not src or src.endswith("none.gif")) and attrs.get(lazy):
                src = attrs[lazy] or ""
        if not src or src.endswith("/none.gif"):
            return
        url = self._url(src)
        self.out.append(f'<img src="{html.escape(url, quote=True)}" referrerpolicy="no-referrer">')

    # -- HTMLParser

    def handle_starttag(self, tag: str, attr_list: list[tuple[str, str | None]]) -> None:
        attrs = dict(attr_list)
        if self.skip:
            if tag not in _VOID:
                self.stack.append((tag, "skip"))
                self.skip += 1
            return
        role = ""
        classes = _classes(attrs) if tag == "div" else set()
        if (tag in _SKIP_CONTENT or classes & _SKIP_DIV_CLASSES
                or (tag == "em" and "copycode" in (attrs.get("onclick") or ""))):
            role = "skip"
            self.skip += 1
        elif tag == "br":
            self.out.append("\n")
            self.after_br = True
            return
        elif tag == "img":
            self._img(attrs)
            return
        elif tag == "hr":
            self._newline()
            return
        elif tag in _VOID:
            return
        elif tag == "blockquote" and self._just_opened_quote():
            role = ""  # the <blockquote> of a reply_wrap: already open
        elif tag == "blockquote" or "reply_wrap" in classes:
            self.out.append("<blockquote>")
            role = "quote"
        elif "blockcode" in classes:
            self._newline()
            self.out.append("```\n")
            role = "code"
        elif tag in ("strong", "b"):
            self.out.append("<strong>")
            role = "strong"
        elif tag == "a":
            self.link_start.append((len(self.out), attrs.get("href") or ""))
            role = "a"
        elif tag == "i" and "pstatus" in _classes(attrs):
            role = "line"
        elif tag == "div":
            role = "block"
        self.after_br = False
        self.stack.append((tag, role))

    def handle_endtag(self, tag: str) -> None:
        if not any(t == tag for t, _ in self.stack):
            return  # a stray end tag
        while self.stack:
            open_tag, role = self.stack.pop()
            self._close(open_tag, role)
            if open_tag == tag:
                break

    def _close(self, tag: str, role: str) -> None:
        if role == "skip":
            self.skip -= 1
            return
        if self.skip:
            return
        if role == "quote":
            self.out.append("</blockquote>")
        elif role == "code":
            self._newline()
            self.out.append("```\n")
        elif role == "strong":
            self.out.append("</strong>")
        elif role == "a":
            self._close_link()
        elif role in ("line", "block") or tag in _BLOCK_END:
            self._newline()
        elif tag == "td":
            self.out.append(" ")

    def _close_link(self) -> None:
        start, href = self.link_start.pop()
        inner = "".join(self.out[start:])
        if "<img" in inner or "<blockquote>" in inner or not href or href.startswith(("javascript:", "#")):
            return  # an image link keeps the image; an empty href is just its text
        url = self._url(href)
        del self.out[start:]
        text = inner.replace("\n", " ")  # archive text: already escaped (handle_data)
        if "findpost" in url or "goto=" in url:
            # a quote header: its "author 发表于 date" is read as it stands, not decoded
            self.out.append(f'<a href="{html.escape(url, quote=True)}" target="_blank">'
                            f"{html.unescape(text)}</a>")
        elif "]" not in text and "[" not in text and _MD_URL_RE.match(url) and "&" not in url:
            self.out.append(f"[{text}]({url})" if text else url)
        else:
            self.out.append(f'<a href="{html.escape(url, quote=True)}">{text}</a>')

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        data = data.replace("\r", "")
        if self.after_br and data.startswith("\n"):
            data = data[1:]
        if not data:
            return
        self.after_br = False
        if any(role == "code" for _, role in self.stack):
            self.out.append(data)  # a code block is read verbatim
            return
        # the HTML parser decoded the text once (``&amp;#13;`` is the five characters ``&#13;``,
        # ``&lt;b&gt;`` is text, not a tag); archive text is decoded again when it is parsed, so
        # it is written escaped: decoded once in all
        if "[attach]" not in data:
            self.out.append(escape_text(data))
            return
        pos = 0
        for m in _ATTACH_TAG_RE.finditer(data):
            self.out.append(escape_text(data[pos : m.start()]))
            pos = m.end()
            att = self.attachments.get(m.group(1))
            if att is not None:
                self.used.add(m.group(1))
                self.out.append(f"{self._blank_line()}{_attachment_block(att, self.base)}\n\n")
        self.out.append(escape_text(data[pos:]))

    def text(self) -> str:
        self.close()
        while self.stack:
            self._close(*self.stack.pop())
        for aid, att in self.attachments.items():  # attachments the message did not place
            if aid not in self.used and isinstance(att, dict):
                self.out.append("\n\n" + _attachment_block(att, self.base) + "\n")
        return "".join(self.out)


def message_text(message: str, base: str, attachments: dict | None = None) -> str:
    """The archive text of a Discuz HTML message (what goes after the floor line)."""
    atts = {str(k): v for k, v in (attachments or {}).items() if isinstance(v, dict)}
    writer = _ArchiveTextWriter(base, atts)
    writer.feed(message or "")
    return writer.text()


def posted_time(raw: dict) -> datetime:
    """When a post was made, to the minute, China time (``dbdateline``, else ``dateline``)."""
    stamp = _int(raw.get("dbdateline"))
    if stamp:
        return datetime.fromtimestamp(stamp, UTC).astimezone(CHINA_TIME).replace(tzinfo=None, second=0)
    when = _date_from_text(str(raw.get("dateline") or ""))
    if when is None:
        raise ValueError(f"post {raw.get('pid')} has no readable time")
    return when


def forum_post(raw: dict, thread_author_id: str, base: str, source: str = "<forum>") -> Post:
    """One ``postlist`` entry as a Post (with its pid), parsed exactly like an archive post."""
    anonymous = str(raw.get("anonymous") or "0") == "1"
    author = one_line(html.unescape(str(raw.get("author") or ""))).strip()
    if anonymous or not author:
        author = ANONYMOUS
    floor = _int(raw.get("position")) or _int(raw.get("number"))
    author_id = str(raw.get("authorid") or "")
    is_op = str(raw.get("first") or "0") == "1" or (
        bool(author_id) and author_id != "0" and author_id == thread_author_id
    )
    body = message_text(str(raw.get("message") or ""), base, raw.get("attachments") or {})
    if not body.strip():
        # a guest sees no text for a banned author or a post hidden by a moderator
        status = _int(raw.get("status"))
        if _int(raw.get("groupid")) in (4, 5) or str(raw.get("memberstatus") or "") == "-1":
            body = BANNED_TEXT
        elif status & 1:
            body = HIDDEN_TEXT
    chunk = "\n" + post_header(floor, author, posted_time(raw), is_op, anonymous) + "\n" + body.strip("\n")
    post = parse_post(chunk, floor, source)
    return replace(post, pid=_int(raw.get("pid")) or None)

"""A thread as one standalone HTML page: every text escaped, no scripts, images by URL.

Images and smileys link their original URL unless an ``image_source`` hook returns something
else for a URL: that is where the media cache (``reader.media``) plugs in to embed cached images
as ``data:`` URIs or point at local files. A URL from a post is written into ``src``/``href``
only when it is http(s) or ftp (never ``file:``, ``javascript:`` or ``data:``: a page opened from
disk must not read local files); ``data:image/`` and ``file:`` come only from the hook, or, for a
picture pasted into the post, as its bytes once Pillow has checked them (``media/inline.py``),
encoded again (a broken one is named, not embedded). Control characters (a NUL byte) are dropped
from the text.
"""

from __future__ import annotations

import base64
import html
import re
from collections.abc import Callable
from datetime import datetime

from ..media.inline import decode_inline, inline_label, is_inline
from ..media.validate import InvalidImage
from ..parse.model import (
    Attachment,
    Block,
    ClientLine,
    Code,
    Image,
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
from ..store.queries import StoredPost, ThreadInfo

ImageSource = Callable[[str], str | None]
"""URL of an image → the ``src`` to write instead (data: URI, file: URL), or None to keep the URL."""

_WEB_SCHEMES = ("http://", "https://", "ftp://")  # what a post's own URLs may be
_LOCAL_SCHEMES = ("data:image/", "file:")  # what the image_source hook may add
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_STYLE = """
body{font-family:sans-serif;max-width:52em;margin:1em auto;padding:0 1em;line-height:1.6;color:#222;
overflow-wrap:anywhere;word-break:break-word}
h1{font-size:1.3em}.meta{color:#777;font-size:.9em}
article{border-top:1px solid #ddd;padding:.6em 0}
header{color:#555;font-size:.9em;margin-bottom:.4em}.floor{float:right;color:#999}
.op{color:#b33;margin-left:.5em}.edit,.status{color:#999;font-size:.85em}
blockquote{margin:.4em 0;padding:.2em .8em;border-left:3px solid #ccc;background:#f7f7f7;color:#555}
.qhead{font-size:.85em;color:#888}img{max-width:100%}img.smiley{height:1.6em;vertical-align:middle}
.attachment,.client{color:#888;font-size:.85em}table.rating{font-size:.85em;border-collapse:collapse}
table.rating td,table.rating th{border:1px solid #ddd;padding:0 .4em}p{margin:.3em 0;white-space:pre-wrap}
pre{background:#f3f3f3;padding:.5em;overflow:auto;white-space:pre-wrap}
table.rating{display:block;max-width:100%;overflow-x:auto}a{overflow-wrap:anywhere}
"""


def data_uri_source(lookup: Callable[[str], tuple[bytes | None, str | None]]) -> ImageSource:
    """An ImageSource that embeds what ``lookup(url)`` → (bytes, format such as "PNG") finds, as
    ``data:`` URIs; URLs it has no bytes for stay links. ``reader.commands.export`` builds one
    over ``reader.media.MediaCache.lookup`` (offline: never a request)."""
    import base64

    def source(url: str) -> str | None:
        data, fmt = lookup(url)
        if not data or not fmt:
            return None
        return f"data:image/{fmt.lower()};base64,{base64.b64encode(data).decode('ascii')}"

    return source


def _e(text: str) -> str:
    return html.escape(_CONTROL.sub("", text), quote=True)


def _url(url: str, schemes: tuple[str, ...] = _WEB_SCHEMES) -> str | None:
    return url if url.lower().startswith(schemes) else None


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at else ""


class _PageWriter(BodyVisitor[str]):
    """The HTML of posts: one method per node of the body tree (``reader.parse.walk``)."""

    def __init__(self, image_source: ImageSource | None) -> None:
        super().__init__()
        self.image_source = image_source or (lambda url: None)

    def picture(self, url: str, css: str) -> str:
        local = self.image_source(url)
        src = _url(local, _WEB_SCHEMES + _LOCAL_SCHEMES) if local else _url(url)
        if src is None:
            return f"[{_e(url)}]"
        img = f'<img class="{css}" src="{_e(src)}" alt="" loading="lazy" referrerpolicy="no-referrer">'
        return img if css == "smiley" else f'<a href="{_e(_url(url) or "#")}">{img}</a>'

    # -- inline runs

    def text(self, r: Text) -> str:
        return _e(r.text)

    def strong(self, r: Strong) -> str:
        return f"<strong>{''.join(self.runs(r.runs))}</strong>"

    def smiley(self, r: Smiley) -> str:
        return self.picture(r.url, "smiley")

    def image(self, r: Image) -> str:
        if is_inline(r.url):  # pasted into the post: the page carries it, checked like a download
            try:
                data, info = decode_inline(r.url)
            except InvalidImage:
                return f"<span class=\"notice\">{_e(inline_label(r.url))}</span>"
            b64 = base64.b64encode(data).decode("ascii")
            return (f'<img class="image" src="data:image/{info.format.lower()};base64,{b64}" '
                    'alt="" loading="lazy">')
        return self.picture(r.url, "image")

    def link(self, r: Link) -> str:
        href = _url(r.url)
        return f'<a href="{_e(href)}">{_e(r.text)}</a>' if href else _e(r.text)

    def unknown(self, r: Unknown) -> str:
        return "" if r.html.startswith("</") else f"<code>{_e(r.html)}</code>"  # stray closing tags

    # -- blocks

    def paragraph(self, b: Paragraph) -> str:
        return f"<p>{''.join(self.runs(b.runs))}</p>"

    def quote(self, b: Quote) -> str:
        head = _e(f"{b.author or ''} 发表于 {_when(b.posted_at)}") if b.author else ""
        href = _url(b.url or "")
        if head and href:
            head = f'<a href="{_e(href)}">{head}</a>'
        inner = "".join(self.blocks(b.blocks))
        return f'<blockquote><div class="qhead">{head}</div>{inner}</blockquote>'

    def attachment(self, b: Attachment) -> str:
        bits = [b.name or "附件"]
        counts = [b.size] if b.size else []
        if b.downloads is not None:  # a notice with an empty count (下载次数: ) says none
            counts.append(f"下载次数: {b.downloads}")
        if counts:
            bits.append(f"({', '.join(counts)})")
        if b.uploaded_at:
            bits.append(f"{b.uploaded_at} 上传")
        return f'<div class="attachment">📎 {_e(" ".join(bits))}</div>'

    def rating(self, b: Rating) -> str:
        rows = "".join(
            f"<tr><td>{_e(r.user)}</td><td>{r.score:+d}</td><td>{_e(r.reason)}</td></tr>" for r in b.rows
        )
        return (f'<table class="rating"><caption>评分 参与人数 {b.participants} 战斗力 {b.total:+d}'
                f"</caption><tr><th>昵称</th><th>战斗力</th><th>理由</th></tr>{rows}</table>")

    def client_line(self, b: ClientLine) -> str:
        """The client's signature with its markdown link (``[S1Next-鹅版](https://…)``) as a link."""
        out, last = [], 0
        for m in _MD_LINK.finditer(b.text):
            out.append(_e(b.text[last:m.start()]))
            href = _url(m.group(2))
            label = _e(m.group(1))
            out.append(f'<a href="{_e(href)}">{label}</a>' if href else label)
            last = m.end()
        out.append(_e(b.text[last:]))
        return f'<div class="client">{"".join(out)}</div>'

    def code(self, b: Code) -> str:
        return f"<pre><code>{_e(b.text)}</code></pre>"

    def notice(self, b: Notice) -> str:
        return "" if b.kind == "css" else f'<div class="status">{_e(b.text)}</div>'

    def other(self, node: Block) -> str:
        return ""

    def post(self, p: StoredPost) -> str:
        op = '<span class="op">楼主</span>' if p.is_op else ""
        anon = " (匿名)" if p.anonymous and p.author != "匿名" else ""
        parts = [
            f'<article id="floor-{p.floor}"><header><span class="floor">{p.floor}#</span>'
            f"<strong>{_e(p.author)}</strong>{anon}{op} · 发表于 {_when(p.posted_at)}</header>"
        ]
        if p.editor is not None and p.edited_at:
            parts.append(f'<div class="edit">本帖最后由 {_e(p.editor)} 于 {_when(p.edited_at)} 编辑</div>')
        if p.banned:
            parts.append('<div class="status">提示: 作者被禁止或删除 内容自动屏蔽</div>')
        elif p.hidden:
            parts.append('<div class="status">提示: 该帖被管理员或版主屏蔽</div>')
        parts.extend(self.blocks(p.blocks))
        parts.append("</article>")
        return "".join(parts)


def thread_page(thread: ThreadInfo, posts: list[StoredPost], image_source: ImageSource | None = None) -> str:
    """The whole page as a string."""
    writer = _PageWriter(image_source)
    title = _e(thread.title)
    meta = _e(f"{thread.board} · tid {thread.tid} · {len(posts)} 帖")
    body = "\n".join(writer.post(p) for p in posts)
    return (
        '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_STYLE}</style></head>\n"
        f'<body><h1>{title}</h1><div class="meta">{meta}</div>\n{body}\n</body></html>\n'
    )

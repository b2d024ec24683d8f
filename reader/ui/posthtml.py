"""A post body as Qt rich text (the HTML subset QTextDocument understands), and as plain text.

Images are referenced by resource names (``smiley:<pack/name>``, ``image:<url>``) that the
delegate fills in from an :class:`~reader.ui.imagesource.ImageSource`, so a later image cache
only has to supply QImages. Links keep their URL as the anchor; a quote header whose quoted post
is in this thread links to ``floor:<n>`` so the view can jump there.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from ..parse.model import (
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
    Smiley,
    Strong,
    Text,
    Unknown,
)
from ..store.queries import StoredPost
from .palette import CardColors

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def clean(text: str) -> str:
    """Text safe for Qt display: C0 control characters dropped, HTML escaped."""
    return html.escape(_CONTROL.sub("", text), quote=True)


@dataclass
class RenderedPost:
    """The HTML of a post body and the image resources it names."""

    html: str
    smileys: list[str] = field(default_factory=list)  # pack/name keys
    images: list[str] = field(default_factory=list)  # urls


class PostHtml:
    """Builds the body HTML of posts for one set of colours and one base font size (pt)."""

    def __init__(self, colors: CardColors, base_pt: float) -> None:
        self.c = colors
        self.pt = base_pt

    def small(self) -> str:
        return f"font-size:{self.pt * 0.86:.1f}pt"

    # -- entry point

    def render(
        self, post: StoredPost, quote_floors: list[int | None] | None = None
    ) -> RenderedPost:
        out = RenderedPost("")
        targets = list(quote_floors or [])
        parts: list[str] = []
        if post.banned or post.hidden:
            note = (
                QCoreApplication.translate(
                    "PostHtml",
                    "The author is banned or deleted; the content is hidden automatically.",
                )
                if post.banned
                else QCoreApplication.translate("PostHtml", "This post was hidden by a moderator.")
            )
            parts.append(
                f'<table width="100%" cellpadding="8" cellspacing="0" style="margin:2px 0">'
                f'<tr><td bgcolor="{self.c.notice_bg}" style="color:{self.c.muted}">'
                f"{clean(note)}</td></tr></table>"
            )
        elif post.empty or not post.blocks:
            empty = clean(QCoreApplication.translate("PostHtml", "(empty post)"))
            parts.append(f'<p style="color:{self.c.muted}"><i>{empty}</i></p>')
        for block in post.blocks:
            parts.append(self._block(block, out, targets, depth=0))
        out.html = "".join(parts)
        return out

    # -- blocks

    def _block(self, b: Block, out: RenderedPost, targets: list, depth: int) -> str:
        if isinstance(b, Paragraph):
            return (
                f'<p style="white-space:pre-wrap; margin:0 0 8px 0">{self._runs(b.runs, out)}</p>'
            )
        if isinstance(b, Quote):
            return self._quote(b, out, targets, depth)
        if isinstance(b, Attachment):
            bits = [clean(b.name or QCoreApplication.translate("PostHtml", "attachment"))]
            if b.size:
                bits.append(clean(b.size))
            if b.downloads is not None:
                bits.append(
                    clean(
                        QCoreApplication.translate("PostHtml", "downloads: %1").replace(
                            "%1", str(b.downloads)
                        )
                    )
                )
            if b.uploaded_at:
                bits.append(
                    clean(
                        QCoreApplication.translate("PostHtml", "uploaded %1").replace(
                            "%1", b.uploaded_at
                        )
                    )
                )
            label = clean(QCoreApplication.translate("PostHtml", "Attachment"))
            return (
                f'<p style="margin:0 0 8px 0; color:{self.c.muted}; {self.small()}">'
                f"<b>{label}</b>&nbsp; {' · '.join(bits)}</p>"
            )
        if isinstance(b, Rating):
            return self._rating(b)
        if isinstance(b, ClientLine):
            text = _MD_LINK.sub(
                lambda m: f'<a href="{m.group(2)}" style="color:{self.c.muted}">{m.group(1)}</a>',
                clean(b.text),
            )
            return f'<p style="margin:2px 0 0 0; color:{self.c.muted}; {self.small()}">{text}</p>'
        if isinstance(b, Code):
            return (
                f'<table width="100%" cellpadding="8" cellspacing="0" style="margin:2px 0 8px 0">'
                f'<tr><td bgcolor="{self.c.code_bg}"><pre style="font-family:monospace; '
                f'margin:0">{clean(b.text)}</pre></td></tr></table>'
            )
        if isinstance(b, Notice):
            if b.kind == "css":
                return ""
            return (
                f'<p style="margin:0 0 8px 0; color:{self.c.muted}; {self.small()}">'
                f"<i>{clean(b.text)}</i></p>"
            )
        return ""

    def _quote(self, q: Quote, out: RenderedPost, targets: list, depth: int) -> str:
        floor = targets.pop(0) if targets else None
        who = clean(q.author or QCoreApplication.translate("PostHtml", "someone"))
        when = q.posted_at.strftime("%Y-%m-%d %H:%M") if q.posted_at else ""
        posted = clean(QCoreApplication.translate("PostHtml", "posted at"))
        head = f"{who} {posted} {when}".strip()
        if floor is not None:
            head = (
                f'<a href="floor:{floor}" style="color:{self.c.link}; text-decoration:none">'
                f"↪ {head} · #{floor}</a>"
            )
        elif q.url:
            head = f'<a href="{clean(q.url)}" style="color:{self.c.muted}">{head}</a>'
        inner = "".join(self._block(b, out, targets, depth + 1) for b in q.blocks)
        bg = self.c.quote_bg if depth % 2 == 0 else self.c.card
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" style="margin:0 0 8px 0">'
            f'<tr><td width="3" bgcolor="{self.c.quote_bar}"></td>'
            f'<td bgcolor="{bg}" style="padding:6px 10px 2px 10px">'
            f'<p style="margin:0 0 4px 0; color:{self.c.muted}; {self.small()}">{head}</p>'
            f"{inner}</td></tr></table>"
        )

    def _rating(self, r: Rating) -> str:
        sign = f"+{r.total}" if r.total > 0 else str(r.total)
        head = (
            QCoreApplication.translate("PostHtml", "Rated by %1 · %2")
            .replace("%1", str(r.participants))
            .replace("%2", sign)
        )
        rows = "".join(
            f'<tr><td style="padding:1px 12px 1px 0">{clean(x.user)}</td>'
            f'<td style="padding:1px 12px 1px 0; color:{self.c.op_badge if x.score > 0 else self.c.muted}">'
            f"{'+' if x.score > 0 else ''}{x.score}</td>"
            f'<td style="color:{self.c.muted}">{clean(x.reason)}</td></tr>'
            for x in r.rows
        )
        return (
            f'<table cellspacing="0" cellpadding="0" style="margin:4px 0 6px 0; {self.small()}">'
            f'<tr><td colspan="3" style="padding:0 0 2px 0; color:{self.c.muted}">'
            f"<b>{clean(head)}</b></td></tr>{rows}</table>"
        )

    # -- inline runs

    def _runs(self, runs: tuple[Inline, ...], out: RenderedPost) -> str:
        parts: list[str] = []
        for r in runs:
            if isinstance(r, Text):
                parts.append(clean(r.text))
            elif isinstance(r, Strong):
                parts.append(f"<b>{self._runs(r.runs, out)}</b>")
            elif isinstance(r, Smiley):
                out.smileys.append(r.key)
                parts.append(f'<img src="smiley:{clean(r.key)}" style="vertical-align:middle">')
            elif isinstance(r, Image):
                out.images.append(r.url)
                src = clean(r.url)
                parts.append(f'<a href="image:{src}"><img src="image:{src}"></a>')
            elif isinstance(r, Link):
                parts.append(
                    f'<a href="{clean(r.url)}" style="color:{self.c.link}">{clean(r.text)}</a>'
                )
            elif isinstance(r, Unknown):
                parts.append(f'<span style="color:{self.c.muted}">{clean(r.html)}</span>')
        return "".join(parts)


def post_plain_text(post: StoredPost) -> str:
    """The post as text for the clipboard: header line, then the body with quotes marked."""
    lines: list[str] = []

    def runs(rs: tuple[Inline, ...]) -> str:
        buf: list[str] = []
        for r in rs:
            if isinstance(r, Text):
                buf.append(r.text)
            elif isinstance(r, Strong):
                buf.append(runs(r.runs))
            elif isinstance(r, Smiley):
                buf.append(f"[{r.key.rsplit('.', 1)[0]}]")
            elif isinstance(r, Image):
                buf.append(f"[{r.url}]")
            elif isinstance(r, Link):
                buf.append(r.text if r.text == r.url else f"{r.text} ({r.url})")
        return _CONTROL.sub("", "".join(buf))

    def blocks(bs: tuple[Block, ...], prefix: str) -> None:
        for b in bs:
            if isinstance(b, Paragraph):
                for line in runs(b.runs).split("\n"):
                    lines.append(prefix + line)
                lines.append(prefix.rstrip())
            elif isinstance(b, Quote):
                when = b.posted_at.strftime("%Y-%m-%d %H:%M") if b.posted_at else ""
                lines.append(f"{prefix}> {b.author or ''} 发表于 {when}".rstrip())
                blocks(b.blocks, prefix + "> ")
            elif isinstance(b, Code):
                lines.extend(prefix + x for x in b.text.split("\n"))
            elif isinstance(b, Attachment) and b.name:
                lines.append(f"{prefix}[{b.name}]")
            elif isinstance(b, ClientLine):
                lines.append(prefix + b.text)

    op = " 楼主" if post.is_op else ""
    lines.append(f"{post.author}{op} · {post.floor}# · {post.posted_at:%Y-%m-%d %H:%M}")
    lines.append("")
    blocks(post.blocks, "")
    return "\n".join(lines).strip() + "\n"

"""A post body as Qt rich text (the HTML subset QTextDocument understands), and as plain text.

Images are referenced by resource names (``smiley:<pack/name>``, ``image:<url>``) that the
delegate fills in from an :class:`~reader.ui.imagesource.ImageSource`, so a later image cache
only has to supply QImages. Links keep their URL as the anchor. A quote header whose quoted post
is in the library links to ``quote:<post id>``; a folded quote shows its first line and a
``fold:<ordinal>`` toggle (quotes are numbered in pre-order, as the importer stores them in the
quote_link table). Text matching ``QuoteOptions.mark`` is highlighted.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication

from ...parse.folding import first_line, innermost_author, nested_quotes, quote_is_long, quote_lines
from ...parse.model import (
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
from ...parse.walk import BodyVisitor
from ...store.queries import StoredPost
from ..palette import CardColors
from ..plain import shown
from .links import FloorLink, FoldLink, ImageLink, QuoteLink, build
from .state import QuoteOptions, folded_by_default

__all__ = ["PostHtml", "QuoteOptions", "RenderedPost", "clean", "post_plain_text"]

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def clean(text: str) -> str:
    """Text safe for Qt display: C0 control characters dropped, HTML escaped."""
    return html.escape(shown(_CONTROL.sub("", text)), quote=True)


@dataclass
class RenderedPost:
    """The HTML of a post body and the image resources it names."""

    html: str
    smileys: list[str] = field(default_factory=list)  # pack/name keys
    images: list[str] = field(default_factory=list)  # urls


class PostHtml(BodyVisitor[str]):
    """Builds the body HTML of posts for one set of colours and one base font size (pt): one
    method per node of the body tree (``reader.parse.walk``)."""

    def __init__(self, colors: CardColors, base_pt: float,
                 options: QuoteOptions | None = None) -> None:
        super().__init__()
        self.c = colors
        self.pt = base_pt
        self.opts = options or QuoteOptions(fold_lines=0)
        self._ordinal = 0
        self._mark = (re.compile(re.escape(self.opts.mark), re.I)
                      if self.opts.mark else None)

    def small(self) -> str:
        return f"font-size:{self.pt * 0.86:.1f}pt"

    # -- entry point

    def render(
        self, post: StoredPost, quote_targets: list[dict | int | None] | None = None,
        tid: int | None = None,
    ) -> RenderedPost:
        """``quote_targets``: per quote in pre-order, the resolved target ({post_id, tid, floor})
        or a floor of this thread (older callers), or None when the quoted post is not stored."""
        out = self._out = RenderedPost("")
        self._ordinal = 0
        self._depth = 0
        self._tid = post.tid if tid is None else tid
        self._targets = list(quote_targets or [])
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
        parts.extend(self.blocks(post.blocks))
        out.html = "".join(parts)
        return out

    # -- blocks

    def paragraph(self, b: Paragraph) -> str:
        return f'<p style="white-space:pre-wrap; margin:0 0 8px 0">{"".join(self.runs(b.runs))}</p>'

    def attachment(self, b: Attachment) -> str:
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

    def client_line(self, b: ClientLine) -> str:
        text = _MD_LINK.sub(
            lambda m: f'<a href="{m.group(2)}" style="color:{self.c.muted}">{m.group(1)}</a>',
            clean(b.text),
        )
        return f'<p style="margin:2px 0 0 0; color:{self.c.muted}; {self.small()}">{text}</p>'

    def code(self, b: Code) -> str:
        return (
            f'<table width="100%" cellpadding="8" cellspacing="0" style="margin:2px 0 8px 0">'
            f'<tr><td bgcolor="{self.c.code_bg}"><pre style="font-family:monospace; '
            f'margin:0">{clean(b.text)}</pre></td></tr></table>'
        )

    def notice(self, b: Notice) -> str:
        if b.kind == "css":
            return ""
        return (
            f'<p style="margin:0 0 8px 0; color:{self.c.muted}; {self.small()}">'
            f"<i>{clean(b.text)}</i></p>"
        )

    def other(self, node: Block) -> str:
        return ""

    def quote(self, q: Quote) -> str:
        ordinal = self._ordinal
        self._ordinal += 1
        targets, depth = self._targets, self._depth
        target = targets.pop(0) if targets else None
        if isinstance(target, int):  # a floor of this thread
            target = {"post_id": None, "tid": self._tid, "floor": target}
        tr = QCoreApplication.translate
        who = clean(q.author or tr("PostHtml", "someone"))
        when = q.posted_at.strftime("%Y-%m-%d %H:%M") if q.posted_at else ""
        posted = clean(tr("PostHtml", "posted at"))
        head = f"{who} {posted} {when}".strip()
        small = self.small()
        if target is None and not q.author and not q.posted_at and not q.url:
            head = clean(tr("PostHtml", "Quote"))  # nothing to resolve: no header link
        elif target is not None:
            where = f"#{target['floor']}"
            if target["tid"] != self._tid:
                where = clean(tr("PostHtml", "other thread")) + " " + where
            href = build(QuoteLink(target["post_id"]) if target.get("post_id")
                         else FloorLink(target["floor"]))
            head = (f'<a href="{href}" style="color:{self.c.link}; text-decoration:none">'
                    f"↪ {head} · {where}</a>")
        else:
            missing = clean(tr("PostHtml", "not in the local archive"))
            head = f'{head} <span style="color:{self.c.muted}">· {missing}</span>'
        opts = self.opts
        blocked = q.author is not None and q.author in opts.blocked
        folded = opts.overrides.get(ordinal)
        if folded is None:
            folded = folded_by_default(q, opts)
        toggle = ""
        if folded:
            # the nested quotes are not rendered: skip their targets and ordinals
            for _ in range(nested_quotes(q)):
                if targets:
                    targets.pop(0)
                self._ordinal += 1
            if blocked:
                label = clean(tr("PostHtml", "Blocked: %1").replace("%1", q.author or ""))
                head = f'<span style="color:{self.c.muted}">{label}</span>'
                line = ""
            else:
                line = clean(first_line(q))
                deepest = innermost_author(q)
                if deepest is not None:  # a quote of a quote: only the innermost author's line
                    quoted = clean(tr("PostHtml", "quoting %1").replace("%1", deepest or "?"))
                    line = f'<span style="color:{self.c.muted}">↳ {quoted}</span> {line}'.rstrip()
            n = quote_lines(q, opts.chars_per_line)
            expand = clean(tr("PostHtml", "Expand · %n lines", "", n).replace("%n", str(n)))
            toggle = (f' <a href="{build(FoldLink(ordinal, folded=False))}" style="color:{self.c.link}; '
                      f'text-decoration:none; {small}">{expand}</a>')
            inner = (f'<p style="margin:0 0 4px 0; color:{self.c.text}">{line}{toggle}</p>'
                     if line else f'<p style="margin:0 0 4px 0">{toggle}</p>')
        else:
            self._depth = depth + 1
            inner = "".join(self.blocks(q.blocks))
            self._depth = depth
            if blocked or quote_is_long(q, opts.fold_lines, opts.chars_per_line):
                fold = clean(tr("PostHtml", "Fold"))
                href = build(FoldLink(ordinal, folded=True))
                inner += (f'<p style="margin:0 0 4px 0; {small}"><a href="{href}" '
                          f'style="color:{self.c.link}; text-decoration:none">{fold}</a></p>')
        bg = self.c.quote_bg if depth % 2 == 0 else self.c.card
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" style="margin:0 0 8px 0">'
            f'<tr><td width="3" bgcolor="{self.c.quote_bar}"></td>'
            f'<td bgcolor="{bg}" style="padding:6px 10px 2px 10px">'
            f'<p style="margin:0 0 4px 0; color:{self.c.muted}; {small}">{head}</p>'
            f"{inner}</td></tr></table>"
        )

    def rating(self, r: Rating) -> str:
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

    def _text(self, text: str) -> str:
        if self._mark is None:
            return clean(text)
        parts, last = [], 0
        for m in self._mark.finditer(text):
            parts.append(clean(text[last:m.start()]))
            parts.append(f'<span style="background-color:{self.opts.mark_color}; color:#000">'
                         f"{clean(m.group())}</span>")
            last = m.end()
        parts.append(clean(text[last:]))
        return "".join(parts)

    def text(self, r: Text) -> str:
        return self._text(r.text)

    def strong(self, r: Strong) -> str:
        return f"<b>{''.join(self.runs(r.runs))}</b>"

    def smiley(self, r: Smiley) -> str:
        self._out.smileys.append(r.key)
        return f'<img src="smiley:{clean(r.key)}" style="vertical-align:middle">'

    def image(self, r: Image) -> str:
        self._out.images.append(r.url)
        src = clean(build(ImageLink(r.url)))
        return f'<a href="{src}"><img src="{src}"></a>'

    def link(self, r: Link) -> str:
        return f'<a href="{clean(r.url)}" style="color:{self.c.link}">{clean(r.text)}</a>'

    def unknown(self, r: Unknown) -> str:
        if r.html.startswith("</"):
            # a stray closing tag (a <strong> closed after a blank line) is markup, not text:
            # the archive escapes what authors type, so it was never in their words
            return ""
        return f'<span style="color:{self.c.muted}">{clean(r.html)}</span>'


class _PlainText(BodyVisitor[str]):
    """A body as clipboard text: each block adds its lines (quotes marked with ``> ``), each run
    gives its text (see post_plain_text)."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.prefix = ""

    def paragraph(self, b: Paragraph) -> str:
        for line in _CONTROL.sub("", "".join(self.runs(b.runs))).split("\n"):
            self.lines.append(self.prefix + line)
        self.lines.append(self.prefix.rstrip())
        return ""

    def quote(self, b: Quote) -> str:
        when = b.posted_at.strftime("%Y-%m-%d %H:%M") if b.posted_at else ""
        self.lines.append(f"{self.prefix}> {b.author or ''} 发表于 {when}".rstrip())
        outer, self.prefix = self.prefix, self.prefix + "> "
        self.blocks(b.blocks)
        self.prefix = outer
        return ""

    def code(self, b: Code) -> str:
        self.lines.extend(self.prefix + x for x in b.text.split("\n"))
        return ""

    def attachment(self, b: Attachment) -> str:
        if b.name:
            self.lines.append(f"{self.prefix}[{b.name}]")
        return ""

    def client_line(self, b: ClientLine) -> str:
        self.lines.append(self.prefix + b.text)
        return ""

    def text(self, r: Text) -> str:
        return r.text

    def strong(self, r: Strong) -> str:
        return "".join(self.runs(r.runs))

    def smiley(self, r: Smiley) -> str:
        return f"[{r.key.rsplit('.', 1)[0]}]"

    def image(self, r: Image) -> str:
        return f"[{r.url}]"

    def link(self, r: Link) -> str:
        return r.text if r.text == r.url else f"{r.text} ({r.url})"

    def other(self, node: Block) -> str:
        return ""  # ratings, notices and unknown HTML are not copied


def post_plain_text(post: StoredPost) -> str:
    """The post as text for the clipboard: header line, then the body with quotes marked."""
    body = _PlainText()
    body.blocks(post.blocks)
    op = " 楼主" if post.is_op else ""
    lines = [f"{post.author}{op} · {post.floor}# · {post.posted_at:%Y-%m-%d %H:%M}", "", *body.lines]
    return "\n".join(lines).strip() + "\n"

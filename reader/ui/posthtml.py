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
import math
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
from .plain import shown
from .thread.links import FloorLink, FoldLink, ImageLink, QuoteLink, build

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_MD_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]+)\)")


def clean(text: str) -> str:
    """Text safe for Qt display: C0 control characters dropped, HTML escaped."""
    return html.escape(shown(_CONTROL.sub("", text)), quote=True)


@dataclass
class QuoteOptions:
    """How quotes (and marked text) are rendered for one post."""

    fold_lines: int = 4  # a quote longer than this many lines is folded; 0: never fold
    chars_per_line: int = 40  # for counting wrapped lines
    expand_all: bool = False
    overrides: dict[int, bool] = field(default_factory=dict)  # ordinal -> folded
    blocked: frozenset[str] | set[str] = frozenset()  # quotes of these authors are folded
    mark: str | None = None  # text to highlight
    mark_color: str = "#ffe08a"


def quote_lines(q: Quote, chars_per_line: int) -> int:
    """Lines of text a quote takes (wrapped lines estimated), nested quotes included."""
    n = 0
    for b in q.blocks:
        if isinstance(b, Paragraph):
            text = "".join(_run_text(r) for r in b.runs)
            n += sum(max(1, math.ceil(len(line) / max(1, chars_per_line)))
                     for line in text.split("\n"))
        elif isinstance(b, Quote):
            n += 1 + quote_lines(b, chars_per_line)
        elif isinstance(b, Code):
            n += b.text.count("\n") + 1
        else:
            n += 1
    return n


def _run_text(r: Inline) -> str:
    if isinstance(r, Text):
        return r.text
    if isinstance(r, Strong):
        return "".join(_run_text(x) for x in r.runs)
    if isinstance(r, Link):
        return r.text
    if isinstance(r, Smiley):
        return "□"
    return ""


def _has_image(q: Quote) -> bool:
    def runs(rs) -> bool:
        return any(isinstance(r, Image) or (isinstance(r, Strong) and runs(r.runs)) for r in rs)
    return any((isinstance(b, Paragraph) and runs(b.runs)) for b in q.blocks)


def _count_quotes(q: Quote) -> int:
    return sum(1 + _count_quotes(b) for b in q.blocks if isinstance(b, Quote))


def quote_is_long(q: Quote, opts: QuoteOptions) -> bool:
    """The default fold rule: long, or holding an image, or holding a nested quote."""
    if opts.fold_lines <= 0:
        return False
    return (_has_image(q) or any(isinstance(b, Quote) for b in q.blocks)
            or quote_lines(q, opts.chars_per_line) > opts.fold_lines)


def all_quotes(blocks: tuple[Block, ...], depth: int = 0) -> list[tuple[Quote, int]]:
    """Every quote of a body with its depth, in pre-order (the order of quote ordinals)."""
    out: list[tuple[Quote, int]] = []
    for b in blocks:
        if isinstance(b, Quote):
            out.append((b, depth))
            out.extend(all_quotes(b.blocks, depth + 1))
    return out


def first_line(q: Quote, limit: int = 60) -> str:
    """The first line of a quote's own text (nested quotes skipped)."""
    for b in q.blocks:
        if isinstance(b, Paragraph):
            text = "".join(_run_text(r) for r in b.runs)
            line = next((x.strip() for x in text.split("\n") if x.strip()), "")
            if line:
                return line if len(line) <= limit else line[:limit] + "…"
    return ""


def innermost_author(q: Quote) -> str | None:
    """The author of the deepest quote nested in ``q`` (following the first nested quote at
    each level), or None when ``q`` quotes nothing."""
    inner = next((b for b in q.blocks if isinstance(b, Quote)), None)
    if inner is None:
        return None
    return innermost_author(inner) or inner.author or ""


@dataclass
class RenderedPost:
    """The HTML of a post body and the image resources it names."""

    html: str
    smileys: list[str] = field(default_factory=list)  # pack/name keys
    images: list[str] = field(default_factory=list)  # urls


class PostHtml:
    """Builds the body HTML of posts for one set of colours and one base font size (pt)."""

    def __init__(self, colors: CardColors, base_pt: float,
                 options: QuoteOptions | None = None) -> None:
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
        out = RenderedPost("")
        self._ordinal = 0
        self._tid = post.tid if tid is None else tid
        targets = list(quote_targets or [])
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
        ordinal = self._ordinal
        self._ordinal += 1
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
            folded = blocked or (not opts.expand_all and quote_is_long(q, opts))
        toggle = ""
        if folded:
            # the nested quotes are not rendered: skip their targets and ordinals
            for _ in range(_count_quotes(q)):
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
            inner = "".join(self._block(b, out, targets, depth + 1) for b in q.blocks)
            if blocked or quote_is_long(q, opts):
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

    def _runs(self, runs: tuple[Inline, ...], out: RenderedPost) -> str:
        parts: list[str] = []
        for r in runs:
            if isinstance(r, Text):
                parts.append(self._text(r.text))
            elif isinstance(r, Strong):
                parts.append(f"<b>{self._runs(r.runs, out)}</b>")
            elif isinstance(r, Smiley):
                out.smileys.append(r.key)
                parts.append(f'<img src="smiley:{clean(r.key)}" style="vertical-align:middle">')
            elif isinstance(r, Image):
                out.images.append(r.url)
                src = clean(build(ImageLink(r.url)))
                parts.append(f'<a href="{src}"><img src="{src}"></a>')
            elif isinstance(r, Link):
                parts.append(
                    f'<a href="{clean(r.url)}" style="color:{self.c.link}">{clean(r.text)}</a>'
                )
            elif isinstance(r, Unknown) and not r.html.startswith("</"):
                # a stray closing tag (a <strong> closed after a blank line) is markup, not text:
                # the archive escapes what authors type, so it was never in their words
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

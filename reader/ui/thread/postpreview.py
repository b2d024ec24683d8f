"""Posts shown outside the thread view, rendered as the view renders them: the hover preview of a
quoted post (a tooltip) and the conversation of a post (a dialog).

Both build their rich text with :class:`~reader.ui.posthtml.PostHtml` from the parsed blocks, so
archive text is escaped and never read as markup, a link shows its text once, quotes are boxed,
ratings and client lines look as in the view, and pictures come from the same
:class:`~reader.ui.imagesource.ImageSource` (the picture, or its placeholder: loading, missing,
gone). A tooltip cannot hold resources, so there pictures are inlined as ``data:`` PNGs that we
encode ourselves; the conversation's document gets them as resources, like a card's.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QUrl
from PySide6.QtGui import QFont, QFontMetrics, QImage, QTextDocument

from ...parse.model import Block, Image, Inline, Link, Paragraph, Quote, Smiley, Strong, Text, Unknown
from ...parse.walk import walk
from ...store.queries import StoredPost
from ..imagesource import ImageSource
from ..palette import CardColors
from .links import ImageLink, PostLink, build
from .posthtml import PostHtml, QuoteOptions, RenderedPost, clean

PREVIEW_CHARS = 1200  # text of a post shown in a hover preview
PREVIEW_WIDTH = 520  # px: the preview's text width; its pictures are at most this wide
PREVIEW_IMAGE_HEIGHT = 240


def header_html(post: StoredPost, colors: CardColors) -> str:
    """Author, OP badge, floor and time of a post, escaped."""
    op = QCoreApplication.translate("PostDelegate", "OP")  # the card's badge
    badge = f' <span style="color:{colors.op_badge}">{clean(op)}</span>' if post.is_op else ""
    when = post.posted_at.strftime("%Y-%m-%d %H:%M") if isinstance(post.posted_at, datetime) else ""
    if post.editor and post.edited_at:  # as the card's header says it
        when += " · " + QCoreApplication.translate("PostDelegate", "edited by %1 at %2").replace(
            "%1", post.editor).replace("%2", post.edited_at.strftime("%Y-%m-%d %H:%M"))
    return (f"<b>{clean(post.author)}</b>{badge} "
            f'<span style="color:{colors.muted}">#{post.floor} · {clean(when)}</span>')


def body_length(nodes: Iterable[Block | Inline]) -> int:
    """Characters of blocks or runs as a preview counts them: texts by their length, a smiley,
    an image or unknown HTML as one, an attachment or a rating as one line."""
    n = 0
    for node, _depth in walk(nodes):
        if isinstance(node, Text | Link):
            n += len(node.text)
        elif isinstance(node, Paragraph | Quote | Strong):
            continue  # their runs and blocks count
        elif isinstance(node, Smiley | Image | Unknown):
            n += 1
        else:
            n += len(getattr(node, "text", "")) or 1
    return n


def _cut_runs(runs: tuple[Inline, ...], limit: int) -> tuple[Inline, ...]:
    out: list[Inline] = []
    for r in runs:
        if limit <= 0:
            break
        if isinstance(r, Text):
            out.append(Text(r.text[:limit]))
        elif isinstance(r, Strong):
            out.append(Strong(_cut_runs(r.runs, limit)))
        else:
            out.append(r)
        limit -= body_length((r,))
    return tuple(out)


def cut_blocks(blocks: tuple[Block, ...], limit: int) -> tuple[tuple[Block, ...], bool]:
    """The first ``limit`` characters of a body (a paragraph cut inside, a quote kept whole),
    and whether anything was left out."""
    out: list[Block] = []
    for i, b in enumerate(blocks):
        n = body_length((b,))
        if n <= limit or isinstance(b, Quote):
            out.append(b)
            limit -= n
            if limit <= 0 and i + 1 < len(blocks):
                return tuple(out), True
            continue
        if isinstance(b, Paragraph):
            out.append(replace(b, runs=_cut_runs(b.runs, limit)))
        return tuple(out), True
    return tuple(out), False


def _inline_img(image: QImage) -> str:
    """``src`` and size attributes of an <img> holding ``image`` as a data: PNG, at its size in
    device-independent pixels (placeholders are drawn at twice their size)."""
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    size = image.deviceIndependentSize()
    return (f'src="data:image/png;base64,{base64.b64encode(bytes(data)).decode("ascii")}" '
            f'width="{round(size.width())}" height="{round(size.height())}"')


def _fit(image: QImage, width: int, height: int) -> QImage:
    from PySide6.QtCore import Qt

    size = image.deviceIndependentSize()
    if size.width() > width or size.height() > height:
        ratio = image.devicePixelRatio()
        scaled = image.scaled(round(width * ratio), round(height * ratio),
                              Qt.AspectRatioMode.KeepAspectRatio,
                              Qt.TransformationMode.SmoothTransformation)
        scaled.setDevicePixelRatio(ratio)
        return scaled
    return image


def preview_html(post: StoredPost, quote_targets: list, colors: CardColors, font: QFont,
                 images: ImageSource | None) -> str:
    """Rich text for the hover preview of ``post``: its header and the start of its body, with
    smileys and pictures inlined."""
    blocks, cut = cut_blocks(post.blocks, PREVIEW_CHARS)
    rendered = PostHtml(colors, font.pointSizeF(), QuoteOptions(fold_lines=0)).render(
        replace(post, blocks=blocks), quote_targets, post.tid)
    body = rendered.html
    if images is not None:
        line = QFontMetrics(font).lineSpacing()
        for key in set(rendered.smileys):
            body = body.replace(f'src="smiley:{clean(key)}"',
                                _inline_img(images.smiley(key, line, colors, font)))
        for url in set(rendered.images):
            picture = _fit(images.image(url, PREVIEW_WIDTH, colors, font), PREVIEW_WIDTH,
                           PREVIEW_IMAGE_HEIGHT)
            body = body.replace(f'<img src="{clean(build(ImageLink(url)))}">',
                                f"<img {_inline_img(picture)}>")
    if cut:
        body += f'<p style="color:{colors.muted}">…</p>'
    return (f'<table width="{PREVIEW_WIDTH}" cellspacing="0" cellpadding="0"><tr><td>'
            f'<p style="margin:0 0 6px 0">{header_html(post, colors)}</p>{body}'
            f"</td></tr></table>")


def add_resources(doc: QTextDocument, rendered: RenderedPost, images: ImageSource,
                  line_px: int, width: int, colors: CardColors, font: QFont) -> None:
    """Give ``doc`` the smileys and pictures ``rendered`` names (before its HTML is set)."""
    kind = QTextDocument.ResourceType.ImageResource
    for key in set(rendered.smileys):
        doc.addResource(kind, QUrl(f"smiley:{key}"), images.smiley(key, line_px, colors, font))
    for url in set(rendered.images):
        doc.addResource(kind, QUrl(build(ImageLink(url))), images.image(url, width, colors, font))


def conversation_html(posts: list[StoredPost], current: int, targets: dict[int, list],
                      colors: CardColors, font: QFont) -> tuple[str, RenderedPost]:
    """The conversation's rich text (each post: a header linking to it, then its body as in the
    view; ``current`` marked) and every picture it names."""
    names = RenderedPost("")
    parts: list[str] = []
    for p in posts:
        rendered = PostHtml(colors, font.pointSizeF(), QuoteOptions(fold_lines=0)).render(
            p, list(targets.get(p.id, [])), p.tid)
        names.smileys.extend(rendered.smileys)
        names.images.extend(rendered.images)
        bg = colors.quote_bg if p.id == current else colors.card
        parts.append(
            f'<table width="100%" cellspacing="0" cellpadding="8" style="margin:0 0 10px 0">'
            f'<tr><td bgcolor="{bg}">'
            f'<p style="margin:0 0 6px 0"><a href="{build(PostLink(p.id))}" style="text-decoration:none; '
            f'color:{colors.text}">{header_html(p, colors)}</a></p>'
            f"{rendered.html}</td></tr></table>")
    return "".join(parts), names

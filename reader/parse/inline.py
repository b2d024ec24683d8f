"""Inline runs of one paragraph: smileys, images, ``<strong>``, links, raw URLs, unknown HTML."""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

from .model import Image, Inline, Link, Smiley, Strong, Text, Unknown

_INLINE_RE = re.compile(
    r"(?P<img><img\b[^>\n]*>?)"
    r"|<strong>(?P<strong>.*?)(?:</strong>|\Z)"
    r"|<a\s[^>]*?href=\"(?P<ahref>[^\"]*)\"[^>]*>(?P<atext>.*?)</a>"
    r"|\[(?P<mdtext>[^\]\n]*)\]\((?P<mdurl>(?:https?|ftp)://[^)\s]+)\)"
    r"|(?P<url>https?://[^\s<>\"'\]\)）】，。、]+)"
    r"|(?P<tag></?[a-zA-Z][^>\n]*>)",
    re.S,
)
_SRC_RE = re.compile(r"\bsrc=\"([^\"]*)\"")
_STRONG_TAG_RE = re.compile(r"</?strong>")
# ``<strong>`` inside ``<strong>`` deeper than this is read as text without the tags (the forum's
# own posts nest it twice at most; thousands of levels would exhaust the recursion below)
MAX_STRONG_DEPTH = 16
# Only complete references (``&amp;``, ``&#8230;``, ``&#x1F600;``): a bare ``&copy`` in a URL or
# in "AT&T" is text, not an entity, whatever HTML5's legacy rules say.
_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_DOUBLE_SCHEME_RE = re.compile(r"^http(?=https?://)")
_ATTACHMENT_HOSTS = frozenset(
    {"img.saraba1st.com", "img.stage1st.com", "bbs.saraba1st.com", "stage1st.com"}
)


def _decode_entity(m: re.Match[str]) -> str:
    ref = m.group()
    if ref[1] == "#":
        code = int(ref[3:-1], 16) if ref[2] in "xX" else int(ref[2:-1])
        if code < 0x20 or 0x7F <= code <= 0x9F:
            # a control character: the archives hold none as a reference, our md export writes
            # every one so (``export.archive.escape_controls``); read back exactly, not by
            # HTML's rules (which drop or remap them)
            return chr(code)
    return html.unescape(ref)


def decode_entities(text: str) -> str:
    """Text as the author wrote it: the archive stores text HTML-escaped (``&lt;``, ``&amp;``).

    Called once, on the text pieces between markup, so that an escaped ``&lt;b&gt;`` never
    becomes a tag and nothing downstream (UI, CLI, search, export) sees an entity.
    """
    if "&" not in text:
        return text
    return _ENTITY_RE.sub(_decode_entity, text)


def repair_url(url: str) -> str:
    """Undo the archive's damage to URLs: HTML entities (sometimes escaped twice,
    ``&amp;amp;``) and the ``httphttps://`` prefix."""
    for _ in range(3):  # a URL never holds a literal "&amp;": decode until stable
        if "&" not in url:
            break
        decoded = decode_entities(url)
        if decoded == url:
            break
        url = decoded
    return _DOUBLE_SCHEME_RE.sub("", url.strip())


# a picture pasted into a post travels in it as a data URL; the archive writes it with an
# ``http://`` before it (``http://data:image/jpeg;base64,/9j/4AAQ…``)
INLINE_IMAGE_RE = re.compile(r"(?:https?://)?(data:image/[A-Za-z0-9.+-]{1,20};base64,)", re.I)
_INLINE_PAYLOAD_RE = re.compile(r'data:image/[A-Za-z0-9.+-]{1,20};base64,[^"<>\n]*', re.I)


def inline_image_url(url: str) -> str | None:
    """The ``data:image/…;base64,…`` URL of a picture pasted into a post (with or without the
    archive's ``http://`` before it); None for any other URL."""
    m = INLINE_IMAGE_RE.match(url)
    return url[m.start(1):] if m else None


def inline_image_chars(text: str) -> int:
    """How many characters of ``text`` are pictures pasted as data URLs."""
    if "data:image/" not in text:
        return 0
    return sum(len(m.group()) for m in _INLINE_PAYLOAD_RE.finditer(text))


def image_run(tag: str) -> Smiley | Image:
    """Type one ``<img>`` tag; the first ``src`` wins (forum markup repeats attributes)."""
    m = _SRC_RE.search(tag)
    url = repair_url(m.group(1)) if m else ""
    inline = inline_image_url(url)
    if inline is not None:
        return Image(url=inline, host="")
    i = url.find("/image/smiley/")
    if i >= 0:
        rest = url[i + len("/image/smiley/") :]
        pack, _, name = rest.partition("/")
        if name:
            return Smiley(pack=pack, name=name, url=url)
    parts = urlsplit(url) if url else None
    host = parts.hostname or "" if parts else ""
    is_attachment = bool(parts) and host in _ATTACHMENT_HOSTS and "/forum/" in parts.path
    return Image(url=url, host=host, is_attachment=is_attachment)


def parse_inline(text: str, depth: int = 0) -> tuple[Inline, ...]:
    """Split paragraph text into typed runs; text between constructs stays verbatim.

    ``depth``: how many ``<strong>`` runs enclose ``text`` (at ``MAX_STRONG_DEPTH`` the inner
    tags are dropped and their text kept)."""
    if "<" not in text and "http" not in text and "](" not in text:
        return (Text(decode_entities(text)),) if text else ()
    runs: list[Inline] = []
    pos = 0
    for m in _INLINE_RE.finditer(text):
        if m.start() > pos:
            runs.append(Text(decode_entities(text[pos : m.start()])))
        kind = m.lastgroup
        if m.group("img") is not None:
            runs.append(image_run(m.group("img")))
        elif m.group("strong") is not None:
            inner = m.group("strong")
            if depth + 1 >= MAX_STRONG_DEPTH:
                inner = _STRONG_TAG_RE.sub("", inner)
            runs.append(Strong(parse_inline(inner, depth + 1)))
        elif m.group("ahref") is not None:
            runs.append(Link(text=decode_entities(m.group("atext")), url=repair_url(m.group("ahref"))))
        elif m.group("mdurl") is not None:
            runs.append(Link(text=decode_entities(m.group("mdtext")), url=repair_url(m.group("mdurl"))))
        elif m.group("url") is not None:
            url = m.group("url")
            runs.append(Link(text=decode_entities(url), url=repair_url(url)))
        elif kind == "tag":
            runs.append(Unknown(m.group("tag")))
        pos = m.end()
    if pos < len(text):
        runs.append(Text(decode_entities(text[pos:])))
    return tuple(runs)

"""Pictures pasted into a post: the archive keeps them in the post as ``data:`` URLs
(``<img src="http://data:image/jpeg;base64,/9j/4AAQ…">``). They are decoded here, locally (no
network, nothing written to the cache), and checked by the same rules as a downloaded picture
(``validate.py``: the size cap, the decompression-bomb guard before any pixel is decoded, a full
decode of the first frame). A broken one is "invalid": the view shows a placeholder."""

from __future__ import annotations

import base64
import binascii
import hashlib

from ..parse.inline import inline_image_url
from .validate import MAX_BYTES, MAX_PIXELS, ImageInfo, InvalidImage, validate_image

KIND_INLINE = "image"  # shown like any other image


def is_inline(url: str) -> bool:
    """Whether ``url`` is a picture pasted into the post itself (a ``data:image`` URL)."""
    return inline_image_url(url) is not None


def inline_label(url: str) -> str:
    """A short name for the placeholder and the gallery: ``[pasted picture 1a2b3c4d.jpeg]``."""
    data_url = inline_image_url(url) or url
    kind = data_url[len("data:image/"):].split(";", 1)[0].lower() or "image"
    digest = hashlib.sha1(data_url.encode("utf-8", "replace")).hexdigest()[:8]
    return f"[pasted {digest}.{kind}]"


def inline_bytes(url: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a pasted picture; InvalidImage if ``url`` holds none that can be read.

    The archive's copies of these URLs sometimes carry characters base64 has none of (a ``*``
    where the forum's markdown got in): they are left out, as browsers do."""
    data_url = inline_image_url(url)
    if data_url is None:
        raise InvalidImage("not a pasted picture")
    payload = data_url.split(",", 1)[1] if "," in data_url else ""
    if len(payload) > (max_bytes * 4) // 3 + 8:
        raise InvalidImage(f"too large: about {len(payload) * 3 // 4} bytes > {max_bytes}")
    try:
        data = base64.b64decode(payload + "=" * (-len(payload) % 4), validate=False)
    except (binascii.Error, ValueError) as e:
        raise InvalidImage(f"unreadable base64: {e}") from None
    if not data:
        raise InvalidImage("empty picture")
    return data


def decode_inline(url: str, max_bytes: int = MAX_BYTES,
                  max_pixels: int = MAX_PIXELS) -> tuple[bytes, ImageInfo]:
    """The bytes and description of a pasted picture, checked like a downloaded one;
    InvalidImage (never anything else) when it is unfit."""
    data = inline_bytes(url, max_bytes)
    return data, validate_image(data, max_bytes, max_pixels)

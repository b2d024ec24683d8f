"""Pillow checks of downloaded bytes, and thumbnails of large images.

Every picture is validated once, right after it is downloaded, and only the verdict and its
metadata (format, size, frame count) are kept; the view never decodes bytes that failed here.
Checks, in order: byte size cap, a known format, the pixel count from the header (the
decompression-bomb guard runs *before* any pixel is decoded), then a full decode of the first
frame and a count of the frames (animated GIFs keep all their frames: the bytes are returned
unchanged, the view animates them).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

MAX_BYTES = 20 * 1024 * 1024  # default size cap
MAX_PIXELS = 64_000_000  # per frame; Pillow's own bomb guard fires only above ~89 Mpx
MAX_FRAMES = 2_000
THUMB_WIDTH = 1024  # images wider than this get a thumbnail of this width
THUMB_PIXELS = 4_000_000  # … and so do images with more pixels than this
ACCEPTED_FORMATS = frozenset({"PNG", "GIF", "JPEG", "WEBP", "BMP", "ICO"})


class InvalidImage(Exception):
    """The bytes are not a picture the reader will show (the message says why)."""


@dataclass(frozen=True, slots=True)
class ImageInfo:
    format: str
    width: int
    height: int
    frames: int

    @property
    def animated(self) -> bool:
        return self.frames > 1


def validate_image(data: bytes, max_bytes: int = MAX_BYTES, max_pixels: int = MAX_PIXELS) -> ImageInfo:
    """Check ``data`` and describe it; raise InvalidImage (never anything else) if it is unfit."""
    if len(data) > max_bytes:
        raise InvalidImage(f"too large: {len(data)} bytes > {max_bytes}")
    if not data:
        raise InvalidImage("empty response")
    try:
        with Image.open(io.BytesIO(data)) as img:
            fmt = (img.format or "").upper()
            if fmt not in ACCEPTED_FORMATS:
                raise InvalidImage(f"unsupported format {fmt or '?'}")
            width, height = img.size
            if width <= 0 or height <= 0:
                raise InvalidImage(f"bad dimensions {width}x{height}")
            if width * height > max_pixels:
                raise InvalidImage(f"decompression bomb guard: {width}x{height} pixels")
            img.load()
            frames = int(getattr(img, "n_frames", 1) or 1)
            if frames > MAX_FRAMES:
                raise InvalidImage(f"too many frames: {frames}")
    except InvalidImage:
        raise
    except Image.DecompressionBombError as e:
        raise InvalidImage(f"decompression bomb guard: {e}") from None
    except Exception as e:  # Pillow raises OSError, SyntaxError, ValueError, struct.error …
        raise InvalidImage(f"corrupt image: {type(e).__name__}: {e}") from None
    return ImageInfo(fmt, width, height, frames)


def needs_thumbnail(info: ImageInfo) -> bool:
    return info.width > THUMB_WIDTH or info.width * info.height > THUMB_PIXELS


def thumbnail_path(root: Path, key: str) -> Path:
    """Where the thumbnail of ``key`` lives: ``root/ab/abcdef….png`` (sha1 of the key)."""
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()
    return root / digest[:2] / f"{digest}.png"


def write_thumbnail(data: bytes, info: ImageInfo, target: Path) -> Path:
    """Scale the first frame to at most THUMB_WIDTH wide and THUMB_PIXELS, save it as PNG."""
    scale = min(1.0, THUMB_WIDTH / info.width, (THUMB_PIXELS / (info.width * info.height)) ** 0.5)
    size = (max(1, round(info.width * scale)), max(1, round(info.height * scale)))
    with Image.open(io.BytesIO(data)) as img:
        frame = img.convert("RGBA") if img.mode not in ("RGB", "RGBA", "L", "LA") else img.copy()
        frame = frame.resize(size, Image.Resampling.LANCZOS)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(".tmp")
    frame.save(tmp, format="PNG", optimize=False)
    tmp.replace(target)
    return target

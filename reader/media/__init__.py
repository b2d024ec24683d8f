"""Smiley and image cache: download once through requests-cache, show offline forever after.

No Qt here: the cache returns bytes and file paths; ``reader.ui`` turns them into QImages.

API for the window (all of it safe to call from a worker thread)::

    cache = MediaCache(resolve_paths(home), MediaSettings(offline=False))
    item = cache.lookup(url)              # any alias of an image or smiley URL; never networked
    item = cache.lookup_smiley("face2017/067.png")   # by Smiley.key
    item.status        # "cached" | "missing" | "gone" | "invalid"
    item.data          # raw file bytes when cached (GIFs with all frames), else None
    item.format, item.width, item.height, item.frames, item.size
    item.thumbnail     # Path of a PNG thumbnail for large images, else None
    item.label         # "[face2017/067]" / "[name.jpg]"; item.placeholder_text for placeholders
    item.url           # canonical URL: the hover text of a placeholder

    summary = cache.fetch(urls_or_refs, progress=cb, cancel=should_stop)   # blocks; network
    cache.offline = True                  # the GUI toggle: from now on no request at all
    network_reachable()                   # reader.media.http: pick offline mode at start
    thread_refs = library_media([tid])    # reader.media.collect: "download images of this thread"
    cache.close()

``fetch`` skips what is cached (so it resumes after an interruption), never asks again for a
URL that answered 404/410 ("gone") or whose bytes were unfit ("invalid"), retries 5xx, 429 and
timeouts with exponential backoff, and runs at most ``workers`` downloads, ``per_host`` per host.
Each downloaded file is validated with Pillow (size cap 20 MB, decompression-bomb guard before
decoding, full decode of the first frame); unfit bytes are dropped and recorded as "invalid".

Where things live (``reader.config.Paths``): responses in ``Paths.http_cache`` (requests-cache
SQLite), verdicts in ``Paths.cache / "media_index.sqlite3"``, thumbnails under
``Paths.thumbnails``.

Tests and mirrors: ``MediaSettings(origin="http://127.0.0.1:PORT")`` or the environment variable
``S1READER_MEDIA_ORIGIN`` sends every request for ``https://HOST/PATH`` to
``ORIGIN/HOST/PATH`` instead; cache keys stay those of the real URLs.
"""

from __future__ import annotations

from .cache import (
    STATUS_CACHED,
    STATUS_GONE,
    STATUS_INVALID,
    STATUS_MISSING,
    FetchProgress,
    FetchSummary,
    MediaCache,
    MediaItem,
    MediaSettings,
)
from .urls import ORIGIN_ENV, MediaRef, media_ref, smiley_ref

__all__ = [
    "ORIGIN_ENV",
    "STATUS_CACHED",
    "STATUS_GONE",
    "STATUS_INVALID",
    "STATUS_MISSING",
    "FetchProgress",
    "FetchSummary",
    "MediaCache",
    "MediaItem",
    "MediaRef",
    "MediaSettings",
    "media_ref",
    "smiley_ref",
]

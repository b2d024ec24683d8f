"""Carrying the picture cache to another machine: ``export_cache`` writes every cached smiley and
image into one zip file, ``import_cache`` adds a zip's pictures to a cache (an offline machine's).

The zip holds ``manifest.json`` (format, and per picture its cache key, kind, canonical URL and
the file name inside the zip) and the pictures under ``pictures/``. An import checks every picture
as a download is checked (size, format, pixels) and skips those already cached, so importing the
same file twice, or an interrupted import again, is harmless. Both report progress and can be
cancelled between pictures; a cancelled or failed export leaves no partial file.
"""

from __future__ import annotations

import contextlib
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .cache import STATUS_CACHED, MediaCache
from .urls import KIND_IMAGE, KIND_SMILEY, MediaRef, media_ref, smiley_ref

FORMAT = "s1reader-pictures"
VERSION = 1
MAX_ENTRIES = 2_000_000

Progress = Callable[[int, int], None]  # (done, total)
Cancel = Callable[[], bool]


class CarryError(Exception):
    """A picture file that cannot be written or read (what went wrong, in words)."""


@dataclass(slots=True)
class CarrySummary:
    total: int = 0  # pictures in the cache (export) or in the file (import)
    written: int = 0  # exported, or newly added by an import
    already: int = 0  # import: cached here before
    invalid: int = 0  # import: not a usable picture (or unlisted, or too large)
    bytes: int = 0
    cancelled: bool = False

    def as_dict(self) -> dict:
        return {"total": self.total, "written": self.written, "already_cached": self.already,
                "invalid": self.invalid, "bytes": self.bytes, "cancelled": self.cancelled}


def export_cache(cache: MediaCache, target: str | os.PathLike[str], progress: Progress | None = None,
                 cancel: Cancel | None = None) -> CarrySummary:
    """Write every cached picture of ``cache`` to the zip ``target`` (replaced only when done)."""
    target = Path(target)
    rows = cache.cached_rows()
    summary = CarrySummary(total=len(rows))
    partial = target.with_name(target.name + ".part")
    entries = []
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as zf:  # pictures are compressed
            for n, row in enumerate(rows, 1):
                if cancel is not None and cancel():
                    summary.cancelled = True
                    break
                data = cache.cached_bytes(row)
                if data is not None:
                    name = f"pictures/{n:07d}"
                    zf.writestr(name, data)
                    entries.append({"key": row.key, "kind": row.kind, "url": row.url, "file": name})
                    summary.written += 1
                    summary.bytes += len(data)
                if progress is not None:
                    progress(n, summary.total)
            if not summary.cancelled:
                zf.writestr("manifest.json", json.dumps(
                    {"format": FORMAT, "version": VERSION, "pictures": entries}, ensure_ascii=False))
        if summary.cancelled:
            partial.unlink(missing_ok=True)
        else:
            os.replace(partial, target)
    except OSError as e:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise CarryError(f"cannot write {target}: {e.strerror or e}") from None
    return summary


def _ref(entry: dict) -> MediaRef | None:
    if not isinstance(entry, dict) or not isinstance(entry.get("key"), str):
        return None
    if entry.get("kind") == KIND_SMILEY:
        pack, _, name = entry["key"].partition("/")
        return smiley_ref(entry["key"]) if pack and name and "/" not in name else None
    if entry.get("kind") == KIND_IMAGE:
        ref = media_ref(entry["key"])
        return ref if ref is not None and ref.key == entry["key"] else None
    return None


def import_cache(cache: MediaCache, source: str | os.PathLike[str], progress: Progress | None = None,
                 cancel: Cancel | None = None) -> CarrySummary:
    """Add the pictures of the zip ``source`` (written by ``export_cache``) to ``cache``."""
    source = Path(source)
    try:
        zf = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise CarryError(f"no such file: {source}") from None
    except (OSError, zipfile.BadZipFile) as e:
        raise CarryError(f"{source} is not a picture file written by `s1reader media export` "
                         f"({e})") from None
    with zf:
        try:
            manifest = json.loads(zf.read("manifest.json"))
        except (KeyError, ValueError, zipfile.BadZipFile, OSError):
            manifest = None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT \
                or not isinstance(manifest.get("pictures"), list):
            raise CarryError(f"{source} is not a picture file written by `s1reader media export` "
                             "(it has no s1reader manifest)")
        if manifest.get("version", 0) > VERSION:
            raise CarryError(f"{source} was written by a newer s1reader; update s1reader to import it")
        entries = manifest["pictures"][:MAX_ENTRIES]
        summary = CarrySummary(total=len(entries))
        members = {i.filename: i for i in zf.infolist()}
        for n, entry in enumerate(entries, 1):
            if cancel is not None and cancel():
                summary.cancelled = True
                break
            ref = _ref(entry)
            info = members.get(entry.get("file")) if isinstance(entry, dict) else None
            if ref is None or info is None or info.file_size > cache.settings.max_bytes:
                summary.invalid += 1
            elif cache.lookup_ref(ref, load=False).status == STATUS_CACHED:
                summary.already += 1
            else:
                try:
                    data = zf.read(info)
                except (OSError, zipfile.BadZipFile, RuntimeError):
                    data = b""
                item = cache.store(ref, data)
                if item.status == STATUS_CACHED:
                    summary.written += 1
                    summary.bytes += len(data)
                else:
                    summary.invalid += 1
            if progress is not None:
                progress(n, summary.total)
    return summary

"""``s1reader export TID --format md|html [-o PATH]``: write a stored thread out of the library."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .common import EXIT_OK, ID, AddCommand, CliError, library_paths, open_store, print_json

if TYPE_CHECKING:
    from ..export.page import ImageSource


def cmd_export(args: argparse.Namespace) -> int:
    from ..export.thread import ExportError, export_html, export_markdown

    open_store(args)
    dest = args.output or "."
    try:
        if args.format == "md":
            result = export_markdown(args.tid, dest)
        elif args.embed_images:
            with _cached_images(args) as (source, found, missing):
                result = export_html(args.tid, dest, source)
        else:
            result = export_html(args.tid, dest)
    except ExportError as e:
        raise CliError(str(e)) from None
    extra: dict = {"format": args.format}
    if args.format == "html" and args.embed_images:
        extra |= {"images_embedded": len(found), "images_missing": len(missing)}
        if missing:
            sys.stderr.write(
                f"s1reader: {len(found)} pictures embedded; {len(missing)} were not in the picture "
                f"cache and stay links (download them with `s1reader media prefetch {args.tid}`, "
                "then export again)\n")
        elif not args.json:
            sys.stderr.write(f"s1reader: {len(found)} pictures embedded\n")
    if args.json:
        print_json({**result.as_dict(), **extra})
    else:
        for f in result.files:
            print(f)
    return EXIT_OK


@contextmanager
def _cached_images(args: argparse.Namespace) -> Iterator[tuple[ImageSource, set[str], set[str]]]:
    """Images and smileys from the media cache as data: URIs (offline: nothing is downloaded),
    with the cache keys of the pictures embedded and of those not in the cache."""
    from ..export.page import data_uri_source
    from ..media import MediaCache, MediaSettings

    cache = MediaCache(library_paths(args), MediaSettings(offline=True))
    found: set[str] = set()
    missing: set[str] = set()
    try:
        def lookup(url: str) -> tuple[bytes | None, str | None]:
            item = cache.lookup(url)
            (found if item.cached else missing).add(item.key)
            return (item.data, item.format) if item.cached else (None, None)

        yield data_uri_source(lookup), found, missing
    finally:
        cache.close()


def register(add: AddCommand) -> None:
    sp = add("export", "write a thread in the archive format (md: importable again) or as one HTML page")
    sp.add_argument("tid", type=ID)
    sp.add_argument("--format", choices=["md", "html"], default="md")
    sp.add_argument("-o", "--output", metavar="PATH",
                    help="md: a folder (archive layout <board>/<tid>-NN[title].md, 1500 floors per file) "
                         "or one FILE.md; html: a folder or FILE.html (default: the current folder)")
    sp.add_argument("--embed-images", action="store_true",
                    help="html: embed the images and smileys already in the media cache "
                         "(`s1reader media` downloads them); others stay links")
    sp.set_defaults(func=cmd_export)

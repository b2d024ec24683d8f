"""Media commands: ``media prefetch`` (download smileys and images for offline use), ``media
smileys`` (every smiley of the catalogue), ``media export`` / ``media import`` (carry the picture
cache to another machine in one zip file), ``media stats``.

``--offline`` (on ``media`` or on each subcommand, or ``S1READER_OFFLINE=1``) forbids any network
access: prefetch then only reports what is cached and what is missing.
"""

from __future__ import annotations

import argparse
import sys
import time

from .common import (
    EXIT_OK,
    EXIT_PARTIAL,
    ID,
    AddCommand,
    CliError,
    library_paths,
    open_store,
    print_json,
    whole_number,
)
from .terminal import control


def _offline(args: argparse.Namespace) -> bool:
    from ..config import offline_forced

    return bool(getattr(args, "offline", False)) or offline_forced()


class _FetchProgressPrinter:
    """Prefetch progress on stderr: a live line on a terminal, a line every few seconds otherwise."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()
        self.started = self.last = time.monotonic()

    def __call__(self, p) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 5.0) and p.done < p.total:
            return
        self.last = now
        rate = p.done / max(now - self.started, 1e-6)
        line = (f"{p.done}/{p.total} pictures, {p.downloaded} downloaded, {p.failed} failed, "
                f"{rate:.0f} pictures/s")
        if self.tty:
            control(sys.stderr, "\r\033[K")
            sys.stderr.write(line + ("\n" if p.done >= p.total else ""))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()


def cmd_prefetch(args: argparse.Namespace) -> int:
    from ..media import MediaCache, MediaSettings
    from ..media.collect import library_media
    from ..store import queries

    if not args.tids and not args.all:
        raise CliError("give thread ids (TID …) or --all")
    if args.tids and args.all:
        raise CliError("give thread ids or --all, not both")
    open_store(args)
    unknown = [t for t in args.tids if queries.get_thread(t) is None]
    if unknown:
        raise CliError(f"not in the library: {', '.join(map(str, unknown))} (see `s1reader threads`)")
    refs = library_media(None if args.all else args.tids, smileys_only=args.smileys_only)
    offline = _offline(args)
    paths = library_paths(args)
    settings = MediaSettings(offline=offline, workers=args.workers, answer_timeout=args.timeout,
                             read_timeout=min(20.0, args.timeout), connect_timeout=min(5.0, args.timeout))
    printer = _FetchProgressPrinter(args.quiet)
    with MediaCache(paths, settings) as cache:
        try:
            summary = cache.fetch(refs, progress=printer, retry_gone=args.retry_gone,
                                  retry_invalid=args.retry_gone)
        except KeyboardInterrupt:
            sys.stderr.write("\ns1reader: prefetch interrupted; what was downloaded is kept, "
                             "run the same command again to go on\n")
            return 130
    out = {"offline": offline, "smileys_only": args.smileys_only,
           "threads": "all" if args.all else args.tids, **summary.as_dict()}
    if args.json:
        print_json(out)
    else:
        print(f"{summary.total} pictures: {summary.already} already cached, "
              f"{summary.downloaded} downloaded, {summary.missing} missing, {summary.gone} gone, "
              f"{summary.invalid} invalid ({summary.requests} requests, "
              f"{summary.bytes / 1048576:.1f} MiB, {summary.seconds:.1f} s)"
              + (" [offline]" if offline else ""))
    return EXIT_PARTIAL if summary.missing else EXIT_OK


def cmd_smileys(args: argparse.Namespace) -> int:
    """Download every smiley of the catalogue (resumable: cached ones are skipped)."""
    from ..media import MediaCache, MediaSettings
    from ..media.catalogue import catalogue_refs

    offline = _offline(args)
    if offline:
        raise CliError("offline: downloading the smileys needs the network (unset "
                       "S1READER_OFFLINE, leave out --offline)", kind="offline")
    refs = catalogue_refs()
    settings = MediaSettings(workers=args.workers, answer_timeout=args.timeout,
                             read_timeout=min(20.0, args.timeout), connect_timeout=min(5.0, args.timeout))
    printer = _FetchProgressPrinter(args.quiet)
    with MediaCache(library_paths(args), settings) as cache:
        try:
            summary = cache.fetch(refs, progress=printer)
        except KeyboardInterrupt:
            sys.stderr.write("\ns1reader: download interrupted; what was downloaded is kept, "
                             "run the same command again to go on\n")
            return 130
    if args.json:
        print_json(summary.as_dict())
    else:
        print(f"{summary.total} smileys: {summary.already} already cached, {summary.downloaded} "
              f"downloaded, {summary.missing} missing, {summary.gone + summary.invalid} gone or "
              f"unusable ({summary.bytes / 1048576:.1f} MiB, {summary.seconds:.1f} s)")
        if summary.missing:
            print("run `s1reader media smileys` again to fetch the missing ones", file=sys.stderr)
    return EXIT_PARTIAL if summary.missing else EXIT_OK


def _carry_progress(quiet: bool, what: str):
    tty = sys.stderr.isatty()
    last = [0.0]

    def report(done: int, total: int) -> None:
        now = time.monotonic()
        if quiet or (now - last[0] < (0.2 if tty else 5.0) and done < total):
            return
        last[0] = now
        line = f"{what} {done}/{total} pictures"
        if tty:
            control(sys.stderr, "\r\033[K")
            sys.stderr.write(line + ("\n" if done >= total else ""))
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    return report


def cmd_media_export(args: argparse.Namespace) -> int:
    """Write the picture cache to one zip file."""
    from ..media import MediaCache, MediaSettings
    from ..media.carry import CarryError, export_cache

    paths = library_paths(args, create=False)
    if not paths.cache.is_dir():
        raise CliError(f"there is no picture cache in {paths.root}: nothing to export")
    with MediaCache(paths, MediaSettings(offline=True)) as cache:
        try:
            summary = export_cache(cache, args.file, _carry_progress(args.quiet, "exported"))
        except CarryError as e:
            raise CliError(str(e)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\ns1reader: export interrupted; no file was written\n")
            return 130
    if args.json:
        print_json(summary.as_dict())
    else:
        print(f"{summary.written} pictures ({summary.bytes / 1048576:.1f} MiB) written to {args.file}; "
              f"on the other machine: s1reader media import {args.file}")
    return EXIT_OK


def cmd_media_import(args: argparse.Namespace) -> int:
    """Add a zip file's pictures to the picture cache."""
    from ..media import MediaCache, MediaSettings
    from ..media.carry import CarryError, import_cache

    with MediaCache(library_paths(args), MediaSettings(offline=True)) as cache:
        try:
            summary = import_cache(cache, args.file, _carry_progress(args.quiet, "imported"))
        except CarryError as e:
            raise CliError(str(e)) from None
        except KeyboardInterrupt:
            sys.stderr.write("\ns1reader: import interrupted; what was imported is kept, run the "
                             "same command again to go on\n")
            return 130
    if args.json:
        print_json(summary.as_dict())
    else:
        print(f"{summary.total} pictures in {args.file}: {summary.written} added, {summary.already} "
              f"already cached, {summary.invalid} unusable")
    return EXIT_PARTIAL if summary.invalid else EXIT_OK


def cmd_media_stats(args: argparse.Namespace) -> int:
    from ..media import MediaCache, MediaSettings
    from ..media.catalogue import catalogue_refs
    from ..media.collect import library_media
    from ..media.urls import KIND_SMILEY

    open_store(args)
    refs = library_media(None)
    paths = library_paths(args)
    catalogue = catalogue_refs()
    with MediaCache(paths, MediaSettings(offline=True)) as cache:  # stats never needs the network
        stats = cache.stats()
        known = cache.known([r.key for r in refs])
        in_catalogue = cache.known([r.key for r in catalogue])
    missing = [r for r in refs if known.get(r.key) not in ("cached", "gone", "invalid")]
    stats.update({
        "referenced": len(refs),
        "referenced_smileys": sum(r.kind == KIND_SMILEY for r in refs),
        "missing": len(missing),
        "missing_smileys": sum(r.kind == KIND_SMILEY for r in missing),
        "catalogue_smileys": len(catalogue),  # `media smileys` downloads the missing ones
        "catalogue_missing": sum(1 for r in catalogue
                                 if in_catalogue.get(r.key) not in ("cached", "gone", "invalid")),
    })
    if args.json:
        print_json(stats)
    else:
        for k, v in stats.items():
            print(f"{k:20} {v}")
    return EXIT_OK


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"seconds between 0 and 3600, not {text}")
    return value


def _shared_options(sp: argparse.ArgumentParser) -> None:
    """Options also accepted after the action (``media stats --json``) without resetting them."""
    sp.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON on stdout")
    sp.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS, help="as the global --home")
    sp.add_argument("--offline", action="store_true", default=argparse.SUPPRESS,
                    help="no network access at all (also env S1READER_OFFLINE=1)")


def register(add: AddCommand) -> None:
    media = add("media", "smiley and image cache for offline reading: prefetch, stats")
    media.add_argument("--offline", action="store_true",
                       help="no network access at all (also env S1READER_OFFLINE=1)")
    actions = media.add_subparsers(dest="media_command", metavar="ACTION")

    sp = actions.add_parser("prefetch", help="download the smileys and images of threads",
                            description="download the smileys and images of threads; cached "
                            "pictures are skipped, so an interrupted prefetch resumes")
    _shared_options(sp)
    sp.add_argument("tids", nargs="*", type=ID, metavar="TID")
    sp.add_argument("--all", action="store_true", help="every thread of the library")
    sp.add_argument("--smileys-only", action="store_true", help="only smileys, no other images")
    sp.add_argument("--retry-gone", action="store_true",
                    help="ask again for pictures that were gone (404) or invalid last time")
    sp.add_argument("--workers", type=whole_number(1, 64), default=8, metavar="N", help="parallel downloads")
    sp.add_argument("--timeout", type=_seconds, default=60.0, metavar="SECONDS",
                    help="the most one picture's answer may take, whole (default 60); a picture "
                    "that takes longer is tried again, then counted as missing")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.set_defaults(func=cmd_prefetch)

    sp = actions.add_parser("smileys", help="download every smiley of the forum's current packs",
                            description="download every smiley of the forum's current packs (the "
                            "catalogue shipped with s1reader), so every post shows its smileys "
                            "offline; cached smileys are skipped, so an interrupted run resumes")
    _shared_options(sp)
    sp.add_argument("--workers", type=whole_number(1, 64), default=8, metavar="N", help="parallel downloads")
    sp.add_argument("--timeout", type=_seconds, default=60.0, metavar="SECONDS",
                    help="the most one smiley's answer may take, whole (default 60)")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.set_defaults(func=cmd_smileys)

    sp = actions.add_parser("export", help="write the picture cache to one zip file",
                            description="write every cached smiley and image to FILE.zip, to carry "
                            "them to a machine without network (`media import` there)")
    _shared_options(sp)
    sp.add_argument("file", metavar="FILE.zip")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.set_defaults(func=cmd_media_export)

    sp = actions.add_parser("import", help="add the pictures of a `media export` zip file to the cache",
                            description="add the pictures of FILE.zip (written by `media export`) "
                            "to this machine's picture cache; pictures already cached are skipped")
    _shared_options(sp)
    sp.add_argument("file", metavar="FILE.zip")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    sp.set_defaults(func=cmd_media_import)

    sp = actions.add_parser("stats", help="what the cache holds, and what the library still misses")
    _shared_options(sp)
    sp.set_defaults(func=cmd_media_stats)

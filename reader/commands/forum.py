"""Forum commands: ``fetch`` (save a thread from the forum) and ``refresh`` (fetch what is new),
``followed`` (list saved threads). Progress goes to stderr, the summary to stdout."""

from __future__ import annotations

import argparse
import re
import sys
import time

from ..config import resolve_paths
from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PARTIAL,
    AddCommand,
    CliError,
    open_store,
    plural,
    print_json,
    seconds,
    table,
)
from .terminal import control

_PAGES_RE = re.compile(r"^(\d+)(?:-(\d*))?$")


def _pages(text: str | None) -> tuple[int, int | None] | None:
    if text is None:
        return None
    m = _PAGES_RE.match(text.strip())
    if not m or int(m.group(1)) < 1:
        raise CliError(f"--pages wants A, A-B or A- (from page A to the end), not {text!r}")
    first = int(m.group(1))
    if m.group(2) is None:
        return first, first
    last = int(m.group(2)) if m.group(2) else None
    if last is not None and last < first:
        raise CliError(f"--pages {text}: the last page is before the first")
    return first, last


class _Progress:
    """One line per page on stderr (a live line on a terminal)."""

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.tty = sys.stderr.isatty()

    def __call__(self, p) -> None:
        if self.quiet:
            return
        line = (f"thread {p.tid} {p.title[:40]}: page {p.page}/{p.last_page}, "
                f"{p.posts_added} new posts")
        if self.tty:
            control(sys.stderr, "\r\033[K")
            sys.stderr.write(line)
        else:
            sys.stderr.write(line + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.tty and not self.quiet:
            sys.stderr.write("\n")


def _client(args: argparse.Namespace):
    from ..config import offline_forced
    from ..forum.client import CACHE_NAME, ForumClient

    if offline_forced():
        raise CliError("S1READER_OFFLINE is set, so nothing is fetched from the forum; "
                       "unset it to fetch or refresh threads")
    paths = resolve_paths(args.home).ensure()
    return ForumClient(base_url=args.base, cache_path=paths.cache / CACHE_NAME, delay=args.delay,
                       timeout=args.timeout)


def cmd_fetch(args: argparse.Namespace) -> int:
    from ..forum.client import KIND_BAD_RESPONSE, KIND_HTTP, KIND_NETWORK, ForumError
    from ..forum.links import LinkError, parse_thread_link
    from ..forum.sync import FetchCancelled, ThreadFetcher

    try:
        link = parse_thread_link(args.thread)
    except LinkError as e:
        raise CliError(str(e)) from None
    pages = _pages(args.pages)
    open_store(args)
    progress = _Progress(args.quiet)
    started = time.monotonic()
    with _client(args) as client:
        try:
            result = ThreadFetcher(client, progress=progress).fetch(link.tid, pages)
        except ForumError as e:
            progress.done()
            retry = e.kind in (KIND_HTTP, KIND_NETWORK, KIND_BAD_RESPONSE)
            hint = "; the pages stored before the error are kept, run the command again to continue"
            raise CliError(f"{e}{hint if retry else ''}") from None
        except (KeyboardInterrupt, FetchCancelled):
            progress.done()
            sys.stderr.write(f"\ns1reader: fetch of thread {link.tid} interrupted; the pages stored so "
                             "far are kept, run the same command again to continue\n")
            return 130
    progress.done()
    if args.json:
        print_json({**result.as_dict(), "seconds": round(time.monotonic() - started, 3)})
    else:
        span = f"pages {result.pages[0]}–{result.pages[-1]}" if result.pages else "no pages"
        print(f"thread {result.tid} {result.title}: {result.posts_added} new posts, "
              f"{result.posts_updated} updated ({span}, {result.fetched_position}/{result.last_position} "
              f"positions stored)")
    return EXIT_OK


def cmd_refresh(args: argparse.Namespace) -> int:
    from ..forum.links import LinkError, parse_thread_link
    from ..forum.sync import ThreadFetcher
    from ..store.followed import followed_threads

    open_store(args)
    if args.threads and args.all:
        raise CliError("give thread ids or --all, not both")
    try:
        tids = [parse_thread_link(t).tid for t in args.threads] if args.threads else None
    except LinkError as e:
        raise CliError(str(e)) from None
    if tids is None and not followed_threads():
        raise CliError("no followed threads yet: save one with `s1reader fetch URL`")
    progress = _Progress(args.quiet)
    try:
        with _client(args) as client:
            outcomes = ThreadFetcher(client, progress=progress).refresh(tids)
    except KeyboardInterrupt:
        progress.done()
        sys.stderr.write("\ns1reader: refresh interrupted; pages stored so far are kept\n")
        return 130
    progress.done()
    failed = [o for o in outcomes if o.error]
    for o in failed:
        sys.stderr.write(f"s1reader: thread {o.tid}: {o.error}\n")
    if args.json:
        print_json({
            "threads": [o.as_dict() for o in outcomes],
            "posts_added": sum(o.result.posts_added for o in outcomes if o.result),
            "failed": len(failed),
        })
    else:
        for o in outcomes:
            if o.result:
                print(f"thread {o.tid} {o.result.title}: {o.result.posts_added} new posts")
        total = sum(o.result.posts_added for o in outcomes if o.result)
        print(f"{plural(len(outcomes), 'thread')} refreshed, {plural(total, 'new post')}, "
              f"{len(failed)} failed")
    if failed:
        return EXIT_ERROR if len(failed) == len(outcomes) else EXIT_PARTIAL
    return EXIT_OK


def cmd_followed(args: argparse.Namespace) -> int:
    from ..store.followed import followed_threads

    open_store(args)
    threads = followed_threads()
    if args.json:
        print_json([f.as_dict() for f in threads])
        return EXIT_OK
    rows = [[str(f.tid), str(f.post_count), f"{f.fetched_position}/{f.max_position}",
             f.checked_at.strftime("%Y-%m-%d %H:%M") if f.checked_at else "", f.title,
             f.last_error or ""] for f in threads]
    print(table(rows, ["tid", "posts", "stored", "checked", "title", "last error"]))
    return EXIT_OK


def _forum_options(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--base", metavar="URL", default=None,
                    help="the forum's base URL (default: $S1READER_FORUM_BASE or https://stage1st.com/2b/)")
    sp.add_argument("--delay", type=seconds(0, 3600), default=1.0, metavar="SECONDS",
                    help="pause between two requests to the forum (default 1)")
    sp.add_argument("--timeout", type=seconds(0.1, 3600), default=20.0, metavar="SECONDS", help="per request")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def register(add: AddCommand) -> None:
    sp = add("fetch", "save a thread from the forum (a link in any form, or its tid); run again "
             "to continue an interrupted fetch")
    sp.add_argument("thread", metavar="URL|TID")
    sp.add_argument("--pages", metavar="A-B", help="only these pages (A, A-B, or A- to the end)")
    _forum_options(sp)
    sp.set_defaults(func=cmd_fetch)

    sp = add("refresh", "fetch the new posts of followed threads (default: all of them)")
    sp.add_argument("threads", nargs="*", metavar="TID")
    sp.add_argument("--all", action="store_true", help="every followed thread (the default)")
    _forum_options(sp)
    sp.set_defaults(func=cmd_refresh)

    sp = add("followed", "list the threads saved from the forum")
    sp.set_defaults(func=cmd_followed)

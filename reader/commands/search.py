"""``s1reader search QUERY``: full-text search over the library."""

from __future__ import annotations

import argparse
import sys

from .common import COUNT, EXIT_OK, AddCommand, CliError, open_store, print_json, whole_number
from .terminal import control


def _print_snippet(snippet: str, marks: tuple[tuple[int, int], ...], tty: bool) -> None:
    """The snippet, indented, its hits in bold yellow on a terminal."""
    sys.stdout.write("  ")
    pos = 0
    for start, end in marks if tty else ():
        if start < pos:
            continue
        sys.stdout.write(snippet[pos:start])
        control(sys.stdout, "\033[1;33m")
        sys.stdout.write(snippet[start:end])
        control(sys.stdout, "\033[0m")
        pos = end
    sys.stdout.write(snippet[pos:] + "\n")


def _print_hits(hits, tty: bool) -> None:
    for h in hits:
        print(f"\n{h.title}  [tid {h.tid} · {h.floor}# · {h.author} · {h.posted_at:%Y-%m-%d %H:%M}]")
        _print_snippet(h.snippet, h.highlights, tty)


def _cmd_saved(args: argparse.Namespace) -> int:
    """``search --saved NAME``: its new hits first; opening it marks them seen (not with
    ``--new``, which only lists what arrived, or ``--keep-new``)."""
    from ..store import watches
    from ..store.search import QueryError

    if args.query:
        raise CliError("give either a query or --saved NAME, not both")
    try:
        opened = watches.open_watch(args.saved, limit=0 if args.new else args.limit,
                                    mark=not (args.new or args.keep_new))
    except (watches.WatchError, QueryError) as e:
        raise CliError(str(e)) from None
    if args.json:
        out = {"name": opened.info.name, "query": opened.info.query, "new": len(opened.new),
               "new_hits": [h.as_dict() for h in opened.new]}
        if not args.new:
            out["total"] = opened.info.total
            out["total_is_estimate"] = opened.info.total_is_estimate
            out["hits"] = [h.as_dict() for h in opened.others.hits]
        print_json(out)
        return EXIT_OK
    tty = sys.stdout.isatty()
    print(f"{opened.info.name} ({opened.info.query}): {len(opened.new)} new posts")
    _print_hits(opened.new, tty)
    if not args.new:
        about = "about " if opened.info.total_is_estimate else ""
        print(f"\n{about}{opened.info.total} posts match in all")
        _print_hits(opened.others.hits, tty)
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    from ..store.search import QueryError, search

    open_store(args)
    if args.saved:
        return _cmd_saved(args)
    if args.new or args.keep_new:
        raise CliError("--new and --keep-new go with --saved NAME")
    if not args.query:
        raise CliError("type what to search for, or --saved NAME for a saved search")
    try:
        result = search(" ".join(args.query), limit=args.limit, offset=args.offset, order=args.order)
    except QueryError as e:
        raise CliError(str(e)) from None
    if args.json:
        print_json(result.as_dict())
        return EXIT_OK
    tty = sys.stdout.isatty()
    shown = f"{result.offset + 1}-{result.offset + len(result.hits)}" if result.hits else "0"
    about = "about " if result.total_is_estimate else ""
    print(f"{about}{result.total} posts match; showing {shown}")
    _print_hits(result.hits, tty)
    return EXIT_OK


def cmd_watch(args: argparse.Namespace) -> int:
    from ..store import watches
    from ..store.search import QueryError

    open_store(args)
    try:
        if args.action == "add":
            if not args.name or not args.query:
                raise CliError("usage: s1reader watch add NAME QUERY…")
            info = watches.add_watch(args.name, " ".join(args.query))
            if args.json:
                print_json(info.as_dict())
            else:
                print(f"saved {info.name!r} ({info.query}); new posts are counted from now on")
        elif args.action == "remove":
            if not args.name or args.query:
                raise CliError("usage: s1reader watch remove NAME")
            if not watches.remove_watch(args.name):
                raise CliError(f"no saved search named {args.name!r} (see `s1reader watch list`)")
            if args.json:
                print_json({"removed": args.name})
            else:
                print(f"removed {args.name!r}")
        else:
            infos = watches.list_watches()
            if args.json:
                print_json([i.as_dict() for i in infos])
            else:
                for i in infos:
                    about = "about " if i.total_is_estimate else ""
                    seen = f"{i.last_seen_at:%Y-%m-%d %H:%M}" if i.last_seen_at else "never"
                    print(f"{i.name}  [{i.query}]  {i.new} new, {about}{i.total} in all "
                          f"(last opened: {seen})")
    except (watches.WatchError, QueryError) as e:
        raise CliError(str(e)) from None
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("search", "full-text search over every saved post (Chinese included)")
    sp.add_argument("query", nargs="*", metavar="QUERY",
                    help='words, "a phrase", -exclude, author:NAME, board:NAME, thread:TID, '
                         "before:YYYY-MM-DD, after:YYYY-MM-DD, in:quote, -in:quote")
    sp.add_argument("--limit", type=whole_number(0, 10_000), default=20, metavar="N")
    sp.add_argument("--offset", type=COUNT, default=0, metavar="N")
    sp.add_argument("--order", choices=["relevance", "newest"], default="relevance")
    sp.add_argument("--saved", metavar="NAME",
                    help="run the saved search NAME (关注): its new posts first; marks them seen")
    sp.add_argument("--new", action="store_true",
                    help="with --saved: only the posts that arrived since it was last opened "
                         "(does not mark them seen)")
    sp.add_argument("--keep-new", action="store_true",
                    help="with --saved: list everything but leave the new posts new")
    sp.dashes_are_words = True  # `search 原神 -米哈游`: the exclusion belongs to the query
    sp.set_defaults(func=cmd_search)

    sp = add("watch", "saved searches (关注): add NAME QUERY…, list, remove NAME; the posts "
             "that arrive for each are counted (see search --saved)")
    sp.add_argument("action", choices=["add", "list", "remove"])
    sp.add_argument("name", nargs="?", metavar="NAME")
    sp.add_argument("query", nargs="*", metavar="QUERY")
    sp.dashes_are_words = True
    sp.set_defaults(func=cmd_watch)

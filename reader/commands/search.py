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


def cmd_search(args: argparse.Namespace) -> int:
    from ..store.search import QueryError, search

    open_store(args)
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
    for h in result.hits:
        print(f"\n{h.title}  [tid {h.tid} · {h.floor}# · {h.author} · {h.posted_at:%Y-%m-%d %H:%M}]")
        _print_snippet(h.snippet, h.highlights, tty)
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("search", "full-text search over every saved post (Chinese included)")
    sp.add_argument("query", nargs="+", metavar="QUERY",
                    help='words, "a phrase", -exclude, author:NAME, board:NAME, thread:TID, '
                         "before:YYYY-MM-DD, after:YYYY-MM-DD, in:quote, -in:quote")
    sp.add_argument("--limit", type=whole_number(0, 10_000), default=20, metavar="N")
    sp.add_argument("--offset", type=COUNT, default=0, metavar="N")
    sp.add_argument("--order", choices=["relevance", "newest"], default="relevance")
    sp.dashes_are_words = True  # `search 原神 -米哈游`: the exclusion belongs to the query
    sp.set_defaults(func=cmd_search)

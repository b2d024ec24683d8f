"""The command line: ``s1reader [--home DIR] COMMAND …`` over the same store as the window.

With no command it opens the window. ``--json`` gives stable JSON on stdout (field names are
documented in README.md); errors go to stderr with a non-zero exit status. The commands
themselves live in ``reader.commands``, one module per group.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .commands import GROUPS
from .commands.common import EXIT_BUSY, EXIT_ERROR, EXIT_OK, ID, CliError, CommandParser, print_json


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="s1reader",
        description="Offline reader for Stage1st forum thread archives. "
        "Without a command it opens the window.",
    )
    p.add_argument("--version", action="version", version=f"s1reader {__version__}")
    p.add_argument("--home", metavar="DIR", help="keep library, cache and settings under DIR "
                   "(default: the platform's folders; env S1READER_HOME)")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="render the window offscreen to OUT.png and exit")
    p.add_argument("--thread", type=ID, metavar="TID", help="thread to open (with --screenshot)")
    p.add_argument("--floor", type=ID, metavar="N", help="floor to show (with --screenshot)")
    p.add_argument("--size", metavar="WxH", help="window size (with --screenshot), e.g. 1280x800")
    p.add_argument("--dialog", choices=("about",),
                   help="with --screenshot: open this dialog and render it instead of the window")
    p.add_argument("--page", choices=("posts", "digest", "gallery"),
                   help="with --screenshot: show this page of the thread (default: its posts)")
    p.add_argument("--json", dest="screenshot_json", action="store_true",
                   help="with --screenshot: describe what was rendered (window title, thread, "
                   "language, texts) as JSON on stdout")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=CommandParser)

    def add(name: str, helptext: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=helptext, description=helptext)
        sp.add_argument("--json", action="store_true", help="JSON on stdout")
        sp.add_argument("--home", metavar="DIR", default=argparse.SUPPRESS,
                        help="as the global --home")
        return sp

    for group in GROUPS:
        group.register(add)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from .ui.app import run_gui

        return run_gui(args.home, screenshot=args.screenshot, thread=args.thread,
                       floor=args.floor, size=args.size, dialog=args.dialog, page=args.page,
                       describe=args.screenshot_json, end_process=True)
    if getattr(args, "func", None) is None:  # a group without a subcommand
        parser.parse_args([args.command, "--help"])
    from .commands.terminal import guarded_output

    with guarded_output():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from .store.db import DiskFull, LibraryBusy, in_chain, is_busy, is_disk_full
    from .store.models import database

    try:
        return args.func(args)
    except CliError as e:
        sys.stderr.write(f"s1reader: {e}\n")
        if getattr(args, "json", False):  # a program reading stdout learns what went wrong too
            print_json({"error": e.as_dict()})
        return e.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:
        # the error that matters may hide behind one of cleaning up after it (a rollback of a
        # transaction SQLite had already ended, a transaction stack popped twice)
        full = in_chain(e, is_disk_full)
        if full is not None:
            where = getattr(full, "filename", None) or database.database or "the library"
            message = DiskFull(where)
            sys.stderr.write(f"s1reader: {message}\n")
            if getattr(args, "json", False):
                print_json({"error": {"kind": "disk_full", "message": str(message), "tid": None}})
            return EXIT_ERROR
        busy = in_chain(e, is_busy)
        if busy is None:
            raise
        # another program (the window, an import) held the write lock past the busy timeout
        message = LibraryBusy(detail=str(busy))
        sys.stderr.write(f"s1reader: {message}\n")
        if getattr(args, "json", False):
            print_json({"error": {"kind": "busy", "message": str(message), "tid": None}})
        return EXIT_BUSY


if __name__ == "__main__":
    sys.exit(main())

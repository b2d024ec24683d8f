"""``s1reader export TID --format md|html [-o PATH]``: write a stored thread out of the library."""

from __future__ import annotations

import argparse

from .common import EXIT_OK, AddCommand, CliError, open_store, print_json


def cmd_export(args: argparse.Namespace) -> int:
    from ..export.thread import ExportError, export_html, export_markdown

    open_store(args)
    dest = args.output or "."
    write = export_markdown if args.format == "md" else export_html
    try:
        result = write(args.tid, dest)
    except ExportError as e:
        raise CliError(str(e)) from None
    if args.json:
        print_json({**result.as_dict(), "format": args.format})
    else:
        for f in result.files:
            print(f)
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("export", "write a thread in the archive format (md: importable again) or as one HTML page")
    sp.add_argument("tid", type=int)
    sp.add_argument("--format", choices=["md", "html"], default="md")
    sp.add_argument("-o", "--output", metavar="PATH",
                    help="md: a folder (archive layout <board>/<tid>-NN[title].md, 1500 floors per file) "
                         "or one FILE.md; html: a folder or FILE.html (default: the current folder)")
    sp.set_defaults(func=cmd_export)

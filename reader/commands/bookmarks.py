"""Bookmark and user-data commands: ``bookmark add|list|edit|remove``, ``userdata export|import``."""

from __future__ import annotations

import argparse
import sys

from .common import EXIT_OK, ID, AddCommand, CliError, open_store, print_json, table, warn_damaged_user_data


def print_err(text: str) -> None:
    sys.stderr.write(text + "\n")


def cmd_bookmark(args: argparse.Namespace) -> int:
    from ..store import userdata

    open_store(args, create=args.action == "add")
    try:
        if args.action == "add":
            if args.tid is None or args.floor is None:
                raise CliError("bookmark add needs TID and FLOOR")
            before = {b.id: b for b in userdata.list_bookmarks(tid=args.tid)
                      if b.floor == args.floor and (not args.author or b.author == args.author)}
            info = userdata.add_bookmark(args.tid, args.floor, note=args.note or "",
                                         tags=args.tag, author=args.author)
            result = info.as_dict()
            old = before.get(info.id)
            result["existed"] = old is not None
            if old is not None:
                # the post was bookmarked already: say what changed instead of replacing silently
                result["previous_note"] = old.note
                if old.note and old.note != info.note:
                    print_err(f"s1reader: bookmark {info.id} already existed; its note "
                              f"{old.note!r} was replaced by {info.note!r} "
                              "(bookmark edit --id to change it back)")
                else:
                    print_err(f"s1reader: bookmark {info.id} already existed; note and tags "
                              "updated where given")
        elif args.action == "edit":
            if args.id is None:
                raise CliError("bookmark edit needs --id")
            result = userdata.update_bookmark(args.id, note=args.note, tags=args.tag).as_dict()
        elif args.action == "remove":
            bid = args.id if args.id is not None else args.tid
            if bid is None:
                raise CliError("bookmark remove needs the bookmark ID")
            result = {"removed": userdata.remove_bookmark(bid).as_dict()}
        else:
            result = [b.as_dict() for b in userdata.list_bookmarks(
                text=args.filter, tag=(args.tag or [None])[0], tid=args.tid, order=args.sort)]
    except userdata.UserDataError as e:
        raise CliError(str(e)) from None
    if args.json:
        print_json(result)
    elif isinstance(result, list):
        rows = [[str(b["id"]), str(b["tid"]), f"{b['floor']}#", b["author"],
                 (b["thread_title"] or "(not in the library)")[:30], b["note"][:30], ",".join(b["tags"]),
                 "missing" if b["missing"] else b["first_line"][:30]] for b in result]
        print(table(rows, ["id", "tid", "floor", "author", "thread", "note", "tags", "post"]))
    else:
        b = result.get("removed", result)
        verb = "removed" if "removed" in result else (
            "updated bookmark" if result.get("existed") else "bookmark")
        print(f"{verb} {b['id']}: tid {b['tid']} {b['floor']}# {b['author']}"
              + (f" — {b['note']}" if b["note"] else ""))
    warn_damaged_user_data()
    return EXIT_OK


def cmd_userdata(args: argparse.Namespace) -> int:
    from ..store import userdata

    # an export reads an older library as it is: it is the user's copy before any upgrade
    open_store(args, rescue=args.action == "export", upgrade=args.action != "export",
               create=args.action == "import")
    try:
        if args.action == "export":
            counts = userdata.export_userdata(args.file)
        else:
            counts = userdata.import_userdata(args.file)
    except userdata.UserDataError as e:
        raise CliError(str(e)) from None
    except OSError as e:
        raise CliError(f"{args.file}: {e.strerror or e}") from None
    if args.json:
        print_json({"file": str(args.file), **counts})
    else:
        verb = "wrote" if args.action == "export" else "merged"
        print(f"{verb} {counts['bookmarks']} bookmarks, {counts['user_marks']} blocked/highlighted "
              f"users, {counts['filter_rules']} keyword rules, {counts['read_state']} reading positions, "
              f"{counts['saved_searches']} saved searches")
    warn_damaged_user_data()
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("bookmark", "bookmarks of posts (add TID FLOOR, list, edit --id, remove ID)")
    sp.add_argument("action", choices=["add", "list", "edit", "remove"])
    sp.add_argument("tid", nargs="?", type=ID, help="thread (add, list) or bookmark id (remove)")
    sp.add_argument("floor", nargs="?", type=ID)
    sp.add_argument("--note")
    sp.add_argument("--tag", action="append", help="a tag (repeatable)")
    sp.add_argument("--author", help="with add: which post, where several share the floor")
    sp.add_argument("--id", type=ID, help="the bookmark (edit, remove)")
    sp.add_argument("--filter", help="with list: only bookmarks whose note, author, thread or text "
                    "contains TEXT")
    sp.add_argument("--sort", choices=["created", "thread"], default="created")
    sp.set_defaults(func=cmd_bookmark)

    sp = add("userdata", "back up or restore bookmarks, block/highlight lists, rules, reading "
             "positions, saved searches")
    sp.add_argument("action", choices=["export", "import"])
    sp.add_argument("file")
    sp.set_defaults(func=cmd_userdata)

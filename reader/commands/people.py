"""Commands about authors and quoting: ``author NAME``, ``replies TID FLOOR``, ``block``, ``highlight``,
``rule`` (keyword rules)."""

from __future__ import annotations

import argparse

from .common import (
    DAYS,
    EXIT_OK,
    ID,
    AddCommand,
    CliError,
    open_store,
    plural,
    print_json,
    table,
    warn_damaged_user_data,
    whole_number,
)


def cmd_author(args: argparse.Namespace) -> int:
    from ..store.authors import author_page, author_posts

    open_store(args)
    page = author_page(args.name)
    if page is None:
        raise CliError(f"no posts by {args.name!r} in the library")
    data = page.as_dict()
    if args.posts:
        data["recent_posts"] = author_posts(args.name, limit=args.posts)
    if args.json:
        print_json(data)
        return EXIT_OK
    print(f"{page.name}: {plural(page.posts, 'post')} in {plural(len(page.threads), 'thread')}, "
          f"{page.first_seen:%Y-%m-%d} – {page.last_seen:%Y-%m-%d}")
    print(table([[b["board"], str(b["posts"]), str(b["threads"])] for b in page.boards],
                ["board", "posts", "threads"]))
    print()
    print(table([[str(t["tid"]), str(t["posts"]), t["title"]] for t in page.threads],
                ["tid", "posts", "title"]))
    if args.posts:
        print()
        print(table([[str(p["tid"]), f"{p['floor']}#", p["posted_at"][:16].replace("T", " "),
                      p["first_line"][:60]] for p in data["recent_posts"]],
                    ["tid", "floor", "posted", "recent posts"]))
    return EXIT_OK


def cmd_replies(args: argparse.Namespace) -> int:
    from ..store import queries
    from ..store.authors import replies_to

    open_store(args)
    posts = queries.thread_posts(args.tid, from_floor=args.floor, limit=50)
    posts = [p for p in posts if p.floor == args.floor]
    if not posts:
        raise CliError(f"thread {args.tid} has no post at floor {args.floor} in the library")
    replies = [r for p in posts for r in replies_to(p.id)]
    if args.json:
        print_json(replies)
        return EXIT_OK
    print(f"{plural(len(replies), 'post')} quote{'s' if len(replies) == 1 else ''} "
          f"{args.tid} floor {args.floor}")
    for r in replies:
        print(f"  {r['tid']} {r['floor']}#  {r['author']}  {r['posted_at'][:16]}  {r['first_line']}")
    return EXIT_OK


def _mark_cmd(kind: str):
    def run(args: argparse.Namespace) -> int:
        from ..store import userdata

        open_store(args, create=args.action == "add")
        try:
            if args.action == "add":
                m = userdata.mark_user(args.name, kind, note=args.note or "",
                                       color=getattr(args, "color", None), days=args.days)
                result = m.as_dict()
            elif args.action == "remove":
                if not userdata.unmark_user(args.name, kind):
                    raise CliError(f"{args.name!r} is not on the {kind} list")
                result = {"removed": args.name}
            else:
                result = [m.as_dict() for m in userdata.list_marks(kind)]
        except userdata.UserDataError as e:
            raise CliError(str(e)) from None
        if args.json:
            print_json(result)
        elif isinstance(result, list):
            print(table([[m["name"], m["note"], m["created_at"][:10], (m["expires_at"] or "")[:10]]
                         + ([m["color"] or ""] if kind == "highlight" else []) for m in result],
                        ["name", "note", "since", "expires"] + (["color"] if kind == "highlight" else [])))
        elif "removed" in result:
            print(f"removed {result['removed']} from the {kind} list")
        else:
            print(f"{kind}: {result['name']}" + (f" — {result['note']}" if result["note"] else ""))
        warn_damaged_user_data()
        return EXIT_OK

    return run


def cmd_rule(args: argparse.Namespace) -> int:
    from ..store import userdata

    open_store(args, create=args.action == "add")
    try:
        if args.action == "add":
            if not args.pattern:
                raise CliError("rule add needs a PATTERN")
            result = userdata.add_rule(args.pattern, is_regex=args.regex, target=args.target,
                                       action=args.do, note=args.note or "", days=args.days).as_dict()
        elif args.action == "remove":
            if args.id is None or not userdata.remove_rule(args.id):
                raise CliError("rule remove needs the --id of an existing rule (see `s1reader rule list`)")
            result = {"removed": args.id}
        else:
            result = [r.as_dict() for r in userdata.list_rules()]
    except userdata.UserDataError as e:
        raise CliError(str(e)) from None
    if args.json:
        print_json(result)
    elif isinstance(result, list):
        print(table([[str(r["id"]), r["pattern"], "regex" if r["is_regex"] else "word", r["target"],
                      r["action"], (r["expires_at"] or "")[:10]] for r in result],
                    ["id", "pattern", "kind", "target", "action", "expires"]))
    elif "removed" in result:
        print(f"removed rule {result['removed']}")
    else:
        print(f"rule {result['id']}: {result['action']} {result['target']}s matching {result['pattern']!r}")
    warn_damaged_user_data()
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("author", "everything one author wrote across the library")
    sp.add_argument("name")
    sp.add_argument("--posts", type=whole_number(0, 100_000), default=0, metavar="N",
                    help="also list the N newest posts")
    sp.set_defaults(func=cmd_author)

    sp = add("replies", "the posts that quote a post")
    sp.add_argument("tid", type=ID)
    sp.add_argument("floor", type=ID)
    sp.set_defaults(func=cmd_replies)

    for kind, helptext in (("block", "blocked users: their posts are collapsed or hidden everywhere"),
                           ("highlight", "highlighted users: their posts get a coloured edge")):
        sp = add(kind, helptext)
        sp.add_argument("action", choices=["add", "remove", "list"])
        sp.add_argument("name", nargs="?", default="")
        sp.add_argument("--note", help="why")
        sp.add_argument("--days", type=DAYS, help="expire after N days")
        if kind == "highlight":
            sp.add_argument("--color", default=None, help="a colour such as #e8a317")
        sp.set_defaults(func=_mark_cmd(kind))

    sp = add("rule", "keyword rules: hide or collapse posts (or hide threads) that match")
    sp.add_argument("action", choices=["add", "remove", "list"])
    sp.add_argument("pattern", nargs="?", default="")
    sp.add_argument("--regex", action="store_true", help="PATTERN is a regular expression")
    sp.add_argument("--target", choices=["post", "title"], default="post")
    sp.add_argument("--do", choices=["hide", "collapse"], default="collapse")
    sp.add_argument("--note")
    sp.add_argument("--days", type=DAYS, help="expire after N days")
    sp.add_argument("--id", type=ID, help="the rule to remove")
    sp.set_defaults(func=cmd_rule)

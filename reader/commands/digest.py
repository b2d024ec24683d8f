"""Digest commands: ``digest TID`` (what a long thread is about: the posts worth reading, posts
per day, who talks, how many images) and ``images TID`` (every image of a thread, with whether
the media cache holds it)."""

from __future__ import annotations

import argparse

from .common import (
    EXIT_OK,
    ID,
    AddCommand,
    CliError,
    library_paths,
    open_store,
    print_json,
    table,
    whole_number,
)


def _known_thread(tid: int) -> None:
    from ..store import queries

    if queries.get_thread(tid) is None:
        raise CliError(f"thread {tid} is not in the library (see `s1reader threads`)")


def _post_rows(posts, figure) -> list[list[str]]:
    return [[f"{p.floor}#", p.author, p.posted_at.strftime("%Y-%m-%d %H:%M"), figure(p),
             p.first_line[:40]] for p in posts]


def cmd_digest(args: argparse.Namespace) -> int:
    from ..store.digest import thread_digest

    open_store(args)
    _known_thread(args.tid)
    digest = thread_digest(args.tid, limit=args.limit)
    assert digest is not None
    if args.json:
        print_json(digest.as_dict())
        return EXIT_OK
    span = (f"{digest.first_post_at:%Y-%m-%d} – {digest.last_post_at:%Y-%m-%d}"
            if digest.first_post_at and digest.last_post_at else "")
    print(f"{digest.title}  [{digest.board} · tid {digest.tid}]")
    print(f"{digest.posts:,} posts by {digest.author_count:,} authors, {span}; "
          f"{digest.rated_posts} rated, {digest.quoted_posts:,} quoted, "
          f"{digest.image_count:,} images in {digest.image_posts:,} posts")
    heads = ["floor", "author", "posted", "", "first line"]
    sections = (
        ("Most rated", digest.most_rated, lambda p: f"{p.rating:+d} ({p.raters} raters)"),
        ("Most quoted", digest.most_quoted, lambda p: f"quoted {p.quoted_by}×"),
        (f"Thread starter {digest.op_name or ''} ({digest.op_post_count} posts)", digest.op_posts,
         lambda p: ""),
        ("Longest posts with images", digest.longest_with_images,
         lambda p: f"{p.length:,} chars, {p.images} img"),
    )
    for title, posts, figure in sections:
        if posts:
            print(f"\n{title}")
            print(table(_post_rows(posts, figure), heads))
    busiest = sorted(digest.per_day, key=lambda b: -b.posts)[:5]
    if busiest:
        print("\nBusiest days")
        print(table([[f"{b.start:%Y-%m-%d}", str(b.posts), f"{b.first_floor}#"] for b in busiest],
                    ["date", "posts", "first floor"]))
    print("\nWho talks")
    print(table([[a.name, str(a.posts), f"{a.share:.1%}"] for a in digest.authors],
                ["author", "posts", "share"]))
    return EXIT_OK


def cmd_images(args: argparse.Namespace) -> int:
    from ..media import MediaCache, MediaSettings
    from ..media.collect import thread_images
    from ..media.inline import inline_label, is_inline

    open_store(args)
    _known_thread(args.tid)
    images = thread_images(args.tid)
    pasted = {i.key for i in images if is_inline(i.url)}
    with MediaCache(library_paths(args), MediaSettings(offline=True)) as cache:
        known = cache.known(sorted({i.key for i in images} - pasted))
        # a picture pasted into the post is in the library itself: "inline", or "invalid" when
        # its bytes are no picture (decoded here, as the window would)
        for key in pasted:
            known[key] = "inline" if cache.lookup(key).cached else "invalid"
    # what the window would show: cached, gone, invalid, or missing (never fetched, or failed)
    status = {k: (s if s in ("cached", "gone", "invalid", "inline") else "missing")
              for k, s in known.items()}
    rows = []
    for i in images:
        row = {**i.as_dict(), "status": status.get(i.key, "missing")}
        if i.key in pasted:  # its URL is the picture itself: named, not printed
            row["url"] = row["key"] = inline_label(i.url)
        rows.append(row)
    cached = sum(r["status"] in ("cached", "inline") for r in rows)
    if args.json:
        print_json({"tid": args.tid, "count": len(rows), "cached": cached, "images": rows})
        return EXIT_OK
    print(table([[f"{r['floor']}#", r["author"], r["status"], r["url"]] for r in rows],
                ["floor", "author", "cache", "url"]))
    print(f"\n{len(rows)} images, {cached} cached or pasted into their post "
          f"(`s1reader media prefetch {args.tid}` downloads the others)")
    return EXIT_OK


def register(add: AddCommand) -> None:
    sp = add("digest", "what a thread is about: the posts worth reading, posts per day, who talks")
    sp.add_argument("tid", type=ID)
    sp.add_argument("--limit", type=whole_number(0, 10_000), default=10, metavar="N",
                    help="posts per list and authors (default 10)")
    sp.set_defaults(func=cmd_digest)

    sp = add("images", "every image of a thread, in reading order, and whether it is cached")
    sp.add_argument("tid", type=ID)
    sp.set_defaults(func=cmd_images)

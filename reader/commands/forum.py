"""Forum commands: ``fetch`` (save a thread from the forum) and ``refresh`` (fetch what is new),
``followed`` (list saved threads), ``login`` / ``logout`` (the forum account they read with).
Progress goes to stderr, the summary to stdout; with ``--json`` a failure is also a JSON object
on stdout (``{"error": {"kind", "message", "tid"}}``)."""

from __future__ import annotations

import argparse
import re
import sys
import time

from .common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_PARTIAL,
    AddCommand,
    CliError,
    library_paths,
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


def _offline_refused(what: str) -> None:
    from ..config import offline_forced

    if offline_forced():
        raise CliError(f"S1READER_OFFLINE is set, so nothing is sent to the forum; unset it to {what}",
                       "offline")


def _store():
    from ..forum.account import AccountError, SessionStore

    try:
        return SessionStore()
    except AccountError as e:
        raise CliError(str(e), "account") from None


def _saved_session(args: argparse.Namespace):
    """The session kept for the forum of ``--base`` (None: guest, or ``--guest``)."""
    from ..forum.account import AccountError
    from ..forum.client import host_of

    if getattr(args, "guest", False):
        return None
    try:
        return _store().load(host_of(args.base))
    except AccountError as e:
        sys.stderr.write(f"s1reader: warning: {e}; reading the forum as a guest\n")
        return None


def _client(args: argparse.Namespace):
    from ..forum.client import CACHE_NAME, ForumClient

    _offline_refused("fetch or refresh threads")
    paths = library_paths(args)
    return ForumClient(base_url=args.base, cache_path=paths.cache / CACHE_NAME, delay=args.delay,
                       timeout=args.timeout, retries=args.retries, session=_saved_session(args))


def _warn_if_session_refused(client) -> None:
    if client.session_refused:
        sys.stderr.write(f"s1reader: warning: the forum treated you as a guest: your session as "
                         f"{client.username} has expired; log in again with `s1reader login "
                         f"--username {client.username}`\n")


def cmd_fetch(args: argparse.Namespace) -> int:
    from ..forum.client import KIND_BAD_RESPONSE, KIND_HTTP, KIND_NETWORK, ForumError
    from ..forum.links import LinkError, parse_thread_link
    from ..forum.sync import FetchCancelled, ThreadFetcher

    try:
        link = parse_thread_link(args.thread)
    except LinkError as e:
        raise CliError(str(e), "bad_link") from None
    pages = _pages(args.pages)
    open_store(args, create=True)
    progress = _Progress(args.quiet)
    started = time.monotonic()
    with _client(args) as client:
        try:
            result = ThreadFetcher(client, progress=progress).fetch(link.tid, pages)
        except ForumError as e:
            progress.done()
            retry = e.kind in (KIND_HTTP, KIND_NETWORK, KIND_BAD_RESPONSE)
            hint = "; the pages stored before the error are kept, run the command again to continue"
            raise CliError(f"{e}{hint if retry else ''}", e.kind, link.tid) from None
        except (KeyboardInterrupt, FetchCancelled):
            progress.done()
            sys.stderr.write(f"\ns1reader: fetch of thread {link.tid} interrupted; the pages stored so "
                             "far are kept, run the same command again to continue\n")
            return 130
        _warn_if_session_refused(client)
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
        raise CliError(str(e), "bad_link") from None
    if tids is None and not followed_threads():
        raise CliError("no followed threads yet: save one with `s1reader fetch URL`")
    progress = _Progress(args.quiet)
    try:
        with _client(args) as client:
            outcomes = ThreadFetcher(client, progress=progress).refresh(tids)
            _warn_if_session_refused(client)
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


# -- the account


def _read_password(args: argparse.Namespace) -> str:
    import getpass

    if args.password_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise CliError("no terminal to ask for the password on: give it on standard input with "
                       "--password-stdin", "usage")
    try:
        return getpass.getpass(f"Password for {args.username}: ")
    except (EOFError, KeyboardInterrupt):
        raise CliError("login cancelled", "cancelled") from None


def _answer(args: argparse.Namespace) -> str:
    import getpass

    if not args.question:
        if args.answer:
            raise CliError("--answer needs --question N (the number of the account's security "
                           "question)", "usage")
        return ""
    if args.answer is not None:
        return args.answer
    if sys.stdin.isatty() and not args.password_stdin:
        return getpass.getpass("Answer to the security question: ")
    raise CliError("--question needs --answer TEXT", "usage")


def _status(args: argparse.Namespace) -> int:
    from ..forum.account import AccountError
    from ..forum.client import host_of
    from ..forum.links import forum_base

    store = _store()
    host = host_of(args.base)
    try:
        session = store.load(host)
    except AccountError as e:
        raise CliError(str(e), "account") from None
    info = {"forum": forum_base(args.base), "host": host, "logged_in": session is not None,
            "username": session.username if session else None, "uid": session.uid if session else None,
            "saved_at": session.saved_at if session else None, "store": store.kind,
            "stored_in": store.where}
    if args.json:
        print_json(info)
    elif session is None:
        print(f"not logged in to {info['forum']}: fetch and refresh read it as a guest "
              "(log in with `s1reader login --username NAME`)")
    else:
        print(f"logged in to {info['forum']} as {session.username} (uid {session.uid or '?'}) since "
              f"{session.saved_at}; the session is kept in {store.where}")
    return EXIT_OK


def cmd_login(args: argparse.Namespace) -> int:
    from ..forum.account import AccountError
    from ..forum.errors import ForumError
    from ..forum.links import forum_base
    from ..forum.login import log_in

    if args.status:
        return _status(args)
    if not args.username:
        raise CliError("give --username NAME (or --status to see who is logged in)", "usage")
    _offline_refused("log in")
    answer = _answer(args)
    password = _read_password(args)
    if not password:
        raise CliError("no password given", "usage")
    store = _store()
    try:
        session = log_in(args.base, args.username, password, args.question or 0, answer, args.timeout)
    except ForumError as e:
        raise CliError(str(e), e.kind) from None
    finally:
        password = answer = ""
    try:
        store.save(session)
    except AccountError as e:
        raise CliError(f"logged in, but {e}; nothing was kept, so fetch still reads as a guest",
                       "account") from None
    if args.json:
        print_json({"forum": forum_base(args.base), **session.public(), "store": store.kind,
                    "stored_in": store.where})
    else:
        print(f"logged in to {forum_base(args.base)} as {session.username} (uid {session.uid or '?'}); "
              f"fetch and refresh use this session now. It is kept in {store.where}; "
              "`s1reader logout` removes it")
    return EXIT_OK


def cmd_logout(args: argparse.Namespace) -> int:
    from ..forum.account import AccountError
    from ..forum.client import host_of
    from ..forum.links import forum_base

    store = _store()
    try:
        removed = store.forget(host_of(args.base))
    except AccountError as e:
        raise CliError(str(e), "account") from None
    if args.json:
        print_json({"forum": forum_base(args.base), "logged_out": removed})
    elif removed:
        print(f"logged out of {forum_base(args.base)}: the session was removed from {store.where}; "
              "fetch and refresh read the forum as a guest")
    else:
        print(f"not logged in to {forum_base(args.base)}; nothing to do")
    return EXIT_OK


def _forum_options(sp: argparse.ArgumentParser) -> None:
    _base_option(sp)
    sp.add_argument("--delay", type=seconds(0, 3600), default=1.0, metavar="SECONDS",
                    help="pause between two requests to the forum (default 1)")
    _timeout_option(sp)
    sp.add_argument("--retries", type=int, choices=range(0, 11), default=3, metavar="N",
                    help="how often a page that timed out or failed (5xx, 429) is asked again, "
                    "waiting 2, 4, 8 … s between (default 3)")
    sp.add_argument("--guest", action="store_true",
                    help="read as a guest even when logged in (`s1reader login`)")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")


def _base_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--base", metavar="URL", default=None,
                    help="the forum's base URL (default: $S1READER_FORUM_BASE or https://stage1st.com/2b/)")


def _timeout_option(sp: argparse.ArgumentParser) -> None:
    sp.add_argument("--timeout", type=_seconds, default=20.0, metavar="SECONDS",
                    help="the most one answer of the forum may take, whole (default 20)")


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"seconds between 0 and 3600, not {text}")
    return value


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

    sp = add("login", "log in to the forum, so that fetch and refresh can read what only members "
             "see (the session is kept in the system keyring)")
    sp.add_argument("--username", metavar="NAME", help="the forum account's user name")
    sp.add_argument("--password-stdin", action="store_true",
                    help="read the password from standard input (default: ask for it, without echo)")
    sp.add_argument("--question", type=int, choices=range(0, 8), metavar="N",
                    help="the account's security question: 1 母亲的名字, 2 爷爷的名字, "
                    "3 父亲出生的城市, 4 您其中一位老师的名字, 5 您个人计算机的型号, "
                    "6 您最喜欢的餐馆名称, 7 驾驶执照最后四位数字")
    sp.add_argument("--answer", metavar="TEXT", help="the answer to --question (asked if not given)")
    sp.add_argument("--status", action="store_true", help="say whether and as whom s1reader is logged in")
    _base_option(sp)
    _timeout_option(sp)
    sp.set_defaults(func=cmd_login)

    sp = add("logout", "forget the forum session (fetch and refresh read as a guest again)")
    _base_option(sp)
    sp.set_defaults(func=cmd_logout)

"""What every command shares: errors, JSON output, opening the store, plain-text tables."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

from ..config import resolve_paths
from .terminal import json_text

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3  # finished, but some inputs failed
EXIT_BUSY = 4  # another program kept the library's write lock; nothing was changed

AddCommand = Callable[[str, str], argparse.ArgumentParser]


class CommandParser(argparse.ArgumentParser):
    """The parser of one command. With ``dashes_are_words`` set, a token that is not one of the
    command's own options is a positional even when it starts with ``-``: ``search 原神 -米哈游``
    (an exclusion is a word of the query), where argparse would refuse ``-米哈游`` as an unknown
    option, and read ``-hololive`` as ``-h`` with an argument."""

    dashes_are_words = False

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[override]
        if self.dashes_are_words and args is not None:
            args = self._words_after_options(list(args))
        return super().parse_known_args(args, namespace)

    def _words_after_options(self, args: list[str]) -> list[str]:
        """The command's own options first, then ``--`` and every other token in order."""
        actions = self._option_string_actions  # this parser's own option table
        longs = [s for s in actions if s.startswith("--")]
        options: list[str] = []
        words: list[str] = []
        i = 0
        while i < len(args):
            token = args[i]
            i += 1
            if token == "--":
                words += args[i:]
                break
            name = token.split("=", 1)[0]
            if name not in actions and name.startswith("--"):
                matches = [s for s in longs if s.startswith(name)]  # an abbreviation
                name = matches[0] if len(matches) == 1 else name
            action = actions.get(name)
            if action is None:
                words.append(token)
                continue
            options.append(token)
            if action.nargs is None and "=" not in token and i < len(args):
                options.append(args[i])  # the option's value
                i += 1
        return [*options, "--", *words] if words else options


class CliError(Exception):
    """A user-facing error: printed as ``s1reader: message`` with exit status 1; with ``--json``
    also as ``{"error": {"kind", "message", "tid"}}`` on stdout. ``kind`` names what went wrong
    for programs (the forum's kinds for forum errors), ``tid`` the thread it concerns."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, kind: str = "error", tid: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.tid = tid

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": str(self), "tid": self.tid}


class BusyError(CliError):
    """The library is busy (another program writing): exit status 4, nothing was changed."""

    exit_code = EXIT_BUSY

    def __init__(self, message: str) -> None:
        super().__init__(message, "busy")


# the largest integer SQLite stores: a thread id, floor or row id beyond it names nothing
MAX_INTEGER = 2**63 - 1


def whole_number(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error (exit 2)
    that says the range, never a traceback from deep inside (SQLite, datetime)."""

    def number(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text[:40]!r}") from None
        if not low <= n <= high:
            raise argparse.ArgumentTypeError(f"{text[:40]} is out of range ({low} to {high:,})")
        return n

    return number


def seconds(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a number of seconds from ``low`` to ``high`` (no ``inf``, no ``nan``)."""

    def number(text: str) -> float:
        try:
            n = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text[:40]!r}") from None
        if not low <= n <= high:  # (false for nan)
            raise argparse.ArgumentTypeError(f"{text[:40]} is out of range ({low:g} to {high:g} s)")
        return n

    return number


ID = whole_number(0, MAX_INTEGER)  # a thread id, floor, bookmark or rule id
COUNT = whole_number(0, MAX_INTEGER)  # how many rows to show or skip
DAYS = whole_number(1, 36_500)  # an expiry: up to a hundred years
WORKERS = whole_number(0, 256)


def plural(n: int, word: str) -> str:
    """``1 thread``, ``2 threads`` (English nouns of this CLI take an -s)."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def print_json(data: Any) -> None:
    """``data`` as JSON on stdout: indented for a person at a terminal, on one line for a
    program (json's C encoder: ``threads --json`` of three archive years, 34,000 threads, is
    written in 0.1 s instead of 1.3 s)."""
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False, indent=indent)) + "\n")


def _upgrading(old: int, new: int, backup) -> None:
    print(f"s1reader: upgrading the library from schema {old} to {new}; your bookmarks, reading "
          f"positions, block list and rules were saved first to {backup} (restore them with "
          f"`s1reader userdata import {backup}`)", file=sys.stderr)


def library_paths(args: argparse.Namespace, create: bool = True):
    """The folders of ``--home``: created when ``create`` (a command that writes); a clear error
    when they cannot be (a file, no permission), never a traceback."""
    from ..config import HomeError

    paths = resolve_paths(args.home)
    if not create:
        if paths.root.exists() and not paths.root.is_dir():
            raise CliError(str(HomeError.explain(paths.data, NotADirectoryError())), kind="home")
        return paths
    try:
        return paths.ensure()
    except HomeError as e:
        raise CliError(str(e), kind="home") from None


def open_store(args: argparse.Namespace, rescue: bool = False, upgrade: bool = True,
               create: bool = False):
    """Open (check and migrate) the library of ``--home``; a clear error if that fails.

    ``create``: a command that writes (import, fetch, a bookmark) makes a new library where there
    is none; a reading command says there is none instead (a mistyped ``--home`` stays empty).

    ``rescue``: a damaged library is opened read-only instead (``userdata export`` saves what can
    be read), with a warning on stderr. ``upgrade=False``: an older library is read as it is,
    not upgraded (``userdata export`` before an upgrade).
    """
    from ..store.db import LibraryBusy, LibraryDamaged, LibraryTooNew, open_for_rescue, open_library

    paths = library_paths(args, create=create)
    if not create and not paths.has_library():
        raise CliError(f"there is no library in {paths.root}: import archives first "
                       f"(s1reader --home {paths.root} import FOLDER), or check --home "
                       "(and $S1READER_HOME)", kind="no_library")
    try:
        return open_library(paths.db, upgrade=upgrade, on_upgrade=_upgrading)
    except LibraryBusy as e:
        raise BusyError(str(e)) from None
    except LibraryTooNew as e:
        raise CliError(str(e)) from None
    except LibraryDamaged as e:
        if not rescue:
            raise CliError(str(e)) from None
        print(f"s1reader: warning: the library {paths.db} is damaged ({e.detail}); saving what can "
              "still be read, without writing to it", file=sys.stderr)
        try:
            return open_for_rescue(paths.db)
        except Exception as e2:  # noqa: BLE001 (not even readable: say so)
            raise CliError(f"the library {paths.db} is too damaged to read ({e2}); if you have an "
                           "earlier `userdata export` file, keep it safe") from None
    except Exception as e:  # a foreign or newer file: say which and what to do
        raise CliError(f"cannot open the library {paths.db}: {e}") from None


def _width(s: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def table(rows: list[list[str]], headers: list[str]) -> str:
    """A plain-text table whose columns line up with Chinese (double-width) text."""
    cols = [max([_width(h)] + [_width(r[i]) for r in rows]) for i, h in enumerate(headers)]

    def fmt(r: list[str]) -> str:
        return "  ".join(c + " " * (w - _width(c)) for c, w in zip(r, cols, strict=True)).rstrip()

    return "\n".join([fmt(headers), fmt(["-" * w for w in cols]), *map(fmt, rows)])


def warn_damaged_user_data() -> None:
    """Tell on stderr which stored user-data rows were skipped because they are damaged."""
    from ..store import userdata

    for line in userdata.bad_rows():
        print(f"warning: {line}. Everything else is shown and kept; remove or re-add that entry, "
              "or restore it from a backup (`s1reader userdata import FILE`).", file=sys.stderr)

"""Thread identity from an archive path: board, unreachable flag, tid, part number and title.

Layout: ``<board>/[0无法访问/][<tid>[title]/]<tid>-<NN>[title].md``. Titles keep HTML entities in
the file name (``&amp;``); they are unescaped here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePath

UNREACHABLE_DIR = "0无法访问"
UNFILED_BOARD = "未分类"

_FILE_RE = re.compile(r"^(\d+)-(\d+)\[(.*)\]\.md$", re.S)
_TID_DIR_RE = re.compile(r"^(\d+)(?:\[.*\])?$", re.S)


@dataclass(frozen=True, slots=True)
class PathIdentity:
    tid: int | None
    part: int | None
    title: str | None
    board: str
    reachable: bool


def tid_and_part(name: str) -> tuple[int, int] | None:
    """(tid, part) of a file named like an archive part (``TID-PART[title].md``), else None."""
    m = _FILE_RE.match(name)
    return (int(m.group(1)), int(m.group(2))) if m else None


def identity_from_path(path: str | PurePath) -> PathIdentity:
    """What the path says about its thread; tid/part/title are None when the name has no pattern."""
    p = PurePath(path)
    m = _FILE_RE.match(p.name)
    tid = part = title = None
    if m:
        tid = int(m.group(1))
        part = int(m.group(2))
        title = html.unescape(m.group(3))
    parents = [q.name for q in p.parents if q.name]
    reachable = True
    board = UNFILED_BOARD
    for name in parents:
        if tid is not None and _TID_DIR_RE.match(name) and name.startswith(str(tid)):
            continue
        if name == UNREACHABLE_DIR:
            reachable = False
            continue
        if m:
            board = name
        break
    return PathIdentity(tid, part, title, board, reachable)

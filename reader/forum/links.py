"""Thread ids from what users paste, and the forum's base URL.

Accepted: a bare tid (``2274815``); desktop links (``…/2b/thread-2274815-1-1.html``,
``…/forum.php?mod=viewthread&tid=2274815&…``); mobile links (``…&mobile=2``); archiver links
(``…/archiver/tid-2274815.html``); post links (``…mod=redirect&goto=findpost&pid=…&ptid=2274815``);
on any host (stage1st.com, bbs.saraba1st.com, www.…), with or without scheme.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

DEFAULT_BASE = "https://stage1st.com/2b/"
BASE_ENV = "S1READER_FORUM_BASE"

_THREAD_PATH_RE = re.compile(r"thread-(\d+)-(\d+)(?:-\d+)?\.html")
_ARCHIVER_RE = re.compile(r"/archiver/tid-(\d+)(?:-(\d+))?\.html")
_TID_IN_TEXT_RE = re.compile(r"(?:^|[?&;])(?:ptid|tid)=(\d+)")


class LinkError(ValueError):
    """The text is neither a thread id nor a link to a thread."""


@dataclass(frozen=True, slots=True)
class ThreadLink:
    tid: int
    page: int | None = None  # the page the link points at, when it says


def parse_thread_link(text: str) -> ThreadLink:
    """The thread a pasted link or id names; LinkError with the text when there is none."""
    raw = text.strip().strip("<>\"'")
    if raw.isdigit():
        return ThreadLink(int(raw))
    if "&amp;" in raw:
        raw = raw.replace("&amp;", "&")
    m = _THREAD_PATH_RE.search(raw)
    if m:
        return ThreadLink(int(m.group(1)), int(m.group(2)))
    m = _ARCHIVER_RE.search(raw)
    if m:
        return ThreadLink(int(m.group(1)), int(m.group(2)) if m.group(2) else None)
    parts = urlsplit(raw if "://" in raw else "https://" + raw)
    query = parse_qs(parts.query)
    for key in ("tid", "ptid"):
        values = query.get(key)
        if values and values[0].isdigit():
            page = query.get("page", [""])[0]
            return ThreadLink(int(values[0]), int(page) if page.isdigit() else None)
    m = _TID_IN_TEXT_RE.search(parts.query or raw)
    if m:
        return ThreadLink(int(m.group(1)))
    raise LinkError(
        f"not a thread link or thread id: {text.strip()[:120]!r} "
        "(expected e.g. https://stage1st.com/2b/thread-2274815-1-1.html or 2274815)"
    )


# the forum's hosts: stage1st.com, bbs.saraba1st.com, www.… (a link elsewhere is never one)
_FORUM_DOMAINS = ("stage1st.com", "saraba1st.com")
_PID_FRAGMENT_RE = re.compile(r"^pid(\d+)$")


@dataclass(frozen=True, slots=True)
class ForumLink:
    """What a link in a post points at on the forum: a thread (at a page), or a post."""

    tid: int | None
    page: int | None = None
    pid: int | None = None


def forum_link(url: str) -> ForumLink | None:
    """The thread or post of S1 a link points at, or None when it is no link to one (another
    site, the forum's home, a user's page)."""
    raw = url.strip().replace("&amp;", "&")
    parts = urlsplit(raw if "://" in raw else "https://" + raw)
    host = (parts.hostname or "").lower()
    if not any(host == d or host.endswith("." + d) for d in _FORUM_DOMAINS):
        return None
    query = parse_qs(parts.query)
    values = query.get("pid")
    pid = int(values[0]) if values and values[0].isdigit() else None
    m = _PID_FRAGMENT_RE.match(parts.fragment)
    if pid is None and m:  # …#pid123: a post on the page
        pid = int(m.group(1))
    if query.get("mod", [""])[0] not in ("", "viewthread", "redirect") and pid is None:
        return None  # another page of the forum (a user's space, a board)
    try:
        link = parse_thread_link(parts.path + ("?" + parts.query if parts.query else ""))
    except LinkError:
        return ForumLink(None, None, pid) if pid is not None else None
    return ForumLink(link.tid, link.page, pid)


def forum_base(base: str | None = None) -> str:
    """The forum's base URL (ending in ``/``): ``base``, else $S1READER_FORUM_BASE, else stage1st."""
    url = (base or os.environ.get(BASE_ENV) or DEFAULT_BASE).strip()
    if "://" not in url:
        url = "https://" + url
    return url if url.endswith("/") else url + "/"


def api_url(base: str | None = None) -> str:
    return forum_base(base) + "api/mobile/index.php"


def thread_url(tid: int, page: int = 1, base: str | None = None) -> str:
    """The thread's desktop page: what a user would open in a browser."""
    return f"{forum_base(base)}thread-{tid}-{page}-1.html"

"""Reading the forum's answers: a ``viewthread`` envelope as a ``ThreadPage``, a refusal as a
``ForumError`` that says what it means for the reader. Pure functions, no I/O.

The shapes S1 serves (see ``../shared/forum-samples/README.md``):

* ``{"Version", "Charset", "Variables": {...}, "Message"?: {"messageval", "messagestr"}}``;
* refusals without ``Variables`` at all: ``{"error": "to_login"}`` (a guest, for boards and
  maybe threads), ``{"error": "module_not_exists"}``, ``{"error": "mobile_is_closed"}``;
* ``messageval`` with a ``//1`` suffix (login required) or a ``mobile:`` prefix
  (``mobile:login_invalid``: a session the forum no longer takes);
* every scalar a string, some ``null``, empty values left out (a first post without
  ``message``);
* no page count: the last page comes from ``maxposition`` or the highest floor (``position``,
  else ``number``) on the page, never from ``replies`` alone (it can be wrong).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from .errors import (
    KIND_API_CHANGED,
    KIND_BAD_RESPONSE,
    KIND_FORUM_CLOSED,
    KIND_FORUM_MESSAGE,
    KIND_LOGIN,
    KIND_NO_PERMISSION,
    KIND_NOT_FOUND,
    KIND_SESSION_EXPIRED,
    LOGIN_HINT,
    ForumError,
)

POSTS_PER_PAGE = 40
MAX_NUMBER = 100_000_000  # no thread has more positions; larger numbers are a broken answer


def number(value: Any, default: int = 0) -> int:
    """Discuz sends every number as a string (sometimes empty or null); out of range: ``default``."""
    try:
        n = int(str(value).strip()[:20])
    except (TypeError, ValueError):
        return default
    return n if 0 <= n <= MAX_NUMBER else default


def _count(thread: dict, key: str, tid: int) -> int:
    """A count of the thread (maxposition, replies); an impossible one is a broken answer."""
    raw = thread.get(key)
    n = number(raw, -1)
    if n < 0 and raw not in (None, ""):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} has an impossible "
                         f"{key} ({str(raw)[:30]}); try again later", tid)
    return max(0, n)


def post_position(raw: dict) -> int:
    """A post's floor: ``position`` (v4), else ``number`` (v1); 0 when neither is readable."""
    return number(raw.get("position")) or number(raw.get("number"))


@dataclass(frozen=True, slots=True)
class ThreadPage:
    """One page of a thread as the API returned it (posts are the raw ``postlist`` entries).

    ``member_uid`` is the forum's idea of who asked ("0": a guest); ``session_sent`` whether a
    session went with the request.
    """

    tid: int
    page: int
    ppp: int
    subject: str
    author_id: str
    max_position: int
    replies: int
    forum_name: str | None
    posts: tuple[dict, ...]
    base_url: str
    from_cache: bool = False
    member_uid: str = "0"
    session_sent: bool = False

    @property
    def highest_position(self) -> int:
        """The highest floor on this page (0 for an empty page)."""
        return max((post_position(p) for p in self.posts), default=0)

    @property
    def last_position(self) -> int:
        """The highest post position the thread has, as far as this page tells (deleted posts
        keep theirs): ``maxposition``, or the highest floor seen when it is missing or lower."""
        return max(self.max_position, self.highest_position)

    @property
    def last_page(self) -> int:
        return max(1, -(-self.last_position // self.ppp))

    @property
    def count_unknown(self) -> bool:
        """No ``maxposition`` and a full page: there may be more pages than this one tells."""
        return self.max_position == 0 and len(self.posts) >= self.ppp

    @property
    def session_refused(self) -> bool:
        """A session was sent, and the forum answered as to a guest (it expired)."""
        return self.session_sent and self.member_uid in ("", "0")


def message_key(messageval: str) -> str:
    """``messageval`` without its ``mobile:`` prefix and ``//1`` suffix, lower case."""
    val = (messageval or "").strip().lower()
    val = val.split("//", 1)[0]
    return val.removeprefix("mobile:")


def _expired(tid: int | None, account: str, said: str, what: str) -> ForumError:
    quoted = f" (the forum says: {said})" if said else ""
    return ForumError(KIND_SESSION_EXPIRED, f"the forum no longer accepts your session as {account}"
                      f"{quoted}: it expired or was ended elsewhere; log in again with "
                      f"`s1reader login --username {account}` (in the window: File → Log in to the "
                      f"forum…), then {what} again", tid, said or None, account)


def classify_message(tid: int | None, messageval: str, messagestr: str,
                     account: str | None = None, what: str = "fetch") -> ForumError:
    """A Discuz refusal (``Message`` or a bare ``error``) as a ForumError that says what it means
    for the reader and what to do. ``account``: the user name whose session was sent, if any."""
    said = html.unescape(messagestr or "").strip()
    val = message_key(messageval)
    raw = (messageval or "").strip()
    quoted = f" (the forum says: {said})" if said else f" (the forum answered {raw})" if raw else ""
    thread = f"thread {tid}" if tid is not None else "this page"
    if val == "mobile_is_closed":
        return ForumError(KIND_FORUM_CLOSED, "the forum has switched off its mobile API, through "
                          f"which s1reader reads it{quoted}; nothing can be fetched until it is back: "
                          "try again later", tid, said or None, account)
    if val == "module_not_exists":
        return ForumError(KIND_API_CHANGED, "the forum does not know the request s1reader sends"
                          f"{quoted}: its API has changed; a newer s1reader may be needed", tid,
                          said or None, account)
    if "login" in val or "登录" in said or "登陆" in said:
        return _login_needed(thread, tid, account, said, quoted, what)
    if ("nonexist" in val or "not_exist" in val or "delete" in val or "不存在" in said
            or "删除" in said):
        return ForumError(KIND_NOT_FOUND, f"{thread} does not exist on the forum: it was deleted, "
                          f"is awaiting moderation, or the id is wrong{quoted}", tid, said or None, account)
    if raw.endswith("//1") and not account:  # the forum's mark for "log in first"
        return _login_needed(thread, tid, account, said, quoted, what)
    if "perm" in val or "noallow" in val or "权限" in said or "没有" in said:
        who = f"your account ({account})" if account else "a guest"
        hint = "" if account else f"; if your account may read it, {LOGIN_HINT}"
        return ForumError(KIND_NO_PERMISSION, f"{who} has no permission to read {thread}{quoted}{hint}",
                          tid, said or None, account)
    if raw.endswith("//1"):  # the forum's mark for "log in first"
        return _login_needed(thread, tid, account, said, quoted, what)
    return ForumError(KIND_FORUM_MESSAGE, f"the forum refused {thread}{quoted} [{raw}]", tid,
                      said or None, account)


def _login_needed(thread: str, tid: int | None, account: str | None, said: str, quoted: str,
                  what: str) -> ForumError:
    if account:
        return _expired(tid, account, said, what)
    return ForumError(KIND_LOGIN, f"{thread} can only be read when logged in to the forum, not "
                      f"as a guest{quoted}; {LOGIN_HINT}", tid, said or None)


def refusal(data: Any, tid: int | None, account: str | None = None,
            what: str = "fetch") -> ForumError | None:
    """The refusal an answer carries (bare ``error``, or a ``Message`` without content), else None."""
    if not isinstance(data, dict):
        return None
    error = data.get("error")
    variables = data.get("Variables")
    if isinstance(error, str) and error and not isinstance(variables, dict):
        return classify_message(tid, error, "", account, what)
    message = data.get("Message")
    if isinstance(message, dict) and message.get("messageval"):
        return classify_message(tid, str(message.get("messageval") or ""),
                                str(message.get("messagestr") or ""), account, what)
    return None


def _check_tid(tid: int, thread: dict, posts: list[dict]) -> None:
    """An answer about another thread than the one asked for is refused, never stored."""
    claimed = {str(thread.get("tid"))} if thread.get("tid") not in (None, "") else set()
    claimed |= {str(p.get("tid")) for p in posts if p.get("tid") not in (None, "")}
    others = sorted(c for c in claimed if c.strip() != str(tid))
    if others:
        raise ForumError(KIND_BAD_RESPONSE, f"the forum answered with thread {others[0][:20]} when "
                         f"thread {tid} was asked for; nothing was stored (a wrong or tampered answer: "
                         "check the forum address)", tid)


def parse_thread_page(tid: int, page: int, data: Any, base_url: str, from_cache: bool = False,
                      account: str | None = None) -> ThreadPage:
    """Read the JSON envelope of a viewthread answer; ForumError for refusals and odd answers.
    ``account``: the user name whose session went with the request (None: a guest)."""
    if not isinstance(data, dict):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} is not a JSON object", tid)
    variables = data.get("Variables")
    variables = variables if isinstance(variables, dict) else {}
    thread = variables.get("thread")
    postlist = variables.get("postlist")
    has_content = isinstance(thread, dict) and isinstance(postlist, list) and bool(postlist)
    refused = refusal(data, tid, account)
    if refused is not None and not has_content:
        raise refused
    if not isinstance(thread, dict) or not isinstance(postlist, list):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer for thread {tid} page {page} has no "
                         "thread or post list (an API change, or a page the forum would not give)", tid)
    posts = [p for p in postlist if isinstance(p, dict)]
    _check_tid(tid, thread, posts)
    forum = variables.get("forum")
    forum_name = None
    if isinstance(forum, dict) and forum.get("name"):
        forum_name = html.unescape(str(forum["name"]))
    return ThreadPage(
        tid=tid,
        page=page,
        ppp=number(variables.get("ppp"), POSTS_PER_PAGE) or POSTS_PER_PAGE,
        subject=html.unescape(str(thread.get("subject") or "")),
        author_id=str(thread.get("authorid") or ""),
        max_position=_count(thread, "maxposition", tid),
        replies=_count(thread, "replies", tid),
        forum_name=forum_name,
        posts=tuple(posts),
        base_url=base_url,
        from_cache=from_cache,
        member_uid=str(variables.get("member_uid") or "0"),
        session_sent=account is not None,
    )

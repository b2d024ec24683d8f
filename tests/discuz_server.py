"""A small Discuz!-like forum for the forum tests: ``/2b/api/mobile/index.php`` on 127.0.0.1.

Threads are built from corpus posts written back as Discuz HTML (``<br />`` line breaks, both
quote styles, smileys with relative ``static/image/smiley/…`` paths and ``smilieid``, images,
``[attach]`` attachments with an ``attachments`` dict, edit notes in ``i.pstatus``, the locked
notice of banned authors, code blocks). Answers use the real envelope with every number as a
string. Faults can be queued per page (``"500"``, ``"slow"``, ``"junk"``); refusals are set per
thread (``Message.messageval``/``messagestr``); ``raw`` answers (bytes, e.g. a real captured
answer) are served unchanged for a thread. Never contacts anything but 127.0.0.1.

Logging in works as on the real forum (``module=secure`` gives a formhash and a saltkey cookie,
``POST module=login`` checks user name, password, security question and answer and sets the
``<cookiepre>auth`` and ``<cookiepre>saltkey`` cookies); threads in ``members_only`` are refused
to guests with the 2026 ``{"error": "to_login"}``; ``expire_sessions()`` ends every session.
"""

from __future__ import annotations

import html
import json
import secrets
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from reader.parse.model import (
    Attachment,
    ClientLine,
    Code,
    Image,
    Link,
    Notice,
    Paragraph,
    Post,
    Quote,
    Rating,
    Smiley,
    Strong,
    Text,
    Unknown,
)

CHINA = timezone(timedelta(hours=8))
BR = "<br />\r\n"
COOKIEPRE = "B7Y9_2f85_"  # the 2026 prefix (forum-samples/forumindex-v4-logged-in-2026.json)


@dataclass
class Account:
    password: str
    uid: str
    question: int = 0
    answer: str = ""


def _date(at: datetime) -> str:
    return f"{at.year}-{at.month}-{at.day} {at.hour:02d}:{at.minute:02d}"


class DiscuzHtml:
    """Writes a parsed post as the forum's HTML message; ``quote_style`` alternates the styles."""

    def __init__(self) -> None:
        self.next_aid = 1000
        self.quotes = 0

    def runs(self, runs) -> str:
        out = []
        for r in runs:
            if isinstance(r, Text):
                out.append(html.escape(r.text, quote=False).replace("\n", BR))
            elif isinstance(r, Strong):
                out.append(f"<strong>{self.runs(r.runs)}</strong>")
            elif isinstance(r, Smiley):
                out.append(f'<img src="static/image/smiley/{r.pack}/{r.name}" smilieid="{len(r.name)}" '
                           'border="0" alt="" />')
            elif isinstance(r, Image):
                out.append(f'<img id="aimg_x{len(out)}" onclick="zoom(this, this.src, 0, 0, 0)" class="zoom" '
                           f'src="{html.escape(r.url)}" onmouseover="img_onmouseoverfunc(this)" '
                           'lazyloadthumb="1" border="0" alt="" />')
            elif isinstance(r, Link):
                out.append(f'<a href="{html.escape(r.url)}" target="_blank">{html.escape(r.text, quote=False)}</a>')
            elif isinstance(r, Unknown):
                out.append(html.escape(r.html, quote=False))
        return "".join(out)

    def blocks(self, blocks, attachments: dict) -> str:
        parts: list[str] = []
        for b in blocks:
            if isinstance(b, Paragraph):
                parts.append(self.runs(b.runs) + BR + BR)
            elif isinstance(b, Quote):
                self.quotes += 1
                head = ""
                if b.author is not None and b.posted_at is not None:
                    text = f"{html.escape(b.author, quote=False)} 发表于 {_date(b.posted_at)}"
                    if b.url:
                        head = (f'<font size="2"><a href="{html.escape(b.url)}" target="_blank">'
                                f'<font color="#999999">{text}</font></a></font>{BR}')
                    else:
                        head = f'<font size="2"><font color="#999999">{text}</font></font>{BR}'
                inner = self.blocks(b.blocks, attachments)
                if inner.endswith(BR + BR):
                    inner = inner[: -2 * len(BR)]
                if self.quotes % 2:
                    parts.append(f'<div class="quote"><blockquote>{head}{inner}</blockquote></div>{BR}')
                else:
                    parts.append(f'<div class="reply_wrap">{head}{inner}</div>{BR}')
            elif isinstance(b, Attachment):
                aid = str(self.next_aid)
                self.next_aid += 1
                up = datetime.strptime(b.uploaded_at, "%Y-%m-%d %H:%M") if b.uploaded_at else None
                attachments[aid] = {
                    "aid": aid, "tid": "0", "pid": "0", "uid": "1",
                    "dateline": _date(up) if up else "", "filename": html.escape(b.name or ""),
                    "filesize": "1024", "attachment": f"202211/22/{aid}.bin", "remote": "1",
                    "description": "", "readperm": "0", "price": "0", "isimage": "0", "width": "0",
                    "thumb": "0", "picid": "0", "ext": "bin", "attachsize": b.size or "",
                    "attachimg": "0", "payed": "0", "url": "https://img.saraba1st.com/forum/",
                    "dbdateline": str(int(up.replace(tzinfo=CHINA).timestamp())) if up else "0",
                    "downloads": str(b.downloads or 0),
                }
                parts.append(f"[attach]{aid}[/attach]{BR}{BR}")
            elif isinstance(b, ClientLine):
                parts.append(self.runs(_client_runs(b)) + BR + BR)
            elif isinstance(b, Code):
                lines = "".join(f"<li>{html.escape(x, quote=False)}{BR}" for x in b.text.split("\n"))
                parts.append(f'<div class="blockcode"><div id="code_1"><ol>{lines}</ol></div>'
                             f'<em onclick="copycode($(\'code_1\'));">复制代码</em></div>{BR}')
            elif isinstance(b, Notice):
                parts.append(html.escape(b.text, quote=False) + BR + BR)
            elif isinstance(b, Rating):
                pass  # ratings are not part of viewthread's post list
        return "".join(parts)

    def message(self, post: Post) -> tuple[str, dict]:
        attachments: dict = {}
        if post.status == "banned":
            return '<div class="locked">提示: <em>作者被禁止或删除 内容自动屏蔽</em></div>', {}
        if post.status == "hidden":
            return '<div class="locked">提示: <em>该帖被管理员或版主屏蔽</em></div>', {}
        body = self.blocks(post.blocks, attachments)
        if post.edit:
            body = (f'<i class="pstatus"> 本帖最后由 {html.escape(post.edit.editor, quote=False)} 于 '
                    f"{_date(post.edit.edited_at)} 编辑 </i>{BR}{BR}") + body
        return body, attachments


def _client_runs(line: ClientLine):
    from reader.parse.inline import parse_inline

    return parse_inline(line.text)


@dataclass
class ForumThread:
    tid: int
    subject: str
    posts: list[dict]  # postlist entries, by position
    author_id: str = "1"
    fid: str = "75"


@dataclass
class FakeForum:
    """The forum's state; tests change it between requests."""

    threads: dict[int, ForumThread] = field(default_factory=dict)
    refusals: dict[int, tuple[str, str]] = field(default_factory=dict)
    faults: dict[tuple[int, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    requests: list[tuple[int, int]] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    slow_seconds: float = 2.0
    lock: threading.Lock = field(default_factory=threading.Lock)
    raw: dict[int, bytes] = field(default_factory=dict)  # tid -> the answer's bytes, unchanged
    accounts: dict[str, Account] = field(default_factory=dict)
    members_only: set[int] = field(default_factory=set)
    sessions: dict[str, str] = field(default_factory=dict)  # auth cookie value -> user name
    logins: list[dict] = field(default_factory=list)  # the login forms received
    cookies_seen: list[str] = field(default_factory=list)  # Cookie headers of viewthread requests
    saltkeys: list[str] = field(default_factory=list)  # every saltkey cookie value handed out
    captcha: bool = False  # the login check asks for a verification code (a sechash)

    def expire_sessions(self) -> None:
        with self.lock:
            self.sessions.clear()

    def member(self, cookie_header: str) -> tuple[str, str] | None:
        """(user name, auth value) of the session a Cookie header carries, if it is a live one."""
        for part in cookie_header.split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIEPRE + "auth":
                with self.lock:
                    user = self.sessions.get(value)
                return (user, value) if user else None
        return None

    def secure(self) -> tuple[dict, dict[str, str]]:
        """``module=secure&type=login``: a formhash and a saltkey cookie; a ``sechash`` (a captcha
        to solve) when ``captcha`` is set."""
        saltkey = secrets.token_hex(4)
        self.saltkeys.append(saltkey)
        return ({"Version": "1", "Charset": "UTF-8",
                 "Variables": {"cookiepre": COOKIEPRE, "auth": None, "saltkey": saltkey,
                               "member_uid": "0", "member_username": "", "formhash": "f0f0f0f0",
                               "sechash": "cS9ab" if self.captcha else None}},
                {COOKIEPRE + "saltkey": saltkey})

    def login(self, form: dict[str, str]) -> tuple[dict, dict[str, str]]:
        """``POST module=login``: the envelope and the cookies to set."""
        with self.lock:
            self.logins.append(dict(form))
        account = self.accounts.get(form.get("username", ""))
        question = int(form.get("questionid") or 0)
        variables = {"cookiepre": COOKIEPRE, "auth": None, "saltkey": "", "member_uid": "0",
                     "member_username": "", "formhash": "f0f0f0f0"}
        envelope = {"Version": "1", "Charset": "UTF-8", "Variables": variables}
        if account is None or account.password != form.get("password"):
            envelope["Message"] = {"messageval": "login_invalid",
                                   "messagestr": "登录失败，您还可以尝试 4 次"}
            return envelope, {}
        if account.question and not question:
            envelope["Message"] = {"messageval": "login_question_empty",
                                   "messagestr": "请选择安全提问以及填写正确的答案"}
            return envelope, {}
        if (question, form.get("answer", "")) != (account.question, account.answer if question else ""):
            envelope["Message"] = {"messageval": "login_invalid",
                                   "messagestr": "登录失败，您还可以尝试 3 次"}
            return envelope, {}
        auth, saltkey = secrets.token_hex(16), secrets.token_hex(4)
        self.saltkeys.append(saltkey)
        with self.lock:
            self.sessions[auth] = form["username"]
        variables.update({"auth": auth, "saltkey": saltkey, "member_uid": account.uid,
                          "member_username": form["username"]})
        envelope["Message"] = {"messageval": "login_succeed",
                               "messagestr": f"欢迎您回来，{form['username']}，现在将转入登录前页面"}
        return envelope, {COOKIEPRE + "auth": auth, COOKIEPRE + "saltkey": saltkey}

    def add_posts(self, tid: int, subject: str, posts: list[Post], first_author: str | None = None) -> None:
        """Put parsed posts on the forum (appended to the thread if it exists)."""
        writer = DiscuzHtml()
        thread = self.threads.get(tid)
        if thread is None:
            thread = self.threads[tid] = ForumThread(tid, subject, [])
        ids: dict[str, str] = {}
        op = first_author or (posts[0].author if posts else "")
        ids[op] = thread.author_id
        for p in posts:
            uid = ids.setdefault(p.author, str(100 + len(ids)))
            message, attachments = writer.message(p)
            entry = {
                "pid": str(50_000_000 + thread.tid % 1000 * 10_000 + p.floor),
                "tid": str(tid), "first": "1" if p.floor == 1 else "0",
                "author": "" if p.anonymous else html.escape(p.author, quote=False),
                "authorid": "0" if p.anonymous else (thread.author_id if p.is_op else uid),
                "dateline": _date(p.posted_at), "message": message,
                "anonymous": "1" if p.anonymous else "0", "attachment": "1" if attachments else "0",
                "status": "0", "replycredit": "0", "position": str(p.floor), "username": p.author,
                "adminid": "0", "groupid": "4" if p.status == "banned" else "10", "memberstatus": "0",
                "number": str(p.floor),
                "dbdateline": str(int(p.posted_at.replace(tzinfo=CHINA).timestamp()) + 17),
                "groupiconid": "1",
            }
            if attachments:
                entry["attachments"] = attachments
                entry["imagelist"] = []
            thread.posts.append(entry)

    # -- the API

    def answer(self, query: dict[str, str], cookie: str = "") -> tuple[int, dict | str | bytes]:
        tid = int(query.get("tid", "0") or 0)
        page = max(1, int(query.get("page", "1") or 1))
        ppp = int(query.get("ppp", "40") or 40)
        member = self.member(cookie)
        with self.lock:
            self.requests.append((tid, page))
            self.cookies_seen.append(cookie)
            fault = self.faults[(tid, page)].pop(0) if self.faults.get((tid, page)) else None
        if tid in self.raw:
            return 200, self.raw[tid]
        if fault == "500":
            return 500, "<html><body>Internal Server Error</body></html>"
        if fault == "junk":
            return 200, "<html><body>维护中</body></html>"
        if fault == "slow":
            time.sleep(self.slow_seconds)
        if tid in self.members_only and member is None:
            return 200, {"error": "to_login"}  # what a guest gets in 2026
        account = self.accounts.get(member[0]) if member else None
        variables = {
            "cookiepre": COOKIEPRE, "auth": None, "saltkey": "k0ZZz0Z0", "member_uid": "0",
            "member_username": "", "member_avatar": "https://avatar.stage1st.com/images/noavatar_middle.gif",
            "groupid": "7", "formhash": "66e5028a", "ismoderator": None, "readaccess": "1",
            "notice": {"newpush": "0", "newpm": "0", "newprompt": "0", "newmypost": "0"},
        }
        if account is not None and member is not None:  # the forum echoes the session's values
            variables.update({"auth": member[1], "saltkey": "k0ZZz0Z0", "member_uid": account.uid,
                              "member_username": member[0], "groupid": "25"})
        envelope: dict = {"Version": "4", "Charset": "UTF-8", "Variables": variables}
        if tid in self.refusals:
            val, text = self.refusals[tid]
            envelope["Message"] = {"messageval": val, "messagestr": text}
            return 200, envelope
        thread = self.threads.get(tid)
        if thread is None:
            envelope["Message"] = {"messageval": "thread_nonexistence",
                                   "messagestr": "抱歉，指定的主题不存在或已被删除或正在被审核"}
            return 200, envelope
        maxposition = max((int(p["position"]) for p in thread.posts), default=0)
        pages = max(1, -(-maxposition // ppp))
        page = min(page, pages)  # Discuz answers the last page for pages past the end
        lo, hi = (page - 1) * ppp + 1, page * ppp
        postlist = [p for p in thread.posts if lo <= int(p["position"]) <= hi]
        variables.update({
            "thread": {
                "tid": str(tid), "fid": thread.fid, "posttableid": "0", "typeid": "0",
                "author": "op", "authorid": thread.author_id, "subject": html.escape(thread.subject, quote=False),
                "dateline": "1700000000", "lastpost": "1700000000", "views": "1234",
                "replies": str(len(thread.posts) - 1), "displayorder": "0", "digest": "0", "special": "0",
                "attachment": "0", "closed": "0", "status": "32", "maxposition": str(maxposition),
                "allreplies": str(len(thread.posts) - 1), "recommend_add": "0", "heats": "0",
            },
            "fid": thread.fid,
            "postlist": postlist,
            "allowpostcomment": None, "comments": [], "commentcount": [], "ppp": str(ppp),
            "setting_rewriteindex": None, "forum_threadpay": False, "cache_custom_thread": [],
        })
        return 200, envelope


class _Handler(BaseHTTPRequestHandler):
    forum: FakeForum

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        parts = urlsplit(self.path)
        if parts.path != "/2b/api/mobile/index.php":
            self.send_error(404)
            return
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.forum.user_agents.append(self.headers.get("User-Agent", ""))
        if query.get("module") == "secure":
            body, cookies = self.forum.secure()
            self._send(200, body, cookies)
            return
        code, body = self.forum.answer(query, self.headers.get("Cookie", ""))
        self._send(code, body)

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode(), keep_blank_values=True).items()}
        if parts.path != "/2b/api/mobile/index.php" or query.get("module") != "login":
            self.send_error(404)
            return
        body, cookies = self.forum.login(form)
        self._send(200, body, cookies)

    def _send(self, code: int, body, cookies: dict[str, str] | None = None) -> None:
        if isinstance(body, dict):
            data = json.dumps(body, ensure_ascii=False).encode()
        else:
            data = body if isinstance(body, bytes) else body.encode()
        try:
            self.send_response(code)
            self.send_header("Content-Type", "application/json; charset=utf-8"
                             if isinstance(body, dict | bytes) else "text/html; charset=utf-8")
            for name, value in (cookies or {}).items():
                self.send_header("Set-Cookie", f"{name}={value}; expires=Fri, 01-Jan-2100 00:00:00 GMT; "
                                 "Max-Age=2592000; path=/; HttpOnly")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test)

    def log_message(self, *args) -> None:
        pass


class ForumServer:
    """Runs a FakeForum on 127.0.0.1 in a thread; ``base_url`` is what the client is given."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.forum = FakeForum()
        self.host = host
        handler = type("Handler", (_Handler,), {"forum": self.forum})
        self.httpd = ThreadingHTTPServer((host, 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{self.host}:{self.httpd.server_address[1]}/2b/"

    def __enter__(self) -> ForumServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

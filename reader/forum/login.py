"""Logging in to the forum the way S1 clients do, and the session it gives.

1. ``GET api/mobile/index.php?module=secure&version=1&mobile=no&type=login``: the forum's
   ``formhash`` for this visitor (bound to the ``saltkey`` cookie it sets) and whether it wants
   a captcha (a ``sechash``), which s1reader cannot show;
2. ``POST api/mobile/index.php?module=login&version=1&loginsubmit=yes&loginfield=auto&
   cookietime=2592000&mobile=no`` with ``username``, ``password``, ``questionid``, ``answer``
   and the ``formhash`` in the body (never in the address);
3. ``Message.messageval`` ``login_succeed``: the session is the ``<cookiepre>auth`` and
   ``<cookiepre>saltkey`` cookies the forum set (also echoed in ``Variables``), kept with the
   user name and uid as a ``ForumSession``. Anything else is a ``ForumError`` of kind
   ``login_failed`` that says why (wrong password, security question, too many tries …).

These requests go to the forum's host only (no redirect is followed), with the same answer
deadline as fetching; the password is sent once and kept nowhere, not even in an error message.
"""

from __future__ import annotations

import html
import json
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3

from ..netdeadline import answer_deadline
from .account import ForumSession, now_text
from .answers import message_key
from .client import USER_AGENT, host_of, no_network
from .errors import (
    KIND_BAD_RESPONSE,
    KIND_HTTP,
    KIND_LOGIN_FAILED,
    KIND_NETWORK,
    KIND_OFFLINE,
    ForumError,
)
from .links import api_url

# Discuz!'s security questions, by number (0: the account has none)
QUESTIONS = {
    0: "(none)",
    1: "母亲的名字",
    2: "爷爷的名字",
    3: "父亲出生的城市",
    4: "您其中一位老师的名字",
    5: "您个人计算机的型号",
    6: "您最喜欢的餐馆名称",
    7: "驾驶执照最后四位数字",
}
COOKIE_SECONDS = 2_592_000  # 30 days, what the forum's own "remember me" asks for
MAX_REPLY_BYTES = 1024 * 1024


def _session(timeout: float) -> requests.Session:
    from ..netdeadline import DeadlineAdapter

    s = requests.Session()
    s.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    adapter = DeadlineAdapter(max_retries=0)
    s.mount("http://", adapter)
    s.mount("https://", adapter)
    return s


def _json(response: requests.Response, what: str) -> Any:
    data = b""
    for chunk in response.iter_content(64 * 1024):
        data += chunk
        if len(data) > MAX_REPLY_BYTES:
            response.close()
            raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer to {what} is too large; not read")
    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        raise ForumError(KIND_BAD_RESPONSE, f"the forum's answer to {what} is not JSON (a maintenance "
                         "page or a block by the site?); try again later") from None


def _request(session: requests.Session, method: str, url: str, what: str, timeout: float,
             **kwargs: Any) -> Any:
    """One request within ``timeout`` seconds in all; its JSON. A redirect is not followed."""
    host = urlsplit(url).netloc
    with answer_deadline(timeout) as deadline:
        try:
            response = session.request(method, url, timeout=(min(timeout, 10.0), timeout),
                                       allow_redirects=False, stream=True, **kwargs)
            if response.is_redirect:
                target = response.headers.get("Location", "")[:200]
                raise ForumError(KIND_HTTP, f"the forum at {host} sent the login to another address "
                                 f"({target}); it is not followed. If the forum has moved, give its "
                                 "new address with --base")
            if response.status_code != 200:
                raise ForumError(KIND_HTTP, f"the forum answered HTTP {response.status_code} to {what}")
            data = _json(response, what)
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as e:
            if deadline.expired or isinstance(e, requests.Timeout):
                raise ForumError(KIND_NETWORK, f"the forum at {host} did not answer {what} within "
                                 f"{timeout:g} s; try again later") from None
            if no_network(e):
                raise ForumError(KIND_OFFLINE, f"no network: the forum's address {host} cannot be "
                                 "looked up or reached (this computer seems to be offline, or the "
                                 "address is mistyped); connect "
                                 "to the network and try again") from None
            raise ForumError(KIND_NETWORK, f"cannot reach the forum at {host} ({type(e).__name__}); "
                             "try again later") from None
    if deadline.expired:
        raise ForumError(KIND_NETWORK, f"the forum at {host} did not answer {what} within {timeout:g} s")
    return data


def _variables(data: Any) -> dict:
    v = data.get("Variables") if isinstance(data, dict) else None
    return v if isinstance(v, dict) else {}


def _refused(messageval: str, messagestr: str) -> ForumError:
    """Why the forum did not log the user in, and what to do."""
    said = html.unescape(messagestr or "").strip()
    val = message_key(messageval)
    quoted = f" (the forum says: {said})" if said else f" (the forum answered {messageval})"
    if "question" in val or "安全提问" in said:
        text = ("the account has a security question: give its number and answer (--question N "
                f"--answer TEXT; in the window, choose the question and type the answer){quoted}")
    elif "strike" in val or "次数" in said and "超过" in said:
        text = (f"too many failed logins: the forum refuses logins from here for a while{quoted}; "
                "wait about 15 minutes")
    elif "seccode" in val or "sechash" in val or "验证码" in said:
        text = ("the forum asks for a verification code (captcha) this time, which s1reader cannot "
                f"show{quoted}; log in once in a browser, then try again later")
    elif "location" in val or "验证" in said:
        text = f"the forum wants to confirm this login in a browser first{quoted}"
    elif "invalid" in val or "密码" in said or "失败" in said:
        text = f"the forum did not accept this user name and password{quoted}"
    elif "mobile_is_closed" in val:
        text = (f"the forum has switched off its mobile API, through which s1reader logs in{quoted}; "
                "try again later")
    else:
        text = f"the forum did not log you in{quoted}"
    return ForumError(KIND_LOGIN_FAILED, f"login failed: {text}", None, said or None)


def _cookie(jar: requests.cookies.RequestsCookieJar, prefix: str, name: str) -> str:
    for cookie in jar:
        if cookie.name == prefix + name or (not prefix and cookie.name.endswith(name)):
            return cookie.value or ""
    return ""


def log_in(base_url: str | None, username: str, password: str, question: int = 0,
           answer: str = "", timeout: float = 20.0) -> ForumSession:
    """Log in at the forum of ``base_url``; the new session, or a ForumError that says why not."""
    if not username.strip() or not password:
        raise ForumError(KIND_LOGIN_FAILED, "login failed: a user name and a password are needed")
    if question not in QUESTIONS:
        raise ForumError(KIND_LOGIN_FAILED, f"login failed: there is no security question {question} "
                         "(0 to 7; 0: none)")
    api = api_url(base_url)
    session = _session(timeout)
    try:
        probe = _request(session, "GET", api, "the login check", timeout,
                         params={"module": "secure", "version": "1", "mobile": "no", "type": "login"})
        probe_vars = _variables(probe)
        if str(probe_vars.get("sechash") or "").strip():
            raise _refused("seccode", "")
        form = {"username": username, "password": password, "questionid": str(question),
                "answer": answer if question else ""}
        if probe_vars.get("formhash"):
            form["formhash"] = str(probe_vars["formhash"])
        params = {"module": "login", "version": "1", "loginsubmit": "yes", "loginfield": "auto",
                  "cookietime": str(COOKIE_SECONDS), "mobile": "no"}
        data = _request(session, "POST", api, "the login", timeout, params=params, data=form)
        if not isinstance(data, dict):
            raise ForumError(KIND_BAD_RESPONSE, "the forum's answer to the login is not a JSON object")
        if isinstance(data.get("error"), str) and not isinstance(data.get("Variables"), dict):
            raise _refused(data["error"], "")
        message = data.get("Message") if isinstance(data.get("Message"), dict) else {}
        val = str(message.get("messageval") or "")
        if "login_succeed" not in val:
            raise _refused(val, str(message.get("messagestr") or ""))
        variables = _variables(data)
        prefix = str(variables.get("cookiepre") or "")
        auth = _cookie(session.cookies, prefix, "auth") or str(variables.get("auth") or "")
        saltkey = _cookie(session.cookies, prefix, "saltkey") or str(variables.get("saltkey") or "")
        if not auth:
            raise ForumError(KIND_BAD_RESPONSE, "the forum said the login succeeded but sent no "
                             "session; try again later")
        cookies = {f"{prefix}auth": auth}
        if saltkey:
            cookies[f"{prefix}saltkey"] = saltkey
        name = html.unescape(str(variables.get("member_username") or "")).strip() or username.strip()
        return ForumSession(host_of(base_url), name, str(variables.get("member_uid") or ""),
                            cookies, now_text())
    finally:
        session.close()

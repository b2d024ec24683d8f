"""Logging in to the forum from the command line (issue 28): ``login`` → ``fetch`` of a thread
only members may read → ``logout``, against the Discuz-like server on 127.0.0.1; an expired
session says to log in again; a wrong password, a security question; the session kept in the
system keyring when there is one, else in a private file outside ``--home``; and no credential in
any file under ``--home`` (library, caches, settings, exports, ``userdata export``)."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from pathlib import Path

import keyring
import pytest
from discuz_server import COOKIEPRE, Account, ForumServer
from file_keyring import ENV as KEYRING_ENV
from file_keyring import FileKeyring
from support import write_thread

from reader.cli import main
from reader.parse.thread import parse_file
from reader.store.db import close_library

TID = 2801
USER, PASSWORD = "阿卡林", "hunter2-秘密-Pw"


@pytest.fixture
def forum(monkeypatch, tmp_path, temp_home):
    f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[会员帖].md",
                     [(n, f"用户{n % 3}", f"2026-2-{n % 27 + 1} 10:{n:02d}", f"第{n}楼 只有会员能看")
                      for n in range(1, 46)], op="用户1")
    with ForumServer() as srv:
        monkeypatch.setenv("S1READER_FORUM_BASE", srv.base_url)
        srv.forum.add_posts(TID, "会员帖", parse_file(f).posts)
        srv.forum.members_only.add(TID)
        srv.forum.accounts[USER] = Account(PASSWORD, uid="426519")
        srv.forum.accounts["有问题的人"] = Account("pw-with-question", uid="7", question=3, answer="上海")
        yield srv
    close_library()


def run(capsys, monkeypatch, *argv, stdin: str | None = None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def secrets_of(forum) -> list[str]:
    """Every credential this test's forum handed out or received: the password, the answers, the
    auth and saltkey cookie values."""
    values = {PASSWORD, "pw-with-question"}
    values |= set(forum.forum.sessions) | set(forum.forum.saltkeys)
    for form in forum.forum.logins:
        values.add(form.get("password", ""))
    return sorted(v for v in values if len(v) >= 8)


def files_holding(root: Path, secrets: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path}: {s!r}" for s in secrets if s.encode() in data]
    return found


def test_login_fetch_a_members_thread_logout(forum, capsys, monkeypatch, temp_home, tmp_path):
    # a guest is refused, with the way to log in; --json says so on stdout too
    code, out, err = run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0", "--json")
    assert code == 1
    error = json.loads(out)["error"]
    assert (error["kind"], error["tid"]) == ("login_required", TID)
    assert "s1reader login --username" in error["message"] and "s1reader login" in err
    code, out, _ = run(capsys, monkeypatch, "login", "--status")
    assert code == 0 and "not logged in" in out

    code, out, err = run(capsys, monkeypatch, "login", "--username", USER, "--password-stdin",
                         stdin=PASSWORD + "\n")
    assert code == 0, err
    assert f"as {USER}" in out and "426519" in out
    assert forum.forum.logins[-1]["formhash"] == "f0f0f0f0"  # the forum's login form, as S1 clients send it
    assert PASSWORD not in out + err
    code, out, _ = run(capsys, monkeypatch, "login", "--status", "--json")
    status = json.loads(out)
    assert (status["logged_in"], status["username"], status["uid"], status["store"]) == (True, USER, "426519", "file")
    assert "cookies" not in out and not any(s in out for s in forum.forum.sessions)

    code, out, err = run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["posts_added"], result["pages"], result["complete"]) == (45, [1, 2], True)
    [auth] = list(forum.forum.sessions)
    assert all(f"{COOKIEPRE}auth={auth}" in c for c in forum.forum.cookies_seen[-2:])
    code, out, _ = run(capsys, monkeypatch, "show", str(TID), "--json")
    assert "第45楼 只有会员能看" in out

    # what a user does with a library: exports, a user-data backup, a refresh, the settings
    assert run(capsys, monkeypatch, "export", str(TID), "-o", str(temp_home / "out"))[0] == 0
    assert run(capsys, monkeypatch, "export", str(TID), "--format", "html", "-o", str(temp_home / "out"))[0] == 0
    assert run(capsys, monkeypatch, "userdata", "export", str(temp_home / "backup.json"))[0] == 0
    assert run(capsys, monkeypatch, "refresh", "--delay", "0")[0] == 0
    close_library()
    secrets = secrets_of(forum)
    assert len(secrets) >= 3  # password, auth and saltkey cookie values
    assert files_holding(temp_home, secrets) == []
    # the session is in the private file, outside the home, readable only by the user
    session_file = Path(os.environ["S1READER_SESSION_FILE"])
    assert session_file.is_file() and temp_home not in session_file.parents
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600
    assert PASSWORD.encode() not in session_file.read_bytes()  # the password is never kept

    code, out, _ = run(capsys, monkeypatch, "logout")
    assert code == 0 and "logged out" in out
    assert files_holding(tmp_path / "session-store", [auth]) == []
    code, out, _ = run(capsys, monkeypatch, "login", "--status", "--json")
    assert json.loads(out)["logged_in"] is False
    code, out, err = run(capsys, monkeypatch, "refresh", str(TID), "--delay", "0", "--json")
    assert code == 1 and json.loads(out)["threads"][0]["error"]["kind"] == "login_required"
    code, out, _ = run(capsys, monkeypatch, "logout")
    assert "not logged in" in out


def test_an_expired_session_says_to_log_in_again(forum, capsys, monkeypatch):
    run(capsys, monkeypatch, "login", "--username", USER, "--password-stdin", stdin=PASSWORD)
    assert run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0", "--pages", "1")[0] == 0
    forum.forum.expire_sessions()
    code, out, err = run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0", "--json")
    error = json.loads(out)["error"]
    assert code == 1 and error["kind"] == "session_expired"
    assert f"log in again with `s1reader login --username {USER}`" in err
    # a thread guests may read is still fetched; the expired session is pointed out
    forum.forum.members_only.clear()
    code, out, err = run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0")
    assert code == 0 and "your session as" in err and "expired" in err


def test_a_refused_login_says_why_and_keeps_nothing(forum, capsys, monkeypatch, tmp_path):
    code, out, err = run(capsys, monkeypatch, "login", "--username", USER, "--password-stdin",
                         "--json", stdin="wrong password\n")
    assert code == 1
    error = json.loads(out)["error"]
    assert error["kind"] == "login_failed" and "登录失败" in error["message"]
    assert "wrong password" not in out + err
    assert not (tmp_path / "session-store").exists()
    # an account with a security question
    code, _, err = run(capsys, monkeypatch, "login", "--username", "有问题的人", "--password-stdin",
                       stdin="pw-with-question")
    assert code == 1 and "--question N --answer TEXT" in err
    code, _, err = run(capsys, monkeypatch, "login", "--username", "有问题的人", "--password-stdin",
                       "--question", "3", "--answer", "北京", stdin="pw-with-question")
    assert code == 1 and "did not accept" in err
    code, out, err = run(capsys, monkeypatch, "login", "--username", "有问题的人", "--password-stdin",
                         "--question", "3", "--answer", "上海", stdin="pw-with-question")
    assert code == 0, err
    assert (forum.forum.logins[-1]["questionid"], forum.forum.logins[-1]["answer"]) == ("3", "上海")
    code, _, err = run(capsys, monkeypatch, "login")
    assert code == 1 and "--username" in err


def test_a_login_that_asks_for_a_captcha_says_so_and_keeps_nothing(forum, capsys, monkeypatch,
                                                                    tmp_path):
    forum.forum.captcha = True
    code, out, err = run(capsys, monkeypatch, "login", "--username", USER, "--password-stdin",
                         "--json", stdin=PASSWORD + "\n")
    assert code == 1
    message = json.loads(out)["error"]["message"]
    assert "captcha" in message and "browser" in message
    assert forum.forum.logins == []  # the password was never sent
    assert not (tmp_path / "session-store").exists()


def test_without_a_terminal_the_password_comes_from_stdin_only(forum, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "login", "--username", USER, stdin="")
    assert code == 1 and "--password-stdin" in err


def test_the_session_goes_to_the_system_keyring_when_there_is_one(forum, capsys, monkeypatch, tmp_path,
                                                                  temp_home):
    store = tmp_path / "system-keyring.json"  # stands in for the Secret Service / Keychain
    monkeypatch.setenv(KEYRING_ENV, str(store))
    keyring.set_keyring(FileKeyring())
    code, out, err = run(capsys, monkeypatch, "login", "--username", USER, "--password-stdin",
                         stdin=PASSWORD)
    assert code == 0 and "system keyring" in out, err
    assert store.is_file() and not Path(os.environ["S1READER_SESSION_FILE"]).exists()
    assert run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0")[0] == 0
    close_library()
    assert files_holding(temp_home, secrets_of(forum)) == []
    assert run(capsys, monkeypatch, "logout")[0] == 0
    assert json.loads(store.read_text()) == {}


def test_guest_stays_the_default_and_guest_can_be_asked_for(forum, capsys, monkeypatch):
    forum.forum.members_only.clear()
    assert run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0", "--pages", "1")[0] == 0
    assert forum.forum.cookies_seen == [""]  # never logged in: nothing sent
    run(capsys, monkeypatch, "login", "--username", USER, "--password-stdin", stdin=PASSWORD)
    forum.forum.cookies_seen.clear()
    assert run(capsys, monkeypatch, "fetch", str(TID), "--delay", "0", "--pages", "1", "--guest")[0] == 0
    assert forum.forum.cookies_seen == [""]

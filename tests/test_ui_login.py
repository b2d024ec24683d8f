"""Logging in from the window (issue 28): File → Log in to the forum… → saving a thread only members
may read → File → Log out of the forum, against the Discuz-like server on 127.0.0.1; the account's
name in the status bar; a refused login said in the dialog; an expired session said in words."""

from __future__ import annotations

import pytest
from discuz_server import Account, ForumServer
from support import write_thread

from reader.forum.links import BASE_ENV
from reader.parse.thread import parse_file
from reader.store import queries
from reader.ui.accountflow import AccountFlow
from reader.ui.forumflow import ForumFlow

TID = 2802
USER, PASSWORD = "阿卡林", "pw-窗口-2802"


@pytest.fixture
def forum(monkeypatch, tmp_path):
    with ForumServer() as srv:
        monkeypatch.setenv(BASE_ENV, srv.base_url)
        monkeypatch.setattr(ForumFlow, "client_options",
                            {"delay": 0.0, "retries": 0, "backoff": 0.01, "timeout": 5.0})
        monkeypatch.setattr(AccountFlow, "login_timeout", 5.0)
        f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[会员帖].md",
                         [(n, f"用户{n % 3}", f"2026-2-1 10:{n:02d}", f"第{n}楼") for n in range(1, 31)],
                         op="用户1")
        srv.forum.add_posts(TID, "会员帖", parse_file(f).posts)
        srv.forum.members_only.add(TID)
        srv.forum.accounts[USER] = Account(PASSWORD, uid="426519")
        yield srv


@pytest.fixture
def window(make_window, forum, qtbot):
    w = make_window()
    qtbot.waitUntil(lambda: w.account_flow.label.text() != "", timeout=5000)
    return w


def _log_in(window, qtbot, password: str):
    account = window.account_flow
    window.actions["login"].trigger()
    dialog = account.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.username.setText(USER)
    dialog.password.setText(password)
    return account, dialog


def test_login_fetch_a_members_thread_logout(window, forum, qtbot):
    flow, account = window.forum_flow, window.account_flow
    assert "guest" in account.label.text() or "游客" in account.label.text()
    # as a guest the thread is refused, and the message says how to log in
    with qtbot.waitSignal(flow.fetched, timeout=15000):
        flow.fetch_link(str(TID))
    assert "Log in to the forum" in flow.message_box.text()
    assert queries.get_thread(TID) is None
    flow.message_box.close()

    account, dialog = _log_in(window, qtbot, PASSWORD)
    with qtbot.waitSignal(account.account_changed, timeout=15000) as blocker:
        dialog.login_button.click()
    assert blocker.args == [USER]
    assert not dialog.isVisible() and dialog.password.text() == ""
    assert USER in account.label.text()

    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        flow.fetch_link(str(TID))
    [(tid, result, error)] = blocker.args[0]
    assert (tid, error) == (TID, None) and result.posts_added == 30
    assert window.tid == TID and len(window.view.thread_model.ids) == 30

    with qtbot.waitSignal(account.account_changed, timeout=15000) as blocker:
        window.actions["logout"].trigger()
    assert blocker.args == [None]
    assert "guest" in account.label.text() or "游客" in account.label.text()
    forum.forum.requests.clear()
    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        window.actions["refresh_thread"].trigger()
    [(tid, result, error)] = blocker.args[0]
    assert error is not None and error.kind == "login_required"


def test_a_refused_login_is_said_in_the_dialog(window, forum, qtbot):
    account, dialog = _log_in(window, qtbot, "wrong")
    dialog.login_button.click()
    qtbot.waitUntil(lambda: dialog.login_button.isEnabled(), timeout=15000)
    assert dialog.isVisible() and "did not accept" in dialog.status.text()
    assert "登录失败" in dialog.status.text()  # the forum's own words
    assert account.username is None
    dialog.reject()


def test_an_expired_session_says_to_log_in_again(window, forum, qtbot):
    account, dialog = _log_in(window, qtbot, PASSWORD)
    with qtbot.waitSignal(account.account_changed, timeout=15000):
        dialog.login_button.click()
    forum.forum.expire_sessions()
    flow = window.forum_flow
    with qtbot.waitSignal(flow.fetched, timeout=15000):
        flow.fetch_link(str(TID))
    text = flow.message_box.text()
    assert "expired" in text and USER in text and "Log in to the forum" in text


def test_without_network_the_window_says_so_at_once_in_chinese(window, forum, qtbot, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from reader.ui import translation
    from reader.ui.translation import install_translator

    monkeypatch.setenv(BASE_ENV, "http://forum.invalid/2b/")  # no name service: as offline
    monkeypatch.setattr(ForumFlow, "client_options",
                        {"delay": 0.0, "retries": 3, "backoff": 5.0, "timeout": 5.0})
    flow = window.forum_flow
    app = QCoreApplication.instance()
    install_translator("zh_CN")
    try:
        with qtbot.waitSignal(flow.fetched, timeout=60000) as blocker:
            flow.fetch_link(str(TID))
        [(_tid, _result, error)] = blocker.args[0]
        text = flow.message_box.text()
    finally:
        for t in translation._installed:
            app.removeTranslator(t)
        translation._installed.clear()
    assert error.kind == "offline"
    assert "没有网络" in text and "urllib3" not in text and "Error" not in text

"""Saving and refreshing threads from a local Discuz-like server (127.0.0.1 only) through the
window, clear errors, and exporting the open thread as archive markdown and HTML."""

from __future__ import annotations

import pytest
from discuz_server import ForumServer
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog
from support import write_thread

from reader.forum.links import BASE_ENV
from reader.parse.thread import parse_file
from reader.store import queries
from reader.ui import translation
from reader.ui.forumflow import ForumFlow
from reader.ui.translation import install_translator

TID = 2274815


@pytest.fixture
def forum(monkeypatch, tmp_path):
    with ForumServer() as srv:
        monkeypatch.setenv(BASE_ENV, srv.base_url)
        monkeypatch.setattr(ForumFlow, "client_options",
                            {"delay": 0.0, "retries": 1, "backoff": 0.01, "timeout": 5.0})
        f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[从论坛保存].md",
                         [(n, f"用户{n % 7}", f"2024-6-{n % 28 + 1} 10:{n % 60:02d}", f"第{n}楼 内容{n}")
                          for n in range(1, 101)], op="用户1")
        srv.posts = parse_file(f).posts
        srv.forum.add_posts(TID, "从论坛保存", [p for p in srv.posts if p.floor <= 90])
        yield srv


@pytest.fixture
def window(make_window, forum):
    return make_window()


def test_save_from_link_then_refresh(window, forum, qtbot, monkeypatch):
    flow = window.forum_flow
    url = f"https://bbs.saraba1st.com/2b/thread-{TID}-1-1.html"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (url, True))
    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        window.actions["fetch_thread"].trigger()
    [(tid, result, error)] = blocker.args[0]
    assert (tid, error) == (TID, None)
    assert result.pages == [1, 2, 3] and result.posts_added == 90
    assert window.tid == TID  # the library refreshed and the thread opened
    assert len(window.view.thread_model.ids) == 90
    assert queries.get_thread(TID).title == "从论坛保存"
    assert "90" in window.statusBar().currentMessage()

    # the forum gets 10 more posts: Refresh fetches only the last page and reports them
    forum.forum.add_posts(TID, "从论坛保存", [p for p in forum.posts if p.floor > 90])
    forum.forum.requests.clear()
    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        window.actions["refresh_thread"].trigger()
    [(tid, result, error)] = blocker.args[0]
    assert error is None and result.posts_added == 10
    assert forum.forum.requests == [(TID, 3)]
    assert "10" in window.statusBar().currentMessage()
    assert len(window.view.thread_model.ids) == 100  # the open thread reloaded

    # and "refresh all followed threads" finds nothing new
    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        window.actions["refresh_followed"].trigger()
    [(tid, result, error)] = blocker.args[0]
    assert tid == TID and error is None and result.posts_added == 0


def test_refreshing_followed_threads_counts_them_with_plural_forms(window, forum, qtbot,
                                                                    monkeypatch):
    flow = window.forum_flow
    other = TID + 1
    forum.forum.add_posts(other, "另一个帖子", [p for p in forum.posts if p.floor <= 5])
    for tid in (TID, other):
        url = f"https://bbs.saraba1st.com/2b/thread-{tid}-1-1.html"
        monkeypatch.setattr(QInputDialog, "getText", lambda *a, u=url, **k: (u, True))
        with qtbot.waitSignal(flow.fetched, timeout=15000):
            window.actions["fetch_thread"].trigger()
    messages = {}
    app = QCoreApplication.instance()
    try:
        for language in ("en", "zh_CN"):
            install_translator(language)
            with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
                window.actions["refresh_followed"].trigger()
            assert sorted(t for t, _r, _e in blocker.args[0]) == [TID, other]
            one = QCoreApplication.translate("ForumFlow", "Refreshed %n threads: %2 new posts.",
                                             "", 1)
            messages[language] = (window.statusBar().currentMessage(), one)
    finally:
        for t in translation._installed:
            app.removeTranslator(t)
        translation._installed.clear()
    assert messages == {
        "en": ("Refreshed 2 threads: 0 new posts.", "Refreshed 1 thread: %2 new posts."),
        "zh_CN": ("已刷新 2 个帖子：新增 0 楼。", "已刷新 1 个帖子：新增 %2 楼。")}


@pytest.mark.parametrize(("refusal", "words"), [
    (None, "does not exist"),
    (("to_login//1", "您需要先登录才能继续本操作"), "Log in to the forum"),
])
def test_forum_errors_are_shown_clearly(window, forum, qtbot, refusal, words):
    flow = window.forum_flow
    tid = 31337
    if refusal:
        forum.forum.add_posts(tid, "x", [])
        forum.forum.refusals[tid] = refusal
    with qtbot.waitSignal(flow.fetched, timeout=15000):
        assert flow.fetch_link(str(tid))
    assert flow.message_box is not None and flow.message_box.isVisible()
    assert words in flow.message_box.text()
    assert queries.get_thread(tid) is None


def test_not_a_link(window, forum):
    flow = window.forum_flow
    assert not flow.fetch_link("hello world")
    assert "neither a thread link" in flow.message_box.text()


def test_network_error(window, forum, qtbot, monkeypatch):
    monkeypatch.setenv(BASE_ENV, "http://127.0.0.1:9/2b/")  # nothing listens on port 9
    flow = window.forum_flow
    with qtbot.waitSignal(flow.fetched, timeout=15000):
        flow.fetch_link(str(TID))
    assert flow.message_box is not None
    assert "reached" in flow.message_box.text() or "network" in flow.message_box.text().lower()


def test_export_open_thread_md_and_html(window, forum, qtbot, tmp_path):
    flow = window.forum_flow
    with qtbot.waitSignal(flow.fetched, timeout=15000):
        flow.fetch_link(str(TID))
    md = tmp_path / "out" / f"{TID}-01[从论坛保存].md"  # the name the dialog proposes
    with qtbot.waitSignal(flow.exported, timeout=10000) as blocker:
        flow.export_thread(str(md))
    assert blocker.args[0].posts == 90
    assert [p.floor for p in parse_file(md).posts] == list(range(1, 91))
    page = tmp_path / "out" / "thread.html"
    with qtbot.waitSignal(flow.exported, timeout=10000):
        flow.export_thread(str(page))
    assert "从论坛保存" in page.read_text(encoding="utf-8")


def test_cancel_keeps_saved_pages_and_the_next_fetch_resumes(window, forum, qtbot):
    flow = window.forum_flow
    forum.forum.slow_seconds = 0.5
    forum.forum.faults[(TID, 2)].append("slow")
    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        flow.fetch_link(str(TID))
        qtbot.waitUntil(lambda: flow.progress is not None and flow.progress.value() >= 1, timeout=5000)
        flow.progress.canceled.emit()  # what the Cancel button sends: stops between pages
    [(tid, result, error)] = blocker.args[0]
    # the worker checks Cancel between pages: it may see it before page 2 or only after it
    assert result.cancelled and result.pages in ([1], [1, 2])
    saved = len(result.pages)
    assert "Stopped" in window.statusBar().currentMessage() or "已停止" in window.statusBar().currentMessage()
    assert queries.get_thread(TID).post_count == 40 * saved
    forum.forum.requests.clear()
    with qtbot.waitSignal(flow.fetched, timeout=15000) as blocker:
        flow.refresh_followed()
    [(tid, result, error)] = blocker.args[0]
    assert forum.forum.requests == [(TID, p) for p in range(saved + 1, 4)]
    assert result.posts_added == 90 - 40 * saved

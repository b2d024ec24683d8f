"""The forum as it answers today (issue 28): every real captured answer in
``../shared/forum-samples`` served unchanged from 127.0.0.1 to ``s1reader fetch --json``, and our
own fixtures for the shapes the samples lack (bare ``{"error": …}`` forms, ``mobile:`` and ``//1``
messagevals, missing keys and nulls, attachments, pages without ``maxposition``, deleted floors,
an answer about another thread). Each checks what the user sees: the words, the JSON, what is
stored."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from discuz_server import ForumServer
from support import REPO, write_thread

from reader.cli import main
from reader.forum.client import ForumClient, ForumError
from reader.forum.sync import ThreadFetcher
from reader.parse.thread import parse_file
from reader.store import queries
from reader.store.db import close_library
from reader.store.followed import followed_thread

SAMPLES = REPO.parent / "shared" / "forum-samples"
TRADE_TID = 1814693


def sample(name: str) -> bytes:
    """A captured answer's bytes, unchanged; the test is skipped (or fails in CI) without them."""
    path = SAMPLES / name
    if not path.is_file():
        reason = f"../shared/forum-samples/{name} not found at {path} (it sits beside the checkout)"
        if os.environ.get("S1READER_REQUIRE_CORPUS") == "1":
            pytest.fail(reason + " but S1READER_REQUIRE_CORPUS=1")
        pytest.skip(reason)
    return path.read_bytes()


@pytest.fixture
def server(monkeypatch):
    with ForumServer() as srv:
        monkeypatch.setenv("S1READER_FORUM_BASE", srv.base_url)
        yield srv
    close_library()


def fetch(capsys, tid: int, *extra: str) -> tuple[int, dict, str]:
    code = main(["fetch", str(tid), "--delay", "0", "--json", *extra])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


# -- the real answers, unchanged


def test_the_real_trade_thread_is_saved_with_its_pictures(server, capsys):
    server.forum.raw[TRADE_TID] = sample("viewthread-v1-trade-thread-2019.json")
    code, result, err = fetch(capsys, TRADE_TID)
    assert code == 0, err
    # replies says "0" but maxposition "3": one page (ppp 30), complete
    assert (result["posts_added"], result["pages"], result["complete"]) == (2, [1], True)
    assert result["title"] == "固态硬盘 内存"
    assert main(["show", str(TRADE_TID), "--json"]) == 0
    posts = json.loads(capsys.readouterr()[0])["posts"]
    assert [(p["floor"], p["author"]) for p in posts] == [(1, "sonic3908"), (2, "sonic3908")]
    first = json.dumps(posts[0], ensure_ascii=False)
    # the first post has no message at all: its two image attachments are its content
    assert "https://img.saraba1st.com/forum/201903/03/232440u27tr24xzblc1kyb.jpeg" in first
    assert "https://img.saraba1st.com/forum/201903/03/232439c7zzndb331rylnnv.jpeg" in first
    assert "20190125_220729-01-01.jpeg" in first and "1.93 MB" in first
    assert "闪迪SSD PLUS 120G全新未拆" in json.dumps(posts[1], ensure_ascii=False)
    assert queries.get_thread(TRADE_TID).board == "二手交易" or queries.get_thread(TRADE_TID).board


@pytest.mark.parametrize(("name", "kind", "words"), [
    ("viewthread-v1-thread-nonexistence-2019.json", "not_found", "does not exist on the forum"),
    ("friend-v1-login-required.json", "login_required", "请先登录后才能继续浏览"),
    ("forumdisplay-v1-fid6-2019.json", "bad_response", "has no thread or post list"),
    ("forumindex-v4-logged-in-2026.json", "bad_response", "has no thread or post list"),
])
def test_real_refusals_and_wrong_answers_are_clear_and_store_nothing(server, capsys, name, kind, words):
    server.forum.raw[4242] = sample(name)
    code, out, err = fetch(capsys, 4242)
    assert code == 1 and "Traceback" not in err
    assert (out["error"]["kind"], out["error"]["tid"]) == (kind, 4242)
    assert words in out["error"]["message"] and words in err
    if kind == "login_required":
        assert "s1reader login --username" in err
    assert queries.get_thread(4242) is None and followed_thread(4242) is None


# -- shapes the samples lack: our own fixtures in the same envelopes


@pytest.mark.parametrize(("body", "kind", "words"), [
    ({"error": "to_login"}, "login_required", "s1reader login --username NAME"),
    ({"error": "mobile_is_closed"}, "mobile_closed", "switched off its mobile API"),
    ({"error": "module_not_exists"}, "api_changed", "its API has changed"),
    ({"error": "something_new"}, "forum_message", "something_new"),
    ({"Version": "4", "Variables": {"member_uid": "0"},
      "Message": {"messageval": "mobile:login_invalid", "messagestr": "登录已失效"}},
     "login_required", "登录已失效"),
    ({"Version": "4", "Variables": {"member_uid": "0"},
      "Message": {"messageval": "group_nopermission//1", "messagestr": "抱歉"}},
     "login_required", "s1reader login"),
    ({"Version": "4", "Variables": None, "Message": None}, "bad_response", "no thread or post list"),
])
def test_bare_and_prefixed_refusals_say_what_they_mean(server, capsys, body, kind, words):
    server.forum.raw[5151] = json.dumps(body).encode()
    code, out, err = fetch(capsys, 5151)
    assert code == 1 and out["error"]["kind"] == kind and words in out["error"]["message"], err


def _thread(tmp_path: Path, server, tid: int, floors: int, subject: str = "测试帖") -> None:
    f = write_thread(tmp_path / "src" / "外野" / f"{tid}-01[{subject}].md",
                     [(n, f"用户{n % 4}", f"2025-3-{n % 27 + 1} 09:{n % 60:02d}", f"第{n}楼")
                      for n in range(1, floors + 1)], op="用户1")
    server.forum.add_posts(tid, subject, parse_file(f).posts)


def _fetcher_client(server, tmp_path, **options) -> ForumClient:
    settings = {"delay": 0.0, "retries": 0, "backoff": 0.01, "timeout": 5.0, **options}
    return ForumClient(server.base_url, cache_path=tmp_path / "forum_api.sqlite3", **settings)


def test_missing_keys_and_nulls_are_read_as_a_reader_expects(server, capsys, tmp_path):
    _thread(tmp_path, server, 6161, 5)
    real = server.forum.answer

    def answer(query, cookie=""):
        code, env = real(query, cookie)
        posts = env["Variables"]["postlist"] = [dict(p) for p in env["Variables"]["postlist"]]
        del posts[0]["message"]  # an empty first post: left out, as the forum does
        posts[1]["author"], posts[1]["authorid"] = None, None
        posts[1]["anonymous"] = "1"
        posts[2]["attachments"], posts[2]["imagelist"] = None, None
        posts[3]["dateline"] = None  # dbdateline still says when
        del posts[4]["position"]  # v1: only number
        posts[4]["groupid"] = None
        env["Variables"]["thread"]["subject"] = None
        return code, env

    server.forum.answer = answer
    code, result, err = fetch(capsys, 6161)
    assert code == 0, err
    assert result["posts_added"] == 5
    stored = queries.thread_posts(6161)
    assert [p.floor for p in stored] == [1, 2, 3, 4, 5]
    assert stored[1].author == "匿名" and stored[1].anonymous
    assert (stored[3].posted_at.day, stored[3].posted_at.minute) == (5, 4)  # from dbdateline


def test_attach_markers_and_unplaced_attachments(server, capsys, tmp_path):
    _thread(tmp_path, server, 6262, 1)
    post = server.forum.threads[6262].posts[0]

    def attachment(aid: str, name: str) -> dict:
        return {"aid": aid, "filename": name, "filesize": "2048", "isimage": "1",
                "url": "https://img.stage1st.com/forum/", "attachment": f"202602/15/{aid}.jpg",
                "dbdateline": "1771111111", "attachsize": "2 KB"}

    post["message"] = "前文<br />\r\n[attach]9001[/attach]<br />\r\n后文"
    post["attachments"] = {"9001": attachment("9001", "inline.jpg"), "9002": attachment("9002", "left-over.jpg")}
    assert fetch(capsys, 6262)[0] == 0
    assert main(["show", "6262", "--json"]) == 0
    text = json.dumps(json.loads(capsys.readouterr()[0])["posts"][0], ensure_ascii=False)
    placed, appended, after = (text.index("202602/15/9001.jpg"), text.index("202602/15/9002.jpg"),
                               text.index("后文"))
    assert "[attach]" not in text
    assert text.index("前文") < placed < after < appended  # placed where the marker was; the rest after


def test_pages_come_from_maxposition_or_the_last_floor_never_from_replies(library, server, tmp_path):
    _thread(tmp_path, server, 6363, 100)
    real = server.forum.answer

    def answer(query, cookie=""):
        code, env = real(query, cookie)
        thread = env["Variables"]["thread"]
        thread["replies"] = "0"  # wrong, as on the real trade thread
        return code, env

    server.forum.answer = answer
    with _fetcher_client(server, tmp_path) as client:
        result = ThreadFetcher(client).fetch(6363)
    assert (result.pages, result.posts_added, result.complete) == ([1, 2, 3], 100, True)

    # no maxposition at all (and v1 posts with only number): the last full page leads on
    def answer_without_count(query, cookie=""):
        code, env = real(query, cookie)
        del env["Variables"]["thread"]["maxposition"]
        env["Variables"]["thread"]["replies"] = "5000"  # wrong the other way: not trusted either
        env["Variables"]["postlist"] = [{k: v for k, v in p.items() if k != "position"}
                                        for p in env["Variables"]["postlist"]]
        return code, env

    server.forum.answer = answer_without_count
    _thread(tmp_path, server, 6464, 80)
    server.forum.requests.clear()
    with _fetcher_client(server, tmp_path) as client:
        result = ThreadFetcher(client).fetch(6464)
    assert result.posts_added == 80 and result.pages == [1, 2]
    # page 3 does not exist: the forum answers its last page again, and the fetch ends there
    assert server.forum.requests == [(6464, 1), (6464, 2), (6464, 3)]


def test_deleted_floors_are_no_reason_to_ask_again(library, server, tmp_path):
    _thread(tmp_path, server, 6565, 130)
    deleted = {7, *range(41, 81), 129, 130}  # one post, a whole page, and the thread's last two
    thread = server.forum.threads[6565]
    real = server.forum.answer

    def answer(query, cookie=""):
        code, env = real(query, cookie)
        if "postlist" in env.get("Variables", {}):
            env["Variables"]["postlist"] = [p for p in env["Variables"]["postlist"]
                                            if int(p["position"]) not in deleted]
        return code, env

    server.forum.answer = answer
    assert max(int(p["position"]) for p in thread.posts) == 130
    with _fetcher_client(server, tmp_path) as client:
        result = ThreadFetcher(client).fetch(6565)
    assert result.complete and result.posts_added == 130 - len(deleted)
    assert server.forum.requests == [(6565, 1), (6565, 2), (6565, 3), (6565, 4)]
    assert followed_thread(6565).fetched_position == 130
    # a refresh asks for the last page once and finds nothing new
    server.forum.requests.clear()
    with _fetcher_client(server, tmp_path) as client:
        (outcome,) = ThreadFetcher(client).refresh()
    assert outcome.error is None and outcome.result.posts_added == 0
    assert server.forum.requests == [(6565, 4)]


@pytest.mark.parametrize("where", ["thread", "post"])
def test_an_answer_about_another_thread_is_refused(library, server, tmp_path, where):
    _thread(tmp_path, server, 6666, 3)
    _thread(tmp_path, server, 7777, 3, "别的帖子")
    real = server.forum.answer

    def answer(query, cookie=""):
        code, env = real({**query, "tid": "7777"}, cookie)  # always the other thread
        if where == "post":
            env["Variables"]["thread"]["tid"] = query["tid"]
        return code, env

    server.forum.answer = answer
    with _fetcher_client(server, tmp_path) as client, pytest.raises(ForumError) as failed:
        ThreadFetcher(client).fetch(6666)
    assert failed.value.kind == "bad_response"
    assert "answered with thread 7777 when thread 6666 was asked for" in str(failed.value)
    assert queries.get_thread(6666) is None and queries.get_thread(7777) is None

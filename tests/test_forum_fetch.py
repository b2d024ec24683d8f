"""Fetching threads from a local Discuz-like server (127.0.0.1 only): pages, refresh, resume, errors.

The server's thread is a corpus thread (tid 2036587: quotes, smileys, images, attachments, edit
notes, banned authors) written back as Discuz HTML, so what the fetch stores can be compared
with what the archive parser reads from the file.
"""

from __future__ import annotations

import time

import pytest
from discuz_server import ForumServer
from support import corpus_root

from reader.forum.client import (
    KIND_BAD_RESPONSE,
    KIND_HTTP,
    KIND_LOGIN,
    KIND_NO_PERMISSION,
    KIND_NOT_FOUND,
    ForumClient,
    ForumError,
)
from reader.forum.sync import FetchCancelled, ThreadFetcher
from reader.parse import distinct_posts
from reader.parse.model import Paragraph, Quote, Rating, Smiley, Strong
from reader.parse.thread import parse_file
from reader.store import queries, readstate
from reader.store.followed import followed_thread, followed_threads
from reader.store.models import database

TID = 2036587


@pytest.fixture(scope="module")
def corpus_posts():
    files = sorted(corpus_root().rglob(f"{TID}-*.md"))
    return distinct_posts([p for f in files for p in parse_file(f).posts])


@pytest.fixture
def server():
    with ForumServer() as srv:
        yield srv


def make_client(server, tmp_path, **options) -> ForumClient:
    settings = {"delay": 0.0, "retries": 2, "backoff": 0.01, "timeout": 5.0, **options}
    return ForumClient(server.base_url, cache_path=tmp_path / "cache" / "forum_api.sqlite3", **settings)


def _runs(runs):
    return tuple(("smiley", r.pack, r.name) if isinstance(r, Smiley)
                 else ("strong", _runs(r.runs)) if isinstance(r, Strong) else r for r in runs)


def _blocks(blocks):
    """Blocks compared across sources: smileys by pack/name (the forum's host differs), no ratings
    (viewthread does not carry them)."""
    out = []
    for b in blocks:
        if isinstance(b, Paragraph):
            out.append(("p", _runs(b.runs)))
        elif isinstance(b, Quote):
            out.append(("q", b.author, b.posted_at, b.pid, b.ptid, b.url, _blocks(b.blocks), b.truncated))
        elif not isinstance(b, Rating):
            out.append(b)
    return tuple(out)


def _as_archive(p):
    edit = (p.edit.editor, p.edit.edited_at) if p.edit else None
    return (p.floor, p.author, p.posted_at, p.is_op, p.anonymous, edit, p.status, _blocks(p.blocks))


def _as_stored(p):
    edit = (p.editor, p.edited_at) if p.editor is not None else None
    status = "banned" if p.banned else "hidden" if p.hidden else "empty" if p.empty else "normal"
    return (p.floor, p.author, p.posted_at, p.is_op, p.anonymous, edit, status, _blocks(p.blocks))


def test_fetch_a_three_page_thread_stores_what_the_archive_holds(library, server, tmp_path, corpus_posts):
    original = [p for p in corpus_posts if p.floor <= 120]
    server.forum.add_posts(TID, "B站&某主播 专楼", original)
    pages_seen = []
    with make_client(server, tmp_path) as client:
        result = ThreadFetcher(client, progress=pages_seen.append).fetch(TID)
    assert (result.pages, result.posts_added, result.complete) == ([1, 2, 3], 120, True)
    assert server.forum.requests == [(TID, 1), (TID, 2), (TID, 3)]
    assert [(p.page, p.last_page) for p in pages_seen] == [(1, 3), (2, 3), (3, 3)]
    assert all(ua.startswith("s1reader/") for ua in server.forum.user_agents)
    stored = queries.thread_posts(TID)
    assert [_as_stored(p) for p in stored] == [_as_archive(p) for p in original]
    assert all(p.pid for p in stored) and len({p.pid for p in stored}) == 120
    thread = queries.get_thread(TID)
    assert thread.title == "B站&某主播 专楼" and thread.post_count == 120 and thread.reachable
    f = followed_thread(TID)
    assert (f.fetched_position, f.max_position, f.last_new_posts, f.last_error) == (120, 120, 120, None)
    # fetching again asks for the page after the stored ones (the forum answers its last page)
    server.forum.requests.clear()
    with make_client(server, tmp_path) as client:
        again = ThreadFetcher(client).fetch(TID)
    assert server.forum.requests == [(TID, 4)]
    assert (again.posts_added, again.posts_updated) == (0, 0)


def test_refresh_fetches_only_the_new_page_and_keeps_user_data(library, server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", [p for p in corpus_posts if p.floor <= 120])
    with make_client(server, tmp_path) as client:
        ThreadFetcher(client).fetch(TID)
    readstate.save_position(TID, 77)
    readstate.mark_visited(TID)
    with database.atomic():
        database.execute_sql(
            "INSERT INTO bookmark (tid, pid, floor, author, posted_at, note, tags, created_at) "
            "SELECT tid, pid, floor, (SELECT name FROM author WHERE id = author_id), posted_at, 'n', '', "
            "'2026-01-01 00:00:00' FROM post WHERE tid = ? AND floor = 5", (TID,))
    server.forum.add_posts(TID, "专楼", [p for p in corpus_posts if p.floor > 120])
    server.forum.requests.clear()
    with make_client(server, tmp_path) as client:
        outcomes = ThreadFetcher(client).refresh()
    assert server.forum.requests == [(TID, 4)]
    (outcome,) = outcomes
    assert outcome.error is None and outcome.result.posts_added == len(corpus_posts) - 120
    assert queries.get_thread(TID).post_count == len(corpus_posts)
    assert followed_thread(TID).last_new_posts == len(corpus_posts) - 120
    pos = readstate.get_position(TID)
    assert (pos.last_floor, pos.seen_max_floor) == (77, 120)
    # unread: the posts after the last one read (issue 17), new ones included
    assert queries.get_thread(TID).unread == sum(1 for p in corpus_posts if p.floor > 77)
    assert database.execute_sql("SELECT floor, note FROM bookmark").fetchall() == [(5, "n")]
    # nothing new: one request, nothing added
    server.forum.requests.clear()
    with make_client(server, tmp_path) as client:
        (outcome,) = ThreadFetcher(client).refresh([TID])
    assert outcome.result.posts_added == 0 and len(server.forum.requests) == 1


def test_an_interrupted_fetch_resumes_after_the_stored_pages(library, server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts)  # 4 pages
    server.forum.faults[(TID, 3)] = ["500", "500", "500"]  # more failures than retries
    with make_client(server, tmp_path) as client, pytest.raises(ForumError) as failed:
        ThreadFetcher(client).fetch(TID)
    assert failed.value.kind == KIND_HTTP
    assert "HTTP 500" in str(failed.value) and "gave up after 3 attempts" in str(failed.value)
    assert queries.get_thread(TID).post_count == 80 and followed_thread(TID).fetched_position == 80
    # a cancel between pages keeps what is stored too
    server.forum.requests.clear()
    asked = iter([True])
    with make_client(server, tmp_path) as client, pytest.raises(FetchCancelled) as stopped:
        ThreadFetcher(client, should_cancel=lambda: next(asked)).fetch(TID)
    assert stopped.value.result.pages == [3] and server.forum.requests == [(TID, 3)]
    assert followed_thread(TID).fetched_position == 120
    server.forum.requests.clear()
    with make_client(server, tmp_path) as client:
        result = ThreadFetcher(client).fetch(TID)
    assert server.forum.requests == [(TID, 4)] and result.complete
    assert queries.get_thread(TID).post_count == len(corpus_posts)


def test_a_slow_page_times_out_and_is_retried(library, server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts[:30])
    server.forum.slow_seconds = 1.5
    server.forum.faults[(TID, 1)] = ["slow"]
    with make_client(server, tmp_path, timeout=0.3) as client:
        result = ThreadFetcher(client).fetch(TID)
        assert client.stats.retries == 1
    assert result.posts_added == 30


@pytest.mark.parametrize(
    ("refusal", "kind", "words"),
    [
        (None, KIND_NOT_FOUND, "does not exist on the forum"),
        (("to_login//1", "您需要先登录才能继续本操作"), KIND_LOGIN, "can only be read when logged in"),
        (("viewperm_none_nopermission", "抱歉，您没有权限访问该版块"), KIND_NO_PERMISSION,
         "no permission to read thread"),
    ],
)
def test_refusals_are_clear_errors_and_store_nothing(library, server, tmp_path, refusal, kind, words):
    tid = 31337
    if refusal:
        server.forum.add_posts(tid, "x", [])
        server.forum.refusals[tid] = refusal
    with make_client(server, tmp_path) as client, pytest.raises(ForumError) as failed:
        ThreadFetcher(client).fetch(tid)
    assert failed.value.kind == kind and words in str(failed.value)
    assert queries.get_thread(tid) is None and followed_threads() == []
    assert len(server.forum.requests) == 1  # a refusal is not retried


def test_errors_on_refresh_are_recorded_per_thread(library, server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts[:10])
    with make_client(server, tmp_path) as client:
        ThreadFetcher(client).fetch(TID)
    server.forum.faults[(TID, 1)] = ["junk"] * 3
    with make_client(server, tmp_path) as client:
        (outcome,) = ThreadFetcher(client).refresh()
    assert outcome.error.kind == KIND_BAD_RESPONSE
    assert "not JSON" in followed_thread(TID).last_error
    server.forum.refusals[TID] = ("thread_nonexistence", "抱歉，指定的主题不存在或已被删除或正在被审核")
    with make_client(server, tmp_path) as client:
        (outcome,) = ThreadFetcher(client).refresh()
    assert outcome.error.kind == KIND_NOT_FOUND and queries.get_thread(TID).post_count == 10


def test_requests_are_paced_and_complete_pages_come_from_the_cache(library, server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts[:120])
    started = time.monotonic()
    with make_client(server, tmp_path, delay=0.2) as client:
        ThreadFetcher(client).fetch(TID)
    assert time.monotonic() - started >= 0.4  # three requests, two pauses
    server.forum.requests.clear()
    with make_client(server, tmp_path) as client:
        result = ThreadFetcher(client).fetch(TID, pages=(1, 3))
        assert client.stats.cache_hits == 1
    # page 1 is asked fresh (it tells how long the thread is), page 3 may have grown; page 2 is cached
    assert server.forum.requests == [(TID, 1), (TID, 3)] and result.pages == [1, 2, 3]


def test_a_post_that_cannot_be_read_stores_nothing_of_its_page(library, server, tmp_path, corpus_posts):
    server.forum.add_posts(TID, "专楼", corpus_posts[:50])
    broken = server.forum.threads[TID].posts[45]
    broken["dbdateline"], broken["dateline"] = "", "很久以前"
    with make_client(server, tmp_path) as client, pytest.raises(ForumError) as failed:
        ThreadFetcher(client).fetch(TID)
    assert failed.value.kind == KIND_BAD_RESPONSE and "page 2" in str(failed.value)
    assert queries.get_thread(TID).post_count == 40 and followed_thread(TID).fetched_position == 40

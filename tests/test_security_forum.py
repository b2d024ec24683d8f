"""The forum client does not trust the forum (issue 18, item 7): no cookie is kept or sent, a
reply is read under a size cap, deeply nested JSON and out-of-range numbers are a clear error,
and a wrong ``maxposition`` cannot make a fetch run forever. A scripted Discuz-like server on
127.0.0.1 (FakeForum builds the real envelopes, a hook bends them)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from discuz_server import FakeForum
from support import write_thread

from reader.forum.client import KIND_BAD_RESPONSE, ForumClient, ForumError
from reader.forum.sync import ThreadFetcher
from reader.parse.thread import parse_file
from reader.store.db import close_library, open_library

TID = 3101


class Scripted:
    """A FakeForum on 127.0.0.1 whose answers a test can bend (``bend``) or replace (``raw``)."""

    def __init__(self, forum: FakeForum) -> None:
        self.forum = forum
        self.bend = None  # callable(envelope dict) -> None
        self.raw: bytes | None = None  # a body sent instead of the envelope
        self.raw_chunks = 1
        self.cookie: str | None = None
        self.cookies_received: list[str] = []
        scripted = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                scripted.cookies_received.append(self.headers.get("Cookie", ""))
                if scripted.raw is not None:
                    body, repeat = scripted.raw, scripted.raw_chunks
                else:
                    code, envelope = scripted.forum.answer(query)
                    if scripted.bend is not None:
                        scripted.bend(envelope)
                    body, repeat = json.dumps(envelope, ensure_ascii=False).encode(), 1
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    if scripted.cookie:
                        self.send_header("Set-Cookie", f"B7Y9_2132_sid={scripted.cookie}; path=/")
                    self.send_header("Content-Length", str(len(body) * repeat))
                    self.end_headers()
                    for _ in range(repeat):
                        self.wfile.write(body)
                except OSError:
                    pass

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/2b/"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server(tmp_path):
    f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[安全].md",
                     [(n, f"用户{n % 3}", f"2024-6-1 10:{n:02d}", f"第{n}楼") for n in range(1, 51)],
                     op="用户1")
    forum = FakeForum()
    forum.add_posts(TID, "安全", parse_file(f).posts)
    srv = Scripted(forum)
    yield srv
    srv.stop()


def _client(server, tmp_path) -> ForumClient:
    return ForumClient(base_url=server.base_url, cache_path=tmp_path / "forum_api.sqlite3", delay=0.0,
                       retries=0, backoff=0.01, timeout=5.0)


def test_no_cookie_is_kept_sent_or_cached(server, tmp_path):
    server.cookie = "SECRETSID42"
    with _client(server, tmp_path) as client:
        client.thread_page(TID, 1, fresh=True)
        client.thread_page(TID, 2, fresh=True)
        client.thread_page(TID, 1, fresh=True)
        assert len(client.session.cookies) == 0
    assert server.cookies_received == ["", "", ""]
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("forum_api.sqlite3*"))
    assert b"SECRETSID42" not in stored


def test_a_huge_reply_is_refused_without_reading_it_whole(server, tmp_path):
    server.raw, server.raw_chunks = b'{"Message": "' + b"x" * 1_000_000, 40  # 40 MB
    with _client(server, tmp_path) as client, pytest.raises(ForumError) as e:
        client.thread_page(TID, 1, fresh=True)
    assert e.value.kind == KIND_BAD_RESPONSE and "larger than" in str(e.value)


def test_deeply_nested_json_is_a_bad_response(server, tmp_path):
    server.raw = b"[" * 100_000 + b"]" * 100_000
    with _client(server, tmp_path) as client, pytest.raises(ForumError) as e:
        client.thread_page(TID, 1, fresh=True)
    assert e.value.kind == KIND_BAD_RESPONSE


@pytest.mark.parametrize("field", ["maxposition", "replies"])
def test_out_of_range_numbers_are_a_bad_response(server, tmp_path, field):
    server.bend = lambda env: env["Variables"]["thread"].update({field: "9" * 40})
    with _client(server, tmp_path) as client, pytest.raises(ForumError) as e:
        client.thread_page(TID, 1, fresh=True)
    assert e.value.kind == KIND_BAD_RESPONSE


def test_out_of_range_post_numbers_do_not_crash_the_fetch(server, tmp_path):
    def bend(env):
        for p in env["Variables"]["postlist"]:
            p["pid"] = "9" * 30
            p["dbdateline"] = "9" * 30
    server.bend = bend
    open_library(tmp_path / "library.sqlite3")
    try:
        with _client(server, tmp_path) as client:
            result = ThreadFetcher(client).fetch(TID)
        assert result.posts_added == 50
    finally:
        close_library()


def test_a_wrong_maxposition_cannot_run_forever(server, tmp_path):
    server.bend = lambda env: env["Variables"]["thread"].update({"maxposition": "99999999"})
    open_library(tmp_path / "library.sqlite3")
    try:
        with _client(server, tmp_path) as client:
            result = ThreadFetcher(client).fetch(TID)
            assert client.stats.requests <= 6
        assert result.posts_added == 50
    finally:
        close_library()

"""The forum client against hostile or absent servers (issue 30 items 6 and 7, issue 29): a
redirect to another host is not followed; an answer sent a byte at a time (slow headers or a
slow body) ends at ``--timeout``, which bounds the whole answer, and frees the host for the next
request; with no network at all the fetch says so at once, without retries."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from discuz_server import ForumServer
from hostile_server import DripServer, http_answer

from reader.cli import main
from reader.forum.client import KIND_HTTP, KIND_NETWORK, KIND_OFFLINE, ForumClient, ForumError
from reader.store.db import close_library


def client(base: str, tmp_path, **options) -> ForumClient:
    settings = {"delay": 0.0, "retries": 0, "backoff": 0.01, "timeout": 5.0, **options}
    return ForumClient(base, cache_path=tmp_path / "forum_api.sqlite3", **settings)


class Redirector:
    """Answers every request with a 302 to ``target`` (a path, or a URL on another host)."""

    def __init__(self, target: str) -> None:
        self.paths: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                outer.paths.append(self.path)
                self.send_response(302)
                self.send_header("Location", outer.target)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.target = target
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}/2b/"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def test_a_redirect_to_another_host_is_not_followed(tmp_path):
    # 127.0.0.2 is another host (and still this machine, so the test stays local)
    with ForumServer("127.0.0.2") as elsewhere:
        elsewhere.forum.add_posts(1, "别处", [])
        port = elsewhere.httpd.server_address[1]
        redirector = Redirector(f"http://127.0.0.2:{port}/2b/api/mobile/index.php?module=viewthread&tid=1")
        try:
            with client(redirector.base_url, tmp_path) as c, pytest.raises(ForumError) as failed:
                c.thread_page(1, 1, fresh=True)
        finally:
            redirector.close()
        assert failed.value.kind == KIND_HTTP
        assert "another address (http://127.0.0.2:" in str(failed.value) and "--base" in str(failed.value)
        assert elsewhere.forum.requests == []  # nothing went there


def test_a_redirect_on_the_same_host_is_followed(tmp_path):
    with ForumServer() as forum:
        forum.forum.add_posts(1, "x", [])
        redirector = Redirector("/elsewhere")
        try:
            with client(redirector.base_url, tmp_path, retries=0) as c, pytest.raises(ForumError) as failed:
                c.thread_page(1, 1, fresh=True)
        finally:
            redirector.close()
        # followed to /elsewhere on the same server, which redirects again: too many, then stop
        assert "redirected more than 3 times" in str(failed.value)
        assert redirector.paths[1:] == ["/elsewhere"] * 3


def _envelope(tid: int) -> bytes:
    return json.dumps({"Version": "4", "Variables": {
        "thread": {"tid": str(tid), "subject": "慢", "maxposition": "1", "authorid": "1"},
        "postlist": [{"pid": "1", "tid": str(tid), "first": "1", "author": "甲", "authorid": "1",
                      "position": "1", "dbdateline": "1700000000", "message": "一楼"}],
        "ppp": "40"}}).encode()


@pytest.mark.parametrize("slow", ["headers", "body"])
def test_timeout_bounds_the_whole_answer(tmp_path, slow):
    head, body = http_answer(_envelope(3))
    # one byte every 0.1 s: no single read ever waits past the socket timeout; the whole answer
    # would take several seconds
    with DripServer(head, b" " * 60 + body if slow == "body" else body, slow, 0.1) as server:
        with client(server.base_url, tmp_path, timeout=0.5) as c:
            with pytest.raises(ForumError) as failed:
                c.thread_page(3, 1, fresh=True)
            assert failed.value.kind == KIND_NETWORK
            assert "did not answer within 0.5 s" in str(failed.value)
            # the host is free again at once: the next request is sent (and cut) too
            with pytest.raises(ForumError):
                c.thread_page(3, 1, fresh=True)
        assert server.requests == 2


def test_fetch_timeout_on_the_command_line(tmp_path, capsys, monkeypatch):
    head, body = http_answer(_envelope(4))
    with DripServer(head, body, "headers", 0.1) as server:
        code = main(["fetch", "4", "--base", server.base_url, "--timeout", "0.5", "--retries", "0",
                     "--delay", "0", "--json"])
        out, err = capsys.readouterr()
    close_library()
    assert code == 1 and json.loads(out)["error"]["kind"] == KIND_NETWORK
    assert "did not answer within 0.5 s" in err


def test_without_network_the_fetch_says_so_at_once(tmp_path):
    # the name cannot be looked up (the tests' network guard answers as a machine without DNS)
    with client("http://forum.invalid/2b/", tmp_path, retries=3, backoff=5.0) as c:
        with pytest.raises(ForumError) as failed:
            c.thread_page(5, 1, fresh=True)
        assert c.stats.retries == 0 and c.stats.requests == 1
    assert failed.value.kind == KIND_OFFLINE
    assert "no network" in str(failed.value) and "urllib3" not in str(failed.value)

"""The media cache does not trust the server (issue 18, item 6): bodies are streamed under a byte
cap, a stalled download is one failed picture (with a summary), closing does not wait for
downloads in flight, and redirects are followed only within the same host. Real servers on
127.0.0.1."""

from __future__ import annotations

import threading
import time

import pytest
from media_server import MediaServer, Reply, png_bytes, server_path

from reader.config import resolve_paths
from reader.media import MediaCache, MediaSettings

PHOTO = "https://img.saraba1st.com/forum/202211/22/photo.png"
HUGE = "https://img.saraba1st.com/forum/202211/22/huge.png"
STALL = "https://img.saraba1st.com/forum/202211/22/stall.png"
MOVED = "https://img.saraba1st.com/forum/202211/22/moved.png"
AWAY = "https://img.saraba1st.com/forum/202211/22/away.png"


@pytest.fixture
def server():
    srv = MediaServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def paths(tmp_path):
    return resolve_paths(tmp_path / "home").ensure()


def settings(server, **kw) -> MediaSettings:
    base = dict(origin=server.origin, attempts=2, backoff=0.01, connect_timeout=1.0,
                read_timeout=0.5, workers=4, per_host=2)
    return MediaSettings(**{**base, **kw})


def _cache_file_bytes(paths) -> int:
    return sum(p.stat().st_size for p in paths.cache.glob("http_cache.sqlite3*"))


def test_body_without_length_is_capped_and_never_stored(server, paths):
    chunk = b"\0" * 65536
    server.serve(HUGE, Reply(body=chunk, repeat=300, send_length=False))  # 19.7 MB, no length
    server.serve(PHOTO, Reply(body=png_bytes((30, 30)), send_length=False))
    with MediaCache(paths, settings(server, max_bytes=1_000_000)) as cache:
        summary = cache.fetch([HUGE, PHOTO])
        assert (summary.invalid, summary.downloaded) == (1, 1)
        assert "too large" in (cache.lookup(HUGE).error or "")
        assert cache.lookup(PHOTO).cached  # a small body without a length is still kept
    assert _cache_file_bytes(paths) < 3_000_000  # the rejected body never reached the file


def test_a_stalled_download_is_one_failed_picture(server, paths):
    server.serve(STALL, Reply(body=png_bytes((200, 200)) * 4, stall=5.0))
    server.serve(PHOTO, Reply(body=png_bytes((30, 30))))
    with MediaCache(paths, settings(server, read_timeout=0.3)) as cache:
        summary = cache.fetch([STALL, PHOTO])
    assert (summary.missing, summary.downloaded) == (1, 1)
    assert summary.errors


def test_close_does_not_wait_for_a_stalled_download(server, paths):
    server.serve(STALL, Reply(body=png_bytes((200, 200)) * 4, stall=30.0))
    cache = MediaCache(paths, settings(server, read_timeout=30.0, attempts=1))
    done = threading.Event()
    threading.Thread(target=lambda: (cache.fetch([STALL]), done.set()), daemon=True).start()
    deadline = time.monotonic() + 5
    while server.hits_of(STALL) == 0 and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # the body has started and stalls
    started = time.monotonic()
    cache.close()
    assert time.monotonic() - started < 3
    assert done.wait(5)  # the fetch ended too, with the picture missing


def test_redirects_are_followed_only_within_the_host(server, paths):
    other = MediaServer().start()
    try:
        other.serve(AWAY, Reply(body=png_bytes((30, 30))))
        target = other.origin + server_path(AWAY)
        server.serve(AWAY, Reply(302, b"", "text/plain", headers=(("Location", target),)))
        server.serve(MOVED, Reply(302, b"", "text/plain",
                                  headers=(("Location", server_path(PHOTO)),)))
        server.serve(PHOTO, Reply(body=png_bytes((30, 30))))
        with MediaCache(paths, settings(server)) as cache:
            summary = cache.fetch([AWAY, MOVED])
            assert cache.lookup(MOVED).cached  # same host: followed
            assert not cache.lookup(AWAY).cached
            assert "another host" in (summary.errors.get(cache.lookup(AWAY).key) or "")
        assert other.total_hits == 0
    finally:
        other.stop()


def test_pictures_on_local_network_addresses_are_never_requested(server, paths):
    """A post's picture on 127.0.0.1, localhost, 192.168.x or 2130706433 (127.0.0.1 as one
    number) would make the reader knock at the reader's own machine or network: refused, with a
    reason, whether fetched directly or through an origin override (issue 30 item 6)."""
    port = server.origin.rsplit(":", 1)[1]
    local = [f"http://127.0.0.1:{port}/a.png", f"http://localhost:{port}/b.png",
             f"http://2130706433:{port}/c.png", f"http://0x7f.1:{port}/d.png",
             f"http://[::1]:{port}/e.png", f"http://127.1:{port}/f.png",
             "http://192.168.1.1/router.png", "http://10.0.0.7/g.png", "http://169.254.169.254/h.png",
             "http://[::ffff:192.168.0.1]/i.png", "http://printer.local/j.png"]
    for url in local:
        server.serve(url, Reply(body=png_bytes((20, 20))))
    direct = MediaSettings(origin="", attempts=1, connect_timeout=1.0, read_timeout=0.5)
    with MediaCache(paths, direct) as cache:
        summary = cache.fetch(local)
        assert summary.downloaded == 0
        for url in local:
            item = cache.lookup(url)
            assert not item.cached and "local network" in (item.error or ""), (url, item)
    server.serve(PHOTO, Reply(body=png_bytes((30, 30))))
    with MediaCache(paths, settings(server)) as cache:  # the origin override is the user's choice
        assert cache.fetch(local + [PHOTO]).downloaded == 1
    assert server.total_hits == server.hits_of(PHOTO) == 1

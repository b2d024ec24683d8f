"""The media cache against a real HTTP server on 127.0.0.1: downloads, offline, aliases, bad files."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from media_server import (
    MediaServer,
    Reply,
    animated_gif_bytes,
    bomb_png_bytes,
    corrupt_png_bytes,
    jpeg_bytes,
    png_bytes,
)

from reader.config import resolve_paths
from reader.media import MediaCache, MediaSettings

SMILEY = "https://static.saraba1st.com/image/smiley/face2017/067.png"
GIF = "https://static.saraba1st.com/image/smiley/carton2017/010.gif"
PHOTO = "https://img.saraba1st.com/forum/202211/22/photo.png"
BIG = "https://p.sda1.dev/7/big.jpg"
CORRUPT = "https://img.saraba1st.com/forum/202211/22/corrupt.png"
BOMB = "https://i.loli.net/2023/01/01/bomb.png"
SLOW = "https://files.catbox.moe/slow.png"
GONE = "https://img.saraba1st.com/forum/202211/22/deleted.jpg"
FLAKY = "https://p.sda1.dev/7/flaky.png"
ALL = [SMILEY, GIF, PHOTO, BIG, CORRUPT, BOMB, SLOW, GONE, FLAKY]


@pytest.fixture
def server():
    srv = MediaServer().start()
    yield srv
    srv.stop()


@pytest.fixture
def paths(tmp_path):
    return resolve_paths(tmp_path / "home").ensure()


def settings(server: MediaServer, **kw) -> MediaSettings:
    base = dict(origin=server.origin, attempts=3, backoff=0.01, connect_timeout=1.0,
                read_timeout=0.3, workers=4, per_host=2)
    return MediaSettings(**{**base, **kw})


def serve_fixtures(server: MediaServer) -> dict[str, bytes]:
    bodies = {SMILEY: png_bytes(), GIF: animated_gif_bytes(3), PHOTO: png_bytes((300, 200)),
              BIG: jpeg_bytes((2400, 600)), FLAKY: png_bytes((10, 10), (1, 2, 3, 255))}
    for url in (SMILEY, PHOTO, FLAKY):
        server.serve(url, Reply(body=bodies[url]))
    server.serve(FLAKY, Reply(500, b"oops", "text/plain"), Reply(body=bodies[FLAKY]))
    server.serve(GIF, Reply(body=bodies[GIF], content_type="image/gif"))
    server.serve(BIG, Reply(body=bodies[BIG], content_type="image/jpeg", send_length=False))
    server.serve(CORRUPT, Reply(body=corrupt_png_bytes()))
    server.serve(BOMB, Reply(body=bomb_png_bytes()))
    server.serve(SLOW, Reply(body=png_bytes(), delay=1.0))
    server.serve(GONE, Reply(404, b"gone", "text/plain"))
    return bodies


def test_first_run_downloads_each_once_then_shows_all_offline(server, paths):
    bodies = serve_fixtures(server)
    seen = []
    with MediaCache(paths, settings(server)) as cache:
        summary = cache.fetch(ALL, progress=seen.append)
        assert (summary.total, summary.downloaded, summary.gone, summary.invalid, summary.missing) == (
            9, 5, 1, 2, 1)
        assert [p.done for p in seen] == list(range(1, 10)) and seen[-1].total == 9
        assert set(summary.errors) == {"https://files.catbox.moe/slow.png"}
        assert "Timeout" in summary.errors["https://files.catbox.moe/slow.png"]
        # a second run asks only for what is still missing (the slow one)
        again = cache.fetch(ALL)
        assert (again.already, again.downloaded, again.gone, again.invalid) == (5, 0, 1, 2)
    for url in (SMILEY, GIF, PHOTO, BIG, CORRUPT, BOMB, GONE):
        assert server.hits_of(url) == 1, url
    assert server.hits_of(FLAKY) == 2  # 500, then OK
    assert server.hits_of(SLOW) == 6  # 3 tries per run, two runs

    server.stop()
    with MediaCache(paths, settings(server)) as cache:
        items = {url: cache.lookup(url) for url in ALL}
        for url, body in bodies.items():
            assert items[url].status == "cached" and items[url].data == body, url
        assert [items[u].status for u in (CORRUPT, BOMB, SLOW, GONE)] == [
            "invalid", "invalid", "missing", "gone"]
        assert items[SLOW].data is None and items[SLOW].placeholder_text == "图片未缓存"
        assert items[SMILEY].label == "[face2017/067]"
        assert (items[GIF].format, items[GIF].frames, items[GIF].width) == ("GIF", 3, 20)
        assert (items[PHOTO].format, items[PHOTO].width, items[PHOTO].height) == ("PNG", 300, 200)
        # online, but the server is down: cached items are not asked for, the rest stay missing
        summary = cache.fetch(ALL)
        assert (summary.already, summary.missing, summary.downloaded) == (5, 1, 0)


def test_large_image_gets_a_cached_thumbnail(server, paths):
    serve_fixtures(server)
    with MediaCache(paths, settings(server)) as cache:
        cache.fetch([BIG, PHOTO])
        big, photo = cache.lookup(BIG), cache.lookup(PHOTO)
    assert (big.width, big.height, big.format) == (2400, 600, "JPEG")
    assert big.thumbnail is not None and big.thumbnail.is_file()
    assert big.thumbnail.is_relative_to(paths.thumbnails)
    from PIL import Image

    with Image.open(big.thumbnail) as thumb:
        assert thumb.size == (1024, 256)
    assert photo.thumbnail is None


def test_host_aliases_hit_the_cache(server, paths):
    serve_fixtures(server)
    with MediaCache(paths, settings(server)) as cache:
        assert cache.fetch([SMILEY, PHOTO]).downloaded == 2
        aliases = [
            "httphttps://static.stage1st.com/image/smiley/face2017/067.png",
            "http://static.stage1st.com/image/smiley/face2017/067.png",
            "https://img.stage1st.com/forum/202211/22/photo.png",
            "http://img.saraba1st.com/forum/202211/22/photo.png",
        ]
        assert all(cache.lookup(u).status == "cached" for u in aliases)
        assert cache.lookup_smiley("face2017/067.png").data == png_bytes()
        summary = cache.fetch(aliases)
        assert (summary.total, summary.already, summary.requests) == (2, 2, 0)
    assert server.hits_of(SMILEY) == 1 and server.hits_of(PHOTO) == 1


def test_bomb_and_corrupt_files_become_invalid_without_exceptions(server, paths):
    serve_fixtures(server)
    with MediaCache(paths, settings(server)) as cache:
        summary = cache.fetch([BOMB, CORRUPT])
        assert summary.invalid == 2
        bomb, corrupt = cache.lookup(BOMB), cache.lookup(CORRUPT)
        assert bomb.status == "invalid" and "bomb" in (bomb.error or "")
        assert corrupt.status == "invalid" and "corrupt" in (corrupt.error or "")
        assert bomb.data is None and bomb.placeholder_text == "图片无法显示"
        # invalid bytes are not kept in the HTTP cache, and not downloaded again
        assert len(cache._backend.responses) == 0
        assert cache.fetch([BOMB, CORRUPT]).requests == 0
        assert cache.fetch([BOMB], retry_invalid=True).invalid == 1
    assert server.hits_of(BOMB) == 2 and server.hits_of(CORRUPT) == 1


def test_size_cap_rejects_before_reading_the_body(server, paths):
    server.serve(PHOTO, Reply(body=png_bytes((400, 400))))
    with MediaCache(paths, settings(server, max_bytes=500)) as cache:
        assert cache.fetch([PHOTO]).invalid == 1
        item = cache.lookup(PHOTO)
        assert item.status == "invalid" and "too large" in (item.error or "")
        assert len(cache._backend.responses) == 0


def test_not_an_image_is_invalid(server, paths):
    server.serve(PHOTO, Reply(body=b"<html>login required</html>", content_type="text/html"))
    with MediaCache(paths, settings(server)) as cache:
        cache.fetch([PHOTO])
        assert cache.lookup(PHOTO).status == "invalid"


def test_404_is_remembered_as_gone_and_not_requested_again(server, paths):
    serve_fixtures(server)
    with MediaCache(paths, settings(server)) as cache:
        assert cache.fetch([GONE]).gone == 1
    with MediaCache(paths, settings(server)) as cache:  # a new process, same cache
        summary = cache.fetch([GONE, "http://img.stage1st.com/forum/202211/22/deleted.jpg"])
        assert (summary.total, summary.gone, summary.requests) == (1, 1, 0)
        assert cache.lookup(GONE).status == "gone"
        assert cache.lookup(GONE).placeholder_text == "图片已失效"
        assert cache.fetch([GONE], retry_gone=True).requests == 1
    assert server.hits_of(GONE) == 2


def test_offline_mode_sends_no_request_at_all(server, paths):
    serve_fixtures(server)
    with MediaCache(paths, settings(server, offline=True)) as cache:
        summary = cache.fetch(ALL)
        assert (summary.missing, summary.downloaded, summary.requests) == (9, 0, 0)
        assert all(cache.lookup(u).status == "missing" for u in ALL)
        assert cache._session is None  # no session was even built
        cache.offline = False  # the GUI toggle
        assert cache.fetch([SMILEY]).downloaded == 1
        cache.offline = True
        assert cache.fetch([PHOTO]).requests == 0
        assert cache.lookup(SMILEY).status == "cached"
    assert server.total_hits == 1


def test_per_host_limit_bounds_concurrent_requests(server, paths):
    urls = [f"https://img.saraba1st.com/forum/202301/01/{i}.png" for i in range(8)]
    for u in urls:
        server.serve(u, Reply(body=png_bytes(), delay=0.1))
    with MediaCache(paths, settings(server, workers=8, per_host=2)) as cache:
        assert cache.fetch(urls).downloaded == 8
    assert server.peak_active <= 2


def test_cancel_stops_a_fetch(server, paths):
    urls = [f"https://img.saraba1st.com/forum/202301/02/{i}.png" for i in range(20)]
    for u in urls:
        server.serve(u, Reply(body=png_bytes(), delay=0.1))
    calls = []

    def cancel() -> bool:
        calls.append(1)
        return len(calls) > 2

    with MediaCache(paths, settings(server, workers=2, per_host=2)) as cache:
        summary = cache.fetch(urls, cancel=cancel)
        assert summary.cancelled and summary.downloaded < 20
        assert summary.downloaded + summary.missing == 20
    # a resumed fetch only asks for what is missing
    with MediaCache(paths, settings(server, workers=8, per_host=8)) as cache:
        resumed = cache.fetch(urls)
        # downloads that were running at the cancel finished in the background and were kept
        assert resumed.already >= summary.downloaded and resumed.already + resumed.downloaded == 20


def test_lookups_from_many_threads_while_fetching(server, paths):
    bodies = serve_fixtures(server)
    errors: list[BaseException] = []
    with MediaCache(paths, settings(server)) as cache:
        cache.fetch([SMILEY])

        def read() -> None:
            try:
                for _ in range(50):
                    assert cache.lookup(SMILEY).data == bodies[SMILEY]
            except BaseException as e:  # noqa: BLE001 (reported below)
                errors.append(e)

        readers = [threading.Thread(target=read) for _ in range(4)]
        for t in readers:
            t.start()
        cache.fetch([GIF, PHOTO, FLAKY])
        for t in readers:
            t.join()
    assert not errors


def test_two_fetches_of_the_same_picture_download_it_once(server, paths):
    server.serve(PHOTO, Reply(body=png_bytes(), delay=0.2))
    with MediaCache(paths, settings(server)) as cache:
        results = []
        threads = [threading.Thread(target=lambda: results.append(cache.fetch([PHOTO])))
                   for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert cache.lookup(PHOTO).status == "cached"
    assert server.hits_of(PHOTO) == 1


def test_expired_images_are_refreshed_but_a_failed_refresh_keeps_the_old_copy(server, paths):
    old, new = png_bytes((30, 30)), png_bytes((40, 40))
    server.serve(PHOTO, Reply(body=old), Reply(body=new), Reply(404, b"", "text/plain"))
    server.serve(SMILEY, Reply(body=png_bytes()))
    short = settings(server, image_expiry=timedelta(milliseconds=50))
    with MediaCache(paths, short) as cache:
        assert cache.fetch([PHOTO, SMILEY]).downloaded == 2
        assert cache.fetch([PHOTO, SMILEY]).already == 2  # not expired yet
        time.sleep(0.1)
        summary = cache.fetch([PHOTO, SMILEY])  # smileys keep for years; the image is re-asked
        assert (summary.refreshed, summary.already, summary.requests) == (1, 1, 1)
        assert cache.lookup(PHOTO).data == new
        time.sleep(0.1)
        summary = cache.fetch([PHOTO])  # now the server says 404: the old copy stays
        assert (summary.refreshed, summary.gone, summary.requests) == (1, 0, 1)
        item = cache.lookup(PHOTO)
        assert item.status == "cached" and item.data == new
        with MediaCache(paths, settings(server, offline=True)) as offline:
            assert offline.fetch([PHOTO]).already == 1  # offline never refreshes
    assert server.hits_of(PHOTO) == 3 and server.hits_of(SMILEY) == 1


def test_network_probe_and_odd_urls(server, paths):
    from reader.media.http import network_reachable

    assert network_reachable(server.origin, timeout=1.0)
    with MediaCache(paths, settings(server)) as cache:
        item = cache.lookup("javascript:alert(1)")
        assert item.status == "invalid" and item.data is None
        assert cache.fetch(["", "not a url"]).total == 0
    server.stop()
    assert not network_reachable(server.origin, timeout=1.0)
    assert server.total_hits == 0

"""Offline from the first minute (issue 29): the smiley catalogue downloaded once while online
(resumable, cancellable), and the picture cache carried to a machine without network in one zip
file (``media export`` / ``media import``), against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import zipfile

import pytest
from media_server import MediaServer, Reply, animated_gif_bytes, png_bytes

from reader.cli import main
from reader.config import resolve_paths
from reader.media import ORIGIN_ENV, MediaCache, MediaSettings
from reader.media.carry import CarryError, export_cache, import_cache
from reader.media.catalogue import catalogue_refs, packs, smiley_code

PHOTO = "https://img.stage1st.com/forum/202401/01/photo.png"


@pytest.fixture
def server():
    srv = MediaServer().start()
    small = png_bytes((8, 8))
    for ref in catalogue_refs():
        srv.serve(ref.url, Reply(body=animated_gif_bytes(2) if ref.key.endswith(".gif") else small,
                                 content_type="image/gif" if ref.key.endswith(".gif") else "image/png"))
    srv.serve(PHOTO, Reply(body=png_bytes((300, 200))))
    yield srv
    srv.stop()


@pytest.fixture
def online(monkeypatch, server):
    monkeypatch.setenv(ORIGIN_ENV, server.origin)
    monkeypatch.delenv("S1READER_OFFLINE", raising=False)
    return server


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_catalogue_holds_the_current_packs_with_their_codes():
    dirs = {p.dir: p.code for p in packs()}
    assert dirs == {"face2017": "f", "carton2017": "c", "animal2017": "a", "device2017": "d",
                    "goose2017": "g", "bundam2017": "b"}
    keys = {r.key for r in catalogue_refs()}
    assert {"face2017/067.png", "face2017/004.gif", "goose2017/001.png"} <= keys
    assert len(keys) > 800
    assert smiley_code("face2017/067.png") == "[f:067]"
    assert all(r.url.startswith("https://static.stage1st.com/image/smiley/") for r in catalogue_refs())


def test_all_smileys_download_once_resume_after_a_cancel(online, temp_home, capsys):
    total = len(catalogue_refs())
    cache = MediaCache(resolve_paths().ensure(), MediaSettings(workers=4))
    try:
        seen = []
        first = cache.fetch(catalogue_refs(), progress=seen.append, cancel=lambda: len(seen) >= 50)
        assert first.cancelled and 0 < first.downloaded < total
    finally:
        cache.close()
    hits_before = online.total_hits
    # the command line goes on where the window stopped: only the rest is asked for
    code, out, err = run(capsys, "media", "smileys", "--json", "-q")
    summary = json.loads(out)
    assert code == 0, err
    assert summary["total"] == total and summary["missing"] == 0
    assert summary["already_cached"] >= first.downloaded
    assert summary["already_cached"] + summary["downloaded"] == total
    assert online.total_hits - hits_before <= summary["downloaded"]
    # every smiley asked for once over both runs, but for the few cut off in flight by the cancel
    assert sum(n > 1 for n in online.hits.values()) <= 4 and max(online.hits.values()) <= 2
    # the stats say the catalogue is complete (an empty library is enough to ask)
    from reader.store.db import close_library, open_library

    open_library(resolve_paths().db)
    close_library()
    code, out, _ = run(capsys, "media", "stats", "--json")
    assert json.loads(out)["catalogue_smileys"] == total and json.loads(out)["catalogue_missing"] == 0
    # a third run asks nothing
    hits_before = online.total_hits
    code, out, _ = run(capsys, "media", "smileys", "--json", "-q")
    assert json.loads(out)["downloaded"] == 0 and online.total_hits == hits_before


def test_downloading_smileys_offline_is_refused_in_words(temp_home, monkeypatch, capsys):
    monkeypatch.setenv("S1READER_OFFLINE", "1")
    code, _, err = run(capsys, "media", "smileys")
    assert code == 1 and "offline" in err and "Traceback" not in err


def test_the_picture_cache_travels_in_a_zip_to_an_offline_machine(online, tmp_path, monkeypatch, capsys):
    online_home = tmp_path / "online"
    cache = MediaCache(resolve_paths(online_home).ensure(), MediaSettings())
    refs = catalogue_refs()[:30]
    try:
        cache.fetch([*refs, PHOTO])
    finally:
        cache.close()
    bundle = tmp_path / "pictures.zip"
    code, out, err = run(capsys, "--home", str(online_home), "media", "export", str(bundle), "--json", "-q")
    assert code == 0, err
    assert json.loads(out)["written"] == 31
    assert zipfile.ZipFile(bundle).testzip() is None

    offline_home = tmp_path / "offline"
    monkeypatch.setenv("S1READER_OFFLINE", "1")
    hits = online.total_hits
    code, out, err = run(capsys, "--home", str(offline_home), "media", "import", str(bundle), "--json")
    assert code == 0, err
    assert json.loads(out) | {"bytes": 0} == {"total": 31, "written": 31, "already_cached": 0, "invalid": 0,
                                               "bytes": 0, "cancelled": False}
    assert online.total_hits == hits  # nothing asked of the network
    there = MediaCache(resolve_paths(offline_home), MediaSettings(offline=True))
    try:
        smiley = there.lookup_smiley(refs[0].key)
        photo = there.lookup(PHOTO)
        assert smiley.cached and smiley.data
        assert photo.cached and (photo.width, photo.height) == (300, 200) and photo.thumbnail is None \
            or photo.cached
    finally:
        there.close()
    # again: nothing new, nothing broken
    code, out, _ = run(capsys, "--home", str(offline_home), "media", "import", str(bundle), "--json")
    assert json.loads(out)["already_cached"] == 31 and json.loads(out)["written"] == 0


def test_a_bad_or_hostile_zip_is_said_and_nothing_unusable_is_kept(tmp_path, capsys, temp_home):
    not_zip = tmp_path / "x.zip"
    not_zip.write_text("hello")
    code, _, err = run(capsys, "media", "import", str(not_zip))
    assert code == 1 and "not a picture file written by `s1reader media export`" in err
    code, _, err = run(capsys, "media", "import", str(tmp_path / "absent.zip"))
    assert code == 1 and "no such file" in err
    hostile = tmp_path / "hostile.zip"
    with zipfile.ZipFile(hostile, "w") as zf:
        zf.writestr("pictures/1", b"not a picture at all")
        zf.writestr("pictures/2", png_bytes((4, 4)))
        zf.writestr("manifest.json", json.dumps({"format": "s1reader-pictures", "version": 1, "pictures": [
            {"key": "face2017/001.png", "kind": "smiley", "url": "x", "file": "pictures/1"},
            {"key": "../../etc/passwd", "kind": "smiley", "url": "x", "file": "pictures/2"},
            {"key": "http://127.0.0.1/evil.png", "kind": "image", "url": "x", "file": "pictures/2"},
            {"key": "face2017/002.png", "kind": "smiley", "url": "x", "file": "../../outside"},
            {"key": "face2017/003.png", "kind": "smiley", "url": "x", "file": "pictures/2"},
        ]}))
    code, out, err = run(capsys, "media", "import", str(hostile), "--json")
    result = json.loads(out)
    assert code == 3 and result["written"] == 1 and result["invalid"] == 4
    cache = MediaCache(resolve_paths(), MediaSettings(offline=True))
    try:
        assert cache.lookup_smiley("face2017/003.png").cached
        assert not cache.lookup_smiley("face2017/001.png").cached
        assert cache.stats()["cached"] == 1
    finally:
        cache.close()


def test_a_cancelled_export_leaves_no_file(online, tmp_path, temp_home):
    cache = MediaCache(resolve_paths().ensure(), MediaSettings())
    try:
        cache.fetch(catalogue_refs()[:10])
        target = tmp_path / "out.zip"
        summary = export_cache(cache, target, cancel=lambda: True)
        assert summary.cancelled and not target.exists() and not list(tmp_path.glob("*.part"))
        with pytest.raises(CarryError, match="cannot write"):
            export_cache(cache, tmp_path / "no-such-dir" / "out.zip")
        with pytest.raises(CarryError):
            import_cache(cache, tmp_path / "nothing.zip")
    finally:
        cache.close()

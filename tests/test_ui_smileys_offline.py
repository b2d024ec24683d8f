"""Offline from the first minute, in the window (issue 29): the one-time offer to download every
smiley when online, with progress (its settings button later), and the picture cache exported
and imported through the window, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from media_server import MediaServer, Reply, png_bytes
from test_ui_media import SMILEY, SMILEY_KEY, TID, _library

from reader.media import ORIGIN_ENV
from reader.media.catalogue import catalogue_refs


@pytest.fixture
def catalogue_server(monkeypatch):
    srv = MediaServer().start()
    body = png_bytes((10, 10), (200, 60, 60, 255))
    for ref in catalogue_refs():
        srv.serve(ref.url, Reply(body=body))
    monkeypatch.setenv(ORIGIN_ENV, srv.origin)
    monkeypatch.delenv("S1READER_OFFLINE", raising=False)
    yield srv
    srv.stop()


def test_online_the_smileys_are_offered_once_and_downloaded_with_progress(catalogue_server, make_window,
                                                                          qtbot, tmp_path):
    _library(tmp_path, offline="off")
    window = make_window(TID)
    offer = window.smiley_offer
    qtbot.waitUntil(offer.isVisible, timeout=10_000)
    total = len(catalogue_refs())
    offered = int(re.search(r"\d+", offer.label.text()).group())
    assert total - 1 <= offered <= total  # the open thread's smiley may be in already
    with qtbot.waitSignal(window.media_flow.prefetched, timeout=120_000) as done:
        offer.download_button.click()
    summary = done.args[0]
    assert summary.total == total and summary.downloaded + summary.already == total
    assert summary.missing == 0
    assert not offer.isVisible()
    assert window.media_flow.smileys_missing() == 0
    assert window.media_flow.images.wait_idle()
    assert window.media_flow.cache.lookup(SMILEY).cached
    # not offered again
    window.media_flow._maybe_offer_smileys()
    assert not offer.isVisible()


def test_declining_is_remembered_and_offline_nothing_is_offered(catalogue_server, make_window, qtbot,
                                                                tmp_path):
    _library(tmp_path, offline="off")
    window = make_window(TID)
    qtbot.waitUntil(window.smiley_offer.isVisible, timeout=10_000)
    window.smiley_offer.later_button.click()
    assert not window.smiley_offer.isVisible()
    from reader.ui.mediaflow import SMILEYS_OFFERED

    assert window.settings.get(SMILEYS_OFFERED) is True


def test_no_offer_while_offline(make_window, qtbot, tmp_path):
    _library(tmp_path, offline="on")
    window = make_window(TID)
    qtbot.wait(300)
    assert not window.smiley_offer.isVisible()


def test_pictures_exported_and_imported_in_the_window(catalogue_server, make_window, qtbot, tmp_path,
                                                      monkeypatch):
    _library(tmp_path, offline="off")
    window = make_window(TID)
    flow = window.media_flow
    flow.cache.fetch([r for r in catalogue_refs() if r.key == SMILEY_KEY])
    bundle = tmp_path / "pics.zip"
    with qtbot.waitSignal(flow.carried, timeout=30_000) as exported:
        assert flow.export_pictures(str(bundle))
    assert exported.args[0].written == 1 and bundle.is_file()
    assert "1" in window.statusBar().currentMessage()
    # another library's cache, offline: the smiley comes in from the file
    from reader.config import resolve_paths
    from reader.media import MediaCache, MediaSettings

    other = MediaCache(resolve_paths(tmp_path / "other").ensure(), MediaSettings(offline=True))
    try:
        from reader.media.carry import import_cache

        assert import_cache(other, bundle).written == 1
        assert other.lookup_smiley(SMILEY_KEY).cached
    finally:
        other.close()
    # a file that is not a picture file: said in words
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"junk")
    with qtbot.waitSignal(flow.carried, timeout=30_000) as failed:
        assert flow.import_pictures(str(junk))
    assert failed.args[0] is None

"""URL normalisation of the media cache: one key per picture whatever alias a post used."""

from __future__ import annotations

import pytest

from reader.media.urls import media_ref, origin_url, smiley_ref


@pytest.mark.parametrize("url", [
    "https://static.saraba1st.com/image/smiley/face2017/067.png",
    "https://static.stage1st.com/image/smiley/face2017/067.png",
    "http://static.saraba1st.com/image/smiley/face2017/067.png",
    "httphttps://static.saraba1st.com/image/smiley/face2017/067.png",
    "https://bbs.saraba1st.com/2b/static/image/smiley/face2017/067.png",
    "//static.stage1st.com/image/smiley/face2017/067.png",
])
def test_smiley_aliases_share_one_key(url):
    ref = media_ref(url)
    assert ref is not None
    assert (ref.key, ref.kind, ref.label) == ("face2017/067.png", "smiley", "[face2017/067]")
    assert ref.url == "https://static.stage1st.com/image/smiley/face2017/067.png"
    assert ref == smiley_ref("face2017/067.png")


@pytest.mark.parametrize("url", [
    "https://img.saraba1st.com/forum/202211/22/020520abc.jpg",
    "http://img.stage1st.com/forum/202211/22/020520abc.jpg",
    "httphttps://img.saraba1st.com/forum/202211/22/020520abc.jpg",
    "https://IMG.Saraba1st.com:443/forum/202211/22/020520abc.jpg#frag",
])
def test_image_host_aliases_share_one_key(url):
    ref = media_ref(url)
    assert ref is not None and ref.kind == "image"
    assert ref.key == ref.url == "https://img.stage1st.com/forum/202211/22/020520abc.jpg"
    assert ref.label == "[020520abc.jpg]"


def test_external_images_keep_host_and_query():
    ref = media_ref("http://p.sda1.dev/7/abc/x.png?w=1&amp;h=2")
    assert ref is not None and ref.key == "https://p.sda1.dev/7/abc/x.png?w=1&h=2"


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "data:image/png;base64,AAAA", "not a url"])
def test_non_urls_have_no_ref(url):
    assert media_ref(url) is None


def test_origin_override_puts_the_host_in_the_path():
    url = "https://p.sda1.dev/7/x.png?a=1"
    assert origin_url(url, None) == url
    assert origin_url(url, "http://127.0.0.1:9") == "http://127.0.0.1:9/p.sda1.dev/7/x.png?a=1"

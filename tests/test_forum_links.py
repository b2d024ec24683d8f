"""Thread ids from every form of link users paste, and the configurable forum base URL."""

from __future__ import annotations

import pytest

from reader.forum.links import LinkError, ThreadLink, api_url, forum_base, parse_thread_link, thread_url


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2274815", ThreadLink(2274815)),
        ("  2274815\n", ThreadLink(2274815)),
        ("https://stage1st.com/2b/thread-2274815-1-1.html", ThreadLink(2274815, 1)),
        ("https://bbs.saraba1st.com/2b/thread-2274815-3-1.html", ThreadLink(2274815, 3)),
        ("bbs.saraba1st.com/2b/thread-2274815-1-1.html#pid69190452", ThreadLink(2274815, 1)),
        ("https://www.stage1st.com/2b/forum.php?mod=viewthread&tid=2274815&extra=page%3D1",
         ThreadLink(2274815)),
        ("https://stage1st.com/2b/forum.php?mod=viewthread&tid=2274815&page=2&mobile=2",
         ThreadLink(2274815, 2)),
        ("stage1st.com/2b/forum.php?mod=viewthread&amp;tid=2274815", ThreadLink(2274815)),
        ("https://stage1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=69190452&ptid=2274815",
         ThreadLink(2274815)),
        ("httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;pid=1&amp;ptid=2274815",
         ThreadLink(2274815)),
        ("https://stage1st.com/2b/archiver/tid-2274815.html", ThreadLink(2274815)),
        ("<https://stage1st.com/2b/thread-2274815-1-1.html>", ThreadLink(2274815, 1)),
        ("http://127.0.0.1:8080/2b/thread-12-2-1.html", ThreadLink(12, 2)),
    ],
)
def test_every_pasted_form_gives_the_thread(text, expected):
    assert parse_thread_link(text) == expected


@pytest.mark.parametrize("text", ["", "hello", "https://stage1st.com/2b/forum.php?mod=forumdisplay&fid=75",
                                  "https://example.com/"])
def test_text_without_a_thread_is_a_clear_error(text):
    with pytest.raises(LinkError, match="not a thread link or thread id"):
        parse_thread_link(text)


def test_base_url_argument_then_environment_then_default(monkeypatch):
    monkeypatch.delenv("S1READER_FORUM_BASE", raising=False)
    assert forum_base() == "https://stage1st.com/2b/"
    monkeypatch.setenv("S1READER_FORUM_BASE", "http://127.0.0.1:9/2b")
    assert forum_base() == "http://127.0.0.1:9/2b/"
    assert api_url() == "http://127.0.0.1:9/2b/api/mobile/index.php"
    assert forum_base("bbs.saraba1st.com/2b/") == "https://bbs.saraba1st.com/2b/"
    assert thread_url(5, 2, "https://stage1st.com/2b/") == "https://stage1st.com/2b/thread-5-2-1.html"

"""The typed links of the thread view: every kind reads back as it was written, and an href
that is none of our kinds (or one of them with garbage for numbers) is a web link, opened only
if it is http(s)."""

from __future__ import annotations

import pytest

from reader.ui.thread.links import (
    AuthorLink,
    FloorLink,
    FoldLink,
    ImageLink,
    PeekLink,
    PostLink,
    QuoteLink,
    RepliesLink,
    WebLink,
    build,
    parse,
)

LINKS = [
    AuthorLink(3), RepliesLink(0), PeekLink(41), FoldLink(2, folded=False),
    FoldLink(0, folded=True), FoldLink(5, folded=False, row=17), FloorLink(15000),
    QuoteLink(63310235), PostLink(7), ImageLink("https://img.example/a:b.png?x=1"),
    WebLink("https://example.org/x?a=b#c"),
]


@pytest.mark.parametrize("link", LINKS, ids=repr)
def test_build_then_parse_is_the_same_link(link):
    assert parse(build(link)) == link


def test_hrefs_as_the_cards_write_them():
    assert build(FoldLink(2, folded=False)) == "fold:2:open"
    assert build(FoldLink(2, folded=True, row=9)) == "fold:9:2:close"
    assert build(QuoteLink(5)) == "quote:5"
    assert build(ImageLink("http://x/y.jpg")) == "image:http://x/y.jpg"


@pytest.mark.parametrize("href", [
    "quote:abc", "floor:", "author:x", "fold:1:2:3:open", "fold:1:sideways", "peek:",
    "javascript:alert(1)", "file:///etc/passwd", "plain words",
])
def test_anything_else_is_a_web_link(href):
    assert parse(href) == WebLink(href)


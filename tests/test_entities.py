"""HTML entities are decoded once, in the parser: no ``&amp;`` in cards, previews, CLI or export."""

from __future__ import annotations

import json
import re

import pytest
from support import corpus_root, write_thread

from reader.cli import main
from reader.parse import parse_file, parse_text
from reader.parse.inline import parse_inline
from reader.parse.model import Code, Link, Strong, Text, Unknown
from reader.store.db import close_library
from reader.store.queries import StoredPost

LINK = "https://bbs.saraba1st.com/2b/forum.php?mod=viewthread&amp;tid=2130813&amp;page=2"
BODY = (
    f"看 {LINK} 和 [a&amp;b](https://x.example/?q=1&amp;r=2)\n"
    "罗小黑&gt;电光机王 &lt;三个阿道夫&gt; AT&T\n\n"
    "<strong>第一段加粗\n\n第二段</strong>"
)


def test_text_links_and_urls_are_decoded_once():
    runs = parse_inline(f"看 {LINK} 和 [a&amp;b](https://x.example/?q=1&amp;r=2) &lt;b&gt;")
    assert runs == (
        Text("看 "),
        Link(text=LINK.replace("&amp;", "&"), url=LINK.replace("&amp;", "&")),
        Text(" 和 "),
        Link(text="a&b", url="https://x.example/?q=1&r=2"),
        Text(" <b>"),  # an escaped tag is the author's text, never markup
    )
    # a URL the forum escaped twice is repaired; text escaped twice keeps one level
    (img,) = parse_inline('<img src="https://i.example/a.png?x=1&amp;amp;y=2">')
    assert img.url == "https://i.example/a.png?x=1&y=2"
    assert parse_inline("Pi&amp;#xF1;ata AT&T &copy") == (Text("Pi&#xF1;ata AT&T &copy"),)
    # a <strong> closed after a blank line leaves a stray closing tag: markup, not text
    assert parse_inline("第二段</strong>") == (Text("第二段"), Unknown("</strong>"))
    assert parse_inline("<strong>a &amp; b</strong>") == (Strong((Text("a & b"),)),)


def test_the_card_shows_no_entity_and_no_stray_tag(qapp):
    from reader.ui.palette import LIGHT
    from reader.ui.thread.posthtml import PostHtml, QuoteOptions, post_plain_text

    doc = "\n*****\n\n####  甲  \n##### 1#       发表于 2024-1-1 1:10\n\n" + BODY + "\n"
    p = parse_text(doc, "外野/1-01[t].md").posts[0]
    post = StoredPost(1, 1, p.floor, p.author, p.posted_at, p.is_op, 0, None, None, None, p.blocks)
    html = PostHtml(LIGHT, 10.0, QuoteOptions()).render(post).html
    assert "&amp;amp;" not in html and "strong&gt;" not in html
    assert "viewthread&amp;tid=2130813&amp;page=2" in html  # once, as HTML needs it
    plain = post_plain_text(post)
    assert "&amp;" not in plain and "&gt;" not in plain and "</strong>" not in plain
    assert "罗小黑>电光机王 <三个阿道夫> AT&T" in plain
    assert f"{LINK.replace('&amp;', '&')} (" not in plain  # no "URL (URL)"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    close_library()


def test_cli_and_both_exports_carry_each_character_once(home, tmp_path, capsys):
    src = write_thread(tmp_path / "arch" / "外野" / "700-01[t].md",
                       [(1, "甲", "2024-1-2 3:04", BODY), (2, "乙", "2024-1-2 3:05", "回复")], op="甲")
    assert main(["import", str(src)]) == 0
    capsys.readouterr()
    assert main(["show", "700", "--json"]) == 0
    shown = capsys.readouterr().out
    assert "&amp;" not in shown and "&gt;" not in shown
    before = json.loads(shown)["posts"]
    assert main(["export", "700", "--format", "html", "-o", str(tmp_path / "p.html")]) == 0
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "&amp;amp;" not in page and "&amp;gt;" not in page and "&lt;/strong&gt;" not in page
    assert "罗小黑&gt;电光机王 &lt;三个阿道夫&gt; AT&amp;T" in page
    # the archive export escapes again, so it imports back to the same posts
    assert main(["export", "700", "--format", "md", "-o", str(tmp_path / "out")]) == 0
    capsys.readouterr()
    (md,) = (tmp_path / "out").rglob("*.md")
    assert "罗小黑&gt;电光机王 &lt;三个阿道夫&gt; AT&amp;T" in md.read_text(encoding="utf-8")
    assert main(["import", str(tmp_path / "out"), "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["posts_added"] == 0 and summary["posts_updated"] == 0
    assert main(["show", "700", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["posts"] == before


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def _strings(x, out: list[str]) -> None:
    if isinstance(x, str):
        out.append(x)
    elif isinstance(x, tuple | list):
        for y in x:
            _strings(y, out)
    elif isinstance(x, Code):
        return  # a fence is verbatim, not HTML
    elif hasattr(x, "__dataclass_fields__"):
        for name in x.__dataclass_fields__:
            if name != "html":  # Unknown keeps markup verbatim on purpose
                _strings(getattr(x, name), out)


@pytest.mark.corpus
def test_no_entity_is_left_in_the_parsed_corpus_except_text_escaped_twice():
    root = corpus_root()
    leftovers: dict[str, str] = {}
    for path in sorted(root.rglob("*.md")):
        try:
            tf = parse_file(path)
        except Exception:  # noqa: BLE001 - files the parser rejects are other tests' business
            continue
        strings: list[str] = [tf.ref.title]
        for post in tf.posts:
            _strings(post.blocks, strings)
        raw = None
        for s in strings:
            for m in _ENTITY.finditer(s):
                raw = raw if raw is not None else path.read_text(encoding="utf-8", errors="replace")
                # only what the archive escaped twice (&amp;#xB7;) may keep one level
                if "&amp;" + m.group()[1:] not in raw:
                    leftovers[m.group()] = str(path.relative_to(root))
    assert leftovers == {}

"""The bundled demo thread (reader/resources/demo) parses into exactly the constructs it was written to show.

The demo is hand-written in the archive format and shows every construct of FORMAT.md once or
more; these tests pin each one down field by field, so the demo stays a faithful sample and the
parser keeps reading it the same way. Quote links in the demo use pid = 70000100 + floor.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.config import DEMO_DIR
from reader.parse import distinct_posts, parse_file
from reader.parse.census import census
from reader.parse.model import (
    STATUS_BANNED,
    STATUS_EMPTY,
    STATUS_HIDDEN,
    STATUS_NORMAL,
    Attachment,
    ClientLine,
    Code,
    Image,
    Link,
    Notice,
    Paragraph,
    Post,
    Quote,
    Rating,
    RatingRow,
    Smiley,
    Strong,
    Text,
    ThreadFile,
    Unknown,
)

DEMO = DEMO_DIR / "演示" / "9999999-01[s1reader 演示帖：格式全览].md"
TID = 9999999
PID_BASE = 70000100


@pytest.fixture(scope="module")
def demo() -> ThreadFile:
    return parse_file(DEMO)


@pytest.fixture(scope="module")
def posts(demo: ThreadFile) -> dict[int, Post]:
    return {p.floor: p for p in demo.posts}


def walk_blocks(blocks):
    """Every block, quotes' inner blocks included (depth first)."""
    for b in blocks:
        yield b
        if isinstance(b, Quote):
            yield from walk_blocks(b.blocks)


def walk_runs(blocks):
    """Every inline run of every paragraph, inside quotes and <strong> too."""

    def runs(rs):
        for r in rs:
            yield r
            if isinstance(r, Strong):
                yield from runs(r.runs)

    for b in walk_blocks(blocks):
        if isinstance(b, Paragraph):
            yield from runs(b.runs)


def of_type(post: Post, kind) -> list:
    return [b for b in walk_blocks(post.blocks) if isinstance(b, kind)]


def runs_of_type(post: Post, kind) -> list:
    return [r for r in walk_runs(post.blocks) if isinstance(r, kind)]


def plain(blocks) -> str:
    return "".join(r.text for r in walk_runs(blocks) if isinstance(r, Text))


# ------------------------------------------------------------------ the file itself


def test_file_is_in_the_archive_byte_layout():
    raw = DEMO.read_bytes()
    text = raw.decode("utf-8")
    assert not text.startswith("\ufeff")
    assert text.startswith("\n*****\n\n####  ")
    assert text.endswith("\n\n") and not text.endswith("\n\n\n")
    assert "\r" not in text and "\t" not in text


def test_author_lines_have_two_trailing_spaces_except_one(demo):
    lines = DEMO.read_text(encoding="utf-8").split("\n")
    authors = [ln for ln in lines if ln.startswith("#### ")]
    assert len(authors) == len(demo.posts)
    bare = [ln for ln in authors if not ln.endswith("  ")]
    assert bare == ["####  老猫不睡觉"]
    assert "####   匿名  " in authors  # anonymous: three spaces before the name


def test_thread_identity_from_the_file_name(demo):
    ref = demo.ref
    assert (ref.tid, ref.part, ref.title) == (TID, 1, "s1reader 演示帖：格式全览")
    assert ref.board == "演示" and ref.reachable and not ref.title_from_content
    assert demo.warnings == ()


def test_floors_have_one_deleted_gap_and_no_repeats(demo):
    floors = [p.floor for p in demo.posts]
    assert floors == [1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16]
    assert [p.floor for p in distinct_posts(demo.posts)] == floors


def test_post_line_is_the_separator_line(demo):
    lines = DEMO.read_text(encoding="utf-8").split("\n")
    assert all(lines[p.line - 1] == "*****" for p in demo.posts)
    assert demo.posts[0].line == 2


def test_dates_are_datetimes_in_february_2026(demo):
    dates = [p.posted_at for p in demo.posts]
    assert dates[0] == datetime(2026, 2, 15, 7, 11)
    assert dates == sorted(dates)
    assert all(d.year == 2026 and d.month == 2 and d.second == 0 for d in dates)


def test_census_of_the_demo(demo):
    assert census(demo.posts) == {
        "posts": 15, "op_posts": 4, "quotes": 7, "quote_links": 5, "smileys": 8, "images": 2,
        "attachments": 1, "ratings": 2, "edit_notes": 1, "banned": 1, "hidden_by_mod": 1,
        "client_lines": 4, "strong": 4,
    }


def test_nothing_is_left_untyped_or_junk(demo):
    for p in demo.posts:
        assert runs_of_type(p, Unknown) == [], p.floor
        text = plain(p.blocks)
        assert "none.gif" not in text and "formhash" not in text and "<" not in text, p.floor


# ------------------------------------------------------------------ headers


def test_op_marker_in_both_forms(posts):
    assert {f for f, p in posts.items() if p.is_op} == {1, 5, 13, 16}
    assert {posts[f].author for f in (1, 5, 13, 16)} == {"书签君"}
    raw = DEMO.read_text(encoding="utf-8")
    assert "##### 1#       楼主       发表于 2026-2-15 07:11\n" in raw  # spaced form
    assert "##### 5#         楼主| 发表于 2026-2-15 07:52\n" in raw  # pipe form


def test_anonymous_poster(posts):
    p = posts[4]
    assert p.anonymous and p.author == "匿名" and not p.is_op
    assert p.posted_at == datetime(2026, 2, 15, 7, 41)
    assert sum(q.anonymous for q in posts.values()) == 1


def test_author_line_without_trailing_spaces(posts):
    assert posts[9].author == "老猫不睡觉"
    assert posts[9].posted_at == datetime(2026, 2, 15, 8, 30)


def test_edit_note(posts):
    p = posts[2]
    assert p.edit is not None
    assert (p.edit.editor, p.edit.edited_at) == ("灯下黑猫", datetime(2026, 2, 15, 7, 25))
    assert "本帖最后由" not in plain(p.blocks[:1])  # the note is not body text
    assert [q.floor for q in posts.values() if q.edit] == [2]


@pytest.mark.parametrize(
    "floor,status", [(6, STATUS_BANNED), (10, STATUS_HIDDEN), (12, STATUS_EMPTY), (1, STATUS_NORMAL)]
)
def test_status_posts(posts, floor, status):
    assert posts[floor].status == status
    if status != STATUS_NORMAL:
        assert posts[floor].blocks == ()


# ------------------------------------------------------------------ floor 1


def test_floor_one_starts_with_css_and_autoclose_notices(posts):
    b = posts[1].blocks
    assert isinstance(b[0], Notice) and b[0].kind == "css"
    assert b[0].text.startswith(".cronclosethread_getbox{") and b[0].text.endswith("}")
    assert b[1] == Notice("此帖将于2026-03-17 06:54自动关闭", "autoclose")
    assert [n.kind for q in posts.values() for n in of_type(q, Notice)] == ["css", "autoclose"]


def test_strong_link_and_raw_url(posts):
    p = posts[1]
    assert [s.text for s in runs_of_type(p, Strong)] == ["离线"]
    assert runs_of_type(p, Link) == [
        Link("S1PlainTextArchive2023", "https://github.com/TomoeMami/S1PlainTextArchive2023"),
        Link(
            "https://stage1st.com/2b/thread-9999999-1-1.html",
            "https://stage1st.com/2b/thread-9999999-1-1.html",
        ),
    ]


def test_rating_with_positive_and_negative_rows(posts):
    rating = posts[1].blocks[-1]
    assert rating == Rating(
        total=2,
        participants=3,
        rows=(
            RatingRow("纸飞机", 2, "好评加鹅"),
            RatingRow("灯下黑猫", 1, ""),
            RatingRow("路人甲", -1, "还没看完就打分"),
        ),
    )


def test_negative_rating_total(posts):
    assert posts[14].blocks[-1] == Rating(-1, 1, (RatingRow("路人甲", -1, "引用太长了"),))


# ------------------------------------------------------------------ images and attachments


def test_forum_attachment_image_and_its_block(posts):
    p = posts[2]
    images = runs_of_type(p, Image)
    assert images == [
        Image(
            url="https://img.stage1st.com/forum/202602/15/072011s1readerdemoshot.png",
            host="img.stage1st.com",
            is_attachment=True,
        )
    ]
    assert of_type(p, Attachment) == [
        Attachment(name="s1reader-截图.png", size="252.13 KB", downloads=0, uploaded_at="2026-2-15 07:20")
    ]
    # the image paragraph sits directly above the attachment block; the none.gif tail is gone
    kinds = [type(b).__name__ for b in p.blocks]
    i = kinds.index("Attachment")
    assert p.blocks[i - 1] == Paragraph(tuple(images))


def test_external_image(posts):
    assert runs_of_type(posts[7], Image) == [
        Image(
            url="https://p.sda1.dev/20/0123456789abcdef0123456789abcdef/s1reader-demo.jpg",
            host="p.sda1.dev",
            is_attachment=False,
        )
    ]


def test_smileys_of_every_pack_on_both_hosts(demo):
    smileys = [s for p in demo.posts for s in runs_of_type(p, Smiley)]
    assert {s.pack for s in smileys} == {"face2017", "carton2017", "animal2017", "goose2017", "bundam2017"}
    hosts = {s.url.split("/")[2] for s in smileys}
    assert hosts == {"static.stage1st.com", "static.saraba1st.com"}
    carton = next(s for s in smileys if s.pack == "carton2017")
    assert (carton.name, carton.key) == ("018.gif", "carton2017/018.gif")
    assert carton.url == "https://static.saraba1st.com/image/smiley/carton2017/018.gif"
    for s in smileys:
        assert s.url.endswith("/image/smiley/" + s.key)


# ------------------------------------------------------------------ quotes


def test_quote_links_point_at_earlier_posts_of_the_demo(demo, posts):
    quotes = [q for p in demo.posts for q in of_type(p, Quote) if q.pid is not None]
    assert len(quotes) == 5
    for q in quotes:
        assert q.ptid == TID
        assert q.url.startswith("https://stage1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=")
        assert "httphttps" not in q.url and "&amp;" not in q.url
        assert q.url.endswith(f"&pid={q.pid}&ptid={TID}")
        target = posts[q.pid - PID_BASE]
        assert (target.author, target.posted_at) == (q.author, q.posted_at)


def test_linked_quote_fields_and_truncation(posts):
    (q,) = of_type(posts[3], Quote)
    assert (q.author, q.posted_at, q.pid, q.ptid) == ("书签君", datetime(2026, 2, 15, 7, 11), 70000101, TID)
    assert q.truncated
    assert plain(q.blocks).endswith(" ...")
    # the reply follows on the next line after </blockquote>
    assert isinstance(posts[3].blocks[1], Paragraph)
    assert plain(posts[3].blocks[1:2]).startswith("终于不用")


def test_reply_on_the_same_line_as_the_closing_tag(posts):
    q, reply = posts[5].blocks[:2]
    assert isinstance(q, Quote) and q.pid == 70000102
    assert plain((reply,)).startswith("附件的文件名")


def test_quote_without_link(posts):
    (q,) = of_type(posts[11], Quote)
    assert (q.author, q.posted_at) == ("纸飞机", datetime(2026, 2, 15, 7, 33))
    assert q.pid is None and q.ptid is None and q.url is None and not q.truncated


def test_nested_quote(posts):
    outer = posts[9].blocks[0]
    assert isinstance(outer, Quote)
    assert (outer.author, outer.posted_at, outer.url) == ("匿名", datetime(2026, 2, 15, 8, 20), None)
    inner = outer.blocks[0]
    assert isinstance(inner, Quote)
    assert (inner.author, inner.pid, inner.ptid) == ("鹅鹅鹅", 70000107, TID)
    assert inner.truncated and not outer.truncated
    assert plain(outer.blocks[1:]) == "那我来试试引用套引用"


def test_long_quote_for_folding(posts):
    q = posts[14].blocks[0]
    assert isinstance(q, Quote) and q.pid == 70000113 and q.truncated
    paragraphs = [b for b in q.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) >= 6
    # the quoted lines are the start of floor 13's lines
    original = plain(posts[13].blocks)
    for para in paragraphs[:-1]:
        assert plain((para,)) in original


def test_long_multi_paragraph_post(posts):
    p = posts[13]
    paragraphs = [b for b in p.blocks if isinstance(b, Paragraph)]
    assert len(paragraphs) >= 5
    assert len(plain(p.blocks)) > 400
    assert sum(plain((b,)).count("\n") for b in paragraphs) >= 8  # lines inside paragraphs kept


# ------------------------------------------------------------------ code, client lines, junk


def test_code_fence(posts):
    (code,) = of_type(posts[11], Code)
    assert code.text.splitlines()[0] == "from reader.parse import parse_file"
    assert len(code.text.splitlines()) == 3
    assert [s.text for s in runs_of_type(posts[11], Strong)] == ["不会"]


def test_client_lines(demo):
    clients = {p.floor: b for p in demo.posts for b in p.blocks if isinstance(b, ClientLine)}
    assert clients[2] == ClientLine(
        text="—— 来自 Xiaomi 2210132C, Android 14上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) v2.5.4",
        client="S1Next-鹅版",
        device="Xiaomi 2210132C",
        android="14",
        version="2.5.4",
        url="https://github.com/ykrank/S1-Next/releases",
    )
    c = clients[3]  # unlinked
    assert (c.client, c.device, c.android, c.version, c.url) == (
        "S1Next-鹅版", "HUAWEI STF-AL10", "9", "2.5.2", None,
    )
    c = clients[4]
    assert (c.client, c.device, c.url) == ("S1Fun", None, "https://s1fun.koalcat.com")
    c = clients[7]
    assert (c.client, c.device, c.android, c.version, c.url) == (
        "鹅球", "Xiaomi 23049RAD8C", "15", "3.5.99-alpha", "https://www.pgyer.com/xfPejhuq",
    )
    c = clients[11]  # the official app's linked line
    assert (c.client, c.url) == ("Stage1官方", "https://www.coolapk.com/apk/140634")
    assert c.text.startswith("[  -- 来自 ")
    assert sorted(clients) == [2, 3, 4, 7, 11]


def test_form_junk_is_dropped(posts):
    p = posts[15]
    assert len(p.blocks) == 1 and isinstance(p.blocks[0], Paragraph)
    assert plain(p.blocks).startswith("上面本来有一行")

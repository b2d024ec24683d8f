"""Property: whatever text it is given, ``parse_text`` returns a ThreadFile or raises FormatError.

Inputs are random text, random lines built from the format's own pieces, and the demo thread
damaged at random (cut at an offset, lines deleted, duplicated or swapped, random bytes spliced
in). Any exception other than FormatError, or a FormatError without an int ``line`` and a ``path``,
is a parser bug. Successful parses must also be self-consistent (``Post.line`` is a separator).
Runs a fixed set of 300 examples per test; ``S1READER_PROPERTY_EXAMPLES=N`` runs N random ones.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import DEMO_DIR
from reader.parse import FormatError, ThreadFile, distinct_posts, parse_text
from reader.parse.census import census

DEMO = DEMO_DIR / "演示" / "9999999-01[s1reader 演示帖：格式全览].md"
DEMO_TEXT = DEMO.read_text(encoding="utf-8")
DEMO_LINES = DEMO_TEXT.split("\n")
PATH = "外野/9999999-01[s1reader 演示帖：格式全览].md"
NAMELESS = "seed/000_random.txt"  # no pattern: the tid must come from a ptid in the content

# Fixed examples by default (same inputs on every run, < 30 s); set S1READER_PROPERTY_EXAMPLES=N
# to hunt with N fresh random examples per test.
_HUNT = os.environ.get("S1READER_PROPERTY_EXAMPLES")
SETTINGS = settings(
    max_examples=int(_HUNT) if _HUNT else 300,
    deadline=None,
    derandomize=not _HUNT,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces of the format, so random lines reach deep into the parser instead of failing at once.
PIECES = [
    "*****", "", "####  甲  ", "####   匿名  ", "####  乙",
    "##### 1#       楼主       发表于 2026-2-15 07:11", "##### 2#         楼主| 发表于 2026-2-15 7:20",
    "##### 3#       发表于 2026-2-15 07:33", "##### 4#        匿名   发表于 2026-2-15 07:41",
    "##### 99999#       发表于 2026-13-40 25:61", " 本帖最后由 甲 于 2026-2-15 07:25 编辑 ",
    "提示: 作者被禁止或删除 内容自动屏蔽", "提示: 该帖被管理员或版主屏蔽",
    "<blockquote>", "</blockquote>", "<blockquote>甲 发表于 2026-2-15 07:11", " ...</blockquote>",
    '<blockquote><a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;'
    'pid=1&amp;ptid=2" target="_blank">甲 发表于 2026-2-15 07:11</a>',
    '<img src="https://static.stage1st.com/image/smiley/face2017/001.png" referrerpolicy="no-referrer">',
    '<img src="https://img.stage1st.com/forum/202602/15/a.png" referrerpolicy="no-referrer">'
    '" src="https://static.stage1st.com/image/common/none.gif" referrerpolicy="no-referrer">',
    "<img src=", '<img src="">', "<img", "<strong>", "</strong>", "<strong>a.png</strong> (1 KB, 下载次数: 0)",
    "下载附件", "2026-2-15 07:20 上传", "﹍﹍﹍", "评分", " 参与人数 2战斗力 +3", " 参与人数 1战斗力 -1",
    "|昵称|战斗力|理由|", "|----|---|---|", "| 甲| + 2||", "| 乙|-1|理由|", "查看全部评分",
    "—— 来自 ", "—— 来自 Xiaomi 1, Android 15, [鹅球](https://www.pgyer.com/x) v3.5.99-alpha",
    "—— 来自 HUAWEI STF-AL10, Android 9上的 S1Next-鹅版 v2.5.2 ...</blockquote>",
    "[  -- 来自 能看大图的 Stage1官方 Android客户端](https://www.coolapk.com/apk/140634)",
    "```", ".cronclosethread_getbox{border: 1px dashed #FF9A9A;}", "此帖将于2026-03-17 06:54自动关闭",
    '<input name="formhash" type="hidden" value="66e5028a"/)', '<hr class="l"/)',
    "[链接](https://example.com/a)", "https://example.com/raw", "<a href=\"x\">y</a>", "<span>",
    "\ufeff", "\r", "\t", "\x00", "\x08", "\u00a0", "\u3000", "\ufffd", "文字 text",
]

piece_lines = st.lists(st.sampled_from(PIECES) | st.text(max_size=20), max_size=60).map("\n".join)


def check(text: str, path: str = PATH) -> None:
    try:
        tf = parse_text(text, path)
    except FormatError as e:
        assert isinstance(e.path, str) and e.path == path
        assert isinstance(e.line, int) and not isinstance(e.line, bool)
        assert e.line >= 1
        assert isinstance(e.message, str) and e.message
        return
    assert isinstance(tf, ThreadFile)
    assert tf.path == path and isinstance(tf.ref.tid, int)
    # every post starts at a separator line, or at a separator glued to the end of a line
    # before a whole post header (line numbers refer to the LF-normalised text)
    if "\r" not in text:
        lines = text.split("\n")
        for p in tf.posts:
            line = lines[p.line - 1].lstrip("\ufeff").rstrip(" \t")
            glued = line.endswith("*****") and (lines[p.line].strip() == ""
                                                or lines[p.line].startswith("####"))
            assert line == "*****" or glued, p.line
    kept = distinct_posts(tf.posts)
    assert len(kept) <= len(tf.posts)
    assert [p.floor for p in kept] == sorted(p.floor for p in kept)
    assert census(kept)["posts"] == len(kept)


def test_the_demo_itself_parses():
    tf = parse_text(DEMO_TEXT, PATH)
    assert len(tf.posts) == 15


@SETTINGS
@given(st.text())
def test_random_text(text):
    check(text)
    check(text, NAMELESS)


@SETTINGS
@given(piece_lines)
def test_random_lines_of_format_pieces(text):
    check(text)
    check("\n*****\n\n####  甲  \n##### 1#       发表于 2026-2-15 07:11\n\n" + text)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(DEMO_TEXT)), st.booleans())
def test_demo_cut_at_a_random_offset(offset, keep_head):
    text = DEMO_TEXT[:offset] if keep_head else DEMO_TEXT[offset:]
    check(text)
    check(text, NAMELESS)


@SETTINGS
@given(st.lists(st.integers(min_value=0, max_value=len(DEMO_LINES) - 1), min_size=1, max_size=20, unique=True))
def test_demo_with_random_lines_deleted(dropped):
    gone = set(dropped)
    check("\n".join(line for i, line in enumerate(DEMO_LINES) if i not in gone))


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["dup", "swap", "replace", "insert"]),
            st.integers(min_value=0, max_value=len(DEMO_LINES) - 1),
            st.integers(min_value=0, max_value=len(DEMO_LINES) - 1),
            st.sampled_from(PIECES) | st.text(max_size=30),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_demo_with_random_line_edits(edits):
    lines = list(DEMO_LINES)
    for op, i, j, new in edits:
        i %= len(lines)
        j %= len(lines)
        if op == "dup":
            lines.insert(j, lines[i])
        elif op == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "replace":
            lines[i] = new
        else:
            lines.insert(i, new)
    check("\n".join(lines))


@SETTINGS
@given(st.lists(st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=8)), min_size=1, max_size=10))
def test_demo_with_random_bytes_spliced_in(splices):
    data = bytearray(DEMO_TEXT.encode("utf-8"))
    for at, junk in splices:
        at %= len(data) + 1
        data[at:at] = junk
    # as parse_file would see it if it decoded at all, and as a lenient reader would
    check(data.decode("utf-8", errors="replace"))
    check(data.decode("latin-1"))
    check(data.decode("utf-8", errors="surrogateescape"))


@SETTINGS
@given(st.data())
def test_demo_posts_shuffled_and_repeated(data):
    chunks = DEMO_TEXT.split("\n*****\n")
    body = chunks[1:]
    picked = data.draw(st.lists(st.sampled_from(body), min_size=1, max_size=40))
    check("\n*****\n" + "\n*****\n".join(picked))

"""The parser on small inline fixtures: one construct or pitfall of FORMAT.md per test.

Every fixture is a string written here in the archive format (or a tmp file for ``parse_file``),
so each test shows the exact input and the exact fields that must come out of it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from reader.parse import FormatError, ThreadFile, distinct_posts, parse_file, parse_text
from reader.parse.model import (
    ATTACH_FILE,
    ATTACH_SPLIT,
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
    Unknown,
)
from reader.parse.paths import identity_from_path

PATH = "外野/2274815-01[测试帖].md"
WHEN = "2026-2-15 07:11"
LINK = (
    '<a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;'
    'pid={pid}&amp;ptid={ptid}" target="_blank">{who} 发表于 {when}</a>'
)


def post(body: str = "正文", floor: int = 1, author: str = "甲", when: str = WHEN, mark: str = "") -> str:
    """One post in the archive layout, separator included."""
    return f"*****\n\n####  {author}  \n##### {floor}#       {mark}发表于 {when}\n\n{body}\n\n"


def thread(*posts: str) -> str:
    return "\n" + "".join(posts)


def one(body: str, path: str = PATH) -> Post:
    (p,) = parse_text(thread(post(body)), path).posts
    return p


def blocks(body: str) -> tuple:
    return one(body).blocks


def runs(body: str) -> tuple:
    (para,) = blocks(body)
    assert isinstance(para, Paragraph)
    return para.runs


def quote_link(pid: int, who: str, when: str, ptid: int = 2274815) -> str:
    return LINK.format(pid=pid, ptid=ptid, who=who, when=when)


# ================================================================== post headers


@pytest.mark.parametrize(
    "floor_line,floor,is_op,anonymous,when",
    [
        ("##### 3#       发表于 2023-8-11 16:50", 3, False, False, datetime(2023, 8, 11, 16, 50)),
        ("##### 3#       发表于 2023-8-11 9:05", 3, False, False, datetime(2023, 8, 11, 9, 5)),
        ("##### 20#         楼主| 发表于 2022-11-22 02:07", 20, True, False, datetime(2022, 11, 22, 2, 7)),
        ("##### 1#       楼主       发表于 2026-2-15 07:11", 1, True, False, datetime(2026, 2, 15, 7, 11)),
        ("##### 9#        \u00a0楼主| 发表于 2026-2-15 08:22", 9, True, False, datetime(2026, 2, 15, 8, 22)),
        ("##### 5#        匿名   发表于 2023-1-2 3:04", 5, False, True, datetime(2023, 1, 2, 3, 4)),
        ("##### 7#       楼主        匿名   发表于 2023-1-2 3:04", 7, True, True, datetime(2023, 1, 2, 3, 4)),
        ("##### 1500#       发表于 2023-12-31 23:59", 1500, False, False, datetime(2023, 12, 31, 23, 59)),
    ],
)
def test_floor_line_forms(floor_line, floor, is_op, anonymous, when):
    author = "匿名" if anonymous else "samfs"
    text = f"\n*****\n\n####  {author}  \n{floor_line}\n\n正文\n\n"
    (p,) = parse_text(text, PATH).posts
    assert (p.floor, p.is_op, p.anonymous, p.posted_at, p.author) == (floor, is_op, anonymous, when, author)
    assert p.status == STATUS_NORMAL and p.line == 2


@pytest.mark.parametrize(
    "author_line,author,anonymous",
    [
        ("####  samfs  ", "samfs", False),
        ("####  banmaren", "banmaren", False),
        ("####   匿名  ", "匿名", True),
        ("####   匿名", "匿名", True),
        ("####  有 空格 的名字  ", "有 空格 的名字", False),
    ],
)
def test_author_line_forms(author_line, author, anonymous):
    text = f"\n*****\n\n{author_line}\n##### 2#       发表于 {WHEN}\n\n正文\n"
    (p,) = parse_text(text, PATH).posts
    assert (p.author, p.anonymous) == (author, anonymous)


def test_edit_note_is_taken_from_the_first_line_only():
    p = one(" 本帖最后由 羊寢 于 2026-2-15 07:25 编辑 \n\n改过的正文")
    assert (p.edit.editor, p.edit.edited_at) == ("羊寢", datetime(2026, 2, 15, 7, 25))
    assert p.blocks == (Paragraph((Text("改过的正文"),)),)
    p = one("第一行\n 本帖最后由 羊寢 于 2026-2-15 07:25 编辑 ")
    assert p.edit is None and "本帖最后由" in p.blocks[0].runs[0].text


def test_edit_note_directly_followed_by_a_quote():
    body = " 本帖最后由 四氧化三铅 于 2026-2-15 08:37 编辑 \n" + "<blockquote>" + quote_link(
        69190452, "羊寢", "2026-2-15 07:20"
    ) + "\n\n引用的话 ...</blockquote>\n回复"
    p = one(body)
    assert p.edit.editor == "四氧化三铅"
    assert isinstance(p.blocks[0], Quote) and p.blocks[0].author == "羊寢"


@pytest.mark.parametrize(
    "body,status,rest",
    [
        ("提示: 作者被禁止或删除 内容自动屏蔽", STATUS_BANNED, ()),
        ("提示: 该帖被管理员或版主屏蔽", STATUS_HIDDEN, ()),
        ("", STATUS_EMPTY, ()),
        ("   \n\n  ", STATUS_EMPTY, ()),
        (
            "提示: 作者被禁止或删除 内容自动屏蔽\n\n—— 来自 [S1Fun](https://s1fun.koalcat.com)",
            STATUS_BANNED,
            (ClientLine("—— 来自 [S1Fun](https://s1fun.koalcat.com)", "S1Fun", url="https://s1fun.koalcat.com"),),
        ),
    ],
)
def test_system_status(body, status, rest):
    p = one(body)
    assert p.status == status and p.blocks == rest


def test_empty_post_with_nothing_after_the_floor_line():
    text = f"\n*****\n\n####  a  \n##### 7448#       发表于 {WHEN}\n*****\n\n####  b  \n##### 7449#       发表于 {WHEN}\n"
    a, b = parse_text(text, PATH).posts
    assert (a.status, b.status) == (STATUS_EMPTY, STATUS_EMPTY)
    assert (a.line, b.line) == (2, 6)


# ================================================================== quotes


def test_quote_with_findpost_link_2023_host():
    link = (
        '<a href="httphttps://bbs.saraba1st.com/2b/forum.php?mod=redirect&amp;goto=findpost&amp;'
        'pid=53480275&amp;ptid=2036587" target="_blank">屠夫 发表于 2021-11-9 19:18</a>'
    )
    bs = blocks(f"<blockquote>{link}\n能看到这个乐子 ...</blockquote>\n其实最早")
    q = bs[0]
    assert isinstance(q, Quote)
    assert (q.author, q.posted_at, q.pid, q.ptid) == ("屠夫", datetime(2021, 11, 9, 19, 18), 53480275, 2036587)
    assert q.url == "https://bbs.saraba1st.com/2b/forum.php?mod=redirect&goto=findpost&pid=53480275&ptid=2036587"
    assert q.truncated
    assert q.blocks == (Paragraph((Text("能看到这个乐子 ..."),)),)
    assert bs[1] == Paragraph((Text("其实最早"),))


def test_quote_text_head_without_link_and_with_seconds():
    (q, reply) = blocks("<blockquote>铅笔画 发表于 2023-1-5 10:11:12\n典中典</blockquote>\n好")
    assert (q.author, q.posted_at, q.pid, q.ptid, q.url) == ("铅笔画", datetime(2023, 1, 5, 10, 11, 12), None, None, None)
    assert q.blocks == (Paragraph((Text("典中典"),)),) and not q.truncated
    assert reply == Paragraph((Text("好"),))


def test_quote_without_any_header():
    (q, reply) = blocks("<blockquote>\n系统提示：比赛录像已上传</blockquote>焦哥直播间")
    assert (q.author, q.posted_at, q.pid, q.url) == (None, None, None, None)
    assert q.blocks == (Paragraph((Text("系统提示：比赛录像已上传"),)),)
    assert reply == Paragraph((Text("焦哥直播间"),))


def test_nested_quote_and_double_close():
    link = quote_link(63310235, "whzfjd", "2023-12-12 23:52", 2163909)
    bs = blocks(f"<blockquote><blockquote>{link}\n\n民间行为 ...</blockquote></blockquote>\n背两段经文：")
    outer = bs[0]
    assert isinstance(outer, Quote) and outer.author is None
    (inner,) = outer.blocks
    assert isinstance(inner, Quote)
    assert (inner.author, inner.pid, inner.ptid, inner.truncated) == ("whzfjd", 63310235, 2163909, True)
    assert bs[1] == Paragraph((Text("背两段经文："),))


def test_nested_quote_with_headers_on_both_levels():
    inner_link = quote_link(100, "乙", "2026-2-15 07:00")
    body = f"<blockquote>甲 发表于 2026-2-15 07:05\n<blockquote>{inner_link}\n\n原话 ...</blockquote>\n转述</blockquote>\n回复"
    outer, reply = blocks(body)
    assert (outer.author, outer.posted_at) == ("甲", datetime(2026, 2, 15, 7, 5))
    inner, text = outer.blocks
    assert (inner.author, inner.pid) == ("乙", 100)
    assert text == Paragraph((Text("转述"),))
    assert reply == Paragraph((Text("回复"),))


def test_unbalanced_quote_closes_at_the_end_of_the_post():
    (q,) = blocks("<blockquote>张三 发表于 2023-3-4 12:30\n没有关上的引用\n\n第二段")
    assert q.author == "张三"
    assert [b.runs[0].text for b in q.blocks] == ["没有关上的引用", "第二段"]


def test_stray_closing_tag_is_kept_as_unknown():
    assert blocks("前文</blockquote>后文") == (
        Paragraph((Text("前文"),)),
        Paragraph((Unknown("</blockquote>"),)),
        Paragraph((Text("后文"),)),
    )


def test_two_quotes_in_one_post():
    a = quote_link(1, "甲", "2026-2-15 07:00")
    b = quote_link(2, "乙", "2026-2-15 07:01")
    bs = blocks(f"<blockquote>{a}\n一</blockquote>\n回甲\n\n<blockquote>{b}\n二</blockquote>\n回乙")
    assert [type(x).__name__ for x in bs] == ["Quote", "Paragraph", "Quote", "Paragraph"]
    assert [bs[0].pid, bs[2].pid] == [1, 2]


def test_client_line_cut_by_quote_truncation():
    (q, _) = blocks(
        "<blockquote>乙 发表于 2026-2-15 07:00\n好\n\n—— 来自 HUAWEI STF-AL10, Android 9上的 S1Next-鹅版 v2.5.2 ...</blockquote>\n嗯"
    )
    c = q.blocks[-1]
    assert isinstance(c, ClientLine)
    assert (c.client, c.device, c.android, c.version) == ("S1Next-鹅版", "HUAWEI STF-AL10", "9", "2.5.2")
    assert q.truncated


# ================================================================== smileys and images


@pytest.mark.parametrize(
    "url,pack,name",
    [
        ("https://static.saraba1st.com/image/smiley/face2017/032.png", "face2017", "032.png"),
        ("https://static.stage1st.com/image/smiley/face2017/032.png", "face2017", "032.png"),
        ("https://static.saraba1st.com/image/smiley/carton2017/018.gif", "carton2017", "018.gif"),
        ("https://static.stage1st.com/image/smiley/animal2017/008.png", "animal2017", "008.png"),
        ("https://static.stage1st.com/image/smiley/goose2017/033.png", "goose2017", "033.png"),
        ("https://static.saraba1st.com/image/smiley/bundam2017/003.png", "bundam2017", "003.png"),
        ("https://static.saraba1st.com/image/smiley/face/12.gif", "face", "12.gif"),
    ],
)
def test_smiley(url, pack, name):
    rs = runs(f'哈哈<img src="{url}" referrerpolicy="no-referrer">笑死')
    assert rs == (Text("哈哈"), Smiley(pack=pack, name=name, url=url), Text("笑死"))
    assert rs[1].key == f"{pack}/{name}"


def test_smiley_key_is_host_independent():
    a = runs('<img src="https://static.saraba1st.com/image/smiley/face2017/067.png" referrerpolicy="no-referrer">')
    b = runs('<img src="https://static.stage1st.com/image/smiley/face2017/067.png" referrerpolicy="no-referrer">')
    assert a[0].key == b[0].key == "face2017/067.png" and a[0].url != b[0].url


@pytest.mark.parametrize(
    "url,host,attachment",
    [
        ("https://img.saraba1st.com/forum/202211/22/020512abc.jpg", "img.saraba1st.com", True),
        ("https://img.stage1st.com/forum/202602/15/072011abc.png", "img.stage1st.com", True),
        ("https://p.sda1.dev/9/95dc61e1844bfdaa7fbe776b9c688465/diff.jpg", "p.sda1.dev", False),
        ("https://wx1.sinaimg.cn/large/abc.jpg", "wx1.sinaimg.cn", False),
        ("https://i.loli.net/2023/01/01/abc.png", "i.loli.net", False),
    ],
)
def test_image_host_and_attachment_flag(url, host, attachment):
    assert runs(f'<img src="{url}" referrerpolicy="no-referrer">') == (Image(url, host, attachment),)


def test_image_with_repeated_forum_attributes_takes_the_first_src():
    tag = (
        '<img src="https://img.saraba1st.com/forum/202301/01/first.jpg" id="aimg_zVmm5" lazyloadthumb="1" '
        'onclick="zoom(this)" onmouseover="img_onmouseoverfunc(this)" '
        'src="https://img.saraba1st.com/forum/202301/01/second.jpg" referrerpolicy="no-referrer">'
    )
    assert runs(tag) == (Image("https://img.saraba1st.com/forum/202301/01/first.jpg", "img.saraba1st.com", True),)


def test_file_type_icon_is_an_image_not_a_smiley():
    (img,) = runs('<img alt="" border="0" class="vm" src="https://static.saraba1st.com/image/filetype/unknown.gif" referrerpolicy="no-referrer">')
    assert img == Image("https://static.saraba1st.com/image/filetype/unknown.gif", "static.saraba1st.com", False)


def test_none_gif_tail_after_an_image_is_dropped():
    rs = runs(
        '<img src="https://img.saraba1st.com/forum/202111/09/172450n.jpeg" referrerpolicy="no-referrer">'
        '" src="https://static.saraba1st.com/image/common/none.gif" referrerpolicy="no-referrer">'
    )
    assert rs == (Image("https://img.saraba1st.com/forum/202111/09/172450n.jpeg", "img.saraba1st.com", True),)


@pytest.mark.parametrize(
    "junk",
    [
        '<input name="formhash" type="hidden" value="66e5028a"/)',
        '<input type="hidden" name="x" value="1">',
        '<input type="hidden" name="x" value="1" />',
        '<hr class="l"/)',
    ],
)
def test_form_junk_is_dropped(junk):
    assert blocks(f"{junk}\n\n<strong>单选投票</strong> , 共有 501 人参与投票") == (
        Paragraph((Strong((Text("单选投票"),)), Text(" , 共有 501 人参与投票"))),
    )
    assert blocks(f"前{junk}后") == (Paragraph((Text("前后"),)),)


# ================================================================== attachments and ratings


def test_attachment_block_with_its_image():
    body = (
        '<img src="https://img.saraba1st.com/forum/202211/22/0205.png" referrerpolicy="no-referrer">\n\n'
        "<strong>348C635D-C920-4954-95FE-D21EC216313C.png</strong> (252.13 KB, 下载次数: 0)\n\n"
        "下载附件\n\n2022-11-22 02:05 上传\n\n后面的话"
    )
    img, att, tail = blocks(body)
    assert img == Paragraph((Image("https://img.saraba1st.com/forum/202211/22/0205.png", "img.saraba1st.com", True),))
    assert att == Attachment(
        name="348C635D-C920-4954-95FE-D21EC216313C.png", size="252.13 KB", downloads=0, uploaded_at="2022-11-22 02:05"
    )
    assert tail == Paragraph((Text("后面的话"),))


def test_attachment_without_name_line_and_with_downloads():
    assert blocks("下载附件\n\n2023-1-2 3:04 上传") == (Attachment(None, None, None, "2023-1-2 3:04"),)
    att = blocks("<strong>a b.jpg</strong> (1.5 MB, 下载次数: 12)\n\n下载附件\n\n2023-1-2 3:04 上传")
    assert att == (Attachment("a b.jpg", "1.5 MB", 12, "2023-1-2 3:04"),)


def test_attachment_name_line_without_download_line_is_text():
    assert blocks("<strong>a.png</strong> (1 KB, 下载次数: 0)") == (
        Paragraph((Strong((Text("a.png"),)), Text(" (1 KB, 下载次数: 0)"))),
    )


def test_attachment_name_on_its_own_line_over_the_size():
    """The forum's other picture layout: name / (size, 下载次数: n) / 下载附件 / date 上传, the
    picture under it. It was half-parsed: name and size shown as text, the notice empty."""
    body = ("看图\n\n728F5DC9-6F45-4C68-A99B-6B4830D88AD7.png\n(311.08 KB, 下载次数: 3)\n\n下载附件\n\n"
            "2022-10-15 12:57 上传\n\n"
            '<img src="https://img.saraba1st.com/forum/202210/15/1257.png" referrerpolicy="no-referrer">')
    text, att, img = blocks(body)
    assert text == Paragraph((Text("看图"),))
    assert att == Attachment("728F5DC9-6F45-4C68-A99B-6B4830D88AD7.png", "311.08 KB", 3,
                             "2022-10-15 12:57", ATTACH_SPLIT)
    assert img == Paragraph((Image("https://img.saraba1st.com/forum/202210/15/1257.png", "img.saraba1st.com", True),))


@pytest.mark.parametrize("body,expected", [
    # 由手机上传 between 下载附件 and the time, or under the time
    ("<strong>a.jpg</strong> (127.37 KB, 下载次数: 0)\n\n下载附件\n\n由手机上传\n2022-9-8 14:56 上传",
     (Attachment("a.jpg", "127.37 KB", 0, "2022-9-8 14:56"),)),
    ("b.jpeg\n(28.36 KB, 下载次数: 0)\n\n下载附件\n\n2023-5-3 17:59 上传\n\n由手机上传",
     (Attachment("b.jpeg", "28.36 KB", 0, "2023-5-3 17:59", ATTACH_SPLIT),)),
    # the forum's 保存到相册 button (its pages since 2024)
    ("<strong>bug.jpg</strong> (378.15 KB, 下载次数: 0)\n\n下载附件\n\n 保存到相册\n\n2024-5-19 15:35 上传\n\n然后",
     (Attachment("bug.jpg", "378.15 KB", 0, "2024-5-19 15:35"), Paragraph((Text("然后"),)))),
    # an empty download count
    ("<strong>c.jpeg</strong> (36.54 KB, 下载次数: )\n\n下载附件\n\n2023-5-20 14:10 上传",
     (Attachment("c.jpeg", "36.54 KB", None, "2023-5-20 14:10"),)),
    # the uploader's description of the picture stays text, after the notice
    ("<strong>ghost.JPG</strong> (567.67 KB, 下载次数: 0)\n\n下载附件\n\n预购\n2023-6-28 20:09 上传\n\n好玩",
     (Attachment("ghost.JPG", "567.67 KB", 0, "2023-6-28 20:09"), Paragraph((Text("预购"),)),
      Paragraph((Text("好玩"),)))),
    # files: name / date 上传 / 点击文件名下载附件 / size (with a read permission), and
    # name / (size) / date 上传 / 点击文件名下载附件
    ("星街すいせい.html\n\n2023-6-23 18:57 上传\n点击文件名下载附件\n\n"
     "233.25 KB, 阅读权限: <strong>20</strong>, 下载次数: 0\n\n正文",
     (Attachment("星街すいせい.html", "233.25 KB", 0, "2023-6-23 18:57", ATTACH_FILE), Paragraph((Text("正文"),)))),
    ("5cb8883f.mp4\n(191.76 KB, 下载次数: 46)\n\n2023-1-10 02:01 上传\n\n点击文件名下载附件",
     (Attachment("5cb8883f.mp4", "191.76 KB", 46, "2023-1-10 02:01", ATTACH_FILE),)),
    # two notices in a row each keep their own parts
    ("x.png\n(1 KB, 下载次数: 0)\n\n下载附件\n\n2023-1-1 1:00 上传\n\n"
     "<strong>y.png</strong> (2 KB, 下载次数: 1)\n\n下载附件\n\n2023-1-1 1:01 上传",
     (Attachment("x.png", "1 KB", 0, "2023-1-1 1:00", ATTACH_SPLIT), Attachment("y.png", "2 KB", 1, "2023-1-1 1:01"))),
])
def test_attachment_layouts(body, expected):
    assert blocks(body) == expected


def test_a_size_line_without_its_marker_is_text():
    assert blocks("a.png\n(1 KB, 下载次数: 0)") == (Paragraph((Text("a.png\n(1 KB, 下载次数: 0)"),)),)


RATING = """﹍﹍﹍

评分

 参与人数 {n}战斗力 {total}

|昵称|战斗力|理由|
|----|---|---|
{rows}

查看全部评分"""


@pytest.mark.parametrize(
    "n,total_text,rows_text,total,rows",
    [
        (2, "+3", "| 乱吃食cat| + 2||\n| YujsD| + 1|好评加鹅|", 3,
         (RatingRow("乱吃食cat", 2, ""), RatingRow("YujsD", 1, "好评加鹅"))),
        (1, "-1", "| shadowfr|-1|同人想告也是能一棒子打死的|", -1,
         (RatingRow("shadowfr", -1, "同人想告也是能一棒子打死的"),)),
        (2, "3", "| a| + 4|好|\n| b|-1||", 3, (RatingRow("a", 4, "好"), RatingRow("b", -1, ""))),
    ],
)
def test_rating_table(n, total_text, rows_text, total, rows):
    bs = blocks("正文\n\n" + RATING.format(n=n, total=total_text, rows=rows_text))
    assert bs[0] == Paragraph((Text("正文"),))
    assert bs[1] == Rating(total=total, participants=n, rows=rows)
    assert len(bs) == 2


# ================================================================== client lines


@pytest.mark.parametrize(
    "line,client,device,android,version,url",
    [
        (
            "—— 来自 realme RMX3370, Android 13上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) v2.5.4",
            "S1Next-鹅版", "realme RMX3370", "13", "2.5.4", "https://github.com/ykrank/S1-Next/releases",
        ),
        (
            "—— 来自 OnePlus PGP110, Android 14上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) v2.5.4-play",
            "S1Next-鹅版", "OnePlus PGP110", "14", "2.5.4-play", "https://github.com/ykrank/S1-Next/releases",
        ),
        ("—— 来自 HUAWEI STF-AL10, Android 9上的 S1Next-鹅版 v2.5.2", "S1Next-鹅版", "HUAWEI STF-AL10", "9", "2.5.2", None),
        ("—— 来自 [S1Fun](https://s1fun.koalcat.com)", "S1Fun", None, None, None, "https://s1fun.koalcat.com"),
        ("—— 来自 S1Fun", "S1Fun", None, None, None, None),
        (
            "—— 来自 Xiaomi 23049RAD8C, Android 15, [鹅球](https://www.pgyer.com/xfPejhuq) v3.5.99-alpha",
            "鹅球", "Xiaomi 23049RAD8C", "15", "3.5.99-alpha", "https://www.pgyer.com/xfPejhuq",
        ),
        (
            "—— 来自 smartisan OD103, Android 7.1.1上的 [S1Next-鹅版](https://github.com/ykrank/S1-Next/releases) v2.1.2",
            "S1Next-鹅版", "smartisan OD103", "7.1.1", "2.1.2", "https://github.com/ykrank/S1-Next/releases",
        ),
    ],
)
def test_client_line(line, client, device, android, version, url):
    (b,) = blocks(line)
    assert b == ClientLine(text=line, client=client, device=device, android=android, version=version, url=url)


def test_official_client_line():
    line = "[  -- 来自 能看大图的 Stage1官方 Android客户端](https://www.coolapk.com/apk/140634)"
    assert blocks("好\n\n" + line) == (
        Paragraph((Text("好"),)),
        ClientLine(text=line, client="Stage1官方", url="https://www.coolapk.com/apk/140634"),
    )


@pytest.mark.parametrize("line,client,device,android,version,url", [
    # the official app: its blanks are no-break spaces (685 lines of the corpus were links)
    ("[\u00a0\u00a0-- 来自 能搜索的 Stage1官方 Android客户端](https://www.coolapk.com/apk/140634)",
     "Stage1官方", None, None, None, "https://www.coolapk.com/apk/140634"),
    ("\u00a0\u00a0-- 来自 能搜索的 Stage1官方 iOS客户端 ...", "Stage1官方", None, None, None, None),
    (" -- 傲娇地来自 Stage1未知客户端", "Stage1未知客户端", None, None, None, None),
    ("[论坛助手,iPhone](https://bbs.saraba1st.com/2b/forum.php?mod=viewthread&amp;tid=2029836)",
     "论坛助手", "iPhone", None, None, "https://bbs.saraba1st.com/2b/forum.php?mod=viewthread&tid=2029836"),
    ("— from OPPO PEGM00, Android 13 of [S1 Next Goose](https://pan.baidu.com/s/1mi43uRm) v2.5.4",
     "S1 Next Goose", "OPPO PEGM00", "13", "2.5.4", "https://pan.baidu.com/s/1mi43uRm"),
    ("----发送自 [STAGE1 App for Android.](http://stage1.5j4m.com/?1.37)",
     "STAGE1 App for Android.", None, None, None, "http://stage1.5j4m.com/?1.37"),
    ("----发送自 [Sony XQ-CT72,Android 13](http://stage1.5j4m.com/?1.37)",
     "STAGE1 App", "Sony XQ-CT72", "13", None, "http://stage1.5j4m.com/?1.37"),
    ("—— 來自 Xiaomi 22041216C, Android 12上的 [S1Next-鵝版](https://github.com/ykrank/S1-Next/releases) v2.5.4",
     "S1Next-鵝版", "Xiaomi 22041216C", "12", "2.5.4", "https://github.com/ykrank/S1-Next/releases"),
])
def test_other_clients_signatures(line, client, device, android, version, url):
    text, b = blocks("好\n\n" + line)
    assert text == Paragraph((Text("好"),))
    assert b == ClientLine(text=line.replace("&amp;", "&"), client=client, device=device,
                           android=android, version=version, url=url)


@pytest.mark.parametrize("line", ["-" * 40, "----分割线----", "他说 -- 来自 火星", "[论坛助手](https://x.org)"])
def test_lines_like_signatures_are_text(line):
    (p,) = blocks(line)
    assert isinstance(p, Paragraph)


def test_client_prefix_inside_a_line_is_text():
    (p,) = blocks("他说 —— 来自 火星")
    assert p == Paragraph((Text("他说 —— 来自 火星"),))


def test_client_line_with_a_long_run_of_blanks_is_fast():
    line = "—— 来自 x" + " " * 20000 + "y"
    (b,) = blocks(line)  # this used to backtrack cubically (minutes)
    assert isinstance(b, ClientLine) and b.client.startswith("x")


# ================================================================== inline text


def test_strong_holding_an_image():
    url = "https://p.sda1.dev/9/95dc61e1844bfdaa7fbe776b9c688465/diff.jpg"
    assert runs(f'<strong>国情不同</strong>\n<strong><img src="{url}" referrerpolicy="no-referrer"></strong>') == (
        Strong((Text("国情不同"),)),
        Text("\n"),
        Strong((Image(url, "p.sda1.dev", False),)),
    )


def test_markdown_link_and_raw_url():
    md = "[https://nlab.itmedia.co.jp/nl/ar ... l#utm_term=share_sp](https://nlab.itmedia.co.jp/nl/articles/2012/21/news008.html#utm_term=share_sp)"
    rs = runs(md + " 看这个")
    assert rs[0] == Link(
        "https://nlab.itmedia.co.jp/nl/ar ... l#utm_term=share_sp",
        "https://nlab.itmedia.co.jp/nl/articles/2012/21/news008.html#utm_term=share_sp",
    )
    assert rs[1] == Text(" 看这个")
    rs = runs("地址 https://example.com/a?b=1&c=2，后面是中文")
    assert rs == (
        Text("地址 "),
        Link("https://example.com/a?b=1&c=2", "https://example.com/a?b=1&c=2"),
        Text("，后面是中文"),
    )


def test_anchor_tag_outside_a_quote_is_a_link():
    rs = runs('看<a href="https://example.com/?a=1&amp;b=2" target="_blank">这里</a>')
    assert rs == (Text("看"), Link("这里", "https://example.com/?a=1&b=2"))


def test_unknown_tags_are_kept_verbatim():
    rs = runs('<span style="color:red">红字</span><font size="5">大</font>')
    assert rs == (
        Unknown('<span style="color:red">'),
        Text("红字"),
        Unknown("</span>"),
        Unknown('<font size="5">'),
        Text("大"),
        Unknown("</font>"),
    )


def test_text_is_verbatim_no_markdown_rendering():
    body = "*不是斜体* _也不是_ \\(转义\\) # 不是标题\n> 不是引用\u00a0\u3000全角空格"
    assert runs(body) == (Text(body),)


def test_paragraphs_split_on_blank_lines_and_lines_kept():
    assert blocks("一\n二\n\n\n三\n \n四") == (
        Paragraph((Text("一\n二"),)),
        Paragraph((Text("三"),)),
        Paragraph((Text("四"),)),
    )


def test_code_fence_keeps_its_text():
    body = "看这个：\n\n```\n\n-prompt \"x\" <b>不是标签</b>\n\nPi&amp;#xF1;ata\n```\n\n完"
    assert blocks(body) == (
        Paragraph((Text("看这个："),)),
        Code('\n-prompt "x" <b>不是标签</b>\n\nPi&amp;#xF1;ata'),
        Paragraph((Text("完"),)),
    )


def test_unterminated_code_fence_runs_to_the_end():
    assert blocks("```\nprint(1)\n\nprint(2)") == (Code("print(1)\n\nprint(2)"),)


def test_css_line_and_autoclose_notice():
    css = ".cronclosethread_getbox{border: 1px dashed #FF9A9A;padding:6px 8px;color: #CA4312;}"
    assert blocks(f"{css}\n\n此帖将于2026-03-17 06:54自动关闭\n\n正文") == (
        Notice(css, "css"),
        Notice("此帖将于2026-03-17 06:54自动关闭", "autoclose"),
        Paragraph((Text("正文"),)),
    )


# ================================================================== thread identity from paths


@pytest.mark.parametrize(
    "path,board,reachable,tid,part,title",
    [
        ("外野/2099424-01[标题].md", "外野", True, 2099424, 1, "标题"),
        (
            "外野/0无法访问/2099424[可以有一个中东（原为伊朗）专楼吗？]/2099424-03[可以有一个中东（原为伊朗）专楼吗？].md",
            "外野", False, 2099424, 3, "可以有一个中东（原为伊朗）专楼吗？",
        ),
        ("游戏区/2130813[旧标题]/2130813-02[新标题].md", "游戏区", True, 2130813, 2, "新标题"),
        ("漫区/0无法访问/2046946-01[放学后].md", "漫区", False, 2046946, 1, "放学后"),
        ("1105387[真·颜团野团SNH48专楼]/1105387-102[真·颜团野团SNH48专楼 首页停更！].md",
         "未分类", True, 1105387, 102, "真·颜团野团SNH48专楼 首页停更！"),
        ("手游战斗/1105387-102[x].md", "手游战斗", True, 1105387, 102, "x"),
        ("外野/2147731-01[【集中楼】百合&amp;泛百合讨论专楼2.0].md", "外野", True, 2147731, 1, "【集中楼】百合&泛百合讨论专楼2.0"),
        ("漫区/1954442-01[\b在那里工作的结小姐].md", "漫区", True, 1954442, 1, "\b在那里工作的结小姐"),
        ("外野/123-01[[转载] 标题[续]].md", "外野", True, 123, 1, "[转载] 标题[续]"),
        ("/abs/archive/外野/123-01[标题／斜杠].md", "外野", True, 123, 1, "标题／斜杠"),
        ("123-01[根目录].md", "未分类", True, 123, 1, "根目录"),
    ],
)
def test_thread_identity_from_path(path, board, reachable, tid, part, title):
    ref = parse_text(thread(post()), path).ref
    assert (ref.board, ref.reachable, ref.tid, ref.part, ref.title) == (board, reachable, tid, part, title)
    assert not ref.title_from_content
    ident = identity_from_path(path)
    assert (ident.tid, ident.part, ident.title, ident.board, ident.reachable) == (tid, part, title, board, reachable)


def test_name_without_the_pattern_takes_tid_from_ptid_and_title_from_the_first_line():
    css = ".cronclosethread_getbox{border: 1px dashed #FF9A9A;}"
    text = thread(
        post(f"{css}\n\n此帖将于2026-03-17 06:54自动关闭\n\n看日本人对seedance2.0 哈气有感.\n\n第二段", floor=1),
        post("<blockquote>" + quote_link(69190452, "甲", WHEN) + "\n原话</blockquote>\n回复", floor=2),
        post("<blockquote>" + quote_link(1, "乙", WHEN, ptid=42) + "\n别的帖</blockquote>\n回复", floor=3),
        post("<blockquote>" + quote_link(69190453, "丙", WHEN) + "\n原话</blockquote>\n回复", floor=4),
    )
    ref = parse_text(text, "seed/000_8382a5cfb320e2ae.txt").ref
    assert (ref.tid, ref.part, ref.title, ref.title_from_content) == (2274815, 1, "看日本人对seedance2.0 哈气有感.", True)
    assert ref.reachable


def test_part_from_floors_when_the_name_has_no_pattern():
    text = thread(post("<blockquote>" + quote_link(5, "甲", WHEN) + "\n原话</blockquote>\n回复", floor=1501))
    ref = parse_text(text, "whatever.md").ref
    assert (ref.tid, ref.part, ref.title) == (2274815, 2, "回复")


def test_name_without_the_pattern_and_no_ptid_is_a_format_error():
    with pytest.raises(FormatError) as e:
        parse_text(thread(post("没有引用")), "downloads/thread.md")
    assert (e.value.path, e.value.line) == ("downloads/thread.md", 1)


# ================================================================== how a file starts


@pytest.mark.parametrize("start", ["\n", "\n\n", "\ufeff", "\ufeff\n", "", "\n\n\n\n"])
def test_bom_and_leading_blank_lines(start):
    text = start + "".join([post("一", 1), post("二", 2)])
    tf = parse_text(text, PATH)
    assert [p.floor for p in tf.posts] == [1, 2] and tf.warnings == ()
    lines = text.split("\n")
    assert [lines[p.line - 1].lstrip("\ufeff") for p in tf.posts] == ["*****", "*****"]
    assert tf.posts[0].author == "甲"


def test_preamble_before_the_first_separator_is_a_warning():
    text = "> ## **本文件最后更新于2023-12-31**\n\n" + post("一", 1)
    tf = parse_text(text, PATH)
    assert len(tf.posts) == 1 and tf.posts[0].line == 3
    assert len(tf.warnings) == 1 and "本文件最后更新于" in tf.warnings[0]


def test_crlf_line_ends_are_read_like_lf():
    tf = parse_text(thread(post("一\n\n二", 1)).replace("\n", "\r\n"), PATH)
    assert tf.posts[0].blocks == (Paragraph((Text("一"),)), Paragraph((Text("二"),)))


def test_separator_with_trailing_blanks():
    text = "\n*****  \n\n####  甲  \n##### 1#       发表于 2026-2-15 07:11\n\n正文\n"
    assert [p.floor for p in parse_text(text, PATH).posts] == [1]


# ================================================================== repeats and duplicates


def test_repeated_content_keeps_the_last_version():
    first = [post("一", 1, "甲", "2023-1-1 1:00"), post("二", 2, "乙", "2023-1-1 1:05")]
    again = [post("一", 1, "甲", "2023-1-1 1:00"), post("二（改）", 2, "乙", "2023-1-1 1:05")]
    tf = parse_text("\n" + "".join(first + again + [post("三", 3, "丙", "2023-1-1 1:09")]), PATH)
    assert [p.floor for p in tf.posts] == [1, 2, 1, 2, 3]
    kept = distinct_posts(tf.posts)
    assert [p.floor for p in kept] == [1, 2, 3]
    assert kept[1].blocks == (Paragraph((Text("二（改）"),)),)
    assert kept[1].line == tf.posts[3].line  # the later copy


def test_floors_going_backwards_are_sorted():
    tf = parse_text(thread(post("a", 1), post("d", 4), post("b", 2)), PATH)
    assert [p.floor for p in tf.posts] == [1, 4, 2]
    assert [p.floor for p in distinct_posts(tf.posts)] == [1, 2, 4]


def test_same_floor_different_author_or_date_both_kept():
    tf = parse_text(
        thread(
            post("甲说", 31, "水原薰", "2023-1-1 20:53"),
            post("乙说", 31, "genos", "2023-1-1 21:33"),
            post("甲又说", 31, "水原薰", "2023-1-1 22:00"),
        ),
        PATH,
    )
    kept = distinct_posts(tf.posts)
    assert [(p.author, p.posted_at.hour) for p in kept] == [("水原薰", 20), ("genos", 21), ("水原薰", 22)]


# ================================================================== errors


def test_no_separator_is_a_format_error():
    with pytest.raises(FormatError) as e:
        parse_text("just some text\n", "a/b.md")
    assert (e.value.path, e.value.line) == ("a/b.md", 1)


@pytest.mark.parametrize(
    "text,line,what",
    [
        # file cut inside the floor line: the floor line is line 5
        ("\n*****\n\n####  samfs  \n##### 3#       发表于 2026-2", 5, "floor line"),
        # file cut right after the author line
        ("\n*****\n\n####  samfs  ", 5, "floor line"),
        # no author line: the floor line (line 4) is where an author line was expected
        ("\n*****\n\n##### 3#       发表于 2026-2-15 07:11\n\n正文\n", 4, "author line"),
        ("\n*****\n\n随便什么\n", 4, "author line"),
    ],
)
def test_truncated_header_error_has_path_and_line(text, line, what):
    with pytest.raises(FormatError) as e:
        parse_text(text, "游戏区/1-01[t].md")
    assert (e.value.path, e.value.line) == ("游戏区/1-01[t].md", line)
    assert what in e.value.message
    assert str(e.value).startswith(f"游戏区/1-01[t].md:{line}: ")


def test_impossible_date_is_a_format_error_at_the_floor_line():
    with pytest.raises(FormatError) as e:
        parse_text("\n*****\n\n####  a  \n##### 3#       发表于 2026-2-30 07:11\n\n正文\n", PATH)
    assert e.value.line == 5 and "date" in e.value.message


def test_a_broken_post_costs_that_post_only_with_its_line():
    """Issue 16: bad input costs at most the broken post; the note names its line."""
    text = thread(post("一", 1), post("二", 2)) + "*****\n\n####  坏  \n随便什么\n\n" + thread(post("三", 3))
    tf = parse_text(text, PATH)
    assert [p.floor for p in tf.posts] == [1, 2, 3]
    [note] = tf.notes
    assert note.skipped and note.line == 19 and "floor line" in note.message
    assert text.split("\n")[note.line - 1] == "随便什么"
    # a file cut right after a separator keeps the posts before it; the note names the separator
    cut = parse_text("\n*****\n\n####  a  \n##### 1#       发表于 2026-2-15 07:11\n\n正文\n\n*****\n", PATH)
    assert [p.floor for p in cut.posts] == [1] and [n.line for n in cut.notes] == [9]
    assert "cut short" in cut.notes[0].message


def test_a_separator_glued_to_a_posts_last_line_still_separates():
    """2184782 (2025) #198766 ends "能能：我直接说*****" followed by #198767's header: the
    archive glued the separator to a text without a final line break (14 posts of 2023-2025
    were read as part of the post before). Stars inside a text, or before anything but a whole
    post header, stay text."""
    from reader.parse.codec import plain_text

    glued = thread(post("一", 1)) + "*****\n\n####  甲  \n##### 2#       发表于 " + WHEN + \
        "\n\n能能：我直接说*****\n\n####  乙  \n##### 3#       发表于 " + WHEN + "\n\n三楼\n\n" + \
        post("真*****好\n\n你*****\n\n不是帖子头", 4)
    tf = parse_text(glued, PATH)
    assert [p.floor for p in tf.posts] == [1, 2, 3, 4] and tf.notes == ()
    assert plain_text(tf.posts[1].blocks)[0] == "能能：我直接说"
    assert [p.author for p in tf.posts] == ["甲", "甲", "乙", "甲"]
    assert "真*****好" in plain_text(tf.posts[3].blocks)[0]
    assert "你*****" in plain_text(tf.posts[3].blocks)[0]
    # a post's line is its separator's, here the line the separator is glued to
    assert tf.posts[2].line == glued[: glued.index("能能")].count("\n") + 1
    assert tf.posts[3].line == glued[: glued.index("*****\n\n####  甲  \n##### 4#")].count("\n") + 1


def test_a_post_holding_separator_lines_is_read_whole():
    """2261448 (2025), #75: a reader pasted posts of an old thread into theirs, separators
    included; what follows each pasted separator is the rest of #75, never a skipped post."""
    from reader.parse.codec import plain_text

    pasted = ("附带当时的现场还原：\n\n*****\n\n<strong>朽木\n\n1# 楼主 发表于 2022-12-31 12:12</strong>"
              "\n\n各个品牌的测试\n\n*****\n\n*****\n\n<strong>节艾司\n\n2# 发表于 2022-12-31 12:12"
              "</strong>\n\n看来新鲜")
    text = thread(post("一", 1), post(pasted, 2), post("三", 3))
    tf = parse_text(text, PATH)
    assert [p.floor for p in tf.posts] == [1, 2, 3] and tf.notes == ()
    own, _quoted = plain_text(tf.posts[1].blocks)
    for words in ("附带当时的现场还原", "朽木", "各个品牌的测试", "节艾司", "看来新鲜"):
        assert words in own
    assert own.count("*****") == 3  # the pasted separators are the post's own lines
    assert plain_text(tf.posts[2].blocks)[0] == "三"
    # text before any post is still no post of its own, and a real header still starts one
    with pytest.raises(FormatError):
        parse_text("\n*****\n\n随便什么\n", PATH)


@pytest.mark.parametrize(
    ("body", "what"),
    [
        ("<blockquote>" * 3000 + "太深了" + "</blockquote>" * 3000 + "之后", "quotes nested 3000 deep"),
        ("<blockquote>" * 5000 + "太深了", "quotes nested 5000 deep"),
        ("<strong>" * 5000 + "太深了", "<strong> tags nested 5000 deep"),
    ],
)
def test_absurd_nesting_is_flattened_keeping_the_text_and_the_other_posts(body, what):
    """Issue 16: 3,000 nested quotes used to fail the whole file (RecursionError)."""
    from reader.parse.body import MAX_QUOTE_DEPTH
    from reader.parse.codec import dumps_blocks, plain_text

    tf = parse_text(thread(post("正常", 1), post(body, 2), post("也正常", 3)), PATH)
    assert [p.floor for p in tf.posts] == [1, 2, 3]
    deep = tf.posts[1]
    own, quoted = plain_text(deep.blocks)
    assert "太深了" in own + quoted
    assert "<blockquote>" not in own + quoted and "<strong>" not in own + quoted
    if "之后" in body:
        assert "之后" in own  # the text after the closed quotes is the author's own again
    depth, level = 0, deep.blocks
    while level and isinstance(level[0], Quote):
        depth, level = depth + 1, level[0].blocks
    assert depth <= MAX_QUOTE_DEPTH
    dumps_blocks(deep.blocks)  # storage walks the tree: no RecursionError
    [note] = tf.notes
    assert not note.skipped and note.line == 9 and what in note.message and "#2" in note.message


def test_a_post_of_megabytes_is_skipped_with_its_line():
    from reader.parse.thread import MAX_POST_CHARS

    tf = parse_text(thread(post("正常", 1), post("长" * (MAX_POST_CHARS + 1), 2), post("也正常", 3)), PATH)
    assert [p.floor for p in tf.posts] == [1, 3]
    [note] = tf.notes
    assert note.skipped and note.line == 9 and "post #2" in note.message


def test_absurd_number_is_a_format_error_not_a_crash():
    text = f"\n*****\n\n####  a  \n##### {'9' * 5000}#       发表于 {WHEN}\n\n正文\n"
    with pytest.raises(FormatError) as e:
        parse_text(text, PATH)
    assert e.value.line == 2


def test_parse_file_reads_utf8_and_keeps_the_path(tmp_path):
    f = tmp_path / "外野" / "0无法访问" / "2161016-01[标题&amp;副标题].md"
    f.parent.mkdir(parents=True)
    f.write_text(thread(post("一", 1), post("二", 2)), encoding="utf-8")
    tf = parse_file(f)
    assert isinstance(tf, ThreadFile) and tf.path == str(f)
    assert (tf.ref.board, tf.ref.reachable, tf.ref.tid, tf.ref.title) == ("外野", False, 2161016, "标题&副标题")


def test_parse_file_with_a_bom(tmp_path):
    f = tmp_path / "2112855-01[t].md"
    f.write_bytes(b"\xef\xbb\xbf" + "".join([post("一", 1)]).encode("utf-8"))
    (p,) = parse_file(f).posts
    assert (p.floor, p.author, p.line) == (1, "甲", 1)


def test_non_utf8_bytes_are_a_format_error_with_the_line(tmp_path):
    f = tmp_path / "1-01[t].md"
    good = thread(post("一", 1)).encode("utf-8")  # 9 lines
    f.write_bytes(good + b"\xff\xfe broken\n")
    with pytest.raises(FormatError) as e:
        parse_file(f)
    assert e.value.path == str(f)
    assert e.value.line == good.count(b"\n") + 1
    assert "UTF-8" in e.value.message


def test_gbk_file_is_a_format_error_on_its_first_line(tmp_path):
    f = tmp_path / "1-01[t].md"
    f.write_bytes("\n*****\n\n####  中文  \n".encode("gbk"))
    with pytest.raises(FormatError) as e:
        parse_file(f)
    assert e.value.line == 4

"""Discuz HTML messages of the mobile API become the same typed posts the archive parser makes."""

from __future__ import annotations

from datetime import datetime

from reader.forum.client import (
    KIND_LOGIN,
    KIND_NO_PERMISSION,
    KIND_NOT_FOUND,
    ForumError,
    classify_message,
    parse_thread_page,
)
from reader.forum.convert import forum_post, message_text
from reader.parse.body import parse_blocks
from reader.parse.model import (
    STATUS_BANNED,
    STATUS_HIDDEN,
    Attachment,
    ClientLine,
    Code,
    Image,
    Link,
    Paragraph,
    Quote,
    Smiley,
    Strong,
    Text,
)

BASE = "https://stage1st.com/2b/"
BR = "<br />\r\n"


def raw_post(message: str, **fields) -> dict:
    post = {"pid": "69190460", "tid": "2274815", "first": "0", "author": "羊寢", "authorid": "42",
            "dateline": "2026-2-15 07:33", "dbdateline": "1771111999", "message": message,
            "anonymous": "0", "attachment": "0", "status": "0", "position": "3", "number": "3",
            "groupid": "10", "memberstatus": "0"}
    post.update(fields)
    return post


def test_quotes_in_both_styles_give_the_archive_quote():
    link = ("forum.php?mod=redirect&amp;goto=findpost&amp;pid=69190452&amp;ptid=2274815")
    classic = (f'<div class="quote"><blockquote><font size="2"><a href="{link}" target="_blank">'
               f'<font color="#999999">samfs 发表于 2026-2-15 07:20</font></a></font>{BR}'
               f"引用的话 ...</blockquote></div>{BR}我的回复")
    wrapped = (f'<div class="reply_wrap"><a href="{link}" target="_blank">samfs 发表于 2026-2-15 07:20</a>'
               f"{BR}引用的话 ...</div>{BR}我的回复")
    for message in (classic, wrapped):
        blocks = forum_post(raw_post(message), "1", BASE).blocks
        quote, reply = blocks
        assert isinstance(quote, Quote)
        assert (quote.author, quote.posted_at, quote.pid, quote.ptid) == (
            "samfs", datetime(2026, 2, 15, 7, 20), 69190452, 2274815)
        assert quote.url == ("https://stage1st.com/2b/forum.php?mod=redirect&goto=findpost"
                             "&pid=69190452&ptid=2274815")
        assert quote.truncated and quote.blocks == (Paragraph((Text("引用的话 ..."),)),)
        assert reply == Paragraph((Text("我的回复"),))


def test_smileys_images_links_strong_and_line_breaks():
    message = ('好<img src="static/image/smiley/face2017/032.png" smilieid="32" border="0" alt="" />'
               f"<strong>粗</strong>{BR}"
               '<img id="aimg_1" src="static/image/common/none.gif" zoomfile="https://p.sda1.dev/1/a.jpg" '
               f'file="https://p.sda1.dev/1/a.jpg" class="zoom" />{BR}{BR}'
               '见 <a href="https://example.com/x?a=1&amp;b=2" target="_blank">这里</a> &amp; &lt;那里&gt;')
    blocks = parse_blocks(message_text(message, BASE))
    first, second = blocks
    assert first.runs == (
        Text("好"),
        Smiley("face2017", "032.png", "https://stage1st.com/2b/static/image/smiley/face2017/032.png"),
        Strong((Text("粗"),)),
        Text("\n"),
        Image("https://p.sda1.dev/1/a.jpg", "p.sda1.dev", False),
    )
    assert second.runs[0] == Text("见 ")
    assert second.runs[1] == Link("这里", "https://example.com/x?a=1&b=2")
    assert "".join(r.text for r in second.runs[2:] if isinstance(r, Text)).startswith(" & ")


def test_attachments_placed_inline_and_left_over():
    atts = {
        "7001": {"aid": "7001", "filename": "截图.png", "attachsize": "252.13 KB", "isimage": "1",
                 "attachment": "202211/22/abc.png", "url": "https://img.saraba1st.com/forum/",
                 "dbdateline": "1669053900", "downloads": "3"},
        "7002": {"aid": "7002", "filename": "data.zip", "filesize": "2048", "isimage": "0",
                 "attachment": "202211/22/def.zip", "url": "https://img.saraba1st.com/forum/",
                 "dateline": "2022-11-22 02:06", "downloads": "0"},
    }
    post = forum_post(raw_post(f"看图{BR}[attach]7001[/attach]{BR}完", attachments=atts), "1", BASE)
    kinds = [type(b).__name__ for b in post.blocks]
    assert kinds == ["Paragraph", "Paragraph", "Attachment", "Paragraph", "Attachment"]
    image = post.blocks[1].runs[0]
    assert image == Image("https://img.saraba1st.com/forum/202211/22/abc.png", "img.saraba1st.com", True)
    assert post.blocks[2] == Attachment("截图.png", "252.13 KB", 3, "2022-11-22 02:05")
    assert post.blocks[4] == Attachment("data.zip", "2.00 KB", 0, "2022-11-22 02:06")


def test_header_fields_edit_note_client_line_code_and_pid():
    message = (f'<i class="pstatus"> 本帖最后由 羊寢 于 2026-2-15 07:25 编辑 </i>{BR}{BR}正文{BR}{BR}'
               '<div class="blockcode"><div id="code_a"><ol><li>x = 1<br /></li><li>y = 2<br /></li></ol>'
               '</div><em onclick="copycode($(\'code_a\'));">复制代码</em></div>'
               '—— 来自 Xiaomi 23049RAD8C, Android 15, <a href="https://www.pgyer.com/xfPejhuq" '
               'target="_blank">鹅球</a> v3.5.99-alpha')
    post = forum_post(raw_post(message), "42", BASE)
    assert post.pid == 69190460 and post.floor == 3 and post.author == "羊寢"
    assert post.is_op  # the thread's author (every post of theirs, as the archive marks 楼主)
    assert post.posted_at == datetime(2026, 2, 15, 7, 33)  # China time, to the minute
    assert post.edit is not None and post.edit.edited_at == datetime(2026, 2, 15, 7, 25)
    para, code, client = post.blocks
    assert para == Paragraph((Text("正文"),))
    assert code == Code("x = 1\ny = 2")
    assert isinstance(client, ClientLine) and client.client == "鹅球" and client.version == "3.5.99-alpha"


def test_banned_hidden_and_anonymous_posts():
    locked = forum_post(raw_post('<div class="locked">提示: <em>作者被禁止或删除 内容自动屏蔽</em></div>'),
                        "1", BASE)
    assert locked.status == STATUS_BANNED and locked.blocks == ()
    assert forum_post(raw_post("", groupid="4"), "1", BASE).status == STATUS_BANNED
    assert forum_post(raw_post("", status="1"), "1", BASE).status == STATUS_HIDDEN
    anon = forum_post(raw_post("hi", anonymous="1", author="", authorid="0"), "0", BASE)
    assert anon.anonymous and anon.author == "匿名" and not anon.is_op


def test_forum_refusals_say_what_happened():
    assert classify_message(5, "to_login//1", "您需要先登录才能继续本操作").kind == KIND_LOGIN
    gone = classify_message(5, "thread_nonexistence", "抱歉，指定的主题不存在或已被删除或正在被审核")
    assert gone.kind == KIND_NOT_FOUND and "does not exist" in str(gone) and "已被删除" in str(gone)
    denied = classify_message(5, "viewperm_none_nopermission", "抱歉，您没有权限访问该版块")
    assert denied.kind == KIND_NO_PERMISSION and "no permission" in str(denied)
    envelope = {"Version": "4", "Variables": {"member_uid": "0"},
                "Message": {"messageval": "to_login//1", "messagestr": "您需要先登录才能继续本操作"}}
    try:
        parse_thread_page(5, 1, envelope, BASE)
    except ForumError as e:
        assert e.kind == KIND_LOGIN and "logged in" in str(e) and "guest" in str(e)
    else:
        raise AssertionError("a refusal was read as a page")

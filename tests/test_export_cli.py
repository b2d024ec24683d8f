"""``s1reader export``: archive files that import back, a standalone escaped HTML page, errors."""

from __future__ import annotations

import json

import pytest
from support import write_thread

from reader.cli import main
from reader.store.db import close_library


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "home"))
    yield tmp_path / "home"
    close_library()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


QUOTE = ('<blockquote><a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost'
         '&amp;pid=11&amp;ptid=500" target="_blank">甲 发表于 2024-1-2 3:04</a>\n你好 ...</blockquote>'
         '<script>alert(1)</script> & <b>\n\n<img src="https://static.saraba1st.com/image/smiley/face2017/032.png" '
         'referrerpolicy="no-referrer">')


def test_export_md_imports_back_and_html_escapes_everything(home, tmp_path, capsys):
    src = write_thread(tmp_path / "arch" / "外野" / "500-01[标题 &lt;x&gt; &amp; y].md",
                       [(1, "甲", "2024-1-2 3:04", "你好"), (2, "乙", "2024-1-2 3:05", QUOTE)], op="甲")
    assert run(capsys, "import", str(src))[0] == 0
    code, out, err = run(capsys, "show", "500", "--json")
    before = json.loads(out)["posts"]
    code, out, err = run(capsys, "export", "500", "--format", "md", "-o", str(tmp_path / "out"), "--json")
    assert code == 0, err
    (path,) = json.loads(out)["files"]
    assert path.endswith("外野/500-01[标题 &lt;x&gt; &amp; y].md")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    assert "##### 1#       楼主       发表于 2024-1-2 3:04" in text and "pid=11&amp;ptid=500" in text
    # importing the export again changes nothing
    code, out, err = run(capsys, "import", str(tmp_path / "out"), "--json")
    assert code == 0 and json.loads(out)["posts_added"] == 0 and json.loads(out)["posts_updated"] == 0
    code, out, err = run(capsys, "show", "500", "--json")
    assert json.loads(out)["posts"] == before
    code, out, err = run(capsys, "export", "500", "--format", "html", "-o", str(tmp_path / "page.html"))
    assert code == 0, err
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    # opening tags the parser does not know are shown as code; a stray closing tag is markup only
    assert "<script>" not in page and "&lt;script&gt;</code>alert(1)" in page
    assert "&lt;/script&gt;" not in page
    assert "<title>标题 &lt;x&gt; &amp; y</title>" in page
    assert 'src="https://static.saraba1st.com/image/smiley/face2017/032.png"' in page
    assert "楼主" in page and 'id="floor-2"' in page


def test_export_errors(home, capsys):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    close_library()
    code, _, err = run(capsys, "export", "404")
    assert code == 1 and "thread 404 is not in the library" in err


def test_html_embeds_cached_images_and_links_the_rest(home, tmp_path, capsys):
    from reader.export.page import data_uri_source, thread_page
    from reader.store.queries import StoredPost, ThreadInfo

    smiley = "https://static.saraba1st.com/image/smiley/face2017/032.png"
    src = write_thread(tmp_path / "arch" / "外野" / "501-01[图].md",
                       [(1, "甲", "2024-1-2 3:04", f'<img src="{smiley}" referrerpolicy="no-referrer">'
                         '<img src="https://p.sda1.dev/x.jpg" referrerpolicy="no-referrer">')])
    assert run(capsys, "import", str(src))[0] == 0
    # nothing is cached yet: --embed-images still writes the page, with links (and sends no request)
    code, out, err = run(capsys, "export", "501", "--format", "html", "--embed-images", "-o", str(tmp_path))
    assert code == 0, err
    assert smiley in (tmp_path / "501[图].html").read_text(encoding="utf-8")
    # and says so: how many pictures were missing, and how to get them
    assert "0 pictures embedded; 2 were not in the picture cache" in err
    assert "s1reader media prefetch 501" in err
    code, out, err = run(capsys, "export", "501", "--format", "html", "--embed-images", "--json",
                         "-o", str(tmp_path / "again.html"))
    assert json.loads(out)["images_missing"] == 2 and json.loads(out)["images_embedded"] == 0
    source = data_uri_source(lambda url: (b"\x89PNG", "PNG") if url == smiley else (None, None))
    thread = ThreadInfo(501, "图", "外野", True, 1, 1, None, None, 0, 0)
    from datetime import datetime

    from reader.parse.body import parse_blocks

    post = StoredPost(1, 501, 1, "甲", datetime(2024, 1, 2, 3, 4), False, 0, None, None, None,
                      parse_blocks(f'<img src="{smiley}"><img src="https://p.sda1.dev/x.jpg">'))
    page = thread_page(thread, [post], source)
    assert 'src="data:image/png;base64,iVBORw=="' in page and 'src="https://p.sda1.dev/x.jpg"' in page


def test_html_says_each_attachment_as_its_notice_did(home, tmp_path, capsys):
    """A picture's and a file's notice, one with an empty download count: the page shows the
    count the notice gave and no invented one."""
    body = ("<strong>c.jpeg</strong> (36.54 KB, 下载次数: )\n\n下载附件\n\n2023-5-20 14:10 上传\n\n"
            "5cb8883f.mp4\n(191.76 KB, 下载次数: 46)\n\n2023-1-10 02:01 上传\n\n点击文件名下载附件")
    src = write_thread(tmp_path / "arch" / "外野" / "502-01[附件].md",
                       [(1, "甲", "2024-1-2 3:04", body)])
    assert run(capsys, "import", str(src))[0] == 0
    code, out, err = run(capsys, "export", "502", "--format", "html", "-o", str(tmp_path / "p.html"))
    assert code == 0, err
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "c.jpeg (36.54 KB) 2023-5-20 14:10 上传" in page and "下载次数: 0" not in page
    assert "5cb8883f.mp4 (191.76 KB, 下载次数: 46) 2023-1-10 02:01 上传" in page


def test_html_shows_client_lines_as_links_in_chinese_and_wraps_long_lines(home, tmp_path, capsys):
    """Client signatures are links, not raw markdown; the header speaks Chinese; a long unbroken
    line wraps instead of scrolling the page sideways (issue 29)."""
    client = "—— 来自 realme RMX3370, Android 13上的 [S1Next-鹅版](https://mbbs.saraba1st.com/x) v2.5.4"
    long_word = "a" * 400
    src = write_thread(tmp_path / "arch" / "外野" / "502-01[客户端].md",
                       [(1, "甲", "2024-1-2 3:04", f"正文\n\n{long_word}\n\n{client}"),
                        (2, "乙", "2024-1-2 3:05", "回复")])
    assert run(capsys, "import", str(src))[0] == 0
    code, _, err = run(capsys, "export", "502", "--format", "html", "-o", str(tmp_path / "p.html"))
    assert code == 0, err
    page = (tmp_path / "p.html").read_text(encoding="utf-8")
    assert "[S1Next-鹅版](" not in page
    assert '<a href="https://mbbs.saraba1st.com/x">S1Next-鹅版</a>' in page
    assert "外野 · tid 502 · 2 帖" in page and " posts" not in page
    assert "overflow-wrap:anywhere" in page

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
    assert "<script>" not in page and "&lt;script&gt;" in page and "alert(1)<code>" in page
    assert "<title>标题 &lt;x&gt; &amp; y</title>" in page
    assert 'src="https://static.saraba1st.com/image/smiley/face2017/032.png"' in page
    assert "楼主" in page and 'id="floor-2"' in page


def test_export_errors(home, capsys):
    code, _, err = run(capsys, "export", "404")
    assert code == 1 and "thread 404 is not in the library" in err

"""Hostile and broken archive files cost at most what is broken (issue 16): a post of 3,000 nested
quotes, a broken post header, a post of 100 MB on one line, a NUL byte, script/iframe/style
markup; GBK and UTF-16 files, a PNG and a zip named ``.md``. The import names file and line for
each and keeps everything else; nothing ends in a traceback."""

from __future__ import annotations

import json
import zipfile

import pytest
from media_server import png_bytes

from reader.cli import main
from reader.store.db import close_library

HOSTILE = ('<script>alert(1)</script><iframe src="file:///etc/passwd"></iframe>'
           '<style>p{display:none}</style>[点我](javascript:alert(1)) '
           '<img src="file:///etc/passwd" width="99999999" height="99999999">'
           '<img src="http://127.0.0.1:9/track.png" width="99999999">')


def _post(floor: int, body: str, author: str = "甲", minute: int | None = None) -> str:
    minute = floor % 60 if minute is None else minute
    return f"*****\n\n####  {author}  \n##### {floor}#       发表于 2024-3-1 10:{minute:02d}\n\n{body}\n\n"


@pytest.fixture
def archive(tmp_path):
    board = tmp_path / "arch" / "外野"
    board.mkdir(parents=True)
    mixed = "\n" + "".join([
        _post(1, "第一楼"),
        _post(2, "<blockquote>" * 3000 + "三千层引用" + "</blockquote>" * 3000 + "\n楼主自己的话"),
        "*****\n\n####  坏  \n随便什么，不是帖子头\n\n",  # a broken header: this post only is lost
        _post(4, "有一个\x00空字节的帖子 nulbyte"),
        _post(5, HOSTILE),
        _post(6, "最后一楼"),
    ])
    (board / "7001-01[混合].md").write_text(mixed, encoding="utf-8")
    separators = [n for n, line in enumerate(mixed.split("\n"), 1) if line == "*****"]
    broken = mixed.split("\n").index("随便什么，不是帖子头") + 1
    (board / "7002-01[GBK].md").write_bytes(("\n" + _post(1, "国标码")).encode("gbk"))
    (board / "7003-01[UTF16].md").write_bytes(("\n" + _post(1, "十六位")).encode("utf-16"))
    (board / "7004-01[图片].md").write_bytes(png_bytes())
    with zipfile.ZipFile(board / "7005-01[压缩].md", "w") as z:
        z.writestr("a.md", "\n" + _post(1, "压缩"))
    with zipfile.ZipFile(board / "notes.md", "w") as z:  # not named like a thread: ignored
        z.writestr("a.txt", "x")
    with (board / "7006-01[巨大].md").open("w", encoding="utf-8") as f:
        f.write("\n" + _post(1, "巨大之前"))
        f.write(_post(2, ""))
        for _ in range(100):  # one line of 100 MB
            f.write("长" * (1 << 20) if _ == 0 else "x" * (1 << 20))
        f.write("\n\n" + _post(3, "巨大之后"))
    yield tmp_path / "arch", separators[1], broken
    close_library()


def test_hostile_files_cost_only_what_is_broken(archive, capsys):
    folder, nested_line, broken_line = archive
    rc = main(["import", "--json", "--workers", "0", str(folder)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    assert rc == 3  # finished, some inputs not imported as they are
    summary = json.loads(out)
    failed = {f["path"].rsplit("/", 1)[1]: (f["line"], f["message"]) for f in summary["failed"]}
    assert set(failed) == {"7002-01[GBK].md", "7003-01[UTF16].md", "7004-01[图片].md",
                           "7005-01[压缩].md"}
    assert failed["7002-01[GBK].md"][0] == 4 and "GBK" in failed["7002-01[GBK].md"][1]
    assert "UTF-16" in failed["7003-01[UTF16].md"][1]
    assert "PNG picture" in failed["7004-01[图片].md"][1]
    assert "zip archive" in failed["7005-01[压缩].md"][1]
    assert [p.rsplit("/", 1)[1] for p in summary["ignored"]] == ["notes.md"]
    notes = {(n["path"].rsplit("/", 1)[1], n["line"]): n["message"] for n in summary["notes"]}
    huge_line = 9  # the second post's separator: a blank line and post 1's 7 lines before it
    assert set(notes) == {("7001-01[混合].md", nested_line), ("7001-01[混合].md", broken_line),
                          ("7006-01[巨大].md", huge_line)}
    assert "quotes nested 3000 deep" in notes[("7001-01[混合].md", nested_line)]
    assert "skipped" in notes[("7001-01[混合].md", broken_line)]
    huge = notes[("7006-01[巨大].md", huge_line)]
    assert "post #2" in huge and "104,857,6" in huge and "skipped" in huge
    for (name, line), message in notes.items():  # stderr names file and line too
        assert f"{name}:{line}: {message}" in err
    # everything else is in the library
    main(["show", "7001", "--json"])
    posts = json.loads(capsys.readouterr().out)["posts"]
    assert [p["floor"] for p in posts] == [1, 2, 4, 5, 6]
    text = json.dumps(posts[1]["blocks"], ensure_ascii=False)
    assert "三千层引用" in text and "楼主自己的话" in text
    assert "\x00" in posts[2]["blocks"][0]["runs"][0]["text"]
    main(["show", "7006", "--json"])
    assert [p["floor"] for p in json.loads(capsys.readouterr().out)["posts"]] == [1, 3]
    for word, tid in (("nulbyte", 7001), ("三千层引用", 7001), ("巨大之后", 7006)):
        main(["search", word, "--json"])
        assert [h["tid"] for h in json.loads(capsys.readouterr().out)["hits"]] == [tid], word

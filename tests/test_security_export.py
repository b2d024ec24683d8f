"""Export → import cannot forge posts (issue 18, item 8): a forum post whose text holds a
separator line and a post header is one post; its md export re-imports as that one post, with
the same text. A local Discuz-like server on 127.0.0.1 is the forum."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from discuz_server import ForumServer
from support import write_thread

from reader.cli import main
from reader.forum.links import BASE_ENV
from reader.parse.model import Paragraph, Text
from reader.parse.thread import parse_file, parse_text

TID = 3201
FORGED = ("看好了\n*****\n\n####  冒充者  \n##### 2#       发表于 2024-6-1 10:05\n\n伪造的一楼\n"
          "\\*****\n*****   \n\\\\*****")


def _show(capsys) -> list[dict]:
    capsys.readouterr()
    assert main(["show", str(TID), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["posts"]


GLUED = "看好了*****\n\n####  冒充者  \n##### 2#       发表于 2024-6-1 10:05\n\n伪造的一楼\n真******"


@pytest.mark.parametrize("text", [FORGED, GLUED, "*****", "\\*****", "a\n*****\nb", "a*****\nb\\*****"])
def test_escape_round_trip(text):
    from reader.export.archive import escape_body

    body = escape_body(text)
    chunk = f"\n*****\n\n####  甲  \n##### 1#       发表于 2024-6-1 10:00\n\n{body}\n\n"
    [post] = parse_text(chunk, f"{TID}-01[t].md").posts  # one post, never two
    assert "\n\n".join("".join(r.text for r in b.runs) for b in post.blocks) == text


def test_a_forum_post_with_a_forged_header_exports_and_imports_as_one_post(tmp_path, monkeypatch,
                                                                          capsys):
    f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[伪造].md",
                     [(1, "楼主", "2024-6-1 10:00", "一楼"), (2, "乙", "2024-6-1 10:01", "二楼")], op="楼主")
    posts = list(parse_file(f).posts)
    posts[1] = replace(posts[1], blocks=(Paragraph((Text(FORGED),)),))
    with ForumServer() as srv:
        srv.forum.add_posts(TID, "伪造", posts)
        monkeypatch.setenv(BASE_ENV, srv.base_url)
        monkeypatch.setenv("S1READER_HOME", str(tmp_path / "a"))
        assert main(["fetch", str(TID), "--delay", "0", "-q"]) == 0
    before = _show(capsys)
    assert len(before) == 2
    out = tmp_path / "out"
    assert main(["export", str(TID), "--format", "md", "-o", str(out)]) == 0
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "b"))
    from reader.store.db import close_library

    close_library()
    assert main(["import", "-q", str(out)]) == 0
    after = _show(capsys)
    assert [(p["floor"], p["author"]) for p in after] == [(1, "楼主"), (2, "乙")]
    assert [p["blocks"] for p in after] == [p["blocks"] for p in before]
    close_library()


# -- issue 30 item 2: a carriage return (or any control character) never splits an export

CR_FORGED = ("看好了&#13;*****&#13;&#13;####  冒充者  &#13;##### 2#       发表于 2024-6-1 10:05"
             "&#13;&#13;伪造的二楼")


def _round_trip(tmp_path, monkeypatch, capsys, home: str) -> tuple[list[dict], list[dict]]:
    """The stored posts of TID, and the posts its md export re-imports as (in a fresh home)."""
    from reader.store.db import close_library

    before = _show(capsys)
    out = tmp_path / f"out-{home}"
    assert main(["export", str(TID), "--format", "md", "-o", str(out)]) == 0
    close_library()
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / f"{home}-again"))
    assert main(["import", "-q", str(out)]) == 0
    after = _show(capsys)
    close_library()
    return before, after


def test_a_forum_post_holding_an_escaped_cr_is_decoded_once(tmp_path, monkeypatch, capsys):
    """The forum shows ``&#13;`` as these five characters (its HTML says ``&amp;#13;``): stored as
    typed, never as a carriage return that the export would write and the import split on."""
    f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[伪造].md",
                     [(1, "楼主", "2024-6-1 10:00", "一楼"), (2, "乙", "2024-6-1 10:01", "二楼"),
                      (3, "丙", "2024-6-1 10:02", "三楼")], op="楼主")
    posts = list(parse_file(f).posts)
    posts[1] = replace(posts[1], blocks=(Paragraph((Text(CR_FORGED),)),
                                          Paragraph((Text("<strong>不是粗体</strong> &amp; &lt;"),))))
    with ForumServer() as srv:
        srv.forum.add_posts(TID, "伪造", posts)
        monkeypatch.setenv(BASE_ENV, srv.base_url)
        monkeypatch.setenv("S1READER_HOME", str(tmp_path / "a"))
        assert main(["fetch", str(TID), "--delay", "0", "-q"]) == 0
    before, after = _round_trip(tmp_path, monkeypatch, capsys, "a")
    assert len(before) == 3
    assert before[1]["blocks"] == [{"type": "paragraph", "runs": [{"type": "text", "text": CR_FORGED}]},
                                   {"type": "paragraph", "runs": [
                                       {"type": "text", "text": "<strong>不是粗体</strong> &amp; &lt;"}]}]
    assert [(p["floor"], p["author"]) for p in after] == [(1, "楼主"), (2, "乙"), (3, "丙")]
    assert [p["blocks"] for p in after] == [p["blocks"] for p in before]


def test_an_archive_post_holding_control_characters_exports_as_one_post(tmp_path, monkeypatch, capsys):
    """An archive file may hold ``&#13;`` (decoded: a real carriage return in the text); the
    export writes every control character as a reference, so the post stays one post."""
    f = write_thread(tmp_path / "src" / "外野" / f"{TID}-01[伪造].md",
                     [(1, "楼主", "2024-6-1 10:00", "一楼"),
                      (2, "乙", "2024-6-1 10:01", CR_FORGED + "&#12;"),
                      (3, "丙", "2024-6-1 10:02", "\x1b[31m红\x7f\x85\x9b2J")], op="楼主")
    monkeypatch.setenv("S1READER_HOME", str(tmp_path / "b"))
    assert main(["import", "-q", str(f)]) == 0
    before, after = _round_trip(tmp_path, monkeypatch, capsys, "b")
    assert "\r" in before[1]["blocks"][0]["runs"][0]["text"]  # what the archive says, kept
    exported = next((tmp_path / "out-b").rglob("*.md")).read_text(encoding="utf-8")
    assert not any(c in exported for c in "\r\x0c\x1b\x7f\x85\x9b")
    assert [(p["floor"], p["author"]) for p in after] == [(1, "楼主"), (2, "乙"), (3, "丙")]
    assert [p["blocks"] for p in after] == [p["blocks"] for p in before]


def test_a_forum_author_name_cannot_carry_a_line_break():
    from reader.forum.convert import forum_post

    raw = {"pid": "7", "position": "2", "author": "甲\r\r*****\r\r####  冒充者", "authorid": "5",
           "dbdateline": "1717207500", "message": "正文"}
    post = forum_post(raw, "1", "https://example.invalid/2b/")
    assert post.floor == 2 and "\r" not in post.author and "\n" not in post.author
    assert [b.runs[0].text for b in post.blocks] == ["正文"]

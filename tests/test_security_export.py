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


@pytest.mark.parametrize("text", [FORGED, "*****", "\\*****", "a\n*****\nb"])
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

"""How a post body becomes rich text: folded quotes of quotes show only the innermost author."""

from __future__ import annotations

import pytest

from reader.parse import parse_text
from reader.store.queries import StoredPost

NESTED = (
    "\n*****\n\n####  丙  \n##### 3#       发表于 2024-1-1 1:10\n\n"
    "<blockquote>乙 发表于 2024-1-1 1:05\n<blockquote>甲 发表于 2024-1-1 1:00\n最里面的话 ...</blockquote>\n"
    "乙的回复第一行\n第二行\n第三行\n第四行\n第五行 ...</blockquote>\n丙说的话\n"
)


@pytest.fixture
def post(qapp):
    p = parse_text(NESTED, "外野/1-01[t].md").posts[0]
    return StoredPost(1, 1, p.floor, p.author, p.posted_at, p.is_op, 0, None, None, None, p.blocks)


def test_a_folded_quote_of_a_quote_shows_the_innermost_author_and_its_own_first_line(post):
    from reader.ui.palette import LIGHT
    from reader.ui.thread.posthtml import PostHtml, QuoteOptions

    html = PostHtml(LIGHT, 10.0, QuoteOptions(fold_lines=4)).render(post).html
    assert "quoting 甲" in html and "乙的回复第一行" in html
    assert "最里面的话" not in html and "第五行" not in html  # folded: neither nested nor rest
    opened = PostHtml(LIGHT, 10.0, QuoteOptions(fold_lines=4, expand_all=True)).render(post).html
    assert "最里面的话" in opened and "第五行" in opened and "quoting 甲" not in opened

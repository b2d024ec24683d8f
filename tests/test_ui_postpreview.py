"""The hover preview of a quoted post and the conversation view show posts as the thread view
does (issue 17): rich text built from the parsed blocks, archive text escaped (never read as
markup), a link shown once as its text, smileys and pictures drawn (or their placeholder)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QFont, QTextCharFormat, QTextDocument
from support import write_thread

from reader.store import queries
from reader.store.importing import import_paths

TID = 7401
SMILEY_URL = "https://static.saraba1st.com/image/smiley/face2017/001.png"
PHOTO = "https://img.saraba1st.com/forum/202405/01/photo.jpg"
FIRST = ('<i>斜</i> &lt;b&gt;粗&lt;/b&gt; <script>alert(1)</script> '
         f'[官网](https://example.com/a) https://example.com/raw '
         f'<img src="{SMILEY_URL}" referrerpolicy="no-referrer">\n\n'
         f'<img src="{PHOTO}" referrerpolicy="no-referrer">')
QUOTE = ('<blockquote><a href="httphttps://stage1st.com/2b/forum.php?mod=redirect&amp;goto=findpost'
         f'&amp;pid=1&amp;ptid={TID}" target="_blank">甲 发表于 2024-5-1 10:00</a>\n斜 ...</blockquote>\n'
         "同意楼上")


def _import(tmp_path) -> tuple[int, int]:
    f = write_thread(tmp_path / "外野" / f"{TID}-01[预览].md", [
        (1, "甲", "2024-5-1 10:00", FIRST),
        (2, "乙", "2024-5-1 10:05", QUOTE),
    ], op="甲")
    assert not import_paths([f]).failed
    first, second = queries.thread_post_ids(TID)
    return first, second


def _document(html: str) -> QTextDocument:
    doc = QTextDocument()
    doc.setHtml(html)
    return doc


def _anchors(doc: QTextDocument) -> list[tuple[str, str]]:
    """(href, text) of each link in the document."""
    out: list[tuple[str, str]] = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt: QTextCharFormat = frag.charFormat()
            if fmt.isAnchor() and fmt.anchorHref():
                if out and out[-1][0] == fmt.anchorHref() and frag.position() == out[-1][2]:
                    out[-1] = (out[-1][0], out[-1][1] + frag.text(), frag.position() + frag.length())
                else:
                    out.append((fmt.anchorHref(), frag.text(), frag.position() + frag.length()))
            it += 1
        block = block.next()
    return [(h, t) for h, t, _ in out]


def _bold_text(doc: QTextDocument) -> str:
    text = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            if frag.charFormat().fontWeight() >= QFont.Weight.Bold:
                text.append(frag.text())
            it += 1
        block = block.next()
    return "".join(text)


def _check_body(doc: QTextDocument) -> None:
    plain = doc.toPlainText()
    # archive text that looks like markup is shown as the text it is
    assert "<b>粗</b>" in plain and "alert(1)" in plain
    assert "粗" not in _bold_text(doc).replace("甲", "")
    # each link once, as its text: no "URL (URL)"
    assert plain.count("https://example.com/raw") == 1 and "(https://example.com/a)" not in plain
    links = _anchors(doc)
    assert ("https://example.com/a", "官网") in links
    assert ("https://example.com/raw", "https://example.com/raw") in links


def test_the_hover_preview_renders_the_quoted_post_like_the_view(make_window, tmp_path):
    window = make_window(start=False)
    first, _second = _import(tmp_path)
    html = window.view.delegate.quote_preview(first)  # the tooltip over a quote's header
    doc = _document(html)
    _check_body(doc)
    header = doc.toPlainText().strip().split("\n")[0]
    assert header == "甲 OP #1 · 2024-05-01 10:00"  # author, OP badge, floor and time
    # smiley and picture are drawn (the picture's placeholder: never downloaded here), inline,
    # since a tooltip has no resources: no unresolvable smiley:/image: names remain
    assert html.count('src="data:image/png;base64,') == 2
    assert "smiley:" not in html and 'src="image:' not in html


def test_the_conversation_renders_posts_like_the_view(make_window, qtbot, tmp_path):
    window = make_window(start=False)
    first, second = _import(tmp_path)
    window.open_thread(TID)
    window.reading.show_conversation(window.view.thread_model.row_for_post(second))
    dlg = window.reading.conversation.pages[-1]  # the dialog just opened
    browser = dlg.browser
    doc = browser.document()
    _check_body(doc)
    plain = doc.toPlainText()
    assert "同意楼上" in plain and "甲" in plain and "乙" in plain
    links = dict(_anchors(doc))
    assert f"post:{first}" in links and f"post:{second}" in links
    assert f"quote:{first}" in links  # the quote header links to the quoted post, as in the view
    kind = QTextDocument.ResourceType.ImageResource
    smiley = doc.resource(kind, QUrl("smiley:face2017/001.png"))
    photo = doc.resource(kind, QUrl(f"image:{PHOTO}"))
    assert not smiley.isNull() and not photo.isNull()
    # a click on a post's header goes to it in the thread
    browser.anchorClicked.emit(QUrl(f"post:{first}"))
    assert window.view.thread_model.post(window.view.current_row()).id == first or \
        window.view.top_floor() == 1
    dlg.close()

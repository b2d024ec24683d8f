"""Global search in the window: results as you type (debounced, on the pool), highlighted
snippets, relevance/newest, paging, inline query errors, Enter jumps to the right post."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from ui_library import THREAD_A, THREAD_B, small_library

from reader.ui.searchflow import PAGE, snippet_html


@pytest.fixture
def window(make_window, tmp_path):
    from reader.config import resolve_paths
    from reader.store.db import open_library

    open_library(resolve_paths().ensure().db)
    extra = [(n, "刷楼人", f"2024-4-{n % 28 + 1} {n % 24}:00", f"高达 第{n}次") for n in range(13, 13 + PAGE + 5)]
    small_library(tmp_path / "arch", extra_a=extra)
    return make_window(THREAD_B)


def _search(window, qtbot, text: str):
    flow = window.search_flow
    with qtbot.waitSignal(flow.searched, timeout=5000) as blocker:
        flow.field.setText(text)
    return blocker.args[0]


def test_typing_shows_results_and_enter_jumps(window, qtbot):
    flow = window.search_flow
    window.actions["search"].trigger()
    assert flow.field.hasFocus()
    result = _search(window, qtbot, "赛博朋克")
    assert result.total == 1
    assert flow.dock.isVisible()
    assert flow.panel.results.count() == 1
    html = flow.panel.results.item(0).data(flow.panel.results.itemDelegate().HTML_ROLE)
    assert "高达模型讨论" in html and "#12" in html and "楼主甲" in html
    assert ">赛博朋克</span>" in html  # the term is highlighted
    qtbot.keyClick(flow.field, Qt.Key.Key_Return)
    assert window.tid == THREAD_A
    view = window.view
    assert view.thread_model.post(view.currentIndex().row()).floor == 12


def test_debounce_and_stale_results(window, qtbot):
    flow = window.search_flow
    flow.field.setText("抽卡")
    flow.field.setText("抽卡又")
    assert flow._timer.isActive()  # nothing ran yet
    with qtbot.waitSignal(flow.searched, timeout=5000) as blocker:
        pass
    assert blocker.args[0].query == "抽卡又"  # only the last text ran
    # a result of an older generation is dropped
    old = blocker.args[0]
    flow.generation += 1
    flow.panel.clear()
    flow._shown(old, flow.generation - 1, replace=True)
    assert flow.panel.results.count() == 0


def test_newest_order_and_load_more(window, qtbot):
    flow = window.search_flow
    result = _search(window, qtbot, "高达")
    assert result.total > PAGE
    assert flow.panel.results.count() == PAGE
    assert flow.panel.more_button.isVisible()
    with qtbot.waitSignal(flow.searched, timeout=5000):
        flow.panel.more_button.click()
    assert flow.panel.results.count() == result.total
    assert not flow.panel.more_button.isVisible()
    assert len(set(flow.panel.post_ids())) == result.total
    with qtbot.waitSignal(flow.searched, timeout=5000) as blocker:
        flow.panel.newest.setChecked(True)
    newest = blocker.args[0]
    assert newest.order == "newest"
    times = [h.posted_at for h in newest.hits]
    assert times == sorted(times, reverse=True)


def test_query_error_inline(window, qtbot):
    flow = window.search_flow
    _search(window, qtbot, "高达 before:昨天")
    assert "before" in flow.panel.status.text()
    assert flow.panel.results.count() == 0


def test_double_click_jumps_with_highlight(window, qtbot):
    from reader.ui.thread.model import PostRole

    flow = window.search_flow
    _search(window, qtbot, "吉姆 第7楼")
    assert flow.panel.results.count() == 1
    flow.panel.results.itemActivated.emit(flow.panel.results.item(0))
    assert window.tid == THREAD_A
    shown = window.view.currentIndex()
    assert window.view.thread_model.post(shown.row()).floor == 7
    assert shown.data(PostRole.MARK_TEXT) == "第7楼"  # the longest term is marked in the post


def test_snippet_html_escapes():
    from datetime import datetime

    from reader.store.search import SearchHit

    hit = SearchHit(1, 1, "t", "b", 1, "a", datetime(2024, 1, 1), "<x> 高达 & y", ((4, 6),))
    assert snippet_html(hit) == '&lt;x&gt; <span style="background:#ffd966; color:#1f2328">高达</span> &amp; y'


def test_hits_by_blocked_users_are_collapsed_until_clicked(window, qtbot):
    from reader.store import userdata
    from reader.ui.richlist import RichTextDelegate

    userdata.mark_user("玩家3", "block")
    flow = window.search_flow
    result = _search(window, qtbot, "抽卡")
    assert result.total == 5
    results = flow.panel.results
    by_author = {}
    for i in range(results.count()):
        item = results.item(i)
        by_author[item.data(RichTextDelegate.HTML_ROLE)] = item
    blocked = [i for h, i in by_author.items() if "玩家3" in h]
    assert len(blocked) == 1
    item = blocked[0]
    html = item.data(RichTextDelegate.HTML_ROLE)
    assert "又歪了" not in html and "Blocked: 玩家3" in html
    assert all("又歪了" in h for h in by_author if "玩家3" not in h)
    # a click shows it; then Enter opens it
    results.setCurrentItem(item)
    qtbot.mouseClick(results.viewport(), Qt.MouseButton.LeftButton, pos=results.visualItemRect(item).center())
    assert "又歪了" in item.data(RichTextDelegate.HTML_ROLE)
    before = window.tid
    results.setFocus()
    qtbot.keyClick(results, Qt.Key.Key_Return)
    assert window.tid == THREAD_B and before == THREAD_B
    assert window.view.thread_model.post(window.view.currentIndex().row()).author == "玩家3"


def test_enter_on_a_collapsed_hit_shows_it_first(window, qtbot):
    from reader.store import userdata
    from reader.ui.richlist import RichTextDelegate

    userdata.mark_user("楼主甲", "block")
    flow = window.search_flow
    _search(window, qtbot, "赛博朋克")
    item = flow.panel.results.item(0)
    assert "赛博朋克" not in item.data(RichTextDelegate.HTML_ROLE)
    qtbot.keyClick(flow.field, Qt.Key.Key_Return)
    assert window.tid == THREAD_B  # not opened yet: shown
    assert "赛博朋克" in item.data(RichTextDelegate.HTML_ROLE)
    qtbot.keyClick(flow.field, Qt.Key.Key_Return)
    assert window.tid == THREAD_A

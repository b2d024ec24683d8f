"""Dark mode readable (issue 29): the search results' meta lines (selected or not), the search
syntax help and the highlighted terms meet WCAG AA (4.5:1) in both palettes. The colours are
sampled from the rendered pixels, line by line."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

import pytest
from PySide6.QtGui import QColor, QImage

from reader.store.search import SearchHit
from reader.ui.palette import AA_CONTRAST, apply_theme, contrast
from reader.ui.searchflow import MARK_BG, SearchPanel


@pytest.fixture(params=["light", "dark"])
def theme(request, qapp):
    apply_theme(request.param)
    yield request.param
    apply_theme("light")


def _pixels(img: QImage, x0: int, y0: int, x1: int, y1: int):
    for y in range(max(0, y0), min(img.height(), y1)):
        for x in range(max(0, x0), min(img.width(), x1)):
            yield x, y, img.pixel(x, y) & 0xFFFFFF


def _lines(img: QImage, rect) -> list[tuple[int, int, int, int, int]]:
    """The text lines of ``rect``: (x0, y0, x1, y1, background rgb) per band of pixel rows that
    hold something other than the rect's background."""
    x0, y0, x1, y1 = rect.left() + 2, rect.top() + 1, rect.right() - 2, rect.bottom() - 1
    bg = Counter(p for _, _, p in _pixels(img, x0, y0, x1, y1)).most_common(1)[0][0]
    rows = [y for y in range(y0, y1) if any(img.pixel(x, y) & 0xFFFFFF != bg for x in range(x0, x1))]
    bands, start, last = [], None, None
    for y in rows:
        if start is None:
            start = last = y
        elif y == last + 1:
            last = y
        else:
            bands.append((x0, start, x1, last + 1, bg))
            start = last = y
    if start is not None:
        bands.append((x0, start, x1, last + 1, bg))
    return bands


def _best(img: QImage, box, bg: int, skip=None) -> float:
    """The highest contrast to ``bg`` of a pixel in ``box`` (the full-strength text colour)."""
    bgc = QColor(bg)
    best = 1.0
    seen = set()
    for x, y, p in _pixels(img, *box):
        if skip is not None and skip[0] <= x < skip[2] and skip[1] <= y < skip[3]:
            continue
        if p in seen:
            continue
        seen.add(p)
        best = max(best, contrast(QColor(p), bgc))
    return best


def _check_line(img: QImage, band) -> list[str]:
    x0, y0, x1, y1, bg = band
    problems = []
    mark = QColor(MARK_BG).rgb() & 0xFFFFFF
    marked = [(x, y) for x, y, p in _pixels(img, x0, y0, x1, y1) if p == mark]
    skip = None
    if marked:
        mx0, mx1 = min(x for x, _ in marked), max(x for x, _ in marked) + 1
        my0, my1 = min(y for _, y in marked), max(y for _, y in marked) + 1
        skip = (mx0, my0, mx1, my1)
        c = _best(img, skip, mark)
        if c < AA_CONTRAST:
            problems.append(f"highlighted term {c:.2f}:1")
    c = _best(img, (x0, y0, x1, y1), bg, skip)
    if c < AA_CONTRAST:
        problems.append(f"line at y={y0} {c:.2f}:1 on #{bg:06x}")
    return problems


def test_search_results_and_help_meet_aa_contrast(theme, qtbot):
    panel = SearchPanel()
    qtbot.addWidget(panel)
    panel.resize(440, 460)
    snippet = "今天原神又更新了，原神真好玩"
    hits = [SearchHit(n, 42, f"原神讨论帖 {n}", "游戏区", 12, "路人甲", datetime(2024, 5, 1, 8, 3),
                      snippet, ((2, 4), (9, 11))) for n in (1, 2)]
    panel.add_hits(hits)
    panel.results.setCurrentRow(1)  # one row selected, one not
    panel.show()
    qtbot.waitExposed(panel)
    img = panel.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    problems = []
    for row in range(panel.results.count()):
        rect = panel.results.visualItemRect(panel.results.item(row))
        rect.translate(panel.results.viewport().mapTo(panel, panel.results.viewport().rect().topLeft()))
        lines = _lines(img, rect)
        assert len(lines) >= 3, f"row {row}: expected title, meta and snippet lines"
        for band in lines:
            problems += [f"row {row} ({'selected' if row == 1 else 'plain'}): {p}" for p in _check_line(img, band)]
    help_rect = panel.help.geometry()
    for band in _lines(img, help_rect):
        problems += [f"syntax help: {p}" for p in _check_line(img, band)]
    assert not problems, f"{theme}: " + "; ".join(problems)


def test_the_muted_colour_keeps_aa_after_a_theme_change(qapp, qtbot):
    from PySide6.QtGui import QPalette

    from reader.ui.palette import MutedLabel

    apply_theme("light")
    label = MutedLabel("提示")
    qtbot.addWidget(label)
    try:
        for theme in ("dark", "light", "dark"):
            apply_theme(theme)
            qapp.processEvents()
            pal = qapp.palette()
            assert contrast(label.palette().color(QPalette.ColorRole.WindowText),
                            pal.color(QPalette.ColorRole.Window)) >= AA_CONTRAST
    finally:
        apply_theme("light")


def test_the_first_run_banner_is_dark_in_the_dark_theme_and_readable(make_window, qtbot):
    """The banner over the demo was drawn light in the dark theme (its style sheet read the
    palette before the theme was set): sampled, it is dark and its text and links meet AA."""
    from PySide6.QtGui import QPalette

    from reader.ui import settings as opt

    window = make_window(start=False)
    window.set_theme("dark")
    try:
        window.start()
        qtbot.waitUntil(window.banner.isVisible)
        banner = window.banner
        img = banner.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        bg = QColor(img.pixel(3, img.height() // 2))
        window_bg = qtbot_app_palette().color(QPalette.ColorRole.Window)
        assert contrast(bg, QColor("#000000")) < 3, f"banner background {bg.name()} is light"
        assert abs(bg.lightness() - window_bg.lightness()) < 40
        problems = []
        for label in (banner.label, banner.sources):
            rect = label.geometry()
            rect.moveTopLeft(label.mapTo(banner, label.rect().topLeft()))
            for band in _lines(img, rect):
                problems += _check_line(img, band)
        assert not problems, problems
    finally:
        window.settings.set(opt.THEME, "light")
        apply_theme("light")


def qtbot_app_palette():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.palette()

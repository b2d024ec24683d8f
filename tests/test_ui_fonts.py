"""Fonts: Chinese first, and emoji (⏰ 🌙) drawn with a colour emoji font instead of boxes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontDatabase, QTextLayout
from support import REPO

from reader.ui.app import interface_font


def test_bootstrap_installs_the_emoji_font():
    text = (REPO / "tools" / "bootstrap.sh").read_text(encoding="utf-8")
    assert "fonts-noto-color-emoji" in text


def _families_drawing(font: QFont, text: str) -> set[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_emoji_come_from_the_colour_emoji_font_and_text_from_the_cjk_one(qapp):
    installed = set(QFontDatabase.families())
    if "Noto Color Emoji" not in installed:
        pytest.skip("fonts-noto-color-emoji is not installed (tools/bootstrap.sh installs it)")
    font = interface_font(QFont("DejaVu Sans"), installed)
    assert font.families()[-1] == "Noto Color Emoji"
    assert font.families()[0] == "Noto Sans CJK SC"
    assert _families_drawing(font, "⏰🌙") == {"Noto Color Emoji"}
    assert "Noto Color Emoji" not in _families_drawing(font, "第12楼 #3 鹅")
    assert font.pointSizeF() >= 10

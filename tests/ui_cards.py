"""Where a text of a post card is on screen, to click or drag over it as a reader does."""

from __future__ import annotations

from PySide6.QtCore import QPoint


def text_point(view, row: int, text: str, offset: int = 0, at: str = "middle") -> QPoint:
    """The viewport point in the character ``offset`` of the first ``text`` in the body of the
    card at ``row`` (the row must be on screen): its ``middle``, or just inside its ``left`` or
    ``right`` edge (where a drag starts or ends to take that character in)."""
    doc = view.delegate.document(row)
    found = doc.find(text)
    assert not found.isNull(), f"{text!r} is not in row {row}"
    pos = found.selectionStart() + offset
    block = doc.findBlock(pos)
    layout = block.layout()
    line = layout.lineForTextPosition(pos - block.position())
    x = line.cursorToX(pos - block.position())
    x = x[0] if isinstance(x, tuple) else x
    right = line.cursorToX(pos - block.position() + 1)
    right = right[0] if isinstance(right, tuple) else right
    origin = view.delegate._body_origin(view.visualRect(view.thread_model.index(row)))
    y = layout.position().y() + line.y() + line.height() / 2
    inside = {"middle": (x + right) / 2, "left": x + 2, "right": right - 2}[at]
    return QPoint(int(origin.x() + inside), int(origin.y() + y))

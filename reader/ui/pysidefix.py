"""Work around a reference-count bug of PySide6 6.12 on Python 3.11: every call of a ``void``
Qt method from Python drops one reference to ``None`` instead of keeping it balanced.

After a few thousand such calls (a few seconds of scrolling the thread view, which paints with
``QPainter.save/setPen/drawText…``) CPython deallocates ``None`` and aborts with "none_dealloc".
From Python 3.12 on ``None`` is immortal and the bug is harmless, so this only touches 3.11 and
older: it gives ``None`` a reference count no program can exhaust. pyproject.toml keeps
PySide6 below 6.12, so this only acts where a 6.12 was installed by other means.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40


def apply() -> None:
    if sys.version_info >= (3, 12) or hasattr(sys, "gettotalrefcount"):  # immortal / debug build
        return
    import PySide6

    if not PySide6.__version__.startswith("6.12."):
        return
    refcnt = ctypes.c_ssize_t.from_address(id(None))  # ob_refcnt is the first field
    if refcnt.value < _HEADROOM:
        refcnt.value += _HEADROOM


apply()

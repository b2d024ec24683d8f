"""The Qt desktop window: library pane, virtualized thread view, import, settings.

This is the only package that imports Qt. It reads the library through ``reader.store`` and
receives parse results (frozen dataclasses) unchanged.
"""

from . import pysidefix as _pysidefix  # noqa: F401 (must run before any Qt call)

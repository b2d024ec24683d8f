"""Moved to ``reader.store.postmarks`` (no Qt in it); these names stay importable from here for
the thread view's modules until they import them from the store."""

from __future__ import annotations

from ..store.postmarks import BLOCK_COLLAPSE, BLOCK_HIDE, UserMarks

__all__ = ["BLOCK_COLLAPSE", "BLOCK_HIDE", "UserMarks"]

"""The archive-format parser: pure functions from text to frozen dataclasses (no I/O beyond reading)."""

from .errors import FormatError
from .model import ThreadFile, ThreadRef
from .thread import distinct_posts, parse_file, parse_text

__all__ = ["FormatError", "ThreadFile", "ThreadRef", "distinct_posts", "parse_file", "parse_text"]

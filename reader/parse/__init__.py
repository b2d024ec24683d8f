"""The archive-format parser: pure functions from text to frozen dataclasses (no I/O beyond reading)."""

from .errors import FormatError
from .model import ThreadFile, ThreadRef
from .thread import distinct_posts, parse_file, parse_text

# Raised whenever a parser change alters what comes out of unchanged input: the importer then
# reads files again that an older parser imported, and updates the posts that changed.
# 1: first release; 2: spaces around a quote header's author are stripped; 3: HTML entities in
# text, link texts, attachment names and ratings are decoded (``&gt;`` → ``>``), and URLs
# escaped twice (``&amp;amp;``) are repaired.
PARSER_VERSION = 3

__all__ = [
    "PARSER_VERSION","FormatError", "ThreadFile", "ThreadRef", "distinct_posts", "parse_file", "parse_text"]

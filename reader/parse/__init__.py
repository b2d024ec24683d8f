"""The archive-format parser: pure functions from text to frozen dataclasses (no I/O beyond reading)."""

from .errors import FormatError
from .model import ThreadFile, ThreadRef
from .thread import distinct_posts, parse_file, parse_text

# Raised whenever a parser change alters what comes out of unchanged input: the importer then
# reads files again that an older parser imported, and updates the posts that changed.
# 1: first release; 2: spaces around a quote header's author are stripped; 3: HTML entities in
# text, link texts, attachment names and ratings are decoded (``&gt;`` → ``>``), and URLs
# escaped twice (``&amp;amp;``) are repaired; 4: attachment notices in every layout the forum
# writes (name on its own line over the size, files, 由手机上传, a description, an empty download
# count) and the signatures of the other clients (the official app, 论坛助手, STAGE1 App,
# S1 Next Goose, 來自) are typed instead of left as text; 5: a post is no longer skipped for
# the size of the pictures pasted into it (``<img src="http://data:image/…;base64,…">``), which
# are read as ``data:`` images; 6: a chunk between separators that does not start like a post
# is the rest of the post before it, whose text held a line ``*****`` (posts of another thread
# pasted into a post), instead of a skipped post; a separator glued to the end of a post's last
# line, before a whole post header, separates (the post after it was read as text of the one
# before: 14 posts of 2023-2025).
PARSER_VERSION = 6

__all__ = [
    "PARSER_VERSION","FormatError", "ThreadFile", "ThreadRef", "distinct_posts", "parse_file", "parse_text"]

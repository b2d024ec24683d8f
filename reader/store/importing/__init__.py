"""Importing archive files into the library, as a pipeline of small stages, one per module:

========== =====================================================================
plan       find the files, skip the unchanged by size and mtime, group them by thread
parsing    a bounded window of worker processes turning files into rows to insert
jobs       one thread written whole, or part by part as its files arrive
batch      threads committed together; a hook between batches for other writes
ids        author and board ids, with the one snapshot/restore of their cache
quotes     quote links resolved to the posts they quote
results    failures, progress and the result reported to the caller
posts      posts from elsewhere (a forum page) stored by the same rules
run        ``run_import``: lock, pipeline, demo; ``import_paths``: the pipeline
========== =====================================================================
"""

from .parsing import default_workers
from .plan import find_files
from .posts import import_posts
from .results import ImportFailure, ImportProgress, ImportResult
from .run import import_paths, run_import

__all__ = ["ImportFailure", "ImportProgress", "ImportResult", "default_workers", "find_files",
           "import_paths", "import_posts", "run_import"]

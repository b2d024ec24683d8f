"""The command groups of ``s1reader``: each module registers its subcommands with ``register``.

To add a command group, write a module here with ``register(add)`` and list it in ``GROUPS``.
"""

from __future__ import annotations

from . import bookmarks, digest, export, forum, library, media, people, search

GROUPS = [library, digest, search, media, bookmarks, people, forum, export]

"""Export a stored thread: archive markdown files (the import format) or one HTML page.

``export_markdown`` writes the archive layout under a folder
(``<board>/[0无法访问/][<tid>[title]/]<tid>-<NN>[title].md``, 1500 floors per part, as the
archive splits threads) or everything into one named file. Importing what it writes gives the
same posts (see tests/test_export_roundtrip.py). Reads the open library; no Qt.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

from ..parse.model import STATUS_BANNED, STATUS_EMPTY, STATUS_HIDDEN, STATUS_NORMAL, EditNote
from ..parse.paths import UNREACHABLE_DIR
from ..parse.thread import FLOORS_PER_PART
from ..store import queries
from ..store.queries import StoredPost, ThreadInfo
from .archive import post_text
from .page import ImageSource, thread_page


class ExportError(Exception):
    """A user-facing export failure (unknown thread, unwritable destination)."""


@dataclass(frozen=True, slots=True)
class ExportResult:
    tid: int
    files: tuple[Path, ...]
    posts: int
    pictures_missing: int = 0  # HTML with embedded pictures: those not in the cache (left as links)

    def as_dict(self) -> dict:
        return {"tid": self.tid, "files": [str(f) for f in self.files], "posts": self.posts}


def stored_status(post: StoredPost) -> str:
    if post.banned:
        return STATUS_BANNED
    if post.hidden:
        return STATUS_HIDDEN
    if post.empty:
        return STATUS_EMPTY
    return STATUS_NORMAL


def stored_post_text(post: StoredPost) -> str:
    """One stored post in the archive format."""
    edit = EditNote(post.editor, post.edited_at) if post.editor is not None and post.edited_at else None
    return post_text(post.floor, post.author, post.posted_at, post.is_op, post.anonymous, edit,
                     stored_status(post), post.blocks)


def posts_markdown(posts: list[StoredPost]) -> str:
    """A whole file's text: a leading blank line, then each post from its ``*****`` line."""
    return "\n" + "".join(stored_post_text(p) for p in posts)


def file_title(title: str) -> str:
    """A title as the archive puts it in a file name: HTML-escaped, no path separators."""
    return html.escape(title, quote=False).replace("/", "／").replace("\x00", "")


def part_paths(thread: ThreadInfo, parts: list[int], folder: Path) -> dict[int, Path]:
    """Where each part goes in the archive layout under ``folder``."""
    title = file_title(thread.title)
    base = folder / thread.board
    if not thread.reachable:
        base = base / UNREACHABLE_DIR
    if len(parts) > 1:
        base = base / f"{thread.tid}[{title}]"
    return {n: base / f"{thread.tid}-{n:02d}[{title}].md" for n in parts}


def _load(tid: int) -> tuple[ThreadInfo, list[StoredPost]]:
    thread = queries.get_thread(tid)
    if thread is None:
        raise ExportError(f"thread {tid} is not in the library (see `s1reader threads`)")
    return thread, queries.thread_posts(tid)


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as e:
        raise ExportError(f"cannot write {path}: {e.strerror or e}") from None


def export_markdown(tid: int, dest: str | Path) -> ExportResult:
    """Write thread ``tid`` in the archive format.

    ``dest`` ending in ``.md``/``.txt`` is one file holding every post; anything else is a folder
    that receives the archive layout (one file per 1500 floors).
    """
    thread, posts = _load(tid)
    out = Path(dest).expanduser()
    if out.suffix.lower() in (".md", ".txt") and not out.is_dir():
        _write(out, posts_markdown(posts))
        return ExportResult(tid, (out,), len(posts))
    by_part: dict[int, list[StoredPost]] = {}
    for p in posts:
        by_part.setdefault(max(1, (p.floor - 1) // FLOORS_PER_PART + 1), []).append(p)
    if not by_part:
        by_part[1] = []
    paths = part_paths(thread, sorted(by_part), out)
    for n, part_posts in sorted(by_part.items()):
        _write(paths[n], posts_markdown(part_posts))
    return ExportResult(tid, tuple(paths[n] for n in sorted(by_part)), len(posts))


def export_html(tid: int, dest: str | Path, image_source: ImageSource | None = None) -> ExportResult:
    """Write thread ``tid`` as one standalone HTML page (``dest`` a file, or a folder to put
    ``<tid>[title].html`` in). ``image_source`` maps an image URL to what the page should use
    instead (a ``data:`` URI or a local file URL from the media cache); None links the URL."""
    thread, posts = _load(tid)
    out = Path(dest).expanduser()
    if out.is_dir() or out.suffix.lower() not in (".html", ".htm"):
        out = out / f"{thread.tid}[{file_title(thread.title)}].html"
    _write(out, thread_page(thread, posts, image_source))
    return ExportResult(tid, (out,), len(posts))


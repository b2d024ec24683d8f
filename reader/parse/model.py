"""Frozen dataclasses the parser produces: a thread file, its posts and their typed content.

A post body is a tuple of *blocks* (paragraph, quote, attachment, rating, client line, code,
notice). A paragraph holds *inline runs* (text, strong, smiley, image, link, unknown HTML).
Everything here is plain data: no I/O, no Qt, no database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# ---------------------------------------------------------------- inline runs


@dataclass(frozen=True, slots=True)
class Text:
    """Plain text, kept verbatim (no markdown unescaping)."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Bold content between ``<strong>`` and ``</strong>`` (may hold smileys and images)."""

    runs: tuple[Inline, ...]

    @property
    def text(self) -> str:
        return "".join(getattr(r, "text", "") for r in self.runs)


@dataclass(frozen=True, slots=True)
class Smiley:
    """A forum smiley: ``pack/name`` is the host-independent key (``face2017/032.png``)."""

    pack: str
    name: str
    url: str

    @property
    def key(self) -> str:
        return f"{self.pack}/{self.name}"


@dataclass(frozen=True, slots=True)
class Image:
    """An inline image that is not a smiley (attachment, external image, file-type icon)."""

    url: str
    host: str
    is_attachment: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink: markdown ``[text](url)``, ``<a href>`` or a raw URL in text."""

    text: str
    url: str


@dataclass(frozen=True, slots=True)
class Unknown:
    """HTML the parser does not understand, kept verbatim so nothing is lost silently."""

    html: str


Inline = Text | Strong | Smiley | Image | Link | Unknown

# ---------------------------------------------------------------- blocks


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Lines of text separated from their neighbours by blank lines; ``\\n`` inside a Text run."""

    runs: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """A ``<blockquote>``: the quoted post's header and the (forum-truncated) quoted content."""

    author: str | None
    posted_at: datetime | None
    pid: int | None
    ptid: int | None
    url: str | None
    blocks: tuple[Block, ...]
    truncated: bool = False


ATTACH_INLINE = "inline"  # <strong>name</strong> (size, 下载次数: n) / 下载附件 / date 上传
ATTACH_SPLIT = "split"  # name / (size, 下载次数: n) / 下载附件 / date 上传
ATTACH_FILE = "file"  # name / date 上传 / 点击文件名下载附件 / size, 下载次数: n


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment notice: its file name, size text, download count and upload time, each
    None when the notice does not say. ``layout`` is how the forum wrote it: a picture shown in
    the post (``下载附件``) with the name in bold on the size's line (``inline``) or on a line of
    its own (``split``), or a file offered for download (``file``, ``点击文件名下载附件``)."""

    name: str | None
    size: str | None
    downloads: int | None
    uploaded_at: str | None
    layout: str = ATTACH_INLINE


@dataclass(frozen=True, slots=True)
class RatingRow:
    user: str
    score: int
    reason: str


@dataclass(frozen=True, slots=True)
class Rating:
    """The rating table under a post (评分 / 参与人数 N战斗力 +S)."""

    total: int
    participants: int
    rows: tuple[RatingRow, ...]


@dataclass(frozen=True, slots=True)
class ClientLine:
    """A ``—— 来自 …`` signature naming the client app that posted."""

    text: str
    client: str
    device: str | None = None
    android: str | None = None
    version: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Code:
    """A fenced code block (```` ``` ````)."""

    text: str


@dataclass(frozen=True, slots=True)
class Notice:
    """Forum page text inside a body: ``kind`` "css" (a stray style rule, never shown as text) or
    "autoclose" (此帖将于… 自动关闭)."""

    text: str
    kind: str = "css"


Block = Paragraph | Quote | Attachment | Rating | ClientLine | Code | Notice

# ---------------------------------------------------------------- posts and threads

STATUS_NORMAL = "normal"
STATUS_BANNED = "banned"  # 提示: 作者被禁止或删除 内容自动屏蔽
STATUS_HIDDEN = "hidden"  # 提示: 该帖被管理员或版主屏蔽
STATUS_EMPTY = "empty"  # nothing after the floor line


@dataclass(frozen=True, slots=True)
class EditNote:
    editor: str
    edited_at: datetime


@dataclass(frozen=True, slots=True)
class Post:
    """One post as it appears in a file. Identity: (floor, author, posted_at)."""

    floor: int
    author: str
    posted_at: datetime
    is_op: bool
    anonymous: bool
    edit: EditNote | None
    status: str
    blocks: tuple[Block, ...]
    line: int  # 1-based line of the ``*****`` separator in the source file
    pid: int | None = None

    @property
    def key(self) -> tuple[int, str, datetime]:
        return (self.floor, self.author, self.posted_at)


@dataclass(frozen=True, slots=True)
class ThreadRef:
    """Where a file belongs: thread identity and the part number, from the path or the content."""

    tid: int
    part: int
    title: str
    board: str
    reachable: bool
    title_from_content: bool = False


@dataclass(frozen=True, slots=True)
class PostNote:
    """Something about one post of a file that the reader should know: the post was skipped
    (``skipped``: it could not be read; the rest of the file was) or changed to be readable
    (quotes nested absurdly deep, shown flat below a depth; the text is kept)."""

    line: int  # 1-based line of the post's ``*****`` separator (or where it broke)
    message: str
    skipped: bool


@dataclass(frozen=True, slots=True)
class ThreadFile:
    """One parsed file: its identity and its posts in file order (repeats included)."""

    path: str
    ref: ThreadRef
    posts: tuple[Post, ...]
    warnings: tuple[str, ...] = field(default=())
    notes: tuple[PostNote, ...] = field(default=())

"""The Digest page beside the thread: what the thread is about at a glance.

A line of totals, the activity chart (``activitychart.py``) beside "who talks" (the most active
authors with a bar of their share), and the posts worth reading in four lists: most rated, most
quoted, the thread starter's, the longest with images. The panel only shows a
``reader.store.digest.ThreadDigest`` it is given (``DigestFlow`` computes it on the pool); clicks
are signals: ``post_chosen(post_id)``, ``author_chosen(name)``, ``only_op_requested()``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..store.digest import DigestPost, ThreadDigest
from .activitychart import ActivityChart
from .palette import LIGHT, CardColors
from .plain import plain_label, plain_tip, shown

POST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
SHARE_ROLE = Qt.ItemDataRole.UserRole + 3


class PostList(QTreeWidget):
    """One list of posts: a figure, floor, author, time and the first line; a click (or Enter)
    emits ``post_chosen``."""

    post_chosen = Signal(int)

    def __init__(self, figure_title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(5)
        self.setHeaderLabels([figure_title, self.tr("Floor"), self.tr("Author"), self.tr("Posted"),
                              self.tr("First line")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        header = self.header()
        header.setStretchLastSection(True)
        for col in range(4):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        if not figure_title:
            self.hideColumn(0)
        self.itemClicked.connect(self._chosen)
        self.itemActivated.connect(self._chosen)

    def set_posts(self, posts: tuple[DigestPost, ...], figure: Callable[[DigestPost], str]) -> None:
        self.clear()
        items = []
        for p in posts:
            item = QTreeWidgetItem([figure(p), f"#{p.floor}", shown(p.author),
                                    p.posted_at.strftime("%Y-%m-%d %H:%M"), p.first_line])
            item.setData(0, POST_ID_ROLE, p.post_id)
            item.setTextAlignment(0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(4, plain_tip(p.first_line))
            items.append(item)
        self.addTopLevelItems(items)

    def post_ids(self) -> list[int]:
        return [self.topLevelItem(i).data(0, POST_ID_ROLE) for i in range(self.topLevelItemCount())]

    def _chosen(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        self.post_chosen.emit(item.data(0, POST_ID_ROLE))


class ShareDelegate(QStyledItemDelegate):
    """Draws an author's share of the thread's posts as a bar with the percentage on it."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.colors = LIGHT

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        share = index.data(SHARE_ROLE) or 0.0
        top = index.model().index(0, index.column()).data(SHARE_ROLE) or 1.0
        text = f"{share:.1%}"
        text_w = option.fontMetrics.horizontalAdvance("100.0%") + 8
        r = option.rect.adjusted(4, 5, -4 - text_w, -5)
        painter.save()
        painter.fillRect(r, QColor(self.colors.placeholder_bg))
        # the bar is the share of the most active author's share: the leader fills the track
        bar = QRect(r.left(), r.top(), max(2, round(r.width() * share / max(top, 1e-9))), r.height())
        painter.fillRect(bar, QColor(self.colors.link))
        painter.setPen(QColor(self.colors.text))
        painter.drawText(QRect(r.right() + 4, option.rect.top(), text_w, option.rect.height()),
                         Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)
        painter.restore()


class AuthorList(QTreeWidget):
    """Who talks: author, posts, share; a click emits ``author_chosen``."""

    author_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Author"), self.tr("Posts"), self.tr("Share")])
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.share = ShareDelegate(self)
        self.setItemDelegateForColumn(2, self.share)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.itemClicked.connect(lambda item, _c: self.author_chosen.emit(item.data(0, NAME_ROLE)))
        self.itemActivated.connect(lambda item, _c: self.author_chosen.emit(item.data(0, NAME_ROLE)))

    def set_authors(self, digest: ThreadDigest) -> None:
        self.clear()
        items = []
        for a in digest.authors:
            label = shown(a.name)
            if a.name == digest.op_name:
                label = self.tr("%1 (thread starter)").replace("%1", shown(a.name))
            item = QTreeWidgetItem([label, f"{a.posts:,}", ""])
            item.setData(0, NAME_ROLE, a.name)
            item.setData(2, SHARE_ROLE, a.share)
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, plain_tip(self.tr("Show only the posts of %1").replace("%1", a.name)))
            items.append(item)
        self.addTopLevelItems(items)


class DigestPanel(QWidget):
    post_chosen = Signal(int)
    author_chosen = Signal(str)
    only_op_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.digest: ThreadDigest | None = None
        self.summary = plain_label("", self)
        self.summary.setWordWrap(True)
        self.status = plain_label("", self)
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart = ActivityChart(self)
        self.chart.bucket_clicked.connect(self.post_chosen)
        self.authors = AuthorList(self)
        self.authors.author_chosen.connect(self.author_chosen)
        self.most_rated = PostList(self.tr("Rating"), self)
        self.most_quoted = PostList(self.tr("Quoted"), self)
        self.op_posts = PostList("", self)
        self.with_images = PostList(self.tr("Length"), self)
        self.only_op = QPushButton(self)
        self.only_op.clicked.connect(self.only_op_requested)
        op_page = QWidget(self)
        op_col = QVBoxLayout(op_page)
        op_col.setContentsMargins(0, 0, 0, 0)
        op_col.addWidget(self.op_posts, 1)
        op_row = QHBoxLayout()
        op_row.addStretch(1)
        op_row.addWidget(self.only_op)
        op_col.addLayout(op_row)
        self.lists = QTabWidget(self)
        self.lists.setDocumentMode(True)
        self.lists.addTab(self.most_rated, self.tr("Most rated"))
        self.lists.addTab(self.most_quoted, self.tr("Most quoted"))
        self.lists.addTab(op_page, self.tr("Thread starter"))
        self.lists.addTab(self.with_images, self.tr("Longest with images"))
        for lst in (self.most_rated, self.most_quoted, self.op_posts, self.with_images):
            lst.post_chosen.connect(self.post_chosen)
        who = QWidget(self)
        who_col = QVBoxLayout(who)
        who_col.setContentsMargins(0, 0, 0, 0)
        self.who_title = QLabel(self.tr("Who talks"), who)
        f = self.who_title.font()
        f.setBold(True)
        self.who_title.setFont(f)
        who_col.addWidget(self.who_title)
        who_col.addWidget(self.authors, 1)
        top = QHBoxLayout()
        top.addWidget(self.chart, 3)
        top.addWidget(who, 2)
        self.worth = QLabel(self.tr("Posts worth reading"), self)
        self.worth.setFont(f)
        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(top, 5)
        body.addWidget(self.worth)
        body.addWidget(self.lists, 6)
        col = QVBoxLayout(self)
        col.setContentsMargins(12, 8, 12, 8)
        col.addWidget(self.summary)
        col.addWidget(self.status)
        col.addWidget(self.body, 1)
        self.show_loading()

    def set_colors(self, colors: CardColors) -> None:
        self.chart.set_colors(colors)
        self.authors.share.colors = colors
        self.authors.viewport().update()

    # -- states

    def show_loading(self) -> None:
        self.digest = None
        self.summary.setText("")
        self.status.setText(self.tr("Working out the digest…"))
        self.status.show()
        self.body.hide()

    def show_error(self, message: str) -> None:
        self.digest = None
        self.status.setText(self.tr("The digest could not be worked out: %1").replace("%1", message))
        self.status.show()
        self.body.hide()

    def show_digest(self, digest: ThreadDigest) -> None:
        self.digest = digest
        self.status.hide()
        self.body.show()
        span = ""
        if digest.first_post_at and digest.last_post_at:
            span = f"{digest.first_post_at:%Y-%m-%d} – {digest.last_post_at:%Y-%m-%d}"
        self.summary.setText(
            self.tr("%1 posts by %2 authors · %3 · %4 rated · %5 quoted · %6 images")
            .replace("%1", f"{digest.posts:,}").replace("%2", f"{digest.author_count:,}")
            .replace("%3", span).replace("%4", f"{digest.rated_posts:,}")
            .replace("%5", f"{digest.quoted_posts:,}").replace("%6", f"{digest.image_count:,}"))
        self.chart.set_activity(digest.activity, digest.hourly)
        self.authors.set_authors(digest)
        self.most_rated.set_posts(digest.most_rated, self._rating)
        self.most_quoted.set_posts(digest.most_quoted, self._quoted)
        self.op_posts.set_posts(digest.op_posts, lambda p: "")
        self.with_images.set_posts(digest.longest_with_images, self._length)
        self.only_op.setText(self.tr("Only the thread starter (%n posts)", "", digest.op_post_count))
        self.only_op.setEnabled(digest.op_post_count > 0)
        self.lists.setTabText(2, self.tr("Thread starter %1").replace("%1", digest.op_name or "")
                              .strip())

    def set_reading(self, floor: int | None, read_floor: int, last_floor: int | None) -> None:
        self.chart.set_reading(floor, read_floor, last_floor)

    # -- figures

    def _rating(self, p: DigestPost) -> str:
        return self.tr("%1 · %n raters", "", p.raters).replace("%1", f"{p.rating:+d}")

    def _quoted(self, p: DigestPost) -> str:
        return self.tr("%n times", "", p.quoted_by)

    def _length(self, p: DigestPost) -> str:
        return self.tr("%1 chars · %n images", "", p.images).replace("%1", f"{p.length:,}")

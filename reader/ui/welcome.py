"""The first-run banner: while the library holds only the demo thread, say where archive files
come from, what one looks like, and offer Import (files, a folder, or drag-and-drop).

The explanation folds away with one click ("Read the demo thread"), which leaves the one-line
call to action above the demo thread; it unfolds again from the "Where do archives come from?"
button. Links are fixed https links to the public archive repositories, opened through
``open_external`` (web links only).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .plain import open_external, plain_label

ARCHIVE_OWNER_URL = "https://github.com/TomoeMami"
BACKUP_URL = f"{ARCHIVE_OWNER_URL}/S1PlainTextBackup"
ARCHIVE_2023_URL = f"{ARCHIVE_OWNER_URL}/S1PlainTextArchive2023"

# What a thread file looks like: its path in an archive, then the first post (shown verbatim, in
# a fixed-width font, never as rich text).
FILE_SAMPLE = """外野/2274815-01[帖子标题].md

*****

####  作者名
##### 1#       楼主       发表于 2026-2-15 08:41

正文……

*****

####  另一位
##### 2#       发表于 2026-2-15 09:03
"""


def banner_style(name: str) -> str:
    """A banner's style sheet in the application palette's colours of the moment (a style sheet's
    ``palette(…)`` is read once, so a banner made before the dark theme stayed light)."""
    pal = QGuiApplication.palette()
    bg = pal.color(QPalette.ColorRole.AlternateBase).name()
    line = pal.color(QPalette.ColorRole.Mid).name()
    return f"#{name} {{ background: {bg}; border-bottom: 1px solid {line}; }}"


def sample_style() -> str:
    pal = QGuiApplication.palette()
    return (f"QLabel {{ background: {pal.color(QPalette.ColorRole.Base).name()}; color: "
            f"{pal.color(QPalette.ColorRole.Text).name()}; border: 1px solid "
            f"{pal.color(QPalette.ColorRole.Mid).name()}; padding: 6px; }}")


class ImportBanner(QWidget):
    """The call to action shown while the library holds only the demo thread, with the first-run
    explanation that can be folded away."""

    def __init__(self, on_import_files: Callable[[], None], on_import_folder: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importBanner")
        self.setStyleSheet(banner_style("importBanner"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self.tr("This is a demo thread. Import your archive files (.md) to read "
                                    "your own threads — or drop them onto this window."), self)
        self.label.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import…"), self)
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(on_import_files)
        self.folder_button = QPushButton(self.tr("Import a folder…"), self)
        self.folder_button.clicked.connect(on_import_folder)
        self.toggle_button = QPushButton(self, flat=True)
        self.toggle_button.clicked.connect(lambda: self.set_expanded(not self.expanded))
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.toggle_button)
        row.addWidget(self.folder_button)
        row.addWidget(self.import_button)

        self.details = QWidget(self)
        self._build_details()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 8, 14, 8)
        layout.addLayout(row)
        layout.addWidget(self.details)
        self.expanded = True
        self.set_expanded(True)

    def _build_details(self) -> None:
        heading = QLabel(self.tr("Welcome to s1reader"), self.details)
        f = heading.font()
        f.setPointSizeF(f.pointSizeF() * 1.3)
        f.setBold(True)
        heading.setFont(f)
        sources = QLabel(self.details)
        self.sources = sources
        sources.setWordWrap(True)
        sources.setTextFormat(Qt.TextFormat.RichText)
        sources.setOpenExternalLinks(False)
        sources.linkActivated.connect(open_external)
        self._set_sources_text()
        sample_intro = plain_label(self.tr("A thread file (.md or .txt) looks like this:"),
                                   self.details)
        sample = plain_label(FILE_SAMPLE.rstrip("\n"), self.details)
        sample.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        sample.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sample.setStyleSheet(sample_style())
        self.sample = sample
        drop = plain_label(self.tr("Drop files or folders anywhere on this window to import them, "
                                   "or use File → Import files/folder. Below is a demo thread that "
                                   "shows everything a file can contain."), self.details)
        drop.setWordWrap(True)
        col = QVBoxLayout(self.details)
        col.setContentsMargins(0, 8, 0, 4)
        col.addWidget(heading)
        col.addWidget(sources)
        col.addWidget(sample_intro)
        col.addWidget(sample, 0, Qt.AlignmentFlag.AlignLeft)
        col.addWidget(drop)

    def _set_sources_text(self) -> None:
        """The archive sources with their links in the palette's link colour of the moment (a
        rich-text label under a style sheet keeps the colour it was first drawn with)."""
        link = QGuiApplication.palette().color(QPalette.ColorRole.Link).name()
        style = f' style="color:{link}"'
        self.sources.setText(
            "<p>" + self.tr(
                "s1reader reads threads of the Stage1st forum saved as text files. The public "
                "archives are the GitHub repositories %1 and %2 (one per year: "
                "S1PlainTextArchive2021, 2022, 2023…).")
            .replace("%1", f'<a href="{BACKUP_URL}"{style}>S1PlainTextBackup</a>')
            .replace("%2", f'<a href="{ARCHIVE_2023_URL}"{style}>S1PlainTextArchive20xx</a>')
            + "</p><p>" + self.tr(
                "Download one as a zip (on GitHub: Code → Download ZIP) and unpack it, or clone it "
                "with git (%1). Then import the whole folder: boards, threads and their parts are "
                "recognised from the folder and file names; importing again later adds only what "
                "changed.").replace("%1", f"<code>git clone {BACKUP_URL}</code>")
            + "</p>")

    def _restyle(self) -> None:
        """The colours of the theme in force."""
        self.setStyleSheet(banner_style("importBanner"))
        self.sample.setStyleSheet(sample_style())
        self._set_sources_text()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._restyle()
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self._restyle()
        super().showEvent(event)

    def set_expanded(self, expanded: bool) -> None:
        """Show or fold the first-run explanation."""
        self.expanded = expanded
        self.details.setVisible(expanded)
        self.toggle_button.setText(self.tr("Read the demo thread") if expanded
                                   else self.tr("Where do archives come from?"))


class SmileyOffer(QWidget):
    """Shown once when the network is there: download every smiley of the catalogue now, so
    posts show their smileys offline too (Settings keeps the button for later)."""

    def __init__(self, on_download: Callable[[], None], on_decline: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("smileyOffer")
        self.setStyleSheet(banner_style("smileyOffer"))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.download_button = QPushButton(self.tr("Download all smileys"), self)
        self.later_button = QPushButton(self.tr("Not now"), self, flat=True)
        self.download_button.clicked.connect(lambda: (self.hide(), on_download()))
        self.later_button.clicked.connect(lambda: (self.hide(), on_decline()))
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 6, 14, 6)
        row.addWidget(self.label, 1)
        row.addWidget(self.later_button)
        row.addWidget(self.download_button)
        self.hide()

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self.setStyleSheet(banner_style("smileyOffer"))
        super().changeEvent(event)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt API)
        self.setStyleSheet(banner_style("smileyOffer"))
        super().showEvent(event)

    def offer(self, missing: int) -> None:
        self.label.setText(self.tr(
            "You are online: download all %1 smileys now (a few MB, once), so every post shows its "
            "smileys also without network? Settings has this button too.").replace("%1", str(missing)))
        self.show()

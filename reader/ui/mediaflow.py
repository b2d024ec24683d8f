"""Smileys and images in the window: the cache-backed image source of the thread view, the
offline-mode toggle, "Download images of this thread" and "Download all smileys" (the catalogue,
offered once when the network is there) with progress and cancel, carrying the picture cache to
another machine (export / import a zip file), and the full-size viewer for a clicked image.

Offline mode is a setting: "auto" (the default: offline until a probe on the thread pool finds
the image host reachable; with ``S1READER_MEDIA_ORIGIN`` set the probe asks that origin), "on" or
"off" (the View menu toggle stores one of these). While offline no request leaves the machine.

When a picture arrives (``ImageSource.picture_arrived``), the posts near the viewport that show
it are re-measured in place through ``ThreadView.refresh_rows``, so only those rows change.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog

from ..config import offline_forced
from ..media import FetchProgress, FetchSummary, MediaCache, MediaSettings
from ..media.carry import CarryError, CarrySummary, export_cache, import_cache
from ..media.catalogue import catalogue_refs
from ..media.collect import body_media, library_media
from ..media.http import network_reachable
from ..media.urls import media_origin
from ..parse.model import Smiley
from ..store.changes import Changes
from .imagesource import ImageSource
from .imageviewer import ImageViewer
from .services import WindowServices
from .settings import Option
from .taskprogress import close_progress, open_progress, update_progress
from .thread.view import ThreadView

OFFLINE = Option("media/offline", str, "auto")  # "auto", "on" or "off"
SMILEYS_OFFERED = Option("media/smileys_offered", bool, False)  # the one-time offer was answered
NEAR_ROWS = 60  # rows above and below the top row checked when a picture arrives


class MediaFlow(QObject):
    """Owns the media cache and image source of the window, and draws them in ``view``."""

    offline_changed = Signal(bool)
    prefetched = Signal(object)  # FetchSummary, or None when the download failed
    offer_smileys = Signal(int)  # online, and this many catalogue smileys are not cached yet
    carried = Signal(object)  # CarrySummary of an export or import, or None when it failed

    def __init__(self, services: WindowServices, view: ThreadView) -> None:
        super().__init__(services.parent)
        self.s = services
        self.view = view
        self.settings = services.settings
        mode = self.settings.get(OFFLINE)
        self.forced_offline = offline_forced()  # $S1READER_OFFLINE: no connection whatever the setting
        self.cache = MediaCache(services.paths,
                                MediaSettings(offline=self.forced_offline or mode != "off"))
        self.images = ImageSource(cache=self.cache, online=lambda: not self.cache.offline,
                                  parent=self)
        self.images.picture_arrived.connect(self._arrived)
        view.delegate.images = self.images
        self._arrivals: set[str] = set()
        self._refresh = QTimer(self, singleShot=True, interval=30)
        self._refresh.timeout.connect(self._refresh_arrivals)
        self._cancel = threading.Event()
        self.progress: QProgressDialog | None = None
        self.running = False
        self.viewer: ImageViewer | None = None
        services.parent.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

    def connect_window(self) -> None:
        """After the actions exist: show the mode, and probe the network in "auto" mode."""
        action = self.s.actions["offline_mode"]
        action.setChecked(self.cache.offline)
        if self.forced_offline:
            action.setEnabled(False)
            action.setToolTip(self.tr("S1READER_OFFLINE is set: the program makes no connection."))
        elif self.settings.get(OFFLINE) == "auto":
            self.s.ops.task(network_reachable, media_origin(), success=self._probed,
                            failure=lambda _e: None)
        else:
            QTimer.singleShot(0, self._maybe_offer_smileys)

    def _probed(self, reachable: bool) -> None:
        if not self.forced_offline and self.settings.get(OFFLINE) == "auto" and reachable:
            self._set_offline(False)
        self._maybe_offer_smileys()

    def _maybe_offer_smileys(self) -> None:
        """Once, when online: offer to download the smileys of the catalogue still missing."""
        if self.cache.offline or self.settings.get(SMILEYS_OFFERED):
            return
        missing = self.smileys_missing()
        if missing:
            self.offer_smileys.emit(missing)

    def smileys_missing(self) -> int:
        """How many smileys of the catalogue are not in the cache."""
        refs = catalogue_refs()
        known = self.cache.known([r.key for r in refs])
        return sum(1 for r in refs if known.get(r.key) not in ("cached", "gone", "invalid"))

    def smileys_answered(self) -> None:
        """The offer was taken or declined: not offered again (Settings still has the button)."""
        self.settings.set(SMILEYS_OFFERED, True)

    # -- offline mode

    def network_allowed(self) -> bool:
        """False when the user asked for offline mode (View menu or $S1READER_OFFLINE)."""
        return not self.forced_offline and self.settings.get(OFFLINE) != "on"

    def refuse_offline(self, what: str) -> None:
        """Say that ``what`` needs the network and how to allow it."""
        how = (self.tr("unset S1READER_OFFLINE and restart") if self.forced_offline
               else self.tr("turn off View → Offline mode"))
        self.s.status(
            self.tr("Offline mode: %1 needs the network; %2 to allow it.").replace("%1", what)
            .replace("%2", how), 10000)

    def toggle_offline(self) -> None:
        if self.forced_offline:
            self.s.actions["offline_mode"].setChecked(True)
            self.refuse_offline(self.tr("going online"))
            return
        offline = self.s.actions["offline_mode"].isChecked()
        self.settings.set(OFFLINE, "on" if offline else "off")
        self._set_offline(offline)
        self.s.status(
            self.tr("Offline mode: no picture is downloaded.") if offline
            else self.tr("Online: missing pictures are downloaded as posts are shown."), 5000)

    def _set_offline(self, offline: bool) -> None:
        self.cache.offline = offline
        self.s.actions["offline_mode"].setChecked(offline)
        if not offline:
            self.images.forget_missing()
            self.view.relayout()
        self.offline_changed.emit(offline)

    # -- a picture arrived: re-measure the posts near the viewport that show it

    def _arrived(self, key: str) -> None:
        self._arrivals.add(key)
        self._refresh.start()

    def _refresh_arrivals(self) -> None:
        keys, self._arrivals = self._arrivals, set()
        view = self.view
        model = view.thread_model
        if not model.ids:
            return
        top = max(0, view.top_row())
        ids = set()
        for row in range(max(0, top - NEAR_ROWS), min(len(model.ids), top + NEAR_ROWS)):
            post = model.post(row)
            for run in body_media(post.blocks):
                name = f"smiley:{run.key}" if isinstance(run, Smiley) else run.url
                if name in keys:
                    ids.add(post.id)
                    break
        if ids:
            view.refresh_rows(ids)

    # -- download the pictures of the open thread

    def download_thread_images(self) -> bool:
        tid = self.s.current_tid()
        if tid is None or self.running:
            return False
        if not self._go_online(self.tr("Offline mode is on. Go online and download the pictures "
                                       "of this thread?")):
            return False
        return self._download(self.tr("Download images of this thread"), lambda: library_media([tid]))

    def download_all_smileys(self) -> bool:
        """Download every smiley of the catalogue (cached ones are skipped: it resumes)."""
        self.smileys_answered()
        if self.running:
            return False
        if not self._go_online(self.tr("Offline mode is on. Go online and download all smileys?")):
            return False
        return self._download(self.tr("Download all smileys"), catalogue_refs)

    def _go_online(self, question: str) -> bool:
        if self.forced_offline:
            self.refuse_offline(self.tr("downloading pictures"))
            return False
        if self.cache.offline:
            answer = QMessageBox.question(self.s.parent, self.tr("Offline mode"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self.settings.set(OFFLINE, "off")
            self._set_offline(False)
        return True

    def _download(self, title: str, refs_of) -> bool:
        self.running = True
        self._cancel.clear()
        self.progress = open_progress(self.s.parent, title, self.tr("Looking for pictures…"),
                                      self.tr("Cancel"), 0, self._cancel.set)
        cache, cancel = self.cache, self._cancel

        def work(report) -> FetchSummary:
            return cache.fetch(refs_of(), progress=report, cancel=cancel.is_set)

        self.s.ops.task(work, success=self._downloaded, failure=self._failed,
                        report=self._reported)
        return True

    def _reported(self, prog: FetchProgress) -> None:
        dlg = self.progress
        if dlg is None:
            return
        update_progress(
            dlg,
            self.tr("Downloading pictures: %1 of %2 (%3 new, %4 failed)")
            .replace("%1", str(prog.done)).replace("%2", str(prog.total))
            .replace("%3", str(prog.downloaded)).replace("%4", str(prog.failed)),
            prog.done, prog.total)

    def _close_progress(self) -> None:
        close_progress(self.progress)
        self.progress = None
        self.running = False

    def _downloaded(self, summary: FetchSummary) -> None:
        self._close_progress()
        self.images.forget_missing()
        self.s.ops.announce(Changes(media=True), self)
        text = self.tr("Pictures: %1 downloaded, %2 already cached, %3 missing, %4 gone or unusable.")
        text = (text.replace("%1", str(summary.downloaded + summary.refreshed))
                .replace("%2", str(summary.already)).replace("%3", str(summary.missing))
                .replace("%4", str(summary.gone + summary.invalid)))
        if summary.cancelled:
            text = self.tr("Download cancelled.") + " " + text
        self.s.status(text, 10000)
        self.prefetched.emit(summary)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Download failed"),
                          self.tr("The pictures could not be downloaded:\n%1")
                          .replace("%1", str(error)), QMessageBox.StandardButton.Ok, self.s.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setModal(False)
        box.show()
        self.prefetched.emit(None)

    # -- carrying the picture cache to another machine

    def export_pictures(self, path: str | None = None) -> bool:
        """Write every cached picture to a zip file (asked for when ``path`` is None)."""
        if self.running:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self.s.parent, self.tr("Export pictures"), "s1reader-pictures.zip",
                self.tr("Picture files (*.zip)"))
            if not path:
                return False
        cache = self.cache
        return self._carry(self.tr("Export pictures"),
                           lambda report, cancel: export_cache(cache, path, report, cancel))

    def import_pictures(self, path: str | None = None) -> bool:
        """Add the pictures of a zip file written by an export (asked for when ``path`` is None)."""
        if self.running:
            return False
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self.s.parent, self.tr("Import pictures"), "", self.tr("Picture files (*.zip)"))
            if not path:
                return False
        cache = self.cache
        return self._carry(self.tr("Import pictures"),
                           lambda report, cancel: import_cache(cache, path, report, cancel),
                           imported=True)

    def _carry(self, title: str, run, imported: bool = False) -> bool:
        self.running = True
        self._cancel.clear()
        self.progress = open_progress(self.s.parent, title, title + "…", self.tr("Cancel"), 0,
                                      self._cancel.set)
        cancel = self._cancel

        def work(report) -> CarrySummary:
            return run(lambda done, total: report((done, total)), cancel.is_set)

        def reported(value) -> None:
            done, total = value
            if self.progress is not None:
                update_progress(self.progress, self.tr("%1: %2 of %3 pictures").replace("%1", title)
                                .replace("%2", str(done)).replace("%3", str(total)), done, total)

        def done(summary: CarrySummary) -> None:
            self._close_progress()
            if imported:
                self.images.forget_missing()
                self.view.relayout()
                self.s.ops.announce(Changes(media=True), self)
                text = self.tr("Pictures imported: %1 added, %2 already here, %3 unusable.") \
                    .replace("%1", str(summary.written)).replace("%2", str(summary.already)) \
                    .replace("%3", str(summary.invalid))
            else:
                text = self.tr("Pictures exported: %1 (%2 MiB).").replace("%1", str(summary.written)) \
                    .replace("%2", f"{summary.bytes / 1048576:.1f}")
            if summary.cancelled:
                text = self.tr("Cancelled.") + " " + text
            self.s.status(text, 10000)
            self.carried.emit(summary)

        def failed(error: BaseException) -> None:
            self._close_progress()
            message = str(error)
            if isinstance(error, CarryError):
                message = self._carry_error_text(error)
            box = QMessageBox(QMessageBox.Icon.Warning, title, message,
                              QMessageBox.StandardButton.Ok, self.s.parent)
            box.setTextFormat(Qt.TextFormat.PlainText)
            box.setModal(False)
            box.show()
            self.carried.emit(None)

        # an export being written is finished (or cancelled, leaving no file) before the program ends
        self.s.ops.task(work, success=done, failure=failed, report=reported, finish_before_exit=True)
        return True

    def _carry_error_text(self, error: CarryError) -> str:
        text = str(error)
        if "not a picture file" in text:
            return self.tr("This file is not a picture file written by s1reader (Export pictures "
                           "or `s1reader media export`).")
        if "newer s1reader" in text:
            return self.tr("This picture file was written by a newer s1reader; update s1reader "
                           "to import it.")
        if "no such file" in text:
            return self.tr("The file is not there any more.")
        return self.tr("The picture file could not be written or read: %1").replace("%1", text)

    # -- full-size viewer

    def open_image(self, url: str) -> None:
        image = self.images.full_image(url)
        if image is None:
            status = self.images.status(url) or "missing"
            self.s.status(ImageSource.placeholder_title(status) + " — " + url, 8000)
            return
        self.viewer = ImageViewer(image, url, self.s.parent)
        self.viewer.show()

    # -- closing

    def close(self) -> None:
        """At quit: stop downloads and loads without waiting for any (a stalled download is cut
        or abandoned, never waited for: pictures are a cache, nothing of the user's is in
        them). The cache files are closed only when nothing uses them any more; otherwise the
        end of the process closes them (``busy`` tells the caller)."""
        self._cancel.set()
        self.cache.offline = True
        self.images.stop()
        self.cache.stop()
        if not self.busy():
            self.cache.close()

    def busy(self) -> bool:
        """Whether a picture load or download is still running."""
        return not self.images.idle() or self.cache.busy()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if obj is self.s.parent and event.type() == QEvent.Type.Close:
            self._cancel.set()
        return super().eventFilter(obj, event)

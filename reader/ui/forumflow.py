"""Threads from the forum in the window: File → Save thread from link… (Ctrl+N), Thread →
Refresh (F5) and Refresh all followed threads, and File → Export thread… (md or HTML).

Fetching runs ``reader.forum.sync.ThreadFetcher`` on the thread pool with a progress dialog that
can cancel between pages (stored pages stay stored, and the next fetch continues after them).
The network waits happen on the pool; each page is written on the library's writer thread.
Errors of the forum (deleted thread, login required, no permission) and of the network are
shown in words in a message box; the status bar reports new post counts. Only one fetch runs
at a time. A fetch is an operation (``services.ops.task``) whose result says which threads it
wrote: the library, the open thread and the other views refresh from that. Exports run on the
pool too; HTML exports embed the pictures the media cache holds.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QProgressDialog

from ..export.page import data_uri_source
from ..export.thread import ExportError, ExportResult, export_html, export_markdown, file_title
from ..forum.errors import (
    KIND_API_CHANGED,
    KIND_BAD_RESPONSE,
    KIND_FORUM_CLOSED,
    KIND_HTTP,
    KIND_LOGIN,
    KIND_NETWORK,
    KIND_NO_PERMISSION,
    KIND_NOT_FOUND,
    KIND_OFFLINE,
    KIND_SESSION_EXPIRED,
    ForumError,
)
from ..forum.links import LinkError, parse_thread_link
from ..store import queries
from ..store.changes import Changed, Changes
from ..store.writer import library_writer
from .services import WindowServices
from .taskprogress import close_progress, open_progress, update_progress

if TYPE_CHECKING:
    from ..forum.sync import FetchProgress, FetchResult
    from .mediaflow import MediaFlow

FetchOutcome = tuple[int, "FetchResult | None", "BaseException | None"]


def fetch_changes(results: list[FetchOutcome]) -> Changes:
    """What a fetch changed: the threads it stored pages of, and the posts of those it added
    posts to or changed posts in."""
    stored = [(tid, r) for tid, r, _e in results if r is not None and r.pages]
    return Changes(threads=frozenset(t for t, _r in stored),
                   posts=frozenset(t for t, r in stored if r.posts_added or r.posts_updated))


def _kept_session():  # -> ForumSession | None (called on the pool: a keyring may take its time)
    """The session kept for the forum (File → Log in to the forum…), or None: a guest."""
    from ..forum.account import AccountError, SessionStore
    from ..forum.client import host_of

    try:
        return SessionStore().load(host_of(None))
    except AccountError:
        return None  # unreadable: a guest, as before the login


class ForumFlow(QObject):
    """``fetched(results)`` is emitted on the GUI thread when a fetch or refresh ends: a list of
    (tid, FetchResult or None, error or None)."""

    fetched = Signal(object)
    exported = Signal(object)  # ExportResult, or None when it failed

    client_options: dict = {}  # ForumClient keyword arguments (tests: no pacing delay)

    def __init__(self, services: WindowServices, media: MediaFlow) -> None:
        super().__init__(services.parent)
        self.s = services
        self.media = media
        self.running = False
        self.progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self._cancel = threading.Event()

    # -- the actions

    def ask_and_fetch(self) -> None:
        """Ctrl+N: ask for a link or tid (the clipboard's, if it holds one), then fetch it."""
        guess = QGuiApplication.clipboard().text().strip()
        try:
            parse_thread_link(guess)
        except LinkError:
            guess = ""
        text, ok = QInputDialog.getText(
            self.s.parent, self.tr("Save thread from link"),
            # the example makes the dialog (and its field) as wide as a whole link
            self.tr("Paste a thread link or a thread id, for example\n"
                    "https://stage1st.com/2b/thread-2274815-1-1.html   or   2274815"),
            QLineEdit.EchoMode.Normal, guess)
        if ok and text.strip():
            self.fetch_link(text)

    def fetch_link(self, text: str) -> bool:
        try:
            link = parse_thread_link(text)
        except LinkError:
            self._show_error(self.tr("Not a thread link"), self.tr(
                "“%1” is neither a thread link nor a thread id.\nExample: "
                "https://stage1st.com/2b/thread-2274815-1-1.html or 2274815")
                .replace("%1", text.strip()[:120]))
            return False
        return self.fetch([link.tid], open_after=True)

    def refresh_thread(self) -> bool:
        """F5: fetch what is new in the open thread."""
        tid = self.s.current_tid()
        if tid is None:
            return False
        return self.fetch([tid], open_after=False)

    def refresh_followed(self) -> bool:
        """Fetch what is new in every thread saved from the forum."""
        return self.fetch(None, open_after=False)

    # -- fetching

    def fetch(self, tids: list[int] | None, open_after: bool) -> bool:
        """Fetch ``tids`` (None: every followed thread) on the pool, with a progress dialog."""
        if self.running:
            self.s.status(self.tr("A download is already running."), 4000)
            return False
        if not self.media.network_allowed():
            self.media.refuse_offline(self.tr("fetching from the forum"))
            return False
        self.running = True
        self._cancel.clear()
        title = (self.tr("Refreshing threads") if tids is None
                 else self.tr("Saving thread %1").replace("%1", str(tids[0])))
        self.progress = open_progress(self.s.parent, title, self.tr("Connecting to the forum…"),
                                      self.tr("Cancel"), 0, self._cancel.set, min_ms=400)
        self.s.status(self.tr("Downloading from the forum…"), 0)
        # the network stack (requests, requests-cache) is loaded at the first fetch, not at start
        from ..forum.client import CACHE_NAME, ForumClient
        from ..forum.sync import FetchCancelled, ThreadFetcher

        cache = self.s.paths.cache / CACHE_NAME
        options = dict(self.client_options)
        cancel = self._cancel

        write = library_writer().call  # the pages are written on the library's writer thread

        def work(report) -> Changed[list[FetchOutcome]]:
            with ForumClient(cache_path=cache, session=_kept_session(), **options) as client:
                fetcher = ThreadFetcher(client, progress=report, should_cancel=cancel.is_set,
                                        write=write)
                if tids is None:
                    out = [(o.tid, o.result, o.error) for o in fetcher.refresh()]
                    return Changed(out, fetch_changes(out))
                out = []
                for tid in tids:
                    try:
                        out.append((tid, fetcher.fetch(tid), None))
                    except FetchCancelled as e:
                        out.append((tid, e.result, e))
                    except ForumError as e:
                        out.append((tid, None, e))
                return Changed(out, fetch_changes(out))

        self.s.ops.task(work, success=lambda results: self._finished(results, open_after),
                        failure=lambda e: self._crashed(e, tids), report=self._reported,
                        initiator=self)
        return True

    def cancel(self) -> None:
        """Stop a running fetch after its current page (the pages stored stay stored)."""
        self._cancel.set()

    def _reported(self, prog: FetchProgress) -> None:
        dlg = self.progress
        if dlg is None:
            return
        text = (self.tr("%1\nPage %2 of %3 · %4 new posts")
                .replace("%1", prog.title or str(prog.tid)).replace("%2", str(prog.page))
                .replace("%3", str(prog.last_page)).replace("%4", str(prog.posts_added)))
        self.s.status(text.replace("\n", " — "), 0)
        update_progress(dlg, text, prog.pages_done, prog.pages_total)

    def _close_progress(self) -> None:
        close_progress(self.progress)
        self.progress = None
        self.running = False

    def _finished(self, results: list, open_after: bool) -> None:
        from ..forum.sync import FetchCancelled

        self._close_progress()
        stored = [(tid, r) for tid, r, _e in results if r is not None and r.pages]
        errors = [(tid, e) for tid, _r, e in results if e is not None
                  and not isinstance(e, FetchCancelled)]
        cancelled = any(isinstance(e, FetchCancelled) for _t, _r, e in results)
        added = sum(r.posts_added for _t, r in stored)
        # the views showed what was stored (its changes came first); a newly saved thread opens
        if open_after and stored:
            self.s.open_thread(stored[0][0])
        if len(results) == 1 and stored:
            tid, r = stored[0]
            message = (self.tr("“%1”: %2 new posts, %3 updated.")
                       .replace("%1", r.title or str(tid)).replace("%2", str(r.posts_added))
                       .replace("%3", str(r.posts_updated)))
        elif not results:
            message = self.tr("No followed threads to refresh. Save a thread from a link first.")
        else:
            message = (self.tr("Refreshed %n threads: %2 new posts.", "", len(results))
                       .replace("%2", str(added)))
            if errors:
                message += " " + self.tr("%1 failed.").replace("%1", str(len(errors)))
        if cancelled:
            message = self.tr("Stopped; the pages saved so far are kept (fetch again to "
                              "continue).") + " " + message
        self.s.status(message, 12000)
        if errors:
            lines = [f"{self._thread_name(tid)}: {self.describe(e)}" for tid, e in errors]
            details = "\n\n".join(f"{tid}: {e}" for tid, e in errors)
            self._show_error(self.tr("Could not download from the forum"), "\n\n".join(lines), details)
        self.fetched.emit(results)

    def _crashed(self, error: BaseException, tids: list[int] | None) -> None:
        self._close_progress()
        # pages stored before the error stay stored: the views look at those threads again
        self.s.ops.announce(Changes.of_threads(tids) if tids else Changes.every_thread(), self)
        self.s.status("", 0)
        self._show_error(self.tr("Could not download from the forum"), self.describe(error), str(error))
        self.fetched.emit([(None, None, error)])

    def _thread_name(self, tid: int) -> str:
        info = queries.get_thread(tid)
        if info is None:
            from ..store.followed import followed_thread

            followed = followed_thread(tid)
        else:
            followed = None
        title = info.title if info else (followed.title if followed else "")
        return f"{title} ({tid})" if title else self.tr("Thread %1").replace("%1", str(tid))

    def describe(self, error: BaseException) -> str:
        """The error in the reader's language: what happened and what to do, with the forum's own
        words when it gave some (the English details go to the box's "Show Details…")."""
        if not isinstance(error, ForumError):
            return str(error)
        login = self.tr("Log in with File → Log in to the forum…, then try again.")
        head = {
            KIND_NOT_FOUND: self.tr("The thread does not exist or was deleted."),
            KIND_LOGIN: self.tr("Only members of the forum can read this thread.") + " " + login,
            KIND_SESSION_EXPIRED: self.tr("The forum no longer accepts your session as %1: it "
                                          "has expired.").replace("%1", error.account or "?")
                                  + " " + login,
            KIND_NO_PERMISSION: self.tr("You have no permission to read this thread."),
            KIND_NETWORK: self.tr("The forum could not be reached in time (check the network, or "
                                  "try again later)."),
            KIND_OFFLINE: self.tr("No network: this computer seems to be offline. Connect to the "
                                  "network and try again."),
            KIND_FORUM_CLOSED: self.tr("The forum has switched off its mobile interface, through "
                                       "which s1reader reads it. Try again later."),
            KIND_API_CHANGED: self.tr("The forum's interface has changed; a newer s1reader may be "
                                      "needed."),
            KIND_HTTP: self.tr("The forum answered with an error, or sent s1reader elsewhere."),
            KIND_BAD_RESPONSE: self.tr("The forum's answer could not be read; nothing of it was "
                                       "saved. Try again later."),
        }.get(error.kind)
        if head is None:
            return error.forum_message or str(error)
        if error.kind == KIND_NO_PERMISSION and not error.account:
            head += " " + self.tr("If your account may read it, log in with File → Log in to the "
                                  "forum….")
        return f"{head}\n{error.forum_message}" if error.forum_message else head

    def _show_error(self, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self.s.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details and details != text:
            box.setDetailedText(details)
        box.setModal(False)
        box.show()
        self.message_box = box

    # -- export

    def export_thread(self, path: str | None = None) -> None:
        """File → Export thread…: the open thread as archive markdown (.md) or an HTML page."""
        tid = self.s.current_tid()
        info = queries.get_thread(tid) if tid is not None else None
        if info is None:
            return
        md_filter = self.tr("Archive format (*.md)")
        html_filter = self.tr("Web page (*.html)")
        if path is None:
            start = str(Path.home() / f"{info.tid}-01[{file_title(info.title)}].md")
            path, chosen = QFileDialog.getSaveFileName(
                self.s.parent, self.tr("Export thread"), start, f"{md_filter};;{html_filter}")
            if not path:
                return
            if chosen == html_filter and not path.lower().endswith((".html", ".htm")):
                path = str(Path(path).with_suffix(".html"))
        as_html = path.lower().endswith((".html", ".htm"))
        if not as_html and not path.lower().endswith((".md", ".txt")):
            path += ".md"
        cache = self.media.cache

        def work() -> ExportResult:
            if not as_html:
                return export_markdown(info.tid, path)
            if cache is None:
                return export_html(info.tid, path)

            missing: set[str] = set()

            def lookup(url: str) -> tuple[bytes | None, str | None]:
                item = cache.lookup(url)
                if not item.cached:
                    missing.add(item.key)
                return (item.data, item.format) if item.cached else (None, None)

            result = export_html(info.tid, path, data_uri_source(lookup))
            return replace(result, pictures_missing=len(missing))

        self.s.status(self.tr("Exporting…"), 0)
        self.s.ops.task(work, success=self._exported, failure=self._export_failed,
                        finish_before_exit=True)

    def _exported(self, result: ExportResult) -> None:
        text = self.tr("Exported %1 posts to %2").replace("%1", str(result.posts)) \
            .replace("%2", ", ".join(str(f) for f in result.files))
        if result.pictures_missing:
            text += " " + self.tr("(%1 pictures were not downloaded and stay links: Thread → Download "
                                  "images of this thread, then export again)") \
                .replace("%1", str(result.pictures_missing))
        self.s.status(text, 15000)
        self.exported.emit(result)

    def _export_failed(self, error: BaseException) -> None:
        self.s.status("", 0)
        text = str(error) if isinstance(error, ExportError | OSError) else repr(error)
        self._show_error(self.tr("Export failed"), text)
        self.exported.emit(None)

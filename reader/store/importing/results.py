"""What an import reports: failures with path and line, progress while it runs, the result."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from ..sources import ImportConflict


@dataclass
class ImportFailure:
    path: str
    line: int
    message: str

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "message": self.message}


@dataclass
class ImportProgress:
    files_total: int = 0
    files_done: int = 0
    bytes_total: int = 0
    bytes_done: int = 0
    posts_added: int = 0
    current: str = ""
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def mib_per_s(self) -> float:
        return self.bytes_done / 1048576 / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if not self.bytes_done:
            return None
        rate = self.bytes_done / self.elapsed if self.elapsed > 0 else 0
        return (self.bytes_total - self.bytes_done) / rate if rate else None


@dataclass
class ThreadOutcome:
    """What writing one thread (all its files of this import) came to."""

    threads: int = 0
    posts_added: int = 0
    posts_updated: int = 0
    skipped: int = 0  # files read again whose bytes had not changed
    failed: list[ImportFailure] = field(default_factory=list)
    notes: list[ImportFailure] = field(default_factory=list)
    conflicts: list[ImportConflict] = field(default_factory=list)

    @property
    def posts_written(self) -> int:
        return self.posts_added + self.posts_updated


@dataclass
class ImportResult:
    files: int = 0
    skipped: int = 0
    ignored: list[str] = field(default_factory=list)
    failed: list[ImportFailure] = field(default_factory=list)
    notes: list[ImportFailure] = field(default_factory=list)  # posts skipped or flattened
    threads: int = 0
    posts_added: int = 0
    posts_updated: int = 0
    cancelled: bool = False
    seconds: float = 0.0
    bytes: int = 0
    conflicts: list[ImportConflict] = field(default_factory=list)
    reread: bool = False
    retired_demo: list[int] = field(default_factory=list)  # demo threads deleted after it

    def add(self, outcome: ThreadOutcome) -> None:
        self.threads += outcome.threads
        self.posts_added += outcome.posts_added
        self.posts_updated += outcome.posts_updated
        self.skipped += outcome.skipped
        self.failed.extend(outcome.failed)
        self.notes.extend(outcome.notes)
        self.conflicts.extend(outcome.conflicts)

    def as_dict(self) -> dict:
        return {
            "files": self.files,
            "skipped": self.skipped,
            "ignored": self.ignored,
            "failed": [f.as_dict() for f in self.failed],
            "conflicts": [c.as_dict() for c in self.conflicts],
            "reread": self.reread,
            "notes": [n.as_dict() for n in self.notes],
            "threads": self.threads,
            "posts_added": self.posts_added,
            "posts_updated": self.posts_updated,
            "cancelled": self.cancelled,
            "seconds": round(self.seconds, 3),
            "bytes": self.bytes,
        }

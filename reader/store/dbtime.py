"""How times are written in the library: ``YYYY-MM-DD HH:MM:SS`` text (China time, as in the
archives), one format for every table, read and written only through these functions."""

from __future__ import annotations

from datetime import datetime

DB_TIME = "%Y-%m-%d %H:%M:%S"


def to_db(value: datetime) -> str:
    return value.isoformat(sep=" ", timespec="seconds")


def from_db(value) -> datetime | None:
    """A stored time (text, or a datetime peewee already converted) as a datetime; None stays."""
    if value is None or value == "" or isinstance(value, datetime):
        return value or None
    text = str(value)[:19]
    try:
        return datetime.fromisoformat(text)  # the stored form; 20x faster than strptime
    except ValueError:
        return datetime.strptime(text, DB_TIME)


def db_now() -> str:
    return to_db(datetime.now())

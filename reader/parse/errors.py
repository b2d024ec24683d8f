"""The one exception the parser raises: a file that is not in the archive format."""

from __future__ import annotations


class FormatError(ValueError):
    """Input that is not a thread in the archive format, with the file and line where it broke."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message

"""Only reader/store talks to the library database: no other package runs SQL on it (issue 14).

reader/media/index.py is left out: it is the media cache's own SQLite file, not the library.
"""

from __future__ import annotations

import re
from pathlib import Path

READER = Path(__file__).resolve().parent.parent / "reader"
OWN_DATABASE = {"media/index.py"}  # the media cache's index, a separate file
LIBRARY_SQL = re.compile(r"\bexecute_sql\(|\bdatabase\.execute\(|\bdatabase\.cursor\(")


def test_no_module_outside_the_store_runs_sql_on_the_library():
    offenders = []
    for path in sorted(READER.rglob("*.py")):
        rel = path.relative_to(READER).as_posix()
        if rel.startswith("store/") or rel in OWN_DATABASE:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if LIBRARY_SQL.search(line):
                offenders.append(f"reader/{rel}:{n}: {line.strip()}")
    assert offenders == [], "SQL outside reader/store:\n" + "\n".join(offenders)

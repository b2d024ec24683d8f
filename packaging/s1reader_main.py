"""The entry point of the frozen (PyInstaller) build: ``s1reader`` as one program.

``multiprocessing.freeze_support()`` comes first: the importer parses big imports in worker
processes (forkserver on Linux, spawn elsewhere), and in a frozen program those workers are
started by running this same executable, which must then become the worker instead of opening a
second window.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from reader.cli import main

    sys.exit(main())

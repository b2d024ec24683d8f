"""Writing threads out of the library: the archive's markdown format and a standalone HTML page.

No Qt here. ``archive`` turns typed blocks back into the archive text the parser reads (so an
export imports as the same posts); ``html`` renders one self-contained page; ``thread`` loads a
stored thread and writes the files.
"""

"""The reading tools around the thread view, one module per task: navigation (jumps, links,
back/forward), the author filter, marking users, find in thread and conversations. Each is given
the view, the store functions and the few window services it needs (``services``); the window
wires them together through :class:`reader.ui.readingtools.ReadingTools`."""

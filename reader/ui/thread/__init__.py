"""The thread view: its model (posts and the reading state), delegate (painting and hit tests),
view, and the links its cards and previews carry (``links``)."""

"""Saving threads from the Stage1st forum (Discuz! mobile API) into the library. No Qt.

* ``links``: the thread id in any link a user pastes, and the configurable forum base URL;
* ``client``: a polite HTTP client for ``api/mobile/index.php`` (cache, pacing, retries, clear
  errors from the forum's messages);
* ``convert``: a post of the API (HTML message) to the same ``reader.parse.Post`` the archive
  parser makes, by writing it in the archive's text form and parsing that;
* ``sync``: fetch and refresh threads page by page through the importer, resumable, and the
  list of followed threads.
"""

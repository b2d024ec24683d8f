"""The messages of the lower layers (parser, import, user data, keyword rules) in the reader's
language. Those layers speak English and never import Qt; the window shows their messages through
``translated``, which recognises each known message by its pattern and fills the translated
sentence (context "ErrorText" in the .ts) with the message's own details. A message no pattern
knows is shown as it is.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# (pattern of the English message, the sentence to translate with %1, %2 … for its groups)
_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.S), t) for p, t in (
    # parser (reader/parse/thread.py)
    (r"expected an author line '####  NAME', found (.*)",
     QT_TRANSLATE_NOOP("ErrorText", "expected an author line '####  NAME', found %1")),
    (r"expected a floor line '##### N#  发表于 YYYY-M-D H:MM'",
     QT_TRANSLATE_NOOP("ErrorText", "expected a floor line '##### N#  发表于 YYYY-M-D H:MM'")),
    (r"bad date: (.*)", QT_TRANSLATE_NOOP("ErrorText", "bad date: %1")),
    (r"(post #\d+|a post) holds ([\d,]+) characters, more than the ([\d,]+) a post may have.*",
     QT_TRANSLATE_NOOP("ErrorText", "%1 holds %2 characters, more than the %3 a post may have "
                                    "(the forum allows about 10,000)")),
    (r"unreadable post: (.*)", QT_TRANSLATE_NOOP("ErrorText", "unreadable post: %1")),
    (r"no post between the '\*\*\*\*\*' separators: not an archive thread",
     QT_TRANSLATE_NOOP("ErrorText", "no post between the '*****' separators: not an archive thread")),
    (r"no '\*\*\*\*\*' post separator found: not an archive thread",
     QT_TRANSLATE_NOOP("ErrorText", "no '*****' post separator found: not an archive thread")),
    (r"cannot tell the thread id: .*",
     QT_TRANSLATE_NOOP("ErrorText", "cannot tell the thread id: the file name is not "
                                    "'<tid>-<NN>[title].md' and no quote link names a ptid; rename "
                                    "the file to that pattern")),
    (r"not a text file: the bytes are (.*)",
     QT_TRANSLATE_NOOP("ErrorText", "not a text file: the bytes are %1")),
    (r"UTF-16 text; save the file as UTF-8 and import it again",
     QT_TRANSLATE_NOOP("ErrorText", "UTF-16 text; save the file as UTF-8 and import it again")),
    (r"not UTF-8 text \(byte (\d+); .*",
     QT_TRANSLATE_NOOP("ErrorText", "not UTF-8 text (byte %1; GBK or another encoding?); save the "
                                    "file as UTF-8 and import it again")),
    # import (reader/store/importing, reader/store/prepare.py)
    (r"cannot list the folder: (.*)", QT_TRANSLATE_NOOP("ErrorText", "cannot list the folder: %1")),
    (r"cannot read: not a regular file .*",
     QT_TRANSLATE_NOOP("ErrorText", "cannot read: not a regular file (a device, a pipe or a "
                                    "folder); give the archive's .md files")),
    (r"cannot read: (.*)", QT_TRANSLATE_NOOP("ErrorText", "cannot read: %1")),
    (r"the file holds ([\d,]+) MiB, more than the (\d+) MiB .*",
     QT_TRANSLATE_NOOP("ErrorText", "the file holds %1 MiB, more than the %2 MiB a thread file may "
                                    "have; split it into parts (`s1reader export TID --format md -o "
                                    "FOLDER` writes such parts)")),
    (r"cannot import: (.*)", QT_TRANSLATE_NOOP("ErrorText", "cannot import: %1")),
    # user data and keyword rules (reader/store/userdata.py, reader/store/rulematch.py)
    (r"a user name is needed", QT_TRANSLATE_NOOP("ErrorText", "a user name is needed")),
    (r"a rule needs a word or a regular expression",
     QT_TRANSLATE_NOOP("ErrorText", "a rule needs a word or a regular expression")),
    (r"the regular expression is longer than (\d+) characters",
     QT_TRANSLATE_NOOP("ErrorText", "the regular expression is longer than %1 characters")),
    (r"not a valid regular expression: (.*)",
     QT_TRANSLATE_NOOP("ErrorText", "not a valid regular expression: %1")),
    (r"the regular expression repeats a group that itself repeats .*",
     QT_TRANSLATE_NOOP("ErrorText", "the regular expression repeats a group that itself repeats "
                                    "(like (a+)+), which can take forever on some posts; write it "
                                    "without the nested repetition")),
    (r"not a colour: (.*?) \(give .*",
     QT_TRANSLATE_NOOP("ErrorText", "not a colour: %1 (give #rgb or #rrggbb such as #e8a317, or a "
                                    "name such as orange)")),
))


def translated(message: str) -> str:
    """``message`` in the interface language when it is a known one, else as it is."""
    for pattern, template in _KNOWN:
        m = pattern.fullmatch(message)
        if m is None:
            continue
        text = QCoreApplication.translate("ErrorText", template)
        for n, value in enumerate(m.groups(), 1):
            text = text.replace(f"%{n}", value)
        return text
    return message

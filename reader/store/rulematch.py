"""Keyword rules that cannot hang the program: checked when added, time-boxed when matched.

A regular expression written by a user (or read from a backup) can take exponential time on
some texts (``(a+)+$`` on "aaaa…!"). Two guards: :func:`check_pattern` refuses patterns that
do not compile and the usual catastrophic shape (a repeated group that itself repeats), and
:class:`RuleMatcher` matches with the ``regex`` engine under a per-text timeout; a rule that
runs out of time once is dropped for the rest of that pass and listed in ``too_slow``; so is
one that is merely slow on every text (under the per-text box each time) once its time over the
whole pass reaches ``PASS_BUDGET``. One pass over a 30,000-post thread costs at most about
``PASS_BUDGET`` per rule.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Protocol

import regex

MATCH_TIMEOUT = 0.1  # seconds per rule and text
PASS_BUDGET = 1.0  # seconds per rule over one pass (all the texts of a thread)
MAX_PATTERN = 500


class RulePatternError(ValueError):
    """A rule's pattern that is refused, with a message saying why."""


class Rule(Protocol):
    pattern: str
    is_regex: bool


def _nested_repeat(items, inside_repeat: bool = False) -> bool:
    """True when a repeat (``+``, ``*``, ``{n,}``) contains another unbounded repeat."""
    from re import _parser  # the standard parser: only to inspect the shape of a pattern

    repeats = (_parser.MAX_REPEAT, _parser.MIN_REPEAT, getattr(_parser, "POSSESSIVE_REPEAT", None))
    for op, arg in items:
        inner = inside_repeat
        if op in repeats:
            unbounded = arg[1] == _parser.MAXREPEAT or arg[1] > 100
            if inside_repeat and unbounded:
                return True
            children, inner = [arg[2]], inside_repeat or unbounded
        elif op == _parser.SUBPATTERN:
            children = [arg[-1]]
        elif op == _parser.BRANCH:
            children = list(arg[1])
        elif op in (_parser.ASSERT, _parser.ASSERT_NOT):
            children = [arg[1]]
        else:
            continue
        if any(_nested_repeat(c, inner) for c in children):
            return True
    return False


def check_pattern(pattern: str) -> None:
    """Raise :class:`RulePatternError` unless ``pattern`` is a usable, bounded regular expression."""
    if len(pattern) > MAX_PATTERN:
        raise RulePatternError(f"the regular expression is longer than {MAX_PATTERN} characters")
    try:
        compiled(pattern)
    except (regex.error, re.error, RecursionError, OverflowError) as e:
        raise RulePatternError(f"not a valid regular expression: {e}") from None
    try:
        from re import _parser

        tree = _parser.parse(pattern, re.I)
    except (re.error, RecursionError, OverflowError):
        return  # syntax only the regex engine knows: the timeout still bounds it
    if _nested_repeat(tree):
        raise RulePatternError(
            "the regular expression repeats a group that itself repeats (like (a+)+), which can "
            "take forever on some posts; write it without the nested repetition")


@lru_cache(maxsize=256)
def compiled(pattern: str) -> regex.Pattern:
    return regex.compile(pattern, regex.IGNORECASE | regex.VERSION0)


class RuleMatcher:
    """Matches texts against rules in order; drops a regex rule that exceeds the time box."""

    def __init__(self, rules: Iterable) -> None:
        self.rules = list(rules)
        self.too_slow: list = []
        self._spent: dict[int, float] = {}  # seconds each regex rule took in this pass

    def first_match(self, text: str):
        """The first rule that matches ``text``, or None."""
        for rule in list(self.rules):
            if not rule.is_regex:
                if rule.pattern.lower() in text.lower():
                    return rule
                continue
            spent = self._spent.get(id(rule), 0.0)
            started = time.monotonic()
            try:
                found = compiled(rule.pattern).search(
                    text, timeout=max(0.001, min(MATCH_TIMEOUT, PASS_BUDGET - spent)))
            except TimeoutError:
                found = None
                spent = PASS_BUDGET
            except (regex.error, re.error, RecursionError):
                self.rules.remove(rule)
                continue
            spent += time.monotonic() - started
            self._spent[id(rule)] = spent
            if found is not None:
                return rule
            if spent >= PASS_BUDGET:  # out of time on one text, or slow on all of them
                self.rules.remove(rule)
                self.too_slow.append(rule)
        return None


def first_matches(texts: Iterable[tuple[int, str]], rules: Iterable) -> tuple[dict[int, object], list]:
    """The first rule that matches each text (``texts`` are (key, text) pairs; keys without a
    match are left out), and the rules dropped as too slow. Stops reading ``texts`` once every
    rule is dropped."""
    matcher = RuleMatcher(rules)
    found: dict[int, object] = {}
    if matcher.rules:
        for key, text in _until_empty(texts, matcher):
            rule = matcher.first_match(text)
            if rule is not None:
                found[key] = rule
    return found, matcher.too_slow


def _until_empty(texts: Iterable[tuple[int, str]], matcher: RuleMatcher) -> Iterator[tuple[int, str]]:
    for item in texts:
        if not matcher.rules:
            return
        yield item

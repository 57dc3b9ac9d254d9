"""Case-insensitive patterns tested on lower-cased text, where that gives the same answer.

Python's `re` matches a case-insensitive pattern about twice as slowly as a case-sensitive one. A
pattern written in lower case (letters lower-case ASCII, other characters without case; no flag groups,
no back-references) finds a match in a text exactly when its case-sensitive form finds one in
`text.lower()`, at the same offsets, unless the text holds one of the few characters Unicode folds onto
an ASCII letter in another way (the dotted and dotless i, the long s, the Kelvin sign) or whose lower
case is longer (the dotted capital I): such a text is searched as usual.
"""

from __future__ import annotations

import re

try:  # re's own parser: private, so a Python without it searches every pattern as written
    from re import _constants, _parser
except ImportError:  # pragma: no cover - CPython 3.11-3.13 have both
    _constants = _parser = None

# The characters other than x and X that match an ASCII letter x case-insensitively (tests check the
# table); the dotted capital I's lower case is also longer than one character.
CASE_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_FOLDS_ONTO_ASCII = re.compile(f"[{''.join(CASE_FOLDS.values())}]")


class FoldedPattern:
    """A case-insensitive pattern with a faster test for whether it occurs in a text."""

    __slots__ = ("pattern", "_lower")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._lower = _lower_case_form(pattern)

    def found(self, text: str) -> bool:
        """Whether the pattern occurs in `text` (as `pattern.search(text) is not None`)."""
        if self._lower is not None and not _FOLDS_ONTO_ASCII.search(text):
            return self._lower.search(text.lower()) is not None
        return self.pattern.search(text) is not None


def _lower_case_form(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The pattern without IGNORECASE, when it then matches lower-cased text as it matched the text."""
    flags = pattern.flags
    if _parser is None or not isinstance(pattern.pattern, str):
        return None
    if not flags & re.IGNORECASE or flags & (re.LOCALE | re.ASCII):
        return None
    try:
        parsed = _parser.parse(pattern.pattern, flags & ~re.IGNORECASE)
    except re.error:
        return None
    if not _lower_only(parsed):
        return None
    return re.compile(pattern.pattern, flags & ~re.IGNORECASE)


def _lower_letter_or_uncased(code: int) -> bool:
    """An ASCII character that is no upper-case letter, or any character without case ("’", "-")."""
    char = chr(code)
    return not char.isupper() if char.isascii() else char.lower() == char.upper()


def _lower_range(low: int, high: int) -> bool:
    """A range of characters that are all lower-case ASCII letters or without case ("a-z", "‘-’")."""
    if high - low > 256:
        return False
    return all(_lower_letter_or_uncased(code) for code in range(low, high + 1))


def _lower_only(items) -> bool:
    """No upper-case letter, upper-case range, flag group or back-reference anywhere in a parsed pattern."""
    for op, av in items:
        if op in (_constants.LITERAL, _constants.NOT_LITERAL):
            if not _lower_letter_or_uncased(av):
                return False
        elif op is _constants.IN:
            for item_op, item in av:
                if item_op is _constants.LITERAL and not _lower_letter_or_uncased(item):
                    return False
                if item_op is _constants.RANGE and not _lower_range(*item):
                    return False
        elif op is _constants.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags or not _lower_only(sub):
                return False
        elif op is _constants.BRANCH:
            if not all(_lower_only(sub) for sub in av[1]):
                return False
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT):
            if not _lower_only(av[2]):
                return False
        elif op in (_constants.ASSERT, _constants.ASSERT_NOT):
            if not _lower_only(av[1]):
                return False
        elif op is _constants.ATOMIC_GROUP:
            if not _lower_only(av):
                return False
        elif op not in (_constants.AT, _constants.ANY, _constants.CATEGORY):
            return False  # back-references, conditionals: not worth the doubt
    return True


_FORMS: dict[int, tuple[re.Pattern[str], FoldedPattern]] = {}  # id -> (the pattern, kept alive; its form)


def found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` occurs in `text` (`pattern.search(text) is not None`), tested in lower case when
    that gives the same answer; the lower-case form is made once per pattern."""
    entry = _FORMS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _FORMS[id(pattern)] = (pattern, FoldedPattern(pattern))
    return entry[1].found(text)

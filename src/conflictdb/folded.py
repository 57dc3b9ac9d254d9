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
from collections.abc import Iterator

try:  # re's own parser: private, so a Python without it searches every pattern as written
    from re import _constants, _parser
except ImportError:  # pragma: no cover - CPython 3.11-3.13 have both
    _constants = _parser = None

# The characters other than x and X that match an ASCII letter x case-insensitively (tests check the
# table); the dotted capital I's lower case is also longer than one character.
CASE_FOLDS = {"i": "\u0130\u0131", "k": "\u212a", "s": "\u017f"}
_FOLDS_ONTO_ASCII = re.compile(f"[{''.join(CASE_FOLDS.values())}]")


def _lower_case(text: str) -> str | None:
    """`text.lower()`, or None when `text` holds a character that folds onto an ASCII letter otherwise
    than by its lower case. A sentence is tested against one pattern after another: the answer for the
    last text asked about is kept (by identity; the tuple is swapped whole, so threads read a pair)."""
    global _LAST
    last = _LAST
    if last[0] is text:
        return last[1]
    low = None if _FOLDS_ONTO_ASCII.search(text) else text.lower()
    _LAST = (text, low)
    return low


_LAST: tuple[str | None, str | None] = (None, None)  # the last text `_lower_case` read, and its answer


class FoldedPattern:
    """A case-insensitive pattern with a faster test for whether it occurs in a text."""

    __slots__ = ("pattern", "_lower")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._lower = lower_case_form(pattern)

    def found(self, text: str) -> bool:
        """Whether the pattern occurs in `text` (as `pattern.search(text) is not None`)."""
        if self._lower is not None and (low := _lower_case(text)) is not None:
            return self._lower.search(low) is not None
        return self.pattern.search(text) is not None


def lower_case_form(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`pattern` without IGNORECASE, when it matches `text.lower()` where `pattern` matches `text` (same
    offsets and groups, bar case) for every text `folds_as_lower` accepts; None when it may not."""
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


def folds_as_lower(text: str, low: str) -> bool:
    """Whether `low` (`text.lower()`) may stand for `text` under a `lower_case_form`: the same length,
    and no character that folds onto an ASCII letter otherwise than by its lower case."""
    return len(low) == len(text) and not _FOLDS_ONTO_ASCII.search(text)


def lowered(text: str) -> str | None:
    """`text.lower()` when the lower-case forms of patterns may search it in place of `text`
    (`folds_as_lower`), else None: made once per text for `search_in` and `match_in`."""
    low = _lower_case(text)
    return low if low is not None and len(low) == len(text) else None


def search_in(
    pattern: re.Pattern[str], text: str, low: str | None, pos: int = 0, endpos: int | None = None
) -> re.Match[str] | None:
    """`pattern.search(text, pos, endpos)`, run in `low` (`lowered(text)`) by the pattern's lower-case
    form when it has one: the same span, but the groups read in lower case."""
    form = _form(pattern)._lower if low is not None else None
    searched, used = (low, form) if form is not None else (text, pattern)
    return used.search(searched, pos) if endpos is None else used.search(searched, pos, endpos)


def match_in(
    pattern: re.Pattern[str], text: str, low: str | None, pos: int = 0, endpos: int | None = None
) -> re.Match[str] | None:
    """`pattern.match(text, pos, endpos)` as `search_in` runs a search."""
    form = _form(pattern)._lower if low is not None else None
    searched, used = (low, form) if form is not None else (text, pattern)
    return used.match(searched, pos) if endpos is None else used.match(searched, pos, endpos)


def finditer_in(
    pattern: re.Pattern[str], text: str, low: str | None, pos: int = 0
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos)` as `search_in` runs a search."""
    form = _form(pattern)._lower if low is not None else None
    return form.finditer(low, pos) if form is not None else pattern.finditer(text, pos)


def _form(pattern: re.Pattern[str]) -> FoldedPattern:
    """The folded form of `pattern`, made once per pattern (kept in `_FORMS`)."""
    entry = _FORMS.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = _FORMS[id(pattern)] = (pattern, FoldedPattern(pattern))
    return entry[1]


_FORMS: dict[int, tuple[re.Pattern[str], FoldedPattern]] = {}  # id -> (the pattern, kept alive; its form)


def found(pattern: re.Pattern[str], text: str) -> bool:
    """Whether `pattern` occurs in `text` (`pattern.search(text) is not None`), tested in lower case when
    that gives the same answer; the lower-case form is made once per pattern."""
    return _form(pattern).found(text)


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings one of which every match of the pattern holds, in `text.lower()` for a case-insensitive
    pattern (one in lower case, as FoldedPattern searches it) and in the text as it is for a
    case-sensitive one; None when no such set is known. A cheap test that rules a text out before the
    pattern is run."""
    literals, lowered = literal_screen(pattern)
    return literals if lowered == bool(pattern.flags & re.IGNORECASE) else None


def literal_screen(pattern: re.Pattern[str]) -> tuple[frozenset[str] | None, bool]:
    """(literals, lowered): strings one of which every match of the pattern holds, in `text.lower()` when
    `lowered`, else in the text as it is; no literals when no such set is known. Lowered for a
    case-insensitive pattern in lower case, and for a case-sensitive one whose words are all in one
    lower-case group of its own flag, next to anchors only: `(?i:...)$`."""
    flags = pattern.flags
    if _parser is None or not isinstance(pattern.pattern, str) or flags & re.LOCALE:
        return None, False
    if flags & re.ASCII and flags & re.IGNORECASE:
        return None, True
    try:
        parsed = _parser.parse(pattern.pattern, flags & ~re.IGNORECASE)
    except re.error:
        return None, False
    lowered = bool(flags & re.IGNORECASE)
    if not lowered and not flags & re.ASCII and (scoped := _case_insensitive_group(parsed)) is not None:
        parsed, lowered = scoped, True
    if lowered and not _lower_only(parsed):
        return None, lowered  # no lower-case form: the literals would not tell
    needed = _needed(parsed)
    return (frozenset(needed) if needed else None), lowered


def _case_insensitive_group(items):
    """The items of the one group with the IGNORECASE flag of its own (`(?i:...)`) that a parsed
    pattern is made of beside anchors (^, $, \\b), if it is so made."""
    groups = [av for op, av in items if op is _constants.SUBPATTERN]
    if len(groups) != 1 or any(op not in (_constants.SUBPATTERN, _constants.AT) for op, _ in items):
        return None
    _group, add_flags, del_flags, sub = groups[0]
    return sub if add_flags == re.IGNORECASE and not del_flags else None


def _needed(items) -> set[str] | None:
    """Literals one of which a match of a parsed sequence holds: those of its longest run of literal
    characters, or of the item whose literals are the longest (a group, a branch, a repeat)."""
    best: set[str] | None = None
    run: list[str] = []

    def better(found: set[str] | None) -> None:
        nonlocal best
        if found and (best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    for op, av in items:
        if op is _constants.LITERAL:
            run.append(chr(av))
            continue
        better({"".join(run)} if run else None)
        run = []
        if op is _constants.SUBPATTERN and not (av[1] or av[2]):  # a group of its own flags: unknown
            better(_needed(av[3]))
        elif op is _constants.BRANCH:
            branches = [_needed(sub) for sub in av[1]]
            if all(branches):
                better(set().union(*branches))
        elif (
            op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT, _constants.POSSESSIVE_REPEAT) and av[0] >= 1
        ):
            better(_needed(av[2]))
        elif op is _constants.ATOMIC_GROUP:
            better(_needed(av))
    better({"".join(run)} if run else None)
    return best


MAX_LITERALS = 32  # with more literals to test, the pattern's own scan is about as quick


class FilteredPattern:
    """A pattern that first rules a text out by the literals every match holds (one `in` test each,
    far cheaper than a scan), then searches as the pattern does; `found` searches in lower case as
    FoldedPattern does. Same answers as the pattern, for `search`, `match` and `finditer` alike."""

    __slots__ = ("pattern", "_folded", "_needs", "_lowered")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._folded: FoldedPattern | None = None  # made at the first `found`
        needs, self._lowered = literal_screen(pattern)  # lowered: the literals are of the lower-case form
        self._needs = tuple(sorted(needs)) if needs and len(needs) <= MAX_LITERALS else None

    def ruled_out(self, text: str) -> bool:
        """True when no match can be in `text` (nor in any stretch of it)."""
        if self._needs is None:
            return False
        if self._lowered:
            low = _lower_case(text)
            if low is None:
                return False
            text = low
        return _holds_none(text, self._needs)

    def found(self, text: str) -> bool:
        """Whether the pattern occurs in `text`: ruled_out, then FoldedPattern.found, the text tested for
        folding characters and lower-cased once for both."""
        low = _lower_case(text)
        screened = low if self._lowered else text  # None: the lower case cannot be screened
        if self._needs is not None and screened is not None and _holds_none(screened, self._needs):
            return False
        if self._folded is None:
            self._folded = FoldedPattern(self.pattern)
        lower = self._folded._lower
        if lower is not None and low is not None:
            return lower.search(low) is not None
        return self.pattern.search(text) is not None

    def search(self, text: str, *span: int) -> re.Match[str] | None:
        return None if self.ruled_out(_window(text, span)) else self.pattern.search(text, *span)

    def match(self, text: str, *span: int) -> re.Match[str] | None:
        return None if self.ruled_out(_window(text, span)) else self.pattern.match(text, *span)

    def finditer(self, text: str, *span: int) -> Iterator[re.Match[str]]:
        return iter(()) if self.ruled_out(_window(text, span)) else self.pattern.finditer(text, *span)


def _holds_none(text: str, literals: tuple[str, ...]) -> bool:
    """Whether no literal occurs in `text`."""
    for literal in literals:  # noqa: SIM110 - all() over a generator takes three times as long
        if literal in text:
            return False
    return True


def _window(text: str, span: tuple[int, ...]) -> str:
    """The stretch of `text` a search from `pos` to `endpos` (`span`) reads its match from: every literal
    of a match is inside it (look-behinds hold none)."""
    if not span:
        return text
    return text[max(0, span[0]) : span[1]] if len(span) > 1 else text[max(0, span[0]) :]

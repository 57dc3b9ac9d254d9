"""Quantity expressions: "at least 26", "Twenty-seven", "between 10 and 15", "dozens" -> min/max/vague.

The words are data (data/casualty_numbers.yaml), compiled once into a `NumberGrammar`.
`find_quantities` finds expressions in text; `parse_quantity` reads one expression.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from conflictdb import folded
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.prefix_tree import prefix_tree_alternation
from conflictdb.extract.token_stream import WORDS
from conflictdb.records import quick_init

NUMBERS_FILE = "casualty_numbers.yaml"


@quick_init
@dataclass(frozen=True, slots=True)
class Quantity:
    """A count as the text gives it: "at least 4" is 4..None, "about 26" is 26..26 approximate."""

    min: int | None
    max: int | None
    approximate: bool = False
    vague: str | None = None  # "several", "dozens": no number

    @property
    def has_number(self) -> bool:
        return self.min is not None or self.max is not None


@quick_init
@dataclass(frozen=True, slots=True)
class QuantityMatch:
    """A quantity found in a text, with its half-open character range."""

    start: int
    end: int
    quantity: Quantity
    words: str


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: it holds dicts
class NumberGrammar:
    """Number words, modifiers and vague words, with the compiled quantity pattern."""

    values: dict[str, int]  # unit and tens words
    scales: dict[str, int]
    dozen: frozenset[str]
    at_least: frozenset[str]
    at_least_suffix: frozenset[str]
    at_most: frozenset[str]
    approximately: frozenset[str]
    vague: dict[str, str]  # phrase -> canonical vague word
    pattern: re.Pattern[str]
    triggers: frozenset[str]  # words a quantity can start with (besides digits)
    max_count: int  # the largest number that can count people: above it, no quantity
    article: str  # "a dozen", "a hundred": one
    half: str  # "half a dozen"
    joiner: str  # "two hundred and five", "between 10 and 15"
    screen: re.Pattern[str] | None = None  # where such a word may start, in lower case (`_quantity_starts`)
    lower_pattern: re.Pattern[str] | None = None  # `pattern` for lower-cased text (folded.lower_case_form)


def _phrase_pattern(phrases: list[str]) -> str:
    """An alternation of phrases, longest first, any whitespace inside a phrase."""
    ordered = sorted({p.lower() for p in phrases}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def _number_pattern(data: dict) -> str:
    """A pattern for one number, in digits or words ("1,200", "two hundred and five", "a dozen")."""
    units = "|".join(sorted(data["units"], key=len, reverse=True))
    tens = "|".join(sorted(data["tens"], key=len, reverse=True))
    scales = "|".join(data["scales"])
    dozen = "|".join(data["dozen"])
    small = rf"(?:(?:{tens})(?:[-\s](?:{units}))?|(?:{units}))"
    one, half, joiner = (re.escape(data[key]) for key in ("article", "half", "joiner"))
    scaled = rf"(?:\s+(?:{scales})(?:,?\s+(?:{joiner}\s+)?{small})?)"
    words = rf"(?:{small}{scaled}*|{one}{scaled}+)"
    digits = rf"\d{{1,3}}(?:,\d{{3}})+(?![\d])|\d+(?:\s+(?:{scales})\b)?"
    return rf"(?:{half}\s+{one}\s+(?:{dozen})|(?:(?:{small}|{one})\s+)?(?:{dozen})(?!s)|{digits}|\b{words}\b)"


def _quantity_pattern(data: dict) -> re.Pattern[str]:
    """Compile modifier + (range | number | vague) + suffix into one pattern."""
    num = _number_pattern(data)
    mods = _phrase_pattern(data["at_least"] + data["at_most"] + data["approximately"] + data["neutral"])
    vague = _phrase_pattern([p for ps in data["vague"].values() for p in ps])
    ranges = "|".join(re.escape(w) for w in data["range_words"])
    suffix = _phrase_pattern(data["at_least_suffix"])
    body = (
        rf"(?:{re.escape(data['between'])}\s+(?P<a>{num})\s+{re.escape(data['joiner'])}\s+(?P<b>{num})"
        rf"|(?P<n1>{num})(?:(?:\s*[-–]\s*|\s+(?:{ranges})\s+)(?P<n2>{num}))?"
        rf"|(?P<vague>\b(?:{vague}))\b(?:\s+of\b)?)"
    )
    return re.compile(
        rf"(?<![\w$£€#.,:/-])(?:(?P<mod>\b(?:{mods}))\s+)?{body}(?P<suffix>\s*(?:{suffix})(?!\w))?(?!\w)",
        re.IGNORECASE,
    )


def load_number_grammar(data_dir: Path = DATA_DIR) -> NumberGrammar:
    """Read data/casualty_numbers.yaml into a compiled `NumberGrammar`."""
    data = load_yaml(NUMBERS_FILE, data_dir=data_dir)
    vague = {phrase.lower(): key for key, phrases in data["vague"].items() for phrase in phrases}
    pattern, triggers = _quantity_pattern(data), _triggers(data)
    return NumberGrammar(
        values={**data["units"], **data["tens"]},
        scales=dict(data["scales"]),
        dozen=frozenset(data["dozen"]),
        at_least=frozenset(data["at_least"]),
        at_least_suffix=frozenset(data["at_least_suffix"]),
        at_most=frozenset(data["at_most"]),
        approximately=frozenset(data["approximately"]),
        vague=vague,
        pattern=pattern,
        triggers=triggers,
        max_count=int(data["max_count"]),
        article=data["article"],
        half=data["half"],
        joiner=data["joiner"],
        screen=_screen(triggers),
        lower_pattern=folded.lower_case_form(pattern),
    )


def _screen(triggers: frozenset[str]) -> re.Pattern[str]:
    """In lower-cased text, where a word of `triggers` or a word opening with a digit may start: every
    word start whose first character is no ASCII letter (a digit, a letter beyond ASCII), or a trigger."""
    return re.compile(rf"\b(?:[^\W_a-z]|{prefix_tree_alternation(triggers)}\b)")


def _triggers(data: dict) -> frozenset[str]:
    """The lower-case first words of every number word, modifier and vague phrase."""
    phrases = [
        *data["units"],
        *data["tens"],
        *data["scales"],
        *data["dozen"],
        data["article"],
        data["half"],
        data["between"],
    ]
    for key in ("at_least", "at_most", "approximately", "neutral"):
        phrases += data[key]
    phrases += [p for ps in data["vague"].values() for p in ps]
    return frozenset(re.split(r"[\s-]+", p.lower())[0] for p in phrases)


def number_value(words: str, grammar: NumberGrammar) -> int | None:
    """The value of one number in digits or words ("1,200" -> 1200, "Twenty-seven" -> 27); None when it
    is none, or larger than any count of people (`max_count`: "killed 9223372036854775808 militants")."""
    text = words.lower().replace(",", " ").strip()
    compact = text.replace(" ", "")
    if compact.isdigit():
        return _counted(compact, grammar)
    total = current = 0
    seen = False
    half = False
    for word in re.split(r"[\s\-–]+", text):
        if word.isdigit():
            digits = _counted(word, grammar)
            if digits is None:
                return None
            current += digits
        elif word in grammar.values:
            current += grammar.values[word]
        elif word == grammar.article:
            current += 1
        elif word == grammar.half:
            half = True
            continue
        elif word in grammar.dozen:
            current = (current or 1) * 12
        elif word in grammar.scales:
            scale = grammar.scales[word]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        elif word in (grammar.joiner, ""):
            continue
        else:
            return None
        seen = True
    if not seen:
        return None
    value = total + current
    value = value // 2 if half else value
    return value if value <= grammar.max_count else None


def _counted(digits: str, grammar: NumberGrammar) -> int | None:
    """The value of a run of digits when it is no more than `max_count` (read only when it is short
    enough to be: Python refuses to convert thousands of digits)."""
    if len(digits.lstrip("0")) > len(str(grammar.max_count)):
        return None
    value = int(digits)
    return value if value <= grammar.max_count else None


def _modifier_bounds(
    modifier: str, value: int, grammar: NumberGrammar
) -> tuple[int | None, int | None, bool]:
    """(min, max, approximate) of a single number under its modifier."""
    mod = " ".join(modifier.lower().split())
    if mod in grammar.at_least:
        return value, None, False
    if mod in grammar.at_most:
        return None, value, False
    return value, value, mod in grammar.approximately


def quantity_from_match(match: re.Match[str], grammar: NumberGrammar) -> Quantity | None:
    """Build the Quantity a pattern match stands for; None if a number part does not read."""
    modifier = match.group("mod") or ""
    if match.group("vague"):
        return Quantity(None, None, False, grammar.vague.get(" ".join(match.group("vague").lower().split())))
    if match.group("a"):
        low, high = number_value(match.group("a"), grammar), number_value(match.group("b"), grammar)
        if low is None or high is None:
            return None
        return Quantity(min(low, high), max(low, high), bool(modifier))
    value = number_value(match.group("n1"), grammar)
    if value is None:
        return None
    if match.group("n2"):
        high = number_value(match.group("n2"), grammar)
        if high is None or high < value:
            return None
        return Quantity(value, high, bool(modifier) and modifier.lower() in grammar.approximately)
    low, high, approximate = _modifier_bounds(modifier, value, grammar)
    if match.group("suffix"):
        return Quantity(value, None, approximate)
    return Quantity(low, high, approximate)


def find_quantities(text: str, grammar: NumberGrammar) -> list[QuantityMatch]:
    """Every quantity expression in `text`, left to right."""
    found = []
    pos = 0
    low = text.lower()
    pattern, searched = grammar.pattern, text  # matched in lower case when that reads the same
    if grammar.lower_pattern is not None and folded.folds_as_lower(text, low):
        pattern, searched = grammar.lower_pattern, low
    for start in _quantity_starts(text, low, grammar):
        if start < pos:
            continue
        match = pattern.match(searched, start)
        if match is None:
            continue
        quantity = quantity_from_match(match, grammar)  # reads its words in any case
        if quantity is not None:
            start, pos = match.span()
            found.append(QuantityMatch(start, pos, quantity, text[start:pos]))
    return found


def _quantity_starts(text: str, low: str, grammar: NumberGrammar) -> Iterator[int]:
    """The starts of the words a quantity may open with: a digit first, or a trigger word (the screen
    finds the candidates in the lower case `low`, whose offsets are the text's when its length is)."""
    if grammar.screen is None or len(low) != len(text):
        words: Iterator[re.Match[str]] = WORDS.finditer(text)
    else:
        words = (WORDS.match(text, m.start()) for m in grammar.screen.finditer(low))
    for word in words:
        found = word.group(0)
        if found[0].isdigit() or found.lower() in grammar.triggers:
            yield word.start()


def parse_quantity(words: str, *, grammar: NumberGrammar) -> Quantity:
    """Read one quantity expression ("at least 26", "two dozen", "scores of"); ValueError if none."""
    match = grammar.pattern.search(words.strip())
    quantity = quantity_from_match(match, grammar) if match else None
    if quantity is None:
        raise ValueError(f"not a quantity: {words!r}")
    return quantity

"""Display lines: the headline and its copies, section headings, standfirsts and photo captions.

Finding reads the lines of the clean text: a line that repeats the title, a photo caption, or a
short line that ends without a full stop (a heading or a standfirst; the last line of a text may be
cut short and is read as body). Applying follows the annotation guide: a figure on a display line
that the body repeats (the same outcome and numbers, whatever the victim words) is no claim of its
own; a figure found only there is the outlet's, with no speaker.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conflictdb.extract.casualties.numbers import NumberGrammar, find_quantities
from conflictdb.extract.dates.lexicon import DateLexicon, fill_calendar_patterns
from conflictdb.extract.token_stream import word_texts
from conflictdb.folded import FilteredPattern
from conflictdb.records import Category, Figure, Outcome, replace

SENTENCE_INSIDE = re.compile(r"[.!?][\"”’')]*\s+[\"“‘'(]*[A-Z]")


@dataclass(frozen=True, slots=True)
class DisplayLexicon:
    """What makes a line a display line (data/casualties.yaml, `display`)."""

    caption: FilteredPattern  # ruled out quickly on a line without a caption's word
    terminal: re.Pattern[str]  # how a body paragraph ends: a full stop, maybe inside quotes
    heading_max_words: int
    title_copy_extra_words: int  # "Home News <title>": words a copy of the title may add


def load_display_lexicon(data: dict, *, dates: DateLexicon) -> DisplayLexicon:
    """Compile the `display` section of data/casualties.yaml, its month placeholders filled from `dates`."""
    captions = fill_calendar_patterns(data["caption_patterns"], dates)
    return DisplayLexicon(
        caption=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in captions), re.IGNORECASE)),
        terminal=re.compile(data["terminal"]),
        heading_max_words=int(data["heading_max_words"]),
        title_copy_extra_words=int(data["title_copy_extra_words"]),
    )


def _lines(text: str) -> list[tuple[int, int, str]]:
    """The non-empty lines of `text` as (start, end, stripped line)."""
    found = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            found.append((start, start + len(stripped), stripped))
        pos += len(line) + 1
    return found


def _copies_title(line: str, title_words: list[str], extra: int) -> bool:
    """The line is the title, maybe with a few words of page furniture around it."""
    low = line.lower()
    if not title_words or title_words[-1] not in low:  # a word the line lacks, known before reading its words
        return False
    words = word_texts(low)
    if len(words) - len(title_words) > extra or len(words) < len(title_words):
        return False
    size = len(title_words)
    return any(words[i : i + size] == title_words for i in range(len(words) - size + 1))


def _is_heading(line: str, lexicon: DisplayLexicon) -> bool:
    """A short single-sentence line without a full stop: a heading, standfirst or caption."""
    if lexicon.terminal.search(line) or SENTENCE_INSIDE.search(line):
        return False
    return len(word_texts(line)) <= lexicon.heading_max_words


def display_spans(text: str, title: str | None, lexicon: DisplayLexicon) -> list[tuple[int, int]]:
    """The character ranges of the display lines of a clean text, in order."""
    lines = _lines(text)
    title_words = word_texts((title or "").lower())
    spans = []
    for i, (start, end, line) in enumerate(lines):
        last = i == len(lines) - 1
        if (
            _copies_title(line, title_words, lexicon.title_copy_extra_words)
            or lexicon.caption.found(line)
            or (not last and i > 0 and _is_heading(line, lexicon))
        ):
            spans.append((start, end))
    return spans


def _numbers(figure: Figure) -> frozenset[int]:
    return frozenset(n for n in (figure.min, figure.max) if n is not None)


def repeated_in_body(figure: Figure, body: dict[Outcome, set[int]]) -> bool:
    """The body gives the same outcome with the same numbers (any numbers, for a vague figure)."""
    if figure.outcome not in body:
        return False
    numbers = _numbers(figure)
    return not numbers or numbers <= body[figure.outcome]


def settle_display_figures(
    facts: Sequence[Any], spans: list[tuple[int, int]], *, grammar: NumberGrammar
) -> list[Any]:
    """Sentence facts with the figures of display lines that the body repeats dropped; a display
    sentence with figures speaks in the outlet's voice.

    `facts` are records.SentenceFacts (start, is_title, figures of records.FigureMatch, attribution).
    """
    starts = [start for start, _ in spans]
    display = [_inside(f.start, spans, starts) or f.is_title for f in facts]
    body: dict[Outcome, set[int]] = {}
    for fact, shown in zip(facts, display, strict=True):
        if shown:
            continue
        for match in fact.figures:
            body.setdefault(match.figure.outcome, set()).update(_numbers(match.figure))
        for outcome, total in _sentence_totals(fact.figures).items():
            body[outcome].add(total)  # "kills five" over "four policemen and a passer-by"
    named = _named_victims(facts, display)
    stated = _BodyNumbers(facts, display, grammar)
    settled = []
    for fact, shown in zip(facts, display, strict=True):
        if shown and fact.figures:
            kept = tuple(m for m in fact.figures if not repeated_in_body(m.figure, body))
            fact = replace(fact, figures=kept, attribution=_body_speaker(kept, stated))
        elif named and any(m.bare for m in fact.figures):
            fact = replace(fact, figures=tuple(_name_bare(m, named) for m in fact.figures))
        settled.append(fact)
    return settled


def _body_speaker(kept: Sequence[Any], stated: _BodyNumbers) -> Any:
    """Who gives a display line's figure: the speaker of the first body sentence that states its
    number in words the figure finder did not read as that figure ("totaling 85 according to X");
    None (the outlet's voice) if the number is found only on display lines."""
    numbers = {n for m in kept for n in _numbers(m.figure)}
    if not numbers:
        return None
    first = stated.first(numbers)
    return None if first is None else _speaker_at(*first)


class _BodyNumbers:
    """Where the body first states each number, read sentence by sentence as far as asked, and each
    sentence once: an article of many display lines asks for every line."""

    def __init__(self, facts: Sequence[Any], display: list[bool], grammar: NumberGrammar) -> None:
        self._body = iter([fact for fact, shown in zip(facts, display, strict=True) if not shown])
        self._grammar = grammar
        self._first: dict[int, tuple[int, Any, int]] = {}  # number -> (order, attribution, offset)
        self._read = 0

    def first(self, numbers: set[int]) -> tuple[Any, int] | None:
        """(attribution, offset) of the first statement of any of `numbers` in the body, or None."""
        while not any(n in self._first for n in numbers):
            fact = next(self._body, None)
            if fact is None:
                return None
            for found in find_quantities(fact.text, self._grammar):
                self._read += 1
                for n in (found.quantity.min, found.quantity.max):
                    if n is not None:
                        self._first.setdefault(n, (self._read, fact.attribution, fact.start + found.start))
        _, attribution, offset = min(
            (self._first[n] for n in numbers if n in self._first), key=lambda t: t[0]
        )
        return attribution, offset


def _speaker_at(attribution: Any, offset: int) -> Any:
    """The speaker of the clause of a sentence at `offset` (records.Attribution.clauses)."""
    clauses = getattr(attribution, "clauses", ())
    found = attribution
    for start, speaker in clauses:
        if start <= offset:
            found = speaker
    return found if found is None or not clauses else replace(found, clauses=())


def _sentence_totals(matches: Sequence[Any]) -> dict[Outcome, int]:
    """The sum of one sentence's exact counts of each outcome, sub-counts left out."""
    totals: dict[Outcome, int] = {}
    for match in matches:
        figure = match.figure
        if figure.min is not None and figure.min == figure.max and not figure.part_of_total:
            totals[figure.outcome] = totals.get(figure.outcome, 0) + figure.min
    return totals


def _named_victims(
    facts: Sequence[Any], display: list[bool]
) -> dict[tuple[Outcome, frozenset[int]], Category]:
    """The victim category a display line gives each of its counted figures."""
    named = {}
    for fact, shown in zip(facts, display, strict=True):
        for match in fact.figures if shown else ():
            figure = match.figure
            if figure.has_number and figure.category is not Category.UNSPECIFIED:
                named.setdefault((figure.outcome, _numbers(figure)), figure.category)
    return named


def _name_bare(match: Any, named: dict[tuple[Outcome, frozenset[int]], Category]) -> Any:
    """ "killing three" under "Three soldiers killed": the headline says who the bare victims were."""
    figure = match.figure
    if not match.bare or figure.category is not Category.UNSPECIFIED:
        return match
    category = named.get((figure.outcome, _numbers(figure)))
    return replace(match, figure=replace(figure, category=category)) if category else match


def _inside(position: int, spans: list[tuple[int, int]], starts: list[int]) -> bool:
    """`position` lies in one of the sorted, disjoint `spans` (`starts`: their starts)."""
    i = bisect.bisect_right(starts, position) - 1
    return i >= 0 and position < spans[i][1]

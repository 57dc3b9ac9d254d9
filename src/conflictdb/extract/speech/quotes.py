"""Quoted stretches of a text: where they are, whether they are someone's words, and a sentence with
its quoted words masked so that speech cues are not read inside them."""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_QUOTE_MARK = re.compile(r"[“”\"\n]")


@dataclass(frozen=True, slots=True)
class QuoteRules:
    """How far a quote runs on and how long a quote is someone's words (data/speech.yaml `quotes`)."""

    run_on_chars: int  # at most this many characters from a quote left open to the mark that closes it
    speech_min_spaces: int  # a quote with this many spaces is someone's words
    sentence_min_spaces: int  # a shorter one is when it is a whole sentence of this many spaces
    sentence_min_words: int  # and this many words


def quote_rules(raw: Mapping[str, Any]) -> QuoteRules:
    """The `quotes` table of data/speech.yaml."""
    return QuoteRules(**{name: int(raw[name]) for name in QuoteRules.__slots__})


def find_quotes(text: str, rules: QuoteRules) -> list[tuple[int, int]]:
    """Quoted stretches of `text` as (start, end) including the marks; a line break closes a quote.

    A closing mark with no opening mark on its line ('bodies," said X' after a quote opened in an
    earlier paragraph) closes a quote that runs from the start of its line, or from where a quote was
    left open up to `rules.run_on_chars` before it."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    line_start, unclosed = 0, -1  # where a quote left open at a line's end was cut
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if opened is not None:
                spans.append((opened, at))
                opened, unclosed = None, at
            line_start = at + 1
        elif mark == "“" or (mark == '"' and opened is None and not _closes(text, at)):
            opened = at if opened is None or mark == '"' else opened
        elif opened is not None:  # a closing mark
            spans.append((opened, at + 1))
            opened = None
        else:  # a closing mark on a line that opened none: the quote runs on from an earlier line
            start = max(line_start, spans[-1][1] if spans else 0)
            if spans and spans[-1][1] == unclosed and at - unclosed <= rules.run_on_chars:
                start = unclosed + 1  # paragraphs with no mark between an open quote and its close
            if at > start:
                spans.append((start, at + 1))
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _closes(text: str, at: int) -> bool:
    """Whether a straight quote mark has the shape of a closing one: after a word or a stop, before a
    space or a stop ('bodies," said')."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and before not in "([{" and not after.isalnum()


def is_speech(text: str, span: tuple[int, int], rules: QuoteRules) -> bool:
    """A quote long enough to be someone's words rather than a quoted term, or a whole short sentence
    ('"Another 20 were wounded."': a capital, a lower-case word and a closing full stop)."""
    spaces = text.count(" ", span[0], span[1])
    if spaces >= rules.speech_min_spaces:
        return True
    words = text[span[0] : span[1]].strip('"“”‘’ \n').split()
    return (
        spaces >= rules.sentence_min_spaces
        and len(words) >= rules.sentence_min_words
        and words[0][:1].isupper()
        and any(w[:1].islower() for w in words[1:])
        and words[-1][-1:] in _SENTENCE_END
    )


_SENTENCE_END = frozenset(".!?")


def masked_sentence(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
    """The sentence text with quoted stretches blanked out as underscores (same length)."""
    piece = text[start:end]
    if not quotes:
        return piece
    chars = list(piece)
    first = bisect.bisect_left(quotes, (start, start)) - 1
    for qs, qe in quotes[max(first, 0) :]:
        if qs >= end:
            break
        lo, hi = max(qs, start), min(qe, end)
        if lo < hi:
            chars[lo - start : hi - start] = "_" * (hi - lo)
    return "".join(chars)

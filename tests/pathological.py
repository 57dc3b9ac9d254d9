"""Generated texts that are hard on a text pipeline, of any size: long runs of one punctuation mark,
brackets, sentences that never stop, thousands of short lines of dates, numbers, names and quotes.
Shared by the growth test (tests/test_pipeline_growth.py) and the timing harness (bench/pathological.py)."""

from __future__ import annotations

import random
from collections.abc import Callable

_WORDS = [
    "the",
    "convoy",
    "of",
    "trucks",
    "moved",
    "along",
    "a",
    "road",
    "near",
    "the",
    "river",
    "while",
    "elders",
]
_NAMES = ["Kabul", "Mosul", "Aleppo", "Goma", "Gao", "Taiz", "Ahmad", "Maria", "Police", "Army", "Province"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def _repeat(unit: str) -> Callable[[int], str]:
    """A text of `unit` again and again."""
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _lines(make_line: Callable[[random.Random, int], str]) -> Callable[[int], str]:
    """A text of short lines made by `make_line(rng, line number)`, seeded: each size is reproducible."""

    def text(size: int) -> str:
        rng = random.Random(size)
        lines: list[str] = []
        total = 0
        while total < size:
            line = make_line(rng, len(lines))
            lines.append(line)
            total += len(line) + 1
        return "\n".join(lines)[:size]

    return text


def _dated_line(rng: random.Random, n: int) -> str:
    return f"{rng.randint(1, 28)} {rng.choice(_MONTHS)} {rng.randint(1990, 2030)}: {rng.choice(_NAMES)} {n}"


def _numbers_line(rng: random.Random, n: int) -> str:
    return f"{rng.randint(1, 999)} killed, {rng.randint(1, 99)} injured, {rng.randint(1, 9)},{n:03d} fled"


def _names_line(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(_NAMES) for _ in range(rng.randint(1, 5)))


def _quoted_line(rng: random.Random, n: int) -> str:
    words, name, speaker = rng.choice(_WORDS), rng.choice(_NAMES), rng.choice(_NAMES)
    return f'"{words} {name}," said "{speaker}" on {rng.choice(_MONTHS)} {n}'


def _incident_line(rng: random.Random, n: int) -> str:
    """A report of its own on each line: a toll, a place, a day (a chronology's hundreds of incidents)."""
    place, day = rng.choice(_NAMES[:6]), f"{rng.randint(1, 28)} {rng.choice(_MONTHS)}"
    return f"{rng.randint(2, 40)} villagers were killed in {place} on {day}, officials said ({n})."


def _endless_sentence(size: int) -> str:
    """One sentence of plain words and numbers that never reaches a full stop."""
    rng = random.Random(size)
    words: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(_WORDS + _NAMES + [str(rng.randint(2, 90))])
        words.append(word)
        total += len(word) + 1
    return " ".join(words)[:size]


def _one_paragraph(size: int) -> str:
    """Short sentences of tolls, places, days and speakers, one after another in a single paragraph."""
    rng = random.Random(size)
    sentences: list[str] = []
    total = 0
    while total < size:
        n, place, day = rng.randint(2, 40), rng.choice(_NAMES), rng.choice(_MONTHS)
        sentence = (
            f"{n} soldiers were killed in {place} on {rng.randint(1, 28)} {day}, {rng.choice(_NAMES)} said."
        )
        sentences.append(sentence)
        total += len(sentence) + 1
    return " ".join(sentences)[:size]


_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _news_paragraph(rng: random.Random, n: int) -> str:
    """A paragraph of about 100 characters as a wire story tells it: a toll, a quote, a claim, a count of
    the displaced, a later find, a denial; each kind in turn."""
    place, day, month, count = (
        rng.choice(_NAMES[:6]),
        rng.choice(_DAYS),
        rng.choice(_MONTHS),
        rng.randint(2, 40),
    )
    kinds = [
        f"At least {count} people were killed when gunmen attacked the main market in {place} on {day} "
        "morning, police said.",
        f'"We heard the blasts just before dawn," a resident of {place} told reporters by telephone '
        f"on {day}.",
        f"The army said its troops had killed {count} fighters in an operation near {place} on "
        f"{rng.randint(1, 28)} {month}.",
        f"Two days after the raid, officials in {place} said {count} more bodies had been found in the "
        "rubble.",
        f"Aid groups said some {count},000 families had fled the fighting around {place} since early "
        f"{month}.",
        f"No group has claimed the attack, which wounded {count} others, local officials in {place} "
        "added on Sunday.",
    ]
    return kinds[n % len(kinds)]


def news_paragraphs(count: int, *, seed: int = 1) -> list[str]:
    """`count` paragraphs of news-like text (about 100 characters each), seeded: the same every time."""
    rng = random.Random(seed)
    return [_news_paragraph(rng, n) for n in range(count)]


def _news_article(size: int) -> str:
    """News-like paragraphs separated by blank lines, up to `size` characters."""
    paragraphs = news_paragraphs(size // 90 + 1, seed=size)
    return "\n\n".join(paragraphs)[:size]


TEXTS: dict[str, Callable[[int], str]] = {
    "paren-ellipsis": _repeat("(…)"),
    "equals": _repeat("="),
    "full-stops": _repeat("."),
    "hyphens": _repeat("-"),
    "exclamations": _repeat("!"),
    "straight-quotes": _repeat('"'),
    "curly-quotes": _repeat("“”"),
    "apostrophes": _repeat("'"),
    "open-brackets": _repeat("(["),
    "bracket-pairs": _repeat("() "),
    "ellipses-spaced": _repeat(". "),
    "digits": _repeat("7"),
    "spaces-tabs": _repeat(" \t"),
    "newlines": _repeat("\n"),
    "blank-paragraphs": _repeat("a\n\n"),
    "endless-sentence": _endless_sentence,
    "one-paragraph": _one_paragraph,
    "dated-lines": _lines(_dated_line),
    "number-lines": _lines(_numbers_line),
    "name-lines": _lines(_names_line),
    "quoted-lines": _lines(_quoted_line),
    "incident-lines": _lines(_incident_line),
    "news-paragraphs": _news_article,
}

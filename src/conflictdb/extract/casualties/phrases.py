"""Whole-word phrase finding over tokens, and the regex alternations of phrase lists.

`find_phrases` finds the longest phrase of an index at each word (cue words, victim words); `alternation`
and `words_pattern` turn a list of phrases into a pattern. Both read phrases in lower case with single
spaces (`norm`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictdb.extract.token_stream import Token, tokenize


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: it holds dicts
class PhraseIndex:
    """Phrases keyed by their first and second token, longest first: a fast whole-word phrase finder."""

    # first token -> second token (None for one-word phrases) -> ((tokens, value), ...)
    first: dict[str, dict[str | None, tuple[tuple[tuple[str, ...], str], ...]]]
    cased: bool


def alternation(phrases: list[str]) -> str:
    """Phrases as a regex alternation, longest first, any whitespace inside."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def words_pattern(phrases: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Match any of the phrases as whole words."""
    return re.compile(rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])", flags)


def build_index(phrases: dict[str, str], *, cased: bool = False) -> PhraseIndex:
    """Index phrases (phrase -> value) by first token for `find_phrases`."""
    grouped: dict[str, dict[str | None, list[tuple[tuple[str, ...], str]]]] = {}
    for phrase, value in phrases.items():
        words = tuple(t for _, _, t in tokenize(phrase if cased else phrase.lower()))
        if words:
            second = words[1] if len(words) > 1 else None
            grouped.setdefault(words[0], {}).setdefault(second, []).append((words, value))
    first = {
        k: {second: tuple(sorted(v, key=lambda e: -len(e[0]))) for second, v in by_second.items()}
        for k, by_second in grouped.items()
    }
    return PhraseIndex(first=first, cased=cased)


def _glued(tokens: list[Token], i: int, j: int) -> bool:
    """True when tokens[i:j] is glued by a hyphen to a word outside it ("anti-Taliban")."""
    before = i >= 2 and tokens[i - 1][2] == "-" and tokens[i - 1][1] == tokens[i][0] == tokens[i - 1][0] + 1
    before = before and tokens[i - 2][1] == tokens[i - 1][0]
    after = j + 1 < len(tokens) and tokens[j][2] == "-" and tokens[j][0] == tokens[j - 1][1]
    after = after and tokens[j + 1][0] == tokens[j][1]
    return before or after


def find_phrases(
    tokens: list[Token], index: PhraseIndex, *, plural: bool = False
) -> list[tuple[int, int, str]]:
    """Non-overlapping longest phrase matches in `tokens` as (start, end, value).

    With `plural`, a one-word phrase also matches with an "s" after it; its value is prefixed with "+".
    """
    words = [t[2] for t in tokens] if index.cased else [t[2].lower() for t in tokens]
    first = index.first
    if plural:
        starts = [i for i, word in enumerate(words) if word in first or word[:-1] in first]
    else:
        starts = [i for i, word in enumerate(words) if word in first]
    found = []
    i = 0  # the first word no phrase found so far covers
    for start in starts:
        if start < i:
            continue
        size, value = _longest_at(words, start, index, plural=plural)
        if size and not _glued(tokens, start, start + size):
            found.append((tokens[start][0], tokens[start + size - 1][1], value))
            i = start + size
    return found


def _longest_at(words: list[str], i: int, index: PhraseIndex, *, plural: bool) -> tuple[int, str]:
    """(size, value) of the longest phrase starting at word i, or (0, "")."""
    bucket = index.first.get(words[i])
    if bucket:
        if i + 1 < len(words):
            for phrase, value in bucket.get(words[i + 1], ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    return len(phrase), value
        for _phrase, value in bucket.get(None, ()):
            return 1, value
    if plural and words[i].endswith("s"):
        for _phrase, value in index.first.get(words[i][:-1], {}).get(None, ()):
            return 1, "+" + value
    return 0, ""


def norm(text: str) -> str:
    """Lower case with single spaces: the key of a phrase table."""
    return " ".join(text.lower().split())

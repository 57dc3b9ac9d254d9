"""Word tokens of a text as toponym finding reads them, and the phrases they run on to."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

from conflictdb.geo.lexicon import GeoLexicon, Phrase
from conflictdb.geo.names import normalize_name

_WORD = re.compile(r"[^\W\d_][\w'\u2019\u2018\u02bb]*(?:-[\w'\u2019]+)*")


# lower-case particles allowed inside a multi-word name ("Tarnak wa Jaldak", "Bab al-Hawa")
class Word(NamedTuple):
    """A word token with its offsets, lookup key and whether it may start or continue a name."""

    start: int
    end: int
    text: str
    key: str
    capitalised: bool


def tokenize_words(text: str, lexicon: GeoLexicon) -> list[Word]:
    """Word tokens (letters, inner apostrophes and hyphens) with offsets: capitalised, or lower-case
    with an Arabic article prefix ("ez-Zor"); keyed by normalize_name, plain ASCII words by lower()."""
    words = []
    append = words.append
    new = tuple.__new__  # Word(...) without the call of its Python __new__
    for m in _WORD.finditer(text):
        for start, end in _parts(text, m, lexicon):
            word = text[start:end]
            key = word.lower() if word.isascii() and word.isalpha() else normalize_name(word)
            capitalised = (
                word[0].isupper()
                or ("-" in word and bool(lexicon.particle_prefix.match(word)))
                or bool(lexicon.elided_article.match(word))
            )
            append(new(Word, (start, end, word, key, capitalised)))
    return words


def _parts(text: str, m: re.Match[str], lexicon: GeoLexicon) -> list[tuple[int, int]]:
    """The spans of a word token: its hyphenated names apart when it names the ends of a way ("the
    Amberg-Tolvo road": Amberg and Tolvo), else the whole token."""
    word = m.group()
    if "-" not in word or not lexicon.joining_ways.match(text, m.end()):
        return [m.span()]
    spans, at = [], m.start()
    for part in word.split("-"):
        spans.append((at, at + len(part)))
        at += len(part) + 1
    return spans if all(b > a and text[a].isupper() for a, b in spans) else [m.span()]


def run_length(text: str, words: list[Word], i: int, lexicon: GeoLexicon) -> int:
    """Number of words from word i that run on as one phrase: only spaces or hyphens between, each next
    word capitalised or a particle (at most the lexicon's `max_name_words`)."""
    n = 1
    for j in range(i + 1, min(i + lexicon.scoring.max_name_words, len(words))):
        if text[words[j - 1].end : words[j].start] not in (" ", "-"):
            break
        if not words[j].capitalised and words[j].key not in lexicon.name_particles:
            break
        n += 1
    return n


def capitalised_run(text: str, words: list[Word], i: int, lexicon: GeoLexicon) -> int:
    """Words from word i that run on as one phrase, up to its last capitalised one."""
    chain = run_length(text, words, i, lexicon)
    return max(k for k in range(1, chain + 1) if words[i + k - 1].capitalised)


def follows(text: str, words: list[Word], i: int, keys: frozenset[str], *, before: bool = True) -> bool:
    """Whether the word before word i (or word i itself, `before` False, after the word before it) is one
    of `keys`, a single space apart."""
    k = i - 1 if before else i
    return i > 0 and words[k].key in keys and text[words[i - 1].end : words[i].start] == " "


def words_before(text: str, words: list[Word], i: int) -> tuple[str, ...]:
    """Keys of up to three words before word i that run on to it on its line (spaces between)."""
    keys: list[str] = []
    for k in range(i - 1, max(-1, i - 4), -1):
        if text[words[k].end : words[k + 1].start] != " ":
            break
        keys.append(words[k].key)
    return tuple(reversed(keys))


def phrase_after(words: list[Word], text: str, j: int, phrases: Container[Phrase], limit: int) -> int:
    """Length of the longest phrase in `phrases` starting at word j (0 if none)."""
    keys = tuple([w.key for w in words[j : j + limit]])
    for n in range(len(keys), 0, -1):
        if keys[:n] in phrases:
            gaps = [text[words[k - 1].end : words[k].start] for k in range(j + 1, j + n)]
            if all(g.strip() in ("", "-") for g in gaps):
                return n
    return 0


def key_suffix_in(keys: tuple[str, ...], phrases: frozenset[Phrase]) -> bool:
    """Whether the keys end with one of `phrases`."""
    for n in range(1, len(keys) + 1):  # noqa: SIM110 - a loop: no generator made on every name
        if keys[-n:] in phrases:
            return True
    return False

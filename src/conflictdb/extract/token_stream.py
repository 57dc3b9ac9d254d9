"""The token stream casualties and speech read a sentence from: one regex pass that splits a text into
runs of word characters and single marks, with their offsets (`tokenize`).

A reader that needs a coarser word joins stream tokens by a rule here, not by a pattern of its own:
`join_words` makes "al-Qaeda", "don't", "U.S." and a plural possessive ("Nations’") one word, as a
speaker phrase reads them; `join_runs` makes one token of words and chosen marks that touch ("o'clock",
"X-ray", "--").
"""

from __future__ import annotations

import re
from collections.abc import Callable

WORD = r"\w+"
STREAM = re.compile(rf"{WORD}|[^\w\s]")
WORDS = re.compile(WORD)

GLUES = frozenset("-'’.")  # a mark that joins the words on both sides of it: "al-Qaeda", "U.S"
APOSTROPHES = frozenset("'’")


Token = tuple[int, int, str]  # start, end, text: a run of word characters or one mark


def tokenize(text: str) -> list[Token]:
    """The stream of `text`: word runs and marks (whitespace dropped), in order."""
    return [(m.start(), m.end(), m.group()) for m in STREAM.finditer(text)]


def word_texts(text: str) -> list[str]:
    """The word runs of `text`, as the stream holds them, without their marks and offsets."""
    return WORDS.findall(text)


def is_word(token: Token) -> bool:
    """Whether a stream token is a word run (not a mark)."""
    first = token[2][0]
    return first.isalnum() or first == "_"  # what `\w` matches


def join_words(tokens: list[Token], text: str) -> list[Token]:
    """The stream with each word joined to what is glued to it (no space between): words joined by a
    hyphen, an apostrophe or a full stop, then an apostrophe after a final "s" that no word follows, then a
    full stop. `text` is the text `tokens` were read from; marks stay tokens of their own."""
    return _join(tokens, text, _word_reach)


def join_runs(tokens: list[Token], text: str, glue: frozenset[str]) -> list[Token]:
    """The stream with each run of touching tokens that are words or `glue` marks made one token; other
    marks stay tokens of their own."""

    def reach(tokens: list[Token], i: int, token: Token) -> tuple[int, int]:
        end, n = token[1], len(tokens)
        if is_word(token) or token[2] in glue:
            while i < n and tokens[i][0] == end and (tokens[i][2] in glue or is_word(tokens[i])):
                end = tokens[i][1]
                i += 1
        return end, i

    return _join(tokens, text, reach)


Reach = Callable[[list[Token], int, Token], tuple[int, int]]


def _join(tokens: list[Token], text: str, reach: Reach) -> list[Token]:
    """The stream with each token joined to those `reach(tokens, i, token)` says are glued to it (it
    returns the joined token's end and the index of the first token after it)."""
    out: list[Token] = []
    append = out.append
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        i += 1
        if i == n or tokens[i][0] != token[1]:
            append(token)  # nothing touches it: most tokens
            continue
        end, i = reach(tokens, i, token)
        append(token if end == token[1] else (token[0], end, text[token[0] : end]))
    return out


def _word_reach(tokens: list[Token], i: int, token: Token) -> tuple[int, int]:
    """`join_words`'s reach: the end of the word at tokens[i - 1] with what is glued to it."""
    end, n = token[1], len(tokens)
    if not is_word(token):
        return end, i
    while i + 1 < n and _glued(tokens, i, end) and tokens[i][2] in GLUES and is_word(tokens[i + 1]):
        end = tokens[i + 1][1]
        i += 2
    if (
        i < n
        and tokens[i][0] == end
        and tokens[i][2] in APOSTROPHES
        and tokens[i - 1][2][-1] == "s"  # the last word joined ends at `end`
        and not (i + 1 < n and tokens[i + 1][0] == tokens[i][1] and is_word(tokens[i + 1]))
    ):
        end = tokens[i][1]
        i += 1
    if i < n and tokens[i][0] == end and tokens[i][2] == ".":
        end += 1
        i += 1
    return end, i


def _glued(tokens: list[Token], i: int, end: int) -> bool:
    """Whether tokens[i] starts at `end` and the token after it right where tokens[i] ends."""
    return tokens[i][0] == end and tokens[i + 1][0] == tokens[i][1]


def run_texts(text: str, glue: frozenset[str]) -> list[str]:
    """The tokens of `join_runs` over the stream of `text`, as text."""
    if glue.isdisjoint(text):  # no run to join: the stream itself, read in one pass
        return STREAM.findall(text)
    return [token[2] for token in join_runs(tokenize(text), text, glue)]


def glued_words(text: str, glue: frozenset[str], *, opens_with_word: bool = False) -> list[str]:
    """The runs of `text` (`join_runs`) that hold a word or a `glue` mark, as text; `opens_with_word` drops
    the glue marks a run opens with, and a run of glue alone."""
    if glue.isdisjoint(text):  # no run to join: the word runs, read in one pass
        return WORDS.findall(text)
    runs = run_texts(text, glue)
    if opens_with_word:
        return [word for word in (run.lstrip("".join(glue)) for run in runs) if word and _is_word_text(word)]
    return [run for run in runs if run[0] in glue or _is_word_text(run)]


def _is_word_text(text: str) -> bool:
    return is_word((0, 0, text))

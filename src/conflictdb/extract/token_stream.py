"""The token stream casualties and speech read a sentence from: one regex pass that splits a text into
runs of word characters and single marks, with their offsets (`tokenize`).

A reader that needs a coarser word joins stream tokens by the one rule here (`join_words`): "al-Qaeda",
"don't", "U.S." and a plural possessive ("Nations’") are one word, as is a word with its full stop.
"""

from __future__ import annotations

import re
from typing import NamedTuple

WORD = r"\w+"
STREAM = re.compile(rf"{WORD}|[^\w\s]")
WORDS = re.compile(WORD)

GLUES = frozenset("-'’.")  # a mark that joins the words on both sides of it: "al-Qaeda", "U.S"
APOSTROPHES = frozenset("'’")


class Token(NamedTuple):
    """A run of word characters, or one mark, with its offsets in the text it was read from."""

    start: int
    end: int
    text: str


_new_token = tuple.__new__  # Token(...) without the keyword handling of its generated __new__


def tokenize(text: str) -> list[Token]:
    """The stream of `text`: word runs and marks (whitespace dropped), in order."""
    return [_new_token(Token, (m.start(), m.end(), m.group())) for m in STREAM.finditer(text)]


def word_texts(text: str) -> list[str]:
    """The word runs of `text`, as the stream holds them, without their marks and offsets."""
    return WORDS.findall(text)


def is_word(token: Token) -> bool:
    """Whether a stream token is a word run (not a mark)."""
    first = token.text[0]
    return first.isalnum() or first == "_"


def join_words(tokens: list[Token], text: str) -> list[Token]:
    """The stream with each word joined to what is glued to it (no space between): words joined by a
    hyphen, an apostrophe or a full stop, then an apostrophe after a final "s" that no word follows, then a
    full stop. `text` is the text `tokens` were read from; marks stay tokens of their own."""
    out: list[Token] = []
    append = out.append
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        i += 1
        if i == n or tokens[i].start != token.end or not is_word(token):
            append(token)  # nothing glued to it: most tokens
            continue
        start, end = token.start, token.end
        while i + 1 < n and _glued(tokens, i, end) and tokens[i].text in GLUES and is_word(tokens[i + 1]):
            end = tokens[i + 1].end
            i += 2
        if (
            i < n
            and tokens[i].start == end
            and tokens[i].text in APOSTROPHES
            and text[end - 1] == "s"
            and not (i + 1 < n and tokens[i + 1].start == tokens[i].end and is_word(tokens[i + 1]))
        ):
            end = tokens[i].end
            i += 1
        if i < n and tokens[i].start == end and tokens[i].text == ".":
            end += 1
            i += 1
        append(token if end == token.end else _new_token(Token, (start, end, text[start:end])))
    return out


def _glued(tokens: list[Token], i: int, end: int) -> bool:
    """Whether tokens[i] starts at `end` and the token after it right where tokens[i] ends."""
    return tokens[i].start == end and tokens[i + 1].start == tokens[i].end

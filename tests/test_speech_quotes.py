"""Tests for extract.speech.quotes: quoted stretches and whether they are someone's words."""

# ruff: noqa: E501  -- the tables keep one realistic case per line, however long the sentence

from __future__ import annotations

import pytest

from conflictdb.extract.speech.quotes import find_quotes, is_speech


def test_quotes_quote_spans_straight_and_curly():
    text = 'He said "one two" and “three four”.\nShe said "open'
    assert [text[s:e] for s, e in find_quotes(text)] == ['"one two"', "“three four”", '"open']


# fmt: off
QUOTE_SPANS = [
    ('"One line opens.\nAnd the next, closes it," she said.', ['"One line opens.', 'And the next, closes it,"']),
    ('“Opened here.\nClosed there,” he said.', ["“Opened here.", "Closed there,”"]),
    ('He said "yes" and left.', ['"yes"']),
    ('A "term" here.\nThen words end," said X.', ['"term"', 'Then words end,"']),
]
# fmt: on


@pytest.mark.parametrize(("text", "quoted"), QUOTE_SPANS)
def test_quotes_quote_closed_on_a_later_line(text, quoted):
    assert [text[s:e] for s, e in find_quotes(text)] == quoted


# (quote as written, is it someone's words?)
SHORT_QUOTES = [
    ('He said: "Nine were children."', True),
    ('He said: "Another 20 were wounded."', True),
    ('the so-called "Operation Red Dawn."', False),  # a name, no lower-case word
    ('the "safe zone."', False),  # two words: a quoted term
    ('a "no-go area" for aid', False),  # no sentence end
]


@pytest.mark.parametrize(("text", "speech"), SHORT_QUOTES)
def test_quotes_short_whole_sentence_quote_is_speech(text, speech):
    quotes = find_quotes(text)
    assert len(quotes) == 1
    assert is_speech(text, quotes[0]) is speech

"""Tests for extract.speech.quotes: quoted stretches and whether they are someone's words."""

# ruff: noqa: E501  -- the tables keep one realistic case per line, however long the sentence

from __future__ import annotations

from dataclasses import replace

import pytest

from conflictdb.extract.speech.lexicon import load_speech_lexicon
from conflictdb.extract.speech.quotes import find_quotes, is_speech

RULES = load_speech_lexicon().quotes  # data/speech.yaml `quotes`


def test_quotes_quote_spans_straight_and_curly():
    text = 'He said "one two" and “three four”.\nShe said "open'
    assert [text[s:e] for s, e in find_quotes(text, RULES)] == ['"one two"', "“three four”", '"open']


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
    assert [text[s:e] for s, e in find_quotes(text, RULES)] == quoted


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
    quotes = find_quotes(text, RULES)
    assert len(quotes) == 1
    assert is_speech(text, quotes[0], RULES) is speech


def test_quotes_rules_come_from_the_data_file():
    """How far a quote runs on and how short a quote may be someone's words are speech.yaml's numbers:
    changed there, the same text reads otherwise."""
    opened = '"The shelling went on all night.\nWe counted the dead at dawn," the mayor said.'
    assert [opened[s:e] for s, e in find_quotes(opened, RULES)][-1] == 'We counted the dead at dawn,"'
    text = 'He said: "Nine were children."'
    (quote,) = find_quotes(text, RULES)
    assert is_speech(text, quote, RULES)
    assert not is_speech(text, quote, replace(RULES, sentence_min_words=4))
    assert is_speech(text, quote, replace(RULES, speech_min_spaces=2))

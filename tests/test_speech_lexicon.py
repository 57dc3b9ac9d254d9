"""Tests for extract.speech.lexicon: the compiled words of reported speech."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.extract.speech.lexicon import load_speech_lexicon

_LEXICON = load_speech_lexicon()


def _has_trigger_run(text: str) -> bool:
    return not _LEXICON.trigger_words.isdisjoint(re.findall(r"[a-z]+", text.lower()))


@pytest.mark.parametrize(
    "text",
    [
        "The harbour master SAID the pier was shut.",
        "According to the ferry line, boats were late.",
        "Unsaid and resaid: no cue word stands alone here.",
        "Boats sail at dawn; nothing is told.",
        "x2said, said2x and ſaid",
    ],
)
def test_trigger_screen_finds_a_trigger_as_the_word_set_does(text: str):
    assert (_LEXICON.trigger_screen.search(text.lower()) is not None) is _has_trigger_run(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("saidtoldSAIDTOLDcrepo 2-_.ſ")), max_size=50))
def test_trigger_screen_never_differs_from_the_word_set(text: str):
    assert (_LEXICON.trigger_screen.search(text.lower()) is not None) is _has_trigger_run(text)

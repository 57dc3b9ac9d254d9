"""Tests for event cues of conflictdb.extract.events told in the present tense, as a headline tells them
("Raiders kill two herders"): a death or a wound is a cue in any tense."""

from __future__ import annotations

import pytest

from conflictdb.extract.events import classify_text, load_event_lexicon

_LEXICON = load_event_lexicon()


@pytest.mark.parametrize(
    "text",
    [
        "Raiders kill two herders near the river.",
        "Raiders injure four farmers at the well.",
        "A band of raiders injures a shepherd on the ridge.",
    ],
)
def test_events_a_death_or_wound_told_in_the_present_is_an_attack(text):
    result = classify_text(text, _LEXICON)
    assert (result.event_type, result.sub_event_type) == ("Violence against civilians", "Attack")


def test_events_no_violence_word_stays_other():
    assert classify_text("Raiders crossed the river near the well.", _LEXICON).sub_event_type == "Other"

"""Tests for extract.speech.lexicon: the compiled words of reported speech."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.clean import load_clean_lexicon
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.sentences import split_sentences
from conflictdb.extract.speech.cues import find_speech_cues
from conflictdb.extract.speech.lexicon import load_speech_lexicon
from conflictdb.extract.speech.quotes import find_quotes
from tests.conftest import input_rules
from tests.renamed_dates import NEW_MARCH, NEW_SUNDAY, renamed_dates
from tests.splitter import data_nlp

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


# ---------------------------------------------------------------- one list of outlets


def _data_with_outlet(tmp_path: Path, entry: str) -> Path:
    """A copy of the data files with one more outlet in data/outlets.yaml."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / "outlets.yaml").open("a", encoding="utf-8") as handle:
        handle.write(f"  {entry}\n")
    return data


def test_lexicon_an_outlet_added_to_outlets_yaml_relays_in_sentences_and_names_lines(tmp_path: Path):
    data = _data_with_outlet(tmp_path, "Harbour Wire: {names: [Harbour Wire, HWire], domains: [hwire.test]}")
    lexicon = load_speech_lexicon(data)
    text = "Two boats sank near the pier, a port official told HWire."
    _, sentences = split_sentences(data_nlp(), text)
    cues = find_speech_cues(sentences[0], lexicon, quotes=find_quotes(text, lexicon.quotes))
    assert [r.text for r in cues.relays] == ["HWire"]
    before = find_speech_cues(sentences[0], _LEXICON, quotes=find_quotes(text, _LEXICON.quotes))
    assert [r.text for r in before.relays] == []
    assert load_clean_lexicon(data, dates=input_rules().dates).outlet_names["hwire"] == "Harbour Wire"


def test_lexicon_outlet_names_not_in_sentences_are_left_to_lines():
    outlets = load_yaml("outlets.yaml")["outlets"]
    written = {name for spec in outlets.values() for name in spec["names"]}
    kept_out = {name for spec in outlets.values() for name in spec.get("not_in_sentences") or ()}
    assert kept_out and kept_out <= written
    assert _LEXICON.outlets == {" ".join(name.split()) for name in written - kept_out}
    clean_names = load_clean_lexicon(dates=input_rules().dates).outlet_names
    assert all(name.casefold() in clean_names for name in kept_out)  # still read on a line of its own


# ---------------------------------------------------------------- the cue words are data


def _data_with(tmp_path: Path, key: str, words: str) -> Path:
    """A copy of the data files with one list of data/speech.yaml replaced."""
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    speech = data / "speech.yaml"
    lines = [
        f"{key}: {words}" if line.startswith(f"{key}:") else line for line in speech.read_text().splitlines()
    ]
    speech.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return data


@pytest.mark.parametrize(
    ("key", "words", "text"),
    [
        ("opening_cues", "[according, citing, quoting]", "Per the port authority, three cranes fell."),
        ("possessed_after", "[in, on, to, under]", "Nine died by the port authority's count."),
    ],
)
def test_lexicon_cue_words_come_from_speech_yaml(tmp_path: Path, key: str, words: str, text: str):
    _, sentences = split_sentences(data_nlp(), text)
    found = find_speech_cues(sentences[0], _LEXICON).speakers
    without = find_speech_cues(sentences[0], load_speech_lexicon(_data_with(tmp_path, key, words))).speakers
    assert [m.text for m in found] == ["the port authority"]
    assert without == ()


def test_lexicon_calendar_names_come_from_the_date_lexicon(tmp_path: Path):
    """speech.yaml names months and weekdays by placeholders the date lexicon fills: renamed in dates.yaml,
    the new names (and a weekday's possessive) are the ones never read as part of a speaker's name."""
    renamed = load_speech_lexicon(dates=renamed_dates(tmp_path))
    sunday, march = NEW_SUNDAY.lower(), NEW_MARCH.lower()
    for lexicon, known, unknown in (
        (_LEXICON, ("sunday", "march"), (sunday, march)),
        (renamed, (sunday, march), ("sunday", "march")),
    ):
        assert all(w in lexicon.not_name_words for w in (*known, f"{known[0]}'s"))
        assert not any(w in lexicon.not_name_words for w in (*unknown, f"{unknown[0]}'s"))
        assert (
            known[0] in lexicon.between_subject_and_verb
            and unknown[0] not in lexicon.between_subject_and_verb
        )
    assert "{weekday}" not in renamed.not_name_words and "monday" in renamed.not_name_words

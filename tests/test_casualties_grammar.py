"""The small words and reach windows of data/casualties.yaml (`grammar`, `reach`): read from the data file
given, and refused with a clear error when one is not what the loader needs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conflictdb.datafiles import DATA_DIR
from conflictdb.extract.casualties.figures import figures_in_text
from conflictdb.extract.casualties.grammar import load_grammar, load_reach
from conflictdb.extract.casualties.lexicon import CASUALTIES_FILE, load_casualty_lexicon
from conflictdb.extract.casualties.numbers import load_number_grammar
from conflictdb.extract.dates import load_date_lexicon
from tests.renamed_dates import NEW_MARCH, NEW_SUNDAY, renamed_dates

NUMBERS = load_number_grammar()
DATES = load_date_lexicon()
PACKAGED = load_casualty_lexicon(numbers=NUMBERS)


def _data() -> dict:
    return yaml.safe_load((DATA_DIR / CASUALTIES_FILE).read_text(encoding="utf-8"))


def _lexicon_with(tmp_path: Path, section: str, key: str, value: object):
    data = _data()
    data[section][key] = value
    (tmp_path / CASUALTIES_FILE).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return load_casualty_lexicon(tmp_path, numbers=NUMBERS, dates=DATES)


def _told(text: str, lexicon) -> list[tuple[str, str, int | None]]:
    return [(f.outcome.value, f.category.value, f.min) for _, _, f, *_ in figures_in_text(text, lexicon)]


def test_grammar_split_cue_screen_comes_from_the_data_file(tmp_path: Path):
    text = "Gunmen shot two farmers to death near the well."
    assert _told(text, PACKAGED) == [("killed", "civilians", 2)]
    unscreened = _lexicon_with(tmp_path, "grammar", "split_killed_screen", [])
    assert _told(text, unscreened) == []


def test_grammar_child_words_come_from_the_data_file(tmp_path: Path):
    text = "The shelling killed 12 civilians, including five children."
    children = [f.children for _, _, f, *_ in figures_in_text(text, PACKAGED) if not f.part_of_total]
    assert children == [5]
    no_child = _lexicon_with(tmp_path, "grammar", "child_words", "(?!)")
    assert [f.children for _, _, f, *_ in figures_in_text(text, no_child) if not f.part_of_total] == [None]


def test_grammar_phrase_stop_words_come_from_the_data_file(tmp_path: Path):
    text = "The blast killed 31 on Sunday, medics said."
    assert _told(text, PACKAGED) == [("killed", "unspecified", 31)]
    words = [w for w in _data()["grammar"]["phrase_stop_words"] if w != "on"]
    unstopped = _lexicon_with(tmp_path, "grammar", "phrase_stop_words", words)
    assert _told(text, unstopped) == []  # "31 on Sunday" read as a phrase without a victim word


def test_grammar_refuses_a_word_that_yaml_read_as_true():
    data = _data()["grammar"]
    data["phrase_stop_words"] = [*data["phrase_stop_words"], True]  # an unquoted `on` in the file
    with pytest.raises(ValueError, match=r"casualties.yaml grammar: True is not a word; quote it"):
        load_grammar(data)


def test_reach_names_the_windows_missing_and_unknown():
    data = dict(_data()["reach"])
    del data["ellipsis_chars"]
    data["ellipses_chars"] = 50
    with pytest.raises(ValueError, match=r"missing \['ellipsis_chars'\], unknown \['ellipses_chars'\]"):
        load_reach(data)


@pytest.mark.parametrize("value", [-1, "forty", 2.5])
def test_reach_refuses_a_window_that_is_no_whole_number(value: object):
    data = dict(_data()["reach"])
    data["article_chars"] = value
    with pytest.raises(ValueError, match=r"\['article_chars'\] must be whole numbers"):
        load_reach(data)


def test_reach_windows_come_from_the_data_file(tmp_path: Path):
    text = "Gunmen killed a guard and his driver near the depot."
    assert ("killed", "civilians", 1) in _told(text, PACKAGED)  # "his driver": one victim
    near = _lexicon_with(tmp_path, "reach", "possessive_chars", 0)
    assert ("killed", "civilians", 1) not in _told(text, near)


def test_grammar_calendar_names_come_from_the_date_lexicon(tmp_path: Path):
    """Month and weekday names in casualties.yaml are placeholders the date lexicon fills: a month renamed
    in dates.yaml is the one a number beside it, or a caption's closing date, is read as."""
    renamed = load_casualty_lexicon(numbers=NUMBERS, dates=renamed_dates(tmp_path))
    for lexicon, march, other in ((PACKAGED, "March", NEW_MARCH), (renamed, NEW_MARCH, "March")):
        assert lexicon.date_before.search(f"on {march} ") and not lexicon.date_before.search(f"on {other} ")
        assert lexicon.display.caption.pattern.search(f"Mourners at the funeral, 4 {march} 2019.")
        assert not lexicon.display.caption.pattern.search(f"Mourners at the funeral, 4 {other} 2019.")
    assert "sunday" in PACKAGED.passive_gap and "sunday" not in renamed.passive_gap
    assert NEW_SUNDAY.lower() in renamed.passive_gap
    assert "mar" in renamed.date_before.pattern  # the short names stay

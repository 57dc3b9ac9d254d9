"""The cues of incident segmentation, compiled from data/incidents.yaml."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.casualties.numbers import NumberGrammar, load_number_grammar
from conflictdb.extract.dates.lexicon import (
    DateLexicon,
    SpeakingWords,
    fill_calendar_patterns,
    load_date_lexicon,
)
from conflictdb.folded import FilteredPattern

INCIDENTS_FILE = "incidents.yaml"


class AnyOf(tuple):
    """Compiled patterns that also search as one alternation: `search` finds a match of any of them in
    one pass (a sentence is tested against each family of cues, not against each pattern in turn)."""

    def __new__(cls, patterns: list[str], flags: int = 0) -> AnyOf:
        self = super().__new__(cls, (re.compile(p, flags) for p in patterns))
        self.anywhere = re.compile("|".join(f"(?:{p})" for p in patterns) or "(?!)", flags)
        self.folded = FilteredPattern(self.anywhere)
        return self

    def search(self, text: str) -> re.Match[str] | None:
        """A match of one of the patterns, or None when none matches."""
        return self.folded.search(text)

    def found(self, text: str) -> bool:
        """Whether one of the patterns matches (faster than `search` for a case-insensitive family)."""
        return self.folded.found(text)


@dataclass(frozen=True, slots=True)
class Reach:
    """How far (characters) segmentation looks for the words around a cue, a place or a date (reach_chars)."""

    undone: int
    pointing: int
    place: int
    fronted_place: int
    leading_day: int
    count: int


@dataclass(frozen=True, slots=True, eq=False)  # one per process, compared by identity: a memo key
class SegmentLexicon:
    """Compiled segmentation cues from data/incidents.yaml."""

    speaking: SpeakingWords  # the date lexicon's: a date that is the day of speaking
    openers: re.Pattern[str]
    time_openers: re.Pattern[str]
    mid_openers: AnyOf
    another_event: FilteredPattern
    relative_incident: FilteredPattern
    distance_unit: re.Pattern[str]  # a unit of time in a relative_incident match ("days" of "two days after")
    unit_days: dict[str, int]  # days per unit of time
    numbers: NumberGrammar  # reads the count before the unit
    background: AnyOf
    aggregate: AnyOf  # in order: the first that matches splits a sentence
    caption: AnyOf
    cue_class: dict[str, str]
    same_incident_max_days: int
    toll_reach: int
    violent_kinds: frozenset[str]
    outcome_kinds: frozenset[str]  # a death or a wound, no event word: with a full date, an event told
    lasting_kinds: frozenset[str]  # violent kinds that tell an operation lasting days, not one event
    habitual: AnyOf
    definite: re.Pattern[str]
    undone: FilteredPattern  # the words before an event word that tell it as meant, going on or repeated
    meant: FilteredPattern  # the words before an event word that tell it as meant only ("vowed to march")
    pointing: FilteredPattern  # a definite word that names one event already told ("Monday's", "that")
    sequel_before: FilteredPattern  # "the ensuing clash": a definite event word that tells a new event
    sequel_after: re.Pattern[str]  # "the gunfight that followed"
    day_shift: FilteredPattern
    night: FilteredPattern  # a date's words that tell a night: it may be dated to either of two days
    sequel: re.Pattern[str]  # "after this strike, ...": told as coming later than the incident before
    place_words: re.Pattern[str]
    named_site: re.Pattern[str]
    region_word: re.Pattern[str]
    district_word: re.Pattern[str]  # kinds of place in named_site_pattern that hold towns but are no province
    fronted_place: re.Pattern[str]
    reference_place: FilteredPattern
    same_time: FilteredPattern
    clause_cut: re.Pattern[str]
    list_cut: re.Pattern[str]  # the breaks of a list of tolls told at their towns
    pursuit: FilteredPattern
    care: FilteredPattern  # the care of the hurt, a burial: a place told with them is no place of the event
    event_place: re.Pattern[str]  # the words before a place where something happened ("in the town of")
    speaker_place: FilteredPattern  # the words before a place told as where a speaker is ("officials in")
    generic_kinds: frozenset[str]  # strong cue kinds too general to tell a paragraph's event apart by class
    heading: AnyOf  # a line that heads a section of its own
    heading_max_chars: int
    older_month: re.Pattern[str]  # a month named alone ("in June"), group 1
    reach: Reach
    background_days: int  # an earlier incident told this many days apart is background
    indefinite: re.Pattern[str]  # "a", "another": an event word told as a new event
    months: Mapping[str, int]  # lower-case month name -> number (dates.yaml)


def _phrase(words: str) -> str:
    """A word list entry as a pattern: plain words match as words, an entry with a backslash is a pattern."""
    return words if "\\" in words else re.escape(words).replace(r"\ ", r"\s+")


_NUMBER_SLOT = re.compile(r"\{number:(\d+)(?:-(\d+))?\}")


def fill_number_words(raw: Any, numbers: NumberGrammar) -> Any:
    """incidents.yaml's content with each {number:A-B} slot (or {number:A}) of its patterns filled with the
    number grammar's words of those values, in order of value: "two|three" for {number:2-3}."""
    if isinstance(raw, str):
        return _NUMBER_SLOT.sub(lambda m: _number_words(numbers, int(m[1]), int(m[2] or m[1])), raw)
    if isinstance(raw, list):
        return [fill_number_words(item, numbers) for item in raw]
    if isinstance(raw, dict):
        return {key: fill_number_words(value, numbers) for key, value in raw.items()}
    return raw


def _number_words(numbers: NumberGrammar, low: int, high: int) -> str:
    """The number words from `low` to `high` as an alternation, in order of value."""
    found = sorted((value, word) for word, value in numbers.values.items() if low <= value <= high)
    return "|".join(word for _, word in found)


def load_segment_lexicon(
    data_dir: Path = DATA_DIR,
    *,
    raw: Mapping[str, Any] | None = None,
    numbers: NumberGrammar | None = None,
    dates: DateLexicon | None = None,
) -> SegmentLexicon:
    """Compile the segmentation cues of data/incidents.yaml: its content as read (`raw`: `resources` reads
    the file once for this and the party lexicon), the number grammar that reads "two days after" and the
    date lexicon whose month names the patterns use, each read from `data_dir` when not given."""
    raw = raw if raw is not None else load_yaml(INCIDENTS_FILE, data_dir=data_dir)
    numbers = numbers if numbers is not None else load_number_grammar(data_dir)
    raw = fill_number_words(raw, numbers)
    dates = dates if dates is not None else load_date_lexicon(data_dir)
    opener_re, time_re = (
        re.compile(
            r"^\W*(?:" + "|".join(_phrase(o) for o in sorted(raw[key], key=len, reverse=True)) + r")(?!\w)",
            re.I,
        )
        for key in ("new_incident_openers", "time_openers")
    )
    cue_class = {kind: cls for cls, kinds in raw["strong_cue_classes"].items() for kind in kinds}
    unit_days = {unit.lower(): int(days) for unit, days in raw["distance_unit_days"].items()}
    units = "|".join(map(re.escape, sorted(unit_days, key=len, reverse=True)))
    return SegmentLexicon(
        speaking=dates.speaking,
        openers=opener_re,
        time_openers=time_re,
        mid_openers=AnyOf(raw["mid_sentence_openers"], re.I),
        another_event=FilteredPattern(
            re.compile(r"\b(?:" + "|".join(raw["another_event_words"]) + r")\b", re.I)
        ),
        relative_incident=FilteredPattern(
            re.compile("|".join(f"(?:{p})" for p in raw["relative_incident_patterns"]), re.I)
        ),
        distance_unit=re.compile(rf"\b({units})s?\b", re.I),
        unit_days=unit_days,
        numbers=numbers,
        background=AnyOf(fill_calendar_patterns(raw["background_patterns"], dates), re.I),
        aggregate=AnyOf(fill_calendar_patterns(raw["aggregate_patterns"], dates), re.I),
        caption=AnyOf(raw["caption_patterns"], re.I | re.M),
        cue_class=cue_class,
        same_incident_max_days=int(raw["same_incident_max_days"]),
        toll_reach=int(raw["toll_reach_chars"]),
        violent_kinds=frozenset(raw["violent_cue_kinds"]),
        outcome_kinds=frozenset(raw["outcome_cue_kinds"]),
        lasting_kinds=frozenset(raw["lasting_cue_kinds"]),
        habitual=AnyOf(raw["habitual_patterns"], re.I),
        definite=re.compile(r"\b(?:" + "|".join(raw["definite_words"]) + r")\s+(?:[\w-]+\s+)?$", re.I),
        undone=FilteredPattern(re.compile(raw["undone_event_before"].strip(), re.I)),
        meant=FilteredPattern(re.compile(raw["meant_event_before"].strip(), re.I)),
        pointing=FilteredPattern(
            re.compile(r"\b(?:" + "|".join(raw["pointing_words"]) + r")\s+(?:[\w-]+\s+)?$", re.I)
        ),
        sequel_before=FilteredPattern(
            re.compile(r"\b(?:" + "|".join(raw["sequel_event_words"]["before"]) + r")\s+$", re.I)
        ),
        sequel_after=re.compile(r"\s+(?:" + "|".join(raw["sequel_event_words"]["after"]) + r")\b", re.I),
        day_shift=FilteredPattern(
            re.compile(
                "|".join(f"(?:{p})" for p in fill_calendar_patterns(raw["other_day_words"], dates)), re.I
            )
        ),
        night=FilteredPattern(re.compile(raw["night_words"], re.I)),
        sequel=re.compile("|".join(f"(?:{p})" for p in raw["sequel_words"]), re.I),
        place_words=re.compile(r"\b(?:" + "|".join(raw["place_level_words"]) + r")\b", re.I),
        named_site=re.compile(raw["named_site_pattern"].strip()),
        region_word=re.compile("|".join(raw["region_words"]), re.I),
        district_word=re.compile("|".join(raw["district_words"]), re.I),
        fronted_place=re.compile(raw["fronted_place_pattern"].strip()),
        reference_place=FilteredPattern(re.compile(raw["reference_place_before"].strip(), re.I)),
        same_time=FilteredPattern(
            re.compile(
                "|".join(f"(?:{p})" for p in fill_calendar_patterns(raw["same_time_words"], dates)), re.I
            )
        ),
        clause_cut=re.compile("|".join(f"(?:{p})" for p in raw["clause_cuts"])),
        list_cut=re.compile("|".join(f"(?:{p})" for p in raw["list_cuts"]), re.I),
        pursuit=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in raw["pursuit_words"]), re.I)),
        care=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in raw["care_words"]), re.I)),
        event_place=re.compile(raw["event_place_before"].strip(), re.I),
        speaker_place=FilteredPattern(re.compile(raw["speaker_place_before"].strip(), re.I)),
        generic_kinds=frozenset(raw["generic_cue_kinds"]),
        heading=AnyOf(fill_calendar_patterns(raw["section_headings"], dates)),
        heading_max_chars=int(raw["heading_max_chars"]),
        older_month=re.compile(fill_calendar_patterns([raw["older_month_pattern"]], dates)[0], re.I),
        months=dates.months,
        reach=Reach(**{name: int(chars) for name, chars in raw["reach_chars"].items()}),
        background_days=int(raw["background_days"]),
        indefinite=re.compile(r"\b(?:" + "|".join(raw["indefinite_words"]) + r")\s", re.I),
    )

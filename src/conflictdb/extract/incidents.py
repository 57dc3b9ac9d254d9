"""Incident segmentation: which sentences of an article tell which incident.

Finding is done by the other extract stages (figures, speakers, dates, event cues); this stage
takes their per-sentence facts and assigns every claim-bearing sentence to an incident frame:
explicit openers ("In another incident", "Meanwhile") and an earlier incident told inside a
sentence ("a day after an attack on ...") start frames; a strong event cue of another class or a
date far from the frame's date sends a sentence to a matching earlier frame or a new one; a
paragraph that tells a violent event of its own with a toll of its own at another place, on another
day or of another class opens a frame that keeps the paragraph; a heading line (a numbered item, a
day, a place in capitals) opens a section no sentence goes back across; older events told as
background are kept apart and flagged. Places are compared town with town when both sides name towns
(two villages of one province are apart), so a toll told at another town, or each toll of a list told
at its own town, is an incident of its own: two towns hit on one day make two incidents.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from conflictdb import folded
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.dates import DateMatch
from conflictdb.extract.numbers import (
    NumberGrammar,
    default_number_grammar,
    find_quantities,
    load_number_grammar,
)
from conflictdb.folded import FilteredPattern
from conflictdb.records import Frame, SentenceFacts, figure_toll, quick_init, replace

MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


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


@dataclass(frozen=True, slots=True, eq=False)  # one per process, compared by identity: a memo key
class SegmentLexicon:
    """Compiled segmentation cues from data/incidents.yaml."""

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


def _phrase(words: str) -> str:
    """A word list entry as a pattern: plain words match as words, an entry with a backslash is a pattern."""
    return words if "\\" in words else re.escape(words).replace(r"\ ", r"\s+")


def load_segment_lexicon(data_dir: Path = DATA_DIR) -> SegmentLexicon:
    """Compile the segmentation cues."""
    raw = load_yaml("incidents.yaml", data_dir=data_dir)
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
        numbers=default_number_grammar() if data_dir == DATA_DIR else load_number_grammar(data_dir),
        background=AnyOf(raw["background_patterns"], re.I),
        aggregate=AnyOf(raw["aggregate_patterns"], re.I),
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
        day_shift=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in raw["other_day_words"]), re.I)),
        night=FilteredPattern(re.compile(raw["night_words"], re.I)),
        sequel=re.compile("|".join(f"(?:{p})" for p in raw["sequel_words"]), re.I),
        place_words=re.compile(r"\b(?:" + "|".join(raw["place_level_words"]) + r")\b", re.I),
        named_site=re.compile(raw["named_site_pattern"].strip()),
        region_word=re.compile("|".join(raw["region_words"]), re.I),
        district_word=re.compile("|".join(raw["district_words"]), re.I),
        fronted_place=re.compile(raw["fronted_place_pattern"].strip()),
        reference_place=FilteredPattern(re.compile(raw["reference_place_before"].strip(), re.I)),
        same_time=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in raw["same_time_words"]), re.I)),
        clause_cut=re.compile("|".join(f"(?:{p})" for p in raw["clause_cuts"])),
        list_cut=re.compile("|".join(f"(?:{p})" for p in raw["list_cuts"]), re.I),
        pursuit=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in raw["pursuit_words"]), re.I)),
        care=FilteredPattern(re.compile("|".join(f"(?:{p})" for p in raw["care_words"]), re.I)),
        event_place=re.compile(raw["event_place_before"].strip(), re.I),
        speaker_place=FilteredPattern(re.compile(raw["speaker_place_before"].strip(), re.I)),
        generic_kinds=frozenset(raw["generic_cue_kinds"]),
        heading=AnyOf(raw["section_headings"]),
        heading_max_chars=int(raw["heading_max_chars"]),
    )


@quick_init
@dataclass(frozen=True, slots=True)
class PlaceArea:
    """A place the text names, as folded names: its own and its gazetteer parents' (district, province)."""

    names: frozenset[str]
    parents: frozenset[str]
    region: bool = False  # a province or state, not a town or district
    at: int = 0  # where the text names it
    provinces: frozenset[str] = frozenset()  # the parents that are provinces (the others are districts)
    wide: bool = False  # it may hold towns: a province or district, by the text or by the gazetteer
    placed: bool = False  # the gazetteer knows where it lies, if only in a province of its name ("Kherson")


_POSSESSIVE_END = re.compile(r"['’]s?\b")
_NOT_LETTER = re.compile(r"[^a-z]")


def fold_place(name: str, level_words: re.Pattern[str]) -> str:
    """ "Kharkivska oblast", "Kharkiv's" -> comparable letters ("kharkivska", "kharkiv")."""
    if name.isascii():  # nothing to decompose
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _POSSESSIVE_END.sub("", text)
    return _NOT_LETTER.sub("", level_words.sub(" ", text))


def place_area(
    names: set[str],
    parents: set[str],
    lexicon: SegmentLexicon,
    *,
    region: bool = False,
    at: int = 0,
    provinces: set[str] = frozenset(),
    wide: bool = False,
) -> PlaceArea:
    """A PlaceArea from the raw names of a place and of its parents (`provinces`: those of them that are
    provinces)."""
    own = frozenset(f for n in names if (f := fold_place(n, lexicon.place_words)))
    above = frozenset(f for p in parents if (f := fold_place(p, lexicon.place_words)))
    top = frozenset(f for p in provinces if (f := fold_place(p, lexicon.place_words)))
    return PlaceArea(own, above - own, region, at, (top & above) - own, wide or region, bool(above))


def related_places(a: PlaceArea, b: PlaceArea) -> bool:
    """One place is the other, or lies in it (a town in its province or district; a village the gazetteer
    lacks may lie in any province): never two towns side by side, nor two provinces. A town named like its
    province ("Kherson") holds none of the province's other towns."""
    if a.names & b.names or a.names & (b.parents - b.provinces) or b.names & (a.parents - a.provinces):
        return True
    if (a.wide and a.names & b.provinces) or (b.wide and b.names & a.provinces):
        return True
    return (a.region and not (b.placed or b.region)) or (b.region and not (a.placed or a.region))


def with_named_sites(facts: SentenceFacts, lexicon: SegmentLexicon) -> SentenceFacts:
    """Add the places a sentence names by their kind ("the village of Kuru") that the gazetteer lacks, and
    set the level the kind tells of those it knows ("the city of Kherson" is no province)."""
    areas = list(facts.areas)
    for found in lexicon.named_site.finditer(facts.text):
        name = fold_place(found.group("name"), lexicon.place_words)
        if not name:
            continue
        kind = found.group("kind")
        region = lexicon.region_word.fullmatch(kind) is not None
        wide = region or lexicon.district_word.fullmatch(kind) is not None
        same = [i for i, a in enumerate(areas) if name in a.names]
        for i in same:  # "the town of X": not the province of the same name
            areas[i] = replace(areas[i], region=areas[i].region and region, wide=wide)
        if not same:
            areas.append(
                PlaceArea(frozenset({name}), frozenset(), region, facts.start + found.start(), wide=wide)
            )
    return replace(facts, areas=tuple(areas)) if areas != list(facts.areas) else facts


def is_caption(text: str, lexicon: SegmentLexicon) -> bool:
    """Photo captions and credits tell no news of their own."""
    return lexicon.caption.found(text)


_MONTH_ALONE = re.compile(rf"\b(?:in|during|since)\s+({MONTHS})\b(?!\s+\d)", re.I)
_MONTH_NUMBER = {name: i for i, name in enumerate(MONTHS.split("|"), 1)}


@lru_cache(maxsize=1024)  # segmentation asks it of one sentence in several places
def is_background(text: str, published: dt.date | None, lexicon: SegmentLexicon) -> bool:
    """Does the sentence tell an older event (a past year, "last year", "in June" months ago) or a
    total spanning several incidents ("since April", "nationwide")?"""
    return lexicon.aggregate.found(text) or tells_older_event(text, published, lexicon)


@lru_cache(maxsize=1024)
def tells_older_event(text: str, published: dt.date | None, lexicon: SegmentLexicon) -> bool:
    """Does the sentence tell an older event: a past year, "last year", "in June" months ago?"""
    month = _MONTH_ALONE.search(text)
    if month and published is not None:
        gap = (published.month - _MONTH_NUMBER[month.group(1).lower()]) % 12
        if gap >= 1:
            return True
    if not lexicon.background.found(text):
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    if years and published is not None:
        return min(years) < published.year
    return True


def sentence_class(facts: SentenceFacts, lexicon: SegmentLexicon) -> str | None:
    """The strong event class of a sentence, if its cues name one."""
    for cue in facts.cues:
        cls = lexicon.cue_class.get(getattr(cue, "kind", ""))
        if cls:
            return cls
    return None


_NOT_EVENT_ROLES = ("caption", "furniture")  # dates.line_role: a photo's day, a page's day
_LATER_ROLES = ("report", "aftermath")  # dates.date_role: the day of a statement, of a burial
_SPEECH_NEAR = re.compile(
    r"\b(?:said|says|told|announced|informed|stated|reported|confirmed|added|briefing|statement)\b", re.I
)
_SPEECH_NEXT = re.compile(r"\s*(?:said|says|told|announced|confirmed|reported|stated)\b", re.I)


def is_report_date(facts: SentenceFacts, match: DateMatch) -> bool:
    """A date bound to the act of speaking ("said on Thursday") or to a burial after the event, not to the
    event."""
    if getattr(match, "role", None) in _LATER_ROLES:  # dates.yaml date_roles: the words around it say so
        return True
    if facts.attribution is None:
        return False
    text = facts.text
    local_start = match.start - facts.start
    local_end = match.end - facts.start
    before = text[max(0, local_start - 25) : local_start]
    after = text[local_end : local_end + 40]
    if _SPEECH_NEAR.search(before.split(",")[-1]):
        return True
    if _SPEECH_NEXT.match(after):  # "Police on Tuesday said ..."
        return True
    return local_start <= 3 and bool(_SPEECH_NEAR.search(after))


def sentence_date(facts: SentenceFacts, *, told: bool = False) -> dt.date | None:
    """The first day-precise resolved date in the sentence, the dateline (the filing day) and the dates
    of captions and page lines aside; `told`: the day a statement was made ("a rights group said on
    Monday") aside too."""
    found = sentence_day(facts, told=told)
    return found[0] if found else None


def sentence_day(facts: SentenceFacts, *, told: bool = False) -> tuple[dt.date, str] | None:
    """`sentence_date` with the words that tell it ("late on Tuesday night")."""
    found = next(_event_days(facts, told=told), None)
    return (found[1], found[0].text) if found else None


def _event_days(facts: SentenceFacts, *, told: bool) -> Iterator[tuple[DateMatch, dt.date]]:
    """The sentence's day-precise resolved dates in order, with their matches: the dateline, captions and
    page lines aside, and with `told` the days of speaking too."""
    for match, value in facts.dates:
        if getattr(match, "kind", None) == "dateline" or getattr(match, "role", None) in _NOT_EVENT_ROLES:
            continue
        if told and is_report_date(facts, match):
            continue
        if value is not None and value.value is not None and str(value.precision) == "day":
            yield match, value.value


def _other_day(day: tuple[dt.date, str] | None, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """Is a day told apart from the frame's? A night spans two days: "overnight" on the report's day and
    "late on Tuesday" the day before tell one night."""
    if not (day and frame.day) or day[0] == frame.day:
        return False
    night = frame.event_night or bool(lexicon.night.search(day[1]))
    return not (night and abs((day[0] - frame.day).days) == 1)


def _split_relative(
    facts: SentenceFacts, lexicon: SegmentLexicon
) -> tuple[SentenceFacts, SentenceFacts] | None:
    """Split "X came a day after an attack on Y killed six" into the present and the earlier part."""
    found = lexicon.relative_incident.search(facts.text)
    if not found:
        return None
    cut = facts.start + found.start()
    later_figures = tuple(f for f in facts.figures if f.start >= cut)
    if not later_figures:
        return None
    head = SentenceFacts(
        index=facts.index,
        start=facts.start,
        end=cut,
        text=facts.text[: found.start()],
        figures=tuple(f for f in facts.figures if f.start < cut),
        attribution=facts.attribution,
        dates=tuple(d for d in facts.dates if d[0].start < cut),
        cues=tuple(c for c in facts.cues if c.start < cut),
        context_cues=tuple(c for c in facts.context_cues if c.start < cut),
    )
    tail = SentenceFacts(
        index=facts.index,
        start=cut,
        end=facts.end,
        text=facts.text[found.start() :],
        figures=later_figures,
        stance=facts.stance,
        attribution=facts.attribution,
        dates=tuple(d for d in facts.dates if d[0].start >= cut),
        # the earlier incident's own words, which told the head's cause and are told as its event here
        cues=tuple(sorted((c for c in facts.cues + facts.context_cues if c.start >= cut), key=_at)),
    )
    return head, tail


def _at(cue: Any) -> tuple[int, int]:
    """Where a cue lies, for text order."""
    return cue.start, cue.end


def _cut(facts: SentenceFacts, head_end: int, tail_start: int) -> tuple[SentenceFacts, SentenceFacts]:
    """Two clauses of one sentence, each with the figures, dates, cues and places told in it."""
    end, start = facts.start + head_end, facts.start + tail_start
    head = replace(
        facts,
        end=end,
        text=facts.text[:head_end],
        figures=tuple(f for f in facts.figures if f.start < end),
        dates=tuple(d for d in facts.dates if d[0].start < end),
        cues=tuple(c for c in facts.cues if c.start < end),
        areas=tuple(a for a in facts.areas if a.at < end),
    )
    tail = replace(
        facts,
        start=start,
        text=facts.text[tail_start:],
        figures=tuple(f for f in facts.figures if f.start >= start),
        stance=None,
        dates=tuple(d for d in facts.dates if d[0].start >= start),
        cues=tuple(c for c in facts.cues if c.start >= start),
        areas=tuple(a for a in facts.areas if a.at >= start),
        is_title=facts.is_title,
    )
    return head, tail


def _split_contrast(
    facts: SentenceFacts, lexicon: SegmentLexicon
) -> tuple[SentenceFacts, SentenceFacts] | None:
    """Split "five died in an air strike on X, while in Y a bomb killed two" into its two events: at a
    clause break ("while", ";", ", and in Y") after which a new event is told at a place apart from the
    first clause's, or as "another attack"."""
    for found in lexicon.clause_cut.finditer(facts.text):
        head, tail = _cut(facts, found.start(), found.end())
        if not (head.figures or own_event(head, lexicon)) or not own_event(tail, lexicon):
            continue
        if lexicon.mid_openers.found(tail.text):
            return head, tail
        apart = not places_meet(tail.areas, head.areas)
        if tail.areas and head.areas and apart:
            return head, tail
    return None


def _split_tolls(facts: SentenceFacts, lexicon: SegmentLexicon) -> tuple[SentenceFacts, ...] | None:
    """Split a list of tolls each told at its own town ("two were killed in X, three were wounded in Y and
    one died in Z"; "in X, two died; in Y, three") into one clause per town, at the breaks of the list."""
    if sum(1 for f in facts.figures if _is_toll(f)) < 2:
        return None
    for found in lexicon.list_cut.finditer(facts.text):
        head, tail = _cut(facts, found.start(), found.end())
        here, there = _toll_towns(head, lexicon), _toll_towns(tail, lexicon)
        if not (here and there) or places_meet(here, there):
            continue
        parts = (head, *(_split_tolls(tail, lexicon) or (tail,)))
        return tuple(p if p.dates else replace(p, dates=facts.dates) for p in parts)  # one list, one day
    return None


def _toll_towns(part: SentenceFacts, lexicon: SegmentLexicon) -> list[PlaceArea]:
    """The places a clause with a toll tells as where it happened ("In X, two died", "two died in X state"):
    towns, and provinces too, for two provinces are apart as two towns are (a province meets its towns)."""
    if not any(_is_toll(f) for f in part.figures):
        return []
    fronted = lexicon.fronted_place.match(part.text)
    return [
        a
        for a in part.areas
        if (fronted and a.at - part.start < fronted.end() + 40) or _told_where(part, a, lexicon)
    ]


def _split_aggregate(
    facts: SentenceFacts, lexicon: SegmentLexicon
) -> tuple[SentenceFacts, SentenceFacts] | None:
    """Split "two soldiers were killed on Wednesday, bringing to 219 the number killed since ..." into
    the news and the running total, at the comma before the total."""
    if not lexicon.aggregate.found(facts.text):
        return None
    found = next((m for p in lexicon.aggregate if (m := p.search(facts.text))), None)
    if not found:
        return None
    comma = facts.text.rfind(",", 0, found.start())
    if comma < 0:
        return None
    cut = facts.start + comma + 1
    head = [f for f in facts.figures if f.start < cut]
    tail = [f for f in facts.figures if f.start >= cut]
    if not head or not tail:
        return None
    return (
        replace(facts, end=cut, text=facts.text[: comma + 1], figures=tuple(head),
                dates=tuple(d for d in facts.dates if d[0].start < cut),
                cues=tuple(c for c in facts.cues if c.start < cut)),
        replace(facts, start=cut, text=facts.text[comma + 1 :], figures=tuple(tail), stance=None,
                dates=tuple(d for d in facts.dates if d[0].start >= cut),
                cues=tuple(c for c in facts.cues if c.start >= cut)),
    )  # fmt: skip


_COUNT_REACH = 80  # characters before a unit of time searched for its count: more than any number's words


def _days_offset(text: str, found: re.Match[str] | None, lexicon: SegmentLexicon) -> int:
    """ "a day after an attack" -> -1, "twelve days after a raid" -> -12: the other incident that a
    relative_incident match `found` in `text` tells happened that many days before (after, for "before").
    The count is the number told just before the unit (none is one); hours are the same day."""
    unit = lexicon.distance_unit.search(found.group()) if found else None
    if found is None or unit is None:
        return 0  # "it came after ...": no distance told
    count = _count_before(text[: found.start() + unit.start()], lexicon.numbers)
    amount = (1 if count is None else count) * lexicon.unit_days[unit.group(1).lower()]
    return -amount if "after" in found.group().lower() else amount


def _count_before(text: str, grammar: NumberGrammar) -> int | None:
    """The number that ends `text` ("came twenty-one ", "within 48 "), read by the number grammar; None
    when the text ends in no number ("a day", "several days": one)."""
    tail = text[-_COUNT_REACH:]
    end = len(tail.rstrip())
    for match in find_quantities(tail, grammar):
        if match.end == end:
            quantity = match.quantity  # "two or three days": the last number, as the text reads it
            return quantity.max if quantity.max is not None else quantity.min
    return None


def _return_frame(frames: list[Frame], current: int, cls: str | None, first: int = 0) -> int | None:
    """An earlier frame of the sentence's class (from `first`, where its section starts), when the current
    frame is of no or another class."""
    if not cls or frames[current].cue_class == cls:
        return None
    for i in range(current - 1, first - 1, -1):
        if not frames[i].background and frames[i].cue_class == cls:
            return i
    return None


def _other_date(frame: Frame, date: dt.date | None, max_days: int) -> bool:
    """A sentence dated clearly apart from its frame tells another incident."""
    return bool(date and frame.date and abs((frame.date - date).days) > max_days)


def _opens_frame(
    part: SentenceFacts,
    frame: Frame,
    date: dt.date | None,
    lexicon: SegmentLexicon,
    published: dt.date | None,
) -> bool:
    """An explicit opener ("In another incident", "said separately"), a strong cue of another class
    with "also" or on another day, or an event claim dated apart from the current frame."""
    eventful = part.has_claim or bool(part.cues)
    if not frame.sentences or not eventful:
        return False
    if explicit_opener(part, lexicon):
        return True
    cls = sentence_class(part, lexicon)
    other_class = bool(cls and frame.cue_class and cls != frame.cue_class)
    if other_class and (
        lexicon.another_event.search(part.text) or (part.has_claim and _other_date(frame, date, 0))
    ):
        return True
    # a claim with no event word ("We buried 26 on Friday") dates a funeral or a statement, not an event;
    # one that repeats the frame's toll ("14 civilians killed") tells its event again on its own day
    told = any(getattr(c, "layer", "event") != "target" for c in part.cues)
    dated_apart = _other_date(frame, date, lexicon.same_incident_max_days)
    if part.has_claim and told and dated_apart and not _repeats_toll(part, frame):
        return True
    if is_background(part.text, published, lexicon) or lexicon.habitual.found(part.text):
        return False  # a total, an older event, a habit ("near-daily attacks")
    if _attackers_later(part, frame, lexicon):
        return True
    if own_event(part, lexicon) and _on_other_day(part, frame, lexicon):
        return True
    if _another_kind_of_event(part, frame, lexicon):
        return True
    if own_event(part, lexicon) and (
        _elsewhere(part, frame, lexicon) or _event_elsewhere(part, frame, lexicon)
    ):
        return True
    return _toll_elsewhere(part, frame, lexicon)


def _event_elsewhere(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A paragraph that opens with a violent event a source tells as done, with no toll, at a town apart from
    the frame's, once the frame has its toll ("Militants attacked a checkpoint in X, police said."): another
    incident. Not the frame's kind of event told again with its details, an event already told ("in Monday's
    attack"), the care of the hurt, an operation lasting days, nor a place before the event word ("a source
    in X said")."""
    if part.figures or part.attribution is None or not part.opens_line:
        return False
    if not (frame.has_figures and frame.areas) or not told_done(part, lexicon):
        return False
    cls = sentence_class(part, lexicon)
    if (cls and cls == frame.cue_class) or _points_back(part, lexicon) or lexicon.care.found(part.text):
        return False
    starts = [c.start for c in violent_event_cues(part, lexicon) if c.kind not in lexicon.lasting_kinds]
    if not starts:
        return False
    # a town the gazetteer places: a village it lacks may lie anywhere, a province may hold the frame's towns
    where = [
        a
        for a in part.areas
        if a.at > min(starts) and a.placed and not a.wide and _told_where(part, a, lexicon)
    ]
    return bool(where) and not places_meet(where, frame.areas)


def _toll_elsewhere(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A toll of its own told at a town apart from the frame's, once the frame has its toll, with no event
    word ("Two more people were wounded in the city of X"): the same day's harm at another town. Not the
    care of the hurt elsewhere ("were taken to hospital in X")."""
    if not (frame.has_figures and any(_is_toll(f) for f in part.figures)):
        return False
    if _points_back(part, lexicon):  # "five were killed in Monday's attack"
        return False
    if lexicon.care.found(part.text) or _repeats_toll(part, frame):
        return False
    if not lexicon.fronted_place.match(part.text):  # "sources in X said two died": where they speak from
        first = min(f.start for f in part.figures)
        part = replace(
            part, areas=tuple(a for a in part.areas if a.at > first and _told_where(part, a, lexicon))
        )
    return _elsewhere(part, frame, lexicon)


def _points_back(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does the sentence name its event as one already told ("in Monday's attack", "in that strike")?"""
    for cue in part.cues:
        if getattr(cue, "layer", "event") == "event":
            before = part.text[max(0, cue.start - part.start - 40) : cue.start - part.start]
            if lexicon.pointing.search(before):
                return True
    return False


def _told_where(part: SentenceFacts, area: PlaceArea, lexicon: SegmentLexicon) -> bool:
    """Is the place told as where something happened ("were wounded in the city of X"), not as where a
    speaker is ("officials in X said")?"""
    before = part.text[max(0, area.at - part.start - 60) : area.at - part.start]
    return lexicon.event_place.search(before) is not None and not lexicon.speaker_place.found(before)


def explicit_opener(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does the sentence say it tells another incident ("In a separate attack", "Meanwhile", a time stamp
    or "Earlier," before an event of its own)?"""
    if lexicon.openers.search(part.text) or lexicon.mid_openers.found(part.text):
        return True
    return bool(lexicon.time_openers.search(part.text)) and (own_event(part, lexicon) or _toll_of_event(part))


def _another_kind_of_event(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A toll of its own told with an event of a strong class near it, none of the sentence's events being
    of the frame's class, once the frame has its toll ("two soldiers died when a mine exploded" after an
    air strike's dead): another incident. The attackers' own dead alone belong to the fight told."""
    if not (frame.has_figures and _toll_of_event(part)) or _repeats_toll(part, frame):
        return False
    if all(f.figure.has_number and not _is_toll(f) for f in part.figures):
        return False  # "no one was hurt": no toll of its own
    if all(_category(f) == "militants" for f in part.figures):
        return False  # "three of the attackers died in the clashes": the same fight's other side
    if not frame.cue_class or frame.cue_class in {lexicon.cue_class.get(c.kind) for c in part.cues}:
        return False  # "the strikes pounded the town": the frame's kind of event told again
    near = [c for c in part.cues if any(abs(c.start - f.start) <= lexicon.toll_reach for f in part.figures)]
    near = [c for c in near if c.kind not in lexicon.generic_kinds]  # "a strike": maybe the frame's, retold
    return sentence_class(replace(part, cues=tuple(near)), lexicon) is not None


def _attackers_later(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """The attackers' own losses in a later fight ("troops later killed four of the gunmen"): a number of
    militants dead told with a word of pursuit, after a frame that told the losses of others."""
    if not lexicon.pursuit.found(part.text):
        return False
    if not any(_category(f) == "militants" and f.figure.has_number for f in part.figures):
        return False
    return any(_category(f) != "militants" for s in frame.sentences for f in s.figures)


def _is_toll(match: Any) -> bool:
    """A figure with a number of dead or hurt above zero (not "no one was hurt", not "dozens")."""
    return bool(match.figure.min or match.figure.max)


def _category(match: Any) -> str:
    category = match.figure.category
    return getattr(category, "value", category)


def same_time_elsewhere(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A new incident told as happening at the time of the one before: "the same day", or no time of its
    own at another place or as another kind of event; it takes that incident's day when it names none."""
    if lexicon.same_time.search(part.text):
        return True
    if lexicon.mid_openers.found(part.text) or lexicon.time_openers.search(part.text):
        return False
    if _on_other_day(part, frame, lexicon):
        return False
    if _elsewhere(part, frame, lexicon):
        return True
    return _another_kind_of_event(part, frame, lexicon) and sentence_date(part, told=True) is None


def tells_event(part: SentenceFacts) -> bool:
    """Does the sentence carry an event cue (not only words about targets or outcomes)?"""
    return any(getattr(c, "layer", "event") == "event" for c in part.cues)


def _toll_of_event(part: SentenceFacts) -> bool:
    """A toll told with a word of the event ("three were killed"), not a bare count ("put the toll at 23")."""
    return bool(part.figures) and any(getattr(c, "layer", "event") != "target" for c in part.cues)


def violent_event_cues(part: SentenceFacts, lexicon: SegmentLexicon) -> list[Any]:
    """The sentence's event cues (not target words) of a violent kind."""
    return [
        c for c in part.cues if getattr(c, "layer", "event") == "event" and c.kind in lexicon.violent_kinds
    ]


def own_event(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does the sentence tell a violent event as new ("an air strike hit", "gunmen attacked"), not only
    point back to one ("the strike", "Monday's attack")?"""
    for cue in violent_event_cues(part, lexicon):
        if _INDEFINITE.search(getattr(cue, "text", "")):  # "their vehicle struck a mine"
            return True
        before = part.text[: cue.start - part.start]
        if not folded.found(lexicon.definite, before) or _sequel(part, cue, before, lexicon):
            return True
    return False


_UNDONE_REACH = 40  # how far before an event word the words that tell it as not done once are looked for


def told_done(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does a violent event word of the sentence tell the event as done, not as meant, going on or repeated
    ("gunmen attacked a post", not "gunmen threatened to attack" nor "militants have attacked posts")?"""
    return _some_cue_free_of(part, violent_event_cues(part, lexicon), lexicon.undone)


def told_not_meant(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does an event word of the sentence, of any kind, tell an event done or going on, not only meant
    ("farmers continued to block the road", not "farmers threatened to block the road")?"""
    events = (cue for cue in part.cues if getattr(cue, "layer", "event") == "event")
    return _some_cue_free_of(part, events, lexicon.meant)


def _some_cue_free_of(part: SentenceFacts, cues: Iterable[Any], words: re.Pattern[str]) -> bool:
    """Whether one of `cues` has none of `words` in the reach before it."""
    for cue in cues:
        at = cue.start - part.start
        if not words.search(part.text[max(0, at - _UNDONE_REACH) : at]):
            return True
    return False


def _sequel(part: SentenceFacts, cue: Any, before: str, lexicon: SegmentLexicon) -> bool:
    """A definite event word that tells a new event coming after the one told ("in the ensuing clash",
    "the gunfight that followed")."""
    if lexicon.sequel_before.search(before):
        return True
    return lexicon.sequel_after.match(part.text, cue.end - part.start) is not None


_INDEFINITE = re.compile(r"\b(?:an?|another)\s", re.I)


_LEADING_CHARS = 30  # "Late on Tuesday night, ...": a day that opens the sentence


def leading_day(part: SentenceFacts) -> tuple[dt.date, str] | None:
    """The day a sentence opens with ("Yesterday, ...", "On Monday, gunmen ..."), not a day of speaking,
    and its words."""
    found = next(_event_days(part, told=True), None)
    if found is None or found[0].start - part.start > _LEADING_CHARS:
        return None
    return found[1], found[0].text


def _on_other_day(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A new event told on another day than its frame's: "Yesterday, ...", "a day earlier", "the
    previous night"."""
    if lexicon.day_shift.search(part.text):
        return True
    if _other_day(leading_day(part), frame, lexicon):
        return True
    # a toll of its own on another day, at no place the frame names ("gunmen killed three on Monday")
    if not (part.figures and _other_day(sentence_day(part, told=True), frame, lexicon)):
        return False
    return not _repeats_toll(part, frame) and not _shares_place(part, frame)


def _shares_place(part: SentenceFacts, frame: Frame) -> bool:
    """Does the sentence name a place of the frame, or one that lies in it or holds it (the towns of each
    when they name towns: two villages of the province the frame names are apart)?"""
    return places_meet(part.areas, frame.areas)


def places_meet(these: Iterable[PlaceArea], those: Iterable[PlaceArea]) -> bool:
    """Does a place of one list relate to one of the other? A place both name that may be a town ("Kharkiv")
    joins them; otherwise, when both name towns (places that hold none), their towns are compared: two
    villages of a province both name are apart, though both lie in it. Towns the gazetteer lacks are told
    where they lie by the wider places named with them, so a side with only such towns keeps those."""
    these, those = list(these), list(those)
    if any(a.names & b.names for a in these if not a.region for b in those if not b.region):
        return True
    mine, theirs = _towns(these), _towns(those)
    if not (mine and theirs):
        mine, theirs = these, those
    elif _placed(mine) != _placed(theirs):  # known towns on one side only
        mine, theirs = (mine if _placed(mine) else these), (theirs if _placed(theirs) else those)
    return any(related_places(a, b) for a in mine for b in theirs)


def _towns(areas: list[PlaceArea]) -> list[PlaceArea]:
    """The places that hold no other."""
    return [a for a in areas if not a.wide]


def _placed(areas: list[PlaceArea]) -> bool:
    """Does the gazetteer know where one of these places lies?"""
    return any(a.placed for a in areas)


def _elsewhere(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A new event at a place the frame does not name and that neither lies in nor holds one it names,
    told with its own toll, with "also" or "meanwhile", opening with its place ("In X, ..."), or on
    another day."""
    if not part.areas or not frame.areas or _shares_place(part, frame):
        return False
    fronted = lexicon.fronted_place.match(part.text) is not None
    if part.figures:  # "In Kuru, two were killed when ...": the same number at a town of its own
        return not _repeats_toll(part, frame) or (fronted and own_event(part, lexicon))
    if fronted or lexicon.another_event.search(part.text):
        return True
    return _other_day(sentence_day(part, told=True), frame, lexicon)


def _from(sentences: list[SentenceFacts], first: int) -> Iterator[SentenceFacts]:
    """The sentences from index `first` on, without a copy and without stepping over those before it (as
    `islice` does: a cost growing with `first` at every call)."""
    return map(sentences.__getitem__, range(first, len(sentences)))


def is_heading(sentences: list[SentenceFacts], first: int, lexicon: SegmentLexicon) -> bool:
    """Does `sentences[first]` open a heading line that starts a section of its own: a numbered item
    ("2. The raid on X"), a day ("Tuesday 3 March") or a place in capitals?"""
    line = ""
    for facts in _from(sentences, first):
        line += " " + facts.text.strip()
        if facts.ends_line or len(line) > lexicon.heading_max_chars:
            break
    line = line.strip()
    if sentences[first].is_title or len(line) > lexicon.heading_max_chars:
        return False
    return lexicon.heading.search(line) is not None


def heading_day(sentences: list[SentenceFacts], first: int) -> dt.date | None:
    """The day a heading line names ("Tuesday 3 March"): the day of its section's news."""
    for facts in _from(sentences, first):
        for match, value in facts.dates:
            if getattr(match, "kind", None) == "dateline" or value is None or value.value is None:
                continue
            if str(value.precision) == "day":
                return value.value
        if facts.ends_line:
            break
    return None


def paragraph_view(
    sentences: list[SentenceFacts], first: int, lexicon: SegmentLexicon, published: dt.date | None
) -> SentenceFacts:
    """The paragraph that `sentences[first]` opens, as one span with the figures, cues, dates and places
    of its sentences (the figures of a total or an older event told in it, and the days its later sentences
    were said on, aside)."""
    members = [sentences[first]]
    for facts in _from(sentences, first + 1):
        if facts.opens_line:
            break
        members.append(with_named_sites(facts, lexicon))
    head = members[0]
    text = head.text
    for facts in members[1:]:
        text += " " * (facts.start - head.start - len(text)) + facts.text
    news = [m for m in members if not is_background(m.text, published, lexicon)]
    return replace(
        head,
        end=members[-1].end,
        text=text,
        figures=tuple(f for m in news for f in m.figures),
        dates=tuple(d for m in members for d in m.dates if m is head or not is_report_date(m, d[0])),
        cues=tuple(c for m in members for c in m.cues),
        areas=tuple(a for m in members for a in m.areas),
    )


def _new_paragraph(
    sentences: list[SentenceFacts],
    first: int,
    frame: Frame,
    lexicon: SegmentLexicon,
    published: dt.date | None,
) -> SentenceFacts | None:
    """The paragraph `sentences[first]` opens, when it tells a violent event of its own with a toll of its
    own at a place apart from its frame's, on another day or of another kind ("Roughly 50 km away, troops
    clashed with gunmen. Three of the gunmen were killed."): a new incident from its first line."""
    opener = sentences[first]
    if not (opener.opens_line and frame.has_figures) or opener.is_title:
        return None
    if tells_older_event(opener.text, published, lexicon) or lexicon.habitual.search(opener.text):
        return None
    view = paragraph_view(sentences, first, lexicon, published)
    tolls = [f for f in view.figures if _is_toll(f)]
    if not tolls or _repeats_toll(replace(view, figures=tuple(tolls[:1])), frame):
        return None
    if not own_event(view, lexicon):
        return None
    return view if _told_apart(view, frame, lexicon) else None


def _told_apart(view: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """Does a paragraph tell its event at a place apart from its frame's, on another day, or as an event
    of another class?"""
    if view.areas and frame.areas and not _shares_place(view, frame):
        return True
    if _other_day(sentence_day(view, told=True), frame, lexicon):
        return True
    if all(_category(f) == "militants" for f in view.figures):
        return False  # "five attackers died in a gunfight with the guards": the same fight's other side
    classes = {lexicon.cue_class.get(c.kind) for c in view.cues} - {None}
    specific = {lexicon.cue_class.get(c.kind) for c in view.cues if c.kind not in lexicon.generic_kinds}
    return bool(frame.cue_class and specific - {None} and frame.cue_class not in classes)


def _return_by_place(frames: list[Frame], current: int, part: SentenceFacts, first: int = 0) -> int | None:
    """An earlier news frame (from `first`, where its section starts) whose places the sentence names, when
    it names none of the current frame's."""
    if not part.areas:
        return None
    if places_meet(part.areas, frames[current].areas):
        return None
    for i in range(current - 1, first - 1, -1):
        if frames[i].background or not frames[i].sentences:
            continue
        if places_meet(part.areas, frames[i].areas):
            return i
    return None


def _same_town_before(
    frames: list[Frame], current: int, part: SentenceFacts, lexicon: SegmentLexicon, first: int = 0
) -> int | None:
    """An earlier news frame (from `first`) of the same strong class at a town the sentence names, on no other
    day, when nothing says the sentence tells another event ("another strike"): the same incident told again,
    as a live report's later entry retells a strike with its new toll."""
    cls = sentence_class(part, lexicon)
    towns = [a for a in part.areas if not a.wide]
    if not cls or not towns or explicit_opener(part, lexicon):
        return None
    day = sentence_day(part, told=True)
    for i in range(current - 1, first - 1, -1):
        frame = frames[i]
        if frame.background or frame.cue_class != cls or _other_day(day, frame, lexicon):
            continue
        if any(a.names & b.names for a in towns for b in frame.areas if not b.wide):
            return i
    return None


def _repeats_toll(part: SentenceFacts, frame: Frame) -> bool:
    """Does the sentence give a number of dead or hurt the frame already gave?"""
    told = frame.tolls
    return any(toll in told for f in part.figures if (toll := figure_toll(f.figure))[2] is not None)


def segment_incidents(
    sentences: list[SentenceFacts], *, published: dt.date | None, lexicon: SegmentLexicon
) -> list[Frame]:
    """Group the sentences of one article into incident frames, in order of first mention."""
    frames: list[Frame] = [Frame()]
    current = 0
    paragraph_end = -1  # the end of a paragraph told as a new incident: its sentences stay in it
    section = 0  # the first frame of the section under the last heading: no sentence goes back before it
    for i, facts in enumerate(sentences):
        if is_caption(facts.text, lexicon):
            continue
        facts = with_named_sites(facts, lexicon)
        if facts.opens_line and is_heading(sentences, i, lexicon):
            if frames[current].has_figures:  # the section before has told its news
                frames.append(Frame())
                current = len(frames) - 1
            frames[current] = replace(
                frames[current], lead_day=heading_day(sentences, i) or frames[current].lead_day
            )
            section = current
        parts = [facts]
        split = _split_relative(facts, lexicon) if facts.figures else None
        aggregate = None if split or not facts.figures else _split_aggregate(facts, lexicon)
        if split:
            parts = list(split)
        elif aggregate:
            parts = [aggregate[0]]
        elif contrast := _split_contrast(facts, lexicon) or _split_tolls(facts, lexicon):
            parts = list(contrast)
        held = facts.start < paragraph_end
        for n, part in enumerate(parts):
            cls = sentence_class(part, lexicon)
            date = sentence_date(part)
            if (
                held
                and not (n == 1 and split)
                and not (part.has_claim and is_background(part.text, published, lexicon))
            ):
                if explicit_opener(part, lexicon):
                    frames.append(Frame())
                    current = len(frames) - 1
                target = current
            elif n == 1 and split:  # the earlier incident told inside the sentence
                found = lexicon.relative_incident.search(facts.text)
                offset = _days_offset(facts.text, found, lexicon)
                if abs(offset) >= 28:  # months or years apart: background
                    frames.append(Frame(background=True))
                else:
                    frames.append(Frame(relative_to=current, relative_days=offset))
                target = len(frames) - 1
            elif part.has_claim and is_background(part.text, published, lexicon):
                frames.append(Frame(background=True))
                target = len(frames) - 1
                if not frames[current].sentences and not part.is_title:  # a lead that gives a total
                    lead_day = frames[current].lead_day or sentence_date(part, told=True)
                    frames[current] = replace(frames[current], lead_day=lead_day)
            elif _opens_frame(part, frames[current], date, lexicon, published):
                back = _same_town_before(frames, current, part, lexicon, section)
                if back is None:
                    same_time = same_time_elsewhere(part, frames[current], lexicon)
                    shared = frames[current].day if same_time else None
                    frames.append(Frame(day_of=current if same_time else None, shared_day=shared))
                    back = len(frames) - 1
                target = current = back
            elif n == 0 and (view := _new_paragraph(sentences, i, frames[current], lexicon, published)):
                back = _same_town_before(frames, current, view, lexicon, section)
                if back is None:
                    dated = sentence_date(view, told=True) is not None
                    frames.append(
                        Frame(
                            day_of=None if dated else current,
                            shared_day=None if dated else frames[current].day,
                        )
                    )
                    back = len(frames) - 1
                target = current = back
                paragraph_end = view.end
            else:
                back = None
                if part.has_claim or own_event(part, lexicon):
                    back = _return_by_place(frames, current, part, section)
                if back is None and (part.has_claim or part.cues):
                    back = _return_frame(frames, current, cls, section)
                target = current = back if back is not None else current
            frame = frames[target]
            changes: dict[str, Any] = {}
            if not part.is_title and (part.has_claim or tells_event(part)):
                known = {a.names for a in frame.areas}  # each place once: checks stay short
                changes["areas"] = (*frame.areas, *(a for a in part.areas if a.names not in known))
            if cls and frame.cue_class is None and not part.is_title:
                changes["cue_class"] = cls
            if date and frame.date is None and (part.has_claim or cls) and not part.is_title:
                changes["date"] = date
            if frame.event_day is None and (part.has_claim or cls) and not part.is_title:
                told_day = sentence_day(part, told=True)
                if told_day:
                    changes["event_day"] = told_day[0]
                    changes["event_night"] = bool(lexicon.night.search(told_day[1]))
            frames[target] = frame.joined(part, **changes)
        if aggregate:
            frames.append(Frame(background=True).joined(aggregate[1]))
    return frames

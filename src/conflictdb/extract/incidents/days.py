"""The days a sentence tells: the day of its event (not of a statement, a caption or the dateline), an
older event told as background, and how many days apart "a day after an attack" puts the other event."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import lru_cache

from conflictdb.extract.casualties.numbers import NumberGrammar, find_quantities
from conflictdb.extract.dates.lexicon import SpeakingWords
from conflictdb.extract.incidents.lexicon import SegmentLexicon
from conflictdb.records import Frame, SentenceFacts
from conflictdb.records.matches import DateMatch

_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")


@lru_cache(maxsize=1024)  # segmentation asks it of one sentence in several places
def is_background(text: str, published: dt.date | None, lexicon: SegmentLexicon) -> bool:
    """Does the sentence tell an older event (a past year, "last year", "in June" months ago) or a
    total spanning several incidents ("since April", "nationwide")?"""
    return lexicon.aggregate.found(text) or tells_older_event(text, published, lexicon)


@lru_cache(maxsize=1024)
def tells_older_event(text: str, published: dt.date | None, lexicon: SegmentLexicon) -> bool:
    """Does the sentence tell an older event: a past year, "last year", "in June" months ago?"""
    month = lexicon.older_month.search(text)
    if month and published is not None:
        gap = (published.month - lexicon.months[month.group(1).lower()]) % 12
        if gap >= 1:
            return True
    if not lexicon.background.found(text):
        return False
    years = [int(y) for y in _YEAR.findall(text)]
    if years and published is not None:
        return min(years) < published.year
    return True


_NOT_EVENT_ROLES = ("caption", "furniture")  # dates.line_role: a photo's day, a page's day


_LATER_ROLES = ("report", "aftermath")  # dates.date_role: the day of a statement, of a burial


def is_report_date(facts: SentenceFacts, match: DateMatch, speaking: SpeakingWords) -> bool:
    """A date bound to the act of speaking ("said on Thursday", by the `speaking` words near it) or to a
    burial after the event, not to the event."""
    if getattr(match, "role", None) in _LATER_ROLES:  # dates.yaml date_roles: the words around it say so
        return True
    if facts.attribution is None:
        return False
    text = facts.text
    local_start = match.start - facts.start
    local_end = match.end - facts.start
    before = text[max(0, local_start - 25) : local_start]
    after = text[local_end : local_end + 40]
    if speaking.near.search(before.split(",")[-1]):
        return True
    if speaking.next.match(after):  # "Police on Tuesday said ..."
        return True
    return local_start <= 3 and bool(speaking.near.search(after))


def sentence_date(facts: SentenceFacts, *, speaking: SpeakingWords | None = None) -> dt.date | None:
    """The first day-precise resolved date in the sentence, the dateline (the filing day) and the dates
    of captions and page lines aside; given the `speaking` words, the day a statement was made ("a rights
    group said on Monday") aside too."""
    found = sentence_day(facts, speaking=speaking)
    return found[0] if found else None


def sentence_day(
    facts: SentenceFacts, *, speaking: SpeakingWords | None = None
) -> tuple[dt.date, str] | None:
    """`sentence_date` with the words that tell it ("late on Tuesday night")."""
    found = next(_event_days(facts, speaking), None)
    return (found[1], found[0].text) if found else None


def _event_days(facts: SentenceFacts, speaking: SpeakingWords | None) -> Iterator[tuple[DateMatch, dt.date]]:
    """The sentence's day-precise resolved dates in order, with their matches: the dateline, captions and
    page lines aside, and given the `speaking` words the days of speaking too."""
    for match, value in facts.dates:
        if getattr(match, "kind", None) == "dateline" or getattr(match, "role", None) in _NOT_EVENT_ROLES:
            continue
        if speaking is not None and is_report_date(facts, match, speaking):
            continue
        if value is not None and value.value is not None and str(value.precision) == "day":
            yield match, value.value


def leading_day(part: SentenceFacts, lexicon: SegmentLexicon) -> tuple[dt.date, str] | None:
    """The day a sentence opens with ("Yesterday, ...", "On Monday, gunmen ..."), not a day of speaking,
    and its words."""
    found = next(_event_days(part, lexicon.speaking), None)
    if found is None or found[0].start - part.start > lexicon.reach.leading_day:
        return None
    return found[1], found[0].text


def other_day(day: tuple[dt.date, str] | None, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """Is a day told apart from the frame's? A night spans two days: "overnight" on the report's day and
    "late on Tuesday" the day before tell one night."""
    if not (day and frame.day) or day[0] == frame.day:
        return False
    night = frame.event_night or bool(lexicon.night.search(day[1]))
    return not (night and abs((day[0] - frame.day).days) == 1)


def days_offset(text: str, found: re.Match[str] | None, lexicon: SegmentLexicon) -> int:
    """ "a day after an attack" -> -1, "twelve days after a raid" -> -12: the other incident that a
    relative_incident match `found` in `text` tells happened that many days before (after, for "before").
    The count is the number told just before the unit (none is one); hours are the same day."""
    unit = lexicon.distance_unit.search(found.group()) if found else None
    if found is None or unit is None:
        return 0  # "it came after ...": no distance told
    count = _count_before(text[: found.start() + unit.start()], lexicon.numbers, lexicon.reach.count)
    amount = (1 if count is None else count) * lexicon.unit_days[unit.group(1).lower()]
    return -amount if "after" in found.group().lower() else amount


def _count_before(text: str, grammar: NumberGrammar, reach: int) -> int | None:
    """The number that ends `text` ("came twenty-one ", "within 48 "), read by the number grammar; None
    when the text ends in no number ("a day", "several days": one)."""
    tail = text[-reach:]
    end = len(tail.rstrip())
    for match in find_quantities(tail, grammar):
        if match.end == end:
            quantity = match.quantity  # "two or three days": the last number, as the text reads it
            return quantity.max if quantity.max is not None else quantity.min
    return None

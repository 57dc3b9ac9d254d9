"""The day of an incident: the dates its sentences tell, ranked by what the words around each say it dates
(the event, a statement, a period, a caption), with a day told from another incident counted from it."""

from __future__ import annotations

import datetime as dt
import re

from conflictdb.extract.dates import DATELINE_KIND, DateLexicon, news_distance_rank, resolve_date
from conflictdb.extract.dates.lexicon import SpeakingWords
from conflictdb.extract.incidents.days import is_report_date
from conflictdb.records import DatePrecision, DateValue, Frame, SentenceFacts
from conflictdb.records.matches import DateMatch


def choose_date(
    frame: Frame,
    published: dt.date | None,
    *,
    lexicon: DateLexicon,
    base: DateValue | None = None,
    offset_days: int = 0,
    told_before: DateValue | None = None,
    anchor: dt.date | None = None,
) -> DateValue:
    """The incident date: dates tied to the event ("Thursday's strike", "took place on") first, then
    event sentences; report dates ("said on Thursday"), datelines and periods ("since 1 January") later;
    captions, page dates and days far from publication last, after the publication day itself; a frame
    with no date of its own ("the same day, a bomb ...") takes `told_before`, its preceding incident's.
    A day told from another ("The previous day, ...", "Two days later, ...") in the frame's opening
    sentence counts from `anchor`, the day of the incident told before it."""
    if base is not None and base.value is not None and offset_days:
        return DateValue(base.value + dt.timedelta(days=offset_days), base.precision, base.text)
    ranked: list[tuple[int, int, int, DateValue]] = []
    opening = next((s for s in frame.sentences if not s.is_title), None)
    for order, facts in enumerate(frame.sentences):
        for match, value in sentence_dates(facts, lexicon.speaking):
            if value is not None and value.value is None and match.kind == "anaphoric" and facts is opening:
                value = anaphoric_value(facts, match, anchor, lexicon)
            if value is None or (value.value is None and match.kind == "anaphoric"):
                continue  # "a day after": dated only against the incident it points to
            rank = date_rank(facts, match, value, lexicon) + news_distance_rank(
                match, value, published, lexicon
            )
            ranked.append((rank, order, event_word_distance(facts, match), value))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3].value is None))
    resolved = [r for r in ranked if r[3].value is not None]
    best = resolved[0] if resolved and resolved[0][0] <= ranked[0][0] else next(iter(ranked), None)
    no_day = best is None or best[0] >= lexicon.publication_rank
    vague = no_day or best[3].value is None or best[3].precision is not DatePrecision.DAY
    if vague and told_before is not None and told_before.value is not None:
        return told_before
    if published is not None and no_day:
        return DateValue(published, DatePrecision.DAY, None)
    return best[3] if best else DateValue(None, None, None)


def anaphoric_value(
    facts: SentenceFacts, match: DateMatch, anchor: dt.date | None, lexicon: DateLexicon
) -> DateValue:
    """A day told from the day of the incident before, as the sentence's opening words ("The previous day,
    ...", "Hours later, ..."), counted from `anchor`; unresolved without one or elsewhere in the sentence
    ("a raid on one village at night and on another the following day": a day of its own sentence)."""
    if anchor is None or not opens_sentence(facts, match):
        return DateValue(None, None, match.text)
    return resolve_date(match, None, lexicon, anchor=anchor)


_NO_EVENT_WORD = 10**6  # the distance of a date in a sentence that names no event


def event_word_distance(facts: SentenceFacts, match: DateMatch) -> int:
    """Characters from a date to the nearest event word of its sentence: of two dates told alike in one
    sentence ("rescuers on May 11 cleared the block hit on Tuesday"), the one next to the event dates it;
    a date that opens the sentence ("On 4 May, ...") dates its main clause, and counts as next to it."""
    if opens_sentence(facts, match):
        return 0
    events = [c for c in facts.cues if getattr(c, "layer", "event") == "event"]
    return min((max(c.start - match.end, match.start - c.end, 0) for c in events), default=_NO_EVENT_WORD)


# at most one word ("On", "Around") before a fronted date; its hyphens only between letters, so that no
# character can be read two ways (a run of dashes before a date would otherwise cost the cube of its length)
_FRONTED = re.compile(r"\W*(?:\w+(?:-+\w+)*\W+)?")


def opens_sentence(facts: SentenceFacts, match: DateMatch) -> bool:
    """Is the date the sentence's opening adverbial ("On 4 May, ...", "Around 2 June (between ...)"), after
    any dateline?"""
    start = max((m.end for m, _ in facts.dates if m.kind == DATELINE_KIND), default=facts.start)
    before = facts.text[start - facts.start : match.start - facts.start]
    return match.start >= start and _FRONTED.fullmatch(before) is not None


def date_rank(facts: SentenceFacts, match: DateMatch, value: DateValue, lexicon: DateLexicon) -> int:
    """How unlikely a date is to be the day of the incident (lower is likelier)."""
    weights = lexicon.rank
    rank = 0 if (facts.figures or facts.cues) else weights.quiet_sentence
    if match.kind == "relative" and " ".join(match.text.lower().split()) in lexicon.vague_relative:
        rank += weights.vague  # "overnight" gives way to "late on Tuesday" told of the same incident
    if match.kind == "anaphoric":
        rank += weights.anaphoric  # "the previous day" counts from another incident
    if is_event_date(facts, match, lexicon):  # "the ministry said Thursday's strike killed three"
        rank += weights.event
    elif match.kind != "anaphoric" and is_report_date(
        facts, match, lexicon.speaking
    ):  # "a day earlier": no day of speaking
        rank += weights.report
    if match.role in ("period", "reference"):  # "since 1 January", "after Monday's raid": not this day
        rank += weights.period
    if match.kind == DATELINE_KIND:  # the day the story was filed, not the day of the event
        rank += weights.dateline
    if facts.is_title:
        rank += weights.title
    if value.precision is not None and value.precision is not DatePrecision.DAY:
        rank += weights.not_a_day  # a day beats a week, a month or a year told in the same place
    return rank


def sentence_dates(facts: SentenceFacts, speaking: SpeakingWords) -> list[tuple[DateMatch, DateValue | None]]:
    """The dates of a sentence, with a day told from the statement it follows read back from that
    statement's day: "said on Tuesday, five days after gunmen stormed the village" (the storming was five
    days before Tuesday), "said on Thursday that a strike a day earlier had killed four" (on Wednesday)."""
    found: list[tuple[DateMatch, DateValue | None]] = []
    for match, value in facts.dates:
        said = found[-1] if found else None
        days = _days_before_statement(match) if match.kind == "anaphoric" else None
        if (
            days is not None
            and said
            and said[1]
            and said[1].value
            and is_report_date(facts, said[0], speaking)
        ):
            value = DateValue(said[1].value - dt.timedelta(days=days), said[1].precision, match.text)
        found.append((match, value))
    return found


def _days_before_statement(match: DateMatch) -> int | None:
    """How many days before the day of the statement it follows an anaphoric date puts its event: "five
    days after" (what follows happened five days before), "a day earlier", "the previous night"; None for
    a day after it ("a day later": not said yet) or the same day."""
    days = match.offset * (7 if match.unit == "week" else 1)
    if match.after:
        return days
    return -days if days < 0 else None


def is_event_date(facts: SentenceFacts, match: DateMatch, lexicon: DateLexicon) -> bool:
    """A date tied to the event by its words: "the attack took place on Thursday", "Thursday's strike",
    "the explosion of Sunday"."""
    if match.role == "event":
        return True
    events = [c for c in facts.cues if getattr(c, "layer", "event") != "target"]
    if match.role == "possessive":
        return any(0 <= c.start - match.end <= lexicon.event_word_gap for c in events)
    before = facts.text[: match.start - facts.start]
    return any(
        lexicon.event_of.fullmatch(before[c.end - facts.start :]) for c in events if c.end <= match.start
    )

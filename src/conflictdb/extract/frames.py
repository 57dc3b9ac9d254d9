"""From incident frames to mentions: which frames tell an incident, with which claims, event, day and place.

Segmentation (extract/incidents/) groups an article's sentences into frames; here each frame that tells
an incident of its own becomes a Mention: its claims, its ACLED event type, its date, its place and its
actors, a frame without words of its own taking them from the incident it was told alongside.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from conflictdb import geo
from conflictdb.extract import actors, dates, events, incidents, mentions
from conflictdb.extract.speech.attribution import clause_facts
from conflictdb.records import (
    Article,
    Claim,
    DatePrecision,
    DateValue,
    Findings,
    Frame,
    Mention,
    Place,
    SentenceFacts,
    Stance,
)
from conflictdb.timing import NO_TIMER, NoTimer, StageTimer

if TYPE_CHECKING:
    from conflictdb.extract.incidents import SegmentLexicon
    from conflictdb.records.matches import EventCue
    from conflictdb.resources import Resources


def frame_mentions(
    article: Article,
    found: Findings[geo.PlaceIndex],
    frames: Sequence[Frame],
    resources: Resources,
    *,
    timer: StageTimer | NoTimer = NO_TIMER,
) -> list[Mention]:
    """The incident mentions an article's frames tell, in the frames' order, background ones flagged. An
    event note (one paragraph) that yields none is read again with its first event sentence as concrete:
    a note reports an event, dated or not ("Students took to the streets", "the blockade entered its
    14th day"); so is one whose every mention was told as background, the older event it names being no
    part of its news ("arrested members of a militia that had killed ... in 2012"). A toll of a background
    frame told by the note's first event word, a violent one, is an aggregate: it stays background
    ("attacks have killed 300 people since 2017")."""
    lead = _undated_lead(article, found.facts, resources)
    result = _frames_told(article, found, frames, resources, lead=lead, timer=timer)
    if lead is not None or any(not m.background for m in result):
        return result
    lead = _note_lead(article, found.facts, resources)
    if lead is None or (result and _aggregate_lead(lead, frames, resources)):
        return result
    again = _frames_told(article, found, frames, resources, lead=lead, read_again=True, timer=timer)
    return again if any(not m.background for m in again) else result


def _frames_told(
    article: Article,
    found: Findings[geo.PlaceIndex],
    frames: Sequence[Frame],
    resources: Resources,
    *,
    lead: SentenceFacts | None,
    read_again: bool = False,
    timer: StageTimer | NoTimer,
) -> list[Mention]:
    """The mentions of `frame_mentions`, with `lead` (a note's event sentence) taken as concrete; read
    again, the frame telling `lead` is news, whatever older event or habit it names too."""
    seen: set[tuple] = set()
    built: dict[int, Mention] = {}
    classified: dict[int, events.EventClass] = {}
    result = []
    alongside: list[int | None] | None = None  # _told_alongside, when first asked
    claimed = functools.cache(lambda: actors.find_responsible(article.clean_text, resources.actors))
    news = False  # whether a mention before this frame is news (not background)
    for n, frame in enumerate(frames):
        if not frame.sentences:
            continue
        opener = None
        if news and not frame.has_figures:  # a frame without a toll told after another incident
            told = [frames[k] for k, m in built.items() if not m.background]
            opener = _opening_event(frame, told, resources, article.published)
        concrete = lambda s, opener=opener: s is opener or _is_lead(s, lead) or _concrete(s, resources)  # noqa: E731
        tells_lead = read_again and any(_is_lead(s, lead) for s in frame.sentences)  # the note's own news
        older = mentions.told_as_context(
            frame, strong_kinds=concrete, lexicon=resources.segments, published=article.published
        )
        context = older and not tells_lead
        beside_older = older and tells_lead  # the note's news, told in the frame of an older event
        if not mentions.frame_is_incident(
            frame, strong_kinds=concrete, lexicon=resources.segments, secondary=bool(news) and not context
        ):
            continue
        with timer("incidents"):
            claims = frame_claims(article, frame, resources, seen=seen, concrete=concrete)
            if not claims and news and not context:
                # another incident whose toll is the same as one told before ("two soldiers died in X ...
                # two soldiers died in Y"): its own figures
                claims = frame_claims(article, frame, resources, seen=set(), concrete=concrete)
        if not claims:
            continue
        if beside_older:  # its figures are the older event's, not the note's news
            claims = [replace(c, figures=()) for c in claims]
        with timer("events"):
            if alongside is None:
                alongside = _told_alongside(frames)
            told = alongside[n]  # a frame that tells no event: the kind of the one beside it
            told = n if told is None else told
            if told not in classified:
                classified[told] = classify_frame(frames[told], resources)
            event = classified[told]
            if beside_older:  # the note's news: what its first event word tells
                event = _lead_event(lead, resources)
        base = built.get(frame.relative_to) if frame.relative_to is not None else None
        with timer("dates"):
            date = incidents.choose_date(
                frame,
                article.published,
                lexicon=resources.dates,
                base=base.date if base else None,
                offset_days=frame.relative_days,
                told_before=_day_told_before(frame, built, resources.segments),
                anchor=_anchor_day(frame, built),
            )
        with timer("places"):
            place = frame_place(article, frame, found, resources, base=base)
        frame_text = " ".join(s.text for s in frame.sentences)
        told_text = " ".join(s.text for s in frame.sentences if s.has_claim or _concrete(s, resources))
        with timer("actors"):
            found_actors = actors.find_actors(
                told_text or frame_text,
                resources.actors,
                country=place.country if place else None,
                day=actors.naming_day(
                    date.value, published=article.published, url=article.url, naming=resources.actors.naming
                ),
                event=(event.event_type, event.sub_event_type),
                claimed=claimed(),
                context=frame_text,
                victims=_victim_categories(claims),
            )
        mention = mentions.build_mention(
            article,
            frame,
            index=len(result),
            claims=tuple(claims),
            event=(event.event_type, event.sub_event_type),
            type_guessed=event.guessed,
            date=date,
            place=place,
            actors=(found_actors.perpetrator, found_actors.target),
            coding=found_actors.coding,
            background=context,
        )
        built[n] = mention
        result.append(mention)
        news = news or not mention.background
    return result


def _victim_categories(claims: Iterable[Claim]) -> frozenset[str]:
    """The victim categories an incident's figures name ("civilians"; "unspecified": "people")."""
    return frozenset(str(f.category) for c in claims for f in c.figures)


def _day_told_before(frame: Frame, built: dict[int, Mention], lexicon: SegmentLexicon) -> DateValue | None:
    """The day a frame shares with what was told before it: the incident it happened alongside, or the
    day of the total its article opened with."""
    if frame.day_of in built:
        return built[frame.day_of].date
    if frame.lead_day:
        return DateValue(frame.lead_day, DatePrecision.DAY, None)
    if frame.sentences and lexicon.sequel.search(frame.sentences[0].text):
        return None  # "after this strike, ...": told as coming later than the incident before
    return _last_news_date(built)


def _anchor_day(frame: Frame, built: dict[int, Mention]) -> dt.date | None:
    """The day a frame's "the previous day" or "hours later" counts from: the day of the incident it
    shares its time with, else of the last news incident told before it."""
    told = built[frame.day_of].date if frame.day_of in built else _last_news_date(built)
    return told.value if told is not None and told.precision is DatePrecision.DAY else None


def _last_news_date(built: dict[int, Mention]) -> DateValue | None:
    """The date of the last dated news incident (not background) built so far, if any."""
    news = [m for m in built.values() if not m.background and m.date.value is not None]
    return news[-1].date if news else None


def frame_place(
    article: Article,
    frame: Frame,
    found: Findings[geo.PlaceIndex],
    resources: Resources,
    *,
    base: Mention | None,
) -> Place | None:
    """The place of a frame: the places named where it is told, else its anchor incident's place."""
    start, end = core_span(frame, resources)
    place = geo.resolve_place(
        found.places,
        text=article.clean_text,
        focus_start=start,
        focus_end=end,
        context_countries=found.countries,
        gazetteer=resources.gazetteer,
        lexicon=resources.geo,
        prepared=True,
        told=tuple((s.start, s.end) for s in frame.sentences if s.cues and not s.is_title),
        index=found.place_index,
    )
    if base is not None and base.place is not None and (place is None or place.country != base.place.country):
        return base.place  # "a day after an attack on ...": told without a place of its own
    return place


def _told_alongside(frames: Sequence[Frame]) -> list[int | None]:
    """For each frame that tells no event of its own, the index of the incident it was told alongside
    ("Three more were wounded in X", after a strike on Y): its kind of event is that incident's. A list of
    tolls is told each alongside the one before, back to the first that tells its event (a frame shares
    the day of one told before it: each frame's answer is read once)."""
    alongside: list[int | None] = []
    for frame in frames:
        told = frame.day_of
        if told is None or any(incidents.tells_event(s) for s in frame.sentences if not s.is_title):
            alongside.append(None)
        else:
            alongside.append(told if alongside[told] is None else alongside[told])
    return alongside


def classify_frame(frame: Frame, resources: Resources) -> events.EventClass:
    """ACLED type from the sentences with figures; if they name no kind of violence or no weapon, from
    the sentences with strong event cues, then from all."""
    told = [s for s in frame.sentences if not s.is_title]
    layers = (
        [s for s in told if s.figures],
        [s for s in told if s.figures or _concrete(s, resources)],
        frame.sentences,
    )
    event = events.choose_event(([c for s in layer for c in s.cues] for layer in layers), resources.events)
    if event.rule == "fallback":  # no word outside a context phrase tells an event: the toll is the cause's
        cues = {id(s): _with_cause(s) for s in frame.sentences}
        event = events.choose_event(
            ([c for s in layer for c in cues[id(s)]] for layer in layers), resources.events
        )
        return events.weapon_from_context(event, (c for s in told for c in cues[id(s)]), resources.events)
    return events.weapon_from_context(event, (c for s in told for c in s.cues), resources.events)


def _with_cause(facts: SentenceFacts) -> list[EventCue]:
    """The cues of a sentence and those of the context phrases told in it (the cause it names), in order."""
    cause = [c for c in facts.context_cues if facts.start <= c.start < facts.end]
    return sorted([*facts.cues, *cause], key=lambda c: (c.start, c.end)) if cause else list(facts.cues)


def core_span(frame: Frame, resources: Resources) -> tuple[int, int]:
    """The stretch of text that tells the incident: its claims and strong event cues."""
    core = [s for s in frame.sentences if not s.is_title and (s.has_claim or _concrete(s, resources))]
    core = core or frame.sentences
    return min(s.start for s in core), max(s.end for s in core)


def frame_claims(
    article: Article,
    frame: Frame,
    resources: Resources,
    *,
    seen: set[tuple],
    concrete: Callable[[SentenceFacts], bool] | None = None,
) -> list[Claim]:
    """The claims of a frame: sentences with figures or a stance, and attributed event reports;
    when nobody gives a figure, the sentences that report the event itself. A title tells only the
    figures the body does not repeat (extract/casualties/display.py)."""
    concrete = concrete or (lambda s: _concrete(s, resources))
    told = [s for s in frame.sentences if not s.is_title or s.figures]
    eventful = [s for s in told if s.figures or s.stance is not None or concrete(s)]
    claims = [
        c
        for s in eventful
        for part in clause_facts(s)  # "X said 14 died, while Y put the toll at 20": two claims
        if (c := mentions.build_claim(article, part, resources.parties, seen=seen)) is not None
    ]
    if not any(c.figures or c.stance not in (Stance.ASSERTED, Stance.DISOWNED) for c in claims):
        bare = [s for s in eventful if concrete(s) and s.attribution is None]
        claims += [
            c
            for s in bare[:2]
            if (c := mentions.build_claim(article, s, resources.parties, seen=seen, bare=True)) is not None
        ]
        claims.sort(key=lambda c: c.evidence.start)
    claims = mentions.drop_unnamed_twins(mentions.promote_orphan_subcounts(claims))
    claims = mentions.name_repeated_tolls(claims, resources.parties)
    return mentions.one_toll_per_source(claims, resources.parties)


def _opening_event(
    frame: Frame, told: list[Frame], resources: Resources, published: dt.date | None
) -> SentenceFacts | None:
    """The sentence that opens a frame without a toll told after the incidents `told`, when it tells a violent
    event of its own as done, at a place none of them names, with no day of its own ("Gunmen also shot at a
    patrol in X"): the segmenter set it apart as another incident, so it is as concrete as a strong cue, for
    that frame alone."""
    first = next((s for s in frame.sentences if not s.is_title), None)
    if first is None or not first.places or frame.background or frame.has_figures:
        return None
    if any(incidents.places_meet(frame.areas, other.areas) for other in told):
        return None  # a place already told: the incident told there, told again
    lexicon = resources.segments
    if not (incidents.own_event(first, lexicon) and incidents.told_done(first, lexicon)):
        return None
    if mentions.is_habit(first, lexicon):
        return None
    return None if incidents.tells_older_event(first.text, published, lexicon) else first


_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def _undated_lead(
    article: Article, facts: Sequence[SentenceFacts], resources: Resources
) -> SentenceFacts | None:
    """The first sentence with an event word of an event note, when it tells the event done or going on, not
    only meant. A note is a text of one paragraph that gives no day at all (no publication date, no day its
    words fix): there is no day to ask of its event, and its first event sentence tells it, of whatever kind
    ("Farmers staged a sit-in outside the ministry"). An article of several paragraphs is no note: its first
    event word may tell a talk, a policy or a trial."""
    if article.published is not None or any(
        v is not None and v.value is not None for s in facts for _, v in s.dates
    ):
        return None
    first = _first_event(article, facts)
    return first if first is not None and _tells_news(first, first.text, None, resources) else None


def _note_lead(
    article: Article, facts: Sequence[SentenceFacts], resources: Resources
) -> SentenceFacts | None:
    """The first sentence with an event word of a note (one paragraph) that dates itself or gives no day,
    when it tells the event done or going on. Only the words up to its first event word are asked for a
    habit or an older event: what follows qualifies something else ("protested over a sacking five years
    ago")."""
    first = _first_event(article, facts) if _dates_itself(article, facts) else None
    if first is None:
        return None
    cue_end = _first_event_end(first) - first.start
    return first if _tells_news(first, first.text[:cue_end], article.published, resources) else None


def _aggregate_lead(lead: SentenceFacts, frames: Sequence[Frame], resources: Resources) -> bool:
    """Is a note's event sentence part of a background frame, its first event word a violent one: the
    older toll's own event, not news told before it ("Police detained ..." is)?"""
    if not any(f.background and any(_is_lead(s, lead) for s in f.sentences) for f in frames):
        return False
    end = _first_event_end(lead)
    first = next(c for c in lead.cues if getattr(c, "layer", "event") == "event" and c.end == end)
    return first.kind in resources.segments.violent_kinds


def _first_event_end(facts: SentenceFacts) -> int:
    """Where the first event word of a sentence ends (a text offset)."""
    return min(c.end for c in facts.cues if getattr(c, "layer", "event") == "event")


def _lead_event(lead: SentenceFacts | None, resources: Resources) -> events.EventClass:
    """The event a note's lead sentence tells by its words up to its first event word: what follows
    qualifies something else ("arrested members of a gang that had killed three herders in 2015")."""
    assert lead is not None
    end = _first_event_end(lead)
    return events.choose_event([[c for c in lead.cues if c.start < end]], resources.events)


def _first_event(article: Article, facts: Sequence[SentenceFacts]) -> SentenceFacts | None:
    """The first sentence with an event word (past a date line) of a text of one paragraph."""
    if _PARAGRAPH_BREAK.search(article.clean_text.strip()):
        return None
    return next((s for s in facts if not s.is_title and incidents.tells_event(s)), None)


def _tells_news(first: SentenceFacts, words: str, published: dt.date | None, resources: Resources) -> bool:
    """Whether a sentence tells its event done or going on, not only meant, and `words` of it no habit
    and no older event."""
    lexicon = resources.segments
    told = first if words == first.text else replace(first, text=words)
    if mentions.is_habit(told, lexicon) or incidents.is_background(words, published, lexicon):
        return False
    return incidents.told_not_meant(first, lexicon)


def _dates_itself(article: Article, facts: Sequence[SentenceFacts]) -> bool:
    """Whether an article has no publication date but the day its own words give ("On 4 May 2020, ..."):
    a note that dates itself. A brief published on a day of its own is news, and that day decides."""
    if article.published is None:
        return True
    return any(v is not None and v.value == article.published for s in facts for _, v in s.dates)


def _is_lead(facts: SentenceFacts, lead: SentenceFacts | None) -> bool:
    """Is the sentence (or a clause of it, or a copy with more places named) the note's event sentence?"""
    return lead is not None and facts.index == lead.index


def _concrete(facts: SentenceFacts, resources: Resources) -> bool:
    """A sentence that tells a concrete event: a strong event cue, or an event cue with the day it
    happened ("On Tuesday gunmen attacked a convoy"); a non-violent event (an agreement, an arrest), or a
    death or a wound told with no event word, needs a full date ("On 2 March 2020, 25 soldiers joined the
    Taliban"; "On 3 May 2021, a teacher was killed by unknown men")."""
    if incidents.sentence_class(facts, resources.segments) is not None:
        return True
    kinds = {c.kind for c in facts.cues if getattr(c, "layer", "") == "event"}
    if not kinds:
        kinds = {c.kind for c in facts.cues if c.kind in resources.segments.outcome_kinds}
    if not kinds:
        return False
    violent = bool(kinds & resources.segments.violent_kinds)
    for match, value in facts.dates:
        if value is None or value.value is None or value.precision is not DatePrecision.DAY:
            continue
        if match.kind == dates.DATELINE_KIND or incidents.is_report_date(
            facts, match, resources.dates.speaking
        ):
            continue
        if violent or match.kind in dates.ABSOLUTE_KINDS:
            return True
    return False

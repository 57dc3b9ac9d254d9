"""The stages composed: the one set of functions the CLI, the API and batch engines call.

read -> clean -> sentences -> finders (figures, stance, speakers, dates, event cues, places)
-> incident segmentation -> mentions -> cross-article linking.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictdb import clean, geo, ingest
from conflictdb.errors import ConflictdbError, ExtractionError, IngestError
from conflictdb.extract import (
    actors,
    dates,
    events,
    incidents,
    mentions,
    sentences,
)
from conflictdb.extract.casualties import display, figures
from conflictdb.extract.speech.attribution import attribute_sentences, clause_facts
from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Mention,
    Place,
    Stance,
    replace,
)
from conflictdb.resolve.duplicates import load_duplicate_lexicon, with_source_groups
from conflictdb.resolve.link import load_link_lexicon, mention_words
from conflictdb.resolve.linker import MemoryIndex
from conflictdb.resources import Resources, load_resources
from conflictdb.timing import NO_TIMER, NoTimer, StageTimer

Timer = StageTimer | NoTimer

__all__ = [
    "load_resources",
    "loaded_resources",
    "extract_article",
    "process_article",
    "process_paths",
    "link_incidents",
    "link_words",
    "extract_mentions",
]

log = logging.getLogger(__name__)

Result = tuple[Article, list[Mention]]


@dataclass(frozen=True, slots=True)
class Findings:
    """What the finders found in one article: per-sentence facts and the places it names."""

    facts: list[incidents.SentenceFacts]
    places: list[Any]  # geo.ToponymMatch, as geo.prepare_matches gives them
    countries: Counter
    place_index: geo.PlaceIndex  # the places by position, as resolve_place reads them for each incident


def find_all(
    article: Article, resources: Resources, *, timer: Timer = NO_TIMER, today: dt.date | None = None
) -> Findings:
    """Run every finder over the article once and collect the findings per sentence. `today` bounds the
    year of an undated article's "Saturday, 24 August"."""
    text = article.clean_text
    with timer("sentences"):
        doc, spans = sentences.split_sentences(resources.nlp, text)
    with timer("places"):
        places = geo.find_toponyms(text, resources.gazetteer, resources.geo)
        places, countries = geo.prepare_article(
            places, text=text, gazetteer=resources.gazetteer, lexicon=resources.geo
        )
    country = countries.most_common(1)[0][0] if countries else None
    with timer("speakers"):
        attributions = attribute_sentences(doc, spans, resources.speech, text=text)
    with timer("dates"):
        date_matches = dates.find_date_expressions(text, resources.dates)
        latest, years = None, frozenset[int]()
        if article.published is None:
            years = dates.years_told(date_matches)
            latest = dates.url_month_end(article.url, resources.dates) or dates.head_month_end(
                text, resources.dates
            )
        today = today if article.published is None else None
    with timer("events"):
        cue_matches, context_matches = events.split_event_cues(text, resources.events)
    title_end = _title_end(article, text)
    named = _named_places(places)
    areas = _place_areas(places, countries, resources.segments, text)
    dates_in = _by_sentence(date_matches, spans)
    cues_in = _by_sentence(cue_matches, spans)
    context_in = _by_sentence(context_matches, spans)
    facts = []
    read: dict = {}  # what each distinct sentence text gave the figure finders
    for i, span in enumerate(spans):
        start, end = span.start_char, span.end_char
        with timer("figures"):
            found = figures.find_figures(span, resources.casualties, country=country, memo=read)
            if found and i > 0 and "\n" not in text[spans[i - 1].end_char : start]:  # the same paragraph
                previous = text[spans[i - 1].start_char : spans[i - 1].end_char]
                found = figures.named_before(
                    found, previous, resources.casualties, country=country, memo=read
                )
            found = tuple(found)
            stance = figures.find_stance(span, resources.casualties)
        with timer("dates"):
            resolved = tuple(
                (
                    m,
                    dates.resolve_date(
                        m, article.published, resources.dates, latest=latest, today=today, years=years
                    ),
                )
                for m in dates_in[i]
            )
        facts.append(
            incidents.SentenceFacts(
                index=i,
                start=start,
                end=end,
                text=text[start:end],
                is_title=start < title_end,
                figures=found,
                stance=stance,
                attribution=attributions[i],
                dates=resolved,
                cues=tuple(cues_in[i]),
                context_cues=tuple(context_in[i]),
                places=frozenset(
                    name for _, name in named[bisect_left(named, (start, "")) : bisect_left(named, (end, ""))]
                ),
                areas=tuple(a for _, a in areas[bisect_left(areas, (start,)) : bisect_left(areas, (end,))]),
                opens_line=_line_break(text, start, before=True),
                ends_line=_line_break(text, end, before=False),
            )
        )
    shown = display.display_spans(text, article.title, resources.casualties.display)
    facts = figures.settle_references(
        display.settle_display_figures(facts, shown, grammar=resources.casualties.numbers)
    )
    index = geo.PlaceIndex.of(places, text=text, context=countries, scoring=resources.geo.scoring)
    return Findings(facts, places, countries, index)


def _line_break(text: str, at: int, *, before: bool) -> bool:
    """Is there a line break (or the text's start or end) next to `at`, across spaces only?"""
    if before:
        i = at - 1
        while i >= 0 and text[i] in " \t":
            i -= 1
        return i < 0 or text[i] == "\n"
    if at > 0 and text[at - 1] == "\n":  # the sentence's text ends with its line break
        return True
    i = at
    while i < len(text) and text[i] in " \t":
        i += 1
    return i >= len(text) or text[i] == "\n"


def _by_sentence(matches: Iterable[Any], spans: list[Any]) -> list[list[Any]]:
    """The matches that start in each sentence, in their own order (matches between sentences dropped)."""
    starts = [span.start_char for span in spans]
    found: list[list[Any]] = [[] for _ in spans]
    for match in matches:
        i = bisect_right(starts, match.start) - 1
        if i >= 0 and match.start < spans[i].end_char:
            found[i].append(match)
    return found


_POSSESSIVE = re.compile(r"['’]s?$")  # "Baghdad's" names Baghdad
_NOT_WHERE = frozenset({"dateline", "credit", "person"})  # where the reporter filed, an outlet, a name


def _named_places(places: list[Any]) -> list[tuple[int, str]]:
    """(offset, folded name) of the places below a country the text names as places."""
    return sorted(
        (m.start, _POSSESSIVE.sub("", m.surface.casefold()))
        for m in places
        if m.country is None and not m.cues & _NOT_WHERE and m.candidates
    )


def _place_areas(
    places: list[Any], countries: Counter, lexicon: incidents.SegmentLexicon, text: str
) -> list[tuple[int, incidents.PlaceArea]]:
    """(offset, area) of the places below a country the text names as where something is ("in X"), with
    the gazetteer's parents of the candidates in the article's countries (a town knows its province);
    a place the gazetteer lacks has its name only."""
    found = []
    for m in places:
        if m.country is not None or m.cues & _NOT_WHERE or not ("locative" in m.cues or m.level):
            continue  # a name that is no place where something happened ("its Andalus radio")
        if "distance" in m.cues or lexicon.reference_place.search(text[max(0, m.start - 40) : m.start]):
            continue  # "a town northeast of Baghdad": a landmark, not the place
        local = [c for c in m.candidates if c.country in countries] if countries else list(m.candidates[:1])
        if m.candidates and not local:
            continue
        names = {m.surface} | {c.name for c in local} | {c.ascii_name for c in local}
        parents = {p for c in local for p in (c.admin1, c.admin2) if p}
        provinces = {c.admin1 for c in local if c.admin1}
        region = m.level is geo.PlaceKind.ADMIN1  # "Idlib province": the text says it is a province
        wide = geo.holds_towns(m.level, local)
        area = incidents.place_area(
            names, parents, lexicon, region=region, at=m.start, provinces=provinces, wide=wide
        )
        found.append((m.start, area))
    found.sort(key=lambda item: item[0])
    return found


def _title_end(article: Article, text: str) -> int:
    """Clean-text offset where the title ends (0 when the article has no title line)."""
    if not article.title:
        return 0
    head = text.lstrip()
    if not head.startswith(article.title.strip()):
        return 0
    return len(text) - len(head) + len(article.title.strip())


def extract_mentions(
    article: Article, resources: Resources, *, timer: Timer = NO_TIMER, today: dt.date | None = None
) -> list[Mention]:
    """Every incident mention one cleaned article tells, background ones flagged."""
    found = find_all(article, resources, timer=timer, today=today)
    with timer("incidents"):
        frames = incidents.segment_incidents(
            found.facts, published=article.published, lexicon=resources.segments
        )
    seen: set[tuple] = set()
    built: dict[int, Mention] = {}
    classified: dict[int, events.EventClass] = {}
    result = []
    lead = _undated_lead(article, found.facts, resources)
    alongside: list[int | None] | None = None  # _told_alongside, when first asked
    claimed = functools.cache(lambda: actors.find_responsible(article.clean_text, resources.actors))
    for n, frame in enumerate(frames):
        if not frame.sentences:
            continue
        news = [m for m in result if not m.background]
        opener = None
        if news and not frame.has_figures:  # a frame without a toll told after another incident
            told = [frames[k] for k, m in built.items() if not m.background]
            opener = _opening_event(frame, told, resources, article.published)
        concrete = lambda s, opener=opener: s is opener or _is_lead(s, lead) or _concrete(s, resources)  # noqa: E731
        context = mentions.told_as_context(
            frame, strong_kinds=concrete, lexicon=resources.segments, published=article.published
        )
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
        with timer("events"):
            if alongside is None:
                alongside = _told_alongside(frames)
            told = alongside[n]  # a frame that tells no event: the kind of the one beside it
            told = n if told is None else told
            if told not in classified:
                classified[told] = classify_frame(frames[told], resources)
            event = classified[told]
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
                day=date.value,
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
    return result


def _victim_categories(claims: Iterable[Claim]) -> frozenset[str]:
    """The victim categories an incident's figures name ("civilians"), "unspecified" left out."""
    named = {f.category for c in claims for f in c.figures if f.category is not Category.UNSPECIFIED}
    return frozenset(str(category) for category in named)


def _day_told_before(
    frame: incidents.Frame, built: dict[int, Mention], lexicon: incidents.SegmentLexicon
) -> DateValue | None:
    """The day a frame shares with what was told before it: the incident it happened alongside, or the
    day of the total its article opened with."""
    if frame.day_of in built:
        return built[frame.day_of].date
    if frame.lead_day:
        return DateValue(frame.lead_day, DatePrecision.DAY, None)
    if frame.sentences and lexicon.sequel.search(frame.sentences[0].text):
        return None  # "after this strike, ...": told as coming later than the incident before
    return _last_news_date(built)


def _anchor_day(frame: incidents.Frame, built: dict[int, Mention]) -> dt.date | None:
    """The day a frame's "the previous day" or "hours later" counts from: the day of the incident it
    shares its time with, else of the last news incident told before it."""
    told = built[frame.day_of].date if frame.day_of in built else _last_news_date(built)
    return told.value if told is not None and told.precision is DatePrecision.DAY else None


def _last_news_date(built: dict[int, Mention]) -> DateValue | None:
    """The date of the last dated news incident (not background) built so far, if any."""
    news = [m for m in built.values() if not m.background and m.date.value is not None]
    return news[-1].date if news else None


def frame_place(
    article: Article, frame: incidents.Frame, found: Findings, resources: Resources, *, base: Mention | None
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


def _told_alongside(frames: list[incidents.Frame]) -> list[int | None]:
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


def classify_frame(frame: incidents.Frame, resources: Resources) -> events.EventClass:
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


def _with_cause(facts: incidents.SentenceFacts) -> list[Any]:
    """The cues of a sentence and those of the context phrases told in it (the cause it names), in order."""
    cause = [c for c in facts.context_cues if facts.start <= c.start < facts.end]
    return sorted([*facts.cues, *cause], key=lambda c: (c.start, c.end)) if cause else list(facts.cues)


def core_span(frame: incidents.Frame, resources: Resources) -> tuple[int, int]:
    """The stretch of text that tells the incident: its claims and strong event cues."""
    core = [s for s in frame.sentences if not s.is_title and (s.has_claim or _concrete(s, resources))]
    core = core or frame.sentences
    return min(s.start for s in core), max(s.end for s in core)


def frame_claims(
    article: Article,
    frame: incidents.Frame,
    resources: Resources,
    *,
    seen: set[tuple],
    concrete: Callable[[incidents.SentenceFacts], bool] | None = None,
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
    frame: incidents.Frame, told: list[incidents.Frame], resources: Resources, published: dt.date | None
) -> incidents.SentenceFacts | None:
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
    article: Article, facts: list[incidents.SentenceFacts], resources: Resources
) -> incidents.SentenceFacts | None:
    """The first sentence with an event word of an event note, when it tells the event done or going on, not
    only meant. A note is a text of one paragraph that gives no day at all (no publication date, no day its
    words fix): there is no day to ask of its event, and its first event sentence tells it, of whatever kind
    ("Farmers staged a sit-in outside the ministry"). An article of several paragraphs is no note: its first
    event word may tell a talk, a policy or a trial."""
    if article.published is not None or _PARAGRAPH_BREAK.search(article.clean_text.strip()):
        return None
    if any(v is not None and v.value is not None for s in facts for _, v in s.dates):
        return None
    first = next((s for s in facts if not s.is_title and incidents.tells_event(s)), None)  # past a date line
    if first is None:
        return None
    lexicon = resources.segments
    if mentions.is_habit(first, lexicon) or incidents.is_background(first.text, None, lexicon):
        return None
    return first if incidents.told_not_meant(first, lexicon) else None


def _is_lead(facts: incidents.SentenceFacts, lead: incidents.SentenceFacts | None) -> bool:
    """Is the sentence (or a clause of it, or a copy with more places named) the note's event sentence?"""
    return lead is not None and facts.index == lead.index


def _concrete(facts: incidents.SentenceFacts, resources: Resources) -> bool:
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
        if match.kind == dates.DATELINE_KIND or incidents.is_report_date(facts, match):
            continue
        if violent or match.kind in dates.ABSOLUTE_KINDS:
            return True
    return False


def process_article(
    article: Article, resources: Resources, *, timer: Timer = NO_TIMER, today: dt.date | None = None
) -> Result:
    """Clean one article and extract its mentions, reading it on `today` (the clock's day by default).
    Whatever goes wrong inside is this article's ExtractionError, naming the stage: a batch goes on."""
    stage = "clean"
    try:
        with timer("clean"):
            cleaned = clean.clean_article(article, resources.clean)
        if cleaned.published is None:
            stage = "dates"
            with timer("dates"):
                estimated = dates.url_published(article.url, resources.dates) or dates.estimate_published(
                    cleaned.clean_text, resources.dates
                )
            if estimated is not None:
                cleaned = replace(cleaned, published=estimated)
        stage = "extract"
        return cleaned, extract_mentions(cleaned, resources, timer=timer, today=today or dt.date.today())
    except ConflictdbError:
        raise
    except Exception as error:  # a bug on one article must not stop a batch
        reason = f"{type(error).__name__}: {error}"
        raise ExtractionError(article.id, stage, reason, source=article.source) from error


def extract_article(article: Article, resources: Resources, *, today: dt.date | None = None) -> Result:
    """One article processed and its mentions linked into incidents: what `conflictdb extract` gives for
    it alone, and what the library's `conflictdb.extract(text)` returns."""
    return link_incidents([process_article(article, resources, today=today)], resources)[0]


def process_paths(
    paths: Iterable[Path],
    resources: Resources,
    *,
    on_error: Callable[[ConflictdbError], None] | None = None,
) -> Iterator[Result]:
    """Read every file under `paths` and process each article; report bad ones and go on."""
    for item in ingest.ingest(paths):
        if isinstance(item, IngestError):
            _report(item, on_error)
            continue
        try:
            yield process_article(item, resources)
        except ConflictdbError as error:
            _report(error, on_error)


def _report(error: ConflictdbError, on_error: Callable[[ConflictdbError], None] | None) -> None:
    if on_error is None:
        log.warning("%s", error)
    else:
        on_error(error)


def link_incidents(
    results: list[Result], resources: Resources | None = None, *, words: list[Counter] | None = None
) -> list[Result]:
    """Group mentions across articles into incidents; every mention gets an incident_id, every article
    its near-duplicate `source_group` (copies of one wire story are one source, as in the store). `words`
    are the mentions' link_words, when taken as the results came in (while workers still extract). The one
    linker of `ingest` too, with an empty in-memory index in place of the store (resolve.linker)."""
    lexicon = resources.linking if resources is not None else load_link_lexicon()
    near = resources.duplicates if resources is not None else load_duplicate_lexicon()
    grouped = with_source_groups([article for article, _ in results], near)
    results = [(article, ms) for article, (_, ms) in zip(grouped, results, strict=True)]
    return MemoryIndex(lexicon).add(results, words=words)


def link_words(result: Result, resources: Resources) -> list[Counter]:
    """The word bags linking compares, one for each of the result's mentions."""
    article, mentions = result
    return [mention_words(article, m, resources.linking.stopwords) for m in mentions]


@contextmanager
def loaded_resources() -> Iterator[Resources]:
    """The pipeline's resources for the length of a command, the gazetteer closed afterwards."""
    resources = load_resources()
    try:
        yield resources
    finally:
        close = getattr(resources.gazetteer, "close", None)
        if close is not None:
            close()

"""Every finder run once over an article, its findings gathered per sentence: `find_all`.

Sentences, places, speakers, dates and event cues are found over the whole text; figures and stances
sentence by sentence; each sentence's share of the rest is picked out by position.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from conflictdb import geo
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract import dates, events, incidents, sentences
from conflictdb.extract.casualties import display, figures
from conflictdb.extract.speech.attribution import attribute_sentences
from conflictdb.records import Article, Findings, SentenceFacts
from conflictdb.records.places import PlaceKind, ToponymMatch
from conflictdb.timing import NO_TIMER, NoTimer, StageTimer

if TYPE_CHECKING:
    from conflictdb.extract.incidents import SegmentLexicon
    from conflictdb.records.matches import PlaceArea
    from conflictdb.resources import Resources

INCIDENTS_FILE = "incidents.yaml"


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """Which toponyms a sentence names as places (data/incidents.yaml)."""

    not_where: frozenset[str]  # toponym cues of a name that is no place where something happened
    possessive: re.Pattern[str]  # the ending a place name's possessive adds
    reference_reach: int  # how far before a place `reference_place_before` looks, in characters


def load_place_words(data_dir: Path = DATA_DIR, *, raw: Mapping[str, Any] | None = None) -> PlaceWords:
    """The place words of incidents.yaml (`raw`: the file already read)."""
    raw = load_yaml(INCIDENTS_FILE, data_dir=data_dir) if raw is None else raw
    return PlaceWords(
        not_where=frozenset(raw["not_where_cues"]),
        possessive=re.compile(raw["possessive_end"]),
        reference_reach=int(raw["reference_place_reach_chars"]),
    )


class _Located(Protocol):
    start: int


def find_all(
    article: Article,
    resources: Resources,
    *,
    timer: StageTimer | NoTimer = NO_TIMER,
    today: dt.date | None = None,
) -> Findings[geo.PlaceIndex]:
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
        places = tuple(places)
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
    named = _named_places(places, resources.places)
    areas = _place_areas(places, countries, resources.segments, resources.places, text)
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
            SentenceFacts(
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
    return Findings(tuple(facts), places, countries, index)


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


def _by_sentence(matches: Iterable[_Located], spans: Sequence[Any]) -> list[list[Any]]:
    """The matches that start in each sentence, in their own order (matches between sentences dropped)."""
    starts = [span.start_char for span in spans]
    found: list[list[Any]] = [[] for _ in spans]
    for match in matches:
        i = bisect_right(starts, match.start) - 1
        if i >= 0 and match.start < spans[i].end_char:
            found[i].append(match)
    return found


def _named_places(places: Sequence[ToponymMatch], words: PlaceWords) -> list[tuple[int, str]]:
    """(offset, folded name) of the places below a country the text names as places."""
    return sorted(
        (m.start, words.possessive.sub("", m.surface.casefold()))
        for m in places
        if m.country is None and not m.cues & words.not_where and m.candidates
    )


def _place_areas(
    places: Sequence[ToponymMatch],
    countries: Counter[str],
    lexicon: SegmentLexicon,
    words: PlaceWords,
    text: str,
) -> list[tuple[int, PlaceArea]]:
    """(offset, area) of the places below a country the text names as where something is ("in X"), with
    the gazetteer's parents of the candidates in the article's countries (a town knows its province);
    a place the gazetteer lacks has its name only."""
    found = []
    for m in places:
        if m.country is not None or m.cues & words.not_where or not ("locative" in m.cues or m.level):
            continue  # a name that is no place where something happened ("its Andalus radio")
        if "distance" in m.cues or lexicon.reference_place.search(
            text[max(0, m.start - words.reference_reach) : m.start]
        ):
            continue  # "a town northeast of Baghdad": a landmark, not the place
        local = [c for c in m.candidates if c.country in countries] if countries else list(m.candidates[:1])
        if m.candidates and not local:
            continue
        names = {m.surface} | {c.name for c in local} | {c.ascii_name for c in local}
        parents = {p for c in local for p in (c.admin1, c.admin2) if p}
        provinces = {c.admin1 for c in local if c.admin1}
        region = m.level is PlaceKind.ADMIN1  # "Idlib province": the text says it is a province
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

"""Cutting one sentence into the clauses of its incidents: an earlier incident told inside it, a running
total, two events told apart by "while", a list of tolls each at its own town."""

from __future__ import annotations

from typing import Any

from conflictdb.extract.incidents.cues import is_toll, own_event
from conflictdb.extract.incidents.lexicon import SegmentLexicon
from conflictdb.extract.incidents.places import places_meet, told_where
from conflictdb.records import SentenceFacts, replace
from conflictdb.records.matches import PlaceArea


def split_relative(
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


def split_contrast(
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


def split_tolls(facts: SentenceFacts, lexicon: SegmentLexicon) -> tuple[SentenceFacts, ...] | None:
    """Split a list of tolls each told at its own town ("two were killed in X, three were wounded in Y and
    one died in Z"; "in X, two died; in Y, three") into one clause per town, at the breaks of the list."""
    if sum(1 for f in facts.figures if is_toll(f)) < 2:
        return None
    for found in lexicon.list_cut.finditer(facts.text):
        head, tail = _cut(facts, found.start(), found.end())
        here, there = _toll_towns(head, lexicon), _toll_towns(tail, lexicon)
        if not (here and there) or places_meet(here, there):
            continue
        parts = (head, *(split_tolls(tail, lexicon) or (tail,)))
        return tuple(p if p.dates else replace(p, dates=facts.dates) for p in parts)  # one list, one day
    return None


def _toll_towns(part: SentenceFacts, lexicon: SegmentLexicon) -> list[PlaceArea]:
    """The places a clause with a toll tells as where it happened ("In X, two died", "two died in X state"):
    towns, and provinces too, for two provinces are apart as two towns are (a province meets its towns)."""
    if not any(is_toll(f) for f in part.figures):
        return []
    fronted = lexicon.fronted_place.match(part.text)
    return [
        a
        for a in part.areas
        if (fronted and a.at - part.start < fronted.end() + lexicon.reach.fronted_place)
        or told_where(part, a, lexicon)
    ]


def split_aggregate(
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

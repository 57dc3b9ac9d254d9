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
from collections.abc import Iterator
from typing import Any

from conflictdb.extract.incidents.cues import (
    explicit_opener,
    figure_category,
    is_caption,
    is_toll,
    own_event,
    points_back,
    repeats_toll,
    sentence_class,
    tells_event,
    told_done,
    toll_of_event,
    violent_event_cues,
)
from conflictdb.extract.incidents.days import (
    days_offset,
    is_background,
    is_report_date,
    leading_day,
    other_day,
    sentence_date,
    sentence_day,
    tells_older_event,
)
from conflictdb.extract.incidents.lexicon import SegmentLexicon
from conflictdb.extract.incidents.places import places_meet, told_where, with_named_sites
from conflictdb.extract.incidents.split import split_aggregate, split_contrast, split_relative, split_tolls
from conflictdb.records import Frame, SentenceFacts, replace


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
    if part.has_claim and told and dated_apart and not repeats_toll(part, frame):
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
    if (cls and cls == frame.cue_class) or points_back(part, lexicon) or lexicon.care.found(part.text):
        return False
    starts = [c.start for c in violent_event_cues(part, lexicon) if c.kind not in lexicon.lasting_kinds]
    if not starts:
        return False
    # a town the gazetteer places: a village it lacks may lie anywhere, a province may hold the frame's towns
    where = [
        a
        for a in part.areas
        if a.at > min(starts) and a.placed and not a.wide and told_where(part, a, lexicon)
    ]
    return bool(where) and not places_meet(where, frame.areas)


def _toll_elsewhere(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A toll of its own told at a town apart from the frame's, once the frame has its toll, with no event
    word ("Two more people were wounded in the city of X"): the same day's harm at another town. Not the
    care of the hurt elsewhere ("were taken to hospital in X")."""
    if not (frame.has_figures and any(is_toll(f) for f in part.figures)):
        return False
    if points_back(part, lexicon):  # "five were killed in Monday's attack"
        return False
    if lexicon.care.found(part.text) or repeats_toll(part, frame):
        return False
    if not lexicon.fronted_place.match(part.text):  # "sources in X said two died": where they speak from
        first = min(f.start for f in part.figures)
        part = replace(
            part, areas=tuple(a for a in part.areas if a.at > first and told_where(part, a, lexicon))
        )
    return _elsewhere(part, frame, lexicon)


def _another_kind_of_event(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A toll of its own told with an event of a strong class near it, none of the sentence's events being
    of the frame's class, once the frame has its toll ("two soldiers died when a mine exploded" after an
    air strike's dead): another incident. The attackers' own dead alone belong to the fight told."""
    if not (frame.has_figures and toll_of_event(part)) or repeats_toll(part, frame):
        return False
    if all(f.figure.has_number and not is_toll(f) for f in part.figures):
        return False  # "no one was hurt": no toll of its own
    if all(figure_category(f) == "militants" for f in part.figures):
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
    if not any(figure_category(f) == "militants" and f.figure.has_number for f in part.figures):
        return False
    return any(figure_category(f) != "militants" for s in frame.sentences for f in s.figures)


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
    return (
        _another_kind_of_event(part, frame, lexicon)
        and sentence_date(part, speaking=lexicon.speaking) is None
    )


def _on_other_day(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A new event told on another day than its frame's: "Yesterday, ...", "a day earlier", "the
    previous night"."""
    if lexicon.day_shift.search(part.text):
        return True
    if other_day(leading_day(part, lexicon), frame, lexicon):
        return True
    # a toll of its own on another day, at no place the frame names ("gunmen killed three on Monday")
    if not (part.figures and other_day(sentence_day(part, speaking=lexicon.speaking), frame, lexicon)):
        return False
    return not repeats_toll(part, frame) and not _shares_place(part, frame)


def _shares_place(part: SentenceFacts, frame: Frame) -> bool:
    """Does the sentence name a place of the frame, or one that lies in it or holds it (the towns of each
    when they name towns: two villages of the province the frame names are apart)?"""
    return places_meet(part.areas, frame.areas)


def _elsewhere(part: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """A new event at a place the frame does not name and that neither lies in nor holds one it names,
    told with its own toll, with "also" or "meanwhile", opening with its place ("In X, ..."), or on
    another day."""
    if not part.areas or not frame.areas or _shares_place(part, frame):
        return False
    fronted = lexicon.fronted_place.match(part.text) is not None
    if part.figures:  # "In Kuru, two were killed when ...": the same number at a town of its own
        return not repeats_toll(part, frame) or (fronted and own_event(part, lexicon))
    if fronted or lexicon.another_event.search(part.text):
        return True
    return other_day(sentence_day(part, speaking=lexicon.speaking), frame, lexicon)


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
        dates=tuple(
            d for m in members for d in m.dates if m is head or not is_report_date(m, d[0], lexicon.speaking)
        ),
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
    tolls = [f for f in view.figures if is_toll(f)]
    if not tolls or repeats_toll(replace(view, figures=tuple(tolls[:1])), frame):
        return None
    if not own_event(view, lexicon):
        return None
    return view if _told_apart(view, frame, lexicon) else None


def _told_apart(view: SentenceFacts, frame: Frame, lexicon: SegmentLexicon) -> bool:
    """Does a paragraph tell its event at a place apart from its frame's, on another day, or as an event
    of another class?"""
    if view.areas and frame.areas and not _shares_place(view, frame):
        return True
    if other_day(sentence_day(view, speaking=lexicon.speaking), frame, lexicon):
        return True
    if all(figure_category(f) == "militants" for f in view.figures):
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
    day = sentence_day(part, speaking=lexicon.speaking)
    for i in range(current - 1, first - 1, -1):
        frame = frames[i]
        if frame.background or frame.cue_class != cls or other_day(day, frame, lexicon):
            continue
        if any(a.names & b.names for a in towns for b in frame.areas if not b.wide):
            return i
    return None


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
        split = split_relative(facts, lexicon) if facts.figures else None
        aggregate = None if split or not facts.figures else split_aggregate(facts, lexicon)
        if split:
            parts = list(split)
        elif aggregate:
            parts = [aggregate[0]]
        elif contrast := split_contrast(facts, lexicon) or split_tolls(facts, lexicon):
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
                offset = days_offset(facts.text, found, lexicon)
                if abs(offset) >= lexicon.background_days:  # months or years apart: background
                    frames.append(Frame(background=True))
                else:
                    frames.append(Frame(relative_to=current, relative_days=offset))
                target = len(frames) - 1
            elif part.has_claim and is_background(part.text, published, lexicon):
                frames.append(Frame(background=True))
                target = len(frames) - 1
                if not frames[current].sentences and not part.is_title:  # a lead that gives a total
                    lead_day = frames[current].lead_day or sentence_date(part, speaking=lexicon.speaking)
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
                    dated = sentence_date(view, speaking=lexicon.speaking) is not None
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
                told_day = sentence_day(part, speaking=lexicon.speaking)
                if told_day:
                    changes["event_day"] = told_day[0]
                    changes["event_night"] = bool(lexicon.night.search(told_day[1]))
            frames[target] = frame.joined(part, **changes)
        if aggregate:
            frames.append(Frame(background=True).joined(aggregate[1]))
    return frames

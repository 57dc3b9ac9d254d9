"""What a sentence's event cues tell: the class of its event, whether it tells a violent event as new and
done, whether it says it tells another incident, and which of its figures are tolls."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from conflictdb import folded
from conflictdb.extract.incidents.lexicon import SegmentLexicon
from conflictdb.records import Frame, SentenceFacts, figure_toll


def is_caption(text: str, lexicon: SegmentLexicon) -> bool:
    """Photo captions and credits tell no news of their own."""
    return lexicon.caption.found(text)


def sentence_class(facts: SentenceFacts, lexicon: SegmentLexicon) -> str | None:
    """The strong event class of a sentence, if its cues name one."""
    for cue in facts.cues:
        cls = lexicon.cue_class.get(getattr(cue, "kind", ""))
        if cls:
            return cls
    return None


def tells_event(part: SentenceFacts) -> bool:
    """Does the sentence carry an event cue (not only words about targets or outcomes)?"""
    return any(getattr(c, "layer", "event") == "event" for c in part.cues)


def toll_of_event(part: SentenceFacts) -> bool:
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
        if lexicon.indefinite.search(getattr(cue, "text", "")):  # "their vehicle struck a mine"
            return True
        before = part.text[: cue.start - part.start]
        if not folded.found(lexicon.definite, before) or _sequel(part, cue, before, lexicon):
            return True
    return False


def told_done(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does a violent event word of the sentence tell the event as done, not as meant, going on or repeated
    ("gunmen attacked a post", not "gunmen threatened to attack" nor "militants have attacked posts")?"""
    return _some_cue_free_of(part, violent_event_cues(part, lexicon), lexicon.undone, lexicon.reach.undone)


def told_not_meant(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does an event word of the sentence, of any kind, tell an event done or going on, not only meant
    ("farmers continued to block the road", not "farmers threatened to block the road")?"""
    events = (cue for cue in part.cues if getattr(cue, "layer", "event") == "event")
    return _some_cue_free_of(part, events, lexicon.meant, lexicon.reach.undone)


def _some_cue_free_of(part: SentenceFacts, cues: Iterable[Any], words: re.Pattern[str], reach: int) -> bool:
    """Whether one of `cues` has none of `words` in the `reach` characters before it."""
    for cue in cues:
        at = cue.start - part.start
        if not words.search(part.text[max(0, at - reach) : at]):
            return True
    return False


def _sequel(part: SentenceFacts, cue: Any, before: str, lexicon: SegmentLexicon) -> bool:
    """A definite event word that tells a new event coming after the one told ("in the ensuing clash",
    "the gunfight that followed")."""
    if lexicon.sequel_before.search(before):
        return True
    return lexicon.sequel_after.match(part.text, cue.end - part.start) is not None


def explicit_opener(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does the sentence say it tells another incident ("In a separate attack", "Meanwhile", a time stamp
    or "Earlier," before an event of its own)?"""
    if lexicon.openers.search(part.text) or lexicon.mid_openers.found(part.text):
        return True
    return bool(lexicon.time_openers.search(part.text)) and (own_event(part, lexicon) or toll_of_event(part))


def points_back(part: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does the sentence name its event as one already told ("in Monday's attack", "in that strike")?"""
    for cue in part.cues:
        if getattr(cue, "layer", "event") == "event":
            at = cue.start - part.start
            before = part.text[max(0, at - lexicon.reach.pointing) : at]
            if lexicon.pointing.search(before):
                return True
    return False


def is_toll(match: Any) -> bool:
    """A figure with a number of dead or hurt above zero (not "no one was hurt", not "dozens")."""
    return bool(match.figure.min or match.figure.max)


def figure_category(match: Any) -> str:
    category = match.figure.category
    return getattr(category, "value", category)


def repeats_toll(part: SentenceFacts, frame: Frame) -> bool:
    """Does the sentence give a number of dead or hurt the frame already gave?"""
    told = frame.tolls
    return any(toll in told for f in part.figures if (toll := figure_toll(f.figure))[2] is not None)

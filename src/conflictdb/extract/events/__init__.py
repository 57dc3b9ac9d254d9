"""ACLED event and sub-event types from the words of an incident text: the lexicon of cues, rules and
taxonomy (`lexicon`), finding the cues (`cues`), and classifying them (`classify`)."""

from conflictdb.extract.events.classify import (
    EventClass,
    choose_event,
    classify_event,
    classify_text,
    victim_kind,
    weapon_from_context,
)
from conflictdb.extract.events.cues import find_event_cues, split_event_cues
from conflictdb.extract.events.lexicon import EventLexicon, load_acled_taxonomy, load_event_lexicon

__all__ = [
    "EventClass",
    "EventLexicon",
    "choose_event",
    "classify_event",
    "classify_text",
    "find_event_cues",
    "load_acled_taxonomy",
    "load_event_lexicon",
    "split_event_cues",
    "victim_kind",
    "weapon_from_context",
]

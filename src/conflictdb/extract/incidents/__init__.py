"""Incident segmentation: which sentences of an article tell which incident (`segment.segment_incidents`).

lexicon: the cues of data/incidents.yaml (a sentence's findings and an incident's frame are the records
`records.SentenceFacts` and `records.Frame`); places, days, cues: what a sentence tells of where, when
and what; split: one sentence cut into the clauses of its incidents; segment: the sentences grouped into
incident frames; dating: an incident's day.
"""

from conflictdb.extract.incidents.cues import (
    own_event,
    sentence_class,
    tells_event,
    told_done,
    told_not_meant,
)
from conflictdb.extract.incidents.dating import choose_date
from conflictdb.extract.incidents.days import is_background, is_report_date, sentence_date, tells_older_event
from conflictdb.extract.incidents.lexicon import INCIDENTS_FILE, SegmentLexicon, load_segment_lexicon
from conflictdb.extract.incidents.places import place_area, places_meet
from conflictdb.extract.incidents.segment import segment_incidents

__all__ = [
    "INCIDENTS_FILE",
    "SegmentLexicon",
    "choose_date",
    "is_background",
    "is_report_date",
    "load_segment_lexicon",
    "own_event",
    "place_area",
    "places_meet",
    "segment_incidents",
    "sentence_class",
    "sentence_date",
    "tells_event",
    "tells_older_event",
    "told_done",
    "told_not_meant",
]

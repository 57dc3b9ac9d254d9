"""The record types every stage shares: Article, Claim, Mention, Incident and their parts.

Records are frozen, slotted dataclasses. Stages build new records with `replace` instead of mutating.
Offsets are character offsets; `Span` offsets always refer to the article's original text
(`Article.text`), so a reader can be shown the words behind every number. By subject: the article and
its offsets (article.py), figures and claims and their reconciliation (claims.py), dates, places,
mentions and incidents (incidents.py), what extraction finds on the way (findings.py) and what each
finder matches in a sentence (matches.py), places as the gazetteer knows them and as a text names them
(places.py), and the machinery of frozen records (frozen.py).
"""

from conflictdb.records.article import Article, OffsetMap, OffsetMapBuilder, Span
from conflictdb.records.claims import (
    Category,
    Claim,
    ClaimRef,
    Figure,
    FigureEntry,
    FigureRange,
    FigureRole,
    Grade,
    GradeLevel,
    IncidentFigures,
    Outcome,
    Stance,
)
from conflictdb.records.findings import Findings, Frame, Grown, SentenceFacts, Toll, figure_toll
from conflictdb.records.frozen import quick_init, replace
from conflictdb.records.incidents import (
    ACTOR_COLUMNS,
    DatePrecision,
    DateValue,
    Incident,
    Mention,
    Place,
    Result,
    place_columns,
)

__all__ = [
    "ACTOR_COLUMNS",
    "Article",
    "Category",
    "Claim",
    "ClaimRef",
    "DatePrecision",
    "DateValue",
    "Figure",
    "FigureEntry",
    "FigureRange",
    "FigureRole",
    "Findings",
    "Frame",
    "Grown",
    "Grade",
    "GradeLevel",
    "Incident",
    "IncidentFigures",
    "Mention",
    "OffsetMap",
    "OffsetMapBuilder",
    "Outcome",
    "Place",
    "Result",
    "SentenceFacts",
    "Span",
    "Stance",
    "Toll",
    "figure_toll",
    "place_columns",
    "quick_init",
    "replace",
]

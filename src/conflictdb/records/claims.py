"""What articles say of casualties: figures, claims and their stance; figures reconciled and graded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from conflictdb.records.article import Span
from conflictdb.records.frozen import pickled_by_fields


class Outcome(StrEnum):
    """What happened to the victims a figure counts."""

    KILLED = "killed"
    INJURED = "injured"


class Category(StrEnum):
    """Victim categories of the extract format."""

    CIVILIANS = "civilians"
    MILITANTS = "militants"  # non-state armed groups
    SECURITY_FORCES = "security_forces"  # the country's own army, police, guards
    FOREIGN_FORCES = "foreign_forces"  # troops of another state or a coalition
    UNSPECIFIED = "unspecified"  # "people"


class Stance(StrEnum):
    """How a claim stands towards the figures it carries."""

    ASSERTED = "asserted"  # the speaker states it as fact
    DENIED = "denied"  # "no evidence of civilian casualties", "denied any civilians were killed"
    DISOWNED = "disowned"  # a party denies its part, not the deaths: "denied any involvement"; figures stand
    HYPOTHETICAL = "hypothetical"  # threats and conditionals: "could kill"
    QUESTION = "question"
    REJECTED = "rejected"  # set by an analyst only (store.edits): wrong, or not about this incident


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Figure:
    """One casualty count: outcome, victim category and range.

    min/max follow the extract format: "at least 4" is 4..None, "up to 9" is None..9,
    "about 26" is 26..26 with approximate; a vague word ("several") has no number and keeps
    the words in `vague`.
    """

    outcome: Outcome
    category: Category
    min: int | None
    max: int | None
    approximate: bool = False
    vague: str | None = None
    part_of_total: bool = False  # a sub-count inside a figure already given ("27 of the dead")
    women: int | None = None
    children: int | None = None
    words: str = ""  # the words the figure was read from

    @property
    def has_number(self) -> bool:
        return self.min is not None or self.max is not None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Claim:
    """What one speaker says about one incident: figures (maybe none), stance and evidence."""

    evidence: Span
    figures: tuple[Figure, ...] = ()
    speaker: str | None = None  # None: the outlet's own voice
    speaker_role: str | None = None
    relay: str | None = None  # the outlet that relayed it ("AP reported", "told AFP")
    stance: Stance = Stance.ASSERTED
    stance_words: str | None = None  # e.g. "no evidence of civilian casualties"
    partisan: bool = False  # a party's claim about its enemy's losses


# --- reconciled figures and grades (resolve.reconcile, resolve.grade) ---------------------------------


class FigureRole(StrEnum):
    """What a reported figure did in an incident's reconciliation."""

    COUNTED = "counted"  # an independent credible source's current figure: in low, best and high
    CORROBORATED = "corroborated"  # a partisan figure an independent source agrees with: counted too
    PARTISAN = "partisan"  # a party's uncorroborated claim about its enemy's losses: only in high
    UNCREDIBLE = "uncredible"  # a speaker on the uncredible list ("social media"): only in high
    SUPERSEDED = "superseded"  # replaced by a later, different figure from the same source
    REPEATED = "repeated"  # the same figure again from the same source (a copy, a later retelling)
    SUB_COUNT = "sub_count"  # part of a total already given: never added
    VAGUE = "vague"  # a word without a number, left out because the category has numbers


class GradeLevel(StrEnum):
    """Airwars-style grades of how well an incident is sourced."""

    CONFIRMED = "confirmed"  # a party accepted responsibility
    FAIR = "fair"  # two or more independent credible sources
    WEAK = "weak"  # a single source
    CONTESTED = "contested"  # competing claims of responsibility or figures
    DISCOUNTED = "discounted"  # shown to be something else (an accident, no attack)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class ClaimRef:
    """Where a claim is: article, mention (`Mention.index`), claim position and evidence span."""

    article_id: str
    mention: int
    claim: int
    evidence: Span


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FigureEntry:
    """One reported figure as reconciliation used it: its claim, source, value and role."""

    ref: ClaimRef
    source: str  # the voice: speaker, relaying outlet, source group, outlet or article
    min: int | None
    max: int | None
    role: FigureRole
    vague: str | None = None
    published: dt.date | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class FigureRange:
    """UCDP-style low/best/high for one outcome and victim category (category None: all victims)."""

    outcome: Outcome
    category: Category | None
    low: int | None
    best: int | None
    high: int | None
    entries: tuple[FigureEntry, ...] = ()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class IncidentFigures:
    """An incident's reconciled figures: ranges per category, totals, ACLED fatalities, denials."""

    ranges: tuple[FigureRange, ...] = ()
    totals: tuple[FigureRange, ...] = ()  # one per outcome with a figure, category None
    fatalities: int | None = None
    contesting: tuple[ClaimRef, ...] = ()  # denials and "no evidence" claims: contest, never zero

    def total(self, outcome: Outcome) -> FigureRange | None:
        """The all-victims range of one outcome, if any figure was given."""
        return next((r for r in self.totals if r.outcome is outcome), None)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Grade:
    """An incident's grade and the reasons for it, in words."""

    grade: GradeLevel
    reasons: tuple[str, ...] = ()

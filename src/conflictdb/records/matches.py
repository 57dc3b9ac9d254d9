"""What the finders find in a sentence, as records: figures, stances, speakers, dates, event cues and
places. The finders (extract/casualties, extract/speech, extract/dates, extract/events, extract/incidents)
make them; the per-sentence facts (findings.py) hold them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from conflictdb.records.claims import Category, Figure, Outcome, Stance
from conflictdb.records.frozen import quick_init


class Cue(StrEnum):
    """How a speaker was found."""

    SAID = "said"  # "X said", "X claimed", "X tweeted"
    INVERTED = "said_inverted"  # "..., said X"
    TOLD = "told"  # "X told AFP", "X gave a similar toll to AFP"
    ACCORDING_TO = "according_to"
    CITING = "citing"  # "Reuters, citing a police official, reported"; "the paper cited X"
    QUOTED = "quoted"  # "X was quoted as saying"
    STATEMENT = "statement"  # "X released a statement", "the statement said"
    RELATIVE = "relative"  # "X, a resident, who said"
    REPORTED = "reported"  # an outlet in its own right: "Pajhwok reported"
    QUOTE = "quote"  # a sentence inside a quote attributed in another sentence
    QUOTE_CONTINUATION = "quote_continuation"  # a further quote with no attribution of its own
    PRONOUN = "pronoun"  # "he said"
    ANAPHOR = "anaphor"  # "the official added", "Sultani added" -> the full name given before
    CONTINUATION = "continuation"  # "..., the ministry said. Around 40 people were injured."
    HEADLINE = "headline"  # a headline's source after a colon or dash: "Blast kills 5 in Quetta: police"


class Kind(StrEnum):
    """What sort of speaker a phrase names (decides what a later pronoun can refer to)."""

    PERSON = "person"  # a named person
    ROLE = "role"  # an unnamed person: "a Taliban spokesman"
    GROUP = "group"  # "Afghan officials", "the interior ministry", "the Taliban"
    OUTLET = "outlet"
    PRONOUN = "pronoun"
    STATEMENT = "statement"


@quick_init
@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what one sentence states; `start`/`end` locate the speaker's words in the Doc."""

    speaker: str
    speaker_role: str | None
    relay: str | None
    start: int
    end: int
    method: Cue
    kind: Kind = Kind.PERSON
    head: str = ""  # lower-cased head word of the phrase: "spokesman", "ministry"
    # when the sentence's clauses have speakers of their own ("X said 14 died, while Y put the toll at
    # 20"): (Doc offset where the clause opens, its speaker); the first clause opens at 0
    clauses: tuple[tuple[int, Attribution | None], ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class FigureMatch:
    """A figure found in a sentence, with the Doc character range of the words it was read from."""

    figure: Figure
    start: int
    end: int
    reference: bool = False  # "of the four injured": a toll already given, if the article gave it
    bare: bool = False  # "killing three": no word says who the victims were
    own: bool = False  # a sub-count told as a statement of its own ("Nine of the dead were policemen")


@quick_init
@dataclass(frozen=True, slots=True)
class StanceMatch:
    """A sentence's stance towards casualties: a denial, a threat or a question, and what it is about."""

    stance: Stance
    words: str
    start: int
    end: int
    category: Category | None = None
    outcome: Outcome | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in a text, with the calendar parts it names."""

    start: int
    end: int
    text: str
    kind: str  # absolute_dmy, day_month, month_year, month, year, weekday, relative, anaphoric, dateline, ...
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    last: bool = False  # "last Friday": strictly before the publication day
    offset: int = 0  # relative/anaphoric: how many units from the reference date
    unit: str | None = None  # day, week, month, year
    reference: tuple[int | None, int, int] | None = None  # (year, month, day) of the article's dateline
    after: bool = False  # anaphoric "five days after ...": what follows happened `offset` units earlier
    role: str | None = None  # what the words around it say it dates: event, possessive, period (dates.yaml)
    until: dt.date | None = None  # the last day of a span of days with a year ("4-6 March 2031": 6 March)


@quick_init
@dataclass(frozen=True, slots=True)
class EventCue:
    """One cue word or phrase found in a text: where it is and what it signals."""

    start: int
    end: int
    kind: str  # air_strike, suicide_bomb, ied, shelling, target_civilian, kill, ...
    text: str
    layer: str = "event"  # event, target or aux
    passive: bool = False  # a verb: "were killed", "was attacked": the victim comes before the verb
    listed: bool = (
        False  # a target: joined to the one before by "and" or a comma ("a policeman and a civilian")
    )
    sentence: int = 0  # the number of sentence ends before the cue in the text searched


@quick_init
@dataclass(frozen=True, slots=True)
class PlaceArea:
    """A place the text names, as folded names: its own and its gazetteer parents' (district, province)."""

    names: frozenset[str]
    parents: frozenset[str]
    region: bool = False  # a province or state, not a town or district
    at: int = 0  # where the text names it
    provinces: frozenset[str] = frozenset()  # the parents that are provinces (the others are districts)
    wide: bool = False  # it may hold towns: a province or district, by the text or by the gazetteer
    placed: bool = False  # the gazetteer knows where it lies, if only in a province of its name ("Kherson")

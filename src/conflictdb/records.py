"""The record types every stage shares: Article, Claim, Mention, Incident and their parts.

Records are frozen, slotted dataclasses. Stages build new records with `dataclasses.replace`
instead of mutating. Offsets are character offsets; `Span` offsets always refer to the article's
original text (`Article.text`), so a reader can be shown the words behind every number.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from itertools import repeat
from operator import attrgetter
from typing import TypeVar, overload


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


class DatePrecision(StrEnum):
    """How exactly a date is known (ACLED time_precision 1 = day, 2 = week, 3 = month)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


_Record = TypeVar("_Record", bound=type)


def quick_init(cls: _Record) -> _Record:
    """A frozen slotted dataclass whose `__init__` sets each slot through the slot's own setter, as
    dataclasses' frozen `__init__` does through `object.__setattr__` (a lookup by name per field): the
    same arguments, defaults, default factories and `__post_init__`, in half the time. Records are made
    by the hundred per article, and again when a worker's results are unpickled. A class with fields
    outside `__init__`, keyword-only fields or init-only variables keeps its own `__init__`."""
    params = getattr(cls, "__dataclass_params__", None)
    every = getattr(cls, "__dataclass_fields__", {})
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        return cls
    if len(fields(cls)) != len(every) or any(not f.init or f.kw_only for f in fields(cls)):
        return cls
    names = [f.name for f in fields(cls)]
    scope: dict[str, object] = {"_FACTORY": _FACTORY}
    signature, body = [], []
    for f in fields(cls):
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            signature.append(f"{f.name}=_FACTORY")
            body.append(f"    if {f.name} is _FACTORY: {f.name} = _factory_{f.name}()")
        else:
            signature.append(f.name)
    body += [f"    _set_{name}(self, {name})" for name in names]
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(signature)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, scope)  # noqa: S102 - code made from the field names alone, as dataclasses makes its own
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in fields(cls)} | {"return": None}
    cls.__init__ = init  # type: ignore[misc]
    return cls


def replace(record: _T, /, **changes: object) -> _T:
    """`dataclasses.replace`, quicker: the field values are read at once and the class called with them
    and `changes`, as `dataclasses.replace` does field by field. Stages replace records by the thousand
    per article. A class with fields outside `__init__` or init-only variables goes to
    `dataclasses.replace`, whose checks they need."""
    cls = type(record)
    reader = _READERS.get(cls)
    if reader is None:
        reader = _READERS[cls] = _field_reader(cls)
    if reader is _NO_READER:
        return dataclasses.replace(record, **changes)
    names, values = reader
    given = dict(zip(names, values(record), strict=True))
    given.update(changes)
    return cls(**given)


_T = TypeVar("_T")
_NO_READER = ((), None)


def _field_reader(cls: type) -> tuple[tuple[str, ...], attrgetter | None]:
    """(names, getter of their values as a tuple) of a dataclass whose fields are all `__init__`
    arguments; _NO_READER for any other class."""
    every = getattr(cls, "__dataclass_fields__", None)
    if not every:
        return _NO_READER
    plain = fields(cls)
    if len(plain) != len(every) or any(not f.init for f in plain):
        return _NO_READER
    names = tuple(f.name for f in plain)
    if len(names) == 1:
        return names, lambda record, getter=attrgetter(names[0]): (getter(record),)
    return names, attrgetter(*names)


_READERS: dict[type, tuple[tuple[str, ...], attrgetter | None]] = {}


class _Factory:
    """The default of an argument whose field has a default factory (the factory is called)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _pickled_by_fields(cls: _Record) -> _Record:
    """Pickle a record as its class and its field values, rebuilt by one call of the class: dataclasses'
    own state of a slotted class loads field by field, slowly, and workers send every result over. The
    class gets `quick_init`."""
    values = attrgetter(*(f.name for f in fields(cls)))  # two fields or more: a tuple

    def __reduce__(self: object) -> tuple:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return quick_init(cls)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in an article's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


class OffsetMap(Sequence[int]):
    """The clean-to-original offset map, in runs: a run of clean characters copied from the original maps
    them one by one (step 1); a run standing for a replacement maps them all to where it starts (step 0).
    A few runs per line for real text, against a Python int per character: a text of a million characters
    takes kilobytes, not tens of megabytes. Read as a sequence of ints, equal to any with the same values."""

    __slots__ = ("_starts", "_origins", "_steps", "_length")

    def __init__(self, starts: array, origins: array, steps: bytes, length: int) -> None:
        self._starts = starts  # clean index where each run starts
        self._origins = origins  # original offset of its first character
        self._steps = steps  # 1 copied, 0 replaced
        self._length = length

    @classmethod
    def build(cls) -> OffsetMapBuilder:
        """A builder that takes runs in order and merges those that continue each other."""
        return OffsetMapBuilder()

    def __len__(self) -> int:
        return self._length

    @property
    def runs(self) -> int:
        """How many runs hold the map."""
        return len(self._steps)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError("offset map index out of range")
        run = bisect_right(self._starts, index) - 1
        return self._origins[run] + (index - self._starts[run]) * self._steps[run]

    def __iter__(self) -> Iterator[int]:
        ends = [*self._starts[1:], self._length]
        for start, end, origin, step in zip(self._starts, ends, self._origins, self._steps, strict=True):
            yield from range(origin, origin + end - start) if step else repeat(origin, end - start)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"OffsetMap({len(self)} offsets in {self.runs} runs)"

    def __reduce__(self) -> tuple:
        return OffsetMap, (self._starts, self._origins, self._steps, self._length)


class OffsetMapBuilder:
    """Runs of an OffsetMap in the order of the clean text."""

    __slots__ = ("_starts", "_origins", "_steps", "_length", "_next")

    def __init__(self) -> None:
        self._starts = array("q")
        self._origins = array("q")
        self._steps = bytearray()
        self._length = 0
        self._next = -1  # the original offset the last run would give next (a copy run), else -1

    def copy(self, start: int, end: int) -> None:
        """Clean characters copied from original[start:end]."""
        if end <= start:
            return
        if start != self._next:
            self._run(start, 1)
        self._length += end - start
        self._next = end

    def replaced(self, at: int, count: int) -> None:
        """`count` clean characters standing for what starts at original offset `at`."""
        if count <= 0:
            return
        if count == 1 and at == self._next:  # one character that continues a copy: the copy goes on
            self.copy(at, at + 1)
            return
        if not (self._steps and self._steps[-1] == 0 and self._origins[-1] == at):
            self._run(at, 0)
        self._length += count
        self._next = -1

    def _run(self, origin: int, step: int) -> None:
        self._starts.append(self._length)
        self._origins.append(origin)
        self._steps.append(step)

    def done(self) -> OffsetMap:
        return OffsetMap(self._starts, self._origins, bytes(self._steps), self._length)


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    """One news article: the text as received, its clean form, and what is known about it.

    `offsets[i]` is the position in `text` of clean character `i`; it has one more entry than
    `clean_text` so that an end offset maps too (an OffsetMap, as clean.py builds it; a tuple will do).
    """

    id: str
    source: str  # file path or URL it was read from
    text: str  # as received (decoded), the reference for every Span
    clean_text: str = ""
    offsets: OffsetMap | tuple[int, ...] = ()
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    url: str | None = None
    content_hash: str = ""
    source_group: str | None = None  # the first article of its near-duplicate group (set by the store)
    # the file stem or record id a reader found it under (`extract`'s id); the store keys it by URL or hash
    name: str | None = None

    def original_span(self, start: int, end: int) -> Span:
        """Map a clean-text range to the original text."""
        if not self.offsets:
            return Span(start, end)
        last = len(self.offsets) - 1
        lo = self.offsets[min(start, last)]
        # the end maps past the last included clean character
        hi = self.offsets[min(end - 1, last)] + 1 if end > start else lo
        return Span(lo, max(lo, min(hi, len(self.text))))


@_pickled_by_fields
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


@_pickled_by_fields
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


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class DateValue:
    """A date as the text gives it, resolved where the publication date allows."""

    value: dt.date | None
    precision: DatePrecision | None
    text: str | None = None  # "on Wednesday night"


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Place:
    """A place resolved to the administrative hierarchy.

    precision uses ACLED's geo_precision: 1 the named town, 2 near a town or part of a region,
    3 only a province or region (coded to its capital or centroid).
    """

    name: str
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: int | None = None
    words: str | None = None  # the text it was read from, "the outskirts of Kandahar"


ACTOR_COLUMNS = ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2")  # ACLED's actor columns, in its order


def place_columns(place: Place | None, name: str) -> dict[str, str | float | int | None]:
    """A place as the flat columns that stores and formats write, its name under `name`; all None
    without a place."""
    if place is None:
        return dict.fromkeys((name, "country", "admin1", "admin2", "lat", "lon", "geo_precision"))
    return {
        name: place.name,
        "country": place.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "lat": place.lat,
        "lon": place.lon,
        "geo_precision": place.precision,
    }


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """One article's account of one incident."""

    article_id: str
    event_type: str  # ACLED event type, e.g. "Explosions/Remote violence"
    sub_event_type: str  # ACLED sub-event type, e.g. "Air/drone strike"
    date: DateValue
    place: Place | None
    claims: tuple[Claim, ...] = ()
    perpetrator: str | None = None
    target: str | None = None
    span: Span | None = None  # the stretch of the article that tells it
    background: bool = False  # an older event told as context, not news
    incident_id: str | None = None
    index: int = 0  # order within the article
    # the sub-event type rests on words that name no weapon (a bare "strike"): a default, or a weapon read
    # from another sentence; linking does not hold it against a neighbouring class (air vs shelling)
    type_guessed: bool = False
    # the actors under ACLED's names (extract.actor_names): who acted, whom it hit, associated actors
    actor1: str | None = None
    assoc_actor_1: str | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Incident:
    """One real-world event and every mention of it across articles."""

    id: str
    mentions: tuple[Mention, ...] = field(default_factory=tuple)


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


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class ClaimRef:
    """Where a claim is: article, mention (`Mention.index`), claim position and evidence span."""

    article_id: str
    mention: int
    claim: int
    evidence: Span


@_pickled_by_fields
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


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class FigureRange:
    """UCDP-style low/best/high for one outcome and victim category (category None: all victims)."""

    outcome: Outcome
    category: Category | None
    low: int | None
    best: int | None
    high: int | None
    entries: tuple[FigureEntry, ...] = ()


@_pickled_by_fields
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


@_pickled_by_fields
@dataclass(frozen=True, slots=True)
class Grade:
    """An incident's grade and the reasons for it, in words."""

    grade: GradeLevel
    reasons: tuple[str, ...] = ()

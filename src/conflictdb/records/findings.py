"""What extraction finds on the way to mentions: facts per sentence, incident frames, an article's findings.

The finders' match types (figures, stances, speakers, dates, event cues, places) are records too
(matches.py). The gazetteer's matches are records too (places.py); their index is geo's own, so `Findings`
is generic in its type (`Findings[geo.PlaceIndex]`): records import no stage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from conflictdb.records.claims import Category, Figure, Outcome, Stance
from conflictdb.records.frozen import FrozenSequence, quick_init, replace

if TYPE_CHECKING:
    from conflictdb.records.incidents import DateValue
    from conflictdb.records.matches import (
        Attribution,
        DateMatch,
        EventCue,
        FigureMatch,
        PlaceArea,
        StanceMatch,
    )
    from conflictdb.records.places import ToponymMatch

Toll = tuple[Outcome, Category, int | None]
_Item = TypeVar("_Item", bound=Hashable)
_PlaceIndex = TypeVar("_PlaceIndex")  # geo.PlaceIndex, named by the stage that builds the findings


class Grown(FrozenSequence[_Item]):
    """An immutable sequence that grows in constant time: `plus` gives a longer one that shares this one's
    storage (copied only when an older one grows again). Segmentation adds a sentence to a frame at every
    sentence of an article, and tuples would make that quadratic. `in` is a lookup, not a scan."""

    __slots__ = ("_items", "_first", "_length")

    def __init__(self, items: Iterable[_Item] = ()) -> None:
        self._items: list[_Item] = list(items)
        self._first: dict[_Item, int] | None = None  # each item's first position, made when `in` is asked
        self._length = len(self._items)

    def plus(self, items: Iterable[_Item]) -> Grown[_Item]:
        """This sequence and `items` after it."""
        grown = Grown.__new__(Grown)
        if self._length == len(self._items):  # the longest of its kind: the storage goes on
            grown._items, grown._first = self._items, self._first
        else:
            grown._items, grown._first = self._items[: self._length], None
        start = len(grown._items)
        grown._items.extend(items)
        if grown._first is not None:
            for i in range(start, len(grown._items)):
                grown._first.setdefault(grown._items[i], i)
        grown._length = len(grown._items)
        return grown

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> _Item: ...
    @overload
    def __getitem__(self, index: slice) -> list[_Item]: ...
    def __getitem__(self, index: int | slice) -> _Item | list[_Item]:
        if isinstance(index, slice):
            return self._items[: self._length][index]
        if not -self._length <= index < self._length:
            raise IndexError("index out of range")
        return self._items[index % self._length]

    def __iter__(self) -> Iterator[_Item]:
        return islice(self._items, self._length)

    def __contains__(self, item: object) -> bool:
        if self._first is None:
            self._first = {}
            for i, known in enumerate(self._items):
                self._first.setdefault(known, i)
        return self._first.get(item, self._length) < self._length  # type: ignore[call-overload]

    def __repr__(self) -> str:
        return f"Grown({list(self)!r})"


def figure_toll(figure: Figure) -> Toll:
    """What makes two figures the same toll: outcome, victims and number ("three soldiers" is not
    "three civilians")."""
    return figure.outcome, figure.category, figure.min if figure.min is not None else figure.max


@quick_init
@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the finders found in one sentence (offsets in the clean text)."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool = False
    figures: tuple[FigureMatch, ...] = ()
    stance: StanceMatch | None = None
    attribution: Attribution | None = None  # None: the outlet's own voice
    dates: tuple[tuple[DateMatch, DateValue], ...] = ()  # each date expression, resolved
    cues: tuple[EventCue, ...] = ()
    # the cues inside a context phrase ("responded to a rocket attack"): the event of a clause cut off there
    context_cues: tuple[EventCue, ...] = ()
    places: frozenset[str] = frozenset()  # the places below a country it names, folded ("nabatieh")
    areas: tuple[PlaceArea, ...] = ()  # the same places with their gazetteer parents
    opens_line: bool = False  # it starts a line or paragraph of the text
    ends_line: bool = False  # a line or paragraph break follows it

    @property
    def has_claim(self) -> bool:
        return bool(self.figures) or self.tells_stance

    @property
    def tells_stance(self) -> bool:
        """A stance towards casualties; a party denying its part ("denied any involvement") tells none,
        and joins the incident it speaks of without making one."""
        return self.stance is not None and self.stance.stance is not Stance.DISOWNED


@quick_init
@dataclass(frozen=True, slots=True)
class Frame:
    """One incident as segmentation assembles it from the sentences that tell it: each sentence that
    joins makes a new frame (`joined`)."""

    sentences: Sequence[SentenceFacts] = ()
    cue_class: str | None = None
    date: dt.date | None = None
    background: bool = False
    relative_to: int | None = None  # index of the frame it is dated against ("a day after")
    relative_days: int = 0
    areas: tuple[PlaceArea, ...] = ()  # the places its body names
    event_day: dt.date | None = None  # its first day that is not the day of a statement
    event_night: bool = False  # that day is told as a night ("overnight"), which spans two days
    day_of: int | None = None  # the frame whose day it shares when it tells none ("the same day, ...")
    lead_day: dt.date | None = None  # the day of a total told before it ("strikes in the south on Monday")
    shared_day: dt.date | None = None  # with no day of its own, the day of the incident it happened alongside
    # kept as sentences join (segmentation asks at every sentence): does one give a figure or a stance,
    # and the tolls those that are no title give (`figure_toll`)
    has_figures: bool = False
    tolls: Sequence[Toll] = ()

    @property
    def day(self) -> dt.date | None:
        """The day its events happened: its own, else the one it shares with the incident told before."""
        return self.event_day or self.shared_day

    def joined(self, part: SentenceFacts, **changes: object) -> Frame:
        """This frame with one more sentence, and `changes` to its other fields."""
        tolls = self.tolls
        if part.figures and not part.is_title:
            new = dict.fromkeys(t for f in part.figures if (t := figure_toll(f.figure)) not in tolls)
            tolls = _grown(tolls).plus(new) if new else tolls
        return replace(
            self,
            sentences=_grown(self.sentences).plus((part,)),
            has_figures=self.has_figures or bool(part.figures) or part.tells_stance,
            tolls=tolls,
            **changes,
        )


def _grown(items: Sequence[_Item]) -> Grown[_Item]:
    return items if isinstance(items, Grown) else Grown(items)


@dataclass(frozen=True, slots=True)
class Findings(Generic[_PlaceIndex]):
    """What the finders found in one article: per-sentence facts and the places it names."""

    facts: tuple[SentenceFacts, ...]
    places: tuple[ToponymMatch, ...]  # prepared for the article's countries (geo.prepare_article)
    countries: Counter[str]  # the article's countries, by how strongly it tells them
    place_index: _PlaceIndex  # the places by position, as geo.resolve_place reads them for each incident

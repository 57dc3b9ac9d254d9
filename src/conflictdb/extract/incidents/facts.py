"""What the finders found in one sentence, and the incident frame assembled from sentences."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from conflictdb.extract.incidents.places import PlaceArea
from conflictdb.records import Stance, quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the finders found in one sentence (offsets in the clean text)."""

    index: int
    start: int
    end: int
    text: str
    is_title: bool = False
    figures: tuple[Any, ...] = ()  # figures.FigureMatch
    stance: Any = None  # figures.StanceMatch
    attribution: Any = None  # speakers.Attribution
    dates: tuple[Any, ...] = ()  # (dates.DateMatch, records.DateValue)
    cues: tuple[Any, ...] = ()  # events.EventCue
    # the cues inside a context phrase ("responded to a rocket attack"): the event of a clause cut off there
    context_cues: tuple[Any, ...] = ()
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


@dataclass(slots=True)
class Frame:
    """One incident being assembled from the sentences that tell it."""

    sentences: list[SentenceFacts] = field(default_factory=list)
    cue_class: str | None = None
    date: dt.date | None = None
    background: bool = False
    relative_to: int | None = None  # index of the frame it is dated against ("a day after")
    relative_days: int = 0
    areas: list[PlaceArea] = field(default_factory=list)  # the places its body names
    event_day: dt.date | None = None  # its first day that is not the day of a statement
    event_night: bool = False  # that day is told as a night ("overnight"), which spans two days
    day_of: int | None = None  # the frame whose day it shares when it tells none ("the same day, ...")
    lead_day: dt.date | None = None  # the day of a total told before it ("strikes in the south on Monday")
    shared_day: dt.date | None = None  # with no day of its own, the day of the incident it happened alongside
    _read: int = field(default=0, init=False, repr=False, compare=False)  # sentences has_figures has read
    _figures: bool = field(default=False, init=False, repr=False, compare=False)
    _tolls: set[tuple] = field(default_factory=set, init=False, repr=False, compare=False)
    _tolls_read: int = field(default=0, init=False, repr=False, compare=False)  # sentences tolls has read

    @property
    def day(self) -> dt.date | None:
        """The day its events happened: its own, else the one it shares with the incident told before."""
        return self.event_day or self.shared_day

    @property
    def has_figures(self) -> bool:
        """Does a sentence give a figure or a stance? Each sentence is read once: frames only grow, and
        segmentation asks at every sentence."""
        if not self._figures:
            self._figures = any(s.figures or s.tells_stance for s in self.sentences[self._read :])
            self._read = len(self.sentences)
        return self._figures

    def tolls(self) -> set[tuple]:
        """The tolls its sentences (bar titles) give, as `_toll` tells them apart; each sentence read once."""
        for s in self.sentences[self._tolls_read :]:
            if not s.is_title:
                self._tolls.update(_toll(f) for f in s.figures)
        self._tolls_read = len(self.sentences)
        return self._tolls


def _toll(match: Any) -> tuple[Any, Any, int | None]:
    """What makes two figures the same toll: outcome, victims and number ("three soldiers" is not
    "three civilians")."""
    figure = match.figure
    return figure.outcome, figure.category, figure.min if figure.min is not None else figure.max


def repeats_toll(part: SentenceFacts, frame: Frame) -> bool:
    """Does the sentence give a number of dead or hurt the frame already gave?"""
    told = frame.tolls()
    return any(_toll(f) in told for f in part.figures if _toll(f)[2] is not None)

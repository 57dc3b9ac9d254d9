"""The article and the offsets of its text: Span, OffsetMap and Article."""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import repeat
from typing import overload

from conflictdb.records.frozen import FrozenSequence, pickled_by_fields


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) in an article's original text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")


class OffsetMap(FrozenSequence[int]):
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


@pickled_by_fields
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

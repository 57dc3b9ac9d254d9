"""Records survive pickling (as workers send them) equal and of the same type."""

import dataclasses
import datetime as dt
import inspect
import pickle
from dataclasses import dataclass, field

import pytest

from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Mention,
    Outcome,
    Place,
    Span,
    quick_init,
    replace,
)

FIGURE = Figure(Outcome.KILLED, Category.CIVILIANS, 4, 4, words="four villagers")
CLAIM = Claim(Span(10, 42), (FIGURE,), speaker="a district officer", relay="a radio station")
MENTION = Mention(
    "story-7",
    "Battles",
    "Armed clash",
    DateValue(dt.date(2031, 3, 4), DatePrecision.DAY, "on Tuesday"),
    Place("Farvale", "ZZ", "North Province", lat=1.5, lon=2.25, precision=1),
    claims=(CLAIM,),
    span=Span(0, 80),
    index=2,
    type_guessed=True,
)
ARTICLE = Article("story-7", "feed.jsonl", "Two lines\nof text", "Two lines of text", tuple(range(18)))


@pytest.mark.parametrize("record", [Span(3, 9), FIGURE, CLAIM, MENTION, ARTICLE, DateValue(None, None)])
def test_pickle_round_trip(record):
    loaded = pickle.loads(pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
    assert loaded == record
    assert type(loaded) is type(record)


def _sample_class() -> type:
    """A frozen slotted record with a default, default factories and a `__post_init__`."""

    @dataclass(frozen=True, slots=True)
    class _Sample:
        name: str
        count: int = 2
        tags: tuple[str, ...] = field(default_factory=tuple)
        seen: list[int] = field(default_factory=list)

        def __post_init__(self) -> None:
            if self.count < 0:
                raise ValueError("negative count")

    return _Sample


_Sample = quick_init(_sample_class())


@quick_init
@dataclass(frozen=True, slots=True)
class _Keyword:
    name: str
    count: int = field(default=1, kw_only=True)


@pytest.mark.parametrize(
    ("args", "kwargs", "expected"),
    [
        (("a",), {}, ("a", 2, (), [])),
        (("b", 5), {}, ("b", 5, (), [])),
        (("c",), {"tags": ("x",), "count": 0}, ("c", 0, ("x",), [])),
        ((), {"name": "d", "seen": [4]}, ("d", 2, (), [4])),
    ],
)
def test_quick_init_takes_the_arguments_of_the_dataclass(args, kwargs, expected):
    made = _Sample(*args, **kwargs)
    assert (made.name, made.count, made.tags, made.seen) == expected
    assert str(inspect.signature(_Sample.__init__)) == str(inspect.signature(_reference_init()))


def _reference_init():
    return _sample_class().__init__


def test_quick_init_keeps_frozen_post_init_and_fresh_defaults():
    first, second = _Sample("a"), _Sample("b")
    assert first.seen is not second.seen
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.count = 3  # type: ignore[misc]
    with pytest.raises(ValueError, match="negative"):
        _Sample("c", -1)
    with pytest.raises(TypeError):
        _Sample()  # type: ignore[call-arg]
    assert dataclasses.replace(first, count=7) == _Sample("a", 7)


def test_quick_init_leaves_keyword_only_fields_to_dataclasses():
    assert _Keyword("x", count=3).count == 3
    assert "_set_" not in " ".join(_Keyword.__init__.__code__.co_names)
    assert "_set_name" in _Sample.__init__.__code__.co_names


@dataclass(frozen=True)
class _Derived:
    base: int
    double: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "double", 2 * self.base)


@pytest.mark.parametrize(
    ("record", "changes"),
    [
        (_Sample("a", 3, ("x",), [1]), {"count": 9}),
        (_Sample("b"), {"name": "c", "tags": ("y", "z")}),
        (_Keyword("k", count=4), {"count": 5}),
        (FIGURE, {"category": Category.MILITANTS}),
        (MENTION, {"index": 0, "background": True}),
        (Span(2, 6), {}),
        (_Derived(3), {"base": 5}),  # a field outside __init__: dataclasses.replace
    ],
)
def test_replace_answers_as_dataclasses_replace(record, changes):
    made = replace(record, **changes)
    assert made == dataclasses.replace(record, **changes)
    assert type(made) is type(record) and made is not record


def test_replace_keeps_the_checks_of_the_class():
    with pytest.raises(ValueError, match="negative"):
        replace(_Sample("a"), count=-1)
    with pytest.raises(ValueError, match="bad span"):
        replace(Span(2, 6), end=1)
    with pytest.raises(TypeError):
        replace(_Sample("a"), colour="red")
    with pytest.raises(ValueError, match="init=False"):
        replace(_Derived(1), double=4)

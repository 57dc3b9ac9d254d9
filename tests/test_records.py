"""Records survive pickling (as workers send them) equal and of the same type; extraction's frames keep
what their sentences give as they grow."""

import dataclasses
import datetime as dt
import inspect
import pickle
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest

from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Frame,
    Grown,
    Mention,
    Outcome,
    Place,
    SentenceFacts,
    Span,
    Stance,
    figure_toll,
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


# --- the records extraction makes on the way: sentence facts and incident frames ------------------------


def facts(index: int, *figures: Figure, title: bool = False, stance: object = None) -> SentenceFacts:
    """A sentence's facts with stand-ins for the figure finder's matches (all a frame reads is `.figure`)."""
    matches = tuple(SimpleNamespace(figure=f) for f in figures)
    return SentenceFacts(index, 10 * index, 10 * index + 9, f"sentence {index}", title, matches, stance)  # type: ignore[arg-type]


HURT = Figure(Outcome.INJURED, Category.UNSPECIFIED, None, 9, words="up to nine people")


def test_figure_toll_is_outcome_victims_and_the_first_number_given():
    assert figure_toll(FIGURE) == (Outcome.KILLED, Category.CIVILIANS, 4)
    assert figure_toll(HURT) == (Outcome.INJURED, Category.UNSPECIFIED, 9)
    assert figure_toll(Figure(Outcome.KILLED, Category.MILITANTS, None, None, vague="dozens"))[2] is None


def test_frame_joined_is_a_new_frame_that_keeps_what_its_sentences_give():
    empty = Frame(background=True)
    plain = empty.joined(facts(0))
    told = plain.joined(facts(1, FIGURE), cue_class="attack")
    assert (list(empty.sentences), plain.has_figures, list(plain.tolls)) == ([], False, [])
    assert [s.index for s in told.sentences] == [0, 1] and told.background and told.cue_class == "attack"
    assert (
        told.has_figures and list(told.tolls) == [figure_toll(FIGURE)] and figure_toll(FIGURE) in told.tolls
    )
    assert len(plain.sentences) == 1  # the frame it was made from is unchanged


def test_frame_a_title_gives_a_figure_but_no_toll_and_a_stance_gives_figures():
    headline = Frame().joined(facts(0, HURT, title=True))
    assert headline.has_figures and not headline.tolls
    denial = SimpleNamespace(stance=Stance.DENIED)
    disowned = SimpleNamespace(stance=Stance.DISOWNED)
    assert Frame().joined(facts(0, stance=denial)).has_figures
    assert not Frame().joined(facts(0, stance=disowned)).has_figures  # a party denying its part


def test_frame_and_facts_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Frame().cue_class = "attack"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        facts(0).text = "changed"  # type: ignore[misc]


def test_grown_sequences_share_storage_yet_each_keeps_its_own_items():
    base = Grown(["a"])
    longer = base.plus(["b", "c"])
    branch = base.plus(["x"])  # an older one grown again: a copy, the longer one untouched
    assert list(base) == ["a"] and list(longer) == ["a", "b", "c"] and list(branch) == ["a", "x"]
    assert "c" in longer and "c" not in base and "c" not in branch and "x" not in longer
    assert longer[-1] == "c" and longer[1:] == ["b", "c"] and longer == ("a", "b", "c")
    with pytest.raises(IndexError):
        base[1]

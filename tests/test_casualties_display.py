"""Display lines (headline copies, headings, standfirsts, captions) and the figures they repeat."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from conflictdb.extract.casualties.display import display_spans, settle_display_figures
from conflictdb.extract.casualties.figures import find_figures
from conflictdb.extract.casualties.lexicon import load_casualty_lexicon
from conflictdb.extract.casualties.numbers import load_number_grammar
from tests.splitter import data_nlp

LEXICON = load_casualty_lexicon(numbers=load_number_grammar())
NLP = data_nlp()
TITLE = "Mortar fire kills 6 in Dunmore market"


def settle(facts: list[Any], text: str, title: str) -> list[Any]:
    return settle_display_figures(facts, display_spans(text, title, LEXICON.display), grammar=LEXICON.numbers)


def shown_lines(text: str, title: str | None = TITLE) -> list[str]:
    return [text[start:end] for start, end in display_spans(text, title, LEXICON.display)]


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        (TITLE, True),  # the headline again
        ("Home | World | " + TITLE, True),  # with page furniture around it
        ("Six people were killed when mortar rounds hit Dunmore market on Sunday.", False),
        ("Rescue workers say the toll may rise", True),  # a standfirst without a full stop
        ("'A boy died before the ambulance came'", True),  # a section heading in quotes
        ("Traders clear rubble in Dunmore, 4 March 2024.", True),  # a caption closing with its date
        ("Smoke over the market. Photo: Lena Ortiz", True),  # a photo credit
        ("Picture of the burnt stalls taken on Monday morning.", True),
        ("The army said: ", False),  # a lead-in to a quote
        ("He said: “Six died.” Others fled", False),  # two sentences: a paragraph cut short
    ],
)
def test_display_finds_the_display_lines(line: str, shown: bool):
    text = f"{TITLE}\n\n{line}\n\nThe attack was the third this month, police said.\n"
    assert (line.strip() in shown_lines(text)[1:]) is shown


def test_display_reads_the_last_line_as_body_when_it_is_cut_short():
    text = f"{TITLE}\n\nSix people died on Sunday.\n\nEarlier this month, four people were killed i"
    assert shown_lines(text) == [TITLE]


@dataclass(frozen=True)
class Facts:
    """A stand-in for records.SentenceFacts: what settle_display_figures reads."""

    start: int
    text: str
    figures: tuple
    attribution: Any = None
    is_title: bool = False


def facts_of(text: str, title: str) -> list[Facts]:
    doc = NLP(text)
    return [
        Facts(s.start_char, s.text, tuple(find_figures(s, LEXICON)), "said", s.start_char < len(title))
        for s in doc.sents
    ]


def figures_of(facts: list[Facts]) -> list[tuple]:
    return [(f.text[:12], m.figure.outcome.value, m.figure.min) for f in facts for m in f.figures]


def test_display_drops_a_headline_figure_the_body_repeats():
    title = "Mortar fire kills 6 civilians in Dunmore"
    text = f"{title}\n\n{title}\n\nAt least six people were killed in Dunmore on Sunday, the mayor said.\n"
    facts = settle(facts_of(text, title), text, title)
    assert figures_of(facts) == [("At least six", "killed", 6)]


def test_display_keeps_a_figure_found_only_on_a_display_line_without_a_speaker():
    title = "Mortar fire hits Dunmore"
    text = (
        f"{title}\n\nA girl died before the ambulance came, her uncle said\n\n"
        "Six people were killed in Dunmore on Sunday, the mayor said.\n\nThe market was closed.\n"
    )
    facts = settle(facts_of(text, title), text, title)
    assert figures_of(facts) == [("A girl died ", "killed", 1), ("Six people w", "killed", 6)]
    assert [f.attribution for f in facts if f.figures] == [None, "said"]


def test_display_drops_a_range_the_body_gives_in_parts():
    title = "Blast kills 20-25 in Dunmore"
    text = f"{title}\n\nPolice said 20 people died. A medic said 25 died.\n"
    facts = settle(facts_of(text, title), text, title)
    assert [m.figure.min for f in facts if f.is_title for m in f.figures] == []


def test_display_names_the_bare_victims_of_the_body_as_the_headline_does():
    title = "Two soldiers killed by a mine near Dunmore"
    text = f"{title}\n\nA mine exploded near the convoy on Sunday, killing two, police said.\n"
    facts = settle(facts_of(text, title), text, title)
    assert [(m.figure.category.value, m.figure.min) for f in facts for m in f.figures] == [
        ("security_forces", 2)
    ]


def test_display_leaves_body_victims_with_their_own_words():
    title = "Two soldiers killed by a mine near Dunmore"
    text = f"{title}\n\nA mine exploded near the convoy on Sunday, killing two people, police said.\n"
    facts = settle(facts_of(text, title), text, title)
    assert [(m.figure.category.value, m.figure.min) for f in facts for m in f.figures] == [("unspecified", 2)]


def test_display_drops_a_headline_total_the_body_gives_in_parts():
    title = "Roadside bomb kills five near Dunmore"
    text = f"{title}\n\nA roadside bomb killed four policemen and a farmer near Dunmore on Sunday.\n"
    facts = settle(facts_of(text, title), text, title)
    assert [m.figure.min for f in facts if f.is_title for m in f.figures] == []

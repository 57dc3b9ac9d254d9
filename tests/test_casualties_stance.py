"""A sentence's stance towards casualties (denials, threats, questions, a party disowning its part), on
sentences written for these tests."""

from __future__ import annotations

import pytest

from conflictdb.extract.casualties.figures import find_figures, find_stance
from conflictdb.extract.casualties.lexicon import load_casualty_lexicon
from conflictdb.extract.casualties.numbers import load_number_grammar
from conflictdb.records import Category, Stance
from tests.splitter import data_nlp

LEXICON = load_casualty_lexicon(numbers=load_number_grammar())
NLP = data_nlp()


def figure_tuples(text: str) -> list[tuple]:
    """The (outcome, category, min, max) of every figure found in `text`."""
    found = find_figures(NLP(text)[:], LEXICON)
    return [(m.figure.outcome.value, m.figure.category.value, m.figure.min, m.figure.max) for m in found]


@pytest.mark.parametrize(
    ("text", "stance", "category"),
    [
        (
            "At this stage we have seen no evidence of civilian casualties, the colonel said.",
            Stance.DENIED,
            Category.CIVILIANS,
        ),
        (
            "The ministry denied that any civilians were killed in the strike.",
            Stance.DENIED,
            Category.CIVILIANS,
        ),
        ("The army rejected reports of casualties among the villagers.", Stance.DENIED, Category.CIVILIANS),
        (
            "Reports of civilian deaths in Raqqa were baseless, the coalition said.",
            Stance.DENIED,
            Category.CIVILIANS,
        ),
        ("The militants threatened to kill the hostages.", Stance.HYPOTHETICAL, Category.CIVILIANS),
        ("Such bombs could kill hundreds of people.", Stance.HYPOTHETICAL, Category.UNSPECIFIED),
        ("How many soldiers were killed in the ambush?", Stance.QUESTION, None),
        ("No civilians were harmed in the operation, the army said.", Stance.DENIED, Category.CIVILIANS),
        ("We have seen nothing to suggest that civilians were harmed.", Stance.DENIED, Category.CIVILIANS),
        ("The army rejected reports that 20 villagers had died.", Stance.DENIED, Category.CIVILIANS),
        ("If the toll of 30 is confirmed, it would be the deadliest attack.", Stance.HYPOTHETICAL, None),
        ("Aid agencies fear that 50 children may die each day.", Stance.HYPOTHETICAL, Category.CIVILIANS),
        ("Reporters asked whether 12 policemen had been killed.", Stance.QUESTION, Category.SECURITY_FORCES),
        ("Is it true that 20 soldiers died at the camp, a journalist asked.", Stance.QUESTION, None),
        ("The governor disputes that any pupils were killed in the fire.", Stance.DENIED, Category.CIVILIANS),
        ("A statement that denied civilian deaths was read out.", Stance.DENIED, Category.CIVILIANS),
        (
            "The ministry denied that civilians had been hit by its artillery.",
            Stance.DENIED,
            Category.CIVILIANS,
        ),
        ("A spokesman rejected claims that homes were shelled.", Stance.DENIED, None),
        # a party denying its part, not the deaths: no casualty word needed
        ("The militia denied any involvement in the raid.", Stance.DISOWNED, None),
        ("The navy denied carrying out the attack on the harbour.", Stance.DISOWNED, None),
        ("Officials denied that their troops had shelled the camp.", Stance.DISOWNED, None),
        ("The air force said it never carried out an air strike on the town.", Stance.DISOWNED, None),
        ("The rebels said they were not involved and had nothing to do with it.", Stance.DISOWNED, None),
        ("The army denied responsibility for the killing of four farmers.", Stance.DISOWNED, None),
    ],
)
def test_stance_found(text: str, stance: Stance, category: Category | None):
    match = find_stance(NLP(text)[:], LEXICON)
    assert match is not None
    assert (match.stance, match.category) == (stance, category)
    assert match.words and match.words in text


@pytest.mark.parametrize(
    "text",
    [
        "Five soldiers were killed in the ambush.",
        "The governor visited the hospital on Monday.",
        "The army vowed to kill the attackers, but 12 soldiers were killed in the raid.",
        "As many as nine people may have been killed in the strike, a local official said.",
        "IS fighters killed 12 soldiers in the attack.",
        # the noun or adjective of a denial verb denies nothing
        "Disputes over a water point ended in a brawl in which two herders were killed.",
        "A land dispute between two clans left four villagers dead on Friday.",
        "The dispute that led to the killing of a farmer began last year.",
        "Three soldiers were killed in the disputed border area on Sunday.",
        "The district chief was dismissed after the killing of two traders.",
    ],
)
def test_stance_none_when_the_sentence_tells(text: str):
    assert find_stance(NLP(text)[:], LEXICON) is None


def test_stance_deaths_stand_when_a_party_only_denies_its_part():
    text = "The army denied that it carried out the raid that killed nine villagers."
    assert find_stance(NLP(text)[:], LEXICON).stance is Stance.DISOWNED
    assert figure_tuples(text) == [("killed", "civilians", 9, 9)]


def test_stance_denial_leaves_no_zero_figure():
    assert figure_tuples("The ministry denied that any civilians were killed in the strike.") == []

"""Grades in the spirit of Airwars: confirmed, fair, weak, contested, discounted, with reasons in words."""

from __future__ import annotations

import dataclasses
import re

import pytest

from conflictdb.records import (
    Article,
    Category,
    Claim,
    DateValue,
    Figure,
    GradeLevel,
    Mention,
    Outcome,
    Span,
    Stance,
)
from conflictdb.resolve.grade import grade_incident, responsibility_claims
from conflictdb.resolve.reconcile import load_reconcile_rules


def told(
    article_id: str,
    text: str,
    *,
    killed: int | None = 8,
    outlet: str = "Valley News",
    group: str | None = None,
    **claim_fields: object,
) -> tuple[Article, Mention]:
    """An invented article whose whole text is one mention with one claim (killed civilians)."""
    article = Article(
        id=article_id,
        source=f"/in/{article_id}.txt",
        text=text,
        clean_text=text,
        outlet=outlet,
        source_group=group,
    )
    figures = (Figure(Outcome.KILLED, Category.CIVILIANS, killed, killed),) if killed is not None else ()
    claim = Claim(Span(0, len(text)), figures, **claim_fields)  # type: ignore[arg-type]
    mention = Mention(
        article_id,
        "Explosions/Remote violence",
        "Air/drone strike",
        DateValue(None, None),
        None,
        (claim,),
        span=Span(0, len(text)),
    )
    return article, mention


def graded(*reports: tuple[Article, Mention]) -> tuple[GradeLevel, str]:
    grade = grade_incident([m for _, m in reports], [a for a, _ in reports], rules=RULES)
    return grade.grade, "; ".join(grade.reasons)


RULES = load_reconcile_rules()
STRIKE = "An air strike killed 8 civilians in Dara on Monday."


@pytest.mark.parametrize(
    ("sentence", "actor"),
    [
        ("The Islamic State group claimed responsibility for the bombing.", "Islamic State"),
        ("Al-Shabaab said it was behind the attack.", "Al-Shabaab"),
        ("The coalition confirmed it carried out the strike near Dara.", "coalition"),
        ("Responsibility was claimed by the Pakistani Taliban.", "Pakistani Taliban"),
        ("The army acknowledged its jets struck the village.", "army"),
    ],
)
def test_grade_confirmed_when_a_party_accepts_responsibility(sentence: str, actor: str) -> None:
    level, reasons = graded(told("a1", f"{STRIKE} {sentence}"))
    assert level is GradeLevel.CONFIRMED
    assert "responsibility accepted" in reasons
    assert any(actor.lower() in found.lower() for found, _ in responsibility_claims([sentence], RULES))


@pytest.mark.parametrize(
    "sentence",
    [
        "No group has claimed responsibility for the attack.",
        "The Taliban denied any involvement.",
        "The group has not claimed responsibility.",
    ],
)
def test_grade_no_claim_of_responsibility_in_negations(sentence: str) -> None:
    assert responsibility_claims([sentence], RULES) == []
    assert graded(told("a1", f"{STRIKE} {sentence}"))[0] is GradeLevel.WEAK


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ({}, ["Islamic State"]),
        ({"responsibility_window": (0, 0)}, []),  # the text around the cue word is all that is read
        ({"not_an_actor": re.compile(r"\bstate\b", re.IGNORECASE)}, []),  # an actor naming nobody
    ],
)
def test_grade_responsibility_words_and_window_are_the_rules_given(change: dict, found: list[str]) -> None:
    sentence = "The Islamic State group claimed responsibility for the bombing."
    rules = dataclasses.replace(RULES, **change)
    claimed = [actor for actor, _ in responsibility_claims([sentence], rules)]
    assert [a for a in found if any(a.lower() in c.lower() for c in claimed)] == found and bool(
        claimed
    ) == bool(found)


def test_grade_fair_with_two_independent_sources_weak_with_one() -> None:
    other = "Eight civilians died when a jet bombed Dara, residents said."
    assert graded(told("b1", STRIKE))[0] is GradeLevel.WEAK
    level, reasons = graded(told("b1", STRIKE), told("b2", other, outlet="Radio Dara"))
    assert (level, reasons) == (GradeLevel.FAIR, "2 independent credible sources")


def test_grade_copies_of_one_story_are_one_source() -> None:
    copies = (told("c1", STRIKE, group="wire-7"), told("c2", STRIKE, outlet="Daily B", group="wire-7"))
    assert graded(*copies) == (GradeLevel.WEAK, "a single source")


def test_grade_partisan_claims_alone_are_not_a_credible_source() -> None:
    claim = "The rebels said they killed 8 civilians... no, soldiers."
    level, _ = graded(told("d1", STRIKE), told("d2", claim, outlet="Rebel Radio", partisan=True))
    assert level is GradeLevel.WEAK


def test_grade_denial_against_figures_is_contested_not_zero() -> None:
    denial = "The ministry said there was no evidence of civilian casualties."
    level, reasons = graded(
        told("e1", STRIKE, speaker="residents"),
        told(
            "e2",
            denial,
            killed=None,
            outlet="Radio Dara",
            speaker="the ministry",
            stance=Stance.DENIED,
            stance_words="no evidence of civilian casualties",
        ),
    )
    assert level is GradeLevel.CONTESTED
    assert (
        'a denial by the ministry ("no evidence of civilian casualties") against 1 reported figure' in reasons
    )


def test_grade_figures_differing_by_a_large_factor_are_contested() -> None:
    high = "Activists said 40 civilians were killed in the strike on Dara."
    level, reasons = graded(
        told("f1", STRIKE, killed=4, speaker="officials"),
        told("f2", high, killed=40, outlet="Radio Dara", speaker="activists"),
    )
    assert level is GradeLevel.CONTESTED
    assert "killed civilians: figures from 4 to 40" in reasons


def test_grade_competing_claims_of_responsibility_are_contested() -> None:
    text = f"{STRIKE} The Islamic State group claimed responsibility. Al-Shabaab also claimed the attack."
    level, reasons = graded(told("g1", text))
    assert level is GradeLevel.CONTESTED
    assert reasons.startswith("competing claims of responsibility: ")


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        ("The Valley Front claimed responsibility.", GradeLevel.CONTESTED),
        ("", GradeLevel.WEAK),  # a denial with no claim of responsibility to contest
    ],
)
def test_grade_a_denial_of_responsibility_contests_a_claim_of_it(claim: str, expected: GradeLevel) -> None:
    text = f"{STRIKE} {claim} The Hill Brigade denied any responsibility for the strike."
    level, reasons = graded(told("d1", " ".join(text.split())))
    assert level is expected
    assert ("and denied" in reasons) is (expected is GradeLevel.CONTESTED)


def test_grade_discounted_when_the_deaths_were_something_else() -> None:
    text = f"{STRIKE} Police later said the blast was caused by a gas cylinder, not an attack."
    level, reasons = graded(told("h1", text), told("h2", STRIKE, outlet="Radio Dara"))
    assert level is GradeLevel.DISCOUNTED
    assert "gas cylinder" in reasons


@pytest.mark.parametrize(
    "sentence",
    [
        "The Islamic State group, which has claimed similar attacks in the past, made no statement.",
        "Al-Shabaab has often claimed responsibility for such bombings.",
        "The rebels have claimed responsibility for previous raids on the road.",
    ],
)
def test_grade_claims_of_other_attacks_confirm_nothing(sentence: str) -> None:
    assert responsibility_claims([sentence], RULES) == []
    assert graded(told("j1", f"{STRIKE} {sentence}"))[0] is GradeLevel.WEAK


def test_grade_part_of_a_toll_is_not_a_competing_total() -> None:
    kin = "A teacher said two of his cousins were among the dead."
    article, mention = told("k1", f"{STRIKE} {kin}", killed=20, speaker="officials")
    cousins = Figure(Outcome.KILLED, Category.CIVILIANS, 2, 2, words="two of his cousins were among the dead")
    teacher = Claim(Span(len(STRIKE) + 1, len(STRIKE) + 1 + len(kin)), (cousins,), speaker="a teacher")
    mention = Mention(**{**_fields(mention), "claims": (*mention.claims, teacher)})
    assert graded((article, mention)) == (GradeLevel.WEAK, "a single source")


def _fields(mention: Mention) -> dict[str, object]:
    return {name: getattr(mention, name) for name in Mention.__dataclass_fields__}


@pytest.mark.parametrize(
    ("perpetrator", "expected"),
    [
        ("Government forces", GradeLevel.CONTESTED),  # told who did it, and that party denies it
        (None, GradeLevel.WEAK),  # a denial that meets no account of who did it contests nothing
    ],
)
def test_grade_party_disowning_its_part(perpetrator: str | None, expected: GradeLevel) -> None:
    text = f"{STRIKE} The defence ministry denied any involvement."
    article, mention = told("l1", text, speaker="residents")
    denial = Claim(
        Span(len(STRIKE) + 1, len(text)),
        speaker="the defence ministry",
        stance=Stance.DISOWNED,
        stance_words="denied any involvement",
    )
    mention = Mention(**{**_fields(mention), "claims": (*mention.claims, denial), "perpetrator": perpetrator})
    level, reasons = graded((article, mention))
    assert level is expected
    if expected is GradeLevel.CONTESTED:
        assert 'its part denied by the defence ministry ("denied any involvement")' in reasons

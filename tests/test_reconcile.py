"""ACLED fatalities from conflicting claims: the lowest figure per victim group, groups added up."""

from __future__ import annotations

import datetime as dt

import pytest

from conflictdb.records import (
    Article,
    Category,
    Claim,
    DateValue,
    Figure,
    FigureRange,
    FigureRole,
    IncidentFigures,
    Mention,
    Outcome,
    Span,
    Stance,
)
from conflictdb.resolve.reconcile import fatalities, load_reconcile_rules, reconcile_incident

C, M, S, U = Category.CIVILIANS, Category.MILITANTS, Category.SECURITY_FORCES, Category.UNSPECIFIED
RULES = load_reconcile_rules()
NO_DATE = DateValue(None, None)


def claim(*figures: tuple[Category, int | None, int | None], **kwargs) -> Claim:
    made = tuple(Figure(Outcome.KILLED, cat, lo, hi) for cat, lo, hi in figures)
    return Claim(Span(0, 1), made, **kwargs)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        ([claim((U, 26, 26)), claim((C, 30, 30)), claim((C, 7, 7))], 26),  # a total against sub-groups
        ([claim((S, 2, 2)), claim((M, 6, 6))], 8),  # two groups of victims
        ([claim((S, 4, None), (C, 2, 2), (M, 4, 4))], 10),  # one sentence, three groups
        ([claim((C, 4, None)), claim((C, 4, 4)), claim((S, 10, 10), partisan=True)], 4),  # partisan out
        ([claim((S, 10, 10), partisan=True)], 10),  # partisan counts when it is all there is
        ([claim((C, None, 9))], 9),  # "up to 9"
        ([claim((C, 12, 12), stance=Stance.DENIED)], None),
        ([], None),
    ],
)
def test_reconcile_fatalities(claims: list[Claim], expected: int | None) -> None:
    assert fatalities(claims, rules=RULES) == expected


@pytest.mark.parametrize(
    ("words", "others", "expected"),
    [
        ("several", [], 10),  # ACLED codebook: "several", "many", "plural" -> 10
        ("many", [], 10),
        ("dozens", [], 12),  # "dozens" -> 12
        ("hundreds", [], 100),  # "hundreds" -> 100
        ("a few", [], 3),  # ours, not the codebook's
        ("dozens", [claim((C, 7, 7))], 7),  # a number for the same victims beats the word
        ("several", [claim((M, 4, 4))], 14),  # other victims add: 10 civilians and 4 militants
        ("countless", [], None),  # a word with no coding is no figure
    ],
)
def test_reconcile_fatalities_vague_words_as_acled_codes_them(
    words: str, others: list[Claim], expected: int | None
) -> None:
    vague = Claim(Span(0, 1), (Figure(Outcome.KILLED, C, None, None, vague=words),))
    assert fatalities([vague, *others], rules=RULES) == expected


def listed(*figures: tuple[Category, int, str]) -> Claim:
    made = tuple(Figure(Outcome.KILLED, cat, n, n, words=words) for cat, n, words in figures)
    return Claim(Span(0, 1), made)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # unnamed victims in one list with named ones add to them
        ([listed((C, 2, "two nurses and a man were killed"), (U, 1, "a man were killed"))], 3),
        ([listed((U, 1, "killing a farmer"), (C, 1, "killing a farmer and his wife"))], 2),
        # an unnamed count on its own is a total of all victims
        ([listed((C, 2, "two nurses were killed"), (U, 3, "three people died"))], 3),
        # ... and a total in another sentence still bounds the list
        ([listed((C, 2, "two nurses and a man died"), (U, 1, "a man died")), listed((U, 5, "5 people"))], 5),
    ],
)
def test_reconcile_fatalities_unnamed_victims_listed_with_named_ones(
    claims: list[Claim], expected: int
) -> None:
    assert fatalities(claims, rules=RULES) == expected


# --- low / best / high over whole incidents -------------------------------------------------------------

HISTORY = (
    "Toll: a car bomb in Dara killed 23 people on Monday.",
    "Toll rises: the car bomb in Dara has now killed 41 people.",
    "Toll rises again: the death toll from the Dara car bomb rose to 59.",
)


def report(
    article_id: str,
    text: str,
    *claims: Claim,
    day: int = 1,
    outlet: str | None = "Valley News",
    group: str | None = None,
) -> tuple[Article, Mention]:
    """An invented article (published on `day` of March 2024) and its one mention of the incident."""
    made = Article(
        id=article_id,
        source=f"/in/{article_id}.txt",
        text=text,
        clean_text=text,
        outlet=outlet,
        published=dt.date(2024, 3, day),
        source_group=group,
    )
    mention = Mention(
        article_id, "Explosions/Remote violence", "Remote explosive/landmine/IED", NO_DATE, None, claims
    )
    return made, mention


def said(text: str, words: str, *figures: Figure, **kwargs: object) -> Claim:
    """A claim whose evidence is `words` inside `text`."""
    start = text.index(words)
    return Claim(Span(start, start + len(words)), figures, **kwargs)  # type: ignore[arg-type]


def dead(category: Category, low: int | None, high: int | None = -1, **kwargs: object) -> Figure:
    """A killed figure; `high` defaults to `low`."""
    return Figure(Outcome.KILLED, category, low, low if high == -1 else high, **kwargs)  # type: ignore[arg-type]


def reconciled(*reports: tuple[Article, Mention]) -> IncidentFigures:
    return reconcile_incident([m for _, m in reports], [a for a, _ in reports], rules=RULES)


def killed_range(figures: IncidentFigures, category: Category | None) -> FigureRange:
    if category is None:
        total = figures.total(Outcome.KILLED)
        assert total is not None
        return total
    return next(r for r in figures.ranges if r.outcome is Outcome.KILLED and r.category is category)


def test_reconcile_later_toll_from_the_same_source_supersedes_and_keeps_the_history() -> None:
    # published in order 23, 41, 59 though the ids sort the other way: dates decide, not ids
    reports = [
        report(f"z{n}", text, said(text, text, dead(U, value)), day=n + 1)
        for n, (text, value) in enumerate(zip(HISTORY, (23, 41, 59), strict=True))
    ]
    figures = reconciled(*reports)
    people = killed_range(figures, U)
    assert (people.low, people.best, people.high) == (59, 59, 59)
    history = [(e.ref.article_id, e.min, e.role) for e in people.entries]
    assert history == [
        ("z0", 23, FigureRole.SUPERSEDED),
        ("z1", 41, FigureRole.SUPERSEDED),
        ("z2", 59, FigureRole.COUNTED),
    ]
    assert figures.fatalities == 59  # ACLED's lowest figure, among the current ones


def test_reconcile_same_speaker_in_other_outlets_supersedes_too() -> None:
    first = "The governor said 23 people were killed."
    later = "The governor said on Tuesday the toll had risen to 59."
    figures = reconciled(
        report("b1", first, said(first, first, dead(U, 23), speaker="the governor"), outlet="Kabul Daily"),
        report("b2", later, said(later, later, dead(U, 59), speaker="Governor"), outlet="Radio Dara", day=2),
    )
    assert killed_range(figures, U).best == 59


def test_reconcile_different_sources_are_not_superseded() -> None:
    police = "Police said 10 people were killed."
    hospital = "A hospital said 30 people had died, and the ministry said 12."
    figures = reconciled(
        report("c1", police, said(police, police, dead(U, 10), speaker="police")),
        report(
            "c2",
            hospital,
            said(hospital, "A hospital said 30 people had died", dead(U, 30), speaker="a hospital"),
            said(hospital, "the ministry said 12", dead(U, 12), speaker="the ministry"),
            outlet="Radio Dara",
            day=2,
        ),
    )
    people = killed_range(figures, U)
    assert (people.low, people.best, people.high) == (10, 12, 30)  # best: the median of three sources
    assert {e.role for e in people.entries} == {FigureRole.COUNTED}


def test_reconcile_sub_counts_never_add_to_totals() -> None:
    text = "The blast killed 59 people, 27 of them civilians, and 4 soldiers were among the dead."
    claim_ = said(text, text, dead(U, 59), dead(C, 27, part_of_total=True), dead(S, 4, part_of_total=True))
    figures = reconciled(report("d1", text, claim_))
    total = killed_range(figures, None)
    assert (total.low, total.best, total.high) == (59, 59, 59)
    civilians = killed_range(figures, C)
    assert (civilians.best, [e.role for e in civilians.entries]) == (None, [FigureRole.SUB_COUNT])
    assert figures.fatalities == 59


def test_reconcile_partisan_claim_stays_out_of_best_unless_corroborated() -> None:
    army = "The army said 3 soldiers were killed, while the Taliban claimed to have killed 30 soldiers."
    claims = (
        said(army, "The army said 3 soldiers were killed", dead(S, 3), speaker="the army"),
        said(
            army,
            "the Taliban claimed to have killed 30 soldiers",
            dead(S, 30),
            speaker="Taliban",
            partisan=True,
        ),
    )
    alone = reconciled(report("e1", army, *claims))
    soldiers = killed_range(alone, S)
    assert (soldiers.low, soldiers.best, soldiers.high) == (3, 3, 30)
    assert [e.role for e in soldiers.entries] == [FigureRole.COUNTED, FigureRole.PARTISAN]

    police = "Police officials said 28 soldiers died."
    corroborated = reconciled(
        report("e1", army, *claims[1:]),
        report(
            "e2", police, said(police, police, dead(S, 28), speaker="police officials"), outlet="Radio Dara"
        ),
    )
    soldiers = killed_range(corroborated, S)
    assert (soldiers.low, soldiers.best, soldiers.high) == (28, 30, 30)
    assert FigureRole.CORROBORATED in {e.role for e in soldiers.entries}


def test_reconcile_partisan_claim_alone_has_no_best_but_acled_counts_it() -> None:
    text = "The Taliban said they killed 12 soldiers."
    figures = reconciled(report("f1", text, said(text, text, dead(S, 12), speaker="Taliban", partisan=True)))
    soldiers = killed_range(figures, S)
    assert (soldiers.low, soldiers.best, soldiers.high) == (None, None, 12)
    assert figures.fatalities == 12


def test_reconcile_denial_is_contesting_not_zero() -> None:
    text = "Shelling killed 5 civilians, the mayor said. The army denied that any civilians were killed."
    denial = said(text, "The army denied that any civilians were killed.", speaker="the army")
    denial = Claim(denial.evidence, speaker="the army", stance=Stance.DENIED, stance_words="denied")
    figures = reconciled(report("g1", text, said(text, "Shelling killed 5 civilians", dead(C, 5)), denial))
    civilians = killed_range(figures, C)
    assert (civilians.low, civilians.best, civilians.high) == (5, 5, 5)
    assert [(r.article_id, r.claim) for r in figures.contesting] == [("g1", 1)]


def test_reconcile_copies_of_one_story_are_one_source() -> None:
    wire = "A roadside bomb killed 10 people near Dara."
    other = "A roadside bomb near Dara killed 30 people, a local radio station reported."
    reports = [
        report("h1", wire, said(wire, wire, dead(U, 10)), outlet="Daily A", group="wire-1"),
        report("h2", wire, said(wire, wire, dead(U, 10)), outlet="Daily B", group="wire-1"),
        report("h3", other, said(other, other, dead(U, 30)), outlet="Radio Dara", day=2),
    ]
    people = killed_range(reconciled(*reports), U)
    # two sources, 10 and 30: the copy does not make 10 the median of three
    assert (people.low, people.best, people.high) == (10, 30, 30)
    assert [e.role for e in people.entries] == [FigureRole.REPEATED, FigureRole.COUNTED, FigureRole.COUNTED]


def test_reconcile_vague_word_counts_only_without_a_number() -> None:
    text = "Dozens of people were killed. Officials later said 14 people died."
    words = said(text, "Dozens of people were killed.", dead(U, None, None, vague="dozens"))
    alone = killed_range(reconciled(report("i1", text, words)), U)
    assert (alone.low, alone.best, alone.high, alone.entries[0].vague) == (12, 12, 12, "dozens")
    numbered = said(text, "Officials later said 14 people died.", dead(U, 14), speaker="officials")
    both = killed_range(reconciled(report("i1", text, words, numbered)), U)
    assert (both.best, [e.role for e in both.entries]) == (14, [FigureRole.VAGUE, FigureRole.COUNTED])


def worded(category: Category, value: int, words: str) -> Figure:
    """A killed figure read from `words`."""
    return Figure(Outcome.KILLED, category, value, value, words=words)


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # a part of the toll (kin of someone, "among the dead", died in hospital) never lowers it
        (
            [
                claim((C, 14, 14)),
                Claim(Span(0, 1), (worded(C, 3, "three of his cousins were killed"),), speaker="a grocer"),
            ],
            14,
        ),
        ([claim((U, 9, 9)), Claim(Span(0, 1), (worded(C, 2, "her two daughters died"),))], 9),
        ([claim((C, 22, 22)), Claim(Span(0, 1), (worded(C, 6, "six teachers were among the dead"),))], 22),
        ([claim((U, 17, 17)), Claim(Span(0, 1), (worded(U, 5, "five died later in hospital"),))], 17),
        # alone, or larger than every other toll, it counts as any figure
        ([Claim(Span(0, 1), (worded(C, 4, "four members of one family were shot"),))], 4),
        ([claim((C, 2, 2)), Claim(Span(0, 1), (worded(C, 5, "his five brothers were killed"),))], 2),
        # a smaller toll that names no part is a competing total: the lowest credible one counts
        ([claim((C, 14, 14)), Claim(Span(0, 1), (worded(C, 3, "three villagers were killed"),))], 3),
        # never below a total every source agrees on
        ([claim((C, 15, 15), (S, 5, 5)), claim((C, 10, 10), (S, 10, 10))], 20),
        ([claim((C, 15, 15), (S, 5, 5)), claim((C, 10, 10), (S, 4, 4))], 14),
    ],
)
def test_reconcile_fatalities_parts_of_a_toll_and_agreed_totals(claims: list[Claim], expected: int) -> None:
    assert fatalities(claims, rules=RULES) == expected


def test_reconcile_part_of_a_toll_is_a_sub_count_and_never_sets_low() -> None:
    text = (
        "Shelling of the market in Tarbel killed 18 civilians, the town council said. "
        "A baker, Sami Qasem, said two of his nephews were among those killed."
    )
    council = said(
        text, "Shelling of the market in Tarbel killed 18 civilians", dead(C, 18), speaker="council"
    )
    words = "two of his nephews were among those killed"
    baker = said(text, words, Figure(Outcome.KILLED, C, 2, 2, words=words), speaker="Sami Qasem")
    figures = reconciled(report("p1", text, council, baker))
    civilians = killed_range(figures, C)
    assert (civilians.low, civilians.best, civilians.high) == (18, 18, 18)
    assert [e.role for e in civilians.entries] == [FigureRole.COUNTED, FigureRole.SUB_COUNT]
    assert figures.fatalities == 18


def test_reconcile_party_disowning_its_part_contests_but_the_deaths_stand() -> None:
    text = "The army denied any involvement in the killing of seven herders near Ruma."
    disowned = said(text, text, dead(C, 7), speaker="the army", stance=Stance.DISOWNED)
    figures = reconciled(report("q1", text, disowned))
    assert figures.fatalities == 7
    assert killed_range(figures, C).low == 7
    assert [(r.article_id, r.claim) for r in figures.contesting] == [("q1", 0)]

"""The figures of one sentence taken together: a list of one category's victims summed ("a woman and her
two daughters" = 3), breakdowns and sub-counts marked as parts of their total, and the wounded who died
moved to the dead.
"""

from __future__ import annotations

import re

from conflictdb.extract.casualties.cues import Bound, gap_words
from conflictdb.extract.casualties.lexicon import INJURED, KILLED, CasualtyLexicon
from conflictdb.records import Category, Outcome, replace


def _summable(a: Bound, b: Bound, text: str, lexicon: CasualtyLexicon) -> bool:
    """Two parts of one list of victims in one category: "six children and two women"."""
    fa, fb = a.figure, b.figure
    return (
        a.cue is not None
        and a.cue is b.cue
        and not fa.part_of_total
        and not fb.part_of_total
        and fa.outcome is fb.outcome
        and fa.category is fb.category
        and a.victims.category is not None
        and b.victims.category is not None
        and fa.vague is None
        and fb.vague is None
        and fa.has_number
        and fb.has_number
        and bool(lexicon.list_gap.fullmatch(text, a.victims.end, b.victims.start))
    )


def sum_group(group: list[Bound], text: str, lexicon: CasualtyLexicon) -> Bound:
    """One figure for a list of victims of one category."""
    figures = [b.figure for b in group]
    lows = [f.min for f in figures]
    highs = [f.max for f in figures]
    children = women = 0
    for bound in group:
        words = text[bound.victims.start : bound.victims.end]
        children += (bound.figure.min or 0) if lexicon.grammar.child_words.search(words) else 0
        women += (bound.figure.min or 0) if lexicon.grammar.women_words.search(words) else 0
    start, end = min(b.start for b in group), max(b.end for b in group)
    figure = replace(
        figures[0],
        min=None if None in lows else sum(x or 0 for x in lows),
        max=None if None in highs else sum(x or 0 for x in highs),
        approximate=any(f.approximate for f in figures),
        children=children or figures[0].children,
        women=women or figures[0].women,
        words=text[start:end],
    )
    return Bound(replace(group[0].victims, end=group[-1].victims.end), group[0].cue, start, end, figure)


def sum_lists(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> list[Bound]:
    """Sum each list of one category's victims; "12 civilians, 5 women and 7 children" is a breakdown."""
    groups: list[list[Bound]] = []
    for bound in bounds:
        if groups and _summable(groups[-1][-1], bound, text, lexicon):
            groups[-1].append(bound)
        else:
            groups.append([bound])
    out = []
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
            continue
        head, rest = group[0].figure, [b.figure for b in group[1:]]
        if (
            len(group) > 2
            and head.min is not None
            and head.min == sum(f.min or 0 for f in rest)
            and (
                _names_the_kind(text, group[0], lexicon)
                or APPOSITION_CLOSE.match(text, group[-1].victims.end)
            )
        ):
            out.append(group[0])  # the first is the total of the others
            out += [replace(b, figure=replace(b.figure, part_of_total=True)) for b in group[1:]]
            continue
        out.append(sum_group(group, text, lexicon))
    return out


APPOSITION_CLOSE = re.compile(r"\s*[,—–)]")  # "three policemen, a sergeant and two constables, were hurt"


def _names_the_kind(text: str, head: Bound, lexicon: CasualtyLexicon) -> bool:
    """True when the head of a list names the whole kind of victims ("12 civilians"), so that the counts
    after it may be its parts; "3 policemen, 2 militiamen and 1 soldier were killed" are six, unless the
    parts stand in apposition, closed by a comma."""
    words = gap_words(text[head.victims.start : head.victims.end].lower())
    return any(" ".join(words[i:]) in lexicon.breakdown_heads for i in range(len(words)))


BREAKDOWN_OPEN = re.compile(r"\s*[,—–(-]\s*")  # "two people, a soldier and a civilian"


def _breakdown(bounds: list[Bound], i: int, text: str, lexicon: CasualtyLexicon) -> list[Bound]:
    """The counts right after bounds[i], in apposition and listed, that add up to it: "two people, a soldier
    and a civilian"; none when they do not."""
    head = bounds[i].figure
    if head.part_of_total or head.min is None or head.min != head.max or head.min < 2:
        return []
    parts: list[Bound] = []
    total, end = 0, bounds[i].victims.end
    for bound in bounds[i + 1 :]:
        gap = BREAKDOWN_OPEN if not parts else lexicon.list_gap
        figure = bound.figure
        start = bound.victims.start
        if figure.outcome is not head.outcome or figure.min is None or not gap.fullmatch(text, end, start):
            break
        parts.append(bound)
        total, end = total + figure.min, bound.victims.end
        if total >= head.min:
            break
    # "four soldiers, a baker and three boys": another category after a named one is no breakdown
    kinds = {p.figure.category for p in parts} | {head.category}
    same = head.category is Category.UNSPECIFIED or kinds == {head.category}
    return parts if total == head.min and same else []


def mark_breakdowns(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "Three people, a woman and her two children, were killed": counts in apposition that add up to the
    count before are its parts; the one category they share names it."""
    for i, bound in enumerate(bounds):
        parts = _breakdown(bounds, i, text, lexicon)
        for part in parts:
            part.figure = replace(part.figure, part_of_total=True)
        categories = {p.figure.category for p in parts}
        if len(categories) == 1 and bound.figure.category is Category.UNSPECIFIED:
            bound.figure = replace(bound.figure, category=categories.pop())


def mark_subcounts_after(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "Three of the hotel guards are also among the dead", "... were among those brought in"."""
    for bound in bounds:
        v = bound.victims
        if bound.figure.part_of_total or not v.category:
            continue
        if lexicon.subcount_after.match(text, v.end) or (
            v.partitive and lexicon.grammar.among_after.match(text, v.end)
        ):
            bound.figure = replace(bound.figure, part_of_total=True)


def mark_where_parts(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "killed 15 people: 13 died on the spot and two in hospital": a count told by where the victims
    died, after a larger total of the same outcome, is a part of that total."""
    totals: list[Bound] = []
    for bound in bounds:
        figure = bound.figure
        if figure.part_of_total or figure.min is None:
            continue
        larger = any(
            t.figure.outcome is figure.outcome
            and (t.figure.min or 0) > figure.min
            and (bound.victims.bare or figure.category is t.figure.category)
            for t in totals
        )
        if larger and lexicon.where_part.match(text, bound.victims.end):
            bound.figure = replace(figure, part_of_total=True)
        else:
            totals.append(bound)


def move_died_wounded(bounds: list[Bound]) -> None:
    """ "27 wounded people, five of whom arrived dead": 22 injured and 5 killed."""
    for i, bound in enumerate(bounds):
        sub = bound.figure
        if (
            not sub.part_of_total
            or sub.outcome is not Outcome.KILLED
            or sub.min is None
            or sub.min != sub.max
        ):
            continue
        total = next((b for b in reversed(bounds[:i]) if not b.figure.part_of_total), None)
        if total is None or total.figure.outcome is not Outcome.INJURED:
            continue
        t = total.figure
        if t.min is not None and t.min == t.max and t.min > sub.min:
            total.figure = replace(t, min=t.min - sub.min, max=t.min - sub.min)
            bound.figure = replace(sub, part_of_total=False, category=t.category)


def mark_own_statements(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "Nine of the dead were policemen.", "Among them were two boys.": a sub-count with no total
    before it in its sentence is told as a statement of its own (a speaker's, the claim decides);
    not a part told by where the victims died ("seven died at the scene"), nor a part of the wounded
    who then died ("three of the wounded died")."""
    totals: set[Outcome] = set()  # the outcomes of the totals told before
    for bound in bounds:
        figure = bound.figure
        if not figure.part_of_total:
            totals.add(figure.outcome)
            continue
        v = bound.victims
        cue = bound.cue.word.outcome if bound.cue else None
        moved = v.of_outcome in (KILLED, INJURED) and cue in (KILLED, INJURED) and cue != v.of_outcome
        where = lexicon.where_part.match(text, len(text[: v.end].rstrip()))
        own = not (figure.outcome in totals or not figure.has_number or moved or where)
        bound.own = own and not _part_told_of(text, bound, lexicon)


def _part_told_of(text: str, bound: Bound, lexicon: CasualtyLexicon) -> bool:
    """ "Two of the dead had criminal records", "seven of the wounded are in a serious condition": a part
    of the victims of no category of its own that the sentence tells something of is no toll of its own
    (the guide's own sub-count has its own category)."""
    v = bound.victims
    if bound.figure.category is not Category.UNSPECIFIED:
        return False
    if lexicon.part_had.match(text, v.end):
        return True
    subject = lexicon.part_subject_before.search(text, 0, v.start) is not None
    return subject and bound.figure.outcome is Outcome.INJURED

"""Figures built from victims bound to their cues: the outcome and category each one takes (from its cue,
the total before it, the toll's word, the victims' own words), sub-counts marked, zeros ("no casualties")
added.
"""

from __future__ import annotations

import re

from conflictdb.extract.casualties.categories import Hit, category_at, category_before, resolve_category
from conflictdb.extract.casualties.cues import Bound, Cue, bind_cue, told_found
from conflictdb.extract.casualties.lexicon import COMBINED, INHERIT, INJURED, KILLED, CasualtyLexicon
from conflictdb.extract.casualties.numbers import Quantity
from conflictdb.extract.casualties.phrases import norm
from conflictdb.extract.casualties.totals import sum_group
from conflictdb.extract.casualties.victims import OF_END, PRONOUN, ZERO, Victims
from conflictdb.folded import lowered, search_in
from conflictdb.records import Category, Figure, Outcome, replace

CLAUSE_FOLLOWS = re.compile(r"[\s\"”’']*(?:[.;,)]|$)")


def _figure(victims: Victims, outcome: str, category: Category, words: str, *, part: bool, cue: Cue | None):
    """One Figure from bound victims."""
    q = victims.quantity
    low, high = q.min, q.max
    if cue is not None and cue.estimate and low is not None and low == high:
        low = None  # "nine people may have been killed": at most nine
    return Figure(
        outcome=Outcome(outcome),
        category=category,
        min=low,
        max=high,
        approximate=q.approximate,
        vague=q.vague,
        part_of_total=part,
        words=words,
    )


def _outcomes(outcome: str, quantity: Quantity) -> tuple[str, ...]:
    """The outcomes a cue gives a quantity; a combined count only counts as an explicit zero."""
    if outcome != COMBINED:
        return (outcome,)
    return (KILLED, INJURED) if quantity.min == 0 and quantity.max == 0 else ()


def _fill_subcount(bounds: list[Bound], sub: Figure, lexicon: CasualtyLexicon) -> None:
    """Put "including 5 children" on the total it belongs to (women/children fields)."""
    if sub.min is None or sub.min != sub.max:
        return
    for bound in reversed(bounds):
        total = bound.figure
        if total.part_of_total or total.outcome is not sub.outcome:
            continue
        if lexicon.grammar.child_words.search(sub.words) and total.children is None:
            bound.figure = replace(total, children=sub.min)
        elif lexicon.grammar.women_words.search(sub.words) and total.women is None:
            bound.figure = replace(total, women=sub.min)
        return


def zero_noun_figures(
    text: str,
    lexicon: CasualtyLexicon,
    taken: list[tuple[int, int]],
    hits: list[Hit],
    country: str | None,
) -> list[Bound]:
    """ "there were no casualties", "no civilian deaths", "no casualties among the guards": zero figures,
    one per outcome."""
    found = []
    for match in lexicon.zero_noun.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        adj = norm(match.group("adj"))
        if "of" in adj.split():
            continue  # "no mention of civilian casualties", "no reports of casualties"
        outcome = lexicon.zero_noun_outcome.get(norm(match.group("noun")), COMBINED)
        grammar = lexicon.grammar
        category = (
            Category.CIVILIANS if any(w in adj for w in grammar.zero_noun_civilians) else Category.UNSPECIFIED
        )
        if any(w in adj for w in grammar.zero_noun_security_forces):
            category = Category.SECURITY_FORCES
        among = grammar.among_group.match(text, match.end())
        if among and category is Category.UNSPECIFIED:
            category = category_at(text, among.end(), hits, country, lexicon) or category
        victims = Victims(match.start(), match.end(), ZERO, category)
        for out in _outcomes(outcome, ZERO):
            figure = Figure(Outcome(out), category, 0, 0, words=match.group(0))
            found.append(Bound(victims, None, match.start(), match.end(), figure))
    return found


def _possessor(text: str, cue: Cue, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon):
    """The category of the force before "lost": "Arakan Army fighters, who lost five men"."""
    before = [h for h in hits if h[1] <= cue.start and cue.start - h[1] <= lexicon.reach.possessor_chars]
    if not before or not lexicon.possessor_gap.fullmatch(text, before[-1][1], cue.start):
        return None
    return resolve_category([before[-1][2]], country, lexicon)


def _category(v: Victims, cue: Cue | None, context: tuple, lexicon: CasualtyLexicon) -> Category | None:
    """The victims' category; None when they are not the casualties the cue speaks of."""
    text, hits, country, last = context
    category = v.category or (last.figure.category if last else Category.UNSPECIFIED)
    if v.category is None and last is None and v.of_outcome == INHERIT:
        category = category_before(text, v.start, hits, country, lexicon) or category
    if v.category is None and last is not None and _others_of_a_group(text, v, last, lexicon):
        category = Category.UNSPECIFIED  # "killing four children and wounding 15 others"
    if v.category is None and cue is not None and cue.word.toll:  # a toll counts all the dead of the event
        category = _toll_category(text, cue, lexicon) or Category.UNSPECIFIED
    if cue is not None and cue.word.forces_only:
        if category is Category.CIVILIANS and not _family_loss(text, cue, v, lexicon):
            return None  # "the widow lost two sons": a bereavement told as background
        if category is Category.UNSPECIFIED:
            category = _possessor(text, cue, hits, country, lexicon) or category
    return category


def _family_loss(text: str, cue: Cue, v: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "a trader lost his three sons in the blast": a possessive says whose dead they were, and the loss
    is told for itself, not to say which person speaks ("a farmer who lost his son told us")."""
    own = lexicon.loss_of_own.search(text, cue.end, v.end)
    return bool(own) and not lexicon.loss_names_the_speaker.search(text, 0, cue.start)


def _toll_category(text: str, cue: Cue, lexicon: CasualtyLexicon) -> Category | None:
    """ "the civilian death toll rose to 31": the word before a toll says whose it is."""
    word = lexicon.toll_category.search(
        text, max(0, cue.start - lexicon.reach.toll_category_chars), cue.start
    )
    return Category(lexicon.toll_category_of[norm(word.group("word"))]) if word else None


def _others_of_a_group(text: str, v: Victims, last: Bound, lexicon: CasualtyLexicon) -> bool:
    """ "15 others" after children or women, or "six lives": victims that are not of the group before."""
    words = text[v.start : v.end].lower()
    grammar = lexicon.grammar
    if grammar.lives_after.match(text, v.end):
        return True
    group = text[last.victims.start : last.victims.end]
    return "other" in words and bool(grammar.child_words.search(group) or grammar.women_words.search(group))


def bind_all(
    text: str, lexicon: CasualtyLexicon, cues: list[Cue], victims: list[Victims], context
) -> list[Bound]:
    """Bind every victims phrase to its cue and build its figure(s)."""
    hits = context[1]
    low = lowered(text)  # the windows before each victims phrase are searched in lower case
    reach = lexicon.reach
    starts = {v.start for v in victims} | {h[0] for h in hits}
    bounds: list[Bound] = []
    last: Bound | None = None  # the last total, for ellipsis: "20 civilians had died; an elder said 35"
    previous: tuple[int, bool] = (-1, False)  # end and sub-count mark of the victims before
    for v in victims:
        reference = bool(
            search_in(
                lexicon.partitive_reference,
                text,
                low,
                max(0, v.start - reach.partitive_reference_chars),
                v.start,
            )
        )
        reference = reference or v.quantity is PRONOUN  # "he was killed": the one victim told before, if any
        if v.quantity.vague == lexicon.grammar.same_number and last is not None and last.figure.has_number:
            v = replace(v, quantity=Quantity(last.figure.min, last.figure.max))  # "and as many others"
        marked = bool(v.of_outcome) or bool(
            search_in(
                lexicon.subcount_before, text, low, max(0, v.start - reach.subcount_before_chars), v.start
            )
        )
        chained = previous[1] and v.category is not None  # "including three soldiers and a journalist"
        marked = marked or (chained and bool(lexicon.list_gap.fullmatch(text, previous[0], v.start)))
        of_a_group = v.of_outcome == INHERIT and last is None  # "killed 20 of them": no toll, a group
        sub = (marked and last is not None) or (bool(v.of_outcome) and not of_a_group)
        previous = (v.end, sub)  # "Among the dead were three herders and a girl": no total, no part
        cue = bind_cue(text, v, cues, victims, lexicon, starts)
        if v.of_outcome and search_in(OF_END, text, low, max(0, v.start - reach.of_end_chars), v.start):
            continue  # "a parent of one of the injured students": a reference inside a phrase
        outcome = v.of_outcome if v.of_outcome in (KILLED, INJURED) else None
        if v.of_outcome == INHERIT and cue is not None:
            outcome = cue.word.outcome  # "27 wounded people, five of whom arrived dead"
        own_cue = cue is not None and cue.end <= v.start and not text[cue.end : v.start].strip()
        if outcome is None and marked and last is not None and not v.own_outcome and not own_cue:
            outcome = last.figure.outcome.value  # "including three soldiers": what its total counts
        outcome = outcome or v.own_outcome or (cue.word.outcome if cue else None)
        if outcome is None and v.bare and last is not None and _ellipsis(text, v, lexicon):
            outcome = last.figure.outcome.value
        at_own_place = outcome is None and v.bare and _place_part(text, last, v, lexicon)
        if at_own_place:  # "killed two people in A and three in B": the toll before, at another place
            outcome = last.figure.outcome.value
        second_part = _second_where_part(text, last, v, lexicon, bounds) and (
            outcome is None
            or (outcome == last.figure.outcome.value and v.category in (None, last.figure.category))
        )
        if second_part:  # "13 died at the scene and two later": one toll told in two parts
            outcome = last.figure.outcome.value
        if outcome is None or (cue is not None and cue.word.reference and not told_found(text, v, lexicon)):
            continue
        category = _category(v, cue, (text, hits, context[2], last), lexicon)
        if at_own_place:
            category = last.figure.category
        if category is None:
            continue
        lo = min(v.start, cue.start) if cue and not sub else v.start
        hi = max(v.end, cue.end) if cue and not sub else v.end
        for out in _outcomes(outcome, v.quantity):
            figure = _figure(v, out, category, text[lo:hi], part=sub, cue=cue)
            if sub:
                _fill_subcount(bounds, figure, lexicon)
            told = reference or (cue is not None and cue.word.reference)  # "the body of a porter"
            bound = Bound(v, cue, lo, hi, figure, reference=told)
            if second_part:
                bounds[-1] = bound = sum_group([last, bound], text, lexicon)
            else:
                bounds.append(bound)
            if not sub:
                last = bound
    return bounds


def _second_where_part(
    text: str, first: Bound | None, v: Victims, lexicon: CasualtyLexicon, bounds: list[Bound]
) -> bool:
    """ "13 died at the scene and two later": a count told by where the victims died right after a
    count told the same way, with no total of that outcome before them."""
    if first is None or not bounds or bounds[-1] is not first or first.figure.part_of_total:
        return False
    if any(b.figure.outcome is first.figure.outcome for b in bounds[:-1]):
        return False
    where = lexicon.where_part.match(text, first.victims.end)
    return bool(
        where
        and first.figure.has_number
        and v.quantity.has_number
        and lexicon.list_gap.fullmatch(text, where.end(), v.start)
        and lexicon.where_part.match(text, v.end)
    )


def _place_part(text: str, last: Bound | None, v: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "killed two people in A and three in B": a bare number told at its own place, in a list after a
    toll told at its place."""
    if last is None or not last.figure.has_number or last.figure.part_of_total:
        return False
    end = max(last.victims.end, last.cue.end if last.cue is not None else 0)
    if end > v.start or not lexicon.place_part_before.match(text[end : v.start]):
        return False
    return lexicon.place_part_after.match(text, v.end) is not None


def _ellipsis(text: str, v: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "a local elder said 35": a bare number after a speech verb, closing its clause."""
    return bool(
        lexicon.ellipsis_before.search(text, max(0, v.start - lexicon.reach.ellipsis_chars), v.start)
        and CLAUSE_FOLLOWS.match(text, v.end)
    )

"""Casualty figures in one sentence: "Two drivers, three pilgrims and at least six police died".

Finding reads the sentence text with the lexicon (casualties/lexicon.py): quantities with the victim
phrase after them (casualties/victims.py), cue words, and the cue each quantity is bound to
(casualties/cues.py). Building turns the bound quantities into `Figure`s (casualties/building.py), takes a
sentence's figures together (casualties/totals.py), and drops those of a denied, asked or supposed clause
(casualties/stance.py). The sentence before may name the victims a figure leaves unnamed (`named_before`);
an article's references to a toll it gave are settled at the end (`settle_references`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from spacy.tokens import Span as SpacySpan

from conflictdb.extract.casualties.building import bind_all, zero_noun_figures
from conflictdb.extract.casualties.categories import category_before
from conflictdb.extract.casualties.cues import find_cues, split_combined
from conflictdb.extract.casualties.lexicon import CasualtyLexicon
from conflictdb.extract.casualties.stance import is_question, stance_in_text, void_spans
from conflictdb.extract.casualties.totals import (
    mark_breakdowns,
    mark_own_statements,
    mark_subcounts_after,
    mark_where_parts,
    move_died_wounded,
    sum_lists,
)
from conflictdb.extract.casualties.victims import find_victims, open_victim_hits, victim_hits
from conflictdb.extract.sentences import span_text
from conflictdb.extract.token_stream import tokenize
from conflictdb.records import Category, Figure, Outcome, replace
from conflictdb.records.matches import FigureMatch, StanceMatch

__all__ = [
    "figures_in_text",
    "find_figures",
    "find_stance",
    "named_before",
    "settle_references",
]


def figures_in_text(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> list[tuple[int, int, Figure, bool, bool, bool]]:
    """The casualty figures of one sentence's text as (start, end, Figure, reference, bare, own),
    offsets into `text`; a reference ("of the four injured") repeats a toll if the article gave it
    before, bare victims ("killing three") have no word that says who they were, and an own sub-count
    is told as a statement of its own."""
    if lexicon.cue_screen_pattern.search(text.lower()) is None:  # no word of `cue_screen`
        return []
    tokens = tokenize(text)
    cues = find_cues(text, lexicon, tokens)
    if not cues and not lexicon.self_counting.search(text):
        return []
    if is_question(text, lexicon):
        return []
    hits = open_victim_hits(text, victim_hits(tokens, lexicon), lexicon)
    victims = find_victims(text, lexicon, [c.start for c in cues], hits, country=country)
    cues = split_combined(text, cues, victims, lexicon)
    inner = [v for v in victims if v.own_outcome]  # "33 wounded people": that cue is taken
    cues = [c for c in cues if not any(v.start <= c.start and c.end <= v.end for v in inner)]
    bounds = bind_all(text, lexicon, cues, victims, (text, hits, country))
    bounds = sum_lists(bounds, text, lexicon)
    mark_breakdowns(bounds, text, lexicon)
    mark_subcounts_after(bounds, text, lexicon)
    mark_where_parts(bounds, text, lexicon)
    move_died_wounded(bounds)
    mark_own_statements(bounds, text, lexicon)
    bounds += zero_noun_figures(text, lexicon, [(b.start, b.end) for b in bounds], hits, country)
    if bounds:
        void = void_spans(text, lexicon)
        bounds = [b for b in bounds if not any(s <= b.victims.start < e for s, e in void)]
    return sorted(
        ((b.start, b.end, b.figure, b.reference, b.victims.bare, b.own) for b in bounds), key=lambda f: f[0]
    )


def named_without_number(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> Category | None:
    """The one category of the victims a sentence tells of without a number ("civilians were killed
    when the shell hit"), if it does."""
    if lexicon.cue_screen_pattern.search(text.lower()) is None:  # no word of `cue_screen`
        return None
    tokens = tokenize(text)
    cues = [c for c in find_cues(text, lexicon, tokens) if c.word.after]
    if not cues:
        return None
    hits = victim_hits(tokens, lexicon)
    counted = [
        (v.start, v.end) for v in find_victims(text, lexicon, [c.start for c in cues], hits, country=country)
    ]
    found = set()
    for cue in cues:
        before = [h for h in hits if h[1] <= cue.start]
        if not before or any(s <= before[-1][0] < e for s, e in counted):
            continue
        gap = text[before[-1][1] : cue.start].split()
        if len(gap) <= lexicon.reach.named_gap_words and all(w.lower() in lexicon.passive_gap for w in gap):
            found.add(category_before(text, cue.start, hits, country, lexicon))
    found.discard(Category.UNSPECIFIED)
    return found.pop() if len(found) == 1 and None not in found else None


def named_last(text: str, lexicon: CasualtyLexicon, *, country: str | None = None) -> Category | None:
    """The category of the last victim words of a sentence ("... 120 displaced people sheltering there")."""
    hits = victim_hits(tokenize(text), lexicon)
    category = category_before(text, len(text), hits, country, lexicon)
    return None if category is Category.UNSPECIFIED else category


def _once(
    memo: dict | None, read: Callable[..., Any], text: str, lexicon: CasualtyLexicon, country: str | None
) -> Any:
    """`read(text, lexicon, country=country)`, kept in `memo` (one article's, by reader and text) when given:
    a chronology or a page repeats sentences word for word."""
    if memo is None:
        return read(text, lexicon, country=country)
    key = (read.__name__, text)
    if key not in memo:
        memo[key] = read(text, lexicon, country=country)
    return memo[key]


def named_before(
    matches: list[FigureMatch],
    previous: str,
    lexicon: CasualtyLexicon,
    *,
    country: str | None = None,
    memo: dict | None = None,
) -> list[FigureMatch]:
    """A sentence's figures of plain people named by the sentence before: "Civilians were killed when a
    shell hit the market. Eleven people died." (civilians); "Six of them were wounded" counts the last
    people the sentence before named. `memo`: as `find_figures`'s."""
    plain = [m for m in matches if m.figure.category is Category.UNSPECIFIED and m.figure.has_number]
    if not plain:
        return matches
    last = (
        _once(memo, named_last, previous, lexicon, country)
        if any(lexicon.grammar.of_them.match(m.figure.words) for m in plain)
        else None
    )
    told: list[Category | None] = []  # read from the sentence before once, when a figure needs it
    settled = []
    for m in matches:
        if m in plain:
            category = last if lexicon.grammar.of_them.match(m.figure.words) else None
            if category is None and (m.bare or lexicon.grammar.plain_people.search(m.figure.words)):
                told = told or [_once(memo, named_without_number, previous, lexicon, country)]
                category = told[0]
            m = replace(m, figure=replace(m.figure, category=category)) if category else m
        settled.append(m)
    return settled


def find_figures(
    sentence: SpacySpan, lexicon: CasualtyLexicon, *, country: str | None = None, memo: dict | None = None
) -> list[FigureMatch]:
    """Every casualty figure in one sentence, with Doc character offsets of its words. `memo` (one
    article's, empty at first) keeps what each distinct sentence text gave, so a repeated one is read once."""
    base = sentence.start_char
    found = _once(memo, _figures_found, span_text(sentence), lexicon, country)
    return [
        FigureMatch(figure, base + start, base + end, reference, bare, own)
        for start, end, figure, reference, bare, own in found
    ]


def _figures_found(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> tuple[tuple[int, int, Figure, bool, bool, bool], ...]:
    """`figures_in_text` as a tuple, to be kept and shared."""
    return tuple(figures_in_text(text, lexicon, country=country))


def find_stance(sentence: SpacySpan, lexicon: CasualtyLexicon) -> StanceMatch | None:
    """A denial, threat or question about casualties in the sentence; None when it simply tells."""
    text = span_text(sentence)
    match = stance_in_text(text, lexicon, tells_figures=lambda: bool(figures_in_text(text, lexicon)))
    if match is None:
        return None
    base = sentence.start_char
    return replace(match, start=base + match.start, end=base + match.end)


def settle_references(facts: Sequence[Any]) -> list[Any]:
    """Sentence facts without the references ("of the four injured, two died") to a toll an earlier
    sentence gave (the same outcome and numbers); a reference to no earlier toll is a figure.

    `facts` are records.SentenceFacts in text order, with `figures` of FigureMatch.
    """
    given: dict[Outcome, set[int]] = {}
    settled = []
    for fact in facts:
        if any(m.reference for m in fact.figures):
            kept = tuple(m for m in fact.figures if not (m.reference and _given(m.figure, given)))
            fact = replace(fact, figures=kept)
        for match in fact.figures:
            given.setdefault(match.figure.outcome, set()).update(
                n for n in (match.figure.min, match.figure.max) if n is not None
            )
        settled.append(fact)
    return settled


def _given(figure: Figure, given: dict[Outcome, set[int]]) -> bool:
    numbers = {n for n in (figure.min, figure.max) if n is not None}
    return bool(numbers) and numbers <= given.get(figure.outcome, set())

"""Grading an incident in the spirit of Airwars: confirmed, fair, weak, contested or discounted.

A grade says how well an incident is sourced, with its reasons in words. What text can show:
a party claiming responsibility or confirming its own strike (cue list in data/reconcile.yaml),
competing claims of responsibility, a denial set against reported figures, figures for the same victims
differing by a large factor, and words saying the deaths were an accident or no attack. What it cannot:
whether a claim of responsibility is genuine, investigations published elsewhere, or which of two
competing accounts is true; a grade is a reading of the reports, not a finding.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from conflictdb.records import (
    Article,
    Claim,
    Grade,
    GradeLevel,
    IncidentFigures,
    Mention,
    Stance,
)
from conflictdb.resolve.reconcile import (
    CURRENT_ROLES,
    ReconcileRules,
    copy_group,
    reconcile_incident,
)


def mention_texts(mention: Mention, article: Article | None) -> list[str]:
    """The words a mention rests on: its stretch of the article and its claims' evidence."""
    if article is None:
        return []
    spans = [mention.span] if mention.span is not None else []
    spans += [c.evidence for c in mention.claims]
    return [article.text[s.start : s.end] for s in spans]


def _actor_words(actor: str, filler: frozenset[str]) -> frozenset[str]:
    """The words naming an actor, without articles and reporting verbs (`filler`), for telling actors
    apart."""
    return frozenset(w for w in re.findall(r"[\w-]+", actor.lower()) if w not in filler)


# Texts whose cues are kept: a store keeps each mention's cues (TextCues) and reads texts again only for
# mentions stored without them (before schema 12, or under other rules), whose working set is a few texts
# per such mention; a smaller cache is read cyclically and keeps none.
_TEXTS_KEPT = 1 << 18


def _windows(text: str, words: re.Pattern[str], window: tuple[int, int]) -> Iterator[str]:
    """Stretches of text around the responsibility words (`window` characters before and after each),
    overlapping ones joined."""
    before, after = window
    spans: list[list[int]] = []
    for m in words.finditer(text):
        start, end = text.rfind(" ", 0, max(0, m.start() - before)) + 1, m.end() + after
        if spans and start <= spans[-1][1]:
            spans[-1][1] = end
        else:
            spans.append([start, end])
    for start, end in spans:
        yield text[start:end]


def responsibility_claims(texts: Iterable[str], rules: ReconcileRules) -> list[tuple[str, str]]:
    """(actor, words) for every claim of responsibility found, denials, negations and claims of other
    attacks ("has claimed similar attacks in the past") left out."""
    cues, stops = rules.responsibility_cues, rules.responsibility_denials + rules.responsibility_elsewhere
    gate = (rules.responsibility_words, rules.responsibility_window, rules.not_an_actor)
    return [claim for text in texts for claim in _claims_in(text, cues, stops, gate)]


Gate = tuple[re.Pattern[str], tuple[int, int], re.Pattern[str]]  # words, window, not-an-actor words


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _claims_in(
    text: str, cues: tuple[re.Pattern[str], ...], denials: tuple[re.Pattern[str], ...], gate: Gate
) -> tuple[tuple[str, str], ...]:
    """The claims of responsibility in one text: texts recur at every refresh of a growing incident."""
    words, window_size, not_an_actor = gate
    found: list[tuple[str, str]] = []
    for window in _windows(text, words, window_size):
        denied = [m.span() for p in denials for m in p.finditer(window)]
        for pattern in cues:
            for match in pattern.finditer(window):
                inside_denial = any(s < match.end() and match.start() < e for s, e in denied)
                actor = match.groupdict().get("actor") or ""
                if inside_denial or not_an_actor.search(actor):
                    continue
                found.append((" ".join(actor.split()), match.group(0)))
    return tuple(found)


def _distinct_actors(claims: Sequence[tuple[str, str]], filler: frozenset[str]) -> list[str]:
    """The actors of the claims, one per party: "the Taliban" and "Taliban" are one."""
    actors: list[tuple[str, frozenset[str]]] = []
    for actor, _ in claims:
        words = _actor_words(actor, filler)
        if words and not any(words & seen for _, seen in actors):
            actors.append((actor, words))
    return [a for a, _ in actors]


def _found(
    patterns: tuple[re.Pattern[str], ...], texts: Iterable[str], gate: re.Pattern[str] | None = None
) -> list[str]:
    """The words every pattern matches, in text order, each once (`gate`: the patterns as one
    alternation, read first: one pass over a text none of them matches)."""
    found = [words for text in texts for words in _matches_in(text, patterns, gate)]
    return list(dict.fromkeys(found))


@functools.lru_cache(maxsize=_TEXTS_KEPT)
def _matches_in(
    text: str, patterns: tuple[re.Pattern[str], ...], gate: re.Pattern[str] | None
) -> tuple[str, ...]:
    """The words the patterns match in one text, in text order."""
    if gate is not None and gate.search(text) is None:
        return ()
    return tuple(
        words for _, words in sorted((m.start(), m.group(0)) for p in patterns for m in p.finditer(text))
    )


def independent_sources(mentions: Sequence[Mention], articles: dict[str, Article]) -> set[str]:
    """Copy groups reporting the incident with a credible voice: an article whose every claim is a party's
    claim about its enemy does not count."""
    groups: set[str] = set()
    for mention in mentions:
        claims = mention.claims
        if claims and all(c.partisan for c in claims):
            continue
        groups.add(copy_group(mention.article_id, articles.get(mention.article_id)))
    return groups


def _contest_reasons(
    mentions: Sequence[Mention],
    figures: IncidentFigures,
    actors: list[str],
    texts: list[str],
    rules: ReconcileRules,
) -> Iterator[str]:
    """Why an incident is contested, if it is."""
    if len(actors) > 1:
        yield "competing claims of responsibility: " + ", ".join(actors)
    denials = _found(rules.responsibility_denials, texts) if actors else []  # read only when it can tell
    if denials:
        yield f'responsibility claimed ({actors[0]}) and denied ("{denials[0]}")'
    reported = sum(1 for r in figures.ranges for e in r.entries if e.role in CURRENT_ROLES)
    denial = next((c for m in mentions for c in m.claims if c.stance is Stance.DENIED), None)
    if denial is not None and reported:
        yield f"a denial by {_said_by(denial)} against {reported} reported figure" + "s" * (reported > 1)
    disowning = next((c for m in mentions for c in m.claims if c.stance is Stance.DISOWNED), None)
    if disowning is not None and (actors or any(m.perpetrator for m in mentions)):
        yield f"its part denied by {_said_by(disowning)} against the report of who did it"
    for r in figures.ranges:
        points = [e.min if e.min is not None else e.max for e in r.entries if e.role in CURRENT_ROLES]
        points = [p for p in points if p is not None]
        if len(points) > 1 and max(points) > 0 and max(points) >= rules.contested_factor * min(points):
            yield (
                f"{r.outcome} {r.category}: figures from {min(points)} to {max(points)} differ by "
                f"{'far ' if min(points) == 0 else ''}more than {rules.contested_factor:g} times"
            )


def _said_by(claim: Claim) -> str:
    """Who denied, and in what words."""
    words = f' ("{claim.stance_words}")' if claim.stance_words else ""
    return f"{claim.speaker or 'the outlet'}{words}"


@dataclass(frozen=True, slots=True)
class TextCues:
    """What grading reads in one mention's texts, in text order: discounting words (each once) and claims
    of responsibility (actor, words). Kept with a stored mention, so an incident is graded again without
    reading its older mentions' texts."""

    discounting: tuple[str, ...] = ()
    claimed: tuple[tuple[str, str], ...] = ()


def text_cues(texts: Sequence[str], rules: ReconcileRules) -> TextCues:
    """The cues of one mention's texts (`mention_texts`)."""
    discounting = _found(rules.discounting_cues, texts, rules.discounting_gate)
    return TextCues(tuple(discounting), tuple(responsibility_claims(texts, rules)))


def grade_incident(
    mentions: Sequence[Mention],
    articles: Iterable[Article] = (),
    figures: IncidentFigures | None = None,
    *,
    rules: ReconcileRules,
    cues: Sequence[TextCues | None] = (),
) -> Grade:
    """An incident's grade from its mentions, their articles' texts and its reconciled figures; the first
    that holds of discounted, contested, confirmed, fair, weak. `cues`, where given (one per mention, None
    where unknown), stand for what the mention's texts hold."""
    by_id = {a.id: a for a in articles}
    figures = figures or reconcile_incident(mentions, by_id.values(), rules=rules)
    known = list(cues) + [None] * (len(mentions) - len(cues))
    found = [
        c if c is not None else text_cues(mention_texts(m, by_id.get(m.article_id)), rules)
        for m, c in zip(mentions, known, strict=True)
    ]
    sources = independent_sources(mentions, by_id)
    discounting = list(dict.fromkeys(chain.from_iterable(c.discounting for c in found)))
    if discounting:
        quoted = ", ".join(f'"{words}"' for words in discounting)
        return Grade(GradeLevel.DISCOUNTED, (f"shown to be something else: {quoted}",))
    claimed = [claim for c in found for claim in c.claimed]
    actors = _distinct_actors(claimed, rules.actor_filler)
    texts = [t for m in mentions for t in mention_texts(m, by_id.get(m.article_id))] if actors else []
    contest = list(_contest_reasons(mentions, figures, actors, texts, rules))  # texts read only with actors
    if contest:
        return Grade(GradeLevel.CONTESTED, tuple(contest))
    if actors:
        return Grade(GradeLevel.CONFIRMED, (f'responsibility accepted: "{claimed[0][1]}"',))
    if len(sources) > 1:
        return Grade(GradeLevel.FAIR, (f"{len(sources)} independent credible sources",))
    if sources:
        return Grade(GradeLevel.WEAK, ("a single source",))
    return Grade(GradeLevel.WEAK, ("only a party's claims about its enemy",))

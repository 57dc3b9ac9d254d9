"""Reconciling the claims about one incident: ACLED's `fatalities` and UCDP-style low/best/high.

ACLED codes the most conservative reported figure. Claims about the same victims conflict, claims
about different victims add up: per victim category the lowest reported number is taken, the
categories are summed, and an unspecified count ("26 people") is read as a total of all victims.
Denials, threats and questions carry no figure; a party's claims about its enemy's losses count only
when nobody else gives a figure; sub-counts ("20 of the dead were soldiers") never add; a vague word
("several", "dozens") counts as ACLED codes it, only where no number is given for those victims.

`reconcile_incident` goes further, per outcome and victim category: a later figure from the same
source supersedes its earlier one; copies of one story are one source; partisan figures stay out of
low and best unless an independent source agrees; best is the upper median of the independent
credible sources' current figures. The README section "Reconciling figures and grading incidents"
tells the rules with examples.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.records import (
    Article,
    Category,
    Claim,
    ClaimRef,
    Figure,
    FigureEntry,
    FigureRange,
    FigureRole,
    IncidentFigures,
    Mention,
    Outcome,
    Stance,
)

CURRENT_ROLES = frozenset(
    {FigureRole.COUNTED, FigureRole.CORROBORATED, FigureRole.PARTISAN, FigureRole.UNCREDIBLE}
)
COUNTED_ROLES = frozenset({FigureRole.COUNTED, FigureRole.CORROBORATED})
# Claims whose figures are told as fact: a party denying its own part ("denied any involvement") does
# not deny the deaths.
TOLD_STANCES = frozenset({Stance.ASSERTED, Stance.DISOWNED})
# Claims that contest an incident: a denial of the deaths, or a party's denial of its part in them.
CONTESTING_STANCES = frozenset({Stance.DENIED, Stance.DISOWNED})


@dataclass(frozen=True, slots=True)
class ReconcileRules:
    """data/reconcile.yaml: vague-word numbers, credibility lists, thresholds and grading cues."""

    vague_numbers: Mapping[str, int]
    uncredible_speakers: tuple[str, ...]
    corroboration_factor: float
    contested_factor: float
    responsibility_cues: tuple[re.Pattern[str], ...]
    responsibility_denials: tuple[re.Pattern[str], ...]
    responsibility_elsewhere: tuple[re.Pattern[str], ...]  # claims of other attacks: no confirmation
    discounting_cues: tuple[re.Pattern[str], ...]
    discounting_gate: re.Pattern[
        str
    ]  # the discounting cues as one alternation: a text none matches is passed
    part_of_toll: re.Pattern[str]  # victims named as some of the dead: kin of someone, "among the dead"
    leading_article: re.Pattern[str]  # an article opening a speaker's or outlet's name
    responsibility_words: re.Pattern[str]  # a word every responsibility cue holds: where cues are looked for
    responsibility_window: tuple[int, int]  # characters searched before and after such a word
    not_an_actor: re.Pattern[str]  # a cue's actor holding one of these names nobody
    actor_filler: frozenset[str]  # words left out when claimed actors are compared
    cues_key: str = ""  # digest of the entries grading reads texts with: stored cues of another are stale


# the entries of data/reconcile.yaml that what grading finds in a text depends on (grade.text_cues)
_TEXT_CUE_ENTRIES = (
    *("discounting_cues", "responsibility_cues", "responsibility_denials", "responsibility_elsewhere"),
    *("responsibility_words", "responsibility_window", "not_an_actor"),
)


def _digest(entries: Mapping[str, object]) -> str:
    """A short digest of data-file entries."""
    return hashlib.sha256(json.dumps(entries, sort_keys=True, default=str).encode()).hexdigest()[:16]


def load_reconcile_rules(data_dir: Path = DATA_DIR) -> ReconcileRules:
    """Read data/reconcile.yaml."""
    raw = load_yaml("reconcile.yaml", data_dir=data_dir)

    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw[key])

    return ReconcileRules(
        vague_numbers=MappingProxyType({str(k): int(v) for k, v in raw["vague_numbers"].items()}),
        uncredible_speakers=tuple(w.lower() for w in raw["uncredible_speakers"]),
        corroboration_factor=float(raw["corroboration_factor"]),
        contested_factor=float(raw["contested_factor"]),
        responsibility_cues=patterns("responsibility_cues"),
        responsibility_denials=patterns("responsibility_denials"),
        responsibility_elsewhere=patterns("responsibility_elsewhere"),
        discounting_cues=patterns("discounting_cues"),
        discounting_gate=re.compile("|".join(f"(?:{p})" for p in raw["discounting_cues"]), re.IGNORECASE),
        part_of_toll=re.compile("|".join(f"(?:{p})" for p in raw["part_of_toll"]), re.IGNORECASE),
        leading_article=re.compile(rf"^(?:{'|'.join(map(re.escape, raw['leading_articles']))})\s+"),
        responsibility_words=re.compile("|".join(map(re.escape, raw["responsibility_words"])), re.IGNORECASE),
        responsibility_window=(
            int(raw["responsibility_window"]["before"]),
            int(raw["responsibility_window"]["after"]),
        ),
        not_an_actor=re.compile(rf"\b(?:{'|'.join(map(re.escape, raw['not_an_actor']))})\b", re.IGNORECASE),
        actor_filler=frozenset(raw["actor_filler"]),
        cues_key=_digest({key: raw[key] for key in _TEXT_CUE_ENTRIES}),
    )


# --- ACLED fatalities ----------------------------------------------------------------------------------


def killed_by_category(claim: Claim) -> dict[Category, int]:
    """A claim's killed figures per category (lower bounds, "up to N" as N), sub-counts left out."""
    totals: dict[Category, int] = {}
    for figure in claim.figures:
        if figure.outcome is not Outcome.KILLED or not figure.has_number or figure.part_of_total:
            continue
        value = figure.min if figure.min is not None else figure.max
        totals[figure.category] = totals.get(figure.category, 0) + (value or 0)
    return totals


LISTED = "listed"  # unnamed victims listed with named ones: "two women and a man were killed"


def _listed_with_named(figure: Figure, claim: Claim) -> bool:
    """An unnamed victims' count that one list of the same sentence holds with named victims: its words
    open or close a named figure's words ("killing a man" in "killing a man and his daughter")."""
    words = figure.words
    return bool(words) and any(
        other.category is not Category.UNSPECIFIED
        and other.outcome is figure.outcome
        and other.has_number
        and len(other.words) > len(words)
        and (other.words.startswith(words) or other.words.endswith(words))
        for other in claim.figures
    )


def _killed_totals(claim: Claim) -> dict[Category | str, int]:
    """`killed_by_category`, with unnamed victims listed with named ones counted apart (under LISTED):
    they add to the named ones, where an unnamed count alone is read as the total of all victims."""
    totals: dict[Category | str, int] = dict(killed_by_category(claim))
    listed = sum(
        (f.min if f.min is not None else f.max) or 0
        for f in claim.figures
        if f.category is Category.UNSPECIFIED
        and f.outcome is Outcome.KILLED
        and f.has_number
        and not f.part_of_total
        and _listed_with_named(f, claim)
    )
    if listed:
        rest = totals.pop(Category.UNSPECIFIED, 0) - listed
        if rest > 0:
            totals[Category.UNSPECIFIED] = rest
        totals[LISTED] = listed
    return totals


def vague_killed_by_category(claim: Claim, vague_numbers: Mapping[str, int]) -> dict[Category, int]:
    """A claim's killed figures given only in words ("several soldiers"), as ACLED codes them."""
    totals: dict[Category, int] = {}
    for figure in claim.figures:
        value = vague_numbers.get(figure.vague or "")
        if figure.outcome is Outcome.KILLED and not figure.has_number and value and not figure.part_of_total:
            totals[figure.category] = max(value, totals.get(figure.category, 0))
    return totals


def _point(figure: Figure) -> int:
    return (figure.min if figure.min is not None else figure.max) or 0


def _claim_total(claim: Claim, outcome: Outcome, part_of_toll: re.Pattern[str] | None = None) -> int:
    """A claim's numbered toll of one outcome: its categories summed, or its unspecified count if larger;
    sub-counts left out, and with `part_of_toll` the figures whose words name a part of a toll too."""
    specific = unspecified = 0
    for figure in claim.figures:
        if figure.outcome is not outcome or not figure.has_number or figure.part_of_total:
            continue
        if part_of_toll is not None and part_of_toll.search(figure.words):
            continue
        if figure.category is Category.UNSPECIFIED:
            unspecified += _point(figure)
        else:
            specific += _point(figure)
    return max(specific, unspecified)


def parts_of_tolls(claims: Sequence[Claim], part_of_toll: re.Pattern[str]) -> list[Claim]:
    """The claims with every figure that names its victims as some of the dead ("his two brothers",
    "four of her relatives", "among the dead") marked as a sub-count when another asserted claim gives a
    toll of the same outcome at least as large: such a figure is part of that toll, not a competing
    one, and never lowers it. Alone, or above every other toll, it counts as any figure."""
    if len(claims) < 2 or not any(part_of_toll.search(f.words) for c in claims for f in c.figures):
        return list(claims)
    tolls = [
        {o: _claim_total(c, o, part_of_toll) for o in Outcome} if c.stance in TOLD_STANCES else {}
        for c in claims
    ]
    marked = []
    for n, claim in enumerate(claims):
        figures = tuple(
            replace(f, part_of_total=True)
            if f.has_number
            and not f.part_of_total
            and part_of_toll.search(f.words)
            and any(m != n and toll.get(f.outcome, 0) >= _point(f) > 0 for m, toll in enumerate(tolls))
            else f
            for f in claim.figures
        )
        marked.append(claim if figures == claim.figures else replace(claim, figures=figures))
    return marked


def _whole(totals: Mapping[Category | str, int]) -> int:
    """All victims of one claim's killed totals: the named kinds summed, or the unnamed count if larger."""
    return max(
        sum(v for c, v in totals.items() if c is not Category.UNSPECIFIED),
        totals.get(Category.UNSPECIFIED, 0),
    )


def fatalities(claims: Iterable[Claim], *, rules: ReconcileRules) -> int | None:
    """ACLED's fatalities for one incident, from what its claims report: per victim category the lowest
    figure, the categories summed, never below the lowest toll that every counted claim gives."""
    vague, parts = rules.vague_numbers, rules.part_of_toll
    asserted = parts_of_tolls([c for c in claims if c.stance in TOLD_STANCES], parts)
    told = [c for c in asserted if killed_by_category(c) or vague_killed_by_category(c, vague)]
    counted = [c for c in told if not c.partisan] or asserted
    lowest: dict[Category | str, int] = {}
    lowest_vague: dict[Category, int] = {}
    for claim in counted:
        for category, value in _killed_totals(claim).items():
            lowest[category] = min(value, lowest.get(category, value))
        for category, value in vague_killed_by_category(claim, vague).items():
            lowest_vague[category] = min(value, lowest_vague.get(category, value))
    for category, value in lowest_vague.items():
        lowest.setdefault(category, value)  # a word counts only where no number is given
    if not lowest:
        return None
    specific = sum(v for c, v in lowest.items() if c is not Category.UNSPECIFIED)
    # "15 civilians and 5 soldiers" against "10 civilians and 10 soldiers": both say 20
    agreed = min((_whole(_killed_totals(c)) for c in counted if killed_by_category(c)), default=0)
    return max(specific, lowest.get(Category.UNSPECIFIED, 0), agreed)


# --- low / best / high ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Reported:
    """One claim's figure for one outcome and category (several figures of the claim summed)."""

    ref: ClaimRef
    order: tuple[dt.date, str, int, int]
    voice: str  # who says it: sameness of source for superseding and independence
    claim: Claim
    low: int | None
    high: int | None
    vague: str | None
    part_of_total: bool
    published: dt.date | None

    @property
    def point(self) -> int | None:
        return self.low if self.low is not None else self.high

    @property
    def top(self) -> int | None:
        return self.high if self.high is not None else self.low


def _words(text: str, leading_article: re.Pattern[str]) -> str:
    """Lower-case words without a leading article, for comparing speakers and outlets."""
    return leading_article.sub("", " ".join(text.lower().split()))


def copy_group(article_id: str, article: Article | None) -> str:
    """Copies of one wire story share `source_group`; otherwise every article stands alone."""
    group = article.source_group if article else None
    return f"group {group}" if group else f"article {article_id}"


def voice(claim: Claim, article_id: str, article: Article | None, leading_article: re.Pattern[str]) -> str:
    """The source of a claim: its speaker, else the relaying outlet, else the story (copy group), else
    the outlet."""
    if claim.speaker:
        return f"speaker {_words(claim.speaker, leading_article)}"
    if claim.relay:
        return f"outlet {_words(claim.relay, leading_article)}"
    if article is None or article.source_group or not article.outlet:
        return copy_group(article_id, article)
    return f"outlet {_words(article.outlet, leading_article)}"


def _sum(values: Iterable[int | None]) -> int | None:
    values = list(values)
    return None if any(v is None for v in values) else sum(v for v in values if v is not None)


def _claim_figures(
    claim: Claim, vague_numbers: Mapping[str, int]
) -> Iterator[tuple[Outcome, Category, bool, int | None, int | None, str | None]]:
    """(outcome, category, part_of_total, low, high, vague word) per group of a claim's figures, several
    figures of one group summed; a word stands for its number only when the group has no number."""
    groups: dict[tuple[Outcome, Category, bool], list[Figure]] = {}
    for figure in claim.figures:
        if figure.has_number or figure.vague in vague_numbers:
            groups.setdefault((figure.outcome, figure.category, figure.part_of_total), []).append(figure)
    for (outcome, category, part), figures in groups.items():
        numbered = [f for f in figures if f.has_number]
        if numbered:
            low = _sum(f.min if f.min is not None else f.max for f in numbered)
            high = _sum(f.max if f.max is not None else f.min for f in numbered)
            yield outcome, category, part, low, high, None
        else:
            words = figures[0].vague or ""
            yield outcome, category, part, vague_numbers[words], vague_numbers[words], words


def _reported(
    mentions: Sequence[Mention], articles: Mapping[str, Article], rules: ReconcileRules
) -> dict[tuple[Outcome, Category], list[_Reported]]:
    """Every asserted claim's figures per outcome and category, in publication order."""
    found: dict[tuple[Outcome, Category], list[_Reported]] = {}
    for mention in mentions:
        article = articles.get(mention.article_id)
        published = article.published if article else None
        for index, claim in enumerate(mention.claims):
            if claim.stance not in TOLD_STANCES:
                continue
            ref = ClaimRef(mention.article_id, mention.index, index, claim.evidence)
            order = (published or dt.date.min, mention.article_id, mention.index, index)
            source = voice(claim, mention.article_id, article, rules.leading_article)
            for outcome, category, part, low, high, words in _claim_figures(claim, rules.vague_numbers):
                item = _Reported(ref, order, source, claim, low, high, words, part, published)
                found.setdefault((outcome, category), []).append(item)
    for items in found.values():
        items.sort(key=lambda r: r.order)
    return found


def _entry(item: _Reported, role: FigureRole) -> FigureEntry:
    low, high = (None, None) if item.vague else (item.low, item.high)
    return FigureEntry(item.ref, item.voice, low, high, role, vague=item.vague, published=item.published)


def _agrees(a: int | None, b: int | None, factor: float) -> bool:
    """Two figures within `factor` of each other (both ways)."""
    if a is None or b is None:
        return False
    return a == b or (min(a, b) > 0 and max(a, b) / min(a, b) <= factor)


def _roles(items: list[_Reported], rules: ReconcileRules) -> list[tuple[_Reported, FigureRole]]:
    """Each reported figure's role: sub-count, vague, superseded, repeated, or one of the current roles."""
    numbered = any(not i.vague and not i.part_of_total for i in items)
    roles: dict[int, FigureRole] = {}
    latest: dict[str, _Reported] = {}
    for n, item in enumerate(items):
        if item.part_of_total:
            roles[n] = FigureRole.SUB_COUNT
        elif item.vague and numbered:
            roles[n] = FigureRole.VAGUE
        else:
            latest[item.voice] = item  # items are in order: the last one wins
    current = {id(i) for i in latest.values()}
    credible = [i for i in latest.values() if not i.claim.partisan and not _uncredible(i.claim, rules)]
    for n, item in enumerate(items):
        if n in roles:
            continue
        if id(item) not in current:
            last = latest[item.voice]
            same = (item.low, item.high) == (last.low, last.high)
            roles[n] = FigureRole.REPEATED if same else FigureRole.SUPERSEDED
        elif item.claim.partisan:
            agreeing = any(
                c.voice != item.voice and _agrees(c.point, item.point, rules.corroboration_factor)
                for c in credible
            )
            roles[n] = FigureRole.CORROBORATED if agreeing else FigureRole.PARTISAN
        elif _uncredible(item.claim, rules):
            roles[n] = FigureRole.UNCREDIBLE
        else:
            roles[n] = FigureRole.COUNTED
    return [(item, roles[n]) for n, item in enumerate(items)]


def _uncredible(claim: Claim, rules: ReconcileRules) -> bool:
    speaker = (claim.speaker or "").lower()
    return any(word in speaker for word in rules.uncredible_speakers)


def upper_median(values: Sequence[int]) -> int:
    """The middle value, the larger of the two middle ones for an even count: always a reported figure,
    and tolls are revised upwards as the dead are found."""
    return sorted(values)[len(values) // 2]


def figure_range(
    outcome: Outcome, category: Category, items: list[_Reported], rules: ReconcileRules
) -> FigureRange:
    """low/best/high of one outcome and victim category from its reported figures."""
    roled = _roles(items, rules)
    counted = [i.point for i, role in roled if role in COUNTED_ROLES and i.point is not None]
    tops = [i.top for i, role in roled if role in CURRENT_ROLES and i.top is not None]
    return FigureRange(
        outcome,
        category,
        low=min(counted) if counted else None,
        best=upper_median(counted) if counted else None,
        high=max(tops) if tops else None,
        entries=tuple(_entry(i, role) for i, role in roled),
    )


def total_range(outcome: Outcome, ranges: Sequence[FigureRange]) -> FigureRange | None:
    """All victims of one outcome: the specific categories summed, or the unspecified count if larger."""
    mine = [r for r in ranges if r.outcome is outcome]
    if not mine:
        return None

    def total(value_of: str) -> int | None:
        specific = [getattr(r, value_of) for r in mine if r.category is not Category.UNSPECIFIED]
        known = [v for v in specific if v is not None]
        unspecified = next((getattr(r, value_of) for r in mine if r.category is Category.UNSPECIFIED), None)
        if not known and unspecified is None:
            return None
        return max(sum(known), unspecified or 0)

    return FigureRange(outcome, None, low=total("low"), best=total("best"), high=total("high"))


def _current_claims(mentions: Sequence[Mention], ranges: Sequence[FigureRange]) -> list[Claim]:
    """Every claim with the figures a later one from the same source replaced taken out."""
    replaced = {
        (e.ref.article_id, e.ref.mention, e.ref.claim, r.outcome, r.category)
        for r in ranges
        for e in r.entries
        if e.role in (FigureRole.SUPERSEDED, FigureRole.REPEATED)
    }
    claims = []
    for m in mentions:
        for n, claim in enumerate(m.claims):
            kept = tuple(
                f
                for f in claim.figures
                if f.part_of_total or (m.article_id, m.index, n, f.outcome, f.category) not in replaced
            )
            claims.append(claim if len(kept) == len(claim.figures) else replace(claim, figures=kept))
    return claims


def _with_parts_of_tolls(mentions: Sequence[Mention], part_of_toll: re.Pattern[str]) -> list[Mention]:
    """The mentions with the parts of tolls of the whole incident marked (`parts_of_tolls`)."""
    claims = [c for m in mentions for c in m.claims]
    marked = iter(parts_of_tolls(claims, part_of_toll))
    out = []
    for mention in mentions:
        mine = tuple(next(marked) for _ in mention.claims)
        out.append(mention if mine == mention.claims else replace(mention, claims=mine))
    return out


def reconcile_incident(
    mentions: Sequence[Mention], articles: Iterable[Article] = (), *, rules: ReconcileRules
) -> IncidentFigures:
    """An incident's figures from every mention's claims; `articles` give publication order, outlets and
    copy groups (without them each article is its own source, in id order)."""
    by_id = {a.id: a for a in articles}
    mentions = _with_parts_of_tolls(mentions, rules.part_of_toll)
    reported = _reported(mentions, by_id, rules)
    ranges = tuple(
        figure_range(outcome, category, reported[(outcome, category)], rules)
        for outcome in Outcome
        for category in Category
        if (outcome, category) in reported
    )
    totals = tuple(t for t in (total_range(o, ranges) for o in Outcome) if t is not None)
    current = _current_claims(mentions, ranges)
    deaths = fatalities(current, rules=rules)
    contesting = tuple(
        ClaimRef(m.article_id, m.index, n, c.evidence)
        for m in mentions
        for n, c in enumerate(m.claims)
        if c.stance in CONTESTING_STANCES
    )
    return IncidentFigures(ranges=ranges, totals=totals, fatalities=deaths, contesting=contesting)

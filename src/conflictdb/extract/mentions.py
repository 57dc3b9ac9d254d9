"""Build Mention records from incident frames: the claims of their sentences (a party's claims flagged, a
toll told twice kept once), whether a frame tells an incident or context, and the record itself."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictdb import folded
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.actor_names import ActorCoding
from conflictdb.extract.casualties.phrases import alternation
from conflictdb.extract.incidents import (
    INCIDENTS_FILE,
    SegmentLexicon,
    sentence_date,
    tells_older_event,
)
from conflictdb.records import (
    ACTOR_COLUMNS,
    Article,
    Category,
    Claim,
    DateValue,
    Figure,
    Frame,
    Mention,
    Place,
    SentenceFacts,
    Span,
    Stance,
    replace,
)


@dataclass(frozen=True, slots=True)
class PartyLexicon:
    """Which speakers are parties to the fighting, and whose losses are their enemy's."""

    sides: dict[str, re.Pattern[str]]
    enemy_categories: dict[str, frozenset[str]]
    source_filler: frozenset[str]  # name words that tell no source from another ("the", "said", "told")
    source_min_letters: int  # shorter name words tell no source either ("Mr")
    plain_victims: re.Pattern[str]  # words that say the victims were anyone: a repeat keeps them unnamed


def load_party_lexicon(
    data_dir: Path = DATA_DIR, *, speech_verbs: Iterable[str], raw: Mapping[str, Any] | None = None
) -> PartyLexicon:
    """Compile the party-speaker lists of data/incidents.yaml: its content as read (`raw`: `resources`
    reads the file once for this and the segmentation cues), else read from `data_dir`; `speech_verbs`
    (SpeechLexicon.speaker_verbs) are no words of a source's name either."""
    raw = raw if raw is not None else load_yaml(INCIDENTS_FILE, data_dir=data_dir)
    sides = {
        side: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
        for side, words in raw["party_speakers"].items()
    }
    enemies = {side: frozenset(cats) for side, cats in raw["enemy_categories"].items()}
    filler = frozenset(raw["source_filler_words"]) | frozenset(speech_verbs)
    plain = raw["plain_victim_words"]
    return PartyLexicon(
        sides=sides,
        enemy_categories=enemies,
        source_filler=filler,
        source_min_letters=int(raw["source_min_letters"]),
        plain_victims=re.compile(rf"\b(?:{alternation(plain)})\b", re.IGNORECASE),
    )


def speaker_side(speaker: str | None, role: str | None, parties: PartyLexicon) -> str | None:
    """The side ("militant", "state") a speaker speaks for, if any."""
    words = " ".join(w for w in (speaker, role) if w)
    if not words:
        return None
    for side, pattern in parties.sides.items():
        if pattern.search(words):
            return side
    return None


def is_partisan(figures: Iterable[Figure], side: str | None, parties: PartyLexicon) -> bool:
    """A party's claim about its enemy's losses."""
    if side is None:
        return False
    enemies = parties.enemy_categories.get(side, frozenset())
    return any(f.category.value in enemies for f in figures if f.has_number)


def _single(figure: Figure) -> bool:
    """One victim: in one sentence, "shot a man and beheaded another" tells of two."""
    return figure.min == figure.max == 1


def build_claim(
    article: Article,
    facts: SentenceFacts,
    parties: PartyLexicon,
    *,
    seen: set[tuple],
    bare: bool = False,
) -> Claim | None:
    """One claim from one sentence, dropping figures its speaker already gave in this article, and
    counts of unnamed victims whose numbers the speaker's voice gave before ("nine farmers" then "nine
    people").

    A sentence with no figure makes a claim when it is attributed, or when `bare` (the report of an
    event that nobody gives figures for)."""
    attribution = facts.attribution
    speaker = getattr(attribution, "speaker", None)
    role = getattr(attribution, "speaker_role", None)
    voice = (source_words(speaker, None, parties) or speaker) if speaker else None  # "The police", "police"
    figures = []
    before = set(seen)  # what earlier sentences told: "a man and another man" in one sentence are two
    for match in facts.figures:
        figure = match.figure
        if match.own and speaker is not None:  # "Nine of the dead were policemen, an officer said"
            figure = replace(figure, part_of_total=False)
        key = (speaker, figure.outcome, figure.category, figure.min, figure.max, figure.vague)
        numbers = (voice, figure.outcome, figure.min, figure.max) if figure.min is not None else None
        unnamed = figure.category is Category.UNSPECIFIED
        told = key in seen or (unnamed and numbers in seen)
        if key in before or (unnamed and numbers in before) or (told and not _single(figure)):
            continue  # the same toll again, or again in words that no longer say who the victims were
        seen.add(key)
        if numbers is not None and not figure.part_of_total:
            seen.add(numbers)
        figures.append(figure)
    stance = Stance.ASSERTED
    stance_words = None
    if facts.stance is not None:
        stance = facts.stance.stance
        stance_words = facts.stance.words
    if not figures and stance is Stance.ASSERTED:
        if facts.figures:  # every figure repeated what the speaker said before
            return None
        if attribution is None and not bare:
            return None
    text = article.clean_text[facts.start : facts.end].rstrip()
    start = facts.start + (len(text) - len(text.lstrip()))
    end = facts.start + len(text)
    span = article.original_span(start, end) if end > start else Span(0, 0)
    side = speaker_side(speaker, role, parties)
    return Claim(
        evidence=span,
        figures=tuple(figures),
        speaker=speaker,
        speaker_role=role,
        relay=getattr(attribution, "relay", None),
        stance=stance,
        stance_words=stance_words,
        partisan=is_partisan(figures, side, parties),
    )


def drop_unnamed_twins(claims: list[Claim]) -> list[Claim]:
    """Claims without a count of unnamed victims that their speaker gives again as named ones ("five
    people died" then "the five were villagers"): one toll, told once with who the victims were. One
    unnamed victim beside one named victim in the same sentence ("a man and his daughter") is another."""
    named = {
        (_numbers(c, f), id(c))
        for c in claims
        for f in c.figures
        if f.category is not Category.UNSPECIFIED and f.min is not None and not f.part_of_total
    }
    numbers = {n for n, _ in named}

    def twin(c: Claim, f: Figure) -> bool:  # one victim beside a named one in one sentence is another
        if f.category is not Category.UNSPECIFIED or _numbers(c, f) not in numbers:
            return False
        return not _single(f) or any(n == _numbers(c, f) and owner != id(c) for n, owner in named)

    return [_without(c, [f for f in c.figures if twin(c, f)]) for c in claims]


def name_repeated_tolls(claims: list[Claim], parties: PartyLexicon) -> list[Claim]:
    """Counts of unnamed victims in one incident that repeat, from another source, the numbers an
    earlier claim gave with who the victims were ("nine soldiers died", then "we lost nine men, the
    statement said"): the same toll, so the same victims. Words that say the victims were anyone
    ("nine people") stay unnamed: the text says nothing of who they were."""
    named: dict[tuple, Category | None] = {}
    kept = []
    for claim in claims:
        renamed = tuple(
            f if parties.plain_victims.search(f.words) else _named_as_before(claim, f, named)
            for f in claim.figures
        )
        for figure in claim.figures:
            if (
                figure.category is not Category.UNSPECIFIED
                and figure.min is not None
                and not figure.part_of_total
            ):
                toll = _repeat_key(figure)
                earlier = named.get(toll, figure.category)
                named[toll] = figure.category if earlier is figure.category else None  # two categories: none
                named[(claim.speaker, *toll)] = figure.category
        kept.append(replace(claim, figures=renamed) if renamed != claim.figures else claim)
    return kept


def _repeat_key(figure: Figure) -> tuple:
    return (figure.outcome, figure.min, figure.max)


def _named_as_before(claim: Claim, figure: Figure, named: dict[tuple, Category | None]) -> Figure:
    """The figure with the category an earlier other source gave the same numbers, if only one did."""
    if figure.category is not Category.UNSPECIFIED or figure.min is None or figure.part_of_total:
        return figure
    if (claim.speaker, *_repeat_key(figure)) in named:
        return figure  # the same source again: left as it told it
    category = named.get(_repeat_key(figure))
    return replace(figure, category=category) if category is not None else figure


def source_words(speaker: str | None, role: str | None, parties: PartyLexicon) -> frozenset[str]:
    """The words that name a speaker and its role, fillers left out: what tells one source from another."""
    words = re.findall(r"[a-z0-9]+", " ".join(w for w in (speaker, role) if w).lower())
    shortest = parties.source_min_letters
    return frozenset(w for w in words if len(w) >= shortest and w not in parties.source_filler)


def one_toll_per_source(claims: list[Claim], parties: PartyLexicon) -> list[Claim]:
    """Claims without a toll that the same source gives under a fuller name in another claim ("police"
    and "Kenyan police"): one source, one figure, kept where the source is named best."""
    voices = [source_words(c.speaker, c.speaker_role, parties) for c in claims]
    fullest: dict[tuple, list[frozenset[str]]] = {}
    for claim, voice in zip(claims, voices, strict=True):
        for figure in claim.figures:
            if figure.has_number and voice:
                fullest.setdefault(_toll(figure), []).append(voice)
    return [
        _without(c, [f for f in c.figures if any(voice < other for other in fullest.get(_toll(f), ()))])
        if voice
        else c
        for c, voice in zip(claims, voices, strict=True)
    ]


def _toll(figure: Figure) -> tuple:
    return (figure.outcome, figure.category, figure.min, figure.max)


def _numbers(claim: Claim, figure: Figure) -> tuple:
    """A speaker's numbers of dead or hurt, whoever the victims were."""
    return (claim.speaker, figure.outcome, figure.min, figure.max)


def _without(claim: Claim, dropped: list[Figure]) -> Claim:
    """The claim without the `dropped` figures."""
    return replace(claim, figures=tuple(f for f in claim.figures if f not in dropped)) if dropped else claim


def promote_orphan_subcounts(claims: list[Claim]) -> list[Claim]:
    """A sub-count with no total to be part of ("Three children were among the dead", and nothing
    else) is the only figure there is: count it."""
    totals = {f.outcome for c in claims for f in c.figures if not f.part_of_total}  # "dozens", too
    promoted = []
    for claim in claims:
        orphans = [f for f in claim.figures if f.part_of_total and f.has_number and f.outcome not in totals]
        if orphans:
            figures = tuple(replace(f, part_of_total=False) if f in orphans else f for f in claim.figures)
            claim = replace(claim, figures=figures)
        promoted.append(claim)
    return promoted


def frame_is_incident(
    frame: Frame,
    *,
    strong_kinds: Callable[[SentenceFacts], bool],
    lexicon: SegmentLexicon,
    secondary: bool = False,
) -> bool:
    """A frame tells an incident when it has figures or a concrete event (a strong cue); after another
    incident of the article, a concrete event of its own: in a sentence that names its day or place, and
    is neither a habit ("they often clash") nor only a reference back ("condemned the attack")."""
    if frame.has_figures:
        return True
    return any(
        strong_kinds(s) and not s.is_title and (not secondary or tells_own_event(s, lexicon))
        for s in frame.sentences
    )


def tells_own_event(facts: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """Does a sentence without figures tell an event of its own?"""
    if not (facts.places or sentence_date(facts, speaking=lexicon.speaking)) or is_habit(facts, lexicon):
        return False
    events = [c for c in facts.cues if getattr(c, "layer", "event") == "event"]
    return not all(folded.found(lexicon.definite, facts.text[: c.start - facts.start]) for c in events)


def is_habit(facts: SentenceFacts, lexicon: SegmentLexicon) -> bool:
    """ "Where they often clash", "have a strong presence": what happens, not what happened."""
    return lexicon.habitual.found(facts.text)


def told_as_context(
    frame: Frame,
    *,
    strong_kinds: Callable[[SentenceFacts], bool],
    lexicon: SegmentLexicon,
    published: dt.date | None,
) -> bool:
    """A background frame, or one without figures whose every concrete sentence, dated to no day of its
    own, tells an older event ("fighting the insurgents in 2019") or a habit: context, not news."""
    if frame.background:
        return True
    if frame.has_figures:
        return False
    told = [s for s in frame.sentences if strong_kinds(s) and not s.is_title]
    return bool(told) and all(
        not sentence_date(s, speaking=lexicon.speaking)
        and (tells_older_event(s.text, published, lexicon) or is_habit(s, lexicon))
        for s in told
    )


def build_mention(
    article: Article,
    frame: Frame,
    *,
    index: int,
    claims: tuple[Claim, ...],
    event: tuple[str, str],
    date: DateValue,
    place: Place | None,
    actors: tuple[str | None, str | None],
    coding: ActorCoding | None = None,
    background: bool | None = None,
    type_guessed: bool = False,
) -> Mention:
    """Assemble one Mention record (background: told as context; the frame's flag by default); `coding`
    holds its actors under ACLED's names."""
    start = min(s.start for s in frame.sentences)
    end = max(s.end for s in frame.sentences)
    return Mention(
        article_id=article.id,
        event_type=event[0],
        sub_event_type=event[1],
        date=date,
        place=place,
        claims=claims,
        perpetrator=actors[0],
        target=actors[1],
        span=article.original_span(start, end),
        background=frame.background if background is None else background,
        index=index,
        type_guessed=type_guessed,
        **({name: getattr(coding, name) for name in ACTOR_COLUMNS} if coding else {}),
    )


def with_incident(mention: Mention, incident_id: str) -> Mention:
    return replace(mention, incident_id=incident_id)

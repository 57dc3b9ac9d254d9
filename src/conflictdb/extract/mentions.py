"""Build Mention records from incident frames: claims, event type, date, place, actors."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from conflictdb import folded
from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.actor_names import ActorCoding
from conflictdb.extract.casualty_lexicon import alternation
from conflictdb.extract.dates import (
    DATELINE_KIND,
    DateLexicon,
    DateMatch,
    news_distance_rank,
    resolve_date,
)
from conflictdb.extract.incidents import (
    SegmentLexicon,
    is_report_date,
    sentence_date,
    tells_older_event,
)
from conflictdb.records import (
    ACTOR_COLUMNS,
    Article,
    Category,
    Claim,
    DatePrecision,
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
    source_filler: frozenset[str]  # name words that tell no source from another ("the", "said")
    source_min_letters: int  # shorter name words tell no source either ("Mr")
    plain_victims: re.Pattern[str]  # words that say the victims were anyone: a repeat keeps them unnamed


def load_party_lexicon(data_dir: Path = DATA_DIR) -> PartyLexicon:
    """Compile the party-speaker lists of data/incidents.yaml."""
    raw = load_yaml("incidents.yaml", data_dir=data_dir)
    sides = {
        side: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.I)
        for side, words in raw["party_speakers"].items()
    }
    enemies = {side: frozenset(cats) for side, cats in raw["enemy_categories"].items()}
    filler = frozenset(raw["source_filler_words"])
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
    if not (facts.places or sentence_date(facts, told=True)) or is_habit(facts, lexicon):
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
        not sentence_date(s, told=True)
        and (tells_older_event(s.text, published, lexicon) or is_habit(s, lexicon))
        for s in told
    )


def choose_date(
    frame: Frame,
    published: dt.date | None,
    *,
    lexicon: DateLexicon,
    base: DateValue | None = None,
    offset_days: int = 0,
    told_before: DateValue | None = None,
    anchor: dt.date | None = None,
) -> DateValue:
    """The incident date: dates tied to the event ("Thursday's strike", "took place on") first, then
    event sentences; report dates ("said on Thursday"), datelines and periods ("since 1 January") later;
    captions, page dates and days far from publication last, after the publication day itself; a frame
    with no date of its own ("the same day, a bomb ...") takes `told_before`, its preceding incident's.
    A day told from another ("The previous day, ...", "Two days later, ...") in the frame's opening
    sentence counts from `anchor`, the day of the incident told before it."""
    if base is not None and base.value is not None and offset_days:
        return DateValue(base.value + dt.timedelta(days=offset_days), base.precision, base.text)
    ranked: list[tuple[int, int, int, DateValue]] = []
    opening = next((s for s in frame.sentences if not s.is_title), None)
    for order, facts in enumerate(frame.sentences):
        for match, value in sentence_dates(facts):
            if value is not None and value.value is None and match.kind == "anaphoric" and facts is opening:
                value = anaphoric_value(facts, match, anchor, lexicon)
            if value is None or (value.value is None and match.kind == "anaphoric"):
                continue  # "a day after": dated only against the incident it points to
            rank = date_rank(facts, match, value, lexicon) + news_distance_rank(
                match, value, published, lexicon
            )
            ranked.append((rank, order, event_word_distance(facts, match), value))
    ranked.sort(key=lambda r: (r[0], r[1], r[2], r[3].value is None))
    resolved = [r for r in ranked if r[3].value is not None]
    best = resolved[0] if resolved and resolved[0][0] <= ranked[0][0] else next(iter(ranked), None)
    no_day = best is None or best[0] >= lexicon.publication_rank
    vague = no_day or best[3].value is None or best[3].precision is not DatePrecision.DAY
    if vague and told_before is not None and told_before.value is not None:
        return told_before
    if published is not None and no_day:
        return DateValue(published, DatePrecision.DAY, None)
    return best[3] if best else DateValue(None, None, None)


def anaphoric_value(
    facts: SentenceFacts, match: DateMatch, anchor: dt.date | None, lexicon: DateLexicon
) -> DateValue:
    """A day told from the day of the incident before, as the sentence's opening words ("The previous day,
    ...", "Hours later, ..."), counted from `anchor`; unresolved without one or elsewhere in the sentence
    ("a raid on one village at night and on another the following day": a day of its own sentence)."""
    if anchor is None or not opens_sentence(facts, match):
        return DateValue(None, None, match.text)
    return resolve_date(match, None, lexicon, anchor=anchor)


_NO_EVENT_WORD = 10**6  # the distance of a date in a sentence that names no event


def event_word_distance(facts: SentenceFacts, match: DateMatch) -> int:
    """Characters from a date to the nearest event word of its sentence: of two dates told alike in one
    sentence ("rescuers on May 11 cleared the block hit on Tuesday"), the one next to the event dates it;
    a date that opens the sentence ("On 4 May, ...") dates its main clause, and counts as next to it."""
    if opens_sentence(facts, match):
        return 0
    events = [c for c in facts.cues if getattr(c, "layer", "event") == "event"]
    return min((max(c.start - match.end, match.start - c.end, 0) for c in events), default=_NO_EVENT_WORD)


# at most one word ("On", "Around") before a fronted date; its hyphens only between letters, so that no
# character can be read two ways (a run of dashes before a date would otherwise cost the cube of its length)
_FRONTED = re.compile(r"\W*(?:\w+(?:-+\w+)*\W+)?")


def opens_sentence(facts: SentenceFacts, match: DateMatch) -> bool:
    """Is the date the sentence's opening adverbial ("On 4 May, ...", "Around 2 June (between ...)"), after
    any dateline?"""
    start = max((m.end for m, _ in facts.dates if m.kind == DATELINE_KIND), default=facts.start)
    before = facts.text[start - facts.start : match.start - facts.start]
    return match.start >= start and _FRONTED.fullmatch(before) is not None


def date_rank(facts: SentenceFacts, match: DateMatch, value: DateValue, lexicon: DateLexicon) -> int:
    """How unlikely a date is to be the day of the incident (lower is likelier)."""
    rank = 0 if (facts.figures or facts.cues) else 1
    if match.kind == "relative" and " ".join(match.text.lower().split()) in lexicon.vague_relative:
        rank += 1  # "overnight" gives way to "late on Tuesday" told of the same incident
    if match.kind == "anaphoric":
        rank += 1  # "the previous day" counts from another incident: a day told of this one comes first
    if is_event_date(facts, match):  # "the ministry said Thursday's strike killed three": the strike's day
        rank -= 1
    elif match.kind != "anaphoric" and is_report_date(facts, match):  # "a day earlier": no day of speaking
        rank += 2
    if match.role in ("period", "reference"):  # "since 1 January", "after Monday's raid": not this day
        rank += 2
    if match.kind == DATELINE_KIND:  # the day the story was filed, not the day of the event
        rank += 4
    if facts.is_title:
        rank += 3
    if value.precision is not None and value.precision is not DatePrecision.DAY:
        rank += 1  # a day beats a week, a month or a year told in the same place
    return rank


def sentence_dates(facts: SentenceFacts) -> list[tuple[DateMatch, DateValue | None]]:
    """The dates of a sentence, with a day told from the statement it follows read back from that
    statement's day: "said on Tuesday, five days after gunmen stormed the village" (the storming was five
    days before Tuesday), "said on Thursday that a strike a day earlier had killed four" (on Wednesday)."""
    found: list[tuple[DateMatch, DateValue | None]] = []
    for match, value in facts.dates:
        said = found[-1] if found else None
        days = _days_before_statement(match) if match.kind == "anaphoric" else None
        if days is not None and said and said[1] and said[1].value and is_report_date(facts, said[0]):
            value = DateValue(said[1].value - dt.timedelta(days=days), said[1].precision, match.text)
        found.append((match, value))
    return found


def _days_before_statement(match: DateMatch) -> int | None:
    """How many days before the day of the statement it follows an anaphoric date puts its event: "five
    days after" (what follows happened five days before), "a day earlier", "the previous night"; None for
    a day after it ("a day later": not said yet) or the same day."""
    days = match.offset * (7 if match.unit == "week" else 1)
    if match.after:
        return days
    return -days if days < 0 else None


_EVENT_WORD_GAP = 40  # "Thursday's suicide car bombing": characters from the date to the event word
_EVENT_OF = re.compile(r"\s+of\s+(?:the\s+)?")  # "the drone strike of 4 December"


def is_event_date(facts: SentenceFacts, match: DateMatch) -> bool:
    """A date tied to the event by its words: "the attack took place on Thursday", "Thursday's strike",
    "the explosion of Sunday"."""
    if match.role == "event":
        return True
    events = [c for c in facts.cues if getattr(c, "layer", "event") != "target"]
    if match.role == "possessive":
        return any(0 <= c.start - match.end <= _EVENT_WORD_GAP for c in events)
    before = facts.text[: match.start - facts.start]
    return any(_EVENT_OF.fullmatch(before[c.end - facts.start :]) for c in events if c.end <= match.start)


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

"""The speaker phrases a sentence names, as found (`SpeakerMention`, `OutletMention`, `SentenceCues`),
and how a phrase of tokens becomes one: a name with its role, a group, an outlet or a pronoun.

Choices:
- A name keeps its title: "Brigadier General Mark Ellis"; the descriptive role goes to
  `role` ("Pentagon spokesman Tom Reyes" -> "Tom Reyes", "Pentagon spokesman").
- A bracketed name after a phrase belongs to it: "the armed forces (FAMa)".
- `start`/`end` always point at the words that name the speaker in the Doc.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from conflictdb.extract.speech.lexicon import SpeechLexicon
from conflictdb.extract.speech.phrases import (
    name_span,
    phrase_text,
    semantic_head,
    strip_role,
)
from conflictdb.extract.speech.tokens import (
    CAP,
    DET,
    MOD,
    PREP,
    PROLE,
    ROLE,
    STMT,
    TITLE,
    Tok,
)
from conflictdb.records import quick_init
from conflictdb.records.matches import Cue, Kind


@quick_init
@dataclass(frozen=True, slots=True)
class SpeakerMention:
    """A speaker phrase found in one sentence, before resolution."""

    text: str
    start: int
    end: int
    role: str | None
    kind: Kind
    method: Cue
    head: str = ""  # lower-cased head word: "spokesman", "he", "statement"
    definite: bool = False  # "the official": may refer back to a speaker named before


@quick_init
@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in a sentence in a relaying position ("told AFP", "AP reported")."""

    text: str
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class SentenceCues:
    """Everything one sentence says about its own attribution."""

    speakers: tuple[SpeakerMention, ...] = ()
    sources: tuple[SpeakerMention, ...] = ()  # "citing Y": Y speaks only if an outlet reports it
    relays: tuple[OutletMention, ...] = ()
    outlet_reference: bool = False  # "the paper also cited ..."
    statement: bool = False  # mentions a statement
    ends_with_colon: bool = False
    clause_starts: tuple[int, ...] = ()  # Doc offsets where the sentence's second, third... clause opens
    lone_clause: bool = False  # the only speaker opens a contrasting clause: "X died, while Y said ..."


@quick_init
@dataclass(frozen=True, slots=True)
class CueSentence:
    """A sentence being read: its masked text, tokens and the outlets named in it."""

    text: str  # masked sentence text
    offset: int  # Doc offset of text[0]
    toks: list[Tok]
    outlets: tuple[tuple[int, int], ...]  # Doc offsets of outlet names


def speaker_mention(
    sent: CueSentence, s: int, e: int, method: Cue, lexicon: SpeechLexicon, *, role: str | None = None
) -> SpeakerMention | None:
    """Build the speaker of phrase toks[s:e]: a name with its role, a group, an outlet or a pronoun."""
    toks = sent.toks
    head = semantic_head(toks, s, e)
    outlet = _outlet_of(sent, toks[s].start, toks[e - 1].end, lexicon)
    if outlet is not None:
        start, end = outlet
        return SpeakerMention(
            sent.text[start - sent.offset : end - sent.offset],
            start,
            end,
            None,
            Kind.OUTLET,
            Cue.REPORTED if method == Cue.SAID else method,
            head.low,
        )
    name = name_span(toks, s, e, lexicon) or _name_before_preposition(toks, s, e, lexicon)
    if name is not None:
        ns, ne = name
        rs, re_ = strip_role(toks, s, ns) if ns > s else (ns, ns)
        role_text = phrase_text(sent.text, toks, rs, re_, sent.offset) if re_ > rs else role
        return SpeakerMention(
            phrase_text(sent.text, toks, ns, ne, sent.offset),
            toks[ns].start,
            toks[ne - 1].end,
            role_text,
            Kind.PERSON,
            method,
            toks[ne - 1].low,
        )
    if toks[e - 1].low in lexicon.not_speakers and (head is toks[e - 1] or head.cls not in (ROLE, PROLE)):
        return None  # "the victims said"; but "relatives of the victims said" speaks for the relatives
    if e - s == 1 and head.low in lexicon.bare_excluded:
        return None
    if e - s == 1 and head.cls == TITLE:
        return None
    kind = {ROLE: Kind.ROLE, TITLE: Kind.ROLE, STMT: Kind.STATEMENT}.get(head.cls, Kind.GROUP)
    if _names_medium(toks, s, head, lexicon):
        kind = Kind.OUTLET
    definite = toks[s].low in lexicon.definite_determiners and all(
        t.cls in (DET, MOD, ROLE, CAP, TITLE) for t in toks[s:e]
    )
    return SpeakerMention(
        phrase_text(sent.text, toks, s, e, sent.offset),
        toks[s].start,
        toks[e - 1].end,
        None,
        kind,
        method,
        head.low,
        definite,
    )


def _names_medium(toks: Sequence[Tok], s: int, head: Tok, lexicon: SpeechLexicon) -> bool:
    """Whether a phrase's head names a medium: "state television", "the official news agency"."""
    if head.low in lexicon.media_heads:
        return True
    k = toks.index(head, s)
    return k > s and f"{toks[k - 1].low} {head.low}" in lexicon.media_heads


def _name_before_preposition(
    toks: Sequence[Tok], s: int, e: int, lexicon: SpeechLexicon
) -> tuple[int, int] | None:
    """A name before "from/of" in the phrase: "General Abdul Samad from the Herat police"."""
    for k in range(s + 1, e):
        if toks[k].cls == PREP:
            return name_span(toks, s, k, lexicon)
    return None


def _outlet_of(sent: CueSentence, start: int, end: int, lexicon: SpeechLexicon) -> tuple[int, int] | None:
    """The outlet name that makes up the phrase [start, end), with a leading "the", or None."""
    for os_, oe in sent.outlets:
        if os_ >= start and oe == end:
            lead = sent.text[start - sent.offset : os_ - sent.offset].strip().lower()
            if not lead or lead in lexicon.outlet_leads:
                return start, end
    return None


def pronoun_mention(sent: CueSentence, i: int, lexicon: SpeechLexicon, method: Cue) -> SpeakerMention | None:
    """A subject pronoun ("he said"), unless it opens a relative clause ("what they say")."""
    tok = sent.toks[i]
    if i > 0 and sent.toks[i - 1].low in lexicon.pronoun_blockers:
        return None
    return SpeakerMention(tok.text, tok.start, tok.end, None, Kind.PRONOUN, method, tok.low)


def person_mention(sent: CueSentence, name: tuple[int, int], role: str | None, method: Cue) -> SpeakerMention:
    """A named person's mention from the token range of the name."""
    ns, ne = name
    toks = sent.toks
    text = phrase_text(sent.text, toks, ns, ne, sent.offset)
    return SpeakerMention(text, toks[ns].start, toks[ne - 1].end, role, Kind.PERSON, method, toks[ne - 1].low)

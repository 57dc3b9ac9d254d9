"""Who says what: attribute each sentence to the speaker whose words it reports.

Finding and resolving are separate. `find_speech_cues` reads one sentence and returns the speaker
phrases it names ("Taliban spokesman Zabihullah Mujahid said", "according to CNN", "he said") and
the outlets that relay them ("told AFP"). `attribute_sentences` walks the article in order and
resolves what one sentence cannot: pronouns and "the official" to the last speaker, a surname to
the full name given before, a quote running over several sentences to the speaker named at its
end (or in the next sentence), "the paper" to the last outlet named.

Choices:
- A name keeps its title: "Brigadier General Charles Cleveland"; the descriptive role goes to
  `speaker_role` ("Pentagon spokesman John Kirby" -> "John Kirby", "Pentagon spokesman").
- "X, citing Y, reported": the speaker is X when X is a person (a journalist vouches for it);
  when X is an outlet the speaker is Y and X is the relay.
- An outlet alone ("according to CNN", "Pajhwok reported") is the speaker; with another speaker in
  the sentence it is the relay.
- `start`/`end` always point at the words that name the speaker in the Doc, so that
  `doc.text[start:end] == speaker`; for a resolved pronoun they point at the antecedent.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Doc, Span

from conflictdb.resources import DATA_DIR, load_yaml


class Cue(StrEnum):
    """How a speaker was found."""

    SAID = "said"  # "X said", "X claimed", "X tweeted"
    INVERTED = "said_inverted"  # "..., said X"
    TOLD = "told"  # "X told AFP", "X gave a similar toll to AFP"
    ACCORDING_TO = "according_to"
    CITING = "citing"  # "Reuters, citing a police official, reported"; "the paper cited X"
    QUOTED = "quoted"  # "X was quoted as saying"
    STATEMENT = "statement"  # "X released a statement", "the statement said"
    RELATIVE = "relative"  # "X, a resident, who said"
    REPORTED = "reported"  # an outlet in its own right: "Pajhwok reported"
    QUOTE = "quote"  # a sentence inside a quote attributed in another sentence
    QUOTE_CONTINUATION = "quote_continuation"  # a further quote with no attribution of its own
    PRONOUN = "pronoun"  # "he said"
    ANAPHOR = "anaphor"  # "the official added", "Rahimi added" -> the full name given before


class Kind(StrEnum):
    """What sort of speaker a phrase names (decides what a later pronoun can refer to)."""

    PERSON = "person"  # a named person
    ROLE = "role"  # an unnamed person: "a Taliban spokesman"
    GROUP = "group"  # "Afghan officials", "the interior ministry", "the Taliban"
    OUTLET = "outlet"
    PRONOUN = "pronoun"
    STATEMENT = "statement"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says what one sentence states; `start`/`end` locate the speaker's words in the Doc."""

    speaker: str
    speaker_role: str | None
    relay: str | None
    start: int
    end: int
    method: Cue
    kind: Kind = Kind.PERSON


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


@dataclass(frozen=True, slots=True)
class OutletMention:
    """An outlet named in a sentence in a relaying position ("told AFP", "AP reported")."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SentenceCues:
    """Everything one sentence says about its own attribution."""

    speakers: tuple[SpeakerMention, ...] = ()
    sources: tuple[SpeakerMention, ...] = ()  # "citing Y": Y speaks only if an outlet reports it
    relays: tuple[OutletMention, ...] = ()
    outlet_reference: bool = False  # "the paper also cited ..."
    statement: bool = False  # mentions a statement
    ends_with_colon: bool = False


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """The words of speech attribution, compiled once (see data/speech.yaml)."""

    say_verbs: frozenset[str]
    that_verbs: frozenset[str]
    tell_verbs: frozenset[str]
    inverted_verbs: frozenset[str]
    toll_verbs: frozenset[str]
    toll_objects: frozenset[str]
    not_speech_after: tuple[tuple[str, ...], ...]
    statement_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    pronoun_blockers: frozenset[str]
    parenthetical_openers: frozenset[str]
    between_subject_and_verb: frozenset[str]
    titles: frozenset[str]
    title_words: Mapping[str, str]
    abbreviations: frozenset[str]
    word_classes: Mapping[str, str]
    not_name_words: frozenset[str]
    not_speakers: frozenset[str]
    bare_excluded: frozenset[str]
    groups: frozenset[str]
    trigger_words: frozenset[str]
    outlets: frozenset[str]  # outlet names, words joined by one space
    outlet_max_words: int
    outlet_reference_pattern: re.Pattern[str]
    relay_before: re.Pattern[str]
    relay_after: re.Pattern[str]
    max_pronoun_distance: int = 8
    # a memo of word -> (lower-cased base, class, possessive): a cache, not state
    token_memo: dict[str, tuple[str, str, bool]] = field(default_factory=dict, compare=False, repr=False)


# Token classes.
CAP, TITLE, ROLE, PROLE, ORG, STMT = "CAP", "TITLE", "ROLE", "PROLE", "ORG", "STMT"
MOD, DET, PREP, CONJ, PART, PRON = "MOD", "DET", "PREP", "CONJ", "PART", "PRON"
COMMA, MASK, OTHER = "COMMA", "MASK", "OTHER"
NP_WORDS = frozenset({CAP, TITLE, ROLE, PROLE, ORG, STMT, MOD, PART})
HEADS = frozenset({CAP, TITLE, ROLE, PROLE, ORG, STMT})
NAME_PARTS = frozenset({CAP, TITLE, PART})
BOUNDARIES = frozenset({COMMA, MASK})
APPOSITION_STARTS = frozenset({DET, ROLE, PROLE, MOD, CAP, TITLE, ORG})

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*\.?|[^\w\s]")
_LOWER_WORD = re.compile(r"[a-z]+")
_QUOTE_MARK = re.compile(r"[“”\"\n]")
_DEFINITE = frozenset({"the", "this", "that"})
_ROLE_ENDERS = frozenset({"citing", "quoting", "who", "which", "speaking", "referring", "according"})
_MODIFIER_SHAPE = re.compile(
    r"^(?:pro|anti)-|-(?:led|run|backed|installed|appointed|based|controlled|held|aligned)$"
)
_OPENING_CUES = frozenset({"according", "citing", "quoting"})  # cue words that may open a sentence


class Tok(NamedTuple):
    """One word of a sentence, with offsets in the Doc and its lexicon class."""

    text: str
    low: str  # lower-cased, without a possessive 's
    start: int
    end: int
    cls: str
    poss: bool


def load_speech_lexicon(data_dir: Path = DATA_DIR) -> SpeechLexicon:
    """Read data/speech.yaml into a compiled, immutable lexicon."""
    raw = load_yaml("speech.yaml", data_dir=data_dir)
    words = {key: [str(w) for w in value] for key, value in raw.items() if isinstance(value, list)}
    low = {key: frozenset(w.lower() for w in value) for key, value in words.items()}
    verbs = (
        low["say_verbs"] | low["that_verbs"] | low["tell_verbs"] | low["toll_verbs"] | low["statement_verbs"]
    )
    triggers = verbs | {"according", "citing", "quoting", "quoted", "cited"}
    return SpeechLexicon(
        say_verbs=low["say_verbs"],
        that_verbs=low["that_verbs"],
        tell_verbs=low["tell_verbs"],
        inverted_verbs=low["inverted_verbs"],
        toll_verbs=low["toll_verbs"],
        toll_objects=low["toll_objects"],
        not_speech_after=tuple(tuple(p.lower().split()) for p in words["not_speech_after"]),
        statement_verbs=frozenset(w.split()[0] for w in low["statement_verbs"]),
        person_pronouns=low["person_pronouns"],
        group_pronouns=low["group_pronouns"],
        pronoun_blockers=low["pronoun_blockers"],
        parenthetical_openers=low["parenthetical_openers"],
        between_subject_and_verb=low["between_subject_and_verb"],
        titles=low["titles"],
        title_words={str(k).lower(): str(v).lower() for k, v in raw["title_words"].items()},
        abbreviations=low["abbreviations"],
        word_classes=_word_classes(low),
        not_name_words=low["not_name_words"],
        not_speakers=low["not_speakers"],
        bare_excluded=low["bare_excluded"],
        groups=low["groups"],
        trigger_words=frozenset(triggers),
        outlets=frozenset(" ".join(w.split()) for w in words["outlets"]),
        outlet_max_words=max(len(_TOKEN.findall(w)) for w in words["outlets"]),
        outlet_reference_pattern=re.compile(
            r"\b[Tt]he\s+(?:"
            + "|".join(_phrase(w) for w in _longest_first(words["outlet_references"]))
            + r")\b"
        ),
        relay_before=re.compile(
            r"(?:^|\W)(?:" + "|".join(_phrase(w) for w in _longest_first(words["relay_before"])) + r")\s+$",
            re.IGNORECASE,
        ),
        relay_after=re.compile(
            r"^(?:\s*,)?\s+(?:" + "|".join(_phrase(w) for w in _longest_first(words["relay_after"])) + r")\b",
            re.IGNORECASE,
        ),
    )


def _word_classes(low: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Map each lexicon word to its token class; earlier classes win."""
    classes: dict[str, str] = {}
    order = [
        ("person_pronouns", PRON),
        ("group_pronouns", PRON),
        ("person_roles", ROLE),
        ("group_roles", PROLE),
        ("statement_words", STMT),
        ("org_words", ORG),
        ("modifiers", MOD),
        ("determiners", DET),
        ("prepositions", PREP),
        ("name_particles", PART),
    ]
    for key, cls in order:
        for word in low[key]:
            classes.setdefault(word, cls)
    classes.setdefault("and", CONJ)
    return classes


def _phrase(words: str) -> str:
    """A regex for a phrase, any run of white space between its words."""
    return r"\s+".join(re.escape(w) for w in words.split())


def _longest_first(items: Sequence[str]) -> list[str]:
    """Phrases sorted so that an alternation prefers the longest match."""
    return sorted(set(items), key=len, reverse=True)


# ---------------------------------------------------------------- quotes


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted stretches of `text` as (start, end) including the marks; a line break closes a quote."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if opened is not None:
                spans.append((opened, at))
                opened = None
        elif mark == "“" or (mark == '"' and opened is None):
            opened = at if opened is None or mark == '"' else opened
        elif opened is not None:  # a closing mark
            spans.append((opened, at + 1))
            opened = None
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


def _is_speech(text: str, span: tuple[int, int]) -> bool:
    """A quote long enough to be someone's words rather than a quoted term."""
    return text.count(" ", span[0], span[1]) >= 4


def _masked(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
    """The sentence text with quoted stretches blanked out as underscores (same length)."""
    piece = text[start:end]
    if not quotes:
        return piece
    chars = list(piece)
    first = bisect.bisect_left(quotes, (start, start)) - 1
    for qs, qe in quotes[max(first, 0) :]:
        if qs >= end:
            break
        lo, hi = max(qs, start), min(qe, end)
        if lo < hi:
            chars[lo - start : hi - start] = "_" * (hi - lo)
    return "".join(chars)


# ---------------------------------------------------------------- tokens


def _tokens(masked: str, offset: int, lexicon: SpeechLexicon) -> list[Tok]:
    """Split a (masked) sentence into classified tokens with Doc offsets."""
    toks: list[Tok] = []
    for match in _TOKEN.finditer(masked):
        word, start = match.group(), match.start() + offset
        if len(word) > 1 and word.endswith(".") and not _keeps_full_stop(word, lexicon):
            toks.append(_token(word[:-1], start, lexicon))
            toks.append(Tok(".", ".", start + len(word) - 1, start + len(word), OTHER, False))
        else:
            toks.append(_token(word, start, lexicon))
    return toks


def _keeps_full_stop(word: str, lexicon: SpeechLexicon) -> bool:
    """Abbreviations (Gen., U.S.) keep their full stop; a sentence's last word does not."""
    return word.lower() in lexicon.abbreviations or "." in word[:-1]


def _token(word: str, start: int, lexicon: SpeechLexicon) -> Tok:
    """Classify one word (memoised per lexicon)."""
    known = lexicon.token_memo.get(word)
    if known is None:
        low = word.lower()
        poss = low.endswith(("'s", "’s")) and len(low) > 2
        base = low[:-2] if poss else low
        known = lexicon.token_memo[word] = (base, _classify(word, base, lexicon), poss)
    return Tok(word, known[0], start, start + len(word), known[1], known[2])


def _find_outlets(
    masked: str, offset: int, toks: Sequence[Tok], lexicon: SpeechLexicon
) -> tuple[tuple[int, int], ...]:
    """Doc offsets of the outlet names in a sentence, longest first, not overlapping."""
    found: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if toks[i].text[0].isupper() or toks[i].text[0].isdigit():
            for k in range(min(n, i + lexicon.outlet_max_words), i, -1):
                words = " ".join(masked[toks[i].start - offset : toks[k - 1].end - offset].split())
                if words in lexicon.outlets:
                    found.append((toks[i].start, toks[k - 1].end))
                    i = k - 1
                    break
        i += 1
    return tuple(found)


def _classify(word: str, base: str, lexicon: SpeechLexicon) -> str:
    """The token class of a word: name part, role, institution, modifier, punctuation..."""
    if word == ",":
        return COMMA
    if word[0] == "_":
        return MASK
    capital = word[0].isupper()
    if capital and base in lexicon.titles:
        return TITLE
    if word.isupper() and len(word) > 1 and word.isalpha():
        cls = lexicon.word_classes.get(base)
        return cls if cls in (ROLE, PROLE, ORG, STMT) else CAP  # WHO, ISPR, AFP; but MP is a role
    cls = lexicon.word_classes.get(base)
    if cls is None and _MODIFIER_SHAPE.search(base):
        cls = MOD  # "Houthi-run", "pro-government", "Russian-installed"
    if cls is not None:
        return CAP if cls == MOD and capital else cls  # "Human Rights Watch", "Borno State"
    if capital and base not in lexicon.not_name_words:
        return CAP
    if "-" in word and word[0].islower() and word[word.index("-") + 1 : word.index("-") + 2].isupper():
        return CAP  # al-Baghdadi, el-Sisi
    return OTHER


# ---------------------------------------------------------------- noun phrases


def _np_before(toks: Sequence[Tok], end: int) -> int | None:
    """Start of the speaker phrase that ends just before `end`, or None."""
    i = end - 1
    if i < 0 or not _ends_phrase(toks, i):
        return None
    start, j, preps = i, i - 1, 0
    while j >= 0:
        cls = toks[j].cls
        if cls in NP_WORDS:
            start = j
        elif cls == DET:
            start = j
            if not (j >= 2 and toks[j - 1].cls == PREP and toks[j - 2].cls in NP_WORDS and preps < 2):
                break
        elif cls in (PREP, CONJ) and j > 0 and toks[j - 1].cls in NP_WORDS and preps < 2:
            preps += 1
        else:
            break
        j -= 1
    return start


def _ends_phrase(toks: Sequence[Tok], i: int) -> bool:
    """Whether token i can end a speaker phrase: a head, or a place noun after a name ("Kunar province")."""
    return toks[i].cls in HEADS or (toks[i].cls == MOD and i > 0 and toks[i - 1].cls == CAP)


def _semantic_head(toks: Sequence[Tok], s: int, e: int) -> Tok:
    """The word a phrase is about: the last head before a preposition ("spokesman" in "a spokesman for X")."""
    for k in range(s + 1, e):
        if toks[k].cls == PREP:
            e = k
            break
    for k in range(e - 1, s - 1, -1):
        if toks[k].cls in HEADS:
            return toks[k]
    return toks[e - 1]


def _np_after(toks: Sequence[Tok], begin: int) -> int | None:
    """End (exclusive) of the speaker phrase that starts at `begin`, or None."""
    n, j, last_head, preps = len(toks), begin, None, 0
    while j < n:
        cls = toks[j].cls
        if cls in NP_WORDS:
            if _ends_phrase(toks, j):
                last_head = j
        elif cls == DET and (j == begin or toks[j - 1].cls == PREP):
            pass
        elif cls in (PREP, CONJ) and last_head is not None and j + 1 < n and preps < 2:
            if toks[j + 1].cls not in NP_WORDS and toks[j + 1].cls != DET:
                break
            preps += 1
        else:
            break
        j += 1
    return None if last_head is None else last_head + 1


def _name_span(toks: Sequence[Tok], s: int, e: int, lexicon: SpeechLexicon) -> tuple[int, int] | None:
    """The person's name at the end of phrase toks[s:e] (titles included), or None."""
    if e <= s or toks[e - 1].cls != CAP or toks[e - 1].poss:
        return None
    r = e - 1
    while r > s and toks[r - 1].cls in NAME_PARTS and not toks[r - 1].poss:
        r -= 1
    titles = [k for k in range(r, e) if toks[k].cls == TITLE]
    if titles:
        k = titles[-1]
        while k > r and toks[k - 1].cls == TITLE:
            k -= 1
        return k, e
    if r > s and toks[r - 1].cls in (DET, PREP, ORG, CONJ):
        return None
    run = " ".join(t.low for t in toks[r:e])
    if run in lexicon.groups or any(t.low in lexicon.groups for t in toks[r:e]):
        return None
    if run in lexicon.not_speakers:
        return None
    return r, e


def _strip_role(toks: Sequence[Tok], s: int, e: int) -> tuple[int, int]:
    """Drop leading determiners and possessors from a role: "Kunduz's provincial spokesman"."""
    while s < e and (toks[s].cls in (DET, PREP, CONJ) or toks[s].poss):
        s += 1
    while e > s and toks[e - 1].cls in (DET, PREP, CONJ):
        e -= 1
    return s, e


def _slice(text: str, toks: Sequence[Tok], s: int, e: int, offset: int) -> str:
    """The Doc text covered by toks[s:e]."""
    return text[toks[s].start - offset : toks[e - 1].end - offset]


# ---------------------------------------------------------------- building mentions


@dataclass(frozen=True, slots=True)
class _Sentence:
    """A sentence being read: its masked text, tokens and the outlets named in it."""

    text: str  # masked sentence text
    offset: int  # Doc offset of text[0]
    toks: list[Tok]
    outlets: tuple[tuple[int, int], ...]  # Doc offsets of outlet names


def _mention(
    sent: _Sentence, s: int, e: int, method: Cue, lexicon: SpeechLexicon, *, role: str | None = None
) -> SpeakerMention | None:
    """Build the speaker of phrase toks[s:e]: a name with its role, a group, an outlet or a pronoun."""
    toks = sent.toks
    head = _semantic_head(toks, s, e)
    outlet = _outlet_of(sent, toks[s].start, toks[e - 1].end)
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
    name = _name_span(toks, s, e, lexicon) or _name_before_preposition(toks, s, e, lexicon)
    if name is not None:
        ns, ne = name
        rs, re_ = _strip_role(toks, s, ns) if ns > s else (ns, ns)
        role_text = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else role
        return SpeakerMention(
            _slice(sent.text, toks, ns, ne, sent.offset),
            toks[ns].start,
            toks[ne - 1].end,
            role_text,
            Kind.PERSON,
            method,
            toks[ne - 1].low,
        )
    if toks[e - 1].low in lexicon.not_speakers or (e - s == 1 and head.low in lexicon.bare_excluded):
        return None
    if e - s == 1 and head.cls == TITLE:
        return None
    kind = {ROLE: Kind.ROLE, TITLE: Kind.ROLE, STMT: Kind.STATEMENT}.get(head.cls, Kind.GROUP)
    definite = toks[s].low in _DEFINITE and all(t.cls in (DET, MOD, ROLE, CAP, TITLE) for t in toks[s:e])
    return SpeakerMention(
        _slice(sent.text, toks, s, e, sent.offset),
        toks[s].start,
        toks[e - 1].end,
        None,
        kind,
        method,
        head.low,
        definite,
    )


def _name_before_preposition(
    toks: Sequence[Tok], s: int, e: int, lexicon: SpeechLexicon
) -> tuple[int, int] | None:
    """A name before "from/of" in the phrase: "General Qasim Jangalbagh from the Kunduz police"."""
    for k in range(s + 1, e):
        if toks[k].cls == PREP:
            return _name_span(toks, s, k, lexicon)
    return None


def _outlet_of(sent: _Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The outlet name that makes up the phrase [start, end), with a leading "the", or None."""
    for os_, oe in sent.outlets:
        if os_ >= start and oe == end:
            lead = sent.text[start - sent.offset : os_ - sent.offset].strip().lower()
            if lead in ("", "the"):
                return start, end
    return None


def _pronoun(sent: _Sentence, i: int, lexicon: SpeechLexicon, method: Cue) -> SpeakerMention | None:
    """A subject pronoun ("he said"), unless it opens a relative clause ("what they say")."""
    tok = sent.toks[i]
    if i > 0 and sent.toks[i - 1].low in lexicon.pronoun_blockers:
        return None
    return SpeakerMention(tok.text, tok.start, tok.end, None, Kind.PRONOUN, method, tok.low)


# ---------------------------------------------------------------- finding subjects


def _subject_before(sent: _Sentence, verb: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker before a speech verb: "X said", "X, a resident, said", "X, who said"."""
    toks = sent.toks
    j = verb
    while j > 0 and toks[j - 1].low in lexicon.between_subject_and_verb and toks[j - 1].cls != CAP:
        j -= 1
    if j == 0:
        return None
    prev = toks[j - 1]
    if prev.cls == PRON:
        return _pronoun(sent, j - 1, lexicon, method)
    if prev.low in ("who", "which"):
        if j >= 2 and toks[j - 2].cls == COMMA:
            found = _appositive_subject(sent, j - 2, Cue.RELATIVE, lexicon)
            if found is None:
                s = _np_before(toks, j - 2)
                found = None if s is None else _mention(sent, s, j - 2, Cue.RELATIVE, lexicon)
            return found
        return None
    if prev.cls == COMMA:
        return _appositive_subject(sent, j - 1, method, lexicon)
    s = _np_before(toks, j)
    if s is None:
        return _subject_of_relative(sent, j, method, lexicon)
    return _mention(sent, s, j, method, lexicon)


def _subject_of_relative(
    sent: _Sentence, end: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """The speaker before an unbounded relative clause: "an official who asked not to be named said"."""
    toks = sent.toks
    for k in range(end - 1, max(end - 12, 0), -1):
        if toks[k].cls in BOUNDARIES:
            return None
        if toks[k].low == "who":
            s = _np_before(toks, k)
            return None if s is None else _mention(sent, s, k, method, lexicon)
    return None


def _appositive_subject(
    sent: _Sentence, comma: int, method: Cue, lexicon: SpeechLexicon
) -> SpeakerMention | None:
    """Resolve "HEAD, APPOSITION," before a verb: one of the two is the name, the other the role."""
    toks = sent.toks
    c0 = comma - 1
    while c0 >= 0 and toks[c0].cls not in BOUNDARIES:
        c0 -= 1
    if c0 < 0 or toks[c0].cls != COMMA or c0 + 1 == comma:
        return None
    first = toks[c0 + 1]
    if first.text in lexicon.parenthetical_openers or all(t.text.isdigit() for t in toks[c0 + 1 : comma]):
        s = _np_before(toks, c0)  # "X, citing Y, reported" / "X, 45, said" / "X, in a statement, said"
        return None if s is None else _mention(sent, s, c0, method, lexicon)
    head_s = _np_before(toks, c0)
    if head_s is None or (first.cls not in APPOSITION_STARTS and not first.text[0].isdigit()):
        return None
    head = _mention(sent, head_s, c0, method, lexicon)
    if head is not None and head.kind in (Kind.PERSON, Kind.OUTLET):
        role = head.role or _appositive_role(sent, c0 + 1, comma, lexicon)
        return SpeakerMention(head.text, head.start, head.end, role, head.kind, method, head.head)
    app_end = _np_after(toks, c0 + 1)
    name = None if app_end is None else _name_span(toks, c0 + 1, app_end, lexicon)
    if name is not None and name[0] == c0 + 1:
        rs, re_ = _strip_role(toks, head_s, c0)
        role = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
        return _person(sent, name, role, method)
    return head


def _appositive_role(sent: _Sentence, begin: int, end: int, lexicon: SpeechLexicon) -> str | None:
    """The role an apposition gives: "a local journalist citing sources" -> "local journalist"."""
    toks = sent.toks
    for k in range(begin, end):
        if toks[k].text in _ROLE_ENDERS or toks[k].cls == MASK:
            end = k
            break
    rs, re_ = _strip_role(toks, begin, end)
    return _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None


def _person(sent: _Sentence, name: tuple[int, int], role: str | None, method: Cue) -> SpeakerMention:
    """A named person's mention from the token range of the name."""
    ns, ne = name
    toks = sent.toks
    text = _slice(sent.text, toks, ns, ne, sent.offset)
    return SpeakerMention(text, toks[ns].start, toks[ne - 1].end, role, Kind.PERSON, method, toks[ne - 1].low)


def _subject_after(sent: _Sentence, begin: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker after an inverted verb: '"...," said interior ministry spokesman Nasrat Rahimi.'."""
    toks = sent.toks
    e = _np_after(toks, begin)
    if e is None or (e < len(toks) and toks[e].cls not in (COMMA, OTHER, PREP, MASK)):
        return None
    if e < len(toks) and toks[e].cls == OTHER and toks[e].low not in (".", ";", ":", "who", "adding", "as"):
        return None
    found = _mention(sent, begin, e, method, lexicon)
    return _with_apposition(sent, found, e)


def _phrase_after(sent: _Sentence, begin: int, method: Cue, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """The speaker named after "according to", "citing", "quoted": a phrase, maybe with an apposition."""
    toks = sent.toks
    if begin < len(toks) and toks[begin].cls == PRON:
        return _pronoun(sent, begin, lexicon, method)
    e = _np_after(toks, begin)
    return None if e is None else _with_apposition(sent, _mention(sent, begin, e, method, lexicon), e)


def _with_apposition(sent: _Sentence, found: SpeakerMention | None, e: int) -> SpeakerMention | None:
    """Add the role an apposition after a name gives: "said Ahmad Khan, a resident of the village"."""
    toks = sent.toks
    if found is None or found.kind != Kind.PERSON or found.role or e + 1 >= len(toks) or toks[e].cls != COMMA:
        return found
    app_end = _np_after(toks, e + 1)
    if app_end is None or toks[e + 1].cls != DET:
        return found
    rs, re_ = _strip_role(toks, e + 1, app_end)
    role = _slice(sent.text, toks, rs, re_, sent.offset) if re_ > rs else None
    return SpeakerMention(found.text, found.start, found.end, role, found.kind, found.method, found.head)


# ---------------------------------------------------------------- cues in one sentence


def _followed_by(toks: Sequence[Tok], i: int, phrases: Sequence[tuple[str, ...]]) -> bool:
    """Whether the words after token i start with one of `phrases`."""
    words = tuple([t.low for t in toks[i + 1 : i + 4]])
    return any(words[: len(phrase)] == phrase for phrase in phrases)


def _verb_cue(sent: _Sentence, i: int, lexicon: SpeechLexicon) -> tuple[SpeakerMention | None, bool]:
    """The speaker of the cue word at token i, and whether it is a "citing" source only."""
    toks, low = sent.toks, sent.toks[i].low
    nxt = toks[i + 1].low if i + 1 < len(toks) else ""
    if low == "according" and nxt == "to":
        return _phrase_after(sent, i + 2, Cue.ACCORDING_TO, lexicon), False
    if low in ("citing", "quoting"):
        return _phrase_after(sent, i + 1, Cue.CITING, lexicon), True
    if low in ("quoted", "cited"):
        return _quoted_cue(sent, i, lexicon), False
    if low in lexicon.statement_verbs and _followed_by(
        toks, i, (("a", "statement"), ("a", "joint", "statement"))
    ):
        return _subject_before(sent, i, Cue.STATEMENT, lexicon), False
    if low in lexicon.toll_verbs:
        if any(t.low in lexicon.toll_objects for t in toks[i + 1 : i + 5]):
            return _subject_before(sent, i, Cue.TOLD, lexicon), False
        return None, False
    if low in lexicon.that_verbs:
        return (_subject_before(sent, i, Cue.SAID, lexicon) if nxt == "that" else None), False
    if low in lexicon.say_verbs or low in lexicon.tell_verbs:
        if _followed_by(toks, i, lexicon.not_speech_after):
            return None, False
        method = Cue.TOLD if low in lexicon.tell_verbs else Cue.SAID
        found = _subject_before(sent, i, method, lexicon)
        if found is None and low in lexicon.inverted_verbs and (i == 0 or toks[i - 1].cls in BOUNDARIES):
            found = _subject_after(sent, i + 1, Cue.INVERTED, lexicon)
        return found, False
    return None, False


def _quoted_cue(sent: _Sentence, i: int, lexicon: SpeechLexicon) -> SpeakerMention | None:
    """ "X was quoted as saying" (X speaks) or "the paper cited/quoted X" (X speaks)."""
    toks = sent.toks
    if i > 0 and toks[i - 1].low in ("was", "were", "is", "been", "being"):
        return _subject_before(sent, i - 1, Cue.QUOTED, lexicon)
    found = _phrase_after(sent, i + 1, Cue.CITING, lexicon)
    return None if found is not None and found.kind == Kind.OUTLET else found


def find_speech_cues(
    sentence: Span, lexicon: SpeechLexicon, *, quotes: Sequence[tuple[int, int]] = (), text: str | None = None
) -> SentenceCues:
    """Find the speaker phrases and relaying outlets one sentence names (quoted words are skipped).

    `quotes` are the Doc's quoted stretches (`find_quotes`); `text` is `doc.text` if the caller has it
    (spaCy rebuilds it on every access).
    """
    text = sentence.doc.text if text is None else text
    start, end = sentence.start_char, sentence.end_char
    masked = _masked(text, start, end, quotes)
    if lexicon.trigger_words.isdisjoint(_LOWER_WORD.findall(masked.lower())):
        return SentenceCues(ends_with_colon=masked.rstrip().endswith(":"))
    toks = _tokens(masked, start, lexicon)
    sent = _Sentence(masked, start, toks, _find_outlets(masked, start, toks, lexicon))
    speakers: list[SpeakerMention] = []
    sources: list[SpeakerMention] = []
    for i, tok in enumerate(sent.toks):
        if tok.low not in lexicon.trigger_words or (tok.text[0].isupper() and tok.low not in _OPENING_CUES):
            continue
        found, is_source = _verb_cue(sent, i, lexicon)
        if found is not None:
            (sources if is_source else speakers).append(found)
    return SentenceCues(
        speakers=tuple(speakers),
        sources=tuple(sources),
        relays=_relays(sent, lexicon),
        outlet_reference=_refers_to_outlet(masked, lexicon),
        statement="statement" in masked.lower(),
        ends_with_colon=masked.rstrip().endswith(":"),
    )


def _relays(sent: _Sentence, lexicon: SpeechLexicon) -> tuple[OutletMention, ...]:
    """Outlets named in a relaying position: "told AFP", "according to CNN", ", AP reported"."""
    found = []
    for os_, oe in sent.outlets:
        before = sent.text[: os_ - sent.offset]
        after = sent.text[oe - sent.offset :]
        the = re.search(r"\b[Tt]he\s+$", before)
        if the is not None:
            before = before[: the.start()]
        if lexicon.relay_before.search(before) or lexicon.relay_after.match(after):
            start = os_ - (len(sent.text[: os_ - sent.offset]) - len(before))
            found.append(OutletMention(sent.text[start - sent.offset : oe - sent.offset], start, oe))
    return tuple(found)


def _refers_to_outlet(masked: str, lexicon: SpeechLexicon) -> bool:
    """Whether the sentence relays through "the paper" / "the agency" named before."""
    match = lexicon.outlet_reference_pattern.search(masked)
    if match is None:
        return False
    after = masked[match.end() :]
    return bool(re.match(r"\s+(?:also\s+)?(?:cited|quoted|reported|said|wrote|added)\b", after))


# ---------------------------------------------------------------- resolution across sentences


@dataclass(slots=True)
class _Memory:
    """What the reader remembers while walking the article (local to one call)."""

    persons: list[tuple[int, Attribution]] = field(default_factory=list)
    groups: list[tuple[int, Attribution]] = field(default_factory=list)
    statement: Attribution | None = None
    outlet: str | None = None


def _choose(cues: SentenceCues) -> tuple[SpeakerMention | None, SpeakerMention | None]:
    """The sentence's main speaker and the outlet among its speakers that relays (if any)."""
    people = [m for m in cues.speakers if m.kind not in (Kind.OUTLET, Kind.PRONOUN)]
    outlets = [m for m in cues.speakers if m.kind == Kind.OUTLET]
    pronouns = [m for m in cues.speakers if m.kind == Kind.PRONOUN]
    if people:
        named = [m for m in people if m.kind == Kind.PERSON]
        return (named or people)[0], (outlets[0] if outlets else None)
    if pronouns:
        return pronouns[0], (outlets[0] if outlets else None)
    if outlets and cues.sources:
        return cues.sources[0], outlets[0]
    if outlets:
        return outlets[0], (outlets[1] if len(outlets) > 1 else None)
    return None, None


def _resolve(index: int, cues: SentenceCues, memory: _Memory, lexicon: SpeechLexicon) -> Attribution | None:
    """Turn one sentence's cues into an attribution, using what came before."""
    main, outlet = _choose(cues)
    relay = _relay(cues, main, outlet, memory)
    if main is None:
        return None
    if main.kind == Kind.PRONOUN:
        pool = memory.persons if main.head in lexicon.person_pronouns else memory.groups
        found = _recent(pool, index, lexicon)
        return None if found is None else _with(found, Cue.PRONOUN, relay)
    if main.kind == Kind.STATEMENT and memory.statement is not None and _bare_statement(main.text):
        return _with(memory.statement, Cue.STATEMENT, relay)
    if main.kind == Kind.PERSON and " " not in main.text:
        earlier = _full_name(main.text, memory)
        if earlier is not None:
            return _with(earlier, Cue.ANAPHOR, relay)
    if main.kind == Kind.ROLE and main.definite:
        earlier = _recent(memory.persons, index, lexicon)
        if earlier is not None and _compatible(main.head, earlier, lexicon):
            return _with(earlier, Cue.ANAPHOR, relay)
    kind = main.kind
    return Attribution(main.text, main.role, relay, main.start, main.end, main.method, kind)


def _bare_statement(text: str) -> bool:
    """Whether a statement phrase names no issuer: "the statement", "a joint statement"."""
    words = text.lower().split()
    return len(words) <= 3 and words[0] in ("the", "a", "this", "that", "its", "their")


def _relay(
    cues: SentenceCues, main: SpeakerMention | None, outlet: SpeakerMention | None, memory: _Memory
) -> str | None:
    """The outlet that carried the sentence's words, if it is not the speaker itself."""
    for mention in cues.relays:
        if main is None or not (mention.start >= main.start and mention.end <= main.end):
            return mention.text
    if outlet is not None and outlet is not main:
        return outlet.text
    if cues.outlet_reference:
        return memory.outlet
    return None


def _with(found: Attribution, method: Cue, relay: str | None) -> Attribution:
    """A copy of an earlier attribution reached by `method`, with this sentence's relay."""
    return Attribution(found.speaker, found.speaker_role, relay, found.start, found.end, method, found.kind)


def _recent(pool: list[tuple[int, Attribution]], index: int, lexicon: SpeechLexicon) -> Attribution | None:
    """The last speaker of `pool`, if named recently enough to be the antecedent."""
    if pool and index - pool[-1][0] <= lexicon.max_pronoun_distance:
        return pool[-1][1]
    return None


def _full_name(surname: str, memory: _Memory) -> Attribution | None:
    """An earlier speaker whose name ends with `surname` ("Rahimi" -> "Nasrat Rahimi")."""
    for _, earlier in reversed(memory.persons):
        words = earlier.speaker.split()
        if earlier.kind == Kind.PERSON and len(words) > 1 and words[-1] == surname:
            return earlier
    return None


def _compatible(head: str, earlier: Attribution, lexicon: SpeechLexicon) -> bool:
    """Whether "the <head>" can refer to an earlier speaker ("the spokesman" -> a spokesman)."""
    words = f"{earlier.speaker} {earlier.speaker_role or ''}".lower().split()
    expanded = {lexicon.title_words.get(w, w) for w in words}
    return head in expanded or head in ("official", "source")


def _remember(index: int, found: Attribution, cues: SentenceCues, memory: _Memory) -> None:
    """Keep the sentence's speaker as a possible antecedent."""
    if found.kind in (Kind.PERSON, Kind.ROLE):
        memory.persons.append((index, found))
    elif found.kind == Kind.GROUP:
        memory.groups.append((index, found))
    if (cues.statement or found.method == Cue.STATEMENT) and not (
        found.kind == Kind.STATEMENT and _bare_statement(found.speaker)
    ):
        memory.statement = found


def _quote_groups(text: str, sentences: Sequence[Span], quotes: Sequence[tuple[int, int]]) -> list[list[int]]:
    """For each spoken quote, the indices of the sentences it runs through."""
    starts = [s.start_char for s in sentences]
    groups: list[list[int]] = []
    for qs, qe in quotes:
        if not _is_speech(text, (qs, qe)):
            continue
        first = max(bisect.bisect_right(starts, qs) - 1, 0)
        members = [i for i in range(first, len(sentences)) if sentences[i].start_char < qe]
        # an opening mark the sentencizer left at the end of the previous sentence does not count
        members = [
            i for i in members if min(sentences[i].end_char, qe) - max(sentences[i].start_char, qs) > 1
        ]
        if members:
            groups.append(members)
    return groups


def _fill_quotes(
    results: list[Attribution | None],
    cues: Sequence[SentenceCues],
    groups: Sequence[list[int]],
    sentences: Sequence[Span],
) -> None:
    """Give every sentence of a quote the quote's speaker; an unattributed quote continues the last."""
    last: tuple[int, Attribution] | None = None
    for members in groups:
        found, method = _own_quote_speaker(results, members), Cue.QUOTE
        gap = members[0] - last[0] if last is not None else None
        if found is None and last is not None and gap is not None and gap <= 1:
            found, method = last[1], Cue.QUOTE_CONTINUATION
        if found is None:
            found = _nearby_quote_speaker(results, cues, members, sentences)
        if found is None and last is not None and gap is not None and gap <= 2:
            found, method = last[1], Cue.QUOTE_CONTINUATION
        if found is None:
            continue
        for i in members:
            if results[i] is None:
                results[i] = _with(found, method, found.relay)
        last = (members[-1], found)


def _own_quote_speaker(results: Sequence[Attribution | None], members: list[int]) -> Attribution | None:
    """The speaker named in the quote's own sentences: where it closes, else where it opens."""
    for i in (members[-1], members[0]):
        if results[i] is not None:
            return results[i]
    return None


def _nearby_quote_speaker(
    results: Sequence[Attribution | None],
    cues: Sequence[SentenceCues],
    members: list[int],
    sentences: Sequence[Span],
) -> Attribution | None:
    """The speaker of an unattributed quote: named at the start of the next sentence, or "X said:" before."""
    after = members[-1] + 1
    if after < len(results):
        found = results[after]
        if found is not None and 0 <= found.start - sentences[after].start_char < 60:
            return found
    before = members[0] - 1
    if before >= 0 and cues[before].ends_with_colon:
        return results[before]
    return None


def attribute_sentences(
    doc: Doc, sentences: list[Span], lexicon: SpeechLexicon, *, text: str | None = None
) -> list[Attribution | None]:
    """One attribution per sentence: who says what it states (None: the outlet's own voice).

    Pass `text=doc.text` if already at hand: spaCy rebuilds `doc.text` on every access.
    """
    text = doc.text if text is None else text
    quotes = find_quotes(text)
    cues = [find_speech_cues(sentence, lexicon, quotes=quotes, text=text) for sentence in sentences]
    memory = _Memory()
    results: list[Attribution | None] = []
    for index, sentence_cues in enumerate(cues):
        found = _resolve(index, sentence_cues, memory, lexicon)
        results.append(found)
        if found is not None:
            _remember(index, found, sentence_cues, memory)
        if sentence_cues.relays:
            memory.outlet = sentence_cues.relays[-1].text
        elif found is not None and found.relay:
            memory.outlet = found.relay
    _fill_quotes(results, cues, _quote_groups(text, sentences, quotes), sentences)
    return results

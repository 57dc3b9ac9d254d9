"""The words of reported speech (data/speech.yaml) and the tokens speech cues are read from.

`load_speech_lexicon` compiles the lexicon once; `tokenize` splits a sentence, its quoted words masked
(`find_quotes`, `masked_sentence`), into words classified by the lexicon: name parts, roles,
institutions, modifiers, determiners.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.prefix_tree import word_screen


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """The words of speech attribution, compiled once (see data/speech.yaml)."""

    say_verbs: frozenset[str]
    that_verbs: frozenset[str]
    tell_verbs: frozenset[str]
    inverted_verbs: frozenset[str]
    passive_say_verbs: frozenset[str]  # "the toll was confirmed by X": X spoke
    toll_verbs: frozenset[str]
    toll_objects: frozenset[str]
    not_speech_after: tuple[tuple[str, ...], ...]
    speech_after: tuple[tuple[str, ...], ...]
    statement_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    pronoun_blockers: frozenset[str]
    parenthetical_openers: frozenset[str]
    between_subject_and_verb: frozenset[str]
    documents: frozenset[str]
    anaphoric_bodies: frozenset[str]
    titles: frozenset[str]
    title_words: Mapping[str, str]
    abbreviations: frozenset[str]
    word_classes: Mapping[str, str]
    not_name_words: frozenset[str]
    not_speakers: frozenset[str]
    bare_excluded: frozenset[str]
    groups: frozenset[str]
    trigger_words: frozenset[str]
    trigger_screen: re.Pattern[str]  # finds a trigger word as a run of letters a-z (`word_screen`)
    outlets: frozenset[str]  # outlet names, words joined by one space
    outlet_max_words: int
    outlet_openings: frozenset[str]  # every start of an outlet name's first word: "A", "AF", "AFP", ...
    outlet_reference_pattern: re.Pattern[str]
    relay_before: re.Pattern[str]
    relay_after: re.Pattern[str]
    plural_say_verbs: frozenset[str] = frozenset()
    progressive_say_verbs: frozenset[str] = frozenset()
    participle_say_verbs: frozenset[str] = frozenset()
    lay_roles: frozenset[str] = frozenset()
    anaphoric_modifiers: frozenset[str] = frozenset()
    document_sequels: frozenset[str] = frozenset()  # "a second statement": one of a series already begun
    object_pronouns: Mapping[str, str] = field(default_factory=dict)
    victim_predicates: frozenset[str] = frozenset()
    continuation_blockers: frozenset[str] = frozenset()
    continuation_count_openers: tuple[tuple[str, ...], ...] = ()
    continuation_count_subjects: frozenset[str] = frozenset()
    continuation_max_words: int = 12
    max_cataphora_distance: int = 3
    max_pronoun_distance: int = 8
    media_heads: frozenset[str] = frozenset()  # "television", "news agency": a phrase naming a medium
    document_verbs: frozenset[str] = frozenset()  # "figures from X show": X speaks
    post_modifiers: tuple[tuple[str, ...], ...] = ()  # "sources close to ...": words that describe a speaker
    noun_say_verbs: frozenset[str] = frozenset()  # "reports": a verb unless a noun's follower comes next
    noun_followers: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()  # "while", "whereas": words that open a clause
    possessive_documents: frozenset[str] = frozenset()  # "by the ministry's count": the possessor speaks
    role_synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)  # "leader" -> {commander, ...}
    vague_role_words: frozenset[str] = frozenset()  # "a local official": words that name no body
    voice_roles: frozenset[str] = frozenset()  # "spokesman": a person who speaks for a body
    partitives: frozenset[str] = frozenset()  # "one of the volunteers": a part of a group speaks
    described_bodies: frozenset[str] = frozenset()  # "a war monitor said": a body the text names next
    clause_break: re.Pattern[str] | None = None  # where a sentence's next clause opens ("..., while")
    leading_clause: re.Pattern[str] | None = None  # a sentence that opens with a subordinate clause
    # the asides and post-modifiers by their last word, in their order: the ones that may end before a token
    asides_by_last_word: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    post_modifiers_by_last_word: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # a memo of word -> (lower-cased base, class, possessive): a cache, not state
    token_memo: dict[str, tuple[str, str, bool]] = field(default_factory=dict, compare=False, repr=False)


# Token classes.
CAP, TITLE, ROLE, PROLE, ORG, STMT = "CAP", "TITLE", "ROLE", "PROLE", "ORG", "STMT"
MOD, DET, PREP, CONJ, PART, PRON = "MOD", "DET", "PREP", "CONJ", "PART", "PRON"
COMMA, MASK, OTHER, PAREN = "COMMA", "MASK", "OTHER", "PAREN"  # PAREN: a bracketed name, "(ISPR)"
NP_WORDS = frozenset({CAP, TITLE, ROLE, PROLE, ORG, STMT, MOD, PART, PAREN})
HEADS = frozenset({CAP, TITLE, ROLE, PROLE, ORG, STMT})
NAME_PARTS = frozenset({CAP, TITLE, PART})
BOUNDARIES = frozenset({COMMA, MASK})
APPOSITION_STARTS = frozenset({DET, ROLE, PROLE, MOD, CAP, TITLE, ORG})

_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*(?:(?<=s)['’](?!\w))?\.?|[^\w\s]")  # "Nations’" is one word
_QUOTE_MARK = re.compile(r"[“”\"\n]")
_MODIFIER_SHAPE = re.compile(
    r"^(?:pro|anti)-|-(?:led|run|backed|installed|appointed|based|controlled|held|aligned|owned|funded|linked"
    r"|allied|affiliated|sponsored|operated|old)$"
)


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
    speech = ("plural_say_verbs", "progressive_say_verbs", "participle_say_verbs")
    verbs = (
        low["say_verbs"]
        | low["noun_say_verbs"]
        | low["that_verbs"]
        | low["tell_verbs"]
        | low["toll_verbs"]
        | low["statement_verbs"]
        | low["passive_say_verbs"]
    ).union(*(low[key] for key in speech))
    triggers = (
        verbs
        | low["document_verbs"]
        | low["possessive_documents"]
        | {"according", "citing", "quoting", "quoted", "cited", "per"}
    )
    return SpeechLexicon(
        say_verbs=low["say_verbs"],
        that_verbs=low["that_verbs"],
        tell_verbs=low["tell_verbs"],
        inverted_verbs=low["inverted_verbs"],
        passive_say_verbs=low["passive_say_verbs"],
        toll_verbs=low["toll_verbs"],
        toll_objects=low["toll_objects"],
        not_speech_after=tuple(tuple(p.lower().split()) for p in words["not_speech_after"]),
        speech_after=tuple(tuple(p.lower().split()) for p in words["speech_after"]),
        statement_verbs=frozenset(w.split()[0] for w in low["statement_verbs"]),
        person_pronouns=low["person_pronouns"],
        group_pronouns=low["group_pronouns"],
        pronoun_blockers=low["pronoun_blockers"],
        parenthetical_openers=low["parenthetical_openers"],
        between_subject_and_verb=low["between_subject_and_verb"],
        asides_by_last_word=_by_last_word(tuple(p.lower().split()) for p in words["asides_before_verb"]),
        post_modifiers_by_last_word=_by_last_word(tuple(p.lower().split()) for p in words["post_modifiers"]),
        documents=low["documents"],
        anaphoric_bodies=low["anaphoric_bodies"],
        plural_say_verbs=low["plural_say_verbs"],
        progressive_say_verbs=low["progressive_say_verbs"],
        participle_say_verbs=low["participle_say_verbs"],
        lay_roles=low["lay_roles"],
        anaphoric_modifiers=low["anaphoric_modifiers"],
        document_sequels=low["document_sequels"],
        object_pronouns={str(k).lower(): str(v).lower() for k, v in raw["object_pronouns"].items()},
        victim_predicates=low["victim_predicates"],
        continuation_blockers=low["continuation_blockers"],
        continuation_count_openers=tuple(tuple(p.split()) for p in low["continuation_count_openers"]),
        continuation_count_subjects=low["continuation_count_subjects"],
        continuation_max_words=int(raw["continuation_max_words"]),
        max_cataphora_distance=int(raw["max_cataphora_distance"]),
        media_heads=low["media_heads"],
        document_verbs=low["document_verbs"],
        noun_say_verbs=low["noun_say_verbs"],
        noun_followers=low["noun_followers"],
        possessive_documents=low["possessive_documents"],
        role_synonyms=_synonyms(raw.get("role_synonyms") or []),
        vague_role_words=frozenset(w.lower() for w in raw.get("vague_role_words") or []),
        voice_roles=low["voice_roles"],
        partitives=low["partitives"],
        clause_words=frozenset(
            w for key in ("clause_openers", "bare_clause_openers", "leading_clause_openers") for w in low[key]
        ),
        post_modifiers=tuple(tuple(p.lower().split()) for p in words["post_modifiers"]),
        described_bodies=low["described_bodies"],
        clause_break=re.compile(
            rf"(?:;\s*|,\s+(?=(?:{_alternatives(words['clause_openers'])})\s)"
            rf"|\s(?=(?:{_alternatives(words['bare_clause_openers'])})\s))",
            re.IGNORECASE,
        ),
        leading_clause=re.compile(
            rf"^\s*(?:{_alternatives(words['leading_clause_openers'])})\s", re.IGNORECASE
        ),
        titles=low["titles"],
        title_words={str(k).lower(): str(v).lower() for k, v in raw["title_words"].items()},
        abbreviations=low["abbreviations"],
        word_classes=_word_classes(low),
        not_name_words=low["not_name_words"],
        not_speakers=low["not_speakers"],
        bare_excluded=low["bare_excluded"],
        groups=low["groups"],
        trigger_words=frozenset(triggers),
        trigger_screen=word_screen(triggers, "a-z"),
        outlets=frozenset(" ".join(w.split()) for w in words["outlets"]),
        outlet_max_words=max(len(_TOKEN.findall(w)) for w in words["outlets"]),
        outlet_openings=frozenset(
            w.split()[0][:n] for w in words["outlets"] for n in range(1, len(w.split()[0]) + 1)
        ),
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


def _by_last_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases (word tuples) grouped by their last word, each group in the phrases' order."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            groups.setdefault(phrase[-1], []).append(phrase)
    return {word: tuple(group) for word, group in groups.items()}


def _phrase(words: str) -> str:
    """A regex for a phrase, any run of white space between its words."""
    return r"\s+".join(re.escape(w) for w in words.split())


def _synonyms(groups: Sequence[Sequence[str]]) -> dict[str, frozenset[str]]:
    """Each word of a synonym group mapped to its whole group (a word in two groups gets both)."""
    found: dict[str, set[str]] = {}
    for group in groups:
        words = {str(w).lower() for w in group}
        for word in words:
            found.setdefault(word, set()).update(words)
    return {word: frozenset(words) for word, words in found.items()}


def _alternatives(items: Sequence[str]) -> str:
    """A regex alternation of phrases, the longest first."""
    return "|".join(_phrase(w) for w in _longest_first(items))


def _longest_first(items: Sequence[str]) -> list[str]:
    """Phrases sorted so that an alternation prefers the longest match."""
    return sorted(set(items), key=lambda item: (-len(item), item))


# ---------------------------------------------------------------- quotes


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Quoted stretches of `text` as (start, end) including the marks; a line break closes a quote.

    A closing mark with no opening mark on its line ('bodies," said X' after a quote opened in an
    earlier paragraph) closes a quote that runs from the start of its line."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    line_start, unclosed = 0, -1  # where a quote left open at a line's end was cut
    for match in _QUOTE_MARK.finditer(text):
        mark, at = match.group(), match.start()
        if mark == "\n":
            if opened is not None:
                spans.append((opened, at))
                opened, unclosed = None, at
            line_start = at + 1
        elif mark == "“" or (mark == '"' and opened is None and not _closes(text, at)):
            opened = at if opened is None or mark == '"' else opened
        elif opened is not None:  # a closing mark
            spans.append((opened, at + 1))
            opened = None
        else:  # a closing mark on a line that opened none: the quote runs on from an earlier line
            start = max(line_start, spans[-1][1] if spans else 0)
            if spans and spans[-1][1] == unclosed and at - unclosed <= _RUN_ON_QUOTE:
                start = unclosed + 1  # paragraphs with no mark between an open quote and its close
            if at > start:
                spans.append((start, at + 1))
    if opened is not None:
        spans.append((opened, len(text)))
    return spans


_RUN_ON_QUOTE = 800  # at most this many characters from a quote left open to the mark that closes it


def _closes(text: str, at: int) -> bool:
    """Whether a straight quote mark has the shape of a closing one: after a word or a stop, before a
    space or a stop ('bodies," said')."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and before not in "([{" and not after.isalnum()


def is_speech(text: str, span: tuple[int, int]) -> bool:
    """A quote long enough to be someone's words rather than a quoted term, or a whole short sentence
    ('"Another 20 were wounded."': a capital, a lower-case word and a closing full stop)."""
    spaces = text.count(" ", span[0], span[1])
    if spaces >= 4:
        return True
    words = text[span[0] : span[1]].strip('"“”‘’ \n').split()
    return (
        spaces >= 2
        and len(words) >= 3
        and words[0][:1].isupper()
        and any(w[:1].islower() for w in words[1:])
        and words[-1][-1:] in _SENTENCE_END
    )


_SENTENCE_END = frozenset(".!?")


def masked_sentence(text: str, start: int, end: int, quotes: Sequence[tuple[int, int]]) -> str:
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


def tokenize(masked: str, offset: int, lexicon: SpeechLexicon) -> list[Tok]:
    """Split a (masked) sentence into classified tokens with Doc offsets."""
    toks: list[Tok] = []
    append = toks.append
    memo = lexicon.token_memo
    for match in _TOKEN.finditer(masked):
        word, start = match.group(), match.start() + offset
        stop = len(word) > 1 and word[-1] == "." and not _keeps_full_stop(word, lexicon)
        if stop:
            word = word[:-1]
        end = start + len(word)
        base, cls, poss = memo.get(word) or _word_class(word, lexicon)
        append(_new_tok(Tok, (word, base, start, end, cls, poss)))
        if stop:
            append(_new_tok(Tok, (".", ".", end, end + 1, OTHER, False)))
    toks = _numbered_units(_noun_modifiers(toks, lexicon))
    return _merge_brackets(toks) if "(" in masked else toks


def _numbered_units(toks: list[Tok]) -> list[Tok]:
    """Read a number right after a capitalised name word as part of the name: "Region 4", "Brigade 35"."""
    for i in range(1, len(toks)):
        tok = toks[i]
        if not tok.text.isdigit() or tok.cls != OTHER:
            continue
        before = toks[i - 1]
        if before.cls in (CAP, ORG) and before.text[0].isupper() and not before.poss:
            toks[i] = tok._replace(cls=CAP)
    return toks


_NOT_NOUN_ENDINGS = ("ed", "ing", "ly")
_BEFORE_MODIFIER = frozenset({DET, MOD, PREP, COMMA, MASK})
_MODIFIED = frozenset({ROLE, PROLE, ORG, MOD})  # what a modifier may stand before


def _after_definite_name(toks: list[Tok], i: int) -> bool:
    """Whether toks[i] follows a name that a determiner opens: "the Soran ambulance service"."""
    k = i - 1
    while k >= 0 and toks[k].cls == CAP:
        k -= 1
    return k < i - 1 and k >= 0 and toks[k].cls == DET


def _noun_modifiers(toks: list[Tok], lexicon: SpeechLexicon) -> list[Tok]:
    """Read an unknown lower-case word right before a role or an institution as a modifier: "port
    workers", "resistance group" (not a verb, a function word or a speech word: "said officials").
    Each rule needs a class the sentence may not hold: `classes` (kept in step with `toks`) skips it."""
    classes = [t.cls for t in toks]
    if not _MODIFIED.isdisjoint(classes):
        _modifiers_before_heads(toks, classes, lexicon)
    if ROLE in classes or PROLE in classes:
        _places_after_roles(toks, classes, lexicon)
    if ORG in classes:
        _domains_of_bodies(toks, classes, lexicon)
    return toks


def _modifiers_before_heads(toks: list[Tok], classes: list[str], lexicon: SpeechLexicon) -> None:
    """ "port workers", "the coastal monitoring group": an unknown word before a role or body."""
    for i in range(len(toks) - 2, -1, -1):  # right to left: "the coastal monitoring group"
        if classes[i] != OTHER or classes[i + 1] not in _MODIFIED:
            continue
        tok = toks[i]
        if (
            i > 0
            and classes[i - 1] not in _BEFORE_MODIFIER
            and toks[i - 1].low not in lexicon.trigger_words
            and not _after_definite_name(toks, i)
        ):
            continue
        low = tok.low
        if not (tok.text.isalpha() and tok.text.islower()) or low.endswith(_NOT_NOUN_ENDINGS):
            continue
        if low in lexicon.not_name_words or low in lexicon.trigger_words or low in lexicon.not_speakers:
            continue
        if low in lexicon.clause_words:  # "..., whereas police gave"
            continue
        toks[i] = tok._replace(cls=MOD)
        classes[i] = MOD


def _places_after_roles(toks: list[Tok], classes: list[str], lexicon: SpeechLexicon) -> None:
    """ "a nurse at the clinic": a place closing a speaker phrase."""
    for i in range(3, len(toks)):
        if classes[i] != OTHER or classes[i - 1] != DET or classes[i - 2] != PREP:
            continue
        tok = toks[i]
        if not (tok.text.isalpha() and tok.text.islower()) or classes[i - 3] not in (ROLE, PROLE):
            continue
        if tok.low.endswith(_NOT_NOUN_ENDINGS) or tok.low in lexicon.not_name_words:
            continue
        kin = toks[i - 2].low == "of"  # "relatives of the victims": whose relatives, not who speaks
        if (kin and tok.low in lexicon.not_speakers) or (
            tok.low not in lexicon.not_speakers and tok.low not in lexicon.trigger_words
        ):
            toks[i] = tok._replace(cls=MOD)
            classes[i] = MOD


def _domains_of_bodies(toks: list[Tok], classes: list[str], lexicon: SpeechLexicon) -> None:
    """ "the ministry of (the) interior": the domain that names the body."""
    for i in range(2, len(toks)):
        if classes[i] not in (OTHER, MOD):
            continue
        k = i - 2 if classes[i - 1] == DET else i - 1
        if k < 1 or classes[k - 1] != ORG or toks[k].low != "of":
            continue
        tok = toks[i]
        if not (tok.text.isalpha() and tok.text.islower()):
            continue
        if tok.low.endswith(_NOT_NOUN_ENDINGS) or tok.low in lexicon.not_name_words:
            continue
        if tok.low not in lexicon.not_speakers and tok.low not in lexicon.trigger_words:
            toks[i] = tok._replace(cls=ORG)
            classes[i] = ORG


def _merge_brackets(toks: list[Tok]) -> list[Tok]:
    """Make a bracketed name after a phrase one token: "the armed forces (FAMa)", "(ISPR)"."""
    out: list[Tok] = []
    i, n = 0, len(toks)
    while i < n:
        tok = toks[i]
        if tok.text == "(" and i + 2 < n and toks[i + 1].text[0].isupper():
            close = next((k for k in range(i + 2, min(i + 5, n)) if toks[k].text == ")"), None)
            if close is not None and all(t.text[0].isalnum() for t in toks[i + 1 : close]):
                inner = toks[i + 1 : close]
                text = "(" + " ".join(t.text for t in inner) + ")"
                out.append(Tok(text, text.lower(), tok.start, toks[close].end, PAREN, False))
                i = close + 1
                continue
        out.append(tok)
        i += 1
    return out


def _keeps_full_stop(word: str, lexicon: SpeechLexicon) -> bool:
    """Abbreviations (Gen., U.S.) keep their full stop; a sentence's last word does not."""
    return word.lower() in lexicon.abbreviations or "." in word[:-1]


def _word_class(word: str, lexicon: SpeechLexicon) -> tuple[str, str, bool]:
    """(lower-cased base, class, possessive) of a word, memoised in the lexicon."""
    low = word.lower()
    poss = low.endswith(("'s", "’s")) and len(low) > 2
    base = low[:-2] if poss else low
    if low.endswith(("s'", "s’")):  # a plural possessive: "the Nations’ mission"
        poss, base = True, low[:-1]
    known = lexicon.token_memo[word] = (base, _classify(word, base, lexicon, poss=poss), poss)
    return known


_new_tok = tuple.__new__  # Tok(...) without the keyword handling of its generated __new__


def find_outlets(
    masked: str, offset: int, toks: Sequence[Tok], lexicon: SpeechLexicon
) -> tuple[tuple[int, int], ...]:
    """Doc offsets of the outlet names in a sentence, longest first, not overlapping."""
    found: list[tuple[int, int]] = []
    n, openings = len(toks), lexicon.outlet_openings
    after = 0  # the first token after the outlets found so far
    for i, tok in enumerate(toks):  # the words of an outlet open with a start of its first word
        if i < after or tok.text not in openings or not (tok.text[0].isupper() or tok.text[0].isdigit()):
            continue
        for k in range(min(n, i + lexicon.outlet_max_words), i, -1):
            words = " ".join(masked[tok.start - offset : toks[k - 1].end - offset].split())
            if words in lexicon.outlets:
                found.append((tok.start, toks[k - 1].end))
                after = k
                break
    return tuple(found)


def _classify(word: str, base: str, lexicon: SpeechLexicon, *, poss: bool = False) -> str:
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
    if cls is None and (_MODIFIER_SHAPE.search(base) or (poss and not capital)):
        cls = MOD  # "Houthi-run", "pro-government", "Russian-installed"; "the people's council"
    if cls is not None:
        return CAP if cls == MOD and capital else cls  # "Human Rights Watch", "Borno State"
    if capital and base not in lexicon.not_name_words:
        return CAP
    if "-" in word and word[0].islower() and word[word.index("-") + 1 : word.index("-") + 2].isupper():
        return CAP  # al-Baghdadi, el-Sisi
    return OTHER

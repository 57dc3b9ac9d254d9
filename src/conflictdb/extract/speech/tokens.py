"""The words a sentence's speech cues are read from: `tokenize` splits a sentence (its quoted words
masked) into tokens classified by the lexicon as name parts, roles, institutions, modifiers, determiners."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from conflictdb.extract import token_stream

if TYPE_CHECKING:
    from conflictdb.extract.speech.lexicon import SpeechLexicon

# Token classes.
CAP, TITLE, ROLE, PROLE, ORG, STMT = "CAP", "TITLE", "ROLE", "PROLE", "ORG", "STMT"
MOD, DET, PREP, CONJ, PART, PRON = "MOD", "DET", "PREP", "CONJ", "PART", "PRON"
COMMA, MASK, OTHER, PAREN = "COMMA", "MASK", "OTHER", "PAREN"  # PAREN: a bracketed name, "(ISPR)"
NP_WORDS = frozenset({CAP, TITLE, ROLE, PROLE, ORG, STMT, MOD, PART, PAREN})
HEADS = frozenset({CAP, TITLE, ROLE, PROLE, ORG, STMT})
NAME_PARTS = frozenset({CAP, TITLE, PART})
BOUNDARIES = frozenset({COMMA, MASK})
APPOSITION_STARTS = frozenset({DET, ROLE, PROLE, MOD, CAP, TITLE, ORG})


class Tok(NamedTuple):
    """One word of a sentence, with offsets in the Doc and its lexicon class."""

    text: str
    low: str  # lower-cased, without a possessive 's
    start: int
    end: int
    cls: str
    poss: bool


def tokenize(masked: str, offset: int, lexicon: SpeechLexicon) -> list[Tok]:
    """Split a (masked) sentence into classified tokens with Doc offsets."""
    toks: list[Tok] = []
    append = toks.append
    memo = lexicon.token_memo
    words = token_stream.join_words(token_stream.tokenize(masked), masked)  # "Nations’" is one word
    for start, _, word in words:
        start += offset
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
        if not (tok.text.isalpha() and tok.text.islower()) or low.endswith(lexicon.not_noun_endings):
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
        if tok.low.endswith(lexicon.not_noun_endings) or tok.low in lexicon.not_name_words:
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
        if tok.low.endswith(lexicon.not_noun_endings) or tok.low in lexicon.not_name_words:
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
    if cls is None and (lexicon.modifier_shape.search(base) or (poss and not capital)):
        cls = MOD  # "Houthi-run", "pro-government", "Russian-installed"; "the people's council"
    if cls is not None:
        return CAP if cls == MOD and capital else cls  # "Human Rights Watch", "Borno State"
    if capital and base not in lexicon.not_name_words:
        return CAP
    if "-" in word and word[0].islower() and word[word.index("-") + 1 : word.index("-") + 2].isupper():
        return CAP  # al-Baghdadi, el-Sisi
    return OTHER

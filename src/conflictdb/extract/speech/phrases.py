"""Speaker noun phrases over classified tokens: where a phrase before or after a cue starts and
ends, its head word, the name at its end and the role before the name."""

from __future__ import annotations

from collections.abc import Sequence

from conflictdb.extract.speech.lexicon import SpeechLexicon
from conflictdb.extract.speech.tokens import (
    BOUNDARIES,
    CAP,
    CONJ,
    DET,
    HEADS,
    MOD,
    NAME_PARTS,
    NP_WORDS,
    ORG,
    PAREN,
    PREP,
    TITLE,
    Tok,
)


def np_before(toks: Sequence[Tok], end: int) -> int | None:
    """Start of the speaker phrase that ends just before `end`, or None."""
    i = end - 1
    if i < 0 or not ends_phrase(toks, i):
        return None
    start, j, preps, joined = i, i - 1, 0, None
    while j >= 0:
        cls = toks[j].cls
        if cls in NP_WORDS:
            start = j
        elif cls == DET:
            start = j
            if not (j >= 2 and toks[j - 1].cls in (PREP, CONJ) and toks[j - 2].cls in NP_WORDS and preps < 2):
                break
            if toks[j - 1].cls == CONJ:
                joined = j  # "two doctors and a nurse": coordinated speakers
        elif cls in (PREP, CONJ) and j > 0 and toks[j - 1].cls in NP_WORDS and preps < 2:
            preps += not _inside_name(toks, j)
        else:
            break
        j -= 1
    if joined is not None and start > 0 and toks[start - 1].cls not in BOUNDARIES:
        return joined  # "killed two militants and the army said": the coordination is not the speaker's
    return start


def _inside_name(toks: Sequence[Tok], j: int) -> bool:
    """Whether the preposition or "and" at j joins the words of one name: "Observatory for Human Rights"."""
    after = j + 2 if j + 2 < len(toks) and toks[j + 1].cls == DET else j + 1
    return j > 0 and after < len(toks) and toks[j - 1].cls == CAP and toks[after].cls == CAP


def ends_phrase(toks: Sequence[Tok], i: int) -> bool:
    """Whether token i can end a speaker phrase: a head, or a place noun after a name ("Kunar province")."""
    cls = toks[i].cls
    if cls == PAREN:
        return i > 0 and ends_phrase(toks, i - 1)
    if cls == MOD:  # "Kunar province", "a source in the (regional) capital"
        if i > 0 and toks[i - 1].cls == CAP:
            return True
        k = i - 1
        while k > 0 and toks[k].cls == MOD:
            k -= 1
        return k > 0 and toks[k].cls == DET and toks[k - 1].cls == PREP
    return cls in HEADS


def semantic_head(toks: Sequence[Tok], s: int, e: int) -> Tok:
    """The word a phrase is about: the last head before a preposition ("spokesman" in "a spokesman for X")."""
    for k in range(s + 1, e):
        if toks[k].cls == PREP:
            e = k
            break
    for k in range(e - 1, s - 1, -1):
        if toks[k].cls in HEADS:
            return toks[k]
    return toks[e - 1]


def np_after(toks: Sequence[Tok], begin: int) -> int | None:
    """End (exclusive) of the speaker phrase that starts at `begin`, or None."""
    n, j, last_head, preps = len(toks), begin, None, 0
    while j < n:
        cls = toks[j].cls
        if cls in NP_WORDS:
            if ends_phrase(toks, j):
                last_head = j
        elif cls == DET and (j == begin or toks[j - 1].cls in (PREP, CONJ)):
            pass
        elif cls in (PREP, CONJ) and last_head is not None and j + 1 < n and preps < 2:
            if toks[j + 1].cls not in NP_WORDS and toks[j + 1].cls != DET:
                break
            preps += not _inside_name(toks, j)
        else:
            break
        j += 1
    return None if last_head is None else last_head + 1


def name_span(toks: Sequence[Tok], s: int, e: int, lexicon: SpeechLexicon) -> tuple[int, int] | None:
    """The person's name at the end of phrase toks[s:e] (titles included), or None."""
    if e <= s or toks[e - 1].cls != CAP or toks[e - 1].poss or toks[e - 1].text.isdigit():
        return None  # "Region 4": a numbered unit, not a person
    r = e - 1
    while r > s and toks[r - 1].cls in NAME_PARTS and not toks[r - 1].poss:
        r -= 1
    titles = [k for k in range(r, e) if toks[k].cls == TITLE]
    if titles:
        k = titles[-1]
        while k > r and toks[k - 1].cls == TITLE:
            k -= 1
        return k, e
    k = r - 1
    while k > s and toks[k].cls == MOD:
        k -= 1  # "authorities in northern Cameroon": a place after a preposition, not a name
    if r > s and toks[k].cls in (DET, PREP, ORG, CONJ) and (k == r - 1 or toks[k].cls == PREP):
        return None
    run = " ".join(t.low for t in toks[r:e])
    if run in lexicon.groups or any(t.low in lexicon.groups for t in toks[r:e]):
        return None
    if run in lexicon.not_speakers:
        return None
    return r, e


def strip_role(toks: Sequence[Tok], s: int, e: int) -> tuple[int, int]:
    """Drop leading determiners and possessors from a role: "Herat's provincial spokesman"."""
    while s < e and (toks[s].cls in (DET, PREP, CONJ) or toks[s].poss):
        s += 1
    while e > s and toks[e - 1].cls in (DET, PREP, CONJ):
        e -= 1
    return s, e


def phrase_text(text: str, toks: Sequence[Tok], s: int, e: int, offset: int) -> str:
    """The Doc text covered by toks[s:e]."""
    return text[toks[s].start - offset : toks[e - 1].end - offset]

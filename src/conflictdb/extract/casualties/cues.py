"""Casualty cue words in one sentence ("were killed", "killing", "the death toll rose to"), and the cue
each victim phrase is bound to: the one before it ("killing at least 5 soldiers") or after it ("four
guards, two civilians and a driver were killed"), across lists, asides and short clauses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from conflictdb.extract.casualties.grammar import MASK
from conflictdb.extract.casualties.lexicon import COMBINED, KILLED, CasualtyLexicon, CueWord
from conflictdb.extract.casualties.phrases import find_phrases, norm
from conflictdb.extract.casualties.victims import Victims
from conflictdb.extract.token_stream import Token, glued_words, run_texts, tokenize
from conflictdb.records import Figure, quick_init

QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
ASIDE = re.compile(r"\s*\([^()\d]{1,40}\)")  # "(the Sahel branch)", "(celebration)": words in brackets
ADVERB = re.compile(r"[a-z]{2,}ly")  # "were brutally murdered"
GAP_GLUE = frozenset("'’-")  # marks a gap word holds: "o'clock", "hit-and-run"
APOSTROPHES = frozenset("'’")


@quick_init
@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in the sentence."""

    start: int
    end: int
    word: CueWord
    estimate: bool = False  # "may have been killed": the number is an upper bound


@dataclass(slots=True)
class Bound:
    """A figure being built: its victims, the cue they were bound to and the figure so far."""

    victims: Victims
    cue: Cue | None
    start: int
    end: int
    figure: Figure
    reference: bool = False
    own: bool = False  # a sub-count with no total before it in its sentence


def _words_before(text: str, end: int, lexicon: CasualtyLexicon) -> list[str]:
    """The last few words before `end` (`reach.modality_words`), nearest first, lower case."""
    reach = lexicon.reach
    words = glued_words(text[max(0, end - reach.modality_chars) : end].lower(), APOSTROPHES)
    return words[::-1][: reach.modality_words]


def _modality(text: str, start: int, lexicon: CasualtyLexicon) -> str | None:
    """ "blocked" for a negated or hypothetical cue ("were not killed", "could kill"), "estimate" for
    a past possibility ("may have been killed"), None for a plain report."""
    skipped: list[str] = []
    for word in _words_before(text, start, lexicon):
        if word in lexicon.aux_skip:
            skipped.append(word)
            continue
        if word in lexicon.estimate_modals and "have" in skipped:
            return "estimate"
        if word in lexicon.modal_words or word in lexicon.negation_words or word.endswith("n't"):
            return "blocked"
        return None
    return None


def find_cues(text: str, lexicon: CasualtyLexicon, tokens: list[Token] | None = None) -> list[Cue]:
    """Casualty cue words in `text` that report a fact (not negated, not a threat)."""
    tokens = tokens if tokens is not None else tokenize(text)
    found = [
        (start, end, lexicon.cue_words[phrase])
        for start, end, phrase in find_phrases(tokens, lexicon.cue_index)
    ]
    if any(piece in text for piece in lexicon.grammar.split_killed_screen):  # "shot two men to death"
        taken = {start for start, _, _ in found}
        split = (m.span("verb") for m in lexicon.split_killed_cue.finditer(text))
        found += ((start, end, SPLIT_KILLED) for start, end in split if start not in taken)
        found.sort(key=lambda f: f[0])
    cues = []
    for start, end, word in found:
        modality = _modality(text, start, lexicon)
        if modality != "blocked":
            cues.append(Cue(start, end, word, estimate=modality == "estimate"))
    return cues


SPLIT_KILLED = CueWord(KILLED, after=False, before=True)  # "shot two men to death"

COMBINED_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def split_combined(text: str, cues: list[Cue], victims: list[Victims], lexicon: CasualtyLexicon) -> list[Cue]:
    """ "left seven people dead and injured 16": a combined cue with victims on both sides is two cues."""
    starts = {v.start for v in victims if v.quantity.has_number}
    out = []
    for cue in cues:
        joint = COMBINED_AND.search(text, cue.start, cue.end) if cue.word.outcome == COMBINED else None
        after = re.match(r"\s*", text[cue.end :]).end() + cue.end if joint else -1
        left = lexicon.cue_words.get(norm(text[cue.start : joint.start()])) if joint else None
        right = lexicon.cue_words.get(norm(text[joint.end() : cue.end])) if joint else None
        if after not in starts or left is None or right is None or not left.after or not right.before:
            out.append(cue)
            continue
        out += [Cue(cue.start, joint.start(), left), Cue(joint.end(), cue.end, right)]
    return out


# ---------------------------------------------------------------- binding victims to cues


def _masked(text: str, start: int, end: int, victims: list[Victims]) -> str:
    """text[start:end] with each other victim phrase inside replaced by MASK."""
    parts = []
    pos = start
    for v in victims:
        if v.start >= pos and v.end <= end:
            parts.append(text[pos : v.start])
            parts.append(f" {MASK} ")
            pos = v.end
    parts.append(text[pos:end])
    return "".join(parts)


def gap_words(text: str) -> list[str]:
    """Words and punctuation of a gap, quotes dropped."""
    return [word for word in run_texts(text, GAP_GLUE) if word not in QUOTES]


def _list_prefix(words: list[str], lexicon: CasualtyLexicon) -> tuple[int, bool]:
    """Length of a leading list of other victims (", Q and Q ,") and whether it held any."""
    i = 0
    listed = False
    while i < len(words) and words[i].lower() in lexicon.grammar.list_tokens:
        listed = listed or words[i] == MASK
        i += 1
    return i, listed


def _passive_gap(text: str, victims: Victims, cue: Cue, others: list[Victims], lexicon: CasualtyLexicon):
    """(ok, listed, has_aux) for victims before their cue: "four guards, two civilians ..., were"."""
    gap = ASIDE.sub(" ", _masked(text, victims.end, cue.start, others))
    gap, asides = lexicon.parenthetical.subn(" , ", gap)
    grammar = lexicon.grammar
    gap = grammar.including_mask.sub(" ", gap)  # "nine rebels including a commander were killed"
    gap = lexicon.list_words.sub(" and ", gap)
    lead = grammar.list_lead.match(
        gap
    )  # "two guards and a woman who sold tea were killed": the last one's clause
    gap = gap[: lead.end()] + _without_modifier(gap[lead.end() :], lexicon)
    joined = lexicon.coordinated_passive.search(gap)  # "were abducted and later shot dead"
    if joined:
        gap = gap[: joined.start()] + " was "
    words = gap_words(gap)
    skip, listed = _list_prefix(words, lexicon)
    rest = [w.lower() for w in words[skip:]]
    first = text[cue.start : cue.end].split()[0].lower()
    has_aux = any(w in grammar.passive_aux for w in rest) or first in grammar.aux
    if not all(w in lexicon.passive_gap or w == "," or ADVERB.fullmatch(w) for w in rest):
        return False, listed, has_aux
    if skip and not listed and not has_aux and not asides:
        return False, listed, has_aux  # "5 soldiers, wounded 3": a bare comma is no passive
    return True, listed, has_aux


def _without_modifier(gap: str, lexicon: CasualtyLexicon) -> str:
    """The gap after victims without a short prepositional phrase, or a relative or participle clause, that
    opens it."""
    pp = lexicon.grammar.pp_gap.match(gap)
    if pp:
        gap = gap[pp.end() :]
    relative = lexicon.grammar.relative_gap.match(gap) or lexicon.participle_gap.match(gap)
    if relative and not lexicon.dangling_end.search(relative.group(0)):
        gap = gap[relative.end() :]
    return gap


def _toll_gap(words: list[str], victims: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "the death toll from ... has risen to", "the toll could be as high as": a number's way to its toll."""
    if MASK in words or (words and words[-1].lower() not in lexicon.toll_end_words):
        return False
    lower = {w.lower() for w in words}
    limit = lexicon.toll_max_long_gap if lower & lexicon.toll_verbs else lexicon.toll_max_gap
    if lower & lexicon.modal_words and victims.quantity.min is not None:
        return False  # "the toll could rise to 40" is a fear; "could be as high as 40" an estimate
    return len(words) <= limit


def _active_gap(text: str, cue: Cue, victims: Victims, others: list[Victims], lexicon: CasualtyLexicon):
    """(ok, listed) for victims after their cue: "killing at least", "killed Q and"."""
    gap = lexicon.list_words.sub(" and ", _masked(text, cue.end, victims.start, others))
    if cue.word.toll:  # "the death toll, which includes three children, stands at": the aside passed over
        gap = lexicon.grammar.toll_aside.sub(" ", lexicon.parenthetical.sub(" ", gap))
    words = gap_words(gap)
    if cue.word.toll:  # "the toll may rise as rescuers search the ruins of a school": no toll of one
        opening = text[victims.start : victims.end].split(None, 1)[0].lower()
        one = victims.quantity.min == 1 and victims.quantity.max == 1 and opening in lexicon.toll_articles
        return not one and _toll_gap(words, victims, lexicon), False
    listed = MASK in words
    seen_q = False
    for word in words:
        low = word.lower()
        if word == MASK:
            seen_q = True
        elif low in lexicon.grammar.list_joints:
            if not seen_q:
                return False, False
        elif low not in lexicon.active_gap:
            return False, False
    return True, listed


def told_found(text: str, victims: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "the body of a porter was pulled from the canal": the victims' body is told found after them."""
    return lexicon.found_after.match(text, victims.end) is not None


def _takes_object(text: str, cue: Cue, starts: set[int], lexicon: CasualtyLexicon) -> bool:
    """True when a victim phrase follows the cue: "gunmen killed three soldiers" is active."""
    grammar = lexicon.grammar
    after = grammar.object_lead.match(text[cue.end :])
    pos = cue.end + (after.end() if after else 0)
    near = cue.end + len(text[cue.end :]) - len(text[cue.end :].lstrip())  # "killed at least 20 people"
    return pos in starts or near in starts or bool(grammar.reflexive.match(text[pos:]))


def bind_cue(
    text: str,
    victims: Victims,
    cues: list[Cue],
    others: list[Victims],
    lexicon: CasualtyLexicon,
    starts: set[int],
) -> Cue | None:
    """The cue that tells what happened to `victims`, or None."""
    right = next((c for c in cues if c.start >= victims.end), None)
    left = next((c for c in reversed(cues) if c.end <= victims.start), None)
    options = []
    if right is not None and right.word.after:
        ok, listed, has_aux = _passive_gap(text, victims, right, others, lexicon)
        if ok and (has_aux or not right.word.before or not _takes_object(text, right, starts, lexicon)):
            options.append((listed, False, 0 if has_aux else 1, right))
    subject = (victims.bare or victims.category is None) and lexicon.grammar.subject_of_verb.match(
        text, victims.end
    )
    if left is not None and left.word.before and not subject:
        ok, listed = _active_gap(text, left, victims, others, lexicon)
        if ok:  # a toll yields to a cue right after the number: "revised to 11 wounded"
            options.append((listed, left.word.toll, 0, left))
    if not options:
        return None
    return min(options, key=lambda o: o[:3])[3]

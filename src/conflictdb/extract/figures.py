"""Casualty figures in one sentence: "Two drivers, three pilgrims and at least six police died".

Finding works on the sentence text with the lexicon compiled from data/casualties.yaml
(extract/casualty_lexicon.py): quantities (extract/numbers.py) are read with the victim phrase that
follows them ("four guards", "nine dead women", "17 bodies"), cue words are found ("were killed",
"killing", "the death toll rose to"), and each quantity is bound to the cue next to it, through lists
("two drivers, three pilgrims and at least six police died") and asides (", including three
children,"). Building turns the bound quantities into `Figure`s: one category's list is summed ("a
woman and her two daughters" = 3), sub-counts are marked, and figures in a denied, asked or supposed
clause (extract/casualty_stance.py) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span as SpacySpan

from conflictdb.extract.casualty_lexicon import (
    COMBINED,
    INHERIT,
    INJURED,
    KILLED,
    CasualtyLexicon,
    CueWord,
    Token,
    find_phrases,
    load_casualty_lexicon,
    norm,
    tokenize,
)
from conflictdb.extract.casualty_stance import StanceMatch, is_question, stance_in_text, void_spans
from conflictdb.extract.casualty_victims import (
    PRONOUN,
    ZERO,
    Hit,
    Victims,
    category_at,
    category_before,
    find_victims,
    open_victim_hits,
    resolve_category,
    victim_hits,
)
from conflictdb.extract.numbers import Quantity
from conflictdb.extract.sentences import span_text
from conflictdb.folded import lowered, search_in
from conflictdb.records import Category, Figure, Outcome, quick_init, replace

__all__ = [
    "FigureMatch",
    "StanceMatch",
    "find_figures",
    "find_stance",
    "figures_in_text",
    "load_casualty_lexicon",
]

AUX = frozenset({"were", "was", "have", "has", "had", "are", "is", "been", "being", "be", "got"})
PASSIVE_AUX = AUX - {"have", "has", "had"}  # "two men who had killed a guard" is active
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
CHILD_WORDS = re.compile(
    r"\b(?:child|children|kids?|boys?|girls?|infants?|bab(?:y|ies)|minors?|toddlers?|sons?|daughters?)\b",
    re.I,
)
WOMEN_WORDS = re.compile(r"\b(?:wom[ae]n|mothers?|wi(?:fe|ves)|sisters?)\b", re.I)
INCLUDING_MASK = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+\x00", re.IGNORECASE)
# "a peacekeeper with the UN mission was killed", "eleven gunners from the old coastal artillery battery were
# killed": a prepositional phrase of up to four words after its article, before the verb
PP_GAP = re.compile(
    r"\s*(?:with|of|from|in|serving\s+with|attached\s+to)\s+(?:(?:the|a|an)\s+)?(?:[\w'’.-]+\s+){0,4}?"
    r"(?:\([A-Z][\w.&-]*\)\s+)?"
    r"(?=(?:was|were|had|has|have|is|are)\b|\s*$)",
    re.IGNORECASE,
)
AMONG_AFTER = re.compile(r"[\s,]*(?:were|was|are|is)\s+(?:\w+\s+)?among\b", re.IGNORECASE)
CLAUSE_FOLLOWS = re.compile(r"[\s\"”’']*(?:[.;,)]|$)")
# "we lost four men and two are unaccounted for": a bare number before a verb of its own is its subject
SUBJECT_OF_VERB = re.compile(
    r"\s+(?:(?:still|also|now|all)\s+)?(?:are|were|is|was|remain|remains|remained)\b(?!\s+(?:among|of)\b)",
    re.I,
)
AMONG = re.compile(
    r"\s+among\s+(?:(?:the|its|their|our|his|her)\s+)?", re.IGNORECASE
)  # "no casualties among"
LIVES_AFTER = re.compile(r"\s+lives\b", re.IGNORECASE)  # "claimed six lives": no group named
# "two of our members who tried to stop the raiders were also killed": a relative clause before the verb
# "nine guards who were on duty died", "30 villagers, who had fled, were killed": the clause may also end
# right before a cue that carries its own auxiliary or takes no object
RELATIVE_GAP = re.compile(
    r"\s*,?\s*(?:who|that)\s+[^\x00,;:()]{1,60}?\s*,?\s*(?=(?:\b(?:were|was)\s+(?:\w+\s+)?)?$)", re.I
)
ASIDE = re.compile(r"\s*\([^()\d]{1,40}\)")  # "(the Sahel branch)", "(celebration)": words in brackets
TOLL_ASIDE = re.compile(r"\s*,\s*(?:which|that)\s+[^,;:]{1,60},", re.IGNORECASE)  # ", which includes Q,"
OF_END = re.compile(r"\bof\s+$", re.IGNORECASE)
SAME_NUMBER = "as many"  # the vague word of "as many others": the number of the figure before
ADVERB = re.compile(r"[a-z]{2,}ly")  # "were brutally murdered"
MASK = "\x00"  # stands for another victim phrase inside a gap
LIST_LEAD = re.compile(r"(?:(?:\s*(?:,|and\b|or\b|&))*\s*\x00)*", re.IGNORECASE)  # ", Q and Q"
WORD = re.compile(r"\x00|[\w'’-]+|[^\w\s]")


@quick_init
@dataclass(frozen=True, slots=True)
class FigureMatch:
    """A figure found in a sentence, with the Doc character range of the words it was read from."""

    figure: Figure
    start: int
    end: int
    reference: bool = False  # "of the four injured": a toll already given, if the article gave it
    bare: bool = False  # "killing three": no word says who the victims were
    own: bool = False  # a sub-count told as a statement of its own ("Nine of the dead were policemen")


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


# ---------------------------------------------------------------- finding cues


def _words_before(text: str, end: int, count: int) -> list[str]:
    """The last `count` words before `end`, nearest first, lower case."""
    words = re.findall(r"[\w'’]+", text[max(0, end - 60) : end].lower())
    return words[::-1][:count]


def _modality(text: str, start: int, lexicon: CasualtyLexicon) -> str | None:
    """ "blocked" for a negated or hypothetical cue ("were not killed", "could kill"), "estimate" for
    a past possibility ("may have been killed"), None for a plain report."""
    skipped: list[str] = []
    for word in _words_before(text, start, 5):
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
    if " to death" in text or " dead" in text:  # "shot two men to death", "shot him dead"
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


def _split_combined(
    text: str, cues: list[Cue], victims: list[Victims], lexicon: CasualtyLexicon
) -> list[Cue]:
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


def _words(text: str) -> list[str]:
    """Words and punctuation of a gap, quotes dropped."""
    return [w for w in WORD.findall(text) if w not in QUOTES]


LIST_TOKENS = frozenset({",", "and", "or", "&", MASK, "—", "–", "his", "her", "their", "its", "our", "my"})


def _list_prefix(words: list[str]) -> tuple[int, bool]:
    """Length of a leading list of other victims (", Q and Q ,") and whether it held any."""
    i = 0
    listed = False
    while i < len(words) and words[i].lower() in LIST_TOKENS:
        listed = listed or words[i] == MASK
        i += 1
    return i, listed


def _passive_gap(text: str, victims: Victims, cue: Cue, others: list[Victims], lexicon: CasualtyLexicon):
    """(ok, listed, has_aux) for victims before their cue: "four guards, two civilians ..., were"."""
    gap = ASIDE.sub(" ", _masked(text, victims.end, cue.start, others))
    gap, asides = lexicon.parenthetical.subn(" , ", gap)
    gap = INCLUDING_MASK.sub(" ", gap)  # "nine rebels including a commander were killed"
    gap = lexicon.list_words.sub(" and ", gap)
    lead = LIST_LEAD.match(gap)  # "two guards and a woman who sold tea were killed": the last one's clause
    gap = gap[: lead.end()] + _without_modifier(gap[lead.end() :], lexicon)
    joined = lexicon.coordinated_passive.search(gap)  # "were abducted and later shot dead"
    if joined:
        gap = gap[: joined.start()] + " was "
    words = _words(gap)
    skip, listed = _list_prefix(words)
    rest = [w.lower() for w in words[skip:]]
    has_aux = any(w in PASSIVE_AUX for w in rest) or text[cue.start : cue.end].split()[0].lower() in AUX
    if not all(w in lexicon.passive_gap or w == "," or ADVERB.fullmatch(w) for w in rest):
        return False, listed, has_aux
    if skip and not listed and not has_aux and not asides:
        return False, listed, has_aux  # "5 soldiers, wounded 3": a bare comma is no passive
    return True, listed, has_aux


def _without_modifier(gap: str, lexicon: CasualtyLexicon) -> str:
    """The gap after victims without a short prepositional phrase, or a relative or participle clause, that
    opens it."""
    pp = PP_GAP.match(gap)
    if pp:
        gap = gap[pp.end() :]
    relative = RELATIVE_GAP.match(gap) or lexicon.participle_gap.match(gap)
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
        gap = TOLL_ASIDE.sub(" ", lexicon.parenthetical.sub(" ", gap))
    words = _words(gap)
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
        elif low in {",", "and", "&"}:
            if not seen_q:
                return False, False
        elif low not in lexicon.active_gap:
            return False, False
    return True, listed


def _told_found(text: str, victims: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "the body of a porter was pulled from the canal": the victims' body is told found after them."""
    return lexicon.found_after.match(text, victims.end) is not None


def _takes_object(text: str, cue: Cue, starts: set[int]) -> bool:
    """True when a victim phrase follows the cue: "gunmen killed three soldiers" is active."""
    after = re.match(
        r"[\s\"“”'’]*(?:(?:another|the|at\s+least|some|about|all|his|their|its)\s+)*", text[cue.end :]
    )
    pos = cue.end + (after.end() if after else 0)
    near = cue.end + len(text[cue.end :]) - len(text[cue.end :].lstrip())  # "killed at least 20 people"
    return pos in starts or near in starts or bool(re.match(r"(?:him|her|them)sel(?:f|ves)\b", text[pos:]))


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
        if ok and (has_aux or not right.word.before or not _takes_object(text, right, starts)):
            options.append((listed, False, 0 if has_aux else 1, right))
    subject = (victims.bare or victims.category is None) and SUBJECT_OF_VERB.match(text, victims.end)
    if left is not None and left.word.before and not subject:
        ok, listed = _active_gap(text, left, victims, others, lexicon)
        if ok:  # a toll yields to a cue right after the number: "revised to 11 wounded"
            options.append((listed, left.word.toll, 0, left))
    if not options:
        return None
    return min(options, key=lambda o: o[:3])[3]


# ---------------------------------------------------------------- building figures


def _figure(victims: Victims, outcome: str, category: Category, words: str, *, part: bool, cue: Cue | None):
    """One Figure from bound victims."""
    q = victims.quantity
    low, high = q.min, q.max
    if cue is not None and cue.estimate and low is not None and low == high:
        low = None  # "nine people may have been killed": at most nine
    return Figure(
        outcome=Outcome(outcome),
        category=category,
        min=low,
        max=high,
        approximate=q.approximate,
        vague=q.vague,
        part_of_total=part,
        words=words,
    )


def _outcomes(outcome: str, quantity: Quantity) -> tuple[str, ...]:
    """The outcomes a cue gives a quantity; a combined count only counts as an explicit zero."""
    if outcome != COMBINED:
        return (outcome,)
    return (KILLED, INJURED) if quantity.min == 0 and quantity.max == 0 else ()


def _fill_subcount(bounds: list[Bound], sub: Figure) -> None:
    """Put "including 5 children" on the total it belongs to (women/children fields)."""
    if sub.min is None or sub.min != sub.max:
        return
    for bound in reversed(bounds):
        total = bound.figure
        if total.part_of_total or total.outcome is not sub.outcome:
            continue
        if CHILD_WORDS.search(sub.words) and total.children is None:
            bound.figure = replace(total, children=sub.min)
        elif WOMEN_WORDS.search(sub.words) and total.women is None:
            bound.figure = replace(total, women=sub.min)
        return


def _zero_noun_figures(
    text: str,
    lexicon: CasualtyLexicon,
    taken: list[tuple[int, int]],
    hits: list[Hit],
    country: str | None,
) -> list[Bound]:
    """ "there were no casualties", "no civilian deaths", "no casualties among the guards": zero figures,
    one per outcome."""
    found = []
    for match in lexicon.zero_noun.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        adj = norm(match.group("adj"))
        if "of" in adj.split():
            continue  # "no mention of civilian casualties", "no reports of casualties"
        outcome = lexicon.zero_noun_outcome.get(norm(match.group("noun")), COMBINED)
        category = Category.CIVILIANS if "civilian" in adj else Category.UNSPECIFIED
        if "military" in adj or "security" in adj:
            category = Category.SECURITY_FORCES
        among = AMONG.match(text, match.end())
        if among and category is Category.UNSPECIFIED:
            category = category_at(text, among.end(), hits, country, lexicon) or category
        victims = Victims(match.start(), match.end(), ZERO, category)
        for out in _outcomes(outcome, ZERO):
            figure = Figure(Outcome(out), category, 0, 0, words=match.group(0))
            found.append(Bound(victims, None, match.start(), match.end(), figure))
    return found


def _possessor(text: str, cue: Cue, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon):
    """The category of the force before "lost": "Arakan Army fighters, who lost five men"."""
    before = [h for h in hits if h[1] <= cue.start and cue.start - h[1] <= 30]
    if not before or not lexicon.possessor_gap.fullmatch(text, before[-1][1], cue.start):
        return None
    return resolve_category([before[-1][2]], country, lexicon)


def _category(v: Victims, cue: Cue | None, context: tuple, lexicon: CasualtyLexicon) -> Category | None:
    """The victims' category; None when they are not the casualties the cue speaks of."""
    text, hits, country, last = context
    category = v.category or (last.figure.category if last else Category.UNSPECIFIED)
    if v.category is None and last is None and v.of_outcome == INHERIT:
        category = category_before(text, v.start, hits, country, lexicon) or category
    if v.category is None and last is not None and _others_of_a_group(text, v, last):
        category = Category.UNSPECIFIED  # "killing four children and wounding 15 others"
    if v.category is None and cue is not None and cue.word.toll:  # a toll counts all the dead of the event
        category = _toll_category(text, cue, lexicon) or Category.UNSPECIFIED
    if cue is not None and cue.word.forces_only:
        if category is Category.CIVILIANS and not _family_loss(text, cue, v, lexicon):
            return None  # "the widow lost two sons": a bereavement told as background
        if category is Category.UNSPECIFIED:
            category = _possessor(text, cue, hits, country, lexicon) or category
    return category


def _family_loss(text: str, cue: Cue, v: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "a trader lost his three sons in the blast": a possessive says whose dead they were, and the loss
    is told for itself, not to say which person speaks ("a farmer who lost his son told us")."""
    own = lexicon.loss_of_own.search(text, cue.end, v.end)
    return bool(own) and not lexicon.loss_names_the_speaker.search(text, 0, cue.start)


def _toll_category(text: str, cue: Cue, lexicon: CasualtyLexicon) -> Category | None:
    """ "the civilian death toll rose to 31": the word before a toll says whose it is."""
    word = lexicon.toll_category.search(text, max(0, cue.start - 30), cue.start)
    return Category(lexicon.toll_category_of[norm(word.group("word"))]) if word else None


def _others_of_a_group(text: str, v: Victims, last: Bound) -> bool:
    """ "15 others" after children or women, or "six lives": victims that are not of the group before."""
    words = text[v.start : v.end].lower()
    if LIVES_AFTER.match(text, v.end):
        return True
    group = text[last.victims.start : last.victims.end]
    return "other" in words and bool(CHILD_WORDS.search(group) or WOMEN_WORDS.search(group))


def _bind_all(
    text: str, lexicon: CasualtyLexicon, cues: list[Cue], victims: list[Victims], context
) -> list[Bound]:
    """Bind every victims phrase to its cue and build its figure(s)."""
    hits = context[1]
    low = lowered(text)  # the windows before each victims phrase are searched in lower case
    starts = {v.start for v in victims} | {h[0] for h in hits}
    bounds: list[Bound] = []
    last: Bound | None = None  # the last total, for ellipsis: "20 civilians had died; an elder said 35"
    previous: tuple[int, bool] = (-1, False)  # end and sub-count mark of the victims before
    for v in victims:
        reference = bool(search_in(lexicon.partitive_reference, text, low, max(0, v.start - 30), v.start))
        reference = reference or v.quantity is PRONOUN  # "he was killed": the one victim told before, if any
        if v.quantity.vague == SAME_NUMBER and last is not None and last.figure.has_number:
            v = replace(v, quantity=Quantity(last.figure.min, last.figure.max))  # "and as many others"
        marked = bool(v.of_outcome) or bool(
            search_in(lexicon.subcount_before, text, low, max(0, v.start - 40), v.start)
        )
        chained = previous[1] and v.category is not None  # "including three soldiers and a journalist"
        marked = marked or (chained and bool(lexicon.list_gap.fullmatch(text, previous[0], v.start)))
        of_a_group = v.of_outcome == INHERIT and last is None  # "killed 20 of them": no toll, a group
        sub = (marked and last is not None) or (bool(v.of_outcome) and not of_a_group)
        previous = (v.end, sub)  # "Among the dead were three herders and a girl": no total, no part
        cue = bind_cue(text, v, cues, victims, lexicon, starts)
        if v.of_outcome and search_in(OF_END, text, low, max(0, v.start - 10), v.start):
            continue  # "a parent of one of the injured students": a reference inside a phrase
        outcome = v.of_outcome if v.of_outcome in (KILLED, INJURED) else None
        if v.of_outcome == INHERIT and cue is not None:
            outcome = cue.word.outcome  # "27 wounded people, five of whom arrived dead"
        own_cue = cue is not None and cue.end <= v.start and not text[cue.end : v.start].strip()
        if outcome is None and marked and last is not None and not v.own_outcome and not own_cue:
            outcome = last.figure.outcome.value  # "including three soldiers": what its total counts
        outcome = outcome or v.own_outcome or (cue.word.outcome if cue else None)
        if outcome is None and v.bare and last is not None and _ellipsis(text, v, lexicon):
            outcome = last.figure.outcome.value
        at_own_place = outcome is None and v.bare and _place_part(text, last, v, lexicon)
        if at_own_place:  # "killed two people in A and three in B": the toll before, at another place
            outcome = last.figure.outcome.value
        second_part = _second_where_part(text, last, v, lexicon, bounds) and (
            outcome is None
            or (outcome == last.figure.outcome.value and v.category in (None, last.figure.category))
        )
        if second_part:  # "13 died at the scene and two later": one toll told in two parts
            outcome = last.figure.outcome.value
        if outcome is None or (cue is not None and cue.word.reference and not _told_found(text, v, lexicon)):
            continue
        category = _category(v, cue, (text, hits, context[2], last), lexicon)
        if at_own_place:
            category = last.figure.category
        if category is None:
            continue
        lo = min(v.start, cue.start) if cue and not sub else v.start
        hi = max(v.end, cue.end) if cue and not sub else v.end
        for out in _outcomes(outcome, v.quantity):
            figure = _figure(v, out, category, text[lo:hi], part=sub, cue=cue)
            if sub:
                _fill_subcount(bounds, figure)
            told = reference or (cue is not None and cue.word.reference)  # "the body of a porter"
            bound = Bound(v, cue, lo, hi, figure, reference=told)
            if second_part:
                bounds[-1] = bound = _sum([last, bound], text)
            else:
                bounds.append(bound)
            if not sub:
                last = bound
    return bounds


def _second_where_part(
    text: str, first: Bound | None, v: Victims, lexicon: CasualtyLexicon, bounds: list[Bound]
) -> bool:
    """ "13 died at the scene and two later": a count told by where the victims died right after a
    count told the same way, with no total of that outcome before them."""
    if first is None or not bounds or bounds[-1] is not first or first.figure.part_of_total:
        return False
    if any(b.figure.outcome is first.figure.outcome for b in bounds[:-1]):
        return False
    where = lexicon.where_part.match(text, first.victims.end)
    return bool(
        where
        and first.figure.has_number
        and v.quantity.has_number
        and lexicon.list_gap.fullmatch(text, where.end(), v.start)
        and lexicon.where_part.match(text, v.end)
    )


def _place_part(text: str, last: Bound | None, v: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "killed two people in A and three in B": a bare number told at its own place, in a list after a
    toll told at its place."""
    if last is None or not last.figure.has_number or last.figure.part_of_total:
        return False
    end = max(last.victims.end, last.cue.end if last.cue is not None else 0)
    if end > v.start or not lexicon.place_part_before.match(text[end : v.start]):
        return False
    return lexicon.place_part_after.match(text, v.end) is not None


def _ellipsis(text: str, v: Victims, lexicon: CasualtyLexicon) -> bool:
    """ "a local elder said 35": a bare number after a speech verb, closing its clause."""
    return bool(
        lexicon.ellipsis_before.search(text, max(0, v.start - 50), v.start)
        and CLAUSE_FOLLOWS.match(text, v.end)
    )


def _summable(a: Bound, b: Bound, text: str, lexicon: CasualtyLexicon) -> bool:
    """Two parts of one list of victims in one category: "six children and two women"."""
    fa, fb = a.figure, b.figure
    return (
        a.cue is not None
        and a.cue is b.cue
        and not fa.part_of_total
        and not fb.part_of_total
        and fa.outcome is fb.outcome
        and fa.category is fb.category
        and a.victims.category is not None
        and b.victims.category is not None
        and fa.vague is None
        and fb.vague is None
        and fa.has_number
        and fb.has_number
        and bool(lexicon.list_gap.fullmatch(text, a.victims.end, b.victims.start))
    )


def _sum(group: list[Bound], text: str) -> Bound:
    """One figure for a list of victims of one category."""
    figures = [b.figure for b in group]
    lows = [f.min for f in figures]
    highs = [f.max for f in figures]
    children = women = 0
    for bound in group:
        words = text[bound.victims.start : bound.victims.end]
        children += (bound.figure.min or 0) if CHILD_WORDS.search(words) else 0
        women += (bound.figure.min or 0) if WOMEN_WORDS.search(words) else 0
    start, end = min(b.start for b in group), max(b.end for b in group)
    figure = replace(
        figures[0],
        min=None if None in lows else sum(x or 0 for x in lows),
        max=None if None in highs else sum(x or 0 for x in highs),
        approximate=any(f.approximate for f in figures),
        children=children or figures[0].children,
        women=women or figures[0].women,
        words=text[start:end],
    )
    return Bound(replace(group[0].victims, end=group[-1].victims.end), group[0].cue, start, end, figure)


def _sum_lists(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> list[Bound]:
    """Sum each list of one category's victims; "12 civilians, 5 women and 7 children" is a breakdown."""
    groups: list[list[Bound]] = []
    for bound in bounds:
        if groups and _summable(groups[-1][-1], bound, text, lexicon):
            groups[-1].append(bound)
        else:
            groups.append([bound])
    out = []
    for group in groups:
        if len(group) == 1:
            out.append(group[0])
            continue
        head, rest = group[0].figure, [b.figure for b in group[1:]]
        if (
            len(group) > 2
            and head.min is not None
            and head.min == sum(f.min or 0 for f in rest)
            and (
                _names_the_kind(text, group[0], lexicon)
                or APPOSITION_CLOSE.match(text, group[-1].victims.end)
            )
        ):
            out.append(group[0])  # the first is the total of the others
            out += [replace(b, figure=replace(b.figure, part_of_total=True)) for b in group[1:]]
            continue
        out.append(_sum(group, text))
    return out


APPOSITION_CLOSE = re.compile(r"\s*[,—–)]")  # "three policemen, a sergeant and two constables, were hurt"


def _names_the_kind(text: str, head: Bound, lexicon: CasualtyLexicon) -> bool:
    """True when the head of a list names the whole kind of victims ("12 civilians"), so that the counts
    after it may be its parts; "3 policemen, 2 militiamen and 1 soldier were killed" are six, unless the
    parts stand in apposition, closed by a comma."""
    words = _words(text[head.victims.start : head.victims.end].lower())
    return any(" ".join(words[i:]) in lexicon.breakdown_heads for i in range(len(words)))


BREAKDOWN_OPEN = re.compile(r"\s*[,—–(-]\s*")  # "two people, a soldier and a civilian"


def _breakdown(bounds: list[Bound], i: int, text: str, lexicon: CasualtyLexicon) -> list[Bound]:
    """The counts right after bounds[i], in apposition and listed, that add up to it: "two people, a soldier
    and a civilian"; none when they do not."""
    head = bounds[i].figure
    if head.part_of_total or head.min is None or head.min != head.max or head.min < 2:
        return []
    parts: list[Bound] = []
    total, end = 0, bounds[i].victims.end
    for bound in bounds[i + 1 :]:
        gap = BREAKDOWN_OPEN if not parts else lexicon.list_gap
        figure = bound.figure
        start = bound.victims.start
        if figure.outcome is not head.outcome or figure.min is None or not gap.fullmatch(text, end, start):
            break
        parts.append(bound)
        total, end = total + figure.min, bound.victims.end
        if total >= head.min:
            break
    # "four soldiers, a baker and three boys": another category after a named one is no breakdown
    kinds = {p.figure.category for p in parts} | {head.category}
    same = head.category is Category.UNSPECIFIED or kinds == {head.category}
    return parts if total == head.min and same else []


def _mark_breakdowns(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "Three people, a woman and her two children, were killed": counts in apposition that add up to the
    count before are its parts; the one category they share names it."""
    for i, bound in enumerate(bounds):
        parts = _breakdown(bounds, i, text, lexicon)
        for part in parts:
            part.figure = replace(part.figure, part_of_total=True)
        categories = {p.figure.category for p in parts}
        if len(categories) == 1 and bound.figure.category is Category.UNSPECIFIED:
            bound.figure = replace(bound.figure, category=categories.pop())


def _mark_subcounts_after(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "Three of the hotel guards are also among the dead", "... were among those brought in"."""
    for bound in bounds:
        v = bound.victims
        if bound.figure.part_of_total or not v.category:
            continue
        if lexicon.subcount_after.match(text, v.end) or (v.partitive and AMONG_AFTER.match(text, v.end)):
            bound.figure = replace(bound.figure, part_of_total=True)


def _mark_where_parts(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "killed 15 people: 13 died on the spot and two in hospital": a count told by where the victims
    died, after a larger total of the same outcome, is a part of that total."""
    totals: list[Bound] = []
    for bound in bounds:
        figure = bound.figure
        if figure.part_of_total or figure.min is None:
            continue
        larger = any(
            t.figure.outcome is figure.outcome
            and (t.figure.min or 0) > figure.min
            and (bound.victims.bare or figure.category is t.figure.category)
            for t in totals
        )
        if larger and lexicon.where_part.match(text, bound.victims.end):
            bound.figure = replace(figure, part_of_total=True)
        else:
            totals.append(bound)


def _move_died_wounded(bounds: list[Bound]) -> None:
    """ "27 wounded people, five of whom arrived dead": 22 injured and 5 killed."""
    for i, bound in enumerate(bounds):
        sub = bound.figure
        if (
            not sub.part_of_total
            or sub.outcome is not Outcome.KILLED
            or sub.min is None
            or sub.min != sub.max
        ):
            continue
        total = next((b for b in reversed(bounds[:i]) if not b.figure.part_of_total), None)
        if total is None or total.figure.outcome is not Outcome.INJURED:
            continue
        t = total.figure
        if t.min is not None and t.min == t.max and t.min > sub.min:
            total.figure = replace(t, min=t.min - sub.min, max=t.min - sub.min)
            bound.figure = replace(sub, part_of_total=False, category=t.category)


def _mark_own_statements(bounds: list[Bound], text: str, lexicon: CasualtyLexicon) -> None:
    """ "Nine of the dead were policemen.", "Among them were two boys.": a sub-count with no total
    before it in its sentence is told as a statement of its own (a speaker's, the claim decides);
    not a part told by where the victims died ("seven died at the scene"), nor a part of the wounded
    who then died ("three of the wounded died")."""
    totals: set[Outcome] = set()  # the outcomes of the totals told before
    for bound in bounds:
        figure = bound.figure
        if not figure.part_of_total:
            totals.add(figure.outcome)
            continue
        v = bound.victims
        cue = bound.cue.word.outcome if bound.cue else None
        moved = v.of_outcome in (KILLED, INJURED) and cue in (KILLED, INJURED) and cue != v.of_outcome
        where = lexicon.where_part.match(text, len(text[: v.end].rstrip()))
        own = not (figure.outcome in totals or not figure.has_number or moved or where)
        bound.own = own and not _part_told_of(text, bound, lexicon)


def _part_told_of(text: str, bound: Bound, lexicon: CasualtyLexicon) -> bool:
    """ "Two of the dead had criminal records", "seven of the wounded are in a serious condition": a part
    of the victims of no category of its own that the sentence tells something of is no toll of its own
    (the guide's own sub-count has its own category)."""
    v = bound.victims
    if bound.figure.category is not Category.UNSPECIFIED:
        return False
    if lexicon.part_had.match(text, v.end):
        return True
    subject = lexicon.part_subject_before.search(text, 0, v.start) is not None
    return subject and bound.figure.outcome is Outcome.INJURED


def figures_in_text(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> list[tuple[int, int, Figure, bool, bool, bool]]:
    """The casualty figures of one sentence's text as (start, end, Figure, reference, bare, own),
    offsets into `text`; a reference ("of the four injured") repeats a toll if the article gave it
    before, bare victims ("killing three") have no word that says who they were, and an own sub-count
    is told as a statement of its own."""
    if lexicon.cue_screen_pattern.search(text.lower()) is None:  # no word of `cue_screen`
        return []
    tokens = tokenize(text)
    cues = find_cues(text, lexicon, tokens)
    if not cues and not lexicon.self_counting.search(text):
        return []
    if is_question(text, lexicon):
        return []
    hits = open_victim_hits(text, victim_hits(tokens, lexicon), lexicon)
    victims = find_victims(text, lexicon, [c.start for c in cues], hits, country=country)
    cues = _split_combined(text, cues, victims, lexicon)
    inner = [v for v in victims if v.own_outcome]  # "33 wounded people": that cue is taken
    cues = [c for c in cues if not any(v.start <= c.start and c.end <= v.end for v in inner)]
    bounds = _bind_all(text, lexicon, cues, victims, (text, hits, country))
    bounds = _sum_lists(bounds, text, lexicon)
    _mark_breakdowns(bounds, text, lexicon)
    _mark_subcounts_after(bounds, text, lexicon)
    _mark_where_parts(bounds, text, lexicon)
    _move_died_wounded(bounds)
    _mark_own_statements(bounds, text, lexicon)
    bounds += _zero_noun_figures(text, lexicon, [(b.start, b.end) for b in bounds], hits, country)
    if bounds:
        void = void_spans(text, lexicon)
        bounds = [b for b in bounds if not any(s <= b.victims.start < e for s, e in void)]
    return sorted(
        ((b.start, b.end, b.figure, b.reference, b.victims.bare, b.own) for b in bounds), key=lambda f: f[0]
    )


PLAIN_PEOPLE = re.compile(r"\b(?:people|persons)\b", re.IGNORECASE)  # "Eleven people were killed"
OF_THEM = re.compile(r"^\W*(?:[\w-]+\s+){1,3}?of\s+(?:them|these|those)\b", re.IGNORECASE)  # "Six of them"


def named_without_number(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> Category | None:
    """The one category of the victims a sentence tells of without a number ("civilians were killed
    when the shell hit"), if it does."""
    if lexicon.cue_screen_pattern.search(text.lower()) is None:  # no word of `cue_screen`
        return None
    tokens = tokenize(text)
    cues = [c for c in find_cues(text, lexicon, tokens) if c.word.after]
    if not cues:
        return None
    hits = victim_hits(tokens, lexicon)
    counted = [
        (v.start, v.end) for v in find_victims(text, lexicon, [c.start for c in cues], hits, country=country)
    ]
    found = set()
    for cue in cues:
        before = [h for h in hits if h[1] <= cue.start]
        if not before or any(s <= before[-1][0] < e for s, e in counted):
            continue
        gap = text[before[-1][1] : cue.start].split()
        if len(gap) <= 3 and all(w.lower() in lexicon.passive_gap for w in gap):
            found.add(category_before(text, cue.start, hits, country, lexicon))
    found.discard(Category.UNSPECIFIED)
    return found.pop() if len(found) == 1 and None not in found else None


def named_last(text: str, lexicon: CasualtyLexicon, *, country: str | None = None) -> Category | None:
    """The category of the last victim words of a sentence ("... 120 displaced people sheltering there")."""
    hits = victim_hits(tokenize(text), lexicon)
    category = category_before(text, len(text), hits, country, lexicon)
    return None if category is Category.UNSPECIFIED else category


def _once(
    memo: dict | None, read: Callable[..., Any], text: str, lexicon: CasualtyLexicon, country: str | None
) -> Any:
    """`read(text, lexicon, country=country)`, kept in `memo` (one article's, by reader and text) when given:
    a chronology or a page repeats sentences word for word."""
    if memo is None:
        return read(text, lexicon, country=country)
    key = (read.__name__, text)
    if key not in memo:
        memo[key] = read(text, lexicon, country=country)
    return memo[key]


def named_before(
    matches: list[FigureMatch],
    previous: str,
    lexicon: CasualtyLexicon,
    *,
    country: str | None = None,
    memo: dict | None = None,
) -> list[FigureMatch]:
    """A sentence's figures of plain people named by the sentence before: "Civilians were killed when a
    shell hit the market. Eleven people died." (civilians); "Six of them were wounded" counts the last
    people the sentence before named. `memo`: as `find_figures`'s."""
    plain = [m for m in matches if m.figure.category is Category.UNSPECIFIED and m.figure.has_number]
    if not plain:
        return matches
    last = (
        _once(memo, named_last, previous, lexicon, country)
        if any(OF_THEM.match(m.figure.words) for m in plain)
        else None
    )
    told: list[Category | None] = []  # read from the sentence before once, when a figure needs it
    settled = []
    for m in matches:
        if m in plain:
            category = last if OF_THEM.match(m.figure.words) else None
            if category is None and (m.bare or PLAIN_PEOPLE.search(m.figure.words)):
                told = told or [_once(memo, named_without_number, previous, lexicon, country)]
                category = told[0]
            m = replace(m, figure=replace(m.figure, category=category)) if category else m
        settled.append(m)
    return settled


def find_figures(
    sentence: SpacySpan, lexicon: CasualtyLexicon, *, country: str | None = None, memo: dict | None = None
) -> list[FigureMatch]:
    """Every casualty figure in one sentence, with Doc character offsets of its words. `memo` (one
    article's, empty at first) keeps what each distinct sentence text gave, so a repeated one is read once."""
    base = sentence.start_char
    found = _once(memo, _figures_found, span_text(sentence), lexicon, country)
    return [
        FigureMatch(figure, base + start, base + end, reference, bare, own)
        for start, end, figure, reference, bare, own in found
    ]


def _figures_found(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> tuple[tuple[int, int, Figure, bool, bool, bool], ...]:
    """`figures_in_text` as a tuple, to be kept and shared."""
    return tuple(figures_in_text(text, lexicon, country=country))


def find_stance(sentence: SpacySpan, lexicon: CasualtyLexicon) -> StanceMatch | None:
    """A denial, threat or question about casualties in the sentence; None when it simply tells."""
    text = span_text(sentence)
    match = stance_in_text(text, lexicon, tells_figures=lambda: bool(figures_in_text(text, lexicon)))
    if match is None:
        return None
    base = sentence.start_char
    return replace(match, start=base + match.start, end=base + match.end)


def settle_references(facts: Sequence[Any]) -> list[Any]:
    """Sentence facts without the references ("of the four injured, two died") to a toll an earlier
    sentence gave (the same outcome and numbers); a reference to no earlier toll is a figure.

    `facts` are records.SentenceFacts in text order, with `figures` of FigureMatch.
    """
    given: dict[Outcome, set[int]] = {}
    settled = []
    for fact in facts:
        if any(m.reference for m in fact.figures):
            kept = tuple(m for m in fact.figures if not (m.reference and _given(m.figure, given)))
            fact = replace(fact, figures=kept)
        for match in fact.figures:
            given.setdefault(match.figure.outcome, set()).update(
                n for n in (match.figure.min, match.figure.max) if n is not None
            )
        settled.append(fact)
    return settled


def _given(figure: Figure, given: dict[Outcome, set[int]]) -> bool:
    numbers = {n for n in (figure.min, figure.max) if n is not None}
    return bool(numbers) and numbers <= given.get(figure.outcome, set())

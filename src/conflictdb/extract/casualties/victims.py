"""Victim phrases in one sentence: a quantity with the words that say who ("at least four Afghan civilians").

A quantity (casualties/numbers.py; also "a", "another", "his" before one victim word, "no one") is read with
the victim phrase after it, which gives the victims' category (casualties/categories.py). Some phrases tell
the outcome themselves: "nine dead women", "33 wounded people", "17 bodies".
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass

from conflictdb.extract.casualties.categories import (
    Hit,
    all_of_them,
    body_from,
    chain_category,
    described_as,
    phrase_stop,
    resolve_category,
    victim_phrase,
)
from conflictdb.extract.casualties.grammar import ACRONYM
from conflictdb.extract.casualties.lexicon import DEAD, FOREIGN, INHERIT, KILLED, CasualtyLexicon
from conflictdb.extract.casualties.numbers import Quantity, find_quantities
from conflictdb.extract.casualties.phrases import find_phrases, norm
from conflictdb.extract.token_stream import Token
from conflictdb.folded import finditer_in, lowered, match_in, search_in
from conflictdb.records import Category, quick_init, replace

ZERO = Quantity(0, 0)
ONE = Quantity(1, 1)
PRONOUN = Quantity(1, 1)  # "he was shot dead", "killing him": one victim of no category (told apart by `is`)
APPOSITION = re.compile(rf"\s*(?:{ACRONYM}\s*)?,\s*")  # "six VDP members (VDP), a militia armed by ..."
ASIDE_REST = re.compile(r"[^,;:()\[\]—–\x00]{1,60}?(?=,)")  # "a member of the provincial council,"
OF_WORD = re.compile(r"\bof\b", re.IGNORECASE)
OF_END = re.compile(r"\bof\s+$", re.IGNORECASE)
DEFINITE = re.compile(r"\bthe\b")
CLAUSE_REST = re.compile(
    r"[^,;:.!?()\[\]—–]{0,60}?(?=[,(—–])"
)  # "were killed in the raid" before ", all ..."


@quick_init
@dataclass(frozen=True, slots=True)
class Victims:
    """A quantity with the victim phrase after it: "at least four Afghan civilians"."""

    start: int  # of the quantity
    end: int  # of the victim phrase (or of the quantity when bare)
    quantity: Quantity
    category: Category | None  # None: take the category of the figure before ("25 others", "wounding 70")
    bare: bool = False  # no victim phrase at all
    of_outcome: str | None = None  # "27 of the dead were policemen": a sub-count of this outcome
    own_outcome: str | None = None  # "nine dead women", "17 bodies": the phrase tells the outcome
    partitive: bool = False  # "three of the guards"


def open_victim_hits(text: str, hits: list[Hit], lexicon: CasualtyLexicon) -> list[Hit]:
    """`hits` with the nouns of single victims the lexicon does not know ("a goat herder was shot dead",
    "gunmen killed a tax collector"): a trade (an agent noun) is a civilian, any other noun unspecified."""
    found = []
    for match in itertools.chain(lexicon.open_victim.finditer(text), lexicon.open_object.finditer(text)):
        start, end = match.span("noun")
        words = match.group("noun").split()
        head = end - len(words[-1])  # "a Chinese engineer": a known word before the noun leaves it open
        known = any(h[0] < end and head < h[1] for h in hits)
        if known or any(norm(w) in lexicon.open_victim_stop for w in words):
            continue
        civilian = words[-1].endswith(lexicon.open_victim_civilian)
        found.append((head, end, (Category.CIVILIANS if civilian else Category.UNSPECIFIED).value))
    return sorted(hits + found) if found else hits


def victim_hits(tokens: list[Token], lexicon: CasualtyLexicon) -> list[Hit]:
    """Victim words as (start, end, kind), left to right; named groups ("VDP") marked with "!"."""
    hits = find_phrases(tokens, lexicon.victim_index)
    for start, end, kind in find_phrases(tokens, lexicon.victim_cased, plural=True):
        if kind.startswith("+"):  # "400 Palestinians": people of a nation
            kind = Category.UNSPECIFIED.value if kind.startswith("+@") else kind[1:]
        elif kind[0] not in "@%" and kind != FOREIGN:
            kind = "!" + kind
        hits.append((start, end, kind))
    return sorted(hits)


def _is_count(text: str, start: int, end: int, lexicon: CasualtyLexicon, low: str | None = None) -> bool:
    """False for ages, times, distances, money and dates: "a 12-year-old", "5 km", "2 March". `low` is
    `folded.lowered(text)`, if at hand: the patterns are then read in lower case."""
    if match_in(lexicon.non_count, text, low, end) or match_in(lexicon.date_after, text, low, end):
        return False
    reach = lexicon.reach
    if search_in(lexicon.age_before, text, low, max(0, start - reach.age_before_chars), start):
        return False
    before = slice(max(0, start - reach.date_before_chars), start)
    return not search_in(lexicon.date_before, text[before], low[before] if low is not None else None)


def _quantities(text: str, lexicon: CasualtyLexicon, hits: list[Hit]) -> list[tuple[int, int, Quantity]]:
    """Numbers, vague words, zeros ("no one") and single victims ("a civilian") that may count people."""
    low = lowered(text)
    found = [
        (q.start, q.end, q.quantity)
        for q in find_quantities(text, lexicon.numbers)
        if _is_count(text, q.start, q.end, lexicon, low)
    ]
    for match in finditer_in(lexicon.zero_word, text, low):  # its words read in lower case
        multi = " " in match.group(0) or match.group(0).lower() != "no"
        clash = [q for q in found if q[0] < match.end() and match.start() < q[1]]
        if clash and not multi:
            continue
        found = [q for q in found if q not in clash]
        found.append((match.start(), match.end(), ZERO))
    for match in finditer_in(lexicon.ordinal_one, text, low):
        found.append((match.start(), match.end(), Quantity(1, 1)))  # a count of one, not a bare "a"
    hit_starts = [h[0] for h in hits]
    grammar, chars = lexicon.grammar, lexicon.reach
    for match in finditer_in(grammar.single_article, text, low):
        if any(q[0] <= match.start() < q[1] for q in found):
            continue
        possessive = match.group(0).lower() in grammar.possessives
        if possessive and search_in(
            OF_END, text, low, max(0, match.start() - chars.possessive_of_chars), match.start()
        ):
            continue  # "3 of his guards"
        reach = (
            chars.possessive_chars if possessive else chars.article_chars
        )  # "their driver", not "their ... men"
        after = bisect_right(hit_starts, match.end())  # the first victim word after the article
        near = after < len(hit_starts) and hit_starts[after] <= match.end() + reach
        if near or match.group(0).lower() == "another":
            found.append((match.start(), match.end(), ONE))
    found += _definite_singles(low, hits, hit_starts, found, lexicon)
    found += _pronoun_singles(low, found, lexicon)
    # "members of one family", "the deaths of a soldier and ...": a single inside a phrase
    found = [
        q
        for q in found
        if not (q[2].min == q[2].max == 1 and search_in(grammar.member_of, text, low, 0, q[0]))
    ]
    return sorted(found, key=lambda q: q[0])


def _definite_singles(
    low: str,
    hits: list[Hit],
    hit_starts: list[int],
    found: list[tuple[int, int, Quantity]],
    lexicon: CasualtyLexicon,
) -> list[tuple[int, int, Quantity]]:
    """ "The driver was shot dead", "the guard, a father of two, was killed", "gunmen killed the driver":
    "the" before one victim word in the singular that is the subject of a passive "was" (or of "died"), or
    the object of a killing verb, counts one."""
    singles: list[tuple[int, int, Quantity]] = []
    if not hits:
        return singles
    for match in DEFINITE.finditer(low):
        after = bisect_right(hit_starts, match.end())
        if after >= len(hits) or any(q[0] <= match.start() < q[1] for q in found):
            continue
        start, end, _ = hits[after]
        noun = low[start:end].split()[-1]
        if (
            start > match.end() + 1
            or (noun.endswith("s") and not noun.endswith("ss"))
            or noun.endswith(lexicon.irregular_plurals)
            or noun in lexicon.group_nouns
        ):
            continue
        before = max(0, match.start() - lexicon.reach.single_before_chars)
        if (
            lexicon.single_subject_verb.match(low, end)
            or lexicon.single_object_before.search(low, before, match.start())
            or (
                lexicon.single_subject_died.match(low, end)
                and lexicon.single_subject_opens.search(low, before, match.start())
            )
        ):
            singles.append((match.start(), match.end(), ONE))
    return singles


def _pronoun_singles(
    low: str, found: list[tuple[int, int, Quantity]], lexicon: CasualtyLexicon
) -> list[tuple[int, int, Quantity]]:
    """ "He was shot dead", "days later she died", "..., killing him", "shot him dead": a pronoun that is the
    subject of a passive killing verb or of "died", or the object of a killing verb, counts one."""
    if not any(piece in low for piece in lexicon.grammar.pronoun_screen):  # "she", "her" hold "he"
        return []
    matches = list(lexicon.pronoun_subject.finditer(low))
    matches += (
        m
        for m in lexicon.pronoun_object.finditer(low)
        if lexicon.single_object_before.search(
            low, max(0, m.start() - lexicon.reach.single_before_chars), m.start()
        )
        or lexicon.pronoun_dead_after.match(low, m.end())
    )
    return [
        (m.start(), m.end(), PRONOUN) for m in matches if not any(q[0] <= m.start() < q[1] for q in found)
    ]


def _noun_follows(text: str, pos: int, hits: list[Hit]) -> bool:
    """A word of a victim category comes next: "four more children" names its victims; "four more"
    and "two more victims" (a toll's increment) do not."""
    gap = len(text[pos:]) - len(text[pos:].lstrip())
    return any(h[0] == pos + gap and h[2] not in (DEAD, Category.UNSPECIFIED.value) for h in hits)


def _described_later(
    text: str, v: Victims, limit: int, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category an apposition at the end of the victims' clause gives them: "12 people were killed
    in the raid, all of them civilians" (no other victim word in between)."""
    rest = CLAUSE_REST.match(text, v.end, limit)
    if rest is None or any(rest.start() <= h[0] < rest.end() for h in hits):
        return None
    return all_of_them(text, rest.end(), hits, country, lexicon)


def _apposition(text: str, before: Victims, one: Victims, next_q: int, lexicon: CasualtyLexicon) -> bool:
    """ "1 civilian, a tribal elder,", "six members (VDP), a militia armed by ...", "three people, a police
    officer said": a single after a comma names the victims before, or is no victim; after a plural count,
    with another count listed right after it, it is a list's next part ("three civilians, a soldier and
    two rebels")."""
    if not APPOSITION.fullmatch(text, before.end, one.start):
        return False
    listed = next_q < len(text) and lexicon.list_gap.fullmatch(text, one.end, next_q) is not None
    return before.quantity.max == 1 or not listed


def find_victims(
    text: str,
    lexicon: CasualtyLexicon,
    cue_starts: list[int],
    hits: list[Hit],
    *,
    country: str | None = None,
) -> list[Victims]:
    """Every quantity of people in `text` with the category of its victim phrase."""
    quantities = _quantities(text, lexicon, hits)
    found: list[Victims] = []
    named_until = -1
    for i, (start, end, quantity) in enumerate(quantities):
        if start < named_until:
            continue
        next_q = quantities[i + 1][0] if i + 1 < len(quantities) else len(text)
        victims = _adjective_victims(text, lexicon, hits, (start, end, quantity), next_q, cue_starts, country)
        if victims is None:
            bound = min(
                [next_q, end + lexicon.reach.victim_phrase_chars, len(text)]
                + [s for s in cue_starts if s >= end]
            )
            victims = _read_victims(text, lexicon, hits, (start, end, quantity), bound, country)
        if victims is None:
            continue
        if quantity is ONE and found and _apposition(text, found[-1], victims, next_q, lexicon):
            rest = ASIDE_REST.match(text, victims.end, next_q)
            end = (
                rest.end()
                if rest and not any(victims.end <= s < rest.end() for s in cue_starts)
                else victims.end
            )
            found[-1] = replace(found[-1], end=end)  # "1 civilian, a tribal elder,": one person
            continue
        found.append(victims)
        name = (
            lexicon.grammar.name_apposition.match(text, victims.end) if victims.category is not None else None
        )
        if name:  # the name and age of the victims are no count of their own
            found[-1] = replace(victims, end=name.end())
            named_until = name.end()
    return _forces_of_the_voice(
        text, _appositions_later(text, found, hits, country, lexicon), hits, country, lexicon
    )


def _appositions_later(
    text: str, found: list[Victims], hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> list[Victims]:
    """Unspecified victims that an apposition at the end of their clause names ("..., all of them
    civilians")."""
    settled = []
    for i, v in enumerate(found):
        if v.category is Category.UNSPECIFIED or v.bare:  # "about 30 dead, all civilians"
            limit = found[i + 1].start if i + 1 < len(found) else len(text)
            v = replace(v, category=_described_later(text, v, limit, hits, country, lexicon) or v.category)
        settled.append(v)
    return settled


def _forces_of_the_voice(
    text: str, found: list[Victims], hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> list[Victims]:
    """Forces with no nationality of their own belong to the one state whose military or sources tell
    of them: "the Israeli military said two soldiers were killed" in Gaza are foreign forces."""
    codes = [(h[0], h[1], "@" + h[2][1:]) for h in hits if h[2][0] in "@%"]
    voice = _state_voice(text, codes, lexicon)
    if voice is None:
        return found
    settled = []
    for v in found:
        own_codes = any(v.start <= h[0] < v.end for h in codes)
        if v.category is Category.SECURITY_FORCES and not own_codes:
            kinds = [Category.SECURITY_FORCES.value, voice]
            v = replace(v, category=resolve_category(kinds, country, lexicon))
        settled.append(v)
    return settled


def _state_voice(text: str, codes: list[Hit], lexicon: CasualtyLexicon) -> str | None:
    """The "@code" of the one state whose voice tells the sentence ("the Israeli military said", "Russia
    said"), when the sentence names no other state."""
    pattern, code_of = lexicon.state_name_voice
    named = pattern.search(text)
    states = {h[2] for h in codes} | ({"@" + code_of[named.group("name")]} if named else set())
    if len(states) != 1:
        return None
    if named or lexicon.state_voice.match(text, codes[0][1]):
        return states.pop()
    return None


def _adjective_victims(
    text: str,
    lexicon: CasualtyLexicon,
    hits: list[Hit],
    found: tuple[int, int, Quantity],
    next_q: int,
    cue_starts: list[int],
    country: str | None,
) -> Victims | None:
    """ "nine dead women", "33 wounded people": a cue inside the victim phrase tells the outcome."""
    start, end, quantity = found
    counted = quantity is ONE or quantity is PRONOUN  # "a", "he": one victim, no adjective after it
    adjective = lexicon.adjective.match(text, end) if not counted else None
    if adjective is None:
        return None
    after = adjective.end()
    bound = min(
        [next_q, after + lexicon.reach.victim_phrase_chars, len(text)] + [s for s in cue_starts if s >= after]
    )
    victims = _read_victims(text, lexicon, hits, (start, after, quantity), bound, country)
    if victims is None or victims.bare or victims.of_outcome or victims.category is None:
        return None
    return replace(victims, own_outcome=lexicon.adjective_outcome[norm(adjective.group("adj"))])


def _read_victims(
    text: str,
    lexicon: CasualtyLexicon,
    hits: list[Hit],
    found: tuple[int, int, Quantity],
    bound: int,
    country: str | None,
) -> Victims | None:
    """The quantity at text[start:end] with its victim phrase, or None when it counts no people."""
    start, end, quantity = found
    if quantity is PRONOUN:
        return Victims(start, end, PRONOUN, Category.UNSPECIFIED)
    single = quantity is ONE
    of = lexicon.subcount_of.match(text, end)
    if of and not single:
        outcome = lexicon.subcount_of_outcome.get(norm(of.group("of")), INHERIT)
        limit = phrase_stop(text, of.end(), len(text), lexicon)
        phrase = victim_phrase(text, of.end(), limit, hits, lexicon, single=False)
        if phrase is None or not phrase[1]:
            return Victims(start, of.end(), quantity, None, of_outcome=outcome)
        chain = phrase[1] + body_from(text, phrase[1], hits, lexicon)
        category = chain_category(text, chain, country, lexicon)
        return Victims(start, phrase[0], quantity, category, of_outcome=outcome)
    inherit = lexicon.inherit.match(text, end)
    if inherit and not single and not _noun_follows(text, inherit.end(), hits):
        return Victims(start, inherit.end(), quantity, None)
    phrase = victim_phrase(text, end, phrase_stop(text, end, bound, lexicon), hits, lexicon, single=single)
    if phrase is None:
        return None
    if not phrase[1]:
        if quantity is ONE and text[start:end].lower() != "another":
            return None
        if quantity is ZERO and text[start:end].lower() == "no":
            return None
        if lexicon.grammar.bare_year.fullmatch(text[start:end]):
            return None
        return Victims(start, end, quantity, None, bare=True)
    if single and text[start:end].lower() in lexicon.grammar.possessives and len(phrase[1]) > 1:
        return None  # "their village elder": one noun after a possessive, or nothing
    kinds = [h[2] for h in phrase[1]]
    if quantity is ZERO and (OF_WORD.search(text, end, phrase[0]) or DEAD in kinds):
        return None  # "no mention of civilian casualties", "no bodies were found"
    category = chain_category(text, phrase[1] + body_from(text, phrase[1], hits, lexicon), country, lexicon)
    if category is None:
        return None
    phrase_end = phrase[0]
    if category is Category.UNSPECIFIED:
        category = described_as(text, phrase_end, hits, country, lexicon) or category
    sides = lexicon.both_sides.match(text, phrase_end)
    if sides:  # "15 fighters on both sides"
        category, phrase_end = Category.UNSPECIFIED, sides.end()
    own = KILLED if DEAD in kinds else None
    partitive = bool(lexicon.grammar.partitive.match(text, end))
    return Victims(start, phrase_end, quantity, category, own_outcome=own, partitive=partitive)

"""Casualty figures in one sentence: "At least four guards, two civilians and four militants were killed".

Finding works on the sentence text with patterns compiled once from data/casualties.yaml:
quantities (extract/numbers.py) are read with the victim phrase that follows them ("four guards"),
cue words are found ("were killed", "killing", "the death toll rose to"), and each quantity is bound
to the cue next to it, through lists ("four guards, two civilians and four militants, were killed")
and asides (", including three children,"). Building turns the bound quantities into `Figure`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from spacy.tokens import Span as SpacySpan

from conflictdb.extract.numbers import NumberGrammar, Quantity, find_quantities, load_number_grammar
from conflictdb.records import Category, Figure, Outcome, Stance
from conflictdb.resources import DATA_DIR, load_yaml

CASUALTIES_FILE = "casualties.yaml"
KILLED, INJURED, COMBINED, INHERIT = "killed", "injured", "combined", "inherit"
FOREIGN = "foreign"  # a victim-phrase word that marks foreign forces ("coalition", "NATO")
AUX = frozenset({"were", "was", "have", "has", "had", "are", "is", "been", "being", "be", "got"})
QUOTES = frozenset({'"', "'", "“", "”", "‘", "’", "«", "»"})
ZERO = Quantity(0, 0)
ONE = Quantity(1, 1)
CHILD_WORDS = re.compile(
    r"\b(?:child|children|kids?|boys?|girls?|infants?|bab(?:y|ies)|minors?|toddlers?)\b", re.I
)
WOMEN_WORDS = re.compile(r"\b(?:wom[ae]n)\b", re.I)
NP_STOP = re.compile(
    r"[,.;:!?()\[\]\"“”—–]|\s-\s|(?<![\w-])(?:were|was|are|is|have|has|had|been|be|being|who|whom|which|that|in|on"
    r"|at|from|by|near|during|after|before|when|while|as|with|without|since|for|to|into|including|among"
    r"|amid|across|inside|outside|but|following|reportedly|also|said|says|say|this|last|yesterday|today"
    r"|according|himself|themselves|when|where|whose|if|than|so|because|until|amongst|under|over)(?![\w-])",
    re.IGNORECASE,
)
CONNECT = re.compile(
    r"\s*(?:(?:of|and|or|&|from)\s+)?(?:(?:the|a|an|my|our|his|her|their|its|same|one|this|these|those|local"
    r"|[\w-]+['’]s)\s+)*",
    re.IGNORECASE,
)
INCLUDING_MASK = re.compile(r"\b(?:including|among\s+them|among\s+whom)\s+\x00", re.IGNORECASE)
OF_BEFORE = re.compile(r"\b(?:members|member|family|families)\s+of\s+$", re.IGNORECASE)
LIST_GAP = re.compile(r"\s*(?:,|and|&)?\s*(?:and\s+)?", re.IGNORECASE)
APPOSITION = re.compile(r"\s*,\s*")
TOKEN = re.compile(r"\w+|[^\w\s]")
ARTICLE = re.compile(r"\b(?:a|an|another)\b", re.IGNORECASE)
MASK = "\x00"  # stands for another victim phrase inside a gap
WORD = re.compile(r"\x00|[\w'’-]+|[^\w\s]")
YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class FigureMatch:
    """A figure found in a sentence, with the Doc character range of the words it was read from."""

    figure: Figure
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StanceMatch:
    """A sentence's stance towards casualties: a denial, a threat or a question, and what it is about."""

    stance: Stance
    words: str
    start: int
    end: int
    category: Category | None = None
    outcome: Outcome | None = None


@dataclass(frozen=True, slots=True)
class CueWord:
    """What one cue phrase tells: the outcome and on which side the victims stand."""

    outcome: str  # killed, injured, combined
    after: bool  # victims before the cue: "5 soldiers were killed"
    before: bool  # victims after the cue: "killing 5 soldiers"
    toll: bool = False  # "the death toll rose to 50": the number may come a few words later


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: it holds dicts
class PhraseIndex:
    """Phrases keyed by their first token, longest first: a fast whole-word phrase finder."""

    first: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first token -> ((tokens, value), ...)
    cased: bool


Token = tuple[int, int, str]  # start, end, text


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: it holds dicts
class CasualtyLexicon:
    """Everything `find_figures` and `find_stance` read, compiled once."""

    numbers: NumberGrammar
    cue_index: PhraseIndex
    stance_screen: frozenset[str]  # words without which a sentence has no casualty stance
    cue_words: dict[str, CueWord]
    toll_end_words: frozenset[str]
    toll_max_gap: int
    passive_gap: frozenset[str]
    active_gap: frozenset[str]
    parenthetical: re.Pattern[str]
    subcount_before: re.Pattern[str]
    subcount_of: re.Pattern[str]
    subcount_of_outcome: dict[str, str]
    modal_words: frozenset[str]
    negation_words: frozenset[str]
    aux_skip: frozenset[str]
    zero_word: re.Pattern[str]
    zero_noun: re.Pattern[str]
    zero_noun_outcome: dict[str, str]
    victim_index: PhraseIndex  # case-insensitive phrases
    victim_cased: PhraseIndex  # acronyms and nationalities, case-sensitive
    victim_kinds: dict[
        str, str
    ]  # phrase (lower case, or as written when cased) -> category or FOREIGN or "@XX"
    inherit: re.Pattern[str]
    default_foreign: frozenset[str]
    non_count: re.Pattern[str]
    date_before: re.Pattern[str]
    date_after: re.Pattern[str]
    stance_denied: tuple[re.Pattern[str], ...]
    stance_hypothetical: tuple[re.Pattern[str], ...]
    casualty_word: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Victims:
    """A quantity with the victim phrase after it: "at least four Afghan civilians"."""

    start: int  # of the quantity
    end: int  # of the victim phrase (or of the quantity when bare)
    quantity: Quantity
    category: Category | None  # None: take the category of the figure before ("25 others", "wounding 70")
    bare: bool = False  # no victim phrase at all
    of_outcome: str | None = None  # "27 of the dead were policemen": a sub-count of this outcome


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue found in the sentence."""

    start: int
    end: int
    word: CueWord


# ---------------------------------------------------------------- loading


def _alternation(phrases: list[str]) -> str:
    """Phrases as a regex alternation, longest first, any whitespace inside."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in ordered)


def _words_pattern(phrases: list[str], *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """Match any of the phrases as whole words."""
    return re.compile(rf"(?<![\w-])(?:{_alternation(phrases)})(?![\w-])", flags)


def tokenize(text: str) -> list[Token]:
    """Words and punctuation marks of `text` with their offsets."""
    return [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)]


def build_index(phrases: dict[str, str], *, cased: bool = False) -> PhraseIndex:
    """Index phrases (phrase -> value) by first token for `find_phrases`."""
    grouped: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, value in phrases.items():
        words = tuple(t for _, _, t in tokenize(phrase if cased else phrase.lower()))
        if words:
            grouped.setdefault(words[0], []).append((words, value))
    return PhraseIndex(
        first={k: tuple(sorted(v, key=lambda e: -len(e[0]))) for k, v in grouped.items()}, cased=cased
    )


def _glued(tokens: list[Token], i: int, j: int) -> bool:
    """True when tokens[i:j] is glued by a hyphen to a word outside it ("anti-Taliban")."""
    before = i >= 2 and tokens[i - 1][2] == "-" and tokens[i - 1][1] == tokens[i][0] == tokens[i - 1][0] + 1
    before = before and tokens[i - 2][1] == tokens[i - 1][0]
    after = j + 1 < len(tokens) and tokens[j][2] == "-" and tokens[j][0] == tokens[j - 1][1]
    after = after and tokens[j + 1][0] == tokens[j][1]
    return before or after


def find_phrases(
    tokens: list[Token], index: PhraseIndex, *, plural: bool = False
) -> list[tuple[int, int, str]]:
    """Non-overlapping longest phrase matches in `tokens` as (start, end, value).

    With `plural`, a one-word phrase also matches with an "s" after it; its value is prefixed with "+".
    """
    words = [t[2] for t in tokens] if index.cased else [t[2].lower() for t in tokens]
    first = index.first
    found = []
    i = 0
    while i < len(words):
        if words[i] not in first and not (plural and words[i][:-1] in first):
            i += 1
            continue
        size, value = _longest_at(words, i, index, plural=plural)
        if size and not _glued(tokens, i, i + size):
            found.append((tokens[i][0], tokens[i + size - 1][1], value))
            i += size
        else:
            i += 1
    return found


def _longest_at(words: list[str], i: int, index: PhraseIndex, *, plural: bool) -> tuple[int, str]:
    """(size, value) of the longest phrase starting at word i, or (0, "")."""
    for phrase, value in index.first.get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase), value
    if plural and words[i].endswith("s"):
        for phrase, value in index.first.get(words[i][:-1], ()):
            if len(phrase) == 1:
                return 1, "+" + value
    return 0, ""


def _norm(text: str) -> str:
    """Lower case with single spaces: the key of a phrase table."""
    return " ".join(text.lower().split())


def _cue_words(data: dict) -> dict[str, CueWord]:
    """Every cue phrase with its outcome and sides; toll phrases included."""
    words: dict[str, CueWord] = {}
    for outcome, sides in data["cues"].items():
        for side in ("after", "before"):
            for phrase in sides.get(side, []):
                key = _norm(phrase)
                old = words.get(key, CueWord(outcome, False, False))
                words[key] = replace(old, **{side: True})
    for phrase in data["toll"]["cues"]:
        words[_norm(phrase)] = CueWord(KILLED, False, True, toll=True)
    return words


def _victim_kinds(data: dict) -> tuple[dict[str, str], list[str], list[str]]:
    """Victim phrases -> kind, split into case-insensitive phrases and case-sensitive ones."""
    kinds: dict[str, str] = {}
    plain: list[str] = []
    cased: list[str] = []
    entries = [(p, c) for c, ps in data["categories"].items() for p in ps]
    entries += [(p, FOREIGN) for p in data["always_foreign"]]
    for phrase, kind in entries:
        phrase = str(phrase)
        if phrase.isupper() and len(phrase) > 1:
            kinds[phrase] = kind
            cased.append(phrase)
        else:
            kinds.setdefault(_norm(phrase), kind)
            plain.append(phrase)
    for code, names in data["demonyms"].items():
        for name in names:
            kinds[str(name)] = f"@{code}"
            cased.append(str(name))
    return kinds, plain, cased


def _subcount_of(data: dict) -> tuple[re.Pattern[str], dict[str, str]]:
    """The "N of the dead were ..." pattern and the outcome of each of its phrases."""
    outcome = {_norm(p): o for o, ps in data["subcount_of"].items() for p in ps}
    pattern = re.compile(
        rf"\s+of\s+(?P<of>{_alternation(list(outcome))})\b\s*,?\s*(?:(?:were|was|are|being|,)\s+)?",
        re.IGNORECASE,
    )
    return pattern, outcome


def _stance_patterns(
    data: dict,
) -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...], tuple[re.Pattern[str], ...]]:
    """The casualty-word pattern and the denial and threat patterns with it filled in."""
    cas = "(?:" + "|".join(data["stance"]["casualty_words"]) + ")"
    denied = tuple(re.compile(p.replace("{CAS}", cas), re.IGNORECASE) for p in data["stance"]["denied"])
    hypo = tuple(re.compile(p.replace("{CAS}", cas), re.IGNORECASE) for p in data["stance"]["hypothetical"])
    return re.compile(rf"\b{cas}", re.IGNORECASE), denied, hypo


def load_casualty_lexicon(data_dir: Path = DATA_DIR) -> CasualtyLexicon:
    """Read data/casualties.yaml (and the number words) into a compiled `CasualtyLexicon`."""
    data = load_yaml(CASUALTIES_FILE, data_dir=data_dir)
    cue_words = _cue_words(data)
    kinds, plain, cased = _victim_kinds(data)
    subcount_of, subcount_of_outcome = _subcount_of(data)
    casualty_word, denied, hypothetical = _stance_patterns(data)
    zero_nouns = {_norm(p): o for o, ps in data["zero_nouns"].items() for p in ps}
    non_count = _alternation([str(p) for p in data["non_count_after"] if str(p)[0].isalnum()])
    dates = _alternation(data["date_words"])
    return CasualtyLexicon(
        numbers=load_number_grammar(data_dir),
        cue_index=build_index({phrase: phrase for phrase in cue_words}),
        stance_screen=frozenset(data["stance"]["screen_words"]) | {p.split()[0] for p in cue_words},
        cue_words=cue_words,
        toll_end_words=frozenset(data["toll"]["gap_end_words"]),
        toll_max_gap=int(data["toll"]["max_gap_words"]),
        passive_gap=frozenset(_norm(w) for w in data["passive_gap_words"]),
        active_gap=frozenset(_norm(w) for w in data["active_gap_words"]),
        parenthetical=re.compile(
            rf"\s*[,—–(]\s*(?:{_alternation(data['parenthetical_openers'])})\b[^,;()—–]*[,—–)]", re.IGNORECASE
        ),
        subcount_before=re.compile(
            rf"\b(?:{_alternation(data['subcount_before'])})[\s\"“”'’:]*$", re.IGNORECASE
        ),
        subcount_of=subcount_of,
        subcount_of_outcome=subcount_of_outcome,
        modal_words=frozenset(_norm(w) for w in data["modal_words"]),
        negation_words=frozenset(_norm(w) for w in data["negation_words"]),
        aux_skip=frozenset(_norm(w) for w in data["aux_skip"]),
        zero_word=_words_pattern(data["zero_words"]),
        zero_noun=re.compile(
            r"(?<![\w-])no\s+(?P<adj>(?:[\w-]+\s+){0,2}?)"
            rf"(?P<noun>{_alternation(list(zero_nouns))})(?![\w-])",
            re.IGNORECASE,
        ),
        zero_noun_outcome=zero_nouns,
        victim_index=build_index({p: kinds[_norm(p)] for p in plain}),
        victim_cased=build_index({p: kinds[p] for p in cased}, cased=True),
        victim_kinds=kinds,
        inherit=re.compile(rf"\s+(?:{_alternation(data['inherit'])})\b", re.IGNORECASE),
        default_foreign=frozenset(data["default_foreign"]),
        non_count=re.compile(rf"(?:\s*-?\s*(?:{non_count})(?![a-z])|[:/%]|\.\d|\s*(?:%|per\s+cent))", re.I),
        date_before=re.compile(rf"\b(?:{dates})\.?\s*$", re.IGNORECASE),
        date_after=re.compile(rf"\s*(?:{dates})\b", re.IGNORECASE),
        stance_denied=denied,
        stance_hypothetical=hypothetical,
        casualty_word=casualty_word,
    )


# ---------------------------------------------------------------- finding cues


def _words_before(text: str, end: int, count: int) -> list[str]:
    """The last `count` words before `end`, nearest first, lower case."""
    words = re.findall(r"[\w'’]+", text[max(0, end - 60) : end].lower())
    return words[::-1][:count]


def _blocked(text: str, start: int, lexicon: CasualtyLexicon) -> bool:
    """True when the cue at `start` is negated or hypothetical: "were not killed", "could kill"."""
    for word in _words_before(text, start, 5):
        if word in lexicon.aux_skip:
            continue
        return word in lexicon.modal_words or word in lexicon.negation_words or word.endswith("n't")
    return False


def find_cues(text: str, lexicon: CasualtyLexicon, tokens: list[Token] | None = None) -> list[Cue]:
    """Casualty cue words in `text` that report a fact (not negated, not a threat)."""
    tokens = tokens if tokens is not None else tokenize(text)
    first = lexicon.cue_index.first
    if not any(t[2].lower() in first for t in tokens):
        return []
    cues = []
    for start, end, phrase in find_phrases(tokens, lexicon.cue_index):
        if not _blocked(text, start, lexicon):
            cues.append(Cue(start, end, lexicon.cue_words[phrase]))
    return cues


# ---------------------------------------------------------------- finding victims


def _victim_hits(tokens: list[Token], lexicon: CasualtyLexicon) -> list[tuple[int, int, str]]:
    """Victim words as (start, end, kind), left to right."""
    hits = find_phrases(tokens, lexicon.victim_index)
    for start, end, kind in find_phrases(tokens, lexicon.victim_cased, plural=True):
        if kind.startswith("+"):  # "400 Palestinians": people of a nation
            kind = Category.UNSPECIFIED.value if kind.startswith("+@") else kind[1:]
        hits.append((start, end, kind))
    return sorted(hits)


def _is_count(text: str, start: int, end: int, lexicon: CasualtyLexicon) -> bool:
    """False for ages, times, distances, money and dates: "a 12-year-old", "5 km", "2 March"."""
    if lexicon.non_count.match(text, end) or lexicon.date_after.match(text, end):
        return False
    return not lexicon.date_before.search(text[max(0, start - 12) : start])


def _quantities(
    text: str, lexicon: CasualtyLexicon, hits: list[tuple[int, int, str]]
) -> list[tuple[int, int, Quantity]]:
    """Numbers, vague words, zeros ("no one") and single victims ("a civilian") that may count people."""
    found = [
        (q.start, q.end, q.quantity)
        for q in find_quantities(text, lexicon.numbers)
        if _is_count(text, q.start, q.end, lexicon)
    ]
    for match in lexicon.zero_word.finditer(text):
        multi = " " in match.group(0) or match.group(0).lower() != "no"
        clash = [q for q in found if q[0] < match.end() and match.start() < q[1]]
        if clash and not multi:
            continue
        found = [q for q in found if q not in clash]
        found.append((match.start(), match.end(), ZERO))
    hit_starts = [h[0] for h in hits]
    for match in ARTICLE.finditer(text):
        if any(q[0] <= match.start() < q[1] for q in found):
            continue
        near = [s for s in hit_starts if match.end() < s <= match.end() + 40]
        if near or match.group(0).lower() == "another":
            found.append((match.start(), match.end(), ONE))
    # "members of one family", "the deaths of a soldier and ...": a single inside a phrase
    found = [q for q in found if not (q[2].min == q[2].max == 1 and OF_BEFORE.search(text, 0, q[0]))]
    return sorted(found, key=lambda q: q[0])


def _resolve_category(kinds: list[str], country: str | None, lexicon: CasualtyLexicon) -> Category | None:
    """The category of a victim phrase from the kinds of its words."""
    if Category.CIVILIANS.value in kinds:
        return Category.CIVILIANS
    if Category.MILITANTS.value in kinds:
        return Category.MILITANTS
    codes = {k[1:] for k in kinds if k.startswith("@")}
    forces = Category.SECURITY_FORCES.value in kinds
    if FOREIGN in kinds and (forces or Category.UNSPECIFIED.value not in kinds):
        return Category.FOREIGN_FORCES
    if forces:
        if country:
            foreign = any(code != country.upper() for code in codes)
        else:
            foreign = bool(codes & lexicon.default_foreign)
        return Category.FOREIGN_FORCES if foreign else Category.SECURITY_FORCES
    if Category.UNSPECIFIED.value in kinds or codes:
        return Category.UNSPECIFIED
    return None


def _victim_phrase(
    text: str, start: int, limit: int, hits: list[tuple[int, int, str]], *, single: bool
) -> tuple[int, list[str]] | None:
    """(end, kinds) of the victim phrase in text[start:limit]; (start, []) when bare; None if not people."""
    inside = [h for h in hits if start <= h[0] and h[1] <= limit]
    if not inside:
        return (start, []) if not text[start:limit].strip(" \t'’\"“”") else None
    prefix = text[start : inside[0][0]].split()
    if len(prefix) > 3 or any(w.lower() in ("and", "or", "&") for w in prefix):
        return None
    chain = [inside[0]]
    for hit in inside[1:]:
        if not CONNECT.fullmatch(text, chain[-1][1], hit[0]):
            break
        chain.append(hit)
    last_word = text[chain[0][0] : chain[-1][1]].split()[-1].lower()
    if single and (
        last_word.endswith("s") and not last_word.endswith("ss") or last_word in ("people", "police")
    ):
        return None  # "a" before a plural is not one victim
    return chain[-1][1], [h[2] for h in chain]


def _stop(text: str, start: int, bound: int) -> int:
    """Where a victim phrase starting at `start` must end at the latest."""
    stop = NP_STOP.search(text, start, bound)
    return stop.start() if stop else bound


def find_victims(
    text: str,
    lexicon: CasualtyLexicon,
    cues: list[Cue],
    hits: list[tuple[int, int, str]],
    *,
    country: str | None = None,
) -> list[Victims]:
    """Every quantity of people in `text` with the category of its victim phrase."""
    quantities = _quantities(text, lexicon, hits)
    cue_starts = [c.start for c in cues]
    found = []
    for i, (start, end, quantity) in enumerate(quantities):
        next_q = quantities[i + 1][0] if i + 1 < len(quantities) else len(text)
        bound = min([next_q, end + 80, len(text)] + [s for s in cue_starts if s >= end])
        victims = _read_victims(text, lexicon, hits, (start, end, quantity), bound, country)
        if victims is None:
            continue
        if quantity is ONE and found and APPOSITION.fullmatch(text, found[-1].end, start):
            found[-1] = replace(found[-1], end=victims.end)  # "1 civilian, a tribal elder,": one person
            continue
        found.append(victims)
    return found


def _read_victims(
    text: str,
    lexicon: CasualtyLexicon,
    hits: list[tuple[int, int, str]],
    found: tuple[int, int, Quantity],
    bound: int,
    country: str | None,
) -> Victims | None:
    """The quantity at text[start:end] with its victim phrase, or None when it counts no people."""
    start, end, quantity = found
    single = quantity is ONE
    of = lexicon.subcount_of.match(text, end)
    if of and not single:
        outcome = lexicon.subcount_of_outcome.get(_norm(of.group("of")), INHERIT)
        phrase = _victim_phrase(text, of.end(), _stop(text, of.end(), len(text)), hits, single=False)
        if phrase is None or not phrase[1]:
            return Victims(start, of.end(), quantity, None, of_outcome=outcome)
        category = _resolve_category(phrase[1], country, lexicon)
        return Victims(start, phrase[0], quantity, category, of_outcome=outcome)
    inherit = lexicon.inherit.match(text, end)
    if inherit and not single:
        return Victims(start, inherit.end(), quantity, None)
    phrase = _victim_phrase(text, end, _stop(text, end, bound), hits, single=single)
    if phrase is None:
        return None
    if not phrase[1]:
        if quantity is ONE and text[start:end].lower() != "another":
            return None
        if quantity is ZERO and text[start:end].lower() == "no":
            return None
        if quantity.min is not None and quantity.min >= 1900 and YEAR.fullmatch(text[start:end]):
            return None
        return Victims(start, end, quantity, None, bare=True)
    category = _resolve_category(phrase[1], country, lexicon)
    if category is None:
        return None
    return Victims(start, phrase[0], quantity, category)


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


def _list_prefix(words: list[str]) -> tuple[int, bool]:
    """Length of a leading list of other victims (", Q and Q ,") and whether it held any."""
    i = 0
    listed = False
    while i < len(words) and words[i].lower() in {",", "and", "or", "&", MASK, "—", "–"}:
        listed = listed or words[i] == MASK
        i += 1
    return i, listed


def _passive_gap(text: str, victims: Victims, cue: Cue, others: list[Victims], lexicon: CasualtyLexicon):
    """(ok, listed, has_aux) for victims before their cue: "four guards, two civilians ..., were"."""
    gap = lexicon.parenthetical.sub(" , ", _masked(text, victims.end, cue.start, others))
    gap = INCLUDING_MASK.sub(" ", gap)  # "12 militants including 2 commanders were killed"
    words = _words(gap)
    skip, listed = _list_prefix(words)
    rest = [w.lower() for w in words[skip:]]
    has_aux = any(w in AUX for w in rest) or text[cue.start : cue.end].split()[0].lower() in AUX
    if not all(w in lexicon.passive_gap or w == "," for w in rest):
        return False, listed, has_aux
    if skip and not listed and not has_aux:
        return False, listed, has_aux  # "5 soldiers, wounded 3": a bare comma is no passive
    return True, listed, has_aux


def _active_gap(text: str, cue: Cue, victims: Victims, others: list[Victims], lexicon: CasualtyLexicon):
    """(ok, listed) for victims after their cue: "killing at least", "killed Q and"."""
    words = _words(_masked(text, cue.end, victims.start, others))
    if cue.word.toll:
        ok = len(words) <= lexicon.toll_max_gap and MASK not in words
        ok = ok and (not words or words[-1].lower() in lexicon.toll_end_words)
        return ok, False
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


def _takes_object(text: str, cue: Cue, starts: set[int]) -> bool:
    """True when a victim phrase follows the cue: "gunmen killed three soldiers" is active."""
    after = re.match(
        r"[\s\"“”'’]*(?:(?:another|the|at\s+least|some|about|all|his|their|its)\s+)*", text[cue.end :]
    )
    pos = cue.end + (after.end() if after else 0)
    return pos in starts or bool(re.match(r"(?:him|her|them)sel(?:f|ves)\b", text[pos:]))


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
            options.append((listed, 0 if has_aux else 1, right))
    if left is not None and left.word.before:
        ok, listed = _active_gap(text, left, victims, others, lexicon)
        if ok:
            options.append((listed, 0, left))
    if not options:
        return None
    return min(options, key=lambda o: (o[0], o[1]))[2]


# ---------------------------------------------------------------- building figures


def _figure(victims: Victims, outcome: str, category: Category, words: str, *, part: bool = False) -> Figure:
    """One Figure from bound victims."""
    q = victims.quantity
    return Figure(
        outcome=Outcome(outcome),
        category=category,
        min=q.min,
        max=q.max,
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


def _fill_subcount(figures: list[tuple[int, int, Figure]], sub: Figure, text: str) -> None:
    """Put "including 5 children" on the total it belongs to (women/children fields)."""
    if sub.min is None or sub.min != sub.max:
        return
    for i in range(len(figures) - 1, -1, -1):
        start, end, total = figures[i]
        if total.part_of_total or total.outcome is not sub.outcome:
            continue
        if CHILD_WORDS.search(sub.words) and total.children is None:
            figures[i] = (start, end, replace(total, children=sub.min))
        elif WOMEN_WORDS.search(sub.words) and total.women is None:
            figures[i] = (start, end, replace(total, women=sub.min))
        return


def _zero_noun_figures(text: str, lexicon: CasualtyLexicon, taken: list[tuple[int, int]]):
    """ "there were no casualties", "no civilian deaths": zero figures, one per outcome."""
    found = []
    for match in lexicon.zero_noun.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        outcome = lexicon.zero_noun_outcome.get(_norm(match.group("noun")), COMBINED)
        adj = _norm(match.group("adj"))
        category = Category.CIVILIANS if "civilian" in adj else Category.UNSPECIFIED
        if "military" in adj or "security" in adj:
            category = Category.SECURITY_FORCES
        for out in _outcomes(outcome, ZERO):
            figure = Figure(Outcome(out), category, 0, 0, words=match.group(0))
            found.append((match.start(), match.end(), figure))
    return found


def figures_in_text(
    text: str, lexicon: CasualtyLexicon, *, country: str | None = None
) -> list[tuple[int, int, Figure]]:
    """The casualty figures of one sentence's text as (start, end, Figure), offsets into `text`."""
    if _is_question(text):
        return []
    tokens = tokenize(text)
    cues = find_cues(text, lexicon, tokens)
    if not cues:
        return []
    hits = _victim_hits(tokens, lexicon)
    victims = find_victims(text, lexicon, cues, hits, country=country)
    starts = {v.start for v in victims} | {h[0] for h in hits}
    figures: list[tuple[int, int, Figure]] = []
    last: Figure | None = None
    previous: tuple[int, bool] = (-1, False)  # end and sub-count mark of the victims before
    for v in victims:
        marked = bool(v.of_outcome) or bool(
            lexicon.subcount_before.search(text, max(0, v.start - 40), v.start)
        )
        marked = marked or (previous[1] and bool(LIST_GAP.fullmatch(text, previous[0], v.start)))
        previous = (v.end, marked)
        cue = bind_cue(text, v, cues, victims, lexicon, starts)
        sub = marked and last is not None
        outcome = v.of_outcome if v.of_outcome in (KILLED, INJURED) else None
        outcome = outcome or (cue.word.outcome if cue else None)
        if outcome is None and marked and last is not None:
            outcome = last.outcome.value
        if outcome is None:
            continue
        category = v.category or (last.category if last else Category.UNSPECIFIED)
        lo = min(v.start, cue.start) if cue and not sub else v.start
        hi = max(v.end, cue.end) if cue and not sub else v.end
        for out in _outcomes(outcome, v.quantity):
            figure = _figure(v, out, category, text[lo:hi], part=sub)
            if sub:
                _fill_subcount(figures, figure, text)
            figures.append((lo, hi, figure))
            last = figure
    figures += _zero_noun_figures(text, lexicon, [(s, e) for s, e, _ in figures])
    return sorted(figures, key=lambda f: f[0])


def find_figures(
    sentence: SpacySpan, lexicon: CasualtyLexicon, *, country: str | None = None
) -> list[FigureMatch]:
    """Every casualty figure in one sentence, with Doc character offsets of its words."""
    base = sentence.start_char
    text = sentence.text
    return [
        FigureMatch(figure, base + start, base + end)
        for start, end, figure in figures_in_text(text, lexicon, country=country)
    ]


# ---------------------------------------------------------------- stance


def _is_question(text: str) -> bool:
    """True for a sentence that asks rather than tells."""
    return text.rstrip(" \t\n\"'”’)»").endswith("?")


def _stance_about(words: str, lexicon: CasualtyLexicon) -> tuple[Category | None, Outcome | None]:
    """The category and outcome a denial or threat speaks of, when it says."""
    kinds = [h[2] for h in find_phrases(tokenize(words), lexicon.victim_index)]
    category = _resolve_category(kinds, None, lexicon) if kinds else None
    if re.search(r"civilian", words, re.IGNORECASE):
        category = Category.CIVILIANS
    outcome = None
    if re.search(r"kill|dead|death|died|martyr|fatalit|lives", words, re.IGNORECASE):
        outcome = Outcome.KILLED
    elif re.search(r"injur|wound|hurt", words, re.IGNORECASE):
        outcome = Outcome.INJURED
    return category, outcome


def find_stance(sentence: SpacySpan, lexicon: CasualtyLexicon) -> StanceMatch | None:
    """A denial, threat or question about casualties in the sentence; None when it simply tells."""
    base = sentence.start_char
    text = sentence.text
    if lexicon.stance_screen.isdisjoint(TOKEN.findall(text.lower())) or not lexicon.casualty_word.search(
        text
    ):
        return None
    for stance, patterns in (
        (Stance.DENIED, lexicon.stance_denied),
        (Stance.HYPOTHETICAL, lexicon.stance_hypothetical),
    ):
        for pattern in patterns:
            match = pattern.search(text)
            if match is None:
                continue
            if stance is Stance.HYPOTHETICAL and find_cues(text, lexicon):
                return None  # a reported toll beside a threat: the figures stand
            category, outcome = _stance_about(text[max(0, match.start() - 30) : match.end() + 40], lexicon)
            return StanceMatch(
                stance, match.group(0), base + match.start(), base + match.end(), category, outcome
            )
    if _is_question(text):
        return StanceMatch(Stance.QUESTION, text.strip(), base, base + len(text))
    return None

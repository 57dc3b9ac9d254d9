"""Toponym recognition: capitalised phrases found in the gazetteer, with the cue words around them.

Precision over recall: only capitalised words start a name, stop words and demonyms never stand alone,
and a spelling absent from the gazetteer is matched by its transliteration skeleton only when flagged
`fuzzy`, for the resolver to accept in a known country.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import NamedTuple

from wordfreq import zipf_frequency

from conflictdb import folded
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import GeoLexicon, Phrase
from conflictdb.geo.names import normalize_name
from conflictdb.geo.places import GazPlace, PlaceKind
from conflictdb.records import quick_init, replace

_WORD = re.compile(r"[^\W\d_][\w'\u2019\u2018\u02bb]*(?:-[\w'\u2019]+)*")
# lower-case particles allowed inside a multi-word name ("Tarnak wa Jaldak", "Bab al-Hawa")
_PARTICLES = frozenset(
    {"al", "el", "ad", "ar", "as", "ash", "at", "az", "wa", "e", "i", "ye", "de", "du", "la"}
    | {"del", "do", "da", "dos", "das", "di", "des", "los", "las", "le", "les"}  # "Mar del Plata"
)
# A French or Italian article elided onto a name ("l'Isere", "d'Ivoire", "dell'Aquila"): the word is
# capitalised as its name is, and the name may be looked up without the article.
_ELIDED_ARTICLE = re.compile(r"^(?:[dl]|dell|nell|all|sull)['\u2019](?=[A-Z])")
_PARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|ez|es|ed|ul|ibn|bin|wa)-[A-Z]")  # "ez-Zor"
# An Arabic article opening a name, which spellings write or leave out ("Ar-Raqqa" ~ "Raqqa", "Al Arish" ~
# "Arish"): capitalised, hyphened to the name, or "Al"/"El" as a word of its own (not "At", "As": English
# words too); a lower-case one is a particle inside a longer name ("Tal as-Sultan").
_ARTICLE_OPENING = re.compile(r"^(?:(?:A[dlnrstz]|Ash|E[dlsz]|AL|EL)-(?=\w)|(?:Al|El|AL|EL) (?=\w))")
_MAX_WORDS = 5
_MIN_FUZZY_LENGTH = 5
_MIN_NAMESAKE_POPULATION = 10_000
_FEMININE_SPOKEN, _FEMININE_WRITTEN = "eh", "ah"  # the Arabic feminine ending (ta marbuta)
_ROLE_REACH = 120  # characters before a name searched for a role word and its preposition
_DATELINE_REACH = 600  # a dateline opens the article: only its first lines are searched
# "KABUL, March 3 (Reuters) -", "Beirut, Lebanon -", "Saturday, May 4, 2019 (AFP) -", "May 4 (KHARTOUM) -"
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z'\u2019. -]{2,}(?:,[^\n()]{1,40}?)?"  # KABUL / KABUL, March 3, 2019
    r"|[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*)*,[^\n()]{1,40}?"  # Beirut, Lebanon
    r"|[^\n()]{1,40}?(?=\s*\())"  # Saturday, May 4, 2019 (AFP)
    r"\s*(?:\((?P<credit>[^()\n]{1,30})\))?\s*[-\u2013\u2014]+\s",
    re.MULTILINE,
)
_CREDIT = re.compile(r"[A-Z]{2,4}")  # "(AFP)", "(HOL)": an outlet's acronym, not "(KHARTOUM)"


@quick_init
@dataclass(frozen=True, slots=True)
class ToponymMatch:
    """A place name in the text with its gazetteer candidates and the cues around it."""

    start: int
    end: int
    surface: str
    candidates: tuple[GazPlace, ...]
    cues: frozenset[str] = frozenset()  # "near", "capital", "feature", "person", "distance", "locative",
    # "dateline" (where the reporter filed), "credit" (an outlet: "(AFP)"), "role" (named in another role
    # than where things happened: "travelling to X")
    level: PlaceKind | None = None  # from a following "province" / "district" / "city"
    country: str | None = None  # set when the name is a country's
    fuzzy: bool = False  # matched by transliteration skeleton only
    cue_end: int = 0  # end of the name plus its level word ("Nad Ali district")
    said_country: str | None = None  # the country a demonym gives it ("the Lebanese town of X")
    container: int | None = None  # start of the match naming the unit that holds it ("X (Y, Z)")


class _Word(NamedTuple):
    """A word token with its offsets, lookup key and whether it may start or continue a name."""

    start: int
    end: int
    text: str
    key: str
    capitalised: bool


def tokenize_words(text: str) -> list[_Word]:
    """Word tokens (letters, inner apostrophes and hyphens) with offsets: capitalised, or lower-case
    with an Arabic article prefix ("ez-Zor"); keyed by normalize_name, plain ASCII words by lower()."""
    words = []
    append = words.append
    new = tuple.__new__  # _Word(...) without the call of its Python __new__
    for m in _WORD.finditer(text):
        word = m.group()
        start, end = m.span()
        key = word.lower() if word.isascii() and word.isalpha() else normalize_name(word)
        capitalised = (
            word[0].isupper()
            or ("-" in word and bool(_PARTICLE_PREFIX.match(word)))
            or bool(_ELIDED_ARTICLE.match(word))
        )
        append(new(_Word, (start, end, word, key, capitalised)))
    return words


def _chain(text: str, words: list[_Word], i: int) -> int:
    """Number of words from word i that run on as one phrase: only spaces or hyphens between, each next
    word capitalised or a particle (at most _MAX_WORDS)."""
    n = 1
    for j in range(i + 1, min(i + _MAX_WORDS, len(words))):
        if text[words[j - 1].end : words[j].start] not in (" ", "-"):
            break
        if not words[j].capitalised and words[j].key not in _PARTICLES:
            break
        n += 1
    return n


def _lookup(key: str, gazetteer: Gazetteer, lexicon: GeoLexicon) -> tuple[list[GazPlace], str | None]:
    """Candidates of a normalised name (aliases first) and the country code when it names a country."""
    country = lexicon.country_names.get(key)
    if country is None:
        country = gazetteer.country_code(key)
    alias = lexicon.aliases.get(key)
    if alias is not None:
        places = gazetteer.candidates_by_key(alias.key)
        if alias.country:
            places = [p for p in places if p.country == alias.country] or places
    elif country is not None:
        place = gazetteer.country(country)
        return ([place] if place else []), country
    else:
        places = gazetteer.candidates_by_key(key)
    if places and all(p.kind is PlaceKind.ADMIN1 or p.kind is PlaceKind.ADMIN2 for p in places):
        places = places + _namesake_towns(alias.key if alias else key, places, gazetteer)
    return places, country if alias is not None else None


def _namesake_towns(key: str, units: list[GazPlace], gazetteer: Gazetteer) -> list[GazPlace]:
    """Towns of a unit's country spelled like it ("Zaporizhzhia" oblast, "Zaporizhzhya" city)."""
    countries = {p.country for p in units}
    return [
        p
        for p in gazetteer.similar_candidates(key)
        if p.kind is PlaceKind.CITY and p.country in countries and p.population >= _MIN_NAMESAKE_POPULATION
    ]


def _is_stop(words: list[_Word], lexicon: GeoLexicon) -> bool:
    """A phrase made only of stop words or a demonym is not a place name."""
    if len(words) == 1 and words[0].key in lexicon.demonyms:
        return True
    return all(w.key in lexicon.stop_words or w.key in _PARTICLES for w in words)


def _phrase_after(words: list[_Word], text: str, j: int, phrases: Container[Phrase], limit: int) -> int:
    """Length of the longest phrase in `phrases` starting at word j (0 if none)."""
    keys = tuple([w.key for w in words[j : j + limit]])
    for n in range(len(keys), 0, -1):
        if keys[:n] in phrases:
            gaps = [text[words[k - 1].end : words[k].start] for k in range(j + 1, j + n)]
            if all(g.strip() in ("", "-") for g in gaps):
                return n
    return 0


def _key_suffix_in(keys: tuple[str, ...], phrases: frozenset[Phrase]) -> bool:
    """Whether the keys end with one of `phrases`."""
    for n in range(1, len(keys) + 1):  # noqa: SIM110 - a loop: no generator made on every name
        if keys[-n:] in phrases:
            return True
    return False


def _cues_before(text: str, words: list[_Word], i: int, lexicon: GeoLexicon) -> set[str]:
    """Cues in the words before a name on its line: near, capital, person, distance (a title ending
    "... rises to" says nothing of the dateline below it)."""
    start = words[i].start
    line = text.rfind("\n", 0, start) + 1
    first = max(0, i - 4)
    while first < i and words[first].start < line:
        first += 1
    cues: set[str] = set()
    if first < i:
        before = words[first : i + 1]
        at = i - first
        keys = tuple([w.key for w in before[:at]])  # at most 4 words
        if _key_suffix_in(keys, lexicon.near_before):
            cues.add("near")
        if _key_suffix_in(keys, lexicon.capital_before):
            cues.add("capital")
        if any(_key_suffix_in(keys[:k], lexicon.person_before) for k in _name_starts(before, at, lexicon)):
            cues.add("person")  # "Gen. Khalid Hassan": a name run on from a title
        if _key_suffix_in(keys[-2:], lexicon.locative_before):
            cues.add("locative")
    if folded.found(lexicon.distance_before, text[max(line, start - 60) : start]):
        cues.update(("near", "distance"))
    if folded.found(lexicon.place_role, text[max(line, start - _ROLE_REACH) : start]):
        cues.add("role")  # "the bus was travelling to X": an end of its journey, not where it was attacked
    return cues


def _name_starts(words: list[_Word], at: int, lexicon: GeoLexicon) -> list[int]:
    """Word at, and up to two capitalised words before it that may begin a person's name with it."""
    starts = [at]
    for k in range(at - 1, max(-1, at - 3), -1):
        if not words[k].capitalised or words[k].key in lexicon.stop_words:
            break
        starts.append(k)
    return starts


def _cues_after(
    text: str, words: list[_Word], j: int, lexicon: GeoLexicon
) -> tuple[set[str], PlaceKind | None, int]:
    """Cues in the words after a name: its level ("province") or a feature ("road"); and the cue end."""
    name_end = words[j - 1].end
    j = _skip_parenthesis(text, words, j)
    if j >= len(words) or text[words[j - 1].end : words[j].start].strip(" )") not in ("", "-"):
        return set(), None, name_end
    n = _phrase_after(words, text, j, lexicon.level_after, lexicon.max_cue_words)
    if n:
        level = lexicon.level_after[tuple(w.key for w in words[j : j + n])]
        return set(), level, words[j + n - 1].end
    if _phrase_after(words, text, j, lexicon.feature_after, lexicon.max_cue_words):
        return {"feature"}, None, name_end
    if words[j].capitalised and words[j].key not in lexicon.stop_words and words[j].start == name_end + 1:
        return {"name_follows"}, None, name_end  # "Ghazni Zabihullah": a name runs on
    return set(), None, name_end


def _skip_parenthesis(text: str, words: list[_Word], j: int) -> int:
    """Index of the first word after a parenthesis that opens right at word j ("Nad Ali (Marja) district")."""
    if j >= len(words) or j == 0 or text[words[j - 1].end : words[j].start].strip() != "(":
        return j
    close = text.find(")", words[j].start, words[j].start + 60)
    if close < 0:
        return j
    while j < len(words) and words[j].start < close:
        j += 1
    return j


def _fuzzy(words: list[_Word], i: int, n: int, gazetteer: Gazetteer) -> list[GazPlace]:
    """Skeleton candidates of a capitalised phrase not in the gazetteer."""
    phrase = " ".join(w.key for w in words[i : i + n])
    if len(phrase.replace(" ", "")) < _MIN_FUZZY_LENGTH:
        return []
    return [p for p in gazetteer.similar_candidates(phrase) if p.kind is not PlaceKind.COUNTRY]


Found = tuple[int, tuple[GazPlace, ...], str | None, bool]  # (word count, candidates, country, fuzzy)
_MEMO_LIMIT = 200_000  # phrases remembered per gazetteer and lexicon


def _match_at(
    text: str, words: list[_Word], i: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> Found:
    """Longest name starting at word i: (word count, candidates, country, fuzzy); 0 words if none.

    The answer depends only on the phrase the words from i run on to, so it is remembered per phrase
    (in `memo`, the gazetteer's memo for the lexicon).
    """
    chain = _chain(text, words, i)
    phrase = text[words[i].start : words[i + chain - 1].end]
    found = memo.get(phrase)
    if found is None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        found = memo[phrase] = _longest_name(text, words, i, chain, gazetteer, lexicon)
    return found


def _longest_name(
    text: str, words: list[_Word], i: int, chain: int, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> Found:
    """_match_at's answer for the `chain` words from word i that run on as one phrase."""
    runs = [n for n in range(chain, 0, -1) if words[i + n - 1].capitalised]
    for n in runs:
        if _is_stop(words[i : i + n], lexicon):
            continue
        key = normalize_name(text[words[i].start : words[i + n - 1].end])
        if words[i + n - 1].text[-2:] in ("'s", "\u2019s"):
            key = key[:-1].rstrip()  # "Beirut's southern suburbs"
        for spelling in _spellings(key, text[words[i].start : words[i].end + 2]):
            places, country = _lookup(spelling, gazetteer, lexicon)
            if places or country:
                return n, tuple(places), country, False
    if words[i].key in lexicon.fuzzy_never_first:
        return 0, (), None, False  # "In Garowe": the name starts after the word
    for n in runs[:3]:
        if _is_stop(words[i : i + n], lexicon) or _is_english(words[i : i + n], lexicon):
            continue
        places = _fuzzy(words, i, n, gazetteer)
        if places:
            return n, tuple(places), None, True
    return 0, (), None, False


def _is_english(words: list[_Word], lexicon: GeoLexicon) -> bool:
    """Whether every word is a word of English (geo_scoring.yaml fuzzy_english_zipf): spelt right, so no
    misspelt name ("the Country" is no "Centre", "Labor Day" no "Liberdade")."""
    return all(zipf_frequency(w.key, "en") >= lexicon.scoring.fuzzy_english_zipf for w in words)


def _spellings(key: str, opening: str) -> dict[str, None]:
    """The keys a name may be listed under: as written, run together ("Beled Weyne" ~ "Beledweyne"),
    without an Arabic article that opens it (`opening`: its first word and two characters after), and
    with an Arabic feminine ending as the gazetteer writes it, where the text writes it as spoken in the
    Levant ("At-Tafileh" ~ "At Tafilah": too few consonants for a skeleton to find it)."""
    spellings = dict.fromkeys((key, key.replace(" ", "")))
    if " " in key and _ARTICLE_OPENING.match(opening):
        spellings[key.split(" ", 1)[1]] = None
    elided = _ELIDED_ARTICLE.match(opening)
    if elided:  # "l'Isere": its key "lisere", the name "isere"
        spellings[key[len(elided.group()) - 1 :]] = None
    if key.endswith(_FEMININE_SPOKEN) and len(key) > _MIN_FUZZY_LENGTH:  # "Tafileh" ~ "Tafilah"
        for spelling in list(spellings):
            spellings[spelling[: -len(_FEMININE_SPOKEN)] + _FEMININE_WRITTEN] = None
    return spellings


def find_toponyms(text: str, gazetteer: Gazetteer, lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Every gazetteer place name in `text`, left to right, non-overlapping, longest first."""
    words = tokenize_words(text)
    memo = gazetteer.memo(lexicon)
    matches: list[ToponymMatch] = []
    i = 0
    while i < len(words):
        if not words[i].capitalised:
            i += 1
            continue
        n, places, country, fuzzy = _match_at(text, words, i, gazetteer, lexicon, memo)
        if n == 0:
            n = _unknown_place(text, words, i, gazetteer, lexicon, memo)
            if n == 0:
                i += 1
                continue
        elif country is None and _unknown_whole(text, words, i, n, gazetteer, lexicon, memo):
            n, places, fuzzy = (
                _capitalised_run(text, words, i),
                (),
                False,
            )  # "in Tal Abyad (Raqqa)": not "Tal"
        start, end = words[i].start, words[i + n - 1].end
        after, level, cue_end = _cues_after(text, words, i + n, lexicon)
        if n == 1 and level is None and _is_name_head(text, words[i], lexicon):
            i += 1
            continue
        cues = _cues_before(text, words, i, lexicon)
        said = _demonym_place(text[max(0, start - 60) : start], lexicon)
        matches.append(
            ToponymMatch(
                start=start,
                end=end,
                surface=text[start:end],
                candidates=places,
                cues=frozenset(cues | after),
                level=level,
                country=country,
                fuzzy=fuzzy,
                cue_end=cue_end,
                said_country=lexicon.demonyms.get(normalize_name(said.group("demonym"))) if said else None,
            )
        )
        i += n
    return _mark_datelines(text, _mark_containers(text, matches, lexicon))


def _is_name_head(text: str, word: _Word, lexicon: GeoLexicon) -> bool:
    """Whether a word that ends an institution's name ("University", "Bank") stands as such here, not in
    a list of units after a comma or a bracket ("X (Y, Centre)")."""
    if word.key not in lexicon.name_heads:
        return False
    before = text[max(0, word.start - 3) : word.start].rstrip()
    return not before or before[-1] not in ",(["


def _unknown_place(
    text: str, words: list[_Word], i: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> int:
    """Word count of a capitalised phrase at word i that the gazetteer lacks but the syntax makes a place
    (0 if none): "the village of X", "X village", "in X (Y, Z)", "at X, Y" where Y is a known place."""
    if not _follows(text, words, i, lexicon.unknown_place_lead):
        tail = lexicon.unknown_place_tail
        if not any(w.key in tail for w in words[i + 1 : i + _MAX_WORDS + 1]):
            return 0  # no word that could frame a place on either side
        n = _capitalised_run(text, words, i)
        if i + n >= len(words) or not _follows(text, words, i + n, tail, before=False):
            return 0
    else:
        n = _capitalised_run(text, words, i)
    phrase = words[i : i + n]
    if phrase[0].key in lexicon.fuzzy_never_first or (n == 1 and phrase[0].key in lexicon.demonyms):
        return 0
    if any(w.key in lexicon.stop_words or w.key in lexicon.country_names for w in phrase):
        return 0
    n = _syntax_frame(text, words, i, n, gazetteer, lexicon, memo)
    if any(
        words[k].capitalised and _match_at(text, words, k, gazetteer, lexicon, memo)[0]
        for k in range(i + 1, i + n)
    ):
        return 0  # "the Abu Kabul area": a known name inside is matched on its own
    return n


def _syntax_frame(
    text: str, words: list[_Word], i: int, n: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> int:
    """n when the phrase of n words at word i stands where only a place stands, else 0."""
    before = _words_before(text, words, i)
    if _key_suffix_in(before, lexicon.unknown_place_before):
        return n
    j = i + n
    if j >= len(words):
        return 0
    gap = text[words[j - 1].end : words[j].start]
    if gap == " " and _phrase_after(words, text, j, lexicon.unknown_place_after, 2):
        return n
    if not before or (before[-1],) not in lexicon.locative_before or gap.strip() not in ("(", "[", ","):
        return 0
    return n if _known_at(text, words, j, gazetteer, lexicon, memo) else 0  # the unit holding it is known


def _known_at(
    text: str, words: list[_Word], j: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> bool:
    """Whether a known place's name starts at word j."""
    if not words[j].capitalised:
        return False
    found = _match_at(text, words, j, gazetteer, lexicon, memo)
    return bool(found[0] and (found[1] or found[2]))


def _capitalised_run(text: str, words: list[_Word], i: int) -> int:
    """Words from word i that run on as one phrase, up to its last capitalised one."""
    chain = _chain(text, words, i)
    return max(k for k in range(1, chain + 1) if words[i + k - 1].capitalised)


def _unknown_whole(
    text: str, words: list[_Word], i: int, n: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> bool:
    """Whether the n words of a known name at word i are only the start of a longer name the gazetteer lacks,
    after a preposition and before the bracketed unit holding it ("in Ramos Mejia (Buenos Aires)")."""
    if not _follows(text, words, i, lexicon.unknown_place_lead):
        return False
    whole = _capitalised_run(text, words, i)
    j = i + whole
    if whole <= n or j >= len(words) or text[words[j - 1].end : words[j].start].strip() not in ("(", "["):
        return False
    before = _words_before(text, words, i)
    if not before or (before[-1],) not in lexicon.locative_before:
        return False
    if any(w.key in lexicon.stop_words or (w.key,) in lexicon.level_after for w in words[i : i + whole]):
        return False  # "in Donga LGA (Taraba)": the known name and its level word
    return _known_at(text, words, j, gazetteer, lexicon, memo)


def _follows(text: str, words: list[_Word], i: int, keys: frozenset[str], *, before: bool = True) -> bool:
    """Whether the word before word i (or word i itself, `before` False, after the word before it) is one
    of `keys`, a single space apart."""
    k = i - 1 if before else i
    return i > 0 and words[k].key in keys and text[words[i - 1].end : words[i].start] == " "


def _words_before(text: str, words: list[_Word], i: int) -> tuple[str, ...]:
    """Keys of up to three words before word i that run on to it on its line (spaces between)."""
    keys: list[str] = []
    for k in range(i - 1, max(-1, i - 4), -1):
        if text[words[k].end : words[k + 1].start] != " ":
            break
        keys.append(words[k].key)
    return tuple(reversed(keys))


def _mark_containers(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Matches read with the units named as holding them: after a parenthesis opening ("X (Y, Z)") and
    between the names inside it, the unit keeps only its candidates that hold one of the place's, and the
    place only those held (a name in brackets that holds none is a part or another name of the place).
    A place the gazetteer lacks (or knows only by a guessed spelling) is also held by the unit after a
    comma, "in" or "of" ("the village of X in Y district"): it gets `container`, the unit cue "container"."""
    marked = _outside_the_bracket_country(text, matches, lexicon)
    bracket = False  # inside the brackets of a container: a comma separates units from small to large
    for k in range(len(matches) - 1):
        match, following = marked[k], marked[k + 1]
        gap = lexicon.container_gap.match(text, match.cue_end, following.start)
        if gap is None or following.cues & {"person", "name_follows"} or following.country is not None:
            bracket = bracket and gap is not None
            continue
        bracket = bool(gap.group("open")) or (bracket and "," in gap.group())
        unknown = match.fuzzy or not match.candidates
        held = _held(match.candidates, following.candidates) if bracket else ()
        if held:
            marked[k] = replace(match, candidates=held[0])
            marked[k + 1] = replace(following, candidates=held[1])
        if unknown and not {p.id for p in match.candidates} & {p.id for p in following.candidates}:
            marked[k] = replace(marked[k], container=following.start)
            cues = following.cues | {"container"}
            if not match.candidates:  # the unit stands for the place it holds, where that is located
                cues |= match.cues & {"locative", "near"}
            marked[k + 1] = replace(marked[k + 1], cues=cues)
    return [m for m in marked if m.candidates or m.country]  # a place the gazetteer lacks: its unit speaks


def _outside_the_bracket_country(
    text: str, matches: list[ToponymMatch], lexicon: GeoLexicon
) -> list[ToponymMatch]:
    """Matches without their readings when the largest unit in the brackets after them ("X (Y, Z)": Z)
    lies in another country: then X and Y are places the gazetteer lacks (or knows only abroad), held by
    the units after them, and never their namesakes abroad ("Qarvon (Lowland, Zeta)": in Zeta's country).
    Only a unit of one country speaks so."""
    marked = list(matches)
    k = 0
    while k < len(matches) - 1:
        chain = _bracket_chain(text, matches, k, lexicon)
        if len(chain) < 2:
            k += 1
            continue
        largest = matches[chain[-1]]
        countries = {largest.country} if largest.country else {p.country for p in largest.candidates}
        for n in chain[:-1] if len(countries) == 1 else ():  # "(Plateau)": a unit of two countries
            match = matches[n]
            if (
                match.candidates
                and not match.country
                and not any(p.country in countries for p in match.candidates)
            ):
                marked[n] = replace(match, candidates=(), fuzzy=False)
        k = chain[-1]
    return marked


def _bracket_chain(text: str, matches: list[ToponymMatch], k: int, lexicon: GeoLexicon) -> list[int]:
    """Indexes of match k and of the matches in the brackets opening right after it, a comma apart
    ("X (Y, Z)": X, Y, Z); only k when no bracket opens after it."""
    chain = [k]
    opened = False
    for n in range(k + 1, len(matches)):
        gap = lexicon.container_gap.match(text, matches[n - 1].cue_end, matches[n].start)
        if gap is None or not (gap.group("open") if not opened else gap.group().strip() == ","):
            break
        opened = True
        chain.append(n)
    return chain


def _held(
    places: tuple[GazPlace, ...], units: tuple[GazPlace, ...]
) -> tuple[tuple[GazPlace, ...], tuple[GazPlace, ...]] | None:
    """The places that one of the units holds and the units that hold one of them (None if no pair)."""
    pairs = [(_in_district(p, u), u) for p in places for u in units if _holds(u, p)]
    if not pairs:
        return None
    return tuple(dict.fromkeys(p for p, _ in pairs)), tuple(dict.fromkeys(u for _, u in pairs))


def _in_district(place: GazPlace, unit: GazPlace) -> GazPlace:
    """A town the gazetteer gives no district, with the district that the text says holds it."""
    if unit.kind is not PlaceKind.ADMIN2 or place.admin2_id is not None or place.kind is not PlaceKind.CITY:
        return place
    return replace(place, admin2=unit.admin2 or unit.ascii_name, admin2_id=unit.id)


def _holds(unit: GazPlace, place: GazPlace) -> bool:
    """Whether `unit` holds `place` by the gazetteer (a town without a known district, by its province);
    a town holds a smaller one of its province ("a village (near the town)")."""
    if unit.country != place.country or unit.id == place.id:
        return False
    if unit.kind is PlaceKind.COUNTRY:
        return True
    if unit.kind is PlaceKind.ADMIN1:
        return place.admin1_id == unit.id
    if unit.kind is PlaceKind.ADMIN2:
        if place.kind is PlaceKind.ADMIN1:
            return False
        return place.admin2_id == unit.id or (place.admin2_id is None and place.admin1_id == unit.admin1_id)
    return (
        place.kind is PlaceKind.CITY
        and place.admin1_id == unit.admin1_id
        and place.population < unit.population
    )


def _demonym_place(before: str, lexicon: GeoLexicon) -> re.Match[str] | None:
    """ "the Lebanese town of " at the end of the text before a name (screened by its place word)."""
    if lexicon.demonym_place_word.search(before) is None:
        return None
    return lexicon.demonym_place_before.search(before)


def _datelines(text: str) -> tuple[list[tuple[int, int]], frozenset[str]]:
    """Spans of the datelines opening an article and the outlet credits they name ("(AFP)")."""
    spans: list[tuple[int, int]] = []
    credits: set[str] = set()
    for found in _DATELINE.finditer(text, 0, _DATELINE_REACH):
        spans.append((found.start(), found.end()))
        credit = (found.group("credit") or "").strip()
        if _CREDIT.fullmatch(credit):
            credits.add(credit)
    return spans, frozenset(credits)


def _mark_datelines(text: str, matches: list[ToponymMatch]) -> list[ToponymMatch]:
    """Matches with cue "dateline" where the reporter filed from, "credit" where they name the outlet
    ("(HOL)" in a dateline, and "HOL" wherever else the article names it)."""
    spans, credits = _datelines(text)
    if not spans:
        return matches
    marked = []
    for match in matches:
        if match.surface in credits:
            match = replace(match, cues=match.cues | {"credit"})
        elif any(start <= match.start < end for start, end in spans):
            match = replace(match, cues=match.cues | {"dateline"})
        marked.append(match)
    return marked

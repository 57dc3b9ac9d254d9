"""Toponym recognition: capitalised phrases found in the gazetteer, with the cue words around them.

Precision over recall: only capitalised words start a name, stop words and demonyms never stand alone,
and a spelling absent from the gazetteer is matched by its transliteration skeleton only when flagged
`fuzzy`, for the resolver to accept in a known country.
"""

from __future__ import annotations

import re

from wordfreq import zipf_frequency

from conflictdb.geo.containers import mark_containers
from conflictdb.geo.cues import cues_after, cues_before, demonym_place, mark_datelines
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.lexicon import GeoLexicon
from conflictdb.geo.names import normalize_name
from conflictdb.geo.words import (
    Word,
    capitalised_run,
    follows,
    key_suffix_in,
    phrase_after,
    run_length,
    tokenize_words,
    words_before,
)
from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch


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
        places = places + _namesake_towns(alias.key if alias else key, places, gazetteer, lexicon)
    return places, country if alias is not None else None


def _namesake_towns(
    key: str, units: list[GazPlace], gazetteer: Gazetteer, lexicon: GeoLexicon
) -> list[GazPlace]:
    """Towns of a unit's country spelled like it ("Zaporizhzhia" oblast, "Zaporizhzhya" city)."""
    countries = {p.country for p in units}
    return [
        p
        for p in gazetteer.similar_candidates(key)
        if p.kind is PlaceKind.CITY
        and p.country in countries
        and p.population >= lexicon.scoring.namesake_town_population
    ]


def _is_stop(words: list[Word], lexicon: GeoLexicon) -> bool:
    """A phrase made only of stop words or a demonym is not a place name."""
    if len(words) == 1 and words[0].key in lexicon.demonyms:
        return True
    return all(w.key in lexicon.stop_words or w.key in lexicon.name_particles for w in words)


def _fuzzy(words: list[Word], i: int, n: int, gazetteer: Gazetteer, lexicon: GeoLexicon) -> list[GazPlace]:
    """Skeleton candidates of a capitalised phrase not in the gazetteer."""
    phrase = " ".join(w.key for w in words[i : i + n])
    if len(phrase.replace(" ", "")) < lexicon.scoring.min_fuzzy_length:
        return []
    return [p for p in gazetteer.similar_candidates(phrase) if p.kind is not PlaceKind.COUNTRY]


Found = tuple[int, tuple[GazPlace, ...], str | None, bool]  # (word count, candidates, country, fuzzy)
_MEMO_LIMIT = 200_000  # phrases remembered per gazetteer and lexicon


def _match_at(
    text: str, words: list[Word], i: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> Found:
    """Longest name starting at word i: (word count, candidates, country, fuzzy); 0 words if none.

    The answer depends only on the phrase the words from i run on to, so it is remembered per phrase
    (in `memo`, the gazetteer's memo for the lexicon).
    """
    chain = run_length(text, words, i, lexicon)
    phrase = text[words[i].start : words[i + chain - 1].end]
    found = memo.get(phrase)
    if found is None:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        found = memo[phrase] = _longest_name(text, words, i, chain, gazetteer, lexicon)
    return found


def _longest_name(
    text: str, words: list[Word], i: int, chain: int, gazetteer: Gazetteer, lexicon: GeoLexicon
) -> Found:
    """_match_at's answer for the `chain` words from word i that run on as one phrase."""
    runs = [n for n in range(chain, 0, -1) if words[i + n - 1].capitalised]
    for n in runs:
        if _is_stop(words[i : i + n], lexicon):
            continue
        key = normalize_name(text[words[i].start : words[i + n - 1].end])
        if words[i + n - 1].text[-2:] in ("'s", "\u2019s"):
            key = key[:-1].rstrip()  # "Beirut's southern suburbs"
        for spelling in _spellings(key, text[words[i].start : words[i].end + 2], lexicon):
            places, country = _lookup(spelling, gazetteer, lexicon)
            if places or country:
                return n, tuple(places), country, False
    if words[i].key in lexicon.fuzzy_never_first:
        return 0, (), None, False  # "In Garowe": the name starts after the word
    for n in runs[:3]:
        if _is_stop(words[i : i + n], lexicon) or _is_english(words[i : i + n], lexicon):
            continue
        places = _fuzzy(words, i, n, gazetteer, lexicon)
        if places:
            return n, tuple(places), None, True
    return 0, (), None, False


def _is_english(words: list[Word], lexicon: GeoLexicon) -> bool:
    """Whether every word is a word of English (geo_scoring.yaml fuzzy_english_zipf): spelt right, so no
    misspelt name ("the Country" is no "Centre", "Labor Day" no "Liberdade")."""
    return all(zipf_frequency(w.key, "en") >= lexicon.scoring.fuzzy_english_zipf for w in words)


def _spellings(key: str, opening: str, lexicon: GeoLexicon) -> dict[str, None]:
    """The keys a name may be listed under: as written, run together ("Beled Weyne" ~ "Beledweyne"),
    without an Arabic article that opens it (`opening`: its first word and two characters after), and
    with an Arabic feminine ending as the gazetteer writes it, where the text writes it as spoken in the
    Levant ("At-Tafileh" ~ "At Tafilah": too few consonants for a skeleton to find it)."""
    spellings = dict.fromkeys((key, key.replace(" ", "")))
    if " " in key and lexicon.article_opening.match(opening):
        spellings[key.split(" ", 1)[1]] = None
    elided = lexicon.elided_article.match(opening)
    if elided:  # "l'Isere": its key "lisere", the name "isere"
        spellings[key[len(elided.group()) - 1 :]] = None
    spoken, written = lexicon.feminine_spoken, lexicon.feminine_written
    if key.endswith(spoken) and len(key) > lexicon.scoring.min_fuzzy_length:  # "Tafileh" ~ "Tafilah"
        for spelling in list(spellings):
            spellings[spelling[: -len(spoken)] + written] = None
    return spellings


def find_toponyms(text: str, gazetteer: Gazetteer, lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Every gazetteer place name in `text`, left to right, non-overlapping, longest first."""
    words = tokenize_words(text, lexicon)
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
                capitalised_run(text, words, i, lexicon),
                (),
                False,
            )  # "in Tal Abyad (Raqqa)": not "Tal"
        start, end = words[i].start, words[i + n - 1].end
        after, level, cue_end = cues_after(text, words, i + n, lexicon)
        if n == 1 and level is None and _is_name_head(text, words[i], lexicon):
            i += 1
            continue
        if n == 1 and _is_numbered_unit(text, words[i], lexicon):
            i += 1
            continue
        cues = cues_before(text, words, i, lexicon)
        said = demonym_place(text[max(0, start - lexicon.scoring.cue_reach) : start], lexicon)
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
    return mark_datelines(text, mark_containers(text, matches, lexicon), lexicon)


def _is_name_head(text: str, word: Word, lexicon: GeoLexicon) -> bool:
    """Whether a word that ends an institution's name ("University", "Bank") stands as such here, not in
    a list of units after a comma or a bracket ("X (Y, Centre)")."""
    if word.key not in lexicon.name_heads:
        return False
    before = text[max(0, word.start - 3) : word.start].rstrip()
    return not before or before[-1] not in ",(["


def _is_numbered_unit(text: str, word: Word, lexicon: GeoLexicon) -> bool:
    """Whether a word like "Ward" or "Zone" stands before a number, naming a numbered part of a town."""
    return word.key in lexicon.numbered_unit_words and _NUMBER_AFTER.match(text, word.end) is not None


_NUMBER_AFTER = re.compile(r"\s?(?:no\.?\s?)?\d", re.IGNORECASE)


def _unknown_place(
    text: str, words: list[Word], i: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> int:
    """Word count of a capitalised phrase at word i that the gazetteer lacks but the syntax makes a place
    (0 if none): "the village of X", "X village", "in X (Y, Z)", "at X, Y" where Y is a known place."""
    if not follows(text, words, i, lexicon.unknown_place_lead):
        tail = lexicon.unknown_place_tail
        if not any(w.key in tail for w in words[i + 1 : i + lexicon.scoring.max_name_words + 1]):
            return 0  # no word that could frame a place on either side
        n = capitalised_run(text, words, i, lexicon)
        if i + n >= len(words) or not follows(text, words, i + n, tail, before=False):
            return 0
    else:
        n = capitalised_run(text, words, i, lexicon)
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
    text: str, words: list[Word], i: int, n: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> int:
    """n when the phrase of n words at word i stands where only a place stands, else 0."""
    before = words_before(text, words, i)
    if key_suffix_in(before, lexicon.unknown_place_before):
        return n
    j = i + n
    if j >= len(words):
        return 0
    gap = text[words[j - 1].end : words[j].start]
    if gap == " " and phrase_after(words, text, j, lexicon.unknown_place_after, 2):
        return n
    if not before or (before[-1],) not in lexicon.locative_before or gap.strip() not in ("(", "[", ","):
        return 0
    return n if _known_at(text, words, j, gazetteer, lexicon, memo) else 0  # the unit holding it is known


def _known_at(
    text: str, words: list[Word], j: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> bool:
    """Whether a known place's name starts at word j."""
    if not words[j].capitalised:
        return False
    found = _match_at(text, words, j, gazetteer, lexicon, memo)
    return bool(found[0] and (found[1] or found[2]))


def _unknown_whole(
    text: str, words: list[Word], i: int, n: int, gazetteer: Gazetteer, lexicon: GeoLexicon, memo: dict
) -> bool:
    """Whether the n words of a known name at word i are only the start of a longer name the gazetteer lacks,
    after a preposition and before the bracketed unit holding it ("in Ramos Mejia (Buenos Aires)")."""
    if not follows(text, words, i, lexicon.unknown_place_lead):
        return False
    whole = capitalised_run(text, words, i, lexicon)
    j = i + whole
    if whole <= n or j >= len(words) or text[words[j - 1].end : words[j].start].strip() not in ("(", "["):
        return False
    before = words_before(text, words, i)
    if not before or (before[-1],) not in lexicon.locative_before:
        return False
    if any(w.key in lexicon.stop_words or (w.key,) in lexicon.level_after for w in words[i : i + whole]):
        return False  # "in Donga LGA (Taraba)": the known name and its level word
    return _known_at(text, words, j, gazetteer, lexicon, memo)

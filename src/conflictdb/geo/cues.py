"""The cues around a place name: the words before it (near, capital, person, locative, a distance, a
role) and after it (its level, a feature named after it), a demonym giving its country, and the datelines
that open an article.
"""

from __future__ import annotations

import re

from conflictdb import folded
from conflictdb.geo.lexicon import GeoLexicon
from conflictdb.geo.words import Word, key_suffix_in, phrase_after
from conflictdb.records import replace
from conflictdb.records.places import PlaceKind, ToponymMatch

# "KABUL, March 3 (Reuters) -", "Beirut, Lebanon -", "Saturday, May 4, 2019 (AFP) -", "May 4 (KHARTOUM) -"
_DATELINE = re.compile(
    r"^[ \t]*(?:[A-Z][A-Z'\u2019. -]{2,}(?:,[^\n()]{1,40}?)?"  # KABUL / KABUL, March 3, 2019
    r"|[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*)*,[^\n()]{1,40}?"  # Beirut, Lebanon
    r"|[^\n()]{1,40}?(?=\s*\())"  # Saturday, May 4, 2019 (AFP)
    r"\s*(?:\((?P<credit>[^()\n]{1,30})\))?\s*[-\u2013\u2014]+\s",
    re.MULTILINE,
)
_CREDIT = re.compile(r"[A-Z]{2,4}")  # "(AFP)", "(HOL)": an outlet's acronym, not "(KHARTOUM)"


def cues_before(text: str, words: list[Word], i: int, lexicon: GeoLexicon) -> set[str]:
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
        if key_suffix_in(keys, lexicon.near_before):
            cues.add("near")
        if key_suffix_in(keys, lexicon.capital_before):
            cues.add("capital")
        if any(key_suffix_in(keys[:k], lexicon.person_before) for k in _name_starts(before, at, lexicon)):
            cues.add("person")  # "Gen. Khalid Hassan": a name run on from a title
        if key_suffix_in(keys[-2:], lexicon.locative_before):
            cues.add("locative")
    if folded.found(lexicon.distance_before, text[max(line, start - lexicon.scoring.cue_reach) : start]):
        cues.update(("near", "distance"))
    if folded.found(lexicon.place_role, text[max(line, start - lexicon.scoring.role_reach) : start]):
        cues.add("role")  # "the bus was travelling to X": an end of its journey, not where it was attacked
    return cues


def _name_starts(words: list[Word], at: int, lexicon: GeoLexicon) -> list[int]:
    """Word at, and up to two capitalised words before it that may begin a person's name with it."""
    starts = [at]
    for k in range(at - 1, max(-1, at - 3), -1):
        if not words[k].capitalised or words[k].key in lexicon.stop_words:
            break
        starts.append(k)
    return starts


def cues_after(
    text: str, words: list[Word], j: int, lexicon: GeoLexicon
) -> tuple[set[str], PlaceKind | None, int]:
    """Cues in the words after a name: its level ("province") or a feature ("road"); and the cue end."""
    name_end = words[j - 1].end
    j = _skip_parenthesis(text, words, j, lexicon)
    if j >= len(words) or text[words[j - 1].end : words[j].start].strip(" )") not in ("", "-"):
        return set(), None, name_end
    n = phrase_after(words, text, j, lexicon.level_after, lexicon.max_cue_words)
    if n:
        level = lexicon.level_after[tuple(w.key for w in words[j : j + n])]
        return set(), level, words[j + n - 1].end
    if phrase_after(words, text, j, lexicon.feature_after, lexicon.max_cue_words):
        return {"feature"}, None, name_end
    if text[name_end : words[j].start] == "-" and lexicon.joining_ways.match(text, words[j].end):
        return {"feature"}, None, name_end  # "the Amberg-Tolvo road": a way named after two places
    if words[j].capitalised and words[j].key not in lexicon.stop_words and words[j].start == name_end + 1:
        return {"name_follows"}, None, name_end  # "Ghazni Rahmatullah": a name runs on
    return set(), None, name_end


def _skip_parenthesis(text: str, words: list[Word], j: int, lexicon: GeoLexicon) -> int:
    """Index of the first word after a parenthesis that opens right at word j ("Nad Ali (Marja) district")."""
    if j >= len(words) or j == 0 or text[words[j - 1].end : words[j].start].strip() != "(":
        return j
    close = text.find(")", words[j].start, words[j].start + lexicon.scoring.cue_reach)
    if close < 0:
        return j
    while j < len(words) and words[j].start < close:
        j += 1
    return j


def demonym_place(before: str, lexicon: GeoLexicon) -> re.Match[str] | None:
    """ "the Lebanese town of " at the end of the text before a name (screened by its place word)."""
    if lexicon.demonym_place_word.search(before) is None:
        return None
    return lexicon.demonym_place_before.search(before)


def _datelines(text: str, lexicon: GeoLexicon) -> tuple[list[tuple[int, int]], frozenset[str]]:
    """Spans of the datelines opening an article and the outlet credits they name ("(AFP)")."""
    spans: list[tuple[int, int]] = []
    credits: set[str] = set()
    for found in _DATELINE.finditer(text, 0, lexicon.scoring.dateline_reach):
        spans.append((found.start(), found.end()))
        credit = (found.group("credit") or "").strip()
        if _CREDIT.fullmatch(credit):
            credits.add(credit)
    return spans, frozenset(credits)


def mark_datelines(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Matches with cue "dateline" where the reporter filed from, "credit" where they name the outlet
    ("(HOL)" in a dateline, and "HOL" wherever else the article names it)."""
    spans, credits = _datelines(text, lexicon)
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

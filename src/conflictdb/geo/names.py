"""Name keys shared by the gazetteer and the toponym finder: accent/case/punctuation folding and skeletons."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from difflib import SequenceMatcher
from itertools import groupby

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiouyw]")
_SOFT_H = re.compile(r"(?<=[aeiouy])h(?![aeiou])")  # Zindah ~ Zinda, Nahr-e ~ Nahri
# letters and digraphs that transliterations swap freely (Qunduz/Kunduz, Vardak/Wardak, Khost/Host,
# Ghazni/Gazni, Zaporizhzhia/Zaporozhye, Djibo/Jibo); "ch" is kept apart from "kh" (Chaman is not Haman)
_SKELETON_SWAPS = {"kh": "h", "gh": "g", "zh": "z", "dh": "d", "dj": "j", "ch": "kh", "q": "k", "v": "w"}
_SKELETON_SWAP = re.compile("|".join(sorted(_SKELETON_SWAPS, key=len, reverse=True)) + "|c|x")
_SKELETON_SWAPS |= {"c": "k", "x": "h"}
# Arabic articles, assimilated or not (al-Sultan ~ as-Sultan, el-Fasher ~ al Fashir), dropped from skeletons
_ARTICLES = frozenset(
    {"al", "el", "as", "ad", "ar", "at", "az", "ash", "an", "ul", "es", "ed", "ez", "et", "er"}
)
SKELETON_VERSION = 4  # part of the gazetteer cache version: a change re-keys the stored skeletons
_MIN_SKELETON = 4  # shorter skeletons collide too often to be worth a guess (Afgoye ~ Afgooye is an alias)
# Latin letters that Unicode does not decompose into a base letter and an accent, as English spellings
# write them (Diyarbakır -> Diyarbakir, Gədəbəy -> Gadabay, Đống Đa -> Dong Da, Łódź -> Lodz)
_PLAIN_LETTERS = str.maketrans(
    {"ı": "i", "ə": "a", "Ə": "A", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "ø": "o",
     "Ø": "O", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "þ": "th", "Þ": "Th", "ħ": "h",
     "Ħ": "H", "ŧ": "t", "Ŧ": "T", "ŀ": "l", "Ŀ": "L", "ŋ": "ng", "Ŋ": "Ng"}
)  # fmt: skip


def fold_ascii(text: str) -> str:
    """Strip accents and letters outside ASCII, keeping case and punctuation: "Kandahār" -> "Kandahar"."""
    text = _APOSTROPHES.sub("", text)
    if text.isascii():
        return text
    return (
        unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def normalize_name(text: str) -> str:
    """The lookup key of a name: accents, case, apostrophes and punctuation folded, words single-spaced."""
    return _NON_ALNUM.sub(" ", fold_ascii(text).lower()).strip()


def skeleton(key: str) -> str:
    """A transliteration-tolerant key: no articles, spaces, inner vowels, w/y or doubles (Mianisheen ~
    Miyanishin, Tal al-Sultan ~ Tall as Sultan, Afgoye ~ Afgooye)."""
    words = key.split(" ")
    if len(words) > 1:
        words = [w for w in words if w not in _ARTICLES] or words
    letters = _SOFT_H.sub("", "".join(words))
    letters = _SKELETON_SWAP.sub(lambda m: _SKELETON_SWAPS[m.group()], letters)
    if not letters:
        return ""
    head = "a" if letters[0] in "aeiou" else letters[0]  # Urozgan ~ Oruzgan
    return "".join(char for char, _ in groupby(head + _VOWELS.sub("", letters[1:])))


def spelling_likeness(a: str, b: str) -> float:
    """How alike two name keys are spelt (difflib's ratio, 1.0 the same), Arabic articles left out
    ("falloujah" ~ "al fallujah" 0.94)."""
    plain = [" ".join(w for w in key.split(" ") if w not in _ARTICLES) or key for key in (a, b)]
    return SequenceMatcher(None, *plain).ratio()


def usable_skeleton(skel: str) -> bool:
    """Whether a skeleton is specific enough to index or look up."""
    return len(skel) >= _MIN_SKELETON


def name_variants(names: Iterable[str], suffixes: frozenset[str]) -> set[str]:
    """Lookup keys of a place's names, with and without a generic admin word at either end."""
    keys: set[str] = set()
    for name in names:
        key = normalize_name(name)
        if not key or not key[0].isalpha():
            continue
        keys.add(key)
        if not suffixes:
            continue
        words = key.split(" ")
        for size in (1, 2, 3):
            if len(words) > size and " ".join(words[-size:]) in suffixes:
                keys.add(" ".join(words[:-size]))
            if len(words) > size and " ".join(words[:size]) in suffixes:
                keys.add(" ".join(words[size:]))
    return keys


def ascii_form(name: str) -> str:
    """ASCII form of a name, or the name itself when it has no Latin letters."""
    return fold_ascii(name).strip() or name

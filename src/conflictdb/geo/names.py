"""Name keys shared by the gazetteer and the toponym finder: accent/case/punctuation folding and skeletons."""

from __future__ import annotations

import re
import unicodedata
from itertools import groupby

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bb\u02bc\u02be\u02bf`\u00b4]")
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_VOWELS = re.compile(r"[aeiouyw]")
_SOFT_H = re.compile(r"(?<=[aeiouy])h(?![aeiou])")  # Zindah ~ Zinda, Nahr-e ~ Nahri
# letters that transliterations swap freely (Qunduz/Kunduz, Vardak/Wardak, Jowzjan/Jawzjan)
_SKELETON_SWAPS = str.maketrans({"q": "k", "v": "w", "c": "k", "x": "kh"})


def fold_ascii(text: str) -> str:
    """Strip accents and letters outside ASCII, keeping case and punctuation: "Kandahār" -> "Kandahar"."""
    text = _APOSTROPHES.sub("", text)
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def normalize_name(text: str) -> str:
    """The lookup key of a name: accents, case, apostrophes and punctuation folded, words single-spaced."""
    return _NON_ALNUM.sub(" ", fold_ascii(text).lower()).strip()


def skeleton(key: str) -> str:
    """A transliteration-tolerant key: no spaces, inner vowels, w/y or doubles (Mianisheen ~ Miyanishin)."""
    letters = _SOFT_H.sub("", key.replace(" ", "")).translate(_SKELETON_SWAPS)
    if not letters:
        return ""
    head = "a" if letters[0] in "aeiou" else letters[0]  # Urozgan ~ Oruzgan
    return "".join(char for char, _ in groupby(head + _VOWELS.sub("", letters[1:])))

"""Word weights for linking from a fixed reference: how rare each word is in general English.

Weights read from the mentions held (a store, a batch) change with every article stored, so a pair near
its bar could link in one arrival order and not in another, and a young store weighs every word alike.
A fixed reference gives each word one weight whatever came before: the share of running English text the
word makes up (the `wordfreq` package's list, shipped inside its wheel), turned into the chance that a
mention of `words_per_mention` words holds it, whose negative log is the word's IDF. A word the list does
not know (a village, a toll term such as "killed=12") is as rare as the list's rarest word.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import mul
from pathlib import Path

from conflictdb.resources import DATA_DIR, load_yaml


@dataclass(frozen=True, slots=True)
class ReferenceLexicon:
    """Which word list weighs words, and how it is read (data/linking.yaml `reference_idf`)."""

    language: str
    wordlist: str
    words_per_mention: float
    floor: float  # the share of text of a word the list does not know


def load_reference_lexicon(data_dir: Path = DATA_DIR) -> ReferenceLexicon:
    """The `reference_idf` section of data/linking.yaml."""
    raw = load_yaml("linking.yaml", data_dir=data_dir)["reference_idf"]
    return ReferenceLexicon(
        language=str(raw["language"]),
        wordlist=str(raw["wordlist"]),
        words_per_mention=float(raw["words_per_mention"]),
        floor=float(raw["floor"]),
    )


@dataclass(frozen=True, slots=True)
class ReferenceFrequencies:
    """Each word's IDF from its share of general text: the same weight whatever the store holds."""

    shares: Mapping[str, float]  # word -> its share of running text
    words_per_mention: float
    floor: float

    def idf(self, word: str) -> float:
        """-log of the chance that a mention holds the word at least once."""
        share = max(self.shares.get(word, self.floor), self.floor)
        return -math.log(-math.expm1(-self.words_per_mention * share))

    def vectors(self, bags: Iterable[Mapping[str, int]]) -> list[dict[str, float]]:
        """The unit-length TF-IDF vectors of word bags, each word's IDF taken once."""
        idf: dict[str, float] = {}
        vectors = []
        for bag in bags:
            for w in bag:
                if w not in idf:
                    idf[w] = self.idf(w)
            # a word said once weighs its IDF: (1 + log 1) * weight is that float
            vector = {w: idf[w] if c == 1 else (1 + math.log(c)) * idf[w] for w, c in bag.items()}
            weights = vector.values()
            norm = math.sqrt(sum(map(mul, weights, weights))) or 1.0
            vectors.append({w: v / norm for w, v in vector.items()})
        return vectors


def load_reference_frequencies(lexicon: ReferenceLexicon | None = None) -> ReferenceFrequencies:
    """The reference weights (the word list is read once per process, by wordfreq itself)."""
    import wordfreq  # imported when linking: it is not needed to extract

    lexicon = lexicon or load_reference_lexicon()
    shares = wordfreq.get_frequency_dict(lexicon.language, lexicon.wordlist)
    return ReferenceFrequencies(shares, lexicon.words_per_mention, lexicon.floor)

"""How alike two mentions' texts are: the cosine of their TF-IDF vectors, with bonuses for a shared named
speaker and a shared toll; one pair at a time or a batch's pairs at once (the same floats)."""

from __future__ import annotations

from collections import Counter
from itertools import chain, repeat
from operator import mul

import numpy

from conflictdb.resolve.link import DocumentFrequencies, LinkLexicon


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit-length sparse vectors, summed in the smaller vector's word order (a set's
    order follows the process's hash seed, and float sums in another order can flip a near tie).

    A word the other vector lacks adds a zero, which leaves any float sum as it was: the sum of the
    shared words' products, taken at C speed (linking compares hundreds of thousands of pairs).
    """
    if len(b) < len(a):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a, repeat(0.0))))


def pair_cosines(vectors: list[dict[str, float]], pairs: list[tuple[int, int]]) -> list[float]:
    """_cosine of each pair of vectors, the same floats, computed for all pairs at once (a batch of news on
    the same days compares hundreds of thousands): see cosines_of_pairs."""
    if not pairs:
        return []
    first, second = numpy.array(pairs, dtype=numpy.intp).T
    return cosines_of_pairs(vectors, first, second).tolist()


def cosines_of_pairs(
    vectors: list[dict[str, float]], first: numpy.ndarray, second: numpy.ndarray
) -> numpy.ndarray:
    """pair_cosines of the pairs (first[k], second[k]): each pair's products are taken in the smaller
    vector's word order and summed position by position, as _cosine's sum adds them; a word no other
    vector has, or that the other lacks, adds a zero there too."""
    if not len(first):
        return numpy.zeros(0)
    counts = Counter(chain.from_iterable(vectors))
    column = {w: k for k, w in enumerate(w for w, n in counts.items() if n > 1)}  # words two vectors share
    rows = [[(k, x) for w, x in v.items() if (k := column.get(w)) is not None] for v in vectors]
    width = max(1, max(map(len, rows)))
    ids, values = numpy.zeros((len(rows), width), dtype=numpy.intp), numpy.zeros((len(rows), width))
    for r, row in enumerate(rows):
        if row:
            ids[r, : len(row)], values[r, : len(row)] = zip(*row, strict=True)
    sizes, lengths = numpy.array([len(v) for v in vectors]), numpy.array([len(row) for row in rows])
    swap = sizes[second] < sizes[first]
    small, large = numpy.where(swap, second, first), numpy.where(swap, first, second)
    order = numpy.argsort(large, kind="stable")
    bounds = numpy.searchsorted(large[order], numpy.arange(0, len(rows) + _DENSE_ROWS, _DENSE_ROWS))
    cosines = numpy.zeros(len(first))
    for block, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:], strict=False)):
        if lo == hi:
            continue
        top = block * _DENSE_ROWS
        dense = numpy.zeros((min(_DENSE_ROWS, len(rows) - top), max(1, len(column))))
        for r, row in enumerate(rows[top : top + len(dense)]):
            if row:
                dense[r, ids[top + r, : len(row)]] = values[top + r, : len(row)]
        chosen = order[lo:hi]
        chosen = chosen[numpy.argsort(lengths[small[chosen]], kind="stable")]  # short rows together
        for start in range(0, len(chosen), _PAIRS):
            part = chosen[start : start + _PAIRS]
            a, wide = small[part], max(1, int(lengths[small[part[-1]]]))
            others = dense.take((large[part] - top)[:, None] * dense.shape[1] + ids[a, :wide])
            products = (values[a, :wide] * others).T  # a row per word position
            total = products[0].copy()
            for position in products[1:]:  # left to right, as sum() adds
                total += position
            cosines[part] = total

    return cosines


_DENSE_ROWS = 256  # vectors held as dense rows at a time by pair_cosines
_PAIRS = 4096  # pairs it multiplies at a time


def similarity(
    vectors: tuple[dict[str, float], dict[str, float]],
    speakers: tuple[frozenset[str], frozenset[str]],
    lexicon: LinkLexicon,
) -> float:
    """How alike two mentions' texts are: TF-IDF cosine, plus a bonus for a shared named speaker and one for
    a shared toll (a toll term, "killed=12", in both vectors: mention_words puts them there)."""
    alike = with_speaker_bonus(_cosine(*vectors), speakers, lexicon)
    shorter, longer = sorted(vectors, key=len)
    if any("=" in word and word in longer for word in shorter):
        alike += lexicon.shared_toll_bonus
    return alike


def with_speaker_bonus(
    cosine: float, speakers: tuple[frozenset[str], frozenset[str]], lexicon: LinkLexicon
) -> float:
    """similarity() from the cosine of the pair's vectors (pair_cosines takes a batch's all at once)."""
    return cosine + lexicon.shared_speaker_bonus if speakers[0] & speakers[1] else cosine


def _tfidf(
    bags: list[Counter], frequencies: DocumentFrequencies | None = None, *, reference_documents: int = 0
) -> list[dict[str, float]]:
    """Unit-length TF-IDF vectors of word bags (frequencies over the bags themselves unless given)."""
    frequencies = frequencies or DocumentFrequencies.of(bags, reference_documents=reference_documents)
    return frequencies.vectors(bags)

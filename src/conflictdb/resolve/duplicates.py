"""Near-duplicate articles: the same wire story republished (other headline, small edits) is one source.

Each article gets a MinHash signature over hashed word shingles, made with one-permutation hashing
(one hash per shingle, the minimum kept per bin), so it costs one pass over the text. Signatures are
cut into bands; two articles sharing a band are candidates, and a candidate is a near-duplicate when
the signatures agree on enough bins (an estimate of the shingles' Jaccard resemblance).

Hand-written, not datasketch's MinHash and LSH: stores hold these signatures and index their bands in SQL
(articles.shingle_signature, article_bands) to find a copy among every stored article, one hash per shingle
is 2 to 6 times faster than a hash per shingle and permutation, and a short text's empty bins make its
resemblance exact (tests/test_duplicates.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
import re
import struct
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.records import Article
from conflictdb.resolve.link import LINKING_FILE

_WORD = re.compile(r"\w+")
EMPTY = (1 << 63) - 1  # a bin no shingle fell into
_MASK = (1 << 63) - 1  # keys fit a signed 64-bit column


@dataclass(frozen=True, slots=True)
class DuplicateLexicon:
    """Shingle size, signature shape and the resemblance that makes two articles one source."""

    shingle_words: int
    bins: int
    band_size: int
    min_resemblance: float
    max_published_gap_days: int
    max_candidates: int  # the articles sharing the most signature bands are checked, best first


def load_duplicate_lexicon(
    data_dir: Path = DATA_DIR, *, raw: Mapping[str, Any] | None = None
) -> DuplicateLexicon:
    """The `near_duplicates` section of data/linking.yaml: the file's content as read (`raw`: `resources`
    reads it once for this and the link lexicon), else read from `data_dir`."""
    raw = (raw if raw is not None else load_yaml(LINKING_FILE, data_dir=data_dir))["near_duplicates"]
    lexicon = DuplicateLexicon(
        shingle_words=int(raw["shingle_words"]),
        bins=int(raw["bins"]),
        band_size=int(raw["band_size"]),
        min_resemblance=float(raw["min_resemblance"]),
        max_published_gap_days=int(raw["max_published_gap_days"]),
        max_candidates=int(raw["max_candidates"]),
    )
    if lexicon.bins % lexicon.band_size:
        raise ValueError("near_duplicates: bins must be a multiple of band_size")
    return lexicon


def _hash64(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def signature(text: str, lexicon: DuplicateLexicon) -> tuple[int, ...]:
    """The article's MinHash signature: per bin, the smallest shingle hash that falls into it."""
    words = _WORD.findall(text.lower())
    size = lexicon.shingle_words
    shingles = (
        {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))} if words else set()
    )
    mins = [EMPTY] * lexicon.bins
    for shingle in shingles:
        h = _hash64(shingle)
        slot, value = h % lexicon.bins, (h // lexicon.bins) & _MASK
        if value < mins[slot]:
            mins[slot] = value
    return tuple(mins)


def resemblance(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """The Jaccard resemblance of two articles' shingles, estimated from their signatures: the share of
    bins, among those either article filled, where the two agree."""
    same = sum(map(operator.eq, a, b))
    both_empty = sum(1 for x, y in zip(a, b, strict=True) if x == y == EMPTY) if EMPTY in a else 0
    filled = len(a) - both_empty
    return (same - both_empty) / filled if filled else 0.0


def band_keys(sig: tuple[int, ...], lexicon: DuplicateLexicon) -> list[int]:
    """One key per band of the signature (bands of empty bins left out): the candidate index."""
    step = lexicon.band_size
    keys = []
    for start in range(0, len(sig), step):
        band = sig[start : start + step]
        if any(v != EMPTY for v in band):
            keys.append(_hash64(f"{start}:" + ",".join(map(str, band))) & _MASK)
    return keys


def is_near_duplicate(
    a: tuple[int, ...],
    b: tuple[int, ...],
    published: tuple[dt.date | None, dt.date | None],
    lexicon: DuplicateLexicon,
) -> bool:
    """Whether two articles are one story: alike enough, and published close together when both are dated."""
    return near_duplicate_resemblance(a, b, published, lexicon) is not None


def near_duplicate_resemblance(
    a: tuple[int, ...],
    b: tuple[int, ...],
    published: tuple[dt.date | None, dt.date | None],
    lexicon: DuplicateLexicon,
) -> float | None:
    """The resemblance of two articles that are one story, None if they are not."""
    first, second = published
    if first and second and abs((first - second).days) > lexicon.max_published_gap_days:
        return None
    score = resemblance(a, b)
    return score if score >= lexicon.min_resemblance else None


def pack(sig: tuple[int, ...]) -> bytes:
    """A signature as bytes for the store."""
    return b"".join(v.to_bytes(8, "big") for v in sig)


def unpack(data: bytes) -> tuple[int, ...]:
    """A signature from its stored bytes."""
    return struct.unpack(f">{len(data) // 8}Q", data)


Signed = tuple[Article, tuple[int, ...]]
Found = tuple[float, str]  # (resemblance, source group) of the closest copy found


def source_groups(
    signed: Sequence[Signed],
    lexicon: DuplicateLexicon,
    *,
    held: Callable[[Article, tuple[int, ...]], Found | None] | None = None,
) -> list[str]:
    """The source group of each article, in order: the group of the article it copies most closely among
    those held (`held`, the store's) and those before it in the sequence, else its own id."""
    groups: list[str] = []
    earlier: dict[int, list[int]] = {}  # band key: the sequence's articles (by position) that have it
    for n, (article, signature) in enumerate(signed):
        keys = band_keys(signature, lexicon)
        best = held(article, signature) if keys and held is not None else None
        shared = Counter(i for key in keys for i in earlier.get(key, ()))
        for i, _count in shared.most_common(lexicon.max_candidates):
            other, other_signature = signed[i]
            dates = (article.published, other.published)
            score = near_duplicate_resemblance(signature, other_signature, dates, lexicon)
            if score is not None and (best is None or score > best[0]):
                best = (score, groups[i])
        groups.append(best[1] if best else article.id)
        for key in keys:
            earlier.setdefault(key, []).append(n)
    return groups


def with_source_groups(articles: Sequence[Article], lexicon: DuplicateLexicon) -> list[Article]:
    """The articles of one batch (`extract`) with their source groups, taken oldest first (undated last,
    then by id), so a group is named for its earliest article whatever order the files came in."""
    order = sorted(
        range(len(articles)),
        key=lambda i: (articles[i].published is None, articles[i].published or dt.date.min, articles[i].id),
    )
    signed = [(articles[i], signature(articles[i].clean_text or articles[i].text, lexicon)) for i in order]
    grouped = dict(zip(order, source_groups(signed, lexicon), strict=True))
    return [replace(article, source_group=grouped[i]) for i, article in enumerate(articles)]

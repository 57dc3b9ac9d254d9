"""Incremental resolution: which stored incident, if any, a newly linked group of mentions belongs to.

Pure functions over records; the store fetches the candidates (blocked by place and publication date)
and applies the decision. A group joins the stored incident holding the compatible mention whose similarity
clears the bar by most, scored exactly as `link.link_mentions` scores a pair inside a batch (single linkage).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from conflictdb.records import Article, Mention
from conflictdb.resolve.link import (
    DocumentFrequencies,
    LinkLexicon,
    compatible,
    required_similarity,
    similarity,
)


@dataclass(frozen=True, slots=True)
class Profile:
    """What linking reads of one mention: the mention, its article's date, its words and named speakers."""

    mention: Mention
    published: dt.date | None
    terms: Mapping[str, int]
    speakers: frozenset[str]

    @property
    def article(self) -> Article:
        """A stand-in article carrying what `compatible` reads (id and publication date)."""
        return Article(id=self.mention.article_id, source="", text="", published=self.published)


def rank_incidents(
    group: Sequence[Profile],
    stored: Sequence[Profile],
    frequencies: DocumentFrequencies,
    lexicon: LinkLexicon,
    *,
    vectors: dict[tuple[str, int], dict[str, float]] | None = None,
) -> list[tuple[float, str]]:
    """Stored incidents the group may join, best first: (margin of the closest pair, incident id), the
    margin being how far the pair's similarity clears `required_similarity`.

    `vectors` caches stored mentions' TF-IDF vectors across calls (by article id and index).
    """
    best: dict[str, float] = {}
    vectors = {} if vectors is None else vectors
    articles = [old.article for old in stored]  # built once: compatible() reads id and publication date
    for new in group:
        new_vector = frequencies.vector(new.terms)
        new_article = new.article
        for old, old_article in zip(stored, articles, strict=True):
            incident_id = old.mention.incident_id
            if incident_id is None or not compatible(
                new.mention, new_article, old.mention, old_article, lexicon
            ):
                continue
            key = (old.mention.article_id, old.mention.index)
            if key not in vectors:
                vectors[key] = frequencies.vector(old.terms)
            sim = similarity((new_vector, vectors[key]), (new.speakers, old.speakers), lexicon)
            margin = sim - required_similarity(new.mention, old.mention, lexicon)
            if margin >= 0 and margin > best.get(incident_id, -1.0):
                best[incident_id] = margin
    return sorted(((margin, incident_id) for incident_id, margin in best.items()), reverse=True)

"""Identities in the store. An article's: its URL when it has one, else a hash of its source and content.

A reader's id is the file stem or the record's id (`Article.name`, what `extract` writes and the scorers
match on); two files called x, or a second day's crawl.jsonl, give the same names. The store keys an
article by what it is instead, so nothing is refused for its name, and the same article is the same key.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from urllib.parse import urldefrag, urlsplit

from conflictdb.records import Article, Mention, replace

HASH_PREFIX = "art-"
HASH_LENGTH = 16  # hex digits of SHA-256: 64 bits, no collision in any store we will see


WEB_SCHEMES = ("http", "https")  # a URL of another scheme (javascript:, data:) names no page: data, not a key


def article_identity(article: Article) -> str:
    """The web URL without its fragment (a place in the page, not another page), else `art-` and a hash of
    the source and the text."""
    url = urldefrag((article.url or "").strip()).url
    parts = urlsplit(url)
    if parts.scheme.lower() in WEB_SCHEMES and parts.hostname:
        return url
    digest = hashlib.sha256(f"{article.source}\0{article.text}".encode("utf-8", "surrogatepass"))
    return HASH_PREFIX + digest.hexdigest()[:HASH_LENGTH]


def keyed(article: Article, mentions: Sequence[Mention]) -> tuple[Article, Sequence[Mention]]:
    """The article and its mentions under the article's identity, when a reader named it (`name` set); an
    article a caller built with an id of its own and no name keeps that id."""
    if article.name is None:
        return article, mentions
    key = article_identity(article)
    if key == article.id:
        return article, mentions
    moved = [m if m.article_id == key else replace(m, article_id=key) for m in mentions]
    return replace(article, id=key), moved


def new_incident_id() -> str:
    """A fresh incident id in the form every incident id takes (`inc-` and 12 hex digits, as the linker's
    from a first mention): for a split, or a linked id already taken."""
    return f"inc-{uuid.uuid4().hex[:12]}"

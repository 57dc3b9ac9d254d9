"""Schema migrations on a database that already holds articles: derive from them what resolution (version
3) and grading (version 12) read."""

from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import Connection, bindparam, select, update

from conflictdb.records import Article, Claim, DateValue, Mention, Span
from conflictdb.resolve import duplicates
from conflictdb.resolve.grade import mention_texts, text_cues
from conflictdb.resolve.link import mention_words, named_speakers
from conflictdb.store import resolution, schema
from conflictdb.store.lexicons import StoreLexicons
from conflictdb.store.query import chunks
from conflictdb.store.rows import cues_value


def backfill_resolution(conn: Connection, lexicons: StoreLexicons) -> None:
    """Mention words, named speakers and publication dates, word frequencies, article signatures and
    near-duplicate groups (articles taken in the order they were ingested)."""
    a, m, c = schema.articles, schema.mentions, schema.claims
    articles = conn.execute(
        select(a.c.id, a.c.text, a.c.clean_text, a.c.published).order_by(a.c.ingested_at, a.c.id)
    ).all()
    if not articles:
        return
    lexicon, near = lexicons.linking, lexicons.duplicates
    speakers: dict[int, list[str]] = {}
    for mention_id, speaker in conn.execute(
        select(c.c.mention_id, c.c.speaker).order_by(c.c.mention_id, c.c.idx)
    ):
        speakers.setdefault(mention_id, []).append(speaker)
    by_article: dict[str, list[tuple[int, int | None, int | None]]] = {}
    for row_id, article_id, start, end in conn.execute(
        select(m.c.id, m.c.article_id, m.c.span_start, m.c.span_end)
    ):
        by_article.setdefault(article_id, []).append((row_id, start, end))
    rows, bags = [], []
    for article_id, text, clean_text, published in articles:
        article = Article(id=article_id, source="", text=text, clean_text=clean_text, published=published)
        for row_id, start, end in by_article.get(article_id, []):
            claims = tuple(Claim(Span(0, 0), speaker=s) for s in speakers.get(row_id, []))
            span = Span(start, end) if start is not None and end is not None else None
            mention = Mention(article_id, "", "", DateValue(None, None), None, claims=claims, span=span)
            bag = mention_words(article, mention, lexicon.stopwords)
            bags.append(bag)
            rows.append(
                {
                    "m_id": row_id,
                    "m_published": published,
                    "m_terms": json.dumps(bag, separators=(",", ":")),
                    "m_speakers": json.dumps(sorted(named_speakers(mention))),
                }
            )
        signature = duplicates.signature(clean_text or text, near)
        group = resolution.source_group(conn, article, signature, near)
        conn.execute(
            update(a)
            .where(a.c.id == article_id)
            .values(source_group=group, shingle_signature=duplicates.pack(signature))
        )
        resolution.insert_bands(conn, [(article, signature)], near)
    if rows:
        statement = update(m).where(m.c.id == bindparam("m_id"))
        values = {"published": bindparam("m_published"), "terms": bindparam("m_terms")}
        conn.execute(statement.values(named_speakers=bindparam("m_speakers"), **values), rows)
    resolution.add_term_counts(conn, (Counter(bag) for bag in bags))


def backfill_grade_cues(conn: Connection, lexicons: StoreLexicons) -> None:
    """What grading finds in every stored mention's texts (`mentions.grade_cues`), a chunk of articles at a
    time: each mention's span and its claims' evidence, as `grade.mention_texts` reads them."""
    a, m, c = schema.articles, schema.mentions, schema.claims
    rules = lexicons.reconcile
    statement = update(m).where(m.c.id == bindparam("m_id")).values(grade_cues=bindparam("m_cues"))
    for chunk in chunks(conn.execute(select(a.c.id).order_by(a.c.id)).scalars().all()):
        texts = dict(conn.execute(select(a.c.id, a.c.text).where(a.c.id.in_(chunk))).all())
        query = select(m.c.id, m.c.article_id, m.c.span_start, m.c.span_end).where(m.c.article_id.in_(chunk))
        mentions = conn.execute(query).all()
        evidence: dict[int, list[Span]] = {}
        for ids in chunks([row.id for row in mentions]):
            query = select(c.c.mention_id, c.c.evidence_start, c.c.evidence_end).where(
                c.c.mention_id.in_(ids)
            )
            for mention_id, start, end in conn.execute(query.order_by(c.c.mention_id, c.c.idx)).all():
                evidence.setdefault(mention_id, []).append(Span(start, end))
        rows = []
        for row_id, article_id, start, end in mentions:
            claims = tuple(Claim(span) for span in evidence.get(row_id, []))
            span = Span(start, end) if start is not None and end is not None else None
            mention = Mention(article_id, "", "", DateValue(None, None), None, claims=claims, span=span)
            article = Article(id=article_id, source="", text=texts[article_id])
            cues = text_cues(mention_texts(mention, article), rules)
            rows.append({"m_id": row_id, "m_cues": cues_value(cues, rules.cues_key)})
        if rows:
            conn.execute(statement, rows)

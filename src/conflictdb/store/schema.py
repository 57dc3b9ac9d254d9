"""The tables of the store, in SQLAlchemy Core with portable types (SQLite and PostgreSQL).

This module describes the latest schema. Migration 1 creates it on an empty database; any later change
to these tables must come with a new numbered step in `migrations.py` (and step 1 frozen to what it was).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# Since schema version 5 without a length limit, as SQLite always kept them; PostgreSQL enforced 200 and 500
ID = Text()  # article and incident ids are strings (file stems, URLs, generated keys)
NAME = Text()

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("description", NAME, nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", ID, primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("outlet", NAME),
    Column("title", Text),
    Column("published", Date),
    Column("content_hash", String(128), nullable=False, unique=True),
    Column("text", Text, nullable=False),
    Column("clean_text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # since schema version 3: the first article of its near-duplicate group, and the MinHash signature
    Column("source_group", ID, index=True),
    Column("shingle_signature", LargeBinary),
    # since schema version 10: the file stem or record id it was read under (the id is its URL, else a hash)
    Column("name", Text),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", ID, primary_key=True),
    Column("event_type", NAME),
    Column("sub_event_type", NAME),
    Column("date", Date),
    Column("date_precision", String(10)),
    Column("country", String(2)),
    Column("admin1", NAME),
    Column("admin2", NAME),
    Column("location", NAME),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("actor1", NAME),  # since 10: ACLED's actor names (before, the text's words)
    Column("actor2", NAME),
    Column("assoc_actor_1", NAME),  # since 10
    Column("assoc_actor_2", NAME),  # since 10
    Column("fatalities", Integer),
    Column("notes", Text),
    Column("figures_json", Text),  # since 3: low/best/high per outcome and category (store.summary)
    Column("grade", String(40)),  # since 3
    Column("grade_reason", Text),  # since 3
    # since 7: every mention tells it as context (an older event, a total over many): in no list or total
    Column("background", Boolean),
    # since 10: an analyst discounted it (store.edits): kept and recorded, counted in no list or total
    Column("discounted", Boolean),
    Index("ix_incidents_date", "date"),
    Index("ix_incidents_country", "country"),
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("incident_id", ID, ForeignKey("incidents.id"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("event_type", NAME, nullable=False),
    Column("sub_event_type", NAME, nullable=False),
    Column("date", Date),
    Column("date_precision", String(10)),
    Column("date_text", Text),
    Column("place_name", NAME),
    Column("country", String(2)),
    Column("admin1", NAME),
    Column("admin2", NAME),
    Column("lat", Float),
    Column("lon", Float),
    Column("geo_precision", Integer),
    Column("place_words", Text),
    Column("perpetrator", NAME),
    Column("target", NAME),
    Column("background", Boolean, nullable=False),
    Column("span_start", Integer),
    Column("span_end", Integer),
    # since schema version 3, for incremental resolution: the article's publication date (copied, so the
    # candidate query is one index range), the content words as JSON {word: count}, named speakers (JSON)
    Column("published", Date),
    Column("terms", Text),
    Column("named_speakers", Text),
    # since schema version 9: the sub-event type is a guess from words that name no weapon (a bare "strike");
    # NULL (mentions stored before) reads as told
    Column("type_guessed", Boolean),
    # since schema version 10: the actors under ACLED's names (extract.actor_names); NULL before
    Column("actor1", NAME),
    Column("assoc_actor_1", NAME),
    Column("actor2", NAME),
    Column("assoc_actor_2", NAME),
    # since schema version 12: what grading finds in the mention's texts (grade.TextCues as JSON, with the
    # digest of the rules it was found with); NULL (stored before, or other rules) is read from the texts
    Column("grade_cues", Text),
    Index("ix_mentions_country_published", "country", "published"),
    Index("ix_mentions_published", "published"),
)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("mention_id", Integer, ForeignKey("mentions.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("speaker", NAME),
    Column("speaker_role", NAME),
    Column("relay", NAME),
    Column("stance", String(20), nullable=False),
    Column("stance_words", Text),
    Column("partisan", Boolean, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
)

figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", Integer, ForeignKey("claims.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("idx", Integer, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("category", String(30), nullable=False),
    Column("min", Integer),
    Column("max", Integer),
    Column("approximate", Boolean, nullable=False),
    Column("vague", NAME),
    Column("part_of_total", Boolean, nullable=False),
    Column("women", Integer),
    Column("children", Integer),
    Column("words", Text, nullable=False),
)


# --- since schema version 3: resolution state and manual decisions ---------------------------------------

term_frequencies = Table(
    "term_frequencies",
    metadata,
    Column("term", NAME, primary_key=True),
    Column("documents", Integer, nullable=False),  # in how many stored mentions' texts the word occurs
)

article_bands = Table(
    "article_bands",
    metadata,
    Column("band", BigInteger, nullable=False),
    Column("published", Date),  # the article's, so a lookup reads only the publication window
    Column("article_id", ID, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Index("ix_article_bands_band_published", "band", "published"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(20), nullable=False),  # merge, split
    Column("incident_id", ID, nullable=False),  # the incident kept (merge) or split from (split)
    Column("detail", Text, nullable=False),  # JSON: merged incident ids, or moved mentions and new id
    Column("decided_by", NAME, nullable=False),
    Column("decided_at", DateTime(timezone=True), nullable=False),
)

cannot_link = Table(
    "cannot_link",
    metadata,
    Column("mention_a", NAME, primary_key=True),  # mention keys, article_id#index, a < b
    Column("mention_b", NAME, primary_key=True),
    Column("decision_id", Integer, ForeignKey("decisions.id"), nullable=False),
)

manual_assignments = Table(
    "manual_assignments",
    metadata,
    Column("mention_key", NAME, primary_key=True),
    Column("incident_id", ID, nullable=False),
    Column("decision_id", Integer, ForeignKey("decisions.id"), nullable=False),
)


# --- since schema version 4: analysts' corrections (store.edits) ------------------------------------------

edits = Table(
    "edits",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target", String(20), nullable=False),  # incident, claim
    Column("incident_id", ID, nullable=False, index=True),  # the incident corrected, or the claim's then
    # a claim by its place, which re-extraction of the same text gives again: article, mention, claim, span
    Column("article_id", ID, index=True),
    Column("mention_index", Integer),
    Column("claim_index", Integer),
    Column("evidence_start", Integer),
    Column("evidence_end", Integer),
    Column("changes", Text, nullable=False),  # JSON {field: {"before": value, "after": value}}
    Column("note", Text),
    Column("edited_by", NAME, nullable=False),
    Column("edited_at", DateTime(timezone=True), nullable=False),
)


# --- since schema version 6: what the feed watcher took on (store.feed_state) ---------------------------

seen_urls = Table(
    "seen_urls",
    metadata,
    Column("url_key", String(64), primary_key=True),  # SHA-256 of the URL: a short key for any URL
    Column("url", Text, nullable=False),
    Column("feed", Text),  # the feed it was first found in
    Column("status", String(20), nullable=False),  # fetching, ingested, failed
    Column("attempts", Integer, nullable=False),
    Column("article_id", ID),  # ingested: the article stored
    Column("reason", Text),  # failed: why, the last time
    Column("first_seen", DateTime, nullable=False),  # naive UTC, like every time here
    Column("last_attempt", DateTime, nullable=False),
    Column("retry_at", DateTime),  # failed: when it may be tried again; none: given up
)

feed_validators = Table(
    "feed_validators",
    metadata,
    Column("feed_key", String(64), primary_key=True),
    Column("feed", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", DateTime, nullable=False),
)

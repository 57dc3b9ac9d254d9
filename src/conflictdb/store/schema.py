"""The tables of the store, in SQLAlchemy Core with portable types (SQLite and PostgreSQL).

This module describes the latest schema. Migration 1 creates it on an empty database; any later change
to these tables must come with a new numbered step in `migrations.py` (and step 1 frozen to what it was).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

ID = String(200)  # article and incident ids are strings (file stems, generated keys)
NAME = String(500)

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
    Column("actor1", NAME),
    Column("actor2", NAME),
    Column("fatalities", Integer),
    Column("notes", Text),
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
    Column("coded_fatalities", Integer),  # since schema version 2
    Column("span_start", Integer),
    Column("span_end", Integer),
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

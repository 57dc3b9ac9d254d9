"""One error hierarchy: every failure the library raises is a ConflictdbError with its context."""

from __future__ import annotations


class ConflictdbError(Exception):
    """Base of every error conflictdb raises."""


class IngestError(ConflictdbError):
    """An input file or record could not be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(ConflictdbError):
    """Extraction failed on one article."""

    def __init__(self, article_id: str, stage: str, reason: str) -> None:
        super().__init__(f"{article_id}: {stage}: {reason}")
        self.article_id = article_id
        self.stage = stage
        self.reason = reason


class StoreError(ConflictdbError):
    """The database could not be opened, migrated or written."""


class GazetteerError(ConflictdbError):
    """The gazetteer could not be built, opened or imported."""

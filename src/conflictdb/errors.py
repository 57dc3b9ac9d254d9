"""One error hierarchy: every failure the library raises is a ConflictdbError with its context."""

from __future__ import annotations

from typing import NoReturn


class ConflictdbError(Exception):
    """Base of every error conflictdb raises."""

    def __reduce__(self) -> tuple:
        # Pickled with its attributes instead of by calling __init__ again (whose arguments differ from
        # `args`): errors come back from worker processes and Dask workers.
        return (_restore_error, (type(self), self.args), self.__dict__)


def _restore_error(cls: type[ConflictdbError], args: tuple) -> ConflictdbError:
    error = cls.__new__(cls)
    error.args = args
    return error


class IngestError(ConflictdbError):
    """An input file or record could not be read as an article."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class FetchError(IngestError):
    """A feed or web page could not be fetched; a `transient` failure (timeout, 5xx, 429) may pass later."""

    def __init__(
        self, source: str, reason: str, *, status: int | None = None, transient: bool = False
    ) -> None:
        super().__init__(source, reason)
        self.status = status
        self.transient = transient


class ExtractionError(ConflictdbError):
    """Extraction failed on one article; `source` is the file (and line) it came from, when known."""

    def __init__(self, article_id: str, stage: str, reason: str, *, source: str | None = None) -> None:
        where = article_id if source in (None, article_id) else f"{source} [{article_id}]"
        super().__init__(f"{where}: {stage}: {reason}")
        self.article_id = article_id
        self.stage = stage
        self.reason = reason
        self.source = source


class StoreError(ConflictdbError):
    """The database could not be opened, migrated or written."""


class EditError(StoreError):
    """An analyst's edit or decision was refused: an unknown incident or claim, or a value out of range."""


class GazetteerError(ConflictdbError):
    """The gazetteer could not be built, opened or imported."""


class PartitionError(ConflictdbError):
    """A partition of a batch failed on a cluster, retries included; its files were not ingested."""

    def __init__(self, index: int, files: tuple[str, ...], reason: str) -> None:
        shown = ", ".join(files[:5]) + (f" and {len(files) - 5} more" if len(files) > 5 else "")
        super().__init__(f"partition {index} ({shown}): {reason}")
        self.index = index
        self.files = files
        self.reason = reason


class QueryError(ConflictdbError):
    """A filter of an incident query names nothing known (a country, an event type, a sort key)."""

    def __init__(self, parameter: str, reason: str) -> None:
        super().__init__(f"{parameter}: {reason}")
        self.parameter = parameter
        self.reason = reason


def raise_error(error: ConflictdbError) -> NoReturn:
    """An `on_error` for a caller whose single input failing is its own failure: raise the error."""
    raise error

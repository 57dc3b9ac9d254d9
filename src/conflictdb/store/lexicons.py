"""What the store reads from data files: the linker's and near-duplicates' settings and ACLED's names,
loaded once by whoever opens the store (the CLI, the API, the library) and handed to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conflictdb.datafiles import DATA_DIR
from conflictdb.resolve.duplicates import DuplicateLexicon, load_duplicate_lexicon
from conflictdb.resolve.link import LinkLexicon, load_link_lexicon
from conflictdb.store.names import AcledNames, load_acled_names


@dataclass(frozen=True, slots=True)
class StoreLexicons:
    """The data a store works with: linking (mention words, candidates), near-duplicate groups, ACLED's
    names (what corrections and queries are checked against)."""

    linking: LinkLexicon
    duplicates: DuplicateLexicon
    names: AcledNames


def load_store_lexicons(
    data_dir: Path = DATA_DIR,
    *,
    linking: LinkLexicon | None = None,
    duplicates: DuplicateLexicon | None = None,
) -> StoreLexicons:
    """Read the store's data files; a caller that has loaded the pipeline's resources passes their
    `linking` and `duplicates` so they are not read twice."""
    return StoreLexicons(
        linking=linking or load_link_lexicon(data_dir),
        duplicates=duplicates or load_duplicate_lexicon(data_dir),
        names=load_acled_names(data_dir),
    )

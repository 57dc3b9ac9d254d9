"""What the store reads from data files: the linker's and near-duplicates' settings, the rules that
reconcile figures and grade incidents, ACLED's names and the export tables, loaded once by whoever opens
the store (the CLI, the API, the library) and handed to it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from conflictdb.datafiles import DATA_DIR
from conflictdb.export_tables import ExportTables, load_export_tables
from conflictdb.resolve.duplicates import DuplicateLexicon, load_duplicate_lexicon
from conflictdb.resolve.link import LinkLexicon, load_link_lexicon
from conflictdb.resolve.reconcile import ReconcileRules, load_reconcile_rules
from conflictdb.store.names import AcledNames, load_acled_names


@dataclass(frozen=True, slots=True)
class StoreLexicons:
    """The data a store works with: linking (mention words, candidates), near-duplicate groups, the
    incidents' summaries (figures reconciled, grades), ACLED's names (what corrections and queries are
    checked against), the tables its incidents are exported and listed by."""

    linking: LinkLexicon
    duplicates: DuplicateLexicon
    reconcile: ReconcileRules
    names: AcledNames
    exports: ExportTables


def load_store_lexicons(
    data_dir: Path = DATA_DIR,
    *,
    linking: LinkLexicon | None = None,
    duplicates: DuplicateLexicon | None = None,
    reconcile: ReconcileRules | None = None,
    exports: ExportTables | None = None,
) -> StoreLexicons:
    """Read the store's data files; a caller that has loaded the pipeline's resources passes their
    `linking`, `duplicates`, `reconcile` and `exports` so they are not read twice."""
    return StoreLexicons(
        linking=linking or load_link_lexicon(data_dir),
        duplicates=duplicates or load_duplicate_lexicon(data_dir),
        reconcile=reconcile or load_reconcile_rules(data_dir),
        names=load_acled_names(data_dir),
        exports=exports or load_export_tables(data_dir),
    )

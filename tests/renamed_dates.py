"""A date lexicon read from a copy of data/dates.yaml in which one month and one weekday are renamed: the
readers of other data files that name months and weekdays by placeholder must follow it."""

from __future__ import annotations

from pathlib import Path

import yaml

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.casualties.numbers import load_number_grammar
from conflictdb.extract.dates import DateLexicon, load_date_lexicon

NEW_MARCH = "Marzo"  # March's full name in the copy
NEW_SUNDAY = "Domingo"  # Sunday's full name in the copy


def renamed_dates(tmp_path: Path) -> DateLexicon:
    """The date lexicon of a copy of dates.yaml where March is "Marzo" and Sunday "Domingo"."""
    raw = yaml.safe_load((DATA_DIR / "dates.yaml").read_text(encoding="utf-8"))
    raw["months"][3] = [NEW_MARCH, *raw["months"][3][1:]]
    raw["weekdays"][6] = [NEW_SUNDAY, *raw["weekdays"][6][1:]]
    (tmp_path / "dates.yaml").write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return load_date_lexicon(tmp_path, numbers=load_number_grammar(), speech=load_yaml("speech.yaml"))

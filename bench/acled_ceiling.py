"""What the text of ACLED's notes and the embedded gazetteer allow at best: for each measure of
`score_acled.py`, the share of notes on the read part of acled-world (not bench/acled_heldout.txt) whose
answer the note's own words and the gazetteer could give. Upper bounds, generously counted:

- date: the note's text holds the year of ACLED's date (bare notes carry no publication date, so a note
  without its year cannot be dated to the day);
- country: the text names ACLED's location, admin2 or admin1 (folded, as the scorer folds names), or the
  country by name or demonym;
- admin1 / admin2: the gazetteer holds ACLED's unit (named as the scorer compares names) and the text
  names the location, the admin2 or the admin1.

    python bench/acled_ceiling.py

ACLED's names are only counted here, never printed or kept.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import Counter, defaultdict

from acled import WORLD, fold_admin_name, heldout_ids  # bench/acled.py
from gazetteer_coverage import admin_units, held_name  # bench/gazetteer_coverage.py

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.geo.gazetteer import Gazetteer


def _country_words() -> dict[str, list[str]]:
    """ISO alpha-2 -> the country's names and demonyms, folded."""
    words: dict[str, list[str]] = defaultdict(list)
    with (DATA_DIR / "acled_countries.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            words[row["alpha2"]].append(fold_admin_name(row["country"]))
    for code, demonyms in load_yaml("geo.yaml")["demonyms"].items():
        words[code].extend(fold_admin_name(d) for d in demonyms)
    return words


def ceilings() -> tuple[Counter, Counter]:
    """(reachable, scored) counts per measure on the read part."""
    connection = sqlite3.connect(f"file:{Gazetteer.open().path}?mode=ro", uri=True)
    units, country_words, held = admin_units(connection), _country_words(), heldout_ids()
    reachable, scored = Counter(), Counter()
    for line in (WORLD / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        note = json.loads(line)
        if note["id"] in held:
            continue
        raw = (WORLD / "articles" / f"{note['id']}.txt").read_text(encoding="utf-8")
        text = fold_admin_name(raw)  # letters only, as the scorer folds names
        named = [fold_admin_name(note.get(k)) for k in ("location", "admin2", "admin1")]
        names_place = any(n and n in text for n in named)
        if note.get("date"):
            scored["date"] += 1
            reachable["date"] += note["date"][:4] in raw
        scored["country"] += 1
        reachable["country"] += names_place or any(w and w in text for w in country_words[note["country"]])
        for level in ("admin1", "admin2"):
            if note.get(level):
                scored[level] += 1
                held_unit = held_name(note[level], units[(note["country"], level)])
                reachable[level] += held_unit and names_place
    return reachable, scored


def main() -> None:
    reachable, scored = ceilings()
    print("acled-world read part: the best the notes' words and the gazetteer allow (upper bounds)")
    print(f"{'measure':10s}{'reachable':>10s}{'scored':>8s}{'ceiling':>9s}")
    for measure in ("date", "country", "admin1", "admin2"):
        share = reachable[measure] / scored[measure]
        print(f"{measure:10s}{reachable[measure]:10d}{scored[measure]:8d}{share:9.3f}")


if __name__ == "__main__":
    main()

"""Incidents an analyst could not sign: how many hold mentions of two different days (each known to the
day) or of two different sub-event families (data/linking.yaml `sub_event_families`), once ACLED's notes are
grouped by `conflictdb extract` and by `conflictdb ingest` into a throwaway SQLite database. Issue 15 wants
zero on every line. And how many pairs of notes one incident holds ("linked pairs"), and of those how many
join notes whose ACLED dates (expected.jsonl) differ ("wrong date"): every ACLED note is an event of its own,
so a linked pair of two dates is a wrong join for certain, whatever the notes say (a note that gives no day
reads none).

    python bench/incident_purity.py [CORPUS ...]     # default: acled-dev and acled-world in ../shared

Prints counts only (acled-world holds a set-aside third: no incident is listed).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Mapping
from itertools import combinations
from pathlib import Path

from conflictdb.resolve.link import load_link_lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("acled-dev", "acled-world")
CONFLICTDB = str(Path(sys.executable).with_name("conflictdb"))


Row = tuple[str, str | None, bool, str, str]  # incident id, day, known to the day, sub-event type, article id


def impure(
    rows: Iterable[Row], families: dict[str, str], dates: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Counts over rows, one a mention: the incidents, those of more than one mention, those holding two
    known days or two families; the pairs of articles (notes) one incident holds, and those of them whose
    `dates` (ACLED's date of each article id) differ."""
    days: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    notes: dict[str, set[str]] = defaultdict(set)
    size: dict[str, int] = defaultdict(int)
    for incident, day, known, sub_event_type, article_id in rows:
        size[incident] += 1
        if day and known:
            days[incident].add(day)
        kinds[incident].add(families.get(sub_event_type, sub_event_type))
        notes[incident].add(article_id)
    pairs = [pair for held in notes.values() for pair in combinations(sorted(held), 2)]
    dates = dates or {}
    return {
        "incidents": len(size),
        "of 2+ mentions": sum(n > 1 for n in size.values()),
        "two known days": sum(len(d) > 1 for d in days.values()),
        "two families": sum(len(k) > 1 for k in kinds.values()),
        "linked pairs": len(pairs),
        "wrong date": sum(a in dates and b in dates and dates[a] != dates[b] for a, b in pairs),
    }


def acled_dates(corpus: Path) -> dict[str, str]:
    """ACLED's date of each note (expected.jsonl, by id): read to count, never printed."""
    expected = corpus / "expected.jsonl"
    if not expected.exists():
        return {}
    lines = expected.read_text(encoding="utf-8").splitlines()
    return {r["id"]: r["date"] for r in map(json.loads, lines) if r.get("date")}


def extracted(folder: Path, out: Path) -> list[Row]:
    """`conflictdb extract` of the folder: its mentions as rows for `impure`."""
    with out.open("w", encoding="utf-8") as handle:
        command = [CONFLICTDB, "extract", str(folder), "--format", "jsonl"]
        subprocess.run(command, stdout=handle, stderr=subprocess.DEVNULL, check=True)
    rows = []
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        for m in record.get("mentions") or []:
            if m.get("incident_id") and not m.get("background"):
                known = m.get("date_precision") == "day" and bool(m.get("date_text"))
                rows.append((m["incident_id"], m.get("date"), known, m["sub_event_type"], record["id"]))
    return rows


def ingested(folder: Path, db: Path) -> list[Row]:
    """`conflictdb ingest` of the folder into a new SQLite file: its stored mentions as rows for `impure`."""
    command = [CONFLICTDB, "ingest", str(folder), "--db", f"sqlite:///{db}"]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    with sqlite3.connect(db) as conn:
        query = "SELECT incident_id, date, date_precision = 'day' AND date_text IS NOT NULL, sub_event_type,"
        # each mention's article by the file stem it was read under, as extract names it
        query += " coalesce(a.name, a.id) FROM mentions m JOIN articles a ON a.id = m.article_id"
        query += " WHERE NOT background"
        return [
            (str(a), None if b is None else str(b), bool(c), d, str(e))
            for a, b, c, d, e in conn.execute(query)
        ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="*", default=CORPORA, help="corpus folders under ../shared/corpus")
    args = parser.parse_args()
    families = load_link_lexicon().families
    work = Path(tempfile.mkdtemp(prefix="purity-"))
    print(
        f"{'corpus / command':28s}{'incidents':>10s}{'of 2+':>8s}{'two days':>10s}{'two families':>14s}"
        f"{'linked pairs':>14s}{'wrong date':>12s}"
    )
    for name in args.corpora:
        corpus = SHARED / "corpus" / name
        folder, dates = corpus / "articles", acled_dates(corpus)
        for how, rows in (
            ("extract", extracted(folder, work / f"{name}.jsonl")),
            ("ingest", ingested(folder, work / f"{name}.sqlite")),
        ):
            c = impure(rows, families, dates)
            label = f"{name} {how}"
            print(
                f"{label:28s}{c['incidents']:10d}{c['of 2+ mentions']:8d}"
                f"{c['two known days']:10d}{c['two families']:14d}"
                f"{c['linked pairs']:14d}{c['wrong date']:12d}"
            )


if __name__ == "__main__":
    main()

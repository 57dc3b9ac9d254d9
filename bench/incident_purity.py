"""Incidents an analyst could not sign: how many hold mentions of two different days (each known to the
day) or of two different sub-event families (data/linking.yaml `sub_event_families`), once ACLED's notes are
grouped by `conflictdb extract` and by `conflictdb ingest` into a throwaway SQLite database. Issue 15 wants
zero on every line.

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
from collections.abc import Iterable
from pathlib import Path

from conflictdb.resolve.link import load_link_lexicon

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = ("acled-dev", "acled-world")
CONFLICTDB = str(Path(sys.executable).with_name("conflictdb"))


def impure(
    rows: Iterable[tuple[str, str | None, str | None, str]], families: dict[str, str]
) -> dict[str, int]:
    """Counts over (incident id, day or None, date precision, sub-event type) rows, one a mention: the
    incidents, those of more than one mention, and those holding two known days or two families."""
    days: dict[str, set[str]] = defaultdict(set)
    kinds: dict[str, set[str]] = defaultdict(set)
    size: dict[str, int] = defaultdict(int)
    for incident, day, known, sub_event_type in rows:
        size[incident] += 1
        if day and known:
            days[incident].add(day)
        kinds[incident].add(families.get(sub_event_type, sub_event_type))
    return {
        "incidents": len(size),
        "of 2+ mentions": sum(n > 1 for n in size.values()),
        "two known days": sum(len(d) > 1 for d in days.values()),
        "two families": sum(len(k) > 1 for k in kinds.values()),
    }


def extracted(folder: Path, out: Path) -> list[tuple[str, str | None, bool, str]]:
    """`conflictdb extract` of the folder: its mentions as rows for `impure`."""
    with out.open("w", encoding="utf-8") as handle:
        command = [CONFLICTDB, "extract", str(folder), "--format", "jsonl"]
        subprocess.run(command, stdout=handle, stderr=subprocess.DEVNULL, check=True)
    rows = []
    for line in out.read_text(encoding="utf-8").splitlines():
        for m in json.loads(line).get("mentions") or []:
            if m.get("incident_id") and not m.get("background"):
                known = m.get("date_precision") == "day" and bool(m.get("date_text"))
                rows.append((m["incident_id"], m.get("date"), known, m["sub_event_type"]))
    return rows


def ingested(folder: Path, db: Path) -> list[tuple[str, str | None, bool, str]]:
    """`conflictdb ingest` of the folder into a new SQLite file: its stored mentions as rows for `impure`."""
    command = [CONFLICTDB, "ingest", str(folder), "--db", f"sqlite:///{db}"]
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    with sqlite3.connect(db) as conn:
        query = "SELECT incident_id, date, date_precision = 'day' AND date_text IS NOT NULL, sub_event_type"
        query += " FROM mentions WHERE NOT background"
        return [(str(a), None if b is None else str(b), bool(c), d) for a, b, c, d in conn.execute(query)]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="*", default=CORPORA, help="corpus folders under ../shared/corpus")
    args = parser.parse_args()
    families = load_link_lexicon().families
    work = Path(tempfile.mkdtemp(prefix="purity-"))
    print(f"{'corpus / command':28s}{'incidents':>10s}{'of 2+':>8s}{'two days':>10s}{'two families':>14s}")
    for name in args.corpora:
        folder = SHARED / "corpus" / name / "articles"
        for how, rows in (
            ("extract", extracted(folder, work / f"{name}.jsonl")),
            ("ingest", ingested(folder, work / f"{name}.sqlite")),
        ):
            c = impure(rows, families)
            label = f"{name} {how}"
            print(
                f"{label:28s}{c['incidents']:10d}{c['of 2+ mentions']:8d}"
                f"{c['two known days']:10d}{c['two families']:14d}"
            )


if __name__ == "__main__":
    main()

"""What the embedded gazetteer covers: per country, its admin1 and admin2 units and its towns by population
floor, and the share of towns that know their district; then, as counts only, how many of ACLED's places
on the read part of acled-world (not bench/acled_heldout.txt) the gazetteer holds.

    python bench/gazetteer_coverage.py [--countries CC,CC,...] [--all]

ACLED's names are only counted here, never printed or kept.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sqlite3
from collections import Counter, defaultdict

from acled import WORLD, fold_admin_name, heldout_ids  # bench/acled.py

from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.names import normalize_name, skeleton, usable_skeleton

FLOORS = (0, 1_000, 5_000, 15_000)  # towns of at least this many people


def country_table(connection: sqlite3.Connection) -> dict[str, list[int]]:
    """country -> [admin1, admin2, towns >= each floor..., towns with a district]."""
    table: dict[str, list[int]] = defaultdict(lambda: [0] * (3 + len(FLOORS)))
    for country, kind, count in connection.execute(
        "SELECT country, kind, count(*) FROM places WHERE kind IN ('admin1', 'admin2') GROUP BY country, kind"
    ):
        table[country][0 if kind == "admin1" else 1] = count
    floors = ", ".join(f"sum(population >= {floor})" for floor in FLOORS)
    for country, *counts in connection.execute(
        f"SELECT country, {floors}, sum(admin2_id IS NOT NULL) FROM places WHERE kind = 'city' "
        "GROUP BY country"
    ):
        table[country][2:] = counts
    return table


def admin_units(connection: sqlite3.Connection) -> dict[tuple[str, str], set[str]]:
    """(country, "admin1" | "admin2") -> the folded names of the gazetteer's units at that level (a
    province that is its own district counts at both)."""
    units: dict[tuple[str, str], set[str]] = defaultdict(set)
    for country, admin1, admin2 in connection.execute(
        "SELECT country, admin1, admin2 FROM places WHERE kind IN ('admin1', 'admin2')"
    ):
        units[(country, "admin1")].add(fold_admin_name(admin1))
        units[(country, "admin2")].update((fold_admin_name(admin1), fold_admin_name(admin2)))
    return units


def held_name(value: str, folded: set[str]) -> bool:
    """Whether an admin name is among `folded` names as the scorer compares them."""
    want = fold_admin_name(value)
    if want in folded:
        return True
    return any(difflib.SequenceMatcher(None, want, have).ratio() >= 0.8 for have in folded if have)


def acled_counts(connection: sqlite3.Connection) -> Counter:
    """How many read-part notes have their location, admin1 and admin2 in the gazetteer (counts only)."""
    keys: dict[str, set[str]] = defaultdict(set)
    for key, skel, country in connection.execute(
        "SELECT n.key, n.skeleton, p.country FROM names n JOIN places p ON p.id = n.place_id"
    ):
        keys[country].update((key, "~" + skel) if skel else (key,))
    units = admin_units(connection)
    held = heldout_ids()
    counts: Counter = Counter()
    for line in (WORLD / "expected.jsonl").read_text(encoding="utf-8").splitlines():
        note = json.loads(line)
        if note["id"] in held:
            continue
        country, key = note["country"], normalize_name(note.get("location") or "")
        counts["notes"] += 1
        counts["location exact"] += key in keys[country]
        skel = skeleton(key)
        by_skeleton = usable_skeleton(skel) and "~" + skel in keys[country]
        counts["location by skeleton"] += key not in keys[country] and by_skeleton
        for level in ("admin1", "admin2"):
            if note.get(level):
                counts[f"{level} notes"] += 1
                counts[f"{level} held"] += held_name(note[level], units[(country, level)])
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--countries", help="comma-separated ISO codes (default: the 25 with most towns)")
    parser.add_argument("--all", action="store_true", help="every country")
    args = parser.parse_args()
    gazetteer = Gazetteer.open()
    connection = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    table = country_table(connection)
    codes = sorted(table, key=lambda c: -table[c][2])
    if args.countries:
        codes = [c.strip().upper() for c in args.countries.split(",")]
    elif not args.all:
        codes = codes[:25]
    floors = "".join(f"{f'>={floor}' if floor else 'towns':>9s}" for floor in FLOORS)
    print(f"{'country':8s}{'admin1':>8s}{'admin2':>8s}{floors}{'district':>10s}")
    for code in codes:
        admin1, admin2, *towns, with_district = table[code]
        share = with_district / towns[0] if towns[0] else 0.0
        print(f"{code:8s}{admin1:8d}{admin2:8d}" + "".join(f"{n:9d}" for n in towns) + f"{share:10.2f}")
    with_districts = [c for c in table if table[c][1]]
    print(f"{len(table)} countries, {len(with_districts)} with districts;", end=" ")
    known, towns = sum(table[c][-1] for c in table), sum(table[c][2] for c in table)
    print(f"towns knowing their district: {known} of {towns}")
    if (WORLD / "expected.jsonl").exists():
        counts = acled_counts(connection)
        print("acled-world read part:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))


if __name__ == "__main__":
    main()

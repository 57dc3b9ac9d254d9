"""Accuracy on ACLED's event notes (../shared/corpus/acled-world and acled-dev), scored by the shared
`score_acled.py` on acled-world whole, on the two thirds we read errors on and on the third set aside
(bench/acled_heldout.txt: one third of each country's notes, drawn once with a seeded shuffle), and on
acled-dev.

A change that helps the part we read and not the part we set aside is fitted: undo it.

    python bench/acled.py [--pred-dir DIR]            # the table
    python bench/acled.py --by-country                 # per country, READ part only
    python bench/acled.py --errors admin1 [--country CM] [--limit 40]   # READ part only
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import defaultdict
from pathlib import Path

from news import heldout_ids as news_heldout_ids  # bench/news.py: one reader of set-aside lists

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score_acled.py"
WORLD = SHARED / "corpus" / "acled-world"
DEV = SHARED / "corpus" / "acled-dev"
HELDOUT = Path(__file__).with_name("acled_heldout.txt")
LINE = re.compile(r"^(\w+)\s+([\d.]+)\s+\((\d+)/(\d+)\)")
FIELDS = ("country", "admin1", "admin2", "sub_event_type", "date")


def heldout_ids() -> set[str]:
    """The ids of the set-aside third of acled-world."""
    return news_heldout_ids(HELDOUT)


def extract(corpus: Path, out: Path) -> None:
    """`conflictdb extract` of a corpus's article folder into `out`."""
    command = [str(Path(sys.executable).with_name("conflictdb")), "extract", str(corpus / "articles")]
    with out.open("w", encoding="utf-8") as handle:
        subprocess.run([*command, "--format", "jsonl"], stdout=handle, check=True)


def expected(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "expected.jsonl").read_text(encoding="utf-8").splitlines()]


def score(records: list[dict], pred: Path, workdir: Path, name: str) -> dict[str, tuple[float, int, int]]:
    """The shared scorer's measures on the notes of `records`: measure -> (value, good, total)."""
    subset = workdir / f"{name}.expected.jsonl"
    subset.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCORER), str(subset), str(pred)], capture_output=True, text=True, check=True
    )
    found = (LINE.match(line) for line in done.stdout.splitlines())
    return {m[1]: (float(m[2]), int(m[3]), int(m[4])) for m in found if m}


def first_mentions(pred: Path) -> dict[str, dict]:
    records = (json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: (r.get("mentions") or [{}])[0] for r in records}


def fold_admin_name(value: str | None) -> str:
    """An admin name folded as the shared scorer folds it (score_acled.py cannot be imported)."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]", "", re.sub(r"\b(province|district|city)\b", "", plain))


def same(a: str | None, b: str | None) -> bool:
    """The scorer's test of two admin names: equal once folded, or near (ratio >= 0.8)."""
    a, b = (fold_admin_name(v) for v in (a, b))
    return bool(a and b) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)


def right(field: str, exp: dict, got: dict) -> bool:
    """The scorer's test of one field."""
    want, have = exp.get(field), got.get(field)
    if field == "country":
        return (have or "").upper() == (want or "").upper()
    if field in ("admin1", "admin2"):
        return same(want, have)
    return (have or "").lower() == (want or "").lower()


def by_country(records: list[dict], mentions: dict[str, dict]) -> None:
    """Per country on the read part: notes, has a mention, country, admin1, admin2."""
    table: dict[str, list[int]] = defaultdict(lambda: [0] * 5)
    for r in records:
        m, row = mentions.get(r["id"], {}), table[r["country"]]
        row[0] += 1
        row[1] += bool(m)
        row[2] += right("country", r, m)
        row[3] += right("admin1", r, m)
        row[4] += right("admin2", r, m) if r.get("admin2") else 0
    print(f"{'country':8s}{'notes':>6s}{'mention':>9s}{'country':>9s}{'admin1':>8s}{'admin2':>8s}")
    for code, row in sorted(table.items(), key=lambda kv: kv[1][3] / kv[1][0]):
        cells = "".join(f"{v / row[0]:8.2f} " for v in row[1:])
        print(f"{code:8s}{row[0]:6d} {cells}")


def errors(
    records: list[dict], mentions: dict[str, dict], field: str, country: str | None, limit: int
) -> None:
    """Read-part notes whose first mention has `field` wrong, with ACLED's answer and ours."""
    shown = 0
    for r in records:
        m = mentions.get(r["id"], {})
        if (country and r["country"] != country) or not r.get(field) or right(field, r, m):
            continue
        note = (WORLD / "articles" / f"{r['id']}.txt").read_text(encoding="utf-8")
        ours = {k: m.get(k) for k in ("country", "admin1", "admin2", "place", "sub_event_type", "date")}
        print(
            f"{r['id']} {field}: ACLED {r[field]!r} ({r['country']}, {r.get('admin1')}, {r.get('admin2')}, "
            f"{r.get('location')}) ours {ours}\n    {' '.join(note.split())[:400]}"
        )
        shown += 1
        if shown >= limit:
            break


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pred-dir", type=Path, help="folder with acled-world.jsonl and acled-dev.jsonl")
    parser.add_argument("--by-country", action="store_true", help="per-country table of the read part")
    parser.add_argument("--errors", choices=FIELDS, help="list read-part errors of this field")
    parser.add_argument("--country", help="with --errors: only this ISO alpha-2 country")
    parser.add_argument("--limit", type=int, default=40)
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"{SCORER} is absent: the ACLED notes and their scorer live in ../shared")
    work = args.pred_dir or Path(tempfile.mkdtemp(prefix="acled-"))
    preds = {name: work / f"{name}.jsonl" for name in ("acled-world", "acled-dev")}
    if args.pred_dir is None:
        for name, corpus in (("acled-world", WORLD), ("acled-dev", DEV)):
            extract(corpus, preds[name])
    world = expected(WORLD)
    held = heldout_ids()
    read = [r for r in world if r["id"] not in held]
    if args.by_country or args.errors:
        mentions = first_mentions(preds["acled-world"])
        if args.by_country:
            by_country(read, mentions)
        if args.errors:
            errors(read, mentions, args.errors, args.country, args.limit)
        return
    columns = {
        "world all": score(world, preds["acled-world"], work, "all"),
        "read": score(read, preds["acled-world"], work, "read"),
        "set aside": score([r for r in world if r["id"] in held], preds["acled-world"], work, "aside"),
        "acled-dev": score(expected(DEV), preds["acled-dev"], work, "dev"),
    }
    print(f"acled-world ({WORLD}): {len(world)} notes, {len(world) - len(read)} set aside")
    print(f"{'measure':16s}" + "".join(f"{name:>11s}" for name in columns))
    for measure in columns["world all"]:
        cells = "".join(f"{columns[name].get(measure, (float('nan'),))[0]:11.3f}" for name in columns)
        print(f"{measure:16s}{cells}")


if __name__ == "__main__":
    main()

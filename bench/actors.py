"""Actor accuracy: our actor1/actor2 against ACLED's coding and against the news corpus's gold.

ACLED: on ../shared/corpus/acled-world (whole, the two thirds we read errors on, the third set aside in
bench/acled_heldout.txt) and acled-dev, the first mention of each note against the note's `actor1` and
`actor2` (actor2 over the notes that have one). Two matches are printed:
  strict      the names are equal as written;
  normalised  equal once case-folded, every character that is not a letter or a digit made a space, and
              runs of whitespace made one space ("NPA: New People’s Army" = "npa new people s army").
A note without a mention counts as a miss.

News: on ../shared/corpus/news (whole, read part, set-aside part), each gold incident matched to a mention
by the shared scorer's own matching; the gold `perpetrator` and `target` are free words (ANNOTATION.md),
so they are named by our actor dictionary (with the gold country and date; for an incident without one, its
`date_external`, else the article's `published` day) and compared, normalised, with
our actor1 and actor2. The share is over every matched gold incident with a perpetrator (target): gold
words the dictionary cannot name count as misses, so the denominator does not move with the dictionary;
how many it names is printed beside ("named").

    python bench/actors.py [--pred-dir DIR]   # DIR holding acled-world.jsonl, acled-dev.jsonl, news.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import sys
import tempfile
from pathlib import Path

from acled import DEV, WORLD, expected, extract, heldout_ids
from news import HELDOUT as NEWS_HELDOUT
from news import NEWS, SHARED
from news import extract as extract_news
from news import heldout_ids as news_heldout_ids

from conflictdb.evaluate import normalised_actor
from conflictdb.extract.actor_lexicon import load_actor_lexicon
from conflictdb.extract.actors import acled_actor


def first_mentions(pred: Path) -> dict[str, dict]:
    records = (json.loads(line) for line in pred.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["id"]: (r.get("mentions") or [{}])[0] for r in records}


def acled_scores(records: list[dict], mentions: dict[str, dict]) -> dict[str, tuple[int, int]]:
    """(right, total) of actor1 and actor2, strict and normalised."""
    out = {
        key: [0, 0] for key in ("actor1 strict", "actor1 normalised", "actor2 strict", "actor2 normalised")
    }
    for r in records:
        m = mentions.get(r["id"], {})
        for field in ("actor1", "actor2"):
            if not r.get(field):
                continue
            for kind, same in (
                ("strict", m.get(field) == r[field]),
                ("normalised", _same(m.get(field), r[field])),
            ):
                out[f"{field} {kind}"][0] += same
                out[f"{field} {kind}"][1] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def _same(a: str | None, b: str | None) -> bool:
    return bool(a) and normalised_actor(a) == normalised_actor(b)


def print_acled(pred_dir: Path) -> None:
    world, dev = expected(WORLD), expected(DEV)
    held = heldout_ids()
    parts = {
        "acled-world all": world,
        "acled-world read": [r for r in world if r["id"] not in held],
        "acled-world set-aside": [r for r in world if r["id"] in held],
        "acled-dev": dev,
    }
    found = {
        "world": first_mentions(pred_dir / "acled-world.jsonl"),
        "dev": first_mentions(pred_dir / "acled-dev.jsonl"),
    }
    print(f"{'':24s}{'actor1':>9s}{'strict':>9s}{'actor2':>9s}{'strict':>9s}{'notes':>7s}")
    for name, records in parts.items():
        scores = acled_scores(records, found["dev" if name == "acled-dev" else "world"])
        cells = [
            scores[k] for k in ("actor1 normalised", "actor1 strict", "actor2 normalised", "actor2 strict")
        ]
        print(
            f"{name:24s}"
            + "".join(f"{good / max(total, 1):9.3f}" for good, total in cells)
            + f"{len(records):7d}"
        )


def _scorer():
    """The shared scorer as a module, for its incident matching (one matching for every measure)."""
    spec = importlib.util.spec_from_file_location("shared_score", SHARED / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _day(text: str | None) -> dt.date | None:
    """The day a gold date field opens with ("2017-06-01 (the day before ...)"), if it opens with one."""
    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def news_scores(pred: Path, ids: set[str]) -> dict[str, list[int]]:
    """perpetrator/target: [right, named gold, unnamed gold] over gold incidents matched to a mention."""
    scorer, lexicon = _scorer(), load_actor_lexicon()
    preds = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            preds[record["id"]] = record.get("mentions") or []
    out = {"perpetrator": [0, 0, 0], "target": [0, 0, 0]}
    for article_id in sorted(ids):
        gold = json.loads((NEWS / "gold" / f"{article_id}.json").read_text(encoding="utf-8"))
        text = (NEWS / "articles" / f"{article_id}.txt").read_text(encoding="utf-8")
        golds, mentions = gold.get("incidents", []), preds.get(article_id, [])
        for gi, pi in scorer.match_incidents(text, golds, mentions):
            g, m = golds[gi], mentions[pi]
            # an incident the text leaves undated is named as of the day known outside the text, else the
            # article's publication day: never by the latest name, which a later renaming would change
            day = _day(g.get("date")) or _day(g.get("date_external")) or _day(gold.get("published"))
            for field, ours in (("perpetrator", "actor1"), ("target", "actor2")):
                if not g.get(field):
                    continue
                named = acled_actor(g[field], lexicon, country=g.get("country"), day=day)
                if named is None:
                    out[field][2] += 1
                    continue
                out[field][0] += _same(m.get(ours), named)
                out[field][1] += 1
    return out


def print_news(pred: Path) -> None:
    every = {p.stem for p in (NEWS / "gold").glob("*.json")}
    held = news_heldout_ids(NEWS_HELDOUT)
    parts = {"news all": every, "news read": every - held, "news set-aside": every & held}
    print(f"{'':24s}{'perp':>9s}{'named':>7s}{'gold':>7s}{'target':>9s}{'named':>7s}{'gold':>7s}")
    for name, ids in parts.items():
        s = news_scores(pred, ids)
        cells = ""
        for field in ("perpetrator", "target"):
            right, named, unnamed = s[field]
            cells += f"{right / max(named + unnamed, 1):9.3f}{named:7d}{named + unnamed:7d}"
        print(f"{name:24s}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--pred-dir", type=Path, help="acled-world.jsonl, acled-dev.jsonl, news.jsonl made before"
    )
    args = parser.parse_args()
    if not WORLD.exists():
        sys.exit(f"{WORLD} is absent: the ACLED notes live in ../shared")
    pred_dir = args.pred_dir or Path(tempfile.mkdtemp(prefix="actors-"))
    if args.pred_dir is None:
        extract(WORLD, pred_dir / "acled-world.jsonl")
        extract(DEV, pred_dir / "acled-dev.jsonl")
        extract_news(pred_dir / "news.jsonl")
    print_acled(pred_dir)
    print()
    print_news(pred_dir / "news.jsonl")


if __name__ == "__main__":
    main()

"""Gold figures we give in no form (no category or value matches) with their gold evidence, READ parts only.

Read parts: the odd halves of corpus_e1 and corpus_e2, and the news corpus but its set-aside third.
Blind articles (news set aside, even E halves, corpus_d, corpus_f1, corpus_f2) are never opened here.

    python bench/missed_figures.py [--pred-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

from blind_halves import CORPORA, extract, is_odd
from news import NEWS, heldout_ids

OUTCOMES = ("killed", "injured")
READ_HALVES = ("corpus_e1", "corpus_e2")  # their odd halves; corpus_d and corpus_f* are only scored


def read_ids() -> dict[str, Path]:
    """Article id -> corpus folder, for every article of a read part."""
    ids = {
        g.stem: CORPORA[name]
        for name in READ_HALVES
        for g in (CORPORA[name] / "gold").glob("*.json")
        if is_odd(g.stem)
    }
    held = heldout_ids()
    ids.update({g.stem: NEWS for g in (NEWS / "gold").glob("*.json") if g.stem not in held})
    return ids


def evidence(text: str, claim: dict) -> str:
    """The gold evidence of a claim as text (a quote, or a span of the article)."""
    ev = claim.get("evidence")
    if isinstance(ev, dict):
        return text[ev["start"] : ev["end"]]
    return str(ev or "")


def gold_figures(gold: dict, text: str):
    """(outcome, min, max, category, evidence) of every numeric gold figure of the article's incidents."""
    for incident in gold.get("incidents", []):
        for claim in incident.get("claims", []):
            for outcome in OUTCOMES:
                for cat, rng in (claim.get(outcome) or {}).items():
                    if rng and (rng[0] is not None or rng[1] is not None):
                        yield outcome, rng[0], rng[1], cat, evidence(text, claim)


def pred_figures(record: dict) -> Counter:
    """(outcome, min, max, category) of every predicted figure."""
    found = Counter()
    for mention in record.get("mentions", []):
        for claim in mention.get("claims", []):
            for outcome in OUTCOMES:
                for cat, rng in (claim.get(outcome) or {}).items():
                    if isinstance(rng, dict) and (rng.get("min") is not None or rng.get("max") is not None):
                        found[(outcome, rng["min"], rng.get("max"), cat)] += 1
    return found


def pred_keys(record: dict) -> Counter:
    """(outcome, min, max) of every predicted figure."""
    keys = Counter()
    for (outcome, low, high, _cat), n in pred_figures(record).items():
        keys[(outcome, low, high)] += n
    return keys


def read_predictions(work: Path) -> dict[str, dict]:
    """Article id -> predicted record for the read corpora, extracted into `work` unless already there."""
    preds = {}
    for name, corpus in {**{n: CORPORA[n] for n in READ_HALVES}, "news": NEWS}.items():
        out = work / f"{name}.jsonl"
        if not out.exists():
            extract(corpus, out)
        for line in out.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                preds[str(record["id"])] = record
    return preds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pred-dir", type=Path, help="folder of predictions already made")
    args = parser.parse_args()
    work = args.pred_dir or Path(tempfile.mkdtemp(prefix="missed-"))
    preds = read_predictions(work)
    total = 0
    for aid, corpus in sorted(read_ids().items()):
        gold = json.loads((corpus / "gold" / f"{aid}.json").read_text(encoding="utf-8"))
        text = (corpus / "articles" / f"{aid}.txt").read_text(encoding="utf-8")
        have = pred_keys(preds.get(aid, {}))
        for outcome, low, high, cat, quote in gold_figures(gold, text):
            if have[(outcome, low, high)] > 0:
                have[(outcome, low, high)] -= 1
                continue
            total += 1
            print(f"{aid} {outcome} {cat} [{low}, {high}]: {' '.join(quote.split())[:300]}")
    print(f"{total} gold figures missed in every form")


if __name__ == "__main__":
    main()

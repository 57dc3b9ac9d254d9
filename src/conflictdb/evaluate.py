"""Scoring extract records against gold annotations (the gold format of our own test corpus).

Our own scorer, so the project's tests measure accuracy without ../shared: incidents matched
one-to-one by shared evidence, figures, type, place and date; figures as multisets per article;
attribution; field accuracies over matched incidents; cross-article links pairwise.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

COARSE_CLASSES = {
    "airstrike": "air",
    "drone_strike": "air",
    "air/drone strike": "air",
    "shelling": "shelling",
    "shelling/artillery/missile attack": "shelling",
    "suicide_bombing": "bombing",
    "car_bombing": "bombing",
    "ied": "bombing",
    "suicide bomb": "bombing",
    "remote explosive/landmine/ied": "bombing",
    "grenade": "bombing",
    "armed_attack": "ground",
    "clash": "ground",
    "armed clash": "ground",
    "attack": "ground",
    "abduction": "abduction",
    "abduction/forced disappearance": "abduction",
}
OUTCOMES = ("killed", "injured")
_ADMIN_WORDS = re.compile(r"\b(province|provincial|governorate|state|region|district|city)\b")

_SPEAKER_STOPWORDS = frozenset(
    {"the", "and", "said", "told", "of", "a", "an", "in", "from", "with", "for", "to", "on"}
)

FigureKey = tuple[str, str, int | None, int | None]


def coarse_class(event_type: str | None) -> str:
    """The coarse class (air, shelling, bombing, ground, ...) of a gold slug or ACLED name."""
    return COARSE_CLASSES.get((event_type or "").strip().lower(), "other")


def fold_place(name: str | None) -> str:
    """Lower-case letters of a place name without accents or administrative words."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z]", "", _ADMIN_WORDS.sub(" ", text))


def same_place(gold: str | None, predicted: str | None) -> bool:
    """Folded names equal or nearly so (a spelling variant)."""
    a, b = fold_place(gold), fold_place(predicted)
    return bool(a and b) and (a == b or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8)


def _speaker_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", name.lower()) if len(w) > 2 and w not in _SPEAKER_STOPWORDS}


def same_speaker(gold: str | None, predicted: str | None) -> bool:
    """Half the gold speaker's words appear in the prediction; the outlet's voice is None on both sides."""
    if not gold or not predicted:
        return not gold and not predicted
    words = _speaker_words(gold)
    return bool(words) and len(words & _speaker_words(predicted)) / len(words) >= 0.5


def gold_figures(incident: dict[str, Any]) -> list[tuple[FigureKey, str | None]]:
    """Numeric gold figures of an incident with their speakers."""
    out = []
    for claim in incident.get("claims", []):
        for outcome in OUTCOMES:
            for category, bounds in (claim.get(outcome) or {}).items():
                if bounds and (bounds[0] is not None or bounds[1] is not None):
                    out.append(((outcome, category, bounds[0], bounds[1]), claim.get("speaker")))
    return out


def predicted_figures(mention: dict[str, Any]) -> list[tuple[FigureKey, str | None]]:
    """Numeric figures of a predicted mention with their speakers."""
    out = []
    for claim in mention.get("claims", []):
        for outcome in OUTCOMES:
            for category, bounds in (claim.get(outcome) or {}).items():
                if isinstance(bounds, dict) and (
                    bounds.get("min") is not None or bounds.get("max") is not None
                ):
                    out.append(
                        ((outcome, category, bounds.get("min"), bounds.get("max")), claim.get("speaker"))
                    )
    return out


def _spans(text: str, incident: dict[str, Any]) -> list[tuple[int, int]]:
    spans = []
    for claim in incident.get("claims", []):
        evidence = claim.get("evidence")
        if isinstance(evidence, dict):
            spans.append((evidence["start"], evidence["end"]))
        elif isinstance(evidence, str) and evidence and (at := text.find(evidence)) >= 0:
            spans.append((at, at + len(evidence)))
    return spans


def _pair_score(text: str, gold: dict[str, Any], mention: dict[str, Any]) -> int:
    score = 0
    if any(s1 < e2 and s2 < e1 for s1, e1 in _spans(text, gold) for s2, e2 in _spans(text, mention)):
        score += 3
    shared = Counter(f[0][:3] for f in gold_figures(gold)) & Counter(
        f[0][:3] for f in predicted_figures(mention)
    )
    score += min(4, 2 * sum(shared.values()))
    score += coarse_class(gold.get("event_type")) == coarse_class(mention.get("sub_event_type"))
    score += same_place(gold.get("admin1"), mention.get("admin1"))
    score += bool(gold.get("date")) and gold.get("date") == mention.get("date")
    return score


def match_incidents(text: str, golds: list[dict], mentions: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by score; a pair needs 3 points."""
    scored = sorted(
        ((_pair_score(text, g, m), gi, mi) for gi, g in enumerate(golds) for mi, m in enumerate(mentions)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_m: set[int] = set()
    pairs = []
    for score, gi, mi in scored:
        if score >= 3 and gi not in used_g and mi not in used_m:
            used_g.add(gi)
            used_m.add(mi)
            pairs.append((gi, mi))
    return pairs


@dataclass
class Tally:
    """Counts behind the report."""

    counts: Counter
    links: list[tuple[str, str, str]]


def _prf(tp: int, predicted: int, gold: int) -> dict[str, float | int]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "tp": tp,
        "pred": predicted,
        "gold": gold,
    }


def _score_article(text: str, gold: dict, predicted: dict, tally: Tally) -> None:
    c = tally.counts
    golds, mentions = gold.get("incidents", []), predicted.get("mentions", [])
    optional = (gold.get("background_incidents") or []) + (gold.get("aggregate_claims") or [])
    optional = [
        o if o.get("claims") else {"event_type": o.get("event_type"), "claims": [o]} for o in optional
    ]
    matched = match_incidents(text, golds, mentions)
    taken = {mi for _, mi in matched}
    spare = [m for mi, m in enumerate(mentions) if mi not in taken]
    optional_hits = {id(spare[mi]) for _, mi in match_incidents(text, optional, spare)}
    if optional_hits:
        mentions = [m for m in mentions if id(m) not in optional_hits]
        matched = match_incidents(text, golds, mentions)
    c["inc_tp"] += len(matched)
    c["inc_pred"] += len(mentions)
    c["inc_gold"] += len(golds)
    if gold.get("published"):
        c["published_n"] += 1
        c["published_ok"] += predicted.get("published") == gold["published"]
    g_all = [f for g in golds for f in gold_figures(g)]
    p_all = [f for m in mentions for f in predicted_figures(m)]
    gk, pk = Counter(f[0] for f in g_all), Counter(f[0] for f in p_all)
    pk -= (pk - gk) & Counter(f[0] for o in optional for f in gold_figures(o))
    c["fig_tp"] += sum((gk & pk).values())
    c["fig_pred"] += sum(pk.values())
    c["fig_gold"] += sum(gk.values())
    for key, speaker in g_all:
        twins = [s for k, s in p_all if k == key]
        if twins:
            c["attribution_n"] += 1
            c["attribution_ok"] += any(same_speaker(speaker, s) for s in twins)
    for gi, mi in matched:
        g, m = golds[gi], mentions[mi]
        c["event_type_n"] += 1
        c["event_type_ok"] += coarse_class(g.get("event_type")) == coarse_class(m.get("sub_event_type"))
        for field in ("country", "admin1", "date"):
            if g.get(field):
                c[f"{field}_n"] += 1
                if field == "admin1":
                    c[f"{field}_ok"] += same_place(g[field], m.get(field))
                else:
                    c[f"{field}_ok"] += (m.get(field) or "") == g[field]
        if g.get("incident_key") and m.get("incident_id") is not None:
            tally.links.append((g["incident_key"], str(m["incident_id"]), gold["id"]))


def score_corpus(corpus: Path, predictions: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Score extract records against corpus/gold/*.json (articles in corpus/articles)."""
    by_id = {p["id"]: p for p in predictions}
    tally = Tally(Counter(), [])
    gold_files = sorted((corpus / "gold").glob("*.json"))
    for path in gold_files:
        gold = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus / "articles" / f"{gold['id']}.txt").read_text(encoding="utf-8")
        _score_article(text, gold, by_id.get(gold["id"], {"mentions": []}), tally)
    c = tally.counts
    tp = same_pred = same_gold = 0
    for (g1, p1, a1), (g2, p2, a2) in combinations(tally.links, 2):
        if a1 != a2:
            same_gold += g1 == g2
            same_pred += p1 == p2
            tp += g1 == g2 and p1 == p2

    def accuracy(name: str) -> dict[str, Any]:
        n = c[f"{name}_n"]
        return {"accuracy": round(c[f"{name}_ok"] / n, 3) if n else None, "n": n}

    return {
        "articles": len(gold_files),
        "incidents": _prf(c["inc_tp"], c["inc_pred"], c["inc_gold"]),
        "figures": _prf(c["fig_tp"], c["fig_pred"], c["fig_gold"]),
        "attribution": accuracy("attribution"),
        "event_type": accuracy("event_type"),
        "country": accuracy("country"),
        "admin1": accuracy("admin1"),
        "date": accuracy("date"),
        "published": accuracy("published"),
        "cross_article_links": _prf(tp, same_pred, same_gold),
    }


def headline(report: dict[str, Any]) -> dict[str, float | None]:
    """The single numbers floors are pinned on: F1 for P/R/F1 figures, else accuracy."""
    out: dict[str, float | None] = {}
    for key, value in report.items():
        if isinstance(value, dict):
            out[key] = value["f1"] if "f1" in value else value.get("accuracy")
    return out


def below_floors(report: dict[str, Any], floors: dict[str, float]) -> list[str]:
    """Every headline figure that fell below its pinned floor, as readable lines."""
    figures = headline(report)
    return [
        f"{name}: {figures.get(name)} < floor {floor}"
        for name, floor in floors.items()
        if figures.get(name) is None or figures[name] < floor
    ]


@dataclass(frozen=True)
class CaseResult:
    """One phenomena case: did the pipeline give what a careful coder expects, and if not, why."""

    id: str
    phenomenon: str
    passed: bool
    problems: tuple[str, ...]


def _case_figures(record: dict[str, Any]) -> list[tuple[str, str, int | None, int | None]]:
    return sorted((k[0], k[1], k[2], k[3]) for m in record["mentions"] for k, _s in predicted_figures(m))


BACKGROUND_PHENOMENA = frozenset({"background", "aggregate"})


def check_case(case: dict[str, Any], record: dict[str, Any]) -> CaseResult:
    """Compare one article record with a phenomena case's expectations."""
    expect = case["expect"]
    problems = []
    got = _case_figures(record)
    wanted = sorted(tuple(f) for f in expect.get("figures", []))
    if got != wanted:
        problems.append(f"figures {got} != {wanted}")
    claims = [c for m in record["mentions"] for c in m["claims"]]
    if "speaker" in expect:
        with_figures = [c for c in claims if predicted_figures({"claims": [c]})] or claims
        if not any(same_speaker(expect["speaker"], c.get("speaker")) for c in with_figures):
            problems.append(f"speaker {[c.get('speaker') for c in with_figures]} != {expect['speaker']!r}")
    if "stance" in expect and not any((c.get("stance") or "").startswith(expect["stance"]) for c in claims):
        problems.append(f"stance {[c.get('stance') for c in claims]} != {expect['stance']!r}")
    if case["phenomenon"] in BACKGROUND_PHENOMENA:
        told_as_news = [m for m in record["mentions"] if predicted_figures(m) and not m.get("background")]
        if told_as_news:
            problems.append("an older event or a total reported as a new incident")
    news = [m for m in record["mentions"] if not m.get("background")]
    first = news[0] if news else {}
    if "date" in expect and first.get("date") != expect["date"]:
        problems.append(f"date {first.get('date')} != {expect['date']}")
    if "sub_event_type" in expect and first.get("sub_event_type") != expect["sub_event_type"]:
        problems.append(f"sub_event_type {first.get('sub_event_type')!r} != {expect['sub_event_type']!r}")
    return CaseResult(case["id"], case["phenomenon"], not problems, tuple(problems))


def pass_rates(results: Iterable[CaseResult]) -> dict[str, tuple[int, int]]:
    """(passed, total) per phenomenon, and overall under "all"."""
    rates: dict[str, list[int]] = {}
    for result in results:
        for key in (result.phenomenon, "all"):
            tally = rates.setdefault(key, [0, 0])
            tally[0] += result.passed
            tally[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(rates.items())}

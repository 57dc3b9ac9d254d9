"""JSON shapes made at the edges: a figure's and a claim's fields (the one serialiser the store, the exports
and the API use) and the evaluation's extract record (../shared/eval/FORMAT.md)."""

from __future__ import annotations

from typing import Any

from conflictdb.actor_codes import HasActors, coded_actors
from conflictdb.export_tables import ExportTables, ucdp_where_prec
from conflictdb.records import (
    Article,
    Claim,
    ClaimRef,
    DatePrecision,
    Figure,
    FigureEntry,
    FigureRange,
    Grade,
    IncidentFigures,
    Mention,
    Span,
    Stance,
    place_columns,
)
from conflictdb.resolve.reconcile import ReconcileRules, fatalities


def figure_fields(figure: Figure) -> dict[str, Any]:
    """Every field of a figure as JSON (the store's columns are these and the words)."""
    return {
        "outcome": str(figure.outcome),
        "category": str(figure.category),
        "min": figure.min,
        "max": figure.max,
        "approximate": figure.approximate,
        "vague": figure.vague,
        "part_of_total": figure.part_of_total,
        "women": figure.women,
        "children": figure.children,
    }


def claim_fields(claim: Claim) -> dict[str, Any]:
    """A claim's own fields as JSON (not its figures or evidence): who, through whom, and how."""
    return {
        "speaker": claim.speaker,
        "speaker_role": claim.speaker_role,
        "relay": claim.relay,
        "stance": str(claim.stance),
        "stance_words": claim.stance_words,
        "partisan": claim.partisan,
    }


def evidence_fields(span: Span, text: str | None) -> dict[str, Any]:
    """A claim's evidence: its offsets, and the words quoted from the article text when known."""
    quoted = text[span.start : span.end] if text is not None else None
    return {"start": span.start, "end": span.end, "text": quoted}


def claim_record(claim: Claim, text: str | None) -> dict[str, Any]:
    """A claim as JSON with its figures and its evidence (quoted when the article text is known)."""
    figures = [figure_fields(f) for f in claim.figures]
    return claim_fields(claim) | {"figures": figures, "evidence": evidence_fields(claim.evidence, text)}


def figure_range(figure: Figure) -> dict[str, Any]:
    """{min, max} with the extras the format allows."""
    out: dict[str, Any] = {"min": figure.min, "max": figure.max}
    if figure.approximate:
        out["approximate"] = True
    if figure.vague:
        out["vague"] = figure.vague
    if figure.women is not None:
        out["women"] = figure.women
    if figure.children is not None:
        out["children"] = figure.children
    return out


def claim_records(claim: Claim) -> list[dict[str, Any]]:
    """One claim as format records; a second figure of the same outcome and category becomes its
    own record so no figure is lost."""
    records: list[dict[str, Any]] = []
    for figure in claim.figures:
        if figure.part_of_total:
            continue
        slot = next(
            (r for r in records if figure.category.value not in r[figure.outcome.value]),
            None,
        )
        if slot is None:
            slot = _claim_shell(claim)
            records.append(slot)
        slot[figure.outcome.value][figure.category.value] = figure_range(figure)
        if figure.vague and "vague" not in slot:
            slot["vague"] = figure.words or figure.vague
    if not records:
        records.append(_claim_shell(claim))
    return records


def _claim_shell(claim: Claim) -> dict[str, Any]:
    out: dict[str, Any] = {
        "speaker": claim.speaker,
        "speaker_role": claim.speaker_role,
        "killed": {},
        "injured": {},
        "evidence": {"start": claim.evidence.start, "end": claim.evidence.end},
    }
    if claim.relay:
        out["relay"] = claim.relay
    if claim.stance is not Stance.ASSERTED:
        out["stance"] = claim.stance.value + (f": {claim.stance_words}" if claim.stance_words else "")
    if claim.partisan:
        out["partisan"] = True
    return out


def day_or_none(mention: Mention) -> str | None:
    """The incident date when known to the day; a week or month is told by date_precision and
    date_text, not passed off as a day."""
    value = mention.date.value
    return value.isoformat() if value and mention.date.precision is DatePrecision.DAY else None


def actor_record(actors: HasActors, country: str | None, tables: ExportTables) -> dict[str, Any]:
    """ACLED's actor columns with inter codes and interaction (actor_codes), in the country of this ISO
    alpha-2 code."""
    acled = tables.acled.country(country)
    return coded_actors(actors, acled.name if acled else None, tables)


def mention_record(mention: Mention, *, rules: ReconcileRules, tables: ExportTables) -> dict[str, Any]:
    """One mention in the extract format (fatalities by `rules`, inter codes from `tables`)."""
    place = mention.place
    record = {
        "incident_id": mention.incident_id,
        "event_type": mention.event_type,
        "sub_event_type": mention.sub_event_type,
        "date": day_or_none(mention),
        "date_precision": mention.date.precision.value if mention.date.precision else None,
        "date_text": mention.date.text,
        **place_columns(place, "place"),
        "where_prec": ucdp_where_prec(place, tables) if place else None,
        "perpetrator": mention.perpetrator,
        "target": mention.target,
        **actor_record(mention, place.country if place else None, tables),
        "fatalities": fatalities(mention.claims, rules=rules),
        "claims": [r for claim in mention.claims for r in claim_records(claim)],
    }
    if mention.background:
        record["background"] = True
    return record


def extract_record(
    article: Article,
    mentions: list[Mention],
    *,
    rules: ReconcileRules,
    tables: ExportTables,
    include_background: bool = False,
) -> dict[str, Any]:
    """One article's line of `conflictdb extract --format jsonl`; background mentions left out
    unless asked for (they are older events told as context, not news). `rules` and `tables`: the
    resources' `reconcile` and `exports`."""
    return {
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "source_group": article.source_group,  # copies of one wire story share it: one source
        "mentions": [
            mention_record(m, rules=rules, tables=tables)
            for m in mentions
            if include_background or not m.background
        ],
    }


def claim_ref_record(ref: ClaimRef) -> dict[str, Any]:
    """Where a claim is: article id, mention index, claim index and evidence span."""
    return {
        "article_id": ref.article_id,
        "mention": ref.mention,
        "claim": ref.claim,
        "evidence": {"start": ref.evidence.start, "end": ref.evidence.end},
    }


def figure_entry_record(entry: FigureEntry) -> dict[str, Any]:
    """A reported figure as reconciliation used it: the claim, its source, value and role."""
    return claim_ref_record(entry.ref) | {
        "source": entry.source,
        "min": entry.min,
        "max": entry.max,
        "vague": entry.vague,
        "role": entry.role.value,
        "published": entry.published.isoformat() if entry.published else None,
    }


def range_record(figure_range: FigureRange) -> dict[str, Any]:
    """low/best/high, with the claims behind them when the range has any."""
    out: dict[str, Any] = {"low": figure_range.low, "best": figure_range.best, "high": figure_range.high}
    if figure_range.entries:
        out["claims"] = [figure_entry_record(e) for e in figure_range.entries]
    return out


def figures_record(figures: IncidentFigures) -> dict[str, Any]:
    """An incident's reconciled figures: {killed|injured: {total|category: range}}, fatalities, contesting."""
    out: dict[str, Any] = {}
    for total in figures.totals:
        out.setdefault(total.outcome.value, {})["total"] = range_record(total)
    for figure_range in figures.ranges:
        category = figure_range.category.value if figure_range.category else "total"
        out.setdefault(figure_range.outcome.value, {})[category] = range_record(figure_range)
    out["fatalities"] = figures.fatalities
    out["contesting"] = [claim_ref_record(ref) for ref in figures.contesting]
    return out


def grade_record(grade: Grade) -> dict[str, Any]:
    """A grade and its reasons."""
    return {"grade": grade.grade.value, "reasons": list(grade.reasons)}

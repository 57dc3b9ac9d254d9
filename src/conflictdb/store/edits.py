"""Analysts' corrections: an incident's event type, place and date, its discount (kept, counted in
nothing), a claim's figures, speaker and stance.

The extracted rows stay as they were read; each correction is a row of `edits` (every field's value
before and after, who, when) and `Corrections` lays the latest value of each corrected field over the
automatic results wherever they are computed: over a claim when an incident's mentions are read (so the
reconciled low/best/high, fatalities and grade count the corrected claim) and over the incident's columns
when it is refreshed. Re-ingest, new articles joining the incident, merges and splits all go through that
refresh, so corrections hold. A claim is known by its place (article, mention and claim position, evidence
span), which extracting the same text again gives again; an incident by its id (a merge keeps the kept
incident's corrections).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from sqlalchemy import Connection, select

from conflictdb.errors import EditError
from conflictdb.formats import figure_fields
from conflictdb.records import (
    Claim,
    ClaimRef,
    DatePrecision,
    Figure,
    Mention,
    Place,
    Span,
    Stance,
)
from conflictdb.store import decisions, schema
from conflictdb.store.checks import ACTOR_FIELDS, checked_actors, checked_figure, located_place
from conflictdb.store.decisions import Decision
from conflictdb.store.names import AcledNames
from conflictdb.store.query import chunks
from conflictdb.store.rows import as_utc, figure_from_fields

if TYPE_CHECKING:
    from conflictdb.geo.gazetteer import Gazetteer

EVENT_FIELDS = ("event_type", "sub_event_type")
PLACE_FIELDS = ("location", "country", "admin1", "admin2", "lat", "lon", "geo_precision")
DATE_FIELDS = ("date", "date_precision")
DISCOUNT_FIELDS = ("discounted",)  # kept and recorded, counted in no list, export or total
CLAIM_FIELDS = ("figures", "speaker", "stance")
INCIDENT_GROUPS = {  # what a reset puts back, by name
    "event": EVENT_FIELDS,
    "place": PLACE_FIELDS,
    "date": DATE_FIELDS,
    "discount": DISCOUNT_FIELDS,
    "actors": ACTOR_FIELDS,
}


class Keep(Enum):
    """A value left as it is, where None means something (a speaker of None is the outlet's own voice)."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True, slots=True)
class Edit:
    """One recorded correction: each field's value before and after (JSON values), who, when and why."""

    id: int
    target: str  # "incident" or "claim"
    incident_id: str  # the incident corrected, or the one the claim was in
    changes: dict[str, tuple[Any, Any]]  # field: (before, after)
    edited_by: str
    edited_at: dt.datetime
    claim: ClaimRef | None = None
    note: str | None = None
    reset: bool = False  # the fields go back to what extraction gives ("after" is then None)


# --- corrections in effect -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Corrections:
    """The corrections in effect: per incident its corrected columns, per claim its corrected fields."""

    incidents: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    claims: Mapping[ClaimRef, Mapping[str, Any]] = field(default_factory=dict)

    def incident(self, incident_id: str) -> dict[str, Any]:
        """The incident's corrected columns, to lay over the ones computed from its mentions."""
        corrected = dict(self.incidents.get(incident_id, {}))
        if isinstance(corrected.get("date"), str):  # kept as JSON text, stored as a date
            corrected["date"] = dt.date.fromisoformat(corrected["date"])
        return corrected

    def mention(self, mention: Mention) -> Mention:
        """The mention with its claims corrected."""
        if not self.claims:
            return mention
        claims = tuple(
            self.claim(ClaimRef(mention.article_id, mention.index, n, c.evidence), c)
            for n, c in enumerate(mention.claims)
        )
        changed = any(new is not old for new, old in zip(claims, mention.claims, strict=True))
        return replace(mention, claims=claims) if changed else mention

    def claim(self, ref: ClaimRef, claim: Claim) -> Claim:
        """One claim corrected; a rejected claim keeps its figures but counts for nothing (its stance)."""
        fields = self.claims.get(ref)
        if not fields:
            return claim
        values: dict[str, Any] = {}
        if "figures" in fields:
            values["figures"] = tuple(figure_from_fields(f) for f in fields["figures"])
        if "speaker" in fields:
            values["speaker"] = fields["speaker"]
        if "stance" in fields:
            values["stance"] = Stance(fields["stance"])
        return replace(claim, **values)


def _claim_ref(row: Mapping[str, Any]) -> ClaimRef:
    span = Span(row["evidence_start"], row["evidence_end"])
    return ClaimRef(row["article_id"], row["mention_index"], row["claim_index"], span)


def load_corrections(
    conn: Connection, incident_ids: Sequence[str], article_ids: Sequence[str]
) -> Corrections:
    """The corrections in effect for some incidents and for the claims of some articles."""
    e = schema.edits
    rows: list[Any] = []
    for chunk in chunks(list(incident_ids)):
        query = select(e).where(e.c.target == "incident", e.c.incident_id.in_(chunk))
        rows += conn.execute(query).mappings().all()
    for chunk in chunks(list(article_ids)):
        query = select(e).where(e.c.target == "claim", e.c.article_id.in_(chunk))
        rows += conn.execute(query).mappings().all()
    incidents: dict[str, dict[str, Any]] = {}
    claims: dict[ClaimRef, dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: r["id"]):  # later edits win; a reset removes the correction
        if row["target"] == "incident":
            corrected = incidents.setdefault(row["incident_id"], {})
        else:
            corrected = claims.setdefault(_claim_ref(row), {})
        for name, change in json.loads(row["changes"]).items():
            if change.get("reset"):
                corrected.pop(name, None)
            else:
                corrected[name] = change["after"]
    return Corrections(incidents, claims)


# --- making corrections ---------------------------------------------------------------------------------


def _record(
    conn: Connection,
    target: str,
    incident_id: str,
    changes: dict[str, tuple[Any, Any]],
    *,
    by: str,
    note: str | None,
    claim: ClaimRef | None = None,
    reset: bool = False,
) -> Edit:
    who = by.strip()
    if not who:
        raise EditError("an edit needs the name of who makes it")
    at = dt.datetime.now(dt.UTC)
    where: dict[str, Any] = {}
    if claim is not None:
        where = {"article_id": claim.article_id, "mention_index": claim.mention, "claim_index": claim.claim}
        where |= {"evidence_start": claim.evidence.start, "evidence_end": claim.evidence.end}
    stored = {name: {"before": before, "after": after} for name, (before, after) in changes.items()}
    if reset:
        stored = {name: change | {"reset": True} for name, change in stored.items()}
    note = (note or "").strip() or None
    statement = schema.edits.insert().values(
        target=target,
        incident_id=incident_id,
        changes=json.dumps(stored, ensure_ascii=False),
        note=note,
        edited_by=who,
        edited_at=at,
        **where,
    )
    new_id = conn.execute(statement).inserted_primary_key[0]
    return Edit(new_id, target, incident_id, changes, who, at, claim, note, reset)


def _json_value(value: Any) -> Any:
    """A column's value as the edit keeps it in JSON (a date as YYYY-MM-DD)."""
    return value.isoformat() if isinstance(value, dt.date) else value


class IncidentChanges(TypedDict, total=False):
    """What an analyst may correct of an incident; a field left out stays as it is."""

    sub_event_type: str | None  # names the event type too (ACLED's names, older ones read as current)
    event_type: str | None
    place: Place | None  # every place column at once
    date: tuple[dt.date, DatePrecision] | None
    discounted: bool | None  # kept, counted in nothing
    actors: Mapping[str, str | None] | None  # the columns given, e.g. {"actor1": ...}; None clears one


class ClaimChanges(TypedDict, total=False):
    """What an analyst may correct of a claim; a field left out stays as it is."""

    figures: Sequence[Figure] | None  # all of them, replaced
    speaker: str | None | Keep  # None: the outlet's own voice
    stance: Stance | str | None  # REJECTED: wrong or not about this incident, so it counts for nothing


def correct_incident(
    conn: Connection,
    incident_id: str,
    *,
    by: str,
    names: AcledNames,
    gazetteer: Gazetteer | None = None,
    note: str | None = None,
    **changes: Unpack[IncidentChanges],
) -> tuple[Edit, set[str]]:
    """Correct an incident's event type (checked against ACLED's `names`), its place (completed from the
    `gazetteer`: `located_place`), its date with its precision (`parse_date`), its actors, whether it is
    discounted, or several at once; return the edit and the incident to refresh."""
    sub_event_type, event_type = changes.get("sub_event_type"), changes.get("event_type")
    place, date, discounted = changes.get("place"), changes.get("date"), changes.get("discounted")
    actors = changes.get("actors")
    t = schema.incidents
    row = conn.execute(select(t).where(t.c.id == incident_id)).mappings().first()
    if row is None:
        raise EditError(f"no incident {incident_id!r}")
    after: dict[str, Any] = {}
    if sub_event_type is not None or event_type is not None:
        if sub_event_type is None:
            raise EditError("give the sub-event type (the event type follows from it)")
        after["event_type"], after["sub_event_type"] = names.checked_event_type(sub_event_type, event_type)
    if place is not None:
        p = located_place(place, gazetteer, names, country_before=row["country"])
        values = (p.name, p.country, p.admin1, p.admin2, p.lat, p.lon, p.precision)
        after |= dict(zip(PLACE_FIELDS, values, strict=True))
    if date is not None:
        after |= {"date": date[0].isoformat(), "date_precision": str(DatePrecision(date[1]))}
    if discounted is not None:
        after["discounted"] = bool(discounted)
    if actors:
        after |= checked_actors(actors)
    if not after:
        raise EditError("nothing to correct: give a sub-event type, a place, a date, actors or a discount")
    changes = {name: (_json_value(row[name]), value) for name, value in after.items()}
    if "discounted" in changes:  # NULL until first discounted
        changes["discounted"] = (bool(row["discounted"]), after["discounted"])
    return _record(conn, "incident", incident_id, changes, by=by, note=note), {incident_id}


def reset_incident(
    conn: Connection,
    incident_id: str,
    *,
    by: str,
    fields: Sequence[str] = tuple(INCIDENT_GROUPS),
    note: str | None = None,
) -> tuple[Edit, set[str]]:
    """Put an incident's corrected event type, place or date, or its discount (`fields`: "event", "place",
    "date", "discount") back to what its mentions give, recorded like a correction; return the edit and
    the incident to refresh."""
    unknown = sorted(set(fields) - INCIDENT_GROUPS.keys())
    if unknown or not fields:
        raise EditError(f"reset which fields? {', '.join(INCIDENT_GROUPS)}; not {', '.join(unknown)}")
    t = schema.incidents
    row = conn.execute(select(t).where(t.c.id == incident_id)).mappings().first()
    if row is None:
        raise EditError(f"no incident {incident_id!r}")
    corrected = load_corrections(conn, [incident_id], ()).incident(incident_id)
    names = [name for group in fields for name in INCIDENT_GROUPS[group] if name in corrected]
    if not names:
        raise EditError(f"nothing to reset: the incident's {' and '.join(fields)} are not corrected")
    changes = {name: (_json_value(row[name]), None) for name in names}
    return _record(conn, "incident", incident_id, changes, by=by, note=note, reset=True), {incident_id}


def reset_claim(
    conn: Connection,
    claim_id: int | str,
    *,
    by: str,
    fields: Sequence[str] = CLAIM_FIELDS,
    note: str | None = None,
) -> tuple[Edit, set[str]]:
    """Put a claim's corrected `fields` (figures, speaker, stance) back to what extraction read, recorded
    like a correction; return the edit and the incident to refresh."""
    unknown = sorted(set(fields) - set(CLAIM_FIELDS))
    if unknown or not fields:
        raise EditError(f"reset which fields? {', '.join(CLAIM_FIELDS)}; not {', '.join(unknown)}")
    row, ref, extracted = _claim_as_read(conn, claim_id)
    corrected = load_corrections(conn, (), [ref.article_id]).claims.get(ref, {})
    names = [name for name in fields if name in corrected]
    if not names:
        raise EditError(f"nothing to reset: the claim's {' and '.join(fields)} are not corrected")
    changes = {name: (corrected[name], extracted[name]) for name in names}
    edit = _record(conn, "claim", row["incident_id"], changes, by=by, note=note, claim=ref, reset=True)
    return edit, {row["incident_id"]}


def claim_row_id(conn: Connection, key: str) -> int:
    """The row id of a claim from its key `article_id#mention#claim` (positions from 0)."""
    article_id, _, rest = key.rpartition("#")
    article_id, _, mention = article_id.rpartition("#")
    if not (article_id and mention.isdigit() and rest.isdigit()):
        raise EditError(f"a claim key is article_id#mention#claim, not {key!r}")
    c, m = schema.claims, schema.mentions
    query = (
        select(c.c.id)
        .join(m, c.c.mention_id == m.c.id)
        .where(m.c.article_id == article_id, m.c.idx == int(mention), c.c.idx == int(rest))
    )
    found = conn.execute(query).scalar()
    if found is None:
        raise EditError(f"no claim {key!r}")
    return found


def claim_ids(conn: Connection, incident_id: str) -> dict[tuple[str, int, int], int]:
    """The row ids of an incident's claims by (article id, mention index, claim index)."""
    c, m = schema.claims, schema.mentions
    query = (
        select(m.c.article_id, m.c.idx, c.c.idx, c.c.id)
        .join(m, c.c.mention_id == m.c.id)
        .where(m.c.incident_id == incident_id)
    )
    return {
        (article_id, mention, claim): row_id for article_id, mention, claim, row_id in conn.execute(query)
    }


def _claim_as_read(
    conn: Connection, claim_id: int | str
) -> tuple[Mapping[str, Any], ClaimRef, dict[str, Any]]:
    """A claim's row (with its mention's article, index and incident), its place, and its fields as
    extraction read them (JSON values)."""
    row_id = claim_row_id(conn, claim_id) if isinstance(claim_id, str) else claim_id
    c, m, f = schema.claims, schema.mentions, schema.figures
    columns = (c.c.idx, c.c.speaker, c.c.stance, c.c.evidence_start, c.c.evidence_end)
    columns += (m.c.article_id, m.c.idx.label("mention_index"), m.c.incident_id)
    row = (
        conn.execute(select(*columns).join(m, c.c.mention_id == m.c.id).where(c.c.id == row_id))
        .mappings()
        .first()
    )
    if row is None:
        raise EditError(f"no claim {claim_id!r}")
    ref = _claim_ref(dict(row) | {"claim_index": row["idx"]})
    stored = conn.execute(select(f).where(f.c.claim_id == row_id).order_by(f.c.idx)).mappings().all()
    extracted = {
        "figures": [figure_fields(figure_from_fields(r)) for r in stored],
        "speaker": row["speaker"],
        "stance": row["stance"],
    }
    return row, ref, extracted


def correct_claim(
    conn: Connection,
    claim_id: int | str,
    *,
    by: str,
    note: str | None = None,
    **changes: Unpack[ClaimChanges],
) -> tuple[Edit, set[str]]:
    """Correct a claim (by row id or key `article_id#mention#claim`): its figures, speaker or stance
    (`ClaimChanges`); return the edit and the incident to refresh."""
    figures, stance = changes.get("figures"), changes.get("stance")
    speaker = changes.get("speaker", KEEP)
    row, ref, extracted = _claim_as_read(conn, claim_id)
    current = extracted | load_corrections(conn, (), [ref.article_id]).claims.get(ref, {})
    after: dict[str, Any] = {}
    if figures is not None:
        after["figures"] = [figure_fields(checked_figure(x)) for x in figures]
    if speaker is not KEEP:
        after["speaker"] = (speaker or "").strip() or None
    if stance is not None:
        try:
            after["stance"] = str(Stance(stance))
        except ValueError:
            raise EditError(f"unknown stance {stance!r}; one of {', '.join(Stance)}") from None
    if not after:
        raise EditError("nothing to correct: give figures, a speaker or a stance")
    changes = {name: (current[name], value) for name, value in after.items()}
    edit = _record(conn, "claim", row["incident_id"], changes, by=by, note=note, claim=ref)
    return edit, {row["incident_id"]}


# --- history ----------------------------------------------------------------------------------------------


def _edit(row: Mapping[str, Any]) -> Edit:
    stored = json.loads(row["changes"])
    changes = {name: (c["before"], c["after"]) for name, c in stored.items()}
    claim = _claim_ref(row) if row["target"] == "claim" else None
    return Edit(
        row["id"],
        row["target"],
        row["incident_id"],
        changes,
        row["edited_by"],
        as_utc(row["edited_at"]),
        claim,
        row["note"],
        any(c.get("reset") for c in stored.values()),
    )


def _involves(decision: Decision, incident_id: str) -> bool:
    detail = decision.detail
    return (
        decision.incident_id == incident_id
        or incident_id in detail.get("merged", ())
        or detail.get("new_incident") == incident_id
    )


def history(conn: Connection, incident_id: str) -> list[Edit | Decision]:
    """Everything analysts did to an incident, oldest first: its corrections, those of the claims it holds
    now, and the merges and splits it took part in."""
    e, m = schema.edits, schema.mentions
    held = set(conn.execute(select(m.c.article_id, m.c.idx).where(m.c.incident_id == incident_id)).all())
    rows = {r["id"]: r for r in conn.execute(select(e).where(e.c.incident_id == incident_id)).mappings()}
    for chunk in chunks(sorted({article_id for article_id, _ in held})):
        query = select(e).where(e.c.target == "claim", e.c.article_id.in_(chunk))
        for r in conn.execute(query).mappings():
            if (r["article_id"], r["mention_index"]) in held:
                rows[r["id"]] = r
    found: list[Edit | Decision] = [_edit(r) for _, r in sorted(rows.items())]
    found += [d for d in decisions.load(conn) if _involves(d, incident_id)]
    return sorted(found, key=lambda x: as_utc(x.edited_at if isinstance(x, Edit) else x.decided_at))

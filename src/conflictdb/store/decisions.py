"""Analysts' merge and split decisions: applied to the mentions, recorded (who, when, what), and kept.

A decision pins the mentions it placed (`manual_assignments`), and a split forbids every pair across
its two sides (`cannot_link`); automatic resolution reads both and never undoes them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update

from conflictdb.errors import EditError
from conflictdb.store import schema
from conflictdb.store.identity import new_incident_id


@dataclass(frozen=True, slots=True)
class Decision:
    """One recorded decision."""

    id: int
    action: str  # "merge" or "split"
    incident_id: str  # the incident kept (merge) or split (split)
    detail: dict[str, Any]  # merge: {"merged": [ids]}; split: {"new_incident": id, "mentions": [keys]}
    decided_by: str
    decided_at: dt.datetime


def _members(conn: Connection, incident_id: str) -> list[tuple[int, str]]:
    """(row id, key) of every mention of an incident; EditError if the incident does not exist."""
    i, m = schema.incidents, schema.mentions
    if conn.execute(select(i.c.id).where(i.c.id == incident_id)).first() is None:
        raise EditError(f"no incident {incident_id!r}")
    rows = conn.execute(select(m.c.id, m.c.article_id, m.c.idx).where(m.c.incident_id == incident_id)).all()
    return [(row_id, f"{article_id}#{idx}") for row_id, article_id, idx in rows]


def _record(conn: Connection, action: str, incident_id: str, detail: dict[str, Any], by: str) -> Decision:
    at = dt.datetime.now(dt.UTC)
    values = {"action": action, "incident_id": incident_id, "decided_by": by, "decided_at": at}
    new_id = conn.execute(
        schema.decisions.insert().values(detail=json.dumps(detail), **values)
    ).inserted_primary_key[0]
    return Decision(new_id, action, incident_id, detail, by, at)


def _pin(conn: Connection, keys: Sequence[str], incident_id: str, decision_id: int) -> None:
    t = schema.manual_assignments
    if keys:
        conn.execute(delete(t).where(t.c.mention_key.in_(list(keys))))
        conn.execute(
            t.insert(),
            [{"mention_key": k, "incident_id": incident_id, "decision_id": decision_id} for k in keys],
        )


def _far_apart(conn: Connection, ids: Sequence[str]) -> str | None:
    """What sets incidents apart so that merging them is likely a mistake: several countries or years
    (of those known); None when they share both."""
    i = schema.incidents
    rows = conn.execute(select(i.c.id, i.c.country, i.c.date).where(i.c.id.in_(list(ids)))).all()
    countries = sorted({country for _, country, _ in rows if country})
    years = sorted({str(day.year) for _, _, day in rows if day})
    apart = [f"countries {', '.join(countries)}"] if len(countries) > 1 else []
    apart += [f"years {', '.join(years)}"] if len(years) > 1 else []
    return " and ".join(apart) or None


def merge(
    conn: Connection, keep: str, others: Sequence[str], *, by: str, force: bool = False
) -> tuple[Decision, set[str]]:
    """Move every mention of `others` into `keep`; earlier splits between them are lifted. Incidents in
    different countries or years are merged only with `force`."""
    others = [o for o in dict.fromkeys(others) if o != keep]
    if not others:
        raise EditError("merge needs at least two different incidents")
    kept = _members(conn, keep)
    moved = [member for other in others for member in _members(conn, other)]
    apart = _far_apart(conn, [keep, *others])
    if apart is not None and not force:
        raise EditError(
            f"the incidents are in different {apart}: if they are one event, force the merge "
            '(--force; "force": true in the API)'
        )
    m = schema.mentions
    conn.execute(update(m).where(m.c.incident_id.in_(others)).values(incident_id=keep))
    decision = _record(conn, "merge", keep, {"merged": others}, by)
    keys = [k for _, k in kept + moved]
    c = schema.cannot_link
    conn.execute(delete(c).where(c.c.mention_a.in_(keys), c.c.mention_b.in_(keys)))
    _pin(conn, keys, keep, decision.id)
    return decision, {keep, *others}


def split(
    conn: Connection, incident_id: str, mention_keys: Sequence[str], *, by: str
) -> tuple[Decision, set[str]]:
    """Move the given mentions of an incident into a new incident."""
    members = _members(conn, incident_id)
    wanted = list(dict.fromkeys(mention_keys))
    known = {k for _, k in members}
    unknown = [k for k in wanted if k not in known]
    if unknown:
        raise EditError(
            f"incident {incident_id!r} has no mention {', '.join(unknown)} (see `conflictdb show`)"
        )
    if len(wanted) >= len(members):
        raise EditError("a split must leave at least one mention in the incident")
    new_id = new_incident_id()
    conn.execute(schema.incidents.insert().values(id=new_id))
    m = schema.mentions
    moved_ids = [row_id for row_id, k in members if k in wanted]
    conn.execute(update(m).where(m.c.id.in_(moved_ids)).values(incident_id=new_id))
    decision = _record(conn, "split", incident_id, {"new_incident": new_id, "mentions": wanted}, by)
    staying = [k for _, k in members if k not in wanted]
    pairs = {tuple(sorted((a, b))) for a in wanted for b in staying}
    c = schema.cannot_link
    existing = conn.execute(
        select(c.c.mention_a, c.c.mention_b).where(
            c.c.mention_a.in_([a for a, _ in pairs]), c.c.mention_b.in_([b for _, b in pairs])
        )
    )
    new_pairs = sorted(pairs - {tuple(row) for row in existing})
    if new_pairs:
        conn.execute(
            c.insert(), [{"mention_a": a, "mention_b": b, "decision_id": decision.id} for a, b in new_pairs]
        )
    _pin(conn, wanted, new_id, decision.id)
    _pin(conn, staying, incident_id, decision.id)
    return decision, {incident_id, new_id}


def load(conn: Connection) -> list[Decision]:
    """Every decision, oldest first."""
    d = schema.decisions
    rows = conn.execute(select(d).order_by(d.c.id)).mappings().all()
    return [
        Decision(
            r["id"], r["action"], r["incident_id"], json.loads(r["detail"]), r["decided_by"], r["decided_at"]
        )
        for r in rows
    ]

"""The API's write side: analysts correct an incident's event type or place and a claim, merge and split
incidents; each edit recorded with who (`by`) and the server's time (store.edits, store.decisions).

Writes need the server started with a token (`conflictdb serve --write`) and the header
`Authorization: Bearer TOKEN`; a read-only server answers 403, a missing or wrong token 401.
"""

import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import AfterValidator, BaseModel, Field
from sqlalchemy import select

from conflictdb.api import queries
from conflictdb.api.errors import WRITE_RESPONSES, Forbidden, NotFound, Unauthorized
from conflictdb.api.limits import INT64_MAX, NO_NUL, ApiLimits, refuse_nul
from conflictdb.errors import EditError
from conflictdb.formats import claim_ref_record
from conflictdb.records import Category, Figure, Outcome, Place, Stance
from conflictdb.store import KEEP, Decision, Edit, Store, schema
from conflictdb.store.checks import parse_date
from conflictdb.store.rows import as_utc

if TYPE_CHECKING:
    from conflictdb.geo.gazetteer import Gazetteer

_bearer = HTTPBearer(auto_error=False, description="The token `conflictdb serve --write` was given.")


def require_writer(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> None:
    """Let a write through only on a server with a token, and only with that token."""
    token: str | None = request.app.state.write_token
    if token is None:
        raise Forbidden("this server is read-only: start it with `conflictdb serve --write --token TOKEN`")
    given = credentials.credentials if credentials is not None else ""
    if not secrets.compare_digest(given.encode(), token.encode()):
        raise Unauthorized("a write needs the server's token: Authorization: Bearer TOKEN")


Writer = [Depends(require_writer)]


def _text(length: int, *, min_length: int = 0, description: str | None = None) -> Any:
    """A text field of at most `length` characters, never with a NUL."""
    field = Field(
        min_length=min_length,
        max_length=length,
        description=description,
        json_schema_extra={"pattern": NO_NUL},
    )
    return Annotated[str, field, AfterValidator(refuse_nul)]


@dataclass(frozen=True, slots=True)
class EditModels:
    """The request bodies of the write endpoints, bounded by the API's limits."""

    incident_edit: type[BaseModel]
    claim_edit: type[BaseModel]
    incident_reset: type[BaseModel]
    claim_reset: type[BaseModel]
    merge: type[BaseModel]
    split: type[BaseModel]


def edit_models(limits: ApiLimits) -> EditModels:
    """The bodies of the write endpoints with every text, number and list bounded by `limits`."""
    By = _text(limits.text_length, min_length=1, description="Who makes the edit (recorded).")
    Note = Annotated[
        _text(limits.note_length) | None, Field(default=None, description="Why, in a few words.")
    ]
    Name = _text(limits.text_length)
    Id = _text(limits.id_length, min_length=1)
    Count = Annotated[int, Field(ge=0, le=limits.deaths)]

    class PlaceIn(BaseModel):
        """A place as ACLED codes it; every place column is set at once, from the gazetteer (admin1, admin2,
        point, precision) where the analyst leaves them out."""

        location: _text(limits.text_length, min_length=1)
        country: Annotated[
            _text(2, min_length=2) | None,
            Field(default=None, description="ISO 3166-1 alpha-2 code; from the gazetteer when left out."),
        ] = None
        admin1: Name | None = None
        admin2: Name | None = None
        lat: float | None = Field(default=None, ge=-90, le=90)
        lon: float | None = Field(default=None, ge=-180, le=180)
        geo_precision: int | None = Field(
            default=None, ge=1, le=3, description="1 town, 2 near it, 3 region."
        )

    class ActorsIn(BaseModel):
        """Actors as ACLED names them; only the fields given change (null or "" clears all but actor1)."""

        actor1: Name | None = None
        assoc_actor_1: Name | None = None
        actor2: Name | None = None
        assoc_actor_2: Name | None = None

    class IncidentEdit(BaseModel):
        """A correction of an incident: its ACLED sub-event type (the event type follows), its place, its
        actors, or several."""

        by: By
        note: Note = None
        sub_event_type: Name | None = Field(
            default=None, description="An ACLED sub-event type (GET /api/taxonomy)."
        )
        event_type: Name | None = Field(
            default=None, description="Optional: checked against the sub-event type."
        )
        place: PlaceIn | None = None
        date: _text(10, min_length=4) | None = Field(
            default=None, description="YYYY-MM-DD, YYYY-MM (a month) or YYYY (a year)."
        )
        date_precision: Literal["day", "week", "month", "year"] | None = Field(
            default=None, description="Of the date given [default: its form's]."
        )
        discounted: bool | None = Field(
            default=None, description="true: kept and recorded, counted in no list, export or total."
        )
        actors: ActorsIn | None = None

    class FigureIn(BaseModel):
        """One figure of a claim: "at least 4" is min 4; "up to 9" is max 9; "12" is min and max 12."""

        outcome: Outcome
        category: Category
        min: Count | None = None
        max: Count | None = None
        approximate: bool = False

    class ClaimEdit(BaseModel):
        """A correction of a claim; fields left out stay as they are."""

        by: By
        note: Note = None
        figures: list[FigureIn] | None = Field(
            default=None,
            max_length=limits.ids_per_request,
            description="Every figure of the claim (replaced).",
        )
        speaker: Name | None = Field(default=None, description="Who says it; null: the outlet itself.")
        stance: Stance | None = Field(
            default=None, description='"rejected": wrong, or not about this incident.'
        )

    class IncidentReset(BaseModel):
        """Put an incident's corrected event type or place back to what its mentions give."""

        by: By
        note: Note = None
        fields: list[Literal["event", "place", "date", "discount", "actors"]] = Field(
            default=["event", "place", "date", "actors"], min_length=1, max_length=5
        )

    class ClaimReset(BaseModel):
        """Put a claim's corrected figures, speaker or stance back to what extraction read."""

        by: By
        note: Note = None
        fields: list[Literal["figures", "speaker", "stance"]] = Field(
            default=["figures", "speaker", "stance"], min_length=1, max_length=3
        )

    class MergeIn(BaseModel):
        by: By
        incidents: list[Id] = Field(
            min_length=1, max_length=limits.ids_per_request, description="Incidents merged into this one."
        )
        force: bool = Field(default=False, description="Merge incidents in different countries or years too.")

    class SplitIn(BaseModel):
        by: By
        mentions: list[Id] = Field(
            min_length=1,
            max_length=limits.ids_per_request,
            description="Mention keys (article_id#index) moved out.",
        )

    return EditModels(IncidentEdit, ClaimEdit, IncidentReset, ClaimReset, MergeIn, SplitIn)


def history_json(item: Edit | Decision) -> dict[str, Any]:
    """An edit (kind incident or claim) or a decision (kind merge or split) as JSON."""
    if isinstance(item, Decision):
        return {
            "kind": item.action,
            "id": item.id,
            "incident_id": item.incident_id,
            "by": item.decided_by,
            "at": as_utc(item.decided_at).isoformat(),
            "detail": item.detail,
        }
    claim = claim_ref_record(item.claim) if item.claim is not None else None
    changes = {name: {"before": before, "after": after} for name, (before, after) in item.changes.items()}
    return {
        "kind": item.target,
        "id": item.id,
        "incident_id": item.incident_id,
        "by": item.edited_by,
        "at": as_utc(item.edited_at).isoformat(),
        "note": item.note,
        "reset": item.reset,
        "changes": changes,
        "claim": claim,
    }


def gazetteer(request: Request) -> "Gazetteer":
    """The offline gazetteer place corrections are looked up in, opened at the first one and kept."""
    from conflictdb.geo.gazetteer import Gazetteer  # the geo package loads only for a place correction

    found: Gazetteer | None = getattr(request.app.state, "gazetteer", None)
    if found is None:
        found = request.app.state.gazetteer = Gazetteer.open()
    return found


def _incident(store: Store, incident_id: str) -> dict[str, Any]:
    with store.engine.connect() as conn:
        found = queries.incident_detail(store, conn, incident_id)
    if found is None:
        raise NotFound(f"no incident {incident_id!r}")
    return found


def _known_incident(store: Store, incident_id: str) -> None:
    t = schema.incidents
    with store.engine.connect() as conn:
        if conn.execute(select(t.c.id).where(t.c.id == incident_id)).first() is None:
            raise NotFound(f"no incident {incident_id!r}")


def _known_claim(store: Store, claim_id: int) -> None:
    c = schema.claims
    with store.engine.connect() as conn:
        if conn.execute(select(c.c.id).where(c.c.id == claim_id)).first() is None:
            raise NotFound(f"no claim {claim_id}")


def add_edit_routes(app: FastAPI, limits: ApiLimits) -> None:
    """The write endpoints (403 on a read-only server), the edit history and the ACLED taxonomy."""
    models = edit_models(limits)
    IncidentId = Annotated[
        str,
        Path(max_length=limits.id_length, json_schema_extra={"pattern": NO_NUL}),
        AfterValidator(refuse_nul),
    ]
    ClaimId = Annotated[int, Path(ge=1, le=INT64_MAX, description="A claim's id (in the incident's JSON).")]

    @app.patch("/api/incidents/{incident_id}", tags=["edits"], responses=WRITE_RESPONSES, dependencies=Writer)
    def correct_incident(
        incident_id: IncidentId, edit: models.incident_edit, request: Request
    ) -> dict[str, Any]:
        """Correct an incident's event type, place (looked up in the gazetteer), date or actors, or discount
        it; recorded with `by` and the server's time, kept over re-ingest and new articles. Answers the edit
        and the incident as corrected."""
        store: Store = request.app.state.store
        _known_incident(store, incident_id)
        place = None
        if edit.place is not None:
            p = edit.place
            place = Place(p.location, p.country, p.admin1, p.admin2, p.lat, p.lon, p.geo_precision)
        if edit.date_precision is not None and edit.date is None:
            raise EditError("date_precision goes with a date")
        done = store.correct_incident(
            incident_id,
            by=edit.by,
            sub_event_type=edit.sub_event_type,
            event_type=edit.event_type,
            place=place,
            date=parse_date(edit.date, edit.date_precision) if edit.date is not None else None,
            discounted=edit.discounted,
            gazetteer=gazetteer(request) if place is not None else None,
            actors=edit.actors.model_dump(include=edit.actors.model_fields_set) if edit.actors else None,
            note=edit.note,
        )
        return {"edit": history_json(done), "incident": _incident(store, incident_id)}

    @app.patch("/api/claims/{claim_id}", tags=["edits"], responses=WRITE_RESPONSES, dependencies=Writer)
    def correct_claim(claim_id: ClaimId, edit: models.claim_edit, request: Request) -> dict[str, Any]:
        """Correct a claim (its id is in the incident's JSON): figures, speaker, or stance "rejected"; the
        incident's low/best/high, fatalities and grade are reconciled again. Answers the edit and the
        incident as corrected."""
        store: Store = request.app.state.store
        _known_claim(store, claim_id)
        figures = None
        if edit.figures is not None:
            figures = [
                Figure(f.outcome, f.category, f.min, f.max, approximate=f.approximate) for f in edit.figures
            ]
        done = store.correct_claim(
            claim_id,
            by=edit.by,
            figures=figures,
            speaker=edit.speaker if "speaker" in edit.model_fields_set else KEEP,
            stance=edit.stance,
            note=edit.note,
        )
        return {"edit": history_json(done), "incident": _incident(store, done.incident_id)}

    @app.post(
        "/api/incidents/{incident_id}/reset", tags=["edits"], responses=WRITE_RESPONSES, dependencies=Writer
    )
    def reset_incident(
        incident_id: IncidentId, reset: models.incident_reset, request: Request
    ) -> dict[str, Any]:
        """Put the incident's corrected event type or place back to automatic; recorded like a correction.
        Answers the edit and the incident as it now stands."""
        store: Store = request.app.state.store
        _known_incident(store, incident_id)
        done = store.reset_incident(incident_id, by=reset.by, fields=reset.fields, note=reset.note)
        return {"edit": history_json(done), "incident": _incident(store, incident_id)}

    @app.post("/api/claims/{claim_id}/reset", tags=["edits"], responses=WRITE_RESPONSES, dependencies=Writer)
    def reset_claim(claim_id: ClaimId, reset: models.claim_reset, request: Request) -> dict[str, Any]:
        """Put the claim's corrected figures, speaker or stance back to what extraction read; the incident
        is reconciled again. Answers the edit and the incident."""
        store: Store = request.app.state.store
        _known_claim(store, claim_id)
        done = store.reset_claim(claim_id, by=reset.by, fields=reset.fields, note=reset.note)
        return {"edit": history_json(done), "incident": _incident(store, done.incident_id)}

    @app.post(
        "/api/incidents/{incident_id}/merge", tags=["edits"], responses=WRITE_RESPONSES, dependencies=Writer
    )
    def merge_incidents(incident_id: IncidentId, merge: models.merge, request: Request) -> dict[str, Any]:
        """Merge other incidents into this one; recorded, and later ingests never undo it."""
        store: Store = request.app.state.store
        _known_incident(store, incident_id)
        decision = store.merge_incidents(incident_id, merge.incidents, by=merge.by, force=merge.force)
        return {"decision": history_json(decision), "incident": _incident(store, incident_id)}

    @app.post(
        "/api/incidents/{incident_id}/split", tags=["edits"], responses=WRITE_RESPONSES, dependencies=Writer
    )
    def split_incident(incident_id: IncidentId, split: models.split, request: Request) -> dict[str, Any]:
        """Move mentions of this incident into a new one; they are never linked back automatically."""
        store: Store = request.app.state.store
        _known_incident(store, incident_id)
        decision = store.split_incident(incident_id, split.mentions, by=split.by)
        new_id = decision.detail["new_incident"]
        return {
            "decision": history_json(decision),
            "incident": _incident(store, incident_id),
            "new_incident": new_id,
        }

    @app.get("/api/incidents/{incident_id}/edits", tags=["edits"])
    def incident_history(incident_id: IncidentId, request: Request) -> dict[str, Any]:
        """Every correction, merge and split of an incident, oldest first, with who and when."""
        store: Store = request.app.state.store
        items = store.history(incident_id)
        if not items:
            _known_incident(store, incident_id)
        return {"incident_id": incident_id, "items": [history_json(item) for item in items]}

    @app.get("/api/taxonomy", tags=["edits"])
    def taxonomy(request: Request) -> dict[str, Any]:
        """ACLED's event types and their sub-event types: the values an event type correction takes."""
        store: Store = request.app.state.store
        return {
            "event_types": [
                {"event_type": event, "sub_event_types": list(subs)}
                for event, subs in store.lexicons.names.taxonomy.items()
            ]
        }

"""`conflictdb edit ...`: analysts' corrections of incidents and claims, and their history (store.edits);
`conflictdb merge` and `split`: their decisions on which mentions make an incident (store.decisions).

cli/main.py mounts `edit_app` with `app.add_typer(edit_app, name="edit")`, and `merge_command` and
`split_command` at the top level.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from conflictdb.cli.common import DbOption, errors_reported, open_store, stderr, stdout
from conflictdb.records import Category, Figure, Outcome, Place, Stance

if TYPE_CHECKING:
    from conflictdb.geo.gazetteer import Gazetteer
    from conflictdb.store import Decision, Edit

edit_app = typer.Typer(
    name="edit",
    help="Correct an incident's event type, place, date or actors, discount it, or correct a claim; show "
    "what analysts changed and who.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
ByOption = Annotated[str | None, typer.Option("--by", help="Who corrects [default: $USER].")]
DecidedByOption = Annotated[str | None, typer.Option("--by", help="Who decides [default: $USER].")]
NoteOption = Annotated[str | None, typer.Option("--note", help="Why, in a few words (kept with the edit).")]
_FIGURE = re.compile(r"(?P<outcome>\w+):(?P<category>\w+):(?P<low>\d+)?(?P<range>[-+])?(?P<high>\d+)?")


def analyst(by: str | None) -> str:
    """The analyst recorded with an edit or a decision: --by, else $USER."""
    return by or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


def _print_edit(edit: Edit) -> None:
    """The edit just recorded, in one line on stdout."""
    Console(file=sys.stdout).print(escape(edit_line(edit)), soft_wrap=True, highlight=False)


def parse_figure(text: str) -> Figure:
    """OUTCOME:CATEGORY:N, N-M, N+ (at least N) or -M (up to M): 'killed:civilians:12-15'."""
    found = _FIGURE.fullmatch(text.strip().lower())
    try:
        if found is None or (found["low"] is None and found["high"] is None):
            raise ValueError(text)
        low = int(found["low"]) if found["low"] else None
        high = int(found["high"]) if found["high"] else (low if found["range"] is None else None)
        return Figure(Outcome(found["outcome"]), Category(found["category"]), low, high)
    except ValueError:
        outcomes, categories = "|".join(Outcome), "|".join(Category)
        raise typer.BadParameter(
            f"{text!r}: give {outcomes}:{categories}:N (or N-M, N+ for at least N, -M for up to M)"
        ) from None


@edit_app.command("incident")
def incident_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    sub_event_type: Annotated[
        str | None, typer.Option("--sub-event-type", help="ACLED sub-event type; the event type follows.")
    ] = None,
    location: Annotated[
        str | None, typer.Option("--location", help="Place name: corrects the place.")
    ] = None,
    country: Annotated[str | None, typer.Option("--country", help="ISO 3166-1 alpha-2 code.")] = None,
    admin1: Annotated[str | None, typer.Option("--admin1")] = None,
    admin2: Annotated[str | None, typer.Option("--admin2")] = None,
    lat: Annotated[float | None, typer.Option("--lat")] = None,
    lon: Annotated[float | None, typer.Option("--lon")] = None,
    precision: Annotated[int | None, typer.Option("--precision", help="ACLED geo_precision 1-3.")] = None,
    date: Annotated[
        str | None, typer.Option("--date", help="YYYY-MM-DD, YYYY-MM (a month) or YYYY (a year).")
    ] = None,
    date_precision: Annotated[
        str | None, typer.Option("--date-precision", help="day, week, month or year [default: the form's].")
    ] = None,
    actor1: Annotated[str | None, typer.Option("--actor1", help="Who acted, as ACLED names them.")] = None,
    assoc_actor_1: Annotated[
        str | None, typer.Option("--assoc-actor-1", help="Actors with actor1 ('; ' between; '' clears).")
    ] = None,
    actor2: Annotated[
        str | None, typer.Option("--actor2", help="Whom it hit, as ACLED names them ('' clears).")
    ] = None,
    assoc_actor_2: Annotated[
        str | None, typer.Option("--assoc-actor-2", help="Actors with actor2 ('; ' between; '' clears).")
    ] = None,
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
) -> None:
    """Correct an incident's event type, place, date or actors; kept over re-ingest. A place is looked up in
    the gazetteer (its admin1, admin2 and point), so --location alone will do where the name is known."""
    from conflictdb.store.checks import parse_date

    place_given = any(v is not None for v in (location, country, admin1, admin2, lat, lon, precision))
    place = Place(location or "", country, admin1, admin2, lat, lon, precision) if place_given else None
    if date_precision is not None and date is None:
        raise typer.BadParameter("--date-precision goes with --date")
    given = {
        "actor1": actor1,
        "assoc_actor_1": assoc_actor_1,
        "actor2": actor2,
        "assoc_actor_2": assoc_actor_2,
    }
    actors = {name: value for name, value in given.items() if value is not None}
    with errors_reported(), open_store(db) as store, _gazetteer(place is not None) as gazetteer:
        edit = store.correct_incident(
            incident_id,
            by=analyst(by),
            sub_event_type=sub_event_type,
            place=place,
            date=parse_date(date, date_precision) if date is not None else None,
            actors=actors,
            gazetteer=gazetteer,
            note=note,
        )
    _print_edit(edit)


@contextmanager
def _gazetteer(wanted: bool) -> Iterator[Gazetteer | None]:
    """The offline gazetteer ($CONFLICTDB_GAZETTEER or the default path) while a place is corrected."""
    if not wanted:
        yield None
        return
    from conflictdb.geo.gazetteer import Gazetteer

    gazetteer = Gazetteer.open()
    try:
        yield gazetteer
    finally:
        gazetteer.close()


@edit_app.command("discount")
def discount_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    undo: Annotated[bool, typer.Option("--undo", help="Count it again.")] = False,
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
) -> None:
    """Discount an incident (not an incident, or not one to count): kept and recorded, but counted in no
    list, export or total; `conflictdb incidents --discounted` lists them."""
    with errors_reported(), open_store(db) as store:
        edit = store.correct_incident(incident_id, by=analyst(by), discounted=not undo, note=note)
    _print_edit(edit)


@edit_app.command("claim")
def claim_command(
    claim: Annotated[str, typer.Argument(help="Claim id (as the API gives it) or article_id#mention#claim.")],
    figures: Annotated[
        list[str] | None,
        typer.Option(
            "--figure", help="A figure, repeated for each: killed:civilians:12 (replaces them all)."
        ),
    ] = None,
    no_figures: Annotated[bool, typer.Option("--no-figures", help="The claim gives no figure.")] = False,
    speaker: Annotated[str | None, typer.Option("--speaker", help="Who says it.")] = None,
    outlet_voice: Annotated[
        bool, typer.Option("--outlet-voice", help="No speaker: the outlet says it itself.")
    ] = False,
    stance: Annotated[
        Stance | None, typer.Option("--stance", help="rejected: wrong, or not about this incident.")
    ] = None,
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
) -> None:
    """Correct a claim's figures, speaker or stance; the incident's figures are reconciled again."""
    from conflictdb.store import KEEP

    parsed = [parse_figure(f) for f in figures or []]
    new_speaker: Any = None if outlet_voice else (speaker if speaker is not None else KEEP)
    claim_id: int | str = int(claim) if claim.isdigit() else claim
    with errors_reported(), open_store(db) as store:
        edit = store.correct_claim(
            claim_id,
            by=analyst(by),
            figures=[] if no_figures else (parsed or None),
            speaker=new_speaker,
            stance=stance,
            note=note,
        )
    _print_edit(edit)


@edit_app.command("reset-incident")
def reset_incident_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    event: Annotated[bool, typer.Option("--event", help="Only the event type.")] = False,
    place: Annotated[bool, typer.Option("--place", help="Only the place.")] = False,
    date: Annotated[bool, typer.Option("--date", help="Only the date.")] = False,
    actors: Annotated[bool, typer.Option("--actors", help="Only the actors.")] = False,
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
) -> None:
    """Put an incident's corrected event type, place, date and actors (or only --event, --place, --date,
    --actors) back to automatic (`edit discount --undo` counts a discounted incident again)."""
    chosen = (("event", event), ("place", place), ("date", date), ("actors", actors))
    fields = [name for name, wanted in chosen if wanted] or [name for name, _ in chosen]
    with errors_reported(), open_store(db) as store:
        edit = store.reset_incident(incident_id, by=analyst(by), fields=fields, note=note)
    _print_edit(edit)


@edit_app.command("reset-claim")
def reset_claim_command(
    claim: Annotated[str, typer.Argument(help="Claim id (as the API gives it) or article_id#mention#claim.")],
    figures: Annotated[bool, typer.Option("--figures", help="Only the figures.")] = False,
    speaker: Annotated[bool, typer.Option("--speaker", help="Only the speaker.")] = False,
    stance: Annotated[bool, typer.Option("--stance", help="Only the stance.")] = False,
    db: DbOption = None,
    by: ByOption = None,
    note: NoteOption = None,
) -> None:
    """Put a claim's corrected figures, speaker and stance (or only those named) back to what was read."""
    chosen = (("figures", figures), ("speaker", speaker), ("stance", stance))
    fields = [name for name, wanted in chosen if wanted] or ["figures", "speaker", "stance"]
    claim_id: int | str = int(claim) if claim.isdigit() else claim
    with errors_reported(), open_store(db) as store:
        edit = store.reset_claim(claim_id, by=analyst(by), fields=fields, note=note)
    _print_edit(edit)


@edit_app.command("history")
def history_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")], db: DbOption = None
) -> None:
    """Every correction, merge and split of an incident: when, who, what (before -> after)."""
    with errors_reported(), open_store(db) as store:
        items = store.history(incident_id)
    from conflictdb.store import Edit

    out = Console(file=sys.stdout)
    for item in items:
        line = edit_line(item) if isinstance(item, Edit) else decision_line(item)
        out.print(escape(line), soft_wrap=True, highlight=False)
    if not items:
        Console(file=sys.stderr).print(f"no edits of {escape(incident_id)}")


def _value(value: Any) -> str:
    if isinstance(value, list):  # a claim's figures
        return (
            "; ".join(f"{f['outcome']} {f['category']} {_range(f['min'], f['max'])}" for f in value) or "none"
        )
    return "-" if value is None else str(value)


def _range(low: int | None, high: int | None) -> str:
    if low == high:
        return str(low)
    return f"{'' if low is None else low}-{'' if high is None else high}"


def edit_line(edit: Edit) -> str:
    """One edit in a line: when (UTC), who, what, each changed field before -> after."""
    what = (
        "incident"
        if edit.claim is None
        else f"claim {edit.claim.article_id}#{edit.claim.mention}#{edit.claim.claim}"
    )
    if edit.reset and edit.claim is None:
        changed = [f"{name}: {_value(b)} -> automatic" for name, (b, _) in edit.changes.items()]
    else:
        changed = [f"{name}: {_value(b)} -> {_value(a)}" for name, (b, a) in edit.changes.items() if b != a]
    note = f" ({edit.note})" if edit.note else ""
    return (
        f"{edit.edited_at:%Y-%m-%dT%H:%MZ} {edit.edited_by} {what}: {'; '.join(changed) or 'confirmed'}{note}"
    )


def decision_line(decision: Decision) -> str:
    """One merge or split in a line."""
    detail = decision.detail
    if decision.action == "merge":
        what = f"merged {', '.join(detail['merged'])} into {decision.incident_id}"
    else:
        moved = len(detail["mentions"])
        what = f"split {moved} mentions of {decision.incident_id} into {detail['new_incident']}"
    from conflictdb.store.rows import as_utc

    at = as_utc(decision.decided_at)
    return f"{at:%Y-%m-%dT%H:%MZ} {decision.decided_by} {decision.action}: {what}"


# --- merge and split: top-level commands (cli/main.py mounts them) -----------------------------------


def merge_command(
    incident_ids: Annotated[list[str], typer.Argument(help="Incident ids; the first one is kept.")],
    db: DbOption = None,
    by: DecidedByOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Merge incidents in different countries or years too.")
    ] = False,
) -> None:
    """Merge incidents into the first one; the decision is recorded and later ingests keep it."""
    if len(incident_ids) < 2:
        stderr().print("[bold red]error:[/] merge needs at least two incident ids", soft_wrap=True)
        raise typer.Exit(1)
    with errors_reported(), open_store(db) as store:
        decision = store.merge_incidents(incident_ids[0], incident_ids[1:], by=analyst(by), force=force)
    merged = ", ".join(decision.detail["merged"])
    stdout().print(
        f"merged {escape(merged)} into {escape(decision.incident_id)} "
        f"(decision {decision.id} by {escape(decision.decided_by)})",
        soft_wrap=True,
    )


def split_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    mentions: Annotated[
        list[str], typer.Argument(help="Mention ids to move out, article_id#index as `show` prints them.")
    ],
    db: DbOption = None,
    by: DecidedByOption = None,
) -> None:
    """Move mentions of an incident into a new incident; they are never linked back automatically."""
    with errors_reported(), open_store(db) as store:
        decision = store.split_incident(incident_id, mentions, by=analyst(by))
    moved, new_id = len(decision.detail["mentions"]), decision.detail["new_incident"]
    stdout().print(
        f"moved {moved} mentions of {escape(incident_id)} into new incident {escape(new_id)} "
        f"(decision {decision.id} by {escape(decision.decided_by)})",
        soft_wrap=True,
    )

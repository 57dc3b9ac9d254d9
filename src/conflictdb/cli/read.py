"""`conflictdb incidents`, `show` and `export`: the stored incidents listed, told one by one, exported."""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import json
import sys
from collections.abc import Callable, Mapping
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from conflictdb.cli.common import DbOption, errors_reported, open_store, stderr, stdout
from conflictdb.errors import ConflictdbError
from conflictdb.export_writer import ExportFormat, write_export
from conflictdb.records import Claim, Figure, IncidentFigures, Outcome
from conflictdb.resolve.grade import grade_incident
from conflictdb.resolve.reconcile import reconcile_incident

if TYPE_CHECKING:  # the store (SQLAlchemy) and the exports load when a command needs them: not for `extract`
    from conflictdb.export_tables import ExportTables
    from conflictdb.store import IncidentDetail, IncidentPage, IncidentQuery, IncidentRow, StoreLexicons

INT64_MAX = 2**63 - 1  # the store's integer columns hold no more
FromOption = Annotated[dt.datetime | None, typer.Option("--from", formats=["%Y-%m-%d"], help="First date.")]
ToOption = Annotated[dt.datetime | None, typer.Option("--to", formats=["%Y-%m-%d"], help="Last date.")]
CountryOption = Annotated[
    str | None, typer.Option("--country", help="ISO 3166-1 code or English name: UA, UKR or Ukraine.")
]
EventTypeOption = Annotated[
    str | None, typer.Option("--event-type", help="ACLED event type or sub-event type (older names too).")
]
SubEventTypeOption = Annotated[str | None, typer.Option("--sub-event-type", help="ACLED sub-event type.")]
Admin1Option = Annotated[str | None, typer.Option("--admin1", help="First-level administrative division.")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Words in actor1 or actor2.")]
MinDeathsOption = Annotated[
    int | None, typer.Option("--min-deaths", min=0, max=INT64_MAX, help="At least this many fatalities.")
]
GradeOption = Annotated[
    str | None,
    typer.Option("--grade", help="Evidence grade: confirmed, fair, weak, contested or discounted."),
]
SearchOption = Annotated[
    str | None,
    typer.Option("--search", "-q", help="Words, each found in notes, location, admin names or actors."),
]


class ListFormat(StrEnum):
    """Formats of `conflictdb incidents`."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


def _day(value: dt.datetime | None) -> dt.date | None:
    """The date of a parsed --from/--to option."""
    return value.date() if value else None


FILTER_OPTIONS: dict[str, Any] = {  # the options of `incidents` and `export`, in the order --help lists them
    "date_from": FromOption,
    "date_to": ToOption,
    "country": CountryOption,
    "admin1": Admin1Option,
    "event_type": EventTypeOption,
    "sub_event_type": SubEventTypeOption,
    "actor": ActorOption,
    "min_deaths": MinDeathsOption,
    "grade": GradeOption,
    "search": SearchOption,
}


def incident_query(filters: Mapping[str, Any], **page: Any) -> IncidentQuery:
    """The store's incident query from the filter options (`FILTER_OPTIONS`) and `page`: the order, limit
    and offset, which incidents are set apart."""
    from conflictdb.store import IncidentQuery

    values = dict(filters)
    text = values.pop("search")
    dates = {name: _day(values.pop(name)) for name in ("date_from", "date_to")}
    return IncidentQuery(**values, **dates, text=text, **page)


def with_incident_filters(command: Callable[..., None]) -> Callable[..., None]:
    """A command given every filter option after its --db (one definition for `incidents` and `export`); it
    receives their values as one mapping, `filters`."""
    own = inspect.signature(command, eval_str=True)
    options = [
        inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None, annotation=annotation)
        for name, annotation in FILTER_OPTIONS.items()
    ]
    params: list[inspect.Parameter] = []
    for param in own.parameters.values():
        if param.name != "filters":
            params.append(param)
        if param.name == "db":
            params += options

    @functools.wraps(command)
    def with_filters(**values: Any) -> None:
        filters = {name: values.pop(name) for name in FILTER_OPTIONS}
        command(filters=filters, **values)

    with_filters.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    with_filters.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    return with_filters


def incidents_table(rows: list[IncidentRow]) -> Table:
    """Incident summaries as a table: the id (the key for `show`), date, type, place, deaths, sources."""
    table = Table()
    table.add_column("id", no_wrap=True, min_width=16)  # the key for `show`: never cut
    table.add_column("date", no_wrap=True, min_width=10)
    for name in ("type", "place", "country", "admin1"):
        table.add_column(name)
    table.add_column("deaths", justify="right")
    table.add_column("sources", justify="right")
    table.add_column("grade")
    for row in rows:
        table.add_row(
            row.id,
            row.date.isoformat() if row.date else "",
            row.sub_event_type or row.event_type or "",
            row.location or "",
            row.country or "",
            row.admin1 or "",
            "" if row.fatalities is None else str(row.fatalities),
            str(row.articles_count),
            row.grade or "",
        )
    return table


def showing(page: IncidentPage, offset: int) -> str:
    """How many incidents a page shows of how many match: 'showing 50 of 171 incidents'."""
    shown = len(page.rows)
    start = f", from number {offset + 1}" if offset and shown else ""
    return f"showing {shown} of {page.total} incident{'' if page.total == 1 else 's'}{start}"


@with_incident_filters
def incidents_command(
    filters: Mapping[str, Any],
    db: DbOption = None,
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="date, fatalities, country, admin1, location, sub_event_type or id; "
            "- in front for descending.",
        ),
    ] = "-date",
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many incidents.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, max=INT64_MAX, help="Skip this many first.")] = 0,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table, json or csv (ACLED-style).")] = (
        ListFormat.TABLE
    ),
    discounted: Annotated[
        bool, typer.Option("--discounted", help="The incidents analysts discounted (counted nowhere else).")
    ] = False,
) -> None:
    """List incidents (newest first) matching every filter given, and how many match in all."""
    query = incident_query(filters, order=sort, limit=limit, offset=offset, discounted=discounted)
    with errors_reported(), open_store(db, create=False) as store:
        page = store.incident_page(query)
    if fmt is ListFormat.TABLE:
        out = stdout()
        if page.rows:
            out.print(incidents_table(page.rows))
        out.print(showing(page, offset), highlight=False)
        return
    if fmt is ListFormat.JSON:
        from conflictdb.store.rows import incident_page_record

        record = incident_page_record(page, limit=limit, offset=offset, tables=store.lexicons.exports)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        from conflictdb import export

        export.export_csv(page.rows, sys.stdout, lexicons=store.lexicons)
    stderr().print(showing(page, offset), highlight=False)


def format_figure(figure: Figure) -> str:
    """A figure in words: 'killed civilians: at least 12'."""
    low, high = figure.min, figure.max
    if not figure.has_number:
        amount = figure.vague or "unknown number"
    elif low is not None and high is None:
        amount = f"at least {low}"
    elif low is None:
        amount = f"up to {high}"
    elif low == high:
        amount = f"about {low}" if figure.approximate else str(low)
    else:
        amount = f"{low} to {high}"
    extra = " (part of a total given)" if figure.part_of_total else ""
    return f"{figure.outcome} {figure.category.replace('_', ' ')}: {amount}{extra}"


def _claim_lines(claim: Claim, text: str | None) -> list[str]:
    """Rich markup lines telling one claim: speaker, stance, figures and evidence."""
    speaker = claim.speaker or "the outlet"
    if claim.speaker_role:
        speaker += f" ({claim.speaker_role})"
    if claim.relay:
        speaker += f", via {claim.relay}"
    stance = "" if claim.stance == "asserted" else f" [magenta]{claim.stance}[/]"
    if claim.stance_words:
        stance += f" ({escape(claim.stance_words)})"
    partisan = " [dim]partisan[/]" if claim.partisan else ""
    lines = [f"  [bold]{escape(speaker)}[/]{stance}{partisan}"]
    lines += [f"    - {escape(format_figure(f))}" for f in claim.figures] or ["    - no figures"]
    if text is not None:
        quoted = " ".join(text[claim.evidence.start : claim.evidence.end].split())
        lines.append(f'    [dim]"{escape(quoted)}" [{claim.evidence.start}:{claim.evidence.end}][/]')
    return lines


def _amount(value: int | None) -> str:
    return "-" if value is None else str(value)


def figures_lines(figures: IncidentFigures) -> list[str]:
    """The reconciled figures as a small table: low, best and high per outcome and victim category."""
    if not figures.ranges:
        return ["figures: none reported"]
    lines = [f"  {'':8}{'victims':<16}{'low':>6}{'best':>6}{'high':>6}"]
    for outcome in Outcome:
        rows = [
            r for r in (figures.total(outcome), *figures.ranges) if r is not None and r.outcome is outcome
        ]
        for r in rows:
            victims = "all" if r.category is None else r.category.replace("_", " ")
            lines.append(
                f"  {outcome:<8}{victims:<16}{_amount(r.low):>6}{_amount(r.best):>6}{_amount(r.high):>6}"
            )
    return ["figures (low / best / high):", *lines]


def actor_lines(row: IncidentRow, tables: ExportTables) -> list[str]:
    """The incident's actors as ACLED names them, with associated actors, inter codes and interaction."""
    from conflictdb import export

    coded = export.acled_actors(row, tables.acled.country(row.country), tables)
    lines = []
    for n in ("1", "2"):
        name = coded[f"actor{n}"] or "?"
        inter = f" (inter {coded[f'inter{n}']})" if coded[f"inter{n}"] != "" else ""
        with_ = f"; with {coded[f'assoc_actor_{n}']}" if coded[f"assoc_actor_{n}"] else ""
        lines.append(f"actor{n}: {escape(name)}{inter}{escape(with_)}")
    return [*lines, f"interaction: {coded['interaction'] if coded['interaction'] != '' else '?'}"]


def incident_lines(detail: IncidentDetail, lexicons: StoreLexicons) -> list[str]:
    """Rich markup lines telling one incident: figures, grade and why, and every claim (by the store's
    `lexicons`: its reconcile rules and export tables)."""
    rules = lexicons.reconcile
    figures = reconcile_incident(detail.mentions, detail.articles, rules=rules)
    grade = grade_incident(detail.mentions, detail.articles, figures, rules=rules)
    place = ", ".join(p for p in (detail.location, detail.admin2, detail.admin1, detail.country) if p)
    where = f"{place} ({detail.lat}, {detail.lon})" if detail.lat is not None else place
    kind = f"{detail.event_type or '?'} / {detail.sub_event_type or '?'}"
    lines = [
        f"[bold]{escape(detail.id)}[/]  {escape(kind)}",
        f"date: {detail.date or 'unknown'} ({detail.date_precision or '-'})",
        f"place: {escape(where or 'unknown')}",
        f"fatalities: {'unknown' if detail.fatalities is None else detail.fatalities}",
        *actor_lines(detail, lexicons.exports),
        f"grade: [bold]{grade.grade}[/] ({escape('; '.join(grade.reasons))})",
        *figures_lines(figures),
    ]
    if detail.discounted:
        lines.insert(
            1, "[bold]discounted[/] by an analyst: counted in no list, export or total (edit history)"
        )
    for mention in detail.mentions:
        article = detail.article(mention.article_id)
        published = article.published.isoformat() if article and article.published else None
        named = article.name if article and article.name != article.id else None  # the file it came from
        about = [named, article.outlet, published, article.title or article.source] if article else []
        lines.append("")
        key = f"{mention.article_id}#{mention.index}"  # what `split` takes
        lines.append(f"[cyan]mention {escape(key)}[/]  " + escape(" | ".join(a for a in about if a)))
        for claim in mention.claims:
            lines += _claim_lines(claim, article.text if article else None)
    return lines


def show_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")], db: DbOption = None
) -> None:
    """Show one incident with every claim, its speaker, figures and evidence."""
    with errors_reported(), open_store(db, create=False) as store:
        detail = store.incident(incident_id)
    if detail is None:
        stderr().print(f"[bold red]error:[/] no incident {escape(incident_id)!r}", soft_wrap=True)
        raise typer.Exit(1)
    out = stdout()
    for line in incident_lines(detail, store.lexicons):
        out.print(line, soft_wrap=True, highlight=False)


@with_incident_filters
def export_command(
    filters: Mapping[str, Any],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.CSV,
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
    db: DbOption = None,
) -> None:
    """Export incidents matching every filter given as ACLED's CSV, UCDP GED-shaped CSV, GeoJSON or JSON
    Lines."""
    query = incident_query(filters)
    from conflictdb.store import load_store_lexicons
    from conflictdb.store.query import incident_select

    with errors_reported():
        lexicons = load_store_lexicons()
        incident_select(query, lexicons.names)  # a filter naming nothing known fails before the file opens
    with errors_reported(), open_store(db, create=False, lexicons=lexicons) as store:
        if out is None:
            count = write_export(store, fmt, sys.stdout, query)
        else:
            try:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = write_export(store, fmt, handle, query)
            except OSError as e:
                raise ConflictdbError(f"{out}: cannot write: {e.strerror or e}") from e
    stderr().print(f"exported {count} incidents" + (f" to {escape(str(out))}" if out else ""), soft_wrap=True)

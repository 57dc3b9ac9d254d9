"""The command line: a thin Typer adapter over the pipeline, the store and the exports."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from conflictdb.cli.edit import edit_app, open_store
from conflictdb.cli.gazetteer import gazetteer_app
from conflictdb.cli.serve import serve_command
from conflictdb.cli.watch import watch_command
from conflictdb.errors import ConflictdbError, QueryError
from conflictdb.records import Article, Claim, Figure, IncidentFigures, Mention, Outcome
from conflictdb.redact import RedactingFilter, redact
from conflictdb.resolve.grade import grade_incident
from conflictdb.resolve.reconcile import reconcile_incident

if TYPE_CHECKING:  # the store (SQLAlchemy) and the exports load when a command needs them: not for `extract`
    from conflictdb.resources import Resources
    from conflictdb.store import IncidentDetail, IncidentPage, IncidentQuery, IncidentRow, Store

app = typer.Typer(
    name="conflictdb",
    help="News reports of armed-conflict incidents turned into a sourced, geocoded incident database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(gazetteer_app, name="gazetteer")
app.add_typer(edit_app, name="edit")
app.command("serve")(serve_command)
app.command("watch")(watch_command)

Result = tuple[Article, list[Mention]]
DEFAULT_WORKERS = os.cpu_count() or 1
INT64_MAX = 2**63 - 1  # the store's integer columns hold no more
EXIT_SOME_FAILED = 3  # `ingest` and `extract`: some inputs failed (each reported), the others were done
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, help="Processes that extract in parallel [default: one per core]")
]
DbOption = Annotated[
    str | None,
    typer.Option(
        "--db", help="SQLAlchemy URL or SQLite file [env CONFLICTDB_DB; default ./conflictdb.sqlite]"
    ),
]
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
QUERY_OPTIONS = {"text": "--search", "order": "--sort"}  # the CLI's name of a query field, where it differs


class ExportFormat(StrEnum):
    """Formats of `conflictdb export`."""

    CSV = "csv"
    UCDP = "ucdp"
    GEOJSON = "geojson"
    JSONL = "jsonl"


class ListFormat(StrEnum):
    """Formats of `conflictdb incidents`."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ExtractFormat(StrEnum):
    """Formats of `conflictdb extract`."""

    JSONL = "jsonl"


class Engine(StrEnum):
    """Where `conflictdb ingest` extracts: processes of this machine, or a Dask cluster."""

    LOCAL = "local"
    DASK = "dask"


def _stdout() -> Console:
    """Rich console on the current stdout."""
    console = Console(file=sys.stdout)
    if not console.is_terminal:  # piped or captured: wide enough for the incident table
        console = Console(file=sys.stdout, width=140)
    return console


def _stderr() -> Console:
    """Rich console on the current stderr."""
    return Console(file=sys.stderr)


@contextmanager
def _errors_reported() -> Iterator[None]:
    """Turn a ConflictdbError into a one-line message on stderr and exit code 1, without a traceback; a
    QueryError (a filter naming nothing known) into a usage error naming the option, exit code 2."""
    try:
        yield
    except QueryError as e:
        option = QUERY_OPTIONS.get(e.parameter, "--" + e.parameter.replace("_", "-"))
        raise typer.BadParameter(e.reason, param_hint=f"'{option}'") from None
    except ConflictdbError as e:
        _stderr().print(f"[bold red]error:[/] {escape(redact(str(e)))}", soft_wrap=True)
        raise typer.Exit(1) from None


@app.callback()
def main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details.")] = False,
) -> None:
    """conflictdb: ingest articles, query incidents, export them."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(message)s",
        handlers=[RichHandler(console=_stderr(), show_path=False)],
        force=True,
    )
    for handler in logging.getLogger().handlers:  # a URL's password never reaches the log
        handler.addFilter(RedactingFilter())


# --- reading and processing inputs ------------------------------------------------------------------


def _loaded_resources() -> AbstractContextManager[Resources]:
    """pipeline.loaded_resources, the pipeline imported only when a command needs it (spaCy and every stage
    are slow to import), with the collector paused meanwhile: the imports make objects that all live on."""
    from conflictdb.resources import collector_paused

    with collector_paused():
        from conflictdb.pipeline import loaded_resources
    return loaded_resources()


@dataclass
class ErrorLog:
    """Bad inputs reported as they happen, and counted."""

    console: Console
    errors: list[ConflictdbError] = field(default_factory=list)

    def __call__(self, error: ConflictdbError) -> None:
        self.errors.append(error)
        self.console.print(f"[yellow]skipped[/] {escape(redact(str(error)))}", soft_wrap=True)


def input_files(paths: list[Path], on_error: Callable[[ConflictdbError], None]) -> list[Path]:
    """Every input file under the given paths, each once; a missing path is reported and skipped."""
    from conflictdb import ingest  # imported when needed: readers and the pipeline are slow to load

    files: list[Path] = []
    for path in paths:
        try:
            files.extend(ingest.iter_input_files([path]))
        except ConflictdbError as e:
            on_error(e)
    return list(dict.fromkeys(files))


def process_files(files: list[Path], resources: Any, errors: ErrorLog, *, workers: int) -> list[Result]:
    """Read the files, process every article under a progress bar on stderr, link incidents."""
    from conflictdb import pipeline
    from conflictdb.engines import local

    articles = local.read_articles(files, on_error=errors)
    results: list[Result] = []
    words = []  # linking's word bags, taken while the workers extract the next articles
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors.console, transient=True) as progress:
        task = progress.add_task("extracting", total=len(articles))
        for result in local.process_articles(articles, resources, workers=workers, on_error=errors):
            results.append(result)
            words.extend(pipeline.link_words(result, resources))
            progress.advance(task)
    return pipeline.link_incidents(results, resources, words=words) if results else []


# --- commands -----------------------------------------------------------------------------------------


def extracted(files: list[Path], resources: Any, errors: ErrorLog, *, workers: int) -> Iterator[Result]:
    """Read the files and yield every processed article under a progress bar on stderr (not linked)."""
    from conflictdb.engines import local

    articles = local.read_articles(files, on_error=errors)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors.console, transient=True) as progress:
        task = progress.add_task("ingesting", total=len(articles))
        for result in local.process_articles(articles, resources, workers=workers, on_error=errors):
            yield result
            progress.advance(task)


def extracted_on_dask(
    files: list[Path], errors: ErrorLog, *, scheduler: str | None, workers: int, partition_size: int | None
) -> Iterator[Result]:
    """Extract the files on a Dask cluster and yield every article in input order, files done shown
    under a progress bar on stderr (not linked)."""
    from conflictdb.engines import dask as dask_engine

    # distributed sets its loggers to INFO when imported; they follow --verbose like ours
    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=errors.console, transient=True) as progress:
        task = progress.add_task("ingesting files on dask", total=len(files))
        for part in dask_engine.process_files(
            files, scheduler=scheduler, workers=workers, partition_size=partition_size, on_error=errors
        ):
            yield from part.results
            progress.advance(task, len(part.partition.files))


@app.command("ingest")
def ingest_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Article files or folders (.txt, .html, .jsonl, .json, .warc, .warc.gz); "
            "- reads standard input."
        ),
    ],
    db: DbOption = None,
    workers: WorkersOption = DEFAULT_WORKERS,
    engine: Annotated[
        Engine, typer.Option("--engine", help="Extract here (local) or on a Dask cluster (dask).")
    ] = Engine.LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address [default: a LocalCluster of --workers]."),
    ] = None,
    partition_size: Annotated[
        int | None, typer.Option("--partition-size", min=1, help="Files per Dask task [default: automatic].")
    ] = None,
) -> None:
    """Read, extract and store articles, linking their mentions to incidents new and already stored."""
    if engine is Engine.LOCAL and (scheduler is not None or partition_size is not None):
        raise typer.BadParameter("--scheduler and --partition-size need --engine dask")
    if engine is Engine.DASK and Path("-") in paths:
        raise typer.BadParameter("standard input (-) is read here, not on a cluster: use --engine local")
    errors = ErrorLog(_stderr())
    out = _stdout()
    with _errors_reported(), open_store(db) as store:
        files = input_files(paths, errors)
        if engine is Engine.DASK:
            results = extracted_on_dask(
                files, errors, scheduler=scheduler, workers=workers, partition_size=partition_size
            )
            counts = store.add_batch(results, link=True, on_error=errors)
        else:
            with _loaded_resources() as resources:
                results = extracted(files, resources, errors, workers=workers)
                counts = store.add_batch(results, link=True, on_error=errors)
        total = store.stats()
    failed = len(errors.errors)
    out.print(
        f"files read: {len(files)}; articles: {counts.new} new, {counts.unchanged} unchanged, "
        f"{failed} failed; "
        f"mentions added: {counts.mentions}; incidents added: {counts.incidents}"
        + (f", background records added: {counts.background}" if counts.background else "")
        + f" (store: {total.articles} articles, {total.incidents} incidents)",
        soft_wrap=True,
    )
    if counts.new + counts.unchanged == 0:
        _stderr().print("[bold red]error:[/] nothing was ingested", soft_wrap=True)
        raise typer.Exit(1)
    _exit_if_failed(errors)


def _exit_if_failed(errors: ErrorLog) -> None:
    """Exit with EXIT_SOME_FAILED when some inputs failed (after the others were done)."""
    if errors.errors:
        _stderr().print(
            f"[bold yellow]warning:[/] {len(errors.errors)} inputs failed (reported above)", soft_wrap=True
        )
        raise typer.Exit(EXIT_SOME_FAILED)


ByOption = Annotated[str | None, typer.Option("--by", help="Who decides [default: $USER].")]


def _decided_by(by: str | None) -> str:
    """The analyst recorded with a decision: --by, else $USER."""
    return by or os.environ.get("USER") or os.environ.get("USERNAME") or "unknown"


@app.command("merge")
def merge_command(
    incident_ids: Annotated[list[str], typer.Argument(help="Incident ids; the first one is kept.")],
    db: DbOption = None,
    by: ByOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Merge incidents in different countries or years too.")
    ] = False,
) -> None:
    """Merge incidents into the first one; the decision is recorded and later ingests keep it."""
    if len(incident_ids) < 2:
        _stderr().print("[bold red]error:[/] merge needs at least two incident ids", soft_wrap=True)
        raise typer.Exit(1)
    with _errors_reported(), open_store(db) as store:
        decision = store.merge_incidents(incident_ids[0], incident_ids[1:], by=_decided_by(by), force=force)
    merged = ", ".join(decision.detail["merged"])
    _stdout().print(
        f"merged {escape(merged)} into {escape(decision.incident_id)} "
        f"(decision {decision.id} by {escape(decision.decided_by)})",
        soft_wrap=True,
    )


@app.command("split")
def split_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")],
    mentions: Annotated[
        list[str], typer.Argument(help="Mention ids to move out, article_id#index as `show` prints them.")
    ],
    db: DbOption = None,
    by: ByOption = None,
) -> None:
    """Move mentions of an incident into a new incident; they are never linked back automatically."""
    with _errors_reported(), open_store(db) as store:
        decision = store.split_incident(incident_id, mentions, by=_decided_by(by))
    moved, new_id = len(decision.detail["mentions"]), decision.detail["new_incident"]
    _stdout().print(
        f"moved {moved} mentions of {escape(incident_id)} into new incident {escape(new_id)} "
        f"(decision {decision.id} by {escape(decision.decided_by)})",
        soft_wrap=True,
    )


def _day(value: dt.datetime | None) -> dt.date | None:
    """The date of a parsed --from/--to option."""
    return value.date() if value else None


def incident_query(
    *,
    date_from: dt.datetime | None = None,
    date_to: dt.datetime | None = None,
    country: str | None = None,
    admin1: str | None = None,
    event_type: str | None = None,
    sub_event_type: str | None = None,
    actor: str | None = None,
    min_deaths: int | None = None,
    grade: str | None = None,
    search: str | None = None,
    **page: Any,
) -> IncidentQuery:
    """The store's incident query from the filter options of `incidents` and `export` (and `page`: the
    order, limit and offset)."""
    from conflictdb.store import IncidentQuery

    return IncidentQuery(
        date_from=_day(date_from),
        date_to=_day(date_to),
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        min_deaths=min_deaths,
        grade=grade,
        text=search,
        **page,
    )


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


@app.command("incidents")
def incidents_command(
    db: DbOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    event_type: EventTypeOption = None,
    sub_event_type: SubEventTypeOption = None,
    actor: ActorOption = None,
    min_deaths: MinDeathsOption = None,
    grade: GradeOption = None,
    search: SearchOption = None,
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
    from conflictdb.store.query import find_incidents

    query = incident_query(
        date_from=date_from,
        date_to=date_to,
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        min_deaths=min_deaths,
        grade=grade,
        search=search,
        order=sort,
        limit=limit,
        offset=offset,
        discounted=discounted,
    )
    with _errors_reported(), open_store(db, create=False) as store, store.engine.connect() as conn:
        page = find_incidents(conn, query)
    if fmt is ListFormat.TABLE:
        out = _stdout()
        if page.rows:
            out.print(incidents_table(page.rows))
        out.print(showing(page, offset), highlight=False)
        return
    if fmt is ListFormat.JSON:
        from conflictdb.formats import incident_page_record

        record = incident_page_record(page, limit=limit, offset=offset)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        from conflictdb import export

        export.export_csv(page.rows, sys.stdout)
    _stderr().print(showing(page, offset), highlight=False)


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


def actor_lines(row: IncidentRow) -> list[str]:
    """The incident's actors as ACLED names them, with associated actors, inter codes and interaction."""
    from conflictdb import export
    from conflictdb.export_tables import default_export_tables
    from conflictdb.geo.admin_names import default_acled_conventions

    country = default_acled_conventions().country(row.country)
    coded = export.acled_actors(row, country, default_export_tables())
    lines = []
    for n in ("1", "2"):
        name = coded[f"actor{n}"] or "?"
        inter = f" (inter {coded[f'inter{n}']})" if coded[f"inter{n}"] != "" else ""
        with_ = f"; with {coded[f'assoc_actor_{n}']}" if coded[f"assoc_actor_{n}"] else ""
        lines.append(f"actor{n}: {escape(name)}{inter}{escape(with_)}")
    return [*lines, f"interaction: {coded['interaction'] if coded['interaction'] != '' else '?'}"]


def incident_lines(detail: IncidentDetail) -> list[str]:
    """Rich markup lines telling one incident: figures, grade and why, and every claim."""
    figures = reconcile_incident(detail.mentions, detail.articles)
    grade = grade_incident(detail.mentions, detail.articles, figures)
    place = ", ".join(p for p in (detail.location, detail.admin2, detail.admin1, detail.country) if p)
    where = f"{place} ({detail.lat}, {detail.lon})" if detail.lat is not None else place
    kind = f"{detail.event_type or '?'} / {detail.sub_event_type or '?'}"
    lines = [
        f"[bold]{escape(detail.id)}[/]  {escape(kind)}",
        f"date: {detail.date or 'unknown'} ({detail.date_precision or '-'})",
        f"place: {escape(where or 'unknown')}",
        f"fatalities: {'unknown' if detail.fatalities is None else detail.fatalities}",
        *actor_lines(detail),
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


@app.command("show")
def show_command(
    incident_id: Annotated[str, typer.Argument(help="Incident id.")], db: DbOption = None
) -> None:
    """Show one incident with every claim, its speaker, figures and evidence."""
    with _errors_reported(), open_store(db, create=False) as store:
        detail = store.incident(incident_id)
    if detail is None:
        _stderr().print(f"[bold red]error:[/] no incident {escape(incident_id)!r}", soft_wrap=True)
        raise typer.Exit(1)
    out = _stdout()
    for line in incident_lines(detail):
        out.print(line, soft_wrap=True, highlight=False)


def write_export(store: Store, fmt: ExportFormat, out: TextIO, query: IncidentQuery) -> int:
    """Write the incidents a query selects to `out` in one format; return how many."""
    from conflictdb import export, export_ucdp

    if fmt is ExportFormat.JSONL:
        return export.export_jsonl(store.incident_details(query), out)
    if fmt is ExportFormat.UCDP:  # with its articles: their URLs, dates and headlines
        return export_ucdp.export_ucdp(store.incident_details(query), out)
    rows = store.incidents(query)
    writer = export.export_csv if fmt is ExportFormat.CSV else export.export_geojson
    return writer(rows, out)


@app.command("export")
def export_command(
    fmt: Annotated[ExportFormat, typer.Option("--format", help="Output format.")] = ExportFormat.CSV,
    out: Annotated[Path | None, typer.Option("--out", help="Output file (default: stdout).")] = None,
    db: DbOption = None,
    date_from: FromOption = None,
    date_to: ToOption = None,
    country: CountryOption = None,
    admin1: Admin1Option = None,
    event_type: EventTypeOption = None,
    sub_event_type: SubEventTypeOption = None,
    actor: ActorOption = None,
    min_deaths: MinDeathsOption = None,
    grade: GradeOption = None,
    search: SearchOption = None,
) -> None:
    """Export incidents matching every filter given as ACLED's CSV, UCDP GED-shaped CSV, GeoJSON or JSON
    Lines."""
    query = incident_query(
        date_from=date_from,
        date_to=date_to,
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        min_deaths=min_deaths,
        grade=grade,
        search=search,
    )
    from conflictdb.store.query import incident_select

    with _errors_reported():
        incident_select(query)  # a filter naming nothing known fails before the output file is opened
    with _errors_reported(), open_store(db, create=False) as store:
        if out is None:
            count = write_export(store, fmt, sys.stdout, query)
        else:
            try:
                with out.open("w", encoding="utf-8", newline="") as handle:
                    count = write_export(store, fmt, handle, query)
            except OSError as e:
                raise ConflictdbError(f"{out}: cannot write: {e.strerror or e}") from e
    _stderr().print(
        f"exported {count} incidents" + (f" to {escape(str(out))}" if out else ""), soft_wrap=True
    )


@app.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Article files or folders; - reads standard input.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", help="Output format.")] = ExtractFormat.JSONL,
    workers: WorkersOption = DEFAULT_WORKERS,
) -> None:
    """Extract without a database: one JSON line per article, incidents linked across the inputs."""
    errors = ErrorLog(_stderr())
    with _errors_reported():
        files = input_files(paths, errors)
        with _loaded_resources() as resources:
            results = process_files(files, resources, errors, workers=workers)
    from conflictdb import formats

    for article, mentions in sorted(results, key=lambda result: result[0].id):
        record = formats.extract_record(article, mentions, tables=resources.exports)
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    if not results:
        _stderr().print("[bold red]error:[/] no article could be read", soft_wrap=True)
        raise typer.Exit(1)
    _exit_if_failed(errors)

"""The REST API and the dashboard pages over one store: a thin FastAPI adapter, read-only unless it is
given a write token (then analysts' edits too: api.editing)."""

import datetime as dt
import io
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from functools import cache
from pathlib import Path as FilePath
from string import Template
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, BeforeValidator
from sqlalchemy import Connection
from starlette.types import ASGIApp

from conflictdb.api import editing, queries
from conflictdb.api.errors import ERROR_RESPONSES, NotFound, install_error_handlers
from conflictdb.api.limits import (
    NO_NUL,
    ApiLimits,
    iso_date_only,
    load_api_limits,
    refuse_nul,
    words_at_most,
)
from conflictdb.api.security import Guard, TrustedHosts, security_headers
from conflictdb.export_writer import ExportFormat, write_export
from conflictdb.records import GradeLevel
from conflictdb.store import IncidentQuery, Store
from conflictdb.store.names import AcledNames
from conflictdb.store.query import SORT_KEYS, find_incidents
from conflictdb.store.rows import incident_page_record

log = logging.getLogger(__name__)

WEB_DIR = FilePath(__file__).resolve().parent.parent / "web"
VENDOR_DIR = WEB_DIR / "vendor"  # built by frontend/build.mjs (git-ignored)
SWAGGER = "/static/vendor/swagger-ui"


@dataclass(frozen=True, slots=True)
class DashboardConfig:
    """What the dashboard's pages read from /api/config."""

    tile_url: str | None = None  # a raster tile URL template; None keeps the map offline
    tile_attribution: str | None = None


EXPORT_MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.UCDP: "text/csv; charset=utf-8",
    ExportFormat.GEOJSON: "application/geo+json",
    ExportFormat.JSONL: "application/x-ndjson",
}


class Interval(StrEnum):
    AUTO = "auto"  # the finest interval that draws the span shown in data/dashboard.yaml's timeline_bars
    DAY = "day"
    WEEK = "week"  # Monday to Sunday
    MONTH = "month"
    YEAR = "year"


SortParam = Annotated[
    str,
    Query(
        pattern=r"^-?(" + "|".join(SORT_KEYS) + ")$",
        description="A column, with - in front for descending: " + ", ".join(SORT_KEYS),
    ),
]


def text_param(
    length: int,
    description: str,
    *checks: Callable[[Any], Any],
    where: Any = Query,
    optional: bool = True,
    values: Sequence[str] = (),
) -> Any:
    """A text parameter of at most `length` characters, never with a NUL, and other checks; `values` are
    documented as the names it takes (store.query checks them, regardless of case: 422 otherwise)."""
    schema = {"pattern": NO_NUL} | ({"enum": list(values)} if values else {})
    return Annotated[
        (
            str | None if optional else str,
            where(description=description, max_length=length, json_schema_extra=schema),
            AfterValidator(refuse_nul),
            *(AfterValidator(check) for check in checks),
        )
    ]


def date_param(description: str) -> Any:
    """A date parameter written YYYY-MM-DD."""
    return Annotated[dt.date | None, BeforeValidator(iso_date_only), Query(description=description)]


def filters_dependency(limits: ApiLimits, names: AcledNames) -> Callable[..., IncidentQuery]:
    """The dependency that reads the incident filters every incident endpoint takes, within the limits
    (ACLED's `names` documented as the values they take)."""
    words = limits.text_length

    def incident_filters(
        date_from: date_param("First date (YYYY-MM-DD).") = None,
        date_to: date_param("Last date (YYYY-MM-DD).") = None,
        country: text_param(2, "ISO 3166-1 alpha-2 code.", values=names.country_codes()) = None,
        admin1: text_param(words, "First-level administrative division.") = None,
        event_type: text_param(
            words, "ACLED event type or sub-event type (older names too).", values=names.event_type_names()
        ) = None,
        sub_event_type: text_param(
            words, "ACLED sub-event type (older names too).", values=names.sub_event_type_names()
        ) = None,
        actor: text_param(words, "Words in actor1 or actor2.") = None,
        min_deaths: Annotated[
            int | None, Query(ge=0, le=limits.deaths, description="At least this many fatalities.")
        ] = None,
        grade: text_param(words, "Evidence grade.", values=[str(level) for level in GradeLevel]) = None,
        q: text_param(
            limits.search_length,
            f"Words in notes, location, admin names or actors (at most {limits.search_words}).",
            words_at_most(limits.search_words),
        ) = None,
        discounted: Annotated[
            bool, Query(description="The incidents analysts discounted instead (counted nowhere else).")
        ] = False,
    ) -> IncidentQuery:
        """The incident filters every incident endpoint takes, from the query string."""
        return IncidentQuery(
            date_from=date_from,
            date_to=date_to,
            country=country or None,
            admin1=admin1 or None,
            event_type=event_type or None,
            sub_event_type=sub_event_type or None,
            actor=actor or None,
            min_deaths=min_deaths,
            grade=grade or None,
            text=q or None,
            discounted=discounted,
        )

    return incident_filters


# the query's fields the API takes otherwise, or echoes only when set
NOT_FILTERS = ("order", "limit", "offset", "background", "discounted")


def _filters_json(filters: IncidentQuery) -> dict[str, Any]:
    """The filters a request gave, by their parameter names (the query's `text` is `q`)."""
    given = {f.name: getattr(filters, f.name) for f in fields(filters) if f.name not in NOT_FILTERS}
    named = {("q" if name == "text" else name): value for name, value in given.items() if value is not None}
    return named | ({"discounted": True} if filters.discounted else {})


class GuardedFastAPI(FastAPI):
    """FastAPI with the Guard (Host check, security headers) outside everything, error responses included."""

    def build_middleware_stack(self) -> ASGIApp:
        return Guard(
            super().build_middleware_stack(), trusted=self.state.trusted_hosts, headers=self.state.headers
        )


def create_app(
    store: Store,
    *,
    config: DashboardConfig | None = None,
    write_token: str | None = None,
    allowed_hosts: Iterable[str] = (),
    limits: ApiLimits | None = None,
) -> FastAPI:
    """The API and dashboard over an open store (the caller closes it); with a `write_token`, analysts
    holding it may correct incidents and claims, merge and split (see api.editing). Requests must name
    this server in their Host header: a loopback name, or one of `allowed_hosts` ("*" for any)."""
    app = GuardedFastAPI(
        title="conflictdb",
        summary="Sourced, geocoded incidents of armed conflict read from news reports.",
        version="1",
        docs_url=None,
        redoc_url=None,
        responses=ERROR_RESPONSES,
    )
    app.state.store = store
    app.state.config = config or DashboardConfig()
    app.state.write_token = write_token or None
    app.state.limits = limits or load_api_limits()
    app.state.timeline_bars = queries.load_timeline_bars()
    app.state.trusted_hosts = TrustedHosts.of(allowed_hosts)
    app.state.headers = security_headers(tile_url=app.state.config.tile_url)
    install_error_handlers(app)
    _add_api_routes(app, app.state.limits)
    editing.add_edit_routes(app, app.state.limits)
    _add_pages(app)
    return app


@contextmanager
def _connection(request: Request) -> Iterator[Connection]:
    store: Store = request.app.state.store
    with store.engine.connect() as conn:
        yield conn


def connection(request: Request) -> Iterator[Connection]:
    """A read connection for one request."""
    with _connection(request) as conn:
        yield conn


Conn = Annotated[Connection, Depends(connection)]


def _add_api_routes(app: FastAPI, limits: ApiLimits) -> None:
    names = app.state.store.lexicons.names
    Filters = Annotated[IncidentQuery, Depends(filters_dependency(limits, names))]
    Offset = Annotated[int, Query(ge=0, le=limits.offset)]
    Id = text_param(limits.id_length, "The record's id.", where=Path, optional=False)

    @app.get("/api/incidents", tags=["incidents"])
    def list_incidents(
        conn: Conn,
        filters: Filters,
        sort: SortParam = "-date",
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Incidents matching the filters, one page at a time, with the total that match."""
        page = find_incidents(conn, replace(filters, order=sort, limit=limit, offset=offset), names)
        record = incident_page_record(
            page, limit=limit, offset=offset, tables=app.state.store.lexicons.exports
        )
        return record | {"sort": sort, "filters": _filters_json(filters)}

    @app.get("/api/incidents/{incident_id}", tags=["incidents"])
    def get_incident(incident_id: Id, request: Request, conn: Conn) -> dict[str, Any]:
        """One incident with every mention, claim, figure and evidence span (offsets and text); claims
        and figures as analysts corrected them (a rejected claim has the stance "rejected")."""
        found = queries.incident_detail(request.app.state.store, conn, incident_id)
        if found is None:
            raise NotFound(f"no incident {incident_id!r}")
        return found

    @app.get("/api/articles", tags=["articles"])
    def list_articles(
        conn: Conn,
        q: text_param(
            limits.search_length,
            f"Words in title, outlet, id or file name (at most {limits.search_words}).",
            words_at_most(limits.search_words),
        ) = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """Articles, newest first, without their text."""
        total, rows = queries.find_articles(conn, q=q, limit=limit, offset=offset)
        for row in rows:
            row["published"] = row["published"].isoformat() if row["published"] else None
        return {"total": total, "limit": limit, "offset": offset, "items": rows}

    @app.get("/api/articles/{article_id:path}", tags=["articles"])
    def get_article(article_id: Id, conn: Conn) -> dict[str, Any]:
        """One article's text, its mentions and claims, and every extracted span with its offsets."""
        found = queries.article_detail(conn, article_id)
        if found is None:
            raise NotFound(f"no article {article_id!r}")
        return found

    @app.get("/api/export", tags=["incidents"], response_class=Response)
    def export_incidents(
        request: Request, filters: Filters, format: ExportFormat = ExportFormat.CSV
    ) -> Response:
        """Every incident matching the filters as ACLED's CSV, UCDP GED-shaped CSV (the GED events among
        them), GeoJSON or JSON Lines."""
        out = io.StringIO()
        write_export(request.app.state.store, format, out, filters)
        media = EXPORT_MEDIA_TYPES[format]
        suffix = "ucdp.csv" if format is ExportFormat.UCDP else format.value
        headers = {"Content-Disposition": f'inline; filename="incidents.{suffix}"'}
        return Response(out.getvalue(), media_type=media, headers=headers)

    @app.get("/api/stats", tags=["stats"])
    def stats(request: Request, conn: Conn) -> dict[str, Any]:
        """Table counts, the date range, total deaths, and incidents by country and sub-event type."""
        counts = request.app.state.store.stats()
        values = {f.name: getattr(counts, f.name) for f in fields(counts)}
        for name in ("first_date", "last_date"):
            values[name] = values[name].isoformat() if values[name] else None
        return (
            values
            | {
                "deaths": queries.total_deaths(conn),
                "by_country": queries.breakdown(conn, "country"),
                "by_sub_event_type": queries.breakdown(conn, "sub_event_type"),
                "grades": queries.has_column("grade"),
            }
            | ({"by_grade": queries.breakdown(conn, "grade")} if queries.has_column("grade") else {})
        )

    @app.get("/api/timeline", tags=["stats"])
    def get_timeline(
        request: Request, conn: Conn, filters: Filters, interval: Interval = Interval.AUTO
    ) -> dict[str, Any]:
        """Incidents and deaths per day, week (starting Monday), month or year for the filters; `auto`
        (the default) takes the finest interval that draws the span of their dates in a few dozen bars,
        and says which (`interval`, with `automatic` true)."""
        chosen = None if interval is Interval.AUTO else interval.value
        found = queries.timeline(conn, filters, names, interval=chosen, bars=request.app.state.timeline_bars)
        return {
            "interval": found.interval,
            "automatic": found.automatic,
            "filters": _filters_json(filters),
            "undated": queries.undated_count(conn, filters, names),
            "buckets": [
                {
                    "start": b.start.isoformat(),
                    "end": b.end.isoformat(),
                    "incidents": b.incidents,
                    "deaths": b.deaths,
                }
                for b in found.buckets
            ],
        }

    @app.get("/api/config", tags=["dashboard"])
    def get_config(request: Request) -> dict[str, Any]:
        """The dashboard's settings: the optional map tile URL, and whether edits are accepted."""
        config: DashboardConfig = request.app.state.config
        writable = request.app.state.write_token is not None
        return {"tile_url": config.tile_url, "tile_attribution": config.tile_attribution, "write": writable}


PAGES = {  # name: (title, body file, scripts)
    "dashboard": (
        "Incidents",
        "dashboard.html",
        (
            "/static/vendor/leaflet/leaflet.js",
            "/static/vendor/topojson-client/topojson-client.min.js",
            "/static/admin1.js",
            "/static/dashboard.js",
        ),
    ),
    "incident": ("Incident", "incident.html", ("/static/incident.js", "/static/editing.js")),
    "articles": ("Articles", "articles.html", ("/static/articles.js",)),
    "article": ("Article", "article.html", ("/static/article.js",)),
}


@cache
def render_page(name: str) -> str:
    """A dashboard page: its body in the shared layout (header, credits footer), scripts at the end."""
    title, body_file, scripts = PAGES[name]
    pages = WEB_DIR / "pages"
    layout = Template((pages / "layout.html").read_text(encoding="utf-8"))
    return layout.substitute(
        title=title,
        page=name,
        body=(pages / body_file).read_text(encoding="utf-8"),
        scripts="\n".join(f'<script src="{src}"></script>' for src in scripts),
    )


@cache
def render_docs() -> str:
    """The API docs page: Swagger UI from the vendored files, started by a script file (no inline script:
    the Content-Security-Policy allows none)."""
    page = Template((WEB_DIR / "pages" / "docs.html").read_text(encoding="utf-8"))
    return page.substitute(swagger=SWAGGER)


def _add_pages(app: FastAPI) -> None:
    """The dashboard pages (HTML reading the JSON API), the local docs page and the static assets."""
    if not VENDOR_DIR.is_dir():
        log.warning("%s is missing: build it with `make frontend` (map, docs page)", VENDOR_DIR)
    app.mount("/static/vendor", StaticFiles(directory=VENDOR_DIR, check_dir=False), name="vendor")
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> HTMLResponse:
        return HTMLResponse(render_page("dashboard"))

    @app.get("/incidents/{incident_id}", include_in_schema=False)
    def incident_page(incident_id: str) -> HTMLResponse:
        return HTMLResponse(render_page("incident"))

    @app.get("/articles", include_in_schema=False)
    def articles_page() -> HTMLResponse:
        return HTMLResponse(render_page("articles"))

    @app.get("/articles/{article_id:path}", include_in_schema=False)
    def article_page(article_id: str) -> HTMLResponse:
        return HTMLResponse(render_page("article"))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse(render_docs())

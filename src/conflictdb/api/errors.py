"""One JSON error shape for every error the API returns: {"error": {"status", "code", "message"}}."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import BaseRoute, Match

from conflictdb.errors import ConflictdbError, EditError, QueryError

log = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    status: int
    code: str
    message: str
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: ErrorDetail


class NotFound(ConflictdbError):
    """A requested record does not exist."""


class Unauthorized(ConflictdbError):
    """A write without the server's token."""


class Forbidden(ConflictdbError):
    """A write to a read-only server."""


CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    422: "invalid_request",
    500: "internal",
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The Host header names another server"},
    404: {"model": ErrorBody, "description": "No such record"},
    422: {"model": ErrorBody, "description": "Invalid parameters"},
    500: {"model": ErrorBody, "description": "Server error"},
}


WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The edit was refused (a value outside the taxonomy, ...)"},
    401: {"model": ErrorBody, "description": "No token, or the wrong one (Authorization: Bearer TOKEN)"},
    403: {"model": ErrorBody, "description": "The server is read-only (started without --write)"},
}


def error_response(
    status: int,
    message: str,
    *,
    details: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A JSON error response in the one shape."""
    code = CODES.get(status) or HTTPStatus(status).phrase.lower().replace(" ", "_")
    body = ErrorBody(error=ErrorDetail(status=status, code=code, message=message, details=details))
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    """Where each invalid value is and why, without echoing the input objects."""
    return [
        {
            "location": ".".join(str(part) for part in e.get("loc", ())),
            "message": e.get("msg", "").removeprefix("Value error, "),
        }
        for e in exc.errors()
    ]


def allowed_methods(request: Request) -> str:
    """The methods some route takes at a request's path (for a 405's Allow header); GET and HEAD for
    the static files."""
    scope = {"type": "http", "path": request.url.path, "root_path": "", "method": request.method}
    methods: set[str] = set()
    for route in request.app.router.routes:
        if isinstance(route, BaseRoute) and route.matches(scope)[0] is not Match.NONE:
            methods |= getattr(route, "methods", None) or {"GET", "HEAD"}
    return ", ".join(sorted(methods or {"GET", "HEAD"}))


def install_error_handlers(app: FastAPI) -> None:
    """Route HTTP errors, validation errors, missing records, refused writes and crashes to the one shape."""

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
            message = f"{request.method} is not allowed on {request.url.path}: only {headers['Allow']}"
        return error_response(exc.status_code, message, headers=headers or None)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        message = "; ".join(f"{d['location']}: {d['message']}" for d in details) or "invalid request"
        return error_response(422, message, details=details)

    @app.exception_handler(QueryError)
    async def _unknown_name(_request: Request, exc: QueryError) -> JSONResponse:
        location = f"query.{'q' if exc.parameter == 'text' else exc.parameter}"
        return error_response(
            422, f"{location}: {exc.reason}", details=[{"location": location, "message": exc.reason}]
        )

    @app.exception_handler(NotFound)
    async def _not_found(_request: Request, exc: NotFound) -> JSONResponse:
        return error_response(404, str(exc))

    @app.exception_handler(Unauthorized)
    async def _unauthorized(_request: Request, exc: Unauthorized) -> JSONResponse:
        return error_response(401, str(exc), headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(Forbidden)
    async def _forbidden(_request: Request, exc: Forbidden) -> JSONResponse:
        return error_response(403, str(exc))

    @app.exception_handler(EditError)
    async def _refused(_request: Request, exc: EditError) -> JSONResponse:
        return error_response(400, str(exc))

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error serving %s %s", request.method, request.url.path, exc_info=exc)
        return error_response(500, f"internal error: {type(exc).__name__}")

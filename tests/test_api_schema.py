"""The API against its own OpenAPI schema: schemathesis sends generated requests, valid and invalid, to the
real app served by uvicorn on loopback over a SQLite store of invented articles; every answer must be a
documented 2xx or 4xx matching the schema, never a 5xx."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import uvicorn
from hypothesis import HealthCheck, given, settings

from conflictdb.api import create_app
from conflictdb.resources import Resources
from conflictdb.store import Store, open_store
from tests.test_api import build_database

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.generation import GenerationMode  # noqa: E402 (after the import check)

TOKEN = "schema-test-token"
# cases per operation and mode: 15 operations, valid and invalid data, about 250 requests in all
EXAMPLES = int(os.environ.get("CONFLICTDB_SCHEMA_EXAMPLES", "15"))

# An edit valid by the schema may still be refused with 400: nothing to correct, a sub-event type outside
# ACLED's taxonomy, a minimum above the maximum (api.editing). Everything else as schemathesis expects.
CONFIG = schemathesis.Config.from_dict(
    {
        "operations": [
            {
                "include-tag": "edits",
                "include-method-regex": "^(PATCH|POST)$",
                "checks": {
                    "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404"]}
                },
            }
        ]
    }
)


@contextmanager
def serving(store: Store, **options: Any) -> Iterator[str]:
    """The app over a store, served by uvicorn in a thread on a free loopback port; yields its address."""
    config = uvicorn.Config(create_app(store, **options), host="127.0.0.1", port=0, log_level="critical")
    server = uvicorn.Server(config)
    sock = config.bind_socket()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.started, "uvicorn did not start"
        host, port = sock.getsockname()[:2]
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def schema_failures(base_url: str, *, examples: int, headers: dict[str, str]) -> tuple[int, list[str]]:
    """Every operation of the served schema, with valid then invalid data: the number of requests sent
    and the failures of schemathesis's checks (server errors, undocumented statuses, bodies not matching
    the schema, ...), one line each."""
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json", config=CONFIG)
    failures: list[str] = []
    sent = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        # invalid requests where there is a query or a body to spoil; an id alone is a free string whose
        # invalid forms (over the length, a NUL) are tested in test_api, and slow for Hypothesis to make
        spoilable = len(operation.query) > 0 or len(operation.body) > 0
        for mode in (
            (GenerationMode.POSITIVE, GenerationMode.NEGATIVE) if spoilable else (GenerationMode.POSITIVE,)
        ):

            @settings(
                max_examples=examples if mode is GenerationMode.POSITIVE else max(1, examples // 2),
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(mode))
            def check(case: Any) -> None:
                nonlocal sent
                sent += 1
                case.call_and_validate(headers=headers)

            try:
                check()
            except (AssertionError, BaseExceptionGroup) as e:  # schemathesis's failures, shrunk
                failures.append(f"{operation.label} ({mode.value}): {e}")
    return sent, failures


def test_api_schema_answers_every_request_as_documented(
    tmp_path_factory: pytest.TempPathFactory, resources: Resources
) -> None:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'web.sqlite'}"
    build_database(url, resources)
    with open_store(url) as store, serving(store, write_token=TOKEN) as base_url:
        sent, failures = schema_failures(
            base_url, examples=EXAMPLES, headers={"Authorization": f"Bearer {TOKEN}"}
        )
    assert not failures, "\n\n".join(failures)
    assert sent >= 10 * EXAMPLES, f"only {sent} requests were made"

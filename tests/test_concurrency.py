"""Several processes writing one store at once (store.concurrency): nothing lost, nothing duplicated, and
the database one ingest of all their articles gives; on SQLite and on a real PostgreSQL."""

from __future__ import annotations

import dataclasses
import pickle
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, create_engine, make_url, select

from conflictdb import pipeline
from conflictdb.records import Article, Mention
from conflictdb.resolve.duplicates import load_duplicate_lexicon
from conflictdb.resolve.link import load_link_lexicon
from conflictdb.resources import Resources
from conflictdb.store import MIGRATIONS, open_store, resolution, schema
from conflictdb.store.concurrency import refresh_resolution_state, write_transaction
from conflictdb.store.identity import article_identity
from tests.conftest import CORPUS

# Files alternate between the two processes, so each incident that several articles tell (cdb001-003,
# 004-005, 008-009, 010-011) has articles in both; cdb012-017 go to both.
FILES = sorted((CORPUS / "articles").glob("*.txt"))
SHARED = FILES[11:17]
FIRST = sorted({*FILES[0::2], *SHARED})
SECOND = sorted({*FILES[1::2], *SHARED})

# Every process started by `at_once` calls this where it must wait until all are there, to go on together.
BARRIER = """
import os, sys, time
from pathlib import Path

def wait_for_the_others():
    Path(sys.argv[1], f"ready-{os.getpid()}").touch()
    while not Path(sys.argv[1], "go").exists():
        time.sleep(0.005)
"""

# One ingesting process (what `conflictdb ingest` does once articles are extracted; they were extracted
# here, once): open the store, then with the others store the articles, linked, `chunk_size` per transaction.
INGEST = (
    BARRIER
    + """
import pickle
from conflictdb.store import open_store
url, chunk_size, results = sys.argv[2:]
with open_store(url) as store:
    results = pickle.loads(Path(results).read_bytes())
    wait_for_the_others()
    counts = store.add_batch(results, link=True, chunk_size=int(chunk_size))
print(counts.new, counts.unchanged, counts.failed, counts.mentions, counts.incidents + counts.background)
"""
)

# A process opening, so migrating, a store at the same moment as others.
OPEN = (
    BARRIER
    + """
from conflictdb.store import open_store
wait_for_the_others()
with open_store(sys.argv[2]) as store:
    print(store.stats().schema_version)
"""
)

# A second writer: takes the write lock, then reads the incidents the first writer committed meanwhile.
WRITER = """
import sys
import threading
from sqlalchemy import select
from conflictdb.store import open_store, schema
from conflictdb.resolve.duplicates import load_duplicate_lexicon
from conflictdb.resolve.link import load_link_lexicon
from conflictdb.store import resolution
from conflictdb.store.concurrency import refresh_resolution_state, write_transaction

with open_store(sys.argv[1]) as store:
    print("locking", flush=True)
    with write_transaction(store.engine) as conn:
        print("saw", *conn.execute(select(schema.incidents.c.id)).scalars())
"""

Result = tuple[Article, list[Mention]]


@pytest.fixture(scope="module")
def extracted(resources: Resources) -> dict[Path, Result]:
    """Every article of the corpus read and extracted, by file."""
    return {path: pipeline.extract_records([path], resources, link=False)[0] for path in FILES}


def at_once(script: str, arguments: list[list[str]], workdir: Path) -> list[str]:
    """Run the script in one process per list of arguments, all past its barrier together; their output."""
    barrier = workdir / "barrier"
    barrier.mkdir()
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(barrier), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in arguments
    ]
    try:
        deadline = time.monotonic() + 120
        while len(list(barrier.glob("ready-*"))) < len(processes):
            if any(p.poll() is not None for p in processes):  # one died before the barrier: say why
                for p in processes:
                    p.kill()
                pytest.fail(f"a process died before the barrier: {[p.communicate() for p in processes]}")
            assert time.monotonic() < deadline, "the processes never got ready"
            time.sleep(0.02)
        (barrier / "go").touch()
        outputs = [p.communicate(timeout=300) for p in processes]
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (_, err) in zip(processes, outputs, strict=True):
        assert p.returncode == 0, err
    return [out.strip() for out, _ in outputs]


def ingest_at_once(url: str, batches: list[list[Result]], workdir: Path, *, chunk_size: int) -> list[str]:
    """One process per batch of articles, all storing at the same moment into an opened store."""
    arguments = []
    for n, batch in enumerate(batches):
        (workdir / f"batch{n}.pickle").write_bytes(pickle.dumps(batch))
        arguments.append([url, str(chunk_size), str(workdir / f"batch{n}.pickle")])
    return at_once(INGEST, arguments, workdir)


def ingest_once(url: str, batch: list[Result]) -> None:
    """One ingest, in this process, of every article in one batch."""
    with open_store(url) as store:
        store.add_batch(batch, link=True)


def renamed_copy(article: Article, mentions: list[Mention]) -> Result:
    """The same article under another id."""
    new_id = f"{article.id}-again"
    return dataclasses.replace(article, id=new_id), [
        dataclasses.replace(m, article_id=new_id) for m in mentions
    ]


def snapshot(url: str) -> dict[str, list[Any]]:
    """Every stored row, with row ids left out and what names depend on the order articles came in told
    by what they stand for: an incident by its mentions, a near-duplicate group (named for its first article)
    by its articles. The incidents' notes, which quote the claim stored last, are left out."""
    a, i, m, c, f = schema.articles, schema.incidents, schema.mentions, schema.claims, schema.figures
    with open_store(url) as store, store.engine.connect() as conn:
        mention_key = {
            row_id: f"{article_id}#{idx}"
            for row_id, article_id, idx in conn.execute(select(m.c.id, m.c.article_id, m.c.idx))
        }
        members: dict[str, list[str]] = {}
        for row_id, incident_id in conn.execute(select(m.c.id, m.c.incident_id)):
            members.setdefault(incident_id, []).append(mention_key[row_id])
        incident = {incident_id: tuple(sorted(keys)) for incident_id, keys in members.items()}
        grouped: dict[str, list[str]] = {}
        for article_id, group in conn.execute(select(a.c.id, a.c.source_group)):
            grouped.setdefault(group, []).append(article_id)
        source_group = {group: "+".join(sorted(ids)) for group, ids in grouped.items()}
        claim_key = {
            row_id: f"{mention_key[mention_id]}#{idx}"
            for row_id, mention_id, idx in conn.execute(select(c.c.id, c.c.mention_id, c.c.idx))
        }

        def rows(table: Table, **keys: Callable[[Any], Any]) -> list[Any]:
            found = []
            for row in conn.execute(select(table)).mappings():
                values = {k: v for k, v in row.items() if k not in ("id", "ingested_at", "notes")}
                values |= {name: key(row) for name, key in keys.items()}
                found.append(sorted((k, repr(v)) for k, v in values.items()))
            return sorted(found)

        return {
            "articles": rows(a, source_group=lambda row: source_group[row["source_group"]]),
            "incidents": rows(
                i,
                members=lambda row: incident.get(row["id"]),
                figures_json=lambda row: re.sub(
                    r'"group ([^"]+)"', lambda g: f'"group {source_group[g[1]]}"', row["figures_json"] or ""
                ),
            ),
            "mentions": rows(m, incident_id=lambda row: incident[row["incident_id"]]),
            "claims": rows(c, mention_id=lambda row: mention_key[row["mention_id"]]),
            "figures": rows(f, claim_id=lambda row: claim_key[row["claim_id"]]),
            "word frequencies": rows(schema.term_frequencies),
        }


@pytest.fixture
def union_url(request: pytest.FixtureRequest, database_url: str, tmp_path: Path) -> str:
    """A second empty database on the same backend as `database_url`, for the one-ingest reference."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'union.sqlite'}"
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    request.addfinalizer(lambda: server.drop_database(url))
    return url


def incident_membership(url: str) -> tuple[list[str | None], set[str]]:
    """The incident each stored mention names, and the ids of the stored incidents."""
    with open_store(url) as store, store.engine.connect() as conn:
        named = list(conn.execute(select(schema.mentions.c.incident_id)).scalars())
        stored = set(conn.execute(select(schema.incidents.c.id)).scalars())
    return named, stored


# What concurrent ingests promise: every article stored once, and the same articles, mentions, claims,
# figures and word frequencies as one ingest of all of them. Which incidents the mentions form may depend
# on which process commits first (a mention can only join what is already stored), so the grouping is
# checked for soundness, not compared: every mention in exactly one stored incident, none empty.
PROMISED = ("articles", "mentions", "claims", "figures", "word frequencies")


@pytest.mark.parametrize("chunk_size", [2, 200])  # turn by turn, and each ingest in one transaction
def test_concurrency_two_ingests_at_once_give_the_database_of_one(
    database_url: str, union_url: str, tmp_path: Path, extracted: dict[Path, Result], chunk_size: int
) -> None:
    batches = [[extracted[path] for path in files] for files in (FIRST, SECOND)]
    outputs = ingest_at_once(database_url, batches, tmp_path, chunk_size=chunk_size)
    counts = [tuple(map(int, out.split())) for out in outputs]
    assert [failed for _, _, failed, _, _ in counts] == [0, 0]
    assert sum(new for new, _, _, _, _ in counts) == len(FILES)  # every article stored, and once
    assert sum(unchanged for _, unchanged, _, _, _ in counts) == len(SHARED)
    ingest_once(union_url, list(extracted.values()))
    union, both = snapshot(union_url), snapshot(database_url)
    assert len(union["articles"]) == len(FILES) and len(union["incidents"]) < len(union["mentions"])
    for table in PROMISED:
        rows = union[table] if table != "mentions" else strip_incidents(union[table])
        found = both[table] if table != "mentions" else strip_incidents(both[table])
        assert found == rows, table
    named, stored = incident_membership(database_url)
    assert None not in named and set(named) == stored  # each mention in one incident; no empty incident
    # each process counts what it added, not what the other added meanwhile
    assert sum(mentions for *_, mentions, _ in counts) == len(union["mentions"])
    assert sum(incidents for *_, incidents in counts) == len(stored)


def strip_incidents(rows: list[Any]) -> list[Any]:
    """Snapshot rows of mentions without the incident they joined."""
    return sorted([(k, v) for k, v in row if k != "incident_id"] for row in rows)


def test_concurrency_same_texts_at_once_are_stored_once(
    database_url: str, tmp_path: Path, extracted: dict[Path, Result]
) -> None:
    batch = [extracted[path] for path in SHARED]
    renamed = [renamed_copy(article, mentions) for article, mentions in batch]  # same texts, other ids
    outputs = ingest_at_once(database_url, [batch, batch, renamed], tmp_path, chunk_size=1)
    counts = [tuple(map(int, out.split())) for out in outputs]
    assert [failed for _, _, failed, _, _ in counts] == [0, 0, 0]
    assert sum(new for new, _, _, _, _ in counts) == len(SHARED)  # each text stored by whoever came first
    with open_store(database_url) as store:
        stats = store.stats()
        assert (stats.articles, stats.mentions) == (len(SHARED), sum(len(ms) for _, ms in batch))


@pytest.mark.parametrize("processes", [3, 6])
def test_concurrency_processes_opening_an_empty_database_at_once_migrate_it_once(
    database_url: str, tmp_path: Path, processes: int
) -> None:
    if database_url.startswith("sqlite"):  # a file that does not exist yet: each also switches it to WAL
        assert not Path(make_url(database_url).database or "").exists()
    assert at_once(OPEN, [[database_url]] * processes, tmp_path) == [str(len(MIGRATIONS))] * processes
    with open_store(database_url) as store, store.engine.connect() as conn:
        applied = conn.execute(select(schema.schema_version.c.version)).scalars().all()
    assert sorted(applied) == list(range(1, len(MIGRATIONS) + 1))


def test_concurrency_writers_wait_for_each_other(database_url: str) -> None:
    with open_store(database_url) as store:
        assert store.stats().schema_version == len(MIGRATIONS)
        with write_transaction(store.engine) as first:
            first.execute(schema.incidents.insert().values(id="held"))
            waiting = subprocess.Popen(
                [sys.executable, "-c", WRITER, database_url],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            assert waiting.stdout is not None and waiting.stdout.readline() == "locking\n"
            time.sleep(1)
            assert waiting.poll() is None  # still waiting for the lock this transaction holds
        out, err = waiting.communicate(timeout=60)
        assert waiting.returncode == 0, err
        assert out.split() == ["saw", "held"]  # and once it had the lock, it read what was committed


@pytest.mark.postgresql
def test_concurrency_postgresql_writers_read_committed(postgres_url: str) -> None:
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # a server set up otherwise
        name = make_url(postgres_url).database
        conn.exec_driver_sql(
            f"ALTER DATABASE \"{name}\" SET default_transaction_isolation = 'repeatable read'"
        )
    admin.dispose()
    show = "SHOW transaction_isolation"
    with open_store(postgres_url) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql(show).scalar() == "repeatable read"
        with write_transaction(store.engine) as conn:
            assert conn.exec_driver_sql(show).scalar() == "read committed"  # what the lock's safety rests on


def test_concurrency_batch_state_is_read_again_after_another_writer(
    database_url: str, extracted: dict[Path, Result]
) -> None:
    first, second = extracted[FILES[0]], extracted[FILES[1]]  # two reports of one incident
    lexicons = (load_link_lexicon(), load_duplicate_lexicon())
    with open_store(database_url) as store, open_store(database_url) as elsewhere:
        store.add_batch([first], link=True)
        with store.engine.connect() as conn:
            state = resolution.load_state(conn, *lexicons)
        with write_transaction(store.engine) as conn:
            assert refresh_resolution_state(conn, state) is False  # nothing changed, nothing read again
        elsewhere.add_batch([second], link=True)  # what another process does meanwhile
        first_id, second_id = article_identity(first[0]), article_identity(second[0])  # as stored
        kept, moved = f"{first_id}#0", f"{second_id}#0"
        with elsewhere.engine.connect() as conn:
            m = schema.mentions
            incident = conn.execute(select(m.c.incident_id).where(m.c.article_id == first_id)).scalar()
        elsewhere.split_incident(incident, [moved], by="analyst")
        words = resolution.mention_terms(second[0], second[1][0], lexicons[0])
        with write_transaction(store.engine) as conn:
            assert refresh_resolution_state(conn, state) is True
            expected = resolution.load_state(conn, *lexicons)
            counted = resolution.term_counts(conn, words)  # the word frequencies, read under the lock
        assert state.documents == expected.documents
        assert set(counted) == set(words)  # the other writer's words are counted
        assert frozenset((kept, moved)) in state.cannot_link


def test_concurrency_readers_do_not_wait_for_a_writer(database_url: str) -> None:
    with open_store(database_url) as store, write_transaction(store.engine):
        started = time.monotonic()
        with open_store(database_url) as reader:  # opening a migrated store takes no lock
            assert reader.stats().incidents == 0
        # wall time: a reader that waited for the writer would wait its busy timeout (60 s) and fail
        assert time.monotonic() - started < 5, "the reader waited for the writer's lock"


def test_concurrency_opening_a_new_sqlite_file_waits_while_another_process_holds_it(tmp_path: Path) -> None:
    """Switching a new file to WAL needs it to itself; SQLite refuses at once, without waiting its busy
    timeout, while another connection holds the write lock (as a process migrating the file does)."""
    path = tmp_path / "new.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE first_writer (x INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO first_writer VALUES (1)")
    release = threading.Timer(0.5, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    try:
        with open_store(f"sqlite:///{path}") as store, store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert store.stats().schema_version == len(MIGRATIONS)
    finally:
        release.join()
        holder.close()
    assert time.monotonic() - started >= 0.4  # it waited for the other writer instead of failing

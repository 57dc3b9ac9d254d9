"""API latency: 10,000 synthetic incidents in SQLite, the real server on loopback, median GET /api/incidents.

    .venv/bin/python bench/api.py [--incidents 10000] [--requests 200] [--db out/bench-api.sqlite]

Synthetic articles and mentions are stored through the store (store.add_batch), one incident each; the
server is uvicorn in a thread on a free 127.0.0.1 port; requests go over loopback with httpx. Prints the
median and 95th percentile per query and exits non-zero if a median is over the target (200 ms).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from conflictdb.api import create_app
from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Mention,
    Outcome,
    Place,
    Span,
)
from conflictdb.store import open_store

TARGET_MS = 200.0
PLACES = [
    ("Baidoa", "SO", "Bay", 3.11, 43.65),
    ("Maiduguri", "NG", "Borno", 11.85, 13.16),
    ("Taiz", "YE", "Taizz", 13.58, 44.02),
    ("Kanbalu", "MM", "Sagaing", 23.20, 95.52),
    ("El Fasher", "SD", "North Darfur", 13.63, 25.35),
    ("Kherson", "UA", "Kherson", 46.64, 32.61),
]
TYPES = [
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    ("Violence against civilians", "Attack"),
    ("Battles", "Armed clash"),
]
QUERIES = [
    ("default page (50, newest first)", {}),
    ("country + min_deaths", {"country": "NG", "min_deaths": 5}),
    ("text search q", {"q": "market"}),
    ("sorted by deaths, page 20", {"sort": "-fatalities", "offset": 1000}),
]


def synthetic(i: int, rng: random.Random) -> tuple[Article, list[Mention]]:
    """One invented article telling one incident with one claim."""
    name, country, admin1, lat, lon = rng.choice(PLACES)
    event_type, sub_event_type = rng.choice(TYPES)
    killed = rng.randint(0, 40)
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3650))
    sentence = f"An attack near the market in {name} on Monday killed {killed} civilians, officials said."
    text = f"{sentence}\n\nReport number {i}."
    article = Article(
        id=f"bench-{i}",
        source=f"bench/{i}.txt",
        text=text,
        clean_text=text,
        outlet=f"Outlet {i % 37}",
        published=day,
    )
    claim = Claim(
        evidence=Span(0, len(sentence)),
        figures=(
            Figure(Outcome.KILLED, Category.CIVILIANS, killed, killed, words=f"killed {killed} civilians"),
        ),
        speaker="officials",
    )
    mention = Mention(
        article_id=article.id,
        event_type=event_type,
        sub_event_type=sub_event_type,
        date=DateValue(day, DatePrecision.DAY, "on Monday"),
        place=Place(
            name, country=country, admin1=admin1, lat=lat + rng.uniform(-0.3, 0.3), lon=lon, precision=1
        ),
        claims=(claim,),
        perpetrator="gunmen",
        target="civilians",
        span=Span(0, len(sentence)),
        incident_id=f"bench-inc-{i}",
    )
    return article, [mention]


def fill(url: str, count: int) -> None:
    """Store `count` synthetic incidents unless the database already has them."""
    rng = random.Random(7)
    with open_store(url) as store:
        have = store.stats().incidents
        if have >= count:
            print(f"{url}: {have} incidents already stored")
            return
        started = time.perf_counter()
        store.add_batch(synthetic(i, rng) for i in range(have, count))
        print(f"stored {count - have} synthetic incidents in {time.perf_counter() - started:.1f} s")


def serve_in_thread(url: str) -> tuple[uvicorn.Server, threading.Thread, str]:
    """The app on uvicorn in a thread, on a free loopback port."""
    store = open_store(url)
    server = uvicorn.Server(uvicorn.Config(create_app(store), host="127.0.0.1", port=0, log_level="warning"))
    sock = server.config.bind_socket()
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    host, port = sock.getsockname()[:2]
    return server, thread, f"http://{host}:{port}"


def measure(base: str, params: dict[str, object], requests: int) -> list[float]:
    """Milliseconds per GET /api/incidents, after a few warm-up requests."""
    times = []
    with httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
        for _ in range(5):
            client.get("/api/incidents", params=params).raise_for_status()
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get("/api/incidents", params=params)
            times.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", type=Path, default=Path("out/bench-api.sqlite"))
    args = parser.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{args.db}"
    fill(url, args.incidents)
    server, thread, base = serve_in_thread(url)
    worst = 0.0
    try:
        for label, params in QUERIES:
            times = sorted(measure(base, params, args.requests))
            median = statistics.median(times)
            p95 = times[int(0.95 * (len(times) - 1))]
            worst = max(worst, median)
            print(f"GET /api/incidents {label:<34} median {median:6.1f} ms   p95 {p95:6.1f} ms")
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"median latency target < {TARGET_MS:.0f} ms: {'met' if worst < TARGET_MS else 'MISSED'}")
    return 0 if worst < TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())

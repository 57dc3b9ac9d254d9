"""Does the grouping depend on arrival or commit order? Each corpus is extracted once, then grouped into
incidents every way an analyst might load it, and each way is compared with `extract` (one batch, the
reference): the incidents (told as news) it gives, and the mention pairs that one side puts in one incident
and the other does not.

    python bench/arrival_order.py [CORPUS ...]    # default: acled-dev and news in ../shared/corpus

Ways: `ingest` in one batch; one article at a time in publication order; one at a time in reverse order;
two `ingest` processes at once into one SQLite file (articles dealt alternately, two per transaction).
Prints counts only (the news corpus holds a set-aside third: no pair or id is listed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import pickle
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from itertools import combinations
from pathlib import Path

from sqlalchemy import func, select

from conflictdb import pipeline
from conflictdb.records import Article, Mention
from conflictdb.resources import Resources, loaded_resources
from conflictdb.store import open_store, schema

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {"acled-dev": "acled-dev/articles", "news": "news/articles.jsonl"}
Result = tuple[Article, list[Mention]]
Key = tuple[str, int]

# One ingesting process of the concurrent way: stores its articles, linked, two per transaction, starting
# when the file `go` appears beside its pickle.
INGEST = """
import pickle, sys, time
from pathlib import Path
from conflictdb.store import open_store
url, batch = sys.argv[1:]
results = pickle.loads(Path(batch).read_bytes())
with open_store(url) as store:
    Path(batch + ".ready").touch()
    while not Path(batch).with_name("go").exists():
        time.sleep(0.005)
    store.add_batch(results, link=True, chunk_size=2)
"""


def in_publication_order(results: Iterable[Result]) -> list[Result]:
    """Oldest first, undated last, ties by id."""
    return sorted(results, key=lambda r: (r[0].published is None, r[0].published or dt.date.min, r[0].id))


def told(results: Sequence[Result]) -> set[Key]:
    """The mentions told as news (background ones are their own records in every way)."""
    return {(m.article_id, m.index) for _, ms in results for m in ms if not m.background}


def pairs(incident_of: dict[Key, str], keys: set[Key]) -> tuple[int, set[tuple[Key, Key]]]:
    """(incidents, mention pairs in one incident) of a grouping, over the mentions told as news."""
    groups: dict[str, list[Key]] = {}
    for key in sorted(keys):
        groups.setdefault(incident_of[key], []).append(key)
    return len(groups), {pair for members in groups.values() for pair in combinations(members, 2)}


def by_extract(results: list[Result], resources: Resources) -> dict[Key, str]:
    linked = pipeline.link_incidents(results, resources)
    return {(m.article_id, m.index): m.incident_id or "" for _, ms in linked for m in ms}


def stored(url: str) -> dict[Key, str]:
    """The stored mentions' incidents, keyed by the name their article was read under (extract's id)."""
    with open_store(url) as store, store.engine.connect() as conn:
        m, a = schema.mentions, schema.articles
        name = func.coalesce(a.c.name, a.c.id)
        rows = conn.execute(select(name, m.c.idx, m.c.incident_id).join(a, a.c.id == m.c.article_id)).all()
    return {(article, i): incident for article, i, incident in rows}


def by_ingest(results: list[Result], url: str, *, one_at_a_time: bool) -> dict[Key, str]:
    with open_store(url) as store:
        if one_at_a_time:
            for result in results:
                store.add_batch([result], link=True)
        else:
            store.add_batch(results, link=True)
    return stored(url)


def by_two_at_once(results: list[Result], url: str, work: Path) -> dict[Key, str]:
    """Two processes storing alternate articles into one store at the same moment."""
    with open_store(url):
        pass  # created and migrated before the two start
    processes = []
    for n in range(2):
        batch = work / f"half{n}.pickle"
        batch.write_bytes(pickle.dumps(results[n::2]))
        processes.append(subprocess.Popen([sys.executable, "-c", INGEST, url, str(batch)]))
    while not all((work / f"half{n}.pickle.ready").exists() for n in range(2)):
        if any(p.poll() is not None for p in processes):
            raise SystemExit("an ingesting process died before it was ready")
    (work / "go").touch()
    if any(p.wait() != 0 for p in processes):
        raise SystemExit("an ingesting process failed")
    return stored(url)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("corpora", nargs="*", default=list(CORPORA), help=", ".join(CORPORA))
    args = parser.parse_args()
    print(f"{'corpus / way':44s}{'incidents':>10s}{'pairs':>8s}{'differing pairs':>17s}")
    with loaded_resources() as resources:
        extracted = {
            name: in_publication_order(
                pipeline.extract_records([SHARED / "corpus" / CORPORA[name]], resources, link=False)
            )
            for name in args.corpora
        }
    for name, results in extracted.items():
        work = Path(tempfile.mkdtemp(prefix=f"arrival-{name}-"))
        url = f"sqlite:///{work}/{{}}.db".format
        groupings = {
            "extract (reference)": by_extract(results, resources),
            "ingest, one batch": by_ingest(results, url("batch"), one_at_a_time=False),
            "ingest, one at a time": by_ingest(results, url("one"), one_at_a_time=True),
            "ingest, one at a time, newest first": by_ingest(results[::-1], url("back"), one_at_a_time=True),
            "two ingests at once": by_two_at_once(results, url("two"), work),
        }
        keys = told(results).intersection(*groupings.values())
        reference = pairs(groupings["extract (reference)"], keys)[1]
        for way, grouping in groupings.items():
            incidents, found = pairs(grouping, keys)
            print(f"{name + ' ' + way:44s}{incidents:10d}{len(found):8d}{len(found ^ reference):17d}")


if __name__ == "__main__":
    main()

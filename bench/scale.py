"""Scale benchmark: a stream of 100,000 generated news articles through `conflictdb ingest`.

The stream reads like a monitor's daily intake: `--rate` articles a day, one day after another, each made
from the project's own articles with its numbers, weekdays and dates varied (bench/speed.py) and moved to
a province and towns drawn from the offline gazetteer, so that each tells its own incidents: copies of one
article in the same province within a couple of days would rightly be linked into one. The store is built
in stages that end when it holds about 1k, 10k and 100k incidents (`--stages`) and at the stream's end;
after each stage the next `--more` articles of the stream are ingested into a copy of it: their speed
against the size of the store (its articles and incidents) is the growth curve. Because the news keeps
its rate, what grows is the store, not the number of reports of one day.

Reports articles/s and the peak memory of the whole process tree (the main process and its workers),
for the local engine with `--workers` processes, Dask with 2 workers, and a single process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import _MONTH, _YEAR, SOURCES, vary  # noqa: E402  (bench/ is not a package)

from conflictdb import pipeline  # noqa: E402
from conflictdb.errors import raise_error  # noqa: E402
from conflictdb.geo.gazetteer import Gazetteer  # noqa: E402
from conflictdb.ingest import read_text_article  # noqa: E402
from conflictdb.records import Mention, Place  # noqa: E402
from conflictdb.resources import Resources, loaded_resources  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
_STORE_COUNTS = re.compile(r"store: (?P<articles>\d+) articles, (?P<incidents>\d+) incidents")
_DATE = re.compile(r"\b(?:19[89]\d|20[0-2]\d)\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b")
_DATELINE_WORDS = 10  # "Frontier Tribune | July 18, 2023", "March 4, 2018 / 9:12 AM": a lead is longer
_SENTENCE_END = re.compile(r"(?<![ap]\.m)[.!?\"”]\s*$", re.IGNORECASE)  # not "9:12 a.m."
_TOWN_POPULATION = 15_000  # towns a news report would name, about 34,000 in some 2,800 provinces
_ASCII_NAME = re.compile(r"[A-Z][A-Za-z' -]+[a-z]")
# words around a place name in the text that are not the name: "Khogyani district", "Nangarhar's provincial"
_GENERIC = frozenset({"district", "province", "provincial", "state", "region", "township", "lga", "city",
                     "raion", "governorate", "county", "area", "territory", "town", "village",
                     "capital"})  # fmt: skip
_CAPITALISED = re.compile(r"(?<![\w-])(?=([A-Z][\w-]+(?: [A-Z][\w-]+)?))")  # overlapping: "In Nigeria"


def redate(text: str, day: dt.date) -> str:
    """The article as published on `day`: its dateline replaced, its years and months moved to that day's.

    Of the first lines, those that are only a date or a dateline are dropped; a lead paragraph stays.
    """
    title, _, body = text.partition("\n")
    lines = body.splitlines()
    head = [line for line in lines[:4] if not _is_dateline(line)]
    body = "\n".join([f"Published: {day:%B} {day.day}, {day.year}", *head, *lines[4:]])
    body = _YEAR.sub(str(day.year), body)
    return f"{title}\n{_MONTH.sub(f'{day:%B}', body)}"


def _is_dateline(line: str) -> bool:
    """A line that is only a date or a dateline ("Published: 2019-04-12"), not a sentence."""
    return (
        bool(_DATE.search(line)) and len(line.split()) <= _DATELINE_WORDS and not _SENTENCE_END.search(line)
    )


@dataclass(frozen=True, slots=True)
class Atlas:
    """Real places to move a story to: provinces (country, admin1), their towns, and country names."""

    admin1s: tuple[tuple[str, str], ...]
    towns: dict[tuple[str, str], tuple[str, ...]]
    admin1s_of: dict[str, tuple[tuple[str, str], ...]]
    country_names: dict[str, str]


def _readable_country(name: str) -> str:
    """A country's name in reading order: "Congo, The Democratic Republic of the" -> "The ... Congo"."""
    head, _, tail = name.partition(", ")
    return f"{tail} {head}" if tail else name


def load_atlas(gazetteer: Gazetteer, *, min_population: int = _TOWN_POPULATION) -> Atlas:
    """Towns of at least `min_population` in the offline gazetteer, by province, with plain ASCII names."""
    # the gazetteer has no call listing its towns; its store is read directly, read-only
    with closing(sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)) as connection:
        countries = connection.execute("SELECT country, name FROM places WHERE kind = 'country'").fetchall()
        rows = connection.execute(
            "SELECT ascii_name, admin1, country FROM places WHERE kind = 'city' AND population >= ? "
            "AND admin1 IS NOT NULL ORDER BY country, admin1, population DESC",
            (min_population,),
        ).fetchall()
    names = {}
    for code, name in countries:
        for candidate in (_readable_country(name), name):
            if code and gazetteer.country_code(candidate) == code:
                names[code] = candidate
                break
    towns: dict[tuple[str, str], list[str]] = {}
    for town, admin1, country in rows:
        if country in names and _ASCII_NAME.fullmatch(town) and _ASCII_NAME.fullmatch(admin1):
            towns.setdefault((country, admin1), []).append(town)
    admin1s_of: dict[str, list[tuple[str, str]]] = {}
    for key in towns:
        admin1s_of.setdefault(key[0], []).append(key)
    return Atlas(
        admin1s=tuple(towns),
        towns={key: tuple(names_) for key, names_ in towns.items()},
        admin1s_of={country: tuple(keys) for country, keys in admin1s_of.items()},
        country_names=names,
    )


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place name as the template writes it, and what it names: a town or district (`key`, in province
    `admin1`), a province (`key`), or the country."""

    text: str
    kind: str  # "town", "admin1" or "country"
    key: str
    country: str
    admin1: str | None = None


@dataclass(frozen=True, slots=True)
class Template:
    """A source article, the names in it of the places in its main country, a pattern finding them as
    written or in capitals (a dateline), longest first, as whole words, and how many incidents it tells."""

    text: str
    names: tuple[PlaceName, ...]
    pattern: re.Pattern[str] | None
    mentions: int

    @classmethod
    def of(cls, text: str, names: tuple[PlaceName, ...], *, mentions: int) -> Template:
        forms = sorted({f for n in names for f in (n.text, n.text.upper())}, key=len, reverse=True)
        pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, forms)) + r")(?![\w-])")
        return cls(text, names, pattern if names else None, mentions)


def _written(words: str) -> str:
    """The name in the words a place was read from: "Nangarhar's provincial" -> "Nangarhar"."""
    tokens = re.split(r"['’]s\b", words, maxsplit=1)[0].split()
    while tokens and (tokens[0][0].islower() or tokens[0].lower() in _GENERIC):
        tokens.pop(0)
    while tokens and tokens[-1].lower() in _GENERIC:
        tokens.pop()
    return " ".join(tokens)


def _names_of(place: Place, country: str) -> Iterator[PlaceName]:
    """What a place below the country may be called in the text, with the role of each name; the first
    of a name wins."""
    if place.words:
        written = _written(place.words)
        if written == place.name:
            yield PlaceName(written, "town", place.name, country, place.admin1)
        elif written == place.admin1 or place.precision == 3:
            yield PlaceName(written, "admin1", place.admin1 or written, country)
        elif written == place.admin2:
            yield PlaceName(written, "town", written, country, place.admin1)
        else:
            yield PlaceName(written, "town", place.name, country, place.admin1)
    yield PlaceName(place.name, "town", place.name, country, place.admin1)
    if place.admin2:
        yield PlaceName(place.admin2, "town", place.admin2, country, place.admin1)
    if place.admin1:
        yield PlaceName(place.admin1, "admin1", place.admin1, country)


def _in_text(name: str, text: str) -> bool:
    """Whether `name` is in `text` as a whole word, as written or in capitals."""
    forms = f"{re.escape(name)}|{re.escape(name.upper())}"
    return len(name) > 2 and re.search(rf"(?<![\w-])(?:{forms})(?![\w-])", text) is not None


def place_names(text: str, mentions: Sequence[Mention], gazetteer: Gazetteer) -> tuple[PlaceName, ...]:
    """The names in `text` of the places its mentions were resolved to in their main country, and of the
    country itself; places abroad ("Moscow said") are left as they are."""
    places = [m.place for m in mentions if m.place and m.place.country]
    if not places:
        return ()
    country = Counter(p.country for p in places).most_common(1)[0][0]
    found: dict[str, PlaceName] = {}
    for words in sorted(set(_CAPITALISED.findall(text))):
        for candidate in (words, words.split()[0]):
            if gazetteer.country_code(candidate) == country:
                found.setdefault(candidate, PlaceName(candidate, "country", country, country))
    for place in places:
        if place.country == country:
            for name in _names_of(place, country):
                found.setdefault(name.text, name)
    return tuple(name for written, name in sorted(found.items()) if _in_text(written, text))


def load_templates(resources: Resources) -> list[Template]:
    """The source articles, each with the place names the pipeline reads in it."""
    found = []
    for path in (p for folder in SOURCES for p in sorted(folder.glob("*.txt"))):
        [(_article, mentions)] = pipeline.extract_records(
            [read_text_article(path, inputs=resources.inputs)], resources, link=False, on_error=raise_error
        )
        text = path.read_text(encoding="utf-8")
        found.append((text, place_names(text, mentions, resources.gazetteer), len(mentions)))
    # a place the pipeline read in one article of a country, named in another of it ("Kryvyi Rih")
    known = {name.text: name for _text, names, _count in found for name in names}
    templates = []
    for text, names, count in found:
        written = {name.text for name in names}
        country = names[0].country if names else None
        more = [
            n
            for n in known.values()
            if n.country == country and n.text not in written and _in_text(n.text, text)
        ]
        templates.append(Template.of(text, (*names, *more), mentions=count))
    return templates


def relocate(template: Template, atlas: Atlas, rng: random.Random) -> str:
    """The template moved to a province drawn at random: its towns to towns there, its province to that
    province (a second province of the story to another of the same country), its country to that one."""
    if template.pattern is None:
        return template.text
    main = rng.choice(atlas.admin1s)
    provinces: dict[str | None, tuple[str, str]] = {}
    towns: dict[str, str] = {}

    def province(original: str | None) -> tuple[str, str]:
        if original not in provinces:
            provinces[original] = rng.choice(atlas.admin1s_of[main[0]]) if provinces else main
        return provinces[original]

    new: dict[str, str] = {}
    for name in template.names:
        if name.kind == "country":
            new[name.text] = atlas.country_names[main[0]]
        elif name.kind == "admin1":
            new[name.text] = province(name.key)[1]
        else:
            if name.key not in towns:
                towns[name.key] = rng.choice(atlas.towns[province(name.admin1)])
            new[name.text] = towns[name.key]
    new |= {written.upper(): value.upper() for written, value in new.items()}
    return template.pattern.sub(lambda m: new[m.group(0)], template.text)


@dataclass(frozen=True, slots=True)
class Stream:
    """What the stream is made of: the templates and the atlas of places to move them to."""

    templates: tuple[Template, ...]
    atlas: Atlas

    @classmethod
    def load(cls) -> Stream:
        """Read the templates through the pipeline once, and the towns from its gazetteer."""
        with loaded_resources() as resources:
            return cls(tuple(load_templates(resources)), load_atlas(resources.gazetteer))

    def incidents_per_article(self) -> float:
        """What a stream article should add to the store: its template's mentions, each a new incident."""
        return sum(t.mentions for t in self.templates) / len(self.templates)

    def article(self, rng: random.Random, day: dt.date) -> str:
        """One article of the stream, published on `day`."""
        template = self.templates[rng.randrange(len(self.templates))]
        return redate(vary(relocate(template, self.atlas, rng), rng), day)


def write_stream(
    out: Path, count: int, *, stream: Stream, first: int, rate: int, start: dt.date, seed: int
) -> Path:
    """Articles `first` .. `first + count - 1` of the stream, `rate` a day from `start`, in `out`."""
    rng = random.Random(seed + first)
    out.mkdir(parents=True, exist_ok=True)
    for n in range(first, first + count):
        day = start + dt.timedelta(days=n // rate)
        (out / f"s{n:07d}.txt").write_text(stream.article(rng, day), encoding="utf-8")
    return out


class TreeMemory:
    """Peak resident memory of a process and all its descendants, sampled from /proc twice a second."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _tree_kb(self) -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for stat in Path("/proc").glob("[0-9]*/status"):
            try:
                fields = dict(line.split(":", 1) for line in stat.read_text().splitlines() if ":" in line)
            except OSError:
                continue
            pid = int(stat.parent.name)
            parents[pid] = int(fields["PPid"])
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
        total, stack = 0, [self.pid]
        while stack:
            pid = stack.pop()
            total += rss.get(pid, 0)
            stack.extend(child for child, parent in parents.items() if parent == pid)
        return total

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            self.peak_kb = max(self.peak_kb, self._tree_kb())

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak_kb


def ingest(folder: Path, db: Path, *extra: str) -> dict[str, float]:
    """`conflictdb ingest FOLDER` into a SQLite file: seconds, articles/s, peak memory of the tree."""
    count = sum(1 for _ in folder.glob("*.txt"))
    command = [str(Path(sys.executable).with_name("conflictdb")), "ingest", str(folder)]
    start = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--db", f"sqlite:///{db}", *extra], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    memory = TreeMemory(process.pid)
    output, _ = process.communicate()
    seconds, peak = time.perf_counter() - start, memory.stop()
    if process.returncode:
        raise SystemExit(f"ingest of {folder} failed ({process.returncode}): {output.decode()}")
    store = _STORE_COUNTS.search(output.decode())  # what ingest printed: the store's size after it
    if store is None:
        raise SystemExit(f"ingest of {folder} printed no store counts: {output.decode()}")
    articles, incidents = int(store["articles"]), int(store["incidents"])
    return {
        "articles": count,
        "seconds": round(seconds, 1),
        "articles_per_s": round(count / seconds, 1),
        "peak_rss_mb_all_processes": round(peak / 1024),
        "store_articles_after": articles,
        "store_incidents_after": incidents,
    }


def growth(
    work: Path,
    stream: Stream,
    incidents: list[int],
    *,
    articles: int,
    more: int,
    rate: int,
    workers: int,
    report: Report,
) -> None:
    """The stream into one store in stages, ended when the store holds about `incidents` (the article
    count of a stage from the incidents per article so far) and at the stream's end; after each stage,
    the next `more` articles into a copy of it."""
    start, db, done = dt.date(2019, 1, 1), work / "stream.sqlite", 0
    figures = report.figures["growth"] = {"stages": [], "more_into_store_of": []}
    total_seconds, per_article = 0.0, stream.incidents_per_article()
    targets = [*incidents, None]
    for target in targets:
        stage = articles if target is None else min(articles, max(1, round(target / per_article)))
        if stage <= done:
            continue
        folder = write_stream(
            work / f"stage-{stage}", stage - done, stream=stream, first=done, rate=rate, start=start, seed=3
        )
        aim = target if stage < articles else None  # the stream's end, before or after the target
        step = {"target_incidents": aim, **ingest(folder, db, "--workers", str(workers))}
        total_seconds += step["seconds"]
        figures["stages"].append(step)
        size = f"{step['store_articles_after']:,} articles, {step['store_incidents_after']:,} incidents"
        print(f"stream articles {done:,}..{stage:,}, store now {size}: {step}", flush=True)
        shutil.rmtree(folder)
        done, per_article = stage, step["store_incidents_after"] / stage
        nxt = write_stream(
            work / f"more-{stage}", more, stream=stream, first=stage, rate=rate, start=start, seed=3
        )
        copy = work / f"copy-{stage}.sqlite"
        shutil.copy(db, copy)
        after = ingest(nxt, copy, "--workers", str(workers))
        after["store_articles_before"] = step["store_articles_after"]
        after["store_incidents_before"] = step["store_incidents_after"]
        figures["more_into_store_of"].append(after)
        print(f"{more:,} more into a store of {size}: {after}", flush=True)
        copy.unlink()
        shutil.rmtree(nxt)
        report.save()
    last = figures["stages"][-1]
    figures["stream"] = {
        "articles": done,
        "seconds": round(total_seconds, 1),
        "articles_per_s": round(done / total_seconds, 1),
        "peak_rss_mb_all_processes": max(s["peak_rss_mb_all_processes"] for s in figures["stages"]),
        "store_articles": last["store_articles_after"],
        "store_incidents": last["store_incidents_after"],
        "incidents_per_article": round(last["store_incidents_after"] / done, 3),
    }
    print(f"stream of {done:,} articles, local engine, {workers} workers: {figures['stream']}")


def whole(
    work: Path, stream: Stream, name: str, count: int, *, rate: int, extra: list[str], report: Report
) -> None:
    """All `count` articles of the stream into a fresh store in one ingest."""
    folder = work / "all"
    if not folder.exists():
        write_stream(folder, count, stream=stream, first=0, rate=rate, start=dt.date(2019, 1, 1), seed=3)
    report.figures[name] = ingest(folder, work / f"{name}.sqlite", *extra)
    print(f"{name}: {report.figures[name]}", flush=True)
    (work / f"{name}.sqlite").unlink()
    report.save()


@dataclass(frozen=True, slots=True)
class Report:
    """The figures so far and where they go, saved after every step so a long run keeps what it measured."""

    path: Path
    figures: dict

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(self.figures, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rate", type=int, default=200, help="articles a day in the stream")
    parser.add_argument("--more", type=int, default=2000, help="articles ingested after each stage")
    parser.add_argument(
        "--stages",
        default="1000,10000,100000",
        help="store sizes in incidents to measure growth at (and the stream's end), comma-separated",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", default="growth,dask,single", help="which runs, comma-separated")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "scale.json")
    args = parser.parse_args()
    runs = set(args.runs.split(","))
    stream = Stream.load()
    work = Path(tempfile.mkdtemp(prefix="conflictdb-scale-"))
    figures = {"articles": args.articles, "rate_per_day": args.rate, "machine_cores": os.cpu_count()}
    report = Report(args.out, figures)
    incidents = sorted(int(n) for n in args.stages.split(","))
    if "growth" in runs:
        growth(
            work,
            stream,
            incidents,
            articles=args.articles,
            more=args.more,
            rate=args.rate,
            workers=args.workers,
            report=report,
        )
    if "dask" in runs:
        extra = ["--engine", "dask", "--workers", "2"]
        whole(work, stream, "dask_2_workers", args.articles, rate=args.rate, extra=extra, report=report)
    if "single" in runs:
        extra = ["--workers", "1"]
        whole(work, stream, "single_process", args.articles, rate=args.rate, extra=extra, report=report)
    shutil.rmtree(work)
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()

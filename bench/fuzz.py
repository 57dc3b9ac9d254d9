"""Fuzz run: seeded bad and odd inputs through the paths `conflictdb ingest` and `conflictdb extract` take.

Every input is a file of one kind (text, HTML, JSON Lines, JSON, WARC, gzipped WARC) made by one of the
generators below from its own seed (`--seed` and its index), so any input can be made again alone
(`--start N --count 1 --keep DIR`). Each file is read by the readers and extracted
(`pipeline.extract_records`), linked and printed as `extract` prints it, and stored
linked in a real SQLite store (`Store.add_batch`), as `ingest` does. The project's own errors are the
expected outcome of bad input; anything else is an uncaught exception and is reported with its class,
the input's index and its generator. Inputs that take longer than `--slow` seconds while smaller than
100 KB are listed (CPU time, so that a busy machine does not make them; an input still running after
`--stop` CPU seconds is stopped there and listed), and the peak memory of the process
(resource.getrusage) is printed.

    .venv/bin/python bench/fuzz.py --count 20000          # make fuzz
    .venv/bin/python bench/fuzz.py --start 1234 --count 1 --keep /tmp/case   # one input again
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLOW_SECONDS = 5.0  # an input smaller than SMALL_BYTES must take less CPU time than this
STOP_SECONDS = 30.0  # an input still running after this much CPU time is stopped and counted slow
SMALL_BYTES = 100_000
DEFAULT_SEED = 17

# --- what the generators draw from: invented reports in our own words ----------------------------------

PLACES = ["Kandahar", "Mosul", "Idlib", "Taiz", "Baidoa", "Maiduguri", "Gao", "Kharkiv", "Goma", "Sittwe"]
ACTORS = ["Gunmen", "Militants", "Soldiers", "A suicide bomber", "Unidentified attackers", "Police"]
VICTIMS = ["civilians", "soldiers", "militants", "policemen", "villagers", "people", "fighters"]
VERBS = ["killed", "wounded", "shot dead", "injured", "abducted"]
SPEAKERS = [
    "a local official said",
    "the army said in a statement",
    "witnesses told reporters",
    "police said",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December", "Jan", "Feb", "Apr", "Aug", "Sept", "Sep", "Dec"]  # fmt: skip
# letters that match an ASCII one in a case-blind pattern while `lower()` keeps them apart
ODD_LETTERS = {"s": ["ſ"], "i": ["İ", "ı"], "k": ["\u212a"], "I": ["İ", "ı"], "S": ["ſ"], "K": ["\u212a"]}
PUNCTUATION = list("()[]{}<>=-_.,;:!?*#~+/\\|\"'`^%$@&") + [
    "…",
    "—",
    "–",
    "«",
    "»",
    "“",
    "”",
    "(…)",
    "=-",
    ". ",
]
ODD_CHARACTERS = [
    "\u200b", "\u200e", "\u202e", "\ufeff", "\u00ad", "\u0301", "\u2028", "\u00a0", "\u3000", "\ufffd",
    "🙂", "ﷺ", "ǅ", "ß", "ﬁ", "İ", "ſ", "\u0307", "١٢٣", "²", "½", "Ⅻ", "𝟗", "\t", "\x85",
]  # fmt: skip


def sentence(rng: random.Random, *, number: str | None = None) -> str:
    """One invented incident sentence: who did what to how many, where, when, said whom."""
    count = number if number is not None else str(rng.randint(1, 60))
    return (
        f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {count} {rng.choice(VICTIMS)} in {rng.choice(PLACES)} "
        f"on {rng.choice(WEEKDAYS)}, {rng.choice(SPEAKERS)}."
    )


def report(rng: random.Random, *, sentences: int | None = None) -> str:
    """A short invented news report: a headline, a dateline with a date, a few incident sentences."""
    place = rng.choice(PLACES)
    date = f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, {rng.randint(1995, 2026)}"
    body = " ".join(sentence(rng) for _ in range(sentences or rng.randint(1, 5)))
    return f"Attack near {place}\n{place.upper()}, {date} - {body}\n"


def oddly_spelled(text: str, rng: random.Random, share: float = 0.3) -> str:
    """The text with some letters swapped for their case-blind look-alikes (ſ, İ, ı, the Kelvin sign)."""
    return "".join(
        rng.choice(ODD_LETTERS[c]) if c in ODD_LETTERS and rng.random() < share else c for c in text
    )


def size(rng: random.Random, *, most: int = 2_000, rare: int = 100_000) -> int:
    """A length: mostly small, now and then up to `rare` (heavy tail), so that big inputs exist but the
    run stays short."""
    return rng.randint(1, most) if rng.random() < 0.9 else rng.randint(most, rare)


# --- generators: each makes one input file (suffix, bytes) from its random source ------------------------


def odd_months(rng: random.Random) -> tuple[str, bytes]:
    """Dates whose month is written with ſ, İ, ı or K, in a metadata line, a dateline or a JSON field."""
    month = oddly_spelled(rng.choice(MONTHS), rng, share=0.7)
    date = rng.choice([f"{month} {rng.randint(1, 31)}, 2024", f"{rng.randint(1, 31)} {month} 2023", month])
    text = oddly_spelled(report(rng), rng, share=0.05)
    if rng.random() < 0.4:
        record = {"text": f"{date}\n{text}", "published": date, "title": f"Published {date}"}
        return ".jsonl", json.dumps(record, ensure_ascii=rng.random() < 0.5).encode()
    head = rng.choice([f"Published: {date}", f"Updated {date}", date, f"Posted on {date} by staff"])
    return ".txt", f"{head}\n{text}".encode()


def huge_numbers(rng: random.Random) -> tuple[str, bytes]:
    """Casualty figures far beyond any toll: 2**63 and above, thousands of digits, long comma groups."""
    choices = [
        str(2**63 + rng.randint(0, 10**6)),
        str(2**64),
        "9" * rng.randint(19, 6000),
        ",".join(["999"] * rng.randint(4, 400)),
        str(rng.randint(10**8, 10**12)),
        "-" + str(2**63),
        " million ".join(["two"] * rng.randint(2, 50)),
        "0" * rng.randint(1, 5000) + "7",
        f"between {2**63} and {2**70}",
        f"{rng.randint(1, 9)}e{rng.randint(10, 400)}",
    ]
    number = rng.choice(choices)
    text = report(rng) + sentence(rng, number=number) + "\n"
    if rng.random() < 0.3:
        line = f'{{"text": {json.dumps(text)}, "count": {rng.choice(["9" * 5000, str(2**64), "1e999"])}}}'
        return ".jsonl", line.encode()
    return ".txt", text.encode()


def punctuation_runs(rng: random.Random) -> tuple[str, bytes]:
    """Runs of one or two punctuation marks, alone or inside a report."""
    unit = "".join(rng.choice(PUNCTUATION) for _ in range(rng.randint(1, 3)))
    run = unit * max(1, size(rng, most=3_000, rare=60_000) // len(unit))
    text = rng.choice([run, f"{report(rng)}{run}\n", f"{run} {sentence(rng)}", run.replace(unit, unit + " ")])
    return ".txt", text.encode()


def long_lines(rng: random.Random) -> tuple[str, bytes]:
    """One very long line: reports without a line break, words without spaces, or many short dated lines."""
    length = size(rng, most=5_000, rare=100_000)
    kind = rng.randrange(4)
    if kind == 0:
        text = ""
        while len(text) < length:
            text += sentence(rng) + " "
    elif kind == 1:
        text = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(length))
    elif kind == 2:
        day = f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2000, 2025)}"
        line = f"{day}: {rng.randint(1, 9)} killed\n"
        text = line * max(1, length // len(line))
    else:
        text = (rng.choice(PLACES) + " ") * max(1, length // 8)
    return rng.choice([".txt", ".txt", ".html"]), text.encode()


def empty_files(rng: random.Random) -> tuple[str, bytes]:
    """Nothing, white space, a byte-order mark, a lone newline, an empty JSON value."""
    data = rng.choice(
        [b"", b" ", b"\n\n\n", b"\xef\xbb\xbf", b"\r\n", b"\t \t", b"{}", b"[]", b"null", b'""']
    )
    return rng.choice([".txt", ".html", ".htm", ".jsonl", ".json", ".warc", ".warc.gz"]), data


def binary(rng: random.Random) -> tuple[str, bytes]:
    """Random bytes, with or without NULs, behind a known magic number or not."""
    data = bytes(rng.randrange(256) for _ in range(size(rng, most=4_000, rare=50_000)))
    if rng.random() < 0.5:
        data = data.replace(b"\x00", b"\x01")
    magic = rng.choice(
        [b"", b"\x89PNG\r\n\x1a\n", b"\x1f\x8b\x08\x00", b"%PDF-1.4\n", b"PK\x03\x04", b"WARC/1.0\r\n"]
    )
    return rng.choice([".txt", ".html", ".jsonl", ".json", ".warc", ".warc.gz"]), magic + data


def odd_encodings(rng: random.Random) -> tuple[str, bytes]:
    """A report in UTF-16, Latin-1, cp1252, with a BOM, CR line ends, broken UTF-8 or encoded surrogates."""
    text = report(rng) + rng.choice(["Café «Abidjan» – 3 tués.", "Ankara’da saldırı: İstanbul", "Ğ ş ı", ""])
    kind = rng.randrange(7)
    if kind == 0:
        data = text.encode(rng.choice(["utf-16", "utf-16-le", "utf-32"]))
    elif kind == 1:
        data = text.encode("latin-1", errors="replace")
    elif kind == 2:
        data = text.encode("cp1252", errors="replace")
    elif kind == 3:
        data = b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode()
    elif kind == 4:
        data = text.replace("\n", "\r").encode()
    elif kind == 5:
        data = text.encode().replace(b" ", b"\xed\xa0\x80", rng.randint(1, 3))  # a surrogate, UTF-8 style
    else:
        raw = bytearray(text.encode())
        for _ in range(rng.randint(1, 5)):
            raw.insert(rng.randrange(len(raw) + 1), rng.choice([0x80, 0xC3, 0xE2, 0xF0, 0xFF, 0xFE]))
        data = bytes(raw)
    return rng.choice([".txt", ".html", ".jsonl"]), data


def odd_characters(rng: random.Random) -> tuple[str, bytes]:
    """A report with invisible, combining, right-to-left, ligature, non-ASCII digit and emoji characters."""
    text = report(rng)
    pieces = list(text)
    for _ in range(rng.randint(1, 40)):
        pieces.insert(rng.randrange(len(pieces) + 1), rng.choice(ODD_CHARACTERS))
    text = "".join(pieces)
    if rng.random() < 0.3:
        return ".jsonl", json.dumps({"text": text, "title": rng.choice(ODD_CHARACTERS)}).encode()
    return ".txt", text.encode()


def _surrogate_escape(rng: random.Random) -> str:
    return rng.choice(["\\ud800", "\\udfff", "\\udc00", "\\ud83d", "\\ud83dx", "\\uDBFF"])


def json_records(rng: random.Random) -> tuple[str, bytes]:
    """JSON Lines and JSON files gone wrong: deep nesting, huge integers, lone surrogate escapes in each
    field, fields of the wrong type, no text, odd numbers (NaN, 1e999), broken syntax, a list of records."""
    good = {"id": f"r{rng.randrange(10**6)}", "text": report(rng), "title": "Attack", "outlet": "Wire",
            "url": "https://news.example/a", "published": "2024-03-05"}  # fmt: skip
    kind = rng.randrange(10)
    if kind == 0:
        depth = rng.choice([rng.randint(10, 500), rng.randint(900, 1100), rng.randint(2000, 100_000)])
        opener, closer = rng.choice([("[", "]"), ('{"a":', "}")])
        line = opener * depth + "1" + closer * depth
    elif kind == 1:
        line = json.dumps(good)[:-1] + f', "n": {"9" * rng.randint(4000, 20_000)}}}'
    elif kind == 2:
        name = rng.choice(["text", "title", "outlet", "url", "id", "published", "maintext"])
        encoded = json.dumps(good)
        line = encoded.replace(f'"{name}": "', f'"{name}": "{_surrogate_escape(rng)}', 1)
        if name not in good:
            line = encoded[:-1] + f', "{name}": "x{_surrogate_escape(rng)}y"}}'
    elif kind == 3:
        name = rng.choice(["text", "title", "outlet", "url", "id", "published"])
        line = json.dumps({**good, name: rng.choice([None, 7, 2**70, [], {}, True, ["a"], {"name": 5}, ""])})
    elif kind == 4:
        line = json.dumps({k: v for k, v in good.items() if k != "text"})
    elif kind == 5:
        line = json.dumps(good)[:-1] + rng.choice(
            [', "x": NaN}', ', "x": Infinity}', ', "x": 1e999}', ', "x": -0}']
        )
    elif kind == 6:
        line = json.dumps(good)[: rng.randrange(1, 60)]
    elif kind == 7:
        line = json.dumps([good, good, 3, "x"])
    elif kind == 8:
        line = json.dumps(
            {"source": {"name": {"deep": 1}}, "maintext": report(rng), "date_publish": "ſept 3 2020"}
        )
    else:
        line = json.dumps({**good, "text": oddly_spelled(good["text"], rng)}, ensure_ascii=False)
    lines = [line] + [json.dumps(good)] * rng.randint(0, 2)
    rng.shuffle(lines)
    return rng.choice([".jsonl", ".jsonl", ".json"]), "\n".join(lines).encode("utf-8", "surrogatepass")


def html_pages(rng: random.Random) -> tuple[str, bytes]:
    """HTML: unclosed and deeply nested tags, script only, odd entities, huge attributes, a report inside."""
    body = "".join(f"<p>{sentence(rng)}</p>" for _ in range(rng.randint(1, 6)))
    kind = rng.randrange(7)
    if kind == 0:
        depth = rng.randint(100, 6000)
        body = "<div>" * depth + body + "</div>" * rng.randint(0, depth)
    elif kind == 1:
        body = "<script>" + "var x = 1;" * rng.randint(1, 500) + "</script>"
    elif kind == 2:
        entity = rng.choice(["&#xD800;", "&#0;", "&#99999999;", "&#x110000;", "&bogus;", "&#65;", "&amp"])
        body = body.replace(" ", f" {entity} ", rng.randint(1, 5))
    elif kind == 3:
        body = f'<p class="{"x" * rng.randint(1000, 80_000)}">{sentence(rng)}</p>'
    elif kind == 4:
        body = body.replace("</p>", "")[: rng.randrange(1, len(body))]
    elif kind == 5:
        body = f"<title>{oddly_spelled(rng.choice(MONTHS), rng, 0.8)} 3, 2024</title>{body}"
    else:
        body = "<" * rng.randint(1, 5000) + body
    page = f"<html><head><meta charset='{rng.choice(['utf-8', 'latin-1', 'bogus', 'utf-16'])}'></head>"
    return rng.choice([".html", ".htm"]), f"{page}<body>{body}</body></html>".encode()


def _warc_record(url: str, payload: bytes, *, length: str | None = None, status: str = "200 OK") -> bytes:
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n".encode() + payload
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2024-03-05T10:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\nWARC-Record-ID: <urn:uuid:0>\r\n"
        "Content-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {length if length is not None else len(http)}\r\n\r\n"
    )
    return head.encode() + http + b"\r\n\r\n"


def warc_files(rng: random.Random) -> tuple[str, bytes]:
    """WARC records with absurd, negative or missing Content-Length, cut off, with broken headers or a
    corrupt gzip stream, around real HTML responses."""
    page = f"<html><body><article><p>{sentence(rng)}</p><p>{sentence(rng)}</p></article></body></html>"
    good = _warc_record(f"https://news.example/{rng.randrange(10**6)}", page.encode())
    kind = rng.randrange(7)
    if kind == 0:
        length = rng.choice([str(2**63), "9" * rng.randint(20, 400), str(2**64 + 1), "1e9", "-5", "", "0x10"])
        data = _warc_record("https://news.example/odd", page.encode(), length=length)
    elif kind == 1:
        data = good[: rng.randrange(1, len(good))]
    elif kind == 2:
        data = good.replace(b"WARC/1.0", rng.choice([b"WARC/9.9", b"", b"HTTP/1.1"]), 1)
    elif kind == 3:
        data = good.replace(b"HTTP/1.1 200 OK", rng.choice([b"HTTP/1.1 200", b"200 OK", b"HTTP/1.1 abc"]), 1)
    elif kind == 4:
        url = rng.choice(["javascript:alert(1)", "https://", "http://bad\u00ff.example/a", "ftp://a/b"])
        data = _warc_record(url, page.encode())
    elif kind == 5:
        data = good + _warc_record("https://news.example/z", b"\x00" * rng.randint(1, 2000))
    else:
        data = good * rng.randint(1, 3)
    if rng.random() < 0.4:
        packed = gzip.compress(data)
        if rng.random() < 0.5:
            packed = packed[: rng.randrange(1, len(packed))]
        return ".warc.gz", packed
    return ".warc", data


def mutated_reports(rng: random.Random) -> tuple[str, bytes]:
    """A good report (text, JSON line or HTML) with random bytes flipped, inserted or cut out."""
    suffix = rng.choice([".txt", ".jsonl", ".html"])
    text = report(rng, sentences=rng.randint(2, 8))
    if suffix == ".jsonl":
        text = json.dumps({"text": text, "published": "March 3, 2024"})
    elif suffix == ".html":
        text = f"<html><body><article><p>{text}</p></article></body></html>"
    data = bytearray(text.encode())
    for _ in range(rng.randint(1, 12)):
        at = rng.randrange(len(data))
        action = rng.randrange(3)
        if action == 0:
            data[at] = rng.randrange(256)
        elif action == 1:
            data.insert(at, rng.randrange(256))
        else:
            del data[at : at + rng.randint(1, 20)]
    return suffix, bytes(data)


GENERATORS: tuple[Callable[[random.Random], tuple[str, bytes]], ...] = (
    odd_months,
    huge_numbers,
    punctuation_runs,
    long_lines,
    empty_files,
    binary,
    odd_encodings,
    odd_characters,
    json_records,
    html_pages,
    warc_files,
    mutated_reports,
)


@dataclass(frozen=True, slots=True)
class Case:
    """One generated input: its index, the generator that made it, and the file's suffix and bytes."""

    index: int
    generator: str
    suffix: str
    data: bytes


def make_case(index: int, *, seed: int = DEFAULT_SEED) -> Case:
    """The input of this index: the same bytes every time for the same seed."""
    rng = random.Random(f"{seed}:{index}")
    generator = GENERATORS[index % len(GENERATORS)]
    suffix, data = generator(rng)
    return Case(index, generator.__name__, suffix, data)


def cases(start: int, count: int, *, seed: int = DEFAULT_SEED) -> Iterator[Case]:
    for index in range(start, start + count):
        yield make_case(index, seed=seed)


# --- running inputs through ingest and extract -------------------------------------------------------------


class InputStopped(BaseException):
    """Raised in the main thread when an input has used up its CPU time (a BaseException: the pipeline's
    catch-all for one article's bugs must not take it for one)."""


@contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """Raise InputStopped once the process has spent `seconds` more CPU time (SIGPROF), when Python next
    runs; off again on the way out."""

    def stop(signum: int, frame: Any) -> None:
        raise InputStopped

    previous = signal.signal(signal.SIGPROF, stop)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


@dataclass(frozen=True, slots=True)
class Uncaught:
    """An exception that is none of the project's errors, with the input that raised it."""

    index: int
    generator: str
    kind: str
    message: str
    where: str  # the innermost frame


@dataclass
class Outcome:
    """What a run found."""

    inputs: int = 0
    seconds: float = 0.0
    articles: int = 0
    reported: int = 0  # the project's own errors (bad inputs reported and skipped)
    uncaught: list[Uncaught] = field(default_factory=list)
    slow: list[tuple[int, str, int, str]] = field(default_factory=list)  # index, generator, bytes, seconds
    stopped: int = 0  # slow inputs stopped at the CPU limit (their seconds are the limit)
    per_input: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    peak_rss_mb: float = 0.0


def run_case(case: Case, folder: Path, resources: Any, store: Any) -> tuple[int, int]:
    """One input through reading, extraction, linking, the extract output and the store, as the CLI
    does; returns (articles processed, errors reported). Raises whatever is not a project error."""
    from conflictdb import formats, pipeline

    errors: list[Exception] = []
    path = folder / f"input-{case.index}{case.suffix}"
    path.write_bytes(case.data)
    try:
        results = pipeline.extract_records([path], resources, link=False, on_error=errors.append)
        linked = pipeline.link_incidents(results, resources) if results else []
        for article, mentions in linked:  # what `extract` writes: UTF-8 JSON lines
            json.dumps(
                formats.extract_record(
                    article, mentions, rules=resources.reconcile, tables=resources.exports
                ),
                ensure_ascii=False,
            ).encode("utf-8")
        store.add_batch(results, link=True, on_error=errors.append)
    finally:
        path.unlink()
    return len(results), len(errors)


def run(
    start: int,
    count: int,
    *,
    seed: int = DEFAULT_SEED,
    slow: float = SLOW_SECONDS,
    keep: Path | None = None,
    resources: Any = None,
    progress: int = 0,
    stop: float = STOP_SECONDS,
) -> Outcome:
    """Run `count` inputs from index `start` (with the pipeline's resources, loaded here unless given);
    `keep` saves the inputs that raised or were slow; every `progress` inputs, a line on stderr; an input
    is stopped after `stop` CPU seconds."""
    from conflictdb.resources import loaded_resources

    if resources is not None:
        return _run(
            start, count, seed=seed, slow=slow, keep=keep, resources=resources, progress=progress, stop=stop
        )
    with loaded_resources() as loaded:
        return _run(
            start, count, seed=seed, slow=slow, keep=keep, resources=loaded, progress=progress, stop=stop
        )


def _run(
    start: int,
    count: int,
    *,
    seed: int,
    slow: float,
    keep: Path | None,
    resources: Any,
    progress: int,
    stop: float,
) -> Outcome:
    from conflictdb.store import open_store

    outcome = Outcome()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="conflictdb-fuzz-") as work:
        folder = Path(work)
        with open_store(f"sqlite:///{folder / 'fuzz.sqlite'}") as store:
            for case in cases(start, count, seed=seed):
                clock = time.process_time()  # CPU time: the same on a busy machine as on an idle one
                stopped = _try_case(case, outcome, folder, resources, store, limit=max(stop, slow))
                seconds = time.process_time() - clock
                outcome.per_input[case.generator].append(seconds)
                if (stopped or seconds > slow) and len(case.data) < SMALL_BYTES:
                    shown = f"over {seconds:.1f} s (stopped)" if stopped else f"{seconds:.1f} s"
                    outcome.slow.append((case.index, case.generator, len(case.data), shown))
                    print(
                        f"slow: #{case.index} {case.generator} {len(case.data):,} bytes {shown}",
                        file=sys.stderr,
                    )
                if stopped or outcome.uncaught and outcome.uncaught[-1].index == case.index or seconds > slow:
                    _keep(case, keep)
                outcome.inputs += 1
                if progress and outcome.inputs % progress == 0:
                    _progress(outcome, began)
    outcome.seconds = time.perf_counter() - began
    outcome.peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return outcome


def _try_case(
    case: Case, outcome: Outcome, folder: Path, resources: Any, store: Any, *, limit: float
) -> bool:
    """Run one input and count what came of it in `outcome`; True when it was stopped at the CPU limit."""
    from conflictdb.errors import ConflictdbError

    try:
        with cpu_limit(limit):
            done, reported = run_case(case, folder, resources, store)
        outcome.articles += done
        outcome.reported += reported
    except InputStopped:
        outcome.stopped += 1
        return True
    except ConflictdbError:  # raised, not reported: still the project's own error
        outcome.reported += 1
    except Exception as error:  # noqa: BLE001 -- what the run is looking for
        frame = traceback.extract_tb(error.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno} {frame.name}"
        outcome.uncaught.append(
            Uncaught(case.index, case.generator, type(error).__name__, str(error)[:200], where)
        )
        print(f"uncaught: #{case.index} {case.generator} {outcome.uncaught[-1]}", file=sys.stderr)
    return False


def _progress(outcome: Outcome, began: float) -> None:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{outcome.inputs:,} inputs, {time.perf_counter() - began:.0f} s: {len(outcome.uncaught)} uncaught, "
        f"{len(outcome.slow)} slow, peak {rss:,.0f} MB",
        file=sys.stderr,
        flush=True,
    )


def _keep(case: Case, keep: Path | None) -> None:
    if keep is not None:
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"input-{case.index}-{case.generator}{case.suffix}").write_bytes(case.data)


def summary(outcome: Outcome, *, seed: int, start: int, slow: float = SLOW_SECONDS) -> str:
    """The run in a few lines: counts, uncaught exceptions by class, inputs over `slow` CPU seconds, peak
    memory."""
    lines = [
        f"fuzz: {outcome.inputs:,} inputs from index {start} (seed {seed}) in {outcome.seconds:.1f} s; "
        f"{outcome.articles:,} articles extracted and stored, {outcome.reported:,} bad inputs reported",
        f"uncaught exceptions: {len(outcome.uncaught)}",
    ]
    by_kind: dict[str, list[Uncaught]] = defaultdict(list)
    for item in outcome.uncaught:
        by_kind[item.kind].append(item)
    for kind, items in sorted(by_kind.items(), key=lambda kv: -len(kv[1])):
        generators = Counter(item.generator for item in items)
        lines.append(f"  {kind} x{len(items)} ({', '.join(f'{g} {n}' for g, n in generators.items())})")
        for item in items[:5]:
            lines.append(f"    #{item.index} {item.generator} at {item.where}: {item.message}")
    lines.append(
        f"inputs over {slow:g} CPU s under {SMALL_BYTES // 1000} KB: {len(outcome.slow)}"
        + (f" ({outcome.stopped} of them stopped at the CPU limit)" if outcome.stopped else "")
    )
    for index, generator, size_bytes, seconds in sorted(outcome.slow, key=lambda s: s[2])[:40]:
        lines.append(f"  #{index} {generator}: {size_bytes:,} bytes, {seconds}")
    lines.append(f"peak memory: {outcome.peak_rss_mb:,.0f} MB (ru_maxrss of this process)")
    lines.append("per generator: inputs, mean s, max s")
    for generator, times in outcome.per_input.items():
        lines.append(f"  {generator:<18}{len(times):>7,}{sum(times) / len(times):>8.3f}{max(times):>8.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000, help="how many inputs [20,000]")
    parser.add_argument("--start", type=int, default=0, help="index of the first input [0]")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"[{DEFAULT_SEED}]")
    parser.add_argument("--slow", type=float, default=SLOW_SECONDS, help="seconds that make an input slow")
    parser.add_argument("--keep", type=Path, help="save inputs that raised or were slow in this folder")
    parser.add_argument(
        "--stop", type=float, default=STOP_SECONDS, help="CPU seconds before an input is stopped"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)  # bad inputs log warnings by the thousand: expected here
    outcome = run(
        args.start, args.count, seed=args.seed, slow=args.slow, keep=args.keep, progress=500, stop=args.stop
    )
    print(summary(outcome, seed=args.seed, start=args.start, slow=args.slow))
    return 1 if outcome.uncaught else 0


if __name__ == "__main__":
    sys.exit(main())

"""Clean an article for extraction while keeping an exact map back to the text as received.

`clean_article` drops page furniture lines (data/boilerplate.yaml), repairs mojibake runs with ftfy
plus a table of leftovers ftfy cannot repair (data/mojibake.yaml), lightly normalises whitespace,
and reads title, outlet and publication date from the text (data/outlets.yaml). Characters are
otherwise kept as they are (curly quotes stay curly).

Offset map: `offsets[i]` is the index in `article.text` of clean character `i`. A character taken
over unchanged maps to itself; every character of a replacement (a repaired mojibake run, a
collapsed run of spaces, a line break standing for the break between two kept lines) maps to the
start of what it replaces. The extra last entry is the end of the last kept line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from types import MappingProxyType
from typing import Any

import ftfy

from conflictdb.datafiles import DATA_DIR, OUTLETS_FILE, load_yaml
from conflictdb.ingest.dates import MetadataDates, parse_date_text
from conflictdb.records import Article, OffsetMap, OffsetMapBuilder, replace

_WHITESPACE = (  # Unicode whitespace: what str.strip() takes away
    " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


class Rank(IntEnum):
    """How strongly a finding names the outlet: lower wins."""

    EXPLICIT = 0  # "Source: Sputnik", "Republished with permission from:: Example TV", "© 2020 Reuters"
    SITE = 1  # a brand line, a bare web address, a line naming the outlet's mirror addresses
    DATELINE = 2  # "KABUL, Jan 27 (Reuters) -": the agency behind the story, not always the outlet


@dataclass(frozen=True, slots=True)
class LinePattern:
    """One whole-line pattern and what a match means: drop, published or outlet (with its rank)."""

    pattern: re.Pattern[str]
    kind: str  # "drop" | "published" | "outlet"
    rank: Rank = Rank.SITE


@dataclass(frozen=True, slots=True)
class CleanLexicon:
    """Compiled clean-up data: line patterns, mojibake repair, known outlets."""

    max_line_chars: int
    any_line: re.Pattern[str]  # every line pattern at once, a cheap gate before the detailed look
    line_patterns: tuple[LinePattern, ...]  # in precedence order
    edits: re.Pattern[str]  # groups moji / space / invisible: what changes inside a kept line
    edit_gate: re.Pattern[str]  # a fast search for where the first edit may start
    leftovers: Mapping[str, str]
    leftover_pattern: re.Pattern[str]
    outlet_names: Mapping[str, str]  # casefolded name -> canonical outlet
    outlet_domains: Mapping[str, str]  # domain without "www." -> canonical outlet
    dateline: re.Pattern[str]  # group "agency"
    dateline_window: int  # characters at the start of the clean text searched for a dateline
    edge: str  # stripped from both ends of a line: Unicode whitespace and the invisible characters
    outlet_trim: str  # stripped from both ends of an outlet's name read from a line
    title_max_chars: int
    title_max_words: int
    title_end_reject: str  # a first line ending in one of these is a sentence or a lead-in, not a headline
    title_closing_marks: str  # quotes and brackets that may close a headline after its last word
    dates: MetadataDates  # how a date line's date is written: the ingest's, months from data/dates.yaml


@dataclass(frozen=True, slots=True)
class LineFinding:
    """What a boilerplate line told: always dropped, maybe naming the outlet or the date."""

    outlet: str | None = None
    rank: Rank = Rank.SITE
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CleanText:
    """The clean text, its offset map and the clean range of each kept line."""

    text: str
    offsets: OffsetMap
    lines: tuple[tuple[int, int], ...]


def load_clean_lexicon(
    data_dir: Path = DATA_DIR, *, dates: MetadataDates, outlets: Mapping[str, Any] | None = None
) -> CleanLexicon:
    """Read boilerplate.yaml, mojibake.yaml and outlets.yaml (its table `outlets`, read from `data_dir` if not
    given) and compile them once; a date line's date is read with `dates` (`Resources.inputs.dates`)."""
    boilerplate = load_yaml("boilerplate.yaml", data_dir=data_dir)
    mojibake = load_yaml("mojibake.yaml", data_dir=data_dir)
    outlets = (outlets if outlets is not None else load_yaml(OUTLETS_FILE, data_dir=data_dir))["outlets"]
    line_patterns = _line_patterns(boilerplate)
    leftovers = dict(mojibake.get("leftovers") or {})
    names = {name.casefold(): canonical for canonical, spec in outlets.items() for name in spec["names"]}
    names.update({canonical.casefold(): canonical for canonical in outlets})
    agencies = sorted(
        (name for spec in outlets.values() if spec.get("agency") for name in spec["names"]),
        key=len,
        reverse=True,
    )
    return CleanLexicon(
        max_line_chars=int(boilerplate["max_line_chars"]),
        any_line=re.compile(
            "|".join(f"(?:{_NAMED_GROUP.sub('(?:', p.pattern.pattern)})" for p in line_patterns),
            re.IGNORECASE,
        ),
        line_patterns=line_patterns,
        edits=_edit_pattern(mojibake["run"], mojibake["spaces"], mojibake["invisible"]),
        edit_gate=re.compile(f"[{mojibake['lead']}{mojibake['spaces']}{mojibake['invisible']}]|  "),
        leftovers=MappingProxyType(leftovers),
        leftover_pattern=re.compile("|".join(re.escape(k) for k in sorted(leftovers, key=len, reverse=True))),
        outlet_names=MappingProxyType(names),
        outlet_domains=MappingProxyType(
            {
                domain.casefold(): canonical
                for canonical, spec in outlets.items()
                for domain in spec["domains"]
            }
        ),
        dateline=re.compile(r"\((?P<agency>" + "|".join(map(re.escape, agencies)) + r")\)\s*[-–—]"),
        dateline_window=int(boilerplate["dateline_window"]),
        edge=_WHITESPACE + mojibake["invisible"],
        outlet_trim=boilerplate["outlet_trim"],
        title_max_chars=int(boilerplate["headline"]["max_chars"]),
        title_max_words=int(boilerplate["headline"]["max_words"]),
        title_end_reject=boilerplate["headline"]["end_reject"],
        title_closing_marks=boilerplate["headline"]["closing_marks"],
        dates=dates,
    )


def _edit_pattern(mojibake_run: str, odd_spaces: str, invisible: str) -> re.Pattern[str]:
    """One pattern for every change inside a kept line: mojibake runs, odd or repeated spaces, invisibles."""
    spaces = f"[ {odd_spaces}]{{2,}}|[{odd_spaces}]"
    return re.compile(f"(?P<moji>{mojibake_run})|(?P<space>{spaces})|(?P<invisible>[{invisible}]+)")


def _line_patterns(boilerplate: Mapping[str, Any]) -> tuple[LinePattern, ...]:
    """Compile the line patterns in precedence order: published, explicit outlet, site, drop."""

    def compiled(patterns: list[str], kind: str, rank: Rank = Rank.SITE) -> list[LinePattern]:
        return [LinePattern(re.compile(p, re.IGNORECASE), kind, rank) for p in patterns]

    return tuple(
        compiled(boilerplate["published"], "published")
        + compiled(boilerplate["outlet"]["explicit"], "outlet", Rank.EXPLICIT)
        + compiled(boilerplate["outlet"]["site"], "outlet", Rank.SITE)
        + compiled(boilerplate["drop"], "drop")
    )


def clean_article(article: Article, lexicon: CleanLexicon) -> Article:
    """Fill clean_text and offsets, and title/outlet/published where the text tells and they are unknown."""
    kept, findings = find_kept_lines(article.text, lexicon)
    clean = build_clean_text(article.text, kept, lexicon)
    outlet = article.outlet or _best_outlet(findings, clean.text, lexicon)
    published = article.published or next((f.published for f in findings if f.published), None)
    title = article.title or _headline(clean, lexicon)
    return replace(
        article, clean_text=clean.text, offsets=clean.offsets, title=title, outlet=outlet, published=published
    )


def find_kept_lines(
    text: str, lexicon: CleanLexicon
) -> tuple[list[tuple[int, int, bool]], list[LineFinding]]:
    """Find the lines to keep as (start, end, paragraph break before) and what dropped lines said.

    start/end bound the line without surrounding whitespace; the flag tells whether a blank or
    dropped line separates it from the previous kept line.
    """
    kept: list[tuple[int, int, bool]] = []
    findings: list[LineFinding] = []
    position = 0
    gap = False
    edge = lexicon.edge
    for line in text.split("\n"):
        stripped = line.strip(edge)
        start = position + (len(line) - len(line.lstrip(edge)))
        position += len(line) + 1
        if not stripped:
            gap = True
            continue
        finding = classify_line(stripped, lexicon)
        if finding is not None:
            findings.append(finding)
            gap = True
            continue
        kept.append((start, start + len(stripped), gap))
        gap = False
    return kept, findings


def classify_line(line: str, lexicon: CleanLexicon) -> LineFinding | None:
    """What a stripped line is if it is page furniture, else None (the line is kept)."""
    if len(line) > lexicon.max_line_chars:
        return None
    known = lexicon.outlet_names.get(line.casefold())
    if known is not None:
        return LineFinding(outlet=known, rank=Rank.SITE)
    if lexicon.any_line.fullmatch(line) is None:
        return None
    for line_pattern in lexicon.line_patterns:
        match = line_pattern.pattern.fullmatch(line)
        if match is not None:
            finding = _finding_from_match(line_pattern, match, lexicon)
            if finding is not None:
                return finding
    return None


def _finding_from_match(
    line_pattern: LinePattern, match: re.Match[str], lexicon: CleanLexicon
) -> LineFinding | None:
    """Turn a line match into a finding; None when a date line holds no real date."""
    groups = match.groupdict()
    if line_pattern.kind == "published":
        date = parse_date_text(groups["date"], lexicon.dates)
        return LineFinding(published=date) if date is not None else None
    if line_pattern.kind == "outlet":
        if groups.get("domain"):
            return LineFinding(outlet=outlet_for_domain(groups["domain"], lexicon), rank=line_pattern.rank)
        name = " ".join(groups["outlet"].strip(lexicon.outlet_trim).split())
        return LineFinding(
            outlet=lexicon.outlet_names.get(name.casefold(), name) or None, rank=line_pattern.rank
        )
    return LineFinding()


def outlet_for_domain(domain: str, lexicon: CleanLexicon) -> str | None:
    """The known outlet behind a web domain (subdomains included), or None."""
    labels = domain.casefold().removeprefix("www.").split(".")
    for i in range(len(labels) - 1):
        outlet = lexicon.outlet_domains.get(".".join(labels[i:]))
        if outlet is not None:
            return outlet
    return None


def build_clean_text(text: str, kept: list[tuple[int, int, bool]], lexicon: CleanLexicon) -> CleanText:
    """Join the kept lines, repairing mojibake and spaces inside them, and record the offset map."""
    pieces: list[str] = []
    offsets = OffsetMap.build()
    lines: list[tuple[int, int]] = []
    size = 0
    end = 0
    for index, (start, end, paragraph) in enumerate(kept):
        if index:
            newline = text.find("\n", kept[index - 1][1])
            separator = "\n\n" if paragraph else "\n"
            pieces.append(separator)
            offsets.replaced(newline, len(separator))
            size += len(separator)
        line_start = size
        size += _append_line(text, start, end, lexicon, pieces, offsets)
        lines.append((line_start, size))
    offsets.replaced(end, 1)
    return CleanText("".join(pieces), offsets.done(), tuple(lines))


def _append_line(
    text: str, start: int, end: int, lexicon: CleanLexicon, pieces: list[str], offsets: OffsetMapBuilder
) -> int:
    """Append the clean form of text[start:end] and its offsets; return the clean length added."""
    added = 0
    position = start
    first = lexicon.edit_gate.search(text, start, end)
    matches = lexicon.edits.finditer(text, first.start(), end) if first is not None else ()
    for match in matches:
        begin, stop = match.span()
        if begin > position:
            pieces.append(text[position:begin])
            offsets.copy(position, begin)
            added += begin - position
        replacement = _replacement(match, lexicon)
        pieces.append(replacement)
        offsets.replaced(begin, len(replacement))
        added += len(replacement)
        position = stop
    if end > position:
        pieces.append(text[position:end])
        offsets.copy(position, end)
        added += end - position
    return added


def _replacement(match: re.Match[str], lexicon: CleanLexicon) -> str:
    """The clean text standing for one edit match."""
    if match.lastgroup == "space":
        return " "
    if match.lastgroup == "invisible":
        return ""
    return repair_mojibake(match.group(), lexicon)


def repair_mojibake(run: str, lexicon: CleanLexicon) -> str:
    """Repair one run of suspicious characters with ftfy, then with the leftovers table."""
    fixed = ftfy.fix_encoding(run)
    if fixed == run and lexicon.leftovers:
        fixed = lexicon.leftover_pattern.sub(lambda m: lexicon.leftovers[m.group()], run)
    return fixed.replace("\u00a0", " ")


def _best_outlet(findings: list[LineFinding], clean_text: str, lexicon: CleanLexicon) -> str | None:
    """The strongest outlet named by a dropped line, else the agency of a dateline."""
    named = [f for f in findings if f.outlet]
    if named:
        return min(named, key=lambda f: f.rank).outlet
    match = lexicon.dateline.search(clean_text, 0, lexicon.dateline_window)
    if match is None:
        return None
    return lexicon.outlet_names.get(match["agency"].casefold(), match["agency"])


def _headline(clean: CleanText, lexicon: CleanLexicon) -> str | None:
    """The first clean line when it reads as a headline (short, no final full stop) and text follows."""
    if len(clean.lines) < 2:
        return None
    start, end = clean.lines[0]
    line = clean.text[start:end].strip()
    words = line.split()
    if not line or len(line) > lexicon.title_max_chars or not 2 <= len(words) <= lexicon.title_max_words:
        return None
    if line[-1] in lexicon.title_end_reject or line.rstrip(lexicon.title_closing_marks).endswith("."):
        return None
    return line

"""Finding date expressions in news text: regex work driven by data/dates.yaml (no dateparser call per
sentence), tried only around the words that can start a date, and the role the words around a date give
it (the event's day, a statement's, a caption's)."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from conflictdb.extract.dates.lexicon import DATELINE_KIND, DateLexicon, month_number, valid_day
from conflictdb.folded import lowered
from conflictdb.records import replace
from conflictdb.records.matches import DateMatch


def _phrase_key(words: str) -> str:
    """Normalise a matched phrase for lookup: lower case, single spaces."""
    return " ".join(words.lower().split())


def _build_match(kind: str, m: re.Match[str], lexicon: DateLexicon) -> DateMatch | None:
    """Turn one regex match into a DateMatch, or None when it names no real date."""
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g["year"]) if "year" in g else None
    month = month_number(g["month"], lexicon) if "month" in g else None
    day = int(g["day"]) if "day" in g else None
    if month is not None and day is not None and not valid_day(year, month, day):
        return None
    fields: dict[str, Any] = {"year": year, "month": month, "day": day}
    if "until" in g and year is not None and month is not None:
        until_month = month_number(g["until_month"], lexicon) if "until_month" in g else month
        if until_month < month:  # "December 30 to January 2, 2031": the year is the last day's
            fields["year"] = year - 1
        if valid_day(year, until_month, int(g["until"])):
            fields["until"] = dt.date(year, until_month, int(g["until"]))
    if "weekday" in g:
        fields["weekday"] = lexicon.weekdays[g["weekday"].lower()]
        fields["last"] = g.get("mod", "").lower() in lexicon.past_modifiers
        fields["offset"] = -1 if "eve" in g else 0  # "overnight into Wednesday": the night of Tuesday
        if "past_week" in g:  # "on Thursday last week": that weekday in the week before publication's
            fields.update(offset=-1, unit="week")
    if "phrase" in g:
        key = _phrase_key(g["phrase"])
        if kind == "anaphoric":
            fields.update(offset=lexicon.anaphoric[key], unit="day")
        else:
            fields["offset"], fields["unit"] = lexicon.relative[key]
    if "count" in g:
        count = g["count"].lower()
        number = int(count) if count.isdigit() else lexicon.numbers[count]
        later = g.get("dir", "").lower() in lexicon.later_words  # anaphoric: "two days later"
        fields.update(offset=number if later else -number, unit=g["unit"].lower())
    if kind == "anaphoric":
        fields["after"] = m.group(0).rstrip().lower().endswith("after")
    return DateMatch(m.start(), m.end(), m.group(0).strip(), kind, **fields)


def _candidates(text: str, lexicon: DateLexicon) -> set[DateMatch]:
    """Matches of the date patterns around every trigger word, overlapping ones included."""
    before, after = lexicon.window
    found = set()
    for trigger in _triggers(text, lexicon):
        lo, hi = max(0, trigger.start() - before), min(len(text), trigger.end() + after)
        for kind, pattern in lexicon.triggered.get(trigger.lastgroup or "", ()):
            for m in pattern.finditer(text, lo, hi):
                if m.start() > trigger.start():
                    break  # matches come left to right: none further on holds the trigger
                if trigger.start() < m.end() and (m.end() < hi or hi == len(text)):
                    match = _build_match(kind, m, lexicon)
                    if match is not None:
                        found.add(match)
    return found


def _triggers(text: str, lexicon: DateLexicon) -> Iterator[re.Match[str]]:
    """The matches of `lexicon.trigger` in `text` (as its `finditer`). A trigger is a whole word, so it is
    tried only on the words its lower-case screen finds in `text.lower()` (the same offsets, unless the
    text holds a character whose lower case is longer or that folds onto an ASCII letter otherwise)."""
    low = lowered(text)
    if low is None:
        yield from lexicon.trigger.finditer(text)
        return
    for word in lexicon.trigger_screen.finditer(low):
        match = lexicon.trigger.match(text, word.start(), word.end())
        if match is not None:
            yield match


def _without_overlaps(matches: set[DateMatch], lexicon: DateLexicon) -> list[DateMatch]:
    """Keep the longest (then strongest) of overlapping matches, in text order."""
    ranked = sorted(matches, key=lambda d: (d.start - d.end, lexicon.priority.get(d.kind, 99), d.start))
    starts: list[int] = []  # the kept matches, disjoint, in text order: only the one starting last before
    kept: list[DateMatch] = []  # a match's end can overlap it
    for match in ranked:
        i = bisect.bisect_left(starts, match.end)
        if i and kept[i - 1].end > match.start:
            continue
        starts.insert(i, match.start)
        kept.insert(i, match)
    return kept


def _find_datelines(text: str, lexicon: DateLexicon) -> list[DateMatch]:
    """Datelines in the head of `text`, dated ones first, then in text order (an upper-case title
    "AFGHANISTAN: ..." may look like an undated dateline above the real one)."""
    head = text[: lexicon.dateline_window_chars]
    found = [
        match
        for kind, pattern in lexicon.patterns
        if kind == "dateline"
        for m in pattern.finditer(head)
        if (match := _build_match(kind, m, lexicon)) is not None
    ]
    return sorted(found, key=lambda d: (d.day is None, d.start, d.start - d.end))


def find_date_expressions(text: str, lexicon: DateLexicon) -> list[DateMatch]:
    """All date expressions in `text`, non-overlapping, in text order.

    When the article has a dated dateline ("MOGADISHU, March 4, 2018 (Reuters) -"), every relative
    expression carries its date as `reference`: "on Saturday" and "overnight" count back from the day
    the story was filed, not from a later web publication date.
    """
    candidates = _candidates(text, lexicon)
    datelines = _find_datelines(text, lexicon)[:1]
    candidates.update(datelines)
    found = [replace(d, role=date_role(text, d, lexicon)) for d in _without_overlaps(candidates, lexicon)]
    dateline = next((d for d in found if d.kind == DATELINE_KIND), None)
    if dateline is None or dateline.month is None or dateline.day is None:
        return found
    reference = (dateline.year, dateline.month, dateline.day)
    return [replace(d, reference=reference) if d.kind != DATELINE_KIND else d for d in found]


def date_role(text: str, match: DateMatch, lexicon: DateLexicon) -> str | None:
    """What the words just around a date say it dates ("took place on ...", "Thursday's", "since ..."),
    or what its line is (a photo caption, the page's own date)."""
    role = line_role(text, match, lexicon)
    if role is not None:
        return role
    before = text[max(0, match.start - lexicon.role_window) : match.start]
    after = text[match.end : match.end + lexicon.role_window]
    for role, before_words, after_words in lexicon.roles:  # the words after first: anchored, quicker
        if (after_words is None or after_words.search(after)) and (
            before_words is None or before_words.search(before)
        ):
            return role
    return None


def line_role(text: str, match: DateMatch, lexicon: DateLexicon) -> str | None:
    """What the date's line is: "caption" (a photo caption with its credit), "furniture" (a page's own
    date line, a date and nothing more), or None (prose)."""
    if match.kind == DATELINE_KIND:
        return None
    longest = lexicon.caption_max_chars  # the line's ends are looked for no further: linear in the text
    lo, hi = max(0, match.start - longest), min(len(text), match.end + longest)
    start = text.rfind("\n", lo, match.start) + 1
    end = text.find("\n", match.end, hi)
    end = hi if end < 0 else end
    if (start == 0 and lo > 0) or end - start > longest:
        return None
    if lexicon.caption_line.search(text, start, end):
        return "caption"
    rest = text[start : match.start] + " " + text[match.end : end]
    return "furniture" if lexicon.furniture_line.fullmatch(rest) else None


def find_dateline(text: str, lexicon: DateLexicon) -> DateMatch | None:
    """The wire-service dateline ("KABUL, Jan 27 (Reuters) -") at the head of an article, if any."""
    found = _find_datelines(text, lexicon)
    return found[0] if found else None


def years_told(matches: Iterable[DateMatch]) -> frozenset[int]:
    """The years an article's dates name ("4 March 2020", "in 2020", "May 2020"): a weekday told with a day
    and month in an article of no known date takes the one its weekday fits."""
    return frozenset(m.year for m in matches if m.year is not None)

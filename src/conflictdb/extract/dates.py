"""Date expressions in news text, and their resolution against the publication date.

Finding is regex work driven by `data/dates.yaml` (no dateparser call per sentence); resolving is pure
calendar arithmetic. Relative expressions ("on Wednesday night", "yesterday") resolve only when the
publication date is known; absolute dates with a year always resolve. Without a publication date, a day and
month resolve only when something fixes their year: a web address's month, or the weekday told with them.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.extract.prefix_tree import prefix_tree_alternation
from conflictdb.folded import FilteredPattern, lowered
from conflictdb.records import DatePrecision, DateValue, quick_init, replace

ABSOLUTE_KINDS = frozenset({"absolute_dmy", "absolute_mdy", "absolute_iso", "absolute_numeric"})
DATELINE_KIND = "dateline"  # the filing date of the story, never the event date


@quick_init
@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date expression found in a text, with the calendar parts it names."""

    start: int
    end: int
    text: str
    kind: str  # absolute_dmy, day_month, month_year, month, year, weekday, relative, anaphoric, dateline, ...
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # 0 = Monday
    last: bool = False  # "last Friday": strictly before the publication day
    offset: int = 0  # relative/anaphoric: how many units from the reference date
    unit: str | None = None  # day, week, month, year
    reference: tuple[int | None, int, int] | None = None  # (year, month, day) of the article's dateline
    after: bool = False  # anaphoric "five days after ...": what follows happened `offset` units earlier
    role: str | None = None  # what the words around it say it dates: event, possessive, period (dates.yaml)
    until: dt.date | None = None  # the last day of a span of days with a year ("4-6 March 2031": 6 March)


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """The compiled date patterns and the word tables they were built from."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    numbers: Mapping[str, int]
    relative: Mapping[str, tuple[int, str]]
    vague_relative: frozenset[str]  # "overnight": ranked after a day the incident names
    anaphoric: Mapping[str, int]
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    trigger: re.Pattern[str]  # named groups month, weekday, year, word
    trigger_screen: re.Pattern[str]  # every word the trigger may match, in lower case (`_triggers`)
    triggered: Mapping[str, tuple[tuple[str, re.Pattern[str]], ...]]  # trigger class -> patterns
    window: tuple[int, int]
    priority: Mapping[str, int]
    week_start: int
    estimate_window_lines: int
    estimate_window_chars: int
    dateline_window_chars: int
    roles: tuple[tuple[str, FilteredPattern | None, FilteredPattern | None], ...]  # role, before, after: both
    role_window: int
    caption_line: FilteredPattern  # a photo credit somewhere on the date's line
    furniture_line: re.Pattern[str]  # what may stand beside a date on a page's own date line
    caption_max_chars: int
    news_window_days: tuple[int, int]  # days before and after publication an incident date may fall
    far_rank: int
    publication_rank: int
    dateline_reference_days: int  # how far from publication a dateline's day still anchors relative days
    weekday_year_span: int  # how many years back a weekday may date a day and month of an undated article
    url_days: tuple[re.Pattern[str], ...]  # groups year, month, day
    url_months: tuple[re.Pattern[str], ...]  # groups year, month


def _alternation(words: Any) -> str:
    """A regex alternation of `words` in which the longest phrase wins (nested by shared prefixes: it
    matches as the plain alternation of the words longest first; names that differ only in case come
    in full sets, as `_cased` gives them, so this holds in a case-insensitive group too)."""
    return prefix_tree_alternation(words)


def _cased(words: list[str]) -> list[str]:
    """Title-case and upper-case forms of names (months, weekdays)."""
    return [form for w in words for form in (w, w.upper())]


def _name_table(raw: Mapping[Any, list[str]]) -> dict[str, int]:
    """Map every lower-cased name in `raw` ({number: [names]}) to its number."""
    return {name.lower(): int(number) for number, names in raw.items() for name in names}


def fill_template(template: str, fill: Mapping[str, str]) -> str:
    """Replace `{name}` placeholders in a regex template, leaving quantifiers like `{1,2}` alone."""
    return re.sub(r"\{([a-z_]+)\}", lambda m: f"(?:{fill[m.group(1)]})", template)


def load_date_lexicon(data_dir: Path = DATA_DIR) -> DateLexicon:
    """Read `dates.yaml` and compile its templates into a DateLexicon."""
    raw = load_yaml("dates.yaml", data_dir=data_dir)
    months = _name_table(raw["months"])
    weekdays = _name_table(raw["weekdays"])
    full_weekdays = [names[0] for names in raw["weekdays"].values()]
    relative = {k.lower(): (int(v["offset"]), str(v["unit"])) for k, v in raw["relative"].items()}
    anaphoric = {k.lower(): int(v) for k, v in raw["anaphoric"].items()}
    fill = {
        "month": _alternation(_cased([n for names in raw["months"].values() for n in names])),
        "weekday": _alternation(_cased([n for names in raw["weekdays"].values() for n in names])),
        "weekday_full": _alternation([form for w in full_weekdays for form in (w, w.upper(), w.lower())]),
        "part": _alternation(raw["parts_of_day"]),
        "day_range": raw["day_range"],
        "title_place": raw["title_place"],
        "dateline_end": raw["dateline_end"],
        "number": _alternation(raw["numbers"]),
        "relative": _alternation(relative).replace(r"\ ", r"\s+"),
        "anaphoric": _alternation(anaphoric).replace(r"\ ", r"\s+"),
    }
    patterns = []
    for kind, templates in raw["patterns"].items():
        for template in templates:
            try:
                patterns.append((kind, re.compile(fill_template(template, fill), re.MULTILINE)))
            except (re.error, KeyError) as e:
                raise ConflictdbError(f"dates.yaml: bad pattern for {kind}: {e}") from e
    trigger = re.compile(
        rf"\b(?:(?P<month>{fill['month']})|(?P<weekday>{fill['weekday_full']})|(?P<year>(?:19|20)\d\d)"
        rf"|(?P<word>(?i:{_alternation(raw['trigger_words'])})s?))\b"
    )
    trigger_screen = re.compile(rf"\b(?:{prefix_tree_alternation(_trigger_forms(raw))}|(?:19|20)\d\d)\b")
    triggered = {
        cls: tuple((kind, p) for kind, p in patterns if kind in kinds)
        for cls, kinds in raw["triggers"].items()
    }
    before, after = raw["trigger_window"]
    return DateLexicon(
        months=months,
        weekdays=weekdays,
        numbers={k.lower(): int(v) for k, v in raw["numbers"].items()},
        relative=relative,
        vague_relative=frozenset(k.lower() for k, v in raw["relative"].items() if v.get("vague")),
        anaphoric=anaphoric,
        patterns=tuple(patterns),
        trigger=trigger,
        trigger_screen=trigger_screen,
        triggered=triggered,
        window=(int(before), int(after)),
        priority={kind: i for i, kind in enumerate(raw["priority"])},
        week_start=int(raw.get("week_start", 0)),
        estimate_window_lines=int(raw["estimate_window_lines"]),
        estimate_window_chars=int(raw["estimate_window_chars"]),
        dateline_window_chars=int(raw["dateline_window_chars"]),
        roles=tuple(
            (role, _compiled(words.get("before")), _compiled(words.get("after")))
            for role, alternatives in raw["date_roles"].items()
            for words in (alternatives if isinstance(alternatives, list) else [alternatives])
        ),
        role_window=int(raw["date_role_window"]),
        caption_line=FilteredPattern(re.compile(fill_template(raw["line_roles"]["caption"], fill))),
        furniture_line=re.compile(fill_template(raw["line_roles"]["furniture"], fill)),
        caption_max_chars=int(raw["caption_max_chars"]),
        news_window_days=(int(raw["news_window_days"][0]), int(raw["news_window_days"][1])),
        weekday_year_span=int(raw["weekday_year_span"]),
        dateline_reference_days=int(raw["dateline_reference_days"]),
        far_rank=int(raw["far_rank"]),
        publication_rank=int(raw["publication_rank"]),
        url_days=tuple(re.compile(p) for p in raw["url_dates"]["day"]),
        url_months=tuple(re.compile(p) for p in raw["url_dates"]["month"]),
    )


def _trigger_forms(raw: Mapping[str, Any]) -> frozenset[str]:
    """The lower-cased month and weekday names and trigger words (each also with an "s"): the words a
    trigger can be. Each must be one word, so that a trigger is always a whole word of the text."""
    names = [n for key in ("months", "weekdays") for names in raw[key].values() for n in names]
    words = [str(w) for w in raw["trigger_words"]]
    forms = [str(n).lower() for n in names] + [w.lower() + s for w in words for s in ("", "s")]
    if not all(_WORD_RUN.fullmatch(form) for form in forms):
        raise ConflictdbError("dates.yaml: month and weekday names and trigger words must be single words")
    return frozenset(forms)


_WORD_RUN = re.compile(r"\w+")


def _compiled(pattern: str | None) -> FilteredPattern | None:
    """A role's words, ruled out at once around a date that lacks the words every match holds."""
    return FilteredPattern(re.compile(pattern)) if pattern else None


@functools.cache
def default_date_lexicon() -> DateLexicon:
    """The lexicon from the packaged data, loaded on first use."""
    return load_date_lexicon()


def _valid_day(year: int | None, month: int, day: int) -> bool:
    """True if day/month (in `year`, or in some leap year when unknown) is a calendar date."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or 2000, month)[1]


def _phrase_key(words: str) -> str:
    """Normalise a matched phrase for lookup: lower case, single spaces."""
    return " ".join(words.lower().split())


def _month_number(word: str, lexicon: DateLexicon) -> int:
    """The month number of a month name or a two-digit month."""
    return int(word) if word.isdigit() else lexicon.months[word.lower().rstrip(".")]


def _build_match(kind: str, m: re.Match[str], lexicon: DateLexicon) -> DateMatch | None:
    """Turn one regex match into a DateMatch, or None when it names no real date."""
    g = {k: v for k, v in m.groupdict().items() if v}
    year = int(g["year"]) if "year" in g else None
    month = _month_number(g["month"], lexicon) if "month" in g else None
    day = int(g["day"]) if "day" in g else None
    if month is not None and day is not None and not _valid_day(year, month, day):
        return None
    fields: dict[str, Any] = {"year": year, "month": month, "day": day}
    if "until" in g and year is not None and month is not None:
        until_month = _month_number(g["until_month"], lexicon) if "until_month" in g else month
        if until_month < month:  # "December 30 to January 2, 2031": the year is the last day's
            fields["year"] = year - 1
        if _valid_day(year, until_month, int(g["until"])):
            fields["until"] = dt.date(year, until_month, int(g["until"]))
    if "weekday" in g:
        fields["weekday"] = lexicon.weekdays[g["weekday"].lower()]
        fields["last"] = g.get("mod", "").lower() in ("last", "past", "previous")
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
        later = g.get("dir", "").lower() in ("later", "after")  # anaphoric: "two days later"
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
                if m.start() <= trigger.start() < m.end() and (m.end() < hi or hi == len(text)):
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


def find_dateline(text: str, lexicon: DateLexicon | None = None) -> DateMatch | None:
    """The wire-service dateline ("KABUL, Jan 27 (Reuters) -") at the head of an article, if any."""
    found = _find_datelines(text, lexicon or default_date_lexicon())
    return found[0] if found else None


def _shift_months(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` away from `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _relative_value(match: DateMatch, ref: dt.date, week_start: int) -> DateValue:
    """Resolve an offset of `match.unit`s from the reference date."""
    if match.unit == "week":
        monday = ref - dt.timedelta(days=(ref.weekday() - week_start) % 7)
        return DateValue(monday + dt.timedelta(weeks=match.offset), DatePrecision.WEEK, match.text)
    if match.unit == "weekend":  # the latest Saturday on or before the reference day
        saturday = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
        return DateValue(saturday + dt.timedelta(weeks=match.offset), DatePrecision.WEEK, match.text)
    if match.unit == "month":
        return DateValue(_shift_months(ref, match.offset), DatePrecision.MONTH, match.text)
    if match.unit == "year":
        return DateValue(dt.date(ref.year + match.offset, 1, 1), DatePrecision.YEAR, match.text)
    return DateValue(ref + dt.timedelta(days=match.offset), DatePrecision.DAY, match.text)


def _weekday_value(match: DateMatch, published: dt.date, week_start: int) -> DateValue:
    """The most recent such weekday on or before publication (strictly before for "last"), moved by
    the match's offset ("overnight into Wednesday" is the night of Tuesday); with a unit of weeks, that
    weekday in the week `offset` weeks from publication's ("Thursday last week")."""
    assert match.weekday is not None
    if match.unit == "week":
        first = published - dt.timedelta(days=(published.weekday() - week_start) % 7)
        day = first + dt.timedelta(weeks=match.offset, days=(match.weekday - week_start) % 7)
        return DateValue(day, DatePrecision.DAY, match.text)
    back = (published.weekday() - match.weekday) % 7
    if match.last and back == 0:
        back = 7
    return DateValue(published - dt.timedelta(days=back - match.offset), DatePrecision.DAY, match.text)


def _yearless_value(match: DateMatch, published: dt.date, *, ahead_days: int = 0) -> DateValue:
    """A day and month without a year: the latest such date on or before publication, or up to
    `ahead_days` after it (a story stamped a day early is no story of last year)."""
    assert match.month is not None and match.day is not None
    year = published.year
    latest = published + dt.timedelta(days=ahead_days)
    if latest.year > year:  # "2 January" in a story of 31 December
        year = latest.year
        latest = latest.replace(year=year)
    if (match.month, match.day) > (latest.month, latest.day):
        year -= 1
    while not _valid_day(year, match.month, match.day):  # 29 February
        year -= 1
    return DateValue(dt.date(year, match.month, match.day), DatePrecision.DAY, match.text)


def resolve_date(
    match: DateMatch,
    published: dt.date | None,
    lexicon: DateLexicon,
    *,
    anchor: dt.date | None = None,
    latest: dt.date | None = None,
    today: dt.date | None = None,
    years: Collection[int] = (),
) -> DateValue:
    """Resolve a date expression to a DateValue; unresolvable ones get value=None, precision=None.

    `anchor` is the date of the event an anaphoric expression ("a day after") refers to; `latest`, when
    the publication day is unknown, the last day it can be (the end of the month a web address names):
    it gives a day and month their year, and nothing else. Without either, a weekday told with a day and
    month ("Saturday, 24 August") names their year: the latest of `years` (those the article's own dates
    name) in which that day fell on that weekday, else the latest such year up to `today`.
    """
    unresolved = DateValue(None, None, match.text)
    if match.year is not None and match.month is not None and match.day is not None:
        return DateValue(dt.date(match.year, match.month, match.day), DatePrecision.DAY, match.text)
    if match.year is not None and match.month is not None:
        return DateValue(dt.date(match.year, match.month, 1), DatePrecision.MONTH, match.text)
    if match.year is not None:
        return DateValue(dt.date(match.year, 1, 1), DatePrecision.YEAR, match.text)
    if match.kind == "anaphoric":
        return _relative_value(match, anchor, lexicon.week_start) if anchor else unresolved
    published = _reference_day(match, published, lexicon) or published
    if published is None and latest is not None and match.month is not None and match.day is not None:
        return _yearless_value(match, latest)
    if published is None and today is not None and match.weekday is not None and match.day is not None:
        return _weekday_year_value(match, today, lexicon.weekday_year_span, years)
    if published is None:
        return unresolved
    if match.month is not None and match.day is not None:
        return _weekday_agreed(
            _yearless_value(match, published, ahead_days=lexicon.news_window_days[1]), match
        )
    if match.month is not None:
        year = published.year if match.month <= published.month else published.year - 1
        return DateValue(dt.date(year, match.month, 1), DatePrecision.MONTH, match.text)
    if match.weekday is not None:
        return _weekday_value(match, published, lexicon.week_start)
    if match.kind == "relative":
        return _relative_value(match, published, lexicon.week_start)
    if match.kind == DATELINE_KIND:  # a dateline without a date is filed on the publication day
        return DateValue(published, DatePrecision.DAY, match.text)
    return unresolved


def _weekday_agreed(date: DateValue, match: DateMatch) -> DateValue:
    """A day and month told with a weekday one day off it ("Friday, June 3" in a year whose June 3 is a
    Saturday): the day next to it that is that weekday."""
    if date.value is None or match.weekday is None or date.value.weekday() == match.weekday:
        return date
    for shift in (-1, 1):
        day = date.value + dt.timedelta(days=shift)
        if day.weekday() == match.weekday:
            return DateValue(day, date.precision, date.text)
    return date


def _weekday_year_value(match: DateMatch, bound: dt.date, span: int, told: Collection[int] = ()) -> DateValue:
    """A day and month told with their weekday: in the latest year the article tells (`told`) in which that
    day fell on that weekday, on or before `bound`; else the latest such date at most `span` years back."""
    assert match.month is not None and match.day is not None
    for year in (*sorted(told, reverse=True), *range(bound.year, bound.year - span - 1, -1)):
        if not _valid_day(year, match.month, match.day):
            continue
        day = dt.date(year, match.month, match.day)
        if day <= bound and day.weekday() == match.weekday:
            return DateValue(day, DatePrecision.DAY, match.text)
    return DateValue(None, None, match.text)


def years_told(matches: Iterable[DateMatch]) -> frozenset[int]:
    """The years an article's dates name ("4 March 2020", "in 2020", "May 2020"): a weekday told with a day
    and month in an article of no known date takes the one its weekday fits."""
    return frozenset(m.year for m in matches if m.year is not None)


def _reference_day(match: DateMatch, published: dt.date | None, lexicon: DateLexicon) -> dt.date | None:
    """The date of the dateline `match` was filed under, when the article has a dated one within
    `dateline_reference_days` of the publication date: relative days count from the day of filing. A
    dateline further from the publication date is no filing day of this page (a stale or mistaken
    stamp): the publication date is the reference, as for any article."""
    if match.reference is None:
        return None
    year, month, day = match.reference
    if year is not None:
        filed = dt.date(year, month, day) if _valid_day(year, month, day) else None
    elif published is None:
        return None
    else:
        filed = _yearless_value(replace(match, month=month, day=day), published).value
    if filed is None or published is None:
        return filed
    return filed if abs((filed - published).days) <= lexicon.dateline_reference_days else None


def news_distance_rank(
    match: DateMatch, value: DateValue, published: dt.date | None, lexicon: DateLexicon
) -> int:
    """How much less likely a date is to be the day of an incident reported as news: a caption's or a
    page's date, or a day outside the window around publication, ranks `far_rank` lower."""
    if match.role in ("caption", "furniture"):
        return lexicon.far_rank
    if published is None or value.value is None:
        return 0
    before, after = lexicon.news_window_days
    days = (value.value - published).days
    return lexicon.far_rank if days < -before or days > after else 0


def url_published(url: str | None, lexicon: DateLexicon) -> dt.date | None:
    """The publication day a web address names ("/2031/04/02/"), or None."""
    for pattern in lexicon.url_days if url else ():
        found = pattern.search(url)
        if found is None:
            continue
        year, month, day = int(found["year"]), _month_number(found["month"], lexicon), int(found["day"])
        if _valid_day(year, month, day):
            return dt.date(year, month, day)
    return None


def url_month_end(url: str | None, lexicon: DateLexicon) -> dt.date | None:
    """The last day of the month a web address names ("/2031/04/": 30 April 2031), or None."""
    for pattern in lexicon.url_months if url else ():
        found = pattern.search(url)
        if found and 1 <= _month_number(found["month"], lexicon) <= 12:
            year, month = int(found["year"]), _month_number(found["month"], lexicon)
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    return None


def head_month_end(text: str, lexicon: DateLexicon) -> dt.date | None:
    """The last day of the latest month and year an undated article's head names ("Attacks on schools:
    update for March 2031"), or None: like a web address's month, it gives a day and month their year.
    A span's start ("since January 2030") names no month of the news."""
    months = [
        dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        for d in find_date_expressions(_head(text, lexicon), lexicon)
        if d.kind == "month_year" and d.year is not None and d.month is not None and d.role != "period"
    ]
    return max(months, default=None)


def _head(text: str, lexicon: DateLexicon) -> str:
    """The first `estimate_window_lines` non-blank lines of `text` (within `estimate_window_chars`)."""
    lines = [line for line in text[: lexicon.estimate_window_chars].splitlines() if line.strip()]
    return "\n".join(lines[: lexicon.estimate_window_lines])


def estimate_published(text: str, lexicon: DateLexicon) -> dt.date | None:
    """Best guess of an undated article's publication date, or None.

    An article is published on or after every event it reports, and its head (title, photo caption,
    dateline) dates the news itself; so the latest full date (day, month and year) in the first
    `estimate_window_lines` non-blank lines (the last day of a span of days) is the estimate. Year-less
    and relative dates say nothing without a year, and dates deeper in the body are more often
    background, so neither is used.
    """
    dates = [
        _last_day(d)
        for d in find_date_expressions(_head(text, lexicon), lexicon)
        if d.year is not None and d.month is not None and d.day is not None
    ]
    return max(dates, default=None)


def _last_day(match: DateMatch) -> dt.date:
    """The last day a full date names: its own, or the end of its span ("11-15 May 2031": 15 May)."""
    assert match.year is not None and match.month is not None and match.day is not None
    first = dt.date(match.year, match.month, match.day)
    return max(first, match.until) if match.until is not None else first

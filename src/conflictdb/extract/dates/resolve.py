"""Resolving date expressions against the publication date: pure calendar arithmetic.

Relative expressions ("on Wednesday night", "yesterday") resolve only when the publication date is known;
absolute dates with a year always resolve. Without a publication date, a day and month resolve only when
something fixes their year: a web address's month, or the weekday told with them. An undated article's
publication date is estimated from the dates of its head.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Collection

from conflictdb.extract.dates.find import find_date_expressions
from conflictdb.extract.dates.lexicon import DATELINE_KIND, DateLexicon, month_number, valid_day
from conflictdb.records import DatePrecision, DateValue, replace
from conflictdb.records.matches import DateMatch


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
    while not valid_day(year, match.month, match.day):  # 29 February
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
        if not valid_day(year, match.month, match.day):
            continue
        day = dt.date(year, match.month, match.day)
        if day <= bound and day.weekday() == match.weekday:
            return DateValue(day, DatePrecision.DAY, match.text)
    return DateValue(None, None, match.text)


def _reference_day(match: DateMatch, published: dt.date | None, lexicon: DateLexicon) -> dt.date | None:
    """The date of the dateline `match` was filed under, when the article has a dated one within
    `dateline_reference_days` of the publication date: relative days count from the day of filing. A
    dateline further from the publication date is no filing day of this page (a stale or mistaken
    stamp): the publication date is the reference, as for any article."""
    if match.reference is None:
        return None
    year, month, day = match.reference
    if year is not None:
        filed = dt.date(year, month, day) if valid_day(year, month, day) else None
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
        year, month, day = int(found["year"]), month_number(found["month"], lexicon), int(found["day"])
        if valid_day(year, month, day):
            return dt.date(year, month, day)
    return None


def url_month_end(url: str | None, lexicon: DateLexicon) -> dt.date | None:
    """The last day of the month a web address names ("/2031/04/": 30 April 2031), or None."""
    for pattern in lexicon.url_months if url else ():
        found = pattern.search(url)
        if found and 1 <= month_number(found["month"], lexicon) <= 12:
            year, month = int(found["year"]), month_number(found["month"], lexicon)
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

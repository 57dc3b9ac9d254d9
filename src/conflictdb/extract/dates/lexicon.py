"""The date lexicon compiled from data/dates.yaml, the record of a date found in a text, and the calendar
checks that finding and resolving share."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.extract.casualties.numbers import NumberGrammar, load_number_grammar
from conflictdb.extract.prefix_tree import prefix_tree_alternation
from conflictdb.extract.speech.verbs import SPEECH_FILE, speaker_verbs
from conflictdb.folded import FilteredPattern

ABSOLUTE_KINDS = frozenset({"absolute_dmy", "absolute_mdy", "absolute_iso", "absolute_numeric"})


DATELINE_KIND = "dateline"  # the filing date of the story, never the event date


@dataclass(frozen=True, slots=True)
class DateRank:
    """What each thing told of a date adds to its rank as the day of its incident (dates.yaml date_rank)."""

    quiet_sentence: int
    vague: int
    anaphoric: int
    event: int
    report: int
    period: int
    dateline: int
    title: int
    not_a_day: int


@dataclass(frozen=True, slots=True)
class SpeakingWords:
    """Words that make a date of a sentence with a speaker the day of speaking (dates.yaml)."""

    near: re.Pattern[str]  # in the clause before the date, or after a date opening the sentence
    next: re.Pattern[str]  # right after the date: "Police on Tuesday said ..."


@dataclass(frozen=True, slots=True)
class DateLexicon:
    """The compiled date patterns and the word tables they were built from."""

    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    full_months: tuple[str, ...]  # each month's first (full) name, January first
    full_weekdays: tuple[str, ...]  # each weekday's first (full) name, Monday first
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
    rank: DateRank
    event_word_gap: int  # characters from a possessive date ("Thursday's") to the event word it dates
    event_of: re.Pattern[str]  # what joins an event word to the date after it ("the strike of 4 May")
    dateline_reference_days: int  # how far from publication a dateline's day still anchors relative days
    weekday_year_span: int  # how many years back a weekday may date a day and month of an undated article
    url_days: tuple[re.Pattern[str], ...]  # groups year, month, day
    url_months: tuple[re.Pattern[str], ...]  # groups year, month
    speaking: SpeakingWords
    past_modifiers: frozenset[str]  # "last Tuesday": the weekday before publication
    later_words: frozenset[str]  # "two days later": counted forward


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


def calendar_alternations(dates: DateLexicon) -> dict[str, str]:
    """What the calendar placeholders in other data files' patterns stand for: the full month names in
    lower case ({month}) and title case ({Month}), their shorter names in lower case ({month_short}), and the
    full weekday names ({weekday}, {Weekday})."""
    months, weekdays = "|".join(dates.full_months), "|".join(dates.full_weekdays)
    return {
        "{month}": months.lower(),
        "{Month}": months,
        "{month_short}": "|".join(calendar_words(dates)["{month_short}"]),
        "{weekday}": weekdays.lower(),
        "{Weekday}": weekdays,
    }


def fill_calendar_patterns(patterns: Iterable[str], dates: DateLexicon) -> list[str]:
    """The patterns with their calendar placeholders (`calendar_alternations`) filled."""
    names = calendar_alternations(dates)
    filled = []
    for pattern in patterns:
        for slot, words in names.items():
            pattern = pattern.replace(slot, words)
        filled.append(pattern)
    return filled


def calendar_words(dates: DateLexicon) -> dict[str, tuple[str, ...]]:
    """What the calendar placeholders in other data files' word lists stand for, in lower case: the full
    month names ({month}), the months' shorter names ({month_short}), the full weekday names ({weekday})."""
    full = tuple(month.lower() for month in dates.full_months)
    return {
        "{month}": full,
        "{month_short}": tuple(name for name in dates.months if name not in full),
        "{weekday}": tuple(day.lower() for day in dates.full_weekdays),
    }


def fill_calendar_words(words: Iterable[Any], dates: DateLexicon) -> list[str]:
    """A word list with each entry naming a calendar placeholder ("{weekday}", "{weekday}'s") replaced
    by one entry per name it stands for."""
    names = calendar_words(dates)
    filled: list[str] = []
    for word in map(str, words):
        slot = next((slot for slot in names if slot in word), None)
        filled.extend([word] if slot is None else [word.replace(slot, name) for name in names[slot]])
    return filled


def _count_words(raw: Mapping[str, Any], grammar: NumberGrammar) -> dict[str, int]:
    """The words for small counts ("two days ago"): the number grammar's article ("a week ago") and its
    words for one up to dates.yaml's `count_words_max`, with dates.yaml's `extra_numbers`."""
    most = int(raw["count_words_max"])
    small = {word: value for word, value in grammar.values.items() if 1 <= value <= most}
    extra = {str(word).lower(): int(value) for word, value in raw["extra_numbers"].items()}
    return {grammar.article: 1, **extra, **small}


def load_date_lexicon(
    data_dir: Path = DATA_DIR,
    *,
    numbers: NumberGrammar | None = None,
    speech: Mapping[str, Any] | None = None,
) -> DateLexicon:
    """Read `dates.yaml` and compile its templates into a DateLexicon, its count words taken from the
    number grammar `numbers` and its words of speaking from the verbs next to a speaker of speech.yaml's
    table `speech` (each read from `data_dir` if not given)."""
    raw = load_yaml("dates.yaml", data_dir=data_dir)
    speech = speech if speech is not None else load_yaml(SPEECH_FILE, data_dir=data_dir)
    count_words = _count_words(raw, numbers if numbers is not None else load_number_grammar(data_dir))
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
        "number": _alternation(count_words),
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
        full_months=tuple(str(names[0]) for names in raw["months"].values()),
        full_weekdays=tuple(full_weekdays),
        numbers=count_words,
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
        rank=_date_rank(raw["date_rank"]),
        event_word_gap=int(raw["event_word_gap"]),
        event_of=re.compile(raw["event_of"]),
        url_days=tuple(re.compile(p) for p in raw["url_dates"]["day"]),
        url_months=tuple(re.compile(p) for p in raw["url_dates"]["month"]),
        speaking=_speaking_words(speaker_verbs(speech), raw["speaking_nouns"]),
        past_modifiers=frozenset(str(w).lower() for w in raw["past_modifiers"]),
        later_words=frozenset(str(w).lower() for w in raw["later_words"]),
    )


def _speaking_words(verbs: frozenset[str], nouns: Iterable[str]) -> SpeakingWords:
    """Whole words, in any case: near a date, a verb next to a speaker or a noun of speaking (dates.yaml's
    `speaking_nouns`); right after it, a verb."""
    near, after = ("|".join(map(re.escape, sorted(words))) for words in (verbs.union(nouns), verbs))
    return SpeakingWords(re.compile(rf"\b(?:{near})\b", re.I), re.compile(rf"\s*(?:{after})\b", re.I))


def _date_rank(raw: Mapping[str, Any]) -> DateRank:
    """The date_rank table of dates.yaml, with every weight DateRank has and no other."""
    wanted = [f.name for f in fields(DateRank)]
    if sorted(raw) != sorted(wanted):
        raise ConflictdbError(f"dates.yaml: date_rank must give the weights {wanted}, not {list(raw)}")
    return DateRank(**{name: int(weight) for name, weight in raw.items()})


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


def valid_day(year: int | None, month: int, day: int) -> bool:
    """True if day/month (in `year`, or in some leap year when unknown) is a calendar date."""
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or 2000, month)[1]


def month_number(word: str, lexicon: DateLexicon) -> int:
    """The month number of a month name or a two-digit month."""
    return int(word) if word.isdigit() else lexicon.months[word.lower().rstrip(".")]

"""Date expressions in news text (`find`), resolved against the publication date (`resolve`), with the
patterns and word tables of data/dates.yaml (`lexicon`)."""

from conflictdb.extract.dates.find import (
    date_role,
    find_date_expressions,
    find_dateline,
    line_role,
    years_told,
)
from conflictdb.extract.dates.lexicon import ABSOLUTE_KINDS, DATELINE_KIND, DateLexicon, load_date_lexicon
from conflictdb.extract.dates.resolve import (
    estimate_published,
    head_month_end,
    news_distance_rank,
    resolve_date,
    url_month_end,
    url_published,
)

__all__ = [
    "ABSOLUTE_KINDS",
    "DATELINE_KIND",
    "DateLexicon",
    "date_role",
    "estimate_published",
    "find_date_expressions",
    "find_dateline",
    "head_month_end",
    "line_role",
    "load_date_lexicon",
    "news_distance_rank",
    "resolve_date",
    "url_month_end",
    "url_published",
    "years_told",
]

"""Places: an offline gazetteer store, toponym recognition and resolution to records.Place."""

from conflictdb.geo.gazetteer import Gazetteer, GazPlace, PlaceKind, build_gazetteer, import_geonames
from conflictdb.geo.lexicon import GeoLexicon, load_geo_lexicon
from conflictdb.geo.resolve import article_country_context, resolve_place
from conflictdb.geo.toponyms import ToponymMatch, find_toponyms

__all__ = [
    "GazPlace",
    "Gazetteer",
    "GeoLexicon",
    "PlaceKind",
    "ToponymMatch",
    "article_country_context",
    "build_gazetteer",
    "find_toponyms",
    "import_geonames",
    "load_geo_lexicon",
    "resolve_place",
]

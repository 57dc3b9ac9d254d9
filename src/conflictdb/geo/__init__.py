"""Places: an offline gazetteer store, toponym recognition and resolution to records.Place."""

from conflictdb.geo.build import build_gazetteer, load_store_rules
from conflictdb.geo.context import article_country_context, prepare_article, prepare_matches
from conflictdb.geo.gazetteer import Gazetteer
from conflictdb.geo.geonames import import_geonames, update_from
from conflictdb.geo.lexicon import GeoLexicon, load_geo_lexicon
from conflictdb.geo.places import holds_towns
from conflictdb.geo.resolve import PlaceIndex, resolve_place
from conflictdb.geo.toponyms import find_toponyms

__all__ = [
    "Gazetteer",
    "GeoLexicon",
    "PlaceIndex",
    "article_country_context",
    "build_gazetteer",
    "find_toponyms",
    "holds_towns",
    "import_geonames",
    "update_from",
    "load_geo_lexicon",
    "load_store_rules",
    "prepare_article",
    "prepare_matches",
    "resolve_place",
]

"""Places as segmentation compares them: a town, the district and province it lies in, and whether two
places told in two sentences can be one place."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from conflictdb.extract.incidents.lexicon import SegmentLexicon
from conflictdb.records import replace
from conflictdb.records.matches import PlaceArea

if TYPE_CHECKING:
    from conflictdb.extract.incidents.facts import SentenceFacts


_POSSESSIVE_END = re.compile(r"['’]s?\b")


_NOT_LETTER = re.compile(r"[^a-z]")


def fold_place(name: str, level_words: re.Pattern[str]) -> str:
    """ "Kharkivska oblast", "Kharkiv's" -> comparable letters ("kharkivska", "kharkiv")."""
    if name.isascii():  # nothing to decompose
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _POSSESSIVE_END.sub("", text)
    return _NOT_LETTER.sub("", level_words.sub(" ", text))


def place_area(
    names: set[str],
    parents: set[str],
    lexicon: SegmentLexicon,
    *,
    region: bool = False,
    at: int = 0,
    provinces: set[str] = frozenset(),
    wide: bool = False,
) -> PlaceArea:
    """A PlaceArea from the raw names of a place and of its parents (`provinces`: those of them that are
    provinces)."""
    own = frozenset(f for n in names if (f := fold_place(n, lexicon.place_words)))
    above = frozenset(f for p in parents if (f := fold_place(p, lexicon.place_words)))
    top = frozenset(f for p in provinces if (f := fold_place(p, lexicon.place_words)))
    return PlaceArea(own, above - own, region, at, (top & above) - own, wide or region, bool(above))


def related_places(a: PlaceArea, b: PlaceArea) -> bool:
    """One place is the other, or lies in it (a town in its province or district; a village the gazetteer
    lacks may lie in any province): never two towns side by side, nor two provinces. A town named like its
    province ("Kherson") holds none of the province's other towns."""
    if a.names & b.names or a.names & (b.parents - b.provinces) or b.names & (a.parents - a.provinces):
        return True
    if (a.wide and a.names & b.provinces) or (b.wide and b.names & a.provinces):
        return True
    return (a.region and not (b.placed or b.region)) or (b.region and not (a.placed or a.region))


def places_meet(these: Iterable[PlaceArea], those: Iterable[PlaceArea]) -> bool:
    """Does a place of one list relate to one of the other? A place both name that may be a town ("Kharkiv")
    joins them; otherwise, when both name towns (places that hold none), their towns are compared: two
    villages of a province both name are apart, though both lie in it. Towns the gazetteer lacks are told
    where they lie by the wider places named with them, so a side with only such towns keeps those."""
    these, those = list(these), list(those)
    if any(a.names & b.names for a in these if not a.region for b in those if not b.region):
        return True
    mine, theirs = _towns(these), _towns(those)
    if not (mine and theirs):
        mine, theirs = these, those
    elif _placed(mine) != _placed(theirs):  # known towns on one side only
        mine, theirs = (mine if _placed(mine) else these), (theirs if _placed(theirs) else those)
    return any(related_places(a, b) for a in mine for b in theirs)


def _towns(areas: list[PlaceArea]) -> list[PlaceArea]:
    """The places that hold no other."""
    return [a for a in areas if not a.wide]


def _placed(areas: list[PlaceArea]) -> bool:
    """Does the gazetteer know where one of these places lies?"""
    return any(a.placed for a in areas)


def with_named_sites(facts: SentenceFacts, lexicon: SegmentLexicon) -> SentenceFacts:
    """Add the places a sentence names by their kind ("the village of Kuru") that the gazetteer lacks, and
    set the level the kind tells of those it knows ("the city of Kherson" is no province)."""
    areas = list(facts.areas)
    for found in lexicon.named_site.finditer(facts.text):
        name = fold_place(found.group("name"), lexicon.place_words)
        if not name:
            continue
        kind = found.group("kind")
        region = lexicon.region_word.fullmatch(kind) is not None
        wide = region or lexicon.district_word.fullmatch(kind) is not None
        same = [i for i, a in enumerate(areas) if name in a.names]
        for i in same:  # "the town of X": not the province of the same name
            areas[i] = replace(areas[i], region=areas[i].region and region, wide=wide)
        if not same:
            areas.append(
                PlaceArea(frozenset({name}), frozenset(), region, facts.start + found.start(), wide=wide)
            )
    return replace(facts, areas=tuple(areas)) if areas != list(facts.areas) else facts


def told_where(part: SentenceFacts, area: PlaceArea, lexicon: SegmentLexicon) -> bool:
    """Is the place told as where something happened ("were wounded in the city of X"), not as where a
    speaker is ("officials in X said")?"""
    before = part.text[max(0, area.at - part.start - lexicon.reach.place) : area.at - part.start]
    return lexicon.event_place.search(before) is not None and not lexicon.speaker_place.found(before)

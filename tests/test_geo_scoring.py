"""Scoring a name's candidates (geo.scoring): each feature of data/geo_scoring.yaml, one row each, on invented
places."""

from __future__ import annotations

import dataclasses
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conflictdb.datafiles import DATA_DIR
from conflictdb.geo.lexicon import GeoLexicon, load_geo_lexicon, load_place_scoring
from conflictdb.geo.scoring import NO_ANCHORS, _plausible, _score, anchors_of
from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch
from tests.geo_invented import PROVINCE, invented, qarvon


@pytest.fixture(scope="module")
def lexicon() -> GeoLexicon:
    return load_geo_lexicon()


@pytest.mark.parametrize(
    ("feature", "with_it", "without_it"),
    [
        # (weight name, (place, match, context, parent, as_parent) with the feature, the same without)
        (
            "level_word_agrees",
            (invented(1, "XA"), qarvon(level=PlaceKind.CITY), {}, None, False),
            (invented(1, "XA"), qarvon(), {}, None, False),
        ),
        (
            "level_word_differs",
            (invented(1, "XA"), qarvon(level=PlaceKind.ADMIN2), {}, None, False),
            (invented(1, "XA"), qarvon(), {}, None, False),
        ),
        (
            "admin1_as_parent",
            (PROVINCE, qarvon(), {}, None, True),
            (PROVINCE, qarvon(), {}, None, False),
        ),
        (
            "capital_cue",
            (invented(1, "XA"), qarvon(cues=frozenset({"capital"})), {}, None, False),
            (invented(1, "XA"), qarvon(), {}, None, False),
        ),
        (
            "country_absent",
            (invented(1, "XB"), qarvon(), {"XA": 2}, None, False),
            (invented(1, "XB"), qarvon(), {}, None, False),
        ),
        (
            "parent_inside",
            (invented(1, "XA", admin1_id=900), qarvon(), {}, PROVINCE, False),
            (invented(1, "XA", admin1_id=900), qarvon(), {}, None, False),
        ),
        (
            "parent_outside",
            (invented(1, "XA", admin1_id=901), qarvon(), {}, PROVINCE, False),
            (invented(1, "XA", admin1_id=901), qarvon(), {}, None, False),
        ),
    ],
)
def test_geo_scoring_feature_adds_its_weight(
    feature: str, with_it: tuple, without_it: tuple, lexicon: GeoLexicon
) -> None:
    scoring = lexicon.scoring

    def score(place, match, context, parent, as_parent):
        return _score(place, match, Counter(context), parent, as_parent, scoring)

    assert score(*with_it) - score(*without_it) == pytest.approx(getattr(scoring, feature))


def test_geo_scoring_kind_population_and_country_share(lexicon: GeoLexicon) -> None:
    scoring = lexicon.scoring
    town = invented(1, "XA", population=99_999)
    bare = _score(town, qarvon(), Counter(), None, False, scoring)
    assert bare == pytest.approx(
        scoring.kind_prior[PlaceKind.CITY] + 5 * scoring.population_per_decade, abs=1e-4
    )
    province = _score(PROVINCE, qarvon(), Counter(), None, False, scoring)
    assert province == pytest.approx(scoring.kind_prior[PlaceKind.ADMIN1])
    shared = _score(town, qarvon(), Counter({"XA": 3, "XB": 1}), None, False, scoring)
    assert shared - bare == pytest.approx(scoring.country_share * 3 / 4)


def test_geo_scoring_weights_are_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    source = (data_dir / "geo_scoring.yaml").read_text(encoding="utf-8")
    (data_dir / "geo_scoring.yaml").write_text(
        source.replace("capital_cue: 1.0", "capital_cue: 7.5"), "utf-8"
    )
    assert load_place_scoring(data_dir=data_dir).capital_cue == 7.5


@pytest.mark.parametrize(
    ("feature", "others", "place", "gains"),
    [
        # a town inside a province that another name of the article fixes
        ("inside_named_unit", [qarvon(PROVINCE)], invented(1, "XA", admin1_id=900), True),
        ("inside_named_unit", [qarvon(PROVINCE)], invented(1, "XA", admin1_id=901), False),
        # a town near another town the article names (both invented at the same spot)
        ("near_named_town", [qarvon(invented(7, "XA"))], invented(1, "XA"), True),
        # the province of the first place told as where something happened
        (
            "first_mention_province",
            [qarvon(PROVINCE, cues=frozenset({"locative"}))],
            invented(1, "XA", admin1_id=900),
            True,
        ),
        ("first_mention_province", [qarvon(PROVINCE)], invented(1, "XA", admin1_id=900), False),
    ],
)
def test_geo_scoring_other_places_named_weigh_as_the_file_says(
    feature: str, others: list, place: GazPlace, gains: bool, lexicon: GeoLexicon
) -> None:
    scoring = dataclasses.replace(lexicon.scoring, **{feature: 2.5})
    assert scoring.weighs_anchors
    others = [dataclasses.replace(m, surface=f"Other{n}") for n, m in enumerate(others)]
    anchors = anchors_of(others, Counter({"XA": 3}), scoring)
    match = qarvon(place)
    gained = _score(place, match, Counter(), None, False, scoring, anchors) - _score(
        place, match, Counter(), None, False, scoring
    )
    assert gained == pytest.approx(2.5 if gains else 0.0)


def test_geo_scoring_a_name_is_no_anchor_of_itself(lexicon: GeoLexicon) -> None:
    scoring = dataclasses.replace(lexicon.scoring, inside_named_unit=2.5)
    town = invented(1, "XA", admin1_id=900)
    match = qarvon(PROVINCE, town)  # "Qarvon" the province and "Qarvon" its town
    anchors = anchors_of([match], Counter({"XA": 3}), scoring)
    assert _score(town, match, Counter(), None, False, scoring, anchors) == _score(
        town, match, Counter(), None, False, scoring
    )


@pytest.mark.parametrize(
    ("match", "plausible"),
    [
        (qarvon(invented(1, "XB", population=500_000), cues=frozenset({"locative"})), True),
        # "Qarvon township": a district, not the big town of that name abroad
        (qarvon(invented(1, "XB", population=500_000), level=PlaceKind.ADMIN2), False),
        (qarvon(invented(1, "XB", population=500_000), level=PlaceKind.CITY), True),
        # "Qarvon Smith Bay": a longer name runs on, not the province of that name abroad
        (qarvon(invented(1, "XB", kind=PlaceKind.ADMIN1), cues=frozenset({"name_follows"})), False),
        (qarvon(invented(1, "XB", kind=PlaceKind.ADMIN1)), True),
    ],
)
def test_geo_scoring_place_abroad_in_a_weak_context(
    match: ToponymMatch, plausible: bool, lexicon: GeoLexicon
) -> None:
    place = match.candidates[0]
    assert _plausible(place, match, Counter({"XA": 1}), None, lexicon.scoring) is plausible


def test_geo_scoring_parent_holding_the_named_child(lexicon: GeoLexicon) -> None:
    scoring = lexicon.scoring
    inside, outside = invented(1, "XA", admin1_id=900), invented(2, "XA", admin1_id=901)

    def score(*held: GazPlace) -> float:
        return _score(PROVINCE, qarvon(), Counter(), None, True, scoring, NO_ANCHORS, held)

    assert score(inside) - score() == pytest.approx(scoring.holds_named_child)
    assert score(outside) == pytest.approx(score())


@pytest.mark.parametrize(
    ("gap", "parent"),
    [
        (", ", True),
        (",in ", True),  # a comma, and no space after it
        (" of the ", True),
        (" in ", True),
        (", western ", True),
        (" in north-eastern ", True),
        (" de ", True),
        (" and ", False),
        (" near ", False),
        (", the ", False),
    ],
)
def test_geo_scoring_parent_gap(gap: str, parent: bool, lexicon: GeoLexicon) -> None:
    assert bool(lexicon.scoring.parent_gap.match(gap)) is parent


def test_geo_scoring_parent_gap_words_are_data(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(DATA_DIR, data_dir)
    source = (data_dir / "geo.yaml").read_text(encoding="utf-8")
    edited = source.replace('of the, in the, ", in", ", in the", de]', "of the]")
    assert edited != source
    (data_dir / "geo.yaml").write_text(edited, encoding="utf-8")
    scoring = load_geo_lexicon(data_dir=data_dir).scoring
    assert scoring.parent_gap.match(" of the ") and not scoring.parent_gap.match(" de ")


@pytest.mark.parametrize(
    ("before", "village"),
    [
        ("fighting in Qala Nau of ", "Qala Nau"),
        ("the Qala area of the ", "Qala"),
        ("fighting in Qala near ", None),
    ],
)
def test_geo_scoring_village_named_before_its_district(
    before: str, village: str | None, lexicon: GeoLexicon
) -> None:
    found = lexicon.scoring.unknown_subplace.search(before)
    assert (found.group(1) if found else None) == village

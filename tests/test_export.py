"""Exports: CSV, GeoJSON and JSON Lines parse back with the right columns and values."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from conflictdb.export import CSV_COLUMNS, export_csv, export_geojson, export_jsonl
from conflictdb.records import (
    Article,
    Category,
    Claim,
    DatePrecision,
    DateValue,
    Figure,
    Mention,
    Outcome,
    Place,
    Span,
    Stance,
)
from conflictdb.store import IncidentDetail, open_store

TEXT = "Shelling killed 5 civilians in Dörfli, the mayor said. The army denied any deaths."


def detail(
    incident_id: str = "inc-1", *, lat: float | None = 47.1, fatalities: int | None = 5
) -> IncidentDetail:
    """An invented incident told by one article with a claim and a denial."""
    article = Article(
        id="art1", source="/in/art1.txt", text=TEXT, clean_text=TEXT, outlet="Valley News", title="Shelling"
    )
    start = TEXT.index("The army")
    claims = (
        Claim(
            Span(0, TEXT.index(" the mayor")),
            (Figure(Outcome.KILLED, Category.CIVILIANS, 5, 5),),
            speaker="the mayor",
        ),
        Claim(Span(start, len(TEXT)), speaker="the army", stance=Stance.DENIED, stance_words="denied"),
    )
    place = Place(
        "Dörfli", country="CH", admin1="Bern", lat=lat, lon=7.5 if lat is not None else None, precision=1
    )
    mention = Mention(
        article_id="art1",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        date=DateValue(dt.date(2023, 7, 2), DatePrecision.WEEK, "last week"),
        place=place,
        claims=claims,
        perpetrator="Army",
        incident_id=incident_id,
    )
    return IncidentDetail(
        id=incident_id,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        date=dt.date(2023, 7, 2),
        date_precision="week",
        country="CH",
        admin1="Bern",
        admin2=None,
        location="Dörfli",
        lat=lat,
        lon=place.lon,
        geo_precision=1,
        actor1="Army",
        actor2=None,
        fatalities=fatalities,
        notes="Shelling killed 5 civilians in Dörfli",
        sources=("Radio Alp", "Valley News"),
        articles_count=2,
        mentions_count=1,
        claims_count=2,
        mentions=(mention,),
        articles=(article,),
    )


def test_export_csv_has_acled_columns_and_values() -> None:
    out = io.StringIO(newline="")
    assert export_csv([detail(), detail("inc-2", lat=None, fatalities=None)], out) == 2
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    first, second = list(reader)
    assert first["event_id"] == "inc-1"
    assert (first["event_date"], first["year"], first["time_precision"]) == ("2023-07-02", "2023", "2")
    assert (first["latitude"], first["longitude"], first["geo_precision"]) == ("47.1", "7.5", "1")
    assert (first["fatalities"], first["claims_count"]) == ("5", "2")
    assert first["source"] == "Radio Alp; Valley News"
    assert first["location"] == "Dörfli"
    assert first["admin2"] == ""
    assert (second["latitude"], second["fatalities"]) == ("", "0")  # ACLED codes unknown deaths as 0


def test_export_csv_quotes_notes_with_commas_and_newlines() -> None:
    row = detail()
    tricky = IncidentDetail(
        **{**{k: getattr(row, k) for k in row.__dataclass_fields__}, "notes": 'a, "b"\nc'}
    )
    out = io.StringIO(newline="")
    export_csv([tricky], out)
    (parsed,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert parsed["notes"] == 'a, "b"\nc'


def test_export_geojson_points_skip_incidents_without_coordinates() -> None:
    out = io.StringIO()
    assert export_geojson([detail(), detail("inc-2", lat=None)], out) == 1
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [7.5, 47.1]}  # lon, lat
    assert feature["properties"]["event_id"] == "inc-1"
    assert feature["properties"]["fatalities"] == 5
    assert "Dörfli" in out.getvalue()  # not \u-escaped


def test_export_jsonl_one_incident_per_line_with_mentions_and_claims() -> None:
    out = io.StringIO()
    assert export_jsonl([detail(), detail("inc-2", fatalities=None)], out) == 2
    lines = out.getvalue().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["event_id"] == "inc-1" and second["fatalities"] is None
    assert first["sources"] == ["Radio Alp", "Valley News"]
    (mention,) = first["mentions"]
    assert (mention["article_id"], mention["outlet"], mention["date_text"]) == (
        "art1",
        "Valley News",
        "last week",
    )
    mayor, army = mention["claims"]
    assert mayor["speaker"] == "the mayor"
    assert mayor["figures"] == [
        {
            "outcome": "killed",
            "category": "civilians",
            "min": 5,
            "max": 5,
            "approximate": False,
            "vague": None,
            "part_of_total": False,
            "women": None,
            "children": None,
        }
    ]
    assert mayor["evidence"]["text"] == "Shelling killed 5 civilians in Dörfli,"
    assert (army["stance"], army["figures"]) == ("denied", [])
    assert army["evidence"]["text"] == "The army denied any deaths."


def test_export_csv_adds_reconciled_killed_totals_and_grade() -> None:
    out = io.StringIO(newline="")
    export_csv([detail()], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == ("5", "5", "5")
    assert row["grade"] == "contested"  # the army's denial against the mayor's 5, not a zero
    assert row["fatalities"] == "5"


def test_export_jsonl_and_geojson_carry_full_figures_and_grade() -> None:
    out = io.StringIO()
    export_jsonl([detail()], out)
    record = json.loads(out.getvalue())
    assert record["grade"] == "contested" and 'a denial by the army ("denied")' in record["grade_reason"]
    civilians = record["figures"]["killed"]["civilians"]
    assert (civilians["low"], civilians["best"], civilians["high"]) == (5, 5, 5)
    (mayor,) = civilians["claims"]
    assert (mayor["article_id"], mayor["claim"], mayor["source"], mayor["role"]) == (
        "art1",
        0,
        "speaker mayor",
        "counted",
    )
    assert record["figures"]["contesting"] == [
        {
            "article_id": "art1",
            "mention": 0,
            "claim": 1,
            "evidence": {"start": TEXT.index("The army"), "end": len(TEXT)},
        }
    ]
    geo = io.StringIO()
    export_geojson([detail()], geo)
    (feature,) = json.loads(geo.getvalue())["features"]
    assert feature["properties"]["figures"] == record["figures"]
    assert feature["properties"]["grade"] == "contested"


def test_export_uses_stored_figures_and_grade_when_the_row_has_them() -> None:
    stored = {"killed": {"total": {"low": 3, "best": 4, "high": 9}}, "fatalities": 3, "contesting": []}
    row = dataclasses.replace(
        detail(), figures_json=json.dumps(stored), grade="fair", grade_reason="2 sources"
    )
    out = io.StringIO(newline="")
    export_csv([row], out)
    (parsed,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (parsed["killed_low"], parsed["killed_best"], parsed["killed_high"], parsed["grade"]) == (
        "3",
        "4",
        "9",
        "fair",
    )


def test_export_from_the_store_carries_stored_figures_and_grade(tmp_path: Path) -> None:
    made = detail()
    with open_store(f"sqlite:///{tmp_path / 'x.sqlite'}") as store:
        store.add_article(made.articles[0], list(made.mentions))
        (row,) = store.incidents()
        (stored,) = store.incident_details()
    assert row.grade == "contested"  # written by store.summary, read back
    assert json.loads(row.figures_json or "{}")["killed"]["total"]["best"] == 5
    out = io.StringIO(newline="")
    export_csv([row], out)
    (parsed,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (parsed["killed_best"], parsed["grade"]) == ("5", "contested")
    lines = io.StringIO()
    export_jsonl([stored], lines)
    assert json.loads(lines.getvalue())["figures"]["killed"]["civilians"]["best"] == 5


def test_export_csv_carries_ucdp_where_prec() -> None:
    from conflictdb.export import where_prec
    from conflictdb.store import IncidentRow

    base = {f: None for f in IncidentRow.__dataclass_fields__}
    base |= {"sources": (), "articles_count": 1, "mentions_count": 1, "claims_count": 1}
    base |= {"country": "AF", "admin1": "Helmand"}
    town = IncidentRow(**(base | {"id": "i", "location": "Sangin", "geo_precision": 1}))
    province = IncidentRow(**(base | {"id": "j", "location": "Lashkar Gah", "geo_precision": 3}))
    assert (where_prec(town), where_prec(province)) == (1, 4)


def _placed(country: str, admin1: str | None, admin2: str | None, location: str) -> IncidentDetail:
    """The invented incident of `detail()`, moved to another place."""
    return dataclasses.replace(detail(), country=country, admin1=admin1, admin2=admin2, location=location)


@pytest.mark.parametrize(
    ("stored", "acled"),
    [
        # names the gazetteer speaks -> ACLED's names, levels, country name and ISO numeric code
        (("CM", "Far North", "Mayo-Tsanaga", "Koza"), ("120", "Cameroon", "Extreme-Nord", "Mayo-Tsanaga")),
        (("CM", "South-West", None, "Kumba"), ("120", "Cameroon", "Sud-Ouest", "")),
        (("IL", "Southern District", None, "Ofakim"), ("376", "Israel", "HaDarom", "")),
        (("LB", "South Lebanon", None, "Tyre"), ("422", "Lebanon", "South", "")),
        (
            ("PS", "Gaza Strip", "Khan Yunis", "Bani Suhaila"),
            ("275", "Palestine", "Gaza Strip", "Khan Yunis"),
        ),
        (("PH", "Davao", "Davao del Sur", "Digos"), ("608", "Philippines", "Davao Region", "Davao del Sur")),
        (("NP", "Central", "Bagmati", "Kathmandu"), ("524", "Nepal", "Central", "Bagmati")),
        (("MW", "Central", "Dedza", "Dedza"), ("454", "Malawi", "Central", "Dedza")),
        (("UG", "Gulu", None, "Gulu"), ("800", "Uganda", "Gulu", "")),
        (("EG", "North Sinai", None, "Rafah"), ("818", "Egypt", "North Sinai", "")),
        (("VE", "La Guaira", None, "Macuto"), ("862", "Venezuela", "Vargas", "")),
        # admin2 by its bare name
        (
            ("CD", "North Kivu", "Masisi Territory", "Sake"),
            ("180", "Democratic Republic of Congo", "North Kivu", "Masisi"),
        ),
        (("CL", "Biobio", "Provincia de Arauco", "Lebu"), ("152", "Chile", "Biobio", "Arauco")),
        # names stored before the table (the gazetteer's own) come out the same
        (("CM", "Far North", None, "Mora"), ("120", "Cameroon", "Extreme-Nord", "")),
        (("IL", "Al Janubi", None, "Dimona"), ("376", "Israel", "HaDarom", "")),
        (("MW", "Dedza", None, "Dedza"), ("454", "Malawi", "Central", "Dedza")),
        (("UG", "Northern", "Gulu", "Gulu"), ("800", "Uganda", "Gulu", "")),
        # countries under ACLED's names
        (("CD", "North Kivu", "Beni", "Beni"), ("180", "Democratic Republic of Congo", "North Kivu", "Beni")),
        (("CI", "Savanes", None, "Korhogo"), ("384", "Ivory Coast", "Savanes", "")),
        (("XK", "Mitrovica", None, "Zvecan"), ("0", "Kosovo", "Mitrovica", "")),
        (("RU", "Belgorod", None, "Shebekino"), ("643", "Russia", "Belgorod", "")),
    ],
)
def test_export_csv_speaks_acled_names_and_codes(stored: tuple, acled: tuple) -> None:
    out = io.StringIO(newline="")
    export_csv([_placed(*stored)], out)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (row["iso"], row["country"], row["admin1"], row["admin2"]) == acled
    assert row["location"] == stored[3]


def test_export_jsonl_keeps_the_country_code_beside_acled_name() -> None:
    out = io.StringIO()
    export_jsonl([_placed("CM", "Far North", None, "Mora")], out)
    record = json.loads(out.getvalue())
    assert (record["country"], record["country_name"], record["iso"]) == ("CM", "Cameroon", 120)
    assert record["admin1"] == "Extreme-Nord"

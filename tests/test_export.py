"""Exports: ACLED's CSV, GeoJSON and JSON Lines parse back with the right columns and values."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from conflictdb.export import (
    event_number,
    export_csv,
    export_geojson,
    export_jsonl,
)
from conflictdb.export_tables import load_regions
from conflictdb.geo.admin_names import load_acled_countries
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
from conflictdb.store import IncidentDetail, load_store_lexicons, open_store
from tests import export_store

# ACLED's export columns as published (ACLED codebook, 2023-2024), written here apart from the data file
ACLED_PUBLISHED = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
LEXICONS = load_store_lexicons()
CSV_COLUMNS = LEXICONS.exports.csv_columns

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
        outlets=("Radio Alp", "Valley News"),
        articles_count=2,
        mentions_count=1,
        claims_count=2,
        mentions=(mention,),
        articles=(article,),
    )


def test_export_csv_has_acled_columns_and_values() -> None:
    out = io.StringIO(newline="")
    assert export_csv([detail(), detail("inc-2", lat=None, fatalities=None)], out, lexicons=LEXICONS) == 2
    reader = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert tuple(reader.fieldnames or ()) == CSV_COLUMNS
    first, second = list(reader)
    assert first["incident_id"] == "inc-1"
    assert first["event_id_cnty"] == f"CHE{event_number('inc-1')}"
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
    export_csv([tricky], out, lexicons=LEXICONS)
    (parsed,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert parsed["notes"] == 'a, "b"\nc'


def test_export_geojson_points_skip_incidents_without_coordinates() -> None:
    out = io.StringIO()
    assert export_geojson([detail(), detail("inc-2", lat=None)], out, lexicons=LEXICONS) == 1
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    (feature,) = collection["features"]
    assert feature["geometry"] == {"type": "Point", "coordinates": [7.5, 47.1]}  # lon, lat
    assert feature["properties"]["incident_id"] == "inc-1"
    assert feature["properties"]["fatalities"] == 5
    assert "Dörfli" in out.getvalue()  # not \u-escaped


def test_export_jsonl_one_incident_per_line_with_mentions_and_claims() -> None:
    out = io.StringIO()
    assert export_jsonl([detail(), detail("inc-2", fatalities=None)], out, lexicons=LEXICONS) == 2
    lines = out.getvalue().splitlines()
    first, second = (json.loads(line) for line in lines)
    assert first["incident_id"] == "inc-1" and second["fatalities"] is None
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
    export_csv([detail()], out, lexicons=LEXICONS)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (row["killed_low"], row["killed_best"], row["killed_high"]) == ("5", "5", "5")
    assert row["grade"] == "contested"  # the army's denial against the mayor's 5, not a zero
    assert row["fatalities"] == "5"


def test_export_jsonl_and_geojson_carry_full_figures_and_grade() -> None:
    out = io.StringIO()
    export_jsonl([detail()], out, lexicons=LEXICONS)
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
    export_geojson([detail()], geo, lexicons=LEXICONS)
    (feature,) = json.loads(geo.getvalue())["features"]
    assert feature["properties"]["figures"] == record["figures"]
    assert feature["properties"]["grade"] == "contested"


def test_export_uses_stored_figures_and_grade_when_the_row_has_them() -> None:
    stored = {"killed": {"total": {"low": 3, "best": 4, "high": 9}}, "fatalities": 3, "contesting": []}
    row = dataclasses.replace(
        detail(), figures_json=json.dumps(stored), grade="fair", grade_reason="2 sources"
    )
    out = io.StringIO(newline="")
    export_csv([row], out, lexicons=LEXICONS)
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
    export_csv([row], out, lexicons=LEXICONS)
    (parsed,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (parsed["killed_best"], parsed["grade"]) == ("5", "contested")
    lines = io.StringIO()
    export_jsonl([stored], lines, lexicons=LEXICONS)
    assert json.loads(lines.getvalue())["figures"]["killed"]["civilians"]["best"] == 5


def test_export_csv_carries_ucdp_where_prec() -> None:
    from conflictdb.export import where_prec
    from conflictdb.store import IncidentRow

    base = {f: None for f in IncidentRow.__dataclass_fields__}
    base |= {"sources": (), "articles_count": 1, "mentions_count": 1, "claims_count": 1}
    base |= {"country": "AF", "admin1": "Helmand"}
    town = IncidentRow(**(base | {"id": "i", "location": "Sangin", "geo_precision": 1}))
    province = IncidentRow(**(base | {"id": "j", "location": "Lashkar Gah", "geo_precision": 3}))
    assert (where_prec(town, LEXICONS.exports), where_prec(province, LEXICONS.exports)) == (1, 4)


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
    export_csv([_placed(*stored)], out, lexicons=LEXICONS)
    (row,) = csv.DictReader(io.StringIO(out.getvalue(), newline=""))
    assert (row["iso"], row["country"], row["admin1"], row["admin2"]) == acled
    assert row["location"] == stored[3]


def test_export_jsonl_keeps_the_country_code_beside_acled_name() -> None:
    out = io.StringIO()
    export_jsonl([_placed("CM", "Far North", None, "Mora")], out, lexicons=LEXICONS)
    record = json.loads(out.getvalue())
    assert (record["country"], record["country_name"], record["iso"]) == ("CM", "Cameroon", 120)
    assert record["admin1"] == "Extreme-Nord"


def test_export_csv_columns_are_acleds_published_31_then_ours() -> None:
    tables = LEXICONS.exports
    assert tables.acled_columns == tuple(ACLED_PUBLISHED) and len(ACLED_PUBLISHED) == 31
    assert CSV_COLUMNS[:31] == tables.acled_columns
    own = CSV_COLUMNS[31:]
    assert {"incident_id", "grade", "evidence_url", "killed_low", "killed_civilians_best"} <= set(own)
    assert {"injured_security_forces_high", "injured_best"} <= set(own)
    assert not set(own) & set(ACLED_PUBLISHED)
    categories = {category for _, category, _ in tables.range_columns.values()} - {"total"}
    assert categories == {c.value for c in Category}  # a range column for every victim category


def test_export_regions_name_every_country_once() -> None:
    regions = load_regions()
    assert set(regions) == set(load_acled_countries())
    assert (regions["NO"], regions["MZ"], regions["AF"], regions["TR"]) == (
        "Europe",
        "Southern Africa",
        "South Asia",
        "Middle East",
    )


def test_export_csv_of_a_store_reads_back_with_pandas_in_acleds_values(database_url: str) -> None:
    with open_store(database_url) as store:
        ids = export_store.fill(store)
        out = io.StringIO(newline="")
        assert export_csv(store.incidents(), out, lexicons=LEXICONS) == 4
    frame = pd.read_csv(io.StringIO(out.getvalue()), dtype=str, keep_default_na=False)
    assert tuple(frame.columns[:31]) == tuple(ACLED_PUBLISHED)
    rows = {ids_key: frame[frame["incident_id"] == i].iloc[0] for ids_key, i in ids.items()}
    raid, clash, march, shelling = rows["raid"], rows["clash"], rows["march"], rows["shelling"]
    # country name, ISO numeric, region; event_id_cnty the ISO alpha-3 code and a stable number
    assert (raid["country"], raid["iso"], raid["region"]) == ("Mali", "466", "Western Africa")
    assert (clash["country"], clash["iso"], clash["region"]) == ("Somalia", "706", "Eastern Africa")
    assert (shelling["country"], shelling["iso"], shelling["region"]) == ("Ukraine", "804", "Europe")
    assert raid["event_id_cnty"] == f"MLI{event_number(ids['raid'])}"
    assert clash["event_id_cnty"].startswith("SOM") and clash["event_id_cnty"][3:].isdigit()
    assert len(set(frame["event_id_cnty"])) == 4
    # sources are outlets (by name, else the URL's host), never file paths
    assert (raid["source"], clash["source"], shelling["source"]) == (
        "Sahel Courier",
        "horn-dispatch.example",
        "",
    )
    assert not any("/data/in" in source for source in frame["source"])
    # disorder type from the event and sub-event type
    assert (raid["disorder_type"], clash["disorder_type"]) == ("Political violence", "Political violence")
    assert march["disorder_type"] == "Political violence; Demonstrations"
    # civilian targeting: violence against civilians, or civilians alone among the victims
    assert (raid["civilian_targeting"], shelling["civilian_targeting"]) == ("Civilian targeting",) * 2
    assert march["civilian_targeting"] == "Civilian targeting"  # protesters are civilians hurt by police
    assert clash["civilian_targeting"] == ""
    # inter codes of actors under ACLED's names; a state's forces abroad are external
    assert (raid["inter1"], raid["inter2"], raid["interaction"]) == ("3", "7", "37")
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("1", "2", "12")
    assert (march["inter1"], march["inter2"], march["interaction"]) == ("1", "6", "16")
    assert (shelling["inter1"], shelling["interaction"]) == ("8", "80")
    # low/best/high by outcome and category
    assert (clash["killed_low"], clash["killed_best"], clash["killed_high"]) == ("14", "14", "14")
    assert (clash["killed_security_forces_best"], clash["killed_militants_best"]) == ("3", "11")
    assert (raid["killed_civilians_best"], raid["injured_civilians_best"], raid["killed_militants_best"]) == (
        "7",
        "2",
        "",
    )
    assert (march["injured_civilians_low"], march["killed_best"]) == ("6", "")
    # the rest of ACLED's values: precision, fatalities, timestamp; and our link to the evidence
    assert (clash["time_precision"], march["time_precision"], raid["time_precision"]) == ("2", "3", "1")
    assert (raid["fatalities"], march["fatalities"]) == ("7", "0")
    now = dt.datetime.now(dt.UTC).timestamp()
    assert all(now - 3600 < int(stamp) <= now + 1 for stamp in frame["timestamp"])
    assert raid["evidence_url"] == f"/incidents/{ids['raid']}"
    assert raid["grade"] != ""


def test_export_csv_timestamp_follows_an_analysts_correction(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'x.sqlite'}") as store:
        ids = export_store.fill(store)
        (before,) = [r.updated_at for r in store.incidents() if r.id == ids["clash"]]
        store.correct_incident(ids["clash"], by="tester", sub_event_type="Government regains territory")
        (after,) = [r.updated_at for r in store.incidents() if r.id == ids["clash"]]
    assert before is not None and after is not None and after > before

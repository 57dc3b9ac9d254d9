"""Incident segmentation on invented articles that tell one to four incidents: which sentences tell which
incident (a second place, another day, a repeated attack, a clause of its own, a live report's entries, the
attackers' losses in a later pursuit), and which tell none (a reference back, a habit, a total, a landmark,
a toll repeated on the day it was reported)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from conflictdb import clean, pipeline
from conflictdb.errors import raise_error
from conflictdb.extract import events, findings, incidents
from conflictdb.extract.casualties.numbers import load_number_grammar
from conflictdb.extract.dates import load_date_lexicon
from conflictdb.extract.incidents.days import days_offset, tells_older_event
from conflictdb.extract.incidents.lexicon import AnyOf, fill_number_words
from conflictdb.extract.incidents.places import related_places
from conflictdb.extract.incidents.segment import is_heading, paragraph_view
from conflictdb.records import Article, Mention, SentenceFacts
from conflictdb.records.matches import PlaceArea
from conflictdb.resources import Resources
from tests.renamed_dates import NEW_SUNDAY, renamed_dates


def extract(text: str, resources: Resources, published: dt.date = dt.date(2021, 5, 12)) -> list[Mention]:
    article = Article(id="t", source="test", text=text, published=published)
    return pipeline.extract_records([article], resources, link=False, on_error=raise_error)[0][1]


def news_tolls(mentions: list[Mention]) -> list[list[int | None]]:
    """Per news mention (background left out), the lower bounds of its numeric figures in text order."""
    return [
        [f.min for c in m.claims for f in c.figures if f.has_number] for m in mentions if not m.background
    ]


SEPARATE = [
    pytest.param(
        "Gunmen shot dead five farmers in a field outside Kunduz city on Monday, police said. "
        "The farmers were harvesting wheat when the gunmen arrived on motorbikes. "
        "Two shepherds were killed in another armed raid on a hamlet nearby that evening, an elder said.",
        [[5], [2]],
        id="another-raid-in-mid-sentence",
    ),
    pytest.param(
        "A roadside bomb killed four soldiers in Kandahar city on Monday, an army spokesman said. "
        "The soldiers were returning from a patrol. "
        "In a separate insurgent attack in Helmand, three policemen died at a checkpoint, police said.",
        [[4], [3]],
        id="separate-with-words-between",
    ),
    pytest.param(
        "An air strike killed six people in Kunduz city on Monday, a hospital director said. "
        "The strike flattened a row of shops near the main bazaar. "
        "Separately, officials said a rocket hit a school in Baghlan, wounding nine pupils.",
        [[6], [9]],
        id="opener-word",
    ),
    pytest.param(
        "Militants ambushed an army convoy near Kunduz city on Sunday and three soldiers died, the army said."
        "\n\nOn Tuesday, militants beheaded three farmers near a village in Baghlan province, locals said.",
        [[3], [3]],
        id="same-number-of-other-victims-two-days-later",
    ),
    pytest.param(
        "A car bomb killed nine people at a bus station in Kunduz on Tuesday, police said. "
        "A day earlier, gunmen attacked a police post in Baghlan and shot dead two officers, officials said.",
        [[9], [2]],
        id="a-day-earlier",
    ),
    pytest.param(
        "Gunmen killed four policemen at a checkpoint in Kandahar city on Monday, while in Helmand a "
        "roadside bomb killed two soldiers, officials said.",
        [[4], [2]],
        id="two-events-in-one-sentence",
    ),
    pytest.param(
        "Militants stormed a village in Borno state on Sunday and killed 14 farmers, residents said. "
        "Soldiers later pursued the attackers into the bush and killed six of the militants, the army said.",
        [[14], [6]],
        id="attackers-losses-in-a-later-pursuit",
    ),
    pytest.param(
        "10:15 Shelling killed three people in Kherson, the regional governor said.\n\n"
        "11:40 A drone attack on a bus in Nikopol wounded six passengers, local officials said.",
        [[3], [6]],
        id="live-report-entries",
    ),
    pytest.param(
        "Shells fired by the militia struck a camp for displaced people in El Fasher on Sunday, killing six "
        "people, medics said.\n\nIn Kabkabiya, west of El Fasher, an air strike on the livestock market "
        "killed eleven traders, a volunteer said.",
        [[6], [11]],
        id="a-landmark-is-not-the-place",
    ),
    pytest.param(
        "Strikes on villages across southern Lebanon killed nine people on Wednesday, security sources said. "
        "An air strike on a house in the village of Kfar Kila killed four people, the sources said. "
        "A drone strike on a car near Bint Jbeil killed two men, a rescue official said.",
        [[4], [2]],
        id="a-regional-total-then-two-strikes",
    ),
    pytest.param(
        "An air strike killed five people in the town of Saraqib on Monday, rescuers said. "
        "Another strike on a bakery in Ariha killed five people, a local doctor said.",
        [[5], [5]],
        id="the-same-toll-twice-at-two-places",
    ),
    pytest.param(
        "An air strike killed six fighters at a training camp near Marib city on Monday, tribal sources said."
        "\n\nThree soldiers were killed when a landmine exploded under their vehicle, an officer said.",
        [[6], [3]],
        id="another-kind-of-event-with-its-own-toll",
    ),
    pytest.param(
        "A car bomb killed nine people at a checkpoint in Mogadishu on Sunday, police said. "
        "Mortar shells fired at the presidential compound wounded four guards, a security official said.",
        [[9], [4]],
        id="shelling-after-a-bombing",
    ),
    pytest.param(
        "Gunmen killed six worshippers at a mosque in Katsina state on Friday, police said.\n\n"
        "In Zamfara state, bandits shot dead four farmers on their way to market, a resident said.",
        [[6], [4]],
        id="an-attack-in-another-province",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEPARATE)
def test_segmentation_opens_a_second_incident(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


ONE = [
    pytest.param(
        "At least nine villagers were killed by militiamen in Kunduz province, a rights group said on "
        "Tuesday.\n\nThe militiamen stormed the village of the farmers on Sunday, leaving nine villagers "
        "dead, the group said.",
        id="toll-repeated-on-the-day-it-was-reported",
    ),
    pytest.param(
        "Gunmen killed eight road workers in Kandahar province on Monday, a police spokesman said. "
        "A mine clearance charity, also in Kandahar, put the toll at eight dead.",
        id="same-toll-again-with-also",
    ),
    pytest.param(
        "A car bomb killed eleven people at a bus station in Kunduz city on Monday, police said. "
        "Meanwhile, the governor of Baghlan condemned the bombing on Monday and promised an inquiry.",
        id="reference-back-is-no-incident",
    ),
    pytest.param(
        "Militants killed four soldiers at an outpost in Helmand province on Monday, the army said. "
        "Taliban fighters often clash with army units in Kandahar, where fighting is heavy.",
        id="a-habit-is-no-incident",
    ),
    pytest.param(
        "Twelve civilians were killed in an air strike in Idlib province on Tuesday, a monitor said. "
        "The strike hit a market in the town of Maarat al-Numan at midday.",
        id="lead-then-detail-in-a-town-of-the-province",
    ),
    pytest.param(
        "Gunmen killed 12 villagers in Zamfara state on Monday, police said. "
        "The gunmen stormed the village of Kadisau on motorbikes and killed 12 villagers, residents said.",
        id="toll-told-again-at-the-village",
    ),
    pytest.param(
        "A suicide car bomb killed eleven soldiers at a checkpoint in Afgoye on Sunday, the governor said. "
        "Twenty wounded people were taken to hospitals in Mogadishu, a doctor said.",
        id="the-wounded-taken-elsewhere",
    ),
    pytest.param(
        "An air strike killed five people in Khan Younis on Monday, medics said. "
        "Militants have launched near-daily rocket attacks on Sderot since October.",
        id="a-habit-is-no-incident",
    ),
    pytest.param(
        "Gunmen killed 30 villagers in an attack on a village in Borno on Tuesday, a militia leader said. "
        "Earlier, the local government chairman put the toll at 23.",
        id="an-earlier-statement-is-no-incident",
    ),
    pytest.param(
        "Jihadists killed 20 villagers in Borno on Tuesday, residents said. Troops responded to a distress "
        "call and killed several of the attackers, the army said.",
        id="a-response-to-a-call-is-no-earlier-incident",
    ),
    pytest.param(
        "A bomb killed six soldiers near Kandahar city on Monday, the army said. A year ago, at least 40 "
        "people were killed in a single attack in Helmand.",
        id="a-year-ago-is-background",
    ),
    pytest.param(
        "A car bomb killed nine people at a checkpoint in Mogadishu on Sunday, police said. "
        "Two of the dead were soldiers caught in the blast, an officer said.",
        id="victims-of-the-blast-told-again",
    ),
    pytest.param(
        "Russian shelling killed four people in Kherson on Monday, the governor said. "
        "Eleven people were wounded in the shelling, he added.",
        id="the-wounded-of-the-same-shelling",
    ),
    pytest.param(
        "Shelling killed three people in a market in Horlivka on Monday, the local mayor said. "
        "Two more of the wounded died in hospital in Donetsk, officials said.",
        id="the-wounded-died-in-another-town",
    ),
    pytest.param(
        "Two policemen were killed when militants fired a rocket at a checkpoint in Kunduz on Monday, "
        "police said. Four of the militants were killed in the clashes, officials said.",
        id="the-attackers-dead-in-the-same-fight",
    ),
    pytest.param(
        "Twelve civilians were killed in an air strike in Idlib province on Tuesday, a monitor said. "
        "The strike hit a market in the town of Maarat al-Numan at midday.",
        id="lead-then-detail-in-a-town-of-the-province",
    ),
    pytest.param(
        "Gunmen killed 12 villagers in Zamfara state on Monday, police said. "
        "The gunmen stormed the village of Kadisau on motorbikes and killed 12 villagers, residents said.",
        id="toll-told-again-at-the-village",
    ),
    pytest.param(
        "A suicide car bomb killed eleven soldiers at a checkpoint in Afgoye on Sunday, the governor said. "
        "Twenty wounded people were taken to hospitals in Mogadishu, a doctor said.",
        id="the-wounded-taken-elsewhere",
    ),
    pytest.param(
        "An air strike killed five people in Khan Younis on Monday, medics said. "
        "Militants have launched near-daily rocket attacks on Sderot since October.",
        id="a-habit-is-no-incident",
    ),
    pytest.param(
        "Gunmen killed 30 villagers in an attack on a village in Borno on Tuesday, a militia leader said. "
        "Earlier, the local government chairman put the toll at 23.",
        id="an-earlier-statement-is-no-incident",
    ),
    pytest.param(
        "Jihadists killed 20 villagers in Borno on Tuesday, residents said. Troops responded to a distress "
        "call and killed several of the attackers, the army said.",
        id="a-response-to-a-call-is-no-earlier-incident",
    ),
    pytest.param(
        "A bomb killed six soldiers near Kandahar city on Monday, the army said. A year ago, at least 40 "
        "people were killed in a single attack in Helmand.",
        id="a-year-ago-is-background",
    ),
    pytest.param(
        "Russian missiles struck the centre of Kharkiv twice on Thursday night, killing six people, the "
        "governor said.\n\nA second missile hit the same street an hour later. Three rescuers were wounded, "
        "officials said.",
        id="two-strikes-on-one-place-in-one-night",
    ),
    pytest.param(
        "A car bomb killed nine people in Afgoye on Sunday, police said.\n\nAt a hospital in Mogadishu, "
        "doctors said 15 wounded people were being treated.",
        id="a-paragraph-about-the-wounded-elsewhere",
    ),
    pytest.param(
        "A Russian missile hit an apartment block in Zaporizhzhia on Monday, killing eight residents, "
        "Ukrainian officials said.\n\nIn its own briefing, Moscow said a precision strike had destroyed a "
        "barracks and killed 60 soldiers.",
        id="the-other-side-retells-the-strike",
    ),
]


# A paragraph told as a new incident: its event is told in one sentence, its toll in the next.
PARAGRAPHS = [
    pytest.param(
        "Gunmen stormed a wedding in Funtua in northern Nigeria on Saturday night and killed seven guests, "
        "police said.\n\n"
        "Roughly 200 kilometres away, soldiers fought a gang of bandits near Gusau in Zamfara state. Four "
        "bandits and a soldier were killed, the army said.",
        [[7], [4, 1]],
        id="a-paragraph-at-another-place",
    ),
    pytest.param(
        "A suicide bomber killed eleven people at a bus station in Maiduguri on Monday, police said.\n\n"
        "Before sunrise, mortar rounds had fallen on a camp for displaced families on the edge of the city. "
        "Two children were wounded, a camp official said.",
        [[11], [2]],
        id="a-paragraph-of-another-kind-of-event",
    ),
    pytest.param(
        "Militants ambushed a police convoy near Baidoa on Tuesday, killing five officers, the regional "
        "governor said.\n\nOn Sunday, a roadside bomb had struck a minibus near Baidoa. Three passengers "
        "died, a relative said.",
        [[5], [3]],
        id="a-paragraph-on-another-day",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_a_paragraph_with_its_own_event_and_toll_opens_an_incident(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


# A heading line (a numbered item, a day, a place in capitals) opens a section: its news is an incident of
# its own. A subheading of words ("The aftermath") opens none.
SECTIONS = [
    pytest.param(
        "Weekly security digest for the northern districts.\n\nMonday 3 May\nGunmen shot dead four herders "
        "near the village of Kalgo, a community leader said.\n\nWednesday 5 May\nA roadside bomb destroyed "
        "an army truck on the road to Dikwa. Two soldiers were killed, a military source said.",
        [[4], [2]],
        id="a-chronology-by-day",
    ),
    pytest.param(
        "1. Raid on Kalgo\nGunmen shot dead four herders near the village of Kalgo on Monday, a community "
        "leader said.\n2. Ambush near Dikwa\nTwo soldiers were killed when their patrol was ambushed on "
        "Monday, a military source said.",
        [[4], [2]],
        id="numbered-items",
    ),
    pytest.param(
        "Gunmen shot dead four herders near the village of Kalgo on Monday, a community leader said.\n\n"
        "DIKWA\n\nThe army said two soldiers were killed when their patrol was ambushed, a military source "
        "said.",
        [[4], [2]],
        id="a-place-in-capitals",
    ),
    pytest.param(
        "Gunmen shot dead four herders near the village of Kalgo on Monday, a community leader said.\n\n"
        "The aftermath\n\nTwo of the herders were brothers, the community leader said.",
        [[4]],
        id="a-subheading-of-words-is-no-section",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SECTIONS)
def test_a_heading_line_opens_a_section(text: str, expected: list[list[int]], resources: Resources) -> None:
    assert news_tolls(extract(text, resources)) == expected


def test_a_section_takes_the_day_of_its_heading(resources: Resources) -> None:
    text = SECTIONS[0].values[0]
    found = [m for m in extract(text, resources) if not m.background]
    assert [m.date.value for m in found] == [dt.date(2021, 5, 3), dt.date(2021, 5, 5)]


def test_paragraph_view_gathers_the_paragraph_and_leaves_its_total_aside(resources: Resources) -> None:
    text = (
        "A bomb killed five people in Kunduz on Monday, police said.\n\nGunmen attacked a post in Baghlan. "
        "Two guards died, the governor said on Tuesday. The war has killed 900 people since 2020.\n\nEnd."
    )
    article = clean.clean_article(
        Article(id="t", source="test", text=text, published=dt.date(2021, 5, 12)), resources.clean
    )
    facts = findings.find_all(article, resources).facts
    first = next(i for i, f in enumerate(facts) if f.text.startswith("Gunmen"))
    view = paragraph_view(facts, first, resources.segments, article.published)
    assert view.text.startswith("Gunmen") and view.text.rstrip().endswith("since 2020.")
    assert [f.figure.min for f in view.figures] == [2]
    assert (
        incidents.sentence_date(view, speaking=resources.dates.speaking) is None
    )  # the day the governor spoke is no event's


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("2. The raid on the market", True),
        ("Tuesday 4 May", True),
        ("May 4, 2021", True),
        ("EAST DARFUR", True),
        ("The aftermath", False),
        ("Reaction", False),
        ("17:05 GMT", False),
    ],
)
def test_heading_lines(line: str, heading: bool) -> None:
    facts = SentenceFacts(index=0, start=0, end=len(line), text=line, opens_line=True, ends_line=True)
    assert is_heading([facts], 0, LEXICON) is heading


@pytest.mark.parametrize("text", ONE)
def test_segmentation_keeps_one_incident(text: str, resources: Resources) -> None:
    assert len(news_tolls(extract(text, resources))) == 1


THURSDAY = dt.date(2023, 5, 11)

FIGURELESS_SECOND = [
    pytest.param(
        "An air strike killed seven civilians at a market in Idlib city on Tuesday, rescuers said.\n\n"
        "Yesterday, rebels shot down a government helicopter and attacked an army post near Hama, the rebels "
        "said.",
        id="yesterday-opens-a-sentence",
    ),
    pytest.param(
        "Rockets struck an apartment block in Kharkiv on Wednesday, killing four residents, the governor "
        "said. Russian forces also fired missiles at the city of Sumy, but air defences shot them down.",
        id="also-at-another-city",
    ),
    pytest.param(
        "A missile hit a school in Kharkiv on Wednesday evening, killing two teachers, officials said. "
        "Hours later the Russians launched three more missile strikes on Kharkiv.",
        id="more-strikes",
    ),
    # no day, no toll: an event told as done at a town none of the incidents before names
    pytest.param(
        "A car bomb killed nine people outside a bank in Kunduz city on Tuesday, police said. The blast "
        "shattered windows along the street. Insurgents also attacked a border post in Lashkar Gah, a "
        "provincial spokesman said.",
        id="also-attacked-another-town-with-no-day",
    ),
    # a city named like its province lies in that province, not in any other one
    pytest.param(
        "A drone strike killed four fighters at a farm near Kunduz city on Tuesday, relatives said. The farm "
        "belonged to a local commander. Gunmen also stormed a clinic in Faryab province on Tuesday, a nurse "
        "said.",
        id="a-city-named-like-its-province",
    ),
]


@pytest.mark.parametrize("text", FIGURELESS_SECOND)
def test_segmentation_opens_a_second_incident_without_figures(text: str, resources: Resources) -> None:
    assert len(news_tolls(extract(text, resources, published=THURSDAY))) == 2


KUNDUZ_BOMB = (
    "A car bomb killed nine people outside a bank in Kunduz city on Tuesday, police said. The blast "
    "shattered windows along the street. "
)


@pytest.mark.parametrize(
    "sentence",
    [
        pytest.param("Insurgents have also attacked border posts in Lashkar Gah, they said.", id="repeated"),
        pytest.param("Meanwhile, the insurgents threatened to attack schools in Lashkar Gah.", id="meant"),
        pytest.param("Meanwhile, troops are pressing an offensive in Lashkar Gah.", id="going-on"),
        pytest.param("Insurgents also continued to shell army posts in Lashkar Gah.", id="continued"),
        pytest.param("Insurgents also attacked a police post in Kunduz city, police said.", id="place-told"),
    ],
)
def test_a_figureless_event_not_told_as_done_elsewhere_is_no_incident(
    sentence: str, resources: Resources
) -> None:
    assert len(news_tolls(extract(KUNDUZ_BOMB + sentence, resources, published=THURSDAY))) == 1


AIR_STRIKE_IN_KUNDUZ = (
    "An air strike killed eight people at a wedding in Kunduz city on Tuesday, a hospital director said. The "
    "guests had gathered in a courtyard.\n\n"
)


@pytest.mark.parametrize(
    ("paragraph", "count"),
    [
        # a paragraph a source opens with an event at another town, with no toll: another incident
        ("Militants attacked a checkpoint in Lashkar Gah on Tuesday night, a police spokesman said.", 2),
        ("Gunmen kidnapped a doctor in Herat city on Tuesday, the police said. He was driving home.", 2),
        # no source of its own: a detail of the story told
        ("Militants attacked a checkpoint in Lashkar Gah on Tuesday night.", 1),
        # the town is where the source is, not where the event was
        ("A police source in Lashkar Gah said militants attacked a checkpoint on Tuesday night.", 1),
        # an operation lasting days, not one event
        ("Troops launched a clearing operation in Lashkar Gah on Tuesday, the army said.", 1),
        # told as meant, not done
        ("The insurgents threatened to attack Lashkar Gah on Tuesday, a police spokesman said.", 1),
    ],
)
def test_a_paragraph_told_by_a_source_at_another_town_without_a_toll(
    paragraph: str, count: int, resources: Resources
) -> None:
    found = extract(AIR_STRIKE_IN_KUNDUZ + paragraph, resources, published=THURSDAY)
    assert len(news_tolls(found)) == count


@pytest.mark.parametrize(
    ("before", "undone"),
    [
        ("the insurgents threatened to ", True),
        ("militants have also ", True),
        ("troops are pressing an ", True),
        ("the army could ", True),
        ("gunmen ", False),
        ("in other violence, militants ", False),
        ("a village was ", False),
    ],
)
def test_words_that_tell_an_event_as_not_done(before: str, undone: bool) -> None:
    assert (LEXICON.undone.search(before) is not None) is undone


def test_same_time_elsewhere_takes_the_day_of_the_incident_before(resources: Resources) -> None:
    text = (
        "Suspected jihadists killed 12 civilians in an attack on a village near Bandiagara on Tuesday "
        "evening, a local official said.\n\nThe attack came on the same day that three soldiers were killed "
        "when their vehicle struck a mine on a road in the Douentza area."
    )
    found = [m for m in extract(text, resources, published=THURSDAY) if not m.background]
    assert [m.date.value for m in found] == [dt.date(2023, 5, 9)] * 2


def test_another_kind_of_event_takes_the_day_of_the_incident_before(resources: Resources) -> None:
    text = (
        "An air strike killed six fighters at a training camp near Marib city on Tuesday, tribal sources "
        "said.\n\nThree soldiers were killed when a landmine exploded under their vehicle, an official said."
    )
    found = [m for m in extract(text, resources, published=THURSDAY) if not m.background]
    assert [m.date.value for m in found] == [dt.date(2023, 5, 9)] * 2


LEXICON = incidents.load_segment_lexicon(numbers=load_number_grammar())


def area(
    names: set[str],
    parents: set[str] = frozenset(),
    region: bool = False,
    provinces: set[str] = frozenset(),
    wide: bool = False,
) -> PlaceArea:
    return incidents.place_area(
        set(names), set(parents), LEXICON, region=region, provinces=set(provinces), wide=wide
    )


KHERSON_REGION = area({"Kherson"}, region=True)
KHERSON_CITY = area({"Kherson"}, {"Khersonskyi Raion"}, provinces={"Kherson"})
BILOZERKA = area({"Bilozerka"}, {"Kherson", "Khersonskyi Raion"}, provinces={"Kherson"})
STANISLAV = area({"Stanislav"}, {"Kherson", "Khersonskyi Raion"}, provinces={"Kherson"})


@pytest.mark.parametrize(
    ("a", "b", "related"),
    [
        (area({"Saltivka"}, {"Kharkiv", "Kharkiv Raion"}), area({"Kharkiv"}, {"Kharkivska oblast"}), True),
        (area({"Kafr Ruma"}, {"Idlib"}), area({"Saraqib"}, {"Idlib"}), False),  # two towns of one province
        (area({"Kuru"}), area({"Plateau State"}, region=True), True),  # a village the gazetteer lacks
        (area({"Kuru"}), area({"Jos"}, {"Plateau"}), False),
        (area({"Nabatieh's"}), area({"nabatieh"}), True),
        (area({"Zamfara"}, region=True), area({"Katsina"}, region=True), False),  # two provinces
        (BILOZERKA, KHERSON_REGION, True),  # a village in its province
        (BILOZERKA, KHERSON_CITY, False),  # the city named like the province holds none of its villages
        (
            BILOZERKA,
            area({"Kherson"}, {"Khersonskyi Raion"}, provinces={"Kherson"}, wide=True),
            True,
        ),  # either
        (BILOZERKA, area({"Khersonskyi Raion"}, wide=True), True),  # a village in its district
        # a city named like its province is placed: it lies in no other province
        (area({"Kunduz"}, {"Kunduz"}), area({"Faryab"}, region=True), False),
        (area({"Kunduz"}, {"Kunduz"}), area({"Kunduz"}, region=True), True),
    ],
)
def test_related_places(a: PlaceArea, b: PlaceArea, related: bool) -> None:
    assert related_places(a, b) is related


@pytest.mark.parametrize(
    ("these", "those", "meet"),
    [
        ([STANISLAV], [KHERSON_REGION, BILOZERKA], False),  # two villages of the province the frame names
        ([STANISLAV], [KHERSON_REGION], True),  # the frame names no town: the province holds the village
        ([KHERSON_REGION], [BILOZERKA], True),
        ([area({"Kuru"})], [KHERSON_REGION, BILOZERKA], False),  # a village the gazetteer lacks, apart
        ([area({"Kuru"})], [KHERSON_REGION], True),  # ... or anywhere in the province
        # a town the gazetteer lacks is placed by the district named with it
        ([area({"Kuru"}), area({"Khersonskyi Raion"}, wide=True)], [STANISLAV], True),
        # a place both name that may be a town joins them, whatever else they name
        (
            [area({"Slobidka"}), area({"Kharkiv"}, wide=True)],
            [area({"Kholodna"}), area({"Kharkiv"}, wide=True)],
            True,
        ),
        ([area({"Kuru"}), KHERSON_REGION], [BILOZERKA, KHERSON_REGION], True),  # ... a province does not
    ],
)
def test_places_meet_compares_towns_with_towns(
    these: list[PlaceArea], those: list[PlaceArea], meet: bool
) -> None:
    assert incidents.places_meet(these, those) is meet
    assert incidents.places_meet(those, these) is meet


@pytest.mark.parametrize(
    ("sentence", "cut"),
    [
        ("Gunmen killed four men in Kandahar city, while in Helmand a bomb killed two.", "in Helmand"),
        ("A drone hit a car near Tyre; another strike hit a house in Khiam.", "another strike"),
        ("Two soldiers died in Kunduz, and in Baghlan a mine killed a boy.", "in Baghlan"),
    ],
)
def test_clause_cuts_find_the_break(sentence: str, cut: str) -> None:
    found = LEXICON.clause_cut.search(sentence)
    assert found is not None and sentence[found.end() :].startswith(cut)


@pytest.mark.parametrize(
    ("words", "pattern"),
    [
        ("Later Sunday, a bomb exploded near a bakery", "day_shift"),
        ("the previous night a drone hit a fuel depot", "day_shift"),
        ("the same Tuesday, clashes left six dead", "same_time"),
        ("Police later chased the gunmen and killed three", "pursuit"),
    ],
)
def test_word_classes_match(words: str, pattern: str) -> None:
    assert getattr(LEXICON, pattern).search(words)


def test_time_stamp_opens_an_entry() -> None:
    assert LEXICON.time_openers.search("09:02 (GMT) Overnight, troops shelled a town")
    assert not LEXICON.time_openers.search("The blast at 09:02 shook the town")
    assert re.search(LEXICON.named_site, "an air strike on the village of Kfar Kila killed four")


ANY_OF_PATTERNS = [r"\bsince\s+\w+", r"^Photo:", r"\bnear-daily\b"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Three herders have died since Lent began.", True),
        ("The ferry sank.\nPhoto: a market stall in the rain", True),
        ("The hills see near-daily skirmishes.", True),
        ("A quiet morning at the ferry landing.", False),
        ("Photo credits belong to the ferry company.", False),
    ],
)
def test_any_of_searches_as_its_patterns_do(text: str, found: bool) -> None:
    patterns = AnyOf(ANY_OF_PATTERNS, re.I | re.M)
    assert [p.pattern for p in patterns] == ANY_OF_PATTERNS  # each pattern still there, in order
    assert bool(patterns.search(text)) is found
    assert any(p.search(text) for p in patterns) is found


@pytest.mark.parametrize(
    ("second", "second_day"),
    [
        # another incident told with no day of its own is of the day of the news before it
        (
            "In a separate incident, a mine killed three guards on the road to Vell, their commander said.",
            dt.date(2023, 5, 9),
        ),
        # one told as coming after it ("after this ...") is not: with no day, the day of the report
        (
            "After this raid, in a separate incident, a mine killed three guards on the road to Vell, "
            "their commander said.",
            THURSDAY,
        ),
    ],
)
def test_an_incident_without_a_day_takes_the_day_before_it(
    second: str, second_day: dt.date, resources: Resources
) -> None:
    text = (
        "Gunmen killed seven herders in a raid on a camp near Tessa on Tuesday, officials said.\n\n"
        f"{second}\n"
    )
    found = [m for m in extract(text, resources, published=THURSDAY) if not m.background]
    assert [m.date.value for m in found] == [dt.date(2023, 5, 9), second_day]


@pytest.mark.parametrize("opener", ["Hours earlier", "A few hours before", "Minutes later"])
def test_an_incident_some_hours_apart_is_another_of_the_same_day(opener: str, resources: Resources) -> None:
    # a town of the province told before: "hours earlier" alone tells the second incident apart, and its day
    text = (
        "Gunmen killed nine herders in a raid on a camp in Zamfara state on Tuesday, police said. The "
        f"raiders came on motorbikes. {opener}, bandits shot dead four traders in Tsafe, residents said."
    )
    found = [m for m in extract(text, resources, published=THURSDAY) if not m.background]
    assert news_tolls(found) == [[9], [4]]
    assert [m.date.value for m in found] == [dt.date(2023, 5, 9)] * 2


NIGHT_AND_DAY = [
    # a night told without its day spans two days: the report's day and the evening before it
    (
        "Militiamen killed at least nine farmers in an overnight raid on the hamlet of Kordu, elders said on "
        "Thursday.\n\n"
        "The raiders came late on Wednesday night and set fire to the granary, said Ilo Baram, a teacher. "
        '"We buried nine people this morning," he said.',
        1,
    ),
    # a night told with its day is one day like any other: Tuesday night and Thursday are apart
    (
        "Militiamen killed nine farmers in the hamlet of Kordu on Tuesday night, elders said.\n\n"
        "On Thursday, militiamen stormed the hamlet of Kordu again and killed four herders, the elders said.",
        2,
    ),
]


# Session 8: a second incident told by the day of the incident before it, a sequel fight, an answer
# launched after an attack.
MORE_SEPARATE = [
    pytest.param(
        "Bandits killed nine farmers when they raided Tungan Kudu village in Sokoto state on Monday, a "
        "resident said.\n\nA local hunters' group went after the raiders on Tuesday morning. In the gunfight "
        "that followed near the Dankuru hills, four vigilantes were killed, their leader said.",
        [[9], [4]],
        id="the-gunfight-that-followed-on-another-day",
    ),
    pytest.param(
        "A drone strike killed six people at a fuel depot in Kuru town on Sunday, officials said.\n\n"
        "Shortly before, rebels fired mortars at an army camp outside Lomba town, wounding five soldiers.\n\n"
        "On Saturday, rebels fired mortars at a checkpoint near Lomba town, wounding three soldiers, the "
        "army said.",
        [[6], [5], [3]],
        id="a-frame-with-no-day-shares-the-day-before-it",
    ),
]


@pytest.mark.parametrize(("text", "count"), NIGHT_AND_DAY)
def test_a_night_told_without_its_day_spans_two_days(text: str, count: int, resources: Resources) -> None:
    mentions = extract(text, resources, published=THURSDAY)
    assert len(news_tolls(mentions)) == count
    if count == 1:
        assert str(mentions[0].date.value) == "2023-05-10"  # the named day beats "overnight"


@pytest.mark.parametrize(("text", "expected"), MORE_SEPARATE)
def test_segmentation_opens_more_second_incidents(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


def test_an_answer_launched_after_an_attack_splits_off_that_attack(resources: Resources) -> None:
    text = (
        "Army jets struck rebel bases near Lomba on Monday, killing 12 fighters, the army said. The strikes "
        "were launched after a rocket attack on Kuru town had killed three civilians, officials said."
    )
    assert news_tolls(extract(text, resources)) == [[12], [3]]


@pytest.mark.parametrize(
    ("sentence", "own"),
    [
        ("In the ensuing clash, two guards died.", True),
        ("In the gunfight that followed, two guards died.", True),
        ("In the gunfight, two guards died.", False),
    ],
)
def test_a_sequel_event_is_told_as_new(sentence: str, own: bool, resources: Resources) -> None:
    cues = tuple(c for c in events.find_event_cues(sentence, resources.events))
    facts = SentenceFacts(index=0, start=0, end=len(sentence), text=sentence, cues=cues)
    assert incidents.own_event(facts, resources.segments) is own


# One town struck again and again is one incident; two towns of one province hit on one day are two.
TOWNS_OF_ONE_PROVINCE = [
    pytest.param(
        "Russian shelling of the village of Bilozerka killed two pensioners on Monday, the Kherson regional "
        "governor said.\n\nIn Beryslav, a shell hit a bakery and killed a baker and his son, he said.",
        [[2], [2]],
        id="a-second-town-with-the-same-toll",
    ),
    pytest.param(
        "Russian shelling killed two pensioners in the village of Bilozerka in the Kherson region on Monday, "
        "the governor said.\n\nIn the village of Tyahynka, three farmers were killed when a shell struck "
        "their tractor.",
        [[2], [3]],
        id="a-village-the-gazetteer-lacks",
    ),
    pytest.param(
        "Russian artillery shelled a bus stop in Beryslav in the Kherson region on Tuesday, killing three "
        "passengers, the governor said.\n\nIn Bilozerka, a shell hit a garage and wounded two men, he said.",
        [[3], [2]],
        id="a-town-named-like-its-district-then-a-village",
    ),
]


# A toll with no event of its own told at another town ("Three more were wounded in the city of X"): the same
# day's harm there. Not the care of the hurt elsewhere, where a speaker is, nor a toll of the event told.
TOLLS_AT_ANOTHER_TOWN = [
    pytest.param(
        "Russian shelling killed two men in the village of Bilozerka on Monday morning, the governor of the "
        "Kherson region said.\n\nIn Stanislav, a shell hit a house and killed a woman and her daughter, he "
        "said.\n\nThree more people were wounded in the city of Kherson.",
        [[2], [2], [3]],
        id="a-regional-roundup-of-three-towns",
    ),
    pytest.param(
        "Gunmen killed four farmers in the village of Dala in Konduga district on Monday, police said.\n\n"
        "Three herders were killed in the town of Bama, a local official said.",
        [[4], [3]],
        id="a-toll-in-another-town",
    ),
    pytest.param(
        "Russian shelling killed two men in the village of Bilozerka on Monday morning, the governor said."
        "\n\nThree more people were wounded, officials in Kherson said.",
        [[2, 3]],
        id="where-the-speakers-are",
    ),
    pytest.param(
        "Gunmen killed four farmers in the village of Dala in Konduga district on Monday, police said.\n\n"
        "Two more villagers died in Monday's attack near Bama, residents said.",
        [[4, 2]],
        id="a-toll-of-the-event-told",
    ),
    pytest.param(
        "Russian shelling killed two men in the village of Bilozerka on Monday morning, the governor said."
        "\n\nThree wounded women were taken to a hospital in Kherson.",
        [[2, 3]],
        id="the-hurt-taken-to-another-town",
    ),
]


@pytest.mark.parametrize(("text", "expected"), TOLLS_AT_ANOTHER_TOWN)
def test_a_toll_at_another_town_is_another_incident(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


# A list of tolls each told at its own town, in one sentence: one incident per town.
TOLL_LISTS = [
    pytest.param(
        "Russian shelling hit the Kherson region on Monday, the governor said. Two people were killed in "
        "Bilozerka, three were wounded in Stanislav and one man was killed in Beryslav.",
        [[2], [3], [1]],
        id="a-list-of-three-towns",
    ),
    pytest.param(
        "Russian shelling killed five civilians in the Kherson region on Monday, the governor said.\n\n"
        "In Bilozerka, two people were killed; in Stanislav, three people were wounded.",
        [[5, 2], [3]],
        id="a-wire-roundup-by-semicolons",
    ),
    pytest.param(
        "Shelling killed two people in Kharkiv on Monday and wounded three others in the same district, the "
        "mayor said.",
        [[2, 3]],
        id="one-town-twice",
    ),
    pytest.param(
        "Russian shelling killed two people in Bilozerka and three in Stanislav on Tuesday, the governor "
        "said.",
        [[2], [3]],
        id="elliptical-list-day-at-the-end",
    ),
    # provinces are places of their own too: two provinces, two incidents; a province and a town of it, one
    pytest.param(
        "Bandits shot dead six herders in Zamfara state on Sunday, and four traders died in Katsina state, a "
        "police spokesman said.",
        [[6], [4]],
        id="a-list-of-two-provinces",
    ),
    pytest.param(
        "Militants killed five soldiers in Kunduz province on Monday, while three policemen died in Baghlan "
        "province, officials said.",
        [[5], [3]],
        id="two-provinces-by-while",
    ),
    pytest.param(
        "Russian shelling killed two people in the Kherson region on Monday, and three people died in "
        "Bilozerka, the governor said.",
        [[2, 3]],
        id="a-province-and-a-town-in-it",
    ),
]


def test_a_list_of_tolls_shares_the_day_its_sentence_tells(resources: Resources) -> None:
    found = [m for m in extract(TOLL_LISTS[3].values[0], resources) if not m.background]
    assert len(found) == 2
    assert len({m.date.value for m in found}) == 1


@pytest.mark.parametrize(("text", "expected"), TOLL_LISTS)
def test_a_list_of_tolls_at_towns_is_one_incident_per_town(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


def test_a_toll_at_another_town_takes_the_kind_of_the_incident_told_before(resources: Resources) -> None:
    for text in (TOLLS_AT_ANOTHER_TOWN[0].values[0], TOLL_LISTS[0].values[0]):
        found = [m for m in extract(text, resources) if not m.background]
        assert len(found) == 3
        assert len({m.event_type for m in found}) == 1
        assert len({m.date.value for m in found}) == 1


@pytest.mark.parametrize(
    ("before", "event", "speaker"),
    [
        ("three people were wounded in the city of ", True, False),
        ("two died near ", True, False),
        ("four were killed, officials in ", True, True),
        ("said by phone from ", False, False),
    ],
)
def test_words_before_a_place_tell_where_a_toll_happened(before: str, event: bool, speaker: bool) -> None:
    assert (LEXICON.event_place.search(before) is not None) is event
    assert (LEXICON.speaker_place.search(before) is not None) is speaker


@pytest.mark.parametrize(("text", "expected"), TOWNS_OF_ONE_PROVINCE)
def test_two_towns_of_one_province_are_two_incidents(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


ONE_TOWN = [
    pytest.param(
        "Russian missiles hit Kharkiv on Thursday night, killing four people, the mayor said.\n\nIn the "
        "Saltivka district, a missile hit a dormitory and wounded nine residents, he said.",
        id="a-city-and-its-district",
    ),
    pytest.param(
        "Shelling killed three people in the Kherson region on Monday, the governor said.\n\nIn Bilozerka, a "
        "shell hit a house and killed three people.",
        id="a-province-then-its-village",
    ),
    pytest.param(
        "An air strike killed five people in the town of Saraqib on Monday, rescuers said.\n\nIn Saraqib's "
        "eastern quarter, the strike flattened a bakery and wounded eight people.",
        id="a-town-and-its-quarter",
    ),
    pytest.param(
        "Gunmen killed 19 villagers in the village of Dala in Konduga district on Sunday, police said.\n\n"
        "Fourteen wounded villagers were taken to a clinic in Konduga, a nurse said.",
        id="a-village-the-gazetteer-lacks-and-its-district",
    ),
]


@pytest.mark.parametrize("text", ONE_TOWN)
def test_one_town_is_one_incident(text: str, resources: Resources) -> None:
    assert len(news_tolls(extract(text, resources))) == 1


# A live report retells one strike at one town in a later entry (a new toll): one incident, not two.
ONE_STRIKE_RETOLD = [
    pytest.param(
        "Gaza live\n\n16:00\nMedics say 14 people were killed in the overnight air strike on a house in "
        "Beit Lahia.\n\n11:00\nA drone strike on a tent in Deir al-Balah killed three people, medics said."
        "\n\n09:00\nAn Israeli air strike hit a house in Beit Lahia overnight. Rescuers have recovered 9 "
        "bodies so far, medics said.",
        [[14, 9], [3]],
        id="a-live-report-retells-one-strike-at-one-town",
    ),
    pytest.param(
        "Shelling killed four people in Nikopol on Monday morning, the governor said.\n\n"
        "A missile strike on Kryvyi Rih wounded six people, the mayor said.\n\n"
        "Shelling of Nikopol also damaged a school, and the toll there rose to five, officials said.",
        [[4, 5], [6]],
        id="a-toll-of-the-first-town-told-again-after-another",
    ),
    pytest.param(
        "An air strike killed five people in Saraqib on Monday, rescuers said.\n\n"
        "Shelling killed two people in Ariha, medics said.\n\n"
        "Another air strike hit Saraqib in the evening, killing three people, rescuers said.",
        [[5], [2], [3]],
        id="another-strike-on-the-same-town-stays-its-own",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ONE_STRIKE_RETOLD)
def test_a_strike_retold_at_its_town_returns_to_its_incident(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


# Session 12: "Hours later," opens a new event as a time opener does.
HOURS_LATER = [
    pytest.param(
        "An Israeli drone struck a motorbike near Nabatieh on Wednesday, killing one man, the ministry said."
        "\n\nHours later, a strike on a van near the town of Khiam in the Marjayoun district wounded two "
        "people, the agency reported.",
        [[1], [2]],
        id="hours-later-another-strike",
    ),
    pytest.param(
        "Gunmen shot dead three guards at a fuel depot outside Mosul on Sunday, police said.\n\n"
        "A few hours later, a roadside bomb on the same road wounded five soldiers, an army officer said.",
        [[3], [5]],
        id="a-few-hours-later-a-bomb",
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOURS_LATER)
def test_hours_later_opens_another_incident(
    text: str, expected: list[list[int]], resources: Resources
) -> None:
    assert news_tolls(extract(text, resources)) == expected


@pytest.mark.parametrize(
    ("sentence", "days"),
    [
        ("The ambush came a day after an attack on a depot.", -1),
        ("The ambush came two days after a raid on the camp.", -2),  # the "a" of "after a" counts nothing
        ("It came only three days after a raid on the camp.", -3),
        ("The shelling resumed just two weeks after another truce collapsed.", -14),
        ("The march was held 10 days before the vote.", 10),
        ("The blast came eleven days after the bombing of a mosque.", -11),  # a count past ten
        ("The convoy was hit twenty-one days after a first ambush.", -21),  # a hyphenated count
        ("Fighting broke out again forty days after the ceasefire.", -40),  # apart a month: background
        ("Rebels struck a dozen days after an air strike.", -12),
        ("Troops returned two or three days after a raid on the village.", -3),  # the last number told
        ("It came days after the raid on the village.", -1),  # no count: one
        ("Gunmen returned several days after an earlier attack.", -1),  # vague: one
        ("The strike came hours after a raid on the port.", 0),
        ("The arrests came after police said the raid was planned.", 0),
    ],
)
def test_incidents_days_offset_of_an_earlier_incident(sentence: str, days: int) -> None:
    found = LEXICON.relative_incident.search(sentence)
    assert found is not None
    assert days_offset(sentence, found, LEXICON) == days


def test_incidents_earlier_incident_dated_by_its_count_of_days(resources: Resources) -> None:
    text = (
        "A car bomb went off outside a hotel in Kandahar city on Thursday, killing eight guests, police said."
        " "
        "The blast came two days after a suicide attack on a checkpoint killed twelve soldiers.\n"
    )
    found = [m for m in extract(text, resources, published=dt.date(2021, 5, 14)) if not m.background]
    assert [m.date.value for m in found] == [dt.date(2021, 5, 13), dt.date(2021, 5, 11)]


def test_incidents_calendar_names_come_from_the_date_lexicon():
    """incidents.yaml names months and weekdays by placeholders that the date lexicon's names fill: a month
    the date lexicon knows is one segmentation knows, and no placeholder is left in a compiled pattern."""
    dates = load_date_lexicon()
    months = dict(dates.months) | {"januarius": 1}
    latin = dataclasses.replace(dates, full_months=("Januarius", *dates.full_months[1:]), months=months)
    text = "Rebels burned the market in Januarius, elders said."
    published = dt.date(2021, 5, 12)
    assert not tells_older_event(text, published, LEXICON)
    assert tells_older_event(text, published, incidents.load_segment_lexicon(dates=latin))
    patterns = [LEXICON.older_month, *(p for family in (LEXICON.background, LEXICON.heading) for p in family)]
    assert all(slot not in p.pattern for p in patterns for slot in ("{month}", "{Month}", "{Weekday}"))
    assert "december" in LEXICON.older_month.pattern


def test_incidents_number_words_come_from_the_number_grammar():
    """incidents.yaml names its number words by {number:A-B} slots that the number grammar's words fill, in
    order of value: a word the grammar gives a value in the slot's range is one segmentation reads."""
    numbers = load_number_grammar()
    slots = {"p": ["(?:{number:2-4}|\\d+)", "{number:1}"], "n": 3}
    assert fill_number_words(slots, numbers) == {"p": ["(?:two|three|four|\\d+)", "one"], "n": 3}
    tres = dataclasses.replace(numbers, values={**numbers.values, "tres": 3})
    renamed = incidents.load_segment_lexicon(numbers=tres)
    later = "Tres days later, a drone hit the depot"
    assert renamed.day_shift.pattern.search(later) and not LEXICON.day_shift.pattern.search(later)
    assert LEXICON.day_shift.pattern.search("Four days later, a drone hit the depot")
    patterns = [LEXICON.day_shift.pattern, LEXICON.time_openers, LEXICON.list_cut, *LEXICON.background]
    assert not any("{number" in p.pattern for p in patterns)


def test_incidents_weekday_names_come_from_the_date_lexicon(tmp_path):
    """The weekdays of incidents.yaml's day-shift and same-time words are dates.yaml's: renamed there, the
    new name is the one "the same ..." and "later on ..." are read with."""
    renamed = incidents.load_segment_lexicon(dates=renamed_dates(tmp_path))
    sunday = NEW_SUNDAY.lower()
    for lexicon, known, unknown in ((LEXICON, "Sunday", sunday), (renamed, NEW_SUNDAY, "sunday")):
        assert lexicon.same_time.pattern.search(f"Police said that {known} more bodies were found")
        assert not lexicon.same_time.pattern.search(f"Police said that {unknown} more bodies were found")
        assert lexicon.day_shift.pattern.search(f"Gunmen returned later on {known}")
        assert not lexicon.day_shift.pattern.search(f"Gunmen returned later on {unknown}")
    assert not any("{month_short}" in p.pattern for p in renamed.aggregate)  # short names filled too
    assert renamed.aggregate.search("Forty people have been killed since Sept. in the valley")

"""Whole-article behaviour of the pipeline: segmentation, background, evidence, accuracy floors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictdb import evaluate, formats, pipeline
from conflictdb.engines.local import read_articles
from conflictdb.errors import ConflictdbError, ExtractionError, raise_error
from conflictdb.records import Article, Outcome, Stance, replace
from conflictdb.resources import Resources
from conflictdb.store import open_store
from tests.conftest import (
    CORPUS,
    CORPUS_B,
    CORPUS_C,
    CORPUS_D,
    CORPUS_E1,
    CORPUS_E2,
    CORPUS_F1,
    CORPUS_F2,
    floors,
    shared_or_skip,
)


def make_article(text: str, *, published: dt.date | None = None, article_id: str = "t1") -> Article:
    return Article(id=article_id, source=f"{article_id}.txt", text=text, published=published)


def extract_one(article: Article, resources: Resources, **options) -> tuple[Article, list]:
    """One article through the pipeline, unlinked; its failure is the test's."""
    [result] = pipeline.extract_records([article], resources, link=False, on_error=raise_error, **options)
    return result


def mentions_of(text: str, resources: Resources, **kwargs):
    _article, mentions = extract_one(make_article(text, **kwargs), resources)
    return [m for m in mentions if not m.background]


def killed(mention) -> list[tuple[str, int | None, int | None]]:
    return sorted(
        (f.category.value, f.min, f.max)
        for c in mention.claims
        for f in c.figures
        if f.outcome is Outcome.KILLED and f.has_number
    )


def test_pipeline_splits_another_incident(resources: Resources) -> None:
    text = (
        "Roadside bomb kills soldiers in Iraq\n\n"
        "A roadside bomb struck an army patrol near Tikrit on Monday, killing three soldiers, "
        "a police officer said.\n\n"
        "In a separate incident, gunmen shot dead two farmers in a village north of Baqubah "
        "in Diyala province.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2017, 5, 9))
    assert len(found) == 2
    assert killed(found[0]) == [("security_forces", 3, 3)]
    assert killed(found[1]) == [("civilians", 2, 2)]
    assert found[0].date.value == dt.date(2017, 5, 8)
    assert found[0].sub_event_type == "Remote explosive/landmine/IED"


@pytest.mark.parametrize(
    ("repeat", "category"),
    [
        ('"We lost four of our men in the ambush," a militia commander told reporters.', "security_forces"),
        ("Four people died in the ambush, a nurse at the district clinic said.", "unspecified"),
    ],
)
def test_pipeline_names_a_toll_another_source_repeats(
    resources: Resources, repeat: str, category: str
) -> None:
    text = (
        "Ambush kills guards in Mali\n\n"
        "Gunmen ambushed a convoy near Koro on Sunday, killing four soldiers, the governor said.\n\n"
        f"{repeat}\n"
    )
    found = mentions_of(text, resources, published=dt.date(2021, 3, 9))
    assert killed(found[0]) == sorted([("security_forces", 4, 4), (category, 4, 4)])


def test_pipeline_keeps_background_out_of_the_extract(resources: Resources) -> None:
    text = (
        "Mortar fire hits Mogadishu market\n\n"
        "Mortar shells landed in a crowded market in Mogadishu on Friday, killing at least five people, "
        "police said.\n\n"
        "In 2017, a truck bombing in the city killed more than 500 people.\n"
    )
    article, mentions = extract_one(make_article(text, published=dt.date(2019, 3, 2)), resources)
    record = formats.extract_record(article, mentions, rules=resources.reconcile, tables=resources.exports)
    figures = [f for m in record["mentions"] for c in m["claims"] for f in c["killed"].values()]
    assert {"min": 5, "max": None} in figures
    assert all(f.get("min") != 500 for f in figures)


def test_pipeline_dates_the_earlier_incident_told_inside_a_sentence(resources: Resources) -> None:
    text = (
        "A suicide bomber blew himself up at a checkpoint in Kabul on Friday, killing four civilians, "
        "officials said.\n\n"
        "The bombing came a day after a raid on a police academy took the lives "
        "of at least nine people.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2019, 5, 31))
    assert len(found) == 2
    assert found[0].date.value == dt.date(2019, 5, 31)
    assert found[1].date.value == dt.date(2019, 5, 30)
    assert killed(found[1]) == [("unspecified", 9, None)]


def test_pipeline_finds_no_incident_in_analysis(resources: Resources) -> None:
    text = (
        "Talks stall as both sides dig in\n\n"
        "Negotiators from both delegations met again on Tuesday but made no progress on a ceasefire, "
        "diplomats said. Analysts say neither side believes it can win outright, and aid agencies warn "
        "that the humanitarian situation keeps getting worse.\n"
    )
    assert mentions_of(text, resources, published=dt.date(2023, 6, 1)) == []


def test_pipeline_leaves_relative_dates_unresolved_without_publication_date(resources: Resources) -> None:
    text = (
        "An air strike hit a village in Idlib province on Tuesday, killing seven civilians, rescuers said.\n"
    )
    found = mentions_of(text, resources)
    assert len(found) == 1
    assert found[0].date.value is None
    assert found[0].date.text and "Tuesday" in found[0].date.text


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (dt.date(2029, 5, 1), dt.date(2027, 3, 13)),  # the latest 13 March on a Saturday, not after today
        (dt.date(2027, 3, 12), dt.date(2021, 3, 13)),  # a day before it: six years back
    ],
)
def test_pipeline_reads_an_undated_article_on_the_day_it_is_given(
    resources: Resources, today: dt.date, expected: dt.date
) -> None:
    text = "Militiamen shelled a market in Idlib province on Saturday, 13 March, killing five civilians.\n"
    _article, found = extract_one(make_article(text), resources, today=today)
    assert [m.date.value for m in found] == [expected]


SENTENCES = [
    "Gunmen killed three police officers at a checkpoint in Kano on Sunday, officials said.",
    "“We have no evidence of civilian casualties,” the spokesman said.",
    "At least 12 people were wounded when a rocket hit a bus station in Kharkiv.",
    "The military said it killed 40 militants in air strikes.",
    "Residents said the fighting had gone on for days.",
    "In another incident, a roadside bomb killed two soldiers near Baidoa.",
    "SHARE THIS ARTICLE",
    "Ã© â€™ stray mojibake here.",
]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=8), st.sampled_from(["\n", "\n\n", " "]))
def test_pipeline_evidence_spans_quote_the_original_text(
    resources: Resources, parts: list[str], sep: str
) -> None:
    article = make_article("Headline of a test story\n\n" + sep.join(parts))
    cleaned, mentions = extract_one(article, resources)
    for mention in mentions:
        for claim in mention.claims:
            span = claim.evidence
            assert 0 <= span.start < span.end <= len(article.text)
            quoted = article.text[span.start : span.end]
            assert quoted.strip() == quoted
            for figure in claim.figures:
                assert figure.words.split()[0].strip("“”\"'") in quoted or not figure.words


def run_corpus(corpus: Path, resources: Resources) -> list[dict]:
    """Extract and link a corpus: from its feed file (with publication dates) when it has one."""
    feed = corpus / "articles.jsonl"
    linked = pipeline.extract_records([feed if feed.exists() else corpus / "articles"], resources)
    return [
        formats.extract_record(a, ms, rules=resources.reconcile, tables=resources.exports) for a, ms in linked
    ]


@pytest.mark.parametrize(
    ("name", "corpus"),
    [
        ("own_corpus", CORPUS),
        ("corpus_b", CORPUS_B),
        ("corpus_c", CORPUS_C),
        ("corpus_d", CORPUS_D),
        ("corpus_e1", CORPUS_E1),
        ("corpus_e2", CORPUS_E2),
        ("corpus_f1", CORPUS_F1),
        ("corpus_f2", CORPUS_F2),
    ],
)
def test_pipeline_own_corpora_meet_floors(name: str, corpus: Path, resources: Resources) -> None:
    scorer = shared_or_skip("eval", "score.py")
    report = evaluate.shared_score(scorer, corpus, run_corpus(corpus, resources))
    assert evaluate.below_floors(report, floors(name)) == []


@pytest.mark.parametrize("name", sorted(p.stem for p in (CORPUS / "gold").glob("*.json")))
def test_pipeline_own_corpus_evidence_is_in_the_article(name: str) -> None:
    gold = json.loads((CORPUS / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    text = (CORPUS / "articles" / f"{name}.txt").read_text(encoding="utf-8")
    for incident in gold["incidents"]:
        for claim in incident["claims"]:
            assert claim["evidence"] in text


def test_pipeline_counts_a_subcount_when_no_total_is_given(resources: Resources) -> None:
    text = (
        "A drone struck a wedding party in the village of Sarkin Pawa on Saturday. "
        "Three children were among the dead, a local official said.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2021, 6, 7))
    assert [killed(m) for m in found] == [[("civilians", 3, 3)]]


@pytest.mark.parametrize(
    ("second", "part"),
    [
        ("Five children were among the dead.", False),  # told as its own statement (the rescuers')
        ("Five children were among the dead, the rescuers added.", False),
        ("Five of the dead were children, a nurse said.", False),
    ],
)
def test_pipeline_counts_a_subcount_told_as_its_own_statement(
    resources: Resources, second: str, part: bool
) -> None:
    text = f"An air strike killed 12 people at a market in Maarat al-Numan on Monday, rescuers said. {second}"
    (mention,) = mentions_of(text, resources, published=dt.date(2019, 7, 23))
    figures = [f for c in mention.claims for f in c.figures if f.has_number]
    assert [(f.category.value, f.min, f.part_of_total) for f in figures] == [
        ("unspecified", 12, False),
        ("civilians", 5, part),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "An air strike killed 12 people at a market in Maarat al-Numan on Monday, including five children.",
        "An air strike killed 12 people in Maarat al-Numan on Monday. Five children were among the dead.",
    ],
)
def test_pipeline_keeps_a_subcount_out_of_the_total(resources: Resources, text: str) -> None:
    """A part inside the clause of its total, or one nobody is said to give, stays a part."""
    (mention,) = mentions_of(text, resources, published=dt.date(2019, 7, 23))
    figures = [f for c in mention.claims for f in c.figures if f.has_number]
    assert [(f.category.value, f.min, f.part_of_total) for f in figures] == [
        ("unspecified", 12, False),
        ("civilians", 5, True),
    ]


def said(mention) -> list[tuple]:
    """(speaker, outcome, category, min, max) of every figure with a number, in order."""
    return [
        (c.speaker, f.outcome.value, f.category.value, f.min, f.max)
        for c in mention.claims
        for f in c.figures
        if f.has_number
    ]


@pytest.mark.parametrize(
    ("second", "expected"),
    [
        # the same source named more fully: the toll counts once, under the fuller name
        (
            "The regional police command said in a statement that nine farmers were killed.",
            [("The regional police command", "killed", "civilians", 9, 9)],
        ),
        # another source giving the same toll: two claims
        (
            "A village elder said in a statement that nine farmers were killed.",
            [("police", "killed", "civilians", 9, 9), ("A village elder", "killed", "civilians", 9, 9)],
        ),
        # the same voice giving the toll again in words that no longer say who the victims were
        (
            "The police said nine people died before the attackers fled.",
            [("police", "killed", "civilians", 9, 9)],
        ),
    ],
)
def test_pipeline_counts_a_toll_once_per_source(resources: Resources, second: str, expected: list) -> None:
    text = f"Gunmen killed nine farmers near the village of Orvel on Monday, police said.\n\n{second}\n"
    (mention,) = mentions_of(text, resources, published=dt.date(2024, 3, 5))
    assert said(mention) == expected


def test_pipeline_separates_news_from_a_running_total(resources: Resources) -> None:
    text = (
        "Troops come under fire in Kherson\n\n"
        "The army said separately that three soldiers were killed by shelling near Kherson on Tuesday, "
        "bringing to 240 the number of soldiers killed since the start of the offensive.\n"
    )
    article, mentions = extract_one(make_article(text, published=dt.date(2023, 8, 2)), resources)
    news = [m for m in mentions if not m.background]
    totals = [m for m in mentions if m.background]
    assert [killed(m) for m in news] == [[("security_forces", 3, 3)]]
    assert [killed(m) for m in totals] == [[("security_forces", 240, 240)]]


def test_pipeline_tells_another_event_with_also(resources: Resources) -> None:
    text = (
        "An air strike destroyed a house in Deir al-Balah on Sunday, killing five members of one family, "
        "medics said.\n\n"
        "Militants also fired rockets at Ashkelon overnight and two people were lightly injured, "
        "paramedics said.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2023, 11, 13))
    assert [m.sub_event_type for m in found] == ["Air/drone strike", "Shelling/artillery/missile attack"]


@pytest.mark.parametrize(
    ("cause", "sub_event_type"),
    [
        (
            "the strikes were launched after a rocket attack on a border town killed a farmer",
            "Shelling/artillery/missile attack",
        ),
        (
            "the raids responded to a roadside bomb attack that killed three soldiers",
            "Remote explosive/landmine/IED",
        ),
        ("the shelling came after a drone strike on a village wounded four herders", "Air/drone strike"),
    ],
)
def test_pipeline_the_cause_told_in_a_clause_is_typed_by_its_own_words(
    resources: Resources, cause: str, sub_event_type: str
) -> None:
    text = (
        "Air strikes hit two villages near Qalbun on Tuesday, killing six people, local medics said. "
        f"A military spokesman said {cause}.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2023, 3, 8))
    assert [m.sub_event_type for m in found][-1:] == [sub_event_type]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "The army said on Tuesday it was responding to rocket fire that killed two soldiers.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Markets stayed shut in the valley on Tuesday. Officials said the closures were in response to "
            "mortar fire from the ridge that killed three farmers on Monday.",
            "Shelling/artillery/missile attack",
        ),
        (
            "Officials said the curfew was imposed in retaliation for the bombing of a checkpoint that "
            "killed four policemen.",
            "Remote explosive/landmine/IED",
        ),
    ],
)
def test_pipeline_a_toll_told_only_as_a_cause_is_typed_by_the_cause(
    resources: Resources, text: str, sub_event_type: str
) -> None:
    found = mentions_of(text + "\n", resources, published=dt.date(2023, 3, 8))
    assert [m.sub_event_type for m in found] == [sub_event_type]


def test_pipeline_hours_before_is_another_incident(resources: Resources) -> None:
    text = (
        "Gunmen stormed a checkpoint in Tank district on Thursday, killing two policemen, officials said.\n\n"
        "The attack came hours before a roadside bomb killed four soldiers in South Waziristan.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2023, 7, 21))
    assert [killed(m) for m in found] == [[("security_forces", 2, 2)], [("security_forces", 4, 4)]]


# follow-up reports: the event's day, not the day of the dateline or of the statement
FOLLOW_UPS = [
    (
        "Mogadishu, March 9, 2019 - The regional human rights office has called for an inquiry into the "
        "air strike of 2 March 2019 on a market in Jilib, which killed 11 civilians.\n",
        None,
        "2019-03-02",
    ),
    (
        "Kaduna, 14 June 2022 - The toll of Sunday night's raid on the village of Kurmin has risen to 19, "
        "a local official said on Tuesday.\n",
        None,
        "2022-06-12",
    ),
    (
        "Gao, May 20, 2021 - The death toll from the ambush on a convoy near Ansongo has risen to 15, "
        "officials said on Thursday, three days after gunmen opened fire on the trucks.\n",
        None,
        "2021-05-17",
    ),
    (
        "Mopti, October 8, 2020 - The toll from the attack on the village has risen to 31, local officials "
        "said on Thursday.\n\nThe attack took place on the night of Monday, October 5, when armed men on "
        "motorbikes surrounded the village.\n",
        None,
        "2020-10-05",
    ),
    (
        "The ministry said Thursday's strike on a car near Tyre killed four people.\n\n"
        "Funerals were held on Friday in the home villages of the dead.\n",
        dt.date(2023, 3, 18),
        "2023-03-16",
    ),
    (
        "A health official announced on Wednesday that the toll of the explosion of Sunday at the market "
        "in Baquba had risen to 40.\n",
        dt.date(2017, 4, 12),
        "2017-04-09",
    ),
]


# how news dates its incidents, one invented article per phenomenon, published on Thursday 15 May 2031:
# the days of its news incidents in the order told
HOW_NEWS_DATES = [
    # a night told from its first day to its second is the night of its first day
    (
        "Drones hit Velgorod\n\nDrones struck Velgorod on the night of Saturday to Sunday, killing four "
        "civilians, the governor said.",
        ["2031-05-10"],
    ),
    # a dateline's day, not the publication's, anchors the weekday
    (
        "PORT TALMA, May 14 (Wirepress) - A car bomb killed ten people at a checkpoint in Port Talma on "
        "Tuesday, police said.",
        ["2031-05-13"],
    ),
    # a day named only in the headline dates the incident the body tells without one
    (
        "Raiders kill 20 in hill village on Sunday\n\nRaiders killed at least 20 villagers in a dawn raid on "
        "a hill village, residents said.",
        ["2031-05-11"],
    ),
    # the day the army spoke is not the day of the clashes it tells
    (
        "Army reports clashes\n\nThe army said on Wednesday that its troops had killed 30 fighters in "
        "clashes near the Orvel ridge on Monday.",
        ["2031-05-12"],
    ),
    # a second incident told from the day of the one before: "The previous day", "The following morning",
    # "Two days later" count from that incident's day
    (
        "Car bomb in Tarvo\n\nA car bomb killed nine people near a market in Tarvo on Wednesday, police "
        "said.\n\n"
        "The previous day, gunmen killed three soldiers at a checkpoint near Ostrel, the army said.",
        ["2031-05-14", "2031-05-13"],
    ),
    (
        "Camp raided\n\nArmed men stormed a camp near Kirat on Monday, killing 14 people, aid workers "
        "said.\n\n"
        "The following morning, militants shelled the village of Dun, killing two children, residents said.",
        ["2031-05-12", "2031-05-13"],
    ),
    (
        "Village raided\n\nGunmen raided the village of Pira on Sunday, killing 15 villagers, survivors "
        "said.\n\n"
        "Two days later, the same group attacked a farm nearby, killing four farmers.",
        ["2031-05-11", "2031-05-13"],
    ),
    # a second incident told with its own weekday, and one told "hours earlier" on the day before it
    (
        "Raiders kill 12 in Kessa\n\nRaiders killed 12 villagers in Kessa on Wednesday, police said.\n"
        "In another attack on Sunday, fighters killed three soldiers in Dorun.",
        ["2031-05-14", "2031-05-11"],
    ),
    (
        "Strike kills seven in Amrit\n\nAn air strike killed seven people in Amrit on Wednesday, rescuers "
        "said.\nHours earlier, shelling killed two children in Belka, the rescuers said.",
        ["2031-05-14", "2031-05-14"],
    ),
    # an older attack told with its year neither dates nor joins today's news
    (
        "Bomb kills five in Tarsa\n\nA bomb killed five people in Tarsa on Wednesday, police said.\n"
        "In March 2029, a similar bombing killed 40 people in the same city.",
        ["2031-05-14"],
    ),
    # an all-numeric date with its year, day first
    ("Bomb kills five\n\nA bomb killed five people in Tarsa on 12/05/2031, police said.", ["2031-05-12"]),
    # the day the dead were buried comes after the day they were killed
    (
        "Mourners bury victims\n\nHundreds of mourners on Wednesday buried nine people killed when a "
        "mortar shell hit a market in Kessa on Monday, witnesses said.",
        ["2031-05-12"],
    ),
    # a chronology in dated lines: each line's day
    (
        "A week of raids\n\nOur monitors recorded these raids:\n\n"
        "- 11 May: Shelling of a camp near Amrit killed six displaced people.\n"
        "- 12 May: A drone strike on the market in Belka killed four traders.",
        ["2031-05-11", "2031-05-12"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), HOW_NEWS_DATES)
def test_pipeline_dates_incidents_as_news_tells_them(
    resources: Resources, text: str, expected: list[str]
) -> None:
    found = mentions_of(text, resources, published=dt.date(2031, 5, 15))
    assert [m.date.value for m in found] == [dt.date.fromisoformat(day) for day in expected]


@pytest.mark.parametrize(("text", "published", "expected"), FOLLOW_UPS)
def test_pipeline_dates_a_follow_up_by_its_event(
    resources: Resources, text: str, published: dt.date | None, expected: str
) -> None:
    found = mentions_of(text, resources, published=published)
    assert [m.date.value for m in found] == [dt.date.fromisoformat(expected)]


def test_pipeline_a_period_start_is_no_event_date(resources: Resources) -> None:
    text = (
        "More than 2,000 families have been displaced in the district since 1 January. On 8 February, an "
        "air strike hit a farm near Sirwah, killing two farm workers, according to local authorities.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2022, 2, 10))
    assert [m.date.value for m in found] == [dt.date(2022, 2, 8)]


def test_pipeline_another_class_on_another_day_is_another_incident(resources: Resources) -> None:
    text = (
        "On 7 February, a missile strike on a market in Marib city killed nine civilians, according to "
        "health officials.\n\n"
        "On 8 February, an air strike hit a farm near Sirwah, killing two farm workers.\n"
    )
    found = mentions_of(text, resources, published=dt.date(2022, 2, 10))
    assert [(m.date.value, killed(m)) for m in found] == [
        (dt.date(2022, 2, 7), [("civilians", 9, 9)]),
        (dt.date(2022, 2, 8), [("civilians", 2, 2)]),
    ]


def test_pipeline_a_funeral_day_opens_no_incident(resources: Resources) -> None:
    text = (
        "Gunmen killed 12 villagers in an attack on Mabanga on Tuesday night, a local official said.\n\n"
        '"We buried 12 of our brothers on Friday," the village chief said.\n'
    )
    found = mentions_of(text, resources, published=dt.date(2021, 11, 27))
    assert [m.date.value for m in found] == [dt.date(2021, 11, 23)]


# An event note: one paragraph, no publication date and no day its words fix. Its first event sentence tells
# its event, of whatever kind, nobody killed or hurt.
NOTE_CASES = [
    ("Tannery workers staged a sit-in outside the labour office in Kano.", "Peaceful protest"),
    ("Market women protested on Monday against new stall fees in Kumasi.", "Peaceful protest"),
    ("Police arrested four traders at the border post in Busia.", "Arrests"),
    ("Herders torched two granaries outside a village near Mopti.", "Looting/property destruction"),
    ("Gunmen attacked a bus on the road to Gao.", "Attack"),
    ("Ten weeks of talks ended. Youths then blocked the ring road in Kisumu for hours.", "Peaceful protest"),
    # a place named by its kind ("the village of X"): the sentence is copied with the place, still the note's
    ("On June 4, bandits assassinated a chief in the village of Tandaro.", "Attack"),
    # going on is told; only meant is not (below)
    ("Brickmakers continued to block the ring road outside Kisumu.", "Peaceful protest"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), NOTE_CASES)
def test_pipeline_an_event_note_tells_its_event_of_any_kind(
    resources: Resources, text: str, sub_event_type: str
) -> None:
    found = mentions_of(text + "\n", resources)
    assert [m.sub_event_type for m in found] == [sub_event_type]


# A note that dates itself ("On 12 March 2022, ...") or gives no day: ACLED codes it as an event even when
# its event word is told apart from its date, or is followed by an older event or a habit it is about.
SELF_DATED_NOTES = [
    (
        "On 12 March 2022, dockworkers in Tema stopped work over unpaid allowances. "
        "It was the fourth day of their protest.",
        dt.date(2022, 3, 12),
    ),
    (
        "Shopkeepers protested outside the town hall of Wa against a market levy introduced two years ago.",
        None,
    ),
    (
        "Shopkeepers protested outside the town hall of Wa against a levy that traders usually pay twice.",
        None,
    ),
    ("Nurses have taken to street in Bolgatanga over unpaid allowances.", None),
    (
        "On 12 March 2022, in Tamale, nurses occupied the regional health office to demand back pay.",
        dt.date(2022, 3, 12),
    ),
    ("Retired teachers ended their indefinite fast outside the education office in Ho.", None),
    (
        "On 3 June 2021, about 40 farmers gathered at the district chief's residence in Yendi, "
        "requesting compensation for flooded fields.",
        dt.date(2021, 6, 3),
    ),
]


def test_pipeline_a_road_named_after_two_towns_gives_the_country(resources: Resources) -> None:
    found = mentions_of("Lorry drivers blocked the Kandahar-Herat highway for a day.\n", resources)
    assert [m.place.country for m in found] == ["AF"]


@pytest.mark.parametrize(("text", "day"), SELF_DATED_NOTES)
def test_pipeline_a_note_dated_by_itself_or_undated_tells_its_protest(
    resources: Resources, text: str, day: dt.date | None
) -> None:
    found = mentions_of(text + "\n", resources)
    assert [(m.sub_event_type, m.date.value) for m in found] == [("Peaceful protest", day)]


def test_pipeline_a_note_of_an_arrest_for_an_older_killing_tells_the_arrest(resources: Resources) -> None:
    # the killing is the older event the note names; its news is the arrest, with no toll of its own
    found = mentions_of(
        "Police detained eleven members of a gang that had killed three herders near Lokoja in 2015.\n",
        resources,
    )
    assert [(m.sub_event_type, killed(m)) for m in found] == [("Arrests", [])]


@pytest.mark.parametrize(
    "text",
    [
        # torture named by its noun: the deed told, as "tortured" tells it
        "On 9 October 2021, a trader in Gulu said prison warders had subjected him to torture for a week.",
        # gunfire told by its shots, fired or heard, whoever fired them
        "On 9 October 2021, shots were fired into the air outside the customs post of Malaba.",
        "On 9 October 2021, residents of Malaba said shots rang out near the customs post at night.",
        "On 9 October 2021, rangers fired warning shots over a crowd of charcoal sellers near Malaba.",
    ],
)
def test_pipeline_a_note_tells_torture_or_shots_fired(resources: Resources, text: str) -> None:
    assert len(mentions_of(text + "\n", resources)) == 1


@pytest.mark.parametrize(
    ("text", "published"),
    [
        # with a publication date: the article's day decides, and a protest without a date of its own is no
        # incident of a news article
        ("Tannery workers staged a sit-in outside the labour office in Kano.\n", dt.date(2024, 5, 2)),
        # several paragraphs: an article, not a note; its first event word may tell a policy or a talk
        (
            "Rivals agree to swap detainees\n\nThe two sides agreed to a prisoner exchange, envoys said.\n\n"
            "The deal follows months of talks in a neutral capital.\n",
            None,
        ),
        # an event meant, going on or usual: no event told
        ("Teachers have threatened to stage a march in Jos.\n", None),
        ("Traders often protest in the old market of Kano.\n", None),
    ],
)
def test_pipeline_no_note_event_outside_a_note(
    resources: Resources, text: str, published: dt.date | None
) -> None:
    assert mentions_of(text, resources, published=published) == []


@pytest.mark.parametrize(
    ("text", "published", "count"),
    [
        # a death told with no event word and no count, with a full date: an event
        ("On 3 May 2021, a local party organiser was killed by unknown men in Kaduna.\n", None, 1),
        ("On 3 May 2021, the head of a farmers union was wounded by unknown men in Kaduna.\n", None, 1),
        # with no full date and no count, no event of its own in a dated article
        ("Members of a farmers union were wounded by unknown men in Kaduna.\n", dt.date(2021, 5, 4), 0),
        # a blast named, like a death: with a full date an event, without one none
        ("On 3 May 2021, two explosions occurred near the customs post in Kaduna.\n", None, 1),
        ("Two explosions were heard near the customs post in Kaduna.\n", dt.date(2021, 5, 4), 0),
        # forces moved, or a curfew imposed, with a full date
        ("On 3 May 2021, troops were deployed to the market town of Zonkwa in Kaduna.\n", None, 1),
        ("On 3 May 2021, the governor imposed a curfew on the town of Zonkwa in Kaduna.\n", None, 1),
    ],
)
def test_pipeline_a_death_a_blast_or_a_move_with_a_full_date_is_an_event(
    resources: Resources, text: str, published: dt.date | None, count: int
) -> None:
    assert len(mentions_of(text, resources, published=published)) == count


@pytest.mark.parametrize(
    "denial",
    [
        "The provincial army command denied any involvement in the raid.",
        "On Friday the militia denied carrying out the attack.",
    ],
)
def test_pipeline_a_party_disowning_its_part_joins_the_incident(resources: Resources, denial: str) -> None:
    text = (
        "Gunmen raid farming village\n\n"
        "Gunmen stormed the farming village of Kolo in Borno state on Wednesday, killing six farmers, "
        f"a local councillor said. {denial}"
    )
    (mention,) = mentions_of(text, resources, published=dt.date(2024, 5, 10))
    stances = [c.stance for c in mention.claims]
    assert stances == [Stance.ASSERTED, Stance.DISOWNED]
    assert killed(mention) == [("civilians", 6, 6)]


# --- the two doors: extract_records and ingest ----------------------------------------------------------

KANO = "Gunmen killed five villagers in Kano on Monday, police said.\n"


def test_pipeline_extract_records_reads_files_as_it_takes_articles(
    resources: Resources, tmp_path: Path
) -> None:
    (tmp_path / "k1.txt").write_text(KANO, encoding="utf-8")
    articles = read_articles([tmp_path], inputs=resources.inputs, on_error=pytest.fail)
    [(read, linked)] = pipeline.extract_records([tmp_path], resources, on_error=pytest.fail)
    [(taken, unlinked)] = pipeline.extract_records(articles, resources, link=False, on_error=pytest.fail)
    assert (
        replace(read, source_group=None) == taken and read.id == read.source_group == "k1"
    )  # linked: grouped
    assert [replace(m, incident_id=None) for m in linked] == unlinked
    assert all(m.incident_id for m in linked) and not any(m.incident_id for m in unlinked)


def test_pipeline_extract_records_reports_a_failing_article_and_goes_on(resources: Resources) -> None:
    broken = Article("bad", "bad.txt", text=12345)  # type: ignore[arg-type]
    failed: list[ConflictdbError] = []
    heard: list[str] = []
    results = pipeline.extract_records(
        [broken, make_article(KANO, article_id="good")],
        resources,
        on_error=failed.append,
        on_result=lambda result: heard.append(result[0].id),
    )
    assert [a.id for a, _ in results] == heard == ["good"]
    assert [(e.article_id, e.stage) for e in failed if isinstance(e, ExtractionError)] == [("bad", "clean")]


def test_pipeline_ingest_stores_linked_articles_once(resources: Resources, tmp_path: Path) -> None:
    (tmp_path / "k1.txt").write_text(KANO, encoding="utf-8")
    (tmp_path / "k2.txt").write_text("Five villagers were shot dead in Kano on Monday, residents said.\n")
    with open_store(f"sqlite:///{tmp_path / 'store.sqlite'}") as store:
        first = pipeline.ingest(store, [tmp_path], resources=resources, on_error=pytest.fail)
        again = pipeline.ingest(store, [tmp_path], resources=resources, on_error=pytest.fail)
        held = store.stats()
    assert (first.new, first.failed, again.new, again.unchanged) == (2, 0, 0, 2)
    assert first.mentions >= 2 and held.articles == 2 and 1 <= held.incidents <= first.mentions


def test_pipeline_ingest_without_an_engine_needs_the_resources(tmp_path: Path) -> None:
    with (
        open_store(f"sqlite:///{tmp_path / 'store.sqlite'}") as store,
        pytest.raises(ConflictdbError, match="resources"),
    ):
        pipeline.ingest(store, [tmp_path])


@pytest.mark.parametrize(
    ("url", "actor1"),
    [
        (None, "Military Forces of Myanmar"),  # a bare note without a date: ACLED's older name, no period
        ("https://news.example/b/3", "Military Forces of Myanmar (2021-)"),  # an undated page: the latest
    ],
)
def test_pipeline_names_the_forces_of_an_undated_text_by_where_it_came_from(
    resources: Resources, url: str | None, actor1: str
) -> None:
    text = "Government troops clashed with insurgents near Myitkyina in Kachin State, killing two of them."
    article = Article(id="t1", source="t1.txt", text=text, url=url)
    _article, found = extract_one(article, resources)
    assert [(m.date.value, m.actor1) for m in found] == [(None, actor1)]

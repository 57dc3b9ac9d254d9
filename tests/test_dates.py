"""Tests for conflictdb.extract.dates: finding date expressions and resolving them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.errors import ConflictdbError
from conflictdb.extract.casualties.numbers import load_number_grammar
from conflictdb.extract.dates import (
    estimate_published,
    find_date_expressions,
    find_dateline,
    load_date_lexicon,
    news_distance_rank,
    resolve_date,
    url_month_end,
    url_published,
    years_told,
)
from conflictdb.extract.dates.find import _triggers
from conflictdb.extract.events import find_event_cues, load_event_lexicon
from conflictdb.extract.incidents import choose_date
from conflictdb.records import DatePrecision, Frame, SentenceFacts
from tests.timing import best_cpu_seconds

D = DatePrecision.DAY
W = DatePrecision.WEEK
M = DatePrecision.MONTH
Y = DatePrecision.YEAR
FRI = dt.date(2021, 7, 23)  # a Friday
THU = dt.date(2016, 11, 3)  # a Thursday
MON = dt.date(2024, 3, 4)  # a Monday


_NUMBERS = load_number_grammar()
_SPEECH = load_yaml("speech.yaml")
_LEXICON = load_date_lexicon(numbers=_NUMBERS)
_EVENTS = load_event_lexicon()


@pytest.fixture(scope="module")
def lexicon():
    return _LEXICON


def only(text, lexicon):
    """The single date expression of `text`."""
    found = find_date_expressions(text, lexicon)
    assert len(found) == 1, found
    return found[0]


# sentence, publication date, expected words, expected date (ISO or None), precision
CASES = [
    ("The strikes took place on Wednesday night, killing three.", FRI, "on Wednesday night", "2021-07-21", D),
    ("A photographer was killed last Friday in Spin Boldak.", FRI, "last Friday", "2021-07-16", D),
    ("The attack happened on Friday in the city.", FRI, "on Friday", "2021-07-23", D),
    ("The bomber struck early Friday morning.", FRI, "early Friday morning", "2021-07-23", D),
    ("Officials said on Thursday that nine died.", THU, "on Thursday", "2016-11-03", D),
    ("Gunmen stormed the post late on Sunday.", FRI, "late on Sunday", "2021-07-18", D),
    ("Two strikes were carried out on Thursday night.", FRI, "on Thursday night", "2021-07-22", D),
    ("Earlier on Thursday, the ministry released a statement.", THU, "Earlier on Thursday", "2016-11-03", D),
    ("Rockets hit the base on Saturday afternoon.", MON, "on Saturday afternoon", "2024-03-02", D),
    ("Shelling resumed last Monday.", MON, "last Monday", "2024-02-26", D),
    ("Fighting broke out on Monday.", MON, "on Monday", "2024-03-04", D),
    ("A tank was hit by a roadside bomb last night.", FRI, "last night", "2021-07-22", D),
    ("A drone strike killed four people yesterday.", FRI, "yesterday", "2021-07-22", D),
    ("Yesterday's blast destroyed a market.", MON, "Yesterday", "2024-03-03", D),
    ("The army said today that the town was retaken.", FRI, "today", "2021-07-23", D),
    ("Mortars fell on the camp this morning.", MON, "this morning", "2024-03-04", D),
    ("Militants abducted 20 passengers two days ago.", FRI, "two days ago", "2021-07-21", D),
    ("Several strikes were carried out earlier in the week.", FRI, "earlier in the week", "2021-07-19", W),
    ("Houthi drones hit a tanker last week.", FRI, "last week", "2021-07-12", W),
    ("Clashes erupted earlier this month near the border.", FRI, "earlier this month", "2021-07-01", M),
    ("The militia seized the town last month.", MON, "last month", "2024-02-01", M),
    ("Children were killed near Kunduz on November 3, 2016.", None, "November 3, 2016", "2016-11-03", D),
    ("The convoy was ambushed on 3 November 2016 near Kunduz.", None, "3 November 2016", "2016-11-03", D),
    ("On 14 April 2021, a mine laid by insurgents struck a patrol.", None, "14 April 2021", "2021-04-14", D),
    ("The raid took place on Monday, March 2, 2020.", None, "Monday, March 2, 2020", "2020-03-02", D),
    ("Fighting intensified in March 2020.", None, "March 2020", "2020-03-01", M),
    ("The group was founded in 2001.", None, "in 2001", "2001-01-01", Y),
    ("The market was shelled on Nov. 3 by rebels.", THU, "Nov. 3", "2016-11-03", D),
    ("Protests began on Dec. 28 in the capital.", dt.date(2024, 1, 5), "Dec. 28", "2023-12-28", D),
    ("The jets struck on 14 January.", dt.date(2024, 1, 20), "14 January", "2024-01-14", D),
    ("The dam was destroyed on 6th June.", dt.date(2024, 5, 1), "6th June", "2023-06-06", D),
    ("Biden said in April that troops would leave.", FRI, "in April", "2021-04-01", M),
    ("The offensive started in late October.", FRI, "late October", "2020-10-01", M),
    ("Police released the list 2019-05-31 at noon.", None, "2019-05-31", "2019-05-31", D),
    # all-numeric dates: day first, unless the second number cannot be a month
    ("Published: 30/04/2022 by the desk.", None, "30/04/2022", "2022-04-30", D),
    ("Posted on 04/30/2022 at noon.", None, "04/30/2022", "2022-04-30", D),
    ("Last updated 09.12.2021 10:40.", None, "09.12.2021", "2021-12-09", D),
    ("Posted 2021/12/09 at 10:40.", None, "2021/12/09", "2021-12-09", D),
    # the night into a day is dated the day before; a range of days starts on its first
    # a bare "overnight" is the small hours before the report: the report's day (the real-news gold's
    # convention); "last night" is the evening before it
    ("Drones struck the port overnight, officials said.", MON, "overnight", "2024-03-04", D),
    ("Drones struck the port last night, officials said.", MON, "last night", "2024-03-03", D),
    ("Shelling hit the town late last night.", MON, "late last night", "2024-03-03", D),
    ("Gunmen raided the village overnight into Wednesday.", FRI, "overnight into Wednesday", "2021-07-20", D),
    ("Drones struck the depot in the night to Sunday.", MON, "in the night to Sunday", "2024-03-02", D),
    ("Militants attacked the camp overnight Tuesday.", FRI, "overnight Tuesday", "2021-07-20", D),
    # a night named by the two days it spans is the night of the first
    (
        "During the night of Tuesday to Wednesday, drones hit the dam.",
        FRI,
        "During the night of Tuesday to Wednesday",
        "2021-07-20",
        D,
    ),
    (
        "Rockets fell on the night from Saturday into Sunday.",
        MON,
        "on the night from Saturday into Sunday",
        "2024-03-02",
        D,
    ),
    (
        "The camp was shelled on Monday, May 6 to Tuesday, May 7, 2030.",
        None,
        "Monday, May 6 to Tuesday, May 7, 2030",
        "2030-05-06",
        D,
    ),
    ("The siege of March 3-5, 2029 left 40 dead.", None, "March 3-5, 2029", "2029-03-03", D),
    (
        "Shelling from December 30 to January 2, 2029 killed six.",
        None,
        "December 30 to January 2, 2029",
        "2028-12-30",
        D,
    ),
    ("Fighting raged on 4-5 March around the airport.", MON, "4-5 March", "2024-03-04", D),
    ("The strikes of 12 and 13 May 2019 killed 40.", None, "12 and 13 May 2019", "2019-05-12", D),
    # no publication date: relative expressions stay unresolved, never guessed
    ("The strikes took place on Wednesday night.", None, "on Wednesday night", None, None),
    ("A bomb went off last night in Logar.", None, "last night", None, None),
    ("The academy was attacked yesterday.", None, "yesterday", None, None),
    ("More strikes were carried out earlier in the week.", None, "earlier in the week", None, None),
    ("Rebels shelled the port on Nov. 3.", None, "Nov. 3", None, None),
    ("The raid took place only a day after a similar one.", FRI, "a day after", None, None),
    ("Another blast hit the city on the same day.", FRI, "on the same day", None, None),
    # weekday names written in lower case are still weekdays
    ("The convoy was hit on monday near the ford.", FRI, "on monday", "2021-07-19", D),
    ("Police found the bodies on sunday morning.", MON, "on sunday morning", "2024-03-03", D),
    # spans of a few days name no day
    ("Raids killed 30 fighters in recent days, the army said.", FRI, "in recent days", "2021-07-19", W),
    ("Shelling has intensified over the past few days.", MON, "the past few days", "2024-03-04", W),
    # a weekend is told at week precision, dated by its Saturday
    ("Gunmen raided two farms over the weekend.", MON, "over the weekend", "2024-03-02", W),
    ("Shelling killed two last weekend.", FRI, "last weekend", "2021-07-17", W),
    ("Clashes at the weekend left nine dead.", dt.date(2024, 3, 9), "at the weekend", "2024-03-09", W),
    # a day and month a day after publication is the same year (a story stamped early), not last year
    ("Drones struck the depot on 5 March.", MON, "5 March", "2024-03-05", D),
    ("Drones struck the depot on 9 March.", MON, "9 March", "2023-03-09", D),
    ("Rockets fell on 1 January.", dt.date(2023, 12, 31), "1 January", "2024-01-01", D),
    # a span of two days told month first starts on its first ("March 1 and 2", as "1 and 2 March" does)
    ("Mortars hit the camp on March 1 and 2.", MON, "March 1 and 2", "2024-03-01", D),
    ("Mortars hit the camp on March 1-2.", MON, "March 1-2", "2024-03-01", D),
    ("Mortars hit the camp on March 1 to 2.", MON, "March 1 to 2", "2024-03-01", D),
]


@pytest.mark.parametrize(("sentence", "published", "words", "expected", "precision"), CASES)
def test_dates_find_and_resolve(lexicon, sentence, published, words, expected, precision):
    match = only(sentence, lexicon)
    assert match.text == words
    assert sentence[match.start : match.end].strip() == words
    value = resolve_date(match, published, lexicon)
    assert value.value == (dt.date.fromisoformat(expected) if expected else None)
    assert value.precision == precision
    assert value.text == words


@pytest.mark.parametrize(
    "sentence",
    [
        "In May 12 people were killed in the province.",
        "Troops may march into the town.",
        "More than 2016 people have fled since the fighting began.",
        "The attackers used 1,200 kilograms of explosives.",
        "The Sun reported that a rocket hit the base.",
        "The ratio was 3/4/2 across the 12.10.20 cycle.",
    ],
)
def test_dates_ignore_non_dates(lexicon, sentence):
    assert find_date_expressions(sentence, lexicon) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The academy attack came a day after the bombing.", "2019-05-31"),
        ("Gunmen struck again two days later.", "2019-06-01"),
        ("Three days before the raid, a bomb went off.", "2019-05-27"),
    ],
)
def test_dates_anaphoric_resolves_against_anchor(lexicon, sentence, expected):
    match = only(sentence, lexicon)
    assert match.kind == "anaphoric"
    assert resolve_date(match, dt.date(2019, 6, 5), lexicon).value is None
    value = resolve_date(match, None, lexicon, anchor=dt.date(2019, 5, 30))
    assert value.value == dt.date.fromisoformat(expected)
    assert value.precision == D


@pytest.mark.parametrize(
    ("text", "place", "month_day"),
    [
        ("KABUL, Jan 27 (Reuters) - A suicide bomber struck a convoy.", "KABUL", (1, 27)),
        ("MOGADISHU (AP) — A car bomb exploded near a checkpoint.", "MOGADISHU", None),
        ("Title line\n\nKYIV, Ukraine, Feb. 24 (AP) — Russian missiles struck.", "KYIV", (2, 24)),
        ("GAZA CITY, Oct 10 (Reuters) - Israeli air strikes pounded the strip.", "GAZA CITY", (10, 10)),
        ("Kabul (AFP) - Gunmen attacked a hospital.", "Kabul", None),
    ],
)
def test_dates_find_dateline(lexicon, text, place, month_day):
    match = find_dateline(text, lexicon)
    assert match is not None
    assert match.text.startswith(place)
    assert (match.month, match.day) == (month_day or (None, None))


@pytest.mark.parametrize(
    ("text", "place", "month_day"),
    [
        ("PESHAWAR: Gunmen killed two policemen in the city.", "PESHAWAR", None),
        ("KANO, Nigeria: Bandits killed three farmers.", "KANO", None),
        ("ISLAMABAD, March 4 (APP): Security forces killed three militants.", "ISLAMABAD", (3, 4)),
    ],
)
def test_dates_find_colon_dateline(lexicon, text, place, month_day):
    match = find_dateline(text, lexicon)
    assert match is not None and match.kind == "dateline"
    assert match.text.startswith(place)
    assert (match.month, match.day) == (month_day or (None, None))


def test_dates_dated_dateline_wins_over_upper_case_title(lexicon):
    text = "AFGHANISTAN: FIVE KILLED\n\nKABUL, March 4 (Reuters) - A bomb killed five people on Saturday."
    match = find_dateline(text, lexicon)
    assert match is not None and match.text.startswith("KABUL") and (match.month, match.day) == (3, 4)


@pytest.mark.parametrize("text", ["UPDATE: Gunmen killed two.", "BREAKING: A blast hit the city."])
def test_dates_colon_label_is_no_dateline(lexicon, text):
    assert find_dateline(text, lexicon) is None


@pytest.mark.parametrize(
    ("text", "published", "words", "expected"),
    [
        # a web page published two days after the wire story: "on Saturday" counts back from the dateline
        (
            "MOGADISHU, March 4, 2018 (Reuters) - A car bomb killed 14 on Saturday.",
            dt.date(2018, 3, 6),
            "on Saturday",
            "2018-03-03",
        ),
        (
            "DONETSK, Feb 14, 2015 (AP) - Shelling killed two civilians overnight.",
            dt.date(2015, 2, 16),
            "overnight",
            "2015-02-14",
        ),
        (
            "KABUL, Dec 30 (Reuters) - A bomb killed three people yesterday.",
            dt.date(2021, 1, 2),
            "yesterday",
            "2020-12-29",
        ),
        # without a publication date a year-less dateline dates nothing
        ("KABUL, Dec 30 (Reuters) - A bomb killed three people yesterday.", None, "yesterday", None),
        # a dateline the day before the page's date: the day of filing counts
        (
            "TORVAL, June 9, 2032 (Wirenet) - Rockets killed four on Wednesday.",
            dt.date(2032, 6, 10),
            "on Wednesday",
            "2032-06-09",
        ),
        (
            "TORVAL, June 9 (Wirenet) - Rockets killed four yesterday.",
            dt.date(2032, 6, 10),
            "yesterday",
            "2032-06-08",
        ),
        # a dateline weeks before the page's date is no day of filing of this page: publication counts
        (
            "TORVAL, June 9, 2032 (Wirenet) - Rockets killed four on Wednesday.",
            dt.date(2032, 6, 25),
            "on Wednesday",
            "2032-06-23",
        ),
        (
            "TORVAL, June 9 (Wirenet) - Rockets killed four yesterday.",
            dt.date(2032, 6, 25),
            "yesterday",
            "2032-06-24",
        ),
        # a year-less dateline after the page's date falls in the year before: far, publication counts
        (
            "TORVAL, June 12 (Wirenet) - Rockets killed four on Wednesday.",
            dt.date(2032, 6, 10),
            "on Wednesday",
            "2032-06-09",
        ),
    ],
)
def test_dates_relative_resolve_against_dateline_or_publication(lexicon, text, published, words, expected):
    found = find_date_expressions(text, lexicon)
    assert found[0].kind == "dateline"
    match = next(m for m in found if m.text == words)
    value = resolve_date(match, published, lexicon)
    assert value.value == (dt.date.fromisoformat(expected) if expected else None)


def test_dates_dateline_absent_in_body(lexicon):
    assert find_dateline("Officials said the attack - the worst this year - killed nine.", lexicon) is None


def test_dates_dateline_resolves_to_year_before_publication(lexicon):
    match = find_dateline("KABUL, Dec 30 (Reuters) - Text.", lexicon)
    assert resolve_date(match, dt.date(2021, 1, 2), lexicon).value == dt.date(2020, 12, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Strike\nA man carries a child after a strike on November 3, 2016.\nBody text.", "2016-11-03"),
        ("Title\nPhoto: 2 March 2020. Archive photo from 14 May 2019.\nText.", "2020-03-02"),
        ("Title\nNo dates here, only on Thursday.\nText.", None),
        ("Title\n\nKinshasa Echo - 09/12/2021\n\nBENI - Rebels killed 14.", "2021-12-09"),
        ("Title\n" + "filler line\n" * 20 + "On 2 March 2020 it rained.", None),
        # a page that covers a span of days is published after its last one
        ("Raids on three hamlets, 4-9 May 2031\nOur monitors report.", "2031-05-09"),
        ("Digest for December 29 to January 3, 2031\nText.", "2031-01-03"),
        # a page's machine stamp with its clock time run on, and a day, month and year joined by dashes
        ("Title\nposted 2031-03-12T10:15:00Z\nBody text.", "2031-03-12"),
        ("Title\nDate: 12-Mar-2031 | Desk\nBody text.", "2031-03-12"),
        ("Title\nRef 2031-03-12Tower block\nBody text.", None),
    ],
)
def test_dates_estimate_published(lexicon, text, expected):
    assert estimate_published(text, lexicon) == (dt.date.fromisoformat(expected) if expected else None)


@settings(deadline=None)
@given(st.text(max_size=300))
def test_dates_never_crash_and_spans_quote_text(text):
    lexicon = _LEXICON
    for match in find_date_expressions(text, lexicon):
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end].strip() == match.text
        resolve_date(match, dt.date(2020, 2, 29), lexicon)


@pytest.mark.parametrize(
    ("text", "month_day_year"),
    [
        ("Jalalabad, June 3, 2020 - The governor has called for an inquiry.", (6, 3, 2020)),
        ("Kidal, 14 February 2017 - The toll from the raid has risen.", (2, 14, 2017)),
        ("Pemba, 5 Sep 2021 (Lusa) - Three soldiers died in an ambush.", (9, 5, 2021)),
        ("Srinagar, Apr 2 (PTI) Two militants were killed in a gunfight.", (4, 2, None)),
        ("Rafah, 3-4-2024 MENA - Nine people were killed.", (4, 3, 2024)),
        ("Deir al-Zor, 3 May 2019 - Shelling hit the town.", (5, 3, 2019)),
        ("May 6, 2022 (KHARTOUM) – Gunmen attacked a market.", (5, 6, 2022)),
        ("Monday, 7 March 2022 (SRN) — A blast shook the port.", (3, 7, 2022)),
        ("BUNIA, Democratic Republic of Congo, Jan 9 (Reuters) - Militiamen killed 14.", (1, 9, None)),
    ],
)
def test_dates_find_dated_datelines(lexicon, text, month_day_year):
    match = find_dateline(text, lexicon)
    assert match is not None and match.kind == "dateline"
    assert (match.month, match.day, match.year) == month_day_year


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, 4 March, gunmen - who wore uniforms - shot two guards.",
        "Officials said on 4 March 2019 - a Monday - that nine died.",
        "Beirut, Lebanon – Two fighters were killed in a strike.",
    ],
)
def test_dates_no_dated_dateline_in_a_sentence(lexicon, text):
    match = find_dateline(text, lexicon)
    assert match is None or match.day is None


def test_dates_dashed_numeric_date_estimates_publication(lexicon):
    assert estimate_published("Title\nANI | Updated: 21-06-2023 09:14 IST\nText.", lexicon) == dt.date(
        2023, 6, 21
    )


@pytest.mark.parametrize(
    ("sentence", "words", "role"),
    [
        ("The raid took place on the night of Sunday, 4 June, when gunmen came.", "Sunday, 4 June", "event"),
        ("It happened late on Friday near the bridge.", "late on Friday", "event"),
        ("The toll of Monday night's ambush rose to nine.", "Monday night", "possessive"),
        ("Last week's shelling destroyed the clinic.", "Last week", "possessive"),
        ("Some 400 families have fled since 3 January.", "3 January", "period"),
        ("Police said on Tuesday that the toll had risen.", "on Tuesday", "report"),
        # the day of speaking: after a verb of saying and its adjuncts, in the phrase naming a statement,
        # or closing an "according to" source
        (
            "The navy said in a message read out on radio on Friday evening that its boats sank a skiff.",
            "on Friday evening",
            "report",
        ),
        ("Wardens told reporters in Velmor on Monday that the dam held.", "on Monday", "report"),
        ("In a statement on Sunday, the militia said it had shelled the ridge.", "on Sunday", "report"),
        ("The militia on Sunday denied shelling the ridge.", "on Sunday", "report"),
        ("Raiders on Sunday claimed the lives of four guards.", "on Sunday", None),
        (
            "A drone hit the depot, according to wardens, two farmers, and a nurse on Thursday.",
            "on Thursday",
            "report",
        ),
        # the date of the event itself, told after a verb of saying or before an "according to"
        ("Wardens said an ambush on Monday that left four dead was planned.", "on Monday", None),
        ("Gunmen burned the granary on Monday, according to the wardens.", "on Monday", None),
        ("The mayor said in the raid on Sunday, five guards fell.", "on Sunday", None),
        # the day of a burial follows the event; a burial under rubble, an attack on a funeral are the event
        ('"We laid eleven to rest on Sunday," the elder said.', "on Sunday", "aftermath"),
        ("Neighbours buried the four herders on Friday morning.", "on Friday morning", "aftermath"),
        ("Funerals were held on Tuesday in both hamlets.", "on Tuesday", "aftermath"),
        ("Two boys were buried under the rubble on Monday.", "on Monday", None),
        ("A bomber struck a funeral in Tarsa on Wednesday.", "on Wednesday", None),
        ("Five were buried when the roof fell on Monday.", "on Monday", None),
        # a week told by its first day; the page's own stamp in a line that holds more
        ("Our monitors counted nine raids in the week of 3 March 2031.", "3 March 2031", "period"),
        ("Valley digest | Published 12 March 2031 | Page 2", "12 March 2031", "furniture"),
        ("Last updated on 12 March 2031, the list names the dead.", "12 March 2031", "furniture"),
    ],
)
def test_dates_role_of_the_words_around_a_date(lexicon, sentence, words, role):
    match = next(m for m in find_date_expressions(sentence, lexicon) if m.text == words)
    assert match.role == role


@pytest.mark.parametrize(
    ("sentence", "after"),
    [
        ("The mayor spoke on Friday, four days after militants burned the market.", True),
        ("A second bomb went off two days later.", False),
    ],
)
def test_dates_anaphoric_after_points_back(lexicon, sentence, after):
    match = next(m for m in find_date_expressions(sentence, lexicon) if m.kind == "anaphoric")
    assert match.after is after


@pytest.mark.parametrize(
    ("text", "words", "role"),
    [
        # a page's own date line: the day the page was made or read
        ("Tue. Mar 4th, 2031\nGunmen attacked a bus.", "Tue. Mar 4th, 2031", "furniture"),
        ("Title here\n09:15 AM | 4 Mar, 2031\nGunmen attacked a bus.", "4 Mar, 2031", "furniture"),
        ("Updated: 12 May 2030, 10:40 GMT\nGunmen attacked a bus.", "12 May 2030", "furniture"),
        ("By Ann Vale May 2, 2031\nGunmen attacked a bus.", "May 2, 2031", "furniture"),
        ("World - May 2, 2031\nGunmen attacked a bus.", "May 2, 2031", "furniture"),
        # a photo caption with its credit: the day the picture was taken
        ("Guards at a gate in Velmor, Oct. 2, 2027. (Town Photo/Ann Vale)\nText.", "Oct. 2, 2027", "caption"),
        (
            "Boys in Dorin, Sunday Feb. 3, 2030. [Jo Bell/Agency Photo]\nText.",
            "Sunday Feb. 3, 2030",
            "caption",
        ),
        ("Photo: a market in Sirra on 9 May 2030.\nText.", "9 May 2030", "caption"),
        # prose keeps its date
        ("Gunmen attacked a bus in Tamar on May 2, 2031\nText.", "May 2, 2031", None),
        ("It was shelled by the army on May 2, 2031\nText.", "May 2, 2031", None),
        ("Gunmen attacked a bus on Tue. Mar 4th, 2031, killing six.", "Tue. Mar 4th, 2031", None),
        ("The market was shelled on 9 May 2030, a trader said.", "9 May 2030", None),
    ],
)
def test_dates_line_role_of_captions_and_page_dates(lexicon, text, words, role):
    match = next(m for m in find_date_expressions(text, lexicon) if m.text == words)
    assert match.role == role


@pytest.mark.parametrize(
    ("sentence", "published", "far"),
    [
        ("The bombing of 14 July 2016 killed 80 people.", dt.date(2024, 3, 4), True),
        ("The vote was due to end on 24 December.", dt.date(2024, 2, 19), True),
        ("Gunmen attacked the camp on Saturday.", MON, False),
        ("Gunmen attacked the camp on 5 February.", MON, False),
        ("Gunmen attacked the camp on 12 March 2024.", MON, True),  # after publication
        ("Gunmen attacked the camp on 12 March 2016.", None, False),  # no publication: nothing is far
    ],
)
def test_dates_far_from_publication_rank_lower(lexicon, sentence, published, far):
    match = only(sentence, lexicon)
    value = resolve_date(match, published, lexicon)
    assert (news_distance_rank(match, value, published, lexicon) > 0) is far


def _frame(text: str, published: dt.date | None, lexicon, *, attribution=None, events=None) -> Frame:
    """One frame of the lines of `text`, each a sentence with its dates resolved (no figures; event cues
    only when an event lexicon is given)."""
    found = find_date_expressions(text, lexicon)
    cues = find_event_cues(text, events) if events is not None else []
    facts, start = [], 0
    for index, line in enumerate(text.split("\n")):
        end = start + len(line)
        dates = tuple((m, resolve_date(m, published, lexicon)) for m in found if start <= m.start < end)
        own_cues = tuple(c for c in cues if start <= c.start < end)
        facts.append(
            SentenceFacts(
                index=index,
                start=start,
                end=end,
                text=line,
                dates=dates,
                attribution=attribution,
                cues=own_cues,
            )
        )
        start = end + 1
    return Frame(sentences=tuple(facts))


@pytest.mark.parametrize(
    ("text", "published", "expected", "words"),
    [
        # a day near publication wins over a caption's or an old day
        (
            "Sentries in Velmor, Oct. 2, 2027. (Town Photo/Ann Vale)\nOn 15 November the camp was raided.",
            dt.date(2028, 11, 20),
            "2028-11-15",
            "15 November",
        ),
        (
            "The toll rose after the raid of Tuesday.\nA similar raid hit the town on 3 May 2019.",
            dt.date(2024, 3, 8),
            "2024-03-05",
            "Tuesday",
        ),
        # no day near publication: the incident is the day's news
        (
            "A bomber struck a cafe.\nThe vote was to end on 24 December.",
            dt.date(2024, 2, 19),
            "2024-02-19",
            None,
        ),
        ("Tue. Mar 4th, 2031\nA bomber struck a cafe.", dt.date(2031, 3, 5), "2031-03-05", None),
        ("A bomber struck a cafe.", dt.date(2031, 3, 5), "2031-03-05", None),
        # an older attack told as context does not date today's
        (
            "A bomb killed nine at the depot.\nIt was the worst since a bomb on 3 May 2016 killed 80.",
            dt.date(2024, 3, 6),
            "2024-03-06",
            None,
        ),
        # no publication date: nothing is guessed
        ("A bomber struck a cafe.", None, None, None),
    ],
)
def test_dates_choose_date_prefers_the_news_window(lexicon, text, published, expected, words):
    value = choose_date(_frame(text, published, lexicon), published, lexicon=lexicon)
    assert value.value == (dt.date.fromisoformat(expected) if expected else None)
    assert value.text == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Police on Tuesday said a bomb killed four.\nThe bomb went off at a market on Monday.",
            "2024-03-04",
        ),
        (
            "Police said on Tuesday a bomb killed four.\nThe bomb went off at a market on Monday.",
            "2024-03-04",
        ),
        (
            "A bomb killed four on Tuesday, police said.\nThe bomb went off at a market on Monday.",
            "2024-03-05",
        ),
        # a day told from the statement's day ("a day earlier", "the previous night") counts back from it
        ("On Tuesday, police said a bomb a day earlier had killed four at the market.", "2024-03-04"),
        ("Police said on Tuesday that two days earlier a bomb had killed four.", "2024-03-03"),
        ("Police told reporters on Tuesday that raiders had hit the farm the previous night.", "2024-03-04"),
        # a day after the statement is not told yet: the statement's day stays the only one
        ("Police said on Tuesday that a day later the market would reopen.", "2024-03-05"),
    ],
)
def test_dates_choose_date_passes_over_the_day_of_speaking(lexicon, text, expected):
    published = dt.date(2024, 3, 6)
    frame = _frame(text, published, lexicon, attribution="police")
    assert choose_date(frame, published, lexicon=lexicon).value == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # of two dates told alike in one sentence, the one next to the event word dates the incident
        ("Crews on 7 March cleared the school that rockets hit on Tuesday evening.", "2024-03-05"),
        ("Rockets hit the school on Tuesday evening and crews cleared it on 7 March.", "2024-03-05"),
        # a date that opens the sentence dates its main clause, however far its event word
        (
            "On 6 March, at the square of Velmor, police beat marchers mourning a guard shot on 4 March.",
            "2024-03-06",
        ),
        ("Around 6 March (between 5 - 6 March), crowds marched overnight in Tarsa.", "2024-03-06"),
        # the day of a burial is not the day of the killing
        ("Gunmen killed six herders on Saturday.\nThe village buried them on Sunday.", "2024-03-02"),
        # a date of speaking stays behind, however near the event word
        (
            "The army said in a note read on radio on Thursday that jets bombed the hills on Monday.",
            "2024-03-04",
        ),
    ],
)
def test_dates_choose_date_takes_the_date_next_to_the_event(lexicon, text, expected):
    published = dt.date(2024, 3, 8)
    frame = _frame(text, published, lexicon, events=_EVENTS)
    assert choose_date(frame, published, lexicon=lexicon).value == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    ("url", "day", "month_end"),
    [
        ("https://news.example/2031/04/02/rebels-take-town", "2031-04-02", "2031-04-30"),
        ("https://news.example/world/2031-04-02/rebels-take-town", "2031-04-02", None),
        ("https://news.example/2031/04/21-people-killed-in-raid/", None, "2031-04-30"),
        ("https://news.example/2031/02/rebels-take-town.html", None, "2031-02-28"),
        ("https://news.example/a/rebels-take-town-12345", None, None),
        # the month by its name, and eight digits of a day run together (alone or before a story number)
        ("https://news.example/world/2031/apr/02/rebels-take-town", "2031-04-02", "2031-04-30"),
        ("https://news.example/world/2031/Feb/rebels-take-town", None, "2031-02-28"),
        ("https://news.example/stories/203104020117.html", "2031-04-02", None),
        ("https://news.example/news/20310402/rebels-take-town", "2031-04-02", None),
        ("https://news.example/article/2000221040/rebels-take-town", None, None),  # no month 22
        (None, None, None),
    ],
)
def test_dates_publication_from_web_address(lexicon, url, day, month_end):
    assert url_published(url, lexicon) == (dt.date.fromisoformat(day) if day else None)
    assert url_month_end(url, lexicon) == (dt.date.fromisoformat(month_end) if month_end else None)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Rebels took the town on 21 October.", "2031-10-21"),
        ("Rebels took the town on 2 December.", "2030-12-02"),
        ("Rebels took the town on Saturday.", None),  # a weekday needs the day of publication
    ],
)
def test_dates_month_of_publication_gives_a_day_its_year(lexicon, sentence, expected):
    match = only(sentence, lexicon)
    value = resolve_date(match, None, lexicon, latest=dt.date(2031, 10, 31))
    assert value.value == (dt.date.fromisoformat(expected) if expected else None)


@pytest.mark.parametrize(
    ("sentence", "today", "expected"),
    [
        # 12 March fell on a Wednesday in 2031 and, before that, in 2025
        ("Gunmen raided the market on Wednesday, 12 March.", "2031-06-01", "2031-03-12"),
        ("Gunmen raided the market on Wed 12 March.", "2031-06-01", "2031-03-12"),
        ("Gunmen raided the market on Wednesday, March 12.", "2031-03-11", "2025-03-12"),  # not yet this year
        ("Gunmen raided the market on Thursday, 12 March.", "2031-06-01", "2026-03-12"),
        ("Gunmen raided the market on 12 March.", "2031-06-01", None),  # no weekday: no year
    ],
)
def test_dates_weekday_gives_an_undated_day_its_year(lexicon, sentence, today, expected):
    match = only(sentence, lexicon)
    value = resolve_date(match, None, lexicon, today=dt.date.fromisoformat(today))
    assert value.value == (dt.date.fromisoformat(expected) if expected else None)


def test_dates_count_after_and_is_no_second_day(lexicon):
    found = find_date_expressions("The toll rose on March 2 and 12 people remain missing.", lexicon)
    assert all("12" not in m.text for m in found)


@pytest.mark.parametrize(
    ("told", "expected"),
    [
        ({2014, 2019}, "2014-03-12"),  # 12 March was a Wednesday in 2014, not in 2019
        ({2019, 2030}, "2031-03-12"),  # in neither: the latest such year up to the day of reading
        (set(), "2031-03-12"),
    ],
)
def test_dates_weekday_takes_a_year_the_article_names(lexicon, told, expected):
    match = only("Gunmen raided the market on Wednesday, 12 March.", lexicon)
    value = resolve_date(match, None, lexicon, today=dt.date(2031, 6, 1), years=told)
    assert value.value == dt.date.fromisoformat(expected)


def test_dates_years_told_are_those_of_the_dates_found(lexicon):
    text = "Rebels have held the hills since 2014. A raid on 3 May 2019 killed two; gunmen came on 12 March."
    assert years_told(find_date_expressions(text, lexicon)) == {2014, 2019}


def test_dates_weekday_year_stays_within_its_span(lexicon):
    match = only("Gunmen raided the market on Wednesday, 12 March.", lexicon)
    short = replace(lexicon, weekday_year_span=3)
    assert resolve_date(match, None, short, today=dt.date(2031, 3, 1)).value is None  # 2025 is six years back
    assert resolve_date(match, dt.date(2031, 3, 14), lexicon).value == dt.date(2031, 3, 12)  # published


def test_dates_finding_is_linear_in_text_length(lexicon):
    """Eight times the text (one long line, dates all along) costs about eight times, not sixty-four. The
    bound is the two's geometric mean: under a parallel test run and a fuzz run the ratio of linear work was
    seen at 14 (a 46 ms run against a 0.65 s one), while quadratic work would be near 64."""
    unit = "Rebels shelled Tarsa on 4 March 2031 and again on Tuesday, officials said; "
    small = best_cpu_seconds(lambda: find_date_expressions(unit * 200, lexicon), repeats=5)
    large = best_cpu_seconds(lambda: find_date_expressions(unit * 1600, lexicon), repeats=3)
    ratio = large / max(small, 1e-6)
    assert ratio < 22, f"8 times the text: {large:.3f} CPU s / {small:.3f} = {ratio:.1f}, not under 22"


TRIGGER_TEXTS = [
    "On MONDAY night, two days after 4 March 2031, the ferry sank; by Tuesdays it was news.",
    "Mayday calls in 2031a and 19999 went out at dawn, the weeks before last month.",
    "Late las\u0130 night and \u017funday: letters that fold onto ASCII otherwise.",
    "Overnight \u212aept quiet; in 2030 and 1999 and 2105 the days were long.",
]


@pytest.mark.parametrize("text", TRIGGER_TEXTS)
def test_dates_trigger_screen_finds_what_the_trigger_finds(lexicon, text):
    found = [(m.span(), m.lastgroup) for m in _triggers(text, lexicon)]
    assert found == [(m.span(), m.lastgroup) for m in lexicon.trigger.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("MmAaRrCcHhDdYyOoNnSsTtWwEeKk 1290-,.İıſK")), max_size=60))
def test_dates_trigger_screen_never_differs_from_the_trigger(text):
    found = [(m.span(), m.lastgroup) for m in _triggers(text, _LEXICON)]
    assert found == [(m.span(), m.lastgroup) for m in _LEXICON.trigger.finditer(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # published on Saturday 17 May 2031: a weekday "last week" is that day of the week before
        ("Gunmen killed six miners on Friday last week.", "2031-05-09"),
        ("Gunmen killed six miners last week on Tuesday.", "2031-05-06"),
        ("Gunmen killed six miners on Tuesday of the previous week.", "2031-05-06"),
        ("Gunmen killed six miners on Friday.", "2031-05-16"),
        # a night told by its two days with a slash starts on the first
        ("Gunmen killed six miners on the night of 10/11 May.", "2031-05-10"),
    ],
)
def test_dates_weekday_of_last_week_and_slashed_nights(lexicon, text, expected):
    values = [
        resolve_date(m, dt.date(2031, 5, 17), lexicon).value for m in find_date_expressions(text, lexicon)
    ]
    assert values == [dt.date.fromisoformat(expected)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Attacks on clinics: update for May 2031\n\nGunmen stormed a clinic in Pira on 4 May.",
            "2031-05-31",
        ),
        ("Clinics under fire\n\nSince January 2030 gunmen have attacked 40 clinics.", None),
        ("Clinics under fire\n\nGunmen stormed a clinic in Pira on 4 May.", None),
    ],
)
def test_dates_head_month_gives_an_undated_article_its_year(lexicon, text, expected):
    from conflictdb.extract.dates import head_month_end

    assert head_month_end(text, lexicon) == (dt.date.fromisoformat(expected) if expected else None)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("It was the deadliest attack since Monday's bombing.", "reference"),
        ("The raid came in retaliation for Tuesday's ambush.", "reference"),
        ("It follows Sunday's shelling of the market.", "reference"),
        ("Thursday's suicide bombing killed five.", "possessive"),
        ("Monday's statement said the strike killed five.", None),
        ("Friday's peace talks broke down.", None),
    ],
)
def test_dates_possessive_roles(lexicon, text, role):
    assert [m.role for m in find_date_expressions(text, lexicon)] == [role]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # in 2031 June 3 is a Tuesday: "Monday, June 3" is the Monday next to it, June 2
        ("Militants raided the camp on Monday, June 3.", "2031-06-10", "2031-06-02"),
        ("Militants raided the camp on Wednesday, June 3.", "2031-06-10", "2031-06-04"),
        ("Militants raided the camp on Tuesday, June 3.", "2031-06-10", "2031-06-03"),  # they agree
        ("Militants raided the camp on Friday, June 3.", "2031-06-10", "2031-06-03"),  # days apart: the date
    ],
)
def test_dates_weekday_one_day_off_its_date_takes_the_weekday(lexicon, sentence, published, expected):
    match = only(sentence, lexicon)
    value = resolve_date(match, dt.date.fromisoformat(published), lexicon)
    assert value.value == dt.date.fromisoformat(expected) and value.precision is DatePrecision.DAY


def test_dates_rank_weights_are_read_from_dates_yaml(tmp_path):
    """The weights that rank an incident's dates are a table of dates.yaml: one changed there is changed in
    the lexicon, and a table missing a weight is refused by name."""
    text = (DATA_DIR / "dates.yaml").read_text(encoding="utf-8")
    assert "\n  title: 3\n" in text
    (tmp_path / "dates.yaml").write_text(text.replace("\n  title: 3\n", "\n  title: 7\n"), encoding="utf-8")
    assert load_date_lexicon(tmp_path, numbers=_NUMBERS, speech=_SPEECH).rank.title == 7
    (tmp_path / "dates.yaml").write_text(text.replace("\n  title: 3\n", "\n"), encoding="utf-8")
    with pytest.raises(ConflictdbError, match="date_rank"):
        load_date_lexicon(tmp_path, numbers=_NUMBERS, speech=_SPEECH)


def test_dates_words_of_speaking_are_the_speech_lexicon_s_verbs():
    """The verbs that make a date the day of speaking are speech.yaml's verbs next to a speaker (one
    vocabulary): a verb added there is read here; dates.yaml adds only its nouns of speaking."""
    assert not _LEXICON.speaking.next.match(" divulged")
    grown = dict(_SPEECH) | {"tell_verbs": [*_SPEECH["tell_verbs"], "divulged"]}
    lexicon = load_date_lexicon(numbers=_NUMBERS, speech=grown)
    assert lexicon.speaking.next.match(" divulged") and lexicon.speaking.near.search("the mayor divulged")
    assert _LEXICON.speaking.near.search("at a briefing") and not _LEXICON.speaking.next.match(" briefing")


def test_dates_count_words_come_from_the_number_grammar():
    """The words for "two days ago" are the number grammar's (its article, its words up to dates.yaml's
    `count_words_max`) with dates.yaml's extra "an": a word the grammar gains, the dates read."""
    assert _LEXICON.numbers["an"] == 1 and "zero" not in _LEXICON.numbers
    assert only("Gunmen raided the post a week ago.", _LEXICON).text == "a week ago"
    assert not find_date_expressions("Gunmen raided the post eleven days ago.", _LEXICON)
    lexicon = load_date_lexicon(numbers=replace(_NUMBERS, values={**_NUMBERS.values, "twain": 2}))
    text = "Gunmen raided the post twain days ago."
    assert not find_date_expressions(text, _LEXICON)
    found = only(text, lexicon)
    assert found.text == "twain days ago"
    assert resolve_date(found, FRI, lexicon).value == FRI - dt.timedelta(days=2)

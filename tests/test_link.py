"""Linking end to end, and what it reads of a mention (words, toll terms, days): one incident, one id."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
)
from conflictdb.resolve.link import DocumentFrequencies, day_of, load_link_lexicon, mention_words, toll_terms
from conflictdb.resolve.linker import link_mentions
from conflictdb.resolve.pair_rules import (
    compatible,
    required_similarity,
)

LEXICON = load_link_lexicon()


def test_link_the_pair_clearing_its_bar_by_most_links_first() -> None:
    """Article b tells two incidents; the one on a's day links to a although the other's words are a bit
    more alike: being on the same day lowers the bar, and the margin over the bar decides."""
    day = dt.date(2021, 11, 23)
    province = Place("North Kivu", "CD", "North Kivu", precision=3)

    def attack(article_id: str, index: int, on: dt.date) -> Mention:
        date = DateValue(on, DatePrecision.DAY)
        return Mention(article_id, "Violence against civilians", "Attack", date, province, index=index)

    a, b = Article(id="a", source="x", text=""), Article(id="b", source="x", text="")
    same_day, two_days_later = attack("b", 0, day), attack("b", 1, day + dt.timedelta(days=2))
    vectors = [{"x": 1.0}, {"x": 0.28, "z": math.sqrt(1 - 0.28**2)}, {"x": 0.30, "y": math.sqrt(1 - 0.09)}]
    linked = link_mentions(
        [(a, [attack("a", 0, day)]), (b, [same_day, two_days_later])],
        LEXICON,
        vectorise=lambda _items: vectors,
    )
    assert required_similarity(linked[0], same_day, LEXICON) < 0.28 < 0.30  # both clear their bars
    assert required_similarity(linked[0], two_days_later, LEXICON) < 0.30
    assert linked[0].incident_id == linked[1].incident_id != linked[2].incident_id


def _report(article_id: str, text: str, killed: int, *, category: Category, part: bool = False) -> Mention:
    """A mention of a market bombing told in `text`, with one killed figure."""
    figure = Figure(Outcome.KILLED, category, killed, killed, part_of_total=part)
    claim = Claim(evidence=Span(0, len(text)), figures=(figure,))
    day = DateValue(dt.date(2023, 7, 18), DatePrecision.DAY)
    place = Place("Port Aldo", "SO", "Banadir")
    return Mention(article_id, "Explosions/Remote violence", "Suicide bomb", day, place, claims=(claim,))


def test_link_a_shared_toll_is_a_shared_term_whatever_its_category() -> None:
    one = _report("a", "A bomber struck the fish market at noon.", 17, category=Category.CIVILIANS)
    other = _report(
        "b", "Seventeen died when an explosion tore through stalls.", 17, category=Category.UNSPECIFIED
    )
    part = _report("c", "Among them were 17 traders.", 17, category=Category.CIVILIANS, part=True)
    assert toll_terms(one) == toll_terms(other) == {"killed=17"}
    assert toll_terms(part) == set()


def test_link_two_reports_with_one_toll_are_one_incident_and_with_two_tolls_are_not() -> None:
    texts = (
        "A bomber struck the crowded market at noon.",
        "An explosion tore through the market stalls by the harbour.",
    )
    same = [(Article(id=f"r{i}", source="x", text=t), _report(f"r{i}", t, 17, category=Category.UNSPECIFIED))
            for i, t in enumerate(texts)]  # fmt: skip
    apart = [(a, _report(m.article_id, a.text, 17 + 40 * i, category=Category.UNSPECIFIED))
             for i, (a, m) in enumerate(same)]  # fmt: skip
    # at a bar the one shared word ("market") does not clear alone: the shared toll term decides
    lexicon = replace(LEXICON, min_similarity=0.25)
    linked = link_mentions([(a, [m]) for a, m in same], lexicon)
    assert linked[0].incident_id == linked[1].incident_id
    unlinked = link_mentions([(a, [m]) for a, m in apart], lexicon)
    assert unlinked[0].incident_id != unlinked[1].incident_id


def _strike(article_id: str, sub_event_type: str, *, guessed: bool) -> Mention:
    """A mention of a strike on Ostrava Nova on one day, typed `sub_event_type` (a guess or told)."""
    day = DateValue(dt.date(2031, 6, 6), DatePrecision.DAY)
    place = Place("Ostrava Nova", "UA", "Kharkiv", precision=3)
    event = "Explosions/Remote violence"
    return Mention(article_id, event, sub_event_type, day, place, type_guessed=guessed)


AIR, SHELL = "Air/drone strike", "Shelling/artillery/missile attack"
SAME_CLASS_BAR = required_similarity(
    _strike("a", AIR, guessed=False), _strike("b", AIR, guessed=False), LEXICON
)
OTHER_CLASS_BAR = SAME_CLASS_BAR + LEXICON.other_class_penalty


# A guessed type (a bare "strike", whatever weapon another sentence gave it) links in its default's class:
# two reports that both say only "strike" are alike though one became shelling; a told type keeps its class.
@pytest.mark.parametrize(
    ("a", "b", "bar"),
    [
        ((AIR, True), (SHELL, True), SAME_CLASS_BAR),  # "strike" / "strike ... shelling went on"
        ((AIR, True), (AIR, False), SAME_CLASS_BAR),  # "strike" / "an air strike"
        ((SHELL, True), (AIR, False), SAME_CLASS_BAR),
        ((AIR, False), (SHELL, False), OTHER_CLASS_BAR),  # "an air strike" / "shelling"
        ((AIR, True), (SHELL, False), OTHER_CLASS_BAR),  # "strike" / "shelling": kept apart, as before
        ((SHELL, True), (SHELL, False), OTHER_CLASS_BAR),
    ],
)
def test_link_a_guessed_type_links_in_the_class_of_its_default(
    a: tuple[str, bool], b: tuple[str, bool], bar: float
) -> None:
    one, other = _strike("a", a[0], guessed=a[1]), _strike("b", b[0], guessed=b[1])
    assert required_similarity(one, other, LEXICON) == pytest.approx(bar)


@pytest.mark.parametrize(("guessed", "linked_as_one"), [(True, True), (False, False)])
def test_link_two_strikes_one_retyped_from_context_stay_one_incident(
    guessed: bool, linked_as_one: bool
) -> None:
    """Texts alike enough for one class, not for two: two reports that say "strike" link, though the
    shelling one of them names elsewhere made its type shelling; the same two types told outright do not."""
    items = [
        (Article(id="a", source="x", text=""), [_strike("a", AIR, guessed=guessed)]),
        (Article(id="b", source="x", text=""), [_strike("b", SHELL, guessed=guessed)]),
    ]
    cosine = (SAME_CLASS_BAR + OTHER_CLASS_BAR) / 2
    vectors = [{"x": 1.0}, {"x": cosine, "y": math.sqrt(1 - cosine**2)}]
    linked = link_mentions(items, LEXICON, vectorise=lambda _items: vectors)
    assert (linked[0].incident_id == linked[1].incident_id) is linked_as_one


PLAIN_REPORT = (
    "Strike on Velmora depot kills four\n\n"
    "A strike hit a fuel depot in the town of Velmora on Tuesday, killing four workers, local officials "
    "said. Firefighters struggled for hours to put out the blaze."
)
SHELLED_REPORT = (
    "Four dead in Velmora\n\n"
    "Four workers died on Tuesday when a strike set a fuel depot in Velmora ablaze, the regional governor "
    "said.\n\nShelling of the town's outskirts went on into the night, residents said."
)


def test_link_a_strike_only_report_and_one_naming_shelling_are_one_incident(resources) -> None:
    """Two invented reports of one event through the pipeline: one says only "strike" (an air strike by
    default), the other names shelling in another sentence (a shelling); both are guesses and link."""
    from conflictdb import pipeline

    results = [
        Article(id=name, source=name, text=text, published=dt.date(2031, 4, 16))
        for name, text in (("plain", PLAIN_REPORT), ("shelled", SHELLED_REPORT))
    ]
    plain, shelled = (ms[0] for _, ms in pipeline.extract_records(results, resources))
    assert (plain.sub_event_type, shelled.sub_event_type) == (AIR, SHELL)
    assert plain.type_guessed and shelled.type_guessed
    told = [replace(m, type_guessed=False) for m in (plain, shelled)]
    assert required_similarity(plain, shelled, LEXICON) < required_similarity(*told, LEXICON)
    assert plain.incident_id == shelled.incident_id


def test_link_words_taken_beforehand_link_as_the_words_taken_inside() -> None:
    """Word bags handed in (taken while workers extract) give the links link_mentions finds itself,
    and they are what it reads: bags that share nothing keep two reports apart."""
    texts = (
        "A bomber struck the crowded market at noon.",
        "An explosion tore through the market stalls by the harbour.",
    )
    articles = [Article(id=f"r{i}", source="x", text=t) for i, t in enumerate(texts)]
    results = [(a, [_report(a.id, a.text, 17, category=Category.UNSPECIFIED)]) for a in articles]
    words = [mention_words(a, m, LEXICON.stopwords) for a, ms in results for m in ms]
    inside = link_mentions(results, LEXICON)
    handed = link_mentions(results, LEXICON, words=words)
    assert [m.incident_id for m in handed] == [m.incident_id for m in inside]
    assert handed[0].incident_id == handed[1].incident_id
    no_toll_bonus = replace(LEXICON, shared_toll_bonus=0.0)  # the shared toll is read from the claims
    apart = link_mentions(results, no_toll_bonus, words=[Counter(["quarry"]), Counter(["lantern"])])
    assert apart[0].incident_id != apart[1].incident_id


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("A mortar hit the depot at 0600 on day 12", ["mortar", "hit", "depot", "0600", "day"]),
        ("x-ray vans, an ox and 7 by-lanes of Zeb's yard", ["x-ray", "vans", "by-lanes", "zeb's", "yard"]),
        ("ab12cd 123ab 12-34 de-", ["123", "de-"]),  # runs of letters and of digits apart, each 3 long
        ("Ünder Gaza", ["nder", "gaza"]),  # only ASCII letters make words
    ],
)
def test_link_mention_words_are_runs_of_three_characters_or_more(text: str, words: list[str]) -> None:
    article = Article(id="a", source="x", text=text)
    mention = Mention(
        "a", "Explosions/Remote violence", "Shelling/artillery/missile attack", DateValue(None, None), None
    )
    found = mention_words(article, mention, frozenset({"the", "and", "on", "at"}))
    assert found == Counter(words)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dictionaries(st.sampled_from("abcdefg"), st.integers(1, 4), max_size=5), min_size=1))
def test_link_tfidf_vectors_are_log_weighted_and_unit_length(bags: list[dict[str, int]]) -> None:
    frequencies = DocumentFrequencies.of(bags, reference_documents=3)
    n = max(len(bags), 3)
    for bag, vector in zip(bags, frequencies.vectors(bags), strict=True):
        raw = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + frequencies.counts[w])) for w, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        assert list(vector.items()) == [(w, v / norm) for w, v in raw.items()]


# --- the rules an analyst signs (issue 15): one day, one family, places that contain each other ------------

_DAY = dt.date(2031, 4, 9)


def _told(article_id: str, sub_event: str, *, on: dt.date | None = _DAY, words: str | None = "on Tuesday",
          place: Place | None = None, killed: int | None = None,
          published: dt.date | None = None) -> tuple[Article, Mention]:  # fmt: skip
    """An article of one sentence and its mention, dated `on` by `words` (None: no date words)."""
    text = f"Fighters of the valley front were reported in action near the ford {article_id}."
    figures = (Figure(Outcome.KILLED, Category.UNSPECIFIED, killed, killed),) if killed is not None else ()
    claim = Claim(evidence=Span(0, len(text)), figures=figures)
    date = DateValue(on, DatePrecision.DAY, words) if on else DateValue(None, None)
    place = place or Place("Ford Hollow", "KE", "Tana", "Garsen", lat=-2.2, lon=40.1, precision=1)
    article = Article(id=article_id, source="x", text=text, published=published)
    mention = Mention(article_id, "Battles", sub_event, date, place, claims=(claim,), span=Span(0, len(text)))
    return article, mention


def _linked(*items: tuple[Article, Mention]) -> bool:
    """Whether link_mentions puts the (identical-worded) mentions in one incident."""
    linked = link_mentions([(a, [m]) for a, m in items], LEXICON)
    return len({m.incident_id for m in linked}) == 1


@pytest.mark.parametrize(
    ("first", "second", "one"),
    [
        (_told("p", "Armed clash"), _told("q", "Armed clash"), True),
        (_told("p", "Armed clash"), _told("q", "Armed clash", on=_DAY + dt.timedelta(days=1)), False),
        (_told("p", "Armed clash"), _told("q", "Attack"), True),  # one family: a clash told as an attack
        (_told("p", "Air/drone strike"), _told("q", "Agreement"), False),  # a truce is no strike
        (_told("p", "Arrests"), _told("q", "Looting/property destruction"), False),
    ],
)
def test_link_reports_of_two_days_or_two_families_are_never_one_incident(
    first: tuple[Article, Mention], second: tuple[Article, Mention], one: bool
) -> None:
    assert compatible(first[1], first[0], second[1], second[0], LEXICON) is one
    assert _linked(first, second) is one


def test_link_a_day_without_date_words_is_not_known_to_the_day() -> None:
    """A report whose text gives no date is dated by its publication day, which may be the day after."""
    dated, undated = (
        _told("p", "Armed clash"),
        _told(
            "q",
            "Armed clash",
            on=_DAY + dt.timedelta(days=1),
            words=None,
            published=_DAY + dt.timedelta(days=1),
        ),
    )
    assert day_of(dated[1]) == _DAY and day_of(undated[1]) is None
    stored = replace(undated[1], span=None)  # read back from a store: no words kept, the day stands
    assert day_of(stored) == _DAY + dt.timedelta(days=1)
    assert compatible(dated[1], dated[0], undated[1], undated[0], LEXICON)
    assert not compatible(dated[1], dated[0], stored, undated[0], LEXICON)


def test_link_an_undated_report_needs_its_class_and_more_evidence() -> None:
    dated = _told("p", "Armed clash")
    undated = _told("q", "Armed clash", on=None, published=_DAY)  # placed in time by its publication day
    shelled = _told("r", "Shelling/artillery/missile attack", on=None, published=_DAY)  # another class
    assert compatible(dated[1], dated[0], undated[1], undated[0], LEXICON)
    assert not compatible(dated[1], dated[0], shelled[1], shelled[0], LEXICON)
    both_dated = required_similarity(dated[1], _told("s", "Armed clash")[1], LEXICON)
    bar = required_similarity(dated[1], undated[1], LEXICON)
    assert bar - both_dated == pytest.approx(LEXICON.undated_penalty + LEXICON.same_day_discount)
    neither = required_similarity(undated[1], _told("t", "Armed clash", on=None, published=_DAY)[1], LEXICON)
    assert neither - bar == pytest.approx(LEXICON.undated_penalty)  # the penalty counts each undated report


def test_link_a_report_placed_in_no_country_links_only_to_another_such() -> None:
    """Else one report placed nowhere would join reports from two countries into one incident."""
    nowhere = Place("the ford", None, None)
    placed, unplaced = _told("p", "Armed clash"), _told("q", "Armed clash", place=nowhere)
    other_unplaced = _told("r", "Armed clash", place=nowhere)
    assert not compatible(placed[1], placed[0], unplaced[1], unplaced[0], LEXICON)
    assert compatible(unplaced[1], unplaced[0], other_unplaced[1], other_unplaced[0], LEXICON)
    assert not _linked(placed, unplaced)
    assert _linked(unplaced, other_unplaced)


_GARSEN_TOWN = Place("Ford Hollow", "KE", "Tana", "Garsen", lat=-2.20, lon=40.10, precision=1)
_NEAR_TOWN = Place("Reed Bank", "KE", "Tana", "Galole", lat=-2.05, lon=40.05, precision=1)  # ~17 km
_FAR_TOWN = Place("Dry Wells", "KE", "Tana", "Bura", lat=-1.10, lon=39.95, precision=1)  # ~120 km
_GARSEN = Place("Garsen", "KE", "Tana", "Garsen", precision=2)
_GALOLE = Place("Galole", "KE", "Tana", "Galole", precision=2)
_PROVINCE = Place("Tana", "KE", "Tana", "Garsen", precision=3)  # coded to the capital's district


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        (_GARSEN_TOWN, _GARSEN, True),  # a town and the district it lies in
        (_GARSEN_TOWN, _PROVINCE, True),  # the province holds both
        (_GALOLE, _PROVINCE, True),  # a province-level place names no district
        (_GARSEN, _GALOLE, False),  # two districts
        (_NEAR_TOWN, _GARSEN, False),  # a town in another district
        (_GARSEN_TOWN, _NEAR_TOWN, True),  # two towns close together
        (_GARSEN_TOWN, _FAR_TOWN, False),  # two towns far apart
    ],
)
def test_link_two_places_are_one_event_s_when_one_holds_the_other_or_they_lie_close(
    a: Place, b: Place, one: bool
) -> None:
    first, second = _told("p", "Armed clash", place=a), _told("q", "Armed clash", place=b)
    assert compatible(first[1], first[0], second[1], second[0], LEXICON) is one
    assert _linked(first, second) is one


def _timeless(sub_event: str = "Armed clash", *, killed: int | None = None, words: str | None = None,
              place: Place | None = None, speaker: str | None = None) -> tuple[Article, Mention]:  # fmt: skip
    """A report placed in no time: no day, no publication day (`words`: date words that give no day)."""
    article, mention = _told("t", sub_event, on=None, place=place, killed=killed)
    claims = tuple(replace(c, speaker=speaker) for c in mention.claims)
    return article, replace(mention, date=DateValue(None, None, words), claims=claims)


_COUNTRY = Place("Kenya", "KE", None, precision=3)


@pytest.mark.parametrize(
    ("timeless", "other", "one"),
    [
        (_timeless(killed=12), _told("d", "Armed clash", killed=12), True),  # one town, class and toll
        (_timeless(killed=12), _told("d", "Armed clash", killed=13), True),  # a toll one apart
        (_timeless(killed=28), _told("d", "Armed clash", killed=30), True),  # ... or a tenth apart
        (_timeless(killed=12), _told("d", "Armed clash", killed=20), False),  # another toll
        (_timeless(), _told("d", "Armed clash"), False),  # no toll, no speaker: words are not enough
        (_timeless(killed=0), _told("d", "Armed clash", killed=0), False),  # none killed is no evidence
        (
            _timeless(killed=12),
            _told("d", "Armed clash", killed=12, place=_NEAR_TOWN),
            False,
        ),  # other district
        (_timeless(killed=12), _told("d", "Armed clash", killed=12, place=_GARSEN), True),  # its district
        (_timeless(killed=12), _told("d", "Armed clash", killed=12, place=_PROVINCE), True),  # its province
        (_timeless(killed=12, place=_COUNTRY), _told("d", "Armed clash", killed=12), True),  # its country
        (_timeless(killed=12), _told("d", "Attack", killed=12), True),  # one class (ground)
        (  # one family, but two sub-event types of no class
            _timeless("Abduction/forced disappearance", killed=12),
            _told("d", "Government regains territory", killed=12),
            False,
        ),
        (_timeless(speaker="Colonel Ama Serwaa"), _told("d", "Armed clash"), False),  # a speaker of one only
        (  # a named speaker both quote
            _timeless(speaker="Colonel Ama Serwaa"),
            (lambda a, m: (a, replace(m, claims=_timeless(speaker="Colonel Ama Serwaa")[1].claims)))(
                *_told("d", "Armed clash")
            ),
            True,
        ),
        (_timeless(words="late on Wednesday"), _told("d", "Armed clash"), True),  # the weekday of its day
        (_timeless(words="late on Thursday"), _told("d", "Armed clash"), False),  # another weekday
        (
            _timeless(killed=12),
            _told("d", "Armed clash", on=None, published=_DAY, killed=12),
            True,
        ),  # published
        (_timeless(), _told("d", "Armed clash", on=None, published=_DAY), False),
        (_told("c", "Armed clash", published=_DAY), _told("d", "Armed clash"), True),  # both placed in time
    ],
)
def test_link_a_report_placed_in_no_time_joins_only_on_strong_evidence(
    timeless: tuple[Article, Mention], other: tuple[Article, Mention], one: bool
) -> None:
    """Issue 15: a report with neither a day nor a publication day may be of any year; it joins another only
    at one town or district (or one placed only at the province or country holding it), in one sub-event
    class, and on a toll or a named speaker both give."""
    assert compatible(timeless[1], timeless[0], other[1], other[0], LEXICON) is one
    assert compatible(other[1], other[0], timeless[1], timeless[0], LEXICON) is one
    assert _linked(timeless, other) is one


@pytest.mark.parametrize(
    ("first", "second", "discounted"),
    [
        (("on Friday", 12), ("late on Friday", 13), True),  # one weekday and one toll
        (("on Friday", 40), ("on Friday", 44), True),  # ... a toll a tenth apart
        (("on Friday", 12), ("on Saturday", 12), False),  # two weekdays
        (("on Friday", 1), ("on Friday", 1), False),  # a toll of one tells little
        (("on Friday", None), ("on Friday", None), False),  # a weekday alone
        (("on Friday", 30), ("at dawn", 30), False),  # a weekday of one report only
    ],
)
def test_link_two_reports_of_one_weekday_and_one_toll_need_less_similarity(
    first: tuple[str, int | None], second: tuple[str, int | None], discounted: bool
) -> None:
    """Read without a publication day, a report keeps only the weekday its words name: two of one weekday that
    give one toll are placed in time as well as a dated report and one with no date words."""
    a, b = (_timeless(words=words, killed=killed)[1] for words, killed in (first, second))
    wordless = [replace(m, date=DateValue(None, None, None)) for m in (a, b)]
    discount = LEXICON.same_weekday_discount if discounted else 0.0
    assert required_similarity(a, b, LEXICON) == pytest.approx(
        required_similarity(*wordless, LEXICON) - discount
    )


def test_link_acled_dev_notes_give_no_incident_of_two_days_or_two_families(resources) -> None:
    """ACLED codes one event per day and location: grouped as `extract` groups them, no incident of its
    development notes holds two days known to the day or two sub-event families (bench/incident_purity.py
    counts the same after `ingest`, and on acled-world)."""
    from conflictdb import pipeline
    from tests.conftest import shared_or_skip

    corpus = shared_or_skip("corpus", "acled-dev")
    linked = pipeline.extract_records([corpus / "articles"], resources)
    days: dict[str, set[dt.date]] = {}
    families: dict[str, set[str]] = {}
    for _article, mentions in linked:
        for m in mentions:
            if m.background or m.incident_id is None:
                continue
            if (day := day_of(m)) is not None:
                days.setdefault(m.incident_id, set()).add(day)
            families.setdefault(m.incident_id, set()).add(LEXICON.families[m.sub_event_type])
    assert len(families) > 100  # the notes were read
    assert [i for i, d in days.items() if len(d) > 1] == []
    assert [i for i, f in families.items() if len(f) > 1] == []


def test_link_every_acled_sub_event_type_has_a_family() -> None:
    from conflictdb.datafiles import load_yaml

    taxonomy = load_yaml("acled_taxonomy.yaml")
    types = {t for kinds in taxonomy.values() for t in kinds}
    assert set(LEXICON.families) == types
    assert LEXICON.families["Air/drone strike"] == LEXICON.families["Armed clash"]
    assert LEXICON.families["Agreement"] != LEXICON.families["Air/drone strike"]


def test_link_lexicons_read_the_mapping_and_weekdays_they_are_given() -> None:
    """resources reads linking.yaml once and hands the mapping to both lexicons, and the date lexicon's
    weekdays to linking: what is given is what they hold."""
    from conflictdb.datafiles import load_yaml
    from conflictdb.resolve.duplicates import load_duplicate_lexicon

    raw = load_yaml("linking.yaml")
    raw = raw | {"min_similarity": 0.5, "near_duplicates": raw["near_duplicates"] | {"max_candidates": 3}}
    lexicon = load_link_lexicon(raw=raw, weekdays={"fri": 4})
    assert (lexicon.min_similarity, dict(lexicon.weekdays)) == (0.5, {"fri": 4})
    assert load_duplicate_lexicon(raw=raw).max_candidates == 3
    assert LEXICON.weekdays["friday"] == 4 and LEXICON.min_similarity != 0.5  # the packaged files otherwise

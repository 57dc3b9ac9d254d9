"""Clean-up: boilerplate lines dropped, mojibake repaired, metadata found, offsets exact."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.clean import CleanLexicon, clean_article, load_clean_lexicon
from conflictdb.ingest import read_text_article
from conflictdb.records import Article
from tests.conftest import input_rules, shared_or_skip

INPUTS = input_rules()

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
LEXICON = load_clean_lexicon(dates=INPUTS.dates)
BODY = "Two civilians were killed when a mortar round hit a house in the district, police said."


def cleaned(text: str, lexicon: CleanLexicon = LEXICON) -> Article:
    """Clean a text given inline."""
    return clean_article(Article(id="t", source="t", text=text), lexicon)


def assert_offsets_exact(article: Article) -> None:
    """Every clean char maps to itself in the original, or to the start of what it replaces."""
    clean, offsets, text = article.clean_text, article.offsets, article.text
    assert len(offsets) == len(clean) + 1
    assert list(offsets) == sorted(offsets)
    assert all(0 <= o <= len(text) for o in offsets)
    for i, char in enumerate(clean):
        original = text[offsets[i]]
        if original != char:
            # a replacement: collapsed spaces, a line break, or a repaired mojibake run
            assert char.isspace() or not original.isascii(), (i, char, original)


@pytest.mark.parametrize(
    "line",
    [
        "Give Your Comments",
        "SHARE THIS ARTICLE",
        "Share on Facebook",
        "Tweet | Share | Email",
        "Follow us on Twitter and Telegram",
        "Related: Suicide bomber kills 12 at wedding hall",
        "Related Articles",
        "Read more: Militants overrun army post in the north",
        "Also read: Ceasefire talks stall again",
        "Tags: Afghanistan, Taliban, airstrike",
        "Advertisement",
        "Copyright 2020 Example Media Group. All rights reserved.",
        "© Jane Doe / Example Photo Agency",
        "Photo: Soldiers patrol a street in the old city",
        "Smoke rises over the town after the strike. (File photo)",
        "Rescuers search the rubble (photo credit: JOHN SMITH / WIRE)",
        "Residents gather outside the hospital. (AFP Photo)",
        "News / Military / Asia",
        "Home > World > Middle East",
        "www.example-news.co.uk",
        "https://example.org/news/2020/05/blast",
        "Updated 3 hours ago",
    ],
)
def test_clean_boilerplate_line_is_dropped(line: str) -> None:
    article = cleaned(f"{BODY}\n\n{line}\n\n{BODY}")
    assert line not in article.clean_text
    assert article.clean_text == f"{BODY}\n\n{BODY}"


@pytest.mark.parametrize(
    "line",
    [
        "More than 20 people were killed in the attack, officials said.",
        "Related incidents were reported in two neighbouring districts on Friday.",
        "Read the statement, the spokesman told reporters, and judge for yourselves.",
        "Sources said the convoy was hit by a roadside bomb near the bridge, killing four soldiers.",
        "Updated figures from the health ministry show 41 dead and 73 wounded.",
        "Posted at the checkpoint since January, the unit lost three men on Sunday.",
        "Kabul / Kandahar — Fighting spread on Tuesday as militants attacked two districts.",
        "Photographs shared online showed burned-out vehicles on the main road.",
        "The attack killed 5 people.",
    ],
)
def test_clean_prose_line_is_kept(line: str) -> None:
    assert line in cleaned(f"{BODY}\n{line}\n{BODY}").clean_text


@pytest.mark.parametrize(
    ("text", "outlet"),
    [
        (f"{BODY}\nSource: Sputnik", "Sputnik"),
        (f"{BODY}\n\nRepublished with permission from:: Press TV", "Press TV"),
        (f"{BODY}\nSource: Agence France Presse", "AFP"),
        (f"{BODY}\nThis article originally appeared on Example Weekly.", "Example Weekly"),
        (f"{BODY}\n© 2019 Reuters. All rights reserved.", "Reuters"),
        (f"{BODY}\n\nwww.presstv.co.uk", "Press TV"),
        (
            f"{BODY}\nExample TV’s website may also be reached at these mirror domains:",
            "Example TV",
        ),
        (f"{BODY}\nExample Radio's site can be found via its backup links", "Example Radio"),
        (f"{BODY}\nExample TV News Roku", "Example TV"),
        (f"{BODY}\nAl Jazeera", "Al Jazeera"),
        (f"KABUL, Jan 27 (Reuters) - {BODY}", "Reuters"),
        (f"MOGADISHU (AP) — {BODY}", "AP"),
        (f"MOGADISHU (AP) — {BODY}\nSource: Example Times", "Example Times"),
        (f"{BODY}\n\nwww.unknown-site.example\n\nSource: Sputnik", "Sputnik"),
        (BODY, None),
        (f"{BODY}\nwww.unknown-site.example", None),
    ],
)
def test_clean_outlet_found(text: str, outlet: str | None) -> None:
    assert cleaned(text).outlet == outlet


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("Publish : 2022-03-11 08:15:00", dt.date(2022, 3, 11)),
        ("Published: 14 March 2019", dt.date(2019, 3, 14)),
        ("Posted on November 5, 2017 by admin", dt.date(2017, 11, 5)),
        ("Last updated: Sun 12 Jan 2020 14:05 GMT", dt.date(2020, 1, 12)),
        ("Wednesday, 4 May 2022 10:12 GMT", dt.date(2022, 5, 4)),
        ("2015-08-30", dt.date(2015, 8, 30)),
        ("Thu. Nov 6th, 2031", dt.date(2031, 11, 6)),
        ("Sat, 8 Nov 2031", dt.date(2031, 11, 8)),
        ("07:45 AM | 2 Apr, 2031", dt.date(2031, 4, 2)),
        ("Updated 2 hours ago", None),
    ],
)
def test_clean_published_found_and_line_dropped(line: str, published: dt.date | None) -> None:
    article = cleaned(f"Title of the piece here\n{line}\n{BODY}")
    assert article.published == published
    assert line not in article.clean_text


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("US-led airstrike kills 4 in eastern province", "US-led airstrike kills 4 in eastern province"),
        ("Militants storm base: dozens dead?", "Militants storm base: dozens dead?"),
        ("Gunmen attacked a bus on Monday, killing nine passengers.", None),
        ("Officials said:", None),
        ("Blast", None),
    ],
)
def test_clean_title_from_first_line(first_line: str, title: str | None) -> None:
    article = cleaned(f"{first_line}\n\n{BODY}")
    assert article.title == title
    assert first_line in article.clean_text  # a title stays in the clean text: it may carry facts


def test_clean_title_needs_following_text() -> None:
    assert cleaned("Suicide bomber kills 12 at wedding").title is None


def test_clean_headline_bounds_and_dateline_window_are_read_from_boilerplate_yaml(tmp_path: Path) -> None:
    """The headline's length and the dateline's search window are data: a copy of data/ with other values
    reads the same text otherwise."""
    import shutil

    from conflictdb.datafiles import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    path = data / "boilerplate.yaml"
    text = path.read_text(encoding="utf-8").replace("max_words: 25", "max_words: 3")
    path.write_text(text.replace("dateline_window: 600", "dateline_window: 5"), encoding="utf-8")
    narrow = load_clean_lexicon(data, dates=INPUTS.dates)
    story = f"Four words of headline\n\nHARBOURTOWN, May 3 (Reuters) - {BODY}"
    assert (cleaned(story).title, cleaned(story).outlet) == ("Four words of headline", "Reuters")
    assert (cleaned(story, narrow).title, cleaned(story, narrow).outlet) == (None, None)


def test_clean_known_metadata_is_not_overwritten() -> None:
    article = Article(
        id="t",
        source="t",
        text=f"Headline of the day here\n{BODY}\nSource: Sputnik\nPublished: 1 May 2020",
        title="Given title",
        outlet="Given Outlet",
        published=dt.date(2001, 1, 1),
    )
    result = clean_article(article, LEXICON)
    assert (result.title, result.outlet, result.published) == (
        "Given title",
        "Given Outlet",
        dt.date(2001, 1, 1),
    )
    assert "Sputnik" not in result.clean_text


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("the groupâ€™s fighters", "the group’s fighters"),
        ("vowed to use Å“all the means we have” against", "vowed to use “all the means we have” against"),
        ("â€œWe will respond,â€ he said", "“We will respond,” he said"),
        ("â€œWe will respond,â€\x9d he said", "“We will respond,” he said"),
        ("a cafÃ© in the old town", "a café in the old town"),
        ("the attack â€” the third this week", "the attack — the third this week"),
        ("the groupÃ¢â‚¬â„¢s fighters", "the group’s fighters"),
        ("a café’s owner said", "a café’s owner said"),
        ("São Paulo and Zürich", "São Paulo and Zürich"),
    ],
)
def test_clean_mojibake_repaired_with_offsets_to_run_start(raw: str, fixed: str) -> None:
    article = cleaned(raw)
    assert article.clean_text == fixed
    assert_offsets_exact(article)


def test_clean_mojibake_offsets_point_at_the_run() -> None:
    text = "He said Å“no civilians” were hurt."
    article = cleaned(text)
    quote = article.clean_text.index("“")
    assert article.offsets[quote] == text.index("Å“")
    span = article.original_span(quote + 1, article.clean_text.index("”"))
    assert text[span.start : span.end] == "no civilians"


def test_clean_whitespace_is_normalised_with_exact_offsets() -> None:
    text = "\ufeff  First  line\u00a0here \n\n\n\nSecond\tline  \n"
    article = cleaned(text)
    assert article.clean_text == "First line here\n\nSecond line"
    assert_offsets_exact(article)
    assert article.offsets[-1] == text.index("Second") + len("Second\tline")


def test_clean_offsets_skip_dropped_lines() -> None:
    text = f"{BODY}\nShare this article\nMore fighting was reported in the valley.\n"
    article = cleaned(text)
    start = article.clean_text.index("More fighting")
    span = article.original_span(start, start + len("More fighting"))
    assert text[span.start : span.end] == "More fighting"


def test_clean_fixture_article() -> None:
    article = clean_article(
        read_text_article(FIXTURES / "folder" / "checkpoint_attack.txt", inputs=INPUTS), LEXICON
    )
    assert article.title == "Gunmen kill three police officers at checkpoint in northern province"
    assert article.published == dt.date(2019, 4, 16)
    assert "News / Security" not in article.clean_text
    assert "Give Your Comments" not in article.clean_text
    assert "“We have sent reinforcements to the area,” he said." in article.clean_text
    assert_offsets_exact(article)


def test_clean_empty_text() -> None:
    article = cleaned("\n \n")
    assert (article.clean_text, article.offsets) == ("", (0,))


# -- properties ----------------------------------------------------------------------------------

WORDS = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789,-'’“”()", min_size=1, max_size=8
)
BOILERPLATE = st.sampled_from(
    [
        "Give Your Comments",
        "SHARE THIS ARTICLE",
        "Source: Sputnik",
        "www.example.com",
        "Publish : 2020-01-02 10:00:00",
    ]
)
MOJIBAKE_SOURCE = st.sampled_from(["’", "“", "”", "—", "é", "ü", "…", "ñ", "°"])
SPACES = st.sampled_from([" ", "  ", "\t", "\u00a0", " \u200b"])


@st.composite
def noisy_line(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A prose line with mojibake and odd spaces inserted, and the characters the mojibake stands for."""
    parts: list[str] = []
    meant: list[str] = []
    for _ in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            char = draw(MOJIBAKE_SOURCE)
            # followed by a letter: a lost-byte run next to more punctuation is ambiguous ("â€’" is "‒")
            parts.append(char.encode("utf-8").decode("cp1252", errors="ignore") + "w")
            meant.append(char)
        parts.append(draw(WORDS))
        parts.append(draw(SPACES))
    return "x" + "".join(parts).rstrip() + "x", meant


@st.composite
def noisy_article(draw: st.DrawFn) -> tuple[str, list[str], list[str]]:
    """Lines of prose and boilerplate with blank lines between; returns text, boilerplate, mojibake chars."""
    lines: list[str] = []
    dropped: list[str] = []
    meant: list[str] = []
    for _ in range(draw(st.integers(0, 8))):
        if draw(st.integers(0, 3)) == 0:
            line = draw(BOILERPLATE)
            dropped.append(line)
        else:
            line, chars = draw(noisy_line())
            meant.extend(chars)
        lines.append(line + draw(st.sampled_from(["", " ", "\n"])))
    return "\n".join(lines), dropped, meant


@settings(max_examples=300, deadline=None)
@given(noisy_article())
def test_clean_property_offsets_exact_and_clean_text_minimal(
    sample: tuple[str, list[str], list[str]],
) -> None:
    text, dropped, meant = sample
    article = cleaned(text)
    assert_offsets_exact(article)
    clean = article.clean_text
    assert clean == clean.strip()
    assert "\n\n\n" not in clean and "  " not in clean and "\t" not in clean
    assert len(clean) <= len(text)
    for line in dropped:
        assert line not in clean
    for char in meant:
        assert char in clean
    span = article.original_span(0, len(clean))
    assert 0 <= span.start <= span.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_clean_property_never_crashes_and_maps_inside_text(text: str) -> None:
    article = cleaned(text)
    assert len(article.offsets) == len(article.clean_text) + 1
    assert all(0 <= o <= len(text) for o in article.offsets)
    assert list(article.offsets) == sorted(article.offsets)


def test_clean_shared_dev_corpus_offsets_exact() -> None:
    for path in sorted(shared_or_skip("corpus", "dev", "articles").glob("*.txt")):
        article = clean_article(read_text_article(path, inputs=INPUTS), LEXICON)
        assert_offsets_exact(article)
        assert article.clean_text


def test_clean_offset_map_is_kept_in_runs_not_per_character() -> None:
    """A long article's map holds a few runs per line (one per repair), however long the lines are, and
    reads as the offsets one by one."""
    line = "Shelling  hit the market in the town centre, killing seven people, officials said. " * 40
    text = "\n\n".join(f"{i}. {line}" for i in range(100))  # 100 lines of 3,300 characters, 40 repairs each
    article = cleaned(text)
    assert_offsets_exact(article)
    offsets = article.offsets
    assert len(offsets) > 300_000 and offsets.runs <= 100 * (40 + 2)
    assert offsets[-1] == len(text.rstrip()) and offsets[-2] == len(text.rstrip()) - 1  # the end, the stop
    assert offsets[5:8] == [5, 6, 7] and list(offsets)[:3] == [0, 1, 2]
    assert pickle.loads(pickle.dumps(article)) == article
    assert article.original_span(0, 8).end == 8

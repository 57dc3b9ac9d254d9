"""Tests for conflictdb.extract.actors: perpetrator and target phrases and their ACLED names."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.datafiles import DATA_DIR
from conflictdb.export_tables import REGIONS_FILE
from conflictdb.extract.actor_lexicon import load_actor_lexicon
from conflictdb.extract.actor_names import code_actors, demonym_country, load_actor_naming
from conflictdb.extract.actors import (
    _CueSpans,
    _search_near_cues,
    acled_actor,
    find_actors,
    find_claimed,
    find_responsible,
)
from conflictdb.geo.admin_names import ACLED_COUNTRIES_FILE
from tests.conftest import floors, shared_or_skip

_LEXICON = load_actor_lexicon()


@pytest.fixture(scope="module")
def lexicon():
    return _LEXICON


# text, country, perpetrator words, target words (None: nothing found)
CASES = [
    ("US-led forces have launched a deadly airstrike in Kandahar.", "AF", "US-led forces", None),
    ("The bomber drove his car bomb into the convoy of US forces.", "AF", None, "convoy of US forces"),
    ("The Taliban militant group said it carried out the ambush.", "AF", "Taliban militant group", None),
    ("An attack on an army academy, claimed by Daesh, killed six.", "AF", "Daesh", "army academy"),
    ("Militants attacked a camp of US-led troops at the border.", "AF", "Militants", "camp of US-led troops"),
    ("Taliban militants attacked a police post in Logar.", "AF", "Taliban militants", "police post"),
    ("Unidentified gunmen shot dead a journalist in the city.", "SO", "Unidentified gunmen", None),
    ("A mine laid by Taliban struck an army patrol in Zabul.", "AF", "Taliban", "army patrol"),
    ("A drone strike by US forces killed six militants.", "AF", "US forces", "six militants"),
    ("Al-Shabaab has claimed responsibility for the blast at the hotel.", "SO", "Al-Shabaab", None),
    ("Responsibility was claimed by the Islamic State group.", "IQ", "Islamic State group", None),
    ("Saudi-led coalition air strikes killed 12 civilians.", "YE", "Saudi-led coalition", "12 civilians"),
    ("Boko Haram fighters attacked a village in Borno state.", "NG", "Boko Haram fighters", "village"),
    ("Russian forces shelled residential areas of Kharkiv.", "UA", "Russian forces", "residential areas"),
    ("Israeli warplanes struck a house in Rafah.", "PS", "Israeli warplanes", "house"),
    ("Junta troops raided a village in Sagaing region.", "MM", "Junta troops", "village"),
    ("Jihadists ambushed a Malian army patrol near Mopti.", "ML", "Jihadists", "Malian army patrol"),
    ("Police clashed with Taliban militants in Ishkamish district.", "AF", "Police", "Taliban militants"),
    ("One policeman was shot by a Taliban sniper near Ghazni.", "AF", "Taliban sniper", "One policeman"),
    ("Gunmen killed 30 villagers in a raid on the settlement.", "NG", "Gunmen", "30 villagers"),
    ("An attack targeting a Shiite mosque killed 40 worshippers.", "PK", None, "Shiite mosque"),
    ("The committee discussed the budget for the year.", "AF", None, None),
    ("Border guards opened fire at protesters near the gate.", "IR", "Border guards", "protesters"),
    # hands laid on people: those after the verb were hit
    ("Villagers stoned two traffic policemen near the market.", "KE", "Villagers", "two traffic policemen"),
    ("Youths beat up a police officer who came to arrest their friend.", "NG", "Youths", "police officer"),
    # two sides told together: an adverb before the verb, the weapon of an exchange of fire, a shared head
    ("GNA and LNA air forces reportedly clashed south of the capital.", "LY", "GNA", "LNA air forces"),
    ("Al Shabaab and Kenyan troops exchanged mortar fire near Dhobley.", "SO", "Al Shabaab", "Kenyan troops"),
    # a participle after whom it befell names the victims, not a doer
    ("Four guards killed, two hurt in a raid by armed men on the depot.", "BF", "armed men", "Four guards"),
    ("Two soldiers killed in Tambo", "SS", None, "Two soldiers"),
    ("Fighting went on near Tambo, with many rebels killed or wounded.", "MM", None, "many rebels"),
    # an attack's object with no doer just before the verb: the object is still the target
    ("Rebel fighters, moving by night from the hills, shelled army positions.", "NG", None, "army positions"),
    ("The insurgents, who had camped in the forest, ambushed a police patrol.", "NG", None, "police patrol"),
    # victims named by their trade or office are the target
    ("A roadside bomb wounded a shopkeeper near the bridge.", "NG", None, "shopkeeper"),
    ("Gunmen fired on a village chief outside his farm.", "NG", "Gunmen", "village chief"),
    ("A fisherman was shot near the jetty.", "NG", None, "fisherman"),
]


@pytest.mark.parametrize(("text", "country", "perpetrator", "target"), CASES)
def test_actors_find_phrases(lexicon, text, country, perpetrator, target):
    actors = find_actors(text, lexicon, country=country)
    assert actors.perpetrator == perpetrator
    assert actors.target == target
    for phrase in (actors.perpetrator, actors.target):
        assert phrase is None or phrase in text


# phrase, country, ACLED name (None: not derivable)
NAMES = [
    ("Taliban militants", "AF", "Taliban"),
    ("Daesh", "AF", "Islamic State (Afghanistan)"),
    ("Islamic State group", "NG", "Islamic State (West Africa)"),  # its name in ACLED's data before mid-2021
    ("Islamic State militants", None, None),
    ("Afghan forces", "AF", "Military Forces of Afghanistan (2014-)"),
    ("police post", "AF", "Police Forces of Afghanistan (2014-)"),
    ("a village chief", "NG", "Civilians (Nigeria)"),  # a victim named by office or trade
    ("two herders", "NG", "Civilians (Nigeria)"),
    ("US military forces", "AF", "NATO: North Atlantic Treaty Organization"),
    ("US forces", "YE", "Military Forces of the United States (2017-)"),
    ("unknown gunmen", "AF", "Unidentified Armed Group (Afghanistan)"),
    ("12 civilians", "YE", "Civilians (Yemen)"),
    ("Al-Shabaab fighters", "SO", "Al Shabaab"),
    ("Houthi rebels", "YE", "Military Forces of Yemen (2016-) Supreme Political Council"),
    ("Houthi rebels", "SA", "Ansar Allah"),
    ("military forces of Armenia", "AZ", "Military Forces of Armenia (2018-)"),
    ("Turkish troops", "SY", "Military Forces of Turkey (2016-)"),
    ("police officers", "PH", "Police Forces of the Philippines (2016-)"),
    ("Fulani herdsmen", "NG", "Fulani Ethnic Militia (Nigeria)"),
    ("military forces of Artsakh", "AZ", "Military Forces of Artsakh (2007-)"),
    ("police forces", "NI", "Police Forces of Nicaragua (2007-)"),
    ("forces loyal to Haftar", "LY", "Military Forces of Libya (2014-) Haftar Faction"),
    ("gang members", "MX", "Unidentified Gang (Mexico)"),
    ("rebel forces", "UA", "Unidentified Armed Group (Ukraine)"),
    ("Saudi artillery", "YE", "Operation Restoring Hope"),
    ("gendarmes", "CM", "Military Forces of Cameroon (1982-) Gendarmerie"),
    ("Military Police officers", "BR", "Military Forces of Brazil (2019-) Military Police"),
    ("FARDC", "CD", "Military Forces of the Democratic Republic of Congo (2019-)"),
    ("Pakistan Rangers", "PK", "Military Forces of Pakistan (2018-)"),
    ("Arbakis", "AF", "Militia (Pro-Government)"),
    ("compound", "AF", None),
    ("soldiers", "GW", "Military Forces of Guinea-Bissau (2020-)"),
    ("riot police", "LB", "Police Forces of Lebanon (2020-)"),
]


@pytest.mark.parametrize(("phrase", "country", "name"), NAMES)
def test_actors_acled_names(lexicon, phrase, country, name):
    assert acled_actor(phrase, lexicon, country=country, day=dt.date(2020, 5, 1)) == name


# text, country, day, (event type, sub-event type), ACLED's actor1, assoc_actor_1, actor2
CODINGS = [
    (
        "Insurgents opened fire near the town and two soldiers died.",
        "NG",
        "2020-03-02",
        ("Battles", "Armed clash"),
        "Unidentified Armed Group (Nigeria)",
        None,
        "Military Forces of Nigeria (2015-)",
    ),
    (
        "A crowd stoned passing cars until police dispersed it.",
        "KE",
        "2020-03-02",
        ("Riots", "Violent demonstration"),
        "Rioters (Kenya)",
        None,
        "Police Forces of Kenya (2013-)",
    ),
    (
        "Students marched to the ministry.",
        "KE",
        "2020-03-02",
        ("Protests", "Peaceful protest"),
        "Protesters (Kenya)",
        "Students (Kenya)",
        None,
    ),
    (
        # the protest's crowd is actor1 whatever was done to it (ACLED), the forces that used force actor2
        "Police fired tear gas at protesting teachers.",
        "KE",
        "2020-03-02",
        ("Protests", "Excessive force against protesters"),
        "Protesters (Kenya)",
        "Teachers (Kenya)",
        "Police Forces of Kenya (2013-)",
    ),
    (
        "A crowd burned a suspected thief.",
        "NG",
        "2021-06-01",
        ("Riots", "Mob violence"),
        "Rioters (Nigeria)",
        None,
        "Civilians (Nigeria)",
    ),
    # a crowd that fought the police: the forces it met are the other side, not civilians
    (
        "A crowd attacked police officers at the checkpoint.",
        "NG",
        "2021-06-01",
        ("Riots", "Mob violence"),
        "Rioters (Nigeria)",
        None,
        "Police Forces of Nigeria (2015-)",
    ),
    (
        "Police clashed with hawkers at the bus park.",
        "KE",
        "2021-06-01",
        ("Riots", "Mob violence"),
        "Rioters (Kenya)",
        None,
        "Police Forces of Kenya (2013-)",
    ),
    (
        "Gunmen shot dead a trader in the market.",
        "NG",
        "2021-06-01",
        ("Violence against civilians", "Attack"),
        "Unidentified Armed Group (Nigeria)",
        None,
        "Civilians (Nigeria)",
    ),
    (
        "The killing of the chief was blamed on Boko Haram.",
        "NG",
        "2016-02-01",
        ("Violence against civilians", "Attack"),
        "Boko Haram - Wilayat Gharb Ifriqiyyah",  # the name of its pledge to the Islamic State, 2015-2016
        None,
        "Civilians (Nigeria)",
    ),
    (
        "Soldiers clashed with militants near the town.",
        "TH",
        "2016-02-01",
        ("Battles", "Armed clash"),
        "Military Forces of Thailand",
        None,
        "Southern Muslim Separatists (Thailand)",  # ACLED's name of the far south's insurgents
    ),
    (
        "Soldiers clashed with militants near the town.",
        "TH",
        "2021-02-01",
        ("Battles", "Armed clash"),
        "Military Forces of Thailand (2019-)",
        None,
        "Southern Muslim Separatists (Thailand)",
    ),
    (
        "Shells fell on two hamlets at night after soldiers were seen on the ridge.",
        "MM",
        "2022-04-10",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        "Military Forces of Myanmar (2021-)",
        None,
        None,
    ),
    (
        "A mine went off under a lorry after soldiers were seen on the ridge.",
        "MM",
        "2022-04-10",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "Unidentified Armed Group (Myanmar)",
        None,
        None,
    ),
    (
        "Troops of Armenia based near a hill fired with guns on the positions of the forces of Azerbaijan.",
        "AZ",
        "2021-07-01",
        ("Battles", "Armed clash"),
        "Military Forces of Armenia (2018-)",
        None,
        "Military Forces of Azerbaijan (2003-)",
    ),
    (
        "Police officers answering a call traded shots with robbers outside the depot.",
        "KE",
        "2021-06-01",
        ("Battles", "Armed clash"),
        "Unidentified Armed Group (Kenya)",
        None,
        "Police Forces of Kenya (2013-)",
    ),
    # a strategic development with no other doer: the forces named moved (not those whose post was hit)
    (
        "Two army convoys moved into the border town of Lodo on Sunday.",
        "KE",
        "2021-06-01",
        ("Strategic developments", "Other"),
        "Military Forces of Kenya (2013-)",
        None,
        None,
    ),
    (
        "The police station of Lodo was set on fire overnight.",
        "KE",
        "2021-06-01",
        ("Strategic developments", "Other"),
        None,
        None,
        "Police Forces of Kenya (2013-)",
    ),
    # a faction of a state named by its group's name acts where no pattern reads a doer; not when the name
    # tells its enemies ("anti-...")
    (
        "On 3 May 2020, Houthi reinforcements were seen massing near the Nihm front.",
        "YE",
        "2020-05-03",
        ("Strategic developments", "Other"),
        "Military Forces of Yemen (2016-) Supreme Political Council",
        None,
        None,
    ),
    (
        "On 3 May 2020, anti-Houthi tribal fighters set up two new posts near the Kilo 9 junction.",
        "YE",
        "2020-05-03",
        ("Strategic developments", "Other"),
        None,
        None,
        None,
    ),
    # a crowd that laid hands on the police: the forces it met are its other side, not civilians
    (
        "On 3 March 2021, residents assaulted two police officers at the bus stage over a towed car.",
        "KE",
        "2021-03-03",
        ("Riots", "Mob violence"),
        "Rioters (Kenya)",
        None,
        "Police Forces of Kenya (2013-)",
    ),
    # a name joined by a slash to another (forces fighting together) is read as one phrase, named by the first
    (
        "Heavy fighting between the ENDF/ABC and Tigrayan fighters went on near the ridge.",
        "ET",
        "2021-03-02",
        ("Battles", "Armed clash"),
        "Military Forces of Ethiopia (2018-)",
        None,
        "TPLF: Tigray Peoples Liberation Front",
    ),
]


@pytest.mark.parametrize(("text", "country", "day", "event", "actor1", "assoc1", "actor2"), CODINGS)
def test_actors_coded_as_acled_codes_them(lexicon, text, country, day, event, actor1, assoc1, actor2):
    coding = find_actors(text, lexicon, country=country, day=dt.date.fromisoformat(day), event=event).coding
    assert (coding.actor1, coding.assoc_actor_1, coding.actor2) == (actor1, assoc1, actor2)


@pytest.mark.parametrize(
    ("phrase", "country"),
    [("Kenyan troops", "KE"), ("the Kenyan's rifle", "KE"), ("Kenyans", None), ("a Thais' vigil", None)],
)
def test_actor_names_demonym_drops_only_a_possessive(lexicon, phrase, country):
    assert demonym_country(phrase, lexicon.naming) == country


@pytest.mark.parametrize(
    ("victims", "actor2"),
    [
        ({"civilians"}, "Civilians (Kenya)"),
        ({"unspecified"}, "Civilians (Kenya)"),  # "two people were hurt"
        ({"civilians", "unspecified"}, "Civilians (Kenya)"),
        ({"civilians", "security_forces"}, None),
        ({"unspecified", "security_forces"}, None),
        ({"unspecified", "militants"}, None),
        (set(), None),
    ],
)
def test_actors_an_explosion_that_counts_civilians_or_people_alone_hit_civilians(lexicon, victims, actor2):
    text = "A roadside bomb went off beside the market road after dusk."
    event = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    coding = find_actors(
        text, lexicon, country="KE", day=dt.date(2021, 3, 1), event=event, victims=frozenset(victims)
    ).coding
    assert (coding.actor1, coding.actor2) == ("Unidentified Armed Group (Kenya)", actor2)


def test_actors_a_side_named_outside_the_told_sentences_is_read_from_the_context(lexicon):
    told = "A shoot-out followed and one suspect died."
    context = "Gendarmes drove out to the quarry at dawn to arrest the smugglers. " + told
    event = ("Battles", "Armed clash")
    alone = find_actors(told, lexicon, country="CM", day=dt.date(2021, 3, 1), event=event)
    assert alone.coding.actor1 == "Unidentified Armed Group (Cameroon)"
    coded = find_actors(told, lexicon, country="CM", day=dt.date(2021, 3, 1), event=event, context=context)
    assert coded.coding.actor1 == "Military Forces of Cameroon (1982-) Gendarmerie"
    assert coded.perpetrator is None  # a perpetrator is never read from the context


def test_actors_claim_of_responsibility_elsewhere_names_the_perpetrator(lexicon):
    article = (
        "A car bomb tore through a busy market. Hours later the Islamic State group claimed responsibility."
    )
    claimed = find_claimed(article, lexicon)
    assert claimed == "Islamic State group"
    told = "A car bomb tore through a busy market, killing 20 people."
    event = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    coding = find_actors(told, lexicon, country="IQ", event=event, claimed=claimed).coding
    assert (coding.actor1, coding.actor2) == ("Islamic State (Iraq)", "Civilians (Iraq)")
    assert find_claimed("The army denied any role in the blast.", lexicon) is None


@pytest.mark.parametrize(
    ("article", "responsible"),
    [
        (
            "Shells hit the town at dawn. Officials said Russian forces shelled it from the east.",
            "Russian forces",
        ),
        (
            "A blast hit the market. Gunmen attacked a checkpoint nearby a day later.",
            None,
        ),  # named by kind only
        ("The Taliban claimed responsibility. Afghan forces attacked a village later.", "Taliban"),
    ],
)
def test_actors_article_holds_responsible_only_an_actor_it_names(lexicon, article, responsible):
    assert find_responsible(article, lexicon) == responsible


def test_actors_need_a_country_to_be_named(lexicon):
    coding = find_actors(
        "Protesters gathered.", lexicon, country=None, event=("Protests", "Peaceful protest")
    ).coding
    assert coding.actor1 is None


def test_actors_find_gives_acled_names(lexicon):
    text = "Taliban militants raided a police checkpoint and killed 4 officers."
    actors = find_actors(text, lexicon, country="AF", day=dt.date(2020, 5, 1))
    assert actors.perpetrator_acled == "Taliban"
    assert actors.target_acled == "Police Forces of Afghanistan (2014-)"


@settings(deadline=None)
@given(st.text(max_size=300))
def test_actors_never_crash(text):
    actors = find_actors(text, _LEXICON, country="AF")
    for phrase in (actors.perpetrator, actors.target):
        assert phrase is None or " ".join(phrase.split()) == phrase


FLOORS = floors("acled_dev_actors")  # actor1/actor2 agreement of find_actors alone on the ACLED dev notes


def test_actors_acled_dev_agreement(lexicon):
    acled_dev = shared_or_skip("corpus", "acled-dev")
    rows = [json.loads(line) for line in (acled_dev / "expected.jsonl").read_text().splitlines() if line]
    perpetrators = targets = 0
    for row in rows:
        text = (acled_dev / "articles" / f"{row['id']}.txt").read_text(encoding="utf-8")
        actors = find_actors(text, lexicon, country="AF", day=dt.date.fromisoformat(row["date"]))
        perpetrators += actors.perpetrator_acled == row["actor1"]
        targets += actors.target_acled == row["actor2"]
    assert perpetrators / len(rows) >= FLOORS["actor1"], f"actor1 {perpetrators}/{len(rows)}"
    assert targets / len(rows) >= FLOORS["actor2"], f"actor2 {targets}/{len(rows)}"


def test_case_folds_are_every_character_an_ascii_letter_matches_ignoring_case():
    import re
    import string

    from conflictdb.folded import CASE_FOLDS

    any_letter = re.compile("(?i:[a-z])")
    found: dict[str, str] = {}
    for code in range(0x80, 0x110000):
        char = chr(code)
        if any_letter.fullmatch(char):
            letter = next(x for x in string.ascii_lowercase if re.fullmatch(f"(?i:{x})", char))
            found[letter] = found.get(letter, "") + char
    assert found == CASE_FOLDS


@pytest.mark.parametrize(
    "words, text, expected",
    [
        (["soldiers", "soldier", "police"], "Five SOLDIERS and a Soldier", ["SOLDIERS", "Soldier"]),
        (["police officers", "police", "officers"], "police   officers came", ["police   officers"]),
        (["kites", "skies"], "\u212aites in the \u017fkies", ["\u212aites", "\u017fkies"]),
        (["-led", "led"], "US-led forces led", ["-led", "led"]),
    ],
)
def test_word_alternation_matches_like_one_case_insensitive_alternation(words, text, expected):
    import re

    from conflictdb.extract.actor_lexicon import _words

    ordered = sorted(words, key=lambda w: (-len(w), w))
    plain = "(?i:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered) + ")"
    grouped = re.compile(_words(words))
    assert [m.group() for m in grouped.finditer(text)] == expected
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in re.finditer(plain, text)]


def _scan_every_position(text, cue, pattern, window):
    """The plain search `_search_near_cues` stands for: every match in each cue's whole window."""
    before, after = window
    for c in cue.finditer(text):
        lo, hi = max(0, c.start() - before), min(len(text), c.end() + after)
        for m in pattern.finditer(text, lo, hi):
            if m.start() > c.start():
                break
            if c.end() <= m.end():
                return m
    return None


NEAR_CUE_TEXTS = [
    "Rebel fighters killed four guards; later two farmers were shot near the well by the river bank.",
    "The army said militants were killed. Insurgents attacked the post, and police were wounded there.",
    "Gunmen shot a trader, gunmen shot a driver, and the villagers were injured when the rockets fell.",
    "An airstrike by the air force hit a school; a drone strike and army shelling followed at dawn.",
    "killed were shot",  # cues at the very start: windows clipped at the text's edges
    "The SOLDIERS and police of the Army held the bridge; Troops fired on a crowd and a MINE went off.",
]


@pytest.mark.parametrize("text", NEAR_CUE_TEXTS)
def test_search_near_cues_finds_what_scanning_every_position_finds(lexicon, text):
    cues = _CueSpans(text)
    for pattern in lexicon.patterns:
        fast = _search_near_cues(text, cues.of(pattern), pattern, lexicon.window)
        slow = _scan_every_position(text, pattern.cue, pattern.regex, lexicon.window)
        assert (fast and (fast.span(), fast.groupdict())) == (slow and (slow.span(), slow.groupdict()))


def test_search_near_cues_tries_word_edges_only_before_the_cue(lexicon):
    pattern = next(p for p in lexicon.patterns if p.regex.pattern.startswith("(?P<target>"))
    text = "Three soldiers were killed and five police were wounded."
    found = _search_near_cues(text, _CueSpans(text).of(pattern), pattern, lexicon.window)
    assert found is not None and found.start() == 0


@pytest.mark.parametrize(
    "text",
    [
        "TROOPS shelled the hill; Forces of the army and a Police unit fought, then an Ied went off.",
        "A \u212aurdish militia and ſoldiers clashed; the Bombardment went on.",  # folded otherwise
        "\u0130DLIB: FIGHTING and a FIREFIGHT near a mine.",  # a capital whose lower case is longer
    ],
)
def test_cues_in_any_case_are_found_as_their_case_insensitive_pattern_finds_them(lexicon, text):
    any_case = [p for p in lexicon.patterns if p.cue.flags & re.IGNORECASE]
    assert any_case and all(p.cue_lower is not None for p in any_case)
    cues = _CueSpans(text)
    for pattern in any_case:
        assert cues.of(pattern) == [m.span() for m in pattern.cue.finditer(text)]


def test_actor_names_generic_names_are_data(tmp_path):
    """The generic names the code gives by role (here those an explosion hit) come from actor_names.yaml."""
    for name in ("actor_names.yaml", ACLED_COUNTRIES_FILE, REGIONS_FILE):
        shutil.copy(DATA_DIR / name, tmp_path / name)
    table = tmp_path / "actor_names.yaml"
    text = table.read_text(encoding="utf-8")
    old = "  civilians: 'Civilians ({country})'\n"
    assert old in text
    table.write_text(text.replace(old, "  civilians: 'Civilian population ({country})'\n"), encoding="utf-8")
    told = {
        "victims": frozenset({"civilians"}),
        "text": "A bomb went off at a bus stop.",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "country": "KE",
        "day": None,
    }
    assert code_actors(None, None, naming=load_actor_naming(), **told).actor2 == "Civilians (Kenya)"
    assert code_actors(None, None, naming=load_actor_naming(tmp_path), **told).actor2 == (
        "Civilian population (Kenya)"
    )


@pytest.mark.parametrize(
    "phrase",
    [
        "Taliban fighters",
        "the gunmen",
        "Russian troops",
        "a crowd of villagers",
        "US-led coalition",
        "ISKP",
        "men",
    ],
)
def test_named_screen_finds_a_phrase_exactly_when_some_named_group_does(lexicon, phrase):
    by_group = any(named.regex.search(phrase) for named in lexicon.named)
    assert (lexicon.named_screen.search(phrase) is not None) == by_group


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # two crowds that fought: rioters on both sides (ACLED's convention), not civilians
        ("Two families clashed over a boundary stone near the well.", "Rioters (Nigeria)"),
        ("Youths of two wards fought with clubs after the match.", "Rioters (Nigeria)"),
        # a crowd that beat or burned someone: its victims are civilians
        ("A crowd beat a suspected thief near the well.", "Civilians (Nigeria)"),
        # a crowd that fought a group named by its own name (a party's militia) fought that group
        ("Traders clashed with CJTF members over a levy near the well.", "CJTF: Civilian Joint Task Force"),
    ],
)
def test_actors_two_crowds_that_fought_are_both_rioters(lexicon, text, actor2):
    day = dt.date(2021, 6, 1)
    coding = find_actors(text, lexicon, country="NG", day=day, event=("Riots", "Mob violence")).coding
    assert (coding.actor1, coding.actor2) == ("Rioters (Nigeria)", actor2)


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # the people taken are civilians unless the text names who they are
        ("Police arrested a blogger at his flat.", "Civilians (Kenya)"),
        ("Police arrested three Al Shabaab militants at a lodge.", "Al Shabaab"),
    ],
)
def test_actors_those_arrested_are_civilians_unless_named(lexicon, text, actor2):
    event = ("Strategic developments", "Arrests")
    coding = find_actors(text, lexicon, country="KE", day=dt.date(2021, 6, 1), event=event).coding
    assert (coding.actor1, coding.actor2) == ("Police Forces of Kenya (2013-)", actor2)


@pytest.mark.parametrize("doer", [False, True])
def test_actors_remembered_names_are_the_names_asked_for(lexicon, monkeypatch, doer):
    from conflictdb.extract import actors

    monkeypatch.setattr(actors, "_MEMO_LIMIT", 3)  # the memo is emptied when full
    lexicon.memo.clear()  # what the tests before asked
    phrases = ["Taliban militants", "police", "a mob", "villagers", "Russian forces", "the committee"]
    for day in (None, dt.date(2020, 5, 4)):
        for phrase in phrases * 2:
            asked = acled_actor(phrase, lexicon, country="AF", day=day, doer=doer)
            assert actors._acled_name(phrase, lexicon, country="AF", day=day, doer=doer) == asked
            assert len(lexicon.memo) <= 3


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # a protest met by a counter-protest: the other crowd is protesters too (ACLED's convention)
        (
            "Pensioners rallied against the fare rise; a counter-rally of its backers stood across the road.",
            "Protesters (Kenya)",
        ),
        (
            "Traders marched on the council offices while counter-protesters jeered from the steps.",
            "Protesters (Kenya)",
        ),
        ("Pensioners rallied against the fare rise outside the council offices.", None),
        # forces that stepped in come first
        (
            "Traders marched past a counter-demonstration until police broke both up.",
            "Police Forces of Kenya (2013-)",
        ),
    ],
)
def test_actors_a_counter_protest_is_the_other_side_of_a_protest(lexicon, text, actor2):
    event = ("Protests", "Peaceful protest")
    coding = find_actors(text, lexicon, country="KE", day=dt.date(2021, 6, 1), event=event).coding
    assert (coding.actor1, coding.actor2) == ("Protesters (Kenya)", actor2)


@pytest.mark.parametrize(
    ("text", "actor2"),
    [
        # forces told only as forces that met a crowd are its police (ACLED's convention)
        (
            "Traders blocked the ring road; security forces broke up the blockade.",
            "Police Forces of Kenya (2013-)",
        ),
        # unless the text tells soldiers
        (
            "Traders blocked the ring road until army troops broke up the blockade.",
            "Military Forces of Kenya (2013-)",
        ),
    ],
)
def test_actors_the_forces_a_crowd_met_are_police_unless_soldiers_are_told(lexicon, text, actor2):
    event = ("Protests", "Peaceful protest")
    coding = find_actors(text, lexicon, country="KE", day=dt.date(2021, 6, 1), event=event).coding
    assert (coding.actor1, coding.actor2) == ("Protesters (Kenya)", actor2)

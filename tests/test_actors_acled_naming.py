"""Tests for conflictdb.extract.actors: actor1 and actor2 under ACLED's naming conventions, by mechanism.

Every sentence is written for these tests (invented places and people); the names on the right are ACLED's
published conventions.
"""

from __future__ import annotations

import datetime as dt

import pytest

from conflictdb.actor_codes import inter_code
from conflictdb.export_tables import load_export_tables
from conflictdb.extract.actor_lexicon import load_actor_lexicon
from conflictdb.extract.actors import acled_actor, find_actors, naming_day

_LEXICON = load_actor_lexicon()
_DAY = dt.date(2020, 5, 1)


def _coding(text: str, country: str, event: tuple[str, str | None], day: dt.date = _DAY):
    return find_actors(text, _LEXICON, country=country, day=day, event=event).coding


# A group named where no phrase pattern reads who acted: the group acted, unless it is the one hit.
# text, country, event, actor1
NAMED_GROUP_ACTED = [
    (
        "On 3 March 2020, JNIM militants seized two lorries on the road out of Kelbo.",
        "ML",
        ("Violence against civilians", "Abduction/forced disappearance"),
        "JNIM: Group for Support of Islam and Muslims",
    ),
    (
        "On 3 March 2020, about 20 Al Shabaab fighters were seen moving through Dhalo village.",
        "SO",
        ("Strategic developments", "Change to group/activity"),
        "Al Shabaab",
    ),
    (
        "Two farmers died when their cart hit a mine near Garo. Al Shabaab was believed responsible.",
        "KE",
        ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
        "Al Shabaab",
    ),
    # no group named: the event type's unidentified armed group stays
    (
        "On 3 March 2020, a trader was shot dead in the market of Tondi.",
        "NG",
        ("Violence against civilians", "Attack"),
        "Unidentified Armed Group (Nigeria)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1"), NAMED_GROUP_ACTED)
def test_actors_named_group_acts_when_no_pattern_reads_the_doer(text, country, event, actor1):
    assert _coding(text, country, event).actor1 == actor1


def test_actors_named_group_that_was_hit_is_not_the_doer():
    coding = _coding(
        "On 3 March 2020, five Taliban militants were killed near Dara.", "AF", ("Battles", "Armed clash")
    )
    assert coding.actor1 == "Unidentified Armed Group (Afghanistan)"
    assert coding.actor2 == "Taliban"


# A doer told as unknown ("unidentified gunmen") stays ACLED's unidentified armed group: a group named
# elsewhere in the note (where it happened, whom it hit) is not made the doer; doers told only by kind may be
# its men.
# text, actor1
UNKNOWN_DOERS = [
    (
        "On 3 March 2020, unidentified gunmen shot a trader dead in Kelbo, a town JNIM fighters left in May.",
        "Unidentified Armed Group (Mali)",
    ),
    (
        "On 3 March 2020, unknown assailants shot a JNIM defector dead near the well of Kelbo.",
        "Unidentified Armed Group (Mali)",
    ),
    (
        "On 3 March 2020, gunmen shot a trader dead in Kelbo, a town JNIM fighters hold.",
        "JNIM: Group for Support of Islam and Muslims",
    ),
]


@pytest.mark.parametrize(("text", "actor1"), UNKNOWN_DOERS)
def test_actors_doers_told_as_unknown_are_not_a_group_named_elsewhere(text, actor1):
    assert _coding(text, "ML", ("Violence against civilians", "Attack")).actor1 == actor1


# ACLED's names of well-known groups, and the names a group goes by from a day on.
# phrase, country, day, ACLED name
GROUP_NAMES = [
    ("suspected ISGS militants", "NE", dt.date(2020, 5, 5), "Islamic State (Greater Sahara)"),
    ("suspected ISGS militants", "NE", dt.date(2024, 3, 3), "Islamic State Sahel Province (ISSP)"),
    ("IS Sahel fighters", "BF", dt.date(2023, 1, 9), "Islamic State Sahel Province (ISSP)"),
    ("ISWAP fighters", "NE", dt.date(2020, 5, 3), "Islamic State (West Africa)"),
    ("ISWAP fighters", "NE", dt.date(2024, 6, 28), "Islamic State West Africa Province (ISWAP)"),
    ("Boko Haram", "NG", dt.date(2014, 6, 1), "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("Boko Haram", "NG", dt.date(2016, 1, 10), "Boko Haram - Wilayat Gharb Ifriqiyyah"),
    ("Boko Haram", "NG", dt.date(2019, 1, 10), "Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad"),
    ("Boko Haram", "NG", dt.date(2023, 2, 14), "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    # in Cameroon, where reports do not tell the two factions apart, both
    ("Boko Haram", "CM", dt.date(2015, 9, 2), "Boko Haram - Wilayat Gharb Ifriqiyyah"),
    (
        "Boko Haram insurgents",
        "CM",
        dt.date(2019, 7, 1),
        "Islamic State (West Africa) and/or Boko Haram - Jamatu Ahli is-Sunnah lid-Dawatai wal-Jihad",
    ),
    (
        "Boko Haram",
        "CM",
        dt.date(2023, 11, 5),
        "Islamic State West Africa Province (ISWAP) and/or "
        "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    ),
    ("TPLF forces", "ET", dt.date(2020, 11, 20), "TPLF: Tigray Peoples Liberation Front"),
    ("the Children of Fire initiative", "TR", dt.date(2020, 5, 2), "Children of Fire"),
    ("militants of the State of Sinai", "EG", dt.date(2016, 6, 2), "State of Sinai"),
    ("VDP", "BF", dt.date(2023, 8, 1), "VDP: Volunteer for Defense of Homeland"),
    ("HTS fighters", "SY", dt.date(2020, 5, 1), "HTS: Hayat Tahrir al Sham"),
    ("New People’s Army rebels", "PH", dt.date(2020, 5, 1), "NPA: New People's Army"),
    ("Baloch Liberation Front", "PK", dt.date(2020, 5, 1), "BLF: Baloch Liberation Front"),
    ("East Indonesia Mujahidin", "ID", dt.date(2020, 5, 1), "MIT: Mujahidin Indonesia Timur"),
    ("NAS rebels", "SS", dt.date(2020, 5, 1), "NAS: National Salvation Front"),
    (
        "Zanu PF supporters",
        "ZW",
        dt.date(2020, 5, 1),
        "ZANU-PF: Zimbabwe African National Union-Patriotic Front",
    ),
    ("IS militants", "SO", dt.date(2025, 1, 5), "Islamic State Somalia Province"),
    ("IS militants", "IQ", dt.date(2020, 5, 1), "Islamic State (Iraq)"),
    ("Arakan Army fighters", "MM", dt.date(2015, 6, 1), "AA: Arakan Army"),
    ("Arakan Army fighters", "MM", dt.date(2020, 5, 1), "ULA/AA: United League of Arakan/Arakan Army"),
    ("AA troops", "MM", dt.date(2020, 5, 1), "ULA/AA: United League of Arakan/Arakan Army"),
    ("the Luhansk People's Militia", "UA", dt.date(2020, 5, 1), "NAF: United Armed Forces of Novorossiya"),
    ("Donbass People's Militia units", "UA", dt.date(2020, 5, 1), "NAF: United Armed Forces of Novorossiya"),
    ("DPR fighters", "UA", dt.date(2023, 3, 1), "Military Forces of Russia (2000-) Donetsk People's Militia"),
    (
        "the Luhansk People's Militia",
        "UA",
        dt.date(2023, 3, 1),
        "Military Forces of Russia (2000-) Luhansk People's Militia",
    ),
    ("pro-Russian separatists", "UA", dt.date(2023, 3, 1), "NAF: United Armed Forces of Novorossiya"),
]


@pytest.mark.parametrize(("phrase", "country", "day", "name"), GROUP_NAMES)
def test_actors_named_groups_take_acleds_name_of_the_day(phrase, country, day, name):
    assert acled_actor(phrase, _LEXICON, country=country, day=day) == name


def test_actors_the_side_whose_positions_were_fired_on_is_actor2():
    text = "On 6 May 2020, Ukrainian forces fired mortars at the positions of the Donetsk People's Militia."
    coding = _coding(text, "UA", ("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    assert coding.actor2 == "NAF: United Armed Forces of Novorossiya"


def test_actors_arakan_armys_initials_name_it_in_myanmar_only():
    text = "On 2 May 2020, Myanmar troops and AA fought near Hpa Lan village."
    coding = _coding(text, "MM", ("Battles", None))
    assert coding.actor2 == "ULA/AA: United League of Arakan/Arakan Army"
    assert acled_actor("AA", _LEXICON, country="TR", day=_DAY) is None  # a news agency's there


# Forces told acting under a named operation are named by it (ACLED's "Operation Peace Spring" for Turkey's
# troops and the factions it backs in north-east Syria); a place under its control names no doer.
# text, actor1
UNDER_OPERATION = [
    (
        "On 4 May 2020, Turkish troops and allied factions, operating under Operation Peace Spring, shelled "
        "farms near Tal Warda.",
        "Operation Peace Spring",
    ),
    ("On 4 May 2020, Turkish troops and rebels under OPS shelled a farm.", "Operation Peace Spring"),
    ("On 4 May 2020, Turkish forces shelled farms near Tal Warda.", "Military Forces of Turkey (2016-)"),
    (
        "On 4 May 2020, unidentified gunmen shot a farmer in Tal Warda, a village under OPS control.",
        "Unidentified Armed Group (Syria)",
    ),
]


@pytest.mark.parametrize(("text", "actor1"), UNDER_OPERATION)
def test_actors_forces_acting_under_an_operation_are_named_by_it(text, actor1):
    event = ("Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert _coding(text, "SY", event).actor1 == actor1


# A state's forces by the regime period of the day: a new cabinet's period begins when ACLED began naming it
# (Iraq's of May 2020 some days after it was sworn in), Lebanon's by its cabinets from 2020.
PERIOD_NAMES = [
    ("Iraqi troops", "IQ", dt.date(2020, 5, 8), "Military Forces of Iraq (2018-)"),
    ("Iraqi troops", "IQ", dt.date(2020, 7, 1), "Military Forces of Iraq (2020-)"),
    ("the Lebanese army", "LB", dt.date(2019, 12, 1), "Military Forces of Lebanon (2016-)"),
    ("the Lebanese army", "LB", dt.date(2020, 4, 2), "Military Forces of Lebanon (2020-)"),
    ("Lebanese police", "LB", dt.date(2022, 3, 3), "Police Forces of Lebanon (2021-)"),
]


@pytest.mark.parametrize(("phrase", "country", "day", "name"), PERIOD_NAMES)
def test_actors_state_forces_take_the_period_of_the_day(phrase, country, day, name):
    assert acled_actor(phrase, _LEXICON, country=country, day=day) == name


# A state's forces serving in a multinational mission abroad are named by the mission and the contributing
# state, from the day that state joined it to the mission's end; at home, before joining, after the end, or
# without a day, they are the state's own military. phrase, country, day, ACLED name
MISSION_FORCES = [
    ("Kenyan troops", "SO", dt.date(2018, 3, 1), "AMISOM: African Union Mission in Somalia (2007-) (Kenya)"),
    (
        "Burundian soldiers",
        "SO",
        dt.date(2016, 6, 19),
        "AMISOM: African Union Mission in Somalia (2007-) (Burundi)",
    ),
    (
        "ENDF soldiers",
        "SO",
        dt.date(2019, 7, 1),
        "AMISOM: African Union Mission in Somalia (2007-) (Ethiopia)",
    ),
    ("AMISOM troops", "SO", dt.date(2019, 7, 1), "AMISOM: African Union Mission in Somalia (2007-)"),
    ("Ethiopian troops", "SO", dt.date(2012, 2, 22), "Military Forces of Ethiopia (1991-)"),
    ("Kenyan troops", "SO", dt.date(2023, 5, 1), "Military Forces of Kenya (2022-)"),
    ("Kenyan troops", "KE", dt.date(2018, 3, 1), "Military Forces of Kenya (2013-)"),
    ("Kenyan troops", "SO", None, "Military Forces of Kenya (2022-)"),
]


@pytest.mark.parametrize(("phrase", "country", "day", "name"), MISSION_FORCES)
def test_actors_forces_serving_in_a_mission_are_named_by_it(phrase, country, day, name):
    assert acled_actor(phrase, _LEXICON, country=country, day=day) == name


def test_actors_a_mission_contingent_is_the_doer_of_its_battle():
    text = "On 12 March 2019, Ugandan troops clashed with Al Shabaab fighters near Dhalo village."
    coding = _coding(text, "SO", ("Battles", "Armed clash"), dt.date(2019, 3, 12))
    assert coding.actor1 == "AMISOM: African Union Mission in Somalia (2007-) (Uganda)"
    assert coding.actor2 == "Al Shabaab"


def test_actors_the_mission_is_external_forces():
    tables = load_export_tables()
    name = acled_actor("AMISOM peacekeepers", _LEXICON, country="SO", day=dt.date(2019, 7, 1))
    assert inter_code(name, "Somalia", tables) == 8
    contingent = acled_actor("Kenyan troops", _LEXICON, country="SO", day=dt.date(2018, 3, 1))
    assert contingent.endswith("(Kenya)")
    assert inter_code(contingent, "Somalia", tables) == 8


def test_actors_renamed_groups_keep_their_inter_code():
    tables = load_export_tables()
    for name in (
        "Islamic State (Greater Sahara)",
        "Islamic State Sahel Province (ISSP)",
        "NAS: National Salvation Front",
    ):
        assert inter_code(name, "Niger", tables) == 2


# A party whose people acted as a group is ACLED's "<abbreviation>: <full name>", in its own country only; a
# party named alone (one that spoke, or was hit) is not the doer.
# text, country, actor1
PARTIES = [
    (
        "On 2 May 2020, UPND cadres beat a trader at Mbelo market.",
        "ZM",
        "UPND: United Party for National Development",
    ),
    (
        "On 2 May 2020, a group of BNP activists stabbed a shopkeeper in Lorapur bazaar.",
        "BD",
        "BNP: Bangladesh Nationalist Party",
    ),
    ("On 2 May 2020, UPND cadres beat a trader at Mbelo market.", "KE", "Unidentified Armed Group (Kenya)"),
    (  # an abbreviation of two countries' parties: the note's country's
        "On 2 May 2020, PDP youths beat a trader at Mbelo market.",
        "NG",
        "PDP: Peoples Democratic Party",
    ),
    (
        "On 2 May 2020, PDP youths beat a trader at Mbelo market.",
        "IN",
        "PDP: Jammu and Kashmir Peoples Democratic Party",
    ),
    (
        "The United Party for National Development said one of its agents was beaten at Mbelo on 2 May 2020.",
        "ZM",
        "Unidentified Armed Group (Zambia)",
    ),
]


@pytest.mark.parametrize(("text", "country", "actor1"), PARTIES)
def test_actors_a_partys_people_are_named_for_the_party_in_its_country(text, country, actor1):
    assert _coding(text, country, ("Violence against civilians", "Attack")).actor1 == actor1


def test_actors_parties_are_political_militias():
    assert inter_code("UPND: United Party for National Development", "Zambia", load_export_tables()) == 3


# A militia named for its community, clan or people: "<name> Communal/Ethnic/Clan Militia (<country>)".
# text, country, actor1
COMMUNITY_MILITIAS = [
    (
        "On 4 June 2021, a Dorava militia shot two herders near Ketu.",
        "NG",
        "Dorava Communal Militia (Nigeria)",
    ),
    ("On 4 June 2021, communal militias from Bemto raided a hamlet.", "GH", "Bemto Communal Militia (Ghana)"),
    ("On 4 June 2021, Tiv militiamen burned a farmstead near Ketu.", "NG", "Tiv Ethnic Militia (Nigeria)"),
    (
        "On 4 June 2021, Hawiye-Abgal sub-clan militia shot a trader.",
        "SO",
        "Hawiye-Abgal Sub-Clan Militia (Somalia)",
    ),
    # a word that opens a sentence or a kind names no community
    ("On 4 June 2021, local militiamen shot a trader in Ketu.", "NG", "Unidentified Armed Group (Nigeria)"),
    (
        "On 4 June 2021, Nigerian militiamen shot a trader in Ketu.",
        "NG",
        "Unidentified Armed Group (Nigeria)",
    ),
    # a group of the dictionary named in the note comes first
    (
        "On 4 June 2021, JNIM and a Dorava militia attacked Ketu.",
        "ML",
        "JNIM: Group for Support of Islam and Muslims",
    ),
]


@pytest.mark.parametrize(("text", "country", "actor1"), COMMUNITY_MILITIAS)
def test_actors_community_militias_are_named_for_their_community(text, country, actor1):
    assert _coding(text, country, ("Violence against civilians", "Attack")).actor1 == actor1


# Fighting told as between clans or communities, with no side named: that kind of militia, on both sides of a
# battle, instead of an unidentified armed group. text, country, event, actor1, actor2
TOLD_MILITIAS = [
    (
        "On 3 May 2020, five people were killed in inter-clan clashes near Dalo.",
        "SO",
        ("Battles", "Armed clash"),
        "Unidentified Clan Militia (Somalia)",
        "Unidentified Clan Militia (Somalia)",
    ),
    (
        "On 3 May 2020, gunmen shot two farmers in Dalo amid communal violence over grazing land.",
        "NG",
        ("Violence against civilians", "Attack"),
        "Unidentified Communal Militia (Nigeria)",
        "Civilians (Nigeria)",
    ),
    # a side named by name stays so; no clan or community told, an unidentified armed group
    (
        "On 3 May 2020, Al Shabaab fighters attacked a village in Dalo during clan clashes.",
        "SO",
        ("Battles", "Armed clash"),
        "Al Shabaab",
        "Civilians (Somalia)",
    ),
    (
        "On 3 May 2020, five people were killed in clashes near Dalo.",
        "SO",
        ("Battles", "Armed clash"),
        "Unidentified Armed Group (Somalia)",
        "Civilians (Somalia)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1", "actor2"), TOLD_MILITIAS)
def test_actors_fighting_told_between_clans_is_their_militias(text, country, event, actor1, actor2):
    coding = _coding(text, country, event)
    assert (coding.actor1, coding.actor2) == (actor1, actor2)


def test_actors_dahalo_are_madagascars_cattle_raider_militia():
    coding = _coding(
        "On 2 May 2020, dahalo attacked a hamlet near Ambalo and drove off forty zebu.",
        "MG",
        ("Violence against civilians", "Attack"),
    )
    assert coding.actor1 == "Dahalo Militia"


# Countries whose unidentified attackers of civilians ACLED gives as gangs when the killing bears the signs of
# organised crime; elsewhere, without such signs, and in battles, an unidentified armed group.
# text, country, event, actor1, actor2
UNIDENTIFIED_ATTACKERS = [
    (
        "Two armed men shot a shopkeeper dead in a drive-by shooting in Colonia Tulo.",
        "MX",
        "Violence against civilians",
        "Unidentified Gang (Mexico)",
        "Civilians (Mexico)",
    ),
    (
        "A shopkeeper was found dead in Colonia Tulo. His hands were tied behind his back.",
        "MX",
        "Violence against civilians",
        "Unidentified Gang (Mexico)",
        "Civilians (Mexico)",
    ),
    (
        "Two armed men shot a shopkeeper dead in a drive-by shooting in Vila Tulo.",
        "BR",
        "Violence against civilians",
        "Unidentified Gang and/or Police Militia",
        "Civilians (Brazil)",
    ),
    # no sign of organised crime: an unidentified armed group there too
    (
        "Two armed men shot a shopkeeper dead in Colonia Tulo.",
        "MX",
        "Violence against civilians",
        "Unidentified Armed Group (Mexico)",
        "Civilians (Mexico)",
    ),
    (
        "Two armed men shot a shopkeeper dead in a drive-by shooting in Tulo.",
        "HN",
        "Violence against civilians",
        "Unidentified Armed Group (Honduras)",
        "Civilians (Honduras)",
    ),
    (
        "Armed men attacked two police officers in Colonia Tulo.",
        "MX",
        "Battles",
        "Unidentified Armed Group (Mexico)",
        "Police Forces of Mexico (2018-)",
    ),
    # a gang's member shot: the attackers are not that gang
    (
        "A gang member was shot dead by unidentified armed men in Tulo.",
        "SV",
        "Violence against civilians",
        "Unidentified Armed Group (El Salvador)",
        "Unidentified Gang (El Salvador)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1", "actor2"), UNIDENTIFIED_ATTACKERS)
def test_actors_unidentified_attackers_follow_the_countrys_convention(text, country, event, actor1, actor2):
    coding = _coding(f"On 4 May 2020, {text[0].lower()}{text[1:]}", country, (event, None))
    assert (coding.actor1, coding.actor2) == (actor1, actor2)


# Armed actors of a kind but no name, some in one country only. phrase, country, ACLED name
UNNAMED_KINDS = [
    ("suspected Islamist militants", "MZ", "Islamist Militia (Mozambique)"),
    ("Islamic militants", "DZ", "Islamist Militia (Algeria)"),
    ("insurgents", "TH", "Southern Muslim Separatists (Thailand)"),
    ("insurgents", "PH", "Unidentified Armed Group (Philippines)"),
]


@pytest.mark.parametrize(("phrase", "country", "name"), UNNAMED_KINDS)
def test_actors_unnamed_kinds_take_acleds_generic_name(phrase, country, name):
    assert acled_actor(phrase, _LEXICON, country=country, day=_DAY) == name


def test_actors_a_side_told_with_its_partners_initials_is_read_by_its_name():
    coding = _coding(
        "On 9 May 2021, there were clashes between the FARDC/MONUSCO and ADF fighters near Tulo.",
        "CD",
        ("Battles", "Armed clash"),
    )
    assert (coding.actor1, coding.actor2) == (
        "Military Forces of the Democratic Republic of Congo (2019-)",
        "ADF: Allied Democratic Forces",
    )


def test_actors_islamic_is_read_as_part_of_the_doer():
    coding = _coding(
        "On 4 May 2020, Islamic militants attacked Tulo village.", "MZ", ("Violence against civilians", None)
    )
    assert coding.actor1 == "Islamist Militia (Mozambique)"


# A state's forces with the unit ACLED names after them. phrase, country, ACLED name
UNITS = [
    ("prison guards", "NI", "Police Forces of Nicaragua (2007-) Prison Guards"),
    ("PMF fighters", "IQ", "Military Forces of Iraq (2018-) Popular Mobilization Forces"),
    ("Russian warplanes", "SY", "Military Forces of Russia (2000-) Air Force"),
    ("Turkish warplanes", "SY", "Military Forces of Turkey (2016-)"),
    ("two local policemen", "AF", "Police Forces of Afghanistan (2014-) Afghan Local Police"),
    ("two local policemen", "PK", "Police Forces of Pakistan (2018-)"),
    ("BIR soldiers", "CM", "Military Forces of Cameroon (1982-) Rapid Intervention Battalion"),
    # an abbreviation keeps its capitals: a place word spelt like it names no unit
    ("Bir soldiers", "CM", "Military Forces of Cameroon (1982-)"),
    ("Alp policemen", "AF", "Police Forces of Afghanistan (2014-)"),
    ("Afghan commando special forces", "AF", "Military Forces of Afghanistan (2014-) Special Forces"),
    ("Kopassus soldiers", "ID", "Military Forces of Indonesia (2014-) Komando Pasukan Khusus"),
    ("LDU personnel", "UG", "Military Forces of Uganda (1986-) Local Defense Unit"),
    (
        "Iranian border guards",
        "IR",
        "Police Forces of Iran (1989-) Islamic Republic of Iran Border Guard Command",
    ),
    # a unit of one state's forces is not named in another's
    ("border guards", "TR", "Police Forces of Turkey (2016-)"),
]


@pytest.mark.parametrize(("phrase", "country", "name"), UNITS)
def test_actors_state_forces_carry_the_unit_acled_names(phrase, country, name):
    assert acled_actor(phrase, _LEXICON, country=country, day=_DAY) == name


# The unit named just before the forces or in an aside after them. text, country, event, actor1, actor2
UNITS_NEARBY = [
    (
        "On 2 May 2020, the Gendarmerie forces killed two gunmen during a search near Kalpa.",
        "TR",
        ("Battles", "Armed clash"),
        ("Military Forces of Turkey (2016-) Gendarmerie", "Unidentified Armed Group (Turkey)"),
    ),
    (
        "On 2 May 2020, Amhara special forces attacked a militia camp near Dira.",
        "ET",
        ("Battles", "Armed clash"),
        (
            "Police Forces of Ethiopia (2018-) Amhara Regional Special Forces",
            "Unidentified Armed Group (Ethiopia)",
        ),
    ),
    (
        "On 2 May 2020, gunmen attacked security forces (NISA officers) on the road to Garso.",
        "SO",
        ("Battles", "Armed clash"),
        (
            "Unidentified Armed Group (Somalia)",
            "Military Forces of Somalia (2017-) National Intelligence and Security Agency",
        ),
    ),
    # no unit next to the forces: the forces alone
    (
        "On 2 May 2020, gunmen attacked security forces on the road to Garso.",
        "SO",
        ("Battles", "Armed clash"),
        ("Unidentified Armed Group (Somalia)", "Military Forces of Somalia (2017-)"),
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actors"), UNITS_NEARBY)
def test_actors_a_unit_named_next_to_the_forces_is_theirs(text, country, event, actors):
    coding = _coding(text, country, event)
    assert (coding.actor1, coding.actor2) == actors


def test_actors_russian_strikes_from_the_air_are_its_air_forces():
    text = "On 4 May 2020, Russian forces carried out drone strikes on Tulivka."
    coding = _coding(text, "UA", ("Explosions/Remote violence", "Air/drone strike"))
    assert coding.actor1 == "Military Forces of Russia (2000-) Air Force"
    shelled = _coding(text, "UA", ("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    assert shelled.actor1 == "Military Forces of Russia (2000-)"


def test_actors_a_doer_told_as_one_group_or_another_is_not_its_own_other_side():
    # the groups of "<A> and/or <B>" are the doer: neither is the side it fought or hit
    text = "Fighters said to be of JNIM or ISGS clashed with nobody named near the dry well on 5 May 2020."
    event = ("Battles", "Armed clash")
    coding = find_actors(text, _LEXICON, country="BF", day=dt.date(2020, 5, 5), event=event).coding
    groups = ("JNIM: Group for Support of Islam and Muslims", "Islamic State (Greater Sahara)")
    assert coding.actor1 == " and/or ".join(groups)
    assert coding.actor2 not in groups


# A doer told as one group or another: ACLED's "<A> and/or <B>", in the order the note gives them.
# text, country, day, actor1
EITHER_GROUP = [
    (
        "People in Sarkoudi said JNIM or ISGS militants had seized a trader near the well.",
        "BF",
        dt.date(2020, 5, 5),
        "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)",
    ),
    (
        "Fighters thought to belong to ISWAP or Boko Haram emptied a grain store at Ombaro on 3 April 2024.",
        "CM",
        dt.date(2024, 4, 3),
        "Islamic State West Africa Province (ISWAP) and/or "
        "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    ),
    # two groups side by side, one of them the doer, are not alternatives
    (
        "On 5 May 2020, JNIM militants attacked an Ansarul Islam camp near Sarkoudi.",
        "BF",
        dt.date(2020, 5, 5),
        "JNIM: Group for Support of Islam and Muslims",
    ),
]


@pytest.mark.parametrize(("text", "country", "day", "actor1"), EITHER_GROUP)
def test_actors_a_group_or_another_is_acleds_and_or_actor(text, country, day, actor1):
    assert _coding(text, country, ("Violence against civilians", None), day).actor1 == actor1


def test_actors_looting_hits_civilians_unless_others_are_named():
    event = ("Strategic developments", "Looting/property destruction")
    coding = _coding("On 4 May 2020, armed men looted shops in Tulo market.", "NG", event)
    assert (coding.actor1, coding.actor2) == ("Unidentified Armed Group (Nigeria)", "Civilians (Nigeria)")
    named = _coding("On 4 May 2020, JNIM militants burned a school in Kelbo.", "ML", event)
    assert (named.actor1, named.actor2) == (
        "JNIM: Group for Support of Islam and Muslims",
        "Civilians (Mali)",
    )


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "On 4 May 2021, some 900 households fled their villages near Tulo after raids.",
            "Civilians (Nigeria)",
        ),
        (
            "On 4 May 2021, the fighting drove about 3,000 people into displacement camps.",
            "Civilians (Nigeria)",
        ),
        ("On 4 May 2021, 150 families who had fled in March returned to Tulo.", "Civilians (Nigeria)"),
        # a weapon left from an old war, set off by chance: the unidentified group that left it
        (
            "On 4 May 2021, a boy picked up an unexploded shell near Tulo and it went off.",
            "Unidentified Armed Group (Nigeria)",
        ),
        # no one fled or came back, no old weapon told: nobody to name
        ("On 4 May 2021, a fire at the old market of Tulo burned for hours.", None),
    ],
)
def test_actors_doers_the_words_of_an_other_event_tell(text, actor1):
    assert _coding(text, "NG", ("Strategic developments", "Other")).actor1 == actor1


def test_actors_forces_whose_post_was_stormed_in_a_strategic_development_are_actor2():
    text = "On 4 May 2021, men of a local brigade stormed a police office in Tulo and held several policemen."
    coding = _coding(text, "NG", ("Strategic developments", "Change to group/activity"))
    assert coding.actor2 == "Police Forces of Nigeria (2015-)"


def test_actors_forces_a_rocket_was_aimed_at_are_actor2():
    text = "On 4 May 2020, JNIM militants fired two rockets at a military camp near Kelbo."
    coding = _coding(text, "ML", ("Explosions/Remote violence", "Shelling/artillery/missile attack"))
    assert (coding.actor1, coding.actor2) == (
        "JNIM: Group for Support of Islam and Muslims",
        "Military Forces of Mali (2013-)",
    )


# The group the acting side fought, named where no pattern reads a target. text, country, event, actor2
FOUGHT_GROUP = [
    (
        "On 4 May 2020, security forces launched an operation near Tulo. Two BLA fighters died.",
        "PK",
        ("Battles", "Armed clash"),
        "BLA: Baloch Liberation Army",
    ),
    # violence against civilians: the civilians it implies, not a group named in passing
    (
        "On 4 May 2020, soldiers beat a trader accused of helping Al Shabaab in Tulo.",
        "SO",
        ("Violence against civilians", "Attack"),
        "Civilians (Somalia)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor2"), FOUGHT_GROUP)
def test_actors_the_group_fought_is_actor2(text, country, event, actor2):
    assert _coding(text, country, event).actor2 == actor2


# Police named at a protest stepped in (actor2), unless named for a place of theirs. text, actor2
PROTEST_POLICE = [
    (
        "On 4 May 2020, traders protested in Tulo market until police dispersed them.",
        "Police Forces of Kenya (2013-)",
    ),
    ("On 4 May 2020, traders protested outside the police station in Tulo.", None),
]


@pytest.mark.parametrize(("text", "actor2"), PROTEST_POLICE)
def test_actors_forces_at_a_protest_are_actor2(text, actor2):
    coding = _coding(text, "KE", ("Protests", "Peaceful protest"))
    assert (coding.actor1, coding.actor2) == ("Protesters (Kenya)", actor2)


# A government told of in an event no armed actor acts in is ACLED's "Government of <country> (<period>)".
# text, country, actor1
GOVERNMENT = [
    (
        "On 4 May 2020, the provincial governor ordered markets in Tulo shut for a week.",
        "TR",
        "Government of Turkey (2016-)",
    ),
    (
        "On 4 May 2020, the government of the Philippines closed two border posts.",
        "PH",
        "Government of the Philippines (2016-)",
    ),
    ("On 4 May 2020, a crowd gathered at the market in Tulo.", "TR", None),
]


@pytest.mark.parametrize(("text", "country", "actor1"), GOVERNMENT)
def test_actors_a_government_that_acts_is_named_as_acled_does(text, country, actor1):
    assert _coding(text, country, ("Strategic developments", "Change to group/activity")).actor1 == actor1


# The day actors are named as of: the incident's, else its article's; a bare note with neither (and no web
# address) as ACLED's older data named them; an undated web page by the latest names.
# day, published, url, expected (None: the latest names; "undated": the table's day for old notes)
NAMING_DAYS = [
    (dt.date(2020, 5, 1), dt.date(2020, 5, 3), None, dt.date(2020, 5, 1)),
    (None, dt.date(2020, 5, 3), None, dt.date(2020, 5, 3)),
    (None, None, "https://news.example/a/1", None),
    (None, None, None, "undated"),
]


@pytest.mark.parametrize(("day", "published", "url", "expected"), NAMING_DAYS)
def test_actors_are_named_as_of_the_day_known(day, published, url, expected):
    found = naming_day(day, published=published, url=url, naming=_LEXICON.naming)
    assert found == (_LEXICON.naming.undated_as_of if expected == "undated" else expected)


# A note that tells no date, named as of ACLED's older data: Asian forces without a period, others with the
# period they had then. text, country, ACLED's actor1 then, the latest name
UNDATED_NOTES = [
    (
        "Government troops clashed with insurgents in the hills near Lokaw.",
        "MM",
        "Military Forces of Myanmar",
        "Military Forces of Myanmar (2021-)",
    ),
    (
        "Soldiers killed four armed men during a search of Doba village.",
        "ET",
        "Military Forces of Ethiopia (1991-)",
        "Military Forces of Ethiopia (2018-)",
    ),
    # older notes are of events of 2015 to 2017, named as of the middle of that span: a government that came
    # in during 2017 is not yet theirs, a group renamed in late 2016 has its earlier name
    (
        "Government forces clashed with Al Shabaab fighters near Bulo.",
        "SO",
        "Military Forces of Somalia (2012-)",
        "Military Forces of Somalia (2022-)",
    ),
    (
        "Boko Haram fighters clashed with a patrol near Kawa.",
        "NG",
        "Boko Haram - Wilayat Gharb Ifriqiyyah",
        "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
    ),
    # a country whose forces' names took "the" with a later period: not in the older name
    (
        "Soldiers clashed with armed men in the forest near Kabo.",
        "CD",
        "Military Forces of Democratic Republic of Congo (2001-)",
        "Military Forces of the Democratic Republic of Congo (2019-)",
    ),
]


@pytest.mark.parametrize(("text", "country", "older", "latest"), UNDATED_NOTES)
def test_actors_an_undated_note_takes_the_older_name(text, country, older, latest):
    event = ("Battles", "Armed clash")
    for url, name in ((None, older), ("https://news.example/a/2", latest)):
        day = naming_day(None, published=None, url=url, naming=_LEXICON.naming)
        assert find_actors(text, _LEXICON, country=country, day=day, event=event).coding.actor1 == name


# A battle where no pattern reads who started it: a state's military told before the group it fought is
# actor1; police, forces that repelled an attack, and forces an attack was on stay second.
# text, country, actor1, actor2
SIDES_IN_ORDER = [
    (
        "On 2 May 2020, government troops (backed by tanks) clashed with Al Shabaab near Garso.",
        "SO",
        "Military Forces of Somalia (2017-)",
        "Al Shabaab",
    ),
    (
        "On 2 May 2020, Al Shabaab fighters were met by government troops outside Garso.",
        "SO",
        "Al Shabaab",
        "Military Forces of Somalia (2017-)",
    ),
    (
        "On 2 May 2020, government troops (backed by tanks) repelled Al Shabaab near Garso.",
        "SO",
        "Al Shabaab",
        "Military Forces of Somalia (2017-)",
    ),
    (
        "On 2 May 2020, a soldier died in an attack on an army post by Al Shabaab near Garso.",
        "SO",
        "Al Shabaab",
        "Military Forces of Somalia (2017-)",
    ),
]


@pytest.mark.parametrize(("text", "country", "actor1", "actor2"), SIDES_IN_ORDER)
def test_actors_a_battles_sides_come_in_the_order_told(text, country, actor1, actor2):
    coding = _coding(text, country, ("Battles", "Armed clash"))
    assert (coding.actor1, coding.actor2) == (actor1, actor2)


# An arrest: the police arrested unless the text names other arresters; a group named by its name alone is
# the one arrested. text, actor1, actor2
ARRESTS = [
    (
        "On 2 May 2020, a blogger was arrested at his flat in Tumo.",
        "Police Forces of Kenya (2013-)",
        "Civilians (Kenya)",
    ),
    (
        "On 2 May 2020, an Al Shabaab recruiter was arrested in Tumo.",
        "Police Forces of Kenya (2013-)",
        "Al Shabaab",
    ),
    (
        "On 2 May 2020, soldiers arrested a blogger at his flat in Tumo.",
        "Military Forces of Kenya (2013-)",
        "Civilians (Kenya)",
    ),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), ARRESTS)
def test_actors_the_police_arrest_and_a_group_named_is_arrested(text, actor1, actor2):
    coding = _coding(text, "KE", ("Strategic developments", "Arrests"))
    assert (coding.actor1, coding.actor2) == (actor1, actor2)


# A strategic development that state forces carry out (a movement of forces, arms seized or defused): the
# forces named, and not as its target, are actor1; forces whose post was hit are not.
# text, country, event, (actor1, actor2)
FORCES_ACT = [
    (
        "On 2 March 2021, soldiers were deployed to Tamba after herders reported armed men nearby.",
        "BJ",
        ("Strategic developments", "Change to group/activity"),
        ("Military Forces of Benin (2016-)", None),
    ),
    (
        "On 2 March 2021, police found a cache of rifles and grenades buried near Korla.",
        "KE",
        ("Strategic developments", "Disrupted weapons use"),
        ("Police Forces of Kenya (2013-)", None),
    ),
    (
        "On 2 March 2021, fighters of a rival brigade stormed a police office in Korla and held policemen.",
        "KE",
        ("Strategic developments", "Change to group/activity"),
        (None, "Police Forces of Kenya (2013-)"),
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actors"), FORCES_ACT)
def test_actors_forces_named_in_a_movement_or_a_seizure_acted(text, country, event, actors):
    coding = _coding(text, country, event)
    assert (coding.actor1, coding.actor2) == actors


# Criminals told by the words of organised crime, one of them or many, are ACLED's unidentified gang.
# text, country, event, actor2
GANG_WORDS = [
    (
        "A drug trafficker was shot dead in a gunfight with military police in Vila Tulo.",
        "BR",
        ("Battles", "Armed clash"),
        "Unidentified Gang (Brazil)",
    ),
    (
        "A hitman was shot dead by police officers in Colonia Tulo.",
        "MX",
        ("Battles", "Armed clash"),
        "Unidentified Gang (Mexico)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor2"), GANG_WORDS)
def test_actors_criminals_told_by_organised_crime_words_are_a_gang(text, country, event, actor2):
    assert _coding(f"On 4 May 2020, {text[0].lower()}{text[1:]}", country, event).actor2 == actor2


@pytest.mark.parametrize(
    ("phrase", "name"),
    [("sicarios", "Unidentified Gang (Mexico)"), ("a criminal group", "Unidentified Gang (Mexico)")],
)
def test_actors_organised_crime_phrases_name_a_gang(phrase, name):
    assert acled_actor(phrase, _LEXICON, country="MX", day=_DAY) == name


# Countries whose police shoot-outs ACLED gives as with the country's gangs: the unidentified side a state's
# forces fought, named or not. text, country, actor1, actor2
FORCES_OPPONENTS = [
    (
        "Military Police officers carried out an operation in Vila Tulo and a shoot-out broke out.",
        "BR",
        "Military Forces of Brazil (2019-) Military Police",
        "Unidentified Gang and/or Police Militia",
    ),
    (
        "Armed men opened fire on a police patrol in Tulo; the officers shot back and killed one.",
        "SV",
        "Unidentified Gang (El Salvador)",
        "Police Forces of El Salvador (2019-)",
    ),
    # elsewhere the unidentified side stays an armed group
    (
        "Armed men opened fire on a police patrol in Tulo; the officers shot back and killed one.",
        "HN",
        "Unidentified Armed Group (Honduras)",
        "Police Forces of Honduras",
    ),
]


@pytest.mark.parametrize(("text", "country", "actor1", "actor2"), FORCES_OPPONENTS)
def test_actors_side_police_fought_follows_the_countrys_convention(text, country, actor1, actor2):
    coding = _coding(f"On 4 May 2020, {text[0].lower()}{text[1:]}", country, ("Battles", "Armed clash"))
    assert (coding.actor1, coding.actor2) == (actor1, actor2)


def test_actors_signs_of_organised_crime_are_read_in_all_the_incidents_sentences():
    told = "On 4 May 2020, a driver was found dead in Colonia Tulo."
    context = told + " Relatives said he had been kidnapped two days earlier."
    event = ("Violence against civilians", "Attack")
    found = find_actors(told, _LEXICON, country="MX", day=_DAY, event=event, context=context)
    assert found.coding.actor1 == "Unidentified Gang (Mexico)"
    alone = find_actors(told, _LEXICON, country="MX", day=_DAY, event=event, context=told)
    assert alone.coding.actor1 == "Unidentified Armed Group (Mexico)"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("members of the Comando Vermelho", "CV: Red Command"),
        ("the Red Command faction", "CV: Red Command"),
        ("First Capital Command gunmen", "PCC: First Capital Command"),
    ],
)
def test_actors_brazils_drug_factions_by_name(phrase, name):
    assert acled_actor(phrase, _LEXICON, country="BR", day=_DAY) == name


# Violence against civilians and looting: forces the note tells doing it are the doer, not an unidentified
# armed group; forces told as a source, as kin or as hit are not. text, country, event, actor1
FORCES_TOLD_DOING = [
    (
        "On 3 May 2021, a soldier on patrol shot a herder near Lumo. The herder died.",
        "NG",
        ("Violence against civilians", "Attack"),
        "Military Forces of Nigeria (2015-)",
    ),
    (
        "On 3 May 2021, a detainee in Lumo was beaten by Oromo regional special police, relatives said.",
        "ET",
        ("Violence against civilians", "Attack"),
        "Police Forces of Ethiopia (2018-) Oromo Regional Special Forces",
    ),
    (
        "On 3 May 2021, troops (a local unit) burnt four shops in Lumo market.",
        "NG",
        ("Strategic developments", "Looting/property destruction"),
        "Military Forces of Nigeria (2015-)",
    ),
    (
        "On 3 May 2021, a trader was found shot dead in Lumo. Police said the motive was unknown.",
        "NG",
        ("Violence against civilians", "Attack"),
        "Unidentified Armed Group (Nigeria)",
    ),
    (
        "On 3 May 2021, a trader, the brother of a soldier, was shot dead in Lumo.",
        "NG",
        ("Violence against civilians", "Attack"),
        "Unidentified Armed Group (Nigeria)",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1"), FORCES_TOLD_DOING)
def test_actors_forces_told_doing_violence_against_civilians_did_it(text, country, event, actor1):
    assert _coding(text, country, event).actor1 == actor1


@pytest.mark.parametrize(
    ("text", "country", "event", "actor1"),
    [
        # "to death" between the deed and its doer; guards and a gendarmerie as the forces that acted
        (
            "On 3 May 2021, an inmate was tortured to death by prison guards in Lumo.",
            "KH",
            ("Violence against civilians", "Attack"),
            "Police Forces of Cambodia (1993-) Prison Guards",
        ),
        (
            "On 3 May 2021, migrants crossing near Lumo were caught by Iranian border guards and beaten.",
            "IR",
            ("Violence against civilians", "Attack"),
            "Police Forces of Iran (1989-) Islamic Republic of Iran Border Guard Command",
        ),
        (
            "On 3 May 2021, the gendarmerie arrested 40 smugglers in Lumo.",
            "SN",
            ("Strategic developments", "Arrests"),
            "Military Forces of Senegal (2012-) Gendarmerie",
        ),
    ],
)
def test_actors_guards_and_gendarmerie_are_read_as_state_forces(text, country, event, actor1):
    assert _coding(text, country, event).actor1 == actor1


@pytest.mark.parametrize(
    ("phrase", "country", "name"),
    [
        # foreign forces told by their state's adjective, one word or two
        ("Cambodian troops", "TH", "Military Forces of Cambodia (1993-)"),
        ("Tanzanian police", "KE", "Police Forces of Tanzania (2015-)"),
        ("South Sudanese soldiers", "SD", "Military Forces of South Sudan (2011-)"),
        ("Sudanese soldiers", "SS", "Military Forces of Sudan (2019-)"),
    ],
)
def test_actors_foreign_forces_are_named_for_their_adjectives_state(phrase, country, name):
    assert acled_actor(phrase, _LEXICON, country=country, day=_DAY) == name


def test_actors_a_crowd_of_foreigners_is_named_for_their_state():
    text = "On 3 May 2021, Bolivian nationals protested at the border post near Lumo over new fees."
    assert _coding(text, "CL", ("Protests", "Peaceful protest")).actor1 == "Protesters (Bolivia)"


# Widely known armed groups of many conflicts, named in a sentence, are read by ACLED's name for them.
# text, country, event, actor1
KNOWN_GROUP_ACTED = [
    (
        "On 4 June 2020, Maoists torched three road-building trucks near Kerpani village.",
        "IN",
        ("Violence against civilians", "Attack"),
        "CPI (Maoist): Communist Party of India (Maoist)",
    ),
    (
        "On 4 June 2020, FDLR rebels raided the cattle enclosures of Mbiro hamlet.",
        "CD",
        ("Violence against civilians", "Looting/property destruction"),
        "FDLR: Democratic Forces for the Liberation of Rwanda",
    ),
    (
        "On 4 June 2020, anti-balaka militiamen burnt down several huts in Sobo.",
        "CF",
        ("Violence against civilians", "Attack"),
        "Anti-Balaka",
    ),
    (
        "On 4 June 2020, fighters of al-Qaeda in the Islamic Maghreb kidnapped a driver near Tessit.",
        "ML",
        ("Violence against civilians", "Abduction/forced disappearance"),
        "AQIM: Al Qaeda in the Islamic Maghreb",
    ),
    (
        "On 4 June 2020, Kataib Hezbollah fired rockets at a supply convoy outside Qaram.",
        "IQ",
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        "Kataib Hezbollah",
    ),
    (
        "On 4 June 2020, RENAMO gunmen ambushed a bus on the road to Muvara.",
        "MZ",
        ("Violence against civilians", "Attack"),
        "RENAMO: Mozambican National Resistance",
    ),
]


@pytest.mark.parametrize(("text", "country", "event", "actor1"), KNOWN_GROUP_ACTED)
def test_actors_widely_known_groups_take_acleds_name(text, country, event, actor1):
    assert _coding(text, country, event).actor1 == actor1


# Words that name such a group only in one country or in a longer name name none elsewhere
@pytest.mark.parametrize(
    ("phrase", "country"),
    [
        ("Maoists", "NP"),  # Nepal's Maoists are a party of their own
        ("JEM", "PK"),  # no bare initials shared by two groups
        ("3R", "GB"),  # "3R" names the group only before a word for fighters
        ("CMA", "ML"),
        ("NRF", "AF"),
        ("MEND", "NG"),
    ],
)
def test_actors_ambiguous_initials_of_known_groups_name_no_group(phrase, country):
    assert acled_actor(phrase, _LEXICON, country=country) is None


def test_actors_a_group_within_a_longer_name_yields_to_it():
    assert acled_actor("Hezbollah fighters", _LEXICON, country="LB") == "Hezbollah"
    assert acled_actor("al-Qaeda militants", _LEXICON, country="YE") == "Al Qaeda"


@pytest.mark.parametrize(
    ("phrase", "name"),
    [
        ("Pakistani Taliban fighters", "TTP: Tehreek-i-Taliban Pakistan"),
        ("Tehrik-i-Taliban Pakistan militants", "TTP: Tehreek-i-Taliban Pakistan"),
        ("Taliban fighters", "Taliban"),
    ],
)
def test_actors_a_group_whose_name_holds_another_groups_word_is_read_by_its_own(phrase, name):
    assert acled_actor(phrase, _LEXICON, country="PK") == name

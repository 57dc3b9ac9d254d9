"""The category of a victim phrase, on sentences written for these tests."""

from __future__ import annotations

import pytest

from conflictdb.extract.casualties.figures import find_figures
from conflictdb.extract.casualties.lexicon import load_casualty_lexicon
from conflictdb.extract.casualties.numbers import load_number_grammar
from tests.splitter import data_nlp

LEXICON = load_casualty_lexicon(numbers=load_number_grammar())
NLP = data_nlp()
CIV, MIL, SEC, FOR, UNS = "civilians", "militants", "security_forces", "foreign_forces", "unspecified"


def categories(text: str, country: str | None = None) -> list[tuple[str, int | None]]:
    """(category, min) of every figure of `text` that is not a sub-count, in order."""
    found = find_figures(NLP(text)[:], LEXICON, country=country)
    return [(m.figure.category.value, m.figure.min) for m in found if not m.figure.part_of_total]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list of victims from two sides, with one number, is no side's
        ("Over 60 herders and soldiers died when raiders overran the camp at Tombel.", [(UNS, 60)]),
        ("The fighting left 25 rebels and policemen dead near Korvan.", [(UNS, 25)]),
        ("Some 40 guerrillas or villagers were killed in the bombing of Aldo Ridge.", [(UNS, 40)]),
        # ... but one side's words in a list stay that side's
        ("Twelve gendarmes and border guards were killed at the Vessan post.", [(SEC, 12)]),
        ("Nine women and children were killed when the shell hit the Pelmar market.", [(CIV, 9)]),
        ("The mortar killed 14 residents and their relatives in Osk.", [(CIV, 14)]),
        # forces of two states sharing one complement stay forces
        ("Its fighters killed 8 officers and soldiers of the occupying forces.", [(FOR, 8)]),
    ],
)
def test_a_list_of_two_sides_is_unspecified(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the head of a compound decides over a civilian modifier
        ("A roadside bomb wounded three members of the civilian defence force in Ruvo.", [(SEC, 3)]),
        ("The rocket killed two women soldiers at the Darnel base.", [(SEC, 2)]),
        ("Four local gunmen were killed in the ambush near Haro.", [(MIL, 4)]),
        # ... and a civilian head keeps its category
        ("Five army wives were wounded when the shell landed on the barracks market.", [(CIV, 5)]),
    ],
)
def test_the_head_of_a_compound_decides(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a member word takes the category of the body it belongs to
        ("At least 17 students from the naval academy were killed in the raid on Pesk.", [(SEC, 17)]),
        ("Six students of the police were killed when the bus was bombed.", [(SEC, 6)]),
        ("Eleven members of the Tovar militia were killed overnight.", [(MIL, 11)]),
        ("Gunmen killed 6 members of a large family in Tosk.", [(CIV, 6)]),  # one modifier between
        # kin of fighters are civilians; a member of a civilian body stays civilian
        ("The strike killed seven relatives of soldiers in Omba.", [(CIV, 7)]),
        ("Nine students from the medical school were wounded in the shelling.", [(CIV, 9)]),
        ("Gunmen killed four workers from the cement plant near Lesk.", [(CIV, 4)]),
        ("Police said 4 people from the village were killed.", [(UNS, 4)]),
    ],
)
def test_a_member_word_takes_its_body(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("words", "category"),
    [
        ("commuters", CIV),
        ("inhabitants", CIV),
        ("market-goers", CIV),
        ("parishioners", CIV),
        ("migrants", CIV),
        ("inmates", CIV),
        ("firefighters", CIV),
        ("monks", CIV),
        ("tourists", CIV),
        ("paramilitaries", SEC),
        ("prison guards", SEC),
        ("cattle rustlers", MIL),
        ("Maoists", MIL),
        ("relief agency staff", CIV),
        ("foreign nationals", CIV),
        ("hired mercenaries", FOR),
    ],
)
def test_victim_word_classes(words: str, category: str):
    assert categories(f"Fourteen {words} were killed when the convoy was hit near Marsk.") == [(category, 14)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apposition that names them all
        ("Nine people, all of them civilians, were killed when the bridge at Kovra was shelled.", [(CIV, 9)]),
        ("The raid killed 15 people, all believed to be rebels, near Mesk.", [(MIL, 15)]),
        ("Six men, all of whom were policemen, were killed at the Dern checkpoint.", [(SEC, 6)]),
        # what they were doing when hit makes them civilians
        ("A shell killed 11 people queuing for bread in Tolva.", [(CIV, 11)]),
        ("The drone killed eight persons attending a funeral in Iska.", [(CIV, 8)]),
        ("The strike killed 20 people who had gathered for a wedding in Barn.", [(CIV, 20)]),
        # a part ("mostly", "including") says nothing of all of them; nor does a place
        ("The strike killed 14 people, mostly women and children, in Dost.", [(UNS, 14)]),
        ("Ten people, including four soldiers, were killed in the blast.", [(UNS, 10)]),
        ("The mine killed seven people inside the car at Ulm.", [(UNS, 7)]),
    ],
)
def test_victims_described_after_them(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The civilian death toll in Parvi rose to 31 on Sunday, medics said.", [(CIV, 31)]),
        ("A mayor put the civilian toll at between 12 and 18.", [(CIV, 12)]),
        ("The army's death toll from the ambush stands at 9.", [(SEC, 9)]),
        ("The death toll from the blast rose to 27.", [(UNS, 27)]),
        # a toll counts all the dead, not the group named before it
        ("Four guards were killed, and the death toll later rose to 11.", [(SEC, 4), (UNS, 11)]),
    ],
)
def test_a_toll_named_by_the_word_before_it(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


def test_a_victim_name_may_hold_a_stop_word():
    text = "Raiders near Tansk shot three Volunteers for the Defence of the Homeland dead on Friday."
    assert categories(text, country="BF") == [(SEC, 3)]


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # forces with no nationality of their own belong to the state whose voice tells of them
        ("The Turkish military said three soldiers were killed in the raid on Zelk.", "IQ", [(FOR, 3)]),
        ("Kenyan army sources said four soldiers died when the convoy hit a mine.", "SO", [(FOR, 4)]),
        ("Nigerian officials said six soldiers were killed near Gava.", "NG", [(SEC, 6)]),
        # ... not when the nationality is the attacker's, or the sentence names another state
        ("Turkish drones killed three soldiers near Zelk.", "IQ", [(SEC, 3)]),
        ("The Russian army said Ukrainian units lost 40 soldiers near Vorn.", "UA", [(SEC, 40)]),
    ],
)
def test_forces_of_the_state_that_tells_of_them(text: str, country: str, expected: list[tuple[str, int]]):
    assert categories(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # the nationality of the troops against the country of the incident
        ("Two Eritrean soldiers were killed in the shelling of Dorra.", "ET", [(FOR, 2)]),
        ("Seven Ethiopian soldiers were killed in the shelling of Dorra.", "ET", [(SEC, 7)]),
        ("Six Tanzanian soldiers were wounded near the Kivo bridge.", "CD", [(FOR, 6)]),
        ("Two North Korean soldiers died in the drone strike on Velsk.", "RU", [(FOR, 2)]),
        ("Three Fijian peacekeepers were hurt when a shell hit their post.", "LB", [(FOR, 3)]),
        ("Five Senegalese soldiers were killed in the raid on Brefet.", "GM", [(FOR, 5)]),
        # a state's name with "'s" gives its voice: its soldiers abroad are foreign forces
        ("Israel's army said two soldiers were killed near Beit Orra.", "PS", [(FOR, 2)]),
        ("Ukraine's military said 14 soldiers were wounded near Selo.", "UA", [(SEC, 14)]),
        # named forces of another state, whatever the noun after them
        ("Three Africa Corps fighters died in the raid on Tessal.", "ML", [(FOR, 3)]),
        ("Eleven Wagner fighters were killed near the Anef wells.", "ML", [(FOR, 11)]),
        ("Four MINUSCA peacekeepers were wounded in the ambush.", "CF", [(FOR, 4)]),
        # pro-government militias are the state's side
        ("Three Wazalendo fighters were killed in the hills above Kamo.", "CD", [(SEC, 3)]),
        ("The clash left 14 regime fighters and nine jihadists dead.", "SY", [(SEC, 14), (MIL, 9)]),
    ],
)
def test_whose_forces_they_are(text: str, country: str, expected: list[tuple[str, int]]):
    assert categories(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # civilians by their work, age or plight: a figure of its own, not only a category
        ("Three schoolteachers were killed when the bus was stopped at Ombe.", [(CIV, 3)]),
        ("Four hawkers died when the shell hit the Tarsa market.", [(CIV, 4)]),
        ("Six pastoralists were killed in the raid on their camp.", [(CIV, 6)]),
        ("Eight orphans were wounded when the shelter was hit.", [(CIV, 8)]),
        ("Five boatmen were killed when the drone struck the jetty.", [(CIV, 5)]),
        ("Three ambulance crew members were killed on the road to Pesh.", [(CIV, 3)]),
        # members of armed groups, named or not
        ("Security forces killed nine terrorist operatives in the raid.", [(MIL, 9)]),
        ("Troops killed 12 ISKP fighters in the valley.", [(MIL, 12)]),
        ("Soldiers killed seven Fano militiamen near Debre Selam.", [(MIL, 7)]),
    ],
)
def test_victim_words_worldwide(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # a state's own force by its name is forces of that state
        ("Three IRGC members were killed in the strike on the Harra depot.", "SY", [(FOR, 3)]),
        ("Two Revolutionary Guards were wounded near the border post.", "IR", [(SEC, 2)]),
        # a group's epithet for the forces it fights: forces with a nationality, no one alone
        ("The group said it killed five Rwandan crusaders near Marra.", "MZ", [(FOR, 5)]),
        ("The group said it killed 12 apostates in the raid on Tuvo.", "MZ", [(UNS, 12)]),
    ],
)
def test_named_forces_and_epithets(text: str, country: str, expected: list[tuple[str, int]]):
    assert categories(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an apposition at the end of the victims' clause names them all
        ("Twelve people were killed in the raid on Oska, all of them civilians.", [(CIV, 12)]),
        ("Nine people died at the checkpoint, all of whom were policemen.", [(SEC, 9)]),
        # ... not when another victim word stands between them
        ("Nine people were killed by the rebels, all of them from Oska.", [(UNS, 9)]),
        ("Four people died and two soldiers were hurt, all of them civilians.", [(UNS, 4), (SEC, 2)]),
    ],
)
def test_an_apposition_after_the_clause(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # a forces word right before a trade makes it the force's own
        ("Two military engineers were killed when the mine went off near Tessit.", "ML", [(SEC, 2)]),
        ("Three army medics were wounded in the shelling of the field post.", "UA", [(SEC, 3)]),
        # ... not before kin, nor with a word between them
        ("Five police widows were wounded when the shell hit the compound.", "PK", [(CIV, 5)]),
        ("Six military hospital patients were killed in the strike.", "SY", [(CIV, 6)]),
        # a state's name that tells of soldiers without a nationality: its own
        ("Russia said the strike on Selo killed 63 of its soldiers.", "UA", [(FOR, 63)]),
        ("Two soldiers were killed near Beit Orra, Israel said.", "PS", [(FOR, 2)]),
        ("Ukraine said 14 soldiers were wounded near Selo.", "UA", [(SEC, 14)]),
        # ... not when the state tells of its own blows
        ("Russia said it had killed 30 soldiers near Selo.", "UA", [(SEC, 30)]),
    ],
)
def test_trades_of_a_force_and_states_that_speak(text: str, country: str, expected: list[tuple[str, int]]):
    assert categories(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # people by faith or people: a figure, nothing said of whether they were armed
        ("Twelve Christians were killed when raiders burned the chapel at Odo.", [(UNS, 12)]),
        ("Gunmen killed 14 Hazaras on the road to Sarin.", [(UNS, 14)]),
        ("Twelve Christian villagers were killed in the raid.", [(CIV, 12)]),
        ("Nine Dozo hunters were killed in the clash near Tenk.", [(MIL, 9)]),
        # "martyrs" count the dead by themselves, of no side
        ("The toll rose to 11 martyrs and 19 wounded, the hospital said.", [(UNS, 11), (UNS, 19)]),
        ("Three martyrs were buried in Asra on Friday.", [(UNS, 3)]),
    ],
)
def test_peoples_and_martyrs(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected


@pytest.mark.parametrize(
    ("text", "country", "expected"),
    [
        # an apposition after a bracketed acronym still describes the victims before it
        (
            "Four members of the Hill Guard (HG), a village militia paid by the state, were killed at Tenk.",
            "BF",
            [(SEC, 4)],
        ),
        # a name and an age in an apposition are no count of their own
        ("A herder, Oumar Sall, 47, and his two sons were killed near Dori.", None, [(CIV, 3)]),
        ("A teacher, Mrs Efua Mensah (52), was wounded in the blast.", None, [(CIV, 1)]),
        # ... a speaker after the victims is no apposition
        ("Gunmen killed two soldiers, Colonel Bako said.", None, [(SEC, 2)]),
        # "all (of them) civilians" after a bare count names it, and what follows it in the sentence
        ("The strike killed 12, all of them civilians.", None, [(CIV, 12)]),
        (
            'He put the toll at "about forty dead, all civilians" and at least 9 wounded.',
            None,
            [(CIV, 40), (CIV, 9)],
        ),
        # ... "most of them" does not
        ("The strike killed 12, most of them civilians.", None, [(UNS, 12)]),
    ],
)
def test_appositions_that_name_the_victims(text: str, country: str | None, expected: list[tuple[str, int]]):
    assert categories(text, country=country) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N of them" with no toll before it in the sentence counts the group named before it
        ('The group said it ambushed "infidel soldiers" and killed 14 of them.', [(SEC, 14)]),
        ("Raiders stopped a lorry carrying 25 porters and killed 9 of them.", [(CIV, 9)]),
        ("Nine of them were wounded in the second blast.", [(UNS, 9)]),
        # ... after a toll it stays a part of it
        ("The raid killed 9 people, four of them children.", [(UNS, 9)]),
    ],
)
def test_a_count_of_a_group_named_before(text: str, expected: list[tuple[str, int]]):
    assert categories(text) == expected

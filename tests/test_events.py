"""Tests for conflictdb.extract.events: event cues and ACLED sub-event types."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.datafiles import load_yaml
from conflictdb.extract.events import (
    choose_event,
    classify_event,
    classify_text,
    find_event_cues,
    load_acled_taxonomy,
    load_event_lexicon,
    split_event_cues,
    victim_kind,
    weapon_from_context,
)
from tests.conftest import floors, shared_or_skip

FLOORS = floors("acled_dev_events")

AIR = "Air/drone strike"
SHELL = "Shelling/artillery/missile attack"
IED = "Remote explosive/landmine/IED"
SUICIDE = "Suicide bomb"
CLASH = "Armed clash"
ABDUCTION = "Abduction/forced disappearance"
OVERTAKE = "Non-state actor overtakes territory"
EXCESSIVE = "Excessive force against protesters"
ATTACK = "Attack"
DISRUPTED = "Disrupted weapons use"


_LEXICON = load_event_lexicon()


@pytest.fixture(scope="module")
def lexicon():
    return _LEXICON


# incident text, expected sub-event type, words of the deciding cue (None: do not check)
CASES = [
    # Syria
    ("Regime helicopters dropped barrel bombs on Daraya, killing 12 civilians.", AIR, "barrel bombs"),
    ("Russian warplanes struck a market in Idlib province on Monday.", AIR, "warplanes"),
    ("Government artillery shelled rebel-held districts of eastern Ghouta.", SHELL, None),
    ("A chlorine gas attack on Douma left dozens suffocating.", "Chemical weapon", None),
    ("Rebels clashed with government troops near Aleppo; jets provided air support.", CLASH, "clashed"),
    # Yemen
    ("Saudi-led coalition air strikes hit a wedding in Hajjah, killing 20.", AIR, "air strikes"),
    ("Houthi rebels fired a ballistic missile at Marib city.", SHELL, None),
    ("A US drone strike killed three suspected al-Qaeda militants in Shabwa.", AIR, "drone strike"),
    ("Houthi fighters and pro-government forces fought for control of the port.", CLASH, None),
    # Somalia
    ("An al-Shabaab suicide bomber drove a car laden with explosives into a hotel gate.", SUICIDE, None),
    ("A car bomb parked outside a restaurant exploded in Mogadishu.", IED, "car bomb"),
    ("Al-Shabaab fighters stormed a military base in Lower Shabelle, killing 15 soldiers.", CLASH, None),
    ("A roadside bomb hit an AMISOM convoy near Afgoye.", IED, "roadside bomb"),
    ("Gunmen shot dead a journalist outside his home in Mogadishu.", ATTACK, None),
    # Nigeria
    ("Two female suicide bombers blew themselves up in a crowded market in Maiduguri.", SUICIDE, None),
    ("Boko Haram gunmen abducted 276 schoolgirls from their dormitory in Chibok.", ABDUCTION, None),
    ("Boko Haram militants ambushed a military convoy, killing seven soldiers.", CLASH, None),
    ("Gunmen killed 30 villagers and burned homes in a raid on the village.", ATTACK, None),
    ("A Nigerian Air Force jet mistakenly bombed a camp for displaced people.", AIR, None),
    # Sahel
    ("Jihadists ambushed a Malian army patrol near Mopti, killing 12 soldiers.", CLASH, "ambushed"),
    ("Suspected jihadists attacked the village and executed 40 men.", ATTACK, None),
    ("Burkinabe soldiers clashed with militants near Djibo.", CLASH, "clashed"),
    ("A landmine killed four soldiers travelling between Gao and Ansongo.", IED, "landmine"),
    ("Militants overran an army outpost and seized control of the town.", OVERTAKE, None),
    # Ukraine
    ("Russian forces shelled residential areas of Kharkiv overnight.", SHELL, None),
    ("A Russian missile strike on a shopping centre in Kremenchuk killed 18 people.", SHELL, None),
    ("Shahed drones hit energy infrastructure in Odesa, causing fires.", AIR, None),
    ("Air defences shot down 20 of 25 drones over Kyiv, officials said.", "Disrupted weapons use", None),
    ("Ukrainian artillery pounded Russian positions near Bakhmut.", SHELL, None),
    ("A Russian glide bomb dropped by a fighter jet hit an apartment block.", AIR, None),
    ("Ukrainian troops recaptured the village after heavy fighting.", "Government regains territory", None),
    # Gaza / Israel
    ("Israeli air strikes flattened a residential building in Khan Younis.", AIR, "air strikes"),
    ("Hamas fired a barrage of rockets at southern Israel.", SHELL, None),
    ("An Israeli drone fired a missile at a car in Rafah, killing two men.", AIR, None),
    ("Israeli tank fire killed three Palestinians near the border fence.", SHELL, None),
    # Myanmar
    ("Junta aircraft bombed a school in Sagaing region, killing 11 children.", AIR, None),
    ("Myanmar army jets carried out air strikes on a village celebration.", AIR, None),
    ("Resistance fighters clashed with junta troops in Kayah state.", CLASH, None),
    ("Soldiers torched hundreds of houses in the village.", "Looting/property destruction", None),
    # Iraq
    ("An IED exploded near an Iraqi army patrol in Tarmiyah, wounding three soldiers.", IED, "IED"),
    ("A suicide bomber detonated his explosive vest in a Baghdad market.", SUICIDE, None),
    ("Katyusha rockets struck near the US embassy in Baghdad's Green Zone.", SHELL, None),
    ("A magnetic bomb attached to a car exploded in Kirkuk.", IED, None),
    ("Police defused a roadside bomb on the road to Samarra.", "Disrupted weapons use", None),
    # Afghanistan / Pakistan
    ("The attacker rammed an explosives-packed truck into a column of foreign troops.", SUICIDE, None),
    ("US fighter jets carried out an airstrike in Kandahar, leaving four dead.", AIR, None),
    ("Taliban militants stormed an army outpost, killing three soldiers.", CLASH, None),
    ("Unknown gunmen shot dead a tribal elder in Kandahar city.", ATTACK, None),
    ("Mortar rounds fired by militants landed in a residential area of Kabul.", SHELL, None),
    ("A hand grenade was thrown at a police vehicle in Peshawar.", "Grenade", None),
    ("A drone strike in North Waziristan killed four militants.", AIR, None),
    ("Taliban militants took 40 travellers hostage in Jaghatu.", ABDUCTION, None),
    ("Nineteen policemen switched sides and went over to the Taliban.", "Change to group/activity", None),
    ("Forty Islamic State fighters surrendered to Afghan forces in Kunar.", "Agreement", None),
    ("Police arrested three men suspected of planning attacks in Quetta.", "Arrests", None),
    ("Militants fired a rocket-propelled grenade at an army checkpoint.", SHELL, None),
    ("Airstrikes supported Afghan commandos during heavy clashes with the Taliban.", CLASH, None),
    ("A bomb hidden in a motorcycle exploded near a mosque in Quetta.", IED, None),
    ("Residents protested against the rising insecurity in the city.", "Peaceful protest", None),
    ("Police fired tear gas to disperse protesters in Lahore.", "Protest with intervention", None),
    ("A mob lynched a man accused of blasphemy.", "Mob violence", None),
    ("Security forces killed 12 protesters with live ammunition.", EXCESSIVE, None),
    # who was hit decides Attack or Armed clash when both civilians and combatants are named
    ("Militants armed with machetes hacked nine farmers to death near Beni.", ATTACK, None),
    ("Jihadists attacked a convoy of traders near Djibo, killing 11.", ATTACK, None),
    ("Soldiers opened fire on villagers at a checkpoint, killing six.", ATTACK, None),
    ("A shepherd was killed by a militant near the army base.", ATTACK, None),
    ("Two policemen and a civilian were killed when gunmen attacked a checkpoint.", CLASH, None),
    ("Vigilantes repelled the bandits, losing two of their men in the fighting.", CLASH, None),
    ("A military jet dropped bombs on the market, killing nine people.", AIR, None),
    ("Russia said a high-precision strike destroyed a depot.", AIR, "precision strike"),
    ("Missiles hit a school; the air force said it could not intercept them.", SHELL, None),
    ("The air force bombed rebel positions in the hills.", AIR, None),
    ("The committee met to discuss the budget.", "Other", None),
]


@pytest.mark.parametrize(("text", "sub_event_type", "cue_words"), CASES)
def test_events_classify(lexicon, text, sub_event_type, cue_words):
    result = classify_text(text, lexicon)
    assert result.sub_event_type == sub_event_type, result
    if cue_words is not None:
        assert result.cue is not None and result.cue.text == cue_words


def test_events_taxonomy_is_read_by_one_loader(lexicon, tmp_path):
    """The lexicon's taxonomy is load_acled_taxonomy's (the store reads it there too), each sub-event type
    under its event type; the loader reads the data folder it is given."""
    taxonomy = load_acled_taxonomy()
    assert lexicon.taxonomy == taxonomy
    assert {sub: event for event, subs in taxonomy.items() for sub in subs} == lexicon.event_types
    (tmp_path / "acled_taxonomy.yaml").write_text("Riots:\n  - Mob violence\n", encoding="utf-8")
    assert dict(load_acled_taxonomy(tmp_path)) == {"Riots": ("Mob violence",)}


def test_events_event_type_matches_taxonomy(lexicon):
    taxonomy = load_yaml("acled_taxonomy.yaml")
    for text, sub_event_type, _ in CASES:
        result = classify_text(text, lexicon)
        assert result.sub_event_type in taxonomy[result.event_type]
        assert sub_event_type in {s for subs in taxonomy.values() for s in subs}


def test_events_deciding_cue_is_in_text(lexicon):
    text = "A suicide bomber blew himself up at a checkpoint, then gunmen opened fire on the guards."
    result = classify_text(text, lexicon)
    assert result.sub_event_type == SUICIDE and result.rule == "suicide_bomb"
    assert text[result.cue.start : result.cue.end] == result.cue.text == "suicide bomber"


def test_events_longest_cue_wins(lexicon):
    kinds = {c.kind for c in find_event_cues("They fired a rocket-propelled grenade.", lexicon)}
    assert "rocket" in kinds and "grenade" not in kinds


def test_events_perpetrator_phrase_is_not_a_target(lexicon):
    cues = find_event_cues("Three boys were wounded by Afghan forces fire near the Faryab capital.", lexicon)
    assert "target_combatant" not in {c.kind for c in cues}
    assert classify_event(cues, lexicon).sub_event_type == ATTACK


def test_events_battle_far_away_is_not_air_support(lexicon):
    text = (
        "An Israeli air strike on a house in Rafah killed 14 members of one family, health officials said. "
        "Rescuers were still digging through the rubble of the three-storey building for others on "
        "Thursday evening, a civil defence spokesman said. Relatives gathered outside the hospital, where "
        "doctors said the morgue was full. Separately, the military said two soldiers were "
        "killed in fighting in Khan Younis."
    )
    assert classify_text(text, lexicon).sub_event_type == AIR
    assert classify_text("Clashes raged as air strikes hit the town.", lexicon).sub_event_type == CLASH


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("Gunmen killed 14 villagers and two soldiers.", None),
        ("Gunmen killed 14 villagers near an army post.", "target_civilian"),
        ("Four soldiers were wounded by a bomb near a school.", "target_combatant"),
    ],
)
def test_events_victim_of_violent_verb(lexicon, text, victim):
    assert victim_kind(find_event_cues(text, lexicon), lexicon.victim) == victim


def test_events_acled_dev_accuracy(lexicon):
    acled_dev = shared_or_skip("corpus", "acled-dev")
    rows = [json.loads(line) for line in (acled_dev / "expected.jsonl").read_text().splitlines() if line]
    right = 0
    for row in rows:
        text = (acled_dev / "articles" / f"{row['id']}.txt").read_text(encoding="utf-8")
        right += classify_text(text, lexicon).sub_event_type == row["sub_event_type"]
    assert right / len(rows) >= FLOORS["sub_event_type"]


# the frame of words a cue is in: each text, its sub-event type and the deciding cue's words (None: no check)
FRAME_CASES = [
    # a cause told beside the event is another event
    (
        "Jets struck two villages near Tarvel, killing nine, in retaliation for a rocket attack on a port.",
        AIR,
        "Jets struck",
    ),
    ("Warplanes hit the depot after the army said it responded to mortar fire from the hills.", AIR, None),
    ("The air raid came after weeks of shelling of the port, officials said.", AIR, "air raid"),
    # the war around the event is no battle it is part of
    ("Families displaced by clashes in the hills were shot dead at the ford.", ATTACK, None),
    ("Villagers fleeing the fighting near Osk were hit by an air strike.", AIR, None),
    (
        "An air strike hit a bus station in Orlec amid the fiercest fighting in the province this year.",
        AIR,
        None,
    ),
    ("Drones struck a fuel depot as fighting intensified along the northern front.", AIR, None),
    (
        "The valley has witnessed heavy clashes for months. A drone strike hit a wedding there on Sunday.",
        AIR,
        None,
    ),
    # but a battle told with the strike is the battle
    ("Rangers backed by helicopters fought the rebels for hours near the dam.", CLASH, None),
    ("Commandos, supported by air strikes, killed 14 insurgents in a night raid.", CLASH, None),
    ("The two armies exchanged artillery fire across the river, killing four soldiers.", CLASH, None),
    # gunfire in the same sentence as an explosive makes it a fight
    ("Rebels fired grenade launchers and small arms at army positions near Telka.", CLASH, None),
    ("Bandits lobbed a grenade into the crowd at the bus stop, wounding six.", "Grenade", None),
    (
        "A grenade exploded at a checkpoint. Later that night, gunfire was heard in another district.",
        "Grenade",
        None,
    ),
    # weapons that are not explosives, warnings that are not strikes, interceptions that still hit
    ("Youths threw petrol bombs at the mayor's office, injuring two guards.", CLASH, None),
    ("Air raid sirens wailed for an hour as missiles landed in the suburbs, killing three.", SHELL, None),
    ("Rockets hit two houses in the town although air defences intercepted most of the salvo.", SHELL, None),
    (
        "Air defences intercepted all twelve drones over the capital, the ministry said.",
        "Disrupted weapons use",
        None,
    ),
    (
        "Militants fired a salvo of rockets at Dova overnight. Most were intercepted and no one was hurt.",
        SHELL,
        None,
    ),
    # seizing goods is no territory; a place taken is
    (
        "Customs police forces seized three tonnes of cocaine at the port; two men were arrested.",
        "Arrests",
        None,
    ),
    ("Government troops captured Marzeh after a week-long siege.", "Government regains territory", None),
    # a massacre in a village taken is an attack on its people
    ("Militiamen took control of the village and killed 25 farmers.", ATTACK, None),
    # harm denied, explosions that did not happen, bombers stopped
    (
        "Engineers defused a bomb under the bridge before it could explode. No injuries were reported.",
        "Disrupted weapons use",
        None,
    ),
    ("Guards shot dead a suicide bomber at the gate of the ministry.", CLASH, None),
    ("Fighter jets were dropping bombs on the hills above Sarn.", AIR, None),
    ("A guided aerial bomb hit a supermarket in Oreshne, wounding eleven shoppers.", AIR, None),
    # weapons as word classes: a bomber who is a person carries the bomb, an aircraft drops it
    ("Two child bombers killed nine people at the gate of the Sarn camp.", SUICIDE, "child bombers"),
    ("A woman strapped with explosives killed five traders in the market.", SUICIDE, None),
    ("Heavy bombers struck the rail yard at Velk.", AIR, None),
    ("Government planes bombed the market town of Irsk.", AIR, "planes bombed"),
    ("Guided bombs fell on a housing block in Orlec.", AIR, None),
    # a state's forces that bomb strike from the air; a military base that was bombed says nothing of how
    ("The army bombed the hamlet of Sefa, killing eleven herders.", AIR, "army bombed"),
    ("The regime heavily bombed the river port.", AIR, None),
    ("Velkan military depot bombed overnight.", "Other", None),
    # one shell that struck is shelling, a shell company is not
    ("A shell fired from the ridge hit the clinic, killing a nurse.", SHELL, None),
    ("The firm was a shell for smugglers, the court heard.", "Other", None),
]


@pytest.mark.parametrize(("text", "sub_event_type", "cue_words"), FRAME_CASES)
def test_events_frame_of_words(lexicon, text, sub_event_type, cue_words):
    result = classify_text(text, lexicon)
    assert result.sub_event_type == sub_event_type, result
    if cue_words is not None:
        assert result.cue is not None and result.cue.text == cue_words


@pytest.mark.parametrize(
    ("text", "rule", "cue_words"),
    [
        # the strongest kind of a rule's `when` decides, wherever it stands in the text
        (
            "Three policemen were killed when insurgents attacked their post.",
            "attack_on_combatants",
            "attacked",
        ),
        ("Four soldiers died in an ambush near the pass.", "attack_on_combatants", "ambush"),
        (
            "Two traders were wounded and later died after gunmen opened fire on the market.",
            "attack_on_civilians",
            "gunmen",
        ),
    ],
)
def test_events_strongest_kind_decides(lexicon, text, rule, cue_words):
    result = classify_text(text, lexicon)
    assert (result.rule, result.cue.text) == (rule, cue_words)


def _layers(lexicon, *texts):
    """Cue layers for choose_event, each from its own text (a wider layer repeats the narrower one)."""
    return [find_event_cues(" ".join(texts[: i + 1]), lexicon) for i in range(len(texts))]


@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        # an unarmed attack takes the weapon the next layer names
        (
            (
                "Guerrillas attacked a navy base, killing two sailors.",
                "They set off a truck bomb at its gate.",
            ),
            IED,
        ),
        # but not one named only further out, in the background
        (
            (
                "Guerrillas attacked a navy base, killing two sailors.",
                "The base commander spoke to reporters.",
                "In 2019 a truck bomb destroyed a police academy.",
            ),
            CLASH,
        ),
        # or the territory it took
        (("Rebels attacked a border post, killing four guards.", "They overran the post by dawn."), OVERTAKE),
        # a toll with no kind of violence looks on
        (("Seven people died on Sunday.", "Artillery shells fell on the market."), SHELL),
        # a campaign word names no weapon: the weapon told beside it decides
        (
            (
                "Twenty pupils died in the army's offensive on the Darel school.",
                "Jets bombed the school at dawn.",
            ),
            AIR,
        ),
        (
            ("Nine guards were killed during the operation.", "A roadside bomb hit their truck."),
            IED,
        ),
        # and with no weapon told, the campaign is still a battle
        (("Nine guards were killed during the offensive.", "Officials spoke to reporters."), CLASH),
        # a kind of violence told with the toll decides
        (("A drone strike killed four fighters.", "Clashes went on in the hills nearby."), AIR),
        # nothing at all
        ((), "Other"),
    ],
)
def test_events_choose_event_by_layers(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


def test_events_cues_know_their_sentence(lexicon):
    text = "U.S. jets struck the town. Later, fighting broke out.\n\nA mortar landed nearby."
    sentences = {c.text: c.sentence for c in find_event_cues(text, lexicon)}
    assert sentences["jets struck"] == 0 and sentences["fighting"] == 1 and sentences["mortar"] == 2


def test_events_context_drops_every_layer(lexicon):
    cues = find_event_cues(
        "Troops shelled the ridge in retaliation for an ambush that killed two soldiers.", lexicon
    )
    assert {c.kind for c in cues} == {"shelling"}  # no ambush, kill or soldiers: they were the cause


@pytest.mark.parametrize(
    ("text", "told", "cause"),
    [
        (
            "Troops shelled the ridge in retaliation for an ambush that killed two soldiers.",
            {"shelling"},
            {"ambush", "kill", "target_combatant"},
        ),
        (
            "Warplanes struck the hills in response to a mortar attack that wounded a guard.",
            {"air_strike", "attack"},
            {"mortar", "harm", "target_combatant"},
        ),
        (
            "Gunmen raided a farm near the river and shot two herders.",
            {"shooting", "attack", "firing"},
            set(),
        ),
    ],
)
def test_events_context_cues_are_kept_apart(lexicon, text, told, cause):
    cues, in_context = split_event_cues(text, lexicon)
    assert cues == find_event_cues(text, lexicon)
    assert {c.kind for c in cues if c.layer == "event"} == told
    assert {c.kind for c in in_context} == cause


@pytest.mark.parametrize(
    "text",
    [
        "Doctors said three of the wounded were fighting for their lives.",
        "The group, which is fighting to topple the government, said it carried out the raid.",
    ],
)
def test_events_fighting_as_an_idiom_or_an_aim_is_no_battle(lexicon, text):
    assert "ground_battle" not in {c.kind for c in find_event_cues(text, lexicon)}


@settings(deadline=None)
@given(st.text(max_size=300))
def test_events_never_crash_and_cues_quote_text(text):
    lexicon = _LEXICON
    cues = find_event_cues(text, lexicon)
    for cue in cues:
        assert text[cue.start : cue.end] == cue.text
    classify_event(cues, lexicon)


# Session 8: generic victims, communal clashes, protests broken up or against an arrest, accusations.
MORE_CASES = [
    ("Gunmen shot dead a man outside his shop in Bukavu.", ATTACK),
    ("Unknown assailants killed two people in a village near Djibo.", ATTACK),
    ("Armed men clashed with soldiers near the river.", CLASH),
    ("Supporters of two rival parties clashed with sticks over a land dispute.", "Mob violence"),
    ("Two factions of the youth wing clashed at the party office.", "Mob violence"),
    ("Rebels clashed with soldiers over control of the mine.", CLASH),
    ("Traders protested outside the ministry and police arrested nine of them.", "Protest with intervention"),
    ("Teachers protested against the arrest of their union leader.", "Peaceful protest"),
    ("Students marched to demand the release of classmates detained last month.", "Peaceful protest"),
    ("Villagers demonstrated against the killing of a farmer by herders.", "Peaceful protest"),
    ("Police detained a man accused of attacking a bus driver.", "Arrests"),
    ("Two gangs fought a shoot-out in the market, leaving three dead.", CLASH),
    # property burned or taken, nobody hurt: property destruction; with a death it is an attack
    ("Unknown men carried out an arson attack on a sawmill near the lake.", "Looting/property destruction"),
    ("Raiders attacked the hamlet and burned several houses.", "Looting/property destruction"),
    ("Raiders attacked the hamlet, burned several houses and killed a farmer.", ATTACK),
]


# Session 23: protests told by a building held, a fast, the street taken, a crowd that gathered asking.
MORE_CASES += [
    ("Dockworkers occupied the port authority offices over unpaid allowances.", "Peaceful protest"),
    ("Nurses have taken to street in the regional capital.", "Peaceful protest"),
    ("Retired teachers began an indefinite fast outside the education office.", "Peaceful protest"),
    (
        "About 40 farmers gathered at the chief's residence, requesting compensation for flooded fields.",
        "Peaceful protest",
    ),
]


# ACLED's labels opening a note of a strategic development decide its sub-event type, whatever else it tells.
MORE_CASES += [
    ("Movement of forces: On 2 June 2021, an army column crossed the river.", "Change to group/activity"),
    ("Displacement: On 2 June 2021, 300 families fled fighting near the hills.", "Other"),
    ("Other: On 2 June 2021, the ministry suspended the local council.", "Other"),
    ("Property destruction: On 2 June 2021, gunmen burned a school.", "Looting/property destruction"),
    ("Weapons seizure: On 2 June 2021, police found a cache of rifles.", "Disrupted weapons use"),
    ("Security measures: On 2 June 2021, the district office shut the markets.", "Change to group/activity"),
    ("Looting: On 2 June 2021, gunmen took three goats from a herder.", "Looting/property destruction"),
    # the word alone, no colon after it, is no label
    ("Looting and fighting went on for a week; 9 people were killed.", CLASH),
    # people who left their homes or came back across a border, no fight told: Other
    ("On 2 June 2021, about 60 families fled their villages ahead of the floods.", "Other"),
    ("On 2 June 2021, 120 migrants from the coast returned after months abroad.", "Other"),
    # no label: what the words tell
    ("On 2 June 2021, the players could not agree with each other: on Monday they clashed.", CLASH),
]


@pytest.mark.parametrize(("text", "sub_event_type"), MORE_CASES)
def test_events_classify_more(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        # a protest broken up in a later sentence
        (
            ("Nurses held a protest in front of the hospital.", "Police dispersed the protest."),
            "Protest with intervention",
        ),
        # a protest told on its own stays peaceful
        (("Nurses held a protest in front of the hospital.", "They left at noon."), "Peaceful protest"),
    ],
)
def test_events_a_protest_takes_how_it_was_broken_up(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


# Session 9: which weapon the event's own words name.
WEAPON_CASES = [
    # missiles and drones fired together are a missile attack; a drone on its own is a drone strike
    ("Varnia hit the port of Ostrel with cruise missiles and attack drones overnight, killing three.", SHELL),
    ("The toll from Friday's missile and drone attack on Lomsk rose to seven.", SHELL),
    ("Drones and ballistic missiles struck an energy plant near Tarvo, injuring four workers.", SHELL),
    ("A combined missile-drone attack damaged a depot in Belka.", SHELL),
    ("A drone struck a minibus near Tarvo, killing two passengers.", AIR),
    ("Exploding drones hit a fuel depot in Belka overnight.", AIR),
    # a drone that fires a missile is the launcher: a drone strike
    ("A drone fired a missile at a car on the coast road, killing its driver.", AIR),
]

# a tally of a night's launches is no combined weapon: its drones stay drones
TALLIES = [
    "Varnia launched 60 drones and eight missiles overnight.",
    "Varnia launched 60 drones and eight missiles against Ostland, the air force said.",
]


@pytest.mark.parametrize("text", TALLIES)
def test_events_a_tally_of_launches_keeps_its_drones(lexicon, text):
    kinds = {c.kind for c in find_event_cues(text, lexicon)}
    assert {"drone_strike", "missile"} <= kinds


@pytest.mark.parametrize(("text", "sub_event_type"), WEAPON_CASES)
def test_events_the_weapon_the_event_names(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# Fire opened or a person shot says no weapon: a weapon told beside it decides; a gun told outright stays.
@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        (("Three farmers were shot near Kelda on Monday.", "Army tanks shelled the village at dawn."), SHELL),
        (
            ("Troops opened fire on the market, killing two traders.", "Mortar shells fell on the square."),
            SHELL,
        ),
        (("Soldiers fired at the convoy, wounding a driver.", "A drone struck the lead truck."), AIR),
        # a gun named outright: the weapon told further on is another matter
        (("Gunmen shot dead a teacher in Kelda.", "Police said a bomb was found nearby."), ATTACK),
        (("A teacher was shot dead in Kelda.", "Bombings in the region were blamed on the rebels."), ATTACK),
        # with nothing else told, fire opened on civilians is still an attack
        (("Troops opened fire on the market, killing two traders.", "The mayor called for calm."), ATTACK),
    ],
)
def test_events_fire_opened_takes_the_weapon_told_beside_it(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


# A bare strike names no weapon: from the air by default, a guess; it takes shells, artillery or mortars
# another sentence of its incident tells (fired from the ground only), still a guess. Rockets and missiles
# are no cue (aircraft fire them too), and aircraft named anywhere keep it in the air.
GUESSED_CASES = [
    (("A strike levelled a bakery in Ostrava Nova on Friday.",), AIR, True),
    (("A strike levelled a bakery in Ostrava Nova on Friday.", "Shelling of the district went on all day."),
     SHELL, True),
    (("A strike levelled a bakery in Ostrava Nova on Friday.", "Artillery pounded the outskirts at dusk."),
     SHELL, True),
    (("Two clerks died when a strike hit the town hall.", "Mortar rounds landed near the river that night."),
     SHELL, True),
    (("A strike levelled a bakery in Ostrava Nova on Friday.", "Rockets were fired at the suburbs later."),
     AIR, True),
    (("A strike levelled a bakery in Ostrava Nova on Friday.", "A cruise missile fell near the station."),
     AIR, True),
    (("A strike levelled a bakery in Ostrava Nova on Friday.",
      "Warplanes struck the suburbs while shelling went on."), AIR, True),
    (("A strike levelled a bakery in Ostrava Nova on Friday.", "A drone struck a truck and shells fell."),
     AIR, True),
    # a weapon told outright is no guess
    (("An air strike levelled a bakery in Ostrava Nova on Friday.",), AIR, False),
    (("Shelling levelled a bakery in Ostrava Nova on Friday.",), SHELL, False),
    (("Gunmen shot dead two clerks at the town hall.", "Shelling went on all night."), ATTACK, False),
]  # fmt: skip


# A building or place struck or hit with no weapon named is a strike from afar, a guess like a bare "strike";
# not a person hit, nor a place hit "by" something named, nor one hit amid gunfire or a crowd's deeds.
STRUCK_CASES = [
    (("The clinic on Varna street, which took in dozens of the displaced, was struck twice in the night.",),
     AIR, True),
    (("A row of houses in Pelin had been hit before dawn and four members of one family died.",), AIR, True),
    (("The grain depot was hit again on Sunday.", "Shelling of the port went on for hours."), SHELL, True),
    (("The grain depot was hit again on Sunday.", "Drones were heard over the port."), AIR, True),
    (("Two guards were hit as the patrol crossed the square.",), "Other", False),
    (("The bakery was hit by a stray bullet during the raid.",), ATTACK, False),
    (("A farmhouse was struck and gunmen opened fire on the family as they ran.",), ATTACK, False),
    (("The town hall was hit as rioters threw stones and bottles at the police.",), "Violent demonstration",
     False),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "sub_event_type", "guessed"), STRUCK_CASES)
def test_events_a_site_struck_with_no_weapon_named_is_a_strike_from_afar(
    lexicon, texts, sub_event_type, guessed
):
    event = choose_event(_layers(lexicon, texts[0]), lexicon)
    cues = [c for text in texts for c in find_event_cues(text, lexicon)]
    event = weapon_from_context(event, cues, lexicon)
    assert (event.sub_event_type, event.guessed) == (sub_event_type, guessed)


@pytest.mark.parametrize(("texts", "sub_event_type", "guessed"), GUESSED_CASES)
def test_events_a_bare_strike_is_a_guess_that_takes_a_ground_weapon_told_beside_it(
    lexicon, texts, sub_event_type, guessed
):
    event = choose_event(_layers(lexicon, texts[0]), lexicon)
    cues = [c for text in texts for c in find_event_cues(text, lexicon)]
    event = weapon_from_context(event, cues, lexicon)
    assert (event.sub_event_type, event.guessed) == (sub_event_type, guessed)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a strike or shells that killed civilians amid fighting: not the battle's support
        ("Fighting went on in the hills, and an air strike on the market killed 20 civilians.", AIR),
        ("Clashes raged in the east while shells hit a school, killing four children.", SHELL),
        # a strike on the fighters of the battle, or victims of both kinds: the battle
        ("Troops clashed with rebels as jets bombed their positions, killing 12 fighters.", CLASH),
        ("Rebels and soldiers clashed as artillery pounded the front, killing nine soldiers.", CLASH),
        ("Troops clashed with rebels backed by air strikes; two soldiers and a civilian died.", CLASH),
    ],
)
def test_events_a_strike_on_civilians_amid_a_battle_is_no_part_of_it(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# Session 14: every kind ACLED codes, nobody killed or hurt.
PROTEST = "Peaceful protest"
RIOT = "Violent demonstration"
LOOTING = "Looting/property destruction"
CHANGE = "Change to group/activity"
KINDS_CASES = [
    # the forms a protest takes
    ("Dock workers staged a sit-down strike at the harbour gate.", PROTEST),
    ("Nurses went on strike over three months of unpaid wages.", PROTEST),
    ("Bakers held a candlelight vigil in the old square.", PROTEST),
    ("Party youths brought out a procession through the bazaar.", PROTEST),
    ("Hundreds of cotton growers took to the streets of the market town.", PROTEST),
    ("Parents gathered at the school gate to demand lower fees.", PROTEST),
    ("About forty herders gathered in front of the district office with their complaints.", PROTEST),
    ("Villagers blocked the main highway for six hours over power cuts.", PROTEST),
    ("Fishermen formed a human chain along the quay.", PROTEST),
    ("A silent march crossed the capital on Sunday.", PROTEST),
    # a crowd's weapons: a riot
    ("Youths burned rubber tyres and hurled stones at the traffic police.", RIOT),
    ("Residents set old tyres on fire at the junction.", RIOT),
    # property taken, damaged or burned, nobody hurt
    ("Raiders stole forty goats from a farm near the river.", LOOTING),
    ("Settlers cut down dozens of olive trees on a hillside.", LOOTING),
    ("Unknown men smashed the windows of a pharmacy.", LOOTING),
    ("A gang set two granaries ablaze outside the hamlet.", LOOTING),
    # forces that move or dig in, without a fight
    ("Reinforcements reached the frontline town overnight.", CHANGE),
    ("The militia dug new trenches along the ridge.", CHANGE),
    # a fight told in its own words
    ("Police killed a wanted man in an encounter near the canal.", CLASH),
    ("Soldiers fired with heavy machine guns on the positions of the rebels.", CLASH),
    ("The army re-captured the river port after a week.", "Government regains territory"),
    ("Government troops have taken full control of the district.", "Government regains territory"),
    # who someone is, not a deed: the attack is still told
    ("Men suspected of being bandits attacked and killed a shepherd.", ATTACK),
    # kin or neighbours fighting with sticks: mob violence
    ("Two groups of the same clan clashed with sticks over grazing land.", "Mob violence"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), KINDS_CASES)
def test_events_every_kind_acled_codes(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a strike from the air is no labour strike, and a month is no march
        ("A strike hit a fuel depot outside the port.", AIR),
        ("In March gunmen shot dead a trader at his stall.", ATTACK),
        # "re-captured" is one word: the government took the town back
        ("Troops re-captured the town of Sova.", "Government regains territory"),
    ],
)
def test_events_protest_words_do_not_take_other_words(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


INTERVENED = "Protest with intervention"
# an arrest told far from the protest: the one the marchers complain of, not one of theirs
FAR_ARREST = (
    "Nurses marched on Monday through the old quarter and past the governor's office, carrying long "
    "banners for their union, a group that says one of its founders was arrested by guards in a faraway "
    "mining town."
)


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a beating: by the police or guards an attack, by a crowd mob violence
        ("Two guards beat up a porter at the gate of the depot.", ATTACK),
        ("A young cyclist was beaten by officers at a checkpoint.", ATTACK),
        ("A suspected pickpocket was beaten to death by angry residents.", "Mob violence"),
        ("Villagers caught a cattle thief and beat him in the square.", "Mob violence"),
        # a protest the police broke up, and one whose people are merely asked for
        ("Tailors held a sit-in at the square until police moved them out by force.", INTERVENED),
        ("Nurses marched to the ministry and were dispersed by police.", INTERVENED),
        (FAR_ARREST, PROTEST),
        # a violent crowd makes a riot, whatever the police then did
        ("Youths threw rocks at the police, who fired tear gas.", RIOT),
    ],
)  # fmt: skip
def test_events_beatings_and_protests_broken_up(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        # a protest told, then its crowd's deeds in the next sentence: a riot
        (["Dockers demonstrated at the port gate.", "They burned tyres and hurled bottles at guards."], RIOT),
        # the word "riots" in a later sentence is a backdrop, not the protest's deed
        (["Dockers demonstrated at the port gate.", "The city had seen riots over fuel prices."], PROTEST),
    ],
)
def test_events_a_protest_turns_riot_by_deeds_not_by_the_word(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a crowd of no armed group as a side of the clash: mob violence
        ("Stallholders and residents clashed with municipal police over a market eviction.", "Mob violence"),
        ("Clashes broke out between supporters of two council candidates in the ward.", "Mob violence"),
        ("A brawl at the bus park left four porters hurt.", "Mob violence"),
        # armed sides, or a gun: a battle; villagers told as victims are no side
        ("Troops clashed with militants near the village, and two villagers died.", CLASH),
        ("Residents clashed with police, who opened fire on them.", CLASH),
        ("Herders and farmers clashed, firing rifles at each other.", CLASH),
        # a crowd of sellers or citizens that fought the guards, or a party's followers who beat others
        ("Municipal guards fought with street hawkers at the bus station; five were hurt.", "Mob violence"),
        ("A few dozen citizens clashed with council wardens at the gate of the fish market.", "Mob violence"),
        ("A parking attendant was attacked by a group of sellers; he was badly hurt.", "Mob violence"),
        ("Supporters of the outgoing mayor assaulted and injured two canvassers.", "Mob violence"),
        # followers who were the victims, of unknown men: no crowd did it
        ("Supporters of the opposition were assaulted by unknown men in the market.", ATTACK),
    ],
)
def test_events_a_clash_of_crowds_is_mob_violence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # an assault by a crowd, not by gunmen: mob violence; a mob's deeds stay a mob's
        ("A driver was assaulted by angry villagers after his lorry hit a goat.", "Mob violence"),
        ("A mob stoned a suspected thief and burnt down his shack.", "Mob violence"),
        # the same assault by gunmen, or with a gun: an attack
        ("A driver was assaulted by gunmen on the road to the border.", ATTACK),
        ("Angry villagers attacked a driver and shot him in the leg.", ATTACK),
    ],
)
def test_events_an_assault_by_a_crowd_is_mob_violence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


MOB = "Mob violence"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # the armed one who acted is no target: the one acted on decides
        ("Militants assassinated a district councillor outside his shop.", ATTACK),
        ("A policeman shot and injured a bus conductor at the depot.", ATTACK),
        ("A local councillor was shot dead by armed men near his farm.", ATTACK),
        ("Police officers tortured a detained tailor until he died.", ATTACK),
        ("Unknown armed men abducted a grain merchant on the ferry road.", ABDUCTION),
        # a target that fights back is still a battle
        ("Militants attacked an army post, killing two soldiers.", CLASH),
        ("A soldier was shot dead by militants at the bridge.", CLASH),
    ],
)
def test_events_the_armed_one_who_acted_is_no_target(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # what a gathering remembers, is in protest of, or seeks justice for is no event of its own
        ("Students rallied on campus to commemorate the massacre of 1988.", PROTEST),
        ("Mothers held a vigil in protest of the abduction of their sons by gunmen.", PROTEST),
        ("Farmers demonstrated to call for justice after the murder of their chairman.", PROTEST),
        ("Parents who say their girls were abducted by the militia staged a sit-in.", PROTEST),
        ("Relatives of inmates protested outside the jail following a riot at the jail last week.", PROTEST),
        ("Nurses rallied at the clinic on the anniversary of the bombing of their ward.", PROTEST),
        # a firm's operations are no military operation
        ("Miners protested at the pit head after the company halted its operations.", PROTEST),
        # the protest word itself stays the event: "protested at the court" is a place
        ("Lawyers protested at the high court against the new fees.", PROTEST),
        # what was done to the protest is still told
        ("Hundreds protested after a singer was held. Police fired tear gas to disperse them.", INTERVENED),
    ],
)
def test_events_what_a_protest_is_about_is_no_event_of_its_own(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        # who fought and why told in one sentence, the toll in another: their fight
        (["Nine people were hurt in the clash.", "Two factions of the union clashed with clubs."], MOB),
        (["One man died in the fighting.", "Two families clashed over a land dispute."], MOB),
        # without them, a clash is a battle
        (["Nine people were hurt in the clash.", "Rebels and troops clashed on the ridge."], CLASH),
    ],
)
def test_events_who_fought_is_read_across_the_incident(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # violence both ways is a fight
        ("Two groups of the same clan attacked each other with sticks at the water point.", MOB),
        ("Rival gangs shot one another in the housing estate.", CLASH),
        # a crowd that hurt someone, its place told in brackets
        ("A reporter was injured by traders at the bus park.", MOB),
        ("Some residents of Dala (Dala, Kano) assaulted a suspected thief.", MOB),
        # an attack on no target the cues know is one-sided
        ("Raiders attacked the hamlet of Kuru at night.", ATTACK),
        ("Bandits ambushed a party of hunters near the forest.", ATTACK),
    ],
)
def test_events_fights_crowds_and_one_sided_attacks(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # forces moved, no fight told
        ("Troops were deployed to the border town on Friday.", CHANGE),
        ("A convoy of armoured trucks crossed into the northern province.", CHANGE),
        ("About thirty fighters were seen near the river crossing.", CHANGE),
        # a security measure the authorities took
        ("The governor imposed a dusk-to-dawn curfew on the port city.", CHANGE),
        ("The council declared a state of emergency in three districts.", CHANGE),
        # forces that moved and fought: a battle
        ("Troops entered the town and clashed with rebels.", CLASH),
        # a blast with no weapon named
        ("Two explosions occurred near the customs post.", IED),
        # a party's initials and a place's last word are no weapons
        ("Members of the RPG (ruling) party held a rally in the capital.", PROTEST),
        ("Residents demonstrated in Novi Grad against the bridge toll.", PROTEST),
        ("Rebels fired an RPG at the armoured truck.", SHELL),
    ],
)
def test_events_movements_measures_and_names_that_are_no_weapons(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a weapon stopped in flight is disrupted; people or vehicles stopped on their way were waylaid
        ("Air defences intercepted nine of the eleven drones sent at the port overnight.", DISRUPTED),
        ("The two missiles were intercepted over the bay, the ministry said.", DISRUPTED),
        ("Gunmen intercepted three lorries on the quarry road and set them on fire.", ATTACK),
        ("Militiamen intercepted a group of traders near the ford and abducted four of them.", ABDUCTION),
        ("Soldiers intercepted six students at the bridge and beat them up.", ATTACK),
        # a state's forces that bomb, its name after them
        ("The armed forces of Arcadia bombed rebel camps in the hills.", AIR),
        # fire both ways across a front is a fight; explosions of no known weapon counted from afar, fire
        ("Monitors counted 40 shells in both directions of the line of contact near a farm.", CLASH),
        ("Monitors counted 14 explosions of unidentified weapons near the reservoir.", SHELL),
        ("Drivers blocked the ring road in both directions.", PROTEST),
    ],
)
def test_events_interceptions_state_bombing_and_fire_across_a_front(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        # a weapon left from a war that is over, set off by chance: an accident (ACLED: Other)
        (["A goatherd was hurt by unexploded ordnance near the dry well."], "Other"),
        (["Two girls found an old mortar round from the civil war and it went off in their hands."], "Other"),
        (["A tractor driver died on a landmine laid during the war of independence."], "Other"),
        # the toll told apart from the weapon's age: the age is read across the incident
        (
            [
                "One man died in the explosion.",
                "Farmers ploughing a field set off a mine; fighting raged there in the 1970s. "
                "One man died in the explosion.",
            ],
            "Other",
        ),
        # a bomb planted now, or one told beside a strike, is no remnant
        (["Militants planted a landmine on the ring road, killing two soldiers."], IED),
        (["An air strike flattened the depot and left unexploded bombs in the rubble."], AIR),
        (["Refugees from the civil war were wounded by a roadside bomb."], IED),
    ],
)
def test_events_a_remnant_of_an_old_war_set_off_by_chance_is_no_attack(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("texts", "sub_event_type"),
    [
        # any explosive thrown by hand is a grenade's kind, not a fire bomb
        (["Two men on a scooter threw an explosive device at the clinic gate."], "Grenade"),
        (["Attackers hurled crude bombs at the meeting, wounding six."], "Grenade"),
        (["Youths hurled petrol bombs at the depot."], "Other"),
        # a grenade left to go off is still a grenade; a bomb left is a planted bomb
        (["Raiders planted a grenade under the parked van."], "Grenade"),
        (["Raiders planted a bomb under the parked van."], IED),
        # an explosion names no weapon: the weapon told in the next layer decides
        (
            ["The blast killed two herders.", "A grenade left in the pasture went off as they passed."],
            "Grenade",
        ),
        (["The blast killed two herders.", "Shells fell on the pasture all morning."], SHELL),
        (["The blast killed two herders.", "Nobody knows what caused it."], IED),
    ],
)
def test_events_thrown_and_left_grenades_and_explosions_that_name_no_weapon(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


# A fight of parties over a vote, their rank and file or a petty quarrel, no armed side and no gun told:
# ACLED's mob violence. Forces or rebels on one side keep it a battle.
POLITICAL_CLASHES = [
    ("Three men were hurt when two groups clashed outside the polling booth.", "Mob violence"),
    ("Cadres of the two parties clashed in the bazaar; nine were hurt.", "Mob violence"),
    ("Clashes between political opponents after the council vote left two dead.", "Mob violence"),
    ("Two neighbours' sons clashed over a trifling matter and one was stabbed.", "Mob violence"),
    ("Troops clashed with rebels near the town ahead of the elections.", CLASH),
    ("Gunmen clashed with party activists in the market, firing rifles.", CLASH),
]


@pytest.mark.parametrize(("text", "sub_event_type"), POLITICAL_CLASHES)
def test_events_a_clash_of_party_rivals_is_mob_violence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# What a protest is against or over is its object, whatever violence it names: the gathering is the event.
PROTEST_OBJECTS = [
    ("About 300 people demonstrated against the militia, urging it to end its raids.", "Peaceful protest"),
    ("Students protested over the shelling of their dormitory last week.", "Peaceful protest"),
    ("Rebels fought troops over the bridge; four soldiers died.", CLASH),
]


@pytest.mark.parametrize(("text", "sub_event_type"), PROTEST_OBJECTS)
def test_events_what_a_protest_is_against_is_not_the_event(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# ... also with a place or a time between the protest and its object, or a demand after a protest held; a
# clause after a comma tells the protest itself again.
PROTEST_OBJECTS_AFTER_A_PLACE = [
    ("Residents demonstrated in the market town on Sunday against a wave of knife attacks that left 4 dead.",
     "Peaceful protest"),
    ("Farmers held a vigil outside the office urging the police to catch the gang that shot two herders.",
     "Peaceful protest"),
    ("Traders protested in the old quarter over a string of robberies in which a guard was murdered.",
     "Peaceful protest"),
    ("Several hundred people rallied near the stadium demanding the arrest of the men who killed a student.",
     "Peaceful protest"),
    ("Miners protested at the pit head over pay, and set fire to two trucks.", "Violent demonstration"),
    ("Students marched in the city against the fee rise, then clashed with police.", "Violent demonstration"),
    ("Teachers demonstrated outside the ministry over unpaid wages, and were dispersed with tear gas.",
     "Protest with intervention"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sub_event_type"), PROTEST_OBJECTS_AFTER_A_PLACE)
def test_events_a_protest_object_after_a_place_is_not_the_event(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


def test_events_a_context_phrase_covers_its_told_group_only(lexicon):
    text = "Villagers protested in the square against the raid that killed three."
    cues, in_context = split_event_cues(text, lexicon)
    assert [c.text for c in cues if c.layer == "event"] == ["protested"]  # the protest word itself is kept
    assert "kill" in {c.kind for c in in_context}


# Protesters arrested in the sentence after a long one telling the protest: the protest was broken up (an
# arrest told far off is what the protest is about: FAR_ARREST above).
PROTEST_ARRESTS = [
    (
        "Members of a growers' union protested in the provincial capital to complain about late payment for "
        "the harvest, the lack of seed at the depots and the price of fuel for their pumps. Several of them "
        "were detained by the police.",
        "Protest with intervention",
    ),
]


@pytest.mark.parametrize(("text", "sub_event_type"), PROTEST_ARRESTS)
def test_events_protesters_arrested_in_the_next_sentence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# Public money "looted" (embezzled) is no property taken by force: a protest demanding it back stays peaceful.
LOOTED_FUNDS = [
    ("Hundreds rallied at the roundabout demanding that looted public funds be repaid.", "Peaceful protest"),
    ("Teachers marched on the ministry over the looted money of their pension fund.", "Peaceful protest"),
    ("Thieves looted shops in the market overnight.", "Looting/property destruction"),
]


@pytest.mark.parametrize(("text", "sub_event_type"), LOOTED_FUNDS)
def test_events_looted_funds_are_no_looting(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# A protest told in one layer whose crowd burns or wrecks property (or clashes) in a wider one is a violent
# demonstration; the word "riots" alone in the wider layer is a backdrop and refines nothing.
PROTEST_REFINED = [
    (
        ("A large crowd demonstrated in the district capital against the poll results.",
         "The demonstrators vandalised two police posts and burned a council office."),
        "Violent demonstration",
    ),
    (
        ("A large crowd demonstrated in the district capital against the poll results.",
         "The town had seen riots before the vote."),
        "Peaceful protest",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("texts", "sub_event_type"), PROTEST_REFINED)
def test_events_a_protest_refined_by_its_crowd_deeds(lexicon, texts, sub_event_type):
    assert choose_event(_layers(lexicon, *texts), lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a crowd of foreigners or of a people that clashed with forces, no gun told: mob violence
        ("A clash ensued between six foreign nationals and border guards at the crossing.", MOB),
        ("Clashes erupted between Palestinians and soldiers at the checkpoint.", MOB),
        # the same people's armed men: a battle
        ("Palestinian militants clashed with soldiers at the checkpoint.", CLASH),
    ],
)
def test_events_a_clash_of_foreigners_or_a_peoples_crowd_is_mob_violence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # the crowd's own noun and its clash a few words apart: still a crowd that clashed
        ("Traders of the old covered cattle market clashed with municipal guards.", MOB),
        ("Vendors from the two long rows of stalls fought over a pitch.", MOB),
    ],
)
def test_events_a_crowd_told_at_length_before_its_clash(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a suspected thief or witch beaten, burned or killed, no armed men told: the crowd's justice
        ("A suspected goat thief was beaten to death at the Tolo cattle market.", MOB),
        ("An old woman accused of witchcraft was hacked to death in Pemba ward.", MOB),
        ("The hut of a presumed sorcerer was burnt down by night.", MOB),
        # the same killing by gunmen or police fire: an attack
        ("Gunmen killed a suspected thief on the road to Tolo.", ATTACK),
        ("Police shot dead a suspected robber at a roadblock.", ATTACK),
    ],
)
def test_events_a_suspected_thief_or_witch_harmed_is_mob_violence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # what one is accused of is no event told, up to the verb of the accused: the deed done to them is
        ("Two herders suspected of rustling were shot dead by soldiers near the ford.", ATTACK),
        ("Police arrested three men suspected of planning attacks on the bridge.", "Arrests"),
    ],
)
def test_events_an_accusation_ends_at_the_verb_of_the_accused(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


# Session 26: events with no event word: property told burnt passively, a note with ACLED's crowd-size tag.
@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # property told burnt, no doer before it
        ("The pick-up truck of a grain trader was set alight near the depot.", LOOTING),
        ("Councillor's shop burnt in Keleni. Nobody was hurt.", LOOTING),
        ("The cooperative's bus burned at the depot overnight.", LOOTING),
        # the same words of a person or of time are none
        ("The house was burnt out for years before the family came back.", "Other"),
        # ACLED's crowd-size tag alone tells a demonstration; other words still decide
        ("On 2 June 2021, villagers met at the chief's house. [size=around 50]", "Peaceful protest"),
        ("On 2 June 2021, a mob beat up a bus driver in the depot. [size=dozens]", MOB),
        # a bracket that is no such tag is none
        ("On 2 June 2021, the council named the shoe size=42 rule. [note]", "Other"),
    ],
)
def test_events_told_without_an_event_word(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "About 200 families of three hamlets on the river evacuated after the feud.",
        "Some 90 households from the two hill villages (Kora and Limu) fled on foot.",
    ],
)
def test_events_families_who_left_are_displaced(lexicon, text):
    """Families told leaving, with their villages named between, are people displaced: an event word."""
    assert "displacement" in {c.kind for c in find_event_cues(text, lexicon) if c.layer == "event"}
    assert classify_text(text, lexicon).sub_event_type == "Other"


def test_events_families_and_a_flight_told_apart_are_no_displacement(lexicon):
    text = "Two families farmed the valley; the rebels fled across the river."
    assert "displacement" not in {c.kind for c in find_event_cues(text, lexicon)}


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        # a fight, an assault or property destroyed in a note with the crowd-size tag: the crowd's violence
        ("On 4 May 2021, two neighbourhoods of Ostra clashed over a water point. [size=about 60]", MOB),
        ("On 4 May 2021, men of two families attacked a trader's house in Lenko. [size=no report]", MOB),
        ("On 4 May 2021, a kiosk was set alight by a crowd of drivers in Pell. [size=dozens]", MOB),
        # the same words with no tag: what they tell alone
        ("On 4 May 2021, two neighbourhoods of Ostra clashed over a water point.", CLASH),
        # a weapon of war, or a protest, told with the tag keeps its own type
        ("On 4 May 2021, a grenade was thrown at a bar in Lenko. [size=no report]", "Grenade"),
        # a toll alone decides nothing
        ("On 4 May 2021, a man died in Lenko after a dispute. [size=no report]", ATTACK),
    ],
)
def test_events_violence_in_a_note_with_a_crowd_size_is_mob_violence(lexicon, text, sub_event_type):
    assert classify_text(text, lexicon).sub_event_type == sub_event_type

"""Casualty figures and stance in one sentence, on sentences written for these tests."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictdb.extract.casualties.figures import (
    figures_in_text,
    find_figures,
    find_stance,
    named_before,
    settle_references,
)
from conflictdb.extract.casualties.lexicon import load_casualty_lexicon
from conflictdb.extract.casualties.numbers import load_number_grammar
from conflictdb.extract.sentences import split_sentences
from conflictdb.records import Category, Outcome
from tests.conftest import shared_or_skip
from tests.splitter import data_nlp
from tests.timing import relative_cost

LEXICON = load_casualty_lexicon(numbers=load_number_grammar())
NLP = data_nlp()

K, W = "killed", "injured"  # W: wounded or injured
CIV, MIL, SEC, FOR, UNS = "civilians", "militants", "security_forces", "foreign_forces", "unspecified"

# sentence -> expected (outcome, category, min, max) of every figure that is not a sub-count
FIGURES = [
    # plain counts, digits and words
    (
        "At least five guards, three civilians and two militants died when the convoy was ambushed.",
        [(K, SEC, 5, None), (K, CIV, 3, 3), (K, MIL, 2, 2)],
    ),
    (
        "An air raid on the village killed 18 civilians, including children and women, the mayor said.",
        [(K, CIV, 18, 18)],
    ),
    (
        "Witnesses said the bombing killed 27 people and wounded 70 in the market.",
        [(K, UNS, 27, 27), (W, UNS, 70, 70)],
    ),
    (
        "The bomber struck a checkpoint in Mogadishu, killing 27 people and wounding 70.",
        [(K, UNS, 27, 27), (W, UNS, 70, 70)],
    ),
    (
        "During the shelling, 14 Afghan civilians were martyred and 9 others were wounded.",
        [(K, CIV, 14, 14), (W, CIV, 9, 9)],
    ),
    ("Twelve soldiers were killed when their convoy hit a roadside bomb near Gao.", [(K, SEC, 12, 12)]),
    ("Thirty-one villagers died after gunmen stormed Zamfara's Maradun area.", [(K, CIV, 31, 31)]),
    ("The blast in Baghdad's Sadr City left 12 dead and 30 wounded.", [(K, UNS, 12, 12), (W, UNS, 30, 30)]),
    (
        "At least 22 people have died and 40 were injured, a health official said.",
        [(K, UNS, 22, None), (W, UNS, 40, 40)],
    ),
    (
        "The Houthi missile attack killed 1,200 people over the year, the coalition claimed.",
        [(K, UNS, 1200, 1200)],
    ),
    (
        "Two soldiers and a civilian were killed in the mortar attack on Kidal.",
        [(K, SEC, 2, 2), (K, CIV, 1, 1)],
    ),
    ("Gunmen killed three soldiers and wounded two others in Menaka.", [(K, SEC, 3, 3), (W, SEC, 2, 2)]),
    ("Two gunmen killed three soldiers in the ambush near Timbuktu.", [(K, SEC, 3, 3)]),
    ("Boko Haram fighters killed 30 villagers and abducted 12 women in Borno state.", [(K, CIV, 30, 30)]),
    ("Seven policemen were shot dead at a checkpoint in Quetta.", [(K, SEC, 7, 7)]),
    (
        "The suicide attack on a mosque in Peshawar claimed the lives of at least 59 worshippers.",
        [(K, CIV, 59, None)],
    ),
    ("Medics said the mortar fire resulted in the deaths of about 17 people.", [(K, UNS, 17, 17)]),
    ("Three Taliban members died of wounds at a clinic in Helmand.", [(K, MIL, 3, 3)]),
    ("Nine al-Shabaab fighters were slain in the raid near Kismayo.", [(K, MIL, 9, 9)]),
    ("Eleven farmers lost their lives when the shell hit their field in Idlib.", [(K, CIV, 11, 11)]),
    ("Security forces killed 14 insurgents in the operation in Khost province.", [(K, MIL, 14, 14)]),
    ("A Reuters photographer, was murdered in the area while covering the clashes.", [(K, CIV, 1, 1)]),
    ("A civilian was killed by a stray bullet in Aleppo on Sunday.", [(K, CIV, 1, 1)]),
    ("One soldier was wounded in the exchange of fire near Bakhmut.", [(W, SEC, 1, 1)]),
    ("A 12-year-old boy was killed by shelling in Donetsk.", [(K, CIV, 1, 1)]),
    ("A suicide bomber killed 12 people at a funeral in Nangarhar.", [(K, UNS, 12, 12)]),
    (
        "Another policeman was killed and two were wounded in the second blast.",
        [(K, SEC, 1, 1), (W, SEC, 2, 2)],
    ),
    # a sub-count of a total told elsewhere (the pipeline counts it when no total is given)
    ("Three children were among the dead, the hospital director said.", []),
    ("Fifteen people were injured, five of them critically, in the Kharkiv strike.", [(W, UNS, 15, 15)]),
    ("The drone strike killed six Islamic State militants in Kunar.", [(K, MIL, 6, 6)]),
    ("Militants executed four teachers in front of their pupils in Yobe.", [(K, CIV, 4, 4)]),
    ("Israeli strikes killed 18 members of one family in Rafah, health officials said.", [(K, CIV, 18, 18)]),
    ("Five passers-by were hurt when the grenade exploded in the market.", [(W, CIV, 5, 5)]),
    (
        "The junta's airstrike killed 40 students and five teachers at the school in Sagaing.",
        [(K, CIV, 45, 45)],  # one category's list is summed
    ),
    (
        "In the raid three of our countrymen were martyred, while several others were wounded.",
        [(K, CIV, 3, 3), (W, CIV, None, None)],
    ),
    (
        "Ten gendarmes were killed and four wounded in the attack in Burkina Faso's Sahel region.",
        [(K, SEC, 10, 10), (W, SEC, 4, 4)],
    ),
    (
        "The rebels shot and killed a village chief and his two sons in Rakhine.",
        [(K, CIV, 3, 3)],
    ),
    ("At least five pro-government militia members were killed in Nijrab.", [(K, SEC, 5, None)]),
    (
        "An explosion at the checkpoint killed two Iraqi soldiers and injured three others.",
        [(K, SEC, 2, 2), (W, SEC, 3, 3)],
    ),
    (
        "The group's spokesman claimed its fighters killed 7 officers and soldiers of invading forces.",
        [(K, FOR, 7, 7)],
    ),
    (
        "Three US servicemen died of wounds they suffered in a raid in Zabul province.",
        [(K, FOR, 3, 3)],
    ),
    ("Three French soldiers were killed when their armoured vehicle hit a mine in Mali.", [(K, FOR, 3, 3)]),
    ("Two NATO soldiers were killed by a man wearing an Afghan army uniform.", [(K, FOR, 2, 2)]),
    ("Six coalition troops were injured in the rocket attack on the base.", [(W, FOR, 6, 6)]),
    ("Three AMISOM peacekeepers were killed in the ambush in Lower Shabelle.", [(K, FOR, 3, 3)]),
    # modifiers, ranges and vague counts
    ("More than 100 people were killed in the fighting in Tigray, aid workers said.", [(K, UNS, 100, None)]),
    ("Over 30 Houthi fighters were killed in coalition air strikes.", [(K, MIL, 30, None)]),
    ("As many as 40 civilians may have died in the Mosul strike.", [(K, CIV, None, 40)]),
    ("Up to nine soldiers were wounded in the blast near Kandahar.", [(W, SEC, None, 9)]),
    ("Nearly 70 worshippers were injured in the bombing in Quetta.", [(W, CIV, 70, 70)]),
    ("Some 40 villagers were massacred in the raid in the Mopti region.", [(K, CIV, 40, 40)]),
    ("The strike killed between 10 and 15 fighters, the monitor said.", [(K, MIL, 10, 15)]),
    ("The shelling killed 10 to 15 residents of Kharkiv, the mayor said.", [(K, CIV, 10, 15)]),
    ("Two or three policemen were injured in the clashes in Karachi.", [(W, SEC, 2, 3)]),
    ("Twenty or more militants were killed in the counter-attack.", [(K, MIL, 20, None)]),
    (
        "Dozens of people were killed and hundreds wounded when the blast struck.",
        [(K, UNS, None, None), (W, UNS, None, None)],
    ),
    ("Scores of civilians have reportedly been killed in the airstrikes.", [(K, CIV, None, None)]),
    ("Several villagers were also injured, including women and children.", [(W, CIV, None, None)]),
    (
        "Leaving at least six people dead and injuring several others nearby.",
        [(K, UNS, 6, None), (W, UNS, None, None)],
    ),
    ("A number of soldiers were wounded in the assault on the base.", [(W, SEC, None, None)]),
    ("A dozen gunmen were killed in the firefight, the army said.", [(K, MIL, 12, 12)]),
    ("Two dozen civilians were killed in the Russian missile strike on Odesa.", [(K, CIV, 24, 24)]),
    # tolls
    ("The death toll from Tuesday's bombing in Baghdad rose to 58, officials said.", [(K, UNS, 58, 58)]),
    ("The toll has risen to at least 45, according to the health ministry.", [(K, UNS, 45, None)]),
    ("Another body was recovered on Friday, bringing the death toll to 19.", [(K, UNS, 19, 19)]),
    # headlines and terse notes
    ("Car bomb kills 12 in Mogadishu", [(K, UNS, 12, 12)]),
    ("Suicide blast kills 5 policemen in Kabul", [(K, SEC, 5, 5)]),
    (
        "On 9 June 2021, an IED planted by the Taliban hit a police car, killing 3 policemen, in Gardez.",
        [(K, SEC, 3, 3)],
    ),
    (
        "On 17 April 2021, the Taliban killed 3 pro-government militia members, and injured 2, in Qaisar",
        [(K, SEC, 3, 3), (W, SEC, 2, 2)],
    ),
    (
        "On 8 May 2021, a blast killed 4 civilians, and injured 9, in Ghazni.",
        [(K, CIV, 4, 4), (W, CIV, 9, 9)],
    ),
    (
        "On 3 July 2021, 11 Taliban militants were killed, and 5 more wounded, in raids by the army.",
        [(K, MIL, 11, 11), (W, MIL, 5, 5)],
    ),
    (
        "On 6 August 2021, 9 Taliban militants including 3 commanders were killed in Faryab.",
        [(K, MIL, 9, 9)],
    ),
    (
        "On 19 May 2021, 1 civilian, a shopkeeper, was killed by unidentified gunmen in Ghor.",
        [(K, CIV, 1, 1)],
    ),
    # zeros
    ("No one was injured in the attack, police said.", [(W, UNS, 0, 0)]),
    ("No civilians were harmed in the operation, the army said.", []),  # the stock denial, not a zero
    ("No one was harmed in the operation, the army said.", [(K, UNS, 0, 0), (W, UNS, 0, 0)]),
    ("There were no casualties, a spokesman for the governor said.", [(K, UNS, 0, 0), (W, UNS, 0, 0)]),
    ("Nobody was killed in the rocket attack on the Green Zone.", [(K, UNS, 0, 0)]),
    # not casualty figures
    ("There were no immediate reports of casualties.", []),
    ("Taliban fighters captured 212 of 419 district centers in two months.", []),
    ("Militants destroyed two vehicles and three houses in the raid.", []),
    ("The militants threatened to kill 50 hostages if the army advanced.", []),
    ("The group vowed to kill 100 soldiers in revenge.", []),
    ("The bombs could kill hundreds of people, experts warned.", []),
    ("How many people were killed in the strike?", []),
    ("Toddlers as young as two years old were among the dead.", []),
    ("The soldiers were not killed but captured, the ministry said.", []),
    ("The blast happened at 10:30 on 5 March 2019, 3 km from the base.", []),
    ("18 Afghan soldiers switched sides, joining the Taliban in Faryab.", []),
    ("Taliban militants took 40 travellers hostage in Jaghatu district.", []),
    ("The ministry denied that any civilians were killed in the strike.", []),
    ("At this stage we have seen no evidence of civilian casualties.", []),
    ("The Pentagon said it was spending $5 million on the programme.", []),
    # background numbers still are figures
    ("More than 2,400 US soldiers were killed in Afghanistan since 2001.", [(K, FOR, 2400, None)]),
    # "killed at least N" is a cue and a modifier, not one phrase
    ("The blast at the mosque killed at least 17 worshippers on Friday.", [(K, CIV, 17, None)]),
    ("A roadside bomb injured at least six soldiers near Gao.", [(W, SEC, 6, None)]),
    # injury wording
    ("Around 14 people suffered gunshot wounds in the raid on the market.", [(W, UNS, 14, 14)]),
    ("Eight pupils were treated for injuries at the clinic after the blast.", [(W, CIV, 8, 8)]),
    ("Another 25 are receiving treatment at the regional hospital, the doctor said.", [(W, UNS, 25, 25)]),
    ("Five people were treated for shock at the scene.", []),
    # a cue word inside the victim phrase; words that count the dead by themselves
    ("The clinic received 22 wounded soldiers overnight.", [(W, SEC, 22, 22)]),
    ("She said she saw seven dead children in the courtyard.", [(K, CIV, 7, 7)]),
    ("Rescuers have recovered 40 bodies from the collapsed building.", [(K, UNS, 40, 40)]),
    ("No bodies have been recovered yet, the governor said.", []),
    ("The raid left at least 9 dead and at least 30 injured.", [(K, UNS, 9, None), (W, UNS, 30, None)]),
    # combined counts are no figure
    ("Some 35 people were killed or wounded in the shelling of the town.", []),
    ("Landmines killed or maimed 80 children in the province last year.", []),
    ("One policeman was killed or wounded in the attack on the checkpoint.", []),
    # one category's list is summed; different categories stay apart
    ("The drone strike killed four women and three children in the village.", [(K, CIV, 7, 7)]),
    ("A teacher and three of his pupils were wounded in the blast.", [(W, CIV, 4, 4)]),
    ("A farmer and his two sons were shot dead in their field.", [(K, CIV, 3, 3)]),
    ("An officer and four soldiers were killed when the mine exploded.", [(K, SEC, 5, 5)]),
    ("A police officer and four civilians were wounded.", [(W, SEC, 1, 1), (W, CIV, 4, 4)]),
    ("The strike killed 12 civilians, 5 women and 7 children, the UN said.", [(K, CIV, 12, 12)]),
    (
        "On 3 May 2020, 1 provincial council member as well as 2 of his guards were killed by the Taliban.",
        [(K, CIV, 1, 1), (K, SEC, 2, 2)],
    ),
    (
        "On 3 May 2020, 1 civilian, a member of the provincial council, and his 3 bodyguards were killed.",
        [(K, CIV, 1, 1), (K, SEC, 3, 3)],
    ),
    ("Gunmen killed their driver and took the engineers away.", [(K, CIV, 1, 1)]),
    # several figures in one sentence: ellipsis, revisions, a force's own losses
    ("Police said 12 soldiers died; the rebels said 40.", [(K, SEC, 12, 12), (K, SEC, 40, 40)]),
    ("The toll was later revised to 9 injured and four dead.", [(W, UNS, 9, 9), (K, UNS, 4, 4)]),
    ("The militia said it lost seven fighters but killed 25.", [(K, MIL, 7, 7), (K, MIL, 25, 25)]),
    ("The Taliban, who lost 11 men in the battle, retreated to the hills.", [(K, MIL, 11, 11)]),
    ("The army said it had lost contact with 5 soldiers.", []),
    ("The widow lost three sons in the fighting.", []),
    # sub-counts
    ("Nine of the victims were children.", []),  # always a part of a total told elsewhere
    ("Three of the policemen were also among the dead.", []),
    ("Thirty wounded people were brought in, six of whom later died.", [(W, UNS, 24, 24), (K, UNS, 6, 6)]),
    # estimates are figures; threats, denials, conditions and questions are not
    ("Up to 30 people may have died in the fire, the mayor said.", [(K, UNS, None, 30)]),
    ("Around 12 people may have been killed in the strike.", [(K, UNS, None, 12)]),
    ("The death toll could be as high as 60, doctors said.", [(K, UNS, None, 60)]),
    ("The death toll could rise to 60, doctors feared.", []),
    ("The ministry dismissed claims that 45 civilians had been killed.", []),
    ("If the reports of 25 deaths are confirmed, it would be the worst attack this year.", []),
    ("Journalists asked whether 30 soldiers had been killed at the base.", []),
    ("Is it true that 20 soldiers died in the raid, a reporter asked.", []),
    # category words
    ("Eleven terrorists were neutralised in the operation, the ISPR said.", [(K, MIL, 11, 11)]),
    ("The army said it had neutralized 14 jihadists near Djibo.", [(K, MIL, 14, 14)]),
    ('The Taliban said its fighters had killed 9 "puppet" soldiers in Baghlan.', [(K, SEC, 9, 9)]),
    ("Four members of the VDP volunteer militia were wounded in the attack.", [(W, SEC, 4, 4)]),
    ("Three Arbakis were killed in a Taliban attack in Faryab.", [(K, SEC, 3, 3)]),
    ("On 11 June 2021, 1 'Arbaki' commander was shot dead by Taliban fighters.", [(K, SEC, 1, 1)]),
    ("It did not provide evidence and made no mention of civilian casualties.", []),
    ("A Ghanaian peacekeeper was killed when a mine exploded under his truck.", [(K, FOR, 1, 1)]),
    ("The clashes killed 20 fighters on both sides, the monitor said.", [(K, UNS, 20, 20)]),
    ("The army repelled the assault, killing 40 RSF fighters.", [(K, MIL, 40, 40)]),
    ("The group claimed it had killed 12 apostates in the raid.", [(K, UNS, 12, 12)]),
    # a bracketed acronym inside a victim phrase, a prepositional phrase before the cue
    (
        "Eleven herders and 4 national army (NSA) soldiers were killed near Tobo.",
        [(K, CIV, 11, 11), (K, SEC, 4, 4)],
    ),
    ("Nine members of the Valley Liberation Front (VLF) were killed in the raid.", [(K, UNS, 9, 9)]),
    ("At least 25 students from the Riverside Teachers College were killed.", [(K, CIV, 25, None)]),
    ("Around twelve people, including a child, were savagely murdered in the hamlet.", [(K, UNS, 12, 12)]),
    # "dead and injured 14": a combined cue with a number on each side is two cues
    ("The blast left nine people dead and injured 14, the mayor said.", [(K, UNS, 9, 9), (W, UNS, 14, 14)]),
    ("The raid left nine people dead and injured, the mayor said.", []),
    # "more" before a victim word names the victims; "as many" repeats the number before
    ("An air raid killed three more children and two women in the next village.", [(K, CIV, 5, 5)]),
    (
        "A guard was killed and four more guards were badly injured by the mine.",
        [(K, SEC, 1, 1), (W, SEC, 4, 4)],
    ),
    ("Three soldiers died and as many others were wounded in the ambush.", [(K, SEC, 3, 3), (W, SEC, 3, 3)]),
    ("Rescuers found two more victims under the rubble of the school.", []),
    ("Several dozen people were hurt in the stampede that followed.", [(W, UNS, None, None)]),
    ("A few dozen villagers were wounded by the falling debris.", [(W, CIV, None, None)]),
    # words for victims
    ("Two coastguard officers and a naval cadet were killed in the raid.", [(K, SEC, 3, 3)]),
    ("Six elderly residents of the care home were killed by the shell.", [(K, CIV, 6, 6)]),
    ("Five pensioners were wounded when the missile hit the bus stop.", [(W, CIV, 5, 5)]),
    ("Of the seven wounded, two later succumbed in the clinic.", [(K, UNS, 2, 2), (W, UNS, 7, 7)]),
    # a relative clause between the victims and their verb
    ('"Two of our guards who tried to stop the raiders were also killed," he said.', [(K, SEC, 2, 2)]),
    ("Nine porters who were unloading the lorry were killed on Sunday.", [(K, CIV, 9, 9)]),
    ("Four rangers who were patrolling the reserve died in the ambush.", [(K, SEC, 4, 4)]),
    ("At least 14 herders, who had moved south for the dry season, were killed.", [(K, CIV, 14, None)]),
    ("Some 20 people who came for the night market lost their lives in the fire.", [(K, UNS, 20, 20)]),
    # ... but "had" without "been" is active, and a clause ending on "the" is no relative clause
    ("Troops detained three men who had killed a ranger.", [(K, SEC, 1, 1)]),
    ("A nurse who helped carry the dead spoke to us.", []),
    # an aside in brackets between the victims and their verb
    ("Over 30 worshippers who came for the vigil (a yearly rite) died.", [(K, CIV, 30, None)]),
    ("Two farmers (both from the same town) were killed.", [(K, CIV, 2, 2)]),
    ("A father and his two sons were among those killed.", []),  # a part, as "among the dead"
    ("Four people, among them a nurse, died when the roof fell in.", [(K, UNS, 4, 4)]),
    # ages are no head counts
    ("Nine pupils, most of them under 15, were hurt in the blast.", [(W, CIV, 9, 9)]),
    ("A boy of 11 was shot dead at the gate.", [(K, CIV, 1, 1)]),
    ("The dead, aged between 19 and 60, were all farmers.", []),
    ("Three children, the youngest only four, were killed.", [(K, CIV, 3, 3)]),
    ("Two gunmen who killed five villagers were later arrested.", [(K, CIV, 5, 5)]),
    # a count told by where the victims died, after a larger total, is a part of it
    ("The shelling killed 9 people: 7 died at the scene and two later in hospital.", [(K, UNS, 9, 9)]),
    (
        "Four guards were killed on the spot and 2 farmers died in hospital.",
        [(K, SEC, 4, 4), (K, CIV, 2, 2)],
    ),
    # "others" after children or women are not of that group; "six lives" names no group
    (
        "The raid killed three girls and wounded at least 9 others, the mayor said.",
        [(K, CIV, 3, 3), (W, UNS, 9, None)],
    ),
    ("Two policemen died in the blast, which claimed five lives in all.", [(K, SEC, 2, 2), (K, UNS, 5, 5)]),
    ("At least 8 people were burned alive when the raiders set the huts on fire.", [(K, UNS, 8, None)]),
    ("A dozen soldiers and two colonels who fell in battle were buried on Friday.", [(K, SEC, 14, 14)]),
    (
        "The number of people reported killed in the raid was between 20 and 25, the agency said.",
        [(K, UNS, 20, 25)],
    ),
    (
        "The bodies of 4 people were recovered and 9 got injuries from the blast.",
        [(K, UNS, 4, 4), (W, UNS, 9, 9)],
    ),
    # a list after "among the dead" with no total before it is the figure itself, summed
    ("Among the dead were three herders and a 12-year-old girl.", [(K, CIV, 4, 4)]),
    ("Among the wounded were two cooks and a baker, the mayor said.", [(W, CIV, 3, 3)]),
    # a relative clause on the last victims of a list leaves the list bound to its verb
    (
        "Three gendarmes and a man who sold bread near the gate were killed in the blast.",
        [(K, SEC, 3, 3), (K, UNS, 1, 1)],
    ),
    (
        "Two rangers and a porter who carried their packs died in the ambush.",
        [(K, SEC, 2, 2), (K, CIV, 1, 1)],
    ),
    # a part told in its own sentence: "among the injured there are", "the wounded included"
    ("Among the injured there are three girls from the Oda school.", [(W, CIV, 3, 3)]),
    ("Rescuers said the wounded included four porters.", [(W, CIV, 4, 4)]),
    ("Among the martyrs are two farmers, the imam said.", [(K, CIV, 2, 2)]),
    # ... after a toll of another outcome it keeps its own
    ("The raid killed 8 people; the wounded included 2 nurses.", [(K, UNS, 8, 8)]),
    # "injured or killed" with no one is a zero of both outcomes; "eliminated" kills
    ("The command said no civilians were injured or killed.", [(K, CIV, 0, 0), (W, CIV, 0, 0)]),
    ("The army said it eliminated 14 rebels near Kidal.", [(K, MIL, 14, 14)]),
    # a bare number with a verb of its own is no object of the cue before it
    ('"We lost four men and two are still missing," the commander said.', [(K, UNS, 4, 4)]),
    ("The blast killed five, and three remain unaccounted for.", [(K, UNS, 5, 5)]),
    # one toll told in two parts, by where the victims died, with no total before it: their sum
    ("Eleven people died at the scene and two later.", [(K, UNS, 13, 13)]),
    ("Six guards were killed on the spot and two died in hospital.", [(K, SEC, 8, 8)]),
    ("Four people died instantly and three more after being taken to the town hospital.", [(K, UNS, 7, 7)]),
    # ... not after a total, nor across categories or outcomes
    ("The raid killed 8 people: 6 died at the scene and two later in hospital.", [(K, UNS, 8, 8)]),
    (
        "Three guards were killed on the spot and 2 herders died in hospital.",
        [(K, SEC, 3, 3), (K, CIV, 2, 2)],
    ),
    ("Three soldiers were killed instantly and two were wounded.", [(K, SEC, 3, 3), (W, SEC, 2, 2)]),
    # "others" with a verb of their own are no object of the cue before; "in hospital" tells the injured
    ('"We buried six people and three others are in hospital," he said.', [(K, UNS, 6, 6), (W, UNS, 3, 3)]),
    ("Two guards remain in hospital after the raid.", [(W, SEC, 2, 2)]),
    ("Two villagers died in hospital.", [(K, CIV, 2, 2)]),
    # "a sixth" is one more victim: with a count told by where before it, the toll is their sum
    ("Four herders died at the scene and a fifth died in hospital.", [(K, CIV, 5, 5)]),
    ("A second gunman was shot dead by the guards.", [(K, MIL, 1, 1)]),
    ("A third of the dead were children, the agency said.", []),
    # "no casualties among" the people it names
    ("There were no casualties among the herders, the mayor said.", [(K, CIV, 0, 0), (W, CIV, 0, 0)]),
    # "heroes" are people, of no side by the word alone
    ("Three of our heroes were martyred at the crossing.", [(K, UNS, 3, 3)]),
]


def all_figure_tuples(text: str) -> list[tuple]:
    """The (outcome, category, min, max) of every figure found in `text`, sub-counts too, in text order."""
    found = find_figures(NLP(text)[:], LEXICON)
    return [(m.figure.outcome.value, m.figure.category.value, m.figure.min, m.figure.max) for m in found]


def figure_tuples(text: str, *, country: str | None = None) -> list[tuple]:
    """The (outcome, category, min, max) of the figures found in `text` that are not sub-counts."""
    span = NLP(text)[:]
    found = find_figures(span, LEXICON, country=country)
    return sorted(
        (m.figure.outcome.value, m.figure.category.value, m.figure.min, m.figure.max)
        for m in found
        if not m.figure.part_of_total
    )


@pytest.mark.parametrize(("text", "expected"), FIGURES)
def test_figures_table(text: str, expected: list[tuple]):
    assert figure_tuples(text) == sorted(expected)


# one mechanism a row: "shot to death", a verb made deadly by "fatally", "decapitated", suspects as
# victims, what they were suspected of before the verb, the singular object of a killing verb, an active
# "assassinated", plurals without an "s" that are no single victim
DEATH_FORMS = [
    ("Late on Friday a trader was shot to death outside his shop in the old quarter.", [(K, CIV, 1, 1)]),
    ("Three porters were fatally stabbed near the river crossing.", [(K, CIV, 3, 3)]),
    ("Two prison guards were fatally wounded when raiders stormed the depot.", [(K, SEC, 2, 2)]),
    ("Bandits decapitated two herders on the grazing road at dawn.", [(K, CIV, 2, 2)]),
    ("Four robbery suspects were killed in an exchange of fire with the patrol.", [(K, UNS, 4, 4)]),
    ("Two men suspected of cattle theft were beaten to death by a crowd.", [(K, UNS, 2, 2)]),
    ("The raiders stopped the lorry and killed the driver before fleeing.", [(K, CIV, 1, 1)]),
    ("A sniper fired on the checkpoint, killing the sentry.", [(K, SEC, 1, 1)]),
    ("Masked men assassinated a district official outside the mosque.", [(K, UNS, 1, 1)]),
    ("Two of the hunters were killed by a landmine in the forest.", [(K, CIV, 2, 2)]),
    ("The militia were executing the men they had rounded up, a witness said.", []),
    ("Raiders set fire to the kiosk. The shopkeeper later died of his burns.", [(K, CIV, 1, 1)]),
    ("By the time help arrived, the cyclist died beside the road.", [(K, CIV, 1, 1)]),
    ("A crowd stoned two pastors to death outside the market.", [(K, CIV, 2, 2)]),
    ("Unknown men hacked three farmers to death in their fields.", [(K, CIV, 3, 3)]),
    # one victim the lexicon does not know, as the object of a killing verb or with a capitalised word
    ("Gunmen on a motorbike killed a tax collector near the bridge.", [(K, CIV, 1, 1)]),
    ("Rebels assassinated a village councillor, residents said.", [(K, CIV, 1, 1)]),
    ("A Red Cross surveyor was shot dead at the mine.", [(K, CIV, 1, 1)]),
    ("An Afghan surveyor was shot dead outside his office.", [(K, CIV, 1, 1)]),
    ("A money changer was found dead behind the bus depot.", [(K, CIV, 1, 1)]),
    ("Police were executing a search order when the firing began.", []),
    # people named by a crime, by an office, or a group's member in the singular
    ("Rangers shot dead four poachers inside the reserve.", [(K, UNS, 4, 4)]),
    ("Unknown assailants killed the mayor outside the town hall.", [(K, CIV, 1, 1)]),
    ("Troops killed a rebel cadre near the river.", [(K, MIL, 1, 1)]),
    # other ways to die or be put to death
    ("Six herders drowned when raiders drove them into the flooded wadi.", [(K, CIV, 6, 6)]),
    ("A detainee was pronounced dead two days after his arrest.", [(K, CIV, 1, 1)]),
    ("Jailers strangled three prisoners in their cells.", [(K, CIV, 3, 3)]),
    # "IS" before the victims names the Islamic State, no verb that ends their phrase
    ("A drone strike killed four IS fighters near the border post.", [(K, MIL, 4, 4)]),
]


@pytest.mark.parametrize(("text", "expected"), DEATH_FORMS)
def test_figures_death_forms(text: str, expected: list[tuple]):
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "country", "category"),
    [
        ("Two US soldiers were killed in the attack.", "AF", FOR),
        ("Two Norwegian soldiers were killed in the attack.", "ML", FOR),
        ("Two US soldiers were killed in the attack.", "US", SEC),
        ("Five Russian soldiers were killed in the shelling.", "UA", FOR),
        ("Five Russian soldiers were killed in the shelling.", "RU", SEC),
        ("Five Russian soldiers were killed in the shelling.", None, FOR),
        ("Four Ukrainian soldiers were wounded near Avdiivka.", "UA", SEC),
        ("Four Ukrainian soldiers were wounded near Avdiivka.", "RU", FOR),
        ("Three Israeli soldiers were killed in Gaza.", "PS", FOR),
        ("Three Israeli soldiers were killed in Gaza.", "IL", SEC),
        ("Six Pakistani soldiers were killed in the cross-border firing.", "AF", FOR),
        ("Six Pakistani soldiers were killed in the cross-border firing.", "PK", SEC),
    ],
)
def test_figures_foreign_forces_depend_on_country(text: str, country: str | None, category: str):
    assert [f[1] for f in figure_tuples(text, country=country)] == [category]


@pytest.mark.parametrize(
    ("text", "children", "women"),
    [
        ("A suicide bomber killed 12 people, including five children, in Peshawar.", 5, None),
        ("Hamas said 400 people were killed, including 120 children and 60 women.", 120, 60),
    ],
)
def test_figures_subcounts_fill_the_total(text: str, children: int | None, women: int | None):
    found = find_figures(NLP(text)[:], LEXICON)
    totals = [m.figure for m in found if not m.figure.part_of_total]
    parts = [m.figure for m in found if m.figure.part_of_total]
    assert len(totals) == 1
    assert (totals[0].children, totals[0].women) == (children, women)
    assert parts and all(p.category is Category.CIVILIANS for p in parts)


def test_figures_sub_count_of_the_dead():
    found = find_figures(NLP("Forty people died, and twenty-seven of the dead were policemen.")[:], LEXICON)
    assert [(m.figure.category, m.figure.min, m.figure.part_of_total) for m in found] == [
        (Category.UNSPECIFIED, 40, False),
        (Category.SECURITY_FORCES, 27, True),
    ]


def test_figures_approximate_and_vague_words_are_kept():
    found = find_figures(NLP("About 26 people were killed and dozens were hurt.")[:], LEXICON)
    assert [(m.figure.approximate, m.figure.vague) for m in found] == [(True, None), (False, "dozens")]
    assert found[1].figure.outcome is Outcome.INJURED


def test_figures_offsets_are_doc_offsets():
    text = "The governor spoke on Monday. Later, 31 civilians were killed in the village. No one was hurt."
    doc, sentences = split_sentences(NLP, text)
    matches = [m for s in sentences for m in find_figures(s, LEXICON)]
    assert len(matches) == 2
    for match in matches:
        assert text[match.start : match.end] == match.figure.words
    assert matches[0].figure.words.startswith("31 civilians")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_figures_never_raise(text: str):
    doc, sentences = split_sentences(NLP, text)
    for sentence in sentences:
        for match in find_figures(sentence, LEXICON, country="AF"):
            assert 0 <= match.start <= match.end <= len(text)
        find_stance(sentence, LEXICON)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "at",
                "least",
                "four",
                "12",
                "killed",
                "were",
                "wounded",
                "civilians",
                "and",
                ",",
                "others",
                "no",
                "one",
                "a",
                "the",
                "soldiers",
                "US",
                "dozens",
                "of",
                "between",
                "5",
                "toll",
                "rose",
                "to",
                "including",
                "dead",
            ]
        ),
        max_size=30,
    )
)
def test_figures_never_raise_on_casualty_words(words: list[str]):
    text = " ".join(words)
    for match in find_figures(NLP(text)[:], LEXICON):
        assert text[match.start : match.end] == match.figure.words


BACKGROUND = [
    "The governor of the province told reporters that the situation was under control.",
    "Talks between the two sides stalled in Doha last month over the release of prisoners.",
    "The region has seen a surge in violence since the withdrawal of foreign troops in 2021.",
    "Residents said the market reopened on Saturday after a week of curfew.",
]


def _article(size: int) -> str:
    """About `size` characters of news-like text: one casualty sentence to two background ones."""
    texts = [t for t, _ in FIGURES]
    parts = []
    i = 0
    while sum(len(p) + 1 for p in parts) < size:
        parts += [texts[i % len(texts)], BACKGROUND[(2 * i) % 4], BACKGROUND[(2 * i + 1) % 4]]
        i += 1
    return " ".join(parts)[:size]


def test_figures_speed():
    text = _article(5000)
    doc, sentences = split_sentences(NLP, text)

    def read_article() -> None:
        for sentence in sentences:
            find_figures(sentence, LEXICON)
            find_stance(sentence, LEXICON)

    # about 3.9 reference units measured (tests/timing.py), busy machine or not: this guards against an
    # order-of-magnitude slowdown (a pattern gone quadratic); the throughput itself is `make bench`'s
    cost = relative_cost(read_article)
    print(f"figures: {cost:.2f} reference units per 5 KB article")
    assert cost < 10, f"{cost:.1f} reference units per 5 KB article"


def test_figures_dev_corpus_smoke():
    total = 0
    for path in sorted(shared_or_skip("corpus", "dev", "articles").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        doc, sentences = split_sentences(NLP, text)
        for sentence in sentences:
            for match in find_figures(sentence, LEXICON, country="AF"):
                assert text[match.start : match.end] == match.figure.words
                total += 1
            find_stance(sentence, LEXICON)
    assert total > 0


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("Of the 30 people killed, 12 were policemen, an official said.", [30]),
        ("He said that of the nine wounded, three were in a critical state.", [9]),
        ("Two teachers were among the 14 killed in the raid on the school.", [14]),
        ("Five women are among at least 20 people killed in the raid.", []),
        ("The deaths of the 26 villagers shocked the province.", []),
    ],
)
def test_figures_marks_a_count_that_points_back_to_a_toll(text: str, references: list[int]):
    found = find_figures(NLP(text)[:], LEXICON)
    assert [m.figure.min for m in found if m.reference] == references


@dataclass(frozen=True)
class Said:
    """A stand-in for records.SentenceFacts: what settle_references reads."""

    start: int
    figures: tuple


def _said(start: int, text: str) -> Said:
    return Said(start, tuple(find_figures(NLP(text)[:], LEXICON)))


def test_figures_drops_a_reference_to_a_toll_given_before():
    facts = [
        _said(0, "Nine people were wounded when the shell hit the market."),
        _said(60, "Of the nine wounded, two later died in hospital."),
    ]
    settled = settle_references(facts)
    assert [(m.figure.outcome.value, m.figure.min) for m in settled[1].figures] == [(K, 2)]


def test_figures_keeps_a_reference_to_no_toll_given_before():
    facts = [_said(0, "Of the 40 people killed, 31 were fighters, an official said.")]
    settled = settle_references(facts)
    assert [(m.figure.outcome.value, m.figure.min) for m in settled[0].figures] == [(K, 40)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a family's losses after a loss cue are civilians killed: kin, members of a family
        ("Ayo Fashe, a cloth seller, lost his two sons when the rocket hit Tembe.", [(K, CIV, 2, 2)]),
        ("A teacher, who lost five members of her family in the raid, said no one came.", [(K, CIV, 5, 5)]),
        ("Another herder disclosed losing seven of his relatives in the shelling of Karo.", [(K, CIV, 7, 7)]),
        ("The Velmar couple had lost their three daughters in the air strike.", [(K, CIV, 3, 3)]),
        # ... not without a possessive that says whose dead they were (a bereavement told as background)
        ("The old tailor lost two sons in the war.", []),
        # ... nor when the loss only says which person speaks (a clause with no comma before it)
        ("A farmer who lost his son told our reporter that the jets came twice.", []),
        ("A fisherman that had lost his two brothers said nobody came to help.", []),
        # a force's losses keep the force's category
        ("The rebels said they lost nine fighters near Oskar.", [(K, MIL, 9, 9)]),
    ],
)
def test_figures_losses_of_a_family_are_civilians(text: str, expected: list[tuple]) -> None:
    assert all_figure_tuples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll told town by town: the victims and the verb once, then a bare number at each place
        (
            "Shelling killed two people in Orsk and three in Velta.",
            [("killed", "unspecified", 2, 2), ("killed", "unspecified", 3, 3)],
        ),
        (
            "The raids killed four farmers in Orsk, two in Velta and one in the village of Kamo.",
            [("killed", "civilians", 4, 4), ("killed", "civilians", 2, 2), ("killed", "civilians", 1, 1)],
        ),
        # a number told by year or as a total is no toll at a place
        ("Five guards were killed in Orsk in 2029 and three in 2030.", [("killed", "security_forces", 5, 5)]),
        ("Two guards died in Orsk and 40 in total since May.", [("killed", "security_forces", 2, 2)]),
        # where the victims died is one toll in two parts
        ("Two died on the spot, and three later in hospital.", [("killed", "unspecified", 5, 5)]),
    ],
)
def test_figures_a_toll_told_town_by_town(text: str, expected: list[tuple]) -> None:
    assert all_figure_tuples(text) == expected


@pytest.mark.parametrize(
    ("previous", "text", "expected"),
    [
        # victims the sentence before tells of without a number name the plain people counted after it
        (
            "Civilians were killed when a shell hit the market in Osk.",
            "Eleven people died.",
            [(K, CIV, 11, 11)],
        ),
        (
            "Two buses of pilgrims were hit and pilgrims were wounded.",
            "At least 9 were hurt.",
            [(W, CIV, 9, None)],
        ),
        # "N of them" counts the last people the sentence before named
        ("A drone hit the camp where 300 refugees slept.", "Six of them were wounded.", [(W, CIV, 6, 6)]),
        # ... a sentence before with no such words, or with two sides, names no one
        ("A shell hit the market in Osk on Monday.", "Eleven people died.", [(K, UNS, 11, 11)]),
        (
            "Soldiers were killed and villagers were wounded in the raid.",
            "Eleven people died.",
            [(K, UNS, 11, 11)],
        ),
        # ... nor does it rename people the sentence itself names
        ("Civilians were killed when a shell hit Osk.", "Eleven soldiers died.", [(K, SEC, 11, 11)]),
    ],
)
def test_figures_victims_named_by_the_sentence_before(previous: str, text: str, expected: list[tuple]):
    found = named_before(find_figures(NLP(text)[:], LEXICON), previous, LEXICON)
    got = [(m.figure.outcome.value, m.figure.category.value, m.figure.min, m.figure.max) for m in found]
    assert got == expected


def test_figures_a_repeated_sentence_is_read_once_with_its_own_offsets():
    line = "Gunmen killed 4 farmers near the well."
    text = "\n".join([line, "A mortar round wounded 2 herders.", line])
    _, sentences = split_sentences(NLP, text)
    memo: dict = {}
    kept = [find_figures(s, LEXICON, memo=memo) for s in sentences]
    assert kept == [find_figures(s, LEXICON) for s in sentences]
    assert len(memo) == 2  # two distinct sentence texts, the repeated one read once
    first, again = kept[0][0], kept[2][0]
    assert first.figure == again.figure and first.start < again.start
    assert text[again.start : again.end] == again.figure.words


def test_figures_the_sentence_before_is_read_once_for_every_sentence_after_it():
    previous = "Civilians were killed when a shell hit the market in Osk."
    memo: dict = {}
    for _ in range(2):
        found = named_before(
            find_figures(NLP("Eleven people died.")[:], LEXICON), previous, LEXICON, memo=memo
        )
        assert [(m.figure.category, m.figure.min) for m in found] == [(Category.CIVILIANS, 11)]
    assert len(memo) == 1


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # a part with no total before it in its sentence is told as a statement of its own
        ("Eleven of the dead were border guards, a customs officer said.", [("security_forces", 11, True)]),
        ("Six of the wounded were nurses from the district clinic.", [("civilians", 6, True)]),
        ("Two tailors were among the dead, the mayor said.", [("civilians", 2, True)]),
        ("Among the martyrs were three herders.", [("civilians", 3, False)]),  # the cue's own figure
        # ... not after its total, nor a part told by where they died, nor wounded who then died
        ("Fifteen people died, and four of the dead were herders.", [(UNS, 15, False), (CIV, 4, False)]),
        ("Twelve people died, including three teachers.", [(UNS, 12, False), (CIV, 3, False)]),
        ("Two of the wounded later died in the Goma hospital.", [("unspecified", 2, False)]),
        ("Four of the victims died at the scene.", [("unspecified", 4, False)]),
    ],
)
def test_figures_mark_a_part_told_as_its_own_statement(text: str, own: list[tuple]) -> None:
    found = find_figures(NLP(text)[:], LEXICON)
    assert [(m.figure.category.value, m.figure.min, m.own) for m in found] == own


@pytest.mark.parametrize(
    ("text", "country", "category"),
    [
        ("Nine soldiers of South Sudan's army were killed near Bor.", "SS", SEC),  # not Sudan's
        ("Nine soldiers of South Sudan's army were killed near Bor.", "SD", FOR),
        ("Three soldiers of Cameroon's army died in the ambush.", "NG", FOR),
        ("Three soldiers of Cameroon's army died in the ambush.", "CM", SEC),
    ],
)
def test_figures_state_possessives_name_the_force(text: str, country: str, category: str) -> None:
    assert [f[1] for f in figure_tuples(text, country=country)] == [category]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a trade the lexicon does not list is one civilian; another unknown noun is one person, unspecified
        ("A goat herder was shot dead near the well at dawn.", [(K, CIV, 1, 1)]),
        ("Before noon an itinerant knife grinder was killed by a stray shell.", [(K, CIV, 1, 1)]),
        ("One pharmacist has been wounded in the shelling of the market.", [(W, CIV, 1, 1)]),
        ("A hooded figure was gunned down outside the depot.", [(K, UNS, 1, 1)]),
        ("A fuel seller was killed and a second was wounded.", [(K, CIV, 1, 1), (W, CIV, 1, 1)]),
        # objects, amounts and times take no casualty verb as people do
        ("A statement was issued after the raid.", []),
        ("A bus was burned and a truck was destroyed near the ford.", []),
        ("A further two people were killed in the night.", [(K, UNS, 2, 2)]),
        ("A number of the wounded were flown out.", []),
        # a plural after the article is no single victim
        ("A pair of crop dusters was hit.", []),
    ],
)
def test_figures_count_one_victim_the_lexicon_does_not_name(text: str, expected: list[tuple]) -> None:
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Six porters were rushed to hospital after the mortar round landed.", [(W, CIV, 6, 6)]),
        ("At least nine people were rushed to the hospital in the district town.", [(W, UNS, 9, None)]),
        ("Fourteen pupils remain hospitalised, the headmaster said.", [(W, CIV, 14, 14)]),
        ("Two guards remain hospitalized after the ambush.", [(W, SEC, 2, 2)]),
        # a hospital visit that is no injury of the counted people
        ("Aid workers rushed to the scene with three ambulances.", []),
    ],
)
def test_figures_read_a_hospital_stay_as_injured(text: str, expected: list[tuple]) -> None:
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a single after a plural count and a comma, with another count listed after it: the list's next part
        (
            "Three civilians, a soldier and two rebels were killed.",
            [(K, CIV, 3, 3), (K, SEC, 1, 1), (K, MIL, 2, 2)],
        ),
        (
            "The raid killed four farmers, a policeman and two gunmen.",
            [(K, CIV, 4, 4), (K, SEC, 1, 1), (K, MIL, 2, 2)],
        ),
        # ... a single after a single names the victim before
        ("One civilian, a retired judge, was killed.", [(K, CIV, 1, 1)]),
        # ... and a single with no count listed after it is no victim of its own
        ("The blast killed three people, a police officer said.", [(K, UNS, 3, 3)]),
        ("Six guards (PGU), a unit of the palace, were wounded.", [(W, SEC, 6, 6)]),
    ],
)
def test_figures_a_single_listed_after_a_plural_count(text: str, expected: list[tuple]) -> None:
    assert all_figure_tuples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counts in apposition that add up to the count before are its parts; one category they share names it
        (
            "The shell killed two people, a guard and a baker.",
            [(UNS, 2, False), (SEC, 1, True), (CIV, 1, True)],
        ),
        ("Three people, a woman and her two sons, were killed.", [(CIV, 3, False), (CIV, 3, True)]),
        (
            "Three policemen, a sergeant and two constables, were hurt.",
            [(SEC, 3, False), (SEC, 1, True), (SEC, 2, True)],
        ),
        # ... not counts that add up to something else, nor another category after a named one
        ("Two soldiers, a guard and a baker were killed.", [(SEC, 3, False), (CIV, 1, False)]),
        ("Four soldiers, a baker and three boys were hurt.", [(SEC, 4, False), (CIV, 4, False)]),
        # a list of one category is summed, unless its first count names the whole kind or the rest stand
        # in apposition
        ("Three guards, two policemen and one soldier died.", [(SEC, 6, False)]),
        (
            "Ten civilians, four women and six children died.",
            [(CIV, 10, False), (CIV, 4, True), (CIV, 6, True)],
        ),
    ],
)
def test_figures_a_breakdown_in_apposition(text: str, expected: list[tuple]) -> None:
    found = [f for _, _, f, *_ in figures_in_text(text, LEXICON)]
    assert [(f.category.value, f.min, f.part_of_total) for f in found] == expected


SCREEN_TEXTS = [
    "The ferry was KILLED-free; no one died.",
    "Fishermen said the storm wounded nobody.",
    "A quiet market day in the old town.",
    "Casualties: none reported at the pier.",
]


def _words_screened(words: frozenset[str], text: str) -> bool:
    return not words.isdisjoint(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("text", SCREEN_TEXTS)
def test_screen_pattern_finds_a_word_as_the_word_set_does(text: str):
    lexicon = LEXICON
    for words, pattern in (
        (lexicon.cue_screen, lexicon.cue_screen_pattern),
        (lexicon.stance_screen, lexicon.stance_screen_pattern),
    ):
        assert (pattern.search(text.lower()) is not None) is _words_screened(words, text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("kiledwoundaptysKILD -_.’'1")), max_size=60))
def test_screen_pattern_never_differs_from_the_word_set(text: str):
    lexicon = LEXICON
    pattern = lexicon.cue_screen_pattern
    assert (pattern.search(text.lower()) is not None) is _words_screened(lexicon.cue_screen, text)


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # a part of the victims with a category of its own is told as a statement of its own
        ("Four of the dead were border guards.", [(K, SEC, 4, 4)]),
        ("The clinic took in 11 of the injured.", [(W, UNS, 11, 11)]),
        # what a part of the dead had, or the state of a part of the wounded: no toll of its own
        ("The prosecutor said three of the dead had served in the militia.", []),
        ("Nine of the wounded are in a grave condition.", []),
        ("Doctors said that six of the injured were still unconscious.", []),
        # ... but what was done to a part of the dead is still told of them
        ("Two of the dead had been shot at close range.", [(K, UNS, 2, 2)]),
    ],
)
def test_figures_a_part_told_of_is_no_toll(text: str, own: list[tuple]) -> None:
    found = figures_in_text(text, LEXICON)
    assert sorted((f[2].outcome.value, f[2].category.value, f[2].min, f[2].max) for f in found if f[5]) == own


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the" before one victim in the singular, subject of "was": one victim
        ("The fisherman was shot dead on the jetty.", [(K, CIV, 1, 1)]),
        ("The sergeant, a veteran of the northern front, was killed.", [(K, SEC, 1, 1)]),
        ("Witnesses said the baker was wounded by shrapnel.", [(W, CIV, 1, 1)]),
        # a plural or a group after "the" is no single victim
        ("The herders were killed.", []),
        ("The police was attacked at dawn.", []),
    ],
)
def test_figures_a_definite_single_victim(text: str, expected: list[tuple]) -> None:
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day told between the parts of a passive verb
        ("Seven miners were yesterday killed by bandits.", [(K, CIV, 7, 7)]),
        ("Two wardens were on Sunday shot dead at the gate.", [(K, SEC, 2, 2)]),
        ("Five porters were last night wounded by a mine.", [(W, CIV, 5, 5)]),
    ],
)
def test_figures_a_day_inside_the_passive_verb(text: str, expected: list[tuple]) -> None:
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a toll's number is a numeral: an article far after it opens no count of one
        ("The death toll is expected to rise as rescuers dig through the ruined home of a farmer.", []),
        ("The toll is expected to rise as crews search the burned shop of a tailor.", []),
        ("The death toll has risen to a dozen.", [(K, UNS, 12, 12)]),
        ("The death toll rose to one.", [(K, UNS, 1, 1)]),
        ("The toll climbed to 14 people overnight.", [(K, UNS, 14, 14)]),
        # an aside between the toll and its number, with a count of its own inside, is passed over
        ("The death toll, which now includes four nurses, has climbed to 27.", [(K, UNS, 27, 27)]),
        ("The toll, including two medics, stood at 18 on Friday.", [(K, UNS, 18, 18)]),
        ("The death toll from the raid, which began before dawn, rose to 9.", [(K, UNS, 9, 9)]),
    ],
)
def test_figures_a_toll_counts_in_numbers(text: str, expected: list[tuple]) -> None:
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one death told as a count of its own
        ("The clash near the quarry left 1 fatality.", [(K, UNS, 1, 1)]),
        ("No fatality was recorded after the brawl.", [(K, UNS, 0, 0)]),
        # a pronoun as the subject of a passive killing verb or of "died", or the object of a killing verb
        ("Neighbours said he was stabbed to death outside the bakery.", [(K, UNS, 1, 1)]),
        ("Two weeks later she died in a clinic in the capital.", [(K, UNS, 1, 1)]),
        ("The guard fired back, killing him.", [(K, UNS, 1, 1)]),
        ("Masked men shot him dead near the ferry.", [(K, UNS, 1, 1)]),
        ("He was arrested and later released on bail.", []),
        ("She killed herself, the family said.", []),
        ("Rebels killed her brother at the well.", [(K, CIV, 1, 1)]),
        # "the body of" one victim, the death of one victim
        ("The body of a tailor was found in a ditch.", [(K, CIV, 1, 1)]),
        ("A farmer carried the body of a teacher down the hill.", []),
        ("The quarrel led to the death of the shepherd.", [(K, CIV, 1, 1)]),
        ("His uncle died in the fire the next morning.", [(K, CIV, 1, 1)]),
        ("Raiders killed the owner of the mill.", [(K, CIV, 1, 1)]),
        # a participle clause or an "of" complement between the victims and their verb
        ("Four guards escorting the grain lorry were shot dead.", [(K, SEC, 4, 4)]),
        ("Nine soldiers from the mountain artillery support battalion were killed.", [(K, SEC, 9, 9)]),
        ("The mayor of the river town was shot dead.", [(K, CIV, 1, 1)]),
        ("The elder of the clan later succumbed to his wounds.", [(K, CIV, 1, 1)]),
        # a first passive verb joined to the casualty verb by "and"
        ("Three herders were dragged from their huts and killed by the militia.", [(K, CIV, 3, 3)]),
        ("A nurse was abducted on the road and later found dead.", [(K, CIV, 1, 1)]),
        ("Six traders were abducted and released the next day.", []),
        # a bare count "reported" killed
        ("Bandits raided the hamlet, seven reported dead by nightfall.", [(K, UNS, 7, 7)]),
    ],
)
def test_figures_single_victims_and_passive_clauses(text: str, expected: list[tuple]) -> None:
    assert figure_tuples(text) == sorted(expected)


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        # a pronoun or a body points back to the one victim told before
        ("A courier was shot dead at the depot.", "He was killed on the spot.", []),
        ("A courier was shot dead at the depot.", "The body of a porter was found nearby.", []),
        # ... and counts one when no sentence before told of a death
        ("Gunmen stopped a courier at the depot.", "He was killed on the spot.", [(K, 1)]),
        ("Gunmen stopped a courier at the depot.", "The body of a porter was found nearby.", [(K, 1)]),
        # a toll of more than one is no toll of this one victim
        ("Three couriers were shot dead at the depot.", "Days later she died.", [(K, 1)]),
    ],
)
def test_figures_a_pronoun_or_a_body_refers_to_a_victim_told_before(
    first: str, second: str, kept: list[tuple]
) -> None:
    settled = settle_references([_said(0, first), _said(60, second)])
    assert [(m.figure.outcome.value, m.figure.min) for m in settled[1].figures] == kept

"""The casualty lexicon: data/casualties.yaml compiled once into phrase indexes (casualties/phrases.py)
and regular expressions."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

from conflictdb.datafiles import DATA_DIR, load_yaml
from conflictdb.extract.casualties.display import DisplayLexicon, load_display_lexicon
from conflictdb.extract.casualties.grammar import Grammar, Reach, load_grammar, load_reach
from conflictdb.extract.casualties.numbers import NumberGrammar
from conflictdb.extract.casualties.phrases import (
    PhraseIndex,
    alternation,
    build_index,
    norm,
    words_pattern,
)
from conflictdb.extract.dates.lexicon import DateLexicon, fill_calendar_words, load_date_lexicon
from conflictdb.extract.prefix_tree import word_screen
from conflictdb.extract.token_stream import tokenize
from conflictdb.records import replace

CASUALTIES_FILE = "casualties.yaml"
KILLED, INJURED, COMBINED, INHERIT = "killed", "injured", "combined", "inherit"
FOREIGN = "foreign"  # a victim-phrase word that marks foreign forces ("coalition", "NATO")
DEAD = "dead"  # a victim word that counts the dead by itself: "17 bodies"
EPITHET = "epithet"  # "crusaders": forces when a nationality goes with it


@dataclass(frozen=True, slots=True)
class CueWord:
    """What one cue phrase tells: the outcome and on which side the victims stand."""

    outcome: str  # killed, injured, combined
    after: bool  # victims before the cue: "5 soldiers were killed"
    before: bool  # victims after the cue: "killing 5 soldiers"
    toll: bool = False  # "the death toll rose to 50": the number may come a few words later
    forces_only: bool = False  # "lost four soldiers", "lost his two sons": a side's or a family's losses
    reference: bool = False  # "the body of a porter": a victim whom an earlier toll of one may have counted


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: it holds dicts
class CasualtyLexicon:
    """Everything `find_figures` and `find_stance` read, compiled once."""

    numbers: NumberGrammar
    cue_index: PhraseIndex
    cue_screen: frozenset[str]  # a sentence without one of these words has no figure
    cue_screen_pattern: re.Pattern[str]  # finds a word of `cue_screen` in lower-cased text (`word_screen`)
    stance_screen: frozenset[str]  # words without which a sentence has no casualty stance
    stance_screen_pattern: re.Pattern[str]  # the same for `stance_screen`
    cue_words: dict[str, CueWord]
    split_killed_cue: re.Pattern[str]  # "shot two men to death": the verb is a cue of the victims after it
    toll_end_words: frozenset[str]
    toll_max_gap: int
    toll_verbs: frozenset[str]  # "rose", "reached": a toll gap with one of these may be long
    toll_max_long_gap: int
    toll_articles: frozenset[str]  # "a", "an": a word that opens no toll's number
    toll_category: re.Pattern[str]  # "the civilian death toll": whose toll it is (group "word")
    toll_category_of: dict[str, str]  # that word -> its category
    passive_gap: frozenset[str]
    dangling_end: re.Pattern[str]  # a relative clause ending on one of these goes on past the cue
    participle_gap: re.Pattern[str]  # "five guards escorting the convoy were killed": a participle clause
    coordinated_passive: re.Pattern[str]  # "were taken from their homes and": a first passive verb
    found_after: re.Pattern[str]  # "the body of a porter ... was found": a body told found
    active_gap: frozenset[str]
    parenthetical: re.Pattern[str]
    subcount_before: re.Pattern[str]
    subcount_after: re.Pattern[str]  # "... were also among the dead"
    subcount_of: re.Pattern[str]
    subcount_of_outcome: dict[str, str]
    where_part: re.Pattern[str]  # "13 on the spot": a count told by where the victims died
    part_had: re.Pattern[str]  # "two of the dead had records": what a part of the victims had
    part_subject_before: re.Pattern[str]  # "..., seven of the wounded are": a part opening its clause
    partitive_reference: re.Pattern[str]  # "of the four injured, two died": the four were counted before
    single_subject_verb: re.Pattern[str]  # "the driver, a father of two, was": one victim's own verb
    single_object_before: re.Pattern[str]  # "killing the driver": one victim, the object of a killing verb
    single_subject_died: re.Pattern[str]  # "the guard later died": one victim's own "died"
    single_subject_opens: re.Pattern[str]  # ... when "the" opens its sentence or clause
    group_nouns: frozenset[str]  # "the police was": a group, not one victim
    breakdown_heads: frozenset[str]  # "12 civilians, 5 women and 7 children": words that name a whole kind
    irregular_plurals: tuple[str, ...]  # "men", "children": endings of plurals without an "s"
    list_words: re.Pattern[str]  # "as well as", "in addition to": read as "and"
    list_gap: re.Pattern[str]  # what may stand between two parts of one list of victims
    modal_words: frozenset[str]
    estimate_modals: frozenset[str]  # "may have been killed": an estimate, not a threat
    negation_words: frozenset[str]
    aux_skip: frozenset[str]
    zero_word: re.Pattern[str]
    ordinal_one: re.Pattern[str]  # "a sixth": one more victim
    pronoun_subject: re.Pattern[str]  # "he was shot dead", "she later died": one victim
    pronoun_object: re.Pattern[str]  # "him", "her" closed by punctuation or a preposition
    pronoun_dead_after: re.Pattern[str]  # "shot him dead": the pronoun between a verb and "dead"
    zero_noun: re.Pattern[str]
    zero_noun_outcome: dict[str, str]
    self_counting: re.Pattern[str]  # "bodies": a word that tells a death without any cue
    adjective: re.Pattern[str]  # "nine dead women", "33 wounded people"
    adjective_outcome: dict[str, str]
    victim_index: PhraseIndex  # case-insensitive phrases
    victim_cased: PhraseIndex  # acronyms and nationalities, case-sensitive
    victim_kinds: dict[str, str]  # phrase (lower case, or as written when cased) -> category, FOREIGN, "@XX"
    inherit: re.Pattern[str]
    member_nouns: frozenset[str]  # "students of a military academy": the group they belong to decides
    kin_words: frozenset[str]  # "army wives": kin of a force stay civilians (not "army medics")
    open_victim: re.Pattern[str]  # "a goat herder was shot dead": one victim (group "noun")
    open_object: re.Pattern[str]  # "gunmen killed a tax collector at ...": one victim (group "noun")
    open_victim_stop: frozenset[str]  # "a number of", "a day": words of no person's noun phrase
    open_victim_civilian: tuple[str, ...]  # agent-noun endings ("-er"): a trade, a civilian
    state_voice: re.Pattern[str]  # "Israeli military said": a state's voice right after a nationality
    state_name_voice: tuple[re.Pattern[str], dict[str, str]]  # "Russia said": the pattern, name -> code
    all_of_them: re.Pattern[str]  # "12 people, all of them civilians": the apposition names them all
    civilian_activity: re.Pattern[str]  # "20 people attending a funeral": what they did makes them civilians
    both_sides: re.Pattern[str]  # "fighters on both sides": no side's category
    possessor_gap: re.Pattern[str]  # "Arakan Army fighters, who lost five men"
    loss_of_own: re.Pattern[str]  # "lost his three sons": a possessive says whose dead they were
    loss_names_the_speaker: re.Pattern[str]  # "a farmer who lost his son told us": no toll of its own
    ellipsis_before: re.Pattern[str]  # "a local elder said 35": the figure before, another number
    place_part_before: re.Pattern[str]  # "two in A and three in B": a toll told at its place, a list gap
    place_part_after: re.Pattern[str]  # ... and the bare number's own place
    default_foreign: frozenset[str]
    non_count: re.Pattern[str]
    date_before: re.Pattern[str]
    age_before: re.Pattern[str]  # "a boy of 12", "aged 30": the number is an age
    date_after: re.Pattern[str]
    stance_denied: tuple[re.Pattern[str], ...]
    stance_disowned_screen: tuple[str, ...]  # lower-case pieces one of which both patterns below need
    stance_disowned: re.Pattern[str]  # "denied any involvement": a party's part denied, not the deaths
    stance_denied_harm: re.Pattern[str]  # "denied that civilians had been hit": no casualty word needed
    stance_hypothetical: tuple[re.Pattern[str], ...]
    stance_question: tuple[re.Pattern[str], ...]  # "asked whether ..."
    question_start: re.Pattern[str]  # "Is it true that ...", "How many ...": a question without "?"
    stance_about_civilians: re.Pattern[str]  # what a denial or threat is about: civilians, ...
    stance_about_killed: re.Pattern[str]  # ... the dead ...
    stance_about_injured: re.Pattern[str]  # ... or the hurt
    casualty_word: re.Pattern[str]
    void_clause: tuple[re.Pattern[str], ...]  # figures from here to the clause end are not told
    void_sentence: re.Pattern[str]  # "if confirmed": no figure of the sentence is told
    clause_end: re.Pattern[str]
    display: DisplayLexicon  # headline copies, headings, captions: figures the body repeats
    grammar: Grammar  # the small words of the gaps between victims and cues
    reach: Reach  # how far rules look


def _injury_phrases(data: dict) -> list[str]:
    """ "sustained shrapnel wounds", "were treated for injuries": verb + adjective? + noun."""
    spec = data["injury_phrases"]
    adjectives = [""] + [f"{a} " for a in spec["adjectives"]]
    return [f"{v} {a}{n}" for v, a, n in itertools.product(spec["verbs"], adjectives, spec["nouns"])]


def _cue_words(data: dict) -> dict[str, CueWord]:
    """Every cue phrase with its outcome and sides; toll phrases included."""
    words: dict[str, CueWord] = {}
    sides = {outcome: dict(s) for outcome, s in data["cues"].items()}
    sides[INJURED]["after"] = list(sides[INJURED]["after"]) + _injury_phrases(data)
    for outcome, by_side in sides.items():
        for side in ("after", "before"):
            for phrase in by_side.get(side, []):
                key = norm(phrase)
                old = words.get(key, CueWord(outcome, False, False))
                words[key] = replace(old, **{side: True})
    for outcome, phrases in data["toll"]["cues"].items():
        for phrase in phrases:
            words[norm(phrase)] = CueWord(outcome, False, True, toll=True)
    for phrase in data["forces_only_cues"]:
        words[norm(phrase)] = replace(words[norm(phrase)], forces_only=True)
    for phrase in data["reference_cues"]:
        words[norm(phrase)] = replace(words[norm(phrase)], reference=True)
    return words


def _victim_kinds(data: dict) -> tuple[dict[str, str], list[str], list[str]]:
    """Victim phrases -> kind, split into case-insensitive phrases and case-sensitive ones."""
    kinds: dict[str, str] = {}
    plain: list[str] = []
    cased: list[str] = []
    entries = [(p, c) for c, ps in data["categories"].items() for p in ps]
    entries += [(p, DEAD) for p in data["body_nouns"]]
    for phrase, kind in entries:
        phrase = str(phrase)
        if phrase.isupper() and len(phrase) > 1:
            kinds[phrase] = kind
            cased.append(phrase)
        else:
            kinds.setdefault(norm(phrase), kind)
            plain.append(phrase)
    for phrase in map(str, data["force_epithets"]):  # "crusaders": forces only with a nationality
        kinds[norm(phrase)] = EPITHET
        plain.append(phrase)
    for code, names in data["national_forces"].items():  # "IRGC": forces of one state
        for name in map(str, names):
            kinds[name] = f"%{code}"
            cased.append(name)
    for phrase in map(str, data["always_foreign"]):  # "peacekeeper": foreign whatever else it is
        if phrase.isupper() and len(phrase) > 1:
            kinds[phrase] = FOREIGN
            cased.append(phrase)
        else:
            kinds[norm(phrase)] = FOREIGN
            plain.append(phrase)
    nations = [
        (code, names) for key in ("demonyms", "state_possessives") for code, names in data[key].items()
    ]
    for code, names in nations:
        for name in names:
            kinds[str(name)] = f"@{code}"
            cased.append(str(name))
    return kinds, plain, cased


def _state_name_voice(data: dict) -> tuple[re.Pattern[str], dict[str, str]]:
    """ "Russia said": a state's name before a verb of saying (not "Russia said it killed"), and each
    name's country code."""
    codes = {str(name): code for code, names in data["state_names"].items() for name in names}
    names = "|".join(re.escape(n) for n in sorted(codes, key=len, reverse=True))
    agent = rf"(?!{data['state_name_voice']}{data['state_as_agent']})"
    pattern = re.compile(rf"(?<![\w-])(?P<name>{names})(?={data['state_name_voice']}){agent}", re.UNICODE)
    return pattern, codes


def _subcount_of(data: dict) -> tuple[re.Pattern[str], dict[str, str]]:
    """The "N of the dead were ..." pattern and the outcome of each of its phrases."""
    outcome = {norm(p): o for o, ps in data["subcount_of"].items() for p in ps}
    pattern = re.compile(
        rf"\s+of\s+(?P<of>{alternation(list(outcome))})\b\s*,?\s*(?:(?:were|was|are|being|,)\s+)?",
        re.IGNORECASE,
    )
    return pattern, outcome


def _patterns(items: list[str], cas: str, deny: str = "") -> tuple[re.Pattern[str], ...]:
    """The patterns with {CAS} and {DENY} filled in, as one alternation (one search instead of many)."""
    filled = (p.replace("{CAS}", cas).replace("{DENY}", deny) for p in items)
    return (re.compile("|".join(f"(?:{p})" for p in filled), re.IGNORECASE),)


def _adjective(data: dict) -> tuple[re.Pattern[str], dict[str, str]]:
    """ "nine dead women": a cue word between a number and its victim noun, with its outcome."""
    spec = data["adjective_cues"]
    outcome = {norm(w): o for o, ws in spec["words"].items() for w in ws}
    adverbs = alternation(spec["adverbs"])
    pattern = re.compile(
        rf"\s*[\"“”']?(?:(?:{adverbs})\s+)?(?P<adj>{alternation(list(outcome))})[\"“”']?(?=\s+\w)", re.I
    )
    return pattern, outcome


def _cue_screen(phrases: list[str], stop_words: list[str]) -> frozenset[str]:
    """One word of every cue phrase (a one-word cue itself, else the longest content word): a sentence
    without any of them has no cue."""
    stop = {norm(w) for w in stop_words}
    tokenized = [[t for _, _, t in tokenize(p.lower()) if t[0].isalnum()] for p in phrases]
    words = {ts[0] for ts in tokenized if len(ts) == 1}
    for tokens in tokenized:
        if tokens and words.isdisjoint(tokens):
            words.add(max([t for t in tokens if t not in stop] or tokens, key=len))
    return frozenset(words)


OPEN_NOUN = r"(?P<noun>(?:[A-Za-z][\w-]*\s+){0,2}[a-z][a-z-]*)"  # "goat herder", "Chinese engineer"


def _open_victim(data: dict) -> re.Pattern[str]:
    """A singular article, one to three words, the last in lower case (group "noun"), and a passive
    casualty verb."""
    return re.compile(
        rf"(?<![\w-])(?i:{alternation(data['article'])})\s+{OPEN_NOUN}"
        rf"\s+(?:{alternation(data['aux'])})\s+(?:[a-z]+ly\s+)?(?:{alternation(data['verbs'])})(?![\w-])"
    )


def _open_object(data: dict) -> re.Pattern[str]:
    """A killing verb, a singular article and one to three words, the last in lower case (group "noun"),
    that a preposition, a clause word or punctuation closes."""
    return re.compile(
        rf"(?<![\w-])(?i:{alternation(data['object_verbs'])})\s+(?i:{alternation(data['article'])})\s+"
        rf"{OPEN_NOUN}{data['object_end']}"
    )


def load_casualty_lexicon(
    data_dir: Path = DATA_DIR, *, numbers: NumberGrammar, dates: DateLexicon | None = None
) -> CasualtyLexicon:
    """Read data/casualties.yaml into a compiled `CasualtyLexicon` that reads quantities with `numbers`
    and fills its calendar placeholders from the date lexicon `dates` (read from `data_dir` if not given)."""
    data = load_yaml(CASUALTIES_FILE, data_dir=data_dir)
    dates = dates if dates is not None else load_date_lexicon(data_dir)
    cue_words = _cue_words(data)
    cue_screen = _cue_screen(list(cue_words) + list(map(str, data["body_nouns"])), data["screen_stop_words"])
    kinds, plain, cased = _victim_kinds(data)
    subcount_of, subcount_of_outcome = _subcount_of(data)
    stance = data["stance"]
    stance_screen = frozenset(stance["screen_words"]) | cue_screen
    cas = "(?:" + "|".join(stance["casualty_words"]) + ")"
    deny = f"(?:{stance['denial_verb']})"
    zero_nouns = {norm(p): o for o, ps in data["zero_nouns"].items() for p in ps}
    non_count = alternation([str(p) for p in data["non_count_after"] if str(p)[0].isalnum()])
    date_words = alternation(fill_calendar_words(data["date_words"], dates))
    adjective, adjective_outcome = _adjective(data)
    list_words = alternation(data["list_words"])
    possessives = "|".join(map(re.escape, data["grammar"]["possessive_determiners"]))
    described = data["described_as"]
    toll_words = {norm(w): c for c, ws in data["toll"]["category_words"].items() for w in ws}
    return CasualtyLexicon(
        numbers=numbers,
        cue_index=build_index({phrase: phrase for phrase in cue_words}),
        cue_screen=cue_screen,
        cue_screen_pattern=word_screen(cue_screen),
        stance_screen=stance_screen,
        stance_screen_pattern=word_screen(stance_screen),
        cue_words=cue_words,
        split_killed_cue=re.compile(data["split_killed_cue"], re.IGNORECASE),
        toll_end_words=frozenset(data["toll"]["gap_end_words"]),
        toll_max_gap=int(data["toll"]["max_gap_words"]),
        toll_verbs=frozenset(data["toll"]["verbs"]),
        toll_max_long_gap=int(data["toll"]["max_gap_words_with_verb"]),
        toll_articles=frozenset(norm(w) for w in data["toll"]["article_words"]),
        toll_category=re.compile(rf"(?<![\w-])(?P<word>{alternation(list(toll_words))})['’]?s?\s+$", re.I),
        toll_category_of=toll_words,
        passive_gap=frozenset(norm(w) for w in fill_calendar_words(data["passive_gap_words"], dates)),
        dangling_end=re.compile(rf"\b(?:{alternation(data['relative_dangling_words'])})\W*$", re.IGNORECASE),
        participle_gap=re.compile(data["participle_gap"], re.IGNORECASE),
        coordinated_passive=re.compile(data["coordinated_passive"], re.IGNORECASE),
        found_after=re.compile(data["found_after"], re.IGNORECASE),
        active_gap=frozenset(norm(w) for w in data["active_gap_words"]),
        parenthetical=re.compile(
            rf"\s*[,—–(]\s*(?:{alternation(data['parenthetical_openers'])})\b[^,;()—–]*[,—–)]", re.IGNORECASE
        ),
        subcount_before=re.compile(rf"\b(?:{alternation(data['subcount_before'])})[\s\"“”'’:]*$", re.I),
        subcount_after=re.compile(data["subcount_after"], re.IGNORECASE),
        subcount_of=subcount_of,
        subcount_of_outcome=subcount_of_outcome,
        partitive_reference=re.compile(data["partitive_reference"], re.IGNORECASE),
        where_part=re.compile(data["where_part"], re.IGNORECASE),
        part_had=re.compile(data["part_had"], re.IGNORECASE),
        part_subject_before=re.compile(data["part_subject_before"], re.IGNORECASE),
        single_subject_verb=re.compile(data["single_subject_verb"]),
        single_object_before=re.compile(data["single_object_before"]),
        single_subject_died=re.compile(data["single_subject_died"]),
        single_subject_opens=re.compile(data["single_subject_opens"]),
        group_nouns=frozenset(norm(w) for w in data["group_nouns"]),
        breakdown_heads=frozenset(norm(w) for w in data["breakdown_heads"]),
        irregular_plurals=tuple(norm(w) for w in data["irregular_plural_endings"]),
        list_words=re.compile(rf"(?<![\w-])(?:{list_words})(?![\w-])", re.IGNORECASE),
        list_gap=re.compile(
            rf"\s*,?\s*(?:(?:and|&|{list_words})\s+)?(?:(?:{possessives})\s+)?", re.IGNORECASE
        ),
        modal_words=frozenset(norm(w) for w in data["modal_words"]),
        estimate_modals=frozenset(norm(w) for w in data["estimate_modals"]),
        negation_words=frozenset(norm(w) for w in data["negation_words"]),
        aux_skip=frozenset(norm(w) for w in data["aux_skip"]),
        zero_word=words_pattern(data["zero_words"]),
        ordinal_one=re.compile(data["ordinal_one"], re.IGNORECASE),
        pronoun_subject=re.compile(data["pronoun_subject"], re.IGNORECASE),
        pronoun_object=re.compile(data["pronoun_object"], re.IGNORECASE),
        pronoun_dead_after=re.compile(data["pronoun_dead_after"], re.IGNORECASE),
        zero_noun=re.compile(
            r"(?<![\w-])no\s+(?P<adj>(?:[\w-]+\s+){0,2}?)"
            rf"(?P<noun>{alternation(list(zero_nouns))})(?![\w-])",
            re.IGNORECASE,
        ),
        zero_noun_outcome=zero_nouns,
        self_counting=words_pattern(data["body_nouns"]),
        adjective=adjective,
        adjective_outcome=adjective_outcome,
        victim_index=build_index({p: kinds[norm(p)] for p in plain}),
        victim_cased=build_index({p: kinds[p] for p in cased}, cased=True),
        victim_kinds=kinds,
        inherit=re.compile(rf"\s+(?:{alternation(data['inherit'])})\b", re.IGNORECASE),
        member_nouns=frozenset(norm(w) for w in data["member_nouns"]),
        kin_words=frozenset(norm(w) for w in data["kin_words"]),
        open_victim=_open_victim(data["open_victim"]),
        open_object=_open_object(data["open_victim"]),
        open_victim_stop=frozenset(norm(w) for w in data["open_victim"]["stop_words"]),
        open_victim_civilian=tuple(data["open_victim"]["civilian_endings"]),
        state_voice=re.compile(data["state_voice"], re.IGNORECASE),
        state_name_voice=_state_name_voice(data),
        all_of_them=re.compile(rf"\s*[,(—–]\s*(?:{alternation(described['all_of_them'])})\s+", re.IGNORECASE),
        civilian_activity=re.compile(
            rf"{described['clause_opener']}(?:{alternation(described['civilian_activities'])})(?![\w-])",
            re.IGNORECASE,
        ),
        both_sides=re.compile(rf"\s+(?:{alternation(data['both_sides'])})\b", re.IGNORECASE),
        possessor_gap=re.compile(data["possessor_gap"], re.IGNORECASE),
        loss_of_own=re.compile(data["loss_of_own"], re.IGNORECASE),
        loss_names_the_speaker=re.compile(data["loss_names_the_speaker"], re.IGNORECASE),
        ellipsis_before=re.compile(data["ellipsis_before"], re.IGNORECASE),
        place_part_before=re.compile(data["place_part"]["before"]),
        place_part_after=re.compile(data["place_part"]["after"]),
        default_foreign=frozenset(data["default_foreign"]),
        non_count=re.compile(rf"(?:\s*-?\s*(?:{non_count})(?![a-z])|[:/%]|\.\d|\s*(?:%|per\s+cent))", re.I),
        date_before=re.compile(rf"\b(?:{date_words})\.?\s*$", re.IGNORECASE),
        age_before=re.compile(data["age_before"], re.IGNORECASE),
        date_after=re.compile(rf"\s*(?:{date_words})\b", re.IGNORECASE),
        stance_denied=_patterns(stance["denied"], cas, deny),
        stance_disowned_screen=tuple(str(w) for w in stance["disowned_screen"]),
        stance_disowned=_patterns(stance["disowned"], cas, deny)[0],
        stance_denied_harm=_patterns(stance["denied_harm"], cas, deny)[0],
        stance_hypothetical=_patterns(stance["hypothetical"], cas),
        stance_question=_patterns(stance["question"], cas),
        question_start=re.compile(stance["question_start"], re.IGNORECASE),
        stance_about_civilians=re.compile(stance["about_civilians"], re.IGNORECASE),
        stance_about_killed=re.compile(stance["about_killed"], re.IGNORECASE),
        stance_about_injured=re.compile(stance["about_injured"], re.IGNORECASE),
        casualty_word=re.compile(rf"\b{cas}", re.IGNORECASE),
        void_clause=_patterns(data["void"]["clause"], cas, deny),
        void_sentence=re.compile(data["void"]["sentence"], re.IGNORECASE),
        clause_end=re.compile(data["void"]["clause_end"], re.IGNORECASE),
        display=load_display_lexicon(data["display"], dates=dates),
        grammar=load_grammar(data["grammar"]),
        reach=load_reach(data["reach"]),
    )

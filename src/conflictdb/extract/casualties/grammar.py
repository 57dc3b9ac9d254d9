"""The closed-class words, short patterns and reach windows that bind victims to their cues: the `grammar`
and `reach` sections of data/casualties.yaml, compiled once into the lexicon's `grammar`."""

from __future__ import annotations

import re
from dataclasses import dataclass

MASK = "\x00"  # stands for another victim phrase inside a gap
ACRONYM = r"\((?-i:[A-Z][A-Z0-9.&-]+)\)"  # "14 army (SPLA) soldiers": inside a victim phrase


@dataclass(frozen=True, slots=True)
class Reach:
    """How far a rule looks from the words it starts at, in characters (`*_words`: in words)."""

    modality_chars: int
    modality_words: int
    possessor_chars: int
    toll_category_chars: int
    partitive_reference_chars: int
    subcount_before_chars: int
    of_end_chars: int
    ellipsis_chars: int
    victim_phrase_chars: int
    article_chars: int
    possessive_chars: int
    possessive_of_chars: int
    single_before_chars: int
    age_before_chars: int
    date_before_chars: int
    stance_before_chars: int
    stance_after_chars: int
    phrase_prefix_words: int
    named_gap_words: int


@dataclass(frozen=True, slots=True)
class Grammar:
    """Words and patterns of the gaps between victims and cues, and of victim phrases' edges."""

    aux: frozenset[str]
    passive_aux: frozenset[str]  # "two men who had killed a guard" is active
    list_tokens: frozenset[str]  # the possessive determiners and MASK included
    list_joints: frozenset[str]
    list_lead: re.Pattern[str]
    including_mask: re.Pattern[str]
    pp_gap: re.Pattern[str]
    relative_gap: re.Pattern[str]
    subject_of_verb: re.Pattern[str]
    toll_aside: re.Pattern[str]
    split_killed_screen: tuple[str, ...]
    object_lead: re.Pattern[str]
    reflexive: re.Pattern[str]
    among_group: re.Pattern[str]
    lives_after: re.Pattern[str]
    among_after: re.Pattern[str]
    same_number: str
    zero_noun_civilians: tuple[str, ...]
    zero_noun_security_forces: tuple[str, ...]
    child_words: re.Pattern[str]
    women_words: re.Pattern[str]
    phrase_stop: re.Pattern[str]
    connect: re.Pattern[str]
    coordinators: frozenset[str]
    coordinator: re.Pattern[str]
    complement: re.Pattern[str]
    member_from: re.Pattern[str]
    bare_end: re.Pattern[str]
    bare_adverbs: re.Pattern[str]
    plural_nouns: frozenset[str]
    member_of: re.Pattern[str]
    name_apposition: re.Pattern[str]
    single_article: re.Pattern[str]
    possessives: frozenset[str]
    partitive: re.Pattern[str]
    bare_year: re.Pattern[str]
    pronoun_screen: tuple[str, ...]
    plain_people: re.Pattern[str]
    of_them: re.Pattern[str]


def _checked(words: list[str]) -> list[str]:
    """The words, when each is one: a word YAML read as another type ("on" is true) is an error, not a
    word that silently goes missing."""
    for word in words:
        if not isinstance(word, str):
            raise ValueError(f"casualties.yaml grammar: {word!r} is not a word; quote it in the data file")
    return words


def _any(words: list[str]) -> str:
    """Words as a regex alternation in the order given."""
    return "|".join(re.escape(w) for w in _checked(words))


def _connect(data: dict) -> re.Pattern[str]:
    """What may join two victim words of one phrase: quotes, an acronym or a bracket, a complement or a
    coordinator, determiners, and one more modifier ("the civilian defence force")."""
    joiners = _any(data["complements"] + data["coordinators"])
    words = _any([w for w in _checked(data["complements"] + data["coordinators"]) if w.isalnum()])
    return re.compile(
        rf"[\s\"'“”‘’]*(?:{ACRONYM}\s*|\(\s*|(?<=(?-i:[A-Z]))\)\s*)?(?:(?:{joiners})\s+)?"
        rf"(?:(?:{_any(data['phrase_determiners'])}|[\w-]+['’]s)\s+)*"
        rf"(?:(?!(?:{words})\s)[\w-]+\s+)?",
        re.IGNORECASE,
    )


def _phrase_stop(data: dict) -> re.Pattern[str]:
    """Where a victim phrase ends: a punctuation mark (not an acronym's bracket), or a stop word."""
    return re.compile(
        rf"[,.;:!?\[\]—–]|\((?!{ACRONYM[2:]})|(?<!(?-i:[A-Z0-9.]))\)|\s-\s|"
        rf"(?<![\w-])(?!(?-i:IS)\b)(?:{_any(data['phrase_stop_words'])})(?![\w-])",
        re.IGNORECASE,
    )


def _coordinator(data: dict) -> re.Pattern[str]:
    """A coordinating word, or a sign such as "&" that needs no word boundary."""
    words = [w for w in _checked(data["coordinators"]) if w.isalnum()]
    signs = [w for w in _checked(data["coordinators"]) if not w.isalnum()]
    return re.compile(rf"(?<![\w-])(?:{_any(words)})(?![\w-])|{_any(signs)}", re.IGNORECASE)


def load_grammar(data: dict) -> Grammar:
    """Compile the `grammar` section of data/casualties.yaml."""
    aux = frozenset(_checked(data["auxiliaries"]))
    ignore = re.IGNORECASE
    return Grammar(
        aux=aux,
        passive_aux=aux - frozenset(_checked(data["perfect_auxiliaries"])),
        list_tokens=frozenset(_checked(data["list_tokens"] + data["possessive_determiners"])) | {MASK},
        list_joints=frozenset(_checked(data["list_joints"])),
        list_lead=re.compile(data["list_lead"], ignore),
        including_mask=re.compile(data["including_mask"], ignore),
        pp_gap=re.compile(data["pp_gap"], ignore),
        relative_gap=re.compile(data["relative_gap"], ignore),
        subject_of_verb=re.compile(data["subject_of_verb"], ignore),
        toll_aside=re.compile(data["toll_aside"], ignore),
        split_killed_screen=tuple(_checked(data["split_killed_screen"])),
        object_lead=re.compile(data["object_lead"]),
        reflexive=re.compile(data["reflexive"]),
        among_group=re.compile(data["among_group"], ignore),
        lives_after=re.compile(data["lives_after"], ignore),
        among_after=re.compile(data["among_after"], ignore),
        same_number=str(data["same_number"]),
        zero_noun_civilians=tuple(_checked(data["zero_noun_civilians"])),
        zero_noun_security_forces=tuple(_checked(data["zero_noun_security_forces"])),
        child_words=re.compile(data["child_words"], ignore),
        women_words=re.compile(data["women_words"], ignore),
        phrase_stop=_phrase_stop(data),
        connect=_connect(data),
        coordinators=frozenset(_checked(data["coordinators"])),
        coordinator=_coordinator(data),
        complement=re.compile(rf"(?<![\w-])(?:{_any(data['complements'])})(?![\w-])", ignore),
        member_from=re.compile(rf"\s+(?:{_any(data['member_from'])})\s+", ignore),
        bare_end=re.compile(rf"\s*(?:{_any(data['bare_end'])})\b", ignore),
        bare_adverbs=re.compile(rf"(?:\s+(?:[a-z]{{2,}}ly|{_any(data['bare_adverbs'])}))+\s*"),
        plural_nouns=frozenset(_checked(data["plural_nouns"])),
        member_of=re.compile(rf"\b(?:{_any(data['member_of'])})\s+of\s+$", ignore),
        name_apposition=re.compile(data["name_apposition"]),
        single_article=re.compile(rf"\b(?:{_any(data['single_articles'])})\b", ignore),
        possessives=frozenset(_checked(data["possessives"])),
        partitive=re.compile(data["partitive"], ignore),
        bare_year=re.compile(data["bare_year"]),
        pronoun_screen=tuple(_checked(data["pronoun_screen"])),
        plain_people=re.compile(data["plain_people"], ignore),
        of_them=re.compile(data["of_them"], ignore),
    )


def load_reach(data: dict) -> Reach:
    """Read the `reach` section of data/casualties.yaml; every window named once, each a whole number."""
    wanted = set(Reach.__dataclass_fields__)
    if set(data) != wanted:
        missing, unknown = sorted(wanted - set(data)), sorted(set(data) - wanted)
        raise ValueError(f"casualties.yaml reach: missing {missing}, unknown {unknown}")
    bad = sorted(name for name, value in data.items() if not isinstance(value, int) or value < 0)
    if bad:
        raise ValueError(f"casualties.yaml reach: {bad} must be whole numbers of zero or more")
    return Reach(**data)

"""The words of reported speech (data/speech.yaml), compiled once into a `SpeechLexicon`."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from conflictdb.datafiles import DATA_DIR, OUTLETS_FILE, load_yaml
from conflictdb.extract.dates.lexicon import DateLexicon, fill_calendar_words, load_date_lexicon
from conflictdb.extract.prefix_tree import word_screen
from conflictdb.extract.speech.quotes import QuoteRules, quote_rules
from conflictdb.extract.speech.tokens import CONJ, DET, MOD, ORG, PART, PREP, PROLE, PRON, ROLE, STMT
from conflictdb.extract.speech.verbs import SPEECH_FILE, speaker_verbs
from conflictdb.extract.token_stream import join_words, tokenize


@dataclass(frozen=True, slots=True)
class SpeechLexicon:
    """The words of speech attribution, compiled once (see data/speech.yaml)."""

    say_verbs: frozenset[str]
    that_verbs: frozenset[str]
    tell_verbs: frozenset[str]
    inverted_verbs: frozenset[str]
    passive_say_verbs: frozenset[str]  # "the toll was confirmed by X": X spoke
    toll_verbs: frozenset[str]
    toll_objects: frozenset[str]
    not_speech_after: tuple[tuple[str, ...], ...]
    speech_after: tuple[tuple[str, ...], ...]
    statement_verbs: frozenset[str]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    pronoun_blockers: frozenset[str]
    parenthetical_openers: frozenset[str]
    between_subject_and_verb: frozenset[str]
    documents: frozenset[str]
    anaphoric_bodies: frozenset[str]
    titles: frozenset[str]
    title_words: Mapping[str, str]
    abbreviations: frozenset[str]
    word_classes: Mapping[str, str]
    not_name_words: frozenset[str]
    not_speakers: frozenset[str]
    bare_excluded: frozenset[str]
    groups: frozenset[str]
    trigger_words: frozenset[str]
    trigger_screen: re.Pattern[str]  # finds a trigger word as a run of letters a-z (`word_screen`)
    outlets: frozenset[str]  # outlet names, words joined by one space
    outlet_max_words: int
    outlet_openings: frozenset[str]  # every start of an outlet name's first word: "A", "AF", "AFP", ...
    outlet_reference_pattern: re.Pattern[str]
    relay_before: re.Pattern[str]
    relay_after: re.Pattern[str]
    articles: frozenset[str]  # "the", "a", "an"
    definite_determiners: frozenset[str]  # "the official": may refer back
    document_possessives: frozenset[str]  # "according to its report"
    opening_cues: frozenset[str]  # cue words that count capitalised: "According to ..."
    citing_verbs: frozenset[str]  # "citing Y": Y speaks only through the one who cites
    quoted_verbs: frozenset[str]
    quoted_after: frozenset[str]  # "X was quoted as saying"
    be_forms: frozenset[str]  # "was confirmed by", "are reporting"
    participle_blockers: frozenset[str]  # "quoted as saying": no speaker of its own
    plural_collectives: frozenset[str]  # "police estimate": a plural verb after a collective noun
    possessed_after: frozenset[str]  # "by the ministry's count"
    role_enders: frozenset[str]  # words that end an apposition's role, matched as written
    after_inverted_speaker: frozenset[str]  # what may follow "said the governor"
    outlet_reference_verb: re.Pattern[str]  # after "the paper": "also cited", "reported"
    contrast: re.Pattern[str]  # a contrasting clause that opens at a sentence's end: ", while "
    article_end: re.Pattern[str]  # an article that ends a text: "..., while the "
    colon_speaker_max_chars: int
    modifier_shape: re.Pattern[str]  # "pro-government", "Houthi-run"
    describing_shape: re.Pattern[str]  # "London-based": a modifier that describes a body named before
    not_noun_endings: tuple[str, ...]
    general_roles: frozenset[str]  # "the official", "the source": any earlier speaker but a lay one
    acronym_glue: str  # a regex alternation of the lower-case words inside a spelled-out name
    title_abbreviations: tuple[str, ...]  # abbreviated titles whose full stop ends no sentence
    speaker_verbs: frozenset[str]  # the verbs next to a speaker ("X told", "said X"): no word of its name
    indefinite_articles: frozenset[str]  # "a war monitor": a body described, not named
    bare_statement_openers: frozenset[str]  # "the statement", "its report": no issuer named
    outlet_leads: frozenset[str]  # "the" before an outlet's name
    issuer_links_before_verb: frozenset[str]  # "figures from the ministry show"
    issuer_links: frozenset[str]  # "a statement of the army"
    relative_pronouns: frozenset[str]  # ", who said"
    participle_particles: frozenset[str]  # "set up by"
    quotes: QuoteRules  # how far a quote runs on, how long a quote is someone's words
    plural_say_verbs: frozenset[str] = frozenset()
    progressive_say_verbs: frozenset[str] = frozenset()
    participle_say_verbs: frozenset[str] = frozenset()
    lay_roles: frozenset[str] = frozenset()
    anaphoric_modifiers: frozenset[str] = frozenset()
    document_sequels: frozenset[str] = frozenset()  # "a second statement": one of a series already begun
    object_pronouns: Mapping[str, str] = field(default_factory=dict)
    victim_predicates: frozenset[str] = frozenset()
    continuation_blockers: frozenset[str] = frozenset()
    continuation_count_openers: tuple[tuple[str, ...], ...] = ()
    continuation_count_subjects: frozenset[str] = frozenset()
    continuation_max_words: int = 12
    max_cataphora_distance: int = 3
    max_pronoun_distance: int = 8
    media_heads: frozenset[str] = frozenset()  # "television", "news agency": a phrase naming a medium
    document_verbs: frozenset[str] = frozenset()  # "figures from X show": X speaks
    post_modifiers: tuple[tuple[str, ...], ...] = ()  # "sources close to ...": words that describe a speaker
    noun_say_verbs: frozenset[str] = frozenset()  # "reports": a verb unless a noun's follower comes next
    noun_followers: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()  # "while", "whereas": words that open a clause
    possessive_documents: frozenset[str] = frozenset()  # "by the ministry's count": the possessor speaks
    role_synonyms: Mapping[str, frozenset[str]] = field(default_factory=dict)  # "leader" -> {commander, ...}
    vague_role_words: frozenset[str] = frozenset()  # "a local official": words that name no body
    voice_roles: frozenset[str] = frozenset()  # "spokesman": a person who speaks for a body
    partitives: frozenset[str] = frozenset()  # "one of the volunteers": a part of a group speaks
    described_bodies: frozenset[str] = frozenset()  # "a war monitor said": a body the text names next
    clause_break: re.Pattern[str] | None = None  # where a sentence's next clause opens ("..., while")
    leading_clause: re.Pattern[str] | None = None  # a sentence that opens with a subordinate clause
    # the asides and post-modifiers by their last word, in their order: the ones that may end before a token
    asides_by_last_word: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    post_modifiers_by_last_word: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # a memo of word -> (lower-cased base, class, possessive): a cache, not state
    token_memo: dict[str, tuple[str, str, bool]] = field(default_factory=dict, compare=False, repr=False)


def load_speech_lexicon(
    data_dir: Path = DATA_DIR,
    *,
    dates: DateLexicon | None = None,
    raw: Mapping[str, Any] | None = None,
    outlets: Mapping[str, Any] | None = None,
) -> SpeechLexicon:
    """Read data/speech.yaml (its table `raw`, and the outlets of data/outlets.yaml, its table `outlets`)
    into a compiled, immutable lexicon, its calendar placeholders filled from the date lexicon `dates` (each
    read from `data_dir` if not given)."""
    raw = raw if raw is not None else load_yaml(SPEECH_FILE, data_dir=data_dir)
    outlets = outlets if outlets is not None else load_yaml(OUTLETS_FILE, data_dir=data_dir)
    outlet_names = _outlet_names(outlets["outlets"])
    dates = dates if dates is not None else load_date_lexicon(data_dir, speech=raw)
    words = {key: fill_calendar_words(value, dates) for key, value in raw.items() if isinstance(value, list)}
    low = {key: frozenset(w.lower() for w in value) for key, value in words.items()}
    speech = ("plural_say_verbs", "progressive_say_verbs", "participle_say_verbs")
    verbs = (
        low["say_verbs"]
        | low["noun_say_verbs"]
        | low["that_verbs"]
        | low["tell_verbs"]
        | low["toll_verbs"]
        | low["statement_verbs"]
        | low["passive_say_verbs"]
    ).union(*(low[key] for key in speech))
    triggers = (
        verbs
        | low["document_verbs"]
        | low["possessive_documents"]
        | low["opening_cues"]
        | low["quoted_verbs"]
    )
    compiled = dict(
        not_speech_after=tuple(tuple(p.lower().split()) for p in words["not_speech_after"]),
        speech_after=tuple(tuple(p.lower().split()) for p in words["speech_after"]),
        statement_verbs=frozenset(w.split()[0] for w in low["statement_verbs"]),
        asides_by_last_word=_by_last_word(tuple(p.lower().split()) for p in words["asides_before_verb"]),
        post_modifiers_by_last_word=_by_last_word(tuple(p.lower().split()) for p in words["post_modifiers"]),
        object_pronouns={str(k).lower(): str(v).lower() for k, v in raw["object_pronouns"].items()},
        continuation_count_openers=tuple(tuple(p.split()) for p in low["continuation_count_openers"]),
        continuation_max_words=int(raw["continuation_max_words"]),
        max_cataphora_distance=int(raw["max_cataphora_distance"]),
        role_synonyms=_synonyms(raw.get("role_synonyms") or []),
        vague_role_words=frozenset(w.lower() for w in raw.get("vague_role_words") or []),
        clause_words=frozenset(
            w for key in ("clause_openers", "bare_clause_openers", "leading_clause_openers") for w in low[key]
        ),
        post_modifiers=tuple(tuple(p.lower().split()) for p in words["post_modifiers"]),
        clause_break=re.compile(
            rf"(?:;\s*|,\s+(?=(?:{_alternatives(words['clause_openers'])})\s)"
            rf"|\s(?=(?:{_alternatives(words['bare_clause_openers'])})\s))",
            re.IGNORECASE,
        ),
        leading_clause=re.compile(
            rf"^\s*(?:{_alternatives(words['leading_clause_openers'])})\s", re.IGNORECASE
        ),
        title_words={str(k).lower(): str(v).lower() for k, v in raw["title_words"].items()},
        word_classes=_word_classes(low),
        trigger_words=frozenset(triggers),
        trigger_screen=word_screen(triggers, "a-z"),
        outlets=frozenset(" ".join(w.split()) for w in outlet_names),
        outlet_max_words=max(len(join_words(tokenize(w), w)) for w in outlet_names),
        outlet_openings=frozenset(
            w.split()[0][:n] for w in outlet_names for n in range(1, len(w.split()[0]) + 1)
        ),
        outlet_reference_pattern=re.compile(
            r"\b[Tt]he\s+(?:"
            + "|".join(_phrase(w) for w in _longest_first(words["outlet_references"]))
            + r")\b"
        ),
        relay_before=re.compile(
            r"(?:^|\W)(?:" + "|".join(_phrase(w) for w in _longest_first(words["relay_before"])) + r")\s+$",
            re.IGNORECASE,
        ),
        relay_after=re.compile(
            r"^(?:\s*,)?\s+(?:" + "|".join(_phrase(w) for w in _longest_first(words["relay_after"])) + r")\b",
            re.IGNORECASE,
        ),
        outlet_reference_verb=re.compile(
            rf"\s+(?:(?:{_alternatives(words['outlet_reference_adverbs'])})\s+)?"
            rf"(?:{_alternatives(words['outlet_reference_verbs'])})\b"
        ),
        contrast=re.compile(rf",\s+(?:{_alternatives(words['bare_clause_openers'])})\s+$", re.IGNORECASE),
        article_end=re.compile(rf"\b(?:{_alternatives(words['articles'])})\s+$", re.IGNORECASE),
        colon_speaker_max_chars=int(raw["colon_speaker_max_chars"]),
        modifier_shape=re.compile(
            rf"^(?:{_alternatives(words['modifier_prefixes'])})-|-(?:{_alternatives(words['modifier_suffixes'])})$"
        ),
        describing_shape=re.compile(rf"^[a-z]+-(?:{_alternatives(words['describing_suffixes'])})$"),
        not_noun_endings=tuple(low["not_noun_endings"]),
        acronym_glue="|".join(re.escape(w) for w in words["acronym_glue"]),
        title_abbreviations=tuple(words["title_abbreviations"]),
        speaker_verbs=speaker_verbs(raw),
        quotes=quote_rules(raw["quotes"]),
    )
    # every other word set is the list of the same name, lower-cased
    word_sets = {
        f.name: low[f.name] for f in fields(SpeechLexicon) if f.type == "frozenset[str]" and f.name in low
    }
    return SpeechLexicon(**(word_sets | compiled))


def _outlet_names(outlets: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """The names of the outlets as a sentence writes them, bar those that name something else there."""
    return [
        str(name)
        for spec in outlets.values()
        for name in spec["names"]
        if name not in (spec.get("not_in_sentences") or ())
    ]


def _word_classes(low: Mapping[str, frozenset[str]]) -> dict[str, str]:
    """Map each lexicon word to its token class; earlier classes win."""
    classes: dict[str, str] = {}
    order = [
        ("person_pronouns", PRON),
        ("group_pronouns", PRON),
        ("person_roles", ROLE),
        ("group_roles", PROLE),
        ("statement_words", STMT),
        ("org_words", ORG),
        ("modifiers", MOD),
        ("determiners", DET),
        ("prepositions", PREP),
        ("name_particles", PART),
    ]
    for key, cls in order:
        for word in low[key]:
            classes.setdefault(word, cls)
    classes.setdefault("and", CONJ)
    return classes


def _by_last_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases (word tuples) grouped by their last word, each group in the phrases' order."""
    groups: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        if phrase:
            groups.setdefault(phrase[-1], []).append(phrase)
    return {word: tuple(group) for word, group in groups.items()}


def _phrase(words: str) -> str:
    """A regex for a phrase, any run of white space between its words."""
    return r"\s+".join(re.escape(w) for w in words.split())


def _synonyms(groups: Sequence[Sequence[str]]) -> dict[str, frozenset[str]]:
    """Each word of a synonym group mapped to its whole group (a word in two groups gets both)."""
    found: dict[str, set[str]] = {}
    for group in groups:
        words = {str(w).lower() for w in group}
        for word in words:
            found.setdefault(word, set()).update(words)
    return {word: frozenset(words) for word, words in found.items()}


def _alternatives(items: Sequence[str]) -> str:
    """A regex alternation of phrases, the longest first."""
    return "|".join(_phrase(w) for w in _longest_first(items))


def _longest_first(items: Sequence[str]) -> list[str]:
    """Phrases sorted so that an alternation prefers the longest match."""
    return sorted(set(items), key=lambda item: (-len(item), item))

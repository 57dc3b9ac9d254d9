"""How a sentence stands towards casualties: denials, threats and conditionals, questions, and a party's
denial of its own part in the event.

`void_spans` gives the stretches of a sentence whose figures are not told as fact ("rejected reports
that 20 villagers had died", "asked whether 12 policemen had been killed", "if the toll of 30 is
confirmed"); `stance_in_text` names the stance itself. Patterns come from data/casualties.yaml.
"""

from __future__ import annotations

from conflictdb import folded
from conflictdb.extract.casualties.categories import resolve_category
from conflictdb.extract.casualties.lexicon import CasualtyLexicon
from conflictdb.extract.casualties.phrases import find_phrases
from conflictdb.extract.token_stream import tokenize
from conflictdb.records import Category, Outcome, Stance
from conflictdb.records.matches import StanceMatch


def is_question(text: str, lexicon: CasualtyLexicon) -> bool:
    """True for a sentence that asks rather than tells: "...?", "Is it true that ...", "How many ..."."""
    if text.rstrip(" \t\n\"'”’)»").endswith("?"):
        return True
    return bool(lexicon.question_start.match(text))


def void_spans(text: str, lexicon: CasualtyLexicon) -> list[tuple[int, int]]:
    """Stretches of `text` whose figures are denied, asked about or only supposed."""
    low = folded.lowered(text)  # the patterns read in lower case where that gives the same spans
    if is_question(text, lexicon) or folded.search_in(lexicon.void_sentence, text, low):
        return [(0, len(text))]
    spans = []
    for pattern in lexicon.void_clause:
        for match in folded.finditer_in(pattern, text, low):
            end = folded.search_in(lexicon.clause_end, text, low, match.end())
            spans.append((match.start(), end.start() if end else len(text)))
    return spans


def stance_about(words: str, lexicon: CasualtyLexicon) -> tuple[Category | None, Outcome | None]:
    """The category and outcome a denial or threat speaks of, when it says."""
    kinds = [h[2] for h in find_phrases(tokenize(words), lexicon.victim_index)]
    category = resolve_category(kinds, None, lexicon) if kinds else None
    if lexicon.stance_about_civilians.search(words):
        category = Category.CIVILIANS
    outcome = None
    if lexicon.stance_about_killed.search(words):
        outcome = Outcome.KILLED
    elif lexicon.stance_about_injured.search(words):
        outcome = Outcome.INJURED
    return category, outcome


def _denial_without_casualty_word(text: str, low: str, lexicon: CasualtyLexicon) -> StanceMatch | None:
    """A party denying its part ("denied any involvement": the deaths stand), or denying that civilians
    were hit at all; neither needs a casualty word."""
    if not any(piece in low for piece in lexicon.stance_disowned_screen):
        return None
    disowned = lexicon.stance_disowned.search(text)
    if disowned is not None:
        words = disowned.group(0).strip()
        return StanceMatch(Stance.DISOWNED, words, disowned.start(), disowned.end())
    harm = lexicon.stance_denied_harm.search(text)
    if harm is None:
        return None
    category, outcome = stance_about(harm.group(0), lexicon)
    return StanceMatch(Stance.DENIED, harm.group(0).strip(), harm.start(), harm.end(), category, outcome)


def stance_in_text(text: str, lexicon: CasualtyLexicon, *, tells_figures) -> StanceMatch | None:
    """A denial, threat or question about casualties in `text` (offsets into it); None when it tells.

    `tells_figures()` says whether the text reports figures as fact; a threat beside one is no stance.
    """
    low = text.lower()
    denial = _denial_without_casualty_word(text, low, lexicon)
    if denial is not None:
        return denial
    if lexicon.stance_screen_pattern.search(low) is None:
        return None
    low = low if folded.folds_as_lower(text, low) else None  # the patterns then read in lower case
    if folded.search_in(lexicon.casualty_word, text, low) is None:
        return None
    if is_question(text, lexicon):
        return StanceMatch(Stance.QUESTION, text.strip(), 0, len(text))
    for stance, patterns in (
        (Stance.DENIED, lexicon.stance_denied),
        (Stance.HYPOTHETICAL, lexicon.stance_hypothetical),
        (Stance.QUESTION, lexicon.stance_question),
    ):
        for pattern in patterns:
            match = folded.search_in(pattern, text, low)  # the same span as `pattern.search(text)`
            if match is None:
                continue
            if stance is Stance.HYPOTHETICAL and tells_figures():
                return None  # a reported toll beside a threat: the figures stand
            reach = lexicon.reach
            before = (
                0 if stance is Stance.QUESTION else reach.stance_before_chars
            )  # "Reporters asked whether"
            window = text[max(0, match.start() - before) : match.end() + reach.stance_after_chars]
            category, outcome = stance_about(window, lexicon)
            words = text[match.start() : match.end()].strip()  # as written: the match may read lower case
            return StanceMatch(stance, words, match.start(), match.end(), category, outcome)
    return None

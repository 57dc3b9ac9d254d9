"""Perpetrator and target of an incident, as the text names them and as ACLED names them.

Finding uses the phrase patterns of `data/actors.yaml` ("claimed by X", "blamed on X", "X attacked Y", "a bomb
planted by X", "X airstrike"); the first pattern (in order of strength) that yields a perpetrator decides it,
and likewise for the target. Normalising maps a phrase to an ACLED actor name through the named groups, a
state's forces (`extract.actor_names`) and the generic heads (militants -> Unidentified Armed Group,
villagers -> Civilians); `find_actors` then codes ACLED's actor1/actor2 with the event type.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from conflictdb import folded
from conflictdb.extract.actor_lexicon import ROLES, ActorLexicon, ActorPattern
from conflictdb.extract.actor_names import (
    ActorCoding,
    ActorNaming,
    code_actors,
    community_militia,
    demonym_country,
    fill,
    forces_of,
    is_state,
    mission,
    state_forces,
    stem,
    unit_forces,
    unnamed_kind,
)
from conflictdb.records import quick_init

_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_WORD_START = re.compile(r"\b(?=\w)")
_NEXT_WORD = re.compile(r"[ -][\w']+")


@quick_init
@dataclass(frozen=True, slots=True)
class Actors:
    """Who did it and whom it hit: the words of the text and ACLED's names where derivable."""

    perpetrator: str | None = None
    target: str | None = None
    perpetrator_acled: str | None = None
    target_acled: str | None = None
    coding: ActorCoding = ActorCoding()


def _tidy(phrase: str) -> str:
    """An actor phrase without its leading article and with single spaces."""
    return _ARTICLE.sub("", " ".join(phrase.split()))


_OF_STATE = re.compile(r"\s+of\s+(?:the\s+)?[A-Z][\w' -]*$")


def _state_name(phrase: str, country: str | None, day: dt.date | None, lexicon: ActorLexicon) -> str | None:
    """ACLED's name for the military or police a phrase names: of the state its adjective names ("Turkish
    troops"), else of the incident's country; None when it names no state's forces."""
    naming = lexicon.naming
    words = set(re.findall(r"[\w'-]+", phrase))
    state = demonym_country(phrase, naming) or forces_of(phrase, naming)
    named = state is not None or bool(words & lexicon.own_forces)
    state = state or country
    if words & lexicon.not_state:
        return None
    phrase = _OF_STATE.sub("", phrase)  # "military forces of Armenia": the head is "forces"
    unit = unit_forces(phrase, state, day, naming)
    if unit is not None:
        return unit
    if lexicon.heads["police"].search(phrase) or (
        lexicon.heads["place"].search(phrase) and "police" in words
    ):
        return state_forces("police", state, day, naming)
    if lexicon.heads["military"].search(phrase) and (named or len(words) <= 2):
        return mission(state, country, day, naming) or state_forces("military", state, day, naming)
    if lexicon.heads["place"].search(phrase) and (words & lexicon.military_words or named):
        return mission(state, country, day, naming) or state_forces("military", state, day, naming)
    return None


def acled_actor(
    phrase: str, lexicon: ActorLexicon, *, country: str | None, day: dt.date | None = None, doer: bool = False
) -> str | None:
    """The ACLED actor name for an actor phrase, or None when it cannot be derived; a crowd that acts
    (`doer`: "a mob", "residents" who attacked) is ACLED's rioters, of the country its adjective names; a
    phrase naming some of a group ("two members of the army") names the group; a group's name tying another
    to it ("IS-linked fighters") names neither."""
    phrase = lexicon.affiliated.sub("", lexicon.part_of.sub("", phrase))
    for named in lexicon.named if lexicon.named_screen.search(phrase) else ():
        if not named.regex.search(phrase) or not named.holds_in(country):
            continue
        template = named.name(country, day)
        if template is None:
            unit = unit_forces(phrase, named.state, day, lexicon.naming)
            serving = mission(named.state, country, day, lexicon.naming)
            return unit or serving or state_forces("military", named.state, day, lexicon.naming)
        return fill(template, country, day, lexicon.naming)
    state = _state_name(phrase, country, day, lexicon)
    if state is not None:
        return state
    kind = unnamed_kind(phrase, country, lexicon.naming)
    if kind is not None:
        return kind
    rebels = bool(set(re.findall(r"[\w'-]+", phrase)) & lexicon.not_state)  # "rebel forces"
    if lexicon.heads["armed_group"].search(phrase) or (rebels and lexicon.heads["military"].search(phrase)):
        return fill(lexicon.naming.generic["armed_group"], country, day, lexicon.naming)
    if doer and lexicon.heads["crowd"].search(phrase):
        crowd_country = demonym_country(phrase, lexicon.naming) or country
        return fill(lexicon.naming.generic["rioters"], crowd_country, day, lexicon.naming)
    if lexicon.heads["civilians"].search(phrase):
        return fill(lexicon.naming.generic["civilians"], country, day, lexicon.naming)
    return None


_MEMO_LIMIT = 100_000  # phrases whose ACLED names a lexicon remembers


def _acled_name(
    phrase: str, lexicon: ActorLexicon, *, country: str | None, day: dt.date | None, doer: bool = False
) -> str | None:
    """`acled_actor`, remembered per phrase, country, day and role in `lexicon.memo`: an article names its
    actors again and again ("gunmen", "police")."""
    key = (phrase, country, day, doer)
    memo = lexicon.memo
    name = memo.get(key, memo)  # the memo itself stands for "not asked yet"
    if name is memo:
        if len(memo) >= _MEMO_LIMIT:
            memo.clear()
        name = memo[key] = acled_actor(phrase, lexicon, country=country, day=day, doer=doer)
    return name  # type: ignore[return-value]


Spans = list[tuple[int, int]]


class _CueSpans:
    """Where each cue occurs in one text, found when first asked (patterns share cues); a cue with a
    lower-case form is searched in the lower-cased text."""

    __slots__ = ("text", "low", "found")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = folded.lowered(text)
        self.found: dict[re.Pattern[str], Spans] = {}

    def of(self, pattern: ActorPattern) -> Spans:
        """The spans of `pattern`'s cue in the text, in text order."""
        spans = self.found.get(pattern.cue)
        if spans is None:
            if pattern.cue_lower is not None and self.low is not None:
                scan = pattern.cue_lower.finditer(self.low)
            else:
                scan = pattern.cue.finditer(self.text)
            spans = self.found[pattern.cue] = [m.span() for m in scan]
        return spans


def _search_near_cues(
    text: str, cues: Spans, pattern: ActorPattern, window: tuple[int, int]
) -> re.Match[str] | None:
    """The first match of `pattern` that contains one of its cue's spans `cues`, searched only around them."""
    before, after = window
    regex = pattern.regex
    for start, end in cues:
        lo, hi = max(0, start - before), min(len(text), end + after)
        if pattern.from_edge:
            found = _first_at_edges(text, start, end, regex, lo, hi)
            if found is not None:
                return found
            continue
        for m in regex.finditer(text, lo, hi):
            if m.start() > start:
                break  # matches come left to right: none further on holds this cue
            if end <= m.end():
                return m
    return None


def _first_at_edges(
    text: str, start: int, end: int, regex: re.Pattern[str], lo: int, hi: int
) -> re.Match[str] | None:
    """As the scan of `regex.finditer(text, lo, hi)` for a match holding the cue at `start`-`end`, but
    trying only the word starts up to the cue's start (no match holding the cue starts after it): the scan
    of the rest of the window, where most of the time went, is skipped."""
    resume = lo  # where the scan goes on after a match (matches do not overlap)
    for edge in _WORD_START.finditer(text, lo, start + 1):
        at = edge.start()
        if at > start:
            break  # the edge after the cue's start (the scan's end) starts no match holding it
        if at < resume:
            continue
        m = regex.match(text, at, hi)
        if m is None:
            continue
        if end <= m.end():
            return m
        resume = m.end() if m.end() > at else at + 1
    return None


def find_actor_phrases(text: str, lexicon: ActorLexicon) -> tuple[str | None, str | None]:
    """The perpetrator and target phrases of an incident text, from the strongest patterns that hold."""
    found = _find_roles(text, lexicon)
    return found["actor"], found["target"]


def _find_roles(text: str, lexicon: ActorLexicon, *, actor_only: bool = False) -> dict[str, str | None]:
    """The phrases of each role (actor, target, and a party named in no role) from the strongest patterns
    that hold; a party is looked for only while a perpetrator or a target is missing (`actor_only`: only
    the perpetrator, from the patterns that can give one)."""
    found: dict[str, str | None] = dict.fromkeys(ROLES)
    cues = _CueSpans(text)
    for pattern in lexicon.patterns:
        if actor_only and (found["actor"] or "actor" not in pattern.roles):
            continue
        if "party" in pattern.roles and found["actor"] and found["target"]:
            continue
        spans = cues.of(pattern)
        m = _search_near_cues(text, spans, pattern, lexicon.window) if spans else None
        if m is None:
            continue
        for role, phrase in m.groupdict().items():
            if found.get(role) is None and phrase:
                found[role] = _tidy(phrase)
        if found["actor"] and found["target"]:
            break
    return found


def find_claimed(text: str, lexicon: ActorLexicon) -> str | None:
    """The actor a claim of responsibility in `text` names ("X claimed responsibility"), if any."""
    cues = _CueSpans(text)
    for pattern in lexicon.claims:
        m = _search_near_cues(text, cues.of(pattern), pattern, lexicon.window)
        if m is not None and m.group("actor"):
            return _tidy(m.group("actor"))
    return None


def names_an_actor(phrase: str, lexicon: ActorLexicon) -> bool:
    """Whether a phrase names an actor by name: a named group, or a state's forces by its adjective or name
    ("Russian forces"), not only by kind ("gunmen", "soldiers")."""
    if lexicon.named_screen.search(phrase):
        return True
    return _state_name(phrase, None, None, lexicon) is not None


def find_responsible(text: str, lexicon: ActorLexicon) -> str | None:
    """The actor an article holds responsible, for incidents whose own sentences name none: a claim of
    responsibility, else the perpetrator the article's patterns find if it names an actor by name."""
    claimed = find_claimed(text, lexicon)
    if claimed is not None:
        return claimed
    actor = _find_roles(text, lexicon, actor_only=True)["actor"]
    return actor if actor is not None and names_an_actor(actor, lexicon) else None


def _first_named_group(
    text: str,
    lexicon: ActorLexicon,
    *,
    country: str | None,
    day: dt.date | None,
    besides: str | None,
    other_than: str | None = None,
) -> tuple[str, str] | None:
    """The first armed group (not a state's forces, not named `other_than`) `text` names outside the phrase
    `besides` (the other role's), with its ACLED name: who acted in a note no pattern reads ("JNIM
    militants seized ...", "a Tondo militia shot ..."), or whom the forces that acted fought."""
    for m in lexicon.named_screen.finditer(text):
        if besides and m.group(0) in besides:
            continue
        if lexicon.against.search(text, max(0, m.start() - 8), m.start()):
            continue  # "anti-Houthi forces": the group's enemies
        if lexicon.affiliated.match(text, m.start()):
            continue  # "IS-linked fighters": the group's allies
        name = _acled_name(m.group(0), lexicon, country=country, day=day)
        # "PF cadres": a party's initials are read with the word after them (looked at only then)
        if name is None and (after := _NEXT_WORD.match(text, m.end())):
            name = acled_actor(m.group(0) + after.group(0), lexicon, country=country, day=day)
        if name is not None and name not in _groups_of(other_than) and not _plain_state(name, lexicon):
            return m.group(0), name
    militia = community_militia(text, country, lexicon.naming)  # a group of the dictionary first
    if militia is not None and not (besides and militia[0].group(0) in besides):
        return militia[0].group(0), militia[1]
    return None


def _groups_of(name: str | None) -> list[str]:
    """The groups an ACLED name stands for: each of "<A> and/or <B>" (`_either_group`), else the name."""
    return name.split(_EITHER_JOIN) if name else []


def _plain_state(name: str, lexicon: ActorLexicon) -> bool:
    """Whether an ACLED name is a state's forces, not one of its factions a named group's name gives ("...
    (2016-) Supreme Political Council": the side a rival government commands, a group by its name)."""
    return is_state(name, lexicon.naming) and name not in lexicon.factions


def _at_place(party: str | None, text: str, lexicon: ActorLexicon) -> bool:
    """Whether the forces a text names (`party`) are named for a place of theirs ("a military camp")."""
    if party is None:
        return False
    m = re.search(re.escape(party) + r"\s+[\w-]+", text)
    return m is not None and bool(lexicon.heads["place"].search(m.group(0)))


def _told_doing(party: str | None, text: str, naming: ActorNaming) -> bool:
    """Whether a text tells the forces it names (`party`) doing something: "by" just before them ("beaten by
    prison guards") or a deed just after ("a soldier on patrol shot")."""
    if not party:
        return False
    for m in re.finditer(re.escape(party), text):
        if naming.did_before.search(text, max(0, m.start() - 60), m.start()) or naming.did_after.match(
            text, m.end()
        ):
            return True
    return False


_WORDS_BEFORE = re.compile(r"(?:[\w'-]+\s+){1,3}$")
_ASIDE = re.compile(r"\s*\([^()]{1,60}\)")


def _unit_nearby(
    name: str | None,
    phrase: str | None,
    text: str,
    *,
    country: str | None,
    day: dt.date | None,
    lexicon: ActorLexicon,
) -> str | None:
    """A state's forces a phrase names (`name`), with the unit the phrase read with the words next to it
    in `text` names: the three words before it ("the Gendarmerie forces", "Oromo regional special police")
    or an aside after it ("security forces (NISA and SNA)"); else `name`."""
    if not name or not phrase or not is_state(name, lexicon.naming):
        return name
    naming = lexicon.naming
    state = demonym_country(phrase, naming) or forces_of(phrase, naming) or country
    own = (state_forces("military", state, day, naming), state_forces("police", state, day, naming))
    if name not in (*own, unit_forces(phrase, state, day, naming)):
        return name  # not named from the phrase alone (a named group's, a mission's)
    at = text.find(phrase)
    if at < 0:
        return name
    before = _WORDS_BEFORE.search(text, max(0, at - 60), at)
    aside = _ASIDE.match(text, at + len(phrase))
    if before is None and aside is None:
        return name
    around = (before.group(0) if before else "") + phrase + (aside.group(0) if aside else "")
    return unit_forces(around, state, day, naming) or name


def _operation(
    text: str, lexicon: ActorLexicon, *, country: str | None, day: dt.date | None
) -> tuple[str, str] | None:
    """The operation or coalition `text` tells forces act under ("Turkish forces and allied factions,
    operating under X, shelled ..."), with its ACLED name: the doer; None when it tells none."""
    for told in lexicon.under.finditer(text):  # few texts tell one: the names are looked for only after it
        m = lexicon.named_screen.match(text, told.end())
        name = _acled_name(m.group(0), lexicon, country=country, day=day) if m else None
        if name is not None:
            return m.group(0), name
    return None


_EITHER = re.compile(r"\s*(?:and/or|or|/)\s*")
_EITHER_JOIN = " and/or "  # between the names of a doer told as one group or another


def _either_group(
    text: str, name: str, lexicon: ActorLexicon, *, country: str | None, day: dt.date | None
) -> str:
    """ACLED's "<A> and/or <B>" for a doer told as one group or another ("JNIM or ISGS militants"), the
    group `name` one of them (the name of one already, when ACLED names one of them for both); else `name`."""
    for m in lexicon.named_screen.finditer(text):
        joint = _EITHER.match(text, m.end())
        other = lexicon.named_screen.match(text, joint.end()) if joint else None
        if other is None:
            continue
        pair = [acled_actor(g.group(0), lexicon, country=country, day=day) for g in (m, other)]
        if name not in pair or None in pair or pair[0] == pair[1]:
            continue
        both = [p for p in pair if set(pair) <= {p, *_groups_of(p)}]  # one name may already join both
        return both[0] if both else f"{pair[0]}{_EITHER_JOIN}{pair[1]}"
    return name


def naming_day(
    day: dt.date | None, *, published: dt.date | None, url: str | None, naming: ActorNaming
) -> dt.date | None:
    """The day an incident's actors are named as of: its own, else its article's; for a note that came with
    neither a date nor a web address (an archived note, not a page fetched as news), the day ACLED's older
    data named actors as of (`undated_as_of`); None (the latest names) for an undated page."""
    if day is not None or published is not None:
        return day or published
    return None if url else naming.undated_as_of


def find_actors(
    text: str,
    lexicon: ActorLexicon,
    *,
    country: str | None,
    day: dt.date | None = None,
    event: tuple[str | None, str | None] = (None, None),
    claimed: str | None = None,
    context: str | None = None,
    victims: frozenset[str] = frozenset(),
) -> Actors:
    """Perpetrator and target of an incident text, with ACLED names where derivable, and ACLED's coding of
    its actors given its event and sub-event type; `claimed`, the actor a claim of responsibility elsewhere
    in the article names, is the perpetrator when the text names none; `context`, the whole text the
    incident is told in, gives a target or a side the text (its sentences with figures) leaves unnamed
    ("police went to the market. A shoot-out followed"), never a perpetrator; `victims`, the victim
    categories of the incident's figures ("civilians", "security_forces"); `day`, the day its actors are
    named as of (`naming_day`), the latest names without one. A group the text names where no pattern
    reads a doer (or reads only armed men, not told as unknown: "unidentified gunmen" stay unidentified)
    acted, except in an arrest (it was arrested) and in a battle whose state's military the text tells
    first (`_first_told_first`); forces told acting under a named operation are the operation
    (`_operation`)."""
    found = _find_roles(text, lexicon)
    if context and context != text and not (found["actor"] and found["target"]):
        around = _find_roles(context, lexicon)
        found = found | {role: found[role] or around[role] for role in ("target", "party")}
    perpetrator, target = found["actor"] or claimed, found["target"]
    phrases = (perpetrator, target, found["party"])
    named = [
        _acled_name(p, lexicon, country=country, day=day, doer=role != 1) if p else None
        for role, p in enumerate(phrases)
    ]
    operation = _operation(context or text, lexicon, country=country, day=day)
    if operation is not None:  # the doer, whoever the text names acting under it (its forces: no other side)
        perpetrator, named[0], named[2] = operation[0], operation[1], None
    # the group named as the doer where no pattern reads one, or reads armed men not told as unknown
    by_name = None
    unknown = named[0] is not None and bool(lexicon.unknown_doer.search(perpetrator or ""))
    if named[0] is None or (named[0].startswith(stem(lexicon.naming.generic["armed_group"])) and not unknown):
        for told in dict.fromkeys((text, context or text)):
            by_name = _first_named_group(told, lexicon, country=country, day=day, besides=target)
            if by_name is not None:
                perpetrator, named[0] = by_name
                break
    if by_name is not None and event[1] in lexicon.naming.arrest_event_types:
        if named[1] is None:  # the group named in an arrest is who was arrested; the police arrested
            target, named[1] = by_name
        perpetrator, named[0], by_name = found["actor"] or claimed, None, None
    if named[0] is not None and not is_state(named[0], lexicon.naming):
        named[0] = _either_group(context or text, named[0], lexicon, country=country, day=day)
    if named[1] is None and named[0] is not None and event[0] in lexicon.naming.forces_hit_event_types:
        for told in dict.fromkeys((text, context or text)):
            group = _first_named_group(
                told, lexicon, country=country, day=day, besides=perpetrator, other_than=named[0]
            )
            if group is not None:
                target, named[1] = group
                break
    named = [
        _unit_nearby(n, p, context or text, country=country, day=day, lexicon=lexicon)
        for n, p in zip(named, (perpetrator, target, found["party"]), strict=True)
    ]
    party_place = _at_place(found["party"], context or text, lexicon)
    party_hit = party_place or ("security_forces" in victims and found["party"] is not None)
    coding = code_actors(
        named[0],
        named[1],
        party=named[2],
        victims=victims,
        party_hit=party_hit,
        party_place=party_place,
        party_did=named[0] is None and _told_doing(found["party"], context or text, lexicon.naming),
        text=text,
        context=context,
        event_type=event[0],
        sub_event_type=event[1],
        country=country,
        day=day,
        naming=lexicon.naming,
    )
    if by_name is not None and event[0] in lexicon.naming.two_sided_event_types:
        coding = _first_told_first(
            coding, by_name[0], found["party"], named[2], context or text, lexicon.naming
        )
    return Actors(perpetrator, target, named[0], named[1], coding)


def _first_told_first(
    coding: ActorCoding, group: str, party: str | None, forces: str | None, text: str, naming: ActorNaming
) -> ActorCoding:
    """A battle's coding with a state's military (`forces`, the phrase `party`) first when `text` names it
    before the group (`group`) that only its name made the doer ("government forces clashed with X"): the
    side a note opens with is ACLED's actor1, unless the forces answered (police called to a fight, an
    attack repelled: `naming.answered`)."""
    if not party or forces is None or coding.actor1 is None or coding.actor2 != forces:
        return coding
    if forces.startswith(naming.responding_forces) or naming.answered.search(text):
        return coding
    at_party, at_group = text.find(party), text.find(group)
    if at_party < 0 or at_group < 0 or at_party > at_group:
        return coding
    return ActorCoding(coding.actor2, coding.assoc_actor_2, coding.actor1, coding.assoc_actor_1)

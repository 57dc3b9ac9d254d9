"""The category of a victim phrase: civilians, militants, security or foreign forces (relative to the
country), or unspecified people.

A phrase is a chain of victim words (`Hit`s found with the lexicon); its head decides over its modifiers,
a body a member word belongs to decides over that word, and a list of two sides is no side's.
"""

from __future__ import annotations

from conflictdb.extract.casualties.lexicon import DEAD, EPITHET, FOREIGN, CasualtyLexicon
from conflictdb.extract.casualties.phrases import norm
from conflictdb.records import Category

SIDE = {Category.FOREIGN_FORCES: Category.SECURITY_FORCES}  # forces of either state are one side here
ARMED_KINDS = frozenset({Category.MILITANTS.value, Category.SECURITY_FORCES.value, FOREIGN})

Hit = tuple[int, int, str]  # start, end, kind of a victim word


def _as_forces(kinds: list[str]) -> list[str]:
    """A state's own force by name ("IRGC") is forces of that state; an epithet ("crusaders") is forces
    when a nationality goes with it ("Rwandan crusaders"), and names no one alone."""
    forces = [f"@{k[1:]}" for k in kinds if k.startswith("%")]
    nationality = forces or any(k.startswith("@") for k in kinds)
    if forces:
        forces.append(Category.SECURITY_FORCES.value)
    if EPITHET in kinds:
        forces.append(Category.SECURITY_FORCES.value if nationality else Category.UNSPECIFIED.value)
    return [k for k in kinds if k != EPITHET and not k.startswith("%")] + forces


def resolve_category(kinds: list[str], country: str | None, lexicon: CasualtyLexicon) -> Category | None:
    """The category of a victim phrase from the kinds of its words."""
    kinds = _as_forces(kinds)
    named = [k[1:] for k in kinds if k.startswith("!")]
    if named:  # "six members of the VDP volunteer militia": the named group decides
        kinds = [named[0]] + [k for k in kinds if k[0] == "@" or k == FOREIGN]
    if Category.CIVILIANS.value in kinds:
        return Category.CIVILIANS
    if Category.MILITANTS.value in kinds:
        return Category.MILITANTS
    codes = {k[1:] for k in kinds if k.startswith("@")}
    forces = Category.SECURITY_FORCES.value in kinds
    if FOREIGN in kinds and (forces or Category.UNSPECIFIED.value not in kinds):
        return Category.FOREIGN_FORCES
    if forces:
        if country:
            foreign = any(code != country.upper() for code in codes)
        else:
            foreign = bool(codes & lexicon.default_foreign)
        return Category.FOREIGN_FORCES if foreign else Category.SECURITY_FORCES
    if Category.UNSPECIFIED.value in kinds or codes or DEAD in kinds:
        return Category.UNSPECIFIED
    return None


def _joint(text: str, a: Hit, b: Hit, lexicon: CasualtyLexicon) -> str:
    """How two victim words of a phrase are joined: "and" (a list), "of" (a complement), "" (a compound)."""
    gap = text[a[1] : b[0]]
    if lexicon.grammar.coordinator.search(gap):
        return "and"
    return "of" if lexicon.grammar.complement.search(gap) else ""


def _compound_kinds(text: str, hits: list[Hit], lexicon: CasualtyLexicon) -> list[str]:
    """The kinds of a compound noun: an armed head drops civilian modifiers ("women soldiers", "civilian
    defence force"), and a force right before a trade makes it the force's own ("army medics"; not kin:
    "army wives")."""
    kinds = [h[2] for h in hits]
    if kinds[-1].lstrip("!") in ARMED_KINDS:
        return [k for k in kinds if k != Category.CIVILIANS.value]
    if (
        len(hits) > 1
        and kinds[-1] == Category.CIVILIANS.value
        and _trade_of_a_force(text, hits[-2], hits[-1], lexicon)
    ):
        return kinds[:-1]
    return kinds


def _trade_of_a_force(text: str, modifier: Hit, head: Hit, lexicon: CasualtyLexicon) -> bool:
    """ "military engineers", "police drivers": a forces word right before a civilian word that is no kin."""
    if modifier[2].lstrip("!") != Category.SECURITY_FORCES.value or text[modifier[1] : head[0]].strip():
        return False
    return norm(text[head[0] : head[1]]) not in lexicon.kin_words


def _group_category(
    text: str, group: list[Hit], joints: list[str], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category of one noun phrase of victims: its head decides over its modifiers, and the body a
    member word belongs to decides over that word ("students of a military academy")."""
    cut = joints.index("of") + 1 if "of" in joints else len(group)
    head, complement = group[:cut], group[cut:]
    kinds = _compound_kinds(text, head, lexicon) + (
        _compound_kinds(text, complement, lexicon) if complement else []
    )
    if complement and norm(text[head[-1][0] : head[-1][1]]) in lexicon.member_nouns:
        codes = [h[2] for h in head if h[2].startswith("@") or h[2] == FOREIGN]
        body = resolve_category(codes + _compound_kinds(text, complement, lexicon), country, lexicon)
        if body not in (None, Category.UNSPECIFIED):
            return body
    return resolve_category(kinds, country, lexicon)


def chain_category(
    text: str, chain: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category of a victim phrase; a list of victims of two armed or civilian sides ("civilians and
    soldiers") is unspecified."""
    joints = [_joint(text, a, b, lexicon) for a, b in zip(chain, chain[1:], strict=False)]
    groups: list[tuple[list[Hit], list[str]]] = [([chain[0]], [])]
    for hit, joint in zip(chain[1:], joints, strict=False):
        adjectives_only = all(h[2].startswith("@") or h[2] == FOREIGN for h in groups[-1][0])
        if joint == "and" and not adjectives_only:  # "Afghan and foreign troops": one group
            groups.append(([hit], []))
        else:
            groups[-1][0].append(hit)
            groups[-1][1].append(joint)
    categories = [_group_category(text, g, j, country, lexicon) for g, j in groups]
    sides = [c for c in categories if c not in (None, Category.UNSPECIFIED)]
    if len({SIDE.get(c, c) for c in sides}) > 1:
        return Category.UNSPECIFIED
    if sides:  # "officers and soldiers of the invading forces": the last group's complement is theirs too
        return sides[-1]
    return resolve_category([h[2] for h in chain], country, lexicon)


def victim_phrase(
    text: str, start: int, limit: int, hits: list[Hit], lexicon: CasualtyLexicon, *, single: bool
) -> tuple[int, list[Hit]] | None:
    """(end, hits) of the victim phrase in text[start:limit]; (start, []) when bare; None if not people."""
    grammar = lexicon.grammar
    inside = [h for h in hits if start <= h[0] < limit]  # a name may hold a stop word: "Forces for ..."
    if not inside:  # "at 12", "killed 12 and wounded 30": a bare number
        rest = text[start:limit]
        bare = (
            not rest.strip(" \t'’\"“”")
            or grammar.bare_end.match(rest)
            or grammar.bare_adverbs.fullmatch(rest)
        )
        return (start, []) if bare else None
    prefix = text[start : inside[0][0]].split()
    if len(prefix) > lexicon.reach.phrase_prefix_words or any(
        w.lower() in grammar.coordinators for w in prefix
    ):
        return None
    chain = [inside[0]]
    for hit in inside[1:]:
        if not grammar.connect.fullmatch(text, chain[-1][1], hit[0]):
            break
        chain.append(hit)
    last_word = text[chain[0][0] : chain[-1][1]].split()[-1].lower()
    if single and (
        last_word.endswith("s") and not last_word.endswith("ss") or last_word in grammar.plural_nouns
    ):
        return None  # "a" before a plural is not one victim
    return chain[-1][1], chain


def phrase_stop(text: str, start: int, bound: int, lexicon: CasualtyLexicon) -> int:
    """Where a victim phrase starting at `start` must end at the latest."""
    stop = lexicon.grammar.phrase_stop.search(text, start, bound)
    return stop.start() if stop else bound


def body_from(text: str, chain: list[Hit], hits: list[Hit], lexicon: CasualtyLexicon) -> list[Hit]:
    """The victim words of the body a member word comes from: "cadets from the police academy"."""
    end = chain[-1][1]
    if norm(text[chain[-1][0] : end]) not in lexicon.member_nouns:
        return []
    opener = lexicon.grammar.member_from.match(text, end)
    if opener is None:
        return []
    phrase = victim_phrase(
        text, opener.end(), phrase_stop(text, opener.end(), len(text), lexicon), hits, lexicon, single=False
    )
    return phrase[1] if phrase else []


def described_as(
    text: str, end: int, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category an apposition or a clause after the victims gives them all: "12 people, all of them
    civilians", "20 people attending a funeral"."""
    if lexicon.civilian_activity.match(text, end):
        return Category.CIVILIANS
    return all_of_them(text, end, hits, country, lexicon)


def all_of_them(
    text: str, end: int, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category of "all of them civilians" at `end`, when it names one."""
    apposition = lexicon.all_of_them.match(text, end)
    if apposition is None:
        return None
    start = apposition.end()
    phrase = victim_phrase(
        text, start, phrase_stop(text, start, len(text), lexicon), hits, lexicon, single=False
    )
    if not phrase or not phrase[1] or phrase[1][0][0] != start:
        return None
    category = chain_category(text, phrase[1], country, lexicon)
    return None if category is Category.UNSPECIFIED else category


def category_at(
    text: str, start: int, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category of the victim phrase that starts at `start` ("Azerbaijani servicemen"), if one does."""
    phrase = victim_phrase(
        text, start, phrase_stop(text, start, len(text), lexicon), hits, lexicon, single=False
    )
    if not phrase or not phrase[1] or phrase[1][0][0] != start:
        return None
    return chain_category(text, phrase[1], country, lexicon)


def category_before(
    text: str, pos: int, hits: list[Hit], country: str | None, lexicon: CasualtyLexicon
) -> Category | None:
    """The category of the last victim phrase before `pos`: "ambushed infidel soldiers and killed 14 of
    them" counts soldiers."""
    before = [h for h in hits if h[1] <= pos]
    if not before:
        return None
    chain = [before[-1]]
    for hit in reversed(before[:-1]):
        if not lexicon.grammar.connect.fullmatch(text, hit[1], chain[0][0]):
            break
        chain.insert(0, hit)
    return chain_category(text, chain, country, lexicon)

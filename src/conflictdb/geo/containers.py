"""Places read with the units named as holding them ("X (Y, Z)", "the village of X in Y district")."""

from __future__ import annotations

from conflictdb.geo.lexicon import GeoLexicon
from conflictdb.records import replace
from conflictdb.records.places import GazPlace, PlaceKind, ToponymMatch


def mark_containers(text: str, matches: list[ToponymMatch], lexicon: GeoLexicon) -> list[ToponymMatch]:
    """Matches read with the units named as holding them: after a parenthesis opening ("X (Y, Z)") and
    between the names inside it, the unit keeps only its candidates that hold one of the place's, and the
    place only those held (a name in brackets that holds none is a part or another name of the place).
    A place the gazetteer lacks (or knows only by a guessed spelling) is also held by the unit after a
    comma, "in" or "of" ("the village of X in Y district"): it gets `container`, the unit cue "container"."""
    marked = _outside_the_bracket_country(text, matches, lexicon)
    bracket = False  # inside the brackets of a container: a comma separates units from small to large
    for k in range(len(matches) - 1):
        match, following = marked[k], marked[k + 1]
        gap = lexicon.container_gap.match(text, match.cue_end, following.start)
        if gap is None or following.cues & {"person", "name_follows"} or following.country is not None:
            bracket = bracket and gap is not None
            continue
        bracket = bool(gap.group("open")) or (bracket and "," in gap.group())
        unknown = match.fuzzy or not match.candidates
        held = _held(match.candidates, following.candidates) if bracket else ()
        if held:
            marked[k] = replace(match, candidates=held[0])
            marked[k + 1] = replace(following, candidates=held[1])
        if unknown and not {p.id for p in match.candidates} & {p.id for p in following.candidates}:
            marked[k] = replace(marked[k], container=following.start)
            cues = following.cues | {"container"}
            if not match.candidates:  # the unit stands for the place it holds, where that is located
                cues |= match.cues & {"locative", "near"}
            marked[k + 1] = replace(marked[k + 1], cues=cues)
    return [m for m in marked if m.candidates or m.country]  # a place the gazetteer lacks: its unit speaks


def _outside_the_bracket_country(
    text: str, matches: list[ToponymMatch], lexicon: GeoLexicon
) -> list[ToponymMatch]:
    """Matches without their readings when the largest unit in the brackets after them ("X (Y, Z)": Z)
    lies in another country: then X and Y are places the gazetteer lacks (or knows only abroad), held by
    the units after them, and never their namesakes abroad ("Qarvon (Lowland, Zeta)": in Zeta's country).
    Only a unit of one country speaks so."""
    marked = list(matches)
    k = 0
    while k < len(matches) - 1:
        chain = _bracket_chain(text, matches, k, lexicon)
        if len(chain) < 2:
            k += 1
            continue
        largest = matches[chain[-1]]
        countries = {largest.country} if largest.country else {p.country for p in largest.candidates}
        for n in chain[:-1] if len(countries) == 1 else ():  # "(Plateau)": a unit of two countries
            match = matches[n]
            if (
                match.candidates
                and not match.country
                and not any(p.country in countries for p in match.candidates)
            ):
                marked[n] = replace(match, candidates=(), fuzzy=False)
        k = chain[-1]
    return marked


def _bracket_chain(text: str, matches: list[ToponymMatch], k: int, lexicon: GeoLexicon) -> list[int]:
    """Indexes of match k and of the matches in the brackets opening right after it, a comma apart
    ("X (Y, Z)": X, Y, Z); only k when no bracket opens after it."""
    chain = [k]
    opened = False
    for n in range(k + 1, len(matches)):
        gap = lexicon.container_gap.match(text, matches[n - 1].cue_end, matches[n].start)
        if gap is None or not (gap.group("open") if not opened else gap.group().strip() == ","):
            break
        opened = True
        chain.append(n)
    return chain


def _held(
    places: tuple[GazPlace, ...], units: tuple[GazPlace, ...]
) -> tuple[tuple[GazPlace, ...], tuple[GazPlace, ...]] | None:
    """The places that one of the units holds and the units that hold one of them (None if no pair)."""
    pairs = [(_in_district(p, u), u) for p in places for u in units if _holds(u, p)]
    if not pairs:
        return None
    return tuple(dict.fromkeys(p for p, _ in pairs)), tuple(dict.fromkeys(u for _, u in pairs))


def _in_district(place: GazPlace, unit: GazPlace) -> GazPlace:
    """A town the gazetteer gives no district, with the district that the text says holds it."""
    if unit.kind is not PlaceKind.ADMIN2 or place.admin2_id is not None or place.kind is not PlaceKind.CITY:
        return place
    return replace(place, admin2=unit.admin2 or unit.ascii_name, admin2_id=unit.id)


def _holds(unit: GazPlace, place: GazPlace) -> bool:
    """Whether `unit` holds `place` by the gazetteer (a town without a known district, by its province);
    a town holds a smaller one of its province ("a village (near the town)")."""
    if unit.country != place.country or unit.id == place.id:
        return False
    if unit.kind is PlaceKind.COUNTRY:
        return True
    if unit.kind is PlaceKind.ADMIN1:
        return place.admin1_id == unit.id
    if unit.kind is PlaceKind.ADMIN2:
        if place.kind is PlaceKind.ADMIN1:
            return False
        return place.admin2_id == unit.id or (place.admin2_id is None and place.admin1_id == unit.admin1_id)
    return (
        place.kind is PlaceKind.CITY
        and place.admin1_id == unit.admin1_id
        and place.population < unit.population
    )

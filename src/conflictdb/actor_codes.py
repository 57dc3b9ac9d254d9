"""ACLED's inter codes and interaction of actors under ACLED's names, the one coding every output uses.

The extract records (`formats`), the incident summaries of the API and `conflictdb incidents`, the ACLED
CSV (`export`) and UCDP GED's sides (`export_ucdp`) all code actors here, with the tables of
data/exports.yaml and the named groups of data/actors.yaml (`export_tables.ExportTables`).
"""

from __future__ import annotations

from typing import Protocol

from conflictdb.export_tables import ExportTables


class HasActors(Protocol):
    """Anything with ACLED's four actor columns: a Mention, an IncidentRow, an ActorCoding."""

    @property
    def actor1(self) -> str | None: ...
    @property
    def assoc_actor_1(self) -> str | None: ...
    @property
    def actor2(self) -> str | None: ...
    @property
    def assoc_actor_2(self) -> str | None: ...


def inter_code(actor: str | None, country_name: str | None, tables: ExportTables) -> int | None:
    """ACLED's inter code of an actor under ACLED's name (a state's forces are external outside their own
    country, `country_name` under ACLED's name); None for an actor no entry names."""
    if not actor:
        return None
    state = tables.state_forces.match(actor)
    if state:
        own = country_name is not None and state["country"] == country_name
        return tables.state_code if own else tables.foreign_state_code
    code = next((entry.code for entry in tables.inter_codes if entry.pattern.match(actor)), None)
    if code is None and " and/or " in actor:  # ACLED's "<A> and/or <B>", one group or another: A's code
        return inter_code(actor.split(" and/or ")[0], country_name, tables)
    return code


def interaction(inter1: int | None, inter2: int | None, *, second_actor: bool) -> int | None:
    """ACLED's interaction: both inter codes, the lower first (17); an actor alone is its code and 0 (60);
    None when an actor present has no code."""
    if inter1 is None or (second_actor and inter2 is None):
        return None
    if inter2 is None:
        return inter1 * 10
    return min(inter1, inter2) * 10 + max(inter1, inter2)


def coded_actors(
    actors: HasActors, country_name: str | None, tables: ExportTables
) -> dict[str, str | int | None]:
    """actor1, assoc_actor_1, inter1, actor2, assoc_actor_2, inter2 and interaction, in ACLED's order, of
    an incident or mention in the country ACLED names `country_name`; None where unknown."""
    inter1 = inter_code(actors.actor1, country_name, tables)
    inter2 = inter_code(actors.actor2, country_name, tables)
    return {
        "actor1": actors.actor1,
        "assoc_actor_1": actors.assoc_actor_1,
        "inter1": inter1,
        "actor2": actors.actor2,
        "assoc_actor_2": actors.assoc_actor_2,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2, second_actor=bool(actors.actor2)),
    }

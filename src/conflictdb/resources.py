"""`Resources`: every lexicon, rule set and threshold the pipeline uses, loaded once and passed explicitly.

Nothing is read at import time, and no stage imports this module (stages read their data through
`conflictdb.datafiles`), so the types below are imported for checking only and the loaders inside
`load_resources`."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from conflictdb.datafiles import DATA_DIR, LIMITS_FILE, OUTLETS_FILE, load_yaml

if TYPE_CHECKING:
    from spacy.language import Language

    from conflictdb.clean import CleanLexicon
    from conflictdb.export_tables import ExportTables
    from conflictdb.extract.actor_lexicon import ActorLexicon
    from conflictdb.extract.casualties.lexicon import CasualtyLexicon
    from conflictdb.extract.dates import DateLexicon
    from conflictdb.extract.events import EventLexicon
    from conflictdb.extract.findings import PlaceWords
    from conflictdb.extract.incidents import SegmentLexicon
    from conflictdb.extract.mentions import PartyLexicon
    from conflictdb.extract.speech.lexicon import SpeechLexicon
    from conflictdb.geo.gazetteer import Gazetteer
    from conflictdb.geo.lexicon import GeoLexicon
    from conflictdb.ingest.rules import InputRules
    from conflictdb.resolve.duplicates import DuplicateLexicon
    from conflictdb.resolve.link import LinkLexicon
    from conflictdb.resolve.reconcile import ReconcileRules
    from conflictdb.store import StoreLexicons


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the pipeline needs, loaded once per process and passed explicitly."""

    nlp: Language  # sentence splitting and tokens (extract.sentences.build_nlp)
    inputs: InputRules  # the readers': input limits, metadata dates, JSON record keys, stdin signatures
    clean: CleanLexicon
    casualties: CasualtyLexicon
    speech: SpeechLexicon
    dates: DateLexicon
    events: EventLexicon
    actors: ActorLexicon
    exports: ExportTables  # inter codes of the extract records, the ACLED and UCDP tables
    segments: SegmentLexicon
    places: PlaceWords  # which toponyms a sentence names as places (extract.findings)
    parties: PartyLexicon
    linking: LinkLexicon
    duplicates: DuplicateLexicon
    reconcile: ReconcileRules  # figures reconciled and incidents graded (the extract format's fatalities)
    geo: GeoLexicon
    gazetteer: Gazetteer


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: loading makes hundreds of thousands of objects that all
    live (the gazetteer's name index), and the collector would go over them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_resources(*, data_dir: Path = DATA_DIR, gazetteer_path: Path | None = None) -> Resources:
    """Load every lexicon and open the gazetteer (built from the installed package at first use)."""
    from conflictdb import regex_cache

    with collector_paused(), regex_cache.programs_kept("resources", str(data_dir.resolve())):
        return _load_resources(data_dir, gazetteer_path)


def _load_resources(data_dir: Path, gazetteer_path: Path | None) -> Resources:
    from conflictdb import clean, export_tables, geo
    from conflictdb.extract import actor_lexicon, dates, events, findings, incidents, mentions, sentences
    from conflictdb.extract.casualties.lexicon import load_casualty_lexicon
    from conflictdb.extract.casualties.numbers import load_number_grammar
    from conflictdb.extract.speech.lexicon import load_speech_lexicon
    from conflictdb.extract.speech.verbs import SPEECH_FILE
    from conflictdb.geo.admin_names import load_acled_conventions
    from conflictdb.ingest.files import load_input_rules
    from conflictdb.resolve import duplicates, link, reconcile

    # data/actors.yaml read once, for the actor lexicon, the named actors' inter codes and the place lexicon's
    # one-country groups; linking.yaml
    # once, for the link and near-duplicate lexicons
    actor_table = load_yaml(export_tables.ACTORS_FILE, data_dir=data_dir)
    link_table = load_yaml(link.LINKING_FILE, data_dir=data_dir)
    # data/incidents.yaml read once, for the segmentation cues and the party speakers; geo.yaml once, for
    # the place lexicon and the exports' district words
    incident_table = load_yaml(incidents.INCIDENTS_FILE, data_dir=data_dir)
    geo_table = load_yaml(export_tables.GEO_FILE, data_dir=data_dir)
    numbers = load_number_grammar(data_dir)  # read by the date, casualty and segmentation lexicons
    # speech.yaml read once, for the speech lexicon and the date lexicon's words of speaking (its verbs);
    # outlets.yaml once, for clean-up and speech; limits.yaml once, for the readers and the tokenizer
    speech_table = load_yaml(SPEECH_FILE, data_dir=data_dir)
    outlet_table = load_yaml(OUTLETS_FILE, data_dir=data_dir)
    limits_table = load_yaml(LIMITS_FILE, data_dir=data_dir)
    date_lexicon = dates.load_date_lexicon(data_dir, numbers=numbers, speech=speech_table)
    speech = load_speech_lexicon(data_dir, dates=date_lexicon, raw=speech_table, outlets=outlet_table)
    # the readers' month names are the date lexicon's (dates.yaml), one vocabulary
    inputs = load_input_rules(data_dir, months=date_lexicon.months, limits=limits_table)
    # the gazetteer's store rules and the ACLED export share geo_admin_words.yaml and the admin names
    store_rules = geo.load_store_rules(data_dir=data_dir)
    acled = load_acled_conventions(data_dir, admin_names=store_rules.admin_names, bare=store_rules.bare)
    # the ACLED countries and regions read once, for the exports and the actors' names
    exports = export_tables.load_export_tables(data_dir, actors=actor_table, geo=geo_table, acled=acled)
    return Resources(
        nlp=sentences.build_nlp(
            abbreviations=speech.title_abbreviations,
            bounds=sentences.load_tokenizer_bounds(data_dir, raw=limits_table),
        ),
        inputs=inputs,
        clean=clean.load_clean_lexicon(data_dir, dates=inputs.dates, outlets=outlet_table),
        casualties=load_casualty_lexicon(data_dir, numbers=numbers, dates=date_lexicon),
        speech=speech,
        dates=date_lexicon,
        events=events.load_event_lexicon(data_dir),
        actors=actor_lexicon.load_actor_lexicon(data_dir, raw=actor_table, exports=exports),
        exports=exports,
        segments=incidents.load_segment_lexicon(
            data_dir, raw=incident_table, numbers=numbers, dates=date_lexicon
        ),
        places=findings.load_place_words(data_dir, raw=incident_table),
        parties=mentions.load_party_lexicon(data_dir, raw=incident_table, speech_verbs=speech.speaker_verbs),
        linking=link.load_link_lexicon(data_dir, raw=link_table, weekdays=date_lexicon.weekdays),
        duplicates=duplicates.load_duplicate_lexicon(data_dir, raw=link_table),
        reconcile=reconcile.load_reconcile_rules(data_dir),
        geo=geo.load_geo_lexicon(data_dir=data_dir, dates=date_lexicon, raw=geo_table, actors=actor_table),
        gazetteer=geo.Gazetteer.open(gazetteer_path, rules=store_rules),
    )


def store_lexicons(resources: Resources) -> StoreLexicons:
    """The store's lexicons sharing what the resources have read (linking, near-duplicates, reconcile
    rules, export tables): a command that extracts and stores reads each data file once."""
    from conflictdb.store import load_store_lexicons

    return load_store_lexicons(
        linking=resources.linking,
        duplicates=resources.duplicates,
        reconcile=resources.reconcile,
        exports=resources.exports,
    )


@contextmanager
def loaded_resources() -> Iterator[Resources]:
    """The pipeline's resources for the length of a command, the gazetteer closed afterwards. What exists
    once they are loaded lives for the whole command, so it is kept out of the cyclic collector's sight
    (`gc.freeze`): a full collection would otherwise go over the lexicons and the name index each time,
    and in forked workers write to every page they share with the parent."""
    resources = load_resources()
    gc.freeze()
    try:
        yield resources
    finally:
        gc.unfreeze()
        close = getattr(resources.gazetteer, "close", None)
        if close is not None:
            close()

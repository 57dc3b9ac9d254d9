"""Data files under data/ and the helpers that read them; nothing is read at import time."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: ten times faster


def load_yaml(name: str, *, data_dir: Path = DATA_DIR) -> Any:
    """Read one YAML data file by name, e.g. `load_yaml("casualties.yaml")`."""
    with (data_dir / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the pipeline needs, loaded once per process and passed explicitly."""

    nlp: Any  # spacy.language.Language
    clean: Any  # clean.CleanLexicon
    casualties: Any  # extract.figures.CasualtyLexicon
    speech: Any  # extract.speakers.SpeechLexicon
    dates: Any  # extract.dates.DateLexicon
    events: Any  # extract.events.EventLexicon
    actors: Any  # extract.actors.ActorLexicon
    exports: Any  # export_tables.ExportTables: inter codes of the extract records, the ACLED tables
    segments: Any  # extract.incidents.SegmentLexicon
    parties: Any  # extract.mentions.PartyLexicon
    linking: Any  # resolve.link.LinkLexicon
    duplicates: Any  # resolve.duplicates.DuplicateLexicon
    geo: Any  # geo lexicon
    gazetteer: Any  # geo.gazetteer.Gazetteer


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
    from conflictdb.extract import actors, dates, events, figures, incidents, mentions, sentences, speakers
    from conflictdb.resolve import duplicates, link

    # data/actors.yaml read once, for the actor lexicon and the named actors' inter codes
    actor_table = load_yaml(export_tables.ACTORS_FILE, data_dir=data_dir)
    return Resources(
        nlp=sentences.build_nlp(),
        clean=clean.load_clean_lexicon(data_dir),
        casualties=figures.load_casualty_lexicon(data_dir),
        speech=speakers.load_speech_lexicon(data_dir),
        dates=dates.load_date_lexicon(data_dir),
        events=events.load_event_lexicon(data_dir),
        actors=actors.load_actor_lexicon(data_dir, raw=actor_table),
        exports=export_tables.load_export_tables(data_dir, actors=actor_table),
        segments=incidents.load_segment_lexicon(data_dir),
        parties=mentions.load_party_lexicon(data_dir),
        linking=link.load_link_lexicon(data_dir),
        duplicates=duplicates.load_duplicate_lexicon(data_dir),
        geo=geo.load_geo_lexicon(data_dir=data_dir),
        gazetteer=geo.Gazetteer.open(gazetteer_path),
    )

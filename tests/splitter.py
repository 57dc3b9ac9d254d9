"""The sentence splitter as load_resources builds it, for tests that load no gazetteer."""

from __future__ import annotations

from spacy.language import Language

from conflictdb.extract.sentences import build_nlp, load_tokenizer_bounds
from conflictdb.extract.speech.lexicon import load_speech_lexicon


def data_nlp() -> Language:
    """build_nlp with the abbreviations and tokenizer bounds of the installed data files."""
    return build_nlp(abbreviations=load_speech_lexicon().title_abbreviations, bounds=load_tokenizer_bounds())

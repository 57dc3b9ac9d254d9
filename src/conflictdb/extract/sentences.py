"""Sentence and paragraph segmentation on spaCy's rule-based tokenizer (no statistical model)."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break; headlines and captions have no full stop."""
    for token in doc[:-1]:
        if "\n" in token.text or "\n" in token.whitespace_:
            doc[token.i + 1].is_sent_start = True
    return doc


def build_nlp() -> Language:
    """A blank English pipeline: tokenizer, line breaks as boundaries, punctuation sentencizer."""
    nlp = spacy.blank("en")
    nlp.add_pipe("paragraph_breaks")
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(nlp: Language, text: str) -> tuple[Doc, list[Span]]:
    """Tokenise `text` and return the Doc with its non-blank sentences."""
    doc = nlp(text)
    sentences = [s for s in doc.sents if s.text.strip()]
    return doc, sentences

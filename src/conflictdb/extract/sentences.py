"""Sentence and paragraph segmentation on spaCy's rule-based tokenizer (no statistical model)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.strings import hash_string
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from conflictdb.datafiles import DATA_DIR, LIMITS_FILE, load_yaml

_TEXT = "conflictdb.text"  # doc.user_data key of the text a doc was made from
_FINAL_PUNCT = frozenset({".", "!", "?", "...", "…"})
_SENTENCE_PUNCT = frozenset(hash_string(char) for char in Sentencizer.default_punct_chars)  # as ORTH ids
_FINAL_ORTHS = frozenset(hash_string(mark) for mark in _FINAL_PUNCT)
_QUOTE = hash_string('"')


def _text(doc: Doc) -> str:
    """The doc's text: kept by split_sentences, since spaCy rebuilds `doc.text` from the tokens."""
    return doc.user_data.get(_TEXT) or doc.text


def _tokens_at(starts: numpy.ndarray, text: str, char: str) -> list[int]:
    """Indices of the tokens (by their start offsets `starts`) whose text or trailing space holds `char`, in
    order, each once."""
    offsets = [m.start() for m in re.finditer(re.escape(char), text)]
    if not offsets:
        return []
    return sorted({int(i) for i in numpy.searchsorted(starts, offsets, side="right") - 1})


@Language.component("sentence_starts")
def sentence_starts(doc: Doc) -> Doc:
    """Mark where sentences start, reading and writing the doc's arrays once (spaCy's `is_sent_start`
    setter checks the whole doc for a parse at every call): after every line break, as spaCy's sentencizer
    does after final punctuation, and with an opening quote moved to the sentence it opens."""
    if not len(doc):
        return doc
    text = _text(doc)
    columns = doc.to_array([ORTH, IS_PUNCT, SPACY, IDX, SENT_START])
    marks = columns[:, 4].view(numpy.int64).tolist()  # 1 a start, -1 no start, 0 not told
    orths, puncts, spaces = columns[:, :3].T.tolist()
    for i in _tokens_at(columns[:, 3], text, "\n"):
        if i < len(marks) - 1:
            marks[i + 1] = 1
    _punctuation_starts(marks, orths, puncts)
    for i, mark in _opening_quotes(_tokens_at(columns[:, 3], text, '"'), marks, orths, spaces).items():
        marks[i] = mark
    doc.from_array([SENT_START], numpy.array(marks, dtype=numpy.int64).view(numpy.uint64))
    return doc


def _punctuation_starts(marks: list[int], orths: list[int], puncts: list[int]) -> None:
    """spaCy's sentencizer with its default punctuation, on the doc's columns: a sentence starts at the
    first token after a run of final punctuation that is no punctuation itself; tokens already marked keep
    their mark, the others are marked start or no start."""
    opens = [False] * len(marks)
    opens[0] = True
    start = 0
    seen_period = False
    for i, orth in enumerate(orths):
        final = orth in _SENTENCE_PUNCT
        if seen_period and not puncts[i] and not final:
            opens[start] = True
            start = i
            seen_period = False
        elif final:
            seen_period = True
    opens[start] = True
    marks[:] = [mark or (1 if opens[i] else -1) for i, mark in enumerate(marks)]


def _opening_quotes(
    quotes: list[int], marks: list[int], orths: list[int], spaces: list[int]
) -> dict[int, int]:
    """The marks that move an opening straight quote left at the end of a sentence (token indices `quotes`)
    to the start of the next one; no quote's test reads a mark an earlier quote moved."""
    moved: dict[int, int] = {}
    for i in quotes:
        if not 0 < i < len(marks) - 1 or orths[i] != _QUOTE or spaces[i] or not spaces[i - 1]:
            continue  # an opening mark has a space before it and none after it
        if orths[i - 1] in _FINAL_ORTHS and marks[i + 1] > 0:
            moved[i] = 1
            moved[i + 1] = -1
    return moved


@dataclass(frozen=True, slots=True)
class TokenizerBounds:
    """How much of a word the tokenizer reads at each step (data/limits.yaml, `tokenizer`)."""

    suffix_window: int  # characters at a word's end searched for a suffix
    max_word_chars: int  # a longer run without spaces is tokenised in pieces of this many characters


def load_tokenizer_bounds(
    data_dir: Path = DATA_DIR, *, raw: Mapping[str, Any] | None = None
) -> TokenizerBounds:
    """Read the tokenizer's bounds from data/limits.yaml (its table `raw`, from `data_dir` if not given)."""
    bounds = (raw if raw is not None else load_yaml(LIMITS_FILE, data_dir=data_dir))["tokenizer"]
    return TokenizerBounds(
        suffix_window=int(bounds["suffix_window_chars"]), max_word_chars=int(bounds["max_word_chars"])
    )


class _SuffixWindow:
    """A suffix search that reads only the last `window` characters of a word. Every suffix pattern is
    anchored at the word's end and matches fewer characters (bar a run of one mark longer than the window),
    so the match is the one a search of the whole word finds, at a cost that does not grow with the word.
    Keeps the pattern as `.pattern`, where spaCy's serialiser reads it."""

    def __init__(self, search: Callable[[str], re.Match[str] | None], window: int) -> None:
        self._regex: re.Pattern[str] = search.__self__  # type: ignore[attr-defined]
        self._window = window
        self.pattern = self._regex.pattern

    def search(self, word: str) -> re.Match[str] | None:
        return self._regex.search(word, max(0, len(word) - self._window))


class LinearTokenizer:
    """spaCy's tokenizer at a cost linear in the text. spaCy peels prefixes and suffixes off a word one at a
    time, searching the whole rest of the word for each: a word of n marks ("=====", "(…)(…)") costs n²
    steps. Here the prefix is matched at the word's start only (every prefix pattern is anchored there: the
    same matches), the suffix searched near the word's end only (_SuffixWindow), and a word longer than
    `max_word_chars` (none in real text) is tokenised in pieces of that length. Texts without such a word
    get exactly spaCy's tokens."""

    def __init__(self, tokenizer: Tokenizer, bounds: TokenizerBounds) -> None:
        tokenizer.prefix_search = tokenizer.prefix_search.__self__.match  # type: ignore[union-attr]
        tokenizer.suffix_search = _SuffixWindow(tokenizer.suffix_search, bounds.suffix_window).search
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self._size = bounds.max_word_chars
        self._long_word = re.compile(rf"\S{{{bounds.max_word_chars + 1},}}")

    def __call__(self, text: str) -> Doc:
        if self._long_word.search(text) is None:
            return self.tokenizer(text)
        words: list[str] = []
        spaces: list[bool] = []
        strings = self.vocab.strings
        for piece in self._pieces(text):
            orths, gaps = self.tokenizer(piece).to_array([ORTH, SPACY]).T.tolist()
            words.extend(strings[orth] for orth in orths)
            spaces.extend(map(bool, gaps))
        return Doc(self.vocab, words=words, spaces=spaces)

    def _pieces(self, text: str) -> Iterator[str]:
        """The text cut inside each long word, every `max_word_chars` characters."""
        start = 0
        for word in self._long_word.finditer(text):
            for cut in range(word.start() + self._size, word.end(), self._size):
                yield text[start:cut]
                start = cut
        yield text[start:]


def build_nlp(*, abbreviations: Iterable[str], bounds: TokenizerBounds) -> Language:
    """A blank English pipeline: the tokenizer and `sentence_starts` (line breaks, final punctuation).

    `abbreviations` (data/speech.yaml's `title_abbreviations`, SpeechLexicon) keep their full stop, so that
    "Brig. Gen. Ali Khan" does not end a sentence. `bounds` (data/limits.yaml, `load_tokenizer_bounds`)
    keep the tokenizer's cost linear in the text (LinearTokenizer).
    """
    nlp = spacy.blank("en")
    # the doc is read for its sentence boundaries only: of the lexical attributes spaCy computes for every
    # new word, a Python call each (norm, shape, like_num, ...), the sentencizer needs `is_punct` alone
    nlp.vocab.lex_attr_getters = {IS_PUNCT: nlp.vocab.lex_attr_getters[IS_PUNCT]}
    for word in abbreviations:
        for form in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    nlp.tokenizer = LinearTokenizer(nlp.tokenizer, bounds)
    nlp.add_pipe("sentence_starts")
    return nlp


def span_text(span: Span) -> str:
    """A sentence's text, sliced from the text its doc was made from (`Span.text` joins its tokens)."""
    return _text(span.doc)[span.start_char : span.end_char]


def split_sentences(nlp: Language, text: str) -> tuple[Doc, list[Span]]:
    """Tokenise `text` and return the Doc with its non-blank sentences."""
    doc = nlp.make_doc(text)
    doc.user_data[_TEXT] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    sentences = [s for s in doc.sents if text[s.start_char : s.end_char].strip()]
    return doc, sentences

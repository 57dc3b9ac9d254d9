"""Tests for extract.sentences: where sentences begin and end."""

# ruff: noqa: E501  -- the tables keep one realistic case per line, however long the sentence

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from conflictdb.extract.sentences import build_nlp, load_tokenizer_bounds, split_sentences
from tests.splitter import data_nlp
from tests.timing import best_cpu_seconds


@pytest.fixture(scope="module")
def nlp():
    return data_nlp()


# (text, sentences)
# fmt: off
SPLITS = [
    ("Brig. Gen. Ali Khan said nine died. Police agreed.", ["Brig. Gen. Ali Khan said nine died.", "Police agreed."]),
    ("Lt. Col. Omar Bello and Capt. Musa Idris spoke to reporters.", ["Lt. Col. Omar Bello and Capt. Musa Idris spoke to reporters."]),
    ("The chairman, Hon. Abdullahi Mshelia, told reporters that 23 were buried.", ["The chairman, Hon. Abdullahi Mshelia, told reporters that 23 were buried."]),
    ("Dr. Ahmed, Gov. Zulum, Sen. Ali, Rep. Smith and Prof. Musa visited.", ["Dr. Ahmed, Gov. Zulum, Sen. Ali, Rep. Smith and Prof. Musa visited."]),
    ("Mr. Ali, Mrs. Bello, Ms. Okafor, Maj. Danladi, Sgt. Garba and Col. Usman survived.", ["Mr. Ali, Mrs. Bello, Ms. Okafor, Maj. Danladi, Sgt. Garba and Col. Usman survived."]),
    ('A resident gave a lower figure. "I counted 26 dead people. Many are missing," he said.', ["A resident gave a lower figure.", '"I counted 26 dead people.', 'Many are missing," he said.']),
    ('He said: "We ran." Then the shelling stopped.', ['He said: "We ran."', "Then the shelling stopped."]),
    ("Twelve died.\nPolice said the toll may rise", ["Twelve died.", "Police said the toll may rise"]),
    # line breaks and opening quotes found from the text, wherever they fall among the tokens
    ('"Three convoys left." Then the road closed.', ['"Three convoys left."', "Then the road closed."]),
    ("The mayor spoke.\n\n\nRoads reopened on Friday", ["The mayor spoke.", "Roads reopened on Friday"]),
    ('Nine were hurt. "We hid," a farmer said.\r\nShops shut. "', ["Nine were hurt.", '"We hid," a farmer said.', 'Shops shut. "']),
    ('Headline without stop\n"Quoted first line." Later text.', ["Headline without stop", '"Quoted first line."', "Later text."]),
    ('Guards fled."Then what?" she asked.\n', ["Guards fled.", '"Then what?"', "she asked."]),
    ("\n\nTwo died.  \n  Police came.", ["Two died.", "Police came."]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), SPLITS)
def test_sentences_split(nlp, text, expected):
    _, sentences = split_sentences(nlp, text)
    assert [s.text.strip() for s in sentences] == expected


def test_sentences_keep_offsets(nlp):
    text = 'Two died. "Four more," Gen. Ali said.'
    doc, sentences = split_sentences(nlp, text)
    assert doc.text == text
    assert [text[s.start_char : s.end_char] for s in sentences] == [
        "Two died.",
        '"Four more," Gen. Ali said.',
    ]


# Only `is_punct` is computed for a new word (build_nlp): marks after a full stop still close its sentence.
# fmt: off
PUNCT_AFTER_STOP = [
    ("The depot burned.) Crews left.", ["The depot burned.)", "Crews left."]),
    ("Guards ran off.»  Nobody followed.", ["Guards ran off.»", "Nobody followed."]),
    ("Was it shelling?!’ Nobody knew.", ["Was it shelling?!’", "Nobody knew."]),
]
# fmt: on


@pytest.mark.parametrize(("text", "expected"), PUNCT_AFTER_STOP)
def test_sentences_punctuation_after_a_stop_stays(text, expected):
    _, sentences = split_sentences(data_nlp(), text)  # a fresh vocabulary: every word is new
    assert [s.text.strip() for s in sentences] == expected


SENTENCE_BREAKS = [
    "The ferry left at dawn. It reached the island by noon!",
    "Did the mill burn?! Nobody knows... The keeper left.",
    "A line without a stop\nanother line here. And a third sentence.",
    'The keeper said. "We will stay," he added.',
    "Numbers like 3.5 stay whole. So do U.S. forces in the text.",
    "",
    ".",
    "One",
]


@Language.component("test_line_breaks")
def _line_breaks(doc: Doc) -> Doc:
    """The plain way: a sentence after each token whose text or trailing space holds a line break."""
    for token in doc[:-1]:
        if "\n" in token.text_with_ws:
            doc[token.i + 1].is_sent_start = True
    return doc


@Language.component("test_opening_quotes")
def _opening_quotes(doc: Doc) -> Doc:
    """The plain way: a straight quote after a final stop and a space, before a word, opens the next
    sentence."""
    moved = [
        t.i
        for t in doc[1:-1]
        if t.text == '"'
        and not t.whitespace_
        and doc[t.i - 1].whitespace_
        and doc[t.i - 1].text in {".", "!", "?", "...", "\u2026"}
        and doc[t.i + 1].is_sent_start
    ]
    for i in moved:
        doc[i].is_sent_start = True
        doc[i + 1].is_sent_start = False
    return doc


@pytest.mark.parametrize("text", SENTENCE_BREAKS + [text for text, _ in SPLITS])
def test_sentence_starts_as_spacys_sentencizer(text: str) -> None:
    """Our one pass over the doc's arrays marks the starts that spaCy's sentencizer marks between line
    breaks and opening quotes set token by token."""
    import spacy
    from spacy.attrs import IS_PUNCT, SENT_START

    ours = build_nlp(abbreviations=[], bounds=load_tokenizer_bounds())
    theirs = spacy.blank("en")
    theirs.vocab.lex_attr_getters = {IS_PUNCT: theirs.vocab.lex_attr_getters[IS_PUNCT]}
    for name in ("test_line_breaks", "sentencizer", "test_opening_quotes"):
        theirs.add_pipe(name)
    a, b = split_sentences(ours, text)[0], split_sentences(theirs, text)[0]
    assert a.to_array([SENT_START]).tolist() == b.to_array([SENT_START]).tolist()


_MARKS = "abcXYZ019 .,;:!?'\"()[]-–—=*+/%$°’“”…\n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_MARKS, max_size=300))
def test_linear_tokenizer_gives_spacys_tokens_on_words_of_any_marks(text: str) -> None:
    """Matching prefixes at a word's start and suffixes near its end changes no token: words here are
    shorter than the piece size, and no run of full stops reaches the suffix window."""
    import spacy
    from spacy.attrs import ORTH

    assume("." * 16 not in text)
    ours = build_nlp(abbreviations=["Gen."], bounds=load_tokenizer_bounds())
    theirs = spacy.blank("en")
    theirs.tokenizer.add_special_case("Gen.", [{ORTH: "Gen."}])
    a = [(t.text, t.idx, t.whitespace_) for t in ours.make_doc(text)]
    b = [(t.text, t.idx, t.whitespace_) for t in theirs.make_doc(text)]
    assert a == b


@pytest.mark.parametrize("word", ["=" * 2_500, "(…)" * 900, "'s" * 1_300, "ab" * 1_200])
def test_linear_tokenizer_reads_a_word_too_long_in_pieces(nlp, word: str) -> None:
    """A word over max_word_chars (data/limits.yaml) is tokenised in pieces; the text and every offset
    stay the text's."""
    text = f"Before {word} after.\n{word}"
    doc, sentences = split_sentences(nlp, text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    assert sentences[0].start_char == 0 and sentences[-1].end_char == len(text)


def test_sentences_splitting_is_linear_in_line_breaks(nlp) -> None:
    """Issue 18: marking each line's start through spaCy's `is_sent_start` setter checks the whole doc at
    every call, which made splitting quadratic in line breaks. Eight times the lines cost about eight
    times, not sixty-four: the bound is the two's geometric mean (as test_dates' linear test)."""
    lines = [f"Convoy {n} reached the river crossing on Monday" for n in range(6_400)]
    small, large = "\n".join(lines[:800]), "\n".join(lines)
    split_sentences(nlp, large)  # every word in the vocabulary: its first sight is no line break's cost
    assert len(split_sentences(nlp, large)[1]) == 6_400  # a sentence per line, none lost
    small_seconds = best_cpu_seconds(lambda: split_sentences(nlp, small), repeats=5)
    large_seconds = best_cpu_seconds(lambda: split_sentences(nlp, large), repeats=3)
    ratio = large_seconds / max(small_seconds, 1e-6)
    assert ratio < 22, (
        f"8 times the lines: {large_seconds:.3f} CPU s / {small_seconds:.3f} = {ratio:.1f}, not < 22"
    )

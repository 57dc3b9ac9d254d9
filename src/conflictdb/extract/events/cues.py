"""Finding event cues: the patterns of the event lexicon are tried only where a word with their leading
letters starts, so a text is scanned once; overlapping cues keep the longest, and cues inside a
perpetrator's or a context phrase are set aside."""

from __future__ import annotations

import re
from bisect import bisect_right

from conflictdb.extract.events.lexicon import LAYERS, CuePattern, EventLexicon, VictimRule, index_key
from conflictdb.records.matches import EventCue

# where a sentence ends: after a full stop that closes a lower-case word or a number, before a capital; or a
# blank line ("U.S. forces" goes on)
_SENTENCE_END = re.compile(r"(?<=[^\W_A-Z][.!?])['\"”’)]*\s+(?=[\"“‘'(]?[A-Z0-9])|\n\s*\n")


def _all_matches(text: str, lexicon: EventLexicon) -> list[EventCue]:
    """Every cue pattern match that starts at a word start, overlapping ones included."""
    found = []
    by_head = lexicon.by_head
    for head in lexicon.word_starts.finditer(text):
        pos = head.start()
        letters = head.group()
        patterns = by_head.get(letters)
        for pattern in patterns if patterns is not None else _patterns_of(letters, lexicon):
            m = pattern.regex.match(text, pos)
            if m:
                start = m.start("told") if "told" in pattern.regex.groupindex else pos
                found.append(EventCue(start, m.end(), pattern.kind, text[start : m.end()], pattern.layer))
    return found


def _patterns_of(head: str, lexicon: EventLexicon) -> tuple[CuePattern, ...]:
    """The patterns indexed under the leading letters of a word (its first KEY_LENGTH letters), remembered."""
    found = lexicon.by_head.get(head)
    if found is None:
        keys = {index_key(head[:n]) for n in range(2, len(head) + 1)}
        found = lexicon.by_head[head] = tuple(p for key in keys for p in lexicon.index.get(key, ()))
    return found


def _longest_first(cues: list[EventCue], size: int, lexicon: EventLexicon) -> list[EventCue]:
    """Of overlapping cues keep the longest (then the kind listed first)."""
    taken = bytearray(size)
    kept = []
    for cue in sorted(cues, key=lambda c: (c.start - c.end, lexicon.kind_rank[c.kind], c.start)):
        if not any(taken[cue.start : cue.end]):
            taken[cue.start : cue.end] = b"\x01" * (cue.end - cue.start)
            kept.append(cue)
    return kept


def _mask(cues: list[EventCue], size: int) -> bytearray:
    """Characters covered by the given phrases (perpetrators and speakers, or context)."""
    masked = bytearray(size)
    for cue in cues:
        masked[cue.start : cue.end] = b"\x01" * (cue.end - cue.start)
    return masked


def find_event_cues(text: str, lexicon: EventLexicon) -> list[EventCue]:
    """Event, target and helper cues in `text`, in text order: targets inside perpetrator phrases dropped,
    and every cue that starts inside a context phrase (a cause, a backdrop: not the event told)."""
    return split_event_cues(text, lexicon)[0]


def split_event_cues(text: str, lexicon: EventLexicon) -> tuple[list[EventCue], list[EventCue]]:
    """The cues of `find_event_cues`, and apart from them those that start inside a context phrase: the
    words of the cause or backdrop ("responded to a rocket attack that killed a soldier"), which tell the
    event of a clause that is cut off to be told as an incident of its own."""
    by_layer: dict[str, list[EventCue]] = {layer: [] for layer in LAYERS}
    for cue in _all_matches(text, lexicon):
        by_layer[cue.layer].append(cue)
    masked = _mask(by_layer.pop("mask"), len(text))
    context = _mask(by_layer.pop("context"), len(text))
    cues: list[EventCue] = []
    for layer, found in by_layer.items():
        kept = _longest_first(found, len(text), lexicon)
        if layer == "target":
            kept = [c for c in kept if not any(masked[c.start : c.end])]
        cues.extend(kept)
    cues = _number_sentences(_mark_victim_links(cues, text, lexicon.victim), text)
    cues.sort(key=lambda c: (c.start, c.end))
    return [c for c in cues if not context[c.start]], [c for c in cues if context[c.start]]


def _number_sentences(cues: list[EventCue], text: str) -> list[EventCue]:
    """Give every cue the number of the sentence it starts in."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    return [_with(c, sentence=bisect_right(ends, c.start)) for c in cues]


def _with(
    cue: EventCue, *, passive: bool | None = None, listed: bool | None = None, sentence: int | None = None
) -> EventCue:
    """The cue with its flags or sentence number set (dataclasses.replace, without its cost)."""
    return EventCue(
        cue.start,
        cue.end,
        cue.kind,
        cue.text,
        cue.layer,
        cue.passive if passive is None else passive,
        cue.listed if listed is None else listed,
        cue.sentence if sentence is None else sentence,
    )


def _mark_victim_links(cues: list[EventCue], text: str, victim: VictimRule) -> list[EventCue]:
    """Flag passive violent verbs and targets that continue a list, for `victim_kind`."""
    marked = []
    for c in cues:
        before = max(0, c.start - victim.window)
        if c.kind in victim.verbs and victim.passive.search(text, before, c.start):
            c = _with(c, passive=True)
        elif c.kind in victim.targets and victim.listed.search(text, before, c.start):
            c = _with(c, listed=True)
        marked.append(c)
    return marked

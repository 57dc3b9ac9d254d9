"""The verbs that stand next to a speaker ("X told AFP", "said the governor"): one vocabulary, the inverted
and tell verbs of data/speech.yaml, read by speech attribution and by the date lexicon (a date beside one is
the day of speaking). A leaf: the date lexicon, which the speech lexicon reads, imports it too."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

SPEECH_FILE = "speech.yaml"


def speaker_verbs(speech: Mapping[str, Any]) -> frozenset[str]:
    """The lower-cased `inverted_verbs` and `tell_verbs` of data/speech.yaml (its table `speech`)."""
    return frozenset(str(word).lower() for key in ("inverted_verbs", "tell_verbs") for word in speech[key])

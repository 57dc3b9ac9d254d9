"""Reported speech: who says what, sentence by sentence.

lexicon (the words, data/speech.yaml; verbs: the verbs next to a speaker, which dates read too) ->
quotes and tokens (a sentence read as classified words) -> phrases and speaker_mentions (speaker noun
phrases) -> subjects and cues (the speakers one sentence names) -> referents and attribution (resolved
across the article: `attribute_sentences`).
"""

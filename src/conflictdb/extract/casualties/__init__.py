"""Casualty figures: quantities (numbers), victim phrases and their categories (victims, categories), cue
words and what binds victims to them (cues, building, totals), a sentence's stance (stance), display lines
(display), all read with the lexicon compiled from data/casualties.yaml (lexicon, grammar, phrases);
figures.py is the entry."""

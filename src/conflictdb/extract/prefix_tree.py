"""Regex alternations of many words nested by shared prefixes.

re tries the branches of an alternation one by one at every position; nested by prefix
("j(?:an(?:uary)?|u(?:ly|ne))") each letter is read once. Longer words are tried before the shorter
words they start with, so the nested form matches as the plain alternation of the words longest first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def prefix_tree_alternation(words: Iterable[str], letter: Callable[[str], str] = re.escape) -> str:
    """A regex (no group) matching exactly `words`, nested by shared prefixes, longest first; `letter`
    gives each character's regex (escaped as it is by default)."""
    tree: dict[str, dict] = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(tree, letter)


def _node_pattern(node: dict[str, dict], letter: Callable[[str], str]) -> str:
    """The regex of one node of a prefix tree; the key "" marks the end of a word."""
    branches = [letter(char) + _node_pattern(child, letter) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def word_screen(words: Iterable[str], word_chars: str = r"\w") -> re.Pattern[str]:
    """A pattern that finds, in lower-cased text, a whole word of `words`: a run of the characters
    `word_chars` (a character class's content) that is one of them. One search in place of testing
    every run of the text against the set; a word that is no such run could never be found."""
    run = re.compile(f"[{word_chars}]+")
    runs = [w for w in words if run.fullmatch(w)]
    if not runs:
        return re.compile(r"(?!)")
    return re.compile(rf"(?<![{word_chars}])(?:{prefix_tree_alternation(runs)})(?![{word_chars}])")

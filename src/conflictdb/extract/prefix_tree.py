"""Regex alternations of many words nested by shared prefixes.

re tries the branches of an alternation one by one at every position; nested by prefix
("j(?:an(?:uary)?|u(?:ly|ne))") each letter is read once. Longer words are tried before the shorter
words they start with, so the nested form matches as the plain alternation of the words longest first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def prefix_tree_alternation(words: Iterable[str]) -> str:
    """A regex (no group) matching exactly `words`, nested by shared prefixes, longest first."""
    tree: dict[str, dict] = {}
    for word in set(words):
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(tree)


def _node_pattern(node: dict[str, dict]) -> str:
    """The regex of one node of a prefix tree; the key "" marks the end of a word."""
    branches = [re.escape(char) + _node_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body

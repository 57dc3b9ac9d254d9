"""Tests for regex_cache: patterns built from their stored compilation behave as `re` builds them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conflictdb import regex_cache

pytestmark = pytest.mark.skipif(not regex_cache.supported(), reason="this Python's re differs")

# (pattern, flags, text)
# fmt: off
PATTERNS = [
    (r"\b(?P<count>\d+)\s+(?P<who>guards|farmers)\b", 0, "Reports said 14 guards and 3 farmers were hurt."),
    (r"(?i:near|outside)\s+(?P<town>[A-Z]\w+)", 0, "Shelling NEAR Velmora and outside Tarsk went on."),
    (r"(?<![\w-])no\s+one\s+(?:was|were)\s+hurt", re.IGNORECASE, "No one was hurt; no-one were hurt."),
    (r"^[A-Z]{3,}(?=,)", re.MULTILINE, "KORVAL, May 2 -\nOSTRA, June 3 -"),
    (r"a(?:b|bc)?c", 0, "abc ac abcc"),
]
# fmt: on


@pytest.mark.parametrize(("pattern", "flags", "text"), PATTERNS)
def test_regex_cache_builds_what_re_builds(pattern: str, flags: int, text: str) -> None:
    built = regex_cache.build(pattern, regex_cache.entry_of(pattern, flags))
    plain = re.compile(pattern, flags)
    assert built.pattern == plain.pattern and built.flags == plain.flags
    assert built.groupindex == plain.groupindex
    assert [m.span() for m in built.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert [m.groupdict() for m in built.finditer(text)] == [m.groupdict() for m in plain.finditer(text)]


def _fresh(pattern: str) -> str:
    """A pattern `re`'s own in-memory cache has not seen, so that compile really runs."""
    return pattern + f"(?#{id(object())})"


def test_regex_cache_second_block_reuses_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "regex.marshal"
    pattern = _fresh(r"\b(?P<n>\d+) (?:convoys|trucks)\b")
    with regex_cache.compiled_patterns(path):
        first = re.compile(pattern)
    assert path.exists()
    re.purge()

    def no_compiling(*_args: object) -> None:
        raise AssertionError("compiled again")

    monkeypatch.setattr(regex_cache, "entry_of", no_compiling)
    with regex_cache.compiled_patterns(path):
        second = re.compile(pattern)
    assert second.search("then 7 trucks left").group("n") == "7"
    assert first.groupindex == second.groupindex


def test_regex_cache_leaves_re_as_it_was(tmp_path: Path) -> None:
    compile_before = re._compiler.compile
    with regex_cache.compiled_patterns(tmp_path / "regex.marshal"):
        assert re._compiler.compile is not compile_before
    assert re._compiler.compile is compile_before


@pytest.mark.parametrize("content", [b"", b"not marshal at all", b"\x00\x01\x02"])
def test_regex_cache_ignores_a_broken_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "regex.marshal"
    path.write_bytes(content)
    with regex_cache.compiled_patterns(path):
        found = re.compile(_fresh(r"(?P<word>[a-z]+)ed\b")).findall("Rebels raided and looted")
    assert found == ["raid", "loot"]
    assert path.read_bytes() != content  # rewritten with this run's patterns


def test_regex_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(regex_cache.ENV_PATH, "off")
    assert regex_cache.default_path() is None
    monkeypatch.setenv(regex_cache.ENV_PATH, str(tmp_path / "mine.marshal"))
    assert regex_cache.default_path() == tmp_path / "mine.marshal"
    with regex_cache.compiled_patterns():
        re.compile(_fresh(r"\d+ (?:dead|hurt)"))
    assert (tmp_path / "mine.marshal").exists()

"""Tests for conflictdb.regex_cache: compiled patterns kept on disk are the patterns `re` compiles."""

from __future__ import annotations

import re

import pytest

from conflictdb import regex_cache

SOURCES = [
    (r"(?P<actor>\b(?:gunmen|militants))\s+(?:attacked|raided)\s+(?P<target>\w+)", 0),
    (r"air[- ]?strikes?\b", int(re.IGNORECASE)),
    (r"(?i:the|a)\s+(\d+)\s+soldiers?", 0),
    (r"^Published:\s*(.+)$", int(re.MULTILINE)),
]
TEXTS = [
    "Unknown gunmen attacked Pinewood on Sunday.",
    "An AIR-STRIKE hit the depot; airstrikes followed.",
    "Officials said the 14 soldiers were safe.",
    "Title\nPublished: 3 May 2031\nBody",
]


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(regex_cache.ENV_DIR, str(tmp_path))
    return tmp_path


def _same(a: re.Pattern[str], b: re.Pattern[str]) -> bool:
    # Pattern equality compares the pattern text, the flags and the compiled program
    return a == b and a.groupindex == b.groupindex and a.groups == b.groups


@pytest.mark.parametrize("runs", [1, 2, 3])
def test_patterns_equal_re_compile_fresh_and_from_the_file(folder, runs):
    for _ in range(runs):
        compiled = regex_cache.compile_all("sample", SOURCES)
    assert len(list(folder.glob("sample-*.marshal"))) == 1
    for (source, flags), pattern in zip(SOURCES, compiled, strict=True):
        expected = re.compile(source, flags)
        assert _same(pattern, expected)
        for text in TEXTS:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_a_changed_pattern_makes_a_new_file(folder):
    regex_cache.compile_all("sample", SOURCES)
    changed = [*SOURCES[:-1], (r"^Updated:\s*(.+)$", int(re.MULTILINE))]
    compiled = regex_cache.compile_all("sample", changed)
    assert len(list(folder.glob("sample-*.marshal"))) == 2
    assert compiled[-1].search("Updated: today") and not compiled[-1].search("Published: today")


def test_a_damaged_file_compiles_afresh(folder):
    regex_cache.compile_all("sample", SOURCES)
    (path,) = folder.glob("sample-*.marshal")
    path.write_bytes(b"not a program")
    compiled = regex_cache.compile_all("sample", SOURCES)
    assert all(_same(p, re.compile(s, f)) for (s, f), p in zip(SOURCES, compiled, strict=True))


def test_turned_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(regex_cache.ENV_DIR, "")
    compiled = regex_cache.compile_all("sample", SOURCES)
    assert _same(compiled[1], re.compile(*SOURCES[1])) and not list(tmp_path.iterdir())


@pytest.mark.parametrize("env", ["file", ""])
def test_a_bad_pattern_names_its_index(folder, monkeypatch, env):
    if not env:
        monkeypatch.setenv(regex_cache.ENV_DIR, "")
    with pytest.raises(regex_cache.PatternError) as raised:
        regex_cache.compile_all("bad", [(r"fine", 0), (r"(unclosed", 0)])
    assert raised.value.index == 1 and isinstance(raised.value.error, re.error)


def _compile_sample() -> list[re.Pattern[str]]:
    return [re.compile(source, flags) for source, flags in SOURCES]


@pytest.mark.parametrize("runs", [1, 2])
def test_programs_kept_compile_as_re_does(folder, runs):
    compile_as_usual = re.compile
    for _ in range(runs):
        with regex_cache.programs_kept("block", "one place"):
            compiled = _compile_sample()
    assert len(list(folder.glob("block-*.marshal"))) == 1
    assert re.compile is compile_as_usual  # restored
    for (source, flags), pattern in zip(SOURCES, compiled, strict=True):
        expected = re.compile(source, flags)
        assert _same(pattern, expected)
        for text in TEXTS:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in expected.finditer(text)]


def test_programs_kept_per_place_and_rewritten_with_a_new_pattern(folder):
    with regex_cache.programs_kept("block", "one place"):
        _compile_sample()
    with regex_cache.programs_kept("block", "another place"):
        _compile_sample()
    assert len(list(folder.glob("block-*.marshal"))) == 2
    with regex_cache.programs_kept("block", "one place"):
        extra = re.compile(r"\bwounded\b", re.IGNORECASE)
    assert len(list(folder.glob("block-*.marshal"))) == 2
    assert extra.search("Three WOUNDED") and _same(extra, re.compile(r"\bwounded\b", re.IGNORECASE))


@pytest.mark.parametrize(
    ("pattern", "flags"),
    [(re.compile(r"\d+"), 0), (b"bytes", 0), (r"(unclosed", 0)],
    ids=["compiled", "bytes", "bad"],
)
def test_programs_kept_leave_other_patterns_to_re(folder, pattern, flags):
    with regex_cache.programs_kept("block"):
        try:
            kept = re.compile(pattern, flags)
        except re.error:
            kept = "error"
    try:
        expected = re.compile(pattern, flags)
    except re.error:
        expected = "error"
    assert kept == expected


def test_programs_kept_turned_off_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv(regex_cache.ENV_DIR, "")
    with regex_cache.programs_kept("block"):
        compiled = _compile_sample()
    assert _same(compiled[0], re.compile(*SOURCES[0])) and not list(tmp_path.iterdir())

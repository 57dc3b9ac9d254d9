"""No run of ten words from the texts in ../shared/corpus appears anywhere in the repository.

Every text of the shared corpora (articles of news, dev, acled-dev, acled-world, and every string of the
gold files of news and dev: notes, titles, evidence, speakers) is cut into 10-word shingles, hashed; so is
every text file of the repository's sources, tests, bench, docs and README. A shingle in both is copied text.
ACLED's expected.jsonl holds no prose, only codes (event types, actor names, places) the output must use.

    python -m tests.test_no_copied_text   # lists every copied run with its file and line
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.conftest import SHARED, shared_or_skip

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ("news", "dev", "acled-dev", "acled-world")
RUN = 10
REPO_PARTS = ("src", "tests", "bench", "docs", "README.md")
TEXT_SUFFIXES = frozenset(
    {".py", ".md", ".txt", ".json", ".jsonl", ".yaml", ".yml", ".csv", ".html", ".js", ".toml"}
)
SKIPPED_DIRS = frozenset({"vendor", "__pycache__", "node_modules"})
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words without accents: punctuation, quotes and line breaks between them do not count."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    return _WORD.findall(folded)


def shingles(tokens: list[str]) -> Iterator[tuple[int, int]]:
    """(hash of the run of RUN words starting at i, i) for every start i."""
    for i in range(len(tokens) - RUN + 1):
        yield hash(" ".join(tokens[i : i + RUN])), i


def json_strings(value: object) -> Iterator[str]:
    """Every string inside a parsed JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from json_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_strings(item)


def shared_texts(shared: Path) -> Iterator[str]:
    """The articles of every shared corpus and the strings of their gold files."""
    for name in CORPORA:
        corpus = shared / "corpus" / name
        for path in sorted((corpus / "articles").glob("*.txt")):
            yield path.read_text(encoding="utf-8", errors="replace")
        for path in sorted((corpus / "gold").glob("*.json")):
            yield from json_strings(json.loads(path.read_text(encoding="utf-8")))


def corpus_shingles(shared: Path) -> set[int]:
    """The hashes of every 10-word run of the shared texts (a text's words never run into the next's)."""
    return {h for text in shared_texts(shared) for h, _ in shingles(words(text))}


def repository_files(root: Path = ROOT) -> Iterator[Path]:
    """The repository's text files under its sources, tests, bench, docs and README."""
    for part in REPO_PARTS:
        path = root / part
        candidates: Iterable[Path] = [path] if path.is_file() else path.rglob("*")
        for file in candidates:
            if file.suffix in TEXT_SUFFIXES and file.is_file() and not SKIPPED_DIRS & set(file.parts):
                yield file


def copied_runs(corpus: set[int], root: Path = ROOT) -> list[tuple[str, int, str]]:
    """(file, line, the ten words) of every run of a repository file found among the corpus's shingles."""
    found = []
    for file in repository_files(root):
        text = file.read_text(encoding="utf-8", errors="replace")
        tokens, lines = _words_with_lines(text)
        last = -RUN
        for h, i in shingles(tokens):
            if h in corpus and i >= last + RUN:
                found.append((str(file.relative_to(root)), lines[i], " ".join(tokens[i : i + RUN])))
                last = i
    return found


def _words_with_lines(text: str) -> tuple[list[str], list[int]]:
    tokens, lines = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        line_words = words(line)
        tokens.extend(line_words)
        lines.extend([number] * len(line_words))
    return tokens, lines


def test_no_run_of_ten_words_from_the_shared_corpora_is_in_the_repository() -> None:
    found = copied_runs(corpus_shingles(shared_or_skip("corpus").parent))
    assert found == [], "\n".join(f"{file}:{line}: {run}" for file, line, run in found)


@pytest.mark.parametrize(
    ("repo_text", "copied"),
    [
        ("the convoy of the Karsani militia was struck near the old mill on the ridge", True),
        ('"the convoy of the Karsani militia was struck "\n    "near the old mill"', True),
        ("The Convoy of the KARSANI militia — was struck, near the old mill!", True),
        ("the convoy of the Karsani militia was hit near the old mill on the ridge", False),
        ("convoy of the Karsani militia was struck near the", False),
    ],
)
def test_copied_runs_are_found_across_quotes_case_and_line_breaks(
    tmp_path: Path, repo_text: str, copied: bool
) -> None:
    shared_text = "Yesterday the convoy of the Karsani militia was struck near the old mill."
    corpus = {h for h, _ in shingles(words(shared_text))}
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "module.py").write_text(repo_text, encoding="utf-8")
    assert bool(copied_runs(corpus, tmp_path)) is copied


if __name__ == "__main__":
    for file, line, run in copied_runs(corpus_shingles(SHARED)):
        print(f"{file}:{line}: {run}")
    sys.exit(0)

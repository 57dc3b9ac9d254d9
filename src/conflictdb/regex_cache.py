"""Compiled regular expressions kept on disk between runs.

Some lexicons compile the same large patterns at every start (the actor phrase inside every actor
template, hundreds of event cues): seconds of pure-Python parsing. `compile_all` stores the programs the
`re` compiler makes for a list of patterns in `~/.cache/conflictdb/regex/` (or in
$CONFLICTDB_REGEX_CACHE; empty turns the cache off), under a key of the pattern texts, their flags and
the Python version, and rebuilds the patterns from there: the same programs, so the same matches. Any
other Python version, a missing or unreadable file, or a change of a pattern compiles as usual and
writes a new file. `programs_kept` does the same for every `re.compile` made while a block runs (loading
the lexicons: a few hundred patterns, the tokenizer's among them).
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

try:  # the `re` compiler's own steps (CPython); without them every pattern compiles as usual
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - other interpreters
    _sre = None

ENV_DIR = "CONFLICTDB_REGEX_CACHE"  # a folder for the files; "" turns the cache off
KEEP = 6  # files kept per name (several checkouts of the project may share the folder)

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class PatternError(Exception):
    """A pattern of the list does not compile: its index and the `re` error."""

    def __init__(self, index: int, error: re.error) -> None:
        super().__init__(f"pattern {index}: {error}")
        self.index = index
        self.error = error


def cache_dir() -> Path | None:
    """Where the files live: $CONFLICTDB_REGEX_CACHE, else ~/.cache/conflictdb/regex; None if turned off."""
    env = os.environ.get(ENV_DIR)
    if env is not None:
        return Path(env) if env else None
    return Path.home() / ".cache" / "conflictdb" / "regex"


def _program(source: str, flags: int) -> Program:
    """What `re.compile(source, flags)` hands to `_sre.compile` (re/_compiler.py `compile`)."""
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _build(source: str, program: Program) -> re.Pattern[str]:
    flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(source, flags, code, groups, groupindex, indexgroup)


def _key(sources: Sequence[tuple[str, int]]) -> str:
    stamp = (sys.version, getattr(_sre, "MAGIC", 0), getattr(_sre, "CODESIZE", 0), list(sources))
    return hashlib.sha256(repr(stamp).encode("utf-8")).hexdigest()[:24]


def _load(path: Path) -> object | None:
    """A cache file's contents; None when missing or unreadable."""
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def _read(path: Path, count: int) -> list[Program] | None:
    programs = _load(path)
    return programs if isinstance(programs, list) and len(programs) == count else None


def _write(folder: Path, name: str, path: Path, programs: list[Program]) -> None:
    """Write atomically (other processes may read meanwhile); keep the newest files of this name."""
    temp = None
    try:
        data = marshal.dumps(programs)
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{name}-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, path)
        old = sorted(folder.glob(f"{name}-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, ValueError):
        if temp is not None:
            Path(temp).unlink(missing_ok=True)  # a read-only home: the next run compiles again


def compile_all(name: str, sources: Sequence[tuple[str, int]]) -> list[re.Pattern[str]]:
    """`re.compile(source, flags)` for every (source, flags), from the cache file `name` when it holds
    them. Raises PatternError for a pattern that does not compile."""
    sources = [(source, int(flags)) for source, flags in sources]
    folder = cache_dir()
    if _sre is None or folder is None:
        return [_compile(i, source, flags) for i, (source, flags) in enumerate(sources)]
    path = folder / f"{name}-{_key(sources)}.marshal"
    programs = _read(path, len(sources)) if path.exists() else None
    if programs is not None:
        try:
            return [_build(source, program) for (source, _), program in zip(sources, programs, strict=True)]
        except (TypeError, ValueError, RuntimeError):
            pass  # a program this interpreter does not take: compile afresh
    programs = []
    for i, (source, flags) in enumerate(sources):
        try:
            programs.append(_program(source, flags))
        except re.error as error:
            raise PatternError(i, error) from error
        except (TypeError, ValueError, AttributeError):  # an interpreter whose compiler steps differ
            return [_compile(i, source, flags) for i, (source, flags) in enumerate(sources)]
    try:
        compiled = [_build(source, program) for (source, _), program in zip(sources, programs, strict=True)]
    except (TypeError, ValueError, RuntimeError):  # `_sre.compile` takes other arguments here
        return [_compile(i, source, flags) for i, (source, flags) in enumerate(sources)]
    _write(folder, name, path, programs)
    return compiled


def _compile(index: int, source: str, flags: int) -> re.Pattern[str]:
    try:
        return re.compile(source, flags)
    except re.error as error:
        raise PatternError(index, error) from error


@contextmanager
def programs_kept(name: str, place: str = "") -> Iterator[None]:
    """While the block runs, `re.compile` of a string pattern takes its program from the file `name` (one
    file per `place`, e.g. a data folder, and Python version) when the file holds it, and compiles it as
    usual otherwise: the same patterns, without the pure-Python parse. Afterwards the file is written
    afresh with the patterns of this run if it lacked one. Nothing is kept with the cache turned off."""
    folder = cache_dir()
    if _sre is None or folder is None:
        yield
        return
    path = folder / f"{name}-{_key([(place, 0)])}.marshal"
    stored = _read_programs(path)
    used: dict[tuple[str, int], Program] = {}
    compile_as_usual = re.compile

    def compile_kept(pattern: object, flags: int = 0) -> re.Pattern[str]:
        if not isinstance(pattern, str) or int(flags) & re.DEBUG:
            return compile_as_usual(pattern, flags)  # type: ignore[call-overload]
        key = (pattern, int(flags))
        try:
            program = used.get(key) or stored.get(key) or _program(*key)
            compiled = _build(pattern, program)
        except (TypeError, ValueError, AttributeError, RuntimeError):  # steps that differ on this Python
            return compile_as_usual(pattern, flags)
        used[key] = program
        return compiled

    re.compile = compile_kept  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = compile_as_usual
    if not used.keys() <= stored.keys():
        _write(folder, name, path, [(source, flags, program) for (source, flags), program in used.items()])


def _read_programs(path: Path) -> dict[tuple[str, int], Program]:
    """The (source, flags) -> program table of a `programs_kept` file; empty when missing or unreadable."""
    try:  # a missing file (None) or malformed entries: no table
        return {(source, flags): program for source, flags, program in _load(path)}  # type: ignore[union-attr]
    except (ValueError, TypeError):
        return {}

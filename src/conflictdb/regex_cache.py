"""Compiled regular expressions kept on disk between runs.

Loading the lexicons compiles about 1,500 patterns, many of them long alternations, and Python's `re`
parses and compiles in pure Python: that is most of the start-up time of a command. Inside
`compiled_patterns()`, `re` keeps for each new pattern what it computed (the opcode list and the group
names) in a file keyed by the Python version, and builds later copies of the pattern from it. The file
holds the patterns of the last run that compiled a new one. Outside the block, or on a Python whose `re`
internals differ, `re` works as usual.
"""

from __future__ import annotations

import marshal
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

try:  # CPython 3.11+: the parser, the code generator and the C constructor `re.compile` uses
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another implementation
    _compiler = None

ENV_PATH = "CONFLICTDB_REGEX_CACHE"  # a file path, or "off"
_STAMP = (sys.hexversion, sys.implementation.name)

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
Table = dict[tuple[str, int], Entry]


def default_path() -> Path | None:
    """$CONFLICTDB_REGEX_CACHE ("off": none), else a file per Python version in ~/.cache/conflictdb."""
    env = os.environ.get(ENV_PATH)
    if env:
        return None if env == "off" else Path(env)
    return Path.home() / ".cache" / "conflictdb" / f"regex-{sys.hexversion:x}.marshal"


def supported() -> bool:
    """Whether this Python's `re` has the internals the cache stands in for."""
    if _compiler is None:
        return False
    needed = ((_compiler, "compile"), (_compiler, "_code"), (_parser, "parse"), (_sre, "compile"))
    return all(hasattr(module, name) for module, name in needed)


def _read(path: Path) -> Table:
    """The table stored at `path`; empty when missing, unreadable or written by another Python."""
    try:
        stamp, table = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return table if stamp == list(_STAMP) and isinstance(table, dict) else {}


def _write(path: Path, table: Table) -> None:
    """Store `table` at `path` atomically; a read-only cache directory only costs the next start-up."""
    with suppress(OSError, ValueError):
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(marshal.dumps([list(_STAMP), table]))
            os.replace(temp, path)
        finally:
            with suppress(OSError):
                os.unlink(temp)


def entry_of(pattern: str, flags: int) -> Entry:
    """What `re` computes for a pattern before building it: flags, opcodes, groups, group names."""
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    opcodes = [int(op) for op in code]  # named int constants, stored as plain ints
    return int(flags | parsed.state.flags), opcodes, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def build(pattern: str, entry: Entry) -> re.Pattern[str]:
    """The compiled pattern from its stored entry, as `re` itself would build it."""
    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


@contextmanager
def compiled_patterns(path: Path | None = None) -> Iterator[None]:
    """Within the block, `re` reuses the stored compilation of every pattern it has seen before."""
    path = path if path is not None else default_path()
    if path is None or not supported():
        yield
        return
    stored = _read(path)
    used: Table = {}
    original = _compiler.compile

    def compile_cached(pattern: Any, flags: int = 0) -> Any:
        if not isinstance(pattern, str) or flags & re.DEBUG:
            return original(pattern, flags)
        key = (pattern, flags)
        entry = stored.get(key) or entry_of(pattern, flags)
        used[key] = entry
        return build(pattern, entry)

    _compiler.compile = compile_cached
    try:
        yield
    finally:
        _compiler.compile = original
    if any(key not in stored for key in used):
        _write(path, used)

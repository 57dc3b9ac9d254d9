"""Every key of every YAML data file is read by some loader: a heuristic in data/ that no code reads is dead.

The files are read through a YAML loader whose mappings note which of their keys are asked for; then
`load_resources` and every other public `load_*` function of the package that takes `data_dir` run once.
Top-level keys count: nested tables are looked up by value at run time (a country's actors, an event
type's disorder class), and their readers are pinned by the tests of each stage.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

import pytest
import yaml

import conflictdb
from conflictdb import datafiles
from conflictdb.datafiles import DATA_DIR


class _NotedMapping(dict):
    """A dict that notes each key looked up, tested, or walked over."""

    read: set[str]

    def _note(self, keys) -> None:
        self.read.update(str(key) for key in keys)

    def __getitem__(self, key):
        self._note([key])
        return dict.__getitem__(self, key)

    def get(self, key, default=None):
        self._note([key])
        return dict.get(self, key, default)

    def __contains__(self, key):
        self._note([key])
        return dict.__contains__(self, key)

    def __iter__(self) -> Iterator:
        self._note(dict.keys(self))
        return dict.__iter__(self)

    def keys(self):
        self._note(dict.keys(self))
        return dict.keys(self)

    def items(self):
        self._note(dict.keys(self))
        return dict.items(self)

    def values(self):
        self._note(dict.keys(self))
        return dict.values(self)

    def pop(self, key, *default):
        self._note([key])
        return dict.pop(self, key, *default)


class _NotingLoader(yaml.SafeLoader):
    """Top-level mappings become _NotedMapping; each file's noted keys land in `top_levels`."""

    top_levels: list[_NotedMapping] = []

    def construct_document(self, node):
        data = super().construct_document(node)
        if isinstance(data, dict):
            noted = _NotedMapping(dict.items(data))
            noted.read = set()
            noted.source = self.name  # type: ignore[attr-defined]
            type(self).top_levels.append(noted)
            return noted
        return data


def _data_loaders() -> Iterator[tuple[str, object]]:
    """Every public `load_*` function of the package that can be called with `data_dir` alone."""
    for info in pkgutil.walk_packages(conflictdb.__path__, "conflictdb."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, function in vars(module).items():
            if not (name.startswith("load_") and inspect.isfunction(function)):
                continue
            if function.__module__ != module.__name__:
                continue
            parameters = inspect.signature(function).parameters
            if "data_dir" in parameters and all(
                p.default is not p.empty or p.name == "data_dir" for p in parameters.values()
            ):
                yield f"{info.name}.{name}", function


def test_the_noting_loader_notes_only_the_keys_asked_for(tmp_path):
    (tmp_path / "sample.yaml").write_text("kept: 1\nforgotten: 2\n", encoding="utf-8")
    _NotingLoader.top_levels = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(datafiles, "_LOADER", _NotingLoader)
        data = datafiles.load_yaml("sample.yaml", data_dir=tmp_path)
    assert data["kept"] == 1
    assert _NotingLoader.top_levels[0].read == {"kept"}


def test_every_key_of_every_data_file_is_read(monkeypatch, gazetteer_path):
    _NotingLoader.top_levels = []
    monkeypatch.setattr(datafiles, "_LOADER", _NotingLoader)
    from conflictdb.resources import load_resources

    load_resources(data_dir=DATA_DIR, gazetteer_path=gazetteer_path)
    loaders = dict(_data_loaders())
    assert len(loaders) >= 5, sorted(loaders)
    for function in loaders.values():
        function(data_dir=DATA_DIR)
    read: dict[str, set[str]] = {}
    keys: dict[str, set[str]] = {}
    for noted in _NotingLoader.top_levels:
        name = str(noted.source).rsplit("/", 1)[-1]
        read.setdefault(name, set()).update(noted.read)
        keys[name] = {str(key) for key in dict.keys(noted)}
    files = {path.name for path in DATA_DIR.glob("*.yaml")}
    assert files - keys.keys() == set(), "data files no loader reads"
    unread = {name: sorted(keys[name] - read[name]) for name in keys if keys[name] - read[name]}
    assert unread == {}, "keys no loader reads"


def test_load_resources_reads_each_data_file_once(monkeypatch, gazetteer_path):
    """A file two lexicons read (speech.yaml, outlets.yaml, limits.yaml, incidents.yaml, ...) is read once and
    handed to both: no loader falls back to reading it again."""
    _NotingLoader.top_levels = []
    monkeypatch.setattr(datafiles, "_LOADER", _NotingLoader)
    from conflictdb.resources import load_resources

    load_resources(data_dir=DATA_DIR, gazetteer_path=gazetteer_path)
    reads: dict[str, int] = {}
    for noted in _NotingLoader.top_levels:
        name = str(noted.source).rsplit("/", 1)[-1]
        reads[name] = reads.get(name, 0) + 1
    assert {"speech.yaml", "outlets.yaml", "limits.yaml", "dates.yaml", "record_fields.yaml"} <= reads.keys()
    assert {name for name, count in reads.items() if count > 1} == set()


def test_loaded_resources_keep_a_commands_objects_out_of_the_collectors_sight(gazetteer_path):
    import gc

    from conflictdb.resources import loaded_resources

    with loaded_resources() as resources:
        frozen = gc.get_freeze_count()
        assert frozen > 0  # the lexicons, the name index and everything before them
        assert resources.geo is not None
    assert gc.get_freeze_count() == 0  # given back to the collector when the command ends

"""The machinery of frozen records: a quicker `__init__`, `replace` and pickling by field values."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import MISSING, fields
from operator import attrgetter
from typing import TypeVar

_Record = TypeVar("_Record", bound=type)


def quick_init(cls: _Record) -> _Record:
    """A frozen slotted dataclass whose `__init__` sets each slot through the slot's own setter, as
    dataclasses' frozen `__init__` does through `object.__setattr__` (a lookup by name per field): the
    same arguments, defaults, default factories and `__post_init__`, in half the time. Records are made
    by the hundred per article, and again when a worker's results are unpickled. A class with fields
    outside `__init__`, keyword-only fields or init-only variables keeps its own `__init__`."""
    params = getattr(cls, "__dataclass_params__", None)
    every = getattr(cls, "__dataclass_fields__", {})
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        return cls
    if len(fields(cls)) != len(every) or any(not f.init or f.kw_only for f in fields(cls)):
        return cls
    names = [f.name for f in fields(cls)]
    scope: dict[str, object] = {"_FACTORY": _FACTORY}
    signature, body = [], []
    for f in fields(cls):
        scope[f"_set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
            signature.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not MISSING:
            scope[f"_factory_{f.name}"] = f.default_factory
            signature.append(f"{f.name}=_FACTORY")
            body.append(f"    if {f.name} is _FACTORY: {f.name} = _factory_{f.name}()")
        else:
            signature.append(f.name)
    body += [f"    _set_{name}(self, {name})" for name in names]
    if hasattr(cls, "__post_init__"):
        body.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(signature)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, scope)  # noqa: S102 - code made from the field names alone, as dataclasses makes its own
    init = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {f.name: f.type for f in fields(cls)} | {"return": None}
    cls.__init__ = init  # type: ignore[misc]
    return cls


def replace(record: _T, /, **changes: object) -> _T:
    """`dataclasses.replace`, quicker: the field values are read at once and the class called with them
    and `changes`, as `dataclasses.replace` does field by field. Stages replace records by the thousand
    per article. A class with fields outside `__init__` or init-only variables goes to
    `dataclasses.replace`, whose checks they need."""
    cls = type(record)
    reader = _READERS.get(cls)
    if reader is None:
        reader = _READERS[cls] = _field_reader(cls)
    if reader is _NO_READER:
        return dataclasses.replace(record, **changes)
    names, values = reader
    given = dict(zip(names, values(record), strict=True))
    given.update(changes)
    return cls(**given)


_T = TypeVar("_T")
_NO_READER = ((), None)


def _field_reader(cls: type) -> tuple[tuple[str, ...], attrgetter | None]:
    """(names, getter of their values as a tuple) of a dataclass whose fields are all `__init__`
    arguments; _NO_READER for any other class."""
    every = getattr(cls, "__dataclass_fields__", None)
    if not every:
        return _NO_READER
    plain = fields(cls)
    if len(plain) != len(every) or any(not f.init for f in plain):
        return _NO_READER
    names = tuple(f.name for f in plain)
    if len(names) == 1:
        return names, lambda record, getter=attrgetter(names[0]): (getter(record),)
    return names, attrgetter(*names)


_READERS: dict[type, tuple[tuple[str, ...], attrgetter | None]] = {}


class _Factory:
    """The default of an argument whose field has a default factory (the factory is called)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def pickled_by_fields(cls: _Record) -> _Record:
    """Pickle a record as its class and its field values, rebuilt by one call of the class: dataclasses'
    own state of a slotted class loads field by field, slowly, and workers send every result over. The
    class gets `quick_init`."""
    values = attrgetter(*(f.name for f in fields(cls)))  # two fields or more: a tuple

    def __reduce__(self: object) -> tuple:
        return cls, values(self)

    cls.__reduce__ = __reduce__  # type: ignore[method-assign]
    return quick_init(cls)


_Item = TypeVar("_Item")


class FrozenSequence(Sequence[_Item]):
    """An immutable sequence, equal to any sequence of the same items (a string aside) and hashed as the
    tuple of them."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

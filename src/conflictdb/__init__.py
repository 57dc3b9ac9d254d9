"""conflictdb: news reports of armed conflict turned into a sourced incident database.

    import conflictdb
    mentions = conflictdb.extract(text, published="2024-06-10", url="https://...")
    store = conflictdb.open("conflictdb.sqlite")  # or postgresql://...; store.incidents(country="Sudan")

Both load what they need at first call (conflictdb.library): importing the package reads nothing.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself takes longer to import than this package
if TYPE_CHECKING:
    import os

    from conflictdb.store import Store

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "open"]


# shadows the builtin inside this module only, as tarfile.open and gzip.open do
def open(url: str | os.PathLike[str], *, create: bool = False) -> Store:
    """The store at a SQLite file path or database URL: conflictdb.library.open_database."""
    from conflictdb.library import open_database

    return open_database(url, create=create)


def __getattr__(name: str) -> object:
    """`conflictdb.extract` before anything imported it: the extract package, which is callable."""
    if name == "extract":
        import importlib

        return importlib.import_module("conflictdb.extract")
    raise AttributeError(f"module 'conflictdb' has no attribute {name!r}")

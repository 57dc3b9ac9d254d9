"""Extraction stages: sentences, figures, speakers, event types, dates, incident segmentation.

The package is also the library's `conflictdb.extract(text, ...)`: Python sets a package's attribute to
its subpackage at import (`conflictdb.extract` would stop being a function the moment the pipeline
imported the stages), so the subpackage itself is made callable and calls conflictdb.library.extract_text.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any


class _CallableExtract(ModuleType):
    def __call__(self, text: str, **options: Any) -> Any:
        """conflictdb.library.extract_text: the mentions the pipeline finds in one article's text."""
        from conflictdb.library import extract_text

        return extract_text(text, **options)


sys.modules[__name__].__class__ = _CallableExtract

"""The data files under data/ and the one reader of them: a leaf module that imports no stage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"
LIMITS_FILE = "limits.yaml"  # bounds read by several stages: the input readers, the tokenizer, the imports
OUTLETS_FILE = "outlets.yaml"  # news outlets: read by clean-up (metadata lines) and speech (as speakers)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built in: ten times faster


def load_yaml(name: str, *, data_dir: Path = DATA_DIR) -> Any:
    """Read one YAML data file by name, e.g. `load_yaml("casualties.yaml")`."""
    with (data_dir / name).open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_LOADER)

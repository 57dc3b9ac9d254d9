"""Data files under data/ and the helpers that read them; nothing is read at import time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).parent / "data"


def load_yaml(name: str, *, data_dir: Path = DATA_DIR) -> Any:
    """Read one YAML data file by name, e.g. `load_yaml("casualties.yaml")`."""
    with (data_dir / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)

"""`InputRules`: what the readers take from data/, loaded once (`Resources.inputs`) and passed to them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from conflictdb.ingest.dates import MetadataDates
from conflictdb.ingest.limits import InputLimits

RecordFields = Mapping[str, tuple[str, ...]]  # Article field: the record keys that may hold it, best first


@dataclass(frozen=True, slots=True)
class StdinFormats:
    """data/stdin_formats.yaml: (first bytes, whether after whitespace, reader suffix), and the default."""

    signatures: tuple[tuple[bytes, bool, str], ...]
    otherwise: str


@dataclass(frozen=True, slots=True)
class InputRules:
    """The readers' data: size limits, metadata dates, JSON record keys, standard input's signatures."""

    limits: InputLimits  # data/limits.yaml `input`
    dates: MetadataDates  # the month names of data/dates.yaml
    fields: RecordFields  # data/record_fields.yaml
    stdin: StdinFormats  # data/stdin_formats.yaml

"""Time spent per pipeline stage, for the benchmark; a no-op unless asked for."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext


class StageTimer:
    """Accumulates wall time per stage name: `with timer("figures"): ...`."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] += time.perf_counter() - start


class NoTimer:
    """The timer of the hot path: measures nothing, with one context that does nothing (no generator made
    at every use)."""

    def __call__(self, stage: str) -> AbstractContextManager[None]:
        return _NOTHING


_NOTHING = nullcontext()


NO_TIMER = NoTimer()

"""The phenomena suite (tests/phenomena/cases.jsonl): pass rates per phenomenon must hold their floors."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictdb import evaluate, phenomena
from conflictdb.resources import Resources
from tests.conftest import floors

CASES = Path(__file__).parent / "phenomena" / "cases.jsonl"
FLOORS = floors("phenomena")


@pytest.fixture(scope="module")
def results(resources: Resources) -> list[evaluate.CaseResult]:
    return [phenomena.run_case(case, resources)[0] for case in phenomena.read_cases(CASES)]


def test_phenomena_suite_is_large_and_covers_every_phenomenon(results: list[evaluate.CaseResult]) -> None:
    rates = evaluate.pass_rates(results)
    assert rates["all"][1] >= 200
    assert all(total >= 4 for name, (_passed, total) in rates.items() if name != "all")


def test_phenomena_pass_rates_hold_their_floors(results: list[evaluate.CaseResult]) -> None:
    rates = evaluate.pass_rates(results)
    below = {
        name: f"{passed}/{total}"
        for name, (passed, total) in rates.items()
        if passed / total < FLOORS.get(name, FLOORS["default"])
    }
    failing = [f"{r.id}: {'; '.join(r.problems)}" for r in results if not r.passed and r.phenomenon in below]
    assert below == {}, "\n".join(failing)


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ({"figures": [["killed", "civilians", 4, None]]}, None),
        ({"figures": [["killed", "civilians", 4, 4]]}, "figures"),
        ({"figures": [["killed", "civilians", 4, None]], "speaker": "Farid Sultani"}, "speaker"),
        ({"figures": [["killed", "civilians", 4, None]], "date": "2019-05-31"}, "date"),
    ],
)
def test_phenomena_check_case_finds_each_kind_of_miss(case: dict, problem: str | None) -> None:
    record = {
        "mentions": [
            {
                "date": "2019-05-30",
                "claims": [{"speaker": "police", "killed": {"civilians": {"min": 4, "max": None}}}],
            }
        ]
    }
    result = evaluate.check_case({"id": "x", "phenomenon": "at_least", "expect": case}, record)
    assert result.passed is (problem is None)
    assert problem is None or result.problems[0].startswith(problem)

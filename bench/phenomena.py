"""Run the phenomena suite and print pass rates per phenomenon (and failures with -v)."""

from __future__ import annotations

import argparse
from pathlib import Path

from conflictdb import evaluate, phenomena
from conflictdb.resources import load_resources

CASES = Path(__file__).resolve().parents[1] / "tests" / "phenomena" / "cases.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("-v", "--verbose", action="store_true", help="print every failing case")
    parser.add_argument("--only", help="only this phenomenon")
    args = parser.parse_args()
    resources = load_resources()
    results = []
    for case in phenomena.read_cases(args.cases):
        if args.only and case["phenomenon"] != args.only:
            continue
        result, _record = phenomena.run_case(case, resources)
        results.append(result)
        if args.verbose and not result.passed:
            print(f"FAIL {result.id}: {case['text']}\n     {'; '.join(result.problems)}")
    for phenomenon, (passed, total) in evaluate.pass_rates(results).items():
        print(f"{phenomenon:28s} {passed:4d}/{total:<4d} {passed / total:6.1%}")


if __name__ == "__main__":
    main()

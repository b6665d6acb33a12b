"""The long fuzz run: thousands of hostile texts through the whole pipeline, counting failures.

    python tools/fuzz.py                        # 10,000 inputs, seed 0
    python tools/fuzz.py --inputs 50000 --seed 7 --crashes fuzz-crashes/

Each input comes from tests/fuzz_inputs.py (random Unicode with unpaired surrogates, control and
bidi characters, right-to-left scripts, very long tokens, unbalanced quotes, sentences of 10,000
characters, punctuation only, French mixed with other languages) and goes through
`telex.analyze`; the result must pass `check_analysis` (every offset valid, every reference
resolved, the JSON round trip exact). Unlike the CI test (tests/test_fuzz.py, a few hundred
inputs), a failure does not stop the run: it is counted, and the input is saved to the
crashes directory as JSON for a regression test. The summary line gives inputs tried, crashes
(exceptions), invalid analyses, time, and the slowest input (saved beside them).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, seed, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import telex  # noqa: E402
from fuzz_inputs import check_analysis, hostile_text  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--inputs", type=int, default=10_000, help="How many texts to try.")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed: same seed, same run.")
    parser.add_argument(
        "--crashes", type=Path, default=Path("fuzz-crashes"), help="Where failing inputs go."
    )
    args = parser.parse_args()

    telex.load_pipeline()
    tally = {"inputs": 0, "crashes": 0, "invalid": 0, "characters": 0}
    slowest = (0.0, "")
    times: list[float] = []

    def record(kind: str, text: str, err: BaseException) -> None:
        tally[kind] += 1
        args.crashes.mkdir(parents=True, exist_ok=True)
        path = args.crashes / f"{kind}-{tally['inputs']:06d}.json"
        detail = "".join(traceback.format_exception_only(type(err), err)).strip()
        path.write_text(
            json.dumps({"text": text, "error": detail}, ensure_ascii=True, indent=1) + "\n",
            encoding="utf-8",
        )
        print(f"{kind}: {detail[:200]} (input saved to {path})", file=sys.stderr, flush=True)

    @seed(args.seed)
    @settings(
        max_examples=args.inputs,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(text=hostile_text)
    def one(text: str) -> None:
        nonlocal slowest
        tally["inputs"] += 1
        tally["characters"] += len(text)
        began = time.perf_counter()
        try:
            analysis = telex.analyze(text, published="2021-06-19")
        except Exception as err:  # counting every failure, and going on, is the point here
            record("crashes", text, err)
            return
        spent = time.perf_counter() - began
        times.append(spent)
        slowest = max(slowest, (spent, text))
        try:
            check_analysis(text, analysis)
        except AssertionError as err:
            record("invalid", text, err)
        if tally["inputs"] % 500 == 0:
            print(f"… {tally['inputs']} inputs, {tally['crashes']} crashes, "
                  f"{tally['invalid']} invalid", file=sys.stderr, flush=True)

    began = time.perf_counter()
    one()
    elapsed = time.perf_counter() - began
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))] if times else 0.0
    args.crashes.mkdir(parents=True, exist_ok=True)
    (args.crashes / "slowest.json").write_text(
        json.dumps({"seconds": slowest[0], "text": slowest[1]}, ensure_ascii=True) + "\n",
        encoding="utf-8",
    )
    print(
        f"fuzz: {tally['inputs']} inputs ({tally['characters']:,} characters), "
        f"{tally['crashes']} crashes, {tally['invalid']} invalid analyses, {elapsed:.0f} s; "
        f"analysis p95 {p95:.2f} s, slowest {slowest[0]:.2f} s ({len(slowest[1]):,} characters, "
        f"saved in {args.crashes / 'slowest.json'}); seed {args.seed}"
    )
    return 1 if tally["crashes"] or tally["invalid"] else 0


if __name__ == "__main__":
    sys.exit(main())

"""The evaluation gate: telex on the shared gold, scored by shared/tools/score.py, against floors.

    python tools/eval_gate.py            # score and compare with tools/eval_floors.json
    python tools/eval_gate.py --update   # raise floors to what is measured now (never lowers)

Floors only ever go up: `--update` keeps the higher of the pinned floor and the measured value
(rounded down to 0.01, so that a floor is a promise, not a coincidence of the last digit).
Lowering one is a deliberate edit of tools/eval_floors.json, explained in its commit.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FLOORS = ROOT / "tools" / "eval_floors.json"
GOLD_SETS = {"dev": SHARED / "gold" / "dev.jsonl", "seed": SHARED / "gold" / "seed.json"}


def load_gold(path: Path) -> list[dict]:
    if path.suffix == ".jsonl":
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
    return [json.loads(path.read_text(encoding="utf-8"))]


def predict(golds: list[dict]) -> list[dict]:
    import telex

    articles = [
        telex.Article(
            text=g["text"], id=str(g["id"]), published=g.get("published"), title=g.get("title")
        )
        for g in golds
    ]
    return [analysis.to_dict() for analysis in telex.analyze_many(articles)]


def score(gold_path: Path) -> dict:
    """Run telex on one gold set and return score.py's JSON report."""
    predictions = predict(load_gold(gold_path))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        for doc in predictions:
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    try:
        result = subprocess.run(
            [
                sys.executable,
                str(SHARED / "tools" / "score.py"),
                str(gold_path),
                out.name,
                "--json",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    finally:
        Path(out.name).unlink()
    report: dict = json.loads(result.stdout)
    return report


def rows(report: dict) -> dict[str, float]:
    """Flatten a score.py report to `row.measure` -> value (F1 and accuracies)."""
    flat: dict[str, float] = {}
    for key, value in report.items():
        if key == "entities":
            for kind, prf in value.items():
                flat[f"entities.{kind}.f1"] = prf["f1"]
        elif isinstance(value, dict) and "f1" in value:
            flat[f"{key}.f1"] = value["f1"]
        elif isinstance(value, dict) and value.get("acc") is not None:
            flat[f"{key}.acc"] = value["acc"]
    return flat


def check(measured: dict[str, dict[str, float]], floors: dict[str, dict[str, float]]) -> list[str]:
    """The rows that fell below their floor, as readable lines."""
    failures = []
    for name, pinned in floors.items():
        for row, floor in pinned.items():
            value = measured.get(name, {}).get(row)
            if value is None or value + 1e-9 < floor:
                failures.append(f"{name}: {row} = {value} is below its floor {floor}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--update", action="store_true", help="raise floors to the measured values")
    args = parser.parse_args()
    missing = [str(p) for p in GOLD_SETS.values() if not p.exists()]
    if missing:
        print(f"skipped: the shared gold is absent ({', '.join(missing)})")
        return 0
    measured = {name: rows(score(path)) for name, path in GOLD_SETS.items()}
    floors = json.loads(FLOORS.read_text(encoding="utf-8")) if FLOORS.exists() else {}
    for name, values in measured.items():
        print(f"[{name}]")
        for row, value in sorted(values.items()):
            floor = floors.get(name, {}).get(row)
            print(f"  {row:40} {value:6.3f}   floor {'-' if floor is None else f'{floor:.2f}'}")
    if args.update:
        for name, values in measured.items():
            pinned = floors.setdefault(name, {})
            for row, value in values.items():
                pinned[row] = max(pinned.get(row, 0.0), math.floor(value * 100) / 100)
        FLOORS.write_text(json.dumps(floors, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS}")
        return 0
    failures = check(measured, floors)
    for line in failures:
        print("FAIL", line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

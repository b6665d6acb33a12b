"""Shared fixtures: the real pipeline (loaded once), the seed article, and the shared gold."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "berlin-libye.txt"
SHARED = ROOT.parent / "shared"
SEED_PUBLISHED = "2021-06-19"


@pytest.fixture(scope="session")
def nlp() -> Any:
    from telex import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8").rstrip("\n")


@pytest.fixture(scope="session")
def seed_analysis(seed_text: str) -> Any:
    import telex

    return telex.analyze(seed_text, published=SEED_PUBLISHED)


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip the test with a clear reason where it is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared gold data beside the project")
    return path


@pytest.fixture(scope="session")
def seed_gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(shared_file("gold/seed.json").read_text(encoding="utf-8"))
    return data

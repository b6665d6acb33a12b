"""Shared fixtures: the real pipeline (loaded once), the seed article, and the shared gold."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app served by uvicorn in a thread on a free loopback port; yields its base URL."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.02)
    port = running.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)

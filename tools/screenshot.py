"""Takes the README's screenshots of the dashboard: docs/dashboard.png and docs/article.png.

The corpus is the seed article (analysed by the pipeline) plus the team's own test articles of
tests/data/mini_corpus.json, never third-party texts. Needs the test extra and Debian's
chromium: `python tools/screenshot.py [--out docs]`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import telex  # noqa: E402
from corpus_fixture import fill  # noqa: E402
from telex.store import Store  # noqa: E402
from telex.web import WebSettings, create_app  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--all", action="store_true", help="Every page, not only the README's.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        text = (ROOT / "examples" / "berlin-libye.txt").read_text(encoding="utf-8").rstrip("\n")
        seed = telex.Article(
            text=text,
            id="berlin-libye",
            published="2021-06-19",
            title="Libye : la deuxième conférence de Berlin",
        )
        with Store(db) as store:
            # The article made to test escaping stays out of the pictures.
            fill(store, [(seed, telex.analyze(seed))], skip=["demo-escaping"])
            seed_id = store.article("berlin-libye").id  # type: ignore[union-attr]
            demo_id = store.article("demo-berlin").id  # type: ignore[union-attr]
        config = uvicorn.Config(create_app(WebSettings(db=db)), port=args.port, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{args.port}"
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                shots = {"dashboard.png": "/", "article.png": f"/articles/{demo_id}"}
                if args.all:
                    shots |= {
                        "seed.png": f"/articles/{seed_id}",
                        "actor.png": "/actors/1",
                        "network.png": "/network",
                        "map.png": "/map",
                        "events.png": "/events",
                    }
                for name, path in shots.items():
                    page.goto(base + path)
                    page.screenshot(path=str(args.out / name), full_page=False)
                    print(f"wrote {args.out / name}")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()

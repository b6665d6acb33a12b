"""Latency of the corpus queries the dashboard makes: actor profiles and event timelines.

Usage: `python bench/bench_store.py --db corpus.db [--actors 100] [--repeat 5] [--check]`
on a corpus made by `telex ingest` (for instance the 800 articles of shared/corpus). Each query
runs through the store (what the CLI does) and through the HTTP API in-process (what the
dashboard does, with JSON encoding). Prints p50/p95/max in milliseconds; with `--check`, exits
1 when a p95 reaches the budget (100 ms).

`--synthetic-events N` first copies the corpus into a temporary file with up to N made-up events
per article between its own entities (random PLOVER types, countries and dates), so that
timelines can be measured on a realistic number of events before the event component finds them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from telex import Analysis, Article
from telex.query import EventFilter
from telex.schema import Event
from telex.store import Store
from telex.web.charts import PLOVER_TYPES

BUDGET_MS = 100.0


def _time(call: Callable[[], object], repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _report(name: str, samples: list[float]) -> float:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    print(
        f"{name:<34} n={len(ordered):<5} p50={statistics.median(ordered):7.2f} ms"
        f"  p95={p95:7.2f} ms  max={ordered[-1]:7.2f} ms"
    )
    return p95


COUNTRIES = ("FRA", "DEU", "LBY", "USA", "RUS", "TUR", "ITA", "DZA", "BEL", "CHE", "SEN", "MAR")


def synthesize(source: Store, path: Path, per_article: int) -> Store:
    """A copy of `source` whose articles carry made-up events between their own entities."""
    rng = random.Random(7)
    target = Store(path)
    first = dt.date(2018, 1, 1)
    for stored in source.iter_articles():
        entities = [e for e in stored.entities if e.mentions]
        events = []
        for n in range(min(per_article, len(entities) // 2)):
            one, two = rng.sample(entities, 2)
            mention = one.mentions[0]
            kind = rng.choice(PLOVER_TYPES)
            day = stored.published or (first + dt.timedelta(days=rng.randrange(1500))).isoformat()
            events.append(
                Event(
                    id=f"v{n + 1}",
                    type=kind,
                    cameo_root=f"{PLOVER_TYPES.index(kind) + 1:02d}",
                    source=one.id,
                    source_name=one.name,
                    source_country=one.country or rng.choice(COUNTRIES),
                    target=two.id,
                    target_name=two.name,
                    target_country=two.country or rng.choice(COUNTRIES),
                    date=day,
                    text=mention.text,
                    start=mention.start,
                    end=mention.end,
                )
            )
        fields = {k: getattr(stored, k) for k in Analysis.model_fields if k != "events"}
        target.add(
            Article(text=stored.text, id=stored.source_id), Analysis(**fields, events=events)
        )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("corpus.db"))
    parser.add_argument("--actors", type=int, default=100, help="Most present actors to profile.")
    parser.add_argument("--repeat", type=int, default=5, help="Runs of each query.")
    parser.add_argument("--check", action="store_true", help=f"Fail over {BUDGET_MS:.0f} ms p95.")
    parser.add_argument(
        "--synthetic-events",
        type=int,
        default=0,
        metavar="N",
        help="Add up to N made-up events per article (in a temporary copy).",
    )
    args = parser.parse_args()

    store = Store(args.db, create=False)
    scratch = tempfile.TemporaryDirectory()
    if args.synthetic_events:
        copy = Path(scratch.name) / "corpus.db"
        source, store = store, synthesize(store, copy, args.synthetic_events)
        source.close()
        args.db = copy
    stats = store.stats()
    print(f"{args.db}: {stats.articles} articles, {stats.actors} actors, {stats.events} events")
    actors = store.actors(limit=args.actors)
    countries = [a.country for a in store.actors(types=["LOC"], limit=20) if a.country]
    filters = [EventFilter()]
    filters += [EventFilter(type=t.value) for t in store.event_types()]
    filters += [EventFilter(country=c) for c in dict.fromkeys(countries)]
    filters += [EventFilter(actor=[a.id]) for a in actors[:20]]

    results = {}
    profile: list[float] = []
    for actor in actors:
        profile += _time(lambda a=actor.id: store.actor(a), args.repeat)
    results["store: actor profile"] = _report("store: actor profile", profile)
    timeline: list[float] = []
    for where in filters:
        for interval in ("week", "month"):
            timeline += _time(
                lambda w=where, i=interval: store.timeline(w, interval=i), args.repeat
            )
    results["store: timeline"] = _report("store: timeline", timeline)

    try:
        from fastapi.testclient import TestClient

        from telex.web import WebSettings, create_app
    except ImportError:
        print("(the web extra is not installed: HTTP timings skipped)")
    else:
        client = TestClient(create_app(WebSettings(db=args.db)))
        api_profile: list[float] = []
        for actor in actors:
            api_profile += _time(lambda a=actor.id: client.get(f"/api/v1/actors/{a}"), args.repeat)
        results["http: /api/v1/actors/{id}"] = _report("http: /api/v1/actors/{id}", api_profile)
        api_timeline: list[float] = []
        for where in filters:
            params = where.model_dump(exclude_none=True)
            api_timeline += _time(
                lambda p=params: client.get("/api/v1/timeline", params=p), args.repeat
            )
        results["http: /api/v1/timeline"] = _report("http: /api/v1/timeline", api_timeline)
        pages: list[float] = []
        for actor in actors[:20]:
            pages += _time(lambda a=actor.id: client.get(f"/actors/{a}"), args.repeat)
        results["http: actor page (HTML)"] = _report("http: actor page (HTML)", pages)
        events = _time(lambda: client.get("/events"), args.repeat)
        results["http: timeline page (HTML)"] = _report("http: timeline page (HTML)", events)
    store.close()
    scratch.cleanup()

    over = {name: p95 for name, p95 in results.items() if p95 >= BUDGET_MS}
    if args.check and over:
        print(f"over the {BUDGET_MS:.0f} ms budget: {', '.join(over)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

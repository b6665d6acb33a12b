"""How long telex's shipped knowledge takes to load and how much memory it adds.

    python bench/bench_knowledge.py

Measured in a fresh process after spaCy and the French model are loaded (they are not telex's
knowledge): countries and regions, the gazetteer, the actor knowledge base, given names, the
language data of the entity components, and the phrase matcher over the knowledge base. The
issue's budget: under 1 s and under 150 MB.
"""

from __future__ import annotations

import resource
import time


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * resource.getpagesize() / 2**20


def main() -> None:
    import spacy

    nlp = spacy.load("fr_core_news_md")
    before, start = rss_mb(), time.perf_counter()
    steps: list[tuple[str, float, float]] = []

    def step(name: str, load: object) -> None:
        t0, m0 = time.perf_counter(), rss_mb()
        load()  # type: ignore[operator]
        steps.append((name, time.perf_counter() - t0, rss_mb() - m0))

    from telex import countries, geo, kb, names
    from telex.components import entities, ruler

    step("countries, demonyms, regions", lambda: countries.countries().lookup("Libye"))
    step(
        "gazetteer (first lookups)",
        lambda: [geo.gazetteer().resolve(n) for n in ("Bruxelles", "Tripoli", "Metz")],
    )
    step("actor knowledge base", lambda: kb.knowledge_base().lookup("ONU"))
    step("given names", lambda: names.given_names())
    step("entity rules and matcher", lambda: (ruler.Ruler(nlp, "r"), entities.Entities(nlp, "e")))
    total_time, total_mem = time.perf_counter() - start, rss_mb() - before
    print(f"{'knowledge':32} {'seconds':>8} {'MB':>8}")
    for name, seconds, mb in steps:
        print(f"{name:32} {seconds:8.3f} {mb:8.1f}")
    print(f"{'total':32} {total_time:8.3f} {total_mem:8.1f}")
    met = total_time < 1 and total_mem < 150
    print(f"budget: < 1 s and < 150 MB -> {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()

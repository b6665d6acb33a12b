"""A small corpus for the store, web and browser tests: hand-made analyses of texts we wrote.

`tests/data/mini_corpus.json` gives each article's text and its facts by their wording; this
module finds the offsets and builds the `Analysis` a perfect pipeline would emit, so the
dashboard can be tested with quotes, events and places whatever the components find today.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from telex import Analysis, Article
from telex.schema import Entity, Event, Mention, Place, Quote, Timex

DATA = Path(__file__).parent / "data" / "mini_corpus.json"


def _find(text: str, needle: str, taken: list[tuple[int, int]] | None = None) -> list[int]:
    """Every start of `needle` in `text` that overlaps no span already taken."""
    starts, at = [], text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if not taken or all(end <= a or at >= b for a, b in taken):
            starts.append(at)
        at = text.find(needle, at + 1)
    if not starts:
        raise ValueError(f"{needle!r} is not in the text")
    return starts


def build(record: dict[str, Any]) -> tuple[Article, Analysis]:
    """The article and its analysis from one record of mini_corpus.json."""
    text: str = record["text"]
    entities, ids = [], {}
    taken: list[tuple[int, int]] = []
    for n, spec in enumerate(record["entities"], 1):
        mentions = []
        for surface in sorted(spec["mentions"], key=len, reverse=True):
            for start in _find(text, surface, taken):
                taken.append((start, start + len(surface)))
                mentions.append(Mention(start=start, end=start + len(surface), text=surface))
        entity = Entity(
            id=f"e{n}",
            name=spec["name"],
            type=spec["type"],
            aliases=spec.get("aliases", []),
            country=spec.get("country"),
            role=spec.get("role"),
            code=spec.get("code"),
            mentions=sorted(mentions, key=lambda m: m.start),
        )
        entities.append(entity)
        ids[entity.name] = entity
    quotes = []
    for n, spec in enumerate(record["quotes"], 1):
        start = _find(text, spec["text"])[0]
        speaker = ids.get(spec.get("speaker", ""))
        quotes.append(
            Quote(
                id=f"q{n}",
                text=spec["text"],
                start=start,
                end=start + len(spec["text"]),
                kind=spec["kind"],
                speaker=speaker.id if speaker else None,
                speaker_name=spec.get("speaker"),
                cue=spec.get("cue"),
            )
        )
    timexes = []
    for n, spec in enumerate(record["timexes"], 1):
        start = _find(text, spec["text"])[0]
        timexes.append(
            Timex(
                id=f"t{n}",
                text=spec["text"],
                start=start,
                end=start + len(spec["text"]),
                value=spec["value"],
            )
        )
    places, place_ids = [], {}
    for n, spec in enumerate(record["places"], 1):
        start = _find(text, spec["text"])[0]
        entity = ids.get(spec["text"])
        place = Place(
            id=f"p{n}",
            text=spec["text"],
            start=start,
            end=start + len(spec["text"]),
            name=spec["text"],
            country=spec.get("country"),
            lat=spec.get("lat"),
            lon=spec.get("lon"),
            entity=entity.id if entity else None,
        )
        places.append(place)
        place_ids[place.name] = place.id
    events = []
    for n, spec in enumerate(record["events"], 1):
        start = _find(text, spec["text"])[0]
        source, target = ids.get(spec.get("source", "")), ids.get(spec.get("target", ""))
        events.append(
            Event(
                id=f"v{n}",
                type=spec["type"],
                cameo_root=spec.get("cameo_root"),
                mode=spec.get("mode"),
                source=source.id if source else None,
                source_name=source.name if source else spec.get("source"),
                source_country=source.country if source else spec.get("source_country"),
                source_code=source.code if source else None,
                target=target.id if target else None,
                target_name=target.name if target else spec.get("target_name"),
                target_country=target.country if target else spec.get("target_country"),
                target_code=target.code if target else spec.get("target_code"),
                date=spec.get("date"),
                place=place_ids.get(spec.get("place", "")),
                text=spec["text"],
                start=start,
                end=start + len(spec["text"]),
            )
        )
    article = Article(
        text=text,
        id=record["id"],
        published=record["published"],
        title=record["title"],
        source=record["source"],
        url=record["url"],
    )
    analysis = Analysis(
        id=record["id"],
        published=record["published"],
        title=record["title"],
        source=record["source"],
        url=record["url"],
        entities=entities,
        quotes=quotes,
        timexes=timexes,
        places=places,
        events=events,
    )
    return article, analysis


def mini_corpus() -> list[tuple[Article, Analysis]]:
    """Every article of the mini corpus with its analysis."""
    records = json.loads(DATA.read_text(encoding="utf-8"))["articles"]
    return [build(record) for record in records]


def fill(
    store: Any, extra: Iterable[tuple[Article, Analysis]] = (), *, skip: Iterable[str] = ()
) -> None:
    """Add the mini corpus (but the `skip` ids) and `extra` pairs such as the seed article."""
    for article, analysis in [*mini_corpus(), *extra]:
        if article.id not in set(skip):
            store.add(article, analysis)

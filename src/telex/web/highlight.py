"""Cuts an article's text into segments, each tagged with the spans (entities, quotes, dates,
places, events) that cover it, so the article page can highlight them.

Article text is untrusted: the page never inserts it as HTML. Each segment's text goes through
the template's escaping on its own, and the markup around it comes only from the template.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from telex.query import StoredArticle

LAYERS = ("entity", "quote", "timex", "place", "event")


@dataclass(slots=True)
class Span:
    """One highlighted span: `anchor` is the page id of its start, `href` a link for entities."""

    start: int
    end: int
    layer: str
    anchor: str
    label: str
    css: str
    href: str | None = None


@dataclass(slots=True)
class Segment:
    text: str
    spans: list[Span] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)
    """Ids of the spans that start here, for links from the side lists."""

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(f"hl-{s.layer} {s.css}".strip() for s in self.spans))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(s.label for s in self.spans))

    @property
    def href(self) -> str | None:
        """The link of the innermost entity covering the segment."""
        linked = [s for s in self.spans if s.href]
        return min(linked, key=lambda s: s.end - s.start).href if linked else None


def article_spans(article: StoredArticle) -> list[Span]:
    """Every grounded span of an article, with a label for its tooltip."""
    spans: list[Span] = []
    for entity in article.entities:
        detail = ", ".join(x for x in (entity.country, entity.role) if x)
        label = f"{entity.type} · {entity.name}" + (f" ({detail})" if detail else "")
        actor = article.actors.get(entity.id)
        for n, mention in enumerate(entity.mentions):
            spans.append(
                Span(
                    mention.start,
                    mention.end,
                    "entity",
                    f"s-{entity.id}-{n}",
                    label,
                    f"ent-{entity.type}",
                    f"/actors/{actor}" if actor else None,
                )
            )
    for quote in article.quotes:
        who = quote.speaker_name or "unknown speaker"
        spans.append(
            Span(
                quote.start,
                quote.end,
                "quote",
                f"s-{quote.id}",
                f"quote ({quote.kind}) · {who}",
                f"quote-{quote.kind}",
            )
        )
    for timex in article.timexes:
        spans.append(
            Span(
                timex.start,
                timex.end,
                "timex",
                f"s-{timex.id}",
                f"{timex.type} · {timex.value or '?'}",
                "",
            )
        )
    for place in article.places:
        where = f" ({place.lat:.2f}, {place.lon:.2f})" if place.lat is not None else ""
        label = f"place · {place.name}{', ' + place.country if place.country else ''}{where}"
        spans.append(Span(place.start, place.end, "place", f"s-{place.id}", label, ""))
    for event in article.events:
        mode = f"/{event.mode}" if event.mode else ""
        who = f"{event.source_name or event.source_country or '?'} → "
        who += event.target_name or event.target_country or "-"
        label = f"{event.type}{mode} · {who}" + (f" · {event.date}" if event.date else "")
        spans.append(
            Span(event.start, event.end, "event", f"s-{event.id}", label, f"ev-{event.type}")
        )
    return spans


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """The text cut at every span boundary; spans outside the text are ignored."""
    size = len(text)
    valid = [s for s in spans if 0 <= s.start < s.end <= size]
    cuts = sorted({0, size, *(s.start for s in valid), *(s.end for s in valid)})
    starting: dict[int, list[Span]] = {}
    for span in sorted(valid, key=lambda s: (s.start, -s.end)):
        starting.setdefault(span.start, []).append(span)
    out: list[Segment] = []
    active: list[Span] = []
    for a, b in itertools.pairwise(cuts):
        opened = starting.get(a, [])
        active = [s for s in active if s.end > a] + opened
        out.append(Segment(text[a:b], list(active), [s.anchor for s in opened]))
    return out

"""Renders an analysis as text for a person reading a terminal."""

from __future__ import annotations

import re

from telex.schema import Analysis

WIDTH = 100
# Control characters but line feed and tab: a terminal would act on them (an escape sequence in
# an article can clear the screen or retitle the window), so they are shown escaped instead.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` safe to print to a terminal: control characters shown as escapes (`\\x1b`)."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor(name: str | None, country: str | None, code: str | None) -> str:
    """An event's actor for reading: "Antony Blinken (USAGOV)", "manifestants (FRA)", "-"."""
    detail = code or country
    if name:
        return f"{name} ({detail})" if detail else name
    return f"({detail})" if detail else "-"


def render_table(analysis: Analysis) -> str:
    """A readable summary: header, then one section per layer that found anything."""
    names = {e.id: e.name for e in analysis.entities}
    places = {p.id: p.name for p in analysis.places}
    lines = ["=" * WIDTH, f"{analysis.id}  published: {analysis.published or '-'}"]
    if analysis.title:
        lines.append(_cut(analysis.title, WIDTH))
    lines.append("=" * WIDTH)

    lines.append(f"ENTITIES ({len(analysis.entities)})")
    for e in analysis.entities:
        detail = ", ".join(x for x in (e.country, e.role) if x)
        aliases = f"  aka {'; '.join(e.aliases)}" if e.aliases else ""
        lines.append(
            "  "
            + _cut(
                f"{e.type:<4} {e.name}{f' ({detail})' if detail else ''}"
                f" ×{len(e.mentions)}{aliases}",
                WIDTH,
            )
        )
    if analysis.quotes:
        lines.append(f"QUOTES ({len(analysis.quotes)})")
        for q in analysis.quotes:
            who = names.get(q.speaker or "", q.speaker_name or "?")
            via = f" [{q.via}]" if q.via else ""
            lines.append("  " + _cut(f"{who}{via} ({q.kind}): «{q.text}»", WIDTH))
    if analysis.timexes:
        lines.append(f"DATES ({len(analysis.timexes)})")
        for t in analysis.timexes:
            lines.append(f"  {t.text!r:<30} {t.value or '?'}")
    if analysis.places:
        lines.append(f"PLACES ({len(analysis.places)})")
        for p in analysis.places:
            where = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "-"
            lines.append(f"  {p.name:<30} {p.country or '-':<4} {where}")
    if analysis.events:
        lines.append(f"EVENTS ({len(analysis.events)})")
        for v in analysis.events:
            kind = f"{v.type}/{v.mode}" if v.mode else v.type
            root = f" [{v.cameo_root}]" if v.cameo_root else ""
            source = _actor(v.source_name, v.source_country, v.source_code)
            target = _actor(v.target_name, v.target_country, v.target_code)
            place = f" at {places.get(v.place or '', v.place)}" if v.place else ""
            lines.append(
                "  " + _cut(f"{v.date or '-':<10} {kind}{root}: {source} → {target}{place}", WIDTH)
            )
            lines.append("      " + _cut(f"“{v.text}”", WIDTH - 6))
    return "\n".join(lines)

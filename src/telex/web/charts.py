"""Geometry for the dashboard's pictures: timeline bars, network layout, map points.

The pages draw plain SVG from these numbers in Jinja templates (escaped like everything else),
so the charts need no JavaScript library and render offline, in any browser, and in tests.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import numpy as np

from telex.query import Network, PlacePoint, TimelinePoint
from telex.schema import PLOVER_TYPES

GRAVITY = 1.0


def interval_for(first: str | None, last: str | None) -> str:
    """The timeline's bar width: about 10 to 60 bars whatever the span of the corpus."""
    if not first or not last:
        return "month"
    days = (dt.date.fromisoformat(last[:10]) - dt.date.fromisoformat(first[:10])).days
    if days <= 45:
        return "day"
    if days <= 366:
        return "week"
    return "month" if days <= 6 * 366 else "year"


def _periods(first: str, last: str, interval: str) -> list[str]:
    """Every period from first to last, so that gaps in the data show as gaps."""
    if interval == "year":
        return [str(y) for y in range(int(first), int(last) + 1)]
    if interval == "month":
        year, month = int(first[:4]), int(first[5:7])
        out = []
        while f"{year:04d}-{month:02d}" <= last:
            out.append(f"{year:04d}-{month:02d}")
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    step = 7 if interval == "week" else 1
    return [
        (start + dt.timedelta(days=n)).isoformat() for n in range(0, (end - start).days + 1, step)
    ]


@dataclass(slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    type: str
    period: str
    count: int


@dataclass(slots=True)
class Timeline:
    width: int
    height: int
    bars: list[Bar] = field(default_factory=list)
    y_ticks: list[tuple[float, int]] = field(default_factory=list)
    x_labels: list[tuple[float, str]] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    total: int = 0


def timeline_chart(
    points: list[TimelinePoint], interval: str, *, width: int = 900, height: int = 240
) -> Timeline:
    """Stacked bars, one column per period, one stack per event type."""
    chart = Timeline(width=width, height=height)
    if not points:
        return chart
    left, right, top, bottom = 40, 10, 10, 24
    periods = _periods(points[0].period, points[-1].period, interval)
    position = {p: i for i, p in enumerate(periods)}
    order = {t: i for i, t in enumerate(PLOVER_TYPES)}
    totals = [0] * len(periods)
    for point in points:
        totals[position[point.period]] += point.count
    peak = max(totals) or 1
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(periods)
    bar_w = max(step * 0.8, 1.0)
    stacked = [0] * len(periods)
    for point in sorted(points, key=lambda p: (p.period, order.get(p.type, 99), p.type)):
        i = position[point.period]
        h = point.count / peak * plot_h
        y = top + plot_h - (stacked[i] + point.count) / peak * plot_h
        stacked[i] += point.count
        chart.bars.append(
            Bar(
                left + i * step + (step - bar_w) / 2,
                y,
                bar_w,
                h,
                point.type,
                point.period,
                point.count,
            )
        )
    chart.y_ticks = [(top + plot_h - v / peak * plot_h, v) for v in sorted({0, peak // 2, peak})]
    every = max(1, math.ceil(len(periods) / max(width // 90, 2)))
    chart.x_labels = [
        (left + i * step + step / 2, p) for i, p in enumerate(periods) if i % every == 0
    ]
    present = {p.type for p in points}
    chart.types = sorted(present, key=lambda t: (order.get(t, 99), t))
    chart.total = sum(totals)
    return chart


@dataclass(slots=True)
class Node:
    id: int
    name: str
    type: str
    x: float
    y: float
    r: float
    n_articles: int


@dataclass(slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    weight: int
    n_events: int
    names: str


@dataclass(slots=True)
class Graph:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)


def network_layout(
    network: Network, *, width: int = 900, height: int = 600, iterations: int = 200
) -> Graph:
    """A force-directed layout (Fruchterman-Reingold), deterministic: same corpus, same picture."""
    graph = Graph(width=width, height=height)
    n = len(network.nodes)
    if n == 0:
        return graph
    index = {node.id: i for i, node in enumerate(network.nodes)}
    angles = np.linspace(0, 2 * np.pi, n, endpoint=False)
    pos = np.stack([np.cos(angles), np.sin(angles)], axis=1) * 0.5
    weights = np.zeros((n, n))
    for edge in network.edges:
        a, b = index[edge.source], index[edge.target]
        weights[a, b] = weights[b, a] = math.log1p(edge.weight + edge.n_events)
    k = math.sqrt(1.0 / n)
    temperature = 0.1
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        distance = np.maximum(np.linalg.norm(delta, axis=2), 0.01)
        repulse = (k * k / distance**2)[:, :, None] * delta
        attract = (weights * distance / k)[:, :, None] * delta
        force = (repulse - attract).sum(axis=1)
        # Gravity toward the centre keeps separate groups of actors on one readable picture.
        force -= pos * GRAVITY
        length = np.maximum(np.linalg.norm(force, axis=1), 1e-9)[:, None]
        pos += force / length * np.minimum(length, temperature)
        temperature *= 0.98
    margin = 60
    low, high = pos.min(axis=0), pos.max(axis=0)
    span = np.maximum(high - low, 1e-9)
    xy = margin + (pos - low) / span * np.array([width - 2 * margin, height - 2 * margin])
    most = max(node.n_articles for node in network.nodes) or 1
    for node, (x, y) in zip(network.nodes, xy, strict=True):
        r = 5 + 15 * math.sqrt(node.n_articles / most)
        graph.nodes.append(
            Node(node.id, node.name, node.type, float(x), float(y), r, node.n_articles)
        )
    heaviest = max((e.weight for e in network.edges), default=1) or 1
    for edge in network.edges:
        one, two = graph.nodes[index[edge.source]], graph.nodes[index[edge.target]]
        graph.edges.append(
            Edge(
                one.x,
                one.y,
                two.x,
                two.y,
                0.5 + 4 * edge.weight / heaviest,
                edge.weight,
                edge.n_events,
                f"{one.name} — {two.name}",
            )
        )
    return graph


@dataclass(slots=True)
class Point:
    x: float
    y: float
    r: float
    place: PlacePoint
    label: bool


@dataclass(slots=True)
class Map:
    view_box: str
    points: list[Point] = field(default_factory=list)
    stroke: float = 0.3
    font: float = 3.0


def place_map(places: list[PlacePoint], *, labels: int = 12, text_size: float = 1.6) -> Map:
    """Points in an equirectangular projection (x = lon + 180, y = 90 - lat), framed on the data."""
    if not places:
        return Map(view_box="0 0 360 180")
    xs = [p.lon + 180 for p in places]
    ys = [90 - p.lat for p in places]
    # Frame the points with a margin, at least 40 degrees wide, in the map's 2:1 shape.
    cx, cy = (min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2
    w = max(max(xs) - min(xs) + 20, 2 * (max(ys) - min(ys) + 10), 40.0)
    w = min(w, 360.0)
    h = w / 2
    x0 = min(max(cx - w / 2, 0.0), 360 - w)
    y0 = min(max(cy - h / 2, 0.0), 180 - h)
    most = max(p.n_mentions for p in places) or 1
    scale = w / 100
    chart = Map(
        view_box=f"{x0:.2f} {y0:.2f} {w:.2f} {h:.2f}", stroke=0.15 * scale, font=text_size * scale
    )
    boxes: list[tuple[float, float, float, float]] = []
    for place, x, y in zip(places, xs, ys, strict=True):
        r = (0.4 + 0.9 * math.sqrt(place.n_mentions / most)) * scale
        # Most mentioned first; a label that would cover another one is left out.
        left, width = x + r * 1.2, len(place.name) * 0.6 * chart.font
        box = (left, y - chart.font * 0.8, left + width, y + chart.font * 0.5)
        label = len(boxes) < labels and not any(_overlap(box, other) for other in boxes)
        if label:
            boxes.append(box)
        chart.points.append(Point(x, y, r, place, label))
    return chart


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

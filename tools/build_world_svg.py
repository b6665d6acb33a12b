"""Builds src/telex/web/static/world.svg, the offline basemap of the dashboard's map of places.

Input: `countries-110m.json` from the npm package world-atlas (Natural Earth 1:110m country
outlines, public domain, as TopoJSON): `npm pack world-atlas && tar xzf world-atlas-*.tgz`, then
`python tools/build_world_svg.py package/countries-110m.json`. Output: one SVG path per country in
an equirectangular projection (x = lon + 180, y = 90 - lat, viewBox 0 0 360 180), so the page can
place a point at (lon + 180, 90 - lat) with no projection code.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "telex" / "web" / "static" / "world.svg"


def _decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
        points.extend(arc if not points else arc[1:])
    return points


def _unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make a ring that crosses the antimeridian continuous (longitudes past 180)."""
    out: list[tuple[float, float]] = []
    shift = 0.0
    for lon, lat in ring:
        if out and lon + shift - out[-1][0] > 180:
            shift -= 360
        elif out and lon + shift - out[-1][0] < -180:
            shift += 360
        out.append((lon + shift, lat))
    return out


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        ring = _unwrap(ring)
        lons = [lon for lon, _ in ring]
        # A ring pushed past one edge is drawn twice, once from each side; the viewBox clips it.
        offsets = (
            [0.0] + ([-360.0] if max(lons) > 180 else []) + ([360.0] if min(lons) < -180 else [])
        )
        for offset in offsets:
            coords = " ".join(f"{lon + offset + 180:.1f},{90 - lat:.1f}" for lon, lat in ring)
            parts.append(f"M{coords}Z")
    return "".join(parts)


def main(source: str) -> None:
    topology = json.loads(Path(source).read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = [_ring(ring, arcs) for polygon in polygons for ring in polygon]
        name = geometry.get("properties", {}).get("name", "")
        title = name.replace("&", "&amp;").replace("<", "&lt;")
        paths.append(f'<path d="{_path(rings)}"><title>{title}</title></path>')
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 180">\n'
        "<!-- Natural Earth 1:110m countries (public domain), via world-atlas; built by "
        "tools/build_world_svg.py -->\n"
        '<g fill="#e4e7eb" stroke="#b8bec6" stroke-width="0.15" stroke-linejoin="round">\n'
        + "\n".join(paths)
        + "\n</g>\n</svg>\n"
    )
    OUT.write_text(svg, encoding="utf-8")
    print(f"wrote {OUT} ({len(svg):,} bytes, {len(paths)} countries)")


if __name__ == "__main__":
    main(sys.argv[1])

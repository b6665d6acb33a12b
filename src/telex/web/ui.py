"""The dashboard's HTML pages. Each calls the same store queries as its JSON twin in `api.py`.

Templates are rendered by Jinja with autoescaping on: every string from the corpus (article
text, titles, names, quotes) is escaped where it is shown. The charts are SVG drawn by the
templates from the geometry of `charts.py`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from telex.article import parse_published
from telex.errors import InputError
from telex.query import EventFilter
from telex.schema import PLOVER_TYPES
from telex.store import Store
from telex.web.charts import interval_for, network_layout, place_map, timeline_chart
from telex.web.deps import SettingsDep, StoreDep
from telex.web.highlight import LAYERS, article_spans, segments

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(
    env=Environment(
        loader=PackageLoader("telex.web", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
)
ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


def http_url(url: str | None) -> str | None:
    """A URL from the corpus only becomes a link when it is http(s): never `javascript:`."""
    return url if url and url.strip().lower().startswith(("http://", "https://")) else None


templates.env.filters["http_url"] = http_url


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    settings = request.app.state.settings
    return templates.TemplateResponse(
        request, name, {"site_title": settings.title, **context}, status_code=status
    )


def _timeline(store: Store, where: EventFilter, *, width: int = 900) -> tuple[Any, str]:
    first, last = store.event_span(where)
    interval = interval_for(first, last)
    points = store.timeline(where, interval=interval)
    return timeline_chart(points, interval, width=width, height=width * 4 // 15), interval


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    q: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    size = settings.page_size
    chart, interval = _timeline(store, EventFilter(), width=480)
    return _page(
        request,
        "index.html",
        {
            "q": q or "",
            "stats": store.stats(),
            "articles": store.articles(search=q, limit=size, offset=(page - 1) * size),
            "total": store.count_articles(search=q),
            "page": page,
            "page_size": size,
            "chart": chart,
            "interval": interval,
            "top_actors": store.actors(types=["PER", "ORG"], limit=12),
            "map_chart": place_map(store.places(limit=100), labels=6, text_size=3.2),
        },
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    article = store.article(article_id)
    if article is None:
        raise HTTPException(404, f"no article {article_id!r}")
    entity_names = {e.id: e.name for e in article.entities}
    return _page(
        request,
        "article.html",
        {
            "article": article,
            "segments": segments(article.text, article_spans(article)),
            "layers": LAYERS,
            "entity_names": entity_names,
            "place_names": {p.id: p.name for p in article.places},
        },
    )


@router.get("/actors", response_class=HTMLResponse)
def actors_page(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    q: str | None = None,
    type: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
) -> HTMLResponse:
    size = settings.page_size
    types = [type] if type in ENTITY_TYPES else None
    return _page(
        request,
        "actors.html",
        {
            "q": q or "",
            "type": type or "",
            "types": ENTITY_TYPES,
            "actors": store.actors(search=q, types=types, limit=size, offset=(page - 1) * size),
            "page": page,
            "page_size": size,
        },
    )


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor_page(request: Request, actor_id: int, store: StoreDep) -> HTMLResponse:
    profile = store.actor(actor_id)
    if profile is None:
        raise HTTPException(404, f"no actor {actor_id}")
    chart, interval = _timeline(store, EventFilter(actor=[actor_id]))
    return _page(request, "actor.html", {"profile": profile, "chart": chart, "interval": interval})


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request,
    store: StoreDep,
    type: str | None = None,
    country: str | None = None,
    actor: str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> HTMLResponse:
    """The event timeline and table; filters come from a form, so bad values are reported."""
    problems = []
    dates: dict[str, dt.date | None] = {}
    for name, value in (("from", date_from), ("to", date_to)):
        try:
            dates[name] = parse_published(value)
        except InputError as err:
            problems.append(str(err))
            dates[name] = None
    actor_ids = None
    if actor:
        actor_ids = [a.id for a in store.find_actors(actor)]
        if not actor_ids:
            problems.append(f"no actor matches {actor!r}")
    where = EventFilter(
        type=type or None,
        country=country or None,
        actor=actor_ids,
        date_from=dates["from"],
        date_to=dates["to"],
    )
    chart, interval = _timeline(store, where)
    return _page(
        request,
        "events.html",
        {
            "form": {
                "type": type or "",
                "country": country or "",
                "actor": actor or "",
                "date_from": date_from or "",
                "date_to": date_to or "",
            },
            "problems": problems,
            "types": [t for t in PLOVER_TYPES],
            "present_types": store.event_types(),
            "chart": chart,
            "interval": interval,
            "events": store.events(where, limit=200),
        },
    )


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: StoreDep,
    type: Annotated[list[str] | None, Query()] = None,
    limit: Annotated[int, Query(ge=2, le=200)] = 40,
    together: Annotated[int | None, Query(ge=1)] = None,
) -> HTMLResponse:
    types = [t for t in (type or ["PER", "ORG"]) if t in ENTITY_TYPES] or ["PER", "ORG"]
    # In a large corpus everybody meets everybody once: by default, keep the lasting ties.
    together = together or max(1, store.stats().articles // 200)
    graph = network_layout(store.network(types=types, limit=limit, min_weight=together))
    return _page(
        request,
        "network.html",
        {
            "graph": graph,
            "types": ENTITY_TYPES,
            "selected": types,
            "limit": limit,
            "together": together,
        },
    )


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request, store: StoreDep) -> HTMLResponse:
    places = store.places()
    return _page(request, "map.html", {"map_chart": place_map(places), "places": places[:50]})

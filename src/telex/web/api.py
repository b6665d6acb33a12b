"""The JSON API (`/api/v1`): the same store queries as the CLI and the pages, as JSON."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from telex.query import (
    ActorProfile,
    ActorSummary,
    ArticleSummary,
    EventFilter,
    EventRow,
    Network,
    PlacePoint,
    QuoteRow,
    Stats,
    StoredArticle,
    TimelinePoint,
)
from telex.web.deps import StoreDep

router = APIRouter(prefix="/api/v1", tags=["corpus"])

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
Limit = Annotated[int, Query(ge=1, le=1000, description="At most this many results.")]
Offset = Annotated[int, Query(ge=0, description="Results to skip (for paging).")]


class EventQuery:
    """The event filters shared by `/events` and `/timeline`, as typed query parameters."""

    def __init__(
        self,
        type: Annotated[str | None, Query(description="PLOVER event type, e.g. CONSULT.")] = None,
        country: Annotated[
            str | None, Query(description="Source or target country, ISO alpha-3.")
        ] = None,
        actor: Annotated[
            list[int] | None, Query(description="Actor ids, as source or target.")
        ] = None,
        date_from: Annotated[dt.date | None, Query(description="First day.")] = None,
        date_to: Annotated[dt.date | None, Query(description="Last day.")] = None,
    ) -> None:
        self.filter = EventFilter(
            type=type, country=country, actor=actor, date_from=date_from, date_to=date_to
        )


@router.get("/stats", response_model=Stats, summary="What the corpus holds")
def stats(store: StoreDep) -> Stats:
    return store.stats()


@router.get("/articles", response_model=list[ArticleSummary], summary="Articles or search hits")
def articles(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Full-text search: words to find.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[ArticleSummary]:
    """Newest first; with `q`, the articles whose title or text contain every word, best first."""
    return store.articles(search=q, limit=limit, offset=offset)


@router.get("/articles/{article_id:path}", response_model=StoredArticle, summary="One article")
def article(article_id: str, store: StoreDep) -> StoredArticle:
    """The article's analysis (the output contract) with its text, source id and actors."""
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return found


@router.get("/actors", response_model=list[ActorSummary], summary="Actors")
def actors(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Part of a name or an alias.")] = None,
    type: Annotated[list[EntityType] | None, Query(description="Entity types to keep.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[ActorSummary]:
    """Actors, most present first."""
    return store.actors(search=q, types=type, limit=limit, offset=offset)


@router.get("/actors/{actor_id}", response_model=ActorProfile, summary="An actor's profile")
def actor(actor_id: int, store: StoreDep) -> ActorProfile:
    """Names, roles, articles, quotes, events and co-occurring actors."""
    found = store.actor(actor_id)
    if found is None:
        raise HTTPException(404, f"no actor {actor_id}")
    return found


@router.get("/events", response_model=list[EventRow], summary="Events")
def events(
    store: StoreDep,
    query: Annotated[EventQuery, Depends()],
    limit: Limit = 100,
    offset: Offset = 0,
) -> list[EventRow]:
    """Events in date order, by type, country, actor and date range."""
    return store.events(query.filter, limit=limit, offset=offset)


@router.get("/timeline", response_model=list[TimelinePoint], summary="Event counts over time")
def timeline(
    store: StoreDep,
    query: Annotated[EventQuery, Depends()],
    interval: Literal["day", "week", "month", "year"] = "month",
) -> list[TimelinePoint]:
    """Events per period and type."""
    return store.timeline(query.filter, interval=interval)


@router.get("/quotes", response_model=list[QuoteRow], summary="Quotes")
def quotes(
    store: StoreDep,
    speaker: Annotated[list[int] | None, Query(description="Speaker actor ids.")] = None,
    q: Annotated[str | None, Query(description="Words the quote must contain.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> list[QuoteRow]:
    """Quotes, newest first, by speaker and/or words."""
    return store.quotes(speaker=speaker, search=q, limit=limit, offset=offset)


@router.get("/network", response_model=Network, summary="Actor network")
def network(
    store: StoreDep,
    type: Annotated[list[EntityType] | None, Query(description="Actor types.")] = None,
    limit: Annotated[int, Query(ge=2, le=200, description="Most present actors.")] = 40,
    together: Annotated[
        int, Query(ge=1, description="Articles two actors must share to be linked.")
    ] = 1,
) -> Network:
    """The most present actors, linked by shared articles and by events between them."""
    return store.network(types=type or ["PER", "ORG"], limit=limit, min_weight=together)


@router.get("/places", response_model=list[PlacePoint], summary="Places on the map")
def places(store: StoreDep, limit: Limit = 500) -> list[PlacePoint]:
    """Places with coordinates, most mentioned first."""
    return store.places(limit=limit)

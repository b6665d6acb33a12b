"""What the corpus answers, apart from SQL: result models, filters and actor-matching rules.

`store.py` fills these models; the CLI, the JSON API and the HTML pages all show them, so the
three cannot drift. The rules that decide whether an entity of a new article is an actor already
in the corpus live here too, as plain functions that tests can call without a database.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from unidecode import unidecode

from telex.names import particles as name_particles
from telex.names import titles
from telex.schema import Analysis, EntityType

# ---------------------------------------------------------------------------------------------
# Actor matching across articles
# ---------------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize_name(name: str) -> str:
    """A name reduced for matching: ASCII, lower case, words separated by single spaces.

    "Jean-Yves Le Drian" and "Jean-Yves  LE DRIAN" give the same key; "Al-Manqoush" keeps its
    own (telling transliterations apart is the entity component's job, which lists them as aliases).
    """
    ascii_name = unidecode(unicodedata.normalize("NFC", name)).lower()
    return _NON_WORD.sub(" ", ascii_name).strip()


@cache
def _honorifics(lang: str) -> frozenset[str]:
    """Titles as `normalize_name` leaves them ("Mme" -> "mme", "M." -> "m")."""
    return frozenset(normalize_name(title) for title in titles(lang)) - {""}


def _strip_honorifics(tokens: list[str], lang: str) -> list[str]:
    titles = _honorifics(lang)
    while len(tokens) > 1 and tokens[0] in titles:
        tokens = tokens[1:]
    return tokens


def _is_description(alias: str) -> bool:
    """A role description ("la cheffe de la diplomatie libyenne") rather than a name."""
    first = alias.strip()[:1]
    return not first or (first.isalpha() and first.islower())


@dataclass(frozen=True, slots=True)
class ActorKeys:
    """How an entity can be found again in other articles.

    `keys` are normalized names that identify it; `primary` is the one that names it best.
    `full` is False for a person known only by one name (a surname alone), whose key never
    matches a person with a full name.
    """

    primary: str
    keys: frozenset[str]
    full: bool


def actor_keys(
    name: str,
    aliases: list[str],
    entity_type: EntityType | str,
    lang: str = "fr",
    kb_id: str | None = None,
) -> ActorKeys:
    """The matching keys of an entity.

    People (PER) match only on full names: a given name then a surname, honorifics dropped (a
    name that starts with a surname particle, "Le Pen", "Al-Mangoush", has no given name). Aliases
    count only when they start with the same given name (a transliteration variant such as
    "Najla Al-Manqoush"), so a surname alone ("Le Pen"), a title plus a surname ("Mme Le Pen") or
    another given name ("Jean-Marie Le Pen" beside "Marine Le Pen") never joins two people. A
    person named by one word only gets a key of its own kind that matches only other one-word
    names. Organisations, places and other entities match on their name and on every alias that
    is a name, not a lower-case description. An entity the knowledge base identified (`kb_id`)
    also matches on that id, whatever names this article used for it ("ONU" and "Organisation
    des Nations unies"; "Macron" alone once the knowledge base has said who he is).
    """
    keys = _name_keys(name, aliases, entity_type, lang)
    if kb_id is None:
        return keys
    known = "kb:" + kb_id
    primary = keys.primary if keys.full else known
    return ActorKeys(
        primary=primary, keys=keys.keys | {known} if keys.full else frozenset({known}), full=True
    )


def _name_keys(
    name: str, aliases: list[str], entity_type: EntityType | str, lang: str
) -> ActorKeys:
    if entity_type != "PER":
        names = [name, *(a for a in aliases if not _is_description(a))]
        keys = {normalize_name(n) for n in names} - {""}
        primary = normalize_name(name)
        return ActorKeys(primary=primary, keys=frozenset(keys), full=True)

    tokenized = [_strip_honorifics(normalize_name(n).split(), lang) for n in [name, *aliases]]
    particles = name_particles(lang)

    def is_full(tokens: list[str]) -> bool:
        # A given name, then more: "Le Pen" or "Al-Mangoush" alone start with their surname.
        return len(tokens) >= 2 and tokens[0] not in particles

    own = tokenized[0]
    full_name = own if is_full(own) else None
    if full_name is None:
        # The best full name among the aliases: the longest that ends with the name itself.
        endings = [t for t in tokenized[1:] if is_full(t) and own and t[-len(own) :] == own]
        full_name = max(endings, key=len, default=None)
    if full_name is None:
        single = " ".join(own)
        return ActorKeys(primary=single, keys=frozenset({single} - {""}), full=False)
    given = full_name[0]
    keys = {" ".join(t) for t in tokenized if is_full(t) and t[0] == given}
    return ActorKeys(primary=" ".join(full_name), keys=frozenset(keys), full=True)


def countries_agree(first: str | None, second: str | None) -> bool:
    """Two known, different countries mean two different actors; an unknown one agrees."""
    return first is None or second is None or first == second


# ---------------------------------------------------------------------------------------------
# Filters
# ---------------------------------------------------------------------------------------------


class EventFilter(BaseModel):
    """Which events to take: every field left None takes all."""

    model_config = ConfigDict(extra="forbid")

    type: str | None = None
    country: str | None = None
    """Source or target country (ISO alpha-3)."""
    actor: list[int] | None = None
    """Actor ids, as source or target."""
    date_from: dt.date | None = None
    date_to: dt.date | None = None


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------


class _Result(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Segment(_Result):
    """A piece of text; `hit` marks what a search matched."""

    text: str
    hit: bool = False


class ArticleSummary(_Result):
    id: str
    """The content hash: the same text always has the same id."""
    source_id: str | None = None
    """The id the input gave the article (file name, JSONL `id`, URL)."""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    n_entities: int = 0
    n_quotes: int = 0
    n_events: int = 0
    snippet: list[Segment] = []
    """Where a search matched, as segments to escape one by one."""


class StoredArticle(Analysis):
    """The output contract plus what the corpus knows: the text, the source id, the actors."""

    source_id: str | None = None
    text: str
    ingested: str | None = None
    actors: dict[str, int] = Field(default_factory=dict)
    """Entity id of this article -> actor id in the corpus."""


class ActorSummary(_Result):
    id: int
    name: str
    type: str
    country: str | None = None
    role: str | None = None
    code: str | None = None
    n_articles: int = 0
    n_mentions: int = 0


class Count(_Result):
    value: str
    count: int


class CoActor(_Result):
    actor: ActorSummary
    n_articles: int


class QuoteRow(_Result):
    article_id: str
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker_actor: int | None = None
    speaker_name: str | None = None
    cue: str | None = None
    via: str | None = None
    published: str | None = None
    title: str | None = None


class EventRow(_Result):
    article_id: str
    id: str
    type: str
    cameo_root: str | None = None
    mode: str | None = None
    source_actor: int | None = None
    source_name: str | None = None
    source_country: str | None = None
    source_code: str | None = None
    target_actor: int | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_code: str | None = None
    date: str | None = None
    """The event's date as the analysis gave it."""
    day: str | None = None
    """The date used for filtering and timelines: the event's full date, else the article's."""
    place_name: str | None = None
    place_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str
    start: int
    end: int
    url: str | None = None
    title: str | None = None


class ActorProfile(_Result):
    actor: ActorSummary
    aliases: list[str] = []
    roles: list[Count] = []
    first_seen: str | None = None
    last_seen: str | None = None
    articles: list[ArticleSummary] = []
    quotes: list[QuoteRow] = []
    events: list[EventRow] = []
    co_actors: list[CoActor] = []


class TimelinePoint(_Result):
    period: str
    type: str
    count: int


class NetworkNode(_Result):
    id: int
    name: str
    type: str
    country: str | None = None
    n_articles: int


class NetworkEdge(_Result):
    source: int
    target: int
    weight: int
    """Articles in which both actors appear."""
    n_events: int = 0
    """Events with one as source and the other as target."""


class Network(_Result):
    nodes: list[NetworkNode] = []
    edges: list[NetworkEdge] = []


class PlacePoint(_Result):
    name: str
    country: str | None = None
    lat: float
    lon: float
    n_articles: int
    n_mentions: int


class Stats(_Result):
    articles: int
    actors: int
    entities: int
    quotes: int
    events: int
    places: int
    first_published: str | None = None
    last_published: str | None = None
    schema_version: int


def as_jsonable(model: BaseModel) -> dict[str, Any]:
    """A result as plain JSON-ready data."""
    return model.model_dump(mode="json")

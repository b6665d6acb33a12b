"""Geoparses place entities to coordinates and countries with the shipped gazetteer.

telex_places runs after telex_entities. Every LOC entity becomes one `Place`, grounded on its
first mention (events and users reach the other mentions through the entity), resolved by
`telex.geo.Gazetteer.resolve` in the article's context: the countries the article names, the
countries of its unambiguous places ("Lyon" can only be in France) and the countries of its
people and organisations. So "Tripoli" in a story about Lebanon is Lebanon's.

A place the gazetteer does not know (a street, a square, a building: "rue des Sables",
"Champs-Élysées") gets no coordinates, but gets a country when the context leaves no doubt: the
one country of the places resolved in the same sentence, otherwise the country of a strict
majority of the article's resolved place mentions. A LOC entity that ends with neither
coordinates nor a country (often a misread name) is not emitted as a place. Each LOC entity
without a country takes its place's country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from telex.geo import CONTEXT_BONUS, Gazetteer, GeoPlace, gazetteer
from telex.schema import Entity, Mention, Place

LOC = "LOC"


def entity_names(entity: Entity) -> list[str]:
    """The names to look an entity up by: its name, its aliases, then its mentions' texts."""
    names = [entity.name, *entity.aliases, *(mention.text for mention in entity.mentions)]
    return list(dict.fromkeys(name for name in names if name.strip()))


def resolve_entity(
    gazetteer: Gazetteer, entity: Entity, countries: Sequence[str] = ()
) -> GeoPlace | None:
    """The gazetteer place of an entity: the first of its names that resolves."""
    for name in entity_names(entity):
        place = gazetteer.resolve(name, countries=countries)
        if place is not None:
            return place
    return None


def context_countries(gazetteer: Gazetteer, entities: Iterable[Entity]) -> tuple[str, ...]:
    """The countries an article is about, to resolve its ambiguous place names.

    They are the countries it names, the countries of places whose name no context could move
    elsewhere (the best place outranks every other country's by more than the context bonus),
    and the countries given to its people and organisations.
    """
    found: dict[str, None] = {}
    for entity in entities:
        if entity.type != LOC:
            if entity.country:
                found[entity.country] = None
            continue
        for name in entity_names(entity):
            place = gazetteer.resolve(name)
            if place is None or place.country is None:
                continue
            if place.kind == "country" or gazetteer.margin(name) > CONTEXT_BONUS:
                found[place.country] = None
            break
    return tuple(found)


def _sentence_bounds(doc: Doc, mention: Mention) -> tuple[int, int] | None:
    """Character bounds of the sentence holding a mention, when the doc has sentences."""
    if not doc.has_annotation("SENT_START"):
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    sentence = span.sent
    return sentence.start_char, sentence.end_char


def fallback_country(
    doc: Doc, mention: Mention, resolved: Sequence[tuple[Mention, str]]
) -> str | None:
    """The country of an unknown place when the context is unambiguous, else None.

    `resolved` holds every mention of a resolved place with its country. The places resolved in
    the mention's sentence decide when they all lie in one country; otherwise the article's
    country when a strict majority of its resolved place mentions lie there.
    """
    bounds = _sentence_bounds(doc, mention)
    if bounds is not None:
        near = {country for other, country in resolved if bounds[0] <= other.start < bounds[1]}
        if len(near) == 1:
            return near.pop()
    counts = Counter(country for _, country in resolved)
    if not counts:
        return None
    (top, top_count), *_ = counts.most_common(1)
    return top if top_count * 2 > sum(counts.values()) else None


class Places:
    """telex_places: writes `doc._.places` and the country of LOC entities that have none."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang = nlp.lang

    def __call__(self, doc: Doc) -> Doc:
        entities: list[Entity] = doc._.entities or []
        locations = sorted(
            (entity for entity in entities if entity.type == LOC and entity.mentions),
            key=lambda entity: min(mention.start for mention in entity.mentions),
        )
        if not locations:
            doc._.set("places", [])
            return doc
        places_gazetteer = gazetteer(self.lang)
        countries = context_countries(places_gazetteer, entities)
        found = {
            entity.id: resolve_entity(places_gazetteer, entity, countries) for entity in locations
        }
        resolved = [
            (mention, place.country)
            for entity in locations
            if (place := found[entity.id]) is not None and place.country is not None
            for mention in entity.mentions
        ]
        places: list[Place] = []
        for entity in locations:
            first = min(entity.mentions, key=lambda mention: mention.start)
            geo = found[entity.id]
            if geo is not None:
                country = geo.country
            elif entity.country:
                country = entity.country
            else:
                country = fallback_country(doc, first, resolved)
            if geo is None and country is None:
                continue
            places.append(
                Place(
                    id=f"p{len(places) + 1}",
                    text=first.text,
                    start=first.start,
                    end=first.end,
                    name=entity.name,
                    country=country,
                    lat=geo.lat if geo else None,
                    lon=geo.lon if geo else None,
                    geonames_id=geo.geonames_id if geo else None,
                    entity=entity.id,
                )
            )
            if entity.country is None and country is not None:
                entity.country = country
        doc._.set("places", places)
        return doc


@Language.factory("telex_places", requires=["doc._.entities"], assigns=["doc._.places"])
def make_places(nlp: Language, name: str) -> Places:
    return Places(nlp, name)

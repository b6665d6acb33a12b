"""telex_places: one grounded place per LOC entity, resolved in the article's context."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import pytest
import spacy
from spacy.tokens import Doc

from telex.components.places import Places
from telex.extensions import register_extensions
from telex.geo import distance_km
from telex.schema import Entity, Mention


@pytest.fixture(scope="module")
def blank():
    register_extensions()
    nlp = spacy.blank("fr")
    nlp.add_pipe("sentencizer")
    return nlp


def analyse(blank, text: str, entities: Sequence[tuple[str, str] | tuple[str, str, str]]) -> Doc:
    """Run telex_places on a doc whose entities are given as (text, type[, country]): every
    occurrence of the text is a mention."""
    doc = blank(text)
    found = []
    for number, (surface, kind, *country) in enumerate(entities, 1):
        mentions = [
            Mention(start=m.start(), end=m.end(), text=surface)
            for m in re.finditer(re.escape(surface), text)
        ]
        assert mentions, surface
        found.append(
            Entity(
                id=f"e{number}",
                name=surface,
                type=kind,
                country=country[0] if country else None,
                mentions=mentions,
            )
        )
    doc._.set("entities", found)
    return Places(blank, "telex_places")(doc)


def place_of(doc: Doc, name: str):
    matches = [place for place in doc._.places if place.name == name]
    assert len(matches) <= 1
    return matches[0] if matches else None


def entity_of(doc: Doc, name: str) -> Entity:
    return next(entity for entity in doc._.entities if entity.name == name)


# Ambiguous names resolved by what else the article names.
@pytest.mark.parametrize(
    ("text", "entities", "name", "country"),
    [
        (
            "Des combats ont eu lieu à Tripoli, dans le nord du Liban.",
            [("Tripoli", "LOC"), ("Liban", "LOC")],
            "Tripoli",
            "LBN",
        ),
        (
            "Des combats ont eu lieu à Tripoli, la capitale de la Libye.",
            [("Tripoli", "LOC"), ("Libye", "LOC")],
            "Tripoli",
            "LBY",
        ),
        # the country of a person counts too (set by the entity component)
        (
            "Le Premier ministre Najib Mikati est rentré à Tripoli.",
            [("Najib Mikati", "PER", "LBN"), ("Tripoli", "LOC")],
            "Tripoli",
            "LBN",
        ),
        # a city no context could move elsewhere gives its country: Lyon is in France
        (
            "Le train relie Lyon à Valence en une heure.",
            [("Lyon", "LOC"), ("Valence", "LOC")],
            "Valence",
            "FRA",
        ),
        (
            "Le vol relie Madrid à Valence en une heure.",
            [("Madrid", "LOC"), ("Valence", "LOC")],
            "Valence",
            "ESP",
        ),
        (
            "Les soldats ont quitté la province du Houet, au Burkina Faso.",
            [("province du Houet", "LOC"), ("Burkina Faso", "LOC")],
            "province du Houet",
            "BFA",
        ),
    ],
)
def test_places_resolved_in_context(blank, text, entities, name, country):
    doc = analyse(blank, text, entities)
    place = place_of(doc, name)
    assert place is not None
    assert place.country == country
    assert entity_of(doc, name).country == country


def test_one_place_per_loc_entity_grounded_on_its_first_mention(blank):
    text = "Bruxelles a reçu Emmanuel Macron. À Bruxelles, il a vu la presse belge, puis Berlin."
    doc = analyse(
        blank, text, [("Emmanuel Macron", "PER"), ("Bruxelles", "LOC"), ("Berlin", "LOC")]
    )
    places = doc._.places
    assert [(p.id, p.name, p.entity) for p in places] == [
        ("p1", "Bruxelles", "e2"),
        ("p2", "Berlin", "e3"),
    ]
    brussels = places[0]
    assert (brussels.start, brussels.end) == (0, 9)
    assert text[brussels.start : brussels.end] == brussels.text
    assert (brussels.country, brussels.geonames_id) == ("BEL", 2800866)
    assert brussels.lat is not None
    assert brussels.lon is not None
    assert distance_km(brussels.lat, brussels.lon, 50.8467, 4.3525) < 10
    assert entity_of(doc, "Emmanuel Macron").country is None  # only LOC entities are touched


def test_an_entity_country_already_set_is_kept(blank):
    doc = analyse(blank, "Le sommet a eu lieu à Tripoli.", [("Tripoli", "LOC", "LBN")])
    assert entity_of(doc, "Tripoli").country == "LBN"


def test_unknown_places_take_the_country_of_their_sentence(blank):
    text = (
        "Des manifestants se sont réunis rue des Sables, à Bruxelles. "
        "Le cortège est ensuite parti vers Paris et la place de la Nation."
    )
    doc = analyse(
        blank,
        text,
        [
            ("rue des Sables", "LOC"),
            ("Bruxelles", "LOC"),
            ("Paris", "LOC"),
            ("place de la Nation", "LOC"),
        ],
    )
    street = place_of(doc, "rue des Sables")
    assert street is not None
    assert (street.country, street.lat, street.lon, street.geonames_id) == ("BEL", None, None, None)
    assert entity_of(doc, "rue des Sables").country == "BEL"
    square = place_of(doc, "place de la Nation")
    assert square is not None
    assert square.country == "FRA"


def test_unknown_places_take_the_country_of_a_clear_majority(blank):
    text = (
        "La police est intervenue à Marseille puis à Toulouse. "
        "La foule s'est dispersée sur les Champs-Élysées. Un touriste venait de Londres."
    )
    doc = analyse(
        blank,
        text,
        [("Marseille", "LOC"), ("Toulouse", "LOC"), ("Champs-Élysées", "LOC"), ("Londres", "LOC")],
    )
    avenue = place_of(doc, "Champs-Élysées")
    assert avenue is not None
    assert avenue.country == "FRA"
    assert avenue.lat is None


def test_no_place_without_a_country_or_coordinates(blank):
    # Two countries, as often as each other, and nothing known in the sentence: no guess.
    text = "La France et l'Allemagne ont signé. Le texte a été paraphé à Xqzwy-les-Bains."
    doc = analyse(
        blank, text, [("France", "LOC"), ("Allemagne", "LOC"), ("Xqzwy-les-Bains", "LOC")]
    )
    assert place_of(doc, "Xqzwy-les-Bains") is None
    assert entity_of(doc, "Xqzwy-les-Bains").country is None
    assert {p.name for p in doc._.places} == {"France", "Allemagne"}


def test_continents_are_places_without_a_country(blank):
    doc = analyse(blank, "L'Europe doit agir.", [("Europe", "LOC")])
    place = place_of(doc, "Europe")
    assert place is not None
    assert place.country is None
    assert place.geonames_id == 6255148


def test_docs_without_places(blank):
    doc = analyse(blank, "Emmanuel Macron a parlé.", [("Emmanuel Macron", "PER")])
    assert doc._.places == []
    doc = blank("Rien.")
    doc._.set("entities", None)
    assert Places(blank, "telex_places")(doc)._.places == []


# -- the real pipeline ------------------------------------------------------------------------
@pytest.mark.model
def test_seed_places(seed_analysis, seed_text):
    places = {place.name: place for place in seed_analysis.places}
    brussels = places["Bruxelles"]
    assert brussels.country == "BEL"
    assert brussels.geonames_id == 2800866
    assert brussels.lat is not None
    assert brussels.lon is not None
    assert distance_km(brussels.lat, brussels.lon, 50.8467, 4.3525) < 10
    assert places["Berlin"].country == "DEU"
    assert places["Libye"].country == "LBY"
    for place in seed_analysis.places:
        assert seed_text[place.start : place.end] == place.text
        entity = next(e for e in seed_analysis.entities if e.id == place.entity)
        assert entity.type == "LOC"
        assert entity.country == place.country


@pytest.mark.model
def test_seed_loc_countries_match_the_gold(seed_analysis, seed_gold):
    countries = {e.name: e.country for e in seed_analysis.entities if e.type == "LOC"}
    for gold in seed_gold["entities"]:
        if gold["type"] == "LOC" and gold.get("country"):
            for name in [gold["name"], *gold.get("aliases", [])]:
                if name in countries:
                    assert countries[name] == gold["country"], name


@pytest.mark.model
@pytest.mark.gold
def test_dev_gold_loc_countries(nlp):
    """An evaluation floor: the countries of the gold's places, where telex finds the place."""
    from tests.conftest import shared_file

    import telex

    golds = [
        json.loads(line) for line in shared_file("gold/dev.jsonl").read_text("utf-8").splitlines()
    ]
    right = total = 0
    for gold, analysis in zip(
        golds,
        telex.analyze_many(
            telex.Article(text=g["text"], id=g["id"], published=g.get("published")) for g in golds
        ),
        strict=True,
    ):
        predicted = {e.name.casefold(): e.country for e in analysis.entities if e.type == "LOC"}
        for entity in gold["entities"]:
            if entity["type"] != "LOC" or not entity.get("country") or entity.get("optional"):
                continue
            names = [entity["name"], *entity.get("aliases", [])]
            found = [predicted[n.casefold()] for n in names if n.casefold() in predicted]
            if found:
                total += 1
                right += found[0] == entity["country"]
    assert total >= 100
    assert right / total >= 0.95

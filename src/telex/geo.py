"""The shipped gazetteer: place names to GeoNames places with coordinates and countries.

The knowledge is a SQLite file built once by `tools/build_gazetteer.py` from packages that ship
GeoNames data (cities with their alternate names, countries, continents) and ISO 3166-2
subdivisions, so that opening it costs milliseconds and a lookup a few microseconds, with no
parsing at start-up. Names are matched case-, accent- and punctuation-insensitively
(`name_key`). Language data adds what the sources lack: exonyms and news usages
(`lang/<code>/place_aliases.tsv`) and descriptors to strip ("ville de", "province du").

Ambiguous names are resolved by `Gazetteer.resolve`: a place in one of the article's countries is
preferred over a much larger one elsewhere (Tripoli in a story about Lebanon), then prominence
decides (population, countries, capitals).
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from telex.errors import DataError
from telex.lang import read_table, read_toml

DATA_FILE = "gazetteer.sqlite"
# Bumped when the layout of the SQLite file changes; the loader refuses other versions.
SCHEMA_VERSION = 2

# Every kind of place, in the order that breaks ties between equally prominent candidates
# ("Singapour" the country before the city, a city before a subdivision of the same name).
KINDS = ("country", "continent", "city", "admin1", "admin2")

# Scoring of candidates, in orders of magnitude of population (log10), so that the weights read
# as "how many times larger may a place elsewhere be and still win":
# a place in one of the article's countries beats one up to 100 times larger elsewhere;
CONTEXT_BONUS = 2.0
# a country counts as if it were 10 times larger than its population ("Luxembourg", "Singapour"
# are the country before the city), a national capital 3 times;
COUNTRY_BONUS = 1.0
CAPITAL_BONUS = 0.5
# subdivisions have no population in the sources: a notable one (a federated state, a region
# with a French name of its own) ranks like a city of 300,000 people, so "Texas" is the state and
# "New York" the city; a minor one like a town of 10,000, so a city of the same name in the same
# country wins ("Liège", "Namur"), a village does not.
NOTABLE_SUBDIVISION_WEIGHT = 5.5
SUBDIVISION_WEIGHT = 4.0
# Cities smaller than this are `minor`: candidates only in the article's countries, for the world
# has thousands of villages named like a landmark, a surname or another country's city. (Set at
# build time, with subdivisions that have no French name of their own.)
MINOR_POPULATION = 15_000


@dataclass(frozen=True, slots=True)
class GeoPlace:
    """One place of the gazetteer.

    `geonames_id`, `lat` and `lon` are None for ISO 3166-2 subdivisions, which no shipped source
    locates; `country` (ISO 3166-1 alpha-3) is None for continents; `code` is the ISO code of a
    country (alpha-3) or subdivision (3166-2), or the GeoNames code of a continent. A `minor`
    place (a small town, a little-known subdivision) is chosen only in the article's countries.
    """

    geonames_id: int | None
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int
    kind: str
    code: str | None = None
    capital: bool = False
    minor: bool = False

    @property
    def prominence(self) -> float:
        """How much the place stands out, in orders of magnitude of population."""
        if self.kind in ("admin1", "admin2"):
            weight = SUBDIVISION_WEIGHT if self.minor else NOTABLE_SUBDIVISION_WEIGHT
        else:
            weight = math.log10(max(self.population, 1))
        if self.kind in ("country", "continent"):
            weight += COUNTRY_BONUS
        elif self.capital:
            weight += CAPITAL_BONUS
        return weight


_SEPARATORS = re.compile(r"[^\w]+")


def name_key(name: str) -> str:
    """The form names are matched on: casefolded, without accents or punctuation.

    >>> name_key("Saint-Étienne"), name_key("Côte d’Ivoire")
    ('saint etienne', 'cote d ivoire')
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char))
    text = text.casefold().replace("œ", "oe").replace("æ", "ae")
    return " ".join(part for part in _SEPARATORS.split(text) if part and part != "_")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_chord = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(half_chord))


def score(place: GeoPlace, countries: Iterable[str] = ()) -> float:
    """The rank of a candidate for a name: prominence, plus a bonus in the article's countries."""
    bonus = CONTEXT_BONUS if place.country is not None and place.country in countries else 0.0
    return place.prominence + bonus


def eligible(place: GeoPlace, countries: Iterable[str] = ()) -> bool:
    """Whether a candidate may be chosen: minor places only in the article's countries."""
    return not place.minor or (place.country is not None and place.country in countries)


_COLUMNS = "geonames_id, name, country, lat, lon, population, kind, code, capital, minor"


class Gazetteer:
    """Place names to places, over the shipped SQLite file (read-only, shared by threads)."""

    def __init__(
        self,
        path: Path | str,
        *,
        aliases: Mapping[str, Sequence[str]] | None = None,
        prefixes: Sequence[str] = (),
    ) -> None:
        """Open a gazetteer file.

        Args:
            path: the SQLite file built by tools/build_gazetteer.py.
            aliases: extra names (any spelling) -> targets, each a GeoNames id (digits) or an
                ISO code (a country's alpha-3, a subdivision's 3166-2).
            prefixes: descriptors and articles stripped from the front of a name that is not
                found as it is ("ville de", "la"); longest first is not required.
        """
        self.path = Path(path)
        if not self.path.is_file():
            raise DataError(
                f"the gazetteer {self.path} is missing: reinstall telex, or rebuild it with "
                "tools/build_gazetteer.py"
            )
        self._local = threading.local()
        self._check_version()
        self._aliases: dict[str, tuple[str, ...]] = {}
        for name, targets in (aliases or {}).items():
            key = name_key(name)
            self._aliases[key] = self._aliases.get(key, ()) + tuple(targets)
        # Longest first, so that "province du" is tried before a shorter descriptor.
        self._prefixes = tuple(
            sorted(
                {name_key(prefix) + " " for prefix in prefixes if name_key(prefix)},
                key=len,
                reverse=True,
            )
        )
        # Per instance, so that two gazetteers never share answers; names recur across articles.
        self._cached = lru_cache(maxsize=16_384)(self._candidates)

    # -- connection --------------------------------------------------------------------------
    def _connection(self) -> sqlite3.Connection:
        # One connection per thread and per process: sqlite3 connections must not cross a fork.
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            uri = f"{self.path.resolve().as_uri()}?mode=ro&immutable=1"
            try:
                conn = sqlite3.connect(uri, uri=True)
            except sqlite3.Error as err:
                raise DataError(f"cannot open the gazetteer {self.path}: {err}") from err
            # Reads through a memory map skip a copy per page: lookups run about a third faster.
            conn.execute("PRAGMA mmap_size = 67108864")
            self._local.conn = conn
            self._local.pid = os.getpid()
        return conn

    def _check_version(self) -> None:
        try:
            row = (
                self._connection()
                .execute("SELECT value FROM meta WHERE key = 'schema_version'")
                .fetchone()
            )
        except sqlite3.DatabaseError as err:
            raise DataError(f"{self.path} is not a telex gazetteer: {err}") from err
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise DataError(
                f"{self.path} has layout version {row and row[0]}, telex reads version "
                f"{SCHEMA_VERSION}: rebuild it with tools/build_gazetteer.py"
            )

    # -- lookups -----------------------------------------------------------------------------
    def candidates(self, name: str) -> list[GeoPlace]:
        """Every place a name may refer to, most prominent first; [] when the name is unknown.

        Matching ignores case, accents and punctuation; a name not found as it is is tried again
        without a leading descriptor or article ("province du Houet" -> "Houet"), and a name
        that is nothing but such a word ("Les") is unknown.
        """
        return list(self._cached(name))

    def _candidates(self, name: str) -> tuple[GeoPlace, ...]:
        key = name_key(name)
        if key + " " in self._prefixes:
            return ()
        while key:
            found = self._lookup(key)
            if found:
                return tuple(found)
            key = self._strip_prefix(key)
        return ()

    def _strip_prefix(self, key: str) -> str:
        for prefix in self._prefixes:
            if key.startswith(prefix):
                return key[len(prefix) :]
        return ""

    def _lookup(self, key: str) -> list[GeoPlace]:
        conn = self._connection()
        rows = conn.execute(
            f"SELECT {_COLUMNS} FROM names JOIN places ON places.id = names.place "
            "WHERE names.key = ?",
            (key,),
        ).fetchall()
        places = {_place(row) for row in rows}
        for target in self._aliases.get(key, ()):
            if target.isdigit():
                query = f"SELECT {_COLUMNS} FROM places WHERE geonames_id = ?"
                found = conn.execute(query, (int(target),)).fetchall()
            else:
                query = f"SELECT {_COLUMNS} FROM places WHERE code = ?"
                found = conn.execute(query, (target,)).fetchall()
            # Someone wrote this alias down: the place is known by it, and not minor.
            places.update(replace(_place(row), minor=False) for row in found)
        return sorted(places, key=_rank_key)

    def resolve(self, name: str, *, countries: Sequence[str] = ()) -> GeoPlace | None:
        """The place a name most likely refers to in an article about `countries` (alpha-3).

        A place in one of those countries wins over one elsewhere unless that one is over 100
        times more prominent; then population, countries and capitals decide. None when the
        name is unknown or only names minor places outside the article's countries.
        """
        best: GeoPlace | None = None
        best_score = -math.inf
        for place in self._cached(name):
            if not eligible(place, countries):
                continue
            rank = score(place, countries)
            if rank > best_score:
                best, best_score = place, rank
        return best

    def margin(self, name: str) -> float:
        """How far the place a name resolves to without context outranks every place of another
        country, minor ones included: above CONTEXT_BONUS, no article context could change the
        name's country ("Lyon"); 0 when the name resolves to nothing."""
        best = self.resolve(name)
        if best is None:
            return 0.0
        rivals = [score(p) for p in self._cached(name) if p.country != best.country]
        return score(best) - max(rivals) if rivals else math.inf

    def place(self, geonames_id: int) -> GeoPlace | None:
        """The place with a GeoNames id, if the gazetteer has it."""
        row = (
            self._connection()
            .execute(f"SELECT {_COLUMNS} FROM places WHERE geonames_id = ?", (geonames_id,))
            .fetchone()
        )
        return _place(row) if row else None

    def __len__(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM places").fetchone()[0])


def _rank_key(place: GeoPlace) -> tuple[float, int, int, str]:
    """Most prominent first; ties by kind, then by identifier, so that the order is stable."""
    return (-place.prominence, KINDS.index(place.kind), place.geonames_id or 0, place.code or "")


def _place(row: tuple[object, ...]) -> GeoPlace:
    geonames_id, name, country, lat, lon, population, kind, code, capital, minor = row
    return GeoPlace(
        geonames_id=geonames_id if isinstance(geonames_id, int) else None,
        name=str(name),
        country=str(country) if country else None,
        lat=float(lat) if isinstance(lat, float | int) else None,
        lon=float(lon) if isinstance(lon, float | int) else None,
        population=int(population) if isinstance(population, int) else 0,
        kind=str(kind),
        code=str(code) if code else None,
        capital=bool(capital),
        minor=bool(minor),
    )


def data_path() -> Path:
    """Where the shipped gazetteer file lives."""
    return Path(str(resources.files("telex").joinpath("data", DATA_FILE)))


def read_aliases(lang: str) -> dict[str, tuple[str, ...]]:
    """The language's exonyms and news usages: name -> GeoNames ids or ISO codes."""
    aliases: dict[str, tuple[str, ...]] = {}
    for row in read_table(lang, "place_aliases.tsv"):
        aliases[row["name"]] = (*aliases.get(row["name"], ()), row["target"])
    return aliases


@cache
def gazetteer(lang: str = "fr") -> Gazetteer:
    """The shipped gazetteer with a language's aliases and descriptors (once per process)."""
    prefixes: list[str] = list(read_toml(lang, "places.toml").get("strip_prefixes", []))
    return Gazetteer(data_path(), aliases=read_aliases(lang), prefixes=prefixes)

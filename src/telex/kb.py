"""The actor knowledge base: named organisations and people with their type, country, role and code.

Shipped knowledge lives in `data/actors.jsonl` (one record a line, described in `data/README.md`);
users add or override records with their own CSV or JSONL dictionaries (`--actors FILE`, the
`TELEX_ACTORS` environment variable, or `KnowledgeBase.extend`). Lookups are by name or alias and
forgive case, accents, typographic apostrophes, hyphens, a leading article ("l'ONU", "la CGT") and
dots in acronyms ("O.N.U.").

A name shared by several records is listed in their `ambiguous` field by every record that is not
its default reading: `lookup` then gives the record that does not list it (or nothing when all do),
`lookup_all` gives them all, the default first.

The code is a CAMEO-style role code (`GOV`, `IGO`…); `Actor.actor_code` joins it to the country
(`TURGOV`). This module reads JSON and CSV only: it never imports spaCy and loads in milliseconds.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from unidecode import unidecode

from telex.errors import DataError
from telex.lang import read_list

ENV_VAR = "TELEX_ACTORS"
SHIPPED = "actors.jsonl"

TYPES = frozenset({"PER", "ORG", "LOC", "MISC"})

# CAMEO-style role codes (CAMEO codebook, actor roles), with what telex files under each.
CODES: Mapping[str, str] = {
    "GOV": "government: heads of state and government, ministers, ministries, diplomats, mayors",
    "LEG": "legislature: parliaments, assemblies, their presidents",
    "JUD": "judiciary: courts, prosecutors, constitutional councils",
    "MIL": "armed forces, state-backed military companies, military commanders",
    "COP": "police and gendarmerie",
    "SPY": "intelligence services",
    "PTY": "political parties and their leaders",
    "OPP": "political opposition outside parties, opposition figures",
    "REB": "rebel, insurgent, armed separatist and jihadist groups",
    "IGO": "intergovernmental organisations and the people who lead them",
    "NGO": "non-governmental organisations, sports federations",
    "MED": "media: news agencies, newspapers, broadcasters",
    "BUS": "business: companies, employers' organisations, business people",
    "LAB": "labour: trade unions, farmers' unions",
    "EDU": "education and research: universities, research institutes",
    "REL": "religious bodies and leaders",
    "CVL": "civilians: protest movements, civil society figures",
}

# ISO 3166-1 alpha-3, plus XKX (Kosovo), the user-assigned code the EU and IMF use.
_ISO_CODES = """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
    BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR
    COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH
    ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL
    GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR
    JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR
    MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL
    NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY
    PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP
    SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
    UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX
"""
COUNTRIES = frozenset(_ISO_CODES.split())

FIELDS = (
    "kb_id", "name", "type", "aliases", "country", "international", "code", "role",
    "valid_from", "valid_to", "ambiguous", "other_roles",
)  # fmt: skip
ROLE_FIELDS = ("role", "code", "valid_from", "valid_to")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Apostrophes and quotes that stand for "'" in names (l’ONU, Côte d‘Ivoire).
_APOSTROPHES = str.maketrans(dict.fromkeys("’‘ʼʹ`´′", "'"))
# Dots inside acronyms (O.N.U.) and inclusive-writing points (Génération·s) are dropped.
_DOTS = str.maketrans(dict.fromkeys(".·‧•⋅", ""))
_SEPARATORS = re.compile(r"[^\w&+]+")


@dataclass(frozen=True, slots=True)
class Role:
    """One role of an actor, with the dates it held it (ISO `YYYY`, `YYYY-MM` or `YYYY-MM-DD`)."""

    role: str | None
    code: str | None
    valid_from: str | None = None
    valid_to: str | None = None

    def holds_on(self, day: dt.date) -> bool:
        """Whether the role held on `day`; a missing bound is open (null `valid_to`: still held)."""
        start = _bound(self.valid_from, end=False)
        stop = _bound(self.valid_to, end=True)
        return (start is None or start <= day) and (stop is None or day <= stop)


@dataclass(frozen=True, slots=True)
class Actor:
    """A named actor. `country` is None with `international` True for bodies of no single country
    (the UN, the EU, Amnesty International), None with `international` False when unknown."""

    kb_id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    country: str | None
    international: bool
    code: str | None
    role: str | None
    valid_from: str | None
    valid_to: str | None
    ambiguous: tuple[str, ...] = ()
    other_roles: tuple[Role, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    @property
    def roles(self) -> tuple[Role, ...]:
        """The main role first, then the others the record lists."""
        return (Role(self.role, self.code, self.valid_from, self.valid_to), *self.other_roles)

    @property
    def actor_code(self) -> str | None:
        """The CAMEO-style code of the main role: `TURGOV`, `IGO`, `REB` (no country known)."""
        return self.code_for(self.code)

    def code_for(self, code: str | None) -> str | None:
        if code is None:
            return None
        if code == "IGO" or self.country is None:
            return code
        return self.country + code

    def role_on(self, day: dt.date) -> Role | None:
        """The role held on `day` (the main one first), or None when none of them held then."""
        return next((role for role in self.roles if role.holds_on(day)), None)

    def to_dict(self) -> dict[str, Any]:
        """The record as in `actors.jsonl` (optional fields only when set)."""
        record: dict[str, Any] = {
            "kb_id": self.kb_id, "name": self.name, "type": self.type,
            "aliases": list(self.aliases), "country": self.country,
            "international": self.international, "code": self.code, "role": self.role,
            "valid_from": self.valid_from, "valid_to": self.valid_to,
        }  # fmt: skip
        if self.ambiguous:
            record["ambiguous"] = list(self.ambiguous)
        if self.other_roles:
            record["other_roles"] = [
                {name: getattr(role, name) for name in ROLE_FIELDS} for role in self.other_roles
            ]
        return record


@lru_cache(maxsize=65536)
def normalize(name: str) -> str:
    """The lookup key of a name: casefolded, without accents, acronym dots or punctuation."""
    text = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).translate(_DOTS)
    text = unidecode(text.casefold())
    return " ".join(_SEPARATORS.sub(" ", text).split())


@cache
def _articles() -> tuple[str, ...]:
    """Normalized leading articles with their trailing space ("l ", "la ")."""
    return tuple(normalize(article) + " " for article in read_list("fr", "leading_articles.txt"))


def _without_article(key: str) -> str | None:
    for article in _articles():
        if key.startswith(article) and len(key) > len(article):
            return key[len(article) :]
    return None


@dataclass(slots=True)
class _Entry:
    actor: Actor
    layer: int  # 0 shipped, then one per user file: later layers win
    position: int  # order within the layer
    name_key: str  # normalize(actor.name)
    keys: frozenset[str]  # normalized name and aliases
    ambiguous_keys: frozenset[str]


class KnowledgeBase:
    """Actors indexed by every name and alias; build it with `knowledge_base()` or `load()`."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._index: dict[str, list[Actor]] = {}
        self._layers = 0
        self.sources: list[str] = []

    @classmethod
    def load(cls, *paths: str | Path) -> KnowledgeBase:
        """The shipped actors, extended by `paths` in order."""
        kb = cls()
        shipped = resources.files("telex").joinpath("data", SHIPPED)
        try:
            text = shipped.read_text(encoding="utf-8")
        except FileNotFoundError as err:
            raise DataError(f"shipped data file data/{SHIPPED} is missing") from err
        kb._add(_read_jsonl(text, f"data/{SHIPPED}"), layer=0, where=f"data/{SHIPPED}")
        kb.sources.append(f"data/{SHIPPED}")
        for path in paths:
            kb.extend(path)
        return kb

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Actor]:
        return (entry.actor for entry in self._entries.values())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and bool(self.lookup_all(name))

    def get(self, kb_id: str) -> Actor | None:
        entry = self._entries.get(kb_id)
        return entry.actor if entry else None

    def lookup(self, name: str) -> Actor | None:
        """The default reading of a name or alias, or None (unknown, or ambiguous everywhere)."""
        key, actors = self._match(name)
        if not actors:
            return None
        best = actors[0]
        return None if key in self._entries[best.kb_id].ambiguous_keys else best

    def lookup_all(self, name: str) -> list[Actor]:
        """Every actor with this name or alias, the default reading (if any) first."""
        return list(self._match(name)[1])

    def extend(self, path: str | Path) -> None:
        """Add a user dictionary (`.csv` or `.jsonl`). A record with the kb_id or the name of a
        known record replaces it; its names then take precedence over the shipped ones."""
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            raise DataError(f"{path}: cannot read the actor dictionary: {err}") from err
        suffix = path.suffix.lower()
        if suffix == ".csv":
            records = _read_csv(text, str(path))
        elif suffix in (".jsonl", ".json", ".ndjson"):
            records = _read_jsonl(text, str(path))
        else:
            raise DataError(
                f"{path}: an actor dictionary is .csv or .jsonl, not {suffix or 'no suffix'!r}"
            )
        self._layers += 1
        self._add(records, layer=self._layers, where=str(path))
        self.sources.append(str(path))

    # -- building --

    def _add(self, records: list[tuple[int, Actor]], *, layer: int, where: str) -> None:
        for position, (line, actor) in enumerate(records):
            if layer:
                actor = self._resolve_override(actor, f"{where}:{line}")
            elif not actor.kb_id:
                raise DataError(f"{where}:{line}: missing kb_id")
            elif actor.kb_id in self._entries:
                raise DataError(f"{where}:{line}: kb_id {actor.kb_id!r} is used twice")
            self._entries.pop(actor.kb_id, None)
            self._entries[actor.kb_id] = _Entry(
                actor,
                layer,
                position,
                normalize(actor.name),
                frozenset(normalize(name) for name in actor.names),
                frozenset(normalize(name) for name in actor.ambiguous),
            )
        self._reindex()

    def _resolve_override(self, actor: Actor, where: str) -> Actor:
        """The kb_id a user record lives under. A kb_id of its own (known or new) is kept; without
        one, the record takes the kb_id of the known actor with the same name, which it replaces,
        or a new `user:` kb_id."""
        if actor.kb_id:
            return actor
        key = normalize(actor.name)
        same = [entry.actor for entry in self._entries.values() if entry.name_key == key]
        if len(same) > 1 and actor.country:
            same = [known for known in same if known.country == actor.country] or same
        if len(same) > 1:
            ids = ", ".join(known.kb_id for known in same)
            raise DataError(
                f"{where}: name {actor.name!r} matches several known actors ({ids}); "
                "give the kb_id of the one to override, or a new kb_id to add an actor"
            )
        return _replace_id(actor, same[0].kb_id if same else "user:" + "-".join(key.split()))

    def _reindex(self) -> None:
        ranked: dict[str, list[tuple[tuple[bool, int, int], Actor]]] = {}
        for entry in self._entries.values():
            for key in entry.keys:
                rank = (key in entry.ambiguous_keys, -entry.layer, entry.position)
                ranked.setdefault(key, []).append((rank, entry.actor))
        self._index = {
            key: [actor for _, actor in sorted(items, key=lambda item: item[0])]
            for key, items in ranked.items()
        }

    def _match(self, name: str) -> tuple[str, list[Actor]]:
        key = normalize(name)
        actors = self._index.get(key)
        if actors:
            return key, actors
        bare = _without_article(key)
        if bare and (actors := self._index.get(bare)):
            return bare, actors
        return key, []


def _replace_id(actor: Actor, kb_id: str) -> Actor:
    values = {name: getattr(actor, name) for name in Actor.__dataclass_fields__}
    values["kb_id"] = kb_id
    return Actor(**values)


# -- reading records --


def _read_jsonl(text: str, where: str) -> list[tuple[int, Actor]]:
    records = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as err:
            raise DataError(f"{where}:{number}: not a JSON object: {err.msg}") from err
        if not isinstance(raw, dict):
            raise DataError(
                f"{where}:{number}: each line must be a JSON object, not {type(raw).__name__}"
            )
        records.append((number, _actor(raw, f"{where}:{number}")))
    return records


def _read_csv(text: str, where: str) -> list[tuple[int, Actor]]:
    lines = text.splitlines()
    reader = csv.DictReader(lines)
    columns = reader.fieldnames or []
    allowed = set(FIELDS) - {"other_roles"}
    unknown = [column for column in columns if column.strip() not in allowed]
    if unknown:
        raise DataError(
            f"{where}:1: unknown column(s) {', '.join(map(repr, unknown))}; "
            f"columns are {', '.join(name for name in FIELDS if name in allowed)}"
        )
    if "name" not in [column.strip() for column in columns]:
        raise DataError(f"{where}:1: the header has no 'name' column")
    records = []
    for row in reader:
        number = reader.line_num
        if None in row:
            raise DataError(f"{where}:{number}: more values than columns in the header")
        raw: dict[str, Any] = {}
        for column, value in row.items():
            column, value = column.strip(), (value or "").strip()
            if column in ("aliases", "ambiguous"):
                raw[column] = [part.strip() for part in value.split("|") if part.strip()]
            elif column == "international":
                raw[column] = _flag(value, f"{where}:{number}")
            else:
                raw[column] = value or None
        if not any(raw.values()):
            continue
        records.append((number, _actor(raw, f"{where}:{number}")))
    return records


def _flag(value: str, where: str) -> bool:
    lowered = value.lower()
    if lowered in ("", "0", "false", "no", "non"):
        return False
    if lowered in ("1", "true", "yes", "oui"):
        return True
    raise DataError(f"{where}: international must be true or false, not {value!r}")


def _actor(raw: dict[str, Any], where: str) -> Actor:
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise DataError(
            f"{where}: unknown field(s) {', '.join(map(repr, unknown))}; "
            f"fields are {', '.join(FIELDS)}"
        )
    name = _text(raw.get("name"), "name", where)
    if not name:
        raise DataError(f"{where}: missing name")
    kind = _text(raw.get("type"), "type", where)
    if not kind or kind.upper() not in TYPES:
        raise DataError(
            f"{where}: bad type {kind!r} for {name!r}: use one of {', '.join(sorted(TYPES))}"
        )
    aliases = _names(raw.get("aliases"), "aliases", where)
    ambiguous = _names(raw.get("ambiguous"), "ambiguous", where)
    known = {normalize(value) for value in (name, *aliases)} if ambiguous else set()
    stray = [value for value in ambiguous if normalize(value) not in known]
    if stray:
        raise DataError(
            f"{where}: ambiguous name(s) {stray} are not the name or an alias of {name!r}"
        )
    international = raw.get("international", False)
    if not isinstance(international, bool):
        raise DataError(f"{where}: international must be true or false, not {international!r}")
    country = _text(raw.get("country"), "country", where)
    if country:
        country = country.upper()
        if country not in COUNTRIES:
            raise DataError(
                f"{where}: bad country {raw.get('country')!r} for {name!r}: use an ISO 3166-1 "
                "alpha-3 code such as FRA, or leave it empty (with international true for a body "
                "of no single country)"
            )
        if international:
            raise DataError(f"{where}: {name!r} has a country and international true: choose one")
    role = Role(
        _text(raw.get("role"), "role", where),
        _code(raw.get("code"), name, where),
        _date(raw.get("valid_from"), "valid_from", where),
        _date(raw.get("valid_to"), "valid_to", where),
    )
    _check_span(role, where)
    kb_id = _text(raw.get("kb_id"), "kb_id", where) or ""  # user records may leave it out
    if any(char.isspace() for char in kb_id):
        raise DataError(f"{where}: kb_id {kb_id!r} must not contain spaces")
    return Actor(
        kb_id=kb_id, name=name, type=kind.upper(), aliases=aliases, country=country or None,
        international=international, code=role.code, role=role.role,
        valid_from=role.valid_from, valid_to=role.valid_to, ambiguous=ambiguous,
        other_roles=_other_roles(raw.get("other_roles"), name, where),
    )  # fmt: skip


def _text(value: Any, what: str, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DataError(f"{where}: {what} must be a string, not {value!r}")
    return value.strip() or None


def _names(value: Any, what: str, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(item, str) and item.strip() for item in value
    ):
        raise DataError(f"{where}: {what} must be a list of non-empty strings, not {value!r}")
    return tuple(dict.fromkeys(item.strip() for item in value))


def _code(value: Any, name: str, where: str) -> str | None:
    code = _text(value, "code", where)
    if code is None:
        return None
    if code.upper() in CODES:
        return code.upper()
    hint = ""
    if len(code) == 6 and code[:3].upper() in COUNTRIES and code[3:].upper() in CODES:
        hint = f" (put {code[:3].upper()} in country and {code[3:].upper()} in code)"
    raise DataError(f"{where}: bad code {code!r} for {name!r}{hint}: use one of {', '.join(CODES)}")


def _date(value: Any, what: str, where: str) -> str | None:
    text = _text(value, what, where)
    if text is None:
        return None
    if _DATE.match(text) is None or _bound(text, end=False) is None:
        raise DataError(f"{where}: bad {what} {text!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return text


def _bound(value: str | None, *, end: bool) -> dt.date | None:
    """The first (or last, with `end`) day a partial ISO date covers."""
    match = _DATE.match(value) if value else None
    if match is None:
        return None
    year, month, day = match.groups()
    try:
        if day:
            return dt.date(int(year), int(month), int(day))
        if month:
            first = dt.date(int(year), int(month), 1)
            if not end:
                return first
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(int(year), 12, 31) if end else dt.date(int(year), 1, 1)
    except ValueError:
        return None


def _check_span(role: Role, where: str) -> None:
    start = _bound(role.valid_from, end=False)
    stop = _bound(role.valid_to, end=True)
    if start and stop and stop < start:
        raise DataError(f"{where}: valid_to {role.valid_to} is before valid_from {role.valid_from}")


def _other_roles(value: Any, name: str, where: str) -> tuple[Role, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DataError(f"{where}: other_roles must be a list of objects, not {value!r}")
    roles = []
    for item in value:
        unknown = sorted(set(item) - set(ROLE_FIELDS))
        if unknown:
            raise DataError(
                f"{where}: unknown field(s) {unknown} in other_roles; fields are {ROLE_FIELDS}"
            )
        role = Role(
            _text(item.get("role"), "role", where),
            _code(item.get("code"), name, where),
            _date(item.get("valid_from"), "valid_from", where),
            _date(item.get("valid_to"), "valid_to", where),
        )
        _check_span(role, where)
        roles.append(role)
    return tuple(roles)


# -- the cached instance --


def user_files() -> tuple[str, ...]:
    """The dictionaries named by the TELEX_ACTORS environment variable (os.pathsep-separated)."""
    return tuple(part for part in os.environ.get(ENV_VAR, "").split(os.pathsep) if part.strip())


def knowledge_base(extra: tuple[str, ...] = ()) -> KnowledgeBase:
    """The shipped actors extended by the TELEX_ACTORS files, then `extra`; built once per set."""
    return _cached(user_files() + tuple(str(path) for path in extra))


@cache
def _cached(paths: tuple[str, ...]) -> KnowledgeBase:
    return KnowledgeBase.load(*paths)

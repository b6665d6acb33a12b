"""Tests for telex.countries and its data: tables complete and consistent, lookups right."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest

from telex.countries import Country, CountryIndex, countries, normalize
from telex.errors import DataError
from telex.lang import read_table

ROOT = Path(__file__).resolve().parent.parent
FORMS = ("masc_sg", "fem_sg", "masc_pl", "fem_pl")
STATUSES = {"member", "observer", "partially-recognised", "associated", "territory"}
KINDS = {
    "continent", "region", "bloc", "cultural", "people", "historical", "sea", "disputed",
    "subnational", "city",
}


@pytest.fixture(scope="module")
def index() -> CountryIndex:
    return countries()


@pytest.fixture(scope="module")
def french_rows() -> tuple[dict[str, str], ...]:
    return read_table("fr", "countries.tsv")


@pytest.fixture(scope="module")
def build_tool() -> ModuleType:
    pytest.importorskip("babel", reason="babel is needed to rebuild the country tables")
    pytest.importorskip("pycountry", reason="pycountry is needed to rebuild the country tables")
    path = ROOT / "tools" / "build_countries.py"
    spec = importlib.util.spec_from_file_location("build_countries", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _split(cell: str) -> list[str]:
    return [item for item in cell.split("|") if item]


# -- the tables ----------------------------------------------------------------------------------


def test_every_country_has_codes_and_a_status(index: CountryIndex) -> None:
    assert len(index) == 250  # ISO 3166-1 and Kosovo
    for country in index:
        assert re.fullmatch(r"[A-Z]{3}", country.iso3)
        assert re.fullmatch(r"[A-Z]{2}", country.iso2)
        assert country.name
        assert country.name_en
        assert country.status in STATUSES
        assert country.sovereign is None or index.get(country.sovereign).status == "member"
    members = [country for country in index if country.status == "member"]
    assert len(members) == 193
    assert {c.iso3 for c in index if c.status == "observer"} == {"PSE", "VAT"}


def test_every_row_has_the_four_demonym_forms_or_says_why(french_rows) -> None:
    for row in french_rows:
        forms = [row[column] for column in FORMS]
        if any(forms):
            assert all(forms), f"{row['iso3']}: give all four forms"
            assert not any(" " in form for form in forms), row["iso3"]
        else:
            assert row["note"], f"{row['iso3']}: no demonym, and the note does not say why"


def test_every_un_member_has_a_demonym_and_a_capital_or_a_reason(index, french_rows) -> None:
    notes = {row["iso3"]: row["note"] for row in french_rows}
    for country in index:
        if country.status != "member":
            continue
        assert len(country.demonym_forms) == 4, country.iso3
        assert country.capitals or "capital" in notes[country.iso3], country.iso3


def test_curation_columns_name_keys_of_their_own_row(index, french_rows) -> None:
    data = {row["iso3"]: row for row in french_rows}
    for country in index:
        row = data[country.iso3]
        own = {normalize(s) for s in (*country.names, *country.capitals, *country.demonyms)}
        for item in _split(row["case_sensitive"]):
            assert normalize(item) in own, f"{country.iso3}: case_sensitive {item!r} is not a key"
        for item in _split(row["preferred"]):
            assert normalize(item) in own, f"{country.iso3}: preferred {item!r} is not a key"
        for item in _split(row["excluded"]):
            assert normalize(item) not in own, f"{country.iso3}: excluded {item!r} is still a key"


def test_preferred_keys_are_really_shared(index, french_rows) -> None:
    """A `preferred` entry must settle a real conflict, not sit there unexplained."""
    claims: dict[str, set[str]] = {}
    for row in french_rows:
        for column in ("name", "names", *FORMS, "demonym_variants", "capitals", "cldr"):
            for item in _split(row[column]):
                claims.setdefault(normalize(item), set()).add(row["iso3"])
    for row in french_rows:
        for item in _split(row["preferred"]):
            assert len(claims[normalize(item)]) > 1, f"{row['iso3']}: {item!r} is not shared"


def test_a_key_shared_by_two_countries_must_be_declared() -> None:
    def rows(iso3: str, preferred: str = "") -> tuple[dict[str, str], dict[str, str]]:
        data = {"iso3": iso3, "iso2": iso3[:2], "numeric": "", "name_en": iso3, "names_en": "",
                "status": "member", "sovereign": "", "aliases_en": ""}
        language = dict.fromkeys(
            ("names", *FORMS, "demonym_variants", "capitals", "case_sensitive", "excluded",
             "note", "cldr"), "")
        language.update(iso3=iso3, name="Atlantide", preferred=preferred)
        return data, language

    (a_data, a_lang), (b_data, b_lang) = rows("AAA"), rows("BBB")
    with pytest.raises(DataError, match="Atlantide"):
        CountryIndex([a_data, b_data], [a_lang, b_lang], [], [])
    (a_data, a_lang) = rows("AAA", preferred="Atlantide")
    index = CountryIndex([a_data, b_data], [a_lang, b_lang], [], [])
    assert index.by_name("atlantide").iso3 == "AAA"
    assert "Atlantide" not in index.get("BBB").names


def test_every_string_of_a_country_resolves_to_it(index: CountryIndex) -> None:
    for country in index:
        for name in country.names:
            assert index.by_name(name) is country, (name, country.iso3)
        for capital in country.capitals:
            assert index.by_capital(capital) is country, (capital, country.iso3)
        for demonym in country.demonyms:
            assert index.by_demonym(demonym) is country, (demonym, country.iso3)


def test_regions_are_consistent_with_countries(index: CountryIndex) -> None:
    for region in index.regions():
        assert region.kind in KINDS, region.name
        if region.kind == "subnational":
            assert region.country is not None, region.name
        if region.kind == "disputed":
            assert region.country is None, region.name
        if region.country is not None:
            assert index.get(region.country) is not None, region.name
        for name in region.names:
            # A region name that is also a country name or capital must agree on the country.
            country = index.by_name(name) or index.by_capital(name)
            assert country is None or country.iso3 == region.country, name
            assert index.region(name) is region, name
        for adjective in region.adjectives:
            country = index.by_demonym(adjective)
            assert country is None or country.iso3 == region.country, adjective
            assert index.region(adjective) is region, adjective


def test_committed_tables_equal_a_fresh_build(build_tool: ModuleType) -> None:
    for path, text in build_tool.build().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is stale: run python tools/build_countries.py"
        )


@pytest.mark.parametrize(
    ("name", "forms"),
    [
        ("Korea, Republic of", ["Republic of Korea"]),
        ("Virgin Islands, British", ["British Virgin Islands"]),
        ("Taiwan, Province of China", ["Taiwan"]),
        ("Myanmar (Burma)", ["Myanmar", "Burma"]),
        ("Saint Martin (French part)", ["Saint Martin (French part)"]),
        ("St. Lucia", ["St. Lucia", "Saint Lucia"]),
        ("Congo - Kinshasa", ["Congo-Kinshasa"]),
        ("R.A.S. chinoise de Hong Kong", ["Hong Kong"]),
        ("the State of Palestine", ["State of Palestine"]),
    ],
)
def test_build_cleans_names(build_tool: ModuleType, name: str, forms: list[str]) -> None:
    assert build_tool.clean_forms(name) == forms


# -- normalisation and access --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("États-Unis", "etats unis"),
        ("ETATS UNIS", "etats unis"),
        ("Côte d’Ivoire", "cote d'ivoire"),
        ("Côte d' Ivoire", "cote d'ivoire"),
        ("U.S.A.", "usa"),
        ("  Nord–Coréens ", "nord coreens"),
        ("Tórshavn", "torshavn"),
        ("«Libye»", "libye"),
    ],
)
def test_normalize(text: str, key: str) -> None:
    assert normalize(text) == key


def test_countries_is_built_once_and_gives_codes_both_ways(index: CountryIndex) -> None:
    assert countries() is index
    libya = index.get("LBY")
    assert isinstance(libya, Country)
    assert index.get("lby") is libya
    assert index.get("LY") is libya
    assert libya.name == "Libye"
    assert libya.demonym_forms == ("libyen", "libyenne", "libyens", "libyennes")
    assert "Tripoli" in libya.capitals
    assert index.get("XXX") is None
    assert index.get("GLP").sovereign == "FRA"


def test_a_shared_key_is_left_out_of_the_losing_country(index: CountryIndex) -> None:
    brazzaville = index.get("COG")
    assert "Congo" not in brazzaville.names
    assert brazzaville.demonyms == ()
    assert brazzaville.demonym_forms[0] == "congolais"
    assert "Congo" in index.get("COD").names


# -- lookups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("France", "FRA"), ("la France", "FRA"), ("l'Algérie", "DZA"), ("l’Algérie", "DZA"),
        ("les Etats-Unis", "USA"), ("États-Unis", "USA"), ("ETATS UNIS", "USA"),
        ("aux États-Unis", "USA"), ("USA", "USA"), ("U.S.A.", "USA"), ("Amérique", "USA"),
        ("United States", "USA"), ("du Mali", "MLI"), ("en Libye", "LBY"),
        ("Royaume-Uni", "GBR"), ("Royaume Uni", "GBR"), ("Grande-Bretagne", "GBR"), ("UK", "GBR"),
        ("Russie", "RUS"), ("Fédération de Russie", "RUS"), ("Russia", "RUS"),
        ("RDC", "COD"), ("République démocratique du Congo", "COD"), ("Congo", "COD"),
        ("Congo-Brazzaville", "COG"), ("République du Congo", "COG"),
        ("Côte d'Ivoire", "CIV"), ("Cote d’Ivoire", "CIV"), ("de la Côte d'Ivoire", "CIV"),
        ("Ivory Coast", "CIV"), ("Pays-Bas", "NLD"), ("the Netherlands", "NLD"),
        ("Birmanie", "MMR"), ("Myanmar", "MMR"), ("Corée du Nord", "PRK"), ("Corée", "KOR"),
        ("Tchéquie", "CZE"), ("République tchèque", "CZE"), ("Czech Republic", "CZE"),
        ("RFA", "DEU"), ("Germany", "DEU"), ("Macédoine du Nord", "MKD"), ("Swaziland", "SWZ"),
        ("Palestine", "PSE"), ("Territoires palestiniens", "PSE"), ("Kosovo", "XKX"),
        ("Taïwan", "TWN"), ("Hong Kong", "HKG"), ("Saint-Siège", "VAT"),
        ("La Réunion", "REU"), ("à la Réunion", "REU"), ("île de la Réunion", "REU"),
        ("la Dominique", "DMA"), ("Grenade", "GRD"), ("Équateur", "ECU"), ("Guinée", "GIN"),
        ("Guinée équatoriale", "GNQ"), ("Guinée-Bissau", "GNB"), ("Niger", "NER"),
        ("Nigeria", "NGA"), ("Guyane", "GUF"), ("Guyana", "GUY"), ("Géorgie", "GEO"),
        ("Georgia", "GEO"), ("Jordan", "JOR"), ("Chad", "TCD"), ("l'Hexagone", "FRA"),
        ("hexagone", "FRA"), ("Malte", "MLT"), ("LIBYE", "LBY"),
        ("Burkina", "BFA"), ("EAU", "ARE"), ("les EAU", "ARE"), ("Émirats arabes unis", "ARE"),
        ("Türkiye", "TUR"), ("Turkey", "TUR"), ("Turquie", "TUR"),
    ],
)
def test_by_name(index: CountryIndex, text: str, iso3: str) -> None:
    country = index.by_name(text)
    assert country is not None
    assert country.iso3 == iso3


@pytest.mark.parametrize(
    "text",
    [
        "réunion", "la réunion", "Réunion",  # a meeting
        "grenade", "équateur", "chili", "malte", "l'eau", "us",  # common words
        "Dominique", "Hollande", "Salomon", "Papouasie",  # names of people or of several places
        "Bretagne", "Europe", "Atlantide", "",
    ],
)
def test_by_name_refuses(index: CountryIndex, text: str) -> None:
    assert index.by_name(text) is None


@pytest.mark.parametrize(
    ("word", "iso3"),
    [
        ("libyen", "LBY"), ("libyenne", "LBY"), ("libyens", "LBY"), ("libyennes", "LBY"),
        ("Libyens", "LBY"), ("turc", "TUR"), ("turque", "TUR"), ("turcs", "TUR"),
        ("turques", "TUR"), ("Turcs", "TUR"), ("américain", "USA"), ("Américaines", "USA"),
        ("ÉTASUNIEN", "USA"), ("français", "FRA"), ("Français", "FRA"), ("française", "FRA"),
        ("nord-coréen", "PRK"), ("Nord-Coréens", "PRK"), ("nord coréenne", "PRK"),
        ("sud-coréen", "KOR"), ("sud-africain", "ZAF"), ("Sud-Africaines", "ZAF"),
        ("britannique", "GBR"), ("Anglais", "GBR"), ("néerlandais", "NLD"), ("hollandaise", "NLD"),
        ("burkinabè", "BFA"), ("burkinabés", "BFA"), ("ivoirien", "CIV"), ("congolais", "COD"),
        ("congolaise", "COD"), ("nigérien", "NER"), ("nigérian", "NGA"), ("guyanais", "GUF"),
        ("guyanien", "GUY"), ("suisse", "CHE"), ("helvétique", "CHE"), ("émiratie", "ARE"),
        ("saoudien", "SAU"), ("sahraoui", "ESH"), ("kosovar", "XKX"), ("palestinien", "PSE"),
        ("israélien", "ISR"), ("azéri", "AZE"), ("grecque", "GRC"), ("belges", "BEL"),
        ("malgache", "MDG"), ("kényane", "KEN"), ("centrafricain", "CAF"), ("chinoise", "CHN"),
    ],
)
def test_by_demonym(index: CountryIndex, word: str, iso3: str) -> None:
    country = index.by_demonym(word)
    assert country is not None
    assert country.iso3 == iso3


@pytest.mark.parametrize(
    "word",
    ["européen", "africain", "arabe", "kurde", "occidental", "québécois", "malaise", "Libye"],
)
def test_by_demonym_refuses(index: CountryIndex, word: str) -> None:
    assert index.by_demonym(word) is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Paris", "FRA"), ("Pékin", "CHN"), ("Beijing", "CHN"), ("Moscou", "RUS"),
        ("Moscow", "RUS"), ("Washington", "USA"), ("Londres", "GBR"), ("London", "GBR"),
        ("Bruxelles", "BEL"), ("Tripoli", "LBY"), ("Ankara", "TUR"), ("Alger", "DZA"),
        ("Téhéran", "IRN"), ("Teheran", "IRN"), ("Tehran", "IRN"), ("Kiev", "UKR"),
        ("Kyiv", "UKR"), ("Le Caire", "EGY"), ("au Caire", "EGY"), ("Cairo", "EGY"),
        ("La Havane", "CUB"), ("à La Havane", "CUB"), ("Damas", "SYR"), ("Berne", "CHE"),
        ("Kinshasa", "COD"), ("Brazzaville", "COG"), ("Ouagadougou", "BFA"), ("Ottawa", "CAN"),
        ("Mexico", "MEX"), ("N'Djamena", "TCD"), ("Ndjamena", "TCD"), ("Le Cap", "ZAF"),
        ("Malé", "MDV"), ("Jérusalem", "ISR"), ("Ramallah", "PSE"), ("Abidjan", "CIV"),
        ("PARIS", "FRA"), ("Rabat", "MAR"),
    ],
)
def test_by_capital(index: CountryIndex, text: str, iso3: str) -> None:
    country = index.by_capital(text)
    assert country is not None
    assert country.iso3 == iso3


@pytest.mark.parametrize(
    "text", ["le cap", "mâle", "sucre", "vienne", "Victoria", "La Haye", "paris", "roseau"]
)
def test_by_capital_refuses(index: CountryIndex, text: str) -> None:
    assert index.by_capital(text) is None


@pytest.mark.parametrize(
    ("text", "iso3"),
    [("Libye", "LBY"), ("Paris", "FRA"), ("libyenne", "LBY"), ("Mexico", "MEX"), ("RDC", "COD")],
)
def test_lookup_tries_name_capital_demonym(index: CountryIndex, text: str, iso3: str) -> None:
    country = index.lookup(text)
    assert country is not None
    assert country.iso3 == iso3


@pytest.mark.parametrize(
    "text",
    [
        "européen", "européennes", "Europe", "Afrique", "africain", "occidental", "Occidentaux",
        "Occident", "arabe", "Arabes", "kurde", "Kurdes", "Maghreb", "maghrébin", "Sahel",
        "Moyen-Orient", "Proche-Orient", "Balkans", "Asie centrale", "Amérique latine",
        "latino-américain", "zone euro", "soviétique", "URSS", "l'Europe", "au Sahel",
    ],
)
def test_supranational_words_give_no_country(index: CountryIndex, text: str) -> None:
    assert index.is_supranational(text)
    assert index.lookup(text) is None
    assert index.country_of(text) is None


@pytest.mark.parametrize("text", ["Crimée", "Corse", "Turquie", "turc", "Paris", "xyzzy", ""])
def test_not_supranational(index: CountryIndex, text: str) -> None:
    assert not index.is_supranational(text)


def test_known_without_country_differs_from_unknown(index: CountryIndex) -> None:
    crimea = index.region("Crimée")
    assert crimea is not None
    assert crimea.kind == "disputed"
    assert crimea.country is None
    assert index.region("xyzzy") is None
    europe = index.region("européenne")
    assert europe is not None
    assert (europe.name, europe.kind) == ("Europe", "continent")


@pytest.mark.parametrize(
    ("text", "iso3"),
    [
        ("Corse", "FRA"), ("Bretagne", "FRA"), ("Île-de-France", "FRA"), ("Wallonie", "BEL"),
        ("Flandre", "BEL"), ("flamand", "BEL"), ("Québec", "CAN"), ("québécois", "CAN"),
        ("Catalogne", "ESP"), ("catalan", "ESP"), ("Bavière", "DEU"), ("Cisjordanie", "PSE"),
        ("bande de Gaza", "PSE"), ("Gaza", "PSE"), ("Donbass", "UKR"), ("canton de Vaud", "CHE"),
        ("Vaud", "CHE"), ("valaisan", "CHE"), ("Écosse", "GBR"), ("Tibet", "CHN"),
        ("Texas", "USA"), ("Paris", "FRA"), ("libyens", "LBY"), ("en Corse", "FRA"),
        ("Kurdistan", None), ("Crimée", None), ("Pays basque", None), ("Jura", None),
        ("canton du Jura", "CHE"), ("Champagne", "FRA"), ("champagne", None),
        ("parisienne", "FRA"), ("liégeois", "BEL"), ("Lausannois", "CHE"), ("montréalais", "CAN"),
        ("Valenciennes", "FRA"), ("hexagonale", "FRA"), ("tigre", None), ("Tigré", "ETH"),
    ],
)
def test_country_of(index: CountryIndex, text: str, iso3: str | None) -> None:
    assert index.country_of(text) == iso3

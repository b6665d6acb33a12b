"""The actor knowledge base: lookups, shipped records, user dictionaries and `telex kb lookup`."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from telex import kb as kb_module
from telex.cli import app
from telex.errors import DataError
from telex.kb import CODES, COUNTRIES, TYPES, KnowledgeBase, Role, knowledge_base, normalize

DATA = Path(__file__).resolve().parent / "data"
USER_CSV = DATA / "kb_user.csv"
USER_JSONL = DATA / "kb_user.jsonl"

# One-word aliases of people and aliases that are the end of their full name (surnames alone):
# allowed only where news use is unambiguous, decided one by one (src/telex/data/README.md).
SURNAME_ALIASES = {
    "AMLO", "ATT", "Bardella", "Ben Ali", "Ben Laden", "Biden", "Biya", "Blinken",
    "Boni Yayi", "Bouteflika", "Castaner", "Chirac", "Darmanin", "de Gaulle", "Diomaye Faye",
    "Draghi", "DSK", "Erdogan", "Giscard", "Giscard d'Estaing", "Guterres", "Hemedti", "Hemetti",
    "IBK", "Javad Zarif", "Jokowi", "Juncker", "Kagame", "Khamenei", "Lavrov", "Le Drian",
    "Loukachenko", "Lukashenko", "Lula", "Lula da Silva", "Macron", "MAM", "MBS", "MBZ", "Meloni",
    "Merkel", "Merz", "Modi", "Musk", "Mélenchon", "Navalny", "NDA", "Netanyahou", "Netanyahu",
    "Obama", "Orbán", "Poutine", "PSPP", "Putin", "Sarkozy", "Scholz", "Starmer", "Stoltenberg",
    "Sunak", "Tayyip Erdogan", "Tebboune", "Trump", "Tusk", "VGE", "von der Leyen", "Zelenski",
    "Zelenskiy", "Zelensky", "Zelenskyy", "Zemmour", "Zuckerberg",
}  # fmt: skip

# Records whose country is unknown on purpose: the name alone does not say which country.
COUNTRY_UNKNOWN = {"telex:fds-sahel"}


@pytest.fixture(scope="module")
def base() -> KnowledgeBase:
    return KnowledgeBase.load()


@pytest.fixture(scope="module")
def shipped() -> list[dict[str, Any]]:
    text = resources.files("telex").joinpath("data", "actors.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def kb_id(base: KnowledgeBase, name: str) -> str | None:
    actor = base.lookup(name)
    return actor.kb_id if actor else None


# -- lookups --


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ONU", "telex:onu"),
        ("onu", "telex:onu"),
        ("l'ONU", "telex:onu"),
        ("l’ONU", "telex:onu"),
        ("O.N.U.", "telex:onu"),
        ("les Nations unies", "telex:onu"),
        ("la CGT", "telex:cgt"),
        ("C.G.T.", "telex:cgt"),
        ("Élysée", "telex:elysee"),
        ("l'Elysee", "telex:elysee"),
        ("ELYSÉE", "telex:elysee"),
        ("Quai d’Orsay", "telex:quai-d-orsay"),
        ("le Hamas", "telex:hamas"),
        ("les talibans", "telex:talibans"),
        ("Daech", "telex:etat-islamique"),
        ("Etat islamique", "telex:etat-islamique"),
        ("Génération·s", "telex:generation-s"),
        ("Générations", "telex:generation-s"),
        ("Le Monde", "telex:le-monde"),
        ("Jean Yves Le Drian", "telex:jean-yves-le-drian"),
        ("Recep Tayyip Erdoğan", "telex:recep-tayyip-erdogan"),
        ("Erdogan", "telex:recep-tayyip-erdogan"),
        ("Zelenskyy", "telex:volodymyr-zelensky"),
        ("Vladimir Putin", "telex:vladimir-poutine"),
        ("Muammar Gaddafi", "telex:mouammar-kadhafi"),
        ("Wagner", "telex:wagner"),
        ("PS", "telex:ps"),
        ("Assemblée nationale", "telex:assemblee-nationale"),
        ("Brexit", "telex:brexit"),
        ("NRA", "telex:nra"),
    ],
)
def test_lookup_forgives_case_accents_articles_and_dots(
    base: KnowledgeBase, name: str, expected: str
):
    assert kb_id(base, name) == expected


@pytest.mark.parametrize(
    "name",
    [
        "",
        "Jean Dupont",
        "le président turc",  # a role description, not a name: the entity component's job
        "Hollande",  # a surname that is also a country's name
        "Le Pen",  # shared by several politicians
        "Kadhafi",  # father and son
        "Presse",  # articles are never guessed back (La Presse)
    ],
)
def test_unknown_names_and_surnames_alone_are_not_found(base: KnowledgeBase, name: str):
    assert base.lookup(name) is None


def test_article_is_only_dropped_from_the_query_when_the_full_name_is_unknown(base: KnowledgeBase):
    assert kb_id(base, "La Croix") == "telex:la-croix"
    assert base.lookup("Croix") is None


@pytest.mark.parametrize(
    ("name", "holders"),
    [
        ("George Bush", {"telex:george-h-w-bush", "telex:george-w-bush"}),
        ("FDS", {"telex:fds-syrie", "telex:fds-sahel"}),
        ("X", {"telex:twitter", "telex:polytechnique"}),
        ("Les Verts", {"telex:eelv", "telex:verts-allemands", "telex:verts-suisses"}),
    ],
)
def test_ambiguous_everywhere_gives_no_default_but_all_candidates(
    base: KnowledgeBase, name: str, holders: set[str]
):
    assert base.lookup(name) is None
    assert {actor.kb_id for actor in base.lookup_all(name)} == holders
    assert name in base


def test_shared_name_has_one_default_reading_listed_first(base: KnowledgeBase):
    found = [actor.kb_id for actor in base.lookup_all("Parti socialiste")]
    assert found[0] == "telex:ps"
    assert "telex:ps-belgique" in found
    assert kb_id(base, "Chambre des communes") == "telex:chambre-des-communes"
    assert kb_id(base, "Chambre des représentants") is None


def test_countries_codes_and_international_bodies(base: KnowledgeBase):
    onu = base.lookup("ONU")
    assert onu is not None
    assert (onu.country, onu.international, onu.code, onu.actor_code) == (None, True, "IGO", "IGO")
    sahel = base.get("telex:fds-sahel")
    assert sahel is not None
    assert (sahel.country, sahel.international) == (None, False)
    wagner = base.lookup("groupe Wagner")
    assert wagner is not None
    assert (wagner.type, wagner.actor_code) == ("ORG", "RUSMIL")
    erdogan = base.lookup("Recep Tayyip Erdogan")
    assert erdogan is not None
    assert (erdogan.type, erdogan.country, erdogan.actor_code) == ("PER", "TUR", "TURGOV")
    michel = base.lookup("Charles Michel")
    assert michel is not None
    assert (michel.country, michel.actor_code) == ("BEL", "IGO")
    brexit = base.lookup("brexit")
    assert brexit is not None
    assert (brexit.type, brexit.code) == ("MISC", None)


def test_role_on_a_date(base: KnowledgeBase):
    macron = base.lookup("Emmanuel Macron")
    assert macron is not None
    assert macron.role == "président de la République"
    on_seed_day = macron.role_on(dt.date(2021, 6, 19))
    assert on_seed_day is not None
    assert on_seed_day.role == "président de la République"
    earlier = macron.role_on(dt.date(2015, 1, 1))
    assert earlier is not None
    assert earlier.role == "ministre de l'Économie"
    assert macron.role_on(dt.date(2010, 1, 1)) is None
    tusk = base.lookup("Donald Tusk")
    assert tusk is not None
    president = tusk.role_on(dt.date(2017, 3, 1))
    assert president is not None
    assert tusk.code_for(president.code) == "IGO"


@pytest.mark.parametrize(
    ("valid_from", "valid_to", "day", "holds"),
    [
        ("2025-10", None, dt.date(2025, 10, 1), True),
        ("2025-10", None, dt.date(2025, 9, 30), False),
        (None, "2024", dt.date(2024, 12, 31), True),
        (None, "2024", dt.date(2025, 1, 1), False),
        ("2020-02", "2020-02", dt.date(2020, 2, 29), True),
        ("2017-05-14", "2017-05-14", dt.date(2017, 5, 15), False),
        (None, None, dt.date(1900, 1, 1), True),
    ],
)
def test_partial_dates_cover_whole_months_and_years(
    valid_from: str | None, valid_to: str | None, day: dt.date, holds: bool
):
    assert Role("r", "GOV", valid_from, valid_to).holds_on(day) is holds


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("L’Élysée", "l elysee"),
        ("O.N.U.", "onu"),
        ("Jean-Yves  Le Drian", "jean yves le drian"),
        ("Génération·s", "generations"),
        ("Œuvre d’Orient", "oeuvre d orient"),
        ("AT&T", "at&t"),
        ("Opep+", "opep+"),
    ],
)
def test_normalize(text: str, key: str):
    assert normalize(text) == key


# -- the shipped records --


def test_shipped_records_are_valid(shipped: list[dict[str, Any]]):
    ids = [record["kb_id"] for record in shipped]
    assert len(ids) == len(set(ids))
    for record in shipped:
        where = record["kb_id"]
        assert where.startswith("telex:"), where
        assert record["type"] in TYPES, where
        assert record["code"] is None or record["code"] in CODES, where
        for other in record.get("other_roles", []):
            assert other["code"] is None or other["code"] in CODES, where
        if record["international"]:
            assert record["country"] is None, where
        elif record["country"] is None:
            assert where in COUNTRY_UNKNOWN, f"{where}: give a country or international: true"
        else:
            assert record["country"] in COUNTRIES, where
        if record["type"] in ("ORG", "PER"):
            assert record["code"] is not None or record["type"] == "PER", where
        keys = [normalize(name) for name in [record["name"], *record["aliases"]]]
        assert len(keys) == len(set(keys)), f"{where}: an alias repeats a name or another alias"


def test_people_have_a_country_and_surname_aliases_are_decided_one_by_one(base: KnowledgeBase):
    for actor in base:
        if actor.type != "PER":
            continue
        assert actor.country, actor.kb_id
        full = normalize(actor.name).split()
        for alias in actor.aliases:
            words = normalize(alias).split()
            if len(words) == 1 or (len(words) < len(full) and full[-len(words) :] == words):
                assert alias in SURNAME_ALIASES, f"{actor.kb_id}: surname alias {alias!r}"


def test_a_name_shared_by_several_records_is_listed_as_ambiguous(base: KnowledgeBase):
    holders: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for actor in base:
        marked = {normalize(name) for name in actor.ambiguous}
        for key in {normalize(name) for name in actor.names}:
            holders[key].append((actor.kb_id, key in marked))
    for key, found in holders.items():
        defaults = [kb_id for kb_id, marked in found if not marked]
        assert len(defaults) <= 1, f"{key!r} is the default reading of {defaults}"


def test_shipped_knowledge_covers_the_main_kinds(base: KnowledgeBase):
    counts: dict[str, int] = defaultdict(int)
    for actor in base:
        counts[actor.type] += 1
        counts[actor.code or "-"] += 1
    assert counts["ORG"] >= 500
    assert counts["PER"] >= 400
    for code in CODES:
        assert counts[code] >= 5, code
    assert len(base) == sum(counts[kind] for kind in TYPES)


# -- user dictionaries --


@pytest.fixture
def extended() -> KnowledgeBase:
    base = KnowledgeBase.load()
    base.extend(USER_CSV)
    base.extend(USER_JSONL)
    return base


def test_user_dictionaries_add_actors(base: KnowledgeBase, extended: KnowledgeBase):
    assert len(extended) == len(base) + 4
    mayor = extended.lookup("Jeanne Testard")
    assert mayor is not None
    assert mayor.kb_id == "user:jeanne-testard"
    assert (mayor.type, mayor.country, mayor.role, mayor.valid_from) == (
        "PER", "FRA", "maire de Villetest", "2020-07-03",
    )  # fmt: skip
    body = extended.lookup("OIT-test")
    assert body is not None
    assert (body.country, body.international, body.actor_code) == (None, True, "IGO")


def test_user_records_override_shipped_ones_by_name_and_by_kb_id(extended: KnowledgeBase):
    wagner = extended.lookup("Wagner")  # same name as the shipped record, no kb_id
    assert wagner is not None
    assert (wagner.kb_id, wagner.code, wagner.aliases) == (
        "telex:wagner",
        "REB",
        ("Wagner", "PMC Wagner"),
    )
    assert extended.lookup("mercenaires de Wagner") is None  # the whole record was replaced
    movement = extended.lookup("gilets jaunes")  # same kb_id
    assert movement is not None
    assert (movement.kb_id, movement.country) == ("telex:gilets-jaunes", "BEL")


def test_user_names_take_precedence_unless_marked_ambiguous(extended: KnowledgeBase):
    amf = extended.lookup_all("AMF")
    assert [actor.kb_id for actor in amf] == ["user:association-des-maires-de-france", "telex:amf"]
    assert kb_id(extended, "PS") == "telex:ps"
    assert "user:parti-x" in {actor.kb_id for actor in extended.lookup_all("Parti socialiste")}


def test_extending_a_copy_leaves_the_cached_base_alone():
    copy = KnowledgeBase.load()
    copy.extend(USER_CSV)
    assert kb_id(knowledge_base(), "AMF") == "telex:amf"


def test_knowledge_base_is_cached_and_reads_telex_actors(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(kb_module.ENV_VAR, raising=False)
    assert knowledge_base() is knowledge_base()
    with_csv = knowledge_base((str(USER_CSV),))
    assert with_csv is knowledge_base((str(USER_CSV),))
    assert with_csv is not knowledge_base()
    monkeypatch.setenv(kb_module.ENV_VAR, f"{USER_CSV}{kb_module.os.pathsep}{USER_JSONL}")
    from_env = knowledge_base()
    assert kb_id(from_env, "Jeanne Testard") == "user:jeanne-testard"
    assert kb_id(from_env, "OIT-test") == "user:organisation-internationale-de-test"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.csv", "name,type\nONG X,GROUP\n", "a.csv:2: bad type 'GROUP'"),
        ("b.csv", "name,type,country\nONG X,ORG,France\n", "b.csv:2: bad country 'France'"),
        ("c.csv", "name,type\n,ORG\n", "c.csv:2: missing name"),
        ("d.csv", "nom,type\nONG X,ORG\n", "d.csv:1: unknown column(s) 'nom'"),
        ("e.csv", "name,type,code\nONG X,ORG,FRAGOV\n", "put FRA in country and GOV in code"),
        (
            "f.csv",
            "name,type,valid_from\nX Y,PER,21/06/2021\n",
            "f.csv:2: bad valid_from '21/06/2021'",
        ),
        ("g.csv", "name,type\nONG X,ORG,extra\n", "g.csv:2: more values than columns"),
        (
            "h.jsonl",
            '{"name": "ONG X", "type": "ORG"}\n{"name": "ONG Y"\n',
            "h.jsonl:2: not a JSON object",
        ),
        (
            "i.jsonl",
            '{"name": "ONG X", "type": "ORG", "contry": "FRA"}\n',
            "i.jsonl:1: unknown field(s) 'contry'",
        ),
        (
            "j.jsonl",
            '{"name": "ONG X", "type": "ORG", "country": "FRA", "international": true}\n',
            "choose one",
        ),
        (
            "k.jsonl",
            '{"name": "X Y", "type": "PER", "valid_from": "2020", "valid_to": "2019"}\n',
            "before valid_from",
        ),
        (
            "l.jsonl",
            '{"name": "ONG X", "type": "ORG", "ambiguous": ["ONG Z"]}\n',
            "are not the name or an alias",
        ),
        ("m.jsonl", '["ONG X", "ORG"]\n', "m.jsonl:1: each line must be a JSON object"),
        (
            "n.jsonl",
            '{"name": "Parti socialiste", "type": "ORG"}\n',
            "matches several known actors",
        ),
        ("o.txt", "name,type\nONG X,ORG\n", "o.txt: an actor dictionary is .csv or .jsonl"),
    ],
)
def test_malformed_user_files_say_where_and_what(
    tmp_path: Path, name: str, content: str, message: str
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        KnowledgeBase.load(path)
    assert message in str(caught.value)
    assert name in str(caught.value)


def test_missing_user_file_is_a_data_error(tmp_path: Path):
    with pytest.raises(DataError, match="cannot read"):
        KnowledgeBase.load(tmp_path / "absent.csv")


# -- the command line --


runner = CliRunner()


def test_cli_lookup_prints_what_telex_knows():
    result = runner.invoke(app, ["kb", "lookup", "l'ONU"])
    assert result.exit_code == 0, result.output
    assert "telex:onu" in result.output
    assert "none (international)" in result.output
    assert "Nations unies" in result.output
    result = runner.invoke(app, ["kb", "lookup", "Le Drian"])
    assert result.exit_code == 0, result.output
    assert "FRAGOV" in result.output
    assert "ministre des Affaires étrangères, 2017-05-17 to 2022-05-20" in result.output


def test_cli_lookup_of_an_unknown_name_fails():
    result = runner.invoke(app, ["kb", "lookup", "Jean Dupont"])
    assert result.exit_code == 1
    assert "'Jean Dupont' is not known" in result.output


def test_cli_lookup_with_a_user_dictionary_and_json():
    result = runner.invoke(app, ["kb", "lookup", "AMF", "--actors", str(USER_CSV), "--json"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["kb_id"], r["default"]) for r in records] == [
        ("user:association-des-maires-de-france", True),
        ("telex:amf", False),
    ]


def test_cli_lookup_reports_a_bad_user_dictionary(tmp_path: Path):
    bad = tmp_path / "bad.csv"
    bad.write_text("name,type\nONG X,GROUP\n", encoding="utf-8")
    result = runner.invoke(app, ["kb", "lookup", "ONU", "--actors", str(bad)])
    assert result.exit_code == 2
    assert "bad.csv:2: bad type" in result.output

"""The corpus store: idempotent atomic writes, migrations, actors across articles, queries, exports,
and `telex ingest` end to end (including a run killed with SIGKILL and restarted)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from corpus_fixture import fill, mini_corpus
from telex import Analysis, Article
from telex.article import content_id
from telex.cli import app
from telex.export import GDELT_COLUMNS, export, write_csv, write_gdelt, write_jsonl
from telex.query import EventFilter, actor_keys, normalize_name
from telex.schema import Entity, Mention, Quote
from telex.store import SCHEMA_VERSION, Store, StoreError, fts_query

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as opened:
        yield opened


@pytest.fixture(scope="module")
def mini(tmp_path_factory):
    """The mini corpus, filled once for the query tests (read only)."""
    with Store(tmp_path_factory.mktemp("mini") / "corpus.db") as opened:
        fill(opened)
        yield opened


def _person(
    text: str, name: str, *, aliases=(), etype="PER", country=None
) -> tuple[Article, Analysis]:
    """An article whose only entity is `name`, mentioned at the start of `text`."""
    start = text.index(name.split()[-1])
    entity = Entity(
        id="e1",
        name=name,
        type=etype,
        aliases=list(aliases),
        country=country,
        mentions=[Mention(start=start, end=start + len(name.split()[-1]), text=name.split()[-1])],
    )
    return Article(text=text, id=f"src-{abs(hash(text))}"), Analysis(id="x", entities=[entity])


def _actor_of(store: Store, article: Article) -> int:
    stored = store.article(content_id(article.text))
    assert stored is not None
    return stored.actors["e1"]


# -- writing ---------------------------------------------------------------------------------


def test_store_add_twice_adds_once(store):
    article, analysis = mini_corpus()[0]
    assert store.add(article, analysis) is True
    assert store.add(article, analysis) is False
    assert store.stats().articles == 1
    assert store.stats().entities == len(analysis.entities)


def test_store_id_is_a_content_hash_and_the_source_id_is_kept(store):
    article, analysis = mini_corpus()[0]
    store.add(article, analysis)
    stored = store.article("demo-rabat")
    assert stored is not None
    assert stored.id == content_id(article.text) != "demo-rabat"
    assert stored.source_id == "demo-rabat"
    assert store.article(stored.id) == stored
    assert stored.text == article.text
    assert stored.entities == analysis.entities
    assert stored.events == analysis.events


def test_store_write_is_atomic(store):
    """A failure in the middle of an article's write leaves no trace of it."""
    article, analysis = mini_corpus()[0]
    quote = analysis.quotes[0]
    broken = analysis.model_copy(update={"quotes": [quote, quote]})  # same quote id twice
    with pytest.raises(sqlite3.IntegrityError):
        store.add(article, broken)
    stats = store.stats()
    assert (stats.articles, stats.actors, stats.entities, stats.quotes) == (0, 0, 0, 0)
    assert store.add(article, analysis) is True


def test_store_schema_is_versioned(tmp_path):
    path = tmp_path / "c.db"
    with Store(path) as first:
        assert first.schema_version == SCHEMA_VERSION
    with Store(path, create=False) as again:
        assert again.schema_version == SCHEMA_VERSION
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(StoreError, match="newer than this telex"):
        Store(path)


def test_store_refuses_what_is_not_a_corpus(tmp_path):
    with pytest.raises(StoreError, match="no corpus at"):
        Store(tmp_path / "missing.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StoreError, match="not a telex corpus"):
        Store(junk)


# -- actors across articles ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        # Same full name, written differently.
        (("Emmanuel Macron", ()), ("Emmanuel Macron", ()), True),
        (("Jean-Yves Le Drian", ()), ("Jean-Yves LE DRIAN", ()), True),
        # A transliteration variant the entity component listed as an alias.
        (
            ("Najla Al-Mangoush", ("Najla Al-Manqoush", "Mme Al-Mangoush")),
            ("Najla Al-Manqoush", ()),
            True,
        ),
        # Another given name, the same surname: two people.
        (
            ("Marine Le Pen", ("Mme Le Pen", "Le Pen")),
            ("Jean-Marie Le Pen", ("M. Le Pen", "Le Pen")),
            False,
        ),
        # A surname alone never joins a full name.
        (("Emmanuel Macron", ("M. Macron", "Macron")), ("Macron", ()), False),
        (("Marine Le Pen", ("Le Pen",)), ("Le Pen", ()), False),
        # Nor a title plus a surname.
        (("Marine Le Pen", ("Mme Le Pen",)), ("Mme Le Pen", ()), False),
    ],
)
def test_store_people_across_articles(store, first, second, same):
    a = _person(f"Texte un. {first[0]} a parlé.", first[0], aliases=first[1])
    b = _person(f"Texte deux. {second[0]} a parlé.", second[0], aliases=second[1])
    store.add(*a)
    store.add(*b)
    assert (_actor_of(store, a[0]) == _actor_of(store, b[0])) is same


def test_store_actor_keeps_names_counts_country(store):
    a = _person("Un. Marine Le Pen arrive.", "Marine Le Pen", aliases=["Mme Le Pen"])
    b = _person("Deux. Marine Le Pen repart.", "Marine Le Pen", country="FRA")
    store.add(*a)
    store.add(*b)
    profile = store.actor(_actor_of(store, a[0]))
    assert profile is not None
    assert profile.actor.n_articles == 2
    assert profile.actor.country == "FRA"
    assert set(profile.aliases) == {"Marine Le Pen", "Mme Le Pen"}


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        (("ORG", "Organisation des Nations unies", ["ONU"], None), ("ORG", "ONU", [], None), True),
        (
            ("ORG", "ministère des Affaires étrangères", [], "FRA"),
            ("ORG", "ministère des Affaires étrangères", [], "LBY"),
            False,
        ),
        (("PER", "Jean Dupont", [], "FRA"), ("PER", "Jean Dupont", [], "BEL"), False),
        (("PER", "Jean Dupont", [], "FRA"), ("PER", "Jean Dupont", [], None), True),
        (("PER", "Wagner", [], None), ("ORG", "Wagner", [], None), False),
        # A role description in the aliases is not a name to match on.
        (
            ("PER", "Paul Martin", ["le ministre"], None),
            ("PER", "Luc Girard", ["le ministre"], None),
            False,
        ),
    ],
)
def test_store_types_and_countries_keep_actors_apart(store, first, second, same):
    pairs = []
    for n, (etype, name, aliases, country) in enumerate((first, second)):
        pair = _person(
            f"Article {n}. {name} ici.", name, aliases=aliases, etype=etype, country=country
        )
        store.add(*pair)
        pairs.append(pair)
    assert (_actor_of(store, pairs[0][0]) == _actor_of(store, pairs[1][0])) is same


@pytest.mark.parametrize(
    ("name", "aliases", "primary", "full"),
    [
        ("Jean-Yves Le Drian", ["M. Le Drian", "Le Drian"], "jean yves le drian", True),
        ("Macron", ["M. Macron", "Emmanuel Macron"], "emmanuel macron", True),
        ("Macron", ["M. Macron"], "macron", False),
        ("Mme Najla Al-Mangoush", [], "najla al mangoush", True),
        ("Le Pen", ["Mme Le Pen"], "le pen", False),
        ("M. Le Drian", [], "le drian", False),
        ("Al-Mangoush", ["Najla Al-Mangoush"], "najla al mangoush", True),
    ],
)
def test_actor_keys_people(name, aliases, primary, full):
    keys = actor_keys(name, aliases, "PER")
    assert (keys.primary, keys.full) == (primary, full)
    if full:
        # A surname alone or a title plus a surname is never a key of a person with a full name.
        assert all(len(key.split()) >= 2 for key in keys.keys)
        assert not {"le drian", "m le drian", "m macron", "macron"} & keys.keys


def test_normalize_name_folds_case_accents_and_punctuation():
    assert normalize_name("  Jean-Yves  LE DRIAN ") == "jean yves le drian"
    assert normalize_name("Élisabeth Borne") == normalize_name("Elisabeth Borne")


# -- queries ---------------------------------------------------------------------------------


def test_store_events_filters(mini):
    assert len(mini.events()) == 8
    assert {e.type for e in mini.events(EventFilter(type="consult"))} == {"CONSULT"}
    morocco = mini.events(EventFilter(country="MAR"))
    assert [e.day for e in morocco] == ["2023-02-28", "2023-04-29"]
    dumont = mini.find_actors("Claire Dumont")[0].id
    assert len(mini.events(EventFilter(actor=[dumont]))) == 4
    april = mini.events(EventFilter(date_from=dt.date(2023, 4, 1), date_to=dt.date(2023, 4, 30)))
    assert {e.day[:7] for e in april} == {"2023-04"}
    assert len(april) == 5
    first = mini.events()[0]
    assert (first.place_name, first.lat, first.source_code) == ("Rabat", 34.02, "FRAGOV")


def test_store_quotes_by_speaker_and_words(mini):
    weber = mini.find_actors("Jonas Weber")[0].id
    assert [q.text for q in mini.quotes(speaker=[weber])] == [
        "L'Europe doit investir maintenant ou décrocher"
    ]
    assert [q.speaker_name for q in mini.quotes(search="solidarite")] == ["Moussa Ndiaye"]
    assert mini.quotes(speaker=[]) == []


def test_store_actor_profile(mini):
    found = mini.find_actors("Dumont")
    assert [a.name for a in found] == ["Claire Dumont"]
    profile = mini.actor(found[0].id)
    assert profile is not None
    assert profile.actor.n_articles == 4
    assert profile.first_seen == "2022-01-05"
    assert profile.last_seen == "2023-04-12"
    assert profile.roles[0].value == "ministre des Affaires étrangères"
    assert len(profile.events) == 4
    assert len(profile.quotes) == 1
    co = {c.actor.name: c.n_articles for c in profile.co_actors}
    assert co["Karim Benali"] == 1
    assert co["Paris"] == 2
    assert "Claire Dumont" not in co


def test_store_timeline_counts_every_dated_event(mini):
    for interval in ("day", "week", "month", "year"):
        points = mini.timeline(interval=interval)
        assert sum(p.count for p in points) == 8
    months = {(p.period, p.type): p.count for p in mini.timeline(interval="month")}
    assert months[("2023-04", "REQUEST")] == 2
    weeks = {p.period for p in mini.timeline(interval="week")}
    assert all(dt.date.fromisoformat(w).weekday() == 0 for w in weeks)


def test_store_full_text_search(mini):
    hits = mini.articles(search="secheresse")  # accents do not matter
    assert [h.source_id for h in hits] == ["demo-dakar"]
    assert any(s.hit and s.text == "sécheresse" for s in hits[0].snippet)
    assert mini.count_articles(search="Claire Dumont") == 4
    # FTS syntax in what a user types is taken as words, never as a query language.
    assert mini.articles(search='Dumont AND OR NOT "( *') == []
    assert mini.articles(search="  ;; ") == []
    assert fts_query("l'hydrogène") == '"l" "hydrogène"'


def test_store_network_and_places(mini):
    network = mini.network(limit=10)
    names = {n.id: n.name for n in network.nodes}
    pairs = {frozenset((names[e.source], names[e.target])): e for e in network.edges}
    dumont_benali = pairs[frozenset(("Claire Dumont", "Karim Benali"))]
    assert (dumont_benali.weight, dumont_benali.n_events) == (1, 1)
    # Above one shared article, only the pairs joined by events stay linked.
    lasting = mini.network(limit=10, min_weight=2).edges
    assert lasting
    assert all(e.weight == 0 and e.n_events > 0 for e in lasting)
    places = {p.name: p for p in mini.places()}
    assert places["Dakar"].n_mentions == 2
    assert places["Dakar"].n_articles == 2
    assert places["Rabat"].lon == pytest.approx(-6.84)


# -- exports ---------------------------------------------------------------------------------


def test_export_jsonl_keeps_the_contract(mini):
    out = io.StringIO()
    assert write_jsonl(mini, out) == 5
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    for row in rows:
        analysis = Analysis.model_validate({k: row[k] for k in Analysis.model_fields})
        for span in analysis.spans():
            assert row["text"][span.start : span.end] == span.text
        assert row["id"] == content_id(row["text"])
    assert {r["source_id"] for r in rows} >= {"demo-rabat", "demo-tunis"}


def test_export_gdelt_table(mini):
    out = io.StringIO()
    assert write_gdelt(mini, out) == 8
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert tuple(rows[0]) == GDELT_COLUMNS
    first = dict(zip(rows[0], rows[1], strict=True))
    assert first["SQLDATE"] == "20230228"
    assert (first["Actor1Code"], first["Actor2Code"]) == ("FRAGOV", "MARGOV")
    assert (first["EventRootCode"], first["PloverType"]) == ("04", "CONSULT")
    assert (first["ActionGeo_FullName"], first["ActionGeo_Lat"]) == ("Rabat", "34.02")
    assert first["SOURCEURL"] == "https://example.org/2023/03/01/rabat"
    assert first["Evidence"].startswith("a rencontré mardi à Rabat")
    assert all(len(row) == len(GDELT_COLUMNS) for row in rows)


def test_export_csv_and_parquet(mini, tmp_path):
    out = io.StringIO()
    assert write_csv(mini, out, table="quotes") == 5
    header = next(csv.reader(io.StringIO(out.getvalue())))
    assert header[:4] == ["article_id", "id", "text", "start"]
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "events.parquet"
    assert export(mini, "parquet", table="events", output=path) == 8
    table = pq.read_table(path)
    assert table.num_rows == 8
    assert "cameo_root" in table.column_names


def test_export_refuses_unknown_names(mini):
    with pytest.raises(Exception, match="unknown table"):
        export(mini, "csv", table="sqlite_master")
    with pytest.raises(Exception, match="give a file"):
        export(mini, "parquet")


# -- telex ingest / query / export -----------------------------------------------------------


def test_cli_ingest_reads_every_kind_and_adds_nothing_the_second_time(tmp_path, nlp):
    db = tmp_path / "c.db"
    inputs = [
        str(DATA / "article.html"),
        str(DATA / "feed.rss"),
        str(DATA / "feed.atom"),
        str(ROOT / "examples" / "berlin-libye.txt"),
    ]
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", *inputs, "--db", str(db), "--published", "2021-06-19"])
    # The feed's third entry has no text: reported, and the run says so in its exit status.
    assert first.exit_code == 1
    assert "5 added, 0 already present, 1 failed" in first.stderr
    assert "feed.rss#3: feed entry has no text" in first.stderr
    second = runner.invoke(app, ["ingest", *inputs, "--db", str(db)])
    assert "0 added, 5 already present, 1 failed" in second.stderr
    with Store(db) as store:
        seed = store.article("berlin-libye")
        assert seed is not None
        assert seed.published == "2021-06-19"
        page = store.article(
            "https://courrier-du-rhone.example/politique/2023/03/14/lyon-plan-velo"
        )
        assert page is not None
        assert page.published == "2023-03-14"
    found = runner.invoke(app, ["query", "search", "pistes cyclables", "--db", str(db)])
    assert found.exit_code == 0
    assert json.loads(found.stdout.splitlines()[0])["title"].startswith("Lyon : le conseil")


def test_cli_query_and_export(tmp_path, mini):
    db = str(mini.path)
    runner = CliRunner()
    events = runner.invoke(
        app, ["query", "events", "--db", db, "--type", "CONSULT", "--actor", "Dumont"]
    )
    assert events.exit_code == 0
    assert [json.loads(line)["target_name"] for line in events.stdout.splitlines()] == [
        "Karim Benali",
        "Jonas Weber",
    ]
    table = runner.invoke(app, ["query", "actor", "Karim Benali", "--db", db, "-f", "table"])
    assert table.exit_code == 0
    assert table.stdout.startswith("Karim Benali  [PER")
    nobody = runner.invoke(app, ["query", "quotes", "--db", db, "--speaker", "Personne Inconnue"])
    assert nobody.exit_code == 1
    assert "no actor matches" in nobody.stderr
    bad = runner.invoke(app, ["query", "events", "--db", db, "--from", "2023-13-01"])
    assert bad.exit_code == 2
    missing = runner.invoke(app, ["query", "actors", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1
    assert "no corpus at" in missing.stderr
    out = tmp_path / "events.tsv"
    exported = runner.invoke(app, ["export", "--db", db, "--format", "gdelt", "-o", str(out)])
    assert exported.exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 9


def _write_corpus(path: Path, count: int) -> None:
    """Articles we write ourselves, long enough that a run takes a few seconds."""
    lines = []
    for n in range(count):
        sentences = [
            f"Le maire de la ville numéro {n} a présenté mardi un plan de {n + 3} millions d'euros "
            f"pour rénover les écoles du quartier {n % 7}.",
            f"« Nous tiendrons nos engagements », a déclaré l'adjointe Camille Martin{n}.",
        ] * 8
        lines.append(
            json.dumps(
                {"id": f"art-{n}", "text": " ".join(sentences), "published": "2023-05-02"},
                ensure_ascii=False,
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _count(db: Path) -> int:
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=10)
    try:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        connection.close()


def test_ingest_killed_with_sigkill_resumes_without_duplicates_or_partial_articles(tmp_path):
    total = 40
    source, db = tmp_path / "articles.jsonl", tmp_path / "corpus.db"
    _write_corpus(source, total)
    command = [
        sys.executable,
        "-m",
        "telex",
        "ingest",
        str(source),
        "--db",
        str(db),
        "--batch-size",
        "2",
    ]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 120
    while _count(db) < 3 and run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    at_kill = _count(db)
    assert run.returncode == -signal.SIGKILL
    assert 3 <= at_kill < total, "the run must be killed in the middle"

    rerun = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"{total - at_kill} added, {at_kill} already present, 0 failed" in rerun.stderr

    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    rows = connection.execute("SELECT id, source_id, analysis, n_entities FROM articles").fetchall()
    assert len(rows) == total
    assert sorted(r[1] for r in rows) == sorted(f"art-{n}" for n in range(total))
    for ident, _, analysis, n_entities in rows:
        data = json.loads(analysis)
        stored = connection.execute(
            "SELECT (SELECT count(*) FROM entities WHERE article_id = ?),"
            " (SELECT count(*) FROM quotes WHERE article_id = ?),"
            " (SELECT count(*) FROM events WHERE article_id = ?)",
            (ident, ident, ident),
        ).fetchone()
        assert stored == (len(data["entities"]), len(data["quotes"]), len(data["events"]))
        assert n_entities == len(data["entities"])
    fts = connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
    assert fts == total
    connection.close()


def test_store_stats_on_an_empty_corpus(store):
    stats = store.stats()
    assert stats.articles == 0
    assert stats.first_published is None
    assert store.timeline() == []
    assert store.network().nodes == []
    assert store.places() == []


def test_store_quote_speaker_links_to_the_actor(store):
    text = "Claire Dumont a dit : « Bonjour »."
    entity = Entity(
        id="e1",
        name="Claire Dumont",
        type="PER",
        mentions=[Mention(start=0, end=13, text="Claire Dumont")],
    )
    quote = Quote(
        id="q1",
        text="Bonjour",
        start=25,
        end=32,
        kind="direct",
        speaker="e1",
        speaker_name="Claire Dumont",
    )
    store.add(Article(text=text, id="a"), Analysis(id="a", entities=[entity], quotes=[quote]))
    actor = store.find_actors("Claire Dumont")[0]
    assert [q.text for q in store.quotes(speaker=[actor.id])] == ["Bonjour"]


def test_actor_keys_known_actors_match_by_kb_id_whatever_the_name():
    from telex.query import actor_keys

    acronym = actor_keys("ONU", [], "ORG", kb_id="telex:onu")
    full = actor_keys("Organisation des Nations unies", [], "ORG", kb_id="telex:onu")
    assert acronym.keys & full.keys == {"kb:telex:onu"}
    surname = actor_keys("Macron", [], "PER", kb_id="telex:emmanuel-macron")
    assert surname.full
    assert surname.keys == {"kb:telex:emmanuel-macron"}
    # without an identification, a surname alone stays a one-word key of its own kind
    assert not actor_keys("Macron", [], "PER").full


def test_ingest_plans_files_by_id_then_reads_the_articles_again(tmp_path):
    # Files are read twice, so that `telex ingest` holds ids, not texts, of a large input.
    from telex.corpus import IngestSummary, plan, planned_articles
    from telex.ingest import read_inputs

    texts = [f"Le ministre Jean Martin s'est rendu à Lyon le {n} mai pour la {n}e fois." for n in
             range(1, 5)]
    path = tmp_path / "news.jsonl"
    lines = [{"id": f"a{n}", "text": t} for n, t in enumerate(texts)]
    lines.insert(2, {"id": "copy", "text": texts[0]})  # the same text again: one article
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines))
    with Store(tmp_path / "corpus.db") as store:
        summary = IngestSummary()
        planned = plan(read_inputs([str(path)]), store, summary, keep=False)
        assert planned.articles is None
        assert len(planned) == 4
        assert summary.present == 1
        again = list(planned_articles(read_inputs([str(path)]), planned))
    assert [a.metadata["source_id"] for a in again] == ["a0", "a1", "a2", "a3"]
    assert [a.text for a in again] == texts


def test_ingest_with_nothing_new_loads_no_model(tmp_path, monkeypatch):
    # A second run over the same files only reads them: no model, no analysis.
    from telex import corpus

    def no_analysis(*args, **kwargs):
        raise AssertionError("the model was asked for with nothing to analyse")

    monkeypatch.setattr(corpus, "analyze_many", no_analysis)
    with Store(tmp_path / "corpus.db") as store:
        summary = corpus.ingest(iter([]), store, corpus.IngestSummary())
    assert (summary.added, summary.present, summary.failed) == (0, 0, [])

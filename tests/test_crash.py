"""The corpus survives what happens to it: an ingest killed with SIGKILL at 20 random points,
readers while an ingest writes, a corpus from the previous schema version, two processes opening
a new corpus at once.

The ingests run the real `telex ingest` command with the real pipeline, in processes forked from
this one after the model is loaded, so that a run starts in milliseconds. Half the kills come
from inside the run, at a random SQL statement (many land in the middle of an article's
transaction, where a kill could leave half an article); the other half from outside, at a
random moment (during reading, analysis or writing).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import signal
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import telex.store
from corpus_fixture import fill, mini_corpus
from telex.cli import app
from telex.store import SCHEMA_VERSION, Store, StoreError

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork (Linux, macOS)")

DATA = Path(__file__).parent / "data"
KILLS = 20
ARTICLES = 60
NAMES = ["Claire Dumont", "Karim Benali", "Jonas Weber", "Sami Trabelsi", "Moussa Ndiaye"]
CITIES = ["Rabat", "Dakar", "Berlin", "Tunis", "Madrid", "Bruxelles", "Genève"]


def _write_articles(path: Path, count: int) -> None:
    """Short articles we write ourselves: people, places, a quote and a date each."""
    lines = []
    for n in range(count):
        a, b, city = NAMES[n % 5], NAMES[(n + 2) % 5], CITIES[n % 7]
        text = (
            f"La ministre {a} a rencontré mardi à {city} son homologue {b} (dépêche {n}). "
            f"« Nous avons avancé sur le dossier numéro {n} », a déclaré {a} à l'issue de "
            f"l'entretien. Selon {b}, les deux pays signeront un accord le 24 juin prochain."
        )
        record = {"id": f"d{n:02d}", "text": text, "published": "2023-06-06"}
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _fork(run: Callable[[], None]) -> int:
    """Run `run` in a child process with stdout and stderr silenced; return its pid."""
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        code = 0
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - the child exits
            run()
        except SystemExit as end:
            code = end.code if isinstance(end.code, int) else 1
        except BaseException:
            code = 3
        finally:
            os._exit(code)
    return pid


def _ingest(
    source: Path, db: Path, *, kill_at: int | None = None, writes_only: bool = True,
    tell: int | None = None,
):
    """`telex ingest` as a child runs it. With `kill_at`, it SIGKILLs itself when about to run
    its kill_at-th SQL statement (counted from the first article's transaction when
    `writes_only`, else from the start), after writing that statement to the `tell` pipe."""

    def run() -> None:
        if kill_at is not None:
            count, planned, armed = 0, False, not writes_only
            connect = sqlite3.connect

            def trace(statement: str) -> None:
                nonlocal count, planned, armed
                planned = planned or statement.startswith("SELECT 1 FROM articles")
                armed = armed or (planned and statement.startswith("BEGIN"))
                count += armed
                if count == kill_at:
                    assert tell is not None
                    os.write(tell, statement.strip().split("\n")[0][:60].encode())
                    os.kill(os.getpid(), signal.SIGKILL)

            def traced(*args, **kwargs):  # every connection the store opens reports its SQL
                connection = connect(*args, **kwargs)
                connection.set_trace_callback(trace)
                return connection

            sqlite3.connect = traced
        app(["ingest", str(source), "--db", str(db), "--batch-size", "2"], standalone_mode=False)

    return run


def _count(db: Path) -> int:
    """Articles committed so far, read as another process would."""
    if not db.exists():
        return 0
    connection = sqlite3.connect(db, timeout=10)
    try:
        count: int = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        return count
    except sqlite3.OperationalError:  # no schema yet
        return 0
    finally:
        connection.close()


def _killed_by_sigkill(status: int) -> bool:
    return os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL


def check_whole(db: Path) -> int:
    """The database opens, is consistent, and holds only whole articles; returns how many."""
    if not db.exists():
        return 0
    with Store(db, create=False) as store:
        stats = store.stats()
        assert stats.schema_version == SCHEMA_VERSION
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = connection.execute(
            "SELECT id, source_id, analysis, n_entities, n_quotes, n_events FROM articles"
        ).fetchall()
        for ident, _, analysis, n_entities, n_quotes, n_events in rows:
            data = json.loads(analysis)
            counts = [
                connection.execute(f"SELECT count(*) FROM {table} WHERE article_id = ?", (ident,))
                .fetchone()[0]
                for table in ("entities", "quotes", "timexes", "places", "events")
            ]
            expected = [len(data[k]) for k in ("entities", "quotes", "timexes", "places", "events")]
            assert counts == expected, f"article {ident} is partial"
            assert (n_entities, n_quotes, n_events) == (expected[0], expected[1], expected[4])
        sources = [r[1] for r in rows]
        assert len(sources) == len(set(sources)), "an article was stored twice"
        fts = connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0]
        assert fts == len(rows)
        quotes_fts = connection.execute("SELECT count(*) FROM quotes_fts").fetchone()[0]
        assert quotes_fts == connection.execute("SELECT count(*) FROM quotes").fetchone()[0]
        # Every actor belongs to a stored article, and counts it once per article.
        n_articles = connection.execute("SELECT coalesce(sum(n_articles), 0) FROM actors")
        pairs = "SELECT count(DISTINCT article_id || ':' || actor_id) FROM entities"
        assert n_articles.fetchone()[0] == connection.execute(pairs).fetchone()[0]
        orphans = "SELECT count(*) FROM actors WHERE id NOT IN (SELECT actor_id FROM entities)"
        assert connection.execute(orphans).fetchone()[0] == 0
        return len(rows)
    finally:
        connection.close()


def test_ingest_killed_20_times_at_random_points_leaves_whole_articles_and_resumes(
    tmp_path, nlp
):
    source, db = tmp_path / "articles.jsonl", tmp_path / "corpus.db"
    _write_articles(source, ARTICLES)
    rng = random.Random(20)
    stored, kills, inside = 0, 0, []
    for round_ in range(KILLS):
        if round_ % 2 == 0:
            # From inside: at a random statement of the next three articles' transactions; the
            # first time, while the new database's schema is being created.
            read, tell = os.pipe()
            first = round_ == 0
            kill_at = rng.randint(3, 25) if first else rng.randint(1, 120)
            pid = _fork(_ingest(source, db, kill_at=kill_at, writes_only=not first, tell=tell))
            os.close(tell)
            _, status = os.waitpid(pid, 0)
            statement = os.read(read, 100).decode()
            os.close(read)
            inside.append(statement)
        else:
            # From outside, at a random moment: once 0, 1 or 2 more articles are stored (or at
            # once), after a random delay of up to 30 ms.
            target, delay = stored + rng.randint(0, 2), rng.uniform(0.0, 0.03)
            pid = _fork(_ingest(source, db))
            while _count(db) < target and os.waitpid(pid, os.WNOHANG) == (0, 0):
                time.sleep(0.001)
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            _, status = os.waitpid(pid, 0)
        assert _killed_by_sigkill(status), f"round {round_}: the run ended before the kill"
        kills += 1
        now = check_whole(db)
        assert now >= stored, "a kill lost articles that were stored"
        stored = now
    assert kills == KILLS
    assert stored < ARTICLES, "every article was in before the last kill: nothing left to resume"
    # Kills inside an article's transaction, between its first insert and its COMMIT ("-- "
    # marks what SQLite runs inside a statement, here the full-text index's own writes).
    writes = ("INSERT", "UPDATE", "DELETE", "REPLACE", "COMMIT")
    assert inside[0].startswith("CREATE"), inside  # the schema's creation, rolled back
    assert sum(s.removeprefix("-- ").startswith(writes) for s in inside[1:]) >= 5, inside

    pid = _fork(_ingest(source, db))
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status), status
    assert os.WEXITSTATUS(status) == 0, status
    assert check_whole(db) == ARTICLES
    with Store(db, create=False) as store:
        ids = sorted(a.source_id for a in store.articles(limit=100))
    assert ids == [f"d{n:02d}" for n in range(ARTICLES)]


def test_readers_work_while_ingest_writes(tmp_path, nlp):
    from fastapi.testclient import TestClient

    from telex.web import WebSettings, create_app

    source, db = tmp_path / "articles.jsonl", tmp_path / "corpus.db"
    _write_articles(source, 30)
    Store(db).close()  # the schema exists before the writer starts
    client = TestClient(create_app(WebSettings(db=db)))
    pid = _fork(_ingest(source, db))
    seen: list[int] = []
    status = None
    while status is None:
        with Store(db, create=False) as store:
            count = store.stats().articles
            listed = store.articles(limit=100)
            for summary in listed[:3]:
                article = store.article(summary.id)
                assert article is not None
                assert len(article.entities) == summary.n_entities
            store.events(limit=10)
            store.actors(search="Dumont")
            store.articles(search="dossier")
        assert client.get("/api/v1/stats").status_code == 200
        assert client.get("/", params={"q": "dossier"}).status_code == 200
        seen.append(count)
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
    assert os.WIFEXITED(status)
    assert os.WEXITSTATUS(status) == 0
    assert seen == sorted(seen), "a reader saw the corpus shrink"
    assert any(0 < n < 30 for n in seen), f"no read happened during the ingest: {seen}"
    assert check_whole(db) == 30


def test_readers_do_not_wait_for_an_open_write_transaction(tmp_path):
    db = tmp_path / "corpus.db"
    with Store(db) as store:
        fill(store, skip=["demo-tunis"])
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM quotes")
    writer.execute("UPDATE articles SET title = 'pas encore'")
    try:
        # WAL: the reader sees the last committed state at once, without waiting for the lock.
        with Store(db, create=False) as reader:
            assert reader.stats().quotes > 0
            assert all(a.title != "pas encore" for a in reader.articles())
            assert reader.article("demo-rabat") is not None
    finally:
        writer.execute("ROLLBACK")
        writer.close()


# -- schema versions ---------------------------------------------------------------------------


def _version_1_corpus(path: Path) -> None:
    """A corpus as the first release of the store wrote it (tests/data/corpus_v1.sql)."""
    connection = sqlite3.connect(path)
    connection.executescript((DATA / "corpus_v1.sql").read_text(encoding="utf-8"))
    connection.close()


def _schema(path: Path) -> set[tuple[str, str, str]]:
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    finally:
        connection.close()
    return {(kind, name, " ".join((sql or "").split())) for kind, name, sql in rows}


def test_version_1_schema_is_what_the_first_migration_creates(tmp_path):
    """Shipped migrations are never edited: a v1 database users have is what MIGRATIONS[0] made."""
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    _version_1_corpus(old)
    connection = sqlite3.connect(new)
    connection.executescript(telex.store.MIGRATIONS[0])
    connection.close()
    assert _schema(old) == _schema(new)


def test_a_version_1_corpus_opens_upgraded_with_everything_in_it(tmp_path):
    path = tmp_path / "v1.db"
    _version_1_corpus(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with Store(path, create=False) as store:
        assert store.schema_version == SCHEMA_VERSION
        stats = store.stats()
        assert (stats.articles, stats.quotes, stats.events, stats.places) == (5, 5, 8, 8)
        assert [a.source_id for a in store.articles(search="secheresse")] == ["demo-dakar"]
        assert store.quotes(search="ouvert")
        dumont = store.find_actors("Claire Dumont")[0]
        profile = store.actor(dumont.id)
        assert profile is not None
        assert profile.actor.n_articles == 4
        # New articles join the actors of the old ones.
        article, analysis = mini_corpus()[0]
        changed = article.text + " Claire Dumont a conclu."
        assert store.add(type(article)(text=changed, id="new"), analysis)
        assert store.find_actors("Claire Dumont")[0].n_articles == 5
    check_whole(path)


def test_an_upgrade_runs_each_missing_migration_once_and_atomically(tmp_path, monkeypatch):
    """With a version 2 script appended, a version 1 corpus upgrades, keeps its data, and a
    failing upgrade leaves it as it was."""
    path = tmp_path / "v1.db"
    _version_1_corpus(path)
    broken = (
        *telex.store.MIGRATIONS,
        "ALTER TABLE articles ADD COLUMN note TEXT; CREATE TABLE half (x);"
        " SELECT nonsense FROM nowhere",
    )
    monkeypatch.setattr(telex.store, "MIGRATIONS", broken)
    monkeypatch.setattr(telex.store, "SCHEMA_VERSION", len(broken))
    with pytest.raises(StoreError, match="no such table: nowhere"):
        Store(path)
    connection = sqlite3.connect(path)
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [r[1] for r in connection.execute("PRAGMA table_info(articles)")]
    assert "note" not in columns
    half = connection.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()
    assert half == (0,)
    assert connection.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    connection.close()

    fixed = (
        *telex.store.MIGRATIONS[:-1],
        "ALTER TABLE articles ADD COLUMN note TEXT; UPDATE articles SET note = 'v2'",
    )
    monkeypatch.setattr(telex.store, "MIGRATIONS", fixed)
    with Store(path) as store:
        assert store.schema_version == len(fixed)
        notes = store._db.execute("SELECT DISTINCT note FROM articles").fetchall()
        assert [tuple(r) for r in notes] == [("v2",)]
        assert store.stats().articles == 5
    with Store(path) as again:  # nothing runs twice
        assert again.schema_version == len(fixed)


def _open(path: str, barrier, results) -> None:
    barrier.wait()
    try:
        Store(path).close()
        results.put("ok")
    except StoreError as err:
        results.put(str(err))


def test_processes_opening_a_new_corpus_at_once_all_succeed(tmp_path):
    """Each used to read version 0 and create the tables: 'table articles already exists'."""
    context = multiprocessing.get_context("fork")
    for trial in range(4):
        path = str(tmp_path / f"new-{trial}.db")
        barrier, results = context.Barrier(5), context.Queue()
        workers = [context.Process(target=_open, args=(path, barrier, results)) for _ in range(5)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(timeout=60)
        assert [results.get(timeout=5) for _ in workers] == ["ok"] * 5
        with Store(path) as store:
            assert store.schema_version == SCHEMA_VERSION

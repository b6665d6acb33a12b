"""The batch paths: one process, worker processes and Dask give the same output, in order; failures
are isolated, retried and reported; `telex batch` shards load into a corpus without re-analysis."""

from __future__ import annotations

import json
import os
from concurrent.futures import Future
from pathlib import Path

import pytest
from typer.testing import CliRunner

import telex
from conftest import SEED_PUBLISHED
from telex import batch
from telex.article import Article
from telex.batch import Failure, analyze_stream, open_engine
from telex.cli import app
from telex.errors import AnalysisError
from telex.schema import Analysis
from telex.store import Store

runner = CliRunner()

TEXTS = [
    "Le président français Emmanuel Macron a reçu mercredi à l'Élysée le chancelier allemand "
    "Olaf Scholz. « Nous devons avancer ensemble », a déclaré M. Macron à l'issue de la rencontre.",
    "La ministre des Affaires étrangères, Catherine Colonna, se rendra lundi prochain à Alger "
    "pour rencontrer son homologue algérien.",
    "Des milliers de manifestants ont défilé samedi à Lyon et à Marseille contre la réforme des "
    "retraites, selon la CGT.",
    "Le Conseil de sécurité de l'ONU s'est réuni le 12 mars 2022 à New York à la demande de "
    "l'Ukraine.",
]


@pytest.fixture(scope="module")
def articles(seed_text: str) -> list[Article]:
    found = [Article(text=seed_text, id="seed", published=SEED_PUBLISHED)]
    for n, text in enumerate(TEXTS):
        found.append(Article(text=text, id=f"t{n}", published="2022-03-14" if n % 2 else None))
    return found


def jsonl(analyses: list[Analysis]) -> list[str]:
    return [json.dumps(a.to_dict(), ensure_ascii=False) for a in analyses]


@pytest.fixture(scope="module")
def one_process(articles: list[Article], nlp: object) -> list[str]:
    return jsonl(list(telex.analyze_many(articles, batch_size=2)))


def test_one_process_gives_every_article_in_order(one_process: list[str]):
    ids = [json.loads(line)["id"] for line in one_process]
    assert ids == ["seed", "t0", "t1", "t2", "t3"]
    first = json.loads(one_process[1])
    assert "Emmanuel Macron" in {e["name"] for e in first["entities"]}


def test_two_worker_processes_give_byte_identical_jsonl(
    articles: list[Article], one_process: list[str], monkeypatch: pytest.MonkeyPatch
):
    # Chunks of two articles, so that both workers get some.
    monkeypatch.setattr(batch, "DEFAULT_CHUNK", 2)
    assert jsonl(list(telex.analyze_many(articles, batch_size=2, workers=2))) == one_process


def test_dask_gives_byte_identical_jsonl_through_telex_batch(
    articles: list[Article], one_process: list[str], tmp_path: Path
):
    pytest.importorskip("distributed", reason="the Dask engine needs pip install 'telex[dask]'")
    shard = write_input(tmp_path / "in" / "news.jsonl", articles)
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(shard), "--out", str(out), "--engine", "dask",
                                 "--workers", "2", "--batch-size", "2", "--no-progress"])
    assert result.exit_code == 0, result.stderr
    assert contract_lines(out / "news.jsonl") == one_process


def write_input(path: Path, articles: list[Article]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    records = [
        {"id": a.id, "text": a.text, "published": a.published.isoformat() if a.published else None}
        for a in articles
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def contract_lines(shard: Path) -> list[str]:
    """A shard's lines without the article text: the output contract as `telex analyze` emits it."""
    lines = []
    for line in shard.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        del record["text"]
        lines.append(json.dumps(record, ensure_ascii=False))
    return lines


def test_telex_batch_shards_load_into_a_corpus_without_analysis(
    articles: list[Article], one_process: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    write_input(tmp_path / "in" / "a.jsonl", articles[:2])
    write_input(tmp_path / "in" / "b.jsonl", articles[2:])
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(out),
                                 "--workers", "1", "--batch-size", "2", "--no-progress"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["a.jsonl", "b.jsonl", "manifest.json"]
    assert contract_lines(out / "a.jsonl") + contract_lines(out / "b.jsonl") == one_process
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["shards"]["b.jsonl"]["analysed"] == 3

    def no_analysis(articles, **_):
        assert not list(articles), "shard articles must not be analysed again"
        return iter(())

    monkeypatch.setattr("telex.corpus.analyze_many", no_analysis)
    db = tmp_path / "corpus.db"
    result = runner.invoke(app, ["ingest", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.stderr
    with Store(db, create=False) as store:
        stored = {a.source_id: a for a in store.iter_articles()}
    assert set(stored) == {"seed", "t0", "t1", "t2", "t3"}
    for line in one_process:
        expected = json.loads(line)
        got = stored[expected["id"]].model_dump(mode="json")
        assert {k: got[k] for k in batch.CONTRACT_LISTS} == {
            k: expected[k] for k in batch.CONTRACT_LISTS
        }


def test_telex_batch_reads_parquet_and_skips_shards_already_written(
    articles: list[Article], one_process: list[str], tmp_path: Path
):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.table({
        "id": [a.id for a in articles],
        "text": [a.text for a in articles],
        "published": [a.published for a in articles],
    })
    (tmp_path / "in").mkdir()
    pq.write_table(table, tmp_path / "in" / "news.parquet")
    out = tmp_path / "out"
    args = ["batch", str(tmp_path / "in"), "--out", str(out), "--workers", "1",
            "--batch-size", "2", "--no-progress"]
    assert runner.invoke(app, args).exit_code == 0
    assert contract_lines(out / "news.jsonl") == one_process
    again = runner.invoke(app, args)
    assert again.exit_code == 0
    assert "already in" in again.stderr
    assert "0 analysed" in again.stderr


def test_a_shard_line_that_does_not_match_its_text_is_refused(
    articles: list[Article], tmp_path: Path
):
    analysis = telex.analyze(articles[1])
    record = {**analysis.to_dict(), "text": articles[1].text}
    record["entities"][0]["mentions"][0]["start"] += 1
    shard = tmp_path / "bad.jsonl"
    shard.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(shard), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "does not match the text" in result.stderr


def test_an_article_that_breaks_a_component_fails_alone_in_its_chunk(
    nlp, monkeypatch: pytest.MonkeyPatch
):
    places = type(nlp.get_pipe("telex_places"))
    original = places.__call__

    def fragile(self, doc):
        if "Tombouctou" in doc.text:
            raise RuntimeError("cannot place it")
        return original(self, doc)

    monkeypatch.setattr(places, "__call__", fragile)
    texts = [Article(text=t, id=f"x{n}") for n, t in enumerate(
        [TEXTS[0], "Une délégation est arrivée à Tombouctou.", TEXTS[2]])]
    outcomes = list(analyze_stream(texts, batch.InlineEngine(batch_size=4)))
    assert [type(o).__name__ for _, o in outcomes] == ["Analysis", "Failure", "Analysis"]
    failure = outcomes[1][1]
    assert isinstance(failure, Failure)
    assert isinstance(failure.error(), AnalysisError)
    # The same report as the one-process path gives.
    reported: list[str] = []
    list(telex.analyze_many(texts, on_error=lambda a, e: reported.append(str(e))))
    assert reported == [failure.message]
    assert "telex_places failed (RuntimeError: cannot place it)" in failure.message
    # Without isolation the error is raised, as analyze_many does without on_error.
    with pytest.raises(AnalysisError, match="article x1: telex_places failed"):
        list(analyze_stream(texts, batch.InlineEngine(batch_size=4, isolate=False)))


def test_an_article_over_the_limit_is_reported_in_its_place(nlp):
    texts = [Article(text=TEXTS[0], id="a"), Article(text="mot " * 100_000, id="long"),
             Article(text=TEXTS[1], id="b")]
    failed: list[str | None] = []
    done = [a.id for a in telex.analyze_many(texts, on_error=lambda a, e: failed.append(a.id))]
    assert (done, failed) == (["a", "b"], ["long"])


def test_workers_must_be_positive():
    with pytest.raises(telex.ConfigError, match="at least 1"):
        list(telex.analyze_many(["Un texte."], workers=0))


class FlakyEngine:
    """Chunks 'run' at once; the first attempts of chosen chunks fail like a dead worker."""

    name = "flaky"
    slots = 2
    batch_size = 1

    def __init__(self, failures: dict[str, int], *, isolate: bool = True) -> None:
        self.failures = dict(failures)  # first article id of a chunk -> attempts that fail
        self.isolate = isolate
        self.submitted: list[str] = []

    def submit(self, chunk: list[Article]) -> Future[list[batch.Outcome]]:
        key = str(chunk[0].id)
        self.submitted.append(key)
        future: Future[list[batch.Outcome]] = Future()
        if self.failures.get(key, 0) > 0:
            self.failures[key] -= 1
            future.set_exception(ConnectionError(f"worker lost with {key}"))
        else:
            future.set_result([Analysis(id=str(a.id)) for a in chunk])
        return future

    def close(self) -> None:
        pass


def some_articles(n: int) -> list[Article]:
    return [Article(text=f"Texte {i}.", id=f"a{i}") for i in range(n)]


def test_a_failed_chunk_is_retried_and_reported():
    engine = FlakyEngine({"a2": 1})
    retried: list[tuple[list[str | None], int]] = []
    outcomes = list(analyze_stream(
        some_articles(5), engine, chunk_size=2,
        on_retry=lambda chunk, err, attempt: retried.append(([a.id for a in chunk], attempt)),
    ))
    assert [o.id for _, o in outcomes if isinstance(o, Analysis)] == [f"a{i}" for i in range(5)]
    assert retried == [(["a2", "a3"], 1)]
    assert engine.submitted.count("a2") == 2


def test_a_chunk_that_keeps_failing_becomes_failures_never_dropped():
    engine = FlakyEngine({"a2": 9})
    outcomes = list(analyze_stream(some_articles(5), engine, chunk_size=2, retries=2))
    assert [a.id for a, _ in outcomes] == [f"a{i}" for i in range(5)]
    lost = [o for _, o in outcomes if isinstance(o, Failure)]
    assert [f.article_id for f in lost] == ["a2", "a3"]
    assert "failed 3 times" in lost[0].message
    assert "worker lost" in lost[0].message
    with pytest.raises(ConnectionError):
        list(analyze_stream(some_articles(5), FlakyEngine({"a2": 9}, isolate=False), chunk_size=2))


def test_open_engine_refuses_unknown_engines_and_stray_schedulers():
    with pytest.raises(telex.ConfigError, match="unknown engine"):
        open_engine("spark")
    with pytest.raises(telex.ConfigError, match="dask engine"):
        open_engine("processes", scheduler="tcp://127.0.0.1:8786")


def test_the_stream_reads_only_a_few_chunks_ahead():
    consumed: list[int] = []

    def endless():
        n = 0
        while True:
            consumed.append(n)
            yield Article(text=f"Texte {n}.", id=f"a{n}")
            n += 1

    engine = FlakyEngine({})
    stream = analyze_stream(endless(), engine, chunk_size=3)
    first = [next(stream) for _ in range(7)]
    assert [a.id for a, _ in first] == [f"a{i}" for i in range(7)]
    # Results of three chunks taken, at most `slots` (two) more chunks in flight.
    assert len(consumed) <= (3 + engine.slots) * 3


def test_cli_passes_workers_to_the_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    seen: dict[str, object] = {}

    def fake(articles, **options):
        seen.update(options)
        return iter([Analysis(id=str(a.id)) for a in articles])

    monkeypatch.setattr("telex.cli.analyze_many", fake)
    (tmp_path / "a.txt").write_text(TEXTS[0], encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(tmp_path / "a.txt"), "--workers", "3"])
    assert result.exit_code == 0, result.stderr
    assert seen["workers"] == 3
    assert json.loads(result.stdout)["id"] == "a"


def test_a_killed_worker_process_is_replaced_and_its_chunk_retried(seed_text: str):
    psutil = pytest.importorskip("psutil")
    engine = open_engine("processes", workers=2)
    try:
        engine.start()
        # Long articles, so that chunks are still being analysed when a worker is killed.
        articles = [Article(text=seed_text, id=f"k{i}") for i in range(12)]
        retried: list[int] = []
        stream = analyze_stream(articles, engine, chunk_size=2,
                                on_retry=lambda chunk, err, attempt: retried.append(attempt))
        first = next(stream)
        workers = [p for p in psutil.Process().children()
                   if any("spawn_main" in part for part in p.cmdline())]
        assert len(workers) == 2
        workers[0].kill()
        rest = list(stream)
    finally:
        engine.close()
    outcomes = [first, *rest]
    assert [a.id for a, _ in outcomes] == [a.id for a in articles]
    assert all(isinstance(o, Analysis) for _, o in outcomes)
    assert retried


def test_local_dask_workers_start_without_the_nannys_malloc_trim_threshold(
    monkeypatch: pytest.MonkeyPatch,
):
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 by default: the analysis then costs
    # 25-30 % more CPU (docs/batch.md).
    pytest.importorskip("distributed", reason="the Dask engine needs pip install 'telex[dask]'")
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    engine = batch.DaskEngine(1)
    try:
        found = engine.client.run(os.environ.get, "MALLOC_TRIM_THRESHOLD_")
        profiling = engine.client.run(
            lambda: __import__("dask").config.get("distributed.worker.profile.enabled")
        )
    finally:
        engine.close()
    assert len(found) == 1
    assert set(found.values()) == {None}
    assert set(profiling.values()) == {False}

"""Many articles at once: chunks of articles analysed in this process, a pool of worker
processes, or on a Dask distributed cluster, with results in input order.

The unit of work is a *chunk*: a list of articles that one worker analyses and returns as
analyses, in order (`analyze_chunk`). An *engine* runs chunks: `inline` (this
process), `processes` (a pool of local processes) or `dask` (a Dask cluster; the optional
`telex[dask]` extra, imported only here and only when asked for). `analyze_stream` keeps a few
chunks per worker in flight and yields results in input order, so memory stays bounded whatever
the input size. Every worker loads the pipeline once: `analyze_chunk` lives in this importable
module and `load_pipeline` is cached per process.

Failures are never dropped: an article that makes a component fail fails alone, as a `Failure`
carrying the `AnalysisError`, and the rest of its chunk is analysed as usual; a chunk whose
worker dies is retried, and after its last retry each of its articles is a `Failure`.
`analyze_parallel` is `analyze_many(workers=N)`. `run_batch` writes analyses as JSONL shards
(the output contract plus `text`) that `telex ingest` loads without analysing them again
(`stored_analysis`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import json
import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from pydantic import ValidationError
from spacy.language import Language

from telex.article import Article
from telex.errors import AnalysisError, ConfigError, InputError, TelexError
from telex.ingest import Problem
from telex.ingest.jsonl import read_jsonl_file, read_record
from telex.pipeline import COMPONENTS, doc_to_analysis, load_pipeline, make_doc
from telex.schema import Analysis

logger = logging.getLogger(__name__)

ENGINES = ("processes", "dask")
# Articles a worker takes at a time (rounded to a multiple of the `nlp.pipe` batch size, so that
# every engine groups articles into the same `nlp.pipe` batches): small enough that the last
# chunks of a run keep every worker busy, large enough that sending one costs nothing next to
# parsing it.
DEFAULT_CHUNK = 16
# Chunks in flight per worker: one being analysed and some waiting, so that a worker never
# idles while the parent waits, in input order, for a slower chunk on another worker. Each
# holds only its articles' text.
IN_FLIGHT_PER_WORKER = 4
# Attempts after the first for a chunk whose worker failed (a killed or crashed process).
DEFAULT_RETRIES = 2
# Dask settings for a local cluster: no statistical profiler sampling the analysis thread every
# 10 ms, and event-loop watchdogs and monitors that tick less often; each wake-up costs the
# analysis thread the GIL.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.gil.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    # Dask's nannies start workers with MALLOC_TRIM_THRESHOLD_=65536, which makes glibc give
    # memory back to the system so often that the analysis costs 25-30 % more CPU.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
}
# Batch shards: input suffixes read, and the file describing a run in the output directory
# (not .jsonl, so that `telex ingest DIR` reads only the shards).
SHARD_SUFFIXES = (".jsonl", ".parquet")
MANIFEST = "manifest.json"
PARTIAL = ".partial"
# The output contract's lists: a JSONL record that has them all beside `text` is a shard line.
CONTRACT_LISTS = ("entities", "quotes", "timexes", "places", "events")


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that was not analysed, and why."""

    article_id: str
    message: str
    bug: bool = False
    """True when telex itself failed on the article (a component error, a worker that died):
    an `AnalysisError`; False when the input was refused (too long): an `InputError`."""

    def error(self) -> TelexError:
        return AnalysisError(self.message) if self.bug else InputError(self.message)


Outcome = Analysis | Failure


# -- the worker side ---------------------------------------------------------------------------

_LOAD_LOCK = threading.Lock()


def _pipeline() -> Language:
    # Dask workers may run several threads: only one of them loads the model.
    with _LOAD_LOCK:
        return load_pipeline()


def warm_up() -> int:
    """Load the pipeline in this process (a worker's first act); returns the process id."""
    _pipeline()
    return os.getpid()


def _start_worker(loaded: Any) -> None:
    """A pool worker's initializer: load the pipeline, then say so."""
    warm_up()
    loaded.release()


def analyze_chunk(
    articles: list[Article], batch_size: int = 16, isolate: bool = True
) -> list[Outcome]:
    """Analyse a chunk of articles; one outcome per article, in order.

    The model's components run batched through `nlp.pipe`; telex's components (and whatever
    follows the first of them) then run article by article, which is what `nlp.pipe` does with
    them anyway, so that an article that breaks one fails alone and costs the others nothing.

    Args:
        articles: the chunk.
        batch_size: articles per `nlp.pipe` batch.
        isolate: report an article that cannot be analysed as a `Failure` and go on; when
            False its error (`InputError`, `AnalysisError`) is raised instead, as
            `analyze_many` does without `on_error`.
    """
    nlp = _pipeline()
    outcomes: list[Outcome | None] = [None] * len(articles)
    ready = []
    for index, article in enumerate(articles):
        try:
            ready.append((make_doc(nlp, article), index))
        except InputError as err:
            if not isolate:
                raise
            outcomes[index] = Failure(str(article.id), str(err))
    names = nlp.pipe_names
    first = min((names.index(name) for name in COMPONENTS if name in names), default=len(names))
    model, per_article = names[:first], names[first:]
    try:
        parsed = list(nlp.pipe(ready, as_tuples=True, batch_size=batch_size, disable=per_article))
    except Exception:
        # The model failed on some batch: parse one article at a time, so that only the
        # article at fault fails.
        parsed = []
        for _, index in ready:
            try:
                parsed.append((nlp(make_doc(nlp, articles[index]), disable=per_article), index))
            except Exception as err:  # reported with its article; the others go on
                outcomes[index] = _failed(articles[index], err, isolate)
    for doc, index in parsed:
        try:
            # `nlp(doc)` and not the components themselves: spaCy's error handler names the
            # component that fails (an AnalysisError, see `telex.pipeline`).
            doc = nlp(doc, disable=model)
            outcomes[index] = doc_to_analysis(doc, articles[index])
        except Exception as err:
            outcomes[index] = _failed(articles[index], err, isolate)
    return [outcome for outcome in outcomes if outcome is not None]


def _failed(article: Article, err: Exception, isolate: bool) -> Failure:
    """The failure of an article, raised as an `AnalysisError` naming it when not isolating."""
    if isinstance(err, AnalysisError):
        message = f"article {article.id}: {err}"
    else:
        message = (
            f"article {article.id}: analysis failed ({type(err).__name__}: {err}); this is a "
            "bug in telex, please report it with the article"
        )
    if not isolate:
        raise AnalysisError(message) from err
    logger.warning("%s", message, exc_info=err)
    return Failure(str(article.id), message, bug=True)


# -- engines: where chunks run -----------------------------------------------------------------


class Pending(Protocol):
    """A chunk's outcomes to come: a concurrent or Dask future, or a deferred inline call."""

    def result(self) -> list[Outcome]: ...


class Engine(Protocol):
    """Runs chunks somewhere and hands back their outcomes to come."""

    name: str
    slots: int
    """How many chunks to keep in flight."""
    batch_size: int
    isolate: bool
    """Whether an article that cannot be analysed is a `Failure` (True) or raises."""

    def submit(self, chunk: list[Article]) -> Pending: ...

    def close(self) -> None: ...


class _Deferred:
    """An inline chunk, analysed when its result is asked for (not ahead of the caller)."""

    def __init__(self, chunk: list[Article], batch_size: int, isolate: bool) -> None:
        self._call = (chunk, batch_size, isolate)

    def result(self) -> list[Outcome]:
        return analyze_chunk(*self._call)


class InlineEngine:
    """Chunks run in this process, one at a time, when their results are asked for."""

    name = "inline"
    slots = 1

    def __init__(self, *, batch_size: int = 16, isolate: bool = True) -> None:
        self.batch_size = batch_size
        self.isolate = isolate

    def submit(self, chunk: list[Article]) -> Pending:
        return _Deferred(chunk, self.batch_size, self.isolate)

    def close(self) -> None:
        pass


class ProcessEngine:
    """A pool of local worker processes, each loading the pipeline once when it starts.

    Processes are started with `spawn`: a fresh interpreter per worker, safe whatever threads
    the parent runs (a progress bar, a web server), and the same on Linux, macOS and Windows.
    A pool broken by a dead worker (killed, out of memory) is replaced on the next submit.
    """

    name = "processes"

    def __init__(self, workers: int, *, batch_size: int = 16, isolate: bool = True) -> None:
        self.workers = workers
        self.slots = workers * IN_FLIGHT_PER_WORKER
        self.batch_size = batch_size
        self.isolate = isolate
        self._context = multiprocessing.get_context("spawn")
        # Released by each worker once its pipeline is loaded (see `start`).
        self._loaded = self._context.Semaphore(0)
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=(self._loaded,),
        )

    def start(self, timeout: float = 600) -> None:
        """Start every worker now and wait until each has loaded the pipeline (otherwise
        workers start with the first chunks).

        Raises:
            ConfigError: a worker could not start, or not within `timeout` seconds.
        """
        # The pool starts a process per task while none is idle: one task each starts them all.
        probes = [self._pool.submit(os.getpid) for _ in range(self.workers)]
        deadline = time.monotonic() + timeout
        loaded = 0
        while loaded < self.workers:
            if self._loaded.acquire(timeout=0.5):
                loaded += 1
                continue
            for probe in probes:
                if probe.done() and probe.exception() is not None:
                    raise ConfigError(f"a worker process could not start: {probe.exception()}")
            if time.monotonic() > deadline:
                raise ConfigError(f"{self.workers - loaded} worker(s) not ready in {timeout:.0f} s")

    def submit(self, chunk: list[Article]) -> Future[list[Outcome]]:
        try:
            return self._pool.submit(analyze_chunk, chunk, self.batch_size, self.isolate)
        except BrokenProcessPool:
            logger.warning("a worker process died: starting a new pool")
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = self._new_pool()
            return self._pool.submit(analyze_chunk, chunk, self.batch_size, self.isolate)

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """A Dask distributed cluster: a scheduler at `scheduler`, or a local cluster of `workers`
    single-threaded worker processes. Each worker loads the pipeline once, up front."""

    name = "dask"

    def __init__(
        self,
        workers: int,
        *,
        scheduler: str | None = None,
        batch_size: int = 16,
        isolate: bool = True,
    ) -> None:
        try:
            # typed as Any: distributed is only partly annotated
            distributed: Any = importlib.import_module("distributed")
        except ImportError as err:
            raise ConfigError(
                "the dask engine needs Dask distributed: pip install 'telex[dask]'"
            ) from err
        self.batch_size = batch_size
        self.isolate = isolate
        self._cluster: Any = None
        self._client: Any
        if scheduler:
            try:
                self._client = distributed.Client(scheduler, timeout=60)
            except (OSError, TimeoutError) as err:
                raise ConfigError(f"cannot reach the Dask scheduler at {scheduler}: {err}") from err
        else:
            dask: Any = importlib.import_module("dask")
            with dask.config.set(LOCAL_CLUSTER_CONFIG):
                self._cluster = distributed.LocalCluster(
                    n_workers=workers,
                    threads_per_worker=1,  # the GIL: one analysis at a time per process
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.WARNING,
                )
            self._client = distributed.Client(self._cluster)
        try:
            self._client.wait_for_workers(1, timeout=120)
            # Load the model on every worker now: slow starts and broken installs show here.
            self._client.run(warm_up)
        except Exception:
            self.close()
            raise
        threads = sum(self._client.nthreads().values())
        self.slots = max(1, threads) * IN_FLIGHT_PER_WORKER

    @property
    def client(self) -> Any:
        return self._client

    def submit(self, chunk: list[Article]) -> Pending:
        future: Pending = self._client.submit(
            analyze_chunk, chunk, self.batch_size, self.isolate, pure=False
        )
        return future

    def close(self) -> None:
        self._client.close()
        if self._cluster is not None:
            self._cluster.close()


def open_engine(
    engine: str = "processes",
    *,
    workers: int = 1,
    scheduler: str | None = None,
    batch_size: int = 16,
    isolate: bool = True,
) -> Engine:
    """An engine by name: `processes` (in this process when `workers` is 1) or `dask`."""
    if workers < 1:
        raise ConfigError(f"workers must be at least 1, not {workers}")
    if engine == "dask":
        return DaskEngine(workers, scheduler=scheduler, batch_size=batch_size, isolate=isolate)
    if engine != "processes":
        raise ConfigError(f"unknown engine {engine!r}: use one of {', '.join(ENGINES)}")
    if scheduler:
        raise ConfigError("--scheduler is for the dask engine")
    if workers == 1:
        return InlineEngine(batch_size=batch_size, isolate=isolate)
    return ProcessEngine(workers, batch_size=batch_size, isolate=isolate)


# -- the driver: chunks in flight, results in order --------------------------------------------

RetryHook = Callable[[list[Article], BaseException, int], None]


def analyze_stream(
    articles: Iterable[Article],
    engine: Engine,
    *,
    chunk_size: int | None = None,
    retries: int = DEFAULT_RETRIES,
    on_retry: RetryHook | None = None,
) -> Iterator[tuple[Article, Outcome]]:
    """Each article with its outcome, in input order, `engine.slots` chunks in flight at most.

    With an isolating engine, a chunk whose future fails (its worker died, the cluster lost it)
    is submitted again up to `retries` times, `on_retry(chunk, error, attempt)` hearing of each
    retry, and after the last one every article of the chunk is a `Failure`; otherwise the error
    is raised at once. A `TelexError` (a bad setting, a missing model) is raised at once:
    retrying would not help. `chunk_size` defaults to `DEFAULT_CHUNK` rounded to the engine's
    batch size.
    """
    size = chunk_size or max(1, round(DEFAULT_CHUNK / engine.batch_size)) * engine.batch_size
    if size < 1:
        raise ConfigError(f"chunk size must be at least 1, not {size}")
    chunks = _chunked(articles, size)
    pending: deque[tuple[list[Article], Pending, int]] = deque()

    def fill() -> None:
        while len(pending) < engine.slots:
            chunk = next(chunks, None)
            if chunk is None:
                return
            pending.append((chunk, engine.submit(chunk), 0))

    fill()
    while pending:
        chunk, future, attempt = pending[0]
        try:
            outcomes = future.result()
        except TelexError:
            raise
        except Exception as err:
            if not engine.isolate:
                raise  # the plain API: errors are the caller's, as in one process
            if attempt < retries:
                if on_retry:
                    on_retry(chunk, err, attempt + 1)
                pending[0] = (chunk, engine.submit(chunk), attempt + 1)
                continue
            reason = f"{type(err).__name__}: {err}".rstrip(": ")
            outcomes = [
                Failure(
                    str(a.id),
                    f"article {a.id}: its worker failed {attempt + 1} times ({reason})",
                    bug=True,
                )
                for a in chunk
            ]
        pending.popleft()
        fill()  # before yielding: the workers go on while the caller writes results
        yield from zip(chunk, outcomes, strict=True)


def analyze_parallel(
    articles: Iterable[Article],
    *,
    workers: int,
    batch_size: int = 16,
    on_error: Callable[[Article, TelexError], None] | None = None,
) -> Iterator[Analysis]:
    """`telex.analyze_many(..., workers=N)`: the same analyses, in the same order, from `workers`
    local processes; `on_error` hears of the articles that fail (else their error is raised)."""
    engine = open_engine(workers=workers, batch_size=batch_size, isolate=on_error is not None)
    try:
        for article, outcome in analyze_stream(articles, engine):
            if isinstance(outcome, Analysis):
                yield outcome
            elif on_error is not None:
                on_error(article, outcome.error())
    finally:
        engine.close()


def _chunked(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- shards: `telex batch` ---------------------------------------------------------------------


@dataclass(slots=True)
class ShardReport:
    """One input shard and what became of it."""

    input: str
    output: str
    articles: int = 0
    analysed: int = 0
    failed: list[Problem] = field(default_factory=list)
    skipped: bool = False
    """True when the output shard was already there (a resumed run)."""


@dataclass(slots=True)
class BatchSummary:
    """What a `run_batch` did, shard by shard."""

    engine: str
    shards: list[ShardReport] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Input lines that could not be read (bad JSON, no text)."""
    retries: int = 0
    seconds: float = 0.0

    @property
    def failed(self) -> list[Problem]:
        return [p for shard in self.shards for p in shard.failed]


def shard_inputs(paths: Iterable[str | Path]) -> list[Path]:
    """JSONL and Parquet shards: the files given, and those in the directories given (sorted).

    Raises:
        InputError: a path does not exist or is neither a shard nor a directory of shards.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix in SHARD_SUFFIXES
            )
            if not inside:
                raise InputError(f"{path}: no {' or '.join(SHARD_SUFFIXES)} files in it")
            found.extend(inside)
        elif path.is_file():
            if path.suffix not in SHARD_SUFFIXES:
                raise InputError(f"{path}: a batch input is a .jsonl or .parquet file")
            found.append(path)
        else:
            raise InputError(f"{path}: no such file or directory")
    return found


def count_articles(path: Path) -> int:
    """Articles in a shard, cheaply (lines or Parquet rows), for a progress bar's total."""
    if path.suffix == ".parquet":
        pq = _pyarrow_parquet()
        rows: int = pq.ParquetFile(path).metadata.num_rows
        return rows
    with path.open("rb") as file:
        return sum(1 for line in file if line.strip())


def read_shard(path: Path, *, published: object = None) -> Iterator[Article | Problem]:
    """The articles of a JSONL or Parquet shard, streamed (`id, text, published, title, source,
    url` columns; others are kept in `metadata`), and a `Problem` for each unreadable row."""
    if path.suffix == ".parquet":
        yield from _read_parquet(path, published)
        return
    with path.open("rb") as file:
        yield from read_jsonl_file(file, str(path), published=published)


def _read_parquet(path: Path, published: object) -> Iterator[Article | Problem]:
    pq = _pyarrow_parquet()
    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for record in batch.to_pylist():
            number += 1
            yield from read_record(record, f"{path}:{number}", published=published, field="column")


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError as err:
        raise InputError("Parquet shards need pyarrow: pip install 'telex[parquet]'") from err
    return pq


def shard_line(article: Article, analysis: Analysis) -> str:
    """One line of an output shard: the output contract, then the article `text`."""
    return json.dumps({**analysis.to_dict(), "text": article.text}, ensure_ascii=False) + "\n"


def _output_names(inputs: list[Path]) -> list[str]:
    names: list[str] = []
    for path in inputs:
        name, n = f"{path.stem}.jsonl", 1
        while name in names or name == MANIFEST:
            n += 1
            name = f"{path.stem}-{n}.jsonl"
        names.append(name)
    return names


def run_batch(
    inputs: list[Path],
    out: Path,
    engine: Engine,
    *,
    published: object = None,
    chunk_size: int | None = None,
    retries: int = DEFAULT_RETRIES,
    on_article: Callable[[], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> BatchSummary:
    """Analyse shards into `out`: one `<stem>.jsonl` per input shard, lines in input order.

    A shard is written as `<name>.partial` and renamed when complete, so `out` only ever holds
    whole shards; a shard already in `out` is skipped, so a stopped run picks up where it
    stopped. Articles of all shards flow through the engine as one stream (no idle workers
    between shards). `manifest.json` records the run: shards, counts, failures and retries.
    """
    out.mkdir(parents=True, exist_ok=True)
    summary = BatchSummary(engine=engine.name)
    started = dt.datetime.now(dt.UTC)
    todo: list[tuple[Path, ShardReport]] = []
    for path, name in zip(inputs, _output_names(inputs), strict=True):
        report = ShardReport(str(path), name)
        summary.shards.append(report)
        if (out / name).exists():
            report.skipped = True
        else:
            todo.append((path, report))
    # Which shard each article in flight belongs to: outcomes come back in input order.
    owners: deque[ShardReport] = deque()

    def articles() -> Iterator[Article]:
        for path, report in todo:
            (out / (report.output + PARTIAL)).unlink(missing_ok=True)
            empty = True
            for item in read_shard(path, published=published):
                if isinstance(item, Problem):
                    summary.problems.append(item)
                    if on_problem:
                        on_problem(item)
                    if item.skipped and on_article:
                        on_article()
                    continue
                empty = False
                report.articles += 1
                owners.append(report)
                yield item
            if empty:
                # Nothing will come back for this shard: write it empty now.
                (out / report.output).touch()

    def retried(chunk: list[Article], err: BaseException, attempt: int) -> None:
        summary.retries += 1
        where = f"articles {chunk[0].id} to {chunk[-1].id}"
        message = f"their worker failed ({type(err).__name__}: {err}); trying again ({attempt})"
        logger.warning("%s: %s", where, message)
        if on_problem:
            on_problem(Problem(where, message, skipped=False))

    writing: tuple[ShardReport, Any] | None = None
    try:
        for article, outcome in analyze_stream(
            articles(), engine, chunk_size=chunk_size, retries=retries, on_retry=retried
        ):
            report = owners.popleft()
            if writing is None or writing[0] is not report:
                if writing is not None:
                    _finish(out, *writing)
                partial = out / (report.output + PARTIAL)
                writing = (report, partial.open("w", encoding="utf-8"))
            if isinstance(outcome, Failure):
                report.failed.append(Problem(str(article.id), outcome.message))
                if on_problem:  # the message names the article
                    on_problem(Problem(report.input, outcome.message))
            else:
                writing[1].write(shard_line(article, outcome))
                report.analysed += 1
            if on_article:
                on_article()
        if writing is not None:
            _finish(out, *writing)
            writing = None
    finally:
        if writing is not None:
            writing[1].close()
        summary.seconds = (dt.datetime.now(dt.UTC) - started).total_seconds()
        _write_manifest(out, summary)
    return summary


def _finish(out: Path, report: ShardReport, file: Any) -> None:
    file.close()
    (out / (report.output + PARTIAL)).replace(out / report.output)


def _write_manifest(out: Path, summary: BatchSummary) -> None:
    """`manifest.json`: this run's shards, merged with what earlier runs wrote there."""
    from telex import __version__

    path = out / MANIFEST
    try:
        previous = json.loads(path.read_text(encoding="utf-8")).get("shards", {})
    except (OSError, ValueError, AttributeError):
        previous = {}
    shards = dict(previous) if isinstance(previous, dict) else {}
    for report in summary.shards:
        if report.skipped and report.output in shards:
            continue
        shards[report.output] = {
            "input": report.input,
            "articles": report.articles,
            "analysed": report.analysed,
            "failed": [{"id": p.where, "message": p.message} for p in report.failed],
            "complete": (out / report.output).exists(),
        }
    data = {
        "telex": __version__,
        "engine": summary.engine,
        "seconds": round(summary.seconds, 1),
        "retries": summary.retries,
        "unreadable": [{"where": p.where, "message": p.message} for p in summary.problems],
        "shards": shards,
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


# -- loading shards into a corpus --------------------------------------------------------------


def carries_analysis(article: Article) -> bool:
    """Whether an article was read from a shard line that has the contract's fields."""
    return "lang" in article.metadata and all(key in article.metadata for key in CONTRACT_LISTS)


def stored_analysis(article: Article) -> Analysis | None:
    """The analysis a shard line carries beside its text (read into `article.metadata`), or
    None for a plain article.

    Raises:
        InputError: the line has the contract's fields but they are not a valid analysis of
            this text (edited, or written by another telex version).
    """
    if not carries_analysis(article):
        return None
    meta = article.metadata
    fields = {key: meta[key] for key in ("lang", *CONTRACT_LISTS)}
    published = article.published.isoformat() if article.published else None
    try:
        analysis = Analysis.model_validate(
            {
                **fields,
                "id": str(article.id),
                "published": published,
                "title": article.title,
                "source": article.source,
                "url": article.url,
            }
        )
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise InputError(
            f"not a telex analysis ({where}: {first['msg']}): was the shard written by another "
            "telex version? run `telex batch` again"
        ) from err
    for span in analysis.spans():
        if article.text[span.start : span.end] != span.text:
            raise InputError(
                f"analysis does not match the text at {span.start}:{span.end} "
                f"({span.text!r}): run `telex batch` again"
            )
    return analysis

"""The `telex` command line: thin commands over the public API.

`analyze` prints analyses; `batch` writes them as shards on worker processes or a Dask cluster;
`ingest`, `query`, `export` and `serve` work on a corpus database.

Results go to stdout, problems to stderr as one line each (`telex: error: WHERE: WHAT`).
Exit status: 0 all went well, 1 some input was skipped, 2 bad usage.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import functools
import ipaddress
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from pydantic import BaseModel, SecretStr
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from telex import batch as batching
from telex import export as exporting
from telex import kb
from telex.article import Article, parse_published
from telex.corpus import IngestSummary, plan, planned_articles
from telex.corpus import ingest as ingest_articles
from telex.errors import InputError, TelexError
from telex.ingest import URL_SCHEMES, Problem, read_inputs
from telex.language import language_problem
from telex.pipeline import analyze_many, load_pipeline
from telex.query import ActorProfile, ArticleSummary, EventFilter, EventRow, as_jsonable
from telex.report import printable, render_table
from telex.store import Store
from telex.web.security import MIN_TOKEN

T = TypeVar("T")

app = typer.Typer(
    name="telex",
    help="Offline, French-first news intelligence: entities, quotes, dates, places and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class NonFrench(enum.StrEnum):
    """What to do with an article that does not look French."""

    warn = "warn"
    skip = "skip"


NonFrenchOption = Annotated[
    NonFrench,
    typer.Option(
        "--non-french",
        help="Articles that do not look French (another script, or almost no French function "
        "words): warn analyses them with a warning, skip leaves them out (a warning line each; "
        "the exit status stays 0).",
    ),
]


class OutputFormat(enum.StrEnum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


def _published(value: str | None) -> dt.date | None:
    try:
        return parse_published(value)
    except InputError as err:
        raise typer.BadParameter(str(err)) from err


class _Reporter:
    """Prints problems as they come and remembers whether any input was skipped."""

    def __init__(self) -> None:
        self.skipped = 0

    def __call__(self, problem: Problem) -> None:
        level = "error" if problem.skipped else "warning"
        self.skipped += problem.skipped
        print(f"telex: {level}: {problem}", file=sys.stderr, flush=True)


def _articles(
    paths: list[str], published: dt.date | None, report: _Reporter, non_french: NonFrench
) -> Iterator[Article]:
    for item in read_inputs(paths, published=published):
        if isinstance(item, Problem):
            report(item)
            continue
        problem = language_problem(item.text)
        if problem and non_french is NonFrench.skip:
            report(Problem(str(item.id), f"{problem}; skipped (--non-french skip)", skipped=False))
            continue
        if problem:
            report(Problem(str(item.id), f"{problem}; {ANALYSED_ANYWAY}", skipped=False))
        yield item


ANALYSED_ANYWAY = "analysed anyway, expect poor results (--non-french skip leaves it out)"


WorkersOption = Annotated[
    int,
    typer.Option(
        min=1,
        help="Processes to analyse in, each loading the French model once (about 1 GB each); "
        "output is the same, in the same order.",
    ),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress",
        help="A progress bar on stderr (default: when stderr is a terminal).",
        show_default=False,
    ),
]


def _show_progress(progress: bool | None) -> bool:
    return sys.stderr.isatty() if progress is None else progress


def _counted(results: Iterable[T], bar: Progress) -> Iterator[T]:
    """Pass results through, advancing a progress bar of unknown total."""
    bar.start()
    task = bar.add_task("analysing", total=None)
    for result in results:
        bar.advance(task)
        yield result


@app.callback()
def main() -> None:
    """telex reads French news articles and emits facts grounded in their text."""


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles: .txt (one article), .jsonl (one a line: id, text, published, title, "
            "source, url), directories of them, or - for stdin.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date YYYY-MM-DD for articles that carry none; relative dates "
            "('mercredi', 'hier') are resolved against it.",
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="jsonl: one object a line; json: one array; table: for reading."
        ),
    ] = OutputFormat.jsonl,
    non_french: NonFrenchOption = NonFrench.warn,
    workers: WorkersOption = 1,
    progress: ProgressOption = None,
) -> None:
    """Analyse articles and print entities, quotes, dates, places and events."""
    anchor = _published(published)
    report = _Reporter()

    def failed(article: Article, err: TelexError) -> None:
        report(Problem(str(article.id), str(err)))

    bar = _progress() if _show_progress(progress) else None
    try:
        results = analyze_many(
            _articles(paths, anchor, report, non_french), on_error=failed, workers=workers
        )
        if bar is not None:
            results = _counted(results, bar)
        if output_format is OutputFormat.json:
            first = True
            sys.stdout.write("[")
            for analysis in results:
                sys.stdout.write(
                    ("\n" if first else ",\n") + exporting.json_text(analysis.to_dict(), indent=1)
                )
                first = False
            sys.stdout.write("\n]\n" if not first else "]\n")
        else:
            for analysis in results:
                if output_format is OutputFormat.jsonl:
                    sys.stdout.write(exporting.json_text(analysis.to_dict()) + "\n")
                else:
                    sys.stdout.write(printable(render_table(analysis)) + "\n")
                sys.stdout.flush()
    except TelexError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(1) from err
    except BrokenPipeError:
        # The reader went away (`telex analyze … | head`): stop quietly.
        sys.stderr.close()
        raise typer.Exit(0) from None
    finally:
        if bar is not None:
            bar.stop()
    if report.skipped:
        print(f"telex: {report.skipped} input(s) skipped, see the errors above", file=sys.stderr)
        raise typer.Exit(1)


# -- telex kb: what telex knows of named actors (telex.kb) --

kb_app = typer.Typer(
    help="The actor knowledge base: organisations and people with their country, role and code.",
    no_args_is_help=True,
)
app.add_typer(kb_app, name="kb")


def _describe_actor(actor: kb.Actor) -> str:
    country = actor.country or ("none (international)" if actor.international else "unknown")
    lines = [
        f"{actor.kb_id}  {actor.name}",
        f"  type:     {actor.type}",
        f"  country:  {country}",
        f"  code:     {actor.actor_code or '-'}",
    ]
    for index, role in enumerate(actor.roles):
        if not (role.role or role.valid_from or role.valid_to):
            continue
        code = f" ({actor.code_for(role.code)})" if index and role.code else ""
        if role.valid_from and role.valid_to:
            validity = f", {role.valid_from} to {role.valid_to}"
        elif role.valid_from:
            validity = f", since {role.valid_from}"
        elif role.valid_to:
            validity = f", until {role.valid_to}"
        else:
            validity = ""
        label = "role:" if index == 0 else "also:"
        lines.append(f"  {label:<9} {role.role or '-'}{code}{validity}")
    if actor.aliases:
        lines.append(f"  aliases:  {', '.join(actor.aliases)}")
    if actor.ambiguous:
        shared = ", ".join(actor.ambiguous)
        lines.append(f"  shared:   {shared} (not this actor by default)")
    return "\n".join(lines)


@kb_app.command("lookup")
def kb_lookup(
    name: Annotated[str, typer.Argument(help="A name, alias or acronym: ONU, l'Élysée, Poutine.")],
    actors: Annotated[
        list[str] | None,
        typer.Option(
            "--actors",
            help="An extra actor dictionary (.csv or .jsonl) that adds to or overrides the shipped "
            "one; repeatable. TELEX_ACTORS (os.pathsep-separated paths) is read too.",
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead.")] = False,
) -> None:
    """Show what telex knows of a name: kb_id, type, country, code, role, validity, aliases."""
    try:
        base = kb.knowledge_base(tuple(actors or ()))
    except TelexError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(2) from err
    found = base.lookup_all(name)
    if not found:
        print(f"telex: {name!r} is not known ({len(base)} actors in {', '.join(base.sources)})")
        raise typer.Exit(1)
    default = base.lookup(name)
    if as_json:
        for actor in found:
            record = actor.to_dict() | {"default": actor is default}
            print(exporting.json_text(record))
        return
    if default is None:
        print(f"{name!r} is ambiguous: {len(found)} actors share it and none is the default")
    elif len(found) > 1:
        print(f"{name!r} is shared by {len(found)} actors; the first is its default reading")
    print("\n\n".join(_describe_actor(actor) for actor in found))


# ---------------------------------------------------------------------------------------------
# The corpus: ingest, query, export, serve
# ---------------------------------------------------------------------------------------------

DEFAULT_DB = Path("corpus.db")
DbOption = Annotated[Path, typer.Option("--db", help="The corpus database (SQLite).")]
LimitOption = Annotated[int, typer.Option(min=1, help="At most this many results.")]


class QueryFormat(enum.StrEnum):
    jsonl = "jsonl"
    table = "table"


FormatOption = Annotated[
    QueryFormat,
    typer.Option("--format", "-f", help="jsonl: one object a line; table: for reading."),
]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")]
CountryOption = Annotated[
    str | None, typer.Option(help="Source or target country, ISO alpha-3 (FRA).")
]
ActorOption = Annotated[str | None, typer.Option(help="Source or target actor: name or id.")]


def _open_store(db: Path, *, create: bool = False) -> Store:
    try:
        return Store(db, create=create)
    except TelexError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(1) from err


def _date(value: str | None, name: str) -> dt.date | None:
    try:
        return parse_published(value)
    except InputError as err:
        raise typer.BadParameter(str(err), param_hint=name) from err


class _RateColumn(ProgressColumn):
    """Articles per second, averaged over the run so far."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:5.1f} articles/s")


def _progress() -> Progress:
    """A progress bar on stderr: count, rate, time spent and time left."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Articles: .txt, .jsonl, .html pages, RSS/Atom feeds (.rss, .atom, .xml), "
            "directories of them, http(s) URLs of pages or feeds, or - for stdin.",
            show_default=False,
        ),
    ],
    db: DbOption = DEFAULT_DB,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for articles and pages that state none."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per analysis batch.")] = 16,
    non_french: NonFrenchOption = NonFrench.warn,
    workers: WorkersOption = 1,
) -> None:
    """Analyse articles into a corpus: each is stored whole or not at all.

    Shards written by `telex batch` are stored with their analyses, without analysing again.
    """
    anchor = _published(published)
    summary = IngestSummary()
    # Files and directories are read twice, once to plan and once to analyse, so that memory
    # does not grow with the input; stdin and URLs are read once and kept.
    again = all(path != "-" and not path.startswith(URL_SCHEMES) for path in paths)
    with _open_store(db, create=True) as store:
        planned = plan(
            read_inputs(paths, published=anchor),
            store,
            summary,
            skip_non_french=non_french is NonFrench.skip,
            keep=not again,
        )
        for problem in summary.warnings:
            print(f"telex: warning: {problem}", file=sys.stderr)
        todo = planned_articles(read_inputs(paths, published=anchor) if again else (), planned)
        try:
            # Shards from `telex batch` carry their analyses: no model needed for them.
            fresh = planned.fresh
            if planned:
                loading = "; loading the French model…" if fresh else ""
                print(f"telex: {len(planned)} new articles{loading}", file=sys.stderr, flush=True)
                if fresh and workers == 1:
                    load_pipeline()  # worker processes load their own
            with _progress() as progress:
                task = progress.add_task("analysing", total=len(planned))
                ingest_articles(
                    todo,
                    store,
                    summary,
                    batch_size=batch_size,
                    workers=workers,
                    on_article=lambda _: progress.advance(task),
                )
        except TelexError as err:
            print(f"telex: error: {err}", file=sys.stderr)
            raise typer.Exit(1) from err
    for problem in summary.failed:
        print(f"telex: error: {problem}", file=sys.stderr)
    not_french = f"{summary.not_french} not French (skipped), " if summary.not_french else ""
    print(
        f"{db}: {summary.added} added, {summary.present} already present, {not_french}"
        f"{len(summary.failed)} failed",
        file=sys.stderr,
    )
    if summary.failed:
        raise typer.Exit(1)


class Engine(enum.StrEnum):
    processes = "processes"
    dask = "dask"


@app.command()
def batch(
    paths: Annotated[
        list[str],
        typer.Argument(
            help="Shards: .jsonl or .parquet files of articles (id, text, published, title, "
            "source, url), or directories of them.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Directory for the output shards (created).")
    ],
    engine: Annotated[
        Engine,
        typer.Option(
            help="processes: worker processes on this machine; dask: a Dask cluster "
            "(pip install 'telex[dask]')."
        ),
    ] = Engine.processes,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786); a local cluster of "
            "--workers processes when absent."
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Worker processes on this machine [default: one per core]."),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date YYYY-MM-DD for articles that carry none."),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Articles per analysis batch.")] = 16,
    retries: Annotated[
        int, typer.Option(min=0, help="Times a chunk whose worker failed is tried again.")
    ] = batching.DEFAULT_RETRIES,
    progress: ProgressOption = None,
) -> None:
    """Analyse shards of articles on worker processes or a Dask cluster into --out.

    Writes one JSONL shard per input shard (the output contract plus the article text, in input
    order) and manifest.json; `telex ingest DIR` loads the shards without analysing them again.
    Shards already in --out are skipped, so a stopped run carries on where it stopped.
    """
    anchor = _published(published)
    try:
        inputs = batching.shard_inputs(paths)
    except InputError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(2) from err
    count = workers or os.cpu_count() or 1
    where = scheduler or f"{count} local worker(s)"
    print(
        f"telex: {len(inputs)} shard(s); starting {engine.value} on {where}, each loading the "
        "French model…",
        file=sys.stderr,
        flush=True,
    )
    report = _Reporter()
    try:
        runner = batching.open_engine(
            engine.value, workers=count, scheduler=scheduler, batch_size=batch_size
        )
    except TelexError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(2) from err
    try:
        with _progress() if _show_progress(progress) else contextlib.nullcontext() as bar:
            advance = None
            if bar is not None:
                total = sum(batching.count_articles(p) for p in inputs)
                advance = functools.partial(bar.advance, bar.add_task("analysing", total=total))
            summary = batching.run_batch(
                inputs,
                out,
                runner,
                published=anchor,
                retries=retries,
                on_article=advance,
                on_problem=report,
            )
    except TelexError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(1) from err
    finally:
        runner.close()
    analysed = sum(s.analysed for s in summary.shards)
    skipped = [s.output for s in summary.shards if s.skipped]
    if skipped:
        print(
            f"telex: {len(skipped)} shard(s) already in {out}, skipped: {', '.join(skipped)}",
            file=sys.stderr,
        )
    print(
        f"{out}: {analysed} analysed, {len(summary.failed)} failed, "
        f"{summary.retries} chunk(s) retried, in {summary.seconds:.0f} s "
        f"(see {out / batching.MANIFEST})",
        file=sys.stderr,
    )
    if summary.failed or report.skipped:
        raise typer.Exit(1)


query_app = typer.Typer(
    help="Ask a corpus: events, quotes, actors, timelines, full-text search.",
    no_args_is_help=True,
)
app.add_typer(query_app, name="query")


def _emit(results: Iterable[BaseModel], output_format: QueryFormat, line: object = None) -> None:
    """Print results as JSON lines, or one readable line each with `line(result)`."""
    for result in results:
        if output_format is QueryFormat.jsonl or line is None:
            sys.stdout.write(exporting.json_text(as_jsonable(result)) + "\n")
        else:
            assert callable(line)
            sys.stdout.write(printable(str(line(result))) + "\n")


def _actor_ids(store: Store, name: str | None) -> list[int] | None:
    """The actors a name means (all of them when several match); exits when none does."""
    if name is None:
        return None
    found = store.find_actors(name)
    if not found:
        print(f"telex: error: no actor matches {name!r}", file=sys.stderr)
        raise typer.Exit(1)
    return [actor.id for actor in found]


@query_app.command("events")
def query_events(
    db: DbOption = DEFAULT_DB,
    event_type: TypeOption = None,
    country: CountryOption = None,
    actor: ActorOption = None,
    date_from: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD.")] = None,
    limit: LimitOption = 100,
    output_format: FormatOption = QueryFormat.jsonl,
) -> None:
    """Events by type, country, actor and date range, in date order."""
    with _open_store(db) as store:
        where = EventFilter(
            type=event_type,
            country=country,
            actor=_actor_ids(store, actor),
            date_from=_date(date_from, "--from"),
            date_to=_date(date_to, "--to"),
        )
        _emit(store.events(where, limit=limit), output_format, _render_event)


def _render_event(e: EventRow) -> str:
    source = e.source_name or e.source_country or "?"
    target = e.target_name or e.target_country or "-"
    return f"{e.day or '????-??-??'}  {e.type:<10} {source} → {target}  “{_flat(e.text)}”"


def _flat(text: str) -> str:
    return " ".join(text.split())


@query_app.command("quotes")
def query_quotes(
    db: DbOption = DEFAULT_DB,
    speaker: Annotated[str | None, typer.Option(help="The speaker: actor name or id.")] = None,
    search: Annotated[str | None, typer.Option(help="Words the quote must contain.")] = None,
    limit: LimitOption = 100,
    output_format: FormatOption = QueryFormat.jsonl,
) -> None:
    """Quotes by speaker and/or words, newest first."""
    with _open_store(db) as store:
        quotes = store.quotes(speaker=_actor_ids(store, speaker), search=search, limit=limit)
        _emit(
            quotes,
            output_format,
            lambda q: f"{q.published or '-' * 10}  {q.speaker_name or '?'}: «{_flat(q.text)}»",
        )


@query_app.command("actors")
def query_actors(
    db: DbOption = DEFAULT_DB,
    search: Annotated[str | None, typer.Option(help="Part of a name or alias.")] = None,
    entity_type: Annotated[
        str | None, typer.Option("--type", help="PER, ORG, LOC or MISC.")
    ] = None,
    limit: LimitOption = 50,
    output_format: FormatOption = QueryFormat.jsonl,
) -> None:
    """Actors, most present first."""
    with _open_store(db) as store:
        actors = store.actors(
            search=search, types=[entity_type.upper()] if entity_type else None, limit=limit
        )
        _emit(
            actors,
            output_format,
            lambda a: (
                f"{a.id:>6}  {a.type:<4} {a.name}  ({a.country or '-'}, {a.n_articles} articles)"
            ),
        )


@query_app.command("actor")
def query_actor(
    name: Annotated[
        str, typer.Argument(help="A name, an alias or an actor id.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    output_format: FormatOption = QueryFormat.jsonl,
) -> None:
    """An actor's profile: names, roles, articles, quotes, events and co-occurring actors."""
    with _open_store(db) as store:
        found = store.find_actors(name)
        if not found:
            print(f"telex: error: no actor matches {name!r}", file=sys.stderr)
            raise typer.Exit(1)
        for other in found[1:]:
            print(
                f"telex: note: {name!r} also matches {other.name} (id {other.id})", file=sys.stderr
            )
        profile = store.actor(found[0].id)
        assert profile is not None
        _emit([profile], output_format, _render_profile)


def _render_profile(profile: ActorProfile) -> str:
    actor = profile.actor
    lines = [
        f"{actor.name}  [{actor.type}, id {actor.id}]  country: {actor.country or '-'}",
        f"  in {actor.n_articles} articles "
        f"({profile.first_seen or '?'} .. {profile.last_seen or '?'})",
    ]
    if profile.aliases:
        lines.append("  aliases: " + "; ".join(profile.aliases[:10]))
    if profile.roles:
        lines.append("  roles: " + "; ".join(f"{r.value} ×{r.count}" for r in profile.roles))
    for quote in profile.quotes[:10]:
        lines.append(f"  quote {quote.published or ''}: «{_flat(quote.text)[:120]}»")
    for event in profile.events[:10]:
        lines.append(f"  event {event.day or '?'} {event.type}: {_flat(event.text)[:100]}")
    if profile.co_actors:
        shared = (f"{c.actor.name} ×{c.n_articles}" for c in profile.co_actors[:10])
        lines.append("  with: " + ", ".join(shared))
    return "\n".join(lines)


@query_app.command("timeline")
def query_timeline(
    db: DbOption = DEFAULT_DB,
    event_type: TypeOption = None,
    country: CountryOption = None,
    actor: ActorOption = None,
    interval: Annotated[str, typer.Option(help="day, week, month or year.")] = "month",
    output_format: FormatOption = QueryFormat.jsonl,
) -> None:
    """Event counts per period and type."""
    with _open_store(db) as store:
        where = EventFilter(type=event_type, country=country, actor=_actor_ids(store, actor))
        try:
            points = store.timeline(where, interval=interval)
        except InputError as err:
            raise typer.BadParameter(str(err), param_hint="--interval") from err
        _emit(points, output_format, lambda p: f"{p.period}  {p.type:<10} {p.count}")


@query_app.command("search")
def query_search(
    words: Annotated[
        str, typer.Argument(help="Words every result must contain.", show_default=False)
    ],
    db: DbOption = DEFAULT_DB,
    limit: LimitOption = 20,
    output_format: FormatOption = QueryFormat.jsonl,
) -> None:
    """Full-text search over article titles and texts, best match first."""
    with _open_store(db) as store:
        _emit(store.articles(search=words, limit=limit), output_format, _render_hit)


def _render_hit(a: ArticleSummary) -> str:
    snippet = "".join(s.text.upper() if s.hit else s.text for s in a.snippet)
    header = f"{a.id}  {a.published or '-' * 10}  {a.title or a.source_id or ''}"
    return f"{header}\n    {_flat(snippet)}"


class ExportFormat(enum.StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


@app.command("export")
def export_corpus(
    db: DbOption = DEFAULT_DB,
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: every analysis; csv, parquet: one table; "
            "gdelt: a GDELT-style event table (TSV).",
        ),
    ] = ExportFormat.jsonl,
    table: Annotated[
        str, typer.Option(help=f"For csv and parquet: {', '.join(exporting.TABLES)}.")
    ] = "events",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout when absent).")
    ] = None,
) -> None:
    """Write a corpus out as JSONL, CSV, Parquet or a GDELT-style event table."""
    with _open_store(db) as store:
        try:
            count = exporting.export(store, export_format.value, table=table, output=output)
        except TelexError as err:
            print(f"telex: error: {err}", file=sys.stderr)
            raise typer.Exit(1) from err
    print(f"telex: exported {count} rows", file=sys.stderr)


def _loopback(host: str) -> bool:
    """Whether only this machine can reach `host`: localhost, 127.0.0.0/8, ::1."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: it may resolve to any interface


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to listen on; any but loopback needs --token.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="TELEX_TOKEN",
            show_default=False,
            help="Every request must carry it: API clients send 'Authorization: Bearer TOKEN', "
            "a browser opens any page once with ?token=TOKEN (then a cookie carries it). "
            f"At least {MIN_TOKEN} characters. Required to listen beyond loopback.",
        ),
    ] = None,
) -> None:
    """Browse a corpus: a dashboard and a JSON API (docs at /docs), offline."""
    try:
        import uvicorn

        from telex.web import WebSettings, create_app
    except ImportError as err:
        print(
            f"telex: error: serving needs FastAPI and uvicorn: reinstall telex ({err})",
            file=sys.stderr,
        )
        raise typer.Exit(1) from err
    token = token or None
    if token is None and not _loopback(host):
        print(
            f"telex: error: refusing to serve on {host} without a token: anyone who can reach "
            "it could read the corpus; add --token SECRET (or set TELEX_TOKEN), or serve on "
            "127.0.0.1",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    if token is not None and len(token) < MIN_TOKEN:
        print(
            f"telex: error: --token has {len(token)} characters, give at least {MIN_TOKEN} "
            "(a short one can be guessed): python3 -c 'import secrets; "
            "print(secrets.token_urlsafe())'",
            file=sys.stderr,
        )
        raise typer.Exit(2)
    _open_store(db).close()
    settings = WebSettings(db=db, token=SecretStr(token) if token else None)
    where = f"http://{host}:{port}/"
    if token is None:
        print(f"telex: serving {db} on {where} (API docs at /docs)", file=sys.stderr)
    else:
        print(
            f"telex: serving {db} on {where} (API docs at /docs); every request needs the token: "
            "open the address once with ?token=… in a browser, or send "
            "'Authorization: Bearer …'",
            file=sys.stderr,
        )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")

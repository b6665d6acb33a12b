"""Builds a corpus: read articles, analyse the new ones, store each in its own transaction.

Articles already in the store (same text, so same content id) are skipped before analysis, so a
second run costs only the reading, and a run that was killed picks up where it stopped. Shards
written by `telex batch` carry their analyses and are stored without analysing them again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from telex.article import Article, content_id
from telex.batch import carries_analysis, stored_analysis
from telex.errors import InputError, TelexError
from telex.ingest import Problem
from telex.language import language_problem
from telex.pipeline import analyze_many
from telex.schema import Analysis
from telex.store import Store


@dataclass(slots=True)
class IngestSummary:
    """What a run did: articles added, already there, and the inputs that failed (with reasons)."""

    read: int = 0
    added: int = 0
    present: int = 0
    not_french: int = 0
    """Articles left out because they do not look French (`skip_non_french`)."""
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


@dataclass(slots=True)
class Plan:
    """What a run has to store: content ids of the new articles in input order, and the
    articles themselves where the input cannot be read a second time (stdin, URLs)."""

    ids: dict[str, None] = field(default_factory=dict)
    articles: list[Article] | None = None
    fresh: int = 0
    """How many need the model (the others carry their analysis, from `telex batch`)."""

    def __len__(self) -> int:
        return len(self.ids)


def plan(
    items: Iterable[Article | Problem],
    store: Store,
    summary: IngestSummary,
    *,
    skip_non_french: bool = False,
    keep: bool = True,
) -> Plan:
    """The articles still to analyse; the rest is counted in `summary`, problems reported there.

    With `keep` the articles are kept for `ingest`; without it only their ids, so that memory
    does not grow with the input, and `planned_articles` reads them again. An article that does
    not look French gets a warning, and is left out with `skip_non_french`.
    """
    found = Plan(articles=[] if keep else None)
    for item in items:
        if isinstance(item, Problem):
            (summary.failed if item.skipped else summary.warnings).append(item)
            continue
        summary.read += 1
        ident = content_id(item.text)
        if ident in found.ids or store.contains(ident):
            summary.present += 1
            continue
        problem = language_problem(item.text)
        if problem and skip_non_french:
            summary.not_french += 1
            summary.warnings.append(
                Problem(str(item.id), f"{problem}; skipped (--non-french skip)", skipped=False)
            )
            continue
        if problem:
            summary.warnings.append(
                Problem(
                    str(item.id), f"{problem}; analysed anyway, expect poor results", skipped=False
                )
            )
        article = _planned(item, ident)
        found.ids[ident] = None
        found.fresh += not carries_analysis(article)
        if found.articles is not None:
            found.articles.append(article)
    return found


def planned_articles(items: Iterable[Article | Problem], planned: Plan) -> Iterator[Article]:
    """The articles of `planned`, read again from the same inputs, each once, in input order
    (its problems were reported when planning)."""
    if planned.articles is not None:
        yield from planned.articles
        return
    left = dict(planned.ids)
    for item in items:
        if not left:
            return
        if isinstance(item, Problem):
            continue
        ident = content_id(item.text)
        if ident in left:
            del left[ident]
            yield _planned(item, ident)


def _planned(item: Article, ident: str) -> Article:
    """An article to store: its content id as `id`, its input's id in `metadata["source_id"]`,
    so that analyses can be matched back to their articles."""
    return Article(
        text=item.text,
        id=ident,
        published=item.published,
        title=item.title,
        source=item.source,
        url=item.url,
        metadata={**item.metadata, "source_id": item.id},
    )


def ingest(
    articles: Iterable[Article],
    store: Store,
    summary: IngestSummary,
    *,
    batch_size: int = 16,
    on_article: Callable[[Article], None] | None = None,
    workers: int = 1,
) -> IngestSummary:
    """Analyse `articles` (from `plan`) through `analyze_many` and store each as it comes.

    Articles read from `telex batch` shards carry their analysis (`telex.batch.stored_analysis`)
    and are stored as they are, without analysing them again.

    Args:
        articles: the planned articles (`planned_articles`), read as they are analysed.
        store: the corpus to write to.
        summary: counts to update.
        batch_size: articles per `nlp.pipe` batch.
        on_article: called after each article is stored or has failed (for progress bars).
        workers: processes to analyse in (`analyze_many`).
    """
    stream = iter(articles)
    first = next(stream, None)
    if first is None:
        return summary  # nothing new: no model to load
    articles = chain([first], stream)
    # Articles handed to the analysis and not yet stored: a few chunks at most.
    pending: dict[str, Article] = {}

    def failed(article: Article, err: TelexError) -> None:
        pending.pop(str(article.id), None)
        source_id = article.metadata.get("source_id", article.id)
        summary.failed.append(Problem(str(source_id), str(err)))
        if on_article:
            on_article(article)

    def save(planned: Article, analysis: Analysis) -> None:
        original = Article(
            text=planned.text,
            id=planned.metadata.get("source_id"),
            published=planned.published,
            title=planned.title,
            source=planned.source,
            url=planned.url,
        )
        if store.add(original, analysis):
            summary.added += 1
        else:
            summary.present += 1
        if on_article:
            on_article(planned)

    def to_analyse() -> Iterator[Article]:
        for planned in articles:
            try:
                stored = stored_analysis(planned)
            except InputError as err:
                failed(planned, err)
                continue
            if stored is None:
                pending[str(planned.id)] = planned
                yield planned
            else:
                save(planned, stored)

    for analysis in analyze_many(
        to_analyse(), batch_size=batch_size, on_error=failed, workers=workers
    ):
        save(pending.pop(analysis.id), analysis)
    return summary

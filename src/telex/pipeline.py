"""The only place that knows the order of components: builds the spaCy pipeline and runs it.

`analyze` is a pure function of an article, so batches and distributed runs map it over shards.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from functools import cache
from typing import NoReturn, cast

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.util import compile_infix_regex, compile_prefix_regex

from telex import components  # noqa: F401  (registers the telex_* factories)
from telex.article import Article, parse_published
from telex.errors import AnalysisError, ConfigError, InputError, TelexError
from telex.extensions import register_extensions
from telex.schema import Analysis

MODEL = "fr_core_news_md"
# Model components telex does not use; excluding them saves load time and memory.
UNUSED = ("senter",)
# telex components, in order: each reads what the ones before it wrote.
COMPONENTS = (
    "telex_ruler",
    "telex_timexes",
    "telex_entities",
    "telex_quotes",
    "telex_places",
    "telex_events",
)
# Articles longer than this are refused: parsing cost and memory grow with length, and no
# news article comes near it (the longest in the development corpus is ~60,000 characters).
MAX_CHARS = 300_000


@cache
def load_pipeline(model: str = MODEL) -> Language:
    """Load the French model with telex's components (once per process)."""
    register_extensions()
    try:
        nlp = spacy.load(model, exclude=list(UNUSED))
    except OSError as err:
        raise ConfigError(
            f"cannot load the spaCy model {model!r}: reinstall telex, which depends on it"
        ) from err
    _split_quote_marks(nlp)
    # The model's statistical sentence splitter is more accurate on news than the parser's
    # boundaries (it splits every sentence of the seed article right); the parser respects it.
    senter_source = spacy.load(model, exclude=[p for p in nlp.pipe_names])
    nlp.add_pipe("senter", source=senter_source, before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    nlp.max_length = MAX_CHARS + 1
    # A component that raises on an article becomes an AnalysisError naming it, which
    # `analyze_many` reports as that article's failure instead of ending the run. spaCy's parser
    # and NER cannot take a handler (`set_error_handler` raises AttributeError on them).
    nlp.default_error_handler = _component_failed
    for _, component in nlp.pipeline:
        if hasattr(component, "set_error_handler"):
            with suppress(AttributeError):
                component.set_error_handler(_component_failed)
    return nlp


def _component_failed(name: str, proc: object, docs: list[Doc], err: Exception) -> NoReturn:
    """spaCy's error handler: a component that raises becomes an AnalysisError naming it."""
    raise AnalysisError(
        f"{name} failed ({type(err).__name__}: {err}); this is a bug in telex, please report it "
        "with the article"
    ) from err


# Quotation marks glued to words ("jaunes»Le", "dit:«non»") are tokens of their own, so that
# names and quotes never swallow them.
_QUOTE_MARKS = r"[«»“”„‹›\"]"


def _split_quote_marks(nlp: Language) -> None:
    tokenizer = cast(Tokenizer, nlp.tokenizer)
    infixes = [*(nlp.Defaults.infixes or ()), _QUOTE_MARKS]
    prefixes = [*(nlp.Defaults.prefixes or ()), _QUOTE_MARKS]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search


def make_doc(nlp: Language, article: Article) -> Doc:
    """Tokenise an article and attach its metadata, ready for the pipeline."""
    if len(article.text) > MAX_CHARS:
        raise InputError(
            f"article {article.id} has {len(article.text):,} characters, over the limit of "
            f"{MAX_CHARS:,}; split it into smaller articles"
        )
    doc = nlp.make_doc(article.text)
    doc._.set("published", article.published)
    return doc


def doc_to_analysis(doc: Doc, article: Article) -> Analysis:
    """Collect what the components wrote on the doc into the output contract."""
    published: dt.date | None = article.published
    return Analysis(
        id=str(article.id),
        lang="fr",
        published=published.isoformat() if published else None,
        title=article.title,
        source=article.source,
        url=article.url,
        entities=doc._.entities or [],
        quotes=doc._.quotes or [],
        timexes=doc._.timexes or [],
        places=doc._.places or [],
        events=doc._.events or [],
    )


def as_article(item: Article | str, published: object = None) -> Article:
    """Accept an Article or bare text; `published` fills in a missing date."""
    if isinstance(item, Article):
        if item.published is None and published is not None:
            return Article(
                text=item.text,
                id=item.id,
                published=parse_published(published),
                title=item.title,
                source=item.source,
                url=item.url,
                metadata=item.metadata,
            )
        return item
    if isinstance(item, str):
        return Article(text=item, published=parse_published(published))
    raise InputError(f"cannot analyse a {type(item).__name__}: give an Article or a string")


def analyze(text_or_article: Article | str, *, published: object = None) -> Analysis:
    """Analyse one article: entities, quotes, dates, places and events grounded in its text.

    Args:
        text_or_article: the article, or its text alone.
        published: publication date (date or YYYY-MM-DD) when the article does not carry one.
    """
    article = as_article(text_or_article, published)
    nlp = load_pipeline()
    return _analyze_one(nlp, article)


def _analyze_one(nlp: Language, article: Article) -> Analysis:
    doc = make_doc(nlp, article)
    try:
        doc = nlp(doc)
    except AnalysisError as err:
        raise AnalysisError(f"article {article.id}: {err}") from err
    return doc_to_analysis(doc, article)


def analyze_many(
    articles: Iterable[Article | str],
    *,
    published: object = None,
    batch_size: int = 16,
    on_error: Callable[[Article, TelexError], None] | None = None,
    workers: int = 1,
) -> Iterator[Analysis]:
    """Analyse a stream of articles through `nlp.pipe`, in order, with constant memory.

    Args:
        articles: articles or bare texts.
        published: publication date for articles that carry none.
        batch_size: articles per `nlp.pipe` batch.
        on_error: called with an article that cannot be analysed (too long: InputError; a
            component failed on it: AnalysisError), which is then skipped; without it the error
            is raised. Either way the articles before it are yielded first.
        workers: processes to analyse in, each loading the pipeline once (`telex.batch`); the
            analyses are the same, in the same order, whatever the number.
    """
    if workers != 1:
        # -- the batch path: chunks of articles on worker processes (telex.batch) --
        from telex.batch import analyze_parallel

        yield from analyze_parallel(
            (as_article(item, published) for item in articles),
            workers=workers,
            batch_size=batch_size,
            on_error=on_error,
        )
        return
    nlp = load_pipeline()
    stream = iter(articles)
    # Articles handed to spaCy and not yet yielded: when a component fails, spaCy loses the
    # whole batch, so these are analysed again one by one to find the one that fails.
    in_flight: deque[Article] = deque()

    def docs() -> Iterator[tuple[Doc, Article]]:
        for item in stream:
            article = as_article(item, published)
            try:
                doc = make_doc(nlp, article)
            except InputError as err:
                if on_error is None:
                    raise
                on_error(article, err)
                continue
            in_flight.append(article)
            yield doc, article

    while True:
        try:
            for doc, article in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
                in_flight.popleft()
                yield doc_to_analysis(doc, article)
            return
        except AnalysisError:
            failed_batch = list(in_flight)
            in_flight.clear()
        for article in failed_batch:
            try:
                analysis = _analyze_one(nlp, article)
            except AnalysisError as err:
                if on_error is None:
                    raise
                on_error(article, err)
                continue
            yield analysis

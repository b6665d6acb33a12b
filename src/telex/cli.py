"""The `telex` command line: thin commands over the public API.

Results go to stdout, problems to stderr as one line each (`telex: error: WHERE: WHAT`).
Exit status: 0 all went well, 1 some input was skipped, 2 bad usage.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Iterator
from typing import Annotated

import typer

from telex import kb
from telex.article import Article, parse_published
from telex.errors import InputError, TelexError
from telex.ingest import Problem, read_inputs
from telex.language import language_problem
from telex.pipeline import analyze_many
from telex.report import render_table

app = typer.Typer(
    name="telex",
    help="Offline, French-first news intelligence: entities, quotes, dates, places and events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class OutputFormat(str, enum.Enum):
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


def _articles(paths: list[str], published: dt.date | None, report: _Reporter) -> Iterator[Article]:
    for item in read_inputs(paths, published=published):
        if isinstance(item, Problem):
            report(item)
            continue
        warning = language_problem(item.text)
        if warning:
            report(Problem(str(item.id), warning, skipped=False))
        yield item


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
) -> None:
    """Analyse articles and print entities, quotes, dates, places and events."""
    anchor = _published(published)
    report = _Reporter()

    def too_long(article: Article, err: InputError) -> None:
        report(Problem(str(article.id), str(err)))

    try:
        results = analyze_many(_articles(paths, anchor, report), on_error=too_long)
        if output_format is OutputFormat.json:
            first = True
            sys.stdout.write("[")
            for analysis in results:
                sys.stdout.write(
                    ("\n" if first else ",\n")
                    + json.dumps(analysis.to_dict(), ensure_ascii=False, indent=1)
                )
                first = False
            sys.stdout.write("\n]\n" if not first else "]\n")
        else:
            for analysis in results:
                if output_format is OutputFormat.jsonl:
                    sys.stdout.write(json.dumps(analysis.to_dict(), ensure_ascii=False) + "\n")
                else:
                    sys.stdout.write(render_table(analysis) + "\n")
                sys.stdout.flush()
    except TelexError as err:
        print(f"telex: error: {err}", file=sys.stderr)
        raise typer.Exit(1) from err
    except BrokenPipeError:
        # The reader went away (`telex analyze … | head`): stop quietly.
        sys.stderr.close()
        raise typer.Exit(0) from None
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
            print(json.dumps(record, ensure_ascii=False))
        return
    if default is None:
        print(f"{name!r} is ambiguous: {len(found)} actors share it and none is the default")
    elif len(found) > 1:
        print(f"{name!r} is shared by {len(found)} actors; the first is its default reading")
    print("\n\n".join(_describe_actor(actor) for actor in found))

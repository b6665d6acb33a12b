"""Reads JSONL articles, one JSON object a line (`id, text, published, title, source, url`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from telex.article import Article, parse_published
from telex.errors import InputError
from telex.ingest.problem import Problem


def read_jsonl_lines(
    lines: Iterable[str], where: str, *, published: object = None
) -> Iterator[Article | Problem]:
    """Yield one Article per valid line and a Problem (with its line number) per bad one."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        at = f"{where}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(at, f"not valid JSON ({err.msg} at column {err.colno})")
            continue
        if not isinstance(record, dict):
            yield Problem(at, f"expected a JSON object, got {type(record).__name__}")
            continue
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Problem(at, "no 'text' field with the article text")
            continue
        record = dict(record)
        try:
            record["published"] = parse_published(record.get("published")) or published
        except InputError as err:
            yield Problem(at, f"{err}; analysed without a publication date", skipped=False)
            record["published"] = published
        if record.get("id") is None:
            record["id"] = at
        try:
            yield Article.from_record(record)
        except InputError as err:
            yield Problem(at, str(err))

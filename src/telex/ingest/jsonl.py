"""Reads JSONL articles, one JSON object a line (`id, text, published, title, source, url`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from telex.article import Article, parse_published
from telex.errors import InputError
from telex.ingest.problem import Problem
from telex.ingest.text import UTF8, check_text, decode_text


def read_jsonl_lines(
    lines: Iterable[str], where: str, *, published: object = None
) -> Iterator[Article | Problem]:
    """Yield one Article per valid line and a Problem (with its line number) per bad one."""
    for number, line in enumerate(lines, 1):
        yield from read_jsonl_line(line, number, where, published=published)


def read_jsonl_file(
    file: BinaryIO, where: str, *, published: object = None
) -> Iterator[Article | Problem]:
    """Articles of a JSONL file read a line at a time, so that memory does not grow with the
    file. Lines in another encoding than UTF-8 are decoded as Windows-1252 or Latin-1, with one
    warning for the file."""
    try:
        check_text(file.read(8192))
    except InputError as err:
        yield Problem(where, str(err))
        return
    file.seek(0)
    number = 0
    warned = False
    for raw in file:  # split at b"\n" only: U+2028 or U+0085 may stand unescaped in JSON
        for piece in _line_pieces(raw):
            number += 1
            line, encoding = decode_text(piece)
            if encoding != UTF8 and not warned:
                warned = True
                yield Problem(where, f"not UTF-8: decoded as {encoding}", skipped=False)
            yield from read_jsonl_line(line, number, where, published=published)


def _line_pieces(raw: bytes) -> list[bytes]:
    """A line of the file without its end; a lone carriage return also ends a line."""
    if raw.endswith(b"\r\n"):
        raw = raw[:-2]
    elif raw.endswith(b"\n"):
        raw = raw[:-1]
    return raw.split(b"\r")


def read_jsonl_line(
    line: str, number: int, where: str, *, published: object = None
) -> Iterator[Article | Problem]:
    """The article of line `number` of a JSONL input, or the Problem with it; nothing for a
    blank line."""
    if not line.strip():
        return
    at = f"{where}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        yield Problem(at, f"not valid JSON ({err.msg} at column {err.colno})")
        return
    if not isinstance(record, dict):
        yield Problem(at, f"expected a JSON object, got {type(record).__name__}")
        return
    yield from read_record(dict(record), at, published=published)


def read_record(
    record: dict[str, object], at: str, *, published: object = None, field: str = "field"
) -> Iterator[Article | Problem]:
    """The article of one record (a JSONL object, a Parquet row) found `at`, or the Problem
    with it; the record is changed in place."""
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        yield Problem(at, f"no 'text' {field} with the article text")
        return
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

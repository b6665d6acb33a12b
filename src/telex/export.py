"""Writes a corpus out: JSONL analyses, CSV or Parquet tables, and a GDELT-style event table.

`jsonl` is one stored article a line: the output contract plus `source_id`, `text` and the corpus
`actors` of its entities. `csv` and `parquet` write one table of the store (`events` by
default). `gdelt` writes events as tab-separated values with GDELT-like column names: date,
actor codes, CAMEO root, PLOVER type, place, coordinates, URL and the evidence sentence.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from telex.errors import InputError
from telex.query import EventFilter, EventRow
from telex.store import EXPORT_TABLES, Store

FORMATS = ("jsonl", "csv", "parquet", "gdelt")
TABLES = tuple(EXPORT_TABLES)
GDELT_COLUMNS = (
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventRootCode",
    "PloverType",
    "PloverMode",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "SOURCEURL",
    "Evidence",
    "ArticleID",
)


# JSON lets these stand unescaped inside strings, but str.splitlines() and older JavaScript take
# them for line ends: escaped, one object always stays one line.
_LINE_ENDS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"})


def json_text(value: Any, *, indent: int | None = None) -> str:
    """JSON for JSONL and JSON outputs: UTF-8 text as is, but no character that ends a line."""
    return json.dumps(value, ensure_ascii=False, indent=indent).translate(_LINE_ENDS)


def write_jsonl(store: Store, out: TextIO) -> int:
    """Every article as one JSON object a line; returns how many."""
    count = 0
    for article in store.iter_articles():
        out.write(json_text(article.model_dump(mode="json")) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: TextIO, *, table: str = "events") -> int:
    """One table of the store as CSV with a header row; returns the number of rows."""
    columns, rows = store.rows(table)
    writer = csv.writer(out)
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow(row)
        count += 1
    return count


def write_parquet(store: Store, path: Path, *, table: str = "events") -> int:
    """One table of the store as a Parquet file; returns the number of rows.

    Raises:
        InputError: pyarrow is not installed.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise InputError("Parquet export needs pyarrow: pip install 'telex[parquet]'") from err
    columns, rows = store.rows(table)
    data: dict[str, list[Any]] = {column: [] for column in columns}
    for row in rows:
        for column, value in zip(columns, row, strict=True):
            data[column].append(value)
    pq.write_table(pa.table(data), path)
    return len(data[columns[0]]) if columns else 0


def gdelt_rows(events: Iterator[EventRow]) -> Iterator[tuple[str, ...]]:
    """Events as GDELT-style rows of strings (empty string for unknown)."""
    for event in events:
        values: tuple[object, ...] = (
            f"{event.article_id}:{event.id}",
            (event.day or "").replace("-", ""),
            event.source_code,
            event.source_name,
            event.source_country,
            event.target_code,
            event.target_name,
            event.target_country,
            event.cameo_root,
            event.type,
            event.mode,
            event.place_name,
            event.place_country,
            event.lat,
            event.lon,
            event.url,
            event.text,
            event.article_id,
        )
        # Tabs and line breaks inside a field would break the table.
        yield tuple("" if v is None else " ".join(str(v).split()) for v in values)


def write_gdelt(store: Store, out: TextIO, *, where: EventFilter | None = None) -> int:
    """Events as a GDELT-style tab-separated table with a header row; returns the number of rows."""
    out.write("\t".join(GDELT_COLUMNS) + "\n")
    count = 0
    for row in gdelt_rows(store.iter_events(where)):
        out.write("\t".join(row) + "\n")
        count += 1
    return count


def export(store: Store, fmt: str, *, table: str = "events", output: Path | None = None) -> int:
    """Write the corpus in `fmt` to `output` (stdout when None); returns the rows written.

    Raises:
        InputError: unknown format or table, Parquet without a file or without pyarrow.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if table not in EXPORT_TABLES:
        raise InputError(f"unknown table {table!r}: choose one of {', '.join(TABLES)}")
    if fmt == "parquet":
        if output is None:
            raise InputError("Parquet is binary: give a file with --output")
        return write_parquet(store, output, table=table)
    out = sys.stdout if output is None else output.open("w", encoding="utf-8", newline="")
    try:
        if fmt == "jsonl":
            return write_jsonl(store, out)
        if fmt == "csv":
            return write_csv(store, out, table=table)
        return write_gdelt(store, out)
    finally:
        if output is not None:
            out.close()

"""Loaders for language data files: word lists, tables and TOML, one folder per language.

Language knowledge lives in `lang/<code>/` as data; components read it through these loaders,
each into its own typed structure. Adding a language means adding a folder, not editing logic.
"""

from __future__ import annotations

import csv
import io
import tomllib
from functools import cache
from importlib import resources
from typing import Any

from telex.errors import DataError

SUPPORTED = ("fr",)


def _read(lang: str, name: str) -> str:
    if lang not in SUPPORTED:
        raise DataError(f"language {lang!r} is not supported; telex has data for {SUPPORTED}")
    path = resources.files("telex.lang").joinpath(lang, name)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError(f"language data file lang/{lang}/{name} is missing") from err


@cache
def read_list(lang: str, name: str) -> tuple[str, ...]:
    """A `.txt` list: one item a line, `#` starts a comment, blank lines ignored."""
    items = []
    for line in _read(lang, name).splitlines():
        item = line.split("#", 1)[0].strip()
        if item:
            items.append(item)
    return tuple(items)


@cache
def read_table(lang: str, name: str) -> tuple[dict[str, str], ...]:
    """A `.tsv` table with a header row; `#` lines are comments."""
    return parse_table(_read(lang, name), f"lang/{lang}/{name}")


@cache
def read_data_table(name: str) -> tuple[dict[str, str], ...]:
    """A language-independent table under telex/data, read like `read_table`."""
    try:
        text = resources.files("telex").joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise DataError(f"data file data/{name} is missing") from err
    return parse_table(text, f"data/{name}")


def parse_table(text: str, where: str) -> tuple[dict[str, str], ...]:
    """Rows of a tab-separated table with a header row; `#` lines are comments."""
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for number, row in enumerate(reader, 2):
        if None in row or any(value is None for value in row.values()):
            raise DataError(f"{where}: row {number} does not match the header")
        rows.append({key: value.strip() for key, value in row.items()})
    return tuple(rows)


@cache
def read_toml(lang: str, name: str) -> dict[str, Any]:
    """A `.toml` file of nested hand-edited data."""
    try:
        return tomllib.loads(_read(lang, name))
    except tomllib.TOMLDecodeError as err:
        raise DataError(f"lang/{lang}/{name}: {err}") from err

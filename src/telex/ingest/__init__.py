"""Turns paths, directories, URLs and stdin into Articles, reporting what cannot be read.

Readers never raise on bad input: they yield a `Problem` naming the input and go on, so one
broken file or line never costs the rest of a run.
"""

from __future__ import annotations

import re
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from pathlib import Path

from telex.article import Article, parse_published
from telex.errors import InputError
from telex.ingest.html import read_html
from telex.ingest.jsonl import read_jsonl_file, read_jsonl_lines
from telex.ingest.problem import Problem
from telex.ingest.rss import looks_like_feed, read_feed
from telex.ingest.text import UTF8, decode

HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
SUFFIXES = (".txt", ".jsonl", *HTML_SUFFIXES, *FEED_SUFFIXES)
URL_SCHEMES = ("http://", "https://")
# Seconds to wait for a web server before reporting the URL as unreachable.
URL_TIMEOUT = 30
_LINE_END = re.compile("\r\n|\r|\n")
__all__ = ["SUFFIXES", "URL_SCHEMES", "Problem", "read_inputs"]


def read_inputs(paths: Iterable[str], *, published: object = None) -> Iterator[Article | Problem]:
    """Yield the articles of every path (file, directory, or `-` for stdin), in order.

    Args:
        paths: `.txt` files (one article each), `.jsonl` files (one article a line), `.html`
            pages, RSS/Atom feeds (`.rss`, `.atom`, `.xml`), directories of them (recursively),
            http(s) URLs of a page or a feed, or `-` for stdin (JSONL when every line is a JSON
            object, else one text article).
        published: publication date for articles that carry none.
    """
    for raw in paths:
        if raw == "-":
            yield from _read_stdin(published)
            continue
        if raw.startswith(URL_SCHEMES):
            yield from _read_url(raw, published)
            continue
        path = Path(raw)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES)
            if not files:
                yield Problem(raw, f"directory has no {' or '.join(SUFFIXES)} files")
            for file in files:
                yield from _read_file(file, published)
        elif path.is_file():
            yield from _read_file(path, published)
        elif path.exists():
            yield Problem(raw, "not a regular file")
        else:
            yield Problem(raw, "no such file or directory")


def _read_file(path: Path, published: object) -> Iterator[Article | Problem]:
    where = str(path)
    if path.suffix == ".jsonl":
        try:
            with path.open("rb") as file:
                yield from read_jsonl_file(file, where, published=published)
        except OSError as err:
            yield Problem(where, f"cannot read: {err.strerror or err}")
        return
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Problem(where, f"cannot read: {err.strerror or err}")
        return
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        yield from read_html(data, where, path.stem, published=published)
        return
    if suffix in FEED_SUFFIXES:
        yield from read_feed(data, where, published=published)
        return
    yield from _read_bytes(data, where, path.stem, jsonl=False, published=published)


def _read_url(url: str, published: object) -> Iterator[Article | Problem]:
    """A web page or a feed, fetched when the network is there."""
    request = urllib.request.Request(url, headers={"User-Agent": "telex"})
    try:
        with urllib.request.urlopen(request, timeout=URL_TIMEOUT) as response:
            data = response.read()
            final_url = response.geturl()
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", None) or err
        yield Problem(url, f"cannot fetch: {reason}")
        return
    if looks_like_feed(data):
        yield from read_feed(data, url, published=published)
    else:
        yield from read_html(data, url, url, url=final_url, published=published)


def _read_stdin(published: object) -> Iterator[Article | Problem]:
    data = sys.stdin.buffer.read()
    lines = [line for line in data.splitlines() if line.strip()]
    jsonl = bool(lines) and all(line.lstrip().startswith(b"{") for line in lines)
    yield from _read_bytes(data, "<stdin>", "stdin", jsonl=jsonl, published=published)


def _read_bytes(
    data: bytes, where: str, stem: str, *, jsonl: bool, published: object
) -> Iterator[Article | Problem]:
    try:
        text, encoding = decode(data)
    except InputError as err:
        yield Problem(where, str(err))
        return
    if encoding != UTF8:
        yield Problem(where, f"not UTF-8: decoded as {encoding}", skipped=False)
    if jsonl:
        # Only \n, \r\n and \r end a JSONL line: str.splitlines() also cuts at U+2028 or U+0085,
        # which JSON strings may hold unescaped, and the article would be lost.
        yield from read_jsonl_lines(_LINE_END.split(text), where, published=published)
        return
    if not text.strip():
        yield Problem(where, "no text: the file holds only whitespace")
        return
    try:
        yield Article(text=text, id=stem, published=parse_published(published))
    except InputError as err:
        yield Problem(where, str(err))

"""Reads RSS and Atom feeds with feedparser: one article per entry.

An entry's text is its full content when the feed carries it, else its summary; the HTML in it
is reduced to plain text, one paragraph a line. Feeds often carry only summaries: give the
articles' pages (`.html`) for full texts.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

from telex.article import Article, parse_published
from telex.errors import InputError
from telex.ingest.html import HIDDEN_ELEMENTS, http_url
from telex.ingest.problem import Problem

MISSING = "reading feeds needs feedparser: reinstall telex"
# Elements after which a line ends when HTML is reduced to text.
_BLOCKS = frozenset(
    ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
)
# <embed> has no content nor an end tag; a fragment's <head> and <title> are not its text.
_HIDDEN = (frozenset(HIDDEN_ELEMENTS) - {"embed"}) | {"head", "title"}
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")


def looks_like_feed(data: bytes) -> bool:
    """Whether a document is an RSS or Atom feed rather than a web page."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


class _TextOf(HTMLParser):
    """Collects the text of an HTML fragment, leaving out what hidden elements hold.

    The standard library's parser, because it takes any string: lxml refuses fragments with a
    control character or a second <html> in them.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden: list[str] = []  # the hidden elements open around the current position

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden.append(tag)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.hidden:
            del self.hidden[len(self.hidden) - 1 - self.hidden[::-1].index(tag) :]
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one block a line."""
    if "<" in fragment or "&" in fragment:
        parser = _TextOf()
        parser.feed(fragment)
        parser.close()
        fragment = "".join(parser.parts)
    lines = (_SPACES.sub(" ", line).strip() for line in fragment.splitlines())
    return "\n".join(line for line in lines if line)


def _date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def read_feed(
    data: bytes | str, where: str, *, published: object = None
) -> Iterator[Article | Problem]:
    """Yield one Article per feed entry with text, and a Problem per entry without."""
    try:
        import feedparser
    except ImportError:
        yield Problem(where, MISSING)
        return
    # No sanitizing: it strips tags but keeps what an <iframe> or <template> holds; the text is
    # taken below, dropping such elements whole, and is never shown as HTML.
    feed = feedparser.parse(data, sanitize_html=False)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield Problem(where, f"not an RSS or Atom feed with entries{reason}")
        return
    source = html_text(feed.feed.get("title") or "") or None
    for number, entry in enumerate(feed.entries, 1):
        at = f"{where}#{number}"
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        text = html_text(body or "")
        if not text:
            yield Problem(at, "feed entry has no text (neither content nor summary)")
            continue
        link = http_url(entry.get("link"))
        try:
            yield Article(
                text=text,
                id=entry.get("id") or link or at,
                published=_date(entry) or parse_published(published),
                title=html_text(entry.get("title") or "") or None,
                source=source,
                url=link,
            )
        except InputError as err:
            yield Problem(at, str(err))

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
from typing import Any

from telex.article import Article, parse_published
from telex.errors import InputError
from telex.ingest.problem import Problem

MISSING = "reading feeds needs feedparser: reinstall telex"
# Elements after which a line ends when HTML is reduced to text.
_BLOCKS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")
_SPACES = re.compile(r"[ \t\r\f\v\xa0]+")


def looks_like_feed(data: bytes) -> bool:
    """Whether a document is an RSS or Atom feed rather than a web page."""
    head = data[:2048].lstrip().lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one block a line."""
    if "<" not in fragment:
        return "\n".join(_SPACES.sub(" ", line).strip() for line in fragment.splitlines()).strip()
    import lxml.html

    root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
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
    feed = feedparser.parse(data)
    if not feed.entries:
        reason = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        yield Problem(where, f"not an RSS or Atom feed with entries{reason}")
        return
    source = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, 1):
        at = f"{where}#{number}"
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        text = html_text(body or "")
        if not text:
            yield Problem(at, "feed entry has no text (neither content nor summary)")
            continue
        link = entry.get("link") or None
        try:
            yield Article(
                text=text,
                id=entry.get("id") or link or at,
                published=_date(entry) or parse_published(published),
                title=entry.get("title") or None,
                source=source,
                url=link,
            )
        except InputError as err:
            yield Problem(at, str(err))

"""Reads a news web page: trafilatura finds the article body, title, date, URL and site name.

Menus, cookie banners, "read also" boxes, comments and footers are left out. The page's own
publication date wins; the `published` given by the user is the fallback for pages without one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from telex.article import Article, parse_published
from telex.errors import InputError
from telex.ingest.problem import Problem

LOGGER = logging.getLogger(__name__)
MISSING = "reading HTML needs trafilatura: reinstall telex"
# Elements whose content is never article text: code, embedded documents, form controls and
# inert markup. trafilatura drops most of them itself but keeps what a <template> holds.
HIDDEN_ELEMENTS = (
    "script",
    "style",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "iframe",
    "frame",
    "object",
    "embed",
    "applet",
    "svg",
    "math",
    "canvas",
    "audio",
    "video",
    "textarea",
    "select",
    "button",
)

# Elements without content that libxml2 takes for containers: it puts what follows them inside,
# and trafilatura, dropping <embed> or <source>, would drop the rest of the article with them.
_UNKNOWN_VOID = ("embed", "source", "track", "wbr", "keygen")


def http_url(url: str | None) -> str | None:
    """A page's or a feed entry's URL, kept only when it is http(s): never `javascript:`."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def html_to_article(
    html: bytes | str, *, where: str, stem: str, url: str | None = None, published: object = None
) -> Article:
    """The article of one HTML page.

    Args:
        html: the page (bytes are decoded by trafilatura, which reads the page's charset).
        where: the file or URL, for messages.
        stem: the source id when the page states no URL.
        url: the address the page came from, when known.
        published: publication date for a page that states none.

    Raises:
        InputError: trafilatura is missing or the page holds no article text.
    """
    try:
        import trafilatura
        from trafilatura.utils import load_html
    except ImportError as err:
        raise InputError(MISSING) from err
    tree = load_html(html)
    if tree is not None:
        for element in list(tree.iter(*_UNKNOWN_VOID)):
            element.drop_tag()
        for element in list(tree.iter(*HIDDEN_ELEMENTS)):
            element.drop_tree()
    document: Any = trafilatura.bare_extraction(
        tree if tree is not None else html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        # Only dates the page states in its markup: a date guessed from the body text would
        # anchor every relative date of the article on the wrong day.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if not text:
        raise InputError("no article text found in the page")
    page_url = http_url(getattr(document, "url", None)) or http_url(url)
    try:
        date = parse_published(getattr(document, "date", None))
    except InputError:
        LOGGER.debug("%s: unreadable page date %r", where, getattr(document, "date", None))
        date = None
    return Article(
        text=text,
        id=page_url or stem,
        published=date or parse_published(published),
        title=getattr(document, "title", None) or None,
        source=getattr(document, "sitename", None) or None,
        url=page_url,
    )


def read_html(
    data: bytes, where: str, stem: str, *, url: str | None = None, published: object = None
) -> Iterator[Article | Problem]:
    """Yield the article of a page, or a Problem saying why there is none."""
    try:
        yield html_to_article(data, where=where, stem=stem, url=url, published=published)
    except InputError as err:
        yield Problem(where, str(err))

"""An article as telex reads it: text plus the metadata that anchors it (its publication date)."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from telex.errors import InputError

# A date, optionally followed by a time (ISO 8601 datetimes from feeds and scrapers).
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\s*$")
# Unpaired UTF-16 surrogates are not characters: they come from broken JSON escapes ("\ud83d")
# or text cut inside an emoji, and cannot be written out as UTF-8 (hashing, storing, printing).
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_text(text: str) -> str:
    """`text` with each unpaired surrogate replaced by U+FFFD, so that every offset still holds."""
    return _SURROGATE.sub("\ufffd", text)


def parse_published(value: object) -> dt.date | None:
    """Read a publication date given as a date, a datetime or an ISO string; None stays None.

    Raises:
        InputError: the value is not a real calendar date in ISO form.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(f"invalid published date {value!r}: expected YYYY-MM-DD")
    match = _ISO_DATE.match(value)
    if not match:
        raise InputError(f"invalid published date {value!r}: expected YYYY-MM-DD")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError as err:
        raise InputError(f"invalid published date {value!r}: {err}") from err


def content_id(text: str) -> str:
    """A stable id from the text itself, so the same article always gets the same id."""
    return "sha1-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One news article. Only `text` is required; `published` anchors relative dates."""

    text: str
    id: str | None = None
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InputError(f"article text must be a string, not {type(self.text).__name__}")
        self.text = valid_text(self.text)
        for name in ("id", "title", "source", "url"):
            value = getattr(self, name)
            if isinstance(value, str):
                setattr(self, name, valid_text(value))
        self.published = parse_published(self.published)
        if self.id is None:
            self.id = content_id(self.text)

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Article:
        """An article from a record: `text`, optionally `id, published, title, source, url`.

        Other keys are kept in `metadata`.
        """
        known = {"id", "text", "published", "title", "source", "url"}
        text = record.get("text")
        if not isinstance(text, str):
            raise InputError("record has no 'text' string")
        ident = record.get("id")
        return cls(
            text=text,
            id=None if ident is None else str(ident),
            published=record.get("published"),
            title=_optional_str(record.get("title")),
            source=_optional_str(record.get("source")),
            url=_optional_str(record.get("url")),
            metadata={k: v for k, v in record.items() if k not in known},
        )


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)

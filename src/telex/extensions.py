"""Every Doc extension telex uses, registered in one idempotent function.

Values are plain data or schema models so that docs pickle across processes.
"""

from __future__ import annotations

from spacy.tokens import Doc

from telex.errors import ConfigError

PUBLISHED = "published"  # datetime.date | None: the anchor for relative dates
ENTITIES = "entities"  # list[schema.Entity]
ENTITY_INDEX = "entity_index"  # dict[int, str]: token index -> entity id, for every mention token
QUOTES = "quotes"  # list[schema.Quote]
TIMEXES = "timexes"  # list[schema.Timex]
PLACES = "places"  # list[schema.Place]
EVENTS = "events"  # list[schema.Event]

ALL = (PUBLISHED, ENTITIES, ENTITY_INDEX, QUOTES, TIMEXES, PLACES, EVENTS)

_REGISTERED: set[str] = set()


def register_extensions() -> None:
    """Register the Doc extensions once; refuse to overwrite someone else's attribute."""
    for name in ALL:
        if name in _REGISTERED:
            continue
        if Doc.has_extension(name):
            raise ConfigError(
                f"Doc._.{name} is already registered by another package; telex needs that name"
            )
        Doc.set_extension(name, default=None)
        _REGISTERED.add(name)

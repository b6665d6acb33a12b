"""telex's spaCy components, one module per task; importing the package registers the factories."""

from telex.components import entities, events, places, quotes, ruler, timexes

__all__ = ["entities", "events", "places", "quotes", "ruler", "timexes"]

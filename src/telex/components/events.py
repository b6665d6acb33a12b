"""Codes actor-action-target political events in PLOVER and CAMEO.

Placeholder until its issue lands: the component exists so that the pipeline and the output
contract are complete, and writes an empty list.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Events:
    """telex_events: writes `doc._.events`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set("events", [])
        return doc


@Language.factory("telex_events", assigns=["doc._.events"])
def make_events(nlp: Language, name: str) -> Events:
    return Events(nlp, name)

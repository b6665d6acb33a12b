"""Geoparses place mentions to coordinates and countries with the shipped gazetteer.

Placeholder until its issue lands: the component exists so that the pipeline and the output
contract are complete, and writes an empty list.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Places:
    """telex_places: writes `doc._.places`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set("places", [])
        return doc


@Language.factory("telex_places", assigns=["doc._.places"])
def make_places(nlp: Language, name: str) -> Places:
    return Places(nlp, name)

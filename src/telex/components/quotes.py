"""Finds direct, partial and indirect quotes and attributes each to its speaker.

Placeholder until its issue lands: the component exists so that the pipeline and the output
contract are complete, and writes an empty list.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Quotes:
    """telex_quotes: writes `doc._.quotes`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set("quotes", [])
        return doc


@Language.factory("telex_quotes", assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> Quotes:
    return Quotes(nlp, name)

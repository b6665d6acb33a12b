"""Finds temporal expressions and resolves them against the publication date (TIMEX3 values).

Placeholder until its issue lands: the component exists so that the pipeline and the output
contract are complete, and writes an empty list.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


class Timexes:
    """telex_timexes: writes `doc._.timexes`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.set("timexes", [])
        return doc


@Language.factory("telex_timexes", assigns=["doc._.timexes"])
def make_timexes(nlp: Language, name: str) -> Timexes:
    return Timexes(nlp, name)

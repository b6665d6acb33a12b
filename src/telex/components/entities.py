"""Clusters entity mentions into one entity per real-world referent.

Placeholder: one entity per distinct entity text.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from telex.schema import Entity, Mention


class Entities:
    """telex_entities: writes `doc._.entities` and `doc._.entity_index`."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        by_text: dict[tuple[str, str], Entity] = {}
        index: dict[int, str] = {}
        for ent in doc.ents:
            key = (ent.text, ent.label_)
            if key not in by_text:
                by_text[key] = Entity(id=f"e{len(by_text) + 1}", name=ent.text, type=ent.label_)
            entity = by_text[key]
            entity.mentions.append(Mention(start=ent.start_char, end=ent.end_char, text=ent.text))
            for i in range(ent.start, ent.end):
                index[i] = entity.id
        doc._.set("entities", list(by_text.values()))
        doc._.set("entity_index", index)
        return doc


@Language.factory(
    "telex_entities", requires=["doc.ents"], assigns=["doc._.entities", "doc._.entity_index"]
)
def make_entities(nlp: Language, name: str) -> Entities:
    return Entities(nlp, name)

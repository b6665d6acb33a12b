"""The output contract of shared/SCHEMA.md as models: every interface emits `Analysis.to_dict()`.

Fields may be added here; none of the contract's fields may be renamed, dropped or change meaning.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

EntityType = Literal["PER", "ORG", "LOC", "MISC"]
QuoteKind = Literal["direct", "partial", "indirect"]
# PLOVER's 16 event types, in codebook order (the order of the dashboard's chart stacks too).
PLOVER_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Mention(_Model):
    """A span of the article text: `text == article.text[start:end]`."""

    start: int
    end: int
    text: str


class Entity(_Model):
    """One real-world referent: every spelling, title and role phrase naming it is an alias."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = []
    country: str | None = None
    role: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = []
    code: str | None = None
    """CAMEO-style actor code (country + role, `FRAGOV`) when known."""


class Quote(_Model):
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_name: str | None = None
    cue: str | None = None
    via: str | None = None


class Timex(_Model):
    id: str
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    value: str | None = None


class Place(_Model):
    id: str
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    entity: str | None = None


class Event(_Model):
    id: str
    type: str
    cameo_root: str | None = None
    mode: str | None = None
    source: str | None = None
    source_name: str | None = None
    source_country: str | None = None
    source_code: str | None = None
    target: str | None = None
    target_name: str | None = None
    target_country: str | None = None
    target_code: str | None = None
    date: str | None = None
    place: str | None = None
    text: str
    start: int
    end: int


class Analysis(_Model):
    """Everything telex found in one article."""

    id: str
    lang: str = "fr"
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    entities: list[Entity] = []
    quotes: list[Quote] = []
    timexes: list[Timex] = []
    places: list[Place] = []
    events: list[Event] = []

    def to_dict(self) -> dict[str, Any]:
        """The contract as plain JSON-ready data."""
        return self.model_dump(mode="json")

    def spans(self) -> list[Mention | Quote | Timex | Place | Event]:
        """Every grounded span, for checks that `text[start:end]` is what was emitted."""
        found: list[Mention | Quote | Timex | Place | Event] = []
        for entity in self.entities:
            found.extend(entity.mentions)
        found.extend(self.quotes)
        found.extend(self.timexes)
        found.extend(self.places)
        found.extend(self.events)
        return found

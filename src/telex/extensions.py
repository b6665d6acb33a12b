"""Every Doc extension telex uses, registered in one idempotent function.

Values are plain data or schema models so that docs pickle across processes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from spacy.attrs import IDX, LENGTH, LOWER, MORPH, POS
from spacy.symbols import ADJ
from spacy.tokens import Doc, Token

from telex.countries import countries
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


# -- views of a doc read once ---------------------------------------------------------------
# spaCy builds `Doc.text` from the tokens at every access, and `Token.text` or `Token.lower_`
# decode a string each time: components that scan every token read these instead, computed
# once per doc and kept in `Doc.user_data` (telex never retokenises a doc).
_TEXT = "telex.text"
_TEXTS = "telex.token_texts"
_LOWERS = "telex.token_lowers"
_FEATURES = "telex.token_features"
_DEMONYMS = "telex.demonym_countries"
# A morphological analysis ("Mood=Ind|Tense=Pres|VerbForm=Fin") as a mapping, by its text: a
# model writes a few thousand distinct analyses at most.
_PARSED: dict[str, dict[str, tuple[str, ...]]] = {}


def doc_text(doc: Doc) -> str:
    """The doc's text."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def token_texts(doc: Doc) -> list[str]:
    """Every token's text, in order."""
    texts = doc.user_data.get(_TEXTS)
    if texts is None:
        text = doc_text(doc)
        spans = doc.to_array([IDX, LENGTH]).tolist() if len(doc) else []
        texts = doc.user_data[_TEXTS] = [text[start : start + n] for start, n in spans]
    return texts


def token_lowers(doc: Doc) -> list[str]:
    """Every token's lowercase form (`Token.lower_`), in order."""
    lowers = doc.user_data.get(_LOWERS)
    if lowers is None:
        strings = doc.vocab.strings
        keys = doc.to_array(LOWER).tolist() if len(doc) else []
        lowers = doc.user_data[_LOWERS] = [strings[key] for key in keys]
    return lowers


def morph_values(token: Token, feature: str) -> tuple[str, ...]:
    """The values of a morphological feature of a token ("VerbForm" -> ("Part",)), or ()."""
    doc = token.doc
    features: list[dict[str, tuple[str, ...]]] | None = doc.user_data.get(_FEATURES)
    if features is None:
        strings = doc.vocab.strings
        keys = doc.to_array(MORPH).tolist() if len(doc) else []
        features = doc.user_data[_FEATURES] = [_parsed(strings[key]) for key in keys]
    return features[token.i].get(feature, ())


def _parsed(analysis: str) -> dict[str, tuple[str, ...]]:
    parsed = _PARSED.get(analysis)
    if parsed is None:
        parsed = {}
        for pair in analysis.split("|"):
            name, _, values = pair.partition("=")
            if values:
                parsed[name] = tuple(values.split(","))
        _PARSED[analysis] = parsed
    return parsed


def demonym_countries(doc: Doc) -> Mapping[str, int]:
    """How often the doc names each country by a nationality adjective ("libyenne"); counted
    once per doc, for the entity and the event components alike."""
    counts: Counter[str] | None = doc.user_data.get(_DEMONYMS)
    if counts is None:
        counts = doc.user_data[_DEMONYMS] = Counter()
        index = countries()
        pos = doc.to_array(POS).tolist() if len(doc) else []
        for text, tag in zip(token_texts(doc), pos, strict=True):
            if tag == ADJ and text.islower():
                hit = index.by_demonym(text)
                if hit:
                    counts[hit.iso3] += 1
    return counts

"""Hostile and broken texts for the fuzz tests, and the checks every analysis must pass.

Shared by tests/test_fuzz.py (a few hundred inputs in CI) and tools/fuzz.py (the long run).
The texts mix what real inputs hold at their worst: random Unicode (unpaired surrogates too),
control and format characters, right-to-left scripts and bidi overrides, very long tokens,
unbalanced quotes and brackets, sentences of 10,000 characters, punctuation only, and French
mixed with other languages. Every sentence here is written for these tests.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from telex.article import valid_text
from telex.schema import Analysis

FRENCH = [
    "La ministre Claire Dumont",
    "a déclaré mercredi",
    "le président turc",
    "M. Le Drian",
    "Mme Al-Mangoush",
    "son homologue libyenne",
    "l'ONU",
    "l'Organisation des Nations unies",
    "à Bruxelles",
    "selon Paris",
    "a-t-il ajouté",
    "Interrogé par l'AFP",
    "le 24 décembre prochain",
    "fin 2020",
    "lundi dernier",
    "hier soir",
    "« Nous allons travailler ensemble »",
    "a affirmé que la Turquie retirerait ses troupes",
    "les mercenaires du groupe Wagner",
    "le chef de la diplomatie française, Jean-Yves Le Drian,",
    "Emmanuel Macron a reçu Recep Tayyip Erdogan à l'Elysée.",
    "Tripoli",
    "Libye",
    "Claire",
    "Mme",
    "M.",
    "secrétaire d'Etat",
]
OTHER_LANGUAGES = [
    "The minister said on Monday that talks would resume.",
    "Der Außenminister traf am Mittwoch seinen Amtskollegen.",
    "El presidente dijo que no cambiaría de opinión.",
    "Il governo ha annunciato nuove elezioni.",
    "التقى وزير الخارجية نظيره يوم الأربعاء",
    "שר החוץ נפגש עם עמיתו",
    "Министр заявил, что переговоры продолжатся.",
    "外交部长星期三会见了他的同行。",
    "外務大臣は水曜日に会談した。",
    "대통령은 월요일에 말했다.",
    "Ο υπουργός δήλωσε ότι",
    "मंत्री ने कहा कि",
]
QUOTES_AND_BRACKETS = [*"«»“”„‟‹›\"'’‘()[]{}", "« ", " »", "—", "–", "-", "…"]
PUNCTUATION = [*".,;:!?…·•/\\|@#%&*+=~^_<>", "...", "?!", "--", "***"]
# Control, format and separator characters: NUL, escape, form feed, zero-width joiners, the
# byte order mark, line and paragraph separators, and every bidi override and isolate.
INVISIBLE = [
    "\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\r", "\r\n", "\t",
    "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2028", "\u2029", "\u2060",
    "\ufeff", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068",
    "\u2069", "\ufffd", "\ufffe",
]
SPACES = [" ", " ", " ", "\n", "\n\n", "\u00a0", "\u202f", "\u3000", ""]

any_character = st.characters(codec=None)  # every code point, unpaired surrogates included
right_to_left = st.text(
    st.characters(min_codepoint=0x0590, max_codepoint=0x08FF), min_size=1, max_size=40
)
long_token = st.one_of(
    st.integers(200, 5000).map(lambda n: "x" * n),
    st.text(st.characters(categories=["L", "N"]), min_size=200, max_size=2000),
    st.integers(20, 400).map(lambda n: "Al-" * n + "Mangoush"),
    st.integers(50, 500).map(lambda n: "https://example.org/" + "a/" * n),
)
fragment = st.one_of(
    st.sampled_from(FRENCH),
    st.sampled_from(OTHER_LANGUAGES),
    st.sampled_from(QUOTES_AND_BRACKETS),
    st.sampled_from(PUNCTUATION),
    st.sampled_from(INVISIBLE),
    st.text(any_character, min_size=1, max_size=12),
    right_to_left,
)
joined = st.lists(st.tuples(fragment, st.sampled_from(SPACES)), min_size=1, max_size=40).map(
    lambda pairs: "".join(f + space for f, space in pairs)
)


def _long_sentence(words: list[str]) -> str:
    """One sentence of at least 10,000 characters: the words over and over, no full stop."""
    sentence = " ".join(words)
    while len(sentence) < 10_000:
        sentence += " " + " ".join(words)
    return sentence


long_sentence = st.lists(
    st.one_of(
        st.sampled_from([f for f in FRENCH if "." not in f]),
        st.sampled_from([",", "et", "qui", "que", "«", "»"]),
    ),
    min_size=3,
    max_size=12,
).map(_long_sentence)
punctuation_only = st.lists(
    st.one_of(
        st.sampled_from(PUNCTUATION + QUOTES_AND_BRACKETS), st.characters(categories=["P", "S"])
    ),
    min_size=1,
    max_size=300,
).map("".join)
mixed_languages = st.lists(
    st.one_of(st.sampled_from(FRENCH), st.sampled_from(OTHER_LANGUAGES)), min_size=2, max_size=30
).map(" ".join)
unbalanced_quotes = st.lists(
    st.one_of(st.sampled_from(QUOTES_AND_BRACKETS), st.sampled_from(FRENCH)),
    min_size=1,
    max_size=40,
).map(" ".join)

short_hostile_text = st.one_of(
    joined,
    st.text(any_character, max_size=200),
    st.tuples(joined, long_token, joined).map(" ".join),
    punctuation_only,
    mixed_languages,
    unbalanced_quotes,
    st.tuples(joined, right_to_left, st.sampled_from(INVISIBLE), joined).map("".join),
)
# One input in twenty is a 10,000-character sentence: each takes about a second to analyse.
hostile_text = st.integers(0, 19).flatmap(
    lambda n: long_sentence if n == 0 else short_hostile_text
)


def check_analysis(text: str, analysis: Analysis) -> None:
    """Everything an analysis of `text` must satisfy, whatever the text was.

    Offsets are checked against the text telex analysed: `text` with unpaired surrogates
    replaced by U+FFFD (they cannot be written out as UTF-8), which keeps every offset.
    """
    analysed = valid_text(text)
    for span in analysis.spans():
        assert 0 <= span.start < span.end <= len(analysed), span
        assert analysed[span.start : span.end] == span.text, span
    entities = {e.id for e in analysis.entities}
    places = {p.id for p in analysis.places}
    for layer in ("entities", "quotes", "timexes", "places", "events"):
        ids = [item.id for item in getattr(analysis, layer)]
        assert len(ids) == len(set(ids)), f"duplicate ids in {layer}: {ids}"
    for entity in analysis.entities:
        assert entity.mentions, entity
        assert entity.name.strip(), entity
        for mention in entity.mentions:
            assert any(c.isalnum() for c in mention.text), entity
            assert mention.text == mention.text.strip(), entity
    for quote in analysis.quotes:
        assert quote.speaker is None or quote.speaker in entities, quote
    for place in analysis.places:
        assert place.entity is None or place.entity in entities, place
    for event in analysis.events:
        assert event.source is None or event.source in entities, event
        assert event.target is None or event.target in entities, event
        assert event.place is None or event.place in places, event
    data: dict[str, Any] = analysis.to_dict()
    encoded = json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert Analysis.model_validate(json.loads(encoded)) == analysis

"""Properties that hold for any input: analysis never fails and every span is grounded."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import telex
from telex import load_pipeline
from telex.countries import countries
from telex.extensions import (
    demonym_countries,
    doc_text,
    morph_values,
    token_lowers,
    token_texts,
)
from telex.timex_rules import load_grammar

FRAGMENTS = [
    "Emmanuel Macron",
    "M. Le Drian",
    "Mme Al-Mangoush",
    "la cheffe de la diplomatie libyenne",
    "le président turc",
    "l'ONU",
    "Organisation des Nations unies",
    "Bruxelles",
    "les Turcs",
    "a déclaré",
    "« Nous allons travailler ensemble »",
    "“partiel”",
    '"cité"',
    "selon Paris",
    "mercredi",
    "le 24 décembre prochain",
    "fin 2020",
    ",",
    ".",
    "\n\n",
    "«",
    "»",
    "—",
    "(",
    ")",
    "secrétaire d'Etat",
    "Najla",
    "Al-Manqoush",
    "Interrogé par l'AFP",
    "groupe Wagner",
]

texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=12)), min_size=1, max_size=25
).map(" ".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_every_span_is_grounded_on_any_text(text):
    analysis = telex.analyze(text, published="2021-06-19")
    for span in analysis.spans():
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    ids = {e.id for e in analysis.entities}
    assert len(ids) == len(analysis.entities)
    for entity in analysis.entities:
        assert entity.mentions, entity
        assert entity.name


def test_every_span_is_grounded_on_the_seed(seed_text, seed_analysis):
    for span in seed_analysis.spans():
        assert seed_text[span.start : span.end] == span.text


# -- speed-ups that must not change a result --------------------------------------------------

_TIMEX_FRAGMENTS = [
    "le 12 janvier 2020",
    "12/03/2021",
    "2020-04-05",
    "à 14h30",
    "vers 9 heures",
    "mardi soir",
    "il y a trois ans",
    "dans deux semaines",
    "les XIXe et XXe siècles",
    "en 1998",
    "hier",
    "ce jour-là",
    "le 23 juin courant",
    "mais",
    "an",
    "depuis",
    "jusqu'au",
    "fin mars",
    "la veille du scrutin",
    "un jour",
    "24h/24",
    "l'an dernier",
    "lundi 3",
    "week-end",
    "des mois",
    "plus tard",
    "aujourd'hui",
    "ÉTÉ 2019",
    "\n",
    "«",
    ".",
    ",",
    " ",
    "-",
    "x" * 30,
]
_timex_texts = st.lists(
    st.one_of(st.sampled_from(_TIMEX_FRAGMENTS), st.text(min_size=1, max_size=8)),
    min_size=1,
    max_size=60,
).map(" ".join)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(text=_timex_texts)
def test_timex_rules_tried_near_their_triggers_find_what_the_whole_text_gives(text):
    grammar = load_grammar("fr")

    def found(candidates):
        return [(c.rule.name, c.start, c.end, c.text) for c in candidates]

    assert found(grammar.candidates(text)) == found(grammar.candidates(text, everywhere=True))


def test_timex_windows_agree_with_whole_text_on_the_seed(seed_text):
    grammar = load_grammar("fr")
    windowed = [(c.rule.name, c.start, c.end) for c in grammar.candidates(seed_text)]
    assert windowed == [
        (c.rule.name, c.start, c.end) for c in grammar.candidates(seed_text, everywhere=True)
    ]
    assert len(windowed) >= 5


@settings(
    max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(text=texts)
def test_doc_views_read_once_equal_spacy_attributes(text):
    nlp = load_pipeline()
    doc = nlp(text + " Elle a été élue, ils sont partis : qui l'aurait cru ?")
    assert doc_text(doc) == doc.text
    assert token_texts(doc) == [t.text for t in doc]
    assert token_lowers(doc) == [t.lower_ for t in doc]
    for token in doc:
        for feature in ("VerbForm", "Tense", "Mood", "Number", "PronType", "Reflex"):
            assert morph_values(token, feature) == tuple(token.morph.get(feature, []))
    expected: Counter[str] = Counter()
    for token in doc:
        if token.pos_ == "ADJ" and token.is_lower:
            hit = countries().by_demonym(token.text)
            if hit:
                expected[hit.iso3] += 1
    assert demonym_countries(doc) == expected


def test_demonyms_counted_on_the_seed(nlp, seed_text):
    counts = demonym_countries(nlp(seed_text))
    assert counts["LBY"] >= 3
    assert counts["FRA"] >= 1

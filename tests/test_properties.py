"""Properties that hold for any input: analysis never fails and every span is grounded."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import telex

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

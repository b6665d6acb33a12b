"""The pipeline end to end: components in order, the contract's shape, spans grounded."""

from __future__ import annotations

import datetime as dt

import pytest

import telex
from telex.pipeline import COMPONENTS


def test_pipeline_has_every_component_in_order(nlp):
    names = nlp.pipe_names
    positions = [names.index(c) for c in COMPONENTS]
    assert positions == sorted(positions)
    assert names.index("senter") < names.index("parser") < names.index("ner") < positions[0]


def test_pipeline_declared_requirements_are_met(nlp):
    assert nlp.analyze_pipes()["problems"] == {name: [] for name in nlp.pipe_names}


def test_analyze_emits_the_contract(seed_analysis):
    data = seed_analysis.to_dict()
    assert list(data)[:11] == [
        "id",
        "lang",
        "published",
        "title",
        "source",
        "url",
        "entities",
        "quotes",
        "timexes",
        "places",
        "events",
    ]
    assert data["lang"] == "fr"
    assert data["published"] == "2021-06-19"
    for entity in data["entities"]:
        assert {"id", "name", "type", "aliases", "country", "role", "kb_id", "mentions"} <= set(
            entity
        )


def test_every_span_is_grounded(seed_text, seed_analysis):
    spans = seed_analysis.spans()
    assert spans
    for span in spans:
        assert seed_text[span.start : span.end] == span.text


def test_analyze_accepts_an_article_and_keeps_its_metadata():
    article = telex.Article(
        text="Emmanuel Macron s'est rendu à Berlin.",
        id="a1",
        published=dt.date(2021, 6, 19),
        title="Visite",
        source="test",
        url="https://example.org/a1",
    )
    data = telex.analyze(article).to_dict()
    assert (data["id"], data["published"], data["title"], data["source"], data["url"]) == (
        "a1",
        "2021-06-19",
        "Visite",
        "test",
        "https://example.org/a1",
    )


def test_analyze_many_keeps_order_and_ids():
    articles = [
        telex.Article(text=f"Le président a parlé à Paris le {n} mai.", id=f"x{n}")
        for n in range(1, 8)
    ]
    assert [a.id for a in telex.analyze_many(articles, batch_size=3)] == [
        f"x{n}" for n in range(1, 8)
    ]


def test_analyze_empty_text_gives_empty_lists():
    data = telex.analyze("").to_dict()
    assert all(data[k] == [] for k in ("entities", "quotes", "timexes", "places", "events"))


@pytest.mark.parametrize("bad", ["2021-13-01", "19/06/2021", "2021-02-30", "hier"])
def test_analyze_rejects_an_invalid_published_date(bad):
    with pytest.raises(telex.InputError, match="invalid published date"):
        telex.analyze("Un texte.", published=bad)


def test_analyze_refuses_a_text_over_the_limit():
    with pytest.raises(telex.InputError, match="over the limit"):
        telex.analyze("mot " * 100_000)

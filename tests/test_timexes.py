"""Tests of the timexes component: grammar, calendar arithmetic, resolution, tense, API.

Most tests need no model: the table of expressions runs the grammar on a written expression
and resolves it against a publication date and a clause tense given in the table. Tests
marked `model` run the full pipeline, where tense comes from spaCy's parse.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest

from telex import timeline
from telex.components.timexes import (
    FUTURE,
    PAST,
    PRESENT,
    Context,
    clause_tense,
    governing_timex,
    resolve,
    select,
)
from telex.timex_rules import load_grammar

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def shared_file(relative: str) -> Path:
    """A file under ../shared, or skip where the shared data is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: this test needs the shared gold data beside the project")
    return path


def _resolve(text: str, published: str | None, tense: int | None) -> tuple[str, str, str | None]:
    """(span, type, value) of the single expression the grammar finds in `text`."""
    chosen = select(load_grammar().candidates(text))
    assert len(chosen) == 1, [c.text for c in chosen]
    reference = dt.date.fromisoformat(published) if published else None
    context = Context(reference=reference, anchor_day=reference, anchor_point=reference)
    kind_type, value = resolve(chosen[0].reading, context, tense)
    return chosen[0].text, kind_type, value


# (expression, published, clause tense, expected value)
TABLE = [
    # weekdays: by tense, by "dernier"/"prochain", the publication day itself
    ("il viendra mercredi", "2021-06-19", FUTURE, "2021-06-23"),
    ("il est venu mercredi", "2021-06-19", PAST, "2021-06-16"),
    ("lundi", "2021-06-19", PRESENT, "2021-06-21"),
    ("vendredi", "2021-06-19", None, "2021-06-18"),
    ("samedi", "2021-06-19", PAST, "2021-06-19"),
    ("samedi", "2021-06-19", FUTURE, "2021-06-19"),
    ("jeudi dernier", "2021-06-19", FUTURE, "2021-06-17"),
    ("samedi dernier", "2021-06-19", None, "2021-06-12"),
    ("mardi prochain", "2021-06-19", PAST, "2021-06-22"),
    ("samedi prochain", "2021-06-19", None, "2021-06-26"),
    ("lundi prochain", "2020-12-30", None, "2021-01-04"),
    ("jeudi", "2021-01-01", PAST, "2020-12-31"),
    ("mardi dernier", "2021-01-02", None, "2020-12-29"),
    ("dimanche", "2020-02-27", FUTURE, "2020-03-01"),
    ("mercredi soir", "2018-12-05", PAST, "2018-12-05TEV"),
    ("mardi soir", "2018-12-05", PAST, "2018-12-04TEV"),
    ("dimanche matin", "2018-12-06", FUTURE, "2018-12-09TMO"),
    ("vendredi à 14h30", "2021-06-19", PAST, "2021-06-18T14:30"),
    ("dans la nuit de samedi à dimanche", "2018-10-15", PAST, "2018-10-13TNI"),
    ("le samedi 6 octobre 2018", "2018-10-08", PAST, "2018-10-06"),
    ("mardi 12", "2021-01-15", PAST, "2021-01-12"),
    ("ce samedi 12 juin", "2021-06-19", PAST, "2021-06-12"),
    # days relative to publication
    ("hier", "2021-03-01", PAST, "2021-02-28"),
    ("hier", "2020-03-01", PAST, "2020-02-29"),
    ("avant-hier", "2021-01-01", PAST, "2020-12-30"),
    ("aujourd'hui", "2021-06-19", PRESENT, "2021-06-19"),
    ("aujourd’hui", "2021-06-19", PRESENT, "2021-06-19"),
    ("demain", "2020-12-31", FUTURE, "2021-01-01"),
    ("après-demain", "2024-02-28", FUTURE, "2024-03-01"),
    ("hier soir", "2021-06-19", PAST, "2021-06-18TEV"),
    ("demain matin", "2021-06-19", FUTURE, "2021-06-20TMO"),
    ("ce matin", "2021-06-19", PAST, "2021-06-19TMO"),
    ("cette nuit", "2021-06-19", PAST, "2021-06-19TNI"),
    ("la veille", "2021-03-01", PAST, "2021-02-28"),
    ("le lendemain", "2021-12-31", PAST, "2022-01-01"),
    # calendar dates
    ("le 24 décembre 2021", None, None, "2021-12-24"),
    ("24/12/2021", None, None, "2021-12-24"),
    ("24.12.2021", None, None, "2021-12-24"),
    ("2021-12-24", None, None, "2021-12-24"),
    ("le 1er mai 2021", None, None, "2021-05-01"),
    ("le 1er mai", "2021-06-19", PAST, "2021-05-01"),
    ("le 1er mai", "2021-07-19", FUTURE, "2022-05-01"),
    ("le 29 février", "2021-06-19", PAST, "2020-02-29"),
    ("le 29 février", "2021-06-19", FUTURE, "2024-02-29"),
    ("le 29 février 2020", None, None, "2020-02-29"),
    ("le 24 décembre prochain", "2021-06-19", PAST, "2021-12-24"),
    ("le 24 décembre prochain", "2021-12-24", None, "2022-12-24"),
    ("le 23 juin courant", "2021-06-19", PAST, "2021-06-23"),
    ("le 15 courant", "2021-06-19", None, "2021-06-15"),
    ("le 14 juillet dernier", "2021-06-19", FUTURE, "2020-07-14"),
    ("le 20 juin", "2018-07-13", PAST, "2018-06-20"),
    ("le 1er décembre", "2018-12-06", FUTURE, "2018-12-01"),
    ("le 7 janvier", "2018-12-03", PAST, "2019-01-07"),
    ("le 2 janvier", "2020-12-30", FUTURE, "2021-01-02"),
    ("le 28 décembre", "2021-01-03", PAST, "2020-12-28"),
    # months and years
    ("des élections prévues pour décembre", "2021-06-19", FUTURE, "2021-12"),
    ("en décembre", "2021-06-19", PAST, "2020-12"),
    ("en décembre", "2020-02-01", PAST, "2019-12"),
    ("en janvier", "2012-07-04", PAST, "2012-01"),
    ("en juin", "2021-06-19", PAST, "2021-06"),
    ("en juin dernier", "2021-06-19", None, "2020-06"),
    ("en juin prochain", "2021-06-19", None, "2022-06"),
    ("au mois de mai", "2021-06-19", PAST, "2021-05"),
    ("en 2020", None, None, "2020"),
    ("l'an 2000", None, None, "2000"),
    ("pour l'année 2019", None, None, "2019"),
    ("en mai 2017", None, None, "2017-05"),
    ("mi-juillet", "2021-06-19", FUTURE, "2021-07"),
    ("début mars", "2021-06-19", PAST, "2021-03"),
    ("fin juin 2021", None, None, "2021-06"),
    ("fin 2020", None, None, "2020-12"),
    ("début 2019", None, None, "2019-01"),
    ("depuis mi-2018", None, None, "2018"),
    ("Mai 68", "2018-12-05", PRESENT, "1968-05"),
    ("en mai 1968", "2018-12-05", PAST, "1968-05"),
    # units relative to publication or to the last date
    ("la semaine dernière", "2018-02-28", PAST, "2018-W08"),
    ("la semaine prochaine", "2018-12-05", FUTURE, "2018-W50"),
    ("la semaine prochaine", "2020-12-30", FUTURE, "2021-W01"),
    ("cette semaine", "2021-01-01", PRESENT, "2020-W53"),
    ("l'an dernier", "2018-12-28", PAST, "2017"),
    ("l'année prochaine", "2018-12-06", FUTURE, "2019"),
    ("cette année", "2021-06-19", PRESENT, "2021"),
    ("le mois dernier", "2021-01-15", PAST, "2020-12"),
    ("le mois prochain", "2020-12-15", FUTURE, "2021-01"),
    ("ce week-end", "2018-11-03", PRESENT, "2018-W44-WE"),
    ("le week-end dernier", "2018-11-23", PAST, "2018-W46-WE"),
    ("le siècle dernier", "2021-06-19", PAST, "19XX"),
    ("à la fin de l'année", "2021-06-19", FUTURE, "2021-12"),
    ("à la fin de l'année", "2019-01-06", PAST, "2018-12"),
    ("à la fin de l'année 2018", "2019-01-06", PAST, "2018-12"),
    ("ces dernières 72 heures", "2021-06-19", PAST, "PT72H"),
    ("le trimestre dernier", "2021-06-19", PAST, "2021-Q1"),
    ("la semaine suivante", "2021-06-19", PAST, "2021-W25"),
    # offsets
    ("il y a deux semaines", "2021-06-19", PAST, "2021-W22"),
    ("il y a un an et demi", "2018-12-13", PAST, "2017-06"),
    ("il y a 50 ans", "2018-12-05", PAST, "1968"),
    ("il y a cinquante ans", "2018-12-28", PAST, "1968"),
    ("il y a trois jours", "2020-03-01", PAST, "2020-02-27"),
    ("dans trois jours", "2021-12-30", FUTURE, "2022-01-02"),
    ("dans deux mois", "2021-12-31", FUTURE, "2022-02"),
    ("il y a quelques jours", "2021-06-19", PAST, "PAST_REF"),
    ("dans quelques semaines", "2021-06-19", FUTURE, "FUTURE_REF"),
    ("trois jours plus tard", "2021-06-19", PAST, "2021-06-22"),
    ("d'ici trois ans", "2021-06-19", FUTURE, "2024"),
    # durations, with numbers in words
    ("pendant trois jours", "2021-06-19", PAST, "P3D"),
    ("dix-huit mois", None, None, "P18M"),
    ("18 mois", None, None, "P18M"),
    ("depuis un demi-siècle", None, None, "P50Y"),
    ("après une décennie de conflit", None, None, "P10Y"),
    ("deux décennies", None, None, "P20Y"),
    ("quelques jours", None, None, "PXD"),
    ("plusieurs semaines", None, None, "PXW"),
    ("un an et demi", None, None, "P18M"),
    ("deux heures et demie", None, None, "PT2H30M"),
    ("vingt et un jours", None, None, "P21D"),
    ("quatre-vingt-dix jours", None, None, "P90D"),
    ("soixante-dix ans", None, None, "P70Y"),
    ("une dizaine de jours", None, None, "P10D"),
    ("48 heures", None, None, "PT48H"),
    ("une demi-heure", None, None, "PT30M"),
    ("trois semaines", None, None, "P3W"),
    # vague references
    ("ces derniers mois", "2021-06-19", PAST, "PAST_REF"),
    ("les prochaines semaines", "2021-06-19", FUTURE, "FUTURE_REF"),
    ("les jours qui viennent", "2021-06-19", FUTURE, "FUTURE_REF"),
    ("désormais", "2021-06-19", PRESENT, "PRESENT_REF"),
    ("récemment", "2021-06-19", PAST, "PAST_REF"),
    ("pour l'instant", "2021-06-19", PRESENT, "PRESENT_REF"),
    # decades, centuries
    ("les années 1990", None, None, "199X"),
    ("les années 90", None, None, "199X"),
    ("les années quatre-vingt", None, None, "198X"),
    ("le XXe siècle", None, None, "19XX"),
    ("au XXIe siècle", None, None, "20XX"),
    ("le 19e siècle", None, None, "18XX"),
    ("le vingtième siècle", None, None, "19XX"),
    # seasons, quarters, holidays
    ("pendant l'hiver", "2018-12-06", FUTURE, "2018-WI"),
    ("en hiver", "2021-01-10", PAST, "2020-WI"),
    ("cet été", "2021-06-19", FUTURE, "2021-SU"),
    ("l'été dernier", "2021-06-19", PAST, "2020-SU"),
    ("au printemps 2019", None, None, "2019-SP"),
    ("l'automne prochain", "2021-06-19", None, "2021-FA"),
    ("le premier trimestre 2020", None, None, "2020-Q1"),
    ("au deuxième trimestre", "2021-06-19", PAST, "2021-Q2"),
    ("le quatrième trimestre", "2021-02-01", PAST, "2020-Q4"),
    ("le premier semestre 2012", None, None, "2012-H1"),
    ("à Noël", "2021-06-19", FUTURE, "2021-12-25"),
    ("à Pâques", "2021-06-19", PAST, "2021-04-04"),
    ("Pâques 2024", None, None, "2024-03-31"),
    # clock times and sets
    ("à 14h30", "2021-06-19", PAST, "2021-06-19T14:30"),
    ("vers midi", "2021-06-19", PAST, "2021-06-19T12:00"),
    ("chaque lundi", None, None, "XXXX-WXX-1"),
    ("tous les ans", None, None, "P1Y"),
    ("trois fois par mois", None, None, "P1M"),
    # no publication date: absolute values stay, relative ones are null
    ("mercredi", None, FUTURE, None),
    ("la semaine dernière", None, PAST, None),
    ("en 1996", None, PAST, "1996"),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), TABLE)
def test_timexes_resolves_expression(
    text: str, published: str | None, tense: int | None, expected: str | None
) -> None:
    _, _, value = _resolve(text, published, tense)
    assert value == expected


def test_timexes_table_is_large() -> None:
    assert len(TABLE) >= 80


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("le 24 décembre 2021", "24 décembre 2021"),
        ("depuis un demi-siècle", "un demi-siècle"),
        ("ces derniers mois", "ces derniers mois"),
        ("des dernières semaines", "dernières semaines"),
        ("il y a un an et demi", "il y a un an et demi"),
        ("en décembre", "décembre"),
        ("l'an dernier", "an dernier"),
        ("les années 1990", "années 1990"),
        ("pendant l'hiver", "hiver"),
        ("à 14h30", "14h30"),
        ("ce jour-là", "ce jour-là"),
        ("au lendemain", "lendemain"),
    ],
)
def test_timexes_span_has_no_leading_preposition_or_article(text: str, span: str) -> None:
    assert _resolve(text, "2021-06-19", PAST)[0] == span


@pytest.mark.parametrize(
    ("text", "kind_type"),
    [
        ("trois jours", "DURATION"),
        ("mercredi", "DATE"),
        ("mercredi soir", "TIME"),
        ("chaque lundi", "SET"),
        ("ces derniers mois", "DATE"),
    ],
)
def test_timexes_type(text: str, kind_type: str) -> None:
    assert _resolve(text, "2021-06-19", PAST)[1] == kind_type


@pytest.mark.parametrize(
    "text",
    [
        "la conférence de Berlin 2 sur la Libye",
        "pour sa part, la ministre",
        "la sonde s'est posée sur la planète Mars",
        "Mars est la quatrième planète",
        "elle a été élue",
        "une université d'été",
        "selon le Journal du dimanche",
        "les heures supplémentaires",
        "un jour, peut-être",
        "il habite rue du 4 Septembre",
        "même en maintenant le parc",
        "du jour au lendemain",
        "plus de 20 000 personnes",
        "un sapin de Noël",
        "Noël Mamère a parlé",
        "le score de 3 à 2",
        "à 80 km/h",
    ],
)
def test_timexes_no_false_positive(text: str) -> None:
    assert [c.text for c in select(load_grammar().candidates(text))] == []


def test_timexes_day_range_gives_both_days() -> None:
    chosen = select(load_grammar().candidates("les 12 et 13 janvier 2019"))
    assert [(c.text, c.reading.day, c.reading.month) for c in chosen] == [
        ("12", 12, 1),
        ("13 janvier 2019", 13, 1),
    ]


def test_timexes_grammar_number_words() -> None:
    grammar = load_grammar()
    assert grammar.number("dix-huit") == 18
    assert grammar.number("vingt et un") == 21
    assert grammar.number("quatre-vingt-dix") == 90
    assert grammar.number("deux cents") == 200
    assert grammar.number("mille neuf cent soixante-huit") == 1968
    assert grammar.number("1,5") == 1.5
    assert grammar.number("demain") is None


@pytest.mark.parametrize(
    ("form", "lemma", "expected"),
    [
        ("donnerait", "donner", "Cnd"),
        ("irait", "aller", "Cnd"),
        ("ferons", "faire", "Fut"),
        ("prendra", "prendre", "Fut"),
        ("espérait", "espérer", None),
        ("déplora", "déplorer", "Past"),
        ("a", "avoir", None),
    ],
)
def test_timexes_future_and_conditional_forms(form: str, lemma: str, expected: str) -> None:
    assert load_grammar().future_form(form, lemma) == expected


# -- calendar arithmetic ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("reference", "weekday", "direction", "same_day", "expected"),
    [
        ("2021-06-19", 3, 1, True, "2021-06-23"),
        ("2021-06-19", 3, -1, True, "2021-06-16"),
        ("2021-06-19", 6, -1, True, "2021-06-19"),
        ("2021-06-19", 6, -1, False, "2021-06-12"),
        ("2021-06-19", 6, 1, False, "2021-06-26"),
        ("2020-12-30", 1, 1, False, "2021-01-04"),
        ("2021-06-19", 1, 0, True, "2021-06-21"),
    ],
)
def test_timeline_weekday(
    reference: str, weekday: int, direction: int, same_day: bool, expected: str
) -> None:
    date = timeline.weekday(dt.date.fromisoformat(reference), weekday, direction,
                            same_day=same_day)
    assert date.isoformat() == expected


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (3, "D", "P3D"),
        (1.5, "Y", "P18M"),
        (None, "M", "PXM"),
        (0.5, "100Y", "P50Y"),
        (1, "10Y", "P10Y"),
        (2.5, "H", "PT2H30M"),
        (30, "MIN", "PT30M"),
        (1, "WE", "P2D"),
    ],
)
def test_timeline_duration(value: float | None, unit: str, expected: str) -> None:
    assert timeline.duration(value, unit) == expected


def test_timeline_helpers() -> None:
    assert timeline.roman_to_int("XXI") == 21
    assert timeline.roman_to_int("XIV") == 14
    assert timeline.roman_to_int("abc") is None
    assert timeline.easter(2021) == dt.date(2021, 4, 4)
    assert timeline.easter(2024) == dt.date(2024, 3, 31)
    assert timeline.season_of(dt.date(2021, 1, 10)) == (2020, "WI")
    assert timeline.century(21) == "20XX"
    assert timeline.decade(1990) == "199X"
    assert timeline.week(dt.date(2021, 1, 1)) == "2020-W53"
    assert timeline.add_months(dt.date(2020, 1, 31), 1) == dt.date(2020, 2, 29)
    assert timeline.period_year(dt.date(2021, 2, 1), 4, 3, -1) == 2020
    assert timeline.parse_day("2021-06-23TEV") == dt.date(2021, 6, 23)
    assert timeline.parse_day("2021-W25") is None
    with pytest.raises(ValueError, match="unknown time unit"):
        timeline.parse_unit("fortnight")


# -- the full pipeline: tense from the parse ----------------------------------------------
def _timexes(nlp: Any, text: str, published: str | None = "2021-06-19") -> list[Any]:
    doc = nlp.make_doc(text)
    doc._.published = dt.date.fromisoformat(published) if published else None
    return list(nlp(doc)._.timexes)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le ministre se rendra mercredi à Berlin.", "2021-06-23"),
        ("Le ministre s'est rendu mercredi à Berlin.", "2021-06-16"),
        ("Le ministre va se rendre mercredi à Berlin.", "2021-06-23"),
        ("Le ministre est arrivé mercredi à Berlin.", "2021-06-16"),
        ("Les mesures annoncées mercredi ont déçu les syndicats.", "2021-06-16"),
        ("Le président donnerait mercredi une conférence de presse.", "2021-06-23"),
        ("Les syndicats menacent de manifester mercredi devant le ministère.", "2021-06-23"),
        ("Depuis mercredi, la ville est bloquée.", "2021-06-16"),
        ("Le témoin doit être entendu mercredi par le juge.", "2021-06-23"),
        ("Le témoin a été entendu mercredi par le juge.", "2021-06-16"),
        ("Des élections sont prévues pour décembre.", "2021-12"),
        ("Les élections ont eu lieu en décembre.", "2020-12"),
        ("Il a signé le traité il y a deux ans.", "2019"),
        ("Mai 68 reste une référence pour la gauche.", "1968-05"),
    ],
)
def test_timexes_tense_from_the_clause(nlp: Any, text: str, expected: str) -> None:
    assert [t.value for t in _timexes(nlp, text)] == [expected]


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Cinq morts et 1407 blessés ont été recensés.",
        "Plus de 1500 soldats ont été déployés.",
        "Une femme de 97 ans a été blessée.",
        "Les manifestants ont appelé à un nouveau samedi de mobilisation.",
    ],
)
def test_timexes_no_false_positive_in_context(nlp: Any, text: str) -> None:
    assert [t.text for t in _timexes(nlp, text)] == []


@pytest.mark.model
def test_timexes_offsets_and_ids(nlp: Any) -> None:
    text = "Le sommet s'est tenu mardi. La veille, le ministre était à Rome."
    timexes = _timexes(nlp, text)
    assert [(t.id, t.text, t.value) for t in timexes] == [
        ("t1", "mardi", "2021-06-15"),
        ("t2", "veille", "2021-06-14"),
    ]
    assert all(text[t.start:t.end] == t.text for t in timexes)


@pytest.mark.model
def test_timexes_never_raises_off_the_calendar(nlp: Any) -> None:
    timexes = _timexes(nlp, "Il y a 10000 ans, puis dans 9000 siècles, le 31/02/2020.")
    assert [(t.text, t.value) for t in timexes] == [
        ("Il y a 10000 ans", None),
        ("dans 9000 siècles", None),
        ("2020", "2020"),
    ]


def test_timexes_lexicon_forms_are_lookup_keys() -> None:
    from telex.timex_rules import normalise

    grammar = load_grammar()
    assert grammar.rules
    for name, table in grammar.tables.items():
        assert table, name
        assert all(normalise(form) == form for form in table), name


@pytest.mark.model
def test_timexes_dateline_without_published(nlp: Any) -> None:
    text = "Paris, 4 juillet 2012. - Le texte a été adopté hier par les députés."
    assert [t.value for t in _timexes(nlp, text, None)] == ["2012-07-04", "2012-07-03"]


@pytest.mark.model
def test_timexes_relative_null_without_any_date(nlp: Any) -> None:
    values = [t.value for t in _timexes(nlp, "Le texte a été adopté hier, en 2012.", None)]
    assert values == [None, "2012"]


@pytest.mark.model
def test_timexes_clause_tense(nlp: Any) -> None:
    doc = nlp("Le ministre s'est rendu à Berlin et il rencontrera son homologue.")
    by_text = {token.text: token for token in doc}
    assert clause_tense(by_text["Berlin"]) == PAST
    assert clause_tense(by_text["homologue"]) == FUTURE


@pytest.mark.model
def test_timexes_governing_timex(nlp: Any) -> None:
    doc = nlp.make_doc(
        "Le ministre s'est rendu mercredi à Berlin, et il rencontrera son homologue vendredi. "
        "Il a annoncé son intention de s'expliquer lundi."
    )
    doc._.published = dt.date(2021, 6, 19)
    doc = nlp(doc)
    by_text = {token.text: token for token in doc}
    assert governing_timex(doc, by_text["rendu"]).value == "2021-06-16"  # type: ignore[union-attr]
    assert governing_timex(doc, by_text["rencontrera"]).value == "2021-06-25"  # type: ignore[union-attr]
    assert governing_timex(doc, by_text["expliquer"]).text == "lundi"  # type: ignore[union-attr]
    assert governing_timex(doc, by_text["annoncé"]) is None


# -- the seed and the development gold ----------------------------------------------------
@pytest.mark.model
@pytest.mark.gold
def test_timexes_seed_every_required_timex(seed_analysis: Any, seed_gold: dict[str, Any]) -> None:
    assert seed_analysis.published == "2021-06-19"
    found = {(t.start, t.end): t.value for t in seed_analysis.timexes}
    for gold in seed_gold["timexes"]:
        if gold.get("optional"):
            continue
        overlapping = [
            value for (start, end), value in found.items()
            if start < gold["end"] and gold["start"] < end
        ]
        accepted = [gold["value"], *gold.get("alt", [])]
        assert any(value in accepted for value in overlapping), gold


def _scorer() -> Any:
    spec = importlib.util.spec_from_file_location("telex_shared_score",
                                                  shared_file("tools/score.py"))
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.model
@pytest.mark.gold
def test_timexes_dev_gold_f1(nlp: Any) -> None:
    score = _scorer()
    scorer = score.Scorer()
    for line in shared_file("gold/dev.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if "timexes" not in (gold.get("layers") or ["timexes"]):
            continue
        timexes = _timexes(nlp, gold["text"], gold.get("published"))
        scorer.score_timexes(gold, {"timexes": [t.model_dump() for t in timexes]})
    report = scorer.report()
    assert report["timexes_with_value"]["f1"] >= 0.90
    assert report["timex_value_accuracy"]["acc"] >= 0.90

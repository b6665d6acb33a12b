"""telex_quotes: quotation marks, kinds, speakers, cues and channels, on sentences written for
these tests and on the seed article."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import telex
from telex.components.quotes import find_marked, find_quotes, load_lexicon
from telex.lang import read_list, read_table

MARKS = load_lexicon("fr").marks


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _quotes(text: str) -> list[dict[str, Any]]:
    data = telex.analyze(text).to_dict()
    names = {e["id"]: [e["name"], *e["aliases"]] for e in data["entities"]}
    for quote in data["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        quote["names"] = [*names.get(quote["speaker"], []), quote["speaker_name"] or ""]
    return data["quotes"]


def _find(quotes: list[dict[str, Any]], words: str) -> dict[str, Any]:
    for quote in quotes:
        if _norm(words) in _norm(quote["text"]):
            return quote
    raise AssertionError(f"no quote with {words!r} in {[q['text'] for q in quotes]}")


def _said_by(quote: dict[str, Any], speaker: str | None) -> bool:
    if speaker is None:
        return quote["speaker"] is None
    return any(_norm(speaker) in _norm(name) for name in quote["names"] if name)


# --------------------------------------------------------------------------- quotation marks


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a dit « bonjour à tous » hier.", ["bonjour à tous"]),
        ("Il a dit “bonjour” puis « au revoir ».", ["bonjour", "au revoir"]),
        ('Il a dit "bonjour" puis "au revoir".', ["bonjour", "au revoir"]),
        ("Sie sagte „guten Tag“ und ging.", ["guten Tag"]),
        ("Il a murmuré ‹ peut-être › sans conviction.", ["peut-être"]),
        # nested quotes: only the outer one
        (
            "« Il m'a dit “je reviendrai” puis il est parti », raconte-t-elle.",
            ["Il m'a dit “je reviendrai” puis il est parti"],
        ),
        # a quote over two paragraphs, reopened in the French way
        (
            "« Premier paragraphe.\n« Second paragraphe », dit-il.",
            ["Premier paragraphe.\n« Second paragraphe"],
        ),
        # closed only in the next paragraph
        ("« Une ligne\net la suite », dit-il.", ["Une ligne\net la suite"]),
        # a missing closing mark: the quote ends with its paragraph
        ("Il a dit « rien du tout.\nAutre chose.", ["rien du tout."]),
        # a missing opening mark: the quote starts with its sentence
        ("Fin de phrase. Personne ne viendra », a-t-il dit.", ["Personne ne viendra"]),
        # an ASCII mark left inside a quote
        (
            '"Les violences contre la police "qui protège les gens sont odieuses", a-t-il dit.',
            ['Les violences contre la police "qui protège les gens sont odieuses'],
        ),
        # a closing mark written as an opening one
        ("Ils manifesteront contre l’”agri-bashing » samedi.", ["agri-bashing"]),
        ("Pas de guillemets ici.", []),
        ("« »", []),
    ],
)
def test_quotes_marks_are_paired(text, expected):
    found = find_marked(text, MARKS)
    assert [text[m.start : m.end] for m in found] == expected


@pytest.mark.parametrize(
    "text",
    [
        "«",
        "»",
        '"',
        "« « « »",
        "» « » «",
        '""""',
        "“ ” „ ‹",
        "« a\n\n\n» b « c",
        "Il a dit « oui, » puis «",
        "\n« \n »\n",
        "« " + "très " * 500 + "long",
    ],
)
def test_quotes_odd_marks_never_crash_and_stay_grounded(text):
    for m in find_marked(text, MARKS):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end].strip()


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "« Oui », dit-il. « Non",
        "Selon. « » a déclaré.",
        '"Elle a dit "non" puis "oui", a ajouté Paul.',
        "», a-t-il dit",
        "Il a dit que.",
        "Pour lui, « ",
    ],
)
def test_quotes_odd_texts_never_crash_in_the_pipeline(text):
    _quotes(text)  # offsets are checked inside


# --------------------------------------------------------------------------- speakers


ATTRIBUTIONS = [
    # the subject of the verb of saying, before the quote
    (
        "Le ministre de l'Économie, Bruno Le Maire, a souligné « l'urgence d'une réforme fiscale "
        "ambitieuse » devant les députés.",
        "l'urgence d'une réforme fiscale",
        "partial",
        "Bruno Le Maire",
    ),
    # the inverted subject of an incise
    (
        "« Nous ne céderons rien sur l'essentiel », a déclaré Marine Le Pen jeudi à Paris.",
        "Nous ne céderons rien",
        "direct",
        "Marine Le Pen",
    ),
    (
        "« La situation reste préoccupante », a relevé M. Castex lors d'une visite à Lyon.",
        "La situation reste préoccupante",
        "direct",
        "Castex",
    ),
    # an incise with a time and a channel before the inverted subject
    (
        "« Il faut agir vite », a déclaré mardi à l'AFP Jean Dupont, maire de la commune.",
        "Il faut agir vite",
        "direct",
        "Jean Dupont",
    ),
    # a pronoun in an incise: the person just named
    (
        "Jean Castex est arrivé à Lyon mardi matin. « La situation reste très préoccupante dans "
        "la région », a-t-il ajouté.",
        "situation reste très préoccupante",
        "direct",
        "Jean Castex",
    ),
    (
        "La présidente de la région, Valérie Pécresse, a visité l'usine. « Nous soutiendrons ce "
        "projet jusqu'au bout », a-t-elle assuré.",
        "Nous soutiendrons ce projet",
        "direct",
        "Valérie Pécresse",
    ),
    # a participle shares the subject of its verb: "indiquant que « ... »"
    (
        "Pour sa part, la cheffe de la diplomatie allemande, Annalena Baerbock, a souligné « le "
        "rôle central de l'Europe », indiquant que « les sanctions seront renforcées ».",
        "les sanctions seront renforcées",
        "partial",
        "Annalena Baerbock",
    ),
    # a role phrase names the person introduced with that role
    (
        "Le procureur de Lyon, Nicolas Jacquet, a ouvert une enquête. « Les faits sont d'une "
        "extrême gravité », a déclaré le procureur.",
        "extrême gravité",
        "direct",
        "Nicolas Jacquet",
    ),
    # nobody nameable: no entity, the description as speaker_name
    (
        "« On ne lâchera rien », a lancé un manifestant devant la préfecture.",
        "On ne lâchera rien",
        "direct",
        None,
    ),
    # "selon X" after the quote
    (
        "Les deux dirigeants ont promis de « travailler ensemble » sur le dossier, selon Berlin.",
        "travailler ensemble",
        "partial",
        "Berlin",
    ),
    # a quote after a colon, with the name before it
    (
        "Pour l'association Greenpeace : « Ce vote est une victoire historique pour le climat. »",
        "victoire historique",
        "direct",
        "Greenpeace",
    ),
    # a quote that goes on from the previous one
    (
        "« Nous avons gagné », a affirmé Lionel Messi. « Le public a été formidable ce soir. »",
        "Le public a été formidable",
        "direct",
        "Lionel Messi",
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "words", "kind", "speaker"), ATTRIBUTIONS)
def test_quotes_attribute_the_speaker(text, words, kind, speaker):
    quote = _find(_quotes(text), words)
    assert quote["kind"] == kind
    assert _said_by(quote, speaker), quote


@pytest.mark.model
def test_quotes_unnamed_speaker_is_described():
    quote = _find(_quotes("« On ne lâchera rien », a lancé un manifestant."), "lâchera")
    assert quote["speaker"] is None
    assert quote["speaker_name"] == "un manifestant"
    assert quote["cue"] == "a lancé"


@pytest.mark.model
def test_quotes_same_source_is_the_previous_source():
    text = (
        "« Le dialogue reste possible », indique le ministère des Affaires étrangères dans un "
        "communiqué. « Aucune option n'est exclue », ajoute la même source."
    )
    quotes = _quotes(text)
    first, second = _find(quotes, "dialogue reste"), _find(quotes, "Aucune option")
    assert "ministère" in (first["speaker_name"] or "")
    assert second["speaker_name"] == first["speaker_name"]
    assert first["via"] == "dans un communiqué"
    assert second["cue"] == "ajoute"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "via"),
    [
        (
            "« Nous serons présents », a déclaré Fabien Roussel sur la radio RTL.",
            "sur la radio RTL",
        ),
        (
            "« C'est inacceptable », a écrit Anne Hidalgo sur son compte Twitter.",
            "sur son compte Twitter",
        ),
        (
            "« Rien n'est joué », a confié Rachida Dati dans un entretien au Parisien.",
            "dans un entretien",
        ),
    ],
)
def test_quotes_channel_is_the_via(text, via):
    quote = _quotes(text)[0]
    assert quote["via"] is not None
    assert quote["via"].startswith(via)


@pytest.mark.model
def test_quotes_speaker_of_a_relayed_quote_is_who_said_it():
    # the ministry relays what the minister said: the minister is the speaker
    text = (
        "Le secrétaire d'Etat américain, Antony Blinken, a réaffirmé son soutien, réitérant « son "
        "souhait de voir les élections se tenir à la date prévue », indique le ministère libyen "
        "sur sa page facebook."
    )
    quote = _find(_quotes(text), "son souhait de voir")
    assert _said_by(quote, "Antony Blinken")
    assert quote["via"] == "sur sa page facebook"


# --------------------------------------------------------------------------- not quotes


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "not_quoted"),
    [
        # a term used again and again is a name, not something said
        (
            "Les « gilets jaunes » ont défilé samedi. Plusieurs « gilets jaunes » ont été arrêtés. "
            "Le mouvement des gilets jaunes continue.",
            "gilets jaunes",
        ),
        # a title
        ("Elle a relu « Les Misérables » pendant les vacances d'été.", "Les Misérables"),
        # a code name
        (
            "L'enquête, ouverte sous le nom de code « Tempête du désert », avance.",
            "Tempête du désert",
        ),
        # a description inside a speaker phrase
        ("« Rien ne change », regrette un « gilet jaune » venu de Lille.", "gilet jaune"),
    ],
)
def test_quotes_names_and_titles_are_not_quotes(text, not_quoted):
    assert all(_norm(q["text"]) != _norm(not_quoted) for q in _quotes(text))


@pytest.mark.model
def test_quotes_a_fragment_is_partial_and_a_statement_direct():
    text = (
        "Le ministre a dénoncé des « violences inacceptables » dans la nuit. « Les auteurs "
        "seront retrouvés et punis », a-t-il ajouté."
    )
    quotes = _quotes(text)
    assert _find(quotes, "violences inacceptables")["kind"] == "partial"
    assert _find(quotes, "Les auteurs seront retrouvés")["kind"] == "direct"


@pytest.mark.model
def test_quotes_an_incise_left_inside_the_marks_splits_the_quote():
    text = (
        "\"A ceux qui pensent que le mouvement faiblit, je dis regardez bien, a dit à l'AFP "
        "Sophie Martin, une infirmière de 46 ans. C'est une immense colère et elle ne retombera "
        'pas".'
    )
    quotes = [q for q in _quotes(text) if q["kind"] != "indirect"]
    assert len(quotes) == 2
    assert all(_said_by(q, "Sophie Martin") for q in quotes)
    assert "a dit" not in quotes[0]["text"]


# --------------------------------------------------------------------------- indirect speech


INDIRECT = [
    (
        "Christine Lagarde estime que l'inflation ralentira nettement d'ici la fin de l'année.",
        "l'inflation ralentira nettement d'ici la fin de l'année",
        "Christine Lagarde",
    ),
    (
        "Le président Emmanuel Macron a affirmé que la réforme serait présentée en juin.",
        "la réforme serait présentée en juin",
        "Emmanuel Macron",
    ),
    (
        "Selon le porte-parole du gouvernement, Olivier Véran, le texte sera examiné en juin.",
        "le texte sera examiné en juin",
        "Olivier Véran",
    ),
    (
        "Les négociations reprendront la semaine prochaine à Genève, selon Berlin.",
        "Les négociations reprendront la semaine prochaine à Genève",
        "Berlin",
    ),
    (
        "Le bilan des inondations s'est encore alourdi dans la nuit, a indiqué la préfecture du "
        "Gard.",
        "Le bilan des inondations s'est encore alourdi dans la nuit",
        "préfecture du Gard",
    ),
    (
        "Mais, a assuré un voisin qui le connaît bien, il vivait seul depuis des années.",
        "il vivait seul depuis des années",
        None,
    ),
    # adjuncts between the verb and "que"
    (
        "Nicolas Hulot avait annoncé le 20 juin que la taxe carbone serait abandonnée.",
        "la taxe carbone serait abandonnée",
        "Nicolas Hulot",
    ),
    # a "que" clause opened by an adverbial clause goes on after it
    (
        "Ses défenseurs estiment que, pour être vraiment utile, le texte devrait être simplifié.",
        "pour être vraiment utile, le texte devrait être simplifié",
        None,
    ),
]


@pytest.mark.model
@pytest.mark.parametrize(("text", "content", "speaker"), INDIRECT)
def test_quotes_indirect_speech_is_the_reported_content(text, content, speaker):
    indirect = [q for q in _quotes(text) if q["kind"] == "indirect"]
    assert [q["text"] for q in indirect] == [content]
    assert _said_by(indirect[0], speaker) if speaker else indirect[0]["speaker"] is None


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # "selon" for a manner, not a source
        "Les enfants seront vaccinés selon un calendrier en deux doses.",
        # nobody says it
        "Il est important de mentionner que le service reste ouvert tout l'été.",
        # a commonplace
        "On estime que la moitié des adultes seront touchés par ce virus.",
        # "que" of a conjunction after an object, not of the verb
        "La taxe rapporte 200 millions à l'État tandis que les aides restent faibles.",
        # a relative pronoun is the object
        "C'est ce qu'a annoncé mardi le ministre de l'Économie Bruno Le Maire.",
    ],
)
def test_quotes_no_indirect_speech_without_a_source(text):
    assert [q for q in _quotes(text) if q["kind"] == "indirect"] == []


# --------------------------------------------------------------------------- the seed article


@pytest.mark.model
@pytest.mark.gold
def test_quotes_seed_quotes_have_their_speakers(seed_analysis, seed_gold):
    entities = {e.id: e for e in seed_analysis.entities}
    gold_entities = {e["name"]: e for e in seed_gold["entities"]}
    predicted = seed_analysis.quotes
    for gold in seed_gold["quotes"]:
        if gold.get("optional"):
            continue
        group = {"indirect"} if gold["kind"] == "indirect" else {"direct", "partial"}
        matches = [q for q in predicted if q.kind in group and _norm(gold["text"]) in _norm(q.text)]
        assert matches, f"missed {gold['text']!r}"
        quote = matches[0]
        said = {_norm(quote.speaker_name or "")}
        if quote.speaker in entities:
            entity = entities[quote.speaker]
            said |= {_norm(n) for n in [entity.name, *entity.aliases]}
        wanted = set()
        for name in [gold["speaker"], *(gold.get("speaker_alt") or [])]:
            known = gold_entities.get(name, {"name": name, "aliases": []})
            wanted |= {_norm(n) for n in [known["name"], *known.get("aliases", [])]}
        wanted |= {w.removeprefix("m ").removeprefix("mme ") for w in wanted}
        said |= {s.removeprefix("m ").removeprefix("mme ") for s in said}
        assert said & wanted, f"{gold['text'][:40]!r}: {quote.speaker_name!r}, wanted {wanted}"


@pytest.mark.model
def test_quotes_seed_cues_and_channel(seed_text, seed_analysis):
    by_text = {q.text[:25]: q for q in seed_analysis.quotes}
    le_drian = next(q for t, q in by_text.items() if t.startswith("Là il y a eu"))
    assert (le_drian.kind, le_drian.cue) == ("direct", "a relevé")
    souci = next(q for t, q in by_text.items() if t.startswith("son souci de travailler"))
    assert souci.via == "sur sa page facebook"
    for quote in seed_analysis.quotes:
        assert seed_text[quote.start : quote.end] == quote.text


# --------------------------------------------------------------------------- language data


QUOTE_LISTS = [
    "quote_channels.txt",
    "quote_channel_prepositions.txt",
    "quote_connectors.txt",
    "quote_institutions.txt",
    "quote_naming.txt",
    "quote_new_speaker.txt",
    "quote_person_nouns.txt",
    "quote_source_nouns.txt",
    "quote_time_words.txt",
]
QUOTE_TABLES = {
    "quote_cues.tsv": "lemma",
    "quote_cue_phrases.tsv": "verb",
    "quote_frames.tsv": "phrase",
    "quote_marks.tsv": "open",
    "quote_pronouns.tsv": "pronoun",
    "quote_verb_endings.tsv": "ending",
}


@pytest.mark.parametrize("name", QUOTE_LISTS)
def test_quotes_lists_are_clean(name):
    items = read_list("fr", name)
    assert items
    assert len(items) == len(set(items)), "duplicates"
    assert all(item == item.strip() and item == item.lower() for item in items)


@pytest.mark.parametrize(("name", "key"), QUOTE_TABLES.items())
def test_quotes_tables_are_clean(name, key):
    rows = read_table("fr", name)
    assert rows
    keys = [tuple(row.values()) for row in rows]
    assert len(keys) == len(set(keys)), "duplicates"
    assert all(row[key] for row in rows)


def test_quotes_cue_contents_are_known():
    lexicon = load_lexicon("fr")
    for contents in [*lexicon.cues.values(), *lexicon.cue_phrases.values()]:
        assert contents <= {"que", "inf", "obj"}
    assert {"souligner", "déclarer", "estimer", "ajouter", "confier", "dénoncer"} <= set(
        lexicon.cues
    )


# --------------------------------------------------------------------------- properties

_PIECES = [
    "«",
    "»",
    "“",
    "”",
    "„",
    "‹",
    "›",
    '"',
    " ",
    "\n",
    ",",
    ".",
    ":",
    "-t-il",
    "selon",
    "a déclaré",
    "Marie Curie",
    "le ministre",
    "elle",
    "que",
    "Paris",
    "a-t-elle ajouté",
    "« Oui »",
    "il",
    "indique",
    "pour lui",
    "(",
    ")",
    "l’",
    "d'après",
    "un manifestant",
]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_quotes_marks_are_grounded_on_any_text(text):
    for m in find_marked(text, MARKS):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == text[m.start : m.end].strip()
        assert m.open_at < m.start
        assert m.close_at < 0 or m.close_at >= m.end


@pytest.mark.model
@given(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=30).map(" ".join))
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_quotes_any_text_gives_grounded_quotes(nlp, text):
    for quote in find_quotes(nlp(text), load_lexicon("fr")):
        assert text[quote.start : quote.end] == quote.text
        assert quote.kind in ("direct", "partial", "indirect")
        assert quote.speaker is None or quote.speaker.startswith("e")

"""Corrects the statistical NER's entity spans and labels with knowledge, before clustering.

fr_core_news_md makes systematic errors on news: people tagged as places ("Najla Al-Mangoush"),
role complements as places ("secrétaire d'Etat"), inhabitants as places ("les Turcs"),
capitalised sentence-initial words as names ("Interrogé par …"), cut institution names
("Conseil" for "Conseil présidentiel"), organisations as people ("le groupe … Wagner"). Each rule
here fixes one kind of error from general knowledge (titles, given names, role nouns, demonyms,
organisation nouns, the model's own French lexicon), never from a list of names.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from telex.countries import Region, countries, normalize
from telex.geo import gazetteer
from telex.kb import KnowledgeBase, knowledge_base
from telex.lang import read_table, read_toml
from telex.names import fold, given_name, is_particle, role_words, titles

PER, ORG, LOC, MISC = "PER", "ORG", "LOC", "MISC"
_QUOTE_OPEN = frozenset('«“"„‹(—–-')
_ACRONYM_MAX = 6  # letters: longer words in capitals are shouted words, not acronyms
_NAME_WORD = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w'’.\-]*$")


class EntityRules:
    """The language data the entity components read (lang/<code>/entities.toml), typed."""

    def __init__(self, lang: str) -> None:
        data = read_toml(lang, "entities.toml")
        self.leading_trim = frozenset(data["leading_trim"])
        self.capitalised_trim = frozenset(data["capitalised_trim"])
        self.place_articles = frozenset(data["place_articles"])
        self.not_entities = frozenset(data["not_entities"])
        self.role_complements = frozenset(data["role_complements"])
        self.org_heads = frozenset(data["org_heads"])
        self.institution_heads = frozenset(data["institution_heads"])
        self.institution_phrases = frozenset(data["institution_phrases"])
        self.place_heads = frozenset(data["place_heads"])
        self.demonym_endings = tuple(sorted(data["demonym_endings"], key=len, reverse=True))
        self.articles = frozenset(data["articles"])
        self.role_premodifiers = frozenset(data["role_premodifiers"])
        self.relational_roles = frozenset(data["relational_roles"])
        self.descriptions: dict[str, frozenset[str]] = {
            noun: frozenset(codes) for noun, codes in data["descriptions"].items()
        }
        grammar = data["grammar"]
        self.of_words = frozenset(grammar["of"])
        self.articles_after_of = frozenset(grammar["articles_after_of"])
        self.determiners = frozenset(grammar["determiners"])
        self.definite = frozenset(grammar["definite"])
        self.not_in_initials = frozenset(grammar["not_in_initials"])
        self.complement_words = self.of_words | self.articles_after_of
        self.feminine_articles = frozenset(data["feminine_articles"])
        self.masculine_articles = frozenset(data["masculine_articles"])
        self._synonyms = {
            fold(row["phrase"]): (row["key"], row["display"])
            for row in read_table(lang, "role_synonyms.tsv")
        }
        self.default_country: str | None = data.get("default_country") or None
        self.roles = role_words(lang)
        self.titles = titles(lang)

    def role_of(self, word: str) -> str | None:
        """The role noun a word is, in the singular: 'Eurodéputés' -> 'eurodéputé'."""
        lower = word.lower()
        if lower in self.roles:
            return lower
        if lower.endswith(("s", "x")) and lower[:-1] in self.roles:
            return lower[:-1]
        return None

    def office(self, role: str | None) -> str | None:
        """The office a role phrase names ('chef de l'État' and 'président de la République'
        name one), or the phrase itself when no synonym is known."""
        if not role:
            return None
        key = fold(role)
        return self._synonyms[key][0] if key in self._synonyms else key

    def display_role(self, role: str) -> str:
        """How to write a role: 'cheffe de la diplomatie' -> 'ministre des Affaires étrangères'."""
        return self._synonyms.get(fold(role), ("", ""))[1] or role

    def is_role(self, word: str) -> bool:
        return self.role_of(word) is not None


class Lexicon:
    """Whether a word is a French common word, from the model's own lemmatizer tables."""

    def __init__(self, nlp: Language) -> None:
        self._forms: object = None
        self._lemmas: frozenset[str] = frozenset()
        if "lemmatizer" in nlp.pipe_names:
            lookups = cast(Lemmatizer, nlp.get_pipe("lemmatizer")).lookups
            if lookups.has_table("lemma_lookup"):
                self._forms = lookups.get_table("lemma_lookup")
            if lookups.has_table("lemma_index"):
                index = lookups.get_table("lemma_index")
                self._lemmas = frozenset(w for pos in index for w in index[pos])

    def is_common(self, word: str) -> bool:
        lower = word.lower()
        return lower in self._lemmas or (self._forms is not None and lower in self._forms)  # type: ignore[operator]


def _trimmed(span: Span) -> Span | None:
    """The span without edge tokens that hold no letter or digit: the model now and then takes
    a line break, a quote mark or a stray symbol into a name, or tags one alone."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and not any(c.isalnum() for c in doc[start].text):
        start += 1
    while end > start and not any(c.isalnum() for c in doc[end - 1].text):
        end -= 1
    if start == end:
        return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label, kb_id=span.kb_id)


def region_named(text: str) -> Region | None:
    """The region `text` names (Bretagne, Sahel), not one it qualifies as an adjective (breton)."""
    region = countries().region(text)
    if region is None:
        return None
    key = normalize(text)
    return region if key in {normalize(n) for n in (region.name, *region.names)} else None


def is_known_place(text: str) -> bool:
    """A country, capital, region or gazetteer place."""
    index = countries()
    return bool(
        index.by_name(text)
        or index.by_capital(text)
        or region_named(text)
        or gazetteer().candidates(text)
    )


class Ruler:
    """telex_ruler: rewrites `doc.ents` with corrected spans and labels."""

    def __init__(self, nlp: Language, name: str, *, lang: str = "fr") -> None:
        self.name = name
        self.rules = EntityRules(lang)
        self.lexicon = Lexicon(nlp)
        self.kb = knowledge_base()
        self.matcher = _kb_matcher(nlp, self.kb)

    def __call__(self, doc: Doc) -> Doc:
        spans = (_trimmed(span) for span in self.with_known_actors(doc, self.find(doc)))
        doc.ents = [span for span in spans if span is not None]
        return doc

    def with_known_actors(self, doc: Doc, spans: list[Span]) -> list[Span]:
        """Names the actor knowledge base knows: they fix the label of a span, complete a cut one
        ("La France" of "La France insoumise") and add the ones the model missed."""
        kept = {(span.start, span.end): span for span in spans}
        by_token = {i: (s.start, s.end) for s in spans for i in range(s.start, s.end)}
        extra: list[Span] = []
        for match_id, start, end in self.matcher(doc):
            actor = self.kb.lookup(doc.vocab.strings[match_id])
            if actor is None or actor.type not in (PER, ORG, LOC, MISC):
                continue
            known = Span(doc, start, end, label=actor.type, kb_id=actor.kb_id)
            overlapping = {by_token[i] for i in range(start, end) if i in by_token}
            if not overlapping:
                if self._plausible_new_name(known):
                    extra.append(known)
                continue
            if not all(start <= s and e <= end for s, e in overlapping):
                continue  # inside a longer name: the longer one stands
            labels = {kept[key].label_ for key in overlapping if key in kept}
            if actor.type == PER and labels - {PER} and len(known) == 1:
                continue  # a surname alias never turns a place or organisation into a person
            for key in overlapping:
                kept.pop(key, None)
            extra.append(known)
        for key, span in kept.items():
            # a known name written differently from the knowledge base ("COVID-19", "Covid-19")
            actor = self.kb.lookup(span.text)
            if actor is not None and actor.type != span.label_ and actor.type in (ORG, LOC, MISC):
                kept[key] = Span(doc, span.start, span.end, label=actor.type, kb_id=actor.kb_id)
        return filter_spans(list(kept.values()) + extra)

    def _plausible_new_name(self, span: Span) -> bool:
        """A knowledge-base name the model did not tag is taken when it looks like a name:
        capitalised, and either several words, an acronym, or no common word."""
        first = span[0]
        if not first.text[:1].isupper():
            return False
        if len(span) > 1 or _acronym(first.text):
            return True
        return not self.lexicon.is_common(first.text) and not _sentence_initial(first)

    def find(self, doc: Doc) -> list[Span]:
        """The corrected entity spans: the model's, trimmed, split, relabelled or dropped."""
        inside = {ent.text for ent in doc.ents if not _sentence_initial(ent[0])}
        found: list[Span] = []
        for ent in doc.ents:
            for part, forced in self._split(ent):
                span = self._trim(part)
                if span is None:
                    continue
                label = forced or self._relabel(span, inside)
                if label is None:
                    continue
                span = self._extend(span, label)
                found.append(
                    Span(doc, span.start, span.end, label=span.label_ if span.label_ else label)
                )
        return filter_spans(found)

    # -- splitting -----------------------------------------------------------------------------
    def _split(self, span: Span) -> Iterable[tuple[Span, str | None]]:
        """Cut a person's name off a longer span ('Rassemblement national de Marine Le Pen'), or a
        place off what the NER took for a name ('marché de Noël de Strasbourg')."""
        doc = span.doc
        if self._role_complement(span):
            # "procureur de la République de Valenciennes": only the place is a name.
            for i in range(1, len(span) - 1):
                if span[i].lower_ in self.rules.of_words and is_known_place(span[i + 1 :].text):
                    yield Span(doc, span.start + i + 1, span.end, label=LOC), LOC
                    return
        if span.label_ in (PER, MISC) and span[0].text not in self.rules.titles:
            for i in range(1, len(span) - 1):
                if span[i].lower_ in self.rules.of_words and is_known_place(span[i + 1 :].text):
                    if i > 1:
                        yield Span(doc, span.start, span.start + i, label=span.label_), None
                    yield Span(doc, span.start + i + 1, span.end, label=LOC), LOC
                    return
        if len(span) >= 2 and _acronym(span[0].text) and given_name(span[1].text) is not None:
            # "AFP Karima": a byline's agency glued to a name.
            yield Span(doc, span.start, span.start + 1, label=ORG), ORG
            yield Span(doc, span.start + 1, span.end, label=PER), PER
            return
        for i in range(1, len(span) - 1):
            token = span[i]
            prev = span[i - 1]
            info = given_name(token.text)
            if info is None or not _NAME_WORD.match(token.text):
                continue
            if info.common and prev.lower_ not in self.rules.of_words:
                continue
            if given_name(prev.text) is not None or prev.text in self.rules.titles:
                continue
            rest = span[i + 1 :]
            if not all(_name_part(t.text) for t in rest):
                continue
            if not _NAME_WORD.match(rest[0].text):
                continue
            yield Span(doc, span.start, span.start + i, label=span.label_), None
            yield Span(doc, span.start + i, span.end, label=PER), PER
            return
        yield span, None

    # -- trimming ------------------------------------------------------------------------------
    def _trim(self, span: Span) -> Span | None:
        rules = self.rules
        start, end = span.start, span.end
        doc = span.doc
        for k in range(start + 1, end):
            if "\n" in doc[k].text or "\n" in doc[k - 1].whitespace_:
                end = k  # a name never runs across a line break
                break
        while start < end and (
            doc[start].text in rules.leading_trim
            or (doc[start].text in rules.capitalised_trim and end - start > 1)
            or doc[start].is_punct
        ):
            start += 1
        while end > start and (doc[end - 1].is_punct or doc[end - 1].text in rules.leading_trim):
            end -= 1
        if start >= end:
            return None
        label = span.label_
        if (
            end - start > 1
            and doc[start].lower_ in rules.org_heads
            and doc[start].is_lower
            and _NAME_WORD.match(doc[start + 1].text)
        ):
            start += 1  # "agence Belga", "groupe Wagner": the name is what follows the noun
            label = ORG
        if (
            span.label_ == LOC
            and end - start > 1
            and doc[start].text in rules.place_articles
            and is_known_place(doc[start + 1 : end].text)
            and not self._after_org_head(span)  # "le mouvement La France en colère"
        ):
            start += 1
        if (start, end, label) == (span.start, span.end, span.label_):
            return span
        return Span(doc, start, end, label=label)

    # -- labels --------------------------------------------------------------------------------
    def _relabel(self, span: Span, inside: set[str]) -> str | None:
        """The right label for a span, or None when it is no entity at all."""
        rules = self.rules
        label = span.label_
        first = span[0]
        text = span.text
        index = countries()
        if len(span) == 1 and (text in rules.not_entities or sum(c.isalpha() for c in text) < 2):
            return None
        if any(t.like_url or t.text[:1] in "@#" or "://" in t.text for t in span):
            return None  # handles, hashtags and links are not names
        if first.lower_ in rules.place_heads and len(span) > 1 and label in (ORG, MISC):
            return LOC
        if self._role_complement(span):
            return None
        role_at = 1 if first.lower_ in rules.role_premodifiers and len(span) > 1 else 0
        if rules.is_role(span[role_at].text):
            # "président Macron" names a person; "ministre de l'Intérieur", "Première ministre
            # britannique" only a role.
            rest = span[role_at + 1 :]
            if (
                rest
                and all(_NAME_WORD.match(t.text) for t in rest)
                and rest[0].text not in rules.role_complements
            ):
                return PER
            return None
        if self._demonym(span):
            return None
        if (
            label in (PER, LOC, MISC)
            and _NAME_WORD.match(first.text)
            and self._after_org_head(span)
        ):
            return ORG
        if (
            len(span) == 1
            and _sentence_initial(first)
            and text not in inside
            and self.lexicon.is_common(text)
            and not is_known_place(text)
            and not _acronym(text)
        ):
            return None
        if (
            first.is_lower
            and first.lower_ not in rules.place_heads
            and first.lower_ not in rules.institution_phrases
        ):
            return None  # names are capitalised; "centre-est", "déchaînée" are not names
        if first.is_lower and len(span) == 1:
            return None
        if first.pos_ in ("PRON", "VERB", "AUX", "SCONJ", "CCONJ") and not _acronym(first.text):
            return None
        if (
            label in (LOC, PER)
            and first.pos_ == "NOUN"
            and not _compound_name(span.text.split()[0])
            and self.lexicon.is_common(first.text)
            and not self._name_like_place(span)
        ):
            return None  # "Impôt", "Produit intérieur": common nouns, capitalised
        if (
            len(span) == 1
            and label == ORG
            and first.pos_ == "NOUN"
            and first.text not in rules.institution_heads
            and self.lexicon.is_common(first.text)
            and self.kb.lookup(text) is None
            and not (_acronym(text) and len(text) <= _ACRONYM_MAX)
        ):
            return None  # "Analyste", "Partisans": a capitalised common noun is no organisation
        if _acronym(text) and len(text) > _ACRONYM_MAX and self.lexicon.is_common(text):
            return None  # "CASSEURS", "DÉMISSION": a word in capitals, a banner or a slogan
        if all(t.text in rules.titles for t in span):
            return None  # "Monsieur" alone names nobody
        if first.text in rules.titles and len(span) > 1:
            return PER
        if label != LOC and index.by_name(text) and given_name(first.text) is None:
            return LOC
        if label != PER and self._looks_like_person(span):
            return PER
        if (
            label in (MISC, PER, LOC)
            and _acronym(text)
            and len(text) <= _ACRONYM_MAX
            and len(span) == 1
            and not is_known_place(text)
        ):
            return ORG  # acronyms name organisations far more often than people, places or events
        if label == PER and len(span) == 1 and self._place_after_preposition(span):
            return LOC
        if label in (LOC, MISC) and len(span) == 1 and not is_known_place(text):
            info = given_name(text)
            if info is not None and not info.common:
                return PER
        return label

    def _place_after_preposition(self, span: Span) -> bool:
        """'de Metz', 'à Metz': a known town after a place preposition is the town."""
        doc = span.doc
        if span.start == 0 or doc[span.start - 1].lower_ not in (
            "de",
            "à",
            "en",
            "d'",
            "d’",
            "vers",
        ):
            return False
        return bool(countries().by_capital(span.text) or gazetteer().candidates(span.text))

    def _name_like_place(self, span: Span) -> bool:
        """A place named with a common noun: 'place de la Concorde', 'Tour Eiffel', or known."""
        if span[0].lower_ in self.rules.place_heads or is_known_place(span.text):
            return True
        if given_name(span[0].text) is not None and len(span) > 1:
            return True
        return span[0].pos_ == "PROPN" and len(span) > 1

    def _looks_like_person(self, span: Span) -> bool:
        if is_known_place(span.text) or index_has_org(span.text):
            return False
        if span[0].text in self.rules.institution_heads or span[0].lower_ in self.rules.org_heads:
            return False
        if all(_acronym(t.text) for t in span):
            return False
        if not all(_name_part(t.text) for t in span):
            return False
        first = given_name(span[0].text)
        if len(span) > 1 and first is not None and (not first.common or span.label_ == MISC):
            return True
        return self._after_person_role(span)

    def _after_person_role(self, span: Span) -> bool:
        """Right after a role phrase: 'le président turc, Recep Tayyip Erdogan'."""
        doc = span.doc
        before = (
            span.start - 1 if span.start > 0 and doc[span.start - 1].text == "," else span.start
        )
        return self._head_before(doc, before, self.rules.is_role, lowercase_only=False, steps=6)

    def _after_org_head(self, span: Span) -> bool:
        """After an organisation noun: 'le groupe privé russe Wagner', 'le collectif la
        Quadrature du Net', 'le parti de gauche Générations'."""
        return self._head_before(
            span.doc, span.start, lambda word: word.lower() in self.rules.org_heads, steps=4
        )

    def _head_before(
        self,
        doc: Doc,
        start: int,
        is_head: Callable[[str], bool],
        *,
        steps: int,
        lowercase_only: bool = True,
    ) -> bool:
        """Whether a head noun stands before `start` with only its own complements (adjectives,
        nouns, 'de', articles) between them."""
        for i in range(start - 1, max(-1, start - 1 - steps), -1):
            token = doc[i]
            if is_head(token.text):
                return True
            if token.is_sent_start or token.pos_ not in ("ADJ", "NOUN", "PROPN", "DET", "ADP"):
                return False
            if lowercase_only and not token.is_lower:
                return False
            if token.pos_ in ("DET", "ADP") and token.lower_ not in self.rules.complement_words:
                return False
        return False

    def _role_complement(self, span: Span) -> bool:
        """'Etat' in 'secrétaire d'Etat', 'République' in 'procureur de la République'."""
        if span[0].text not in self.rules.role_complements:
            return False
        doc = span.doc
        i = span.start - 1
        while i >= 0 and doc[i].lower_ in self.rules.complement_words:
            i -= 1
        if i < 0 or i == span.start - 1:
            return False
        return self.rules.is_role(doc[i].text) or doc[i].lower_ in self.rules.institution_phrases

    def _demonym(self, span: Span) -> bool:
        """Inhabitants, not places: 'les Turcs', 'l'Italien', 'les Namurois'."""
        if len(span) > 2:
            return False
        word = span.text.split("-")[-1] if "-" in span.text else span.text
        index = countries()
        if index.by_demonym(word) and not index.by_name(span.text):
            return True
        if index.region(word) is not None and not is_known_place(span.text):
            return True  # an adjective of a region or city: "les Parisiens", "des anti-Européens"
        if len(span) != 1 or span.label_ != LOC:
            return False
        before = span.doc[span.start - 1] if span.start > 0 else None
        return (
            before is not None
            and before.text in self.rules.articles
            and span.text.lower().endswith(self.rules.demonym_endings)
            and not is_known_place(span.text)
        )

    # -- extending -----------------------------------------------------------------------------
    def _extend(self, span: Span, label: str) -> Span:
        doc = span.doc
        start, end = span.start, span.end
        if (
            label == PER
            and start > 1
            and doc[start - 1].text == "-"
            and doc[start - 1].idx + 1 == doc[start].idx
            and given_name(doc[start - 2].text) is not None
        ):
            start -= 2  # "Jean-Luc Mélenchon" where the model saw "Luc Mélenchon"
        if label in (PER, LOC) and start > 0 and _NAME_WORD.match(doc[start - 1].text):
            info = given_name(doc[start - 1].text)
            if info is not None and not info.common and doc[start - 1].ent_iob_ != "I":
                start -= 1  # "Najla Al-Mangoush" where the model saw only "Al-Mangoush"
                label = PER
        if label == ORG and self._after_org_head(span):
            # "le mouvement La France en colère": the name runs to the end of its noun phrase
            while end < len(doc) and end - span.end < 3:
                if doc[end].pos_ == "ADJ" and doc[end].is_lower:
                    end += 1
                elif (
                    doc[end].pos_ == "ADP"
                    and doc[end].is_lower
                    and end + 1 < len(doc)
                    and doc[end + 1].pos_ in ("NOUN", "PROPN")
                    and end + 2 - span.end <= 3
                ):
                    end += 2
                else:
                    break
        elif label == ORG and span[0].text in self.rules.institution_heads and len(span) == 1:
            # "Conseil" + "présidentiel": adjectives that complete the name (not demonyms),
            # or a plural complement ("Conseil des ministres", "Cour des comptes").
            while (
                end < len(doc)
                and end - span.end < 2
                and doc[end].pos_ == "ADJ"
                and doc[end].is_lower
                and not countries().by_demonym(doc[end].text)
            ):
                end += 1
            if (
                end == span.end
                and end + 1 < len(doc)
                and doc[end].lower_ in self.rules.of_words
                and doc[end + 1].pos_ == "NOUN"
                and doc[end + 1].is_lower
            ):
                end += 2
        elif label == PER and is_particle(span[-1].text):
            # "Ilse Van" + "de Keere": a name the model cut after a particle
            while end < len(doc) and is_particle(doc[end].text):
                end += 1
            if end < len(doc) and doc[end].is_alpha:
                end += 1
        if (start, end, label) == (span.start, span.end, span.label_):
            return span
        return Span(doc, start, end, label=label)


def index_has_org(text: str) -> bool:
    """A name the actor knowledge base knows as an organisation."""
    actor = knowledge_base().lookup(text)
    return actor is not None and actor.type == ORG


def _kb_matcher(nlp: Language, kb: KnowledgeBase) -> PhraseMatcher:
    """A phrase matcher over every name and alias of the knowledge base, each under its own text."""
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    names = sorted({name for actor in kb for name in actor.names if kb.lookup(name) is not None})
    for name in names:
        matcher.add(name, [_pattern(nlp, name)])
    return matcher


_PLAIN_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+)*")


def _pattern(nlp: Language, name: str) -> Doc:
    # Words of letters and digits split on spaces exactly as the tokenizer splits them; building
    # those docs directly saves most of the knowledge base's load time.
    if _PLAIN_WORDS.fullmatch(name):
        return Doc(nlp.vocab, words=name.split())
    return nlp.make_doc(name)


def _sentence_initial(token: Token) -> bool:
    if token.is_sent_start:
        return True
    prev = token.doc[token.i - 1]
    return prev.text in _QUOTE_OPEN or "\n" in prev.text or prev.text in (":", ".")


def _name_part(word: str) -> bool:
    """A word that may stand in a person's name: capitalised, a particle, or a hyphen."""
    return bool(_NAME_WORD.match(word)) or is_particle(word) or word in ("-", "'", "’")


def _compound_name(word: str) -> bool:
    """'Champs-Élysées', 'Saint-Etienne': capitals inside a hyphenated word make it a name."""
    return any(part[:1].isupper() for part in word.split("-")[1:])


def _acronym(text: str) -> bool:
    return sum(c.isalpha() for c in text) >= 2 and text.isupper()


@Language.factory(
    "telex_ruler",
    default_config={"lang": "fr"},
    requires=["doc.ents", "token.pos", "token.dep"],
    assigns=["doc.ents"],
)
def make_ruler(nlp: Language, name: str, *, lang: str) -> Ruler:
    return Ruler(nlp, name, lang=lang)

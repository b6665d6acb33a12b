"""Clusters entity mentions into one entity per real-world referent, with its country and role.

Mentions are the corrected NER spans (telex_ruler), institutions named by a common noun
("le ministère de l'Intérieur") and role phrases ("la cheffe de la diplomatie libyenne"). They
are clustered per type: people by surname (transliteration variants included) with compatible
given names and titles, never two people who only share a surname; organisations by name,
acronym and expansion; places by name and country. Role phrases in apposition give a person
its role and country, and stand as its mentions; the country of what the text leaves
unqualified falls back to the article's own country (the one it names most).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from telex.components.ruler import EntityRules, is_known_place, region_named
from telex.countries import countries
from telex.extensions import demonym_countries, token_lowers, token_texts
from telex.geo import gazetteer
from telex.kb import Actor, knowledge_base
from telex.names import (
    PersonName,
    compatible_given,
    fold,
    given_name,
    parse_person,
    same_surname,
    surname_consonants,
)
from telex.schema import Entity, Mention

PER, ORG, LOC, MISC = "PER", "ORG", "LOC", "MISC"
_ACRONYM = re.compile(r"^(?=(?:.*[A-ZÀ-Ö]){2})[A-ZÀ-Ö][A-ZÀ-Ö0-9&.\-]{1,9}$")


@dataclass
class _Mention:
    """A mention: token and character offsets, label, and what its words say of the entity."""

    start: int  # token offsets
    end: int
    label: str
    text: str
    start_char: int
    end_char: int
    kind: str = "name"  # "name", "role" (a role phrase), "institution"
    person: PersonName | None = None
    country: str | None = None  # evidence from the mention's own words or apposition
    role: str | None = None
    code: str | None = None  # actor role code implied by the role (GOV, MIL…)
    gender: str = "-"
    cluster: int = -1

    @classmethod
    def of(cls, span: Span, label: str, kind: str = "name") -> _Mention:
        return cls(span.start, span.end, label, span.text, span.start_char, span.end_char, kind)


@dataclass
class _Cluster:
    label: str
    mentions: list[_Mention] = field(default_factory=list)

    @property
    def first(self) -> _Mention:
        return min(self.mentions, key=lambda m: m.start)


class Entities:
    """telex_entities: writes `doc._.entities` and `doc._.entity_index`."""

    def __init__(self, nlp: Language, name: str, *, lang: str = "fr") -> None:
        self.name = name
        self.rules = EntityRules(lang)
        self._role_codes = {row_role: code for row_role, code in _role_codes(lang)}
        self._complements = frozenset(w.lower() for w in self.rules.role_complements)
        self._org_words = self.rules.org_heads | {w.lower() for w in self.rules.institution_heads}

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.collect(doc)
        clusters = self.cluster(doc, mentions)
        entities, index = self.build(doc, clusters)
        doc._.set("entities", entities)
        doc._.set("entity_index", index)
        return doc

    # -- mentions ------------------------------------------------------------------------------
    def collect(self, doc: Doc) -> list[_Mention]:
        # A date the NER took for a name ("XXe siècle", "May 4") is a date, not an entity.
        dated = {i for t in doc._.timexes or [] for i in range(t.start, t.end)}
        mentions = [
            self._name_mention(doc, ent)
            for ent in doc.ents
            if not any(i in dated for i in range(ent.start_char, ent.end_char))
        ]
        mentions += self._expansions(doc, mentions)
        mentions += self._repeats(doc, mentions)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._institutions(doc, taken)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._roles(doc, taken, mentions)
        mentions += self._descriptions(doc, taken)
        mentions.sort(key=lambda m: (m.start, -m.end))
        return mentions

    def _name_mention(self, doc: Doc, ent: Span, label: str | None = None) -> _Mention:
        mention = _Mention.of(ent, label or ent.label_)
        if mention.label == PER:
            mention.person = parse_person(ent.text.split())
            mention.gender = mention.person.gender
            if mention.person.title and mention.person.title.lower() in self.rules.roles:
                mention.role = mention.person.title.lower()
            mention.country = self._demonym_before(doc, ent.start)
        elif mention.label == ORG:
            mention.country = self._country_in_name(doc, ent) or self._demonym_in_org_phrase(
                doc, ent.start
            )
        return mention

    def _repeats(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """Other occurrences of a name the article uses, which the model left untagged: a name is
        the same name all through an article (acronyms, several words, or a word that is not a
        common word where it stands)."""
        taken = {i for m in mentions for i in range(m.start, m.end)}
        names: dict[tuple[str, ...], _Mention] = {}
        for m in mentions:
            words = tuple(t.text for t in doc[m.start : m.end])
            if len(words) > 1 or _ACRONYM.match(m.text) or (words and words[0][:1].isupper()):
                names.setdefault(words, m)
        found = []
        # Where each word occurs, read once: scanning every token for every name was the
        # component's slowest step.
        texts = token_texts(doc)
        at: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            at.setdefault(text, []).append(i)
        for words, model in names.items():
            n = len(words)
            for i in at.get(words[0], ()):
                if i > len(texts) - n:
                    break
                if any(j in taken for j in range(i, i + n)):
                    continue
                if tuple(texts[i : i + n]) != words:
                    continue
                if n == 1 and not _ACRONYM.match(words[0]) and doc[i].is_sent_start:
                    continue  # a capitalised first word may be a common word there
                mention = self._name_mention(doc, doc[i : i + n], model.label)
                found.append(mention)
                taken.update(range(i, i + n))
        return found

    def _demonym_before(self, doc: Doc, start: int) -> str | None:
        """'l'Italien Giuseppe Conte': a capitalised demonym right before a name."""
        if start == 0:
            return None
        prev = doc[start - 1]
        country = countries().by_demonym(prev.text) if prev.text[:1].isupper() else None
        return country.iso3 if country else None

    def _demonym_in_org_phrase(self, doc: Doc, start: int) -> str | None:
        """'le groupe privé russe Wagner': a demonym between an organisation noun and the name."""
        i, found = start - 1, None
        while i >= 0 and doc[i].pos_ == "ADJ" and start - i < 4:
            hit = countries().by_demonym(doc[i].text)
            found = found or (hit.iso3 if hit else None)
            i -= 1
        if i >= 0 and doc[i].lower_ in self.rules.org_heads:
            return found
        return None

    def _country_in_name(self, doc: Doc, span: Span) -> str | None:
        """A country inside an organisation's name: 'ministère des Affaires étrangères libyen',
        'Assemblée nationale française', 'Banque de France'."""
        index = countries()
        words = [t.text for t in span]
        if span.end < len(doc) and doc[span.end].pos_ == "ADJ":
            words.append(doc[span.end].text)
        for word in words[1:]:
            country = index.by_demonym(word) if word.islower() else index.by_name(word)
            if country:
                return country.iso3
        return None

    def _institutions(self, doc: Doc, taken: set[int]) -> list[_Mention]:
        """Institutions named by a common noun and a capitalised or place complement."""
        found = []
        ents_by_start = {ent.start: ent for ent in doc.ents}
        phrases = self.rules.institution_phrases
        for i, lower in enumerate(token_lowers(doc)):
            if lower not in phrases or i in taken:
                continue
            token = doc[i]
            if not token.is_lower:
                continue
            end = token.i + 1
            while (
                end < len(doc)
                and doc[end].pos_ == "ADJ"
                and doc[end].is_lower
                and end - token.i < 3
            ):
                end += 1
            complement_end = self._complement(doc, end, ents_by_start)
            if complement_end is None:
                continue
            span = doc[token.i : complement_end]
            mention = _Mention.of(span, ORG, kind="institution")
            mention.country = self._country_in_name(doc, span)
            found.append(mention)
        return found

    def _complement(self, doc: Doc, i: int, ents_by_start: dict[int, Span]) -> int | None:
        """End of a 'de X' complement naming an institution: capitalised words or a place."""
        rules = self.rules
        if i >= len(doc) or doc[i].lower_ not in rules.of_words:
            return None
        j = i + 1
        while j < len(doc) and doc[j].lower_ in rules.articles_after_of:
            j += 1
        if j >= len(doc):
            return None
        if j in ents_by_start:
            return ents_by_start[j].end
        if not doc[j].text[:1].isupper() or doc[j].is_sent_start:
            if doc[j].lower_ in self._complements:  # "ministère de l'intérieur", in lower case
                return j + 1
            if doc[j].lower_ in rules.institution_phrases:  # "préfecture de police (de Paris)"
                return self._complement(doc, j + 1, ents_by_start) or j + 1
            return None
        end = j + 1
        while (
            end < len(doc)
            and (doc[end].text[:1].isupper() or (doc[end].pos_ == "ADJ" and doc[end].is_lower))
            and end - j < 4
        ):
            end += 1
        return end

    def _initials(self, text: str) -> str:
        """The letters an acronym of `text` would have (articles and prepositions left out)."""
        skipped = self.rules.not_in_initials
        words = [fold(w) for w in re.split(r"[\s\-’']+", text) if w and fold(w) not in skipped]
        return "".join(w[0] for w in words if w).upper()

    def _expansions(self, doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
        """A bracketed acronym and the name it abbreviates: 'Service de développement économique
        (SDE)' gives both as mentions of one organisation (Schwartz and Hearst's rule)."""
        found = []
        by_span = {(m.start, m.end): m for m in mentions}
        for token in doc[2:-1]:
            i = token.i
            if doc[i - 1].text != "(" or doc[i + 1].text != ")" or not _ACRONYM.match(token.text):
                continue
            letters = token.text.replace(".", "").upper()
            for start in range(i - 2, max(-1, i - 3 - 2 * len(letters)), -1):
                span = doc[start : i - 1]
                if not span[0].text[:1].isupper() or self._initials(span.text) != letters:
                    continue
                if not any(t.lower_ in self._org_words for t in span):
                    break  # "Produit intérieur brut (PIB)" is a notion, not an organisation
                known = by_span.get((span.start, span.end))
                if known is None:
                    found.append(_Mention.of(span, ORG, kind="institution"))
                elif known.label not in (ORG, MISC):
                    break
                acronym = by_span.get((i, i + 1))
                if acronym is None:
                    found.append(_Mention.of(doc[i : i + 1], ORG))
                else:
                    acronym.label = ORG
                break
        return found

    def _roles(self, doc: Doc, taken: set[int], mentions: list[_Mention]) -> list[_Mention]:
        """Role phrases ('le secrétaire d'Etat américain'), linked to the person in apposition."""
        people = {m.start: m for m in mentions if m.label == PER}
        people_end = {m.end: m for m in mentions if m.label == PER}
        org_ends = {m.start: m.end for m in mentions if m.label == ORG}
        found = []
        for i, text in enumerate(token_texts(doc)):
            role = self.rules.role_of(text)
            if role is None or i in taken:
                continue
            token = doc[i]
            if token.pos_ not in ("NOUN", "PROPN", "ADJ"):
                continue
            if token.lower_ != role and token.lower_ not in self.rules.roles:
                continue  # "les présidents français": several people, no one's mention
            if token.text[0].isupper() and not token.is_sent_start:
                continue
            start = token.i
            if start > 0 and doc[start - 1].lower_ in self.rules.role_premodifiers:
                start -= 1  # "Premier ministre", "ancien président"
            det = (
                start - 1
                if start > 0 and doc[start - 1].lower_ in self.rules.determiners
                else start
            )
            end = self._role_end(doc, token.i + 1, taken, org_ends)
            role_words = doc[start:end]
            country = None
            for t in role_words[1:]:
                hit = countries().by_demonym(t.text) if t.is_lower else countries().by_name(t.text)
                if hit is None and not t.is_lower:
                    hit = countries().by_capital(t.text)
                if hit:
                    country = hit.iso3
            phrase = doc[det:end]
            mention = _Mention.of(phrase, PER, kind="role")
            mention.country = country
            mention.role = _role_text(role_words, country is not None)
            mention.code = self._role_codes.get(role)
            mention.gender = self._role_gender(doc, det, start, token, role)
            # Apposition: ROLE [,] NAME  or  NAME , ROLE
            after = end + 1 if end < len(doc) and doc[end].text == "," else end
            before = det - 1 if det > 0 and doc[det - 1].text == "," else None
            person = people.get(after) or (people_end.get(before) if before is not None else None)
            if person is not None and role not in self.rules.relational_roles:
                person.role = (
                    person.role
                    if person.role and person.role not in self.rules.roles
                    else mention.role
                )
                person.code = person.code or mention.code
            if person is not None:
                person.country = person.country or country
            found.append(mention)
            taken.update(range(phrase.start, phrase.end))
        return found

    def _descriptions(self, doc: Doc, taken: set[int]) -> list[_Mention]:
        """'le parti écologiste', 'ce mouvement': an organisation named again by its kind."""
        found = []
        for i, lower in enumerate(token_lowers(doc)):
            if lower not in self.rules.descriptions or i in taken or i == 0:
                continue
            token = doc[i]
            article = doc[token.i - 1]
            if article.lower_ not in self.rules.definite or not token.is_lower:
                continue
            end = token.i + 1
            while end < len(doc) and doc[end].pos_ == "ADJ" and doc[end].is_lower:
                end += 1
            if end < len(doc) and doc[end].text[:1].isupper():
                continue  # "le parti Ennahdha": the name follows, the noun is no reference
            phrase = doc[article.i : end]
            found.append(_Mention.of(phrase, ORG, kind="description"))
            taken.update(range(phrase.start, phrase.end))
        return found

    def _role_gender(self, doc: Doc, det: int, start: int, token: Token, role: str) -> str:
        """A role phrase's gender: its article ('la porte-parole'), its noun ('cheffe'), else
        the model's reading of the noun."""
        if det < start:
            article = doc[det].lower_
            if article in self.rules.feminine_articles:
                return "f"
            if article in self.rules.masculine_articles:
                return "m"
        gender = self.rules.roles.get(role, "-")
        if gender != "-":
            return gender
        return {"Fem": "f", "Masc": "m"}.get(str(token.morph.to_dict().get("Gender")), "-")

    def _role_end(
        self, doc: Doc, i: int, taken: set[int], org_ends: dict[int, int] | None = None
    ) -> int:
        """Extend a role noun over its adjectives and 'de' complements (no names, no clauses),
        an organisation included: 'la porte-parole du ministère des Affaires étrangères'."""
        end = i
        while end < len(doc) and end - i < 8:
            t = doc[end]
            if end in taken:
                break
            if t.pos_ == "ADJ" and t.is_lower:
                end += 1
                continue
            if t.lower_ in self.rules.of_words:
                j = end + 1
                while j < len(doc) and doc[j].lower_ in self.rules.articles_after_of:
                    j += 1
                if org_ends and j in org_ends:
                    end = org_ends[j]
                    break
                if (
                    j < len(doc)
                    and j not in taken
                    and not self.rules.is_role(doc[j].text)  # "conseiller de la ministre …"
                    and (doc[j].pos_ == "NOUN" or doc[j].text in self.rules.role_complements)
                ):
                    end = j + 1
                    continue
            break
        return end

    # -- clustering ----------------------------------------------------------------------------
    def cluster(self, doc: Doc, mentions: list[_Mention]) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        names = [m for m in mentions if m.kind not in ("role", "description")]
        self._retype_surnames(names)
        people = [m for m in names if m.label == PER]
        index: dict[str, set[int]] = {}  # name keys -> clusters of people, so that a long
        for m in sorted(people, key=lambda m: (not (m.person and m.person.full), m.start)):
            self._place_person(m, clusters, index)  # article costs no quadratic scan
        for label in (ORG, LOC, MISC):
            self._place_by_key([m for m in names if m.label == label], clusters, label)
        self._merge_acronyms(clusters)
        self._merge_known(clusters)
        self._place_roles(mentions, clusters)
        self._place_descriptions(doc, mentions, clusters)
        return [c for c in clusters if c.mentions]

    def _place_descriptions(
        self, doc: Doc, mentions: list[_Mention], clusters: list[_Cluster]
    ) -> None:
        """A description joins the organisation named last before it, within two sentences,
        when that organisation can be of its kind."""
        sentence_of = {t.i: n for n, sent in enumerate(doc.sents) for t in sent}
        for m in mentions:
            if m.kind != "description":
                continue
            noun = doc[m.end - 1].lower_ if m.end - m.start == 2 else doc[m.start + 1].lower_
            allowed = self.rules.descriptions.get(noun, frozenset())
            best: tuple[int, _Cluster] | None = None
            for c in clusters:
                if c.label != ORG:
                    continue
                before = [
                    o.start for o in c.mentions if o.kind != "description" and o.start < m.start
                ]
                if not before or sentence_of[m.start] - sentence_of[max(before)] > 2:
                    continue
                actor = self._actor(c)
                if actor is not None and actor.code and actor.code not in allowed:
                    continue
                if best is None or max(before) > best[0]:
                    best = (max(before), c)
            if best is not None:
                best[1].mentions.append(m)

    def _merge_known(self, clusters: list[_Cluster]) -> None:
        """Clusters the knowledge base knows as one actor are one entity ('LFI', 'La France
        insoumise'; 'Daech', 'État islamique')."""
        by_actor: dict[str, _Cluster] = {}
        for c in clusters:
            actor = self._actor(c)
            if actor is None or not c.mentions:
                continue
            host = by_actor.setdefault(actor.kb_id, c)
            if host is not c and host.label == c.label:
                host.mentions.extend(c.mentions)
                c.mentions = []

    def _actor(self, cluster: _Cluster) -> Actor | None:
        """The known actor a cluster's names designate, if one name is known and fits its type."""
        kb = knowledge_base()
        for m in sorted(cluster.mentions, key=lambda m: -len(m.text)):
            if m.kind == "role":
                continue
            actor = kb.lookup(m.text)
            if actor is not None and actor.type == cluster.label:
                return actor
        return None

    def _retype_surnames(self, names: list[_Mention]) -> None:
        """A LOC/ORG/MISC span that is a known person's name (in this article) is that person."""
        surnames = [
            m.person.surname for m in names if m.label == PER and m.person and m.person.surname
        ]
        for m in names:
            if m.label not in (LOC, ORG, MISC) or is_known_place(m.text):
                continue
            words = m.text.split()
            whole = any(same_surname(m.text, s) for s in surnames)
            named = given_name(words[0]) is not None and any(
                same_surname(words[-1], s) for s in surnames
            )
            if whole or named:
                m.label = PER
                m.person = parse_person(words)
                m.gender = m.person.gender

    def _place_person(
        self, m: _Mention, clusters: list[_Cluster], index: dict[str, set[int]]
    ) -> None:
        person = m.person or PersonName("", (), m.text, "-")
        nearby = set().union(*(index.get(key, set()) for key in _person_keys(person)))
        candidates = [
            i
            for i in sorted(nearby)
            if any(self._same_person(person, m.gender, other) for other in clusters[i].mentions)
        ]
        if len(candidates) > 1 and not person.full:
            # A surname alone with several people of that name: the nearest one before it.
            candidates = [
                max(
                    candidates,
                    key=lambda i: max(
                        (o.start for o in clusters[i].mentions if o.start < m.start), default=-1
                    ),
                )
            ]
        if candidates:
            clusters[candidates[0]].mentions.append(m)
            m.cluster = candidates[0]
        else:
            clusters.append(_Cluster(PER, [m]))
            m.cluster = len(clusters) - 1
        for key in _person_keys(person):
            index.setdefault(key, set()).add(m.cluster)

    @staticmethod
    def _same_person(a: PersonName, gender: str, other: _Mention) -> bool:
        b = other.person
        if b is None:
            return False
        if gender != "-" and other.gender != "-" and gender != other.gender:
            return False
        if a.surname and b.surname:
            if not same_surname(a.surname, b.surname):
                return False
            return compatible_given(a.given, b.given)
        if not a.surname and not b.surname:
            return bool(a.given and b.given) and fold(a.given[0]) == fold(b.given[0])
        # one is a given name alone: same first given name
        given_only, named = (a, b) if not a.surname else (b, a)
        if not given_only.given or not named.given:
            return False  # a title alone ("M.") names nobody in particular
        return fold(given_only.given[0]) == fold(named.given[0])

    def _place_by_key(self, mentions: list[_Mention], clusters: list[_Cluster], label: str) -> None:
        by_key: dict[str, int] = {}
        for m in mentions:
            key = self._key(m.text, label)
            if key not in by_key:
                clusters.append(_Cluster(label))
                by_key[key] = len(clusters) - 1
            clusters[by_key[key]].mentions.append(m)
            m.cluster = by_key[key]
        if label == ORG:
            # "Conseil" after "Conseil européen": a one-word name inside exactly one longer name.
            long = {k: i for k, i in by_key.items() if " " in k}
            for key, i in by_key.items():
                if " " in key:
                    continue
                hosts = {j for k, j in long.items() if k.split()[0] == key}
                if len(hosts) == 1:
                    host = hosts.pop()
                    clusters[host].mentions.extend(clusters[i].mentions)
                    clusters[i].mentions = []

    @staticmethod
    def _key(text: str, label: str) -> str:
        if label == LOC:
            country = countries().by_name(text)
            if country:
                return "country:" + country.iso3
        words = fold(text).replace("'", " ").split()
        while len(words) > 1 and words[0] in ("l", "la", "le", "les"):
            words = words[1:]
        return " ".join(words)

    def _merge_acronyms(self, clusters: list[_Cluster]) -> None:
        """ONU = Organisation des Nations unies; also an acronym in brackets after a name."""
        orgs = [c for c in clusters if c.label == ORG and c.mentions]
        for c in orgs:
            acronyms = {m.text.replace(".", "") for m in c.mentions if _ACRONYM.match(m.text)}
            if len(acronyms) != len({m.text for m in c.mentions}):
                continue
            for other in orgs:
                if other is c or not other.mentions:
                    continue
                if any(self._initials(m.text) in acronyms for m in other.mentions if " " in m.text):
                    other.mentions.extend(c.mentions)
                    c.mentions = []
                    break

    def _place_roles(self, mentions: list[_Mention], clusters: list[_Cluster]) -> None:
        """Role phrases join the person they are in apposition to, or the one person they fit."""
        for m in mentions:
            if m.kind != "role":
                continue
            linked = [
                c
                for c in clusters
                if c.label == PER and any(o.kind == "name" and _adjacent(m, o) for o in c.mentions)
            ]
            if linked:
                linked[0].mentions.append(m)
                continue
            scores = [(self._fits(m, c), i) for i, c in enumerate(clusters) if c.label == PER]
            best = max((score for score, _ in scores), default=0)
            fitting = [i for score, i in scores if score == best and best > 0]
            if len(fitting) == 1:
                clusters[fitting[0]].mentions.append(m)

    def _fits(self, role: _Mention, cluster: _Cluster) -> int:
        """How well a role phrase alone fits a person: 2 when the text or the knowledge base gives
        the person that role or office, 1 when it only names the person's country, 0 when it does
        not fit (another office, another country, another gender)."""
        if not cluster.mentions:
            return 0
        genders = {o.gender for o in cluster.mentions} - {"-"}
        if role.gender != "-" and genders and role.gender not in genders:
            return 0
        office = self.rules.office(role.role)
        offices = {self.rules.office(o.role) for o in cluster.mentions if o.role}
        actor = self._actor(cluster)
        if actor is not None:
            offices |= {self.rules.office(r.role) for r in actor.roles if r.role}
        head = (role.role or "").split()[0] if role.role else ""
        heads = {(o.role or "").split()[0] for o in cluster.mentions if o.role}
        same_office = office is not None and office in offices
        if role.country is None:
            return 2 if same_office else 0
        countries_of = {o.country for o in cluster.mentions if o.country}
        if actor is not None and actor.country:
            countries_of.add(actor.country)
        if role.country not in countries_of:
            return 0
        if same_office or head in heads or head in self.rules.relational_roles:
            return 2
        return 1 if not heads else 0

    # -- output --------------------------------------------------------------------------------
    def build(self, doc: Doc, clusters: list[_Cluster]) -> tuple[list[Entity], dict[int, str]]:
        clusters.sort(key=lambda c: c.first.start)
        home = self._home_country(doc, clusters)
        entities: list[Entity] = []
        index: dict[int, str] = {}
        for n, cluster in enumerate(clusters, 1):
            ident = f"e{n}"
            mentions = sorted(cluster.mentions, key=lambda m: m.start)
            name = self._name(cluster)
            aliases = []
            for m in mentions:
                if m.text != name and m.text not in aliases:
                    aliases.append(m.text)
            actor = self._actor(cluster)
            country = self._country(cluster, home, actor)
            role = next(
                (m.role for m in mentions if m.role and m.role not in self.rules.relational_roles),
                None,
            )
            code_role = next((m.code for m in mentions if m.code), None)
            if actor is not None:
                role = role or actor.role
                code_role = code_role or actor.code
            role = self.rules.display_role(role) if role else None
            entities.append(
                Entity(
                    id=ident,
                    name=name,
                    type=cluster.label,  # type: ignore[arg-type]
                    aliases=aliases,
                    country=country,
                    role=role,
                    kb_id=actor.kb_id if actor else None,
                    mentions=[
                        Mention(start=m.start_char, end=m.end_char, text=m.text) for m in mentions
                    ],
                    code=_actor_code(country, code_role),
                )
            )
            for m in mentions:
                for i in range(m.start, m.end):
                    index.setdefault(i, ident)
        return entities, index

    def _name(self, cluster: _Cluster) -> str:
        names = [m for m in cluster.mentions if m.kind != "role"]
        if not names:
            return cluster.first.text
        if cluster.label == PER:

            def completeness(m: _Mention) -> tuple[int, int, int]:
                p = m.person
                full = len(p.given) + bool(p.surname) if p else 0
                return (full, -bool(p and p.title), -m.start)

            best = max(names, key=completeness)
            p = best.person
            if p and p.title and best.text.startswith(p.title) and (p.given or p.surname):
                return best.text[len(p.title) :].strip()
            return best.text
        if cluster.label == ORG:
            full = [m for m in names if not _ACRONYM.match(m.text)]
            if full:
                longest = max(full, key=lambda m: (len(m.text.split()), -m.start))
                return _without_demonym(_strip_article(longest.text))
        counts = Counter(_strip_article(m.text) for m in names)
        return counts.most_common(1)[0][0]

    def _country(self, cluster: _Cluster, home: str | None, actor: Actor | None) -> str | None:
        if actor is not None and (actor.country or actor.international):
            return actor.country
        votes = Counter(m.country for m in cluster.mentions if m.country)
        if votes:
            return votes.most_common(1)[0][0]
        if cluster.label == LOC:
            # Country and region names only: towns are resolved in context by telex_places.
            for m in cluster.mentions:
                hit = countries().by_name(m.text)
                region = region_named(m.text)
                if hit or region:
                    return hit.iso3 if hit else region.country  # type: ignore[union-attr]
            return None
        if cluster.label in (PER, ORG):
            return home
        return None

    def _home_country(self, doc: Doc, clusters: list[_Cluster]) -> str | None:
        """The country the article is about: the one its places and demonyms name clearly most,
        else the language's default (French-language news with no clue is most often French)."""
        votes: Counter[str] = Counter()
        index = countries()
        for c in clusters:
            if c.label == LOC:
                for m in c.mentions:
                    found = _place_country(m.text)
                    if found:
                        votes[found] += 2 if index.by_name(m.text) else 1
        votes.update(demonym_countries(doc))
        ranked = votes.most_common(2)
        if (
            ranked
            and ranked[0][1] >= 2
            and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1])
        ):
            return ranked[0][0]
        return self.rules.default_country


def _person_keys(person: PersonName) -> list[str]:
    """Keys under which a person's mentions can meet: the consonants of the surname (variants
    of one surname share them) and the first given name (for a given name alone)."""
    keys = []
    if person.surname:
        keys.append("s:" + surname_consonants(person.surname))
    if person.given:
        keys.append("g:" + fold(person.given[0]))
    return keys


def _actor_code(country: str | None, role_code: str | None) -> str | None:
    """CAMEO-style actor code: country + role (`TURGOV`); international bodies are `IGO` alone."""
    if role_code is None:
        return None
    if role_code == "IGO" or country is None:
        return role_code
    return country + role_code


def _place_country(text: str) -> str | None:
    index = countries()
    hit = index.by_name(text) or index.by_capital(text)
    if hit:
        return hit.iso3
    region = region_named(text)
    if region is not None:
        return region.country
    place = gazetteer().resolve(text)
    return place.country if place else None


def _adjacent(role: _Mention, name: _Mention) -> bool:
    """ROLE [,] NAME or NAME , ROLE."""
    return name.start in (role.end, role.end + 1) or role.start == name.end + 1


def _role_text(words: Span, has_country: bool) -> str:
    """The role without its demonym: 'secrétaire d'Etat américain' -> 'secrétaire d'Etat'."""
    tokens = list(words)
    if has_country and tokens and tokens[-1].is_lower and countries().by_demonym(tokens[-1].text):
        tokens = tokens[:-1]
    if not tokens:
        return words.text
    return words.doc[tokens[0].i : tokens[-1].i + 1].text


def _without_demonym(name: str) -> str:
    """'Conseil présidentiel libyen' -> 'Conseil présidentiel': the country has its own field."""
    words = name.split()
    if len(words) > 2 and words[-1].islower() and countries().by_demonym(words[-1]):
        return " ".join(words[:-1])
    return name


def _strip_article(text: str) -> str:
    for article in ("l'", "l’", "L'", "L’", "la ", "le ", "les "):
        if text.startswith(article) and len(text) > len(article) + 1:
            return text[len(article) :]
    return text


def _role_codes(lang: str) -> Iterable[tuple[str, str]]:
    from telex.lang import read_table

    for row in read_table(lang, "roles.tsv"):
        if row["code"] != "-":
            yield row["role"], row["code"]


@Language.factory(
    "telex_entities",
    default_config={"lang": "fr"},
    requires=["doc.ents", "token.pos", "token.dep", "doc._.timexes"],
    assigns=["doc._.entities", "doc._.entity_index"],
)
def make_entities(nlp: Language, name: str, *, lang: str) -> Entities:
    return Entities(nlp, name, lang=lang)

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
from spacy.tokens import Doc, Span

from telex.components.ruler import EntityRules, is_known_place, region_named
from telex.countries import countries
from telex.geo import gazetteer
from telex.kb import Actor, knowledge_base
from telex.names import PersonName, compatible_given, fold, given_name, parse_person, same_surname
from telex.schema import Entity, Mention

PER, ORG, LOC, MISC = "PER", "ORG", "LOC", "MISC"
_PREP = frozenset(("de", "du", "des", "d'", "d’"))
_DET = frozenset(
    (
        "le",
        "la",
        "les",
        "l'",
        "l’",
        "un",
        "une",
        "son",
        "sa",
        "ses",
        "leur",
        "notre",
        "cet",
        "cette",
    )
)
_FUNCTION = frozenset(
    (
        "de",
        "du",
        "des",
        "d",
        "la",
        "le",
        "les",
        "l",
        "et",
        "en",
        "pour",
        "sur",
        "à",
        "au",
        "aux",
        "a",
    )
)
_ACRONYM = re.compile(r"^(?=(?:.*[A-ZÀ-Ö]){2})[A-ZÀ-Ö][A-ZÀ-Ö0-9&.\-]{1,9}$")


@dataclass
class _Mention:
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
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._institutions(doc, taken)
        mentions += self._expansions(doc, mentions)
        taken = {i for m in mentions for i in range(m.start, m.end)}
        mentions += self._roles(doc, taken, mentions)
        mentions.sort(key=lambda m: (m.start, -m.end))
        return mentions

    def _name_mention(self, doc: Doc, ent: Span) -> _Mention:
        mention = _Mention(ent.start, ent.end, ent.label_, ent.text, ent.start_char, ent.end_char)
        if ent.label_ == PER:
            mention.person = parse_person(ent.text.split())
            mention.gender = mention.person.gender
            if mention.person.title and mention.person.title.lower() in self.rules.roles:
                mention.role = mention.person.title.lower()
            mention.country = self._demonym_before(doc, ent.start)
        elif ent.label_ == ORG:
            mention.country = self._country_in_name(doc, ent) or self._demonym_in_org_phrase(
                doc, ent.start
            )
        return mention

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
        """A country named inside an organisation's name: 'ministère des Affaires étrangères libyen',
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
        for token in doc:
            if (
                token.lower_ not in self.rules.institution_phrases
                or token.i in taken
                or not token.is_lower
            ):
                continue
            end = token.i + 1
            while (
                end < len(doc)
                and doc[end].pos_ == "ADJ"
                and doc[end].is_lower
                and end - token.i < 3
            ):
                end += 1
            complement_end = _complement(doc, end, ents_by_start, self._complements)
            if complement_end is None:
                continue
            span = doc[token.i : complement_end]
            mention = _Mention(
                span.start,
                span.end,
                ORG,
                span.text,
                span.start_char,
                span.end_char,
                kind="institution",
            )
            mention.country = self._country_in_name(doc, span)
            found.append(mention)
        return found

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
                if not span[0].text[:1].isupper() or _initials(span.text) != letters:
                    continue
                if not any(t.lower_ in self._org_words for t in span):
                    break  # "Produit intérieur brut (PIB)" is a notion, not an organisation
                known = by_span.get((span.start, span.end))
                if known is None:
                    found.append(
                        _Mention(
                            span.start,
                            span.end,
                            ORG,
                            span.text,
                            span.start_char,
                            span.end_char,
                            kind="institution",
                        )
                    )
                elif known.label not in (ORG, MISC):
                    break
                acronym = by_span.get((i, i + 1))
                if acronym is None:
                    found.append(
                        _Mention(i, i + 1, ORG, token.text, token.idx, token.idx + len(token.text))
                    )
                else:
                    acronym.label = ORG
                break
        return found

    def _roles(self, doc: Doc, taken: set[int], mentions: list[_Mention]) -> list[_Mention]:
        """Role phrases ('le secrétaire d'Etat américain'), linked to the person in apposition."""
        people = {m.start: m for m in mentions if m.label == PER}
        people_end = {m.end: m for m in mentions if m.label == PER}
        found = []
        for token in doc:
            if (
                token.i in taken
                or token.lower_ not in self.rules.roles
                or token.pos_ not in ("NOUN", "PROPN", "ADJ")
            ):
                continue
            if token.text[0].isupper() and not token.is_sent_start:
                continue
            start = token.i
            if start > 0 and doc[start - 1].lower_ in (
                "premier",
                "première",
                "ex",
                "ancien",
                "ancienne",
                "nouveau",
                "nouvelle",
                "vice",
            ):
                start -= 1
            det = start - 1 if start > 0 and doc[start - 1].lower_ in _DET else start
            end = self._role_end(doc, token.i + 1, taken)
            role_words = doc[start:end]
            country = None
            for t in role_words[1:]:
                hit = countries().by_demonym(t.text) if t.is_lower else countries().by_name(t.text)
                if hit is None and not t.is_lower:
                    hit = countries().by_capital(t.text)
                if hit:
                    country = hit.iso3
            phrase = doc[det:end]
            mention = _Mention(
                phrase.start,
                phrase.end,
                PER,
                phrase.text,
                phrase.start_char,
                phrase.end_char,
                kind="role",
                country=country,
                role=_role_text(role_words, country is not None),
                code=self._role_codes.get(token.lower_),
                gender=self.rules.roles.get(token.lower_, "-"),
            )
            # Apposition: ROLE [,] NAME  or  NAME , ROLE
            after = end + 1 if end < len(doc) and doc[end].text == "," else end
            before = det - 1 if det > 0 and doc[det - 1].text == "," else None
            person = people.get(after) or (people_end.get(before) if before is not None else None)
            if person is not None and token.lower_ != "homologue":
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

    def _role_end(self, doc: Doc, i: int, taken: set[int]) -> int:
        """Extend a role noun over its adjectives and 'de' complements (no names, no clauses)."""
        end = i
        while end < len(doc) and end - i < 8:
            t = doc[end]
            if end in taken:
                break
            if t.pos_ == "ADJ" and t.is_lower:
                end += 1
                continue
            if t.lower_ in _PREP or t.lower_ in ("de la", "à"):
                j = end + 1
                while j < len(doc) and doc[j].lower_ in ("la", "l'", "l’", "les"):
                    j += 1
                if (
                    j < len(doc)
                    and j not in taken
                    and (doc[j].pos_ == "NOUN" or doc[j].text in self.rules.role_complements)
                ):
                    end = j + 1
                    continue
            break
        return end

    # -- clustering ----------------------------------------------------------------------------
    def cluster(self, doc: Doc, mentions: list[_Mention]) -> list[_Cluster]:
        clusters: list[_Cluster] = []
        names = [m for m in mentions if m.kind != "role"]
        self._retype_surnames(names)
        people = [m for m in names if m.label == PER]
        for m in sorted(people, key=lambda m: (not (m.person and m.person.full), m.start)):
            self._place_person(m, clusters)
        for label in (ORG, LOC, MISC):
            self._place_by_key([m for m in names if m.label == label], clusters, label)
        self._merge_acronyms(clusters)
        self._merge_known(clusters)
        self._place_roles(mentions, clusters)
        return [c for c in clusters if c.mentions]

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
            if m.label in (LOC, ORG, MISC) and not is_known_place(m.text):
                if any(same_surname(m.text, s) for s in surnames) or (
                    m.text.split()[-1:]
                    and any(same_surname(m.text.split()[-1], s) for s in surnames)
                    and given_name(m.text.split()[0]) is not None
                ):
                    m.label = PER
                    m.person = parse_person(m.text.split())
                    m.gender = m.person.gender

    def _place_person(self, m: _Mention, clusters: list[_Cluster]) -> None:
        person = m.person or PersonName("", (), m.text, "-")
        candidates = []
        for i, c in enumerate(clusters):
            if c.label != PER:
                continue
            if any(self._same_person(person, m.gender, other) for other in c.mentions):
                candidates.append(i)
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
        return (
            bool(named.given and given_only.given)
            and fold(given_only.given[0]) == fold(named.given[0])
        )

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
                if any(_initials(m.text) in acronyms for m in other.mentions if " " in m.text):
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
            fitting = [c for c in clusters if c.label == PER and c.mentions and self._fits(m, c)]
            if len(fitting) == 1:
                fitting[0].mentions.append(m)

    def _fits(self, role: _Mention, cluster: _Cluster) -> bool:
        """A role phrase alone refers to a person already given that role, or of that country."""
        if role.country is None:
            return False
        countries_of = {o.country for o in cluster.mentions if o.country}
        if role.country not in countries_of:
            return False
        head = (role.role or "").split()[0] if role.role else ""
        roles_of = {(o.role or "").split()[0] for o in cluster.mentions if o.role}
        return head == "homologue" or head in roles_of or not roles_of

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
            role = next((m.role for m in mentions if m.role and m.role != "homologue"), None)
            code_role = next((m.code for m in mentions if m.code), None)
            if actor is not None:
                role = role or actor.role
                code_role = code_role or actor.code
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
                return _strip_article(max(full, key=lambda m: (len(m.text.split()), -m.start)).text)
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
        for token in doc:
            if token.pos_ == "ADJ" and token.is_lower:
                hit = index.by_demonym(token.text)
                if hit:
                    votes[hit.iso3] += 1
        ranked = votes.most_common(2)
        if (
            ranked
            and ranked[0][1] >= 2
            and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1])
        ):
            return ranked[0][0]
        return self.rules.default_country


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


def _complement(
    doc: Doc, i: int, ents_by_start: dict[int, Span], complements: frozenset[str] = frozenset()
) -> int | None:
    """End of a 'de X' complement naming an institution: capitalised words or a place."""
    if i >= len(doc) or doc[i].lower_ not in _PREP:
        return None
    j = i + 1
    while j < len(doc) and doc[j].lower_ in ("la", "l'", "l’", "les"):
        j += 1
    if j >= len(doc):
        return None
    if j in ents_by_start:
        return ents_by_start[j].end
    if not doc[j].text[:1].isupper() or doc[j].is_sent_start:
        if doc[j].lower_ in complements:  # "ministère de l'intérieur", lowercase as often written
            return j + 1
        if doc[j].lower_ == "police":  # "préfecture de police (de Paris)"
            end = _complement(doc, j + 1, ents_by_start, complements)
            return end or j + 1
        return None
    end = j + 1
    while (
        end < len(doc)
        and (doc[end].text[:1].isupper() or (doc[end].pos_ == "ADJ" and doc[end].is_lower))
        and end - j < 4
    ):
        end += 1
    return end


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


def _initials(text: str) -> str:
    words = [w for w in re.split(r"[\s\-’']+", text) if w and fold(w) not in _FUNCTION]
    return "".join(w[0] for w in words).upper()


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

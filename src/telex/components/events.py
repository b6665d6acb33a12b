"""Codes political events: who did what to whom, when and where, in PLOVER and CAMEO.

telex_events runs last. It reads the dependency parse, the entities, dates, quotes and places
the other components wrote, and makes one pass over the tokens, looking words up by lemma:

1. A trigger is a verb or a noun of the language's event lexicon (`lang/<code>/event_verbs.tsv`,
   `event_nouns.tsv`); the first of its frames whose conditions hold (reflexive or not, a needed
   complement, the voice, the actors' role codes) gives the PLOVER type and mode, and
   `data/plover.tsv` the CAMEO root. A noun is an event through a support verb ("a lancé un
   appel"), an actor of its own ("les accusations d'Emmanuel Macron") or, for nouns that name
   events by themselves ("manifestation", "attentat"), a date, a place or a clause of its own.
2. Acts that did not happen are not events: negated clauses, hypotheses ("si", conditionals
   outside reported speech), wishes, plans and attempts (an infinitive under "vouloir",
   "pouvoir", "tenter de", a purpose "pour"), denials, questions. A threat or a promise is an
   event (THREATEN, AGREE) only as the statement it is; what is threatened or promised is not.
   Inside quotation marks only the speaker's own speech acts count ("Je lance un appel", the
   speaker from `doc._.quotes` or the report verb); what a quote tells of others does not.
3. The actors are the frame's arguments: subject, object, and complements introduced by a given
   preposition, through passives ("déployés par la Turquie"), coordination ("La France et de
   nombreux pays"), relative pronouns, control, participles, inverted incises ("a dénoncé le
   ministre"), role phrases (entity mentions already) and reciprocal verbs ("se sont
   rencontrés"). An argument is an entity (its country and actor code), or an unnamed group
   named by a noun of `event_actors.tsv` or `roles.tsv` ("les manifestants", "la police"), whose
   country is the one its phrase gives or else the one where the event takes place.
4. The date is the calendar value of the timex governing the clause, else of the clause it
   belongs to, else of the sentence's only date; an act of the story's past with none takes
   the last day the narrative named (never the publication date itself, unless the text names
   it). The place is a place entity attached to the clause by "à", "en", "dans"…
5. The evidence is the clause-sized span that holds the trigger, its arguments, date and place.
   Within a sentence one act mentioned twice is one event: the most specific mention wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import ADJ, AUX, NOUN, PROPN, VERB
from spacy.tokens import Doc, Span, Token

from telex.components.timexes import PAST, clause_tense, governing_timex
from telex.countries import countries
from telex.errors import DataError
from telex.extensions import demonym_countries, doc_text, morph_values, token_texts
from telex.lang import read_data_table, read_table, read_toml
from telex.schema import PLOVER_TYPES, Entity, Event, Place, Quote, Timex

TYPES = PLOVER_TYPES
PLOVER_FILE = "plover.tsv"
# The country of an unnamed actor the text calls foreign ("les militaires étrangers"): not the
# country where the act happens, and no other that the text names.
FOREIGN = "foreign"

# Calendar values a timex may give an event: a year, a month or a day (a time of day is cut).
_DATE = re.compile(r"^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T.*)?$")
# Dependency labels of complements that can hold an actor.
_ARG_DEPS = ("obl", "obl:arg", "obl:mod", "obl:agent", "nmod", "iobj", "obj", "xcomp")
# Labels of dependents that start a clause of their own: a verb's arguments stop there.
_CLAUSE_DEPS = ("ccomp", "advcl", "acl:relcl", "parataxis", "conj", "csubj", "acl", "xcomp")
_SUBJECT_DEPS = ("nsubj", "nsubj:pass")
# Arguments of a clause that belong in an event's evidence, and how long a phrase may be to go
# in whole.
_CORE_DEPS = ("nsubj", "nsubj:pass", "obj", "iobj", "obl:arg", "obl:agent")
_SHORT_PHRASE = 8
_NOUNS = ("NOUN", "PROPN")
_TRIGGER_TAGS = frozenset({NOUN, PROPN, VERB, ADJ})  # what `_from_noun` or `_from_verb` reads
_VERB_TAGS = frozenset({VERB, AUX})
# Quotation marks that open and close a quote.
_MARKS = {"«": "»", "“": "”", '"': '"', "„": "“"}
# How many tokens back "il" or "elle" looks for a person before settling for any subject.
_PRONOUN_REACH = 80
# How far a passive or a noun's own phrase is searched for an actor (tokens of nested phrases).
_MAX_DEPTH = 3
# Symmetric types: with a coordinated subject and no other recipient, the conjuncts act on
# each other ("X et Y ont signé", "X et Y se sont rencontrés").
_SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})


# -- the lexicon -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Condition:
    """One condition of a frame: the voice, an infinitive, or an actor's role code."""

    kind: str  # passive, active, inf, noinf, noclause, actor, src, tgt, obj
    codes: frozenset[str] = frozenset()
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Frame:
    """How one verb or noun codes an event: type, mode, root, and where its actors are."""

    lemma: str
    pos: str  # VERB or NOUN
    type: str
    mode: str | None
    cameo: str
    reflexive: str = "-"  # se, no, -
    needs: frozenset[str] = frozenset()
    when: tuple[Condition, ...] = ()
    source: str = "subj"
    target: tuple[str, ...] = ()
    target_required: bool = False
    de: str = "-"  # nouns: what a "de" complement names (source, target, object, -)
    alone: bool = False  # nouns: an event when only anchored by a date, a place, a verb


@dataclass(frozen=True)
class Grammar:
    """The language's event grammar (lang/<code>/events.toml): word lists, the function words
    of its syntax, and the reading of a parse they allow (lemmas, prepositions, voice, subject)."""

    negations: frozenset[str]
    restrictive: frozenset[str]
    modal_verbs: frozenset[str]
    pass_through_verbs: frozenset[str]
    hypothetical_marks: frozenset[str]
    support_verbs: frozenset[str]
    occurrence_verbs: frozenset[str]
    transparent_nouns: frozenset[str]
    place_cases: frozenset[str]
    first_person: frozenset[str]
    third_person: frozenset[str]
    report_verbs: frozenset[str]
    weapon_verbs: frozenset[str]
    setting_nouns: frozenset[str]
    anaphoric_adjectives: frozenset[str]
    people_pronouns: frozenset[str]
    verbal_types: frozenset[str]
    impersonal_verbs: frozenset[str]
    denial_verbs: frozenset[str]
    reaction_marks: frozenset[str]
    topic_cases: frozenset[str]
    foreign_adjectives: frozenset[str]
    region_nouns: frozenset[str]
    negation_particles: frozenset[str]
    complementizers: frozenset[str]
    condition_marks: frozenset[str]
    done_marks: frozenset[str]
    plural_pronouns: frozenset[str]
    auxiliaries: frozenset[str]
    participle_endings: frozenset[str]
    elisions: dict[str, str]
    contractions: dict[str, str]
    genitive: str
    dative: str
    agent_case: str
    pair_case: str
    reflexive_pronoun: str
    active_auxiliary: str
    infinitive_ending: str
    motion_verbs: frozenset[str]
    not_actor_roles: frozenset[str]
    euphonic: frozenset[str]

    def verbal(self, frame: Frame) -> bool:
        """Whether a frame's act is made of words (a demand, a criticism, a meeting)."""
        return frame.type in self.verbal_types or f"{frame.type}/{frame.mode}" in self.verbal_types

    def lemma(self, token: Token) -> str:
        """The lowercase lemma, with typographic apostrophes and elided articles made plain."""
        lemma = token.lemma_.lower().replace("’", "'")
        return self.elisions.get(lemma, lemma)

    def is_reflexive(self, token: Token) -> bool:
        return any(
            c.lemma_ == self.reflexive_pronoun
            or ("Yes" in morph_values(c, "Reflex") and c.dep_ != "nsubj")
            for c in token.children
        )

    def cases(self, token: Token) -> set[str]:
        """The prepositions heading a complement, contracted articles as their preposition."""
        found = set()
        for c in token.children:
            if c.dep_ in ("case", "mark") or (c.dep_ == "fixed" and c.i < token.i):
                word = c.lower_
                found.add(self.contractions.get(word.replace("’", "'"), word))
                found.add(self.lemma(c))
                for f in c.children:
                    if f.dep_ == "fixed":
                        found.add(c.lower_ + " " + f.lower_)
        return found

    def forms(self, token: Token) -> set[str]:
        """A word's lemma, its lowercase form and, for contracted articles, the preposition."""
        lower = token.lower_
        return {self.lemma(token), lower, self.contractions.get(lower.replace("’", "'"), lower)}

    def has_dependent(self, token: Token, words: frozenset[str], depth: int = 3) -> bool:
        """Whether one of the words depends on the token, directly or through a few words."""
        for c in token.children:
            if self.forms(c) & words:
                return True
            if depth > 1 and self.has_dependent(c, words, depth - 1):
                return True
        if depth < 3:
            return False
        # the parser sometimes hangs the word elsewhere: "garde à vue", "fin de non-recevoir"
        following = token.doc[token.i + 1 : token.i + 4]
        return any(self.lemma(t) in words for t in following if t.pos_ in ("NOUN", "ADJ", "VERB"))

    def is_passive(self, token: Token) -> bool:
        deps = {c.dep_ for c in token.children}
        if "obl:agent" in deps:
            return True
        if "aux:pass" in deps:  # "sont descendus" is active: a verb conjugated with "être"
            return self.lemma(token) not in self.motion_verbs
        if "nsubj:pass" in deps:  # unless "avoir" shows the active voice the parser missed
            return not any(
                c.dep_ == "aux:tense" and c.lemma_ == self.active_auxiliary for c in token.children
            )
        return self.adjectival(token)

    def adjectival(self, token: Token) -> bool:
        """A past participle used as an adjective: "les mercenaires déployés par la Turquie"."""
        participle = "Part" in morph_values(token, "VerbForm") and "Pres" not in morph_values(
            token, "Tense"
        )
        has_aux = any(c.dep_ in ("aux", "aux:tense") for c in token.children)
        if not participle or has_aux:
            return False
        if token.dep_ in ("acl", "amod", "xcomp"):
            return True
        if token.dep_ == "conj":
            return self.is_passive(token.head)
        return False

    def pluperfect(self, token: Token) -> bool:
        """Whether a token's clause is in the pluperfect ("avait annoncé"): a step back in time."""
        head = token
        for _ in range(6):
            if _is_clause_head(head) or head.head.i == head.i:
                break
            head = head.head
        return any(
            c.dep_ in ("aux:tense", "aux")
            and "Imp" in morph_values(c, "Tense")
            and c.lemma_ in self.auxiliaries
            for c in head.children
        ) and "Part" in morph_values(head, "VerbForm")

    def background(self, token: Token) -> bool:
        """Whether a token's clause steps out of the story's time: a flashback in the pluperfect
        ("avait annoncé le 20 juin"), a participle that describes ("des manifestations
        déclenchées le 17 novembre")."""
        head = token
        for _ in range(6):
            if _is_clause_head(head) or head.head.i == head.i:
                break
            head = head.head
        bare_participle = (
            "Part" in morph_values(head, "VerbForm")
            and "Pres" not in morph_values(head, "Tense")
            and not any(c.dep_.startswith("aux") for c in head.children)
            and head.dep_ != "ROOT"
        )
        return self.pluperfect(head) or bare_participle

    def governs_clause(self, token: Token) -> bool:
        return any(
            c.dep_ == "ccomp"
            and any(m.dep_ == "mark" and self.lemma(m) in self.complementizers for m in c.children)
            for c in token.children
        )

    def agent(self, verb: Token) -> Token | None:
        for c in verb.children:
            if c.dep_ == "obl:agent" or (
                c.dep_ in ("obl", "obl:mod", "nmod") and self.agent_case in self.cases(c)
            ):
                return c
        return None

    def verb_lemmas(self, token: Token) -> Iterator[str]:
        """The lemma of a verb, then the infinitives the lemmatiser missed: a present it left
        as it is ("réclame"), a participle ("interpellés")."""
        lemma = self.lemma(token)
        yield lemma
        ending = self.infinitive_ending
        if lemma == token.lower_ and lemma.endswith(ending[:-1]) and not lemma.endswith(ending):
            yield lemma[: len(lemma) - len(ending) + 1] + ending
        if "Part" in morph_values(token, "VerbForm"):
            for suffix in sorted(self.participle_endings, key=len, reverse=True):
                if token.lower_.endswith(suffix) and len(token.lower_) > len(suffix) + 1:
                    yield token.lower_[: -len(suffix)] + ending
                    break

    def subject(self, verb: Token) -> Token | None:
        return next(self.subject_candidates(verb), None)

    def subject_candidates(self, verb: Token) -> Iterator[Token]:
        """Who a verb's subject may be, nearest first: its own subject (a relative pronoun's
        antecedent), a coordinated verb's, the object of a verb of control ("obligeant les
        policiers à user de…"), the governing verb's subject for infinitives and participles."""
        inverted = _incise_subject(verb)
        if inverted is not None:
            yield inverted
            return
        current = verb
        for _ in range(5):
            for c in current.children:
                if c.dep_ in _SUBJECT_DEPS or (
                    c.dep_ == "expl:subj"
                    and self.lemma(current) not in self.impersonal_verbs
                    and c.lower_.strip("-") not in self.euphonic
                ):
                    if "Rel" in morph_values(c, "PronType") and current.dep_.startswith("acl"):
                        yield current.head
                    else:
                        yield c
                    return
            if current.dep_ == "acl:relcl":
                yield current.head
                return
            head = current.head
            if head.i == current.i:
                return
            if current.dep_ == "conj" and (
                head.pos_ in ("VERB", "AUX") or morph_values(head, "VerbForm")
            ):
                current = head
                continue
            forms = morph_values(current, "VerbForm")
            if current.dep_ in ("xcomp", "advcl", "ccomp", "obl:arg", "obl", "acl") and (
                "Inf" in forms or "Part" in forms or "Ger" in forms
            ):
                if current.dep_ == "acl" and head.pos_ in _NOUNS:
                    if "Pres" not in morph_values(current, "Tense"):
                        return
                    yield head  # "une lettre … lui demandant": the letter's sender, below
                    found = _noun_clause(head)
                    if found is None:
                        return
                    current = found
                    continue
                if current.dep_ in ("xcomp", "obl:arg"):
                    controller = _child(head, ("obj", "iobj"))
                    if controller is not None:
                        yield controller
                current = head
                continue
            return


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Frame, ...]]
    nouns: dict[str, tuple[Frame, ...]]
    actors: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # head lemma -> (phrase, code)
    roles: dict[str, str]  # role noun -> code
    grammar: Grammar
    default_country: str | None


@cache
def plover_roots() -> dict[tuple[str, str | None], str]:
    """(type, mode) -> CAMEO root, from data/plover.tsv; (type, None) is the type's default."""
    roots: dict[tuple[str, str | None], str] = {}
    for row in read_data_table(PLOVER_FILE):
        event_type, mode, root = row["type"], row["mode"], row["cameo_root"]
        if event_type not in TYPES or not re.fullmatch(r"\d{2}", root or ""):
            raise DataError(f"data/{PLOVER_FILE}: bad row {row}")
        roots[(event_type, None if mode == "-" else mode)] = root
    return roots


def cameo_root(event_type: str, mode: str | None) -> str:
    """The CAMEO root of a PLOVER type and mode (the type's own when the mode has none)."""
    roots = plover_roots()
    return roots.get((event_type, mode)) or roots[(event_type, None)]


def _conditions(cell: str) -> tuple[Condition, ...]:
    found = []
    for item in cell.split(","):
        item = item.strip()
        if not item or item == "-":
            continue
        match = re.fullmatch(r"(src|tgt|obj)(!?)=(.+)", item)
        if match:
            codes = frozenset(match.group(3).split("|"))
            found.append(Condition(match.group(1), codes, negated=bool(match.group(2))))
        elif item in ("passive", "active", "inf", "noinf", "noclause", "actor"):
            found.append(Condition(item))
        else:
            raise DataError(f"unknown event frame condition {item!r}")
    return tuple(found)


def _frame(row: dict[str, str], pos: str, lang: str, name: str) -> Frame:
    event_type = row["type"]
    mode = None if row["mode"] == "-" else row["mode"]
    if event_type not in TYPES:
        raise DataError(f"lang/{lang}/{name}: {row['lemma']!r} has unknown type {event_type!r}")
    if (event_type, mode) not in plover_roots():
        raise DataError(
            f"lang/{lang}/{name}: {row['lemma']!r} has mode {mode!r}, not a mode of "
            f"{event_type} in data/{PLOVER_FILE}"
        )
    target = row["target"]
    required = target.endswith("!")
    slots = tuple(s for s in target.rstrip("!").split("|") if s and s != "-")
    return Frame(
        lemma=row["lemma"],
        pos=pos,
        type=event_type,
        mode=mode,
        cameo=row["cameo"] if row["cameo"] != "-" else cameo_root(event_type, mode),
        reflexive=row.get("se", "-"),
        needs=frozenset(w for w in row["needs"].split("|") if w and w != "-"),
        when=_conditions(row["when"]),
        source=row.get("source", "subj"),
        target=slots,
        target_required=required,
        de=row.get("de", "-"),
        alone=row.get("alone", "no") == "yes",
    )


def _frames(lang: str, name: str, pos: str) -> dict[str, tuple[Frame, ...]]:
    table: dict[str, list[Frame]] = {}
    for row in read_table(lang, name):
        table.setdefault(row["lemma"], []).append(_frame(row, pos, lang, name))
    return {lemma: tuple(frames) for lemma, frames in table.items()}


@cache
def load_lexicon(lang: str = "fr") -> Lexicon:
    """The event lexicon and grammar of a language, loaded once."""
    data = read_toml(lang, "events.toml")

    def value(name: str, kind: str) -> Any:
        if name not in data:
            raise DataError(f"lang/{lang}/events.toml: {name!r} is missing")
        found = data[name]
        if kind.startswith("frozenset"):
            return frozenset(found)
        if kind.startswith("dict"):
            return dict(found)
        return str(found)

    grammar = Grammar(
        **{name: value(name, str(f.type)) for name, f in Grammar.__dataclass_fields__.items()}
    )
    actors: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in read_table(lang, "event_actors.tsv"):
        phrase = tuple(row["phrase"].split())
        actors.setdefault(phrase[0], []).append((phrase, row["code"]))
    # a role whose code depends on its complement ("homologue", "porte-parole") still names
    # an actor: its code is then the country alone
    roles = {
        row["role"]: "" if row["code"] == "-" else row["code"]
        for row in read_table(lang, "roles.tsv")
        if row["role"] not in grammar.not_actor_roles
    }
    default = read_toml(lang, "entities.toml").get("default_country")
    return Lexicon(
        verbs=_frames(lang, "event_verbs.tsv", "VERB"),
        nouns=_frames(lang, "event_nouns.tsv", "NOUN"),
        actors={
            head: tuple(sorted(found, key=lambda pair: -len(pair[0])))
            for head, found in actors.items()
        },
        roles=roles,
        grammar=grammar,
        default_country=default,
    )


# -- actors ------------------------------------------------------------------------------------
@dataclass(slots=True)
class Actor:
    """A source or target: an entity, or an unnamed group with a role code."""

    entity: str | None
    name: str | None
    country: str | None
    code: str | None  # full actor code once known (FRAGOV); for groups the role alone until then
    role: str | None  # role code alone (GOV, COP, LOC for a place named as actor)
    tokens: tuple[int, int]  # token span, for the evidence
    plural: bool = False

    @property
    def named(self) -> bool:
        return self.entity is not None


def _role_of_code(code: str | None, country: str | None) -> str | None:
    if not code:
        return None
    if country and code.startswith(country) and len(code) > len(country):
        return code[len(country) :]
    return code


class _Article:
    """What the events of one article are built from, read once per doc."""

    def __init__(self, doc: Doc, lexicon: Lexicon) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.grammar = lexicon.grammar
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.get("entities") or []}
        self.index: dict[int, str] = doc._.get("entity_index") or {}
        self.places: dict[str, Place] = {
            p.entity: p for p in doc._.get("places") or [] if p.entity is not None
        }
        self.timexes: list[Timex] = list(doc._.get("timexes") or [])
        self.units = _units(doc)
        self.home = self._home_country()
        self.quote_spans = self._quote_spans()
        self.quotes: list[Quote] = list(doc._.get("quotes") or [])
        # plural? -> the last actor seen as subject, and where; the last person alone
        self.last_subject: dict[bool, tuple[Actor, int]] = {}
        self.last_person: tuple[Actor, int] | None = None
        self.polities: dict[str, bool] = {}  # LOC entity id -> names a country or its capital

    # -- context ---------------------------------------------------------------------------
    def _home_country(self) -> str | None:
        """The country the article is about: the one its places and actors name clearly most."""
        votes: Counter[str] = Counter()
        for entity in self.entities.values():
            if entity.country and entity.type == "LOC":
                votes[entity.country] += 2 * len(entity.mentions)
            elif entity.country and entity.type in ("PER", "ORG"):
                votes[entity.country] += len(entity.mentions)
        votes.update(demonym_countries(self.doc))
        ranked = votes.most_common(1)
        return ranked[0][0] if ranked else self.lexicon.default_country

    def _quote_spans(self) -> list[tuple[int, int]]:
        """Character spans inside quotation marks (the marks excluded), within paragraphs."""
        text = doc_text(self.doc)
        spans = []
        for paragraph in re.finditer(r"[^\n]+", text):
            opened: tuple[str, int] | None = None
            for i in range(paragraph.start(), paragraph.end()):
                char = text[i]
                if opened is None:
                    if char in _MARKS:
                        opened = (char, i)
                elif char == _MARKS[opened[0]]:
                    spans.append((opened[1] + 1, i))
                    opened = None
        for quote in self.doc._.get("quotes") or []:
            if quote.kind in ("direct", "partial"):
                spans.append((quote.start, quote.end))
        return spans

    def in_quote(self, token: Token) -> tuple[int, int] | None:
        for start, end in self.quote_spans:
            if start <= token.idx < end:
                return start, end
        return None

    # -- actors ----------------------------------------------------------------------------
    def _polity(self, entity: Entity) -> bool:
        """A place that can act: a country, a region of states, or a capital (for its
        government: "Paris récuse"); towns and streets are where things happen, not actors."""
        known = self.polities.get(entity.id)
        if known is None:
            index = countries()
            names = [entity.name, *entity.aliases, *(m.text for m in entity.mentions)]
            known = any(
                index.by_name(n) or index.by_capital(n) or index.is_supranational(n) for n in names
            )
            self.polities[entity.id] = known
        return known

    def entity_actor(self, ident: str, token: Token) -> Actor | None:
        entity = self.entities.get(ident)
        if entity is None or entity.type == "MISC":
            return None
        if entity.type == "LOC" and not self._polity(entity):
            return None
        start = end = token.i
        while start - 1 >= 0 and self.index.get(start - 1) == ident:
            start -= 1
        while end + 1 < len(self.doc) and self.index.get(end + 1) == ident:
            end += 1
        if entity.type == "LOC":
            role: str | None = "LOC"
            code = entity.country
        else:
            code = entity.code or entity.country
            role = _role_of_code(entity.code, entity.country)
        return Actor(
            entity=entity.id,
            name=entity.name,
            country=entity.country,
            code=code,
            role=role,
            tokens=(start, end + 1),
            plural="Plur" in morph_values(token, "Number"),
        )

    def group_code(self, token: Token) -> str | None:
        """The role code of a noun naming an unnamed actor ("manifestants", "la police"); ""
        for a role whose code the text does not settle ("son homologue"); None for no actor."""
        lemma = self.grammar.lemma(token)
        for phrase, code in self.lexicon.actors.get(lemma, ()) or self.lexicon.actors.get(
            token.text, ()
        ):
            if len(phrase) == 1:
                return code
            following = [
                self.grammar.lemma(t) for t in self.doc[token.i + 1 : token.i + len(phrase)]
            ]
            if tuple(following) == phrase[1:]:
                return code
        found = self.lexicon.roles.get(lemma)
        return found if found is not None else self.lexicon.roles.get(token.text)

    def phrase_country(self, token: Token) -> str | None:
        """The country a noun phrase gives its head: a demonym ("troupes turques") or a place."""
        index = countries()
        nested: list[Token] = []
        for c in token.children:
            if c.dep_ == "amod" and c.pos_ == "ADJ":
                if self.grammar.lemma(c) in self.grammar.foreign_adjectives:
                    return FOREIGN
                hit = index.by_demonym(c.text)
                if hit:
                    return hit.iso3
            if c.dep_ == "nmod" and c.i > token.i:
                ident = self.index.get(c.i)
                entity = self.entities.get(ident) if ident else None
                if entity is not None and entity.country and entity.type in ("LOC", "ORG"):
                    return entity.country
                nested.append(c)
        for c in nested:  # "le secrétaire d'État américain", "le ministre de l'Intérieur belge"
            for g in c.children:
                if g.dep_ == "amod" and g.pos_ == "ADJ":
                    hit = index.by_demonym(g.text)
                    if hit:
                        return hit.iso3
        return None

    def _core(self, token: Token) -> tuple[int, int]:
        """Token span of a noun phrase's core: determiners, adjectives and the head."""
        start = end = token.i
        for c in token.children:
            if (
                c.dep_ in ("det", "amod", "nummod", "flat:name", "fixed", "compound")
                and abs(c.i - token.i) <= 3
            ):
                start, end = min(start, c.i), max(end, c.i)
        return start, end + 1

    def group_actor(self, token: Token) -> Actor | None:
        code = self.group_code(token)
        if code is None:
            return None
        start, end = self._core(token)
        words = [
            t
            for t in self.doc[start:end]
            if t.dep_ != "det" and t.pos_ not in ("DET", "PUNCT") and not t.is_punct
        ]
        name = " ".join(t.text for t in words) or token.text
        return Actor(
            entity=None,
            name=name,
            country=self.phrase_country(token),
            code=code or None,
            role=code or None,
            tokens=(start, end),
            plural="Plur" in morph_values(token, "Number"),
        )

    def speaker_of(self, token: Token) -> Actor | None:
        """The speaker of the quote a first-person word is in."""
        for quote in self.quotes:
            if quote.start <= token.idx < quote.end and quote.speaker:
                return self.entity_actor_by_id(quote.speaker)
        span = self.in_quote(token)
        if span is None:
            return None
        # The report verb of the sentence outside the quote: «…», a déclaré le Premier ministre;
        # a déploré X, avant d'ajouter : «…».
        verbs = [
            t
            for t in self.unit(token)
            if (t.idx < span[0] or t.idx >= span[1])
            and t.pos_ == "VERB"
            and self.grammar.lemma(t) in self.grammar.report_verbs
        ]
        for verb in sorted(verbs, key=lambda t: abs(t.idx - span[0])):
            for subject in self.grammar.subject_candidates(verb):
                found = self.actor_at(subject, quote_ok=False)
                if found is not None:
                    return found
        return None

    def entity_actor_by_id(self, ident: str) -> Actor | None:
        entity = self.entities.get(ident)
        if entity is None or not entity.mentions:
            return None
        first = entity.mentions[0]
        span = self.doc.char_span(first.start, first.end, alignment_mode="expand")
        if span is None:
            return None
        return self.entity_actor(ident, span.root)

    def actor_at(
        self, token: Token, *, quote_ok: bool = True, descend: bool = True, depth: int = 0
    ) -> Actor | None:
        """The actor a token names: an entity, a pronoun's referent, an unnamed group."""
        ident = self.index.get(token.i)
        if ident:
            found = self.entity_actor(ident, token)
            if found:
                return found
        for c in token.children:
            if c.dep_ in ("appos", "flat:name") and self.index.get(c.i):
                found = self.entity_actor(self.index[c.i], c)
                if found and found.role != "LOC":
                    return found
        word = token.lower_.strip("-")  # "a-t-il déclaré"
        if token.pos_ == "PRON" or word in self.grammar.third_person:
            if word in self.grammar.first_person and quote_ok:
                return self.speaker_of(token)
            if word in self.grammar.third_person:
                return self._antecedent(token, plural=word in self.grammar.plural_pronouns)
            if word in self.grammar.people_pronouns:
                return Actor(None, None, None, None, None, (token.i, token.i + 1), plural=True)
            if "Card" not in morph_values(token, "NumType"):
                return None
        if word in self.grammar.anaphoric_adjectives and any(
            c.dep_ == "det" and "Dem" in morph_values(c, "PronType") for c in token.children
        ):
            return self._antecedent(token, plural="Plur" in morph_values(token, "Number"))
        # "22 des 27 gouvernements", "certains d'entre eux"
        if token.pos_ in ("NUM", "PRON", "DET"):
            for c in self._complements(token, self.grammar.genitive, self.grammar.pair_case):
                return self.actor_at(c, quote_ok=quote_ok, descend=descend, depth=depth + 1)
            return None
        if token.pos_ not in _NOUNS and token.pos_ != "ADJ":
            return None
        group = self.group_actor(token)
        if group:
            return group
        if not token.is_lower and token.pos_ in _NOUNS:  # "des milliers d'Iraniens"
            people = countries().by_demonym(token.text)
            if people is not None and token.text[:1].isupper():
                span = (token.i, token.i + 1)
                return Actor(None, token.text, people.iso3, None, None, span, plural=True)
        if depth < _MAX_DEPTH:
            for c in self._complements(token, self.grammar.genitive, self.grammar.dative):
                found = self.actor_at(c, quote_ok=quote_ok, descend=descend, depth=depth + 1)
                # a place under "le nord de", "la région de" tells where someone is
                # from, not who acts: "un ouvrier du nord de la France"
                whereabouts = self.grammar.lemma(c) in self.grammar.region_nouns
                if found and (found.role != "LOC" or (descend and not whereabouts)):
                    return found
        return None

    def _complements(self, token: Token, *cases: str) -> Iterator[Token]:
        """The noun complements after `token` introduced by one of `cases` ("de", "à")."""
        for c in token.children:
            if c.dep_ == "nmod" and c.i > token.i and self.grammar.cases(c) & set(cases):
                yield c

    def _antecedent(self, token: Token, *, plural: bool) -> Actor | None:
        """The last subject of the same number; "il" and "elle" prefer a person."""
        previous = None if plural else self.last_person
        if previous is None or previous[1] < token.i - _PRONOUN_REACH:
            previous = self.last_subject.get(plural)
        if previous is None:
            return None
        return replace(previous[0], tokens=(token.i, token.i + 1))

    def actors(self, token: Token | None, *, every: bool = False, **kwargs: bool) -> list[Actor]:
        """The actors of an argument and of the arguments coordinated with it: the named
        ones, or the first unnamed one (`every`: all of them)."""
        if token is None:
            return []
        found: list[Actor] = []
        for t in _conjuncts(token):
            actor = self.actor_at(t, **kwargs)
            if actor is not None and all(not a.named or actor.entity != a.entity for a in found):
                found.append(actor)
        named = [a for a in found if a.named]
        return found if every else named or found[:1]

    def subject_actors(self, verb: Token) -> list[Actor]:
        """The actors of a verb's subject: its own, or the one it shares through a relative
        pronoun, coordination, control ("obligeant les policiers à user de…") or a participle."""
        for candidate in self.grammar.subject_candidates(verb):
            if candidate.lower_ in self.grammar.first_person and self.in_quote(candidate) is None:
                return []
            found = self.actors(candidate, descend=False)
            if found:
                return found
        return []

    def remember_subject(self, actors: list[Actor], token: Token) -> None:
        """Keep the last subject for "il", "elle", "ils", "elles" that follow."""
        if not actors or token.pos_ == "PRON" or not (actors[0].named or actors[0].name):
            return
        plural = len(actors) > 1 or "Plur" in morph_values(token, "Number")
        self.last_subject[plural] = (actors[0], token.i)
        entity = self.entities.get(actors[0].entity or "")
        if not plural and entity is not None and entity.type == "PER":
            self.last_person = (actors[0], token.i)

    # -- places and dates -------------------------------------------------------------------
    def place_in(self, tokens: Iterable[Token]) -> tuple[Place, Token] | None:
        """The first place entity introduced by a place preposition among the tokens."""
        for t in tokens:
            ident = self.index.get(t.i)
            if not ident or ident not in self.places:
                continue
            head = t
            while head.head.i != head.i and self.index.get(head.head.i) == ident:
                head = head.head
            cases = self.grammar.cases(head) or (
                {self.doc[head.i - 1].lower_} if head.i > 0 else set()
            )
            found = cases & self.grammar.place_cases
            if found and not (
                found <= self.grammar.topic_cases and self._polity(self.entities[ident])
            ):
                return self.places[ident], t
        return None

    def unit(self, token: Token) -> Span:
        """The sentence of a token, cut at line breaks (the parser's sentences may run across
        paragraphs, and a paragraph break always ends a sentence)."""
        start, end = self.units[token.i]
        return self.doc[start:end]

    def narrative_date(self, token: Token) -> str | None:
        """The day the narrative is at when a token comes: the last day the text named before
        it, outside quotes and flashbacks ("avait annoncé le 20 juin")."""
        found = None
        for timex in self.timexes:
            if timex.start >= token.idx:
                break
            value = _date_value(timex)
            if not value or len(value) < len("YYYY-MM-DD"):
                continue
            if any(s <= timex.start < e for s, e in self.quote_spans):
                continue
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and self.grammar.background(span.root):
                continue
            found = value
        return found

    def object_of(self, verb: Token) -> Token | None:
        """A verb's direct object, not a date the parser took for one ("a reçu lundi …")."""
        for c in verb.children:
            if c.dep_ == "obj" and not self.in_timex(c):
                return c
        return None

    def in_timex(self, token: Token) -> bool:
        return any(t.start <= token.idx < t.end for t in self.timexes)

    def date_in(self, tokens: Iterable[Token]) -> Timex | None:
        """A timex with a calendar value that starts among the tokens."""
        starts = {t.idx for t in tokens}
        for timex in self.timexes:
            if timex.start in starts and _date_value(timex):
                return timex
        return None


def _units(doc: Doc) -> list[tuple[int, int]]:
    """For each token, the token span of its sentence cut at line breaks."""
    units: list[tuple[int, int]] = [(0, 0)] * len(doc)
    texts = token_texts(doc)
    for sent in doc.sents:
        start = sent.start
        for j in range(sent.start, sent.end):
            if "\n" in texts[j] and texts[j].isspace():
                for i in range(start, j + 1):
                    units[i] = (start, j)
                start = j + 1
        for i in range(start, sent.end):
            units[i] = (start, sent.end)
    return units


def _sentences(article: _Article) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for start, end in article.units:
        if (start, end) not in seen and end > start:
            seen.add((start, end))
            yield article.doc[start:end]


def _conjuncts(token: Token) -> list[Token]:
    """A phrase and the phrases coordinated with it (also when the parser hangs the
    coordination on the last word of a name: "Vladimir Poutine et Recep Tayyip Erdogan")."""
    found = [token]
    holders = [token, *(c for c in token.children if c.dep_ in ("flat:name", "appos"))]
    for holder in holders:
        for c in holder.children:
            if c.dep_ == "conj" and (c.pos_ in _NOUNS or c.pos_ == "PRON"):
                found.extend(_conjuncts(c))
    return found


def _clause_tokens(head: Token) -> Iterator[Token]:
    """The tokens of a clause: the head's subtree, not entering clauses of its own."""
    yield head
    for c in head.children:
        if c.dep_ in _CLAUSE_DEPS and (c.pos_ in ("VERB", "AUX") or morph_values(c, "VerbForm")):
            continue
        yield from _clause_tokens(c)


def _phrase_tokens(head: Token, depth: int = 0, *, participles: bool = False) -> Iterator[Token]:
    """A noun's own phrase: its dependents, not crossing into a verb (but into the
    participles that describe it, with `participles`: "des manifestations déclenchées le 17
    novembre")."""
    yield head
    if depth > 4:
        return
    for c in head.children:
        describes = participles and c.dep_ == "acl" and "Part" in morph_values(c, "VerbForm")
        if c.pos_ in ("VERB", "AUX") and c.dep_ != "amod" and not describes:
            continue
        yield from _phrase_tokens(c, depth + 1, participles=participles)


def _within(timex: Timex | None, unit: Span) -> Timex | None:
    return timex if timex is not None and unit.start_char <= timex.start < unit.end_char else None


def _date_value(timex: Timex | None) -> str | None:
    if timex is None or timex.type not in ("DATE", "TIME") or not timex.value:
        return None
    match = _DATE.match(timex.value)
    return match.group(1) if match else None


# -- the component -----------------------------------------------------------------------------
@dataclass(slots=True)
class _Found:
    """An event before ids are given: its frame, trigger, clause verb and actors."""

    frame: Frame
    trigger: Token
    clause: Token  # the verb that carries tense, negation and the date
    sources: list[Actor]
    targets: list[Actor]
    objects: list[Actor]  # who is acted on when that is not the target (troops deployed)
    place: tuple[Place, Token] | None = None
    date: str | None = None
    date_token: tuple[int, int] | None = None
    extra: list[Token] = field(default_factory=list)


# Dependencies by which a noun is what its verb does ("a lancé un appel", "a procédé à des
# interpellations", "une enquête a été ouverte") or what another event is about.
_NOUN_ARG_DEPS = ("obj", "obl", "obl:arg", "obl:mod", "nsubj:pass", "xcomp", "iobj")


class Events:
    """telex_events: writes `doc._.events`."""

    def __init__(self, nlp: Language, name: str, *, lang: str = "fr") -> None:
        self.name = name
        self.lexicon = load_lexicon(lang)
        self.grammar = self.lexicon.grammar

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    # -- finding ---------------------------------------------------------------------------
    def find(self, doc: Doc) -> list[Event]:
        """The events of a parsed doc whose entities, timexes and places are set."""
        article = _Article(doc, self.lexicon)
        found: list[_Found] = []
        consumed: set[int] = set()  # support verbs whose noun made the event
        # Coarse tags read once: most tokens can make no event and are passed over by number.
        tags = doc.to_array(POS).tolist() if len(doc) else []
        for sent in _sentences(article):
            question = sent.text.rstrip().rstrip('»”"').rstrip().endswith("?")
            sent_found: list[_Found] = []
            for token in sent:
                tag = tags[token.i]
                if not question and tag in _TRIGGER_TAGS:
                    event = self._from_noun(article, token, consumed) or self._from_verb(
                        article, token
                    )
                    if event is not None:
                        sent_found.append(event)
                if tag in _VERB_TAGS:
                    for c in token.children:
                        if c.dep_ == "nsubj":
                            article.remember_subject(article.actors(c, descend=False), c)
            found.extend(e for e in sent_found if e.trigger.i not in consumed)
        return self._events(article, found)

    def _frame_ok(self, token: Token, frame: Frame, passive: bool) -> bool:
        """Whether a frame's syntactic conditions hold at a verb."""
        reflexive = self.grammar.is_reflexive(token)
        if frame.reflexive == "se" and not reflexive:
            return False
        if frame.reflexive == "no" and reflexive:
            return False
        if frame.needs and not self.grammar.has_dependent(token, frame.needs):
            return False
        for c in frame.when:
            if (
                (c.kind == "passive" and not passive)
                or (c.kind == "active" and passive)
                or (c.kind == "inf" and not _governs_infinitive(token))
                or (c.kind == "noinf" and _governs_infinitive(token))
                or (c.kind == "noclause" and self.grammar.governs_clause(token))
            ):
                return False
        return True

    @staticmethod
    def _actor_ok(
        frame: Frame, sources: list[Actor], targets: list[Actor], objects: list[Actor]
    ) -> bool:
        for condition in frame.when:
            if condition.kind == "actor" and not sources:
                return False
            if condition.kind not in ("src", "tgt", "obj"):
                continue
            actors = {"src": sources, "tgt": targets, "obj": objects}[condition.kind]
            roles = {a.role for a in actors if a.role}
            hit = bool(roles & condition.codes)
            if hit == condition.negated:
                return False
        return True

    def _quoted_ok(
        self, article: _Article, frame: Frame, subject: Token | None, sources: list[Actor]
    ) -> bool:
        """Inside a quote only the speaker's own speech acts are events: "Je lance un appel",
        "La France exprime sa désapprobation"; what the quote tells of others is not."""
        if not self.grammar.verbal(frame) or not sources:
            return False
        if subject is not None and subject.lower_ in self.grammar.first_person:
            return True
        return sources[0].named and subject is not None and subject.pos_ != "PRON"

    # verbs
    def _from_verb(self, article: _Article, token: Token) -> _Found | None:
        if token.pos_ not in ("VERB", "ADJ") or (
            token.pos_ == "ADJ" and "Part" not in morph_values(token, "VerbForm")
        ):
            return None
        frames = next(
            (
                self.lexicon.verbs[lemma]
                for lemma in self.grammar.verb_lemmas(token)
                if lemma in self.lexicon.verbs
            ),
            None,
        )
        if not frames:
            return None
        passive = self.grammar.is_passive(token)
        in_quote = article.in_quote(token) is not None
        for frame in frames:
            if not self._frame_ok(token, frame, passive):
                continue
            clause = self._realised_clause(article, token, verbal=self.grammar.verbal(frame))
            if clause is None:
                return None
            sources, targets, objects = self._verb_actors(article, token, frame, passive)
            if not targets and self.grammar.verbal(frame):
                targets = self._reacted_to(article, token, sources)
            if not self._actor_ok(frame, sources, targets, objects):
                continue
            if frame.target_required and not targets:
                continue
            subject = self.grammar.subject(token)
            if passive:
                if _child(token, ("csubj", "csubj:pass")) is not None:
                    return None  # "aller à l'encontre de … est interdit": no one is acted on
                patient = _patient(token)
                if (
                    patient is not None
                    and patient.lower_ in self.grammar.first_person
                    and not in_quote
                ):
                    return None  # "nous sommes bombardés d'images": a figure of speech
                if (
                    not sources
                    and (self.grammar.verbal(frame) or self.grammar.adjectival(token))
                    and not (frame.type == "ACCUSE" and frame.mode in ("allege", "investigate"))
                ):
                    continue
            elif not sources and not self._human_subject(subject):
                continue
            if in_quote and not self._quoted_ok(article, frame, subject, sources):
                return None
            return _Found(frame, token, clause, sources, targets, objects)
        return None

    def _reacted_to(self, article: _Article, verb: Token, sources: list[Actor]) -> list[Actor]:
        """Who a reaction answers, when it names no one: the named subject of a clause
        "après que …" or "parce que …" in its sentence ("La France a fait part de sa
        désapprobation après que Donald Trump a utilisé …")."""
        own = {a.entity for a in sources if a.named}
        for t in article.unit(verb):
            if t.i == verb.i or not _is_clause_head(t) or t.dep_ not in ("advcl", "obl", "ccomp"):
                continue
            marks = {self.grammar.lemma(m) for m in t.children if m.dep_ == "mark"}
            marks |= {
                self.grammar.lemma(f) for m in t.children if m.dep_ == "mark" for f in m.children
            }
            if not marks & self.grammar.reaction_marks or not marks & self.grammar.complementizers:
                continue
            subject = _child(t, _SUBJECT_DEPS)
            found = [a for a in article.actors(subject, descend=False) if a.named]
            if found and found[0].entity not in own:
                return found[:1]
        return []

    def _human_subject(self, subject: Token | None) -> bool:
        """An active verb whose subject is no actor is an event only with a human pronoun."""
        return subject is not None and (
            subject.lower_ in self.grammar.third_person
            or subject.lower_ in self.grammar.people_pronouns
        )

    def _verb_actors(
        self, article: _Article, token: Token, frame: Frame, passive: bool
    ) -> tuple[list[Actor], list[Actor], list[Actor]]:
        """Sources, targets and the object's actors (what "obj=" conditions test)."""
        if passive:
            subject_actors = article.actors(self.grammar.agent(token), descend=False)
            object_actors = article.actors(_patient(token))
        else:
            subject_actors = article.subject_actors(token)
            obj = article.object_of(token) or _loose_object(token)
            incise = _incise_subject(token)
            object_actors = article.actors(obj) if obj is not None and obj != incise else []
        if frame.source == "obj":
            sources, objects_role = object_actors, subject_actors
        else:
            sources, objects_role = subject_actors, object_actors
        targets: list[Actor] = []
        for slot in frame.target:
            if slot in ("obj", "subj"):
                targets = objects_role
            elif slot == "iobj":
                targets = article.actors(_child(token, ("iobj",)))
            elif slot == "place":
                place = article.place_in(_clause_tokens(token))
                if place is not None:
                    targets = article.actors(place[1])
            else:
                targets = self._prep_actors(article, token, slot)
            if targets:
                break
        if (
            not targets
            and len(sources) > 1
            and (frame.type in _SYMMETRIC or self.grammar.is_reflexive(token))
        ):
            # reciprocal and symmetric acts: "X et Y se sont rencontrés", "X et Y ont signé"
            sources, targets = sources[:1], sources[1:2]
        objects = subject_actors if frame.source == "obj" else object_actors
        named_sources = {a.entity for a in sources if a.named}
        targets = [t for t in targets if not t.named or t.entity not in named_sources]
        return sources, targets, objects

    def _prep_actors(self, article: _Article, token: Token, prep: str) -> list[Actor]:
        """Actors in complements of the verb (or of its object) headed by a preposition."""
        holders = [token]
        obj = article.object_of(token) or (
            _patient(token) if self.grammar.is_passive(token) else None
        )
        if obj is not None:
            holders.append(obj)
        for holder in holders:
            for c in holder.children:
                if c.dep_ not in _ARG_DEPS or c.i == token.i or c.dep_ == "obj":
                    continue
                if c.dep_ == "xcomp" and c.pos_ == "VERB":
                    continue
                if prep in self.grammar.cases(c):
                    actors = article.actors(c)
                    if actors:
                        return actors
        return []

    def _realised_clause(
        self, article: _Article, token: Token, *, verbal: bool = False
    ) -> Token | None:
        """The verb whose tense and polarity say the act happened, or None when it did not.

        Infinitives pass through aspectual and implicative verbs ("a commencé à bombarder",
        "a permis de procéder à") to the verb that governs them, and through a verb of saying
        when the act is one of words ("a déclaré soutenir"); compound infinitives ("après avoir
        agressé") are done acts.
        """
        verb = token
        for _ in range(4):
            if self._negated(verb) or self._hypothetical(article, verb):
                return None
            infinitive = "Inf" in morph_values(verb, "VerbForm")
            if not infinitive or _compound(verb):
                if infinitive and self.grammar.lemma(verb.head) in self.grammar.modal_verbs:
                    return None
                return verb
            governor = verb.head
            through = self.grammar.pass_through_verbs | (
                self.grammar.report_verbs if verbal else frozenset()
            )
            if governor.i == verb.i or self.grammar.lemma(governor) not in through:
                return None
            verb = governor
        return None

    def _negated(self, verb: Token) -> bool:
        words = {
            c.lower_ for c in verb.children if c.dep_ in ("advmod", "mark", "case", "det", "cc")
        }
        words |= {self.grammar.lemma(c) for c in verb.children if c.dep_ in ("advmod", "det")}
        words = {w.replace("’", "'") for w in words}
        if words & self.grammar.negation_particles:
            restricted = any(
                c.lower_ in self.grammar.restrictive and c.i > verb.i
                for c in verb.children
                if c.dep_ in ("advmod", "mark", "fixed", "cc")
            )
            return not restricted or bool(words & self.grammar.negations)
        return bool(words & self.grammar.negations)

    def _hypothetical(self, article: _Article, verb: Token) -> bool:
        marks = {self.grammar.lemma(c) for c in verb.children if c.dep_ == "mark"}
        if marks & self.grammar.hypothetical_marks and not (
            _compound(verb) and marks & self.grammar.done_marks
        ):
            return True
        for c in verb.children:
            if c.dep_ == "aux" and self.grammar.lemma(c) in self.grammar.modal_verbs:
                return True
            if c.dep_ == "advcl" and any(
                m.dep_ == "mark" and self.grammar.lemma(m) in self.grammar.condition_marks
                for m in c.children
            ):
                return True  # the consequence of a condition: "si l'Iran refuse, … imposeront"
        moods = set(morph_values(verb, "Mood"))
        for c in verb.children:
            if c.dep_ in ("aux:tense", "aux:pass", "cop"):
                moods |= set(morph_values(c, "Mood"))
        if "Cnd" in moods:
            # the future of the past in reported speech ("a annoncé que … seraient mobilisés")
            reported = verb.dep_ in ("ccomp", "advcl") and self.grammar.lemma(verb.head) in (
                self.grammar.report_verbs
            )
            return not reported
        return (
            verb.dep_ in ("xcomp", "ccomp")
            and self.grammar.lemma(verb.head) in self.grammar.modal_verbs
            and ("Inf" in morph_values(verb, "VerbForm") or "Sub" in morph_values(verb, "Mood"))
        )

    # nouns
    def _from_noun(self, article: _Article, token: Token, consumed: set[int]) -> _Found | None:
        if token.pos_ not in _NOUNS:
            return None
        frames = self.lexicon.nouns.get(self.grammar.lemma(token)) or self.lexicon.nouns.get(
            token.lower_
        )
        if not frames:
            return None
        if any(
            c.dep_ == "det" and self.grammar.lemma(c) in self.grammar.negations
            for c in token.children
        ):
            return None
        name = article.entities.get(article.index.get(token.i) or "")
        if name is not None and name.type in ("ORG", "MISC", "LOC"):
            return None  # part of a name: "le Rassemblement national", "la Marche verte"
        top, setting = token, False
        while top.head.i != top.i:
            if (
                top.dep_ == "nmod"
                and self.grammar.lemma(top.head) in self.grammar.transparent_nouns
            ):
                setting = setting or self.grammar.lemma(top.head) in self.grammar.setting_nouns
            elif not article.in_timex(top.head):
                break  # a date is no governor: "a donné vendredi un feu vert" parsed under it
            top = top.head
        governor = top.head if top.head.i != top.i else None
        instrument = not any(f.alone for f in frames)
        support: Token | None = None
        attached: Token | None = None  # a support verb on the noun: "une demande faite par X"
        if governor is not None and (
            governor.pos_ in ("VERB", "AUX") or morph_values(governor, "VerbForm")
        ):
            lemma = self.grammar.lemma(governor)
            if top.dep_ in _NOUN_ARG_DEPS and (
                lemma in self.grammar.support_verbs
                or (instrument and lemma in self.grammar.weapon_verbs)
            ):
                support = governor
            elif top.dep_ in ("obj", "obl:arg") and (
                lemma in self.grammar.modal_verbs or lemma in self.grammar.denial_verbs
            ):
                return None  # feared, hoped for, denied: "redoutent une manifestation"
            elif (
                lemma in self.lexicon.verbs
                and not setting
                and (
                    top.dep_ in ("obj", "obl:arg", "nsubj:pass", "xcomp", "iobj")
                    or (
                        top.dep_ in ("obl", "obl:mod")
                        and self.grammar.cases(top) & {self.grammar.dative, self.grammar.genitive}
                    )
                )
            ):
                return None  # what another event is about ("réclament sa démission")
        nested = governor is not None and governor.pos_ in _NOUNS and not setting
        if nested and not any(f.alone for f in frames):
            return None  # a noun's complement ("l'importance du soutien")
        if support is None:
            for c in token.children:
                if (
                    c.dep_ in ("acl", "acl:relcl")
                    and self.grammar.lemma(c) in self.grammar.support_verbs
                ):
                    attached = c
                    break
        if attached is None and top.i != token.i:  # "une série d'attentats revendiqués par"
            attached = next(
                (
                    c
                    for c in top.children
                    if c.dep_ == "acl" and self.grammar.lemma(c) in self.grammar.support_verbs
                ),
                None,
            )
        verb = support or attached
        clause = verb or _own_clause(token) or _own_clause(top) or _noun_clause(token)
        if clause is not None and self._realised_clause(article, clause) is None:
            return None
        # a noun quoted inside reported speech is the reporter's act when its support verb is
        # not quoted: "a ordonné la « remise en liberté immédiate » du journaliste"
        in_quote = article.in_quote(verb if verb is not None else token) is not None
        for frame in frames:
            if (
                frame.needs
                and not self.grammar.has_dependent(token, frame.needs)
                and not (verb is not None and self.grammar.lemma(verb) in frame.needs)
            ):
                continue
            sources, targets, objects, named = self._noun_actors(article, token, frame, verb)
            if not sources and top.i != token.i:
                sources = self._agent_of(article, top)
                named = named or any(a.named for a in sources)
            if not targets and self.grammar.verbal(frame) and verb is not None:
                targets = self._reacted_to(article, verb, sources)
            if setting and not sources and frame.type == "CONSULT" and clause is not None:
                sources = article.subject_actors(clause)
                named = named or bool(sources and targets)
            if not self._actor_ok(frame, sources, targets, objects):
                continue
            if frame.target_required and not targets:
                continue
            if (
                verb is None
                and not named
                and not (
                    frame.alone
                    and (
                        self._anchored(article, token, nested=nested)
                        or (not nested and (sources or targets or objects))
                    )
                )
                and not (sources and targets)  # "la visite du Premier ministre indien à Paris"
            ):
                continue
            if verb is not None and not sources and not frame.alone and self.grammar.verbal(frame):
                continue  # "la demande a été faite": a mention again, by nobody new
            if in_quote:
                subject = self.grammar.subject(verb) if verb is not None else None
                if not self._quoted_ok(article, frame, subject, sources):
                    return None
            if support is not None:
                consumed.add(support.i)
            return _Found(
                frame,
                token,
                clause or token,
                sources,
                targets,
                objects,
                extra=[verb] if verb is not None else [],
            )
        return None

    def _noun_actors(
        self, article: _Article, token: Token, frame: Frame, verb: Token | None
    ) -> tuple[list[Actor], list[Actor], list[Actor], bool]:
        """Sources, targets and the object (a "de" complement naming the one acted on) of a
        noun, and whether the noun named an actor of its own."""
        own: list[Actor] = []
        # the "de" complement hangs on the noun, or on the word that completes a compound
        # noun ("une fin de non-recevoir du président", "la remise en liberté du journaliste")
        holders = [token, *(c for c in token.children if self.grammar.lemma(c) in frame.needs)]
        for c in (c for holder in holders for c in holder.children):
            if (
                c.dep_ in ("nmod", "obl:arg", "obl")
                and c.i > token.i
                and self.grammar.genitive in self.grammar.cases(c)
            ):
                own = article.actors(c, descend=frame.de == "target")
                if own:
                    break
        if not own and frame.de == "source":
            for c in token.children:
                if c.dep_ == "amod":
                    hit = countries().by_demonym(c.text)
                    if hit:
                        own = [Actor(None, None, hit.iso3, hit.iso3, "LOC", (c.i, c.i + 1))]
                        break
        named = any(a.named for a in own)  # (targets named below count too)
        sources: list[Actor] = []
        targets: list[Actor] = []
        if frame.de == "target":
            targets = own
        elif frame.de == "source":
            sources = own
        if verb is not None:
            # the support verb's subject speaks: "Blinken a réaffirmé le soutien des
            # États-Unis" is Blinken's; the noun's own "de" actor only when it names none
            sources = self._support_actors(article, verb) or sources
        named = named or any(a.named for a in sources)
        # the recipient hangs on the noun, or on its "de" complement ("la visite du Premier
        # ministre indien à Paris")
        holders = [token, *(c for c in token.children if c.dep_ == "nmod" and c.i > token.i)]
        for prep in frame.target:
            for c in (c for holder in holders for c in holder.children):
                if c.dep_ in (
                    "nmod",
                    "obl",
                    "obl:arg",
                    "obl:mod",
                    "acl",
                ) and prep in self.grammar.cases(c):
                    targets = article.actors(c, every=prep == self.grammar.pair_case)
                    if targets:
                        break
            if targets:
                if prep == self.grammar.pair_case and not sources and len(targets) > 1:
                    # "un entretien entre X et Y": the two parties
                    sources, targets = targets[:1], targets[1:2]
                break
        if not targets and verb is not None and frame.target:
            for prep in frame.target:
                targets = self._prep_actors(article, verb, prep)
                if targets:
                    break
        named = named or any(a.named for a in targets)
        return sources, targets, own if frame.de in ("target", "object") else [], named

    @staticmethod
    def _support_actors(article: _Article, verb: Token) -> list[Actor]:
        """The actor of a support verb: its agent, the subject of its relative clause ("la
        promesse qu'a faite X"), or its subject."""
        if article.grammar.is_passive(verb) or verb.dep_ == "acl":
            return article.actors(article.grammar.agent(verb), descend=False)
        if verb.dep_ == "acl:relcl":
            return article.actors(_child(verb, ("nsubj",)), descend=False)
        return article.subject_actors(verb)

    @staticmethod
    def _agent_of(article: _Article, noun: Token) -> list[Actor]:
        """The agent of a participle on a noun: "des attentats revendiqués par l'EI"."""
        for c in noun.children:
            if c.dep_ == "acl" and "Part" in morph_values(c, "VerbForm"):
                agent = article.grammar.agent(c)
                if agent is not None:
                    return article.actors(agent, descend=False)
        return []

    def _anchored(self, article: _Article, token: Token, *, nested: bool = False) -> bool:
        """A noun names a particular event: a date, a place or an occurrence verb anchors it
        (only its own date or place when it is a noun's complement: "la loi sur le viol")."""
        phrase = list(_phrase_tokens(token))
        if article.date_in(phrase) is not None or article.place_in(phrase) is not None:
            return True
        if nested:
            return False
        top = token
        while top.dep_ == "nmod" and self.grammar.lemma(top.head) in self.grammar.transparent_nouns:
            top = top.head
        head = top.head
        if head.i != top.i and (head.pos_ in ("VERB", "AUX") or morph_values(head, "VerbForm")):
            if (
                top.dep_ in ("nsubj", "nsubj:pass")
                and self.grammar.lemma(head) in self.grammar.occurrence_verbs
            ):
                return True
            clause = list(_clause_tokens(head))
            if article.date_in(clause) is not None or article.place_in(clause) is not None:
                return True
        return any(c.dep_ in ("acl", "acl:relcl") and c.pos_ == "VERB" for c in token.children)

    # -- building --------------------------------------------------------------------------
    def _events(self, article: _Article, found: list[_Found]) -> list[Event]:
        candidates: list[tuple[_Found, Event]] = []
        for item in found:
            self._date_and_place(article, item)
            if item.date is None and self._narrated(article, item):
                item.date = article.narrative_date(item.trigger)
            for source, target in _pairs(item):
                event = self._event(article, item, source, target)
                if event is not None:
                    candidates.append((item, event))
        kept: list[tuple[_Found, Event]] = []
        # within a sentence, one event per act: the most specific mention of it wins
        order = sorted(
            range(len(candidates)),
            key=lambda n: (-_specificity(candidates[n][1]), n),
        )
        chosen: set[int] = set()
        for n in order:
            item, event = candidates[n]
            if any(
                article.units[candidates[m][0].trigger.i] == article.units[item.trigger.i]
                and _same_act(candidates[m][1], event)
                for m in chosen
            ):
                continue
            chosen.add(n)
        kept = [candidates[n] for n in sorted(chosen)]
        return [
            event.model_copy(update={"id": f"v{number}"})
            for number, (_, event) in enumerate(kept, 1)
        ]

    def _date_and_place(self, article: _Article, item: _Found) -> None:
        doc = article.doc
        timex = None
        if item.trigger.pos_ in _NOUNS:
            timex = article.date_in(_phrase_tokens(item.trigger, participles=True))
        unit = article.unit(item.trigger)
        if timex is None:
            timex = _within(self._clause_date(doc, item.clause), unit)
        if timex is None and item.trigger.pos_ in _NOUNS:
            timex = _within(governing_timex(doc, item.trigger), unit)
        if timex is None:
            timex = self._sentence_date(article, article.unit(item.trigger))
        item.date = _date_value(timex)
        if item.date and timex is not None:
            span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None and article.units[span.start] == article.units[item.trigger.i]:
                item.date_token = (span.start, span.end)
        tokens: list[Token] = []
        if item.trigger.pos_ in _NOUNS:
            tokens.extend(_phrase_tokens(item.trigger))
        tokens.extend(_clause_tokens(item.clause))
        item.place = article.place_in(tokens)

    @staticmethod
    def _narrated(article: _Article, item: _Found) -> bool:
        """Whether an act with no date of its own takes the narrative's day: a finite past
        clause of the story ("Le secrétaire général a salué …"), or words quoted in it ("Je
        lance ici un appel"); not the present of a standing demand, a flashback in the
        pluperfect, the future, nor a participle that only describes ("des troupes déployées
        par la Turquie")."""
        clause = item.clause
        while clause.dep_ == "conj" and not any(c.dep_.startswith("aux") for c in clause.children):
            clause = clause.head  # "a salué … et félicité": the tense of the first verb
        if article.grammar.pluperfect(clause) or article.grammar.adjectival(clause):
            return False
        if article.in_quote(item.trigger) is not None:
            return not _future(clause)
        return clause_tense(clause) == PAST

    @staticmethod
    def _clause_date(doc: Doc, verb: Token) -> Timex | None:
        """The date of a clause, or of the clauses it is part of: a relative clause, a
        coordinated verb or an adverbial clause shares the date of the clause above it ("des
        manifestations, dont 700 ont été interpellés, ont dégénéré jeudi"); reported speech
        does not ("a annoncé jeudi que …" says nothing of when the act takes place)."""
        current = verb
        for _ in range(3):
            timex = governing_timex(doc, current)
            if timex is not None or current.dep_ in ("ccomp", "parataxis"):
                return timex
            head = current.head
            while head.head.i != head.i and not _is_clause_head(head):
                head = head.head
            if head.i == current.i:
                return None
            current = head
        return None

    @staticmethod
    def _sentence_date(article: _Article, sent: Span) -> Timex | None:
        """The date of a sentence that gives one date only (outside quotes)."""
        found = {
            timex.value or timex.text: timex
            for timex in article.timexes
            if sent.start_char <= timex.start < sent.end_char
            and timex.type in ("DATE", "TIME")
            and not any(s <= timex.start < e for s, e in article.quote_spans)
        }
        if len(found) != 1:
            return None
        only = next(iter(found.values()))
        return only if _date_value(only) else None

    def _event(
        self, article: _Article, item: _Found, source: Actor | None, target: Actor | None
    ) -> Event | None:
        frame = item.frame
        place_country = item.place[0].country if item.place else None
        scene = place_country or article.home
        source_country = _country_of(source, scene)
        target_country = _country_of(target, scene)
        # a meeting needs two parties; visiting a town of one's own country is no meeting
        if (
            frame.type == "CONSULT"
            and frame.mode != "multilateral"
            and (target is None or (target.role == "LOC" and target_country == source_country))
        ):
            return None
        mode = self._mode(item, source_country, target_country, place_country, target)
        span = self._evidence(article, item, source, target)
        return Event(
            id="v0",
            type=frame.type,
            cameo_root=frame.cameo if mode == frame.mode else cameo_root(frame.type, mode),
            mode=mode,
            source=source.entity if source else None,
            source_name=source.name if source else None,
            source_country=source_country,
            source_code=_code(source, source_country),
            target=target.entity if target else None,
            target_name=target.name if target else None,
            target_country=target_country,
            target_code=_code(target, target_country),
            date=item.date,
            place=item.place[0].id if item.place else None,
            text=span.text,
            start=span.start_char,
            end=span.end_char,
        )

    @staticmethod
    def _mode(
        item: _Found,
        source_country: str | None,
        target_country: str | None,
        place_country: str | None,
        target: Actor | None,
    ) -> str | None:
        frame = item.frame
        if frame.type == "MOBILIZE":
            for actor in [*item.objects, *([target] if target else [])]:
                if actor.role in ("COP", "MIL", "REB"):
                    return {"COP": "police", "MIL": "troops", "REB": "militia"}[actor.role]
        if frame.mode is not None:
            return frame.mode
        if frame.type == "CONSULT" and place_country:
            if place_country not in (source_country, target_country):
                return "third-party"
            if place_country == target_country and place_country != source_country:
                return "visit"
        return None

    @staticmethod
    def _evidence(
        article: _Article, item: _Found, source: Actor | None, target: Actor | None
    ) -> Span:
        doc = article.doc
        sent = article.unit(item.trigger)
        points = [item.trigger.i, item.clause.i, *(t.i for t in item.extra)]
        for verb in {item.clause, *item.extra}:
            for c in verb.children:
                if c.dep_ in ("aux", "aux:tense", "aux:pass", "expl:comp", "expl:pass", "advmod"):
                    if abs(c.i - verb.i) <= 3:
                        points.append(c.i)
                elif c.dep_ in _CORE_DEPS and not c.is_punct:
                    # the clause's own arguments, whole when short ("bombes lacrymogènes")
                    left, right = c.left_edge.i, c.right_edge.i
                    if right - left > _SHORT_PHRASE:
                        left, right = min(c.i, left + 2), c.i
                    points.extend((left, right))
        if article.grammar.adjectival(item.clause) and item.clause.head.i < item.clause.i:
            points.append(item.clause.head.i)  # "des mercenaires déployés par la Turquie"
        for actor in (source, target):
            if actor is not None and sent.start <= actor.tokens[0] < sent.end:
                points.extend((actor.tokens[0], actor.tokens[1] - 1))
        if item.date_token:
            points.extend((item.date_token[0], item.date_token[1] - 1))
        if item.place is not None and sent.start <= item.place[1].i < sent.end:
            points.append(item.place[1].i)
        points = [p for p in points if sent.start <= p < sent.end]
        start, end = min(points), max(points) + 1
        # a noun trigger's complements belong to the act ("manifestations contre la politique")
        if item.trigger.pos_ in _NOUNS:
            end = max(end, min(item.trigger.right_edge.i + 1, item.trigger.i + 12, sent.end))
        while start < end - 1 and (doc[start].is_punct or doc[start].is_space):
            start += 1
        while end - 1 > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return doc[start:end]

    @staticmethod
    def set_annotations(doc: Doc, events: list[Event]) -> None:
        doc._.set("events", events)


def _pairs(item: _Found) -> list[tuple[Actor | None, Actor | None]]:
    """One event per named source and target (coordinated actors act each on their own)."""
    sources: list[Actor | None] = list(item.sources[:4]) or [None]
    targets: list[Actor | None] = list(item.targets[:4]) or [None]
    return [
        (s, t)
        for s in sources
        for t in targets
        if s is None or t is None or s.entity is None or s.entity != t.entity
    ][:8]


def _actor_key(ident: str | None, name: str | None) -> str | None:
    return ident or (name.casefold() if name else None)


def _specificity(event: Event) -> int:
    return (
        (event.source is not None) * 2
        + (event.source_name is not None)
        + (event.target is not None) * 2
        + (event.target_name is not None)
    )


def _same_act(a: Event, b: Event) -> bool:
    """Two mentions of one act: same type, and actors that agree where both are given."""
    if a.type != b.type:
        return False
    for role in ("source", "target"):
        x = _actor_key(getattr(a, role), getattr(a, role + "_name"))
        y = _actor_key(getattr(b, role), getattr(b, role + "_name"))
        if x is not None and y is not None and x != y:
            return False
    return True


def _country_of(actor: Actor | None, scene: str | None) -> str | None:
    """An actor's country; for an unnamed one, or no one, the country where the act happens.
    A named actor of no country (the UN, the EU) keeps none, and so do "foreign" ones."""
    if actor is not None and actor.country == FOREIGN:
        return None
    if actor is None or not actor.named:
        return (actor.country if actor else None) or scene
    return actor.country


def _code(actor: Actor | None, country: str | None) -> str | None:
    if actor is None:
        return None
    if actor.named:
        return actor.code or country
    role = actor.role
    if role in (None, "LOC"):
        return country
    if role == "IGO" or country is None:
        return role
    return country + role


# -- syntax helpers ----------------------------------------------------------------------------
def _future(verb: Token) -> bool:
    """A verb in the future or the conditional, itself or through its auxiliary."""
    for t in (verb, *(c for c in verb.children if c.dep_.startswith("aux"))):
        if "Fut" in morph_values(t, "Tense") or "Cnd" in morph_values(t, "Mood"):
            return True
    return False


def _loose_object(verb: Token) -> Token | None:
    """A bare noun right after a verb that has no object, which the parser hung otherwise
    ("menace les États-Unis de représailles" read as a coordination)."""
    for c in verb.children:
        if (
            c.i > verb.i
            and c.dep_ in ("conj", "appos")
            and c.pos_ in _NOUNS
            and not any(g.dep_ in ("case", "cc", "mark") for g in c.children)
        ):
            return c
    return None


def _is_clause_head(token: Token) -> bool:
    return (
        token.pos_ in ("VERB", "AUX")
        or bool(morph_values(token, "VerbForm"))
        or any(c.dep_ in ("aux:tense", "aux:pass", "cop") for c in token.children)
    )


def _child(token: Token, deps: tuple[str, ...]) -> Token | None:
    for c in token.children:
        if c.dep_ in deps:
            return c
    return None


def _compound(verb: Token) -> bool:
    """A compound infinitive ("avoir agressé", "être arrivé"): a done act."""
    return any(
        c.dep_ in ("aux", "aux:tense", "aux:pass") and "Inf" in morph_values(c, "VerbForm")
        for c in verb.children
    )


def _governs_infinitive(token: Token) -> bool:
    return any(
        c.dep_ in ("xcomp", "ccomp", "obl:arg", "obl", "advcl")
        and "Inf" in morph_values(c, "VerbForm")
        for c in token.children
    )


_CLOSING_MARKS = frozenset('»”"')


def _incise_subject(verb: Token) -> Token | None:
    """The subject after the verb of an incise ("«…», a dénoncé le ministre"), which the
    parser often takes for an object."""
    if any(c.dep_ in _SUBJECT_DEPS and c.i > verb.i for c in verb.children):
        return None  # the parser found the inverted subject itself
    first = min([verb.i, *(c.i for c in verb.children if c.dep_.startswith("aux"))])
    doc = verb.doc
    before = [t for t in doc[max(0, first - 3) : first] if not t.is_space]
    if len(before) < 2 or before[-1].text != "," or before[-2].text not in _CLOSING_MARKS:
        return None
    for c in verb.children:
        if (
            c.i > verb.i
            and c.dep_ in ("obj", "nsubj", "obl:mod", "appos")
            and c.pos_ in _NOUNS
            and not any(g.dep_ == "case" for g in c.children)
        ):
            return c
    return None


def _patient(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "nsubj:pass":
            return c
    if verb.dep_ in ("acl", "amod") and verb.head.pos_ in (*_NOUNS, "PRON"):
        return verb.head
    for c in verb.children:
        if c.dep_ == "nsubj":
            if "Rel" in morph_values(c, "PronType") and verb.dep_.startswith("acl"):
                return verb.head
            return c
    if verb.dep_ == "conj":
        return _patient(verb.head)
    return None


def _own_clause(noun: Token) -> Token | None:
    """A relative clause or participle that tells of the noun's own event: "la révolte qui a
    explosé en France", "des manifestations déclenchées le 17 novembre"."""
    for c in noun.children:
        if c.dep_ == "acl:relcl" and any(
            g.dep_ in _SUBJECT_DEPS and "Rel" in morph_values(g, "PronType") for g in c.children
        ):
            return c
        if c.dep_ == "acl" and "Part" in morph_values(c, "VerbForm") and c.i > noun.i:
            return c
    return None


def _noun_clause(noun: Token) -> Token | None:
    """The verb a noun's clause hangs on, for its tense, polarity and date."""
    current = noun
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return None
        if head.pos_ in ("VERB", "AUX") or morph_values(head, "VerbForm"):
            return head
        current = head
    return None


@Language.factory(
    "telex_events",
    default_config={"lang": "fr"},
    requires=["doc._.entities", "doc._.timexes", "doc._.places", "token.dep", "token.lemma"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str, lang: str) -> Events:
    return Events(nlp, name, lang=lang)

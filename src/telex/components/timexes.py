"""Finds temporal expressions and resolves them against the publication date (TIMEX3 values).

The approach is HeidelTime's (Strötgen & Gertz): rules over the text, written as regular
expressions over lexicon tables in `lang/<code>/timex.toml` (see `telex.timex_rules`), then
normalisation to TIMEX3 values (ISO-TimeML) with `telex.timeline`. Expressions that name a
recurring date without saying which one ("mercredi", "en décembre", "cet été") are placed
before or after the publication date by the tense of their clause, read from spaCy's
morphology and dependencies: a past clause points back, a future or a planned one ("prévues
pour décembre", "va se rendre") ahead, a present one to the nearest. Explicit words win over
tense ("jeudi dernier", "le 24 décembre prochain", "depuis lundi").

`governing_timex(doc, token)` tells other components (events) which date governs a clause.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from spacy.language import Language
from spacy.tokens import Doc, Token

from telex import timeline
from telex.extensions import doc_text, morph_values
from telex.schema import Timex
from telex.timex_rules import Candidate, Grammar, Reading, load_grammar

LOGGER = logging.getLogger(__name__)

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
PAST, PRESENT, FUTURE = -1, 0, 1
# How far up the dependency tree to look for a clause's verb.
MAX_CLIMB = 12
# A full date this close to the top of an article without a publication date is its dateline.
DATELINE_CHARS = 300
# Resolving by tense can land almost a year away ("le 1er décembre" read on 6 December in a
# clause parsed as future): a writer meaning that would give the year or say "prochain", so an
# unmodified date within six weeks on the other side is then the one meant.
NEAR_DAYS = 45
FAR_DAYS = 300
# Kinds whose value depends on the clause's tense when no year or explicit word fixes it.
TENSE_KINDS = frozenset({"calendar", "weekday", "season", "quarter", "holiday"})
AUX_DEPS = ("aux:tense", "aux:pass", "cop")


@dataclass(slots=True)
class Context:
    """What relative expressions are resolved against while reading one article."""

    reference: dt.date | None  # the publication date, or the dateline's
    anchor_day: dt.date | None  # the last day mentioned ("la veille" counts from it)
    anchor_point: dt.date | None  # the start of the last date of any precision mentioned


# -- clauses and tense --------------------------------------------------------------------
def _is_predicate(token: Token) -> bool:
    """A token that heads a clause: a verb form, or a predicate with its copula/auxiliary."""
    if token.pos_ == "VERB" or morph_values(token, "VerbForm"):
        return token.dep_ not in ("aux", "aux:tense", "aux:pass", "cop")
    return any(child.dep_ in AUX_DEPS for child in token.children)


def clause_head(token: Token) -> Token:
    """The verb (or copular predicate) heading the clause `token` belongs to.

    Climbs the dependency tree from the token; stops at the root when no verb governs it.
    """
    current = token
    for _ in range(MAX_CLIMB):
        if _is_predicate(current) or current.head.i == current.i:
            return current
        current = current.head
    return current


def _finite_tense(verb: Token, grammar: Grammar) -> int | None:
    tense = morph_values(verb, "Tense")
    mood = morph_values(verb, "Mood")
    form = grammar.future_form(verb.text, verb.lemma_)
    if form == "Cnd":
        mood = ("Cnd",)
    elif form in ("Fut", "Past"):
        tense = (form,)
    if "Fut" in tense:
        return FUTURE
    if "Cnd" in mood:
        return FUTURE
    if "Imp" in tense or "Past" in tense:
        return PAST
    if "Pres" in tense:
        return PRESENT
    return None


def clause_tense(token: Token, grammar: Grammar | None = None, _depth: int = 0) -> int | None:
    """The time a clause points to: PAST (-1), PRESENT (0), FUTURE (+1), or None.

    Read from the clause's verb: an auxiliary of tense makes a compound past ("a annoncé",
    "s'est félicité", "avait dit") unless it is itself future; a finite verb or auxiliary gives
    its own tense (conditional counts as future); a participle alone is past ("les mesures
    annoncées lundi") unless it plans ("prévues pour décembre"); an infinitive takes its
    direction from what governs it ("va se rendre", "menacent de revenir", "vient de publier").
    """
    grammar = grammar or load_grammar()
    head = clause_head(token)
    if _under_prospective_noun(token, head, grammar):
        return FUTURE
    children = list(head.children)
    for child in children:
        if child.dep_ == "aux:tense":
            return FUTURE if "Fut" in morph_values(child, "Tense") else PAST
    form = morph_values(head, "VerbForm")
    finite = next(
        (
            c
            for c in children
            if c.dep_ in ("aux:pass", "cop") and "Fin" in morph_values(c, "VerbForm")
        ),
        head if "Fin" in form else None,
    )
    if finite is not None:
        tense = _finite_tense(finite, grammar)
        if finite is not head and "Part" in form and _compound_with_etre(head, grammar):
            # "est mort mardi", "se sont rencontrés lundi": a compound past, not a passive
            return FUTURE if tense == FUTURE else PAST
        if tense == PRESENT:
            if finite is not head and head.lemma_ in grammar.future_participles:
                return FUTURE  # "la manifestation est attendue samedi"
            if any(c.dep_ == "xcomp" and "Inf" in morph_values(c, "VerbForm") for c in children):
                if head.lemma_ in grammar.future_governors:
                    return FUTURE  # "il va se rendre", "doit signer"
                if head.lemma_ in grammar.past_governors:
                    return PAST  # "il vient de signer"
        return tense
    passive_infinitive = any(
        c.dep_ == "aux:pass" and "Inf" in morph_values(c, "VerbForm") for c in children
    )
    if "Inf" in form or passive_infinitive:  # "doit partir", "devrait être interrogée"
        return _infinitive_tense(head, grammar, _depth)
    if "Part" in form:
        if "Pres" in morph_values(head, "Tense"):  # "dénonçant jeudi": as the clause it hangs on
            if head.head.i != head.i and _depth < 3:
                return clause_tense(head.head, grammar, _depth + 1)
            return None
        return FUTURE if head.lemma_ in grammar.future_participles else PAST
    return None


def _under_prospective_noun(token: Token, head: Token, grammar: Grammar) -> bool:
    """Whether a noun between the token and its clause's verb looks ahead: "l'éventualité
    d'une violence samedi" is about the coming Saturday whatever the verb's tense."""
    current = token
    for _ in range(MAX_CLIMB):
        if current.i == head.i or current.head.i == current.i:
            return False
        current = current.head
        if current.pos_ == "NOUN" and current.lemma_ in grammar.future_governors:
            return True
    return False


def _compound_with_etre(participle: Token, grammar: Grammar) -> bool:
    """Whether "être" + this participle is a compound tense: a verb conjugated with "être"
    or a reflexive one."""
    if participle.lemma_ in grammar.etre_verbs:
        return True
    return any(
        "Yes" in morph_values(c, "Reflex") for c in participle.children if c.i < participle.i
    )


def _infinitive_tense(head: Token, grammar: Grammar, depth: int) -> int | None:
    """The direction of an infinitive's clause, from the verb or noun that governs it."""
    introduced = any(c.dep_ == "mark" for c in head.children)  # "de" in "vient de signer"
    governor = head.head
    for _ in range(3):
        if governor.i == head.i:
            break
        if governor.lemma_ in grammar.past_governors and introduced:
            return PAST
        if any(
            c.dep_ == "aux:tense" and "Imp" in morph_values(c, "Tense") for c in governor.children
        ):
            return PAST  # "avaient voulu attendre lundi": a pluperfect governs what came before
        if governor.lemma_ in grammar.future_governors:
            # "devaient se renforcer mardi": a plan seen from the past, before or after now
            return None if "Imp" in morph_values(governor, "Tense") else FUTURE
        if _is_predicate(governor):
            tense = clause_tense(governor, grammar, depth + 1) if depth < 3 else None
            # What is still to be done points ahead, unless the governing clause is past.
            return PAST if tense == PAST else FUTURE
        if governor.head.i == governor.i:
            break
        governor = governor.head
    return FUTURE


# -- resolution ---------------------------------------------------------------------------
def _with_time(day: dt.date, reading: Reading) -> str:
    """A day, with its part of the day or clock time when the expression gives one."""
    value = timeline.day(day)
    if reading.hour is not None:
        return f"{value}T{reading.hour:02d}:{reading.minute or 0:02d}"
    if reading.part:
        return f"{value}T{reading.part}"
    return value


def _direction(reading: Reading, tense: int | None) -> tuple[int, bool]:
    """(direction, strict): an explicit shift word, else the tense, else the nearest."""
    if reading.shift is not None and reading.shift != 0:
        return reading.shift, True
    return (tense if tense is not None else 0), False


def _near_date(
    reference: dt.date, month: int, day: int | None, direction: int, strict: bool
) -> dt.date | None:
    """`month_day` by tense, unless the nearest occurrence is close and the other far."""
    chosen = timeline.month_day(reference, month, day, direction, strict=strict)
    if strict or direction == 0 or chosen is None:
        return chosen
    nearest = timeline.month_day(reference, month, day, 0)
    if (
        nearest is not None
        and nearest != chosen
        and abs((nearest - reference).days) <= NEAR_DAYS
        and abs((chosen - reference).days) >= FAR_DAYS
    ):
        return nearest
    return chosen


def _calendar(reading: Reading, ref: dt.date | None, tense: int | None) -> str | None:
    year, month, day = reading.year, reading.month, reading.day
    if year is not None and month is not None and day is not None:
        return _with_time(dt.date(year, month, day), reading)
    if year is not None and month is not None:
        return timeline.month(year, month)
    if year is not None:
        if reading.bound:
            return timeline.month(year, reading.bound)
        return timeline.year(year)
    if ref is None:
        return None
    direction, strict = _direction(reading, tense)
    if month is not None:
        if reading.shift == 0:  # "courant": this year
            date = timeline.month_day(ref, month, day, 0)
            if date is not None and date.year != ref.year:
                date = (
                    date.replace(year=ref.year)
                    if day is None or _exists(ref.year, month, day)
                    else date
                )
        elif day is not None and reading.weekday is not None:
            date = _matching_weekday_year(ref, month, day, reading.weekday) or _near_date(
                ref, month, day, direction, strict
            )
        else:
            date = _near_date(ref, month, day, direction, strict)
        if date is None:
            return None
        return (
            _with_time(date, reading) if day is not None else timeline.month(date.year, date.month)
        )
    if day is not None:
        return _day_of_nearby_month(ref, day, reading, direction)
    return None


def _exists(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _matching_weekday_year(ref: dt.date, month: int, day: int, weekday: int) -> dt.date | None:
    """ "samedi 6 octobre": the year around `ref` in which that day is that weekday."""
    found = [
        dt.date(year, month, day)
        for year in (ref.year - 1, ref.year, ref.year + 1)
        if _exists(year, month, day) and dt.date(year, month, day).isoweekday() == weekday
    ]
    return min(found, key=lambda d: abs((d - ref).days)) if found else None


def _day_of_nearby_month(ref: dt.date, day: int, reading: Reading, direction: int) -> str | None:
    """ "le 15 courant", "mardi 12": a day of this month, or of the one before or after."""
    if reading.shift == 0:
        return (
            _with_time(ref.replace(day=day), reading) if _exists(ref.year, ref.month, day) else None
        )
    options = []
    for months in (-1, 0, 1):
        first = timeline.add_months(ref.replace(day=1), months)
        if _exists(first.year, first.month, day):
            options.append(first.replace(day=day))
    if reading.weekday is not None:
        options = [d for d in options if d.isoweekday() == reading.weekday] or options
    if direction:
        options = [d for d in options if (d - ref).days * direction >= 0] or options
    if not options:
        return None
    return _with_time(min(options, key=lambda d: abs((d - ref).days)), reading)


def _unit_shift(reading: Reading, ref: dt.date | None, tense: int | None) -> str | None:
    """ "la semaine dernière", "cette année", "le mois prochain", "fin de l'année"."""
    unit = reading.unit
    if ref is None or unit is None:
        return None
    count, base = timeline.parse_unit(unit)
    if base in timeline.TIME_UNITS:
        return None
    amount = reading.shift or 0
    if base == "WE" and amount == 0 and tense == PAST and ref.isoweekday() <= 2:
        amount = -1  # "ce week-end", written on a Monday about what happened: the last one
    date = timeline.shift(ref, amount, unit)
    if reading.bound and base == "Y" and count == 1:
        year = reading.year or date.year
        if reading.year is None and reading.shift is None and tense:
            # "à la fin de l'année", read in January in a past clause: the year before
            bound_date = dt.date(year, reading.bound, 1)
            if (bound_date - ref).days * tense < 0 and bound_date.month != ref.month:
                year += tense
        return timeline.month(year, reading.bound)
    return _granular(date, unit)


def _granular(date: dt.date, unit: str) -> str:
    count, base = timeline.parse_unit(unit)
    if base == "M" and count == 3:
        return f"{date.year:04d}-Q{(date.month - 1) // 3 + 1}"
    if base == "M" and count == 6:
        return f"{date.year:04d}-H{(date.month - 1) // 6 + 1}"
    return timeline.at_granularity(date, unit)


def _season(reading: Reading, ref: dt.date | None, tense: int | None) -> str | None:
    code = reading.season
    if code is None:
        return None
    if reading.year is not None:
        return f"{reading.year:04d}-{code}"
    if ref is None:
        return None
    direction, strict = _direction(reading, tense)
    current_year, current = timeline.season_of(ref)
    if strict and code == current:
        return f"{current_year + direction:04d}-{code}"
    return timeline.season(ref, code, direction)


def _quarter(reading: Reading, ref: dt.date | None, tense: int | None) -> str | None:
    if reading.quarter is None:
        return None
    index, months = reading.quarter
    letter = "Q" if months == 3 else "H"
    if reading.year is not None:
        return f"{reading.year:04d}-{letter}{index}"
    if ref is None:
        return None
    direction, _ = _direction(reading, tense)
    return f"{timeline.period_year(ref, index, months, direction):04d}-{letter}{index}"


def _holiday(reading: Reading, ref: dt.date | None, tense: int | None) -> str | None:
    code = reading.holiday
    if code is None:
        return None
    direction, strict = _direction(reading, tense)
    if code.startswith("E"):
        days = int(code[1:])
        if reading.year is not None:
            return timeline.day(timeline.easter(reading.year) + dt.timedelta(days=days))
        if ref is None:
            return None
        dates = [
            timeline.easter(y) + dt.timedelta(days=days)
            for y in (ref.year - 1, ref.year, ref.year + 1)
        ]
        if direction:
            dates = [d for d in dates if (d - ref).days * direction >= 0] or dates
        return timeline.day(min(dates, key=lambda d: abs((d - ref).days)))
    month, day = (int(part) for part in code.split("-"))
    if reading.year is not None:
        return timeline.day(dt.date(reading.year, month, day))
    if ref is None:
        return None
    date = _near_date(ref, month, day, direction, strict)
    return timeline.day(date) if date else None


def _offset(reading: Reading, context: Context) -> str | None:
    """ "il y a deux semaines", "dans trois jours", "deux ans plus tard"."""
    unit = reading.unit
    if unit is None:
        return None
    _, base_unit = timeline.parse_unit(unit)
    if not reading.from_anchor:
        base = context.reference
    elif base_unit in ("Y", "M"):  # "18 ans plus tard": after the last date, of any precision
        base = context.anchor_point or context.reference
    else:
        base = context.anchor_day or context.reference
    sign = reading.sign or 0
    if reading.amount is None:
        if reading.from_anchor and base_unit in timeline.TIME_UNITS and base is not None:
            return timeline.day(base)  # "quelques heures plus tard": the same day
        return "PAST_REF" if sign < 0 else "FUTURE_REF"  # "il y a quelques jours"
    if base is None:
        return None
    return timeline.offset(base, sign * reading.amount, unit)


def resolve(reading: Reading, context: Context, tense: int | None) -> tuple[TimexType, str | None]:
    """The TIMEX3 type and value of a reading in its article's context (value None when it
    depends on a date the article does not give)."""
    ref = context.reference
    kind = reading.kind
    value: str | None = None
    kind_type: TimexType = "DATE"
    if kind == "calendar":
        value = _calendar(reading, ref, tense)
    elif kind == "weekday":
        if ref is not None and reading.weekday is not None:
            direction, strict = _direction(reading, tense)
            date = timeline.weekday(ref, reading.weekday, direction, same_day=not strict)
            value = _with_time(date, reading)
    elif kind == "relday":
        base = context.anchor_day if reading.there else ref
        if base is not None:
            value = _with_time(base + dt.timedelta(days=reading.relday or 0), reading)
    elif kind == "anchorday":
        # "à la veille du scrutin" counts from an event, whose date is not known here.
        base = None if reading.of_event else context.anchor_day or ref
        if base is not None:
            value = _with_time(base + dt.timedelta(days=reading.anchorday or 0), reading)
    elif kind == "unit_shift":
        value = _unit_shift(reading, ref, tense)
    elif kind == "unit_anchor":
        base = context.anchor_point or ref
        if base is not None and reading.unit is not None:
            value = _granular(
                timeline.shift(base, reading.anchor_shift or 0, reading.unit), reading.unit
            )
    elif kind == "vague_units":
        shift = 1 if reading.coming else reading.shift or 0
        value = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[shift]
    elif kind in ("duration", "clock_duration"):
        kind_type = "DURATION"
        if kind == "clock_duration":
            value = f"PT{reading.hour}H" + (f"{reading.minute}M" if reading.minute else "")
        elif reading.unit is not None:
            value = timeline.duration(reading.amount, reading.unit)
    elif kind == "offset":
        value = _offset(reading, context)
    elif kind == "decade" and reading.decade is not None:
        value = timeline.decade(reading.decade)
    elif kind == "century" and reading.century is not None:
        value = timeline.century(reading.century)
    elif kind == "season":
        value = _season(reading, ref, tense)
    elif kind == "quarter":
        value = _quarter(reading, ref, tense)
    elif kind == "holiday":
        value = _holiday(reading, ref, tense)
    elif kind == "set":
        kind_type = "SET"
        if reading.weekday is not None:
            value = f"XXXX-WXX-{reading.weekday}"
        elif reading.unit is not None:
            value = timeline.duration(reading.amount or 1, reading.unit)
    elif kind == "time":
        base = context.anchor_day or ref
        if base is not None:
            value = _with_time(base, reading)
    elif kind == "vague":
        value = reading.vague
    if kind_type == "DATE" and value is not None and value[10:11] == "T":
        kind_type = "TIME"  # a day with a time or a part of the day: 2021-06-23TEV
    return kind_type, value


# -- choosing among candidates ------------------------------------------------------------
def select(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, the longest first (then the earlier rule), in text order."""
    chosen: list[Candidate] = []
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), c.rule.index, c.start))
    for candidate in ranked:
        if _free(candidate, chosen):
            chosen.append(candidate)
            if candidate.companion is not None and _free(candidate.companion, chosen):
                chosen.append(candidate.companion)
    return sorted(chosen, key=lambda c: c.start)


def _free(candidate: Candidate, chosen: list[Candidate]) -> bool:
    return all(candidate.end <= c.start or c.end <= candidate.start for c in chosen)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _root(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _is_count(doc: Doc, text: str, candidate: Candidate, grammar: Grammar) -> bool:
    """A bare four-digit number that counts something ("2000 manifestants"), not a year."""
    if candidate.rule.name != "year" or candidate.text[:1].isalpha():
        return False
    if grammar.count_before.search(text[max(0, candidate.start - 30) : candidate.start]):
        return True
    tokens = _tokens(doc, candidate.start, candidate.end)
    if not tokens or tokens[-1].i + 1 >= len(doc):
        return False
    following = doc[tokens[-1].i + 1]
    return following.pos_ in ("NOUN", "ADJ") and "Plur" in morph_values(following, "Number")


def _is_age(doc: Doc, candidate: Candidate, grammar: Grammar) -> bool:
    """ "une femme de 97 ans": years qualifying a noun that is no span of time ("une peine
    de dix ans" is one)."""
    reading = candidate.reading
    if reading.kind != "duration" or reading.unit != "Y" or reading.amount is None:
        return False
    root = _root(doc, candidate.start, candidate.end)
    if root is None or root.dep_ != "nmod":
        return False
    if any(child.i > root.i and child.dep_ == "nmod" for child in root.children):
        return False  # "50 ans d'écart", "dix ans de prison": the years are the point
    head = root.head
    return (
        head.i < root.i
        and head.pos_ in ("NOUN", "PROPN")
        and (head.lemma_.lower() not in grammar.durative_nouns)
    )


def _is_generic_day(doc: Doc, candidate: Candidate) -> bool:
    """ "un nouveau samedi de manifestations", "le onzième samedi": a weekday as a common noun,
    with an indefinite article or an ordinal or adjective before it."""
    if candidate.reading.kind != "weekday":
        return False
    root = _root(doc, candidate.start, candidate.end)
    if root is None:
        return False
    for child in root.children:
        if child.i >= root.i or candidate.start <= child.idx < candidate.end:
            continue
        if child.dep_ == "amod" or "Ord" in morph_values(child, "NumType"):
            return True
        if child.dep_ == "det" and "Ind" in morph_values(child, "Definite"):
            return True
    return "Ord" in morph_values(root.head, "NumType") and root.head.i < root.i


def _dateline(chosen: list[Candidate]) -> dt.date | None:
    """A full date near the top of an article that has no publication date."""
    for candidate in chosen:
        if candidate.start > DATELINE_CHARS:
            break
        year, month, day = candidate.reading.year, candidate.reading.month, candidate.reading.day
        if candidate.reading.kind == "calendar" and year and month and day:
            return dt.date(year, month, day)
    return None


class Timexes:
    """telex_timexes: finds temporal expressions and writes `doc._.timexes` (TIMEX3 values)."""

    def __init__(self, nlp: Language, name: str, *, lang: str = "fr") -> None:
        self.name = name
        self.grammar = load_grammar(lang)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Timex]:
        """Every temporal expression of the doc with its resolved value, in text order."""
        grammar = self.grammar
        text = doc_text(doc)
        candidates = [
            c
            for c in grammar.candidates(text)
            if not (
                _is_count(doc, text, c, grammar)
                or _is_age(doc, c, grammar)
                or _is_generic_day(doc, c)
            )
        ]
        chosen = select(candidates)
        published = doc._.get("published")
        reference = published if isinstance(published, dt.date) else _dateline(chosen)
        context = Context(reference=reference, anchor_day=reference, anchor_point=reference)
        found: list[Timex] = []
        for candidate in chosen:
            tense = self._tense(doc, text, candidate) if self._needs_tense(candidate) else None
            try:
                kind_type, value = resolve(candidate.reading, context, tense)
            except (ValueError, OverflowError) as err:  # "il y a 10000 ans": off the calendar
                LOGGER.debug("no value for %r: %s", candidate.text, err)
                kind_type, value = "DATE", None
            found.append(
                Timex(
                    id=f"t{len(found) + 1}",
                    text=candidate.text,
                    start=candidate.start,
                    end=candidate.end,
                    type=kind_type,
                    value=value,
                )
            )
            _advance(context, kind_type, value)
        _attach_clock_times(chosen, found)
        return found

    @staticmethod
    def _needs_tense(candidate: Candidate) -> bool:
        """Whether the value depends on tense: no year given and no "dernier"/"prochain"."""
        reading = candidate.reading
        if reading.kind == "unit_shift":
            return True
        return reading.kind in TENSE_KINDS and reading.year is None and reading.shift in (None, 0)

    def _tense(self, doc: Doc, text: str, candidate: Candidate) -> int | None:
        cue = self.grammar.cue(text[max(0, candidate.start - 30) : candidate.start])
        if cue is not None:
            return cue
        root = _root(doc, candidate.start, candidate.end)
        if root is None:
            return None
        return clause_tense(root, self.grammar)

    @staticmethod
    def set_annotations(doc: Doc, timexes: list[Timex]) -> None:
        doc._.set("timexes", timexes)


def _attach_clock_times(chosen: list[Candidate], found: list[Timex]) -> None:
    """ "à 13 h dimanche": a clock time takes the day written right after it."""
    for position in range(len(chosen) - 1):
        candidate, following = chosen[position], chosen[position + 1]
        value = found[position].value
        day = timeline.parse_day(found[position + 1].value)
        if candidate.reading.kind != "time" or value is None or day is None:
            continue
        if following.start - candidate.end <= 3:
            found[position].value = timeline.day(day) + value[10:]


def _advance(context: Context, kind_type: str, value: str | None) -> None:
    """Remember the last date mentioned, which "la veille" or "l'année suivante" count from."""
    if kind_type not in ("DATE", "TIME") or not value or not value[:4].isdigit():
        return
    day = timeline.parse_day(value)
    if day is not None:
        context.anchor_day = day
        context.anchor_point = day
        return
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        context.anchor_point = dt.date(year, month, 1)
    except ValueError:
        return


# -- the API for other components ---------------------------------------------------------
def governing_timex(
    doc: Doc, token: Token, *, types: tuple[str, ...] = ("DATE", "TIME")
) -> Timex | None:
    """The date that governs the clause of `token`, for components that date what it says.

    The timex whose own clause (the verb it hangs on in the dependency tree) is the token's
    clause; the nearest one when there are several. A non-finite clause with no date of its
    own ("s'engageant à…") takes the date of the clause it depends on. Timexes without a value
    and other types (durations, sets) are skipped unless `types` asks for them.

    Args:
        doc: a doc the telex_timexes component has run on.
        token: any token of the clause (an event's verb or noun).
        types: the TIMEX3 types that count.

    Returns:
        The governing `Timex` of `doc._.timexes`, or None.
    """
    timexes = doc._.get("timexes") or []
    by_head: dict[int, list[tuple[Timex, Token]]] = {}
    for timex in timexes:
        if timex.type not in types or timex.value is None:
            continue
        root = _root(doc, timex.start, timex.end)
        if root is not None:
            by_head.setdefault(clause_head(root).i, []).append((timex, root))
    head = clause_head(token)
    for _ in range(MAX_CLIMB):
        found = by_head.get(head.i)
        if found:
            return min(found, key=lambda pair: abs(pair[1].i - token.i))[0]
        finite = "Fin" in morph_values(head, "VerbForm") or any(
            c.dep_ in AUX_DEPS for c in head.children
        )
        if finite or head.head.i == head.i:
            return None
        head = clause_head(head.head)
    return None


@Language.factory(
    "telex_timexes",
    default_config={"lang": "fr"},
    requires=["token.dep", "token.pos", "token.morph", "token.lemma"],
    assigns=["doc._.timexes"],
)
def make_timexes(nlp: Language, name: str, lang: str) -> Timexes:
    return Timexes(nlp, name, lang=lang)

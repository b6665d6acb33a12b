"""The grammar of temporal expressions: rules from language data, compiled and matched on text.

`lang/<code>/timex.toml` holds the words (lexicon tables), reusable regex fragments and the
rules; this module turns them into compiled patterns, finds every candidate expression in a
text and reads each into a `Reading` (month 12, weekday 3, three units of "D"...), with no
reference date yet: `telex.components.timexes` chooses among candidates and resolves them.
Nothing here knows a French word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from telex import timeline
from telex.errors import DataError
from telex.lang import read_toml

DATA_FILE = "timex.toml"
# `<name>`, `<name:group>`, `<name:>` or `{name}` in a rule; `(?P<x>` is plain regex syntax.
PLACEHOLDER = re.compile(r"(?<!\?P)<([a-z_]\w*)(?::(\w*))?>|\{([a-z_]\w*)\}")
APOSTROPHES = "'’"
KINDS = frozenset(
    {
        "calendar",
        "weekday",
        "relday",
        "anchorday",
        "unit_shift",
        "unit_anchor",
        "vague_units",
        "duration",
        "offset",
        "decade",
        "century",
        "season",
        "quarter",
        "holiday",
        "set",
        "clock_duration",
        "time",
        "vague",
    }
)
# Groups whose text is looked up in lexicon tables (in this order) to get its meaning.
GROUP_TABLES: dict[str, tuple[str, ...]] = {
    "month": ("month",),
    "weekday": ("weekday", "weekdays"),
    "relday": ("relday",),
    "anchorday": ("anchorday",),
    "shift": ("shift",),
    "anchor_shift": ("anchor_shift",),
    "part": ("part",),
    "partpre": ("part",),
    "bound": ("bound",),
    "season": ("season",),
    "unit": ("unit", "units"),
    "some": ("some",),
    "fraction": ("fraction",),
    "fraction_pre": ("fraction",),
    "approx_number": ("approx_number",),
    "ago": ("ago",),
    "later": ("later",),
    "ordinal": ("ordinal",),
    "quarter": ("quarter",),
    "holiday": ("holiday",),
    "vague": ("vague",),
}


def normalise(text: str) -> str:
    """The lookup key of a written form: lowercase, straight apostrophes, single spaces."""
    text = text.lower().replace("’", "'").replace("\u2011", "-")
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    regex: re.Pattern[str]
    needs: tuple[str, ...] = ()
    ambiguous: frozenset[str] = frozenset()
    index: int = 0
    triggers: tuple[str, ...] = ()


@dataclass(slots=True)
class Reading:
    """What an expression says, before it is placed on the calendar."""

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    shift: int | None = None
    anchor_shift: int | None = None
    part: str | None = None
    bound: int | None = None
    season: str | None = None
    quarter: tuple[int, int] | None = None  # (index, months per period)
    amount: float | None = None
    unit: str | None = None
    sign: int | None = None  # offsets: -1 before, +1 after
    from_anchor: bool = False  # offsets and anchored days count from the last date mentioned
    relday: int | None = None
    anchorday: int | None = None
    decade: int | None = None
    century: int | None = None
    holiday: str | None = None
    vague: str | None = None
    hour: int | None = None
    minute: int | None = None
    this: bool = False
    there: bool = False  # "ce soir-là": the anchor's day, not the publication day
    coming: bool = False
    of_event: bool = False  # "la veille du scrutin": relative to an event, not to a date


@dataclass(slots=True)
class Candidate:
    """One rule's match: the span of the expression and what it reads as."""

    rule: Rule
    start: int
    end: int
    text: str
    reading: Reading
    groups: dict[str, str] = field(default_factory=dict)
    companion: Candidate | None = None  # the first day of a range, emitted beside it


@dataclass(frozen=True)
class Grammar:
    """A language's temporal vocabulary and compiled rules."""

    tables: dict[str, dict[str, Any]]
    rules: tuple[Rule, ...]
    triggers: dict[str, frozenset[str]]  # a word of each form of a table, lowercase
    blockers: tuple[re.Pattern[str], ...]
    multipliers: frozenset[int]
    age_before: re.Pattern[str]
    age_apposition: re.Pattern[str]
    age_after: re.Pattern[str]
    cues: re.Pattern[str]
    count_before: re.Pattern[str]
    durative_nouns: frozenset[str]
    future_participles: frozenset[str]
    future_governors: frozenset[str]
    past_governors: frozenset[str]
    future_endings: tuple[str, ...]
    conditional_endings: tuple[str, ...]
    future_stems: dict[str, str]
    etre_verbs: frozenset[str]
    simple_past: dict[str, tuple[str, ...]]

    def lookup(self, group: str, text: str) -> Any:
        """The meaning of a captured form, from the tables that group reads."""
        key = normalise(text)
        for table in GROUP_TABLES.get(group, (group,)):
            values = self.tables.get(table, {})
            if key in values:
                return values[key]
        return None

    def future_form(self, form: str, lemma: str) -> str | None:
        """ "Fut", "Cnd" or "Past" when `form` is a future, conditional or simple past of
        `lemma` by its ending, else None."""
        form, lemma = form.lower(), lemma.lower()
        stems = {self.future_stems.get(lemma, lemma), lemma[:-1] if lemma.endswith("e") else lemma}
        for mood, endings in (("Cnd", self.conditional_endings), ("Fut", self.future_endings)):
            for ending in endings:
                if form.endswith(ending) and form[: -len(ending)] in stems:
                    return mood
        for infinitive, endings in self.simple_past.items():
            if lemma.endswith(infinitive):
                stem = lemma[: -len(infinitive)]
                if any(form == stem + ending for ending in endings):
                    return "Past"
        return None

    def cue(self, before: str) -> int | None:
        """Direction fixed by a cue word ending `before` ("depuis" -> -1), else None."""
        match = self.cues.search(before)
        if not match:
            return None
        value = self.tables["cues"].get(normalise(match.group(1)))
        return int(value) if value is not None else None

    # -- matching -------------------------------------------------------------------------
    def candidates(self, text: str, *, everywhere: bool = False) -> list[Candidate]:
        """Every expression some rule finds in `text`, minus blocked and unreadable ones.

        Each rule is tried only around its trigger words, unless `everywhere` (slower, and the
        same: tests hold the two to it)."""
        words = None if everywhere else _word_positions(text)
        whole = [(0, len(text))]
        windows: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        found = []
        for rule in self.rules:
            if not rule.triggers or words is None:
                spans = whole
            elif rule.triggers in windows:
                spans = windows[rule.triggers]
            else:
                spans = windows[rule.triggers] = self._windows(rule.triggers, words, len(text))
            for match in _matches(rule.regex, text, spans):
                candidate = self._candidate(rule, match, text)
                if candidate is not None:
                    found.append(candidate)
        if not found:
            return found
        # A blocker ("Journal du dimanche") overlapping an expression starts near it.
        near = (
            whole
            if words is None
            else _merged(
                (max(0, c.start - _REACH), c.end) for c in sorted(found, key=lambda c: c.start)
            )
        )
        blocked = [(m.start(), m.end()) for b in self.blockers for m in _matches(b, text, near)]
        return [c for c in found if not any(s < c.end and c.start < e for s, e in blocked)]

    def _windows(
        self, tables: tuple[str, ...], words: dict[str, list[int]], length: int
    ) -> list[tuple[int, int]]:
        """Where matches may start: the stretches before the words of a form of `tables`, merged.

        Scanning the whole text with each of the rules was most of the component's time; a
        rule cannot match without one of its trigger forms, and no expression is as long as
        `_REACH`, so every match of the whole text starts in a stretch and is found there alike
        (lookbehinds see the text before a stretch, and the scan reads `_REACH` past it)."""
        positions = sorted(
            position
            for table in tables
            for word in self.triggers[table]
            for position in words.get(word, ())
        )
        return _merged((max(0, p - _REACH), min(length, p + 1)) for p in positions)

    def _candidate(self, rule: Rule, match: re.Match[str], text: str) -> Candidate | None:
        groups = {name: value for name, value in match.groupdict().items() if value is not None}
        start, end = match.span()
        if "pre" in groups and match.start("pre") == start:
            start = match.end("pre")
            while start < end and text[start].isspace():
                start += 1
        if start >= end:
            return None
        if rule.needs and not any(name in groups for name in rule.needs):
            forms = {normalise(groups[name]) for name in groups}
            if not rule.ambiguous or forms & rule.ambiguous:
                return None
        if rule.kind in ("duration", "offset") and self._is_age(text, start, end, groups):
            return None
        reading = self.read(rule.kind, groups)
        if reading is None:
            return None
        if "day0" in groups:
            # "les 12 et 13 janvier": two dates; the first takes its month from the second.
            first = Reading(**{name: getattr(reading, name) for name in Reading.__slots__})
            first.day = self._day(groups["day0"])
            first.part = first.hour = first.minute = None
            if not self._valid(first):
                return None
            day_start = match.start("day")
            return Candidate(
                rule,
                day_start,
                end,
                text[day_start:end],
                reading,
                groups,
                Candidate(
                    rule, start, match.end("day0"), text[start : match.end("day0")], first, groups
                ),
            )
        return Candidate(rule, start, end, text[start:end], reading, groups)

    def _is_age(self, text: str, start: int, end: int, groups: dict[str, str]) -> bool:
        """A number of years that is somebody's age ("âgé de 57 ans", "Joël, 66 ans,")."""
        unit = self.lookup("unit", groups.get("unit", ""))
        if unit != "Y" or "ago" in groups or "later" in groups:
            return False
        if "amount" not in groups and "approx_number" not in groups:
            return False
        before = text[max(0, start - 60) : start]
        if self.age_before.search(before):
            return True
        return bool(self.age_apposition.search(before) and self.age_after.match(text[end:]))

    # -- reading --------------------------------------------------------------------------
    def number(self, text: str) -> float | None:
        """A number written in figures or words ("18", "1,5", "dix-huit", "vingt et un")."""
        text = normalise(text)
        if re.fullmatch(r"\d+(?:[.,]\d+)?", text):
            return float(text.replace(",", "."))
        numerals = self.tables["numeral"]
        words = re.split(r"[\s-]+", text)
        values: list[int] = []
        position = 0
        while position < len(words):
            # Longest compound first: "quatre-vingt" is one numeral, not four times twenty.
            for size in (2, 1):
                key = "-".join(words[position : position + size])
                if key in numerals:
                    values.append(int(numerals[key]))
                    position += size
                    break
            else:
                if words[position] != "et":
                    return None
                position += 1
        return float(timeline.compose_number(values, self.multipliers)) if values else None

    def read(self, kind: str, groups: dict[str, str]) -> Reading | None:
        """What the captured groups say; None when they make no valid expression."""
        reading = Reading(kind=kind)
        get = groups.get
        if "year" in groups:
            digits = groups["year"]
            year = int(digits)
            if len(digits) == 2:
                year += 1900 if year >= 30 else 2000
            reading.year = year
        if "month" in groups:
            reading.month = self.lookup("month", groups["month"])
        elif "monthnum" in groups:
            reading.month = int(groups["monthnum"])
        if "day" in groups:
            reading.day = self._day(groups["day"])
        for name in ("weekday", "shift", "anchor_shift", "bound", "season", "relday", "anchorday"):
            if name in groups:
                value = self.lookup(name, groups[name])
                setattr(reading, name, value)
        if reading.anchorday is None and "anchorday" in groups:
            reading.anchorday = 0
        part = get("part") or get("partpre")
        if part:
            reading.part = self.lookup("part", part)
        if "hour" in groups:
            reading.hour = int(groups["hour"])
            reading.minute = int(get("minute") or 0)
            if kind == "time" and (reading.hour > 24 or (reading.hour == 24 and reading.minute)):
                return None
        reading.this = "this" in groups
        reading.there = "there" in groups
        reading.coming = "coming" in groups
        reading.of_event = "of_event" in groups
        if "unit" in groups:
            reading.unit = self.lookup("unit", groups["unit"])
        if not self._read_amount(reading, groups):
            return None
        if "ago" in groups:
            reading.sign = int(self.lookup("ago", groups["ago"]))
        elif "later" in groups:
            reading.sign = int(self.lookup("later", groups["later"]))
            reading.from_anchor = True
        if "decade" in groups:
            reading.decade = self._decade(groups["decade"])
            if reading.decade is None:
                return None
        if "century" in groups:
            text = groups["century"]
            reading.century = (
                int(text)
                if text.isdigit()
                else timeline.roman_to_int(text) or self.lookup("ordinal", text)
            )
            if not reading.century:
                return None
        if "quarter" in groups:
            index = self.lookup("ordinal", get("ordinal", ""))
            months = self.lookup("quarter", groups["quarter"])
            if not index or not months or index > 12 // int(months):
                return None
            reading.quarter = (int(index), int(months))
        if "holiday" in groups:
            reading.holiday = self.lookup("holiday", groups["holiday"])
        if "vague" in groups:
            reading.vague = self.lookup("vague", groups["vague"])
        return reading if self._valid(reading) else None

    def _read_amount(self, reading: Reading, groups: dict[str, str]) -> bool:
        """Fill the quantity of a duration or offset; False when its number is unreadable."""
        if "amount" in groups:
            amount = self.number(groups["amount"])
            if amount is None:
                return False
            if "fraction_pre" in groups:  # "un demi-siècle": half of one century
                amount *= float(self.lookup("fraction", groups["fraction_pre"]))
            reading.amount = amount
        elif "approx_number" in groups:
            reading.amount = float(self.lookup("approx_number", groups["approx_number"]))
        elif "some" in groups:
            reading.amount = None
        if "fraction" in groups and reading.amount is not None:
            reading.amount += float(self.lookup("fraction", groups["fraction"]))
        return True

    def _day(self, text: str) -> int | None:
        digits = re.match(r"\d+", text)
        if digits:
            return int(digits.group())
        value = self.lookup("ordinal", text)
        return int(value) if value else None

    def _decade(self, text: str) -> int | None:
        value = self.number(text)
        if value is None or value != int(value):
            return None
        first = int(value)
        if first < 100:
            first += 1900
        return first if first % 10 == 0 and 1000 <= first <= 2090 else None

    @staticmethod
    def _valid(reading: Reading) -> bool:
        if reading.month is not None and not 1 <= reading.month <= 12:
            return False
        if reading.day is not None:
            if not 1 <= reading.day <= 31:
                return False
            if reading.month is not None:
                # The day must exist in that month: in a leap year when the year is unknown.
                year = reading.year if reading.year is not None else 2000
                try:
                    dt.date(year, reading.month, reading.day)
                except ValueError:
                    return False
        if (
            reading.kind in ("duration", "offset", "set")
            and reading.unit is None
            and (reading.weekday is None)
        ):
            return False
        return not (reading.kind == "duration" and reading.amount == 0)


# -- loading -------------------------------------------------------------------------------
# Characters before a trigger word within which a rule's match must start, and read after the
# last start: longer than any expression with the context its lookarounds read (the longest in
# the development corpus has 32 characters).
_REACH = 120
_WORD = re.compile(r"\w+")
# The trigger of rules that cannot match without a figure (clock times, years, numeric dates).
DIGITS = "digits"
_DIGITS_KEY = "#digits"  # where figures are among the words: no word has "#"
_DIGITS = re.compile(r"\d+")


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted by start, overlapping ones joined."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _matches(
    regex: re.Pattern[str], text: str, spans: list[tuple[int, int]]
) -> Iterator[re.Match[str]]:
    """The matches of a whole-text scan that start within `spans` (sorted, disjoint): each
    stretch is scanned on `_REACH` past its end for a match and its lookaheads to be read
    whole, and a match running into the next stretch is not found twice."""
    resume = 0
    for start, end in spans:
        for match in regex.finditer(text, max(start, resume), min(len(text), end + _REACH)):
            if match.start() >= end:
                break
            resume = match.end()
            yield match


def _key_word(form: str) -> str:
    """The longest word of a form: every match of the form has it, and long words are rare."""
    return max(_WORD.findall(form), key=len, default=form)


def _word_positions(text: str) -> dict[str, list[int]] | None:
    """Where each word of `text` starts, by its lowercase form; None when lowercasing moves
    characters (rare letters such as "İ"), where offsets would not match the text."""
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):
        return None
    positions: dict[str, list[int]] = {}
    for match in _WORD.finditer(lowered):
        positions.setdefault(match.group(), []).append(match.start())
    positions[_DIGITS_KEY] = [match.start() for match in _DIGITS.finditer(text)]
    return positions


def _alternation(forms: list[str]) -> str:
    """A regex matching any of `forms` as whole words, longest first."""
    parts = []
    for form in sorted(forms, key=len, reverse=True):
        pattern = "".join(
            "['’]" if char in APOSTROPHES else r"\s+" if char == " " else re.escape(char)
            for char in form
        )
        parts.append(pattern)
    return r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)"


def _expand(
    pattern: str,
    alternations: dict[str, str],
    fragments: dict[str, str],
    seen: tuple[str, ...] = (),
) -> str:
    """Replace placeholders by regexes: lexicon alternations as they are, fragments expanded."""
    pattern = pattern.replace("'", "['’]")

    def replace(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(3)
        if name in fragments:
            if name in seen:
                raise DataError(f"{DATA_FILE}: fragment {name!r} refers to itself")
            body = _expand(fragments[name], alternations, fragments, (*seen, name))
        elif name in alternations:
            body = alternations[name]
        else:
            raise DataError(f"{DATA_FILE}: unknown table or fragment <{name}> in a pattern")
        if match.group(3) is not None or match.group(2) == "":
            return f"(?:{body})"
        return f"(?P<{match.group(2) or name}>{body})"

    return PLACEHOLDER.sub(replace, pattern)


def _strings(data: dict[str, Any], section: str, key: str) -> frozenset[str]:
    values = data.get(section, {}).get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise DataError(f"{DATA_FILE}: [{section}] {key} must be a list of strings")
    return frozenset(values)


@cache
def load_grammar(lang: str = "fr") -> Grammar:
    """Compile a language's timex data (once per process)."""
    data = read_toml(lang, DATA_FILE)
    try:
        tables = {
            name: {normalise(form): value for form, value in table.items()}
            for name, table in data["lexicon"].items()
        }
        tables["cues"] = {normalise(form): value for form, value in data["cues"].items()}
        tense = data["tense"]
        fragments = dict(data["fragments"])
        raw_rules = data["rules"]
    except KeyError as err:
        raise DataError(f"lang/{lang}/{DATA_FILE} lacks the section {err}") from err
    alternations = {name: _alternation(list(table)) for name, table in tables.items()}
    rules = []
    for index, raw in enumerate(raw_rules):
        name = raw.get("name", f"rule {index}")
        if raw.get("kind") not in KINDS:
            raise DataError(f"{DATA_FILE}: rule {name!r} has unknown kind {raw.get('kind')!r}")
        try:
            # Every expression starts at a word boundary, whatever its first alternative.
            pattern = "(?<!\\w)(?:" + _expand(raw["pattern"], alternations, fragments) + ")"
            regex = re.compile(pattern, re.IGNORECASE)
        except (KeyError, re.error) as err:
            raise DataError(f"{DATA_FILE}: rule {name!r} has a bad pattern: {err}") from err
        rules.append(
            Rule(
                name=name,
                kind=raw["kind"],
                regex=regex,
                needs=tuple(raw.get("needs", ())),
                ambiguous=frozenset(normalise(form) for form in raw.get("ambiguous", ())),
                index=index,
                triggers=tuple(raw.get("trigger", ())),
            )
        )
        unknown = set(rules[-1].triggers) - set(tables) - {DIGITS}
        if unknown:
            raise DataError(f"{DATA_FILE}: rule {name!r} is triggered by unknown tables {unknown}")
    try:
        blockers = tuple(re.compile(p) for p in data.get("blockers", {}).get("patterns", []))
        age = data["age"]
        age_before = re.compile(age["before"].replace("'", "['’]"), re.IGNORECASE)
        age_apposition = re.compile(age["apposition"])
        age_after = re.compile(age["apposition_after"])
        count_before = re.compile(data["counts"]["before"].replace("'", "['’]"), re.IGNORECASE)
    except (KeyError, re.error) as err:
        raise DataError(f"{DATA_FILE}: bad [blockers] or [age] entry: {err}") from err
    cue_forms = _alternation(list(tables["cues"]))
    multipliers = frozenset(
        int(tables["numeral"][normalise(word)])
        for word in data.get("numbers", {}).get("multipliers", [])
    )
    return Grammar(
        tables=tables,
        rules=tuple(rules),
        # A word of each form is enough to tell where a rule may match.
        triggers={
            name: frozenset(_key_word(form) for form in table) for name, table in tables.items()
        }
        | {DIGITS: frozenset({_DIGITS_KEY})},
        blockers=blockers,
        multipliers=multipliers,
        age_before=age_before,
        age_apposition=age_apposition,
        age_after=age_after,
        cues=re.compile(f"({cue_forms})\\s*$", re.IGNORECASE),
        count_before=count_before,
        durative_nouns=_strings(data, "durative", "nouns"),
        future_endings=tuple(
            sorted(_strings(data, "tense", "future_endings"), key=len, reverse=True)
        ),
        conditional_endings=tuple(
            sorted(_strings(data, "tense", "conditional_endings"), key=len, reverse=True)
        ),
        future_stems={str(k): str(v) for k, v in tense.get("future_stems", {}).items()},
        etre_verbs=_strings(data, "tense", "etre_verbs"),
        simple_past={str(k): tuple(v) for k, v in tense.get("simple_past", {}).items()},
        future_participles=_strings(data, "tense", "future_participles"),
        future_governors=_strings(data, "tense", "future_governors"),
        past_governors=_strings(data, "tense", "past_governors"),
    )

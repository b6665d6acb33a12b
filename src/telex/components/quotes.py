"""Finds direct, partial and indirect quotes and attributes each to its speaker.

Rule-based, in the tradition of quotation attribution for news (Pouliquen et al. 2007; Krestel
et al. 2008; textacy's `direct_quotations`): quotation marks are paired by one linear scan of
the text, verbs of saying are matched by lemma, and the speaker is the subject of the verb that
governs the quote, the inverted subject of an incise (`», a relevé M. Le Drian`), or the source
of a `selon`-type phrase. Speakers named by a pronoun or a role ("il", "le procureur") resolve
to the most recent compatible person. Every French word the rules use lives in `lang/fr/quote_*`.

Kinds (shared/SCHEMA.md): `direct`, a whole statement in marks; `partial`, a quoted fragment
inside the writer's sentence; `indirect`, reported speech without marks, whose text is the
reported content ("X a affirmé que <content>", "selon X, <content>", "<content>, a indiqué X").
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache

from spacy.attrs import DEP, IDX, IS_ALPHA, IS_PUNCT, IS_SPACE, LENGTH, LIKE_NUM, POS
from spacy.language import Language
from spacy.parts_of_speech import VERB as VERB_POS
from spacy.tokens import Doc, Span, Token

from telex.extensions import doc_text
from telex.lang import read_list, read_table
from telex.names import role_words, titles
from telex.schema import Entity, Quote

LOGGER = logging.getLogger(__name__)

# Longest speaker phrase, in tokens.
MAX_SPEAKER_TOKENS = 25
# Sentences back in which a pronoun or a role phrase looks for its person.
SALIENCE_WINDOW = 3
# A short verbless quoted phrase quoted this often, or written this often, is a name or a term
# ("gilets jaunes"), not something said.
TERM_MAX_WORDS = 4
TERM_MIN_QUOTED = 2
TERM_MIN_WRITTEN = 4
# An indirect quote needs this many words, mostly outside quotation marks.
INDIRECT_MIN_WORDS = 3
INDIRECT_MAX_MARKED_SHARE = 0.6
# How far ahead a quote left open at the end of a paragraph may find its closing mark.
CONTINUATION_CHARS = 1500

_DE = frozenset({"de", "d'", "d’", "du", "des"})
_AUX_LEMMAS = frozenset({"avoir", "être", "pouvoir", "vouloir", "devoir"})
_NOMINAL = ("NOUN", "PROPN", "X")


# --------------------------------------------------------------------------- language data


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """What telex_quotes knows about one language, loaded from `lang/<code>/quote_*` files."""

    marks: Mapping[str, frozenset[str]]
    cues: Mapping[str, frozenset[str]]
    cue_phrases: Mapping[tuple[str, str], frozenset[str]]
    frames: Mapping[tuple[str, ...], str]
    channels: frozenset[str]
    channel_prepositions: frozenset[str]
    pronouns: Mapping[str, tuple[str, str]]
    titles: Mapping[str, str]
    roles: frozenset[str]
    institutions: frozenset[str]
    source_nouns: frozenset[str]
    naming: frozenset[str]
    connectors: tuple[tuple[str, ...], ...]
    new_speaker: tuple[tuple[str, ...], ...]
    time_words: frozenset[str]
    verb_endings: tuple[tuple[str, str], ...]
    closers: frozenset[str]
    frame_starts: frozenset[str]  # first words of the frames: look further only there


def _contents(value: str) -> frozenset[str]:
    return frozenset(v.strip() for v in value.split(",") if v.strip() not in ("", "-"))


def _phrases(lang: str, name: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries of a list, longest first so that matching prefers them."""
    return tuple(sorted((tuple(p.split()) for p in read_list(lang, name)), key=len, reverse=True))


@cache
def load_lexicon(lang: str = "fr") -> QuoteLexicon:
    """Load the quote lexicon of a language (once)."""
    marks: dict[str, set[str]] = {}
    for row in read_table(lang, "quote_marks.tsv"):
        marks.setdefault(row["open"], set()).add(row["close"])
    frames = {  # longest first: "selon laquelle" before "selon"
        tuple(r["phrase"].split()): r["needs"]
        for r in sorted(
            read_table(lang, "quote_frames.tsv"), key=lambda r: -len(r["phrase"].split())
        )
    }
    return QuoteLexicon(
        marks={k: frozenset(v) for k, v in marks.items()},
        cues={r["lemma"]: _contents(r["content"]) for r in read_table(lang, "quote_cues.tsv")},
        cue_phrases={
            (r["verb"], r["word"]): _contents(r["content"])
            for r in read_table(lang, "quote_cue_phrases.tsv")
        },
        frames=frames,
        channels=frozenset(read_list(lang, "quote_channels.txt")),
        channel_prepositions=frozenset(read_list(lang, "quote_channel_prepositions.txt")),
        pronouns={
            r["pronoun"]: (r["gender"], r["number"]) for r in read_table(lang, "quote_pronouns.tsv")
        },
        # the entity component's titles and role nouns, plus the nouns that name a person by
        # description ("un voisin", "la victime"), lower case as the component compares them
        titles={title.lower(): gender for title, gender in titles(lang).items()},
        roles=frozenset(role_words(lang)) | frozenset(read_list(lang, "quote_person_nouns.txt")),
        institutions=frozenset(read_list(lang, "quote_institutions.txt")),
        source_nouns=frozenset(read_list(lang, "quote_source_nouns.txt")),
        naming=frozenset(read_list(lang, "quote_naming.txt")),
        connectors=_phrases(lang, "quote_connectors.txt"),
        new_speaker=_phrases(lang, "quote_new_speaker.txt"),
        time_words=frozenset(read_list(lang, "quote_time_words.txt")),
        verb_endings=tuple(
            (r["ending"], r["lemma"]) for r in read_table(lang, "quote_verb_endings.tsv")
        ),
        closers=frozenset(c for closes in marks.values() for c in closes),
        frame_starts=frozenset(phrase[0] for phrase in frames),
    )


# --------------------------------------------------------------------------- quotation marks


@dataclass(frozen=True, slots=True)
class Marked:
    """Text between a pair of quotation marks: offsets of the content, marks excluded."""

    start: int
    end: int
    open_at: int = -1
    """Offset of the opening mark; -1 when it is missing and the start was inferred."""
    close_at: int = -1
    """Offset of the closing mark; -1 when it is missing and the end was inferred."""


@dataclass(slots=True)
class _Open:
    char: str
    pos: int
    accepts: frozenset[str]  # the marks that close it
    inner_close: int = -1  # offset of the last mark that closed a quote nested in this one


def _opens(text: str, i: int) -> bool | None:
    """Whether a mark that is its own pair (") opens here (True), closes (False), or either."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    can_open = (before.isspace() or before in "([{—–-:;,'’«/") and not after.isspace()
    can_close = not before.isspace() and (after.isspace() or after in ".,;:!?)]}…»'’-–—/")
    return can_open if can_open != can_close else None


def _sentence_start_before(text: str, i: int, floor: int) -> int:
    """Start of the sentence that ends at offset i, not before `floor`."""
    j = i - 1
    while j > floor and not (text[j] in ".!?" and text[j + 1].isspace()):
        j -= 1
    return max(j + 1, floor)


def find_marked(text: str, marks: Mapping[str, frozenset[str]]) -> list[Marked]:
    """Pair the quotation marks of a text in one pass and return the outermost quoted spans.

    Handles nested quotes (only the outer one is returned), marks that are their own pair
    (`"`, decided by the spacing around them), quotes that run over several paragraphs
    (reopened at each paragraph in the French way, or closed further on), a missing closing
    mark (the quote ends with its paragraph) and a missing opening mark (the quote starts
    with its sentence).
    """
    closers = frozenset(c for closes in marks.values() for c in closes)
    found: list[Marked] = []
    stack: list[_Open] = []
    skip: set[int] = set()
    para_start = 0
    floor = 0  # no inferred quote starts before the end of the previous one

    def emit(start: int, end: int, open_at: int, close_at: int) -> None:
        nonlocal floor
        # spaces, and a comma or colon a misplaced mark left at an edge, are not quoted words
        while start < end and (text[start].isspace() or text[start] in ",;:"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
            end -= 1
        if end > start:
            found.append(Marked(start, end, open_at, close_at))
        floor = max(floor, end)

    def continues(i: int) -> bool:
        """An open quote at a paragraph end goes on: reopened, or closed further on."""
        j = i
        while j < len(text) and text[j].isspace():
            j += 1
        if len(stack) != 1 or j >= len(text):
            return False
        opener = stack[0].char
        symmetric = opener in stack[0].accepts
        if text[j] == opener and not symmetric:
            skip.add(j)  # « ... ¶ « ... »: the French way
            return True
        window = text[j : j + CONTINUATION_CHARS]
        close = min((window.find(c) for c in stack[0].accepts if c in window), default=-1)
        reopen = window.find(opener)
        return not symmetric and close >= 0 and (reopen < 0 or close < reopen)

    def end_paragraph(end: int) -> None:
        if not stack:
            return
        bottom = stack[0]
        if bottom.inner_close > bottom.pos and bottom.char in bottom.accepts:
            # `"a "b c", dit-il`: the inner mark was a stray; the last close ends the quote
            emit(bottom.pos + 1, bottom.inner_close, bottom.pos, bottom.inner_close)
        else:
            emit(bottom.pos + 1, end, bottom.pos, -1)
        stack.clear()

    for i, ch in enumerate(text):
        if ch == "\n":
            if stack and not continues(i):
                end_paragraph(i)
            para_start = i + 1
            continue
        if i in skip or (ch not in marks and ch not in closers):
            continue
        opens: bool | None
        if ch in marks and ch in closers:
            if ch in marks[ch]:  # "
                opens = _opens(text, i)
                if opens is None:
                    opens = not any(o.char == ch for o in stack)
            else:  # “ closes „ and opens otherwise
                opens = not (stack and ch in stack[-1].accepts)
        elif ch in closers and not stack and i + 1 < len(text) and text[i + 1].isalnum():
            opens = bool(_opens(text, i))  # a closing mark written as an opening one: l’”agri
        else:
            opens = ch in marks
        if opens:
            stack.append(_Open(ch, i, marks.get(ch, closers)))
            continue
        depth = next((k for k in range(len(stack) - 1, -1, -1) if ch in stack[k].accepts), -1)
        if depth < 0 and stack:
            depth = len(stack) - 1  # mismatched marks: « ... ” closes what is open
        if depth < 0:
            emit(_sentence_start_before(text, i, max(para_start, floor)), i, -1, i)
            continue
        opened = stack[depth]
        del stack[depth:]
        if stack:
            stack[-1].inner_close = i
        else:
            emit(opened.pos + 1, i, opened.pos, i)
    end_paragraph(len(text))
    found.sort(key=lambda m: m.start)
    return found


# --------------------------------------------------------------------------- records


@dataclass(slots=True)
class _Who:
    """A speaker as resolved: an entity, or a description of somebody unnamed, or nobody."""

    entity: str | None = None
    name: str | None = None
    gender: str = "-"  # m, f, - (unknown)
    number: str = "s"  # s, p, - (either: an organisation)
    person: bool = False


@dataclass(slots=True)
class _Referent:
    """Somebody a later pronoun or role phrase may point back to."""

    pos: int
    sent: int
    who: _Who
    kind: str  # mention, subject (of any verb) or speaker (of a verb of saying)


@dataclass(slots=True)
class _Role:
    head: str
    qualifiers: frozenset[str]
    gender: str
    body: bool = False  # an institution ("le ministère", "ce mouvement"), not a person


@dataclass(slots=True)
class _Frame:
    """An attribution: a cue (verb of saying or `selon`-type phrase) and who it names."""

    kind: str  # verb (X a dit), incise (a dit X), source (selon X, pour X), subject
    cue: Token
    cue_start: int  # token range of the cue
    cue_end: int
    speaker: tuple[int, int] | None  # token range of the speaker phrase
    sent: int
    cue_text: str = ""
    who: _Who = field(default_factory=_Who)
    contents: frozenset[str] = frozenset()
    via: str | None = None
    after_quote: bool = False  # an incise right after a closing mark
    opens: int = -1  # first token of the attribution (an incise's comma excluded)
    content_at: int = -1  # where what it frames begins, when that is known from the cue

    def __post_init__(self) -> None:
        if self.opens < 0:
            self.opens = self.cue_start


@dataclass(slots=True)
class _Found:
    start: int
    end: int
    kind: str
    who: _Who = field(default_factory=_Who)
    cue: str | None = None
    via: str | None = None
    governed: bool = False  # by a verb of saying before it: "a dénoncé les propos « … »"


# --------------------------------------------------------------------------- the reader


class _Reader:
    """One document as the attribution rules see it: tokens, marks, entities and referents."""

    def __init__(self, doc: Doc, lex: QuoteLexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        # token attributes as plain lists: the rules look at every token, and spaCy builds a
        # Token object on each `doc[i]`
        table = doc.to_array([IDX, LENGTH, POS, IS_PUNCT, IS_SPACE, IS_ALPHA, LIKE_NUM, DEP])
        table = table.tolist()
        text = self.text
        self.words = [text[row[0] : row[0] + row[1]] for row in table]
        self.lows = [w.lower().replace("’", "'") for w in self.words]
        self.starts = [row[0] for row in table]
        self.verbs = [row[2] == VERB_POS for row in table]
        self.skippable = [bool(row[3] or row[4]) for row in table]
        self.wordlike = [bool(row[5] or row[6]) for row in table]
        subject_deps = {doc.vocab.strings.add("nsubj"), doc.vocab.strings.add("nsubj:pass")}
        self.subjects = [i for i, row in enumerate(table) if row[7] in subject_deps]
        self.frame_starts = lex.frame_starts
        self.entities: dict[str, Entity] = {e.id: e for e in doc._.get("entities") or []}
        self.index: dict[int, str] = dict(doc._.get("entity_index") or {})
        self.sents: list[Span] = list(doc.sents)
        self.sent_of = [0] * len(doc)
        for k, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_of[i] = k
        self.time_tokens: set[int] = set()
        for timex in doc._.get("timexes") or []:
            for i in range(self.tok_at(timex.start), self.tok_at(timex.end - 1) + 1):
                self.time_tokens.add(i)
        self.roles: dict[str, list[_Role]] = {}
        self.gender: dict[str, str] = {}
        self.personlike: set[str] = set()
        self.referents: list[_Referent] = []
        self.last_source: _Who | None = None
        self.in_quote = bytearray(len(doc))
        self.marked: list[Marked] = []
        for m in find_marked(self.text, lex.marks):
            self.marked.extend(self._split_incise(m))
        self.closing: set[int] = set()
        for m in self.marked:
            for i in range(self.tok_at(m.start), self.tok_at(m.end - 1) + 1):
                self.in_quote[i] = 1
            if m.close_at >= 0:
                self.closing.add(self.tok_at(m.close_at))
        self._stems: list[str] | None = None
        self._stem_index: dict[str, list[int]] = {}
        self._quoted_keys: dict[tuple[str, ...], int] = {}
        self._learn_entities()

    def stems(self) -> tuple[list[str], dict[str, list[int]], dict[tuple[str, ...], int]]:
        """Word stems, where each is written, and how often each quoted phrase is quoted alone:
        to count how often a phrase occurs ("gilet jaune" ~ "Gilets jaunes"). Built on demand."""
        if self._stems is None:
            self._stems = [
                _stem(w) if ok else "" for w, ok in zip(self.words, self.wordlike, strict=True)
            ]
            for i, stem in enumerate(self._stems):
                if stem:
                    self._stem_index.setdefault(stem, []).append(i)
            for m in self.marked:
                a, b = self.tok_at(m.start), self.tok_at(m.end - 1) + 1
                key = tuple(self._stems[i] for i in range(a, b) if self._stems[i])
                self._quoted_keys[key] = self._quoted_keys.get(key, 0) + 1
        return self._stems, self._stem_index, self._quoted_keys

    def _split_incise(self, m: Marked) -> list[Marked]:
        """A quote whose writer forgot to close and reopen the marks around an incise:
        ""A tous ceux…, a dit à l'AFP Céline, une Toulousaine. C'est une immense colère…"" is
        two quotes around ", a dit … Céline …."."""
        doc = self.doc
        a, b = self.tok_at(m.start), self.tok_at(m.end - 1) + 1
        for k in range(a + 1, b - 3):
            if self.lows[k] != ",":
                continue
            group = _incise_verb(self, k + 1, b)
            if group is None:
                continue
            verb, _, end = group
            compound = any(doc[j].pos_ == "AUX" for j in range(k + 1, verb.i))
            if not compound and not any(self.is_clitic_subject(j) for j in range(k + 1, end)):
                continue
            speaker = _speaker_after(self, end, b)
            if speaker is None or not self.personish(*speaker):
                continue
            stop = next((j for j in range(speaker[1], b) if doc[j].text in (".", "!", "?")), b)
            if stop + 1 >= b or len(_words(self, stop + 1, b)) < INDIRECT_MIN_WORDS:
                continue
            rest = Marked(doc[stop + 1].idx, m.end, -1, m.close_at)
            return [Marked(m.start, doc[k].idx, m.open_at, doc[k].idx), *self._split_incise(rest)]
        return [m]

    # -- tokens -----------------------------------------------------------------------------
    def tok_at(self, char: int) -> int:
        """Index of the token that contains (or last starts before) a character offset."""
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def text_of(self, start: int, end: int) -> str:
        doc = self.doc
        return self.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]

    def low(self, i: int) -> str:
        return self.lows[i] if 0 <= i < len(self.lows) else ""

    def is_mark(self, i: int) -> bool:
        text = self.words[i]
        return text in self.lex.marks or text in self.lex.closers

    def pronoun(self, i: int) -> tuple[str, str] | None:
        """Gender and number of a pronoun that can name a speaker ("il", "-il", "-t-elle")."""
        word = self.low(i).lstrip("-")
        return self.lex.pronouns.get(word[2:] if word.startswith("t-") else word)

    def is_clitic_subject(self, i: int) -> bool:
        """The "-il" of "a-t-il", "-elle" of "souligne-t-elle"."""
        if not 0 <= i < len(self.doc) or self.pronoun(i) is None:
            return False
        # "-il", or "elles" written right after a hyphen token ("implorent-elles")
        return self.low(i).startswith("-") or (
            i > 0 and self.low(i - 1) == "-" and self.doc[i - 1].idx + 1 == self.doc[i].idx
        )

    def is_clitic_link(self, i: int) -> bool:
        return self.low(i) in ("-t", "-")

    def matches(self, i: int, phrase: tuple[str, ...]) -> bool:
        return self.lows[i : i + len(phrase)] == list(phrase)

    def cue_of(self, tok: Token) -> tuple[str, int] | None:
        """The cue of a verb of saying (lemma, or verb and word) and its last token, or None."""
        if tok.pos_ not in ("VERB", "NOUN", "ADJ", "AUX") or tok.is_punct:
            return None
        lemma = tok.lemma_.lower()
        for j in range(tok.i + 1, min(tok.i + 3, len(self.doc))):
            word = self.doc[j].lemma_.lower()
            if (lemma, word) in self.lex.cue_phrases:  # "fait savoir", "fait part de"
                return f"{lemma} {word}", j
            if self.doc[j].pos_ not in ("ADP", "ADV"):
                break
        if lemma in self.lex.cues:
            return lemma, tok.i
        # the model leaves some forms unlemmatised ("indique"): try the regular endings
        form = tok.lower_
        for ending, infinitive in self.lex.verb_endings:
            if form.endswith(ending) and len(form) > len(ending) + 2:
                guess = form[: -len(ending)] + infinitive
                if guess in self.lex.cues:
                    return guess, tok.i
        return None

    def contents_of(self, cue: str) -> frozenset[str]:
        if " " in cue:
            verb, word = cue.split(" ", 1)
            return self.lex.cue_phrases.get((verb, word), frozenset())
        return self.lex.cues.get(cue, frozenset())

    # -- entities ---------------------------------------------------------------------------
    def _learn_entities(self) -> None:
        """Gender, roles and person-likeness of each entity, from the words around its mentions.

        Works with any entity component: role phrases and titles found in the text, and the
        entity's own `role` and `aliases` when it has them."""
        for entity in self.entities.values():
            if entity.type == "PER":
                self.personlike.add(entity.id)
            for phrase in [entity.role or "", *entity.aliases]:
                role = self._role_of_words(phrase.split())
                if role:
                    self._add_role(entity.id, role)
            for mention in entity.mentions:
                first = self.tok_at(mention.start)
                last = self.tok_at(mention.end - 1)
                own = self.role_of(first, last + 1)  # "Premier ministre Charles Michel"
                name = last  # the name at the end, unless it is a complement ("de Lyon")
                while name > first and self.doc[name - 1].pos_ == "PROPN":
                    name -= 1
                named = self.doc[last].pos_ == "PROPN" and self.low(name - 1) not in _DE
                if own is not None and ((own.body and entity.type == "ORG") or named):
                    self._add_role(entity.id, own)  # or "la police de Bruxelles": a body
                for k in (first, first - 1):
                    title = self.lex.titles.get(self.low(k))
                    if title:
                        if title != "-":
                            self.gender.setdefault(entity.id, title)
                        self.personlike.add(entity.id)
                        break
                role = self._role_before(first)
                if role is None and (entity.type == "PER" or entity.id in self.personlike):
                    role = self._role_after(last + 1)  # "Caroline Tharot, procureure de ..."
                if role:
                    self._add_role(entity.id, role)
        for entity in self.entities.values():
            if entity.id in self.personlike:
                for mention in entity.mentions:
                    i = self.tok_at(mention.start)
                    if not self.in_quote[i]:
                        # "l'ancien ministre de François Mitterrand": not who a pronoun means
                        kind = "complement" if self.low(i - 1) in _DE else "mention"
                        who = self.who_of(entity.id)
                        self.referents.append(_Referent(mention.start, self.sent_of[i], who, kind))
        self.referents.sort(key=lambda r: r.pos)

    def _add_role(self, entity_id: str, role: _Role) -> None:
        self.roles.setdefault(entity_id, []).append(role)
        if not role.body:
            self.personlike.add(entity_id)
            if role.gender != "-":
                self.gender.setdefault(entity_id, role.gender)

    def _role_of_words(self, words: list[str]) -> _Role | None:
        lowered = [w.lower().replace("’", "'") for w in words]
        for k, word in enumerate(lowered):
            if word in self.lex.roles:
                quals = frozenset(_stem(w) for w in lowered[k + 1 :] if len(w) > 3)
                return _Role(word, quals, "-")
        return None

    def role_of(self, start: int, end: int) -> _Role | None:
        """The role named by tokens [start, end): "le ministre de l'Intérieur"."""
        doc = self.doc
        for k in range(start, end):
            tok = doc[k]
            lemma = tok.lemma_.lower()
            body = lemma in self.lex.institutions
            if tok.pos_ in ("NOUN", "ADJ", "PROPN") and (
                lemma in self.lex.roles or tok.lower_ in self.lex.roles or body
            ):
                first = k
                while first > start and doc[first - 1].pos_ in ("ADJ", "DET"):
                    first -= 1  # the role's own noun phrase: "le Premier ministre"
                quals = frozenset(
                    _stem(doc[j].lower_)
                    for j in range(first, end)
                    if j != k and doc[j].pos_ in ("NOUN", "ADJ", "PROPN") and len(doc[j].text) > 3
                )
                head = lemma if lemma in self.lex.roles or body else tok.lower_
                return _Role(head, quals, self.gender_of(k, first), body)
        return None

    def gender_of(self, head: int, start: int) -> str:
        """Gender of a noun phrase: its determiner's, else a feminine head noun's (the model
        guesses masculine for nouns of either gender, "porte-parole")."""
        doc = self.doc
        for k in range(start, head):
            genders = doc[k].morph.get("Gender", [])
            if doc[k].pos_ == "DET" and len(genders) == 1:
                return "f" if genders[0] == "Fem" else "m"
        if doc[head].morph.get("Gender", []) == ["Fem"] and doc[head].pos_ == "NOUN":
            return "f"
        return "-"

    def _role_before(self, first: int) -> _Role | None:
        """A role right before a name: "le secrétaire d'Etat américain, Antony Blinken"."""
        doc = self.doc
        j = first - 1
        if j < 0 or doc[j].lower_ in _DE or doc[j].pos_ == "DET":
            return None  # "le secrétaire d'Etat": a complement, not a name in apposition
        comma = doc[j].text == ","
        if comma:
            j -= 1
        end = j + 1
        while j >= 0 and first - j <= 10:
            tok = doc[j]
            if tok.pos_ not in ("NOUN", "ADJ", "DET", "PROPN") and tok.lower_ not in _DE:
                break
            if self.index.get(j) in self.personlike:
                break
            j -= 1
        if end <= j + 1:
            return None
        if comma:
            return self.role_of(j + 1, end)
        # without a comma the name goes with the noun the parser hangs it on: "le ministre de
        # l'Agriculture Didier Guillaume" (ministre), "la zone de police Bruxelles-Nord" (police)
        head = doc[first].head
        if head.i == first or not j < head.i < end:
            head = doc[end - 1]
        if self.role_of(head.i, head.i + 1) is None:
            return None
        start = head.left_edge.i if j < head.left_edge.i <= head.i else head.i
        return self.role_of(start, end)

    def _role_after(self, after: int) -> _Role | None:
        """A role in apposition after a name: "Caroline Tharot, procureure de ..."."""
        doc = self.doc
        if after >= len(doc) or doc[after].text != ",":
            return None
        j = after + 1
        end = j
        while end < len(doc) and end - j < 8:
            tok = doc[end]
            if tok.pos_ not in ("NOUN", "ADJ", "DET") and tok.lower_ not in _DE:
                break
            end += 1
        return self.role_of(j, end) if end > j else None

    def who_of(self, entity_id: str) -> _Who:
        entity = self.entities[entity_id]
        person = entity_id in self.personlike
        return _Who(
            entity=entity_id,
            name=entity.name,
            gender=self.gender.get(entity_id, "-"),
            number="-" if entity.type == "ORG" and not person else "s",  # "ils" for a party
            person=person,
        )

    def name_start(self, i: int) -> int:
        """First token of the entity mention token i belongs to (i itself otherwise)."""
        eid = self.index.get(i)
        while eid is not None and i > 0 and self.index.get(i - 1) == eid:
            i -= 1
        return i

    # -- phrases ----------------------------------------------------------------------------
    def np_extent(self, start: int, limit: int) -> int:
        """End of the noun phrase that starts at `start`: determiners, adjectives, nouns, names,
        `de` complements, a parenthesis, and a name in apposition after a comma."""
        doc = self.doc
        i = start
        has_name = has_noun = False
        named: str | None = None  # the entity the phrase names so far
        while i < limit:
            tok = doc[i]
            low = tok.lower_
            eid = self.index.get(i)
            if i > start and eid is not None and eid == self.index.get(i - 1):
                i += 1  # the pieces of one name: "Al-Mangoush"
                continue
            if eid is not None and eid in self.personlike:
                has_name = True
                named = named or eid
            if tok.text == "(":
                close = next((k for k in range(i + 1, min(i + 8, limit)) if doc[k].text == ")"), -1)
                if close < 0:
                    break
                i = close + 1
                continue
            if tok.text == ",":
                # "la porte-parole de la police, Ilse Van de keere": a name in apposition
                nxt = i + 1
                same = named is not None and nxt < limit and self.index.get(nxt) == named
                if same or (
                    not has_name
                    and has_noun
                    and nxt < limit
                    and (self.index.get(nxt) in self.personlike or doc[nxt].pos_ == "PROPN")
                ):
                    i = nxt
                    continue
                break
            if self.is_mark(i):
                i += 1  # ce « gilet jaune »: marks inside a description
                continue
            if low in ("a", "ont", "est", "sont", "avait", "était", "qui", "que", "dont"):
                break
            if (
                tok.pos_ in ("AUX", "VERB", "PRON", "CCONJ", "SCONJ", "ADV")
                and not (
                    tok.pos_ == "PRON" and not has_noun and low in ("l'une", "l’une", "un", "une")
                )
                and not (tok.pos_ == "VERB" and tok.dep_ == "amod")
            ):
                break
            if (
                tok.pos_ == "DET"
                and has_noun
                and self.low(i - 1) not in _DE
                and not (tok.ent_iob_ == "B" or self.index.get(i + 1) is not None)
            ):
                break  # "la presse le procureur": a new phrase ("le mouvement La France…" goes on)
            if tok.pos_ == "PRON" and (i == start or low in ("un", "une")):
                has_noun = True  # "l'un des organisateurs"
                i += 1
                continue
            if tok.pos_ in ("DET", "ADJ", "NUM", "PRON", "VERB") or low in self.lex.titles:
                i += 1
                continue
            if tok.pos_ in _NOMINAL:
                has_noun = True
                i += 1
                continue
            if (
                low in _DE
                and has_noun
                and i + 1 < limit
                and doc[i + 1].pos_ in ("DET", "NOUN", "PROPN", "ADJ", "NUM")
            ):
                i += 1
                continue
            break
        while i > start and (
            (doc[i - 1].is_punct and doc[i - 1].text != ")")
            or doc[i - 1].lower_ in _DE
            or self.is_mark(i - 1)
        ):
            i -= 1
        return i

    def skip_adjuncts(self, i: int, limit: int) -> int:
        """Skip adverbs, times and prepositional phrases: "à l'AFP", "mardi", "pour sa part"."""
        doc = self.doc
        while i < limit:
            tok = doc[i]
            if (
                tok.pos_ == "ADV"
                or i in self.time_tokens
                or tok.lemma_.lower() in self.lex.time_words
                or (tok.pos_ == "NUM" and i + 1 < limit and doc[i + 1].pos_ != "NOUN")
            ):
                i += 1
                continue
            if tok.pos_ == "DET":
                j = i + 1
                while j < limit and doc[j].like_num:
                    j += 1
                if j < limit and doc[j].lemma_.lower() in self.lex.time_words:
                    i = j + 1  # "ce samedi", "le 20 juin"
                    continue
            if tok.pos_ != "ADP" and tok.lower_ not in ("lors", "au", "aux"):
                return i
            j = i + 1
            while j < limit and (doc[j].pos_ == "ADP" or doc[j].lower_ in _DE):
                j += 1
            k = j
            begun = False
            while k < limit:
                t = doc[k]
                left = self.index.get(k - 1)
                channel = doc[k - 1].lemma_.lower() in self.lex.channels
                if begun and (
                    (t.ent_iob_ == "B" and not channel)  # but "son compte Twitter"
                    or t.pos_ == "DET"
                    or (left is not None and self.index.get(k) != left and not channel)
                    or (doc[k - 1].text.isupper() and t.text.istitle())
                ):
                    break  # "à l'AFP Benjamin Cauchy": a new phrase starts the subject
                if t.pos_ in ("DET", "ADJ", "NUM", "NOUN", "PROPN") or t.lower_ in _DE:
                    begun = begun or t.pos_ in ("NOUN", "PROPN", "NUM")
                    k += 1
                    continue
                break
            if k == j:
                return i
            i = k
        return i

    def head_noun(self, start: int, end: int) -> int | None:
        for k in range(start, end):
            if self.doc[k].pos_ in (*_NOMINAL, "PRON") or self.low(k) in self.lex.titles:
                return k
        # "un voisin" tagged as an adjective: the last adjective after a determiner
        if self.doc[start].pos_ == "DET":
            adjectives = [k for k in range(start + 1, end) if self.doc[k].pos_ == "ADJ"]
            return adjectives[-1] if adjectives else None
        return None

    def speakerish(self, start: int, end: int) -> bool:
        """Whether a phrase can name a speaker: a name, a role, a body, a source or a pronoun."""
        if any(i in self.index for i in range(start, end)):
            return True
        head = self.head_noun(start, end)
        if head is None:
            return False
        lemma = self.doc[head].lemma_.lower()
        return (
            self.pronoun(head) is not None
            or self.doc[head].pos_ == "PROPN"
            or lemma in self.lex.roles
            or self.doc[head].lower_ in self.lex.roles
            or lemma in self.lex.institutions
            or lemma in self.lex.source_nouns
        )

    def personish(self, start: int, end: int) -> bool:
        """Whether a phrase is headed by a person: a person's name, a title or a role."""
        head = self.head_noun(start, end)
        return head is not None and (
            self.index.get(head) in self.personlike
            or self.doc[head].pos_ == "PROPN"
            or self.low(head) in self.lex.titles
            or self.doc[head].lemma_.lower() in self.lex.roles
            or self.low(head) in self.lex.roles
        )

    # -- speakers ---------------------------------------------------------------------------
    def resolve(self, start: int, end: int, *, anaphoric: bool) -> _Who:
        """Who a speaker phrase names: an entity, a pronoun's or a role's antecedent, or an
        unnamed description. `anaphoric`: an inverted subject or a source, which in news
        writing usually refers back to a person already named ("a ajouté le ministre")."""
        doc = self.doc
        if end - start == 1 and self.pronoun(start):
            if self.index.get(start) in self.entities:
                return self.who_of(self.index[start])  # the entity component resolved it
            return self.resolve_pronoun(start)
        head = self.head_noun(start, end)
        lemma = doc[head].lemma_.lower() if head is not None else ""
        is_role = head is not None and (
            lemma in self.lex.roles or doc[head].lower_ in self.lex.roles
        )
        det = doc[start] if doc[start].pos_ == "DET" else None
        indefinite = det is not None and "Ind" in det.morph.get("Definite", [])
        demonstrative = det is not None and "Dem" in det.morph.get("PronType", [])
        number = "p" if head is not None and "Plur" in doc[head].morph.get("Number", []) else "s"
        same = any(doc[k].lemma_.lower() == "même" for k in range(start, end))
        if lemma == "source" and same and self.last_source is not None:
            return self.last_source  # "ajoute la même source"
        chosen = self._entity_in(start, end, head, is_role, lemma in self.lex.source_nouns)
        if chosen is not None:
            return self.who_of(chosen)
        name = self._unrecognised_name(start, end)
        if name is not None:
            return name
        role_end = next((k for k in range(start, end) if doc[k].text == ","), end)
        text = self.description(start, role_end)
        gender = self.gender_of(head, start) if head is not None else "-"
        body = lemma in self.lex.institutions
        if is_role or body or demonstrative:
            if not indefinite and number == "s":
                role = self.role_of(start, role_end)
                found = self.resolve_role(role, gender, start, end, anaphoric=anaphoric)
                if found is not None:
                    return found
            if is_role:
                return _Who(None, text, gender, number, person=True)
        return _Who(None, text, gender, "-" if body else number, person=False)

    def description(self, start: int, end: int) -> str:
        """How an unnamed speaker is described, quotation marks and line breaks left out:
        'un « gilet jaune » belge' -> 'un gilet jaune belge'."""
        words = self.text_of(start, end)
        for mark in (*self.lex.marks, *self.lex.closers):
            words = words.replace(mark, " ")
        return " ".join(words.split())

    def resolve_group(self, start: int, end: int) -> _Who:
        """Several speakers ("le président et les rapporteurs"): the first person named, if any."""
        for k in range(start, end):
            if self.index.get(k) in self.personlike:
                return self.who_of(self.index[k])
        return _Who(None, self.description(start, end), "-", "p", person=True)

    def _unrecognised_name(self, start: int, end: int) -> _Who | None:
        """A name the entity recogniser missed, at the end of a phrase ("le procureur de la
        République de Valenciennes Jean-Philippe Vicentini"), matched to an entity by surname."""
        doc = self.doc
        k = end
        while (
            k > start
            and doc[k - 1].text[:1].isupper()
            and (
                doc[k - 1].pos_ == "PROPN" or k < end  # "Bruno Le Maire": a particle inside
            )
        ):
            k -= 1
        while k < end and doc[k].pos_ != "PROPN":
            k += 1
        if end - k >= 3 and k > start and (self.low(k - 1) in _DE or doc[k - 1].pos_ == "DET"):
            k += 1  # "de Valenciennes Jean-Philippe Vicentini": the place is not the name
        if k == end or (
            k > start and (doc[k - 1].pos_ == "DET" or (self.low(k - 1) in _DE and end - k < 3))
        ):
            return None
        eid = self.index.get(k)
        if end - k == 1 and eid not in (None, *self.personlike) and self.name_start(k) >= start:
            return None  # one word the recogniser took for a place or a body: not a name
        surname = doc[end - 1].text.lower()
        for entity in self.entities.values():
            if entity.id in self.personlike and entity.name.split()[-1].lower() == surname:
                return self.who_of(entity.id)
        return _Who(None, self.text_of(k, end), "-", "s", person=True)

    def _entity_in(
        self, start: int, end: int, head: int | None, is_role: bool, is_source: bool
    ) -> str | None:
        """The entity a phrase names: a person first; not one inside a `de` complement
        ("la porte-parole de la police") unless the phrase names a document or a count."""
        doc = self.doc
        for persons in (True, False):
            for k in range(start, end):
                eid = self.index.get(k)
                if eid is None or (persons and eid not in self.personlike):
                    continue
                first = self.name_start(k)
                if first < start:
                    continue
                inside_de = first > start and (
                    doc[first - 1].lower_ in _DE
                    or (
                        first - 1 > start
                        and doc[first - 1].pos_ == "DET"
                        and doc[first - 2].lower_ in _DE
                    )
                )
                if inside_de and not is_source:
                    continue
                if not persons and is_role and not is_source:
                    continue  # "le porte-parole du collectif X": X is not the speaker
                return eid
        return None

    def resolve_role(
        self, role: _Role | None, gender: str, start: int, end: int, *, anaphoric: bool
    ) -> _Who | None:
        """The person a definite role phrase ("le ministre", "l'avocate") names, if one fits."""
        doc = self.doc
        pos = doc[start].idx
        if role is not None:
            best: tuple[int, str] | None = None
            ahead: tuple[int, str] | None = None  # "le président ... ; le président Macron"
            for eid, known_roles in self.roles.items():
                if not role.body and not _gender_fits(self.gender.get(eid, "-"), role.gender):
                    continue
                for known in known_roles:
                    if _stem(known.head) != _stem(role.head) or known.body != role.body:
                        continue
                    if not (
                        known.qualifiers <= role.qualifiers or role.qualifiers <= known.qualifiers
                    ):
                        continue
                    before = [m.start for m in self.entities[eid].mentions if m.start < pos]
                    if before and role.body:
                        # "la police" is the police just named, or the police in general
                        gap = self.sent_of[start] - self.sent_of[self.tok_at(max(before))]
                        before = before if gap <= SALIENCE_WINDOW else []
                    if before and (best is None or max(before) > best[0]):
                        best = (max(before), eid)
                    after = [m.start for m in self.entities[eid].mentions if m.start > pos]
                    if after and (ahead is None or min(after) < ahead[0]):
                        ahead = (min(after), eid)
            near = ahead is not None and (
                self.sent_of[self.tok_at(ahead[0])] - self.sent_of[start] <= SALIENCE_WINDOW
            )
            if best is None and near:
                best = ahead
            if best is not None:
                return self.who_of(best[1])
            if role.body:
                return None
        if anaphoric:
            return self.salient(
                pos, gender, "s", persons_only=True, named_only=True, speakers_only=True
            )
        # a definite role as a subject refers back to the person just quoted, unless the text
        # marks a new speaker ("le ministre de l'Intérieur a lui aussi commenté")
        nxt = end
        while nxt < len(doc) and doc[nxt].pos_ in ("AUX", "ADV") and not self._new_speaker(nxt):
            nxt += 1
        if self._new_speaker(nxt) or self._new_speaker(end):
            return None
        found = self.salient(pos, gender, "s", persons_only=True, named_only=True, window=1)
        if found is None or found.entity is None:
            return None
        heads = {_stem(r.head) for r in self.roles.get(found.entity, [])}
        if heads and role is not None and _stem(role.head) not in heads:
            return None
        return found

    def _new_speaker(self, i: int) -> bool:
        return any(self.matches(i, phrase) for phrase in self.lex.new_speaker)

    def resolve_pronoun(self, i: int) -> _Who:
        gender, number = self.pronoun(i) or ("-", "-")
        if number == "-":
            return _Who()  # "on": nobody in particular
        pos = self.doc[i].idx
        found = self.salient(pos, gender, number, persons_only=number == "s")
        if found is None and number == "p":
            # "selon eux" right after two people spoke: the last of them
            end = bisect.bisect_left([r.pos for r in self.referents], pos)
            recent = [
                r.who.entity
                for r in self.referents[:end]
                if r.kind == "speaker"
                and r.who.person
                and r.who.entity
                and self.sent_of[i] - r.sent <= SALIENCE_WINDOW
            ]
            if len(set(recent[-2:])) == 2:
                found = self.who_of(recent[-1])
        nobody_before = not any(r.pos < pos and r.who.person for r in self.referents)
        if found is None and number == "s" and nobody_before:
            # nobody named yet (the headline was cut): the first person named after
            later = [r for r in self.referents if r.pos > pos and r.who.entity is not None]
            later = [r for r in later if r.who.person and _gender_fits(r.who.gender, gender)]
            if later and later[0].sent - self.sent_of[i] <= SALIENCE_WINDOW:
                found = later[0].who
        if found is not None and found.entity is not None and number == "s":
            self.gender.setdefault(found.entity, gender)  # "il" told us: the next "elle" is not
        return found if found is not None else _Who(None, None, gender, number)

    def salient(
        self,
        pos: int,
        gender: str,
        number: str,
        *,
        persons_only: bool,
        named_only: bool = False,
        speakers_only: bool = False,
        window: int = SALIENCE_WINDOW,
    ) -> _Who | None:
        """The most recent subject or speaker before `pos` that agrees, or a name mentioned in
        the same sentence; failing both, the last agreeing name anywhere before."""
        sent = self.sent_of[self.tok_at(pos)]
        fallback: _Who | None = None
        end = bisect.bisect_left([r.pos for r in self.referents], pos)
        for ref in reversed(self.referents[:end]):
            who = ref.who
            if (persons_only and not who.person) or (named_only and who.entity is None):
                continue
            if speakers_only and ref.kind != "speaker":
                continue
            if (number == "s" and who.number == "p") or (number == "p" and who.number == "s"):
                continue
            known = self.gender.get(who.entity, who.gender) if who.entity else who.gender
            if not _gender_fits(known, gender):
                continue
            if ref.kind in ("subject", "speaker") and sent - ref.sent <= window:
                return who
            if ref.kind == "mention" and ref.sent == sent:
                return who  # "Quant à son secrétaire d'Etat, Laurent Nunez, il a expliqué"
            if fallback is None and who.entity is not None:
                fallback = who
        return fallback

    def remember(self, pos: int, who: _Who, kind: str) -> None:
        if who.entity is None and not who.person and who.number == "s":
            return
        ref = _Referent(pos, self.sent_of[self.tok_at(pos)], who, kind)
        at = bisect.bisect_right([r.pos for r in self.referents], pos)
        self.referents.insert(at, ref)


def _gender_fits(a: str, b: str) -> bool:
    return a == "-" or b == "-" or a == b


def _stem(word: str) -> str:
    """A form shared by the genders and numbers of a French word ("française" ~ "français")."""
    word = word.lower().replace("’", "'")
    for suffix in ("es", "s", "e"):
        if word.endswith(suffix) and len(word) > len(suffix) + 3:
            return word[: -len(suffix)]
    return word


# --------------------------------------------------------------------------- frames


def _frames(r: _Reader) -> list[_Frame]:
    """Every attribution in the document in text order, speakers resolved as they come."""
    doc = r.doc
    frames: list[_Frame] = []
    for s, sent in enumerate(r.sents):
        found: list[_Frame] = []
        limit = sent.end
        k = sent.start
        while k < limit:
            if r.in_quote[k] or r.skippable[k]:
                k += 1
                continue
            frame = _source_frame(r, k, limit, s)
            if frame is None and _after_break(r, k):
                frame = _incise_frame(r, k, limit, s)
            if frame is None and r.verbs[k]:
                frame = _verb_frame(r, k, limit, s)
            if frame is not None:
                found.append(frame)
                k = max(k + 1, frame.cue_end)
                continue
            k += 1
        # "..., avait indiqué Me Dosé, ajoutant que ...": a participle shares the speaker
        for n, frame in enumerate(found):
            if frame.speaker is None and n and "Part" in frame.cue.morph.get("VerbForm", []):
                frame.speaker = found[n - 1].speaker
        found.extend(_subjects(r, sent, s, found))
        found.sort(key=lambda f: f.speaker[0] if f.speaker else f.cue.i)
        for frame in found:
            if frame.speaker is None:
                continue
            start, end = frame.speaker
            if any(r.low(k) == "et" and doc[k].pos_ == "CCONJ" for k in range(start, end)):
                frame.who = r.resolve_group(start, end)
            else:
                frame.who = r.resolve(start, end, anaphoric=frame.kind in ("incise", "source"))
            r.remember(
                doc[start].idx, frame.who, "subject" if frame.kind == "subject" else "speaker"
            )
            if frame.kind in ("incise", "source") and not r.pronoun(start):
                r.last_source = frame.who
        frames.extend(f for f in found if f.kind != "subject")
    return frames


def _subjects(r: _Reader, sent: Span, s: int, found: list[_Frame]) -> list[_Frame]:
    """Subjects that are persons but not speakers: later pronouns may refer to them."""
    out = []
    taken = [f.speaker for f in found if f.speaker]
    lo = bisect.bisect_left(r.subjects, sent.start)
    hi = bisect.bisect_left(r.subjects, sent.end)
    for i in r.subjects[lo:hi]:
        tok = r.doc[i]
        if r.in_quote[i] or tok.pos_ not in _NOMINAL:
            continue
        if any(a <= tok.i < b for a, b in taken) or r.pronoun(tok.i):
            continue
        start = r.name_start(tok.left_edge.i if tok.left_edge.pos_ == "DET" else tok.i)
        end = r.np_extent(start, min(sent.end, start + MAX_SPEAKER_TOKENS))
        if end > tok.i and r.speakerish(start, end):
            out.append(_Frame("subject", tok, tok.i, tok.i, (start, end), s))
    return out


def _source_frame(r: _Reader, k: int, limit: int, s: int) -> _Frame | None:
    """A `selon`-type phrase at token k: "selon X", "d'après X", "pour X, ..." (a person)."""
    doc = r.doc
    if r.lows[k] not in r.frame_starts:
        return None
    for phrase, needs in r.lex.frames.items():
        n = len(phrase)
        if k + n >= limit or not r.matches(k, phrase):
            continue
        j = k + n
        if needs == "antecedent":
            # "sa théorie selon laquelle ...": the holder of the theory, the noun's verb's subject
            verb = doc[k - 1] if k > 0 and doc[k - 1].pos_ == "NOUN" else None
            for _ in range(5):
                if verb is None or verb.pos_ == "VERB" or verb.head.i == verb.i:
                    break
                verb = verb.head
            found = None
            if verb is not None and verb.pos_ == "VERB":
                found = _subject_phrase(r, verb, _cue_span(r, verb, verb.i)[0])
            if found is None:
                continue
            return _Frame("source", doc[k], k, j, found, s, cue_text=r.text_of(k, j), content_at=j)
        span = (j, j + 1) if r.pronoun(j) else _speaker_after(r, j, limit, skip=False)
        if span is None or not r.speakerish(*span):
            continue  # "selon un calendrier en deux doses": a manner, not a source
        if needs == "person":
            # "pour X, ..." frames what follows only when it opens a clause and X is somebody
            prev = k - 1
            while prev >= 0 and (doc[prev].is_space or doc[prev].pos_ == "CCONJ"):
                prev -= 1
            if prev >= 0 and doc[prev].text not in (",", ":", "(", ".", "!", "?", *r.lex.marks):
                continue
            if span[1] >= limit or doc[span[1]].text not in (",", ":"):
                continue
            head = r.head_noun(*span)
            if (
                head is None
                or not r.speakerish(*span)
                or doc[head].lemma_.lower() in r.lex.source_nouns
            ):
                continue
        return _Frame("source", doc[k], k, k + n, span, s, cue_text=r.text_of(k, k + n))
    return None


def _incise_frame(r: _Reader, k: int, limit: int, s: int) -> _Frame | None:
    """A verb of saying whose subject follows it, opening at token k: ", a déclaré X"."""
    doc = r.doc
    group = _incise_verb(r, k, limit)
    if group is None:
        return None
    verb, _, end = group
    if r.low(end) in ("que", "qu'"):
        return None
    finite = (
        verb.pos_ != "VERB"  # a form the tagger took for a noun: "», analyse pour l'AFP X"
        or "Fin" in verb.morph.get("VerbForm", [])
        or any(
            doc[j].pos_ == "AUX" or doc[j].lemma_.lower() in _AUX_LEMMAS or r.is_clitic_subject(j)
            for j in range(k, verb.i + 1 if end <= verb.i else end)
        )
    )
    if not finite:
        return None  # "Ils ont scandé « … », revendiqué …": a conjoined participle
    after_quote = _after_closing_mark(r, k)
    clitic = next((j for j in range(k, end) if r.is_clitic_subject(j)), None)
    if clitic is not None:
        speaker: tuple[int, int] | None = (clitic, clitic + 1)
    else:
        speaker = _speaker_after(r, end, limit)
        if speaker is None or not (after_quote or r.speakerish(*speaker)):
            return None
        pre = _preverbal_subject(verb)
        if pre is not None and pre.i < k and not after_quote and not r.personish(*speaker):
            return None  # "Antony Blinken, a réaffirmé le plein soutien": a subject before
        plural = any(doc[j].morph.get("Number", []) == ["Plur"] for j in range(k, verb.i + 1))
        if plural and r.low(speaker[1]) == "et":
            # "ont répondu le président et les rapporteurs de la commission": a group
            more = r.np_extent(speaker[1] + 1, min(limit, speaker[1] + MAX_SPEAKER_TOKENS))
            if more > speaker[1] + 1:
                speaker = (speaker[0], more)
    start = k
    while start < verb.i and not (doc[start].pos_ == "AUX" or r.low(start) in ("se", "s'")):
        start += 1
    if verb.i - start > 3:
        start = verb.i
    frame = _Frame(
        "incise",
        verb,
        start,
        end,
        speaker,
        s,
        cue_text=r.text_of(start, end),
        contents=r.contents_of(r.cue_of(verb)[0]),  # type: ignore[index]
        after_quote=after_quote,
        opens=k,
    )
    frame.via = _channel(r, k, limit, speaker)
    return frame


def _incise_verb(r: _Reader, i: int, limit: int) -> tuple[Token, int, int] | None:
    """The verb of saying of an incise starting at token i (auxiliaries, clitics, adverbs and
    short phrases allowed before it): the verb, its last cue token, the first token after."""
    doc = r.doc
    k = i
    while k < limit and k - i < 8:
        tok = doc[k]
        cue = r.cue_of(tok)
        if cue is not None and not r.in_quote[k] and tok.pos_ != "AUX":
            end = cue[1] + 1
            while end < limit and (r.is_clitic_link(end) or r.is_clitic_subject(end)):
                end += 1
            if end < limit and doc[end].pos_ == "VERB" and r.cue_of(doc[end]) is not None:
                end += 1  # "a laissé entendre", "pouvait-on lire"
            return tok, cue[1], end
        if (
            tok.pos_ in ("AUX", "ADV")
            or tok.lemma_.lower() in _AUX_LEMMAS
            or r.low(k) in ("se", "s'", "ne", "n'")
            or r.is_clitic_link(k)
            or r.is_clitic_subject(k)
        ):
            k += 1
            continue
        if tok.pos_ == "ADP":
            j = r.skip_adjuncts(k, min(limit, k + 5))
            if j > k:
                k = j
                continue
        return None
    return None


def _speaker_after(r: _Reader, k: int, limit: int, *, skip: bool = True) -> tuple[int, int] | None:
    """The phrase naming the speaker after a cue, past times and adjuncts when `skip`."""
    doc = r.doc
    j = k
    while j < limit and (r.is_clitic_link(j) or r.is_clitic_subject(j)):
        if r.is_clitic_subject(j):
            return j, j + 1
        j += 1
    if skip:
        j = r.skip_adjuncts(j, limit)
    if j >= limit:
        return None
    tok = doc[j]
    if r.pronoun(j) and tok.pos_ == "PRON":
        return j, j + 1
    if tok.pos_ in (*_NOMINAL, "DET", "ADJ", "NUM") or r.low(j) in r.lex.titles:
        end = r.np_extent(j, min(limit, j + MAX_SPEAKER_TOKENS))
        if end > j and r.head_noun(j, end) is not None:
            return j, end
    return None


def _verb_frame(r: _Reader, k: int, limit: int, s: int) -> _Frame | None:
    """A verb of saying at token k with its subject before it: "X a souligné", "indiquant"."""
    doc = r.doc
    tok = doc[k]
    if tok.pos_ != "VERB":
        return None
    cue = r.cue_of(tok)
    if cue is None:
        return None
    lemma, last = cue
    aux = any(c.dep_.startswith(("aux", "expl")) for c in tok.children) or any(
        doc[j].pos_ == "AUX" or doc[j].lemma_.lower() in _AUX_LEMMAS or r.low(j) in ("a", "ont")
        for j in range(max(0, k - 4), k)
    )
    if (
        tok.morph.get("VerbForm", []) == ["Part"]
        and tok.morph.get("Tense", []) == ["Past"]
        and not aux
    ):
        return None  # "estimés à 20 000 par l'ONU": a participle used as an adjective
    start, end = _cue_span(r, tok, last)
    speaker = _subject_phrase(r, tok, start)
    frame = _Frame(
        "verb",
        tok,
        start,
        end,
        speaker,
        s,
        cue_text=r.text_of(start, end),
        contents=r.contents_of(lemma),
    )
    if speaker is not None and speaker[0] > tok.i:
        frame.kind = "incise"
    region = (speaker[1] if speaker and speaker[1] <= start else start, min(limit, end + 12))
    frame.via = _channel(r, *region, speaker)
    return frame


def _cue_span(r: _Reader, verb: Token, last: int) -> tuple[int, int]:
    """Token range of a cue as written: its auxiliaries, a clitic and a short adverb."""
    doc = r.doc
    start = verb.i
    k = verb.i - 1
    while k >= 0 and verb.i - k <= 3:
        tok = doc[k]
        if tok.pos_ == "AUX" or tok.lemma_.lower() in _AUX_LEMMAS or r.low(k) in ("se", "s'"):
            start = k
        elif not (tok.pos_ == "ADV" or r.is_clitic_link(k) or r.is_clitic_subject(k)):
            break
        k -= 1
    end = last + 1
    while end < len(doc) and (r.is_clitic_link(end) or r.is_clitic_subject(end)):
        end += 1
    return start, end


def _preverbal_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubj:pass") and child.i < verb.i:
            return child
    return None


def _subject_phrase(r: _Reader, verb: Token, start: int, depth: int = 0) -> tuple[int, int] | None:
    """The subject of a verb as a token range. Participles, infinitives and conjuncts share
    their head verb's subject; a relative "qui" stands for what it describes."""
    doc = r.doc
    for j in range(start, min(verb.i + 3, len(doc))):
        if r.is_clitic_subject(j):
            return j, j + 1
    child = _preverbal_subject(verb)
    if child is not None:
        if r.pronoun(child.i):
            return child.i, child.i + 1
        if child.lower_ == "qui" and verb.dep_.startswith("acl") and verb.head.i < child.i:
            ante = verb.head  # "X, qui s'est félicité de ..."
            if ante.pos_ not in _NOMINAL:
                return None
            first = r.name_start(ante.left_edge.i)
            end = r.np_extent(first, min(child.i, first + MAX_SPEAKER_TOKENS))
            return (first, end) if end > first else (ante.i, ante.i + 1)
        if r.in_quote[child.i] or child.pos_ not in (*_NOMINAL, "NUM"):
            return None
        first = child.left_edge.i
        while first < child.i and (
            doc[first].is_punct or doc[first].pos_ in ("CCONJ", "ADV", "ADP")
        ):
            first += 1
        first = r.name_start(first)
        end = r.np_extent(first, min(len(doc), first + MAX_SPEAKER_TOKENS))
        if end <= child.i:
            first = r.name_start(child.i)
            end = r.np_extent(first, min(len(doc), first + MAX_SPEAKER_TOKENS))
        return (first, end) if end > first else None
    finite = "Fin" in verb.morph.get("VerbForm", []) or any(
        c.dep_.startswith("aux") for c in verb.children
    )
    if depth < 3 and verb.dep_ != "ROOT" and (not finite or verb.dep_ == "conj"):
        head = verb.head
        while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i:
            head = head.head
        if head.pos_ in ("VERB", "AUX") and head.i != verb.i:
            found = _subject_phrase(r, head, _cue_span(r, head, head.i)[0], depth + 1)
            if found is not None:
                return found
            if head.i < verb.i and r.cue_of(head) is not None:
                # the head verb's subject is inverted: "», s'est demandé X sur Twitter, ajoutant"
                return _speaker_after(r, head.i + 1, verb.i)
    # the parser left the subject unattached: a name right before the verb
    j = start - 1
    steps = 0
    while j >= 0 and steps < 4 and (doc[j].pos_ in ("ADV", "ADP") or r.low(j) in ("a", "ont")):
        j -= 1
        steps += 1
    if j >= 0 and r.index.get(j) in r.personlike and not r.in_quote[j]:
        return r.name_start(j), j + 1
    return None


def _after_break(r: _Reader, i: int) -> bool:
    """Whether token i follows a comma, a dash, a parenthesis or a closing quotation mark."""
    k = i - 1
    while k >= 0 and r.lows[k].isspace():
        k -= 1
    return k >= 0 and (r.lows[k] in (",", "(", "—", "–", "-") or k in r.closing)


def _after_closing_mark(r: _Reader, i: int) -> bool:
    """Whether token i comes right after a closing quotation mark, a comma between allowed."""
    k = i - 1
    while k >= 0 and (r.doc[k].is_space or r.doc[k].text == ","):
        k -= 1
    return k >= 0 and k in r.closing


def _channel(r: _Reader, start: int, end: int, skip: tuple[int, int] | None) -> str | None:
    """A channel phrase in tokens [start, end): "dans un communiqué", "sur Twitter", "à l'AFP"."""
    doc = r.doc
    k = start
    while k < end:
        if skip and skip[0] <= k < skip[1]:
            k = skip[1]
            continue
        low = r.low(k)
        if low in r.lex.channel_prepositions and not r.in_quote[k] and doc[k].pos_ == "ADP":
            j = k + 1
            while j < end and (doc[j].pos_ in ("ADP", "DET") or doc[j].lower_ in _DE):
                j += 1
            if j < end and doc[j].pos_ in _NOMINAL:
                eid = r.index.get(j)
                named = eid is not None and r.entities[eid].type in ("ORG", "MISC")
                if doc[j].lemma_.lower() in r.lex.channels or doc[j].lower_ in r.lex.channels:
                    return r.text_of(k, r.np_extent(j, min(end, j + 10)))
                if named:
                    stop = j
                    while stop < end and r.index.get(stop) == eid:
                        stop += 1
                    return r.text_of(k, stop)
        k += 1
    return None


# --------------------------------------------------------------------------- marked quotes


def _words(r: _Reader, start: int, end: int) -> list[Token]:
    return [t for t in r.doc[start:end] if t.is_alpha or t.like_num]


def _occurrences(r: _Reader, key: list[str]) -> tuple[int, int]:
    """How often a lemma sequence is written in the document, and how often it is quoted alone."""
    lemmas, where, quoted_keys = r.stems()
    written = 0
    quoted = quoted_keys.get(tuple(key), 0)
    for i in where.get(key[0], ()):
        j = i
        for word in key:
            while j < len(lemmas) and lemmas[j] == "":
                j += 1
            if j >= len(lemmas) or lemmas[j] != word:
                break
            j += 1
        else:
            written += 1
    return written, quoted


def _governed_by_cue(r: _Reader, a: int, b: int) -> bool:
    """The quote is a complement of a verb of saying: "a dénoncé les propos « honteux »"."""
    root = next((t for t in r.doc[a:b] if not a <= t.head.i < b), None)
    if root is None:
        return False
    head = root.head
    if root.dep_ in ("amod", "nmod", "appos") and head.pos_ == "NOUN" and head.dep_ == "obj":
        root, head = head, head.head  # the quote qualifies the object: "les propos « honteux »"
    complement = root.dep_ in ("obj", "ccomp", "xcomp", "obl:arg", "iobj")
    return complement and head.pos_ == "VERB" and r.cue_of(head) is not None


def _is_name_like(r: _Reader, a: int, b: int) -> bool:
    """A quoted name, title or term rather than something said: "gilets jaunes", a song."""
    doc = r.doc
    words = _words(r, a, b)
    if not words:
        return True
    has_verb = any(t.pos_ in ("VERB", "AUX") for t in doc[a:b])
    short = len(words) <= TERM_MAX_WORDS and not has_verb
    if short and not _governed_by_cue(r, a, b):
        written, quoted = _occurrences(r, [_stem(t.text) for t in words])
        if quoted >= TERM_MIN_QUOTED or written >= TERM_MIN_WRITTEN:
            return True
    # the name of a thing as a subject: la « marche dans les beaux quartiers » a débuté
    prev = a - 1
    while prev >= 0 and (r.is_mark(prev) or doc[prev].is_space):
        prev -= 1
    nxt = b
    while nxt < len(doc) and (r.is_mark(nxt) or doc[nxt].is_space):
        nxt += 1
    if (
        not has_verb
        and prev >= 0
        and doc[prev].pos_ == "DET"
        and "Def" in doc[prev].morph.get("Definite", [])
        and nxt < len(doc)
        and doc[nxt].pos_ in ("VERB", "AUX")
        and "Fin" in doc[nxt].morph.get("VerbForm", [])
    ):
        return True
    # a naming word just before (nom de code «…», le hashtag «…») or after («…», l'hymne …)
    k = a - 1
    while k >= 0 and (
        r.is_mark(k) or doc[k].is_space or doc[k].pos_ == "DET" or doc[k].lower_ in _DE
    ):
        k -= 1
    if k >= 0 and doc[k].lemma_.lower() in r.lex.naming:
        return True
    k = b
    while k < len(doc) and (r.is_mark(k) or doc[k].is_space):
        k += 1
    if (
        k + 2 < len(doc)
        and doc[k].text == ","
        and doc[k + 1].pos_ == "DET"
        and doc[k + 2].lemma_.lower() in r.lex.naming
    ):
        return True
    # a capitalised verbless phrase inside a sentence is a title: "Bella ciao"
    if short and words[0].text[:1].isupper():
        sent = doc[a].sent
        before = [t for t in doc[sent.start : a] if t.is_alpha]
        prev = a - 1
        while prev >= 0 and (r.is_mark(prev) or doc[prev].is_space):
            prev -= 1
        # (but a capitalised name of a person may well be a slogan: « Macron, démission »)
        named = any(r.index.get(t.i) in r.personlike for t in words)
        if before and prev >= 0 and doc[prev].text not in (":", ".", "!", "?") and not named:
            return True
    return False


def _is_direct(r: _Reader, m: Marked, a: int, b: int) -> bool:
    """A whole statement: the quote opens its sentence (or follows a colon or a framing
    phrase) and says something complete, rather than a fragment of the writer's sentence."""
    doc = r.doc
    if m.open_at < 0:
        return True
    text = r.text
    j = m.open_at - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    opens = j < 0 or text[j] in ".!?:…\n" or text[j] in r.lex.closers
    if not opens:
        sent = doc[a].sent
        before = [t for t in doc[sent.start : a] if t.is_alpha and not r.in_quote[t.i]]
        opens = not before or (text[j] == "," and text[m.start : m.start + 1].isupper())
    if not opens:
        return False
    words = _words(r, a, b)
    return len(words) >= 3 or any(t.pos_ in ("VERB", "AUX") for t in doc[a:b])


def _marked_quotes(r: _Reader, frames: list[_Frame]) -> list[_Found]:
    doc = r.doc
    by_verb = {f.cue.i: f for f in frames if f.kind in ("verb", "incise")}
    out: list[_Found] = []
    spans: list[tuple[int, int]] = []  # first and last sentence of each quote
    orphans: list[int] = []
    speakers = [f.speaker for f in frames if f.speaker is not None]
    for m in r.marked:
        a = r.tok_at(m.start)
        b = r.tok_at(m.end - 1) + 1
        if _is_name_like(r, a, b) or any(s <= a and b <= e for s, e in speakers):
            continue  # a name, or words of a speaker's description: a « gilet jaune » belge
        found = _Found(m.start, m.end, "direct" if _is_direct(r, m, a, b) else "partial")
        frame = _attribute(r, m, a, b, frames, by_verb)
        if frame is not None:
            found.who, found.cue, found.via = frame.who, frame.cue_text or None, frame.via
            found.governed = frame.kind == "verb" and frame.cue_start < a
        else:
            orphans.append(len(out))
        out.append(found)
        spans.append((r.sent_of[a], r.sent_of[min(b, len(doc) - 1)]))
    # a quote with no cue of its own goes on from its neighbour in the same paragraph:
    # "..., a-t-elle ajouté. « ... »" or "« ... ». « ... », a précisé Mme Tharot."
    for n in orphans:
        neighbours = []
        if n > 0 and spans[n][0] - spans[n - 1][1] <= 2:
            neighbours.append(n - 1)
        if n + 1 < len(out) and spans[n + 1][0] - spans[n][1] <= 1:
            neighbours.append(n + 1)
        for other in neighbours:
            if other in orphans:
                continue
            lo, hi = sorted((out[n], out[other]), key=lambda f: f.start)
            if "\n" in r.text[lo.end : hi.start]:
                continue
            source = out[other]
            out[n].who, out[n].cue, out[n].via = source.who, source.cue, source.via
            break
    return _dedupe(r, out)


def _dedupe(r: _Reader, found: list[_Found]) -> list[_Found]:
    """The same words quoted twice (a heading that echoes the text) are one quote: keep the
    occurrence whose speaker is named."""

    def key(f: _Found) -> str:
        return " ".join(r.text[f.start : f.end].lower().split())

    def rank(f: _Found) -> tuple[bool, bool]:
        return f.who.entity is not None, f.governed

    chosen: dict[str, _Found] = {}
    for f in found:
        best = chosen.get(key(f))
        if best is None or rank(f) > rank(best):
            chosen[key(f)] = f
    return [f for f in found if chosen[key(f)] is f]


def _attribute(
    r: _Reader, m: Marked, a: int, b: int, frames: list[_Frame], by_verb: dict[int, _Frame]
) -> _Frame | None:
    """The frame that attributes the marked quote over tokens [a, b)."""
    doc = r.doc
    close = r.tok_at(m.close_at) if m.close_at >= 0 else b - 1
    lo = r.sent_of[a]
    hi = r.sent_of[close]
    if close + 1 >= len(doc) or r.sent_of[close + 1] != hi:
        hi += 1  # the closing mark ends its sentence: an incise may open the next one
    # the verb of saying that governs the quote: "X a souligné « ... »", "indiquant que « ... »"
    inner: _Frame | None = None
    root = next((t for t in doc[a:b] if not a <= t.head.i < b or t.head.i == t.i), None)
    node = root
    for _ in range(8):
        if node is None or node.head.i == node.i:
            break
        node = node.head
        frame = by_verb.get(node.i)
        if frame is None or a <= node.i < b or frame.speaker is None:
            continue
        # a verb of saying governs what follows it; an incise, what comes before it
        if (frame.kind == "verb" and frame.cue_start < a) or (
            frame.kind == "incise" and frame.cue_start >= close
        ):
            inner = frame
            break
    same = [f for f in frames if lo <= f.sent <= hi]
    after = [
        f
        for f in same
        if f.kind in ("incise", "source")
        and f.cue_start >= close
        and not _statement_between(r, m, f)
    ]
    if after and after[0].sent == hi and hi > r.sent_of[close] and not after[0].after_quote:
        after = []  # the next sentence's incise belongs to its own quote
    if inner is not None and inner.who.entity is not None:
        outer = after[0] if after else None
        if outer is not None and outer.who.entity != inner.who.entity and inner.via is None:
            # "réitérant « ... », indique le ministère sur sa page facebook": relayed
            source = r.text_of(*outer.speaker) if outer.speaker else None
            if source and outer.kind == "source":
                source = f"{outer.cue_text} {source}"  # "selon Paris"
            via = outer.via or source
            return _Frame(
                inner.kind,
                inner.cue,
                inner.cue_start,
                inner.cue_end,
                inner.speaker,
                inner.sent,
                inner.cue_text,
                inner.who,
                inner.contents,
                via,
            )
        return inner
    if after:
        return after[0]
    if inner is not None:
        return inner
    before = [f for f in same if f.cue.i < a and f.sent == lo and f.speaker is not None]
    sources = [f for f in before if f.kind == "source" or f.who.entity is not None]
    if sources:
        return sources[-1]
    if before:
        return before[-1]
    return _colon_name(r, a)


def _colon_name(r: _Reader, a: int) -> _Frame | None:
    """ "celle de Renaud : « ... »", "l'April : « ... »": the name right before a colon."""
    doc = r.doc
    colon = a - 1
    while colon >= 0 and (r.is_mark(colon) or doc[colon].is_space):
        colon -= 1
    if colon < 0 or doc[colon].text != ":":
        return None
    for k in range(colon - 1, max(doc[colon].sent.start, colon - 12) - 1, -1):
        eid = r.index.get(k)
        if eid is not None and (r.entities[eid].type in ("PER", "ORG") or eid in r.personlike):
            return _Frame("source", doc[k], k, k, (k, k + 1), r.sent_of[k], who=r.who_of(eid))
    return None


def _statement_between(r: _Reader, m: Marked, f: _Frame) -> bool:
    """A sentence ends, or a whole quoted statement stands, between a quote and a frame after
    it: the frame is that statement's ("Propos « honteux » « Elles ont été tuées… », a raconté")."""
    doc = r.doc
    cue_at = doc[f.cue_start].idx
    outside = []
    k = m.end
    for other in r.marked:
        if m.end < other.start and other.end < cue_at:
            outside.append(r.text[k : other.start])
            k = other.end
            words = other.end - other.start
            if r.text[other.start : other.start + 1].isupper() and words > 20:
                return True
    outside.append(r.text[k:cue_at])
    text = "".join(outside)
    return any(ch in ".!?" for ch in text.replace("...", "").replace("…", ""))


# --------------------------------------------------------------------------- indirect quotes


def _marked_share(r: _Reader, start: int, end: int) -> float:
    words = _words(r, start, end)
    return sum(r.in_quote[t.i] for t in words) / len(words) if words else 1.0


def _trim(r: _Reader, start: int, end: int) -> tuple[int, int]:
    """Drop connectors and punctuation at the edges of a reported content."""
    doc = r.doc
    changed = True
    while changed and start < end:
        changed = False
        while start < end and (
            doc[start].is_space or (doc[start].is_punct and not r.is_mark(start))
        ):
            start += 1
            changed = True
        for conn in r.lex.connectors:
            if start + len(conn) < end and r.matches(start, conn):
                start += len(conn)
                changed = True
                break
    while end > start and (
        doc[end - 1].is_space or (doc[end - 1].is_punct and not r.is_mark(end - 1))
    ):
        end -= 1
    return start, end


def _indirect_quotes(r: _Reader, frames: list[_Frame]) -> list[_Found]:
    doc = r.doc
    out: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for f in frames:
        for span in _contents_of(r, f):
            start, end = _trim(r, *span)
            if len(_words(r, start, end)) < INDIRECT_MIN_WORDS:
                continue
            if _marked_share(r, start, end) > INDIRECT_MAX_MARKED_SHARE:
                continue
            if _quotes_a_clause(r, start, end):
                continue  # a sentence built around a quoted clause is a partial quote already
            if any(s < end and start < e for s, e in taken):
                continue
            taken.append((start, end))
            found = _Found(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), "indirect")
            found.who, found.cue, found.via = f.who, f.cue_text or None, f.via
            out.append(found)
    return out


def _quotes_a_clause(r: _Reader, start: int, end: int) -> bool:
    """Whether a span holds a quoted clause (with a verb), not just quoted words."""
    for m in r.marked:
        a, b = r.tok_at(m.start), r.tok_at(m.end - 1) + 1
        if start <= a and b <= end and any(t.pos_ in ("VERB", "AUX") for t in r.doc[a:b]):
            return True
    return False


def _contents_of(r: _Reader, f: _Frame) -> list[tuple[int, int]]:
    """Token ranges of what a frame reports without quotation marks."""
    if f.kind == "verb":
        if f.speaker is None and "Inf" in f.cue.morph.get("VerbForm", []):
            return []  # "il est important de mentionner que": nobody says it
        generic = f.speaker is not None and r.low(f.speaker[0]).lstrip("-") == "on"
        if generic and "Pres" in f.cue.morph.get("Tense", []):
            return []  # "on estime que ...": a commonplace, not something reported
        if f.cue_start > 0 and r.low(f.cue_start - 1) in ("qu'", "que"):
            return []  # "c'est ce qu'a annoncé X": the object is the relative pronoun
        return _complements(r, f, r.sents[f.sent])
    if f.speaker is None or f.after_quote:
        return []
    span = _framed(r, f)
    return [span] if span is not None else []


def _framed(r: _Reader, f: _Frame) -> tuple[int, int] | None:
    """What an incise or a source phrase frames: the clause before it ("<content>, a indiqué
    X", "<content>, selon X") or after it ("Selon X, <content>", "Mais, a assuré X, <content>")."""
    doc = r.doc
    sent = r.sents[f.sent]
    lo = sent.start
    opens = f.opens
    if f.content_at >= 0:
        return f.content_at, _clause_end(r, f.content_at, sent.end)
    if opens > lo and doc[opens - 1].text == ",":
        start = lo
        for g in range(opens - 2, lo - 1, -1):
            if doc[g].text in (":", ";", ".", "!", "?") and not r.in_quote[g]:
                start = g + 1
                break
        end = opens - 1
        clause = any(r.verbs[j] or doc[j].pos_ == "AUX" for j in range(start, end))
        if end > start and not r.is_mark(end - 1) and clause:
            return start, end
        if clause:
            return None
        # "Quelques jours auparavant, rappelle-t-on, <content>": what follows is reported
    assert f.speaker is not None
    after = f.speaker[1]
    if after < sent.end and r.low(after) in ("qui", "que", "qu'", "dont"):
        # "a assuré un habitant de son village qui le connaît bien, <content>"
        after = next((k for k in range(after, sent.end) if doc[k].text == ","), sent.end)
    head_words = [t for t in doc[lo:opens] if t.is_alpha]
    verbless = not any(r.verbs[j] or doc[j].pos_ == "AUX" for j in range(lo, opens))
    if (len(head_words) <= 2 or verbless) and after < sent.end and doc[after].text == ",":
        return after + 1, _clause_end(r, after + 1, sent.end)
    before = doc[opens - 1] if opens > lo else None
    if f.kind == "source" and before is not None and before.text != "(" and before.pos_ != "NUM":
        # "où les CRS ont été la cible de ... selon la préfecture": the clause it modifies
        node = doc[f.speaker[0]]
        while node.head.i != node.i and not (
            node.pos_ == "VERB" or any(c.dep_ in ("nsubj", "cop") for c in node.children)
        ):
            node = node.head
        # only a phrase that closes its clause: "il a selon une source cité X" frames nothing
        if node.i != f.speaker[0] and node.left_edge.i < opens and node.right_edge.i < f.speaker[1]:
            return node.left_edge.i, opens
    return None


def _complements(r: _Reader, f: _Frame, sent: Span) -> list[tuple[int, int]]:
    """What a verb of saying reports: its "que" clauses, its infinitive or its object."""
    doc = r.doc
    verb = f.cue
    if "que" in f.contents:
        found = []
        k = f.cue_end
        for _ in range(8):
            if k >= sent.end or r.in_quote[k]:
                break
            if r.low(k) in ("que", "qu'") and doc[k].dep_ != "fixed":  # not "tandis que"
                found.append(_que_clause(r, k, sent))
                break
            if doc[k].pos_ in ("VERB", "AUX") or doc[k].text in (".", ";", ":"):
                break
            nxt = r.skip_adjuncts(k, sent.end)  # "a déclaré mardi à l'AFP que"
            if nxt == k and doc[k].pos_ not in ("ADV", "PUNCT"):
                break  # an object: "rapporte 200 milliards ... tandis que"
            k = max(nxt, k + 1)
        # "... que « X » et qu'il a permis Y": every clause the verb introduces
        while found and found[-1][1] + 1 < sent.end:
            nxt = found[-1][1]
            while nxt < sent.end and (r.in_quote[nxt] or r.is_mark(nxt)):
                nxt += 1
            if (
                nxt + 1 < sent.end
                and r.low(nxt) in ("et", ",")
                and r.low(nxt + 1) in ("que", "qu'")
            ):
                found.append(_que_clause(r, nxt + 1, sent))
                continue
            break
        if found:
            return found
    if "inf" in f.contents:
        for child in verb.children:
            if child.dep_ != "xcomp" or not 0 <= child.left_edge.i - f.cue_end <= 2:
                continue
            span = range(child.left_edge.i, child.i + 1)
            if any("Inf" in doc[j].morph.get("VerbForm", []) for j in span):
                return [(child.left_edge.i, min(child.right_edge.i + 1, sent.end))]
    if "obj" in f.contents:
        k = f.cue_end
        if r.low(k) not in _DE:
            k = r.skip_adjuncts(k, sent.end)
        if k < sent.end and r.low(k) in _DE:
            k += 1
        if k < sent.end and doc[k].pos_ in ("DET", "NOUN", "ADJ", "NUM") and not r.in_quote[k]:
            node = doc[k]
            while node.head.i != node.i and node.head.i >= k and node.head.pos_ != "VERB":
                node = node.head
            end = max(node.right_edge.i + 1, k + 1)
            return [(k, min(end, _clause_end(r, k, sent.end)))]
    return []


def _que_clause(r: _Reader, que: int, sent: Span) -> tuple[int, int]:
    """The clause a "que" opens: its verb's words, up to an incise or a subordinate clause."""
    doc = r.doc
    head = doc[que].head
    end = head.right_edge.i + 1 if head.i > que else sent.end
    limit = _clause_end(r, que + 1, sent.end)
    if end < limit and doc[end].text == ",":
        end = limit  # "que, pour être appliqué, il faudrait ...": the clause goes on
    return que + 1, min(end, limit)


def _clause_end(r: _Reader, start: int, limit: int) -> int:
    """End of a reported clause: before an incise or a `selon` phrase, or the sentence end."""
    doc = r.doc
    for k in range(start, limit):
        if doc[k].text != "," or r.in_quote[k] or k + 1 >= limit:
            continue
        if _incise_verb(r, k + 1, limit) is not None:
            return k
        if doc[k + 1].pos_ == "SCONJ" or (
            r.low(k + 2) in ("que", "qu'") and doc[k + 1].pos_ == "ADP"
        ):
            return k  # ", après que ...", ", même si ...": the writer's clause, not the content
        if any(
            r.matches(k + 1, phrase) for phrase, needs in r.lex.frames.items() if needs == "any"
        ):
            return k
    return limit


# --------------------------------------------------------------------------- the component


def find_quotes(doc: Doc, lexicon: QuoteLexicon) -> list[Quote]:
    """Every quote of an analysed document (its entities already set), in text order."""
    r = _Reader(doc, lexicon)
    frames = _frames(r)
    found = _marked_quotes(r, frames) + _indirect_quotes(r, frames)
    found.sort(key=lambda f: (f.start, f.end))
    return [
        Quote(
            id=f"q{n}",
            text=r.text[f.start : f.end],
            start=f.start,
            end=f.end,
            kind=f.kind,  # type: ignore[arg-type]
            speaker=f.who.entity,
            speaker_name=f.who.name,
            cue=f.cue,
            via=f.via,
        )
        for n, f in enumerate(found, 1)
    ]


class Quotes:
    """telex_quotes: writes `doc._.quotes`.

    Args:
        lang: the folder under `telex/lang` whose `quote_*` files hold the language's cues.
    """

    def __init__(self, nlp: Language, name: str, *, lang: str = "fr") -> None:
        self.name = name
        self.lexicon = load_lexicon(lang)

    def __call__(self, doc: Doc) -> Doc:
        quotes = find_quotes(doc, self.lexicon)
        LOGGER.debug("telex_quotes: %d quotes in %d tokens", len(quotes), len(doc))
        doc._.set("quotes", quotes)
        return doc


@Language.factory(
    "telex_quotes",
    default_config={"lang": "fr"},
    requires=["doc._.entities", "doc._.entity_index"],
    assigns=["doc._.quotes"],
)
def make_quotes(nlp: Language, name: str, lang: str) -> Quotes:
    return Quotes(nlp, name, lang=lang)

"""Person names: splitting a mention into title, given names and surname, and comparing names.

French news spells foreign names several ways (Al-Mangoush / Al-Manqoush, Kadhafi / Kaddafi /
Gaddafi, Erdogan / Erdoğan). `surname_key` maps such variants to one skeleton so that mentions of
one person meet; `same_surname` adds a Jaro-Winkler margin for what the skeleton misses.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

from telex.lang import read_table, read_toml

# Arabic articles and name particles that transliterations keep or drop at will.
_PREFIX = re.compile(r"^(?:al|el|al-|el-|ad|ed|ar|er|as|es|at|et|az|ez)[-\s]+", re.IGNORECASE)
# Transliteration skeleton: consonant spellings that stand for the same sound.
_SKELETON = (
    (re.compile(r"ph"), "f"),
    (re.compile(r"(?<=[a-z])h"), ""),  # dh, kh, gh, th, sh -> d, k, g, t, s (and silent h)
    (re.compile(r"^h"), ""),
    (re.compile(r"[cqg]"), "k"),
    (re.compile(r"ck"), "k"),
    (re.compile(r"ou"), "u"),
    (re.compile(r"[wv]"), "v"),
    (re.compile(r"[yj]"), "i"),
    (re.compile(r"z"), "s"),
    (re.compile(r"(.)\1+"), r"\1"),  # doubled letters
)
_VOWELS = re.compile(r"[aeiou]")


def fold(text: str) -> str:
    """Casefolded, accent-free, with one kind of apostrophe and hyphens as spaces."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().replace("’", "'").replace("‘", "'").replace("œ", "oe").replace("æ", "ae")
    return " ".join(re.sub(r"[-‐‑–—_.]", " ", text).split())


@cache
def surname_key(surname: str) -> str:
    """A skeleton shared by transliteration variants: Kadhafi, Kaddafi, Gaddafi -> 'kadafi'."""
    text = unidecode(surname).lower()
    text = _PREFIX.sub("", text)
    text = re.sub(r"[^a-z]", "", text)
    for pattern, replacement in _SKELETON:
        text = pattern.sub(replacement, text)
    return text


def surname_consonants(surname: str) -> str:
    """The consonants of a surname's skeleton: two spellings of one surname always share them."""
    return _VOWELS.sub("", surname_key(surname))


def same_surname(a: str, b: str) -> bool:
    """True when two surnames are the same name, possibly transliterated differently."""
    ka, kb = surname_key(a), surname_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    # One vowel apart with the same consonants (Haftar/Hafter, Poutine/Putin); consonants carry
    # identity, so Macron/Marron, Dupont/Dupond and Martin/Marin stay apart.
    return (
        min(len(ka), len(kb)) >= 4
        and _VOWELS.sub("", ka) == _VOWELS.sub("", kb)
        and Levenshtein.distance(ka, kb) <= 1
    )


@dataclass(frozen=True, slots=True)
class GivenName:
    gender: str  # "m", "f" or "-"
    common: bool  # also a lowercase French word


@cache
def given_names() -> dict[str, GivenName]:
    """The shipped given names, keyed by their folded form."""
    path = resources.files("telex.data").joinpath("given_names.tsv")
    names: dict[str, GivenName] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        if not line or line.startswith("#") or line.startswith("name\t"):
            continue
        name, gender, common = line.split("\t")
        names[fold(name)] = GivenName(gender, common == "1")
    return names


def given_name(word: str) -> GivenName | None:
    """The given name `word` is, including hyphenated compounds (Jean-Yves, Marie-Claire)."""
    names = given_names()
    key = fold(word)
    if key in names:
        return names[key]
    parts = key.split()
    if len(parts) > 1 and all(p in names for p in parts):
        return names[parts[0]]
    return None


@cache
def titles(lang: str = "fr") -> dict[str, str]:
    """Title -> gender ('m', 'f', '-')."""
    return {row["title"]: row["gender"] for row in read_table(lang, "titles.tsv")}


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person mention split into its parts; any part may be empty."""

    title: str
    given: tuple[str, ...]
    surname: str
    gender: str  # from the title or the first given name: "m", "f" or "-"

    @property
    def full(self) -> bool:
        """Both a given name and a surname: enough to tell two people apart."""
        return bool(self.given) and bool(self.surname)


@cache
def role_words(lang: str = "fr") -> dict[str, str]:
    """Role nouns that may stand before a name as a title ('général de Gaulle') -> gender."""
    return {row["role"]: row["gender"] for row in read_table(lang, "roles.tsv")}


def parse_person(words: list[str], lang: str = "fr") -> PersonName:
    """Split the words of a person mention: 'M. Jean-Yves Le Drian' -> M. / Jean-Yves / Le Drian.

    Given names are the leading words found in the given-name list (at least one word is left for
    the surname); a single word is a surname unless it is only known as a given name.
    """
    known_titles = titles(lang)
    roles = role_words(lang)
    title = ""
    gender = "-"
    while len(words) > 1 and (words[0] in known_titles or words[0] in roles):
        title = title or words[0]
        if gender == "-":
            gender = known_titles.get(words[0]) or roles.get(words[0]) or "-"
        words = words[1:]
    if len(words) == 1 and words[0] in known_titles:
        words = []
    given: list[str] = []
    if len(words) > 1:
        while (
            len(words) - len(given) > 1
            and not is_particle(words[len(given)])
            and given_name(words[len(given)]) is not None
        ):
            given.append(words[len(given)])
        if not given and len(words) > 1 and not is_particle(words[0]) and words[0][:1].isupper():
            # An unknown first word before a surname is a given name all the same (Widad Benyoucef).
            given.append(words[0])
        # An initial ("J.", "J.-L.") is a given name too.
        while len(words) - len(given) > 1 and re.fullmatch(
            r"[A-Z][a-z]?\.(?:-[A-Z]\.)?", words[len(given)]
        ):
            given.append(words[len(given)])
    elif len(words) == 1 and not title:
        info = given_name(words[0])
        if info is not None and not info.common and _looks_given_only(words[0]):
            return PersonName("", (words[0],), "", info.gender)
    surname = " ".join(words[len(given) :])
    if gender == "-" and given:
        info = given_name(given[0])
        gender = info.gender if info else "-"
    return PersonName(title, tuple(given), surname, gender)


@cache
def _name_words(lang: str = "fr") -> tuple[frozenset[str], frozenset[str]]:
    """(particles, surname-like given names) from lang/<code>/names.toml."""
    data = read_toml(lang, "names.toml")
    return frozenset(data["particles"]), frozenset(fold(w) for w in data["surname_like"])


def particles(lang: str = "fr") -> frozenset[str]:
    """Surname particles (de, van, al, ben…), lower case."""
    return _name_words(lang)[0]


def _looks_given_only(word: str) -> bool:
    # A lone word that is a frequent surname too (Martin, Thomas, Michel) stays a surname.
    return fold(word) not in _name_words()[1]


def initials_match(initial: str, name: str) -> bool:
    """'J.-Y.' matches 'Jean-Yves', 'J.' matches 'Jean'."""
    letters = [p[0] for p in re.split(r"[-.\s]+", initial) if p]
    parts = [p[0] for p in re.split(r"[-\s]+", name) if p]
    return bool(letters) and letters == parts[: len(letters)]


def compatible_given(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Given names that can belong to one person: equal, one a prefix of the other, or initials."""
    if not a or not b:
        return True
    fa, fb = [fold(x) for x in a], [fold(x) for x in b]
    if fa[0] == fb[0]:
        return True
    if "." in a[0]:
        return initials_match(a[0], b[0])
    if "." in b[0]:
        return initials_match(b[0], a[0])
    # Recep Tayyip Erdogan / Tayyip Erdogan: one list of given names inside the other.
    return set(fa) <= set(fb) or set(fb) <= set(fa)


def is_particle(word: str) -> bool:
    return word.lower() in _name_words()[0]

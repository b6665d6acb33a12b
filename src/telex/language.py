"""Tells whether a text is in a language telex analyses: from its script, then its function words.

`telex analyze` and `telex ingest` call `language_problem` on every article and, by their
`--non-french` flag, analyse the ones that do not look French with a warning or leave them out.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from telex.lang import read_list

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Only the start of a text is read: enough to judge, and cheap on a 300,000-character article.
SAMPLE = 20_000
# Below this share of function words a text is not French prose; French news sits near 0.2.
MIN_SHARE = 0.06
# Too few words to judge (titles, captions) are given the benefit of the doubt.
MIN_WORDS = 30
# Letters needed to judge a text's script, about a sentence (Chinese or Japanese have no spaces
# between words, so they never reach MIN_WORDS).
MIN_LETTERS = 60
# French is written in Latin letters; a text with less than this share of them is in another
# script (Arabic, Cyrillic, Han…), whatever a few French names in it say.
MIN_LATIN = 0.5


def function_word_share(text: str, lang: str = "fr") -> float:
    """The share of words in `text` that are function words of `lang`."""
    words = [w.lower() for w in _WORD.findall(text[:SAMPLE])]
    if not words:
        return 0.0
    function_words = frozenset(read_list(lang, "function_words.txt"))
    return sum(w in function_words for w in words) / len(words)


def _script(letter: str) -> str:
    """The script a letter belongs to, from its Unicode name: LATIN, ARABIC, CYRILLIC, CJK…"""
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def language_problem(text: str, lang: str = "fr") -> str | None:
    """Why `text` does not look like `lang` (one line, for a warning), or None when it does.

    The caller says what it does about it ("analysed anyway", "skipped").
    """
    sample = text[:SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) >= MIN_LETTERS:
        scripts = Counter(_script(c) for c in letters)
        latin = scripts["LATIN"] / len(letters)
        if latin < MIN_LATIN:
            main = scripts.most_common(1)[0][0]
            main = main if len(main) <= 3 else main.title()  # CJK, Arabic, Cyrillic
            return (
                f"does not look French (written in {main} script: {1 - latin:.0%} of its "
                "letters are not Latin)"
            )
    if len(_WORD.findall(sample)) < MIN_WORDS:
        return None
    share = function_word_share(text, lang)
    if share < MIN_SHARE:
        return (
            f"does not look French ({share:.0%} French function words, French prose has about 20%)"
        )
    return None

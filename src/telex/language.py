"""Tells whether a text is in a language telex analyses, from its function words."""

from __future__ import annotations

import re

from telex.lang import read_list

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# Below this share of function words a text is not French prose; French news sits near 0.2.
MIN_SHARE = 0.06
# Too few words to judge (titles, captions) are given the benefit of the doubt.
MIN_WORDS = 30


def function_word_share(text: str, lang: str = "fr") -> float:
    """The share of words in `text` that are function words of `lang`."""
    words = [w.lower() for w in _WORD.findall(text[:20_000])]
    if not words:
        return 0.0
    function_words = frozenset(read_list(lang, "function_words.txt"))
    return sum(w in function_words for w in words) / len(words)


def language_problem(text: str, lang: str = "fr") -> str | None:
    """A one-line explanation when `text` does not look like `lang`, else None."""
    if len(_WORD.findall(text[:20_000])) < MIN_WORDS:
        return None
    share = function_word_share(text, lang)
    if share < MIN_SHARE:
        return (
            f"does not look French ({share:.0%} French function words, French prose has about "
            "20%); analysed anyway, expect poor results"
        )
    return None

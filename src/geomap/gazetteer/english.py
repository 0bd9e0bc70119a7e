"""Ordinary English words (the english-words lists), for telling a name's own words from English ones."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def ordinary_words() -> frozenset[str]:
    """Lower-case words of English dictionaries (web2, GCIDE): "nice", "stadium", not "Salem". Loaded on first
    use (a quarter of a second), then kept."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower())


def is_ordinary_word(word: str) -> bool:
    """`word` (lower case) is an English word, its regular plural ("veterans", "magistrates") or its British
    spelling ("harbour"), which the dictionaries list only as the singular and the American one."""
    words = ordinary_words()
    return (word in words or (word.endswith("s") and (word[:-1] in words or (word.endswith("es") and word[:-2] in words)))
            or (word.endswith("our") and word[:-3] + "or" in words))

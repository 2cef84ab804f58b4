"""Is this a real Dutch word? So that the typo corrector leaves real words alone.

The bot's own vocabulary is small (the words of its intents and data), so without a general
word list "haalde" would be "corrected" to "haalden" and "hoogte" to "hoogste". The word list is
the Dutch frequency dictionary of pyspellchecker (a maintained package), read lazily: only when
a question has a word the bot does not know. Reading it takes about half a second, so the set
of common words is kept in the user's cache folder, like the masked examples (bot/engine.py).
"""

from __future__ import annotations

import gzip
import json
import logging
import os
from functools import cache, lru_cache
from pathlib import Path

from bot.data.resources import cache_dir

log = logging.getLogger(__name__)

# Words seen at least this often in the list's corpus count as real words; rarer entries are
# mostly typos and names, which the corrector may still fix.
MIN_FREQUENCY = 20


def _cache_file() -> Path:
    from importlib import metadata  # only when the list is needed: it is slow to import

    try:
        version = metadata.version("pyspellchecker")
    except metadata.PackageNotFoundError:
        version = "none"
    return cache_dir() / f"dutch-words-{version}-{MIN_FREQUENCY}.txt"


def _from_package() -> frozenset[str]:
    from importlib import resources

    try:
        data = resources.files("spellchecker").joinpath("resources/nl.json.gz").read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        log.warning(
            "pyspellchecker's Dutch word list is not available; typo correction "
            "relies on the bot's own vocabulary only"
        )
        return frozenset()
    frequencies: dict[str, int] = json.loads(gzip.decompress(data))
    return frozenset(w for w, n in frequencies.items() if n >= MIN_FREQUENCY and w.isalpha())


class WordList:
    """Some hundred thousand words as one newline-separated string: about 3 MB, where a set of
    them takes over 40 MB. A look-up scans the string (well under a millisecond), and it is
    only needed for a word the bot does not know, once per word (the normaliser caches)."""

    def __init__(self, words: str) -> None:
        self._text = "\n" + words.strip() + "\n"

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and "\n" not in word and f"\n{word}\n" in self._text


@cache
def common_words() -> WordList:
    """The common Dutch words (lower case), from the cache or built once."""
    path = _cache_file()
    try:
        return WordList(path.read_text(encoding="utf-8"))
    except OSError:
        pass
    text = "\n".join(sorted(_from_package()))
    if text:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            log.debug("Dutch word list not cached at %s", path)
    return WordList(text)


@lru_cache(maxsize=50_000)
def is_dutch_word(word: str) -> bool:
    """Is this a common Dutch word? (A look-up scans the list, so each word's answer is kept.)"""
    return word in common_words()

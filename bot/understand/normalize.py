"""Free text to a canonical form: lower case, no accents, no markup, Flemish and informal
words mapped to standard Dutch, typos corrected against the known vocabulary.

Typos are corrected with the optimal-string-alignment distance (a swap of two letters counts
as one edit: "setpember", "chtas"), at most 1 edit for words up to 7 letters and 2 for longer
ones, and only towards words the bot knows; words of 3 letters or fewer are left alone, since
at that length nearly every word is one edit away from another.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from bot.understand.wordlist import is_dutch_word

MAX_INPUT_CHARS = 1000

_MENTION = re.compile(r"(?<!\w)@\w+")
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>")
_URL = re.compile(r"https?://\S+|www\.\S+")
_RANGE_TEM = re.compile(r"\bt\s*\.\s*e\s*\.\s*m\s*\.?|\bt\s*/\s*m\b|\btot\s+(?:en|&)\s+met\b|\btem\b")
_TOV = re.compile(r"\bt\s*\.\s*o\s*\.\s*v\s*\.?|\bten opzichte van\b")
_THOUSANDS = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{3})(?![\d.])")
_DATE_DOTS = re.compile(r"\b(\d{1,2})[.-](\d{1,2})(?:[.-](\d{2,4}))?\b(?=\s|$|[?!,;])")
_KEEP = re.compile(r"[^a-z0-9'/:%\-\s]")
_HYPHEN = re.compile(r"(?<=[a-z0-9])-(?=[a-z0-9])|(?<=\s)-|-(?=\s)")
_EDGE = re.compile(r"^[/:\-']+|[/:\-']+$")
# tokens whose apostrophe belongs to them: years ('19) and elisions ('t, 'k, 'n, 's)
_ELISION = re.compile(r"^'(?:\d\d|[tkns])$")


def fold(text: str) -> str:
    """Lower case without accents (é → e), Unicode-normalised."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def clean(text: str) -> str:
    """Folded text with mentions, URLs and markup characters removed; range markers unified
    ("t.e.m.", "t/m", "tot en met" → "tem"); hyphens become their own token."""
    t = fold(text[:MAX_INPUT_CHARS]).replace("’", "'").replace("‘", "'").replace("–", "-")
    t = _TAG.sub(" ", t)
    t = _MENTION.sub(" ", t)
    t = _URL.sub(" ", t)
    t = _RANGE_TEM.sub(" tem ", t)
    t = _TOV.sub(" tov ", t)
    t = _THOUSANDS.sub(r"\1\2", t)
    t = _DATE_DOTS.sub(lambda m: "/".join(g for g in m.groups() if g), t)
    t = _KEEP.sub(" ", t)
    t = _HYPHEN.sub(" - ", t)
    return " ".join(t.split())


class Normalizer:
    """Turns text into canonical tokens. `vocabulary` is every word the bot knows."""

    def __init__(self, vocabulary: Iterable[str], colloquial: dict[str, str]) -> None:
        self.colloquial = colloquial
        self.vocabulary = frozenset(vocabulary) | frozenset(w for v in colloquial.values() for w in v.split())
        # Correction candidates: the longer words only, so short tokens are never pulled in.
        self._candidates = sorted(w for w in self.vocabulary if len(w) >= 4 and w.isalpha())
        self._cache: dict[str, str] = {}

    def tokens(self, text: str, correct: bool = True) -> list[str]:
        out: list[str] = []
        for raw in clean(text).split():
            trimmed = raw.rstrip("/:-'") if raw != "-" else raw
            token = trimmed if raw == "-" or _ELISION.match(trimmed) else _EDGE.sub("", raw)
            if not token:
                continue
            mapped = self.colloquial.get(token)
            if mapped is not None:
                out.extend(mapped.split())
                continue
            if correct:
                out.extend(self._correct(token).split())
            else:
                out.append(token)
        return out

    def normalize(self, text: str, correct: bool = True) -> str:
        return " ".join(self.tokens(text, correct))

    def _correct(self, token: str) -> str:
        if token in self.vocabulary or len(token) <= 3 or not token.isalpha():
            return token
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        fixed = self._split_compound(token, fuzzy_tail=False)
        if fixed is None and not is_dutch_word(token):
            # only a word that is not Dutch is a typo: "haalde" and "hoogte" stay as they are
            fixed = self._nearest(token) or self._split_compound(token, fuzzy_tail=True)
        fixed = fixed or token
        if len(self._cache) < 50_000:
            self._cache[token] = fixed
        return fixed

    def _nearest(self, token: str) -> str | None:
        """The closest known word, if it starts like the token: people rarely mistype the
        first letter, and "haalde" must not become "daalde"."""
        limit = 1 if len(token) <= 7 else 2
        found = process.extract(token, self._candidates, scorer=OSA.distance, score_cutoff=limit, limit=8)
        # On equal distance prefer a longer word: a dropped letter is the commonest typo
        # ("jongren" is "jongeren" rather than "jongen").
        found.sort(key=lambda hit: (hit[1], len(hit[0]) <= len(token)))
        for word, _, _ in found:
            if word[0] == token[0] or word[:2] == token[1::-1]:
                return word
        return None

    def _split_compound(self, token: str, fuzzy_tail: bool) -> str | None:
        """'woensdagmiddag' → 'woensdag middag': a known word of 3+ letters followed by a known
        word (or, with fuzzy_tail, a word of 5+ letters one typo away from a known one)."""
        for cut in range(len(token) - 3, 2, -1):
            head, tail = token[:cut], token[cut:]
            if head not in self.vocabulary:
                continue
            if not fuzzy_tail and tail in self.vocabulary:
                return f"{head} {tail}"
            if fuzzy_tail and len(head) >= 4 and len(tail) >= 5:
                near = self._nearest(tail)
                if near:
                    return f"{head} {near}"
        return None

"""Intent matching: the masked question against the masked example phrasings.

Both sides go through the same normalisation and slot masking, so "hoeveel gesprekken in mei
2020" and the example "hoeveel chats waren er in april" meet as "hoeveel xmetriek in xperiode".
An intent's score blends two views of the same examples:
- the wording: rapidfuzz similarity of the question to the intent's closest example (the mean of
  token_sort_ratio and token_set_ratio: order-tolerant, without rewarding a short phrase for
  merely being contained in a long one), and
- the words: the question's content words weighted by how specific they are to few intents
  (inverse document frequency over intents), as the share the intent's examples cover together
  and as the overlap (weighted Dice) with the intent's closest single example. Words match on a
  shared stem of 4+ letters ("vlog" ~ "vlogger").
A decision needs a minimum score and a margin over the best other intent (bot/engine.py).

Speed: the word view runs over an inverted index (word → examples), and every new word's stem
matches are computed once; the wording view uses rapidfuzz's native scorers.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from bot.understand.intents import IntentSpec

# Weights chosen on the leave-one-out accuracy and the evaluation sets (README, Evaluation).
WORDING_WEIGHT = 0.5
KEYWORD_WEIGHT = 1 - WORDING_WEIGHT
# Of the keyword score: the share from the closest single example; the rest comes from the words
# of all the intent's examples together.
EXAMPLE_SHARE = 0.5
STEM = 4
WORDING_CANDIDATES = 120
_MAX_CACHED_WORDS = 50_000


def similarity(query: str, choice: str) -> float:
    """The wording score of one pair: word order does not matter, and a short phrase is not
    rewarded for merely being contained in a long one (as by token_set_ratio alone)."""
    return 0.5 * fuzz.token_sort_ratio(query, choice) + 0.5 * fuzz.token_set_ratio(query, choice)


def stems_match(word: str, other: str) -> bool:
    """Equal, or sharing a stem: the longer word minus up to three letters, at least four."""
    if word == other:
        return True
    if len(word) >= STEM and other.startswith(word[: max(STEM, len(word) - 3)]):
        return True
    return len(other) >= STEM and word.startswith(other[: max(STEM, len(other) - 3)])


@dataclass(frozen=True)
class Ranked:
    """An intent's score for one question, and its closest example."""

    intent: str
    score: float
    example: str


class IntentMatcher:
    """Scores intents for a masked question against their masked examples."""

    def __init__(
        self, specs: Sequence[IntentSpec], mask: Callable[[str], str], stopwords: Collection[str]
    ) -> None:
        self._stopwords = frozenset(stopwords)
        self._choices: list[str] = []
        self._owner: list[str] = []
        self._raw: list[str] = []
        words_of: list[frozenset[str]] = []
        for spec in specs:
            for example in spec.examples:
                masked = mask(example)
                if masked:
                    self._choices.append(masked)
                    self._owner.append(spec.name)
                    self._raw.append(example)
                    words_of.append(frozenset(self.content_words(masked)))
        self._intents = sorted(set(self._owner))
        self._vocab = sorted({w for words in words_of for w in words})
        self._by_word: dict[str, list[int]] = defaultdict(list)
        for index, words in enumerate(words_of):
            for word in words:
                self._by_word[word].append(index)
        self._matches: dict[str, tuple[int, ...]] = {}
        # Words of 4+ letters can only share a stem with words of the same first four letters.
        self._by_prefix: dict[str, list[str]] = defaultdict(list)
        for word in self._vocab:
            self._by_prefix[word[:STEM]].append(word)
        # IDF over intents: in how many intents does a word (or a word of its stem) occur?
        count = len(self._intents)
        self._idf = {
            w: math.log((count + 1) / (1 + len({self._owner[i] for i in self._hits(w)}))) + 0.1
            for w in self._vocab
        }
        self._unknown = sum(self._idf.values()) / max(1, len(self._idf))
        self._example_weight = [sum(self._weight(w) for w in words) for words in words_of]

    def content_words(self, masked: str) -> list[str]:
        """The words of a masked text that can tell intents apart."""
        return [w for w in masked.split() if len(w) > 2 and w not in self._stopwords and not w.isdigit()]

    @property
    def examples(self) -> list[tuple[str, str, str]]:
        """(intent, example, masked example) for every example."""
        return list(zip(self._owner, self._raw, self._choices, strict=True))

    def rank(self, masked: str, exclude: int | None = None) -> list[Ranked]:
        """Intents by score, best first. `exclude` leaves one example out (leave-one-out
        evaluation): it then counts neither for the wording nor for the words."""
        if not masked.strip():
            return []
        coverage, closest, shared = self._keywords(set(self.content_words(masked)), exclude)
        wording = self._wording(masked, exclude, shared)
        ranked = []
        for intent, (score, example) in wording.items():
            keyword = (1 - EXAMPLE_SHARE) * coverage.get(intent, 0.0) + EXAMPLE_SHARE * closest.get(
                intent, 0.0
            )
            ranked.append(Ranked(intent, WORDING_WEIGHT * score + KEYWORD_WEIGHT * keyword, example))
        return sorted(ranked, key=lambda r: -r.score)

    def _wording(
        self, masked: str, exclude: int | None, shared: dict[int, float]
    ) -> dict[str, tuple[float, str]]:
        """Best wording score per intent, over the examples that share the most words with the
        question (all examples when it shares none): the closest example of an intent is
        practically always among them, and scoring a few dozen is much faster than all."""
        if shared:
            ranked = sorted(shared, key=shared.__getitem__, reverse=True)[:WORDING_CANDIDATES]
            indices = [i for i in ranked if i != exclude]
        else:
            indices = [i for i in range(len(self._choices)) if i != exclude]
        best: dict[str, tuple[float, str]] = {}
        for index in indices:
            value = similarity(masked, self._choices[index])
            owner = self._owner[index]
            if owner not in best or value > best[owner][0]:
                best[owner] = (value, self._raw[index])
        return best

    def _keywords(
        self, words: set[str], exclude: int | None
    ) -> tuple[dict[str, float], dict[str, float], dict[int, float]]:
        """Per intent: the weighted share of the question's words its examples use, and the
        weighted Dice overlap with its closest example; and per example the shared weight."""
        total = sum(self._weight(w) for w in words)
        if not total:
            return {}, {}, {}
        covered: dict[str, float] = defaultdict(float)
        shared: dict[int, float] = defaultdict(float)
        for word in words:
            weight = self._weight(word)
            owners = set()
            for index in self._hits(word):
                if index == exclude:
                    continue
                shared[index] += weight
                owners.add(self._owner[index])
            for owner in owners:
                covered[owner] += weight
        coverage = {owner: 100.0 * value / total for owner, value in covered.items()}
        closest: dict[str, float] = {}
        for index, value in shared.items():
            dice = 200.0 * value / (total + self._example_weight[index])
            owner = self._owner[index]
            if dice > closest.get(owner, 0.0):
                closest[owner] = dice
        return coverage, closest, shared

    def _weight(self, word: str) -> float:
        """A word no example uses weighs as much as an average word: enough to lower every
        intent's score, not so much that it drowns the words that do tell intents apart."""
        return self._idf.get(word, self._unknown)

    def _hits(self, word: str) -> tuple[int, ...]:
        """The examples that use this word or a word of the same stem (computed once a word)."""
        cached = self._matches.get(word)
        if cached is None:
            pool = self._by_prefix.get(word[:STEM], []) if len(word) >= STEM else [word]
            cached = tuple(
                sorted(
                    {i for v in pool if v in self._by_word and stems_match(word, v) for i in self._by_word[v]}
                )
            )
            if len(self._matches) < _MAX_CACHED_WORDS:
                self._matches[word] = cached
        return cached

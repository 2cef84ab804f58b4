"""Intent matching: the masked question against the masked example phrasings.

Both sides go through the same normalisation and slot masking, so "hoeveel gesprekken in mei
2020" and the example "hoeveel chats waren er in april" meet as "hoeveel xmetriek in xperiode".
An intent's score blends two views of the same examples:
- the rapidfuzz similarity of the question to the intent's closest example (the wording), and
- the share of the question's content words that the intent's examples use, each word weighted
  by how specific it is to few intents (inverse document frequency over intents), so that a word
  like "vlog" counts for far more than "chat" does. Words match on a shared stem of 4+ letters
  ("vlog" ~ "vlogger").
A decision needs a minimum score and a margin over the best other intent (bot/engine.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.intents import IntentSpec

# Weights chosen on the leave-one-out accuracy and the evaluation sets (README, Evaluation).
WORDING_WEIGHT = 0.5
KEYWORD_WEIGHT = 1 - WORDING_WEIGHT
# Of the keyword score: the share from the closest single example, the rest from the words of
# all the intent's examples together.
EXAMPLE_SHARE = 0.5
STEM = 4


def similarity(query: str, choice: str, **_: object) -> float:
    """Word-order-tolerant similarity that does not reward a short phrase for merely being
    contained in a long one (token_set_ratio alone would give 100 to any subset)."""
    return 0.5 * fuzz.token_sort_ratio(query, choice) + 0.5 * fuzz.token_set_ratio(query, choice)


@dataclass(frozen=True)
class Ranked:
    intent: str
    score: float
    example: str


class IntentMatcher:
    def __init__(self, specs: Sequence[IntentSpec], mask: Callable[[str], str],
                 stopwords: Collection[str]) -> None:
        self._stopwords = frozenset(stopwords)
        self._choices: list[str] = []
        self._owner: list[str] = []
        self._raw: list[str] = []
        self._words: list[frozenset[str]] = []
        for spec in specs:
            for example in spec.examples:
                masked = mask(example)
                if masked:
                    self._choices.append(masked)
                    self._owner.append(spec.name)
                    self._raw.append(example)
                    self._words.append(frozenset(self.content_words(masked)))
        self._intents = sorted(set(self._owner))
        self._vocab = {name: self._intent_vocab(name, None) for name in self._intents}
        self._idf = self._inverse_frequencies(self._vocab)

    def content_words(self, masked: str) -> list[str]:
        return [w for w in masked.split() if len(w) > 2 and w not in self._stopwords
                and not w.isdigit()]

    @property
    def examples(self) -> list[tuple[str, str, str]]:
        """(intent, example, masked example) for every example."""
        return list(zip(self._owner, self._raw, self._choices, strict=True))

    def rank(self, masked: str, exclude: int | None = None) -> list[Ranked]:
        """Intents by score, best first. `exclude` leaves one example out (leave-one-out
        evaluation): it then counts neither for the wording nor for the vocabulary."""
        if not masked.strip():
            return []
        vocab = self._vocab
        if exclude is not None:
            owner = self._owner[exclude]
            vocab = {**vocab, owner: self._intent_vocab(owner, exclude)}
        words = self.content_words(masked)
        hits = process.extract(masked, self._choices, scorer=similarity, limit=None)
        best: dict[str, tuple[float, str]] = {}
        for _, value, index in hits:
            if index == exclude:
                continue
            owner = self._owner[index]
            if owner not in best or value > best[owner][0]:
                best[owner] = (value, self._raw[index])
        closest = self._closest_examples(words, exclude)
        ranked = []
        for intent, (wording, example) in best.items():
            coverage = self._keyword_score(words, vocab[intent])
            keyword = (1 - EXAMPLE_SHARE) * coverage + EXAMPLE_SHARE * closest.get(intent, 0.0)
            total = WORDING_WEIGHT * wording + KEYWORD_WEIGHT * keyword
            ranked.append(Ranked(intent, total, example))
        return sorted(ranked, key=lambda r: -r.score)

    def _closest_examples(self, words: list[str], exclude: int | None) -> dict[str, float]:
        """Per intent, the IDF-weighted Dice overlap of the question with its closest example:
        a big intent cannot win on the union of all its examples' words alone."""
        unknown_weight = self._unknown_weight()
        query = set(words)
        q_weight = sum(self._idf.get(w, unknown_weight) for w in query)
        best: dict[str, float] = {}
        if not q_weight:
            return best
        for i, example_words in enumerate(self._words):
            if i == exclude or not example_words:
                continue
            shared = sum(self._idf.get(w, unknown_weight) for w in query
                         if _stem_in(w, example_words))
            if not shared:
                continue
            e_weight = sum(self._idf.get(w, unknown_weight) for w in example_words)
            dice = 200.0 * shared / (q_weight + e_weight)
            owner = self._owner[i]
            if dice > best.get(owner, 0.0):
                best[owner] = dice
        return best

    def _unknown_weight(self) -> float:
        """A word no example uses weighs as much as an average word: enough to lower every
        intent's score, not so much that it drowns the words that do tell intents apart."""
        return sum(self._idf.values()) / max(1, len(self._idf))

    def _keyword_score(self, words: list[str], vocab: frozenset[str]) -> float:
        if not words:
            return 0.0
        unknown_weight = self._unknown_weight()
        total = matched = 0.0
        for word in words:
            weight = self._idf.get(word, unknown_weight)
            total += weight
            if _stem_in(word, vocab):
                matched += weight
        return 100.0 * matched / total if total else 0.0

    def _intent_vocab(self, intent: str, exclude: int | None) -> frozenset[str]:
        words: set[str] = set()
        for i, owner in enumerate(self._owner):
            if owner == intent and i != exclude:
                words |= self._words[i]
        return frozenset(words)

    def _inverse_frequencies(self, vocab: dict[str, frozenset[str]]) -> dict[str, float]:
        count = len(vocab)
        every = {w for words in vocab.values() for w in words}
        return {w: math.log((count + 1) / (1 + sum(_stem_in(w, v) for v in vocab.values())))
                + 0.1 for w in every}


def _stem_in(word: str, vocab: frozenset[str]) -> bool:
    if word in vocab:
        return True
    if len(word) < STEM:
        return False
    stem = word[:max(STEM, len(word) - 3)]
    return any(v.startswith(stem) or (len(v) >= STEM and word.startswith(v[:max(STEM, len(v) - 3)]))
               for v in vocab)

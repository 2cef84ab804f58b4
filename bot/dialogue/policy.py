"""The decision policy: which intent answers a question, or which options to offer.

The matcher scores intents on wording (bot.understand.matcher); the slots are evidence of their
own (a metric named points at the figures intent, a weekday at the opening hours). The
thresholds are declared settings (as Rasa's FallbackClassifier takes `threshold` and
`ambiguity_threshold`), chosen with `hulplijnbot eval --intents` and the evaluation sets.
Which intent the slots point to is declared by the intents themselves (`[options] evidence`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.understand.intents import IntentSpec
from bot.understand.matcher import Ranked
from bot.understand.reading import QUESTION_WORDS
from bot.understand.slots import Slots

# "welke dag": the word after "welke" is a thing asked about
_ASKED_ABOUT = re.compile(r"(?<![\w])welke? (\w+)")
# A question word anywhere makes a follow-up a question of its own ("en wanneer is de chat open?").
_QUESTION_WORD = re.compile(rf"(?:^|\s)(?:{'|'.join((*QUESTION_WORDS, 'geef', 'toon'))})\b")


@dataclass(frozen=True)
class Thresholds:
    """Scores are 0-100. Below `ask` nothing is answered; between `ask` and `answer`, or within
    `margin` of another intent, the bot asks "Bedoelde je ...?"."""

    answer: float = 45.0
    ask: float = 32.0
    margin: float = 6.0
    slot_bonus: float = 7.0  # per kind of slot the intent takes that the question has
    unknown_word_penalty: float = 8.0  # a figure intent needs this much more with unknown words
    close: float = 12.0  # options within this much of the best are offered together
    followup_switch: float = 10.0  # a follow-up moves to another intent only this far above


THRESHOLDS = Thresholds()
SMALLTALK = "smalltalk"
FIGURE_HANDLERS = frozenset({"metric", "shares"})


def slot_kinds(slots: Slots) -> set[str]:
    """The kinds of slot a question has, as intents declare them in `slots`."""
    kinds = set()
    if slots.strong_metric:
        kinds.add("metric")
    if slots.helplines:
        kinds.add("helpline")
    if slots.categories or slots.excluded_categories:  # ("als je X en Y weglaat": groups too)
        kinds.add("category")
    if slots.weekdays:
        kinds.add("weekday")
    if slots.hour is not None:
        kinds.add("hour")
    if slots.aggregation:
        kinds.add("aggregation")
    if slots.none_from and slots.strong_metric:
        # "vanaf welke maand kwamen er geen doorverwijzingen meer?": a month of a measure, whatever
        # "vanaf wanneer" resembles (the opening hours were given)
        kinds.add("counted")
    if slots.percent_question and (not (slots.counted_metric or slots.strong_metric) or slots.categories):
        # only the share intents give percentages of groups; a share of a monthly measure
        # ("welk deel van de doorverwijzingen viel in april?") is a part of its own total
        kinds.add("dimension")
    if slots.categories:
        # "hoeveel gesprekken gaan over misbruik": a category is a part of the conversations,
        # and its share is what is asked, not the conversations
        kinds -= {"metric"}
    elif slots.counted_metric or (slots.base_metric and len(slots.metrics) > 1):
        # ("welk percentage van de gesprekken kwam via een doorverwijzing": a measure as a
        # part of another is counted too)
        # "hoeveel gesprekken ...": what is counted is the metric, so the question is for an
        # intent that counts metrics, even when it also names a weekday or "nieuw"
        kinds.add("counted")
    return kinds


class Policy:
    """Decides on the ranked intents of one question, given whether it follows up another."""

    def __init__(self, specs: Mapping[str, IntentSpec], thresholds: Thresholds = THRESHOLDS) -> None:
        self.specs = specs
        self.t = thresholds

    def boost(self, ranked: list[Ranked], slots: Slots, normalized: str) -> list[Ranked]:
        """The matcher's ranking with the slot evidence added, and intents whose required words
        or dimensions the question lacks left out."""
        kinds = slot_kinds(slots)
        out: list[Ranked] = []
        for r in ranked:
            spec = self.specs[r.intent]
            if spec.requires is not None and not spec.requires.search(normalized):
                continue  # e.g. no chart without a word for a chart
            if spec.options.get("asks_no_count") and slots.count_question:
                continue  # "hoeveel gesprekken werden er geteld in mei?" asks the figure
            served = spec.options.get("dimensions")
            if served and slots.dimensions and not set(served) & set(slots.dimensions):
                continue  # a profile group is not a problem category, nor the other way round
            takes = set(spec.slots) | ({"counted"} if "metric" in spec.slots else set())
            out.append(Ranked(r.intent, r.score + self.t.slot_bonus * len(kinds & takes), r.example))
        return sorted(out, key=lambda r: -r.score)

    def by_slots(self, slots: Slots) -> IntentSpec | None:
        """The intent the slots alone point to, when the wording does not decide."""
        for kind in ("metric", "category", "weekday"):
            if not self._has_evidence(slots, kind):
                continue
            for spec in self.specs.values():
                if kind not in spec.evidence:
                    continue
                served = spec.options.get("dimensions")
                if kind == "category" and served and not {d for d, _ in slots.categories} & set(served):
                    continue
                return spec
        return None

    def by_slots_kind(self, kind: str) -> IntentSpec | None:
        """The intent that declares this kind of slot as its evidence ("metric": the figures)."""
        return next((s for s in self.specs.values() if kind in s.evidence), None)

    @staticmethod
    def _has_evidence(slots: Slots, kind: str) -> bool:
        if kind == "metric":
            return bool((slots.strong_metric or slots.helplines) and not slots.categories)
        if kind == "category":
            return bool(slots.categories or slots.excluded_categories)
        return bool(slots.weekdays or slots.hour is not None)

    def switch_on_slots(self, slots: Slots, intent: str) -> str:
        """A follow-up that brings a slot of another family moves to that family's intent."""
        current = self.specs[intent]
        target = self.by_slots(slots)
        if target is None or target.name == intent:
            return intent
        if "metric" in target.evidence and "metric" in current.slots:
            return intent  # a chart, table or campaign question keeps its metric
        if "category" in target.evidence and current.handler not in FIGURE_HANDLERS:
            return intent
        return target.name

    def decide(
        self,
        slots: Slots,
        ranked: list[Ranked],
        unknown_words: bool,
        previous_intent: str | None,
        names: frozenset[str] = frozenset(),
    ) -> tuple[IntentSpec | None, list[Ranked]]:
        """The intent to answer with, or the candidates to offer ("Bedoelde je ...?").
        `previous_intent` is given only when the question follows up the previous one; `names`
        are words that name no topic: written as names ("Child Focus"), or narrowing ("enkel")."""
        t = self.t
        if any(m.group(1) in slots.content for m in _ASKED_ABOUT.finditer(slots.masked)):
            # "op welke dag was dat?": a word after "welke" is a thing asked about, never a
            # greeting ("dag"), as in "dag, wat is dat voor bot?"
            ranked = [r for r in ranked if self.specs[r.intent].handler != SMALLTALK]
        if previous_intent is not None and previous_intent in self.specs:
            switched = self.switch_on_slots(slots, previous_intent)
            best = ranked[0] if ranked else None
            names_measure = bool(slots.metrics or slots.categories or slots.dimensions)
            # ("en wat is de meest gemelde problematiek?" after the callers' profile names a split
            # the profile does not serve: it was ranked as the profile)
            served = set(self.specs[switched].options.get("dimensions", []))
            keeps = (
                (slots.followup or (slots.aggregation == "vergelijking" and not names_measure))
                and (slots.rank_position or slots.top_n or slots.aggregation)
                and "aggregation" in self.specs[switched].slots
                and not (served and set(slots.dimensions) - served)
            )
            # "en van Child Focus?", "en als je enkel mei telt?": only what changes, asking nothing
            # of its own and naming no topic of another intent but by a name (a name the
            # chat's history mentions took the question there); "en de geschiedenis?" switches
            topic = best is not None and any(
                w not in names and w in self.specs[best.intent].words - self.specs[previous_intent].words
                for w in slots.content
            )
            only_changes = (
                slots.followup
                and not topic
                and not names_measure
                and not slots.count_question
                and not slots.when_question
                and not slots.meaning_question
                and _QUESTION_WORD.search(slots.masked) is None
            )
            # "hoeveel nieuwe oproepers leverde die op?" after the campaign: "die" is what that
            # answer told of, whose measure the campaign's own answer gives (a year was given)
            # ("hoeveel nieuwe oproepers waren er die week?" points at the week, which the
            # figures give)
            pointed = (
                slots.anaphora
                and not slots.points_back
                and switched == previous_intent
                and self.specs[previous_intent].handler not in FIGURE_HANDLERS
                and "metric" in self.specs[previous_intent].slots
                and not (slots.years or slots.months or slots.date or slots.relative_year is not None)
            )
            # "en hoe zat dat in 2019?": a question word and "dat" about what was asked, in
            # another period (a choice of topics was offered)
            same_again = (
                slots.followup
                and slots.anaphora
                and not topic
                and not names_measure
                and all(w in QUESTION_WORDS for w in slots.content)
            )
            # "welk percentage van het totaal is dat?" after a count: that count's share, naming no
            # split of the shares intents (which of the two was asked back)
            # (a measure named is the whole: "welk deel is dat van alle doorverwijzingen?")
            # ("wat is het precieze percentage dan?" after a share claimed: that share)
            share_of_before = (
                slots.percent_question
                and (slots.anaphora or slots.then_after)
                and not (slots.categories or slots.dimensions)
                and self.specs[switched].handler == "metric"
            )
            if (
                best is None
                or pointed
                or same_again
                or share_of_before
                or best.score < t.answer + t.followup_switch
                or best.intent == previous_intent
                or not slots.content
                or only_changes
                or keeps
                or self.specs[best.intent].handler == "no_data"
            ):
                return self.specs[switched], []
        if not ranked:
            return self.by_slots(slots), []
        best = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else Ranked("", 0.0, "")
        evidence = self.by_slots(slots)
        figures = self.specs[best.intent].handler in FIGURE_HANDLERS
        needed = t.answer + (t.unknown_word_penalty if unknown_words and figures else 0)
        if best.score >= needed and best.score - runner.score >= t.margin:
            if (
                self.specs[best.intent].handler == "no_data"
                and evidence is not None
                and (slots.strong_metric or slots.categories)
                and slots.asks_figure
                and evidence.name in [r.intent for r in ranked[:3]]
            ):
                # named figures of ours outweigh a resemblance to an out-of-scope question;
                # the answer family still refuses what the data does not hold
                return evidence, []
            return self.specs[best.intent], []
        top = [r.intent for r in ranked[:3]]
        if (
            evidence is not None
            and best.score >= t.ask
            and evidence.name in top
            and (not unknown_words or "metric" not in evidence.evidence or slots.asks_figure)
        ):
            # the slots say what is asked (a category, a weekday) where the wording is unsure
            return evidence, []
        if best.score >= t.ask:
            close = [
                r
                for r in ranked[:4]
                if r.score >= t.ask
                and best.score - r.score <= t.close
                and self.specs[r.intent].handler != "no_data"
                and (self.specs[r.intent].handler != SMALLTALK or r is best)
            ][:3]
            if (
                len(close) == 1
                and close[0].intent == best.intent
                and (not unknown_words or self.specs[best.intent].handler in ("lookup", "opening_hours"))
            ):
                return self.specs[best.intent], []
            if close and not (len(close) == 1 and self.specs[close[0].intent].handler == SMALLTALK):
                return None, close
        if evidence is not None and not unknown_words and best.score >= t.ask - 10:
            return evidence, []
        return None, []

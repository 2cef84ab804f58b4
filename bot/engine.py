"""The core: `Engine.answer(question, context) -> Answer`. Knows nothing of Telegram.

One question goes through: normalisation (bot.understand.normalize) → slot extraction (bot.understand.slots) →
intent matching on the masked text (bot.understand.matcher) → a decision (confident, follow-up, unsure,
out of scope) → a frame of slots merged with the conversation context → the intent's handler
(bot.answer.handlers), which runs the intent's parameterised queries and fills its templates.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot import __version__
from bot.answer import handlers
from bot.data.resources import db_path, intents_dir
from bot.data.store import Store
from bot.model import Answer, Context, Option
from bot.understand import normalize as normalize_module
from bot.understand import slots as slots_module
from bot.understand.intents import IntentSpec, load_intents
from bot.understand.lexicon import Lexicon, load_lexicon
from bot.understand.matcher import IntentMatcher, Ranked
from bot.understand.normalize import MAX_INPUT_CHARS, Normalizer
from bot.understand.slots import PLACEHOLDERS, SlotExtractor, Slots

log = logging.getLogger(__name__)

# Text that reads as a database command rather than a question (it is never run: no user text
# reaches SQL), answered with a plain explanation.
_SQL = re.compile(
    r"(?is)\b(select\b.+\bfrom|drop\s+table|insert\s+into|delete\s+from|update\b.+\bset|"
    r"union\s+select|alter\s+table|create\s+table)\b|;\s*--|'\s*or\s*'1'\s*=\s*'1"
)

# Decision thresholds over the matcher's 0-100 scores, chosen with `hulplijnbot eval --intents`
# and the evaluation sets: below MIN_SCORE nothing is answered; between ASK_SCORE and MIN_SCORE,
# or within MARGIN of another intent, the bot asks "Bedoelde je ...?".
MIN_SCORE = 45.0
ASK_SCORE = 32.0
MARGIN = 6.0
# An intent that takes the kind of slot the question has (a metric, a helpline, a category, a
# weekday or hour) gets this much per kind: the slots are strong evidence of what is asked.
SLOT_BONUS = 7.0
# The slots an answer reports (ask --json, logs): what the question was understood to be about,
# not the engine's bookkeeping.
PUBLIC_SLOTS = frozenset(
    {
        "metric",
        "helpline",
        "helplines",
        "years",
        "months",
        "aggregation",
        "categories",
        "dimensions",
        "weekdays",
        "hour",
        "day_part",
        "date",
        "whole_year",
        "relative_year",
        "top_n",
        "rank_position",
        "numbers",
        "premise",
        "fabrication",
        "resolved_years",
        "resolved_date",
        "breakdown",
        "week",
        "age_range",
        "open_range_from",
    }
)
# How many distinct questions Engine.understand remembers (a few MB at most).
UNDERSTOOD_MAX = 20_000
# Above this many words a message is read sentence by sentence (see _answer).
LONG_MESSAGE_WORDS = 45
_FROM = re.compile(r"(?<![\w])(?:van|vanuit|door|via) (?:de |het )?([a-z]+(?:-[a-z]+)?)")
_ABOUT = re.compile(r"(?<![\w])over (?:de |het |een )?([a-z]+)")
_QUESTION_START = re.compile(
    r"(hoeveel|hoe|wat|welke?|wanneer|waar|wie|waarom|kan|kun|kunt|klopt|is|zijn|was|waren|"
    r"geef|toon|graag)\b"
)

# Intents that answer with figures: an unknown content word makes them more careful.
FIGURE_INTENTS = frozenset({"cijfers", "problematiek", "profiel"})
CARRIED_SLOTS = (
    "metric",
    "helpline",
    "helplines",
    "years",
    "months",
    "span",
    "aggregation",
    "categories",
    "dimensions",
    "weekdays",
    "hour",
    "day_part",
    "date",
    "whole_year",
    "open_range_from",
    "resolved_years",
    "top_n",
    "resolved_date",
    "chain_months",
    "chain_helplines",
)


class MaskCache:
    """The masked form of every example, kept between runs in the user's cache folder (as
    Python keeps __pycache__), so that `hulplijnbot ask` does not mask 800 examples at each
    start. Keyed by a fingerprint of all it depends on; a cache that cannot be read or written
    is simply not used."""

    def __init__(self, fingerprint: str) -> None:
        base = os.environ.get("HULPLIJNBOT_CACHE_DIR") or os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "hulplijnbot"
        )
        self.path = Path(base) / f"masks-{fingerprint}.json"
        self.masks: dict[str, str] = {}
        self.dirty = False
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self.masks = {str(k): str(v) for k, v in loaded.items()}
        except (OSError, ValueError):
            pass

    def wrap(self, mask: Callable[[str], str]) -> Callable[[str], str]:
        def cached(example: str) -> str:
            found = self.masks.get(example)
            if found is None:
                found = self.masks[example] = mask(example)
                self.dirty = True
            return found

        return cached

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(self.masks, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            log.debug("mask cache not written to %s", self.path)


class Engine:
    """Answers questions from one read-only store with one set of intents."""

    def __init__(self, store: Store, intents_path: Path | None = None) -> None:
        self.store = store
        folder = intents_path or intents_dir()
        self.lexicon: Lexicon = load_lexicon(folder / "lexicon.toml", store)
        self.specs: dict[str, IntentSpec] = {s.name: s for s in load_intents(folder)}
        self.normalizer = Normalizer(self._vocabulary(), self.lexicon.colloquial)
        self.extractor = SlotExtractor(self.lexicon, self.normalizer.normalize)
        self.extractor.small_words = frozenset(self._matcher_stopwords())
        masks = MaskCache(self._fingerprint(folder))
        self.matcher = IntentMatcher(
            list(self.specs.values()), masks.wrap(self._mask_example), self._matcher_stopwords()
        )
        masks.save()
        self._known_words = self.normalizer.vocabulary
        self._understood: dict[str, tuple[str, Slots, list[Ranked]]] = {}
        self._requires = {
            name: re.compile("|".join(rf"(?<![\w]){re.escape(n)}" for n in needs))
            for name, spec in self.specs.items()
            if (needs := spec.options.get("requires_any"))
        }

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, intents_path: Path | None = None) -> Engine:
        """An engine over the database at `db` (default: $HULPLIJNBOT_DB or the bundled one)."""
        return cls(Store(db_path(db)), intents_path)

    def close(self) -> None:
        self.store.close()

    def warm_up(self) -> int:
        """Answer, once, a question for every metric and month the data holds and one example
        of every intent, so that a long-running bot answers its first real questions from warm
        caches (query results, understood text). Returns how many it asked."""
        questions = [spec.examples[0] for spec in self.specs.values() if spec.examples]
        for row in handlers.availability(self):
            entity = next(e for e in self.lexicon.entities_of("metric") if e.key == row["metric"])
            alias = entity.aliases[0]
            questions.append(f"hoeveel {alias} in {row['year']}")
            questions += [
                f"hoeveel {alias} in {self.lexicon.month_names[m - 1]} {row['year']}" for m in row["months"]
            ]
        for question in questions:
            self.answer(question)
        return len(questions)

    # -- the public core ---------------------------------------------------------------

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """The reply to one question, given the conversation so far. Never raises."""
        try:
            return self._answer(question if isinstance(question, str) else "", context)
        except Exception:  # the user gets an apology, the log gets the details
            log.exception("answer failed for %r", (question or "")[:200])
            return Answer(
                text="Sorry, er ging iets mis bij het opzoeken. Probeer het nog eens, of anders "
                "geformuleerd.",
                answered=False,
                context=context or Context(),
            )

    def choose(self, intent: str, context: Context | None = None) -> Answer:
        """Answer the question that got "Bedoelde je ...?" as `intent`."""
        if intent not in self.specs or context is None or context.pending is None:
            return Answer(
                text="Die keuze is verlopen. Stel je vraag gerust opnieuw.",
                answered=False,
                context=context or Context(),
            )
        try:
            frame = dict(context.pending)
            return self._run(self.specs[intent], frame, Slots(), context)
        except Exception:
            log.exception("choose failed for %s", intent)
            return Answer(
                text="Sorry, er ging iets mis. Probeer het nog eens.", answered=False, context=context
            )

    # -- understanding -------------------------------------------------------------------

    def understand(self, question: str) -> tuple[str, Slots, list[Ranked]]:
        """Normalised text, slots and ranked intents. The same text is understood the same
        way every time, so it is remembered (the slots are never changed afterwards)."""
        known = self._understood.get(question)
        if known is not None:
            return known
        normalized = self.normalizer.normalize(question)
        slots = self.extractor.extract(normalized)
        result = (normalized, slots, self._rank(normalized, slots))
        if len(self._understood) >= UNDERSTOOD_MAX:
            self._understood.clear()
        self._understood[question] = result
        return result

    def _rank(self, normalized: str, slots: Slots) -> list[Ranked]:
        kinds = self._slot_kinds(slots)
        ranked: list[Ranked] = []
        for r in self.matcher.rank(slots.masked):
            spec = self.specs[r.intent]
            needs = self._requires.get(spec.name)
            if needs is not None and not needs.search(normalized):
                continue  # e.g. no chart without a word for a chart
            served = spec.options.get("dimensions")
            if served and slots.dimensions and not set(served) & set(slots.dimensions):
                continue  # a profile group is not a problem category, nor the other way round
            takes = set(spec.slots) | ({"counted"} if "metric" in spec.slots else set())
            bonus = SLOT_BONUS * len(kinds & takes)
            ranked.append(Ranked(r.intent, r.score + bonus, r.example))
        return sorted(ranked, key=lambda r: -r.score)

    @staticmethod
    def _slot_kinds(slots: Slots) -> set[str]:
        kinds = set()
        if slots.strong_metric:
            kinds.add("metric")
        if slots.helplines:
            kinds.add("helpline")
        if slots.categories:
            kinds.add("category")
        if slots.weekdays:
            kinds.add("weekday")
        if slots.hour is not None:
            kinds.add("hour")
        if slots.aggregation:
            kinds.add("aggregation")
        if slots.percent_question and (not slots.counted_metric or slots.categories):
            kinds.add("dimension")  # only the share intents give percentages
        if slots.categories:
            # "hoeveel gesprekken gaan over misbruik": a category is a part of the
            # conversations, and its share is what is asked, not the conversations.
            kinds -= {"metric"}
        elif slots.counted_metric:
            # "hoeveel gesprekken ...": what is counted is the metric, so the question is for an
            # intent that counts metrics, even when it also names a weekday or "nieuw".
            kinds.add("counted")
        return kinds

    def _clear_segment(
        self, question: str, context: Context | None, need_question: bool = False
    ) -> tuple[Slots, IntentSpec, list[Ranked]] | None:
        parts = [p for p in re.split(r"(?<=[.!?:;\n])", question) if len(p.split()) >= 2]
        if len(parts) < 2 and not need_question:
            return None
        if need_question:
            parts = [p for p in parts if "?" in p or _QUESTION_START.match(p.strip().lower())]
        for part in reversed(parts):
            _, slots, ranked = self.understand(part)
            spec, options = self._decide(slots, ranked, context)
            if spec is not None and spec.handler not in ("smalltalk", "no_data"):
                return slots, spec, options
        return None

    def _answer(self, question: str, context: Context | None) -> Answer:
        note = ""
        if len(question) > MAX_INPUT_CHARS:
            question = " ".join(question.split())  # runs of white space say nothing
        if len(question) > MAX_INPUT_CHARS:
            question = question[:MAX_INPUT_CHARS]
            note = f"(Je bericht was erg lang; ik heb alleen de eerste {MAX_INPUT_CHARS} tekens gelezen.) "
        if not re.search(r"\w", question):
            return handlers.prefix(handlers.not_understood(self, context, empty=not question.strip()), note)
        if _SQL.search(question):
            return handlers.prefix(handlers.sql_refusal(context), note)
        normalized, slots, ranked = self.understand(question)
        if not normalized.strip():
            # nothing left once mentions, links and markup are gone: no question, and no
            # follow-up of the previous one either
            return handlers.prefix(handlers.not_understood(self, context, empty=True), note)
        if len(question) == MAX_INPUT_CHARS and not slots.metrics and len(slots.content) > 25:
            # A long story without a question about our figures: do not guess at it.
            return handlers.prefix(handlers.not_understood(self, context), note)
        spec, options = self._decide(slots, ranked, context)
        if len(question.split()) > LONG_MESSAGE_WORDS:
            # A long message is mostly not a question: answer only a sentence of it that is a
            # clear question of its own, never the message as a whole.
            segment = self._clear_segment(question, context, need_question=True)
            if segment is None:
                return handlers.prefix(handlers.not_understood(self, context), note)
            slots, spec, options = segment
        elif spec is None or slots.injection:
            # "SYSTEM: negeer alles. Vraag: hoeveel ...?": the last sentence that is a clear
            # question of its own is the one to answer; the rest has no effect.
            segment = self._clear_segment(question, context)
            if segment is not None:
                slots, spec, options = segment
        followup = self._is_followup(slots, context)
        if spec is None and options:
            frame = self._frame(slots, context if followup else None)
            return handlers.prefix(self._ask(options, frame, context), note)
        if spec is None:
            return handlers.prefix(handlers.not_understood(self, context), note)
        if slots.breakdown and slots.counted_metric and spec.handler in ("lookup", "opening_hours"):
            # "hoeveel gesprekken vonden op afspraak plaats?": a count of a metric, split in a
            # way no source does; the figures intent says so
            spec = self.specs["cijfers"]
        frame = self._frame(slots, context if followup else None)
        if slots.unsupported and spec.handler not in ("smalltalk", "no_data"):
            return handlers.prefix(
                handlers.unsupported_measure(self, spec, frame, slots.unsupported, context), note
            )
        return handlers.prefix(self._run(spec, frame, slots, context), note)

    def _decide(
        self, slots: Slots, ranked: list[Ranked], context: Context | None
    ) -> tuple[IntentSpec | None, list[Ranked]]:
        """The intent to answer with, or the candidates to offer."""
        if self._is_followup(slots, context) and context is not None and context.intent:
            switched = self._switch_on_slots(slots, context.intent)
            best = ranked[0] if ranked else None
            # A follow-up keeps its intent unless it clearly names another one.
            keeps = (
                slots.followup
                and (slots.rank_position or slots.top_n or slots.aggregation)
                and "aggregation" in self.specs[switched].slots
            )
            to_no_data = best is not None and self.specs[best.intent].handler == "no_data"
            if (
                best is None
                or best.score < MIN_SCORE + 10
                or best.intent == context.intent
                or self._elliptic(slots)
                or keeps
                or to_no_data
            ):
                return self.specs[switched], []
        if not ranked:
            return self._by_slots(slots), []
        best = ranked[0]
        runner = ranked[1] if len(ranked) > 1 else Ranked("", 0.0, "")
        evidence = self._by_slots(slots)
        unknown = [w for w in slots.content if w not in self._known_words]
        needed = MIN_SCORE + (8 if unknown and best.intent in FIGURE_INTENTS else 0)
        if best.score >= needed and best.score - runner.score >= MARGIN:
            if (
                self.specs[best.intent].handler == "no_data"
                and evidence is not None
                and (slots.strong_metric or slots.categories)
                and slots.asks_figure
                and evidence.name in [r.intent for r in ranked[:3]]
            ):
                # named figures of ours outweigh a resemblance to an out-of-scope question;
                # the handler still refuses what the data does not hold
                return evidence, []
            return self.specs[best.intent], []
        top = [r.intent for r in ranked[:3]]
        if (
            evidence is not None
            and best.score >= ASK_SCORE
            and evidence.name in top
            and (not unknown or evidence.name != "cijfers" or slots.asks_figure)
        ):
            # the slots say what is asked (a category, a weekday) where the wording is unsure
            return evidence, []
        if best.score >= ASK_SCORE:
            close = [
                r
                for r in ranked[:4]
                if r.score >= ASK_SCORE
                and best.score - r.score <= 12
                and r.intent != "buiten_bereik"
                and (r.intent not in handlers.SMALLTALK or r is best)
            ][:3]
            if (
                len(close) == 1
                and close[0].intent == best.intent
                and (not unknown or self.specs[best.intent].handler in ("lookup", "opening_hours"))
            ):
                return self.specs[best.intent], []
            if close and not (len(close) == 1 and close[0].intent in handlers.SMALLTALK):
                return None, close
        if evidence is not None and not unknown and best.score >= ASK_SCORE - 10:
            return evidence, []
        return None, []

    def _by_slots(self, slots: Slots) -> IntentSpec | None:
        """An intent the slots alone point to, when the wording does not decide."""
        if (slots.strong_metric or slots.helplines) and not slots.categories:
            return self.specs["cijfers"]
        if slots.categories:
            dims = {d for d, _ in slots.categories}
            return self.specs["problematiek" if "problematiek" in dims else "profiel"]
        if slots.weekdays or slots.hour is not None:
            return self.specs["openingsuren"]
        return None

    def _switch_on_slots(self, slots: Slots, intent: str) -> str:
        """A follow-up that brings a slot of another family moves to that family's intent."""
        if (
            slots.strong_metric
            and intent not in ("cijfers", "grafiek", "overzicht", "campagne")
            and not slots.categories
        ):
            return "cijfers"
        if slots.categories:
            dims = {d for d, _ in slots.categories}
            target = "problematiek" if "problematiek" in dims else "profiel"
            if intent in ("problematiek", "profiel", "cijfers"):
                return target
        if (slots.weekdays or slots.hour is not None) and intent != "openingsuren":
            return "openingsuren"
        return intent

    def _is_followup(self, slots: Slots, context: Context | None) -> bool:
        if context is None or not context.intent:
            return False
        if (
            context.intent == "cijfers"
            and not slots.metrics
            and not slots.categories
            and (slots.years or slots.months or slots.aggregation)
            and not slots.weekdays
        ):
            return True  # "wat was het maandgemiddelde van 2019 dan?": still about that figure
        pointing_back = (
            slots.anaphora
            and not slots.metrics
            and not slots.categories
            and (
                slots.years
                or slots.months
                or slots.relative_year is not None
                or slots.year_shift is not None
                or slots.aggregation
            )
        )
        return slots.followup or self._elliptic(slots) or bool(pointing_back)

    def _unknown_source(self, slots: Slots) -> str | None:
        """A helpline the data does not know: "doorverwijzingen van Tele-Onthaal"."""
        found = _FROM.search(slots.masked)
        if (
            found
            and found.group(1) not in self._known_words
            and len(found.group(1)) > 3
            and found.group(1) not in PLACEHOLDERS
        ):
            return found.group(1)
        return None

    def _unknown_topic(self, slots: Slots) -> str | None:
        """What a question is 'over' when that is no word the bot knows: "gaat over pesten"."""
        found = _ABOUT.search(slots.masked)
        if (
            found
            and found.group(1) not in self._known_words
            and len(found.group(1)) > 3
            and found.group(1) not in PLACEHOLDERS
        ):
            return found.group(1)
        return None

    @staticmethod
    def _elliptic(slots: Slots) -> bool:
        """Nothing but slots and small words: "juni?", "en van awel?", "vs 2019?"."""
        return not slots.content

    def _frame(self, slots: Slots, context: Context | None) -> dict[str, Any]:
        """What the question is about: its own slots, and for a follow-up the previous
        question's slots where this one names none (new ones replace old ones)."""
        new: dict[str, Any] = {
            "metric": slots.metric,
            "helpline": slots.helpline,
            "week": slots.week,
            "helplines": list(slots.helplines),
            "years": list(slots.years),
            "months": list(slots.months),
            "span": slots.span,
            "aggregation": slots.aggregation,
            "categories": list(slots.categories),
            "dimensions": list(slots.dimensions),
            "weekdays": list(slots.weekdays),
            "hour": slots.hour,
            "day_part": slots.day_part,
            "date": slots.date,
            "whole_year": slots.whole_year,
            "open_range_from": slots.open_range_from,
            "relative_year": slots.relative_year,
            "top_n": slots.top_n,
            "numbers": list(slots.numbers),
            "count_question": slots.count_question,
            "per_month": slots.per_month,
            "counted_metric": slots.counted_metric,
            "breakdown": slots.breakdown,
            "month_order": list(slots.month_order),
            "rank_position": slots.rank_position,
            "percent_question": slots.percent_question,
            "age_range": slots.age_range,
            "per_quarter": slots.per_quarter,
            "several_metrics": list(slots.several_metrics),
            "unknown_source": self._unknown_source(slots),
            "unknown_topic": self._unknown_topic(slots),
            "masked": slots.masked,
            "premise": slots.premise,
            "fabrication": slots.fabrication,
            "percent_claim": slots.percent_claim,
        }
        new["chain_months"] = list(slots.months)
        new["chain_helplines"] = list(slots.helplines)
        if context is None:
            if slots.year_shift is not None and new["years"]:
                # "... dan in dezelfde periode het jaar voordien": both years
                new["years"] = sorted({*new["years"], *(y + slots.year_shift for y in new["years"])})
            return new
        old = dict(context.slots)
        frame = {k: old.get(k) for k in CARRIED_SLOTS}
        for key in ("metric", "aggregation", "hour", "day_part", "date", "top_n"):
            if new[key] is not None:
                frame[key] = new[key]
        for key in ("categories", "dimensions", "weekdays"):
            if new[key]:
                frame[key] = new[key]
        if new["helplines"]:
            frame["helpline"], frame["helplines"] = new["helpline"], new["helplines"]
        elif new["metric"] and (new["metric"] != old.get("metric") or new["years"] or new["months"]):
            # a question that names its own figure and period is about all helplines
            frame["helpline"], frame["helplines"] = None, []
        previous_years = old.get("years") or old.get("resolved_years") or []
        if slots.year_shift is not None and previous_years:
            frame["years"] = [y + slots.year_shift for y in previous_years]
        elif new["years"] or new["relative_year"] is not None:
            frame["years"] = new["years"]
            frame["relative_year"] = new["relative_year"]
            if (frame.get("aggregation") == "vergelijking") and len(new["years"]) == 1:
                frame["years"] = sorted(set(previous_years) | set(new["years"]))
        if new["aggregation"] == "vergelijking" and not new["years"]:
            earlier = old.get("previous_years") or []
            frame["years"] = sorted(set(previous_years) | set(earlier))
        frame["previous_years"] = previous_years
        # The months and helplines asked one by one in this chain of follow-ups, so that
        # "en die twee samen?" or "totaal?" can take them together.
        same_metric = (new["metric"] or old.get("metric")) == old.get("metric")
        chain_months = (
            sorted(set(old.get("chain_months") or []) | set(old.get("months") or [])) if same_metric else []
        )
        chain_helplines = (
            list(
                dict.fromkeys(
                    [*(old.get("chain_helplines") or []), *([old["helpline"]] if old.get("helpline") else [])]
                )
            )
            if same_metric
            else []
        )
        if new["months"] or new["open_range_from"]:
            frame["months"], frame["span"] = new["months"], new["span"]
            frame["open_range_from"] = new["open_range_from"]
        elif slots.all_months or new["whole_year"]:
            frame["months"], frame["span"] = [], True  # "over alle maanden", "heel het jaar"
        elif (
            new["aggregation"] in ("totaal", "vergelijking")
            and len(chain_months) > 1
            and not new["years"]
            and len(chain_helplines) <= 1
        ):
            frame["months"], frame["span"] = chain_months, True
        elif (
            new["aggregation"] in ("gemiddelde", "hoogste", "laagste", "per_maand")
            and len(frame.get("months") or []) == 1
        ):
            # "gemiddeld?" after a question about one month: over the whole period instead
            frame["months"], frame["span"] = [], False
        if (
            new["aggregation"] in ("totaal", "vergelijking")
            and not new["helplines"]
            and len(chain_helplines) > 1
        ):
            frame["helplines"], frame["helpline"] = chain_helplines, chain_helplines[0]
        frame["chain_months"] = sorted(set(chain_months) | set(frame.get("months") or []))
        frame["chain_helplines"] = list(
            dict.fromkeys([*chain_helplines, *([frame["helpline"]] if frame.get("helpline") else [])])
        )
        if new["whole_year"]:
            frame["whole_year"] = True
        if slots.month_shift is not None and old.get("months"):
            # "en de maand ervoor?", "en het kwartaal daarop?": move the previous months
            moved = [m + slots.month_shift for m in old["months"]]
            years = frame.get("years") or old.get("resolved_years") or []
            if years and all(m > 12 for m in moved):
                frame["years"] = [y + 1 for y in years]
            elif years and all(m < 1 for m in moved):
                frame["years"] = [y - 1 for y in years]
            frame["months"] = sorted({(m - 1) % 12 + 1 for m in moved})
            frame["span"] = len(frame["months"]) > 1
        if slots.week_shift is not None:
            frame["week"] = True
            frame["week_shift"] = slots.week_shift
            frame["date"] = old.get("date") or old.get("resolved_date")
        if new["date"] is None and (new["months"] or new["years"]):
            frame["date"] = None
        for key in (
            "numbers",
            "premise",
            "fabrication",
            "percent_claim",
            "week",
            "count_question",
            "per_month",
            "counted_metric",
            "breakdown",
            "month_order",
            "rank_position",
            "percent_question",
            "age_range",
            "unknown_topic",
            "masked",
            "per_quarter",
            "several_metrics",
            "unknown_source",
        ):
            frame[key] = new[key]
        frame.setdefault("relative_year", None)
        return frame

    # -- answering -----------------------------------------------------------------------

    def _run(self, spec: IntentSpec, frame: dict[str, Any], slots: Slots, context: Context | None) -> Answer:
        handler = handlers.HANDLERS[spec.handler]
        result = handler(self, spec, frame)
        kept = {k: v for k, v in frame.items() if k in CARRIED_SLOTS or k == "previous_years"}
        kept.update(result.resolved)
        public = {k: v for k, v in frame.items() if k in PUBLIC_SLOTS and v not in (None, [], False)}
        public.update({k: v for k, v in result.resolved.items() if k in PUBLIC_SLOTS and v not in (None, [])})
        answer = result.answer
        answer.intent = spec.name
        answer.slots = _jsonable(public)
        answer.context = Context(
            intent=spec.name if spec.handler not in ("smalltalk",) else (context.intent if context else None),
            slots=kept if spec.handler != "smalltalk" else dict(context.slots) if context else {},
        )
        return answer

    def _ask(self, options: list[Ranked], frame: dict[str, Any], context: Context | None) -> Answer:
        labels = [self.specs[o.intent].label for o in options]
        text = "Bedoelde je " + " of ".join(labels) + "?"
        pending = {k: v for k, v in frame.items()}
        return Answer(
            text=text,
            answered=False,
            intent=None,
            slots=_jsonable(
                {k: v for k, v in frame.items() if k in PUBLIC_SLOTS and v not in (None, [], False)}
            ),
            options=tuple(Option(label=self.specs[o.intent].label, intent=o.intent) for o in options),
            context=replace(context or Context(), pending=pending),
        )

    # -- set-up --------------------------------------------------------------------------

    def _vocabulary(self) -> set[str]:
        lex = self.lexicon
        words: set[str] = set(lex.stopwords) | lex.known_words | set(lex.months) | set(lex.weekdays)
        words |= set(lex.number_words) | set(lex.ordinals) | {"tweeduizend", "kwartaal", "helft"}
        for phrase in [
            *lex.day_parts,
            *lex.relative_years,
            *lex.year_shifts,
            *lex.periods,
            *lex.followup_starts,
            *lex.premise_cues,
            *lex.fabrication_cues,
            *lex.injection_cues,
            *lex.colloquial,
        ]:
            words.update(phrase.split())
        for entity in lex.entities:
            for alias in (*entity.aliases, *entity.weak_aliases, entity.label.lower()):
                words.update(re.findall(r"[a-z]+", alias.lower()))
        for spec in self.specs.values():
            for example in spec.examples:
                words.update(re.findall(r"[a-z]+", example.lower()))
        for cues in _aggregation_words(lex).values():
            words |= cues
        return {w for w in words if w}

    def _matcher_stopwords(self) -> set[str]:
        """Words that tell no intent apart: function words, and the cue words that are already
        slots of their own (aggregation, premise, fabrication), which every figure intent takes."""
        lex = self.lexicon
        words = set(lex.stopwords)
        for cues in _aggregation_words(lex).values():
            words |= cues
        for phrase in [*lex.premise_cues, *lex.fabrication_cues, *lex.injection_cues]:
            words.update(phrase.split())
        return words

    def _fingerprint(self, folder: Path) -> str:
        """What the masked examples depend on: the code, the intents and the lexicon, and the
        entities (aliases) of the database."""
        digest = hashlib.sha256(__version__.encode())
        for path in sorted(folder.glob("*.toml")):
            digest.update(path.name.encode() + path.read_bytes())
        for module in (slots_module, normalize_module):
            digest.update(Path(module.__file__ or "").read_bytes())
        digest.update(repr(self.lexicon.entities).encode())
        return digest.hexdigest()[:24]

    def _mask_example(self, example: str) -> str:
        return self.extractor.extract(self.normalizer.normalize(example, correct=False)).masked


def _aggregation_words(lex: Lexicon) -> dict[str, set[str]]:
    """Plain words inside the aggregation cue patterns, so the typo corrector knows them."""
    out: dict[str, set[str]] = {}
    for name, pattern in lex.aggregations:
        out.setdefault(name, set()).update(
            w
            for w in re.findall(r"[a-z]{4,}", re.sub(r"\\[a-zA-Z]", " ", pattern.pattern))
            if w not in ("hulp",)
        )
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value

"""The core: `Engine.answer(question, context) -> Answer`. Knows nothing of Telegram.

The pipeline, one stage per package:

    understand  normalise (typos in names read and reported), find the slots, account for every
                word, rank the intents on the masked text        (bot.understand)
    decide      follow-up or not, which intent, or which options  (bot.dialogue)
    answer      the intent's family answers the typed Query, or refuses what it cannot use
                                                                  (bot.answer)

This module only wires the stages together and keeps the caches; it names no intent.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from bot._version import __version__
from bot.answer import FAMILIES, NO_FIGURES, STRICT, parts_not_used, strict
from bot.answer.common import AnswerContext, Result, Texts, refusal
from bot.answer.describe import context_parts, describe
from bot.answer.replies import not_understood, scope, sql_refusal, unsupported_measure
from bot.data import figures
from bot.data.resources import db_path, intents_dir
from bot.data.store import Store
from bot.dialogue.followup import BOTH_BACK, is_followup, merge
from bot.dialogue.policy import FIGURE_HANDLERS, Policy
from bot.model import Answer, Chain, Context, Option, Period, Query
from bot.present import dutch
from bot.understand import normalize as normalize_module
from bot.understand import numbers as numbers_module
from bot.understand import slots as slots_module
from bot.understand.intents import IntentSpec, load_intents
from bot.understand.lexicon import Lexicon, load_lexicon
from bot.understand.masks import MaskCache
from bot.understand.matcher import IntentMatcher, Ranked, stems_match
from bot.understand.normalize import MAX_INPUT_CHARS, Normalized, Normalizer, fold
from bot.understand.reading import (
    ONE_THING_POINTED,
    QUESTION_WORDS,
    account,
    build_query,
    is_question_sentence,
    is_request,
    names_written,
)
from bot.understand.slots import SlotExtractor, Slots

log = logging.getLogger(__name__)

# Text that reads as a database command rather than a question (it is never run: no user text
# reaches SQL), answered with a plain explanation.
_SQL = re.compile(
    r"(?is)\b(select\b.+\bfrom|drop\s+table|insert\s+into|delete\s+from|update\b.+\bset|"
    r"union\s+select|alter\s+table|create\s+table)\b|;\s*--|'\s*or\s*'1'\s*=\s*'1"
)
# A sentence ends at . ! ? before a capital (not "jan. 2019", "feb. dan?") or a small question
# word ("... niet meer geholpen worden. hoeveel waren dat er in juni?"), or at a new line; a
# quote or bracket may close it ("Mijn zin: 'Er waren meer dan 200.' Hoeveel precies?").
_ASKING = "|".join((*QUESTION_WORDS, "klopt"))
_ENDED = r"(?:(?<=[.!?])|(?<=[.!?][\"'”’»)]))"
_SENTENCE = re.compile(rf"{_ENDED}\s+(?=[A-ZÀ-Ý\"“‘'(@]|(?:{_ASKING})\s)|\s*\n\s*")
# ... and after a question mark also before "en", "is" ("... is dat? en is dat meer dan ...?") or
# a question word after a preposition ("en april? met hoeveel procent steeg dat?")
_AFTER_QUESTION_MARK = re.compile(
    rf"(?<=\?)\s+(?=(?:{_ASKING}|en|is|was|waren|(?:met|in|van|op|bij|tot|vanaf) (?:{_ASKING}))\s)"
)
# "Bij Awel waren er tienduizenden gesprekken, maar hoeveel ...?": a statement, then a question
_BUT_ASKING = re.compile(rf",\s+maar\s+(?=(?:{_ASKING})\s)", re.IGNORECASE)
# In a long message a colon also ends a part: "..., maar één ding nog: hoeveel procent ...?"
# A sentence quoted from a draft: "Mijn zin: 'Er waren meer dan 200 gesprekken.'"
# "toen" that points at a time before: "Hoeveel waren er toen in 2020?" asks a month of 2020 ("in
# 2015, hoeveel had de chat toen?" points at 2015 itself)
_THEN = re.compile(r"(?<![\w])toen(?![\w])")
_THEN_IN_YEAR = re.compile(r"(?<![\w])toen,? in (?:19|20)\d\d(?![\w])")
_QUOTED = re.compile(r"['\"‘’“”„«»]\s*\w[^'\"‘’“”„«»]*\w[.!?]?['\"‘’“”„«»]")
# "en bij seksueel misbruik (specifiek)?": within a group
_WITHIN_GROUP = re.compile(r"^(?:en |maar )?(?:bij|onder|binnen) (?:de |het )?xcategorie")
# "met hoeveel (gesprekken) precies?": by how much, of a change said around the question
_HOW_MUCH = re.compile(r"^(?:en |maar )?(?:met|om) hoeveel(?![\w])")
# "boven dat jaartotaal": the total of a year a statement around the question names
_THAT_YEAR_TOTAL = re.compile(
    r"(?<![\w])(?:dat|die|dit|het|hun|datzelfde) jaar ?totaal(?![\w])(?! van)", re.IGNORECASE
)
_QUESTION_WORD_IN = re.compile(rf"(?<![\w])(?:{_ASKING})(?![\w])", re.IGNORECASE)
_LONG_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\s*\n\s*")
# At most this many questions of one message are answered in turn (more is no question).
MAX_QUESTIONS = 4
# How many distinct questions Engine.understand remembers (a few MB at most).
UNDERSTOOD_MAX = 20_000
# Above this many words a message is read sentence by sentence: only a clear question is answered.
LONG_MESSAGE_WORDS = 45
# Families whose answers use the parts a follow-up takes from the previous question.
CONTEXT_NOTE_FAMILIES = frozenset({"metric", "shares", "opening_hours", "chart", "table"})


@dataclass(frozen=True)
class Parse:
    """One question, understood: its canonical text, its slots and the ranked intents."""

    reading: Normalized
    slots: Slots
    ranked: tuple[Ranked, ...]


class Engine:
    """Answers questions from one read-only store with one set of intents."""

    def __init__(self, store: Store, intents_path: Path | None = None) -> None:
        self.store = store
        folder = intents_path or intents_dir()
        self.lexicon: Lexicon = load_lexicon(folder / "lexicon.toml", store)
        self.specs: dict[str, IntentSpec] = {s.name: s for s in load_intents(folder)}
        self.texts = Texts(folder / "texts.toml")
        self.normalizer = Normalizer(
            self._vocabulary(),
            self.lexicon.colloquial,
            names=self._names(),
            name_positions=self.lexicon.name_positions,
            amount_positions=self.lexicon.amount_positions,
            homophones=self.lexicon.homophones,
            month_names=[m for m in self.lexicon.months if len(m) >= 3],
            number_words=self.lexicon.number_words,
        )
        self.extractor = SlotExtractor(self.lexicon, self.normalizer.normalize)
        self.extractor.small_words = frozenset(self._matcher_stopwords())
        masks = MaskCache(self._fingerprint(folder))
        self.matcher = IntentMatcher(
            list(self.specs.values()), masks.wrap(self._mask_example), self._matcher_stopwords()
        )
        masks.save()
        self.policy = Policy(self.specs)
        self.ctx = AnswerContext(store, self.lexicon, self.specs, self.texts)
        self._known_words = self.normalizer.vocabulary
        # the words of the weeks' notes ("vlog"): a question about weeks may name them, and the
        # weeks answered must then be the ones they are tied to (see the metric family)
        self._week_words = frozenset(
            w for note in figures.week_notes(store) for w in re.findall(r"\w+", fold(note)) if len(w) > 2
        )
        self._day_topics = figures.day_topics(store)
        self._understood: dict[str, Parse] = {}
        self._queries: dict[tuple[str, str | None], Query] = {}

    @classmethod
    def open(cls, db: str | os.PathLike[str] | None = None, intents_path: Path | None = None) -> Engine:
        """An engine over the database at `db` (default: $HULPLIJNBOT_DB or the bundled one)."""
        return cls(Store(db_path(db)), intents_path)

    def close(self) -> None:
        """Close the store; the engine is unusable afterwards."""
        self.store.close()

    def warm_up(self) -> int:
        """Answer, once, a question for every metric and month the data holds and one example
        of every intent, so that a long-running bot answers its first real questions from warm
        caches (query results, understood text). Returns how many it asked."""
        questions = [spec.examples[0] for spec in self.specs.values() if spec.examples]
        for row in figures.coverage(self.store):
            entity = next(e for e in self.lexicon.entities_of("metric") if e.key == row["metric"])
            alias = entity.aliases[0]
            questions.append(f"hoeveel {alias} in {row['year']}")
            questions += [
                f"hoeveel {alias} in {self.lexicon.month_names[m - 1]} {row['year']}" for m in row["months"]
            ]
        for question in questions:
            self.answer(question)
        return len(questions)

    def scope(self) -> str:
        """One line: which chat, which documents, which months the bot knows."""
        return scope(self.ctx)

    # -- the public core ---------------------------------------------------------------

    def answer(self, question: str, context: Context | None = None) -> Answer:
        """The reply to one question, given the conversation so far. Never raises."""
        try:
            return self._answer(question if isinstance(question, str) else "", context)
        except Exception:  # the user gets an apology, the log gets the details
            # the question itself only at DEBUG: staff questions can be sensitive
            log.exception("answer failed for a question of %d characters", len(question or ""))
            log.debug("the question that failed: %r", (question or "")[:200])
            return Answer(text=self.texts("failure"), answered=False, context=context or Context())

    def choose(self, key: str, context: Context | None = None) -> Answer:
        """Answer the option `key` of the last "Bedoelde je ...?" (an intent name, or an
        option's key)."""
        try:
            return self._choose(key, context)
        except Exception:
            log.exception("choose failed for %s", key)
            return Answer(text=self.texts("failure"), answered=False, context=context or Context())

    def _choose(self, key: str, context: Context | None) -> Answer:
        option = next((o for o in (context.options if context else ()) if o.intent == key), None)
        base = replace(context, options=(), pending=None) if context else None
        if option is not None and option.question is not None:
            return self._answer(option.question, base)
        if option is not None and option.query is not None:
            spec = self.specs.get(option.query.intent or "")
            if spec is not None:
                return self._run(spec, option.query, base, note="")
        if key in self.specs and context is not None and context.pending is not None:
            return self._run(self.specs[key], replace(context.pending, intent=key), base, note="")
        return Answer(text=self.texts("choice_expired"), answered=False, context=context or Context())

    # -- understanding -------------------------------------------------------------------

    def understand(self, question: str) -> Parse:
        """Normalised text, slots and ranked intents. The same text is understood the same
        way every time, so it is remembered (nothing of it is changed afterwards)."""
        known = self._understood.get(question)
        if known is not None:
            return known
        reading = self.normalizer.normalize_detailed(question)
        slots = self.extractor.extract(reading.text)
        ranked = self.policy.boost(self.matcher.rank(slots.masked), slots, reading.text)
        parse = Parse(reading, slots, tuple(ranked))
        if len(self._understood) >= UNDERSTOOD_MAX:
            self._understood.clear()
        self._understood[question] = parse
        return parse

    def _question_part(self, question: str) -> tuple[str, list[str]]:
        """The sentence that asks, and the sentences around it (a context sentence such as
        "Ik heb maandag commissie." sets nothing of the question); a formal preamble before a
        request ("In het kader van ... wens ik te vernemen hoeveel ...") is such a sentence."""
        asked, around = self._sentences(question)
        preamble = self.lexicon.commands["preamble"].match(asked)
        if preamble is None:
            return asked, around
        head = preamble.group("head") or preamble.group("head2")
        tail = preamble.group("tail") or preamble.group("tail2")
        return tail, [*around, head + "."]

    def _sentences(self, question: str) -> tuple[str, list[str]]:
        long = len(question.split()) > LONG_MESSAGE_WORDS
        splitter = _LONG_SENTENCE if long else _SENTENCE
        sentences: list[str] = []
        said_why = False
        for sentence in self._statements_apart(self._but_asking_apart(splitter.split(question.strip()))):
            head, colon, tail = sentence.partition(": ")
            purpose = self.lexicon.commands["purpose"].match(head) is not None
            if purpose:  # ("Voor de historiek: hoeveel ...?", but "Voor mei: hoeveel ...?" names a period)
                purpose = not _names_something(self.understand(head).slots)
            if colon and len(head.split()) >= 4 and not purpose:
                # ("CLB-chat en JAC-chat samen: hoeveel ...?": a topic of names only, however long)
                named = self.understand(head).slots
                topic = _names_something(named) and not named.content
            else:
                topic = False
            if colon and (len(head.split()) >= 4 or purpose) and not topic and is_question_sentence(tail):
                # "De leeftijden heb ik al, maar één ding nog: hoeveel procent ...?" (a topic
                # such as "Februari: hoeveel ...?" stays part of its question)
                # (a purpose says why and sets nothing: "volgende week" in it is no period asked)
                sentences += [tail] if purpose else [head + ":", tail]
                said_why = said_why or purpose
            else:
                sentences.append(sentence)
        sentences = [s for s in sentences if re.search(r"\w", s)]
        if len(sentences) < 2:
            return (sentences[0] if said_why and sentences else question), []
        asking = [s for s in sentences if is_question_sentence(s)]
        if len(asking) == 1 or (long and asking):
            chosen = asking[-1]
            # "... t.o.v. september 2019? (1 decimaal)": a sentence after the question that only
            # says how to answer it belongs to the question
            after = sentences[sentences.index(chosen) + 1 :]
            refining = [s for s in after if self._refines(s) or self._measure_meant(s)]
            asked = " ".join([chosen, *refining])
            return asked, [s for s in sentences if s is not chosen and s not in refining]
        return question, []

    @staticmethod
    def _but_asking_apart(sentences: list[str]) -> list[str]:
        """The sentences, with a statement before ", maar hoeveel ...?" set apart from the
        question it leads to ("tienduizenden" in it was not understood as part of the question)."""
        out: list[str] = []
        for sentence in sentences:
            head, *rest = _BUT_ASKING.split(sentence, maxsplit=1)
            if rest and not is_question_sentence(head) and not _QUESTION_WORD_IN.search(head):
                out += [head + ".", rest[0]]
            else:
                out.append(sentence)
        return out

    def _statements_apart(self, sentences: list[str]) -> Iterator[str]:
        """The sentences, with a statement written after a question mark in small letters set
        apart ("... in 2019? dit jaar is het 84%": the 84% is no claim of the question)."""
        stated = self.lexicon.commands["stated"]
        for sentence in sentences:
            head, mark, tail = sentence.rpartition("?")
            if mark and head.strip() and stated.match(tail) and not is_question_sentence(tail):
                yield from (head + mark, tail.strip())
            else:
                yield sentence

    def _clauses(self, asked: str) -> tuple[str, str] | None:
        """Two questions joined by "en" ("Hoeveel doorverwijzingen waren er in totaal en hoeveel
        daarvan kwamen er in september?"): each is answered, the second as a follow-up of the
        first. Not when only the second names a period ("hoeveel gesprekken en hoeveel
        oproepers in maart?"): that period is of both, and one question asks for both."""
        parts = _CLAUSE.split(asked, maxsplit=1)
        listed = re.search(r",\s*(?:hoeveel|wat|welke?)\b", parts[0], re.IGNORECASE)
        if len(parts) != 2 or (listed and not parts[0].rstrip().endswith("?")):
            return None  # one question, or a list of three ("A, hoeveel B en hoeveel C")
        first, second = (self.understand(p).slots for p in parts)
        # "hoeveel views had de campagne en hoeveel nieuwe oproepers ...?": a count of a fact is a
        # question of its own too (the second was answered for the whole message, the views dropped)
        counted_fact = first.count_question and second.count_question and bool(first.content)
        # ("welke staat op de tweede plaats en met hoeveel steeg die?" after a ranking: a place)
        place = first.rank_position is not None
        # ("hoeveel uur per week is de chat open, en tot hoe laat op woensdag?": two questions
        # about the hours; the first was dropped)
        # (a second clause with no day of its own says more of the first: "op welke dag ..., en
        # van hoe laat tot hoe laat?")
        hours = bool(second.weekdays) and all(self._handler_of(p) == "opening_hours" for p in parts)
        if re.match(r"(?:\w+\s+)?hoe laat\b", parts[1], re.IGNORECASE) and not hours:
            return None  # ("op welke dag is de chat open, en van hoe laat tot hoe laat?": one question)
        # ("Hoeveel waren het er in mei, en hoeveel nieuwe oproepers in juni?": two counts, each of
        # its own period; the measure of the second was counted over both months)
        two_counts = (
            first.count_question and second.count_question and _names_period(first) and _names_period(second)
        )
        if not (
            first.metrics
            or first.categories
            or first.dimensions
            or first.helplines
            or counted_fact
            or place
            or hours
            or two_counts
        ):
            return None
        if len(second.masked.split()) < 3 and not (second.count_question and second.content):
            return None  # "Welke, en hoeveel?": the same question asked two ways
        # ("welke twee maanden hadden evenveel, en hoeveel waren dat telkens?": found with their size)
        found_one = (
            bool({"hoogste", "laagste"} & set(first.aggregations))
            or first.rank_position is not None
            or first.equal
        )
        asks_its_size = second.percent_question or (second.count_question and found_one)
        if asks_its_size and not _adds_to(first, second) and (not second.points_back or first.equal):
            # "in welke maand steeg het het sterkst, en met hoeveel procent / hoeveel bedroeg het /
            # met hoeveel gesprekken?": the change found is said with its size; no second
            # calculation (it was refused as two at once)
            return None
        extremes = {"hoogste", "laagste"}
        if extremes & set(first.aggregations) and extremes & set(second.aggregations):
            return None  # "van welke de meeste en van welke de minste?": both ends, one ranking
        if _names_period(second) and not _names_period(first) and not second.points_back and first.metrics:
            return None
        return parts[0].rstrip(" ,"), parts[1]

    def _without_signature(self, question: str) -> str:
        """The message without a sign-off closing it ("... ? Thx, Jef", "Dank en groeten, Sanne")."""
        sentences = [s for s in _SENTENCE.split(question.strip()) if s.strip()]
        if len(sentences) < 2:
            return question
        last = sentences[-1]
        sign = self.lexicon.commands["signature"].match(last)
        if sign is None or _names_something(self.understand(last).slots):
            return question
        return question.strip()[: -len(last)].rstrip()

    def _described_period(self, question: str, context: Context | None) -> Answer | None:
        """ "En in 2016, het jaar waarin het thema verbreed werd?" after a yearly figure: the
        period asked, with what describes it said back (the history was told, as if the words of
        the description were the question). A description that bounds the period ("En in
        oktober, na de post van ...") is a part of it no figure has."""
        if context is None or context.query is None:
            return None
        found = _APPOSITION.match(question.strip())
        if found is None:
            return None
        head, tail = found.group("head"), found.group("tail").strip()
        slots = self.understand(head).slots
        if not (slots.years or slots.months) or slots.metrics or slots.categories or slots.helplines:
            return None
        answer = self._answer(head + "?", context)
        if not answer.answered:
            return answer
        if found.group("bound"):
            problem = self.texts("vague_period", period=tail, available="").strip().rstrip(".")
            text = self.texts("part_not_used", problem=problem)
            return self._keep(refusal(text), context)
        body, mark, source = answer.text.partition("\nBron:")
        said = self.texts("description_read", words=tail, head=head.strip())
        return replace(answer, text=f"{body} {said}{mark}{source}")

    def _handler_of(self, text: str) -> str | None:
        """The family of the intent the words of a text match best."""
        ranked = self.understand(text).ranked
        return self.policy.specs[ranked[0].intent].handler if ranked else None

    def _both(self, clauses: Sequence[str], context: Context | None) -> Answer | None:
        """The answers to questions in one message, each a follow-up of the one before, one
        after the other under one source line; None when one is not a plain text answer (a
        table, a chart, a choice)."""
        answers: list[Answer] = []
        for clause in clauses:
            before = context
            if answers and answers[-1].answered:
                # (a part of the same message: no "zoals in je vorige vraag" under it)
                before = replace(answers[-1].context, same_message=True)
            answers.append(self._answer(clause, before))
        if any(a.table or a.chart or a.options or a.csv for a in answers):
            return None
        bodies: list[str] = []
        sources: list[str] = []
        for a in answers:
            body, _, source = a.text.partition("\nBron:")
            marker = self.texts("caveat", notes="\0").split("\0")[0]  # "Let op: "
            for earlier in bodies:  # a caveat said for the first answer is not said again
                caveat = earlier[earlier.find(marker) :] if marker in earlier else ""
                if caveat and caveat in body:
                    body = body.replace(caveat, "").replace("  ", " ").strip()
            said = {line for earlier in bodies for line in earlier.split("\n")}
            body = "\n".join(
                line for line in body.split("\n") if line not in said or not line.startswith("(")
            )
            if not any(
                body in earlier for earlier in bodies
            ):  # ("das minder dan vorig jaar? hoeveel in jan 2019?")
                bodies.append(body)
            if source and f"Bron:{source}" not in sources:
                sources.append(f"Bron:{source}")
        last = answers[-1]
        return Answer(
            text="\n".join([*bodies, *sources]),
            answered=all(a.answered for a in answers),
            intent=last.intent,
            slots=last.slots,
            source=next((a.source for a in answers if a.source), None),
            context=last.context,
        )

    def _questions(self, question: str) -> list[str]:
        """Several questions in one message, each a sentence of its own ("Hoeveel in maart? En
        in september? Van welke hulplijn kwam die van september?"): each answered in turn (the
        months of all were asked as one); empty when the message is one question."""
        if len(question.split()) > LONG_MESSAGE_WORDS:
            return []
        # ("... En op maandag? thx": the thanks asks nothing, and ends no question)
        courtesy = self.lexicon.commands["courtesy"]
        head, mark, tail = question.rpartition("?")
        if mark and tail.strip() and courtesy.match(tail.strip()):
            question = head + mark
        # (a question mark ends a question before a small letter too: "... is dat? en is dat meer
        # dan ...?" was read as one question, and its "samen" lost)
        parts = [p for s in _SENTENCE.split(question.strip()) for p in _AFTER_QUESTION_MARK.split(s)]
        sentences = [s for s in parts if re.search(r"\w", s) and not courtesy.match(s.strip())]
        asks = [s.rstrip().endswith("?") or is_request(s) for s in sentences]  # ("Ik wil weten ... .")
        if not 2 <= len(sentences) <= MAX_QUESTIONS or not all(asks):
            return []
        if not all(is_question_sentence(s) for s in sentences):
            return []
        # "In welke maand daalde het het sterkst? Met hoeveel?": a question that names nothing of
        # its own says more of the one before, so the message is one question; but after a point
        # that asks no calculation ("en april? met hoeveel procent steeg dat?", "en vanuit 1813? en
        # samen?") a calculation is over the points asked one by one (April was its own base)
        later = [self.understand(s).slots for s in sentences[1:]]
        opening = self.understand(sentences[0]).slots
        # ("... En de op één na grootste?": a place of the ranking asked first, a question of its own)
        # ("Zat de chat eind september al boven het jaartotaal van 2019? Met hoeveel gesprekken?":
        # the measure of the first again, nothing else, is how to answer it)
        if not all(
            (_names_something(s) and not _only_its_measure(s, opening)) or s.rank_position is not None
            for s in later
        ):
            first = opening
            point = first.aggregation is None and not first.percent_question
            if not (point and all(s.aggregation is not None or s.percent_question for s in later)):
                return []
        return sentences

    def _refines(self, sentence: str) -> bool:
        """Does this sentence only say how to answer (a rounding, a calculation, a split),
        naming nothing to answer about? (A statement says something: "dit jaar is het 84%".)"""
        if self.lexicon.commands["stated"].match(sentence):
            return False
        slots = self.understand(sentence).slots
        names = slots.metrics or slots.categories or slots.helplines or slots.years or slots.months
        # a comparison named after the question is a motive ("Om te vergelijken met nu."), no part
        calculation = slots.aggregation not in (None, "vergelijking")
        how = slots.decimals is not None or calculation or slots.per_month or slots.percent_question
        return bool(how) and not names

    def _measure_meant(self, sentence: str) -> bool:
        """Does this sentence only say which measure the question meant ("Ik bedoel het aantal
        gesprekken.")? (A measure with a figure or a period is a statement of its own.)"""
        if self.lexicon.commands["meant"].match(sentence) is None:
            return False
        slots = self.understand(sentence).slots
        names_more = slots.years or slots.months or slots.numbers or slots.helplines or slots.categories
        return len(slots.metrics) == 1 and not names_more

    def _year_total_around(self, asked: str, around: list[str]) -> str | None:
        """The question with "dat jaartotaal" written as the total of the one year the one
        statement around it names, or None."""
        pointed = _THAT_YEAR_TOTAL.search(asked)
        if pointed is None:
            return None
        named = [self.understand(s).slots for s in around]
        years = {y for o in named for y in o.years}
        if len(years) != 1 or any(o.months for o in named):
            return None
        rewritten = f"{asked[: pointed.start()]}het jaartotaal van {years.pop()}{asked[pointed.end() :]}"
        measures = {m for o in named for m in o.metrics}
        if not self.understand(asked).slots.metrics and len(measures) == 1:
            # ("Zaten ze ... al boven dat jaartotaal?": "ze" are what the statement counts)
            rewritten = f"{rewritten} ({self.lexicon.label('metric', measures.pop())})"
        return rewritten

    def _period_around(self, slots: Slots, around: list[str]) -> str | None:
        """The period one statement around a question names, as words ("april 2020"), when the
        question has a measure but no period and the statements claim nothing to check."""
        # ("In vraag 466 ging het over de eerste vier maanden. Wat zijn de cijfers daarvoor in
        # 2020?": a year of its own, and "daarvoor" the months of the statement; 2020 was given)
        year_only = _points_to_months(slots)
        if not slots.metrics or (_names_period(slots) and not year_only) or slots.premise or slots.followup:
            return None
        if slots.percent_question or slots.ratio_question or slots.aggregation == "vergelijking":
            return None  # "In mei waren er 46. Welk percentage is dat van ...?": the figure stated is a part
        if any(s.rstrip().endswith(":") for s in around):
            return None  # "CLB-chat in juni plus juli: hoeveel ...?": a head is part of the question
        others = [self.understand(s).slots for s in around]
        dated = [o for o in others if o.years or o.months]
        named = any(o.helplines or o.categories or o.excluded_months or o.excluded_helplines for o in others)
        # (a claim about another measure is no part of the question: "Mijn collega zei dat er in mei
        # 431 mensen op de chatknop drukten. Maar hoeveel gesprekken werden er die maand gevoerd?")
        claimed = any(o.premise and (not o.metrics or set(o.metrics) & set(slots.metrics)) for o in others)
        if len(dated) != 1 or named or claimed:
            return None
        o = dated[0]
        if o.aggregation == "vergelijking" and _HOW_MUCH.match(slots.masked):
            # "Van april naar mei daalde het aantal gesprekken. Met hoeveel precies?": by how much
            # it changed, which the statement says (both months were added up)
            return None
        if o.dates or o.relative_year is not None or (year_only and not o.months):
            return None
        if len(set(o.years)) > 1 and not year_only:
            return None
        months = sorted(set(o.months))
        if slots.month_shift is not None:
            # "In maart gingen de scholen dicht. Hoeveel gesprekken de maand erna?": April (March
            # was given); a month across a year, or of several, is not guessed
            moved = [m + slots.month_shift for m in months]
            if len(moved) != 1 or not 1 <= moved[0] <= 12:
                return None
            months = moved
        if year_only:
            return dutch.months_label(months)  # (the question's own year stays)
        if o.years and months:
            return dutch.period_label(o.years[0], months)
        return dutch.months_label(months) if months else str(o.years[0])

    def _measure_around(self, slots: Slots, around: list[str]) -> str | None:
        """The measure (and, when the question names none, the period) of the one statement with
        a figure around a question that names no measure, as words ("chatgesprekken maart 2020").
        None when the statements claim something, name something else, or are not one."""
        if slots.metrics or slots.categories or slots.dimensions or slots.premise:
            return None  # ("Maar hoeveel in juni?": a follow-up of the statement, which it takes)
        if slots.percent_question or slots.ratio_question or slots.threshold is not None:
            return None  # "In mei waren er 46. Welk percentage is dat ...?": the figure is a part
        if any(s.rstrip().endswith(":") or is_question_sentence(s) for s in around):
            return None
        others = [self.understand(s).slots for s in around]
        # (a figure, or a sentence quoted with a bound or none: "Ik had 'meer dan 200 gesprekken'
        # / 'een vijftigtal doorverwijzingen' geschreven. Hoeveel waren het er precies?"; not
        # "Tel ... met meer dan 40 nieuwe oproepers. Hoeveel kom je uit?", which asks with it)
        stated = [
            o for s, o in zip(around, others, strict=True) if o.metrics and (o.numbers or _QUOTED.search(s))
        ]
        if len(stated) != 1 or any(o.premise or o.excluded_months or o.excluded_helplines for o in others):
            return None
        o = stated[0]
        if len(o.metrics) != 1 or o.categories:
            return None
        words = [self.lexicon.label("metric", o.metrics[0])]
        if o.helplines and not slots.helplines:
            # "In maart kwamen er 2 doorverwijzingen van de CLB-chat. Hoeveel in april?": of that
            # helpline too (the whole message was read, and March and April added up)
            words.append("van " + dutch.join([self.lexicon.label("helpline", h) for h in o.helplines]))
        if _points_to_months(slots) and o.months:
            # "In april waren er 123 gesprekken. Hoeveel waren dat er in 2019?": April of 2019
            # (the whole of 2019 was given)
            words.append(dutch.months_label(sorted(set(o.months))))
        elif not _names_period(slots):
            months = sorted(set(o.months))
            if len(set(o.years)) > 1 or o.dates or o.relative_year is not None or not (o.years or months):
                return None
            if o.years and months:
                words.append(dutch.period_label(o.years[0], months))
            else:
                words.append(dutch.months_label(months) if months else str(o.years[0]))
        return " ".join(words)

    def _with_sentence_before(self, question: str, asked: str, around: list[str]) -> tuple[str, list[str]]:
        """The question with the sentence right before it, when that one gives all it lacks;
        else the whole message."""
        before = [s for s in around if question.find(s) < question.find(asked)]
        if before:
            joined = f"{before[-1]} {asked}"
            rest = [s for s in around if s is not before[-1]]
            if not self._lacks(self.understand(joined).slots, rest):
                return joined, rest
        return question, []

    def _clauses_completed(self, clauses: tuple[str, str], around: list[str]) -> tuple[str, str] | None:
        """Two clauses of a question with a statement around them: a clause that lacks only the
        measure the statement names takes it ("Ik zie 452 bezoekers in april. Hoeveel waren het er
        in mei, en hoeveel oproepers uit de wachtrij ...?": the visitors of May, then the queue;
        the first clause was dropped); None when a clause lacks more (one question, then)."""
        completed: list[str] = []
        for clause in clauses:
            slots = self.understand(clause).slots
            if not self._lacks(slots, around):
                completed.append(clause)
                continue
            measured = self._measure_around(slots, around) if _names_period(slots) else None
            if measured is None:
                return None  # a clause takes what a sentence around it names: one question
            completed.append(f"{clause} ({measured})")
        return completed[0], completed[1]

    def _bound_around(self, asked: str, slots: Slots, around: list[str]) -> bool:
        """Does a "which" question name no bound, where a statement around it does?"""
        if slots.threshold is not None or not _WHICH.search(fold(asked)):
            return False
        return any(self.understand(s).slots.threshold is not None for s in around)

    def _lacks(self, slots: Slots, around: list[str]) -> bool:
        """Does the question sentence lack a measure or a period that a sentence around it
        names? (A weekday or a date around it is no period of the question, unless it heads the
        question before a colon.)"""
        others = [(s.rstrip().endswith(":"), self.understand(s).slots) for s in around]
        # ("Ik werk in een CLB. Wanneer kunnen leerlingen op dinsdag chatten?": a weekday or an
        # hour asks for the opening hours, which no name around it changes)
        lacks_measure = not (
            slots.metrics
            or slots.categories
            or slots.dimensions
            or slots.helplines
            or ((slots.weekdays or slots.hour is not None) and not slots.count_question)
        )
        lacks_period = not (slots.years or slots.months or slots.relative_year is not None or slots.date)
        return any(
            (lacks_measure and (o.metrics or o.categories or o.dimensions or o.helplines))
            or (lacks_period and (o.years or o.months))
            # "De week van 21/09: hoeveel ...?": a day in the head of the question is its period
            or (lacks_period and head and bool(o.date or o.dates or o.week))
            # "Vergelijk de zomermaanden juli+augustus: hoeveel in 2020 en in 2019?": the months
            # of the head are those of the years the question names
            or (head and bool(o.months) and not slots.months)
            # "Seksueel misbruik en ... samen: welk percentage van de problematieken?": the groups
            # of the head are those the question asks about (the whole split was listed)
            or (head and bool(o.categories) and not slots.categories)
            # "Awel buiten beschouwing gelaten: welke hulplijn ...?": what is left out is asked
            or o.excluded_helplines
            or o.excluded_months
            or o.excluded_categories
            # "... uit hun omgeving? In aantallen aub.": a split asked for is part of the question
            or o.breakdown is not None
            for head, o in others
        ) or not _names_something(slots)

    # -- answering -----------------------------------------------------------------------

    def _answer(self, question: str, context: Context | None) -> Answer:
        note = ""
        if len(question) > MAX_INPUT_CHARS:
            question = " ".join(question.split())  # runs of white space say nothing
        if len(question) > MAX_INPUT_CHARS:
            question = question[:MAX_INPUT_CHARS]
            note = self.texts("long_message", limit=MAX_INPUT_CHARS)
        if not re.search(r"\w", question):
            return self._prefixed(not_understood(self.ctx, empty=not question.strip()), note, context)
        if _SQL.search(question):
            return self._prefixed(sql_refusal(self.ctx), note, context)
        if self.lexicon.commands["opinion"].search(question):
            # "vind jij dat de campagne geslaagd was?": no opinion, and no facts given as one
            return Answer(text=self.texts("opinion"), answered=False, context=context or Context())
        if self.lexicon.commands["opinion_of_others"].search(question):
            # "vindt de minister de middelen voldoende?": an opinion the source does not state
            return Answer(text=self.texts("others_opinion"), answered=False, context=context or Context())
        if self.lexicon.commands["fresh"].match(question):
            return Answer(text=self.texts("fresh"), answered=False, context=Context())
        if context is not None and len(context.options) == 1 and self.lexicon.commands["yes"].match(question):
            return self._choose(context.options[0].intent, context)
        if self.lexicon.commands["csv"].match(question):
            return self._csv(context)
        if self.lexicon.commands["courtesy"].match(question) and not (context and context.options):
            # thanks asks nothing: the conversation stays where it was, and nothing is repeated
            return Answer(text=self.texts("courtesy"), answered=False, context=context or Context())
        question = self._without_signature(question)
        topic = self.lexicon.commands["topic"].match(question)
        if topic and _names_something(self.understand(topic.group("topic")).slots):
            # a new topic: nothing of the questions before it is carried on
            said = topic.group("topic").strip()
            return Answer(
                text=self.texts("topic_noted", topic=said), answered=False, context=Context(topic=said)
            )
        if context is not None and context.topic:
            # the topic is read with a question about figures only ("wie is JustNicolas?" names its
            # own subject)
            if self._handler_of(question) in (None, "metric"):
                question = f"Het gaat over {context.topic}. {question}"
            context = replace(context, topic="")
        question = self.lexicon.commands["according_to"].sub(" ", question).strip() or question
        question = self.lexicon.commands["tag_question"].sub(", toch?", question)
        acknowledged = self.lexicon.commands["acknowledged"].match(question)
        if acknowledged:
            question = acknowledged.group("rest")
        question = self._corrected(question, context)
        corrected = self._self_corrected(question, context)
        if corrected is not None:
            return self._prefixed(corrected, note, context)
        described = self._described_period(question, context)
        if described is not None:
            return self._prefixed(described, note, context)
        questions = self._questions(question)
        if questions:
            several = self._both(questions, context)
            if several is not None:
                return self._prefixed(several, note, context)
        asked, around = self._question_part(question)
        leading = [s for s in around if question.find(s) < question.find(asked)]
        if context is not None and any(_plain(s) in self.lexicon.fresh_dropped for s in leading):
            # "Vergeet dat. Hoeveel views had de campagne?": nothing of the question before
            # (its group was taken as what the views were asked of)
            context = Context()
        said_before = bool(around)  # a sentence besides the question (it may name what "daarvan" is)
        clauses = self._clauses(asked)
        if clauses is not None and around:
            clauses = self._clauses_completed(clauses, around)
        if clauses is not None:
            both = self._both(clauses, context)
            if both is not None:
                return self._prefixed(both, note, context)
            opening = self.understand(clauses[0]).slots
            if not (opening.metrics or opening.categories or opening.dimensions or opening.helplines):
                # "Hoeveel waren het er in mei, en hoeveel nieuwe oproepers in juni?" with nothing
                # before it: which figure the first asks is asked back (the measure of the
                # second was counted over both months)
                return self._prefixed(self._answer(clauses[0], context), note, context)
        parse = self.understand(asked)
        year_total = self._year_total_around(asked, around) if around else None
        if year_total is not None:
            # "In 2019 waren er 600 gesprekken. Zaten ze in 2020 al boven dat jaartotaal?": that
            # year's total (the months of 2020 were given alone)
            asked, around = year_total, []
            parse = self.understand(asked)
        period = self._period_around(parse.slots, around) if around else None
        if around and _SUCH.search(fold(asked)):
            # "Tijdens de lockdown stegen de oproepen over huiselijk geweld. Hoeveel zulke oproepen
            # ...?": the kind asked is said in the sentence before, which is part of the question
            # (its period was taken, and "over huiselijk geweld" dropped)
            asked, around = question, []
            parse = self.understand(asked)
        elif around and self._bound_around(asked, parse.slots, around):
            # "In 2019 was er één maand met minder dan 20 gesprekken. Welke was dat?": the months
            # of that bound are asked (the year's total was given, the bound dropped)
            asked, around = question, []
            parse = self.understand(asked)
        elif period is not None:
            # "In april waren er 123 gesprekken. Hoeveel nieuwe oproepers die maand?": the
            # question takes the period of the sentence around it, and nothing else of it (its
            # figures are statements, not parts of the question)
            asked, around = f"{asked} ({period})", []
            parse = self.understand(asked)
        elif around and (measured := self._measure_around(parse.slots, around)) is not None:
            # "In april waren er 123 gesprekken, dat weet ik al. Maar hoeveel in juni 2020?": the
            # question takes the measure (and the period it lacks) of the statement around it,
            # whose figure is no part of the question (it was "Over '123' heb ik geen cijfers")
            asked, around = f"{asked} ({measured})", []
            parse = self.understand(asked)
        elif around and (
            (parse.slots.points_back and any(_names_something(self.understand(s).slots) for s in around))
            or self._lacks(parse.slots, around)
            # "Seksueel misbruik is 34% van de meldingen. Om hoeveel gesprekken gaat het dan?": a
            # count of the group the statement names (every conversation was counted)
            or (
                parse.slots.count_question
                and not parse.slots.categories
                and any(self.understand(s).slots.categories for s in around)
            )
        ):
            # "Mijn collega zegt dat juni 100 gesprekken telde. Heeft ze gelijk?": the question
            # lacks what a sentence around it names, so the message as a whole is the question,
            # or the sentence right before it with it when that one names what it lacks ("Ik
            # bereid een vraag voor. In mijn tekst staat: '...' Klopt dat?")
            asked, around = self._with_sentence_before(question, asked, around)
            parse = self.understand(asked)
        slots = parse.slots
        if not parse.reading.text.strip():
            # nothing left once mentions, links and markup are gone: no question, and no
            # follow-up of the previous one either
            return self._prefixed(not_understood(self.ctx, empty=True), note, context)
        if len(question.split()) > LONG_MESSAGE_WORDS and not around and not is_question_sentence(question):
            return self._prefixed(not_understood(self.ctx), note, context)
        words = parse.reading.text.split()
        foreign = [w for w in words if w in self.lexicon.foreign_words]
        # ("welk percentage is andere of onduidelijk?": "is" and "of" are Dutch words too)
        only_foreign = [w for w in foreign if w not in self.lexicon.stopwords]
        if len(only_foreign) >= 2 and len(foreign) * 3 >= len(words):
            return self._prefixed(refusal(self.texts("foreign")), note, context)
        if parse.reading.ambiguous:
            return self._prefixed(self._ask_name(asked, parse, context), note, context)
        previous = context.intent if context else None
        # (a share is a figure too: "Hoe hoog lag het in 2019?" after a share of 2020 is that
        # share in 2019; it was asked back)
        figures_before = bool(
            previous and self.specs.get(previous) and self.specs[previous].handler in FIGURE_HANDLERS
        )
        followup = is_followup(slots, context, figures_before)
        before_spec = self.specs.get(previous or "")
        told_of = (
            not followup
            and slots.anaphora
            and bool(slots.metrics)
            and before_spec is not None
            and before_spec.handler not in FIGURE_HANDLERS
            and "metric" in before_spec.slots
            and not (slots.years or slots.months or slots.date or slots.relative_year is not None)
        )
        # "hoeveel nieuwe oproepers leverde die op?" after the campaign: "die" is what that answer
        # told of, and its measure is the campaign's to give (a year's total was given)
        followup = followup or told_of
        named_period = slots.years or slots.months or slots.date or slots.relative_year is not None
        if (
            _PART_OF_THOSE.search(slots.masked)
            and (context is None or context.query is None)
            and not named_period
            and not said_before  # ("... 52 doorverwijzingen in totaal. Hoeveel daarvan ...?": of those)
        ):
            # "en hoeveel daarvan van awel?" after a question back, or first: of what? (the whole
            # period was answered, where the user had asked about August before)
            return self._prefixed(refusal(self.texts("nothing_pointed")), note, context)
        unknown_words = any(w not in self._known_words for w in slots.content)
        spec, options = self.policy.decide(
            slots,
            list(parse.ranked),
            unknown_words,
            previous if followup else None,
            # names ("Child Focus") and words that narrow ("enkel") name no topic
            names_written(asked, self.lexicon) | self.lexicon.restricting if followup else frozenset(),
        )
        served = set(spec.options.get("dimensions", [])) if spec is not None else set()
        crossed = (
            spec is not None
            and context is not None
            and context.query is not None
            and before_spec is not None
            and before_spec.handler == "shares"
            and spec.handler == "shares"
            and before_spec.name != spec.name
            and (slots.points_back or slots.anaphora)
            and not slots.rest
            and not slots.categories
            # a split of this topic named ("welke leeftijdsgroep"), none of the groups' before
            and bool(set(slots.dimensions) & served)
            and not {d for d, _ in context.query.categories} & served
            and bool(context.query.categories)
        )
        # "% meisjes bij de oproepers?", "en bij seksueel misbruik specifiek?": the group before
        # within a group of another split, which the source never crosses (the share of sexual
        # abuse was given)
        within = (
            spec is not None
            and before_spec is not None
            and context is not None
            and context.query is not None
            and before_spec.handler == "shares"
            and spec.handler == "shares"
            and _WITHIN_GROUP.match(slots.masked) is not None
            and bool(context.query.categories)
            and bool(slots.categories)
            and not {d for d, _ in slots.categories} & {d for d, _ in context.query.categories}
        )
        if within and spec is not None and before_spec is not None and context is not None and context.query:
            groups = dutch.join([self.lexicon.label("category", c) for _, c in context.query.categories])
            if spec.name == before_spec.name:  # ("% meisjes?", "en bij 12-15 jaar?": one topic's two splits)
                text = self.texts("crossing_within", groups=groups, what=_topic(spec))
            else:
                text = self.texts(
                    "crossing_pointed", groups=groups, what=_topic(spec), before=_topic(before_spec)
                )
            return self._prefixed(self._keep(refusal(text), context), note, context)
        if crossed and spec is not None and before_spec is not None and context is not None and context.query:
            # "fysieke mishandeling?", "welke leeftijdsgroep meldde dat het vaakst?": the group
            # before split by another topic, which the source never crosses (the ages of all
            # callers were given)
            groups = dutch.join([self.lexicon.label("category", c) for _, c in context.query.categories])
            text = self.texts(
                "crossing_pointed", groups=groups, what=_topic(spec), before=_topic(before_spec)
            )
            return self._prefixed(self._keep(refusal(text), context), note, context)
        rest_of = context.query.categories if followup and context and context.query else ()
        if slots.rest and rest_of and previous and self.specs[previous].handler == "shares":
            # "en de rest, waarover gaat het dan?" after a group of a split: everyone else in that
            # split (the problem categories were offered, "waarover" read as a problem)
            spec = self.specs[previous]
        if spec is None and slots.anaphora and previous in [o.intent for o in options]:
            # "tot wanneer blijft dat zo?" after the opening hours: the question points back,
            # and of the readings it leaves open, the previous one is what "dat" is
            spec, followup = self.specs[previous], True
        dated = (
            self._day_topics.get((slots.date[1], slots.date[0]), frozenset()) if slots.date else frozenset()
        )
        asks_of_day = bool(dated) and _QUESTION_WORD_IN.search(slots.masked) is not None
        if (
            spec is None
            and len(dated) == 1
            and asks_of_day
            and not (slots.strong_metric or slots.count_question)
        ):
            # "wie vermeldde de chat op 21 september?": the one topic with a fact of that day (the
            # readings of its other words were offered, none of them the campaign)
            spec = self.specs.get(next(iter(dated)), spec)
        if spec is None and options:
            query = self._query(parse, asked, None)
            return self._prefixed(self._offer(options, query, context), note, context)
        if spec is None:
            return self._prefixed(not_understood(self.ctx), note, context)
        counts_a_measure = bool(slots.counted_metric) or (
            slots.strong_metric and (slots.percent_question or slots.aggregation in ("hoogste", "laagste"))
        )
        if slots.breakdown and counts_a_measure and spec.handler in ("lookup", "opening_hours"):
            # "hoeveel gesprekken vonden op afspraak plaats?", "op welk uur zijn de meeste chats?":
            # a count of a metric, split in a way no source does; the figures intent says so (the
            # opening hours were given)
            spec = self.policy.by_slots(slots) or spec
        query = self._query(parse, asked, spec)
        told = context.query.names if context is not None and context.query is not None else ()
        one_thing = followup and not told_of and ONE_THING_POINTED.search(slots.masked) is not None
        if (not followup or told_of or one_thing) and slots.anaphora and told and not query.names:
            # ("Hoeveel views haalde die post?" after the post to come: that post; "hoeveel views
            # leverde dat op?" after every influencer is about them all)
            # "hoeveel nieuwe oproepers kwamen er na die post?" after the post of Jamie-Lee-Six:
            # about that post (the weeks of another vlogger's were given)
            query = replace(query, names=told)
        own = query
        if followup and context is not None and context.query is not None:
            before = context.query.period
            if slots.month_shift is not None and not (slots.months or before.months or before.found_month):
                # "en de maand erna?" after a question about no one month: after which month?
                return self._prefixed(
                    self._keep(refusal(self.texts("no_month_to_shift")), context), note, context
                )
            measure_before = context.chain.measure_before
            if (
                measure_before is not None
                and (
                    query.percent_question
                    # ("hoeveel procent is dat gestegen?": of which measure, against which? but
                    # "het verschil tussen beide" sets the two measures against each other)
                    or (
                        query.operation == "vergelijking"
                        and not BOTH_BACK.search(query.masked)
                        and not slots.divided  # "deel het eerste door het tweede": the two measures
                    )
                )
                and not query.base_metric
                and not (slots.metrics or slots.categories or slots.dimensions)
                and not query.period.named
            ):
                # "hoeveel procent is dat?" after two measures of one period asked in turn: of the
                # measure before, or of the year? (the year was taken)
                text = self.texts(
                    "which_whole_before"
                    if query.percent_question and query.operation is None
                    else "which_two_before",
                    part=self.lexicon.label("metric", context.query.metric or ""),
                    whole=self.lexicon.label("metric", measure_before),
                )
                return self._prefixed(self._keep(refusal(text), context), note, context)
            chain = context.chain
            fact_spec = self.specs.get(context.intent or "")
            if (
                _PART_OF_THOSE.search(slots.masked)
                and fact_spec is not None
                and fact_spec.handler == "lookup"
                and fact_spec.name != spec.name
            ):
                # "hoeveel views ...?", "en hoeveel daarvan kwamen van meisjes?": a part of that
                # fact, which the source does not split (the callers' split was given)
                text = self.texts("part_of_fact", what=fact_spec.label)
                return self._prefixed(self._keep(refusal(text), context), note, context)
            if (
                query.operation in ("totaal", "vergelijking", "gemiddelde")
                and not (query.period.named or query.helplines or slots.metrics)
                and len(chain.helplines) > 1
                and len(set(chain.points)) > 1
            ):
                # "Awel in juni?", "en van 1712 in juli?", "tel op": other helplines in other
                # months; the chain does not keep which went with which (both helplines over the
                # whole period were added up)
                text = self.texts(
                    "which_pairs",
                    helplines=dutch.join([self.lexicon.label("helpline", h) for h in chain.helplines]),
                    months=dutch.join([dutch.period_label(y, [m]) for y, m in dict.fromkeys(chain.points)]),
                )
                return self._prefixed(self._keep(refusal(text), context), note, context)
            before_query = context.query
            query = merge(context.query, query, slots, chain)
            order = _FIGURE_BY_ORDER.search(slots.masked)
            placed = slots.figure_position in (1, 2)
            if (order or placed) and chain.measure_before and chain.metric and not slots.metrics:
                # "gesprekken in september?", "en nieuwe oproepers?", "met hoeveel procent lag dat
                # eerste cijfer hoger dan in 2019?": the measure asked first (the last was taken)
                first = order.group(1) == "eerste" if order else slots.figure_position == 1
                query = replace(query, metric=chain.measure_before if first else chain.metric)
            if (
                spec.handler == "lookup"
                and before_query.count_question
                and before_query.metric is not None
                and query.metric == before_query.metric
                and not any(w in QUESTION_WORDS for w in slots.masked.split())
            ):
                # "Hoeveel doorverwijzingen kwamen van Awel?", "En via Smartschool?": a count of
                # that measure again, which the facts of this topic do not give (they were given
                # as if they answered it)
                query = replace(
                    query, count_question=True, helplines=query.helplines if slots.helplines else ()
                )
            inherited = {d for d, _ in query.categories} if not slots.categories else set()
            before_spec = self.specs.get(previous or "")
            if (
                inherited
                and spec.handler == "shares"
                and before_spec is not None
                and before_spec.handler == "shares"
                and not inherited <= set(spec.options.get("dimensions", []))
                # ("en wat is de meest gemelde problematiek?" names its own split: the profile was
                # given again)
                and not set(slots.dimensions) & set(spec.options.get("dimensions", []))
            ):
                # "welk percentage zit samen in die twee categorieën?" after the callers' ages: the
                # groups before, of the split that serves them ("categorieën" read as the problems)
                spec = before_spec
                query = replace(query, intent=spec.name)
            part = _PART_OF_THOSE.search(slots.masked) is not None and spec.handler in STRICT
            other_measure = (
                part
                and spec.handler == "metric"
                and not query.percent_question
                and before_query.metric is not None
                and query.metric not in (None, before_query.metric)
                and "metric" not in query.from_context
                # (a measure split by the helplines they came from tells how some came: "hoeveel
                # daarvan kwamen via een doorverwijzing?" after the conversations is answered)
                and query.metric
                not in {r["metric"] for r in self.ctx.run(self.ctx.metric_spec, "helpline_metrics")}
                and query.metric not in spec.options.get("parts", {}).get(before_query.metric, [])
            )
            part_of_figure = (
                _PART_OF_THOSE.search(slots.masked) is not None
                and before_spec is not None
                and before_spec.handler == "metric"
                and spec.handler in ("lookup", "shares")
                and not query.percent_question
            )
            if (
                before_spec is not None
                and before_spec.handler == "shares"
                and spec.handler == "metric"
                and (slots.points_back or slots.anaphora)
                and query.metric is not None
                and not query.percent_question
            ):
                # "Wat is de meest gemelde problematiek?", "Hoeveel gesprekken gingen daarover?": a
                # count of a share's group, which the source never gives (the month with the most
                # conversations was given, the ranking taken over)
                text = self.texts(
                    "count_of_share",
                    label=self.lexicon.label("metric", query.metric),
                    what=_topic(before_spec),
                )
                return self._prefixed(self._keep(refusal(text), context), note, context)
            if part_of_figure and before_query.metric is not None:
                # "Hoeveel nieuwe oproepers in april?", "Hoeveel van hen hadden een vraag over
                # seksueel misbruik?": a part of that count by another topic, which no source
                # gives (the share among all conversations of 2020 was given)
                text = self.texts(
                    "part_of_figure",
                    before=self.lexicon.label("metric", before_query.metric),
                    what=_topic(spec),
                )
                return self._prefixed(self._keep(refusal(text), context), note, context)
            if other_measure:
                # "nieuwe oproepers in januari?", "en hoeveel daarvan kwamen terug voor een tweede
                # gesprek?": which of those are counted in the other measure, no source says (the
                # conversations of January were given)
                text = self.texts(
                    "part_of_other_measure",
                    before=self.lexicon.label("metric", before_query.metric or ""),
                    other=self.lexicon.label("metric", query.metric or ""),
                )
                return self._prefixed(self._keep(refusal(text), context), note, context)
            same = (query.metric, query.helplines, query.categories, query.period.months) == (
                before_query.metric,
                before_query.helplines,
                before_query.categories,
                before_query.period.months,
            )
            # (the words are accounted for only when a part is asked, or the turn names nothing:
            # no work for other follow-ups)
            bare = (
                bool(slots.content)
                and not _names_anything(slots)
                and not any(w in self._known_words for w in slots.content)
            )
            unread = (
                list(account(slots, parse.reading.text, asked, self.lexicon, spec.words).ignored)
                if (part and same) or bare
                else []
            )
            if not (part and same):
                # "welke problematieken komen het meest voor?", "en cyberpesten?": words the bot
                # does not know are all the turn adds (the ranking was given again)
                unread = [w for w in unread if w in slots.content]
            if unread:
                # "en hoeveel van hen haakten af?": a part of the figure before, named by words no
                # part of the question uses (the whole figure was given again)
                return self._prefixed(
                    self._keep(refusal(self.texts("leftover", words=dutch.join(unread))), context),
                    note,
                    context,
                )
            if slots.months_counted and before_query.period.found_months:
                # "hoeveel maanden zijn dat?" after a list of months: how many it listed (the
                # months of the whole period were counted with a condition of "more than 0")
                listed = before_query.period.found_months
                named = dutch.join([dutch.period_label(y, [m]) for y, m in listed])
                text = self.texts("months_counted", count=len(listed), months=named)
                return self._prefixed(self._keep(Answer(text, answered=True), context), note, context)
            missing = _refused_point(context)
            if (
                missing is not None
                and query.operation in ("totaal", "vergelijking", "gemiddelde")
                and not _names_something(slots)
                and spec.handler == "metric"
            ):
                # "nieuwe oproepers sep 2020?", "en oktober 2020?" (no figure), "tel op": one of the
                # two has no figure, so nothing to add up (the year's total was given)
                text = self.texts("operation_without", missing=missing)
                return self._prefixed(self._keep(refusal(text), context), note, context)
            if _total_of_one_point(slots, context, query) and spec.handler == "metric":
                return self._prefixed(self._both_totals(spec, query, context), note, context)
            pair = BOTH_BACK.search(parse.reading.text)
            if query.operation == "vergelijking" and pair and not _two(query):
                # "wat is het verschil tussen beide?" where the conversation asked one figure of
                # this measure: which two is not clear, and no neighbouring year is guessed
                return self._prefixed(self._keep(refusal(self.texts("which_two")), context), note, context)
        if (slots.months_run or slots.until_then) and query.period.months == own.period.months:
            # "de twee maanden erna", "tot dan" that no month before resolved: within the
            # question ("februari en de twee maanden erna"), or which month is asked
            run = _months_run_within(own.period.months, slots.months_run)
            if not run:
                return self._prefixed(
                    self._keep(refusal(self.texts("no_month_to_shift")), context), note, context
                )
            query = replace(query, period=replace(query.period, months=run, span=True, month_order=()))
        p = query.period
        one_month = query.operation != "vergelijking"  # ("dezelfde maand van 2019" compares)
        if (
            slots.month_pointed
            and one_month
            and not (p.months or p.points or p.date or p.dates or p.found_month)
        ):
            # "hoeveel gesprekken in die maand?" where no month was asked before: which one?
            return self._prefixed(self._keep(refusal(self.texts("no_month_pointed")), context), note, context)
        if slots.day_pointed and not (query.weekdays or p.date or p.dates or p.week or p.found_date):
            # "hoeveel uur is de chat die dag open?" where no day was asked or told before: which
            # one? (the week's hours were given)
            return self._prefixed(self._keep(refusal(self.texts("no_day_pointed")), context), note, context)
        named_time = p.months or p.points or p.date or p.dates or p.week or p.found_month or p.found_date
        # ("in de maand met de meeste bezoekers, hoeveel gesprekken waren er toen?": the month found)
        ranked = {"hoogste", "laagste"} & set(slots.aggregations) or slots.month_by is not None
        then = _THEN_IN_YEAR.search(parse.reading.text) or (
            not p.years and not ranked and _THEN.search(parse.reading.text)
        )
        fresh = context is None or context.query is None
        if slots.then_pointed and then and fresh and spec.handler == "metric" and not named_time:
            # "Hoeveel gesprekken waren er toen in 2020?" where no month was asked or told before:
            # which time? (the whole of 2020 was given)
            return self._prefixed(self._keep(refusal(self.texts("no_time_pointed")), context), note, context)
        asked_before = context is not None and context.query is not None
        if slots.months_pointed and not asked_before and not (p.months or p.points or p.found_months):
            # "en nieuwe oproepers over diezelfde maanden?" with no months asked before: which ones?
            # (the whole period was given)
            return self._prefixed(
                self._keep(refusal(self.texts("no_months_pointed")), context), note, context
            )
        if slots.quarter_pointed and not p.months:
            # "hoeveel gesprekken in hetzelfde kwartaal van 2019?" with no month asked before
            return self._prefixed(
                self._keep(refusal(self.texts("no_quarter_pointed")), context), note, context
            )
        if slots.helpline_pointed and not (query.helplines or query.excluded_helplines):
            # "hoeveel gesprekken voerde die lijn?" where no helpline was asked or found before
            return self._prefixed(
                self._keep(refusal(self.texts("no_helpline_pointed")), context), note, context
            )
        if slots.year_pointed and not (p.years or p.points or p.relative_year is not None or p.all_years):
            # "hoeveel gesprekken waren er dat jaar?" after a date with no figures (or no year)
            return self._prefixed(self._keep(refusal(self.texts("no_year_pointed")), context), note, context)
        return self._prefixed(self._checked(spec, query, around, context, asked), note, context)

    def _corrected(self, question: str, context: Context | None) -> str:
        """ "nee, ik bedoelde mei" after a question: "mei", a follow-up of it (the correction
        words asked for definitions or the history of the chat); without a question before,
        what is left is asked on its own."""
        m = self.lexicon.commands["correction"].match(question)
        if m is None:
            return question
        rest = next(g for g in m.groups() if g)
        # "Oeps, ik bedoelde juni 2020. En geef ook ...": the correction is a question of its own,
        # the sentence after it another (only the second was answered)
        split = re.match(r"^([^.!?]*\w)[.!]\s+(\S.*)$", rest)
        if split and is_request(split.group(2)):
            rest = f"{split.group(1)}? {split.group(2)}"
        if context is None or context.query is None or re.match(r"(?i)en\b", rest):
            return rest
        both = _BOTH_FIGURES.search(rest)
        chain = context.chain
        if both and chain.measure_before and chain.metric and chain.measure_before != chain.metric:
            # "gesprekken in juni 2020?", "en nieuwe oproepers?", "nee, ik bedoelde juni 2019,
            # beide cijfers graag": both measures asked, in the period corrected (the one measure
            # was compared across the two years)
            labels = " en ".join(
                self.lexicon.label("metric", m) for m in (chain.measure_before, chain.metric)
            )
            rest = f"{labels} {_BOTH_FIGURES.sub(' ', rest)}"
        # "nee, ik bedoel het aantal bezoekers op de chatknop": the question before, with that
        # measure; a correction always continues it (it was read as a question of its own)
        return f"en {rest}"

    def _self_corrected(self, question: str, context: Context | None) -> Answer | None:
        """ "Hoeveel gesprekken in juni, sorry, juli 2020?": the part before the correction is
        asked, and what follows it is its follow-up (both months were added up). None when
        the message corrects nothing."""
        m = self.lexicon.commands["self_correction"].match(question)
        if m is None or not _names_something(self.understand(m.group("after")).slots):
            return None  # ("in mei 2020 (sorry voor de typfouten)?": an apology corrects nothing)
        first = self._answer(m.group("before"), context)
        if first.context.query is None:
            return None
        base = replace(first.context, same_message=True)
        # "in mei (sorry, juni) 2020?": the brackets only set the correction apart
        return self._answer(re.sub(r"[()]", " ", m.group("after")) + m.group("end"), base)

    def _query(self, parse: Parse, asked: str, spec: IntentSpec | None) -> Query:
        """The typed query of a question read as this intent (remembered: a Query is a value)."""
        key = (asked, spec.name if spec else None)
        known = self._queries.get(key)
        if known is not None:
            return known
        if len(self._queries) >= UNDERSTOOD_MAX:
            self._queries.clear()
        query = self._queries[key] = self._build(parse, asked, spec)
        return query

    def _build(self, parse: Parse, asked: str, spec: IntentSpec | None) -> Query:
        accounting = account(
            parse.slots, parse.reading.text, asked, self.lexicon, spec.words if spec is not None else ()
        )
        form = {"chart": "chart", "table": "table"}.get(spec.handler if spec else "", "text")
        return build_query(
            parse.slots, parse.reading, spec.name if spec else None, accounting, self.lexicon, form
        )

    def _checked(
        self, spec: IntentSpec, query: Query, around: list[str], context: Context | None, asked: str
    ) -> Answer:
        """The parts of the query no family can use become a refusal or a question; the rest
        is answered by the intent's family."""
        t = self.texts
        handler = spec.handler
        if query.unsupported and handler not in NO_FIGURES:
            return self._keep(unsupported_measure(self.ctx, spec, query, query.unsupported), context)
        if (
            handler in ("metric", "shares", "table", "chart")
            and query.meaning_question
            and "hoeveel" not in query.masked.split()
        ):
            # "wat betekent het sterretje bij maart 2019?": the figures explain nothing
            return self._keep(refusal(t("no_explanation")), context)
        if spec.options.get("timeless") and query.period.named:
            # "telt wie vorig jaar al chatte dit jaar opnieuw als nieuw?": the definitions say
            # nothing of a year, so that part is not answered
            problem = spec.templates["geen_periode"]
            return self._keep(refusal(t("part_not_used", problem=problem)), context)
        if (
            query.meaning_question
            and set(query.masked.split()) & self.lexicon.unexplained
            and not query.count_question  # ("hoeveel in maart 2019? en waar staat het sterretje voor?")
        ):
            # "wat betekent het sterretje bij dat cijfer?": the source marks it, never says why
            return self._keep(refusal(t("no_explanation")), context)
        query = self._without_stated_figures(query)
        counted = self._month_count_differs(query) or self._helpline_count_differs(query)
        if counted is not None:
            return self._keep(refusal(counted), context)
        weeks = query.period.date or query.period.dates or query.period.week
        named = strict(handler, query) or handler == "opening_hours"  # "de openingsuren van het CAW"
        if named and query.unknown_names and not (handler == "metric" and weeks):
            # (a question about weeks is checked by the weeks answered: "toen JustNicolas ...")
            names = dutch.join([f"{n}" for n in query.unknown_names])
            text = t("unknown_name", name=names)
            if (handler == "metric" and query.metric == "doorverwijzingen") or query.helplines:
                helplines = dutch.join([e.label for e in self.lexicon.entities_of("helpline")])
                label = self.lexicon.label("metric", query.metric or "doorverwijzingen")
                text = t("unknown_helpline", name=names, label=label, helplines=helplines)
            return self._keep(refusal(text), context)
        leftovers = query.leftovers
        if handler == "metric" and weeks:
            leftovers = tuple(w for w in leftovers if not self._names_a_week(w))
        if handler in STRICT and leftovers and not query.breakdown:
            return self._ask_leftovers(spec, replace(query, leftovers=leftovers), asked, context)
        if query.after_then and handler in STRICT:
            # "en daarna?" after a month: the month after it, or every month after it? (the
            # same month was given again, as if "daarna" said nothing)
            word = self.lexicon.after_then.search(query.masked)
            text = t("after_which", word=word.group(0) if word else "daarna")
            return self._keep(refusal(text), context)
        if query.source_number is not None:
            known = {r["number"] for r in figures.source_rows(self.store)}
            if query.source_number not in known:
                sources = dutch.join([f"vraag nr. {n}" for n in sorted(known)])
                return self._keep(
                    refusal(t("unknown_source", number=query.source_number, sources=sources)), context
                )
        if around and handler in FIGURE_HANDLERS:
            query = self._topic_helpline(around, query)
            asked_more = self._context_entities(around, query)
            if asked_more is not None:
                return self._keep(asked_more, context)
        unused = parts_not_used(handler, query)
        if spec.options.get("timeless_facts") and query.breakdown and query.period.named:
            # "hoe lang duurden de gesprekken in januari 2019?": facts that hold for no period, split
            # by one (how long a conversation may last was given, as if for that month)
            unused.append("fact_period")
        lacking = [part for part in unused if part in ("share_of", "against", "day_bound")]
        if lacking:
            # "als percentage van de gesprekken?" with no figure before: no family answers it,
            # whichever the words resemble (the conversations' share of their year was given)
            return self._keep(refusal(self._not_used(lacking[0], spec, query)), context)
        if unused == ["operation"] and handler in ("chart", "table"):
            # "hoeveel doorverwijzingen per hulplijn gemiddeld, over de hele tabel?": a
            # calculation asked with a word for a table is answered as the calculation
            counts = self.policy.by_slots_kind("metric")
            if counts is not None and query.metric:
                return self._run(counts, replace(query, intent=counts.name, form="text"), context, note="")
        if (
            handler == "lookup"
            and query.count_question
            and query.counted_metric
            and not self._topic_words(spec, query)
        ):
            # "hoeveel doorverwijzingen zijn er in totaal geregistreerd?": a count of a measure, in
            # words that ask nothing of the facts but how it was counted (they said no count)
            counts = self.policy.by_slots_kind("metric")
            if counts is not None and not query.leftovers:
                return self._run(counts, replace(query, intent=counts.name), context, note="")
        ranks_a_month = query.operation in ("hoogste", "laagste") or query.month_by is not None
        if handler == "lookup" and ranks_a_month and query.period.months and query.metric:
            # "mag ik schrijven dat april 2020 de drukste maand was sinds de start van de chat in
            # 2012?": a claim about a month's rank is one about monthly figures (the history was told)
            counts = self.policy.by_slots_kind("metric")
            if counts is not None:
                return self._run(counts, replace(query, intent=counts.name), context, note="")
        if handler == "lookup" and query.week_count and query.metric and query.period.date:
            # "hoeveel nieuwe oproepers in de twee weken na de video van JustNicolas op 21
            # september?": weeks counted from a date are the weekly figures' (the campaign's
            # facts gave the first week alone)
            counts = self.policy.by_slots_kind("metric")
            if counts is not None:
                return self._run(counts, replace(query, intent=counts.name), context, note="")
        if query.month_of_event and query.metric and handler not in ("metric", "shares"):
            # "hoeveel gesprekken in de maand waarin JustNicolas de chat vermeldde?": a figure of
            # that month, whatever the words of the event resemble
            counts = self.policy.by_slots_kind("metric")
            if counts is not None:
                return self._run(counts, replace(query, intent=counts.name), context, note="")
        if "months" in unused and not (query.categories or query.dimensions or query.age_range):
            # "in welke maand was de stijging het grootst?": a monthly measure not named, whatever
            # the words resemble of the groups' shares (those have no months); which measure?
            counts = self.policy.by_slots_kind("metric")
            if counts is not None:
                return self._run(counts, replace(query, intent=counts.name), context, note="")
        if "metric" in unused and handler == "shares":
            # "welk percentage van de gesprekken kwam via een doorverwijzing?": one measure as a
            # share of another is a question for the measures, not for the groups; and so is
            # "wie verwees het meest door?", a monthly measure that only sounds like the profile
            counts = self.policy.by_slots_kind("metric")
            if counts is not None:
                return self._run(counts, replace(query, intent=counts.name), context, note="")
        if unused:
            return self._keep(refusal(self._not_used(unused[0], spec, query)), context)
        return self._run(spec, query, context, note="")

    def _without_stated_figures(self, query: Query) -> Query:
        """ "welk percentage van de 600 gesprekken in 2019 ...": a figure of the measure that the
        question quotes from the source restates it; it is no name and no word not understood
        (it was refused as a name the data does not know); "In 2019 vonden meer dan 330 nieuwe
        oproepers de weg ... Hoeveel daarvan in ...?" quotes one with its qualifier (it was read as
        months with more than 330)."""
        if query.metric is None or query.helplines or not (query.quoted_numbers or query.threshold_quoted):
            return query
        try:
            known = figures.stated_figures(self.store, query.metric, query.period.years)
            known &= set(query.quoted_numbers)
        except figures.NoData:
            return query

        def stated(word: str) -> bool:
            digits = word.replace(".", "")
            return digits.isdigit() and Decimal(digits) in known

        threshold = query.threshold
        if threshold is not None and query.threshold_quoted:
            said = self.texts.table("comparators").get(threshold.comparator, "")
            if (said, threshold.value) in figures.qualified_figures(self.store, query.metric):
                threshold = None  # "meer dan 330 nieuwe oproepers" as the source says it
        return replace(
            query,
            threshold=threshold,
            unknown_names=tuple(n for n in query.unknown_names if not stated(n)),
            leftovers=tuple(w for w in query.leftovers if not stated(w)),
        )

    def _month_count_differs(self, query: Query) -> str | None:
        """ "in die twee maanden" where the period has three: which months is not clear."""
        p = query.period
        months = sorted(set(p.inner_months or p.months) | {m for _, m in p.points})
        if query.month_count is None or len(months) == query.month_count:
            return None
        if not months and query.metric is not None:
            # "in hoeveel van de negen maanden lag het in 2020 lager dan in 2019?": the months of
            # the years named that have figures (it was "het gaat om geen enkele maand")
            held = figures.monthly_totals(self.store, query.metric)
            years = set(p.years) or {y for y, _ in held}
            common = (
                set.intersection(*({mo for y2, mo in held if y2 == y} for y in years)) if years else set()
            )
            if len(common) == query.month_count:
                return None
        named = dutch.join([dutch.month_name(m) for m in months]) if months else self.texts("no_months_named")
        # the count in words ("drie"), as the question says it: a digit reads as a figure
        words = {value: word for word, value in self.lexicon.number_words.items()}
        return self.texts(
            "month_count", count=words.get(query.month_count, str(query.month_count)), months=named
        )

    def _helpline_count_differs(self, query: Query) -> str | None:
        """ "hoeveel van de vier hulplijnen ..." where the source has five (or the question names
        two): which helplines is not clear."""
        if query.helpline_count is None:
            return None
        known = [e.label for e in self.lexicon.entities_of("helpline")]
        named = [self.lexicon.label("helpline", h) for h in query.helplines] or known
        if len(named) == query.helpline_count:
            return None
        words = {value: word for word, value in self.lexicon.number_words.items()}
        count = words.get(query.helpline_count, str(query.helpline_count))
        return self.texts("helpline_count", count=count, helplines=dutch.join(named))

    def _not_used(self, part: str, spec: IntentSpec, query: Query) -> str:
        """Why a part of the question that the intent's family cannot use makes no answer."""
        t, p = self.texts, query.period
        if part == "sum":
            return t("which_sum", what=spec.short_label)
        if part == "names":
            return t("no_names")
        if part == "day_bound" and p.day_bound:
            return t("day_bound", bound=p.day_bound)
        if part == "share_of" and query.base_metric:
            return t("share_of_what", whole=self.lexicon.label("metric", query.base_metric))
        if part == "against" and query.measure_against:
            return t("against_what", what=self.lexicon.label("metric", query.measure_against))
        if part == "vague" and p.vague:
            return t("vague_period", period=p.vague, available="").strip()
        if part == "inner_months":
            inner = dutch.join([dutch.month_name(m) for m in p.inner_months])
            return t("inner_months", inner=inner, whole=dutch.months_label(sorted(set(p.months))))
        if part == "exclusion":
            excluded = [
                *(self.lexicon.label("helpline", h) for h in query.excluded_helplines),
                *(self.lexicon.label("category", c) for _, c in query.excluded_categories),
                *(dutch.month_name(m) for m in p.excluded_months),
                *(self.lexicon.weekday_names[d - 1] for d in query.excluded_weekdays),
            ]
            problem = t("no_exclusion", excluded=dutch.join(excluded), what=spec.short_label)
        elif part == "dates":
            problem = t("no_several_days", what=spec.short_label)
        elif part == "operation" and query.operation in t.table("operation_named"):
            named = t.table("operation_named")[query.operation]
            problem = t("no_operation", operation=named, what=spec.short_label)
        elif part == "breakdown" and query.breakdown:
            problem = t("no_breakdown_of", breakdown=query.breakdown, what=spec.short_label)
        elif part == "fact_period":
            problem = t("no_fact_period", what=spec.short_label)
        elif part == "week_shift":
            problem = t("no_week_shift")
        elif part == "counted" and query.counted_metric:
            return t("no_count_in_hours", what=self.lexicon.label("metric", query.counted_metric))
        elif part == "months":
            problem = t("no_months_of", what=spec.short_label)
        elif part == "change":
            problem = t("no_change_of", what=spec.short_label)
        elif part in ("ratio", "compared"):
            named = t.table("operation_named")["verhouding" if part == "ratio" else "vergelijking"]
            problem = t("no_operation", operation=named, what=spec.short_label)
        else:
            problem = t("no_operation", operation="dit", what=describe(self.ctx, query) or spec.label)
        return t("part_not_used", problem=problem)

    def _run(self, spec: IntentSpec, query: Query, context: Context | None, note: str) -> Answer:
        result: Result = FAMILIES[spec.handler](self.ctx, spec, query)
        answer = result.answer
        answered_query = result.answered_query or query
        answer.intent = spec.name
        answer.slots = public_slots(answered_query)
        notes = [self.texts("corrected", typed=a, read=b) for a, b in query.corrections]
        if notes:
            answer.text = " ".join(notes) + " " + answer.text
        same_message = context is not None and context.same_message
        if (
            query.from_context
            and answer.answered
            and spec.handler in CONTEXT_NOTE_FAMILIES
            and not same_message
        ):
            parts = context_parts(self.ctx, answered_query)
            if parts:
                # after the answer, before the source: the reply still leads with the figure
                head, sep, tail = answer.text.partition("\nBron:")
                glue = "\n" if head.rsplit("\n", 1)[-1].startswith("- ") else " "
                answer.text = f"{head}{glue}{self.texts('from_context', parts=parts)}{sep}{tail}"
        if spec.handler == "smalltalk":
            answer.context = context or Context()
            return answer
        answer.context = Context(
            intent=spec.name,
            query=answered_query,
            options=answer.options,
            chain=_chain(context, answered_query, result.points, query.followed_up),
            table=answer.table,
        )
        return answer

    def _both_totals(self, spec: IntentSpec, query: Query, context: Context) -> Answer:
        """ "en in totaal?" after one helpline in one month: that helpline over every month, and
        every helpline in that month, each labelled (the month of the helpline was given again).
        After one month of a measure alone: every month of that year."""
        every_month = replace(query.period, months=(), span=False, month_order=(), open_from=None)
        over_months = self._run(spec, replace(query, period=every_month), context, note="")
        if not query.helplines:
            return over_months  # "hoeveel gesprekken in mei?" "en in totaal?": the months of that year
        over_helplines = self._run(spec, replace(query, helplines=()), context, note="")
        if not (over_months.answered and over_helplines.answered):
            return over_months if not over_months.answered else over_helplines
        items: list[str] = []
        notes: list[str] = []
        for answer in (over_months, over_helplines):
            body = answer.text.partition("\nBron:")[0]
            # a caveat goes under the list, once, never glued to an item (each item says its
            # period, so no "zoals in je vorige vraag" is added)
            item = re.split(r" (?=Let op:|\(Zoals)", body, maxsplit=1)[0]
            caveat = re.search(r"Let op:.*?(?= \(Zoals|$)", body, re.DOTALL)
            items.append(f"- {item}")
            if caveat and caveat.group(0) not in notes:
                notes.append(caveat.group(0))
        source = over_helplines.text.partition("\nBron:")[2]
        tail = f"\nBron:{source}" if source else ""
        over_helplines.text = "\n".join([self.texts("two_totals"), *items, *notes]) + tail
        over_helplines.context = context  # which total is meant is not known: nothing is decided
        return over_helplines

    def _csv(self, context: Context | None) -> Answer:
        """ "als csv" after a table: the same table, as a file the edges send (Excel-friendly)."""
        table = context.table if context else None
        if table is None:
            return self._keep(refusal(self.texts("no_table_yet")), context)
        return Answer(
            text=self.texts("csv", title=table.title),
            answered=True,
            source=table.source,
            table=table,
            csv=True,
            context=context or Context(),
        )

    # -- questions back --------------------------------------------------------------------

    def _offer(self, options: list[Ranked], query: Query, context: Context | None) -> Answer:
        labels = [self.specs[o.intent].label for o in options]
        return Answer(
            text=self.texts("bedoelde_je", options=" of ".join(labels)),
            answered=False,
            slots=public_slots(query),
            options=tuple(Option(label=self.specs[o.intent].short_label, intent=o.intent) for o in options),
            context=replace(context or Context(), pending=query, options=()),
        )

    def _ask_name(self, asked: str, parse: Parse, context: Context | None) -> Answer:
        """A word equally close to two names ("juai": juni or juli): ask, with each reading as
        an option."""
        typed, candidates = parse.reading.ambiguous[0]
        options = []
        for candidate in candidates:
            question = re.sub(rf"(?i)(?<![\w]){re.escape(typed)}(?![\w])", candidate, asked, count=1)
            options.append(Option(label=candidate, intent=f"naam:{candidate}"[:64], question=question))
        key = "ambiguous_name" if len(candidates) > 1 else "near_name"
        text = self.texts(key, options=dutch.join([f"‘{c}’" for c in candidates], "of"), typed=typed)
        return Answer(
            text=text,
            answered=False,
            options=tuple(options),
            context=replace(context or Context(), options=tuple(options)),
        )

    def _ask_leftovers(self, spec: IntentSpec, query: Query, asked: str, context: Context | None) -> Answer:
        """Words the bot did not understand: say so, and offer the question without them."""
        typed = [self._as_typed(word, asked) for word in query.leftovers]
        words = dutch.join(typed)
        text = self.texts("leftover", words=words)
        stripped = asked
        for word in typed:
            stripped = re.sub(rf"(?i)(?<![\w]){re.escape(word)}(?![\w])", " ", stripped)
        stripped = " ".join(stripped.split())
        what = describe(self.ctx, replace(query, leftovers=()))
        options: tuple[Option, ...] = ()
        if what and stripped != asked:
            text += " " + self.texts("leftover_offer", words=words, what=what)
            options = (Option(label=what[:40], intent=f"zonder:{spec.name}"[:64], question=stripped),)
        return Answer(
            text=text,
            answered=False,
            intent=spec.name,
            slots=public_slots(query),
            options=options,
            context=replace(context or Context(), options=options),
        )

    def _as_typed(self, word: str, asked: str) -> str:
        """A word not understood as the question wrote it: "negentien", not the 19 it was read
        as (a number said back reads as a figure, and the question could not be offered without it)."""
        if not word.isdigit() or re.search(rf"(?<![\w]){word}(?![\w])", asked):
            return word
        return next(
            (w for w in re.findall(r"\w+", asked) if self.normalizer.number_value(w) == int(word)), word
        )

    def _topic_helpline(self, around: list[str], query: Query) -> Query:
        """The helpline a topic sentence names ("Het gaat over Awel. Hoeveel doorverwijzingen?"),
        when the question names none: said to be meant, not asked back (and a measure not kept per
        helpline is refused for it, not given for all)."""
        if query.helplines or query.excluded_helplines:
            return query
        for sentence in around:
            if self.lexicon.commands["topic"].match(sentence):
                helplines = self.understand(sentence).slots.helplines
                if helplines:
                    return replace(query, helplines=tuple(helplines))
        return query

    def _context_entities(self, around: list[str], query: Query) -> Answer | None:
        """A helpline or category named only in a sentence around the question ("Onze fractie
        werkt rond Awel. Hoeveel doorverwijzingen in juli?"): ask whether it is meant."""
        if query.helplines or query.categories or query.excluded_helplines or query.excluded_categories:
            return None  # the question names its own ("Maar hoeveel kwamen er NIET van Awel?")
        if "per_hulplijn" in query.operations:
            return None  # "Awel verwijst het meest door, maar welke hulplijn ... in april?": all of them
        for sentence in around:
            slots = self.understand(sentence).slots
            if self.lexicon.commands["topic"].match(sentence):
                continue  # "Het gaat over Awel.": said to be meant (_topic_helpline)
            if slots.helplines and query.metric == "doorverwijzingen":
                name = self.lexicon.label("helpline", slots.helplines[0])
                what = self.lexicon.label("metric", query.metric)
                with_it = replace(query, helplines=(slots.helplines[0],))
                options = (
                    Option(label=f"{what} van {name}"[:40], intent="met:context", query=with_it),
                    Option(label=f"{what}, alle hulplijnen"[:40], intent="zonder:context", query=query),
                )
                return Answer(
                    text=self.texts("context_entity", what=what, name=name),
                    answered=False,
                    options=options,
                    context=Context(options=options),
                )
        return None

    def _keep(self, answer: Answer, context: Context | None) -> Answer:
        """A refusal or question keeps the conversation where it was."""
        if answer.context == Context() and context is not None:
            answer.context = replace(context, options=answer.context.options or ())
        return answer

    def _prefixed(self, answer: Answer, note: str, context: Context | None) -> Answer:
        if note:
            answer.text = note + answer.text
        return self._keep(answer, context)

    # -- set-up --------------------------------------------------------------------------

    def _vocabulary(self) -> set[str]:
        lex = self.lexicon
        words: set[str] = set(lex.stopwords) | lex.known_words | set(lex.months) | set(lex.weekdays)
        words |= set(lex.number_words) | set(lex.ordinals) | {"tweeduizend", "kwartaal", "helft"}
        words |= lex.neutral | lex.meaningful | lex.name_positions
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
            *lex.anaphora,
            *lex.strong_anaphora,
            *lex.ratio_cues,
            *lex.fresh_starts,
            *lex.precision_units,
            *lex.precision_whole,
            *(phrase for phrases in lex.measures_compared.values() for phrase in phrases),
            # "leeftijdscategorieën" was read as the singular, so the plural no longer asked for all
            *lex.dimension_words,
        ]:
            words.update(phrase.split())
        words |= lex.alias_words
        for spec in self.specs.values():
            words |= spec.words
        for cues in _aggregation_words(lex).values():
            words |= cues
        return {w for w in words if w}

    def _names(self) -> dict[str, str]:
        """The words that name something with figures, with what they mean: months ("month:5"),
        and the aliases of metrics, helplines and categories (a hyphenated alias as one word:
        "clb-chat"); a word of a longer alias means only itself ("word:oproepers")."""
        lex = self.lexicon
        names = {m: f"month:{n}" for m, n in lex.months.items() if len(m) >= 3}
        for entity in lex.entities:
            for alias in (*entity.aliases, entity.label.lower()):
                text = self.normalizer_alias(alias)
                meaning = f"{entity.kind}:{entity.key}"
                if " - " in text and len(text.split()) == 3:
                    names.setdefault(text.replace(" - ", "-"), meaning)
                if len(text.split()) == 1:
                    names.setdefault(text, meaning)  # also short ones: "jac", "clb"
                words = [w for w in text.split() if len(w) >= 4 and w.isalpha() and w not in lex.stopwords]
                for w in words:
                    names.setdefault(w, meaning if len(text.split()) == 1 else f"word:{w}")
        return names

    @staticmethod
    def normalizer_alias(alias: str) -> str:
        """An alias in the canonical form questions are read in."""
        return " ".join(normalize_module.clean(alias).split())

    def _names_a_week(self, word: str) -> bool:
        """Is the word one of the weeks' notes, also in the plural ("na de vlogs")?"""
        return any(stems_match(word, said) for said in self._week_words)

    def _topic_words(self, spec: IntentSpec, query: Query) -> set[str]:
        """The words of the question that are the intent's own and tell something of its topic
        (not function words, not the neutral words that never change what is asked)."""
        said = set(query.masked.split())
        return (said & spec.words) - self.lexicon.neutral - self.extractor.small_words

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
        for module in (slots_module, normalize_module, numbers_module):
            digest.update(Path(module.__file__ or "").read_bytes())
        digest.update(repr(self.lexicon.entities).encode())
        return digest.hexdigest()[:24]

    def _mask_example(self, example: str) -> str:
        return self.extractor.extract(self.normalizer.normalize(example, correct=False)).masked


def _months_run_within(months: tuple[int, ...], run: int | None) -> tuple[int, ...]:
    """ "februari en de twee maanden erna": that month and the ones after it (before it: < 0);
    () when the question names no one month, or the run leaves the year."""
    if run is None or len(months) != 1:
        return ()
    first, last = sorted((months[0], months[0] + run))
    return tuple(range(first, last + 1)) if first >= 1 and last <= 12 else ()


def _refused_point(context: Context) -> str | None:
    """The one month asked just before that got no figure, while the chain holds another ("en
    oktober 2020?" after September): said as words; None otherwise."""
    before = context.query
    if before is None or len(before.period.months) != 1 or len(before.period.years) != 1:
        return None
    point = (before.period.years[0], before.period.months[0])
    points = set(context.chain.points)
    if not points or point in points or before.metric != context.chain.metric:
        return None
    return dutch.period_label(point[0], [point[1]])


def _total_of_one_point(slots: Slots, context: Context, query: Query) -> bool:
    """Is this "en in totaal?" after one month (of one helpline, which can add up the months of
    that helpline or the helplines of that month)?"""
    before = context.query
    return (
        before is not None
        and query.operation == "totaal"
        and not query.percent_question  # "hoeveel procent is dat van het totaal?": a share
        and not _names_something(slots)
        and len(before.helplines) <= 1
        and not before.excluded_helplines
        and before.operation is None
        and len(before.period.months) == 1
        and query.period.months == before.period.months  # ("en cumulatief tot dan?" changed them)
        and query.helplines == before.helplines  # ("alle hulplijnen samen in die maand": that month)
        and not slots.month_pointed
        and len(before.period.years) <= 1
        and len(set(context.chain.points)) <= 1
        and len(context.chain.helplines) <= 1
    )


def _adds_to(first: Slots, second: Slots) -> bool:
    """Does the second question name a figure the first does not (its measures aside)? A shift
    names another period ("en hoeveel minder waren het de maand erna?")."""
    shifted = (second.month_shift, second.week_shift, second.year_shift, second.relative_year) != (None,) * 4
    return (
        bool(set(second.metrics) - set(first.metrics))
        or shifted
        or _names_something(replace(second, metrics=[]))
    )


def _points_to_months(slots: Slots) -> bool:
    """A year of its own and a word that points at what a statement said ("Hoeveel waren dat er
    in 2019?", "de cijfers daarvoor in 2020"): the statement's months, in that year."""
    pointing = slots.points_back or slots.anaphora or "daarvoor" in slots.masked.split()
    shifted = slots.year_shift is not None or slots.month_shift is not None
    return bool(slots.years) and not slots.months and pointing and not shifted


def _only_its_measure(slots: Slots, before: Slots) -> bool:
    """Does the question name nothing but a measure the one before it named ("... ? Met hoeveel
    gesprekken?")?"""
    named = _names_something(replace(slots, metrics=[]))
    shifted = slots.month_shift is not None or slots.year_shift is not None or slots.then_pointed
    only_measure = not (named or shifted or slots.content or slots.anaphora)
    return bool(slots.metrics) and set(slots.metrics) <= set(before.metrics) and only_measure


def _plain(sentence: str) -> str:
    """A sentence folded, without its punctuation: "Vergeet dat." is "vergeet dat"."""
    return " ".join(re.findall(r"\w+", fold(sentence)))


_SUCH = re.compile(r"(?<![\w])(?:zulke|zulk|dergelijke|dergelijk|zo'?n|zo een)(?![\w])")
_WHICH = re.compile(r"(?<![\w])(?:welke|welk|wanneer)(?![\w])")


def _names_something(slots: Slots) -> bool:
    """Does the question name a figure of its own (a measure, a filter or a period)?"""
    return bool(
        slots.metrics
        or slots.categories
        or slots.dimensions
        or slots.helplines
        or slots.years
        or slots.months
        or slots.weekdays
        or slots.hour is not None
    )


# "hoeveel van hen ...?", "hoeveel daarvan ...?": a part of the figure asked before
_PART_OF_THOSE = re.compile(r"(?<![\w])hoeveel (?:van hen|van die|daarvan|ervan|hiervan)(?![\w])")
# "..., en hoeveel ...?": a second question in the same sentence
# "En in 2016, het jaar waarin ...?", "En in oktober, na de post van ...?": a period asked, and
# after a comma what describes it (or bounds it: "na", "voor", "vanaf", "tot")
_APPOSITION = re.compile(
    r"^(?P<head>(?:en\s+)?(?:in|op|van|tijdens)\s+[^,?]{2,30}?),\s+"
    r"(?P<tail>(?:(?P<bound>na|voor|vóór|vanaf|sinds|tot)\s|het jaar|de maand|de week|de periode|toen\s)"
    r"[^?]*?)\s*\?*$",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r"(?:,\s*|\s+)en\s+"
    r"(?=(?:(?:in|op|van|voor|bij|sinds|tot|vanaf|met)\s+)?(?:hoeveel|wat|welke?|wanneer|hoe laat)\b)",
    re.IGNORECASE,
)


def _names_period(slots: Slots) -> bool:
    return bool(
        slots.years
        or slots.months
        or slots.date
        or slots.dates
        or slots.week
        or slots.relative_year is not None
    )


def _two(query: Query) -> bool:
    """Does the query hold two figures of one measure to compare (years, months, points or
    helplines)?"""
    p = query.period
    # (or two measures of one period: "het verschil tussen beide" after conversations, new callers)
    # (or two groups of one split asked in turn: "seksueel misbruik?", "en fysieke mishandeling?")
    counts = (
        len(set(p.years)),
        len(set(p.months)),
        len(set(p.points)),
        len(query.helplines),
        len(query.categories),
    )
    return max(*counts, len(set(query.compared_metrics))) >= 2


def _chain(
    context: Context | None, query: Query, points: tuple[tuple[int, int], ...], followup: bool
) -> Chain:
    """The months and helplines asked one by one in this chain of follow-ups about one metric."""
    p = query.period
    # a year asked on its own, or with the same range of months ("jan-sep 2019?", "en 2020?")
    whole = not p.months or (p.span and not p.excluded_months)
    years = p.years if len(p.years) == 1 and whole and not (p.points or p.date or p.week) else ()
    ages = (query.age_range,) if query.age_range else ()
    days = _asked_days(p)
    same_metric = query.metric is not None and context is not None and context.chain.metric == query.metric
    same_shares = (
        query.metric is None
        and context is not None
        and context.query is not None
        and context.query.intent == query.intent
    )
    if context is not None and followup and (same_metric or same_shares):
        old = context.chain
        return Chain(
            metric=query.metric,
            points=tuple(dict.fromkeys([*old.points, *points])),
            helplines=tuple(dict.fromkeys([*old.helplines, *query.helplines])),
            years=tuple(dict.fromkeys([*old.years, *years])),
            groups=tuple(dict.fromkeys([*old.groups, *query.categories])),
            ages=tuple(dict.fromkeys([*old.ages, *ages])),
            days=tuple(dict.fromkeys([*old.days, *days])),
        )
    before = context.query if context is not None else None
    # (two questions of their own about one period, "gesprekken juli 2020", "nieuwe oproepers
    # juli 2020", are two measures asked in turn too: "deel het eerste door het tweede")
    turned = (
        before is not None
        and before.metric not in (None, query.metric)
        and query.metric is not None
        and before.period.months == p.months
        and (followup or (before.period.years == p.years and bool(p.months)))
    )
    return Chain(
        metric=query.metric,
        points=points,
        helplines=query.helplines,
        years=years,
        groups=query.categories,
        ages=ages,
        days=days,
        measure_before=before.metric if turned and before is not None else None,
    )


def _topic(spec: IntentSpec) -> str:
    """An intent's label as a topic in a sentence: "de gemelde problematieken" (its note in
    brackets, "(in %)", left off)."""
    return re.sub(r"\s*\(.*\)$", "", spec.label)


def _asked_days(p: Period) -> tuple[tuple[int, int, int | None], ...]:
    """The day of the week a question asked ("de week van 21/09", "de week erna": 28/09)."""
    if p.dates:
        return p.dates
    if p.date is None:
        return ()
    day, month, year = p.date
    if not p.week_shift:
        return (p.date,)
    base = year or (p.years[0] if len(p.years) == 1 else None)
    if base is None:
        return ()
    moved = date(base, month, day) + timedelta(days=p.week_shift)  # the shift is in days
    return ((moved.day, moved.month, moved.year),)


def _aggregation_words(lex: Lexicon) -> dict[str, set[str]]:
    """Plain words inside the aggregation cue patterns, so the typo corrector knows them."""
    out: dict[str, set[str]] = {}
    for name, pattern in lex.aggregations:
        # an optional part of a cue ("per (hulp)lijn") is no cue word of its own
        plain = re.sub(r"\([^()]*\)\?", " ", re.sub(r"\\[a-zA-Z]", " ", pattern.pattern))
        out.setdefault(name, set()).update(re.findall(r"[a-z]{4,}", plain))
    return out


def public_slots(query: Query) -> dict[str, object]:
    """What the question was understood to be about, for `ask --json` and logs."""
    p = query.period
    out: dict[str, object] = {}
    values: dict[str, object] = {
        "metric": query.metric,
        "helpline": query.helpline,
        "helplines": list(query.helplines),
        "excluded_helplines": list(query.excluded_helplines),
        "years": list(p.years),
        "months": list(p.months),
        "excluded_months": list(p.excluded_months),
        "points": [list(x) for x in p.points],
        "aggregation": query.operation,
        "categories": [c for _, c in query.categories],
        "dimensions": list(query.dimensions),
        "weekdays": list(query.weekdays),
        "hour": query.hour,
        "date": list(p.date) if p.date else None,
        "top_n": query.top_n,
        "rank_position": query.rank_position,
        "threshold": [query.threshold.comparator, float(query.threshold.value)] if query.threshold else None,
        "numbers": [float(n) for n in query.numbers],
        "premise": query.premise,
        "fabrication": query.fabrication,
        "breakdown": query.breakdown,
        "week": p.week,
        "age_range": list(query.age_range) if query.age_range else None,
        "open_range_from": p.open_from,
        "source_number": query.source_number,
        "unknown_names": list(query.unknown_names),
        "not_understood": list(query.leftovers),
        "corrections": [list(c) for c in query.corrections],
        "from_context": list(query.from_context),
    }
    for key, value in values.items():
        if value not in (None, [], False, ()):
            out[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return out


# "dat eerste cijfer", "het tweede": one of the two measures asked one after the other
_FIGURE_BY_ORDER = re.compile(r"(?<![\w])(?:dat|het|die) (eerste|tweede)(?: cijfer| getal| aantal)?(?![\w])")
# "beide cijfers graag": both measures asked one after the other
_BOTH_FIGURES = re.compile(
    r"[,\s]*(?:beide|allebei de|alle twee de) (?:cijfers|getallen|aantallen)(?: graag)?"
)


def _names_anything(slots: Slots) -> bool:
    """Does a turn name anything a figure depends on (a measure, a filter, a period, a pointer
    back, a calculation), or ask a kind of answer of its own ("wanneer", "waarom")?"""
    return _names_something(slots) or bool(
        slots.weak_metrics
        or slots.relative_year
        or slots.dates
        or slots.excluded_weekdays
        or slots.per_month
        or slots.months_asked
        or slots.anaphora
        or slots.points_back
        or slots.aggregations
        or slots.change_direction
        or slots.top_n
        or slots.rank_position
        or slots.numbers
        or slots.when_question
        or slots.meaning_question
        or slots.unsupported
        or slots.breakdown
    )

"""Replies that state no figure: greetings and help, out-of-scope questions, questions the bot
does not understand, and what the data covers (read from the data, never written here)."""

from __future__ import annotations

import re
from typing import Any

from bot.answer.common import AnswerContext, Result, refusal
from bot.data import figures
from bot.model import Answer, Query
from bot.present import dutch
from bot.understand.intents import IntentSpec


def availability(ctx: AnswerContext) -> list[dict[str, Any]]:
    """Per metric and year, the months with figures (and the metric's label)."""
    return figures.coverage(ctx.store)


def available_overview(ctx: AnswerContext) -> str:
    """What the database holds, per metric and year."""
    per_metric: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    for row in availability(ctx):
        metric = str(row["metric"])
        labels[metric] = str(row["label"])
        months = row["months"]
        assert isinstance(months, list)
        per_metric.setdefault(metric, []).append(dutch.period_label(int(str(row["year"])), months))
    lines = [f"{labels[m]} ({dutch.join(p)})" for m, p in per_metric.items()]
    return ctx.texts("available", metrics="; ".join(lines))


def scope(ctx: AnswerContext) -> str:
    """One line: which chat, which documents, which months ("Ik ken de cijfers van ... uit
    schriftelijke vraag nr. 808: januari 2019 t.e.m. september 2020.")."""
    sources = [f"{r['kind']} nr. {r['number']}" for r in figures.figure_sources(ctx.store)]
    span = figures.figure_span(ctx.store)
    first = dutch.period_label(span["first_year"], [span["first_month"]])
    last = dutch.period_label(span["last_year"], [span["last_month"]])
    return ctx.texts("scope", sources=dutch.join(sources), periods=f"{first} t.e.m. {last}")


def examples(ctx: AnswerContext) -> list[str]:
    """Example questions (intents/texts.toml)."""
    return list(ctx.texts.examples)


def not_understood(ctx: AnswerContext, empty: bool = False) -> Answer:
    """A question the bot does not understand (or an empty message), with examples."""
    ex = examples(ctx)
    return refusal(ctx.texts("empty" if empty else "not_understood", example1=ex[0], example2=ex[3]))


def sql_refusal(ctx: AnswerContext) -> Answer:
    """Text that reads as a database command: none is run, and the reply says so."""
    return refusal(ctx.texts("sql", example1=examples(ctx)[0]))


def unsupported_measure(ctx: AnswerContext, spec: IntentSpec, query: Query, label: str) -> Answer:
    """A measure no source gives (waiting time, satisfaction, money, staff): say so, and what
    the source does say about the topic, if the topic is one of facts."""
    from bot.answer.lookup import answer_lookup

    text = ctx.texts("unsupported_measure", label=label)
    if spec.handler == "lookup":
        facts = answer_lookup(ctx, spec, Query(masked=query.masked)).answer
        figure_asked = query.count_question or query.percent_question or query.claim is not None
        words = [
            m.group(0)
            for p, lbl in ctx.lexicon.unsupported_measures
            if lbl == label
            for m in p.finditer(query.masked)
        ]
        if facts.answered and not figure_asked and any(w in facts.text.lower() for w in words):
            return facts  # "wie zijn haar volgers?": no count asked, and a fact says who
        if facts.answered:
            # what the source says of the thing asked about: the sentences that name it, two at
            # most (every fact of the topic, figures and all, came after a name it lacks)
            asked = {w for w in query.masked.split() if len(w) >= 5 and not w.startswith("x")}
            sentences = re.split(r"(?<=\.)\s+", facts.text.split("\nBron:")[0])
            about = [s for s in sentences if asked & set(re.findall(r"\w+", s.lower()))][:2]
            text += " " + " ".join(about or sentences[:2])
    else:
        text += " " + available_overview(ctx)
    return refusal(text)


def answer_smalltalk(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """A greeting, thanks or a request for help: what the bot knows, and examples."""
    text = spec.templates["reply"]
    if spec.options.get("overview", True):
        shown = " ".join(f"“{e}”" for e in examples(ctx))
        text = f"{text} {scope(ctx)} {available_overview(ctx)} {ctx.texts('try_examples', examples=shown)}"
    return Result(refusal(text))


def answer_no_data(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """A question about something no source covers: said, with what is available."""
    text = f"{spec.templates['reply']} {available_overview(ctx)}"
    if query.fabrication:
        text = f"{ctx.texts('fabrication')} {text}"
    return Result(refusal(text))


def plain(ctx: AnswerContext, key: str, **values: object) -> Answer:
    """A refusal with one sentence of intents/texts.toml."""
    return refusal(ctx.texts(key, **values))

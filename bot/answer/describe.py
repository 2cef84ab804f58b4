"""A query in a few Dutch words ("doorverwijzingen vanuit Awel, juni 2020, gemiddeld"): for
options ("Bedoelde je ...?"), for the note that says which parts came from the previous
question, and for the offer after a word the bot did not understand."""

from __future__ import annotations

from bot.answer.common import AnswerContext
from bot.model import Period, Query
from bot.present import dutch


def period_text(period: Period) -> str:
    """'mei 2020', 'mei', '2019 en 2020', 'april 2019 en mei 2020' ('' when none is named)."""
    if period.points:
        return dutch.join([dutch.period_label(y, [m]) for y, m in period.points])
    months = list(period.months)
    if period.years:
        return dutch.join([dutch.period_label(y, months) for y in period.years])
    if months:
        return dutch.months_label(months)
    if period.date:
        day, month, year = period.date
        return f"{day} {dutch.month_name(month)}" + (f" {year}" if year else "")
    return ""


def measure_text(ctx: AnswerContext, query: Query) -> str:
    """The measure with its filter: 'doorverwijzingen vanuit Awel', 'seksueel misbruik'."""
    if query.categories:
        return dutch.join([ctx.label("category", c) for _, c in query.categories])
    if not query.metric:
        return ""
    label = ctx.label("metric", query.metric)
    if query.helplines:
        return f"{label} vanuit {dutch.join([ctx.label('helpline', h) for h in query.helplines])}"
    return label


def describe(ctx: AnswerContext, query: Query) -> str:
    """The whole query in a few words."""
    operations = ctx.texts.table("operation_described")
    parts = [measure_text(ctx, query), period_text(query.period), operations.get(query.operation or "", "")]
    return ", ".join(p for p in parts if p)


def context_parts(ctx: AnswerContext, query: Query) -> str:
    """The parts a follow-up took from the previous question, named."""
    named: list[str] = []
    for part in query.from_context:
        if part == "metric" and query.metric:
            named.append(ctx.label("metric", query.metric))
        elif part == "helplines" and query.helplines:
            named.append(dutch.join([ctx.label("helpline", h) for h in query.helplines]))
        elif part == "years" and query.period.years and "months" in query.from_context:
            named.append(period_text(query.period))
        elif part == "years" and query.period.years:
            named.append(dutch.join([str(y) for y in query.period.years]))
        elif part == "months" and query.period.months and "years" not in query.from_context:
            named.append(dutch.months_label(list(query.period.months)))
        elif part == "operation" and query.operation in ctx.texts.table("operation_described"):
            named.append(ctx.texts.table("operation_described")[query.operation])
        elif part == "categories" and query.categories:
            named.append(dutch.join([ctx.label("category", c) for _, c in query.categories]))
    return ", ".join(named)

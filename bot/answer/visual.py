"""Charts and tables of the figures: the period and metric asked, never another one.

A chart or table for a period without figures is the usual honest refusal, never an error.
The drawing and the layout are bot.present's; this family decides what is shown and says it.
"""

from __future__ import annotations

from bot.answer.common import AnswerContext, Result, Row, finish, fmt, refusal
from bot.answer.metric import Metric
from bot.model import ChartRequest, Query
from bot.present import dutch
from bot.understand.intents import IntentSpec


def _kind(query: Query) -> tuple[str, str | None]:
    if (
        "problematiek" in query.dimensions or any(d == "problematiek" for d, _ in query.categories)
    ) and not query.metric:
        return "problematiek", None
    if query.metric == "bezoekers_chatknop":
        return "bezoekers", query.metric
    if query.metric == "doorverwijzingen" or query.operation == "per_hulplijn":
        return "doorverwijzingen", "doorverwijzingen"
    return "maanden", query.metric or "gesprekken"


def _scope(m: Metric, query: Query) -> tuple[list[int], list[int]] | str:
    """The years and months to show, or the period the data lacks (as text)."""
    years = sorted(set(query.period.years)) or sorted(m.available)
    missing = [y for y in years if y not in m.available]
    if missing:
        return dutch.join([str(y) for y in missing])
    months = sorted(set(query.period.months))
    for y in years:
        if months and not m.has(y, months):
            return dutch.period_label(y, months)
    return years, months


def answer_chart(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """A chart of the metric and period asked, with its key figures as caption."""
    kind, metric = _kind(query)
    t = spec.templates
    if kind == "problematiek":
        rows = ctx.run(ctx.share_spec("problematiek"), "shares", dimension=["problematiek"])
        latest = max(r["year"] for r in rows)
        summary = (
            "; ".join(f"{r['label']} {dutch.percent(r['percent'])}" for r in rows if r["year"] == latest)
            + "."
        )
        answer = finish(ctx, fmt(t["problematiek"], year=latest, summary=summary), rows, answered=True)
        answer.chart = ChartRequest(kind="problematiek")
        return Result(answer, query)
    assert metric is not None
    cijfers = ctx.metric_spec
    m = Metric(ctx, cijfers, metric)
    scope = _scope(m, query)
    if isinstance(scope, str):
        return Result(m.refuse(scope))
    years, months = scope
    text, rows = _summary(m, years, months)
    # (the summary opens a sentence: "juli 2019: 17 in totaal" after the title's full stop)
    text = fmt(t[kind], label=m.label, period=_period(m, years, months), summary=dutch.capitalize(text))
    if kind == "bezoekers":
        talks = Metric(ctx, cijfers, "gesprekken")
        shown = [y for y in years if y in talks.available]
        if shown:
            more, more_rows = _summary(talks, shown, months)
            text += f" {dutch.capitalize(talks.label)}: {more}"
            rows += more_rows
    answer = finish(ctx, text, rows, answered=True)
    # the chart shows what was asked: the years and months named (none named: all of them)
    answer.chart = ChartRequest(
        kind=kind, metric=metric, years=tuple(sorted(set(query.period.years))), months=tuple(months)
    )
    return Result(answer, query)


def _period(m: Metric, years: list[int], months: list[int]) -> str:
    return dutch.join([dutch.period_label(y, months or m.available.get(y, [])) for y in years])


def _summary(m: Metric, years: list[int], months: list[int]) -> tuple[str, list[Row]]:
    parts = []
    for y in years:
        ms = months or m.available.get(y, [])
        figures = m.series([y], ms)
        if figures:
            total = sum(f.value for f in figures)
            parts.append(f"{dutch.period_label(y, ms)}: {dutch.number(total)} in totaal")
    return "; ".join(parts) + ".", list(m.rows_seen)


def answer_table(ctx: AnswerContext, spec: IntentSpec, query: Query) -> Result:
    """A table of the metric and period asked (the CSV comes from the same Table)."""
    from bot.present import tables  # only when a table is asked for

    kind, metric = _kind(query)
    cijfers = ctx.metric_spec
    try:
        if kind == "problematiek":
            table = tables.shares_table(ctx.store, "problematiek")
            label, period = spec.templates["label_problematiek"], spec.templates["periode_jaar"]
            rows = ctx.run(ctx.share_spec("problematiek"), "shares", dimension=["problematiek"])
        else:
            assert metric is not None
            m = Metric(ctx, cijfers, metric)
            scope = _scope(m, query)
            if isinstance(scope, str):
                return Result(m.refuse(scope))
            years, months = scope
            if kind == "doorverwijzingen":
                table = tables.referrals_table(ctx.store, months or None)
                label = spec.templates["label_doorverwijzingen"]
            else:
                table = tables.metric_table(ctx.store, metric, years or None, months or None)
                label = m.label
            period = _period(m, years, months)
            m.series(years, months or sorted({x for y in years for x in m.available.get(y, [])}))
            rows = m.rows_seen
    except tables.NoData as ex:
        return Result(refusal(fmt(spec.templates["geen_tabel"], problem=str(ex))))
    answer = finish(ctx, fmt(spec.templates["kop"], label=label, period=period), rows, answered=True)
    # the title above the table, the source below it
    answer.text, _, source = answer.text.partition("\n")
    answer.table = table
    answer.table_text = tables.render_text(table)
    answer.after_table = source
    return Result(answer, query)

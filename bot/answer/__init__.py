"""The answer families: one module each, every one a function (context, intent, query) -> Result.

Each family uses the parts of a query it can, and refuses or asks about the rest (see the
module docstrings). `FAMILIES` maps the `handler` an intent file names to its family; `STRICT`
names the families that state figures, for which a word the bot did not understand or a name
the data does not know makes the reply a question or a refusal, never a figure.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answer.common import AnswerContext, Result
from bot.answer.hours import answer_hours
from bot.answer.lookup import answer_lookup
from bot.answer.metric import answer_metric
from bot.answer.replies import answer_no_data, answer_smalltalk
from bot.answer.shares import answer_shares
from bot.answer.visual import answer_chart, answer_table
from bot.model import Query
from bot.understand.intents import IntentSpec

Family = Callable[[AnswerContext, IntentSpec, Query], Result]

FAMILIES: dict[str, Family] = {
    "metric": answer_metric,
    "shares": answer_shares,
    "opening_hours": answer_hours,
    "lookup": answer_lookup,
    "smalltalk": answer_smalltalk,
    "no_data": answer_no_data,
    "chart": answer_chart,
    "table": answer_table,
}

# Families whose answers state figures: every word of the question must be understood.
STRICT = frozenset({"metric", "shares", "chart", "table"})
# What each family can leave out of its figures ("zonder april", "niet van awel", "behalve
# seksueel misbruik"); an exclusion elsewhere is a part of the question not used.
EXCLUSIONS: dict[str, frozenset[str]] = {
    "metric": frozenset({"helplines", "months"}),
    "shares": frozenset({"categories", "helplines"}),
    "chart": frozenset(),
    "table": frozenset(),
    "opening_hours": frozenset({"weekdays"}),
}
# Families that state no figure of their own: a figure question never ends there.
NO_FIGURES = frozenset({"smalltalk", "no_data"})


def strict(handler: str, query: Query) -> bool:
    """Must every word of this question be understood before answering? (A count asked of the
    facts states a figure too.)"""
    return handler in STRICT or (handler == "lookup" and (query.count_question or query.claim is not None))


def parts_not_used(handler: str, query: Query) -> list[str]:
    """The parts of the query this family cannot use and does not refuse itself."""
    parts: list[str] = []
    excluded = {
        "helplines": bool(query.excluded_helplines),
        "categories": bool(query.excluded_categories),
        "months": bool(query.period.excluded_months),
        "weekdays": bool(query.excluded_weekdays),
    }
    # (a share compared over two years: "het aandeel van april in jan-sep, 2019 tegenover 2020")
    compared_shares = len(set(query.period.years)) == 2
    share = (
        handler == "metric"
        and query.percent_question
        and (query.operation != "vergelijking" or compared_shares)
    )
    if query.period.inner_months and not share:
        parts.append("inner_months")  # "van jan-sep ... in april": only as a share of the range
    if handler == "lookup" and query.operation in ("gemiddelde", "mediaan"):
        parts.append("operation")  # "hoe lang duurt een gesprek gemiddeld?": no fact is an average
    # "hoeveel keer zoveel": a factor between two monthly figures (or, for a group's share in
    # two years, the change in percent beside the change in points: "is het verdubbeld?")
    if query.ratio_question and not (
        handler == "metric" or (handler == "shares" and query.operation == "vergelijking")
    ):
        parts.append("ratio")
    if query.change_basis is not None and handler != "metric":
        parts.append("change")  # "de stijging tegenover de maand ervoor": monthly figures only
    if query.period.day_bound and handler in (*STRICT, "lookup"):
        parts.append("day_bound")  # "vóór 21 september": figures count months and weeks, no days
    if query.as_share_of and not query.followed_up:
        parts.append("share_of")  # "als percentage van de gesprekken?" with no figure before
    if query.measure_against and not query.compared_metrics:
        parts.append("against")  # "wat is het verschil met de nieuwe oproepers?" with nothing before
    if query.summed_groups and handler != "shares":
        parts.append("compared")  # "is dat meer dan X?" after "A en B samen": groups' shares only
    if query.compared_metrics and handler != "metric":
        parts.append("compared")  # "meer gesprekken dan oproepers": two monthly measures only
    if query.period.vague and query.period.vague.startswith("voorafgaand aan") and handler == "lookup":
        parts.append("vague")  # "in september vóór de vlog": no fact gives that part of a month
    if query.names_asked and handler in STRICT:
        parts.append("names")  # "geef de namen van de jongeren die chatten": no figure is a name
    if query.period.week_shift and handler != "metric":
        parts.append("week_shift")  # "de week na die van het filmpje": weekly figures only move
    if query.period.dates and handler not in ("metric", "lookup"):
        parts.append("dates")  # "op 21/09 en 28/09": only weekly figures know more than one day
    if any(on and kind not in EXCLUSIONS.get(handler, ()) for kind, on in excluded.items()):
        parts.append("exclusion")  # "zonder april", "niet van awel" where nothing leaves it out
    if (
        handler == "shares"
        and query.metrics
        and not (query.categories or query.dimensions or query.age_range)
    ):
        parts.append("metric")  # "welk percentage van de chatgesprekken kwam via ...": no share we have
    if handler == "shares" and query.per_month:
        parts.append("months")  # "in welke maand was de stijging het grootst?": no share per month
    if (
        handler == "shares"
        and query.operation == "totaal"
        and len(query.categories) < 2
        and not query.age_range
        and not query.excluded_categories  # "alle problematieken behalve X, samen": the rest
        and not query.top_n  # "de twee grootste samen": the first ones
    ):
        parts.append("sum")  # "samen?" with one group named: what to add up is not said
    asks_figure = query.count_question or query.percent_question
    if handler == "opening_hours" and query.breakdown and query.metric_named and asks_figure:
        # "hoeveel uur per week worden er chatgesprekken op afspraak gevoerd?", "welk aandeel van de
        # gesprekken vond plaats op afspraak?": conversations split in a way the hours are not (the
        # weekly hours were given; "per dag" of the hours is theirs)
        parts.append("breakdown")
    if handler == "opening_hours" and query.counted_metric and query.count_question and not query.breakdown:
        # "hoeveel gesprekken kan de chat per avond aan?": a count of conversations, which the
        # hours do not give (each evening's hours were given)
        parts.append("counted")
    if handler == "opening_hours":
        if query.helplines or query.excluded_helplines:
            parts.append("helplines")
        if query.categories:
            parts.append("categories")
        if query.threshold is not None:
            parts.append("threshold")
    elif handler in ("chart", "table"):
        if query.threshold is not None:
            parts.append("threshold")
        if query.claim is not None:
            parts.append("claim")
        if query.helplines and query.metric not in (None, "doorverwijzingen"):
            parts.append("helplines")
        if set(query.operations) - {"per_maand", "per_hulplijn", "totaal"}:
            parts.append("operation")
    return parts

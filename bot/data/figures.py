"""The one reading of figures in Python: every SELECT that reads figures or sources for tables
and charts is here, over the *_figures tables build-db derives (per observation the figure of
the newest source; see docs/schema.md).

Values are exact: counts come back as int-valued decimal.Decimal (equal to ints), decimals as
the source wrote them. A measure whose aggregation is not `sum` (an average duration, say) is
never added up here: `total` and `average_per_month` refuse it, and monthly_totals does not sum
it over helplines.

SQL text here is constant; user input reaches DuckDB only as bound `$name` parameters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bot.data.resources import sentence
from bot.errors import HulplijnbotError

if TYPE_CHECKING:
    from bot.data.store import Store

__all__ = [
    "Caveat",
    "Metric",
    "MonthFigure",
    "NoData",
    "NotSummable",
    "Revision",
    "Share",
    "Source",
    "applicable_caveats",
    "average_per_month",
    "caveats",
    "helpline_labels",
    "merge_qualifiers",
    "metric",
    "monthly_by_helpline",
    "monthly_totals",
    "revisions",
    "shares_by_year",
    "sources",
    "total",
]

Number = int | Decimal
YearMonth = tuple[int, int]
SUMMED = "sum"


class NoData(HulplijnbotError):
    """The database has no figures for what a table or chart asks for; the message, a Dutch
    phrase, says what is missing ("voor chatgesprekken heb ik geen cijfer voor oktober 2020")."""


class NotSummable(NoData):
    """A total was asked of a measure that does not add up (aggregation `mean` or `none`)."""


@dataclass(frozen=True)
class Metric:
    """A measure as metrics.csv declares it."""

    metric: str
    label: str
    unit: str
    label_singular: str
    unit_singular: str
    aggregation: str  # sum, mean or none

    @property
    def summed(self) -> bool:
        """Its monthly figures add up to totals (counts); a mean or a `none` never does."""
        return self.aggregation == SUMMED


@dataclass(frozen=True)
class MonthFigure:
    """One monthly figure as the *_figures tables read it: the value, the source's qualifier (None,
    "minstens", "meer dan", "ongeveer") and the sources it comes from (several when it is a
    sum over helplines)."""

    value: Number
    qualifier: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Revision:
    """A monthly figure a newer source replaced: what holds now and what it replaced."""

    metric: str
    helpline: str | None
    year: int
    month: int
    value: Number
    source_id: str
    previous_value: Number
    previous_source_id: str


@dataclass(frozen=True)
class Share:
    """One category of a share table; year_basis "context" means the source names no year."""

    category: str
    label: str
    percent: int
    source_id: str
    year_basis: str


@dataclass(frozen=True)
class Source:
    """A document figures come from, as sources.csv describes it."""

    source_id: str
    kind: str
    number: int | None
    date: date
    title: str
    asked_by: str | None
    answered_by: str | None
    url: str | None


@dataclass(frozen=True)
class Caveat:
    """A warning a source gives with its own figures of a metric (year, month: None for all)."""

    caveat_id: str
    source_id: str
    year: int | None
    month: int | None
    text: str


# ---------------------------------------------------------------------------------------------
# Queries

_METRIC_SQL = """
SELECT metric, label, unit, label_singular, unit_singular, aggregation FROM metrics WHERE metric = $metric
"""

_MONTHLY_SQL = """
SELECT helpline, year, month, value, qualifier, source_id FROM monthly_figures
WHERE metric = $metric ORDER BY year, month, helpline NULLS FIRST
"""

_YEARLY_SQL = "SELECT year, value, qualifier FROM yearly_figures WHERE metric = $metric"

_REVISIONS_SQL = """
SELECT metric, helpline, year, month, value, source_id, previous_value, previous_source_id
FROM monthly_figures WHERE metric = $metric AND revised ORDER BY year, month, helpline NULLS FIRST
"""

_HELPLINES_SQL = "SELECT helpline, label FROM helplines ORDER BY helpline"

_SHARES_SQL = """
SELECT sh.category, c.label, sh.year, sh.percent, sh.source_id, sh.year_basis
FROM shares_figures AS sh
JOIN categories AS c ON c.dimension = sh.dimension AND c.category = sh.category
WHERE sh.dimension = $dimension
ORDER BY sh.year, sh.percent DESC, c.label
"""

_SOURCES_SQL = """
SELECT source_id, kind, number, date, title, asked_by, answered_by, url FROM sources
WHERE list_contains($source_ids, source_id) ORDER BY date, source_id
"""

_CAVEATS_SQL = """
SELECT caveat_id, source_id, year, month, text FROM caveats WHERE metric = $metric ORDER BY caveat_id
"""


def metric(store: Store, name: str) -> Metric:
    """The measure `name`; NoData when metrics.csv does not know it."""
    rows = store.query(_METRIC_SQL, {"metric": name})
    if not rows:
        raise NoData(sentence("unknown_measure", name=name))
    return Metric(**rows[0])


def monthly_by_helpline(store: Store, name: str) -> dict[str | None, dict[YearMonth, MonthFigure]]:
    """helpline (None: not split by helpline) -> (year, month) -> the figure that holds."""
    result: dict[str | None, dict[YearMonth, MonthFigure]] = {}
    for r in store.query(_MONTHLY_SQL, {"metric": name}):
        result.setdefault(r["helpline"], {})[(r["year"], r["month"])] = MonthFigure(
            r["value"], r["qualifier"], (r["source_id"],)
        )
    return result


def monthly_totals(store: Store, name: str) -> dict[YearMonth, MonthFigure]:
    """(year, month) -> the measure's figure. A measure with an overall figure uses it as is; a
    summed measure given only per helpline (referrals) is the sum over its helplines; any other
    measure given only per helpline has no overall figure (NotSummable)."""
    by_helpline = monthly_by_helpline(store, name)
    if None in by_helpline:
        return by_helpline[None]
    if not by_helpline:
        return {}
    measure = metric(store, name)
    parts: dict[YearMonth, list[MonthFigure]] = {}
    for figures in by_helpline.values():
        for key, fig in figures.items():
            parts.setdefault(key, []).append(fig)
    return {key: total(measure, figs) for key, figs in sorted(parts.items())}


def stated_figures(store: Store, name: str, years: Iterable[int] = ()) -> frozenset[Decimal]:
    """The figures of a measure a question may quote from the source, of the years named (all
    when none is): every month's, every year's total as printed, and every year's months added up
    ("de 600 gesprekken in 2019", "de 658 van 2020"; 600 "in 2020" is none of 2020's)."""
    wanted = set(years)
    monthly = {k: f for k, f in monthly_totals(store, name).items() if not wanted or k[0] in wanted}
    by_year: dict[int, Decimal] = {}
    for (year, _), fig in monthly.items():
        by_year[year] = by_year.get(year, Decimal(0)) + Decimal(fig.value)
    rows = store.query(_YEARLY_SQL, {"metric": name})
    yearly = {Decimal(r["value"]) for r in rows if not wanted or r["year"] in wanted}
    return frozenset({Decimal(f.value) for f in monthly.values()} | set(by_year.values()) | yearly)


def qualified_figures(store: Store, name: str) -> frozenset[tuple[str, Decimal]]:
    """The figures of a measure the source gives with a qualifier ("meer dan 330" nieuwe oproepers
    in 2019), as (qualifier, value): a question that states one quotes the source."""
    return frozenset(
        (str(r["qualifier"]), Decimal(r["value"]))
        for r in store.query(_YEARLY_SQL, {"metric": name})
        if r["qualifier"]
    )


def merge_qualifiers(qualifiers: Iterable[str | None]) -> str | None:
    """The qualifier of a sum: approximate if any part is, else a lower bound if any part is."""
    present = {q for q in qualifiers if q}
    if not present:
        return None
    return "ongeveer" if "ongeveer" in present else "minstens"


def total(measure: Metric, figures: Sequence[MonthFigure]) -> MonthFigure:
    """The sum of figures of a summed measure, with its qualifier and sources; NotSummable for a
    mean or `none` measure, whose figures do not add up."""
    if not measure.summed:
        raise NotSummable(sentence("not_summable", label=measure.label))
    return MonthFigure(
        sum((f.value for f in figures), Decimal(0)),
        merge_qualifiers(f.qualifier for f in figures),
        tuple(sorted({s for f in figures for s in f.sources})),
    )


def average_per_month(measure: Metric, figures: Sequence[MonthFigure]) -> Fraction:
    """The total of a summed measure divided by the number of months, exactly (the caller
    rounds as the source does); NotSummable for a measure that does not add up."""
    if not figures:
        raise NoData(sentence("no_average", label=measure.label))
    return Fraction(total(measure, figures).value) / len(figures)


def revisions(store: Store, name: str) -> list[Revision]:
    """The monthly figures of a measure that a newer source revised."""
    return [Revision(**r) for r in store.query(_REVISIONS_SQL, {"metric": name})]


def helpline_labels(store: Store) -> dict[str, str]:
    """helpline id -> its label as the source writes it."""
    return {r["helpline"]: r["label"] for r in store.query(_HELPLINES_SQL)}


def shares_by_year(store: Store, dimension: str) -> dict[int, list[Share]]:
    """year -> the shares of that year that hold, largest first."""
    result: dict[int, list[Share]] = {}
    for r in store.query(_SHARES_SQL, {"dimension": dimension}):
        result.setdefault(r["year"], []).append(
            Share(r["category"], r["label"], int(r["percent"]), r["source_id"], r["year_basis"])
        )
    return result


def sources(store: Store, source_ids: Iterable[str]) -> list[Source]:
    """The sources with these ids, oldest first."""
    return [Source(**r) for r in store.query(_SOURCES_SQL, {"source_ids": sorted(set(source_ids))})]


def caveats(store: Store, name: str) -> list[Caveat]:
    """Every caveat any source gives with its figures of a measure."""
    return [Caveat(**r) for r in store.query(_CAVEATS_SQL, {"metric": name})]


def applicable_caveats(
    found: Sequence[Caveat], shown: Iterable[tuple[int, int, Iterable[str]]]
) -> tuple[str, ...]:
    """The texts of the caveats that apply to the figures shown, each given as (year, month,
    its sources): a caveat applies to its own source's figures of its year and month."""
    shown = [(y, m, frozenset(s)) for y, m, s in shown]
    return tuple(
        c.text
        for c in found
        if any(c.source_id in ids and c.year in (None, y) and c.month in (None, m) for y, m, ids in shown)
    )


# ---------------------------------------------------------------------------------------------
# What the data covers, and its documents: for the answers' source lines and the scope line

_SOURCE_ROWS = """
SELECT source_id, kind, number, date, title, asked_by, answered_by, url
FROM sources ORDER BY date, source_id
"""
_COVERAGE = """
SELECT m.metric, any_value(x.label) AS label, m.year, list(DISTINCT m.month ORDER BY m.month) AS months
FROM monthly_figures AS m JOIN metrics AS x ON x.metric = m.metric
GROUP BY m.metric, m.year ORDER BY m.metric, m.year
"""
_FIGURE_SOURCES = """
SELECT DISTINCT s.kind, s.number, s.date FROM sources AS s JOIN monthly_figures AS m USING (source_id)
ORDER BY s.date
"""
_SPAN = """
SELECT arg_min(year, year * 100 + month) AS first_year, arg_min(month, year * 100 + month) AS first_month,
       arg_max(year, year * 100 + month) AS last_year, arg_max(month, year * 100 + month) AS last_month
FROM monthly_figures
"""


def source_rows(store: Store) -> list[dict[str, Any]]:
    """Every document, oldest first, with what a source line names: kind, number, date, who
    asked and who answered, and its web address (may be empty)."""
    return store.query(_SOURCE_ROWS)


def coverage(store: Store) -> list[dict[str, Any]]:
    """Per metric and year, the months with figures, and the metric's label."""
    return store.query(_COVERAGE)


def figure_sources(store: Store) -> list[dict[str, Any]]:
    """The documents the monthly figures come from (kind, number, date), oldest first."""
    return store.query(_FIGURE_SOURCES)


_WEEK_NOTES = "SELECT DISTINCT note FROM weekly_figures WHERE note IS NOT NULL"


def week_notes(store: Store) -> list[str]:
    """The notes the weekly figures carry ("Week van de vlog van JustNicolas")."""
    return [str(r["note"]) for r in store.query(_WEEK_NOTES)]


# the facts dated to a day ("2020-09-21"), by month and day
_DAY_TOPICS = """
SELECT DISTINCT topic, CAST(substr(date, 6, 2) AS INTEGER) AS month,
       CAST(substr(date, 9, 2) AS INTEGER) AS day
FROM facts WHERE length(date) = 10
"""


def day_topics(store: Store) -> dict[tuple[int, int], frozenset[str]]:
    """(month, day) → the topics of the facts dated that day ("wie vermeldde de chat op 21
    september?" is about the campaign)."""
    out: dict[tuple[int, int], set[str]] = {}
    for r in store.query(_DAY_TOPICS):
        out.setdefault((int(r["month"]), int(r["day"])), set()).add(str(r["topic"]))
    return {k: frozenset(v) for k, v in out.items()}


def figure_span(store: Store) -> dict[str, int]:
    """The first and last month with a monthly figure (first_year, first_month, ...)."""
    row = store.query(_SPAN)[0]
    return {k: int(v) for k, v in row.items()}

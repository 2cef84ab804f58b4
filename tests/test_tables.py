"""bot/present/tables.py: every table equals one built here from database rows by a plain loop.

The figures come from the database through SQL of the test's own; none is written in this file.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any

import duckdb
import pytest

from bot.data.resources import bundled_db_path
from bot.data.store import Store
from bot.present import tables
from bot.present.tables import NoData

DB = bundled_db_path()
MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MARKS = {"minstens": "≥", "meer dan": ">", "ongeveer": "±"}


def exact(value: Any) -> Any:
    """A DECIMAL figure as the source gives it: 65 for Decimal("65.00"), else unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value


def rows(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(DB), read_only=True) as con:
        return [tuple(map(exact, r)) for r in con.execute(sql, params or []).fetchall()]


METRICS = [m for (m,) in rows("SELECT DISTINCT metric FROM monthly_figures ORDER BY metric")]
DIMENSIONS = [d for (d,) in rows("SELECT DISTINCT dimension FROM shares_figures ORDER BY dimension")]


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store(DB) as s:
        yield s


# ---------------------------------------------------------------------------------------------
# The expected tables, built independently


def dutch(n: int) -> str:
    text = str(n)
    groups = []
    while len(text) > 3:
        groups.insert(0, text[-3:])
        text = text[:-3]
    return ".".join([text, *groups])


def half_up(total: int, count: int) -> int:
    return (2 * total + count) // (2 * count)  # non-negative figures only


def layout(header: list[str], body: list[list[str]], footer: list[list[str]], sep: int, wrap: bool) -> str:
    heads = [h.replace("-", "-\n").split("\n") if wrap else [h] for h in header]
    depth = max(map(len, heads))
    heads = [[""] * (depth - len(h)) + h for h in heads]
    widths = []
    for i in range(len(header)):
        widths.append(max(len(c) for c in [*heads[i], *(r[i] for r in body + footer)]))
    gap = " " * sep

    def line(cells: Sequence[str]) -> str:
        out = cells[0].ljust(widths[0])
        for cell, width in zip(cells[1:], widths[1:], strict=True):
            out += gap + cell.rjust(width)
        return out.rstrip()

    rule = "-" * (sum(widths) + sep * (len(widths) - 1))
    lines = [line([h[i] for h in heads]) for i in range(depth)] + [rule]
    lines += [line(r) for r in body]
    if footer:
        lines += [rule] + [line(r) for r in footer]
    return "\n".join(lines)


def narrowest_fitting(build: Any) -> str:
    """The preferred layouts in order: full month names and two spaces first."""
    options = []
    for short, sep, wrap in [
        (False, 2, False),
        (False, 2, True),
        (True, 2, False),
        (True, 2, True),
        (False, 1, True),
        (True, 1, True),
    ]:
        text = layout(*build(short), sep=sep, wrap=wrap)
        if max(len(s) for s in text.splitlines()) <= 40:
            return text
        options.append(text)
    return min(options, key=lambda t: max(len(s) for s in t.splitlines()))


def expected_metric_table(
    metric: str, years: Sequence[int] | None = None, months: Sequence[int] | None = None
) -> str:
    # A metric given per helpline only (referrals) is summed over the helplines.
    data = rows(
        "SELECT year, month, sum(value), max(qualifier) FROM monthly_figures "
        "WHERE metric = ? GROUP BY year, month",
        [metric],
    )
    years = sorted(years or {y for y, _, _, _ in data})
    months = sorted(months or {m for y, m, _, _ in data if y in years})
    cell = {(y, m): (v, q) for y, m, v, q in data}

    def build(short: bool) -> tuple[list[str], list[list[str]], list[list[str]]]:
        body = []
        for m in months:
            row = [(SHORT if short else MONTHS)[m - 1]]
            for y in years:
                v, q = cell.get((y, m), (None, None))
                row.append("–" if v is None else MARKS.get(q, "") + dutch(v))
            body.append(row)
        total_row, avg_row = ["Totaal"], ["Gem./maand"]
        for y in years:
            present = [cell[(y, m)] for m in months if (y, m) in cell]
            mark = "≥" if any(q for _, q in present) else ""
            total = sum(v for v, _ in present)
            total_row.append(mark + dutch(total))
            avg_row.append(mark + dutch(half_up(total, len(present))))
        return ["Maand", *map(str, years)], body, [total_row, avg_row]

    return narrowest_fitting(build)


def expected_referrals_table(months: Sequence[int] | None = None) -> str:
    ((year,),) = rows("SELECT max(year) FROM monthly_figures WHERE metric = 'doorverwijzingen'")
    data = rows(
        "SELECT h.label, m.month, m.value FROM monthly_figures m JOIN helplines h "
        "ON h.helpline = m.helpline WHERE m.metric = 'doorverwijzingen' AND m.year = ?",
        [year],
    )
    months = sorted(months or {m for _, m, _ in data})
    value = {(h, m): v for h, m, v in data}
    totals: dict[str, int] = {}
    for h, m, v in data:
        if m in months:
            totals[h] = totals.get(h, 0) + v
    helplines = sorted(totals, key=lambda h: (-totals[h], h))

    def build(short: bool) -> tuple[list[str], list[list[str]], list[list[str]]]:
        body = []
        for m in months:
            cells = [value[(h, m)] for h in helplines]
            body.append([(SHORT if short else MONTHS)[m - 1], *map(dutch, cells), dutch(sum(cells))])
        footer = [["Totaal", *(dutch(totals[h]) for h in helplines), dutch(sum(totals.values()))]]
        return ["Maand", *helplines, "Totaal"], body, footer

    return narrowest_fitting(build)


def expected_shares_table(dimension: str) -> str:
    ((year,),) = rows("SELECT max(year) FROM shares_figures WHERE dimension = ?", [dimension])
    data = rows(
        "SELECT c.label, s.percent FROM shares_figures s JOIN categories c ON c.dimension = "
        "s.dimension AND c.category = s.category WHERE s.dimension = ? AND s.year = ? "
        "ORDER BY s.percent DESC, c.label",
        [dimension, year],
    )
    right = max(len(str(year)), *(len(f"{p}%") for _, p in data))
    left = max(12, min(max(len(dimension), *(len(lbl) for lbl, _ in data)), 40 - 2 - right))
    out = [dimension.capitalize().ljust(left) + "  " + str(year).rjust(right), "-" * (left + 2 + right)]
    for label, percent in data:
        first, *rest = textwrap.wrap(label, left, subsequent_indent="  ")
        out.append(first.ljust(left) + "  " + f"{percent}%".rjust(right))
        out += rest
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# Tables


@pytest.mark.parametrize("metric", METRICS)
def test_metric_table(store: Store, metric: str) -> None:
    assert tables.metric_table(store, metric) == expected_metric_table(metric)


@pytest.mark.parametrize("metric", METRICS)
def test_metric_table_of_chosen_years_and_months(store: Store, metric: str) -> None:
    data = rows(
        "SELECT year, month FROM monthly_figures WHERE metric = ? ORDER BY year DESC, month", [metric]
    )
    year = data[0][0]
    months = sorted({m for y, m in data if y == year})[:2]
    assert tables.metric_table(store, metric, [year], months) == expected_metric_table(metric, [year], months)


def test_referrals_table(store: Store) -> None:
    assert tables.referrals_table(store) == expected_referrals_table()


def test_referrals_table_of_chosen_months(store: Store) -> None:
    months = [
        m
        for (m,) in rows(
            "SELECT DISTINCT month FROM monthly_figures WHERE metric = 'doorverwijzingen' ORDER BY month"
        )
    ][:2]
    assert tables.referrals_table(store, months) == expected_referrals_table(months)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_shares_table(store: Store, dimension: str) -> None:
    assert tables.shares_table(store, dimension) == expected_shares_table(dimension)


def all_tables(store: Store) -> list[str]:
    return (
        [tables.metric_table(store, m) for m in METRICS]
        + [tables.referrals_table(store)]
        + [tables.shares_table(store, d) for d in DIMENSIONS]
    )


def test_tables_fit_a_phone(store: Store) -> None:
    for text in all_tables(store):
        assert max(len(line) for line in text.splitlines()) <= tables.MAX_WIDTH, text


def test_totals_and_averages_match_what_the_source_prints(store: Store) -> None:
    """build-db checks the same; here the numbers are read back out of the table text."""
    printed = rows(
        "SELECT metric, year, month_from, month_to, aggregate, value FROM "
        "printed_totals WHERE helpline IS NULL AND month_from < month_to"
    )
    assert printed
    for metric, year, first, last, aggregate, value in printed:
        text = tables.metric_table(store, metric, [year], list(range(first, last + 1)))
        label = "Totaal" if aggregate == "sum" else "Gem./maand"
        (line,) = [s for s in text.splitlines() if s.startswith(label)]
        assert line.split()[-1] == dutch(value)


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (tables.metric_table, ("bestaat_niet",)),
        (tables.metric_table, ("gesprekken", [1999])),
        (tables.metric_table, ("gesprekken", None, [13])),
        (tables.metric_table, ("gesprekken", None, [0])),
        (tables.referrals_table, ([13],)),
        (tables.shares_table, ("bestaat_niet",)),
    ],
)
def test_no_data_is_an_error(store: Store, call: Any, args: tuple[Any, ...]) -> None:
    with pytest.raises(NoData):
        call(store, *args)


# ---------------------------------------------------------------------------------------------
# Dutch formatting


@pytest.mark.parametrize(
    ("value", "text"), [(0, "0"), (7, "7"), (999, "999"), (1000, "1.000"), (1234567, "1.234.567")]
)
def test_format_number(value: int, text: str) -> None:
    assert tables.format_number(value) == text == dutch(value)


@pytest.mark.parametrize(
    ("value", "rounded"),
    [
        (Fraction(5, 2), 3),
        (Fraction(3, 2), 2),
        (Fraction(-5, 2), -3),
        (Fraction(7, 3), 2),
        (Fraction(8, 3), 3),
        (Fraction(4), 4),
    ],
)
def test_round_half_away_from_zero(value: Fraction, rounded: int) -> None:
    assert tables.round_half_away(value) == rounded


@pytest.mark.parametrize(
    ("items", "text"), [([], ""), (["a"], "a"), (["a", "b"], "a en b"), (["a", "b", "c"], "a, b en c")]
)
def test_join_dutch(items: list[str], text: str) -> None:
    assert tables.join_dutch(items) == text

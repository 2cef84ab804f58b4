"""Monospace tables for "Geef een overzicht/tabel van ..." replies, shown in a <pre> block.

This module is on the `ask` path, so it never imports matplotlib. It also holds the Dutch
formatting and the monthly look-ups that bot/present/charts.py shares, so that a chart and a table of the
same question always show the same figures.

Every figure comes from the database through bound `$name` parameters; nothing here builds SQL
from user text.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from bot.errors import HulplijnbotError
from bot.present.dutch import MONTH_ABBREVIATIONS, month_name
from bot.present.dutch import MONTHS as MONTH_NAMES
from bot.present.dutch import join as join_dutch
from bot.present.dutch import number as format_number
from bot.present.dutch import percent as format_percent
from bot.present.dutch import round_half_up as round_half_away

if TYPE_CHECKING:
    from bot.data.store import Store

# The Dutch formatting lives in bot.present.dutch; these names stay importable from here for charts.
__all__ = [
    "MONTH_ABBREVIATIONS",
    "MONTH_NAMES",
    "NoData",
    "format_number",
    "format_percent",
    "join_dutch",
    "metric_table",
    "month_name",
    "referrals_table",
    "round_half_away",
    "shares_table",
]

# Telegram on a phone shows about 40 monospace characters before it wraps a <pre> line.
MAX_WIDTH = 40
TOTAL_LABEL = "Totaal"
AVERAGE_LABEL = "Gem./maand"

# A qualified figure ("minstens 35") keeps its qualifier in a table cell as one character.
QUALIFIER_MARKS = {"minstens": "≥", "meer dan": ">", "ongeveer": "±"}


class NoData(HulplijnbotError):
    """The database has no figures for what a table or chart asks for."""


@dataclass(frozen=True)
class MonthFigure:
    """One monthly figure: its value, the source's qualifier (None, "minstens", "meer dan",
    "ongeveer") and the sources it comes from (several when it is a sum over helplines)."""

    value: int
    qualifier: str | None
    sources: tuple[str, ...]


_ByMonth = dict[tuple[int, int], MonthFigure]


@dataclass(frozen=True)
class Share:
    """One category of a share table; year_basis "context" means the source names no year."""

    label: str
    percent: int
    source_id: str
    year_basis: str


def merge_qualifiers(qualifiers: Iterable[str | None]) -> str | None:
    """The qualifier of a sum: approximate if any part is, else a lower bound if any part is."""
    present = {q for q in qualifiers if q}
    if not present:
        return None
    return "ongeveer" if "ongeveer" in present else "minstens"


def _cell(value: int, qualifier: str | None = None) -> str:
    return QUALIFIER_MARKS.get(qualifier or "", "") + format_number(value)


# ---------------------------------------------------------------------------------------------
# Look-ups shared with bot/present/charts.py

_METRIC_SQL = "SELECT label, unit FROM metrics WHERE metric = $metric"

# A month could in principle be reported by two sources; the most recent source wins.
_MONTHLY_SQL = """
SELECT m.helpline, m.year, m.month, m.value, m.qualifier, m.source_id
FROM monthly AS m JOIN sources AS s USING (source_id)
WHERE m.metric = $metric
QUALIFY row_number() OVER (
    PARTITION BY m.helpline, m.year, m.month ORDER BY s.date DESC, m.source_id) = 1
ORDER BY m.year, m.month, m.helpline
"""

_HELPLINES_SQL = "SELECT helpline, label FROM helplines ORDER BY helpline"

_SHARES_SQL = """
SELECT sh.category, c.label, sh.year, sh.percent, sh.source_id, sh.year_basis
FROM shares AS sh
JOIN categories AS c ON c.dimension = sh.dimension AND c.category = sh.category
JOIN sources AS s ON s.source_id = sh.source_id
WHERE sh.dimension = $dimension
QUALIFY row_number() OVER (
    PARTITION BY sh.category, sh.year ORDER BY s.date DESC, sh.source_id) = 1
ORDER BY sh.year, sh.percent DESC, c.label
"""


def metric_info(store: Store, metric: str) -> tuple[str, str]:
    """(label, unit) of a metric; NoData when the metrics table does not know it."""
    rows = store.query(_METRIC_SQL, {"metric": metric})
    if not rows:
        raise NoData(f"onbekende maatstaf: {metric!r}")
    return rows[0]["label"], rows[0]["unit"]


def monthly_by_helpline(store: Store, metric: str) -> dict[str | None, _ByMonth]:
    """helpline (None: not split by helpline) -> (year, month) -> figure."""
    result: dict[str | None, _ByMonth] = {}
    for r in store.query(_MONTHLY_SQL, {"metric": metric}):
        result.setdefault(r["helpline"], {})[(r["year"], r["month"])] = MonthFigure(
            r["value"], r["qualifier"], (r["source_id"],)
        )
    return result


def monthly_totals(store: Store, metric: str) -> _ByMonth:
    """(year, month) -> the metric's figure. A metric only reported per helpline (referrals)
    is summed over the helplines; a metric with an overall figure uses that one as is."""
    by_helpline = monthly_by_helpline(store, metric)
    if None in by_helpline:
        return by_helpline[None]
    parts: dict[tuple[int, int], list[MonthFigure]] = {}
    for figures in by_helpline.values():
        for key, fig in figures.items():
            parts.setdefault(key, []).append(fig)
    return {key: _sum_figures(figs) for key, figs in sorted(parts.items())}


def _sum_figures(figures: Sequence[MonthFigure]) -> MonthFigure:
    return MonthFigure(
        sum(f.value for f in figures),
        merge_qualifiers(f.qualifier for f in figures),
        tuple(sorted({s for f in figures for s in f.sources})),
    )


def helpline_labels(store: Store) -> dict[str, str]:
    """helpline id -> its label as the source writes it."""
    return {r["helpline"]: r["label"] for r in store.query(_HELPLINES_SQL)}


def shares_by_year(store: Store, dimension: str) -> dict[int, list[Share]]:
    """year -> the shares of that year, largest first."""
    result: dict[int, list[Share]] = {}
    for r in store.query(_SHARES_SQL, {"dimension": dimension}):
        result.setdefault(r["year"], []).append(
            Share(r["label"], r["percent"], r["source_id"], r["year_basis"])
        )
    return result


def pick_years(available: Iterable[int], wanted: Sequence[int] | None, what: str) -> tuple[int, ...]:
    """The wanted years (all available ones when none are asked for), sorted; NoData names the
    years that have no figures instead of silently leaving them out."""
    have = sorted(set(available))
    if not have:
        raise NoData(f"geen cijfers over {what}")
    if not wanted:
        return tuple(have)
    missing = sorted(set(wanted) - set(have))
    if missing:
        raise NoData(f"geen cijfers over {what} in {join_dutch([str(y) for y in missing])}")
    return tuple(sorted(set(wanted)))


def pick_months(available: Iterable[int], wanted: Sequence[int] | None, what: str) -> tuple[int, ...]:
    """Like pick_years, for months 1..12."""
    have = sorted(set(available))
    if not wanted:
        return tuple(have)
    missing = sorted(set(wanted) - set(have))
    if missing:
        names = join_dutch([month_name(m) if 1 <= m <= 12 else f"maand {m}" for m in missing])
        raise NoData(f"geen cijfers over {what} in {names}")
    return tuple(sorted(set(wanted)))


# ---------------------------------------------------------------------------------------------
# Layout

# One table body: column headers, the body rows and the footer rows (totals), as text cells;
# the first column is the row label (left-aligned), the others are numbers (right-aligned).
_Grid = tuple[list[str], list[list[str]], list[list[str]]]

# From most to least comfortable; the first layout that fits MAX_WIDTH wins:
# (abbreviate month names, spaces between columns, wrap headers at a hyphen).
_LAYOUTS = (
    (False, 2, False),
    (False, 2, True),
    (True, 2, False),
    (True, 2, True),
    (False, 1, True),
    (True, 1, True),
)


def _header_lines(header: str, wrap: bool) -> list[str]:
    if not wrap or "-" not in header:
        return [header]
    head, _, tail = header.partition("-")
    return [f"{head}-", *_header_lines(tail, wrap)]


def _render_grid(grid: _Grid, sep: int, wrap: bool) -> str:
    headers, body, footer = grid
    header_cells = [_header_lines(h, wrap) for h in headers]
    depth = max(len(lines) for lines in header_cells)
    widths = [
        max(len(s) for s in [*header_cells[i], *(row[i] for row in body + footer)])
        for i in range(len(headers))
    ]

    def line(cells: Sequence[str]) -> str:
        parts = [cells[0].ljust(widths[0])]
        parts += [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return (" " * sep).join(parts).rstrip()

    # Multi-line headers sit on the bottom line, next to the short ones.
    padded = [[""] * (depth - len(lines)) + lines for lines in header_cells]
    out = [line([col[i] for col in padded]) for i in range(depth)]
    rule = "-" * (sum(widths) + sep * (len(widths) - 1))
    out.append(rule)
    out += [line(row) for row in body]
    if footer:
        out.append(rule)
        out += [line(row) for row in footer]
    return "\n".join(out)


def _fit(build: Callable[[bool], _Grid]) -> str:
    """The first layout of build's grid that is at most MAX_WIDTH wide, else the narrowest."""
    tried: list[str] = []
    for abbreviate, sep, wrap in _LAYOUTS:
        text = _render_grid(build(abbreviate), sep, wrap)
        if _width(text) <= MAX_WIDTH:
            return text
        tried.append(text)
    return min(tried, key=_width)


def _width(text: str) -> int:
    return max(len(line) for line in text.splitlines())


# ---------------------------------------------------------------------------------------------
# Tables


def metric_table(
    store: Store, metric: str, years: Sequence[int] | None = None, months: Sequence[int] | None = None
) -> str:
    """Months as rows, one column per year, then "Totaal" and "Gem./maand" (the average over
    the months with a figure, rounded half away from zero, as the source prints it)."""
    label, _ = metric_info(store, metric)
    figures = monthly_totals(store, metric)
    chosen_years = pick_years((y for y, _ in figures), years, label)
    chosen_months = pick_months((m for y, m in figures if y in chosen_years), months, label)
    columns = [[figures.get((y, m)) for m in chosen_months] for y in chosen_years]

    totals: list[str] = []
    averages: list[str] = []
    for column in columns:
        present = [f for f in column if f is not None]
        total = sum(f.value for f in present)
        qualifier = merge_qualifiers(f.qualifier for f in present)
        totals.append(_cell(total, qualifier))
        averages.append(_cell(round_half_away(Fraction(total) / len(present)), qualifier) if present else "–")

    def build(abbreviate: bool) -> _Grid:
        body = [
            [month_name(m, abbreviated=abbreviate)]
            + [_cell(f.value, f.qualifier) if (f := c[i]) else "–" for c in columns]
            for i, m in enumerate(chosen_months)
        ]
        footer = [[TOTAL_LABEL, *totals], [AVERAGE_LABEL, *averages]]
        return ["Maand", *(str(y) for y in chosen_years)], body, footer

    return _fit(build)


def referrals_table(store: Store, months: Sequence[int] | None = None, year: int | None = None) -> str:
    """Referrals: months as rows, one column per helpline (most referrals first), a "Totaal"
    column and a totals row. `year` defaults to the latest year with referrals."""
    metric = "doorverwijzingen"
    label, _ = metric_info(store, metric)
    by_helpline = {h: f for h, f in monthly_by_helpline(store, metric).items() if h is not None}
    available = {y for figures in by_helpline.values() for y, _ in figures}
    the_year = pick_years(available, [year] if year else None, label)[-1]
    in_year = {
        h: {m: f for (y, m), f in figures.items() if y == the_year} for h, figures in by_helpline.items()
    }
    chosen_months = pick_months((m for f in in_year.values() for m in f), months, label)
    labels = helpline_labels(store)

    def helpline_total(h: str) -> int:
        return sum(in_year[h][m].value for m in chosen_months if m in in_year[h])

    helplines = sorted(
        (h for h in in_year if any(m in in_year[h] for m in chosen_months)),
        key=lambda h: (-helpline_total(h), labels.get(h, h)),
    )

    def row(cells: list[MonthFigure | None]) -> list[str]:
        present = [c for c in cells if c is not None]
        total = _sum_figures(present) if present else None
        return [_cell(c.value, c.qualifier) if c else "–" for c in [*cells, total]]

    def build(abbreviate: bool) -> _Grid:
        body = [
            [month_name(m, abbreviated=abbreviate), *row([in_year[h].get(m) for h in helplines])]
            for m in chosen_months
        ]
        column_sums = [
            _sum_figures([in_year[h][m] for m in chosen_months if m in in_year[h]]) for h in helplines
        ]
        footer = [[TOTAL_LABEL, *row(list(column_sums))]]
        return ["Maand", *(labels.get(h, h) for h in helplines), TOTAL_LABEL], body, footer

    return _fit(build)


def shares_table(store: Store, dimension: str, year: int | None = None) -> str:
    """The categories of a share dimension (problematiek, onderwerp, leeftijd, geslacht) with
    their percentage, largest first; `year` defaults to the latest year with shares."""
    by_year = shares_by_year(store, dimension)
    the_year = pick_years(by_year, [year] if year else None, dimension)[-1]
    rows = by_year[the_year]
    percents = [format_percent(r.percent) for r in rows]
    value_width = max(len(str(the_year)), *(len(p) for p in percents))
    longest = max(len(dimension), *(len(r.label) for r in rows))
    label_width = max(min(longest, MAX_WIDTH - 2 - value_width), 12)

    out = [dimension.capitalize().ljust(label_width) + "  " + str(the_year).rjust(value_width)]
    out.append("-" * (label_width + 2 + value_width))
    for r, percent in zip(rows, percents, strict=True):
        lines = textwrap.wrap(r.label, label_width, subsequent_indent="  ")
        out.append(lines[0].ljust(label_width) + "  " + percent.rjust(value_width))
        out += lines[1:]
    return "\n".join(out)

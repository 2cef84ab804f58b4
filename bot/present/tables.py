"""Tables for "Geef een overzicht/tabel van ..." replies: bot.model.Table values with typed
cells, built from bot.data.figures, and render_text, their 40-column monospace layout (shown in
a <pre> block).

Nothing here reads the database itself: every figure comes through bot.data.figures, the same
reading of the *_figures tables that answers and charts use, so a table, a chart and a reply of
the same question show the same figures. A measure that does not add up (aggregation `mean` or
`none`) gets no "Totaal" and no "Gem./maand": only the figures the source gives. This module
is on the `ask` path, so it never imports matplotlib.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from bot.data import figures
from bot.data.figures import MonthFigure, NoData
from bot.data.resources import sentence
from bot.model import Cell, Table
from bot.present import dutch

if TYPE_CHECKING:
    from bot.data.store import Store

__all__ = [
    "AVERAGE_LABEL",
    "MAX_WIDTH",
    "QUALIFIER_MARKS",
    "TOTAL_LABEL",
    "NoData",
    "metric_table",
    "pick_months",
    "pick_years",
    "referrals_table",
    "render_text",
    "shares_table",
]

# Telegram on a phone shows about 40 monospace characters before it wraps a <pre> line.
MAX_WIDTH = 40
TOTAL_LABEL = "Totaal"
AVERAGE_LABEL = "Gem./maand"
MISSING = "–"  # a cell without a figure, on screen
REFERRALS = "doorverwijzingen"

# A qualified figure ("minstens 35") keeps its qualifier in a table cell as one character.
QUALIFIER_MARKS = {"minstens": "≥", "meer dan": ">", "ongeveer": "±"}


def _number(value: int | Decimal) -> int | Decimal:
    """A figure as a cell: an int when it is whole (Decimal('65') -> 65), else the Decimal."""
    return int(value) if value == int(value) else value


def _cell(figure: MonthFigure | None) -> Cell:
    """A figure as a typed cell: its number, or text when the source qualifies it ("≥12")."""
    if figure is None:
        return None
    if figure.qualifier:
        return QUALIFIER_MARKS.get(figure.qualifier, "") + dutch.number(figure.value)
    return _number(figure.value)


def _qualified(value: int | Decimal, qualifier: str | None) -> Cell:
    return QUALIFIER_MARKS.get(qualifier or "", "") + dutch.number(value) if qualifier else _number(value)


def _source(store: Store, used: Iterable[MonthFigure | None]) -> str | None:
    ids = {s for f in used if f is not None for s in f.sources}
    return dutch.source_line(figures.sources(store, ids)) or None


# ---------------------------------------------------------------------------------------------
# Choosing years and months


def pick_years(available: Iterable[int], wanted: Sequence[int] | None, what: str) -> tuple[int, ...]:
    """The wanted years (all available ones when none are asked for), sorted; NoData names the
    years that have no figures instead of silently leaving them out."""
    have = sorted(set(available))
    if not have:
        raise NoData(sentence("table_no_figures", what=what))
    if not wanted:
        return tuple(have)
    missing = sorted(set(wanted) - set(have))
    if missing:
        raise NoData(
            sentence("table_no_figure_for", what=what, missing=dutch.join([str(y) for y in missing]))
        )
    return tuple(sorted(set(wanted)))


def pick_months(
    available: Iterable[int], wanted: Sequence[int] | None, what: str, years: Sequence[int] = ()
) -> tuple[int, ...]:
    """Like pick_years, for months 1..12 of `years` (named in the message when there is one)."""
    have = sorted(set(available))
    if not wanted:
        if not have:
            raise NoData(sentence("table_no_figures", what=what))
        return tuple(have)
    missing = sorted(set(wanted) - set(have))
    if missing:
        names = dutch.join([dutch.month_name(m) if 1 <= m <= 12 else f"maand {m}" for m in missing])
        year = f" {years[0]}" if len(years) == 1 else ""
        raise NoData(sentence("table_no_figure_for", what=what, missing=f"{names}{year}"))
    return tuple(sorted(set(wanted)))


# ---------------------------------------------------------------------------------------------
# Tables


def metric_table(
    store: Store, metric: str, years: Sequence[int] | None = None, months: Sequence[int] | None = None
) -> Table:
    """Months as rows, one column per year; for a measure that adds up, then "Totaal" and
    "Gem./maand" (the average over the months with a figure, rounded half away from zero, as
    the source prints it). NoData when a year or month asked for has no figure."""
    measure = figures.metric(store, metric)
    data = figures.monthly_totals(store, metric)
    chosen_years = pick_years((y for y, _ in data), years, measure.label)
    chosen_months = pick_months(
        (m for y, m in data if y in chosen_years), months, measure.label, chosen_years
    )
    columns = [[data.get((y, m)) for m in chosen_months] for y in chosen_years]
    rows = tuple(
        (dutch.month_name(m), *(_cell(column[i]) for column in columns)) for i, m in enumerate(chosen_months)
    )
    footer: tuple[tuple[Cell, ...], ...] = ()
    if measure.summed:
        totals: list[Cell] = [TOTAL_LABEL]
        averages: list[Cell] = [AVERAGE_LABEL]
        for column in columns:
            present = [f for f in column if f is not None]
            if not present:
                totals.append(None)
                averages.append(None)
                continue
            total = figures.total(measure, present)
            average = dutch.round_half_up(figures.average_per_month(measure, present))
            totals.append(_qualified(total.value, total.qualifier))
            averages.append(_qualified(average, total.qualifier))
        footer = (tuple(totals), tuple(averages))
    return Table(
        title=sentence("title_per_month", label=dutch.capitalize(measure.label)),
        header=("Maand", *(str(y) for y in chosen_years)),
        rows=rows,
        footer=footer,
        source=_source(store, (f for column in columns for f in column)),
    )


def referrals_table(store: Store, months: Sequence[int] | None = None, year: int | None = None) -> Table:
    """Referrals: months as rows, one column per helpline (most referrals first), a "Totaal"
    column and a totals row. `year` defaults to the latest year with referrals."""
    measure = figures.metric(store, REFERRALS)
    by_helpline = {h: f for h, f in figures.monthly_by_helpline(store, REFERRALS).items() if h is not None}
    available = {y for data in by_helpline.values() for y, _ in data}
    the_year = pick_years(available, [year] if year else None, measure.label)[-1]
    in_year = {h: {m: f for (y, m), f in data.items() if y == the_year} for h, data in by_helpline.items()}
    chosen_months = pick_months((m for f in in_year.values() for m in f), months, measure.label, (the_year,))
    labels = figures.helpline_labels(store)
    shown = {h: [in_year[h][m] for m in chosen_months if m in in_year[h]] for h in in_year}

    def order(h: str) -> tuple[Decimal | int, str]:
        # The biggest referrer first, as the source ranks them; a measure without totals by name.
        size = figures.total(measure, shown[h]).value if measure.summed else 0
        return -size, labels.get(h, h)

    helplines = sorted((h for h in in_year if shown[h]), key=order)

    def row(cells: list[MonthFigure | None]) -> tuple[Cell, ...]:
        present = [c for c in cells if c is not None]
        if not measure.summed:
            return tuple(_cell(c) for c in cells)
        return (*(_cell(c) for c in cells), _cell(figures.total(measure, present)) if present else None)

    rows = tuple((dutch.month_name(m), *row([in_year[h].get(m) for h in helplines])) for m in chosen_months)
    header = ("Maand", *(labels.get(h, h) for h in helplines))
    footer: tuple[tuple[Cell, ...], ...] = ()
    if measure.summed:
        header = (*header, TOTAL_LABEL)
        footer = ((TOTAL_LABEL, *row([figures.total(measure, shown[h]) for h in helplines])),)
    return Table(
        title=sentence("title_per_helpline", label=dutch.capitalize(measure.label), year=the_year),
        header=header,
        rows=rows,
        footer=footer,
        source=_source(store, (f for h in helplines for f in shown[h])),
    )


def shares_table(store: Store, dimension: str, year: int | None = None) -> Table:
    """The categories of a share dimension (problematiek, onderwerp, leeftijd, geslacht) with
    their percentage, largest first; `year` defaults to the latest year with shares. The
    percentages are text cells ("34%"), as Excel also reads them."""
    by_year = figures.shares_by_year(store, dimension)
    the_year = pick_years(by_year, [year] if year else None, dimension)[-1]
    shares = by_year[the_year]
    return Table(
        title=f"{dutch.capitalize(dimension)} in {the_year}, in procent",
        header=(dutch.capitalize(dimension), str(the_year)),
        rows=tuple((s.label, dutch.percent(s.percent)) for s in shares),
        source=dutch.source_line(figures.sources(store, {s.source_id for s in shares})) or None,
    )


# ---------------------------------------------------------------------------------------------
# Layout

# A table as text cells: header, body rows and footer rows (totals). The first column holds the
# row labels (left-aligned; a label may be wrapped over lines), the others numbers
# (right-aligned).
_Grid = tuple[list[str], list[list[str]], list[list[str]]]

# From most to least comfortable; the first layout that fits MAX_WIDTH wins:
# (abbreviate month names, spaces between columns, wrap headers at a hyphen). Wrapping long row
# labels comes after the two-space layouts and before the one-space ones.
_LAYOUTS = (
    (False, 2, False),
    (False, 2, True),
    (True, 2, False),
    (True, 2, True),
)
_TIGHT_LAYOUTS = (
    (False, 1, True),
    (True, 1, True),
)
_MIN_LABEL_WIDTH = 12  # narrower, a wrapped label is harder to read than a wide table
_SHORT_MONTHS = dict(zip(dutch.MONTHS, dutch.MONTH_ABBREVIATIONS, strict=True))


def _text(cell: Cell) -> str:
    if cell is None:
        return MISSING
    if isinstance(cell, str):
        return cell
    return dutch.number(cell)


def render_text(table: Table) -> str:
    """The table as monospace text, at most MAX_WIDTH characters wide where that can be done:
    months abbreviated, headers wrapped at a hyphen, long row labels wrapped, one space between
    columns, in that order of preference; a table still too wide (many helplines) is split into
    parts of fewer columns, one below the other, each with the row labels. Title and source are
    not part of it (the reply carries them)."""
    header = [str(h) for h in table.header]
    body = [[_text(c) for c in row] for row in table.rows]
    footer = [[_text(c) for c in row] for row in table.footer]

    def grid(abbreviate: bool) -> _Grid:
        if not abbreviate:
            return header, body, footer
        return header, [[_SHORT_MONTHS.get(r[0], r[0]), *r[1:]] for r in body], footer

    text = _first_fitting(grid, wrap_labels=True)
    if text is not None:
        return text
    split = _split_columns(grid)
    if split is not None:
        return split
    return min(
        (_render_grid(grid(a), sep, wrap) for a, sep, wrap in (*_LAYOUTS, *_TIGHT_LAYOUTS)), key=_width
    )


def _first_fitting(grid: Callable[[bool], _Grid], wrap_labels: bool) -> str | None:
    """The grid in the first layout that fits MAX_WIDTH, or None."""
    for abbreviate, sep, wrap in _LAYOUTS:
        text = _render_grid(grid(abbreviate), sep, wrap)
        if _width(text) <= MAX_WIDTH:
            return text
    if wrap_labels:
        wrapped = _wrap_labels(grid(False), sep=2)
        if wrapped is not None:
            return wrapped
    for abbreviate, sep, wrap in _TIGHT_LAYOUTS:
        text = _render_grid(grid(abbreviate), sep, wrap)
        if _width(text) <= MAX_WIDTH:
            return text
    return None


def _split_columns(grid: Callable[[bool], _Grid]) -> str | None:
    """The grid as 2, 3, ... parts of about equal numbers of columns, each with the row labels
    and fitting MAX_WIDTH, separated by a blank line; None when even one column is too wide."""
    columns = len(grid(False)[0]) - 1
    for parts in range(2, columns + 1):
        sizes = [columns // parts + (1 if i < columns % parts else 0) for i in range(parts)]
        starts = [1 + sum(sizes[:i]) for i in range(parts)]
        texts = []
        for start, size in zip(starts, sizes, strict=True):
            keep = [0, *range(start, start + size)]

            def part(abbreviate: bool, keep: list[int] = keep) -> _Grid:
                headers, body, footer = grid(abbreviate)
                return (
                    [headers[i] for i in keep],
                    [[r[i] for i in keep] for r in body],
                    [[r[i] for i in keep] for r in footer],
                )

            text = _first_fitting(part, wrap_labels=False)
            if text is None:
                break
            texts.append(text)
        else:
            return "\n\n".join(texts)
    return None


def _wrap_labels(grid: _Grid, sep: int) -> str | None:
    """The grid with its row labels wrapped to the width the other columns leave, when that
    makes it fit and leaves the labels at least _MIN_LABEL_WIDTH wide; else None."""
    headers, body, footer = grid
    others = sum(max(len(r[i]) for r in [headers, *body, *footer]) for i in range(1, len(headers)))
    room = MAX_WIDTH - others - sep * (len(headers) - 1)
    longest = max(len(r[0]) for r in [headers, *body, *footer])
    if room < _MIN_LABEL_WIDTH or longest <= room or len(headers[0]) > room:
        return None
    body = [["\n".join(textwrap.wrap(r[0], room, subsequent_indent="  ")), *r[1:]] for r in body]
    return _render_grid((headers, body, footer), sep, wrap=False, first_width=room)


def _header_lines(header: str, wrap: bool) -> list[str]:
    if not wrap or "-" not in header:
        return [header]
    head, _, tail = header.partition("-")
    return [f"{head}-", *_header_lines(tail, wrap)]


def _render_grid(grid: _Grid, sep: int, wrap: bool, first_width: int | None = None) -> str:
    headers, body, footer = grid
    header_cells = [_header_lines(h, wrap) for h in headers]
    depth = max(len(lines) for lines in header_cells)
    widths = [
        max(
            len(s)
            for s in [*header_cells[i], *(piece for row in body + footer for piece in row[i].split("\n"))]
        )
        for i in range(len(headers))
    ]
    if first_width is not None:
        widths[0] = first_width

    def line(cells: Sequence[str]) -> str:
        parts = [cells[0].ljust(widths[0])]
        parts += [c.rjust(w) for c, w in zip(cells[1:], widths[1:], strict=True)]
        return (" " * sep).join(parts).rstrip()

    def lines(row: Sequence[str]) -> list[str]:
        # A wrapped label continues on lines of its own, below its figures.
        first, *more = row[0].split("\n")
        return [line([first, *row[1:]]), *(m.rstrip() for m in more)]

    # Multi-line headers sit on the bottom line, next to the short ones.
    padded = [[""] * (depth - len(h)) + h for h in header_cells]
    out = [line([col[i] for col in padded]) for i in range(depth)]
    rule = "-" * (sum(widths) + sep * (len(widths) - 1))
    out.append(rule)
    out += [text for row in body for text in lines(row)]
    if footer:
        out.append(rule)
        out += [text for row in footer for text in lines(row)]
    return "\n".join(out)


def _width(text: str) -> int:
    return max(len(line) for line in text.splitlines())

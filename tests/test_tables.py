"""bot/present/tables.py: every table equals one built here from database rows by a plain loop,
for the shipped data (808 alone) and for the fixture with a second, fictional source.

The figures come from the database through SQL of the test's own, over the *_figures tables;
none is written in this file.
"""

from __future__ import annotations

import ast
import textwrap
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import MONTHS

from bot.data.build import build_database
from bot.data.resources import bundled_db_path
from bot.data.store import Store
from bot.model import Table
from bot.present import tables
from bot.present.tables import NoData, render_text

REPO = Path(__file__).resolve().parent.parent
SHORT = ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec")
MARKS = {"minstens": "≥", "meer dan": ">", "ongeveer": "±"}
Grid = tuple[list[str], list[list[str]], list[list[str]]]


def exact(value: Any) -> Any:
    """A DECIMAL figure as the source gives it: 65 for Decimal("65.00"), else unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value


class Db:
    """Plain read-only SQL on one database, for the expected tables."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        with duckdb.connect(str(self.path), read_only=True) as con:
            return [tuple(map(exact, r)) for r in con.execute(sql, params or []).fetchall()]

    def metrics(self, aggregation: str = "sum") -> list[str]:
        return [
            m
            for (m,) in self.rows(
                "SELECT DISTINCT f.metric FROM monthly_figures f JOIN metrics USING (metric) "
                "WHERE aggregation = ? ORDER BY 1",
                [aggregation],
            )
        ]


SHIPPED = Db(bundled_db_path())


@pytest.fixture(scope="module", params=["808", "second-source"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Db:
    """The shipped database, and the one of tests/fixtures/second_source."""
    if request.param == "808":
        return SHIPPED
    out = tmp_path_factory.mktemp("second") / "stats.duckdb"
    build_database(REPO / "tests" / "fixtures" / "second_source", out)
    return Db(out)


@pytest.fixture(scope="module")
def store(db: Db) -> Iterator[Store]:
    with Store(db.path) as s:
        yield s


# ---------------------------------------------------------------------------------------------
# The expected text, built independently


def dutch(n: int | Decimal) -> str:
    whole, _, fraction = str(n).partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return ".".join([whole, *groups]) + ("," + fraction if fraction else "")


def half_up(total: int, count: int) -> int:
    return (2 * total + count) // (2 * count)  # non-negative whole figures only


def layout(grid: Grid, sep: int, wrap: bool, label_width: int | None = None) -> str:
    header, body, footer = grid
    heads = [h.replace("-", "-\n").split("\n") if wrap else [h] for h in header]
    depth = max(map(len, heads))
    heads = [[""] * (depth - len(h)) + h for h in heads]
    if label_width is not None:
        body = [["\n".join(textwrap.wrap(r[0], label_width, subsequent_indent="  ")), *r[1:]] for r in body]
    widths = []
    for i in range(len(header)):
        widths.append(max(len(c) for c in [*heads[i], *(p for r in body + footer for p in r[i].split("\n"))]))
    if label_width is not None:
        widths[0] = label_width
    gap = " " * sep

    def line(cells: Sequence[str]) -> str:
        out = cells[0].ljust(widths[0])
        for cell, width in zip(cells[1:], widths[1:], strict=True):
            out += gap + cell.rjust(width)
        return out.rstrip()

    rule = "-" * (sum(widths) + sep * (len(widths) - 1))
    lines = [line([h[i] for h in heads]) for i in range(depth)] + [rule]
    for r in body:
        first, *rest = r[0].split("\n")
        lines += [line([first, *r[1:]]), *rest]
    if footer:
        lines += [rule] + [line(r) for r in footer]
    return "\n".join(lines)


def fits(text: str) -> bool:
    return max(len(s) for s in text.splitlines()) <= 40


def fitting(build: Callable[[bool], Grid], wrap_labels: bool = True) -> str | None:
    """The preferred layouts in order: full month names and two spaces, abbreviated, then long
    row labels wrapped, then one space; else the columns in two (three, ...) parts."""
    for short, sep, wrap in [(False, 2, False), (False, 2, True), (True, 2, False), (True, 2, True)]:
        text = layout(build(short), sep, wrap)
        if fits(text):
            return text
    header, body, footer = build(False)
    others = sum(max(len(r[i]) for r in [header, *body, *footer]) for i in range(1, len(header)))
    room = 40 - others - 2 * (len(header) - 1)
    longest = max(len(r[0]) for r in [header, *body, *footer])
    if wrap_labels and room >= 12 and longest > room >= len(header[0]):
        return layout((header, body, footer), 2, False, label_width=room)
    for short, sep, wrap in [(False, 1, True), (True, 1, True)]:
        text = layout(build(short), sep, wrap)
        if fits(text):
            return text
    if not wrap_labels:
        return None
    n = len(header) - 1
    for parts in range(2, n + 1):
        # e.g. 7 columns in two parts: 4 and 3
        sizes = [n // parts + (i < n % parts) for i in range(parts)]
        texts: list[str | None] = []
        start = 1
        for size in sizes:
            keep = [0, *range(start, start + size)]
            start += size

            def part(short: bool, keep: list[int] = keep) -> Grid:
                h, b, f = build(short)
                return (
                    [h[i] for i in keep],
                    [[r[i] for i in keep] for r in b],
                    [[r[i] for i in keep] for r in f],
                )

            texts.append(fitting(part, wrap_labels=False))
        if all(texts):
            return "\n\n".join(t for t in texts if t)
    raise AssertionError("no layout fits")


def expected_metric_table(
    db: Db, metric: str, years: Sequence[int] | None = None, months: Sequence[int] | None = None
) -> str:
    # A metric given per helpline only (referrals) is summed over the helplines.
    data = db.rows(
        "SELECT year, month, sum(value), max(qualifier) FROM monthly_figures "
        "WHERE metric = ? GROUP BY year, month",
        [metric],
    )
    ((aggregation,),) = db.rows("SELECT aggregation FROM metrics WHERE metric = ?", [metric])
    years = sorted(years or {y for y, _, _, _ in data})
    months = sorted(months or {m for y, m, _, _ in data if y in years})
    cell = {(y, m): (v, q) for y, m, v, q in data}

    def build(short: bool) -> Grid:
        body = []
        for m in months:
            row = [(SHORT if short else MONTHS)[m - 1]]
            for y in years:
                v, q = cell.get((y, m), (None, None))
                row.append("–" if v is None else MARKS.get(q, "") + dutch(v))
            body.append(row)
        if aggregation != "sum":
            return ["Maand", *map(str, years)], body, []
        total_row, avg_row = ["Totaal"], ["Gem./maand"]
        for y in years:
            present = [cell[(y, m)] for m in months if (y, m) in cell]
            mark = "≥" if any(q for _, q in present) else ""
            total = sum(v for v, _ in present)
            total_row.append(mark + dutch(total) if present else "–")
            avg_row.append(mark + dutch(half_up(total, len(present))) if present else "–")
        return ["Maand", *map(str, years)], body, [total_row, avg_row]

    return str(fitting(build))


def expected_referrals_table(db: Db, months: Sequence[int] | None = None) -> str:
    ((year,),) = db.rows("SELECT max(year) FROM monthly_figures WHERE metric = 'doorverwijzingen'")
    data = db.rows(
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

    def build(short: bool) -> Grid:
        body = []
        for m in months:
            cells = [value.get((h, m)) for h in helplines]
            given = [c for c in cells if c is not None]
            row = ["–" if c is None else dutch(c) for c in cells]
            body.append([(SHORT if short else MONTHS)[m - 1], *row, dutch(sum(given))])
        footer = [["Totaal", *(dutch(totals[h]) for h in helplines), dutch(sum(totals.values()))]]
        return ["Maand", *helplines, "Totaal"], body, footer

    return str(fitting(build))


def expected_shares_table(db: Db, dimension: str) -> str:
    ((year,),) = db.rows("SELECT max(year) FROM shares_figures WHERE dimension = ?", [dimension])
    data = db.rows(
        "SELECT c.label, s.percent FROM shares_figures s JOIN categories c ON c.dimension = "
        "s.dimension AND c.category = s.category WHERE s.dimension = ? AND s.year = ? "
        "ORDER BY s.percent DESC, c.label",
        [dimension, year],
    )
    body = [[label, f"{percent}%"] for label, percent in data]
    return str(fitting(lambda _: ([dimension.capitalize(), str(year)], body, [])))


# ---------------------------------------------------------------------------------------------
# Tables


def test_metric_tables(db: Db, store: Store) -> None:
    for metric in db.metrics("sum") + db.metrics("mean"):
        assert render_text(tables.metric_table(store, metric)) == expected_metric_table(db, metric), metric


def test_metric_tables_of_chosen_years_and_months(db: Db, store: Store) -> None:
    for metric in db.metrics("sum") + db.metrics("mean"):
        data = db.rows(
            "SELECT year, month FROM monthly_figures WHERE metric = ? ORDER BY year DESC, month", [metric]
        )
        year = data[0][0]
        months = sorted({m for y, m in data if y == year})[:2]
        table = tables.metric_table(store, metric, [year], months)
        assert render_text(table) == expected_metric_table(db, metric, [year], months), metric


def test_referrals_table(db: Db, store: Store) -> None:
    assert render_text(tables.referrals_table(store)) == expected_referrals_table(db)
    months = [
        m
        for (m,) in db.rows(
            "SELECT DISTINCT month FROM monthly_figures WHERE metric = 'doorverwijzingen' ORDER BY month"
        )
    ][:2]
    assert render_text(tables.referrals_table(store, months)) == expected_referrals_table(db, months)


def test_shares_tables(db: Db, store: Store) -> None:
    for (dimension,) in db.rows("SELECT DISTINCT dimension FROM shares_figures ORDER BY 1"):
        assert render_text(tables.shares_table(store, dimension)) == expected_shares_table(db, dimension)


def all_tables(db: Db, store: Store) -> list[Table]:
    dimensions = [d for (d,) in db.rows("SELECT DISTINCT dimension FROM shares_figures ORDER BY 1")]
    return (
        [tables.metric_table(store, m) for m in db.metrics("sum") + db.metrics("mean")]
        + [tables.referrals_table(store)]
        + [tables.shares_table(store, d) for d in dimensions]
    )


def test_tables_fit_a_phone(db: Db, store: Store) -> None:
    for table in all_tables(db, store):
        text = render_text(table)
        assert max(len(line) for line in text.splitlines()) <= tables.MAX_WIDTH, text


def test_cells_are_typed(db: Db, store: Store) -> None:
    """A figure is a number (38000, not "38.000"), a qualified one text ("≥12"), a gap None."""
    for table in all_tables(db, store):
        for row in (*table.rows, *table.footer):
            assert isinstance(row[0], str)
            for cell in row[1:]:
                assert cell is None or isinstance(cell, int | Decimal | str), (table.title, cell)
                assert not isinstance(cell, bool)
                if isinstance(cell, str):
                    assert cell[0] in "≥>±" or cell.endswith("%"), (table.title, cell)
        assert table.source and table.source.startswith("Bron: ")


def test_the_source_line_names_the_sources_of_the_figures_shown(db: Db, store: Store) -> None:
    table = tables.metric_table(store, "gesprekken")
    numbers = [
        n
        for (n,) in db.rows(
            "SELECT DISTINCT s.number FROM monthly_figures f JOIN sources s USING (source_id) "
            "WHERE f.metric = 'gesprekken' ORDER BY 1"
        )
    ]
    assert table.source is not None
    assert [f"nr. {n}" in table.source for n in numbers] == [True] * len(numbers)


def test_totals_and_averages_match_what_the_source_prints() -> None:
    """build-db checks the same; here the numbers are read back out of the table text."""
    printed = SHIPPED.rows(
        "SELECT metric, year, month_from, month_to, aggregate, value FROM "
        "printed_totals WHERE helpline IS NULL AND month_from < month_to"
    )
    assert printed
    with Store(SHIPPED.path) as store:
        for metric, year, first, last, aggregate, value in printed:
            table = tables.metric_table(store, metric, [year], list(range(first, last + 1)))
            label = "Totaal" if aggregate == "sum" else "Gem./maand"
            (row,) = [r for r in table.footer if r[0] == label]
            assert row[-1] == value
            (line,) = [s for s in render_text(table).splitlines() if s.startswith(label)]
            assert line.split()[-1] == dutch(value)


# ---------------------------------------------------------------------------------------------
# The second source: a revision, a mean, a new helpline


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    out = tmp_path_factory.mktemp("second-only") / "stats.duckdb"
    build_database(REPO / "tests" / "fixtures" / "second_source", out)
    with Store(out) as s:
        yield s


def test_a_revised_figure_is_tabled_once_with_its_new_value(second: Store) -> None:
    ((value, previous),) = Db(second.path).rows(
        "SELECT value, previous_value FROM monthly_figures WHERE revised AND metric = 'gesprekken'"
    )
    table = tables.metric_table(second, "gesprekken", [2020], [9])
    assert table.rows == (("september", value),)
    assert value != previous
    assert table.footer[0] == ("Totaal", value)  # not the sum of the old and the new figure


def test_a_mean_is_never_totalled(second: Store) -> None:
    table = tables.metric_table(second, "gespreksduur")
    assert table.footer == ()
    assert "Totaal" not in render_text(table) and "Gem." not in render_text(table)
    values = [c for row in table.rows for c in row[1:] if c is not None]
    assert any(isinstance(v, Decimal) for v in values)  # 48.5 and 51.25 stay exact
    text = render_text(table)
    for v in values:
        assert dutch(v) in text  # "51,25", not "51,2" or "51"


# ---------------------------------------------------------------------------------------------
# No data: an honest refusal, never an empty table


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (tables.metric_table, ("bestaat_niet",)),
        (tables.metric_table, ("gesprekken", [1999])),
        (tables.metric_table, ("gesprekken", [2020], [10])),  # a month after the last figure
        (tables.metric_table, ("gesprekken", None, [13])),
        (tables.metric_table, ("gesprekken", None, [0])),
        (tables.referrals_table, ([13],)),
        (tables.referrals_table, (None, 1999)),
        (tables.shares_table, ("bestaat_niet",)),
    ],
)
def test_no_data_is_an_error(call: Any, args: tuple[Any, ...]) -> None:
    with Store(SHIPPED.path) as store, pytest.raises(NoData) as excinfo:
        call(store, *args)
    assert str(excinfo.value).startswith(("voor ", "ik ken geen"))  # reads after "Daar heb ik ...:"


def test_a_table_without_data_is_an_honest_refusal() -> None:
    from bot.engine import Engine

    engine = Engine.open(SHIPPED.path)
    try:
        answer = engine.answer("tabel van de gesprekken in oktober 2020")
        assert answer.answered is False and answer.table is None
        assert "oktober 2020" in answer.text
        follow = engine.answer("en in oktober?", engine.answer("geef een tabel van de gesprekken").context)
        assert follow.answered is False and follow.table is None
    finally:
        engine.close()


# ---------------------------------------------------------------------------------------------
# The layout of any table


@pytest.mark.parametrize(
    ("table", "text"),
    [
        (  # numbers right-aligned with Dutch marks, a gap as a dash, a rule above the footer
            Table("t", ("Maand", "2020"), (("mei", 38000), ("juni", None)), (("Totaal", Decimal("48.5")),)),
            "Maand     2020\n--------------\nmei     38.000\njuni         –\n--------------\nTotaal    48,5",
        ),
        (  # a long row label is wrapped when that makes the table fit
            Table("t", ("Soort", "2020"), (("een heel lange naam die niet op een regel past", "3%"),)),
            "Soort                               2020\n----------------------------------------\n"
            "een heel lange naam die niet op       3%\n  een regel past",
        ),
    ],
)
def test_render_text(table: Table, text: str) -> None:
    assert render_text(table) == text


def test_month_names_are_abbreviated_when_that_makes_it_fit() -> None:
    wide = Table("t", ("Maand", "a" * 10, "b" * 10, "c" * 10), (("september", 1, 2, 3),))
    first_line_of_body = render_text(wide).splitlines()[2]
    assert first_line_of_body.startswith("sep ")


def test_no_sql_in_the_presentation() -> None:
    """Figures are read in bot/data only: bot/present builds no query and calls no store."""
    for path in sorted((REPO / "bot" / "present").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                assert "SELECT" not in node.value.upper().split(), f"{path.name}: SQL text"
            if isinstance(node, ast.Attribute):
                assert node.attr not in ("query", "execute"), f"{path.name}:{node.lineno}: .{node.attr}"

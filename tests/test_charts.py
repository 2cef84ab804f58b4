"""bot/present/charts.py: the plotted figures are the database's, every chart renders, nothing heavy is
imported on the ask path.

Expected figures are read from the database here with plain SQL of their own, never written
into this file, so a corrected CSV (and rebuilt database) cannot make these tests lie.
"""

from __future__ import annotations

import importlib.util
import io
import math
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import MONTHS
from PIL import Image

from bot.data.resources import bundled_db_path
from bot.data.store import Store
from bot.model import ChartRequest
from bot.present import charts
from bot.present.tables import NoData

DB = bundled_db_path()


def exact(value: Any) -> Any:
    """A DECIMAL figure as the source gives it: 65 for Decimal("65.00"), else unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value.normalize()
    return value


def rows(sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(DB), read_only=True) as con:
        return [tuple(map(exact, r)) for r in con.execute(sql, params or []).fetchall()]


OVERALL_METRICS = [
    r[0] for r in rows("SELECT DISTINCT metric FROM monthly_figures WHERE helpline IS NULL ORDER BY metric")
]
REQUESTS = [
    *(ChartRequest("maanden", m) for m in OVERALL_METRICS),
    ChartRequest("maanden"),
    ChartRequest("bezoekers"),
    ChartRequest("doorverwijzingen"),
    ChartRequest("problematiek"),
]


def request_id(r: ChartRequest) -> str:
    return "-".join([r.kind, r.metric or "", *map(str, r.years)]).strip("-")


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    with Store(DB) as s:
        yield s


def metric_label(metric: str) -> tuple[str, str]:
    ((label, unit),) = rows("SELECT label, unit FROM metrics WHERE metric = ?", [metric])
    return label, unit


def per_month(metric: str, year: int) -> dict[int, int]:
    return dict(
        rows(
            "SELECT month, value FROM monthly_figures WHERE metric = ? AND helpline IS NULL AND year = ?",
            [metric, year],
        )
    )


def expected_source() -> str:
    ((kind, number, day, asked, answered),) = rows(
        "SELECT kind, number, date, asked_by, answered_by FROM sources "
        "WHERE source_id IN (SELECT DISTINCT source_id FROM monthly_figures)"
    )
    minister = answered.split(",")[0]
    return (
        f"Bron: {kind} nr. {number} van {day.day} {MONTHS[day.month - 1]} {day.year} van {asked}, "
        f"antwoord van minister {minister}."
    )


# ---------------------------------------------------------------------------------------------
# The data handed to the plot


@pytest.mark.parametrize("metric", OVERALL_METRICS)
def test_monthly_chart_is_the_database(store: Store, metric: str) -> None:
    data = charts.chart_data(store, ChartRequest("maanden", metric))
    years = [
        r[0]
        for r in rows(
            "SELECT DISTINCT year FROM monthly_figures WHERE metric = ? AND helpline IS NULL ORDER BY year",
            [metric],
        )
    ]
    months = sorted({m for y in years for m in per_month(metric, y)})
    assert data.kind == "maanden"
    assert data.years == tuple(years)
    assert data.x_labels == tuple(MONTHS[m - 1] for m in months)
    assert data.series == {str(y): tuple(per_month(metric, y).get(m) for m in months) for y in years}
    label, unit = metric_label(metric)
    assert data.title.lower().startswith(label.lower())
    assert data.y_label == f"Aantal {unit}"
    assert data.source == expected_source()


@pytest.mark.parametrize("metric", OVERALL_METRICS)
def test_monthly_chart_of_one_year(store: Store, metric: str) -> None:
    for (year,) in rows("SELECT DISTINCT year FROM monthly_figures WHERE metric = ?", [metric]):
        data = charts.chart_data(store, ChartRequest("maanden", metric, (year,)))
        assert list(data.series) == [str(year)]
        values = per_month(metric, year)
        assert data.series[str(year)] == tuple(values[m] for m in sorted(values))
        assert str(year) in data.title and data.file_stem.endswith(f"-{year}")


def test_monthly_chart_defaults_to_conversations(store: Store) -> None:
    assert charts.chart_data(store, ChartRequest("maanden")) == charts.chart_data(
        store, ChartRequest("maanden", "gesprekken")
    )


def test_monthly_chart_of_a_per_helpline_metric_sums_the_helplines(store: Store) -> None:
    data = charts.chart_data(store, ChartRequest("maanden", "doorverwijzingen"))
    sums = rows(
        "SELECT year, month, sum(value) FROM monthly_figures WHERE metric = 'doorverwijzingen' "
        "GROUP BY year, month ORDER BY year, month"
    )
    assert data.series == {
        str(y): tuple(v for yy, _, v in sums if yy == y) for y in sorted({y for y, _, _ in sums})
    }
    assert data.x_labels == tuple(MONTHS[m - 1] for _, m, _ in sums)


def test_caveats_are_the_chart_notes(store: Store) -> None:
    data = charts.chart_data(store, ChartRequest("maanden", "gesprekken"))
    expected = [t for (t,) in rows("SELECT text FROM caveats WHERE metric = 'gesprekken' ORDER BY caveat_id")]
    assert list(data.notes) == expected


def test_visitors_chart_is_the_database(store: Store) -> None:
    data = charts.chart_data(store, ChartRequest("bezoekers"))
    ((year,),) = rows("SELECT max(year) FROM monthly_figures WHERE metric = 'bezoekers_chatknop'")
    visitors = per_month("bezoekers_chatknop", year)
    talks = per_month("gesprekken", year)
    months = sorted(visitors)
    assert data.years == (year,)
    assert data.x_labels == tuple(MONTHS[m - 1] for m in months)
    visitors_label, talks_label = (metric_label(m)[0] for m in ("bezoekers_chatknop", "gesprekken"))
    assert [name.lower() for name in data.series] == [visitors_label.lower(), talks_label.lower()]
    assert list(data.series.values()) == [
        tuple(visitors[m] for m in months),
        tuple(talks.get(m) for m in months),
    ]


def test_referrals_chart_is_the_database(store: Store) -> None:
    data = charts.chart_data(store, ChartRequest("doorverwijzingen"))
    ((year,),) = rows("SELECT max(year) FROM monthly_figures WHERE metric = 'doorverwijzingen'")
    months = [
        m
        for (m,) in rows(
            "SELECT DISTINCT month FROM monthly_figures WHERE metric = "
            "'doorverwijzingen' AND year = ? ORDER BY month",
            [year],
        )
    ]
    expected = {}
    for helpline, label in rows("SELECT helpline, label FROM helplines"):
        values = dict(
            rows(
                "SELECT month, value FROM monthly_figures WHERE metric = 'doorverwijzingen' "
                "AND helpline = ? AND year = ?",
                [helpline, year],
            )
        )
        if values:
            expected[label] = tuple(values.get(m) for m in months)
    assert data.x_labels == tuple(MONTHS[m - 1] for m in months)
    assert data.series == expected
    totals = [sum(v or 0 for v in data.series[h]) for h in data.series]
    assert totals == sorted(totals, reverse=True), "biggest referrer first (bottom of the stack)"

    # The source prints totals per month and per helpline; the stacks must add up to them.
    printed = rows(
        "SELECT helpline, month_from, month_to, value FROM printed_totals WHERE "
        "metric = 'doorverwijzingen' AND aggregate = 'sum' AND year = ?",
        [year],
    )
    labels = dict(rows("SELECT helpline, label FROM helplines"))
    assert printed
    for helpline, first, last, value in printed:
        span = [i for i, m in enumerate(months) if first <= m <= last]
        names = [labels[helpline]] if helpline else list(data.series)
        assert sum(data.series[n][i] or 0 for n in names for i in span) == value


def test_problem_chart_is_the_database(store: Store) -> None:
    data = charts.chart_data(store, ChartRequest("problematiek"))
    ((year,),) = rows("SELECT max(year) FROM shares_figures WHERE dimension = 'problematiek'")
    expected = dict(
        rows(
            "SELECT c.label, s.percent FROM shares_figures s JOIN categories c ON "
            "c.dimension = s.dimension AND c.category = s.category "
            "WHERE s.dimension = 'problematiek' AND s.year = ?",
            [year],
        )
    )
    (values,) = data.series.values()
    assert dict(zip(data.x_labels, values, strict=True)) == expected
    assert list(values) == sorted(values, reverse=True)
    assert data.unit == "%" and data.years == (year,)


def test_chart_years_come_from_the_data(store: Store) -> None:
    for request in REQUESTS:
        data = charts.chart_data(store, request)
        for year in data.years:
            assert str(year) in data.title


@pytest.mark.parametrize(
    "request_",
    [
        ChartRequest("taartdiagram"),
        ChartRequest("maanden", "bestaat_niet"),
        ChartRequest("maanden", "gesprekken", (1999,)),
        ChartRequest("bezoekers", years=(1999,)),
        ChartRequest("doorverwijzingen", years=(1999,)),
        ChartRequest("problematiek", years=(1999,)),
    ],
    ids=request_id,
)
def test_no_data_is_an_error_not_an_empty_chart(store: Store, request_: ChartRequest) -> None:
    with pytest.raises(NoData):
        charts.chart_data(store, request_)


def test_source_line_comes_from_the_sources_table(store: Store) -> None:
    (source_id,) = rows("SELECT DISTINCT source_id FROM monthly_figures")[0]
    assert charts.source_line(store, {source_id}) == expected_source()
    assert charts.source_line(store, set()) == ""


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "label"),
    [
        (1234567, "", None, "1.234.567"),
        (999, "", None, "999"),
        (50, "%", None, "50%"),
        (12, "", "minstens", "≥12"),
        (None, "", None, ""),
    ],
)
def test_value_labels_are_dutch(value: int | None, unit: str, qualifier: str | None, label: str) -> None:
    data = charts.ChartData("maanden", "t", (), {}, "", "", unit=unit)
    assert data.value_label(value, qualifier) == label


# ---------------------------------------------------------------------------------------------
# Drawing


@pytest.mark.parametrize("request_", REQUESTS, ids=request_id)
def test_figure_draws_the_data(store: Store, request_: ChartRequest) -> None:
    data = charts.chart_data(store, request_)
    fig = charts._figure(data)
    ax = fig.axes[0]
    bars = ax.containers
    assert len(bars) == len(data.series)
    for container, values in zip(bars, data.series.values(), strict=True):
        if data.kind == "problematiek":
            drawn = [p.get_width() for p in container]
        else:
            drawn = [p.get_height() for p in container]
        if data.kind == "doorverwijzingen":
            expected = [float(v or 0) for v in values]
        else:
            expected = [math.nan if v is None else float(v) for v in values]
        assert drawn == pytest.approx(expected, nan_ok=True)
    # Every figure is written on its bar, the Dutch way (a zero slice of a stack has no room).
    texts = {t.get_text() for t in ax.texts}
    for name, values in data.series.items():
        labels = zip(values, data.value_labels(name), strict=True)
        assert {s for v, s in labels if v or (v == 0 and data.kind != "doorverwijzingen")} <= texts
    assert fig.get_suptitle().replace("\n", " ") == data.title
    assert data.source in fig.get_supxlabel()


@pytest.mark.parametrize("request_", REQUESTS, ids=request_id)
def test_every_chart_renders_a_phone_sized_png(store: Store, request_: ChartRequest) -> None:
    png = charts.render_png(store, request_)
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.format == "PNG"
        assert image.size == (charts.WIDTH_IN * charts.DPI, charts.HEIGHT_IN * charts.DPI)
        assert image.width >= 1000


def test_same_request_is_rendered_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[charts.ChartData] = []
    real = charts._render

    def counting(data: charts.ChartData) -> bytes:
        calls.append(data)
        return real(data)

    monkeypatch.setattr(charts, "_render", counting)
    with Store(DB) as fresh:  # a new store starts with an empty cache
        first = charts.render_png(fresh, ChartRequest("problematiek"))
        second = charts.render_png(fresh, ChartRequest("problematiek"))
        assert second is first
        assert len(calls) == 1
        charts.render_png(fresh, ChartRequest("bezoekers"))
        assert len(calls) == 2


def test_missing_matplotlib_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # makes `import matplotlib` fail
    with Store(DB) as fresh, pytest.raises(charts.ChartingUnavailable, match="matplotlib"):
        charts.render_png(fresh, ChartRequest("problematiek"))


def test_write_chart(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "nieuw" / "grafieken"
    request = ChartRequest("maanden", "gesprekken")
    path = charts.write_chart(store, request, target)
    years = [
        str(y)
        for (y,) in rows(
            "SELECT DISTINCT year FROM monthly_figures WHERE metric = 'gesprekken' ORDER BY year"
        )
    ]
    assert path == target / f"grafiek-gesprekken-{'-'.join(years)}.png"
    assert path.read_bytes() == charts.render_png(store, request)
    assert [p.name for p in target.iterdir()] == [path.name], "no temporary file left behind"


def test_file_names_tell_charts_apart(store: Store) -> None:
    stems = [charts.chart_data(store, r).file_stem for r in REQUESTS if r.metric]
    stems += [
        charts.chart_data(store, ChartRequest(k)).file_stem
        for k in ("bezoekers", "doorverwijzingen", "problematiek")
    ]
    stems.append(charts.chart_data(store, ChartRequest("maanden", "doorverwijzingen")).file_stem)
    assert len(stems) == len(set(stems))


# ---------------------------------------------------------------------------------------------
# Import cost: the ask path must not pay for matplotlib


@pytest.mark.parametrize(
    ("module", "charts_allowed"),
    [
        ("bot.edges.cli", False),
        ("bot.engine", False),
        ("bot.present.tables", False),
        ("bot.present.charts", True),
    ],
)
def test_matplotlib_is_imported_lazily(module: str, charts_allowed: bool) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} does not exist yet")
    check = "assert 'matplotlib' not in sys.modules, 'matplotlib'"
    if not charts_allowed:
        check += "; assert 'bot.present.charts' not in sys.modules, 'bot.present.charts'"
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}, sys; {check}"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_chart_drawn_in_a_child_process_is_the_same_and_cached(store: Store) -> None:
    # The bot draws charts in a short-lived child process (matplotlib's memory leaves with it).
    request = ChartRequest("problematiek")
    isolated = charts.render_png_isolated(store, request)
    assert isolated == charts.render_png(store, request)
    assert charts.render_png_isolated(store, request) is isolated  # the second time: cached


# ---------------------------------------------------------------------------------------------
# A second, fictional source (tests/fixtures/second_source)

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "second_source"


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from bot.data.build import build_database

    out = tmp_path_factory.mktemp("second") / "stats.duckdb"
    build_database(FIXTURE, out)
    with Store(out) as s:
        yield s


def second_rows(store: Store, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(store.path), read_only=True) as con:
        return [tuple(map(exact, r)) for r in con.execute(sql, params or []).fetchall()]


def test_a_revised_month_is_charted_once_and_noted(second: Store) -> None:
    data = charts.chart_data(second, ChartRequest("maanden", "gesprekken", (2020,)))
    ((month, value, previous, number, old_number),) = second_rows(
        second,
        "SELECT f.month, f.value, f.previous_value, s.number, p.number FROM monthly_figures f "
        "JOIN sources s ON s.source_id = f.source_id JOIN sources p ON p.source_id = f.previous_source_id "
        "WHERE f.revised AND f.metric = 'gesprekken'",
    )
    assert data.series["2020"][data.x_labels.index(MONTHS[month - 1])] == value
    assert f"nr. {number}" in data.source and f"nr. {old_number}" in data.source
    (note,) = [n for n in data.notes if "bijgesteld naar" in n]
    assert note == (
        f"{MONTHS[month - 1].capitalize()} 2020: bijgesteld naar {value}; "
        f"schriftelijke vraag nr. {old_number} gaf {previous}."
    )


def test_caveats_belong_to_their_own_source(second: Store) -> None:
    data = charts.chart_data(second, ChartRequest("maanden", "gesprekken", (2020,)))
    own = [t for (t,) in second_rows(second, "SELECT text FROM caveats WHERE metric = 'gesprekken'")]
    # The fictional source's September caveat applies to its revised September figure.
    assert [n for n in data.notes if n in own] == [
        t
        for (t,) in second_rows(
            second,
            "SELECT text FROM caveats WHERE metric = 'gesprekken' AND (year IS NULL OR year = 2020) "
            "ORDER BY caveat_id",
        )
    ]
    assert not any("maart 2019" in n for n in data.notes)  # 2019 is not shown


@pytest.mark.parametrize(
    ("caveat", "shown", "applies"),
    [
        # (source, year, month) of the caveat; (year, month, sources) of the figures shown
        (("a", None, None), [(2020, 1, {"a"})], True),
        (("a", None, None), [(2020, 1, {"b"})], False),  # another source's figure
        (("a", 2020, 3), [(2020, 1, {"a"}), (2019, 3, {"a"})], False),  # year and month apart
        (("a", 2020, 3), [(2020, 3, {"a", "b"})], True),  # a sum of both sources' figures
        (("a", 2020, None), [(2020, 12, {"a"})], True),
    ],
)
def test_which_caveats_apply(
    caveat: tuple[str, int | None, int | None], shown: list[tuple[int, int, set[str]]], applies: bool
) -> None:
    from bot.data.figures import Caveat, applicable_caveats

    found = [Caveat("c", caveat[0], caveat[1], caveat[2], "let op")]
    assert applicable_caveats(found, shown) == (("let op",) if applies else ())


def test_a_mean_is_charted_as_given(second: Store) -> None:
    data = charts.chart_data(second, ChartRequest("maanden", "gespreksduur"))
    ((label, unit),) = second_rows(second, "SELECT label, unit FROM metrics WHERE metric = 'gespreksduur'")
    values = second_rows(
        second, "SELECT month, value FROM monthly_figures WHERE metric = 'gespreksduur' ORDER BY month"
    )
    assert data.series == {"2020": tuple(v for _, v in values)}
    assert data.y_label == f"{label.capitalize()} ({unit})"
    assert data.value_labels("2020") == [str(v).replace(".", ",") for _, v in values]
    fig = charts._figure(data)
    drawn = [p.get_height() for p in fig.axes[0].containers[0]]
    assert drawn == [float(v) for _, v in values]


def test_a_mean_is_never_stacked(second: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.data import figures

    monkeypatch.setattr(charts, "REFERRALS", "gespreksduur")
    with pytest.raises(figures.NotSummable):
        charts.chart_data(second, ChartRequest("doorverwijzingen"))


def test_referrals_of_a_new_helpline_are_stacked(second: Store) -> None:
    data = charts.chart_data(second, ChartRequest("doorverwijzingen"))
    labels = {label for (label,) in second_rows(second, "SELECT label FROM helplines")}
    assert set(data.series) == labels
    fig = charts._figure(data)
    assert len(fig.axes[0].containers) == len(labels)

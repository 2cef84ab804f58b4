"""Charts for replies: the figures from the database (chart_data) and a PNG of them (render_png).

matplotlib takes about a second to import, so it is imported inside the drawing functions only;
importing this module stays cheap, and `hulplijnbot ask` does not import it at all unless a chart
is asked for. Figures are drawn with matplotlib's object API on the Agg canvas, never through
pyplot, so no global figure state builds up in a long-running bot.
"""

from __future__ import annotations

import io
import os
import tempfile
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from bot.data import figures
from bot.data.figures import Metric, MonthFigure, NoData
from bot.data.resources import sentence
from bot.errors import HulplijnbotError
from bot.model import ChartRequest
from bot.present import dutch
from bot.present.dutch import MONTH_ABBREVIATIONS, capitalize, month_name
from bot.present.dutch import MONTHS as MONTH_NAMES
from bot.present.tables import QUALIFIER_MARKS, pick_years

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.figure import Figure

    from bot.data.store import Store

__all__ = [
    "KINDS",
    "ChartData",
    "ChartingUnavailable",
    "NoData",
    "chart_data",
    "render_png",
    "source_line",
    "write_chart",
]

KINDS = ("maanden", "bezoekers", "doorverwijzingen", "problematiek")
DEFAULT_METRIC = "gesprekken"
VISITORS = "bezoekers_chatknop"
REFERRALS = "doorverwijzingen"

# 1200 x 800 px: wide enough to stay sharp when Telegram scales it to a phone screen.
WIDTH_IN, HEIGHT_IN, DPI = 12, 8, 100

_PALETTE = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096", "#b7791f")

Value = int | Decimal


class ChartingUnavailable(HulplijnbotError):
    """matplotlib (the optional `charts` extra) is not installed."""


@dataclass(frozen=True)
class ChartData:
    """Everything a chart shows. `series` maps a legend name to one value per x label (None:
    no figure for that month); `unit` is "%" for shares, else empty."""

    kind: str
    title: str
    x_labels: tuple[str, ...]
    series: dict[str, tuple[Value | None, ...]]
    y_label: str
    source: str
    x_label: str = ""
    unit: str = ""
    years: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    file_stem: str = "grafiek"
    # Per series, the source's qualifier of each value ("minstens", ...) where it gives one.
    qualifiers: dict[str, tuple[str | None, ...]] = field(default_factory=dict)

    def value_label(self, value: Value | None, qualifier: str | None = None) -> str:
        """A value as written on its bar: "1.234", "12%", "48,5", "≥12" (a lower bound);
        nothing for a missing figure."""
        if value is None:
            return ""
        text = dutch.percent(value) if self.unit == "%" else dutch.number(value)
        return QUALIFIER_MARKS.get(qualifier or "", "") + text

    def value_labels(self, name: str) -> list[str]:
        """The labels of one series' bars."""
        values = self.series[name]
        qualifiers = self.qualifiers.get(name) or (None,) * len(values)
        return [self.value_label(v, q) for v, q in zip(values, qualifiers, strict=True)]


# ---------------------------------------------------------------------------------------------
# Data: everything through bot.data.figures, the reading answers and tables use too


def chart_data(store: Store, request: ChartRequest) -> ChartData:
    """The figures, labels and source of the chart `request` asks for; NoData when the database
    has none (unknown kind or metric, a year without figures)."""
    build = _BUILDERS.get(request.kind)
    if build is None:
        raise NoData(sentence("chart_unknown", kind=request.kind, kinds=", ".join(KINDS)))
    return build(store, request)


def _axis_label(measure: Metric) -> str:
    # A count is "Aantal gesprekken"; an average is its own name with its unit.
    if measure.summed:
        return f"Aantal {measure.unit}"
    return f"{capitalize(measure.label)} ({measure.unit})"


def _monthly_chart(store: Store, request: ChartRequest) -> ChartData:
    metric = request.metric or DEFAULT_METRIC
    measure = figures.metric(store, metric)
    data = figures.monthly_totals(store, metric)
    years = pick_years((y for y, _ in data), request.years, measure.label)
    months = sorted({m for y, m in data if y in years})
    series = {str(y): tuple(_value(data.get((y, m))) for m in months) for y in years}
    qualifiers = {str(y): tuple(_qualifier(data.get((y, m))) for m in months) for y in years}
    used = {(y, m): data[(y, m)] for y in years for m in months if (y, m) in data}
    return ChartData(
        kind="maanden",
        title=sentence(
            "title_per_month_of", label=capitalize(measure.label), years=dutch.join([str(y) for y in years])
        ),
        x_labels=tuple(month_name(m) for m in months),
        series=series,
        x_label="Maand",
        y_label=_axis_label(measure),
        source=source_line(store, {s for f in used.values() for s in f.sources}),
        years=years,
        notes=_notes(store, measure, [(y, m, None, f) for (y, m), f in used.items()]),
        file_stem=_stem(metric, years),
        qualifiers=qualifiers,
    )


def _visitors_chart(store: Store, request: ChartRequest) -> ChartData:
    visitors_measure = figures.metric(store, VISITORS)
    talks_measure = figures.metric(store, DEFAULT_METRIC)
    visitors = figures.monthly_totals(store, VISITORS)
    talks = figures.monthly_totals(store, DEFAULT_METRIC)
    # One year: the visitors' (the latest asked for, or the latest there is).
    year = pick_years((y for y, _ in visitors), request.years, visitors_measure.label)[-1]
    months = sorted(m for y, m in visitors if y == year)
    visitors_label, talks_label = capitalize(visitors_measure.label), capitalize(talks_measure.label)
    series = {
        visitors_label: tuple(_value(visitors.get((year, m))) for m in months),
        talks_label: tuple(_value(talks.get((year, m))) for m in months),
    }
    qualifiers = {
        visitors_label: tuple(_qualifier(visitors.get((year, m))) for m in months),
        talks_label: tuple(_qualifier(talks.get((year, m))) for m in months),
    }
    used_visitors = {(year, m): f for m in months if (f := visitors.get((year, m)))}
    used_talks = {(year, m): f for m in months if (f := talks.get((year, m)))}
    used = [*used_visitors.values(), *used_talks.values()]
    return ChartData(
        kind="bezoekers",
        title=sentence("title_visitors_and", label=talks_measure.label, year=year),
        x_labels=tuple(month_name(m) for m in months),
        series=series,
        x_label="Maand",
        y_label="Aantal",
        source=source_line(store, {s for f in used for s in f.sources}),
        years=(year,),
        notes=(
            *_notes(store, visitors_measure, [(y, m, None, f) for (y, m), f in used_visitors.items()]),
            *_notes(store, talks_measure, [(y, m, None, f) for (y, m), f in used_talks.items()]),
        ),
        file_stem=_stem("bezoekers", (year,)),
        qualifiers=qualifiers,
    )


def _referrals_chart(store: Store, request: ChartRequest) -> ChartData:
    measure = figures.metric(store, REFERRALS)
    if not measure.summed:  # a stack adds its parts up
        raise figures.NotSummable(sentence("chart_not_stacked", label=measure.label))
    by_helpline = {h: f for h, f in figures.monthly_by_helpline(store, REFERRALS).items() if h is not None}
    year = pick_years((y for f in by_helpline.values() for y, _ in f), request.years, measure.label)[-1]
    months = sorted({m for f in by_helpline.values() for y, m in f if y == year})
    labels = figures.helpline_labels(store)
    rows = {h: tuple(_value(f.get((year, m))) for m in months) for h, f in by_helpline.items()}
    quals = {h: tuple(_qualifier(f.get((year, m))) for m in months) for h, f in by_helpline.items()}
    shown = {h: [f for m in months if (f := by_helpline[h].get((year, m)))] for h in by_helpline}
    # The biggest referrer at the bottom of each stack, as in the source's own ranking.
    order = sorted(
        (h for h in rows if any(rows[h])),
        key=lambda h: (-figures.total(measure, shown[h]).value, labels.get(h, h)),
    )
    used = [f for h in order for f in shown[h]]
    return ChartData(
        kind="doorverwijzingen",
        title=sentence("title_per_month_of", label=capitalize(measure.label), years=year),
        x_labels=tuple(month_name(m) for m in months),
        series={labels.get(h, h): rows[h] for h in order},
        x_label="Maand",
        y_label=f"Aantal {measure.unit}",
        source=source_line(store, {s for f in used for s in f.sources}),
        years=(year,),
        notes=_notes(
            store,
            measure,
            [(year, m, h, f) for h in order for m in months if (f := by_helpline[h].get((year, m)))],
        ),
        file_stem=_stem(f"{REFERRALS}-per-hulplijn", (year,)),
        qualifiers={labels.get(h, h): quals[h] for h in order},
    )


def _shares_chart(store: Store, request: ChartRequest) -> ChartData:
    dimension = "problematiek"
    by_year = figures.shares_by_year(store, dimension)
    year = pick_years(by_year, request.years, dimension)[-1]
    rows = by_year[year]
    # The source's share table names no year; say so, as the caveats do for the monthly tables.
    notes: tuple[str, ...] = ()
    if any(r.year_basis == "context" for r in rows):
        notes = (sentence("chart_year_from_context", year=year),)
    return ChartData(
        kind="problematiek",
        title=f"Problematiek (in %), {year}",
        x_labels=tuple(r.label for r in rows),
        series={str(year): tuple(r.percent for r in rows)},
        x_label="Aandeel (%)",
        y_label="",
        unit="%",
        source=source_line(store, {r.source_id for r in rows}),
        years=(year,),
        notes=notes,
        file_stem=_stem(dimension, (year,)),
    )


_BUILDERS = {
    "maanden": _monthly_chart,
    "bezoekers": _visitors_chart,
    "doorverwijzingen": _referrals_chart,
    "problematiek": _shares_chart,
}


def source_line(store: Store, source_ids: Sequence[str] | set[str]) -> str:
    """ "Bron: <kind> nr. <number> van <date> (Vlaams Parlement)", from the sources table;
    several sources are joined with "; "."""
    return dutch.source_line(figures.sources(store, source_ids))


def _notes(
    store: Store, measure: Metric, shown: Sequence[tuple[int, int, str | None, MonthFigure]]
) -> tuple[str, ...]:
    """The caveats of the sources of the figures shown (year, month, helpline or None for a
    figure of all helplines, figure), then a line per shown figure a newer source revised: a
    chart of 66 says that 65 was the figure before."""
    cells = [(y, m, f.sources) for y, m, _, f in shown]
    notes = list(figures.applicable_caveats(figures.caveats(store, measure.metric), cells))
    revised = [
        r
        for r in figures.revisions(store, measure.metric)
        if any(
            (y, m) == (r.year, r.month) and h in (None, r.helpline) and r.source_id in f.sources
            for y, m, h, f in shown
        )
    ]
    if revised:
        names = {s.source_id: s for s in figures.sources(store, {r.previous_source_id for r in revised})}
        for r in revised:
            before = names[r.previous_source_id]
            where = f" ({r.helpline})" if r.helpline else ""
            notes.append(
                f"{capitalize(dutch.period_label(r.year, [r.month]))}{where}: bijgesteld naar "
                f"{dutch.number(r.value)}; {_document(before)} gaf {dutch.number(r.previous_value)}."
            )
    return tuple(notes)


def _document(source: figures.Source) -> str:
    return source.kind + (f" nr. {source.number}" if source.number is not None else "")


def _value(figure: MonthFigure | None) -> Value | None:
    if figure is None:
        return None
    return int(figure.value) if figure.value == int(figure.value) else figure.value


def _qualifier(figure: MonthFigure | None) -> str | None:
    return None if figure is None else figure.qualifier


def _stem(name: str, years: Sequence[int]) -> str:
    return "-".join(["grafiek", name.replace("_", "-"), *(str(y) for y in years)])


# ---------------------------------------------------------------------------------------------
# Drawing

_TITLE_SIZE, _BASE_SIZE, _VALUE_SIZE, _FOOT_SIZE = 22, 17, 15, 14

# Rendered PNGs per store (a test may open a second database) and request; the data never
# changes while a store is open. One lock: matplotlib is not thread-safe.
_png_cache: WeakKeyDictionary[Store, dict[ChartRequest, bytes]] = WeakKeyDictionary()
_render_lock = threading.Lock()


def render_png(store: Store, request: ChartRequest) -> bytes:
    """The chart as a 1200 x 800 PNG; a repeated request is served from the cache."""
    with _render_lock:
        per_store = _png_cache.setdefault(store, {})
        png = per_store.get(request)
        if png is None:
            png = per_store[request] = _render(chart_data(store, request))
        return png


_isolated_cache: dict[tuple[str, ChartRequest], bytes] = {}


def render_png_isolated(store: Store, request: ChartRequest, timeout: float = 120.0) -> bytes:
    """render_png in a short-lived child process, for a long-running bot: plotting takes some
    50 MB (matplotlib) that the bot would otherwise keep for good. The PNG is cached here, so a
    chart is drawn once; the child opens the same database read-only."""
    import concurrent.futures
    import multiprocessing

    key = (str(store.path), request)
    with _render_lock:
        cached = _isolated_cache.get(key)
    if cached is not None:
        return cached
    context = multiprocessing.get_context("spawn")  # a fresh interpreter, not a fork of the bot
    with concurrent.futures.ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        png = pool.submit(_render_in_child, str(store.path), request).result(timeout=timeout)
    with _render_lock:
        _isolated_cache[key] = png
    return png


def _render_in_child(db_path: str, request: ChartRequest) -> bytes:
    from bot.data.store import Store

    with Store(db_path) as store:
        return render_png(store, request)


def write_chart(store: Store, request: ChartRequest, directory: Path) -> Path:
    """Write the chart as DIRECTORY/grafiek-<what>-<years>.png (the folder is created when
    needed) and return its path. The file appears whole or not at all."""
    png = render_png(store, request)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{chart_data(store, request).file_stem}.png"
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".grafiek-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(png)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _render(data: ChartData) -> bytes:
    buf = io.BytesIO()
    _figure(data).savefig(buf, format="png", dpi=DPI)
    return buf.getvalue()


def _figure(data: ChartData) -> Figure:
    """The matplotlib figure of a chart (separate from _render so tests can read the bars)."""
    try:
        import matplotlib
    except ImportError:  # an optional dependency: say how to get it, at the CLI too
        raise ChartingUnavailable("grafieken vragen matplotlib: pip install 'hulplijnbot[charts]'") from None

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI, layout="constrained")
    ax = fig.add_subplot()
    ax.tick_params(labelsize=_BASE_SIZE - 1)
    value_axis: Axis
    if data.kind == "problematiek":
        _draw_horizontal(ax, data)
        value_axis = ax.xaxis
    elif data.kind == "doorverwijzingen":
        _draw_stacked(ax, data)
        value_axis = ax.yaxis
    else:
        _draw_grouped(ax, data)
        value_axis = ax.yaxis
    value_axis.set_major_locator(MaxNLocator(integer=True))
    value_axis.set_major_formatter(FuncFormatter(lambda v, _: data.value_label(round(v))))

    ax.set_xlabel(data.x_label, fontsize=_BASE_SIZE)
    ax.set_ylabel(data.y_label, fontsize=_BASE_SIZE)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if len(data.series) > 1:
        # One legend row when the names are short (helplines), else two columns at most.
        n = len(data.series)
        ncols = n if sum(len(s) + 6 for s in data.series) <= 80 else min(n, 2)
        ax.legend(
            loc="lower left", bbox_to_anchor=(0, 1.01), ncols=ncols, frameon=False, fontsize=_BASE_SIZE - 1
        )

    fig.suptitle(textwrap.fill(data.title, 55), fontsize=_TITLE_SIZE, fontweight="bold")
    footer = [textwrap.fill(n, 105) for n in data.notes] + [data.source]
    fig.supxlabel("\n".join(footer), x=0.01, ha="left", fontsize=_FOOT_SIZE, color="#444444")
    return fig


def _month_ticks(ax: Axes, labels: Sequence[str]) -> None:
    # Full month names fit side by side up to about nine months at this width.
    short = dict(zip(MONTH_NAMES, MONTH_ABBREVIATIONS, strict=True))
    shown = labels if len(labels) <= 9 else [short.get(label, label) for label in labels]
    ax.set_xticks(range(len(labels)), shown, fontsize=_BASE_SIZE - 2)
    # A chart of one or two months would otherwise get bars as wide as the picture.
    pad = max(0.0, (4 - len(labels)) / 2)
    ax.set_xlim(-0.6 - pad, len(labels) - 0.4 + pad)


def _draw_grouped(ax: Axes, data: ChartData) -> None:
    n = len(data.series)
    width = 0.8 / n
    # matplotlib computes in floats; the labels keep the exact figures.
    top = max((float(v) for vals in data.series.values() for v in vals if v is not None), default=0.0)
    for i, (name, values) in enumerate(data.series.items()):
        xs = [x - 0.4 + width * (i + 0.5) for x in range(len(data.x_labels))]
        bars = ax.bar(
            xs,
            [float("nan") if v is None else float(v) for v in values],
            width * 0.95,
            label=name,
            color=_PALETTE[i % len(_PALETTE)],
        )
        ax.bar_label(
            bars,
            labels=data.value_labels(name),
            padding=3,
            fontsize=_VALUE_SIZE if n <= 2 else _VALUE_SIZE - 3,
        )
    ax.set_ylim(0, max(top, 1) * 1.12)
    ax.grid(axis="y", color="#dddddd")
    ax.set_axisbelow(True)
    _month_ticks(ax, data.x_labels)


def _draw_stacked(ax: Axes, data: ChartData) -> None:
    xs = list(range(len(data.x_labels)))
    bottom = [0.0] * len(xs)
    totals: list[Value] = [0] * len(xs)  # exact, for the labels on top
    for i, (name, values) in enumerate(data.series.items()):
        heights = [float(v or 0) for v in values]
        totals = [t + (v or 0) for t, v in zip(totals, values, strict=True)]
        bars = ax.bar(xs, heights, 0.7, bottom=bottom, label=name, color=_PALETTE[i % len(_PALETTE)])
        # Label a segment inside it; a zero segment has no room and nothing to say.
        labels = [text if v else "" for v, text in zip(values, data.value_labels(name), strict=True)]
        ax.bar_label(
            bars,
            labels=labels,
            label_type="center",
            color="white",
            fontsize=_VALUE_SIZE - 1,
            fontweight="bold",
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    for x, total, height in zip(xs, totals, bottom, strict=True):
        ax.annotate(
            data.value_label(total),
            (x, height),
            xytext=(0, 4),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=_VALUE_SIZE,
            fontweight="bold",
        )
    ax.set_ylim(0, max([*bottom, 1]) * 1.12)
    ax.grid(axis="y", color="#dddddd")
    ax.set_axisbelow(True)
    _month_ticks(ax, data.x_labels)


def _draw_horizontal(ax: Axes, data: ChartData) -> None:
    (values,) = data.series.values()
    # Largest share on top: barh draws the first bar at the bottom.
    ys = list(range(len(values)))[::-1]
    bars = ax.barh(ys, [float(v or 0) for v in values], 0.65, color=_PALETTE[0])
    ax.bar_label(
        bars,
        labels=[data.value_label(v) for v in values],
        padding=5,
        fontsize=_VALUE_SIZE + 1,
        fontweight="bold",
    )
    ax.set_yticks(ys, [textwrap.fill(label, 26) for label in data.x_labels])
    ax.set_xlim(0, max([*(float(v or 0) for v in values), 1.0]) * 1.15)
    ax.grid(axis="x", color="#dddddd")
    ax.set_axisbelow(True)

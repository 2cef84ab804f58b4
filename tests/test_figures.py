"""bot/data/figures.py: sums only what adds up, reads the *_figures tables, and keeps figures exact."""

from __future__ import annotations

import shutil
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from bot.data import figures
from bot.data.build import build_database
from bot.data.figures import Metric, MonthFigure, NotSummable
from bot.data.store import Store

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "second_source"


def measure(aggregation: str) -> Metric:
    return Metric("m", "iets", "stuks", "iets", "stuk", aggregation)


A = MonthFigure(Decimal("48.5"), None, ("a",))
B = MonthFigure(Decimal("51.25"), "minstens", ("b",))


def test_a_sum_adds_up_exactly() -> None:
    total = figures.total(measure("sum"), [A, B])
    assert total == MonthFigure(Decimal("99.75"), "minstens", ("a", "b"))
    assert figures.average_per_month(measure("sum"), [A, B]) == Fraction(399, 8)


@pytest.mark.parametrize("aggregation", ["mean", "none"])
def test_what_does_not_add_up_is_never_summed(aggregation: str) -> None:
    with pytest.raises(NotSummable):
        figures.total(measure(aggregation), [A, B])
    with pytest.raises(NotSummable):
        figures.average_per_month(measure(aggregation), [A, B])


@pytest.mark.parametrize(
    ("qualifiers", "merged"),
    [
        ([None, None], None),
        ([None, "minstens"], "minstens"),
        (["meer dan", None], "minstens"),  # more than 3 plus 4 is at least 7
        (["minstens", "ongeveer"], "ongeveer"),
    ],
)
def test_the_qualifier_of_a_sum(qualifiers: list[str | None], merged: str | None) -> None:
    assert figures.merge_qualifiers(qualifiers) == merged


def test_a_mean_given_per_helpline_has_no_overall_figure(tmp_path: Path) -> None:
    src = Path(shutil.copytree(FIXTURE, tmp_path / "source", ignore=shutil.ignore_patterns("*.md")))
    monthly = src / "monthly.csv"
    lines = monthly.read_text(encoding="utf-8").splitlines()
    # The average conversation length, now given per helpline only.
    lines = [line.replace("fictief-2021,gespreksduur,,", "fictief-2021,gespreksduur,awel,") for line in lines]
    monthly.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "stats.duckdb"
    build_database(src, out)
    with Store(out) as store:
        assert figures.monthly_by_helpline(store, "gespreksduur").keys() == {"awel"}
        with pytest.raises(NotSummable):
            figures.monthly_totals(store, "gespreksduur")


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("second") / "stats.duckdb"
    build_database(FIXTURE, out)
    return out


def test_the_newest_figure_holds_and_the_revision_is_known(second: Path) -> None:
    with Store(second) as store:
        september = figures.monthly_totals(store, "gesprekken")[(2020, 9)]
        (revision,) = figures.revisions(store, "gesprekken")
        rows = store.query(
            "SELECT value, source_id FROM monthly WHERE metric = 'gesprekken' AND year = 2020 AND month = 9 "
            "ORDER BY value"
        )
    old, new = rows
    assert september == MonthFigure(new["value"], None, (new["source_id"],))
    assert (revision.value, revision.source_id) == (new["value"], new["source_id"])
    assert (revision.previous_value, revision.previous_source_id) == (old["value"], old["source_id"])


def test_sources_are_read_with_their_url(second: Path) -> None:
    with Store(second) as store:
        found = figures.sources(store, ["fictief-2021", "sv808-2020", "sv808-2020"])
    assert [s.source_id for s in found] == ["sv808-2020", "fictief-2021"]  # oldest first, once
    assert found[0].url is None and found[1].url == "https://example.org/fictieve-bron-9999"


def test_an_unknown_metric_is_no_data(second: Path) -> None:
    with Store(second) as store, pytest.raises(figures.NoData):
        figures.metric(store, "wachttijd")

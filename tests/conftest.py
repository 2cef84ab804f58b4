"""Shared fixtures for the engine tests: one Engine per test module, and the expected figures
read straight from the database (a test never writes a source figure as a literal)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from bot.edges.batch import answer_turns
from bot.edges.evaluate import Case, load_cases
from bot.engine import Engine
from bot.model import Answer

REPO = Path(__file__).resolve().parent.parent
DB = REPO / "data" / "stats.duckdb"
INTENTS = REPO / "intents"

# Numbers in replies that name something rather than count it: the document numbers and the
# helplines called by their phone number.
NAME_NUMBERS = frozenset({808, 466, 1712, 1813})
YEAR_RANGE = range(2000, 2100)

_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:\.\d{3})+(?![\d]|[.,]\d)|(?<![\d.,])\d+(?:,\d+)?(?![\d])")


def numbers_in(text: str) -> set[float]:
    """Numbers written with digits, read the Dutch way: 4.321 is 4321, 12,5 is 12.5."""
    found: set[float] = set()
    for m in _NUMBER.finditer(text):
        token = m.group(0).replace(".", "").replace(",", ".")
        found.add(float(token))
    return found


def dutch_number(value: int) -> str:
    """12000 → '12.000' (written here, not taken from bot.present.dutch, so the two can disagree)."""
    return f"{value:,}".replace(",", ".")


def exact(value: Any) -> int | Decimal:
    """A figure as the source gives it: 65 for 65.00, Decimal("48.5") for 48.50."""
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else number.normalize()


def half_up(total: int, count: int) -> int:
    """The average as the source prints it: rounded half away from zero."""
    return int((Decimal(total) / Decimal(count)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


# The month names, written out here rather than imported, so that the tests do not take the
# bot's own word for them.
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


class Figures:
    """Read-only look-ups in data/stats.duckdb, independent of the bot's own queries.

    Figures are read through the *_figures tables, the one reading build-db makes (per
    observation the newest source's figure), as the bot reads them; a figure replaced by a
    newer source is therefore never summed with its replacement."""

    MONTHS = MONTHS

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        return self.con.execute(sql, list(params)).fetchall()

    # -- monthly figures --------------------------------------------------------------

    def months(self, metric: str, year: int, helpline: str | None = None) -> list[int]:
        return [
            r[0]
            for r in self.rows(
                "SELECT DISTINCT month FROM monthly_figures WHERE metric = ? AND year = ? "
                "AND (?::VARCHAR IS NULL OR helpline = ?) ORDER BY month",
                metric,
                year,
                helpline,
                helpline,
            )
        ]

    def years(self, metric: str) -> list[int]:
        return [
            r[0]
            for r in self.rows(
                "SELECT DISTINCT year FROM monthly_figures WHERE metric = ? ORDER BY year", metric
            )
        ]

    def latest_year(self, metric: str) -> int:
        return self.years(metric)[-1]

    def total(
        self, metric: str, year: int, months: Iterable[int] | None = None, helpline: str | None = None
    ) -> int | Decimal:
        """Sum over the months (all months of the year the data has when None), over all
        helplines unless one is named. Fails when a month has no figure."""
        wanted = list(months) if months is not None else self.months(metric, year, helpline)
        have = set(self.months(metric, year, helpline))
        assert wanted and set(wanted) <= have, f"no {metric} for {year} {wanted} in the data"
        (value, count) = self.rows(
            "SELECT sum(value), count(*) FROM monthly_figures WHERE metric = ? AND year = ? "
            "AND list_contains(?, month) AND (?::VARCHAR IS NULL OR helpline = ?)",
            metric,
            year,
            wanted,
            helpline,
            helpline,
        )[0]
        # An average (aggregation `mean`) or a `none` measure has no total: never add one up.
        assert count == 1 or self.aggregation(metric) == "sum", f"{metric} does not add up"
        return exact(value)

    def aggregation(self, metric: str) -> str:
        """sum, mean or none, as metrics.csv declares it."""
        return str(self.rows("SELECT aggregation FROM metrics WHERE metric = ?", metric)[0][0])

    def value(self, metric: str, year: int, month: int, helpline: str | None = None) -> int | Decimal:
        return self.total(metric, year, [month], helpline)

    def average(self, metric: str, year: int, months: Iterable[int] | None = None) -> int:
        wanted = list(months) if months is not None else self.months(metric, year)
        return half_up(self.total(metric, year, wanted), len(wanted))

    def per_month(self, metric: str, year: int, months: Iterable[int] | None = None) -> dict[int, int]:
        wanted = list(months) if months is not None else self.months(metric, year)
        return {m: self.value(metric, year, m) for m in wanted}

    def extreme(self, metric: str, year: int, highest: bool) -> tuple[list[int], int]:
        """(months with the highest or lowest figure, that figure)."""
        series = self.per_month(metric, year)
        edge = max(series.values()) if highest else min(series.values())
        return [m for m, v in series.items() if v == edge], edge

    def by_helpline(self, metric: str, year: int, months: Iterable[int] | None = None) -> dict[str, int]:
        """Helpline label → total over the months."""
        wanted = list(months) if months is not None else self.months(metric, year)
        return {
            label: exact(total)
            for label, total in self.rows(
                "SELECT h.label, sum(m.value) FROM monthly_figures AS m JOIN helplines AS h "
                "ON h.helpline = m.helpline WHERE m.metric = ? AND m.year = ? "
                "AND list_contains(?, m.month) GROUP BY h.label",
                metric,
                year,
                wanted,
            )
        }

    def helpline_metrics(self) -> list[str]:
        return [
            r[0]
            for r in self.rows(
                "SELECT DISTINCT metric FROM monthly_figures WHERE helpline IS NOT NULL ORDER BY 1"
            )
        ]

    # -- other tables -----------------------------------------------------------------

    def yearly(self, metric: str, year: int) -> tuple[int, str | None] | None:
        found = self.rows(
            "SELECT value, qualifier FROM yearly_figures WHERE metric = ? AND year = ?", metric, year
        )
        return (exact(found[0][0]), found[0][1]) if found else None

    def printed_average(self, metric: str, year: int) -> tuple[int, list[int]] | None:
        """The average per month the source prints, and the months it covers."""
        found = self.rows(
            "SELECT value, month_from, month_to FROM printed_totals WHERE metric = ? "
            "AND year = ? AND aggregate = 'avg' AND helpline IS NULL",
            metric,
            year,
        )
        if not found:
            return None
        value, first, last = found[0]
        return exact(value), list(range(first, last + 1))

    def share(self, dimension: str, category: str) -> tuple[int, int]:
        """(year, percent) of the most recent share of a category."""
        year, percent = self.rows(
            "SELECT year, percent FROM shares_figures WHERE dimension = ? AND category = ? "
            "ORDER BY year DESC LIMIT 1",
            dimension,
            category,
        )[0]
        return int(year), int(percent)

    def weekly(self, metric: str) -> list[tuple[Any, Any, int]]:
        return [
            (s, e, exact(v))
            for s, e, v in self.rows(
                "SELECT week_start, week_end, value FROM weekly_figures WHERE metric = ? ORDER BY 1", metric
            )
        ]

    def fact_value(self, fact_id: str) -> int:
        return int(self.rows("SELECT value FROM facts WHERE fact_id = ?", fact_id)[0][0])

    def data_numbers(self) -> set[float]:
        """Every figure the data holds (counts, totals, percentages, fact values), years and
        name numbers left out: none of these may appear in a refusal."""
        values: set[float] = set()
        for sql in (
            "SELECT value FROM monthly_figures",
            "SELECT value FROM yearly_figures",
            "SELECT value FROM printed_totals",
            "SELECT value FROM weekly_figures",
            "SELECT percent FROM shares_figures",
            # A figure a newer source replaced may be quoted beside the new one ("808 gaf 65").
            "SELECT previous_value FROM monthly_figures WHERE revised",
            "SELECT previous_value FROM yearly_figures WHERE revised",
            "SELECT previous_value FROM weekly_figures WHERE revised",
            "SELECT previous_value FROM shares_figures WHERE revised",
            "SELECT value FROM facts WHERE value IS NOT NULL AND unit <> 'jaar'",
        ):
            values |= {float(r[0]) for r in self.rows(sql)}
        return {v for v in values if int(v) not in YEAR_RANGE and int(v) not in NAME_NUMBERS}

    def month_name(self, month: int) -> str:
        return self.MONTHS[month - 1]

    # -- checks on replies ------------------------------------------------------------

    @staticmethod
    def has(text: str, value: int) -> bool:
        """The reply shows this whole number, written the Dutch way (4.321, not 4321)."""
        return re.search(rf"(?<![\d.,]){re.escape(dutch_number(value))}(?![\d]|[.,]\d)", text) is not None

    def figures_given(self, answer: Answer, question: str = "") -> set[float]:
        """Data figures in a reply that the question did not itself contain."""
        return (numbers_in(answer.full_text()) & self.data_numbers()) - numbers_in(question)


@pytest.fixture(scope="session")
def figures() -> Iterator[Figures]:
    con = duckdb.connect(str(DB), read_only=True)
    try:
        yield Figures(con)
    finally:
        con.close()


# data/source plus one invented document (tests/fixtures/second_source/README.md).
SECOND_SOURCE = REPO / "tests" / "fixtures" / "second_source"
FICTIONAL_SOURCE = "fictief-2021"


@pytest.fixture(scope="session")
def second_source_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The database built from tests/fixtures/second_source (808 and a fictional newer source)."""
    from bot.data.build import build_database

    out = tmp_path_factory.mktemp("second_source") / "stats.duckdb"
    build_database(SECOND_SOURCE, out)
    return out


@pytest.fixture(scope="session")
def second_figures(second_source_db: Path) -> Iterator[Figures]:
    """The oracle over the second-source database, read through the same *_figures tables."""
    con = duckdb.connect(str(second_source_db), read_only=True)
    try:
        yield Figures(con)
    finally:
        con.close()


class ErrorLog(logging.Handler):
    """What the bot logs at ERROR (the engine's 'answer failed', the handlers' errors)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(scope="module")
def errors() -> Iterator[ErrorLog]:
    handler = ErrorLog()
    logger = logging.getLogger("bot")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


@pytest.fixture(scope="module")
def real_engine() -> Iterator[Engine]:
    """An engine of its own, for tests whose `engine` fixture wraps it."""
    engine = Engine.open()
    yield engine
    engine.close()


# The held-out sets (and the shared development set, where it is at hand): test_heldout judges
# their replies and test_replies reads their Dutch, from one run over them.
CASE_SETS = sorted((REPO / "tests" / "cases").glob("*.jsonl"))
DEV_SET = REPO.parent / "shared" / "eval" / "dev.jsonl"
if DEV_SET.is_file():
    CASE_SETS.append(DEV_SET)


_WORKER_ENGINE: list[Engine] = []  # the one engine of a worker process, opened at its first set


def _answer_set(path: Path) -> list[tuple[Case, Answer]]:
    """Every case of one set with the answer to its last turn, in a worker process."""
    if not _WORKER_ENGINE:
        _WORKER_ENGINE.append(Engine.open(DB))
    return [(case, answer_turns(_WORKER_ENGINE[0], list(case.turns))) for case in load_cases(path)[0]]


@pytest.fixture(scope="session")
def answered_sets() -> Iterator[dict[Path, list[tuple[Case, Answer]]]]:
    """Every case of every set with the answer to its last turn, each a fresh conversation as
    `ask --jsonl` answers it (answered once for the session: the sets are the slowest input, so
    they are shared out over one process per core; "spawn", as a fork of a process with threads
    is deprecated). Each answer depends on its own turns only, so the split changes none."""
    workers = max(1, min(len(os.sched_getaffinity(0)), 4))
    if workers == 1:
        yield {path: _answer_set(path) for path in CASE_SETS}
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        answered = dict(zip(CASE_SETS, pool.map(_answer_set, CASE_SETS, chunksize=4), strict=True))
    yield answered


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    """One engine per test module (opening one reads the intents and builds the matcher)."""
    eng = Engine.open(DB)
    try:
        yield eng
    finally:
        eng.close()


def assert_sourced_answer(answer: Answer) -> None:
    """An answered figure reply: answered, with the source (question nr. 808) given."""
    assert answer.answered is True, answer.full_text()
    assert answer.source is not None and "808" in answer.source, answer.source
    assert "808" in answer.text, answer.text


@pytest.fixture(scope="session")
def sourced() -> Any:
    """The check every answered figure reply must pass (a fixture, so tests need no import
    from conftest)."""
    return assert_sourced_answer

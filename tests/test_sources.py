"""A second source, as data only (tests/fixtures/second_source, fictional): its revised figure
is the one answered and the revision is said; its mean measure is never summed and carries its
unit; its opening hours hold from their own date; each source's caveats stay with its figures.
Expected figures are read through the same views the bot reads (the `second_figures` oracle)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import Figures, numbers_in

from bot.engine import Engine
from bot.model import Answer


@pytest.fixture(scope="module")
def engine2(second_source_db: Path) -> Iterator[Engine]:
    engine = Engine.open(second_source_db)
    yield engine
    engine.close()


def ask(engine: Engine, question: str) -> Answer:
    return engine.answer(question, None)


def revised_month(figures: Figures) -> tuple[int, int, int, int]:
    """(year, month, new value, old value) of the one revised figure of the fixture."""
    ((year, month, value, previous),) = figures.rows(
        "SELECT year, month, value, previous_value FROM monthly_figures WHERE revised"
    )
    return int(year), int(month), int(value), int(previous)


def test_the_revised_figure_is_answered_and_the_revision_said(
    engine2: Engine, second_figures: Figures
) -> None:
    year, month, value, previous = revised_month(second_figures)
    ans = ask(engine2, f"hoeveel gesprekken in {second_figures.month_name(month)} {year}?")
    assert ans.answered, ans.text
    assert second_figures.has(ans.text, value) and second_figures.has(ans.text, previous), ans.text
    assert "Bijgesteld" in ans.text and "9999" in ans.text  # the newer source is cited
    assert ans.text.index(str(value)) < ans.text.index(str(previous))  # the answer first


def test_totals_use_the_newest_figure_not_the_sum_of_both(engine2: Engine, second_figures: Figures) -> None:
    year, _, _, previous = revised_month(second_figures)
    total = second_figures.total("gesprekken", year)
    ans = ask(engine2, f"hoeveel gesprekken in heel {year}?")
    assert second_figures.has(ans.text, total), ans.text
    assert not second_figures.has(ans.text, total + previous), ans.text  # never both sources


@pytest.mark.parametrize(
    ("question", "holds"),
    [
        ("klopt het dat er {value} gesprekken waren in {month} {year}?", True),
        ("klopt het dat er {previous} gesprekken waren in {month} {year}?", False),
    ],
)
def test_a_claim_is_checked_against_the_newest_figure(
    engine2: Engine, second_figures: Figures, question: str, holds: bool
) -> None:
    year, month, value, previous = revised_month(second_figures)
    text = question.format(value=value, previous=previous, month=second_figures.month_name(month), year=year)
    ans = ask(engine2, text)
    assert ans.text.startswith("Dat klopt:" if holds else "Dat klopt niet:"), ans.text


def test_one_source_by_its_number(engine2: Engine, second_figures: Figures) -> None:
    year, month, value, previous = revised_month(second_figures)
    ans = ask(engine2, f"volgens vraag 808, hoeveel gesprekken in {second_figures.month_name(month)} {year}?")
    assert second_figures.has(ans.text, previous) and not second_figures.has(ans.text, value), ans.text
    assert "808" in (ans.source or "") and "9999" not in (ans.source or "")


def test_an_unknown_source_number_is_refused(engine2: Engine) -> None:
    ans = ask(engine2, "volgens vraag 1234, hoeveel gesprekken in mei 2020?")
    assert not ans.answered and "1234" in ans.text


def mean_months(figures: Figures) -> list[tuple[int, int, str]]:
    return [
        (int(y), int(m), str(v))
        for y, m, v in figures.rows(
            "SELECT year, month, value FROM monthly_figures WHERE metric = 'gespreksduur' "
            "ORDER BY year, month"
        )
    ]


def test_a_mean_measure_is_shown_with_its_unit_and_decimals(engine2: Engine, second_figures: Figures) -> None:
    for year, month, value in mean_months(second_figures):
        ans = ask(engine2, f"gemiddelde gespreksduur {second_figures.month_name(month)} {year}")
        shown = value.rstrip("0").rstrip(".").replace(".", ",")
        assert f"{shown} minuten" in ans.text, ans.text


@pytest.mark.parametrize(
    "question",
    [
        "totale gespreksduur in het vierde kwartaal van {year}",
        "gemiddelde gespreksduur over {year}, gemiddeld",
    ],
)
def test_a_mean_measure_is_never_summed_or_averaged(
    engine2: Engine, second_figures: Figures, question: str
) -> None:
    months = mean_months(second_figures)
    year = months[0][0]
    ans = ask(engine2, question.format(year=year))
    total = sum(float(v) for _, _, v in months)
    assert total not in numbers_in(ans.text), ans.text
    assert round(total / len(months), 1) not in numbers_in(ans.text), ans.text


@pytest.mark.parametrize(
    ("question", "sunday"),
    [
        ("is de chat open op zondag in februari 2021?", True),
        ("is de chat open op zondag in november 2020?", False),
        ("wanneer is de chat open in maart 2021?", True),
        ("wanneer was de chat open in oktober 2020?", False),
    ],
)
def test_opening_hours_hold_from_their_own_date(engine2: Engine, question: str, sunday: bool) -> None:
    """Each source's hours for the dates they hold (hours without a start date: from the date
    of their source; before it they are not known, see test_behaviour)."""
    ans = ask(engine2, question)
    assert ans.answered, ans.text
    open_on_sunday = "zondag is de chat open" in ans.text or "zondag van" in ans.text
    assert open_on_sunday is sunday, ans.text
    assert ("9999" in (ans.source or "")) is sunday, ans.source


def test_a_caveat_stays_with_its_own_source(engine2: Engine, second_figures: Figures) -> None:
    (caveat,) = second_figures.rows("SELECT text FROM caveats WHERE caveat_id = 'bezoekers_jaar_context'")[0]
    newer = second_figures.rows(
        "SELECT year, month FROM monthly_figures WHERE metric = 'bezoekers_chatknop' "
        "AND source_id = 'fictief-2021' ORDER BY year, month LIMIT 1"
    )[0]
    older = second_figures.rows(
        "SELECT year, month FROM monthly_figures WHERE metric = 'bezoekers_chatknop' "
        "AND source_id = 'sv808-2020' ORDER BY year, month LIMIT 1"
    )[0]
    words = caveat.lower().split(",")[0]
    new_answer = ask(engine2, f"hoeveel bezoekers in {second_figures.month_name(newer[1])} {newer[0]}?")
    old_answer = ask(engine2, f"hoeveel bezoekers in {second_figures.month_name(older[1])} {older[0]}?")
    assert words not in new_answer.text.lower(), new_answer.text
    assert words in old_answer.text.lower(), old_answer.text


def test_the_new_helpline_is_answered_with_its_own_months(engine2: Engine, second_figures: Figures) -> None:
    year = second_figures.latest_year("doorverwijzingen")
    total = second_figures.total("doorverwijzingen", year, None, "tele-onthaal")
    ans = ask(engine2, "hoeveel doorverwijzingen kwamen er van Tele-Onthaal?")
    assert ans.answered and second_figures.has(ans.text, total), ans.text

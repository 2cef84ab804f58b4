"""Numbers written as words: every number a question can write in words is read as its digits,
and the answers that use a number (claims, thresholds, years) read it the same way."""

from __future__ import annotations

import pytest
from conftest import MONTHS, Figures, numbers_in

from bot.engine import Engine

# Written here, not taken from the lexicon, so that the reader and the writer can disagree.
_UNITS = ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"]
_TEENS = [
    "tien",
    "elf",
    "twaalf",
    "dertien",
    "veertien",
    "vijftien",
    "zestien",
    "zeventien",
    "achttien",
    "negentien",
]
_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]


def in_words(n: int) -> str:
    """Dutch spelling of 1..9999 as one word, accents already folded ("drieentwintig")."""
    if n >= 1000:
        head, rest = divmod(n, 1000)
        return ("" if head == 1 else in_words(head)) + "duizend" + (in_words(rest) if rest else "")
    if n >= 100:
        head, rest = divmod(n, 100)
        return ("" if head == 1 else _UNITS[head]) + "honderd" + (in_words(rest) if rest else "")
    if n < 10:
        return _UNITS[n]
    if n < 20:
        return _TEENS[n - 10]
    tens, unit = divmod(n, 10)
    return (f"{_UNITS[unit]}en" if unit else "") + _TENS[tens]


@pytest.mark.parametrize("n", [*range(13, 200), 250, 333, 440, 658, 999, 1000, 1234, 2019, 2020, 38000 // 10])
def test_every_number_word_is_read_as_its_digits(engine: Engine, n: int) -> None:
    assert engine.normalizer.normalize(f"meer dan {in_words(n)} gesprekken") == f"meer dan {n} gesprekken"


@pytest.mark.parametrize("word", ["een", "twee", "drie", "zes", "tien", "twaalf"])
def test_small_counts_keep_their_words(engine: Engine, word: str) -> None:
    """ "de drie maanden", "top drie", the article "een": other parts read these words."""
    assert engine.normalizer.normalize(f"de {word} maanden") == f"de {word} maanden"


@pytest.mark.parametrize(
    ("written", "year"),
    [
        ("tweeduizend twintig", 2020),
        ("tweeduizend en negentien", 2019),
        ("tweeduizendtwintig", 2020),
        ("twintig negentien", 2019),
        ("twintig twintig", 2020),
    ],
)
def test_a_year_in_words_is_one_year(engine: Engine, written: str, year: int) -> None:
    assert engine.normalizer.normalize(f"in mei {written}") == f"in mei {year}"


@pytest.mark.parametrize("word", ["honderden", "duizendpoot", "tientallen", "eenentwintigste"])
def test_words_that_only_contain_a_number_stay_words(engine: Engine, word: str) -> None:
    assert engine.normalizer.normalize(word, correct=False) == word


def _claims(figures: Figures) -> list[tuple[str, int, int]]:
    return [
        (MONTHS[month - 1], year, figures.value("gesprekken", year, month))  # type: ignore[misc]
        for year in figures.years("gesprekken")
        for month in figures.months("gesprekken", year)
    ]


def test_a_claim_in_words_is_checked_like_one_in_digits(engine: Engine, figures: Figures) -> None:
    """Direction: the true figure in words is confirmed, one more is denied; never another figure."""
    for month, year, value in _claims(figures):
        true = engine.answer(f"klopt het dat er in {month} {year} {in_words(value)} gesprekken waren?")
        false = engine.answer(f"klopt het dat er in {month} {year} {in_words(value + 1)} gesprekken waren?")
        assert true.answered and true.text.startswith("Dat klopt:"), true.text
        assert false.answered and false.text.startswith("Dat klopt niet"), false.text
        assert value in numbers_in(false.text)


def test_a_threshold_in_words_lists_the_months_above_it(engine: Engine, figures: Figures) -> None:
    for year in figures.years("gesprekken"):
        values = [figures.value("gesprekken", year, m) for m in figures.months("gesprekken", year)]
        limit = sorted(values)[len(values) // 2]
        reply = engine.answer(f"welke maanden van {year} hadden meer dan {in_words(int(limit))} gesprekken?")
        above = {v for v in values if v > limit}
        assert reply.answered, reply.text
        assert above <= numbers_in(reply.text), reply.text
        assert not {v for v in values if v < limit} & numbers_in(reply.text), reply.text

"""bot.present.csv: a Table as the CSV Flemish Excel opens correctly (`;`, decimal comma, BOM,
CRLF, figures without a thousands dot, the source on the last line)."""

from __future__ import annotations

import csv
import io
import os
import stat
from decimal import Decimal
from pathlib import Path

import pytest

from bot.model import Cell, Table
from bot.present.csv import cell_text, file_name, render_csv, write_csv

SOURCE = "Bron: schriftelijke vraag nr. 808 van 22 september 2020 van Katrien Schryvers."

MONTHS = Table(
    title="Chatgesprekken, per maand.",
    header=("Maand", "2019", "2020"),
    rows=(("januari", 56, 60), ("maart", "> 330", 89), ("oktober", None, None)),
    footer=(("Totaal", 38000, 658), ("Gem./maand", Decimal("48.9"), Decimal("73.1"))),
    source=SOURCE,
)


def read_back(data: bytes) -> list[list[str]]:
    """The rows as Excel's import sees them: BOM dropped, `;` fields."""
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def test_the_file_is_utf8_with_bom_and_crlf() -> None:
    data = render_csv(MONTHS)
    assert data.startswith(b"\xef\xbb\xbf")  # without it Excel reads "ë" as "Ã«"
    assert data.count(b"\r\n") == data.count(b"\n") == 1 + 3 + 2 + 1  # header, rows, footer, source
    assert data.endswith(b"\r\n")


def test_rows_footer_and_source_in_order() -> None:
    rows = read_back(render_csv(MONTHS))
    assert rows == [
        ["Maand", "2019", "2020"],
        ["januari", "56", "60"],
        ["maart", "> 330", "89"],
        ["oktober", "", ""],
        ["Totaal", "38000", "658"],  # no thousands dot: Excel would read 38.000 as 38
        ["Gem./maand", "48,9", "73,1"],  # decimal comma for a Belgian locale
        [SOURCE],
    ]


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (None, ""),
        (0, "0"),
        (38000, "38000"),
        (-12, "-12"),
        (Decimal("48.9"), "48,9"),
        (Decimal("1E+3"), "1000"),  # never scientific notation
        (Decimal("0.05"), "0,05"),
        ("≥ 10", "≥ 10"),  # a qualified figure stays text
    ],
)
def test_cell_text(cell: Cell, text: str) -> None:
    assert cell_text(cell) == text


def test_a_source_without_bron_gets_it_and_a_semicolon_is_quoted() -> None:
    table = Table(title="t", header=("a", "b"), rows=(("x", 1),), source="vraag 808; antwoord")
    data = render_csv(table).decode("utf-8-sig")
    assert data.splitlines()[-1] == '"Bron: vraag 808; antwoord"'
    assert read_back(render_csv(table))[-1] == ["Bron: vraag 808; antwoord"]


def test_no_source_no_source_line() -> None:
    table = Table(title="t", header=("a",), rows=(("x",),))
    assert read_back(render_csv(table)) == [["a"], ["x"]]


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Chatgesprekken, per maand.", "chatgesprekken-per-maand.csv"),
        ("Doorverwijzingen — één hulplijn", "doorverwijzingen-een-hulplijn.csv"),
        ("!!!", "tabel.csv"),  # nothing left of the title
    ],
)
def test_file_name(title: str, name: str) -> None:
    assert file_name(Table(title=title, header=(), rows=())) == name


def test_write_csv_creates_the_folder_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "nieuw" / "csv"
    path = write_csv(MONTHS, folder)
    assert path == folder / "chatgesprekken-per-maand.csv"
    assert path.read_bytes() == render_csv(MONTHS)
    assert [p.name for p in folder.iterdir()] == [path.name]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask  # the user's file, not a private one

"""A table answer as a CSV file that Flemish Excel opens correctly with a double click.

Excel in a Belgian-Dutch locale expects `;` between fields and a decimal comma, and reads a
file as UTF-8 only when it starts with a byte order mark (without it, "ë" becomes "Ã«"). So:
`;`-separated, CRLF line ends, UTF-8 with BOM, figures as plain numbers (38000, 48,9: a
thousands dot would turn 38.000 into 38 in Excel), the header on the first line (so sorting
and filtering see it as the header), and the source on a last line "Bron: ...". No "sep=;"
line: with one, Excel ignores the BOM.
"""

from __future__ import annotations

import csv
import io
import os
import re
import secrets
import unicodedata
from decimal import Decimal
from pathlib import Path

from bot.model import Cell, Table

ENCODING = "utf-8-sig"  # UTF-8 with the byte order mark Excel looks for
SOURCE_PREFIX = "Bron: "
_SLUG_LIMIT = 60


def cell_text(cell: Cell) -> str:
    """One cell as Excel reads it: 38000, 48,9, text as is, nothing for an empty cell."""
    if cell is None:
        return ""
    if isinstance(cell, Decimal):
        return format(cell, "f").replace(".", ",")  # "f": never 1E+3
    if isinstance(cell, int):
        return str(cell)
    return cell


def source_line(table: Table) -> str | None:
    """The last line of the file, "Bron: ...", or None when the table names no source."""
    if not table.source or not table.source.strip():
        return None
    source = table.source.strip()
    return source if source.lower().startswith("bron:") else SOURCE_PREFIX + source


def render_csv(table: Table) -> bytes:
    """The whole file: header, rows, footer rows, then the source line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.header)
    for row in (*table.rows, *table.footer):
        writer.writerow(cell_text(cell) for cell in row)
    source = source_line(table)
    if source is not None:
        writer.writerow([source])  # quoted by csv when the source holds a ";"
    return buffer.getvalue().encode(ENCODING)


def file_name(table: Table) -> str:
    """A file name from the table's title: "Chatgesprekken, per maand." → chatgesprekken-per-maand.csv."""
    folded = unicodedata.normalize("NFKD", table.title.lower())
    ascii_only = "".join(c for c in folded if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:_SLUG_LIMIT].rstrip("-")
    return f"{slug or 'tabel'}.csv"


def write_csv(table: Table, directory: Path) -> Path:
    """Write the table into DIRECTORY (created when needed) and return the file's path.

    The file appears whole or not at all, so a reader never opens half a table.
    """
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / file_name(table)
    # Not tempfile.mkstemp: its files are private (0600); a user's table follows the umask.
    tmp = directory / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        with tmp.open("xb") as fh:
            fh.write(render_csv(table))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path

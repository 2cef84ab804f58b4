"""Build the statistics database from the CSV sources, checked against schema.toml.

`build_database` reads every table that schema.toml declares from `<table>.csv` beside it,
checks every cell, every key and every reference, then the rules across rows of
bot.data.checks (aliases, revisions, printed totals, yearly figures, opening hours); only then
does it write the database. The first problem stops the build with a SourceDataError naming
file, line and problem. The new database is written to a temporary file next to the target and
moved over it in one step, so a failed build never leaves a half-written or changed database
behind.

Besides one table per CSV, the database holds the one reading of the figures: for every table
that declares a `figure` column, a view `<table>_figures` with, per observation, the figure of
the newest source (figures_view_sql). Nothing here names a table: a table added to schema.toml,
with its CSV, is built like the others.

An unchanged rebuild writes nothing: the SHA-256 of schema.toml, the CSV files and the build
code is stored in the table build_info, and a target that already carries the same fingerprint
is left byte for byte as it was (DuckDB writes different bytes for the same contents).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import hashlib
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from bot.data import checks
from bot.data.checks import round_half_away
from bot.errors import DatabaseUnavailable, SourceDataError

__all__ = [
    "BUILD_INFO",
    "Column",
    "Record",
    "Table",
    "build_database",
    "database_contents",
    "figures_view_sql",
    "fingerprint",
    "load_schema",
    "read_sources",
    "read_table",
    "round_half_away",
]

SCHEMA_FILE = "schema.toml"
TYPES = ("VARCHAR", "INTEGER", "DECIMAL", "DOUBLE", "DATE")
# DECIMAL figures are stored exactly. At most two decimals: three digits after a point is how a
# Dutch document writes a thousands mark (38.000), and a build must refuse that, not guess.
DECIMAL_SQL = "DECIMAL(18,2)"
DECIMAL_PLACES = 2
_NUMERIC = ("INTEGER", "DECIMAL", "DOUBLE")
FIGURES_SUFFIX = "_figures"
BUILD_INFO = "build_info"
# The columns every figures view adds to those of its table.
READING_COLUMNS = ("source_date", "revised", "previous_value", "previous_source_id")

_TABLE_KEYS = frozenset({"description", "key", "order", "columns", "figure"})
_COLUMN_KEYS = frozenset({"type", "required", "min", "max", "choices", "ref", "pattern", "alias_list"})
# Names end up in SQL text, so they are restricted to what needs no quoting rules.
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")
_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT32 = (-(2**31), 2**31 - 1)  # DuckDB's INTEGER
_DECIMAL_LIMIT = Decimal(10) ** (18 - DECIMAL_PLACES)
# What a figures view needs of the table its `source_id` refers to.
_SOURCE_KEY, _SOURCE_DATE = "source_id", "date"


class _Problem(Exception):
    """A cell breaks its column's rule; the caller adds file, line and column."""


@dataclass(frozen=True)
class Column:
    """One column of schema.toml, with its rules already parsed."""

    name: str
    type: str
    required: bool = True
    min: Any = None
    max: Any = None
    choices: tuple[Any, ...] | None = None
    ref: tuple[str, str] | None = None
    pattern: re.Pattern[str] | None = None
    alias_list: bool = False  # |-separated words that name this row; no two rows may share one

    @property
    def sql_type(self) -> str:
        """The column's type in DuckDB."""
        return DECIMAL_SQL if self.type == "DECIMAL" else self.type

    def parse(self, text: str) -> Any:
        """The typed value of one CSV cell (None for an empty optional cell)."""
        if text == "":
            if self.required:
                raise _Problem("empty, but a value is required")
            return None
        value = _convert(self.type, text)
        if self.pattern is not None and not self.pattern.fullmatch(text):
            raise _Problem(f"{text!r} does not match the pattern {self.pattern.pattern}")
        if self.choices is not None and value not in self.choices:
            allowed = ", ".join(str(c) for c in self.choices)
            raise _Problem(f"{text!r} is not one of: {allowed}")
        too_low = self.min is not None and value < self.min
        too_high = self.max is not None and value > self.max
        if too_low or too_high:
            if self.min is not None and self.max is not None:
                raise _Problem(f"{text} is not between {self.min} and {self.max}")
            if too_low:
                raise _Problem(f"{text} is less than the minimum {self.min}")
            raise _Problem(f"{text} is more than the maximum {self.max}")
        return value


@dataclass(frozen=True)
class Table:
    """One table of schema.toml; `figure` names the column holding its figure, if it has one."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    order: tuple[str, ...]
    figure: str | None = None

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def figures_view(self) -> str:
        """The name of the view with the one reading of this table's figures."""
        return f"{self.name}{FIGURES_SUFFIX}"

    @property
    def observation(self) -> tuple[str, ...]:
        """What one figure is about: the key without the source."""
        return tuple(k for k in self.key if k != _SOURCE_KEY)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def index(self, name: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.name == name)

    def rows(self, records: Sequence[Record]) -> list[tuple[int, dict[str, Any]]]:
        """(line, {column: value}) for each record, for checks that read columns by name."""
        names = [c.name for c in self.columns]
        return [(r.line, dict(zip(names, r.values, strict=True))) for r in records]


@dataclass(frozen=True)
class Record:
    """A checked CSV row: the line it starts on and its values in schema column order."""

    line: int
    values: tuple[Any, ...]


def _convert(type_: str, text: str) -> Any:
    if type_ == "VARCHAR":
        return text
    if type_ == "INTEGER":
        if not _INTEGER.fullmatch(text):
            raise _Problem(f"{text!r} is not a whole number")
        value = int(text)
        if not _INT32[0] <= value <= _INT32[1]:
            raise _Problem(f"{text} is too large for an INTEGER")
        return value
    if type_ == "DECIMAL":
        if not _DECIMAL.fullmatch(text):
            raise _Problem(f"{text!r} is not a number (write a decimal point, no thousands mark)")
        decimals = len(text.partition(".")[2])
        if decimals > DECIMAL_PLACES:
            raise _Problem(
                f"{text!r} has {decimals} digits after the point (at most {DECIMAL_PLACES}; "
                "write 38000, not 38.000)"
            )
        number = Decimal(text)
        if abs(number) >= _DECIMAL_LIMIT:
            raise _Problem(f"{text} is too large for a DECIMAL")
        return number
    if type_ == "DOUBLE":
        if not _DOUBLE.fullmatch(text):
            raise _Problem(f"{text!r} is not a number (write a decimal point, no thousands mark)")
        return float(text)
    if type_ == "DATE":
        try:
            if not _DATE.fullmatch(text):
                raise ValueError
            return dt.date.fromisoformat(text)
        except ValueError:
            raise _Problem(f"{text!r} is not a date (YYYY-MM-DD)") from None
    raise AssertionError(type_)


# --- schema.toml ------------------------------------------------------------------------------


def load_schema(source_dir: Path) -> list[Table]:
    """The tables declared in `source_dir`/schema.toml, in the order they are declared."""
    path = source_dir / SCHEMA_FILE
    try:
        with path.open("rb") as f:
            doc = tomllib.load(f)
    except FileNotFoundError:
        raise SourceDataError(f"{SCHEMA_FILE} not found in {source_dir}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as ex:
        raise SourceDataError(f"{SCHEMA_FILE}: invalid TOML: {ex}") from None

    def fail(where: str, problem: str) -> SourceDataError:
        return SourceDataError(f"{SCHEMA_FILE}: {where}: {problem}")

    extra = set(doc) - {"tables"}
    if extra:
        raise fail("top level", f"unknown key(s) {', '.join(sorted(extra))}")
    raw_tables = doc.get("tables")
    if not isinstance(raw_tables, dict) or not raw_tables:
        raise fail("top level", "no [tables.NAME] declared")

    tables: list[Table] = []
    for name, raw in raw_tables.items():
        where = f"table {name!r}"
        if not _NAME.fullmatch(name):
            raise fail(where, "a table name is lower case letters, digits and _")
        if name == BUILD_INFO or name.endswith(FIGURES_SUFFIX):
            raise fail(
                where, f"the name {BUILD_INFO} and names ending in {FIGURES_SUFFIX} are build-db's own"
            )
        if not isinstance(raw, dict):
            raise fail(where, "not a table")
        unknown = set(raw) - _TABLE_KEYS
        if unknown:
            raise fail(where, f"unknown key(s) {', '.join(sorted(unknown))}")
        description = raw.get("description", "")
        if not isinstance(description, str):
            raise fail(where, "description is not a string")
        raw_columns = raw.get("columns")
        if not isinstance(raw_columns, dict) or not raw_columns:
            raise fail(where, "no columns declared")
        columns = tuple(_load_column(where, c, spec, fail) for c, spec in raw_columns.items())
        names = [c.name for c in columns]
        key_order: dict[str, tuple[str, ...]] = {}
        for table_key in ("key", "order"):
            value = raw.get(table_key)
            if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
                raise fail(where, f"{table_key} must be a non-empty list of column names")
            for v in value:
                if v not in names:
                    raise fail(where, f"{table_key} names unknown column {v!r}")
            if len(set(value)) != len(value):
                raise fail(where, f"{table_key} names a column twice")
            key_order[table_key] = tuple(value)
        figure = raw.get("figure")
        if figure is not None and (not isinstance(figure, str) or figure not in names):
            raise fail(where, f"figure must name one of its columns, not {figure!r}")
        tables.append(Table(name, description, columns, key_order["key"], key_order["order"], figure))

    by_name = {t.name: t for t in tables}
    for table in tables:
        for col in table.columns:
            if col.ref is None:
                continue
            where = f"table {table.name!r}, column {col.name!r}"
            target_table, target_column = col.ref
            target = by_name.get(target_table)
            if target is None or target_column not in {c.name for c in target.columns}:
                raise fail(where, f"ref {target_table}.{target_column} names no declared column")
            if target.column(target_column).type != col.type:
                raise fail(where, f"ref {target_table}.{target_column} has another type")
        if table.figure is not None:
            _check_figure_table(table, by_name, fail)
    return tables


def _check_figure_table(
    table: Table, by_name: dict[str, Table], fail_at: Callable[[str, str], SourceDataError]
) -> None:
    """A figures view ranks a table's rows by the date of their source: it needs a source."""
    assert table.figure is not None

    def fail(problem: str) -> SourceDataError:
        return fail_at(f"table {table.name!r}", problem)

    figure = table.column(table.figure)
    if figure.type not in _NUMERIC or not figure.required:
        raise fail(f"figure {figure.name!r} must be a required {', '.join(_NUMERIC)} column")
    names = {c.name for c in table.columns}
    ref = table.column(_SOURCE_KEY).ref if _SOURCE_KEY in names else None
    if _SOURCE_KEY not in table.key or ref is None or ref[1] != _SOURCE_KEY:
        raise fail(f"a table with a figure needs {_SOURCE_KEY!r} in its key, as a ref to the sources")
    sources = by_name[ref[0]]
    if _SOURCE_DATE not in {c.name for c in sources.columns} or sources.column(_SOURCE_DATE).type != "DATE":
        raise fail(f"its sources table {sources.name!r} needs a DATE column {_SOURCE_DATE!r}")
    if not table.observation:
        raise fail(f"its key must name what a figure is about besides {_SOURCE_KEY!r}")


def _load_column(
    table_where: str, name: str, spec: Any, fail: Callable[[str, str], SourceDataError]
) -> Column:
    where = f"{table_where}, column {name!r}"
    if not _NAME.fullmatch(name):
        raise fail(where, "a column name is lower case letters, digits and _")
    if not isinstance(spec, dict):
        raise fail(where, "not a table of column keys")
    unknown = set(spec) - _COLUMN_KEYS
    if unknown:
        raise fail(where, f"unknown key(s) {', '.join(sorted(unknown))}")
    type_ = spec.get("type")
    if type_ not in TYPES:
        raise fail(where, f"type must be one of {', '.join(TYPES)}, not {type_!r}")
    required = spec.get("required", True)
    if not isinstance(required, bool):
        raise fail(where, "required must be true or false")
    alias_list = spec.get("alias_list", False)
    if not isinstance(alias_list, bool) or (alias_list and type_ != "VARCHAR"):
        raise fail(where, "alias_list must be true or false, on a VARCHAR column")

    def typed(key: str, value: Any) -> Any:
        # TOML gives ints, floats, strings or dates; the column's own parser decides.
        if isinstance(value, bool) or not isinstance(value, int | float | str | dt.date):
            raise fail(where, f"{key} {value!r} does not fit type {type_}")
        try:
            return _convert(type_, str(value))
        except _Problem as ex:
            raise fail(where, f"{key}: {ex}") from None

    bounds = {}
    for bound in ("min", "max"):
        if bound in spec:
            if type_ == "VARCHAR":
                raise fail(where, f"{bound} needs a number or date column")
            bounds[bound] = typed(bound, spec[bound])
    choices = None
    if "choices" in spec:
        raw_choices = spec["choices"]
        if not isinstance(raw_choices, list) or not raw_choices:
            raise fail(where, "choices must be a non-empty list")
        choices = tuple(typed("choice", c) for c in raw_choices)
    ref = None
    if "ref" in spec:
        raw_ref = spec["ref"]
        if not isinstance(raw_ref, str) or raw_ref.count(".") != 1:
            raise fail(where, 'ref must be "table.column"')
        ref_table, ref_column = raw_ref.split(".")
        ref = (ref_table, ref_column)
    pattern = None
    if "pattern" in spec:
        if not isinstance(spec["pattern"], str):
            raise fail(where, "pattern must be a string")
        try:
            pattern = re.compile(spec["pattern"])
        except re.error as ex:
            raise fail(where, f"pattern is not a regular expression: {ex}") from None
    return Column(
        name, type_, required, bounds.get("min"), bounds.get("max"), choices, ref, pattern, alias_list
    )


# --- the CSV files ----------------------------------------------------------------------------


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line the row starts on, cells) for each non-blank row, the header included."""
    name = path.name
    try:
        with path.open(newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f, strict=True)
            start = 1
            try:
                for cells in reader:
                    line, start = start, reader.line_num + 1
                    if cells:
                        yield line, cells
            except csv.Error as ex:
                raise SourceDataError(f"{name} line {reader.line_num}: bad CSV: {ex}") from None
    except FileNotFoundError:
        raise SourceDataError(f"{name}: file not found in {path.parent}") from None
    except UnicodeDecodeError:
        raise SourceDataError(f"{name}: not UTF-8 text") from None


def read_table(source_dir: Path, table: Table) -> list[Record]:
    """The rows of `table`'s CSV, each cell checked against its column (references not yet)."""
    rows = _csv_rows(source_dir / table.file)
    first = next(rows, None)
    if first is None:
        raise SourceDataError(f"{table.file}: empty file, the first line must be the header")
    header_line, header = first

    def fail(line: int, problem: str) -> SourceDataError:
        return SourceDataError(f"{table.file} line {line}: {problem}")

    declared = [c.name for c in table.columns]
    for name in header:
        if header.count(name) > 1:
            raise fail(header_line, f"column {name!r} appears twice in the header")
    for name in declared:
        if name not in header:
            raise fail(header_line, f"missing column {name!r}")
    for name in header:
        if name not in declared:
            raise fail(header_line, f"unexpected column {name!r} (not in {SCHEMA_FILE})")
    # The CSV may order its columns freely; values are kept in schema order.
    positions = [header.index(name) for name in declared]

    records: list[Record] = []
    seen: dict[tuple[Any, ...], int] = {}
    key_at = [table.index(k) for k in table.key]
    for line, cells in rows:
        if len(cells) != len(header):
            raise fail(line, f"{len(cells)} cells, but the header has {len(header)} columns")
        values = []
        for col, pos in zip(table.columns, positions, strict=True):
            try:
                values.append(col.parse(cells[pos]))
            except _Problem as ex:
                raise fail(line, f"column {col.name!r}: {ex}") from None
        key = tuple(values[i] for i in key_at)
        if key in seen:
            raise fail(line, f"duplicate of line {seen[key]}: the same {', '.join(table.key)}")
        seen[key] = line
        records.append(Record(line, tuple(values)))
    return records


def check_references(tables: Sequence[Table], data: dict[str, list[Record]]) -> None:
    """Every `ref` value occurs in the column it points to."""
    by_name = {t.name: t for t in tables}
    for table in tables:
        for i, col in enumerate(table.columns):
            if col.ref is None:
                continue
            target = by_name[col.ref[0]]
            j = target.index(col.ref[1])
            known = {r.values[j] for r in data[target.name]}
            for record in data[table.name]:
                value = record.values[i]
                if value is not None and value not in known:
                    raise SourceDataError(
                        f"{table.file} line {record.line}: column {col.name!r}: {value!r} is "
                        f"not a {col.ref[1]} in {target.file}"
                    )


def read_sources(source_dir: Path) -> tuple[list[Table], dict[str, list[Record]]]:
    """The schema and every table's checked rows; SourceDataError at the first problem."""
    if not source_dir.is_dir():
        raise SourceDataError(f"source folder not found: {source_dir}")
    tables = load_schema(source_dir)
    declared = {t.file for t in tables}
    for path in sorted(source_dir.glob("*.csv")):
        # A CSV nobody declared would silently never reach the database.
        if path.name not in declared:
            raise SourceDataError(f"{path.name}: no table {path.stem!r} in {SCHEMA_FILE}")
    data = {t.name: read_table(source_dir, t) for t in tables}
    check_references(tables, data)
    checks.run_checks(tables, data)
    return tables, data


# --- the database -----------------------------------------------------------------------------

# Everything a build depends on besides the source folder: a change here is a new fingerprint.
_BUILD_CODE = (Path(__file__), Path(checks.__file__))


def fingerprint(source_dir: Path, tables: Sequence[Table]) -> str:
    """SHA-256 over schema.toml, every table's CSV and the build code: what a build is made of."""
    digest = hashlib.sha256()
    files = [(f.name, f) for f in (source_dir / SCHEMA_FILE, *(source_dir / t.file for t in tables))]
    files += [(f"build:{f.name}", f) for f in _BUILD_CODE]
    for name, path in files:
        content = path.read_bytes()
        # Name and length first, so no two different file sets give the same stream of bytes.
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def _stored_fingerprint(path: Path) -> str | None:
    """The fingerprint `path` was built with; None when it is missing, foreign or unreadable."""
    if not path.is_file():
        return None
    try:
        con = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return None
    try:
        row = con.execute(f'SELECT fingerprint FROM "{BUILD_INFO}"').fetchone()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return str(row[0]) if row else None


def figures_view_sql(table: Table, sources: str) -> str:
    """CREATE VIEW <table>_figures: the one reading of a table's figures.

    One row per observation (the key without source_id): the row of the newest source by its
    date (ties, which build-db allows only for equal figures, go to the first source_id), with
    every column of the table plus source_date; revised, previous_value and previous_source_id
    tell whether an older source gave another figure, and which: the newest such one.
    """
    assert table.figure is not None
    obs = [f'"{c}"' for c in table.observation]
    figure = f'"{table.figure}"'

    def same(a: str, b: str) -> str:
        # NULL is a value here: a figure not split by helpline is one observation.
        return " AND ".join(f"{a}.{c} IS NOT DISTINCT FROM {b}.{c}" for c in obs)

    return f"""CREATE VIEW "{table.figures_view}" AS
WITH ranked AS (
    SELECT t.*, s."{_SOURCE_DATE}" AS source_date,
           row_number() OVER (
               PARTITION BY {", ".join(f"t.{c}" for c in obs)}
               ORDER BY s."{_SOURCE_DATE}" DESC, t."{_SOURCE_KEY}") AS _rank
    FROM "{table.name}" AS t JOIN "{sources}" AS s ON s."{_SOURCE_KEY}" = t."{_SOURCE_KEY}"
),
newest AS (SELECT * FROM ranked WHERE _rank = 1),
replaced AS (
    SELECT {", ".join(f"n.{c}" for c in obs)}, o.{figure} AS previous_value,
           o."{_SOURCE_KEY}" AS previous_source_id,
           row_number() OVER (PARTITION BY {", ".join(f"n.{c}" for c in obs)} ORDER BY o._rank) AS _nth
    FROM newest AS n JOIN ranked AS o ON {same("o", "n")} AND o._rank > 1 AND o.{figure} <> n.{figure}
)
SELECT n.* EXCLUDE (_rank), r.previous_value IS NOT NULL AS revised, r.previous_value, r.previous_source_id
FROM newest AS n LEFT JOIN replaced AS r ON {same("r", "n")} AND r._nth = 1"""


def _sort_key(table: Table) -> Callable[[Record], tuple[Any, ...]]:
    at = [table.index(c) for c in table.order]

    # NULLs last, as DuckDB orders them; ties keep CSV order (the sort is stable).
    def key(r: Record) -> tuple[Any, ...]:
        return tuple((r.values[i] is None, 0 if r.values[i] is None else r.values[i]) for i in at)

    return key


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _write(tables: Sequence[Table], data: dict[str, list[Record]], path: Path, print_: str) -> None:
    con = duckdb.connect(str(path))
    try:
        for table in tables:
            columns = ", ".join(
                f'"{c.name}" {c.sql_type}{" NOT NULL" if c.required else ""}' for c in table.columns
            )
            con.execute(f'CREATE TABLE "{table.name}" ({columns})')
            if table.description:
                con.execute(f'COMMENT ON TABLE "{table.name}" IS {_sql_string(table.description)}')
            rows = [r.values for r in sorted(data[table.name], key=_sort_key(table))]
            if rows:
                marks = ", ".join("?" for _ in table.columns)
                con.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows)
        for table in tables:
            if table.figure is None:
                continue
            sources = table.column(_SOURCE_KEY).ref
            assert sources is not None
            con.execute(figures_view_sql(table, sources[0]))
            comment = f"The one reading of {table.name}: per observation the figure of the newest source."
            con.execute(f'COMMENT ON VIEW "{table.figures_view}" IS {_sql_string(comment)}')
        con.execute(f'CREATE TABLE "{BUILD_INFO}" (fingerprint VARCHAR NOT NULL)')
        con.execute(f'INSERT INTO "{BUILD_INFO}" VALUES (?)', [print_])
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _remove(*paths: Path) -> None:
    for p in paths:
        p.unlink(missing_ok=True)


def _clean_up(*paths: Path) -> None:
    """Remove what a failed build left; a failure here must not hide the first one."""
    for p in paths:
        with contextlib.suppress(OSError):
            p.unlink(missing_ok=True)


def _replace(tables: Sequence[Table], data: dict[str, list[Record]], out: Path, print_: str) -> None:
    """Write the database to a temporary file beside `out`, then move it over `out`."""
    # Beside `out` so os.replace is a rename on one file system; *.duckdb.tmp is in .gitignore.
    tmp = out.with_name(f".{out.stem}.{os.getpid()}{out.suffix}.tmp")
    tmp_wal = tmp.with_name(tmp.name + ".wal")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove(tmp, tmp_wal)
        _write(tables, data, tmp, print_)
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        # A WAL left by a crashed writer of the old database would be replayed into the new.
        _remove(out.with_name(out.name + ".wal"))
        os.replace(tmp, out)
    except (OSError, duckdb.Error) as ex:
        _clean_up(tmp, tmp_wal)
        raise DatabaseUnavailable(f"cannot write {out}: {ex}") from None
    except BaseException:
        _clean_up(tmp, tmp_wal)
        raise


def revisions(path: Path, tables: Sequence[Table]) -> list[str]:
    """One line per revised figure in the database at `path`, as its figures views read it."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        lines = []
        for table in tables:
            if table.figure is None:
                continue
            obs = ", ".join(f'"{c}"' for c in table.observation)
            found = con.execute(
                f'SELECT {obs}, "{table.figure}", {_SOURCE_KEY}, previous_value, previous_source_id '
                f'FROM "{table.figures_view}" WHERE revised ORDER BY {obs}'
            ).fetchall()
            for *key, value, source, previous, previous_source in found:
                about = ", ".join(
                    f"{name} {_text(v)}"
                    for name, v in zip(table.observation, key, strict=True)
                    if v is not None
                )
                lines.append(
                    f"revised in {table.file}: {about}: {_text(previous)} ({previous_source}) "
                    f"-> {_text(value)} ({source})"
                )
        return lines
    finally:
        con.close()


def _text(value: Any) -> str:
    """A value as a CSV cell writes it: 66, 48.5 (not Decimal('66.00')), 2020-09-21."""
    if isinstance(value, Decimal):
        return format(value.normalize() if value != value.to_integral_value() else value.to_integral_value())
    return str(value)


def build_database(source_dir: Path, out: Path) -> str:
    """Check the CSV sources in `source_dir` and write them as a DuckDB database to `out`.

    Returns one line per table with its row count, one line per revised figure, and whether
    `out` was written or already held this build (same fingerprint: left untouched). Raises
    SourceDataError (file, line and problem) before anything is written when a source breaks
    the rules, and DatabaseUnavailable when `out` cannot be written; `out` is then left as it
    was.
    """
    source_dir, out = Path(source_dir), Path(out)
    tables, data = read_sources(source_dir)
    print_ = fingerprint(source_dir, tables)
    unchanged = _stored_fingerprint(out) == print_
    if not unchanged:
        _replace(tables, data, out, print_)
    width = max(len(t.name) for t in tables)
    lines = [f"{t.name:<{width}}  {len(data[t.name]):>4} rows" for t in tables]
    lines += revisions(out, tables) or ["no revised figures"]
    state = "unchanged, not rewritten" if unchanged else "written"
    lines.append(f"{out}: {state} (fingerprint {print_[:12]})")
    return "\n".join(lines)


def database_contents(path: Path) -> dict[str, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Per table and view: its columns (name, type, nullable) and all its rows, sorted.

    Two builds from the same sources are equal by this measure, though their files differ in
    bytes (DuckDB files carry per-file data).
    """
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM information_schema.tables ORDER BY table_name"
            ).fetchall()
        ]
        contents = {}
        for name in names:
            columns = con.execute(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                "WHERE table_name = $t ORDER BY ordinal_position",
                {"t": name},
            ).fetchall()
            rows = con.execute(f'SELECT * FROM "{name}" ORDER BY ALL').fetchall()
            contents[name] = (columns, rows)
        return contents
    finally:
        con.close()

"""Build the statistics database from the CSV sources, checked against schema.toml.

`build_database` reads every table that schema.toml declares from `<table>.csv` beside it,
checks every cell, every key and every reference, and checks the totals a source prints
(printed_totals.csv) against its monthly figures; only then does it write the database. The
first problem stops the build with a SourceDataError naming file, line and problem. The new
database is written to a temporary file next to the target and moved over it in one step, so a
failed build never leaves a half-written or changed database behind.

A table added to schema.toml, with its CSV, is built like the others: nothing here names a
table except the printed-totals check.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import math
import os
import re
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import duckdb

from bot.errors import DatabaseUnavailable, SourceDataError

SCHEMA_FILE = "schema.toml"
TYPES = ("VARCHAR", "INTEGER", "DOUBLE", "DATE")

_TABLE_KEYS = frozenset({"description", "key", "order", "columns"})
_COLUMN_KEYS = frozenset({"type", "required", "min", "max", "choices", "ref", "pattern"})
# Names end up in SQL text, so they are restricted to what needs no quoting rules.
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DOUBLE = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_INT32 = (-(2**31), 2**31 - 1)  # DuckDB's INTEGER


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
    """One table of schema.toml."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    order: tuple[str, ...]

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def index(self, name: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.name == name)


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
        tables.append(Table(name, description, columns, key_order["key"], key_order["order"]))

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
    return tables


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
    return Column(name, type_, required, bounds.get("min"), bounds.get("max"), choices, ref, pattern)


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


def round_half_away(x: Fraction) -> int:
    """Round to a whole number, halves away from zero (as the sources do; round() would not)."""
    n = math.floor(abs(x) + Fraction(1, 2))
    return n if x >= 0 else -n


_TOTALS = "printed_totals"
_TOTALS_COLUMNS = ("source_id", "metric", "helpline", "year", "month_from", "month_to", "aggregate", "value")
_MONTHLY = "monthly"
_MONTHLY_COLUMNS = ("source_id", "metric", "helpline", "year", "month", "value")


def check_printed_totals(tables: Sequence[Table], data: dict[str, list[Record]]) -> None:
    """Each printed total or average equals the one computed from that source's monthly rows.

    An empty helpline means all helplines summed. An average is the sum divided by the number
    of months in the range, rounded half away from zero; every month of the range must have a
    figure, else the printed number cannot be checked.
    """
    by_name = {t.name: t for t in tables}
    if _TOTALS not in by_name:
        return
    for name, needed in ((_TOTALS, _TOTALS_COLUMNS), (_MONTHLY, _MONTHLY_COLUMNS)):
        table = by_name.get(name)
        have = {c.name for c in table.columns} if table else set()
        if not set(needed) <= have:
            raise SourceDataError(
                f"{SCHEMA_FILE}: the check of {_TOTALS}.csv needs table "
                f"{name!r} with columns {', '.join(needed)}"
            )
    totals, monthly = by_name[_TOTALS], by_name[_MONTHLY]
    t_at = {c: totals.index(c) for c in _TOTALS_COLUMNS}
    m_at = {c: monthly.index(c) for c in _MONTHLY_COLUMNS}
    figures = [{c: r.values[i] for c, i in m_at.items()} for r in data[_MONTHLY]]

    for record in data[_TOTALS]:
        t = {c: record.values[i] for c, i in t_at.items()}
        where = f"{totals.file} line {record.line}"
        months = range(t["month_from"], t["month_to"] + 1)
        if not months:
            raise SourceDataError(f"{where}: month_from is after month_to")
        rows = [
            f
            for f in figures
            if (f["source_id"], f["metric"], f["year"]) == (t["source_id"], t["metric"], t["year"])
            and f["month"] in months
            and (t["helpline"] is None or f["helpline"] == t["helpline"])
        ]
        what = f"{t['metric']} {t['helpline'] or '(all helplines)'} {t['year']}"
        missing = sorted(set(months) - {f["month"] for f in rows})
        if missing:
            raise SourceDataError(
                f"{where}: {monthly.file} has no figure of {t['source_id']} for {what} month {missing[0]}"
            )
        total = sum(f["value"] for f in rows)
        computed = total if t["aggregate"] == "sum" else round_half_away(Fraction(total, len(months)))
        if computed != t["value"]:
            raise SourceDataError(
                f"{where}: the {t['aggregate']} of {what} months {months.start}-{months.stop - 1}"
                f" in {monthly.file} is {computed}, but the source prints {t['value']}"
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
    check_printed_totals(tables, data)
    return tables, data


# --- the database -----------------------------------------------------------------------------


def _sort_key(table: Table) -> Callable[[Record], tuple[Any, ...]]:
    at = [table.index(c) for c in table.order]

    # NULLs last, as DuckDB orders them; ties keep CSV order (the sort is stable).
    def key(r: Record) -> tuple[Any, ...]:
        return tuple((r.values[i] is None, 0 if r.values[i] is None else r.values[i]) for i in at)

    return key


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _write(tables: Sequence[Table], data: dict[str, list[Record]], path: Path) -> None:
    con = duckdb.connect(str(path))
    try:
        for table in tables:
            columns = ", ".join(
                f'"{c.name}" {c.type}{" NOT NULL" if c.required else ""}' for c in table.columns
            )
            con.execute(f'CREATE TABLE "{table.name}" ({columns})')
            if table.description:
                con.execute(f'COMMENT ON TABLE "{table.name}" IS {_sql_string(table.description)}')
            rows = [r.values for r in sorted(data[table.name], key=_sort_key(table))]
            if rows:
                marks = ", ".join("?" for _ in table.columns)
                con.executemany(f'INSERT INTO "{table.name}" VALUES ({marks})', rows)
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


def build_database(source_dir: Path, out: Path) -> str:
    """Check the CSV sources in `source_dir` and write them as a DuckDB database to `out`.

    Returns one line per table with its row count. Raises SourceDataError (file, line and
    problem) before anything is written when a source breaks schema.toml, and
    DatabaseUnavailable when `out` cannot be written; `out` is then left as it was.
    """
    source_dir, out = Path(source_dir), Path(out)
    tables, data = read_sources(source_dir)

    # The temporary file sits beside `out` so os.replace is a rename on one file system, and
    # its name matches *.duckdb.tmp in .gitignore.
    tmp = out.with_name(f".{out.stem}.{os.getpid()}{out.suffix}.tmp")
    tmp_wal = tmp.with_name(tmp.name + ".wal")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        _remove(tmp, tmp_wal)
        _write(tables, data, tmp)
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
    width = max(len(t.name) for t in tables)
    return "\n".join(f"{t.name:<{width}}  {len(data[t.name]):>4} rows" for t in tables)


def database_contents(path: Path) -> dict[str, tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    """Per table: its columns (name, type, nullable) and all its rows, sorted.

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

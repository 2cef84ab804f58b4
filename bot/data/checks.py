"""The rules build-db checks across rows and tables, after every cell has passed its column.

Each check raises SourceDataError naming file, line and problem, so a maintainer can fix the
row. Two checks follow schema.toml alone: aliases (columns with `alias_list`) and revisions
(tables with a `figure`). The others are about the meaning of particular tables and name them;
a schema without those tables or columns skips them, a schema with the tables but not the
columns they need is an error.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from bot.errors import SourceDataError

if TYPE_CHECKING:
    from bot.data.build import Record, Table

Data = dict[str, list["Record"]]
Row = tuple[int, dict[str, Any]]  # the line a CSV row starts on, and its values by column


def run_checks(tables: Sequence[Table], data: Data) -> None:
    """Every check, in the order a maintainer would fix them."""
    check_aliases(tables, data)
    check_revisions(tables, data)
    by_name = {t.name: t for t in tables}
    check_opening_hours(by_name, data)
    check_yearly_sums(by_name, data)
    check_printed_totals(by_name, data)


def _needs(by_name: dict[str, Table], table: str, columns: Sequence[str], check: str) -> bool:
    """Whether a check applies: False when the schema has no such table; an error when the
    table lacks a column the check reads."""
    found = by_name.get(table)
    if found is None:
        return False
    missing = [c for c in columns if c not in {col.name for col in found.columns}]
    if missing:
        raise SourceDataError(
            f"schema.toml: the check of {check} needs table {table!r} with columns {', '.join(columns)}"
        )
    return True


# --- aliases ----------------------------------------------------------------------------------


def normalize_alias(alias: str) -> str:
    """An alias as the matcher compares it: lower case, without accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", alias)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.casefold().split())


def check_aliases(tables: Sequence[Table], data: Data) -> None:
    """No alias names two entities (a metric, a helpline, a category): "awel" must mean one."""
    claimed: dict[str, tuple[str, str, int]] = {}  # alias -> (entity, file, line)
    for table in tables:
        columns = [c.name for c in table.columns if c.alias_list]
        if not columns:
            continue
        for line, row in table.rows(data[table.name]):
            entity = f"{table.name} {'/'.join(str(row[k]) for k in table.key)}"
            for column in columns:
                for alias in (row[column] or "").split("|"):
                    word = normalize_alias(alias)
                    if not word:
                        continue
                    owner = claimed.setdefault(word, (entity, table.file, line))
                    if owner[0] != entity:
                        raise SourceDataError(
                            f"{table.file} line {line}: column {column!r}: alias {alias.strip()!r} of "
                            f"{entity} is already an alias of {owner[0]} ({owner[1]} line {owner[2]})"
                        )


# --- revisions --------------------------------------------------------------------------------


def check_revisions(tables: Sequence[Table], data: Data) -> None:
    """Two sources giving different figures for one observation: the newer one revises the
    older, so their dates must differ; with equal dates neither can win."""
    by_name = {t.name: t for t in tables}
    for table in tables:
        if table.figure is None:
            continue
        ref = table.column("source_id").ref
        assert ref is not None  # load_schema checked it
        sources = by_name[ref[0]]
        date = {row[ref[1]]: row["date"] for _, row in sources.rows(data[sources.name])}
        seen: dict[tuple[Any, ...], list[Row]] = {}
        for line, row in table.rows(data[table.name]):
            key = tuple(row[c] for c in table.observation)
            for other_line, other in seen.get(key, []):
                same_date = date[row["source_id"]] == date[other["source_id"]]
                if same_date and row[table.figure] != other[table.figure]:
                    about = ", ".join(f"{c} {row[c]}" for c in table.observation if row[c] is not None)
                    raise SourceDataError(
                        f"{table.file} line {line}: {about}: {row['source_id']} gives "
                        f"{row[table.figure]} where {other['source_id']} (line {other_line}) gives "
                        f"{other[table.figure]}, and both sources are dated {date[row['source_id']]}: "
                        f"a revised figure needs a strictly newer source in {sources.file}"
                    )
            seen.setdefault(key, []).append((line, row))


# --- opening hours ----------------------------------------------------------------------------

_HOURS = "opening_hours"


def check_opening_hours(by_name: dict[str, Table], data: Data) -> None:
    """Each period closes after it opens (past midnight is two rows), and a validity period
    starts no later than it ends."""
    columns = ("opens", "closes", "valid_from", "valid_until")
    if not _needs(by_name, _HOURS, columns, f"{_HOURS}.csv"):
        return
    table = by_name[_HOURS]
    for line, row in table.rows(data[_HOURS]):
        # "HH:MM" with leading zeros sorts as time does; "24:00" (midnight) sorts last.
        if row["closes"] <= row["opens"]:
            raise SourceDataError(
                f"{table.file} line {line}: closes at {row['closes']}, at or before it opens at "
                f"{row['opens']} (hours past midnight go on the next day's row)"
            )
        first, last = row["valid_from"], row["valid_until"]
        if first is not None and last is not None and first > last:
            raise SourceDataError(f"{table.file} line {line}: valid_from {first} is after valid_until {last}")


# --- yearly figures against their months ------------------------------------------------------

_YEARLY, _MONTHLY, _METRICS = "yearly", "monthly", "metrics"
SUMMED = "sum"  # the aggregation of a metric whose months add up to its year


def _aggregation(by_name: dict[str, Table], data: Data) -> dict[str, str]:
    """metric -> its aggregation (sum, mean, none)."""
    metrics = by_name[_METRICS]
    return {row["metric"]: row["aggregation"] for _, row in metrics.rows(data[_METRICS])}


def _month_figures(rows: Sequence[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """month -> the rows that make its figure: the overall ones when the source gives any, else
    one per helpline (a metric reported only per helpline, as referrals are)."""
    overall = [r for r in rows if r["helpline"] is None]
    chosen = overall or list(rows)
    by_month: dict[int, list[dict[str, Any]]] = {}
    for r in chosen:
        by_month.setdefault(r["month"], []).append(r)
    return by_month


def check_yearly_sums(by_name: dict[str, Table], data: Data) -> None:
    """A yearly figure of a summed metric equals the sum of its twelve months, when the same
    source gives all twelve and none of the figures is qualified ("meer dan", "ongeveer")."""
    needed = {
        _YEARLY: ("source_id", "metric", "year", "value", "qualifier"),
        _MONTHLY: ("source_id", "metric", "helpline", "year", "month", "value", "qualifier"),
        _METRICS: ("metric", "aggregation"),
    }
    if not all(_needs(by_name, t, c, f"{_YEARLY}.csv") for t, c in needed.items()):
        return
    aggregation = _aggregation(by_name, data)
    months: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for _, row in by_name[_MONTHLY].rows(data[_MONTHLY]):
        months.setdefault((row["source_id"], row["metric"], row["year"]), []).append(row)
    yearly = by_name[_YEARLY]
    for line, row in yearly.rows(data[_YEARLY]):
        if aggregation.get(row["metric"]) != SUMMED:
            continue
        by_month = _month_figures(months.get((row["source_id"], row["metric"], row["year"]), []))
        if sorted(by_month) != list(range(1, 13)):
            continue
        parts = [r for rs in by_month.values() for r in rs]
        if row["qualifier"] or any(r["qualifier"] for r in parts):
            continue
        total = sum((r["value"] for r in parts), Decimal(0))
        if total != row["value"]:
            raise SourceDataError(
                f"{yearly.file} line {line}: {row['metric']} {row['year']} is {_plain(row['value'])}, "
                f"but the twelve months of {row['source_id']} in {_MONTHLY}.csv add up to {_plain(total)}"
            )


# --- printed totals ---------------------------------------------------------------------------

_TOTALS = "printed_totals"
_TOTALS_COLUMNS = ("source_id", "metric", "helpline", "year", "month_from", "month_to", "aggregate", "value")
_MONTHLY_COLUMNS = ("source_id", "metric", "helpline", "year", "month", "value")


def round_half_away(x: Fraction) -> int:
    """Round to a whole number, halves away from zero (as the sources do; round() would not)."""
    n = math.floor(abs(x) + Fraction(1, 2))
    return n if x >= 0 else -n


def _places(value: Decimal | int) -> int:
    """The number of decimals a printed figure shows: 73 -> 0, 48.5 -> 1."""
    if isinstance(value, int):
        return 0
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def check_printed_totals(by_name: dict[str, Table], data: Data) -> None:
    """Each printed total or average equals the one computed from that source's monthly rows.

    An empty helpline means all helplines summed. An average is the sum divided by the number
    of months in the range, rounded half away from zero to as many decimals as the source
    prints; every month of the range must have a figure, else the printed number cannot be
    checked. Only summed metrics have totals: a mean (an average duration, say) is never added
    up, so a printed total of one is refused.
    """
    if _TOTALS not in by_name:
        return
    for name, needed in ((_TOTALS, _TOTALS_COLUMNS), (_MONTHLY, _MONTHLY_COLUMNS)):
        table = by_name.get(name)
        have = {c.name for c in table.columns} if table else set()
        if not set(needed) <= have:
            raise SourceDataError(
                f"schema.toml: the check of {_TOTALS}.csv needs table "
                f"{name!r} with columns {', '.join(needed)}"
            )
    totals, monthly = by_name[_TOTALS], by_name[_MONTHLY]
    aggregation = _aggregation(by_name, data) if _METRICS in by_name else {}
    figures = [row for _, row in monthly.rows(data[_MONTHLY])]

    for line, t in totals.rows(data[_TOTALS]):
        where = f"{totals.file} line {line}"
        kind = aggregation.get(t["metric"], SUMMED)
        if kind != SUMMED:
            raise SourceDataError(
                f"{where}: {t['metric']} has aggregation {kind} in {_METRICS}.csv: its months "
                "do not add up, so a printed total or average of them cannot be checked"
            )
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
        total = Fraction(sum((Decimal(f["value"]) for f in rows), Decimal(0)))
        if t["aggregate"] == "sum":
            computed = total
        else:
            scale = 10 ** _places(t["value"])
            computed = Fraction(round_half_away(total / len(months) * scale), scale)
        if computed != Fraction(t["value"]):
            raise SourceDataError(
                f"{where}: the {t['aggregate']} of {what} months {months.start}-{months.stop - 1}"
                f" in {monthly.file} is {_plain(computed)}, but the source prints {_plain(t['value'])}"
            )


def _plain(value: Decimal | Fraction | int) -> str:
    """A number as the CSV writes it: 658, 48.5; a fraction with up to two decimals."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        value = Decimal(value.numerator) / Decimal(value.denominator)
        return format(value.quantize(Decimal("0.01")).normalize(), "f")
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value != value.to_integral_value() else str(int(value))
    return str(value)

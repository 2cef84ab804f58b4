"""build-db: every kind of bad source row stops the build, and the committed database is what
the committed CSV sources build.

No figure of a source is written in this file: expected values are read from the CSV files
(printed_totals.csv, facts.csv), so a corrected source needs no test change.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from bot.data.build import READING_COLUMNS, build_database, database_contents, load_schema, round_half_away
from bot.data.store import Store
from bot.edges.cli import main
from bot.errors import DatabaseUnavailable, SourceDataError

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "data" / "source"
COMMITTED_DB = REPO / "data" / "stats.duckdb"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_lines(path: Path) -> list[list[str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def write_lines(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def set_cell(src: Path, file: str, line: int, column: str, value: str) -> str:
    """Set one cell (line as an editor shows it: the header is line 1); the old value."""
    rows = read_lines(src / file)
    col = rows[0].index(column)
    old, rows[line - 1][col] = rows[line - 1][col], value
    write_lines(src / file, rows)
    return old


def append_rows(src: Path, file: str, rows: list[dict[str, str]]) -> None:
    header = read_lines(src / file)[0]
    with (src / file).open("a", newline="", encoding="utf-8") as f:
        csv.DictWriter(f, header, lineterminator="\n").writerows(rows)


def line_count(src: Path, file: str) -> int:
    return len(read_lines(src / file))


@pytest.fixture
def src(tmp_path: Path) -> Path:
    """A private copy of data/source to break."""
    return Path(shutil.copytree(SOURCE, tmp_path / "source"))


@pytest.fixture
def existing_db(tmp_path: Path) -> Path:
    """A database file that a failed build must leave exactly as it was."""
    out = tmp_path / "out" / "stats.duckdb"
    out.parent.mkdir()
    shutil.copyfile(COMMITTED_DB, out)
    return out


# --- bad sources ------------------------------------------------------------------------------
# Each case breaks the copy and returns the exact message build-db must give.


def missing_column(src: Path) -> str:
    rows = read_lines(src / "monthly.csv")
    i = rows[0].index("qualifier")
    write_lines(src / "monthly.csv", [r[:i] + r[i + 1 :] for r in rows])
    return "monthly.csv line 1: missing column 'qualifier'"


def extra_column(src: Path) -> str:
    rows = read_lines(src / "monthly.csv")
    write_lines(src / "monthly.csv", [[*rows[0], "remark"]] + [[*r, ""] for r in rows[1:]])
    return "monthly.csv line 1: unexpected column 'remark' (not in schema.toml)"


def cell_too_many(src: Path) -> str:
    rows = read_lines(src / "monthly.csv")
    rows[4].append("")
    write_lines(src / "monthly.csv", rows)
    n = len(rows[0])
    return f"monthly.csv line 5: {n + 1} cells, but the header has {n} columns"


def empty_required(src: Path) -> str:
    set_cell(src, "monthly.csv", 6, "value", "")
    return "monthly.csv line 6: column 'value': empty, but a value is required"


def non_numeric(src: Path) -> str:
    set_cell(src, "monthly.csv", 7, "value", "veel")
    return (
        "monthly.csv line 7: column 'value': 'veel' is not a number "
        "(write a decimal point, no thousands mark)"
    )


def thousands_mark(src: Path) -> str:
    # A Dutch thousands mark ("38.000") must not pass as a number with decimals.
    old = read_csv(src / "monthly.csv")[8 - 2]["value"]
    set_cell(src, "monthly.csv", 8, "value", f"{old}.000")
    return (
        f"monthly.csv line 8: column 'value': '{old}.000' has 3 digits after the point "
        "(at most 2; write 38000, not 38.000)"
    )


def thousands_mark_in_an_integer(src: Path) -> str:
    set_cell(src, "shares.csv", 2, "percent", "34.000")
    return "shares.csv line 2: column 'percent': '34.000' is not a whole number"


def month_13(src: Path) -> str:
    set_cell(src, "monthly.csv", 14, "month", "13")
    return "monthly.csv line 14: column 'month': 13 is not between 1 and 12"


def negative_figure(src: Path) -> str:
    set_cell(src, "monthly.csv", 3, "value", "-1")
    return "monthly.csv line 3: column 'value': -1 is less than the minimum 0"


def not_a_choice(src: Path) -> str:
    set_cell(src, "monthly.csv", 9, "said_by", "minister")
    return "monthly.csv line 9: column 'said_by': 'minister' is not one of: vraag, antwoord"


def pattern_mismatch(src: Path) -> str:
    old = read_csv(src / "metrics.csv")[0]["metric"]
    set_cell(src, "metrics.csv", 2, "metric", old.upper())
    return f"metrics.csv line 2: column 'metric': '{old.upper()}' does not match the pattern [a-z_]+"


def duplicate_row(src: Path) -> str:
    rows = read_lines(src / "monthly.csv")
    write_lines(src / "monthly.csv", [*rows, rows[1]])
    return (
        f"monthly.csv line {len(rows) + 1}: duplicate of line 2: the same "
        "source_id, metric, helpline, year, month"
    )


def unknown_source(src: Path) -> str:
    set_cell(src, "monthly.csv", 10, "source_id", "sv999-2020")
    return "monthly.csv line 10: column 'source_id': 'sv999-2020' is not a source_id in sources.csv"


def unknown_metric(src: Path) -> str:
    set_cell(src, "yearly.csv", 2, "metric", "wachttijd")
    return "yearly.csv line 2: column 'metric': 'wachttijd' is not a metric in metrics.csv"


def unknown_helpline(src: Path) -> str:
    line = next(i for i, r in enumerate(read_csv(src / "monthly.csv"), start=2) if r["helpline"])
    set_cell(src, "monthly.csv", line, "helpline", "kinderlijn")
    return f"monthly.csv line {line}: column 'helpline': 'kinderlijn' is not a helpline in helplines.csv"


def impossible_date(src: Path) -> str:
    set_cell(src, "sources.csv", 2, "date", "2020-02-30")
    return "sources.csv line 2: column 'date': '2020-02-30' is not a date (YYYY-MM-DD)"


def dutch_date(src: Path) -> str:
    set_cell(src, "weekly.csv", 2, "week_start", "21/09/2020")
    return "weekly.csv line 2: column 'week_start': '21/09/2020' is not a date (YYYY-MM-DD)"


def printed_sum_mismatch(src: Path) -> str:
    rows = read_csv(src / "printed_totals.csv")
    line, row = next((i, r) for i, r in enumerate(rows, start=2) if r["aggregate"] == "sum")
    set_cell(src, "printed_totals.csv", line, "value", str(int(row["value"]) + 1))
    what = f"{row['metric']} {row['helpline'] or '(all helplines)'} {row['year']}"
    return (
        f"printed_totals.csv line {line}: the sum of {what} months "
        f"{row['month_from']}-{row['month_to']} in monthly.csv is {row['value']}, "
        f"but the source prints {int(row['value']) + 1}"
    )


def printed_avg_mismatch(src: Path) -> str:
    rows = read_csv(src / "printed_totals.csv")
    line, row = next((i, r) for i, r in enumerate(rows, start=2) if r["aggregate"] == "avg")
    set_cell(src, "printed_totals.csv", line, "value", str(int(row["value"]) - 1))
    return f"printed_totals.csv line {line}: the avg of "


def printed_total_month_missing(src: Path) -> str:
    # Drop the first monthly row that a printed total covers: the total can no longer be checked.
    total_line, total = 2, read_csv(src / "printed_totals.csv")[0]
    rows = read_lines(src / "monthly.csv")
    head = rows[0]
    victim = next(
        r
        for r in rows[1:]
        if r[head.index("metric")] == total["metric"]
        and r[head.index("year")] == total["year"]
        and r[head.index("month")] == total["month_from"]
    )
    write_lines(src / "monthly.csv", [r for r in rows if r is not victim])
    return (
        f"printed_totals.csv line {total_line}: monthly.csv has no figure of "
        f"{total['source_id']} for {total['metric']} {total['helpline'] or '(all helplines)'}"
        f" {total['year']} month {total['month_from']}"
    )


def csv_file_missing(src: Path) -> str:
    (src / "weekly.csv").unlink()
    return f"weekly.csv: file not found in {src}"


def csv_file_undeclared(src: Path) -> str:
    (src / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return "notes.csv: no table 'notes' in schema.toml"


def csv_file_empty(src: Path) -> str:
    (src / "weekly.csv").write_text("", encoding="utf-8")
    return "weekly.csv: empty file, the first line must be the header"


def unterminated_quote(src: Path) -> str:
    line = line_count(src, "yearly.csv") + 1
    with (src / "yearly.csv").open("a", encoding="utf-8") as f:
        f.write('sv808-2020,gesprekken,2000,1,,vraag,"no closing quote\n')
    return f"yearly.csv line {line}: bad CSV: "


def schema_unknown_type(src: Path) -> str:
    text = (src / "schema.toml").read_text(encoding="utf-8")
    line = 'columns.month = { type = "INTEGER", min = 1, max = 12 }'
    assert line in text
    (src / "schema.toml").write_text(text.replace(line, line.replace("INTEGER", "INT")), encoding="utf-8")
    return (
        "schema.toml: table 'monthly', column 'month': type must be one of "
        "VARCHAR, INTEGER, DECIMAL, DOUBLE, DATE, not 'INT'"
    )


def schema_bad_ref(src: Path) -> str:
    text = (src / "schema.toml").read_text(encoding="utf-8")
    assert 'ref = "metrics.metric"' in text
    (src / "schema.toml").write_text(
        text.replace('ref = "metrics.metric"', 'ref = "metric.id"', 1), encoding="utf-8"
    )
    return "schema.toml: table 'monthly', column 'metric': ref metric.id names no declared column"


def schema_typo_key(src: Path) -> str:
    text = (src / "schema.toml").read_text(encoding="utf-8")
    text = text.replace(
        'columns.note = { type = "VARCHAR", required = false }',
        'columns.note = { type = "VARCHAR", requird = false }',
        1,
    )
    (src / "schema.toml").write_text(text, encoding="utf-8")
    return "schema.toml: table 'sources', column 'note': unknown key(s) requird"


# The rules across rows (bot/data/checks.py); the cases build on a second, invented source.


def add_source(src: Path, source_id: str, date: str) -> None:
    """A new row in sources.csv, a copy of the first source's with another id and date."""
    first = read_csv(src / "sources.csv")[0]
    append_rows(src, "sources.csv", [{**first, "source_id": source_id, "date": date, "number": ""}])


def monthly_row(src: Path, metric: str, year: int, month: int) -> tuple[int, dict[str, str]]:
    """(line, row) of the one overall monthly figure of a metric and month."""
    ((line, row),) = [
        (i, r)
        for i, r in enumerate(read_csv(src / "monthly.csv"), start=2)
        if (r["metric"], r["helpline"], r["year"], r["month"]) == (metric, "", str(year), str(month))
    ]
    return line, row


def revision_not_newer(src: Path) -> str:
    # A second source of the same date gives another figure for September 2020.
    old_line, old = monthly_row(src, "gesprekken", 2020, 9)
    date = next(r["date"] for r in read_csv(src / "sources.csv") if r["source_id"] == old["source_id"])
    add_source(src, "fictief-zelfde-dag", date)
    append_rows(src, "monthly.csv", [{**old, "source_id": "fictief-zelfde-dag", "value": "66"}])
    line = line_count(src, "monthly.csv")
    return (
        f"monthly.csv line {line}: metric gesprekken, year 2020, month 9: fictief-zelfde-dag gives 66 "
        f"where {old['source_id']} (line {old_line}) gives {old['value']}, and both sources are dated "
        f"{date}: a revised figure needs a strictly newer source in sources.csv"
    )


def revision_not_newer_in_shares(src: Path) -> str:
    rows = read_csv(src / "shares.csv")
    old = rows[0]
    date = next(r["date"] for r in read_csv(src / "sources.csv") if r["source_id"] == old["source_id"])
    add_source(src, "fictief-zelfde-dag", date)
    append_rows(src, "shares.csv", [{**old, "source_id": "fictief-zelfde-dag", "percent": "1"}])
    return (
        f"shares.csv line {len(rows) + 2}: dimension {old['dimension']}, category {old['category']}, "
        f"year {old['year']}: fictief-zelfde-dag gives 1 where {old['source_id']} (line 2) gives "
        f"{old['percent']}, and both sources are dated {date}: a revised figure needs a strictly "
        "newer source in sources.csv"
    )


def alias_of_another_helpline(src: Path) -> str:
    # A new helpline claims a word of an existing one (in other case: aliases ignore case).
    awel = next(i for i, r in enumerate(read_csv(src / "helplines.csv"), start=2) if r["helpline"] == "awel")
    first = read_csv(src / "helplines.csv")[0]
    append_rows(src, "helplines.csv", [{**first, "helpline": "kinderlijn", "aliases": "kinderlijn|AWEL"}])
    line = line_count(src, "helplines.csv")
    return (
        f"helplines.csv line {line}: column 'aliases': alias 'AWEL' of helplines kinderlijn is already "
        f"an alias of helplines awel (helplines.csv line {awel})"
    )


def alias_of_a_metric_on_a_category(src: Path) -> str:
    # A weak alias of a metric counts too: "chat" cannot also name a category.
    metric_line, metric = next(
        (i, r) for i, r in enumerate(read_csv(src / "metrics.csv"), start=2) if r["weak_aliases"]
    )
    weak = metric["weak_aliases"].split("|")[0]
    old = set_cell(src, "categories.csv", 2, "aliases", "")
    set_cell(src, "categories.csv", 2, "aliases", f"{old}|{weak}")
    category = read_csv(src / "categories.csv")[0]
    return (
        f"categories.csv line 2: column 'aliases': alias {weak!r} of categories "
        f"{category['dimension']}/{category['category']} is already an alias of metrics "
        f"{metric['metric']} (metrics.csv line {metric_line})"
    )


def closes_before_opening(src: Path) -> str:
    opens = read_csv(src / "opening_hours.csv")[0]["opens"]
    set_cell(src, "opening_hours.csv", 2, "closes", "18:00")
    return (
        f"opening_hours.csv line 2: closes at 18:00, at or before it opens at {opens} "
        "(hours past midnight go on the next day's row)"
    )


def closes_when_opening(src: Path) -> str:
    opens = read_csv(src / "opening_hours.csv")[1]["opens"]
    set_cell(src, "opening_hours.csv", 3, "closes", opens)
    return (
        f"opening_hours.csv line 3: closes at {opens}, at or before it opens at {opens} "
        "(hours past midnight go on the next day's row)"
    )


def valid_from_after_valid_until(src: Path) -> str:
    until = read_csv(src / "opening_hours.csv")[0]["valid_until"]
    set_cell(src, "opening_hours.csv", 2, "valid_from", "2021-01-01")
    return f"opening_hours.csv line 2: valid_from 2021-01-01 is after valid_until {until}"


def add_full_year(src: Path, values: list[str], yearly: str) -> int:
    """A newer invented source with all twelve months of 2018 and a yearly figure; its line."""
    add_source(src, "fictief-jaar", "2021-03-01")
    _, template = monthly_row(src, "gesprekken", 2020, 1)
    append_rows(
        src,
        "monthly.csv",
        [
            {**template, "source_id": "fictief-jaar", "year": "2018", "month": str(m), "value": v}
            for m, v in enumerate(values, start=1)
        ],
    )
    first = read_csv(src / "yearly.csv")[0]
    append_rows(
        src,
        "yearly.csv",
        [{**first, "source_id": "fictief-jaar", "year": "2018", "value": yearly, "qualifier": ""}],
    )
    return line_count(src, "yearly.csv")


def yearly_differs_from_its_months(src: Path) -> str:
    line = add_full_year(src, ["10"] * 12, "121")
    return (
        f"yearly.csv line {line}: gesprekken 2018 is 121, but the twelve months of fictief-jaar "
        "in monthly.csv add up to 120"
    )


def printed_total_of_anothers_rows(src: Path) -> str:
    # The newer source revises one month and prints the year-to-date total: it cannot be checked
    # against its own rows, and another source's rows do not count.
    add_source(src, "fictief-b", "2021-02-01")
    _, old = monthly_row(src, "gesprekken", 2020, 9)
    append_rows(src, "monthly.csv", [{**old, "source_id": "fictief-b", "value": "66"}])
    total = next(r for r in read_csv(src / "printed_totals.csv") if r["metric"] == "gesprekken")
    append_rows(src, "printed_totals.csv", [{**total, "source_id": "fictief-b", "year": "2020"}])
    line = line_count(src, "printed_totals.csv")
    return (
        f"printed_totals.csv line {line}: monthly.csv has no figure of fictief-b for gesprekken "
        f"(all helplines) 2020 month {total['month_from']}"
    )


def printed_total_of_a_mean(src: Path) -> str:
    set_cell(src, "metrics.csv", 2, "aggregation", "mean")
    metric = read_csv(src / "metrics.csv")[0]["metric"]
    line = next(
        i for i, r in enumerate(read_csv(src / "printed_totals.csv"), start=2) if r["metric"] == metric
    )
    return (
        f"printed_totals.csv line {line}: {metric} has aggregation mean in metrics.csv: its months "
        "do not add up, so a printed total or average of them cannot be checked"
    )


def three_decimals(src: Path) -> str:
    set_cell(src, "monthly.csv", 2, "value", "48.125")
    return (
        "monthly.csv line 2: column 'value': '48.125' has 3 digits after the point "
        "(at most 2; write 38000, not 38.000)"
    )


def not_an_aggregation(src: Path) -> str:
    set_cell(src, "metrics.csv", 3, "aggregation", "average")
    return "metrics.csv line 3: column 'aggregation': 'average' is not one of: sum, mean, none"


def not_a_url(src: Path) -> str:
    set_cell(src, "sources.csv", 2, "url", "www.vlaamsparlement.be")
    return (
        "sources.csv line 2: column 'url': 'www.vlaamsparlement.be' does not match the pattern "
        "https?://[^\\s]+"
    )


def schema_figure_unknown(src: Path) -> str:
    edit_schema(src, 'figure = "percent"', 'figure = "share"')
    return "schema.toml: table 'shares': figure must name one of its columns, not 'share'"


def schema_figure_without_source(src: Path) -> str:
    edit_schema(src, 'key = ["fact_id"]', 'key = ["fact_id"]\nfigure = "value"')
    return "schema.toml: table 'facts': figure 'value' must be a required INTEGER, DECIMAL, DOUBLE column"


def schema_reserved_name(src: Path) -> str:
    edit_schema(src, "[tables.weekly]", "[tables.weekly_figures]")
    return (
        "schema.toml: table 'weekly_figures': the name build_info and names ending in _figures are "
        "build-db's own"
    )


def schema_alias_list_on_a_number(src: Path) -> str:
    edit_schema(
        src,
        'columns.month = { type = "INTEGER", min = 1, max = 12 }',
        'columns.month = { type = "INTEGER", min = 1, max = 12, alias_list = true }',
    )
    return (
        "schema.toml: table 'monthly', column 'month': alias_list must be true or false, on a VARCHAR column"
    )


def edit_schema(src: Path, old: str, new: str) -> None:
    text = (src / "schema.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    (src / "schema.toml").write_text(text.replace(old, new), encoding="utf-8")


BAD_SOURCES: list[Callable[[Path], str]] = [
    missing_column,
    extra_column,
    cell_too_many,
    empty_required,
    non_numeric,
    thousands_mark,
    thousands_mark_in_an_integer,
    month_13,
    negative_figure,
    not_a_choice,
    pattern_mismatch,
    duplicate_row,  # the same key twice, even with the same value
    unknown_source,
    unknown_metric,
    unknown_helpline,
    impossible_date,  # looks like a date, is none
    dutch_date,  # DD/MM/YYYY as the source document writes them
    printed_sum_mismatch,
    printed_avg_mismatch,  # message continues with the computed and printed numbers
    printed_total_month_missing,
    csv_file_missing,
    csv_file_undeclared,  # a CSV nobody declared would silently never reach the database
    csv_file_empty,
    unterminated_quote,  # message continues with the csv module's own words
    schema_unknown_type,
    schema_bad_ref,
    schema_typo_key,  # a misspelt rule must not be ignored
    revision_not_newer,  # neither source can win
    revision_not_newer_in_shares,  # every figures table, not only monthly
    alias_of_another_helpline,
    alias_of_a_metric_on_a_category,  # across tables, and weak aliases count
    closes_before_opening,
    closes_when_opening,  # a period of no length is a typo too
    valid_from_after_valid_until,
    yearly_differs_from_its_months,
    printed_total_of_anothers_rows,  # a source's total is checked against its own rows only
    printed_total_of_a_mean,  # a mean is never summed, so its total cannot be checked
    three_decimals,  # 48.125 would read as a thousands mark
    not_an_aggregation,
    not_a_url,
    schema_figure_unknown,
    schema_figure_without_source,
    schema_reserved_name,
    schema_alias_list_on_a_number,
]
PREFIX_ONLY = {printed_avg_mismatch, unterminated_quote}


@pytest.mark.parametrize("breakage", BAD_SOURCES, ids=lambda f: f.__name__)
def test_bad_source_stops_the_build_and_keeps_the_database(
    breakage: Callable[[Path], str], src: Path, existing_db: Path
) -> None:
    expected = breakage(src)
    before = existing_db.read_bytes()
    with pytest.raises(SourceDataError) as excinfo:
        build_database(src, existing_db)
    message = str(excinfo.value)
    if breakage in PREFIX_ONLY:
        assert message.startswith(expected)
    else:
        assert message == expected
    assert "\n" not in message
    assert existing_db.read_bytes() == before
    assert [p.name for p in existing_db.parent.iterdir()] == [existing_db.name]


def test_cli_reports_a_bad_source_in_one_line(
    src: Path, existing_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = month_13(src)
    before = existing_db.read_bytes()
    assert main(["build-db", "--source", str(src), "--out", str(existing_db)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"hulplijnbot: {expected}\n"
    assert existing_db.read_bytes() == before


def test_missing_source_folder(tmp_path: Path) -> None:
    with pytest.raises(SourceDataError, match="source folder not found"):
        build_database(tmp_path / "nowhere", tmp_path / "x.duckdb")
    assert not (tmp_path / "x.duckdb").exists()


def test_unwritable_target_is_a_clean_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(DatabaseUnavailable, match="cannot write"):
        build_database(SOURCE, blocker / "stats.duckdb")


# --- good builds ------------------------------------------------------------------------------


def test_build_replaces_the_database_and_leaves_no_temporary_file(existing_db: Path, tmp_path: Path) -> None:
    existing_db.write_bytes(b"an old, broken database")
    stale_wal = existing_db.with_name(existing_db.name + ".wal")
    stale_wal.write_bytes(b"a WAL left by a crashed writer")
    build_database(SOURCE, existing_db)
    assert [p.name for p in existing_db.parent.iterdir()] == [existing_db.name]
    with Store(existing_db) as store:
        assert store.query("SELECT count(*) AS n FROM sources")[0]["n"] == len(
            read_csv(SOURCE / "sources.csv")
        )


def test_summary_names_every_table_with_its_row_count(tmp_path: Path) -> None:
    summary = build_database(SOURCE, tmp_path / "stats.duckdb")
    tables = load_schema(SOURCE)
    lines = summary.splitlines()
    # The tables, then the revisions (the shipped data is one source: none), then the file.
    assert len(lines) == len(tables) + 2
    assert lines[-2] == "no revised figures"
    assert lines[-1].startswith(f"{tmp_path / 'stats.duckdb'}: written (fingerprint ")
    for line, table in zip(lines, tables, strict=False):
        name, count, word = line.split()
        assert (name, int(count), word) == (table.name, len(read_csv(SOURCE / table.file)), "rows")


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("fresh") / "stats.duckdb"
    build_database(SOURCE, out)
    return out


def test_committed_database_equals_a_fresh_build(fresh_build: Path) -> None:
    committed, fresh = database_contents(COMMITTED_DB), database_contents(fresh_build)
    assert sorted(committed) == sorted(fresh), "tables differ: run `hulplijnbot build-db`"
    for table in fresh:
        assert committed[table][0] == fresh[table][0], f"{table}: columns differ"
        assert committed[table][1] == fresh[table][1], (
            f"{table}: rows differ from data/source: run `hulplijnbot build-db` and commit data/stats.duckdb"
        )


def test_columns_have_the_declared_types(fresh_build: Path) -> None:
    contents = database_contents(fresh_build)
    for table in load_schema(SOURCE):
        declared = [(c.name, c.sql_type, "YES" if not c.required else "NO") for c in table.columns]
        assert [tuple(c) for c in contents[table.name][0]] == declared


def test_empty_cells_are_null(fresh_build: Path) -> None:
    with Store(fresh_build) as store:
        empty = sum(1 for r in read_csv(SOURCE / "monthly.csv") if not r["helpline"])
        rows = store.query("SELECT count(*) AS n FROM monthly WHERE helpline IS NULL")
        assert rows[0]["n"] == empty


PRINTED = read_csv(SOURCE / "printed_totals.csv")


@pytest.mark.parametrize(
    "printed",
    PRINTED,
    ids=[
        f"{r['metric']}-{r['helpline'] or 'alle'}-{r['year']}-{r['month_from']}..{r['month_to']}"
        f"-{r['aggregate']}"
        for r in PRINTED
    ],
)
def test_computed_totals_equal_the_printed_ones(printed: dict[str, str]) -> None:
    """What the bot computes from the committed database is what the source prints."""
    with Store(COMMITTED_DB) as store:
        rows = store.query(
            "SELECT month, sum(value) AS total FROM monthly "
            "WHERE source_id = $source AND metric = $metric AND year = $year "
            "AND month BETWEEN $m1 AND $m2 AND ($helpline IS NULL OR helpline = $helpline) "
            "GROUP BY month",
            {
                "source": printed["source_id"],
                "metric": printed["metric"],
                "year": int(printed["year"]),
                "m1": int(printed["month_from"]),
                "m2": int(printed["month_to"]),
                "helpline": printed["helpline"] or None,
            },
        )
    months = int(printed["month_to"]) - int(printed["month_from"]) + 1
    assert len(rows) == months, "every month of the range has a figure"
    total = sum(int(r["total"]) for r in rows)
    computed = total if printed["aggregate"] == "sum" else round_half_away(Fraction(total, months))
    assert computed == int(printed["value"])


@pytest.mark.parametrize(
    ("x", "expected"),
    [
        (Fraction(1, 2), 1),
        (Fraction(3, 2), 2),  # round() would give 2 here too, but 0 above: banker's rounding
        (Fraction(5, 2), 3),
        (Fraction(-1, 2), -1),
        (Fraction(49, 100), 0),
        (Fraction(7, 1), 7),
    ],
)
def test_round_half_away_from_zero(x: Fraction, expected: int) -> None:
    assert round_half_away(x) == expected


def _hours(opens: str, closes: str) -> Fraction:
    def minutes(t: str) -> int:
        h, m = t.split(":")
        return int(h) * 60 + int(m)

    return Fraction(minutes(closes) - minutes(opens), 60)


def test_opening_hours_add_up_to_the_weekly_total() -> None:
    with Store(COMMITTED_DB) as store:
        fact = store.query(
            "SELECT source_id, value FROM facts WHERE fact_id = $id", {"id": "openingsuren_totaal"}
        )
        assert len(fact) == 1
        hours = store.query(
            "SELECT opens, closes FROM opening_hours WHERE source_id = $s", {"s": fact[0]["source_id"]}
        )
    assert hours
    assert sum(_hours(h["opens"], h["closes"]) for h in hours) == fact[0]["value"]


# --- new sources and tables need no code ------------------------------------------------------


def test_a_new_source_is_queryable_without_code(src: Path, tmp_path: Path) -> None:
    # The month after the last one in the data, so no existing row is touched.
    monthly = read_csv(SOURCE / "monthly.csv")
    year, month = max((int(r["year"]), int(r["month"])) for r in monthly)
    year, month = (year, month + 1) if month < 12 else (year + 1, 1)
    metrics = [r["metric"] for r in read_csv(SOURCE / "metrics.csv")]
    source_id = "fictief-antwoord"
    # Invented figures, recognisable as such; no source has them.
    invented = {metric: 90_000 + 11 * i for i, metric in enumerate(metrics)}

    append_rows(
        src,
        "sources.csv",
        [
            {
                "source_id": source_id,
                "kind": "schriftelijke vraag",
                "number": "",
                "date": f"{year + 1}-01-15",
                "title": "Fictief antwoord, alleen voor een test",
                "asked_by": "",
                "answered_by": "",
                "document": "",
                "note": "Verzonnen cijfers.",
            }
        ],
    )
    append_rows(
        src,
        "monthly.csv",
        [
            {
                "source_id": source_id,
                "metric": metric,
                "helpline": "",
                "year": str(year),
                "month": str(month),
                "value": str(value),
                "qualifier": "",
                "year_basis": "vermeld",
                "said_by": "antwoord",
                "note": "",
            }
            for metric, value in invented.items()
        ],
    )
    # A printed total of the new source is checked like the others.
    append_rows(
        src,
        "printed_totals.csv",
        [
            {
                "source_id": source_id,
                "metric": metrics[0],
                "helpline": "",
                "year": str(year),
                "month_from": str(month),
                "month_to": str(month),
                "aggregate": "sum",
                "value": str(invented[metrics[0]]),
                "note": "",
            }
        ],
    )

    out = tmp_path / "new.duckdb"
    build_database(src, out)
    with Store(out) as store:
        rows = store.query(
            "SELECT metric, value FROM monthly WHERE source_id = $s AND year = $y AND month = $m",
            {"s": source_id, "y": year, "m": month},
        )
        assert {r["metric"]: r["value"] for r in rows} == invented
        # The new figures join the old ones in an ordinary query over the year.
        first = metrics[0]
        old_total = sum(int(r["value"]) for r in monthly if r["metric"] == first and int(r["year"]) == year)
        rows = store.query(
            "SELECT sum(value) AS total FROM monthly WHERE metric = $metric AND year = $y",
            {"metric": first, "y": year},
        )
        assert rows[0]["total"] == old_total + invented[first]
        source = store.query("SELECT title FROM sources WHERE source_id = $s", {"s": source_id})
        assert source == [{"title": "Fictief antwoord, alleen voor een test"}]


def test_a_new_table_is_built_without_code(src: Path, tmp_path: Path) -> None:
    with (src / "schema.toml").open("a", encoding="utf-8") as f:
        f.write(
            "\n[tables.wachttijden]\n"
            'description = "Een verzonnen tabel voor een test."\n'
            'key = ["source_id", "day"]\n'
            'order = ["day", "source_id"]\n'
            'columns.source_id = { type = "VARCHAR", ref = "sources.source_id" }\n'
            'columns.day = { type = "DATE" }\n'
            'columns.minutes = { type = "DOUBLE", min = 0 }\n'
            'columns.remark = { type = "VARCHAR", required = false }\n'
        )
    source_id = read_csv(SOURCE / "sources.csv")[0]["source_id"]
    # Written out of order: the database stores them by `order`.
    (src / "wachttijden.csv").write_text(
        f"source_id,day,minutes,remark\n{source_id},2020-10-02,2.5,\n{source_id},2020-10-01,12,verzonnen\n",
        encoding="utf-8",
    )
    out = tmp_path / "new.duckdb"
    summary = build_database(src, out)
    assert ["wachttijden", "2", "rows"] in [line.split() for line in summary.splitlines()]
    columns, _ = database_contents(out)["wachttijden"]
    assert [tuple(c) for c in columns] == [
        ("source_id", "VARCHAR", "NO"),
        ("day", "DATE", "NO"),
        ("minutes", "DOUBLE", "NO"),
        ("remark", "VARCHAR", "YES"),
    ]
    with Store(out) as store:
        rows = store.query("SELECT strftime(day, '%Y-%m-%d') AS day, minutes, remark FROM wachttijden")
    assert rows == [
        {"day": "2020-10-01", "minutes": 12.0, "remark": "verzonnen"},
        {"day": "2020-10-02", "minutes": 2.5, "remark": None},
    ]


# --- the documentation ------------------------------------------------------------------------


def test_every_table_and_column_is_documented() -> None:
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    for table in load_schema(SOURCE):
        assert f"`{table.name}`" in doc, f"docs/schema.md lacks table {table.name}"
        section = doc.split(f"## `{table.name}`", 1)
        assert len(section) == 2, f"docs/schema.md has no section ## `{table.name}`"
        body = section[1].split("\n## ", 1)[0]
        for col in table.columns:
            assert f"`{col.name}`" in body, f"docs/schema.md lacks {table.name}.{col.name}"
    for source in read_csv(SOURCE / "sources.csv"):
        assert f"`{source['source_id']}`" in doc


def test_every_figures_view_and_its_columns_are_documented(fresh_build: Path) -> None:
    doc = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    section = doc.split("## The one reading of figures", 1)[1].split("\n## ", 1)[0]
    contents = database_contents(fresh_build)
    for table in load_schema(SOURCE):
        if table.figure is None:
            continue
        assert f"`{table.figures_view}`" in section, f"docs/schema.md lacks view {table.figures_view}"
        raw = [c[0] for c in contents[table.name][0]]
        view = [c[0] for c in contents[table.figures_view][0]]
        assert view == [*raw, *READING_COLUMNS]
    for column in READING_COLUMNS:
        assert f"`{column}`" in section, f"docs/schema.md lacks the view column {column}"
    assert "## `build_info`" in doc and "`fingerprint`" in doc.split("## `build_info`", 1)[1]


# --- the one reading of figures ---------------------------------------------------------------


def test_with_one_source_the_views_are_the_tables(fresh_build: Path) -> None:
    """The shipped data is one source: every view row is its table's row, unrevised."""
    with Store(fresh_build) as store:
        for table in load_schema(SOURCE):
            if table.figure is None:
                continue
            raw = store.query(f"SELECT * FROM {table.name} ORDER BY ALL")
            view = store.query(f"SELECT * FROM {table.figures_view} ORDER BY ALL")
            assert len(view) == len(raw) > 0
            for r, v in zip(raw, view, strict=True):
                assert {k: v[k] for k in r} == r
                assert (v["revised"], v["previous_value"], v["previous_source_id"]) == (False, None, None)


def test_a_newer_source_revises_a_figure(src: Path, tmp_path: Path) -> None:
    first = read_csv(src / "sources.csv")[0]
    append_rows(src, "sources.csv", [{**first, "source_id": "fictief-b", "date": "2021-02-01", "number": ""}])
    (old,) = [
        r
        for r in read_csv(src / "monthly.csv")
        if (r["metric"], r["helpline"], r["year"], r["month"]) == ("gesprekken", "", "2020", "9")
    ]
    append_rows(src, "monthly.csv", [{**old, "source_id": "fictief-b", "value": str(int(old["value"]) + 1)}])
    out = tmp_path / "revised.duckdb"
    summary = build_database(src, out)
    assert (
        f"revised in monthly.csv: metric gesprekken, year 2020, month 9: {old['value']} "
        f"({old['source_id']}) -> {int(old['value']) + 1} (fictief-b)"
    ) in summary.splitlines()
    with Store(out) as store:
        rows = store.query(
            "SELECT * FROM monthly_figures WHERE metric = 'gesprekken' AND year = 2020 AND month = 9"
        )
        others = store.query("SELECT count(*) AS n FROM monthly_figures WHERE revised = false")
    assert len(rows) == 1
    assert rows[0]["value"] == int(old["value"]) + 1
    assert (rows[0]["source_id"], rows[0]["revised"]) == ("fictief-b", True)
    assert (rows[0]["previous_value"], rows[0]["previous_source_id"]) == (int(old["value"]), old["source_id"])
    assert others[0]["n"] == len(read_csv(SOURCE / "monthly.csv")) - 1


def test_a_yearly_figure_that_equals_its_twelve_months_builds(src: Path, tmp_path: Path) -> None:
    add_full_year(src, ["10"] * 11 + ["10.5"], "120.5")
    build_database(src, tmp_path / "ok.duckdb")


def test_an_older_source_does_not_win(src: Path, tmp_path: Path) -> None:
    """Row order in the CSV does not matter: an older document appended later is no revision."""
    _, old = monthly_row(src, "gesprekken", 2020, 9)
    add_source(src, "fictief-ouder", "2020-01-15")
    append_rows(src, "monthly.csv", [{**old, "source_id": "fictief-ouder", "value": "64"}])
    out = tmp_path / "older.duckdb"
    summary = build_database(src, out)
    with Store(out) as store:
        (row,) = store.query(
            "SELECT * FROM monthly_figures WHERE metric = 'gesprekken' AND year = 2020 AND month = 9"
        )
    # 808 now revises the older document's figure: its own figure holds, the older one is kept.
    assert (row["source_id"], row["value"]) == (old["source_id"], int(old["value"]))
    assert (row["revised"], row["previous_value"], row["previous_source_id"]) == (True, 64, "fictief-ouder")
    assert f"64 (fictief-ouder) -> {old['value']} ({old['source_id']})" in summary


@pytest.mark.parametrize(
    ("figures", "expected"),
    [
        # (source, date, figure) in CSV order -> (figure, source, previous figure, its source)
        ([("a", "2020-01-01", "65"), ("b", "2021-01-01", "66")], ("66", "b", "65", "a")),
        ([("b", "2021-01-01", "66"), ("a", "2020-01-01", "65")], ("66", "b", "65", "a")),  # order
        ([("a", "2020-01-01", "65"), ("b", "2021-01-01", "65")], ("65", "b", None, None)),  # restated
        (  # restated by a third: the figure it replaced is still the first one's
            [("a", "2020-01-01", "65"), ("b", "2021-01-01", "66"), ("c", "2022-01-01", "66")],
            ("66", "c", "65", "a"),
        ),
        (  # revised twice: the previous figure is the newest one that differs
            [("a", "2020-01-01", "65"), ("b", "2021-01-01", "66"), ("c", "2022-01-01", "67")],
            ("67", "c", "66", "b"),
        ),
        (  # equal dates and equal figures are allowed; the first source id holds
            [("a", "2020-01-01", "65"), ("b", "2020-01-01", "65")],
            ("65", "a", None, None),
        ),
        ([("a", "2020-01-01", "48.5"), ("b", "2021-01-01", "48.50")], ("48.5", "b", None, None)),
    ],
)
def test_the_figures_view_reads_the_newest_source(
    figures: list[tuple[str, str, str]], expected: tuple[str, str, str | None, str | None], tmp_path: Path
) -> None:
    src = Path(shutil.copytree(SOURCE, tmp_path / "source"))
    _, template = monthly_row(src, "gesprekken", 2020, 9)
    for source, date, _ in figures:
        add_source(src, f"fictief-{source}", date)
    # 2018 has no figure in the real data: the invented sources are alone in this month.
    append_rows(
        src,
        "monthly.csv",
        [{**template, "source_id": f"fictief-{s}", "year": "2018", "value": v} for s, _, v in figures],
    )
    out = tmp_path / "views.duckdb"
    build_database(src, out)
    with Store(out) as store:
        rows = store.query(
            "SELECT value, source_id, revised, previous_value, previous_source_id FROM monthly_figures "
            "WHERE metric = 'gesprekken' AND year = 2018"
        )
    value, source, previous, previous_source = expected
    assert rows == [
        {
            "value": Decimal(value),
            "source_id": f"fictief-{source}",
            "revised": previous is not None,
            "previous_value": None if previous is None else Decimal(previous),
            "previous_source_id": None if previous_source is None else f"fictief-{previous_source}",
        }
    ]


@pytest.mark.parametrize("table", [t for t in load_schema(SOURCE) if t.figure], ids=lambda t: t.name)
def test_every_figures_table_is_revised_by_a_newer_source(table: Any, src: Path, tmp_path: Path) -> None:
    add_source(src, "fictief-b", "2021-02-01")
    first = read_csv(src / table.file)[0]
    changed = str(int(Decimal(first[table.figure])) + 1)
    append_rows(src, table.file, [{**first, "source_id": "fictief-b", table.figure: changed}])
    out = tmp_path / "revised.duckdb"
    summary = build_database(src, out)
    where = " AND ".join(f"{c} IS NOT DISTINCT FROM ${c}" for c in table.observation)
    with Store(out) as store:
        types = {c.name: c for c in table.columns}
        params = {c: types[c].parse(first[c]) for c in table.observation}
        rows = store.query(f"SELECT * FROM {table.figures_view} WHERE {where}", params)
        count = store.query(f"SELECT count(*) AS n FROM {table.figures_view}")[0]["n"]
    assert len(rows) == 1
    assert rows[0][table.figure] == int(changed) and rows[0]["source_id"] == "fictief-b"
    assert rows[0]["previous_value"] == types[table.figure].parse(first[table.figure])
    assert (rows[0]["revised"], rows[0]["previous_source_id"]) == (True, first["source_id"])
    assert count == len(read_csv(SOURCE / table.file))  # one row per observation, none added
    assert sum(line.startswith(f"revised in {table.file}: ") for line in summary.splitlines()) == 1


# --- the fixture with a second, fictional source ----------------------------------------------

FIXTURE = REPO / "tests" / "fixtures" / "second_source"
FICTIONAL = "fictief-2021"


def test_the_fixture_is_the_real_data_plus_one_fictional_source() -> None:
    assert (FIXTURE / "schema.toml").read_bytes() == (SOURCE / "schema.toml").read_bytes()
    assert sorted(p.name for p in FIXTURE.glob("*.csv")) == sorted(p.name for p in SOURCE.glob("*.csv"))
    for table in load_schema(SOURCE):
        real, fixture = read_lines(SOURCE / table.file), read_lines(FIXTURE / table.file)
        assert fixture[: len(real)] == real, f"{table.file}: copy the real file to {FIXTURE} again"
        added = [dict(zip(fixture[0], r, strict=True)) for r in fixture[len(real) :]]
        assert all(r["source_id"] == FICTIONAL for r in added), table.file
    (source,) = [r for r in read_csv(FIXTURE / "sources.csv") if r["source_id"] == FICTIONAL]
    assert "FICTIEVE TESTBRON" in source["title"] and "FICTIEF" in source["note"]


def test_the_shipped_data_is_the_real_source_only() -> None:
    with Store(COMMITTED_DB) as store:
        ids = {r["source_id"] for r in store.query("SELECT source_id FROM sources")}
        notes = " ".join(r["title"] + (r["note"] or "") for r in store.query("SELECT * FROM sources"))
    assert FICTIONAL not in ids and "FICTIE" not in notes.upper()


@pytest.fixture(scope="module")
def second_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("second") / "stats.duckdb"
    return out, build_database(FIXTURE, out)


def test_the_fixture_revises_september_and_says_so(second_build: tuple[Path, str]) -> None:
    out, summary = second_build
    revised = [line for line in summary.splitlines() if line.startswith("revised")]
    _, old = monthly_row(SOURCE, "gesprekken", 2020, 9)
    (new,) = [
        r
        for r in read_csv(FIXTURE / "monthly.csv")
        if r["source_id"] == FICTIONAL and (r["metric"], r["year"], r["month"]) == ("gesprekken", "2020", "9")
    ]
    assert revised == [
        f"revised in monthly.csv: metric gesprekken, year 2020, month 9: {old['value']} "
        f"({old['source_id']}) -> {new['value']} ({FICTIONAL})"
    ]
    with Store(out) as store:
        (row,) = store.query(
            "SELECT * FROM monthly_figures WHERE metric = 'gesprekken' AND year = 2020 AND month = 9"
        )
    assert (row["value"], row["source_id"], row["revised"]) == (int(new["value"]), FICTIONAL, True)
    assert (row["previous_value"], row["previous_source_id"]) == (int(old["value"]), old["source_id"])


def test_the_fixture_leaves_every_other_figure_of_808_as_it_was(second_build: tuple[Path, str]) -> None:
    out, _ = second_build
    for table in load_schema(SOURCE):
        if table.figure is None:
            continue
        keys = ", ".join(table.observation)
        with Store(COMMITTED_DB) as store:
            before = {
                tuple(r[c] for c in table.observation): r
                for r in store.query(f"SELECT * FROM {table.figures_view}")
            }
        with Store(out) as store:
            after = {
                tuple(r[c] for c in table.observation): r
                for r in store.query(f"SELECT * FROM {table.figures_view}")
            }
        assert set(before) <= set(after), keys
        for key, row in before.items():
            if after[key]["source_id"] == FICTIONAL:
                continue  # the revision, checked above
            assert after[key] == row, (table.name, key)


def test_the_fixture_has_exact_decimals(second_build: tuple[Path, str]) -> None:
    out, _ = second_build
    expected = [
        (int(r["month"]), Decimal(r["value"]))
        for r in read_csv(FIXTURE / "monthly.csv")
        if r["metric"] == "gespreksduur"
    ]
    assert any(v != int(v) for _, v in expected) and any(v == int(v) for _, v in expected)
    with Store(out) as store:
        rows = store.query(
            "SELECT month, value FROM monthly_figures WHERE metric = 'gespreksduur' ORDER BY month"
        )
        (aggregation,) = store.query("SELECT aggregation FROM metrics WHERE metric = 'gespreksduur'")
    assert [(r["month"], r["value"]) for r in rows] == expected
    # Exactly as written: no float on the way (51.25 stays 51.25), whole ones equal ints.
    assert [str(r["value"]) for r in rows] == [str(v) for _, v in expected]
    assert aggregation == {"aggregation": "mean"}


def test_the_fixture_hours_add_up_per_source(second_build: tuple[Path, str]) -> None:
    out, _ = second_build
    with Store(out) as store:
        totals = store.query("SELECT source_id, value FROM facts WHERE unit = 'uur per week'")
        for fact in totals:
            hours = store.query(
                "SELECT opens, closes FROM opening_hours WHERE source_id = $s", {"s": fact["source_id"]}
            )
            assert sum(_hours(h["opens"], h["closes"]) for h in hours) == fact["value"], fact
    assert {f["source_id"] for f in totals} >= {FICTIONAL}

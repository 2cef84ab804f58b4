"""build-db: every kind of bad source row stops the build, and the committed database is what
the committed CSV sources build.

No figure of a source is written in this file: expected values are read from the CSV files
(printed_totals.csv, facts.csv), so a corrected source needs no test change.
"""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

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

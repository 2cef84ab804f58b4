"""The intent files and their validator (bot.understand.intents): every file loads, no example belongs to
two intents, every query parameter is a declared slot, every query is a single SELECT, and every
query runs against the database with plausible parameters."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest
from conftest import DB, INTENTS

from bot.answer import FAMILIES as HANDLERS
from bot.errors import IntentFileError
from bot.understand.intents import (
    KNOWN_SLOTS,
    LEXICON_FILE,
    NOT_INTENTS,
    IntentSpec,
    check_select_only,
    load_intent,
    load_intents,
    query_parameters,
    validate_intent,
)
from bot.understand.normalize import fold

INTENT_FILES = sorted(p for p in INTENTS.glob("*.toml") if p.name not in NOT_INTENTS)
SPECS = load_intents(INTENTS)
QUERIES = [(s.name, name, sql) for s in SPECS for name, sql in s.queries.items()]


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect(str(DB), read_only=True)
    try:
        yield connection
    finally:
        connection.close()


# -- the files --------------------------------------------------------------------------------


def test_there_are_intent_files() -> None:
    assert len(INTENT_FILES) >= 5
    assert (INTENTS / LEXICON_FILE).is_file()


@pytest.mark.parametrize("path", INTENT_FILES, ids=[p.stem for p in INTENT_FILES])
def test_every_intent_file_loads_and_validates(path: Path) -> None:
    spec = load_intent(path)
    assert spec.name == path.stem
    assert validate_intent(spec) == []
    assert spec.label.strip()
    assert spec.handler in HANDLERS
    assert spec.examples, "an intent is learnt from its examples"
    assert all(e == e.strip() and e for e in spec.examples)


def test_load_intents_reads_every_file_but_the_lexicon() -> None:
    assert sorted(s.name for s in SPECS) == [p.stem for p in INTENT_FILES]
    assert "lexicon" not in {s.name for s in SPECS}


def _key(example: str) -> str:
    """Case, accents, punctuation and spacing do not make two examples different."""
    return " ".join(re.sub(r"[^\w\s]", " ", fold(example)).split())


def test_no_example_under_two_intents() -> None:
    owner: dict[str, str] = {}
    clashes: list[str] = []
    for spec in SPECS:
        for example in spec.examples:
            key = _key(example)
            if key in owner and owner[key] != spec.name:
                clashes.append(f"{example!r}: {owner[key]} and {spec.name}")
            owner.setdefault(key, spec.name)
    assert clashes == []


@pytest.mark.parametrize(("intent", "query", "sql"), QUERIES, ids=[f"{i}.{q}" for i, q, _ in QUERIES])
def test_query_parameters_are_declared_slots(intent: str, query: str, sql: str) -> None:
    spec = next(s for s in SPECS if s.name == intent)
    assert query_parameters(sql) <= set(spec.slots)
    assert set(spec.slots) <= KNOWN_SLOTS


@pytest.mark.parametrize(("intent", "query", "sql"), QUERIES, ids=[f"{i}.{q}" for i, q, _ in QUERIES])
def test_every_query_is_select_only(intent: str, query: str, sql: str) -> None:
    assert check_select_only(sql) is None, f"{intent}.{query}"


# -- the queries against the database -----------------------------------------------------------


def _candidates(con: duckdb.DuckDBPyConnection, spec: IntentSpec, param: str) -> list[Any]:
    """Plausible values for one parameter, read from the database."""

    def column(sql: str) -> list[Any]:
        return [r[0] for r in con.execute(sql).fetchall()]

    if param == "metric":
        return column("SELECT metric FROM metrics ORDER BY metric")
    if param == "helpline":
        return [None, *column("SELECT helpline FROM helplines ORDER BY helpline")]
    if param == "years":
        return [column("SELECT DISTINCT year FROM monthly ORDER BY year")]
    if param == "months":  # every month, or the months the data has (a printed run of months)
        return [list(range(1, 13)), column("SELECT DISTINCT month FROM monthly ORDER BY month")]
    if param == "dimension":
        return [list(spec.options.get("dimensions") or column("SELECT DISTINCT dimension FROM categories"))]
    if param == "excluded":  # helplines left out: none, or one
        return [[], column("SELECT helpline FROM helplines ORDER BY helpline")[:1]]
    if param == "source":  # the newest figures, or one source's own
        return [None, *column("SELECT source_id FROM sources ORDER BY source_id")]
    if param == "sources":
        return [column("SELECT source_id FROM sources ORDER BY source_id")]
    raise AssertionError(f"no plausible value for ${param}")


def _bindings(con: duckdb.DuckDBPyConnection, spec: IntentSpec, sql: str) -> list[dict[str, Any]]:
    bindings: list[dict[str, Any]] = [{}]
    for param in sorted(query_parameters(sql)):
        bindings = [{**b, param: v} for b in bindings for v in _candidates(con, spec, param)]
    return bindings


@pytest.mark.parametrize(("intent", "query", "sql"), QUERIES, ids=[f"{i}.{q}" for i, q, _ in QUERIES])
def test_every_query_runs_and_finds_rows(
    con: duckdb.DuckDBPyConnection, intent: str, query: str, sql: str
) -> None:
    spec = next(s for s in SPECS if s.name == intent)
    found = 0
    for params in _bindings(con, spec, sql):
        cur = con.execute(sql, params) if params else con.execute(sql)
        found += len(cur.fetchall())
    # with some plausible parameters the query finds something: a misspelt table, column or
    # fact id would make it silently empty
    assert found > 0, f"{intent}.{query} found nothing"


_FACT_IDS = re.compile(
    r"fact_id\s*IN\s*\(([^)]*)\)|fact_id\s*=\s*('[^']*')|list_position\(\s*\[([^\]]*)\]\s*,\s*fact_id",
    re.IGNORECASE,
)


def _named_facts(sql: str) -> set[str]:
    return {
        name
        for groups in _FACT_IDS.findall(sql)
        for group in groups
        for name in re.findall(r"'([^']+)'", group)
    }


NAMING_FACTS = [q for q in QUERIES if _named_facts(q[2])]


def test_some_queries_name_facts() -> None:
    assert len(NAMING_FACTS) >= 3


@pytest.mark.parametrize(
    ("intent", "query", "sql"), NAMING_FACTS, ids=[f"{i}.{q}" for i, q, _ in NAMING_FACTS]
)
def test_every_fact_an_intent_names_exists(
    con: duckdb.DuckDBPyConnection, intent: str, query: str, sql: str
) -> None:
    existing = {r[0] for r in con.execute("SELECT fact_id FROM facts").fetchall()}
    assert _named_facts(sql) - existing == set(), f"{intent}.{query}"


# -- the validator on bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT 1",
        "  select * from monthly  ",
        "SELECT * FROM monthly;",  # one trailing semicolon is one statement
        "WITH t AS (SELECT 1 AS a) SELECT a FROM t",
        "SELECT 'drop table x; delete' AS text",  # words inside a string are data
        "SELECT value FROM monthly WHERE metric = $metric OFFSET 1",  # OFFSET is not SET
        "SELECT 'it''s; fine'",
    ],
)
def test_select_only_accepts_reads(sql: str) -> None:
    assert check_select_only(sql) is None


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO monthly VALUES (1)",
        "insert into monthly select * from monthly",
        "DROP TABLE monthly",
        "DELETE FROM monthly",
        "UPDATE monthly SET value = 0",
        "CREATE TABLE x AS SELECT 1",
        "ALTER TABLE monthly ADD COLUMN x INT",
        "SELECT 1; DROP TABLE monthly",
        "SELECT 1; SELECT 2",
        "select 1;select 2;",
        "WITH t AS (SELECT 1) DELETE FROM monthly",
        "ATTACH 'other.db'",
        "COPY monthly TO 'out.csv'",
        "EXPORT DATABASE 'dir'",
        "PRAGMA database_list",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET threads = 1",
        "CALL pragma_version()",
        "CHECKPOINT",
        "EXPLAIN SELECT 1",
        "",
        "   ",
        "monthly",
    ],
)
def test_select_only_rejects_everything_else(sql: str) -> None:
    assert check_select_only(sql) is not None


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("SELECT * FROM monthly WHERE metric = $metric", {"metric"}),
        ("SELECT $a, $b_2, $a", {"a", "b_2"}),
        ("SELECT '$not_a_param' AS x, $real", {"real"}),
        ("SELECT 'it''s $inside' , $outside", {"outside"}),
        ("SELECT 1", set()),
    ],
)
def test_query_parameters(sql: str, params: set[str]) -> None:
    assert query_parameters(sql) == params


def _spec(**changes: Any) -> IntentSpec:
    base: dict[str, Any] = {
        "name": "proef",
        "label": "een proef",
        "handler": "lookup",
        "examples": ("een vraag",),
        "slots": ("metric",),
        "queries": {"q": "SELECT * FROM monthly WHERE metric = $metric"},
    }
    base.update(changes)
    return IntentSpec(**base)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"name": "Proef-Intent"}, "lower_snake_case"),
        ({"examples": ()}, "no examples"),
        ({"slots": ("metric", "kleur")}, "unknown slot"),
        ({"queries": {"q": "DELETE FROM monthly"}}, "does not start with SELECT"),
        ({"queries": {"q": "SELECT 1; DROP TABLE monthly"}}, "more than one statement"),
        ({"queries": {"q": "SELECT * FROM monthly WHERE year = $jaar"}}, "undeclared slot"),
        ({"path": Path("andere_naam.toml")}, "does not match name"),
    ],
)
def test_validate_intent_reports_problems(changes: dict[str, Any], problem: str) -> None:
    problems = validate_intent(_spec(**changes))
    assert any(problem in p for p in problems), problems


def test_validate_intent_accepts_a_good_spec() -> None:
    assert validate_intent(_spec()) == []


GOOD = """name = "{name}"
label = "iets"
handler = "lookup"
examples = ["{example}"]
"""


@pytest.mark.parametrize(
    ("filename", "text", "message"),
    [
        ("kapot.toml", 'name = "kapot"\nlabel = ', "kapot.toml"),
        ("geen_label.toml", 'name = "geen_label"\nhandler = "lookup"\nexamples = ["x"]\n', "missing 'label'"),
        ("verkeerd.toml", GOOD.format(name="anders", example="x"), "does not match"),
        (
            "schrijft.toml",
            GOOD.format(name="schrijft", example="x") + '[queries]\nq = "DROP TABLE monthly"\n',
            "SELECT",
        ),
        (
            "param.toml",
            GOOD.format(name="param", example="x") + '[queries]\nq = "SELECT $year"\n',
            "undeclared",
        ),
    ],
)
def test_load_intent_rejects_bad_files(tmp_path: Path, filename: str, text: str, message: str) -> None:
    path = tmp_path / filename
    path.write_text(text, encoding="utf-8")
    with pytest.raises(IntentFileError, match=re.escape(message)):
        load_intent(path)


def test_load_intents_rejects_an_example_under_two_intents(tmp_path: Path) -> None:
    (tmp_path / "een.toml").write_text(GOOD.format(name="een", example="Hoeveel  chats?"), encoding="utf-8")
    (tmp_path / "twee.toml").write_text(GOOD.format(name="twee", example="hoeveel chats?"), encoding="utf-8")
    with pytest.raises(IntentFileError, match="under both"):
        load_intents(tmp_path)


def test_load_intents_rejects_an_empty_folder(tmp_path: Path) -> None:
    shutil.copy(INTENTS / LEXICON_FILE, tmp_path / LEXICON_FILE)  # the lexicon is no intent
    with pytest.raises(IntentFileError):
        load_intents(tmp_path)


def test_the_real_folder_copied_still_loads(tmp_path: Path) -> None:
    for path in INTENTS.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    assert [s.name for s in load_intents(tmp_path)] == [s.name for s in SPECS]


@pytest.mark.parametrize("spec", SPECS, ids=[s.name for s in SPECS])
def test_a_button_label_fits(spec: IntentSpec) -> None:
    # Telegram shows about 40 characters on a button of "Bedoelde je ...?"
    assert 0 < len(spec.short_label) <= 40, spec.short_label

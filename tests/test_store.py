"""bot.data.store.Store opens the database read-only and turns every way it can be missing or broken
into DatabaseUnavailable; --db and $HULPLIJNBOT_DB choose the file."""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from bot.data import resources
from bot.data.store import Store
from bot.errors import DatabaseUnavailable

REPO = Path(__file__).resolve().parent.parent
COMMITTED_DB = REPO / "data" / "stats.duckdb"


@pytest.fixture
def db_copy(tmp_path: Path) -> Path:
    """A copy, so a store that wrongly wrote would not damage the committed file."""
    path = tmp_path / "stats.duckdb"
    shutil.copyfile(COMMITTED_DB, path)
    return path


def test_store_reads_with_bound_parameters(db_copy: Path) -> None:
    with Store(db_copy) as store:
        source_id = store.query("SELECT source_id FROM sources ORDER BY source_id")[0]["source_id"]
        rows = store.query("SELECT source_id FROM sources WHERE source_id = $s", {"s": source_id})
        assert rows == [{"source_id": source_id}]
        # A value that looks like SQL stays a value.
        assert store.query(
            "SELECT count(*) AS n FROM sources WHERE source_id = $s", {"s": "x' OR '1'='1"}
        ) == [{"n": 0}]


@pytest.mark.parametrize(
    "statement",
    [
        "CREATE TABLE intruder (a INTEGER)",
        "INSERT INTO sources (source_id) VALUES ('x')",
        "UPDATE monthly SET value = value + 1",
        "DELETE FROM monthly",
        "DROP TABLE monthly",
        "COMMENT ON TABLE monthly IS 'changed'",
    ],
)
def test_store_is_read_only(db_copy: Path, statement: str) -> None:
    before = db_copy.read_bytes()
    with Store(db_copy) as store:
        count = store.query("SELECT count(*) AS n FROM monthly")
        with pytest.raises(DatabaseUnavailable):
            store.query(statement)
        assert store.query("SELECT count(*) AS n FROM monthly") == count
    assert db_copy.read_bytes() == before


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="database not found"):
        Store(tmp_path / "missing.duckdb")


def test_a_folder_is_no_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable):
        Store(tmp_path)


@pytest.mark.parametrize(
    "content",
    [
        random.Random(808).randbytes(64 * 1024),
        b"",  # an empty file, e.g. left by a copy that failed
        b"SQLite format 3\x00" + bytes(4080),  # another database's header
    ],
)
def test_corrupt_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "corrupt.duckdb"
    path.write_bytes(content)
    with pytest.raises(DatabaseUnavailable, match="cannot open database"):
        Store(path)
    assert path.read_bytes() == content


def test_truncated_database(tmp_path: Path) -> None:
    path = tmp_path / "truncated.duckdb"
    path.write_bytes(COMMITTED_DB.read_bytes()[:12288])
    with pytest.raises(DatabaseUnavailable):
        store = Store(path)
        store.query("SELECT * FROM monthly")


def test_database_without_the_tables(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE something (a INTEGER)")
    con.close()
    with pytest.raises(DatabaseUnavailable, match="build-db"):
        Store(path)


# --- choosing the database --------------------------------------------------------------------


def test_db_path_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(resources.DB_ENV, str(tmp_path / "from-env.duckdb"))
    assert resources.db_path(tmp_path / "flag.duckdb") == tmp_path / "flag.duckdb"
    assert resources.db_path(str(tmp_path / "flag.duckdb")) == tmp_path / "flag.duckdb"


def test_db_path_from_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(resources.DB_ENV, str(tmp_path / "from-env.duckdb"))
    assert resources.db_path() == tmp_path / "from-env.duckdb"
    assert resources.db_path(None) == tmp_path / "from-env.duckdb"


def test_db_path_default_is_the_bundled_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.DB_ENV, raising=False)
    assert resources.db_path() == resources.bundled_db_path()
    monkeypatch.setenv(resources.DB_ENV, "")  # set but empty counts as unset
    assert resources.db_path() == resources.bundled_db_path()


def _cli() -> list[str]:
    """The installed `hulplijnbot` script of this interpreter, else `python -m bot`."""
    script = Path(sys.executable).with_name("hulplijnbot")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "bot"]


def _run(args: list[str], env_db: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != resources.DB_ENV}
    if env_db is not None:
        env[resources.DB_ENV] = env_db
    return subprocess.run(
        [*_cli(), *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_one_line_error(result: subprocess.CompletedProcess[str], mentions: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("hulplijnbot: ")
    assert mentions in lines[0]
    assert "Traceback" not in result.stderr


def test_build_db_with_a_missing_source_folder(tmp_path: Path) -> None:
    missing, out = tmp_path / "nonexistent", tmp_path / "x.duckdb"
    result = _run(["build-db", "--source", str(missing), "--out", str(out)], None, tmp_path)
    _assert_one_line_error(result, str(missing))
    assert not out.exists()


@pytest.mark.parametrize("how", ["--db", resources.DB_ENV])
def test_ask_with_a_missing_database(tmp_path: Path, how: str) -> None:
    pytest.importorskip("bot.engine")
    missing = tmp_path / "nonexistent.duckdb"
    if how == "--db":
        # --db wins over the environment.
        result = _run(["ask", "--db", str(missing), "x"], str(COMMITTED_DB), tmp_path)
    else:
        result = _run(["ask", "x"], str(missing), tmp_path)
    _assert_one_line_error(result, str(missing))


# --- exact figures ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "text"),
    [
        ("65", "65"),  # a count: Decimal('65'), equal to the int 65
        ("48.5", "48.5"),  # DECIMAL(18,2) gives 48.50; the source wrote 48.5
        ("51.25", "51.25"),
        ("38000", "38000"),  # not 38000.00, and never 3.8E+4
        ("0", "0"),
    ],
)
def test_decimals_come_back_as_the_source_wrote_them(tmp_path: Path, stored: str, text: str) -> None:
    path = tmp_path / "d.duckdb"
    con = duckdb.connect(str(path))
    for table in ("sources", "monthly", "metrics", "monthly_figures"):
        con.execute(f"CREATE TABLE {table} (value DECIMAL(18,2))")
    con.execute("INSERT INTO monthly VALUES (?)", [Decimal(stored)])
    con.close()
    with Store(path) as store:
        ((value,),) = [tuple(r.values()) for r in store.query("SELECT value FROM monthly")]
        (total,) = store.query("SELECT sum(value) AS v FROM monthly")  # DECIMAL(38,2)
    assert isinstance(value, Decimal) and str(value) == text == str(total["v"])
    assert value == Decimal(stored) and (value == int(value)) is ("." not in stored)


def test_a_database_without_the_figures_views_is_too_old(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    for table in ("sources", "monthly", "metrics"):
        con.execute(f"CREATE TABLE {table} (a INTEGER)")
    con.close()
    with pytest.raises(DatabaseUnavailable, match=r"monthly_figures.*build-db"):
        Store(path)

"""The wheel carries the database, the intents and the CSV sources, and an installed (not
editable) hulplijnbot finds them and builds the committed database from its own copy.

The install borrows the dependencies of the running environment (a .pth file pointing at its
site-packages), so the test needs no network beyond what pip needs to build the wheel; a full
install with downloaded dependencies is described in docs/foundation.md.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from bot.data import resources
from bot.data.build import database_contents

pytestmark = pytest.mark.slow  # CI runs it; `pytest -m "not slow"` is the quick loop

REPO = Path(__file__).resolve().parent.parent
COMMITTED_DB = REPO / "data" / "stats.duckdb"


def _run(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in (resources.DB_ENV, "PYTHONPATH")}
    result = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=cwd,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)])
    (built,) = out.glob("hulplijnbot-*.whl")
    return built


def _repo_files(folder: Path) -> list[str]:
    return sorted(
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    )


def test_wheel_carries_database_intents_and_sources(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        assert zf.read("bot/_data/stats.duckdb") == COMMITTED_DB.read_bytes()
    assert "bot/_data/source/schema.toml" in names
    for rel in _repo_files(REPO / "data" / "source"):
        assert f"bot/_data/source/{rel}" in names
    intents = _repo_files(REPO / "intents")
    assert intents, "intents/ is empty"
    for rel in intents:
        assert f"bot/_data/intents/{rel}" in names
    assert "bot/data/build.py" in names
    assert not any(n.startswith(("tests/", ".venv/", "data/")) for n in names)


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed for real; the bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)])
    python = venv / "bin" / "python"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ]
    )
    # Dependencies come from this environment; its own .pth files (the editable install of
    # this clone among them) are not processed for a path added this way.
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    purelib = Path(_run([str(python), "-c", where]).stdout.strip())
    ours = {sysconfig.get_path("purelib"), *site.getsitepackages()}
    (purelib / "_borrowed_dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    return venv / "bin"


def test_installed_package_uses_its_bundled_data(installed: Path, tmp_path: Path) -> None:
    code = (
        "import bot, bot.data.resources as r; print(bot.__file__); print(r.source_dir()); "
        "print(r.intents_dir()); print(r.bundled_db_path()); print(r.db_path())"
    )
    lines = _run([str(installed / "python"), "-c", code], cwd=tmp_path).stdout.splitlines()
    package = Path(lines[0]).parent
    assert REPO not in package.parents, "imported the clone, not the installed package"
    source, intents, db, chosen = map(Path, lines[1:])
    assert source == package / "_data" / "source" and (source / "schema.toml").is_file()
    assert intents == package / "_data" / "intents" and any(intents.iterdir())
    assert db == chosen == package / "_data" / "stats.duckdb" and db.is_file()


def test_installed_build_db_equals_the_committed_database(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.duckdb"
    result = _run([str(installed / "hulplijnbot"), "build-db", "--out", str(out)], cwd=tmp_path)
    assert "monthly" in result.stdout
    assert database_contents(out) == database_contents(COMMITTED_DB)


def test_resources_find_everything_in_the_clone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.DB_ENV, raising=False)
    assert resources.source_dir() == REPO / "data" / "source"
    assert (resources.source_dir() / "schema.toml").is_file()
    assert resources.intents_dir() == REPO / "intents"
    assert any(resources.intents_dir().glob("*.toml"))
    assert resources.bundled_db_path() == COMMITTED_DB
    assert resources.db_path() == COMMITTED_DB

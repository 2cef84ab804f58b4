"""Where the database, the intents and the CSV sources are, in a clone and in a wheel.

In a clone (editable install) they sit beside the package: data/, intents/. In a wheel they are
copied into bot/_data/ (see pyproject.toml). The clone wins when both exist, so a maintainer who
edits intents/ sees the change at once.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from bot.errors import DatabaseUnavailable

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # bot/
_REPO_ROOT = PACKAGE_DIR.parent
_PACKAGED = PACKAGE_DIR / "_data"

DB_ENV = "HULPLIJNBOT_DB"


def _in_clone() -> bool:
    # pyproject.toml marks a clone: site-packages never has one beside the package, while a
    # clone may briefly lack intents/ (git keeps no empty folders).
    return (_REPO_ROOT / "pyproject.toml").is_file() and (_REPO_ROOT / "data" / "source").is_dir()


def intents_dir() -> Path:
    """The folder with one declarative file per intent."""
    return _REPO_ROOT / "intents" if _in_clone() else _PACKAGED / "intents"


def source_dir() -> Path:
    """The folder with the CSV sources and schema.toml."""
    return _REPO_ROOT / "data" / "source" if _in_clone() else _PACKAGED / "source"


def bundled_db_path() -> Path:
    """The database that ships with the code (the one build-db writes by default)."""
    return _REPO_ROOT / "data" / "stats.duckdb" if _in_clone() else _PACKAGED / "stats.duckdb"


def build_target(out: str | os.PathLike[str] | None = None) -> Path:
    """Where build-db writes: `out`, else the clone's data/stats.duckdb. An installed copy has no
    default: its database lives inside the package (site-packages), which a build must not
    overwrite, so it asks for --out (DatabaseUnavailable, one line)."""
    if out:
        return Path(out)
    if _in_clone():
        return bundled_db_path()
    raise DatabaseUnavailable(
        f"dit is een geïnstalleerd pakket: build-db overschrijft de meegeleverde database in "
        f"{bundled_db_path()} niet; geef --out PATH (en gebruik die met --db PATH of $HULPLIJNBOT_DB)"
    )


def db_path(override: str | os.PathLike[str] | None = None) -> Path:
    """The database to read: --db, else $HULPLIJNBOT_DB, else the bundled one."""
    if override:
        return Path(override)
    from_env = os.environ.get(DB_ENV)
    return Path(from_env) if from_env else bundled_db_path()


def cache_dir() -> Path:
    """The user's cache folder for hulplijnbot: $HULPLIJNBOT_CACHE_DIR, else the XDG cache
    folder (masked intent examples, the Dutch word list, charts of `chat`)."""
    base = os.environ.get("HULPLIJNBOT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "hulplijnbot"
    )
    return Path(base)


@cache
def _sentences() -> dict[str, Any]:
    with open(intents_dir() / "texts.toml", "rb") as f:
        return dict(tomllib.load(f).get("texts", {}))


def sentence(key: str, /, **values: Any) -> str:
    """A reply sentence of intents/texts.toml, for the layers below the answer families (tables,
    charts, the reading of figures), which have no texts object of their own."""
    return str(_sentences()[key]).format(**values)

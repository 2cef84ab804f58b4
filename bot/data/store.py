"""Read-only access to data/stats.duckdb: parameterised queries, results cached.

The data is small and never changes while the bot runs, so every result is cached by its SQL
text and parameters; a repeated question costs a dictionary look-up. SQL text only ever comes
from intents/ and from this package, never from a user: user input reaches DuckDB only as
bound `$name` parameters.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from bot.errors import DatabaseUnavailable

Row = dict[str, Any]
# monthly_figures: a database built before the one reading of figures existed is too old.
_REQUIRED_TABLES = ("sources", "monthly", "metrics", "monthly_figures")


def plain_decimal(value: Decimal) -> Decimal:
    """A DECIMAL as the source writes it: 66 for 66.00, 48.5 for 48.50.

    DuckDB hands DECIMAL(18,2) back with two decimals, and str(Decimal("38.00")) reads as
    thirty-eight thousand to a Dutch reader; without the trailing zeros no text shows more
    precision than the source gave. Equal values stay equal (Decimal("66") == 66).
    """
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _plain(value: Any) -> Any:
    return plain_decimal(value) if isinstance(value, Decimal) else value


def _freeze(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return tuple(_freeze(v) for v in value)
    return value


class Store:
    """A read-only DuckDB connection with a result cache. Safe to share between threads."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if not self.path.is_file():
            raise DatabaseUnavailable(f"database not found: {self.path}")
        try:
            self._con = duckdb.connect(str(self.path), read_only=True)
            tables = {
                r[0] for r in self._con.execute("SELECT table_name FROM information_schema.tables").fetchall()
            }
        except duckdb.Error as ex:
            raise DatabaseUnavailable(f"cannot open database {self.path}: {ex}") from None
        missing = [t for t in _REQUIRED_TABLES if t not in tables]
        if missing:
            self._con.close()
            raise DatabaseUnavailable(
                f"database {self.path} lacks table(s) {', '.join(missing)}: rebuild it with "
                "`hulplijnbot build-db`"
            )
        self._lock = threading.Lock()
        self._cache: dict[tuple[str, tuple[tuple[str, Any], ...]], list[Row]] = {}

    def query(self, sql: str, params: Mapping[str, Any] | None = None) -> list[Row]:
        """Rows of a SELECT as dicts; `params` are bound to its `$name` placeholders. DECIMAL values
        come as decimal.Decimal without trailing zeros (plain_decimal)."""
        bound = dict(params or {})
        key = (sql, tuple(sorted((k, _freeze(v)) for k, v in bound.items())))
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            try:
                cur = self._con.execute(sql, bound) if bound else self._con.execute(sql)
                names = [d[0] for d in cur.description or ()]
                rows = [dict(zip(names, map(_plain, r), strict=True)) for r in cur.fetchall()]
            except duckdb.Error as ex:
                raise DatabaseUnavailable(f"query failed on {self.path}: {ex}") from None
            self._cache[key] = rows
        return rows

    def close(self) -> None:
        """Close the connection; the store is unusable afterwards."""
        with self._lock:
            self._con.close()
            self._cache.clear()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

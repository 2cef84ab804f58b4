"""The names the data gives what it counts: metrics, helplines and categories, each with the
words users use for it (its aliases). The understanding stage learns its entities from here, so
a new source brings its own words without a code change."""

from __future__ import annotations

from typing import Any

from bot.data.store import Store

_METRICS = "SELECT metric, label, label_singular, aliases, weak_aliases FROM metrics ORDER BY metric"
_HELPLINES = "SELECT helpline, label, aliases FROM helplines ORDER BY helpline"
_CATEGORIES = "SELECT dimension, category, label, aliases FROM categories ORDER BY dimension, category"


def metrics(store: Store) -> list[dict[str, Any]]:
    """Every metric with its labels and aliases."""
    return store.query(_METRICS)


def helplines(store: Store) -> list[dict[str, Any]]:
    """Every helpline with its label and aliases."""
    return store.query(_HELPLINES)


def categories(store: Store) -> list[dict[str, Any]]:
    """Every category of the share tables, with its dimension, label and aliases."""
    return store.query(_CATEGORIES)

"""The layout of bot/ as the pipeline, checked by walking the code (AST): imports point from the
edges inward, no package imports in a cycle, SQL that reads figures lives only in the data
package (and in intents/), and the engine names no intent."""

from __future__ import annotations

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest
from conftest import INTENTS, REPO

BOT = REPO / "bot"

# What each part may import (besides itself and the standard library and third parties).
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "_version": set(),
    "errors": set(),
    "data": {"errors"},
    "understand": {"model", "data", "errors"},
    "dialogue": {"model", "understand", "data", "errors"},
    "present": {"model", "data", "errors"},
    "answer": {"model", "data", "present", "understand", "errors"},
    "engine": {"model", "data", "understand", "dialogue", "answer", "present", "errors", "_version"},
    "edges": {"*"},
    "package": {"engine", "model", "_version"},  # bot/__init__.py: the public API, imported lazily
    "main": {"edges"},  # bot/__main__.py
}


def part_of(module: str) -> str:
    """'bot.understand.slots' -> 'understand'; 'bot.engine' -> 'engine'; 'bot' -> 'package'."""
    pieces = module.split(".")
    if pieces == ["bot"]:
        return "package"
    if pieces[1] == "__main__":
        return "main"
    return pieces[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(REPO).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """The bot modules a file imports, wherever in the file (also inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "bot"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "bot":
            if node.module == "bot":
                found |= {f"bot.{a.name}" for a in node.names if a.name not in ("__version__",)}
                found.add("bot")
            else:
                found.add(node.module)
    return found


FILES = sorted(BOT.rglob("*.py"))


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_imports_point_inward(path: Path) -> None:
    here = part_of(module_name(path))
    allowed = ALLOWED[here]
    for target in imports(path):
        there = part_of(target)
        if there == here or "*" in allowed:
            continue
        assert there in allowed, f"{path.relative_to(REPO)} ({here}) imports {target} ({there})"


def test_no_cycle_between_parts() -> None:
    graph: dict[str, set[str]] = defaultdict(set)
    for path in FILES:
        here = part_of(module_name(path))
        graph[here] |= {part_of(t) for t in imports(path)} - {here}
    seen: set[str] = set()
    stack: list[str] = []

    def visit(node: str) -> None:
        assert node not in stack, f"import cycle: {' -> '.join([*stack, node])}"
        if node in seen:
            return
        stack.append(node)
        for nxt in sorted(graph[node]):
            visit(nxt)
        stack.pop()
        seen.add(node)

    for node in sorted(graph):
        visit(node)


_SQL = re.compile(r"(?is)^\s*(select|with)\b.+\bfrom\b")
# The statistics database's tables (the Telegram journal's own SQLite table is none of them).
_FIGURE_TABLES = re.compile(
    r"(?i)\b(monthly|yearly|weekly|shares|\w+_figures|metrics|helplines|categories|sources|facts|"
    r"caveats|opening_hours|printed_totals)\b"
)


def sql_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and _SQL.match(node.value)
        and _FIGURE_TABLES.search(node.value)
    ]


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(REPO)) for p in FILES])
def test_sql_lives_in_the_data_package(path: Path) -> None:
    if module_name(path).startswith("bot.data"):
        return
    assert sql_literals(path) == [], f"SQL in {path.relative_to(REPO)}"


def test_the_walker_finds_sql_where_it_is() -> None:
    assert sql_literals(BOT / "data" / "figures.py")  # so the test above can fail


def test_the_engine_names_no_intent() -> None:
    names = {p.stem for p in INTENTS.glob("*.toml")} - {"lexicon", "texts"}
    tree = ast.parse((BOT / "engine.py").read_text(encoding="utf-8"))
    literals = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    assert names, "the intents are found"
    assert literals & names == set()

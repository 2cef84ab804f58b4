"""Intents: one declarative TOML file each in intents/ (lexicon.toml aside).

An intent file holds its name, a short Dutch label (for "Bedoelde je ...?"), the handler (the
mechanism that answers it, see bot/answer/handlers.py), the slots it uses, many example phrasings,
parameterised DuckDB queries (`$slot` parameters, SELECT only) and Dutch answer templates.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from bot.errors import IntentFileError

LEXICON_FILE = "lexicon.toml"
TEXTS_FILE = "texts.toml"
NOT_INTENTS = frozenset({LEXICON_FILE, TEXTS_FILE})
KNOWN_SLOTS = frozenset(
    {
        "metric",
        "helpline",
        "years",
        "months",
        "category",
        "dimension",
        "weekday",
        "hour",
        "aggregation",
        "date",
        "excluded",
        "sources",
        "source",
    }
)
_PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")
_WRITE_WORDS = re.compile(
    r"\b(insert|update|delete|drop|create|alter|attach|detach|copy|export|import|install|load|"
    r"pragma|set|call|checkpoint|vacuum|grant|truncate)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class IntentSpec:
    """One intent file: what it is called, how it is answered, and how it is recognised."""

    name: str
    label: str
    handler: str
    examples: tuple[str, ...]
    slots: tuple[str, ...] = ()
    queries: dict[str, str] = field(default_factory=dict)
    templates: dict[str, str] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    short_label: str = ""  # at most 40 characters, for a button

    @property
    def evidence(self) -> tuple[str, ...]:
        """The kinds of slot that point to this intent when the wording does not decide
        (`[options] evidence`): metric, category, weekday."""
        return tuple(self.options.get("evidence", ()))

    @property
    def requires(self) -> re.Pattern[str] | None:
        """Words one of which a question must have for this intent (`[options] requires_any`)."""
        needs = self.options.get("requires_any")
        return _requires_pattern(tuple(needs)) if needs else None

    @property
    def words(self) -> frozenset[str]:
        """The words of this intent's example phrasings: neutral in a question it answers."""
        return _example_words(self.examples)


@cache
def _requires_pattern(needs: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(rf"(?<![\w]){re.escape(n)}" for n in needs))


@cache
def _example_words(examples: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for e in examples for w in re.findall(r"[a-z0-9]+", e.lower()))


@cache
def query_parameters(sql: str) -> frozenset[str]:
    """The `$name` parameters of a query (string literals excluded); a query's text never
    changes, so each is read once."""
    return frozenset(_PARAM.findall(re.sub(r"'(?:[^']|'')*'", "''", sql)))


def check_select_only(sql: str) -> str | None:
    """Why this SQL is not a single read-only SELECT, or None when it is."""
    body = re.sub(r"'(?:[^']|'')*'", "''", sql).strip().rstrip(";")
    if ";" in body:
        return "more than one statement"
    if not re.match(r"(?is)^\s*(select|with)\b", body):
        return "does not start with SELECT or WITH"
    bad = _WRITE_WORDS.search(body)
    if bad:
        return f"contains {bad.group(1).upper()}"
    return None


def load_intent(path: Path) -> IntentSpec:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as ex:
        raise IntentFileError(f"{path.name}: {ex}") from None
    for key in ("name", "label", "handler", "examples"):
        if key not in raw:
            raise IntentFileError(f"{path.name}: missing '{key}'")
    examples = raw["examples"]
    if isinstance(examples, str):
        examples = [line.strip() for line in examples.splitlines()]
    examples = tuple(e.lstrip("- ").strip() for e in examples if e.strip())
    spec = IntentSpec(
        name=str(raw["name"]),
        label=str(raw["label"]),
        handler=str(raw["handler"]),
        examples=examples,
        slots=tuple(raw.get("slots", ())),
        queries=dict(raw.get("queries", {})),
        templates=dict(raw.get("templates", {})),
        options=dict(raw.get("options", {})),
        path=path,
        short_label=str(raw.get("short_label", raw["label"])),
    )
    problems = validate_intent(spec)
    if problems:
        raise IntentFileError(f"{path.name}: {problems[0]}")
    return spec


def validate_intent(spec: IntentSpec) -> list[str]:
    """What is wrong with one intent, as readable sentences (empty when nothing)."""
    problems: list[str] = []
    if not re.fullmatch(r"[a-z][a-z0-9_]*", spec.name):
        problems.append(f"name {spec.name!r} is not lower_snake_case")
    if spec.path is not None and spec.path.stem != spec.name:
        problems.append(f"file name {spec.path.name} does not match name {spec.name!r}")
    if not spec.examples and spec.handler != "fallback":
        problems.append("no examples")
    unknown = set(spec.slots) - KNOWN_SLOTS
    if unknown:
        problems.append(f"unknown slot(s) {sorted(unknown)}; known: {sorted(KNOWN_SLOTS)}")
    for qname, sql in spec.queries.items():
        reason = check_select_only(sql)
        if reason:
            problems.append(f"query {qname!r} {reason}")
        undeclared = query_parameters(sql) - set(spec.slots)
        if undeclared:
            problems.append(f"query {qname!r} uses undeclared slot(s) {sorted(undeclared)}")
    return problems


def load_intents(directory: Path) -> list[IntentSpec]:
    """Every intent file in the folder, validated; an example under two intents is an error."""
    specs = [load_intent(p) for p in sorted(directory.glob("*.toml")) if p.name not in NOT_INTENTS]
    if not specs:
        raise IntentFileError(f"no intent files in {directory}")
    seen: dict[str, str] = {}
    names: set[str] = set()
    for spec in specs:
        if spec.name in names:
            raise IntentFileError(f"intent {spec.name!r} is defined twice")
        names.add(spec.name)
        for example in spec.examples:
            key = " ".join(example.lower().split())
            if key in seen and seen[key] != spec.name:
                raise IntentFileError(f"example {example!r} is under both {seen[key]!r} and {spec.name!r}")
            seen[key] = spec.name
    return specs

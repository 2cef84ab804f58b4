"""What every answer family shares: the small context object it gets (store, lexicon, intents,
texts; never the engine), the result it returns, and the source line.

The families run only the queries of their own intent files and fill their own templates; the
few sentences that belong to no intent are in intents/texts.toml.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.data.store import Store
from bot.errors import IntentFileError
from bot.model import Answer, Query
from bot.present import dutch
from bot.understand.intents import IntentSpec, query_parameters
from bot.understand.lexicon import Lexicon

Row = dict[str, Any]


class Texts:
    """The sentences of intents/texts.toml, by name."""

    def __init__(self, path: Path) -> None:
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as ex:
            raise IntentFileError(f"{path}: {ex}") from None
        self._texts: dict[str, Any] = dict(raw.get("texts", {}))
        self.examples: tuple[str, ...] = tuple(self._texts.get("examples", ()))

    def __call__(self, key: str, /, **values: Any) -> str:
        """The sentence `key`, with its placeholders filled."""
        return str(self._texts[key]).format(**values)

    def names(self) -> frozenset[str]:
        return frozenset(self._texts)


@dataclass(frozen=True)
class AnswerContext:
    """What an answer family may use: the read-only store, the language, the intents, the texts."""

    store: Store
    lexicon: Lexicon
    specs: Mapping[str, IntentSpec]
    texts: Texts

    def run(self, spec: IntentSpec, name: str, **params: Any) -> list[Row]:
        """Rows of the intent's query `name`, with the parameters it declares bound."""
        sql = spec.queries[name]
        used = query_parameters(sql)
        return self.store.query(sql, {k: v for k, v in params.items() if k in used})

    def label(self, kind: str, key: str) -> str:
        return self.lexicon.label(kind, key)


@dataclass
class Result:
    """An answer, and the query as it was answered (years resolved, say), which the
    conversation carries to the next turn."""

    answer: Answer
    answered_query: Query | None = None
    points: tuple[tuple[int, int], ...] = ()  # (year, month) this answer was about
    notes: list[str] = field(default_factory=list)


def source_line(ctx: AnswerContext, rows: Iterable[Row]) -> str | None:
    """'Bron: schriftelijke vraag nr. 808 van 22 september 2020 (…), antwoord van …', built
    from the sources table for every source the rows come from."""
    sources = {r["source_id"]: r for r in ctx.run(ctx.specs["bron"], "_source_lines")}
    parts: list[str] = []
    seen: set[str] = set()
    for row in rows:
        sid = row.get("source_id")
        if sid not in sources or sid in seen:
            continue
        seen.add(sid)
        s = sources[sid]
        doc = f"{s['kind']} nr. {s['number']} van {dutch.date_label(s['date'])}"
        if s.get("asked_by"):
            doc += f" van {s['asked_by']}"
        answerer = (s.get("answered_by") or "").split(",")[0].strip()
        if answerer and answerer != "de minister":
            doc += f", antwoord van minister {answerer}"
        url = s.get("url")
        parts.append(f"{doc} ({url})" if url else doc)
    if not parts:
        return None
    return "Bron: " + "; ".join(parts) + "."


def finish(
    ctx: AnswerContext, text: str, rows: Iterable[Row], answered: bool, extra: Sequence[str] = ()
) -> Answer:
    """An answer with its source line under it (answers only; a refusal cites nothing)."""
    source = source_line(ctx, list(rows))
    # after a list, the notes go on lines of their own, never glued to the last item
    glue = "\n" if text.rsplit("\n", 1)[-1].startswith("- ") else " "
    body = glue.join(p for p in [text, *extra] if p)
    if source and answered:
        body = f"{body}\n{source}"
    return Answer(text=body, answered=answered, source=source if answered else None)


def fmt(template: str, **values: Any) -> str:
    return template.format(**values)


def refusal(text: str) -> Answer:
    return Answer(text=text, answered=False)

"""What the core returns and carries between turns. Nothing here knows about Telegram."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

# One cell of a table: a label or qualified figure as text ("mei", "> 330"), a figure as a
# number (formatted only when rendered: "38.000" on screen, 38000 in a CSV), or empty.
Cell = str | int | Decimal | None


@dataclass(frozen=True)
class Table:
    """A table answer as values: rendered as monospace text (bot.present.tables.render_text)
    or as an Excel-friendly CSV (bot.present.csv). The first column holds the row labels."""

    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    footer: tuple[tuple[Cell, ...], ...] = ()  # totals and averages, below a rule
    source: str | None = None  # the source line, "Bron: ..."


@dataclass(frozen=True)
class Option:
    """One "Bedoelde je ...?" choice: a short Dutch label and the intent it stands for."""

    label: str
    intent: str


@dataclass(frozen=True)
class ChartRequest:
    """A chart the reply offers. `kind` is one of: maanden (a metric per month, years side by
    side), bezoekers (chat-button visitors beside conversations), doorverwijzingen (referrals
    stacked by helpline), problematiek (problem categories in %)."""

    kind: str
    metric: str | None = None
    years: tuple[int, ...] = ()


@dataclass(frozen=True)
class Context:
    """The conversation state carried to the next turn of one user in one chat.

    `slots` holds what the last question was about (metric, years, months, helpline,
    aggregation, ...); `pending` holds the slots of a question that got "Bedoelde je ...?", so
    that pressing an option answers it.
    """

    intent: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    pending: dict[str, Any] | None = None


@dataclass
class Answer:
    """The reply to one question."""

    text: str
    answered: bool
    intent: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    options: tuple[Option, ...] = ()
    table: Table | None = None
    chart: ChartRequest | None = None
    context: Context = field(default_factory=Context)

    def to_json(self) -> dict[str, Any]:
        """The fields of the `ask --json` contract."""
        return {
            "reply": self.full_text(),
            "answered": self.answered,
            "intent": self.intent,
            "slots": self.slots,
            "source": self.source,
        }

    def full_text(self) -> str:
        """The reply as plain text, with the table (if any) below it."""
        if self.table is None:
            return self.text
        from bot.present.tables import render_text  # the layout lives with the other layouts

        return f"{self.text}\n\n{render_text(self.table)}"

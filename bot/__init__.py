"""hulplijnbot: exact, sourced answers to Dutch questions about helpline statistics.

The package reads as the pipeline (README, "How it works"):

    data/        the CSV sources, build-db, the read-only store and the one reading of figures
    understand/  normalisation, the word list, slots, the intent matcher
    dialogue/    the decision policy, follow-ups, conversations
    answer/      one module per answer family
    present/     Dutch formatting, tables, charts
    edges/       the command line, the terminal chat, batch and evaluation, Telegram
    model.py     the values that cross stages; engine.py wires the stages together

The public API is `Engine`, `Answer` and `Context`; they are imported on first use, so that
`import bot` stays cheap for the edges that need none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot._version import __version__

__all__ = ["Answer", "Context", "Engine", "__version__"]

if TYPE_CHECKING:
    from bot.engine import Engine
    from bot.model import Answer, Context


def __getattr__(name: str) -> Any:
    if name == "Engine":
        from bot.engine import Engine

        return Engine
    if name in ("Answer", "Context"):
        from bot import model

        return getattr(model, name)
    raise AttributeError(f"module 'bot' has no attribute {name!r}")

"""What the handlers share: the engine, the conversations, the journal and the settings.

Typed through PTB's ContextTypes: `context.bot_data` is a BotData, not a dict.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any, Protocol

from telegram.ext import CallbackContext, ExtBot

from bot.dialogue.conversations import Conversations
from bot.edges.telegram.journal import Journal, MemoryLinks
from bot.edges.telegram.settings import Settings
from bot.model import Answer, Context

REFUSE_EVERY = 3600.0  # seconds: a stranger is told "not available" at most this often


class EngineLike(Protocol):
    """What the Telegram layer needs of bot.engine.Engine."""

    store: Any

    def answer(self, question: str, context: Context | None) -> Answer:
        """The reply to one question, given the conversation so far."""
        ...

    def choose(self, intent: str, context: Context | None) -> Answer:
        """The reply to a pressed "Bedoelde je ...?" option."""
        ...

    def scope(self) -> str:
        """One line: which chat, which documents, which months the bot knows."""
        ...

    def close(self) -> None:
        """Release the database."""
        ...


EngineFactory = Callable[[], EngineLike]


class QuestionLinks(Protocol):
    """Where questions too long for a deep link wait for the /start that asks them."""

    def remember_question(self, question: str) -> str:
        """The /start parameter of `question`."""
        ...

    def recall_question(self, key: str) -> str | None:
        """The question behind a /start parameter, or None."""
        ...


class Refusals:
    """Whom the bot told "not available", to tell each at most once per `interval` seconds.

    A flood of strangers must not spend the flood budget the allowed users' answers need.
    """

    def __init__(
        self,
        interval: float = REFUSE_EVERY,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = 10_000,
    ) -> None:
        self.interval = interval
        self._clock = clock
        self._max = max_entries
        self._last: OrderedDict[Hashable, float] = OrderedDict()

    def first(self, key: Hashable) -> bool:
        """True when `key` was not refused within the interval (and counts this refusal)."""
        now = self._clock()
        last = self._last.get(key)
        if last is not None and now - last < self.interval:
            return False
        self._last[key] = now
        self._last.move_to_end(key)
        while len(self._last) > self._max:
            self._last.popitem(last=False)
        return True


@dataclass
class BotState:
    """The engine and the conversations, set up in post_init."""

    engine: EngineLike
    settings: Settings
    links: QuestionLinks = field(default_factory=MemoryLinks)
    conversations: Conversations = field(default_factory=Conversations)
    # The engine is fast; one lock makes "read context, answer, store context" atomic and
    # spares the engine from concurrent threads.
    engine_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Charts are drawn one at a time (each in a child process).
    chart_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Intents too long for callback data, by a short digest of their name.
    long_intents: dict[str, str] = field(default_factory=dict)

    async def ask(self, question: str, key: tuple[int, int] | None) -> Answer:
        """The engine's answer, continuing (and then updating) the context of `key`."""
        async with self.engine_lock:
            ctx = self.conversations.get(*key) if key else None
            answer = await asyncio.to_thread(self.engine.answer, question, ctx)
            if key:
                self.conversations.put(*key, answer.context)
        return answer

    async def choose(self, intent: str, key: tuple[int, int]) -> Answer | None:
        """The answer to a pressed option in the conversation `key`.

        None when that conversation has no open "Bedoelde je ...?" any more.
        """
        async with self.engine_lock:
            ctx = self.conversations.get(*key)
            if ctx is None or ctx.pending is None:
                return None
            answer = await asyncio.to_thread(self.engine.choose, intent, ctx)
            self.conversations.put(*key, answer.context)
        return answer

    async def choose_fresh(self, intent: str, ctx: Context) -> Answer:
        """The answer to an option without stored context (inline mode)."""
        async with self.engine_lock:
            return await asyncio.to_thread(self.engine.choose, intent, ctx)


class BotData:
    """application.bot_data: the settings from the start, the rest once post_init ran."""

    def __init__(self) -> None:
        self.settings = Settings()
        self.journal: Journal | None = None
        self.refusals = Refusals()
        self._state: BotState | None = None

    @property
    def state(self) -> BotState:
        """The engine and conversations (post_init has run)."""
        if self._state is None:
            raise RuntimeError("the bot is not initialised yet (post_init has not run)")
        return self._state

    @state.setter
    def state(self, value: BotState) -> None:
        self._state = value

    def drop_state(self) -> BotState | None:
        """Take the state away (at shutdown) and return it."""
        state, self._state = self._state, None
        return state


HandlerContext = CallbackContext[ExtBot[str], dict[Any, Any], dict[Any, Any], BotData]

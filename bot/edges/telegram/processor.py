"""Which updates run when: side by side, except within one conversation; marked done when handled."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Hashable
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.edges.telegram.journal import Journal

# PTB's processor holds one global semaphore around every update, waiting ones included: with
# a cap of 32, a slow chat with 32 updates stuck stopped every other chat. Ordering is per
# conversation below, so the global cap only bounds memory.
MAX_CONCURRENT_UPDATES = 100_000


class PerConversationProcessor(BaseUpdateProcessor):
    """Runs updates concurrently, except that updates of one (chat, user) run in order.

    A follow-up question must see the context of the question before it, and its answer must arrive after
    that question's. With a journal, an update is marked done once handled (a handler's error is handled too:
    PTB has passed it to the error handler by then); one cancelled or interrupted by a crash is not, and is
    handled again at the next start.
    """

    def __init__(
        self, max_concurrent_updates: int = MAX_CONCURRENT_UPDATES, journal: Journal | None = None
    ) -> None:
        super().__init__(max_concurrent_updates)
        self.journal = journal
        self._locks: dict[Hashable, tuple[asyncio.Lock, int]] = {}

    @staticmethod
    def _key(update: object) -> Hashable:
        if not isinstance(update, Update):
            return None
        chat, user = update.effective_chat, update.effective_user
        return (chat.id if chat else None, user.id if user else None)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Await `coroutine` after the earlier updates of the same conversation."""
        key = self._key(update)
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)
        if self.journal is not None and isinstance(update, Update):
            await self.journal.afinish(update.update_id)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

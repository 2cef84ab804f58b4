"""Conversation contexts per chat and user, forgotten after a quiet period."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable

from bot.model import Context

DEFAULT_TTL_SECONDS = 600.0


class Conversations:
    """Maps (chat, user) to the Context of their last question; two people in one group chat
    never share a context. Entries older than `ttl` seconds are gone."""

    def __init__(
        self,
        ttl: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
        max_entries: int = 100_000,
    ) -> None:
        self.ttl = ttl
        self._clock = clock
        self._max = max_entries
        self._items: dict[tuple[Hashable, Hashable], tuple[float, Context]] = {}
        self._lock = threading.Lock()

    def get(self, chat: Hashable, user: Hashable) -> Context | None:
        """The live context of this user in this chat, or None."""
        with self._lock:
            item = self._items.get((chat, user))
            if item is None:
                return None
            stamp, ctx = item
            if self._clock() - stamp > self.ttl:
                del self._items[(chat, user)]
                return None
            return ctx

    def put(self, chat: Hashable, user: Hashable, context: Context) -> None:
        """Remember the context of this user's latest question."""
        with self._lock:
            if len(self._items) >= self._max:
                self._evict_expired()
            self._items[(chat, user)] = (self._clock(), context)

    def _evict_expired(self) -> None:
        now = self._clock()
        for key in [k for k, (t, _) in self._items.items() if now - t > self.ttl]:
            del self._items[key]
        while len(self._items) >= self._max:  # still full of live entries: drop the oldest
            del self._items[min(self._items, key=lambda k: self._items[k][0])]

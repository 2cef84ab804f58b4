"""How requests reach Telegram: flood limits per chat, retries, a bot that survives bad updates.

Which failure is retried depends on what Telegram may have done with the request:

    RetryAfter (429)                 Telegram refused it: wait as long as it asks, every time
    5xx answer, no connection made   Telegram certainly did not act: retry with backoff
    read timeout, dropped connection the message may be out: never resent, never apologised for
    anything else (400, 403, ...)    certainly failed: the caller apologises

A request that is only cosmetic or time-bound ("typing", a button's acknowledgement, a refusal to a stranger)
is sent best-effort: no waiting for flood budgets, no retries.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import time
import warnings
from collections import deque
from collections.abc import Callable, Coroutine, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

import httpx
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import BaseRateLimiter, ExtBot

from bot.edges.telegram.logs import debugging, ref

log = logging.getLogger(__name__)

# rate_limit_args of a request sent best-effort (see the module docstring).
BEST_EFFORT = "best-effort"
# Pauses before retrying a request Telegram certainly did not act on: about a minute in all.
NETWORK_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 15.0, 30.0)

JSON = bool | dict[str, Any] | list[dict[str, Any]]


class Abandoned(Exception):
    """The bot is stopping and this request was still waiting its turn.

    It is not sent, and its update stays in the journal for the next start.
    """


def safe_to_retry(exc: Exception) -> bool:
    """True when Telegram certainly did not act on the request, so that sending it again is safe.

    It answered with an HTTP error status (5xx), or no connection was made. A read timeout or a connection
    dropped after sending may have delivered it.
    """
    if not isinstance(exc, NetworkError) or isinstance(exc, BadRequest):
        return False
    cause = exc.__cause__
    if isinstance(exc, TimedOut):
        return isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout)
    if cause is None or isinstance(cause, TelegramError):
        return True  # PTB raises a bare NetworkError for a 5xx answer
    return isinstance(cause, httpx.ConnectError)


def maybe_delivered(exc: BaseException) -> bool:
    """True when a failed request may still have been carried out.

    A read timeout, a dropped connection: sending it again could show a message twice.
    """
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest) and not safe_to_retry(exc)


def retry_seconds(exc: RetryAfter) -> float:
    """The wait a 429 asks for, in seconds (without PTB's warning about its int/timedelta transition)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value: int | float | dtm.timedelta = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def counts_as_message(endpoint: str) -> bool:
    """Whether a Bot API method puts a message into a chat, and so spends its flood budget."""
    return endpoint.startswith(("send", "copy", "forward", "edit")) and endpoint != "sendChatAction"


@dataclass
class Window:
    """A sliding window: at most `count` events in any `period` seconds."""

    count: int
    period: float
    times: deque[float] = field(default_factory=deque)

    def wait(self, now: float) -> float:
        """Seconds until one more event fits (0: now)."""
        while self.times and self.times[0] <= now - self.period:
            self.times.popleft()
        return 0.0 if len(self.times) < self.count else self.times[0] + self.period - now

    def take(self, now: float) -> None:
        """Count one event at `now`."""
        self.times.append(now)

    def untake(self, at: float) -> None:
        """Uncount the event taken at `at` (a request Telegram refused put nothing in a chat)."""
        with suppress(ValueError):
            self.times.remove(at)

    def idle(self, now: float) -> bool:
        """Whether no event is left in the window."""
        return self.wait(now) == 0.0 and not self.times


@dataclass
class _Chat:
    """One chat's flood budget and its queue: one request at a time, in order."""

    windows: list[Window]
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    users: int = 0


class PatientRateLimiter(BaseRateLimiter[str]):
    """Telegram's flood limits, per chat, and patience with every 429.

    One message a second in any chat, 20 a minute in a group, 30 a second overall. A chat's messages go out
    one at a time and in order, so a 429 pauses only the chat it came for; other chats keep going. Every
    RetryAfter is waited out, however often it comes: an answer is delayed, never dropped. A message Telegram
    certainly did not act on is retried after NETWORK_DELAYS. Once `abandon` is called (the bot is stopping
    and its time is up) requests still waiting their turn raise Abandoned.

    The rates count per second (overall, chat) and per minute (group); 0 turns a limit off. `time_scale`
    shortens every window and wait (tests: 0.05 runs Telegram's limits 20 times faster).
    """

    def __init__(
        self,
        *,
        overall_max_rate: float = 30,
        group_max_rate: float = 20,
        chat_max_rate: float = 1,
        time_scale: float = 1.0,
        network_delays: Sequence[float] = NETWORK_DELAYS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._scale = time_scale
        self._overall = [Window(int(overall_max_rate), time_scale)] if overall_max_rate else []
        self._chat_rate = chat_max_rate
        self._group_rate = group_max_rate
        self._network_delays = tuple(network_delays)
        self._clock = clock
        self._chats: dict[int | str, _Chat] = {}
        self._abandoned = asyncio.Event()

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    def abandon(self) -> None:
        """Stop waiting: requests waiting for their turn or a retry raise Abandoned from now on.

        Requests already on their way finish.
        """
        if not self._abandoned.is_set():
            log.info("no more waiting for flood limits: unsent answers stay in the journal")
        self._abandoned.set()

    @property
    def abandoned(self) -> bool:
        """Whether `abandon` was called."""
        return self._abandoned.is_set()

    def _windows(self, chat_id: int | str) -> list[Window]:
        group = isinstance(chat_id, str) or chat_id < 0
        windows = [Window(int(self._chat_rate), self._scale)] if self._chat_rate else []
        if group and self._group_rate:
            windows.append(Window(int(self._group_rate), 60 * self._scale))
        return windows

    def _chat(self, chat_id: int | str) -> _Chat:
        entry = self._chats.get(chat_id)
        if entry is None:
            if len(self._chats) > 10_000:  # forget chats whose budget is whole again
                now = self._clock()
                for key in [
                    k for k, c in self._chats.items() if not c.users and all(w.idle(now) for w in c.windows)
                ]:
                    del self._chats[key]
            entry = self._chats[chat_id] = _Chat(self._windows(chat_id))
        return entry

    async def _sleep(self, seconds: float) -> None:
        """Sleep, unless (or until) the limiter is abandoned: then raise Abandoned."""
        if seconds > 0:
            try:
                await asyncio.wait_for(self._abandoned.wait(), seconds)
            except TimeoutError:
                return
        if self._abandoned.is_set():
            raise Abandoned("the bot is stopping")

    async def _turn(self, windows: Sequence[Window]) -> float:
        """Wait until every window has room, then count the request in each.

        Returns the time it was counted at.
        """
        while True:
            now = self._clock()
            wait = max((w.wait(now) for w in windows), default=0.0)
            if wait <= 0:
                break
            await self._sleep(wait)
        for window in windows:
            window.take(now)
        return now

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> JSON:
        """Send the request within the flood limits, retrying as the module docstring says."""
        if self._abandoned.is_set():
            raise Abandoned(endpoint)
        best_effort = rate_limit_args == BEST_EFFORT
        chat_id = data.get("chat_id")
        if best_effort or not counts_as_message(endpoint) or not isinstance(chat_id, int | str):
            # No message: no flood budget, and no network retries either (getMe at start must
            # fail at once without a network; PTB's polling loop retries by itself).
            return await self._attempts(
                callback, args, kwargs, endpoint, best_effort, None, [], retry_network=False
            )
        entry = self._chat(chat_id)
        entry.users += 1
        try:
            async with entry.lock:
                return await self._attempts(
                    callback, args, kwargs, endpoint, False, chat_id, [*entry.windows, *self._overall]
                )
        finally:
            entry.users -= 1

    async def _attempts(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSON]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        best_effort: bool,
        chat_id: int | str | None,
        windows: Sequence[Window],
        *,
        retry_network: bool = True,
    ) -> JSON:
        delays = iter(self._network_delays if retry_network else ())
        waited = 0.0
        while True:
            taken = await self._turn(windows)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                self._uncount(windows, taken)
                if best_effort:
                    raise
                delay = retry_seconds(exc) * self._scale
                waited += delay
                log.info(
                    "%s to chat %s: Telegram asks to wait %.1f s (%.0f s so far)",
                    endpoint,
                    ref(chat_id),
                    delay,
                    waited,
                )
                await self._sleep(delay)
            except NetworkError as exc:
                pause = next(delays, None) if not best_effort and safe_to_retry(exc) else None
                if pause is None:
                    raise
                self._uncount(windows, taken)
                log.warning("%s failed (%s); retrying in %.1f s", endpoint, exc, pause)
                await self._sleep(pause * self._scale)

    @staticmethod
    def _uncount(windows: Sequence[Window], taken: float) -> None:
        """Uncount a request Telegram did not carry out: it put nothing in the chat.

        Its retry may then go as soon as its wait is over.
        """
        for window in windows:
            window.untake(taken)


class TolerantBot(ExtBot[str]):
    """ExtBot that survives an update it cannot read.

    PTB parses a getUpdates batch at once, so a single malformed update (or one of a shape it does not know)
    failed every poll: the offset never moved past it, and the bot answered nobody again while polling in a
    tight loop. When that happens the batch is read again one update at a time: an unreadable one is logged
    and replaced by an empty update with its update_id, which confirms it to Telegram and which no handler
    acts on. (Only then: parsing every update twice costs throughput.)
    """

    _last_batch: list[Any] | None = None

    async def _post(self, endpoint: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, **kwargs)
        if endpoint == "getUpdates":
            if not isinstance(result, list):
                # a NetworkError goes to the polling loop, which retries with a growing pause
                raise NetworkError(f"getUpdates answered a {type(result).__name__}, not a list")
            self._last_batch = result
        return result

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        """The updates of one poll, an unreadable one replaced by an empty update."""
        try:
            return await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:  # read the batch update by update
            readable = [u for u in map(self._readable, self._last_batch or []) if u is not None]
            return Update.de_list(readable, self)

    def _readable(self, raw: Any) -> Any:
        try:
            Update.de_json(raw, self)  # parses a copy: `raw` stays as it came
            return raw
        except Exception as exc:
            update_id = raw.get("update_id") if isinstance(raw, dict) else None
            content = f": {raw!r:.300}" if debugging() else ""
            if not isinstance(update_id, int):
                log.warning("skipped an update without an update_id%s", content)
                return None
            log.warning("update %s could not be read (%s), skipped%s", update_id, type(exc).__name__, content)
            return {"update_id": update_id}


def certainly_failed(exc: BaseException) -> bool:
    """Whether the user certainly got no answer, so that an apology is true.

    The request failed in a way that cannot have delivered it, after every retry.
    """
    if isinstance(exc, Abandoned) or maybe_delivered(exc):
        return False
    return not isinstance(exc, Forbidden)  # blocked by the user: an apology cannot arrive either

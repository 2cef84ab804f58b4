"""Shared pieces of the Telegram tests: a scripted fake engine, update builders in the shape
Telegram sends them, and a context manager that runs the real Application against the fake
Bot API (tests/fake_bot_api.py)."""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import os
import re
import signal
import socket
import ssl
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fake_bot_api import BOT_USER, TOKEN, FakeBotApi
from telegram.ext import Application
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.edges.telegram.app import ALLOWED_UPDATES, build_application
from bot.edges.telegram.settings import Settings
from bot.edges.telegram.transport import PatientRateLimiter
from bot.model import Answer, ChartRequest, Context, Option, Query, Table
from bot.present.tables import render_text

LONG_LINE = "Dit is een lange regel van het antwoord, met cijfers: 1234 & meer."
MAY = "hoeveel gesprekken waren er in mei 2020?"


@functools.cache
def first_line_of_answer(question: str) -> str:
    """The first line of the real engine's answer (the fault tests check that this answer, not
    an apology, arrived; its wording is the core's business)."""
    from bot.engine import Engine

    engine = Engine.open()
    try:
        return engine.answer(question, None).text.split("\n", 1)[0]
    finally:
        engine.close()


class FakeEngine:
    """Answers by keyword, so every Telegram path can be driven deterministically:
    "lang" a reply longer than one message, "bedoel" a "Bedoelde je ...?" with two options,
    "grafiek" a chart, "tabel" a table; anything else echoes the question (markup included)
    and the previous question from the context."""

    def __init__(self) -> None:
        self.store = object()
        self.calls: list[tuple[str, str, Context | None]] = []
        self.closed = False

    def answer(self, question: str, context: Context | None) -> Answer:
        self.calls.append(("answer", question, context))
        previous = context.query.masked if context and context.query else None
        follow = f"\n(vervolg op: {previous})" if previous else ""
        ctx = Context(intent="echo", query=Query(masked=question))
        if "lang" in question:
            return Answer(
                "\n".join(f"{i:03d} {LONG_LINE}" for i in range(80)), True, intent="lang", context=ctx
            )
        if "bedoel" in question:
            return Answer(
                "Bedoelde je:",
                False,
                intent=None,
                options=(
                    Option("gesprekken in mei", "gesprekken_maand"),
                    Option("oproepers in mei", "oproepers_maand"),
                ),
                context=Context(query=Query(masked=question), pending=Query(masked=question)),
            )
        if "grafiek" in question:
            return Answer(
                f"Grafiek van {question.removeprefix('grafiek ')}.",
                True,
                intent="grafiek",
                chart=ChartRequest("maanden", "gesprekken"),
                context=ctx,
            )
        if "tabel" in question:
            return Answer(
                "Per jaar:",
                True,
                intent="tabel",
                table=(table := Table("Per jaar", ("jaar", "<aantal> & co"), (("2019", 440), ("2020", 658)))),
                table_text=render_text(table),
                context=ctx,
            )
        return Answer(
            f"Je vroeg: {question}{follow}\nBron: testbron",
            True,
            intent="echo",
            source="testbron",
            context=ctx,
        )

    def choose(self, intent: str, context: Context | None) -> Answer:
        self.calls.append(("choose", intent, context))
        asked = context.pending.masked if context and context.pending else None
        return Answer(
            f"Gekozen: {intent} (bij: {asked})",
            True,
            intent=intent,
            context=Context(intent=intent, query=Query(masked=intent)),
        )

    def scope(self) -> str:
        return "Ik ken de cijfers van een testbron."

    def close(self) -> None:
        self.closed = True


# --- updates as Telegram sends them ---------------------------------------------------------

_message_ids = itertools.count(1)
_query_ids = itertools.count(1)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram would attach: a leading /command and @mentions."""
    found = []
    command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": command.end()})
    for m in re.finditer(r"(?<![\w@])@[A-Za-z0-9_]{5,32}", text):
        found.append({"type": "mention", "offset": _utf16(text[: m.start()]), "length": _utf16(m.group())})
    return found


def user(user_id: int, name: str = "Eva") -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": name}


def private(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": "Eva"}


def group(chat_id: int) -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": "Kabinet"}


def message(
    text: str, chat: dict[str, Any], sender: dict[str, Any], reply_to: dict[str, Any] | None = None
) -> dict[str, Any]:
    msg: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat,
        "from": sender,
        "text": text,
    }
    if ents := entities(text):
        msg["entities"] = ents
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    return msg


def bot_message(
    text: str, chat: dict[str, Any], message_id: int, buttons: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    msg = {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": BOT_USER, "text": text}
    if buttons:
        msg["reply_markup"] = {"inline_keyboard": [[b] for b in buttons]}
    return msg


def text_update(
    text: str, chat: dict[str, Any], sender: dict[str, Any], reply_to: dict[str, Any] | None = None
) -> dict[str, Any]:
    return {"message": message(text, chat, sender, reply_to)}


def callback_update(data: str, presser: dict[str, Any], on_message: dict[str, Any] | None) -> dict[str, Any]:
    query: dict[str, Any] = {
        "id": str(next(_query_ids)),
        "from": presser,
        "chat_instance": "ci",
        "data": data,
    }
    if on_message is not None:
        query["message"] = on_message
    return {"callback_query": query}


def inline_update(query: str, sender: dict[str, Any]) -> dict[str, Any]:
    return {"inline_query": {"id": str(next(_query_ids)), "from": sender, "query": query, "offset": ""}}


# --- running the real Application ------------------------------------------------------------


# Every test bot keeps its journal under one temporary folder, removed when the tests end.
_STATE_ROOT = tempfile.TemporaryDirectory(prefix="hulplijnbot-tests-")


def fresh_state_dir() -> str:
    """An empty state folder for one bot (the journal lives there)."""
    return tempfile.mkdtemp(dir=_STATE_ROOT.name)


def settings_for(api: FakeBotApi, **env: str) -> Settings:
    """Settings of a bot talking to `api`, with its own empty state folder unless
    HULPLIJNBOT_STATE_DIR is given (a restart with the same journal)."""
    return Settings.from_env(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": api.base_url,
            "TELEGRAM_API_BASE_FILE_URL": api.base_file_url,
            "HULPLIJNBOT_STATE_DIR": fresh_state_dir(),
            **env,
        }
    )


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def _http(pool: int, read_timeout: float | None = None) -> HTTPXRequest:
    """PTB's own HTTP layer, sharing one SSL context (building one per client costs ~50 ms
    per test, and the plain-HTTP fake never uses it) and ignoring proxy variables, so every
    request goes straight to 127.0.0.1."""
    timeouts = {} if read_timeout is None else {"read_timeout": read_timeout}
    return HTTPXRequest(
        connection_pool_size=pool, **timeouts, httpx_kwargs={"verify": _ssl_context(), "trust_env": False}
    )


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def loopback_requests(read_timeout: float | None = None) -> dict[str, HTTPXRequest]:
    """The request objects for build_application in tests (PTB's 5 s read timeout unless
    given; getUpdates waits that long plus its long-polling timeout)."""
    return {"request": _http(16, read_timeout), "get_updates_request": _http(1, read_timeout)}


@asynccontextmanager
async def running_bot(
    api: FakeBotApi,
    engine_factory: Callable[[], Any],
    settings: Settings | None = None,
    rate_limiter: PatientRateLimiter | None = None,
    read_timeout: float | None = None,
) -> AsyncIterator[Application]:
    """The Application polling the fake API, started and stopped as run_polling would."""
    app = build_application(
        settings or settings_for(api),
        engine_factory,
        rate_limiter=rate_limiter,
        **loopback_requests(read_timeout),
    )
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None
    await app.post_init(app)
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1, allowed_updates=ALLOWED_UPDATES)
    await app.start()
    api.app = app
    try:
        yield app
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)


class Recorder:
    """Wraps a real engine: records every call, and leaves closing to its owner (one Engine
    serves a whole test module)."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.store = engine.store
        self.calls: list[tuple[str, str, Context | None]] = []
        self.closed = False

    def answer(self, question: str, context: Context | None) -> Answer:
        self.calls.append(("answer", question, context))
        return self.engine.answer(question, context)

    def choose(self, intent: str, context: Context | None) -> Answer:
        self.calls.append(("choose", intent, context))
        return self.engine.choose(intent, context)

    def scope(self) -> str:
        return self.engine.scope()

    def close(self) -> None:
        self.closed = True


class OfflineRequest(BaseRequest):
    """A Bot API without a network: answers getMe, sendMessage and sendPhoto plausibly and
    records every call in order. Given `expected`, any other method fails loudly (recorded in
    `unexpected`, and an AssertionError)."""

    def __init__(self, expected: set[str] | None = None) -> None:
        self.expected = None if expected is None else expected | {"getMe"}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.unexpected: list[str] = []
        self._ids = iter(range(1000, 10**9))

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[1]
        params = request_data.parameters if request_data else {}
        if self.expected is not None and name not in self.expected:
            self.unexpected.append(name)
            raise AssertionError(f"unexpected Bot API call {name}({params})")
        self.calls.append((name, params))
        result: Any = True
        if name == "getMe":
            result = BOT_USER
        elif name in ("sendMessage", "sendPhoto"):
            result = {
                "message_id": next(self._ids),
                "date": 0,
                "from": BOT_USER,
                "chat": {"id": params["chat_id"], "type": "private"},
            }
            if "text" in params:
                result["text"] = params["text"]
        return 200, json.dumps({"ok": True, "result": result}).encode()


# --- the bot as a real process -------------------------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def process_env(api_base_url: str, state_dir: str, **extra: str) -> dict[str, str]:
    """The environment of `hulplijnbot run` against a local API: no proxy variables, so that
    every request goes straight to 127.0.0.1, and none of our variables from outside."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.lower().endswith("_proxy") and not k.startswith(("HULPLIJNBOT_", "TELEGRAM_"))
    }
    env.update(
        NO_PROXY="127.0.0.1,localhost",
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_API_BASE_URL=api_base_url,
        TELEGRAM_API_BASE_FILE_URL=api_base_url.replace("/bot", "/file/bot"),
        HULPLIJNBOT_STATE_DIR=state_dir,
        HULPLIJNBOT_LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


class BotProcess:
    """`python -m bot run` as a child process against the fake Bot API: the real start-up path
    (run_polling, signal handling, the journal on disk), which can be killed for real."""

    def __init__(self, api: FakeBotApi, state_dir: str, *args: str, **env: str) -> None:
        self.api = api
        self.args = args  # after `run`: --webhook-url and the like
        self.env = process_env(api.base_url, state_dir, **env)
        self.proc: asyncio.subprocess.Process | None = None
        self._stderr = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the process
        self.started = 0.0

    async def start(self) -> BotProcess:
        """Start it and wait until it polls."""
        self.started = time.monotonic()
        self.proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            *self.args,
            cwd=REPO,
            env=self.env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=self._stderr,
        )
        await self.api.wait_for(self._polling, timeout=30)
        return self

    def _polling(self) -> bool:
        """Whether it polls (or, with a webhook, has registered it)."""
        if self.proc is not None and self.proc.returncode is not None:
            raise AssertionError(f"the bot exited with {self.proc.returncode}:\n{self.stderr()}")
        return any(c.method in ("getUpdates", "setWebhook") and c.at > self.started for c in self.api.calls)

    async def kill(self) -> None:
        """kill -9: no clean-up of any kind."""
        assert self.proc is not None
        self.proc.kill()
        await self.proc.wait()

    async def terminate(self, timeout: float = 30) -> int:
        """SIGTERM, as systemd stops it; returns the exit status."""
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.wait_for(self.proc.wait(), timeout)

    def stderr(self) -> str:
        """What it logged."""
        self._stderr.seek(0)
        return self._stderr.read().decode(errors="replace")

    async def close(self) -> None:
        """Make sure it is gone."""
        if self.proc is not None and self.proc.returncode is None:
            await self.kill()
        self._stderr.close()

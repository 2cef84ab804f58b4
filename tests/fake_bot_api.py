"""A fake Telegram Bot API server on 127.0.0.1, so tests run the real PTB stack end to end.

PTB reaches it through ApplicationBuilder.base_url (http://127.0.0.1:PORT/bot). The server
serves getUpdates from a queue the test fills (long-polling briefly), answers the send methods
with plausible objects, records every request with its parsed parameters (form or multipart),
checks what Telegram would refuse (malformed HTML, too long texts and captions, callback data
over 64 bytes) and can be scripted per method (and per chat) to answer 429 with retry_after,
another HTTP error, drop the connection, answer late (having acted), hold the request without
acting on it, or answer garbage, N times; or to answer 429 to every call for a while (`flood`).
It can also go away altogether and come back on the same port. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token_for-the-fake-api"
BOT_ID = 123456
BOT_USERNAME = "hulplijn_testbot"
BOT_USER = {"id": BOT_ID, "is_bot": True, "first_name": "Hulplijnbot", "username": BOT_USERNAME}

# Tags Telegram accepts in parse_mode HTML (https://core.telegram.org/bots/api#html-style).
_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
_TAG_RE = re.compile(r"<(/?)([a-z-]+)(?:\s[^<>]*)?>")
_ENTITY_RE = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def html_error(text: str) -> str | None:
    """Why Telegram would refuse `text` in parse_mode HTML, or None."""
    stack: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "<":
            m = _TAG_RE.match(text, i)
            if m is None or m.group(2) not in _TAGS:
                return f"can't parse entities: unsupported start tag at byte offset {i}"
            closing, name = m.group(1), m.group(2)
            if closing:
                if not stack or stack.pop() != name:
                    return f"can't parse entities: can't find end tag corresponding to {name}"
            else:
                stack.append(name)
            i = m.end()
        elif ch == "&":
            m = _ENTITY_RE.match(text, i)
            if m is None:
                return f"can't parse entities: unescaped & at offset {i}"
            i = m.end()
        else:
            i += 1
    if stack:
        return f"can't parse entities: can't find end tag corresponding to {stack[-1]}"
    return None


def visible(text: str, parse_mode: str | None) -> str:
    """The text as shown, after entity parsing."""
    if parse_mode and parse_mode.upper() == "HTML":
        return unescape(re.sub(r"<[^<>]*>", "", text))
    return text


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    """One request the fake received."""

    method: str
    params: dict[str, str]
    files: dict[str, bytes]
    outcome: str  # "ok", "retry_after", "status", "drop", "garbage", "held" or "refused"
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the fake answered, when it answered ok

    def json(self, key: str, default: Any = None) -> Any:
        """A parameter PTB sent JSON-encoded (numbers, objects), decoded."""
        raw = self.params.get(key)
        return default if raw is None else json.loads(raw)

    @property
    def chat_id(self) -> int | None:
        return self.json("chat_id")

    @property
    def text(self) -> str | None:
        return self.params.get("text") if "text" in self.params else self.params.get("caption")

    @property
    def reply_to(self) -> int | None:
        """The message id this message replies to, if any."""
        params = self.json("reply_parameters")
        return params.get("message_id") if params else None

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.json("reply_markup") or {}
        return [b for row in markup.get("inline_keyboard", []) for b in row]


@dataclass
class Fault:
    """A scripted failure: kind "retry_after" (429), "status" (an HTTP code), "drop", "delay"
    (act on the request, record it as ok, and answer only after `value` milliseconds), "hold"
    (do not act, and answer nothing until `release` or until the client goes away: a request
    lost on the way), "garbage" (answer 200 with a body that is not JSON) or "ok" (answer
    normally: a place in a sequence). `chat_id` limits it to requests for that chat."""

    kind: str
    value: int = 0
    chat_id: int | None = None


class FakeBotApi:
    """The fake server; use `async with FakeBotApi() as api:`."""

    poll_cap = 0.2  # longest a getUpdates waits: keeps polling cheap and shutdown quick

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(10_000)
        self._faults: dict[str, list[Fault]] = {}
        self._changed = asyncio.Event()
        self._commands: dict[str, Any] = {}
        self._runner: web.AppRunner | None = None
        self._last_pushed = 0
        self._released = asyncio.Event()
        self._flood: dict[str, tuple[float, int]] = {}
        # A busier, less predictable server for load tests: each message takes a random time
        # in `latency` (seconds) and a share `flaky` of them is refused with a 429.
        self.latency = (0.0, 0.0)
        self.flaky = 0.0
        self.rng = random.Random(808)
        self.app: Any = None  # the Application under test, when a test helper sets it
        self.port = 0

    # -- lifecycle ------------------------------------------------------------------------

    async def __aenter__(self) -> FakeBotApi:
        await self._serve(0)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.go_away()

    async def _serve(self, port: int) -> None:
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        app.router.add_route("*", "/file/bot{token}/{path:.*}", self._file)
        self._runner = web.AppRunner(app, shutdown_timeout=0.5, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def go_away(self) -> None:
        """Stop serving, as a crashed server: the port refuses connections and open ones
        (a long poll included) end."""
        self._changed.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def come_back(self) -> None:
        """Serve again on the same port, with the same queue and records."""
        await self._serve(self.port)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    # -- what tests drive -----------------------------------------------------------------

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update for getUpdates; returns its update_id."""
        update.setdefault("update_id", next(self._update_ids))
        self._last_pushed = update["update_id"]
        self._updates.append(update)
        self._wake()
        return update["update_id"]

    def script(self, method: str, *faults: Fault) -> None:
        """The next len(faults) calls of `method` fail like this, in order (a fault with a
        chat_id waits for a call for that chat)."""
        self._faults.setdefault(method, []).extend(faults)

    def flood(self, method: str, seconds: float, retry_after: int = 1) -> None:
        """Answer every call of `method` with 429 (retry_after) for the next `seconds`."""
        self._flood[method] = (time.monotonic() + seconds, retry_after)

    def unscript(self) -> None:
        """Forget every scripted fault and flood: the server answers normally again."""
        self._faults.clear()
        self._flood.clear()

    def confirmed(self, update_id: int) -> bool:
        """Whether the server heard that the bot received `update_id` (a getUpdates with a
        later offset that got through)."""
        return any(
            c.method == "getUpdates" and c.outcome == "ok" and int(c.params.get("offset", 0)) > update_id
            for c in self.calls
        )

    def release(self) -> None:
        """Let held requests go: they are dropped, unanswered, as a lost request would be."""
        self._released.set()
        self._released = asyncio.Event()

    def sent(self, method: str = "sendMessage", **where: Any) -> list[Call]:
        """Successful calls of `method`, optionally with chat_id=..., reply_to=... equal."""
        return [
            c
            for c in self.calls
            if c.method == method and c.outcome == "ok" and all(getattr(c, k) == v for k, v in where.items())
        ]

    def of(self, method: str) -> list[Call]:
        """Every call of `method`, failed ones included."""
        return [c for c in self.calls if c.method == method]

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until predicate() is truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            value = predicate()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out after {timeout}s; calls: {self.summary()}")
            await asyncio.sleep(0.01)

    async def wait_sent(
        self, n: int = 1, method: str = "sendMessage", timeout: float = 5.0, **where: Any
    ) -> list[Call]:
        """Wait until at least n successful calls match; return them."""
        return await self.wait_for(
            lambda: len(self.sent(method, **where)) >= n and self.sent(method, **where), timeout
        )

    async def fetched(self, update_id: int | None = None) -> None:
        """Wait until the bot fetched update `update_id` (default: the last one pushed).
        Stopping the Application after this processes it completely, so a test that runs
        its own bot can assert what was (not) sent once the bot has stopped."""
        last = update_id if update_id is not None else self._last_pushed
        await self.wait_for(lambda: self._fetched_past(last))

    async def settle(self, update_id: int | None = None, quiet: float = 0.2) -> None:
        """Wait until the bot fetched the update and then made no call for `quiet` s (for
        asserting that something was NOT sent while the bot keeps running)."""
        await self.fetched(update_id)
        await self.quiet(quiet)

    async def quiet(self, quiet: float = 0.2) -> None:
        """Wait until the bot made no call (but getUpdates) for `quiet` s."""
        while True:
            last = max((c.at for c in self.calls if c.method != "getUpdates"), default=0.0)
            wait = last + quiet - time.monotonic()
            if wait <= 0:
                return
            await asyncio.sleep(wait)

    def summary(self) -> list[tuple[str, str, str | None]]:
        return [(c.method, c.outcome, c.text) for c in self.calls if c.method != "getUpdates"]

    # -- server side ----------------------------------------------------------------------

    def _wake(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def _fetched_past(self, update_id: int) -> bool:
        return any(
            c.method == "getUpdates" and int(c.params.get("offset", 0)) > update_id for c in self.calls
        )

    async def _file(self, request: web.Request) -> web.StreamResponse:
        return web.Response(body=b"fake file")

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._error(401, "Unauthorized")
        method = request.match_info["method"]
        params: dict[str, str] = {}
        files: dict[str, bytes] = {}
        if request.can_read_body:
            form = await request.post()
            for key, value in form.items():
                if isinstance(value, web.FileField):
                    files[key] = value.file.read()
                else:
                    params[key] = str(value)
        fault = self._next_fault(method, params)
        if method.startswith("send") and method != "sendChatAction":
            if fault is None and self.rng.random() < self.flaky:
                fault = Fault("retry_after", 1)
            if self.latency[1]:
                await asyncio.sleep(self.rng.uniform(*self.latency))
        if fault is not None and fault.kind == "ok":
            fault = None
        if fault is not None and fault.kind == "hold":
            self.calls.append(Call(method, params, files, "held"))
            await self._released.wait()
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError
        if fault is not None and fault.kind == "delay":
            # Telegram acted on it (the message is out); only the answer is late.
            response = await self._answer(method, params, files)
            await asyncio.sleep(fault.value / 1000)
            return response
        if fault is not None:
            self.calls.append(Call(method, params, files, fault.kind))
            return await self._fail(request, fault)
        return await self._answer(method, params, files)

    async def _answer(
        self, method: str, params: dict[str, str], files: dict[str, bytes]
    ) -> web.StreamResponse:
        refusal = self._refusal(method, params)
        if refusal is not None:
            self.calls.append(Call(method, params, files, "refused"))
            return self._error(400, f"Bad Request: {refusal}")
        if method == "getUpdates":
            result: Any = await self._get_updates(params)
        else:
            result = self._result(method, params, files)
        self.calls.append(Call(method, params, files, "ok", result=result))
        return web.json_response({"ok": True, "result": result})

    def _next_fault(self, method: str, params: dict[str, str]) -> Fault | None:
        flood = self._flood.get(method)
        if flood is not None and time.monotonic() < flood[0]:
            return Fault("retry_after", flood[1])
        chat = params.get("chat_id")
        faults = self._faults.get(method, [])
        for i, fault in enumerate(faults):
            if fault.chat_id is None or str(fault.chat_id) == chat:
                return faults.pop(i)
        return None

    async def _fail(self, request: web.Request, fault: Fault) -> web.StreamResponse:
        if fault.kind == "retry_after":
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {fault.value}",
                    "parameters": {"retry_after": fault.value},
                },
                status=429,
            )
        if fault.kind == "status":
            return self._error(fault.value, "Internal Server Error")
        if fault.kind == "garbage":
            return web.Response(
                body=b'{"ok": true, "result": [{"update_id": ', content_type="application/json"
            )
        # "drop": close the socket without an answer, as a crashed proxy would
        assert request.transport is not None
        request.transport.abort()
        await asyncio.sleep(0)
        raise asyncio.CancelledError

    @staticmethod
    def _error(status: int, description: str) -> web.Response:
        return web.json_response(
            {"ok": False, "error_code": status, "description": description}, status=status
        )

    @staticmethod
    def _refusal(method: str, params: dict[str, str]) -> str | None:
        """What Telegram would answer 400 for, or None."""
        parse_mode = params.get("parse_mode")
        for key, limit in (("text", 4096), ("caption", 1024)):
            if key not in params:
                continue
            if parse_mode == "HTML" and (err := html_error(params[key])):
                return err
            shown = visible(params[key], parse_mode)
            if key == "text" and not shown.strip() and method.startswith(("send", "edit")):
                return "message text is empty"
            if utf16_len(shown) > limit:
                return "message is too long" if key == "text" else "message caption is too long"
        markup = json.loads(params.get("reply_markup") or "{}")
        for row in markup.get("inline_keyboard", []):
            for button in row:
                data = button.get("callback_data")
                if data is not None and not 1 <= len(data.encode()) <= 64:
                    return "BUTTON_DATA_INVALID"
        if method == "answerInlineQuery":
            for result in json.loads(params.get("results") or "[]"):
                content = result.get("input_message_content", {})
                text = content.get("message_text", "")
                if content.get("parse_mode") == "HTML" and (err := html_error(text)):
                    return err
                if not 1 <= len(result.get("id", "").encode()) <= 64:
                    return "RESULT_ID_INVALID"
        return None

    async def _get_updates(self, params: dict[str, str]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0))
        # Telegram forgets updates below the offset: they count as confirmed.
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            waiter = self._changed
            timeout = min(float(params.get("timeout", 0)), self.poll_cap)
            if timeout > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), timeout)
        limit = int(params.get("limit", 100))
        return self._updates[:limit]

    def _message(self, params: dict[str, str], **extra: Any) -> dict[str, Any]:
        chat_id = json.loads(params["chat_id"])
        kind = "private" if chat_id > 0 else ("supergroup" if str(chat_id).startswith("-100") else "group")
        chat = {"id": chat_id, "type": kind}
        chat.update({"first_name": "Gebruiker"} if kind == "private" else {"title": "Groep"})
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": BOT_USER,
            **extra,
        }

    def _result(self, method: str, params: dict[str, str], files: dict[str, bytes]) -> Any:
        if method == "getMe":
            return {
                **BOT_USER,
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": True,
            }
        if method == "sendMessage":
            return self._message(params, text=params.get("text", ""))
        if method == "sendPhoto":
            photo = [{"file_id": "photo1", "file_unique_id": "p1", "width": 800, "height": 600}]
            caption = {"caption": params["caption"]} if "caption" in params else {}
            return self._message(params, photo=photo, **caption)
        if method == "sendDocument":
            document = {"file_id": "doc1", "file_unique_id": "d1", "file_name": "tabel.csv"}
            caption = {"caption": params["caption"]} if "caption" in params else {}
            return self._message(params, document=document, **caption)
        if method in ("editMessageText", "editMessageReplyMarkup"):
            if "inline_message_id" in params:
                return True
            return {
                **self._message(params),
                "message_id": json.loads(params["message_id"]),
                "text": params.get("text", ""),
            }
        if method == "setMyCommands":
            self._commands[params.get("scope", "")] = json.loads(params["commands"])
            return True
        if method == "getMyCommands":
            return self._commands.get(params.get("scope", ""), [])
        if method == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        return True  # sendChatAction, answerCallbackQuery, deleteWebhook, ...

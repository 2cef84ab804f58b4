"""The Telegram front end without a network: rendering, addressing, callback data, the retry
policy, the update processor, and handlers fed PTB Update objects through a Bot whose
requests fail loudly unless the test expects them."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from fake_bot_api import BOT_ID, BOT_USER, BOT_USERNAME, TOKEN, html_error, utf16_len, visible
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Message, Update
from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import Application
from telegram_helpers import (
    FakeEngine,
    OfflineRequest,
    bot_message,
    group,
    message,
    private,
    text_update,
    user,
)

from bot.edges.telegram.addressing import addressed_question, command_argument
from bot.edges.telegram.app import build_application
from bot.edges.telegram.processor import PerConversationProcessor
from bot.edges.telegram.rendering import choice_data, keyboard, parse_choice, render_chunks
from bot.edges.telegram.settings import Settings
from bot.edges.telegram.texts import EMPTY_ANSWER
from bot.edges.telegram.transport import safe_to_retry
from bot.model import Answer, Option

# --- render_chunks -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "table", "expected"),
    [
        ("Er waren 56 gesprekken.", None, ["Er waren 56 gesprekken."]),
        ("<b>x</b> & y", None, ["&lt;b&gt;x&lt;/b&gt; &amp; y"]),
        ("Per jaar:", "2019  440\n2020  658", ["Per jaar:\n\n<pre>2019  440\n2020  658</pre>"]),
        ("a", "<x> & 'y'", ["a\n\n<pre>&lt;x&gt; &amp; 'y'</pre>"]),
        ("", None, [EMPTY_ANSWER]),
        ("\n\n", None, [EMPTY_ANSWER]),
    ],
)
def test_render_chunks_escapes(text: str, table: str | None, expected: list[str]) -> None:
    assert render_chunks(text, table) == expected


@pytest.mark.parametrize("limit", [60, 100, 4096])
def test_render_chunks_splits_a_long_table_into_pre_blocks(limit: int) -> None:
    table = "\n".join(f"2020  {i:5d} & <meer>" for i in range(400))
    chunks = render_chunks("Tabel:", table, limit=limit)
    assert len(chunks) > 1
    for chunk in chunks:
        assert html_error(chunk) is None and utf16_len(chunk) <= limit
    table_lines = [line for c in chunks for line in visible(c, "HTML").split("\n")][2:]
    assert table_lines == table.split("\n")


def test_render_chunks_cuts_a_line_longer_than_a_message_outside_entities() -> None:
    line = "&<" * 3000  # escaped 9 units per pair: 27000 units
    chunks = render_chunks(line)
    assert all(html_error(c) is None and utf16_len(c) <= 4096 for c in chunks)
    assert "".join(visible(c, "HTML") for c in chunks) == line


_text = st.text(alphabet=st.sampled_from(list("ab <>&\"'\n\t💬é/")), max_size=600)


@settings(max_examples=150, deadline=None)
@given(text=_text, table=st.none() | _text, limit=st.integers(min_value=30, max_value=300))
def test_render_chunks_property(text: str, table: str | None, limit: int) -> None:
    """Every chunk is valid Telegram HTML within the limit, and nothing is lost or added."""
    chunks = render_chunks(text, table, limit=limit)
    assert chunks
    for chunk in chunks:
        assert html_error(chunk) is None
        assert utf16_len(chunk) <= limit
        assert visible(chunk, "HTML").strip()
    original = re.sub(r"\s", "", text + (table or ""))
    shown = re.sub(r"\s", "", "".join(visible(c, "HTML") for c in chunks))
    assert shown == (original or EMPTY_ANSWER.replace(" ", ""))


# --- callback data -------------------------------------------------------------------------


def _state() -> dict[str, str]:
    return {}  # the long intents a bot remembers


@pytest.mark.parametrize("intent", ["gesprekken_maand", "x", "ü" * 20, "a|b", "i" * 200])
@pytest.mark.parametrize("asker", [1, 7_123_456_789_012])
def test_choice_data_round_trips_within_64_bytes(intent: str, asker: int) -> None:
    state = _state()
    data = choice_data(asker, intent, state)
    assert 1 <= len(data.encode()) <= 64
    assert parse_choice(data, state) == (asker, intent)


@pytest.mark.parametrize("data", [None, "", "zomaar", "k|abc|x", "k|5|", "h|5|onbekend", "x|5|intent"])
def test_parse_choice_rejects_foreign_data(data: str | None) -> None:
    assert parse_choice(data, _state()) is None


def test_keyboard_one_button_per_option() -> None:
    answer = Answer("Bedoelde je:", False, options=(Option("A", "a"), Option("B", "b")))
    markup = keyboard(answer, 9, _state())
    assert markup is not None
    assert [[b.text, b.callback_data] for row in markup.inline_keyboard for b in row] == [
        ["A", "k|9|a"],
        ["B", "k|9|b"],
    ]
    assert keyboard(Answer("ja", True), 9, _state()) is None


# --- addressing ----------------------------------------------------------------------------

GROUP = group(-100777)
ANNE = user(501, "Anne")


def _message(text: str, reply_to: dict[str, Any] | None = None) -> Message:
    return Message.de_json(message(text, GROUP, ANNE, reply_to), None)  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("text", "reply_to", "expected"),
    [
        (f"@{BOT_USERNAME} hoeveel gesprekken?", None, "hoeveel gesprekken?"),
        (f"@{BOT_USERNAME}: hoeveel?", None, "hoeveel?"),
        (f"hoeveel @{BOT_USERNAME} gesprekken", None, "hoeveel gesprekken"),
        (f"hé @{BOT_USERNAME.upper()}, hoeveel?", None, "hé , hoeveel?"),
        (f"@{BOT_USERNAME}", None, ""),
        ("💬 hoeveel?", bot_message("x", GROUP, 3), "💬 hoeveel?"),
        ("hoeveel gesprekken?", None, None),
        ("@iemand_anders hoeveel?", None, None),
        (f"mail info@{BOT_USERNAME}.be", None, None),
        ("antwoord", message("x", GROUP, user(9)), None),
    ],
)
def test_addressed_question(text: str, reply_to: dict[str, Any] | None, expected: str | None) -> None:
    assert addressed_question(_message(text, reply_to), BOT_ID, BOT_USERNAME) == expected


def test_text_mention_of_the_bot_addresses_it() -> None:
    data = message("Hulplijnbot hoeveel?", GROUP, ANNE)
    data["entities"] = [{"type": "text_mention", "offset": 0, "length": 11, "user": BOT_USER}]
    msg = Message.de_json(data, None)
    assert msg is not None
    assert addressed_question(msg, BOT_ID, BOT_USERNAME) == "Hulplijnbot hoeveel?"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/vraag hoeveel?", "hoeveel?"),
        (f"/vraag@{BOT_USERNAME}   hoeveel\nin mei?", "hoeveel\nin mei?"),
        ("/vraag", ""),
        ("/grafiek nieuwe oproepers", "nieuwe oproepers"),
    ],
)
def test_command_argument(text: str, expected: str) -> None:
    assert command_argument(_message(text)) == expected


# --- retry policy --------------------------------------------------------------------------


def _caused(exc: Exception, cause: BaseException | None) -> Exception:
    exc.__cause__ = cause
    return exc


@pytest.mark.parametrize(
    ("exc", "retry"),
    [
        (NetworkError("Internal Server Error"), True),  # 5xx answer: Telegram did not act
        (NetworkError("Bad Gateway"), True),
        (_caused(NetworkError("x"), httpx.ConnectError("refused")), True),
        (_caused(TimedOut(), httpx.ConnectTimeout("slow")), True),
        (_caused(TimedOut(), httpx.PoolTimeout("busy")), True),
        (_caused(TimedOut(), httpx.ReadTimeout("slow")), False),  # may have been delivered
        (_caused(TimedOut(), httpx.WriteTimeout("slow")), False),
        (_caused(NetworkError("x"), httpx.RemoteProtocolError("dropped")), False),
        (_caused(NetworkError("x"), httpx.ReadError("reset")), False),
        (BadRequest("message is too long"), False),
    ],
)
def test_safe_to_retry(exc: NetworkError, retry: bool) -> None:
    assert safe_to_retry(exc) is retry


# --- update processor ----------------------------------------------------------------------


def _update(chat_id: int, user_id: int) -> Update:
    data = {**text_update("x", private(chat_id), user(user_id)), "update_id": 1}
    return Update.de_json(data, None)  # type: ignore[return-value]


async def test_processor_orders_one_conversation_and_runs_others_concurrently() -> None:
    processor = PerConversationProcessor(8)
    log: list[str] = []

    async def job(name: str, delay: float) -> None:
        log.append(f"{name}+")
        await asyncio.sleep(delay)
        log.append(f"{name}-")

    await asyncio.gather(
        processor.process_update(_update(1, 1), job("a1", 0.05)),
        processor.process_update(_update(1, 1), job("a2", 0.0)),
        processor.process_update(_update(2, 2), job("b", 0.0)),
    )
    assert log.index("a1-") < log.index("a2+")  # same conversation: in order
    assert log.index("b-") < log.index("a1-")  # another conversation did not wait
    assert processor._locks == {}


# --- handlers, offline -----------------------------------------------------------------------


@pytest.fixture
async def offline() -> AsyncIterator[Callable[[set[str]], Any]]:
    """An initialised Application over an OfflineRequest expecting the given methods."""
    apps: list[Application] = []

    async def make(expected: set[str]) -> tuple[Application, OfflineRequest]:
        request = OfflineRequest(expected)
        engine = FakeEngine()
        app = build_application(
            Settings(token=TOKEN), lambda: engine, request=request, get_updates_request=request
        )
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        apps.append(app)
        return app, request

    yield make
    for app in apps:
        await app.shutdown()


async def _process(app: Application, data: dict[str, Any]) -> None:
    await app.process_update(Update.de_json({**data, "update_id": 1}, app.bot))


@pytest.mark.parametrize("text", ["gewoon gepraat", "@iemand_anders hoi", "/vraag@ander_bot hoeveel?"])
async def test_group_chatter_makes_no_request(offline: Any, text: str) -> None:
    app, request = await offline({"setMyCommands"})
    await _process(app, text_update(text, GROUP, ANNE))
    assert request.unexpected == []
    assert [name for name, _ in request.calls] == ["getMe", "setMyCommands", "setMyCommands"]


@pytest.mark.parametrize(
    ("text", "chat"),
    [
        ("hoeveel gesprekken?", private(501)),
        (f"@{BOT_USERNAME} hoeveel gesprekken?", GROUP),
        ("/vraag hoeveel gesprekken?", GROUP),
    ],
)
async def test_question_makes_one_send_message(offline: Any, text: str, chat: dict[str, Any]) -> None:
    app, request = await offline({"setMyCommands", "sendChatAction", "sendMessage"})
    await _process(app, text_update(text, chat, ANNE))
    sends = [p for name, p in request.calls if name == "sendMessage"]
    assert request.unexpected == []
    assert len(sends) == 1
    assert visible(sends[0]["text"], "HTML").startswith("Je vroeg: hoeveel gesprekken?")
    assert ("reply_parameters" in sends[0]) is (chat["type"] != "private")

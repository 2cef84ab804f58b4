"""Telegram faults that tests/test_telegram_e2e.py does not cover (it has 429, 5xx and a
dropped send): late answers past the read timeout, the Bot API server going away and coming
back on the same port, garbage instead of JSON, and updates the bot cannot read. In each the
bot recovers by itself, answers every question exactly once, and logs what happened."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fake_bot_api import TOKEN, FakeBotApi, Fault, visible
from telegram_helpers import LONG_LINE, FakeEngine, Recorder, private, running_bot, text_update, user

from bot.edges.telegram.texts import APOLOGY
from bot.edges.telegram.transport import TolerantBot
from bot.engine import Engine
from bot.model import Answer, Context

MAY = "hoeveel gesprekken waren er in mei 2020?"
MAY_ANSWER = "Chatgesprekken, mei 2020: 100."
JUNE = "hoeveel gesprekken waren er in juni 2020?"
JUNE_ANSWER = "Chatgesprekken, juni 2020: 80."
# Short enough to keep the tests quick, long enough for a loaded machine: the fake answers in
# milliseconds, and a late answer is DELAY_MS, well past it.
READ_TIMEOUT = 0.4
DELAY_MS = 1500


@pytest.fixture
def engine(real_engine: Engine) -> Recorder:
    return Recorder(real_engine)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.DEBUG, logger="telegram")
    caplog.set_level(logging.DEBUG, logger="bot")
    return caplog


def shown(api: FakeBotApi, chat_id: int) -> list[str]:
    """What the chat received, as shown."""
    return [visible(c.text or "", c.params.get("parse_mode")) for c in api.sent(chat_id=chat_id)]


def logged(caplog: pytest.LogCaptureFixture, needle: str) -> list[logging.LogRecord]:
    return [r for r in caplog.records if needle in r.getMessage()]


async def wait_logged(caplog: pytest.LogCaptureFixture, needle: str, timeout: float = 5.0) -> None:
    for _ in range(int(timeout / 0.01)):
        if logged(caplog, needle):
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never logged {needle!r}")


def answered_once(api: FakeBotApi, chat_id: int, answer: str) -> None:
    replies = shown(api, chat_id)
    assert [r for r in replies if r.startswith(answer)] != [], replies
    assert len([r for r in replies if r.startswith(answer)]) == 1, replies


# --- timeouts ----------------------------------------------------------------------------------


async def test_late_get_updates_is_fetched_again_and_answered_once(
    api: FakeBotApi, engine: Recorder, logs: pytest.LogCaptureFixture
) -> None:
    # The first poll carries the question but answers after the client gave up: the offset did
    # not move, so the next poll brings the same update again.
    question = api.push(text_update(MAY, private(81), user(81)))
    api.script("getUpdates", Fault("delay", DELAY_MS + 1000))  # past read timeout + 1 s poll
    async with running_bot(api, lambda: engine, read_timeout=READ_TIMEOUT):
        await api.wait_sent(chat_id=81)
        await api.settle()
    carrying = [c for c in api.of("getUpdates") if question in [u["update_id"] for u in c.result or []]]
    assert len(carrying) == 2  # the late one, and the one that got through
    answered_once(api, 81, MAY_ANSWER)
    assert len(api.sent(chat_id=81)) == 1
    assert [q for kind, q, _ in engine.calls if kind == "answer"] == [MAY]
    assert logged(logs, "Timed out")


class Slow:
    """An engine that takes `seconds` to answer (long enough for "typing...")."""

    def __init__(self, engine: Engine, seconds: float) -> None:
        self.engine = engine
        self.store = engine.store
        self.seconds = seconds

    def answer(self, question: str, context: Context | None) -> Answer:
        time.sleep(self.seconds)
        return self.engine.answer(question, context)

    def choose(self, intent: str, context: Context | None) -> Answer:
        return self.engine.choose(intent, context)

    def close(self) -> None:
        pass


async def test_late_chat_action_costs_nothing(api: FakeBotApi, real_engine: Engine) -> None:
    # "typing..." goes out after a second; its answer hangs. The reply must not wait for it.
    api.script("sendChatAction", Fault("delay", DELAY_MS))
    async with running_bot(api, lambda: Slow(real_engine, 1.3), read_timeout=READ_TIMEOUT):
        api.push(text_update(MAY, private(82), user(82)))
        [reply] = await api.wait_sent(chat_id=82)
        await api.settle()
    [action] = api.sent("sendChatAction", chat_id=82)
    assert reply.at < action.at + DELAY_MS / 1000
    assert len(api.sent(chat_id=82)) == 1
    answered_once(api, 82, MAY_ANSWER)


async def test_late_send_is_neither_sent_again_nor_apologised_for(
    api: FakeBotApi, engine: Recorder, logs: pytest.LogCaptureFixture
) -> None:
    # Telegram sent the message but its answer came too late. The bot cannot know whether it
    # arrived: sending it again could show it twice, an apology could come before it (or beside
    # it). So it logs, and does neither.
    api.script("sendMessage", Fault("delay", DELAY_MS))
    async with running_bot(api, lambda: engine, read_timeout=READ_TIMEOUT):
        api.push(text_update(MAY, private(83), user(83)))
        await api.wait_sent(chat_id=83)
        await asyncio.sleep(DELAY_MS / 1000)
        await api.settle()
    replies = shown(api, 83)
    assert len(replies) == 1 and replies[0].startswith(MAY_ANSWER)
    assert APOLOGY not in replies
    assert logged(logs, "may or may not have arrived")
    assert not logged(logs, "error while handling update")


async def test_a_part_that_may_have_arrived_does_not_stop_the_next_part(api: FakeBotApi) -> None:
    # A long answer in two messages; the first one's answer comes too late. It is not sent
    # again, and the second part still goes out.
    api.script("sendMessage", Fault("delay", DELAY_MS))
    async with running_bot(api, lambda: FakeEngine(), read_timeout=READ_TIMEOUT):
        api.push(text_update("een lang antwoord", private(87), user(87)))
        await api.wait_sent(2, chat_id=87, timeout=10)
        await asyncio.sleep(DELAY_MS / 1000)
        await api.settle()
    parts = shown(api, 87)
    assert len(parts) == 2 and parts[0].startswith("000 ") and parts[1].endswith(LONG_LINE)


# --- the server goes away and comes back -------------------------------------------------------


async def test_server_gone_during_long_polling_and_back(
    api: FakeBotApi, engine: Recorder, logs: pytest.LogCaptureFixture
) -> None:
    async with running_bot(api, lambda: engine):
        api.push(text_update(MAY, private(84), user(84)))
        await api.wait_sent(chat_id=84)
        await api.go_away()
        await wait_logged(logs, "Exception happened while polling for updates")
        api.push(text_update(JUNE, private(84), user(84)))  # asked while the server is down
        await asyncio.sleep(0.2)
        await api.come_back()
        await api.wait_sent(2, chat_id=84, timeout=10)
        await api.settle()
    replies = shown(api, 84)
    assert len(replies) == 2
    assert replies[0].startswith(MAY_ANSWER) and replies[1].startswith(JUNE_ANSWER)
    assert [q for kind, q, _ in engine.calls if kind == "answer"] == [MAY, JUNE]


class Held:
    """An engine whose answers wait until the test lets them go."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.store = engine.store
        self.asked = threading.Event()
        self.release = threading.Event()

    def answer(self, question: str, context: Context | None) -> Answer:
        self.asked.set()
        assert self.release.wait(10)
        return self.engine.answer(question, context)

    def choose(self, intent: str, context: Context | None) -> Answer:
        return self.engine.choose(intent, context)

    def close(self) -> None:
        pass


async def test_server_gone_when_the_answer_is_ready_is_retried_once_back(
    api: FakeBotApi, real_engine: Engine, logs: pytest.LogCaptureFixture
) -> None:
    # No connection is certainly not a delivery: the rate limiter sends again after a pause.
    held = Held(real_engine)
    async with running_bot(api, lambda: held):
        api.push(text_update(MAY, private(85), user(85)))
        await asyncio.to_thread(held.asked.wait, 5)
        await api.go_away()
        held.release.set()
        await wait_logged(logs, "sendMessage failed")
        await api.come_back()
        await api.wait_sent(chat_id=85, timeout=10)
        await api.settle()
    answered_once(api, 85, MAY_ANSWER)
    assert len(api.sent(chat_id=85)) == 1
    assert logged(logs, "retrying in")


# --- what comes back is not what it should be --------------------------------------------------


async def test_garbage_instead_of_json_is_polled_again(
    api: FakeBotApi, engine: Recorder, logs: pytest.LogCaptureFixture
) -> None:
    api.push(text_update(MAY, private(86), user(86)))
    api.script("getUpdates", Fault("garbage"))
    async with running_bot(api, lambda: engine):
        await api.wait_sent(chat_id=86, timeout=10)
        await api.settle()
    assert api.of("getUpdates")[0].outcome == "garbage"
    answered_once(api, 86, MAY_ANSWER)
    assert len(api.sent(chat_id=86)) == 1
    assert logged(logs, "Exception happened while polling for updates")


def _question(chat_id: int) -> dict[str, Any]:
    return text_update(MAY, private(chat_id), user(chat_id))


def _with_unknown_fields(chat_id: int) -> dict[str, Any]:
    update = _question(chat_id)
    update["message"]["brand_new_field"] = {"x": [1, 2]}
    update["message"]["chat"]["future"] = True
    update["future_update_field"] = "y"
    return update


# (update, whether it holds a question to answer, what the log says about it)
ODD_UPDATES: dict[str, tuple[dict[str, Any], bool, str | None]] = {
    "unknown fields": (_with_unknown_fields(91), True, None),
    "no message at all": ({}, False, None),
    "an unknown kind of update": ({"future_kind": {"id": 5, "text": "x"}}, False, None),
    "a message without chat or date": (
        {"message": {"message_id": 1, "text": MAY}},
        False,
        "could not be read",
    ),
    "a message that is a string": ({"message": MAY}, False, "could not be read"),
    "a message with a malformed sender": (
        {"message": {**_question(92)["message"], "from": {"id": "x"}}},
        False,
        "could not be read",
    ),
    "a date that is a word": (
        {"message": {**_question(94)["message"], "date": "gisteren"}},
        False,
        "could not be read",
    ),
    "an entity without offset": (
        {"message": {**_question(95)["message"], "entities": [{"type": "bold"}]}},
        False,
        "could not be read",
    ),
}


@pytest.mark.parametrize(("odd", "answerable", "note"), list(ODD_UPDATES.values()), ids=list(ODD_UPDATES))
async def test_an_odd_update_does_not_stop_the_bot(
    api: FakeBotApi,
    engine: Recorder,
    logs: pytest.LogCaptureFixture,
    odd: dict[str, Any],
    answerable: bool,
    note: str | None,
) -> None:
    # Before TolerantBot, one update PTB could not parse failed every poll: nobody got an answer
    # again, and the bot polled in a tight loop.
    odd_id = api.push(odd)
    api.push(_question(90))  # in the same batch as the odd one
    async with running_bot(api, lambda: engine):
        await api.wait_sent(chat_id=90)
        api.push(_question(90))  # and in a later batch
        await api.wait_sent(2, chat_id=90)
        await api.settle()
    assert len(api.sent(chat_id=90)) == 2
    asked = [q for kind, q, _ in engine.calls if kind == "answer"]
    assert asked == [MAY] * (3 if answerable else 2)
    if answerable:
        answered_once(api, odd["message"]["chat"]["id"], MAY_ANSWER)
    assert len(api.of("getUpdates")) < 30  # no tight loop over the same batch
    if note is not None:
        [record] = logged(logs, note)
        assert record.levelno == logging.WARNING and f"update {odd_id} " in record.getMessage()
    assert APOLOGY not in [c.text for c in api.sent()]


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ({"update_id": 7, "message": "x"}, {"update_id": 7}),
        ({"update_id": "zeven", "message": "x"}, None),
        ("geen update", None),
        ({"update_id": 8}, {"update_id": 8}),
    ],
)
def test_an_unreadable_update_keeps_only_its_id(
    raw: Any, kept: Any, caplog: pytest.LogCaptureFixture
) -> None:
    # The fake server cannot queue an update without an integer id, so this one is direct.
    bot = TolerantBot(TOKEN)
    assert bot._readable(raw) == kept
    assert bool(caplog.records) is (kept != raw)

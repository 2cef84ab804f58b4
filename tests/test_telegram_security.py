"""No stranger let in, and no person in the log: the allow-list gate under faults, its refusals
under a flood, and what a log line may hold. The real Application against the fake Bot API."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from fake_bot_api import BOT_USERNAME, FakeBotApi, Fault, visible
from telegram_helpers import (
    MAY,
    Recorder,
    bot_message,
    callback_update,
    first_line_of_answer,
    group,
    inline_update,
    private,
    running_bot,
    settings_for,
    text_update,
    user,
)

from bot.edges.telegram.state import Refusals
from bot.edges.telegram.texts import NOT_AVAILABLE
from bot.engine import Engine

MAY_ANSWER = first_line_of_answer(MAY)
GROUP = group(-1001234500)
MEMBER, STRANGER = user(51, "Anne"), user(52, "Zoltan")


@pytest.fixture
def engine(real_engine: Engine) -> Recorder:
    return Recorder(real_engine)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


def asked(engine: Recorder) -> list[str]:
    return [q for kind, q, _ in engine.calls if kind == "answer"]


def figures_sent(api: FakeBotApi) -> list[str]:
    """Every text that went out with a figure in it (successfully or not)."""
    texts = [visible(c.text or "", c.params.get("parse_mode")) for c in api.calls if c.text]
    return [t for t in texts if MAY_ANSWER in t]


# --- the gate decides first --------------------------------------------------------------------

REFUSAL_FAULTS = {
    "server error": Fault("status", 500),
    "dropped connection": Fault("drop"),
    "bad request": Fault("status", 400),
    "flood": Fault("retry_after", 5),
}


@pytest.mark.parametrize("fault", list(REFUSAL_FAULTS.values()), ids=list(REFUSAL_FAULTS))
@pytest.mark.parametrize(
    ("where", "env"),
    [
        ("private", {"HULPLIJNBOT_ALLOWED_USERS": "51"}),
        ("group", {"HULPLIJNBOT_ALLOWED_CHATS": "51"}),
    ],
)
async def test_a_stranger_whose_refusal_fails_gets_no_figure(
    api: FakeBotApi, engine: Recorder, fault: Fault, where: str, env: dict[str, str]
) -> None:
    # Before: the refusal was sent and only then the update stopped; when that send raised,
    # the error handler ran and the normal handlers answered the stranger with the figures.
    api.script("sendMessage", fault)
    chat = private(52) if where == "private" else GROUP
    async with running_bot(api, lambda: engine, settings_for(api, **env)):
        last = api.push(text_update(f"/vraag {MAY}", chat, STRANGER))
        await api.settle(last, quiet=0.3)
    [refusal] = api.of("sendMessage")  # tried once, best-effort: no retry
    assert refusal.outcome != "ok" and visible(refusal.text or "", "HTML") == NOT_AVAILABLE
    assert asked(engine) == [] and figures_sent(api) == []


@pytest.mark.parametrize("method", ["answerCallbackQuery", "answerInlineQuery"])
async def test_a_failing_refusal_of_a_button_or_inline_query_lets_nothing_through(
    api: FakeBotApi, engine: Recorder, method: str
) -> None:
    api.script(method, Fault("status", 500))
    async with running_bot(api, lambda: engine, settings_for(api, HULPLIJNBOT_ALLOWED_USERS="51")):
        if method == "answerCallbackQuery":
            last = api.push(callback_update("k|52|metric", STRANGER, bot_message("x", private(52), 9)))
        else:
            last = api.push(inline_update(MAY, STRANGER))
        await api.settle(last, quiet=0.3)
    assert [c.outcome for c in api.of(method)] == ["status"]
    assert engine.calls == [] and api.sent("sendMessage") == []


async def test_inline_mode_is_closed_with_only_a_chat_list(api: FakeBotApi, engine: Recorder) -> None:
    # An inline query carries no chat to check: with only HULPLIJNBOT_ALLOWED_CHATS, anyone
    # could ask inline. Now nobody can, not even a user whose private chat is on the list.
    async with running_bot(api, lambda: engine, settings_for(api, HULPLIJNBOT_ALLOWED_CHATS="51")):
        api.push(inline_update(MAY, STRANGER))
        last = api.push(inline_update(MAY, MEMBER))
        answers = await api.wait_sent(2, method="answerInlineQuery")
        await api.settle(last)
    assert [a.json("results") for a in answers] == [[], []]
    assert {a.json("button")["text"] for a in answers} == {NOT_AVAILABLE}
    assert engine.calls == []


async def test_inline_mode_opens_with_a_user_list(api: FakeBotApi, engine: Recorder) -> None:
    env = {"HULPLIJNBOT_ALLOWED_CHATS": "51", "HULPLIJNBOT_ALLOWED_USERS": "51"}
    async with running_bot(api, lambda: engine, settings_for(api, **env)):
        api.push(inline_update(MAY, MEMBER))
        [answer] = await api.wait_sent(method="answerInlineQuery")
    [result] = answer.json("results")
    assert visible(result["input_message_content"]["message_text"], "HTML").startswith(MAY_ANSWER)


# --- a flood of strangers ----------------------------------------------------------------------


async def test_strangers_are_refused_once_then_ignored(api: FakeBotApi, engine: Recorder) -> None:
    # 60 messages from 3 strangers: 3 refusals, not 60; the member is answered at once.
    env = {"HULPLIJNBOT_ALLOWED_USERS": "51"}
    async with running_bot(api, lambda: engine, settings_for(api, **env)):
        for i in range(60):
            stranger = 60 + i % 3
            api.push(text_update(f"vraag {i}", private(stranger), user(stranger)))
        started = time.monotonic()
        api.push(text_update(MAY, private(51), MEMBER))
        [answer] = await api.wait_sent(chat_id=51)
        await api.settle()
    assert answer.at - started < 1.0
    refusals = [c for c in api.sent() if c.chat_id != 51]
    assert sorted(c.chat_id or 0 for c in refusals) == [60, 61, 62]
    assert asked(engine) == [MAY]


def test_refusals_come_back_after_an_hour() -> None:
    now = [0.0]
    refusals = Refusals(clock=lambda: now[0], max_entries=2)
    assert refusals.first((1, 1)) is True
    assert refusals.first((1, 1)) is False
    now[0] = 3599
    assert refusals.first((1, 1)) is False
    now[0] = 3600
    assert refusals.first((1, 1)) is True
    refusals.first((2, 2))
    refusals.first((3, 3))  # the oldest is forgotten: memory stays bounded
    assert refusals.first((1, 1)) is True


async def test_a_stranger_may_ask_for_their_id(api: FakeBotApi, engine: Recorder) -> None:
    # /id is how a stranger learns what to give the operator for the allow-list.
    async with running_bot(api, lambda: engine, settings_for(api, HULPLIJNBOT_ALLOWED_USERS="51")):
        api.push(text_update("/id", private(52), STRANGER))
        api.push(text_update(f"/id@{BOT_USERNAME}", GROUP, STRANGER))
        last = api.push(text_update("/id", private(52), STRANGER))  # once an hour
        await api.settle(last)
    private_reply, group_reply = (visible(c.text or "", "HTML") for c in api.sent())
    assert "Je gebruikers-id: 52" in private_reply and "groep" not in private_reply
    assert f"Id van deze groep: {GROUP['id']}" in group_reply
    assert engine.calls == []


# --- log lines -------------------------------------------------------------------------------


async def _error_and_refusal(api: FakeBotApi, engine: Recorder, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(question: str, context: Any) -> Any:
        raise RuntimeError("kapot")

    async with running_bot(api, lambda: engine, settings_for(api, HULPLIJNBOT_ALLOWED_USERS="51")):
        api.push(text_update("geheime vraag van een vreemde", private(52), STRANGER))
        monkeypatch.setattr(engine, "answer", broken)
        last = api.push(text_update("geheime vraag over mei", private(51), MEMBER))
        await api.settle(last)


async def test_log_lines_hold_no_text_and_no_plain_ids(
    api: FakeBotApi, engine: Recorder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await _error_and_refusal(api, engine, monkeypatch)
    lines = [r.getMessage() for r in caplog.records if r.name.startswith("bot")]
    assert any("refused update" in line for line in lines)
    assert any("error while handling update" in line for line in lines)
    text = "\n".join(lines)
    assert "geheime vraag" not in text and "Zoltan" not in text and "Anne" not in text
    assert " 51" not in text and " 52" not in text and "#" in text  # ids as keyed hashes


async def test_debugging_shows_ids_and_text(
    api: FakeBotApi, engine: Recorder, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="bot")
    await _error_and_refusal(api, engine, monkeypatch)
    text = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("bot"))
    assert "geheime vraag over mei" in text and "user 51" in text

"""The update journal: no question lost, none answered twice, across stops and restarts.

First the journal on its own (SQLite in a temporary folder), then the real Application
against the fake Bot API, stopped and started again on the same journal: an offset
confirmation that never reached Telegram, a stop whose time ran out, a webhook update posted
twice. The kill -9 test, with the bot as a real process, is in test_telegram_process.py.
"""

from __future__ import annotations

import json
import logging
import os
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_bot_api import FakeBotApi, Fault, visible
from telegram import Bot, Update
from telegram_helpers import (
    MAY,
    FakeEngine,
    Recorder,
    first_line_of_answer,
    free_port,
    loopback_requests,
    private,
    running_bot,
    settings_for,
    text_update,
    user,
)

from bot.edges.telegram.app import build_application, webhook_options
from bot.edges.telegram.journal import KEEP_DONE, REPLAY_MAX_AGE, Journal, JournalUnavailable
from bot.edges.telegram.transport import PatientRateLimiter
from bot.engine import Engine

MAY_ANSWER = first_line_of_answer(MAY)
BOT = Bot("123456:TEST-token_for-the-fake-api")


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def update(update_id: int, text: str = MAY, chat_id: int = 5) -> Update:
    parsed = Update.de_json(
        {"update_id": update_id, **text_update(text, private(chat_id), user(chat_id))}, BOT
    )
    assert parsed is not None
    return parsed


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def journal(tmp_path: Path, clock: Clock) -> Journal:
    return Journal(tmp_path / "state" / "journal-1.sqlite3", clock=clock)


# --- the journal on its own ------------------------------------------------------------------


def test_an_update_is_received_once(journal: Journal) -> None:
    first = update(1)
    assert journal.receive(first) is True
    assert journal.receive(first) is False  # resent by Telegram: not handled again
    assert journal.receive(Update.de_json(first.to_dict(), BOT)) is False  # as parsed anew
    assert journal.state(1) == "pending"
    journal.finish(1)
    assert journal.receive(first) is False  # answered: not again either
    assert journal.state(1) == "done"


def test_an_id_reused_for_other_content_is_a_new_update(journal: Journal) -> None:
    # Telegram picks update ids afresh after a week without updates; a test server restarts
    # them at 1. Same id, other content: a new question.
    journal.receive(update(1, "eerste vraag"))
    journal.finish(1)
    assert journal.receive(update(1, "andere vraag")) is True
    assert [u.message.text for u in journal.pending(BOT) if u.message] == ["andere vraag"]


def test_pending_updates_come_back_in_order_and_done_ones_lose_their_content(
    journal: Journal, tmp_path: Path
) -> None:
    for update_id in (3, 1, 2):
        journal.receive(update(update_id, f"vraag {update_id}"))
    journal.finish(2)
    assert [u.update_id for u in journal.pending(BOT)] == [1, 3]
    assert [u.message.text for u in journal.pending(BOT) if u.message] == ["vraag 1", "vraag 3"]
    journal.close()
    raw = (tmp_path / "state" / "journal-1.sqlite3").read_bytes()
    assert b"vraag 2" not in raw  # the question of a handled update is not kept


def test_keep_leaves_an_update_pending_once(journal: Journal) -> None:
    journal.receive(update(1))
    journal.keep(1)
    journal.finish(1)  # interrupted by the stop: answered at the next start
    assert journal.state(1) == "pending"
    journal.finish(1)
    assert journal.state(1) == "done"


def test_an_update_older_than_a_day_is_not_answered_any_more(
    journal: Journal, clock: Clock, caplog: pytest.LogCaptureFixture
) -> None:
    journal.receive(update(1))
    clock.now += REPLAY_MAX_AGE + 1
    journal.receive(update(2))
    assert [u.update_id for u in journal.pending(BOT)] == [2]
    assert journal.state(1) == "done"
    assert any("more than a day old" in r.getMessage() for r in caplog.records)


def test_handled_ids_are_forgotten_after_two_days(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "journal.sqlite3"
    journal = Journal(path, clock=clock)
    journal.receive(update(1))
    journal.finish(1)
    journal.close()
    clock.now += KEEP_DONE + 1
    again = Journal(path, clock=clock)  # prunes when it opens
    assert again.state(1) is None


def test_the_journal_is_private_and_in_wal_mode(journal: Journal, tmp_path: Path) -> None:
    journal.receive(update(1))
    path = tmp_path / "state" / "journal-1.sqlite3"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert (tmp_path / "state" / "journal-1.sqlite3-wal").exists()


def test_questions_behind_deep_links_are_remembered(journal: Journal) -> None:
    key = journal.remember_question("een lange vraag " * 10)
    assert key.startswith("k") and len(key) <= 64
    assert journal.recall_question(key) == "een lange vraag " * 10
    assert journal.recall_question("konbekend") is None


@pytest.mark.parametrize("obstacle", ["a file", "no permission"])
def test_a_journal_that_cannot_be_opened_is_an_error(tmp_path: Path, obstacle: str) -> None:
    if obstacle == "a file":
        state_dir = tmp_path / "state"
        state_dir.write_text("not a folder")
    else:
        if os.geteuid() == 0:
            pytest.skip("root may write anywhere")
        state_dir = tmp_path / "locked" / "state"
        state_dir.parent.mkdir(mode=0o500)
    with pytest.raises(JournalUnavailable, match="HULPLIJNBOT_STATE_DIR"):
        Journal.for_bot(state_dir, 123456)


# --- the bot, stopped and started again on the same journal ------------------------------------


@pytest.fixture
def engine(real_engine: Engine) -> Recorder:
    return Recorder(real_engine)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


def answers_per_chat(api: FakeBotApi, chats: range) -> dict[int, int]:
    """How many answers each chat received."""
    return {
        chat: len([c for c in api.sent(chat_id=chat) if visible(c.text or "", "HTML").startswith(MAY_ANSWER)])
        for chat in chats
    }


async def test_a_failed_offset_confirmation_answers_nothing_twice(api: FakeBotApi, engine: Recorder) -> None:
    # The batch arrives, every question is answered, but no later getUpdates gets through, the
    # one at the stop included: Telegram never hears the batch was received and sends it again
    # to the next start (before the journal, 9 of 10 were answered twice).
    chats = range(300, 310)
    last = 0
    for chat in chats:
        last = api.push(text_update(MAY, private(chat), user(chat)))
    api.script("getUpdates", Fault("ok"), *[Fault("status", 500)] * 1000)
    settings = settings_for(api)
    async with running_bot(api, lambda: engine, settings):
        await api.wait_sent(len(chats))
    assert not api.confirmed(last)
    api.unscript()
    async with running_bot(api, lambda: engine, settings):
        await api.fetched(last)  # the same ten again
        await api.settle()
    carrying = [c for c in api.of("getUpdates") if c.outcome == "ok" and c.result]
    assert len(carrying) == 2  # the batch was fetched twice ...
    assert answers_per_chat(api, chats) == dict.fromkeys(chats, 1)  # ... and answered once
    assert len([q for kind, q, _ in engine.calls if kind == "answer"]) == len(chats)


async def test_what_the_stop_left_unanswered_is_answered_at_the_next_start(
    api: FakeBotApi, engine: Recorder
) -> None:
    # Four questions in one chat, one message a second: the stop's time runs out after the
    # first answer. The other three stay in the journal and are answered after the restart.
    settings = settings_for(api)
    limiter = PatientRateLimiter()
    async with running_bot(api, lambda: engine, settings, rate_limiter=limiter):
        for _ in range(4):
            last = api.push(text_update(MAY, private(320), user(320)))
        await api.wait_sent(chat_id=320)
        await api.fetched(last)
        limiter.abandon()  # what SIGTERM's deadline does
    assert len(api.sent(chat_id=320)) == 1
    async with running_bot(api, lambda: engine, settings):
        await api.wait_sent(4, chat_id=320, timeout=10)
        await api.settle()
    assert len(api.sent(chat_id=320)) == 4


async def test_the_journal_holds_updates_only_until_they_are_answered(
    api: FakeBotApi, fake: FakeEngine
) -> None:
    settings = settings_for(api)
    assert settings.state_dir is not None
    async with running_bot(api, lambda: fake, settings):
        first = api.push(text_update("een vraag", private(330), user(330)))
        await api.wait_sent(chat_id=330)
        await api.settle()
        journal = Journal.for_bot(settings.state_dir, 123456)
        assert journal.state(first) == "done"
        assert journal.pending(Bot("123456:x")) == []
        journal.close()


@pytest.fixture
def fake() -> FakeEngine:
    return FakeEngine()


async def test_a_webhook_update_posted_twice_is_answered_once(api: FakeBotApi, engine: Recorder) -> None:
    # Telegram posts an update again when it did not get a 200 in time; so may a proxy.
    port = free_port()
    url = f"http://127.0.0.1:{port}/hulplijnbot/hook"
    app = build_application(settings_for(api), lambda: engine, **loopback_requests())
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None and app.updater
    await app.post_init(app)
    await app.updater.start_webhook(**webhook_options(url, "127.0.0.1", port, "geheim_1"))
    await app.start()
    headers = {"X-Telegram-Bot-Api-Secret-Token": "geheim_1"}
    body = {"update_id": 777, **text_update(MAY, private(340), user(340))}
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(2):
                async with http.post(url, json=body, headers=headers) as response:
                    assert response.status == 200
            await api.wait_sent(chat_id=340)
            async with http.post(url, data=json.dumps(body), headers=headers) as response:
                assert response.status == 200  # once more after it was answered
        await api.quiet(0.3)
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)
    assert answers_per_chat(api, range(340, 341)) == {340: 1}


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{nonsense", "application/json"),  # not JSON
        (b'{"update_id": "zeven", "message": 5}', "application/json"),  # no readable update
        (b"[1, 2, 3]", "application/json"),
        (b"", "text/plain"),
    ],
)
async def test_a_webhook_request_that_is_no_update_gets_200_and_a_log_line(
    api: FakeBotApi, engine: Recorder, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str
) -> None:
    # PTB answered 500 (not JSON) or 400 (malformed): Telegram resends those for a day, and
    # the webhook is stuck behind them.
    port = free_port()
    url = f"http://127.0.0.1:{port}/hook"
    app = build_application(settings_for(api), lambda: engine, **loopback_requests())
    await app.initialize()
    assert app.post_init is not None and app.post_shutdown is not None and app.updater
    await app.post_init(app)
    await app.updater.start_webhook(**webhook_options(url, "127.0.0.1", port, "geheim_1"))
    await app.start()
    try:
        async with aiohttp.ClientSession() as http:
            headers = {"X-Telegram-Bot-Api-Secret-Token": "geheim_1", "Content-Type": content_type}
            async with http.post(url, data=body, headers=headers) as response:
                assert response.status == 200
            async with http.post(url, data=body, headers={"Content-Type": content_type}) as response:
                assert response.status == 403  # without the secret: not from Telegram
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        await app.post_shutdown(app)
    [line] = [r for r in caplog.records if "no readable update" in r.getMessage()]
    assert line.levelno == logging.WARNING and "nonsense" not in line.getMessage()
    assert engine.calls == []

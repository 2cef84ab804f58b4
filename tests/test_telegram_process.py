"""`hulplijnbot run` as a real process against the fake Bot API: the run_polling start-up path,
kill -9 in the middle of a burst, SIGTERM with questions queued, no network, a rejected token,
a journal that cannot be written. Each starts `python -m bot run` (about two seconds)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from fake_bot_api import BOT_USERNAME, FakeBotApi, Fault, visible
from telegram_helpers import (
    MAY,
    REPO,
    BotProcess,
    first_line_of_answer,
    free_port,
    private,
    process_env,
    text_update,
    user,
)

MAY_ANSWER = first_line_of_answer(MAY)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


@pytest.fixture
async def processes() -> AsyncIterator[list[BotProcess]]:
    """Bots started by a test; any left running at its end are killed."""
    started: list[BotProcess] = []
    yield started
    for bot in started:
        await bot.close()


async def start(api: FakeBotApi, state_dir: Path, processes: list[BotProcess]) -> BotProcess:
    bot = BotProcess(api, str(state_dir))
    processes.append(bot)
    return await bot.start()


def answers(api: FakeBotApi, chat_id: int) -> list[str]:
    return [
        text
        for c in api.sent(chat_id=chat_id)
        if (text := visible(c.text or "", c.params.get("parse_mode"))).startswith(MAY_ANSWER)
    ]


async def test_run_polling_answers_and_stops_cleanly(
    api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]
) -> None:
    bot = await start(api, tmp_path, processes)
    api.push(text_update(MAY, private(501), user(501)))
    await api.wait_sent(chat_id=501, timeout=10)
    assert await bot.terminate() == 0
    log = bot.stderr()
    assert f"ready as @{BOT_USERNAME}" in log and "Traceback" not in log
    assert len(answers(api, 501)) == 1
    assert (tmp_path / "journal-123456.sqlite3").exists()


async def test_run_webhook_answers_an_update_posted_twice_once_and_stops_cleanly(
    api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/hulplijnbot"
    bot = BotProcess(
        api,
        str(tmp_path),
        "--webhook-url",
        url,
        "--listen",
        "127.0.0.1",
        "--port",
        str(port),
        HULPLIJNBOT_WEBHOOK_SECRET="geheim_1",
    )
    processes.append(bot)
    await bot.start()
    [hook] = api.sent("setWebhook")
    assert hook.params["url"] == url and hook.params["secret_token"] == "geheim_1"
    body = {"update_id": 42, **text_update(MAY, private(502), user(502))}
    async with aiohttp.ClientSession() as http:
        for _ in range(2):  # Telegram sends it again when it got no 200 in time
            headers = {"X-Telegram-Bot-Api-Secret-Token": "geheim_1"}
            async with http.post(url, json=body, headers=headers) as response:
                assert response.status == 200
    await api.wait_sent(chat_id=502, timeout=10)
    await api.quiet(0.5)
    assert await bot.terminate() == 0
    assert len(answers(api, 502)) == 1
    assert "Traceback" not in bot.stderr()


@pytest.mark.slow
async def test_kill_9_during_a_burst_loses_nothing_and_answers_nothing_twice(
    api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]
) -> None:
    # 40 questions from 40 chats arrive in one batch; the bot confirms the batch to Telegram,
    # answers ten, and the other answers are on their way (held by the server, not yet
    # delivered) when the process is killed. Before the journal: 30 lost.
    chats = range(600, 640)
    bot = await start(api, tmp_path, processes)
    api.script("sendMessage", *[Fault("ok")] * 10, *[Fault("hold")] * 100)
    last = 0
    for chat in chats:
        last = api.push(text_update(MAY, private(chat), user(chat)))
    await api.wait_for(lambda: api.confirmed(last) and len(api.sent()) >= 10, timeout=20)
    await api.wait_for(lambda: [c for c in api.calls if c.outcome == "held"], timeout=10)
    await asyncio.sleep(0.5)  # the ten delivered answers are journaled as done
    await bot.kill()
    api.unscript()
    api.release()
    assert len(api.sent()) == 10

    again = await start(api, tmp_path, processes)
    await api.wait_for(lambda: all(answers(api, chat) for chat in chats), timeout=30)
    await api.quiet(0.5)
    assert await again.terminate() == 0
    assert {chat: len(answers(api, chat)) for chat in chats} == dict.fromkeys(chats, 1)
    assert "answering 30 updates not answered before the last stop" in again.stderr()


@pytest.mark.slow
async def test_sigterm_answers_the_questions_in_hand_before_it_stops(
    api: FakeBotApi, tmp_path: Path, processes: list[BotProcess]
) -> None:
    # Six questions in one chat take five seconds at one message a second. SIGTERM comes
    # after the first answer: the other five still go out, then the process ends by itself.
    bot = await start(api, tmp_path, processes)
    last = 0
    for _ in range(6):
        last = api.push(text_update(MAY, private(650), user(650)))
    await api.wait_for(lambda: api.confirmed(last) and answers(api, 650), timeout=20)
    assert await bot.terminate(timeout=30) == 0
    assert len(answers(api, 650)) == 6
    assert "stopping: answering the updates in hand" in bot.stderr()


def run_once(env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def test_run_without_a_network_says_so_in_one_line_and_exits_1(tmp_path: Path) -> None:
    # Nothing listens on this port: as a machine without a network (or with Telegram blocked).
    proc = run_once(process_env(f"http://127.0.0.1:{free_port()}/bot", str(tmp_path)))
    assert proc.returncode == 1
    assert proc.stderr.startswith("hulplijnbot: cannot reach the Telegram Bot API at 127.0.0.1:")
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


async def test_a_rejected_token_is_one_line_without_the_token(api: FakeBotApi, tmp_path: Path) -> None:
    env = process_env(api.base_url, str(tmp_path), TELEGRAM_BOT_TOKEN="123456:REJECTED-token_of-someone-else")
    proc = await asyncio.to_thread(run_once, env)
    assert proc.returncode == 2
    assert proc.stderr == "hulplijnbot: Telegram rejected TELEGRAM_BOT_TOKEN: check it with @BotFather\n"


def test_a_journal_that_cannot_be_written_stops_the_start(tmp_path: Path) -> None:
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be")
    proc = run_once(process_env(f"http://127.0.0.1:{free_port()}/bot", str(blocked)))
    assert proc.returncode == 2
    assert proc.stderr.startswith("hulplijnbot: cannot open the update journal")
    assert proc.stderr.count("\n") == 1

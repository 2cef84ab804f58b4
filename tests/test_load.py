"""Load: 1,000 questions from 50 chats at once through the fake Bot API (30 private chats and 20
groups of three users), follow-ups interleaved across all conversations. None is lost, none is
answered twice, and each reply is the one a separate Engine gives to that user's own
conversation. Telegram's flood limits are switched off: this tests correctness, not waiting
(tests/test_telegram_e2e.py tests the limiter)."""

from __future__ import annotations

import importlib.machinery
import random
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpcore._synchronization
import pytest
from fake_bot_api import BOT_USERNAME, FakeBotApi
from telegram_helpers import group, private, running_bot, text_update, user

from bot.edges.telegram.rendering import render_chunks
from bot.edges.telegram.texts import APOLOGY
from bot.edges.telegram.transport import PatientRateLimiter
from bot.engine import Engine

QUESTIONS = 1000
PRIVATE_CHATS = 30
GROUPS = 20
USERS_PER_GROUP = 3
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september")
# (how the metric is asked, the years the data has it, its first month)
METRICS = (
    ("gesprekken", (2019, 2020), 1),
    ("nieuwe oproepers", (2019, 2020), 1),
    ("doorverwijzingen van awel", (2020,), 3),
    ("bezoekers van de chatknop", (2020,), 1),
)
BUDGET = 45.0  # seconds for the whole run; it takes a few on a laptop


def conversation(rng: random.Random, length: int) -> list[str]:
    """A user's questions: a figure for a month, then "en in <month>?" and "en in <year>?"
    follow-ups, then a new figure, and so on."""
    questions: list[str] = []
    while len(questions) < length:
        metric, years, first = rng.choice(METRICS)
        month, other = rng.sample(MONTHS[first - 1 :], 2)
        year = rng.choice(years)
        questions += [f"hoeveel {metric} waren er in {month} {year}?", f"en in {other}?"]
        questions.append(
            f"en in {2019 if year == 2020 else 2020}?"
            if len(years) > 1
            else f"en in {rng.choice(MONTHS[first - 1 :])}?"
        )
    return questions[:length]


class Plan:
    """Who asks what: conversations keyed by (chat, user), each with its questions."""

    def __init__(self, seed: int = 808) -> None:
        rng = random.Random(seed)
        keys: list[tuple[dict[str, Any], dict[str, Any]]] = []
        for i in range(PRIVATE_CHATS):
            keys.append((private(7000 + i), user(7000 + i)))
        for g in range(GROUPS):
            chat = group(-1009000 - g)
            keys += [(chat, user(8000 + USERS_PER_GROUP * g + u)) for u in range(USERS_PER_GROUP)]
        base, extra = divmod(QUESTIONS, len(keys))
        self.chats = {c["id"] for c, _ in keys}
        self.people = keys
        self.questions = [conversation(rng, base + (i < extra)) for i in range(len(keys))]
        assert sum(map(len, self.questions)) == QUESTIONS
        assert len(self.chats) == PRIVATE_CHATS + GROUPS

    def updates(self) -> Iterator[tuple[int, dict[str, Any]]]:
        """(conversation index, update), round-robin over the conversations: everyone's
        follow-ups interleave with everyone else's questions."""
        for turn in range(max(map(len, self.questions))):
            for i, ((chat, sender), questions) in enumerate(zip(self.people, self.questions, strict=True)):
                if turn >= len(questions):
                    continue
                text = questions[turn]
                if chat["type"] != "private":  # groups: alternately /vraag and a mention
                    text = f"/vraag {text}" if turn % 2 else f"@{BOT_USERNAME} {text}"
                yield i, text_update(text, chat, sender)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return Plan()


@pytest.fixture(scope="module")
def expected(plan: Plan) -> list[list[str]]:
    """Per conversation, the replies (Telegram HTML) a separate Engine gives, question by
    question, with that conversation's own context."""
    engine = Engine.open()
    try:
        replies = []
        for questions in plan.questions:
            context, texts = None, []
            for question in questions:
                answer = engine.answer(question, context)
                context = answer.context
                chunks = render_chunks(answer.text, answer.table)
                assert len(chunks) == 1, question  # one message per question: countable
                texts.append(chunks[0])
            replies.append(texts)
        return replies
    finally:
        engine.close()


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


def test_the_plan_is_varied(plan: Plan, expected: list[list[str]]) -> None:
    # Replies must differ between conversations, or a mix-up could go unnoticed.
    firsts = {texts[0] for texts in expected}
    assert len(firsts) > len(expected) / 3
    follow_ups = [texts[1] for texts in expected]
    assert sum("Bedoelde je" in t or "begrijp ik niet" in t for t in follow_ups) == 0


async def test_a_thousand_questions_from_fifty_chats(
    api: FakeBotApi, plan: Plan, expected: list[list[str]]
) -> None:
    engine = Engine.open()
    asked: dict[int, int] = {}  # message_id of a question -> its conversation
    order: dict[int, list[int]] = {}  # conversation -> message_ids of its questions, in order
    update_ids: set[int] = set()
    for i, update in plan.updates():
        update_ids.add(api.push(update))
        message_id = update["message"]["message_id"]
        asked[message_id] = i
        order.setdefault(i, []).append(message_id)
    assert len(update_ids) == QUESTIONS

    started = time.monotonic()
    try:
        async with running_bot(
            api, lambda: engine, rate_limiter=PatientRateLimiter(overall_max_rate=0, group_max_rate=0)
        ):
            await api.wait_sent(QUESTIONS, timeout=BUDGET)
            await api.settle()
    finally:
        engine.close()
    elapsed = time.monotonic() - started

    sends = api.of("sendMessage")
    assert [c for c in sends if c.outcome != "ok"] == []
    assert len(sends) == QUESTIONS  # none lost, none twice
    assert APOLOGY not in [c.text for c in sends]

    received: dict[int, list[str]] = {}  # conversation -> replies, in the order sent
    for call in sends:
        chat_id = call.chat_id
        if chat_id is not None and chat_id > 0:
            # private: the chat is the conversation, and its replies come in order
            i = next(n for n, (chat, _) in enumerate(plan.people) if chat["id"] == chat_id)
        else:
            assert call.reply_to in asked, call.params  # groups: the reply quotes its question
            i = asked[call.reply_to]
        received.setdefault(i, []).append(call.text or "")

    groups_replies = [c.reply_to for c in sends if (c.chat_id or 0) < 0]
    assert len(groups_replies) == len(set(groups_replies))  # one reply per group question
    for i, texts in enumerate(expected):
        assert received.get(i) == texts, f"conversation {i}: {plan.people[i]}"
    assert elapsed < BUDGET


def test_requests_do_not_search_the_disk_for_sniffio(monkeypatch: pytest.MonkeyPatch) -> None:
    # httpcore imports sniffio (optional, and no longer installed by anyio) on every lock and
    # connection; a failed import is not cached, so without bot.edges.telegram.app's guard every
    # request searched all of sys.path ten times: a quarter of the bot's CPU (encode/httpcore#1103).
    httpcore._synchronization.current_async_library()  # an installed sniffio is now imported
    searched: list[str] = []
    find_spec = importlib.machinery.PathFinder.find_spec

    def counting(name: str, *args: Any, **kwargs: Any) -> Any:
        searched.append(name)
        return find_spec(name, *args, **kwargs)

    monkeypatch.setattr(importlib.machinery.PathFinder, "find_spec", counting)
    for _ in range(10):
        assert httpcore._synchronization.current_async_library() == "asyncio"
    assert searched == []

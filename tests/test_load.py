"""Load: 1,000 questions from 50 chats at once through the fake Bot API (30 private chats and 20
groups of three users), follow-ups and charts interleaved across all conversations. None is
lost, none is answered twice, and each reply is the one a separate Engine gives to that user's
own conversation, in the order asked.

Telegram's flood limits are on, at 20 times Telegram's speed (one message per 50 ms per chat,
20 per 3 s per group), against a server that takes 0-20 ms per message and refuses 2% of them
with a 429; charts take a while to draw, one at a time. So replies can overtake each other
(the question after a chart is answered before the chart is drawn) unless the bot keeps each
conversation in order: the test fails without the per-conversation
ordering (and without the limiter's patience, or with a global pause per 429)."""

from __future__ import annotations

import importlib.machinery
import random
import sys
import time
import types
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpcore._synchronization
import pytest
from fake_bot_api import BOT_USERNAME, Call, FakeBotApi
from telegram_helpers import group, private, running_bot, text_update, user

from bot.edges.telegram.rendering import CAPTION_LIMIT, render_answer, visible_units
from bot.edges.telegram.texts import APOLOGY
from bot.edges.telegram.transport import PatientRateLimiter
from bot.engine import Engine
from bot.model import ChartRequest

pytestmark = pytest.mark.slow  # CI runs it; `pytest -m "not slow"` is the quick loop

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
BUDGET = 60.0  # seconds for the whole run; about 15 on a laptop (the groups' flood limits)
# Every CHART_EVERY-th conversation asks for a chart after its first three questions. Charts
# are few but slow to draw (CHART_SECONDS, one at a time, as the real ones): the question after
# a chart is answered by the engine long before the chart is drawn.
CHART_EVERY = 5
CHART_SECONDS = (0.6, 0.9)


def conversation(rng: random.Random, length: int, chart: bool) -> list[str]:
    """A user's questions: a figure for a month, then "en in <month>?" and "en in <year>?"
    follow-ups (and, with `chart`, a chart after the first three), then a new figure, and so on."""
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
        if chart and len(questions) == 3:
            questions.append(f"grafiek {metric}")
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
        self.questions = [
            conversation(rng, base + (i < extra), i % CHART_EVERY == 0) for i in range(len(keys))
        ]
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
def expected(plan: Plan) -> list[list[tuple[str, str]]]:
    """Per conversation, the replies (method, Telegram HTML) a separate Engine gives, question
    by question, with that conversation's own context."""
    engine = Engine.open()
    try:
        replies = []
        for questions in plan.questions:
            context, texts = None, []
            for question in questions:
                answer = engine.answer(question, context)
                context = answer.context
                chunks = render_answer(answer)
                assert len(chunks) == 1, question  # one message per question: countable
                method = "sendPhoto" if answer.chart is not None else "sendMessage"
                if answer.chart is not None:
                    assert visible_units(chunks[0]) <= CAPTION_LIMIT, question  # all in the caption
                texts.append((method, chunks[0]))
            replies.append(texts)
        return replies
    finally:
        engine.close()


@pytest.fixture
def slow_charts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Charts that take CHART_SECONDS to draw (one at a time, as the real ones)."""
    rng = random.Random(466)

    def render_png(store: object, request: ChartRequest) -> bytes:
        time.sleep(rng.uniform(*CHART_SECONDS))
        return b"\x89PNG load"

    module = types.ModuleType("bot.present.charts")
    module.render_png_isolated = render_png  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bot.present.charts", module)


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    async with FakeBotApi() as server:
        yield server


def test_the_plan_is_varied(plan: Plan, expected: list[list[tuple[str, str]]]) -> None:
    # Replies must differ between conversations, or a mix-up could go unnoticed.
    firsts = {texts[0] for texts in expected}
    assert len(firsts) > len(expected) / 3
    follow_ups = [texts[1][1] for texts in expected]
    assert sum("Bedoelde je" in t or "begrijp ik niet" in t for t in follow_ups) == 0
    charts = sum(method == "sendPhoto" for texts in expected for method, _ in texts)
    assert charts >= len(plan.people) // CHART_EVERY // 2  # not every metric has a chart


@pytest.mark.slow
async def test_a_thousand_questions_from_fifty_chats(
    api: FakeBotApi, plan: Plan, expected: list[list[tuple[str, str]]], slow_charts: None
) -> None:
    engine = Engine.open()
    asked: dict[int, int] = {}  # message_id of a question -> its conversation
    update_ids: set[int] = set()
    for i, update in plan.updates():
        update_ids.add(api.push(update))
        asked[update["message"]["message_id"]] = i
    assert len(update_ids) == QUESTIONS
    api.latency = (0.0, 0.02)
    api.flaky = 0.02

    started = time.monotonic()
    try:
        async with running_bot(api, lambda: engine, rate_limiter=PatientRateLimiter(time_scale=0.05)):
            await api.wait_for(lambda: len(replies(api)) >= QUESTIONS, timeout=BUDGET)
            await api.settle()
    finally:
        engine.close()
    elapsed = time.monotonic() - started

    sends = replies(api)
    assert len(sends) == QUESTIONS  # none lost, none twice
    assert APOLOGY not in [c.text for c in sends]
    assert [c for c in api.calls if c.outcome == "retry_after"]  # the 429s did happen

    received: dict[int, list[tuple[str, str]]] = {}  # conversation -> replies, in the order sent
    for call in sends:
        chat_id = call.chat_id
        if chat_id is not None and chat_id > 0:
            # private: the chat is the conversation, and its replies come in order
            i = next(n for n, (chat, _) in enumerate(plan.people) if chat["id"] == chat_id)
        else:
            assert call.reply_to in asked, call.params  # groups: the reply quotes its question
            i = asked[call.reply_to]
        received.setdefault(i, []).append((call.method, call.text or ""))

    groups_replies = [c.reply_to for c in sends if (c.chat_id or 0) < 0]
    assert len(groups_replies) == len(set(groups_replies))  # one reply per group question
    for i, texts in enumerate(expected):
        assert received.get(i) == texts, f"conversation {i}: {plan.people[i]}"
    assert elapsed < BUDGET


def replies(api: FakeBotApi) -> list[Call]:
    """Messages and photos delivered."""
    return [c for c in api.calls if c.method in ("sendMessage", "sendPhoto") and c.outcome == "ok"]


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

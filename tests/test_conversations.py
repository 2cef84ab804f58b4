"""bot.dialogue.conversations.Conversations: one context per (chat, user), forgotten after ten quiet
minutes; checked alone with an injected clock and together with the engine."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from conftest import Figures

from bot.dialogue.conversations import DEFAULT_TTL_SECONDS, Conversations
from bot.engine import Engine
from bot.model import Answer, Context, Query

Check = Callable[[Answer], None]
GROUP = -100123  # a Telegram group chat id
ALICE, BOB = 11, 22


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def ctx(tag: str) -> Context:
    """A context told apart by its tag (the masked text of its query)."""
    return Context(intent="cijfers", query=Query(masked=tag))


def test_default_expiry_is_ten_minutes() -> None:
    assert DEFAULT_TTL_SECONDS == 600
    assert Conversations().ttl == 600


@pytest.mark.parametrize(
    ("elapsed", "alive"),
    [
        (0, True),
        (1, True),
        (599, True),
        (600.5, False),
        (601, False),
        (3600, False),
    ],
)
def test_expiry_after_ten_minutes(elapsed: float, alive: bool) -> None:
    clock = Clock()
    conversations = Conversations(clock=clock)
    conversations.put(GROUP, ALICE, ctx("a"))
    clock.advance(elapsed)
    assert (conversations.get(GROUP, ALICE) is not None) is alive


def test_expired_context_stays_gone() -> None:
    clock = Clock()
    conversations = Conversations(clock=clock)
    conversations.put(GROUP, ALICE, ctx("a"))
    clock.advance(601)
    assert conversations.get(GROUP, ALICE) is None
    clock.now -= 601  # even if the clock were set back, the entry was dropped
    assert conversations.get(GROUP, ALICE) is None


def test_each_question_restarts_the_ten_minutes() -> None:
    clock = Clock()
    conversations = Conversations(clock=clock)
    conversations.put(GROUP, ALICE, ctx("a"))
    clock.advance(500)
    conversations.put(GROUP, ALICE, ctx("b"))
    clock.advance(500)  # 1000 s after the first question, 500 after the last
    assert conversations.get(GROUP, ALICE) == ctx("b")


def test_custom_ttl() -> None:
    clock = Clock()
    conversations = Conversations(ttl=5, clock=clock)
    conversations.put(1, 1, ctx("a"))
    clock.advance(4)
    assert conversations.get(1, 1) is not None
    clock.advance(2)
    assert conversations.get(1, 1) is None


@pytest.mark.parametrize(
    ("writer", "reader"),
    [
        ((GROUP, ALICE), (GROUP, BOB)),  # two people in one group
        ((GROUP, ALICE), (555, ALICE)),  # one person in two chats
        ((ALICE, ALICE), (GROUP, ALICE)),  # a private chat (chat id = user id) and a group
    ],
)
def test_keys_are_chat_and_user(writer: tuple[int, int], reader: tuple[int, int]) -> None:
    conversations = Conversations(clock=Clock())
    conversations.put(*writer, ctx("w"))
    assert conversations.get(*reader) is None
    assert conversations.get(*writer) == ctx("w")


def test_one_user_expiring_does_not_touch_another() -> None:
    clock = Clock()
    conversations = Conversations(clock=clock)
    conversations.put(GROUP, ALICE, ctx("a"))
    clock.advance(400)
    conversations.put(GROUP, BOB, ctx("b"))
    clock.advance(300)
    assert conversations.get(GROUP, ALICE) is None
    assert conversations.get(GROUP, BOB) == ctx("b")


def test_full_store_drops_expired_then_oldest() -> None:
    clock = Clock()
    conversations = Conversations(ttl=100, clock=clock, max_entries=2)
    conversations.put(1, 1, ctx("old"))
    clock.advance(10)
    conversations.put(1, 2, ctx("mid"))
    clock.advance(10)
    conversations.put(1, 3, ctx("new"))  # full of live entries: the oldest goes
    assert conversations.get(1, 1) is None
    assert conversations.get(1, 2) == ctx("mid")
    assert conversations.get(1, 3) == ctx("new")


def test_concurrent_users() -> None:
    conversations = Conversations(clock=Clock())
    errors: list[BaseException] = []

    def user(uid: int) -> None:
        try:
            for i in range(200):
                conversations.put(GROUP, uid, ctx(f"{uid}-{i}"))
                assert conversations.get(GROUP, uid) == ctx(f"{uid}-{i}")
        except BaseException as ex:  # pragma: no cover - reported below
            errors.append(ex)

    threads = [threading.Thread(target=user, args=(uid,)) for uid in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert all(conversations.get(GROUP, uid) == ctx(f"{uid}-199") for uid in range(8))


# -- with the engine ------------------------------------------------------------------------


def turn(engine: Engine, conversations: Conversations, chat: int, user: int, text: str) -> Answer:
    """What a front end does with one message."""
    answer = engine.answer(text, conversations.get(chat, user))
    conversations.put(chat, user, answer.context)
    return answer


def test_two_users_interleaved_in_one_group(engine: Engine, figures: Figures, sourced: Check) -> None:
    conversations = Conversations(clock=Clock())
    a1 = turn(engine, conversations, GROUP, ALICE, "hoeveel gesprekken in mei 2020?")
    b1 = turn(engine, conversations, GROUP, BOB, "hoeveel nieuwe oproepers in maart 2019?")
    a2 = turn(engine, conversations, GROUP, ALICE, "en in juni?")
    b2 = turn(engine, conversations, GROUP, BOB, "en in april?")
    a3 = turn(engine, conversations, GROUP, ALICE, "en in 2019?")
    b3 = turn(engine, conversations, GROUP, BOB, "en hoeveel bezoekers in mei 2020?")
    b4 = turn(engine, conversations, GROUP, BOB, "en in juni?")
    expected = [
        (a1, "gesprekken", 2020, 5),
        (b1, "nieuwe_oproepers", 2019, 3),
        (a2, "gesprekken", 2020, 6),
        (b2, "nieuwe_oproepers", 2019, 4),
        (a3, "gesprekken", 2019, 6),
        (b3, "bezoekers_chatknop", 2020, 5),
        (b4, "bezoekers_chatknop", 2020, 6),
    ]
    for answer, metric, year, month in expected:
        sourced(answer)
        assert figures.has(answer.text, figures.value(metric, year, month)), answer.text
        assert f"{figures.month_name(month)} {year}" in answer.text


def test_same_user_in_two_chats(engine: Engine, figures: Figures) -> None:
    conversations = Conversations(clock=Clock())
    turn(engine, conversations, GROUP, ALICE, "hoeveel gesprekken in mei 2020?")
    turn(engine, conversations, ALICE, ALICE, "hoeveel nieuwe oproepers in mei 2019?")
    in_group = turn(engine, conversations, GROUP, ALICE, "en in juni?")
    in_private = turn(engine, conversations, ALICE, ALICE, "en in juni?")
    assert figures.has(in_group.text, figures.value("gesprekken", 2020, 6))
    assert figures.has(in_private.text, figures.value("nieuwe_oproepers", 2019, 6))


def test_followup_after_expiry_has_no_context(engine: Engine, figures: Figures) -> None:
    clock = Clock()
    conversations = Conversations(clock=clock)
    turn(engine, conversations, GROUP, ALICE, "hoeveel gesprekken in mei 2020?")
    clock.advance(599)
    live = turn(engine, conversations, GROUP, ALICE, "en in juni?")
    assert figures.has(live.text, figures.value("gesprekken", 2020, 6))
    clock.advance(601)
    stale = turn(engine, conversations, GROUP, ALICE, "en in juli?")
    assert stale.answered is False, stale.text
    assert figures.figures_given(stale, "en in juli?") == set(), stale.text
